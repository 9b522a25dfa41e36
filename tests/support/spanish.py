"""The Spanish track's test helpers: a fork of the repository with the Spanish track published, and the words of
its pages."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html

from support.project import REPO, tool_env

SPANISH, ENGLISH = "patrons-es", "patrons"
LESSONS = {"como-funciona": "how-fr-works", "sesgo": "bias", "errores-a-gran-escala": "error-at-scale",
           "por-que-varian-los-errores": "why-errors-differ", "privacidad": "privacy",
           "en-las-bibliotecas": "fr-in-libraries", "valores-y-leyes": "values-and-law",
           "resolucion-de-la-ala": "ala-resolution", "tu-cara-tus-fotos": "your-face-your-photos",
           "tus-derechos": "patrons-rights"}


# ---------------------------------------------------------------------------------------------------------------
# A fork of the repository: its own copy of modules/, data/ and docs/ (macros/ linked), and local/settings.yml
# ---------------------------------------------------------------------------------------------------------------

def fork(tmp: Path, settings: str = "") -> Path:
    root = tmp / "project"
    root.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for name in ("docs", "data", "modules"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    (root / "macros").symlink_to(REPO / "macros", target_is_directory=True)
    (root / "local").mkdir()
    if settings:
        (root / "local" / "settings.yml").write_text(settings, encoding="utf-8")
    return root


def build(root: Path, pdf: bool = False) -> Path:
    done = subprocess.run([_mkdocs(), "build", "--strict"], cwd=root,
                          env=tool_env({"COURSE_PDF": "1" if pdf else "0", "COURSE_SCORM": "0"}),
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-6000:]
    return root / "site"


def _mkdocs() -> str:
    return str(Path(sys.executable).with_name("mkdocs"))


BOTH = """\
organization: Springfield Public Library
contact: the privacy officer, privacy@example.org
privacy_policy_url: https://example.org/privacy
jurisdiction: Illinois
site_url: https://course.example.org/
audiences: [patrons, patrons-es]
languages:
  es:
    contact: la encargada de privacidad, privacidad@example.org
    jurisdiction: el estado de Illinois
"""

SPANISH_ONLY = """\
organization: Biblioteca de Springfield
contact: the privacy officer
privacy_policy_url: https://example.org/privacy
jurisdiction: Illinois
audiences: [patrons-es]
languages:
  es:
    contact: la encargada de privacidad
    jurisdiction: el estado de Illinois
    privacy_policy_url: https://example.org/privacidad
"""


def content_text(page: Path, drop_english: bool = True) -> str:
    """The words of a page's content (Material's <article>), without what is marked lang="en" (a link to the
    English lesson says "Read this lesson in English" on purpose)."""
    doc = lxml.html.fromstring(page.read_bytes())
    article = doc.xpath("//article")[0]
    if drop_english:
        for el in article.xpath('.//*[@lang="en"]'):
            el.drop_tree()
    return " ".join(article.text_content().split())


def spanish_pages(site: Path) -> list[Path]:
    return sorted((site / SPANISH).rglob("index.html"))
