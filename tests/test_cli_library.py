"""The library commands, on the bundled library (from the repository root) and on fresh ones."""

import json
import re

import pytest
from click.testing import CliRunner

from revcop.cli import cli
from tests.conftest import ROOT, SAMPLE_DIR

SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"


def run(*args, **kw):
    return CliRunner().invoke(cli, [str(a) for a in args], **kw)


@pytest.fixture()
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("REVCOP_LIBRARY", raising=False)


def test_show_rev_cop15_is_the_consolidated_text(at_root):
    shown = run("show", "cms/14.16@Rev.COP15", "--format", "txt")
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout == run("consolidate", SAMPLE, "-o", "-", "-q").stdout
    assert shown.stdout.startswith("Resolution 14.16 (Rev.COP15)\n")


def test_show_cop14_is_the_original_text(at_root):
    shown = run("show", "cms/14.16@COP14")
    assert shown.exit_code == 0 and shown.stdout == run("original", SAMPLE, "-o", "-", "-q").stdout
    assert run("show", "cms/14.16").stdout == run("show", "cms/14.16@latest").stdout \
        == run("show", "cms/14.16@Rev.COP15").stdout


def test_show_formats_and_errors(at_root):
    md = run("show", "cms/14.16@COP14", "--format", "md").stdout
    assert md.startswith("# Resolution 14.16\n")
    data = json.loads(run("show", "cms/14.16@Rev.COP15", "--format", "json").stdout)
    assert data["meta"]["meeting"] == "COP15" and data["source"] == "cms/14.16@Rev.COP15"
    html = run("show", "cms/14.16@Rev.COP15", "--format", "html").stdout
    assert "<title>Resolution 14.16 (Rev.COP15)</title>" in html and "free-flowing rivers" in html
    docx = run("show", "cms/14.16@COP14", "--format", "docx").stdout_bytes
    assert docx.startswith(b"PK\x03\x04")
    missing = run("show", "cms/14.16@COP9")
    assert missing.exit_code == 1 and "no version COP9" in missing.stderr
    assert run("show", "not-a-ref").exit_code == 2


def test_log_lists_versions_with_provenance_and_changes(at_root):
    result = run("log", "cms/14.16")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "cms/14.16  Resolution 14.16  ECOLOGICAL CONNECTIVITY"
    assert lines[1] == "replaces cms/12.7, cms/12.26"
    assert lines[2].startswith("COP14      2024-02-17  COP14   UNEP/CMS/Resolution 14.16  imported; first version")
    assert lines[3].startswith("Rev.COP15  2026-03-29  COP15   UNEP/CMS/COP15/Doc.28.2  consolidated from "
                               "UNEP/CMS/COP15/Doc.28.2 (")
    assert len(run("log", "cms/14.16@COP14").stdout.splitlines()) == 3
    assert re.search(r"\(\d+ amendment marks\); \d+ amended, \d+ inserted, \d+ moved \(\+\d+/-\d+ words\)$", lines[3])
    data = json.loads(run("log", "cms/14.16", "--format", "json").stdout)
    changes = data["versions"][1]["changes"]
    assert data["versions"][0]["changes"] is None
    assert changes["inserted"] >= 1 and changes["amended"] >= 1


def test_blame_attributes_new_and_old_wording(at_root):
    result = run("blame", "cms/14.16", "-q")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    rivers = next(line for line in lines if "free-flowing rivers" in line)
    assert rivers.startswith("Rev.COP15  12. Encourages Parties to maintain")
    first = next(line for line in lines if "Recalling Resolutions 10.3 and 11.25" in line)
    assert first.startswith("COP14      Recalling")
    assert lines[0].startswith("Rev.COP15  Resolution 14.16 (Rev.COP15)")
    data = json.loads(run("blame", "cms/14.16", "--format", "json", "-q").stdout)
    assert data["versions"] == ["COP14", "Rev.COP15"]
    para12 = next(p for p in data["paragraphs"] if p["label"] == "12.")
    assert para12["version"] == "Rev.COP15" and {x["version"] for x in para12["pieces"]} == {"Rev.COP15"}
    bearing = next(p for p in data["paragraphs"] if p["pieces"][0]["text"].startswith("Bearing in mind"))
    assert [(x["text"], x["version"]) for x in bearing["pieces"]] == [
        ("Bearing in mind that ecological connectivity (hereafter “connectivity”) is the unimpeded movement of "
         "species", "COP14"),
        (", connection of habitats without hinderance", "Rev.COP15"),
        (" and the flow of natural processes that sustain life on Earth,", "COP14"),
    ]
    assert "             Rev.COP15: “, connection of habitats without hinderance”" in lines
    iv = next(p for p in data["paragraphs"] if p["label"] == "(iv)")
    assert iv["version"] == "Rev.COP15" and iv["deleted"] == [
        {"text": "having regard to the desirability", "version": "Rev.COP15"}]
    html = run("blame", "cms/14.16", "--format", "html", "-q").stdout
    assert html.startswith("<!DOCTYPE html>") and 'title="Rev.COP15"' in html
    assert '<del title="Rev.COP15 deleted">having regard to the desirability</del>' in html
    # blame up to a version: everything is the first version's wording
    early = run("blame", "cms/14.16@COP14", "-q").stdout.splitlines()
    assert all(line.startswith("COP14") for line in early)


def test_verify_ok_and_failing(at_root, tmp_path):
    ok = run("verify")
    assert ok.exit_code == 0 and "1 instrument(s), 2 version(s)" in ok.stderr
    broken = tmp_path / "lib" / "cms" / "14.16"
    broken.mkdir(parents=True)
    manifest = (ROOT / "resolutions" / "cms" / "14.16" / "manifest.toml").read_text(encoding="utf-8")
    (broken / "manifest.toml").write_text(manifest, encoding="utf-8")
    result = run("verify", "--library", tmp_path / "lib")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{broken / 'manifest.toml'}: version COP14: file COP14.txt is missing",
        f"{broken / 'manifest.toml'}: version Rev.COP15: file Rev.COP15.txt is missing",
        f"{broken / 'manifest.toml'}: version Rev.COP15: source file UNEP-CMS-COP15-Doc.28.2.txt is missing",
    ]
    assert "3 problem(s)" in result.stderr


def test_import_and_consolidate_into_a_fresh_library(tmp_path):
    lib = tmp_path / "lib"
    orig = tmp_path / "orig.txt"
    assert run("original", SAMPLE, "-o", orig, "-q").exit_code == 0
    refused = run("import", SAMPLE, "--as", "cms/14.16@COP15", "--library", lib)
    assert refused.exit_code == 1 and "carries" in refused.stderr and "consolidate" in refused.stderr
    assert not lib.exists() or not (lib / "cms").exists()
    done = run("import", orig, "--as", "cms/14.16@COP14", "--date", "2024-02-17", "--replaces",
               "cms/12.7,cms/12.26", "--library", lib)
    assert done.exit_code == 0, done.stderr
    assert "recorded cms/14.16@COP14" in done.stderr
    wrong = run("import", orig, "--as", "cms/12.7@COP13", "--library", lib)
    assert wrong.exit_code == 1 and "is Resolution 14.16, not 12.7" in wrong.stderr
    cms = tmp_path / "cms.txt"
    cms.write_text("CONVENTION ON MIGRATORY SPECIES\n\n" + orig.read_text(encoding="utf-8"), encoding="utf-8")
    other = run("import", cms, "--as", "cites/14.16@COP19", "--library", lib)
    assert other.exit_code == 1 and "is a CMS text, not CITES" in other.stderr
    again = run("import", orig, "--as", "cms/14.16@COP14", "--library", lib)
    assert again.exit_code == 1 and "give --force" in again.stderr
    assert run("import", orig, "--as", "cms/14.16", "--library", lib).exit_code == 2
    into = run("consolidate", SAMPLE, "--into", lib, "--date", "2026-03-29", "-q")
    assert into.exit_code == 0, into.stderr
    folder = lib / "cms" / "14.16"
    assert sorted(p.name for p in folder.iterdir()) == [
        "COP14.txt", "Rev.COP15.txt", "UNEP-CMS-COP15-Doc.28.2.txt", "manifest.toml"]
    assert (folder / SAMPLE.name).read_bytes() == SAMPLE.read_bytes()
    assert run("verify", "--library", lib).exit_code == 0
    shown = run("show", "cms/14.16@Rev.COP15", "--library", lib).stdout
    assert shown == run("consolidate", SAMPLE, "-o", "-", "-q").stdout
    # no marks, nothing to consolidate into the library
    plain = run("consolidate", orig, "--into", lib)
    assert plain.exit_code == 1 and "no amendment marks" in plain.stderr
    assert run("consolidate", SAMPLE, "--date", "2026-03-29", "-o", "-").exit_code == 2


def test_every_command_taking_a_file_takes_a_reference(at_root):
    parsed = run("parse", "cms/14.16@Rev.COP15")
    assert parsed.exit_code == 0 and "document: cms/14.16@Rev.COP15" in parsed.stdout
    assert "meeting: COP15  convention: CMS" in parsed.stdout


def test_diff_between_two_versions(at_root, tmp_path, monkeypatch):
    result = run("diff", "cms/14.16@COP14", "cms/14.16@Rev.COP15", "--format", "txt", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert "unimpeded movement of species{++, connection of habitats without hinderance++} and" in result.stdout
    root = ROOT
    monkeypatch.chdir(tmp_path)
    assert run("show", "cms/14.16@COP14", "--library", root / "resolutions").exit_code == 0
    monkeypatch.setenv("REVCOP_LIBRARY", str(root / "resolutions"))
    assert run("original", "cms/14.16@Rev.COP15", "-q").exit_code == 0
    assert (tmp_path / "output" / "cms-14.16@Rev.COP15-original.txt").is_file()
