"""The facilitator guide: timed plans, notes and answer key, on the guide page only, and never in search."""

from __future__ import annotations

import json
import re

from macros.course.view.session_plan import LENGTHS
from support.kit import INLINE_ANSWER, answer_follows_question, html_text, norm, trainer_only_probes
from support.project import real_course

MARKERS = ("FACILITATORSECRET", "ANSWERSECRET")


def _is_guide(site, path) -> bool:
    parts = path.relative_to(site).parts
    return len(parts) == 3 and parts[1] == "guide"


def _search_docs(site):
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_tiny_guide_has_notes_and_answers(tiny_site):
    staff = (tiny_site / "staff" / "guide" / "index.html").read_text(encoding="utf-8")
    assert "FACILITATORSECRET" in staff and "ANSWERSECRET" in staff
    patrons = (tiny_site / "patrons" / "guide" / "index.html").read_text(encoding="utf-8")
    assert "ANSWERSECRET" in patrons
    assert "FACILITATORSECRET" not in patrons, "a staff-only activity's notes reached the patrons guide"


INLINE = ("patrons", "legislators")  # tiny's self-paced audiences: answers inline, inside their disclosures


def test_tiny_trainer_text_nowhere_else(tiny_site):
    pages = [p for p in tiny_site.rglob("*.html") if not _is_guide(tiny_site, p)]
    assert len(pages) > 5
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if page.relative_to(tiny_site).parts[0] in INLINE:
            text = INLINE_ANSWER.sub("", text)
        for marker in MARKERS:
            assert marker not in text, f"{marker} leaked into {page.relative_to(tiny_site)}"
    docs = _search_docs(tiny_site)
    assert docs, "empty search index"
    assert not [d["location"] for d in docs if "guide" in d["location"]], "the guide is in the search index"
    for d in docs:
        for marker in MARKERS:
            assert marker not in d["text"] and marker not in d["title"], f"{marker} in search: {d['location']}"
    # The check can fail: the same index does hold the lesson's learner text (a section body).
    assert any("compares templates" in d["text"].lower() for d in docs)


def _plan_tables(text_html: str) -> dict:
    """{length: (sum of the minutes column, printed total)} from a guide page's plan tables."""
    out = {}
    for length in LENGTHS:
        m = re.search(rf"<h3[^>]*>{length}-minute session</h3>(.*?)</table>\s*<p><strong>Total: (\d+) of (\d+) "
                      r"minutes\.</strong>", text_html, re.S)
        assert m, f"no {length}-minute plan"
        minutes = [int(x) for x in re.findall(r"<tr>\s*<td>\d+:\d\d</td>\s*<td>(\d+)</td>", m.group(1))]
        assert int(m.group(3)) == length
        out[length] = (sum(minutes), int(m.group(2)))
    return out


def test_real_guides_complete_and_plans_add_up(real_site):
    output = real_course()
    checked = 0
    for audience in output.course.published_audiences():
        if "guide" not in audience.formats:
            continue
        path = real_site / audience.id / "guide" / "index.html"
        assert path.exists(), f"no facilitator guide for {audience.id}"
        raw = path.read_text(encoding="utf-8")
        for length, (added, total) in _plan_tables(raw).items():
            assert added == total <= length, f"{audience.id}: {length}-minute plan: {added} / {total}"
        text = html_text(path)
        for probe in trainer_only_probes(output, audience.id):
            assert probe in text, f"{audience.id} guide lacks trainer text: {probe!r}"
        views = output.tracks[audience.id]
        for v in views:
            for q in v.questions:
                assert answer_follows_question(q, text), f"{audience.id}/{v.id}: answer to {q.id} missing or wrong"
        checked += 1
    assert checked




def test_real_trainer_text_only_in_guides(real_site):
    output = real_course()
    probes = {p for a in output.course.published_audiences() for p in trainer_only_probes(output, a.id)}
    assert len(probes) > 20, "too few facilitator notes and explanations to make this test meaningful"
    inline = {a.id for a in output.course.published_audiences() if a.answers == "inline"}
    for page in real_site.rglob("*.html"):
        if _is_guide(real_site, page):
            continue
        # Inline tracks show answers under their questions, by design: nowhere else.
        text = html_text(page, without_inline_answers=page.relative_to(real_site).parts[0] in inline)
        leaked = [p for p in probes if p in text]
        assert not leaked, f"trainer-only text on {page.relative_to(real_site)}: {leaked[:3]}"
    docs = _search_docs(real_site)
    assert not [d["location"] for d in docs if re.match(r"[a-z-]+/guide/", d["location"])]
    corpus = norm(" ".join(d["text"] for d in docs))
    leaked = [p for p in probes if p in corpus]
    assert not leaked, f"trainer-only text in the search index: {leaked[:3]}"
