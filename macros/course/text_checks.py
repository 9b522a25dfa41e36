"""Checks on module text, which is data: no raw HTML, no template code, no images, known citations and
placeholders, and a citation wherever a figure appears.

markdown-it-py parses the text exactly as CommonMark does, so raw HTML is found as `html_block` and
`html_inline` tokens rather than guessed at with a regular expression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt

from .markup import CITATION, LESSON_PATH_LINK, MODULE_REF, PLACEHOLDER, citation_keys
from .problems import Location, Problems, did_you_mean

TEMPLATE = re.compile(r"\{\{|\{%|\{#|%\}|\}\}")
# Tokens the adapter swaps for trusted HTML after Markdown; module text may never contain one.
FRAGMENT = re.compile(r"CRSFRAG[0-9a-f]*")
FIGURE_EXEMPT = re.compile(r"\b1:[1nN]\b")
# markdown-it refuses these schemes (so its tokens never show them) but Python-Markdown would link them.
UNSAFE_LINK = re.compile(r"(?:\]\(\s*<?|^[ \t]*\[[^\]\n]*\]:[ \t]*<?|<)\s*(javascript|vbscript|data|file)\s*:", re.I | re.M)
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


def check_text(text: str, loc: Location, field: str, ctx: TextContext, problems: Problems, *,
               needs_citations: bool = True, heading_min: int = 3, markdown: bool = True, line_of=None) -> None:
    """Report every problem in one Markdown text field. `line_of(n)` locates line n of the text."""
    if not isinstance(text, str):
        return

    def at(offset: int, snippet: str = "") -> Location:
        return line_of(offset, snippet) if line_of else loc

    # Each rule runs once over the whole text; only a match pays for working out its line.
    def line(match) -> int:
        return text.count("\n", 0, match.start())

    if ctx.spelling:
        prose = _NOT_PROSE.sub(lambda m: " " * len(m.group(0)), text) if ('"' in text or "[" in text or "`" in text
                                                                         or "“" in text) else text
        for match in ctx.spelling.british_words(prose):
            word = match.group(1)
            us = _us_form(word, ctx.spelling.us[word.lower()])
            problems.add(at(line(match)), field, f'uses the British spelling "{word}"',
                         f'write "{us}"; the course uses US English', code="us-spelling")
    for match in TEMPLATE.finditer(text):
        problems.add(at(line(match), match.group(0)), field, "contains template code ({{, {% or {#)",
                     "module text is never run as a template; remove the braces or write them as words",
                     code="template-code")
    for match in UNSAFE_LINK.finditer(text):
        problems.add(at(line(match), match.group(0)), field, f'links to "{match.group(1)}:…", which is not a web address',
                     "links may use http:, https: or mailto:, or point to another page of the course",
                     code="unsafe-link")
    for match in ATTR_LIST.finditer(text):
        problems.add(at(line(match), match.group(0)), field, "contains attribute syntax ({: …} or {.class})",
                     "module text cannot set HTML attributes; remove the braces", code="attribute-syntax")
    for match in FRAGMENT.finditer(text):
        problems.add(at(line(match), match.group(0)), field, "contains a word reserved for the build (CRSFRAG…)", "remove it",
                     code="reserved-word")
    for match in PLACEHOLDER.finditer(text):
        name = match.group(1)
        if name not in ctx.placeholders:
            problems.add(at(line(match), match.group(0)), field, f"unknown placeholder [[{name}]]",
                         did_you_mean(name, ctx.placeholders) or
                         "known placeholders: " + ", ".join(f"[[{p}]]" for p in sorted(ctx.placeholders)),
                         code="unknown-placeholder")
        elif name in ctx.unfilled:
            problems.add(at(line(match), match.group(0)), field, f"placeholder [[{name}]] has no value",
                         f"set {name} in local/settings.yml (or data/settings.yml)", code="placeholder-unfilled")
    if ctx.module_ids is not None and "](module:" in text:
        for match in MODULE_REF.finditer(text):
            if match.group(1) not in ctx.module_ids:
                problems.add(at(line(match)), field, f'refers to unknown module "{match.group(1)}"',
                             did_you_mean(match.group(1), ctx.module_ids) or
                             "write [words](module:ID) with the id of a module in modules/ or local/modules/",
                             code="unknown-module")
    if ctx.module_ids is not None and "](../" in text:
        for match in LESSON_PATH_LINK.finditer(text):
            if match.group(1) in ctx.module_ids:
                problems.add(at(line(match), match.group(0)), field,
                             f'links to the lesson "{match.group(1)}" by its path',
                             f"write [words](module:{match.group(1)}): a cross-reference becomes a link where the "
                             "track has that lesson, and its sentence is left out where it has not",
                             code="lesson-path-link")
    for match in CITATION.finditer(text):
        for key in citation_keys(match.group(1)):
            if key is None:
                problems.add(at(line(match), match.group(0)), field, f'citation "[{match.group(1)}]" has the wrong form',
                             "write [@key] or [@key1; @key2]", code="citation-form")
            elif key not in ctx.source_keys:
                problems.add(at(line(match), match.group(0)), field, f'unknown source "{key}"',
                             did_you_mean(key, ctx.source_keys) or "add it to data/sources.yml first",
                             code="unknown-source")
    if not markdown:
        if "<" in text and re.search(r"<\s*[a-zA-Z/!?]", text):
            problems.add(loc, field, "contains raw HTML", "write plain text; HTML is not allowed in module files",
                         code="raw-html")
        return
    if not _needs_parse(text, needs_citations):
        for match in ATX_HEADING.finditer(text):
            level = len(match.group(1))
            if level < heading_min:
                problems.add(at(line(match), match.group(0)), field, f"uses a level-{level} heading",
                             f"the section title is the page heading; use {'#' * heading_min} for sub-headings",
                             code="heading-level")
        return
    tokens = _md().parse(text)
    row_has_figure, row_has_citation, row_line = False, False, 0
    in_row = False
    for i, tok in enumerate(tokens):
        line = tok.map[0] if tok.map else 0
        if tok.type in ("html_block",):
            problems.add(at(line), field, f"contains raw HTML: {tok.content.strip()[:40]!r}",
                         "HTML is not allowed in module text; use Markdown, or a chart or flow block", code="raw-html")
        if tok.type == "heading_open" and int(tok.tag[1]) < heading_min:
            problems.add(at(line), field, f"uses a level-{tok.tag[1]} heading",
                         f"the section title is the page heading; use {'#' * heading_min} for sub-headings",
                         code="heading-level")
        if tok.type == "tr_open":
            in_row, row_has_figure, row_has_citation, row_line = True, False, False, line
        if tok.type == "tr_close":
            in_row = False
            if needs_citations and row_has_figure and not row_has_citation:
                problems.add(at(row_line), field, "a table row gives a figure without a source",
                             "cite it in the row as [@key]", code="missing-citation")
        if tok.type != "inline":
            continue
        visible = []
        for child in tok.children or []:
            if child.type == "html_inline":
                problems.add(at(line, child.content), field, f"contains raw HTML: {child.content!r}",
                             "HTML is not allowed in module text; use Markdown instead", code="raw-html")
            elif child.type == "link_open":
                href = str(child.attrs.get("href", ""))
                scheme = re.match(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):", href)
                if scheme and scheme.group(1).lower() not in ("http", "https", "mailto"):
                    problems.add(at(line), field, f'links to "{href[:40]}", which is not a web address',
                                 "links may use http:, https: or mailto:, or point to another page of the course",
                                 code="unsafe-link")
            elif child.type == "image":
                problems.add(at(line), field, "contains an image",
                             "pictures from other sites make readers' browsers contact them; use a chart or flow block",
                             code="embedded-image")
            elif child.type in ("text", "code_inline"):
                visible.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                visible.append(" ")
        plain = "".join(visible)
        has_citation = bool(CITATION.search(tok.content))
        figure = re.search(r"\d", FIGURE_EXEMPT.sub("", CITATION.sub("", plain)))
        if in_row:
            row_has_figure |= bool(figure)
            row_has_citation |= has_citation
        elif needs_citations and figure and not has_citation:
            snippet = plain.strip()[:50]
            problems.add(at(line), field, f'gives a figure without a source: "{snippet}…"',
                         "cite the source in the same paragraph or list item as [@key]", code="missing-citation")


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
