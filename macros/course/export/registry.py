"""The exporters, one per output format an audience can list in `formats` (data/audiences.yml).

An exporter reads one track (its audience, the lesson views, the course) and makes that format's pages, its
links in the track's navigation and landing page, and any downloads; `after_build` runs once the site is
written, for what needs the built site (the PDFs). `build.compile_course` runs every exporter a track lists,
in `order`; `build.finish` runs every `after_build`. Each format is one file in `formats/`, found here by
itself, so adding a format is that file, its tests, and its name in the schema's `formats` enum.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import ClassVar

from ..model import Audience, Course
from ..render.pages import Page
from ..view.lesson import LessonView


class ExportError(Exception):
    """An after-build step could not write its output; the message says what and what to do."""


@dataclass
class Track:
    """One track while it is built: what exporters read, and what they have made so far."""

    audience: Audience
    views: list[LessonView]
    course: Course
    landing: Page | None = None  # rendered after `links`, before `make`: an exporter may add a section to it
    made: dict[str, list[Page]] = field(default_factory=dict)  # format -> the pages its exporter made

    @property
    def formats(self) -> tuple:
        return self.audience.formats

    def page(self, name: str) -> Page | None:
        """A page already made for this track, by its path inside the track's folder ("guide.md")."""
        path = f"{self.audience.id}/{name}"
        if self.landing is not None and self.landing.path == path:
            return self.landing
        return next((p for pages in self.made.values() for p in pages if p.path == path), None)


@dataclass
class Made:
    """What one exporter made for one track: pages for the site and files (site path -> bytes) to download."""

    pages: list[Page] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)


class Exporter:
    """One output format. Subclasses set `format` (the name audiences list) and override what they make."""

    format: ClassVar[str] = ""
    order: ClassVar[int] = 100  # exporters run in this order: a later one may read or add to an earlier one's pages

    def check(self, track: Track, problems) -> None:
        """Add a problem for each rule of this format the track's content breaks; runs before anything renders
        (also in `course validate`), and any error stops the build."""

    def links(self, track: Track) -> list[tuple[str, str]]:
        """(label, path inside the track's folder) for the track's navigation and its landing page."""
        return []

    def make(self, track: Track) -> Made:
        """The format's pages and files for one track."""
        return Made()

    def after_build(self, output, site_dir, texts: dict, warnings: list) -> None:
        """Runs once per build after the site is written, whatever the tracks' formats. `texts`: record the
        laid-out text of each file written here (site path -> text) for the output guard; `warnings`: append
        what the author should know (the adapter logs them)."""


_REGISTRY: dict[str, type[Exporter]] = {}
_DISCOVERED: list[bool] = []  # set once formats/ has been imported


def register(cls: type[Exporter]) -> type[Exporter]:
    """Class decorator: make `cls` the exporter of `cls.format`."""
    _discover()  # the built-in formats first, so one registered early can never hide them
    if not cls.format:
        raise ValueError(f"{cls.__name__} has no `format`")
    if cls.format in _REGISTRY and _REGISTRY[cls.format] is not cls:
        raise ValueError(f'two exporters for the format "{cls.format}": {_REGISTRY[cls.format].__name__} and '
                         f"{cls.__name__}")
    _REGISTRY[cls.format] = cls
    return cls


def _discover() -> None:
    """Import every module in formats/ (once): each registers its exporter."""
    if _DISCOVERED:
        return
    _DISCOVERED.append(True)
    from . import formats

    for info in pkgutil.iter_modules(formats.__path__):
        importlib.import_module(f"{formats.__name__}.{info.name}")


def exporters() -> dict[str, type[Exporter]]:
    """Every registered exporter by format, in running order."""
    _discover()
    return dict(sorted(_REGISTRY.items(), key=lambda item: (item[1].order, item[0])))


@contextmanager
def registered(*classes: type[Exporter]) -> Iterator[None]:
    """Register exporters for the time of a `with` block (tests, a one-off build)."""
    exporters()
    before = dict(_REGISTRY)
    try:
        for cls in classes:
            register(cls)
        yield
    finally:
        _REGISTRY.clear()
        _REGISTRY.update(before)
