"""The hostile-module fixture: its payload files, what validation must say of each, and a build of them with
validation bypassed (tests/unit, tests/build and tests/browser test_payloads.py)."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from support.project import FIXTURES, make_project

HOSTILE = FIXTURES / "hostile"


PAYLOAD_FILES = sorted(p.name for p in (HOSTILE / "modules").glob("*.yml"))


EXPECTED = {
    "ssti-globals.yml": (r"\{\{", r"template"),
    "ssti-for.yml": (r"\{%", r"template"),
    "ssti-title.yml": (r"\{\{", r"template"),
    "script-tag.yml": (r"<script", r"HTML"),
    "img-title.yml": (r"<img", r"HTML"),
    "attr-list.yml": (r"\{:", r"attribute"),
    "js-link.yml": (r"(?i)javascript:", r"(?i)javascript|link|URL|scheme"),  # checked outside quoted text
    "python-tag.yml": (r"!!python", r"YAML tag"),
    "attr-quotes.yml": (r"!\[", r"image"),  # its quotes are fine text: see the attribute-context tests below
}


def payload_project(dest: Path, modules: list[Path]) -> Path:
    project = make_project(dest, "hostile", modules=False)
    for m in modules:
        shutil.copy(m, project / "modules" / m.name)
    return project


def in_process_build(project: Path, site: Path, render_by_default: bool, monkeypatch) -> None:
    """`mkdocs build` in this process, with the course loader's problems dropped (validation off)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import macros.course.build as course_build
    from macros.course.problems import Problems

    real = course_build.load_course
    dropped: list = []

    def load_without_validation(root, audiences=None, **options):
        course, problems = real(root, audiences, **options)
        dropped.extend(problems.errors)
        return course, Problems()

    monkeypatch.setattr(course_build, "load_course", load_without_validation)
    # The output guard is a later defence that would stop this build (the payloads show as literal `{{`):
    # record what it finds, and let the build finish so the inertness of the pages can be checked.
    import macros.course.export.output_guard as guard

    real_guard, caught = guard.check_site, []

    def guard_that_only_records(*args, **kwargs):
        caught.extend(real_guard(*args, **kwargs))
        return []

    monkeypatch.setattr(guard, "check_site", guard_that_only_records)
    if render_by_default:  # knock out the first defence: the page front matter must hold on its own
        cfg_path = project / "mkdocs.yml"
        text = cfg_path.read_text()
        assert "render_by_default: false" in text
        cfg_path.write_text(text.replace("render_by_default: false", "render_by_default: true"))
        # Hand-written pages that never opted in were not written as templates (the authoring guide shows
        # `{{ ... }}` as an example): leave them out, so this build tests the generated pages only.
        for md in (project / "docs").rglob("*.md"):
            head = md.read_text(encoding="utf-8").split("\n---", 1)[0]
            if not re.search(r"^render_macros:\s*true", head, re.M):
                md.unlink()
    monkeypatch.setattr(sys, "path", list(sys.path))  # whatever the build imports, sys.path is restored after
    monkeypatch.chdir(project)  # relative PWNED-* side effects would land here
    monkeypatch.setenv("COURSE_PDF", "0")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    build(config)
    assert dropped, "validation found nothing to bypass: the payloads did not reach the build"
    assert any(f.what == "template code" for f in caught), "the output guard missed the template payloads"
