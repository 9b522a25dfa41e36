"""Hostile module text, as properties over generated input (Hypothesis; the `ci` profile in tests/conftest.py
makes every run try the same examples).

The fixture files in tests/fixtures/hostile/ hold one example of each attack; here the attacks are mixed with each
other and with arbitrary text, so a defence that only works for the exact fixture string fails:
- validation reports every kind of active content wherever it sits in a text (the first wall);
- whatever validation said, rendering with the site's Markdown extensions leaves no script, no event handler and
  no script-capable link (the second wall: macros/course/render/safe_markdown.py);
- the YAML loader reports bad input as located problems and never raises.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
from hypothesis import given
from hypothesis import strategies as st

from macros.course.load.located_yaml import load_text
from macros.course.problems import Location, Problems
from macros.course.render.safe_markdown import SafeMarkdown
from macros.course.text_checks import TextContext, check_text

# One of each kind of attack the course defends against, each a fragment a module author could paste.
ACTIVE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<a href="javascript:alert(3)">x</a>',
    "<iframe srcdoc='<script>alert(4)</script>'></iframe>",
    "[click](javascript:alert(5))",
    "[click](JaVaScRiPt:alert(document.domain))",
    "[x](vbscript:msgbox(6))",
    "![pic](data:text/html;base64,PHNjcmlwdD4=)",
    '{: onclick="alert(7)" }',
    '{: style="background:url(javascript:alert(8))" }',
    "{{ config.__class__ }}",
    "{% for x in range(3) %}LOOP{% endfor %}",
]
HARMLESS = ["A match is a score.", "# A heading", "*stress*", "`code`", "- item", "> quote", '"quoted"',
            "x\" onmouseover=\"alert(9)", "[a link](https://example.org/)", "|a|b|\n|-|-|\n|1|2|", "\n\n", "  "]

texts = st.lists(st.one_of(st.sampled_from(ACTIVE + HARMLESS), st.text(max_size=20)), min_size=1,
                 max_size=8).map(" ".join)
with_attack = st.tuples(texts, st.sampled_from(ACTIVE), texts).map(lambda parts: "\n".join(parts))


class _Elements(HTMLParser):
    """Every element and attribute of rendered HTML (what a browser would act on)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


UNSAFE_TAGS = {"script", "iframe", "object", "embed", "style", "form", "base", "meta", "link"}
UNSAFE_URL = re.compile(r"^\s*(javascript|vbscript|data|file):", re.I)


def render(text: str) -> str:
    """Module text as the site renders a page: mkdocs.yml's Markdown extensions plus the course's safe Markdown."""
    return markdown.markdown(text, extensions=["toc", "admonition", "attr_list", "tables", "def_list",
                                               "pymdownx.details", SafeMarkdown()])


def active_parts(html: str) -> list[str]:
    parser = _Elements()
    parser.feed(html)
    found = []
    for tag, attrs in parser.found:
        if tag in UNSAFE_TAGS:
            found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc"):
                found.append(f"<{tag} {name}=...>")
            elif name in ("href", "src", "action", "formaction", "poster") and UNSAFE_URL.match(value or ""):
                found.append(f"<{tag} {name}={value!r}>")
    return found


@given(text=texts)
def test_rendered_text_is_inert_whatever_it_holds(text):
    assert active_parts(render(text)) == [], f"active content rendered from {text!r}"


@given(text=with_attack)
def test_validation_reports_active_content_anywhere_in_a_text(text):
    problems = Problems()
    check_text(text, Location("modules/m.yml", 10, 7), "body", TextContext(frozenset(), frozenset()), problems,
               needs_citations=False)
    assert problems.errors, f"no error for {text!r}"


def test_the_inertness_check_can_fail():
    assert active_parts('<p onclick="x"><a href="JavaScript:alert(1)">a</a><script></script></p>') == [
        "<p onclick=...>", "<a href='JavaScript:alert(1)'>", "<script>"]


@given(text=st.text(max_size=200) | texts.map(lambda t: f"title: {t}\nbody: |\n  {t}\n"))
def test_the_yaml_loader_never_raises_and_locates_what_it_refuses(text):
    problems = Problems()
    load_text(text, "m.yml", problems)
    lines = text.count("\n") + 2
    for problem in problems.items:
        assert problem.location.path == "m.yml"
        assert 1 <= (problem.location.line or 1) <= lines, str(problem)
