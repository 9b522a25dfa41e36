"""Format `handout`: one printable handout page per lesson (`<audience>/<module>/handout.md`)."""

from __future__ import annotations

from ...load.located_yaml import field_name
from ...render.handout import handout_problems, render_handout
from ..registry import Exporter, Made, Track, register


@register
class HandoutPages(Exporter):
    format = "handout"
    order = 20

    def check(self, track: Track, problems) -> None:
        """An authored sheet's rules: material for every action, key terms that appear and fit, its figure."""
        for view in track.views:
            for at, message, hint, code in handout_problems(view, track.course):
                problems.add(view.module.loaded.where(at), field_name(at), message, hint, code=code)

    def make(self, track: Track) -> Made:
        return Made([render_handout(v, track.course) for v in track.views])
