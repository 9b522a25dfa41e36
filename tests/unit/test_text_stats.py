"""Reading level and overlap measures: what the curriculum's targets are checked with."""

from macros.course.text_stats import overlap, readable_prose, reading_grade


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
