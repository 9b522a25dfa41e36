"""The stable code of every kind of problem the course reports, grouped by the stage that finds it.

A code names one kind of problem and keeps that meaning for good: forks list codes in `silence:` (warnings
only) and tools read them from `course validate --json`. A new kind of problem gets a new code; a code is never
reused. docs/authoring/codes.md is this table (tests/test_problem_codes.py keeps the two the same).
"""

from __future__ import annotations

from dataclasses import dataclass

STAGES = {
    "read": "Reading a file",
    "schema": "Fields and their form",
    "references": "References between files",
    "text": "Text rules",
    "lesson": "What every lesson needs",
    "fork": "A fork's local files",
    "plans": "Session plans",
    "print": "Print products",
}


@dataclass(frozen=True)
class Code:
    """One kind of problem: the stage that finds it, whether it stops the build, and what it means."""

    stage: str
    warning: bool
    meaning: str


def _e(stage: str, meaning: str) -> Code:
    return Code(stage, False, meaning)


def _w(stage: str, meaning: str) -> Code:
    return Code(stage, True, meaning)


CODES: dict[str, Code] = {
    # read: the file itself
    "unreadable-file": _e("read", "the file cannot be read"),
    "not-utf8": _e("read", "the file is not UTF-8 text"),
    "empty-file": _e("read", "the file holds nothing"),
    "file-too-large": _e("read", "the file is larger than the course reads"),
    "yaml-syntax": _e("read", "the file is not valid YAML"),
    "yaml-anchor": _e("read", "a YAML anchor (`&name`)"),
    "yaml-alias": _e("read", "a YAML alias (`*name`)"),
    "yaml-tag": _e("read", "a YAML tag (`!!type`)"),
    "yaml-merge-key": _e("read", "a YAML merge key (`<<`)"),
    "too-many-values": _e("read", "the file holds more values than the course reads"),
    "nested-too-deep": _e("read", "lists and mappings nested deeper than the course reads"),
    "text-too-large": _e("read", "one text is longer than the course reads"),
    "key-not-text": _e("read", "a key that is not plain text"),
    "duplicate-key": _e("read", "the same key twice in one mapping"),
    "not-a-mapping": _e("read", "the file is not a mapping of fields"),
    # schema: fields and their form
    "missing-field": _e("schema", "a required field is missing"),
    "unknown-field": _e("schema", "a field the file type does not have"),
    "value-not-allowed": _e("schema", "a value that is not one of the allowed ones"),
    "wrong-type": _e("schema", "a value of the wrong type (text, number, list, ...)"),
    "wrong-form": _e("schema", "a value of the wrong form or pattern"),
    "too-few-items": _e("schema", "a list with fewer items than it needs"),
    "too-many-items": _e("schema", "a list with more items than allowed"),
    "repeated-item": _e("schema", "a list that names the same item twice"),
    "empty-text": _e("schema", "an empty text"),
    "too-long": _e("schema", "a text longer than its field allows"),
    "out-of-range": _e("schema", "a number below its minimum or above its maximum"),
    "empty-mapping": _e("schema", "an empty mapping"),
    "wrong-key-form": _e("schema", "a key of the wrong form"),
    "schema-mismatch": _e("schema", "any other rule of the file's schema"),
    "invalid-date": _e("schema", "a date that does not exist or is not written YYYY-MM-DD"),
    # references between files
    "duplicate-id": _e("references", "an id (module, block, audience, source, term) defined twice"),
    "reserved-id": _e("references", "a module id the build uses for a page of its own"),
    "unknown-audience": _e("references", "an audience that data/audiences.yml does not define"),
    "unknown-module": _e("references", "a module id that no module has"),
    "unknown-block": _e("references", "a section, case study, activity or question the module does not have"),
    "unknown-section": _e("references", "a section id the module does not have"),
    "unknown-activity": _e("references", "an activity id that is not defined"),
    "unknown-source": _e("references", "a source key that the source registry does not have"),
    "unknown-term": _e("references", "a glossary term that is not defined"),
    "language-mismatch": _e("references", "a module or track in one language lists or translates one in another"),
    "translation-of-english": _e("references", "an English module names a module it translates"),
    "unknown-translation": _e("references", "translation_of names no English module of the track translated"),
    "term-not-in-english": _w("references", "a translated glossary has a term id the English glossary does not"),
    "unknown-placeholder": _e("references", "a `[[placeholder]]` the course does not know"),
    "missing-catalog": _e("references", "an audience's language has no UI-string catalog (data/ui/<language>.yml)"),
    "catalog-language": _e("references", "a UI-string catalog names another language than its file name"),
    "missing-string": _e("references", "a UI-string catalog lacks a string the English catalog has"),
    "unknown-string": _e("references", "a UI-string catalog has a key the English catalog does not"),
    "slot-mismatch": _e("references", "a UI string's {slots} differ from the English string's"),
    "audience-not-in-module": _e("references", "a block or handout for an audience its module does not serve"),
    "module-not-for-audience": _e("references", "a plan or quick path names a module not written for its "
                                                "audience"),
    # text rules
    "us-spelling": _w("text", "a British spelling; the course uses US English"),
    "missing-citation": _e("text", "a figure without a `[@source]` citation"),
    "citation-form": _e("text", "a citation not written `[@key]` or `[@key1; @key2]`"),
    "raw-html": _e("text", "HTML in module text or a UI string"),
    "template-code": _e("text", "template code (`{{`, `{%` or `{#`) in module text"),
    "attribute-syntax": _e("text", "attribute syntax (`{: ...}` or `{.class}`) in module text"),
    "reserved-word": _e("text", "a word reserved for the build (`CRSFRAG...`)"),
    "unsafe-link": _e("text", "a link that is not a web address (`javascript:`, `data:`, ...)"),
    "lesson-path-link": _e("text", "a link to another lesson by its path instead of a cross-reference"),
    "heading-level": _e("text", "a heading above the level a lesson may use"),
    "embedded-image": _e("text", "an image (it would make readers' browsers contact another site)"),
    "placeholder-unfilled": _e("text", "a `[[placeholder]]` used by published text has no value"),
    # what every lesson needs
    "future-date": _e("lesson", "last_reviewed lies in the future"),
    "missing-variant": _e("lesson", "per-audience text with nothing for an audience the lesson serves"),
    "unused-variant": _w("lesson", "per-audience text for an audience the lesson does not serve"),
    "empty-section": _e("lesson", "a section with no body, chart or flow"),
    "range-inverted": _e("lesson", "a chart row whose low end is above its value"),
    "answer-out-of-range": _e("lesson", "a self-check answer with no such choice"),
    "repeated-verdict": _w("lesson", 'a reason that starts with the verdict the page prints ("Right.")'),
    "too-few-questions": _e("lesson", "fewer self-check questions for an audience than every lesson needs"),
    "missing-activity": _e("lesson", "no activity for a trainer-led audience"),
    "not-a-visual": _e("lesson", "a handout visual that is not a section with a chart or flow"),
    "log-without-columns": _e("lesson", "a log material without columns"),
    "prints-nothing": _e("lesson", "printed material with nothing to print"),
    # a fork's local files
    "placeholder-not-set": _w("fork", "local settings leave a placeholder at upstream's generic wording"),
    "placeholder-not-translated": _w("fork", "a fork set a placeholder value in English but not for a track in "
                                             "another language"),
    "missing-logo": _e("fork", "the logo setting names no file"),
    "template-todo": _w("fork", "`TODO` text left from a template"),
    "missing-based-on": _e("fork", "a replaced module does not say which upstream version it is based on"),
    "based-on-without-upstream": _e("fork", "based_on in a module that replaces nothing"),
    "upstream-changed": _w("fork", "upstream changed a module since the fork's override was based on it"),
    "module-changed-twice": _e("fork", "two local files change the same module"),
    "block-exists": _e("fork", "an override adds a block whose id upstream already has"),
    "replaced-and-removed": _e("fork", "an override both replaces and removes one block"),
    "no-sections-left": _e("fork", "an override removes every section"),
    "audience-not-upstream": _e("fork", "an override adds an audience upstream's module does not serve"),
    "block-not-shown": _e("fork", "hide_for hides a block from an audience that does not see it"),
    "hides-from-all": _e("fork", "hide_for hides a block from every audience"),
    "unknown-code": _e("fork", "silence names a code that does not exist"),
    "silenced-error": _e("fork", "silence names an error code; only warnings can be silenced"),
    "pass-mark-without-score": _e("fork", "scorm_mastery_score for a track whose answers are in the guide"),
    "missing-audiences-file": _e("fork", "data/audiences.yml is missing"),
    # session plans
    "missing-session": _e("plans", "no plan for a session length"),
    "missing-talking-points": _e("plans", "a presented section without talking points"),
    "missing-capstone": _e("plans", "a plan of an hour or more leaves out the capstone activity"),
    "session-overrun": _e("plans", "a plan runs over its length"),
    # print products
    "material-not-on-sheet": _e("print", "a handout action refers to material the sheet does not have"),
    "term-not-on-sheet": _e("print", "a handout key term that the sheet never uses"),
    "key-terms-too-long": _e("print", "handout key terms taking more than a quarter of the sheet"),
    "undeclared-material": _e("print", "an activity that needs printed material declares none"),
    "quick-path-too-long": _e("print", "the 15-minute path takes longer than 15 minutes"),
}


def codes_table() -> str:
    """The Markdown table of every code, grouped by stage (docs/authoring/codes.md holds it as written here)."""
    rows = ["| Code | Severity | Meaning |", "| --- | --- | --- |"]
    out = []
    for stage, title in STAGES.items():
        out.append(f"## {title}\n")
        out.extend(rows)
        out.extend(f"| `{name}` | {'warning' if code.warning else 'error'} | {code.meaning} |"
                   for name, code in CODES.items() if code.stage == stage)
        out.append("")
    return "\n".join(out)
