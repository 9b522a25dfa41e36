"""Build benchmark: the course build against a plain Material build of the same generated Markdown.

    .venv/bin/python benchmarks/build_benchmark.py            # 100 and 1,000 modules
    .venv/bin/python benchmarks/build_benchmark.py --sizes 50  # a quick look

For each size N it makes N synthetic modules from the real ones (copies with new ids), then times
(1) the course build: `mkdocs build` with the hooks, which load, validate and render every module, and
(2) a plain build: the pages the course build generated, written out as ordinary Markdown files (charts and
    QR codes inlined as raw HTML) with the same theme, features and nav, and no hooks or macros.
PDFs and SCORM packages are skipped in both (COURSE_PDF=0, COURSE_SCORM=0): the plain build has neither, and
the PDFs' cost is reported by the trainer kit's own measurement (SCORM: about 5 ms per lesson and track). Peak memory is the child process's maximum resident set size. Results go to stdout
and to benchmarks/out/results.json. This is a script, not a test: timings are never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def make_project(dest: Path, n: int) -> Path:
    """A project with `n` modules cycled from the real ones, each with a fresh id."""
    dest.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "docs", dest / "docs")
    shutil.copytree(REPO / "data", dest / "data", ignore=shutil.ignore_patterns("plans"))  # they name real modules
    (dest / "local").mkdir()
    (dest / "macros").symlink_to(REPO / "macros", target_is_directory=True)
    (dest / "modules").mkdir()
    real = sorted((REPO / "modules").glob("*.yml"))
    texts = [p.read_text(encoding="utf-8") for p in real]
    ids = [yaml.safe_load(t)["id"] for t in texts]
    for i in range(n):
        k = i % len(real)
        text = texts[k].replace(f"\nid: {ids[k]}\n", f"\nid: {ids[k]}-s{i:04d}\n", 1)
        (dest / "modules" / f"{ids[k]}-s{i:04d}.yml").write_text(text, encoding="utf-8")
    return dest


def run(cmd: list[str], cwd: Path, env: dict) -> tuple[float, int]:
    """Wall time (s) and peak RSS (MB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr.read()[-3000:]}")
    return elapsed, usage.ru_maxrss // 1024


def plain_project(course_project: Path, dest: Path) -> int:
    """The course's generated pages as plain Markdown files, with the same theme and nav; returns page count."""
    from macros.course.build import compile_course

    output = compile_course(course_project)
    shutil.copytree(course_project / "docs", dest / "docs")
    for page in output.pages:
        target = dest / "docs" / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        text = page.markdown.replace("render_macros: false\n", "")
        for token, fragment in page.fragments.items():  # the same charts and QR codes, as raw HTML blocks
            text = text.replace(f"\n{token}\n", f"\n{fragment}\n")
        target.write_text(text, encoding="utf-8")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks", None)
    config.pop("watch", None)
    config["plugins"] = ["search"]
    (dest / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    config["nav"] = config["nav"][:1] + output.nav + config["nav"][1:]
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return len(output.pages) + 5  # hand-written pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    args = parser.parse_args()
    mkdocs = str(Path(sys.executable).with_name("mkdocs"))
    env = {"COURSE_PDF": "0", "COURSE_SCORM": "0", "NO_MKDOCS_2_WARNING": "1"}
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            course = make_project(Path(tmp) / f"course-{n}", n)
            plain = Path(tmp) / f"plain-{n}"
            pages = plain_project(course, plain)
            t_course, m_course = run([mkdocs, "build", "-q", "-d", str(Path(tmp) / f"site-c{n}")], course, env)
            t_plain, m_plain = run([mkdocs, "build", "-q", "-d", str(Path(tmp) / f"site-p{n}")], plain, env)
            row = {"modules": n, "pages": pages, "course_s": round(t_course, 1), "plain_s": round(t_plain, 1),
                   "ratio": round(t_course / t_plain, 3), "ms_per_page": round(1000 * t_course / pages, 2),
                   "course_peak_mb": m_course, "plain_peak_mb": m_plain}
            results.append(row)
            print(json.dumps(row), flush=True)
    if len(results) > 1:
        growth = results[-1]["ms_per_page"] / results[0]["ms_per_page"]
        print(f"time per page at {results[-1]['modules']} modules is {growth:.2f} x that at {results[0]['modules']}")
    out = REPO / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
