"""UI strings as data: the words the course itself puts on its pages (headings, labels, dates), per language.

A catalog is data/ui/<language>.yml (schema/ui.schema.json), loaded by load/ui.py; renderers ask the course
for the catalog of an audience's language (`course.ui(audience)`) and look strings up by dotted key:
`ui("lesson.key_points")`, `ui("lesson.question", n=2)`. A `{name}` in a string is a slot the renderer fills;
every other character is kept as written. Module text never goes through a catalog.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

SLOT = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
# Slots every string under `date.` may use, in any combination (languages order a date differently).
DATE_SLOTS = frozenset({"day", "month", "year", "iso", "long"})
DEFAULT_LANGUAGE = "en"


def slots(text: str) -> set:
    """The `{named}` slots of a catalog string."""
    return set(SLOT.findall(text))


@dataclass(frozen=True)
class Catalog:
    """One language's UI strings: flat dotted keys ("lesson.key_points") -> text, and the month names."""

    language: str
    strings: dict = field(default_factory=dict)
    months: tuple = ()

    def __call__(self, key: str, **values) -> str:
        """The string for `key` with its slots filled. A key or slot the catalog lacks is a programming error
        (catalogs are validated against en.yml when they load), so it raises."""
        text = self.strings[key]
        return SLOT.sub(lambda m: str(values[m.group(1)]), text) if "{" in text else text

    def plural(self, key: str, n: int, **values) -> str:
        """`key.one` for 1, `key.other` otherwise, with `{n}` filled: "1 minute", "25 minutes"."""
        return self(f"{key}.{'one' if n == 1 else 'other'}", n=n, **values)

    def minutes(self, n: int) -> str:
        """'1 minute', '25 minutes' (or the language's words)."""
        return self.plural("time.minutes", n)

    def date(self, day: datetime.date) -> str:
        """A date written out the language's way: "December 1, 2026", "1 de diciembre de 2026"."""
        return self("date.long", **self._date_values(day))

    def page_date(self, day: datetime.date | None) -> str:
        """A date as the pages show it (`date.on_pages`: English pages keep ISO dates, 2026-12-01; a catalog
        may choose "{long}" for the written-out form). "" for no date."""
        if day is None:
            return ""
        return self("date.on_pages", long=self.date(day), **self._date_values(day))

    def _date_values(self, day: datetime.date) -> dict:
        return {"day": day.day, "month": self.months[day.month - 1], "year": day.year, "iso": day.isoformat()}


def flatten(data, prefix: str = "") -> dict:
    """{"lesson": {"key_points": "Key points"}} -> {"lesson.key_points": "Key points"} (lists stay values)."""
    out = {}
    for key, value in (data or {}).items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, name + "."))
        else:
            out[name] = value
    return out


def catalog_from_data(language: str, data: dict) -> Catalog:
    flat = flatten(data.get("strings") or {})
    months = tuple(flat.pop("date.months", ()) or ())
    return Catalog(language, {k: str(v) for k, v in flat.items()}, months)
