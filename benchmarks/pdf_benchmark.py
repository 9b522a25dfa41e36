"""PDF benchmark: seconds per 100 PDFs, one process against one per core (or any --jobs).

    .venv/bin/python benchmarks/pdf_benchmark.py                  # the real course: 1 job, then every core, 3 runs
    .venv/bin/python benchmarks/pdf_benchmark.py --jobs 1 2 4 --runs 1

Each run is a fresh Python process that compiles the course (not timed), then times the PDF step alone
(`export.pdf.write_pdfs`, as the build's post-build step calls it, with the output guard's text capture) with
the job count (passed as the plugin passes COURSE_PDF_JOBS); starting the worker processes is part of the time.
Reported: median wall time, PDFs written, seconds per 100 PDFs (wall, and CPU summed over every process: the
work done, which a busy machine inflates less), and the speed-up over one job. The 1-minute load average is
printed: above the core count, other work shared the machine and the times are inflated. A script, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"


def child(site: str) -> None:
    """One measurement, in this process: compile, then time write_pdfs; prints JSON."""
    sys.path.insert(0, str(REPO))
    from macros.course.build import compile_course
    from macros.course.export.pdf import write_pdfs

    output = compile_course(REPO)
    if output.problems.errors:
        raise SystemExit("\n".join(str(p) for p in output.problems.sorted()))
    cpu = _cpu()
    start = time.perf_counter()
    # The job count the plugin would pass for COURSE_PDF_JOBS (the compiler itself reads no environment).
    written = write_pdfs(output, Path(site), {}, jobs=int(os.environ["COURSE_PDF_JOBS"]))
    print(json.dumps({"seconds": time.perf_counter() - start, "cpu": _cpu() - cpu, "pdfs": len(written)}))


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the pool's workers, once shut down)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(jobs: int, runs: int) -> dict:
    times, cpus, pdfs = [], [], 0
    for run in range(runs):
        with tempfile.TemporaryDirectory(prefix="course-pdf-bench-") as site:
            done = subprocess.run([sys.executable, __file__, "--child", site], capture_output=True, text=True,
                                  check=False, env={**os.environ, "COURSE_PDF_JOBS": str(jobs)}, cwd=REPO)
            if done.returncode:
                raise SystemExit(f"the PDF step failed with {jobs} job(s):\n{done.stderr[-4000:]}")
            result = json.loads(done.stdout.strip().splitlines()[-1])
        times.append(result["seconds"])
        cpus.append(result["cpu"])
        pdfs = result["pdfs"]
        print(f"  {jobs} job(s): run {run + 1}/{runs}: {result['seconds']:.1f} s for {pdfs} PDFs", file=sys.stderr,
              flush=True)
    median = statistics.median(times)
    return {"jobs": jobs, "runs": runs, "seconds": median, "pdfs": pdfs, "per_100": 100 * median / pdfs,
            "cpu_per_100": 100 * statistics.median(cpus) / pdfs,
            "times": times, "load_after": os.getloadavg()[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[1:]))
    parser.add_argument("--jobs", type=int, nargs="+", default=None,
                        help=f"job counts to compare (default: 1 and {os.cpu_count()}, every core)")
    parser.add_argument("--runs", type=int, default=3, help="runs per job count (default 3)")
    parser.add_argument("--child", metavar="SITE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    jobs = args.jobs or sorted({1, os.cpu_count() or 1})
    load_before = os.getloadavg()[0]
    results = [measure(j, args.runs) for j in jobs]
    base = results[0]["seconds"]
    lines = ["| Processes | PDFs | Median (s) | Seconds per 100 PDFs | CPU s per 100 PDFs | Speed-up "
             "| Load avg after |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r['jobs']} | {r['pdfs']} | {r['seconds']:.1f} | {r['per_100']:.1f} | {r['cpu_per_100']:.1f} "
                     f"| {base / r['seconds']:.2f} x | {r['load_after']:.1f} |")
    lines.append("")
    lines.append(f"Real course, median of {args.runs} run(s), each in a fresh process; {os.cpu_count()} cores; load "
                 f"average before {load_before:.1f} ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}).")
    text = "\n".join(lines)
    OUT.mkdir(exist_ok=True)
    (OUT / "pdf-results.md").write_text(text + "\n", encoding="utf-8")
    (OUT / "pdf-results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
