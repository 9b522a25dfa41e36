"""Reading level and overlap measures: what the curriculum's targets are checked with."""

import json

import pytest

from macros.course import text_stats
from macros.course.text_stats import ReadingCache, measure_for, overlap, readable_prose, reading_grade, reading_score


def test_wrapped_lines_stay_one_sentence():
    # YAML block text wraps long sentences; a wrap must not count as a sentence end (that would flatter the grade).
    text = "Facial recognition systems compare a probe image against every\nenrolled template in a gallery."
    assert readable_prose(text) == ("Facial recognition systems compare a probe image against every enrolled "
                                    "template in a gallery.")


def test_list_items_and_headings_end_sentences():
    text = "### What to ask\n\n- Who runs the search\n- How long footage is kept [@ala-state-laws]\n"
    assert readable_prose(text) == "What to ask. Who runs the search. How long footage is kept."


def test_links_keep_their_words_and_lose_their_targets():
    assert readable_prose("Read [the policy](https://example.org/p) today") == "Read the policy today."


def test_grade_rises_with_long_words_and_sentences():
    easy = "The cat sat. The dog ran. We all had fun."
    hard = ("Institutional procurement of biometric identification infrastructure necessitates comprehensive "
            "contractual safeguards concerning retention, dissemination and independent auditing obligations.")
    assert reading_grade(easy) < 3 < 12 < reading_grade(hard)


def test_overlap_is_shared_trigrams_over_the_smaller_set():
    a = "one two three four five"
    assert overlap(a, a) == 1.0
    assert overlap(a, "one two three nine ten") == 1 / 3
    assert overlap(a, "six seven eight nine ten") == 0.0


# ---- Reading measure per language, and the cache of scores ----------------------------------------------------

EASY_ES = "El gato come. La niña lee un libro. Tú y yo vamos a la biblioteca hoy."
HARD_ES = ("La implementación institucional de infraestructuras biométricas de identificación automatizada "
           "necesita salvaguardias contractuales exhaustivas relativas a la conservación, la difusión y las "
           "obligaciones de auditoría independiente.")


def test_spanish_is_measured_by_fernandez_huerta_where_higher_is_easier():
    import textstat

    assert measure_for("es").name == "Fernández-Huerta reading ease" and measure_for("es").higher_is_easier
    assert measure_for("en").name == "Flesch-Kincaid grade" and not measure_for("en").higher_is_easier
    textstat.set_lang("es")
    expected = round(textstat.fernandez_huerta(text_stats.readable_prose(EASY_ES)), 1)
    textstat.set_lang("en_US")
    assert reading_score(EASY_ES, "es") == expected
    assert reading_score(EASY_ES, "es") > 80 > 40 > reading_score(HARD_ES, "es")


def test_the_measure_leaves_textstats_language_as_it_was():
    import textstat

    textstat.set_lang("de")
    try:
        reading_score(EASY_ES, "es")
        reading_score("The cat sat. The dog ran.", "en")
        assert textstat.textstat._textstatistics__lang == "de"
    finally:
        textstat.set_lang("en_US")
    # And an English score is the same whether or not a Spanish one was computed before it.
    assert reading_score("Institutional procurement necessitates comprehensive safeguards.", "en") == round(
        textstat.flesch_kincaid_grade("Institutional procurement necessitates comprehensive safeguards."), 1)


def test_a_second_run_reads_scores_from_the_cache(tmp_path, monkeypatch):
    path = tmp_path / "cache" / "reading.json"
    first = ReadingCache(path)
    scores = [first.score("The cat sat. The dog ran.", "en"), first.score(EASY_ES, "es")]
    assert first.computed == 2
    first.save()
    assert len(json.loads(path.read_text(encoding="utf-8"))) == 2

    def no_textstat():
        raise AssertionError("textstat was loaded although every score was cached")

    monkeypatch.setattr(text_stats, "_textstat", no_textstat)
    second = ReadingCache(path)
    assert [second.score("The cat sat. The dog ran.", "en"), second.score(EASY_ES, "es")] == scores
    assert second.computed == 0


def test_a_changed_text_or_language_is_measured_again(tmp_path):
    path = tmp_path / "reading.json"
    cache = ReadingCache(path)
    cache.score("The cat sat. The dog ran.", "en")
    cache.save()
    again = ReadingCache(path)
    changed = "The cat sat on the institutional infrastructure. The dog ran."
    assert again.score(changed, "en") == reading_score(changed, "en")
    again.score("The cat sat. The dog ran.", "es")  # the same words in another measure: another score
    assert again.computed == 2


@pytest.mark.parametrize("content", ["not json", "[1, 2]", ""])
def test_a_broken_cache_file_is_ignored_and_rewritten(tmp_path, content):
    path = tmp_path / "reading.json"
    path.write_text(content, encoding="utf-8")
    cache = ReadingCache(path)
    assert cache.score("The cat sat.", "en") == reading_score("The cat sat.", "en")
    cache.save()
    assert len(json.loads(path.read_text(encoding="utf-8"))) == 1


def test_a_build_with_unchanged_lessons_does_not_load_textstat(tmp_path, monkeypatch):
    """The coverage page is the only page that shows reading scores: its second build takes them all from
    .cache/course/reading.json; after a lesson changes, that lesson alone is measured again."""
    from macros.course.build import compile_course
    from support.project import make_project

    monkeypatch.setenv("COURSE_PDF", "0")
    monkeypatch.delenv(text_stats.CACHE_ENV, raising=False)
    project = make_project(tmp_path / "p", "tiny")
    first = compile_course(project)
    assert not first.problems.errors
    cache_file = project / ".cache" / "course" / "reading.json"
    assert cache_file.is_file()
    coverage = next(p for p in first.pages if p.path == "coverage.md")

    real = text_stats._textstat

    def no_textstat():
        raise AssertionError("textstat was loaded although no lesson changed")

    monkeypatch.setattr(text_stats, "_textstat", no_textstat)
    second = compile_course(project)
    assert next(p for p in second.pages if p.path == "coverage.md").fragments == coverage.fragments

    loaded = []
    monkeypatch.setattr(text_stats, "_textstat", lambda: loaded.append(1) or real())
    module = project / "modules" / "basics.yml"
    module.write_text(module.read_text(encoding="utf-8").replace("produces a score.", "produces a numerical score.", 1),
                      encoding="utf-8")
    compile_course(project)
    assert loaded, "a changed lesson must be measured again"


def test_a_spanish_track_misses_its_target_when_its_ease_is_too_low():
    from macros.course.view.report import LessonStats, Report, TrackStats, quality_failures

    track = TrackStats("patrons-es", "Usuarios", None, [LessonStats("m", "patrons-es", 100, 5, 62.5, 3, 0)],
                       language="es", ease_min=70)
    english = TrackStats("patrons", "Users", 8, [LessonStats("m", "patrons", 100, 5, 7.9, 3, 0)])
    report = Report([track, english], {"patrons-es": {}, "patrons": {}}, {}, [], [])
    assert quality_failures(None, report) == [
        "m for patrons-es: reading ease 62.5 is below the target 70 (Fernández-Huerta reading ease; higher is easier)",
        "track patrons-es: reading ease 62.5 is below the target 70 (Fernández-Huerta reading ease; higher is easier)"]


def test_words_are_counted_in_any_script_everywhere_words_are_counted():
    """Spanish words with accents and ñ are one word each, and every word count of the course (reading minutes,
    talking-point minutes, handout sheets, the 15-minute path) goes through count_words."""
    from pathlib import Path

    assert text_stats.count_words("La información sobre niños, según l’école [@src]: ¿qué pasó?") == 8
    course = Path(__file__).resolve().parent.parent / "macros" / "course"
    own_counts = [str(p.relative_to(course)) for p in course.rglob("*.py")
                  if p.name != "text_stats.py" and ("len(re.findall" in p.read_text(encoding="utf-8")
                                                    or ".split()) /" in p.read_text(encoding="utf-8"))]
    assert own_counts == []
