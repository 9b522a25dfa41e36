"""Drift: when upstream changes a module a fork overrides, the build warns, naming the module, both versions and
what changed upstream; `course drift` lists it all; `course drift --accept` records the new upstream version."""

from __future__ import annotations

import json

import pytest

from _fork_helpers import course, load, make_project, mkdocs_build, problem_lines
from macros.course.load import drift

HINT = ("(read upstream's changes (git log -p modules/rights.yml), bring your override up to date, then run: "
        "bash scripts/dev course drift --accept rights) [upstream-changed]")


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


def bump_rights(project, version="1.1", law=True):
    """Upstream moves on: a new version, a changed section, a new question, a changed summary."""
    path = project / "modules/rights.yml"
    text = path.read_text().replace('version: "1.0"', f'version: "{version}"')
    if law:
        text = text.replace("UPSTREAMLAW Most states", "UPSTREAMLAW Almost all states")
        text = text.replace("  default: What the law", "  default: Now, what the law")
        text = text.replace("sources: [ala-state-laws]\n", "") + "sources: [ala-state-laws]\n"
        text = text.replace("self_check:\n", "self_check:\n  - id: q0\n    question: New?\n    choices: [{text: \"Yes\", why: Right.}, "
                            "{text: \"No\", why: Wrong.}, {text: Maybe, why: Wrong.}]\n    answer: 1\n    explanation: New.\n")
    path.write_text(text)


# ------------------------------------------------------------------------------------------------- fingerprints

def test_digest_names_fields_and_blocks():
    data = {"id": "m", "version": "1.0", "last_reviewed": "2026-01-01", "summary": "S",
            "sections": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}], "self_check": [{"id": "q1"}]}
    d = drift.digest(data)
    assert list(d) == ["summary", "sections.a", "sections.b", "self_check.q1"]
    assert d == drift.digest(json.loads(json.dumps(data)))  # stable
    assert drift.digest({**data, "last_reviewed": "2027-01-01"}) == d  # a review date is not a content change
    moved = {**data, "sections": list(reversed(data["sections"]))}
    assert drift.changes(d, drift.digest(moved)) == []  # a moved block is not a changed one


def test_changes_are_named():
    old = {"summary": "1111111111", "sections.a": "2222222222", "sections.b": "3333333333"}
    new = {"summary": "1111111111", "sections.a": "9999999999", "sections.c": "4444444444"}
    assert [c.describe(frozenset({"sections.a"})) for c in drift.changes(old, new)] == [
        "sections.a (changed and you change it)", "sections.b (removed upstream)", "sections.c (added upstream)"]


# ------------------------------------------------------------------------------------------------ the warnings

def test_no_drift_when_upstream_is_where_the_override_left_it(project):
    course_, problems = load(project)
    assert course_.drift == [] and problem_lines(problems) == []


def test_bumping_upstream_names_the_module_versions_and_changes(project):
    bump_rights(project)
    course_, problems = load(project)
    expected = (
        'warning: local/modules/rights.yml:20:12: based_on.version: upstream module "rights" is now version 1.1; '
        "this override is based on version 1.0; changed upstream since: summary (changed), "
        "sections.law (changed and you change it), self_check.q0 (added upstream) " + HINT)
    assert problem_lines(problems) == [expected]
    assert [str(p) for p in course_.drift] == [expected.removeprefix("warning: ")]


def test_a_version_bump_alone_still_warns(project):
    bump_rights(project, law=False)
    _, problems = load(project)
    assert problem_lines(problems) == [
        'warning: local/modules/rights.yml:20:12: based_on.version: upstream module "rights" is now version 1.1; '
        "this override is based on version 1.0; no field or block changed (only its version or review date) " + HINT]


def test_a_change_without_a_new_version_warns(project):
    path = project / "modules/basics.yml"
    path.write_text(path.read_text().replace("NIST tested 189 algorithms", "NIST tested 190 algorithms"))
    _, problems = load(project)
    assert problem_lines(problems) == [
        'warning: local/modules/basics.yml:11:12: based_on.version: upstream module "basics" changed without a new '
        "version (still 1.0); changed upstream since: sections.scores (changed) " + HINT.replace("rights", "basics")]


def test_an_override_without_a_snapshot_says_so(project):
    path = project / "local/modules/rights.yml"
    text = path.read_text()
    start, end = text.index("based_on:"), text.index("\n\n", text.index("based_on:"))
    path.write_text(text[:start] + 'based_on: {version: "1.0"}' + text[end:])
    bump_rights(project)
    _, problems = load(project)
    assert problem_lines(problems) == [
        'warning: local/modules/rights.yml:19:21: based_on.version: upstream module "rights" is now version 1.1; '
        "this override is based on version 1.0; the override has no snapshot of upstream (based_on.digest), so "
        "what changed is not known " + HINT]


def test_strict_build_fails_on_drift_naming_the_module(project):
    bump_rights(project)
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert ('WARNING -  local/modules/rights.yml:20:12: based_on.version: upstream module "rights" is now version '
            "1.1; this override is based on version 1.0") in result.stderr


# ---------------------------------------------------------------------------------------------- the command

def test_drift_command_lists_all_drift(project):
    assert course(project, "drift").returncode == 0
    bump_rights(project)
    path = project / "modules/basics.yml"
    path.write_text(path.read_text().replace('version: "1.0"', 'version: "2.0"'))
    result = course(project, "drift")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith('local/modules/basics.yml:11:12: based_on.version: upstream module "basics" is now '
                               "version 2.0; this override is based on version 1.0")
    assert lines[1].startswith('local/modules/rights.yml:20:12: based_on.version: upstream module "rights" is now')
    assert result.stderr == "2 of 2 override(s) behind upstream.\n"

    report = json.loads(course(project, "drift", "--json").stdout)
    rights = next(d for d in report["drift"] if d["module"] == "rights")
    assert rights["based_on"] == "1.0" and rights["upstream"] == "1.1" and rights["severity"] == "warning"
    assert {"name": "sections.law", "kind": "changed", "you_change_it": True} in rights["changes"]


def test_accept_records_the_new_upstream_version_and_keeps_the_rest(project):
    bump_rights(project)
    path = project / "local/modules/rights.yml"
    before = path.read_text()
    result = course(project, "drift", "--accept", "rights")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "local/modules/rights.yml: based_on now records upstream version 1.1\n"
    after = path.read_text()
    assert '  version: "1.1"' in after and "    self_check.q0: " in after
    head = before[:before.index("based_on:")]
    tail = before[before.index("\n\n", before.index("based_on:")):]
    assert after.startswith(head) and after.endswith(tail)  # comments and blocks are untouched
    assert course(project, "drift").returncode == 0
    _, problems = load(project)
    assert problem_lines(problems) == []


def test_accept_refuses_a_module_without_an_override(project):
    result = course(project, "drift", "--accept", "kiosk-extra")
    assert result.returncode == 2
    assert result.stderr == 'course: "kiosk-extra" is not an upstream module with a local override\n'


def test_accept_adds_a_missing_based_on(project):
    path = project / "local/modules/rights.yml"
    text = path.read_text()
    start, end = text.index("based_on:"), text.index("\n\n", text.index("based_on:"))
    path.write_text(text[:start] + text[end + 2:])
    assert [p.field for p in load(project)[1].errors] == ["based_on"]
    result = course(project, "drift", "--accept", "rights")
    assert result.returncode == 0, result.stderr
    assert path.read_text() == text
    assert problem_lines(load(project)[1]) == []
