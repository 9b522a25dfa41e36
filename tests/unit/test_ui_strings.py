"""UI strings as data: catalogs per language, checked against the English one, and dates per language."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import yaml

from macros.course.load.ui import load_catalogs
from macros.course.model import Audience
from macros.course.problems import Problems
from macros.course.project import Project

REPO = Path(__file__).resolve().parents[2]
ENGLISH = REPO / "data" / "ui" / "en.yml"
SPANISH_MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                  "octubre", "noviembre", "diciembre"]


def _audience(aid: str, language: str) -> Audience:
    return Audience(aid, aid, "d", "w", 8, False, 1, ("lesson",), language=language)


def _spanish(strings: dict) -> str:
    """A Spanish catalog built from en.yml: every string prefixed "ES ", dates in Spanish form."""
    def walk(value):
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        return "ES " + value if isinstance(value, str) else value
    out = walk(strings)
    out["date"] = {"months": SPANISH_MONTHS, "long": "{day} de {month} de {year}", "on_pages": "{long}"}
    return yaml.safe_dump({"language": "es", "strings": out}, allow_unicode=True, sort_keys=False)


def _project(tmp_path: Path, spanish: str | None) -> Project:
    (tmp_path / "data" / "ui").mkdir(parents=True)
    (tmp_path / "data" / "ui" / "en.yml").write_text(ENGLISH.read_text(encoding="utf-8"), encoding="utf-8")
    if spanish is not None:
        (tmp_path / "data" / "ui" / "es.yml").write_text(spanish, encoding="utf-8")
    return Project.at(tmp_path)


def _english_strings() -> dict:
    return yaml.safe_load(ENGLISH.read_text(encoding="utf-8"))["strings"]


def test_english_catalog_loads_with_english_dates_and_minutes():
    problems = Problems()
    catalogs = load_catalogs(Project.at(REPO), {"staff": _audience("staff", "en")}, problems)
    assert [str(p) for p in problems.items] == []
    ui = catalogs["en"]
    assert ui.date(datetime.date(2026, 12, 1)) == "December 1, 2026"
    assert ui.page_date(datetime.date(2026, 12, 1)) == "2026-12-01"  # English pages keep ISO dates
    assert (ui.minutes(1), ui.minutes(25)) == ("1 minute", "25 minutes")
    assert ui("lesson.question", n=3) == "Question 3"


def test_a_second_language_gets_its_own_catalog_and_dates(tmp_path):
    project = _project(tmp_path, _spanish(_english_strings()))
    problems = Problems()
    catalogs = load_catalogs(project, {"patrons-es": _audience("patrons-es", "es")}, problems)
    assert [str(p) for p in problems.items] == []
    ui = catalogs["es"]
    assert ui.date(datetime.date(2026, 12, 1)) == "1 de diciembre de 2026"
    assert ui.page_date(datetime.date(2026, 3, 9)) == "9 de marzo de 2026"
    assert ui("lesson.key_points") == "ES Key points"


def test_missing_catalog_is_reported_at_the_audience(tmp_path):
    project = _project(tmp_path, None)
    audience = Audience("patrons-es", "x", "d", "w", 8, False, 1, ("lesson",), language="xx",
                        location=__import__("macros.course.problems", fromlist=["Location"]).Location(
                            "data/audiences.yml", 40, 15))
    problems = Problems()
    catalogs = load_catalogs(project, {"patrons-es": audience}, problems)
    assert "xx" not in catalogs
    assert [str(p) for p in problems.items] == [
        'data/audiences.yml:40:15: language: there is no UI-string catalog for language "xx" (data/ui/xx.yml) '
        "(copy data/ui/en.yml to data/ui/xx.yml and translate every string, keeping each {slot} as it is) [missing-catalog]"]


def test_missing_and_extra_keys_and_wrong_slots_are_located(tmp_path):
    strings = _english_strings()
    del strings["lesson"]["key_points"]
    strings["lesson"]["kee_points"] = "Puntos clave"
    strings["lesson"]["question"] = "Pregunta {number}"
    text = _spanish(strings)
    project = _project(tmp_path, text)
    problems = Problems()
    catalogs = load_catalogs(project, {"p": _audience("p", "es")}, problems)
    assert "es" not in catalogs
    lines = text.splitlines()
    lesson_line = lines.index("  lesson:") + 1
    question_line = next(n for n, line in enumerate(lines, 1) if line.startswith("    question:"))
    kee_line = next(n for n, line in enumerate(lines, 1) if line.startswith("    kee_points:"))
    assert sorted(str(p) for p in problems.items) == sorted([
        f"data/ui/es.yml:{lesson_line + 1}:5: strings.lesson.key_points: is missing "
        '(add it in this language; in data/ui/en.yml it is "Key points") [missing-string]',
        f"data/ui/es.yml:{kee_line}:5: strings.lesson.kee_points: is not a key of data/ui/en.yml "
        "(did you mean \"lesson.key_points\"?) [unknown-string]",
        f"data/ui/es.yml:{question_line}:15: strings.lesson.question: lacks {{n}} and has unknown {{number}} "
        '(use the same slots as data/ui/en.yml: "Question {n}") [slot-mismatch]',
    ])


def test_html_in_a_catalog_is_refused(tmp_path):
    strings = _english_strings()
    strings["lesson"]["key_points"] = "<b>Puntos</b>"
    project = _project(tmp_path, _spanish(strings))
    problems = Problems()
    assert "es" not in load_catalogs(project, {"p": _audience("p", "es")}, problems)
    assert [re.sub(r":\d+:\d+:", ":L:C:", str(p)) for p in problems.items] == [
        "data/ui/es.yml:L:C: strings.lesson.key_points: contains HTML or template code "
        "(write plain text: no < and no {{ or {%; a slot the page fills is one {name}) [raw-html]"]


def test_a_second_language_catalog_changes_the_pages_of_its_track(tmp_path, monkeypatch):
    """The patrons track set to a fake second language: its pages take their headings from that catalog, the
    staff track's stay English, and the English catalog's words appear on no heading of the other track."""
    from macros.course.build import compile_course
    from support.project import make_project

    monkeypatch.setenv("COURSE_PDF", "0")
    project = make_project(tmp_path / "p", "tiny")
    audiences = project / "data" / "audiences.yml"
    text = audiences.read_text(encoding="utf-8")
    patrons = text.index("  - id: patrons")
    head, rest = text[:patrons], text[patrons:]
    rest = rest.replace("    reading_grade_max: 8\n", "    language: es\n    reading_ease_min: 50\n", 1)
    audiences.write_text(head + rest, encoding="utf-8")
    (project / "data" / "ui").mkdir(exist_ok=True)
    (project / "data" / "ui" / "es.yml").write_text(_spanish(_english_strings()), encoding="utf-8")
    # A track in another language reads modules written in it (modules/es/, with their own glossary): the
    # tiny lesson, copied there for patrons without its staff-only blocks, and the English one kept for staff.
    lesson = project / "modules" / "basics.yml"
    source = lesson.read_text(encoding="utf-8")
    lesson.write_text(source.replace("audiences: [staff, patrons]", "audiences: [staff]", 1), encoding="utf-8")
    copy = re.sub(r"  - id: (staff-only|act)\n.*?(?=\n  - id:|\nkey_terms:|\nself_check:)\n", "", source, flags=re.S)
    copy = copy.replace("activities:\n", "", 1)  # its one activity is for staff
    copy = copy.replace("id: basics\n", "id: basics-es\nlanguage: es\n", 1).replace("[staff, patrons]", "[patrons]", 1)
    (project / "modules" / "es").mkdir()
    (project / "modules" / "es" / "basics-es.yml").write_text(copy.replace("  staff: [Ask vendors whether a product "
                                                                          "can search faces.]\n", ""), encoding="utf-8")
    shutil.copytree(project / "data" / "glossary", project / "data" / "glossary" / "es")

    out = compile_course(project)
    assert [str(p) for p in out.problems.errors] == []
    pages = {p.path: p.markdown for p in out.pages}
    spanish, english = pages["patrons/basics-es/index.md"], pages["staff/basics/index.md"]
    assert "## ES Key points { data-search-exclude }" in spanish
    assert "## Key points { data-search-exclude }" in english
    assert "## ES Check yourself { data-search-exclude }" in spanish
    assert '??? course-answer "ES Check your answer"' in spanish  # patrons see answers inline
    assert "*ES Right.*" in spanish or "*ES Not right.*" in spanish
    headings = [line for line in spanish.splitlines() if line.startswith("#")]
    english_words = {v for k, v in _flat(_english_strings()).items() if isinstance(v, str) and len(v) > 3}
    assert not [h for h in headings if h.lstrip("# ").split(" {")[0] in english_words]
    assert "# ES Glossary" in pages["patrons/glossary.md"]
    nav = {next(iter(entry)): entry for entry in out.nav}
    assert {"ES Overview": "patrons/index.md"} in nav["Library users"]["Library users"]


def _flat(strings: dict, prefix: str = "") -> dict:
    out = {}
    for k, v in strings.items():
        if isinstance(v, dict):
            out.update(_flat(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = v
    return out


def test_every_catalog_key_is_used_by_the_code():
    """No dead strings: each key of en.yml is looked up somewhere in macros/ (by its full key, its last part for
    plurals and kinds, or as a "{ui:...}" slot of sco.js)."""
    code = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "macros").rglob("*")
                     if p.suffix in (".py", ".html", ".js"))
    unused = []
    for key in _flat(_english_strings()):
        if key.startswith(("date.", "activity_kinds.", "material_kinds.", "paper.", "coverage.col_", "guide.plan_")):
            continue  # looked up by a computed key (the month, the kind, the paper)
        base = key.rsplit(".", 1)[0] if key.endswith((".one", ".other")) else key
        if f'"{base}"' not in code and f"'{base}'" not in code and f"{{ui:{base}}}" not in code:
            unused.append(key)
    assert unused == []


def test_a_spanish_audience_needs_a_reading_ease_target(tmp_path):
    from macros.course.load.data import load_audiences

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "audiences.yml").write_text(
        "audiences:\n"
        "  - id: patrons-es\n    name: Usuarios de la biblioteca\n    description: d\n    who_for: w\n"
        "    language: es\n    trainer_led: false\n    handout_pages_max: 1\n    formats: [lesson]\n"
        "  - id: patrons\n    name: Library users\n    description: d\n    who_for: w\n"
        "    trainer_led: false\n    handout_pages_max: 1\n    formats: [lesson]\n", encoding="utf-8")
    problems = Problems()
    assert load_audiences(Project.at(tmp_path), problems) == {}
    assert [str(p) for p in problems.items] == [
        'data/audiences.yml:2:5: audiences[0].reading_ease_min: is missing (add "reading_ease_min:") [missing-field]',
        'data/audiences.yml:10:5: audiences[1].reading_grade_max: is missing (add "reading_grade_max:") [missing-field]']


def test_an_audience_language_is_on_the_model_and_defaults_to_english():
    from macros.course.load.data import load_audiences

    problems = Problems()
    audiences = load_audiences(Project.at(REPO), problems)
    assert not problems.items
    # Every track is English except the Spanish patrons track, which is measured by reading ease.
    assert {a.id: a.language for a in audiences.values() if a.language != "en"} == {"patrons-es": "es"}
    assert all(a.reading_grade_max and a.reading_ease_min is None for a in audiences.values() if a.language == "en")
    assert audiences["patrons-es"].reading_ease_min == 70 and audiences["patrons-es"].reading_grade_max is None


def test_a_forks_own_english_catalog_must_keep_every_key(tmp_path):
    """A fork may reword its English strings, but a page must never ask for a key the catalog lacks."""
    strings = _english_strings()
    strings["lesson"]["key_points"] = "What to remember"
    del strings["lesson"]["check_yourself"]
    (tmp_path / "data" / "ui").mkdir(parents=True)
    text = yaml.safe_dump({"language": "en", "strings": strings}, allow_unicode=True, sort_keys=False)
    (tmp_path / "data" / "ui" / "en.yml").write_text(text, encoding="utf-8")
    problems = Problems()
    assert load_catalogs(Project.at(tmp_path), {}, problems) == {}
    lesson_line = text.splitlines().index("  lesson:") + 2
    assert [str(p) for p in problems.items] == [
        f"data/ui/en.yml:{lesson_line}:5: strings.lesson.check_yourself: is missing "
        "(add it in this language; in upstream's data/ui/en.yml it is \"Check yourself\") [missing-string]"]
    strings["lesson"]["check_yourself"] = "Test yourself"
    (tmp_path / "data" / "ui" / "en.yml").write_text(
        yaml.safe_dump({"language": "en", "strings": strings}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    problems = Problems()
    assert load_catalogs(Project.at(tmp_path), {}, problems)["en"]("lesson.key_points") == "What to remember"
    assert not problems.items


def test_the_us_spelling_rule_skips_text_in_another_language(tmp_path):
    """A Spanish module may write "color" or "organización" as Spanish does; English modules are still checked."""
    from macros.course.check.course import load_course
    from support.project import make_project

    project = make_project(tmp_path / "p", "tiny")
    (project / "data" / "spelling.yml").write_text((REPO / "data" / "spelling.yml").read_text(encoding="utf-8"),
                                                   encoding="utf-8")
    audiences = project / "data" / "audiences.yml"
    text = audiences.read_text(encoding="utf-8")
    patrons = text.index("  - id: patrons")
    audiences.write_text(text[:patrons] + text[patrons:].replace(
        "    reading_grade_max: 8\n", "    language: es\n    reading_ease_min: 50\n", 1), encoding="utf-8")
    basics = (project / "modules" / "basics.yml").read_text(encoding="utf-8")
    british = basics.replace("A system compares templates", "A system with a colour display compares templates")
    (project / "modules" / "basics.yml").write_text(british, encoding="utf-8")
    spanish = (british.replace("id: basics", "id: basicos\nlanguage: es", 1)
               .replace("audiences: [staff, patrons]", "audiences: [patrons]", 1))
    (project / "modules" / "basicos.yml").write_text(spanish, encoding="utf-8")
    _, problems = load_course(project)
    spelling = [str(p) for p in problems.items if "British spelling" in p.message]
    assert len(spelling) == 1 and spelling[0].startswith("modules/basics.yml:"), spelling
