"""Compile a course project into pages and a navigation: the one entry point adapters call."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .export import scorm as export_scorm
from .render import print_products
from .render import guide as render_guide
from .render import handout as render_handout
from .check.course import load_course
from .model import Course
from .render.pages import Page, escape_title
from .problems import Problems
from .render.track import render_booklets, render_glossary, render_landing, render_sources
from .render.coverage import render_coverage
from .render.lesson import render_lesson
from .view.report import build_report
from .view.lesson import track

_SOURCE_LINK = re.compile(r"\(sources\.md#src-([a-z0-9-]+)\)")
NAV_CHUNK = 25  # lessons per navigation sub-section, so no section grows without bound


@dataclass
class Output:
    """What a build produces: pages, navigation (MkDocs `nav` shape) and every problem found."""

    course: Course
    problems: Problems
    pages: list = field(default_factory=list)
    nav: list = field(default_factory=list)
    tracks: dict = field(default_factory=dict)  # audience id -> list[LessonView]
    files: dict = field(default_factory=dict)  # site path -> bytes: downloads made with the pages (SCORM packages)
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
    indexed: set = set()  # languages whose glossary and sources are already in the search index
    for n, audience in enumerate(course.published_audiences()):
        views = out.tracks[audience.id]
        extras, ui = [], course.ui(audience)
        if "guide" in audience.formats:
            extras.append((ui("nav.guide"), "guide.md"))
        if "print" in audience.formats:
            extras.append((ui("nav.print"), "print.md"))
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
        guide = render_guide.render_guide(audience, views, course) if "guide" in audience.formats else None
        # The glossary and sources of every track share most entries: the search index holds the first track's.
        # (one per language: the Spanish glossary's words are not the English one's)
        first = audience.language not in indexed
        indexed.add(audience.language)
        out.pages.append(render_glossary(audience, views, course, in_search=first))
        out.pages.append(render_sources(audience, views, course, in_search=first,
                                        also=_SOURCE_LINK.findall(guide.markdown) if guide else ()))
        if "print" in audience.formats:
            out.pages += render_booklets(audience, views, course, lesson_pages)
        if "handout" in audience.formats:
            out.pages += [render_handout.render_handout(v, course) for v in views]
        if guide:
            out.pages.append(guide)
        export_scorm.add_package(out, audience, views)  # the track as a SCORM 1.2 zip, linked from its pages
        out.nav.append({escape_title(audience.name): _track_nav(audience, views, course, extras)})
    # The coverage page shows no overlaps, so that quadratic-in-audiences work is skipped here.
    out.pages.append(render_coverage(course, build_report(course, with_overlaps=False, views=out.tracks)))
    return out


def _track_nav(audience, views, course, extras) -> list:
    """Overview, the lessons numbered in track order, then the track's reference pages, all at one level, so
    any lesson is two taps from the phone menu (the track, then the lesson). A long track is cut into
    sections of NAV_CHUNK lessons, so no section grows without bound; there is never a one-item section."""
    lessons = [{escape_title(f"{n}. {v.title}"): f"{audience.id}/{v.id}/index.md"} for n, v in enumerate(views, 1)]
    ui = course.ui(audience)
    nav: list = [{ui("nav.overview"): f"{audience.id}/index.md"}]
    if len(lessons) <= NAV_CHUNK:
        nav += lessons
    else:
        for start in range(0, len(lessons), NAV_CHUNK):
            chunk = lessons[start:start + NAV_CHUNK]
            if len(chunk) == 1:
                nav += chunk
            else:
                nav.append({ui("nav.lessons_range", first=start + 1, last=start + len(chunk)): chunk})
    nav.append({ui("nav.glossary"): f"{audience.id}/glossary.md"})
    nav.append({ui("nav.sources"): f"{audience.id}/sources.md"})
    for label, link in extras:
        nav.append({label: f"{audience.id}/{link}"})
    return nav
