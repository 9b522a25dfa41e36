"""The unit layer runs in this process: no `mkdocs` run, no course CLI run, no browser.

A test here that starts one of them, or asks for a fixture that builds a site, fails and says where it belongs.
Other tools (git, pdftotext on a PDF made in the test) are allowed: they are quick and local.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

_FORBIDDEN = {"mkdocs": "runs `mkdocs`", "macros.course": "runs the course CLI", "chromium": "starts Chromium"}


@pytest.fixture(autouse=True)
def _in_process_only(monkeypatch, request):
    real_popen_init = subprocess.Popen.__init__

    def guarded(self, args, *more, **options):
        words = [str(a) for a in (args if isinstance(args, (list, tuple)) else [args])]
        for needle, what in _FORBIDDEN.items():
            if any(Path(w).name == needle or w == needle for w in words):
                pytest.fail(f"{request.node.nodeid} {what} ({' '.join(words)[:120]}): a unit test runs in this "
                            f"process. Call the code directly, or move the test to tests/build/ "
                            f"(tests/browser/ if it drives Chromium).", pytrace=False)
        real_popen_init(self, args, *more, **options)

    monkeypatch.setattr(subprocess.Popen, "__init__", guarded)


def _builds(name: str):
    @pytest.fixture(name=name)
    def refused(request):
        pytest.fail(f"{request.node.nodeid} asks for `{name}`, which builds a site with `mkdocs build`: move the "
                    f"test to tests/build/ (or read the course in this process: support.project.real_course, "
                    f"support.project.load).", pytrace=False)
    return refused


real_site = _builds("real_site")
tiny_site = _builds("tiny_site")
attribute_payload_site = _builds("attribute_payload_site")
course_site = _builds("course_site")
offline_site = _builds("offline_site")
