"""Hostile module text stays inert: validation rejects it with a location, and without validation the build
still cannot be made to run anything, at build time (Jinja, YAML tags) or in the reader's browser.

The payloads live in tests/fixtures/hostile/modules/ (one kind per file; see README.txt there):
(a) `python -m macros.course --root <project> validate` exits 1 and names file:line:col for every payload line;
(b) with validation switched off (the loader's problems dropped, in an in-process `mkdocs build`), the site is
    built anyway and shows every payload as literal text: no <script> or on* attribute from module text, no
    javascript: link, Jinja never ran (no output, no side effect), and in Chromium no dialog fires on any page,
    when its payload elements are clicked, or when search lists the hostile pages.
The adapter's defences under test: macros `render_by_default: false` plus `render_macros: false` on every
generated page, macros/course/render/safe_markdown.py, and escaped titles. The build is also repeated with
`render_by_default: true`, so the per-page front matter is shown to hold on its own.
"""

from __future__ import annotations

import pytest

from support import browser as bh
from support.payloads import PAYLOAD_FILES

# --- (b) validation bypassed --------------------------------------------------------------------------------





# --- in Chromium --------------------------------------------------------------------------------------------

@pytest.mark.browser
def test_nothing_fires_in_chromium(bypass):
    bh.require_browser()
    from playwright.sync_api import sync_playwright

    project, site = bypass
    if "render_by_default: true" in (project / "mkdocs.yml").read_text():
        pytest.skip("same HTML defences as the configured build; this variant's Jinja checks are static")
    paths = bh.html_pages(site)
    active: list[str] = []
    with bh.serve(site) as base, sync_playwright() as p:
        browser = bh.launch(p)
        try:
            ctx = browser.new_context(viewport=bh.DESKTOP)
            watch = bh.Watch(ctx, bh.same_host(base))
            page = ctx.new_page()
            page.set_default_timeout(5_000)

            def home():  # back to the page under test, if a click went elsewhere
                page.wait_for_load_state("load")
                if page.url.split("#")[0].split("?")[0] != base + path:
                    page.goto(base + path, wait_until="load")

            for path in paths:
                watch.current = path
                page.goto(base + path, wait_until="load")
                active += [f"{path}: {a}" for a in page.evaluate(bh.ACTIVE_CONTENT_JS)]
                if not any(f"/{m[:-4]}/" in path for m in PAYLOAD_FILES):
                    continue  # (every page's nav names the hostile pages; their own pages carry the rest)
                # Click everything a payload tried to arm; a javascript: link or onclick would fire here.
                for selector in ["a:text-is('x')", "a:text-is('y')", "p:has-text('PAYLOAD')",
                                 "h2:has-text('PAYLOAD')", "h1:has-text('PAYLOAD')"]:
                    home()
                    for i in range(page.locator(f"article {selector}").count()):
                        home()
                        page.locator(f"article {selector}").nth(i).click(no_wait_after=True, timeout=3_000)
                        page.wait_for_timeout(50)
            title_page = next(p for p in paths if "/img-title/" in p)
            page.goto(base + title_page, wait_until="load")
            assert "<img src=x onerror=alert(1)>" in page.title(), page.title()  # shown as text, not markup

            # Search lists the hostile pages (titles, headings, text): rendering results must not run them.
            watch.current = "search for PAYLOAD"
            page.goto(base + "/", wait_until="load")
            page.keyboard.press("s")
            box = page.locator("input.md-search__input")
            box.wait_for(state="visible")
            box.press_sequentially("PAYLOAD", delay=30)
            page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
            for more in page.locator(".md-search-result__more summary").all():
                more.click()
            page.wait_for_timeout(300)
            assert page.locator(".md-search-result__item").count() >= 5
            active += [f"search results: {a}" for a in page.evaluate(bh.ACTIVE_CONTENT_JS)]
        finally:
            browser.close()
    assert not watch.dialogs, "a payload ran in the browser:\n" + "\n".join(watch.dialogs)
    assert not active, "script-capable markup in the DOM:\n" + "\n".join(active)
    assert not watch.foreign, "\n".join(watch.foreign)
