"""The coverage page: audiences × topics, minutes, words and reading grade per track, and reviews due."""

from __future__ import annotations

import html

from .pages import Page, fragment, front_matter, md_escape
from ..view.report import Report


def render_coverage(course, report: Report) -> Page:
    page = Page("coverage.md", "", "Coverage")
    topics = list(course.topics.values())
    out = [front_matter({"title": "Coverage", "course": {"kind": "coverage"}}), "# Coverage\n\n",
           "How many lessons of each track cover each topic. The first four topics are the ones clause 2 of the "
           "ALA resolution names; every track must cover all four.\n\n"]
    # A table of our own (class set): it fits the page, so no scrolling region needs keyboard access.
    e = html.escape
    rows = "".join(
        f'<tr><th scope="row">{e(topic.name)}</th>'
        + "".join(f"<td>{len(report.coverage[t.audience].get(topic.id, []))}</td>" for t in report.tracks) + "</tr>"
        for topic in topics)
    head = "".join(f'<th scope="col">{e(t.name)}</th>' for t in report.tracks)
    out.append(fragment(page, f'<table class="course-table"><caption>Lessons per topic and track</caption>'
                              f'<thead><tr><th scope="col">Topic</th>{head}</tr></thead><tbody>{rows}</tbody></table>'))
    out += ["\n## Size and reading level\n\n",
            "Reading grade is the Flesch-Kincaid grade of the learner text, weighted by words."
            + "".join(f" For the {md_escape(t.name)} track it is the {t.measure.name} (higher is easier), and its "
                      "target is a minimum." for t in report.tracks if t.measure.higher_is_easier) + "\n\n"]
    body = "".join(f'<tr><th scope="row">{e(t.name)}</th><td>{len(t.lessons)}</td><td>{t.words:,}</td>'
                   f"<td>{t.minutes}</td><td>{t.grade}</td><td>{_target(t)}</td></tr>" for t in report.tracks)
    out.append(fragment(page, '<table class="course-table"><caption>Size and reading level per track</caption>'
                              '<thead><tr><th scope="col">Track</th><th scope="col">Lessons</th><th scope="col">Words'
                              '</th><th scope="col">Minutes</th><th scope="col">Reading grade</th><th scope="col">'
                              f"Target</th></tr></thead><tbody>{body}</tbody></table>"))
    out.append("\n## Reviews due\n\n")
    if report.due:
        out += [f"- {md_escape(m)}: due {d}\n" for m, d in report.due]
    else:
        out.append("No module is past its review date.\n")
    page.markdown = "".join(out) + "\n"
    return page


def _target(track) -> str:
    if track.target is None:
        return ""
    return f"≥ {track.target:g}" if track.measure.higher_is_easier else f"{track.target:g}"
