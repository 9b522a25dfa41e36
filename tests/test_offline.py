"""The offline build (mkdocs-offline.yml) works from the file system: no request but file://, search included.

`mkdocs build -f mkdocs-offline.yml` writes site-offline/, which a trainer can copy to a USB stick and open
as site-offline/index.html with no network. Material's `offline` plugin turns use_directory_urls off there
(pages are .../index.html files: expected) and would add https://unpkg.com/iframe-worker/shim unless a
vendored copy is listed: this file checks the vendored copy, the build, and the result in Chromium.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
import yaml

import _browser_helpers as bh

REPO = bh.REPO
VENDOR = REPO / "docs" / "assets" / "vendor" / "iframe-worker"
SHIM_PATH = "assets/vendor/iframe-worker/shim.js"


def _yaml(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader) or {}


def _plugins(cfg: dict) -> dict:
    """plugins as {name: options}, whichever way mkdocs.yml spells the list."""
    out = {}
    for entry in cfg.get("plugins", []):
        if isinstance(entry, str):
            out[entry] = {}
        else:
            (name, options), = entry.items()
            out[name] = options or {}
    return out


# --- the configuration and the vendored shim (no build, no browser) --------------------------------------

def test_offline_config_inherits_and_only_adds_offline():
    offline, main = _yaml(REPO / "mkdocs-offline.yml"), _yaml(REPO / "mkdocs.yml")
    assert offline["INHERIT"] == "mkdocs.yml"
    assert offline["site_dir"] == "site-offline"
    # INHERIT replaces lists: the plugin list must repeat mkdocs.yml's exactly, plus `offline`.
    plugins = _plugins(offline)
    assert "offline" in plugins
    plugins.pop("offline")
    assert plugins == _plugins(main), ("mkdocs-offline.yml's plugins differ from mkdocs.yml's: copy the list "
                                       "from mkdocs.yml into mkdocs-offline.yml and keep `- offline` at the end")
    polyfills = offline["extra"]["polyfills"]
    assert SHIM_PATH in polyfills
    assert all("iframe-worker" in p and "://" not in p for p in polyfills if "iframe-worker" in p)


def test_vendored_shim_is_the_recorded_upstream_file():
    shim, licence, source = VENDOR / "shim.js", VENDOR / "LICENSE", VENDOR / "SOURCE.txt"
    assert shim.is_file() and licence.is_file() and source.is_file()
    assert "MIT" in licence.read_text() or "Permission is hereby granted" in licence.read_text()
    digest = hashlib.sha256(shim.read_bytes()).hexdigest()
    recorded = re.search(r"SHA-256:\s+([0-9a-f]{64})\s+shim\.js", source.read_text())
    assert recorded and recorded.group(1) == digest, "shim.js differs from the file recorded in SOURCE.txt"
    text = shim.read_text()
    assert "postMessage" in text and "://" not in text, "the shim must not load anything from a URL of its own"


# --- the build ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    project = bh.make_project(tmp_path_factory.mktemp("offline") / "project", bh.course_content())
    checked = bh.validate(project)
    if checked.returncode != 0:
        pytest.fail(f"the course does not validate (BROWSER_COURSE=tiny tests the tiny fixture):\n{checked.stdout[-3000:]}")
    return bh.build(project, config="mkdocs-offline.yml", site=project / "site-offline")


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
