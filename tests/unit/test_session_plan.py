"""Session plans: computed from reading and activity minutes, in track order, never longer than the session."""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from macros.course.view.session_plan import LENGTHS, clock, overhead, plan_session
from support.kit import handout_tracks
from support.project import real_course


@dataclass
class Act:
    id: str
    title: str
    minutes: int


@dataclass
class View:
    id: str
    title: str
    reading_minutes: int
    activities: list = field(default_factory=list)


def check_plan(plan, views):
    """Every invariant a printed plan relies on."""
    assert plan.total <= plan.length, f"{plan.length}-minute plan adds up to {plan.total}"
    clock_at = 0
    for item in plan.items:  # contiguous timings starting at 0:00
        assert item.start == clock_at and item.minutes > 0
        clock_at = item.end
    assert plan.items[0].kind == "opening" and plan.items[-1].kind == "closing"
    order = [v.id for v in views]
    covered = plan.lessons
    assert covered == sorted(covered, key=order.index), "lessons out of track order"
    by_id = {v.id: v for v in views}
    current = None
    for item in plan.items:
        if item.kind == "lesson":
            current = item.module_id
            assert item.minutes == max(1, by_id[current].reading_minutes)
        if item.kind == "activity":  # an activity follows its own lesson's presentation
            assert item.module_id == current
            acts = by_id[current].activities
            assert item.minutes == next(a.minutes for a in acts if a.id == item.activity_id)
    # Nothing is lost: every lesson is either in the plan or listed as left out.
    assert set(covered) | {v.id for v in plan.left_out_lessons} == set(order)


def test_known_plan_exact_timings():
    views = [View("a", "A", 6, [Act("a1", "A one", 15)]), View("b", "B", 5, [Act("b1", "B one", 20)]),
             View("c", "C", 4, [Act("c1", "C one", 30)])]
    plan = plan_session(views, 30)
    assert overhead(30) == (3, 2)
    assert [(i.kind, i.start, i.minutes) for i in plan.items] == [
        ("opening", 0, 3), ("lesson", 3, 6), ("activity", 9, 15), ("lesson", 24, 4), ("closing", 28, 2)]
    assert [v.id for v in plan.left_out_lessons] == ["b"]
    assert [a.id for _, a in plan.left_out_activities] == ["c1"]
    sixty = plan_session(views, 60)  # 5 + 6 + 15 + 5 + 20 = 51; c (4) fits, c1 (30) does not
    assert sixty.lessons == ["a", "b", "c"] and sixty.activities == ["a1", "b1"] and sixty.total == 60
    ninety = plan_session(views, 90)  # a break is reserved and placed at a lesson boundary
    assert [i.kind for i in ninety.items].count("break") == 1 and ninety.total <= 90
    # 75 minutes of content after opening, closing and break: c1 (30) would make 80, so it is left out.
    assert ninety.activities == ["a1", "b1"] and ninety.total == 5 + 6 + 15 + 5 + 20 + 4 + 5 + 5
    check_plan(ninety, views)


def test_session_too_short_for_anything_still_adds_up():
    views = [View("a", "A", 40, [Act("a1", "A one", 45)])]
    plan = plan_session(views, 30)
    assert plan.lessons == [] and plan.total <= 30
    assert clock(plan.items[-1].start) == "0:03"


@st.composite
def tracks(draw):
    """A track of 0-12 lessons, each 1-30 minutes of reading with 0-3 activities of 1-60 minutes."""
    count = draw(st.integers(0, 12))
    return [View(f"m{i}", f"M{i}", draw(st.integers(1, 30)),
                 [Act(f"m{i}a{j}", f"Act {j}", minutes)
                  for j, minutes in enumerate(draw(st.lists(st.integers(1, 60), max_size=3)))])
            for i in range(count)]


@settings(max_examples=200)
@given(views=tracks(), length=st.one_of(st.sampled_from(LENGTHS), st.integers(10, 240)))
def test_any_track_never_runs_over(views, length):
    check_plan(plan_session(views, length), views)


def test_real_course_plans_add_up():
    """Every audience of the real course: the 30-, 60- and 90-minute plans fit and cover something."""
    output = real_course()
    tracks = [(a, v) for a, v in handout_tracks(output) if "guide" in a.formats]
    assert tracks, "no audience has a facilitator guide"
    for audience, views in tracks:
        for length in LENGTHS:
            plan = plan_session(views, length)
            check_plan(plan, views)
            if any(max(1, v.reading_minutes) <= length - sum(overhead(length)) - 5 for v in views):
                assert plan.lessons, f"{audience.id}: the {length}-minute plan covers no lesson"
        longest = plan_session(views, 90)
        assert len(longest.lessons) >= len(plan_session(views, 30).lessons)
