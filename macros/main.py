"""mkdocs-macros entry point: macros for the hand-written pages (which opt in with `render_macros: true`).

Generated pages never reach Jinja: `render_by_default` is false in mkdocs.yml and each generated page also
says `render_macros: false`. Macros return Markdown built from validated data, never module text as a template.
"""

from __future__ import annotations

from macros.course.pages import md_escape
from macros.course.render_track import hours


def define_env(env):
    """Register the macros."""

    @env.macro
    def track_picker() -> str:
        """A list of tracks to help a visitor pick theirs (from the compiled course)."""
        from macros.adapter_state import current as _state

        output = _state["output"]
        lines = []
        for audience in output.course.published_audiences():
            views = output.tracks.get(audience.id, [])
            minutes = sum(v.minutes for v in views)
            lines.append(f"- **[{md_escape(audience.name)}]({audience.id}/index.md)**: {md_escape(audience.who_for)} "
                         f"*{len(views)} lessons, about {hours(minutes)}.*" + _products(audience, output))
        return "\n".join(lines)

    def _products(audience, output) -> str:
        """Links straight to a track's print products, so each is one click from the home page."""
        from macros.course.print_products import RENDERERS
        from macros.course.render_handout import pdf_enabled

        paths = {page.path for page in output.pages}
        aid, links = audience.id, []
        renderer = RENDERERS.get(audience.start_with)
        if renderer and f"{aid}/{renderer.page_link(audience)}" in paths:
            links.append(f"[{renderer.LINK_LABEL}]({aid}/{renderer.page_link(audience)})")
        if "handout" in audience.formats and output.tracks.get(aid):
            target = f"{aid}/index.md#pdfs" if pdf_enabled(output.course, audience) else f"{aid}/index.md#lessons"
            links.append(f"[handouts]({target})")
        if f"{aid}/materials/index.md" in paths:
            links.append(f"[activity cards and worksheets]({aid}/materials/index.md)")
        if f"{aid}/guide.md" in paths:
            links.append(f"[facilitator guide]({aid}/guide.md)")
        return (" Print: " + " · ".join(links) + ".") if links else ""

    @env.macro
    def organization() -> str:
        from macros.adapter_state import current as _state

        return md_escape(_state["output"].course.settings.organization)
