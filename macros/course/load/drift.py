"""Drift: has upstream changed a module since a fork's override of it was written?

An override records the upstream version it was based on and, when the tools wrote it, a fingerprint of every
upstream field and block at that time (`based_on.digest`). Comparing those fingerprints with upstream's current
ones names exactly what changed upstream (`sections.scores`, `key_points`, ...) without keeping a copy of the
old upstream file. Nothing here reads MkDocs or writes pages.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

BLOCK_LISTS = ("sections", "case_studies", "activities", "self_check")
# Fields that say nothing about the content a fork depends on: a new review date alone is not drift.
NOT_CONTENT = ("id", "version", "based_on", "last_reviewed", "review_every_months")
DIGEST_LENGTH = 10


def fingerprint(value) -> str:
    """A short, stable fingerprint of plain data (the same data always gives the same text)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


def digest(data: dict) -> dict:
    """Field or block name -> fingerprint, for every content field and block of a module.

    Blocks are named `<list>.<id>` (e.g. `sections.scores`), so a moved block is not a changed one.
    """
    out = {}
    for key, value in data.items():
        if key in NOT_CONTENT:
            continue
        if key in BLOCK_LISTS and isinstance(value, list):
            for block in value:
                if isinstance(block, dict) and isinstance(block.get("id"), str):
                    out[f"{key}.{block['id']}"] = fingerprint(block)
            continue
        out[key] = fingerprint(value)
    return dict(sorted(out.items(), key=lambda kv: _sort_key(kv[0])))


def _sort_key(name: str):
    """Top-level fields first, in a reading order; then blocks by list, in upstream's order of lists."""
    head = name.split(".", 1)[0]
    return (head in BLOCK_LISTS, BLOCK_LISTS.index(head) if head in BLOCK_LISTS else 0, name)


@dataclass(frozen=True)
class Change:
    name: str  # "summary" or "sections.scores"
    kind: str  # "changed", "added upstream", "removed upstream"

    def describe(self, touched: frozenset = frozenset()) -> str:
        yours = " and you change it" if self.name in touched else ""
        return f"{self.name} ({self.kind}{yours})"


def changes(old: dict, new: dict) -> list[Change]:
    """What differs between two digests, in a stable order."""
    out = []
    for name in sorted(set(old) | set(new), key=_sort_key):
        if name not in new:
            out.append(Change(name, "removed upstream"))
        elif name not in old:
            out.append(Change(name, "added upstream"))
        elif old[name] != new[name]:
            out.append(Change(name, "changed"))
    return out


@dataclass(frozen=True)
class Drift:
    """One override whose upstream module moved on."""

    module_id: str
    based_on: str  # the version the override was written against
    upstream: str  # upstream's version now
    changes: tuple  # Change, or empty
    has_digest: bool
    touched: frozenset = frozenset()  # names the override itself changes (block overrides only)

    def message(self) -> str:
        if self.based_on != self.upstream:
            head = (f'upstream module "{self.module_id}" is now version {self.upstream}; '
                    f"this override is based on version {self.based_on}")
        else:
            head = f'upstream module "{self.module_id}" changed without a new version (still {self.upstream})'
        if not self.has_digest:
            return head + "; the override has no snapshot of upstream (based_on.digest), so what changed is not known"
        if not self.changes:
            return head + "; no field or block changed (only its version or review date)"
        return head + "; changed upstream since: " + ", ".join(c.describe(self.touched) for c in self.changes)

    def hint(self, upstream_path: str) -> str:
        return (f"read upstream's changes (git log -p {upstream_path}), bring your override up to date, then run: "
                f"bash scripts/dev course drift --accept {self.module_id}")

    def as_json(self) -> dict:
        return {"module": self.module_id, "based_on": self.based_on, "upstream": self.upstream,
                "changes": [{"name": c.name, "kind": c.kind, "you_change_it": c.name in self.touched}
                            for c in self.changes],
                "snapshot": self.has_digest}


def check(module_id: str, based_on: dict, upstream_data: dict, touched=frozenset()) -> Drift | None:
    """The drift of one override, or None when upstream is where the override left it."""
    based_version = str(based_on.get("version", ""))
    upstream_version = str(upstream_data.get("version", ""))
    old = based_on.get("digest")
    now = digest(upstream_data)
    found = changes(old, now) if isinstance(old, dict) else []
    if based_version == upstream_version and not found:
        return None
    return Drift(module_id, based_version, upstream_version, tuple(found), isinstance(old, dict), frozenset(touched))


# --------------------------------------------------------------------------------------------------------------
# Writing `based_on` (used by `course new override` and `course drift --accept`)
# --------------------------------------------------------------------------------------------------------------

def based_on_yaml(upstream_data: dict, indent: str = "") -> str:
    """The `based_on:` block for an override of this upstream module, as YAML text (digests always quoted)."""
    lines = [f"{indent}based_on:  # written by `course new override` / `course drift --accept`; do not edit",
             f'{indent}  version: "{upstream_data.get("version", "")}"',
             f"{indent}  digest:"]
    lines += [f'{indent}    {name}: "{value}"' for name, value in digest(upstream_data).items()]
    return "\n".join(lines) + "\n"


_BASED_ON = re.compile(r"^based_on\s*:")


def replace_based_on(text: str, upstream_data: dict) -> str:
    """`text` (an override file) with its top-level `based_on:` block replaced, or added after `override:`/`id:`.

    Only the `based_on` lines change: comments and every other line of the file are kept as they are.
    """
    lines = text.splitlines(keepends=True)
    new = based_on_yaml(upstream_data)
    for i, line in enumerate(lines):
        if _BASED_ON.match(line):
            end = i + 1
            while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
                end += 1
            while end > i + 1 and not lines[end - 1].strip():  # keep blank lines that separate what follows
                end -= 1
            return "".join(lines[:i]) + new + "".join(lines[end:])
    for i, line in enumerate(lines):
        if re.match(r"^(override|id)\s*:", line):
            rest = lines[i + 1:]
            # after `override:`, a blank line sets the new block apart from the top-level field that follows
            gap = "\n" if (rest and rest[0].strip() and not rest[0].startswith(" ")
                           and lines[i].startswith("override")) else ""
            return "".join(lines[:i + 1]) + new + gap + "".join(rest)
    return new + text


def write_accepted(path: Path, upstream_data: dict) -> None:
    path.write_text(replace_based_on(path.read_text(encoding="utf-8"), upstream_data), encoding="utf-8")
