"""`mkdocs serve` rebuilds when a module changes (mkdocs.yml watches modules/ and data/)."""

import os
import socket
import subprocess
import time
import urllib.request

from conftest import MKDOCS, make_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as r:  # noqa: S310 - 127.0.0.1 only
        return r.read().decode("utf-8")


def wait_for(predicate, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def test_serve_rebuilds_when_a_module_changes(tmp_path):
    project = make_project(tmp_path / "p", "tiny")
    port = free_port()
    url = f"http://127.0.0.1:{port}/staff/basics/"
    proc = subprocess.Popen([MKDOCS, "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                            env={**os.environ, "COURSE_PDF": "0", "NO_MKDOCS_2_WARNING": "1"},
                            stdout=subprocess.DEVNULL, stderr=open(tmp_path / "serve.log", "w"))
    try:
        assert wait_for(lambda: "Scores and thresholds" in fetch(url), 90), (tmp_path / "serve.log").read_text()[-3000:]
        module = project / "modules" / "basics.yml"
        module.write_text(module.read_text(encoding="utf-8").replace("Scores and thresholds", "Scores, changed"),
                          encoding="utf-8")
        assert wait_for(lambda: "Scores, changed" in fetch(url), 90)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
