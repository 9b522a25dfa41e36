"""The output guard's fast reading of HTML gives the same visible text as html.parser, and its look back for a
sentence break finds the same places as the _SENTENCE_BREAK pattern it replaces.

The reference below is the guard's former reader (html.parser, about four times slower); it lives here only to
hold the fast one to it.
"""

from __future__ import annotations

import re

import pytest

from macros.course.export.output_guard import (
    _SENTENCE_BREAK,
    _opens_sentence,
    visible_text,
)
from support.html_reference import reference_text

TRICKY = [
    "a < b &amp; c <p>x</p>", "<p>[<span>[</span>x</p>", "<p title='a>b'>T[[</p>", '<p title="a>b">T[[</p>',
    "<script>if (a<b) {x='</p>'}</script>[[", "<SCRIPT>x</Script >y", "<pre><code>a</code>b</pre>c",
    "<br/>x<br>y<p/>z", "<!-- [[x]] -->y", "<!doctype html><html>ok", "<code/>TODO", "<style>p{}</style>a",
    "x&#91;&#91;y", "a\nb<li>c\nd</li>", "<template><p>x</p></template>y", "</ p>z", "<p>open <script>var x",
    "<a href=x>y</a >", "&lt;script&gt;", "<p>x</p\n>y", "<img alt='>' src=x>z", "<div\nclass=x>q</div>",
    "< p>no tag</p>", "a<b", "<?xml x?>t", "<![CDATA[x]]>y", "<pre>a<p>b</p>c</pre>d", "x&#10;y",
    "<code><code>a</code>b</code>c", "</code>a<code>b", "<p class=x/>y", "<pre/>z", "<script/>shown", "<P>A</P>B",
    "<details><summary>S</summary>T</details>", "<td>a</td><td>b</td>", "&am<b>p;x", "&am<code></code>p;",
    "&#9<b>1;", "<script type='a>b'>[[</script>c", "<style>x</STYLE>[[", "<scripts>a</scripts>b",
    "<p>a</p><!-- x -- >b", "Do this.\x00 your library", "<p>&nbsp;your&#x20;library&rsquo;s</p>",
]


@pytest.mark.parametrize("html_text", TRICKY)
def test_reads_html_as_html_parser_does(html_text):
    expected = reference_text(html_text).replace("\x00", "\ufffd")  # control characters are shown as such
    assert visible_text(html_text) == expected


@pytest.mark.parametrize("text", [
    "your library", "Done. your library", "Done.  your library", "Done.\tyour library", 'Done." your library',
    "Done.) your library", 'Done. "your library', "Done. (“your library", "Done.your library",
    "Done, your library", "Ask your library", "Done! your library", "Why? your library", "a\nyour library",
    "Done.' 'your library", "x' your library", "Done.]  (your library", ". your library", " your library",
])
def test_the_look_back_finds_what_the_sentence_break_pattern_finds(text):
    value = "your library"
    start = text.rindex(value)
    by_pattern = any(m.end() - len(value) == start
                     for m in re.finditer(_SENTENCE_BREAK + re.escape(value), text, re.M))
    assert _opens_sentence(text, start) == by_pattern
