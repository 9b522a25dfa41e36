"""The SCORM packages in a real SCORM 1.2 run-time, in headless Chromium.

An LMS stand-in page (served from 127.0.0.1 with the packages) provides `window.API` from scorm-again's
Scorm12API (npm, pinned in package.json; `npm ci` installs it), passes the manifest's mastery score in as an LMS
does, and opens each SCO in an iframe. The test answers the self-check, leaves the lesson, and asserts what the
run-time recorded (status, score, session time), that the SCO called LMSInitialize first and LMSFinish last, and
that no API call failed. Three tracks go through it: library users (answers shown, no pass mark: completed and a
score), legislators (answers shown, pass mark 60: passed or failed) and library staff (answers in the guide:
completed, no score). Another test opens SCOs straight from the unzipped package with no LMS at all. axe-core
checks every SCO of every track; no test sees a request to any other host.
"""

from __future__ import annotations

import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from support import browser as bh
from support.project import REPO, real_course

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCORM_AGAIN = REPO / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
RUNTIME_TRACKS = ("patrons", "legislators", "staff")
HOST_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>LMS stand-in</title><link rel="icon" href="data:,">
<script src="scorm12.min.js"></script>
<script>
// An LMS's side of SCORM 1.2: scorm-again's run-time, every call and every error recorded.
window.lms = {calls: [], errors: [], logErrors: [], finishedAt: null, openedAt: null};
function startLms(mastery) {
  const api = new Scorm12API({logLevel: 4, autocommit: false,
    onLogMessage: (level, message) => { if (level >= 4) lms.logErrors.push(String(message)); }});
  if (mastery !== null) api.cmi.student_data.mastery_score = String(mastery);  // from adlcp:masteryscore
  for (const name of ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
                      "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"]) {
    const call = api[name].bind(api);
    api[name] = (...args) => {
      const result = call(...args);
      const code = String(api.lastErrorCode);
      lms.calls.push([name, args.map(String), String(result)]);
      if (code !== "0") lms.errors.push(`${name}(${args.join(", ")}) -> error ${code}`);
      if (name === "LMSFinish") lms.finishedAt = Date.now();
      return result;
    };
  }
  window.API = api;
}
function openSco(href) { lms.openedAt = Date.now(); document.getElementById("sco").src = href; }
function recorded() { return API.renderCommitCMI(true).cmi.core; }
</script></head>
<body><main><h1>LMS stand-in</h1><iframe id="sco" title="Lesson" width="1000" height="700"></iframe></main></body>
</html>
"""


@pytest.fixture(scope="module")
def lms(tmp_path_factory, course_project, course_site):
    """The built course, and a folder served on 127.0.0.1 with the LMS stand-in and every package unzipped."""
    bh.require_browser()
    if not SCORM_AGAIN.is_file():
        pytest.skip("scorm-again is not installed: run `npm ci` (bash scripts/dev test does)")
    tmp = tmp_path_factory.mktemp("scorm-runtime")
    project, site = course_project, course_site
    served = tmp / "lms"
    served.mkdir()
    (served / "host.html").write_text(HOST_PAGE, encoding="utf-8")
    shutil.copy(SCORM_AGAIN, served / "scorm12.min.js")
    packages = sorted(site.glob("*/*-scorm12.zip"))
    for package in packages:
        with zipfile.ZipFile(package) as zf:
            zf.extractall(served / package.parent.name)
    from macros.course.build import compile_course

    output = real_course() if project == REPO else compile_course(project)
    return {"site": site, "served": served, "output": output, "packages": packages}


def _manifest_items(folder: Path) -> list[tuple[str, str | None]]:
    """(SCO file, mastery score) per item, in the order of the organization: what an LMS reads."""
    from lxml import etree

    ns = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}
    root = etree.parse(str(folder / "imsmanifest.xml")).getroot()
    hrefs = {r.get("identifier"): r.get("href") for r in root.iterfind("cp:resources/cp:resource", ns)}
    return [(hrefs[i.get("identifierref")], i.findtext("adlcp:masteryscore", namespaces=ns))
            for i in root.iterfind("cp:organizations/cp:organization/cp:item", ns)]


def _seconds(timespan: str) -> float:
    m = re.fullmatch(r"(\d{2,4}):(\d\d):(\d\d(?:\.\d{1,2})?)", timespan)
    assert m, f"not a CMITimespan: {timespan!r}"
    return int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3))


def _packaged_tracks(lms) -> dict:
    """The tracks whose formats include `scorm` (the Spanish track has no package: data/audiences.yml says why)."""
    course = lms["output"].course
    return {aid: views for aid, views in lms["output"].tracks.items() if "scorm" in course.audiences[aid].formats}


def test_site_links_every_package(lms):
    site = lms["site"]
    assert sorted(p.parent.name for p in lms["packages"]) == sorted(_packaged_tracks(lms))
    assert len(lms["packages"]) == 6
    for package in lms["packages"]:
        aid = package.parent.name
        landing = (site / aid / "index.html").read_text(encoding="utf-8")
        guide = (site / aid / "guide" / "index.html").read_text(encoding="utf-8")
        assert f'<a href="{aid}-scorm12.zip">Download the SCORM 1.2 package</a>' in landing
        assert f'<a href="../{aid}-scorm12.zip">SCORM 1.2 package</a>' in guide
        assert 'href="../about/#use-this-course-in-your-lms"' in landing
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert 'id="use-this-course-in-your-lms"' in about


# What a lesson page has that its SCO does not, on purpose: links to other pages of the site.
SITE_ONLY = re.compile(r" \(glossary\)$|^Printable handout$|^The answers, with the reasons behind them, are in "
                       r"the answer key of the facilitator guide\.$|^Printable materials: .*$"
                       r"|^Answers: question \d+: .*$"  # the answers line a printed inline-answer page carries
                       r"|^Lee esta lección en español$")  # the link to the Spanish lesson (data/ui/en.yml)


def test_each_sco_has_its_lesson_pages_text(lms):
    """Every paragraph, list item, heading, table cell and caption of each built lesson page is in its SCO."""
    import lxml.html

    site, served = lms["site"], lms["served"]
    missing, checked = [], 0
    for aid, views in _packaged_tracks(lms).items():
        for v in views:
            lesson = lxml.html.parse(str(site / aid / v.id / "index.html")).getroot().xpath("//article")[0]
            sco = lxml.html.parse(str(served / aid / f"{v.id}.html")).getroot()
            sco_text = " ".join(sco.xpath("//body")[0].text_content().split())
            # The site's "Check your answer" disclosures become the SCO's own feedback after answering.
            for answer in lesson.xpath('.//details[contains(@class, "course-answer")]'):
                answer.getparent().remove(answer)
            for el in lesson.iter("p", "li", "h1", "h2", "h3", "td", "th", "figcaption"):
                text = SITE_ONLY.sub("", " ".join(el.text_content().split()))
                checked += 1
                if text and text not in sco_text:
                    missing.append(f"{aid}/{v.id}: {text[:100]}")
    assert checked > 1000
    assert missing == [], "\n".join(missing[:20])


def test_each_sco_reports_to_a_scorm_runtime(lms):
    """Every lesson of three tracks, through scorm-again: status, score and time recorded, no API error."""
    from playwright.sync_api import sync_playwright

    output, served = lms["output"], lms["served"]
    summary = []
    with bh.serve(served) as base, sync_playwright() as p:
        browser = bh.launch(p)
        context = browser.new_context(viewport=bh.DESKTOP)
        watch = bh.Watch(context, bh.same_host(base))
        page = context.new_page()
        for aid in RUNTIME_TRACKS:
            views = {v.id: v for v in output.tracks[aid]}
            items = _manifest_items(served / aid)
            assert [href for href, _ in items] == [f"{v}.html" for v in views]
            scored = aid != "staff"
            for n, (href, mastery) in enumerate(items):
                view = views[href[:-5]]
                watch.current = f"{aid}/{href}"
                page.goto(f"{base}/host.html")
                page.evaluate("m => startLms(m)", int(mastery) if mastery else None)
                page.evaluate("h => openSco(h)", f"{aid}/{href}")
                sco = page.frame_locator("#sco")
                sco.locator("h1").wait_for()
                expected_status, percent = "completed", None
                if scored:
                    # Even lessons: every answer right but the first; odd lessons: only the first right.
                    picks = [q.answer if (k > 0) == (n % 2 == 0) else q.answer % len(q.choices) + 1
                             for k, q in enumerate(view.questions)]
                    for k, pick in enumerate(picks, 1):
                        sco.locator(f"#q{k}-{pick}").check()
                    sco.get_by_role("button", name="Check my answers").click()
                    right = sum(pick == q.answer for pick, q in zip(picks, view.questions, strict=True))
                    percent = round(100 * right / len(picks))
                    if mastery:
                        expected_status = "passed" if percent >= int(mastery) else "failed"
                    result = sco.locator("#sco-result")
                    assert result.inner_text().startswith(
                        f"You answered {right} of {len(picks)} questions right ({percent}%).")
                    assert "Nothing was recorded" not in result.inner_text()
                else:
                    assert sco.locator("input[type=radio]").count() == 0
                    sco.get_by_role("button", name="I have finished this lesson").click()
                    assert sco.locator("#sco-finish-status").inner_text() == "This lesson is marked as finished."
                assert sco.locator("#sco-lms-note").is_hidden()
                if n == 0:
                    page.wait_for_timeout(1500)  # a lesson read for a while reports that time
                page.evaluate("document.getElementById('sco').src = 'about:blank'")  # the learner leaves
                page.wait_for_function("lms.finishedAt !== null", timeout=5000)
                lms_state = page.evaluate("({core: recorded(), calls: lms.calls, errors: lms.errors, "
                                          "logErrors: lms.logErrors, elapsed: lms.finishedAt - lms.openedAt})")
                core, calls = lms_state["core"], lms_state["calls"]
                where = f"{aid}/{href}"
                assert lms_state["errors"] == [] and lms_state["logErrors"] == [], where
                assert calls[0][:1] == ["LMSInitialize"] and calls[0][2] == "true", where
                assert calls[-1] == ["LMSFinish", [""], "true"], where
                assert ["LMSSetValue", ["cmi.core.lesson_status", "incomplete"], "true"] in calls, where
                assert core["lesson_status"] == expected_status, where
                if percent is None:
                    assert core["score"]["raw"] == "", where  # (scorm-again starts max at its default, 100)
                    assert not [c for c in calls if c[0] == "LMSSetValue" and "score" in c[1][0]], where
                else:
                    assert core["score"] == {"raw": str(percent), "min": "0", "max": "100"}, where
                assert core["exit"] == "", where
                session = _seconds(core["session_time"])
                assert 0 < session <= lms_state["elapsed"] / 1000 + 0.05, (where, core["session_time"])
                if n == 0:
                    assert session >= 1.5, where
                    summary.append((where, core["lesson_status"], core["score"], core["session_time"]))
        # A learner who leaves before finishing: incomplete, and the attempt suspended for their return.
        watch.current = "staff (left unfinished)"
        page.goto(f"{base}/host.html")
        page.evaluate("startLms(null)")
        page.evaluate("h => openSco(h)", f"staff/{output.tracks['staff'][1].id}.html")
        page.frame_locator("#sco").locator("h1").wait_for()
        page.evaluate("document.getElementById('sco').src = 'about:blank'")
        page.wait_for_function("lms.finishedAt !== null", timeout=5000)
        left = page.evaluate("({core: recorded(), errors: lms.errors, last: lms.calls[lms.calls.length - 1]})")
        assert left["errors"] == [] and left["last"] == ["LMSFinish", [""], "true"]
        assert (left["core"]["lesson_status"], left["core"]["exit"]) == ("incomplete", "suspend")
        browser.close()
    assert watch.foreign == [], watch.foreign
    assert watch.problems == [] and watch.dialogs == [], watch.problems + watch.dialogs
    print("\n".join(map(str, summary)))


def test_sco_without_an_lms(lms):
    """Opened straight from the unzipped package (file://): no API, no error, the self-check still works."""
    from playwright.sync_api import sync_playwright

    served = lms["served"]

    def allowed(url: str) -> bool:
        return url.startswith(("file://", "data:", "about:"))

    with sync_playwright() as p:
        browser = bh.launch(p)
        context = browser.new_context(viewport=bh.MOBILE)
        watch = bh.Watch(context, allowed)
        page = context.new_page()
        views = lms["output"].tracks["legislators"]
        view = views[0]
        watch.current = "legislators (file://)"
        page.goto((served / "legislators" / f"{view.id}.html").as_uri())
        note = page.locator("#sco-lms-note")
        assert note.is_visible()
        assert note.inner_text() == ("This page is not connected to a learning-management system, so your "
                                     "progress is not recorded.")
        page.get_by_role("button", name="Check my answers").click()
        numbers = ", ".join(str(k) for k in range(1, len(view.questions) + 1))
        assert page.locator("#sco-result").inner_text() == (
            f"Please answer every question first: questions {numbers} have no answer yet.")
        for k, q in enumerate(view.questions, 1):
            page.locator(f"#q{k}-{q.answer}").check()
        page.get_by_role("button", name="Check my answers").click()
        n = len(view.questions)
        assert page.locator("#sco-result").inner_text() == (
            f"You answered {n} of {n} questions right (100%). You passed this lesson (the pass mark is 60%). "
            "Nothing was recorded: this page is not connected to a learning-management system.")
        first = view.questions[0]
        assert page.locator("#q1 .sco-verdict").inner_text() == "Right."
        assert page.locator(f"#q1 .sco-choice[data-choice='{first.answer}'] label").inner_text().endswith(
            "(right answer)")
        watch.current = "staff (file://)"
        page.goto((served / "staff" / f"{lms['output'].tracks['staff'][0].id}.html").as_uri())
        page.get_by_role("button", name="I have finished this lesson").click()
        assert page.locator("#sco-finish-status").inner_text() == (
            "Nothing was recorded: this page is not connected to a learning-management system.")
        page.goto("about:blank")  # leaving runs the page's exit handler too
        browser.close()
    assert watch.foreign == [] and watch.problems == [] and watch.dialogs == [], (
        watch.foreign + watch.problems + watch.dialogs)


def test_every_sco_passes_axe(lms):
    """axe-core (WCAG 2.0/2.1 A and AA) on every SCO of every track, and on a self-check after answering."""
    from playwright.sync_api import sync_playwright

    served = lms["served"]
    found, external, checked = {}, {}, 0
    with bh.serve(served) as base, sync_playwright() as p:
        browser = bh.launch(p)
        context = browser.new_context(viewport=bh.DESKTOP)
        watch = bh.Watch(context, bh.same_host(base))
        context.add_init_script(bh.axe_source())
        page = context.new_page()
        started = time.perf_counter()
        for package in lms["packages"]:
            aid = package.parent.name
            for href, _ in _manifest_items(served / aid):
                where = watch.current = f"{aid}/{href}"
                page.goto(f"{base}/{aid}/{href}")
                external[where] = page.evaluate(bh.EXTERNAL_REFERENCES_JS)
                result = page.evaluate(bh.AXE_RUN_JS, bh.AXE_TAGS)
                if result["violations"]:
                    found[where] = result["violations"]
                checked += 1
        # After checking answers: feedback, disabled questions and the result message.
        view = lms["output"].tracks["patrons"][0]
        where = watch.current = "patrons (answered)"
        page.set_viewport_size(bh.MOBILE)
        page.goto(f"{base}/patrons/{view.id}.html")
        for k, q in enumerate(view.questions, 1):
            page.locator(f"#q{k}-{1 if q.answer != 1 else 2}").check()
        page.get_by_role("button", name="Check my answers").click()
        result = page.evaluate(bh.AXE_RUN_JS, bh.AXE_TAGS)
        if result["violations"]:
            found[where] = result["violations"]
        browser.close()
    assert checked == sum(len(v) for v in _packaged_tracks(lms).values())
    assert found == {}, bh.format_violations(found)
    assert {k: v for k, v in external.items() if v} == {}
    assert watch.foreign == [] and watch.problems == [], watch.foreign + watch.problems
    print(f"axe: {checked} SCOs in {time.perf_counter() - started:.1f} s")
