"""Name each search result's track: the theme's index says only "Bias and error", which six tracks share.

Runs after the theme has written `search/search_index.json` (hooks run after plugins; the offline plugin
copies the index into `search_index.js` later still, at a lower priority). The title of each page's first
entry, the one a result is grouped under, gets the track's name, and markup is dropped from the text:
results show plain text, and the index is part of every page's first download.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

_TAG = re.compile(r"<[^>]+>")


def read_index(site_dir: Path) -> dict | None:
    """The theme's search index, or None if the build wrote none; read once per build and shared."""
    path = site_dir / "search" / "search_index.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def name_tracks(site_dir: Path, tracks: dict, index: dict | None = None) -> None:
    """`tracks`: audience id -> track name. Rewrites the index in place; does nothing if there is none.
    `index`: the index as already read (`read_index`), so the build reads it only once."""
    path = site_dir / "search" / "search_index.json"
    index = index if index is not None else read_index(site_dir)
    if index is None:
        return
    index["docs"] = [_named(doc, tracks) for doc in index.get("docs", [])]
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _named(doc: dict, tracks: dict) -> dict:
    location, title = doc.get("location", ""), doc.get("title", "")
    track = tracks.get(location.split("/", 1)[0])
    if track and "#" not in location and title != track and not title.endswith(f"({track})"):
        doc["title"] = f"{title} ({track})"
    doc["text"] = " ".join(_TAG.sub(" ", doc.get("text", "")).split())
    return doc
