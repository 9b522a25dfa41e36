"""Format `print`: the whole track as print booklets (`<audience>/print.md`, and `print-N.md` for a long track)."""

from __future__ import annotations

from ...render.track import render_booklets
from ..registry import Exporter, Made, Track, register


@register
class PrintBooklets(Exporter):
    format = "print"
    order = 40  # after `lesson`, whose pages the booklets reuse rather than render each lesson again

    def links(self, track: Track) -> list[tuple[str, str]]:
        return [(track.course.ui(track.audience)("nav.print"), "print.md")]

    def make(self, track: Track) -> Made:
        return Made(render_booklets(track.audience, track.views, track.course, track.made.get("lesson")))
