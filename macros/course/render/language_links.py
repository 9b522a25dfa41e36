"""Links between a lesson (or a track) and its counterpart in another language, marked with `hreflang` and
`lang`: the link's words are in the language of the page it opens ("Lee esta lección en español" on an English
page), so a screen reader says them in that language."""

from __future__ import annotations

from ..view.translations import counterpart_tracks, counterparts
from .pages import md_escape


def lesson_language_links(view, course) -> str:
    """A line under a lesson's title: the same lesson in every other language it is published in ("" if none)."""
    links = [_link(course.catalogs[c.language]("language.lesson_link"), f"../../{c.audience_id}/{c.module_id}/index.md",
                   c.language) for c in counterparts(view.audience, view.module, course)]
    return (" · ".join(links) + "\n{: .course-language }\n\n") if links else ""


def track_language_links(audience, course, prefix: str = "../") -> str:
    """A line on a track's landing page (or, with prefix "", the home page): the track in other languages."""
    links = [_link(course.catalogs[a.language]("language.track_link"), f"{prefix}{a.id}/index.md", a.language)
             for a in counterpart_tracks(audience, course)]
    return (" · ".join(links) + "\n{: .course-language }\n\n") if links else ""


def _link(label: str, target: str, language: str) -> str:
    return f'[{md_escape(label)}]({target}){{ hreflang="{language}" lang="{language}" }}'
