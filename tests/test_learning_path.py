"""The learning path: authored session plans, answers for people learning alone, lesson pages that work on a
phone, a lighter search index, structured cross-references and a helpful 404 page.

Most checks read the real course as compiled (`real_course`) or as built once for the session (`real_site`);
the Chromium checks serve that same build.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

import _browser_helpers as bh
from _kit_helpers import html_text, norm, pdf_text, plain, real_course, secret_probes
from conftest import course_cli, make_project
from macros.course.check.plans import SPEAKING_WPM
from macros.course.problems import Location, Problems
from macros.course.render.lesson import drop_sentences, module_links
from macros.course.view.session_plan import LENGTHS, authored_session
from macros.course.text_checks import TextContext, check_text

# Issue 11: the index at most 35 % of the 913 KB it was in November 2026, when the six tracks held 41,732 words
# (`course stats`). Four modules were added since (issue 12), so the goal grows with the words the index covers:
# the same 35 % of what the old site would have indexed for today's course.
SEARCH_INDEX_BASE = (913_000, 41_732)


def search_index_goal() -> int:
    from macros.course.view.lesson import count_words

    words = sum(count_words(v.learner_text()) for views in real_course().tracks.values() for v in views)
    return int(0.35 * SEARCH_INDEX_BASE[0] * max(words, SEARCH_INDEX_BASE[1]) / SEARCH_INDEX_BASE[1])


# --- session plans -----------------------------------------------------------------------------------------

def test_every_track_has_plans_that_fit_and_run_the_capstone():
    output = real_course()
    course = output.course
    guided = [a for a in course.published_audiences() if "guide" in a.formats]
    assert guided and all(a.id in course.plans for a in guided), "a track with a guide has no authored plans"
    for audience in guided:
        plans = course.plans[audience.id]
        for length in LENGTHS:
            plan = authored_session(plans, length, output.tracks[audience.id], course)
            where = f"{audience.id}, {length} minutes"
            assert plan.total <= length, where
            clock = 0
            for item in plan.items:  # contiguous, from 0:00
                assert item.start == clock and item.minutes > 0, where
                clock += item.minutes
            assert [i.kind for i in plan.items][0::len(plan.items) - 1] == ["opening", "closing"], where
            presented = [i for i in plan.items if i.kind == "present"]
            assert presented, where
            for item in presented:  # presenting time is the talking points at speaking pace
                tp = plans.talking_points[f"{item.module_id}/{item.section_id}"]
                assert item.minutes == max(1, math.ceil(tp.words / SPEAKING_WPM)), where
                assert 3 <= len(tp.say) <= 5 and tp.questions, where
            capstone = [i for i in plan.items if i.capstone]
            if length >= 60:
                assert len(capstone) == 1, f"{where}: no capstone"
                # The capstone belongs to the track's own closing lesson (the module written for it alone);
                # an activity the plan file defines follows a section of that lesson.
                own = {m.id for m in course.modules_for(audience.id) if m.audiences == [audience.id]}
                n = plan.items.index(capstone[0])
                module = capstone[0].module_id or next(i.module_id for i in reversed(plan.items[:n])
                                                       if i.kind == "present")
                assert module in own, f"{where}: the capstone is not from {sorted(own)}"


def test_plan_problems_are_located_and_reported_together(tmp_path):
    """A fork's plan file (local/plans/) replaces upstream's; every problem in it is reported in one run."""
    project = make_project(tmp_path / "p", with_modules=True)
    (project / "local" / "plans").mkdir(parents=True)
    (project / "local" / "plans" / "staff.yml").write_text(
        "capstone: staff-responding/desk-role-play\n"
        "sessions:\n"
        "  - minutes: 30\n    steps:\n"
        "      - present: how-fr-works/four-jobz\n"
        "      - activity: no-such-module/role-play\n"
        "  - minutes: 60\n    steps:\n"
        "      - present: bias/staff-claims\n"
        "      - activity: bias/staff-myth-or-fact\n"
        "  - minutes: 90\n    steps:\n"
        "      - present: how-fr-works/four-jobs\n"
        "      - break: 30\n      - break: 30\n"
        "      - activity: staff-responding/desk-role-play\n"
        "talking_points:\n"
        "  how-fr-works/four-jobs:\n"
        "    say: [One point to make here., Another point to make., A third point to make.]\n"
        "    questions:\n      - {ask: A hard question?, answer: A short answer.}\n", encoding="utf-8")
    result = course_cli("validate", root=project)
    assert result.returncode != 0
    assert [line for line in result.stdout.splitlines() if line.startswith("local/plans/")] == [
        'local/plans/staff.yml:5:9: sessions[0].steps[0].present: module "how-fr-works" has no section "four-jobz" '
        'for "staff" (did you mean "four-jobs"?)',
        'local/plans/staff.yml:6:9: sessions[0].steps[1].activity: unknown module "no-such-module" (write '
        "module/block with a module id from modules/ or local/modules/)",
        "local/plans/staff.yml:7:5: sessions[1]: the 60-minute plan leaves out the capstone activity "
        "staff-responding/desk-role-play (sessions of an hour or more must run the track's capstone: add - "
        "activity: staff-responding/desk-role-play)",
        'local/plans/staff.yml:9:9: sessions[1].steps[0].present: presents "bias/staff-claims" with no talking '
        "points (add talking_points: bias/staff-claims: with say: (3 to 5 points) and questions:)",
        "local/plans/staff.yml:11:5: sessions[2]: the 90-minute plan runs to 91 minutes (10 opening and closing, "
        "1 presenting, 20 activities, 60 breaks) (drop a step, or shorten the talking points, which are timed at "
        "130 words a minute)",
    ]


def test_a_hidden_lesson_leaves_the_plans_and_takes_its_references_with_it(tmp_path):
    from macros.course.build import compile_course

    project = make_project(tmp_path / "p", with_modules=True)
    (project / "local" / "settings.yml").write_text("hide_modules: [error-at-scale]\n", encoding="utf-8")
    output = compile_course(project)
    assert not output.problems.errors, [str(p) for p in output.problems.errors]
    plan = authored_session(output.course.plans["staff"], 60, output.tracks["staff"], output.course)
    assert plan.skipped == ["error-at-scale"] and "error-at-scale" not in {i.module_id for i in plan.items}
    guide = next(p for p in output.pages if p.path == "staff/guide.md").markdown
    assert "Left out because this course hides their lessons: error-at-scale." in guide
    lesson = next(p for p in output.pages if p.path == "staff/how-fr-works/index.md").markdown
    assert "shows how these add up" not in lesson and "error-at-scale" not in lesson
    assert "In a police search, a false match puts an innocent person's photo in front of an" in lesson


def test_guide_prints_talking_points_and_what_to_print(real_site):
    text = html_text(real_site / "staff" / "guide" / "index.html")
    assert "capstone activity: at the desk - a role-play" in text
    assert "hard questions people ask" in text and "what to print" in text and "room set-up" in text
    plans = real_course().course.plans["staff"]
    for tp in plans.talking_points.values():
        assert norm(tp.questions[0][0]) in text


# --- answers for people learning alone ---------------------------------------------------------------------

def _tracks(mode: str):
    output = real_course()
    return [(a, output.tracks[a.id]) for a in output.course.published_audiences() if a.answers == mode]


def test_inline_answers_show_every_choice_with_a_reason(real_site):
    tracks = _tracks("inline")
    assert tracks, "no audience has answers inline"
    for audience, views in tracks:
        for v in views:
            raw = (real_site / audience.id / v.id / "index.html").read_text(encoding="utf-8")
            ui = real_course().course.ui(audience)  # the words of the track's language
            answers = re.findall(r'<details data-search-exclude class="course-answer">\s*<summary>'
                                 + re.escape(ui("self_check.check_your_answer")) + r'</summary>(.*?)</details>', raw, re.S)
            assert len(answers) == len(v.questions), f"{audience.id}/{v.id}"
            right, wrong = ui("self_check.right"), ui("self_check.not_right")
            for q, shown in zip(v.questions, answers):
                verdicts = re.findall(rf"<em>({re.escape(right)}|{re.escape(wrong)})\.</em>", shown)
                shown = norm(re.sub(r"<[^>]+>", " ", shown))
                assert norm(ui("self_check.the_answer_is", n=q.answer, choice="")).strip() in shown
                assert verdicts.count(wrong) == len(q.choices) - 1 and verdicts.count(right) == 1


def test_guide_mode_keeps_answers_off_learner_pages_search_and_pdfs(real_site):
    tracks = _tracks("guide")
    assert tracks, "no audience keeps answers in the guide"
    docs = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    checked = 0
    for audience, views in tracks:
        learner = " ".join(plain(x) for v in views for x in (
            v.learner_text(), *(d for _, d in v.listed_terms),
            *(str(step.get(k, "")) for sec in v.sections for step in
              [*(sec.flow or {}).get("steps", []), *(sec.chart or {}).get("rows", [])] for k in ("label", "detail", "note"))))
        probes = {p for v in views for q in v.questions for p in secret_probes(q.explanation)
                  if p not in learner}  # an explanation may quote the lesson itself
        assert probes
        pages = [p for p in (real_site / audience.id).rglob("*.html") if p.parent.name != "guide"]
        for page in pages:
            raw = page.read_text(encoding="utf-8")
            assert 'class="course-answer"' not in raw, page
            leaked = [p for p in probes if p in html_text(page)]
            assert not leaked, f"answer text on {page.relative_to(real_site)}: {leaked[:2]}"
        corpus = norm(" ".join(d["text"] for d in docs if d["location"].startswith(f"{audience.id}/")))
        assert not [p for p in probes if p in corpus], f"{audience.id}: answer text in the search index"
        for pdf in (real_site / audience.id / "pdf").glob("*.pdf"):
            text = norm(pdf_text(pdf))
            assert not [p for p in probes if p in text], pdf
            checked += 1
    assert checked, "no PDF was checked"


# --- lesson pages ------------------------------------------------------------------------------------------

def test_navigation_is_flat_numbered_and_two_taps_deep():
    output = real_course()
    for entry in output.nav:
        (track, items), = entry.items()
        views = output.tracks[next(iter(items[0].values()))[:-9]]
        lesson_paths = {f"{v.audience.id}/{v.id}/index.md" for v in views}
        lessons = [title for item in items for title, target in item.items()
                   if isinstance(target, str) and target in lesson_paths]
        assert all(isinstance(target, str) for item in items for target in item.values()), \
            f"{track}: a lesson sits in a sub-section"
        assert lessons == [f"{n}. {v.title}" for n, v in enumerate(output.tracks[next(iter(items[0].values()))[:-9]], 1)]


def test_lesson_page_ends_with_collapsed_references_and_next_link(real_site):
    raw = (real_site / "staff" / "bias" / "index.html").read_text(encoding="utf-8")
    assert raw.index('id="key-points"') < raw.index("<summary>Key terms (") < raw.index("<summary>Sources (")
    assert 'class="md-footer__link md-footer__link--next"' in raw
    assert 'class="md-search" data-md-component="search" role="dialog" aria-label="Search"' in raw


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


# --- search ------------------------------------------------------------------------------------------------

def test_search_index_is_small_names_tracks_and_holds_shared_pages_once(real_site):
    index = real_site / "search" / "search_index.json"
    size = index.stat().st_size
    goal = search_index_goal()
    print(f"search_index.json: {size / 1000:.1f} KB (goal {goal / 1000:.1f} KB)")
    assert size <= goal, f"{size} bytes, goal {goal}"
    docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
    locations = [d["location"] for d in docs]
    assert not [x for x in locations if re.match(r"[a-z-]+/(guide|print|[a-z0-9-]+/handout)/", x)]
    language = {a.id: a.language for a in real_course().course.published_audiences()}
    for shared in ("glossary", "sources"):  # once per language: the Spanish glossary has words of its own
        tracks = {x.split("/")[0] for x in locations if re.match(rf"[a-z-]+/{shared}/", x)}
        assert sorted(language[t] for t in tracks) == sorted(set(language.values())), \
            f"the {shared} page is indexed for {sorted(tracks)}"
    names = {a.id: a.name for a in real_course().course.published_audiences()}
    lessons = [d for d in docs if re.fullmatch(r"[a-z-]+/[a-z0-9-]+/", d["location"])]
    assert lessons
    for d in lessons:  # a result names its track
        assert d["title"].endswith(f"({names[d['location'].split('/')[0]]})"), d["title"]


# --- cross-references --------------------------------------------------------------------------------------

class _Course:
    modules = {"bias": None, "privacy": None}

    def track_ids(self, audience_id):
        return frozenset({"bias"})


def test_cross_references_link_or_take_their_sentence_with_them():
    text = ("Errors fall hardest on some groups. The [bias lesson](module:bias) shows how.\n\n"
            "- **Privacy.** A face cannot be replaced. See the [privacy lesson](module:privacy).\n"
            "- Read the [privacy lesson](module:privacy) first.\n- Ask who tested it.")
    assert module_links(text, _Course(), "staff") == (
        "Errors fall hardest on some groups. The [bias lesson](../bias/index.md) shows how.\n\n"
        "- **Privacy.** A face cannot be replaced.\n- Ask who tested it.")
    assert drop_sentences("U.S. tests differ. See [x](module:privacy).", lambda m: True) == "U.S. tests differ."
    assert drop_sentences("| a | See [x](module:privacy). |\n|---|---|", lambda m: True) == "| a | See x. |\n|---|---|"


def test_unknown_cross_reference_is_a_located_problem():
    problems = Problems()
    ctx = TextContext(frozenset(), frozenset(), module_ids=frozenset({"bias", "privacy"}))
    check_text("Line one.\nSee the [bias lesson](module:biass).", Location("m.yml", 3, 7), "body", ctx, problems,
               needs_citations=False)
    assert [str(p) for p in problems.items] == [
        'm.yml:3:7: body: refers to unknown module "biass" (did you mean "bias"?)']


def test_a_path_link_to_another_lesson_must_be_a_cross_reference():
    problems = Problems()
    ctx = TextContext(frozenset(), frozenset(), module_ids=frozenset({"bias", "privacy"}))
    check_text("See the [bias lesson](../bias/) and [a page](../about/).", Location("m.yml", 3, 7), "body", ctx,
               problems, needs_citations=False)
    assert [str(p) for p in problems.items] == [
        'm.yml:3:7: body: links to the lesson "bias" by its path (write [words](module:bias): a cross-reference '
        "becomes a link where the track has that lesson, and its sentence is left out where it has not)"]


def test_real_course_cross_references_are_structured(real_site):
    """No module links to another by path any more, and no `module:` reference reaches a page unrendered."""
    for path in Path(real_course().course.root / "modules").rglob("*.yml"):
        assert not re.search(r"\]\(\.\./[a-z0-9-]+/?\)", path.read_text(encoding="utf-8")), path
    for page in real_site.glob("*/*/index.html"):
        assert "module:" not in page.read_text(encoding="utf-8"), page


# --- 404 ---------------------------------------------------------------------------------------------------

def test_not_found_page_offers_home_every_track_and_search(real_site):
    raw = (real_site / "404.html").read_text(encoding="utf-8")
    assert '<a href="/">The home page</a>' in raw
    for audience in real_course().course.published_audiences():
        marks = "" if audience.language == "en" else f' hreflang="{audience.language}" lang="{audience.language}"'
        assert f'<a href="/{audience.id}/"{marks}>{audience.name}</a>' in raw
    assert re.search(r'<form action="/" method="get" role="search"[^>]*>.*<input id="course-404-q" name="q"', raw,
                     re.S)
