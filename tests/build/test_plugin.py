"""The `course` MkDocs plugin: registered by pyproject.toml, configured in mkdocs.yml, state on its instance.

Builds here run in this process (as `mkdocs build` does: startup, build, shutdown) where the test needs to see
the plugin instance or `sys.path`, and as a subprocess where it needs the message an author sees.
"""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from support.project import FIXTURES, make_project, mkdocs_build


def set_options(project: Path, **options: str) -> None:
    """Replace option lines of the `course` plugin in the project's mkdocs.yml (`pdf='"yes"'`)."""
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("  - course:\n")
    for name, value in options.items():
        at = next(i for i in range(start + 1, len(lines)) if lines[i].startswith(f"      {name}:"))
        lines[at] = f"      {name}: {value}\n"
    config.write_text("".join(lines), encoding="utf-8")


def build_here(project: Path, site: Path, monkeypatch):
    """`mkdocs build` in this process; returns the config (its plugins are the instances that built)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.chdir(project)
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return config


@pytest.fixture(autouse=True)
def quick(monkeypatch):
    for name in ("COURSE_AUDIENCES", "COURSE_PDF", "COURSE_SCORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COURSE_PDF", "0")


def test_the_entry_point_registers_and_loads_the_plugin():
    from mkdocs.plugins import BasePlugin

    from macros.plugin import CourseConfig, CoursePlugin

    (entry,) = [e for e in entry_points(group="mkdocs.plugins") if e.name == "course"]
    assert entry.value == "macros.plugin:CoursePlugin"
    plugin_class = entry.load()
    assert plugin_class is CoursePlugin and issubclass(plugin_class, BasePlugin)
    plugin = plugin_class()
    errors, warnings = plugin.load_config({})
    assert (errors, warnings) == ([], [])
    assert isinstance(plugin.config, CourseConfig)
    assert (plugin.config.audiences, plugin.config.pdf, plugin.config.scorm) == ([], True, True)


def test_a_wrong_option_type_gets_mkdocs_own_config_error(tmp_path):
    project = make_project(tmp_path / "p", "tiny")
    set_options(project, pdf='"yes"')
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert ("ERROR   -  Config value 'plugins': Plugin 'course' option 'pdf': Expected type: <class 'bool'> but "
            "received: <class 'str'>") in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_an_environment_override_must_be_0_or_1(tmp_path):
    project = make_project(tmp_path / "p", "tiny")
    result = mkdocs_build(project, env={"COURSE_SCORM": "maybe"})
    assert result.returncode == 1
    assert ("COURSE_SCORM=maybe: use COURSE_SCORM=0 to skip this build step or COURSE_SCORM=1 to make it, or leave "
            "it unset to follow mkdocs.yml") in result.stderr
    assert not (project / "site").exists()


def test_options_from_mkdocs_yml_and_their_environment_overrides(tmp_path, monkeypatch):
    project = make_project(tmp_path / "p", "tiny")
    audiences = project / "data" / "audiences.yml"  # every track of the tiny course gets a SCORM package
    audiences.write_text(audiences.read_text(encoding="utf-8").replace("pdf]", "pdf, scorm]"), encoding="utf-8")
    set_options(project, audiences="[patrons]", scorm="false")
    config = build_here(project, tmp_path / "site", monkeypatch)
    plugin = config.plugins["course"]
    assert [a.id for a in plugin.output.course.published_audiences()] == ["patrons"]
    assert plugin.output.files == {}  # scorm: false
    assert not (tmp_path / "site" / "staff").exists()

    monkeypatch.setenv("COURSE_AUDIENCES", "staff")
    monkeypatch.setenv("COURSE_SCORM", "1")
    config = build_here(project, tmp_path / "site2", monkeypatch)
    plugin = config.plugins["course"]
    assert [a.id for a in plugin.output.course.published_audiences()] == ["staff"]
    assert list(plugin.output.files) == ["staff/staff-scorm12.zip"]
    assert (tmp_path / "site2" / "staff" / "staff-scorm12.zip").is_file()


def test_loading_and_building_leave_sys_path_alone(tmp_path):
    """In a fresh process, so that importing the plugin counts too (the old hook file prepended its folder)."""
    project = make_project(tmp_path / "p", "tiny")
    code = ("import sys\nbefore = list(sys.path)\n"
            "from mkdocs.commands.build import build\nfrom mkdocs.config import load_config\n"
            f"config = load_config(config_file='mkdocs.yml', site_dir={str(tmp_path / 'site')!r})\n"
            "build(config)\nassert 'macros.plugin' in sys.modules\n"
            "print('changed:', [p for p in sys.path if p not in before], [p for p in before if p not in sys.path])\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, timeout=600, check=False,
                            env={**os.environ, "COURSE_PDF": "0"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.splitlines()[-1] == "changed: [] []"
    assert (tmp_path / "site" / "staff" / "index.html").is_file()


def test_two_builds_in_one_process_share_no_state(tmp_path, monkeypatch):
    """MkDocs keeps one plugin instance per process: a fork's build, then upstream's, must not mix."""
    fork = make_project(tmp_path / "fork", "tiny")
    (fork / "local" / "settings.yml").write_text(
        "organization: Northwoods Library Consortium\nlogo: local/logo.svg\naudiences: [staff]\n", encoding="utf-8")
    (fork / "local" / "logo.svg").write_bytes((FIXTURES / "consortium" / "local" / "logo.svg").read_bytes())
    upstream = make_project(tmp_path / "upstream", "tiny")

    first = build_here(fork, tmp_path / "fork-site", monkeypatch)
    plugin = first.plugins["course"]
    fork_output = plugin.output
    assert plugin.logo and first.theme["logo"] == plugin.logo[0]
    assert "Adapted by Northwoods" in (tmp_path / "fork-site" / "index.html").read_text(encoding="utf-8")

    second = build_here(upstream, tmp_path / "upstream-site", monkeypatch)
    assert second.plugins["course"] is plugin  # the same instance, as MkDocs caches it
    assert plugin.output is not fork_output and plugin.output.course.root == upstream.resolve()
    assert plugin.logo is None and second.theme.get("logo") is None
    assert "patrons" in [a.id for a in plugin.output.course.published_audiences()]  # the fork published staff only
    assert plugin.fragments == {t: h for page in plugin.output.pages for t, h in page.fragments.items()}
    home = (tmp_path / "upstream-site" / "index.html").read_text(encoding="utf-8")
    assert "Northwoods" not in home
    assert (tmp_path / "upstream-site" / "patrons" / "index.html").is_file()
    assert not list((tmp_path / "upstream-site").rglob("logo.svg"))


def test_hand_written_pages_read_the_documented_variables(tmp_path, monkeypatch):
    project = make_project(tmp_path / "p", "tiny")
    (project / "docs" / "numbers.md").write_text(
        "---\nrender_macros: true\n---\n# Numbers\n\n"
        "{{ course_module_count }} lessons in {{ course_tracks | length }} tracks: "
        "{% for t in course_tracks %}{{ t.name }} ({{ t.lessons }}, {{ t.minutes }} min); {% endfor %}"
        "first lesson {{ course_lessons[0].id }} version {{ course_lessons[0].version }}; "
        "next review {{ course_review.next_due or 'none' }}.\n", encoding="utf-8")
    config = build_here(project, tmp_path / "site", monkeypatch)
    output = config.plugins["course"].output
    text = (tmp_path / "site" / "numbers" / "index.html").read_text(encoding="utf-8")
    tracks = "".join(f"{a.name} ({len(output.tracks[a.id])}, {sum(v.minutes for v in output.tracks[a.id])} min); "
                     for a in output.course.published_audiences())
    shown = {v.id for views in output.tracks.values() for v in views}
    first = next(m for m in output.course.modules.values() if m.id in shown)
    assert (f"{len(shown)} lessons in {len(output.tracks)} tracks: {tracks}first lesson {first.id} version "
            f"{first.version}; next review {first.review_due() or 'none'}.") in text.replace("&amp;", "&")


def test_a_rebuild_guards_only_the_pages_that_changed(tmp_path, monkeypatch):
    """While serving, the plugin keeps the output guard's findings per page: unchanged pages are not parsed again,
    and a page that changed is checked afresh."""
    from macros.course.export import output_guard
    from macros.course.model import Settings

    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("<p>Ask [[contact]] first.</p>", encoding="utf-8")
    (site / "index.html").write_text("<p>Welcome.</p>", encoding="utf-8")
    parsed = []
    real = output_guard.visible_text
    monkeypatch.setattr(output_guard, "visible_text", lambda text: parsed.append(text) or real(text))
    cache: dict = {}
    first = [str(f) for f in output_guard.check_site(site, Settings(), index={}, cache=cache)]
    assert first == ['a/index.html: an unfilled placeholder: "Ask [[contact]] first."']
    assert len(parsed) == 2

    parsed.clear()
    (site / "index.html").write_text("<p>Welcome. TODO</p>", encoding="utf-8")
    second = [str(f) for f in output_guard.check_site(site, Settings(), index={}, cache=cache)]
    assert second == first + ['index.html: a TODO note: "Welcome. TODO"']
    assert parsed == ["<p>Welcome. TODO</p>"]
    assert len(cache) == 2  # the findings of this check only
