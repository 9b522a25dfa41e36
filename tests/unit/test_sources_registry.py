"""The source registry readers see: primary or publisher links, editors' notes never shown, legal notices."""

from __future__ import annotations

import pytest

from macros.course.check.course import load_course
from macros.course.markup import citations_in
from macros.course.model import Source
from macros.course.render.lesson import render_lesson, source_line
from macros.course.view.lesson import lesson_view
from support.project import REPO


@pytest.fixture(scope="module")
def course():
    course, problems = load_course(REPO)
    assert not problems.errors, [str(p) for p in problems.sorted()]
    return course


def _sources_named(value, found: list, key: str = "") -> list:
    """Every source a module names: `[@key]` citations anywhere (lesson text, self-checks, handouts, briefs,
    board briefings, print materials) and the keys in its `sources` and `primary_sources` lists."""
    if isinstance(value, dict):
        for name, item in value.items():
            _sources_named(item, found, name)
    elif isinstance(value, list):
        for item in value:
            _sources_named(item, found, key)
    elif isinstance(value, str):
        found += [value] if key in ("sources", "primary_sources", "source") else citations_in(value)
    return found


def test_every_source_a_lesson_relies_on_links_its_primary_or_publisher_address(course):
    missing = set()
    for module in course.modules.values():
        keys = _sources_named(module.data, [])
        missing |= {f"{module.id}: {k}" for k in keys if k in course.sources and not course.sources[k].url}
    assert sorted(missing) == []


def test_every_source_a_session_plan_cites_links_its_address(course):
    """Talking points are said aloud from the guide: they rest on the same standard of source."""
    import yaml

    missing = set()
    for path in sorted((REPO / "data" / "plans").glob("*.yml")):
        keys = _sources_named(yaml.safe_load(path.read_text(encoding="utf-8")), [])
        assert keys, f"{path.name}: no citation found: the check would pass on anything"
        missing |= {f"{path.name}: {k}" for k in keys if k in course.sources and not course.sources[k].url}
        assert "24,000" not in path.read_text(encoding="utf-8"), path.name
    assert sorted(missing) == []


def test_self_checks_and_print_blocks_are_searched_for_citations():
    module = {
        "self_check": [{"choices": [{"text": "A", "why": "See [@in-a-why]."}], "explanation": "[@in-an-explanation]"}],
        "handout": {"staff": {"points": ["A point [@in-a-handout]."]}},
        "brief": {"objections": [{"claim": "C", "answer": "[@in-a-brief]"}], "primary_sources": ["in-primary"]},
        "briefing": {"lead": "[@in-a-briefing]"},
        "print_materials": [{"cards": [{"text": "[@in-a-card]"}]}],
        "sections": [{"chart": {"source": "in-a-chart"}}],
        "sources": ["in-the-list"],
    }
    assert sorted(_sources_named(module, [])) == sorted([
        "in-a-why", "in-an-explanation", "in-a-handout", "in-a-brief", "in-primary", "in-a-briefing", "in-a-card",
        "in-a-chart", "in-the-list",
    ])


def test_the_verkada_client_count_from_a_forum_repost_is_gone(course):
    assert "24,000" not in str(course.sources["verkada-2021"].title)
    assert [m.id for m in course.modules.values() if "24,000" in str(m.data)] == []


def test_no_lesson_relies_on_an_aggregator_wiki_or_placeholder_address(course):
    bad = ("fandom.com", "awards.journalists.org", "masspirates.org", "vlex.com", "handle/1721.1/123456")
    assert [s.key for s in course.sources.values() if any(b in s.url for b in bad)] == []
    assert course.sources["actionable-auditing"].url == "https://doi.org/10.1145/3306618.3314244"
    assert course.sources["gao-20-522"].url == "https://www.gao.gov/products/gao-20-522"


def test_an_editors_note_is_never_shown():
    source = Source("k", "A title", "A publisher", "2020", "Short 2020", editor_note="not verified (seen in a copy)")
    assert source_line(source) == "**Short 2020**: A title. A publisher, 2020."


def test_a_lesson_citing_a_law_says_it_is_not_legal_advice(course):
    patrons = course.audiences["patrons"]
    view = lesson_view(course.modules["patrons-rights"], patrons, course)
    assert any(s.legal for s in view.sources)
    markdown = " ".join(render_lesson(view, course).markdown.split())
    assert "not legal advice" in markdown


def test_the_notice_is_added_where_a_lesson_does_not_say_it(course):
    staff = course.audiences["staff"]
    view = lesson_view(course.modules["staff-responding"], staff, course)
    markdown = render_lesson(view, course).markdown
    assert "ala-state-laws" in [s.key for s in view.sources] and course.sources["ala-state-laws"].legal
    notice = "This page mentions laws. It is general education, not legal advice, and laws change."
    assert course.ui(staff)("lesson.legal_notice") == notice
    assert notice in markdown.splitlines()[-2]  # beside the version and the date the facts were checked
