"""The real curriculum meets its own rules: complete lessons for every audience, clause-2 topics in every track,
reading level within target, versions tailored rather than relabelled, and every figure traced to a source."""

import re
from html.parser import HTMLParser

import pytest
from conftest import REPO, course_cli

from macros.course.check.course import load_course
from macros.course.view.report import MAX_OVERLAP, build_report, quality_failures
from macros.course.view.lesson import lesson_view, term_used

CAPSTONES = {"staff": "staff-responding", "patrons": "patrons-rights", "trustees": "trustees-policy",
             "administrators": "administrators-procurement", "community": "community-hosting",
             "legislators": "legislators-brief"}
CORE = ["how-fr-works", "bias", "error-at-scale", "privacy", "fr-in-libraries", "values-and-law", "ala-resolution"]


@pytest.fixture(scope="module")
def course():
    course, problems = load_course(REPO)
    assert not problems.errors, [str(p) for p in problems.sorted()]
    return course


@pytest.fixture(scope="module")
def report(course):
    return build_report(course)


def test_every_module_group_exists_for_every_audience_it_names(course):
    english = {a.id for a in course.audiences.values() if a.language == "en"}  # translations have their own modules
    for module_id in CORE:
        assert set(course.modules[module_id].audiences) == english, module_id
    for audience, module_id in CAPSTONES.items():
        assert course.modules[module_id].audiences == [audience]
        assert "action" in course.modules[module_id].topics


def test_every_lesson_is_complete(course):
    for module in course.modules.values():
        for audience_id in module.audiences:
            audience = course.audiences[audience_id]
            v = lesson_view(module, audience, course)
            where = f"{module.id} for {audience_id}"
            assert v.objectives and v.key_points, where
            assert len(v.questions) >= 3, where
            assert all(q.explanation for q in v.questions), where
            assert v.sources, where
            # Key terms shown are only those the lesson uses; sources only those it cites.
            said = v.learner_text()
            assert all(term_used(said + " " + " ".join(str(r) for s in v.sections for r in
                                                         ((s.chart or {}).get("rows", []) + (s.flow or {}).get("steps", [])))
                                 + " " + " ".join(x for q in v.questions for x in (q.explanation, *q.reasons)), t)
                       for t, _ in v.terms), where
            if audience.trainer_led:
                assert v.activities and all(a.minutes and a.facilitator_notes for a in v.activities), where


def test_each_track_covers_the_four_clause_2_topics(report):
    for track in report.tracks:
        for topic in ("technology", "bias", "error", "privacy"):
            assert report.coverage[track.audience][topic], (track.audience, topic)


def test_reading_level_and_tailoring_meet_the_targets(course, report):
    assert quality_failures(course, report) == []
    for module, pairs in report.overlaps.items():
        assert all(share <= MAX_OVERLAP for share in pairs.values()), module


def test_the_quality_checks_can_fail(course, report):
    # Same text for two audiences must be caught, and a grade above target must be caught.
    track = report.tracks[0]
    track.lessons[0].grade, saved = 99.0, track.lessons[0].grade
    try:
        assert any("reading grade 99.0" in f for f in quality_failures(course, report))
    finally:
        track.lessons[0].grade = saved
    from macros.course.text_stats import overlap
    text = "Face recognition compares a probe image with a gallery and returns a ranked list of candidates."
    assert overlap(text, text) == 1.0


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


NOT_LEGAL_ADVICE = {"en": "not legal advice", "es": "no es un consejo legal"}


def test_every_law_lesson_says_it_is_not_legal_advice(course):
    # Lessons led by the law topic state rules that vary by state and kind of library; each version must say so.
    missing = [f"{module.id} for {audience_id}"
               for module in course.modules.values() if module.topics[0] == "law"
               for audience_id in module.audiences
               if NOT_LEGAL_ADVICE[course.audiences[audience_id].language]
               not in lesson_view(module, course.audiences[audience_id], course).learner_text().lower()]
    assert missing == []
