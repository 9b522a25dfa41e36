"""The legislators' brief: /legislators/brief/ (a page) and two-page Letter and A4 PDFs.

Its content is the `brief:` block of a module in the legislators' track (upstream: legislators-brief.yml): what
facial recognition is in two sentences, the three strongest findings, the documented wrongful arrests, a table of
current law, model statutory language (a starting point for counsel), points for testimony, objections with
sourced answers, and the publisher, version, date and primary sources. The track's landing page opens with it
(`start_with: brief` in data/audiences.yml).
"""

from __future__ import annotations

from . import two_pager as tp
from .handout import pdf_enabled
from .lesson import source_line

# Catalog keys (data/ui/<language>.yml) of the link to the brief, the landing page's opener and the sections.
LINK_LABEL, OPENER_TITLE, OPENER_TEXT = "brief.link_label", "brief.opener_title", "brief.opener_text"
SECTION_KEYS = ("brief.what_it_is", "brief.findings", "brief.arrests", "brief.current_law", "brief.model_language",
                "brief.testimony", "brief.objections", "brief.primary_sources")


def page_link(audience) -> str:
    return "brief/index.md"


def source_module(views, key: str = "brief"):
    """The first lesson of the track whose module has the block."""
    return next((v for v in views if isinstance(v.module.data.get(key), dict)), None)


def render(audience, views, course, product_cls):
    view = source_module(views)
    if view is None:
        return None
    b = tp.filled(view.module.data["brief"], course)
    aid = audience.id
    ui = course.ui(audience)
    SECTIONS = [ui(k) for k in SECTION_KEYS]
    page, out = tp.start_page(f"{aid}/brief/index.md", b["title"], ui("brief.description"), aid, "brief")
    if pdf_enabled(course, audience):
        out.append(tp.pdf_links(page, "../pdf", f"{aid}-brief", ui))
    out.append(f"{tp.notice_md(ui)} {tp.publisher_line(course, view.module, ui)}\n\n")
    out.append(f"## {SECTIONS[0]}\n\n{tp.md_cite(b['what_it_is'], course)}\n\n")
    out.append(f"## {SECTIONS[1]}\n\n" + tp.bullets_md(b["findings"], course, numbered=True))
    out.append(f"## {SECTIONS[2]}\n\n" + "".join(
        f"- **{tp.md_escape(c['name'])}** ({tp.md_escape(c['date'])}): {tp.md_cite(c['what'], course)} "
        f"*{ui('two_pager.outcome')}* {tp.md_cite(c['outcome'], course)}\n" for c in b["cases"]) + "\n")
    out.append(f"## {SECTIONS[3]}\n\n" + tp.law_table_md(b["laws"], course, ui))
    out.append(f"## {SECTIONS[4]}\n\n**{ui('brief.counsel')}**\n\n"
               + "".join(f"> {tp.md_cite(x, course)}\n>\n" for x in b["model_language"]).rstrip(">\n") + "\n\n")
    out.append(f"## {SECTIONS[5]}\n\n" + tp.bullets_md(b["testimony"], course))
    out.append(f"## {SECTIONS[6]}\n\n" + tp.qa_md(b["objections"], course))
    out.append(f"## {SECTIONS[7]}\n\n" + "".join(f"- {source_line(course.sources[k])}\n" for k in b["primary_sources"]
                                                 if k in course.sources) + "\n")
    out.append(ui("brief.full_track", track=f"[{tp.md_escape(audience.name)}](../index.md)") + "\n")
    page.markdown = "".join(out)

    def make() -> str:
        e = tp.html.escape
        cases = "<ul class=\"brief-cases\">" + "".join(
            f"<li><strong>{e(c['name'])}</strong> ({e(c['date'])}): {tp.md_html(c['what'], course)} "
            f"<em>{e(ui('two_pager.outcome'))}</em> {tp.md_html(c['outcome'], course)}</li>"
            for c in b["cases"]) + "</ul>"
        sources = '<ul class="brief-sources">' + "".join(
            f"<li>{e(_source_text(course.sources[k]))}</li>"
            for k in b["primary_sources"] if k in course.sources) + "</ul>"
        model = (f'<p class="brief-counsel">{e(ui("brief.counsel"))}</p>'
                 + tp.list_html(b["model_language"], course, cls="brief-model"))
        blocks = [
            {"sections": [{"title": SECTIONS[1], "html": tp.list_html(b["findings"], course, numbered=True), "cls": ""},
                          {"title": SECTIONS[2], "html": cases, "cls": ""}]},
            {"wide": True, "title": SECTIONS[3], "html": tp.law_table_html(b["laws"], course, ui)},
            {"sections": [{"title": SECTIONS[4], "html": model, "cls": "brief-box"},
                          {"title": SECTIONS[5], "html": tp.list_html(b["testimony"], course), "cls": ""},
                          {"title": SECTIONS[6], "html": tp.qa_html(b["objections"], course), "cls": ""},
                          {"title": SECTIONS[7], "html": sources, "cls": ""}]},
        ]
        lead = f"**{SECTIONS[0]}.** {b['what_it_is']}"
        return tp.document(course, view.module, audience, b["title"], lead, blocks, f"{aid}/brief/")

    product = product_cls(f"{aid}/pdf", f"{aid}-brief", ui("brief.product", path=f"{aid}/pdf/{aid}-brief"), make,
                          "brief", f"{view.module.path} (brief)", pages=2)
    return page, product


def _source_text(s) -> str:
    """One line on paper: short reference, title and publisher (full entries, with links, are online)."""
    return f"{s.short}: {s.title.strip(chr(34))}. {s.publisher}."
