"""``revcop diff`` on the command line."""

from __future__ import annotations

import json
import zipfile

from click.testing import CliRunner

from revcop.cli import cli
from tests.conftest import SAMPLE_DIR

SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _versions(tmp_path):
    old, new = tmp_path / "cop14.txt", tmp_path / "cop15.txt"
    assert run("original", SAMPLE, "-o", old, "-q").exit_code == 0
    assert run("consolidate", SAMPLE, "-o", new, "-q").exit_code == 0
    return old, new


def test_default_output_is_a_docx_annex_named_after_both_inputs(tmp_path, monkeypatch):
    old, new = _versions(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("diff", old, new)
    assert result.exit_code == 0, result.output
    out = tmp_path / "output" / "cop14-vs-cop15.docx"
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert "PROPOSED AMENDMENTS TO RESOLUTION 14.16" in xml and "<w:u " in xml and "<w:strike" in xml
    assert "<w:ins " not in xml
    assert "11 amended" not in result.stderr and "2 moved paragraphs" in result.stderr


def test_tracked_style_writes_revisions_and_moves(tmp_path):
    old, new = _versions(tmp_path)
    out = tmp_path / "annex.docx"
    result = run("diff", old, new, "-o", out, "--style", "tracked", "--author", "CMS Secretariat",
                 "--date", "2026-03-23T01:30+01:00")
    assert result.exit_code == 0, result.output
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert 'w:author="CMS Secretariat"' in xml and 'w:date="2026-03-23T00:30:00Z"' in xml
    assert "<w:moveFrom " in xml and "<w:moveTo " in xml and "<w:del " in xml


def test_text_output_is_critic_markup_with_bis_labels(tmp_path):
    old, new = _versions(tmp_path)
    result = run("diff", old, new, "-o", "-", "--format", "txt", "-q")
    assert result.exit_code == 0
    assert "\n{++11 bis.++} {++Encourages Parties to maintain" in result.stdout
    assert "ecological {--networks--}{++connectivity++} over time;" in result.stdout


def test_html_output_uses_ins_and_del(tmp_path):
    old, new = _versions(tmp_path)
    out = tmp_path / "annex.html"
    assert run("diff", old, new, "-o", out, "-q").exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "<ins" in html and "<del" in html and "11 bis." in html


def test_json_has_summary_counts_and_changes(tmp_path):
    old, new = _versions(tmp_path)
    out = tmp_path / "changes.json"
    assert run("diff", old, new, "-o", out, "-q").exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    summary = data["summary"]
    assert set(summary) == {"unchanged", "amended", "inserted", "deleted", "moved", "split", "merged",
                            "words_inserted", "words_deleted"}
    assert all(isinstance(v, int) for v in summary.values()) and summary["moved"] == 2
    inserted = [c for c in data["changes"] if c["kind"] == "inserted" and c["new_label"] == "12"]
    assert inserted and inserted[0]["old_label"] is None and inserted[0]["part"] == "resolution"
    assert {s["change"] for s in inserted[0]["spans"]} == {"inserted"}
    moves = [c for c in data["changes"] if c["kind"] == "moved"]
    assert len(moves) == 4 and all(c["move"] for c in moves)


def test_char_granularity_allows_marks_inside_words(tmp_path):
    old, new = tmp_path / "a.txt", tmp_path / "b.txt"
    old.write_text("1. Parties are protecting the habitats.\n", encoding="utf-8")
    new.write_text("1. Parties have protected the habitats.\n", encoding="utf-8")
    word = run("diff", old, new, "-o", "-", "--format", "txt", "-q").stdout
    char = run("diff", old, new, "-o", "-", "--format", "txt", "-q", "--granularity", "char").stdout
    assert "{--are protecting--}{++have protected++}" in word
    assert "{--are--}{++have++} protect{--ing--}{++ed++}" in char


def test_errors_are_one_line(tmp_path):
    old, new = _versions(tmp_path)
    missing = run("diff", tmp_path / "nope.txt", new, "-o", "-")
    assert missing.exit_code == 1 and "nope.txt: no such file" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
    assert run("diff", old, new, "-o", tmp_path / "x.pdf").exit_code == 2
    assert run("diff", old, new, "-o", "-", "--date", "yesterday").exit_code == 2
    assert run("diff", old, new, "-o", old, "--force").exit_code == 1  # never over an input


def test_identical_versions_have_no_marks(tmp_path):
    old, _ = _versions(tmp_path)
    result = run("diff", old, old, "-o", "-", "--format", "json", "-q")
    summary = json.loads(result.stdout)["summary"]
    assert summary["unchanged"] > 50
    assert all(summary[k] == 0 for k in summary if k != "unchanged")
