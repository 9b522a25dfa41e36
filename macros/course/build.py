"""Compile a course project into pages and a navigation: the one entry point adapters call."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .check.course import load_course
from .export import registry
from .export.registry import Track
from .model import Course
from .problems import Problems
from .render import print_products
from .render.coverage import render_coverage
from .render.pages import escape_title
from .render.track import render_glossary, render_landing, render_sources
from .view.lesson import track
from .view.report import build_report

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
    pdf_jobs: int = 0  # processes for the after-build PDF step (0: one per core); set by the adapter


def compile_course(root, audiences: list[str] | None = None, *, pdf: bool = True, scorm: bool = True) -> Output:
    """Load, validate and render. On any error, no pages are returned: a half-built course is never published.
    `pdf` and `scorm` false skip those outputs for this build (the settings may also turn them off)."""
    course, problems = load_course(root, audiences, pdf=pdf, scorm=scorm)
    out = Output(course, problems)
    if problems.errors:
        return out
    for audience in course.published_audiences():
        out.tracks[audience.id] = track(course, audience)
    check_tracks(course, out.tracks, problems)
    if problems.errors:
        return out
    formats = registry.exporters()
    indexed: set = set()  # languages whose glossary and sources are already in the search index
    for audience in course.published_audiences():
        t = Track(audience, out.tracks[audience.id], course)
        exporters = [cls() for name, cls in formats.items() if name in audience.formats]
        extras = [link for exporter in exporters for link in exporter.links(t)]
        # Print products (brief, briefing, activity materials): pages now, PDFs after the build.
        product_pages, products, product_links = print_products.for_track(audience, t.views, course)
        out.products += products
        extras += product_links
        t.landing = render_landing(audience, t.views, course, extras)
        print_products.open_landing(t.landing, audience, t.views, course)
        for exporter in exporters:
            made = exporter.make(t)
            t.made[exporter.format] = made.pages
            out.files.update(made.files)
        made_pages = [page for pages in t.made.values() for page in pages]
        # The glossary and sources of every track share most entries: the search index holds the first track's.
        # The sources page also lists what the track's other pages (its facilitator guide) cite.
        also = [key for page in made_pages for key in _SOURCE_LINK.findall(page.markdown)]
        # (one per language: the Spanish glossary's words are not the English one's)
        first = audience.language not in indexed
        indexed.add(audience.language)
        out.pages += [*product_pages, t.landing, *made_pages,
                      render_glossary(audience, t.views, course, in_search=first),
                      render_sources(audience, t.views, course, in_search=first, also=also)]
        out.nav.append({escape_title(audience.name): _track_nav(audience, t.views, course, extras)})
    # The coverage page shows no overlaps, so that quadratic-in-audiences work is skipped here.
    out.pages.append(render_coverage(course, build_report(course, with_overlaps=False, views=out.tracks)))
    return out


def check_tracks(course: Course, tracks: dict, problems: Problems) -> None:
    """Rules that need an audience's view (a sheet's words, material for actions, the 15-minute path): each
    format's own, then the print products'. Run before anything renders, and by `course validate`."""
    formats = registry.exporters()
    for audience in course.published_audiences():
        t = Track(audience, tracks.get(audience.id, []), course)
        for name, cls in formats.items():
            if name in audience.formats:
                cls().check(t, problems)
        print_products.check(audience, t.views, course, problems)


def finish(output: Output, site_dir, warnings: list | None = None) -> dict:
    """After the site is written: every exporter's after-build step (the PDFs). Returns the laid-out text of
    each file written (site path -> text) for the output guard; `warnings` collects what the steps report.
    Raises registry.ExportError, whose message says what could not be written, when a step fails."""
    texts: dict = {}
    if output.problems.errors:
        return texts
    for cls in registry.exporters().values():
        cls().after_build(output, site_dir, texts, warnings if warnings is not None else [])
    return texts


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
