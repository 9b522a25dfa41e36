"""The offline build (mkdocs-offline.yml) works from the file system: no request but file://, search included.

`mkdocs build -f mkdocs-offline.yml` writes site-offline/, which a trainer can copy to a USB stick and open
as site-offline/index.html with no network. Material's `offline` plugin turns use_directory_urls off there
(pages are .../index.html files: expected) and would add https://unpkg.com/iframe-worker/shim unless a
vendored copy is listed: this file checks the vendored copy, the build, and the result in Chromium.
"""

from __future__ import annotations

import pytest

from support import browser as bh

# --- in Chromium, from file:// -----------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.slow
def test_offline_site_from_file_urls(offline_site):
    bh.require_browser()
    from playwright.sync_api import sync_playwright

    def allowed(url: str) -> bool:
        return url.split(":", 1)[0] in ("file", "data", "blob", "about")

    # 404.html is left out: only a web server shows it (for a missing address), and its links are absolute.
    pages = sorted(p for p in offline_site.rglob("*.html")
                   if "assets" not in p.relative_to(offline_site).parts and p.name != "404.html")
    with sync_playwright() as p:
        browser = bh.launch(p)
        try:
            ctx = browser.new_context(viewport=bh.DESKTOP)
            watch = bh.Watch(ctx, allowed)
            page = ctx.new_page()
            for f in pages:
                watch.current = f.relative_to(offline_site).as_posix()
                page.goto(f.as_uri(), wait_until="load")
                refs = page.evaluate(bh.EXTERNAL_REFERENCES_JS)
                assert not refs, f"{watch.current}: {refs}"

            # Search, from file://: the inlined index through the vendored iframe-worker shim.
            watch.current = "index.html (search)"
            page.goto((offline_site / "index.html").as_uri(), wait_until="load")
            page.keyboard.press("s")
            box = page.locator("input.md-search__input")
            box.wait_for(state="visible", timeout=10_000)
            box.press_sequentially("face", delay=40)
            first = page.locator(".md-search-result__item").first
            first.wait_for(timeout=20_000)
            assert page.locator(".md-search-result__item").count() > 0
            href = first.locator("a").first.get_attribute("href")
            assert href and href.startswith("file://"), href
            first.locator("a").first.click()
            page.wait_for_load_state("load")
            assert page.url.startswith("file://") and ".html" in page.url, page.url
            assert ctx.cookies() == []
        finally:
            browser.close()
    for found, what in ((watch.foreign, "requests other than file://"), (watch.problems, "errors"),
                        (watch.dialogs, "dialogs")):
        if found:
            pytest.fail(f"{what} in the offline site ({len(pages)} pages):\n" + "\n".join(found), pytrace=False)
