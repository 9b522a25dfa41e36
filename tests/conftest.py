"""Fixtures and markers shared by every layer (see tests/README.md).

The layer a test is in is its folder: tests/unit (in-process), tests/build (real `mkdocs build` and CLI runs),
tests/browser (headless Chromium). Each test gets the marker of its folder (`unit`, `build`, `browser`), and
every test that reads the real course's site (`real_site`) gets `slow`, so `-m "not slow"` works across layers.
Projects are laid out by support.project.make_project, the one helper for copying a fixture or the real course.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir

from support import payloads, spanish
from support.project import FIXTURES, REAL_COURSE_BUILDS, REPO, build_site, make_project

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# Every build a test starts imports the course plugin and compiler from this checkout, wherever the shared
# virtual environment's editable install (`pip install -e .`, which registers the plugin) points.
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)

# Property-based tests (Hypothesis) run the same examples on every machine: derandomized, a bounded number of
# examples, no example database, and Hypothesis' own caches kept out of the repository.
set_hypothesis_home_dir(os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY")
                        or Path(tempfile.gettempdir()) / "course-tests-hypothesis")
settings.register_profile("ci", derandomize=True, max_examples=60, database=None, deadline=None,
                          print_blob=True, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

LAYERS = ("unit", "build", "browser")


def pytest_collection_modifyitems(config, items):
    for item in items:
        parts = Path(str(item.path)).relative_to(Path(__file__).parent).parts
        if len(parts) > 1 and parts[0] in LAYERS:
            item.add_marker(parts[0])
        if "real_site" in getattr(item, "fixturenames", ()):
            item.add_marker("slow")


def pytest_terminal_summary(terminalreporter):
    """How often the real course was built with `mkdocs build` in this run (the goal: once, by `real_site`,
    plus the offline variant's own build)."""
    if REAL_COURSE_BUILDS:
        terminalreporter.write_line(f"real-course builds in this run: {len(REAL_COURSE_BUILDS)} "
                                    f"({'; '.join(REAL_COURSE_BUILDS)})")


@pytest.fixture
def tiny_project(tmp_path) -> Path:
    """The tiny fixture as a project of its own, for a test that changes it."""
    return make_project(tmp_path / "tiny", "tiny")


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory) -> Path:
    """The tiny fixture, built once (without PDFs) for tests that only read the output."""
    project = make_project(tmp_path_factory.mktemp("tiny-built") / "p", "tiny")
    return build_site(project)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real course, built once per session with --strict, PDFs and SCORM packages, exactly as
    `bash scripts/dev build` does. Every test that reads the real course's site reads this one."""
    return build_site(REPO, tmp_path_factory.mktemp("real-site") / "site", pdf=True)


def course_under_test(tmp_path_factory) -> Path:
    """The project the whole-site suites read: the real course (the repository itself), or the fixture named by
    BROWSER_COURSE (e.g. BROWSER_COURSE=tiny), handy while the real course is being written."""
    name = os.environ.get("BROWSER_COURSE", "").strip()
    return make_project(tmp_path_factory.mktemp(f"course-{name}") / "p", name) if name else REPO


@pytest.fixture(scope="session")
def course_project(tmp_path_factory) -> Path:
    """The project behind `course_site`."""
    return course_under_test(tmp_path_factory)


@pytest.fixture(scope="session")
def course_site(course_project, request) -> Path:
    """The built site of `course_project`: the shared `real_site` build unless BROWSER_COURSE names a fixture."""
    if course_project == REPO:
        return request.getfixturevalue("real_site")
    return build_site(course_project, pdf=True)


@pytest.fixture(scope="session")
def offline_site(course_project, tmp_path_factory) -> Path:
    """The course built with mkdocs-offline.yml (the file:// variant): its own build, since the config differs."""
    return build_site(course_project, tmp_path_factory.mktemp("offline") / "site-offline",
                      config="mkdocs-offline.yml", strict=False)


ATTRIBUTE_SETTINGS = ('organization: Northwoods "North" x" onmouseover="alert(six)\n'
                      'site_name: Course "Site" x" onmouseover="alert(seven)\n'
                      'contact: the "privacy" officer x" onmouseover="alert(eight)\n'
                      "privacy_policy_url: https://example.org/privacy\njurisdiction: Minnesota\n")


@pytest.fixture(scope="session")
def attribute_payload_site(tmp_path_factory) -> Path:
    """A valid module and settings whose title, summary, heading and site name hold `"` and `" onmouseover=`
    break-outs (tests/fixtures/hostile/modules/attr-quotes.yml without its image line, which validation refuses),
    built with --strict and validation on, as a fork would build it."""
    project = make_project(tmp_path_factory.mktemp("attribute-payloads") / "p", "hostile", modules=False,
                           settings=ATTRIBUTE_SETTINGS)
    source = (FIXTURES / "hostile" / "modules" / "attr-quotes.yml").read_text(encoding="utf-8")
    (project / "modules" / "attr-quotes.yml").write_text(
        "".join(line for line in source.splitlines(keepends=True) if "![" not in line), encoding="utf-8")
    return build_site(project)


# The Spanish track (tests/build/test_spanish_track.py, tests/browser/test_spanish_axe.py): forks built once.
@pytest.fixture(scope="session")
def bilingual(tmp_path_factory) -> Path:
    """A fork that publishes the English and the Spanish patrons tracks, PDFs included."""
    return spanish.build(spanish.fork(tmp_path_factory.mktemp("bilingual"), spanish.BOTH), pdf=True)


@pytest.fixture(scope="session")
def spanish_only(tmp_path_factory) -> Path:
    """A fork that publishes the Spanish track alone."""
    return spanish.build(spanish.fork(tmp_path_factory.mktemp("spanish-only"), spanish.SPANISH_ONLY))


# The hostile modules built with validation bypassed (tests/build and tests/browser test_payloads.py): once.
@pytest.fixture(scope="session", params=["as configured", "render_by_default true"])
def bypass(request, tmp_path_factory):
    """(project, site) built from every payload module plus the clean control, validation bypassed."""
    tmp = tmp_path_factory.mktemp("payloads")
    modules = [payloads.HOSTILE / "modules" / n for n in payloads.PAYLOAD_FILES if n != "python-tag.yml"]
    project = payloads.payload_project(tmp / "project", [*modules, payloads.HOSTILE / "clean" / "clean.yml"])
    with pytest.MonkeyPatch.context() as mp:
        payloads.in_process_build(project, tmp / "site", request.param == "render_by_default true", mp)
    return project, tmp / "site"
