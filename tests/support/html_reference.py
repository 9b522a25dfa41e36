"""The visible text of an HTML page as the standard library's html.parser reads it: the reference the output
guard's faster reader is compared with (tests/unit/test_visible_text.py, tests/build/test_visible_text_site.py)."""

from __future__ import annotations

from html.parser import HTMLParser

from macros.course.export.output_guard import _BLOCK, _SKIP


class _Reference(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self._skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data.replace("\n", " "))


def reference_text(html_text: str) -> str:
    parser = _Reference()
    parser.feed(html_text)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
