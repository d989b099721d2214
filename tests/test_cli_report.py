"""``revcop report`` on the command line."""

import json

from click.testing import CliRunner

from revcop.cli import cli
from tests.conftest import SAMPLE_DIR

SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"


def run(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


def test_default_output_is_html_in_output_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("report", SAMPLE, "--date", "2026-03-29")
    assert result.exit_code == 0, result.output
    out = tmp_path / "output" / "UNEP-CMS-COP15-Doc.28.2-report.html"
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "2026-03-29 by revcop" in html
    assert "revcop: the report lists 7 findings of consolidation and check" in result.stderr
    # revcop owns output/: a second run regenerates it
    assert run("report", SAMPLE, "--format", "md").exit_code == 0
    assert (tmp_path / "output" / "UNEP-CMS-COP15-Doc.28.2-report.md").is_file()


def test_format_from_extension_and_reproducible_date(tmp_path):
    out = tmp_path / "r.json"
    env = {"SOURCE_DATE_EPOCH": "1774742400"}
    assert run("report", SAMPLE, "-o", out, "-q", env=env).exit_code == 0
    first = out.read_text(encoding="utf-8")
    assert json.loads(first)["generated"] == "2026-03-29 00:00 UTC"
    assert run("report", SAMPLE, "-o", out, "-q", "--force", env=env).exit_code == 0
    assert out.read_text(encoding="utf-8") == first


def test_markdown_to_standard_output():
    result = run("report", SAMPLE, "--format", "md", "-o", "-", "-q")
    assert result.exit_code == 0
    assert "| 27 bis | 29 |" in result.stdout and result.stderr == ""


def test_usage_errors():
    assert run("report", SAMPLE, "--date", "tomorrow").exit_code == 2
    assert run("report", SAMPLE, "-o", "r.pdf").exit_code == 2
    # three files are a batch (one report each, see test_cli_batch.py): here one file three times
    tripled = run("report", SAMPLE, SAMPLE, SAMPLE, "-o", "-")
    assert tripled.exit_code == 2 and "-o must be a directory" in tripled.stderr
    assert run("report").exit_code == 2
    assert run("report", SAMPLE, SAMPLE, "--cop", "COP15").exit_code == 2
    assert run("report", SAMPLE, "--cop", "fifteen").exit_code == 2


def test_bad_template_is_a_one_line_error(tmp_path):
    (tmp_path / "report.md.j2").write_text("{% for %}\n")
    result = run("report", SAMPLE, "--format", "md", "-o", "-", "--template-dir", tmp_path)
    assert result.exit_code == 1
    assert "report.md.j2: template error" in result.stderr and "Traceback" not in result.output


def test_missing_input_is_a_one_line_error(tmp_path):
    result = run("report", tmp_path / "nope.txt", "-o", "-")
    assert result.exit_code == 1 and "nope.txt" in result.stderr


def test_two_versions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("original", SAMPLE, "-o", "14.16.txt", "-q").exit_code == 0
    assert run("consolidate", SAMPLE, "-o", "14.16-Rev.COP15.txt", "-q").exit_code == 0
    result = run("report", "14.16.txt", "14.16-Rev.COP15.txt", "--format", "md")
    assert result.exit_code == 0, result.output
    md = (tmp_path / "output" / "14.16-Rev.COP15-report.md").read_text(encoding="utf-8")
    assert "- From: Resolution 14.16 (COP14)\n" in md and "- To: Resolution 14.16 (Rev.COP15)\n" in md
    assert "| 28 | 30 |" in md and "- 31 — inserted" in md


def test_two_versions_of_a_long_text_are_diffed_in_two_processes(tmp_path, monkeypatch, sent_by_forked):
    """revcop report OLD NEW, like revcop diff, diffs the words of a long comparison in a second
    process (here forced: the sample is short); the report is the same."""
    import revcop.comparison as comparison

    old, new = SAMPLE_DIR / "COP14.txt", SAMPLE_DIR / "Rev.COP15.txt"
    assert run("report", old, new, "--date", "2026-03-29", "-o", tmp_path / "one.md").exit_code == 0
    monkeypatch.setattr(comparison, "PARALLEL_DIFF_CHARS", 0)
    assert run("report", old, new, "--date", "2026-03-29", "-o", tmp_path / "two.md").exit_code == 0
    assert len(sent_by_forked) == 1 and sent_by_forked[0]  # the forked process sent its word diffs
    assert (tmp_path / "two.md").read_text(encoding="utf-8") == (tmp_path / "one.md").read_text(encoding="utf-8")
