"""PDF handouts and packs, built by WeasyPrint during the real `mkdocs build`: checked with pdfinfo/pdftotext."""

from __future__ import annotations

import re
import statistics
import subprocess

import pytest

from macros.course.render.handout import handout_content, pdf_name
from support.kit import (
    LONG_MODULE,
    PAGE_SIZE_PTS,
    PAPERS,
    blank_pages,
    handout_tracks,
    norm,
    pdf_page_size,
    pdf_pages,
    pdf_text,
    probes,
    sheet_items,
    trainer_only_probes,
)
from support.project import make_project, mkdocs_build, real_course

MIN_WORD_HEIGHT = 12.7  # pdftotext word boxes are ~1.16 x the font size: 11 pt body or larger


def _word_heights(path):
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [float(b) - float(a) for a, b in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', boxes)]


def test_real_handout_pdfs(real_site):
    output = real_course()
    report = {}
    for audience, views in handout_tracks(output):
        if "pdf" not in audience.formats:
            continue
        secrets = trainer_only_probes(output, audience.id)
        limit = audience.handout_pages_max
        for paper in PAPERS:
            total = 0
            for v in views:
                path = real_site / audience.id / "pdf" / pdf_name(audience.id, v.id, paper)
                assert path.exists(), f"missing {path.relative_to(real_site)}"
                pages = pdf_pages(path)
                report[f"{audience.id}/{v.id}/{paper}"] = pages
                assert 1 <= pages <= limit, f"{path.name}: {pages} pages, limit {limit}"
                w, h = pdf_page_size(path)
                assert abs(w - PAGE_SIZE_PTS[paper][0]) < 2 and abs(h - PAGE_SIZE_PTS[paper][1]) < 2, path.name
                assert not blank_pages(path), f"{path.name} has a blank page"
                text = norm(pdf_text(path))
                for item in sheet_items(handout_content(v, output.course)):
                    for probe in probes(item):
                        assert probe in text, f"{path.name} lacks {probe!r}"
                assert norm(output.course.ui(audience)("handout.contact")) in text, f"{path.name} lacks the contact line"
                assert f"/{audience.id}/{v.id}/" in text, f"{path.name} lacks the lesson address"
                leaked = [s for s in secrets if s in text]
                assert not leaked, f"trainer-only text in {path.name}: {leaked[:2]}"
                heights = _word_heights(path)
                assert statistics.median(heights) >= MIN_WORD_HEIGHT, f"{path.name}: type too small"
                total += pages
            pack = real_site / audience.id / "pdf" / pdf_name(audience.id, None, paper)
            assert pack.exists() and pdf_pages(pack) == total, f"{pack.name}: pages do not add up"
    assert report
    print("handout pages:", report)


def test_real_landing_links_the_pdfs(real_site):
    output = real_course()
    for audience, views in handout_tracks(output):
        if "pdf" not in audience.formats:
            continue
        landing = (real_site / audience.id / "index.html").read_text(encoding="utf-8")
        for paper in PAPERS:
            for module_id in [None, *(v.id for v in views)]:
                href = f'href="pdf/{pdf_name(audience.id, module_id, paper)}"'
                assert href in landing, f"{audience.id} landing page lacks {href}"


@pytest.fixture(scope="module")
def tiny_pdf_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("tiny-pdf") / "p", "tiny")
    result = mkdocs_build(project, pdf=True)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return project / "site"


def test_tiny_pdfs_learner_content_only(tiny_pdf_site):
    for audience in ("staff", "patrons"):
        for paper in PAPERS:
            path = tiny_pdf_site / audience / "pdf" / pdf_name(audience, "basics", paper)
            text = pdf_text(path)
            for marker in ("FACILITATORSECRET", "ANSWERSECRET", "STAFFONLYSECRET"):
                assert marker not in text, f"{marker} in {path.name}"
            assert pdf_pages(path) == 1
    patrons = norm(pdf_text(tiny_pdf_site / "patrons" / "pdf" / "patrons-basics-a4.pdf"))
    assert "a computer guesses. people choose how sure it must be (nist 2019)" in patrons


def test_course_pdf_0_skips_pdfs(tiny_site):
    """tiny_site is built with COURSE_PDF=0 (the quick-serve switch): no PDFs and no links to them."""
    assert not list(tiny_site.rglob("*.pdf"))
    assert "pdf/" not in (tiny_site / "staff" / "index.html").read_text(encoding="utf-8")




def test_overlong_handout_fails_a_strict_build(tmp_path):
    """The page limit is enforced: a patrons handout that cannot fit one page stops `mkdocs build --strict`."""
    sentence = ("Libraries keep records about what people borrow and where they go, and every record kept is a "
                "record that someone else may one day ask to see, so keep as little as you can.")
    points = "\n".join(f"  - {sentence}" for _ in range(3))
    items = "\n".join(f"          - {sentence}" for _ in range(30))
    project = make_project(tmp_path / "p", "tiny")
    (project / "modules" / "longread.yml").write_text(LONG_MODULE.format(points=points, items=items),
                                                     encoding="utf-8")
    result = mkdocs_build(project, pdf=True)
    log = result.stdout + result.stderr
    assert result.returncode != 0, log[-2000:]
    assert re.search(r"handout patrons/longread runs to \d pages on US Letter paper; the limit for library users is 1 "
                     r"\(handout_pages_max\): shorten its handout block \(points, actions, material\) for this "
                     r"audience", log), log[-2000:]
