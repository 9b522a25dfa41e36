"""Stable problem codes (issue 9, item 5): every problem carries a documented code, shown at the end of its
line and in --json; a fork silences warnings by code, never errors; a crash is one line unless --traceback."""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import pytest

from macros.course.check.course import load_course
from macros.course.cli import main as cli
from macros.course.problem_codes import CODES, STAGES, codes_table
from macros.course.problems import Location, Problems
from support.project import FIXTURES, REPO, course_cli, make_project

COURSE = REPO / "macros" / "course"
GOOD = (FIXTURES / "tiny" / "modules" / "basics.yml").read_text(encoding="utf-8")
BRITISH = GOOD.replace("body: |\n", "body: |\n      Pick a colour.\n", 1)


def calls_without_a_documented_code(folder: Path) -> list[str]:
    """Every `problems.add(...)` (and validate's local `add(...)` helper) must pass `code=` a documented code."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            named_add = isinstance(func, ast.Name) and func.id == "add"
            problems_add = (isinstance(func, ast.Attribute) and func.attr == "add" and
                            isinstance(func.value, ast.Name) and func.value.id in ("problems", "self"))
            if not (named_add or problems_add):
                continue
            where = f"{path.relative_to(folder)}:{node.lineno}"
            code = next((k.value for k in node.keywords if k.arg == "code"), None)
            if code is None:
                found.append(f"{where}: no code")
            elif isinstance(code, ast.Constant) and code.value not in CODES:
                found.append(f"{where}: undocumented code {code.value!r}")
    return found


def test_every_problem_is_added_with_a_documented_code():
    assert calls_without_a_documented_code(COURSE) == []


def test_the_check_finds_a_missing_or_unknown_code(tmp_path):
    (tmp_path / "x.py").write_text('problems.add(loc, "f", "is wrong")\nproblems.add(loc, "f", "m", code="nope")\n'
                                   'problems.add(loc, "f", "m", code="unknown-field")\n')
    assert calls_without_a_documented_code(tmp_path) == ["x.py:1: no code", "x.py:2: undocumented code 'nope'"]


def test_every_code_is_used_and_well_formed():
    source = "\n".join(p.read_text(encoding="utf-8") for p in COURSE.rglob("*.py") if p.name != "problem_codes.py")
    unused = [c for c in CODES if f'"{c}"' not in source]
    assert unused == []
    assert [c for c in CODES if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c)] == []
    assert {c.stage for c in CODES.values()} == set(STAGES)


def test_the_documented_table_is_the_code_list():
    page = (REPO / "docs" / "authoring" / "codes.md").read_text(encoding="utf-8")
    assert page.endswith(codes_table()), ("docs/authoring/codes.md must end with problem_codes.codes_table(); "
                                          "write its output there")
    assert "authoring/codes.md" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")


def test_an_undocumented_code_is_a_programming_error():
    with pytest.raises(ValueError, match="undocumented problem code 'made-up'"):
        Problems().add(Location("m.yml", 1, 1), "f", "is wrong", code="made-up")


def test_the_code_ends_the_line_and_is_in_the_json(tmp_path):
    project = make_project(tmp_path / "p", "tiny")
    (project / "modules" / "basics.yml").write_text(GOOD.replace("audiences: [staff, patrons]",
                                                                 "audiences: [staff, patron]", 1), encoding="utf-8")
    result = course_cli("validate", root=project)
    assert result.stdout.splitlines() == [
        'modules/basics.yml:9:20: audiences[1]: unknown audience "patron" (did you mean "patrons"?) [unknown-audience]']
    report = json.loads(course_cli("validate", "--json", root=project).stdout)
    assert [(p["code"], p["severity"]) for p in report["problems"]] == [("unknown-audience", "error")]
    assert report["silenced"] == 0


def _problems(project: Path, settings: str) -> list[str]:
    (project / "local" / "settings.yml").write_text(settings, encoding="utf-8")
    _, problems = load_course(project)
    return [("warning: " if p.warning else "") + str(p) for p in problems.sorted()]


SETTINGS = ("organization: Northwoods\ncontact: the privacy officer\nprivacy_policy_url: https://n.example/privacy\n"
            "jurisdiction: Minnesota\n")


def test_a_fork_silences_a_warning_by_its_code(tmp_path):
    project = make_project(tmp_path / "p", "tiny")
    shutil.copy(REPO / "data" / "spelling.yml", project / "data" / "spelling.yml")
    (project / "modules" / "basics.yml").write_text(BRITISH, encoding="utf-8")
    row = BRITISH.splitlines().index("      Pick a colour.") + 1
    assert _problems(project, SETTINGS) == [
        f'warning: modules/basics.yml:{row}:7: sections[0].body: uses the British spelling "colour" (write "color"; '
        'the course uses US English) [us-spelling]']
    assert _problems(project, SETTINGS + "silence: [us-spelling]\n") == []
    result = course_cli("validate", root=project)
    assert (result.returncode, result.stdout.strip()) == (0, "1 module(s) checked: no problems.")
    assert result.stderr == "1 warning(s) silenced by the silence setting.\n"
    assert json.loads(course_cli("validate", "--json", root=project).stdout)["silenced"] == 1


def test_errors_cannot_be_silenced_and_unknown_codes_are_named(tmp_path):
    project = make_project(tmp_path / "p", "tiny")
    assert _problems(project, SETTINGS + "silence: [us-speling, unknown-source, upstream-changed]\n") == [
        'local/settings.yml:5:11: silence[0]: unknown problem code "us-speling" (did you mean "us-spelling"?) '
        '[unknown-code]',
        'local/settings.yml:5:23: silence[1]: "unknown-source" is an error, and errors cannot be silenced (fix the '
        'problem it reports, and remove it from silence) [silenced-error]']


def test_silencing_a_warning_leaves_errors_alone(tmp_path):
    project = make_project(tmp_path / "p", "tiny")
    shutil.copy(REPO / "data" / "spelling.yml", project / "data" / "spelling.yml")
    (project / "modules" / "basics.yml").write_text(BRITISH.replace("[staff, patrons]", "[staff, patron]", 1),
                                                    encoding="utf-8")
    lines = _problems(project, SETTINGS + "silence: [us-spelling]\n")
    assert [line[-len("[unknown-audience]"):] for line in lines] == ["[unknown-audience]"]


@pytest.fixture
def crashing_command(monkeypatch):
    def crash(args):
        raise RuntimeError("the renderer met something new")
    monkeypatch.setitem(cli.COMMANDS, "crash", (crash, "fail on purpose"))
    monkeypatch.delenv("COURSE_TRACEBACK", raising=False)


def test_a_crash_is_one_line_that_says_how_to_get_the_traceback(crashing_command, capsys):
    assert cli.main(["crash"]) == 3
    err = capsys.readouterr().err
    assert err == ("course: internal error: RuntimeError: the renderer met something new. Please report this with "
                   "the command you ran and its traceback: run it again with --traceback added.\n")


@pytest.mark.parametrize("argv, env", [(["--traceback", "crash"], None), (["crash", "--traceback"], None),
                                       (["crash"], "1")])
def test_traceback_prints_the_whole_traceback(crashing_command, capsys, monkeypatch, argv, env):
    if env:
        monkeypatch.setenv("COURSE_TRACEBACK", env)
    assert cli.main(argv) == 3
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):\n")
    assert 'raise RuntimeError("the renderer met something new")' in err
    assert err.endswith("RuntimeError: the renderer met something new\ncourse: internal error. Please report this "
                        "with the command you ran and the traceback above.\n")


class _Server:
    def __init__(self, builder):
        self.builder = builder


@pytest.mark.parametrize("traceback_env", [None, "1"])
def test_a_crashed_rebuild_while_serving_shows_the_traceback_only_when_asked(tmp_path, monkeypatch, traceback_env):
    from macros.plugin import CoursePlugin

    def crash():
        raise RuntimeError("the renderer met something new")

    if traceback_env:
        monkeypatch.setenv("COURSE_TRACEBACK", traceback_env)
    else:
        monkeypatch.delenv("COURSE_TRACEBACK", raising=False)
    config = type("Config", (), {"site_dir": str(tmp_path / "site")})()
    server = CoursePlugin().on_serve(_Server(crash), config=config, builder=None)
    server.builder()
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    if traceback_env:
        assert "Traceback (most recent call last):" in page and "raise RuntimeError(" in page
    else:
        assert "Traceback" not in page
        assert ("RuntimeError: the renderer met something new (to report this crash, serve again with "
                "COURSE_TRACEBACK=1 set: the traceback is then shown here)") in page
