"""Cross-checks that a schema cannot express: references between files, per-audience completeness,
answer ranges, dates, and the text rules of `text_checks`. Every problem is collected; nothing stops early.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import difflib
import json
import re
from typing import Protocol

from ..load.located_yaml import field_name
from ..load.overlay import settings_location
from ..markup import placeholders
from ..model import DEFAULT_LANGUAGE, PLACEHOLDERS, Course, Module
from ..problems import Problems, did_you_mean
from ..text_checks import TextContext, check_text, spelling_rule
from ..variants import is_variant, pick, serves

VERDICT_START = re.compile(r"(Right|Not right)\.\s")  # the renderer adds the verdict
RESERVED_IDS = {"glossary", "sources", "guide", "print", "handouts", "pdf", "index", "assets", "search",
                "authoring", "adapt", "coverage", "about", "handout"}
RESERVED_PATTERN = re.compile(r"^print-\d+$")  # the booklets of a long track: /<audience>/print-<n>/
MIN_QUESTIONS = 3
BLOCK_LISTS = ("sections", "case_studies", "activities", "self_check")
# Fields whose text must cite a source wherever it gives a figure.
CITED_FIELDS = {"summary", "key_points", "actions", "objectives", "body", "discussion", "caption", "detail",
                # handouts, the brief and the board briefing (print products)
                "headline", "points", "items", "what_it_is", "findings", "what", "outcome", "covers", "answer",
                "testimony", "decide", "questions", "lead"}


def _check_unfilled(course: Course, problems: Problems) -> None:
    """A placeholder whose setting is empty, used by a published lesson: one error at the setting (for lessons in
    another language, at that language's value)."""
    published = {a.id for a in course.published_audiences()}

    def names(value) -> set:  # JSON keeps each text on one line, as a placeholder is written
        return {m.group(1) for m in placeholders(json.dumps(value, ensure_ascii=False))}

    for language in sorted({a.language for a in course.published_audiences()} | {DEFAULT_LANGUAGE}):
        settings = course.settings.for_language(language)
        for name in sorted(p for p in PLACEHOLDERS if not settings.placeholder(p).strip()):
            users = [m for m in course.modules.values() if m.id not in course.settings.hide_modules
                     and m.language == language and published & set(m.audiences) and name in names(m.data)]
            users += [t for t in course.terms_in(language).values() if name in names(t.definition)]
            if not users:
                continue
            first = users[0].path if hasattr(users[0], "path") else f"the glossary term {users[0].id}"
            more = f" and {len(users) - 1} more" if len(users) > 1 else ""
            at = (name,) if language == DEFAULT_LANGUAGE else ("languages", language, name)
            problems.add(settings_location(course.settings, at), field_name(at),
                         f"is empty, but published lessons use [[{name}]] ({first}{more})",
                         "write a value here, or remove the line to use upstream's wording",
                         code="placeholder-unfilled")


def validate_course(course: Course, problems: Problems) -> None:
    """Cross-check every module and glossary term against the course's data."""
    # An empty setting is one mistake in the settings file, reported there once (below), not at every lesson
    # that uses its placeholder: those files are upstream's and are right as they are.
    ctx = TextContext(frozenset(course.sources), frozenset(PLACEHOLDERS), frozenset(),
                      spelling=spelling_rule(course.spelling),
                      module_ids=frozenset([*course.modules, *(m.data.get("id") for m in course.invalid_modules)]))
    _check_unfilled(course, problems)
    # The US-spelling rule is a rule of English: text in another language is not checked against it.
    other_language = dataclasses.replace(ctx, spelling=None)
    for module in course.modules.values():
        validate_module(module, course, ctx if module.data.get("language", "en") == "en" else other_language,
                        problems)
    for module in course.invalid_modules:
        # The schema problems are already reported; cross-check what can be, so an author sees every problem
        # in one run. Data of the wrong shape can break a check: that check is skipped, never a traceback.
        partial = Problems()
        # A check that meets data of the wrong shape stops there: the schema problems already say what is wrong.
        with contextlib.suppress(AttributeError, IndexError, KeyError, TypeError, ValueError):
            validate_module(module, course, ctx if module.data.get("language", "en") == "en" else other_language,
                            partial)
        problems.extend(partial)
    for language, glossary in course.glossaries.items():
        for term in glossary.values():
            if term.id not in course.terms:
                problems.add(term.location, f"{term.id}", f'the "{language}" glossary has a term "{term.id}" that the '
                             "English glossary does not", (did_you_mean(term.id, course.terms) + " " if
                                                          did_you_mean(term.id, course.terms) else "")
                             + "a translated term keeps the id of its English term in data/glossary/",
                             code="term-not-in-english")
    for term in [*course.terms.values(), *(t for g in course.glossaries.values() for t in g.values())]:
        loc = term.location
        for aud in (term.definition if is_variant(term.definition) else {}):
            if aud != "default" and aud not in course.audiences:
                problems.add(loc, f"{term.id}.definition", f'unknown audience "{aud}"',
                             did_you_mean(aud, course.audiences) or "use an id from data/audiences.yml",
                             code="unknown-audience")
        for aud, text in (term.definition.items() if is_variant(term.definition) else [("default", term.definition)]):
            audience = course.audiences.get(aud)
            english = audience is None or audience.language == "en"  # a definition for a Spanish track: no US spelling
            check_text(text, loc, f"{term.id}.definition", ctx if english else other_language, problems)
        for key in term.sources:
            if key not in course.sources:
                problems.add(loc, f"{term.id}.sources", f'unknown source "{key}"', did_you_mean(key, course.sources),
                             code="unknown-source")


class AddProblem(Protocol):
    """Report a problem at a path into the module's data (`validate_module`'s `add`)."""

    def __call__(self, at: tuple, message: str, hint: str = "", *, code: str) -> None: ...


def validate_module(module: Module, course: Course, ctx: TextContext, problems: Problems) -> None:
    """Cross-check one module against the course: references, audiences, blocks, questions and its text."""
    data, loaded = module.data, module.loaded
    where = loaded.where

    def add(at: tuple, message: str, hint: str = "", *, code: str) -> None:
        problems.add(where(at), field_name(at), message, hint, code=code)

    _check_id_and_date(module, add)
    audiences = module.audiences
    for i, aud in enumerate(audiences):
        if aud not in course.audiences:
            add(("audiences", i), f'unknown audience "{aud}"',
                did_you_mean(aud, course.audiences) or "use an id from data/audiences.yml", code="unknown-audience")
    known = [a for a in audiences if a in course.audiences]
    # The rest of the module is checked against the audiences the author meant: a typo ("patron") is reported
    # once, above, and blocks or texts written correctly for "patrons" are not reported as wrong too.
    audiences = [_meant(a, course) for a in audiences]

    _check_language(module, course, add)
    _check_terms_and_sources(module, course, add)
    # Per-audience fields: every audience the module serves must get objectives and key points.
    for name in ("title", "summary", "objectives", "key_points", "actions"):
        _check_variants(data, (name,), audiences, course, add, required=name != "actions", for_audiences=known)
    for list_name in BLOCK_LISTS:
        _check_block_list(data, list_name, known, audiences, course, add)
    _check_each_audience(data, known, audiences, course, add)
    _check_handout_block(data, known, audiences, course, add)
    _check_all_text(data, (), module, ctx, problems)


def _check_id_and_date(module: Module, add: AddProblem) -> None:
    """The id is not one a track's own pages use, and last_reviewed is a real date, not in the future."""
    if module.id in RESERVED_IDS or RESERVED_PATTERN.match(module.id):
        add(("id",), f'"{module.id}" is reserved for a page of each track', "choose another id", code="reserved-id")
    reviewed = module.last_reviewed()
    if reviewed is None:
        add(("last_reviewed",), f'"{module.data.get("last_reviewed")}" is not a real date',
            "write a date as YYYY-MM-DD", code="invalid-date")
    elif reviewed > datetime.date.today():
        add(("last_reviewed",), "is in the future", "give the date the facts were actually checked", code="future-date")


def _check_terms_and_sources(module: Module, course: Course, add: AddProblem) -> None:
    """Every key term is in the glossary of the module's language, and every source in the source registry."""
    data = module.data
    terms, glossary_folder = course.terms_in(module.language), _glossary_folder(module.language)
    for i, key in enumerate(data.get("key_terms", [])):
        if key not in terms:
            add(("key_terms", i), f'unknown term "{key}"', did_you_mean(key, terms) or
                f"define it in a file in {glossary_folder}", code="unknown-term")
    for i, key in enumerate(data.get("sources", [])):
        if key not in course.sources:
            add(("sources", i), f'unknown source "{key}"', did_you_mean(key, course.sources) or
                "add it to data/sources.yml first", code="unknown-source")


def _check_block_list(data: dict, list_name: str, known: list[str], audiences: list[str], course: Course,
                      add: AddProblem) -> None:
    """The blocks of one list (sections, case studies, activities, self-check questions): ids used once, then
    each block's own checks."""
    ids: dict[str, str] = {}  # block id -> the field of its first use
    for i, block in enumerate(data.get(list_name, [])):
        at = (list_name, i)
        if block["id"] in ids:
            add(at + ("id",), f'id "{block["id"]}" is used twice in {list_name}',
                f"the first is {ids[block['id']]}", code="duplicate-id")
        ids.setdefault(block["id"], field_name(at))
        _check_block(block, list_name, known, audiences, course, _under(add, at))


def _under(add: AddProblem, prefix: tuple) -> AddProblem:
    """`add` for paths inside the value at `prefix`."""
    def add_under(at: tuple, message: str, hint: str = "", *, code: str) -> None:
        add(prefix + at, message, hint, code=code)

    return add_under


def _check_block(block: dict, list_name: str, known: list[str], audiences: list[str], course: Course,
                 add: AddProblem) -> None:
    """One block (`add` takes paths inside it): its audiences, its per-audience text, then the checks of its kind."""
    for j, aud in enumerate(block.get("audiences") or []):
        if aud not in audiences:
            add(("audiences", j), f'"{aud}" is not one of this module\'s audiences',
                did_you_mean(aud, audiences)
                or f"add it to the module's audiences, or use one of: {', '.join(audiences)}",
                code="audience-not-in-module")
    gets = [a for a in known if serves(block, audiences, a)]
    for name in ("title", "body", "instructions", "facilitator_notes", "prompts", "discussion"):
        if name in block:
            _check_variants(block, (name,), gets, course, add, required=True, for_audiences=gets)
    if list_name == "sections":
        _check_section(block, course, add)
    if list_name == "self_check":
        _check_question_block(block, add)


def _check_section(block: dict, course: Course, add: AddProblem) -> None:
    """A section has content; its chart's ranges run low to high; its chart and flow cite known sources."""
    if not any(k in block for k in ("body", "chart", "flow")):
        add((), "has no body, chart or flow", "give the section some content", code="empty-section")
    for r, row in enumerate((block.get("chart") or {}).get("rows", [])):
        if isinstance(row, dict) and row.get("low") is not None and row["low"] > row.get("value", 0):
            add(("chart", "rows", r, "low"), f"is {row['low']}, above the row's value {row['value']}",
                "low is the lower end of a range and value the upper end", code="range-inverted")
    for kind in ("chart", "flow"):
        src = (block.get(kind) or {}).get("source")
        if src and src not in course.sources:
            add((kind, "source"), f'unknown source "{src}"', did_you_mean(src, course.sources),
                code="unknown-source")


def _check_question_block(block: dict, add: AddProblem) -> None:
    """A self-check question's answer is one of its choices, and no reason repeats the verdict pages print."""
    n = len(block.get("choices", []))
    if block.get("answer", 1) > n:
        add(("answer",), f"is {block['answer']}, but there are only {n} choices",
            "answers count from 1: give the number of the right choice", code="answer-out-of-range")
    for i, choice in enumerate(block.get("choices", [])):
        why = choice.get("why", "") if isinstance(choice, dict) else ""
        verdict = VERDICT_START.match(why) if isinstance(why, str) else None
        if verdict:
            add(("choices", i, "why"), f'starts with "{verdict.group(1)}"',
                'leave the verdict out: pages print "Right." or "Not right." before the reason',
                code="repeated-verdict")


def _check_each_audience(data: dict, known: list[str], audiences: list[str], course: Course,
                         add: AddProblem) -> None:
    """Every audience gets enough self-check questions, and a trainer-led audience an activity."""
    for aud in known:
        questions = [q for q in data.get("self_check", []) if serves(q, audiences, aud)]
        if len(questions) < MIN_QUESTIONS:
            add(("self_check",),
                f'has {len(questions)} question(s) for "{aud}"; every audience needs at least {MIN_QUESTIONS}',
                "add questions, or widen the audiences of existing ones", code="too-few-questions")
        if course.audiences[aud].trainer_led and not any(serves(a, audiences, aud) for a in data.get("activities", [])):
            add(("activities",), f'has no activity for "{aud}", a trainer-led audience',
                "add an activity with minutes and facilitator_notes for it", code="missing-activity")


def _glossary_folder(language: str) -> str:
    return "data/glossary/" if language == DEFAULT_LANGUAGE else f"data/glossary/{language}/"


def _check_language(module: Module, course: Course, add: AddProblem) -> None:
    """A module is written in one language (`language`, default en): every audience it lists reads that language,
    and a translation (`translation_of`) names the English module of the track it translates."""
    language, data = module.language, module.data
    at_language = ("language",) if "language" in data else ("id",)
    for aid in module.audiences:
        audience = course.audiences.get(aid)
        if audience is not None and audience.language != language:
            add(at_language, f'says the module is in "{language}", but audience "{aid}" reads "{audience.language}"',
                f"write language: {audience.language}, or list only audiences that read {language}"
                + ("" if "language" in data else f" (a module without language: is in {DEFAULT_LANGUAGE})"),
                code="language-mismatch")
    original = data.get("translation_of")
    if not isinstance(original, str):
        return
    if language == DEFAULT_LANGUAGE:
        add(("translation_of",), f"is for modules in another language, and this module is in {DEFAULT_LANGUAGE}",
            "remove translation_of, or give the module's language (e.g. language: es)", code="translation-of-english")
        return
    target = course.modules.get(original)
    english = {mid: m for mid, m in course.modules.items() if m.language == DEFAULT_LANGUAGE}
    if target is None or target.language != DEFAULT_LANGUAGE:
        add(("translation_of",), f'names "{original}", which is not an English module',
            did_you_mean(original, english) or "give the id of the English module in modules/ that this one translates",
            code="unknown-translation")
        return
    for aid in module.audiences:
        audience = course.audiences.get(aid)
        counterpart = audience.translation_of if audience else ""
        if counterpart and counterpart not in target.audiences:
            add(("translation_of",), f'names "{original}", which does not serve "{counterpart}", the audience that '
                f'"{aid}" translates', f"give the id of an English module written for {counterpart}",
                code="unknown-translation")


def _meant(audience: str, course: Course) -> str:
    if audience in course.audiences:
        return audience
    close = difflib.get_close_matches(audience, list(course.audiences), n=1, cutoff=0.6)
    return close[0] if close else audience


def _check_handout_block(data: dict, known: list[str], audiences: list[str], course: Course, add: AddProblem) -> None:
    """References inside a `handout:` block: audiences, sections, terms, and material that can print."""
    block = data.get("handout")
    if not isinstance(block, dict):
        return
    sections = {b["id"]: b for b in data.get("sections", [])}
    for key, sheet in block.items():
        at = ("handout", key)
        if key != "default" and key not in audiences:
            add(at, f'gives a handout for "{key}", which this module does not serve',
                did_you_mean(key, audiences) or f"use one of: {', '.join(audiences)}, or default",
                code="audience-not-in-module")
        if not isinstance(sheet, dict):
            continue
        visual = sheet.get("visual")
        if visual and visual != "none" and not (visual in sections and ("chart" in sections[visual] or
                                                                          "flow" in sections[visual])):
            add(at + ("visual",), f'"{visual}" is not a section with a chart or flow',
                did_you_mean(visual, [k for k, b in sections.items() if "chart" in b or "flow" in b])
                or 'give such a section id, or "none"', code="not-a-visual")
        terms = course.terms_in(str(data.get("language") or DEFAULT_LANGUAGE))
        for i, tid in enumerate(sheet.get("key_terms", [])):
            if tid not in terms:
                add(at + ("key_terms", i), f'unknown term "{tid}"', did_you_mean(tid, terms) or
                    f"define it in a file in {_glossary_folder(str(data.get('language') or DEFAULT_LANGUAGE))}",
                    code="unknown-term")
        for i, m in enumerate(sheet.get("material", [])):
            if m.get("from_section") and m["from_section"] not in sections:
                add(at + ("material", i, "from_section"), f'unknown section "{m["from_section"]}"',
                    did_you_mean(m["from_section"], sections) or "use the id of one of this module's sections",
                    code="unknown-section")
            if m.get("kind") == "log" and not m.get("columns"):
                add(at + ("material", i), "is a log without columns", "give the column headings as columns: [...]",
                    code="log-without-columns")
            elif m.get("kind") != "log" and not (m.get("items") or m.get("from_section")):
                add(at + ("material", i), f'"{m.get("title", "")}" prints nothing',
                    "give items, or from_section naming a section with a bulleted list", code="prints-nothing")


def _check_variants(data: dict, at: tuple, audiences: list[str], course: Course, add: AddProblem, required: bool,
                    for_audiences: list[str]) -> None:
    value = data.get(at[-1])
    if value is None:
        return
    if is_variant(value):
        for key in value:
            if key != "default" and key not in course.audiences:
                add(at + (key,), f'unknown audience "{key}"', did_you_mean(key, course.audiences) or
                    'use "default" or an id from data/audiences.yml', code="unknown-audience")
            elif key != "default" and key not in audiences:
                add(at + (key,), f'gives text for "{key}", which this does not serve', "remove it, or add the audience",
                    code="unused-variant")
    if required:
        for aud in for_audiences:
            if pick(value, aud) is None:
                add(at, f'has nothing for "{aud}"', f'add a "{aud}:" or "default:" entry', code="missing-variant")


def _check_all_text(value, at: tuple, module: Module, ctx: TextContext, problems: Problems, cited=False,
                    in_activity=False) -> None:
    """Walk every string of the module and apply the text rules to it."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("id", "audiences", "topics", "version", "last_reviewed", "key_terms", "sources",
                       "source", "kind", "based_on", "order", "answer", "minutes", "review_every_months", "override"):
                continue
            key_cited = cited or (key in CITED_FIELDS and not in_activity)
            # Activity text and printed activity materials (claims to sort, worksheets) need no citations.
            _check_all_text(item, at + (key,), module, ctx, problems, key_cited,
                            in_activity or (at[:1] in (("activities",), ("print_materials",))))
    elif isinstance(value, list):
        # A self-check question is one unit: a figure in it may be cited in its explanation.
        for i, item in enumerate(value):
            _check_all_text(item, at + (i,), module, ctx, problems, cited, in_activity)
    elif isinstance(value, str):
        if at[:1] == ("self_check",):
            return _check_question(module, at, ctx, problems)
        is_title = at[-1] == "title" or (len(at) > 1 and at[-2] == "title")
        check_text(value, module.loaded.where(at), field_name(at), ctx, problems,
                   needs_citations=cited and not is_title, markdown=not is_title and at[-1] not in ("label", "unit"),
                   line_of=lambda n, snippet="": module.loaded.text_line(at, n, snippet))


def _check_question(module: Module, at: tuple, ctx: TextContext, problems: Problems) -> None:
    """A question, its choices and its explanation are one unit (a figure in the question may be cited in the
    explanation): check them together once, at the question's location."""
    if at[2:3] != ("question",):
        return
    question = module.data["self_check"][at[1]]
    choices = [part for c in question.get("choices", []) for part in ((c.get("text", ""), c.get("why", ""))
                                                                      if isinstance(c, dict) else (c,))]
    text = " ".join([question.get("question", ""), *choices, question.get("explanation", "")])
    check_text(text.replace("\n", " "), module.loaded.where(at), field_name(at[:2]), ctx, problems,
               needs_citations=True)
