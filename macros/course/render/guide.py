"""The facilitator guide of a track: timed session plans, materials and room set-up, discussion prompts,
facilitator notes and the answer key.

This page is the only place facilitator notes and answers are printed. It is left out of the site search (front
matter `search: {exclude: true}`, which Material honours) and out of the handouts and the print booklet.
"""

from __future__ import annotations

from .pages import Page, cite, front_matter, md_escape
from .lesson import KIND_LABEL, material_links, module_links
from ..check.plans import SPEAKING_WPM, activity_block
from ..view.session_plan import LENGTHS, authored_session, clock, plan_session
from ..markup import strip_citations


def guide_path(audience_id: str) -> str:
    return f"{audience_id}/guide.md"


def _cell(text: str) -> str:
    """Plain one-line text for a table cell (citations dropped, Markdown specials escaped)."""
    return md_escape(" ".join(strip_citations(text).split()))


def _indent(text: str, by: int = 4) -> str:
    """Continuation lines of a list item, indented so that Markdown keeps them in the item."""
    return ("\n" + " " * by).join(line for line in text.split("\n"))


def render_guide(audience, views, course) -> Page:
    aid = audience.id
    page = Page(guide_path(aid), "", "Facilitator guide", in_search=False)
    handouts = "handout" in audience.formats

    def c(text: str) -> str:
        # The guide sits in the track's folder: its links start there, not in a lesson's folder.
        return module_links(cite(text, course.sources, "sources.md"), course, aid, base="")

    title = f"Facilitator guide: {audience.name}"
    out = [front_matter({"title": title, "description": f"Session plans and answer key for {audience.name}",
                         "search": {"exclude": True},
                         "course": {"audience": aid, "kind": "guide"}}),
           f"# {md_escape(title)}\n\n",
           "**For trainers only.** This guide holds timed session plans, what to prepare, discussion prompts, "
           "facilitator notes and the answer key to every self-check. None of it appears on the lessons or the "
           "handouts, and this page is left out of the site search. Do not hand it out.\n\n"]
    total = sum(v.minutes for v in views)
    out.append(f"The track has {len(views)} lessons: about {sum(v.reading_minutes for v in views)} minutes of "
               f"presentation and {sum(v.activity_minutes for v in views)} minutes of activities "
               f"({total} minutes in all).\n\n")

    plans = course.plans.get(aid)
    if plans:
        out.append(_authored_plans(plans, audience, views, course, c, handouts))
    else:
        out.append(_computed_plans(views))

    activities = [(v, a) for v in views for a in v.activities]
    out.append("## Materials and room set-up\n\n")
    if activities:
        materials: dict = {}
        for v, a in activities:
            for m in a.materials:
                materials.setdefault(" ".join(str(m).split()), []).append(a.title)
        if materials:
            out.append("Gather for the whole track (each item is followed by the activities that use it):\n\n")
            for m, used in materials.items():
                out.append(f"- {c(m)} ({_cell('; '.join(dict.fromkeys(used)))})\n")
            out.append("\n")
        arranged = [(v, a) for v, a in activities if a.room_setup.strip()]
        if arranged:
            out.append("Room set-up:\n\n")
            for v, a in arranged:
                out.append(f"- **{_cell(a.title)}** ({md_escape(v.title)}): {c(a.room_setup).strip()}\n")
            out.append("\n")
        if len(arranged) < len(activities):
            out.append(("The other activities need" if arranged else "The activities need")
                       + " no special room set-up: chairs that can turn to face a partner are enough.\n\n")
    else:
        out.append("This track has no group activities: a projector or printed handouts are all you need.\n\n")
    if handouts:
        out.append("Print one handout per participant for each lesson you cover (links below, under each lesson).\n\n")
    printable = [(v, a) for v, a in activities if material_links(v, a, "")]
    if printable:
        out.append("Print the activity materials (cards with cut lines, scenario cards, role-play briefs, "
                   "worksheets) from the [materials page](materials/index.md):\n\n"
                   + "".join(f"- {_cell(a.title)}: {material_links(v, a, 'materials/index.md').strip()}\n"
                             for v, a in printable) + "\n")

    out.append("## Lesson by lesson\n\n")
    for v in views:
        out.append(f"### {md_escape(v.title)}\n\n")
        links = [f"[Lesson]({v.id}/index.md)"] + ([f"[handout]({v.id}/handout.md)"] if handouts else [])
        out.append(" · ".join(links) + f" · about {v.reading_minutes} minutes to present"
                   + (f", {v.activity_minutes} minutes of activities" if v.activity_minutes else "") + "\n\n")
        if v.key_points:
            out.append("**Key points to land:**\n\n" + "".join(f"- {c(x).strip()}\n" for x in v.key_points) + "\n")
        prompts = [(cs.title, cs.discussion) for cs in v.case_studies if cs.discussion]
        if prompts:
            out.append("**Discussion prompts from the case studies:**\n\n")
            for case_title, discussion in prompts:
                out.append(f"- *{_cell(case_title)}*\n" + "".join(_indent(f"    - {c(x).strip()}", 8) + "\n"
                                                                 for x in discussion))
            out.append("\n")
        for a in v.activities:
            out.append(f"#### Activity: {_cell(a.title)} {{#act-{v.id}-{a.id}}}\n\n*{KIND_LABEL.get(a.kind, 'Activity')} · "
                       f"{a.minutes} minutes*\n\n")
            out.append(f"**What participants do:** {c(a.instructions).strip()}\n\n")
            if a.materials:
                out.append("**Materials:** " + "; ".join(c(m).strip() for m in a.materials) + "\n\n")
            out.append(material_links(v, a, "materials/index.md"))
            if a.room_setup:
                out.append(f"**Room set-up:** {c(a.room_setup).strip()}\n\n")
            if a.prompts:
                out.append("**Discussion prompts:**\n\n" + "".join(f"- {c(p).strip()}\n" for p in a.prompts) + "\n")
            if a.facilitator_notes:
                out.append(f"**Facilitator notes:**\n\n{c(a.facilitator_notes).strip()}\n\n")
        if v.questions:
            out.append("#### Answer key\n\n")
            for n, q in enumerate(v.questions, 1):
                right = q.choices[q.answer - 1] if 0 < q.answer <= len(q.choices) else "?"
                out.append(_indent(f"{n}. {c(q.question).strip()}  \n"
                                   f"**Answer: {q.answer}. {c(right).strip()}** {c(q.explanation).strip()}") + "\n")
            out.append("\n")
    page.markdown = "".join(out)
    return page


def _computed_plans(views) -> str:
    """Plans worked out from reading time, in track order: for a track that has no authored plans."""
    out = ["## Session plans\n\n",
           "This track has no authored plans (data/plans/<audience>.yml, see *Adapt this course*). Each plan "
           "below is worked out from the lessons' reading time (the time to present a lesson's content) "
           "and the minutes each activity takes, in track order. A lesson or activity that does not fit is "
           "left out and listed after the plan; a plan never runs over its length.\n\n"]
    for length in LENGTHS:
        plan = plan_session(views, length)
        out.append(f"### {length}-minute session\n\n")
        out.append("| Start | Minutes | What |\n|---|---|---|\n")
        for item in plan.items:
            if item.kind == "lesson":
                what = f"Present: [{_cell(item.title)}]({item.module_id}/index.md) (key points and sections)"
            elif item.kind == "activity":
                what = f"Activity: {_cell(item.title)}"
            else:
                what = _cell(item.title)
            out.append(f"| {clock(item.start)} | {item.minutes} | {what} |\n")
        out.append(f"\n**Total: {plan.total} of {length} minutes.**")
        if plan.left_out_lessons:
            out.append(" Not covered, to give as reading before or after the session: "
                       + ", ".join(f"[{md_escape(v.title)}]({v.id}/index.md)" for v in plan.left_out_lessons) + ".")
        if plan.left_out_activities:
            out.append(" Activities left out for time: "
                       + ", ".join(f"{_cell(a.title)} ({a.minutes} min)" for _, a in plan.left_out_activities) + ".")
        out.append("\n\n")

    return "".join(out)


def _authored_plans(plans, audience, views, course, c, handouts: bool) -> str:
    """The track's authored plans: a timed table each, what to print and how to set up the room, then the
    talking points for every presented section and the activities the plan file defines."""
    by_id = {v.id: v for v in views}
    capstone = activity_block(plans.capstone, plans, course) or {}
    out = ["## Session plans\n\n",
           "Each plan lists what to present and which activities to run, in order. Presenting time is worked "
           f"out from the talking points below at about {SPEAKING_WPM} words a minute; each activity takes the "
           "minutes its lesson gives it. Plans of an hour or more run the track's capstone activity"
           + (f", *{_cell(c(str(capstone.get('title', ''))))}*" if capstone else "") + ".\n\n"]
    presented: dict = {}  # module id -> [section ids], in order of first use
    own: dict = {}  # the plan file's own activities that some plan runs
    for length in sorted(plans.sessions):
        plan = authored_session(plans, length, views, course)
        out.append(f"### {length}-minute session\n\n| Start | Minutes | What |\n|---|---|---|\n")
        acts = []
        for item in plan.items:
            if item.kind == "present":
                presented.setdefault(item.module_id, [])
                if item.section_id not in presented[item.module_id]:
                    presented[item.module_id].append(item.section_id)
                what = (f"Present: [{_cell(item.lesson_title)}]({item.module_id}/index.md), "
                        f"*{_cell(item.title)}* ([talking points](#tp-{item.module_id}-{item.section_id}))")
            elif item.kind == "activity":
                anchor = f"act-{item.module_id}-{item.activity_id}" if item.module_id else f"act-plan-{item.activity_id}"
                if not item.module_id:
                    own[item.activity_id] = plans.activities[item.activity_id]
                what = (f"**Capstone activity:** [{_cell(item.title)}](#{anchor})" if item.capstone
                        else f"Activity: [{_cell(item.title)}](#{anchor})")
                acts.append(item)
            else:
                what = _cell(item.title)
            out.append(f"| {clock(item.start)} | {item.minutes} | {what} |\n")
        out.append(f"\n**Total: {plan.total} of {length} minutes.**")
        if plan.total < length:
            spare = length - plan.total
            out.append(f" That leaves {spare} minute{'s' if spare != 1 else ''} in hand: use "
                       f"{'it' if spare == 1 else 'them'} for questions after each section, or let the activities "
                       "run on.")
        if plan.skipped:
            out.append(" Left out because this course hides their lessons: "
                       + ", ".join(md_escape(m) for m in plan.skipped) + ".")
        out.append("\n\n")
        out.append(_print_and_room(plan, acts, by_id, plans, course, c, handouts))
    out.append("## Talking points\n\n")
    out.append("What to say for each section a plan presents (three to five points), and the hard questions "
               "people ask, with short answers. The lesson itself has the detail and the sources.\n\n")
    for mid in [v.id for v in views if v.id in presented]:
        v = by_id[mid]
        out.append(f"### {md_escape(v.title)}\n\n[The lesson]({mid}/index.md)\n\n")
        for sid in presented[mid]:
            tp = plans.talking_points[f"{mid}/{sid}"]
            section = next((x for x in v.sections if x.id == sid), None)
            out.append(f"#### {md_escape(section.title if section else sid)} {{#tp-{mid}-{sid}}}\n\n"
                       f"*About {tp.minutes} minute{'s' if tp.minutes != 1 else ''} at speaking pace.*\n\n")
            out.append("".join(f"- {c(x).strip()}\n" for x in tp.say) + "\n")
            out.append("**Hard questions people ask:**\n\n")
            out.append("".join(f"- *{c(ask).strip()}* {c(answer).strip()}\n" for ask, answer in tp.questions) + "\n")
    if own:
        out.append("## Activities of these plans\n\n")
        for aid_, a in own.items():
            out.append(f"### Activity: {_cell(a['title'])} {{#act-plan-{aid_}}}\n\n"
                       f"*{KIND_LABEL.get(a['kind'], 'Activity')} · {a['minutes']} minutes*\n\n"
                       f"**What participants do:** {c(a['instructions']).strip()}\n\n")
            if a.get("materials"):
                out.append("**Materials:** " + "; ".join(c(m).strip() for m in a["materials"]) + "\n\n")
            if a.get("room_setup"):
                out.append(f"**Room set-up:** {c(a['room_setup']).strip()}\n\n")
            if a.get("prompts"):
                out.append("**Discussion prompts:**\n\n" + "".join(f"- {c(p).strip()}\n" for p in a["prompts"]) + "\n")
            out.append(f"**Facilitator notes:**\n\n{c(a['facilitator_notes']).strip()}\n\n")
    return "".join(out)


def _print_and_room(plan, acts, by_id, plans, course, c, handouts: bool) -> str:
    """What to print and how to set up the room for one plan."""
    lessons = list(dict.fromkeys(i.module_id for i in plan.items if i.kind == "present"))
    out = ["**What to print:**\n\n"]
    if handouts and lessons:
        out.append("- One handout per participant for each lesson presented: "
                   + ", ".join(f"[{md_escape(by_id[m].title)}]({m}/handout.md)" for m in lessons) + ".\n")
    for item in acts:
        block = by_id[item.module_id] if item.module_id else None
        act = next((a for a in block.activities if a.id == item.activity_id), None) if block else None
        materials = act.materials if act else plans.activities[item.activity_id].get("materials", [])
        if materials:
            out.append(f"- For *{_cell(item.title)}*: " + "; ".join(c(str(m)).strip() for m in materials) + ".\n")
    out.append("- This guide's talking points for yourself (print this page, or keep it on a tablet).\n\n")
    rooms = []
    for item in acts:
        block = by_id[item.module_id] if item.module_id else None
        act = next((a for a in block.activities if a.id == item.activity_id), None) if block else None
        room = act.room_setup if act else plans.activities[item.activity_id].get("room_setup", "")
        if room.strip():
            rooms.append(f"- For *{_cell(item.title)}*: {c(room).strip()}\n")
    out.append("**Room set-up:** a screen or projector for the lesson pages; chairs that can turn to face a "
               "partner.\n\n" + ("".join(rooms) + "\n" if rooms else ""))
    return "".join(out)
