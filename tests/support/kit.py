"""Helpers for the trainer-kit tests (handouts, PDFs, facilitator guide, print): real tools, no mocks.

pdfinfo and pdftotext (poppler-utils) read the PDFs (support.browser.chromium_print prints pages in Chromium).
The real course is discovered from the repository at test time (support.project.real_course), so new modules and
audiences are covered.
"""

from __future__ import annotations

import html as html_lib
import re
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt

PAPERS = ("letter", "a4")
PAGE_SIZE_PTS = {"letter": (612, 792), "a4": (595, 842)}
_MD = MarkdownIt("commonmark", {"html": False})
_CITATION = re.compile(r"\[@[^\]]*\]")
_PLACEHOLDER = re.compile(r"\[\[[^\]]*\]\]")


def pdf_info(path: Path) -> dict:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    info = {}
    for line in out.splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def pdf_pages(path: Path) -> int:
    return int(pdf_info(path)["Pages"])


def pdf_page_size(path: Path) -> tuple[float, float]:
    m = re.match(r"([\d.]+) x ([\d.]+) pts", pdf_info(path)["Page size"])
    return float(m.group(1)), float(m.group(2))


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    cmd = ["pdftotext", "-enc", "UTF-8"]
    if first:
        cmd += ["-f", str(first)]
    if last:
        cmd += ["-l", str(last)]
    return subprocess.run([*cmd, str(path), "-"], capture_output=True, text=True, check=True).stdout


def blank_pages(path: Path) -> list[int]:
    """Pages with no text at all (a blank trailing page is the classic print bug)."""
    return [n for n in range(1, pdf_pages(path) + 1) if not pdf_text(path, n, n).strip()]


def norm(text: str) -> str:
    """Text for comparison: NFKC (ligatures), straight quotes, one space, lower case."""
    text = unicodedata.normalize("NFKC", text or "")
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = text.replace("\u00ad", "")
    return " ".join(text.split()).lower()


def plain(markdown_text: str) -> str:
    """What a reader sees of module Markdown, citations and placeholders dropped, normalised."""
    text = _CITATION.sub(" ", markdown_text or "")
    text = _PLACEHOLDER.sub(" ", text)
    rendered = _MD.render(text)
    return norm(html_lib.unescape(re.sub(r"<[^>]+>", " ", rendered)))


def probes(markdown_text: str, size: int = 40) -> list[str]:
    """Pieces of a text that must appear verbatim (after `norm`) wherever the text is printed: the part before
    the first citation or placeholder, cut to whole words. Text interrupted by citations is split there."""
    pieces = re.split(r"\[@[^\]]*\]|\[\[[^\]]*\]\]|\]\([^)]*\)|[\[\]*_`]", markdown_text or "")
    out = []
    for piece in pieces:
        p = plain(piece)
        if len(p) >= 12:
            cut = p[:size].rsplit(" ", 1)[0] if len(p) > size else p
            out.append(cut.strip(" .,;:"))
    return out[:1]


def secret_probes(markdown_text: str) -> list[str]:
    """Distinctive pieces of trainer-only text (facilitator notes, answer explanations) that must never be
    printed for learners: the first 8 words of every sentence of 8 words or more (sentences are cut at
    citations, placeholders and links, which print differently from how they are written), normalised."""
    out = []
    for piece in re.split(r"\[@[^\]]*\]|\[\[[^\]]*\]\]|\]\([^)]*\)|[\[\]]", markdown_text or ""):
        for sentence in re.split(r"(?<=[.!?:;])\s+", plain(piece)):
            words = sentence.split()
            if len(words) >= 8:
                out.append(" ".join(words[:8]))
    return out


def sheet_items(content) -> list[str]:
    """The texts a handout sheet must print: headline, points, actions and every material line."""
    return [content.headline, *content.points, *content.actions,
            *(item for m in content.material for item in m.items)]


INLINE_ANSWER = re.compile(r'<details[^>]*class="course-answer"[^>]*>.*?</details>', re.S)


def html_text(path: Path, without_inline_answers: bool = False) -> str:
    """The visible text of an HTML page (tags dropped, entities decoded), normalised; optionally without the
    "Check your answer" disclosures of a track whose answers are inline."""
    text = Path(path).read_text(encoding="utf-8")
    if without_inline_answers:
        text = INLINE_ANSWER.sub(" ", text)
    text = re.sub(r"(?is)<(script|style|svg)\b.*?</\1>", " ", text)
    text = re.sub(r"(?i)<wbr\s*/?>", "", text)  # a line-break hint, not a space
    return norm(html_lib.unescape(re.sub(r"<[^>]+>", " ", text)))




def handout_tracks(output):
    """(audience, views) for every published audience that gets handouts."""
    return [(a, output.tracks.get(a.id, [])) for a in output.course.published_audiences()
            if "handout" in a.formats]


@cache
def _learner_corpus(output_id: int) -> str:
    output = _OUTPUTS[output_id]
    parts = []
    for views in output.tracks.values():
        for v in views:
            parts.append(v.learner_text())
            parts += [d for _, d in v.terms]
            for sec in v.sections:  # figures: flow steps and chart rows are learner text too
                parts += [x for x in sec.figure_text() if x]
            # Printed activity materials (cards, briefs, worksheets) are handed to participants.
            activities = {a.id for a in v.activities}
            for spec in v.module.data.get("print_materials") or []:
                if spec.get("activity") in activities:
                    parts += [spec.get("instructions", ""), *spec.get("labels", []), *spec.get("questions", []),
                              *(f"{c.get('title', '')} {c['text']}" for c in spec.get("cards", []))]
    return " ".join(plain(p) for p in parts)


_OUTPUTS: dict = {}


def trainer_only_probes(output, audience_id: str) -> list[str]:
    """Probes of every facilitator note and (where answers stay in the guide) answer explanation of an audience's
    track, minus any phrase that learners legitimately read too (an explanation may quote the lesson)."""
    _OUTPUTS[id(output)] = output
    learner = _learner_corpus(id(output))
    found = []
    for view in output.tracks.get(audience_id, []):
        for a in view.activities:
            found += secret_probes(a.facilitator_notes)
        if view.audience.answers == "guide":  # an inline track shows its explanations to learners
            for q in view.questions:
                found += secret_probes(q.explanation)
    return [p for p in dict.fromkeys(found) if p not in learner]


# A module whose handout cannot fit its page (the PDF tests fill it with long points and items).
LONG_MODULE = """\
id: longread
title: A lesson with far too much to say
version: "1.0"
last_reviewed: 2026-11-01
review_every_months: 12
order: 20
topics: [privacy]
audiences: [patrons]
summary: A lesson written to overflow its handout.
objectives: [Notice when a handout is too long.]
key_points:
{points}
actions: [Ask the library what it keeps.]
key_terms: [threshold]
sections:
  - id: body
    title: Body
    body: Some text.
self_check:
  - {{id: q1, question: One?, choices: [{{text: "Yes", why: "Right."}}, {{text: "No", why: "Wrong."}},
      {{text: "Maybe", why: "Wrong."}}], answer: 1, explanation: Because.}}
  - {{id: q2, question: Two?, choices: [{{text: "Yes", why: "Right."}}, {{text: "No", why: "Wrong."}},
      {{text: "Maybe", why: "Wrong."}}], answer: 1, explanation: Because.}}
  - {{id: q3, question: Three?, choices: [{{text: "Yes", why: "Right."}}, {{text: "No", why: "Wrong."}},
      {{text: "Maybe", why: "Wrong."}}], answer: 1, explanation: Because.}}
sources: [nistir8280]
handout:
  patrons:
    headline: A lesson written to overflow its handout.
    actions: [Ask the library what it keeps., Read the questions below., Keep this sheet.]
    material:
      - title: Far too many questions
        kind: questions
        items:
{items}
"""


def answer_follows_question(q, text: str) -> bool:
    """The question, then (right after it) "Answer: <n>. <the text of choice n>": a bare "answer: 1." anywhere on
    the page, which almost every guide has, proves nothing about this question."""
    question = probes(q.question)[0] if probes(q.question) else plain(q.question)
    right = q.choices[q.answer - 1]
    right_text = probes(right, 25)[0] if probes(right, 25) else plain(right)
    expected = f"answer: {q.answer}. {right_text}"
    start = text.find(question)
    while start != -1:
        end = start + len(plain(q.question)) + 40  # the question's own text, then its answer line
        if expected in text[start:end + len(expected)]:
            return True
        start = text.find(question, start + 1)
    return False
