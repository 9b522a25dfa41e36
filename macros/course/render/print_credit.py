"""What every print product carries: course title, product title, audience, version, date, licence credit and,
in a fork, the adaptation credit; and the library's contact line. Also the last check before a PDF is written:
no placeholder or template text left over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..ui import Catalog

# What must never reach paper: placeholders, template code, and notes to authors.
LEFTOVER = re.compile(r"\[\[|\]\]|\{\{|\}\}|\{%|%\}|\bTODO\b|CRSFRAG")


@dataclass(frozen=True)
class Credit:
    """The footer of one print product (plain strings; templates escape them)."""

    course_title: str
    product_title: str
    audience: str
    version: str
    date: str
    licence: str
    adapted: str = ""  # "Adapted by …" in a fork, else ""
    ui: Catalog = field(kw_only=True, compare=False, repr=False)  # the catalog of the audience's language

    @property
    def line(self) -> str:
        """One line for a footer: course, product, audience, version and date."""
        return self.ui("credit.line", course=self.course_title, product=self.product_title,
                       audience=self.audience.lower(), version=self.version, date=self.date)


def is_fork(course) -> bool:
    """A fork adapts the course: it has its own settings file naming its organization."""
    return (Path(course.root) / "local" / "settings.yml").is_file() and bool(course.settings.organization)


def credit(course, module, product_title: str, audience_name: str, ui: Catalog | None = None) -> Credit:
    """The credit of a product made from `module` (its version and review date) for one audience, in the words
    of `ui` (the audience's catalog; English when not given)."""
    ui = ui or course.ui()
    name = course.settings.site_name
    adapted = ""
    if is_fork(course) or module.origin in ("overlay", "overlay-replaced", "overlay-blocks"):
        if module.origin in ("overlay-replaced", "overlay-blocks") and module.upstream_version:
            adapted = ui("credit.adapted_from", organization=course.settings.organization,
                         version=module.upstream_version)
        else:
            adapted = ui("credit.adapted", organization=course.settings.organization)
    return Credit(name, product_title, audience_name, module.version or "1.0", ui.page_date(module.last_reviewed()),
                  ui("credit.licence"), adapted, ui=ui)


def contact_is_set(course, language: str = "en") -> bool:
    """Whether the library's contact comes from the fork's own settings (upstream's words are generic); for a
    sheet in another language, the fork's own contact in that language (`languages: {es: {contact: ...}}`)."""
    key = "contact" if language == "en" else ("languages", language, "contact")
    found = getattr(course.settings, "_found", {}).get(key)
    value = course.settings.for_language(language).contact
    if not found:
        return False
    return "local/" in str(found[0].path).replace("\\", "/") and bool(value.strip())


def contact_text(course, language: str = "en") -> str:
    """Who to ask at the reader's library, from the settings; "" when the fork has not set it (the sheet then
    prints a blank line to write on, never a placeholder)."""
    if not contact_is_set(course, language):
        return ""
    settings = course.settings.for_language(language)
    org, contact = settings.organization.strip(), settings.contact.strip()
    if org and org.lower() not in contact.lower():
        return f"{contact}, {org}"
    return contact


def leftovers(text: str) -> list[str]:
    """Placeholder or template text found in a product's printed text (empty when clean)."""
    return sorted({m.group(0) for m in LEFTOVER.finditer(text or "")})
