"""Load every module file of a folder: parse (keeping locations) and check against the module schema."""

from __future__ import annotations

import re
from pathlib import Path
from typing import cast

from ..model import Module
from ..problems import Problems
from ..project import Project
from . import schema as schema_check
from .located_yaml import load_mapping

LANGUAGE_FOLDER = re.compile(r"^[a-z]{2,3}$")  # modules/es/: the modules written in that language


def module_files(folder: Path) -> list[Path]:
    """The module files of a folder and of its language folders (`modules/es/`), in a stable order (`.yaml` too,
    since editors create both)."""
    if not folder.is_dir():
        return []
    own = sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")])
    translated = sorted(p for sub in folder.iterdir() if sub.is_dir() and LANGUAGE_FOLDER.match(sub.name)
                        for p in [*sub.glob("*.yml"), *sub.glob("*.yaml")])
    return own + translated


def load_module_file(project: Project, path: Path, problems: Problems, schema: str = "module") -> Module | None:
    """One module, or None when it cannot be used (its problems are reported)."""
    loaded = load_mapping(path, project.shown(path), problems, "a module",
                          "start from a template: bash scripts/dev course new module <id>")
    if loaded is None:
        return None
    ok = schema_check.check(loaded, project.schema(schema), problems)
    data = cast(dict, loaded.data)  # load_mapping returns only files that hold a mapping
    if not isinstance(data.get("id"), str):
        return None
    return Module(data, loaded, schema_ok=ok)


def load_modules(project: Project, folder: Path, problems: Problems) -> list[Module]:
    """Every valid module in `folder`; two files with the same id are a problem."""
    out: list[Module] = []
    seen: dict[str, str] = {}  # module id -> the file that defines it
    for path in module_files(folder):
        module = load_module_file(project, path, problems)
        if module is None:
            continue
        if module.id in seen:
            problems.add(module.loaded.where(("id",)), "id",
                         f'module id "{module.id}" is already used by {seen[module.id]}',
                         "give each module its own id", code="duplicate-id")
            continue
        seen[module.id] = module.path
        out.append(module)
    return out
