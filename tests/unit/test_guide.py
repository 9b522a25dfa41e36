"""The facilitator guide: timed plans, notes and answer key, on the guide page only, and never in search."""

from __future__ import annotations

import yaml

from macros.course.render.guide import render_guide
from support.kit import plain, probes
from support.project import real_course


def test_guide_front_matter_excludes_search():
    output = real_course()
    for audience in output.course.published_audiences():
        if "guide" not in audience.formats:
            continue
        page = render_guide(audience, output.tracks[audience.id], output.course)
        meta = yaml.safe_load(page.markdown.split("---\n")[1])
        assert page.path == f"{audience.id}/guide.md"
        assert meta["search"] == {"exclude": True} and meta["render_macros"] is False


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


def test_an_answer_is_checked_against_its_own_question():
    q = type("Q", (), {"question": "Who sets the threshold?", "choices": ["The camera", "The vendor"], "answer": 2})
    assert answer_follows_question(q, "who sets the threshold? answer: 2. the vendor it is set.")
    assert not answer_follows_question(q, "who sets the threshold? answer: 1. the camera. other: answer: 2.")
    assert not answer_follows_question(q, "who sets the threshold? answer: 2. the camera")
