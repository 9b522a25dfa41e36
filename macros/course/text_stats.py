"""Reading level, word counts and overlap between audiences' versions of a lesson.

Flesch-Kincaid grade comes from textstat 0.7.8, which works offline. Overlap is the share of word 3-grams two
versions have in common, over the smaller set (|A ∩ B| / min(|A|, |B|)): a strict measure, so a short version
copied from a long one counts as fully shared.
"""

from __future__ import annotations

import re
from itertools import combinations

import textstat

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


def reading_grade(markdown: str) -> float:
    """Flesch-Kincaid grade of the prose (0 for empty text)."""
    prose = readable_prose(markdown)
    return round(float(textstat.flesch_kincaid_grade(prose)), 1) if prose.strip() else 0.0


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
