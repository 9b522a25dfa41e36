"""The Spanish patrons track (issue 13): same facts as the English lessons, every course string in Spanish, pages
that declare their language, lessons that link their counterparts with hreflang, handouts within one page, and
forks that publish it alone or beside the English track with their own Spanish values.

In-process tests load the repository's course; the `slow` ones build a fork of it with the real `mkdocs build`
(once per session, PDFs included); the `browser` ones serve that build to Chromium and run axe-core.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

import lxml.html
import pytest
import yaml

from support.project import REPO, load, problem_lines
from support.spanish import (
    BOTH,
    ENGLISH,
    LESSONS,
    SPANISH,
    content_text,
    fork,
    spanish_pages,
)

# ---------------------------------------------------------------------------------------------------------------
# (a) The same facts: every figure of a Spanish lesson is in its English counterpart
# ---------------------------------------------------------------------------------------------------------------

# "20 mil millones" is 20 billion (a Spanish "billón" is a million million); both sides become plain numbers.
_SCALES = [(r"(\d+(?:[.,]\d+)?)\s+mil\s+millones", 10**9), (r"(\d+(?:[.,]\d+)?)\s+billones?", 10**12),
           (r"(\d+(?:[.,]\d+)?)\s+(?:millones|millón)", 10**6), (r"(\d+(?:[.,]\d+)?)\s+mil\b", 10**3),
           (r"(\d+(?:\.\d+)?)\s+trillion", 10**12), (r"(\d+(?:\.\d+)?)\s+billion", 10**9),
           (r"(\d+(?:\.\d+)?)\s+million", 10**6)]


def _number(text: str, scale: int = 1) -> str:
    value = float(text.replace(",", ".")) * scale  # a decimal comma (99,5) reads as a decimal point
    return f"{value:f}".rstrip("0").rstrip(".")


def figures(text: str) -> set:
    """Every figure in a text (numbers, decimals, percentages, years, counts) as a plain number: citations and
    link targets left out, thousands separators dropped, "20 mil millones" and "20 billion" both 20000000000."""
    text = re.sub(r"\[@[^\]]*\]", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)
    found = set()
    for pattern, scale in _SCALES:
        def scaled(m, scale=scale):
            found.add(_number(m.group(1), scale))
            return " "
        text = re.sub(pattern, scaled, text, flags=re.I)
    found |= {_number(m.group(0)) for m in re.finditer(r"\d+(?:[.,]\d+)?", text)}
    return found


def _strings(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    if isinstance(value, str):
        yield value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield str(value)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def lesson_text(view, course) -> str:
    """What a reader of the lesson and its handout reads: prose, charts and flows (values too), answers and
    their reasons, the key terms' definitions (as the track's glossary shows them) and the handout sheet."""
    from macros.course.render.handout import handout_content

    parts = [view.learner_text()]
    for section in view.sections:
        parts += [*_strings(section.chart), *_strings(section.flow)]
    for q in view.questions:
        parts += [q.explanation, *q.reasons]
    parts += [d for _, d in view.listed_terms]
    parts.append(handout_content(view, course).sheet_text())
    return "\n".join(parts)


def figure_differences(root: Path) -> dict:
    """Spanish lesson id -> the figures it gives that its English counterpart does not."""
    from macros.course.view.lesson import track

    course, problems = load(root)
    assert not problems.errors, problem_lines(problems)
    english = {v.id: v for v in track(course, course.audiences[ENGLISH])}
    out = {}
    for view in track(course, course.audiences[SPANISH]):
        counterpart = english[view.module.data["translation_of"]]
        extra = figures(lesson_text(view, course)) - figures(lesson_text(counterpart, course))
        if extra:
            out[view.id] = sorted(extra, key=float)
    return out


def test_figures_read_like_numbers():
    assert figures("Unos 20 mil millones de fotos, el 99.5% [@nistir8280], en 2021; 1,000 caras") == \
        {"20000000000", "99.5", "2021", "1000"}
    assert figures("About 20 billion photos, 99.5 percent, in 2021; 1,000 faces") == \
        {"20000000000", "99.5", "2021", "1000"}
    assert figures("3 billones") == {"3000000000000"}  # a Spanish billón is a million million


def test_every_spanish_figure_is_in_the_english_lesson():
    course, _ = load(REPO)
    assert {m.id for m in course.modules_for(SPANISH)} == set(LESSONS)
    assert figure_differences(REPO) == {}


def test_a_changed_figure_is_caught(tmp_path):
    root = fork(tmp_path)
    path = root / "modules" / "es" / "sesgo.yml"
    text = path.read_text(encoding="utf-8")
    assert "hasta un 34.7% de las veces" in text
    path.write_text(text.replace("hasta un 34.7% de las veces", "hasta un 37.4% de las veces", 1), encoding="utf-8")
    assert figure_differences(root) == {"sesgo": ["37.4"]}


# ---------------------------------------------------------------------------------------------------------------
# Loading and validation: language, translation_of, the Spanish glossary (g)
# ---------------------------------------------------------------------------------------------------------------

def test_spanish_modules_load_with_their_own_glossary():
    from macros.course.view.lesson import lesson_view

    course, problems = load(REPO)
    assert not problems.errors, problem_lines(problems)
    for mid, english in LESSONS.items():
        module = course.modules[mid]
        assert (module.language, module.data["translation_of"], module.audiences) == ("es", english, [SPANISH])
    assert set(course.glossaries["es"]) <= set(course.terms)  # the same ids
    view = lesson_view(course.modules["como-funciona"], course.audiences[SPANISH], course)
    assert view.listed_terms and all(t is course.glossaries["es"][t.id] for t, _ in view.listed_terms)
    assert "Umbral" in [t.term for t, _ in view.listed_terms]


def _line(path: Path, needle: str) -> tuple[int, int]:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return n, line.index(needle.split(":")[-1].strip()) + 1
    raise AssertionError(f"{needle!r} not in {path}")


def test_a_module_whose_language_is_not_its_audiences_is_located(tmp_path):
    root = fork(tmp_path)
    path = root / "modules" / "es" / "como-funciona.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("language: es", "language: en"), encoding="utf-8")
    course, problems = load(root)
    line, col = _line(path, "language: en")
    lines = problem_lines(problems)
    assert (f'modules/es/como-funciona.yml:{line}:{col}: language: says the module is in "en", but audience '
            f'"patrons-es" reads "es" (write language: es, or list only audiences that read en) [language-mismatch]') in lines
    line, col = _line(path, "translation_of: how-fr-works")
    assert (f"modules/es/como-funciona.yml:{line}:{col}: translation_of: is for modules in another language, and "
            "this module is in en (remove translation_of, or give the module's language (e.g. language: es)) [translation-of-english]") in lines


def test_a_wrong_translation_of_is_located(tmp_path):
    root = fork(tmp_path)
    first, second = root / "modules" / "es" / "sesgo.yml", root / "modules" / "es" / "privacidad.yml"
    first.write_text(first.read_text(encoding="utf-8").replace("translation_of: bias", "translation_of: biass"),
                     encoding="utf-8")
    second.write_text(second.read_text(encoding="utf-8").replace("translation_of: privacy",
                                                                 "translation_of: legislators-brief"), encoding="utf-8")
    _, problems = load(root)
    lines = problem_lines(problems)
    line, col = _line(first, "translation_of: biass")
    assert (f'modules/es/sesgo.yml:{line}:{col}: translation_of: names "biass", which is not an English module '
            '(did you mean "bias"?) [unknown-translation]') in lines
    line, col = _line(second, "translation_of: legislators-brief")
    assert (f'modules/es/privacidad.yml:{line}:{col}: translation_of: names "legislators-brief", which does not serve '
            '"patrons", the audience that "patrons-es" translates (give the id of an English module written for '
            'patrons) [unknown-translation]') in lines
    assert len(problems.errors) == 2


def test_spanish_key_terms_come_from_the_spanish_glossary(tmp_path):
    root = fork(tmp_path)
    glossary = root / "data" / "glossary" / "es" / "technology.yml"
    data = yaml.safe_load(glossary.read_text(encoding="utf-8"))
    data["terms"] = [t for t in data["terms"] if t["id"] != "threshold"]
    glossary.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _, problems = load(root)
    lines = [line for line in problem_lines(problems) if '"threshold"' in line]
    assert lines and all(line.endswith('unknown term "threshold" (define it in a file in data/glossary/es/) [unknown-term]')
                         for line in lines), lines
    assert any(line.startswith("modules/es/como-funciona.yml:") and ": handout.patrons-es.key_terms[0]:" in line
               for line in lines), lines


# ---------------------------------------------------------------------------------------------------------------
# Settings and overlays in Spanish (e)
# ---------------------------------------------------------------------------------------------------------------

def test_placeholders_take_the_spanish_values(tmp_path):
    from macros.course.view.lesson import lesson_view

    course, problems = load(fork(tmp_path, BOTH))
    assert not problems.errors, problem_lines(problems)
    rights = lesson_view(course.modules["tus-derechos"], course.audiences[SPANISH], course)
    text = rights.learner_text()
    assert "Hazle a la encargada de privacidad, privacidad@example.org las preguntas de esta página." in text
    assert "Revisa las reglas de el estado de Illinois." in text
    assert "Lee la política de privacidad de la biblioteca en <https://example.org/privacy>." in text  # fallback
    assert "privacy officer" not in text
    english = lesson_view(course.modules["patrons-rights"], course.audiences[ENGLISH], course).learner_text()
    assert "the privacy officer" in english and "encargada" not in english


def test_upstream_spanish_values_read_as_spanish():
    from macros.course.view.lesson import lesson_view

    course, _ = load(REPO)
    text = lesson_view(course.modules["tus-derechos"], course.audiences[SPANISH], course).learner_text()
    assert "Revisa las reglas de tu estado." in text
    assert "Hazle a la persona encargada de la privacidad en tu biblioteca las preguntas de esta página." in text


def test_a_fork_without_spanish_values_is_warned(tmp_path):
    root = fork(tmp_path, "organization: Springfield Public Library\ncontact: the privacy officer\n"
                          "privacy_policy_url: https://example.org/privacy\njurisdiction: Illinois\n")
    course, problems = load(root)
    warnings = [line for line in problem_lines(problems) if "languages.es" in line]
    assert warnings == [
        'warning: local/settings.yml:1:1: languages.es.contact: is not set, so readers of the "es" track see '
        "upstream's placeholder text \"la persona encargada de la privacidad en tu biblioteca\" (add languages: "
        "{es: {contact: ...}} with your own value in that language) [placeholder-not-translated]",
        'warning: local/settings.yml:1:1: languages.es.jurisdiction: is not set, so readers of the "es" track see '
        "upstream's placeholder text \"tu estado\" (add languages: {es: {jurisdiction: ...}} with your own value in "
        "that language) [placeholder-not-translated]"]
    spanish = course.settings.for_language("es")
    assert (spanish.organization, spanish.privacy_policy_url) == ("Springfield Public Library",
                                                                  "https://example.org/privacy")


def test_an_empty_spanish_value_is_an_error_at_the_setting(tmp_path):
    root = fork(tmp_path, "languages:\n  es:\n    contact: ''\n")
    _, problems = load(root)
    assert [str(p) for p in problems.errors] == [
        "local/settings.yml:3:14: languages.es.contact: is empty, but published lessons use [[contact]] "
        "(modules/es/como-funciona.yml and 5 more) (write a value here, or remove the line to use upstream's wording) [placeholder-unfilled]"]


def test_a_block_override_of_a_spanish_lesson_fills_and_drifts(tmp_path):
    from macros.course.load import drift
    from macros.course.view.lesson import lesson_view

    root = fork(tmp_path, "contact: the privacy officer\norganization: Springfield Public Library\n"
                          "privacy_policy_url: https://example.org/privacy\njurisdiction: Illinois\n"
                          "languages:\n  es:\n    contact: la oficina de privacidad\n    jurisdiction: Illinois\n")
    upstream = yaml.safe_load((root / "modules" / "es" / "como-funciona.yml").read_text(encoding="utf-8"))
    override = ("override: como-funciona\n" + drift.based_on_yaml(upstream)
                + "sections:\n  - id: four-jobs\n    title:\n      patrons-es: Lo que hace un escaneo\n    body:\n"
                  "      patrons-es: Pregunta a [[contact]] qué cámaras hay en [[organization]].\n")
    (root / "local" / "modules").mkdir()
    (root / "local" / "modules" / "como-funciona.yml").write_text(override, encoding="utf-8")
    course, problems = load(root)
    assert not problems.errors and not course.drift, problem_lines(problems)
    view = lesson_view(course.modules["como-funciona"], course.audiences[SPANISH], course)
    assert view.sections[0].body == "Pregunta a la oficina de privacidad qué cámaras hay en Springfield Public Library."
    assert course.modules["como-funciona"].origin == "overlay-blocks"
    # Upstream's Spanish lesson moves on: the fork hears which block changed.
    path = root / "modules" / "es" / "como-funciona.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('version: "1.1"', 'version: "1.2"').replace(
        "Puede hacer varios trabajos", "Puede hacer cuatro trabajos"), encoding="utf-8")
    course, problems = load(root)
    assert [str(p) for p in course.drift] == [
        'local/modules/como-funciona.yml:3:12: based_on.version: upstream module "como-funciona" is now version 1.2; '
        "this override is based on version 1.1; changed upstream since: sections.four-jobs (changed and you change "
        "it) (read upstream's changes (git log -p modules/es/como-funciona.yml), bring your override up to date, "
        "then run: bash scripts/dev course drift --accept como-funciona) [upstream-changed]"]


# ---------------------------------------------------------------------------------------------------------------
# Counterpart links (f), computed without a build
# ---------------------------------------------------------------------------------------------------------------

def test_each_lesson_links_its_counterpart_with_hreflang():
    from macros.course.build import compile_course

    out = compile_course(REPO)
    pages = {p.path: p.markdown for p in out.pages}
    for spanish, english in LESSONS.items():
        assert ('[Read this lesson in English](../../patrons/' + english + '/index.md){ hreflang="en" lang="en" }'
                in pages[f"{SPANISH}/{spanish}/index.md"]), spanish
        assert ('[Lee esta lección en español](../../patrons-es/' + spanish + '/index.md){ hreflang="es" lang="es" }'
                in pages[f"{ENGLISH}/{english}/index.md"]), english
    assert "Lee esta lección" not in pages["staff/how-fr-works/index.md"]  # the Spanish track translates patrons
    assert '[En español](../patrons-es/index.md){ hreflang="es" lang="es" }' in pages["patrons/index.md"]


# ---------------------------------------------------------------------------------------------------------------
# The built fork: pages, handouts, strings (b, d, e, f)
# ---------------------------------------------------------------------------------------------------------------

def english_course_strings() -> list[str]:
    """The English catalog's phrases that the Spanish catalog words differently: each literal stretch of a
    string between its {slots}, at least two words long."""
    from macros.course.ui import flatten

    en = flatten(yaml.safe_load((REPO / "data" / "ui" / "en.yml").read_text(encoding="utf-8"))["strings"])
    es = flatten(yaml.safe_load((REPO / "data" / "ui" / "es.yml").read_text(encoding="utf-8"))["strings"])
    phrases = set()
    for key, value in en.items():
        if not isinstance(value, str) or value == es.get(key):
            continue
        for stretch in re.split(r"\{[a-z_]+\}", value):
            stretch = stretch.strip(" .,;:·()")
            if len(stretch.split()) >= 2:
                phrases.add(stretch)
    return sorted(phrases)


@pytest.mark.slow
def test_no_english_course_string_on_a_spanish_page(bilingual):
    phrases = english_course_strings()
    assert "What you will learn" in phrases and "Check your answer" in phrases
    found = {}
    pages = spanish_pages(bilingual)
    assert len(pages) >= 2 * len(LESSONS) + 3  # lessons, handouts, landing, glossary, sources
    for page in pages:
        text = content_text(page)
        left = [p for p in phrases if p in text]
        if left:
            found[str(page.relative_to(bilingual))] = left
    assert found == {}


@pytest.mark.slow
def test_spanish_pages_declare_spanish(bilingual):
    for page in spanish_pages(bilingual):
        doc = lxml.html.fromstring(page.read_bytes())
        assert doc.get("lang") == "es", page
    home = lxml.html.fromstring((bilingual / "index.html").read_bytes())
    assert home.get("lang") == "en"
    offer = home.xpath('//article//p[@lang="es"]//a[@hreflang="es"]')
    assert [(a.get("href"), a.text_content()) for a in offer] == [("patrons-es/",
                                                                   "En español: Usuarios de la biblioteca")]
    lesson = lxml.html.fromstring((bilingual / "patrons" / "how-fr-works" / "index.html").read_bytes())
    assert lesson.get("lang") == "en"


@pytest.mark.slow
def test_search_knows_spanish(bilingual):
    """Material's search stems Spanish too (lunr's Spanish support ships with Material: no download), and the
    Spanish lessons and glossary are in the index."""
    import json

    index = json.loads((bilingual / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["en", "es"]
    locations = {d["location"] for d in index["docs"]}
    assert {f"{SPANISH}/{m}/" for m in LESSONS} <= locations and f"{SPANISH}/glossary/" in locations
    assert (bilingual / "assets" / "javascripts" / "lunr" / "min" / "lunr.es.min.js").is_file()


@pytest.mark.slow
def test_counterpart_links_in_the_built_site(bilingual):
    for spanish, english in LESSONS.items():
        es_page = lxml.html.fromstring((bilingual / SPANISH / spanish / "index.html").read_bytes())
        en_page = lxml.html.fromstring((bilingual / ENGLISH / english / "index.html").read_bytes())
        assert [(a.get("href"), a.get("lang")) for a in es_page.xpath('//article//a[@hreflang="en"]')] == \
            [(f"../../patrons/{english}/", "en")]
        assert [(a.get("href"), a.get("lang")) for a in en_page.xpath('//article//a[@hreflang="es"]')] == \
            [(f"../../patrons-es/{spanish}/", "es")]


@pytest.mark.slow
def test_fork_values_and_spanish_dates_on_spanish_pages(bilingual):
    rights = content_text(bilingual / SPANISH / "tus-derechos" / "index.html")
    assert "la encargada de privacidad, privacidad@example.org" in rights
    assert "el estado de Illinois" in rights and "privacy officer" not in rights
    # The version line says when the facts were checked, in Spanish ("26 de noviembre de 2026"), on every lesson.
    for spanish in LESSONS:
        doc = lxml.html.fromstring((bilingual / SPANISH / spanish / "index.html").read_bytes())
        version_line = " ".join(doc.xpath('//article//p[contains(@class, "course-meta")]')[-1].text_content().split())
        assert re.search(r"\b\d{1,2} de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|"
                         r"noviembre|diciembre) de \d{4}\b", version_line), version_line
        assert not re.search(r"\b\d{4}-\d\d-\d\d\b", version_line), version_line


@pytest.mark.slow
def test_spanish_handouts_fit_one_page_on_both_papers(bilingual):
    counts = {}
    for spanish in LESSONS:
        for paper in ("letter", "a4"):
            pdf = bilingual / SPANISH / "pdf" / f"{SPANISH}-{spanish}-{paper}.pdf"
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
            counts[(spanish, paper)] = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert counts == {key: 1 for key in counts}, counts
    assert len(counts) == 2 * len(LESSONS)


@pytest.mark.slow
def test_spanish_handout_pdfs_hold_no_english_course_string(bilingual):
    phrases = english_course_strings()
    found = {}
    for pdf in sorted((bilingual / SPANISH / "pdf").glob(f"{SPANISH}-*-letter.pdf")):
        text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())
        left = [p for p in phrases if p in text]
        if not re.search(r"Página 1 de 1\b", text):
            left.append("the page number is not in Spanish")
        if left:
            found[pdf.name] = left
    assert found == {}


@pytest.mark.slow
def test_a_fork_can_publish_the_spanish_track_alone(spanish_only):
    assert (spanish_only / SPANISH / "index.html").exists()
    assert not (spanish_only / ENGLISH).exists()
    rights = content_text(spanish_only / SPANISH / "tus-derechos" / "index.html", drop_english=False)
    assert "la encargada de privacidad" in rights and "el estado de Illinois" in rights
    assert "https://example.org/privacidad" in rights and "Read this lesson in English" not in rights
    home = lxml.html.fromstring((spanish_only / "index.html").read_bytes())
    assert home.xpath('//article//a[@href="patrons-es/"]')
