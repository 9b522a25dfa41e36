"""Format `pdf`: print-ready PDFs of the track's handouts (with `handout`) and of the build's print products,
written by WeasyPrint after the build (`export/pdf.py`). The landing page links them.

Skipped for one build with `COURSE_PDF=0`, for good with `pdf: false` in the course settings.
"""

from __future__ import annotations

from pathlib import Path

from ...render.handout import add_pdf_links
from .. import pdf as export_pdf
from ..registry import Exporter, ExportError, Made, Track, register


@register
class PdfFiles(Exporter):
    format = "pdf"
    order = 50

    def make(self, track: Track) -> Made:
        if track.landing is not None:
            add_pdf_links(track.landing, track.audience, track.views, track.course)
        return Made()

    def after_build(self, output, site_dir, texts: dict, warnings: list) -> None:
        if not output.course.settings.pdf:  # the plugin's `pdf` option (or COURSE_PDF=0) has turned it off here
            return
        try:
            export_pdf.write_pdfs(output, Path(site_dir), texts, warnings=warnings, jobs=output.pdf_jobs)
        except OSError as exc:  # a full disk, a missing font file: say so plainly, and nothing is published
            raise ExportError(f"The PDF packs could not be written: {exc}") from None
