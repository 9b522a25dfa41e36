"""Load and check the authored session plans: `data/plans/<audience>.yml`, or a fork's `local/plans/<audience>.yml`
in its place (whole file: a fork that changes a plan owns all of that audience's plans).

A plan file names, for each session length, the blocks a trainer runs in order: sections to present (by
`module/section` id), activities (`module/activity`, or an activity the plan file defines itself) and breaks.
Presented sections carry talking points, and their time is worked out from them at speaking pace; an
activity takes the minutes its module gives it. The opening and closing are added around every session.

Checked, every problem located: each block exists and serves the audience; every presented section has
talking points; the 60- and 90-minute plans include the track's capstone; no plan runs over its length.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import cast

from ..load import schema as schema_check
from ..load.located_yaml import Loaded, field_name, load_file
from ..model import LENGTHS, overhead
from ..problems import Location, Problems, did_you_mean
from ..text_checks import TextContext, check_text
from ..text_stats import count_words
from ..variants import serves

SPEAKING_WPM = 130  # words a minute, spoken to a group with pauses
CAPSTONE_FROM = 60  # sessions this long or longer must include the track's capstone activity


@dataclass
class TalkingPoints:
    say: list
    questions: list  # (ask, answer)
    location: Location | None = None

    @property
    def words(self) -> int:
        return count_words("\n".join([*self.say, *(x for qa in self.questions for x in qa)]))

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.words / SPEAKING_WPM))


@dataclass
class Step:
    kind: str  # "present", "activity" or "break"
    ref: str  # "module/section", "module/activity", an own activity's id, or "" for a break
    minutes: int = 0  # breaks only; the others are worked out
    location: Location | None = None

    @property
    def module_id(self) -> str:
        return self.ref.split("/", 1)[0] if "/" in self.ref else ""

    @property
    def block_id(self) -> str:
        return self.ref.split("/", 1)[-1]


@dataclass
class AudiencePlans:
    """One audience's authored plans."""

    audience: str
    path: str
    capstone: str
    sessions: dict = field(default_factory=dict)  # length -> [Step]
    talking_points: dict = field(default_factory=dict)  # "module/section" -> TalkingPoints
    activities: dict = field(default_factory=dict)  # the plan file's own activities: id -> data
    loaded: Loaded | None = None


def plan_files(project) -> dict:
    """audience id -> the plan file in force (local/plans/ wins over data/plans/)."""
    found = {}
    for folder in (project.data_dir / "plans", project.local_dir / "plans"):
        for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
            found[path.stem] = path
    return found


def load_plans(project, course, problems: Problems) -> dict:
    """Every audience's plans that load and pass the schema; every problem reported (schema, references, time)."""
    out = {}
    ctx = TextContext(frozenset(course.sources), frozenset(("organization", "contact", "privacy_policy_url",
                                                             "jurisdiction")),
                      module_ids=frozenset(course.modules))
    for aid, path in plan_files(project).items():
        loaded = load_file(path, project.shown(path), problems)
        if loaded.data is None or not schema_check.check(loaded, project.schema("plans"), problems):
            continue
        if aid not in course.audiences:
            problems.add(Location(loaded.path, 1, 1), "", f'no audience "{aid}" for this plan file',
                         did_you_mean(aid, course.audiences) or "name the file after an id in data/audiences.yml",
                         code="unknown-audience")
            continue
        plans = _read(aid, loaded)
        _check(plans, course, ctx, problems)
        out[aid] = plans
    return out


def _read(aid: str, loaded: Loaded) -> AudiencePlans:
    # A mapping: load_plans reads only files that loaded and passed the plans schema.
    data, where = cast(dict, loaded.data), loaded.where
    plans = AudiencePlans(aid, loaded.path, data["capstone"], loaded=loaded)
    for ref, tp in data.get("talking_points", {}).items():
        plans.talking_points[ref] = TalkingPoints(list(tp["say"]), [(q["ask"], q["answer"]) for q in
                                                                  tp.get("questions", [])],
                                                  where(("talking_points", ref)))
    for act in data.get("activities", []):
        plans.activities[act["id"]] = act
    for i, session in enumerate(data["sessions"]):
        steps = []
        for j, step in enumerate(session["steps"]):
            at = where(("sessions", i, "steps", j))
            kind = next(k for k in ("present", "activity", "break") if k in step)
            steps.append(Step(kind, "" if kind == "break" else str(step[kind]),
                              int(step["break"]) if kind == "break" else 0, at))
        plans.sessions[int(session["minutes"])] = steps
    return plans


def step_minutes(step: Step, plans: AudiencePlans, course) -> int:
    """A step's minutes: talking points at speaking pace, an activity's own minutes, a break's length."""
    if step.kind == "break":
        return step.minutes
    if step.kind == "present":
        tp = plans.talking_points.get(step.ref)
        return tp.minutes if tp else 0
    block = activity_block(step.ref, plans, course)
    return int(block.get("minutes", 0)) if block else 0


def activity_block(ref: str, plans: AudiencePlans, course) -> dict | None:
    if "/" not in ref:
        return plans.activities.get(ref)
    mid, bid = ref.split("/", 1)
    module = course.modules.get(mid)
    return next((b for b in (module.data.get("activities", []) if module else []) if b["id"] == bid), None)


def _check(plans: AudiencePlans, course, ctx: TextContext, problems: Problems) -> None:
    """Check one audience's plans: references, texts, the capstone, and each session's steps and time."""
    loaded = plans.loaded
    if loaded is None:  # plans made in code have no file to locate problems in; those read by _read always do
        return
    _check_talking_points(plans, loaded, course, ctx, problems)
    _check_own_activities(plans, loaded, ctx, problems)
    _check_ref(plans.capstone, "activity", loaded.where(("capstone",)), "capstone", plans, course, problems)
    _check_lengths(plans, loaded, problems)
    for i, (length, steps) in enumerate(plans.sessions.items()):
        good = _check_steps(i, steps, plans, course, problems)
        _check_capstone(i, length, steps, plans, loaded, problems)
        if good:  # a session with a bad step cannot be timed
            _check_time(i, length, steps, plans, loaded, course, problems)


def _check_ref(ref: str, kind: str, at: Location, fld: str, plans: AudiencePlans, course,
               problems: Problems) -> bool:
    """Report what is wrong with a reference to a section or activity; True if it is good."""
    aid = plans.audience
    list_name = "sections" if kind == "present" else "activities"
    if kind == "activity" and "/" not in ref:
        if ref in plans.activities:
            return True
        problems.add(at, fld, f'unknown activity "{ref}"', did_you_mean(ref, plans.activities) or
                     "write module/activity, or define the activity under activities: in this file",
                     code="unknown-activity")
        return False
    mid, _, bid = ref.partition("/")
    module = course.modules.get(mid)
    if module is None:
        problems.add(at, fld, f'unknown module "{mid}"', did_you_mean(mid, course.modules) or
                     "write module/block with a module id from modules/ or local/modules/", code="unknown-module")
        return False
    if aid not in module.audiences:
        problems.add(at, fld, f'module "{mid}" is not written for "{aid}"',
                     f"choose a module whose audiences include {aid}", code="module-not-for-audience")
        return False
    blocks = [b for b in module.data.get(list_name, []) if serves(b, module.audiences, aid)]
    if not any(b["id"] == bid for b in blocks):
        what = "section" if kind == "present" else "activity"
        problems.add(at, fld, f'module "{mid}" has no {what} "{bid}" for "{aid}"',
                     did_you_mean(bid, [b["id"] for b in blocks]) or
                     f"its {list_name} for {aid}: " + (", ".join(b["id"] for b in blocks) or "none"),
                     code="unknown-block")
        return False
    return True


def _check_talking_points(plans: AudiencePlans, loaded: Loaded, course, ctx: TextContext,
                          problems: Problems) -> None:
    """Each set of talking points names a section that serves the audience, and its text follows the text rules."""
    where = loaded.where
    for ref, tp in plans.talking_points.items():
        at = ("talking_points", ref)
        _check_ref(ref, "present", where(at), field_name(at), plans, course, problems)
        for n, text in enumerate(tp.say):
            check_text(text, where(at + ("say", n)), field_name(at + ("say", n)), ctx, problems)
        for n, (ask, answer) in enumerate(tp.questions):
            check_text(f"{ask} {answer}", where(at + ("questions", n)), field_name(at + ("questions", n)), ctx,
                       problems)


def _check_own_activities(plans: AudiencePlans, loaded: Loaded, ctx: TextContext, problems: Problems) -> None:
    """The text rules on the activities the plan file defines itself (their instructions cite figures)."""
    for n, act in enumerate(plans.activities.values()):
        for key in ("title", "instructions", "facilitator_notes", "room_setup"):
            if isinstance(act.get(key), str):
                check_text(act[key], loaded.where(("activities", n, key)), field_name(("activities", n, key)), ctx,
                           problems, needs_citations=key != "title", markdown=key != "title")


def _check_lengths(plans: AudiencePlans, loaded: Loaded, problems: Problems) -> None:
    """Every session length the course offers has a plan."""
    for length in LENGTHS:
        if length not in plans.sessions:
            problems.add(loaded.where(("sessions",)), "sessions", f"has no {length}-minute plan",
                         f"add one: - minutes: {length} with its steps", code="missing-session")


def _check_steps(i: int, steps: list[Step], plans: AudiencePlans, course, problems: Problems) -> bool:
    """Every step of session `i` names a block that exists, and every presented section has talking points;
    True if all of them do."""
    good = True
    for j, step in enumerate(steps):
        fld = field_name(("sessions", i, "steps", j, step.kind))
        if step.kind == "break":
            continue
        # A step read by _read always has its location; the None default is for steps made in code.
        at = step.location or Location(plans.path)
        if not _check_ref(step.ref, step.kind, at, fld, plans, course, problems):
            good = False
        elif step.kind == "present" and step.ref not in plans.talking_points:
            problems.add(at, fld, f'presents "{step.ref}" with no talking points',
                         f"add talking_points: {step.ref}: with say: (3 to 5 points) and questions:",
                         code="missing-talking-points")
            good = False
    return good


def _check_capstone(i: int, length: int, steps: list[Step], plans: AudiencePlans, loaded: Loaded,
                    problems: Problems) -> None:
    """A session of CAPSTONE_FROM minutes or more runs the track's capstone activity."""
    if length >= CAPSTONE_FROM and not any(s.kind == "activity" and s.ref == plans.capstone for s in steps):
        problems.add(loaded.where(("sessions", i)), f"sessions[{i}]",
                     f"the {length}-minute plan leaves out the capstone activity {plans.capstone}",
                     "sessions of an hour or more must run the track's capstone: add - activity: "
                     + plans.capstone, code="missing-capstone")


def _check_time(i: int, length: int, steps: list[Step], plans: AudiencePlans, loaded: Loaded, course,
                problems: Problems) -> None:
    """Session `i` fits its length: opening and closing, presenting at speaking pace, activities and breaks."""
    opening, closing = overhead(length)
    present = sum(step_minutes(s, plans, course) for s in steps if s.kind == "present")
    activities = sum(step_minutes(s, plans, course) for s in steps if s.kind == "activity")
    breaks = sum(s.minutes for s in steps if s.kind == "break")
    total = opening + closing + present + activities + breaks
    if total > length:
        problems.add(loaded.where(("sessions", i)), f"sessions[{i}]",
                     f"the {length}-minute plan runs to {total} minutes ({opening + closing} opening and "
                     f"closing, {present} presenting, {activities} activities, {breaks} breaks)",
                     "drop a step, or shorten the talking points, which are timed at "
                     f"{SPEAKING_WPM} words a minute", code="session-overrun")
