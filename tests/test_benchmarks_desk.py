"""benchmarks/desk.py: the desk's upload-to-result time is measured on a real desk, driven over HTTP."""

import importlib.util
import re
import sys

from tests.conftest import ROOT, SAMPLE_DIR

_spec = importlib.util.spec_from_file_location("benchmarks_desk", ROOT / "benchmarks" / "desk.py")
desk = sys.modules.setdefault("benchmarks_desk", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(desk)


def test_the_desk_is_timed_from_upload_to_result_page():
    sample = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.docx"
    lines: list[str] = []
    jobs = desk.default_jobs(None, sample)
    versions = {"old_file": SAMPLE_DIR / "COP14.txt", "new_file": SAMPLE_DIR / "Rev.COP15.txt"}
    jobs["compare COP14 with Rev.COP15"] = ("/compare", versions, b"amended")
    desk.measure_desk(jobs, 2, lambda line="": lines.append(line))
    rows = [line for line in lines if line.startswith("| consolidate") or line.startswith("| compare")]
    assert len(rows) == 2, lines
    for row in rows:  # the first run, the median and the spread of two more, in seconds
        assert re.fullmatch(r"\| [^|]+ \| \d+\.\d{3} \| \d+\.\d{3} \| \d+\.\d{3}–\d+\.\d{3} \| 2 \|", row), row


def test_a_job_the_desk_refuses_is_reported_not_timed(tmp_path):
    wrong = tmp_path / "notes.pdf.exe"
    wrong.write_bytes(b"MZ")
    lines: list[str] = []
    desk.measure_desk({"consolidate a program": ("/consolidate", {"document": wrong}, b"Rev.")}, 1,
                      lambda line="": lines.append(line))
    row = next(line for line in lines if line.startswith("| consolidate a program"))
    assert "failed:" in row and "answered" in row
