"""The output guard reads every page of a built site as html.parser does, in one process or several."""

from __future__ import annotations

import shutil

from macros.course.export.output_guard import (
    visible_text,
)
from support.html_reference import reference_text


def test_reads_every_built_page_as_html_parser_does(tiny_site):
    pages = sorted(tiny_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html_text = page.read_text(encoding="utf-8")
        assert visible_text(html_text) == reference_text(html_text), page.relative_to(tiny_site)


def test_a_large_site_is_read_by_several_processes_with_the_same_result(tiny_site, tmp_path, monkeypatch):
    from macros.course.export import output_guard
    from macros.course.model import Settings

    site = tmp_path / "site"
    shutil.copytree(tiny_site, site)
    for page, leftover in (("staff/index.html", "Call [[contact]] now."), ("patrons/index.html", "Fix TODO here.")):
        path = site / page
        path.write_text(path.read_text(encoding="utf-8").replace("</article>", f"<p>{leftover}</p></article>", 1),
                        encoding="utf-8")
    settings = Settings(contact="your library's director or privacy officer", organization="your library")
    serial = [str(f) for f in output_guard.check_site(site, settings)]
    assert serial == ['patrons/index.html: a TODO note: "Fix TODO here."',
                      'staff/index.html: an unfilled placeholder: "Call [[contact]] now."']
    pools = []

    class CountedPool(output_guard.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            pools.append(self)

    monkeypatch.setattr(output_guard, "ProcessPoolExecutor", CountedPool)
    monkeypatch.setattr(output_guard, "PAGES_PER_PROCESS", 2)
    monkeypatch.setattr(output_guard.os, "cpu_count", lambda: 2)
    assert [str(f) for f in output_guard.check_site(site, settings)] == serial
    assert len(pools) == 1
