"""The print products' HTML: the print templates filled with module Markdown made safe for print.

WeasyPrint (export/pdf.py) turns these documents into PDFs; the renderers of two-page products and activity
materials build their documents here too, so no renderer depends on the exporter.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt
from markupsafe import Markup

from ..markup import cite, unlink
from .handout import legal_note, qr_svg

TEMPLATES = Path(__file__).resolve().parent / "print_templates"
_MD = MarkdownIt("commonmark", {"html": False})



@lru_cache(maxsize=1)
def _env():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["page_counter"] = page_counter_css
    return env


def page_counter_css(ui) -> Markup:
    """The printed page number in the catalog's words ("Page {page} of {pages}") as a CSS `content` value:
    `"Página " counter(page) " de " counter(pages)`. Catalog strings hold no `<`, so the <style> stays closed."""
    parts = []
    for piece in re.split(r"(\{page\}|\{pages\})", ui("print.page_of", page="{page}", pages="{pages}")):
        if piece in ("{page}", "{pages}"):
            parts.append(f"counter({piece[1:-1]})")
        elif piece:
            parts.append('"' + piece.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return Markup(" ".join(parts))



def markdown_html(text: str, course) -> str:
    """Module Markdown as safe HTML: short plain references, raw HTML escaped, links inside the site unlinked."""
    text = cite(text or "", course.sources, None)
    text = unlink(text, keep=lambda link: link.destination.startswith(("http://", "https://"))).strip()
    if "\n\n" not in text and not re.match(r"([-*+]|\d+[.)]|#+|>)\s", text):
        return _MD.renderInline(text)  # one paragraph: inline, so it sits beside a bullet or a term
    return _MD.render(text).strip()


def handout_html(content, course, audience) -> str:
    """The print template filled for one handout (a complete HTML document)."""
    from .handout import print_figure_html

    md = lambda t: markdown_html(t, course)  # noqa: E731
    material = [{"title": m.title, "kind": m.kind, "items": [md(x) for x in m.items],
                 "columns": m.columns or [content.ui("handout.log_date"), content.ui("handout.log_notes")],
                 "rows": max(1, m.rows or 4)} for m in content.material]
    return _env().get_template("handout.html").render(
        h=content, ui=content.ui, audience_name=audience.name, headline=md(content.headline),
        qr=qr_svg(content.lesson_url, content.ui("handout.qr_title")) if content.lesson_url else "",
        points=[md(x) for x in content.points], actions=[md(x) for x in content.actions], material=material,
        figure=print_figure_html(content.visual, course, content.ui) if content.visual is not None else "",
        terms=[(t.term, md(d)) for t, d in content.terms], sources=[s.short for s in content.sources],
        contact=content.contact, legal=legal_note(content))


