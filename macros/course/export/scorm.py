"""Export a track as a SCORM 1.2 package, `<audience>-scorm12.zip`, that a learning-management system imports.

The package holds one SCO (sharable content object) per lesson, in track order: a self-contained page made from
the same per-audience view as the lesson page (same text, figures, tables and sources), with a small stylesheet
and script in `shared/`, and `imsmanifest.xml` (IMS CP 1.1.2 with the ADL SCORM 1.2 extensions and IMS LOM
metadata) with the four schema files it names beside it. Nothing in it refers to any other host: no fonts,
scripts or pictures from elsewhere.

The script (`scorm_assets/sco.js`) finds the LMS's API by walking `parent`/`opener`, records `incomplete` on
start, then `completed` (or `passed`/`failed` against `adlcp:masteryscore`), the self-check score and the session
time, and calls `LMSFinish` when the page is left. Opened without an LMS it only says so.

Self-check answers follow the track (`answers_mode`): "inline" pages score the self-check in the page and show the
right answers and reasons after it; "guide" pages carry no answer data at all (not even hidden): the learner marks
the lesson finished and the LMS records completion, with no score.

Turned off for a build by the plugin option `scorm: false` in mkdocs.yml or, for one quick build, `COURSE_SCORM=0`
(`bash scripts/dev serve` does so by default); for good with `scorm: false` in the course settings, or per track
by leaving `scorm` out of the audience's `formats`.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from ..markup import cite, unlink
from ..model import Audience, answers_mode
from ..render.chart import chart_html, flow_html
from ..render.lesson import kind_label, legal_notice, source_line
from ..render.track import hours
from ..view.lesson import LessonView

ASSETS = Path(__file__).resolve().parent / "scorm_assets"
SHARED = ("shared/sco.css", "shared/sco.js")  # what every SCO uses besides its own page
# The schemas the manifest names (xsi:schemaLocation), at the package's root as SCORM 1.2 packages carry them.
# They are control documents, like the manifest itself, so no resource lists them. See schemas/SOURCE.txt.
SCHEMAS = ("imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd")
UPSTREAM_TITLE = "Facial recognition: a course for libraries"  # the credit line CC BY 4.0 asks for
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
_JS_STRING = re.compile(r'"\{ui:([a-z0-9_.]+)\}"')  # sco.js's words: "{ui:scorm_js.key}", filled from the catalog

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NAMESPACES = (("", CP), ("adlcp", ADLCP), ("imsmd", IMSMD), ("xsi", XSI))


def _register_namespaces() -> None:
    """ElementTree's prefixes are global, and other libraries in the same process (WeasyPrint's PDF metadata)
    register their own: set ours again just before each manifest is written."""
    for prefix, uri in NAMESPACES:
        ET.register_namespace(prefix, uri)


_register_namespaces()


def package_name(audience_id: str) -> str:
    return f"{audience_id}-scorm12.zip"


def package_path(audience_id: str) -> str:
    """Where the package sits in the site: beside the track's landing page."""
    return f"{audience_id}/{package_name(audience_id)}"


def scorm_enabled(course, audience: Audience) -> bool:
    """Whether this build makes `audience`'s package: its formats, and the settings (which the build's `scorm`
    option, COURSE_SCORM=0 for quick builds, may have turned off)."""
    return "scorm" in audience.formats and bool(getattr(course.settings, "scorm", True))


# --------------------------------------------------------------------------------------------------------------
# The build step
# --------------------------------------------------------------------------------------------------------------

def add_package(track) -> dict[str, bytes]:
    """Make the track's package, link it from the landing page and the guide; return {site path: its bytes}."""
    audience, views, course = track.audience, track.views, track.course
    if not views or not scorm_enabled(course, audience):
        return {}
    data = build_package(audience, views, course)
    ui = course.ui(audience)
    name, size = package_name(audience.id), _size(len(data))
    values = {"name": name, "size": size, "lessons": ui.plural("scorm.lessons", len(views)),
              "what": ui("scorm.records_score" if answers_mode(audience) == "inline" else "scorm.records_completion"),
              "how_to": "../about.md#use-this-course-in-your-lms"}
    landing = track.landing
    if landing:
        landing.markdown = landing.markdown.rstrip("\n") + (
            f"\n\n## {ui('scorm.landing_heading')} {{#scorm}}\n\n" + ui("scorm.landing_text", **values) + "\n")
    guide = track.page("guide.md")
    if guide:
        guide.markdown = guide.markdown.rstrip("\n") + (
            f"\n\n## {ui('scorm.guide_heading')}\n\n" + ui("scorm.guide_text", **values) + "\n")
    return {package_path(audience.id): data}


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


# --------------------------------------------------------------------------------------------------------------
# The package
# --------------------------------------------------------------------------------------------------------------

def build_package(audience: Audience, views: list[LessonView], course) -> bytes:
    """The zip's bytes. Reproducible: the same input gives the same bytes (entries dated by the newest review)."""
    mode = answers_mode(audience)
    ui = course.ui(audience)
    files: dict[str, bytes] = {f"{v.id}.html": sco_html(v, course, mode).encode("utf-8") for v in views}
    for rel in SHARED:
        files[rel] = (ASSETS / Path(rel).name).read_bytes()
    # The script's words come from the catalog: each "{ui:key}" becomes a JavaScript string.
    files["shared/sco.js"] = _JS_STRING.sub(lambda m: json.dumps(ui(m.group(1))),
                                            files["shared/sco.js"].decode("utf-8")).encode("utf-8")
    digest = hashlib.sha256(b"".join(hashlib.sha256(files[k]).digest() for k in sorted(files))).hexdigest()[:8]
    # Dated by the newest fact check (a fixed date, the resolution's, if none is readable): never by the clock,
    # so that the same course gives the same package and version.
    reviewed = [d for d in (v.module.last_reviewed() for v in views) if d] or [datetime.date(2021, 1, 26)]
    newest = max(reviewed)
    manifest = manifest_xml(audience, views, course, version=f"{newest.isoformat()}.{digest}")
    stamp = (newest.year, newest.month, newest.day, 0, 0, 0)
    control = [("imsmanifest.xml", manifest), *((n, (ASSETS / "schemas" / n).read_bytes()) for n in SCHEMAS)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in [*control, *sorted(files.items())]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buffer.getvalue()


def course_title(course) -> str:
    return course.settings.site_name or UPSTREAM_TITLE


def is_fork(course) -> bool:
    """A fork has its own settings in local/ (the same test the site's footer credit makes)."""
    return (Path(course.root) / "local" / "settings.yml").is_file()


def credit(course, ui) -> str:
    """The CC BY 4.0 credit, with the fork's adaptation when there is one."""
    text = ui("scorm.credit", title=UPSTREAM_TITLE)
    if is_fork(course) and course.settings.organization:
        text += " " + ui("scorm.credit_adapted", organization=course.settings.organization)
    return text


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "course"


def manifest_xml(audience: Audience, views: list[LessonView], course, version: str) -> bytes:
    """imsmanifest.xml: metadata, one organization with an item per lesson, a resource per SCO and one shared."""
    title = course_title(course)
    ui = course.ui(audience)
    mastery = audience.scorm_mastery_score if answers_mode(audience) == "inline" else None
    root = ET.Element(f"{{{CP}}}manifest", {
        "identifier": f"course-{_slug(title)}-{audience.id}-scorm12", "version": version,
        f"{{{XSI}}}schemaLocation": f"{CP} imscp_rootv1p1p2.xsd {IMSMD} imsmd_rootv1p2p1.xsd "
                                    f"{ADLCP} adlcp_rootv1p2.xsd"})
    metadata = _sub(root, CP, "metadata")
    _sub(metadata, CP, "schema", "ADL SCORM")
    _sub(metadata, CP, "schemaversion", "1.2")
    description = ui("scorm.description", description=audience.description,
                     lessons=ui.plural("scorm.lessons", len(views)), time=hours(sum(v.minutes for v in views), ui),
                     credit=credit(course, ui))
    metadata.append(_lom(f"{title} — {audience.name}", description, version, course, ui))

    organizations = _sub(root, CP, "organizations", default="ORG-track")
    organization = _sub(organizations, CP, "organization", identifier="ORG-track", structure="hierarchical")
    _sub(organization, CP, "title", f"{title} — {audience.name}")
    for v in views:
        item = _sub(organization, CP, "item", identifier=f"ITEM-{v.id}", identifierref=f"RES-{v.id}",
                    isvisible="true")
        _sub(item, CP, "title", v.title)
        item_meta = _sub(item, CP, "metadata")
        item_meta.append(_lom(v.title, _plain(v.summary, course), v.module.version or "1.0", course, ui))
        if mastery is not None:
            _sub(item, ADLCP, "masteryscore", str(mastery))

    resources = _sub(root, CP, "resources")
    for v in views:
        res = _sub(resources, CP, "resource", identifier=f"RES-{v.id}", type="webcontent", href=f"{v.id}.html",
                   **{f"{{{ADLCP}}}scormtype": "sco"})
        _sub(res, CP, "file", href=f"{v.id}.html")
        _sub(res, CP, "dependency", identifierref="RES-shared")
    shared = _sub(resources, CP, "resource", identifier="RES-shared", type="webcontent",
                  **{f"{{{ADLCP}}}scormtype": "asset"})
    for rel in SHARED:
        _sub(shared, CP, "file", href=rel)
    ET.indent(root, space="  ")
    _register_namespaces()
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def _sub(parent, ns: str, tag: str, text: str | None = None, **attrs) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ns}}}{tag}", {k: v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _lom(title: str, description: str, version: str, course, ui) -> ET.Element:
    """IMS LOM 1.2.1 metadata: title, language, description, version and rights (the licence)."""
    language = ui("meta.language_tag")
    lom = ET.Element(f"{{{IMSMD}}}lom")
    general = _sub(lom, IMSMD, "general")
    _langstring(_sub(general, IMSMD, "title"), title, language)
    _sub(general, IMSMD, "language", language)
    _langstring(_sub(general, IMSMD, "description"), description, language)
    lifecycle = _sub(lom, IMSMD, "lifecycle")
    _langstring(_sub(lifecycle, IMSMD, "version"), version, language)
    rights = _sub(lom, IMSMD, "rights")
    _vocabulary(_sub(rights, IMSMD, "cost"), "no")
    _vocabulary(_sub(rights, IMSMD, "copyrightandotherrestrictions"), "yes")
    _langstring(_sub(rights, IMSMD, "description"),
                ui("scorm.rights", url=LICENCE_URL, credit=credit(course, ui)), language)
    return lom


def _langstring(parent, text: str, language: str) -> None:
    _sub(parent, IMSMD, "langstring", text, **{XML_LANG: language})


def _vocabulary(parent, value: str) -> None:
    """A LOM vocabulary entry (source LOMv1.0, value), as IMS LOM 1.2.1 writes them."""
    _sub(_sub(parent, IMSMD, "source"), IMSMD, "langstring", "LOMv1.0", **{XML_LANG: "x-none"})
    _sub(_sub(parent, IMSMD, "value"), IMSMD, "langstring", value, **{XML_LANG: "x-none"})


def _plain(text: str, course) -> str:
    return " ".join(cite(text or "", course.sources, None).split())[:1000]


# --------------------------------------------------------------------------------------------------------------
# One SCO: the lesson as a self-contained page
# --------------------------------------------------------------------------------------------------------------

_EXTERNAL_A = re.compile(r'<a href="(https?://[^"]*)"')
_TOKEN = re.compile(r"<p>(SCOFRAG\d+)</p>")


@lru_cache(maxsize=1)
def _markdown():
    """Python-Markdown with the site's extensions (mkdocs.yml) and its raw-HTML guard: the same HTML as the site."""
    import markdown

    from ..render.safe_markdown import SafeMarkdown

    return markdown.Markdown(extensions=["admonition", "attr_list", "tables", "def_list", SafeMarkdown()])


def _md_text(text: str, course) -> str:
    """Module Markdown made for the SCO: citations link to the page's own source list, and links to other pages
    of the site (lessons, glossary, guide) become plain text, since the package holds only this track's lessons."""
    text = cite(text or "", course.sources, "")
    return unlink(text, keep=lambda link: link.destination.startswith(("#", "http://", "https://", "mailto:")))


@lru_cache(maxsize=8192)  # the same source lines, terms and choices recur in every track
def _html(markdown_text: str) -> str:
    out = _markdown().reset().convert(markdown_text)
    # A source or a policy link opens beside the lesson, so the LMS keeps the lesson (and its timing) open.
    return _EXTERNAL_A.sub(r'<a href="\1" target="_blank" rel="noopener noreferrer"', out)


def _block(text: str, course) -> Markup:
    return Markup(_html(_md_text(text, course)))


def _inline(text: str, course) -> Markup:
    out = _html(_md_text(text, course)).strip()
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return Markup(out)


@lru_cache(maxsize=1)
def _template():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ASSETS)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("sco.html")


def sco_html(view: LessonView, course, mode: str) -> str:
    """One lesson as a complete, offline HTML page. `mode` "guide" leaves every answer out of the page."""
    ui = course.ui(view.audience)
    def b(text):
        return _block(text, course)

    def i(text):
        return _inline(text, course)

    sections = []
    for s in view.sections:
        figures = [Markup(chart_html(s.chart, f"chart-{s.id}", course.sources, ui))] if s.chart else []
        figures += [Markup(flow_html(s.flow, f"flow-{s.id}", course.sources, ui))] if s.flow else []
        sections.append({"title": i(s.title), "body": b(s.body) if s.body else "", "figures": figures})
    inline = mode == "inline"
    questions = []
    for q in view.questions:
        choices = [{"text": i(c), "why": i(q.reasons[n]) if inline and n < len(q.reasons) and q.reasons[n] else ""}
                   for n, c in enumerate(q.choices)]
        questions.append({"text": i(q.question), "choices": choices,
                          "answer": q.answer if inline else None,
                          "explanation": b(q.explanation) if inline and q.explanation else ""})
    mastery = view.audience.scorm_mastery_score if inline else None
    adapted = ""
    if view.module.origin in ("overlay-replaced", "overlay-blocks"):
        adapted = ui("lesson.adapted", organization=course.settings.organization,
                     version=view.module.upstream_version)
    due = view.module.review_due()
    page = _template().render(
        ui=ui, title=view.title, track=view.audience.name, course_title=course_title(course),
        summary=b(view.summary) if view.summary else "",
        meta=(ui("lesson.meta", audience=view.audience.name.lower(), minutes=ui.minutes(view.minutes))
              + (ui("lesson.meta_activities", n=view.activity_minutes) if view.activity_minutes else "")),
        objectives=[i(x) for x in view.objectives], sections=sections,
        cases=[{"title": i(c.title), "body": b(c.body), "discussion": [i(x) for x in c.discussion]}
               for c in view.case_studies],
        activities=[{"title": i(a.title), "kind": kind_label(ui, a.kind), "minutes": a.minutes,
                     "instructions": b(a.instructions), "prompts": [i(x) for x in a.prompts]}
                    for a in view.activities],
        questions=questions, scored=inline and bool(questions), mastery=mastery,
        key_points=[i(x) for x in view.key_points], actions=[i(x) for x in view.actions],
        terms=[{"term": t.term, "definition": i(d)} for t, d in view.terms],
        sources=[{"key": s.key, "line": _inline(source_line(s), course)} for s in view.sources],
        adapted=adapted, credit=credit(course, ui), licence_url=LICENCE_URL,
        version=(ui("lesson.version_line", version=view.module.version, date=ui.page_date(view.module.last_reviewed()))
                 + (ui("lesson.review_due", date=ui.page_date(due)) if due else "") + "."
                 + (f" {notice}" if (notice := legal_notice(view, course, view.learner_text())) else "")))
    return page

