"""Handouts: one module for one audience, on one sheet. Learner content only; never facilitator notes or answers.

A handout is a teaching aid, not a summary of the lesson. It prints:

- the one main idea as its headline, and up to three facts behind it, each with its source;
- one visual where the module has a chart or flow (a print-safe form: the figure and its caption);
- three to five actions, and the exact material those actions use (questions to ask, scripts, a checklist,
  a log template) on the sheet itself;
- at most five key terms, only terms that appear on the sheet, and no more than a quarter of its words;
- "Your library's contact": from the fork's settings, or a blank line to write on;
- a footer with course and sheet title, audience, version, date, licence credit (and adaptation credit in a
  fork), and the full lesson address with a QR code when the settings give `site_url` (without it the build
  warns, naming the setting).

What a sheet holds is written per module and audience in the module's `handout:` block. A module without one
gets a derived sheet that keeps the same rules: headline from the summary, facts from the key points, actions
from the module's actions (those that point at material the sheet lacks are left out; generic actions fill
up to three), terms chosen from the module's key terms by the same limits.

The same content (`handout_content`) feeds the handout page (`/<audience>/<module>/handout/`) and the PDFs
(`pdf.py`, `print_templates/handout.html`), so they cannot drift apart.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..markup import citations_in, strip_citations
from ..model import Source, Term
from ..ui import Catalog
from ..variants import pick
from ..view.lesson import ChartView, FlowView, SectionView, count_words, fill, term_used
from .chart import chart_html, flow_html
from .lesson import module_links
from .pages import Page, cite, fragment, front_matter, md_escape
from .print_credit import Credit, contact_text, credit

TERMS_MAX = 5
TERM_SHARE_MAX = 0.25  # key terms may take at most a quarter of a sheet's words
ACTIONS_MIN, ACTIONS_MAX = 3, 5

# Words in an action that point at material: the material must be on the sheet. A kind in the key means the
# action needs material of that kind; None means any material will do.
MATERIAL_REFERENCES = (
    ("script", re.compile(r"\bscripts?\b|\bwhat to say\b|\bwords below\b", re.I)),
    ("questions", re.compile(r"\bquestions? (below|on this (sheet|page)|in this lesson|from this lesson)\b|"
                             r"\bthese questions\b|"
                             r"\bthe (vendor |board |five |patron )?questions\b(?! (to|about|from a))",
                             re.I)),
    ("log", re.compile(r"\b(request |blank )?log (form|template|sheet)s?\b|\brequest log\b|\b(a|the) log\b", re.I)),
    ("checklist", re.compile(r"\bchecklist\b", re.I)),
    (None, re.compile(r"\bbelow\b|\bon this (page|sheet)\b|\b(in|from) this lesson\b|\bthis lesson's\b", re.I)),
)
# Actions that fit any sheet, to reach ACTIONS_MIN (catalog keys handout.generic_action_1, _2, _3).
GENERIC_ACTIONS = ("handout.generic_action_1", "handout.generic_action_2", "handout.generic_action_3")


@dataclass
class Material:
    """Material the actions use, printed on the sheet."""

    title: str
    kind: str  # questions, script, checklist, steps, log
    items: list[str] = field(default_factory=list)  # Markdown lines
    columns: list[str] = field(default_factory=list)  # log
    rows: int = 0  # log


@dataclass
class HandoutContent:
    """What one handout prints: Markdown strings (module text) and plain strings (settings, labels)."""

    audience_id: str
    module_id: str
    title: str  # the lesson's title (the sheet's title)
    headline: str  # the main idea
    points: list[str]
    actions: list[str]
    material: list[Material]
    terms: list[tuple[Term, str]]  # (Term, definition)
    visual: SectionView | None  # a section with a chart or flow
    sources: list[Source]
    lesson_path: str  # site-relative, e.g. /patrons/how-fr-works/
    lesson_url: str  # absolute, or "" when the settings give no site_url
    contact: str  # "" when unset: the sheet prints a line to write on
    pages_max: int
    credit: Credit
    authored: bool = True
    site_name: str = ""
    ui: Catalog = field(kw_only=True, compare=False, repr=False)  # the catalog of the audience's language

    @property
    def printed_url(self) -> str:
        """The address printed under the QR code: host and path (no scheme, no `www.`), or the site path."""
        if not self.lesson_url:
            return self.lesson_path
        parts = urlsplit(self.lesson_url)
        host = parts.netloc[4:] if parts.netloc.startswith("www.") else parts.netloc
        return host + parts.path

    def sheet_text(self, with_terms: bool = True) -> str:
        """Everything the sheet says in words (for word counts and term mentions)."""
        parts = [self.headline, *self.points, *self.actions]
        for m in self.material:
            parts += [m.title, *m.items, *m.columns]
        if self.visual is not None:
            block = figure_of(self.visual)
            parts += [block.title, block.caption]
        if with_terms:
            parts += [f"{t.term} {d}" for t, d in self.terms]
        return "\n".join(p for p in parts if p)

    def term_share(self) -> float:
        """The share of the sheet's words that the key terms take."""
        total = count_words(self.sheet_text())
        terms = sum(count_words(f"{t.term} {d}") for t, d in self.terms)
        return terms / total if total else 0.0


def figure_of(section: SectionView) -> ChartView | FlowView:
    """The chart or flow of a section chosen as a sheet's visual (`_visual` only chooses sections with one)."""
    if section.chart is not None:
        return section.chart
    if section.flow is not None:
        return section.flow
    raise ValueError(f'section "{section.id}" has no chart or flow')


def lesson_url(site_url: str, audience_id: str, module_id: str) -> str:
    """The lesson's absolute address (directory URLs), with nothing added: no tracking parameters."""
    if not site_url:
        return ""
    return site_url.rstrip("/") + f"/{audience_id}/{module_id}/"


def material_needed(action: str) -> list:
    """The kinds of material an action points at (None: any material)."""
    return [kind for kind, pattern in MATERIAL_REFERENCES if pattern.search(strip_citations(action))]


def has_material_for(action: str, material: list) -> bool:
    kinds = {m.kind for m in material}
    return all((kind is None and material) or kind in kinds for kind in material_needed(action))


def section_list_items(body: str) -> list[str]:
    """The top-level bulleted items of a section body (continuation lines joined)."""
    items: list[str] = []
    for line in (body or "").splitlines():
        m = re.match(r"^[-*+]\s+(.*)$", line)
        if m:
            items.append(m.group(1).strip())
        elif items and line.startswith("  ") and line.strip():
            items[-1] += " " + line.strip()
        elif items and not line.strip():
            continue
        elif items:
            break
    return items


def _material(spec, view) -> Material:
    items = list(spec.items)
    if spec.from_section:
        section = next((s for s in view.sections if s.id == spec.from_section), None)
        items += section_list_items(section.body) if section else []
    return Material(spec.title, spec.kind, items, list(spec.columns), spec.rows)


def _visual(view, wanted: str | None) -> SectionView | None:
    if wanted == "none":
        return None
    for s in view.sections:
        if (s.chart or s.flow) and (wanted is None or s.id == wanted):
            return s
    return None


def _first_sentence(text: str) -> str:
    text = " ".join((text or "").split())
    m = re.match(r"(.+?[.!?])(\s|$)", text)
    return m.group(1) if m else text


def _choose_terms(candidates: list[tuple[Term, str]], sheet: HandoutContent,
                  limit: int = TERMS_MAX) -> list[tuple[Term, str]]:
    """Terms that appear on the sheet, in order, while they stay within the count and the word share."""
    said = sheet.sheet_text(with_terms=False)
    base = count_words(said)
    chosen: list[tuple[Term, str]] = []
    words = 0
    for term, definition in candidates:
        if len(chosen) >= limit or not term_used(said, term):
            continue
        cost = count_words(f"{term.term} {definition}")
        if (words + cost) / (base + words + cost) > TERM_SHARE_MAX:
            continue
        chosen.append((term, definition))
        words += cost
    return chosen


def handout_content(view, course) -> HandoutContent:
    """What the sheet prints for one module and audience (see the module docstring)."""
    s = course.settings.for_language(view.audience.language)
    ui = course.ui(view.audience)
    aid, mid = view.audience.id, view.id
    glossary = course.terms_in(view.audience.language)
    block = view.handout
    terms_by_id = {t.id: (t, d) for t, d in view.terms}
    if block:
        headline = block.headline
        points = list(block.points)
        actions = list(block.actions)
        material = [_material(m, view) for m in block.material]
        visual = _visual(view, block.visual)
        candidates = []
        for tid in block.key_terms:
            if tid in terms_by_id:
                candidates.append(terms_by_id[tid])
            elif tid in glossary:
                candidates.append((glossary[tid], fill(pick(glossary[tid].definition, aid) or "", s)))
    else:
        headline = _first_sentence(view.summary) or view.title
        points = list(view.key_points[:3])
        material = []
        actions = [a for a in view.actions if not material_needed(a)][:ACTIONS_MAX]
        actions += [ui(key) for key in GENERIC_ACTIONS[:max(0, ACTIONS_MIN - len(actions))]]
        visual = _visual(view, None)
        candidates = list(view.terms)
    credit_ = credit(course, view.module, ui("handout.product", title=view.title), view.audience.name, ui)
    content = HandoutContent(aid, mid, view.title, headline, points, actions, material, [], visual, [],
                             f"/{aid}/{mid}/", lesson_url(s.site_url, aid, mid),
                             contact_text(course, view.audience.language),
                             max(1, int(view.audience.handout_pages_max or 1)), credit_, bool(block), s.site_name,
                             ui=ui)
    content.terms = _choose_terms(candidates, content)
    printed = content.sheet_text()
    keys = list(dict.fromkeys(citations_in(printed)))
    if visual is not None and figure_of(visual).source:
        keys.append(figure_of(visual).source)
    content.sources = [course.sources[k] for k in dict.fromkeys(keys) if k in course.sources]
    return content


def handout_problems(view, course) -> list[tuple[tuple, str, str, str]]:
    """Rules an authored sheet breaks, as (path in the module, message, hint, code). A derived sheet meets them by
    construction."""
    block = view.handout
    if not block:
        return []
    key = view.audience.id if view.audience.id in view.module.data["handout"] else "default"
    at = ("handout", key)
    content = handout_content(view, course)
    found: list[tuple[tuple, str, str, str]] = []
    for i, action in enumerate(content.actions):
        if not has_material_for(action, content.material):
            kinds = [k for k in material_needed(action) if k] or ["any"]
            found.append((at + ("actions", i), f'for "{view.audience.id}" refers to material that is not on the '
                          f"sheet ({', '.join(kinds)})", "add a material block with it, or reword the action",
                          "material-not-on-sheet"))
    for i, m in enumerate(content.material):
        if not m.items and not (m.kind == "log" and m.columns):
            found.append((at + ("material", i), f'"{m.title}" prints nothing for "{view.audience.id}"',
                          "give items, a from_section with a bulleted list, or (for a log) columns", "prints-nothing"))
    said = content.sheet_text(with_terms=False)
    glossary = course.terms_in(view.audience.language)
    for i, tid in enumerate(block.key_terms):
        term = glossary.get(tid)
        if term and not term_used(said, term):
            found.append((at + ("key_terms", i), f'"{term.term}" does not appear on the sheet for "{view.audience.id}"',
                          "use the term in the headline, a point, an action or the material, or drop it",
                          "term-not-on-sheet"))
        elif term and term.id not in {t.id for t, _ in content.terms}:
            found.append((at + ("key_terms", i), f'"{term.term}" would take the key terms above a quarter of the '
                          f'sheet\'s words for "{view.audience.id}"', "drop a term or choose shorter ones",
                          "key-terms-too-long"))
    if block.visual not in (None, "none") and content.visual is None:
        found.append((at + ("visual",), f'"{block.visual}" is not a section with a chart or flow that '
                      f'"{view.audience.id}" gets', 'give such a section id, or "none"', "not-a-visual"))
    return found


def qr_svg(url: str, title: str = "QR code: link to the online lesson") -> str:
    """The QR code for `url` as inline SVG (segno, medium error correction). Trusted HTML: built here. `title`
    (the catalog's handout.qr_title) is what a screen reader says for it."""
    import segno

    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(scale=1, border=2, omitsize=True, svgclass="course-qr", title=title)


def legal_note(content: HandoutContent) -> str:
    """The not-legal-advice notice, for a sheet that cites a law, ruling or settlement."""
    return content.ui("lesson.legal_notice") if any(getattr(src, "legal", False) for src in content.sources) else ""


def print_figure_html(section, course, ui) -> str:
    """A chart or flow for paper: the drawing, its caption and source, without the screen-reader table or
    list (the drawing prints every value and label). Trusted HTML from validated data."""
    if section.chart:
        figure = chart_html(section.chart, f"print-{section.id}", course.sources, ui)
        figure = re.sub(r'<table class="course-table">.*?</table>', "", figure, flags=re.S)
    else:
        figure = flow_html(section.flow, f"print-{section.id}", course.sources, ui)
        figure = re.sub(r'<ol class="course-flow-steps">.*?</ol>', "", figure, flags=re.S)
    # The page carries a second drawing for phones (CSS shows one); paper takes only the wide one.
    return _NARROW_DRAWING.sub("", figure)


_NARROW_DRAWING = re.compile(r'<svg[^>]*\bclass="[^"]*\bcourse-narrow\b[^"]*".*?</svg>', re.S)


def pdf_enabled(course, audience) -> bool:
    """Whether this build writes PDFs for `audience` (the same test the MkDocs plugin makes after the build)."""
    return (bool(course.settings.pdf)
            and "pdf" in audience.formats and "handout" in audience.formats)


def pdf_name(audience_id: str, module_id: str | None, paper: str) -> str:
    """File name of a handout PDF (or of the track's pack when `module_id` is None), under /<audience>/pdf/."""
    return f"{audience_id}-{module_id}-{paper}.pdf" if module_id else f"{audience_id}-handouts-{paper}.pdf"


PAPERS = (("letter", "US Letter"), ("a4", "A4"))

MATERIAL_MARK = {"questions": "?", "checklist": "☐", "script": "“", "steps": ""}


def render_handout(view, course) -> Page:
    """The handout page: /<audience>/<module>/handout/. The sheet's content, for screen and browser printing."""
    content = handout_content(view, course)
    ui = content.ui
    aid, mid = content.audience_id, content.module_id
    page = Page(f"{aid}/{mid}/handout.md", "", ui("handout.page_title", title=view.title), in_search=False)

    def c(text: str) -> str:  # short, unlinked source references: this page is for paper
        return module_links(cite(text, course.sources, None), course, aid)

    out = [front_matter({"title": ui("handout.page_title", title=view.title),
                         "description": ui("handout.description", title=view.title),
                         "search": {"exclude": True},  # the lesson itself is what search should find
                         "course": {"audience": aid, "module": mid, "kind": "handout"}}),
           fragment(page, '<div class="course-handout" hidden></div>'),
           f"# {md_escape(content.headline)}\n\n", fragment(page, back_link_html(content)),
           "*" + ui("handout.meta", title=md_escape(view.title), audience=md_escape(view.audience.name.lower()))
           + "*\n{: .course-meta }\n\n"]
    screen = ui("handout.screen")
    if pdf_enabled(course, view.audience):
        screen += f" {ui('handout.screen_pdfs')} [{ui('handout.track_overview')}](../index.md#pdfs)."
    out.append(f"{screen} [{ui('handout.back_to_lesson')}](index.md).\n{{: .course-screen-only }}\n\n")
    if content.points:
        out += [f"## {ui('handout.what_to_know')}\n\n", *(f"- {c(x).strip()}\n" for x in content.points), "\n"]
    if content.visual is not None:
        block = figure_of(content.visual)
        ident = f"handout-{content.visual.id}"
        out.append(fragment(page, chart_html(block, ident, course.sources, ui) if isinstance(block, ChartView)
                            else flow_html(block, ident, course.sources, ui)))
    out += [f"## {ui('lesson.what_you_can_do')}\n\n", *(f"- {c(x).strip()}\n" for x in content.actions), "\n"]
    for m in content.material:
        out.append(f"## {md_escape(m.title)}\n\n")
        if m.kind == "log":
            cols = m.columns or [ui("handout.log_date"), ui("handout.log_notes")]
            out.append("| " + " | ".join(md_escape(x) for x in cols) + " |\n|" + "---|" * len(cols) + "\n")
            out += ["| " + " | ".join(" " for _ in cols) + " |\n" for _ in range(max(1, m.rows or 4))]
            out.append("\n")
        elif m.kind == "steps":
            out += [f"{n}. {c(x).strip()}\n" for n, x in enumerate(m.items, 1)] + ["\n"]
        else:
            out += [f"- {c(x).strip()}\n" for x in m.items] + ["\n"]
    if content.terms:
        out.append(f"## {ui('handout.key_terms')}\n\n")
        for term, definition in content.terms:
            out.append(f"- **{md_escape(term.term)}**: {c(definition).strip()}\n")
        out.append("\n")
    contact = content.contact or "_______________________________________________"
    out.append(f"**{ui('handout.contact')}** {md_escape(contact)}\n{{: .course-handout-contact }}\n\n")
    if content.sources:
        notice = legal_note(content)
        out.append(f"**{ui('handout.sources')}** " + "; ".join(md_escape(src.short) for src in content.sources)
                   + ". " + ui("handout.full_references") + (f" {notice}" if notice else "") + "\n\n")
    cr = content.credit
    out.append(f"{md_escape(cr.line)}. {md_escape(cr.licence)}"
               + (f" {md_escape(cr.adapted)}" if cr.adapted else "") + "\n{: .course-meta }\n")
    page.markdown = "".join(out)
    return page


def back_link_html(content: HandoutContent) -> str:
    """The QR code and printed address of the online lesson (trusted HTML; every value escaped)."""
    e, ui = html.escape, content.ui
    if content.lesson_url:
        return ('<div class="course-handout-link">' + qr_svg(content.lesson_url, ui("handout.qr_title"))
                + f'<p>{e(ui("handout.read_online"))}<br><a href="{e(content.lesson_url)}">'
                + e(content.printed_url).replace("/", "/<wbr>") + "</a></p></div>")
    # No site_url: no address could be printed that leads anywhere on paper, so the sheet names the lesson.
    before, after = ui.strings["handout.full_lesson_path"].split("{path}")
    return (f'<div class="course-handout-link"><p>{e(before)}<strong>{e(content.lesson_path).replace("/", "/<wbr>")}'
            f"</strong>{e(after)}</p></div>")


def add_pdf_links(page: Page, audience, views, course) -> None:
    """Append a "Print-ready PDFs" section to a track's landing page (`<audience>/index.md`).

    Links are trusted HTML (a fragment) because the PDFs are written after the build and so are not pages MkDocs
    could check; the landing page sits in `<audience>/` in both URL styles, so `pdf/...` resolves either way.
    """
    if not views or not pdf_enabled(course, audience):
        return
    e = html.escape
    aid = audience.id
    ui = course.ui(audience)

    def links(module_id: str | None) -> str:
        return " · ".join(f'<a href="pdf/{pdf_name(aid, module_id, p)}">'
                          f'{e(ui("handout.pdf_link", paper=ui("paper." + p)))}</a>'
                          for p, _ in PAPERS)

    rows = [f"<li><strong>{e(ui('handout.all_in_one', n=len(views)))}</strong>: {links(None)}</li>"]
    rows += [f"<li>{e(v.title)}: {links(v.id)}</li>" for v in views]
    limit = audience.handout_pages_max
    intro = f"<p>{e(ui('handout.pdfs_intro', pages=ui.plural('handout.pages', limit)))}</p>"
    page.markdown = page.markdown.rstrip("\n") + f"\n\n## {ui('handout.pdfs')} {{#pdfs}}\n\n" + fragment(
        page, f'<div class="course-pdfs">{intro}<ul>{"".join(rows)}</ul></div>')
