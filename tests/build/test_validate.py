"""Validation: every problem at once, each located and worded for an author (exact messages, as MkDocs tests do)."""

import json
import shutil

import pytest

from support.project import FIXTURES, course_cli, make_project


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "p", "tiny")


def test_five_mistakes_give_five_located_messages_in_one_run(tmp_path):
    project = make_project(tmp_path / "p")
    shutil.copy(FIXTURES / "five-mistakes.yml", project / "modules" / "five-mistakes.yml")
    result = course_cli("validate", root=project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "modules/five-mistakes.yml:2:1: objectives: is missing "
        "(add a list of what learners will be able to do after the lesson) [missing-field]",
        'modules/five-mistakes.yml:5:16: last_reviewed: "2026-13-01" is not a real date (write a date as YYYY-MM-DD) [invalid-date]',
        'modules/five-mistakes.yml:8:20: audiences[1]: unknown audience "patron" (did you mean "patrons"?) [unknown-audience]',
        'modules/five-mistakes.yml:10:14: key_points[0]: unknown source "nist-2019" (did you mean "nist-news-2019"?) [unknown-source]',
        "modules/five-mistakes.yml:20:13: self_check[0].answer: is 4, but there are only 3 choices "
        "(answers count from 1: give the number of the right choice) [answer-out-of-range]",
    ]
    assert result.stderr.strip() == "1 module(s) checked: 5 error(s), 0 warning(s)."
    assert "Traceback" not in result.stdout + result.stderr


def test_json_output_and_exit_codes(tmp_path, project):
    ok = course_cli("validate", "--json", root=project)
    assert ok.returncode == 0
    assert json.loads(ok.stdout)["ok"] is True
    shutil.copy(FIXTURES / "five-mistakes.yml", project / "modules" / "five-mistakes.yml")
    bad = course_cli("validate", "--json", root=project)
    assert bad.returncode == 1
    report = json.loads(bad.stdout)
    assert report["errors"] == 5
    assert report["problems"][1] == {"path": "modules/five-mistakes.yml", "line": 5, "column": 16,
                                     "field": "last_reviewed", "message": '"2026-13-01" is not a real date',
                                     "hint": "write a date as YYYY-MM-DD", "code": "invalid-date",
                                     "severity": "error"}
