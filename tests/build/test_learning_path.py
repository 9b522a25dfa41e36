"""The learning path: authored session plans, answers for people learning alone, lesson pages that work on a
phone, a lighter search index, structured cross-references and a helpful 404 page.

Most checks read the real course as compiled (`real_course`) or as built once for the session (`real_site`);
the Chromium checks serve that same build.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from support.kit import html_text, norm, pdf_text, plain, secret_probes
from support.project import course_cli, make_project, real_course

# Issue 11: the index at most 35 % of the 913 KB it was in November 2026, when the six tracks held 41,732 words
# (`course stats`). Four modules were added since (issue 12), so the goal grows with the words the index covers:
# the same 35 % of what the old site would have indexed for today's course.
SEARCH_INDEX_BASE = (913_000, 41_732)


def search_index_goal() -> int:
    from macros.course.view.lesson import count_words

    words = sum(count_words(v.learner_text()) for views in real_course().tracks.values() for v in views)
    return int(0.35 * SEARCH_INDEX_BASE[0] * max(words, SEARCH_INDEX_BASE[1]) / SEARCH_INDEX_BASE[1])


def test_plan_problems_are_located_and_reported_together(tmp_path):
    """A fork's plan file (local/plans/) replaces upstream's; every problem in it is reported in one run."""
    project = make_project(tmp_path / "p", real_modules=True)
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
        'for "staff" (did you mean "four-jobs"?) [unknown-block]',
        'local/plans/staff.yml:6:9: sessions[0].steps[1].activity: unknown module "no-such-module" (write '
        "module/block with a module id from modules/ or local/modules/) [unknown-module]",
        "local/plans/staff.yml:7:5: sessions[1]: the 60-minute plan leaves out the capstone activity "
        "staff-responding/desk-role-play (sessions of an hour or more must run the track's capstone: add - "
        "activity: staff-responding/desk-role-play) [missing-capstone]",
        'local/plans/staff.yml:9:9: sessions[1].steps[0].present: presents "bias/staff-claims" with no talking '
        "points (add talking_points: bias/staff-claims: with say: (3 to 5 points) and questions:) [missing-talking-points]",
        "local/plans/staff.yml:11:5: sessions[2]: the 90-minute plan runs to 91 minutes (10 opening and closing, "
        "1 presenting, 20 activities, 60 breaks) (drop a step, or shorten the talking points, which are timed at "
        "130 words a minute) [session-overrun]",
    ]


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
            right, wrong = ui("self_check.right"), ui("self_check.not_right")
            answers = re.findall(r'<details data-search-exclude class="course-answer">\s*<summary>'
                                 + re.escape(ui("self_check.check_your_answer")) + r'</summary>(.*?)</details>', raw, re.S)
            assert len(answers) == len(v.questions), f"{audience.id}/{v.id}"
            for q, shown in zip(v.questions, answers, strict=True):
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
            *(x for sec in v.sections for x in sec.figure_text())))
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


def test_lesson_page_ends_with_collapsed_references_and_next_link(real_site):
    raw = (real_site / "staff" / "bias" / "index.html").read_text(encoding="utf-8")
    assert raw.index('id="key-points"') < raw.index("<summary>Key terms (") < raw.index("<summary>Sources (")
    assert 'class="md-footer__link md-footer__link--next"' in raw
    assert 'class="md-search" data-md-component="search" role="dialog" aria-label="Search"' in raw


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
