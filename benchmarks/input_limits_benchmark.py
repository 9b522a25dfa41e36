"""Input limits benchmark: how long `course validate` takes to refuse each kind of hostile module.

    .venv/bin/python benchmarks/input_limits_benchmark.py

Each case is one module file laid over a copy of the repository's data (no other modules), checked with the real
`python -m macros.course validate` in a fresh process, as an author would run it. The goal (issue 8) is a located
error within two seconds for each; the script prints the time, the exit code and the first message. This is a
script, not a test: timings are never asserted (tests/unit/test_load_yaml.py checks the messages).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CASES = {
    "alias bomb (324 bytes, 9**9 values)": 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)),
    "3 MB file": "id: big\nsummary: " + "x" * 3_000_000 + "\n",
    "900 KB text field": "id: long\nsummary: |\n  " + "word " * 180_000 + "\n",
    "200,000 values": "id: many\nobjectives:\n" + "- a\n" * 200_000,
    "nesting 900 deep": "id: deep\nx: " + "[" * 900 + "]" * 900 + "\n",
}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(REPO / "data", root / "data")
        shutil.copytree(REPO / "schema", root / "schema")
        (root / "local").mkdir()
        (root / "modules").mkdir()
        for name, text in CASES.items():
            module = root / "modules" / "hostile.yml"
            module.write_text(text, encoding="utf-8")
            start = time.monotonic()
            result = subprocess.run([sys.executable, "-m", "macros.course", "--root", str(root), "validate"],
                                    cwd=REPO, capture_output=True, text=True, timeout=600)
            seconds = time.monotonic() - start
            first = next((line for line in (result.stdout + result.stderr).splitlines() if "hostile.yml" in line), "")
            print(f"{name:38} {seconds:6.2f} s  exit {result.returncode}  {first[:110]}")


if __name__ == "__main__":
    main()
