"""A lesson page: one module for one audience, learner-facing. Never reads facilitator notes or answers."""

from __future__ import annotations

from .. import markup
from ..view.lesson import LessonView
from .chart import chart_html, flow_html
from .language_links import lesson_language_links
from .pages import Page, cite, fragment, front_matter, md_escape


def legal_notice(view, course, text: str) -> str:
    """The catalog's legal notice (shown on any lesson that cites a law, ruling or settlement: a source marked
    `legal`) when `text` does not already say it is not legal advice; else ""."""
    term_sources = [course.sources[k] for t, _ in view.terms for k in t.sources if k in course.sources]
    if any(src.legal for src in [*view.sources, *term_sources]) and "not legal advice" not in " ".join(text.split()):
        return course.ui(view.audience)("lesson.legal_notice")
    return ""


def kind_label(ui, kind: str) -> str:
    """An activity's kind as a label ("role-play" is catalog key activity_kinds.role_play)."""
    return ui.strings.get(f"activity_kinds.{kind.replace('-', '_')}") or ui("activity_kinds.other")


def lesson_path(audience_id: str, module_id: str) -> str:
    return f"{audience_id}/{module_id}/index.md"


def render_lesson(view: LessonView, course, handout: bool = True) -> Page:
    aid, mid = view.audience.id, view.id
    page = Page(lesson_path(aid, mid), "", view.title)
    src = "../sources.md"
    ui = course.ui(view.audience)

    def c(text: str) -> str:
        return module_links(cite(text, course.sources, src), course, aid)

    out = [_head(view, course, c, ui), _sections(view, page, course, c, ui), _case_studies(view, c, ui),
           _activities(view, c, ui), _questions(view, c, ui),
           f"## {ui('lesson.key_points')} {{ data-search-exclude }}\n\n", _bullets(view.key_points, c)]
    if view.actions:
        out += [f"## {ui('lesson.what_you_can_do')} {{ data-search-exclude }}\n\n", _bullets(view.actions, c)]
    # Reference material comes after the lesson, collapsed, so a phone reader reaches the end quickly.
    out.append(_reference(view, c, ui))
    links = []
    if handout:
        links.append(f"[{ui('lesson.printable_handout')}](handout.md)")
    out.append(" · ".join(links) + ("\n\n" if links else ""))
    out.append(_footer(view, course, "".join(out), ui))
    page.markdown = "".join(out)
    return page


def _head(view: LessonView, course, c, ui) -> str:
    """Front matter, title, summary, time line, links to the other languages, then the objectives."""
    aid, mid = view.audience.id, view.id
    return "".join([
        front_matter({"title": view.title, "description": _plain(view.summary, course),
                      "course": {"audience": aid, "module": mid, "kind": "lesson"}}),
        f"# {md_escape(view.title)}\n\n",
        f"{c(view.summary)}\n\n" if view.summary else "",
        "*" + ui("lesson.meta", audience=md_escape(view.audience.name.lower()), minutes=ui.minutes(view.minutes))
        + (ui("lesson.meta_activities", n=view.activity_minutes) if view.activity_minutes else "") + "*\n"
        "{: .course-meta }\n\n", lesson_language_links(view, course),
        f"## {ui('lesson.what_you_will_learn')} {{ data-search-exclude }}\n\n",  # aims, not content
        _bullets(view.objectives, c)])


def _sections(view: LessonView, page: Page, course, c, ui) -> str:
    """The lesson's sections: heading, body, then its chart or flow (registered on `page` as trusted HTML)."""
    out = []
    for s in view.sections:
        out.append(f"## {c(s.title)}\n\n")
        if s.body:
            out.append(c(s.body).strip() + "\n\n")
        if s.chart:
            out.append(fragment(page, chart_html(s.chart, f"chart-{s.id}", course.sources, ui)))
        if s.flow:
            out.append(fragment(page, flow_html(s.flow, f"flow-{s.id}", course.sources, ui)))
    return "".join(out)


def _case_studies(view: LessonView, c, ui) -> str:
    """The case studies, each with its discussion questions; "" when the lesson has none."""
    if not view.case_studies:
        return ""
    out = [f"## {ui('lesson.case_studies') if len(view.case_studies) > 1 else ui('lesson.case_study')}\n\n"]
    for cs in view.case_studies:
        out.append(f"### {c(cs.title)}\n\n{c(cs.body).strip()}\n\n")
        if cs.discussion:
            out.append(f"**{ui('lesson.think_about_it')}**\n\n" + _bullets(cs.discussion, c))
    return "".join(out)


def _activities(view: LessonView, c, ui) -> str:
    """The activities, with their printable materials and prompts; "" when the lesson has none."""
    if not view.activities:
        return ""
    # run in the room: searching them is no help
    out = [f"## {ui('lesson.activities')} {{ data-search-exclude }}\n\n"]
    for a in view.activities:
        out.append(f"### {c(a.title)} {{ data-search-exclude }}\n\n"
                   f"*{ui('lesson.activity_meta', kind=kind_label(ui, a.kind), minutes=a.minutes)}*\n"
                   "{: .course-meta }\n\n")
        out.append(c(a.instructions).strip() + "\n\n")
        out.append(material_links(view, a, "../materials/index.md", ui))
        if a.prompts:
            out.append(f"**{ui('lesson.questions_to_discuss')}**\n\n" + _bullets(a.prompts, c))
    return "".join(out)


def _questions(view: LessonView, c, ui) -> str:
    """The self-check: each question with its choices, then the answers (inline, or a pointer to the guide)."""
    if not view.questions:
        return ""
    # questions are for answering, not finding
    out = [f"## {ui('lesson.check_yourself')} {{ data-search-exclude }}\n\n"]
    inline = view.audience.answers == "inline"
    for n, q in enumerate(view.questions, 1):
        out.append(f"### {ui('lesson.question', n=n)} {{ data-search-exclude }}\n\n{c(q.question)}\n\n")
        out.append("".join(f"{i}. {c(ch)}\n" for i, ch in enumerate(q.choices, 1)) + "\n")
        if inline:
            out.append(answer_details(q, c, ui))
    if inline:
        # On paper the open disclosures would give each answer away under its question (Material opens
        # them for printing): print.css hides them and prints this line at the end instead.
        out.append(f"**{ui('lesson.answers')}** " + "; ".join(ui("lesson.answers_item", n=n, answer=q.answer)
                                              for n, q in enumerate(view.questions, 1))
                   + ".\n{: .course-print-only }\n\n")
    elif "guide" in view.audience.formats:
        out.append(f"{ui('lesson.answers_in_guide')} [{ui('lesson.facilitator_guide_link')}](../guide.md).\n\n")
    return "".join(out)


def _reference(view: LessonView, c, ui) -> str:
    """The key terms and the sources, each in a collapsed block."""
    out = []
    if view.terms:
        out.append(f'??? course-more "{ui("lesson.key_terms", n=len(view.terms))}"\n')
        for term, definition in view.terms:
            out.append(_indent(f"**{md_escape(term.term)}**: {c(definition).strip()} "
                               f"([{ui('lesson.glossary_link')}](../glossary.md#term-{term.id}))") + "\n\n")
    if view.sources:
        out.append(f'??? course-more "{ui("lesson.sources", n=len(view.sources))}"\n')
        for source in view.sources:
            out.append(_indent(f"- {source_line(source)}") + "\n")
        out.append("\n")
    return "".join(out)


def _footer(view: LessonView, course, text: str, ui) -> str:
    """The adaptation line of an override, then the version line (with the legal notice unless `text`, the page
    so far, already says it is not legal advice)."""
    out = []
    if view.module.origin in ("overlay-replaced", "overlay-blocks"):
        out.append("*" + ui("lesson.adapted", organization=md_escape(course.settings.organization),
                              version=md_escape(view.module.upstream_version)) + "*\n{: .course-meta }\n\n")
    notice = legal_notice(view, course, text + "".join(out))
    notice = f" {notice}" if notice else ""
    due = view.module.review_due()
    out.append("*" + ui("lesson.version_line", version=md_escape(view.module.version),
                        date=ui.page_date(view.module.last_reviewed()))
               + (ui("lesson.review_due", date=ui.page_date(due)) if due else "")
               + f".{notice}*\n{{: .course-meta }}\n")
    return "".join(out)


def module_links(text: str, course, audience_id: str, base: str = "../") -> str:
    """Cross-references in `text` as links to the lessons of this track (see `markup.module_links`)."""
    return markup.module_links(text, course.track_ids(audience_id), course.modules, base)


def answer_details(q, c, ui) -> str:
    """A native disclosure under a question: the right choice, then why each choice is right or wrong. Works
    without JavaScript and by keyboard; a screen reader announces it as a collapsed "Check your answer"."""
    right = q.answer
    lines = [f"**{ui('self_check.the_answer_is', n=right, choice=c(q.choices[right - 1]).strip())}**", ""]
    for i, choice in enumerate(q.choices, 1):
        why = (q.reasons[i - 1] if i <= len(q.reasons) else "") or (q.explanation if i == right else "")
        verdict = ui("self_check.right") if i == right else ui("self_check.not_right")
        text = c(choice).strip()
        text += "" if text.endswith((".", "?", "!", '"', "”", "'")) else "."  # "…the same." then the verdict
        lines.append(f"- {i}\\. {text} *{verdict}.* {c(why).strip()}".rstrip())
    right_why = q.reasons[right - 1] if right <= len(q.reasons) else ""
    if q.explanation and right_why:  # the overall explanation, unless it already stood in for the reason
        lines += ["", c(q.explanation).strip()]
    return f'??? course-answer "{ui("self_check.check_your_answer")}"\n' + _indent("\n".join(lines)) + "\n\n"


def _indent(text: str) -> str:
    """Content of a collapsible block: every line indented four spaces."""
    return "\n".join(("    " + line) if line.strip() else "" for line in text.split("\n"))


def material_links(view, activity, page: str, ui) -> str:
    """A line linking an activity's printable materials (cards, scenarios, briefs, worksheets), if it has any."""
    specs = [m for m in view.print_materials if m.activity == activity.id]
    if not specs:
        return ""
    return (f"**{ui('lesson.printable_materials')}** "
            + " · ".join(f"[{md_escape(m.title)}]({page}#mat-{view.id}-{m.id})" for m in specs) + "\n\n")


def _bullets(items, c) -> str:
    return "".join(f"- {c(x).strip()}\n" for x in items) + "\n"


def _plain(text: str, course) -> str:
    return " ".join(cite(text, course.sources, None).split())[:300]


def source_line(s) -> str:
    """One source as a Markdown line: title (linked when it has an address), authors, publisher, date. The
    editor's note is never shown: how a source was checked is for editors, not readers."""
    title = md_escape(s.title.strip('"'))
    title = f"[{title}]({s.url})" if s.url else title
    who = f"{md_escape(s.authors)}. " if s.authors and s.authors != s.publisher else ""
    return f"**{md_escape(s.short)}**: {who}{title}. {md_escape(s.publisher)}, {md_escape(s.date)}."
