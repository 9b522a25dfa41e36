"""The YAML loader: plain data only, every value located, nothing lost silently."""

from macros.course.load_yaml import load_text
from macros.course.problems import Problems


def load(text):
    problems = Problems()
    loaded = load_text(text, "m.yml", problems)
    return loaded, [str(p) for p in problems.sorted()]


def test_locations_are_one_based_line_and_column():
    loaded, problems = load("id: x\nsections:\n  - id: a\n    body: hi\n")
    assert problems == []
    assert str(loaded.where(("sections", 0, "body"))) == "m.yml:4:11"
    assert str(loaded.where(("sections", 0, "missing"))) == "m.yml:3:5"  # nearest parent


def test_python_tags_are_refused_not_constructed():
    loaded, problems = load("title: !!python/object/apply:os.system [echo pwned]\n")
    assert problems == ["m.yml:1:8: title: the YAML tag !!python/object/apply:os.system is not allowed "
                        "(module files hold plain text, numbers, lists and mappings only; remove the tag)"]
    assert loaded.data == {"title": None}


def test_custom_tags_are_refused():
    _, problems = load("a: !include other.yml\n")
    assert problems == ["m.yml:1:4: a: the YAML tag !include is not allowed "
                        "(module files hold plain text, numbers, lists and mappings only; remove the tag)"]


def test_duplicate_keys_are_reported_not_dropped():
    _, problems = load("id: a\ntitle: One\ntitle: Two\n")
    assert problems == ['m.yml:3:1: title: "title" appears twice in the same mapping '
                        "(remove one of them; YAML would silently keep only the last)"]


def test_impossible_dates_are_located():
    loaded, problems = load("last_reviewed: 2026-02-30\n")
    assert problems == ['m.yml:1:16: last_reviewed: "2026-02-30" is not a real date (write a date as YYYY-MM-DD)']


def test_dates_become_iso_text():
    loaded, _ = load("last_reviewed: 2026-02-03\n")
    assert loaded.data == {"last_reviewed": "2026-02-03"}


def test_syntax_errors_are_located_and_do_not_raise():
    _, problems = load("id: a\ntitle: [unclosed\n")
    assert len(problems) == 1
    assert problems[0].startswith("m.yml:3:1: YAML syntax error:")


def test_empty_file():
    _, problems = load("")
    assert problems == ["m.yml:1:1: the file is empty (start from a template: course new)"]


def test_yaml_bomb_aliases_do_not_expand_into_text():
    # Aliases are resolved as plain data; a "billion laughs" document stays small because keys point to the
    # same constructed lists. The loader must finish and return data without raising.
    text = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    loaded, problems = load(text)
    assert problems == []
    assert loaded.data["c"][0][0] == ["x", "x"]
