"""Page-weight benchmark: the search index and a lesson's cold page weight, measured in Chromium.

    .venv/bin/python benchmarks/page_weight.py SITE_DIR            # a built site (e.g. from `bash scripts/dev build`)
    .venv/bin/python benchmarks/page_weight.py SITE_DIR --page /patrons/bias/

Serves SITE_DIR on 127.0.0.1, opens each lesson page in a fresh Chromium context (empty cache: a first visit)
and adds up the uncompressed size of every response, the search worker's fetch of `search_index.json`
included. Sizes come from `Content-Length` (Material's search worker requests report a zero body size to
Playwright). Prints the index size, every page's weight and the median. A script, not a test: nothing is
asserted, so it can be rerun on any build to compare before and after.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))  # for support.browser

from support.browser import html_pages, launch, serve  # noqa: E402


def lesson_pages(site: Path) -> list[str]:
    """URL paths of the lessons: /<audience>/<module>/ (handouts and guides are not lessons)."""
    return [p for p in html_pages(site) if p.count("/") == 3 and
            not p.endswith(("/guide/", "/glossary/", "/sources/", "/print/", "/handout/"))
            and not p.startswith(("/about/", "/authoring/", "/adapt/", "/coverage/"))]


def cold_weight(page, url: str) -> int:
    """Bytes a first visit to `url` downloads, uncompressed (worker fetches included)."""
    sizes: dict = {}

    def on_response(resp):
        length = resp.headers.get("content-length")
        sizes[resp.url] = int(length) if length else len(resp.body() or b"")
    page.context.on("response", on_response)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(1500)  # the search worker fetches the index after load
    page.context.remove_listener("response", on_response)
    return sum(sizes.values())


def measure(site: Path, pages: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    index = site / "search" / "search_index.json"
    result = {"search_index_bytes": index.stat().st_size if index.exists() else 0, "pages": {}}
    with serve(site) as base, sync_playwright() as p:
        browser = launch(p)
        try:
            for path in pages:
                context = browser.new_context(viewport={"width": 390, "height": 844})
                try:
                    result["pages"][path] = cold_weight(context.new_page(), base + path)
                finally:
                    context.close()
        finally:
            browser.close()
    weights = list(result["pages"].values())
    result["median_bytes"] = int(statistics.median(weights)) if weights else 0
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--page", action="append", help="a URL path to weigh (default: every lesson)")
    args = parser.parse_args()
    pages = args.page or lesson_pages(args.site)
    result = measure(args.site, pages)
    for path, size in result["pages"].items():
        print(f"{size / 1000:8.1f} KB  {path}")
    print(f"search_index.json: {result['search_index_bytes'] / 1000:.1f} KB")
    print(f"median cold page weight of {len(pages)} page(s): {result['median_bytes'] / 1000:.1f} KB")
    print(json.dumps({k: v for k, v in result.items() if k != "pages"}))


if __name__ == "__main__":
    main()
