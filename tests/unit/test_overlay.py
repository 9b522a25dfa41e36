"""A consortium's fork: the fixture's overlay builds with --strict, and each change shows in the site.

The fixture (tests/fixtures/consortium, see its README) has its own settings, a whole-module override, a block
override, a hidden module, an added module, a local source and glossary term, filled placeholders and two
published audiences. Problems in overlay files are reported where they are, in the words authors see.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.project import load, make_project, problem_lines, write

# ---------------------------------------------------------------------------------------------- the course model

@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "project", "consortium")


def test_origins_and_upstream_versions(project):
    course, problems = load(project)
    assert problem_lines(problems) == []
    origins = {m.id: (m.origin, m.upstream_version) for m in course.modules.values()}
    assert origins == {"basics": ("overlay-replaced", "1.0"), "rights": ("overlay-blocks", "1.0"),
                       "kiosk-extra": ("upstream", ""), "our-board-policy": ("overlay", "")}
    assert [m.id for m in course.modules_for("staff")] == ["basics", "rights", "our-board-policy"]
    assert course.sources["northwoods-board-policy-2026"].local


def test_upstream_files_are_never_written(project):
    before = {p: p.read_bytes() for p in [*(project / "modules").iterdir(), *(project / "data").rglob("*.yml")]}
    load(project)
    assert {p: p.read_bytes() for p in before} == before


def test_problem_in_a_replaced_block_is_located_in_the_override(project):
    path = project / "local/modules/rights.yml"
    path.write_text(path.read_text().replace("[@ala-state-laws]. Our board", "[@ala-state-law]. Our board"))
    line = next(n for n, t in enumerate(path.read_text().splitlines(), 1) if "ala-state-law]" in t)
    _, problems = load(project)
    assert problem_lines(problems) == [
        f'local/modules/rights.yml:{line}:7: sections[1].body: unknown source "ala-state-law" '
        '(did you mean "ala-state-laws"?) [unknown-source]']


def test_problem_in_an_untouched_block_stays_upstream(project):
    path = project / "modules/rights.yml"
    path.write_text(path.read_text().replace("UPSTREAMINTRO The board", "UPSTREAMINTRO The <br> board"))
    _, problems = load(project)
    assert [str(p) for p in problems.errors] == [
        "modules/rights.yml:26:7: sections[0].body: contains raw HTML: '<br>' "
        "(HTML is not allowed in module text; use Markdown instead) [raw-html]"]


BLOCK_ERRORS = [
    ("override: rights\n", "override: right\n",
     'local/modules/rights.yml:18:11: override: unknown module "right" (did you mean "rights"?) [unknown-module]'),
    ("remove: [old-advice]\n", "remove: [old-advise]\n",
     'local/modules/rights.yml:{line}:10: remove[0]: module "rights" has no block "old-advise" '
     '(did you mean "old-advice"?) [unknown-block]'),
    ("remove: [old-advice]\n", "remove: [old-advice, law]\n",
     'local/modules/rights.yml:{line}:22: remove[1]: "law" is both replaced and removed (keep one of the two) '
     '[replaced-and-removed]'),
    ("    - id: board-policy\n", "    - id: board-policy\n      colour: green\n",
     "local/modules/rights.yml:{line}:7: add.sections[0].colour: is not a known field "
     "(known fields: id, title, audiences, body, chart, flow) [unknown-field]"),
    # A misspelt id under sections: would silently add a second copy of the section; it is an error instead.
    ("  - id: law\n", "  - id: laws\n",
     'local/modules/rights.yml:{line}:9: sections[0].id: module "rights" has no section "laws" to replace '
     '(did you mean "law"? to add a new section, put it under add: sections:) [unknown-block]'),
    ("    - id: board-policy\n", "    - id: intro\n",
     'local/modules/rights.yml:{line}:11: add.sections[0].id: module "rights" already has a section "intro" '
     "(to replace it, put it under sections: rather than add:; to add a section, give it a new id) [block-exists]"),
    ("  request: [patrons]\n", "  requests: [patrons]\n",
     'local/modules/rights.yml:{line}:3: hide_for.requests: module "rights" has no block "requests" '
     '(did you mean "request"?) [unknown-block]'),
    ("  request: [patrons]\n", "  request: [patron]\n",
     'local/modules/rights.yml:{line}:13: hide_for.request[0]: block "request" is not shown to "patron" anyway '
     '(did you mean "patrons"? it is shown to: staff, patrons, trustees) [block-not-shown]'),
    ("  request: [patrons]\n", "  request: [staff, patrons, trustees]\n",
     'local/modules/rights.yml:{line}:3: hide_for.request: hides block "request" from every audience it serves '
     "(to leave it out everywhere, list it under remove:) [hides-from-all]"),
]


@pytest.mark.parametrize("old, new, expected", BLOCK_ERRORS)
def test_block_override_errors(project, old, new, expected):
    path = project / "local/modules/rights.yml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    line = next(n for n, t in enumerate(path.read_text().splitlines(), 1) if t.startswith(new.splitlines()[-1]))
    _, problems = load(project)
    assert problem_lines(problems) == [expected.format(line=line)]


def test_block_override_hides_the_lesson_from_some_audiences(project):
    path = project / "local/modules/rights.yml"
    path.write_text(path.read_text() + "audiences: [staff, trustees]\n")
    course, problems = load(project)
    assert problem_lines(problems) == []
    assert course.modules["rights"].audiences == ["staff", "trustees"]
    assert "rights" in course.track_ids("staff") and "rights" not in course.track_ids("patrons")


def test_block_override_audiences_can_only_narrow(project):
    path = project / "local/modules/rights.yml"
    path.write_text(path.read_text() + "audiences: [staff, legislators]\n")
    line = len(path.read_text().splitlines())
    _, problems = load(project)
    assert problem_lines(problems) == [
        f'local/modules/rights.yml:{line}:20: audiences[1]: "legislators" is not one of the audiences of upstream '
        'module "rights" (an override can only leave audiences out of: staff, patrons, trustees) [audience-not-upstream]']


def test_block_override_needs_based_on(project):
    path = project / "local/modules/rights.yml"
    text = path.read_text()
    start, end = text.index("based_on:"), text.index("\n\n", text.index("based_on:"))
    path.write_text(text[:start] + text[end + 2:])
    _, problems = load(project)
    assert problem_lines(problems) == [
        'local/modules/rights.yml:18:1: based_on: is missing (record the upstream version: bash scripts/dev course drift --accept <module id>) [missing-field]']


def test_whole_override_needs_based_on(project):
    path = project / "local/modules/basics.yml"
    text = path.read_text()
    start, end = text.index("based_on:"), text.index("\ntitle:") + 1
    path.write_text(text[:start] + text[end:])
    _, problems = load(project)
    assert problem_lines(problems) == [
        'local/modules/basics.yml:9:5: based_on: is missing (this file replaces upstream module "basics", so it '
        "must say which upstream version it was based on: run bash scripts/dev course drift --accept basics "
        "to record it) [missing-based-on]"]


def test_added_module_may_not_claim_an_upstream_version(project):
    path = project / "local/modules/our-board-policy.yml"
    path.write_text(path.read_text().replace('version: "1.0"\n', 'version: "1.0"\nbased_on: {version: "1.0"}\n'))
    _, problems = load(project)
    assert problem_lines(problems) == [
        'local/modules/our-board-policy.yml:6:11: based_on: no upstream module has the id "our-board-policy" '
        "(based_on is only for overrides; remove it from a module of your own) [based-on-without-upstream]"]


def test_two_files_may_not_change_one_module(project):
    write(project, "local/modules/rights-again.yml", 'override: rights\nbased_on: {version: "1.0"}\n')
    _, problems = load(project)
    assert problem_lines(problems) == [
        'local/modules/rights.yml:18:11: override: module "rights" is already changed by '
        "local/modules/rights-again.yml (put every change to one module in one file) [module-changed-twice]"]


def test_removing_every_section_is_an_error(project):
    path = project / "local/modules/rights.yml"
    text = path.read_text()
    text = text[:text.index("\nsections:") + 1] + "remove: [intro, law, old-advice]\n"
    path.write_text(text)
    _, problems = load(project)
    assert 'removes every section of module "rights"' in "\n".join(problem_lines(problems))


def test_added_module_id_may_not_repeat(project):
    write(project, "local/modules/copy.yml", (project / "local/modules/our-board-policy.yml").read_text())
    _, problems = load(project)
    assert problem_lines(problems) == [
        'local/modules/our-board-policy.yml:3:5: id: module id "our-board-policy" is already used by '
        "local/modules/copy.yml (give each module its own id) [duplicate-id]"]


def test_local_source_may_not_redefine_an_upstream_key(project):
    write(project, "local/sources.yml", (project / "local/sources.yml").read_text().replace(
        "key: northwoods-board-policy-2026", "key: ala-state-laws"))
    _, problems = load(project)
    assert 'local/sources.yml:3:10: sources[0].key: source "ala-state-laws" is defined twice' in problem_lines(problems)[-1]


def test_template_text_left_in_a_local_file_is_a_warning(project):
    path = project / "local/modules/our-board-policy.yml"
    path.write_text(path.read_text().replace("Bring printed copies.", "TODO notes for the trainer."))
    _, problems = load(project)
    assert problem_lines(problems) == [
        "warning: local/modules/our-board-policy.yml:34:24: still has TODO text from the template "
        "(replace each TODO with your own text) [template-todo]"]
