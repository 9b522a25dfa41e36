"""Charts and flow diagrams drawn at build time as inline SVG, each with a text equivalent.

No JavaScript and no external files: a figure is SVG plus a caption plus a data table (charts) or an ordered
list (flows), so screen readers and paper get the same information as the picture.
"""

from __future__ import annotations

import html
import math
import re

from markdown_it import MarkdownIt

_INLINE = MarkdownIt("commonmark", {"html": False})
_BAR = "#1f4e99"      # 8.3:1 on white: passes WCAG non-text contrast
_TEXT = "#1a1a1a"
_GRID = "#767676"


def _inline(text: str) -> str:
    """Caption Markdown as safe inline HTML (raw HTML escaped by markdown-it)."""
    return _INLINE.renderInline(text or "")


def _plain_cite(text: str, sources: dict) -> str:
    def repl(m):
        keys = [p.strip().lstrip("@") for p in m.group(1).split(";")]
        return "(" + "; ".join(sources[k].short if k in sources else k for k in keys) + ")"
    return re.sub(r"\[(@[^\]]*)\]", repl, text or "")


def _fmt(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{int(value):,}"


def chart_html(chart: dict, ident: str, sources: dict) -> str:
    """A horizontal bar chart with its caption, source line and data table."""
    e = html.escape
    rows = chart["rows"]
    log = chart.get("scale") == "log"
    top = max(r["value"] for r in rows) or 1
    wrapped = [_wrap(r["label"], 34) for r in rows]
    longest = max(len(line) for lines in wrapped for line in lines)
    label_w, bar_w, pad = int(min(max(longest * 7.4 + 16, 120), 290)), 380, 12
    row_h = 44 if any(len(w) > 1 for w in wrapped) else 34
    width, height = label_w + bar_w + 90, pad * 2 + row_h * len(rows) + 18

    def length(v: float) -> float:
        if log:
            lo = min([r["value"] for r in rows if r["value"] > 0] or [1]) / 2
            return bar_w * (math.log10(max(v, lo)) - math.log10(lo)) / (math.log10(top) - math.log10(lo) or 1)
        return bar_w * v / top

    title_id, desc_id = f"{ident}-title", f"{ident}-desc"
    parts = [f'<svg class="course-chart" viewBox="0 0 {width} {height}" role="img" '
             f'aria-labelledby="{title_id} {desc_id}" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{title_id}">{e(chart["title"])}</title>',
             f'<desc id="{desc_id}">Bar chart of {e(chart["unit"])}. The table below gives every value.</desc>']
    for i, r in enumerate(rows):
        y = pad + i * row_h
        w = max(length(r["value"]), 1.5)
        lines = wrapped[i]
        for j, line in enumerate(lines):
            dy = y + row_h / 2 + 5 + (j - (len(lines) - 1) / 2) * 16
            parts.append(f'<text x="{label_w - 8}" y="{dy:.1f}" text-anchor="end" font-size="14" '
                         f'fill="{_TEXT}">{e(line)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 6}" width="{w:.1f}" height="{row_h - 12}" fill="{_BAR}"/>')
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + row_h / 2 + 5}" font-size="14" '
                     f'fill="{_TEXT}">{e(_fmt(r["value"]))}</text>')
    base = pad + row_h * len(rows)
    parts.append(f'<line x1="{label_w}" y1="{pad}" x2="{label_w}" y2="{base}" stroke="{_GRID}"/>')
    scale = " (logarithmic scale)" if log else ""
    parts.append(f'<text x="{label_w}" y="{base + 16}" font-size="12" fill="{_TEXT}">{e(chart["unit"])}{scale}</text>')
    parts.append("</svg>")
    src = sources.get(chart["source"])
    source_line = f"Source: {e(src.short)}, {e(src.title)}" if src else ""
    header = e(chart.get("label_header", "Item"))
    table = [f'<table class="course-table"><caption>Data for “{e(chart["title"])}”</caption>',
             f'<thead><tr><th scope="col">{header}</th><th scope="col">{e(chart["unit"])}</th>'
             + ('<th scope="col">Note</th>' if any(r.get("note") for r in rows) else "") + "</tr></thead><tbody>"]
    for r in rows:
        note = (f"<td>{e(_plain_cite(r.get('note', ''), sources))}</td>" if any(x.get("note") for x in rows)
                else "")
        table.append(f'<tr><th scope="row">{e(r["label"])}</th><td>{e(_fmt(r["value"]))}</td>{note}</tr>')
    table.append("</tbody></table>")
    return (f'<figure class="course-figure" id="{ident}" data-search-exclude>' + "".join(parts)
            + f'<figcaption><strong>{e(chart["title"])}.</strong> {_inline(_plain_cite(chart["caption"], sources))}'
            + (f' <span class="course-source">{source_line}</span>' if source_line else "")
            + "</figcaption>" + "".join(table) + "</figure>")


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


def flow_html(flow: dict, ident: str, sources: dict) -> str:
    """Boxes joined by arrows, left to right in rows of four, with the steps as an ordered list."""
    e = html.escape
    steps = flow["steps"]
    per_row, box_w, box_h, gap = 4, 150, 64, 40
    rows = math.ceil(len(steps) / per_row)
    width = per_row * box_w + (per_row - 1) * gap + 20
    height = rows * (box_h + 40) + 10
    title_id, desc_id = f"{ident}-title", f"{ident}-desc"
    parts = [f'<svg class="course-flow" viewBox="0 0 {width} {height}" role="img" '
             f'aria-labelledby="{title_id} {desc_id}" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{title_id}">{e(flow["title"])}</title>',
             f'<desc id="{desc_id}">Flow diagram in {len(steps)} steps: '
             + e(", then ".join(s["label"] for s in steps)) + ". The list below describes each step.</desc>",
             f'<defs><marker id="{ident}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
             f'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{_TEXT}"/></marker></defs>']
    coords = []
    for i, s in enumerate(steps):
        r, c = divmod(i, per_row)
        x, y = 10 + c * (box_w + gap), 10 + r * (box_h + 40)
        coords.append((x, y))
        parts.append(f'<rect x="{x}" y="{y}" width="{box_w}" height="{box_h}" rx="8" fill="#eef3fb" '
                     f'stroke="{_BAR}" stroke-width="2"/>')
        lines = _wrap(f"{i + 1}. {s['label']}")
        for j, line in enumerate(lines):
            dy = y + box_h / 2 + 5 + (j - (len(lines) - 1) / 2) * 18
            parts.append(f'<text x="{x + box_w / 2}" y="{dy:.1f}" text-anchor="middle" font-size="14" '
                         f'fill="{_TEXT}">{e(line)}</text>')
    for (x1, y1), (x2, y2) in zip(coords, coords[1:]):
        if y1 == y2:
            parts.append(f'<line x1="{x1 + box_w}" y1="{y1 + box_h / 2}" x2="{x2 - 2}" y2="{y2 + box_h / 2}" '
                         f'stroke="{_TEXT}" stroke-width="2" marker-end="url(#{ident}-arrow)"/>')
        else:  # next row: down from the last box, along, and into the first box of the row below
            parts.append(f'<path d="M{x1 + box_w / 2},{y1 + box_h} V{y1 + box_h + 20} H{x2 + box_w / 2} V{y2 - 2}" '
                         f'fill="none" stroke="{_TEXT}" stroke-width="2" marker-end="url(#{ident}-arrow)"/>')
    parts.append("</svg>")
    items = "".join(f"<li><strong>{e(s['label'])}</strong>: {_inline(_plain_cite(s['detail'], sources))}</li>"
                    for s in steps)
    src = sources.get(flow.get("source", ""))
    source_line = f' <span class="course-source">Source: {e(src.short)}, {e(src.title)}</span>' if src else ""
    return (f'<figure class="course-figure" id="{ident}" data-search-exclude>' + "".join(parts)
            + f'<figcaption><strong>{e(flow["title"])}.</strong> {_inline(_plain_cite(flow["caption"], sources))}'
            + source_line + f'</figcaption><ol class="course-flow-steps">{items}</ol></figure>')
