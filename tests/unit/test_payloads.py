"""Hostile module text stays inert: validation rejects it with a location, and without validation the build
still cannot be made to run anything, at build time (Jinja, YAML tags) or in the reader's browser.

The payloads live in tests/fixtures/hostile/modules/ (one kind per file; see README.txt there):
(a) `python -m macros.course --root <project> validate` exits 1 and names file:line:col for every payload line;
(b) with validation switched off (the loader's problems dropped, in an in-process `mkdocs build`), the site is
    built anyway and shows every payload as literal text: no <script> or on* attribute from module text, no
    javascript: link, Jinja never ran (no output, no side effect), and in Chromium no dialog fires on any page,
    when its payload elements are clicked, or when search lists the hostile pages.
The adapter's defences under test: macros `render_by_default: false` plus `render_macros: false` on every
generated page, macros/course/render/safe_markdown.py, and escaped titles. The build is also repeated with
`render_by_default: true`, so the per-page front matter is shown to hold on its own.
"""

from __future__ import annotations

import pytest
import yaml

from support.payloads import EXPECTED, HOSTILE, PAYLOAD_FILES, payload_project

# file -> (what marks a payload line, what the problem message must say about it)


def test_every_payload_file_has_expectations():
    assert set(PAYLOAD_FILES) == set(EXPECTED)




def test_yaml_tags_never_construct_objects(tmp_path, monkeypatch):
    """The loader itself, called directly (no validation step to hide behind), refuses the tag."""
    from macros.course.check.course import load_course

    project = payload_project(tmp_path / "p", [HOSTILE / "modules" / "python-tag.yml"])
    monkeypatch.chdir(project)
    course, problems = load_course(project)
    assert not list(project.glob("PWNED*")), "the YAML tag ran os.system"
    assert any("tag" in str(p) and "python-tag.yml:" in str(p) for p in problems.errors)
    # The module fails validation, so it is kept among the invalid modules: its data must be plain data, with
    # the tagged value left out (None), not a constructed object.
    checked = [*course.modules.values(), *course.invalid_modules]
    assert [m.id for m in checked] == ["python-tag"], "the module never reached the course: nothing was checked"

    def plain(value):
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return isinstance(value, (str, int, float, bool, type(None)))

    for module in checked:
        assert plain(module.data), module.data
        assert any(v is None for v in _leaves(module.data)), "the tagged value should be dropped (None)"
    with pytest.raises(yaml.YAMLError):  # and PyYAML's safe loader, for the record
        yaml.load((HOSTILE / "modules" / "python-tag.yml").read_text(), Loader=yaml.SafeLoader)


def _leaves(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _leaves(v)
    elif isinstance(value, list):
        for v in value:
            yield from _leaves(v)
    else:
        yield value
