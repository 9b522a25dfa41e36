"""A real `mkdocs build --strict` of a small project: stable URLs, removal per audience, no trainer-only text
on learner pages or in the search index, navigation that stays small."""

import json
import re

from conftest import make_project, mkdocs_build


def read(site, path):
    return (site / path).read_text(encoding="utf-8")


def test_tracks_have_stable_urls(tiny_site):
    for audience in ("staff", "patrons"):
        for page in ("index.html", "basics/index.html", "glossary/index.html", "sources/index.html"):
            assert (tiny_site / audience / page).is_file(), f"{audience}/{page}"


def test_content_for_one_audience_is_removed_from_the_other(tiny_site):
    assert "STAFFONLYSECRET" in read(tiny_site, "staff/basics/index.html")
    for page in tiny_site.joinpath("patrons").rglob("*.html"):
        assert "STAFFONLYSECRET" not in page.read_text(encoding="utf-8"), page
    index = json.loads(read(tiny_site, "search/search_index.json"))
    patron_docs = [d for d in index["docs"] if d["location"].startswith("patrons/")]
    assert patron_docs and not any("STAFFONLYSECRET" in d["text"] for d in patron_docs)


INLINE = ("patrons", "legislators")  # the tiny fixture's self-paced audiences: `answers` defaults to inline


def test_trainer_only_text_never_reaches_learner_pages_or_search(tiny_site):
    """Facilitator notes never leave the guide. Answers stay in the guide for `answers: guide` tracks; in an
    inline track they appear only inside the "Check your answer" disclosures. Neither is in the search index."""
    secrets = ("FACILITATORSECRET", "ANSWERSECRET")
    inline_seen = 0
    for page in tiny_site.rglob("*.html"):
        rel = page.relative_to(tiny_site).as_posix()
        if rel.endswith("guide/index.html"):
            continue
        text = page.read_text(encoding="utf-8")
        if rel.split("/")[0] in INLINE and rel.count("/") == 2:  # a lesson page of an inline track
            answers = re.findall(r'<details[^>]*class="course-answer"[^>]*>.*?</details>', text, re.S)
            inline_seen += sum("ANSWERSECRET" in a for a in answers)
            text = re.sub(r'<details[^>]*class="course-answer"[^>]*>.*?</details>', "", text, flags=re.S)
        assert not any(s in text for s in secrets), rel
    assert inline_seen == 6, "the patrons and legislators lessons show their three answers each"
    index = read(tiny_site, "search/search_index.json")
    assert not any(s in index for s in secrets)


def test_placeholders_are_filled_from_settings(tiny_site):
    html = read(tiny_site, "staff/basics/index.html")
    assert "[[organization]]" not in html
    assert "Only your library staff can answer" in html or "staff can answer questions" in html


def test_citations_link_to_the_tracks_sources_page(tiny_site):
    html = read(tiny_site, "staff/basics/index.html")
    assert 'href="../sources/#src-nistir8280"' in html
    assert 'id="src-nistir8280"' in read(tiny_site, "staff/sources/index.html")


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


def test_charts_are_inline_svg_with_a_data_table(tiny_site):
    html = read(tiny_site, "staff/basics/index.html")
    figure = re.search(r'<figure class="course-figure" id="chart-gallery"[^>]*>.*?</figure>', html, re.S).group(0)
    assert '<svg class="course-chart course-wide"' in figure and 'role="img"' in figure
    assert '<svg class="course-chart course-narrow"' in figure  # the phone drawing
    assert "<table class=\"course-table\">" in figure and "1 million photos" in figure
    assert "CRSFRAG" not in html


def test_navigation_is_pruned(tiny_site):
    # navigation.prune: a lesson page carries its own track's navigation, not every track's lessons.
    html = read(tiny_site, "staff/basics/index.html")
    assert "patrons/basics/" not in html  # the other track's lessons are pruned from this page's navigation
    assert 'href="basics/"' in read(tiny_site, "patrons/index.html")  # ...but its own track links them


def test_a_hand_written_page_cannot_be_overwritten(tmp_path):
    project = make_project(tmp_path / "p", "tiny")
    (project / "docs" / "staff").mkdir()
    (project / "docs" / "staff" / "glossary.md").write_text("# Mine\n", encoding="utf-8")
    result = mkdocs_build(project, env={"COURSE_PDF": "0"})
    assert result.returncode == 1
    assert "docs/staff/glossary.md: this path belongs to a generated page; move or rename the file" in result.stdout + result.stderr
    assert (project / "docs" / "staff" / "glossary.md").read_text(encoding="utf-8") == "# Mine\n"


def test_a_failed_build_lists_every_problem_and_keeps_the_old_site(tmp_path):
    project = make_project(tmp_path / "p", "tiny")
    site = project / "site"
    assert mkdocs_build(project, env={"COURSE_PDF": "0"}).returncode == 0
    before = (site / "staff" / "basics" / "index.html").read_text(encoding="utf-8")
    module = project / "modules" / "basics.yml"
    original = module.read_text(encoding="utf-8")
    module.write_text(original.replace("audiences: [staff, patrons]", "audiences: [staff, patron]")
                      .replace("key_terms: [threshold]", "key_terms: [treshold]"), encoding="utf-8")
    result = mkdocs_build(project, env={"COURSE_PDF": "0"})
    assert result.returncode == 1
    assert "The course has 2 problem(s); nothing was built:" in result.stdout + result.stderr
    assert 'modules/basics.yml:9:20: audiences[1]: unknown audience "patron" (did you mean "patrons"?)' in result.stdout + result.stderr
    assert 'unknown term "treshold" (did you mean "threshold"?)' in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert (site / "staff" / "basics" / "index.html").read_text(encoding="utf-8") == before
    assert module.read_text(encoding="utf-8") != original  # the author's file is untouched by the build
