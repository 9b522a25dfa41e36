"""Printable activity materials: card sets (with cut lines), scenario cards, role-play briefs, sorting signs and
worksheets, generated from a module's `print_materials:` block.

Each material prints as its own PDF on Letter and A4 (`/<audience>/pdf/<audience>-<module>-<material>-<paper>.pdf`)
and is shown on the track's materials page (`/<audience>/materials/`), which the activity on the lesson page
and the facilitator guide link to. Validation: a role-play, or an activity whose `materials` list names printed
cards, scenarios, briefs, a worksheet or a sorting set, must declare them; a declared material that would print
nothing, or that names an activity the module lacks, is an error.
"""

from __future__ import annotations

import html
import re

from ..load.located_yaml import field_name
from ..view.lesson import ActivityView, PrintMaterialView
from .handout import pdf_enabled
from .pages import Page, cite, fragment, front_matter, md_escape
from .print_credit import credit

# What in an activity's materials list means something must be printed for it.
NEEDS_PRINT = re.compile(r"\b(claim|scenario|question|feature|step|role|sorting)\s+cards?\b|\bcards describing\b|"
                         r"\blarge cards?\b|\bworksheet\b|\brole-play briefs?\b|\bsort\b", re.I)
def kind_label(ui, kind: str) -> str:
    """A material's kind as a label (catalog keys material_kinds.cards, .scenario_cards, ...)."""
    return ui(f"material_kinds.{kind.replace('-', '_')}")
PAGES_MAX = 6


def page_path(audience_id: str) -> str:
    return f"{audience_id}/materials/index.md"


def pdf_stem(audience_id: str, module_id: str, material_id: str) -> str:
    return f"{audience_id}-{module_id}-{material_id}"


def materials_for(view) -> list[tuple[ActivityView, PrintMaterialView]]:
    """(activity, PrintMaterialView) for every declared material of the view's activities, in activity order."""
    out: list[tuple[ActivityView, PrintMaterialView]] = []
    for activity in view.activities:
        out += [(activity, spec) for spec in view.print_materials if spec.activity == activity.id]
    return out


def needs_print(activity) -> bool:
    """A role-play, or an activity whose materials list names cards, scenarios, briefs or a worksheet."""
    return activity.kind == "role-play" or bool(NEEDS_PRINT.search(" ".join(activity.materials)))


def prints_nothing(spec: dict) -> bool:
    kind = spec.get("kind")
    if kind in ("cards", "scenario-cards", "role-play-briefs", "sorting"):
        return not spec.get("cards")
    if kind == "worksheet":
        return not (spec.get("questions") or spec.get("table"))
    return True


def check(audience, views, course, problems) -> None:
    """Every activity that needs printed material declares it; every declared material prints something."""
    for view in views:
        module = view.module
        where = module.loaded.where
        declared = {spec.get("activity") for spec in module.data.get("print_materials") or []}
        for i, block in enumerate(module.data.get("activities", [])):
            activity = next((a for a in view.activities if a.id == block["id"]), None)
            if activity is not None and needs_print(activity) and activity.id not in declared:
                at = ("activities", i)
                problems.add(where(at), field_name(at), f'activity "{activity.id}" uses printed cards, scenarios, '
                             "briefs or a worksheet, but declares none",
                             f"add a print_materials entry with activity: {activity.id} at the end of the file",
                             code="undeclared-material")
    for module in course.modules.values():
        activity_ids = {a["id"] for a in module.data.get("activities", [])}
        for i, spec in enumerate(module.data.get("print_materials") or []):
            at = ("print_materials", i)
            if spec["activity"] not in activity_ids:
                problems.add(module.loaded.where(at + ("activity",)), field_name(at + ("activity",)),
                             f'names activity "{spec["activity"]}", which this module does not have',
                             "use the id of one of the module's activities", code="unknown-activity")
            if prints_nothing(spec):
                what = "cards" if spec["kind"] != "worksheet" else "questions or a table"
                problems.add(module.loaded.where(at), field_name(at), f'material "{spec["id"]}" prints nothing',
                             f"give it {what}", code="prints-nothing")


def _plain(text: str, course) -> str:
    return cite(text or "", course.sources, None)


def render(audience, views, course, product_cls):
    """The track's materials page and one PDF product per material, or None when the track has none."""
    items = [(view, activity, spec) for view in views for activity, spec in materials_for(view)]
    if not items:
        return None
    aid = audience.id
    ui = course.ui(audience)
    page = Page(page_path(aid), "", ui("materials.link_label"), in_search=False)
    out = [front_matter({"title": ui("materials.link_label"), "search": {"exclude": True},
                         "description": ui("materials.description", track=audience.name),
                         "course": {"audience": aid, "kind": "materials"}}),
           f"# {ui('materials.link_label')}\n\n",
           ui("materials.intro", track=md_escape(audience.name.lower())) + "\n\n"]
    products = []
    pdf = pdf_enabled(course, audience)
    for view, activity, spec in items:
        stem = pdf_stem(aid, view.id, spec.id)
        out.append(f"## {md_escape(spec.title)} {{#mat-{view.id}-{spec.id}}}\n\n")
        out.append("*" + ui("materials.for_activity", kind=kind_label(ui, spec.kind),
                            activity=md_escape(activity.title),
                            lesson=f"[{md_escape(view.title)}](../{view.id}/index.md)")
                   + (". " + ui("materials.print_copies", copies=md_escape(spec.copies)) if spec.copies else "")
                   + ".*\n\n")
        if pdf:
            out.append(fragment(page, '<p class="course-pdf-links">'
                                f'<a href="../pdf/{html.escape(stem)}-letter.pdf">'
                                f'{html.escape(ui("handout.pdf_link", paper=ui("paper.letter")))}</a> · '
                                f'<a href="../pdf/{html.escape(stem)}-a4.pdf">'
                                f'{html.escape(ui("handout.pdf_link", paper=ui("paper.a4")))}</a></p>'))
        if spec.instructions:
            out.append(f"{_plain(spec.instructions, course).strip()}\n\n")
        for label in spec.labels:
            out.append(f"- {ui('materials.sign')} **{md_escape(label)}**\n")
        if spec.labels:
            out.append("\n")
        for n, card in enumerate(spec.cards, 1):
            head = " · ".join(md_escape(x) for x in (card.role, card.title) if x)
            text = _plain(card.text, course).strip().replace("\n\n", " ")
            out.append(f"{n}. {('**' + head + '**: ') if head else ''}{text}\n")
        if spec.cards:
            out.append("\n")
        for n, q in enumerate(spec.questions, 1):
            out.append(f"{n}. {_plain(q, course).strip()}\n")
        if spec.questions:
            out.append("\n")
        table = spec.table
        if table:
            out.append("| " + " | ".join(md_escape(c) for c in table.columns) + " |\n|"
                       + "---|" * len(table.columns) + "\n")
            for row in table.rows:
                cells = [md_escape(x) if x else " " for x in row] + [" "] * (len(table.columns) - len(row))
                out.append("| " + " | ".join(cells[:len(table.columns)]) + " |\n")
            out.append("\n")
        products.append(product_cls(f"{aid}/pdf", stem, f"{view.id}/{spec.id} ({aid} materials)",
                                    _html_maker(view, activity, spec, course), "materials",
                                    f"{view.module.path} (print_materials: {spec.id})", pages_max=PAGES_MAX))
    page.markdown = "".join(out)
    return page, products


def _html_maker(view, activity, spec, course):
    def make() -> str:
        from .print_html import _env, markdown_html

        s = course.settings
        ui = course.ui(view.audience)
        md = lambda t: markdown_html(t, course)  # noqa: E731
        cards = [{"role": c.role, "title": c.title, "text": md(c.text)} for c in spec.cards]
        table = spec.table
        return _env().get_template("materials.html").render(
            ui=ui, site_name=s.site_name, audience=view.audience.name, lesson=view.title, activity=activity.title,
            title=spec.title, kind=spec.kind, kind_label=kind_label(ui, spec.kind),
            instructions=md(spec.instructions) if spec.instructions else "",
            copies=spec.copies, labels=list(spec.labels), cards=cards,
            questions=[md(q) for q in spec.questions],
            table={"columns": list(table.columns), "rows": [list(r) for r in table.rows]} if table else None,
            credit=credit(course, view.module, spec.title, view.audience.name, ui))
    return make
