"""PDFs made in a process pool are the PDFs made one by one: same files (byte for byte), same page counts and
text for the output guard, same warnings in the same order, and a failure is raised with the same message."""

from __future__ import annotations

import logging

import pytest
from conftest import make_project
from test_pdfs import LONG_MODULE

from macros.course.build import compile_course
from macros.course.export.pdf import write_pdfs


@pytest.fixture(scope="module")
def tiny_output(tmp_path_factory):
    """The tiny course plus a lesson whose handout cannot fit its page: every kind of result, warnings included."""
    project = make_project(tmp_path_factory.mktemp("pdf-parallel") / "p", "tiny")
    sentence = "Every record kept is a record that someone else may one day ask to see, so keep as little as you can."
    (project / "modules" / "longread.yml").write_text(LONG_MODULE.format(
        points="\n".join(f"  - {sentence}" for _ in range(3)),
        items="\n".join(f"          - {sentence}" for _ in range(30))), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COURSE_PDF", "1")
        output = compile_course(project)
    assert not output.problems.errors, output.problems.sorted()
    return output


def _write(output, site, jobs, monkeypatch, caplog):
    monkeypatch.setenv("COURSE_PDF_JOBS", jobs)
    caplog.clear()
    texts: dict = {}
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.course.pdf"):
        written = write_pdfs(output, site, texts)
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.pdf"))}
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    return list(written.items()), list(texts.items()), files, warnings


def test_parallel_pdfs_are_the_serial_pdfs(tiny_output, tmp_path, monkeypatch, caplog):
    serial = _write(tiny_output, tmp_path / "serial", "1", monkeypatch, caplog)
    parallel = _write(tiny_output, tmp_path / "parallel", "2", monkeypatch, caplog)
    written, texts, files, warnings = serial
    assert len(files) >= 10 and len(written) == len(files) and len(texts) == len(files) - 4  # 4 packs: no text
    assert any(w.startswith("handout patrons/longread runs to") for w in warnings), warnings
    assert parallel[0] == written  # paths and page counts, in the same order
    assert parallel[1] == texts
    assert parallel[2].keys() == files.keys()
    assert [name for name in files if parallel[2][name] != files[name]] == []
    assert parallel[3] == warnings


def test_a_failure_in_a_worker_is_the_failure_one_by_one(tiny_output, tmp_path, monkeypatch):
    raised = {}
    for jobs in ("1", "2"):
        site = tmp_path / jobs
        (site / "patrons" / "pdf" / "patrons-handouts-a4.pdf").mkdir(parents=True)  # a folder where a pack goes
        monkeypatch.setenv("COURSE_PDF_JOBS", jobs)
        with pytest.raises(OSError) as failure:
            write_pdfs(tiny_output, site)
        raised[jobs] = (type(failure.value), str(failure.value).replace(str(site), "<site>"))
    assert raised["1"] == raised["2"] == (IsADirectoryError,
                                          "[Errno 21] Is a directory: '<site>/patrons/pdf/patrons-handouts-a4.pdf'")


def test_a_bad_job_count_is_named_and_every_core_is_used(tiny_output, tmp_path, monkeypatch, caplog):
    _, _, files, warnings = _write(tiny_output, tmp_path / "site", "many", monkeypatch, caplog)
    assert files
    assert warnings[0].startswith("COURSE_PDF_JOBS=many is not a number of processes (1 or more): using ")
    assert warnings[0].endswith(", one per core; set it to a whole number such as 1 or 4, or leave it unset")
