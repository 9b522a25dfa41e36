"""Shared by the browser tests: build a project copy, serve it on 127.0.0.1, drive Debian Chromium.

The browser tests prove the built site practises what it teaches: nothing is fetched from any host but the
site's own, no cookie is set, it works offline, axe-core finds no WCAG 2.1 A/AA violation, and hostile
module text stays inert. They use the system Chromium (/usr/bin/chromium) through Playwright; nothing is ever
downloaded (never run `playwright install`).

Which course the privacy/accessibility suite builds: the repository's own modules by default, or a fixture
under tests/fixtures/ named by the environment variable BROWSER_COURSE (e.g. BROWSER_COURSE=tiny), which is
handy while the real course is being written.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = "/usr/bin/chromium"
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # Backstop only (the tests detect other hosts themselves): no name but 127.0.0.1 resolves, so even a
    # request that slipped past detection could not leave the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "COURSE_PDF": "0"}


def require_browser() -> None:
    """Skip (not fail) where the machine has no Chromium or no Playwright: the suite needs both."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not found (Debian package `chromium`)")
    pytest.importorskip("playwright.sync_api")


# --- projects and builds ---------------------------------------------------------------------------------

def make_project(dest: Path, content: Path | None = None, *, modules: bool = True) -> Path:
    """A complete project at `dest`: the repository's site config, docs/, data/ and macros/ (copied, so an
    edit made elsewhere during the run cannot change a build half-way), with `content`'s data/, modules/ and
    local/ laid over them (content = a fixture folder; default the repository itself)."""
    content = content or REPO
    dest.mkdir(parents=True, exist_ok=True)
    skip = shutil.ignore_patterns("__pycache__", "site", "site-offline", "*.pyc")
    for name in ("mkdocs.yml", "mkdocs-offline.yml"):
        if (REPO / name).exists():
            shutil.copy(REPO / name, dest / name)
    for name in ("docs", "macros", "schema"):
        shutil.copytree(REPO / name, dest / name, ignore=skip, dirs_exist_ok=True)
    data_from = content if (content / "data").is_dir() else REPO
    # The session plans name the real modules' sections: a project without them has no plans.
    real = content == REPO and modules
    shutil.copytree(data_from / "data", dest / "data", dirs_exist_ok=True,
                    ignore=skip if real else shutil.ignore_patterns("__pycache__", "site", "*.pyc", "plans"))
    if not (dest / "data" / "ui").is_dir():  # a fixture's data has no UI strings of its own: upstream's catalogs
        shutil.copytree(REPO / "data" / "ui", dest / "data" / "ui")
    (dest / "modules").mkdir(exist_ok=True)
    (dest / "local").mkdir(exist_ok=True)
    if modules and (content / "modules").is_dir():
        shutil.copytree(content / "modules", dest / "modules", ignore=skip, dirs_exist_ok=True)
    if (content / "local").is_dir():  # a fork's overlay (settings, overrides), when the content has one
        shutil.copytree(content / "local", dest / "local", ignore=skip, dirs_exist_ok=True)
    return dest


def course_content() -> Path:
    """The content the privacy/accessibility suite builds: the real course, or BROWSER_COURSE's fixture."""
    name = os.environ.get("BROWSER_COURSE", "").strip()
    return FIXTURES / name if name else REPO


def validate(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros.course", "--root", str(project), "validate"],
                          cwd=project, capture_output=True, text=True, timeout=300)


def build(project: Path, config: str = "mkdocs.yml", site: Path | None = None,
          strict: bool = False) -> Path:
    """Run the real `mkdocs build`; return the site folder. Fails the test with mkdocs' output on error."""
    cmd = [MKDOCS, "build", "-q", "-f", str(project / config)]
    if site:
        cmd += ["-d", str(site)]
    if strict:
        cmd.append("--strict")
    done = subprocess.run(cmd, cwd=project, capture_output=True, text=True, timeout=900,
                          env={**os.environ, **BUILD_ENV})
    if done.returncode != 0:
        pytest.fail(f"mkdocs build -f {config} failed ({done.returncode}):\n{done.stderr[-6000:]}")
    return site or project / "site"


def built_course(tmp: Path) -> Path:
    """Validate and build the course the suite targets (once per session: callers are session fixtures)."""
    project = make_project(tmp / "project", course_content())
    checked = validate(project)
    if checked.returncode != 0:
        pytest.fail("the course does not validate, so its site cannot be tested "
                    f"(set BROWSER_COURSE=tiny to test against the tiny fixture meanwhile):\n"
                    f"{checked.stdout[-4000:]}{checked.stderr[-1000:]}")
    return build(project, site=tmp / "site")


def html_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as URL paths ('/', '/staff/', '/404.html'), sorted."""
    paths = []
    for f in sorted(site.rglob("*.html")):
        rel = f.relative_to(site).as_posix()
        if rel.startswith("assets/"):
            continue
        if rel == "index.html":
            paths.append("/")
        elif rel.endswith("/index.html"):
            paths.append("/" + rel[: -len("index.html")])
        else:
            paths.append("/" + rel)
    return paths


def page_file(site: Path, path: str) -> Path:
    """The file behind a URL path from html_pages()."""
    return site / (path.lstrip("/") + "index.html" if path.endswith("/") else path.lstrip("/"))


# --- a local server ---------------------------------------------------------------------------------------

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve `directory` on 127.0.0.1 (a free port); yields the base URL, e.g. http://127.0.0.1:41234."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- Chromium ---------------------------------------------------------------------------------------------

def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


class Watch:
    """Everything a browser context did that the site promises it never does.

    `allowed(url)` decides which requests are the site's own; every other request is recorded and aborted
    (routing intercepts pages and their workers). Console errors, uncaught exceptions, failed requests,
    HTTP errors from the site's own server and JavaScript dialogs are recorded, each labelled with the page
    it happened on (`label(page, "...")`, or `current` for a single-page test).

    Works with Playwright's sync API (`Watch(context, allowed)`) and its async API
    (`watch = Watch(None, allowed); await watch.install_async(context)`): every handler returns what
    Playwright returned, which the async API awaits.
    """

    def __init__(self, context, allowed):
        self.allowed = allowed
        self.foreign: list[str] = []
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.current = "(no page)"
        self._labels: dict = {}
        if context is not None:
            context.route("**/*", self._route)
            self._listen(context)

    async def install_async(self, context) -> None:
        await context.route("**/*", self._route)
        self._listen(context)

    def _listen(self, context) -> None:
        context.on("request", self._request)
        context.on("page", self.attach)
        for page in context.pages:
            self.attach(page)

    def label(self, page, text: str) -> None:
        self._labels[id(page)] = text

    def _where(self, page=None) -> str:
        return self._labels.get(id(page), self.current) if page is not None else self.current

    @staticmethod
    def _page_of(request):
        try:
            return request.frame.page
        except Exception:  # a worker's request has no frame
            return None

    def _route(self, route):
        if self.allowed(route.request.url):
            return route.continue_()
        self._foreign(route.request.url, self._page_of(route.request))
        return route.abort("blockedbyclient")

    def _request(self, request):  # also sees what routing cannot (e.g. a worker's own fetches)
        if not self.allowed(request.url):
            self._foreign(request.url, self._page_of(request))

    def _foreign(self, url, page=None):
        entry = f"{self._where(page)}: {url}"
        if entry not in self.foreign:
            self.foreign.append(entry)

    def attach(self, page):
        where = lambda: self._where(page)  # noqa: E731
        page.on("console", lambda msg: msg.type == "error" and self.problems.append(
            f"{where()}: console error: {msg.text} ({msg.location.get('url', '')})"))
        page.on("pageerror", lambda exc: self.problems.append(f"{where()}: uncaught exception: {exc}"))
        # ERR_ABORTED: a request still running when the test moved on to the next page (not a fault)
        page.on("requestfailed", lambda req: self.allowed(req.url) and "ERR_ABORTED" not in (req.failure or "")
                and self.problems.append(f"{where()}: request failed: {req.url} ({req.failure})"))
        page.on("response", lambda resp: resp.status >= 400 and self.problems.append(
            f"{where()}: HTTP {resp.status} for {resp.url}"))
        page.on("dialog", lambda dialog: self._dialog(dialog, where()))

    def _dialog(self, dialog, where):
        self.dialogs.append(f"{where}: {dialog.type} dialog: {dialog.message!r}")
        return dialog.dismiss()


def same_host(base_url: str):
    """An `allowed` function: only the local server's own origin (plus data:/blob:/about: which never
    leave the browser)."""
    origin = urlsplit(base_url)

    def allowed(url: str) -> bool:
        u = urlsplit(url)
        if u.scheme in ("data", "blob", "about"):
            return True
        return u.scheme in ("http", "https") and u.hostname == "127.0.0.1" and u.port == origin.port
    return allowed


# Elements and attributes that make a browser fetch or connect, with or without showing anything: a
# <link rel=preconnect> opens a connection without any request event, so the DOM is checked as well.
EXTERNAL_REFERENCES_JS = """
() => {
  const out = [];
  const own = location.protocol === 'file:' ? 'file:' : location.origin;
  const check = (el, attr, value) => {
    if (!value) return;
    for (const part of value.split(',')) {
      const raw = part.trim().split(/\\s+/)[0];
      if (!raw) continue;
      let u;
      try { u = new URL(raw, document.baseURI); } catch (e) { continue; }
      if (['data:', 'blob:', 'about:'].includes(u.protocol)) continue;
      const origin = u.protocol === 'file:' ? 'file:' : u.origin;
      if (origin !== own) out.push(`<${el.tagName.toLowerCase()} ${attr}="${raw}">`);
    }
  };
  for (const el of document.querySelectorAll('script[src],img,iframe,frame,embed,object,source,video,audio,track,input[type=image]')) {
    for (const attr of ['src', 'srcset', 'data', 'poster']) check(el, attr, el.getAttribute(attr));
  }
  for (const el of document.querySelectorAll('link[href]')) {
    const rel = (el.getAttribute('rel') || '').toLowerCase();
    if (/(^|\\s)(canonical|alternate|author|license|help|search|next|prev)(\\s|$)/.test(rel) && !/stylesheet|preload|prefetch|preconnect|dns-prefetch|icon|manifest|modulepreload/.test(rel)) continue;
    check(el, `rel=${rel} href`, el.getAttribute('href'));
  }
  for (const el of document.querySelectorAll('form[action]')) check(el, 'action', el.getAttribute('action'));
  for (const el of document.querySelectorAll('meta[http-equiv]')) {
    if ((el.getAttribute('http-equiv') || '').toLowerCase() === 'refresh') out.push('<meta http-equiv=refresh>');
  }
  return out;
}
"""

# Script-capable markup anywhere in the document (for the hostile-input tests).
ACTIVE_CONTENT_JS = """
() => {
  const out = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const n = a.name.toLowerCase();
      if (n.startsWith('on')) out.push(`<${el.tagName.toLowerCase()} ${a.name}="${a.value}">`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(n) && /^\\s*javascript:/i.test(a.value))
        out.push(`<${el.tagName.toLowerCase()} ${a.name}="${a.value}">`);
    }
  }
  for (const s of document.querySelectorAll('script')) {
    if (/alert|PAYLOAD|lipsum/i.test(s.textContent)) out.push('<script>' + s.textContent.slice(0, 80));
  }
  for (const el of document.querySelectorAll('iframe,object,embed')) out.push('<' + el.tagName.toLowerCase() + '>');
  for (const el of document.querySelectorAll('img[src="x"]')) out.push('<img src="x">');
  return out;
}
"""


def axe_source() -> str:
    """axe-core's source, as bundled by axe-playwright-python (no npm, no download)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


AXE_RUN_JS = """
async (tags) => {
  // Let the theme's script finish what it does after load (ResizeObserver callbacks make overflowing code
  // blocks focusable, for one).
  // And let transitions end (Material fades its tabs in): colours are measured as the reader sees them.
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  await Promise.race([Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))),
                      new Promise(r => setTimeout(r, 3000))]);
  await new Promise(r => setTimeout(r, 50));
  const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return {version: axe.version, violations: r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                              summary: (n.failureSummary || '').split('\\n').slice(0, 3).join(' ')}))}))};
}
"""


def format_violations(found: dict) -> str:
    """{page: [violation, ...]} grouped by rule, so one theme problem reads as one finding."""
    by_rule: dict = {}
    for page, violations in found.items():
        for v in violations:
            entry = by_rule.setdefault(v["id"], {"help": v["help"], "impact": v["impact"], "pages": [], "nodes": {}})
            entry["pages"].append(page)
            for n in v["nodes"]:
                entry["nodes"].setdefault(n["target"], (n["html"], n["summary"]))
    lines = []
    for rule, e in sorted(by_rule.items()):
        lines.append(f"[{rule}] ({e['impact']}) {e['help']}: {len(e['pages'])} page(s), e.g. {', '.join(e['pages'][:4])}")
        for target, (html, summary) in list(e["nodes"].items())[:6]:
            lines.append(f"    {target}: {html}\n        {summary}")
    return "\n".join(lines)
