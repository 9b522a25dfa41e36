"""The site practises what it teaches, checked in real headless Chromium on every page of the built site.

One crawl (module fixture) loads every page from a local server on 127.0.0.1 and records, per page:
requests to any other host (routed and aborted), references that make a browser connect elsewhere (e.g.
<link rel=preconnect>, which fires no request event), console errors and uncaught exceptions, failed or
erroring requests to the site itself, cookies, and axe-core's WCAG 2.0/2.1 A and AA violations. Then a
sample of pages is checked again at phone width, and search is used (it must work, and its open dialog must
pass axe too). Each test below asserts one promise over the whole crawl, so a failure names every page.

Reads the real course's shared session build (set BROWSER_COURSE=tiny to build tests/fixtures/tiny instead).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import pytest

from support import browser as bh

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def site(course_site):
    bh.require_browser()
    return course_site


@dataclass
class Crawl:
    pages: list = field(default_factory=list)
    mobile_pages: list = field(default_factory=list)
    foreign: list = field(default_factory=list)
    external_refs: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    dialogs: list = field(default_factory=list)
    cookies: list = field(default_factory=list)
    document_cookies: dict = field(default_factory=dict)
    axe_desktop: dict = field(default_factory=dict)
    axe_mobile: dict = field(default_factory=dict)
    axe_states: dict = field(default_factory=dict)
    search_results: int = 0
    axe_version: str = ""
    seconds: float = 0.0


WORKERS = 3  # pages checked at once, in one browser context: axe is CPU-bound, the rest is waiting


def _mobile_sample(paths: list[str]) -> list[str]:
    """Every kind of page at phone width: home and the hand-written pages, each track's landing page, and
    every page of the first track that is not a lesson plus its first lesson and handout."""
    tracks = sorted({p.strip("/").split("/")[0] for p in paths if p.count("/") >= 3})
    first = tracks[0] if tracks else None
    sample, lesson, handout = [], None, None
    for p in paths:
        parts = [x for x in p.strip("/").split("/") if x]
        if len(parts) <= 1 or parts[0] == first and len(parts) == 2 and parts[1] in ("glossary", "sources", "print", "guide"):
            sample.append(p)
        elif parts[0] == first and len(parts) == 2 and lesson is None:
            lesson = p
        elif parts[0] == first and len(parts) == 3 and parts[2] == "handout" and handout is None:
            handout = p
    return sorted(set(sample) | {x for x in (lesson, handout) if x})


async def _check_pages(context, base: str, paths: list[str], watch, crawl: Crawl, axe_into: dict,
                       site) -> None:
    """Load each page, then check its references, cookies and axe, WORKERS pages at a time (largest first,
    so no long page is left running alone at the end: print pages take axe several seconds)."""
    queue = sorted(paths, key=lambda p: -bh.page_file(site, p).stat().st_size)

    async def worker():
        page = await context.new_page()
        while queue:
            path = queue.pop(0)
            watch.label(page, path)
            await page.goto(base + path, wait_until="load")
            refs = await page.evaluate(bh.EXTERNAL_REFERENCES_JS)
            if refs:
                crawl.external_refs[path] = refs
            cookie = await page.evaluate("document.cookie")
            if cookie:
                crawl.document_cookies[path] = cookie
            result = await page.evaluate(bh.AXE_RUN_JS, bh.AXE_TAGS)
            crawl.axe_version = result["version"]
            if result["violations"]:
                axe_into[path] = result["violations"]
        await page.close()

    await asyncio.gather(*(worker() for _ in range(WORKERS)))


async def _crawl(site, out: Crawl) -> None:
    from playwright.async_api import async_playwright

    axe = bh.axe_source()
    with bh.serve(site) as base:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=bh.CHROMIUM, headless=True, args=bh.CHROMIUM_ARGS)
            allowed = bh.same_host(base)
            try:
                # Desktop: every page, in one context (axe is injected into each document before its scripts).
                ctx = await browser.new_context(viewport=bh.DESKTOP)
                await ctx.add_init_script(axe)
                watch = bh.Watch(None, allowed)
                await watch.install_async(ctx)
                await _check_pages(ctx, base, out.pages, watch, out, out.axe_desktop, site)

                # Search works on the server too, and the open search dialog with its results passes axe.
                page = await ctx.new_page()
                watch.label(page, "/ (search)")
                await page.goto(base + "/", wait_until="load")
                await page.keyboard.press("s")  # Material's keyboard shortcut opens search
                box = page.locator("input.md-search__input")
                await box.wait_for(state="visible", timeout=10_000)
                await box.press_sequentially("face", delay=40)  # Material searches on key events, not fill()
                await page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
                out.search_results = await page.locator(".md-search-result__item").count()
                res = await page.evaluate(bh.AXE_RUN_JS, bh.AXE_TAGS)
                if res["violations"]:
                    out.axe_states["/ with search open"] = res["violations"]
                out.cookies += await ctx.cookies()
                out.foreign += watch.foreign
                out.problems += watch.problems
                out.dialogs += watch.dialogs
                await ctx.close()

                # Phone width: a sample of every kind of page, plus the open navigation drawer.
                ctx = await browser.new_context(viewport=bh.MOBILE, device_scale_factor=2, is_mobile=True,
                                                has_touch=True)
                await ctx.add_init_script(axe)
                watch = bh.Watch(None, allowed)
                await watch.install_async(ctx)
                await _check_pages(ctx, base, out.mobile_pages, watch, out, out.axe_mobile, site)
                page = await ctx.new_page()
                watch.label(page, "/ (navigation drawer, mobile)")
                await page.goto(base + "/", wait_until="load")
                await page.locator("label.md-header__button[for=__drawer]").click()
                await page.locator(".md-nav--primary").first.wait_for(state="visible")
                await page.wait_for_timeout(400)  # the drawer slides in
                res = await page.evaluate(bh.AXE_RUN_JS, bh.AXE_TAGS)
                if res["violations"]:
                    out.axe_states["/ with navigation drawer open (mobile)"] = res["violations"]
                out.cookies += await ctx.cookies()
                out.foreign += watch.foreign
                out.problems += watch.problems
                out.dialogs += watch.dialogs
                await ctx.close()
            finally:
                await browser.close()


@pytest.fixture(scope="module")
def crawl(site) -> Crawl:
    started = time.monotonic()
    out = Crawl(pages=bh.html_pages(site))
    out.mobile_pages = _mobile_sample(out.pages)
    asyncio.run(_crawl(site, out))
    out.seconds = time.monotonic() - started
    print(f"\nbrowser crawl: {len(out.pages)} pages at desktop width, {len(out.mobile_pages)} at phone width, "
          f"axe-core {out.axe_version}, {out.seconds:.1f} s")
    return out


def _fail(message: str) -> None:
    pytest.fail(message, pytrace=False)


def test_every_page_was_loaded(crawl, site):
    assert "/" in crawl.pages, "the build produced no home page"
    on_disk = [p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "assets"]
    assert len(crawl.pages) == len(on_disk)
    assert crawl.axe_version, "axe-core never ran"


def test_no_request_to_any_other_host(crawl):
    if crawl.foreign:
        _fail("requests to hosts other than 127.0.0.1 (all blocked):\n" + "\n".join(crawl.foreign))


def test_nothing_points_the_browser_at_another_host(crawl):
    if crawl.external_refs:
        _fail("scripts, styles, fonts, images or connection hints from elsewhere:\n"
              + "\n".join(f"{page}: {', '.join(refs)}" for page, refs in crawl.external_refs.items()))


def test_no_console_errors_or_failed_requests(crawl):
    if crawl.problems:
        _fail("\n".join(crawl.problems))


def test_no_dialogs(crawl):
    if crawl.dialogs:
        _fail("\n".join(crawl.dialogs))


def test_no_cookies(crawl):
    if crawl.cookies:
        _fail(f"cookies were set: {crawl.cookies}")
    if crawl.document_cookies:
        _fail(f"document.cookie was not empty: {crawl.document_cookies}")


def test_search_works(crawl):
    assert crawl.search_results > 0, "typing 'face' in search showed no results"


def test_axe_every_page_desktop(crawl):
    if crawl.axe_desktop:
        _fail(f"axe-core {crawl.axe_version} ({', '.join(bh.AXE_TAGS)}) found violations on "
              f"{len(crawl.axe_desktop)} of {len(crawl.pages)} pages at 1280 px:\n" + bh.format_violations(crawl.axe_desktop))


def test_axe_sample_mobile(crawl):
    if crawl.axe_mobile:
        _fail(f"axe-core violations on {len(crawl.axe_mobile)} of {len(crawl.mobile_pages)} pages at 375 px:\n"
              + bh.format_violations(crawl.axe_mobile))


def test_axe_open_search_and_drawer(crawl):
    if crawl.axe_states:
        _fail("axe-core violations with search or the navigation drawer open:\n" + bh.format_violations(crawl.axe_states))
