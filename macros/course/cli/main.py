"""The `course` command: `python -m macros.course <command>`. Each command is a small function here.

Exit codes: 0 no problems; 1 problems in the course (listed, located); 2 the command itself was misused.
No traceback reaches the user: an unexpected failure is reported as one line and exit code 3, unless
`--traceback` (or COURSE_TRACEBACK=1) asks for the whole traceback, to report the crash.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from pathlib import Path

from ..check.course import load_course

COMMANDS: dict = {}


def command(name: str, help: str):
    """Register a sub-command: `fn(args) -> int` plus `fn.configure(parser)` when it takes options."""
    def wrap(fn):
        COMMANDS[name] = (fn, help)
        return fn
    return wrap


def _root(args) -> Path:
    return Path(args.root).resolve()


@command("validate", "check every module and data file without building; list every problem")
def cmd_validate(args) -> int:
    course, problems = load_course(_root(args), args.audience or None)
    if not problems.errors:  # the print products' rules need each audience's view of the modules
        from ..build import check_tracks
        from ..view.lesson import track

        check_tracks(course, {a.id: track(course, a) for a in course.published_audiences()}, problems)
    items = problems.sorted()
    if args.json:
        json.dump({"ok": not problems.errors, "modules": len(course.modules),
                   "errors": len(problems.errors), "warnings": len(problems.warnings),
                   "silenced": problems.silenced_count,
                   "problems": [p.as_json() for p in items]}, sys.stdout, indent=2)
        print()
    else:
        for p in items:
            print(("warning: " if p.warning else "") + str(p))
        n, w = len(problems.errors), len(problems.warnings)
        checked = len(course.modules) + len(course.invalid_modules)
        print(f"{checked} module(s) checked: {n} error(s), {w} warning(s)." if items else
              f"{checked} module(s) checked: no problems.", file=sys.stderr if items else sys.stdout)
        if problems.silenced_count:
            print(f"{problems.silenced_count} warning(s) silenced by the silence setting.", file=sys.stderr)
    return 1 if problems.errors else 0


cmd_validate.configure = lambda p: (p.add_argument("--json", action="store_true", help="machine-readable output"),
                                    p.add_argument("--audience", action="append",
                                                   help="check as if only this audience were published"))


def _load_plugins() -> None:
    """Commands that live in their own files register themselves when imported."""
    for name in ("authoring", "reports"):
        try:
            __import__(f"{__package__}.{name}")
        except ImportError as exc:
            if exc.name != f"{__package__}.{name}":
                raise


def main(argv=None) -> int:
    _load_plugins()
    parser = argparse.ArgumentParser(prog="course", description="Validate, inspect and scaffold the course.")
    parser.add_argument("--root", default=".", help="the course project folder (default: here)")
    parser.add_argument("--traceback", action="store_true",
                        help="on an internal error, print the full traceback (to report the crash)")
    sub = parser.add_subparsers(dest="command", metavar="command")
    for name, (fn, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        # Accept --root after the command too (`course validate --root X`), as people type it.
        p.add_argument("--root", default=argparse.SUPPRESS, help="the course project folder (default: here)")
        p.add_argument("--traceback", action="store_true", default=argparse.SUPPRESS,
                       help="on an internal error, print the full traceback (to report the crash)")
        if hasattr(fn, "configure"):
            fn.configure(p)
        p.set_defaults(fn=fn)
    args = parser.parse_args(argv)
    if not getattr(args, "fn", None):
        parser.print_help()
        return 2
    try:
        return args.fn(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the promise is: no traceback unless asked for
        if args.traceback or os.environ.get("COURSE_TRACEBACK") == "1":
            traceback.print_exc()
            print("course: internal error. Please report this with the command you ran and the traceback above.",
                  file=sys.stderr)
        else:
            print(f"course: internal error: {type(exc).__name__}: {exc}. Please report this with the command you "
                  "ran and its traceback: run it again with --traceback added.",
                  file=sys.stderr)
        return 3
