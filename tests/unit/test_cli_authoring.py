"""The authoring commands, run as an author runs them: new, list, review, build (and progress reporting)."""

from __future__ import annotations

from support.project import REPO

# ---------------------------------------------------------------------------------------- the forkers' docs

def test_the_guide_shows_the_example_workflow_exactly():
    import yaml

    guide = (REPO / "docs/adapt/index.md").read_text(encoding="utf-8")
    workflow = (REPO / "docs/adapt/example-ci-workflow.yml").read_text(encoding="utf-8")
    assert f"```yaml\n{workflow}```\n" in guide
    jobs = yaml.safe_load(workflow)["jobs"]
    steps = [s.get("run", "") for s in jobs["build"]["steps"]]
    assert "bash scripts/dev validate" in steps and "bash scripts/dev build" in steps
    assert "bash scripts/dev course drift" in steps


def test_every_command_the_guide_uses_exists():
    import re

    from macros.course.cli import main as cli

    cli._load_plugins()
    guide = (REPO / "docs/adapt/index.md").read_text(encoding="utf-8")
    used = set(re.findall(r"bash scripts/dev course ([a-z]+)", guide))
    assert used >= {"new", "list", "build", "drift", "review"}
    assert used <= set(cli.COMMANDS) | {"--help"}


def test_citation_file():
    import yaml

    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["license"] == ["CC-BY-4.0", "MIT"]
    assert cff["title"] == "Facial recognition: a course for libraries"
