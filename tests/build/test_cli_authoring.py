"""The authoring commands, run as an author runs them: new, list, review, build (and progress reporting)."""

from __future__ import annotations

import json

import pytest

from support.project import course_cli, load, make_project, problem_lines


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "project", "consortium")


@pytest.fixture
def upstream(tmp_path):
    return make_project(tmp_path / "project", "consortium", local=False)


# ------------------------------------------------------------------------------------------------------ new

def test_new_module_for_upstream_validates_and_is_never_overwritten(upstream):
    result = course_cli("new", "module", "meeting-rooms", "--audiences", "staff,patrons", root=upstream)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("wrote modules/meeting-rooms.yml\n"
                             "Replace every TODO, then check it: bash scripts/dev course validate\n")
    path = upstream / "modules/meeting-rooms.yml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../schema/module.schema.json\n")
    assert "id: meeting-rooms\ntitle: \"Meeting rooms\"\n" in text and "audiences: [staff, patrons]\n" in text
    course_, problems = load(upstream)
    assert problem_lines(problems) == [] and "meeting-rooms" in course_.modules

    path.write_text("# mine\n" + text)
    again = course_cli("new", "module", "meeting-rooms", root=upstream)
    assert again.returncode == 2
    assert again.stderr == ('course: upstream already has a module with the id "meeting-rooms"; to change it, use: '
                            "course new override meeting-rooms\n")
    assert path.read_text() == "# mine\n" + text


def test_new_local_module_warns_until_its_todos_are_replaced(project):
    result = course_cli("new", "module", "our-hours", "--local", "--title", "Our opening hours", root=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("wrote local/modules/our-hours.yml\n")
    course_, problems = load(project)
    assert course_.modules["our-hours"].origin == "overlay"
    assert [str(p) for p in problems.errors] == []
    assert problem_lines(problems) == [
        "warning: local/modules/our-hours.yml:13:12: still has TODO text from the template (and on 23 more line(s)) "
        "(replace each TODO with your own text) [template-todo]"]
    again = course_cli("new", "module", "our-hours", "--local", root=project)
    assert again.returncode == 2
    assert again.stderr == 'course: local/modules/ already has a module with the id "our-hours"; choose another id\n'


def test_new_whole_override_copies_upstream_and_records_based_on(upstream):
    result = course_cli("new", "override", "rights", root=upstream)
    assert result.returncode == 0, result.stderr
    text = (upstream / "local/modules/rights.yml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schema/module.schema.json\n")
    assert 'id: rights\nbased_on:  # written by' in text
    assert '  version: "1.0"\n  digest:\n    actions: "' in text
    assert "UPSTREAMLAW Most states" in text  # upstream's own text, comments and all, to edit
    course_, problems = load(upstream)
    assert problem_lines(problems) == []
    assert course_.modules["rights"].origin == "overlay-replaced"
    assert course_cli("drift", root=upstream).returncode == 0


def test_new_block_override_lists_upstream_blocks(upstream):
    result = course_cli("new", "override", "rights", "--blocks", root=upstream)
    assert result.returncode == 0, result.stderr
    text = (upstream / "local/modules/rights.yml").read_text()
    assert "#   sections: intro, law, old-advice\n#   case_studies: request\n" in text
    assert "\noverride: rights\nbased_on:" in text
    course_, problems = load(upstream)
    assert problem_lines(problems) == []
    assert course_.modules["rights"].origin == "overlay-blocks"


def test_new_override_of_an_unknown_module(upstream):
    result = course_cli("new", "override", "right", root=upstream)
    assert result.returncode == 2
    assert result.stderr == ('course: no upstream module has the id "right"; did you mean "rights"? (to add a module '
                             "of your own, use: course new module <id> --local)\n")
    assert not (upstream / "local/modules/right.yml").exists()


def test_new_settings_and_sources(upstream):
    assert course_cli("new", "settings", root=upstream).returncode == 0
    assert course_cli("new", "sources", root=upstream).returncode == 0
    _, problems = load(upstream)
    assert [str(p) for p in problems.errors] == []
    assert problem_lines(problems)[0] == (
        "warning: local/settings.yml:8:15: still has TODO text from the template (and on 6 more line(s)) "
        "(replace each TODO with your own text) [template-todo]")
    again = course_cli("new", "settings", root=upstream)
    assert again.returncode == 2
    assert again.stderr == ("course: local/settings.yml already exists; nothing was written (edit it, or remove it "
                            "first)\n")


def test_new_rejects_a_bad_id(upstream):
    result = course_cli("new", "module", "Our_Policy", root=upstream)
    assert result.returncode == 2
    assert result.stderr == ('course: "Our_Policy" is not a valid id (use lower-case letters, digits and hyphens, '
                             "like our-policy)\n")


# ----------------------------------------------------------------------------------------------------- list

def test_list_shows_modules_by_audience(project):
    result = course_cli("list", root=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:5] == [
        "module            version  origin    staff   patrons  patrons-es*  trustees*  administrators*  community*  "
        "legislators*",
        "basics            1.0      replaced  yes     yes      -            -          -                -           -",
        "rights            1.0      changed   yes     yes      -            (yes)      -                -           -",
        "kiosk-extra       1.0      upstream  hidden  hidden   -            -          -                -           -",
        "our-board-policy  1.0      local     yes     yes      -            -          -                -           -",
    ]
    data = json.loads(course_cli("list", "--json", root=project).stdout)
    assert [a["id"] for a in data["audiences"] if a["published"]] == ["staff", "patrons"]
    rights = next(m for m in data["modules"] if m["id"] == "rights")
    assert rights["origin"] == "overlay-blocks" and rights["path"] == "local/modules/rights.yml"
    assert rights["audiences"]["trustees"] == "not published"


# --------------------------------------------------------------------------------------------------- review

def test_review_lists_modules_past_their_date(project):
    result = course_cli("review", "--today", "2027-11-15", root=project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "local/modules/our-board-policy.yml: our-board-policy: review due 2027-10-01 (overdue by 45 day(s); "
        "last reviewed 2026-10-01)",
        "local/modules/basics.yml: basics: review due 2027-11-01 (overdue by 14 day(s); last reviewed 2026-11-01)",
        "modules/kiosk-extra.yml: kiosk-extra: review due 2027-11-01 (overdue by 14 day(s); last reviewed "
        "2026-11-01) [hidden]",
        "local/modules/rights.yml: rights: review due 2027-11-01 (overdue by 14 day(s); last reviewed 2026-11-01)",
    ]
    assert result.stderr == "4 module(s) past their review date.\n"
    ok = course_cli("review", "--today", "2027-09-01", "--within", "40", root=project)
    assert ok.returncode == 0
    assert ok.stdout.startswith("local/modules/our-board-policy.yml: our-board-policy: review due 2027-10-01 "
                                "(due in 30 day(s)")
    data = json.loads(course_cli("review", "--today", "2027-10-02", "--json", root=project).stdout)
    assert data["overdue"] == 1 and data["modules"][0]["id"] == "our-board-policy"


# ---------------------------------------------------------------------------------------------------- build

def test_build_one_audience(project):
    result = course_cli("build", "--audience", "patrons", "--no-pdf", root=project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert (site / "patrons/our-board-policy/index.html").exists()
    assert not (site / "staff").exists()
    assert "course: loading" not in result.stderr  # not a terminal, and no --progress


def test_build_stops_before_mkdocs_on_problems(project):
    result = course_cli("build", "--audience", "patron", "--no-pdf", "--progress", root=project)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("course: loading the course (")
    assert '(command line): audience: unknown audience "patron" (did you mean "patrons"?) [unknown-audience]' in lines
    assert lines[-1] == "course: the course has 1 problem(s); nothing was built."
    assert not (project / "site").exists()


def test_progress_goes_to_stderr_only_when_asked(project):
    quiet = course_cli("list", root=project)
    assert quiet.stderr == ""
    loud = course_cli("list", "--progress", root=project)
    assert loud.stdout == quiet.stdout
    assert [ln.split(" (")[0] for ln in loud.stderr.splitlines()] == [
        "course: loading the course", "course: loaded 4 module(s)"]
