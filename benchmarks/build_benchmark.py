"""Build benchmark: the course build against a plain Material build of the same pages, at several sizes.

    .venv/bin/python benchmarks/build_benchmark.py                      # real course, 100 and 1,000 modules, 3 runs
    .venv/bin/python benchmarks/build_benchmark.py --quick              # real course and 100 modules, 1 run each
    .venv/bin/python benchmarks/build_benchmark.py --sizes 100 --runs 5

Sizes: `real` is the repository's own course (its modules, data, plans and local/ overlays); a number N is a
synthetic course of N modules cycled from the real ones: the first copy of each keeps its id (the copies
cross-reference them), every further copy gets a new id; no session plans (they name the real modules' parts).
For each size the script times, in a fresh `mkdocs` process each time:

1. the course build: `mkdocs build --strict` with the course's hooks/plugin, which load, validate and render
   every module, add the SCORM packages and check the output (COURSE_PDF=0: PDFs are measured separately by
   benchmarks/pdf_benchmark.py; `--no-scorm` also skips the SCORM packages);
2. a plain build of the SAME pages: every page the course generated, written out as an ordinary Markdown file
   (charts and QR codes inlined as the raw HTML the course swaps in), the SCORM packages as static files, the
   hand-written pages, the same theme, features, Markdown extensions and nav, and no course hooks, plugin
   or macros: `mkdocs build --strict` of a plain docs folder.

Builds alternate (course, plain, course, plain, ...) so a busy machine slows both alike. Reported per size:
median wall time of each, their ratio, median CPU time (user + system, less sensitive to other load on the
machine) and its ratio, peak memory (maximum resident set size of the build process, from wait4), and the
course build's time per page. The 1-minute load average is printed before and after each size: if it is
above the number of cores, the machine was shared and wall times are inflated.

Goals (issue 9): ratio <= 1.10 at every size; time per page at 1,000 modules <= 1.2 x that at 100.
Output: a Markdown table on stdout and in benchmarks/out/build-results.md, raw numbers in build-results.json.
This is a script, not a test: timings are never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
COURSE_PLUGINS = {"macros", "course"}  # left out of the plain build; every other plugin (search, ...) stays
ENV = {"COURSE_PDF": "0", "NO_MKDOCS_2_WARNING": "1"}


def make_project(dest: Path, size: str) -> Path:
    """A course project in `dest`: the real course (`size == "real"`) or N modules cycled from the real ones."""
    dest.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "docs", dest / "docs")
    (dest / "macros").symlink_to(REPO / "macros", target_is_directory=True)
    if size == "real":
        for folder in ("data", "local", "modules"):
            shutil.copytree(REPO / folder, dest / folder)
        return dest
    shutil.copytree(REPO / "data", dest / "data", ignore=shutil.ignore_patterns("plans"))  # plans name real modules
    (dest / "local").mkdir()
    (dest / "modules").mkdir()
    real = sorted((REPO / "modules").glob("*.yml"))
    texts = [p.read_text(encoding="utf-8") for p in real]
    ids = [yaml.safe_load(t)["id"] for t in texts]
    if int(size) < len(real):
        raise SystemExit(f"--sizes {size}: a synthetic course needs at least the {len(real)} real modules, which its "
                         "copies cross-reference (module:<id>); use 'real' for the real course")
    for i in range(int(size)):
        k = i % len(real)
        # The first copy of each module keeps its id, so every cross-reference (module:<id>) still resolves.
        new_id = ids[k] if i < len(real) else f"{ids[k]}-s{i:04d}"
        text = texts[k].replace(f"\nid: {ids[k]}\n", f"\nid: {new_id}\n", 1)
        (dest / "modules" / f"{new_id}.yml").write_text(text, encoding="utf-8")
    return dest


def plain_project(course: Path, dest: Path) -> int:
    """The pages the course build generates, as a plain MkDocs project; returns the number of pages.

    The only place that calls the course compiler directly (in this process, not timed): if its API changes,
    this is the function to adapt."""
    os.environ.update(ENV)  # the compiler reads COURSE_PDF / COURSE_SCORM: generate what the timed build does
    sys.path.insert(0, str(REPO))
    from macros.course.build import compile_course

    output = compile_course(course)
    if output.problems.errors:
        raise SystemExit(f"{course}: the course does not compile:\n" +
                         "\n".join(str(p) for p in output.problems.sorted()))
    shutil.copytree(course / "docs", dest / "docs")
    for page in output.pages:
        target = dest / "docs" / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        text = page.markdown.replace("render_macros: false\n", "")
        for token, fragment in page.fragments.items():  # the same charts and QR codes, as raw HTML blocks
            text = text.replace(f"\n{token}\n", f"\n{fragment}\n")
        target.write_text(text, encoding="utf-8")
    for path, data in output.files.items():  # downloads made with the pages (SCORM packages)
        target = dest / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    config = yaml.safe_load((course / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("hooks", "watch"):
        config.pop(key, None)
    config["plugins"] = [p for p in config.get("plugins", ["search"])
                         if (p if isinstance(p, str) else next(iter(p))) not in COURSE_PLUGINS]
    nav = config.get("nav") or []
    config["nav"] = nav[:1] + output.nav + nav[1:]  # as the course does: Home, the tracks, the hand-written pages
    extra = config.setdefault("extra", {})  # what the course adds for its templates (the 404 page)
    extra["course"] = {"tracks": [{"id": a.id, "name": a.name} for a in output.course.published_audiences()]}
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return sum(1 for _ in (dest / "docs").rglob("*.md"))


def timed_build(project: Path, site: Path, env: dict) -> dict:
    """One `mkdocs build --strict` in a fresh process: wall and CPU seconds, peak RSS (MB)."""
    shutil.rmtree(site, ignore_errors=True)
    mkdocs = str(Path(sys.executable).with_name("mkdocs"))
    start = time.perf_counter()
    proc = subprocess.Popen([mkdocs, "build", "--strict", "-d", str(site)], cwd=project, env={**os.environ, **env},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # Read stderr while waiting (a full pipe would block the build), then take this child's own resource usage.
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"mkdocs build --strict failed in {project}:\n{stderr[-4000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}


def measure(size: str, runs: int, tmp: Path, scorm: bool) -> dict:
    env = {**ENV, **({} if scorm else {"COURSE_SCORM": "0"})}
    os.environ.update(env)
    course = make_project(tmp / f"course-{size}", size)
    plain = tmp / f"plain-{size}"
    pages = plain_project(course, plain)
    load_before = os.getloadavg()[0]
    course_runs, plain_runs = [], []
    for run in range(runs):
        course_runs.append(timed_build(course, tmp / f"site-course-{size}", env))
        plain_runs.append(timed_build(plain, tmp / f"site-plain-{size}", env))
        print(f"  {size}: run {run + 1}/{runs}: course {course_runs[-1]['wall']:.2f} s, "
              f"plain {plain_runs[-1]['wall']:.2f} s", file=sys.stderr, flush=True)
    med = {side: {k: statistics.median(r[k] for r in rs) for k in ("wall", "cpu")}
           for side, rs in (("course", course_runs), ("plain", plain_runs))}
    shutil.rmtree(course, ignore_errors=True)
    shutil.rmtree(plain, ignore_errors=True)
    return {"size": size, "modules": len(list((REPO / "modules").glob("*.yml"))) if size == "real" else int(size),
            "pages": pages, "runs": runs,
            "course_s": med["course"]["wall"], "plain_s": med["plain"]["wall"],
            "ratio": med["course"]["wall"] / med["plain"]["wall"],
            "course_cpu_s": med["course"]["cpu"], "plain_cpu_s": med["plain"]["cpu"],
            "cpu_ratio": med["course"]["cpu"] / med["plain"]["cpu"],
            "course_peak_mb": max(r["rss_mb"] for r in course_runs),
            "plain_peak_mb": max(r["rss_mb"] for r in plain_runs),
            "ms_per_page": 1000 * med["course"]["wall"] / pages,
            "plain_ms_per_page": 1000 * med["plain"]["wall"] / pages,
            "load_before": load_before, "load_after": os.getloadavg()[0],
            "course_walls": [r["wall"] for r in course_runs], "plain_walls": [r["wall"] for r in plain_runs]}


def table(results: list[dict]) -> str:
    lines = [("| Size | Modules | Pages | Course (s) | Plain (s) | Ratio | CPU ratio | Course peak MB | Plain peak MB "
              "| Course ms/page | Load avg before/after |"),
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in results:
        goal = "" if r["ratio"] <= 1.10 else " ✗"
        lines.append(f"| {r['size']} | {r['modules']} | {r['pages']} | {r['course_s']:.2f} | {r['plain_s']:.2f} "
                     f"| {r['ratio']:.2f}{goal} | {r['cpu_ratio']:.2f} | {r['course_peak_mb']:.0f} "
                     f"| {r['plain_peak_mb']:.0f} | {r['ms_per_page']:.2f} "
                     f"| {r['load_before']:.1f} / {r['load_after']:.1f} |")
    by_size = {r["size"]: r for r in results}
    if "100" in by_size and "1000" in by_size:
        growth = by_size["1000"]["ms_per_page"] / by_size["100"]["ms_per_page"]
        plain_growth = by_size["1000"]["plain_ms_per_page"] / by_size["100"]["plain_ms_per_page"]
        lines.append("")
        lines.append(f"Time per page at 1,000 modules is {growth:.2f} x that at 100 (goal <= 1.20"
                     f"{'' if growth <= 1.2 else ', missed'}); the plain build's grows {plain_growth:.2f} x.")
    lines.append("")
    lines.append(f"Medians of {', '.join(sorted({str(r['runs']) for r in results}))} run(s) per build; ratio = course "
                 "wall time / plain wall time (goal <= 1.10, ✗ = missed); CPU ratio uses user + system time. "
                 f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
                 f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; a load average above the core count "
                 "means other work shared the machine.")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[1:]))
    parser.add_argument("--sizes", nargs="+", default=None, metavar="SIZE",
                        help="'real' and/or module counts, run one at a time (default: real 100 1000)")
    parser.add_argument("--runs", type=int, default=None, help="builds of each kind per size (default 3)")
    parser.add_argument("--quick", action="store_true", help="a sanity check: real and 100, one run each")
    parser.add_argument("--no-scorm", action="store_true", help="skip the SCORM packages (COURSE_SCORM=0)")
    args = parser.parse_args()
    sizes = args.sizes or (["real", "100"] if args.quick else ["real", "100", "1000"])
    runs = args.runs or (1 if args.quick else 3)
    for size in sizes:
        if size != "real" and not size.isdigit():
            parser.error(f"--sizes: {size!r} is neither 'real' nor a number of modules")
        real = len(list((REPO / "modules").glob("*.yml")))
        if size.isdigit() and int(size) < real:
            parser.error(f"--sizes: {size} modules is fewer than the {real} real ones, which the copies "
                         "cross-reference (module:<id>); use 'real' for the real course")
    results = []
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="course-bench-") as tmp:
        for size in sizes:
            print(f"size {size}: generating, then {runs} course and {runs} plain builds", file=sys.stderr, flush=True)
            results.append(measure(size, runs, Path(tmp), scorm=not args.no_scorm))
            (OUT / "build-results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    text = table(results)
    (OUT / "build-results.md").write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
