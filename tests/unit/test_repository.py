"""The repository itself: nothing tracked that .gitignore says is generated or a local convenience."""

import shutil
import subprocess

import pytest

from support.project import REPO


def test_no_tracked_file_is_ignored():
    """tests/fixtures/tiny once held tracked copies of the repository's mkdocs.yml and docs/ (listed in
    .gitignore as conveniences), which drifted from the real ones."""
    if not (shutil.which("git") and (REPO / ".git").exists()):
        pytest.skip("not a git checkout")
    done = subprocess.run(["git", "ls-files", "--cached", "--ignored", "--exclude-standard"], cwd=REPO,
                          capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == []
