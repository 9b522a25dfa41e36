"""Compile a course project into pages and a navigation: the one entry point adapters call."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import render_guide, render_handout, print_products
from .load_course import load_course
from .model import Course
from .pages import Page, escape_title
from .problems import Problems
from .render_track import render_booklets, render_glossary, render_landing, render_sources
from .render_coverage import render_coverage
from .render_lesson import render_lesson
from .report import build_report
from .view import track

NAV_CHUNK = 25  # lessons per navigation sub-section, so no section grows without bound


@dataclass
class Output:
    """What a build produces: pages, navigation (MkDocs `nav` shape) and every problem found."""

    course: Course
    problems: Problems
    pages: list = field(default_factory=list)
    nav: list = field(default_factory=list)
    tracks: dict = field(default_factory=dict)  # audience id -> list[LessonView]
    products: list = field(default_factory=list)  # print_products.PrintProduct: brief, briefing, materials


def compile_course(root, audiences: list[str] | None = None) -> Output:
    """Load, validate and render. On any error, no pages are returned: a half-built course is never published."""
    course, problems = load_course(root, audiences)
    out = Output(course, problems)
    if problems.errors:
        return out
    for audience in course.published_audiences():
        out.tracks[audience.id] = track(course, audience)
    # Rules that need an audience's view (sheet words, material for actions): checked before anything renders.
    print_products.check(course, out.tracks, problems)
    if problems.errors:
        return out
    for audience in course.published_audiences():
        views = out.tracks[audience.id]
        extras = []
        if "guide" in audience.formats:
            extras.append(("Facilitator guide and answer key", "guide.md"))
        if "print" in audience.formats:
            extras.append(("Print the whole track", "print.md"))
        # Print products (brief, briefing, activity materials): pages now, PDFs after the build.
        product_pages, products, product_links = print_products.for_track(audience, views, course)
        out.pages += product_pages
        out.products += products
        extras += product_links
        landing = render_landing(audience, views, course, extras)
        print_products.open_landing(landing, audience, views, course)
        if "handout" in audience.formats:
            render_handout.add_pdf_links(landing, audience, views, course)
        out.pages.append(landing)
        lesson_pages = [render_lesson(v, course, handout="handout" in audience.formats)
                        for v in views]
        out.pages += lesson_pages
        out.pages.append(render_glossary(audience, views, course))
        out.pages.append(render_sources(audience, views, course))
        if "print" in audience.formats:
            out.pages += render_booklets(audience, views, course, lesson_pages)
        if "handout" in audience.formats:
            out.pages += [render_handout.render_handout(v, course) for v in views]
        if "guide" in audience.formats:
            out.pages.append(render_guide.render_guide(audience, views, course))
        out.nav.append({escape_title(audience.name): _track_nav(audience, views, course, extras)})
    # The coverage page shows no overlaps, so that quadratic-in-audiences work is skipped here.
    out.pages.append(render_coverage(course, build_report(course, with_overlaps=False, views=out.tracks)))
    return out


def _track_nav(audience, views, course, extras) -> list:
    """Overview, lessons grouped by their first topic (in chunks), then the track's reference pages."""
    nav: list = [{"Overview": f"{audience.id}/index.md"}]
    groups: dict = {}
    for v in views:
        topic = v.module.topics[0] if v.module.topics else "other"
        groups.setdefault(topic, []).append(v)
    for topic_id in [*course.topics, *[t for t in groups if t not in course.topics]]:
        members = groups.get(topic_id)
        if not members:
            continue
        name = course.topics[topic_id].name if topic_id in course.topics else topic_id
        chunks = [members[i:i + NAV_CHUNK] for i in range(0, len(members), NAV_CHUNK)]
        for n, chunk in enumerate(chunks, 1):
            label = escape_title(name if len(chunks) == 1 else f"{name} ({n})")
            nav.append({label: [{escape_title(v.title): f"{audience.id}/{v.id}/index.md"} for v in chunk]})
    nav.append({"Glossary": f"{audience.id}/glossary.md"})
    nav.append({"Sources": f"{audience.id}/sources.md"})
    for label, link in extras:
        nav.append({label: f"{audience.id}/{link}"})
    return nav
