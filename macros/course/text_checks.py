"""Checks on module text, which is data: no raw HTML, no template code, no images, known citations and
placeholders, and a citation wherever a figure appears.

markdown-it-py parses the text exactly as CommonMark does, so raw HTML is found as `html_block` and
`html_inline` tokens rather than guessed at with a regular expression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .markup import CITATION, LESSON_PATH_LINK, MODULE_REF, PLACEHOLDER, citation_keys
from .problems import Location, Problems, did_you_mean

TEMPLATE = re.compile(r"\{\{|\{%|\{#|%\}|\}\}")
# Tokens the adapter swaps for trusted HTML after Markdown; module text may never contain one.
FRAGMENT = re.compile(r"CRSFRAG[0-9a-f]*")
FIGURE_EXEMPT = re.compile(r"\b1:[1nN]\b")
# markdown-it refuses these schemes (so its tokens never show them) but Python-Markdown would link them.
UNSAFE_LINK = re.compile(r"(?:\]\(\s*<?|^[ \t]*\[[^\]\n]*\]:[ \t]*<?|<)\s*(javascript|vbscript|data|file)\s*:",
                         re.I | re.M)
# Python-Markdown's attr_list syntax would let text set HTML attributes: `{: onclick=... }`, `{.class}`.
ATTR_LIST = re.compile(r"\{:|\{\s*\.[A-Za-z]|\{\s*[A-Za-z_:-]+\s*=")


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


@dataclass
class TextContext:
    """What a text may refer to: known source keys and placeholder names."""

    source_keys: frozenset
    placeholders: frozenset
    unfilled: frozenset = frozenset()  # declared placeholders the settings give no value
    spelling: SpellingRule | None = None  # British spellings to flag, with their US forms
    module_ids: frozenset | None = None  # modules a cross-reference may name (None: not checked)


@dataclass(frozen=True)
class SpellingRule:
    """British spellings (data/spelling.yml) and the US form of each. Every word of a text is looked up in
    the mapping, so the check stays linear however long the list grows."""

    us: dict

    def british_words(self, text: str):
        """Yield a match for each listed British spelling in `text` (group 1 is the word)."""
        for match in _WORD_IN_PROSE.finditer(text):
            if match.group(1).lower() in self.us:
                yield match


_WORD_IN_PROSE = re.compile(r"(?<![\w/@#])([A-Za-z]+)(?![\w/])")


def spelling_rule(words: dict) -> SpellingRule | None:
    return SpellingRule({w.lower(): us for w, us in words.items()}) if words else None


# Spans the spelling check leaves alone: quotations (a quote keeps its source's spelling), citations, link
# targets, inline code and placeholders.
_NOT_PROSE = re.compile(r'"[^"\n]*(?:\n[^"\n]+)*"|“[^”]*”|\[@[^\]]*\]|\]\([^)]*\)|`[^`]*`|\[\[[^\]]*\]\]')


def _us_form(word: str, us: str) -> str:
    if word.isupper():
        return us.upper()
    return us[:1].upper() + us[1:] if word[:1].isupper() else us


class LineOf(Protocol):
    """Locates line `offset` of a text; `snippet`, the text of that line, picks among source lines that fold
    into one (a protocol rather than a Callable so that a lambda with a default argument fits)."""

    def __call__(self, offset: int, snippet: str = "", /) -> Location: ...


@dataclass
class _Field:
    """One text field under check: its text, where it is, and where its problems go."""

    text: str
    loc: Location
    name: str
    problems: Problems
    line_of: LineOf | None

    def at(self, offset: int, snippet: str = "") -> Location:
        """Where line `offset` of the text is (the field's own location when lines cannot be located)."""
        return self.line_of(offset, snippet) if self.line_of else self.loc

    def line(self, match: re.Match[str]) -> int:
        """The text line a match starts on. Each rule runs once over the whole text; only a match pays for
        working out its line."""
        return self.text.count("\n", 0, match.start())

    def add(self, where: Location, message: str, hint: str, code: str) -> None:
        self.problems.add(where, self.name, message, hint, code=code)


def check_text(text: str, loc: Location, field: str, ctx: TextContext, problems: Problems, *,
               needs_citations: bool = True, heading_min: int = 3, markdown: bool = True,
               line_of: LineOf | None = None) -> None:
    """Report every problem in one Markdown text field. `line_of(n)` locates line n of the text."""
    if not isinstance(text, str):
        return
    f = _Field(text, loc, field, problems, line_of)
    if ctx.spelling:
        _check_spelling(f, ctx.spelling)
    _check_forbidden_syntax(f)
    _check_placeholders(f, ctx)
    _check_module_links(f, ctx)
    _check_citation_keys(f, ctx)
    if not markdown:
        _check_plain_html(f)
        return
    if not _needs_parse(text, needs_citations):
        _check_atx_headings(f, heading_min)
        return
    _check_parsed(f, needs_citations, heading_min)


def _check_spelling(f: _Field, spelling: SpellingRule) -> None:
    """British spellings in prose (quotations, citations, link targets, code and placeholders excepted)."""
    text = f.text
    prose = _NOT_PROSE.sub(lambda m: " " * len(m.group(0)), text) if ('"' in text or "[" in text or "`" in text
                                                                     or "“" in text) else text
    for match in spelling.british_words(prose):
        word = match.group(1)
        us = _us_form(word, spelling.us[word.lower()])
        f.add(f.at(f.line(match)), f'uses the British spelling "{word}"',
              f'write "{us}"; the course uses US English', "us-spelling")


def _check_forbidden_syntax(f: _Field) -> None:
    """Syntax module text may never hold: template code, unsafe link schemes, attribute lists, build tokens."""
    for match in TEMPLATE.finditer(f.text):
        f.add(f.at(f.line(match), match.group(0)), "contains template code ({{, {% or {#)",
              "module text is never run as a template; remove the braces or write them as words", "template-code")
    for match in UNSAFE_LINK.finditer(f.text):
        f.add(f.at(f.line(match), match.group(0)), f'links to "{match.group(1)}:…", which is not a web address',
              "links may use http:, https: or mailto:, or point to another page of the course", "unsafe-link")
    for match in ATTR_LIST.finditer(f.text):
        f.add(f.at(f.line(match), match.group(0)), "contains attribute syntax ({: …} or {.class})",
              "module text cannot set HTML attributes; remove the braces", "attribute-syntax")
    for match in FRAGMENT.finditer(f.text):
        f.add(f.at(f.line(match), match.group(0)), "contains a word reserved for the build (CRSFRAG…)", "remove it",
              "reserved-word")


def _check_placeholders(f: _Field, ctx: TextContext) -> None:
    """Every [[name]] is declared, and has a value."""
    for match in PLACEHOLDER.finditer(f.text):
        name = match.group(1)
        if name not in ctx.placeholders:
            f.add(f.at(f.line(match), match.group(0)), f"unknown placeholder [[{name}]]",
                  did_you_mean(name, ctx.placeholders) or
                  "known placeholders: " + ", ".join(f"[[{p}]]" for p in sorted(ctx.placeholders)),
                  "unknown-placeholder")
        elif name in ctx.unfilled:
            f.add(f.at(f.line(match), match.group(0)), f"placeholder [[{name}]] has no value",
                  f"set {name} in local/settings.yml (or data/settings.yml)", "placeholder-unfilled")


def _check_module_links(f: _Field, ctx: TextContext) -> None:
    """Cross-references name known modules, and lessons are linked by id rather than by path."""
    if ctx.module_ids is None:
        return
    if "](module:" in f.text:
        for match in MODULE_REF.finditer(f.text):
            if match.group(1) not in ctx.module_ids:
                f.add(f.at(f.line(match)), f'refers to unknown module "{match.group(1)}"',
                      did_you_mean(match.group(1), ctx.module_ids) or
                      "write [words](module:ID) with the id of a module in modules/ or local/modules/",
                      "unknown-module")
    if "](../" in f.text:
        for match in LESSON_PATH_LINK.finditer(f.text):
            if match.group(1) in ctx.module_ids:
                f.add(f.at(f.line(match), match.group(0)), f'links to the lesson "{match.group(1)}" by its path',
                      f"write [words](module:{match.group(1)}): a cross-reference becomes a link where the "
                      "track has that lesson, and its sentence is left out where it has not",
                      "lesson-path-link")


def _check_citation_keys(f: _Field, ctx: TextContext) -> None:
    """Every citation is well formed and names a source in the registry."""
    for match in CITATION.finditer(f.text):
        for key in citation_keys(match.group(1)):
            if key is None:
                f.add(f.at(f.line(match), match.group(0)), f'citation "[{match.group(1)}]" has the wrong form',
                      "write [@key] or [@key1; @key2]", "citation-form")
            elif key not in ctx.source_keys:
                f.add(f.at(f.line(match), match.group(0)), f'unknown source "{key}"',
                      did_you_mean(key, ctx.source_keys) or "add it to data/sources.yml first", "unknown-source")


def _check_plain_html(f: _Field) -> None:
    """Plain (non-Markdown) text: anything that looks like a tag is raw HTML."""
    if "<" in f.text and re.search(r"<\s*[a-zA-Z/!?]", f.text):
        f.add(f.loc, "contains raw HTML", "write plain text; HTML is not allowed in module files", "raw-html")


def _check_atx_headings(f: _Field, heading_min: int) -> None:
    """Heading levels, without a parse: text with no setext underline has only `#` headings."""
    for match in ATX_HEADING.finditer(f.text):
        level = len(match.group(1))
        if level < heading_min:
            f.add(f.at(f.line(match), match.group(0)), f"uses a level-{level} heading",
                  f"the section title is the page heading; use {'#' * heading_min} for sub-headings",
                  "heading-level")


@dataclass
class _TableRow:
    """What the cells of the table row being read hold so far (a row is one citation unit)."""

    line: int = 0
    has_figure: bool = False
    has_citation: bool = False


def _check_parsed(f: _Field, needs_citations: bool, heading_min: int) -> None:
    """The checks that need markdown-it's tokens: raw HTML, heading levels, links, images, uncited figures."""
    row: _TableRow | None = None  # set while inside a table row
    for tok in _md().parse(f.text):
        line = tok.map[0] if tok.map else 0
        _check_block_token(f, tok, line, heading_min)
        if tok.type == "tr_open":
            row = _TableRow(line)
        if tok.type == "tr_close":
            if needs_citations and row is not None and row.has_figure and not row.has_citation:
                f.add(f.at(row.line), "a table row gives a figure without a source",
                      "cite it in the row as [@key]", "missing-citation")
            row = None
        if tok.type != "inline":
            continue
        plain = _check_inline(f, tok, line)
        has_citation = bool(CITATION.search(tok.content))
        figure = re.search(r"\d", FIGURE_EXEMPT.sub("", CITATION.sub("", plain)))
        if row is not None:
            row.has_figure |= bool(figure)
            row.has_citation |= has_citation
        elif needs_citations and figure and not has_citation:
            snippet = plain.strip()[:50]
            f.add(f.at(line), f'gives a figure without a source: "{snippet}…"',
                  "cite the source in the same paragraph or list item as [@key]", "missing-citation")


def _check_block_token(f: _Field, tok: Token, line: int, heading_min: int) -> None:
    """A block-level token: raw HTML blocks and headings above the allowed level."""
    if tok.type == "html_block":
        f.add(f.at(line), f"contains raw HTML: {tok.content.strip()[:40]!r}",
              "HTML is not allowed in module text; use Markdown, or a chart or flow block", "raw-html")
    if tok.type == "heading_open" and int(tok.tag[1]) < heading_min:
        f.add(f.at(line), f"uses a level-{tok.tag[1]} heading",
              f"the section title is the page heading; use {'#' * heading_min} for sub-headings", "heading-level")


def _check_inline(f: _Field, tok: Token, line: int) -> str:
    """An inline token's children: raw HTML, unsafe links and images are problems. Returns the text a reader
    sees, in which a figure needs a citation."""
    visible = []
    for child in tok.children or []:
        if child.type == "html_inline":
            f.add(f.at(line, child.content), f"contains raw HTML: {child.content!r}",
                  "HTML is not allowed in module text; use Markdown instead", "raw-html")
        elif child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            scheme = re.match(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):", href)
            if scheme and scheme.group(1).lower() not in ("http", "https", "mailto"):
                f.add(f.at(line), f'links to "{href[:40]}", which is not a web address',
                      "links may use http:, https: or mailto:, or point to another page of the course", "unsafe-link")
        elif child.type == "image":
            f.add(f.at(line), "contains an image",
                  "pictures from other sites make readers' browsers contact them; use a chart or flow block",
                  "embedded-image")
        elif child.type in ("text", "code_inline"):
            visible.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            visible.append(" ")
    return "".join(visible)


_PARSE_TRIGGERS = re.compile(r"<|!\[|^\s*(?:-{2,}|={2,})\s*$", re.M)
_DIGIT = re.compile(r"\d")
_ITEM_START = re.compile(r"^\s*(?:[-*+>|]|\d+[.)])\s")
ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)", re.M)


def _units(block: str) -> list[str]:
    """A block's citation units without a parser: a paragraph, or each list item, table row or quote line
    (continuation lines join the item above), as markdown-it would group their inline text."""
    units: list[str] = []
    for line in block.splitlines():
        if _ITEM_START.match(line) or not units:
            units.append(line)
        else:
            units[-1] += " " + line
    return units


def _needs_parse(text: str, needs_citations: bool) -> bool:
    """Whether the Markdown parse can find anything the cheap checks cannot: raw HTML and images need `<` or
    `![`, setext headings an underline, and an uncited figure a digit in a unit without a citation. Most module
    text needs no parse at all, which keeps validation linear and cheap at 1,000+ modules."""
    if _PARSE_TRIGGERS.search(text):
        return True
    if not needs_citations or not _DIGIT.search(text):
        return False
    for block in re.split(r"\n\s*\n", text):
        for unit in _units(block):
            if _DIGIT.search(FIGURE_EXEMPT.sub("", CITATION.sub("", unit))) and not CITATION.search(unit):
                return True
    return False
