"""Reading a SCORM 1.2 package as an LMS would: its zip, its manifest, and what an import would trip over."""

from __future__ import annotations

import io
import re
import zipfile

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
