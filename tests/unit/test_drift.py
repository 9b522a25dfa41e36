"""Drift: when upstream changes a module a fork overrides, the build warns, naming the module, both versions and
what changed upstream; `course drift` lists it all; `course drift --accept` records the new upstream version."""

from __future__ import annotations

import json

import pytest

from macros.course.load import drift
from support.fork import bump_rights
from support.project import load, make_project, problem_lines

HINT = ("(read upstream's changes (git log -p modules/rights.yml), bring your override up to date, then run: "
        "bash scripts/dev course drift --accept rights) [upstream-changed]")


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "project", "consortium")




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
