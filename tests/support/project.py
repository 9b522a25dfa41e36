"""One project-fixture helper: copy a fixture (tests/fixtures/<name>/) or the real course into a temporary
folder, and run the real tools on it.

A project gets the repository's mkdocs.yml (and mkdocs-offline.yml), docs/ and schema/, a link to macros/ (or a
copy, for tests that edit the code under a running server), the fixture's data/ (whole) or else the
repository's, and the fixture's modules/ and local/ on top. The session plans in data/plans/ name the real
modules' sections, so a project without the real modules gets no plans.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
PYTHON = sys.executable
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
_SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", "site", "site-offline")
_SKIP_PLANS = shutil.ignore_patterns("__pycache__", "*.pyc", "site", "site-offline", "plans")

# Builds of the real course in this session (read by the count printed at the end, see tests/conftest.py).
REAL_COURSE_BUILDS: list[str] = []


def make_project(dest: Path, fixture: str | None = None, *, real_modules: bool = False, modules: bool = True,
                 local: bool = True, settings: str | None = None, copy_macros: bool = False) -> Path:
    """A complete project at `dest`, returned.

    fixture: a folder name under tests/fixtures/ whose data/, modules/ and local/ are laid over the copy (None:
    none). real_modules: copy the repository's modules/ (and its session plans). modules / local: take the
    fixture's modules/ / local/ (False leaves them empty). settings: the text of local/settings.yml. copy_macros:
    copy macros/ instead of linking it (for a test that edits the code).
    """
    source = FIXTURES / fixture if fixture else None
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "mkdocs-offline.yml"):
        shutil.copy(REPO / name, dest / name)
    for name in ("docs", "schema"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, dest / name, ignore=_SKIP, dirs_exist_ok=True)
    if copy_macros:
        shutil.copytree(REPO / "macros", dest / "macros", ignore=_SKIP, dirs_exist_ok=True)
    elif not (dest / "macros").exists():
        (dest / "macros").symlink_to(REPO / "macros", target_is_directory=True)
    if source and (source / "data").is_dir():  # a fixture's data replaces the repository's
        shutil.copytree(source / "data", dest / "data", ignore=_SKIP, dirs_exist_ok=True)
    else:
        shutil.copytree(REPO / "data", dest / "data", ignore=_SKIP if real_modules else _SKIP_PLANS,
                        dirs_exist_ok=True)
    if not (dest / "data" / "ui").is_dir():  # a fixture's data has no UI strings of its own: upstream's catalogs
        shutil.copytree(REPO / "data" / "ui", dest / "data" / "ui", dirs_exist_ok=True)
    (dest / "modules").mkdir(exist_ok=True)
    (dest / "local").mkdir(exist_ok=True)
    if real_modules:
        shutil.copytree(REPO / "modules", dest / "modules", ignore=_SKIP, dirs_exist_ok=True)
    if source and modules and (source / "modules").is_dir():
        shutil.copytree(source / "modules", dest / "modules", ignore=_SKIP, dirs_exist_ok=True)
    if source and local and (source / "local").is_dir():
        shutil.copytree(source / "local", dest / "local", ignore=_SKIP, dirs_exist_ok=True)
    if settings is not None:
        (dest / "local" / "settings.yml").write_text(settings, encoding="utf-8")
    return dest


def write(root: Path, path: str, text: str) -> Path:
    """Write `text` to ROOT/path (folders made as needed); returns the file."""
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def page(root: Path, path: str) -> str:
    """The text of one built page under ROOT/site (`staff/rights/index.html`)."""
    return (root / "site" / path).read_text(encoding="utf-8")


def tool_env(env: dict | None = None) -> dict:
    """The environment the tools run in: this one, without a track choice leaking in from the shell."""
    out = {k: v for k, v in os.environ.items() if k != "COURSE_AUDIENCES"}
    out.update({"NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"})
    out.update(env or {})
    return out


def mkdocs_build(project: Path, site: Path | None = None, *, env: dict | None = None, strict: bool = True,
                 config: str = "mkdocs.yml", pdf: bool = False) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build` in `project` into `site` (default project/site); returns the finished process
    (check .returncode; its log is stdout + stderr). PDFs only with pdf=True (or COURSE_PDF in env). Never `-q`:
    with -q MkDocs raises its log level to ERROR, so warnings are not counted and --strict passes anyway."""
    site = site or project / "site"
    cmd = [MKDOCS, "build", "-f", str(project / config), "-d", str(site)] + (["--strict"] if strict else [])
    full_env = tool_env({"COURSE_PDF": "1" if pdf else "0", **(env or {})})
    if _has_real_modules(project):
        REAL_COURSE_BUILDS.append(f"{config} -> {site}")
    return subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=full_env, timeout=900)


def _has_real_modules(project: Path) -> bool:
    names = sorted(p.name for p in (project / "modules").glob("*.yml"))
    return bool(names) and names == sorted(p.name for p in (REPO / "modules").glob("*.yml"))


def build_site(project: Path, site: Path | None = None, **options) -> Path:
    """`mkdocs_build` that fails the test with MkDocs' log when the build fails; returns the site folder."""
    result = mkdocs_build(project, site, **options)
    if result.returncode != 0:
        log = (result.stdout + result.stderr)[-6000:]
        pytest.fail(f"mkdocs build of {project} failed ({result.returncode}):\n{log}")
    return site or project / "site"


def course_cli(*args: str, root: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `python -m macros.course --root ROOT ARGS...` in ROOT, as an author would (no PDFs unless asked)."""
    return subprocess.run([PYTHON, "-m", "macros.course", "--root", str(root), *args], cwd=root,
                          env=tool_env({"COURSE_PDF": "0", **(env or {})}), capture_output=True, text=True,
                          timeout=300)


def load(root: Path, audiences=None):
    """The course and its problems, loaded in this process."""
    from macros.course.check.course import load_course

    return load_course(root, audiences)


def problem_lines(problems) -> list[str]:
    """Problems as the author reads them, warnings marked."""
    return [("warning: " if p.warning else "") + str(p) for p in problems.sorted()]


@lru_cache(maxsize=1)
def real_course():
    """The real course, compiled in this process as the build compiles it, once per session (fails loudly if
    the course has errors). Read-only: tests must not change what it returns."""
    from macros.course.build import compile_course

    # Every format and track, whatever switches the caller's shell holds (COURSE_SCORM=0, COURSE_AUDIENCES=...).
    saved = {k: os.environ.pop(k) for k in ("COURSE_SCORM", "COURSE_PDF", "COURSE_AUDIENCES") if k in os.environ}
    try:
        output = compile_course(REPO)
    finally:
        os.environ.update(saved)
    assert not output.problems.errors, "\n".join(str(p) for p in output.problems.sorted()[:20])
    return output
