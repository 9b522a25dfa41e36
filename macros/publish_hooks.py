"""MkDocs hooks: publish the site atomically. A failed build leaves the previous site byte-identical.

MkDocs writes pages into `site_dir` as it goes and counts `--strict` warnings only after every `on_post_build`
step has run, so a build that fails late (a strict-mode warning, a PDF error, Ctrl+C) has already replaced the
old site. Here the whole build is written to a staging folder next to it (`.site.building` for `site/`); only
when MkDocs finished with no error, no exception and (with `--strict`) no warning is the old site swapped out
for the new one. Every other step, including `on_post_build` steps added later, needs nothing special: it
writes to `config.site_dir` (the staging folder) and reports failure by raising or logging a warning.

Only `mkdocs build` and `mkdocs gh-deploy` stage; `mkdocs serve` already builds into a temporary folder.
"""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils import CountHandler

log = logging.getLogger("mkdocs.plugins.course.publish")
_run: dict = {}  # this invocation: command, target, staging folder, config, verdict


def staging_paths(target: Path) -> tuple[Path, Path]:
    """(staging, previous) folders beside `target`, on the same file system, so the swap is two renames."""
    return target.with_name(f".{target.name}.building"), target.with_name(f".{target.name}.previous")


def on_startup(command, dirty):
    _run.clear()
    _run.update(command=command, dirty=dirty)


@event_priority(100)  # first: every later step sees the staging folder as site_dir
def on_config(config):
    if _run.get("command") not in ("build", "gh-deploy"):
        return config
    target = Path(config.site_dir).resolve()
    staging, _ = staging_paths(target)
    if _run.get("target") is None:
        shutil.rmtree(staging, ignore_errors=True)  # left over from a build that was killed
        if _run.get("dirty") and target.is_dir():  # --dirty rebuilds only what changed: start from the old site
            shutil.copytree(target, staging, symlinks=True)
        staging.mkdir(parents=True, exist_ok=True)
    _run.update(target=target, staging=staging, config=config, ok=False)
    config.site_dir = str(staging)
    return config


@event_priority(-1000)  # last: after every other post-build step (PDFs, exporters, output checks)
def on_post_build(config):
    if "staging" not in _run:
        return
    counters = [h for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler)]
    # The same test MkDocs applies right after this event: under --strict, any warning fails the build.
    _run["ok"] = not any(h.get_counts() for h in counters)


def on_build_error(error):
    _run["ok"] = False


def on_shutdown():
    if "staging" not in _run:
        return
    target, staging, config = _run["target"], _run["staging"], _run["config"]
    config.site_dir = str(target)  # gh-deploy reads it after this event
    if not _run.get("ok") or sys.exc_info()[0] is not None:  # an error, a warning under --strict, or Ctrl+C
        shutil.rmtree(staging, ignore_errors=True)
        log.error(f"Nothing was published: {_shown(target)} is unchanged.")
        return
    _, previous = staging_paths(target)
    shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    shutil.rmtree(previous, ignore_errors=True)
    log.info(f"Published the new site to {_shown(target)}")


def _shown(path: Path) -> str:
    try:
        return f"{path.relative_to(Path.cwd())}/"
    except ValueError:
        return f"{path}/"
