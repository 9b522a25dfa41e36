"""The facilitator guide of a track: timed session plans, materials and room set-up, discussion prompts,
facilitator notes and the answer key.

This page is the only place facilitator notes and answers are printed. It is left out of the site search (front
matter `search: {exclude: true}`, which Material honours) and out of the handouts and the print booklet.
"""

from __future__ import annotations

from ..check.plans import SPEAKING_WPM, activity_block
from ..markup import strip_citations
from ..view.session_plan import LENGTHS, authored_session, clock, plan_session
from .lesson import kind_label, material_links, module_links
from .pages import Page, cite, front_matter, md_escape


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
    ui = course.ui(audience)
    page = Page(guide_path(aid), "", ui("guide.page_title"), in_search=False)
    handouts = "handout" in audience.formats

    def c(text: str) -> str:
        # The guide sits in the track's folder: its links start there, not in a lesson's folder.
        return module_links(cite(text, course.sources, "sources.md"), course, aid, base="")

    title = ui("guide.title", track=audience.name)
    out = [front_matter({"title": title, "description": ui("guide.description", track=audience.name),
                         "search": {"exclude": True},
                         "course": {"audience": aid, "kind": "guide"}}),
           f"# {md_escape(title)}\n\n",
           f"**{ui('guide.trainers_only')}** {ui('guide.intro')}\n\n"]
    total = sum(v.minutes for v in views)
    out.append(ui("guide.track_time", n=len(views), present=sum(v.reading_minutes for v in views),
                  activities=sum(v.activity_minutes for v in views), total=total) + "\n\n")

    plans = course.plans.get(aid)
    if plans:
        out.append(_authored_plans(plans, audience, views, course, c, handouts, ui))
    else:
        out.append(_computed_plans(views, ui))
    out.append(_materials_and_room(views, c, handouts, ui))
    out.append(f"## {ui('guide.lesson_by_lesson')}\n\n")
    for v in views:
        out.append(_lesson_notes(v, c, handouts, ui))
    page.markdown = "".join(out)
    return page


def _materials_and_room(views, c, handouts: bool, ui) -> str:
    """What to gather and how to set up the room for the track's activities, then what to print."""
    activities = [(v, a) for v in views for a in v.activities]
    out = [f"## {ui('guide.materials_and_room')}\n\n"]
    if activities:
        out.append(_gather(activities, c, ui))
        arranged = [(v, a) for v, a in activities if a.room_setup.strip()]
        if arranged:
            out.append(ui("guide.room_setup_list") + "\n\n")
            for v, a in arranged:
                out.append(f"- **{_cell(a.title)}** ({md_escape(v.title)}): {c(a.room_setup).strip()}\n")
            out.append("\n")
        if len(arranged) < len(activities):
            out.append(ui("guide.no_setup_other" if arranged else "guide.no_setup") + "\n\n")
    else:
        out.append(ui("guide.no_activities") + "\n\n")
    if handouts:
        out.append(ui("guide.print_handouts") + "\n\n")
    printable = [(v, a) for v, a in activities if material_links(v, a, "", ui)]
    if printable:
        out.append(f"{ui('guide.print_materials')} [{ui('guide.materials_page')}](materials/index.md):\n\n"
                   + "".join(f"- {_cell(a.title)}: {material_links(v, a, 'materials/index.md', ui).strip()}\n"
                             for v, a in printable) + "\n")
    return "".join(out)


def _gather(activities, c, ui) -> str:
    """Every material the activities need, once, with the activities that use it; "" when none needs any."""
    materials: dict[str, list[str]] = {}
    for _, a in activities:
        for m in a.materials:
            materials.setdefault(" ".join(str(m).split()), []).append(a.title)
    if not materials:
        return ""
    out = [ui("guide.gather") + "\n\n"]
    for m, used in materials.items():
        out.append(f"- {c(m)} ({_cell('; '.join(dict.fromkeys(used)))})\n")
    out.append("\n")
    return "".join(out)


def _lesson_notes(v, c, handouts: bool, ui) -> str:
    """One lesson's part of the guide: links and times, key points, case prompts, activities, answer key."""
    out = [f"### {md_escape(v.title)}\n\n"]
    links = [f"[{ui('guide.lesson_link')}]({v.id}/index.md)"] + (
        [f"[{ui('guide.handout_link')}]({v.id}/handout.md)"] if handouts else [])
    out.append(" · ".join(links) + " · " + ui("guide.to_present", n=v.reading_minutes)
               + (ui("guide.of_activities", n=v.activity_minutes) if v.activity_minutes else "") + "\n\n")
    if v.key_points:
        out.append(f"**{ui('guide.key_points_to_land')}**\n\n"
                   + "".join(f"- {c(x).strip()}\n" for x in v.key_points) + "\n")
    prompts = [(cs.title, cs.discussion) for cs in v.case_studies if cs.discussion]
    if prompts:
        out.append(f"**{ui('guide.case_prompts')}**\n\n")
        for case_title, discussion in prompts:
            out.append(f"- *{_cell(case_title)}*\n" + "".join(_indent(f"    - {c(x).strip()}", 8) + "\n"
                                                             for x in discussion))
        out.append("\n")
    for a in v.activities:
        out.append(_activity_notes(v, a, c, ui))
    out.append(_answer_key(v, c, ui))
    return "".join(out)


def _activity_notes(v, a, c, ui) -> str:
    """One lesson activity for the facilitator: what participants do, materials, room, prompts and notes."""
    out = [f"#### {ui('guide.activity', title=_cell(a.title))} {{#act-{v.id}-{a.id}}}\n\n"
           f"*{ui('lesson.activity_meta', kind=kind_label(ui, a.kind), minutes=a.minutes)}*\n\n"]
    out.append(f"**{ui('guide.what_participants_do')}** {c(a.instructions).strip()}\n\n")
    if a.materials:
        out.append(f"**{ui('guide.materials')}** " + "; ".join(c(m).strip() for m in a.materials) + "\n\n")
    out.append(material_links(v, a, "materials/index.md", ui))
    if a.room_setup:
        out.append(f"**{ui('guide.room_setup')}** {c(a.room_setup).strip()}\n\n")
    if a.prompts:
        out.append(f"**{ui('guide.discussion_prompts')}**\n\n"
                   + "".join(f"- {c(p).strip()}\n" for p in a.prompts) + "\n")
    if a.facilitator_notes:
        out.append(f"**{ui('guide.facilitator_notes')}**\n\n{c(a.facilitator_notes).strip()}\n\n")
    return "".join(out)


def _answer_key(v, c, ui) -> str:
    """The lesson's self-check answers with their explanations; "" when it has no questions."""
    if not v.questions:
        return ""
    out = [f"#### {ui('guide.answer_key')}\n\n"]
    for n, q in enumerate(v.questions, 1):
        right = q.choices[q.answer - 1] if 0 < q.answer <= len(q.choices) else "?"
        out.append(_indent(f"{n}. {c(q.question).strip()}  \n"
                           f"**{ui('guide.answer', n=q.answer, choice=c(right).strip())}** "
                           f"{c(q.explanation).strip()}") + "\n")
    out.append("\n")
    return "".join(out)


def _computed_plans(views, ui) -> str:
    """Plans worked out from reading time, in track order: for a track that has no authored plans."""
    out = [f"## {ui('guide.session_plans')}\n\n",
           ui("guide.computed_intro", plans_file="data/plans/<audience>.yml") + "\n\n"]
    for length in LENGTHS:
        plan = plan_session(views, length)
        out.append(f"### {ui('guide.session', n=length)}\n\n")
        out.append(_table_head(ui))
        for item in plan.items:
            if item.kind == "lesson":
                what = ui("guide.present_lesson", lesson=f"[{_cell(item.title)}]({item.module_id}/index.md)")
            elif item.kind == "activity":
                what = ui("guide.activity", title=_cell(item.title))
            else:
                what = _cell(_fixed_item(item, ui))
            out.append(f"| {clock(item.start)} | {item.minutes} | {what} |\n")
        out.append(f"\n**{ui('guide.total', total=plan.total, length=length)}**")
        if plan.left_out_lessons:
            out.append(" " + ui("guide.not_covered", lessons=", ".join(
                f"[{md_escape(v.title)}]({v.id}/index.md)" for v in plan.left_out_lessons)))
        if plan.left_out_activities:
            out.append(" " + ui("guide.activities_left_out", activities=", ".join(
                f"{_cell(a.title)} ({ui('time.min', n=a.minutes)})" for _, a in plan.left_out_activities)))
        out.append("\n\n")

    return "".join(out)


def _fixed_item(item, ui) -> str:
    """The words of a plan's opening, break or closing (the view names them in English) in the guide's language."""
    return ui(f"guide.plan_{item.kind}") if item.kind in ("opening", "break", "closing") else item.title


def _table_head(ui) -> str:
    return f"| {ui('guide.col_start')} | {ui('guide.col_minutes')} | {ui('guide.col_what')} |\n|---|---|---|\n"


def _authored_plans(plans, audience, views, course, c, handouts: bool, ui) -> str:
    """The track's authored plans: a timed table each, what to print and how to set up the room, then the
    talking points for every presented section and the activities the plan file defines."""
    by_id = {v.id: v for v in views}
    capstone = activity_block(plans.capstone, plans, course) or {}
    out = [f"## {ui('guide.session_plans')}\n\n",
           ui("guide.authored_intro", wpm=SPEAKING_WPM)
           + (f", *{_cell(c(str(capstone.get('title', ''))))}*" if capstone else "") + ".\n\n"]
    presented: dict[str, list[str]] = {}  # module id -> [section ids], in order of first use
    own: dict = {}  # the plan file's own activities that some plan runs
    for length in sorted(plans.sessions):
        plan = authored_session(plans, length, views, course)
        out.append(_authored_table(plan, length, ui))
        for item in plan.items:
            if item.kind == "present" and item.section_id not in presented.setdefault(item.module_id, []):
                presented[item.module_id].append(item.section_id)
        acts = [item for item in plan.items if item.kind == "activity"]
        for item in acts:
            if not item.module_id:
                own[item.activity_id] = plans.activities[item.activity_id]
        out.append(_print_and_room(plan, acts, by_id, plans, course, c, handouts, ui))
    out.append(_talking_points(views, by_id, presented, plans, c, ui))
    out.append(_plan_activities(own, c, ui))
    return "".join(out)


def _authored_table(plan, length: int, ui) -> str:
    """One authored plan as a timed table, then its total, spare time and the modules it skips."""
    out = [f"### {ui('guide.session', n=length)}\n\n" + _table_head(ui)]
    for item in plan.items:
        out.append(f"| {clock(item.start)} | {item.minutes} | {_authored_row(item, ui)} |\n")
    out.append(f"\n**{ui('guide.total', total=plan.total, length=length)}**")
    if plan.total < length:
        spare = length - plan.total
        out.append(" " + ui.plural("guide.spare", spare))
    if plan.skipped:
        out.append(" " + ui("guide.skipped", modules=", ".join(md_escape(m) for m in plan.skipped)))
    out.append("\n\n")
    return "".join(out)


def _authored_row(item, ui) -> str:
    """The "what" cell of an authored plan's row: a presented section, an activity, or a fixed item."""
    if item.kind == "present":
        return ui("guide.present_section", lesson=f"[{_cell(item.lesson_title)}]({item.module_id}/index.md)",
                  section=f"*{_cell(item.title)}*",
                  points=f"[{ui('guide.talking_points_link')}](#tp-{item.module_id}-{item.section_id})")
    if item.kind == "activity":
        anchor = f"act-{item.module_id}-{item.activity_id}" if item.module_id else f"act-plan-{item.activity_id}"
        return (f"**{ui('guide.capstone')}** [{_cell(item.title)}](#{anchor})" if item.capstone
                else ui("guide.activity", title=f"[{_cell(item.title)}](#{anchor})"))
    return _cell(_fixed_item(item, ui))


def _talking_points(views, by_id, presented: dict[str, list[str]], plans, c, ui) -> str:
    """The talking points of every presented section, lesson by lesson in track order."""
    out = [f"## {ui('guide.talking_points')}\n\n", ui("guide.talking_points_intro") + "\n\n"]
    for mid in [v.id for v in views if v.id in presented]:
        v = by_id[mid]
        out.append(f"### {md_escape(v.title)}\n\n[{ui('guide.the_lesson')}]({mid}/index.md)\n\n")
        for sid in presented[mid]:
            tp = plans.talking_points[f"{mid}/{sid}"]
            section = next((x for x in v.sections if x.id == sid), None)
            out.append(f"#### {md_escape(section.title if section else sid)} {{#tp-{mid}-{sid}}}\n\n"
                       f"*{ui('guide.speaking_pace', minutes=ui.minutes(tp.minutes))}*\n\n")
            out.append("".join(f"- {c(x).strip()}\n" for x in tp.say) + "\n")
            out.append(f"**{ui('guide.hard_questions')}**\n\n")
            out.append("".join(f"- *{c(ask).strip()}* {c(answer).strip()}\n" for ask, answer in tp.questions) + "\n")
    return "".join(out)


def _plan_activities(own: dict, c, ui) -> str:
    """The activities the plan file itself defines (activity id -> its block), as the plans run them."""
    if not own:
        return ""
    out = [f"## {ui('guide.plan_activities')}\n\n"]
    for aid_, a in own.items():
        out.append(f"### {ui('guide.activity', title=_cell(a['title']))} {{#act-plan-{aid_}}}\n\n"
                   f"*{ui('lesson.activity_meta', kind=kind_label(ui, a['kind']), minutes=a['minutes'])}*\n\n"
                   f"**{ui('guide.what_participants_do')}** {c(a['instructions']).strip()}\n\n")
        if a.get("materials"):
            out.append(f"**{ui('guide.materials')}** " + "; ".join(c(m).strip() for m in a["materials"]) + "\n\n")
        if a.get("room_setup"):
            out.append(f"**{ui('guide.room_setup')}** {c(a['room_setup']).strip()}\n\n")
        if a.get("prompts"):
            out.append(f"**{ui('guide.discussion_prompts')}**\n\n"
                       + "".join(f"- {c(p).strip()}\n" for p in a["prompts"]) + "\n")
        out.append(f"**{ui('guide.facilitator_notes')}**\n\n{c(a['facilitator_notes']).strip()}\n\n")
    return "".join(out)


def _print_and_room(plan, acts, by_id, plans, course, c, handouts: bool, ui) -> str:
    """What to print and how to set up the room for one plan."""
    lessons = list(dict.fromkeys(i.module_id for i in plan.items if i.kind == "present"))
    out = [f"**{ui('guide.what_to_print')}**\n\n"]
    if handouts and lessons:
        out.append("- " + ui("guide.print_handout_each", lessons=", ".join(
            f"[{md_escape(by_id[m].title)}]({m}/handout.md)" for m in lessons)) + "\n")
    for item in acts:
        block = by_id[item.module_id] if item.module_id else None
        act = next((a for a in block.activities if a.id == item.activity_id), None) if block else None
        materials = act.materials if act else plans.activities[item.activity_id].get("materials", [])
        if materials:
            out.append(f"- {ui('guide.for_activity', title='*' + _cell(item.title) + '*')} "
                       + "; ".join(c(str(m)).strip() for m in materials) + ".\n")
    out.append(f"- {ui('guide.print_guide')}\n\n")
    rooms = []
    for item in acts:
        block = by_id[item.module_id] if item.module_id else None
        act = next((a for a in block.activities if a.id == item.activity_id), None) if block else None
        room = act.room_setup if act else plans.activities[item.activity_id].get("room_setup", "")
        if room.strip():
            rooms.append(f"- {ui('guide.for_activity', title='*' + _cell(item.title) + '*')} {c(room).strip()}\n")
    out.append(f"**{ui('guide.room_setup')}** {ui('guide.room_default')}\n\n"
               + ("".join(rooms) + "\n" if rooms else ""))
    return "".join(out)
