"""Report commands: `course stats` (words, minutes, reading grade per track) and `course coverage`."""

from __future__ import annotations

import json
import sys

from ..check.course import load_course
from ..view.report import build_report, quality_failures
from .main import _root, command


def _progress(enabled: bool):
    if not enabled:
        return None

    def show(n, total, what):
        print(f"\r[{n}/{total}] {what}…".ljust(40), end="" if n < total else "\n", file=sys.stderr, flush=True)
    return show


def _load(args):
    course, problems = load_course(_root(args), getattr(args, "audience", None) or None)
    if problems.errors:
        for p in problems.sorted():
            print(str(p), file=sys.stderr)
        print("Fix these problems first (course validate).", file=sys.stderr)
        return None
    return course


@command("stats", "words, minutes and reading grade per lesson and track; exit 1 if a target is missed")
def cmd_stats(args) -> int:
    course = _load(args)
    if course is None:
        return 1
    report = build_report(course, progress=_progress(args.progress or sys.stderr.isatty()))
    failures = quality_failures(course, report)
    if args.json:
        json.dump({"tracks": [{"audience": t.audience, "lessons": len(t.lessons), "words": t.words,
                               "minutes": t.minutes, "grade": t.grade, "grade_max": t.grade_max,
                               "language": t.language, "measure": t.measure.name, "ease_min": t.ease_min,
                               "per_lesson": [vars(s) for s in t.lessons]} for t in report.tracks],
                   "overlaps": {m: {f"{a}/{b}": round(v, 3) for (a, b), v in p.items()}
                                for m, p in report.overlaps.items()},
                   "failures": failures}, sys.stdout, indent=2)
        print()
    else:
        print(f"{'track':<16}{'lessons':>8}{'words':>9}{'minutes':>9}{'grade':>7}{'target':>8}")
        for t in report.tracks:
            target = f"{t.target:g}" if t.target is not None else "-"
            print(f"{t.audience:<16}{len(t.lessons):>8}{t.words:>9,}{t.minutes:>9}{t.grade:>7}{target:>8}")
        for t in report.tracks:
            if t.measure.higher_is_easier:
                print(f"{t.audience}: the grade column is the {t.measure.name} (higher is easier); "
                      "the target is a minimum")
        if args.lessons:
            print()
            for t in report.tracks:
                for s in t.lessons:
                    word = "ease" if t.measure.higher_is_easier else "grade"
                    print(f"{t.audience:<16}{s.module:<30}{s.words:>6} words {s.minutes:>4} min  {word} {s.grade}")
        worst = max(((v, m, a, b) for m, p in report.overlaps.items() for (a, b), v in p.items()), default=None)
        if worst:
            print(f"\nHighest overlap between two audiences' versions: {worst[0]:.0%} "
                  f"({worst[1]}: {worst[2]}/{worst[3]})")
        for f in failures:
            print("problem:", f)
    return 1 if failures else 0


cmd_stats.configure = lambda p: (p.add_argument("--json", action="store_true"),
                                 p.add_argument("--lessons", action="store_true", help="one line per lesson too"),
                                 p.add_argument("--progress", action="store_true"),
                                 p.add_argument("--audience", action="append"))


@command("coverage", "the audience × topic matrix, and modules due for review")
def cmd_coverage(args) -> int:
    course = _load(args)
    if course is None:
        return 1
    report = build_report(course)
    topics = list(course.topics)
    print(f"{'track':<16}" + "".join(f"{t[:10]:>11}" for t in topics))
    for t in report.tracks:
        print(f"{t.audience:<16}" + "".join(f"{len(report.coverage[t.audience].get(x, [])):>11}" for x in topics))
    missing = [f for f in quality_failures(course, report) if "clause-2 topic" in f]
    for m, d in report.due:
        print(f"review due: {m} (since {d})")
    for f in missing:
        print("problem:", f)
    return 1 if missing else 0
