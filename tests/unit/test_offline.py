"""The offline build (mkdocs-offline.yml) works from the file system: no request but file://, search included.

`mkdocs build -f mkdocs-offline.yml` writes site-offline/, which a trainer can copy to a USB stick and open
as site-offline/index.html with no network. Material's `offline` plugin turns use_directory_urls off there
(pages are .../index.html files: expected) and would add https://unpkg.com/iframe-worker/shim unless a
vendored copy is listed: this file checks the vendored copy, the build, and the result in Chromium.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

from support.project import REPO

VENDOR = REPO / "docs" / "assets" / "vendor" / "iframe-worker"
SHIM_PATH = "assets/vendor/iframe-worker/shim.js"


def _yaml(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader) or {}


def _plugins(cfg: dict) -> dict:
    """plugins as {name: options}, whichever way mkdocs.yml spells the list."""
    out = {}
    for entry in cfg.get("plugins", []):
        if isinstance(entry, str):
            out[entry] = {}
        else:
            (name, options), = entry.items()
            out[name] = options or {}
    return out


# --- the configuration and the vendored shim (no build, no browser) --------------------------------------

def test_offline_config_inherits_and_only_adds_offline():
    offline, main = _yaml(REPO / "mkdocs-offline.yml"), _yaml(REPO / "mkdocs.yml")
    assert offline["INHERIT"] == "mkdocs.yml"
    assert offline["site_dir"] == "site-offline"
    # INHERIT replaces lists: the plugin list must repeat mkdocs.yml's exactly, plus `offline`.
    plugins = _plugins(offline)
    assert "offline" in plugins
    plugins.pop("offline")
    assert plugins == _plugins(main), ("mkdocs-offline.yml's plugins differ from mkdocs.yml's: copy the list "
                                       "from mkdocs.yml into mkdocs-offline.yml and keep `- offline` at the end")
    polyfills = offline["extra"]["polyfills"]
    assert SHIM_PATH in polyfills
    assert all("iframe-worker" in p and "://" not in p for p in polyfills if "iframe-worker" in p)


def test_vendored_shim_is_the_recorded_upstream_file():
    shim, licence, source = VENDOR / "shim.js", VENDOR / "LICENSE", VENDOR / "SOURCE.txt"
    assert shim.is_file() and licence.is_file() and source.is_file()
    assert "MIT" in licence.read_text() or "Permission is hereby granted" in licence.read_text()
    digest = hashlib.sha256(shim.read_bytes()).hexdigest()
    recorded = re.search(r"SHA-256:\s+([0-9a-f]{64})\s+shim\.js", source.read_text())
    assert recorded and recorded.group(1) == digest, "shim.js differs from the file recorded in SOURCE.txt"
    text = shim.read_text()
    assert "postMessage" in text and "://" not in text, "the shim must not load anything from a URL of its own"
