"""The fork guide's shell steps (docs/adapt/index.md), run as written with real git in temporary folders:
clone, adapt, an upstream commit, fetch and merge, drift, build.

The commands are read from the guide itself (step 1 and step 10), with only the example addresses replaced by
local folders, so the guide cannot drift from what works. git runs with an empty HOME and no system config: the
name and e-mail the merge needs must come from the guide's own `git config` lines.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from support.project import FIXTURES, REPO, make_project

GUIDE = REPO / "docs" / "adapt" / "index.md"
VENV = Path(sys.executable).parent.parent


def guide_block(heading: str) -> list[str]:
    """The command lines of the first ```bash block after `heading` (indented blocks included)."""
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index(heading)
    block = re.search(r"```bash\n(.*?)\n\s*```", text[start:], re.S).group(1)
    return [line.strip() for line in block.splitlines() if line.strip() and not line.strip().startswith("#")]


def run(line: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", line], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_the_fork_guide_steps_clone_adapt_merge_upstream_and_build(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "COURSE_"))}
    env.update(HOME=str(home), GIT_CONFIG_NOSYSTEM="1", COURSE_VENV=str(VENV), COURSE_PDF="0",
               NO_MKDOCS_2_WARNING="1")
    upstream_id = ["-c", "user.name=Upstream", "-c", "user.email=upstream@example.org"]

    # Upstream: the course with its tools (a fixture's modules), on branch main.
    (tmp_path / "up").mkdir()
    upstream = make_project(tmp_path / "up" / "project", "consortium", local=False)
    (upstream / "scripts").mkdir()
    shutil.copy(REPO / "scripts" / "dev", upstream / "scripts" / "dev")
    for name in ("requirements.txt", "requirements-test.txt", ".gitignore", "pyproject.toml"):
        shutil.copy(REPO / name, upstream / name)
    (upstream / "local" / ".keep").write_text("")
    for cmd in (["init", "-q", "-b", "main"], ["add", "-A"], [*upstream_id, "commit", "-q", "-m", "Upstream course"]):
        subprocess.run(["git", *cmd], cwd=upstream, env=env, check=True, capture_output=True)
    # The consortium's fork on its git host: a copy of upstream.
    host = tmp_path / "host" / "fr-course.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(upstream), str(host)], env=env, check=True)

    # Step 1, as written: clone, add upstream, say who you are.
    workdir = tmp_path / "work"
    workdir.mkdir()
    step1 = " && ".join(line.replace("https://github.com/YOUR-ORG/fr-course.git", str(host))
                        .replace("https://github.com/UPSTREAM-ORG/fr-course.git", str(upstream))
                        for line in guide_block("## 1. Get your own copy"))
    assert "git config user.email" in step1
    done = run(step1, workdir, env)
    assert done.returncode == 0, done.stderr
    fork = workdir / "fr-course"

    # Adapt (steps 3-6): the consortium's local/ folder, committed as the fork's own work.
    shutil.copytree(FIXTURES / "consortium" / "local", fork / "local", dirs_exist_ok=True)
    for line in ("bash scripts/dev validate", "git add local && git commit -q -m 'Our settings and lessons'",
                 "bash scripts/dev build"):
        done = run(line, fork, env)
        assert done.returncode == 0, f"{line}\n{done.stdout}\n{done.stderr}"
    published = (fork / "site" / "staff" / "rights" / "index.html").read_text(encoding="utf-8")

    # Upstream corrects a lesson the fork changed block by block.
    rights = upstream / "modules" / "rights.yml"
    rights.write_text(rights.read_text(encoding="utf-8")
                      .replace('version: "1.0"', 'version: "1.1"', 1)
                      .replace("UPSTREAMINTRO The board", "UPSTREAMINTRO Corrected: the board"), encoding="utf-8")
    subprocess.run(["git", *upstream_id, "commit", "-q", "-am", "Correct the rights lesson"], cwd=upstream, env=env,
                   check=True)

    # Step 10, as written: fetch, merge, drift.
    fetch, merge, drift = guide_block("## 10. Keep up with upstream")
    assert (fetch, merge) == ("git fetch upstream", "git merge --no-edit upstream/main")
    for line in (fetch, merge):
        done = run(line, fork, env)
        assert done.returncode == 0, f"{line}\n{done.stdout}\n{done.stderr}"
    log = run("git log --format='%an <%ae>|%s' -3", fork, env).stdout.splitlines()
    assert log[0] == "Northwoods web team <web@northwoods.example>|Merge remote-tracking branch 'upstream/main'"
    assert "Corrected: the board" in (fork / "modules" / "rights.yml").read_text(encoding="utf-8")
    done = run(drift, fork, env)
    assert done.returncode == 1
    assert 'upstream module "rights" is now version 1.1; this override is based on version 1.0' in done.stdout

    # The build stops on the drift warning and publishes nothing; after accepting, it publishes the update.
    done = run("bash scripts/dev build", fork, env)
    assert done.returncode == 1
    assert "Nothing was published" in done.stderr
    assert (fork / "site" / "staff" / "rights" / "index.html").read_text(encoding="utf-8") == published
    for line in ("bash scripts/dev course drift --accept rights", "bash scripts/dev build"):
        done = run(line, fork, env)
        assert done.returncode == 0, f"{line}\n{done.stdout}\n{done.stderr}"
    assert "Corrected: the board" in (fork / "site" / "staff" / "rights" / "index.html").read_text(encoding="utf-8")
    assert run("git status --porcelain -- modules data docs", fork, env).stdout == ""  # upstream files untouched
