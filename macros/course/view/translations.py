"""Lessons that tell the same facts in another language: a translated module names its English module
(`translation_of`) and its track names the English track (`translation_of` in data/audiences.yml). Each lesson
links the other, when both are published."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Course


@dataclass(frozen=True)
class Counterpart:
    """The same lesson in another language: where it is published."""

    language: str
    audience_id: str
    module_id: str


def counterparts(audience, module, course: Course) -> list[Counterpart]:
    """The published lessons that translate `module` for `audience`'s track, or that it translates."""
    published = {a.id: a for a in course.published_audiences()}
    out = []
    original = module.data.get("translation_of")
    english = published.get(audience.translation_of)
    if english and original and original in course.track_ids(english.id):
        out.append(Counterpart(english.language, english.id, original))
    for other in published.values():
        if other.translation_of != audience.id:
            continue
        for mid in sorted(course.track_ids(other.id)):
            if course.modules[mid].data.get("translation_of") == module.id:
                out.append(Counterpart(other.language, other.id, mid))
    return out


def counterpart_tracks(audience, course: Course) -> list:
    """The published tracks that translate `audience`'s track, or the one it translates."""
    return [a for a in course.published_audiences()
            if a.id == audience.translation_of or a.translation_of == audience.id]
