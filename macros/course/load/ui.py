"""Load the UI-string catalogs (data/ui/<language>.yml) of every language an audience uses.

English is the reference: every other catalog must have each key of en.yml, no other key, and the same `{named}`
slots in each string, so a renderer can never ask a catalog for something it lacks. A project without its own
data/ui/<language>.yml uses the one that comes with the code (like the schemas), so a fork that never changed
a UI string keeps getting upstream's.
"""

from __future__ import annotations

from pathlib import Path

from ..problems import Location, Problems, did_you_mean
from ..project import Project
from ..ui import DATE_SLOTS, DEFAULT_LANGUAGE, Catalog, catalog_from_data, flatten, slots
from . import schema as schema_check
from .located_yaml import Loaded, field_name, load_file

UPSTREAM_UI = Path(__file__).resolve().parents[3] / "data" / "ui"


def catalog_path(project: Project, language: str) -> Path:
    """The project's own catalog for `language`, else upstream's."""
    own = project.data_dir / "ui" / f"{language}.yml"
    return own if own.exists() or not (UPSTREAM_UI / f"{language}.yml").exists() else UPSTREAM_UI / f"{language}.yml"


def load_catalogs(project: Project, audiences: dict, problems: Problems) -> dict:
    """{language: Catalog} for English and every audience's language; problems located in the catalogs (or at
    the audience whose language has no catalog)."""
    wanted: dict = {DEFAULT_LANGUAGE: None}
    for audience in audiences.values():
        wanted.setdefault(audience.language, audience)
    english = _load_one(project, DEFAULT_LANGUAGE, None, problems)
    upstream = UPSTREAM_UI / f"{DEFAULT_LANGUAGE}.yml"
    if english and upstream.is_file() and catalog_path(project, DEFAULT_LANGUAGE).resolve() != upstream.resolve():
        # A fork's own English catalog may reword any string, but the pages ask for every key upstream's has.
        reference = load_file(upstream, f"upstream's data/ui/{DEFAULT_LANGUAGE}.yml", Problems())
        if reference.data is not None and not _matches(english[1], reference, project, problems):
            english = None
    out = {DEFAULT_LANGUAGE: english[0]} if english else {}
    for language, audience in wanted.items():
        if language == DEFAULT_LANGUAGE:
            continue
        loaded = _load_one(project, language, audience, problems)
        if loaded and english and _matches(loaded[1], english[1], project, problems):
            out[language] = loaded[0]
    return out


def _load_one(project: Project, language: str, audience, problems: Problems) -> tuple[Catalog, Loaded] | None:
    path = catalog_path(project, language)
    shown = project.shown(path)
    if not path.exists():
        where = getattr(audience, "location", None) or Location(shown)
        problems.add(where, "language" if audience else "",
                     f'there is no UI-string catalog for language "{language}" ({shown})',
                     f"copy data/ui/{DEFAULT_LANGUAGE}.yml to {shown} and translate every string, keeping each "
                     "{slot} as it is" if audience else "every course needs the English catalog; copy it from upstream",
                     code="missing-catalog")
        return None
    loaded = load_file(path, shown, problems)
    if loaded.data is None or not schema_check.check(loaded, project.schema("ui"), problems):
        return None
    data = loaded.data if isinstance(loaded.data, dict) else {}  # the schema made it a mapping
    ok = True
    if data["language"] != language:
        problems.add(loaded.where(("language",)), "language",
                     f'says "{data["language"]}" but the file is the catalog for "{language}"',
                     f"write language: {language}, or rename the file", code="catalog-language")
        ok = False
    ok &= _plain_text(loaded, problems)
    if not _months_ok(loaded, problems):
        ok = False
    return (catalog_from_data(language, data), loaded) if ok else None


def _strings(loaded: Loaded) -> dict:
    """The catalog's `strings` mapping (the schema checked its shape)."""
    data = loaded.data if isinstance(loaded.data, dict) else {}
    strings = data.get("strings")
    return strings if isinstance(strings, dict) else {}


def _texts(loaded: Loaded):
    """(path, text) of every string in the catalog, with the path into the YAML for locating it."""
    def walk(value, at):
        if isinstance(value, dict):
            for k, v in value.items():
                yield from walk(v, at + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                yield from walk(v, at + (i,))
        else:
            yield at, str(value)
    yield from walk(_strings(loaded), ("strings",))


def _plain_text(loaded: Loaded, problems: Problems) -> bool:
    """UI strings go onto every page as they are: no HTML and no template code in them."""
    ok = True
    for at, text in _texts(loaded):
        if "<" in text or "{{" in text or "{%" in text:
            problems.add(loaded.where(at), field_name(at), "contains HTML or template code",
                         "write plain text: no < and no {{ or {%; a slot the page fills is one {name}", code="raw-html")
            ok = False
    return ok


def _months_ok(loaded: Loaded, problems: Problems) -> bool:
    date = _strings(loaded).get("date")
    months = date.get("months") if isinstance(date, dict) else None
    if not isinstance(months, list):
        at = ("strings", "date")
        problems.add(loaded.where(at), "strings.date.months", "is missing",
                     "add the twelve month names, January first, as a list", code="missing-string")
        return False
    return True


def _matches(other: Loaded, english: Loaded, project: Project, problems: Problems) -> bool:
    """Every key of en.yml, no other, and the same slots in each string."""
    ours, theirs = flatten(_strings(english)), flatten(_strings(other))
    ok = True
    for key in ours:
        if key not in theirs:
            at = ("strings", *key.split("."))
            parent = at[:-1]
            while parent and parent not in other.locations:
                parent = parent[:-1]
            en_text = ours[key] if isinstance(ours[key], str) else "a list"
            problems.add(other.where(parent), field_name(at), "is missing",
                         f'add it in this language; in {english.path} it is "{en_text}"', code="missing-string")
            ok = False
    for key, value in theirs.items():
        at = ("strings", *key.split("."))
        if key not in ours:
            problems.add(other.where_key(at), field_name(at), f"is not a key of {english.path}",
                         did_you_mean(key, ours) or "remove it: no page asks for it", code="unknown-string")
            ok = False
            continue
        if isinstance(value, list) or isinstance(ours[key], list):
            continue
        found, wanted = slots(str(value)), slots(str(ours[key]))
        if key.startswith("date."):
            bad = found - DATE_SLOTS
            if bad:
                problems.add(other.where(at), field_name(at), "has unknown slot(s) " + _slot_list(bad),
                             "a date may use " + _slot_list(DATE_SLOTS), code="slot-mismatch")
                ok = False
        elif found != wanted:
            what = []
            if wanted - found:
                what.append("lacks " + _slot_list(wanted - found))
            if found - wanted:
                what.append("has unknown " + _slot_list(found - wanted))
            problems.add(other.where(at), field_name(at), " and ".join(what),
                         f'use the same slots as {english.path}: "{ours[key]}"', code="slot-mismatch")
            ok = False
    return ok


def _slot_list(names) -> str:
    return ", ".join("{" + n + "}" for n in sorted(names))
