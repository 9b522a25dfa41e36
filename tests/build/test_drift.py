"""Drift: when upstream changes a module a fork overrides, the build warns, naming the module, both versions and
what changed upstream; `course drift` lists it all; `course drift --accept` records the new upstream version."""

from __future__ import annotations

import json

import pytest

from support.fork import bump_rights
from support.project import course_cli, load, make_project, mkdocs_build, problem_lines


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "project", "consortium")




def test_strict_build_fails_on_drift_naming_the_module(project):
    bump_rights(project)
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert ('WARNING -  local/modules/rights.yml:20:12: based_on.version: upstream module "rights" is now version '
            "1.1; this override is based on version 1.0") in result.stderr


# ---------------------------------------------------------------------------------------------- the command

def test_drift_command_lists_all_drift(project):
    assert course_cli("drift", root=project).returncode == 0
    bump_rights(project)
    path = project / "modules/basics.yml"
    path.write_text(path.read_text().replace('version: "1.0"', 'version: "2.0"'))
    result = course_cli("drift", root=project)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith('local/modules/basics.yml:11:12: based_on.version: upstream module "basics" is now '
                               "version 2.0; this override is based on version 1.0")
    assert lines[1].startswith('local/modules/rights.yml:20:12: based_on.version: upstream module "rights" is now')
    assert result.stderr == "2 of 2 override(s) behind upstream.\n"

    report = json.loads(course_cli("drift", "--json", root=project).stdout)
    rights = next(d for d in report["drift"] if d["module"] == "rights")
    assert rights["based_on"] == "1.0" and rights["upstream"] == "1.1" and rights["severity"] == "warning"
    assert {"name": "sections.law", "kind": "changed", "you_change_it": True} in rights["changes"]


def test_accept_records_the_new_upstream_version_and_keeps_the_rest(project):
    bump_rights(project)
    path = project / "local/modules/rights.yml"
    before = path.read_text()
    result = course_cli("drift", "--accept", "rights", root=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "local/modules/rights.yml: based_on now records upstream version 1.1\n"
    after = path.read_text()
    assert '  version: "1.1"' in after and "    self_check.q0: " in after
    head = before[:before.index("based_on:")]
    tail = before[before.index("\n\n", before.index("based_on:")):]
    assert after.startswith(head) and after.endswith(tail)  # comments and blocks are untouched
    assert course_cli("drift", root=project).returncode == 0
    _, problems = load(project)
    assert problem_lines(problems) == []


def test_accept_refuses_a_module_without_an_override(project):
    result = course_cli("drift", "--accept", "kiosk-extra", root=project)
    assert result.returncode == 2
    assert result.stderr == 'course: "kiosk-extra" is not an upstream module with a local override\n'


def test_accept_adds_a_missing_based_on(project):
    path = project / "local/modules/rights.yml"
    text = path.read_text()
    start, end = text.index("based_on:"), text.index("\n\n", text.index("based_on:"))
    path.write_text(text[:start] + text[end + 2:])
    assert [p.field for p in load(project)[1].errors] == ["based_on"]
    result = course_cli("drift", "--accept", "rights", root=project)
    assert result.returncode == 0, result.stderr
    assert path.read_text() == text
    assert problem_lines(load(project)[1]) == []
