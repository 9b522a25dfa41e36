"""MkDocs hooks: feed the course compiler's pages and navigation into the site. Nothing else lives here.

The compiler (`macros.course`) knows nothing of MkDocs; this adapter only (1) compiles the course when the
config loads, (2) adds the generated pages as files, (3) swaps trusted HTML fragments (charts, QR codes) in
after Markdown, and (4) writes PDFs after the build when the trainer kit is present. While serving, it also
(5) reloads the compiler when a file in macros/ changed, and (6) shows a failed rebuild's problems in the
browser instead of leaving requests waiting for a build that never comes.
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

import html  # noqa: E402
import importlib  # noqa: E402
import shutil  # noqa: E402

from macros.adapter_state import current as _state  # noqa: E402

_CODE = Path(__file__).resolve().parent  # macros/: the compiler's code, reloaded while serving when it changes
_serving: dict = {}

log = logging.getLogger("mkdocs.plugins.course")  # under mkdocs.*: warnings count for --strict
# A warning that must not fail --strict: upstream has no address of its own, and forks set theirs.
_notice = logging.getLogger("course.notice")
if not _notice.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    _notice.addHandler(_handler)
    _notice.propagate = False
_TOKEN = re.compile(r"<p>(CRSFRAG[0-9a-f]+)</p>")  # a fragment token, alone in its paragraph
_UNINDEXED = re.compile(r'<details class="(course-(?:more|answer)\b)')


def curly_quotes(text: str) -> str:
    """Straight double quotes as typographic ones. Material writes the site name into one attribute escaped
    (`title="{{ config.site_name | e }}"`) and into another as is (`aria-label="{{ config.site_name }}"`), so
    no escaping suits both; “ and ” read the same and cannot end an attribute. (Settings refuse < and >.)"""
    out, opening = [], True
    for ch in text:
        if ch == '"':
            out.append("\u201c" if opening else "\u201d")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


def _env_list(name: str) -> list[str]:
    return [x.strip() for x in os.environ.get(name, "").split(",") if x.strip()]


def on_startup(command, dirty):
    _serving["on"] = command == "serve"


def on_serve(server, config, builder):
    """A rebuild that fails leaves MkDocs' server waiting for a good build before it answers any request (the
    browser hangs). Answer with the problems instead: every address shows them until the next good build."""
    site_dir, build = Path(config.site_dir), server.builder

    def build_or_show_problems():
        try:
            build()
        except Exception as exc:  # noqa: BLE001 - whatever stopped the build, the author must see it
            log.error(f"The site was not rebuilt: {exc}")
            _write_problem_page(site_dir, str(exc))

    server.builder = build_or_show_problems
    return server


def _write_problem_page(site_dir: Path, text: str) -> None:
    shutil.rmtree(site_dir, ignore_errors=True)
    site_dir.mkdir(parents=True, exist_ok=True)
    page = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>The site was not rebuilt</title>"
            "</head><body><h1>The site was not rebuilt</h1><p>Fix these problems and save: the page reloads by itself."
            f"</p><pre>{html.escape(text)}</pre></body></html>")
    for name in ("index.html", "404.html"):  # 404.html: MkDocs' server answers every missing address with it
        (site_dir / name).write_text(page, encoding="utf-8")


def _course():
    """The compiler's modules, reloaded while serving when any file in macros/ changed since the last build
    (MkDocs keeps the modules a hook imported for as long as it runs)."""
    if _serving.get("on"):
        stamp = max((p.stat().st_mtime_ns for p in _CODE.rglob("*.py")), default=0)
        if _serving.get("stamp") not in (None, stamp):
            for name in [n for n in sys.modules if n.startswith("macros.course")]:
                del sys.modules[name]
            log.info("macros/ changed: the course compiler was reloaded")
        _serving["stamp"] = stamp
    return (importlib.import_module("macros.course.build"), importlib.import_module("macros.course.load.overlay"),
            importlib.import_module("macros.course.render.safe_markdown"))


def on_config(config):
    """Compile the course; stop the build with every problem listed if the input has errors."""
    root = Path(config.config_file_path).resolve().parent
    build, overlay, safe_markdown = _course()
    # Added here rather than in mkdocs.yml: extensions load before hooks, when `macros` is not yet importable.
    config.markdown_extensions.append(safe_markdown.SafeMarkdown())
    output = build.compile_course(root, _env_list("COURSE_AUDIENCES") or None)
    for problem in output.problems.warnings:
        log.warning(str(problem))
    if not output.problems.errors:
        _check_pdf_tools(output)
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
        config.site_name = curly_quotes(settings.site_name)
    if settings.site_url:
        config.site_url = settings.site_url
    # A fork's logo stays in local/: it is added as a generated file, so docs/ is never edited.
    _state["logo"] = overlay.site_logo(root, settings)
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
                              "privacy_policy_url": settings.privacy_policy_url,
                              # for the 404 page (docs/overrides/404.html): every published track
                              "tracks": [{"id": a.id, "name": a.name, "language": a.language}
                                         for a in output.course.published_audiences()],
                              # track id -> language, for tracks in another language: their pages declare it
                              # (docs/overrides/partials/language.html)
                              "languages": {a.id: a.language for a in output.course.published_audiences()
                                            if a.language != config.theme["language"]}}
    return config


def _wants_pdfs(output) -> bool:
    return (os.environ.get("COURSE_PDF", "1") != "0" and bool(output.course.settings.pdf)
            and any("pdf" in a.formats and "handout" in a.formats for a in output.course.published_audiences()))


def _check_pdf_tools(output) -> None:
    """Fail before anything is written when PDFs are wanted but WeasyPrint cannot run (no Pango, most often):
    otherwise the landing pages would link PDFs that never get written."""
    if not _wants_pdfs(output):
        return
    try:
        import weasyprint  # noqa: F401 - loading it loads Pango
    except (ImportError, OSError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise Abort("The PDF packs cannot be made on this machine: WeasyPrint or the Pango library it needs is "
                    f"missing ({reason}). Run bash scripts/dev build, which installs them, or build without PDFs: "
                    "COURSE_PDF=0 bash scripts/dev build") from None


def on_files(files, config):
    """Add every generated page; a hand-written file at the same path is an error, never overwritten."""
    for page in _state["output"].pages:
        if files.get_file_from_path(page.path):
            raise Abort(f"docs/{page.path}: this path belongs to a generated page; move or rename the file")
        files.append(File.generated(config, page.path, content=page.markdown))
    for path, data in _state["output"].files.items():  # downloads such as the SCORM packages
        if files.get_file_from_path(path):
            raise Abort(f"docs/{path}: this path belongs to a generated file; move or rename the file")
        files.append(File.generated(config, path, content=data))
    if _state.get("logo"):
        files.append(File.generated(config, _state["logo"][0], abs_src_path=str(_state["logo"][1])))
    return files


def on_page_content(html, page, config, files):
    """Replace fragment tokens (whole paragraphs) with the trusted HTML they stand for, and keep the collapsed
    reference blocks (key terms, sources, self-check answers) out of the search index: the glossary and
    sources pages are searchable, and the index is part of every page's first download."""
    html = _UNINDEXED.sub(r'<details data-search-exclude class="\1', html)
    if "CRSFRAG" not in html:
        return html
    fragments = _state["fragments"]
    return _TOKEN.sub(lambda m: fragments.get(m.group(1), m.group(0)), html)


def on_post_build(config):
    """Write the PDF packs (trainer kit), unless COURSE_PDF=0 or the settings turn them off; check every page,
    search-index entry and PDF for leftovers (placeholders, template code, TODO) and fail if any; then name each
    search result's track."""
    output = _state.get("output")
    if output is None:
        return
    pdf_texts: dict = {}
    if os.environ.get("COURSE_PDF", "1") != "0" and output.course.settings.pdf:
        from macros.course.export import pdf

        try:
            pdf.write_pdfs(output, Path(config.site_dir), pdf_texts)
        except OSError as exc:  # a full disk, a missing font file: say so plainly, and nothing is published
            raise Abort(f"The PDF packs could not be written: {exc}") from None
    from macros.course.export import output_guard
    from macros.course.export import search_index

    site_dir = Path(config.site_dir)
    index = search_index.read_index(site_dir)  # read once: the guard checks it, then name_tracks rewrites it
    found = output_guard.check_site(site_dir, output.course.settings, pdf_texts, index)
    if found:
        raise Abort(output_guard.report(found))
    # After the guard, which reads code spans in the index by their markup; naming tracks drops the markup.
    search_index.name_tracks(site_dir, {a.id: a.name for a in output.course.published_audiences()}, index)
