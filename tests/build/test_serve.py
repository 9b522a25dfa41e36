"""`mkdocs serve` rebuilds when a module changes (mkdocs.yml watches modules/ and data/)."""

import contextlib
import html
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from support.project import make_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as r:  # 127.0.0.1 only
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


@contextlib.contextmanager
def serving(project: Path, tmp_path: Path, *options: str):
    """`mkdocs serve OPTIONS` in `project` on a free port, its log in tmp_path/serve.log; yields the lesson URL and
    stops the server afterwards."""
    port = free_port()
    with (tmp_path / "serve.log").open("w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *options, "-a", f"127.0.0.1:{port}"], cwd=project,
                                env={**os.environ, "COURSE_PDF": "0", "NO_MKDOCS_2_WARNING": "1"},
                                stdout=subprocess.DEVNULL, stderr=log)
        try:
            yield f"http://127.0.0.1:{port}/staff/basics/"
        finally:
            proc.terminate()
            proc.wait(timeout=20)


def test_serve_rebuilds_when_a_module_changes(tmp_path):
    project = make_project(tmp_path / "p", "tiny")
    with serving(project, tmp_path) as url:
        assert wait_for(lambda: "Scores and thresholds" in fetch(url), 90), (tmp_path / "serve.log").read_text()[-3000:]
        module = project / "modules" / "basics.yml"
        module.write_text(module.read_text(encoding="utf-8").replace("Scores and thresholds", "Scores, changed"),
                          encoding="utf-8")
        assert wait_for(lambda: "Scores, changed" in fetch(url), 90)


def fetch_any(url: str) -> str:
    """The body of the answer, whatever its status (the problem page comes as a 404 on a missing address)."""
    try:
        return fetch(url)
    except urllib.error.HTTPError as err:
        return err.read().decode("utf-8")


def test_a_settings_error_while_serving_is_shown_not_left_hanging(tmp_path):
    project = make_project(tmp_path / "p", "tiny")
    with serving(project, tmp_path, "--strict") as url:
        assert wait_for(lambda: "Scores and thresholds" in fetch(url), 90), (tmp_path / "serve.log").read_text()[-3000:]
        (project / "local" / "settings.yml").write_text("organisation: Northwoods\n", encoding="utf-8")
        # Before: every request waited (forever) for a good build. Now each answers at once with the problems.
        assert wait_for(lambda: "is not a known field" in fetch_any(url), 60), (tmp_path / "serve.log").read_text()
        page = fetch_any(url)
        assert "The site was not rebuilt" in page
        assert 'local/settings.yml:1:1: organisation: is not a known field (did you mean "organization"?)' in \
            html.unescape(page)
        (project / "local" / "settings.yml").unlink()
        assert wait_for(lambda: "Scores and thresholds" in fetch_any(url), 60)


def test_serve_reloads_the_compiler_when_macros_change(tmp_path):
    project = make_project(tmp_path / "p", "tiny", copy_macros=True)  # macros/ copied, so it can be edited
    with serving(project, tmp_path, "--strict") as url:
        assert wait_for(lambda: "What you will learn" in fetch(url), 90), (tmp_path / "serve.log").read_text()[-3000:]
        code = project / "macros" / "course" / "render" / "lesson.py"
        code.write_text(code.read_text(encoding="utf-8").replace("ui('lesson.what_you_will_learn')",
                                                                 "'You will learn'"), encoding="utf-8")
        module = project / "modules" / "basics.yml"  # macros/ is watched too; a module edit also rebuilds
        module.write_text(module.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        assert wait_for(lambda: "You will learn" in fetch(url), 60), (tmp_path / "serve.log").read_text()[-3000:]
