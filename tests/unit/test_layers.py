"""Every test file sits in a layer folder, and every test that drives Chromium is marked `browser`.

The layers (tests/README.md): tests/unit runs in this process, tests/build runs `mkdocs build` or the course CLI,
tests/browser drives headless Chromium. A file placed elsewhere fails here with the exact place each of its tests
belongs, read from what the tests use; so does a file that still imports the old helper modules.
"""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import pytest

from support.project import MKDOCS, REPO

TESTS = REPO / "tests"
LAYERS = ("unit", "build", "browser")

# What a test uses that puts it in a layer (names, attributes, fixtures and imported modules).
BROWSER_USES = {"playwright", "playwright.sync_api", "playwright.async_api", "sync_playwright", "async_playwright",
                "chromium_print", "launch", "require_browser"}
BUILD_USES = {"real_site", "tiny_site", "attribute_payload_site", "course_site", "course_project", "offline_site",
              "mkdocs_build", "build_site", "course_cli", "MKDOCS", "Popen", "strict_build", "built_course",
              "mkdocs.commands.build", "mkdocs.commands.serve"}  # an in-process `mkdocs build` is a build too
WHY = {"unit": "runs in this process", "build": "builds a site or runs a tool", "browser": "drives Chromium"}

# The helper modules that support/ replaced, and what to import instead.
OLD_HELPERS = {
    "conftest": "support.project (make_project: with_modules= is now real_modules=; mkdocs_build builds without "
                "PDFs unless pdf=True; course_cli)",
    "_fork_helpers": "support.project (make_project(tmp_path) is now make_project(tmp_path / \"project\", "
                     "\"consortium\"); course(root, *args) is course_cli(*args, root=root); mkdocs_build(root, "
                     "**env) is mkdocs_build(root, env={...}); load, problem_lines, page, write)",
    "_kit_helpers": "support.kit (real_course is in support.project; strict_build(p) is "
                    "support.project.mkdocs_build(p, pdf=True); chromium_print is in support.browser)",
    "_browser_helpers": "support.browser (make_project is support.project.make_project(dest, \"fixture-name\"); "
                        "build is support.project.build_site; validate is course_cli(\"validate\", root=...); "
                        "built_course is the `course_site` fixture)",
}


def _functions(tree: ast.Module) -> dict[str, ast.AST]:
    found: dict[str, ast.AST] = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found[node.name] = node
        elif isinstance(node, ast.ClassDef):  # test classes: their methods count as the file's tests
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    found[item.name] = item
    return found


def _names(node: ast.AST) -> set[str]:
    out: set[str] = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Name):
            out.add(n.id)
        elif isinstance(n, ast.Attribute):
            out.add(n.attr)
        elif isinstance(n, ast.arg):
            out.add(n.arg)
        elif isinstance(n, ast.Import):
            out |= {a.name for a in n.names}
        elif isinstance(n, ast.ImportFrom):
            out |= {n.module or ""} | {a.name for a in n.names}
        if isinstance(n, ast.Call):  # what is called, as `call:name` or `call:module.name`
            if isinstance(n.func, ast.Name):
                out.add(f"call:{n.func.id}")
            elif isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name):
                out.add(f"call:{n.func.value.id}.{n.func.attr}")
    return out


def _uses(tree: ast.Module) -> dict[str, set[str]]:
    """Each test's names, with the names of the file's own helpers and fixtures it reaches (transitively)."""
    functions = _functions(tree)
    top_level = set().union(*(_names(n) for n in tree.body if not isinstance(n, (ast.FunctionDef,
                                                                                   ast.AsyncFunctionDef,
                                                                                   ast.ClassDef))))
    result = {}
    for name, node in functions.items():
        if not name.startswith("test_"):
            continue
        seen, todo, names = {name}, [node], set()
        while todo:
            found = _names(todo.pop())
            names |= found
            for other in found & functions.keys() - seen:
                seen.add(other)
                todo.append(functions[other])
        # A module-level `pytestmark` or a module-level import of playwright concerns every test of the file.
        result[name] = names | (top_level & BROWSER_USES)
    return result


def layer_of(names: set[str], build_uses: set[str] = BUILD_USES) -> str:
    if names & BROWSER_USES:
        return "browser"
    return "build" if names & build_uses else "unit"


def _old_build_helpers(tree: ast.Module) -> set[str]:
    """Calls of the old helper modules' runners (`course`, `build`, `validate` ran tools), as `_names` spells
    them: `call:course`, `call:bh.build`."""
    runners = {"course", "build", "validate", "mkdocs_build", "strict_build", "built_course", "course_cli"}
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in OLD_HELPERS:
            found |= {f"call:{a.asname or a.name}" for a in node.names if a.name in runners}
        elif isinstance(node, ast.Import):
            found |= {f"call:{a.asname or a.name}.{r}" for a in node.names if a.name in OLD_HELPERS for r in runners}
    return found


def placement(path: Path) -> dict[str, list[str]]:
    """{layer: [test names]} for a test file, read from what each test uses."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    build_uses = BUILD_USES | _old_build_helpers(tree)
    by_layer: dict[str, list[str]] = {}
    for test, names in _uses(tree).items():
        by_layer.setdefault(layer_of(names, build_uses), []).append(test)
    return by_layer


def where_to_move(path: Path) -> str:
    by_layer = placement(path)
    rel = path.relative_to(REPO).as_posix()
    if len(by_layer) <= 1:
        layer = next(iter(by_layer), "unit")
        return f"{rel}: move it to tests/{layer}/{path.name} (its tests {WHY[layer]})"
    parts = [f"tests/{layer}/{path.name} ({WHY[layer]}): {', '.join(tests)}" for layer, tests in by_layer.items()]
    return f"{rel}: its tests belong to different layers; split it into " + "; ".join(parts)


def test_every_test_file_sits_in_a_layer_folder():
    misplaced = [p for p in sorted(TESTS.rglob("test_*.py"))
                 if "fixtures" not in p.parts and not (p.parent.name in LAYERS and p.parent.parent == TESTS)]
    assert not misplaced, "test files outside tests/unit, tests/build, tests/browser:\n" + "\n".join(
        where_to_move(p) for p in misplaced)


def test_no_test_imports_the_old_helper_modules():
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        if "fixtures" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = ([a.name for a in node.names] if isinstance(node, ast.Import)
                       else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            found += [f"{path.relative_to(REPO)}:{node.lineno}: imports {m}; import from {OLD_HELPERS[m]}"
                      for m in modules if m in OLD_HELPERS]
    assert not found, "\n".join(found)


def _marked_browser(tree: ast.Module, test: str) -> bool:
    def says_browser(expr: ast.AST) -> bool:
        return any(isinstance(n, ast.Attribute) and n.attr == "browser" for n in ast.walk(expr))

    file_marks = [node.value for node in tree.body if isinstance(node, ast.Assign)
                  and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets)]
    return any(says_browser(m) for m in [*file_marks, *_functions(tree)[test].decorator_list])


def test_every_browser_test_is_in_tests_browser_and_marked():
    problems = []
    for path in sorted(TESTS.glob("*/test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        rel = path.relative_to(REPO).as_posix()
        for test, names in _uses(tree).items():
            if layer_of(names) != "browser":
                continue
            if path.parent.name != "browser":
                problems.append(f"{rel}::{test} drives Chromium: move it to tests/browser/{path.name}")
            if not _marked_browser(tree, test):
                problems.append(f"{rel}::{test} drives Chromium but is not marked: add "
                                f"`pytestmark = pytest.mark.browser` at the top of the file")
    assert not problems, "\n".join(problems)


def test_no_unit_test_is_marked_slow_or_browser():
    """A unit test is quick and in-process by definition: a `slow` or `browser` mark says it is in the wrong layer."""
    marked = []
    for path in sorted((TESTS / "unit").glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and node.attr in ("slow", "browser")
                    and isinstance(node.value, ast.Attribute) and node.value.attr == "mark"):
                marked.append(f"{path.relative_to(REPO)}:{node.lineno}: marked {node.attr}: move the test to "
                              f"tests/{'browser' if node.attr == 'browser' else 'build'}/{path.name}, or drop the mark")
    assert not marked, "\n".join(marked)


def test_the_placement_rule_can_fail(tmp_path):
    """The messages the lead reads when a new file lands in tests/: each test's layer, from what it uses."""
    stray = tmp_path / "tests" / "test_new.py"
    stray.parent.mkdir()
    stray.write_text(
        "from support.project import course_cli, real_course\n\n"
        "def test_in_process():\n    assert real_course()\n\n"
        "def test_cli(tmp_path):\n    assert course_cli('list', root=tmp_path)\n\n"
        "def helper(real_site):\n    return real_site\n\n"
        "def test_reads_the_site(real_site):\n    assert helper(real_site)\n\n"
        "def test_prints():\n    from playwright.sync_api import sync_playwright\n    sync_playwright()\n",
        encoding="utf-8")
    assert placement(stray) == {"unit": ["test_in_process"], "build": ["test_cli", "test_reads_the_site"],
                                "browser": ["test_prints"]}
    tree = ast.parse(stray.read_text(encoding="utf-8"))
    assert not _marked_browser(tree, "test_prints")


def test_the_unit_layer_refuses_a_mkdocs_run():
    with pytest.raises(pytest.fail.Exception, match=r"runs `mkdocs`.*move the test to tests/build/"):
        subprocess.run([MKDOCS, "--version"], capture_output=True, check=False)
