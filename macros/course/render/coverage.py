"""The coverage page: audiences × topics, minutes, words and reading grade per track, and reviews due."""

from __future__ import annotations

import html

from ..view.report import Report
from .pages import Page, fragment, front_matter, md_escape


def render_coverage(course, report: Report) -> Page:
    ui = course.ui()  # a page of the whole site, not of one track
    page = Page("coverage.md", "", ui("coverage.title"))
    topics = list(course.topics.values())
    out = [front_matter({"title": ui("coverage.title"), "course": {"kind": "coverage"}}),
           f"# {ui('coverage.title')}\n\n", ui("coverage.intro") + "\n\n"]
    # A table of our own (class set): it fits the page, so no scrolling region needs keyboard access.
    e = html.escape
    rows = "".join(
        f'<tr><th scope="row">{e(topic.name)}</th>'
        + "".join(f"<td>{len(report.coverage[t.audience].get(topic.id, []))}</td>" for t in report.tracks) + "</tr>"
        for topic in topics)
    head = "".join(f'<th scope="col">{e(t.name)}</th>' for t in report.tracks)
    out.append(fragment(page, f'<table class="course-table"><caption>{e(ui("coverage.per_topic"))}</caption>'
                              f'<thead><tr><th scope="col">{e(ui("coverage.topic"))}</th>{head}</tr></thead>'
                              f'<tbody>{rows}</tbody></table>'))
    out += [f"\n## {ui('coverage.size_heading')}\n\n",
            ui("coverage.grade_note")
            + "".join(" " + ui("coverage.ease_note", track=md_escape(t.name), measure=t.measure.name)
                      for t in report.tracks if t.measure.higher_is_easier) + "\n\n"]
    body = "".join(f'<tr><th scope="row">{e(t.name)}</th><td>{len(t.lessons)}</td><td>{t.words:,}</td>'
                   f"<td>{t.minutes}</td><td>{t.grade}</td><td>{_target(t)}</td></tr>" for t in report.tracks)
    cols = "".join(f'<th scope="col">{e(ui("coverage.col_" + c))}</th>'
                   for c in ("track", "lessons", "words", "minutes", "grade", "target"))
    out.append(fragment(page, f'<table class="course-table"><caption>{e(ui("coverage.per_track"))}</caption>'
                              f"<thead><tr>{cols}</tr></thead><tbody>{body}</tbody></table>"))
    out.append(f"\n## {ui('coverage.reviews_due')}\n\n")
    if report.due:
        out += [f"- {ui('coverage.due', module=md_escape(m), date=ui.page_date(d))}\n" for m, d in report.due]
    else:
        out.append(ui("coverage.none_due") + "\n")
    page.markdown = "".join(out) + "\n"
    return page


def _target(track) -> str:
    if track.target is None:
        return ""
    return f"≥ {track.target:g}" if track.measure.higher_is_easier else f"{track.target:g}"
