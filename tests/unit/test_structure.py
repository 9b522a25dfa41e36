"""The compiler's shape: stages in one direction, and no MkDocs inside it.

macros/course/ holds the stages in the order data flows through them. A module may import from its own stage
or an earlier one, never a later one: that is what keeps each stage testable alone and lets a new exporter be
added without touching what came before.
"""

from __future__ import annotations

import ast
import sys

from support.project import REPO

COURSE = REPO / "macros" / "course"
# Core modules (problems, project, model, markup, text checks and stats, variants) first; then the stages.
STAGES = ["core", "load", "check", "view", "render", "export", "build", "cli"]


def _stage(parts: list[str]) -> str:
    if len(parts) > 1 and parts[0] in STAGES:
        return parts[0]
    name = parts[0] if parts else ""
    return {"build": "build", "__main__": "cli"}.get(name.removesuffix(".py"), "core")


def _runtime_imports(tree: ast.AST):
    """Relative imports, skipping `if TYPE_CHECKING:` blocks (annotations only, no import at run time)."""
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            skip.update(id(n) for n in ast.walk(node))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level and id(node) not in skip:
            yield node


def back_edges() -> list[str]:
    found = []
    for path in sorted(COURSE.rglob("*.py")):
        rel = path.relative_to(COURSE).parts
        stage = _stage(list(rel))
        for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            package = list(rel[:-1])
            if node.level - 1 > len(package):
                found.append(f"{'/'.join(rel)}:{node.lineno}: imports from outside macros/course")
                continue
            base = package[:len(package) - (node.level - 1)]
            targets = ([base + node.module.split(".")] if node.module
                       else [base + [alias.name] for alias in node.names])
            for target in targets:
                to = _stage(target)
                if STAGES.index(to) > STAGES.index(stage):
                    found.append(f"{'/'.join(rel)}:{node.lineno}: {stage} imports {'.'.join(target)} ({to})")
    return found


def test_no_import_runs_back_up_the_stages():
    assert (COURSE / "build.py").is_file(), f"{COURSE} is not the compiler: the check would pass on nothing"
    assert back_edges() == []


def test_the_check_finds_a_back_edge(tmp_path, monkeypatch):
    """The rule can fail: a loader that imports a renderer is reported."""
    (tmp_path / "load").mkdir()
    (tmp_path / "load" / "x.py").write_text("from ..render.lesson import render_lesson\n")
    (tmp_path / "load" / "y.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                           "    from ..view.lesson import LessonView\n")
    monkeypatch.setattr(sys.modules[__name__], "COURSE", tmp_path)
    assert back_edges() == ["load/x.py:1: load imports render.lesson (render)"]


def test_the_compiler_never_imports_mkdocs():
    assert (COURSE / "build.py").is_file(), f"{COURSE} is not the compiler: the check would pass on nothing"
    offenders = [str(p.relative_to(COURSE)) for p in COURSE.rglob("*.py")
                 if any(isinstance(n, (ast.Import, ast.ImportFrom)) and
                        any((getattr(n, "module", None) or a.name).split(".")[0] == "mkdocs" for a in n.names)
                        for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))))]
    assert offenders == []
