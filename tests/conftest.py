"""Shared fixtures: whole projects in temporary folders, built with the real `mkdocs build`.

A fixture project (tests/fixtures/<name>/) holds only what differs from the repository: its modules and data.
`make_project` lays it over a copy of the repository's mkdocs.yml, docs/ and data/, with macros/ linked in, so
every test builds a small but complete project exactly as an author would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PYTHON = sys.executable
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# Every build a test starts imports the course plugin and compiler from this checkout, wherever the shared
# virtual environment's editable install (`pip install -e .`, which registers the plugin) points.
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)


def make_project(dest: Path, fixture: str | None = None, with_modules: bool = False) -> Path:
    """A complete project at `dest`: the repository's site config and data, plus a fixture's files on top."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "docs", dest / "docs", dirs_exist_ok=True)
    if not (fixture and (FIXTURES / fixture / "data").is_dir()):  # a fixture's data replaces the repository's
        # The session plans name the real modules' sections: a project without them has no plans.
        shutil.copytree(REPO / "data", dest / "data", dirs_exist_ok=True,
                        ignore=None if with_modules else shutil.ignore_patterns("plans"))
    (dest / "local").mkdir(exist_ok=True)
    (dest / "modules").mkdir(exist_ok=True)
    if with_modules:
        shutil.copytree(REPO / "modules", dest / "modules", dirs_exist_ok=True)
    if not (dest / "macros").exists():
        (dest / "macros").symlink_to(REPO / "macros", target_is_directory=True)
    if fixture:
        shutil.copytree(FIXTURES / fixture, dest, dirs_exist_ok=True, ignore=_ignore(FIXTURES / fixture))
    return dest


def mkdocs_build(project: Path, site: Path | None = None, env: dict | None = None, strict: bool = True,
                 config: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    """Run the real `mkdocs build` in `project`; returns the finished process (check .returncode)."""
    site = site or project / "site"
    cmd = [MKDOCS, "build", "-f", str(project / config), "-d", str(site)] + (["--strict"] if strict else [])
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=full_env, timeout=900)


def course_cli(*args, root: Path) -> subprocess.CompletedProcess:
    """Run `python -m macros.course` as an author would."""
    return subprocess.run([PYTHON, "-m", "macros.course", "--root", str(root), *args], cwd=REPO,
                          capture_output=True, text=True, timeout=300)


def _ignore(top: Path):
    """Skip build output, and the untracked conveniences for building a fixture in place (see .gitignore)."""
    def ignore(folder, names):
        skip = {"site", "__pycache__"}
        if Path(folder) == top and (top / "macros").is_symlink():
            skip |= {"macros", "mkdocs.yml", "docs", "local"}
        return [n for n in names if n in skip]
    return ignore


@pytest.fixture
def tiny_project(tmp_path) -> Path:
    return make_project(tmp_path / "tiny", "tiny")


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory) -> Path:
    """The tiny fixture, built once (without PDFs) for tests that only read the output."""
    project = make_project(tmp_path_factory.mktemp("tiny-built") / "p", "tiny")
    result = mkdocs_build(project, env={"COURSE_PDF": "0"})
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real course, built once with --strict and PDFs, exactly as `bash scripts/dev build` does."""
    site = tmp_path_factory.mktemp("real-site") / "site"
    result = mkdocs_build(REPO, site)
    assert result.returncode == 0, result.stderr[-5000:]
    return site


ATTRIBUTE_SETTINGS = ('organization: Northwoods "North" x" onmouseover="alert(six)\n'
                      'site_name: Course "Site" x" onmouseover="alert(seven)\n'
                      'contact: the "privacy" officer x" onmouseover="alert(eight)\n'
                      "privacy_policy_url: https://example.org/privacy\njurisdiction: Minnesota\n")


@pytest.fixture(scope="session")
def attribute_payload_site(tmp_path_factory) -> Path:
    """A valid module and settings whose title, summary, heading and site name hold `"` and `" onmouseover=`
    break-outs (tests/fixtures/hostile/modules/attr-quotes.yml without its image line, which validation refuses),
    built with --strict and validation on, as a fork would build it."""
    project = make_project(tmp_path_factory.mktemp("attribute-payloads") / "p", "hostile")
    for module in (project / "modules").glob("*.yml"):
        module.unlink()
    source = (FIXTURES / "hostile" / "modules" / "attr-quotes.yml").read_text(encoding="utf-8")
    (project / "modules" / "attr-quotes.yml").write_text(
        "".join(line for line in source.splitlines(keepends=True) if "![" not in line), encoding="utf-8")
    (project / "local" / "settings.yml").write_text(ATTRIBUTE_SETTINGS, encoding="utf-8")
    result = mkdocs_build(project, env={"COURSE_PDF": "0"})
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"
