"""The output guard: a built page, search-index entry or PDF that shows a leftover fails the build, named.

Also the root causes it guards against: placeholders inside a flow's steps were never filled, and a settings
value that opens a sentence kept its lower-case first letter.
"""

from __future__ import annotations

from macros.course.export.output_guard import visible_text
from support.project import make_project, mkdocs_build


def test_a_build_with_a_leftover_fails_naming_the_page_and_the_text(tmp_path):
    project = make_project(tmp_path / "p", "tiny")
    (project / "docs" / "notes.md").write_text("# Notes\n\nThe review date is TODO for now.\n")
    result = mkdocs_build(project, env={"COURSE_PDF": "0"})
    shown = result.stdout + result.stderr
    assert result.returncode != 0
    assert "The built site shows 2 leftover(s) that readers must not see:" in shown
    assert 'notes/index.html: a TODO note: "The review date is TODO for now."' in shown
    assert 'search index: notes/: a TODO note: "The review date is TODO for now."' in shown


def test_the_tiny_course_builds_clean(tiny_site):
    assert (tiny_site / "index.html").is_file()


def test_the_about_page_reads_versions_and_review_dates_from_the_modules(tiny_site):
    text = visible_text((tiny_site / "about" / "index.html").read_text())
    assert "Who publishes it\nThis site is published by the contributors to" in text
    assert "The lesson was last checked on 2026-11-01. The next review falls due on 2027-11-01." in text
    assert "Face search basics\n1.0\n2026-11-01\n2027-11-01" in text
    assert "Report an error" in text
