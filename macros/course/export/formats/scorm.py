"""Format `scorm`: the track as a SCORM 1.2 package for learning-management systems (`export/scorm.py`),
linked from the landing page and the facilitator guide."""

from __future__ import annotations

from .. import scorm as export_scorm
from ..registry import Exporter, Made, Track, register


@register
class ScormPackage(Exporter):
    format = "scorm"
    order = 60  # last: it adds its section to the landing page and the guide made before it

    def make(self, track: Track) -> Made:
        return Made(files=export_scorm.add_package(track))
