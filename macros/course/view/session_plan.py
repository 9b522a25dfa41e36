"""Timed session plans for a facilitator: which lessons and activities fit in 30, 60 or 90 minutes.

A track with authored plans (`data/plans/<audience>.yml`, loaded and checked by `load_plans`) is timed by
`authored_session`: its steps in order between an opening and a closing. A track without them (a fork's new
audience, a test fixture) gets plans computed from the track's own numbers by `plan_session`:

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

from ..model import LENGTHS, overhead

BREAK_MINUTES = 5
BREAK_FROM = 90  # sessions this long or longer get a break


@dataclass
class PlanItem:
    start: int  # minutes from the start of the session
    minutes: int
    kind: str  # "opening", "lesson", "present" (a section), "activity", "break" or "closing"
    title: str
    module_id: str = ""
    activity_id: str = ""
    section_id: str = ""
    lesson_title: str = ""
    capstone: bool = False

    @property
    def end(self) -> int:
        return self.start + self.minutes


@dataclass
class SessionPlan:
    length: int
    items: list = field(default_factory=list)
    left_out_lessons: list = field(default_factory=list)  # LessonViews not covered
    left_out_activities: list = field(default_factory=list)  # (LessonView, ActivityView) not run
    skipped: list = field(default_factory=list)  # authored steps whose module this course hides (module ids)

    @property
    def total(self) -> int:
        return sum(i.minutes for i in self.items)

    @property
    def lessons(self) -> list[str]:
        return [i.module_id for i in self.items if i.kind == "lesson"]

    @property
    def activities(self) -> list[str]:
        return [i.activity_id for i in self.items if i.kind == "activity"]




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
    _close_and_time(plan, items, closing)
    return plan


def _close_and_time(plan: SessionPlan, items: list, closing: int) -> None:
    """End the session with its closing item and set each item's start on the session clock."""
    items.append(PlanItem(0, closing, "closing", "Questions, what to do next, and feedback"))
    clock = 0
    for item in items:
        item.start = clock
        clock += item.minutes
    plan.items = items


def plans(views, lengths=LENGTHS) -> list[SessionPlan]:
    return [plan_session(views, n) for n in lengths]


def clock(minutes: int) -> str:
    """0:05, 1:30: a session clock for a printed plan."""
    h, m = divmod(minutes, 60)
    return f"{h}:{m:02d}"


def authored_session(plans, length: int, views, course) -> SessionPlan:
    """An authored plan (`load_plans.AudiencePlans`) for one length, timed: opening, the steps in order,
    closing. A step whose module the course hides (settings `hide_modules`) is skipped and listed."""
    from ..check.plans import activity_block, step_minutes

    by_id = {v.id: v for v in views}
    opening, closing = overhead(length)
    plan = SessionPlan(length)
    items = [PlanItem(0, opening, "opening", "Welcome, introductions and the session's aims")]
    for step in plans.sessions.get(length, []):
        minutes = step_minutes(step, plans, course)
        if step.kind == "break":
            items.append(PlanItem(0, minutes, "break", "Break"))
            continue
        if step.module_id and step.module_id not in by_id:
            plan.skipped.append(step.module_id)
            continue
        view = by_id.get(step.module_id)
        if step.kind == "present":
            # A presented step names module/section (a plan that does not fails its check, which stops the build),
            # and a module the course hides was skipped above: the lesson is in `views`.
            assert view is not None, f"presented step {step.ref} has no lesson"
            section = next((s for s in view.sections if s.id == step.block_id), None)
            items.append(PlanItem(0, minutes, "present", section.title if section else step.block_id,
                                  view.id, section_id=step.block_id, lesson_title=view.title))
        else:
            if view:
                act = next((a for a in view.activities if a.id == step.block_id), None)
                title = act.title if act else step.block_id
            else:
                title = (activity_block(step.ref, plans, course) or {}).get("title", step.ref)
            items.append(PlanItem(0, minutes, "activity", title, step.module_id, step.block_id,
                                  lesson_title=view.title if view else "", capstone=step.ref == plans.capstone))
    _close_and_time(plan, items, closing)
    plan.skipped = list(dict.fromkeys(plan.skipped))
    return plan
