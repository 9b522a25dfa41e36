"""The learning path: authored session plans, answers for people learning alone, lesson pages that work on a
phone, a lighter search index, structured cross-references and a helpful 404 page.

Most checks read the real course as compiled (`real_course`) or as built once for the session (`real_site`);
the Chromium checks serve that same build.
"""

from __future__ import annotations

import math

from macros.course.check.plans import SPEAKING_WPM
from macros.course.markup import drop_sentences
from macros.course.problems import Location, Problems
from macros.course.render.lesson import module_links
from macros.course.text_checks import TextContext, check_text
from macros.course.view.session_plan import LENGTHS, authored_session
from support.project import make_project, real_course

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


def test_a_hidden_lesson_leaves_the_plans_and_takes_its_references_with_it(tmp_path):
    from macros.course.build import compile_course

    project = make_project(tmp_path / "p", real_modules=True)
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
        'm.yml:3:7: body: refers to unknown module "biass" (did you mean "bias"?) [unknown-module]']


def test_a_path_link_to_another_lesson_must_be_a_cross_reference():
    problems = Problems()
    ctx = TextContext(frozenset(), frozenset(), module_ids=frozenset({"bias", "privacy"}))
    check_text("See the [bias lesson](../bias/) and [a page](../about/).", Location("m.yml", 3, 7), "body", ctx,
               problems, needs_citations=False)
    assert [str(p) for p in problems.items] == [
        'm.yml:3:7: body: links to the lesson "bias" by its path (write [words](module:bias): a cross-reference '
        "becomes a link where the track has that lesson, and its sentence is left out where it has not) [lesson-path-link]"]
