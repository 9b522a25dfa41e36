"""The learning path: authored session plans, answers for people learning alone, lesson pages that work on a
phone, a lighter search index, structured cross-references and a helpful 404 page.

Most checks read the real course as compiled (`real_course`) or as built once for the session (`real_site`);
the Chromium checks serve that same build.
"""

from __future__ import annotations

import pytest

from support import browser as bh
from support.project import real_course

# --- answers for people learning alone ---------------------------------------------------------------------

def _tracks(mode: str):
    output = real_course()
    return [(a, output.tracks[a.id]) for a in output.course.published_audiences() if a.answers == mode]


@pytest.mark.browser
def test_figures_are_legible_at_phone_width(real_site):
    """Every chart and flow diagram, measured in Chromium at 390 px: no SVG text under 12 CSS px, and the
    drawing shown is the narrow one, no wider than the screen."""
    bh.require_browser()
    from playwright.sync_api import sync_playwright

    pages = sorted({"/" + p.parent.relative_to(real_site).as_posix() + "/" for p in real_site.glob("*/*/index.html")
                    if 'class="course-figure"' in p.read_text(encoding="utf-8")})
    assert len(pages) >= 10
    sizes = []
    with bh.serve(real_site) as base, sync_playwright() as p:
        browser = bh.launch(p)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            for path in pages:
                page.goto(base + path)
                found = page.evaluate(_TEXT_SIZES_JS)
                assert found["widest"] <= 390, f"{path}: a figure is {found['widest']} px wide"
                sizes += [(size, path, text) for size, text in found["texts"]]
        finally:
            browser.close()
    smallest = min(sizes)
    print(f"smallest SVG text at 390 px: {smallest[0]} px ({smallest[1]}: {smallest[2]!r})")
    assert smallest[0] >= 12, f"SVG text under 12 px: {sorted(sizes)[:5]}"


_TEXT_SIZES_JS = """() => {
  const texts = [];
  let widest = 0;
  for (const svg of document.querySelectorAll('figure.course-figure svg')) {
    if (!svg.getClientRects().length) continue;            // the drawing CSS hides at this width
    widest = Math.max(widest, svg.getBoundingClientRect().right);
    for (const t of svg.querySelectorAll('text')) {
      const ctm = t.getScreenCTM();
      texts.push([Math.round(parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b) * 10) / 10,
                  t.textContent]);
    }
  }
  return {texts, widest: Math.round(widest)};
}"""


@pytest.mark.browser
def test_inline_answers_work_without_javascript_by_keyboard_and_pass_axe(real_site):
    bh.require_browser()
    from playwright.sync_api import sync_playwright

    audience, views = _tracks("inline")[0]
    path = f"/{audience.id}/{views[0].id}/"
    with bh.serve(real_site) as base, sync_playwright() as p:
        browser = bh.launch(p)
        try:
            plain = browser.new_context(java_script_enabled=False, viewport=bh.MOBILE)
            page = plain.new_page()
            page.goto(base + path)
            first = page.locator("details.course-answer").first
            assert first.get_attribute("open") is None
            first.locator("summary").click()
            assert first.get_attribute("open") is not None and first.locator("strong").first.is_visible()
            plain.close()

            page = browser.new_page(viewport=bh.DESKTOP)
            page.goto(base + path)
            summary = page.locator("details.course-answer summary").nth(1)
            summary.focus()
            page.keyboard.press("Enter")
            assert summary.evaluate("s => s.parentElement.open")
            # A screen reader meets a native disclosure: a focusable summary named "Check your answer".
            assert summary.evaluate("s => s.tabIndex") == 0 and summary.inner_text().strip() == "Check your answer"
            page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
            page.add_script_tag(content=bh.axe_source())
            result = page.evaluate(bh.AXE_RUN_JS, bh.AXE_TAGS)
            assert not result["violations"], bh.format_violations({path: result["violations"]})
            # On paper the answers do not sit under their questions: one line lists them after the last one.
            page.emulate_media(media="print")
            assert not page.locator("details.course-answer").first.is_visible()
            assert page.locator("p.course-print-only").inner_text().startswith("Answers: question 1:")
        finally:
            browser.close()
