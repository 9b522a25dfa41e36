"""Load one YAML file as plain data, keeping the line and column of every value.

Only the safe loader is used (libyaml's when present): tags such as `!!python/object` are refused with a
located problem, never constructed. Duplicate keys, which YAML would silently drop, are problems too.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..problems import Location, Problems

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
}

Path_ = tuple  # a JSON-pointer-like path into the data: ("sections", 2, "body")

# Bounds on input, so that a hostile or broken file is a located error in well under two seconds, never minutes of
# work or a MemoryError (the largest upstream module is about 42 KB, its longest text about 2,700 characters).
# Documented in docs/authoring/index.md ("Limits"); benchmarks/input_limits_benchmark.py times each one.
MAX_FILE_BYTES = 1_000_000
MAX_TEXT_CHARS = 20_000
MAX_VALUES = 50_000  # scalars, lists and mappings in one file
MAX_DEPTH = 30  # lists and mappings inside each other


@dataclass
class Loaded:
    """A YAML document as plain data plus where each value came from."""

    path: str
    data: object = None
    locations: dict = field(default_factory=dict)
    key_locations: dict = field(default_factory=dict)  # path -> where its key is written (mapping values only)
    block_scalars: set = field(default_factory=set)  # paths of `|` and `>` text, whose lines we can locate
    folded: dict = field(default_factory=dict)  # paths of `>` text -> the last source line of its block
    lines: list = field(default_factory=list)

    def text_line(self, at: Path_, offset: int, snippet: str = "") -> Location:
        """Where line `offset` of a text value is: exact for block scalars, the value's start otherwise. In folded
        (`>`) text one line may come from several source lines: the one holding `snippet` is chosen."""
        loc = self.where(at)
        if tuple(at) not in self.block_scalars:
            return loc
        if tuple(at) in self.folded:
            line = self._folded_line(loc.line, self.folded[tuple(at)], offset, snippet)
        else:
            line = loc.line + 1 + offset
        source = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return Location(self.path, line, len(source) - len(source.lstrip(" ")) + 1)

    def _folded_line(self, indicator_line: int, last_line: int, offset: int, snippet: str) -> int:
        """The source line where line `offset` of a folded (`>`) text starts. Folding joins consecutive lines of a
        paragraph with spaces, so text line n is not source line n: replay the folding over the source lines."""
        text_line, blanks = 0, 0
        candidates: list[int] = []
        previous: str | None = None  # the kind of the last non-blank line: "normal", or "more" (indented)
        base = 0  # the block's indentation: that of its first non-blank line
        for number in range(indicator_line + 1, min(last_line, len(self.lines)) + 1):
            source = self.lines[number - 1]
            if not source.strip():
                blanks += 1
                continue
            indent = len(source) - len(source.lstrip(" "))
            if previous is None:
                kind, base, text_line = "normal", indent, blanks  # leading blank lines are each a break
            else:
                kind = "more" if indent > base else "normal"
                if previous == "normal" and kind == "normal":
                    text_line += blanks  # a line break inside a paragraph became a space; each blank line, a break
                else:
                    text_line += 1 + blanks  # breaks around more-indented lines are kept
            if text_line == offset:
                candidates.append(number)
            elif text_line > offset:
                break
            previous, blanks = kind, 0
        word = snippet.split()[0] if snippet.split() else ""
        return next((n for n in candidates if word and word in self.lines[n - 1]),
                    candidates[0] if candidates else indicator_line + 1 + offset)

    def where_key(self, at: Path_) -> Location:
        """Where the key of a mapping value is written: messages about a field itself (unknown, misspelt) point
        there; messages about the value point at the value (`where`)."""
        return self.key_locations.get(tuple(at)) or self.where(at)

    def where(self, at: Path_ = ()) -> Location:
        """The location of `at`, or of its nearest parent that has one."""
        at = tuple(at)
        while at not in self.locations and at:
            at = at[:-1]
        return self.locations.get(at, Location(self.path, 1, 1))


def load_text(text: str, path: str, problems: Problems) -> Loaded:
    """Parse `text`; syntax errors and refused tags go to `problems`, never raise."""
    loaded = Loaded(path, lines=text.splitlines())
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        _too_big(path, problems)
        return loaded
    try:
        if not _within_bounds(text, path, problems):
            return loaded
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        problems.add(loc, "", f"YAML syntax error: {exc.problem or exc}",
                     "check indentation and quote text that contains ': ' or starts with a special character",
                     code="yaml-syntax")
        return loaded
    except yaml.YAMLError as exc:  # e.g. a document stream error without a mark
        problems.add(Location(path), "", f"YAML error: {exc}", "check the file is valid YAML", code="yaml-syntax")
        return loaded
    if node is None:
        problems.add(Location(path, 1, 1), "", "the file is empty", "start from a template: course new",
                     code="empty-file")
        return loaded
    loaded.data = _build(node, (), loaded, problems)
    return loaded


def load_file(path: Path, shown_as: str, problems: Problems) -> Loaded:
    """Read and parse one file; an unreadable file is a problem, not a crash."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:  # checked before reading: a huge file is never loaded whole
            _too_big(shown_as, problems)
            return Loaded(shown_as)
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        problems.add(Location(shown_as), "", "the file is not UTF-8 text", "save it as UTF-8", code="not-utf8")
        return Loaded(shown_as)
    except OSError as exc:
        problems.add(Location(shown_as), "", f"cannot read the file: {exc.strerror}", code="unreadable-file")
        return Loaded(shown_as)
    return load_text(text, shown_as, problems)


def _too_big(path: str, problems: Problems) -> None:
    problems.add(Location(path, 1, 1), "", f"the file is larger than {MAX_FILE_BYTES:,} bytes",
                 "split it into several modules; a lesson is rarely more than 50,000 bytes", code="file-too-large")


def _within_bounds(text: str, path: str, problems: Problems) -> bool:
    """One pass over the parser's events (linear, nothing built) before anything is composed: anchors and
    aliases, which expand node by node (a few hundred bytes can stand for billions of values), too many values,
    too deep nesting and over-long text are located errors. False when the file must not be built."""
    ok = True
    depth = values = 0
    aliases_seen = set()
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark  # the parser marks every event; the stubs allow None
        here = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        if isinstance(event, yaml.AliasEvent):
            ok = False
            if event.anchor in aliases_seen:  # one message per name is enough
                continue
            aliases_seen.add(event.anchor)
            problems.add(here, "", f"the YAML alias *{event.anchor} is not allowed",
                         "course files do not use anchors (&name) and aliases (*name): write the value out in full",
                         code="yaml-alias")
            continue
        anchor = getattr(event, "anchor", None)  # only node events (scalars, lists, mappings) have one
        if anchor:
            problems.add(here, "", f"the YAML anchor &{anchor} is not allowed",
                         "course files do not use anchors (&name) and aliases (*name): remove it", code="yaml-anchor")
            ok = False
        if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            values += 1
            if values > MAX_VALUES:
                problems.add(here, "", f"the file holds more than {MAX_VALUES:,} values",
                             "split it into several files", code="too-many-values")
                return False
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                problems.add(here, "", f"lists and mappings are nested more than {MAX_DEPTH} deep",
                             "check the indentation; course files need only a few levels", code="nested-too-deep")
                return False
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_TEXT_CHARS:
            problems.add(here, "", f"a text of {len(event.value):,} characters is longer than the limit of "
                         f"{MAX_TEXT_CHARS:,}", "split it into several sections", code="text-too-large")
            ok = False
    return ok


def load_mapping(path: Path, shown_as: str, problems: Problems, what: str, hint: str) -> Loaded | None:
    """A file that must hold a mapping of fields (module, override, settings): None, with the problem
    reported, when it cannot be read, does not parse, or is not a mapping."""
    loaded = load_file(path, shown_as, problems)
    if loaded.data is None:
        return None
    if not isinstance(loaded.data, dict):
        problems.add(loaded.where(), "", f"{what} must be a mapping of fields", hint, code="not-a-mapping")
        return None
    return loaded


def _build(node, at: Path_, loaded: Loaded, problems: Problems):
    loc = Location(loaded.path, node.start_mark.line + 1, node.start_mark.column + 1)
    loaded.locations[at] = loc
    if node.tag not in _PLAIN_TAGS:
        problems.add(loc, _field(at), f"the YAML tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed",
                     "module files hold plain text, numbers, lists and mappings only; remove the tag", code="yaml-tag")
        return None
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.add(loc, _field(at), "YAML merge keys (<<) are not supported", "write the fields out",
                             code="yaml-merge-key")
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                kloc = Location(loaded.path, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                problems.add(kloc, _field(at), "a key must be plain text", "write the key as a simple word",
                             code="key-not-text")
                continue
            key = str(key_node.value)
            kloc = Location(loaded.path, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in out:
                problems.add(kloc, _field(at + (key,)), f'"{key}" appears twice in the same mapping',
                             "remove one of them; YAML would silently keep only the last", code="duplicate-key")
                continue
            loaded.key_locations[at + (key,)] = kloc
            out[key] = _build(value_node, at + (key,), loaded, problems)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, at + (i,), loaded, problems) for i, item in enumerate(node.value)]
    if node.style in ("|", ">"):
        loaded.block_scalars.add(at)
        if node.style == ">":
            loaded.folded[at] = node.end_mark.line + 1
    return _scalar(node, at, loc, problems)


def _scalar(node, at: Path_, loc: Location, problems: Problems):
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    try:
        value = _SCALARS.construct_object(node)
        _SCALARS.constructed_objects.clear()
    except (ValueError, yaml.YAMLError):
        if node.tag == "tag:yaml.org,2002:timestamp":
            problems.add(loc, _field(at), f'"{node.value}" is not a real date', "write a date as YYYY-MM-DD",
                         code="invalid-date")
        return node.value
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]  # dates travel as ISO text; the schema checks their form
    return value


class _ScalarConstructor(yaml.SafeLoader):
    """A constructor used only for resolved plain scalars (no stream of its own)."""

    def __init__(self) -> None:
        yaml.constructor.SafeConstructor.__init__(self)


_SCALARS = _ScalarConstructor()


def _field(at: Path_) -> str:
    """`sections[2].body` from ("sections", 2, "body")."""
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


field_name = _field
