"""Print products built for the job: one-sheet handouts, the legislators' brief, the trustees' board briefing and
printable activity materials. The PDFs come from the real `mkdocs build --strict` (WeasyPrint) and are read back
with pdfinfo/pdftotext; validation is checked on small fixture projects with the exact messages authors see."""

from __future__ import annotations

import re

import pytest
import yaml

from macros.course.render.handout import handout_content, pdf_name
from macros.course.view.lesson import count_words
from support.kit import PAGE_SIZE_PTS, PAPERS, blank_pages, handout_tracks, norm, pdf_page_size, pdf_pages, pdf_text
from support.project import REPO, make_project, mkdocs_build, real_course

# What the issue asks each two-page product to hold, as printed headings.
BRIEF_SECTIONS = ("What facial recognition is", "The three strongest findings", "Documented wrongful arrests",
                  "Current law", "Model statutory language", "A starting point for counsel", "Points for testimony",
                  "Objections you will hear", "Primary sources", "Not legal advice", "Published by")
BRIEFING_SECTIONS = ("What the board must decide", "Questions to ask the director or a vendor",
                     "Red flags in vendor claims", "Model policy language", "A starting point for the library's counsel",
                     "Where the full track is", "Not legal advice", "Published by")
LEFTOVERS = ("[[", "]]", "{{", "{%", "TODO")
# Words in an action that point at material on the sheet (the examples, and their neighbours).
REFERS_TO_MATERIAL = re.compile(r"\bbelow\b|\bon this (page|sheet)\b|\bthe scripts?\b|\bquestions below\b|"
                                r"\b(request|the) log\b", re.I)


def _products(site):
    """Every print product PDF but the handouts: brief, briefing and activity materials."""
    return sorted(p for p in site.glob("*/pdf/*.pdf")
                  if re.search(r"-(brief|briefing)-(letter|a4)\.pdf$", p.name) or _is_material(p, site))


def _is_material(path, site) -> bool:
    output = real_course()
    aid = path.parent.parent.name
    return any(path.name.startswith(f"{aid}-{v.id}-") and path.name[len(f"{aid}-{v.id}-"):].rsplit("-", 1)[0]
               in {m["id"] for m in v.module.data.get("print_materials") or []} for v in output.tracks.get(aid, []))


@pytest.mark.slow
def test_page_counts_of_every_product_on_letter_and_a4(real_site):
    output = real_course()
    report = {}
    for audience, views in handout_tracks(output):
        for v in views:
            for paper in PAPERS:
                path = real_site / audience.id / "pdf" / pdf_name(audience.id, v.id, paper)
                report[path.name] = pdf_pages(path)
                assert report[path.name] <= audience.handout_pages_max, path.name
    for name in ("legislators/pdf/legislators-brief", "trustees/pdf/trustees-briefing"):
        for paper in PAPERS:
            path = real_site / f"{name}-{paper}.pdf"
            assert path.exists(), f"missing {path.name}"
            report[path.name] = pdf_pages(path)
            assert report[path.name] == 2, f"{path.name} has {report[path.name]} pages; it must have exactly two"
            w, h = pdf_page_size(path)
            assert abs(w - PAGE_SIZE_PTS[paper][0]) < 2 and abs(h - PAGE_SIZE_PTS[paper][1]) < 2, path.name
            assert not blank_pages(path), f"{path.name} has a blank page"
    materials = [p for p in _products(real_site) if "brief" not in p.name]
    assert len(materials) >= 16, [p.name for p in materials]  # 9 materials upstream, two papers each
    for path in materials:
        report[path.name] = pdf_pages(path)
        assert 1 <= report[path.name] <= 6 and not blank_pages(path), path.name
    print("product pages:", report)


@pytest.mark.slow
@pytest.mark.parametrize("name, sections", [("legislators/pdf/legislators-brief", BRIEF_SECTIONS),
                                            ("trustees/pdf/trustees-briefing", BRIEFING_SECTIONS)])
def test_brief_and_briefing_hold_every_section(real_site, name, sections):
    for paper in PAPERS:
        text = norm(pdf_text(real_site / f"{name}-{paper}.pdf"))
        missing = [s for s in sections if norm(s) not in text]
        assert not missing, f"{name}-{paper}.pdf lacks {missing}"
        assert re.search(r"version \d+\.\d+", text) and re.search(r"\b20\d\d-\d\d-\d\d\b", text), "no version or date"


@pytest.mark.slow
def test_no_leftover_placeholder_or_template_text_in_any_pdf(real_site):
    pdfs = sorted(real_site.rglob("*.pdf"))
    assert len(pdfs) > 100
    for path in pdfs:
        text = pdf_text(path)
        found = [x for x in LEFTOVERS if x in text]
        assert not found, f"{path.relative_to(real_site)} prints {found}"


@pytest.mark.slow
def test_every_product_carries_its_credit(real_site):
    """Course title, product title, audience, version, date and the licence credit, on every print product."""
    output = real_course()
    course_title = norm(output.course.settings.site_name)
    names = {a.id: norm(a.name) for a in output.course.published_audiences()}
    for path in [*_products(real_site), *sorted(real_site.glob("*/pdf/*-how-fr-works-*.pdf"))]:
        text = norm(pdf_text(path))
        aid = path.parent.parent.name
        for needed in (course_title, f"for {names[aid]}", "cc by 4.0", "version 1."):
            assert needed in text, f"{path.relative_to(real_site)} lacks {needed!r}"
        assert re.search(r"\b20\d\d-\d\d-\d\d\b", text), f"{path.relative_to(real_site)} has no date"


@pytest.mark.slow
def test_handout_sheets_follow_the_rules(real_site):
    """Per handout: at most five key terms, all printed, all used on the sheet, at most a quarter of its words;
    3 to 5 actions; every action that refers to material has that material printed on the sheet."""
    output = real_course()
    shares = {}
    for audience, views in handout_tracks(output):
        for v in views:
            content = handout_content(v, output.course)
            text = norm(pdf_text(real_site / audience.id / "pdf" / pdf_name(audience.id, v.id, "letter")))
            assert 3 <= len(content.actions) <= 5, f"{audience.id}/{v.id}: {len(content.actions)} actions"
            assert len(content.terms) <= 5
            sheet = content.sheet_text(with_terms=False).lower()
            term_words = sum(count_words(f"{t.term} {d}") for t, d in content.terms)
            share = term_words / count_words(content.sheet_text())
            shares[f"{audience.id}/{v.id}"] = round(share, 2)
            assert share <= 0.25, f"{audience.id}/{v.id}: key terms are {share:.0%} of the sheet's words"
            for term, _ in content.terms:
                assert norm(term.term) in text, f"{audience.id}/{v.id} does not print the term {term.term!r}"
                names = [term.term.split(" (")[0], *term.also_called]
                flat = re.sub(r"[-\s]+", " ", sheet)  # "face-search" uses the term "face search"
                assert any(re.sub(r"[-\s]+", " ", n.lower()).rstrip("y") in flat for n in names), \
                    f"{term.term} is not used on the sheet"
            for action in content.actions:
                if REFERS_TO_MATERIAL.search(action):
                    assert content.material, f"{audience.id}/{v.id}: {action!r} points at material the sheet lacks"
                    for m in content.material:
                        assert norm(m.title) in text, f"{audience.id}/{v.id}: material {m.title!r} is not printed"
            contact = norm(real_course().course.ui(audience)("handout.contact"))  # in the track's language
            assert contact in text and "____" not in text  # a drawn line, not underscores
    print("key-term shares:", shares)


@pytest.mark.slow
def test_products_are_two_clicks_from_home(real_site):
    """Home → product (one click) for the brief and the briefing; home → track → handouts or card sheets (two)."""
    home = (real_site / "index.html").read_text(encoding="utf-8")
    for href in ('href="legislators/brief/"', 'href="trustees/briefing/"', 'href="staff/materials/"',
                 'href="staff/#pdfs"'):
        assert href in home, f"the home page lacks {href}"
    staff = (real_site / "staff" / "index.html").read_text(encoding="utf-8")
    assert 'href="pdf/staff-handouts-letter.pdf"' in staff and 'href="materials/"' in staff
    materials = (real_site / "staff" / "materials" / "index.html").read_text(encoding="utf-8")
    assert 'href="../pdf/staff-bias-claim-cards-letter.pdf"' in materials
    for name, pdf in (("legislators/brief", "legislators-brief"), ("trustees/briefing", "trustees-briefing")):
        page = (real_site / name / "index.html").read_text(encoding="utf-8")
        assert f'href="../pdf/{pdf}-letter.pdf"' in page and f'href="../pdf/{pdf}-a4.pdf"' in page


@pytest.mark.slow
def test_landing_pages_open_with_the_quick_way_in(real_site):
    output = real_course()
    for audience in output.course.published_audiences():
        raw = (real_site / audience.id / "index.html").read_text(encoding="utf-8")
        article = raw[raw.index("<article"):]  # the page's own content, not the navigation and its table of contents
        text = norm(re.sub(r"<[^>]+>", " ", article))
        ui = output.course.ui(audience)  # the words of the track's language
        opener = {"brief": "read the two-page brief", "briefing": "read the board briefing"}.get(
            audience.start_with, norm(ui("landing.quick_path_title", n=15)))
        at = text.find(opener)
        assert 0 <= at < text.find(norm(ui("lesson.what_you_will_learn"))), \
            f"{audience.id}: the landing page does not open with {opener!r}"
    data = yaml.safe_load((REPO / "data" / "audiences.yml").read_text(encoding="utf-8"))
    for entry in data["audiences"]:
        if "start_with" not in entry:
            steps = entry["quick_path"]
            assert 2 <= len(steps) <= 3
            # Chosen in data, not by position: the path is not simply the first lessons of the track.
            first = [v.id for v in output.tracks[entry["id"]][:len(steps)]]
            assert [s["module"] for s in steps] != first, f"{entry['id']}: the path just repeats the first lessons"


@pytest.mark.slow
def test_materials_are_linked_from_the_activity_and_the_guide(real_site):
    lesson = (real_site / "staff" / "bias" / "index.html").read_text(encoding="utf-8")
    guide = (real_site / "staff" / "guide" / "index.html").read_text(encoding="utf-8")
    assert 'href="../materials/#mat-bias-claim-cards"' in lesson
    assert 'href="../materials/#mat-bias-claim-cards"' in guide or 'href="materials/#mat-bias-claim-cards"' in guide
    cards = norm(pdf_text(real_site / "staff" / "pdf" / "staff-bias-claim-cards-letter.pdf"))
    assert "overstated" in cards and "it depends" in cards and "✂" in pdf_text(
        real_site / "staff" / "pdf" / "staff-bias-claim-cards-a4.pdf"), "cards need their signs and cut marks"


# --- build warnings and validation, on the small fixture ------------------------------------------------------

def test_site_url_unset_warns_naming_the_setting(tmp_path):
    project = make_project(tmp_path / "p", "tiny")
    result = mkdocs_build(project, env={"COURSE_PDF": "0"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert ("site_url is not set in the course settings (local/settings.yml), so handouts and briefs print no web "
            "address or QR code for their lessons: set site_url to the address the site is published at"
            ) in result.stderr
    (project / "local" / "settings.yml").write_text("site_url: https://library.example.org/course/\n"
                                                    "organization: Example Library\ncontact: the privacy officer\n"
                                                    "privacy_policy_url: https://library.example.org/privacy\n"
                                                    "jurisdiction: Example State\n", encoding="utf-8")
    result = mkdocs_build(project, env={"COURSE_PDF": "0"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "site_url is not set" not in result.stderr


TINY = (REPO / "tests" / "fixtures" / "tiny" / "modules" / "basics.yml").read_text(encoding="utf-8")


def test_overlong_brief_warns_and_fails_a_strict_build(tmp_path):
    """The brief must be exactly two pages: a brief that runs over stops `mkdocs build --strict`."""
    project = make_project(tmp_path / "p", "tiny")
    audiences = project / "data" / "audiences.yml"
    audiences.write_text(audiences.read_text(encoding="utf-8").replace(
        "  - id: patrons\n", "  - id: patrons\n    start_with: brief\n"), encoding="utf-8")
    long = "Searches of larger galleries return more false candidates [@nistir8280]. " * 40
    brief = {"title": "A brief", "what_it_is": "Face software compares faces [@nistir8280].",
             "findings": [long, "Two [@nistir8280].", "Three [@nistir8280]."],
             "cases": [{"name": "A case", "date": "2020", "what": "What [@nistir8280].", "outcome": "Out."}],
             "laws": [{"where": "Here", "law": "A law", "covers": "Faces [@nistir8280].", "binds": "Agencies",
                       "checked": "2026-11-01"}],
             "model_language": [long] * 3, "testimony": [long], "objections": [{"claim": "It works.",
                                                                              "answer": long}],
             "primary_sources": ["nistir8280"]}
    (project / "modules" / "basics.yml").write_text(TINY + yaml.safe_dump({"brief": brief}, width=1000),
                                                    encoding="utf-8")
    result = mkdocs_build(project, pdf=True)
    log = result.stdout + result.stderr
    assert result.returncode != 0, log[-2000:]
    assert re.search(r"The legislators' brief \(patrons/pdf/patrons-brief\) runs to \d+ page\(s\) on US Letter paper; "
                     r"it must be exactly 2", log), log[-2000:]
