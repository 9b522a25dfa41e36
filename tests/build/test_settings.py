"""Settings: upstream's defaults in data/settings.yml, a fork's local/settings.yml over them field by field,
validated like modules; placeholders are the only way settings reach lesson text; one-track builds."""

from __future__ import annotations

import pytest

from support.project import load, make_project, mkdocs_build, page, problem_lines


@pytest.fixture
def fork(tmp_path):
    return make_project(tmp_path / "project", "consortium")


def test_an_unfilled_placeholder_fails_with_its_location(fork):
    settings = fork / "local/settings.yml"
    settings.write_text(settings.read_text().replace(
        "contact: the Northwoods privacy officer (privacy@northwoods.example)", 'contact: ""'))
    _, problems = load(fork)
    # One error, at the setting: not one per lesson (upstream's files are right as they are), and only
    # lessons that are published count (kiosk-extra is hidden; rights' trustee track is not published).
    expected = ("local/settings.yml:4:10: contact: is empty, but published lessons use [[contact]] "
                "(local/modules/basics.yml and 2 more) (write a value here, or remove the line to use "
                "upstream's wording) [placeholder-unfilled]")
    assert problem_lines(problems) == [expected]
    result = mkdocs_build(fork)
    assert result.returncode == 1
    output = result.stdout + result.stderr  # MkDocs prints an Abort's message on stdout
    assert "The course has 1 problem(s); nothing was built:" in output
    assert expected in output
    assert "[[contact]]" not in output.replace("lessons use [[contact]]", "")
    assert not (fork / "site" / "staff").exists()


def test_one_track_build_from_the_environment(fork):
    """COURSE_AUDIENCES (what `course build --audience` sets) narrows the published tracks: a kiosk build."""
    result = mkdocs_build(fork, env={"COURSE_AUDIENCES": "patrons"})
    assert result.returncode == 0, result.stderr
    assert (fork / "site/patrons/rights/index.html").exists()
    assert not (fork / "site/staff").exists()
    assert "Library users" in page(fork, "index.html")


def test_one_track_build_with_an_unknown_audience_fails(fork):
    result = mkdocs_build(fork, env={"COURSE_AUDIENCES": "patron"})
    assert result.returncode == 1
    assert '(command line): audience: unknown audience "patron" (did you mean "patrons"?) [unknown-audience]' in result.stdout + result.stderr


def test_an_unfilled_placeholder_written_with_spaces_counts_too(fork):
    settings = fork / "local/settings.yml"
    settings.write_text(settings.read_text().replace(
        "contact: the Northwoods privacy officer (privacy@northwoods.example)", 'contact: ""'))
    path = fork / "local/modules/our-board-policy.yml"
    path.write_text(path.read_text().replace("Questions go to [[contact]].", "Questions go to [[ contact ]]."))
    _, problems = load(fork)
    assert problem_lines(problems) == [
        "local/settings.yml:4:10: contact: is empty, but published lessons use [[contact]] "
        "(local/modules/basics.yml and 2 more) (write a value here, or remove the line to use upstream's wording) [placeholder-unfilled]"]
