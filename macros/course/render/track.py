"""The pages of a track besides its lessons: landing page, glossary, sources and the print booklet."""

from __future__ import annotations

from ..markup import citations_in, rebase
from ..model import Source, Term
from ..view.lesson import LessonView
from .language_links import track_language_links
from .lesson import render_lesson, source_line
from .pages import Page, cite, front_matter, md_escape


def render_landing(audience, views: list[LessonView], course, extras: list[tuple[str, str]]) -> Page:
    """Who the track is for, what it teaches, how long it takes, and its modules."""
    page = Page(f"{audience.id}/index.md", "", audience.name)
    ui = course.ui(audience)
    total = sum(v.minutes for v in views)
    activity = sum(v.activity_minutes for v in views)
    out = [front_matter({"title": audience.name, "description": audience.description,
                         "course": {"audience": audience.id, "kind": "landing"}}),
           f"# {md_escape(audience.name)}\n\n", track_language_links(audience, course),
           f"{md_escape(audience.who_for)}\n\n",
           f"**{ui('landing.time_needed')}** " + ui("landing.time_total", time=hours(total, ui))
           + (ui("landing.time_activities", time=hours(activity, ui)) if activity else "")
           + ui("landing.time_lessons", n=len(views)) + "\n\n"]
    if audience.trainer_led:
        out.append(ui("landing.trainer_led") + "\n\n")
    else:
        out.append(ui("landing.on_your_own") + "\n\n")
    # The lessons are indexed themselves: their aims and summaries are not indexed again here.
    out.append(f"## {ui('lesson.what_you_will_learn')} {{ data-search-exclude }}\n\n")
    for v in views:
        if v.objectives:
            out.append(f"- {cite(v.objectives[0], course.sources, 'sources.md')}\n")
    # A fixed id: the home page links #lessons, whatever the heading says in the track's language.
    out.append(f"\n## {ui('landing.lessons')} {{ #lessons data-search-exclude }}\n\n")
    for n, v in enumerate(views, 1):
        out.append(f"{n}. [{md_escape(v.title)}]({v.id}/index.md) ({ui('time.min', n=v.minutes)}): "
                   f"{cite(v.summary, course.sources, 'sources.md').strip()}\n")
    out.append(f"\n## {ui('landing.more')}\n\n")
    for label, link in [(ui("nav.glossary"), "glossary.md"), (ui("nav.sources"), "sources.md"), *extras]:
        out.append(f"- [{label}]({link})\n")
    page.markdown = "".join(out) + "\n"
    return page


def hours(minutes: int, ui) -> str:
    """'45 minutes', '1 hour 5 minutes', '3 hours' (in the catalog's language)."""
    if minutes < 60:
        return ui.minutes(minutes)
    h, m = divmod(minutes, 60)
    return ui.plural("time.hours", h) + (" " + ui.minutes(m) if m else "")



LINKS_MAX = 12  # lessons named per glossary term or source; more become a count, so pages stay small


def _lesson_links(views, ui) -> str:
    links = ", ".join(f"[{md_escape(v.title)}]({v.id}/index.md)" for v in views[:LINKS_MAX])
    return links + (ui("track.more_lessons", n=len(views) - LINKS_MAX) if len(views) > LINKS_MAX else "")


def _search(in_search: bool) -> dict:
    return {} if in_search else {"search": {"exclude": True}}


def render_glossary(audience, views: list[LessonView], course, in_search: bool = True) -> Page:
    """Every key term the track's lessons use, with the definition this audience gets. `in_search`: only one
    track's glossary is indexed, so a search finds each term once."""
    ui = course.ui(audience)
    page = Page(f"{audience.id}/glossary.md", "", ui("nav.glossary"), in_search=in_search)
    terms: dict[str, tuple[Term, str, list[LessonView]]] = {}
    for v in views:
        for term, definition in v.listed_terms:
            terms.setdefault(term.id, (term, definition, []))[2].append(v)
    out = [front_matter({"title": ui("nav.glossary"), **_search(in_search),
                         "course": {"audience": audience.id, "kind": "glossary"}}),
           f"# {ui('nav.glossary')}\n\n", ui("glossary.intro", track=md_escape(audience.name.lower())) + "\n\n"]
    for term, definition, used in sorted(terms.values(), key=lambda t: t[0].term.lower()):
        also = (" " + ui("glossary.also_called", names=md_escape(", ".join(term.also_called)))
                if term.also_called else "")
        lessons = _lesson_links(used, ui)
        out.append(f"## {md_escape(term.term)} {{#term-{term.id}}}\n\n"
                   f"{cite(definition, course.sources, 'sources.md').strip()}{also}\n\n"
                   f"{ui('glossary.used_in', lessons=lessons)}\n\n")
    page.markdown = "".join(out)
    return page


def render_sources(audience, views: list[LessonView], course, in_search: bool = True, also=()) -> Page:
    """Every source the track cites, once, with the lessons that cite it (indexed for one track only).
    `also`: keys cited elsewhere in the track (its facilitator guide)."""
    ui = course.ui(audience)
    page = Page(f"{audience.id}/sources.md", "", ui("nav.sources"), in_search=in_search)
    used: dict[str, tuple[Source, list[LessonView]]] = {}
    for v in views:
        for s in v.sources:
            used.setdefault(s.key, (s, []))[1].append(v)
    for v in views:  # glossary definitions cite sources too
        for _term, definition in v.listed_terms:
            for key in citations_in(definition):
                if key in course.sources:
                    used.setdefault(key, (course.sources[key], []))
    for key in also:
        if key in course.sources:
            used.setdefault(key, (course.sources[key], []))
    out = [front_matter({"title": ui("nav.sources"), **_search(in_search),
                         "course": {"audience": audience.id, "kind": "sources"}}),
           f"# {ui('nav.sources')}\n\n", ui("sources.intro") + "\n\n"]
    for s, lessons in sorted(used.values(), key=lambda x: x[0].short.lower()):
        cited_in = _lesson_links(lessons, ui)
        out.append(f"{source_line(s)}" + (" " + ui("sources.cited_in", lessons=cited_in) if cited_in else "")
                   + f"\n{{: #src-{s.key} }}\n\n")
    page.markdown = "".join(out)
    return page


def render_print(audience, views: list[LessonView], course, lesson_pages: list | None = None,
                 part: tuple[int, int] | None = None) -> Page:
    """The whole track as one page that prints as a booklet (learner content only), or with `part` (n, of)
    booklet n of a long track's booklets.

    Print styles (docs/assets/print.css) start each lesson on a new sheet: the page carries a `course-booklet`
    marker and each lesson title the class `course-lesson-start`. `lesson_pages`, when given, are the track's
    already rendered lesson pages (in the order of `views`), reused instead of rendering each lesson again."""
    from .pages import fragment

    ui = course.ui(audience)
    path = f"{audience.id}/print-{part[0]}.md" if part else f"{audience.id}/print.md"
    page = Page(path, "", ui("nav.print"), in_search=False)

    def title(track: str) -> str:
        return (ui("print.booklet_title", track=track, n=part[0], of=part[1]) if part
                else ui("print.title", track=track))
    out = [front_matter({"title": title(audience.name), "search": {"exclude": True},
                         "course": {"audience": audience.id, "kind": "print"}}),
           fragment(page, '<div class="course-booklet" hidden></div>'),
           f"# {title(md_escape(audience.name))}\n\n",
           ui("print.part_intro" if part else "print.intro") + "\n{: .course-screen-only }\n\n"]
    out.append("".join(f"{n}. {md_escape(v.title)} ({ui('time.min', n=v.minutes)})\n"
                       for n, v in enumerate(views, 1)) + "\n")
    for n, v in enumerate(views):
        lesson = lesson_pages[n] if lesson_pages and len(lesson_pages) == len(views) else \
            render_lesson(v, course, handout=False)
        body = lesson.markdown.split("---\n\n", 1)[1] if lesson.markdown.startswith("---") else lesson.markdown
        # Demote headings one level so the booklet keeps a single title; fix relative links for this page.
        lines = []
        for line in body.splitlines():
            if line.startswith("# "):
                line = "#" + line + " { .course-lesson-start }"
            elif line.startswith("#"):
                line = "#" + line
            lines.append(line)
        body = rebase("\n".join(lines), f"{v.id}/")  # links written for the lesson's folder, from the track's
        out.append(body + "\n\n")
        page.fragments.update(lesson.fragments)
    page.markdown = "".join(out)
    return page


BOOKLET_MAX = 25  # lessons per printed booklet: keeps each page's size, and so the build, linear in lessons


def render_booklets(audience, views: list[LessonView], course, lesson_pages: list | None = None) -> list[Page]:
    """The track's print view: one booklet, or for a long track an index of booklets of BOOKLET_MAX lessons
    (nobody prints a thousand lessons at once, and one page that size would dominate the build)."""
    if len(views) <= BOOKLET_MAX:
        return [render_print(audience, views, course, lesson_pages)]
    chunks = [range(i, min(i + BOOKLET_MAX, len(views))) for i in range(0, len(views), BOOKLET_MAX)]
    pages = []
    ui = course.ui(audience)
    index = Page(f"{audience.id}/print.md", "", ui("nav.print"), in_search=False)
    out = [front_matter({"title": ui("print.title", track=audience.name), "search": {"exclude": True},
                         "course": {"audience": audience.id, "kind": "print-index"}}),
           f"# {ui('print.title', track=md_escape(audience.name))}\n\n",
           ui("print.index_intro", n=len(views), booklets=len(chunks)) + "\n\n"]
    for n, r in enumerate(chunks, 1):
        first, last = views[r.start], views[r.stop - 1]
        out.append(f"{n}. [{ui('print.booklet', n=n)}](print-{n}.md): "
                   + ui("print.booklet_range", first=r.start + 1, last=r.stop, first_title=md_escape(first.title),
                        last_title=md_escape(last.title)) + "\n")
        pages.append(render_print(audience, [views[i] for i in r], course,
                                  [lesson_pages[i] for i in r] if lesson_pages else None, part=(n, len(chunks))))
    index.markdown = "".join(out) + "\n"
    return [index, *pages]
