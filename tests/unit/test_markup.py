"""The course markup (macros/course/markup.py): citations, placeholders, cross-references and links.

Unit tests, in-process; hostile input included: module text is other people's data.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from macros.course import markup
from macros.course.markup import (
    citation_keys,
    citations_in,
    cite,
    fill_placeholders,
    links,
    md_escape,
    module_links,
    plain_cite,
    rebase,
    strip_citations,
    unlink,
)


@dataclass
class _Source:
    short: str


SOURCES = {"nist-frvt": _Source("NIST 2019"), "odd": _Source("Smith [2020] *et al.*")}


# --- citations ------------------------------------------------------------------------------------------------

def test_citations_in_lists_every_key_in_order_and_skips_malformed_parts():
    assert citations_in("A [@nist-frvt]. B [@odd; @nist-frvt]. C [@Bad Key; @ok]. D [see @x].") == [
        "nist-frvt", "odd", "nist-frvt", "ok"]
    assert citations_in("") == [] and citations_in(None) == []


def test_citation_keys_marks_each_part_that_is_not_a_key():
    assert citation_keys("@a; @b-2 ;@C; @") == ["a", "b-2", None, None]


def test_cite_links_each_key_to_the_sources_page_and_escapes_the_label():
    assert cite("Rates differ [@nist-frvt; @odd].", SOURCES, "../sources.md") == (
        "Rates differ ([NIST 2019](../sources.md#src-nist-frvt); "
        "[Smith \\[2020\\] \\*et al.\\*](../sources.md#src-odd)).")
    assert cite("Rates differ [@nist-frvt].", SOURCES, None) == "Rates differ (NIST 2019)."
    assert cite("Rates differ [@nist-frvt].", SOURCES, "") == "Rates differ ([NIST 2019](#src-nist-frvt))."
    assert cite("[@unknown]", SOURCES, None) == "(unknown)"


def test_plain_cite_and_strip_citations():
    assert plain_cite("A [@odd; @nist-frvt]", SOURCES) == "A (Smith [2020] *et al.*; NIST 2019)"
    assert strip_citations("A [@odd; @nist-frvt] b") == "A  b"


# --- placeholders ---------------------------------------------------------------------------------------------

def test_placeholders_are_found_with_spaces_inside_and_never_across_lines():
    text = "Ask [[contact]] or [[ organization ]]; not [[two\nlines]] or [single]."
    assert [m.group(1) for m in markup.placeholders(text)] == ["contact", "organization"]
    assert fill_placeholders(text, lambda m: m.group(1).upper()) == (
        "Ask CONTACT or ORGANIZATION; not [[two\nlines]] or [single].")


def test_md_escape_shows_markup_characters_literally():
    assert md_escape("[[x]] <b>*y*</b> `z` #1 | a_b") == "\\[\\[x\\]\\] \\<b\\>\\*y\\*\\</b\\> \\`z\\` \\#1 \\| a\\_b"


# --- links ----------------------------------------------------------------------------------------------------

def test_links_are_found_as_commonmark_reads_them():
    text = ('See [a](../sources.md#src-x), `[code](../x)`, \\[escaped](y), [t](glossary.md "Title"), '
            "[p](a(b)c), [sp]( spaced.md ), [e]() and [ref][1].")
    found = [(link.label, link.destination) for link in links(text)]
    assert found == [("a", "../sources.md#src-x"), ("t", "glossary.md"), ("p", "a(b)c"), ("sp", "spaced.md"),
                     ("e", "")]
    first = links(text)[0]
    assert text[first.start:first.end] == "[a](../sources.md#src-x)"


def test_a_code_span_of_two_backticks_hides_a_link_with_one_backtick_inside():
    assert links("``a ` [x](y) ``") == []
    assert [link.destination for link in links("`unclosed [x](y)")] == ["y"]


def test_rebase_moves_relative_links_up_one_folder_and_leaves_the_rest():
    text = ("[s](../sources.md#src-x) [h](handout.md) [m](../bias/) [a](../../about.md) [w](https://a.org/x) "
            "[mail](mailto:a@b.org) [anchor](#top) [root](/x) `[c](../code)`")
    assert rebase(text, "privacy/") == (
        "[s](sources.md#src-x) [h](privacy/handout.md) [m](bias/) [a](../about.md) [w](https://a.org/x) "
        "[mail](mailto:a@b.org) [anchor](#top) [root](/x) `[c](../code)`")


def test_unlink_keeps_what_it_is_told_to_keep():
    text = "[lesson](../bias/index.md) and [site](https://a.org) and [src](#src-a)"
    assert unlink(text) == "lesson and site and src"
    assert unlink(text, keep=lambda link: link.destination.startswith("https://")) == (
        "lesson and [site](https://a.org) and src")


def test_hostile_text_is_returned_unchanged_and_quickly():
    hostile = [
        "[" * 5000 + "x" + "](" * 5000,
        "](" * 10000,
        "`" * 3000 + "[a](b)",
        "\\" * 4001 + "[a](b)",
        "[a](<unclosed",
        "[a](b \"unclosed title",
        "[a](javascript:alert(1))",
        "\x00[a](\x00)",
        "[[[[contact]]]]](module:)",
    ]
    for text in hostile:
        assert rebase(text, "m/") in (text, text.replace("[a](b)", "[a](m/b)"))
    assert unlink("[a](javascript:alert(1))") == "a"
    assert links("[a](javascript:alert(1))")[0].relative is False


# --- cross-references -----------------------------------------------------------------------------------------

def test_module_links_use_the_base_of_the_page_they_are_on():
    text = "See the [bias lesson](module:bias#rates). It matters."
    assert module_links(text, {"bias"}, {"bias"}) == "See the [bias lesson](../bias/index.md#rates). It matters."
    assert module_links(text, {"bias"}, {"bias"}, base="") == "See the [bias lesson](bias/index.md#rates). It matters."
    assert module_links(text, set(), {"bias"}) == "It matters."


def test_older_path_links_become_plain_words_where_the_track_lacks_the_lesson():
    assert module_links("Read [this](../bias/).", set(), {"bias"}) == "Read this."
    assert module_links("Read [this](../other/).", set(), {"bias"}) == "Read [this](../other/)."


# --- properties -----------------------------------------------------------------------------------------------

# Text made of the characters and pieces the link grammar turns on.
_PIECES = list("[]()<>`\\\"'#/.: \nab@-") + ["../", "module:", "https://", "[[contact]]", "[@src]", "](", "`x`"]
_MARKUP = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_MARKUP)
def test_every_link_found_is_a_span_of_the_text_that_starts_and_ends_as_a_link(text):
    for link in links(text):
        span = text[link.start:link.end]
        assert span.startswith("[") and span.endswith(")")
        assert text[link.dest_start:link.dest_end] == link.destination
        assert link.start < link.dest_start <= link.dest_end < link.end


@settings(max_examples=300, deadline=None)
@given(_MARKUP)
def test_unlinking_replaces_exactly_each_link_by_its_label(text):
    found = links(text)
    assert unlink(text, keep=lambda link: True) == text
    expected, last = [], 0
    for link in found:
        expected += [text[last:link.start], link.label]
        last = link.end
    assert unlink(text) == "".join(expected) + text[last:]


@settings(max_examples=300, deadline=None)
@given(_MARKUP)
def test_rebasing_keeps_every_label_and_every_link_that_is_not_relative(text):
    rebased = links(rebase(text, "m/"))
    assert [link.label for link in rebased] == [link.label for link in links(text)]
    assert [link.destination for link in rebased if not link.relative] == [
        link.destination for link in links(text) if not link.relative]
