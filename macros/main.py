"""mkdocs-macros entry point: macros and variables for the hand-written pages (which opt in with
`render_macros: true`; docs/authoring/index.md lists them).

Generated pages never reach Jinja: `render_by_default` is false in mkdocs.yml and each generated page also
says `render_macros: false`. Macros return Markdown built from validated data, never module text as a template.
The course comes from the `course` MkDocs plugin, which compiled it earlier in the same build.
"""

from __future__ import annotations

from pathlib import Path

from macros.course.render.pages import md_escape
from macros.course.render.track import hours


def define_env(env):
    """Register the variables and macros."""
    plugin = env.conf.plugins["course"]  # KeyError: mkdocs.yml lists mkdocs-macros without the course plugin
    output = plugin.output
    modules = _published_modules(output)
    checked, due = _review_dates(modules)
    _define_variables(env, output, modules, checked, due)
    _define_track_macros(env, output)
    _define_review_macros(env, output.course.settings, modules, checked, due)


def _review_dates(modules) -> tuple[list[str], list[str]]:
    """The published lessons' fact-check dates and review due dates, each sorted, oldest first."""
    checked = sorted(d for d in (m.last_reviewed() for m in modules) if d)
    due = sorted(d for d in (m.review_due() for m in modules) if d)
    return checked, due


def _define_variables(env, output, modules, checked: list[str], due: list[str]) -> None:
    """The Jinja variables: the tracks, the lessons and their review dates."""
    env.variables["course_tracks"] = [
        {"id": a.id, "name": a.name, "who_for": a.who_for, "lessons": len(output.tracks.get(a.id, [])),
         "minutes": sum(v.minutes for v in output.tracks.get(a.id, []))}
        for a in output.course.published_audiences()]
    env.variables["course_module_count"] = len(modules)
    env.variables["course_lessons"] = [
        {"id": m.id, "title": _title(m), "version": m.version, "last_reviewed": m.last_reviewed() or "",
         "review_due": m.review_due() or ""} for m in modules]
    env.variables["course_review"] = {"first_checked": checked[0] if checked else "",
                                      "last_checked": checked[-1] if checked else "",
                                      "next_due": due[0] if due else ""}


def _define_track_macros(env, output) -> None:
    """The macros that offer the tracks: a picker in the site's language, and the tracks in other languages."""

    @env.macro
    def track_picker() -> str:
        """A list of tracks to help a visitor pick theirs (from the compiled course)."""
        lines = []
        for audience in _tracks_in(output, env.conf["theme"]["language"]):
            views = output.tracks.get(audience.id, [])
            minutes = sum(v.minutes for v in views)
            lines.append(f"- **[{md_escape(audience.name)}]({audience.id}/index.md)**: {md_escape(audience.who_for)} "
                         f"*{len(views)} lessons, about {hours(minutes, output.course.ui())}.*"
                         + _products(audience, output))
        return "\n".join(lines)

    @env.macro
    def other_languages() -> str:
        """The tracks in another language than the site's (the Spanish patrons track), each one paragraph in its
        language, with a link marked hreflang: offered at the top of the home page. "" when none is published."""
        site_language = env.conf["theme"]["language"]
        paragraphs = []
        for audience in output.course.published_audiences():
            if audience.language == site_language:
                continue
            label = output.course.catalogs[audience.language]("language.track_link")
            paragraphs.append(f"**[{md_escape(label)}: {md_escape(audience.name)}]({audience.id}/index.md)"
                              f'{{ hreflang="{audience.language}" }}** {md_escape(audience.who_for)}\n'
                              f'{{: lang="{audience.language}" .course-language }}')
        return "\n\n".join(paragraphs)


def _products(audience, output) -> str:
    """Links straight to a track's print products, so each is one click from the home page."""
    from macros.course.render.handout import pdf_enabled
    from macros.course.render.print_products import RENDERERS

    paths = {page.path for page in output.pages}
    aid, links = audience.id, []
    renderer = RENDERERS.get(audience.start_with)
    if renderer and f"{aid}/{renderer.page_link(audience)}" in paths:
        links.append(f"[{output.course.ui(audience)(renderer.LINK_LABEL)}]({aid}/{renderer.page_link(audience)})")
    if "handout" in audience.formats and output.tracks.get(aid):
        target = f"{aid}/index.md#pdfs" if pdf_enabled(output.course, audience) else f"{aid}/index.md#lessons"
        links.append(f"[handouts]({target})")
    if f"{aid}/materials/index.md" in paths:
        links.append(f"[activity cards and worksheets]({aid}/materials/index.md)")
    if f"{aid}/guide.md" in paths:
        links.append(f"[facilitator guide]({aid}/guide.md)")
    return (" Print: " + " · ".join(links) + ".") if links else ""


def _define_review_macros(env, settings, modules, checked: list[str], due: list[str]) -> None:
    """The macros about who publishes the site and when its lessons were checked."""

    @env.macro
    def organization() -> str:
        return md_escape(settings.organization)

    @env.macro
    def course_publisher() -> str:
        """Who publishes this site: upstream's contributors, or the fork's organization adapting their work."""
        root = Path(env.conf["config_file_path"]).resolve().parent
        if (root / "local" / "settings.yml").is_file() and settings.organization:
            return (f"{md_escape(settings.organization)}, adapting *Facial recognition: a course for libraries* "
                    "by its contributors")
        return "the contributors to *Facial recognition: a course for libraries*, an open project"

    @env.macro
    def course_review_summary() -> str:
        """The newest and oldest fact-check dates and the next review due, from the published lessons."""
        if not checked:
            return "No lesson has a review date yet."
        when = (f"on {checked[0]}" if checked[0] == checked[-1] else f"between {checked[0]} and {checked[-1]}")
        lessons = "The lesson was" if len(modules) == 1 else f"The {len(modules)} lessons were"
        return (f"{lessons} last checked {when}."
                + (f" The next review falls due on {due[0]}." if due else ""))

    @env.macro
    def course_review_table() -> str:
        """One row per published lesson: its version, when its facts were checked and when the next review is due."""
        rows = ["| Lesson | Version | Facts last checked | Next review due |", "|---|---|---|---|"]
        for m in modules:
            rows.append(f"| {md_escape(_title(m))} | {md_escape(m.version)} | "
                        f"{m.last_reviewed() or 'not given'} | {m.review_due() or 'not given'} |")
        return "\n".join(rows)


def _title(module) -> str:
    title = module.data.get("title", module.id)
    if isinstance(title, dict):  # a title written per audience: the default one
        title = title.get("default") or next(iter(title.values()))
    return str(title)


def _published_modules(output) -> list:
    """Every module in at least one published track, in course order."""
    shown = {v.id for views in output.tracks.values() for v in views}
    return [m for m in output.course.modules.values() if m.id in shown]


def _tracks_in(output, language: str) -> list:
    """The published tracks in the site's language (the others are offered by `other_languages`); every track
    when none is (a fork that publishes only a translated track)."""
    tracks = output.course.published_audiences()
    return [a for a in tracks if a.language == language] or tracks
