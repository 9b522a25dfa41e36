"""The Spanish track in a real browser: axe (language rules included) at zero violations, no request elsewhere."""

from __future__ import annotations

import pytest

from support import browser as bh
from support.spanish import ENGLISH, SPANISH

pytestmark = pytest.mark.browser



@pytest.mark.slow
def test_spanish_pages_pass_axe_with_language_rules_and_stay_on_the_site(bilingual):
    bh.require_browser()
    from playwright.sync_api import sync_playwright

    paths = ["/", f"/{SPANISH}/", f"/{SPANISH}/glossary/", f"/{SPANISH}/como-funciona/",
             f"/{SPANISH}/como-funciona/handout/", f"/{SPANISH}/sesgo/", f"/{SPANISH}/tus-derechos/",
             f"/{ENGLISH}/how-fr-works/"]
    found, rules_run = {}, set()
    with bh.serve(bilingual) as base, sync_playwright() as p:
        browser = bh.launch(p)
        try:
            for viewport in (bh.DESKTOP, {"width": 390, "height": 844}):
                context = browser.new_context(viewport=viewport)
                watch = bh.Watch(context, bh.same_host(base))
                context.add_init_script(bh.axe_source())
                page = context.new_page()
                for path in paths:
                    watch.current = f"{path} at {viewport['width']} px"
                    page.goto(base + path, wait_until="load")
                    result = page.evaluate(bh.AXE_RUN_JS, bh.AXE_TAGS)
                    if result["violations"]:
                        found[watch.current] = result["violations"]
                    rules = page.evaluate("(tags) => axe.getRules(tags).map(r => r.ruleId)", bh.AXE_TAGS)
                    rules_run |= set(rules)
                assert watch.foreign == [] and watch.problems == [], watch.foreign + watch.problems
                context.close()
        finally:
            browser.close()
    assert {"html-has-lang", "html-lang-valid", "valid-lang"} <= rules_run
    assert found == {}, bh.format_violations(found)
