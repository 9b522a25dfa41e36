"""The course's one markup: the Markdown subset module text is written in, and how text enters it.

Module text is CommonMark without raw HTML, plus three forms of the course's own: citations (`[@key]`,
`[@key1; @key2]`), cross-references to another lesson (`[the bias lesson](module:bias)`) and placeholders
for a fork's settings (`[[contact]]`). Every part of the compiler that reads or rewrites these goes through
this module: validation, the view, the renderers and the exporters. Links are found with markdown-it-py's own
CommonMark link grammar (label, destination, title), so a bracket in a code span or an escaped bracket is
never taken for a link.

The view keeps text in this markup (not in any output format); settings values and labels enter it escaped,
so a value is always shown literally.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkLabel, parseLinkTitle
from markdown_it.rules_inline import StateInline

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|])")

# A citation: one or more keys, `[@key]` or `[@key1; @key2]`. CITATION_KEY is the form of one part.
CITATION = re.compile(r"\[(@[^\]]*)\]")
CITATION_KEY = re.compile(r"^@([a-z0-9][a-z0-9-]*)$")
# A placeholder for a settings value: `[[contact]]` (spaces inside the brackets allowed).
PLACEHOLDER = re.compile(r"\[\[[ \t]*([^\]\n]*?)[ \t]*\]\]")
# A cross-reference as validation reads it: any target, so an unknown or misspelt id can be named.
MODULE_REF = re.compile(r"\]\(module:([^)#\s]*)(?:#[^)\s]*)?\)")
# A well-formed cross-reference: (1) its words, (2) the module id, (3) an optional #anchor.
CROSS_REF = re.compile(r"\[([^\]]*)\]\(module:([a-z0-9-]+)(#[^)\s]*)?\)")
# A path link to another lesson ("../bias/") breaks where that lesson is hidden: validation asks for a
# cross-reference instead (group 1: the module id).
LESSON_PATH_LINK = re.compile(r"\]\(\s*\.\./([a-z0-9][a-z0-9-]*)/?(?:#[^)\s]*)?\)")
# An older relative link to another lesson ("../bias/"), rendered like a cross-reference.
_LESSON_PATH = re.compile(r"\[([^\]]*)\]\(\.\./([a-z0-9-]+)/?(?:index\.md)?(#[^)]*)?\)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def md_escape(text: str) -> str:
    """Text shown literally inside the course markup (settings values, labels)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


# ------------------------------------------------------------------------------------------------------------
# Citations
# ------------------------------------------------------------------------------------------------------------

def citation_keys(body: str) -> list[str | None]:
    """The keys of one citation's body ("@a; @b"), None for a part that is not a key."""
    keys: list[str | None] = []
    for part in body.split(";"):
        m = CITATION_KEY.match(part.strip())
        keys.append(m.group(1) if m else None)
    return keys


def citations_in(text: str) -> list[str]:
    """Every source key cited in `text`, in order."""
    return [k for match in CITATION.finditer(text or "") for k in citation_keys(match.group(1)) if k]


def cite(text: str, sources: dict, sources_link: str | None) -> str:
    """Turn [@key; @key2] into short references, linked to `sources_link`#src-key unless it is None ("" links
    to the page's own source list)."""
    def one(key: str) -> str:
        src = sources.get(key)
        label = md_escape(src.short if src else key)
        return f"[{label}]({sources_link}#src-{key})" if sources_link is not None else label

    def repl(match) -> str:
        return "(" + "; ".join(one(k) for k in citation_keys(match.group(1)) if k) + ")"

    return CITATION.sub(repl, text or "")


def plain_cite(text: str, sources: dict) -> str:
    """Citations as short references in plain text (for HTML made elsewhere, such as a chart's caption)."""
    def repl(m) -> str:
        keys = [p.strip().lstrip("@") for p in m.group(1).split(";")]
        return "(" + "; ".join(sources[k].short if k in sources else k for k in keys) + ")"
    return CITATION.sub(repl, text or "")


def strip_citations(text: str) -> str:
    """`text` without its citations."""
    return CITATION.sub("", text or "")


# ------------------------------------------------------------------------------------------------------------
# Placeholders
# ------------------------------------------------------------------------------------------------------------

def placeholders(text: str) -> Iterator[re.Match]:
    """Each placeholder in `text`; group 1 is its name."""
    return PLACEHOLDER.finditer(text or "")


def fill_placeholders(text: str, value: Callable[[re.Match], str]) -> str:
    """`text` with each placeholder replaced by `value(match)`."""
    return PLACEHOLDER.sub(value, text)


# ------------------------------------------------------------------------------------------------------------
# Links
# ------------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Link:
    """One inline link `[label](destination "title")` as written: offsets into the text it was found in."""

    start: int  # the opening bracket
    end: int  # after the closing parenthesis
    label: str  # the label as written (Markdown)
    destination: str  # as written
    dest_start: int
    dest_end: int

    @property
    def relative(self) -> bool:
        """A link to another file of the site, written relative to the page it is on."""
        return bool(self.destination) and not (_SCHEME.match(self.destination)
                                               or self.destination.startswith(("#", "/")))


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


_SIMPLE_LINK_END = re.compile(r"([^\s()<>\\\x00-\x1f\x7f]+)\)")
_MARK = re.compile(r"\\|`+|\[")


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\n":
        pos += 1
    return pos


def links(text: str) -> list[Link]:
    """Every inline link (and image) in `text`, found with markdown-it-py's CommonMark link grammar. Code
    spans and backslash-escaped brackets are skipped; reference-style links have no destination here."""
    found: list[Link] = []
    if "](" not in text:
        return found
    state = StateInline(text, _parser(), {}, [])
    pos, size = 0, len(text)
    while True:
        next_mark = _MARK.search(text, pos)  # only a backslash, a backtick or a bracket can change anything
        if next_mark is None:
            break
        pos, ch = next_mark.start(), next_mark.group(0)
        if ch == "\\":
            pos += 2
            continue
        if ch[0] == "`":
            close = re.compile(r"(?<!`)" + ch + r"(?!`)").search(text, pos + len(ch))
            pos = close.end() if close else pos + len(ch)
            continue
        state.pos, state.posMax = pos, size
        label_end = parseLinkLabel(state, pos, True)
        if label_end < 0 or label_end + 1 >= size or text[label_end + 1] != "(":
            pos += 1
            continue
        at = label_end + 2
        simple = _SIMPLE_LINK_END.match(text, at)  # most links: a plain destination, then ")"
        if simple:
            found.append(Link(pos, simple.end(), text[pos + 1:label_end], simple.group(1), at, simple.end(1)))
            pos = simple.end()
            continue
        at = _skip_space(text, at)
        if at < size and text[at] == ")":  # an empty destination: a link to the page itself
            found.append(Link(pos, at + 1, text[pos + 1:label_end], "", at, at))
            pos = at + 1
            continue
        dest = parseLinkDestination(text, at, size)
        if not dest.ok:
            pos += 1
            continue
        after = _skip_space(text, dest.pos)
        if after < size and after > dest.pos and text[after] in "\"'(":
            title = parseLinkTitle(text, after, size, None)
            if title.ok:
                after = _skip_space(text, title.pos)
        if after >= size or text[after] != ")":
            pos += 1
            continue
        found.append(Link(pos, after + 1, text[pos + 1:label_end], text[at:dest.pos], at, dest.pos))
        pos = after + 1
    return found


def rewrite_links(text: str, change: Callable[[Link], str | None]) -> str:
    """`text` with each link replaced by `change(link)`, or kept where it returns None."""
    out, last = [], 0
    for link in links(text):
        new = change(link)
        if new is not None:
            out += [text[last:link.start], new]
            last = link.end
    return "".join(out) + text[last:] if out else text


def unlink(text: str, keep: Callable[[Link], bool] = lambda link: False) -> str:
    """`text` with each link that `keep` does not keep turned into its label (plain words)."""
    return rewrite_links(text, lambda link: None if keep(link) else link.label)


def rebase(text: str, folder: str) -> str:
    """Links written for a page in `folder` (such as "bias/", a lesson's folder in its track), rewritten for a
    page one level up, in the track's folder: "../sources.md#src-x" becomes "sources.md#src-x" and
    "handout.md" "bias/handout.md". Web addresses, mailto: and #anchors are left as they are."""
    def change(link: Link) -> str | None:
        if not link.relative:
            return None
        path, sep, anchor = link.destination.partition("#")
        moved = posixpath.normpath(posixpath.join(folder, path)) if path else ""
        moved += "/" if path.endswith("/") and not moved.endswith("/") else ""
        return (text[link.start:link.dest_start] + moved + sep + anchor + text[link.dest_end:link.end])
    return rewrite_links(text, change)


# ------------------------------------------------------------------------------------------------------------
# Cross-references
# ------------------------------------------------------------------------------------------------------------

# A sentence ends at . ! or ? (closing quotes, brackets or emphasis may follow) before a capital, a link or
# emphasis; "U.S. science agency" does not end one. A list item starts a new line with a marker.
_SENTENCE_END = re.compile(r"(?<=[.!?])([\"'”’)*_]*)[ \t\n]+(?=[A-Z\[*\"“(])")
_ITEM_START = re.compile(r"\n(?=[ \t]*(?:[-*+]|\d+[.)])[ \t])")
_ITEM_MARKER = re.compile(r"[ \t]*(?:[-*+]|\d+[.)])[ \t]+")


def module_links(text: str, in_track, known, base: str = "../") -> str:
    """Cross-references to another lesson, `[text](module:id)`, become links to its page in this track
    (`base` is the way from the page to the track's folder: "../" from a lesson, "" from the track's own
    pages); where the track does not have that lesson (`in_track`: the ids it has), the sentence that refers
    to it is removed, so no sentence points at nothing. Older relative links (`../bias/`) become plain text
    in that case when `known` (every module id) has the target."""
    if "](module:" not in text and "](../" not in text:
        return text
    if "](module:" in text:
        text = drop_sentences(text, lambda ref: ref not in in_track)
        text = CROSS_REF.sub(lambda m: f"[{m.group(1)}]({base}{m.group(2)}/index.md{m.group(3) or ''})", text)

    def repl(m):
        target = m.group(2)
        if target in in_track:
            return f"[{m.group(1)}]({base}{target}/index.md{m.group(3) or ''})"
        return m.group(1) if target in known else m.group(0)  # a lesson this track lacks: plain text
    return _LESSON_PATH.sub(repl, text)


def drop_sentences(text: str, unwanted) -> str:
    """`text` without every sentence that refers to a module for which `unwanted(module_id)` is true. A list
    item left with no sentence goes too; untouched paragraphs and items keep their exact text."""
    def bad(part: str) -> bool:
        return any(unwanted(m.group(2)) for m in CROSS_REF.finditer(part))

    out = []
    for para in re.split(r"(\n[ \t]*\n)", text):  # paragraphs, and the blank lines between them
        if not bad(para):
            out.append(para)
            continue
        if para.lstrip().startswith("|"):  # a table: a cell keeps its words, without the link
            out.append(CROSS_REF.sub(lambda m: m.group(1) if unwanted(m.group(2)) else m.group(0), para))
            continue
        items = []
        for item in _ITEM_START.split(para):
            if not bad(item):
                items.append(item)
                continue
            lead = _ITEM_MARKER.match(item)
            body = item[lead.end():] if lead else item
            kept = [s for s in split_sentences(body) if not bad(s)]
            if kept and not all(re.fullmatch(r"\*\*[^*]+\*\*", k.strip()) for k in kept):  # not a bare lead-in
                items.append((lead.group(0) if lead else "") + " ".join(kept))
        out.append("\n".join(items))
    return "".join(out)


def split_sentences(text: str) -> list[str]:
    sentences, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        sentences.append(text[start:m.start()] + m.group(1))
        start = m.end()
    sentences.append(text[start:])
    return [s for s in sentences if s.strip()]
