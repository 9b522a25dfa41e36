"""Validation: every problem at once, each located and worded for an author (exact messages, as MkDocs tests do)."""

from pathlib import Path

import pytest

from macros.course.check.course import load_course
from support.project import FIXTURES, REPO, make_project

GOOD = (FIXTURES / "tiny" / "modules" / "basics.yml").read_text(encoding="utf-8")


def problems_for(project: Path):
    _, problems = load_course(project)
    return [str(p) for p in problems.sorted()]


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "p", "tiny")


def write(project: Path, text: str, name: str = "basics.yml") -> None:
    (project / "modules" / name).write_text(text, encoding="utf-8")


def test_the_fixture_itself_is_valid(project):
    assert problems_for(project) == []


@pytest.mark.parametrize("old, new, expected", [
    ("topics: [technology, bias, error, privacy]", "topics: [tech]",
     'modules/basics.yml:8:10: topics[0]: "tech" is not allowed (did you mean "technology"?) [value-not-allowed]'),
    ("order: 10", "order: 10\ncolour: blue",
     'modules/basics.yml:8:1: colour: is not a known field (known fields: id, title, language, translation_of, version, last_reviewed, '
     'review_every_months, order, topics, audiences, summary, objectives, key_points, actions, sections, key_terms, '
     'case_studies, activities, self_check, sources, based_on, handout, print_materials, brief, briefing) [unknown-field]'),
    ("key_terms: [threshold]", "key_terms: [treshold]",
     'modules/basics.yml:56:13: key_terms[0]: unknown term "treshold" (did you mean "threshold"?) [unknown-term]'),
    ("sources: [nistir8280, gao-20-522]", "sources: [nistir8280, gao-20-522, nope]",
     'modules/basics.yml:80:35: sources[2]: unknown source "nope" (add it to data/sources.yml first) [unknown-source]'),
    ("version: \"1.0\"", "version: one",
     'modules/basics.yml:4:10: version: "one" has the wrong form (use a version like 1.0 or 1.2.3, in quotes) [wrong-form]'),
])
def test_exact_messages(project, old, new, expected):
    assert old in GOOD
    write(project, GOOD.replace(old, new, 1))
    assert expected in problems_for(project)


Q1_CHOICES = ('    choices: [{text: "The camera", why: "A camera captures images; it sets nothing."}, '
              '{text: "The operator or vendor", why: "Right: the threshold is a setting someone chooses."}, '
              '{text: "The person in the photo", why: "The person scanned has no say in the setting."}]\n')


def test_a_plain_text_choice_says_how_to_write_it(project):
    assert Q1_CHOICES in GOOD
    write(project, GOOD.replace(Q1_CHOICES, "    choices:\n      - The camera\n"
                                            "      - {text: The operator or vendor, why: A setting someone chooses.}\n"
                                            "      - {text: The person in the photo}\n", 1))
    assert problems_for(project) == [
        "modules/basics.yml:68:9: self_check[0].choices[0]: must be a mapping, not text "
        "(write it as {text: ..., why: ...}, where why says in one line why the choice is right or wrong) [wrong-type]",
        "modules/basics.yml:70:9: self_check[0].choices[2].why: is missing "
        "(add one line saying why this choice is right or wrong) [missing-field]",
    ]


def test_a_question_needs_three_choices(project):
    write(project, GOOD.replace(Q1_CHOICES, '    choices: [{text: "The camera", why: "It sets nothing."}, '
                                            '{text: "The operator or vendor", why: "A setting someone chooses."}]\n', 1))
    assert problems_for(project) == [
        "modules/basics.yml:67:14: self_check[0].choices: needs at least 3 item(s) "
        "(give the right answer and at least two wrong ones that people really believe, each as {text: ..., why: ...}) [too-few-items]",
    ]


def test_duplicate_module_ids(project):
    write(project, GOOD, "copy.yml")
    assert problems_for(project) == [
        'modules/copy.yml:2:5: id: module id "basics" is already used by modules/basics.yml (give each module its own id) [duplicate-id]']


def test_missing_objectives_for_one_audience(project):
    write(project, GOOD.replace("  default: [Explain what a threshold is.]\n", "", 1))
    assert problems_for(project) == [
        'modules/basics.yml:14:3: objectives: has nothing for "staff" (add a "staff:" or "default:" entry) [missing-variant]']


def test_too_few_questions_and_missing_activity(project):
    text = GOOD.replace("    audiences: [staff]\n    minutes: 15", "    audiences: [patrons]\n    minutes: 15")
    text = text.replace("  - id: q3\n", "  - id: q3\n    audiences: [staff]\n")
    write(project, text)
    assert problems_for(project) == [
        'modules/basics.yml:58:3: activities: has no activity for "staff", a trainer-led audience '
        "(add an activity with minutes and facilitator_notes for it) [missing-activity]",
        'modules/basics.yml:65:3: self_check: has 2 question(s) for "patrons"; every audience needs at least 3 '
        "(add questions, or widen the audiences of existing ones) [too-few-questions]",
    ]


def test_block_audience_must_be_a_module_audience(project):
    write(project, GOOD.replace("    audiences: [staff]\n    body: STAFFONLY", "    audiences: [trustees]\n    body: STAFFONLY"))
    assert problems_for(project) == [
        "modules/basics.yml:31:17: sections[1].audiences[0]: \"trustees\" is not one of this module's audiences "
        "(add it to the module's audiences, or use one of: staff, patrons) [audience-not-in-module]"]


def test_figures_need_citations(project):
    write(project, GOOD.replace("NIST tested 189 algorithms [@nistir8280].", "NIST tested 189 algorithms."))
    assert problems_for(project) == [
        'modules/basics.yml:26:7: sections[0].body: gives a figure without a source: '
        '"A system compares templates and produces a score. …" '
        "(cite the source in the same paragraph or list item as [@key]) [missing-citation]"]


def test_unknown_placeholder(project):
    write(project, GOOD.replace("[[organization]]", "[[organisation]]"))
    assert problems_for(project) == [
        'modules/basics.yml:28:7: sections[0].body: unknown placeholder [[organisation]] (did you mean "organization"?) [unknown-placeholder]']


def test_the_real_course_is_valid():
    course, problems = load_course(REPO)
    assert [str(p) for p in problems.sorted()] == []
    assert len(course.modules) >= 2


def test_headings_above_level_three_are_reported(project):
    write(project, GOOD.replace("      Only [[organization]]", "      ## Too big\n\n      Only [[organization]]"))
    assert problems_for(project) == [
        "modules/basics.yml:28:7: sections[0].body: uses a level-2 heading "
        "(the section title is the page heading; use ### for sub-headings) [heading-level]"]
