"""Problems found in the course's input, reported like a compiler: `path:line:column: field: message (hint) [code]`."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .problem_codes import CODES


@dataclass(frozen=True, order=True)
class Location:
    """Where a value sits in a YAML file (1-based line and column)."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, with where it is and how to fix it."""

    location: Location
    field: str
    message: str
    hint: str = ""
    code: str = ""  # a key of problem_codes.CODES, which also says whether the problem is a warning

    @property
    def warning(self) -> bool:
        return CODES[self.code].warning

    def __str__(self) -> str:
        text = f"{self.location}: {self.field + ': ' if self.field else ''}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return f"{text} [{self.code}]"

    def as_json(self) -> dict:
        return {
            "path": self.location.path, "line": self.location.line, "column": self.location.column,
            "field": self.field, "message": self.message, "hint": self.hint, "code": self.code,
            "severity": "warning" if self.warning else "error",
        }


@dataclass
class Problems:
    """Collects every problem of a run, so authors see them all at once."""

    items: list[Problem] = field(default_factory=list)
    _seen: set = field(default_factory=set, repr=False, compare=False)
    silenced: frozenset = frozenset()  # warning codes a fork turned off (`silence:` in local/settings.yml)
    silenced_count: int = 0

    def add(self, location: Location, field: str, message: str, hint: str = "", *, code: str) -> None:
        if code not in CODES:  # a programming error: every code is documented (docs/authoring/codes.md)
            raise ValueError(f"undocumented problem code {code!r}")
        problem = Problem(location, field, message, hint, code)
        if problem in self._seen:  # two steps may notice the same thing at the same place: list it once
            return
        self._seen.add(problem)
        if code in self.silenced and problem.warning:
            self.silenced_count += 1
        else:
            self.items.append(problem)

    def extend(self, other: Problems) -> None:
        for p in other.items:
            self.add(p.location, p.field, p.message, p.hint, code=p.code)

    def silence(self, codes) -> None:
        """Drop the warnings with these codes, now and from later steps; errors are never silenced."""
        self.silenced = frozenset(codes)
        kept = [p for p in self.items if not (p.warning and p.code in self.silenced)]
        self.silenced_count += len(self.items) - len(kept)
        self.items = kept

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.warning]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))

    def __bool__(self) -> bool:
        return bool(self.errors)


def did_you_mean(word: str, choices) -> str:
    """A hint naming the closest known word, or an empty string."""
    choices = [str(c) for c in choices]
    close = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.6)
    if not close and len(str(word)) >= 3:  # an abbreviation: "tech" for "technology"
        close = [c for c in choices if c.startswith(str(word))][:1]
    return f'did you mean "{close[0]}"?' if close else ""
