"""Handout pages: /<audience>/<module>/handout/ for every lesson, learner content only, a way back online."""

from __future__ import annotations

import re

from macros.course.render.handout import handout_content
from support.kit import handout_tracks, html_text, norm, probes, sheet_items
from support.project import real_course

MARKERS = ("FACILITATORSECRET", "ANSWERSECRET")


def test_tiny_handout_pages(tiny_site):
    for audience in ("staff", "patrons"):
        path = tiny_site / audience / "basics" / "handout" / "index.html"
        assert path.exists(), f"no handout page for {audience}"
        raw = path.read_text(encoding="utf-8")
        for marker in (*MARKERS, "STAFFONLYSECRET"):
            assert marker not in raw
        # No site_url: the site-relative path is printed, and there is no QR code.
        assert f"/{audience}/basics/" in html_text(path) and "course-qr" not in raw
        lesson = (tiny_site / audience / "basics" / "index.html").read_text(encoding="utf-8")
        assert 'href="handout/"' in lesson, "the lesson does not link to its handout"
    text = html_text(tiny_site / "patrons" / "basics" / "handout" / "index.html")
    assert "a computer guesses. people choose how sure it must be" in text
    assert "ask the library whether its cameras can search faces" in text
    assert "(nist 2019)" in text, "short, unlinked source reference expected"


def test_real_handout_pages_for_every_module(real_site):
    output = real_course()
    count = 0
    for audience, views in handout_tracks(output):
        assert views, f"{audience.id} has no lessons"
        for v in views:
            path = real_site / audience.id / v.id / "handout" / "index.html"
            assert path.exists(), f"missing {path.relative_to(real_site)}"
            text = html_text(path)
            for item in sheet_items(handout_content(v, output.course)):
                for probe in probes(item):
                    assert probe in text, f"{audience.id}/{v.id} handout lacks {probe!r}"
            contact = norm(output.course.ui(audience)("handout.contact"))  # in the track's language
            assert contact in text, f"{audience.id}/{v.id} handout lacks the contact line"
            assert f"/{audience.id}/{v.id}/" in text, f"{audience.id}/{v.id} handout lacks the lesson address"
            assert not re.search(r"check yourself|answer key|facilitator notes", text)
            count += 1
    assert count >= 10
