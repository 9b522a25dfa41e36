"""Format `handout`: one printable handout page per lesson (`<audience>/<module>/handout.md`)."""

from __future__ import annotations

from ...render.handout import render_handout
from ..registry import Exporter, Made, Track, register


@register
class HandoutPages(Exporter):
    format = "handout"
    order = 20

    def make(self, track: Track) -> Made:
        return Made([render_handout(v, track.course) for v in track.views])
