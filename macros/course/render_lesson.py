"""A lesson page: one module for one audience, learner-facing. Never reads facilitator notes or answers."""

from __future__ import annotations

import re

from .pages import Page, cite, fragment, front_matter, md_escape
from .render_chart import chart_html, flow_html
from .view import LessonView

KIND_LABEL = {"discussion": "Discussion", "role-play": "Role-play", "exercise": "Exercise",
              "demonstration": "Demonstration", "reading": "Reading"}


def lesson_path(audience_id: str, module_id: str) -> str:
    return f"{audience_id}/{module_id}/index.md"


def render_lesson(view: LessonView, course, handout: bool = True) -> Page:
    aid, mid = view.audience.id, view.id
    page = Page(lesson_path(aid, mid), "", view.title)
    src = "../sources.md"

    def c(text: str) -> str:
        return module_links(cite(text, course.sources, src), course, aid)

    due = view.module.review_due()
    out = [front_matter({"title": view.title, "description": _plain(view.summary, course),
                         "course": {"audience": aid, "module": mid, "kind": "lesson"}}),
           f"# {md_escape(view.title)}\n\n",
           f"{c(view.summary)}\n\n" if view.summary else "",
           f"*For {md_escape(view.audience.name.lower())} · about {view.minutes} minutes"
           f"{f' ({view.activity_minutes} of them activities)' if view.activity_minutes else ''}*\n"
           "{: .course-meta }\n\n",
           "## What you will learn\n\n", _bullets(view.objectives, c)]
    for s in view.sections:
        out.append(f"## {c(s.title)}\n\n")
        if s.body:
            out.append(c(s.body).strip() + "\n\n")
        if s.chart:
            out.append(fragment(page, chart_html(s.chart, f"chart-{s.id}", course.sources)))
        if s.flow:
            out.append(fragment(page, flow_html(s.flow, f"flow-{s.id}", course.sources)))
    if view.case_studies:
        out.append("## Case studies\n\n" if len(view.case_studies) > 1 else "## Case study\n\n")
        for cs in view.case_studies:
            out.append(f"### {c(cs.title)}\n\n{c(cs.body).strip()}\n\n")
            if cs.discussion:
                out.append("**Think about it:**\n\n" + _bullets(cs.discussion, c))
    if view.activities:
        out.append("## Activities\n\n")
        for a in view.activities:
            out.append(f"### {c(a.title)}\n\n*{KIND_LABEL.get(a.kind, 'Activity')} · {a.minutes} minutes*\n"
                       "{: .course-meta }\n\n")
            out.append(c(a.instructions).strip() + "\n\n")
            out.append(material_links(view, a, "../materials/index.md"))
            if a.prompts:
                out.append("**Questions to discuss:**\n\n" + _bullets(a.prompts, c))
    if view.questions:
        out.append("## Check yourself\n\n")
        for n, q in enumerate(view.questions, 1):
            out.append(f"### Question {n}\n\n{c(q.question)}\n\n")
            out.append("".join(f"{i}. {c(ch)}\n" for i, ch in enumerate(q.choices, 1)) + "\n")
        if "guide" in view.audience.formats:
            out.append("The answers, with the reasons behind them, are in the answer key of the "
                       "[facilitator guide](../guide.md).\n\n")
    out += ["## Key points\n\n", _bullets(view.key_points, c)]
    if view.actions:
        out += ["## What you can do\n\n", _bullets(view.actions, c)]
    if view.terms:
        out.append("## Key terms\n\n")
        for term, definition in view.terms:
            out.append(f"**{md_escape(term.term)}**: {c(definition).strip()} "
                       f"([glossary](../glossary.md#term-{term.id}))\n\n")
    if view.sources:
        out.append("## Sources\n\n")
        for s in view.sources:
            out.append(f"- {source_line(s)}\n")
        out.append("\n")
    links = []
    if handout:
        links.append("[Printable handout](handout.md)")
    out.append(" · ".join(links) + ("\n\n" if links else ""))
    if view.module.origin in ("overlay-replaced", "overlay-blocks"):
        out.append(f"*Adapted by {md_escape(course.settings.organization)} from version "
                   f"{md_escape(view.module.upstream_version)} of the upstream lesson (CC BY 4.0).*\n"
                   "{: .course-meta }\n\n")
    out.append(f"*Version {md_escape(view.module.version)}. Facts last checked {view.module.last_reviewed()}"
               + (f"; next review due {due}" if due else "") + ".*\n{: .course-meta }\n")
    page.markdown = "".join(out)
    return page


_MODULE_LINK = re.compile(r"\[([^\]]*)\]\(\.\./([a-z0-9-]+)/?(?:index\.md)?(#[^)]*)?\)")


def module_links(text: str, course, audience_id: str) -> str:
    """Links to another lesson (`../bias/`) point at its page in this track, or become plain text if the
    track does not have it, so no link is broken in any track."""
    if "](../" not in text:
        return text
    in_track = course.track_ids(audience_id)

    def repl(m):
        target = m.group(2)
        if target in in_track:
            return f"[{m.group(1)}](../{target}/index.md{m.group(3) or ''})"
        return m.group(1) if target in course.modules else m.group(0)  # a lesson this track lacks: plain text
    return _MODULE_LINK.sub(repl, text)


def material_links(view, activity, page: str) -> str:
    """A line linking an activity's printable materials (cards, scenarios, briefs, worksheets), if it has any."""
    specs = [m for m in view.module.data.get("print_materials") or [] if m.get("activity") == activity.id]
    if not specs:
        return ""
    return ("**Printable materials:** " + " · ".join(f"[{md_escape(m['title'])}]({page}#mat-{view.id}-{m['id']})"
                                                     for m in specs) + "\n\n")


def _bullets(items, c) -> str:
    return "".join(f"- {c(x).strip()}\n" for x in items) + "\n"


def _plain(text: str, course) -> str:
    return " ".join(cite(text, course.sources, None).split())[:300]


def source_line(s) -> str:
    """One source as a Markdown line: title (linked when verified), authors, publisher, date."""
    title = md_escape(s.title.strip('"'))
    title = f"[{title}]({s.url})" if s.url else title
    who = f"{md_escape(s.authors)}. " if s.authors and s.authors != s.publisher else ""
    note = f" ({md_escape(s.url_note)})" if s.url_note and not s.url else ""
    return f"**{md_escape(s.short)}**: {who}{title}. {md_escape(s.publisher)}, {md_escape(s.date)}.{note}"
