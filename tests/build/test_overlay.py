"""A consortium's fork: the fixture's overlay builds with --strict, and each change shows in the site.

The fixture (tests/fixtures/consortium, see its README) has its own settings, a whole-module override, a block
override, a hidden module, an added module, a local source and glossary term, filled placeholders and two
published audiences. Problems in overlay files are reported where they are, in the words authors see.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from support.project import course_cli, make_project, mkdocs_build, page, write


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("consortium") / "project", "consortium")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return root


def all_html(root: Path) -> str:
    """Every generated page (the hand-written guides mention [[placeholders]] on purpose)."""
    return "\n".join(p.read_text(encoding="utf-8") for track in ("staff", "patrons")
                     for p in (root / "site" / track).rglob("*.html"))


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


# ------------------------------------------------------------------------------------------------ the built site

def test_only_the_two_published_tracks_are_built(site):
    built = {p.name for p in (site / "site").iterdir() if (p / "index.html").exists() and p.name in
             ("staff", "patrons", "trustees", "administrators", "community", "legislators")}
    assert built == {"staff", "patrons"}
    # rights is written for trustees too, but the fork publishes only staff and patrons
    assert not (site / "site" / "trustees").exists()


def test_settings_fill_the_placeholders(site):
    basics = text_of(page(site, "staff/basics/index.html"))
    assert "Only Northwoods Library Consortium staff can answer questions about its cameras." in basics
    assert "Ask the Northwoods privacy officer (privacy@northwoods.example)." in basics
    rights = text_of(page(site, "staff/rights/index.html"))
    assert "LOCALLAW In Minnesota, the state's library records law" in rights
    assert "Read it at https://northwoods.example/privacy." in rights
    everything = all_html(site)
    assert "[[" not in everything and "]]" not in everything
    assert "your library" not in text_of(page(site, "patrons/rights/index.html"))


def test_site_name_and_url_come_from_the_settings(site):
    assert "<title>Home - Northwoods facial recognition course</title>" in page(site, "index.html")
    assert "<loc>https://learn.northwoods.example/staff/rights/</loc>" in page(site, "sitemap.xml")


def test_whole_module_override_replaces_the_module(site):
    html = page(site, "staff/basics/index.html")
    assert "CONSORTIUMWHOLE" in html
    assert "<h1" in html and "Face search basics at Northwoods</h1>" in html


def test_block_override_replaces_adds_and_removes_blocks(site):
    for track in ("staff", "patrons"):
        rights = text_of(page(site, f"{track}/rights/index.html"))
        for kept in ("UPSTREAMINTRO",):  # blocks the override does not name stay as upstream has them
            assert kept in rights
        for new in ("LOCALLAW", "LOCALQUESTION", "LOCALNEWSECTION"):
            assert new in rights
        # hide_for: {request: [patrons]} keeps the (replaced) case study for staff only
        assert ("LOCALCASE" in rights) == (track == "staff")
        for gone in ("UPSTREAMLAW", "UPSTREAMCASE", "UPSTREAMQUESTION", "REMOVEDSECTION"):
            assert gone not in rights
        # replaced blocks keep their place; new ones come after upstream's
        assert rights.index("UPSTREAMINTRO") < rights.index("LOCALLAW") < rights.index("LOCALNEWSECTION")
        assert "The law in Minnesota" in rights


def test_hidden_module_is_in_no_track_page_or_search_index(site):
    assert not (site / "site" / "staff" / "kiosk-extra").exists()
    assert not (site / "site" / "patrons" / "kiosk-extra").exists()
    assert "HIDDENMODULE" not in all_html(site)
    assert "HIDDENMODULE" not in (site / "site" / "search" / "search_index.json").read_text(encoding="utf-8")


def test_added_module_is_published_in_its_tracks(site):
    staff = text_of(page(site, "staff/our-board-policy/index.html"))
    patrons = text_of(page(site, "patrons/our-board-policy/index.html"))
    assert "OURPOLICY The board of Northwoods Library Consortium forbids face search" in staff
    assert "OURPOLICY What our libraries promise about cameras." in patrons
    assert "our-board-policy/" in page(site, "staff/index.html")


def test_local_source_and_glossary_term(site):
    sources = text_of(page(site, "staff/sources.html" if (site / "site/staff/sources.html").exists()
                            else "staff/sources/index.html"))
    assert "Northwoods policy 2026" in sources
    assert "Policy on surveillance technology in Northwoods libraries" in sources
    lesson = page(site, "staff/our-board-policy/index.html")
    assert "Northwoods policy 2026" in lesson
    glossary = text_of(page(site, "staff/glossary/index.html"))
    assert "LOCALTERM The board that sets policy for every Northwoods library." in glossary


def test_logo_comes_from_local(site):
    assert (site / "site" / "assets" / "site-logo.svg").read_text(encoding="utf-8").startswith("<svg")
    assert '<img src="assets/site-logo.svg"' in page(site, "index.html")
    assert not (site / "docs" / "assets" / "site-logo.svg").exists()  # nothing is written into docs/


# ---------------------------------------------------------------------------------------------- the course model

@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "project", "consortium")


def test_validate_json_reports_overlay_problems(project):
    write(project, "local/modules/x.yml", 'override: nope\nbased_on: {version: "1.0"}\n')
    result = course_cli("validate", "--json", root=project)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["problems"] == [{"path": "local/modules/x.yml", "line": 1, "column": 11, "field": "override",
                                   "message": 'unknown module "nope"', "hint": "give the id of a module in modules/",
                                   "code": "unknown-module", "severity": "error"}]
