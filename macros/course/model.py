"""The course model: what the loaders produce and the views and renderers read."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import Location
from .ui import DEFAULT_LANGUAGE, Catalog

if TYPE_CHECKING:  # a module keeps where it was loaded from; the model needs only the type
    from .load.located_yaml import Loaded

# Session lengths a plan is written for, and the minutes each opens and closes with.
LENGTHS = (30, 60, 90)

def overhead(length: int) -> tuple[int, int]:
    """Minutes for the opening and the closing of a session of `length` minutes."""
    return (5, 5) if length >= 60 else (3, 2)


PLACEHOLDERS = ("organization", "contact", "privacy_policy_url", "jurisdiction")


@dataclass(frozen=True)
class Audience:
    """One audience of clause 2, and so one track of the site."""

    id: str
    name: str
    description: str
    who_for: str
    reading_grade_max: float | None  # English tracks: highest Flesch-Kincaid grade (None for reading-ease languages)
    trainer_led: bool
    handout_pages_max: int
    formats: tuple
    publish: bool = True
    answers: str = "guide"  # "inline": each self-check shows its answer under a "Check your answer" disclosure
    scorm_mastery_score: int | None = None  # pass mark (0-100) of each lesson's self-check in the SCORM package
    quick_path: tuple = ()  # ({module, section?, why}, Location) pairs: the landing page's 15-minute path
    start_with: str = ""  # "brief" or "briefing": a print product opens the landing page instead
    language: str = "en"  # the language of its lessons and of the UI strings on its pages (data/ui/<language>.yml)
    reading_ease_min: float | None = None  # for languages measured by reading ease (Spanish): the lowest allowed
    location: Location | None = field(default=None, compare=False)  # where the audience is defined
    translation_of: str = ""  # the audience whose track this one translates (patrons-es: patrons)


def answers_mode(audience: Audience) -> str:
    """Where a track's self-check answers live: "inline" (shown to the learner after answering) or "guide"
    (only in the facilitator guide): the audience's `answers` setting, which defaults by `trainer_led`."""
    return audience.answers


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    clause2: bool


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    publisher: str
    date: str
    short: str
    authors: str = ""
    url: str = ""
    editor_note: str = ""  # for editors only: never rendered
    local: bool = False
    legal: bool = False  # a law, ruling or settlement: lessons citing it carry the not-legal-advice notice


@dataclass
class Term:
    id: str
    term: str
    definition: object  # text, or a mapping of audience ids to text
    also_called: tuple = ()
    sources: tuple = ()
    location: Location | None = None


@dataclass
class Module:
    """One lesson module as loaded: its data plus where each value came from."""

    data: dict
    loaded: Loaded
    origin: str = "upstream"  # or "overlay" (added), "overlay-replaced" (whole) or "overlay-blocks"
    upstream_version: str = ""
    schema_ok: bool = True

    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def order(self) -> int:
        return int(self.data.get("order", 100))

    @property
    def audiences(self) -> list[str]:
        return list(self.data.get("audiences", []))

    @property
    def topics(self) -> list[str]:
        return list(self.data.get("topics", []))

    @property
    def language(self) -> str:
        return str(self.data.get("language") or DEFAULT_LANGUAGE)

    @property
    def version(self) -> str:
        return str(self.data.get("version", ""))

    @property
    def path(self) -> str:
        return self.loaded.path

    def last_reviewed(self) -> datetime.date | None:
        try:
            return datetime.date.fromisoformat(str(self.data.get("last_reviewed")))
        except ValueError:
            return None

    def review_due(self) -> datetime.date | None:
        reviewed = self.last_reviewed()
        if reviewed is None:
            return None
        months = int(self.data.get("review_every_months", 12))
        year, month = divmod(reviewed.month - 1 + months, 12)
        year, month = reviewed.year + year, month + 1
        day = min(reviewed.day, calendar.monthrange(year, month)[1])  # 31 January + 1 month: 28 or 29 February
        return datetime.date(year, month, day)


@dataclass
class Settings:
    """Local settings: the organisation's details and what to publish (see local/settings.yml)."""

    organization: str = "your library"
    contact: str = "the library's designated privacy contact"
    privacy_policy_url: str = "the library's website"
    jurisdiction: str = "your state's"
    logo: str = ""
    site_url: str = ""
    site_name: str = "Facial recognition: a course for libraries"
    audiences: tuple = ()  # empty: every audience whose `publish` is true
    hide_modules: tuple = ()
    silence: tuple = ()  # warning codes the checks do not report
    pdf: bool = True
    scorm: bool = True
    location: Location | None = None
    # language -> {placeholder: value}: what fills the placeholders of that language's lessons (`languages:`)
    languages: dict = field(default_factory=dict)

    def placeholder(self, name: str) -> str:
        return str(getattr(self, name, "") or "")

    def for_language(self, language: str) -> Settings:
        """These settings as a lesson in `language` sees them: the placeholders filled with that language's
        values (`languages: {es: {contact: ...}}`); English lessons get the top-level values."""
        values = self.languages.get(language)
        if language == DEFAULT_LANGUAGE or not values:
            return self
        return replace(self, **{k: v for k, v in values.items() if k in PLACEHOLDERS})


@dataclass
class Course:
    """Everything the renderers need, validated."""

    root: Path
    audiences: dict = field(default_factory=dict)  # id -> Audience, in file order
    topics: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)
    terms: dict = field(default_factory=dict)  # the English glossary (data/glossary/*.yml)
    glossaries: dict = field(default_factory=dict)  # language -> its glossary (data/glossary/<language>/), same ids
    spelling: dict = field(default_factory=dict)  # British spelling -> US spelling (data/spelling.yml)
    modules: dict = field(default_factory=dict)  # id -> Module, sorted by (order, id)
    settings: Settings = field(default_factory=Settings)
    invalid_modules: list = field(default_factory=list)  # failed the schema: cross-checked, never rendered
    drift: list = field(default_factory=list)  # Problems (warnings) about overrides whose upstream moved on
    plans: dict = field(default_factory=dict)  # audience id -> load_plans.AudiencePlans (authored session plans)
    catalogs: dict = field(default_factory=dict)  # language -> ui.Catalog (data/ui/<language>.yml)

    def ui(self, audience: Audience | str | None = None) -> Catalog:
        """The UI strings of an audience's language (English for None: pages that belong to no track)."""
        track = self.audiences[audience] if isinstance(audience, str) else audience
        language = track.language if track is not None else DEFAULT_LANGUAGE
        return self.catalogs[language]

    def published_audiences(self) -> list[Audience]:
        wanted = self.settings.audiences
        return [a for a in self.audiences.values() if (a.id in wanted if wanted else a.publish)]

    def terms_in(self, language: str) -> dict:
        """The glossary of one language: term id -> Term (each language keeps its own, under the same ids)."""
        return self.terms if language == DEFAULT_LANGUAGE else self.glossaries.get(language, {})

    def modules_for(self, audience_id: str) -> list[Module]:
        return [m for m in self.modules.values()
                if audience_id in m.audiences and m.id not in self.settings.hide_modules]

    def track_ids(self, audience_id: str) -> frozenset:
        """Ids of the modules in an audience's track (cached: asked once per link while rendering)."""
        cache = self.__dict__.setdefault("_track_ids", {})
        if audience_id not in cache:
            cache[audience_id] = frozenset(m.id for m in self.modules_for(audience_id))
        return cache[audience_id]
