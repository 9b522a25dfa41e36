"""The real curriculum meets its own rules: complete lessons for every audience, clause-2 topics in every track,
reading level within target, versions tailored rather than relabelled, and every figure traced to a source."""

import re
from html.parser import HTMLParser

import pytest

from macros.course.check.course import load_course
from support.project import REPO, course_cli

CAPSTONES = {"staff": "staff-responding", "patrons": "patrons-rights", "trustees": "trustees-policy",
             "administrators": "administrators-procurement", "community": "community-hosting",
             "legislators": "legislators-brief"}


@pytest.fixture(scope="module")
def course():
    course, problems = load_course(REPO)
    assert not problems.errors, [str(p) for p in problems.sorted()]
    return course


def test_stats_command_reports_every_track():
    result = course_cli("stats", root=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    for audience in CAPSTONES:
        assert re.search(rf"^{audience}\s+\d+\s+[\d,]+\s+\d+\s+[\d.]+\s+\d+", result.stdout, re.M), audience


class _Units(HTMLParser):
    """Paragraphs and list items of a lesson's article, with the section they are in and their links."""

    SKIP_SECTIONS = {"Activities", "Sources", "Check yourself", "Check your answer",
                     # the same headings on the Spanish track (data/ui/es.yml)
                     "Actividades", "Fuentes", "Pon a prueba lo que sabes", "Revisa tu respuesta"}

    def __init__(self):
        super().__init__()
        self.section, self.units, self.stack, self.depth_skip = "", [], [], 0
        self.in_article = False
        self.h2 = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.in_article = True
        if not self.in_article:
            return
        if self.depth_skip or tag in ("figure", "table") or "course-meta" in (a.get("class") or ""):
            self.depth_skip += 1
            return
        if tag in ("h2", "summary"):  # a collapsed block (key terms, sources) is named by its summary
            self.h2 = ""
        if tag in ("p", "li"):
            self.stack.append({"text": "", "links": []})
        if tag == "a" and self.stack:
            self.stack[-1]["links"].append(a.get("href", ""))

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article = False
        if self.depth_skip:
            if tag in ("figure", "table", "p", "li", "span", "div", "em"):
                self.depth_skip -= 1
            return
        if tag in ("h2", "summary") and self.h2 is not None:
            self.section, self.h2 = re.sub(r"\s*\(\d+\)$", "", self.h2.strip()), None
        if tag in ("p", "li") and self.stack:
            unit = self.stack.pop()
            if self.section not in self.SKIP_SECTIONS:
                self.units.append((self.section, unit["text"], unit["links"]))
            if self.stack:  # a nested list's citations count for the item that holds it
                self.stack[-1]["links"] += unit["links"]

    def handle_data(self, data):
        if self.h2 is not None:
            self.h2 += data
        for unit in self.stack:
            unit["text"] += data


@pytest.mark.slow
def test_every_figure_on_a_lesson_page_links_to_its_source(real_site, course):
    failures = []
    for audience in course.published_audiences():
        for module in course.modules_for(audience.id):
            page = real_site / audience.id / module.id / "index.html"
            parser = _Units()
            parser.feed(page.read_text(encoding="utf-8"))
            for section, text, links in parser.units:
                figure = re.search(r"\d", re.sub(r"\b1:[1N]\b", "", text))
                if figure and not any("sources/#src-" in href for href in links):
                    failures.append(f"{audience.id}/{module.id} [{section}]: {text.strip()[:80]}")
    assert failures == []
