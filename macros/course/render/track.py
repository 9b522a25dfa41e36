"""The pages of a track besides its lessons: landing page, glossary, sources and the print booklet."""

from __future__ import annotations

from .pages import Page, cite, front_matter, md_escape, minutes_text
from .lesson import render_lesson, source_line
from .language_links import track_language_links
from ..view.lesson import LessonView


def render_landing(audience, views: list[LessonView], course, extras: list[tuple[str, str]]) -> Page:
    """Who the track is for, what it teaches, how long it takes, and its modules."""
    page = Page(f"{audience.id}/index.md", "", audience.name)
    total = sum(v.minutes for v in views)
    activity = sum(v.activity_minutes for v in views)
    out = [front_matter({"title": audience.name, "description": audience.description,
                         "course": {"audience": audience.id, "kind": "landing"}}),
           f"# {md_escape(audience.name)}\n\n", track_language_links(audience, course),
           f"{md_escape(audience.who_for)}\n\n",
           f"**Time needed:** about {hours(total)} in all"
           + (f", including {hours(activity)} of activities" if activity else "")
           + f", across {len(views)} lessons.\n\n"]
    if audience.trainer_led:
        out.append("This track is written for a trainer-led session; the facilitator guide has timed plans.\n\n")
    else:
        out.append("You can work through this track on your own, one lesson at a time.\n\n")
    # The lessons are indexed themselves: their aims and summaries are not indexed again here.
    out.append("## What you will learn { data-search-exclude }\n\n")
    for v in views:
        if v.objectives:
            out.append(f"- {cite(v.objectives[0], course.sources, 'sources.md')}\n")
    out.append("\n## Lessons { data-search-exclude }\n\n")
    for n, v in enumerate(views, 1):
        out.append(f"{n}. [{md_escape(v.title)}]({v.id}/index.md) ({v.minutes} min): "
                   f"{cite(v.summary, course.sources, 'sources.md').strip()}\n")
    out.append("\n## More for this track\n\n")
    for label, link in [("Glossary", "glossary.md"), ("Sources", "sources.md"), *extras]:
        out.append(f"- [{label}]({link})\n")
    page.markdown = "".join(out) + "\n"
    return page


def hours(minutes: int) -> str:
    """'45 minutes', '1 hour 5 minutes', '3 hours'."""
    if minutes < 60:
        return minutes_text(minutes)
    h, m = divmod(minutes, 60)
    return f"{h} hour{'s' if h > 1 else ''}" + (f" {minutes_text(m)}" if m else "")



LINKS_MAX = 12  # lessons named per glossary term or source; more become a count, so pages stay small


def _lesson_links(views) -> str:
    links = ", ".join(f"[{md_escape(v.title)}]({v.id}/index.md)" for v in views[:LINKS_MAX])
    return links + (f" and {len(views) - LINKS_MAX} more lessons" if len(views) > LINKS_MAX else "")


def _search(in_search: bool) -> dict:
    return {} if in_search else {"search": {"exclude": True}}


def render_glossary(audience, views: list[LessonView], course, in_search: bool = True) -> Page:
    """Every key term the track's lessons use, with the definition this audience gets. `in_search`: only one
    track's glossary is indexed, so a search finds each term once."""
    page = Page(f"{audience.id}/glossary.md", "", "Glossary", in_search=in_search)
    terms = {}
    for v in views:
        for term, definition in v.listed_terms:
            terms.setdefault(term.id, (term, definition, []))[2].append(v)
    out = [front_matter({"title": "Glossary", **_search(in_search), "course": {"audience": audience.id, "kind": "glossary"}}),
           "# Glossary\n\n", f"Words used in the {md_escape(audience.name.lower())} track, in plain language.\n\n"]
    for term, definition, used in sorted(terms.values(), key=lambda t: t[0].term.lower()):
        also = f" Also called: {md_escape(', '.join(term.also_called))}." if term.also_called else ""
        lessons = _lesson_links(used)
        out.append(f"## {md_escape(term.term)} {{#term-{term.id}}}\n\n"
                   f"{cite(definition, course.sources, 'sources.md').strip()}{also}\n\nUsed in: {lessons}\n\n")
    page.markdown = "".join(out)
    return page


def render_sources(audience, views: list[LessonView], course, in_search: bool = True, also=()) -> Page:
    """Every source the track cites, once, with the lessons that cite it (indexed for one track only).
    `also`: keys cited elsewhere in the track (its facilitator guide)."""
    page = Page(f"{audience.id}/sources.md", "", "Sources", in_search=in_search)
    used = {}
    for v in views:
        for s in v.sources:
            used.setdefault(s.key, (s, []))[1].append(v)
    for v in views:  # glossary definitions cite sources too
        for term, definition in v.listed_terms:
            from ..text_checks import citations_in
            for key in citations_in(definition):
                if key in course.sources:
                    used.setdefault(key, (course.sources[key], []))
    for key in also:
        if key in course.sources:
            used.setdefault(key, (course.sources[key], []))
    out = [front_matter({"title": "Sources", **_search(in_search), "course": {"audience": audience.id, "kind": "sources"}}),
           "# Sources\n\n",
           "Every figure, date, legal statement and quotation in this track comes from one of these sources. "
           "Where a web address could not be checked, the entry says so.\n\n"]
    for s, lessons in sorted(used.values(), key=lambda x: x[0].short.lower()):
        cited_in = _lesson_links(lessons)
        out.append(f"{source_line(s)}" + (f" Cited in: {cited_in}." if cited_in else "") + f"\n{{: #src-{s.key} }}\n\n")
    page.markdown = "".join(out)
    return page


def render_print(audience, views: list[LessonView], course, lesson_pages: list | None = None) -> Page:
    """The whole track as one page that prints as a booklet (learner content only).

    Print styles (docs/assets/print.css) start each lesson on a new sheet: the page carries a `course-booklet`
    marker and each lesson title the class `course-lesson-start`. `lesson_pages`, when given, are the track's
    already rendered lesson pages (in the order of `views`), reused instead of rendering each lesson again."""
    from .pages import fragment

    page = Page(f"{audience.id}/print.md", "", "Print the whole track", in_search=False)
    out = [front_matter({"title": f"{audience.name}: the whole track", "search": {"exclude": True},
                         "course": {"audience": audience.id, "kind": "print"}}),
           fragment(page, '<div class="course-booklet" hidden></div>'),
           f"# {md_escape(audience.name)}: the whole track\n\n",
           "This page holds every lesson of the track, to print as one booklet. Each lesson starts on a new "
           "sheet.\n{: .course-screen-only }\n\n"]
    out.append("".join(f"{n}. {md_escape(v.title)} ({v.minutes} min)\n" for n, v in enumerate(views, 1)) + "\n")
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
        body = "\n".join(lines)
        body = body.replace("](../", "](").replace("](handout.md)", f"]({v.id}/handout.md)")
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
    index = Page(f"{audience.id}/print.md", "", "Print the whole track", in_search=False)
    out = [front_matter({"title": f"{audience.name}: the whole track", "search": {"exclude": True},
                         "course": {"audience": audience.id, "kind": "print-index"}}),
           f"# {md_escape(audience.name)}: the whole track\n\n",
           f"The track has {len(views)} lessons, printed as {len(chunks)} booklets:\n\n"]
    for n, r in enumerate(chunks, 1):
        first, last = views[r.start], views[r.stop - 1]
        out.append(f"{n}. [Booklet {n}](print-{n}.md): lessons {r.start + 1} to {r.stop}, "
                   f"from {md_escape(first.title)} to {md_escape(last.title)}\n")
        part = render_print(audience, [views[i] for i in r], course,
                            [lesson_pages[i] for i in r] if lesson_pages else None)
        part.path = f"{audience.id}/print-{n}.md"
        part.markdown = (part.markdown.replace(": the whole track", f": booklet {n} of {len(chunks)}", 2)
                         .replace("This page holds every lesson of the track", "This page holds one part of the track"))
        pages.append(part)
    index.markdown = "".join(out) + "\n"
    return [index, *pages]
