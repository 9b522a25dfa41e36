"""Timed session plans for a facilitator: which lessons and activities fit in 30, 60 or 90 minutes.

A plan is built from the track's own numbers, never typed by hand:

- every session opens and closes (3 + 2 minutes for a short session, 5 + 5 from an hour up);
- a lesson is *presented* in its reading time (`LessonView.reading_minutes`), then its activities follow,
  each taking its `minutes`;
- lessons are taken in track order. A lesson whose presentation does not fit is left out (the plan says so and
  suggests it as reading), and so is an activity that does not fit; a later, shorter item may still fit;
- sessions of 90 minutes or more get a 5-minute break at the lesson boundary nearest the middle, reserved in
  advance so that the plan never runs over.

The sum of a plan's items is therefore never more than its length (`SessionPlan.total <= SessionPlan.length`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

LENGTHS = (30, 60, 90)
BREAK_MINUTES = 5
BREAK_FROM = 90  # sessions this long or longer get a break


@dataclass
class PlanItem:
    start: int  # minutes from the start of the session
    minutes: int
    kind: str  # "opening", "lesson", "activity", "break" or "closing"
    title: str
    module_id: str = ""
    activity_id: str = ""

    @property
    def end(self) -> int:
        return self.start + self.minutes


@dataclass
class SessionPlan:
    length: int
    items: list = field(default_factory=list)
    left_out_lessons: list = field(default_factory=list)  # LessonViews not covered
    left_out_activities: list = field(default_factory=list)  # (LessonView, ActivityView) not run

    @property
    def total(self) -> int:
        return sum(i.minutes for i in self.items)

    @property
    def lessons(self) -> list[str]:
        return [i.module_id for i in self.items if i.kind == "lesson"]

    @property
    def activities(self) -> list[str]:
        return [i.activity_id for i in self.items if i.kind == "activity"]


def overhead(length: int) -> tuple[int, int]:
    """Minutes for the opening and the closing of a session of `length` minutes."""
    return (5, 5) if length >= 60 else (3, 2)


def plan_session(views, length: int) -> SessionPlan:
    """The plan for one session of `length` minutes over a track's lessons (in track order)."""
    opening, closing = overhead(length)
    with_break = length >= BREAK_FROM
    budget = max(0, length - opening - closing - (BREAK_MINUTES if with_break else 0))
    plan = SessionPlan(length)
    blocks: list[list[PlanItem]] = []  # one block per lesson: its presentation, then its activities
    used = 0
    for view in views:
        present = max(1, int(view.reading_minutes))
        if used + present > budget:
            plan.left_out_lessons.append(view)
            continue
        used += present
        block = [PlanItem(0, present, "lesson", view.title, view.id)]
        for activity in view.activities:
            if activity.minutes <= 0:
                continue
            if used + activity.minutes > budget:
                plan.left_out_activities.append((view, activity))
                continue
            used += activity.minutes
            block.append(PlanItem(0, activity.minutes, "activity", activity.title, view.id, activity.id))
        blocks.append(block)

    items = [PlanItem(0, opening, "opening", "Welcome, introductions and the session's aims")]
    # The break goes at the lesson boundary nearest the middle of the session (never before the first lesson).
    break_after = None
    if with_break and len(blocks) > 1:
        clock, best = opening, None
        for n, block in enumerate(blocks[:-1]):
            clock += sum(i.minutes for i in block)
            distance = abs(clock - length / 2)
            if best is None or distance < best:
                best, break_after = distance, n
    for n, block in enumerate(blocks):
        items += block
        if n == break_after:
            items.append(PlanItem(0, BREAK_MINUTES, "break", "Break"))
    items.append(PlanItem(0, closing, "closing", "Questions, what to do next, and feedback"))
    clock = 0
    for item in items:
        item.start = clock
        clock += item.minutes
    plan.items = items
    return plan


def plans(views, lengths=LENGTHS) -> list[SessionPlan]:
    return [plan_session(views, n) for n in lengths]


def clock(minutes: int) -> str:
    """0:05, 1:30: a session clock for a printed plan."""
    h, m = divmod(minutes, 60)
    return f"{h}:{m:02d}"
