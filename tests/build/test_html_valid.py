"""Valid HTML: the W3C Nu HTML Checker (npm `vnu-jar`, run with Debian's Java; both installed by
`bash scripts/dev test`) finds no error of our own making on the built site.

Material's own templates have a few errors that every Material site has. They are listed, each with its reason,
in tests/build/vnu_baseline.yml, and this test proves each entry is the theme's: it builds a plain Material site of the
installed version with the same theme settings, features, Markdown extensions and a nested nav (the repository's
mkdocs.yml without hooks, macros, CSS or course pages), and an entry is accepted only if that plain site has the
error too. To refresh the baseline after a Material upgrade, run this test: it lists the plain site's errors.

The checker is a 30 MB Java program, so it runs once, over every site at the same time (one JVM start): the real
course (with PDFs, the `real_site` build shared with other tests), a fork whose titles, summary and settings hold
attribute break-outs (`attribute_payload_site`), and the plain Material site.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import yaml

from support.project import REPO, mkdocs_build

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
BASELINE = Path(__file__).with_name("vnu_baseline.yml")

PLAIN_PAGES = {
    "index.md": "# Home\n\nA plain page.\n",
    "staff/index.md": "# Staff\n\nAn overview with a [link](lesson.md).\n",
    "staff/lesson.md": "# A lesson\n\n## A section\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n\n"
                       "!!! note\n    An admonition.\n\n### A smaller heading\n\nText.\n",
    "staff/glossary.md": "# Glossary\n\n## Term\n\nA definition.\n",
    "about.md": "# About\n\nText.\n",
    "staff/handout.md": "# A page outside the nav\n\n## A section\n\nText.\n",  # like our handout pages
}


def plain_material_site(dest: Path) -> Path:
    """A plain Material site: the repository's theme, features, extensions and search, no course code."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("hooks", "extra_css", "watch", "copyright", "site_description"):
        config.pop(key, None)
    config["theme"].pop("custom_dir", None)
    config["plugins"] = ["search"]
    config["site_name"] = "Plain Material"
    config["nav"] = [{"Home": "index.md"},
                     {"Staff": [{"Overview": "staff/index.md"},
                                {"Lessons": [{"A lesson": "staff/lesson.md"}]},
                                {"Reference": [{"Glossary": "staff/glossary.md"}]}]},
                     {"About": [{"About": "about.md"}]}]
    dest.mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    for name, text in PLAIN_PAGES.items():
        (dest / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (dest / "docs" / name).write_text(text, encoding="utf-8")
    result = mkdocs_build(dest)
    assert result.returncode == 0, result.stderr
    return dest / "site"


def vnu_errors(*sites: Path) -> list[dict]:
    """Every error the Nu checker reports on the HTML files of `sites`, from one run."""
    java = shutil.which("java")
    if not (java and VNU.is_file()):
        pytest.skip("the Nu HTML Checker needs Java and node_modules/vnu-jar: run bash scripts/dev test")
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json",
                           *map(str, sites)], capture_output=True, text=True, timeout=900)
    return json.loads(done.stderr or '{"messages": []}')["messages"]


def baseline() -> list[dict]:
    return yaml.safe_load(BASELINE.read_text(encoding="utf-8"))["errors"]


def matching(message: str, entries: list[dict]) -> dict | None:
    return next((e for e in entries if re.fullmatch(e["message"], message)), None)


def test_no_html_errors_of_our_own(real_site, attribute_payload_site, tmp_path):
    plain = plain_material_site(tmp_path / "plain")
    messages = vnu_errors(real_site, attribute_payload_site, plain)
    entries = baseline()
    plain_path = str(plain.resolve()) + "/"
    in_plain, unexplained_plain, ours = Counter(), set(), []
    for m in messages:
        entry = matching(m["message"], entries)
        if re.sub(r"^file:/*", "/", m["url"]).startswith(plain_path):  # vnu writes file:/tmp/...
            if entry is None:
                unexplained_plain.add(m["message"])
            else:
                in_plain[entry["message"]] += 1
        elif entry is None:
            ours.append(f'{m["url"]}:{m.get("lastLine")}: {m["message"]}')
    assert not unexplained_plain, ("the plain Material site has errors the baseline does not list; add them to "
                                   "tests/build/vnu_baseline.yml with a reason:\n" + "\n".join(sorted(unexplained_plain)))
    not_material = [e["message"] for e in entries if not in_plain[e["message"]]]
    assert not not_material, f"baseline entries a plain Material site does not produce: {not_material}"
    assert not ours, f"{len(ours)} HTML error(s) of our own:\n" + "\n".join(ours[:30])
