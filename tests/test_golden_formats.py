"""Golden files for the HTML report and the annex's JSON of the COP15 sample (the text forms are in
test_golden.py). Accept a deliberate change with REVCOP_ACCEPT_GOLDEN=1 after reading the diff."""

import pytest
from click.testing import CliRunner

from revcop.cli import cli
from tests.conftest import ROOT, SAMPLE_DIR, assert_golden

SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"


@pytest.fixture
def library(monkeypatch):
    monkeypatch.setenv("REVCOP_LIBRARY", str(ROOT / "resolutions"))


def _out(*args) -> str:
    done = CliRunner().invoke(cli, [*map(str, args), "-o", "-", "-q"])
    assert done.exit_code == 0, done.output
    return done.stdout


def test_report_html_of_the_sample():
    assert_golden("cms-14.16-report.html", _out("report", SAMPLE, "--format", "html", "--date", "2026-03-29"))


def test_report_of_the_two_library_versions(library):
    assert_golden("cms-14.16-COP14-vs-Rev.COP15-report.html",
                  _out("report", "cms/14.16@COP14", "cms/14.16@Rev.COP15", "--format", "html", "--date", "2026-03-29"))


def test_annex_json_of_the_two_library_versions(library):
    assert_golden("cms-14.16-COP14-vs-Rev.COP15.json",
                  _out("diff", "cms/14.16@COP14", "cms/14.16@Rev.COP15", "--format", "json"))
