"""Printing in a real browser: headless Debian Chromium prints every handout page within its page limit on
Letter and A4, and no printed page carries navigation or search chrome or ends on a blank sheet."""

from __future__ import annotations

import pytest

from macros.course.render.handout import handout_content
from support.browser import chromium_print
from support.kit import blank_pages, handout_tracks, norm, pdf_pages, pdf_text, probes, sheet_items
from support.project import real_course

pytestmark = pytest.mark.browser
CHROME = ("skip to content", "type to start searching", "back to top")


@pytest.fixture(scope="module")
def printed_handouts(real_site, tmp_path_factory):
    output = real_course()
    urls = {f"{a.id}/{v.id}": (real_site / a.id / v.id / "handout" / "index.html").as_uri()
            for a, views in handout_tracks(output) for v in views}
    return chromium_print(urls, tmp_path_factory.mktemp("chromium-handouts"))


def test_handout_pages_print_within_limits(printed_handouts):
    output = real_course()
    report = {}
    for audience, views in handout_tracks(output):
        for v in views:
            for paper in ("letter", "a4"):
                path = printed_handouts[(f"{audience.id}/{v.id}", paper)]
                pages = pdf_pages(path)
                report[f"{audience.id}/{v.id}/{paper}"] = pages
                assert pages <= audience.handout_pages_max, \
                    f"{audience.id}/{v.id} prints on {pages} {paper} pages; limit {audience.handout_pages_max}"
                assert not blank_pages(path), f"{audience.id}/{v.id} ({paper}) prints a blank page"
                text = norm(pdf_text(path))
                for chrome in CHROME:
                    assert chrome not in text, f"screen chrome {chrome!r} printed on {audience.id}/{v.id}"
                for item in sheet_items(handout_content(v, output.course)):
                    for probe in probes(item):
                        assert probe in text, f"{audience.id}/{v.id} ({paper}) print lacks {probe!r}"
    print("chromium handout pages:", report)


def test_track_pages_print_cleanly(real_site, tmp_path_factory):
    """Landing page, a lesson, the guide and the whole-track booklet of every audience: no chrome, no blank page,
    and the booklet starts each lesson on a new sheet."""
    output = real_course()
    urls = {}
    for audience in output.course.published_audiences():
        views = output.tracks.get(audience.id) or []
        if not views:
            continue
        urls[f"{audience.id}/landing"] = (real_site / audience.id / "index.html").as_uri()
        urls[f"{audience.id}/lesson"] = (real_site / audience.id / views[0].id / "index.html").as_uri()
        if "guide" in audience.formats:
            urls[f"{audience.id}/guide"] = (real_site / audience.id / "guide" / "index.html").as_uri()
        if "print" in audience.formats:
            urls[f"{audience.id}/print"] = (real_site / audience.id / "print" / "index.html").as_uri()
    printed = chromium_print(urls, tmp_path_factory.mktemp("chromium-pages"))
    for (name, paper), path in printed.items():
        assert not blank_pages(path), f"{name} ({paper}) prints a blank page"
        text = norm(pdf_text(path))
        for chrome in CHROME:
            assert chrome not in text, f"screen chrome {chrome!r} printed on {name}"
        if name.endswith("/print"):
            audience_id = name.split("/")[0]
            assert pdf_pages(path) > len(output.tracks[audience_id]), f"{name}: lessons do not start new sheets"


def test_a_machine_without_chromium_skips_rather_than_fails(tmp_path, monkeypatch):
    from support import browser

    monkeypatch.setattr(browser, "CHROMIUM", str(tmp_path / "no-chromium"))
    with pytest.raises(pytest.skip.Exception, match="not found"):
        chromium_print({"x": "file:///nothing"}, tmp_path / "out")
