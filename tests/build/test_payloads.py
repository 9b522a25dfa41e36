"""Hostile module text stays inert: validation rejects it with a location, and without validation the build
still cannot be made to run anything, at build time (Jinja, YAML tags) or in the reader's browser.

The payloads live in tests/fixtures/hostile/modules/ (one kind per file; see README.txt there):
(a) `python -m macros.course --root <project> validate` exits 1 and names file:line:col for every payload line;
(b) with validation switched off (the loader's problems dropped, in an in-process `mkdocs build`), the site is
    built anyway and shows every payload as literal text: no <script> or on* attribute from module text, no
    javascript: link, Jinja never ran (no output, no side effect), and in Chromium no dialog fires on any page,
    when its payload elements are clicked, or when search lists the hostile pages.
The adapter's defences under test: macros `render_by_default: false` plus `render_macros: false` on every
generated page, macros/course/render/safe_markdown.py, and escaped titles. The build is also repeated with
`render_by_default: true`, so the per-page front matter is shown to hold on its own.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from support.payloads import EXPECTED, HOSTILE, PAYLOAD_FILES, payload_project
from support.project import REPO, course_cli

# file -> (what marks a payload line, what the problem message must say about it)




def _payload_lines(path: Path, marker: str) -> list[int]:
    return [n for n, line in enumerate(path.read_text().splitlines(), 1)
            if re.search(marker, line) and not line.lstrip().startswith("#")]


# --- (a) validation -----------------------------------------------------------------------------------------

def test_clean_control_module_validates(tmp_path):
    project = payload_project(tmp_path / "p", [HOSTILE / "clean" / "clean.yml"])
    done = course_cli("validate", root=project)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("name", PAYLOAD_FILES)
def test_validation_rejects_payload_with_location(tmp_path, name):
    source = HOSTILE / "modules" / name
    project = payload_project(tmp_path / "p", [source])
    done = course_cli("validate", root=project)
    output = done.stdout + done.stderr
    assert done.returncode == 1, f"exit code {done.returncode}, expected 1:\n{output}"
    marker, message = EXPECTED[name]
    lines = _payload_lines(source, marker)
    assert lines, f"no payload line found in {name}"
    for n in lines:
        located = [line for line in output.splitlines()
                   if re.match(rf"(warning: )?modules/{re.escape(name)}:{n}:\d+: ", line)]
        # The message itself must say it (quoted excerpts of the text do not count).
        said = [re.sub(r'"[^"]*"|\'[^\']*\'', "", re.sub(r"^(warning: )?\S+?:\d+:\d+: ", "", line))
                for line in located]
        assert any(re.search(message, line) for line in said), (
            f"modules/{name}:{n} ({source.read_text().splitlines()[n - 1].strip()!r}) is not reported as "
            f"/{message}/ with a file:line:col location. Output:\n{output}")
        assert any(re.search(message, s) and not line.startswith("warning: ") for s, line in zip(said, located, strict=True)), \
            f"modules/{name}:{n} is only a warning; it must be an error"
    assert not list(project.glob("PWNED*")) and not list(Path.cwd().glob("PWNED*"))


# --- (b) validation bypassed --------------------------------------------------------------------------------





def _pages(site: Path, module_id: str) -> list[Path]:
    found = sorted(site.glob(f"*/{module_id}/index.html"))
    assert found, f"the build has no page for {module_id}: the payload never reached the renderer"
    return found


class _Scan(HTMLParser):
    """Every script-capable thing in a page: on* attributes, javascript: URLs, scripts mentioning a payload."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self._in_script = [], False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value and \
                    re.match(r"\s*(javascript|vbscript|data):", value, re.I):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed") or (tag == "img" and dict(attrs).get("src") == "x"):
            self.found.append(f"<{tag} {attrs}>")
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and re.search(r"alert|PAYLOAD|lipsum", data):
            self.found.append(f"<script>{data[:80]}")


def test_no_build_time_side_effects(bypass):
    project, site = bypass
    for where in (project, site, Path.cwd(), REPO):
        assert not list(where.glob("PWNED*")), f"a payload ran at build time: {list(where.glob('PWNED*'))}"


def test_no_active_content_in_any_page(bypass):
    _, site = bypass
    problems = []
    for page in site.rglob("*.html"):
        scan = _Scan()
        scan.feed(page.read_text(encoding="utf-8"))
        problems += [f"{page.relative_to(site)}: {f}" for f in scan.found]
    assert not problems, "\n".join(problems)


def test_jinja_never_ran(bypass):
    _, site = bypass
    globals_page = _pages(site, "ssti-globals")[0].read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", globals_page))  # Markdown makes __globals__ bold: harmless
    assert "PAYLOAD one {{ lipsum.globals }} end." in text
    assert "PAYLOAD two {{ lipsum.globals.os.mkdir('PWNED-ssti') }} end." in text
    assert "__builtins__" not in globals_page and "<module 'os'" not in text
    loop_page = _pages(site, "ssti-for")[0].read_text(encoding="utf-8")
    assert "{% for x in range(3) %}LOOPED{% endfor %}" in loop_page
    assert "LOOPEDLOOPED" not in loop_page
    everything = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    everything += (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "PAYLOAD 49" not in everything, "{{ 7*7 }} in a title was evaluated"
    title_page = _pages(site, "ssti-title")[0].read_text(encoding="utf-8")
    assert re.search(r"<title>Title PAYLOAD \{\{ 7\*7 \}\} probe", title_page), "the title is not shown literally"


def test_raw_html_is_shown_as_text(bypass):
    _, site = bypass
    script_page = _pages(site, "script-tag")[0].read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&quot;PAYLOAD block&quot;)&lt;/script&gt;" in script_page or \
        '&lt;script&gt;alert("PAYLOAD block")&lt;/script&gt;' in script_page
    img_page = _pages(site, "img-title")[0].read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in img_page
    assert not re.search(r"<img[^>]*onerror", img_page, re.I)


def test_attr_list_and_javascript_links_are_neutralised(bypass):
    _, site = bypass
    attr_page = _pages(site, "attr-list")[0].read_text(encoding="utf-8")
    assert "Click this PAYLOAD paragraph" in attr_page
    assert not re.search(r"\sonclick\s*=", attr_page, re.I)
    link_page = _pages(site, "js-link")[0].read_text(encoding="utf-8")
    assert "PAYLOAD link" in link_page
    assert not re.search(r"href\s*=\s*[\"']?\s*javascript:", link_page, re.I)


# --- attribute context: quotes that try to end an attribute -------------------------------------------------

_ATTRIBUTE_NAME = re.compile(r"^[a-z][a-z0-9:_.-]*$")


class _Attributes(HTMLParser):
    """Every attribute of every tag, as a browser would read it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attrs: list = []

    def handle_starttag(self, tag, attrs):
        self.attrs += [(tag, name, value) for name, value in attrs]

    handle_startendtag = handle_starttag


def _attributes(page: Path) -> list:
    parser = _Attributes()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.attrs


def test_quotes_stay_inside_every_attribute(attribute_payload_site):
    """A `"` or `" onmouseover=` in a title, summary, heading or setting never ends an attribute early: no page
    gains an attribute named after the payload's words (`onmouseover`, `data-x`, `x"`)."""
    broken = []
    for page in attribute_payload_site.rglob("*.html"):
        for tag, name, value in _attributes(page):
            if name.startswith("on") or not _ATTRIBUTE_NAME.match(name) or name == "data-x":
                broken.append(f"{page.relative_to(attribute_payload_site)}: <{tag} {name}={value!r}>")
    assert not broken, "\n".join(broken[:20])


def test_attribute_values_keep_the_payload_as_text(attribute_payload_site):
    lesson = attribute_payload_site / "staff" / "attr-quotes" / "index.html"
    attrs = _attributes(lesson)
    description = [v for t, n, v in attrs if t == "meta" and n == "content"
                   and ("meta", "name", "description") in attrs]
    assert 'The PAYLOAD "summary" breaks out: x" onmouseover="alert(two)" data-x="' in description
    # The site name reaches one attribute escaped by Material and another not: its quotes become curly ones.
    assert ("a", "aria-label", "Course \u201cSite\u201d x\u201c onmouseover=\u201dalert(seven)") in attrs
    handout = _attributes(attribute_payload_site / "staff" / "attr-quotes" / "handout" / "index.html")
    assert ("meta", "content", 'Printable handout: Quote PAYLOAD "title" x" onmouseover="alert(one)') in handout


def test_image_alt_and_title_stay_text_without_validation(bypass):
    """Validation refuses images; without it, Python-Markdown still writes alt text escaped."""
    _, site = bypass
    attrs = _attributes(_pages(site, "attr-quotes")[0])
    assert ("img", "alt", 'alt" onmouseover="alert(three)') in attrs
    assert not [a for a in attrs if a[1].startswith("on")]
