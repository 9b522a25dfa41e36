"""Settings: upstream's defaults in data/settings.yml, a fork's local/settings.yml over them field by field,
validated like modules; placeholders are the only way settings reach lesson text; one-track builds."""

from __future__ import annotations

import pytest

from support.project import load, make_project, problem_lines, write


@pytest.fixture
def upstream(tmp_path):
    """The fixture's modules without any local overlay: what upstream publishes."""
    return make_project(tmp_path / "project", "consortium", local=False)


@pytest.fixture
def fork(tmp_path):
    return make_project(tmp_path / "project", "consortium")


def test_upstream_defaults_fill_every_placeholder(upstream):
    course, problems = load(upstream)
    assert problem_lines(problems) == []
    s = course.settings
    assert (s.organization, s.contact, s.privacy_policy_url, s.jurisdiction) == (
        "your library", "your library's director or privacy officer", "your library's website", "your state")
    assert s.audiences == () and s.hide_modules == () and s.pdf is True
    assert [a.id for a in course.published_audiences()] == [
        "staff", "patrons", "patrons-es", "trustees", "administrators", "community", "legislators"]


def test_local_settings_override_field_by_field(fork):
    course, problems = load(fork)
    assert problem_lines(problems) == []
    s = course.settings
    assert s.organization == "Northwoods Library Consortium"
    assert s.jurisdiction == "Minnesota"
    assert s.site_url == "https://learn.northwoods.example/"
    assert s.audiences == ("staff", "patrons") and s.hide_modules == ("kiosk-extra",) and s.pdf is False
    assert s.location.path == "local/settings.yml"


def test_a_placeholder_the_fork_leaves_unset_is_a_warning(upstream):
    write(upstream, "local/settings.yml", "organization: Northwoods Library Consortium\n")
    course, problems = load(upstream)
    assert course.settings.organization == "Northwoods Library Consortium"
    assert course.settings.jurisdiction == "your state"  # upstream's default still applies
    assert problem_lines(problems) == [
        "warning: local/settings.yml:1:1: contact: is not set, so readers see upstream's placeholder text "
        "\"your library's director or privacy officer\" (add contact: with your own value) [placeholder-not-set]",
        "warning: local/settings.yml:1:1: jurisdiction: is not set, so readers see upstream's placeholder text "
        '"your state" (add jurisdiction: with your own value) [placeholder-not-set]',
        "warning: local/settings.yml:1:1: privacy_policy_url: is not set, so readers see upstream's placeholder "
        "text \"your library's website\" (add privacy_policy_url: with your own value) [placeholder-not-set]",
    ]


SETTINGS_ERRORS = [
    ("organisation: Northwoods", 'local/settings.yml:1:1: organisation: is not a known field (did you mean "organization"?) [unknown-field]'),
    ("contact: <b>Ask</b> us", "local/settings.yml:1:10: contact: has the wrong form (text) (write one line of plain "
     "text: no line breaks, no <, >, { or }, no [[placeholders]]) [wrong-form]"),
    ("jurisdiction: Minnesota {{ x }}", "local/settings.yml:1:15: jurisdiction: has the wrong form (text) (write one "
     "line of plain text: no line breaks, no <, >, { or }, no [[placeholders]]) [wrong-form]"),
    ("organization: Ask [[contact]]", "local/settings.yml:1:15: organization: has the wrong form (text) (write one "
     "line of plain text: no line breaks, no <, >, { or }, no [[placeholders]]) [wrong-form]"),
    ('privacy_policy_url: "javascript:alert(1)"', "local/settings.yml:1:21: privacy_policy_url: has the wrong form "
     "(text) (give the full address of your privacy policy, starting https://) [wrong-form]"),
    ("site_url: learn.example.org", "local/settings.yml:1:11: site_url: has the wrong form (text) (give the full "
     "address the site will live at, starting https://) [wrong-form]"),
    ("logo: local/logo.gif", "local/settings.yml:1:7: logo: has the wrong form (text) (give a path from the project "
     "folder to a .png, .svg, .jpg or .webp file, e.g. local/logo.svg) [wrong-form]"),
    ("logo: ../outside.png", "local/settings.yml:1:7: logo: has the wrong form (text) (give a path from the project "
     "folder to a .png, .svg, .jpg or .webp file, e.g. local/logo.svg) [wrong-form]"),
    ("logo: local/missing.png", 'local/settings.yml:1:7: logo: "local/missing.png" is not a file (give the path from '
     "the project folder, e.g. local/logo.svg, and add the file) [missing-logo]"),
    ("audiences: [staff, patron]", 'local/settings.yml:1:20: audiences[1]: unknown audience "patron" '
     '(did you mean "patrons"?) [unknown-audience]'),
    ("hide_modules: [kiosk]", 'local/settings.yml:1:16: hide_modules[0]: unknown module "kiosk" '
     '(did you mean "kiosk-extra"?) [unknown-module]'),
    ('pdf: "no"', "local/settings.yml:1:6: pdf: must be true or false, not text [wrong-type]"),
]


@pytest.mark.parametrize("line, expected", SETTINGS_ERRORS)
def test_settings_errors_are_located(fork, line, expected):
    settings = fork / "local/settings.yml"
    keep = [ln for ln in settings.read_text().splitlines()
            if ln.split(":")[0] in ("organization", "contact", "privacy_policy_url", "jurisdiction")
            and ln.split(":")[0] != line.split(":")[0]]
    settings.write_text("\n".join([line, *keep]) + "\n")
    _, problems = load(fork)
    assert [str(p) for p in problems.errors] == [expected]


def test_every_settings_problem_is_reported_at_once(fork):
    write(fork, "local/settings.yml", "organization: <i>x</i>\naudiences: [stafff]\nhide_modules: [kiosk]\n"
          "contact: a\nprivacy_policy_url: https://x.example/p\njurisdiction: Ohio\n")
    _, problems = load(fork)
    assert [str(p) for p in problems.errors] == [
        "local/settings.yml:1:15: organization: has the wrong form (text) (write one line of plain text: no line "
        "breaks, no <, >, { or }, no [[placeholders]]) [wrong-form]",
        'local/settings.yml:2:13: audiences[0]: unknown audience "stafff" (did you mean "staff"?) [unknown-audience]',
        'local/settings.yml:3:16: hide_modules[0]: unknown module "kiosk" (did you mean "kiosk-extra"?) [unknown-module]',
    ]


def test_an_unknown_placeholder_is_an_error_never_printed(fork):
    path = fork / "local/modules/our-board-policy.yml"
    path.write_text(path.read_text().replace("Questions go to [[contact]].", "Questions go to [[organisation]]."))
    _, problems = load(fork)
    assert problem_lines(problems) == [
        'local/modules/our-board-policy.yml:25:7: sections[0].body: unknown placeholder [[organisation]] '
        '(did you mean "organization"?) [unknown-placeholder]']


def test_settings_values_are_never_templates(fork):
    """A value that looks like template code is refused by the schema, so it never reaches a page."""
    settings = fork / "local/settings.yml"
    settings.write_text(settings.read_text().replace("jurisdiction: Minnesota", "jurisdiction: \"{{ config }}\""))
    _, problems = load(fork)
    assert [p.field for p in problems.errors] == ["jurisdiction"]
