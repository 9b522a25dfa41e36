"""The trustees' board briefing: /trustees/briefing/ (a page) and two-page Letter and A4 PDFs, read in 15 minutes.

Its content is the `briefing:` block of a module in the trustees' track (upstream: trustees-policy.yml): what the
board must decide, the questions to ask a director or a vendor, the red flags in vendor claims, model policy
language (a starting point for counsel), and where the full track is. The track's landing page opens with it
(`start_with: briefing` in data/audiences.yml).
"""

from __future__ import annotations

from . import two_pager as tp
from .brief import source_module
from .handout import pdf_enabled
from .track import hours

# Catalog keys (data/ui/<language>.yml) of the link to the briefing, the landing page's opener and the sections.
LINK_LABEL, OPENER_TITLE, OPENER_TEXT = "briefing.link_label", "briefing.opener_title", "briefing.opener_text"
SECTION_KEYS = ("briefing.decide", "briefing.questions", "briefing.red_flags", "briefing.model_policy",
                "briefing.objections", "briefing.law", "briefing.full_track")


def page_link(audience) -> str:
    return "briefing/index.md"


def render(audience, views, course, product_cls):
    view = source_module(views, "briefing")
    if view is None:
        return None
    b = tp.filled(view.module.data["briefing"], course)
    aid = audience.id
    ui = course.ui(audience)
    SECTIONS = [ui(k) for k in SECTION_KEYS]
    minutes = sum(v.minutes for v in views)
    track_url = tp.page_url(course, f"{aid}/") or ui("briefing.track_path", audience=aid)
    track = ui("briefing.track", track=audience.name.lower(), n=len(views), time=hours(minutes, ui), url=track_url,
               titles="; ".join(v.title for v in views))
    page, out = tp.start_page(f"{aid}/briefing/index.md", b["title"], ui("briefing.description"), aid, "briefing")
    if pdf_enabled(course, audience):
        out.append(tp.pdf_links(page, "../pdf", f"{aid}-briefing", ui))
    out.append(f"{tp.notice_md(ui)} {tp.publisher_line(course, view.module, ui)}\n\n")
    out.append(f"## {SECTIONS[0]}\n\n" + tp.bullets_md(b["decide"], course, numbered=True))
    out.append(f"## {SECTIONS[1]}\n\n" + tp.bullets_md(b["questions"], course))
    out.append(f"## {SECTIONS[2]}\n\n" + tp.qa_md(b["red_flags"], course))
    out.append(f"## {SECTIONS[3]}\n\n**{ui('briefing.counsel')}**\n\n"
               + tp.bullets_md(b["model_policy"], course))
    if b.get("objections"):
        out.append(f"## {SECTIONS[4]}\n\n" + tp.qa_md(b["objections"], course))
    if b.get("laws"):
        out.append(f"## {SECTIONS[5]}\n\n" + tp.law_table_md(b["laws"], course, ui))
    out.append(f"## {SECTIONS[6]}\n\n" + ui(
        "briefing.full_track_line", track=f"[{tp.md_escape(audience.name)}](../index.md)", n=len(views),
        time=hours(minutes, ui), lessons="; ".join(f"[{tp.md_escape(v.title)}](../{v.id}/index.md)" for v in views))
        + "\n")
    page.markdown = "".join(out)

    def make() -> str:
        model = (f'<p class="brief-counsel">{tp.html.escape(ui("briefing.counsel"), quote=False)}</p>'
                 + tp.list_html(b["model_policy"], course, cls="brief-model"))
        first = [{"title": SECTIONS[0], "html": tp.list_html(b["decide"], course, numbered=True), "cls": ""},
                 {"title": SECTIONS[1], "html": tp.list_html(b["questions"], course), "cls": ""},
                 {"title": SECTIONS[2], "html": tp.qa_html(b["red_flags"], course), "cls": ""}]
        second = [{"title": SECTIONS[3], "html": model, "cls": "brief-box"}]
        if b.get("objections"):
            second.append({"title": SECTIONS[4], "html": tp.qa_html(b["objections"], course), "cls": ""})
        second.append({"title": SECTIONS[6], "html": f"<p>{tp.html.escape(track)}</p>", "cls": ""})
        blocks: list[dict[str, object]] = [{"sections": first}]
        if b.get("laws"):
            blocks.append({"wide": True, "title": SECTIONS[5], "html": tp.law_table_html(b["laws"], course, ui)})
        blocks.append({"sections": second})
        lead = b.get("lead") or ui("briefing.lead")
        return tp.document(course, view.module, audience, b["title"], lead, blocks, f"{aid}/briefing/")

    product = product_cls(f"{aid}/pdf", f"{aid}-briefing", ui("briefing.product", path=f"{aid}/pdf/{aid}-briefing"),
                          make, "brief", f"{view.module.path} (briefing)", pages=2)
    return page, product
