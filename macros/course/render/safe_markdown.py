"""Python-Markdown extension: raw HTML is shown as text, and no element keeps a script-capable attribute.

Python-Markdown has had no safe mode since 3.0 and passes `<script>` and `onclick=` straight through. Module
text is validated before it gets here; this is the second wall, for every page of the site.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

_UNSAFE_SCHEME = re.compile(r"^\s*(javascript|vbscript|data|file):", re.I)
_URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "poster", "srcset")


class _AttributeSanitizer(Treeprocessor):
    """Drop event-handler and style attributes and unsafe link schemes (attr_list could add them)."""

    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            for name in list(el.attrib):
                lowered = name.lower()
                if lowered.startswith("on") or lowered in ("style", "srcdoc"):
                    del el.attrib[name]
                elif lowered in _URL_ATTRS and _UNSAFE_SCHEME.match(el.attrib[name]):
                    el.attrib[name] = "#"


class SafeMarkdown(Extension):
    """Escape raw HTML and sanitize attributes on every page."""

    def extendMarkdown(self, md) -> None:
        # Without these two, HTML blocks and inline tags are copied to the output verbatim.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # Priority 0: after attr_list (8) and every other tree processor that sets attributes.
        md.treeprocessors.register(_AttributeSanitizer(md), "course_sanitize_attributes", 0)


def makeExtension(**kwargs) -> SafeMarkdown:
    return SafeMarkdown(**kwargs)
