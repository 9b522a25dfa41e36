"""Check what readers get, after the build: no page, search-index entry or PDF may show leftovers.

Validation checks module text before the build; this checks the output, so a leftover from any path
(a renderer that forgot to fill a placeholder, a hand-written page, a template) still stops the build:
`[[`, `{{`, `{%`, `TODO`, or a sentence that starts with a lower-case settings value ("… myself. your
library's director …"). Text inside `<code>` and `<pre>` is exempt, since the authoring pages show this
syntax on purpose; scripts and styles are not text.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

from ..model import PLACEHOLDERS

LEFTOVERS = (("[[", "an unfilled placeholder"), ("{{", "template code"), ("{%", "template code"),
             ("TODO", "a TODO note"))
_LEFTOVER = re.compile(r"\[\[|\{\{|\{%|\bTODO\b")
_SKIP = {"script", "style", "code", "pre", "template"}
_BLOCK = {"p", "li", "dt", "dd", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section",
          "article", "blockquote", "figcaption", "caption", "title", "br", "ul", "ol", "table", "nav", "header",
          "footer", "label", "summary", "details"}
_SENTENCE_BREAK = r"(?:^|[.!?][\"”’')\]]*[ \t]+)[\"“‘'(]*"  # what may come before a sentence's first word
_OPENING, _CLOSING = "\"“‘'(", "\"”’')]"  # its quotes and brackets before the word, and after the stop


@dataclass(frozen=True)
class Leftover:
    """One leftover: where (a page, `search index: <location>` or a PDF) and the text around it."""

    where: str
    what: str
    excerpt: str

    def __str__(self) -> str:
        return f'{self.where}: {self.what}: "{self.excerpt}"'


# One regular expression finds each comment, declaration, script or style (with everything it holds) and tag
# (quoted attribute values may hold ">"); the text between them is what a reader sees. It reads HTML as
# html.parser does (tests/test_output_guard.py compares both on built pages) at about a quarter of the cost:
# the guard reads every page of the site, so this is a cost per page of every build.
_ATTRIBUTES = r"""[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*"""
_MARKUP = re.compile(rf"""<(?:
    !--.*?(?:--\s*>|\Z)                                                   # a comment
  | [!?][^>]*>?                                                          # a declaration, processing instruction
  | (?P<raw>[sS][cC][rR][iI][pP][tT]|[sS][tT][yY][lL][eE])(?=[\t\n\r\f />]){_ATTRIBUTES}(?<!/)>
        .*?(?:</\s*(?i:(?P=raw))\s*>|\Z)                                  # a script or style, to its end tag
  | (?P<closing>/\s*)?(?P<name>[a-zA-Z][^\t\n\r\f />\x00]*){_ATTRIBUTES}>   # a tag
)""", re.S | re.X)
_HIDDEN = _SKIP - {"script", "style"}  # skipped by depth; scripts and styles are skipped whole by _MARKUP
_BLOCK_MARK, _TAG_MARK = "\x00", "\x01"  # a block's line break; a removed tag (so "&am<b>p;" stays no entity)
_MARKS = str.maketrans({_BLOCK_MARK: "\ufffd", _TAG_MARK: "\ufffd"})


def visible_text(html_text: str) -> str:
    """Visible text of an HTML document or fragment, one line per block, without code, scripts or styles."""
    if _BLOCK_MARK in html_text or _TAG_MARK in html_text:  # control characters, never in real pages
        html_text = html_text.translate(_MARKS)
    parts: list[str] = []
    skip, pos = 0, 0  # skip: depth inside elements whose text is not shown (or is exempt)
    for m in _MARKUP.finditer(html_text):
        if m.start() > pos and not skip:
            parts.append(html_text[pos:m.start()])
        pos = m.end()
        name = m.group("name")
        if name is None:  # a comment, declaration, script or style
            parts.append(_TAG_MARK)
            continue
        name = name.lower()
        opening = m.group("closing") is None
        if name in _BLOCK:  # a line break, also inside skipped elements, as html.parser reports them
            parts.append(_BLOCK_MARK)
            continue
        if name in _HIDDEN and not (opening and html_text[pos - 2] == "/"):  # <code/> opens nothing
            skip = skip + 1 if opening else max(0, skip - 1)
        parts.append(_TAG_MARK)
    if pos < len(html_text) and not skip:
        parts.append(html_text[pos:])
    # Entities are decoded once, in the joined text; a source line break is a space; blocks make lines.
    text = html.unescape("".join(parts)).replace(_TAG_MARK, "").replace("\n", " ").replace(_BLOCK_MARK, "\n")
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def lower_case_values(settings) -> list[str]:
    """The settings values that would start a sentence in lower case if a renderer failed to capitalize them."""
    values = {settings.placeholder(name).strip() for name in PLACEHOLDERS}
    return sorted((v for v in values if v[:1].islower() and not v.startswith(("http://", "https://"))),
                  key=len, reverse=True)


def find_leftovers(text: str, where: str, values: list[str]) -> list[Leftover]:
    """Every leftover in one text (already reduced to visible text)."""
    found = []
    # Searching for each token is a few times cheaper than one pass of the pattern, and most texts hold none.
    matches = _LEFTOVER.finditer(text) if any(token in text for token, _ in LEFTOVERS) else ()
    for m in matches:
        what = next(label for token, label in LEFTOVERS if m.group(0) == token)
        found.append(Leftover(where, what, _excerpt(text, m.start(), m.end())))
    starts: set = set()
    for value in values:  # longest first, so "your library" is not reported again inside a longer value
        start = text.find(value)
        while start >= 0:  # each place the value occurs, then a look back for a sentence break before it
            if start not in starts and _opens_sentence(text, start):
                starts.add(start)
                found.append(Leftover(where, "a sentence starts in lower case with a settings value",
                                      _excerpt(text, start, start + len(value))))
            start = text.find(value, start + len(value))
    return found


def _opens_sentence(text: str, start: int) -> bool:
    """Whether `start` opens a sentence: at a line's start or after `.`, `!` or `?` and a space, with any
    quotes or brackets between (_SENTENCE_BREAK, read backwards from `start`: a look back is cheaper than a
    search of the whole text for each value)."""
    i = start
    while i and text[i - 1] in _OPENING:
        i -= 1
    if i == 0 or text[i - 1] == "\n":
        return True
    if text[i - 1] not in " \t":
        return False
    while i and text[i - 1] in " \t":
        i -= 1
    while i and text[i - 1] in _CLOSING:
        i -= 1
    return bool(i) and text[i - 1] in ".!?"


def _excerpt(text: str, start: int, end: int, width: int = 40) -> str:
    """The leftover with up to `width` characters either side, within its own block (line)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end) % (len(text) + 1)  # -1 (no newline) becomes the end of the text
    lo, hi = max(line_start, start - width), min(line_end, end + width)
    snippet = " ".join(text[lo:hi].split())
    return ("…" if lo > line_start else "") + snippet + ("…" if hi < line_end else "")


def check_site(site_dir: Path, settings, pdf_texts: dict | None = None, index: dict | None = None,
               cache: dict | None = None) -> list[Leftover]:
    """Every leftover in the built site: each HTML page, each search-index entry and each PDF's text.
    `index`: the search index as already read, so the build reads it once; else it is read here.
    `cache`: kept by the caller between builds in one process (`mkdocs serve`), so that a rebuild parses only
    the pages and index entries whose HTML changed; it holds the findings of the last check only."""
    site_dir = Path(site_dir)
    values = lower_case_values(settings)
    pages = sorted(site_dir.rglob("*.html"))
    # A large site is read by one process per core (each page once, in order); a small one here, where starting
    # processes would cost more than it saves.
    jobs = min(os.cpu_count() or 1, len(pages) // PAGES_PER_PROCESS)
    found: list[Leftover] = []
    last, now = (cache if cache is not None else {}), {}

    def check(html_text: str, where: str) -> list[Leftover]:
        key = (where, hashlib.blake2b(html_text.encode("utf-8", "replace"), digest_size=16).digest(), tuple(values))
        now[key] = last[key] if key in last else find_leftovers(visible_text(html_text), where, values)
        return now[key]

    if cache is not None or jobs < 2:  # serving keeps findings per page; a small site is quicker read here
        for page in pages:
            found += check(page.read_text(encoding="utf-8", errors="replace"), page.relative_to(site_dir).as_posix())
    else:
        size = -(-len(pages) // (4 * jobs))  # a few chunks per process, so one slow chunk does not hold up the rest
        chunks = [pages[i:i + size] for i in range(0, len(pages), size)]
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for chunk_found in pool.map(_check_pages, repeat(site_dir), chunks, repeat(values)):
                found += chunk_found
    if index is None:
        path = site_dir / "search" / "search_index.json"
        index = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
    if index is not None:
        for entry in index.get("docs", []):
            where = f"search index: {entry.get('location') or '(home)'}"
            found += check(f"<p>{entry.get('title', '')}</p><p>{entry.get('text', '')}</p>", where)
    if cache is not None:
        cache.clear()
        cache.update(now)
    for name, text in sorted((pdf_texts or {}).items()):
        found += find_leftovers(text, name, values)
    return found


PAGES_PER_PROCESS = 250  # below this many pages per core, the pages are read in the build's own process


def _check_pages(site_dir: Path, pages: list, values: list[str]) -> list[Leftover]:
    found: list[Leftover] = []
    for page in pages:
        text = visible_text(page.read_text(encoding="utf-8", errors="replace"))
        found += find_leftovers(text, page.relative_to(site_dir).as_posix(), values)
    return found


def pdf_text(document) -> str:
    """The text laid out in a WeasyPrint document, one line per block: what the PDF shows."""
    from weasyprint.formatting_structure import boxes

    lines: list[str] = []

    def walk(box):
        if isinstance(box, boxes.TextBox):
            lines.append(box.text)
        for child in getattr(box, "children", ()) or ():
            walk(child)
        if isinstance(box, boxes.LineBox):
            lines.append(" ")  # a line break inside a paragraph is a space, not a new sentence
        elif isinstance(box, (boxes.BlockBox, boxes.TableCellBox)):
            lines.append("\n")

    for page in document.pages:
        walk(page._page_box)
    return "\n".join(" ".join(line.split()) for line in "".join(lines).split("\n") if line.strip())


def report(found: list[Leftover]) -> str:
    """The message a failed build shows: every leftover, then how to fix them."""
    listing = "\n".join(f"  {f}" for f in found)
    return (f"The built site shows {len(found)} leftover(s) that readers must not see:\n{listing}\n"
            "Fill or remove them in the module, data file or page that produced them "
            "(placeholders are filled from local/settings.yml; a value that starts a sentence is capitalized).")
