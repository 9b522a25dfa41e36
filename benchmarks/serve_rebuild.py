"""Serve benchmark: after editing one module, how long until `mkdocs serve` serves the changed page?

    .venv/bin/python benchmarks/serve_rebuild.py              # the real course, 3 edits each, medians
    .venv/bin/python benchmarks/serve_rebuild.py --runs 5

Two servers run in turn on copies of the real course, each with `mkdocs serve` as an author runs it (PDFs and
SCORM packages off, as `bash scripts/dev serve` has them: COURSE_PDF=0, COURSE_SCORM=0):

1. the course: `modules/how-fr-works.yml` is edited (one staff objective gains a few words), and the clock runs
   until http://127.0.0.1:PORT/staff/how-fr-works/ shows them: the course plugin recompiles every module;
2. plain Material: the pages the course generated, written out as ordinary Markdown files with the same theme,
   features and nav, no plugin but search; the same sentence is edited in the generated page's Markdown.

Each edit is timed from just before the file is written to the first answer that holds the new text (polled
every 20 ms), so both include MkDocs' file watcher and its rebuild; the CPU seconds the server used meanwhile
are reported too, as they vary less than wall time on a shared machine. Medians of `--runs` edits are reported,
with a plain `mkdocs build` of the same pages for scale. A script, not a test: timings are never asserted. Results go
to stdout and to benchmarks/out/serve_rebuild.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
MODULE, TRACK = "how-fr-works", "staff"
SENTENCE = "Describe the steps of a face search from camera still to candidate list."
WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
ENV = {"COURSE_PDF": "0", "COURSE_SCORM": "0", "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}


def course_project(dest: Path) -> Path:
    """A copy of the real course (modules are edited here, never in the repository)."""
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml",):
        shutil.copy(REPO / name, dest / name)
    for name in ("docs", "data", "modules", "local"):
        shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    (dest / "macros").symlink_to(REPO / "macros", target_is_directory=True)
    return dest


def plain_project(course: Path, dest: Path) -> Path:
    """The course's generated pages as plain Markdown (charts and QR codes inlined as raw HTML), same theme/nav."""
    sys.path.insert(0, str(REPO))  # this script only: import the compiler of this checkout
    from macros.course.build import compile_course

    output = compile_course(course, pdf=False, scorm=False)
    shutil.copytree(course / "docs", dest / "docs")
    for page in output.pages:
        target = dest / "docs" / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        text = page.markdown.replace("render_macros: false\n", "")
        for token, fragment in page.fragments.items():
            text = text.replace(f"\n{token}\n", f"\n{fragment}\n")
        target.write_text(text, encoding="utf-8")
    (dest / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("hooks", "watch"):
        config.pop(key, None)
    config["plugins"] = ["search"]
    # What the course plugin sets for the theme's 404 page, written out.
    config.setdefault("extra", {})["course"] = {
        "tracks": [{"id": a.id, "name": a.name} for a in output.course.published_audiences()]}
    config["nav"] = config["nav"][:1] + output.nav + config["nav"][1:]
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return dest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def page_text(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, text: str, limit: float = 300.0) -> float:
    """Seconds until the page at `url` holds `text` (polled every 20 ms)."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if text in page_text(url):
            return time.perf_counter() - start
        time.sleep(0.02)
    raise SystemExit(f"{url} did not show {text!r} within {limit:.0f} s")


def cpu_seconds(pid: int) -> float:
    """User and system CPU time used so far by process `pid` (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_edits(project: Path, edited: Path, runs: int, label: str) -> tuple[list[float], list[float]]:
    """Start `mkdocs serve` in `project`; edit `edited` `runs` times. For each edit: wall seconds until the new page
    is served, and the CPU seconds the server used meanwhile (steadier than wall time on a shared machine)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/{TRACK}/{MODULE}/"
    log = open(project.parent / f"{label}-serve.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                            env={**os.environ, **ENV}, stdout=log, stderr=subprocess.STDOUT)
    times, cpu = [], []
    try:
        wait_for(url, SENTENCE, limit=600)
        time.sleep(2)  # let the first build's file events settle
        previous = SENTENCE
        for n in range(1, runs + 1):
            # Words, not digits: validation asks a source for every figure in lesson text.
            changed = SENTENCE.replace("candidate list.", f"candidate list, edit {label} {WORDS[n % len(WORDS)]}.")
            text = edited.read_text(encoding="utf-8")
            assert previous in text, f"{edited} does not hold {previous!r}"
            start, cpu_start = time.perf_counter(), cpu_seconds(proc.pid)
            edited.write_text(text.replace(previous, changed, 1), encoding="utf-8")
            wait_for(url, changed)
            times.append(time.perf_counter() - start)
            cpu.append(cpu_seconds(proc.pid) - cpu_start)
            previous = changed
            time.sleep(2)  # the served page can show the change before the rebuild's last writes end
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
    return times, cpu


def build_time(project: Path, site: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(site)], cwd=project,
                   env={**os.environ, **ENV}, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="edits timed per server (default 3; medians reported)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="serve-bench-") as tmp:
        course = course_project(Path(tmp) / "course")
        plain = plain_project(course, Path(tmp) / "plain")
        plain_page = plain / "docs" / TRACK / MODULE / "index.md"
        course_times, course_cpu = time_edits(course, course / "modules" / f"{MODULE}.yml", args.runs, "course")
        plain_times, plain_cpu = time_edits(plain, plain_page, args.runs, "plain")
        plain_build = statistics.median(build_time(plain, Path(tmp) / f"site-{i}") for i in range(args.runs))
    result = {
        "edits": args.runs,
        "course_serve_s": [round(t, 2) for t in course_times],
        "plain_serve_s": [round(t, 2) for t in plain_times],
        "course_serve_median_s": round(statistics.median(course_times), 2),
        "plain_serve_median_s": round(statistics.median(plain_times), 2),
        "ratio": round(statistics.median(course_times) / statistics.median(plain_times), 3),
        "course_serve_cpu_s": [round(t, 2) for t in course_cpu],
        "plain_serve_cpu_s": [round(t, 2) for t in plain_cpu],
        "cpu_ratio": round(statistics.median(course_cpu) / statistics.median(plain_cpu), 3),
        "plain_build_median_s": round(plain_build, 2),
        "ratio_to_plain_build": round(statistics.median(course_times) / plain_build, 3),
    }
    print(json.dumps(result, indent=2))
    out = REPO / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    (out / "serve_rebuild.json").write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
