"""Helpers for the fork tests: lay a fixture over a copy of the repository and run the tools on it.

A fixture is a folder with `modules/` (modules that stand in for the repository's) and, optionally, `local/`
(a consortium's overlay): the same layout as the other fixtures (see conftest.py). The copy gets the repository's mkdocs.yml, docs/ and data/, and a symlink to
its `macros/` (the code under test; the schemas are found next to it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def make_project(tmp_path: Path, fixture: str = "consortium", local: bool = True) -> Path:
    """A whole course project in `tmp_path/project`: the repository's site around the fixture's modules."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(REPO / "data", root / "data", ignore=shutil.ignore_patterns("plans"))  # plans name real modules
    (root / "macros").symlink_to(REPO / "macros", target_is_directory=True)
    shutil.copytree(FIXTURES / fixture / "modules", root / "modules")
    if local and (FIXTURES / fixture / "local").is_dir():
        shutil.copytree(FIXTURES / fixture / "local", root / "local")
    else:
        (root / "local").mkdir()
    return root


def env(**extra) -> dict:
    out = dict(os.environ, NO_MKDOCS_2_WARNING="1", COURSE_PDF="0", PYTHONDONTWRITEBYTECODE="1")
    out.pop("COURSE_AUDIENCES", None)
    out.update({k: v for k, v in extra.items() if v is not None})
    return out


def course(root: Path, *args: str, **extra_env) -> subprocess.CompletedProcess:
    """Run `python -m macros.course --root ROOT ARGS...` the way an author would."""
    return subprocess.run([sys.executable, "-m", "macros.course", "--root", str(root), *args], cwd=root,
                          env=env(**extra_env), capture_output=True, text=True, timeout=300)


def mkdocs_build(root: Path, *args: str, **extra_env) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` into ROOT/site."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *args], cwd=root,
                          env=env(**extra_env), capture_output=True, text=True, timeout=300)


def load(root: Path, audiences=None):
    """The course and its problems, loaded in this process."""
    from macros.course.check.course import load_course

    return load_course(root, audiences)


def problem_lines(problems) -> list[str]:
    return [("warning: " if p.warning else "") + str(p) for p in problems.sorted()]


def page(root: Path, path: str) -> str:
    """The text of one built page (`staff/rights/index.html`)."""
    return (root / "site" / path).read_text(encoding="utf-8")


def write(root: Path, path: str, text: str) -> Path:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
