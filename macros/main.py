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
                         f"*{len(views)} lessons, about {hours(minutes)}.*")
        return "\n".join(lines)

    @env.macro
    def organization() -> str:
        from macros.adapter_state import current as _state

        return md_escape(_state["output"].course.settings.organization)
