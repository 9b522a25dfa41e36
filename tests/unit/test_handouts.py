"""Handout pages: /<audience>/<module>/handout/ for every lesson, learner content only, a way back online."""

from __future__ import annotations

from macros.course.build import compile_course
from macros.course.render.handout import handout_content, qr_svg, render_handout


def test_qr_code_points_at_the_lesson_without_tracking(tiny_project):
    output = compile_course(tiny_project)
    assert not output.problems.errors
    course = output.course
    course.settings.site_url = "https://www.library.example.org/course/"
    view = output.tracks["patrons"][0]
    page = render_handout(view, course)
    url = "https://www.library.example.org/course/patrons/basics/"
    fragments = "".join(page.fragments.values())
    assert qr_svg(url) in fragments, "the QR code must encode exactly the lesson address"
    assert "?" not in url and "utm" not in fragments
    assert handout_content(view, course).printed_url == "library.example.org/course/patrons/basics/"
    # The code is the one for the bare address: an address with tracking parameters would draw another code.
    assert qr_svg(url) != qr_svg(url + "?utm_source=handout")
    assert 'href="https://www.library.example.org/course/patrons/basics/"' in fragments
    course.settings.site_url = ""
    bare = render_handout(view, course)
    bare_html = "".join(bare.fragments.values())
    assert "course-qr" not in bare_html and "/<wbr>patrons/<wbr>basics/<wbr>" in bare_html
