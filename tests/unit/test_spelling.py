"""The US English spelling check: British forms in module text are located warnings with the US form as the fix."""

from __future__ import annotations

import yaml

from macros.course.problems import Location, Problems
from macros.course.text_checks import TextContext, check_text, spelling_rule
from support.project import REPO

WORDS = yaml.safe_load((REPO / "data" / "spelling.yml").read_text())["us_english"]
CTX = TextContext(frozenset({"k"}), frozenset({"contact"}), spelling=spelling_rule(WORDS))


def _check(text: str) -> list[str]:
    problems = Problems()
    check_text(text, Location("modules/m.yml", 5, 7), "body", CTX, problems,
               line_of=lambda n, snippet="": Location("modules/m.yml", 5 + n, 7))
    return [("warning: " if p.warning else "") + str(p) for p in problems.items]


def test_the_common_british_forms_are_listed_with_their_us_forms():
    for british, us in [("licence", "license"), ("colour", "color"), ("practise", "practice"),
                        ("organisation", "organization"), ("behaviour", "behavior"), ("favour", "favor"),
                        ("centre", "center"), ("analyse", "analyze"), ("catalogue", "catalog"),
                        ("judgement", "judgment"), ("recognised", "recognized"), ("labelled", "labeled")]:
        assert WORDS[british] == us


def test_a_british_spelling_is_a_located_warning_with_the_us_form():
    assert _check("First line.\nThe Colour of a driver's licence photo.") == [
        'warning: modules/m.yml:6:7: body: uses the British spelling "Colour" (write "Color"; the course uses US English) [us-spelling]',
        'warning: modules/m.yml:6:7: body: uses the British spelling "licence" (write "license"; the course uses US English) [us-spelling]',
    ]


def test_quotations_citations_links_and_code_keep_their_spelling():
    assert _check('The ICO said "the organisation must stop" [@k]. See [a](https://x.org/colour) and `centre`.') == []
    assert _check("US words pass: color, license, practice, analyses, enrolled, dialogue.") == []
