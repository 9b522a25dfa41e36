"""Shared parts of the two-page products (the legislators' brief and the trustees' board briefing): law tables,
claim-and-answer lists, the publisher line, and the page and PDF wrappers. Each product's own file decides what
goes in it."""

from __future__ import annotations

import html

from ..view.lesson import fill_deep
from .handout import qr_svg
from .pages import Page, cite, fragment, front_matter, md_escape
from .print_credit import credit

QUOTES = "“”\""
LAW_COLUMNS = ("two_pager.col_where", "two_pager.col_law", "two_pager.col_covers", "two_pager.col_binds",
               "two_pager.col_checked")  # catalog keys of the law table's column heads


def notice_md(ui) -> str:
    """The bold "Not legal advice." lead and the rest of the notice, for the web page."""
    return f"**{ui('two_pager.not_legal_advice')}** {ui('two_pager.notice')}"


def filled(value, course):
    """Placeholders filled in a string or, recursively, in lists and mappings."""
    return fill_deep(value, course.settings)


def page_url(course, path: str) -> str:
    """The absolute address of a page (`legislators/brief/`), or "" without `site_url`."""
    site = course.settings.site_url
    return site.rstrip("/") + "/" + path if site else ""


def publisher_line(course, module, ui) -> str:
    return ui("two_pager.publisher", site_name=course.settings.site_name, version=module.version,
              date=ui.page_date(module.last_reviewed()))


# ---- Markdown (the web page) ---------------------------------------------------------------------------------

def md_cite(text: str, course) -> str:
    return cite(text or "", course.sources, "../sources.md").strip()


def law_table_md(laws: list, course, ui) -> str:
    rows = ["| " + " | ".join(ui(k) for k in LAW_COLUMNS) + " |", "|" + "---|" * len(LAW_COLUMNS)]
    for law in laws:
        cells = [law["where"], law["law"], law["covers"], law["binds"], law["checked"]]
        rows.append("| " + " | ".join(" ".join(md_cite(c, course).split()).replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows) + "\n\n"


def qa_md(items: list, course) -> str:
    return "".join(f"- **“{md_escape(i['claim'].strip(QUOTES))}”** {md_cite(i['answer'], course)}\n"
                   for i in items) + "\n"


def bullets_md(items: list, course, numbered: bool = False) -> str:
    return "".join(f"{f'{n}.' if numbered else '-'} {md_cite(x, course)}\n" for n, x in enumerate(items, 1)) + "\n"


def pdf_links(page: Page, folder_rel: str, stem: str, ui) -> str:
    e = html.escape
    return fragment(page, f'<p class="course-pdf-links"><strong>{e(ui("two_pager.print_it"))}</strong> '
                    f'<a href="{e(folder_rel)}/{e(stem)}-letter.pdf">'
                    f'{e(ui("handout.pdf_link", paper=ui("paper.letter")))}</a> · '
                    f'<a href="{e(folder_rel)}/{e(stem)}-a4.pdf">{e(ui("handout.pdf_link", paper=ui("paper.a4")))}</a> '
                    f'{e(ui("two_pager.two_pages"))}</p>')


def start_page(path: str, title: str, description: str, audience_id: str, kind: str) -> tuple[Page, list]:
    page = Page(path, "", title)
    # A two-page print product restates its track's lessons, which the search index already holds.
    return page, [front_matter({"title": title, "description": description, "search": {"exclude": True},
                                "course": {"audience": audience_id, "kind": kind}}), f"# {md_escape(title)}\n\n"]


# ---- HTML (the PDF) ------------------------------------------------------------------------------------------

def md_html(text: str, course) -> str:
    from .print_html import markdown_html

    return markdown_html(text, course)


def law_table_html(laws: list, course, ui) -> str:
    e = html.escape
    head = "".join(f'<th scope="col">{e(ui(c))}</th>' for c in LAW_COLUMNS)
    body = "".join("<tr>" + "".join(f"<td>{md_html(law[k], course)}</td>"
                                    for k in ("where", "law", "covers", "binds", "checked")) + "</tr>" for law in laws)
    return f'<table class="brief-laws"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def qa_html(items: list, course) -> str:
    e = html.escape
    return '<dl class="brief-qa">' + "".join(
        f"<dt>“{e(i['claim'].strip(QUOTES))}”</dt><dd>{md_html(i['answer'], course)}</dd>" for i in items) + "</dl>"


def list_html(items: list, course, numbered: bool = False, cls: str = "") -> str:
    tag = "ol" if numbered else "ul"
    return f'<{tag} class="{cls}">' + "".join(f"<li>{md_html(x, course)}</li>" for x in items) + f"</{tag}>"


def document(course, module, audience, title: str, lead: str, blocks: list, page_path: str) -> str:
    """The complete HTML of a two-page product."""
    from .print_html import _env

    url = page_url(course, page_path)
    ui = course.ui(audience)
    return _env().get_template("brief.html").render(
        ui=ui, title=title, lead=md_html(lead, course), notice=ui("two_pager.notice"), blocks=blocks,
        qr=qr_svg(url, ui("handout.qr_title")) if url else "",
        publisher=publisher_line(course, module, ui) + " " + (
            ui("two_pager.online", url=url) if url else
            ui("two_pager.online_path", track=audience.name.lower(), path=f"/{page_path}")),
        credit=credit(course, module, title, audience.name, ui))
