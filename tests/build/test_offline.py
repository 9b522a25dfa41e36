"""The offline build (mkdocs-offline.yml) works from the file system: no request but file://, search included.

`mkdocs build -f mkdocs-offline.yml` writes site-offline/, which a trainer can copy to a USB stick and open
as site-offline/index.html with no network. Material's `offline` plugin turns use_directory_urls off there
(pages are .../index.html files: expected) and would add https://unpkg.com/iframe-worker/shim unless a
vendored copy is listed: this file checks the vendored copy, the build, and the result in Chromium.
"""

from __future__ import annotations

import re

import pytest

SHIM_PATH = "assets/vendor/iframe-worker/shim.js"


# --- the build ---------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_offline_build_output(offline_site):
    assert (offline_site / "index.html").is_file()
    assert (offline_site / "search" / "search_index.js").is_file(), "the offline plugin did not inline the index"
    assert (offline_site / SHIM_PATH).is_file()
    index = (offline_site / "index.html").read_text(encoding="utf-8")
    assert f'src="{SHIM_PATH}"' in index
    for page in offline_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "unpkg.com" not in text, f"{page.relative_to(offline_site)} still loads the shim from unpkg"
        scripts = re.findall(r'<script[^>]+src="([^"]+)"', text)
        styles = re.findall(r'<link[^>]+href="([^"]+)"', text)
        remote = [u for u in scripts + styles if re.match(r"(https?:)?//", u)]
        assert not remote, f"{page.relative_to(offline_site)} references {remote}"
    # use_directory_urls is off: links between pages name the .html file, so they work from file://.
    assert re.search(r'href="[^"#]*/index\.html"', index)
