"""Atomic publishing: whatever makes a build fail leaves the previous site byte-identical, for plain
`mkdocs build --strict` and for `bash scripts/dev build` alike (the course plugin, macros/plugin.py).

One good build of the tiny fixture is made once; each test copies that project (site included), breaks it in
one way, builds again with each runner and compares every byte of the site folder with the good one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.project import MKDOCS, REPO, make_project

RUNNERS = ("mkdocs", "scripts/dev")
VENV = Path(sys.executable).parent.parent


def run_build(project: Path, runner: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Build `project` into its site/ folder the way an author would, with --strict."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "COURSE_PDF": "0", **(env or {})}
    if runner == "mkdocs":
        cmd = [MKDOCS, "build", "--strict"]
    else:  # the wrapper builds the repository's project unless given another config (it passes "$@" through)
        cmd = ["bash", str(REPO / "scripts" / "dev"), "build", "-f", str(project / "mkdocs.yml"),
               "-d", str(project / "site")]
        full_env["COURSE_VENV"] = str(VENV)
    result = subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=full_env, timeout=600)
    result.log = result.stdout + result.stderr  # MkDocs prints an Abort's message on stdout, its log on stderr
    return result


def snapshot(folder: Path) -> dict:
    """Every file and folder under `folder` with a digest of its bytes."""
    return {p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir")
            for p in sorted(folder.rglob("*"))}


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("published") / "p", "tiny")
    result = run_build(project, "mkdocs")
    assert result.returncode == 0, result.stderr
    assert "Published the new site to site/" in result.log
    return project


@pytest.fixture
def project(published, tmp_path) -> Path:
    copy = tmp_path / "p"
    shutil.copytree(published, copy, symlinks=True)
    return copy


def published_message(project: Path, runner: str) -> str:
    """The wrapper runs from the repository root, so it names the site folder by its full path."""
    return f"Nothing was published: {'site' if runner == 'mkdocs' else project / 'site'}/ is unchanged."


def assert_unchanged(project: Path, before: dict, result: subprocess.CompletedProcess, runner: str) -> None:
    assert result.returncode != 0, result.stderr
    assert published_message(project, runner) in result.log
    assert "Traceback" not in result.log
    assert snapshot(project / "site") == before
    assert not (project / ".site.building").exists() and not (project / ".site.previous").exists()


def add_step(project: Path, code: str) -> None:
    """A post-build step such as another engineer might add (an exporter, an output check), as a hooks file."""
    (project / "extra_step.py").write_text(code, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - extra_step.py\n", encoding="utf-8")


@pytest.mark.parametrize("runner", RUNNERS)
def test_a_validation_error_publishes_nothing(project, runner):
    before = snapshot(project / "site")
    module = project / "modules" / "basics.yml"
    module.write_text(module.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    result = run_build(project, runner)
    assert "problem(s); nothing was built" in result.log
    assert_unchanged(project, before, result, runner)


@pytest.mark.parametrize("runner", RUNNERS)
def test_a_strict_mode_warning_publishes_nothing(project, runner):
    before = snapshot(project / "site")
    # A British spelling is a warning: under --strict the build fails, after writing pages.
    shutil.copy(REPO / "data" / "spelling.yml", project / "data" / "spelling.yml")
    module = project / "modules" / "basics.yml"
    module.write_text(module.read_text(encoding="utf-8").replace(
        "default: How a face search works, for library workers.",
        "default: How a face search works, for library workers, in colour.", 1), encoding="utf-8")
    result = run_build(project, runner)
    assert 'uses the British spelling "colour"' in result.log
    assert "in strict mode" in result.log
    assert_unchanged(project, before, result, runner)


@pytest.mark.parametrize("runner", RUNNERS)
def test_an_exception_in_a_late_step_publishes_nothing(project, runner):
    before = snapshot(project / "site")
    add_step(project, "def on_post_build(config):\n"
                      "    (__import__('pathlib').Path(config.site_dir) / 'half.txt').write_text('half')\n"
                      "    raise RuntimeError('the exporter failed')\n")
    result = run_build(project, runner)
    assert "the exporter failed" in result.log
    assert result.returncode != 0
    assert snapshot(project / "site") == before
    assert published_message(project, runner) in result.log
    assert not (project / ".site.building").exists()


@pytest.mark.parametrize("runner", RUNNERS)
def test_a_failed_pdf_step_publishes_nothing(project, runner, tmp_path):
    before = snapshot(project / "site")
    # WeasyPrint without Pango fails on import with OSError("cannot load library 'libpango-1.0-0'..."): a stand-in
    # package that fails the same way, first on the path, plays the machine without Pango.
    fake = tmp_path / "no-pango" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise OSError(\"cannot load library 'libpango-1.0-0': error 0x7e\")\n")
    path = os.pathsep.join([str(fake.parent), os.environ["PYTHONPATH"]])  # conftest's: this checkout's macros
    result = run_build(project, runner, env={"COURSE_PDF": "1", "PYTHONPATH": path})
    assert ("The PDF packs cannot be made on this machine: WeasyPrint or the Pango library it needs is missing "
            "(cannot load library 'libpango-1.0-0': error 0x7e). Run bash scripts/dev build, which installs them, "
            "or build without PDFs: COURSE_PDF=0 bash scripts/dev build") in result.log
    assert_unchanged(project, before, result, runner)


@pytest.mark.parametrize("runner", RUNNERS)
def test_an_interrupt_publishes_nothing(project, runner):
    before = snapshot(project / "site")
    # Ctrl+C while the build runs: the process sends itself SIGINT once every page is written.
    add_step(project, "import os, signal, time\n"
                      "def on_post_build(config):\n"
                      "    os.kill(os.getpid(), signal.SIGINT)\n"
                      "    time.sleep(5)\n")
    result = run_build(project, runner)
    assert "Aborted!" in result.log or "KeyboardInterrupt" in result.log
    assert result.returncode != 0
    assert snapshot(project / "site") == before
    assert published_message(project, runner) in result.log
    assert not (project / ".site.building").exists()


def test_a_good_build_replaces_the_site_whole(project):
    (project / "site" / "stale.html").write_text("from an old build")
    module = project / "modules" / "basics.yml"
    module.write_text(module.read_text(encoding="utf-8").replace("title: ", "title: Renamed ", 1), encoding="utf-8")
    result = run_build(project, "mkdocs")
    assert result.returncode == 0, result.stderr
    assert not (project / "site" / "stale.html").exists()
    assert "Renamed" in (project / "site" / "staff" / "basics" / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []
