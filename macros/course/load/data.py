"""Load the course's data files: audiences, topics, the source registry and the glossary.

They are validated like modules (schema, then cross-checks), with every problem located.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import cast

from ..model import DEFAULT_LANGUAGE, Audience, Source, Term, Topic, answers_mode
from ..problems import Location, Problems, did_you_mean
from ..project import Project
from . import schema as schema_check
from .located_yaml import Loaded, field_name, load_file
from .modules import LANGUAGE_FOLDER


def _load_list(project: Project, path: Path, schema: str, key: str, problems: Problems):
    """Yield (index, item, loaded) for a schema-valid list file; report problems otherwise."""
    if not path.exists():
        return
    loaded = load_file(path, project.shown(path), problems)
    if loaded.data is None or not schema_check.check(loaded, project.schema(schema), problems):
        return
    data = cast(dict, loaded.data)  # the schema made it a mapping
    for i, item in enumerate(data[key]):
        yield i, item, loaded


def _unique(seen: dict, ident: str, loaded, at, problems: Problems, what: str) -> bool:
    if ident in seen:
        problems.add(loaded.where(at), field_name(at), f'{what} "{ident}" is defined twice',
                     f"the first is at {seen[ident]}; rename or remove one", code="duplicate-id")
        return False
    seen[ident] = loaded.where(at)
    return True


def load_audiences(project: Project, problems: Problems) -> dict:
    out: dict[str, Audience] = {}
    seen: dict[str, Location] = {}
    where: dict[str, tuple[Loaded, int]] = {}  # audience id -> its file and index, for the cross-checks
    path = project.data_dir / "audiences.yml"
    if not path.exists():
        problems.add(Location(project.shown(path)), "", "the audiences file is missing",
                     "every course needs data/audiences.yml; copy it from upstream", code="missing-audiences-file")
    for i, a, loaded in _load_list(project, path, "audiences", "audiences", problems):
        if _unique(seen, a["id"], loaded, ("audiences", i, "id"), problems, "audience"):
            out[a["id"]] = Audience(a["id"], a["name"], a["description"], a["who_for"], a.get("reading_grade_max"),
                                    a["trainer_led"], a["handout_pages_max"], tuple(a["formats"]),
                                    a.get("publish", True), a.get("answers", _default_answers(a)),
                                    scorm_mastery_score=a.get("scorm_mastery_score"),
                                    quick_path=tuple((step, loaded.where(("audiences", i, "quick_path", n)))
                                                     for n, step in enumerate(a.get("quick_path", []))),
                                    start_with=a.get("start_with", ""), language=a.get("language", "en"),
                                    reading_ease_min=a.get("reading_ease_min"),
                                    location=loaded.where(("audiences", i, "language")),
                                    translation_of=a.get("translation_of", ""))
            _check_mastery_score(out[a["id"]], loaded, i, problems)
            where[a["id"]] = (loaded, i)
    for aid, (loaded, i) in where.items():
        _check_translation_of(out[aid], out, loaded, i, problems)
    return out


def _check_translation_of(audience: Audience, audiences: dict, loaded, i: int, problems: Problems) -> None:
    """A translated track names the track it translates: an existing audience in the course's own language."""
    if not audience.translation_of:
        return
    at = ("audiences", i, "translation_of")
    other = audiences.get(audience.translation_of)
    if other is None:
        problems.add(loaded.where(at), field_name(at), f'unknown audience "{audience.translation_of}"',
                     did_you_mean(audience.translation_of, audiences) or "use an id from data/audiences.yml",
                     code="unknown-audience")
    elif audience.language == DEFAULT_LANGUAGE or other.language != DEFAULT_LANGUAGE:
        problems.add(loaded.where(at), field_name(at),
                     f'"{audience.id}" (language {audience.language}) cannot translate "{other.id}" '
                     f"(language {other.language})",
                     f"a translated track gives a language other than {DEFAULT_LANGUAGE} and names a track in "
                     f"{DEFAULT_LANGUAGE}", code="language-mismatch")


def _check_mastery_score(audience: Audience, loaded, i: int, problems: Problems) -> None:
    """A pass mark needs a score: a track whose answers live in the guide has no score in its SCORM package."""
    if audience.scorm_mastery_score is not None and answers_mode(audience) == "guide":
        at = ("audiences", i, "scorm_mastery_score")
        problems.add(loaded.where(at), field_name(at),
                     f'the "{audience.id}" track keeps its answers in the facilitator guide, so its SCORM package '
                     "records completion only and has no score to compare with a pass mark",
                     "remove scorm_mastery_score, or show the answers to learners (answers: inline)",
                     code="pass-mark-without-score")


def _default_answers(audience: dict) -> str:
    """People who learn alone need the answers beside the questions; in a trainer-led room they are the
    trainer's (in the facilitator guide)."""
    return "guide" if audience.get("trainer_led") else "inline"


def load_topics(project: Project, problems: Problems) -> dict:
    out: dict[str, Topic] = {}
    seen: dict[str, Location] = {}
    for i, t, loaded in _load_list(project, project.data_dir / "topics.yml", "topics", "topics", problems):
        if _unique(seen, t["id"], loaded, ("topics", i, "id"), problems, "topic"):
            out[t["id"]] = Topic(t["id"], t["name"], t["clause2"])
    return out


def load_sources(project: Project, problems: Problems, extra: Sequence[Path] = ()) -> dict:
    """The registry, plus any local registries (a fork's own sources; they may not redefine a key)."""
    out: dict[str, Source] = {}
    seen: dict[str, Location] = {}
    for n, path in enumerate([project.data_dir / "sources.yml", *extra]):
        for i, s, loaded in _load_list(project, path, "sources", "sources", problems):
            if _unique(seen, s["key"], loaded, ("sources", i, "key"), problems, "source"):
                out[s["key"]] = Source(s["key"], s["title"], s["publisher"], s["date"], s["short"],
                                       s.get("authors", ""), s.get("url", ""),
                                       s.get("editor_note", s.get("url_note", "")), local=n > 0,
                                       legal=bool(s.get("legal", False)))
    return out


def load_glossaries(project: Project, problems: Problems, local_folders: Sequence[Path] = ()) -> dict:
    """The glossary of each language other than English: data/glossary/<language>/*.yml (and the overlay's
    <folder>/<language>/), language -> terms. Each keeps the English term ids, so a module's key_terms name the
    same terms in every language."""
    languages = sorted({p.name for folder in [project.data_dir / "glossary", *local_folders] if folder.is_dir()
                        for p in folder.iterdir() if p.is_dir() and LANGUAGE_FOLDER.match(p.name)})
    return {lang: load_glossary(project, problems, [f / lang for f in local_folders],
                                base=project.data_dir / "glossary" / lang)
            for lang in languages}


def load_glossary(project: Project, problems: Problems, folders: Sequence[Path] = (),
                  base: Path | None = None) -> dict:
    """Every term from data/glossary/*.yml (and overlay glossary folders), with its location."""
    out: dict[str, Term] = {}
    seen: dict[str, Location] = {}
    for folder in [base or project.data_dir / "glossary", *folders]:
        for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
            for i, t, loaded in _load_list(project, path, "glossary", "terms", problems):
                if _unique(seen, t["id"], loaded, ("terms", i, "id"), problems, "term"):
                    out[t["id"]] = Term(t["id"], t["term"], t["definition"], tuple(t.get("also_called", [])),
                                        tuple(t.get("sources", [])), loaded.where(("terms", i, "definition")))
    return dict(sorted(out.items(), key=lambda kv: kv[1].term.lower()))


def load_spelling(project: Project, problems: Problems) -> dict:
    """data/spelling.yml: British spellings and their US forms, for the spelling check (optional file)."""
    path = project.data_dir / "spelling.yml"
    if not path.exists():
        return {}
    loaded = load_file(path, project.shown(path), problems)
    if loaded.data is None or not schema_check.check(loaded, project.schema("spelling"), problems):
        return {}
    data = cast(dict, loaded.data)  # the schema made it a mapping
    return {str(k).lower(): str(v) for k, v in (data["us_english"] or {}).items()}
