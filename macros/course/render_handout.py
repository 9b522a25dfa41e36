"""Handouts: one module for one audience, on paper. Learner content only; never facilitator notes or answers.

A handout holds the lesson's key points, what to do (actions), key terms, short source references, the
library's contact line (course settings `organization` and `contact`) and a way back to the online lesson:
a QR code (drawn here with segno, no tracking parameters) and a short printed address. When the settings give
no `site_url`, the handout prints only the site-relative path of the lesson (for example
`/patrons/how-fr-works/`) and no QR code, since a code that cannot be scanned to a real address is no use.

The same content (`handout_content`) feeds two outputs, so they cannot drift apart:

- the handout page at `/<audience>/<module>/handout/` (generated Markdown, printed by a browser with
  `docs/assets/print.css`);
- the PDFs, rendered without a browser by `pdf.py` from `print_templates/handout.html`.

A handout must fit `audience.handout_pages_max` pages on US Letter and on A4. Key points, actions, the contact
line and the address always print; key terms are added in order of relevance (terms the key points and actions
use first) while an estimate of the printed lines says they fit, and the rest are left to the online glossary.
`pdf.py` measures the real page count and warns (failing a `--strict` build) if a handout still runs over.
"""

from __future__ import annotations

import functools
import html
import math
import os
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .pages import Page, cite, fragment, front_matter, md_escape
from .render_lesson import module_links
from .text_checks import CITATION, citations_in

# Line budget (see module docstring), for DejaVu Sans 11.5 pt, the widest of the fonts the styles name, on the
# narrower of the two papers (A4 text width) and the shorter (Letter text height). Checked on the real course in
# both renderers: every handout fits at 50 lines a page; at 55 one handout ran over in Chromium (Material's page).
CHARS_PER_LINE = 78
LINES_PER_PAGE = 50
HEADER_LINES = 10  # title, summary, QR code and address
FOOTER_LINES = 4  # contact line and licence
HEADING_LINES = 2.2
ITEM_GAP = 0.35


@dataclass
class HandoutContent:
    """What one handout prints: Markdown strings (module text) and plain strings (settings, labels)."""

    audience_id: str
    module_id: str
    title: str
    summary: str
    key_points: list
    actions: list
    terms: list  # (Term, definition)
    terms_left_out: int
    sources: list  # Source, cited by what the handout prints
    lesson_path: str  # site-relative, e.g. /patrons/how-fr-works/
    lesson_url: str  # absolute, or "" when the settings give no site_url
    organization: str
    contact: str
    pages_max: int
    extra: dict = field(default_factory=dict)

    @property
    def printed_url(self) -> str:
        """The address printed under the QR code: short (no scheme, no `www.`), or the site-relative path."""
        if not self.lesson_url:
            return self.lesson_path
        parts = urlsplit(self.lesson_url)
        host = parts.netloc[4:] if parts.netloc.startswith("www.") else parts.netloc
        return host + parts.path


def lesson_url(site_url: str, audience_id: str, module_id: str) -> str:
    """The lesson's absolute address (directory URLs), with nothing added: no tracking parameters."""
    if not site_url:
        return ""
    return site_url.rstrip("/") + f"/{audience_id}/{module_id}/"


def _plain_len(text: str) -> int:
    text = CITATION.sub("(ref 2019)", text or "")
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return len(re.sub(r"[*_`\[\]]", "", text))


def _lines(text: str, indent: int = 0) -> float:
    return math.ceil(max(1, _plain_len(text)) / (CHARS_PER_LINE - indent)) + ITEM_GAP


@functools.lru_cache(maxsize=4096)
def _name_pattern(names: tuple) -> re.Pattern:
    """One compiled pattern for a term and its other names (built once per term, not once per handout)."""
    return re.compile(r"(?<![a-z])(?:" + "|".join(re.escape(n.lower()) for n in names if n) + r")(?![a-z])")


def _mentions(text: str, term) -> bool:
    names = tuple(n for n in (term.term, *term.also_called) if n)
    return bool(names) and bool(_name_pattern(names).search(text.lower()))


def handout_content(view, course) -> HandoutContent:
    """Choose what the handout prints so that it fits its page limit (see the module docstring)."""
    s = course.settings
    aid, mid = view.audience.id, view.id
    pages_max = max(1, int(view.audience.handout_pages_max or 1))
    budget = pages_max * LINES_PER_PAGE - HEADER_LINES - FOOTER_LINES
    used = _lines(view.summary) - 2  # the summary shares the header block
    used += HEADING_LINES + sum(_lines(x, 3) for x in view.key_points)
    if view.actions:
        used += HEADING_LINES + sum(_lines(x, 3) for x in view.actions)
    used += HEADING_LINES + 2  # sources paragraph (estimated below, at least two lines)

    said = "\n".join([view.summary, *view.key_points, *view.actions])
    ranked = sorted(enumerate(view.terms), key=lambda t: (not _mentions(said, t[1][0]), t[0]))
    chosen, left_out = [], 0
    terms_used = HEADING_LINES
    for _, (term, definition) in ranked:
        cost = _lines(f"{term.term}: {definition}")
        if used + terms_used + cost <= budget:
            chosen.append((term, definition))
            terms_used += cost
        else:
            left_out += 1
    order = {t.id: n for n, (t, _) in enumerate(view.terms)}
    chosen.sort(key=lambda td: order[td[0].id])
    if left_out:
        terms_used += 1

    printed = "\n".join([said, *(d for _, d in chosen)])
    keys = list(dict.fromkeys(citations_in(printed)))
    sources = [course.sources[k] for k in keys if k in course.sources]
    return HandoutContent(aid, mid, view.title, view.summary, list(view.key_points), list(view.actions), chosen,
                          left_out, sources, f"/{aid}/{mid}/", lesson_url(s.site_url, aid, mid),
                          str(s.organization or ""), str(s.contact or ""), pages_max)


def qr_svg(url: str) -> str:
    """The QR code for `url` as inline SVG (segno, medium error correction). Trusted HTML: built here."""
    import segno

    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(scale=1, border=2, omitsize=True, svgclass="course-qr",
                           title="QR code: link to the online lesson")


def legal_note(content: HandoutContent) -> str:
    """The not-legal-advice notice, for a handout that cites a law, ruling or settlement."""
    from .render_lesson import LEGAL_NOTICE

    return LEGAL_NOTICE if any(getattr(src, "legal", False) for src in content.sources) else ""


def contact_line(content: HandoutContent) -> str:
    """Plain text: who to ask at the reader's library."""
    org, contact = content.organization.strip(), content.contact.strip()
    if org and contact and org.lower() in contact.lower():  # "your library's director" already names it
        return f"Questions? Ask {contact}."
    # The value opens a new sentence after "Questions?", so it starts with a capital letter.
    if org and contact:
        return f"Questions? {org[:1].upper()}{org[1:]}: {contact}"
    first = org or contact
    return f"Questions? {first[:1].upper()}{first[1:]}" if first else ""


def pdf_enabled(course, audience) -> bool:
    """Whether this build writes PDFs for `audience` (the same test `mkdocs_hooks.on_post_build` makes)."""
    return (os.environ.get("COURSE_PDF", "1") != "0" and bool(course.settings.pdf)
            and "pdf" in audience.formats and "handout" in audience.formats)


def pdf_name(audience_id: str, module_id: str | None, paper: str) -> str:
    """File name of a handout PDF (or of the track's pack when `module_id` is None), under /<audience>/pdf/."""
    return f"{audience_id}-{module_id}-{paper}.pdf" if module_id else f"{audience_id}-handouts-{paper}.pdf"


PAPERS = (("letter", "US Letter"), ("a4", "A4"))


def render_handout(view, course) -> Page:
    """The handout page: /<audience>/<module>/handout/. Designed for paper; see `docs/assets/print.css`."""
    content = handout_content(view, course)
    aid, mid = content.audience_id, content.module_id
    page = Page(f"{aid}/{mid}/handout.md", "", f"{view.title}: handout", in_search=False)

    def c(text: str) -> str:  # short, unlinked source references: this page is for paper
        return module_links(cite(text, course.sources, None), course, aid)

    out = [front_matter({"title": f"{view.title}: handout", "description": f"Printable handout: {view.title}",
                         "search": {"exclude": True},  # the lesson itself is what search should find
                         "course": {"audience": aid, "module": mid, "kind": "handout"}}),
           fragment(page, '<div class="course-handout" hidden></div>'),
           f"# {md_escape(view.title)}\n\n", fragment(page, back_link_html(content))]
    screen = "This page is made to be printed: use your browser's Print command."
    if pdf_enabled(course, view.audience):
        screen += " Print-ready PDFs (US Letter and A4) are listed on the [track overview](../index.md)."
    out.append(f"{screen} [Back to the lesson](index.md).\n{{: .course-screen-only }}\n\n")
    if content.summary:
        out.append(f"{c(content.summary).strip()}\n{{: .course-handout-summary }}\n\n")
    out += ["## Key points\n\n", *(f"- {c(x).strip()}\n" for x in content.key_points), "\n"]
    if content.actions:
        out += ["## What you can do\n\n", *(f"- {c(x).strip()}\n" for x in content.actions), "\n"]
    if content.terms:
        out.append("## Key terms\n\n")
        for term, definition in content.terms:
            out.append(f"- **{md_escape(term.term)}**: {c(definition).strip()}\n")
        out.append("\n")
        if content.terms_left_out:
            out.append("More terms are explained in the online glossary.\n\n")
    if content.sources:
        notice = legal_note(content)
        out.append("## Sources\n\n" + "; ".join(md_escape(src.short) for src in content.sources)
                   + ". Full references are on the online lesson." + (f" {notice}" if notice else "") + "\n\n")
    line = contact_line(content)
    if line:
        out.append(f"**{md_escape(line)}**\n{{: .course-handout-contact }}\n\n")
    page.markdown = "".join(out)
    return page


def back_link_html(content: HandoutContent) -> str:
    """The QR code and printed address of the online lesson (trusted HTML; every value escaped)."""
    e = html.escape
    if content.lesson_url:
        return ('<div class="course-handout-link">' + qr_svg(content.lesson_url)
                + f'<p>Read the full lesson online:<br><a href="{e(content.lesson_url)}">'
                + e(content.printed_url).replace("/", "/<wbr>") + "</a></p></div>")
    # No site_url: only the site-relative path, and no QR code (documented in the module docstring).
    return (f'<div class="course-handout-link"><p>Read the full lesson online at this address on the course '
            "site: <strong>" + e(content.lesson_path).replace("/", "/<wbr>") + "</strong></p></div>")


def add_pdf_links(page: Page, audience, views, course) -> None:
    """Append a "Print-ready PDFs" section to a track's landing page (`<audience>/index.md`).

    Links are trusted HTML (a fragment) because the PDFs are written after the build and so are not pages MkDocs
    could check; the landing page sits in `<audience>/` in both URL styles, so `pdf/...` resolves either way.
    """
    if not views or not pdf_enabled(course, audience):
        return
    e = html.escape
    aid = audience.id

    def links(module_id):
        return " · ".join(f'<a href="pdf/{pdf_name(aid, module_id, p)}">{label} (PDF)</a>' for p, label in PAPERS)

    rows = [f"<li><strong>All {len(views)} handouts in one file</strong>: {links(None)}</li>"]
    rows += [f"<li>{e(v.title)}: {links(v.id)}</li>" for v in views]
    limit = audience.handout_pages_max
    intro = (f"<p>One handout per lesson, at most {limit} page{'s' if limit > 1 else ''} each, "
             f"on US Letter or A4 paper.</p>")
    page.markdown = page.markdown.rstrip("\n") + "\n\n## Print-ready PDFs {#pdfs}\n\n" + fragment(
        page, f'<div class="course-pdfs">{intro}<ul>{"".join(rows)}</ul></div>')
