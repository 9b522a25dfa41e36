"""The output guard: a built page, search-index entry or PDF that shows a leftover fails the build, named.

Also the root causes it guards against: placeholders inside a flow's steps were never filled, and a settings
value that opens a sentence kept its lower-case first letter.
"""

from __future__ import annotations

import json

import pytest

from macros.course.export.output_guard import check_site, find_leftovers, pdf_text, report, visible_text
from macros.course.model import Settings
from macros.course.view.lesson import fill, fill_deep

SETTINGS = Settings(contact="your library's director or privacy officer", organization="your library")
VALUES = ["your library's director or privacy officer", "your library"]


@pytest.mark.parametrize("html, what, excerpt", [
    ("<p>Call [[contact]] at once.</p>", "an unfilled placeholder", "Call [[contact]] at once."),
    ("<p>Hello {{ name }} there.</p>", "template code", "Hello {{ name }} there."),
    ("<li>{% if x %} shown</li>", "template code", "{% if x %} shown"),
    ("<p>Check this TODO later.</p>", "a TODO note", "Check this TODO later."),
    ("<p>I can't do that myself. your library's director or privacy officer can.</p>",
     "a sentence starts in lower case with a settings value",
     "I can't do that myself. your library's director or privacy officer can."),
    ("<td>your library</td>", "a sentence starts in lower case with a settings value", "your library"),
])
def test_each_kind_of_leftover_is_found_with_its_page_and_text(html, what, excerpt):
    found = find_leftovers(visible_text(html), "staff/staff-responding/index.html", VALUES)
    assert [str(f) for f in found] == [f'staff/staff-responding/index.html: {what}: "{excerpt}"']


@pytest.mark.parametrize("html", [
    "<p>Ask your library's director or privacy officer.</p>",   # mid-sentence: fine
    "<p>Write <code>[[contact]]</code> or <code>{{</code> in a module.</p>",  # code shows syntax on purpose
    "<pre><code>{% raw %} TODO [[x]]</code></pre>",
    "<script>var a = [[1]]; // TODO</script><style>a{}</style>",
    "<p>The word TODOS and mastodon are fine.</p>",
    "<p>Done. Your library's director or privacy officer can.</p>",
])
def test_clean_text_passes(html):
    assert find_leftovers(visible_text(html), "page.html", VALUES) == []


def test_a_source_line_break_inside_a_paragraph_is_not_a_new_sentence():
    html = "<p>Our policy is posted at\nyour library's website.</p>"
    assert find_leftovers(visible_text(html), "p.html", ["your library's website"]) == []


def test_check_site_reads_pages_the_search_index_and_pdf_text(tmp_path):
    (tmp_path / "staff" / "x").mkdir(parents=True)
    (tmp_path / "staff" / "x" / "index.html").write_text("<html><body><p>Clean text.</p></body></html>")
    (tmp_path / "about").mkdir()
    (tmp_path / "about" / "index.html").write_text("<p>Version TODO.</p>")
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps({"docs": [
        {"location": "staff/x/", "title": "X", "text": "<p>Clean.</p>"},
        {"location": "staff/x/#requests", "title": "Requests", "text": "<p>Call [[contact]] at once.</p>"}]}))
    found = check_site(tmp_path, SETTINGS, {"staff/pdf/staff-x-letter.pdf": "Fine.\nOK. your library can help."})
    assert [str(f) for f in found] == [
        'about/index.html: a TODO note: "Version TODO."',
        'search index: staff/x/#requests: an unfilled placeholder: "Call [[contact]] at once."',
        'staff/pdf/staff-x-letter.pdf: a sentence starts in lower case with a settings value: '
        '"OK. your library can help."',
    ]
    assert report(found).startswith("The built site shows 3 leftover(s) that readers must not see:\n"
                                    '  about/index.html: a TODO note: "Version TODO."\n')


def test_pdf_text_is_the_laid_out_text():
    from weasyprint import HTML

    doc = HTML(string="<p>First line. your library</p><ul><li>Call [[contact]]</li></ul>").render()
    text = pdf_text(doc)
    assert text == "First line. your library\n• Call [[contact]]"
    found = find_leftovers(text, "x.pdf", ["your library"])
    assert [f.what for f in found] == ["an unfilled placeholder",
                                       "a sentence starts in lower case with a settings value"]


@pytest.mark.parametrize("text, expected", [
    ("I can't look myself. [[contact]] can tell you.", "I can't look myself. Your library's director or privacy officer can tell you."),
    ("Call [[contact]] at once.", "Call your library's director or privacy officer at once."),
    ("[[organization]] decides.", "Your library decides."),
    ("- [[organization]] decides.", "- Your library decides."),
    ('> "I can\'t share it myself.\n> [[organization]] can."', '> "I can\'t share it myself.\n> Your library can."'),
    ("posted by\n[[organization]] staff.", "posted by\nyour library staff."),  # a wrapped line goes on
    ("First.\n\n[[organization]] staff.", "First.\n\nYour library staff."),
    ("Ask [[organization]]'s contact.", "Ask your library's contact."),
])
def test_a_value_that_opens_a_sentence_is_capitalized(text, expected):
    assert fill(text, SETTINGS) == expected


def test_placeholders_in_a_flows_steps_are_filled():
    flow = {"title": "Handling a request", "steps": [{"label": "Contact", "detail": "Call [[contact]] at once."}]}
    assert fill_deep(flow, SETTINGS)["steps"][0]["detail"] == \
        "Call your library's director or privacy officer at once."
