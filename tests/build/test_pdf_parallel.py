"""PDFs made in a process pool are the PDFs made one by one: same files (byte for byte), same page counts and
text for the output guard, same warnings in the same order, and a failure is raised with the same message."""

from __future__ import annotations

import pytest

from macros.course.build import compile_course
from macros.course.export.pdf import write_pdfs
from support.kit import LONG_MODULE
from support.project import make_project


@pytest.fixture(scope="module")
def tiny_output(tmp_path_factory):
    """The tiny course plus a lesson whose handout cannot fit its page: every kind of result, warnings included."""
    project = make_project(tmp_path_factory.mktemp("pdf-parallel") / "p", "tiny")
    sentence = "Every record kept is a record that someone else may one day ask to see, so keep as little as you can."
    (project / "modules" / "longread.yml").write_text(LONG_MODULE.format(
        points="\n".join(f"  - {sentence}" for _ in range(3)),
        items="\n".join(f"          - {sentence}" for _ in range(30))), encoding="utf-8")
    output = compile_course(project)
    assert not output.problems.errors, output.problems.sorted()
    return output


def _write(output, site, jobs: int):
    texts: dict = {}
    warnings: list = []
    written = write_pdfs(output, site, texts, warnings=warnings, jobs=jobs)
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.pdf"))}
    return list(written.items()), list(texts.items()), files, warnings


def test_parallel_pdfs_are_the_serial_pdfs(tiny_output, tmp_path):
    serial = _write(tiny_output, tmp_path / "serial", 1)
    parallel = _write(tiny_output, tmp_path / "parallel", 2)
    written, texts, files, warnings = serial
    assert len(files) >= 10 and len(written) == len(files) and len(texts) == len(files) - 4  # 4 packs: no text
    assert any(w.startswith("handout patrons/longread runs to") for w in warnings), warnings
    assert parallel[0] == written  # paths and page counts, in the same order
    assert parallel[1] == texts
    assert parallel[2].keys() == files.keys()
    assert [name for name in files if parallel[2][name] != files[name]] == []
    assert parallel[3] == warnings


def test_a_failure_in_a_worker_is_the_failure_one_by_one(tiny_output, tmp_path):
    raised = {}
    for jobs in (1, 2):
        site = tmp_path / str(jobs)
        (site / "patrons" / "pdf" / "patrons-handouts-a4.pdf").mkdir(parents=True)  # a folder where a pack goes
        with pytest.raises(OSError) as failure:
            write_pdfs(tiny_output, site, jobs=jobs)
        raised[jobs] = (type(failure.value), str(failure.value).replace(str(site), "<site>"))
    assert raised[1] == raised[2] == (IsADirectoryError,
                                          "[Errno 21] Is a directory: '<site>/patrons/pdf/patrons-handouts-a4.pdf'")


def test_a_bad_job_count_stops_the_build_with_its_name(monkeypatch):
    from mkdocs.exceptions import PluginError

    from macros.plugin import pdf_jobs

    monkeypatch.setenv("COURSE_PDF_JOBS", "many")
    with pytest.raises(PluginError) as failure:
        pdf_jobs(0)
    assert str(failure.value) == ("COURSE_PDF_JOBS=many: use a whole number of processes, such as 1 or 4 (0: one "
                                  "per core), or leave it unset to follow mkdocs.yml")
    monkeypatch.setenv("COURSE_PDF_JOBS", "3")
    assert pdf_jobs(0) == 3
    monkeypatch.delenv("COURSE_PDF_JOBS")
    assert pdf_jobs(2) == 2
