"""The YAML loader: plain data only, every value located, nothing lost silently."""

from macros.course.load.located_yaml import load_text
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
                        "(module files hold plain text, numbers, lists and mappings only; remove the tag) [yaml-tag]"]
    assert loaded.data == {"title": None}


def test_custom_tags_are_refused():
    _, problems = load("a: !include other.yml\n")
    assert problems == ["m.yml:1:4: a: the YAML tag !include is not allowed "
                        "(module files hold plain text, numbers, lists and mappings only; remove the tag) [yaml-tag]"]


def test_duplicate_keys_are_reported_not_dropped():
    _, problems = load("id: a\ntitle: One\ntitle: Two\n")
    assert problems == ['m.yml:3:1: title: "title" appears twice in the same mapping '
                        "(remove one of them; YAML would silently keep only the last) [duplicate-key]"]


def test_impossible_dates_are_located():
    loaded, problems = load("last_reviewed: 2026-02-30\n")
    assert problems == ['m.yml:1:16: last_reviewed: "2026-02-30" is not a real date (write a date as YYYY-MM-DD) [invalid-date]']


def test_dates_become_iso_text():
    loaded, _ = load("last_reviewed: 2026-02-03\n")
    assert loaded.data == {"last_reviewed": "2026-02-03"}


def test_syntax_errors_are_located_and_do_not_raise():
    _, problems = load("id: a\ntitle: [unclosed\n")
    assert len(problems) == 1
    assert problems[0].startswith("m.yml:3:1: YAML syntax error:")


def test_empty_file():
    _, problems = load("")
    assert problems == ["m.yml:1:1: the file is empty (start from a template: course new) [empty-file]"]


# ---------------------------------------------------------------------------------------------- bounded input
# Each hostile file is refused with a located error before anything is built. How long each takes is measured by
# benchmarks/input_limits_benchmark.py (well under two seconds), never asserted here.

def test_an_alias_bomb_is_refused_before_it_expands():
    # 324 bytes that would expand to 9**9 (387 million) values
    text = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    loaded, problems = load(text)
    assert loaded.data is None
    assert problems[:3] == [
        "m.yml:1:4: the YAML anchor &a is not allowed (course files do not use anchors (&name) and aliases "
        "(*name): remove it) [yaml-anchor]",
        "m.yml:2:4: the YAML anchor &b is not allowed (course files do not use anchors (&name) and aliases "
        "(*name): remove it) [yaml-anchor]",
        "m.yml:2:8: the YAML alias *a is not allowed (course files do not use anchors (&name) and aliases "
        "(*name): write the value out in full) [yaml-alias]"]
    assert len(problems) == 17  # each anchor, and the first use of each alias


def test_a_merge_key_alias_is_refused():
    _, problems = load("base: &base {title: A}\nother:\n  <<: *base\n")
    assert "m.yml:3:7: the YAML alias *base is not allowed (course files do not use anchors (&name) and aliases " \
           "(*name): write the value out in full) [yaml-alias]" in problems


def test_a_file_over_the_size_limit_is_refused(tmp_path):
    from pathlib import Path

    from macros.course.load.located_yaml import load_file

    big = tmp_path / "big.yml"
    big.write_text("body: " + "x" * 1_000_001 + "\n")
    problems = Problems()
    loaded = load_file(Path(big), "modules/big.yml", problems)
    assert loaded.data is None
    assert [str(p) for p in problems.items] == [
        "modules/big.yml:1:1: the file is larger than 1,000,000 bytes "
        "(split it into several modules; a lesson is rarely more than 50,000 bytes) [file-too-large]"]


def test_a_text_over_the_length_limit_is_located():
    _, problems = load("id: x\nsections:\n  - id: a\n    body: |\n      " + "word " * 5000 + "\n")
    assert problems == ["m.yml:4:11: a text of 25,001 characters is longer than the limit of 20,000 "
                        "(split it into several sections) [text-too-large]"]


def test_too_many_values_are_refused():
    loaded, problems = load("a:\n" + "- 1\n" * 60_000)
    assert loaded.data is None
    assert problems == ["m.yml:49999:3: the file holds more than 50,000 values (split it into several files) [too-many-values]"]


def test_too_deep_nesting_is_refused():
    loaded, problems = load("a: " + "[" * 40 + "]" * 40 + "\n")
    assert loaded.data is None
    assert problems == ["m.yml:1:33: lists and mappings are nested more than 30 deep "
                        "(check the indentation; course files need only a few levels) [nested-too-deep]"]
