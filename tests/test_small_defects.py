"""Smaller defects of issue 8 (item 7), each pinned by the exact thing an author or reader sees."""

from __future__ import annotations

import datetime

from conftest import FIXTURES, make_project

from macros.course.check.course import load_course
from macros.course.model import Module
from macros.course.problems import Location, Problems
from macros.course.render.track import hours

GOOD = (FIXTURES / "tiny" / "modules" / "basics.yml").read_text(encoding="utf-8")


def problems_for(project):
    _, problems = load_course(project)
    return [str(p) for p in problems.sorted()]


def test_template_code_in_folded_text_is_located_on_its_own_line(tmp_path):
    project = make_project(tmp_path / "p", "tiny")
    body = ("    body: >\n"
            "      A system compares templates and produces a score. NIST tested 189 algorithms\n"
            "      [@nistir8280]. The folded text goes on\n"
            "      and on, then {{ here }} on its third line.\n")
    text = GOOD.replace("    body: |\n      A system compares templates and produces a score. NIST tested 189 "
                        "algorithms [@nistir8280].\n", body, 1)
    assert text != GOOD
    (project / "modules" / "basics.yml").write_text(text, encoding="utf-8")
    line = text.splitlines().index("      and on, then {{ here }} on its third line.") + 1
    assert problems_for(project) == [
        f"modules/basics.yml:{line}:7: sections[0].body: contains template code ({{{{, {{% or {{#) "
        "(module text is never run as a template; remove the braces or write them as words)"]


def test_a_module_id_may_not_take_a_booklet_address(tmp_path):
    project = make_project(tmp_path / "p", "tiny")
    (project / "modules" / "basics.yml").write_text(GOOD.replace("id: basics", "id: print-1", 1), encoding="utf-8")
    assert 'modules/basics.yml:2:5: id: "print-1" is reserved for a page of each track (choose another id)' in \
        problems_for(project)


def test_every_distinct_problem_is_listed_once_however_many_there_are():
    problems = Problems()
    for n in range(61):
        problems.add(Location("m.yml", n + 1, 1), "f", f"problem {n}")
    for n in range(61):  # a second step noticing the same things
        problems.add(Location("m.yml", n + 1, 1), "f", f"problem {n}")
    assert len(problems.errors) == 61 and len(problems.sorted()) == 61


def test_one_minute_is_singular():
    from macros.course.load.ui import load_catalogs
    from macros.course.project import Project

    ui = load_catalogs(Project.at(FIXTURES.parent.parent), {}, Problems())["en"]
    assert [ui.minutes(1), hours(1, ui), hours(61, ui), hours(121, ui), hours(45, ui)] == [
        "1 minute", "1 minute", "1 hour 1 minute", "2 hours 1 minute", "45 minutes"]


def test_next_review_keeps_the_day_of_the_month():
    def due(reviewed, months):
        return Module({"id": "m", "last_reviewed": reviewed, "review_every_months": months}, None).review_due()

    assert due("2026-01-30", 12) == datetime.date(2027, 1, 30)
    assert due("2026-03-31", 1) == datetime.date(2026, 4, 30)
    assert due("2027-01-31", 1) == datetime.date(2027, 2, 28)
    assert due("2028-01-31", 1) == datetime.date(2028, 2, 29)
