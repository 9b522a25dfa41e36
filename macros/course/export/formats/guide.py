"""Format `guide`: the facilitator guide and answer key (`<audience>/guide.md`), for trainers only."""

from __future__ import annotations

from ...render.guide import render_guide
from ..registry import Exporter, Made, Track, register


@register
class FacilitatorGuide(Exporter):
    format = "guide"
    order = 30

    def links(self, track: Track) -> list[tuple[str, str]]:
        return [(track.course.ui(track.audience)("nav.guide"), "guide.md")]

    def make(self, track: Track) -> Made:
        return Made([render_guide(track.audience, track.views, track.course)])
