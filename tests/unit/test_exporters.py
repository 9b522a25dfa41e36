"""The exporter registry: one exporter per format an audience can list, and a new format is one new file.

In-process: these tests compile a small project with `compile_course` and never run MkDocs.
"""

from __future__ import annotations

import ast
import json
import shutil
import sys
from pathlib import Path

import pytest

from macros.course import build
from macros.course.build import compile_course
from macros.course.export import registry
from macros.course.export.registry import Exporter, Made, Track, register
from macros.course.project import Project
from macros.course.render.pages import Page
from support.project import REPO, make_project


def test_the_schema_lists_exactly_the_registered_formats_in_running_order():
    schema = json.loads((REPO / "schema" / "audiences.schema.json").read_text(encoding="utf-8"))
    enum = schema["properties"]["audiences"]["items"]["properties"]["formats"]["items"]["enum"]
    assert enum == list(registry.exporters())
    assert enum == ["lesson", "handout", "guide", "print", "pdf", "scorm"]


def test_build_py_names_no_format():
    tree = ast.parse((REPO / "macros" / "course" / "build.py").read_text(encoding="utf-8"))
    strings = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    assert strings & set(registry.exporters()) == set()


def test_a_second_exporter_for_a_format_is_refused():
    class AnotherGuide(Exporter):
        format = "guide"

    with pytest.raises(ValueError) as raised, registry.registered(AnotherGuide):
        pass
    assert str(raised.value) == 'two exporters for the format "guide": FacilitatorGuide and AnotherGuide'
    assert registry.exporters()["guide"].__name__ == "FacilitatorGuide"  # the registry is left as it was


def test_an_exporter_needs_a_format():
    class Nameless(Exporter):
        pass

    with pytest.raises(ValueError) as raised:
        register(Nameless)
    assert str(raised.value) == "Nameless has no `format`"


class Slides(Exporter):
    """A throwaway format: one slide page per track, a nav link, a download and an after-build file."""

    format = "slides"
    order = 70
    finished: list = []

    def links(self, track: Track) -> list[tuple[str, str]]:
        return [("Slides", "slides.md")]

    def make(self, track: Track) -> Made:
        aid = track.audience.id
        titles = "".join(f"- {v.title}\n" for v in track.views)
        return Made([Page(f"{aid}/slides.md", f"# Slides for {track.audience.name}\n\n{titles}", "Slides")],
                    {f"{aid}/slides.txt": b"one slide per lesson"})

    def after_build(self, output, site_dir, texts: dict, warnings: list) -> None:
        Path(site_dir, "slides-done.txt").write_text("done", encoding="utf-8")
        texts["slides-done.txt"] = "done"


@pytest.fixture
def slides_project(tmp_path, monkeypatch) -> Path:
    """The tiny project with `slides` added to the formats enum (a copy of the schemas) and to the staff track."""
    schemas = tmp_path / "schema"
    shutil.copytree(REPO / "schema", schemas)
    path = schemas / "audiences.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["audiences"]["items"]["properties"]["formats"]["items"]["enum"].append("slides")
    path.write_text(json.dumps(schema), encoding="utf-8")
    monkeypatch.setattr(Project, "schema_dir", property(lambda self: schemas))
    project = make_project(tmp_path / "p", "tiny")
    audiences = project / "data" / "audiences.yml"
    text = audiences.read_text(encoding="utf-8")
    assert "    formats: [lesson, handout, guide, print, pdf]\n" in text
    audiences.write_text(text.replace("    formats: [lesson, handout, guide, print, pdf]\n",
                                      "    formats: [lesson, handout, guide, print, pdf, slides]\n", 1),
                         encoding="utf-8")
    return project


def test_a_new_format_is_one_class_and_build_py_is_untouched(slides_project, tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_PDF", "0")
    with registry.registered(Slides):
        output = compile_course(slides_project, pdf=False)
        assert output.problems.errors == []
        pages = {p.path: p for p in output.pages}
        views = output.tracks["staff"]
        assert pages["staff/slides.md"].markdown == (
            "# Slides for Library staff\n\n" + "".join(f"- {v.title}\n" for v in views))
        assert output.files["staff/slides.txt"] == b"one slide per lesson"
        # Only the track that lists the format gets it.
        assert [p for p in pages if p.endswith("/slides.md")] == ["staff/slides.md"]
        # Its link follows the built-in formats' links in the track's navigation and on its landing page.
        staff_nav = next(entry["Library staff"] for entry in output.nav if "Library staff" in entry)
        labels = [next(iter(item)) for item in staff_nav]
        assert labels[-3:] == ["Facilitator guide and answer key", "Print the whole track", "Slides"]
        assert {"Slides": "staff/slides.md"} in staff_nav
        assert "- [Print the whole track](print.md)\n- [Slides](slides.md)\n" in pages["staff/index.md"].markdown
        site = tmp_path / "site"
        site.mkdir()
        assert build.finish(output, site) == {"slides-done.txt": "done"}
        assert (site / "slides-done.txt").read_text(encoding="utf-8") == "done"
    assert "slides" not in registry.exporters()


def test_without_the_exporter_the_new_format_makes_nothing(slides_project, monkeypatch):
    monkeypatch.setenv("COURSE_PDF", "0")
    output = compile_course(slides_project, pdf=False)
    assert output.problems.errors == []
    assert not any(p.path.endswith("slides.md") for p in output.pages)


def test_a_format_left_out_of_a_track_leaves_out_its_pages_and_links(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_PDF", "0")
    project = make_project(tmp_path / "p", "tiny")
    audiences = project / "data" / "audiences.yml"
    audiences.write_text(audiences.read_text(encoding="utf-8").replace(
        "    formats: [lesson, handout, guide, print, pdf]\n", "    formats: [lesson, handout, pdf]\n", 1),
        encoding="utf-8")
    output = compile_course(project)
    paths = {p.path for p in output.pages}
    assert "staff/guide.md" not in paths and "staff/print.md" not in paths
    assert "patrons/guide.md" in paths and "patrons/print.md" in paths
    staff_nav = next(entry["Library staff"] for entry in output.nav if "Library staff" in entry)
    assert {"Facilitator guide and answer key": "staff/guide.md"} not in staff_nav


def test_a_pdf_step_that_cannot_write_says_so(tiny_project, monkeypatch, tmp_path):
    from macros.course.export import pdf

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setenv("COURSE_PDF", "1")
    monkeypatch.setattr(pdf, "write_pdfs", full_disk)
    output = compile_course(tiny_project)
    with pytest.raises(registry.ExportError) as raised:
        build.finish(output, tmp_path)
    assert str(raised.value) == "The PDF packs could not be written: [Errno 28] No space left on device"


def test_registering_first_still_finds_the_built_in_formats(monkeypatch):
    monkeypatch.setattr(registry, "_REGISTRY", {})
    monkeypatch.setattr(registry, "_DISCOVERED", [])
    for name in [n for n in sys.modules if n.startswith("macros.course.export.formats.")]:
        monkeypatch.delitem(sys.modules, name)  # so discovery imports (and registers) them again
    register(Slides)
    assert list(registry.exporters()) == ["lesson", "handout", "guide", "print", "pdf", "scorm", "slides"]


class StrictSlides(Slides):
    """A format with a rule of its own: a slide title must fit on one line."""

    def check(self, track: Track, problems) -> None:
        for view in track.views:
            if len(view.title) > 10:
                problems.add(view.module.loaded.where(("title",)), "title", "is too long for a slide",
                             "shorten it to 10 characters", code="too-long")


def test_a_format_s_own_rule_stops_the_build_before_anything_renders(slides_project, monkeypatch):
    monkeypatch.setenv("COURSE_PDF", "0")
    with registry.registered(StrictSlides):
        output = compile_course(slides_project, pdf=False)
    assert [str(p) for p in output.problems.errors] == [
        "modules/basics.yml:3:8: title: is too long for a slide (shorten it to 10 characters) [too-long]"]
    assert output.pages == []
