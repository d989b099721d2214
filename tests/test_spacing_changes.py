"""Issue 17, item 3: a change of white space is a change. A space that became a no-break space (the
WC055 French pair of the public corpus) was reported as ``0 amended`` and the annex showed nothing;
every change of a character is now marked, counted, and named as a change of spacing."""

from __future__ import annotations

import json
import zipfile

from click.testing import CliRunner

from revcop.cli import cli
from revcop.comparison import compare
from revcop.comparison.words import diff_words
from revcop.model import Change
from revcop.readers import read_document

U, I, D = Change.UNCHANGED, Change.INSERTED, Change.DELETED
FRENCH = "Open-Xml-PowerTools__WC055-French.docx"
FRENCH_MOD = "Open-Xml-PowerTools__WC055-French-Mod.docx"
NBSP_WARNING = "a change of spacing: space → no-break space (U+00A0) between “l'article” and “1”"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _pair(corpus):
    return corpus / "docx-public" / FRENCH, corpus / "docx-public" / FRENCH_MOD


def test_wc055_pair_really_differs_only_by_a_no_break_space(corpus):
    old, new = (read_document(p).value for p in _pair(corpus))
    (a,), (b,) = list(old.walk()), list(new.walk())
    assert a.text != b.text and a.text.replace(" 1 de la", "\u00a01 de la") == b.text


def test_wc055_comparison_is_one_amended_paragraph_with_the_space_marked(corpus):
    old, new = (read_document(p).value for p in _pair(corpus))
    comparison = compare(old, new)
    assert comparison.summary["amended"] == 1 and comparison.summary["unchanged"] == 0
    (change,) = comparison.changes
    assert change.kind == "amended"
    marked = [(s.change, s.text) for s in change.spans if s.change is not U]
    assert marked == [(D, " "), (I, "\u00a0")]
    assert [m.text for m in comparison.messages] == [NBSP_WARNING]
    assert comparison.messages[0].level == "warning"


def test_wc055_diff_summary_and_warning(corpus, tmp_path):
    old, new = _pair(corpus)
    out = tmp_path / "changes.json"
    result = run("diff", old, new, "-o", out)
    assert result.exit_code == 0, result.output
    assert "(1 amended, 0 inserted, 0 deleted, 0 moved paragraphs)" in result.stderr
    assert f"warning: paragraph 1: {NBSP_WARNING}" in result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["summary"]["amended"] == 1
    assert {"text": "\u00a0", "change": "inserted"} in data["changes"][0]["spans"]


def test_wc055_annex_marks_the_struck_space_and_the_underlined_no_break_space(corpus, tmp_path):
    old, new = _pair(corpus)
    for style, deleted, inserted in (
            ("underline", '<w:rPr><w:strike/></w:rPr><w:t xml:space="preserve"> </w:t>',
             '<w:rPr><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">\u00a0</w:t>'),
            ("tracked", '<w:delText xml:space="preserve"> </w:delText>', '<w:t xml:space="preserve">\u00a0</w:t>')):
        out = tmp_path / f"annex-{style}.docx"
        assert run("diff", old, new, "-o", out, "--style", style, "-q").exit_code == 0
        xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
        assert deleted in xml and inserted in xml, style
        if style == "tracked":
            assert "<w:ins " in xml and "<w:del " in xml
    text = run("diff", old, new, "-o", "-", "--format", "txt", "-q").stdout
    assert "l'article{-- --}{++\u00a0++}1 de la" in text


def test_wc055_report_counts_the_paragraph_and_names_the_change(corpus, tmp_path):
    old, new = _pair(corpus)
    out = tmp_path / "report.md"
    assert run("report", old, new, "-o", out, "-q").exit_code == 0
    md = out.read_text(encoding="utf-8")
    assert "| **All** | 1 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 |" in md
    assert NBSP_WARNING in md
    html = tmp_path / "report.html"
    assert run("report", old, new, "-o", html, "-q").exit_code == 0
    assert "between “l&#39;article” and “1”" in html.read_text(encoding="utf-8") or \
        "between “l'article” and “1”" in html.read_text(encoding="utf-8")


def test_text_pairs_double_space_tab_and_joined_words(tmp_path):
    old, new = tmp_path / "a.txt", tmp_path / "b.txt"
    old.write_text("1. Urges Parties  to act;\n\n2. Requests the Secretariat\tto report;\n\n"
                   "3. Invites the Parties to cooperate;\n", encoding="utf-8")
    new.write_text("1. Urges Parties to act;\n\n2. Requests the Secretariat to report;\n\n"
                   "3. Invites the Parties to cooperate;\n", encoding="utf-8")
    result = run("diff", old, new, "-o", "-", "--format", "txt")
    assert result.exit_code == 0
    assert "Urges Parties{--  --}{++ ++}to act;" in result.stdout
    assert "the Secretariat{--\t--}{++ ++}to report;" in result.stdout
    assert "line 1: a change of spacing: 2 spaces → space between “Parties” and “to”" in result.stderr
    assert "line 3: a change of spacing: tab → space between “Secretariat” and “to”" in result.stderr
    assert "line 5" not in result.stderr
    out = tmp_path / "c.json"
    assert run("diff", old, new, "-o", out, "-q").exit_code == 0
    summary = json.loads(out.read_text(encoding="utf-8"))["summary"]
    assert (summary["amended"], summary["unchanged"]) == (2, 1)


def test_identical_texts_stay_unchanged_and_silent(tmp_path):
    old = tmp_path / "a.txt"
    old.write_text("1. Urges Parties  to act;\n", encoding="utf-8")
    result = run("diff", old, old, "-o", tmp_path / "c.json")
    assert result.exit_code == 0 and "warning" not in result.stderr
    assert "(0 amended, 0 inserted, 0 deleted, 0 moved paragraphs)" in result.stderr


def test_spacing_changes_names_only_changes_of_white_space():
    from revcop.comparison.words import spacing_changes

    pieces = diff_words("shall report by 1 January on progress", "shall report by 1\u00a0January on the progress")
    assert spacing_changes(pieces) == ["space → no-break space (U+00A0) between “1” and “January”"]
    assert spacing_changes(diff_words("a word changed", "a term changed")) == []
    assert spacing_changes([(U, "end of text"), (I, " ")]) == ["nothing → space after “text”"]
    assert spacing_changes([(D, "\u202f"), (U, "start")]) == [
        "narrow no-break space (U+202F) → nothing before “start”"]
    assert spacing_changes([(U, "a"), (D, "\u00a0\u00a0"), (I, "\t "), (U, "b")]) == [
        "2 × no-break space (U+00A0) → tab + space between “a” and “b”"]
