"""Authoring commands: build, new, list, review and drift. They register with `cli.command` when imported.

Exit codes, as for every command: 0 all is well; 1 the course has problems (or, for `review` and `drift`, there
is something to act on); 2 the command was misused (unknown id, a file that would be overwritten).
Progress goes to stderr, and only when stderr is a terminal or `--progress` is given, so scripts and CI logs
get just the result.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from ..check.course import load_course
from ..load import drift
from ..load.modules import load_modules
from ..problems import Problems
from ..project import Project
from .main import _root, command

TEMPLATES = Path(__file__).resolve().parent / "templates"
ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
ORIGIN_WORDS = {"upstream": "upstream", "overlay": "local", "overlay-replaced": "replaced", "overlay-blocks": "changed"}


class Progress:
    """Step-by-step progress on stderr, for people watching a terminal (or asked for with --progress)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.monotonic()

    @classmethod
    def for_args(cls, args) -> Progress:
        return cls(bool(getattr(args, "progress", False)) or sys.stderr.isatty())

    def step(self, message: str) -> None:
        if self.enabled:
            print(f"course: {message} ({time.monotonic() - self.started:.1f}s)", file=sys.stderr, flush=True)


def _progress_option(p) -> None:
    p.add_argument("--progress", action="store_true", help="report progress on stderr even when it is not a terminal")


def _fail(message: str, code: int = 2) -> int:
    print(f"course: {message}", file=sys.stderr)
    return code


def _audiences(values) -> list[str]:
    """`--audience staff --audience patrons` and `--audience staff,patrons` mean the same."""
    return [a.strip() for v in values or [] for a in v.split(",") if a.strip()]


def _load(args, progress: Progress, audiences=None):
    progress.step("loading the course")
    course, problems = load_course(_root(args), audiences or None)
    progress.step(f"loaded {len(course.modules)} module(s)")
    return course, problems


def _print_problems(problems: Problems, stream=sys.stderr) -> None:
    for p in problems.sorted():
        print(("warning: " if p.warning else "") + str(p), file=stream)


# --------------------------------------------------------------------------------------------------------------
# build
# --------------------------------------------------------------------------------------------------------------

@command("build", "build the site with mkdocs --strict (or serve it), optionally for some audiences only")
def cmd_build(args) -> int:
    progress = Progress.for_args(args)
    root = _root(args)
    audiences = _audiences(args.audience)
    course, problems = _load(args, progress, audiences)
    if problems.errors:
        _print_problems(problems)
        return _fail(f"the course has {len(problems.errors)} problem(s); nothing was built.", 1)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if audiences:
        env["COURSE_AUDIENCES"] = ",".join(audiences)
    if getattr(args, "traceback", False):
        env["COURSE_TRACEBACK"] = "1"
    if args.no_pdf:
        env["COURSE_PDF"] = "0"
    if args.no_scorm:
        env["COURSE_SCORM"] = "0"
    cmd = [sys.executable, "-m", "mkdocs", "serve" if args.serve else "build", "--strict",
           "-f", str(root / "mkdocs.yml")]
    if args.serve:
        cmd += ["-a", args.dev_addr]
    elif args.site_dir:
        cmd += ["-d", str(Path(args.site_dir).resolve())]
    tracks = ", ".join(a.id for a in course.published_audiences())
    progress.step(f"running mkdocs {'serve' if args.serve else 'build'} for: {tracks}")
    result = subprocess.run(cmd, cwd=root, env=env, check=False)
    progress.step("done" if result.returncode == 0 else f"mkdocs stopped with exit code {result.returncode}")
    return 0 if result.returncode == 0 else 1


def _configure_build(p) -> None:
    p.add_argument("--audience", action="append", metavar="ID",
                   help="publish only this audience's track (repeat, or give a comma list); overrides the settings")
    p.add_argument("--no-pdf", action="store_true", help="skip the PDF packs (faster)")
    p.add_argument("--no-scorm", action="store_true", help="skip the SCORM packages for learning-management systems")
    p.add_argument("--serve", action="store_true", help="serve the site locally and rebuild on changes")
    p.add_argument("--dev-addr", default="127.0.0.1:8000", help="address for --serve (default 127.0.0.1:8000)")
    p.add_argument("--site-dir", help="where to write the site (default: site/)")
    _progress_option(p)


cmd_build.configure = _configure_build


# --------------------------------------------------------------------------------------------------------------
# new
# --------------------------------------------------------------------------------------------------------------

@command("new", "start a file from a template: a module, an override of an upstream module, settings or sources")
def cmd_new(args) -> int:
    project = Project.at(_root(args))
    if args.kind not in NEW_KINDS:  # `course new my-module` is short for `course new module my-module`
        if args.id:
            return _fail(f'unknown kind "{args.kind}": use one of {", ".join(NEW_KINDS)}')
        args.kind, args.id = "module", args.kind
    if args.kind in ("module", "override") and not args.id:
        return _fail(f"give the id of the {args.kind}: course new {args.kind} <id>")
    if args.id and not ID.match(args.id):
        return _fail(f'"{args.id}" is not a valid id (use lower-case letters, digits and hyphens, like our-policy)')
    if args.kind == "module":
        target, text = _new_module(project, args)
    elif args.kind == "override":
        target, text = _new_override(project, args)
    else:
        name = "settings.yml" if args.kind == "settings" else "sources.yml"
        target, text = project.local_dir / name, (TEMPLATES / name).read_text(encoding="utf-8")
    if target is None:
        return 2
    if target.exists():
        return _fail(f"{project.shown(target)} already exists; nothing was written (edit it, or remove it first)")
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as f:  # "x": never overwrite, even if the file appears meanwhile
        f.write(text)
    print(f"wrote {project.shown(target)}")
    print(_NEXT_STEPS[args.kind])
    return 0


NEW_KINDS = ("module", "override", "settings", "sources")
_NEXT_STEPS = {
    "module": "Replace every TODO, then check it: bash scripts/dev course validate",
    "override": "Edit it, then check it: bash scripts/dev course validate",
    "settings": "Fill in every TODO, then check it: bash scripts/dev course validate",
    "sources": "Add your sources, cite them in text as [@key], then run: bash scripts/dev course validate",
}


def _known_ids(project: Project) -> tuple[set[str], set[str]]:
    problems = Problems()
    local = {m.id for m in load_modules(project, project.local_dir / "modules", problems)}
    return {m.id for m in load_modules(project, project.modules_dir, problems)}, local


def _new_module(project: Project, args):
    upstream, local = _known_ids(project)
    if args.id in upstream:
        _fail(f'upstream already has a module with the id "{args.id}"; '
              f'to change it, use: course new override {args.id}')
        return None, ""
    if args.id in local:
        _fail(f'local/modules/ already has a module with the id "{args.id}"; choose another id')
        return None, ""
    from ..load.data import load_audiences

    known = load_audiences(project, Problems())
    # A new module is written in English (modules/): by default it serves the published English tracks.
    audiences = _audiences(args.audiences) or [a.id for a in known.values() if a.publish and a.language == "en"]
    unknown = [a for a in audiences if a not in known]
    if unknown:
        _fail(f'unknown audience "{unknown[0]}" (known: {", ".join(known)})')
        return None, ""
    folder = project.local_dir / "modules" if args.local else project.modules_dir
    schema = "../../schema/module.schema.json" if args.local else "../schema/module.schema.json"
    title = args.title or args.id.replace("-", " ").capitalize()
    text = (TEMPLATES / "module.yml").read_text(encoding="utf-8")
    for token, value in (("__SCHEMA__", schema), ("__ID__", args.id), ("__TITLE__", json.dumps(title)),
                         ("__TODAY__", datetime.date.today().isoformat()), ("__AUDIENCES__", ", ".join(audiences))):
        text = text.replace(token, value)
    return folder / f"{args.id}.yml", text


def _new_override(project: Project, args):
    problems = Problems()
    upstream = {m.id: m for m in load_modules(project, project.modules_dir, problems)}
    if args.id not in upstream:
        from ..problems import did_you_mean

        hint = did_you_mean(args.id, upstream)
        _fail(f'no upstream module has the id "{args.id}"' + (f"; {hint}" if hint else "")
              + " (to add a module of your own, use: course new module <id> --local)")
        return None, ""
    base = upstream[args.id]
    target = project.local_dir / "modules" / f"{args.id}.yml"
    if args.blocks:
        text = (TEMPLATES / "override-blocks.yml").read_text(encoding="utf-8")
        listing = []
        for ln in drift.BLOCK_LISTS:
            ids = [b["id"] for b in base.data.get(ln, [])]
            if ids:
                listing += textwrap.wrap(f"{ln}: {', '.join(ids)}", 108, initial_indent="#   ",
                                         subsequent_indent="#     ", break_on_hyphens=False)
        for token, value in (("__ID__", args.id), ("__VERSION__", base.version), ("__PATH__", base.path),
                             ("__BLOCKS__", "\n".join(listing)), ("__BASED_ON__", drift.based_on_yaml(base.data))):
            text = text.replace(token, value)
        return target, text
    source = (project.root / base.path).read_text(encoding="utf-8")
    lines = [ln for ln in source.splitlines(keepends=True) if not ln.startswith("# yaml-language-server:")]
    head = (TEMPLATES / "override-whole.yml").read_text(encoding="utf-8")
    for token, value in (("__ID__", args.id), ("__VERSION__", base.version), ("__PATH__", base.path)):
        head = head.replace(token, value)
    return target, head + drift.replace_based_on("".join(lines), base.data)


def _configure_new(p) -> None:
    p.add_argument("kind", metavar="{" + ",".join(NEW_KINDS) + "}",
                   help="module: a new lesson; override: a local copy (or block changes) of an upstream module; "
                        "settings: local/settings.yml; sources: local/sources.yml")
    p.add_argument("id", nargs="?", help="the module id (for module and override)")
    p.add_argument("--local", action="store_true", help="module: write it to local/modules/ (a fork's own module)")
    p.add_argument("--blocks", action="store_true",
                   help="override: change named blocks only, instead of copying the whole module")
    p.add_argument("--title", help="module: its title")
    p.add_argument("--audiences", action="append", metavar="IDS",
                   help="module: its audiences (comma list; default: every published English audience)")


cmd_new.configure = _configure_new


# --------------------------------------------------------------------------------------------------------------
# list
# --------------------------------------------------------------------------------------------------------------

@command("list", "list every module and the tracks it appears in")
def cmd_list(args) -> int:
    progress = Progress.for_args(args)
    course, problems = _load(args, progress, _audiences(args.audience))
    published = {a.id for a in course.published_audiences()}
    rows = []
    for m in course.modules.values():
        cells = {}
        for aid in course.audiences:
            if aid not in m.audiences:
                cells[aid] = "no"
            elif m.id in course.settings.hide_modules:
                cells[aid] = "hidden"
            elif aid not in published:
                cells[aid] = "not published"
            else:
                cells[aid] = "published"
        rows.append({"id": m.id, "title": _title(m), "version": m.version, "origin": m.origin,
                     "upstream_version": m.upstream_version, "path": m.path, "audiences": cells})
    if args.json:
        json.dump({"audiences": [{"id": a, "published": a in published} for a in course.audiences],
                   "modules": rows, "errors": len(problems.errors)}, sys.stdout, indent=2)
        print()
    else:
        marks = {"published": "yes", "hidden": "hidden", "not published": "(yes)", "no": "-"}
        auds = list(course.audiences)
        width = max([len("module"), *(len(r["id"]) for r in rows)])
        names = {a: a + ("" if a in published else "*") for a in auds}
        cols = {a: max(len(names[a]), 6) for a in auds}
        header = f"{'module':<{width}}  {'version':<7}  {'origin':<8}  " + "  ".join(
            f"{names[a]:<{cols[a]}}" for a in auds)
        print(header.rstrip())
        for r in rows:
            print((f"{r['id']:<{width}}  {r['version']:<7}  {ORIGIN_WORDS.get(r['origin'], r['origin']):<8}  "
                   + "  ".join(f"{marks[r['audiences'][a]]:<{cols[a]}}" for a in auds)).rstrip())
        print(f"\n{len(rows)} module(s). yes: in the track; hidden: left out by hide_modules; (yes): written for "
              "the audience, whose track is not published (marked *); origin: upstream, local (a fork's own), "
              "replaced (whole, by local/modules/) or changed (some blocks).")
    if problems.errors:
        print(f"course: the course has {len(problems.errors)} problem(s); run: bash scripts/dev course validate",
              file=sys.stderr)
    return 0


def _title(module) -> str:
    title = module.data.get("title")
    return title.get("default", next(iter(title.values()), "")) if isinstance(title, dict) else str(title or "")


def _configure_list(p) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--audience", action="append", metavar="ID", help="as if only these audiences were published")
    _progress_option(p)


cmd_list.configure = _configure_list


# --------------------------------------------------------------------------------------------------------------
# review
# --------------------------------------------------------------------------------------------------------------

@command("review", "list modules past (or near) their review date; exit code 1 when any is overdue")
def cmd_review(args) -> int:
    progress = Progress.for_args(args)
    course, _ = _load(args, progress)
    today = datetime.date.fromisoformat(args.today) if args.today else datetime.date.today()
    horizon = today + datetime.timedelta(days=args.within)
    items = []
    for m in course.modules.values():
        due = m.review_due()
        if due is None or due > horizon:
            continue
        items.append({"id": m.id, "path": m.path, "last_reviewed": str(m.last_reviewed()), "due": str(due),
                      "overdue": due <= today, "days": (today - due).days,
                      "hidden": m.id in course.settings.hide_modules})
    items.sort(key=lambda i: (i["due"], i["id"]))
    overdue = [i for i in items if i["overdue"]]
    if args.json:
        json.dump({"today": str(today), "overdue": len(overdue), "modules": items}, sys.stdout, indent=2)
        print()
    else:
        for i in items:
            state = (f"overdue by {i['days']} day(s)" if i["overdue"] else f"due in {-i['days']} day(s)")
            print(f"{i['path']}: {i['id']}: review due {i['due']} ({state}; last reviewed {i['last_reviewed']})"
                  + (" [hidden]" if i["hidden"] else ""))
        print(f"{len(overdue)} module(s) past their review date." if overdue else
              "No module is past its review date.", file=sys.stderr if items else sys.stdout)
    return 1 if overdue else 0


def _configure_review(p) -> None:
    p.add_argument("--within", type=int, default=0, metavar="DAYS", help="also list modules due within DAYS days")
    p.add_argument("--today", help="check as of this date (YYYY-MM-DD) instead of today")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    _progress_option(p)


cmd_review.configure = _configure_review


# --------------------------------------------------------------------------------------------------------------
# drift
# --------------------------------------------------------------------------------------------------------------

@command("drift", "list local overrides whose upstream module has changed; exit code 1 when there is any")
def cmd_drift(args) -> int:
    progress = Progress.for_args(args)
    if args.accept:
        return _accept(args, progress)
    course, problems = _load(args, progress)
    from ..load.overlay import drift_details

    details = drift_details(course)
    if args.json:
        json.dump({"drift": [{**details[mid].as_json(), **p.as_json()}
                             # filled together, one entry per drifted override (load/overlay.py)
                             for mid, p in zip(details, course.drift, strict=False)]}, sys.stdout, indent=2)
        print()
    else:
        for p in sorted(course.drift):
            print(str(p))
        overrides = [m for m in course.modules.values() if m.origin in ("overlay-replaced", "overlay-blocks")]
        print(f"{len(course.drift)} of {len(overrides)} override(s) behind upstream." if course.drift else
              f"No drift: all {len(overrides)} override(s) match upstream.",
              file=sys.stderr if course.drift else sys.stdout)
    return 1 if course.drift else 0


def _accept(args, progress: Progress) -> int:
    """Record upstream's current version and fingerprints in each named override (after a person checked them)."""
    project = Project.at(_root(args))
    progress.step("reading the overrides")
    upstream = {m.id: m for m in load_modules(project, project.modules_dir, Problems())}
    overrides = _override_files(project)
    code = 0
    for mid in _audiences(args.accept):
        if mid not in upstream or mid not in overrides:
            code = _fail(f'"{mid}" is not an upstream module with a local override')
            continue
        path = overrides[mid]
        drift.write_accepted(path, upstream[mid].data)
        print(f"{project.shown(path)}: based_on now records upstream version {upstream[mid].version}")
    return code


def _override_files(project: Project) -> dict:
    """Upstream module id -> the local file that overrides it (read leniently: a file with problems still counts,
    so `--accept` can add a missing `based_on`)."""
    from ..load.located_yaml import load_file
    from ..load.modules import module_files

    out: dict[str, Path] = {}
    for path in module_files(project.local_dir / "modules"):
        data = load_file(path, project.shown(path), Problems()).data
        if isinstance(data, dict):
            target = data.get("override", data.get("id"))
            if isinstance(target, str):
                out.setdefault(target, path)
    return out


def _configure_drift(p) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--accept", action="append", metavar="ID",
                   help="after checking upstream's changes to module ID, record its current version in your override")
    _progress_option(p)


cmd_drift.configure = _configure_drift
