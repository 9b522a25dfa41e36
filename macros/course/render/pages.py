"""Generated pages: what every renderer returns and the adapter writes into the site."""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field

import yaml

from ..markup import md_escape
from ..text_checks import CITATION, CITATION_KEY


@dataclass
class Page:
    """One generated Markdown page, its trusted HTML fragments and its place in the navigation."""

    path: str  # relative to docs/, e.g. "staff/how-fr-works/index.md"
    markdown: str
    title: str
    fragments: dict = field(default_factory=dict)  # token -> trusted HTML, swapped in after Markdown
    in_search: bool = True


def front_matter(meta: dict) -> str:
    """YAML front matter, written with safe_dump (never string formatting). Macros never render these pages."""
    meta = {"render_macros": False, **meta}
    if "title" in meta:
        meta["title"] = escape_title(meta["title"])
    if "description" in meta:  # Material writes it into <meta name="description" content="..."> as is
        meta["description"] = html.escape(meta["description"], quote=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter: 10x faster, same output rules
    return "---\n" + yaml.dump(meta, Dumper=dumper, sort_keys=False, allow_unicode=True) + "---\n\n"


def escape_title(title: str) -> str:
    """MkDocs and Material print page titles unescaped in <title> and the nav: escape them here."""
    return html.escape(title, quote=False)




def cite(text: str, sources: dict, sources_link: str | None) -> str:
    """Turn [@key; @key2] into short references, linked to the track's sources page when a link is given."""
    def one(key: str) -> str:
        src = sources.get(key)
        label = md_escape(src.short if src else key)
        return f"[{label}]({sources_link}#src-{key})" if sources_link else label

    def repl(match) -> str:
        keys = [m.group(1) for m in (CITATION_KEY.match(p.strip()) for p in match.group(1).split(";")) if m]
        return "(" + "; ".join(one(k) for k in keys) + ")"

    return CITATION.sub(repl, text or "")


def fragment(page: Page, html_text: str) -> str:
    """Register trusted HTML (a chart, a QR code) and return the paragraph token that stands for it."""
    token = "CRSFRAG" + hashlib.sha1(html_text.encode()).hexdigest()[:16]
    page.fragments[token] = html_text
    return f"\n\n{token}\n\n"
