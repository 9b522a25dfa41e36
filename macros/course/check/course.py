"""Load and validate a whole course project: data files, settings, modules and the local overlay."""

from __future__ import annotations

from ..load import data as load_data
from ..load import overlay
from ..load.modules import load_modules
from ..load.ui import load_catalogs
from ..model import Course
from ..problems import Location, Problems, did_you_mean
from ..project import Project
from . import validate
from .plans import load_plans


def load_course(root, audiences: list[str] | None = None, *, pdf: bool = True,
                scorm: bool = True) -> tuple[Course, Problems]:
    """Return the course and every problem found. `audiences` narrows what is published (one-track builds);
    `pdf` or `scorm` false turns that output off for this build, whatever the settings say."""
    project = Project.at(root)
    problems = Problems()
    course = Course(root=project.root)
    course.audiences = load_data.load_audiences(project, problems)
    course.topics = load_data.load_topics(project, problems)
    course.catalogs = load_catalogs(project, course.audiences, problems)
    course.settings = overlay.load_settings(project, course, problems)
    problems.silence(course.settings.silence)
    course.settings.pdf = course.settings.pdf and pdf
    course.settings.scorm = course.settings.scorm and scorm
    extra_sources = overlay.local_sources(project)
    course.sources = load_data.load_sources(project, problems, extra_sources)
    course.spelling = load_data.load_spelling(project, problems)
    course.terms = load_data.load_glossary(project, problems, overlay.local_glossaries(project))
    course.glossaries = load_data.load_glossaries(project, problems, overlay.local_glossaries(project))
    modules = load_modules(project, project.modules_dir, problems)
    modules = overlay.apply_overlay(project, course, modules, problems)
    course.invalid_modules = [m for m in modules if not m.schema_ok]
    good = [m for m in modules if m.schema_ok]
    course.modules = {m.id: m for m in sorted(good, key=lambda m: (_order(m), m.id))}
    if audiences:
        unknown = [a for a in audiences if a not in course.audiences]
        for a in unknown:
            problems.add(Location("(command line)"), "audience", f'unknown audience "{a}"',
                         did_you_mean(a, course.audiences) or "use an id from data/audiences.yml",
                         code="unknown-audience")
        course.settings.audiences = tuple(a for a in audiences if a in course.audiences)
    validate.validate_course(course, problems)
    course.plans = load_plans(project, course, problems)
    return course, problems


def _order(module) -> int:
    try:
        return module.order
    except (TypeError, ValueError):
        return 100
