"""Shared parts of the two-page products (the legislators' brief and the trustees' board briefing): law tables,
claim-and-answer lists, the publisher line, and the page and PDF wrappers. Each product's own file decides what
goes in it."""

from __future__ import annotations

import html

from .pages import Page, cite, fragment, front_matter, md_escape
from .print_credit import credit
from .handout import qr_svg
from ..view.lesson import fill_deep

NOTICE = ("This is educational material, not legal advice. Laws change: each law line says where it applies, "
          "whom it binds and when it was checked. Model language here is a starting point for counsel.")
QUOTES = "“”\""
NOTICE_REST = NOTICE.split(". ", 1)[1]  # after the bold "Not legal advice." lead
LAW_COLUMNS = ("Where", "Law", "What it covers", "Whom it binds", "Checked")


def filled(value, course):
    """Placeholders filled in a string or, recursively, in lists and mappings."""
    return fill_deep(value, course.settings)


def page_url(course, path: str) -> str:
    """The absolute address of a page (`legislators/brief/`), or "" without `site_url`."""
    site = course.settings.site_url
    return site.rstrip("/") + "/" + path if site else ""


def publisher_line(course, module) -> str:
    s = course.settings
    line = (f"Published by the contributors of “{s.site_name}”. Version {module.version}; facts checked "
            f"{module.last_reviewed()}.")
    return line


# ---- Markdown (the web page) ---------------------------------------------------------------------------------

def md_cite(text: str, course) -> str:
    return cite(text or "", course.sources, "../sources.md").strip()


def law_table_md(laws: list, course) -> str:
    rows = ["| " + " | ".join(LAW_COLUMNS) + " |", "|" + "---|" * len(LAW_COLUMNS)]
    for law in laws:
        cells = [law["where"], law["law"], law["covers"], law["binds"], law["checked"]]
        rows.append("| " + " | ".join(" ".join(md_cite(c, course).split()).replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows) + "\n\n"


def qa_md(items: list, course) -> str:
    return "".join(f"- **“{md_escape(i['claim'].strip(QUOTES))}”** {md_cite(i['answer'], course)}\n" for i in items) + "\n"


def bullets_md(items: list, course, numbered: bool = False) -> str:
    return "".join(f"{f'{n}.' if numbered else '-'} {md_cite(x, course)}\n" for n, x in enumerate(items, 1)) + "\n"


def pdf_links(page: Page, folder_rel: str, stem: str) -> str:
    e = html.escape
    return fragment(page, '<p class="course-pdf-links"><strong>Print it:</strong> '
                    f'<a href="{e(folder_rel)}/{e(stem)}-letter.pdf">US Letter (PDF)</a> · '
                    f'<a href="{e(folder_rel)}/{e(stem)}-a4.pdf">A4 (PDF)</a> (exactly two pages)</p>')


def start_page(path: str, title: str, description: str, audience_id: str, kind: str) -> tuple[Page, list]:
    page = Page(path, "", title)
    # A two-page print product restates its track's lessons, which the search index already holds.
    return page, [front_matter({"title": title, "description": description, "search": {"exclude": True},
                                "course": {"audience": audience_id, "kind": kind}}), f"# {md_escape(title)}\n\n"]


# ---- HTML (the PDF) ------------------------------------------------------------------------------------------

def md_html(text: str, course) -> str:
    from .print_html import markdown_html

    return markdown_html(text, course)


def law_table_html(laws: list, course) -> str:
    e = html.escape
    head = "".join(f'<th scope="col">{e(c)}</th>' for c in LAW_COLUMNS)
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
    return _env().get_template("brief.html").render(
        title=title, lead=md_html(lead, course), notice=NOTICE_REST, blocks=blocks,
        qr=qr_svg(url) if url else "",
        publisher=publisher_line(course, module) + (f" Online: {url}" if url else
                                                    f" Online: the {audience.name.lower()} track of the course site, "
                                                    f"/{page_path}"),
        credit=credit(course, module, title, audience.name))
