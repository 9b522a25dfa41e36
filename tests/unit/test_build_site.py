"""A real `mkdocs build --strict` of a small project: stable URLs, removal per audience, no trainer-only text
on learner pages or in the search index, navigation that stays small."""


from support.project import make_project


def test_generated_pages_are_never_jinja_templates(tmp_path, monkeypatch):
    # Validation refuses template code; bypass it to prove the second wall: every generated page tells
    # mkdocs-macros not to render it, so the template code reaches the page as text.
    project = make_project(tmp_path / "p", "tiny")
    module = project / "modules" / "basics.yml"
    module.write_text(module.read_text(encoding="utf-8").replace(
        "A system compares templates", "A system {{ 7*7 }} compares templates", 1), encoding="utf-8")
    import macros.course.build as course_build
    from macros.course.problems import Problems

    real = course_build.load_course
    refused = []

    def without_validation(root, audiences=None, **options):
        course, problems = real(root, audiences, **options)
        refused.extend(str(p) for p in problems.errors)
        return course, Problems()

    monkeypatch.setattr(course_build, "load_course", without_validation)
    output = course_build.compile_course(project)
    assert any("contains template code" in p for p in refused), "validation did not refuse the template code"
    lesson = next(p for p in output.pages if p.path == "staff/basics/index.md")
    assert lesson.markdown.startswith("---\nrender_macros: false\n")
    assert "A system {{ 7*7 }} compares templates" in lesson.markdown
    assert all(p.markdown.startswith("---\nrender_macros: false\n") for p in output.pages)
