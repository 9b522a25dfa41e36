"""The US English spelling check: British forms in module text are located warnings with the US form as the fix."""

from __future__ import annotations

from support.project import REPO, course_cli, make_project


def test_validate_reports_every_british_spelling_in_a_project(tmp_path):
    project = make_project(tmp_path / "p", "tiny")
    (project / "data" / "spelling.yml").write_text((REPO / "data" / "spelling.yml").read_text())
    module = project / "modules" / "basics.yml"
    text = module.read_text()
    module.write_text(text.replace("title: ", "title: Colour and ", 1))
    line = next(n for n, text in enumerate(module.read_text().splitlines(), 1) if "Colour and" in text)
    result = course_cli("validate", root=project)
    assert f'modules/basics.yml:{line}:' in result.stdout + result.stderr
    assert 'uses the British spelling "Colour" (write "Color"; the course uses US English)' in result.stdout + result.stderr
