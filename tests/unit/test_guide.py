"""The facilitator guide: timed plans, notes and answer key, on the guide page only, and never in search."""

from __future__ import annotations

import yaml

from macros.course.render.guide import render_guide
from support.kit import answer_follows_question
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




def test_an_answer_is_checked_against_its_own_question():
    q = type("Q", (), {"question": "Who sets the threshold?", "choices": ["The camera", "The vendor"], "answer": 2})
    assert answer_follows_question(q, "who sets the threshold? answer: 2. the vendor it is set.")
    assert not answer_follows_question(q, "who sets the threshold? answer: 1. the camera. other: answer: 2.")
    assert not answer_follows_question(q, "who sets the threshold? answer: 2. the camera")
