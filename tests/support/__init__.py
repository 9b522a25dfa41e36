"""Helpers shared by every test layer (tests/unit, tests/build, tests/browser); see tests/README.md.

- support.project: ONE way to lay out a project in a temporary folder (a fixture, or the real course) and to run
  the real tools on it (`mkdocs build`, `python -m macros.course`), plus the real course compiled once.
- support.browser: a local server and headless Debian Chromium (Playwright), the privacy watch and axe-core.
- support.kit: reading PDFs and pages of the trainer kit (poppler, text probes).
"""
