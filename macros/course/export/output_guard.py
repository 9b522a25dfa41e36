"""Check what readers get, after the build: no page, search-index entry or PDF may show leftovers.

Validation checks module text before the build; this checks the output, so a leftover from any path
(a renderer that forgot to fill a placeholder, a hand-written page, a template) still stops the build:
`[[`, `{{`, `{%`, `TODO`, or a sentence that starts with a lower-case settings value ("… myself. your
library's director …"). Text inside `<code>` and `<pre>` is exempt, since the authoring pages show this
syntax on purpose; scripts and styles are not text.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..model import PLACEHOLDERS

LEFTOVERS = (("[[", "an unfilled placeholder"), ("{{", "template code"), ("{%", "template code"),
             ("TODO", "a TODO note"))
_LEFTOVER = re.compile(r"\[\[|\{\{|\{%|\bTODO\b")
_SKIP = {"script", "style", "code", "pre", "template"}
_BLOCK = {"p", "li", "dt", "dd", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section",
          "article", "blockquote", "figcaption", "caption", "title", "br", "ul", "ol", "table", "nav", "header",
          "footer", "label", "summary", "details"}
_SENTENCE_BREAK = r"(?:^|[.!?][\"”’')\]]*[ \t]+)[\"“‘'(]*"


@dataclass(frozen=True)
class Leftover:
    """One leftover: where (a page, `search index: <location>` or a PDF) and the text around it."""

    where: str
    what: str
    excerpt: str

    def __str__(self) -> str:
        return f'{self.where}: {self.what}: "{self.excerpt}"'


class _Text(HTMLParser):
    """Visible text of an HTML document or fragment, one line per block, without code, scripts or styles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self._skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data.replace("\n", " "))  # a source line break is a space; blocks make lines


def visible_text(html_text: str) -> str:
    parser = _Text()
    parser.feed(html_text)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def lower_case_values(settings) -> list[str]:
    """The settings values that would start a sentence in lower case if a renderer failed to capitalize them."""
    values = {settings.placeholder(name).strip() for name in PLACEHOLDERS}
    return sorted((v for v in values if v[:1].islower() and not v.startswith(("http://", "https://"))),
                  key=len, reverse=True)


def find_leftovers(text: str, where: str, values: list[str]) -> list[Leftover]:
    """Every leftover in one text (already reduced to visible text)."""
    found = []
    for m in _LEFTOVER.finditer(text):
        what = next(label for token, label in LEFTOVERS if m.group(0) == token)
        found.append(Leftover(where, what, _excerpt(text, m.start(), m.end())))
    starts: set = set()
    for value in values:  # longest first, so "your library" is not reported again inside a longer value
        pattern = re.compile(_SENTENCE_BREAK + re.escape(value), re.M)
        for m in pattern.finditer(text):
            if m.end() - len(value) in starts:
                continue
            starts.add(m.end() - len(value))
            found.append(Leftover(where, "a sentence starts in lower case with a settings value",
                                  _excerpt(text, m.end() - len(value), m.end())))
    return found


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
    found: list[Leftover] = []
    last, now = (cache if cache is not None else {}), {}

    def check(html_text: str, where: str) -> list[Leftover]:
        key = (where, hashlib.blake2b(html_text.encode("utf-8", "replace"), digest_size=16).digest(), tuple(values))
        now[key] = last[key] if key in last else find_leftovers(visible_text(html_text), where, values)
        return now[key]

    for page in sorted(site_dir.rglob("*.html")):
        found += check(page.read_text(encoding="utf-8", errors="replace"), page.relative_to(site_dir).as_posix())
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
