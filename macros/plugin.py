"""The course's MkDocs plugin: feed the compiler's pages and navigation into the site, and publish atomically.

The compiler (`macros.course`) knows nothing of MkDocs; this plugin only

1. compiles the course when the configuration loads (`on_config`) and adds the generated pages as files;
2. swaps trusted HTML fragments (charts, QR codes) in after Markdown, and keeps reference blocks out of search;
3. writes the PDF packs after the build, checks the output for leftovers, names each search result's track;
4. publishes atomically: `mkdocs build` writes into a staging folder beside `site_dir`, swapped in only after a
   build with no error and (under `--strict`) no warning, so a failed build leaves the previous site untouched;
5. while serving, reloads the compiler when a file in `macros/` changed, and answers every request with a failed
   rebuild's problems instead of leaving the browser waiting for a good build.

Configuration (`mkdocs.yml`), each option overridable for one build by an environment variable:

    plugins:
      - course:
          audiences: []   # COURSE_AUDIENCES=patrons,staff  publish only these tracks (empty: the settings decide)
          pdf: true       # COURSE_PDF=0                    skip the PDF packs (the settings may also turn them off)
          scorm: true     # COURSE_SCORM=0                  skip the SCORM packages (likewise)
          pdf_jobs: 0     # COURSE_PDF_JOBS=1                processes writing PDFs (0: one per core)

Every piece of state lives on the plugin instance. MkDocs keeps one instance for the life of the process (it
defines `on_startup`), so each build's state is reset in `on_config` and each command's in `on_startup`.
"""

from __future__ import annotations

import html
import importlib
import logging
import os
import re
import shutil
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File
from mkdocs.utils import CountHandler

if TYPE_CHECKING:
    from macros.course.build import Output

log = logging.getLogger("mkdocs.plugins.course")  # under mkdocs.*: warnings count for --strict
NOTICE = "course.notice"  # a warning that must not fail --strict: upstream has no address, and forks set theirs
CODE = Path(__file__).resolve().parent  # macros/: the compiler's code, reloaded while serving when it changes
TOKEN = re.compile(r"<p>(CRSFRAG[0-9a-f]+)</p>")  # a fragment token, alone in its paragraph
UNINDEXED = re.compile(r'<details class="(course-(?:more|answer)\b)')
SWITCH = {"0": False, "1": True}


@dataclass
class Publishing:
    """One `mkdocs build`: where it publishes, the staging folder it writes to, and whether it went well."""

    target: Path
    staging: Path
    config: MkDocsConfig
    ok: bool = False


class CourseConfig(base.Config):
    """The `course` entry of `plugins:` in mkdocs.yml."""

    audiences = c.ListOfItems(c.Type(str), default=[])  # empty: every track the course settings publish
    pdf = c.Type(bool, default=True)  # the PDF packs, when the course settings and an audience's formats want them
    scorm = c.Type(bool, default=True)  # the SCORM 1.2 packages, likewise
    pdf_jobs = c.Type(int, default=0)  # processes writing the PDFs after the build; 0: one per core


class CoursePlugin(BasePlugin[CourseConfig]):
    """Compile the course into the MkDocs site; publish it only when the whole build succeeded."""

    def __init__(self) -> None:
        self.command: str | None = None  # "build", "gh-deploy", "serve"; None when MkDocs is driven as a library
        self.dirty = False
        self.code_stamp: int | None = None  # newest mtime in macros/ at the last build while serving
        self.guard_cache: dict = {}  # the output guard's findings per page digest: a rebuild checks changed pages
        self.reset_build()
        self.reset_publish()

    def reset_build(self) -> None:
        """Forget the previous build's course (a second build in one process must not see the first's)."""
        self.audiences: list[str] = []
        self.pdf = self.scorm = True
        self.pdf_jobs = 0
        self.output: Output | None = None  # pages, nav, tracks and the course itself
        self.fragments: dict[str, str] = {}  # token -> trusted HTML
        self.logo: tuple | None = None  # (site path, file) of a fork's logo in local/

    def reset_publish(self) -> None:
        self.publishing: Publishing | None = None  # set by `mkdocs build` and `gh-deploy` only

    # ---------------------------------------------------------------------------------------------------------
    # Configuration: options, then the compiled course
    # ---------------------------------------------------------------------------------------------------------

    def on_startup(self, *, command, dirty) -> None:
        self.command, self.dirty = command, dirty
        self.reset_publish()

    @event_priority(100)  # first: every later step (other plugins included) sees the staging folder as site_dir
    def _stage(self, config):
        if self.command not in ("build", "gh-deploy"):  # `mkdocs serve` already builds into a temporary folder
            return config
        target = self.publishing.target if self.publishing else Path(config.site_dir).resolve()
        staging, _ = staging_paths(target)
        if self.publishing is None:
            shutil.rmtree(staging, ignore_errors=True)  # left over from a build that was killed
            if self.dirty and target.is_dir():  # --dirty rebuilds only what changed: start from the old site
                shutil.copytree(target, staging, symlinks=True)
            staging.mkdir(parents=True, exist_ok=True)
        self.publishing = Publishing(target, staging, config)
        config.site_dir = str(staging)
        return config

    @event_priority(50)  # before mkdocs-macros reads the course for the hand-written pages
    def _compile(self, config):
        """Compile the course; stop the build with every problem listed if the input has errors."""
        self.reset_build()
        self.audiences, self.pdf, self.scorm = self.options()
        self.pdf_jobs = pdf_jobs(self.config.pdf_jobs)
        root = Path(config.config_file_path).resolve().parent
        build, overlay, safe_markdown = self.compiler()
        config.markdown_extensions.append(safe_markdown.SafeMarkdown())  # raw HTML in any page is escaped
        output = build.compile_course(root, self.audiences or None, pdf=self.pdf, scorm=self.scorm)
        output.pdf_jobs = self.pdf_jobs
        for problem in output.problems.warnings:
            log.warning(str(problem))
        if not output.problems.errors:
            self.check_pdf_tools(output)
        if output.problems.errors:
            listing = "\n".join(str(p) for p in output.problems.sorted() if not p.warning)
            raise Abort(f"The course has {len(output.problems.errors)} problem(s); nothing was built:\n{listing}")
        settings = output.course.settings
        if not settings.site_url and any("handout" in a.formats for a in output.course.published_audiences()):
            notice().warning("site_url is not set in the course settings (local/settings.yml), so handouts and "
                             "briefs print no web address or QR code for their lessons: set site_url to the address "
                             "the site is published at")
        if settings.site_name:
            config.site_name = curly_quotes(settings.site_name)
        if settings.site_url:
            config.site_url = settings.site_url
        # A fork's logo stays in local/: it is added as a generated file, so docs/ is never edited.
        self.logo = overlay.site_logo(root, settings)
        if self.logo:
            config.theme["logo"] = config.theme["favicon"] = self.logo[0]
        if (root / "local" / "settings.yml").is_file() and settings.organization:
            # CC BY 4.0 asks adapters to say that they changed the material.
            config.copyright = f"{config.copyright or ''} Adapted by {settings.organization}.".strip()
        # Home first, then one tab per audience, then the hand-written pages from mkdocs.yml.
        nav = list(config.nav or [])
        config.nav = nav[:1] + output.nav + nav[1:]
        self.output = output
        for page in output.pages:
            self.fragments.update(page.fragments)
        config.extra["course"] = {"organization": settings.organization, "contact": settings.contact,
                                  "privacy_policy_url": settings.privacy_policy_url,
                                  # for the 404 page (docs/overrides/404.html): every published track
                                  "tracks": [{"id": a.id, "name": a.name, "language": a.language}
                                             for a in output.course.published_audiences()],
                                  # track id -> language, for tracks in another language: their pages declare
                                  # it (docs/overrides/partials/language.html)
                                  "languages": {a.id: a.language for a in output.course.published_audiences()
                                                if a.language != config.theme["language"]}}
        return config

    on_config = CombinedEvent(_stage, _compile)

    def options(self) -> tuple[list[str], bool, bool]:
        """The configured audiences, pdf and scorm, each replaced by its environment variable when that is set."""
        audiences, pdf, scorm = list(self.config.audiences), self.config.pdf, self.config.scorm
        if os.environ.get("COURSE_AUDIENCES", "").strip():
            audiences = [a.strip() for a in os.environ["COURSE_AUDIENCES"].split(",") if a.strip()]
        pdf = env_switch("COURSE_PDF", pdf)
        scorm = env_switch("COURSE_SCORM", scorm)
        return audiences, pdf, scorm

    def compiler(self):
        """The compiler's modules, reloaded while serving when any file in macros/ changed since the last build
        (the plugin's process keeps every module it imported for as long as `mkdocs serve` runs)."""
        if self.command == "serve":
            stamp = max((p.stat().st_mtime_ns for p in CODE.rglob("*.py")), default=0)
            if self.code_stamp not in (None, stamp):
                for name in [n for n in sys.modules if n.startswith("macros.course")]:
                    del sys.modules[name]
                log.info("macros/ changed: the course compiler was reloaded")
            self.code_stamp = stamp
        return (importlib.import_module("macros.course.build"),
                importlib.import_module("macros.course.load.overlay"),
                importlib.import_module("macros.course.render.safe_markdown"))

    def wants_pdfs(self, output) -> bool:
        return bool(output.course.settings.pdf) and any(
            "pdf" in a.formats and "handout" in a.formats for a in output.course.published_audiences())

    def check_pdf_tools(self, output) -> None:
        """Fail before anything is written when PDFs are wanted but WeasyPrint cannot run (no Pango, most often):
        otherwise the landing pages would link PDFs that never get written."""
        if not self.wants_pdfs(output):
            return
        try:
            import weasyprint  # noqa: F401 - loading it loads Pango
        except (ImportError, OSError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise Abort("The PDF packs cannot be made on this machine: WeasyPrint or the Pango library it needs is "
                        f"missing ({reason}). Run bash scripts/dev build, which installs them, or build without "
                        "PDFs: COURSE_PDF=0 bash scripts/dev build") from None

    # ---------------------------------------------------------------------------------------------------------
    # Pages
    # ---------------------------------------------------------------------------------------------------------

    def on_files(self, files, *, config):
        """Add every generated page; a hand-written file at the same path is an error, never overwritten."""
        if self.output is None:  # the course was not compiled (MkDocs stops before this when it failed)
            return files
        for page in self.output.pages:
            if files.get_file_from_path(page.path):
                raise Abort(f"docs/{page.path}: this path belongs to a generated page; move or rename the file")
            files.append(File.generated(config, page.path, content=page.markdown))
        for path, data in self.output.files.items():  # downloads such as the SCORM packages
            if files.get_file_from_path(path):
                raise Abort(f"docs/{path}: this path belongs to a generated file; move or rename the file")
            files.append(File.generated(config, path, content=data))
        if self.logo:
            files.append(File.generated(config, self.logo[0], abs_src_path=str(self.logo[1])))
        return files

    def on_page_content(self, html, *, page, config, files):
        """Replace fragment tokens (whole paragraphs) with the trusted HTML they stand for, and keep the collapsed
        reference blocks (key terms, sources, self-check answers) out of the search index: the glossary and
        sources pages are searchable, and the index is part of every page's first download."""
        html = UNINDEXED.sub(r'<details data-search-exclude class="\1', html)
        if "CRSFRAG" not in html:
            return html
        return TOKEN.sub(lambda m: self.fragments.get(m.group(1), m.group(0)), html)

    # ---------------------------------------------------------------------------------------------------------
    # After the build: PDFs, the output guard, track names in search; then the publishing verdict
    # ---------------------------------------------------------------------------------------------------------

    @event_priority(-50)  # after the search plugin writes its index, before Material's offline plugin copies it
    def _export(self, config):
        """Write the PDF packs (trainer kit) when wanted; check every page, search-index entry and PDF for
        leftovers (placeholders, template code, TODO) and fail if any; then name each search result's track."""
        output = self.output
        if output is None:
            return
        site_dir = Path(config.site_dir)
        build = importlib.import_module("macros.course.build")
        registry = importlib.import_module("macros.course.export.registry")
        started = time.perf_counter()
        warnings: list[str] = []
        try:
            pdf_texts = build.finish(output, site_dir, warnings)  # every exporter's after-build step (the PDFs)
        except registry.ExportError as exc:
            raise Abort(str(exc)) from None
        for warning in warnings:
            log.warning(warning)
        if pdf_texts:
            log.info(f"Print files: {len(pdf_texts)} in {time.perf_counter() - started:.1f} s")
        output_guard = importlib.import_module("macros.course.export.output_guard")
        search_index = importlib.import_module("macros.course.export.search_index")
        index = search_index.read_index(site_dir)  # read once: the guard checks it, then name_tracks rewrites it
        found = output_guard.check_site(site_dir, output.course.settings, pdf_texts, index, cache=self.guard_cache)
        if found:
            raise Abort(output_guard.report(found))
        # After the guard, which reads code spans in the index by their markup; naming tracks drops the markup.
        search_index.name_tracks(site_dir, {a.id: a.name for a in output.course.published_audiences()}, index)

    @event_priority(-1000)  # last: after every other post-build step (PDFs, exporters, output checks)
    def _verdict(self, config):
        if self.publishing is None:
            return
        counters = [h for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler)]
        # The same test MkDocs applies right after this event: under --strict, any warning fails the build.
        self.publishing.ok = not any(h.get_counts() for h in counters)

    on_post_build = CombinedEvent(_export, _verdict)

    def on_build_error(self, *, error) -> None:
        if self.publishing:
            self.publishing.ok = False

    def on_shutdown(self) -> None:
        """Swap the staging folder in after a good build; otherwise delete it and leave the old site alone."""
        run, self.publishing = self.publishing, None
        self.command, self.dirty = None, False  # a later build in this process may come without on_startup
        if run is None:
            return
        target, staging = run.target, run.staging
        run.config.site_dir = str(target)  # gh-deploy reads it after this event
        if not run.ok or sys.exc_info()[0] is not None:  # an error, a warning under --strict, or Ctrl+C
            shutil.rmtree(staging, ignore_errors=True)
            log.error(f"Nothing was published: {shown(target)} is unchanged.")
            return
        _, previous = staging_paths(target)
        shutil.rmtree(previous, ignore_errors=True)
        if target.exists():
            target.rename(previous)
        staging.rename(target)
        shutil.rmtree(previous, ignore_errors=True)
        log.info(f"Published the new site to {shown(target)}")

    # ---------------------------------------------------------------------------------------------------------
    # Serving
    # ---------------------------------------------------------------------------------------------------------

    def on_serve(self, server, *, config, builder):
        """A rebuild that fails leaves MkDocs' server waiting for a good build before it answers any request (the
        browser hangs). Answer with the problems instead: every address shows them until the next good build."""
        site_dir, build = Path(config.site_dir), server.builder

        def build_or_show_problems():
            try:
                build()
            except Exception as exc:  # noqa: BLE001 - whatever stopped the build, the author must see it
                text = str(exc)
                if not isinstance(exc, Abort):  # a crash, not problems in the course: COURSE_TRACEBACK=1 shows where
                    text = (traceback.format_exc() if os.environ.get("COURSE_TRACEBACK") == "1" else
                            f"{type(exc).__name__}: {exc} (to report this crash, serve again with COURSE_TRACEBACK=1 "
                            "set: the traceback is then shown here)")
                log.error(f"The site was not rebuilt: {text}")
                write_problem_page(site_dir, text)

        server.builder = build_or_show_problems
        return server


def env_switch(name: str, configured: bool) -> bool:
    """`configured`, unless the environment variable `name` is set to 0 or 1."""
    value = os.environ.get(name, "").strip()
    if not value:
        return configured
    if value not in SWITCH:
        raise PluginError(f"{name}={value}: use {name}=0 to skip this build step or {name}=1 to make it, "
                          "or leave it unset to follow mkdocs.yml")
    return SWITCH[value]


def pdf_jobs(configured: int) -> int:
    """Processes for the PDF step: COURSE_PDF_JOBS when it is set, else the configured `pdf_jobs`."""
    value = os.environ.get("COURSE_PDF_JOBS", "").strip()
    if not value:
        jobs = configured
    elif value.isdigit():
        jobs = int(value)
    else:
        raise PluginError(f"COURSE_PDF_JOBS={value}: use a whole number of processes, such as 1 or 4 (0: one per "
                          "core), or leave it unset to follow mkdocs.yml")
    if jobs < 0:
        raise PluginError(f"pdf_jobs: {jobs} is not a number of processes: use 0 (one per core) or more")
    return jobs


def notice() -> logging.Logger:
    """A logger printed like MkDocs' warnings, but outside `mkdocs.*`, so it never fails a `--strict` build."""
    logger = logging.getLogger(NOTICE)
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    return logger


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


def staging_paths(target: Path) -> tuple[Path, Path]:
    """(staging, previous) folders beside `target`, on the same file system, so the swap is two renames."""
    return target.with_name(f".{target.name}.building"), target.with_name(f".{target.name}.previous")


def shown(path: Path) -> str:
    try:
        return f"{path.relative_to(Path.cwd())}/"
    except ValueError:
        return f"{path}/"


def write_problem_page(site_dir: Path, text: str) -> None:
    shutil.rmtree(site_dir, ignore_errors=True)
    site_dir.mkdir(parents=True, exist_ok=True)
    page = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>The site was not rebuilt</title>"
            "</head><body><h1>The site was not rebuilt</h1><p>Fix these problems and save: the page reloads by itself."
            f"</p><pre>{html.escape(text)}</pre></body></html>")
    for name in ("index.html", "404.html"):  # 404.html: MkDocs' server answers every missing address with it
        (site_dir / name).write_text(page, encoding="utf-8")
