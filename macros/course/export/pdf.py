"""PDF handouts and packs, written after the build by WeasyPrint, without a browser.

For every published audience whose formats include `handout` and `pdf`, and every lesson of its track, this
writes one handout PDF per paper size, plus the track's pack (every handout in one file):

    site/<audience>/pdf/<audience>-<module>-letter.pdf    site/<audience>/pdf/<audience>-handouts-letter.pdf
    site/<audience>/pdf/<audience>-<module>-a4.pdf        site/<audience>/pdf/<audience>-handouts-a4.pdf

The PDFs come from a purpose-built template (`print_templates/handout.html` and its CSS), never from
Material's pages, which WeasyPrint cannot render. Content is `render_handout.handout_content`, the same as
the handout page. A handout that runs over `audience.handout_pages_max` on either paper is re-rendered with
`compact.css`, then with fewer key terms, then without its figure (a one-page sheet that fits with room to
spare is printed with `roomy.css` or `roomy-mid.css` instead, larger type rather than a blank half page); if it
still runs over, a warning names it (a `--strict` build fails).

The build's other print products (`output.products`: the legislators' brief, the trustees' board briefing,
activity materials) are written the same way, each on both papers, into the folder the product names. A
product with an exact page count (the two-page brief and briefing) or a page limit that it misses is a
warning. Every product's text is checked for left-over placeholders and template code before it is written.

Skip PDFs for a build with the plugin option `pdf: false` in mkdocs.yml or, for a quick `mkdocs serve` or build,
the environment variable `COURSE_PDF=0` (`scripts/dev serve` does so by default); or for good with `pdf: false`
in the course settings. Nothing here logs: the problems found are handed back to the caller (the MkDocs plugin
logs them as warnings, which fail a `--strict` build).

The PDFs are made in parallel, one process per core: each track on each paper (its handouts, then its pack) and
each product on each paper is one task. `jobs` sets the number of processes (the plugin option `pdf_jobs`, or
`COURSE_PDF_JOBS=N`; `1`: one by one, in the build's own process, as before). The files, their text, the
warnings (in the same order) and the errors (the same exception and message, raised in the build) do not depend
on it: benchmarks/pdf_benchmark.py measures the time.
"""

from __future__ import annotations

import copy
import html
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from ..render.handout import PAPERS, handout_content, pdf_name
from ..render.print_credit import leftovers
from ..render.print_html import TEMPLATES, handout_html


@lru_cache(maxsize=1)
def _styles():
    """Parsed stylesheets and one font configuration, shared by every render of the build."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    sheet = {name: CSS(filename=str(TEMPLATES / f"{name}.css"), font_config=fonts)
             for name in ("handout", "compact", "roomy", "roomy-mid", "letter", "a4", "brief",
                                               "materials")}
    return fonts, sheet


def render_html(document: str, paper: str, compact: bool = False, extra: str | None = None):
    """A rendered WeasyPrint document from a complete HTML string, on "letter" or "a4"."""
    from weasyprint import HTML

    fonts, sheet = _styles()
    sheets = [sheet["handout"], *([sheet[extra]] if extra else []), *([sheet["compact"]] if compact else []),
              sheet[paper]]
    return HTML(string=document, base_url=str(TEMPLATES)).render(stylesheets=sheets, font_config=fonts)


def fit_handout(content, course, audience, paper: str):
    """Render one handout within its page limit if possible: normal, then compact, then with fewer terms,
    then without its figure. Returns the document, the content it holds and that content's HTML (each HTML
    string is built once and shared by every render of it and by the leftover check)."""
    limit = content.pages_max
    document = handout_html(content, course, audience)
    doc = render_html(document, paper)
    if 1 < len(doc.pages) <= limit:  # within the limit, but one sheet beats a second page holding a few lines
        tighter = render_html(document, paper, compact=True)
        if len(tighter.pages) < len(doc.pages):
            return tighter, content, document
    if len(doc.pages) <= limit:
        if limit == 1:  # a one-page sheet with room to spare gets larger type rather than a blank half page
            for size in ("roomy", "roomy-mid"):
                roomy = render_html(document, paper, extra=size)
                if len(roomy.pages) == 1:
                    return roomy, content, document
        return doc, content, document
    doc = render_html(document, paper, compact=True)
    while len(doc.pages) > limit and content.terms:
        content = replace(content, terms=content.terms[:-1])
        document = handout_html(content, course, audience)
        doc = render_html(document, paper, compact=True)
    if len(doc.pages) > limit and content.visual is not None:
        content = replace(content, visual=None)
        document = handout_html(content, course, audience)
        doc = render_html(document, paper, compact=True)
    return doc, content, document


def _record_text(texts: dict | None, name: str, doc) -> None:
    if texts is not None:
        from .output_guard import pdf_text

        texts[name] = pdf_text(doc)


def fit_product(product, document: str, paper: str):
    """Render a product (brief, briefing, materials) from its HTML: normal, then compact if it runs over its
    pages."""
    doc = render_html(document, paper, extra=product.stylesheet)
    want = product.pages or product.pages_max
    if want and len(doc.pages) > want:
        doc = render_html(document, paper, compact=True, extra=product.stylesheet)
    return doc


def _check_leftovers(document: str, name: str) -> list[str]:
    """The warning (failing a strict build) when a product's text holds placeholder or template leftovers."""
    text = html.unescape(re.sub(r"<svg.*?</svg>|<[^>]+>", " ", document, flags=re.S))
    found = leftovers(text)
    if found:
        return [(f"{name}: the printed text holds {', '.join(found)}, left-over placeholder or template text: "
                 "fix the module or settings text it comes from")]
    return []


def write_pdfs(output, site_dir, texts: dict | None = None, warnings: list | None = None, jobs: int = 0) -> dict:
    """Write every handout and print-product PDF and the packs; return {path relative to site_dir: page count}.

    With `texts`, also record each PDF's laid-out text there (for the output guard). Each problem found (a PDF
    over its page limit, left-over placeholder text) is appended to `warnings` for the caller to report. The
    PDFs are made in `jobs` processes (0: one per core); warnings, errors and results are the same as one by one."""
    warnings = [] if warnings is None else warnings
    course = output.course
    site_dir = Path(site_dir)
    written: dict = {}
    if not course.settings.pdf:
        return written
    tasks: list = []  # (function, arguments), in the order they are written one by one
    for audience in course.published_audiences():
        views = output.tracks.get(audience.id) or []
        if not views or "pdf" not in audience.formats or "handout" not in audience.formats:
            continue
        (site_dir / audience.id / "pdf").mkdir(parents=True, exist_ok=True)
        for paper, label in PAPERS:
            tasks.append((_write_track, (audience.id, paper, label, str(site_dir), texts is not None)))
    for product in getattr(output, "products", []):
        (site_dir / product.folder).mkdir(parents=True, exist_ok=True)
        # The HTML is made here, once for both papers; the product itself (it holds its maker) stays here.
        document, fields = product.html(), replace(product, html=None)
        for paper, label in PAPERS:
            tasks.append((_write_product, (fields, document, paper, label, str(site_dir), texts is not None)))
    for made, made_texts, found in _run(tasks, _jobs(len(tasks), jobs), (course, output.tracks)):
        warnings += found
        written.update(made)
        if texts is not None:
            texts.update(made_texts)
    return written


# What every task reads: (course, tracks), set in each worker process once, not sent with each task.
_shared: tuple = ()


def _share(shared: tuple) -> None:
    global _shared
    _shared = shared


def _jobs(tasks: int, jobs: int) -> int:
    """Processes to use: `jobs` (1 writes them one by one, in this process), or one per core when it is 0."""
    return max(1, min(jobs or os.cpu_count() or 1, tasks))


def _run(tasks: list, jobs: int, shared: tuple):
    """Each task's result, in task order. One job: in this process. More: in a process pool, where an error
    in a task is raised here as it was raised there (same type and message), and the other tasks are cancelled."""
    if jobs == 1:
        _share(shared)
        try:
            for function, args in tasks:
                yield function(*args)
        finally:
            _share(())
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_share, initargs=(shared,)) as pool:
        futures = [pool.submit(function, *args) for function, args in tasks]
        try:
            for future in futures:
                yield future.result()
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _write_track(audience_id: str, paper: str, label: str, site_dir: str, with_text: bool):
    """One track's handouts on one paper, then its pack (every handout in one file)."""
    course, tracks = _shared
    audience = next(a for a in course.published_audiences() if a.id == audience_id)
    views = tracks[audience_id]
    folder = Path(site_dir) / audience_id / "pdf"
    written: dict = {}
    texts: dict = {}
    warnings: list = []
    docs: list = []
    for view in views:
        doc, content, document = fit_handout(handout_content(view, course), course, audience, paper)
        pages = len(doc.pages)
        if pages > content.pages_max:
            warnings.append(f"handout {audience.id}/{view.id} runs to {pages} pages on {label} paper; the limit "
                            f"for {audience.name.lower()} is {content.pages_max} (handout_pages_max): shorten "
                            f"its handout block (points, actions, material) for this audience")
        name = pdf_name(audience.id, view.id, paper)
        warnings += _check_leftovers(document, f"{audience.id}/pdf/{name}")
        doc.write_pdf(folder / name)
        written[f"{audience.id}/pdf/{name}"] = pages
        _record_text(texts if with_text else None, f"{audience.id}/pdf/{name}", doc)
        docs.append(doc)
    pack = docs[0].copy([p for d in docs for p in d.pages])
    pack.metadata = copy.copy(docs[0].metadata)
    ui = course.ui(audience)
    pack.metadata.title = ui("handout.pack_title", track=audience.name, paper=ui(f"paper.{paper}"))
    name = pdf_name(audience.id, None, paper)
    pack.write_pdf(folder / name)
    written[f"{audience.id}/pdf/{name}"] = len(pack.pages)
    return written, texts, warnings


def _write_product(product, document: str, paper: str, label: str, site_dir: str, with_text: bool):
    """One print product (brief, briefing, materials) on one paper."""
    written: dict = {}
    texts: dict = {}
    warnings: list = []
    doc = fit_product(product, document, paper)
    pages = len(doc.pages)
    if product.pages and pages != product.pages:
        warnings.append(f"{product.title} runs to {pages} page(s) on {label} paper; it must be exactly "
                        f"{product.pages}: shorten or lengthen its content in {product.source}")
    elif product.pages_max and pages > product.pages_max:
        warnings.append(f"{product.title} runs to {pages} pages on {label} paper; the limit is "
                        f"{product.pages_max}: shorten its content in {product.source}")
    name = f"{product.stem}-{paper}.pdf"
    warnings += _check_leftovers(document, f"{product.folder}/{name}")
    doc.write_pdf(Path(site_dir) / product.folder / name)
    written[f"{product.folder}/{name}"] = pages
    _record_text(texts if with_text else None, f"{product.folder}/{name}", doc)
    return written, texts, warnings
