"""Print products built for the job: one-sheet handouts, the legislators' brief, the trustees' board briefing and
printable activity materials. The PDFs come from the real `mkdocs build --strict` (WeasyPrint) and are read back
with pdfinfo/pdftotext; validation is checked on small fixture projects with the exact messages authors see."""

from __future__ import annotations

from macros.course.build import compile_course
from macros.course.render.handout import handout_content
from support.project import REPO, make_project, real_course

# The thirteen modules issue 10 asked handouts to be written for; modules added later may use the derived sheet,
# which test_handout_sheets_follow_the_rules holds to the same rules.
AUTHORED = {"how-fr-works", "bias", "error-at-scale", "privacy", "fr-in-libraries", "values-and-law", "ala-resolution",
            "staff-responding", "patrons-rights", "trustees-policy", "administrators-procurement", "community-hosting",
            "legislators-brief"}


def test_every_module_has_an_authored_handout_for_every_audience():
    modules = real_course().course.modules
    assert set(modules) >= AUTHORED
    for module in (modules[m] for m in sorted(AUTHORED)):
        block = module.data.get("handout") or {}
        missing = [a for a in module.audiences if a not in block and "default" not in block]
        assert not missing, f"{module.id} has no handout written for {missing}"


TINY = (REPO / "tests" / "fixtures" / "tiny" / "modules" / "basics.yml").read_text(encoding="utf-8")


def _messages(project) -> list[str]:
    return [str(p) for p in compile_course(project).problems.sorted()]


def test_activity_that_needs_cards_must_declare_them(tmp_path):
    project = make_project(tmp_path / "p", "tiny")
    text = TINY.replace("    instructions: Sort the cards by score.",
                        "    materials: [One set of claim cards per group]\n    instructions: Sort the cards by score.")
    (project / "modules" / "basics.yml").write_text(text, encoding="utf-8")
    line = text.splitlines().index("  - id: act") + 1
    assert (f'modules/basics.yml:{line}:5: activities[0]: activity "act" uses printed cards, scenarios, briefs or a '
            "worksheet, but declares none (add a print_materials entry with activity: act at the end of the file) [undeclared-material]"
            ) in _messages(project)


def test_declared_material_that_prints_nothing_is_an_error(tmp_path):
    project = make_project(tmp_path / "p", "tiny")
    text = TINY + ("print_materials:\n  - id: empty-cards\n    activity: act\n    kind: cards\n    title: Cards\n"
                   "  - id: stray\n    activity: no-such-activity\n    kind: worksheet\n    title: Sheet\n"
                   "    questions: [Why?]\n")
    (project / "modules" / "basics.yml").write_text(text, encoding="utf-8")
    lines = text.splitlines()
    first, second = lines.index("  - id: empty-cards") + 1, lines.index("  - id: stray") + 1
    messages = _messages(project)
    assert (f'modules/basics.yml:{first}:5: print_materials[0]: material "empty-cards" prints nothing (give it '
            "cards) [prints-nothing]") in messages
    assert (f'modules/basics.yml:{second + 1}:15: print_materials[1].activity: names activity "no-such-activity", '
            "which this module does not have (use the id of one of the module's activities) [unknown-activity]") in messages


def test_handout_actions_that_point_at_missing_material_and_stray_terms_are_errors(tmp_path):
    project = make_project(tmp_path / "p", "tiny")
    text = TINY + ("handout:\n  patrons:\n    headline: A computer guesses who you are.\n"
                   "    actions: [Ask the questions below., Read the policy., Keep this sheet.]\n"
                   "    key_terms: [threshold]\n")
    (project / "modules" / "basics.yml").write_text(text, encoding="utf-8")
    lines = text.splitlines()
    actions = lines.index("    actions: [Ask the questions below., Read the policy., Keep this sheet.]") + 1
    terms = lines.index("    key_terms: [threshold]") + 1
    messages = _messages(project)
    assert (f'modules/basics.yml:{actions}:15: handout.patrons.actions[0]: for "patrons" refers to material that is '
            "not on the sheet (questions) (add a material block with it, or reword the action) [material-not-on-sheet]") in messages
    assert (f'modules/basics.yml:{terms}:17: handout.patrons.key_terms[0]: "Threshold" does not appear on the sheet '
            'for "patrons" (use the term in the headline, a point, an action or the material, or drop it) [term-not-on-sheet]') in messages


def test_derived_handout_meets_the_same_rules(tiny_project):
    """A module without a handout block still gets 3-5 actions, none pointing at absent material, and terms within
    the limits; the actions it drops are the ones that point at material."""
    text = TINY.replace("  patrons: [Ask the library whether its cameras can search faces.]",
                        "  patrons: [Ask the library whether its cameras can search faces., Ask the questions below.]")
    (tiny_project / "modules" / "basics.yml").write_text(text, encoding="utf-8")
    output = compile_course(tiny_project)
    assert not output.problems.errors
    for views in output.tracks.values():
        for view in views:
            content = handout_content(view, output.course)
            assert not content.authored and 3 <= len(content.actions) <= 5
            assert not any("below" in a for a in content.actions)
            assert len(content.terms) <= 5 and content.term_share() <= 0.25
            assert content.headline and content.contact == ""  # upstream's generic contact: a blank line


def test_contact_from_a_forks_settings_is_printed(tiny_project):
    (tiny_project / "local" / "settings.yml").write_text(
        "organization: Example Library\ncontact: Pat Lee, privacy officer (555-0100)\n"
        "privacy_policy_url: https://library.example.org/privacy\njurisdiction: Example State\n", encoding="utf-8")
    output = compile_course(tiny_project)
    content = handout_content(output.tracks["patrons"][0], output.course)
    assert content.contact == "Pat Lee, privacy officer (555-0100), Example Library"
    assert content.credit.adapted == "Adapted by Example Library."


def test_quick_path_rules_are_located(tmp_path):
    project = make_project(tmp_path / "p", "tiny")
    audiences = project / "data" / "audiences.yml"
    data = audiences.read_text(encoding="utf-8")
    first = data.index("  - id: patrons")
    end = data.index("\n  - id:", first + 1) if "\n  - id:" in data[first + 1:] else len(data)
    block = data[first:end].rstrip("\n")
    new_block = (block + "\n    quick_path:\n      - {module: basics, section: no-such-section, why: Start here.}\n"
                 "      - {module: basics, section: scores, why: Then this.}\n")
    audiences.write_text(data[:first] + new_block + data[end:].lstrip("\n"), encoding="utf-8")
    messages = "\n".join(_messages(project))
    assert 'quick_path.section: "no-such-section" is not a section patrons gets in basics' in messages
    assert "quick_path.module" not in messages  # basics is a patrons lesson
    # A module that exists but is not written for the audience is a mistake in the data.
    data = audiences.read_text(encoding="utf-8").replace("id: trustees\n", "id: trustees\n    quick_path:\n"
        "      - {module: basics, why: One.}\n      - {module: basics, why: Two.}\n", 1)
    audiences.write_text(data, encoding="utf-8")
    assert 'quick_path.module: "basics" is not a lesson of the trustees track' in "\n".join(_messages(project))
