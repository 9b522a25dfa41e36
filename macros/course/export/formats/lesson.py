"""Format `lesson`: every lesson of the track as a web page."""

from __future__ import annotations

from ...render.lesson import render_lesson
from ..registry import Exporter, Made, Track, register


@register
class LessonPages(Exporter):
    format = "lesson"
    order = 10  # first: the print booklets reuse these pages

    def make(self, track: Track) -> Made:
        return Made([render_lesson(v, track.course, handout="handout" in track.formats) for v in track.views])
