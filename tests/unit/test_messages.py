"""Messages that must not mislead (issue 8, item 8): each names the file and line the author must change, only
that, and a hint that works as written."""

from __future__ import annotations

from pathlib import Path

from macros.course.check.course import load_course
from support.project import FIXTURES, REPO, load, make_project, problem_lines

GOOD = (FIXTURES / "tiny" / "modules" / "basics.yml").read_text(encoding="utf-8")


def tiny_problems(tmp_path: Path, module_text: str) -> list[str]:
    project = make_project(tmp_path / "p", "tiny")
    (project / "modules" / "basics.yml").write_text(module_text, encoding="utf-8")
    _, problems = load_course(project)
    return [str(p) for p in problems.sorted()]


def test_an_audience_typo_is_reported_once_and_correct_entries_are_left_alone(tmp_path):
    text = GOOD.replace("audiences: [staff, patrons]", "audiences: [staff, patron]", 1)
    assert text != GOOD
    # The module has per-audience text and blocks written (correctly) for "patrons": none of them is blamed.
    assert 'patrons:' in text
    assert tiny_problems(tmp_path, text) == [
        'modules/basics.yml:9:20: audiences[1]: unknown audience "patron" (did you mean "patrons"?) [unknown-audience]']


def test_yes_and_no_choices_are_told_to_use_quotes(tmp_path):
    quoted = '{text: "Yes", why: "This is the misconception the lesson corrects."}, {text: "No", why:'
    text = GOOD.replace(quoted, quoted.replace('"Yes"', "Yes").replace('"No"', "No"), 1)
    assert text != GOOD
    row = next(n for n, ln in enumerate(text.splitlines(), 1) if "{text: Yes, why:" in ln)
    line = text.splitlines()[row - 1]
    yes, no = line.index("Yes") + 1, line.index("No, why") + 1
    assert tiny_problems(tmp_path, text) == [
        f'modules/basics.yml:{row}:{yes}: self_check[1].choices[0].text: must be text, not true/false (put it in '
        'quotes, "Yes": without them YAML reads Yes, No, On, Off and numbers as something else) [wrong-type]',
        f'modules/basics.yml:{row}:{no}: self_check[1].choices[1].text: must be text, not true/false (put it in '
        'quotes, "No": without them YAML reads Yes, No, On, Off and numbers as something else) [wrong-type]']


def test_a_yaml_error_in_settings_adds_no_false_warnings(tmp_path):
    fork = make_project(tmp_path / "project", "consortium")
    (fork / "local" / "settings.yml").write_text("organization: Northwoods\ncontact: [unclosed\n", encoding="utf-8")
    _, problems = load(fork)
    lines = problem_lines(problems)
    assert len(lines) == 1 and lines[0].startswith("local/settings.yml:3:1: YAML syntax error"), lines


def test_hints_print_commands_that_work_from_the_repository_root():
    """`python -m macros.course` fails outside the virtual environment; `bash scripts/dev course` always works."""
    offenders = []
    for folder in ("macros", "schema", "docs", "local"):
        for path in (REPO / folder).rglob("*"):
            if path.is_file() and path.suffix in (".py", ".yml", ".json", ".md") and path.name != "__main__.py":
                text = path.read_text(encoding="utf-8")
                if path.name == "main.py" and path.parent.name == "cli":  # its docstring names the module it is
                    text = text.split('"""', 2)[-1]
                if "python -m macros.course" in text:
                    offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


def test_a_reason_that_repeats_the_verdict_is_a_warning(tmp_path):
    # Pages print "Right." or "Not right." before each reason: a reason that says it again reads "Right. Right."
    text = GOOD.replace('why: "Right: see the explanation."', 'why: "Right. See the explanation."', 1)
    assert text != GOOD
    row = next(n for n, ln in enumerate(text.splitlines(), 1) if "Right. See the explanation." in ln)
    col = text.splitlines()[row - 1].index('"Right. See') + 1
    assert f'modules/basics.yml:{row}:{col}: self_check[1].choices[1].why: starts with "Right" (leave the ' \
           'verdict out: pages print "Right." or "Not right." before the reason) [repeated-verdict]' in tiny_problems(tmp_path, text)
