"""Reading level, word counts and overlap between audiences' versions of a lesson.

The reading measure depends on the language (MEASURES): Flesch-Kincaid grade for English (lower is easier),
Fernández-Huerta reading ease for Spanish (higher is easier), both from textstat 0.7.8, which works offline.
Loading textstat's pronouncing dictionary takes about a second, so scores are kept in a small cache file keyed
by a digest of the text (ReadingCache): a build that changed no lesson never loads it. Overlap is the share of
word 3-grams two versions have in common, over the smaller set (|A ∩ B| / min(|A|, |B|)): a strict measure, so a
short version copied from a long one counts as fully shared.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

_CITATION = re.compile(r"\[@[^\]]*\]")
# A word is a run of letters or digits in any script, with inner apostrophes ("don't", "l’école"): Spanish
# "información" or "niños" is one word, as a reader counts it.
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`#>|]+")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")


def count_words(text: str) -> int:
    """Words a reader sees: citations and link targets do not count."""
    text = _CITATION.sub("", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return len(_WORD.findall(text))


def readable_prose(markdown: str) -> str:
    """Markdown as sentences: markup and citations gone, lines of one paragraph or list item joined (YAML wraps
    them), and every paragraph, heading or list item ended with a full stop (otherwise a list would read as one
    endless sentence and inflate the grade)."""
    out = []
    for block in re.split(r"\n\s*\n", markdown):
        items: list[str] = []
        for line in block.splitlines():
            starts_item = _LIST.match(line) or line.lstrip().startswith(("#", "|", ">"))
            if starts_item or not items:
                items.append(line)
            else:
                items[-1] += " " + line.strip()
        for item in items:
            item = _LINK.sub(r"\1", _CITATION.sub("", item))
            item = " ".join(_MARKUP.sub(" ", _LIST.sub("", item)).split())
            if not item or set(item) <= set("-:| "):
                continue
            out.append(item if item[-1] in ".!?:;" else item + ".")
    return " ".join(out)


@dataclass(frozen=True)
class Measure:
    """A readability formula: textstat's function for it, the language textstat is set to, and which way is
    easier (a grade: lower; a reading ease: higher)."""

    name: str  # what pages and `course stats` call it
    function: str  # textstat's name for it
    textstat_language: str
    higher_is_easier: bool


MEASURES = {
    "en": Measure("Flesch-Kincaid grade", "flesch_kincaid_grade", "en_US", False),
    "es": Measure("Fernández-Huerta reading ease", "fernandez_huerta", "es", True),
}


def measure_for(language: str) -> Measure:
    """The measure for a language (English's for a language without its own)."""
    return MEASURES.get(language, MEASURES["en"])


def _textstat():
    import textstat  # imported only when a score is not in the cache: loading it takes about a second

    return textstat


def reading_score(markdown: str, language: str = "en") -> float:
    """The language's reading measure of the prose (0 for empty text), rounded to one decimal."""
    prose = readable_prose(markdown)
    if not prose.strip():
        return 0.0
    measure = measure_for(language)
    textstat = _textstat()
    # set_lang is global to textstat: set it for this call and put the previous language back.
    previous = getattr(textstat.textstat, "_textstatistics__lang", "en_US")
    textstat.set_lang(measure.textstat_language)
    try:
        return round(float(getattr(textstat, measure.function)(prose)), 1)
    finally:
        textstat.set_lang(previous)


def reading_grade(markdown: str) -> float:
    """Flesch-Kincaid grade of English prose (0 for empty text)."""
    return reading_score(markdown, "en")


CACHE_ENV = "COURSE_CACHE_DIR"  # where build caches live; default .cache/course/ in the project (gitignored)
CACHE_VERSION = "textstat-0.7.8/1"  # a new textstat or a change to readable_prose must not reuse old scores


def cache_dir(root) -> Path:
    return Path(os.environ.get(CACHE_ENV) or Path(root) / ".cache" / "course")


class ReadingCache:
    """Reading scores by a digest of (cache version, language, prose), in one JSON file. Safe to delete; an
    unreadable file is ignored (and rewritten). `computed` counts the scores this run had to work out."""

    def __init__(self, path: Path | None):
        self.path = Path(path) if path else None
        self.scores: dict = {}
        self.computed = 0
        self._changed = False
        if self.path and self.path.is_file():
            try:
                loaded = json.loads(self.path.read_text(encoding="utf-8"))
                self.scores = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                self.scores = {}

    @classmethod
    def for_project(cls, root) -> ReadingCache:
        return cls(cache_dir(root) / "reading.json")

    def score(self, markdown: str, language: str = "en") -> float:
        prose = readable_prose(markdown)
        key = hashlib.sha256(f"{CACHE_VERSION}\0{measure_for(language).function}\0{prose}".encode()).hexdigest()[:32]
        if key not in self.scores:
            self.scores[key] = reading_score(markdown, language)
            self.computed += 1
            self._changed = True
        return float(self.scores[key])

    def save(self) -> None:
        """Write the file if a score was added (atomically, so a half-written cache is never read)."""
        if not (self.path and self._changed):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(self.scores, sort_keys=True), encoding="utf-8")
            os.replace(tmp, self.path)
            self._changed = False
        except OSError:
            pass  # a read-only checkout still builds; it only recomputes next time


def trigrams(markdown: str) -> set:
    words = _WORD.findall(readable_prose(markdown).lower())
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def overlap(a: str, b: str) -> float:
    """Share of word 3-grams that two texts have in common (0..1)."""
    ga, gb = trigrams(a), trigrams(b)
    if not ga or not gb:
        return 0.0
    return len(ga & gb) / min(len(ga), len(gb))


def pairwise_overlap(texts: dict) -> dict:
    """{(audience_a, audience_b): overlap} for every pair of a module's versions."""
    grams = {k: trigrams(v) for k, v in texts.items()}
    out = {}
    for a, b in combinations(texts, 2):
        if grams[a] and grams[b]:
            out[(a, b)] = len(grams[a] & grams[b]) / min(len(grams[a]), len(grams[b]))
    return out
