"""Charts and flow diagrams drawn at build time as inline SVG, each with a text equivalent.

No JavaScript and no external files: a figure is SVG plus a caption plus a data table (charts) or an ordered
list (flows), so screen readers and paper get the same information as the picture.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from itertools import pairwise

from markdown_it import MarkdownIt

from ..markup import plain_cite
from ..view.lesson import ChartRow, ChartView, FlowView

_INLINE = MarkdownIt("commonmark", {"html": False})
_BAR = "#1f4e99"      # 8.3:1 on white: passes WCAG non-text contrast
_TEXT = "#1a1a1a"
_GRID = "#767676"


def _inline(text: str) -> str:
    """Caption Markdown as safe inline HTML (raw HTML escaped by markdown-it)."""
    return _INLINE.renderInline(text or "")


def _fmt(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{int(value):,}"


def _value_text(r: ChartRow) -> str:
    """A row's value as printed: "34.7", or a range "10–100" when the row gives its lower end."""
    return f"{_fmt(r.low)}–{_fmt(r.value)}" if r.low is not None else _fmt(r.value)


def _scale(rows: Sequence[ChartRow], log: bool, bar_w: float) -> Callable[[float], float]:
    top = max(r.value for r in rows) or 1
    lo = min([x for r in rows for x in (r.low, r.value) if x is not None and x > 0] or [1]) / 2

    def length(v: float) -> float:
        if log:
            return bar_w * (math.log10(max(v, lo)) - math.log10(lo)) / (math.log10(top) - math.log10(lo) or 1)
        return bar_w * v / top
    return length


def _bar(r: ChartRow, x0: float, y: float, h: float, length: Callable[[float], float]) -> tuple[str, float]:
    """A row's bar: from zero, or across its range (low to value). Returns the SVG and where the bar ends."""
    end = max(length(r.value), 1.5)
    start = length(r.low) if r.low is not None else 0.0
    width = max(end - start, 3.0)
    return (f'<rect x="{x0 + start:.1f}" y="{y:.1f}" width="{width:.1f}" height="{h}" fill="{_BAR}"/>',
            x0 + start + width)


def _chart_svg(chart: ChartView, ident: str, narrow: bool, ui) -> str:
    """The wide layout (labels beside the bars) or the narrow one for phones (each label above its bar).
    Text is 14 units high in a viewBox no wider than a phone's column, so it stays 12 CSS pixels or more."""
    e = html.escape
    rows = chart.rows
    log = chart.scale == "log"
    ranges = any(r.low is not None for r in rows)
    title_id, desc_id = f"{ident}-title", f"{ident}-desc"
    kind = ui("chart.range_chart" if ranges else "chart.bar_chart", unit=chart.unit)
    parts = [f'<title id="{title_id}">{e(chart.title)}</title>',
             f'<desc id="{desc_id}">{e(kind)} {e(ui("chart.table_below"))}</desc>']
    if narrow:
        width, pad, bar_w = 340, 4, 250
        length = _scale(rows, log, bar_w)
        y = pad
        for r in rows:
            for line in _wrap(r.label, 40, 3):
                y += 17
                parts.append(f'<text x="0" y="{y}" font-size="14" fill="{_TEXT}">{e(line)}</text>')
            y += 6
            bar, end = _bar(r, 1, y, 16, length)
            parts += [bar, f'<text x="{end + 6:.1f}" y="{y + 13}" font-size="14" fill="{_TEXT}">'
                           f'{e(_value_text(r))}</text>']
            y += 16 + 12
        parts.append(f'<line x1="0.5" y1="{pad}" x2="0.5" y2="{y - 8}" stroke="{_GRID}"/>')  # the zero line
        scale = " " + ui("chart.log_scale_short") if log else ""
        for line in _wrap(f'{chart.unit}{scale}', 44, 3):
            y += 16
            parts.append(f'<text x="0" y="{y}" font-size="13" fill="{_TEXT}">{e(line)}</text>')
        height = y + pad + 4
    else:
        wrapped = [_wrap(r.label, 34) for r in rows]
        longest = max(len(line) for lines in wrapped for line in lines)
        # 8.2 units a character: wide enough for DejaVu/Liberation Sans at 14 units, so no label is cut off
        label_w, bar_w, pad = int(min(max(longest * 8.2 + 16, 120), 300)), 380, 12
        length = _scale(rows, log, bar_w)
        row_h = 44 if any(len(w) > 1 for w in wrapped) else 34
        width, height = label_w + bar_w + 90, pad * 2 + row_h * len(rows) + 18
        for i, r in enumerate(rows):
            y = pad + i * row_h
            lines = wrapped[i]
            for j, line in enumerate(lines):
                dy = y + row_h / 2 + 5 + (j - (len(lines) - 1) / 2) * 16
                parts.append(f'<text x="{label_w - 8}" y="{dy:.1f}" text-anchor="end" font-size="14" '
                             f'fill="{_TEXT}">{e(line)}</text>')
            bar, end = _bar(r, label_w, y + 6, row_h - 12, length)
            parts += [bar, f'<text x="{end + 6:.1f}" y="{y + row_h / 2 + 5}" font-size="14" '
                           f'fill="{_TEXT}">{e(_value_text(r))}</text>']
        base = pad + row_h * len(rows)
        parts.append(f'<line x1="{label_w}" y1="{pad}" x2="{label_w}" y2="{base}" stroke="{_GRID}"/>')
        scale = " " + ui("chart.log_scale") if log else ""
        parts.append(f'<text x="{label_w}" y="{base + 16}" font-size="13" fill="{_TEXT}">'
                     f'{e(chart.unit)}{scale}</text>')
    layout = "course-narrow" if narrow else "course-wide"
    return (f'<svg class="course-chart {layout}" viewBox="0 0 {width} {height}" role="img" '
            f'aria-labelledby="{title_id} {desc_id}" xmlns="http://www.w3.org/2000/svg">' + "".join(parts) + "</svg>")


def chart_html(chart: ChartView, ident: str, sources: dict, ui) -> str:
    """A horizontal bar chart (bars span a range where a row gives `low`) with its caption, source line and
    data table. Two drawings: beside-the-bar labels on wide screens, stacked labels on phones (CSS picks)."""
    e = html.escape
    rows = chart.rows
    src = sources.get(chart.source)
    source_line = e(ui("chart.source", short=src.short, title=src.title)) if src else ""
    header = e(chart.label_header or ui("chart.item"))
    table = [f'<table class="course-table"><caption>{e(ui("chart.data_for", title=chart.title))}</caption>',
             f'<thead><tr><th scope="col">{header}</th><th scope="col">{e(chart.unit)}</th>'
             + (f'<th scope="col">{e(ui("chart.note"))}</th>' if any(r.note for r in rows) else "")
             + "</tr></thead><tbody>"]
    for r in rows:
        note = (f"<td>{e(plain_cite(r.note, sources))}</td>" if any(x.note for x in rows)
                else "")
        value = (ui("chart.range", low=_fmt(r.low), high=_fmt(r.value)) if r.low is not None
                 else _fmt(r.value))
        table.append(f'<tr><th scope="row">{e(r.label)}</th><td>{e(value)}</td>{note}</tr>')
    table.append("</tbody></table>")
    # The caption comes first: HTML allows a figcaption only as a figure's first or last child.
    return (f'<figure class="course-figure" id="{ident}" data-search-exclude>'
            + f'<figcaption><strong>{e(chart.title)}.</strong> {_inline(plain_cite(chart.caption, sources))}'
            + (f' <span class="course-source">{source_line}</span>' if source_line else "")
            + "</figcaption>"
            + _chart_svg(chart, ident, narrow=False, ui=ui) + _chart_svg(chart, f"{ident}-narrow", narrow=True, ui=ui)
            + "".join(table) + "</figure>")


def _wrap(label: str, width: int = 13, max_lines: int = 2) -> list[str]:
    words, lines, cur = label.split(), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    lines.append(cur)
    if len(lines) > max_lines:  # keep every word: the last line takes the rest
        lines = lines[:max_lines - 1] + [" ".join(lines[max_lines - 1:])]
    return lines


def flow_html(flow: FlowView, ident: str, sources: dict, ui) -> str:
    """Boxes joined by arrows, with the steps as an ordered list: left to right in rows of four on wide
    screens, one box under another on phones (two drawings; CSS shows one)."""
    e = html.escape
    steps = flow.steps
    items = "".join(f"<li><strong>{e(s.label)}</strong>: {_inline(plain_cite(s.detail, sources))}</li>"
                    for s in steps)
    src = sources.get(flow.source)
    source_line = (f' <span class="course-source">{e(ui("chart.source", short=src.short, title=src.title))}</span>'
                   if src else "")
    # The caption comes first: HTML allows a figcaption only as a figure's first or last child.
    return (f'<figure class="course-figure" id="{ident}" data-search-exclude>'
            + f'<figcaption><strong>{e(flow.title)}.</strong> {_inline(plain_cite(flow.caption, sources))}'
            + source_line + "</figcaption>"
            + _flow_svg(flow, ident, narrow=False, ui=ui) + _flow_svg(flow, f"{ident}-narrow", narrow=True, ui=ui)
            + f'<ol class="course-flow-steps">{items}</ol></figure>')


def _flow_svg(flow: FlowView, ident: str, narrow: bool, ui) -> str:
    e = html.escape
    steps = flow.steps
    if narrow:  # one column: a 300-unit box per step in a 320-unit viewBox, so 14-unit text is not shrunk
        per_row, box_w, box_h, gap, width = 1, 300, 48, 28, 320
    else:
        per_row, box_w, box_h, gap = 4, 150, 64, 40
        width = per_row * box_w + (per_row - 1) * gap + 20
    rows = math.ceil(len(steps) / per_row)
    height = rows * (box_h + (gap if narrow else 40)) + 10 - (gap - 10 if narrow else 0)
    title_id, desc_id = f"{ident}-title", f"{ident}-desc"
    layout = "course-narrow" if narrow else "course-wide"
    parts = [f'<svg class="course-flow {layout}" viewBox="0 0 {width} {height}" role="img" '
             f'aria-labelledby="{title_id} {desc_id}" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{title_id}">{e(flow.title)}</title>',
             f'<desc id="{desc_id}">' + e(ui("chart.flow_desc", n=len(steps),
                                             steps=ui("chart.flow_then").join(s.label for s in steps))) + "</desc>",
             f'<defs><marker id="{ident}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
             f'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{_TEXT}"/></marker></defs>']
    coords = []
    for i, s in enumerate(steps):
        r, c = divmod(i, per_row)
        x = 10 + c * (box_w + gap)
        y = 10 + r * (box_h + (gap if narrow else 40))
        coords.append((x, y))
        parts.append(f'<rect x="{x}" y="{y}" width="{box_w}" height="{box_h}" rx="8" fill="#eef3fb" '
                     f'stroke="{_BAR}" stroke-width="2"/>')
        lines = _wrap(f"{i + 1}. {s.label}", 34 if narrow else 13)
        for j, line in enumerate(lines):
            dy = y + box_h / 2 + 5 + (j - (len(lines) - 1) / 2) * 18
            parts.append(f'<text x="{x + box_w / 2}" y="{dy:.1f}" text-anchor="middle" font-size="14" '
                         f'fill="{_TEXT}">{e(line)}</text>')
    for (x1, y1), (x2, y2) in pairwise(coords):
        if narrow:  # straight down to the next box
            parts.append(f'<line x1="{x1 + box_w / 2}" y1="{y1 + box_h}" x2="{x2 + box_w / 2}" y2="{y2 - 2}" '
                         f'stroke="{_TEXT}" stroke-width="2" marker-end="url(#{ident}-arrow)"/>')
        elif y1 == y2:
            parts.append(f'<line x1="{x1 + box_w}" y1="{y1 + box_h / 2}" x2="{x2 - 2}" y2="{y2 + box_h / 2}" '
                         f'stroke="{_TEXT}" stroke-width="2" marker-end="url(#{ident}-arrow)"/>')
        else:  # next row: down from the last box, along, and into the first box of the row below
            parts.append(f'<path d="M{x1 + box_w / 2},{y1 + box_h} V{y1 + box_h + 20} H{x2 + box_w / 2} V{y2 - 2}" '
                         f'fill="none" stroke="{_TEXT}" stroke-width="2" marker-end="url(#{ident}-arrow)"/>')
    parts.append("</svg>")
    return "".join(parts)
