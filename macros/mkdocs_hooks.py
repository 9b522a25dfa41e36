"""MkDocs hooks: feed the course compiler's pages and navigation into the site. Nothing else lives here.

The compiler (`macros.course`) knows nothing of MkDocs; this adapter only (1) compiles the course when the
config loads, (2) adds the generated pages as files, (3) swaps trusted HTML fragments (charts, QR codes) in
after Markdown, and (4) writes PDFs after the build when the trainer kit is present.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path


# The hook file is loaded by path; make the project's `macros` package importable however mkdocs is run.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from macros.course.build import compile_course  # noqa: E402
from macros.course.overlay import site_logo  # noqa: E402
from macros.adapter_state import current as _state  # noqa: E402
from macros.safe_markdown import SafeMarkdown  # noqa: E402

log = logging.getLogger("mkdocs.plugins.course")  # under mkdocs.*: warnings count for --strict
# A warning that must not fail --strict: upstream has no address of its own, and forks set theirs.
_notice = logging.getLogger("course.notice")
if not _notice.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    _notice.addHandler(_handler)
    _notice.propagate = False
_TOKEN = re.compile(r"<p>(CRSFRAG[0-9a-f]+)</p>")  # a fragment token, alone in its paragraph


def _env_list(name: str) -> list[str]:
    return [x.strip() for x in os.environ.get(name, "").split(",") if x.strip()]


def on_config(config):
    """Compile the course; stop the build with every problem listed if the input has errors."""
    root = Path(config.config_file_path).resolve().parent
    # Added here rather than in mkdocs.yml: extensions load before hooks, when `macros` is not yet importable.
    config.markdown_extensions.append(SafeMarkdown())
    output = compile_course(root, _env_list("COURSE_AUDIENCES") or None)
    for problem in output.problems.warnings:
        log.warning(str(problem))
    if output.problems.errors:
        errors = output.problems.sorted()
        listing = "\n".join(str(p) for p in errors if not p.warning)
        raise Abort(f"The course has {len(output.problems.errors)} problem(s); nothing was built:\n{listing}")
    settings = output.course.settings
    if not settings.site_url and any("handout" in a.formats for a in output.course.published_audiences()):
        _notice.warning("site_url is not set in the course settings (local/settings.yml), so handouts and briefs "
                        "print no web address or QR code for their lessons: set site_url to the address the site "
                        "is published at")
    if settings.site_name:
        config.site_name = settings.site_name
    if settings.site_url:
        config.site_url = settings.site_url
    # A fork's logo stays in local/: it is added as a generated file, so docs/ is never edited.
    _state["logo"] = site_logo(root, settings)
    if _state["logo"]:
        config.theme["logo"] = config.theme["favicon"] = _state["logo"][0]
    if (root / "local" / "settings.yml").is_file() and settings.organization:
        # CC BY 4.0 asks adapters to say that they changed the material.
        config.copyright = f"{config.copyright or ''} Adapted by {settings.organization}.".strip()
    # Home first, then one tab per audience, then the hand-written pages from mkdocs.yml.
    nav = list(config.nav or [])
    config.nav = nav[:1] + output.nav + nav[1:]
    _state["output"] = output
    _state["fragments"] = {}
    for page in output.pages:
        _state["fragments"].update(page.fragments)
    config.extra["course"] = {"organization": settings.organization, "contact": settings.contact,
                              "privacy_policy_url": settings.privacy_policy_url}
    return config


def on_files(files, config):
    """Add every generated page; a hand-written file at the same path is an error, never overwritten."""
    for page in _state["output"].pages:
        if files.get_file_from_path(page.path):
            raise Abort(f"docs/{page.path}: this path belongs to a generated page; move or rename the file")
        files.append(File.generated(config, page.path, content=page.markdown))
    if _state.get("logo"):
        files.append(File.generated(config, _state["logo"][0], abs_src_path=str(_state["logo"][1])))
    return files


def on_page_content(html, page, config, files):
    """Replace fragment tokens (whole paragraphs) with the trusted HTML they stand for."""
    if "CRSFRAG" not in html:
        return html
    fragments = _state["fragments"]
    return _TOKEN.sub(lambda m: fragments.get(m.group(1), m.group(0)), html)


def on_post_build(config):
    """Write the PDF packs (trainer kit), unless COURSE_PDF=0 or the settings turn them off."""
    output = _state.get("output")
    if output is None or os.environ.get("COURSE_PDF", "1") == "0" or not output.course.settings.pdf:
        return
    try:
        from macros.course import pdf
    except ImportError:
        return
    pdf.write_pdfs(output, Path(config.site_dir))
