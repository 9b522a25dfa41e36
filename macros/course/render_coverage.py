"""The coverage page: audiences × topics, minutes, words and reading grade per track, and reviews due."""

from __future__ import annotations

from .pages import Page, front_matter, md_escape
from .report import Report


def render_coverage(course, report: Report) -> Page:
    page = Page("coverage.md", "", "Coverage")
    topics = list(course.topics.values())
    out = [front_matter({"title": "Coverage", "course": {"kind": "coverage"}}), "# Coverage\n\n",
           "How many lessons of each track cover each topic. The first four topics are the ones clause 2 of the "
           "ALA resolution names; every track must cover all four.\n\n",
           "| Track | " + " | ".join(md_escape(t.name) for t in topics) + " |\n",
           "|---|" + "---:|" * len(topics) + "\n"]
    for t in report.tracks:
        row = [str(len(report.coverage[t.audience].get(topic.id, []))) for topic in topics]
        out.append(f"| {md_escape(t.name)} | " + " | ".join(row) + " |\n")
    out += ["\n## Size and reading level\n\n",
            "Reading grade is the Flesch-Kincaid grade of the learner text, weighted by words.\n\n",
            "| Track | Lessons | Words | Minutes | Reading grade | Target |\n|---|---:|---:|---:|---:|---:|\n"]
    for t in report.tracks:
        out.append(f"| {md_escape(t.name)} | {len(t.lessons)} | {t.words:,} | {t.minutes} | {t.grade} | "
                   f"{t.grade_max:g} |\n")
    out.append("\n## Reviews due\n\n")
    if report.due:
        out += [f"- {md_escape(m)}: due {d}\n" for m, d in report.due]
    else:
        out.append("No module is past its review date.\n")
    page.markdown = "".join(out) + "\n"
    return page
