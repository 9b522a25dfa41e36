"""Printing, the part that needs no browser: the built pages load the print style sheet (the printing itself, in
headless Chromium, is tests/browser/test_print_chromium.py)."""

from __future__ import annotations


def test_print_css_is_loaded(real_site):
    page = (real_site / "staff" / "index.html").read_text(encoding="utf-8")
    assert "assets/print.css" in page, "add `- assets/print.css` to extra_css in mkdocs.yml"
