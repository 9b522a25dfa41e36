"""A fork's local overlay: settings, added and replaced modules, block overrides, local sources and terms.

Everything a consortium changes lives in `local/`; upstream folders (`modules/`, `data/`) are never edited, so
pulling upstream never conflicts. `load_course` calls, in order:

- `load_settings`: `data/settings.yml` (upstream's defaults), then `local/settings.yml` field by field;
- `local_sources` and `local_glossaries`: extra registries, loaded like upstream's (a key may not be redefined);
- `apply_overlay`: `local/modules/*.yml`. A file whose `id` is an upstream module's replaces it whole; a file
  with `override: <id>` replaces, adds or removes named blocks of it; any other id is a new module.

Every override records `based_on` (the upstream version and fingerprints of its content); when upstream moves
on, a warning names the module, both versions and what changed (see `drift`).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import cast

import jsonschema

from ..model import DEFAULT_LANGUAGE, PLACEHOLDERS, Course, Module, Settings
from ..problem_codes import CODES
from ..problems import Location, Problem, Problems, did_you_mean
from ..project import Project
from . import drift
from . import schema as schema_check
from .located_yaml import Loaded, field_name, load_file, load_mapping
from .modules import module_files

BLOCK_LISTS = drift.BLOCK_LISTS
BLOCK_WORDS = {"sections": "section", "case_studies": "case study", "activities": "activity", "self_check": "question"}
# Top-level fields a block override may replace whole (besides blocks).
OVERRIDE_FIELDS = ("title", "order", "summary", "objectives", "key_points", "actions", "key_terms", "sources")
LIST_SETTINGS = ("audiences", "hide_modules", "silence")
TODO = "TODO"


# --------------------------------------------------------------------------------------------------------------
# Settings
# --------------------------------------------------------------------------------------------------------------

def settings_files(project: Project) -> list[Path]:
    """Upstream's defaults, then the fork's own settings: later files win, field by field."""
    return [project.data_dir / "settings.yml", project.local_dir / "settings.yml"]


def load_settings(project: Project, course: Course, problems: Problems) -> Settings:
    """The course settings, validated, with every value located for later messages (`settings_location`)."""
    settings = Settings()
    found: dict = {}  # field -> (Loaded, path tuple) of the value in force
    for path in settings_files(project):
        if not path.exists():
            continue
        loaded = load_mapping(path, project.shown(path), problems, "the settings file",
                              "start from the example in local/README.md or run: bash scripts/dev course new settings")
        if loaded is None:
            continue
        _warn_todo(loaded, problems)
        schema_check.check(loaded, project.schema("settings"), problems)
        data = cast(dict, loaded.data)  # load_mapping returns only files that hold a mapping
        bad = _invalid_keys(project, data)
        settings.location = Location(loaded.path, 1, 1)
        for key, value in data.items():
            if key in bad:  # reported above; the file's other values still count, so every problem shows at once
                continue
            found[key] = (loaded, (key,))
            if key == "languages":
                _merge_languages(settings, loaded, found, path == settings_files(project)[-1])
                continue
            if key in LIST_SETTINGS:
                value = tuple(value or ())
            elif key in ("pdf", "scorm"):
                value = bool(value)
            else:
                value = "" if value is None else str(value).strip()
            setattr(settings, key, value)
    _language_fallbacks(settings, found)
    # Not a Settings field (model.py): settings_location and print_credit read it back with getattr.
    vars(settings)["_found"] = found
    _check_settings(project, settings, course, found, problems)
    return settings


# A fork's own value of these reads the same in every language (a name, a web address): a translated track uses
# it when the fork gives no value in that language. Phrases ("your state", "the privacy officer") do not: there
# the translated track keeps upstream's wording in its language, and a warning asks for the fork's own.
SAME_IN_EVERY_LANGUAGE = ("organization", "privacy_policy_url")


def _merge_languages(settings: Settings, loaded: Loaded, found: dict, is_local: bool) -> None:
    """`languages: {es: {contact: ...}}`: the placeholders' values for lessons in another language, merged value
    by value (a fork's file overrides upstream's Spanish defaults one by one)."""
    data = cast(dict, loaded.data)  # load_mapping returns only files that hold a mapping
    for language, values in (data.get("languages") or {}).items():
        for name, value in (values or {}).items():
            settings.languages.setdefault(language, {})[name] = "" if value is None else str(value).strip()
            found[("languages", language, name)] = (loaded, ("languages", language, name), is_local)


def _language_fallbacks(settings: Settings, found: dict) -> None:
    """Where the fork wrote its own value of a name or an address but none in a language, that language uses it."""
    for language, values in settings.languages.items():
        for name in SAME_IN_EVERY_LANGUAGE:
            own = found.get(name)
            translated = found.get(("languages", language, name))
            if own and _is_local(own) and not (translated and translated[2]):
                value = settings.placeholder(name)
                if name != "privacy_policy_url" or value.startswith(("http://", "https://")):
                    values[name] = value


def _is_local(entry) -> bool:
    return "local/" in str(entry[0].path).replace("\\", "/")


def _invalid_keys(project: Project, data: dict) -> set:
    """Top-level settings that fail the schema (unknown names included)."""
    bad = set()
    for error in schema_check.load_schema(project.schema("settings")).iter_errors(data):
        path = list(error.absolute_path)
        if path:
            bad.add(path[0])
        elif error.validator == "additionalProperties":
            # That error is raised on the settings mapping itself, by an object schema (a mapping).
            schema = error.schema if isinstance(error.schema, Mapping) else {}
            bad |= set(cast(dict, error.instance)) - set(schema.get("properties", {}))
    return bad


def settings_location(settings: Settings, at: tuple) -> Location:
    """Where a settings value (`("hide_modules", 2)`, `("languages", "es", "contact")`) was written, or the
    settings file when unknown."""
    found = getattr(settings, "_found", {})
    entry = found.get(tuple(at[:3])) if at[:1] == ("languages",) else found.get(at[0])
    if entry is None:
        return settings.location or Location("local/settings.yml")
    return entry[0].where(at)


def _check_settings(project: Project, settings: Settings, course: Course, found: dict, problems: Problems) -> None:
    for i, aud in enumerate(settings.audiences):
        if aud not in course.audiences:
            loaded, _ = found["audiences"]
            problems.add(loaded.where(("audiences", i)), field_name(("audiences", i)), f'unknown audience "{aud}"',
                         did_you_mean(aud, course.audiences) or "use an id from data/audiences.yml",
                         code="unknown-audience")
    for i, code in enumerate(settings.silence):
        where, name = found["silence"][0].where(("silence", i)), field_name(("silence", i))
        if code not in CODES:
            problems.add(where, name, f'unknown problem code "{code}"', did_you_mean(code, CODES) or
                         "use a code from the list in the authoring guide (docs/authoring/codes.md)",
                         code="unknown-code")
        elif not CODES[code].warning:
            problems.add(where, name, f'"{code}" is an error, and errors cannot be silenced',
                         "fix the problem it reports, and remove it from silence", code="silenced-error")
    if settings.logo:
        logo = project.root / settings.logo
        loaded, at = found["logo"]
        if not logo.is_file():
            problems.add(loaded.where(at), "logo", f'"{settings.logo}" is not a file',
                         "give the path from the project folder, e.g. local/logo.svg, and add the file",
                         code="missing-logo")
    local = project.local_dir / "settings.yml"
    if local.exists():
        # A fork that publishes upstream's generic wording by mistake should hear about it, not find out later.
        written = _keys_of(project, local)
        for name in PLACEHOLDERS:
            if written is None or name in written:  # None: unreadable, reported on its own
                continue
            problems.add(Location(project.shown(local), 1, 1), name,
                         f'is not set, so readers see upstream\'s placeholder text "{settings.placeholder(name)}"',
                         f"add {name}: with your own value", code="placeholder-not-set")
        _check_translated_settings(project, settings, course, found, written or set(), problems)


def _check_translated_settings(project: Project, settings: Settings, course: Course, found: dict, written: set,
                               problems: Problems) -> None:
    """A fork that wrote its own contact in English but not in Spanish would show Spanish readers upstream's
    generic "tu biblioteca": say so, once per value, for each language a published track is written in."""
    wanted = settings.audiences
    languages = sorted({a.language for a in course.audiences.values() if (a.id in wanted if wanted else a.publish)}
                       - {DEFAULT_LANGUAGE})
    local = project.local_dir / "settings.yml"
    for language in languages:
        for name in PLACEHOLDERS:
            translated = found.get(("languages", language, name))
            if name not in written or (translated and translated[2]):
                continue
            own_value = settings.placeholder(name)
            if name in SAME_IN_EVERY_LANGUAGE and settings.languages.get(language, {}).get(name) == own_value:
                continue  # a name or an address: the fork's own value serves every language
            shown = settings.for_language(language).placeholder(name)
            problems.add(Location(project.shown(local), 1, 1), f"languages.{language}.{name}",
                         f'is not set, so readers of the "{language}" track see upstream\'s '
                         f'placeholder text "{shown}"',
                         f"add languages: {{{language}: {{{name}: ...}}}} with your own value in that language",
                         code="placeholder-not-translated")


def _keys_of(project: Project, path: Path) -> set | None:
    """The top-level keys a settings file writes (even invalid ones: those are reported on their own), or None
    when the file cannot be read as a mapping (that is reported on its own, and says nothing of what is set)."""
    loaded = load_file(path, project.shown(path), Problems())
    return set(loaded.data) if isinstance(loaded.data, dict) else None


# --------------------------------------------------------------------------------------------------------------
# Local registries
# --------------------------------------------------------------------------------------------------------------

def local_sources(project: Project) -> list[Path]:
    """A fork's own source registry, loaded after upstream's; a key may not repeat one of upstream's."""
    return [project.local_dir / "sources.yml"]


def local_glossaries(project: Project) -> list[Path]:
    """A fork's own glossary folder (files shaped like data/glossary/*.yml)."""
    return [project.local_dir / "glossary"]


# --------------------------------------------------------------------------------------------------------------
# Modules
# --------------------------------------------------------------------------------------------------------------

@dataclass
class MergedLoaded(Loaded):
    """Locations of a module made from several files: each part of the data points back to the file it came from.

    `parts` maps a path in the merged data (`("sections", 3)`) to the file and path it was copied from, so a
    problem in a replaced block is reported in the override file, and one in an untouched block upstream.
    """

    parts: dict = field(default_factory=dict)

    def _source(self, at: tuple):
        at = tuple(at)
        for n in range(len(at), -1, -1):
            if at[:n] in self.parts:
                src, src_at = self.parts[at[:n]]
                return src, src_at + at[n:]
        return None, at

    def where(self, at=()) -> Location:
        src, src_at = self._source(at)
        return src.where(src_at) if src is not None else Location(self.path, 1, 1)

    def where_key(self, at) -> Location:
        src, src_at = self._source(at)
        return src.where_key(src_at) if src is not None else Location(self.path, 1, 1)

    def text_line(self, at, offset: int, snippet: str = "") -> Location:
        src, src_at = self._source(at)
        return src.text_line(src_at, offset, snippet) if src is not None else self.where(at)


def apply_overlay(project: Project, course: Course, modules: list[Module], problems: Problems) -> list[Module]:
    """Upstream's modules with local/modules/ applied: replaced, changed block by block, or added."""
    upstream = {m.id: m for m in modules}
    result = dict(upstream)
    changed_by: dict = {}  # upstream id -> the overlay file that changes it
    for path in module_files(project.local_dir / "modules"):
        loaded = load_mapping(path, project.shown(path), problems, "a module",
                              "start from a template: bash scripts/dev course new module <id> --local")
        if loaded is None:
            continue
        _warn_todo(loaded, problems)
        if "override" in cast(dict, loaded.data):  # load_mapping returns only files that hold a mapping
            _apply_blocks(project, course, loaded, upstream, result, changed_by, problems)
        else:
            _apply_module(project, course, loaded, upstream, result, changed_by, problems)
    for i, mid in enumerate(course.settings.hide_modules):
        if mid not in result:
            problems.add(settings_location(course.settings, ("hide_modules", i)), field_name(("hide_modules", i)),
                         f'unknown module "{mid}"',
                         did_you_mean(mid, result) or "use an id from modules/ or local/modules/",
                         code="unknown-module")
    return list(result.values())


def _apply_module(project, course, loaded, upstream, result, changed_by, problems) -> None:
    """A whole module: a replacement when upstream has its id, otherwise a module of the fork's own."""
    ok = schema_check.check(loaded, project.schema("module"), problems)
    mid = loaded.data.get("id")
    if not isinstance(mid, str):
        return
    module = Module(loaded.data, loaded, schema_ok=ok)
    based_on = loaded.data.get("based_on")
    if mid in upstream:
        if _claimed(mid, loaded, ("id",), changed_by, problems):
            return
        base = upstream[mid]
        module.origin, module.upstream_version = "overlay-replaced", base.version
        result[mid] = module
        if not isinstance(based_on, dict):
            problems.add(loaded.where(("id",)), "based_on", "is missing",
                         f'this file replaces upstream module "{mid}", so it must say which upstream version it was '
                         f"based on: run bash scripts/dev course drift --accept {mid} to record it",
                         code="missing-based-on")
            return
        _drift(course, loaded, mid, based_on, base, frozenset(), problems)
        return
    if mid in result:
        problems.add(loaded.where(("id",)), "id", f'module id "{mid}" is already used by {result[mid].path}',
                     "give each module its own id", code="duplicate-id")
        return
    if based_on is not None:
        problems.add(loaded.where(("based_on",)), "based_on", f'no upstream module has the id "{mid}"',
                     (did_you_mean(mid, upstream) + " " if did_you_mean(mid, upstream) else "")
                     + "based_on is only for overrides; remove it from a module of your own",
                     code="based-on-without-upstream")
    module.origin = "overlay"
    result[mid] = module


def _apply_blocks(project, course, loaded, upstream, result, changed_by, problems) -> None:
    """A block override: replace, add or remove named blocks (and some top-level fields) of one module."""
    base = _override_base(project, loaded, upstream, changed_by, problems)
    if base is None:
        return
    data = loaded.data
    target = data["override"]
    merged = copy.deepcopy(base.data)
    parts: dict = {(): (base.loaded, ())}
    touched = _replace_fields(loaded, merged, parts)
    known = {(ln, b["id"]) for ln in BLOCK_LISTS for b in base.data.get(ln, [])}
    replaced = {(ln, b["id"]) for ln in BLOCK_LISTS for b in data.get(ln, [])}
    added = data.get("add", {})
    _check_block_ids(loaded, target, known, data, added, problems)
    removed = _removed_blocks(loaded, target, known, replaced, problems)
    _merge_block_lists(loaded, base, known, removed, merged, parts)
    if "hide_for" in data:
        _hide_blocks(loaded, target, merged, problems)
    if "audiences" in data:
        _narrow_audiences(loaded, target, base, merged, problems)
        touched.add("audiences")
    touched |= {f"{ln}.{bid}" for ln, bid in replaced | removed}
    if not merged.get("sections"):
        problems.add(loaded.where(("remove",)), "remove", f'removes every section of module "{target}"',
                     "keep at least one section, or hide the module with hide_modules in local/settings.yml",
                     code="no-sections-left")
    merged.pop("based_on", None)
    merged_loaded = MergedLoaded(loaded.path, merged, parts=parts)
    result[target] = Module(merged, merged_loaded, origin="overlay-blocks", upstream_version=base.version)
    _drift(course, loaded, target, data["based_on"], base, frozenset(touched), problems)


def _override_base(project: Project, loaded: Loaded, upstream: dict, changed_by: dict,
                   problems: Problems) -> Module | None:
    """The upstream module a valid block override changes, or None (with the problem reported) when the file
    fails its schema, names no upstream module, repeats another file's target, or the target itself is invalid."""
    if not _check_override_schema(project, loaded, problems):
        return None
    target = cast(dict, loaded.data)["override"]  # load_mapping returns only files that hold a mapping
    if target not in upstream:
        problems.add(loaded.where(("override",)), "override", f'unknown module "{target}"',
                     did_you_mean(target, upstream) or "give the id of a module in modules/", code="unknown-module")
        return None
    if _claimed(target, loaded, ("override",), changed_by, problems):
        return None
    base = upstream[target]
    return base if base.schema_ok else None


def _replace_fields(loaded: Loaded, merged: dict, parts: dict) -> set[str]:
    """Top-level fields (title, objectives, ...) the override replaces whole; returns their names."""
    data = cast(dict, loaded.data)  # load_mapping returns only files that hold a mapping
    touched = set()
    for key in OVERRIDE_FIELDS:
        if key in data:
            merged[key] = copy.deepcopy(data[key])
            parts[(key,)] = (loaded, (key,))
            touched.add(key)
    return touched


def _removed_blocks(loaded: Loaded, target: str, known: set, replaced: set, problems: Problems) -> set:
    """The (list, id) of each block under `remove:`; an unknown id, or one also replaced, is reported."""
    removed: set = set()
    for i, bid in enumerate(cast(dict, loaded.data).get("remove", [])):  # a mapping: see load_mapping
        hits = {(ln, bid) for ln in BLOCK_LISTS if (ln, bid) in known}
        if not hits:
            problems.add(loaded.where(("remove", i)), field_name(("remove", i)),
                         f'module "{target}" has no block "{bid}"',
                         did_you_mean(bid, sorted({b for _, b in known})) or
                         "give the id of one of its sections, case studies, activities or questions",
                         code="unknown-block")
        if hits & replaced:
            problems.add(loaded.where(("remove", i)), field_name(("remove", i)),
                         f'"{bid}" is both replaced and removed', "keep one of the two", code="replaced-and-removed")
        removed |= hits
    return removed


def _merge_block_lists(loaded: Loaded, base: Module, known: set, removed: set, merged: dict, parts: dict) -> None:
    """Each block list of the merged module: upstream's blocks minus the removed ones, replacements in upstream's
    place, additions at the end; `parts` records which file each block came from."""
    data = cast(dict, loaded.data)  # load_mapping returns only files that hold a mapping
    added = data.get("add", {})
    for ln in BLOCK_LISTS:
        items: list[tuple[dict, Loaded, tuple]] = [
            (copy.deepcopy(b), base.loaded, (ln, i)) for i, b in enumerate(base.data.get(ln, []))
            if (ln, b["id"]) not in removed]  # copies: hiding a block must never change upstream's data
        index = {b["id"]: k for k, (b, _, _) in enumerate(items)}
        for j, block in enumerate(data.get(ln, [])):  # replacements keep upstream's place (unknown ids: reported)
            if block["id"] in index:
                items[index[block["id"]]] = (copy.deepcopy(block), loaded, (ln, j))
        for j, block in enumerate(added.get(ln, [])):  # additions come after upstream's blocks
            if (ln, block["id"]) not in known:
                items.append((copy.deepcopy(block), loaded, ("add", ln, j)))
        if items or ln in merged:
            merged[ln] = [b for b, _, _ in items]
            parts[(ln,)] = (base.loaded, (ln,)) if ln in base.data else (loaded, (ln,))
            for k, (_, src, src_at) in enumerate(items):
                parts[(ln, k)] = (src, src_at)


def _check_block_ids(loaded, target, known, data, added, problems) -> None:
    """A block under sections: (etc.) replaces upstream's block with its id; a new block must be under add:, so a
    misspelt id is an error with a suggestion, never a silent second copy of the section."""
    for ln in BLOCK_LISTS:
        word = BLOCK_WORDS[ln]
        for j, block in enumerate(data.get(ln, [])):
            if (ln, block["id"]) in known:
                continue
            close = did_you_mean(block["id"], [b for l2, b in known if l2 == ln])
            problems.add(loaded.where((ln, j, "id")), field_name((ln, j, "id")),
                         f'module "{target}" has no {word} "{block["id"]}" to replace',
                         (close + " " if close else "") + f"to add a new {word}, put it under add: {ln}:",
                         code="unknown-block")
        for j, block in enumerate(added.get(ln, [])):
            if (ln, block["id"]) in known:
                problems.add(loaded.where(("add", ln, j, "id")), field_name(("add", ln, j, "id")),
                             f'module "{target}" already has a {word} "{block["id"]}"',
                             f"to replace it, put it under {ln}: rather than add:; to add a {word}, give it a new id",
                             code="block-exists")


def _narrow_audiences(loaded, target, base, merged, problems) -> None:
    """`audiences:` in a block override hides the whole lesson from the audiences it leaves out. It can only
    narrow upstream's list; upstream blocks meant only for left-out audiences go too."""
    upstream_audiences = list(base.data.get("audiences", []))
    wanted = list(loaded.data["audiences"])
    for i, aud in enumerate(wanted):
        if aud not in upstream_audiences:
            problems.add(loaded.where(("audiences", i)), field_name(("audiences", i)),
                         f'"{aud}" is not one of the audiences of upstream module "{target}"',
                         (did_you_mean(aud, upstream_audiences) + " " if did_you_mean(aud, upstream_audiences) else "")
                         + f"an override can only leave audiences out of: {', '.join(upstream_audiences)}",
                         code="audience-not-upstream")
    kept = [a for a in wanted if a in upstream_audiences]
    merged["audiences"] = kept
    _drop_variants(merged, set(upstream_audiences) - set(kept))
    for ln in BLOCK_LISTS:
        blocks = []
        for block in merged.get(ln, []):
            if block.get("audiences"):
                block["audiences"] = [a for a in block["audiences"] if a in kept]
                if not block["audiences"]:
                    continue  # meant only for audiences this fork leaves out
            blocks.append(block)
        merged[ln] = blocks


def _drop_variants(value, left_out: set) -> None:
    """Per-audience text (`summary: {patrons: ...}`) for audiences the lesson no longer serves goes too."""
    if isinstance(value, dict):
        for key in [k for k in value if k in left_out]:
            del value[key]
        for item in value.values():
            _drop_variants(item, left_out)
    elif isinstance(value, list):
        for item in value:
            _drop_variants(item, left_out)


def _hide_blocks(loaded, target, merged, problems) -> None:
    """`hide_for: {block-id: [audiences]}`: those audiences do not get the block (removed at build time)."""
    module_audiences = list(merged.get("audiences", []))
    by_id = {b["id"]: b for ln in BLOCK_LISTS for b in merged.get(ln, [])}
    for bid, audiences in loaded.data["hide_for"].items():
        at = ("hide_for", bid)
        block = by_id.get(bid)
        if block is None:
            problems.add(loaded.where_key(at), field_name(at), f'module "{target}" has no block "{bid}"',
                         did_you_mean(bid, sorted(by_id)) or
                         "give the id of one of its sections, case studies, activities or questions",
                         code="unknown-block")
            continue
        serves = list(block.get("audiences") or module_audiences)
        for i, aud in enumerate(audiences):
            if aud not in serves:
                problems.add(loaded.where(at + (i,)), field_name(at + (i,)),
                             f'block "{bid}" is not shown to "{aud}" anyway',
                             (did_you_mean(aud, serves) + " " if did_you_mean(aud, serves) else "")
                             + f"it is shown to: {', '.join(serves)}", code="block-not-shown")
        left = [a for a in serves if a not in audiences]
        if not left:
            problems.add(loaded.where_key(at), field_name(at), f'hides block "{bid}" from every audience it serves',
                         "to leave it out everywhere, list it under remove:", code="hides-from-all")
            continue
        block["audiences"] = left


def _claimed(mid: str, loaded: Loaded, at: tuple, changed_by: dict, problems: Problems) -> bool:
    if mid in changed_by:
        problems.add(loaded.where(at), field_name(at), f'module "{mid}" is already changed by {changed_by[mid]}',
                     "put every change to one module in one file", code="module-changed-twice")
        return True
    changed_by[mid] = loaded.path
    return False


def _drift(course: Course, loaded: Loaded, mid: str, based_on: dict, base: Module, touched, problems) -> None:
    found = drift.check(mid, based_on, base.data, touched)
    if found is None:
        return
    problem = Problem(loaded.where(("based_on", "version")), "based_on.version", found.message(),
                      found.hint(base.path), "upstream-changed")
    problems.add(problem.location, problem.field, problem.message, problem.hint, code=problem.code)
    course.drift.append(problem)
    drift_details(course)[mid] = found


def drift_details(course: Course) -> dict:
    """Module id -> `drift.Drift`, for the `drift` command's JSON output."""
    # Not a Course field (model.py): kept beside the course's own attributes, made on first use.
    return vars(course).setdefault("_drift_details", {})


@cache
def _override_validator(schema_dir: Path):
    """The block-override schema, whose block definitions are the module schema's own."""
    from referencing import Registry, Resource

    module = json.loads((schema_dir / "module.schema.json").read_text(encoding="utf-8"))
    override = json.loads((schema_dir / "override.schema.json").read_text(encoding="utf-8"))
    resource = Resource.from_contents(module)
    registry = Registry().with_resources([("module.schema.json", resource), (module["$id"], resource)])
    return jsonschema.validators.validator_for(override)(override, registry=registry)


def _check_override_schema(project: Project, loaded: Loaded, problems: Problems) -> bool:
    found = False
    for error in _override_validator(project.schema_dir).iter_errors(loaded.data):
        found = True
        schema_check._report(loaded, error, problems)
    return not found


def _warn_todo(loaded: Loaded, problems: Problems) -> None:
    """Template text left in a local file (`TODO`) must not reach readers unnoticed: one warning per file."""
    lines = [(n, line) for n, line in enumerate(getattr(loaded, "lines", []) or [], 1)
             if TODO in line and not line.lstrip().startswith("#")]  # comments may mention TODO freely
    if lines:
        n, line = lines[0]
        more = f" (and on {len(lines) - 1} more line(s))" if len(lines) > 1 else ""
        problems.add(Location(loaded.path, n, line.index(TODO) + 1), "", f"still has TODO text from the template{more}",
                     "replace each TODO with your own text", code="template-todo")


# --------------------------------------------------------------------------------------------------------------
# Site assets (for the MkDocs adapter)
# --------------------------------------------------------------------------------------------------------------

def site_logo(root, settings: Settings) -> tuple[str, Path] | None:
    """(path in the site, file on disk) of the settings' logo, or None. The adapter adds it as a generated file,
    so a fork's logo stays in local/ and docs/ is never edited."""
    if not settings.logo:
        return None
    source = Path(root).resolve() / settings.logo
    if not source.is_file():
        return None
    return f"assets/site-logo{source.suffix.lower()}", source
