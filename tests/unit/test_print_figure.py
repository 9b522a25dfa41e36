"""Paper gets one drawing per figure: the page's phone drawing (shown by CSS on small screens) stays off it."""

from pathlib import Path

from macros.course.check.course import load_course
from macros.course.render.handout import print_figure_html
from macros.course.view.lesson import track

REPO = Path(__file__).resolve().parents[2]


def test_every_print_figure_holds_one_drawing():
    course, problems = load_course(REPO)
    assert not problems.errors
    counts = {}
    for audience in course.published_audiences():
        for view in track(course, audience):
            for section in view.sections:
                if section.chart or section.flow:
                    counts[f"{audience.id}/{view.id}#{section.id}"] = print_figure_html(section, course, course.ui(audience)).count("<svg")
    assert counts and set(counts.values()) == {1}, {k: v for k, v in counts.items() if v != 1}
