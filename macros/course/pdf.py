"""PDF handouts and packs, written after the build by WeasyPrint, without a browser.

For every published audience whose formats include `handout` and `pdf`, and every lesson of its track, this
writes one handout PDF per paper size, plus the track's pack (every handout in one file):

    site/<audience>/pdf/<audience>-<module>-letter.pdf    site/<audience>/pdf/<audience>-handouts-letter.pdf
    site/<audience>/pdf/<audience>-<module>-a4.pdf        site/<audience>/pdf/<audience>-handouts-a4.pdf

The PDFs come from a purpose-built template (`print_templates/handout.html` and its CSS), never from
Material's pages, which WeasyPrint cannot render. Content is `render_handout.handout_content`, the same as
the handout page. A handout that runs over `audience.handout_pages_max` on either paper is re-rendered with
`compact.css`, then with fewer key terms; if it still runs over, a warning names it (a `--strict` build fails).

Skip PDFs for a quick `mkdocs serve` or build with the environment variable `COURSE_PDF=0` (`scripts/dev
serve` does so by default), or for good with `pdf: false` in the course settings.
"""

from __future__ import annotations

import copy
import logging
import re
import time
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt

from .pages import cite
from .render_handout import PAPERS, contact_line, handout_content, legal_note, pdf_name, qr_svg

log = logging.getLogger("mkdocs.plugins.course.pdf")  # under mkdocs.*: warnings count for --strict
TEMPLATES = Path(__file__).resolve().parent / "print_templates"
_MD = MarkdownIt("commonmark", {"html": False})
_RELATIVE_LINK = re.compile(r"\[([^\]]*)\]\((?!https?://)[^)]*\)")


@lru_cache(maxsize=1)
def _env():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined)


@lru_cache(maxsize=1)
def _styles():
    """Parsed stylesheets and one font configuration, shared by every render of the build."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    sheet = {name: CSS(filename=str(TEMPLATES / f"{name}.css"), font_config=fonts)
             for name in ("handout", "compact", "letter", "a4")}
    return fonts, sheet


def markdown_html(text: str, course) -> str:
    """Module Markdown as safe HTML: short plain references, raw HTML escaped, links inside the site unlinked."""
    text = cite(text or "", course.sources, None)
    text = _RELATIVE_LINK.sub(r"\1", text).strip()
    if "\n\n" not in text and not re.match(r"([-*+]|\d+[.)]|#+|>)\s", text):
        return _MD.renderInline(text)  # one paragraph: inline, so it sits beside a bullet or a term
    return _MD.render(text).strip()


def handout_html(content, course, audience) -> str:
    """The print template filled for one handout (a complete HTML document)."""
    md = lambda t: markdown_html(t, course)  # noqa: E731
    return _env().get_template("handout.html").render(
        h=content, audience_name=audience.name, site_name=course.settings.site_name,
        qr=qr_svg(content.lesson_url) if content.lesson_url else "",
        summary=md(content.summary) if content.summary else "",
        key_points=[md(x) for x in content.key_points], actions=[md(x) for x in content.actions],
        terms=[(t.term, md(d)) for t, d in content.terms], sources=[s.short for s in content.sources],
        contact=contact_line(content), legal=legal_note(content),
        licence=f"From “{course.settings.site_name}”. Course content CC BY 4.0.")


def render_document(content, course, audience, paper: str, compact: bool = False):
    """A rendered WeasyPrint document for one handout on one paper ("letter" or "a4")."""
    from weasyprint import HTML

    fonts, sheet = _styles()
    sheets = [sheet["handout"], *([sheet["compact"]] if compact else []), sheet[paper]]
    return HTML(string=handout_html(content, course, audience), base_url=str(TEMPLATES)).render(
        stylesheets=sheets, font_config=fonts)


def fit_handout(view, course, paper: str):
    """Render one handout within its page limit if possible: normal, then compact, then with fewer terms."""
    audience = view.audience
    content = handout_content(view, course)
    limit = content.pages_max
    doc = render_document(content, course, audience, paper)
    if len(doc.pages) <= limit:
        return doc, content
    doc = render_document(content, course, audience, paper, compact=True)
    while len(doc.pages) > limit and content.terms:
        content = replace(content, terms=content.terms[:-1], terms_left_out=content.terms_left_out + 1)
        doc = render_document(content, course, audience, paper, compact=True)
    return doc, content


def write_pdfs(output, site_dir, texts: dict | None = None) -> dict:
    """Write every handout PDF and pack; return {path relative to site_dir: page count}.

    With `texts`, also record each handout's laid-out text there (for the output guard)."""
    course = output.course
    site_dir = Path(site_dir)
    started = time.perf_counter()
    written: dict = {}
    if not course.settings.pdf:
        return written
    for audience in course.published_audiences():
        views = output.tracks.get(audience.id) or []
        if not views or "pdf" not in audience.formats or "handout" not in audience.formats:
            continue
        folder = site_dir / audience.id / "pdf"
        folder.mkdir(parents=True, exist_ok=True)
        for paper, label in PAPERS:
            docs = []
            for view in views:
                doc, content = fit_handout(view, course, paper)
                pages = len(doc.pages)
                if pages > content.pages_max:
                    log.warning(f"handout {audience.id}/{view.id} runs to {pages} pages on {label} paper; the limit "
                                f"for {audience.name.lower()} is {content.pages_max} (handout_pages_max): shorten "
                                f"the module's key points or actions for this audience")
                name = pdf_name(audience.id, view.id, paper)
                doc.write_pdf(folder / name)
                written[f"{audience.id}/pdf/{name}"] = pages
                if texts is not None:
                    from .output_guard import pdf_text
                    texts[f"{audience.id}/pdf/{name}"] = pdf_text(doc)
                docs.append(doc)
            pack = docs[0].copy([p for d in docs for p in d.pages])
            pack.metadata = copy.copy(docs[0].metadata)
            pack.metadata.title = f"{audience.name}: handouts ({label})"
            name = pdf_name(audience.id, None, paper)
            pack.write_pdf(folder / name)
            written[f"{audience.id}/pdf/{name}"] = len(pack.pages)
    log.info(f"PDF handouts: {len(written)} files in {time.perf_counter() - started:.1f} s")
    return written
