"""One audience's view of a module: only what that audience gets, with placeholders filled.

Blocks not meant for the audience are dropped here, so no renderer can leak them: this is removal at build
time, not hiding. Facilitator notes and answers stay on the view (the facilitator guide needs them); the learner
renderers never read those fields.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, replace

from ..markup import citations_in, fill_placeholders, md_escape
from ..model import Audience, Course, Module, Source, Term
from ..text_stats import count_words
from ..variants import pick, serves

WORDS_PER_MINUTE = 200  # reading speed used for "time needed"; deliberately modest for non-specialists


@dataclass(frozen=True)
class ChartRow:
    label: str
    value: float  # the value, or the upper end of a range
    low: float | None = None  # the lower end, when the source gives a range
    note: str = ""


@dataclass(frozen=True)
class ChartView:
    """A bar chart (module schema `chart`), with placeholders filled."""

    title: str
    caption: str
    unit: str
    source: str
    rows: tuple[ChartRow, ...]
    label_header: str = ""  # heading of the table's label column ("" for the renderer's default)
    scale: str = "linear"


@dataclass(frozen=True)
class FlowStep:
    label: str
    detail: str


@dataclass(frozen=True)
class FlowView:
    """A flow diagram (module schema `flow`), with placeholders filled."""

    title: str
    caption: str
    steps: tuple[FlowStep, ...]
    source: str = ""


@dataclass(frozen=True)
class SectionView:
    id: str
    title: str
    body: str = ""
    chart: ChartView | None = None
    flow: FlowView | None = None

    def figure_text(self) -> list[str]:
        """The words inside the section's figure: a flow's steps, a chart's row labels and notes."""
        out: list[str] = []
        if self.flow:
            out += [x for step in self.flow.steps for x in (step.label, step.detail, "")]
        if self.chart:
            out += [x for row in self.chart.rows for x in (row.label, "", row.note)]
        return out


@dataclass(frozen=True)
class CaseView:
    id: str
    title: str
    body: str
    discussion: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActivityView:
    id: str
    title: str
    kind: str
    minutes: int
    instructions: str
    materials: tuple[str, ...]
    room_setup: str
    prompts: tuple[str, ...]
    facilitator_notes: str  # trainer only


@dataclass(frozen=True)
class MaterialCard:
    text: str
    title: str = ""
    role: str = ""  # role-play briefs: whose brief this is


@dataclass(frozen=True)
class MaterialTable:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class PrintMaterialView:
    """Printed material for an activity (module schema `print_material`): cards, briefs or a worksheet."""

    id: str
    activity: str  # the id of the activity that uses it
    kind: str
    title: str
    instructions: str = ""
    copies: str = ""
    labels: tuple[str, ...] = ()
    cards: tuple[MaterialCard, ...] = ()
    questions: tuple[str, ...] = ()
    table: MaterialTable | None = None


@dataclass(frozen=True)
class SheetMaterial:
    """Material a handout prints for its actions (module schema `handout_material`)."""

    title: str
    kind: str  # questions, script, checklist, steps, log
    items: tuple[str, ...] = ()
    from_section: str = ""  # take the items from this section's bulleted list
    columns: tuple[str, ...] = ()  # log
    rows: int = 0  # log


@dataclass(frozen=True)
class HandoutBlockView:
    """The module's authored handout for this audience (module schema `handout`: its own entry, else `default`)."""

    headline: str
    actions: tuple[str, ...]
    points: tuple[str, ...] = ()
    material: tuple[SheetMaterial, ...] = ()
    visual: str | None = None  # the id of the section whose figure it prints, "none", or None for the first
    key_terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuestionView:
    id: str
    question: str
    choices: tuple[str, ...]
    answer: int  # trainer only (answer key): the right choice, counted from 1
    explanation: str  # trainer only (answer key)
    reasons: tuple[str, ...] = ()  # why each choice is right or wrong ("" where not written)


@dataclass(frozen=True)
class LessonView:
    """Everything one audience gets of one module."""

    module: Module
    audience: Audience
    title: str
    summary: str
    objectives: tuple[str, ...]
    key_points: tuple[str, ...]
    actions: tuple[str, ...]
    sections: tuple[SectionView, ...]
    case_studies: tuple[CaseView, ...]
    activities: tuple[ActivityView, ...]
    questions: tuple[QuestionView, ...]
    terms: tuple = ()  # (Term, definition text): the key terms the lesson uses
    sources: tuple[Source, ...] = ()  # in citation order (only what the lesson cites)
    reading_minutes: int = 0
    listed_terms: tuple = ()  # (Term, definition text): every key term the module lists (for the glossary)
    print_materials: tuple[PrintMaterialView, ...] = ()  # for the activities this audience gets, in file order
    handout: HandoutBlockView | None = None  # the authored handout; None: the sheet is derived from the lesson

    @property
    def id(self) -> str:
        return self.module.id

    @property
    def activity_minutes(self) -> int:
        return sum(a.minutes for a in self.activities)

    @property
    def minutes(self) -> int:
        return self.reading_minutes + self.activity_minutes

    def learner_text(self) -> str:
        """The prose a learner reads (for word counts, reading level and similarity): never trainer-only text."""
        parts = [self.title, self.summary, *self.objectives, *self.key_points, *self.actions]
        for s in self.sections:
            parts += [s.title, s.body]
            for block in (s.chart, s.flow):
                if block:
                    parts.append(block.caption)
        for c in self.case_studies:
            parts += [c.title, c.body, *c.discussion]
        for a in self.activities:
            parts += [a.title, a.instructions, *a.prompts]
        for q in self.questions:
            parts += [q.question, *q.choices]
        return "\n\n".join(p for p in parts if p)


def choice_text(choice) -> str:
    """A self-check choice is plain text or {text, why}."""
    return choice["text"] if isinstance(choice, dict) else choice


def choice_why(choice) -> str:
    return choice.get("why", "") if isinstance(choice, dict) else ""


_OPENERS = "\"“‘'(*_ \t"
_LIST_OR_HEADING = re.compile(r"[ \t]*(?:[-*+]|\d+[.)]|#+|\|)[ \t]*\Z")
_QUOTE_ONLY = re.compile(r"[ \t]*(?:>[ \t]*)+\Z")
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]*_]*[ \t]*\Z")


def starts_sentence(text: str, at: int) -> bool:
    """Whether a sentence starts at `at` in Markdown text: at a block's start (a paragraph, list item,
    heading or table cell) or after . ! ? (with any closing quote), ignoring opening quotes and emphasis."""
    before = text[:at].rstrip(_OPENERS)
    line_start = before.rfind("\n") + 1
    line = before[line_start:]
    if _SENTENCE_END.search(line) or _LIST_OR_HEADING.match(line) or line.rstrip().endswith("|"):
        return True
    if line.strip() and not _QUOTE_ONLY.match(line):
        return False  # inside a line of text
    # At the start of a line: a new block only after a blank line (or the start); else the paragraph goes on.
    previous = before[:max(line_start - 1, 0)].rsplit("\n", 1)[-1] if line_start else ""
    if not line_start or not previous.strip(" \t>"):
        return True
    return bool(_SENTENCE_END.search(previous.rstrip()))


def fill(text, settings) -> str:
    """Replace [[placeholders]] with the settings' values (validation guarantees the names are known).

    A value that opens a sentence gets a capital letter: upstream's values are phrases such as "your
    library's director", which must read "Your library's director" there.
    """
    if not isinstance(text, str):
        return text

    def repl(m) -> str:
        value = settings.placeholder(m.group(1))
        if starts_sentence(text, m.start()) and not value.startswith(("http://", "https://")):
            value = value[:1].upper() + value[1:]
        return _setting_markdown(value)
    return fill_placeholders(text, repl)


def _setting_markdown(value: str) -> str:
    """A settings value as Markdown: a web address becomes a link, anything else is shown literally."""
    if re.fullmatch(r"https://[^\s<>]+", value):
        return f"<{value}>"
    return md_escape(value)


def lesson_view(module: Module, audience: Audience, course: Course) -> LessonView:
    data, aid, auds = module.data, audience.id, module.audiences
    s = course.settings.for_language(audience.language)  # a Spanish lesson's placeholders take Spanish values
    glossary = course.terms_in(audience.language)

    def text(value) -> str:
        return fill(pick(value, aid) or "", s)

    def lines(value) -> tuple:
        return tuple(fill(x, s) for x in (pick(value, aid) or []))

    sections = tuple(SectionView(b["id"], text(b["title"]), text(b.get("body")), chart_view(b.get("chart"), s),
                                 flow_view(b.get("flow"), s))
                     for b in data.get("sections", []) if serves(b, auds, aid))
    cases = tuple(CaseView(b["id"], text(b["title"]), text(b["body"]), lines(b.get("discussion")))
                  for b in data.get("case_studies", []) if serves(b, auds, aid))
    activities = tuple(ActivityView(b["id"], text(b["title"]), b.get("kind", "exercise"), int(b["minutes"]),
                                    text(b["instructions"]), tuple(fill(m, s) for m in b.get("materials", [])),
                                    fill(b.get("room_setup", ""), s), lines(b.get("prompts")),
                                    text(b["facilitator_notes"]))
                       for b in data.get("activities", []) if serves(b, auds, aid))
    questions = tuple(QuestionView(b["id"], fill(b["question"], s),
                                   tuple(fill(choice_text(c), s) for c in b["choices"]),
                                   int(b["answer"]), fill(b["explanation"], s),
                                   tuple(fill(choice_why(c), s) for c in b["choices"]))
                      for b in data.get("self_check", []) if serves(b, auds, aid))
    served = {a.id for a in activities}
    materials = tuple(material_view(m, s) for m in data.get("print_materials") or [] if m["activity"] in served)
    view = LessonView(module, audience, text(data["title"]), text(data.get("summary")), lines(data.get("objectives")),
                      lines(data.get("key_points")), lines(data.get("actions")), sections, cases, activities,
                      questions, print_materials=materials)
    said = view.learner_text()
    for sec in sections:  # figures: flow steps and chart rows are read too
        said += "\n" + "\n".join(sec.figure_text())
    if audience.answers == "inline":  # the answers and their reasons are on the page too
        said += "\n" + "\n".join(x for q in questions for x in (q.explanation, *q.reasons) if x)
    # Key terms: only those the lesson uses (by name or another name); sources: only those it cites.
    listed_terms = tuple((glossary[t], fill(pick(glossary[t].definition, aid) or "", s))
                         for t in data.get("key_terms", []) if t in glossary)
    terms = tuple((term, d) for term, d in listed_terms if term_used(said, term))
    cited = citations_in(said + "\n" + "\n".join(d for _, d in terms))
    for sec in sections:
        for block in (sec.chart, sec.flow):
            if block and block.source:
                cited.append(block.source)
    # What the lesson's print products cite (its handout, the brief or briefing) is listed on the lesson too:
    # the printed sheets send readers there for full references.
    handout = pick(data.get("handout"), aid) if isinstance(data.get("handout"), dict) else None
    for block in (handout, data.get("brief"), data.get("briefing")):
        cited += citations_in("\n".join(_strings(block)))
    return replace(view, terms=terms, listed_terms=listed_terms, handout=handout_view(handout, s),
                   sources=tuple(course.sources[k] for k in dict.fromkeys(cited) if k in course.sources),
                   reading_minutes=max(1, math.ceil(count_words(view.learner_text()) / WORDS_PER_MINUTE)))


def chart_view(chart: dict | None, settings) -> ChartView | None:
    """A validated `chart` mapping as a ChartView, its text with placeholders filled."""
    if not chart:
        return None
    rows = tuple(ChartRow(fill(r["label"], settings), r["value"], r.get("low"), fill(r.get("note", ""), settings))
                 for r in chart["rows"])
    return ChartView(fill(chart["title"], settings), fill(chart["caption"], settings), fill(chart["unit"], settings),
                     chart["source"], rows, fill(chart.get("label_header", ""), settings),
                     chart.get("scale", "linear"))


def material_view(spec: dict, settings) -> PrintMaterialView:
    """A validated `print_materials` entry as a PrintMaterialView, its text with placeholders filled."""
    def f(value) -> str:
        return fill(value or "", settings)

    table = spec.get("table")
    return PrintMaterialView(
        spec["id"], spec["activity"], spec["kind"], f(spec["title"]), f(spec.get("instructions")),
        f(spec.get("copies")),
        tuple(f(x) for x in spec.get("labels", [])),
        tuple(MaterialCard(f(c["text"]), f(c.get("title")), f(c.get("role"))) for c in spec.get("cards", [])),
        tuple(f(q) for q in spec.get("questions", [])),
        MaterialTable(tuple(table["columns"]), tuple(tuple(f(x) for x in row) for row in table["rows"]))
        if table else None)


def handout_view(block: dict | None, settings) -> HandoutBlockView | None:
    """A validated `handout` entry (already picked for the audience) as a HandoutBlockView, filled."""
    if not block:
        return None
    material = tuple(SheetMaterial(fill(m["title"], settings), m["kind"],
                                   tuple(fill(x, settings) for x in m.get("items", [])),
                                   m.get("from_section", ""), tuple(m.get("columns", [])), int(m.get("rows", 0)))
                     for m in block.get("material", []))
    return HandoutBlockView(fill(block["headline"], settings), tuple(fill(x, settings) for x in block["actions"]),
                            tuple(fill(x, settings) for x in block.get("points", [])), material, block.get("visual"),
                            tuple(block.get("key_terms", [])))


def flow_view(flow: dict | None, settings) -> FlowView | None:
    """A validated `flow` mapping as a FlowView, its text with placeholders filled."""
    if not flow:
        return None
    steps = tuple(FlowStep(fill(x["label"], settings), fill(x["detail"], settings)) for x in flow["steps"])
    return FlowView(fill(flow["title"], settings), fill(flow["caption"], settings), steps, flow.get("source", ""))


def term_used(text: str, term: Term) -> bool:
    """Whether `text` uses a glossary term by its name, the name before a bracket ("BIPA"), or another name (any
    case, plural, hyphen or space: "galleries", "library-records law")."""
    names = tuple(dict.fromkeys(n for n in (term.term, term.term.split(" (")[0], *term.also_called) if n))
    return bool(names) and bool(_term_pattern(names).search(_flat(text)))


@functools.lru_cache(maxsize=256)  # one lesson's text is asked about each of its key terms in turn
def _flat(text: str) -> str:
    return re.sub(r"[-‐‑\s]+", " ", text.lower())


@functools.lru_cache(maxsize=4096)
def _term_pattern(names: tuple) -> re.Pattern:
    def stem(name: str) -> str:
        flat = re.escape(_flat(name)).replace(r"\ ", " ")
        return flat[:-1] + "(?:y|ies)" if flat.endswith("y") else flat + "(?:s|es)?"

    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(stem(n) for n in names) + r")(?![a-z0-9])")


def _strings(value):
    """Every string inside nested lists and mappings."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def fill_deep(value, settings):
    """`value` (a chart, a flow: a flow's steps are a list of mappings) with placeholders filled at every depth."""
    if isinstance(value, str):
        return fill(value, settings)
    if isinstance(value, dict):
        return {k: fill_deep(v, settings) for k, v in value.items()}
    if isinstance(value, list):
        return [fill_deep(v, settings) for v in value]
    return value






def track(course: Course, audience: Audience) -> list[LessonView]:
    """An audience's whole track, in order."""
    return [lesson_view(m, audience, course) for m in course.modules_for(audience.id)]
