"""``revcop publish``: one amendment document in; the consolidated and original Word texts, the annex,
the report and a summary out — each the same as the command that makes it alone."""

from __future__ import annotations

import shutil
import zipfile

from click.testing import CliRunner

from revcop.cli import cli
from tests.desk.support import SAMPLE_DOCX, SAMPLE_TXT, docx_text

NAMES = ("Rev.COP15.docx", "original.docx", "annex.docx", "report.html", "summary.txt")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])




def test_publish_writes_everything_next_to_the_document(tmp_path):
    source = tmp_path / SAMPLE_DOCX.name
    shutil.copy(SAMPLE_DOCX, source)
    before = source.read_bytes()
    result = run("publish", source)
    assert result.exit_code == 0, result.output
    stem = "UNEP-CMS-COP15-Doc.28.2"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([source.name] + [f"{stem}-{n}" for n in NAMES])
    assert source.read_bytes() == before
    for name, args in (("Rev.COP15.docx", ["consolidate"]), ("original.docx", ["original"])):
        alone = tmp_path / f"alone-{name}"
        assert run(*args, source, "-o", alone, "-q").exit_code == 0
        assert docx_text((tmp_path / f"{stem}-{name}").read_bytes()) == docx_text(alone.read_bytes())
        alone.unlink()
    annex = docx_text((tmp_path / f"{stem}-annex.docx").read_bytes())
    assert "PROPOSED AMENDMENTS TO RESOLUTION 14.16" in annex.upper() and "11 bis" in annex
    report = (tmp_path / f"{stem}-report.html").read_text(encoding="utf-8")
    assert report.startswith("<!DOCTYPE html>") and "Resolution 14.16 (Rev.COP15)" in report
    summary = (tmp_path / f"{stem}-summary.txt").read_text(encoding="utf-8")
    assert result.stdout == summary
    lines = summary.splitlines()
    assert lines[0] == "Resolution 14.16 (Rev.COP15)"
    assert lines[1] == "From the amendments proposed in UNEP/CMS/COP15/Doc.28.2."
    assert lines[2].startswith("Paragraphs: 34 amended, 11 inserted, 2 moved (+")
    assert lines[4].startswith("Renumbered (22): 11 bis -> 12, 12 -> 13, ") and "28 bis -> 31" in lines[4]
    assert "Cross-references rewritten: none." in lines
    assert "Warnings and findings (7):" in lines
    assert any("doubled word 'to to'" in line for line in lines)
    assert [line for line in result.stderr.splitlines()] == [f"revcop: wrote {tmp_path / f'{stem}-{n}'}" for n in NAMES]


def test_publish_into_a_folder_with_tracked_annex_and_no_overwrite(tmp_path):
    out = tmp_path / "out"
    assert run("publish", SAMPLE_TXT, "-o", out, "--annex-style", "tracked", "-q").exit_code == 0
    stem = "UNEP-CMS-COP15-Doc.28.2"
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{stem}-{n.replace('annex', 'annex-tracked')}" for n in NAMES)
    with zipfile.ZipFile(out / f"{stem}-annex-tracked.docx") as z:
        assert b"<w:ins " in z.read("word/document.xml") and b"<w:del " in z.read("word/document.xml")
    for path in out.iterdir():
        path.unlink()
    (out / f"{stem}-report.html").write_text("kept")
    again = run("publish", SAMPLE_TXT, "-o", out)
    assert again.exit_code == 1
    assert again.stderr == f"revcop: error: {out / f'{stem}-report.html'}: exists; give --force to overwrite it " \
                           "(nothing was written)\n"
    assert [p.name for p in out.iterdir()] == [f"{stem}-report.html"]  # nothing written: all or nothing
    assert (out / f"{stem}-report.html").read_text() == "kept"
    assert run("publish", SAMPLE_TXT, "-o", out, "--force", "-q").exit_code == 0
    assert (out / f"{stem}-report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_publish_a_bad_file_is_one_line_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    result = run("publish", bad)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"revcop: error: {bad}: ") and len(result.stderr.splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.docx"]
    missing = run("publish", tmp_path / "nothing.docx")
    assert missing.exit_code == 1 and "no such file" in missing.stderr


def test_publish_refuses_a_text_without_amendment_marks(tmp_path):
    from tests.conftest import SAMPLE_DIR

    result = run("publish", SAMPLE_DIR / "COP14.txt", "-o", tmp_path)
    assert result.exit_code == 1 and list(tmp_path.iterdir()) == []
    assert result.stderr == (f"revcop: error: {SAMPLE_DIR / 'COP14.txt'}: carries no amendment marks, so there is "
                             "nothing to publish; to compare two versions, use revcop diff OLD NEW or revcop report "
                             "OLD NEW\n")
