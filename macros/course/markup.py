"""The course's one markup: the Markdown subset module text is written in, and how text enters it.

Module text is CommonMark without raw HTML. The view keeps text in this markup (not in any output format);
settings values and labels enter it escaped, so a value is always shown literally.
"""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|])")


def md_escape(text: str) -> str:
    """Text shown literally inside the course markup (settings values, labels)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))
