"""The build's print products besides handouts, in one small step: the legislators' brief, the trustees' board
briefing and the activity materials (each rendered by its own file), the 15-minute path that opens a track's
landing page, and the checks these products need an audience's view for.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from ..markup import strip_citations, unlink
from ..view.lesson import count_words
from . import brief as render_brief
from . import briefing as render_briefing
from . import materials as render_materials
from .pages import Page, md_escape

QUICK_PATH_MINUTES = 15
WORDS_PER_MINUTE = 200


@dataclass
class PrintProduct:
    """One PDF product, written on Letter and A4 after the build as <site>/<folder>/<stem>-<paper>.pdf."""

    folder: str
    stem: str
    title: str
    html: Callable[[], str]  # the complete HTML document for WeasyPrint
    stylesheet: str  # extra stylesheet in print_templates/ ("brief" or "materials")
    source: str  # where its content is written, named in messages
    pages: int = 0  # exact page count required (0: none)
    pages_max: int = 0


RENDERERS = {"brief": render_brief, "briefing": render_briefing}


def for_track(audience, views, course) -> tuple[list[Page], list[PrintProduct], list[tuple[str, str]]]:
    """The pages, PDF products and landing-page links of one track's print products."""
    pages, products, links = [], [], []
    ui = course.ui(audience)
    renderer = RENDERERS.get(audience.start_with)
    if renderer is not None:
        made = renderer.render(audience, views, course, PrintProduct)
        if made:
            page, product = made
            pages.append(page)
            products.append(product)
            links.append((ui(renderer.LINK_LABEL), page.path.split("/", 1)[1]))
    made = render_materials.render(audience, views, course, PrintProduct)
    if made:
        page, made_products = made
        pages.append(page)
        products += made_products
        links.append((ui("materials.link_label"), page.path.split("/", 1)[1]))
    return pages, products, links


def quick_path_steps(audience, views):
    """(view, section or None, why, minutes) for each step of the audience's 15-minute path."""
    by_id = {v.id: v for v in views}
    steps = []
    for step, _ in audience.quick_path:
        view = by_id.get(step["module"])
        if view is None:
            continue
        section = next((s for s in view.sections if s.id == step.get("section")), None)
        words = count_words(f"{section.title}\n{section.body}") if section else count_words(view.learner_text())
        steps.append((view, section, step["why"], max(1, round(words / WORDS_PER_MINUTE))))
    return steps


def open_landing(page: Page, audience, views, course) -> None:
    """Open the landing page, right under its title, with the track's print product or its 15-minute path."""
    head, sep, rest = _split_after_title(page.markdown)
    ui = course.ui(audience)
    if audience.start_with in RENDERERS and any(isinstance(v.module.data.get(audience.start_with), dict)
                                                for v in views):
        renderer = RENDERERS[audience.start_with]
        block = (f"!!! tip \"{ui(renderer.OPENER_TITLE)}\"\n\n    {ui(renderer.OPENER_TEXT)} "
                 f"[{ui(renderer.LINK_LABEL)}]({renderer.page_link(audience)})\n\n")
    else:
        steps = quick_path_steps(audience, views)
        if not steps:
            return
        total = sum(m for *_, m in steps)
        lines = [f"!!! tip \"{ui('landing.quick_path_title', n=QUICK_PATH_MINUTES)}\"\n\n",
                 f"    {ui('landing.quick_path_intro', parts=len(steps), minutes=total)}\n\n"]
        for n, (view, section, why, minutes) in enumerate(steps, 1):
            anchor = f"#{_anchor(section.title)}" if section else ""
            label = f"{view.title}: {section.title}" if section else view.title
            lines.append(f"    {n}. [{md_escape(label)}]({view.id}/index.md{anchor}) "
                         f"({ui('landing.about_min', n=minutes)}): "
                         f"{md_escape(why)}\n")
        block = "".join(lines) + "\n"
    page.markdown = head + sep + block + rest


def _split_after_title(markdown: str) -> tuple[str, str, str]:
    """(front matter and title, separator, the rest): the opener goes right after the page's H1."""
    at = markdown.find("\n# ")
    end = markdown.find("\n\n", at + 1) if at >= 0 else -1
    if end < 0:
        return markdown, "", ""
    return markdown[:end], "\n\n", markdown[end + 2:]


def _anchor(title: str) -> str:
    """The id Python-Markdown's toc extension gives a heading (its default slugify, on the visible text)."""
    text = unlink(strip_citations(title)).replace("[", "").replace("]", "").replace("*", "").replace("`", "")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def check(audience, views, course, problems) -> None:
    """Rules that need an audience's view: the 15-minute path and activity materials."""
    _check_quick_path(audience, views, course, problems)
    render_materials.check(audience, views, course, problems)


def _check_quick_path(audience, views, course, problems) -> None:
    by_id = {v.id: v for v in views}
    for step, loc in audience.quick_path:
        view = by_id.get(step["module"])
        module = course.modules.get(step["module"])
        if view is None:
            # A fork may hide or leave out a module the path names: the path then skips that step. A module that
            # exists and is shown but is not written for this audience is a mistake in the data.
            if module is not None and step["module"] not in course.settings.hide_modules:
                problems.add(loc, "quick_path.module", f'"{step["module"]}" is not a lesson of the {audience.id} '
                             "track", "name a module whose audiences include this one", code="module-not-for-audience")
            continue
        if view.module.origin == "upstream" and step.get("section") and \
                not any(s.id == step["section"] for s in view.sections):
            problems.add(loc, "quick_path.section", f'"{step["section"]}" is not a section {audience.id} gets in '
                         f'{view.id}', "use the id of a section this audience sees, or leave section out",
                         code="unknown-block")
    steps = quick_path_steps(audience, views)
    total = sum(m for *_, m in steps)
    if total > QUICK_PATH_MINUTES and audience.quick_path:
        problems.add(audience.quick_path[0][1], "quick_path", f"takes about {total} minutes to read; the path "
                     f"must fit in {QUICK_PATH_MINUTES}", "name sections rather than whole lessons, or fewer steps",
                     code="quick-path-too-long")
