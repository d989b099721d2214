"""The library commands, on the bundled library (from the repository root) and on fresh ones."""

import hashlib
import json
import os
import re
import shutil
import tomllib

import pytest
import tomli_w
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


# -- robustness: the library's data is never lost, never reached outside it (issue 17) -------------------
KEY = "cms/14.16"


@pytest.fixture(scope="module")
def texts(tmp_path_factory):
    """Two texts of Resolution 14.16 as it stands (the original and a variant), and a library holding
    the first as cms/14.16@COP14."""
    base = tmp_path_factory.mktemp("texts")
    orig = base / "orig.txt"
    assert run("original", SAMPLE, "-o", orig, "-q").exit_code == 0
    text = orig.read_text(encoding="utf-8")
    variant = base / "variant.txt"
    variant.write_text(text.replace("ecological connectivity", "ecological connectedness", 1), encoding="utf-8")
    assert variant.read_text(encoding="utf-8") != text
    lib = base / "lib"
    done = run("import", orig, "--as", f"{KEY}@COP14", "--date", "2024-02-17", "--library", lib, "-q")
    assert done.exit_code == 0, done.stderr
    return orig, variant, lib


@pytest.fixture()
def lib(texts, tmp_path):
    copy = tmp_path / "lib"
    shutil.copytree(texts[2], copy)
    return copy


def folder(lib):
    return lib / "cms" / "14.16"


def snapshot(lib) -> dict:
    """Every file of the library (lock file aside) and its bytes."""
    return {str(p.relative_to(lib)): p.read_bytes() for p in sorted(lib.rglob("*"))
            if p.is_file() and p.name != ".revcop.lock"}


def edit(lib, change, key=KEY):
    path = lib / key / "manifest.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def one_line_error(result, code=1) -> str:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("revcop: error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def verified(lib) -> bool:
    result = run("verify", "--library", lib)
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code == 0


@pytest.mark.parametrize("outside", ["../../../precious/notes.txt", "ABSOLUTE"])
@pytest.mark.parametrize("key", ["file", "source_file"])
def test_a_stored_file_outside_its_folder_is_never_read_nor_deleted(lib, texts, tmp_path, outside, key):
    precious = tmp_path / "precious" / "notes.txt"
    precious.parent.mkdir()
    precious.write_text("my private notes\n", encoding="utf-8")
    name = str(precious) if outside == "ABSOLUTE" else outside
    sha = hashlib.sha256(precious.read_bytes()).hexdigest()
    manifest = edit(lib, lambda d: d["version"][0].update({key: name, key.replace("file", "sha256"): sha}))
    before = manifest.read_bytes()
    for args in (("show", f"{KEY}@COP14"), ("log", KEY), ("blame", KEY),
                 ("import", texts[1], "--as", f"{KEY}@COP14", "--force"),
                 ("import", texts[1], "--as", f"{KEY}@COP15")):
        result = run(*args, "--library", lib)
        line = one_line_error(result)
        assert f"{manifest}: version COP14: {key} {name!r} is not a plain file name" in line, line
        assert "my private notes" not in result.output
    assert precious.read_text(encoding="utf-8") == "my private notes\n"
    assert manifest.read_bytes() == before
    result = run("verify", "--library", lib)
    assert result.exit_code == 1 and "is not a plain file name in the instrument folder" in result.stdout


def test_a_stored_file_that_links_outside_is_refused(lib, tmp_path):
    precious = tmp_path / "notes.txt"
    precious.write_text("my private notes\n", encoding="utf-8")
    stored = folder(lib) / "COP14.txt"
    stored.unlink()
    stored.symlink_to(precious)
    result = run("show", f"{KEY}@COP14", "--library", lib)
    assert "resolves outside its instrument folder" in one_line_error(result)
    assert "my private notes" not in result.output
    assert run("import", SAMPLE, "--as", f"{KEY}@COP14", "--force", "--library", lib).exit_code == 1
    assert precious.read_text(encoding="utf-8") == "my private notes\n"
    assert not verified(lib)


class Crash(BaseException):
    """A crash (power cut, SIGKILL) at a chosen point: nothing after it runs."""


@pytest.mark.parametrize("command", ["import", "consolidate"])
def test_a_crash_at_any_rename_leaves_the_old_version_or_the_new(lib, texts, monkeypatch, command):
    orig, variant, _ = texts
    if command == "import":
        args = ("import", variant, "--as", f"{KEY}@COP14", "--force", "--library")
        new_version = f"{KEY}@COP14"
    else:
        args = ("consolidate", SAMPLE, "--into")
        new_version = f"{KEY}@Rev.COP15"
    before = snapshot(lib)
    old_text = run("show", f"{KEY}@COP14", "--library", lib).stdout
    outcomes = set()
    real = os.replace
    for k in range(1, 12):
        shutil.rmtree(lib)
        for name, data in before.items():
            (lib / name).parent.mkdir(parents=True, exist_ok=True)
            (lib / name).write_bytes(data)
        calls = []

        def crashing(src, dst):
            calls.append(dst)
            if len(calls) == k:
                raise Crash(f"crash at rename {k}")
            return real(src, dst)

        monkeypatch.setattr(os, "replace", crashing)
        try:
            result = run(*args, lib, "-q")
        except Crash:
            result = None
        monkeypatch.setattr(os, "replace", real)
        if result is not None:  # fewer renames than k: the command ran to its end
            assert result.exit_code == 0, result.stderr
            break
        # the next command completes or undoes the change: the old state or the new, never a mix
        assert verified(lib), run("verify", "--library", lib).stdout
        shown = run("show", new_version, "--library", lib)
        if command == "import":
            assert shown.stdout in (old_text, variant.read_text(encoding="utf-8"))
            outcomes.add("new" if shown.stdout != old_text else "old")
        else:
            outcomes.add("new" if shown.exit_code == 0 else "old")
            assert run("show", f"{KEY}@COP14", "--library", lib).stdout == old_text
        assert not [p for p in lib.rglob(".*") if p.name not in (".revcop.lock",)]
    else:
        pytest.fail("the command never ended")
    assert outcomes == {"old", "new"}


def test_an_import_that_fails_changes_nothing(lib, texts):
    orig, variant, _ = texts
    (lib / "cms" / "12.7").mkdir(parents=True)
    (lib / "cms" / "12.7" / "manifest.toml").write_text('schema = "revcop/library/1"\ntitle = [1]\n',
                                                         encoding="utf-8")
    before = snapshot(lib)
    result = run("import", variant, "--as", f"{KEY}@COP14", "--force", "--replaces", "cms/12.7", "--library", lib)
    assert "cms/12.7/manifest.toml: key title must be a string, not an array" in one_line_error(result)
    assert snapshot(lib) == before


def exit_code(*args) -> int:
    """Run revcop in this thread (CliRunner cannot run two commands at once) and give its exit code."""
    try:
        cli.main(args=[str(a) for a in args], prog_name="revcop")
    except SystemExit as e:
        return e.code or 0
    return 0


def test_verify_waits_for_a_change_under_way(lib, texts, monkeypatch):
    """verify while import --force replaces a version sees the old state or the new one, never a mix."""
    import threading

    midway, go = threading.Event(), threading.Event()
    real = os.replace

    def slow(src, dst):
        real(src, dst)
        if str(dst).endswith("COP14.txt"):  # the new text in place, the manifest not yet
            midway.set()
            go.wait(10)

    monkeypatch.setattr(os, "replace", slow)
    codes = {}
    writer = threading.Thread(target=lambda: codes.update(
        imported=exit_code("import", texts[1], "--as", f"{KEY}@COP14", "--force", "--library", lib, "-q")))
    writer.start()
    assert midway.wait(30)
    reader = threading.Thread(target=lambda: codes.update(verified=exit_code("verify", "--library", lib)))
    reader.start()
    reader.join(1)
    go.set()
    writer.join(30)
    reader.join(30)
    assert codes == {"imported": 0, "verified": 0}


@pytest.mark.slow
def test_a_killed_import_leaves_a_library_that_verifies(lib, texts):
    """SIGKILL at random moments of import --force: every time, the old version or the new one."""
    import random
    import signal
    import subprocess
    import sys
    import time

    orig, variant, _ = texts
    texts_ = {orig.read_text(encoding="utf-8"), variant.read_text(encoding="utf-8")}
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    rng = random.Random(17)
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "revcop", "import", str(variant), "--as", f"{KEY}@COP14", "--force",
                    "--library", str(lib), "-q"], env=env, check=True)
    whole = time.monotonic() - start
    for i in range(12):
        source = (orig, variant)[i % 2]
        proc = subprocess.Popen([sys.executable, "-m", "revcop", "import", str(source), "--as", f"{KEY}@COP14",
                                 "--force", "--library", str(lib), "-q"], env=env)
        time.sleep(rng.uniform(whole * 0.3, whole * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert verified(lib), run("verify", "--library", lib).stdout
        assert run("show", f"{KEY}@COP14", "--library", lib).stdout in texts_


@pytest.mark.parametrize("problem", ["exists", "extension", "template"])
def test_a_failing_consolidate_into_records_nothing(lib, tmp_path, problem):
    before = snapshot(lib)
    out = tmp_path / "out.txt"
    if problem == "exists":
        out.write_text("mine", encoding="utf-8")
        args, code = ("-o", out), 1
    elif problem == "extension":
        args, code = ("-o", tmp_path / "out.xyz"), 2
    else:
        args, code = ("-o", tmp_path / "out.docx", "--template", tmp_path / "missing.docx"), 1
    result = run("consolidate", SAMPLE, "--into", lib, *args)
    assert result.exit_code == code, result.stderr
    assert snapshot(lib) == before
    assert "recorded" not in result.stderr
    if problem == "exists":
        assert out.read_text(encoding="utf-8") == "mine"


def test_a_stored_file_is_never_an_output(lib, monkeypatch):
    before = snapshot(lib)
    stored = folder(lib) / "COP14.txt"
    for args in (("show", f"{KEY}@COP14", "-o", stored, "--force", "--library", lib),
                 ("show", f"{KEY}@COP14", "--format", "md", "-o", folder(lib) / "manifest.toml", "--force",
                  "--library", lib)):
        line = one_line_error(run(*args))
        assert "output would overwrite the input" in line or "is a file of the versions library" in line
    assert run("consolidate", SAMPLE, "--into", lib, "-q").exit_code == 0
    before = snapshot(lib)
    monkeypatch.setenv("REVCOP_LIBRARY", str(lib))
    for args in (("consolidate", f"{KEY}@COP14", "-o", folder(lib) / "Rev.COP15.txt", "--force"),
                 ("original", f"{KEY}@Rev.COP15", "-o", stored, "--force"),
                 ("show", f"{KEY}@Rev.COP15", "-o", folder(lib) / SAMPLE.name, "--force")):
        assert "is a file of the versions library" in one_line_error(run(*args, "-q")) or args[0] == "show"
    assert snapshot(lib) == before and verified(lib)


@pytest.mark.parametrize("name", ["manifest.toml", ".draft.txt", "draft\\14.16.txt", "COP14.txt", "COP15.txt",
                                  "Manifest.TOML", "a\x1bb.txt"])
def test_a_source_of_any_name_is_kept_or_refused_cleanly(texts, tmp_path, name):
    lib = tmp_path / "fresh"
    source = tmp_path / "in" / name
    source.parent.mkdir()
    data = texts[1].read_bytes() + b"\n\n"  # not the canonical text: kept beside it as the source
    source.write_bytes(data)
    for vid in ("COP14", "COP15"):
        result = run("import", source, "--as", f"{KEY}@{vid}", "--force", "--library", lib, "-q")
        assert result.exit_code == 0, result.stderr
        assert verified(lib), run("verify", "--library", lib).stdout
        entry = next(v for v in tomllib.loads((folder(lib) / "manifest.toml").read_text(encoding="utf-8"))["version"]
                     if v["id"] == vid)
        kept = folder(lib) / entry["source_file"]
        assert entry["source_file"] != entry["file"] and kept.read_bytes() == data
        assert not entry["source_file"].startswith(".") and "\\" not in entry["source_file"]
        assert run("show", f"{KEY}@{vid}", "--library", lib).stdout == texts[1].read_text(encoding="utf-8")


DAMAGES = {
    "lineage a string": (lambda d: d.update(lineage="cms/12.7"), "key lineage must be a table, not a string"),
    "versions integers": (lambda d: d.update(version=[1, 2]), "version 1 must be a table, not an integer"),
    "file an integer": (lambda d: d["version"][0].update(file=5),
                        "key version.file (entry 1) must be a string, not an integer"),
    "replaces integers": (lambda d: d["lineage"].update(replaces=[12]),
                          "key lineage.replaces must be an array of strings, not an array holding an integer"),
    "amendments text": (lambda d: d["version"][0].update(amendments="many"),
                        "version 1: key amendments must be a whole number, not 'many'"),
    "format unknown": (lambda d: d["version"][0].update(format="pdf"), "version COP14: format 'pdf' is not one of txt, json"),
    "unknown key": (lambda d: d.update(titel="x"), "unknown key titel"),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_manifest_of_wrong_types_is_one_line_error_in_every_command(lib, texts, damage):
    change, message = DAMAGES[damage]
    manifest = edit(lib, change)
    before = manifest.read_bytes()
    for args in (("show", KEY), ("log", KEY), ("blame", KEY), ("import", texts[1], "--as", f"{KEY}@COP16"),
                 ("import", texts[1], "--as", f"{KEY}@COP14", "--force"), ("consolidate", SAMPLE, "--into")):
        result = run(*args, lib) if args[0] == "consolidate" else run(*args, "--library", lib)
        assert f"{manifest}: {message}" in one_line_error(result), args
    assert manifest.read_bytes() == before  # import never rewrites a damaged manifest
    result = run("verify", "--library", lib)
    assert result.exit_code == 1 and f"{manifest}: {message}" in result.stdout


@pytest.mark.parametrize("stored", ["[1, 2]\n", '{"schema": "revcop/document/1"}\n', "[" * 5000 + "]" * 5000])
def test_a_stored_json_that_is_not_a_dump_is_one_line_error(lib, stored):
    path = folder(lib) / "COP14.json"
    path.write_text(stored, encoding="utf-8")
    (folder(lib) / "COP14.txt").unlink()
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    edit(lib, lambda d: d["version"][0].update(file="COP14.json", format="json", sha256=sha, source_file="COP14.json"))
    assert verified(lib)
    for args in (("show", KEY), ("log", KEY), ("blame", KEY)):
        assert "not a revcop JSON document" in one_line_error(run(*args, "--library", lib))


def test_verify_reports_and_recovers_leftovers(lib):
    staged = folder(lib) / ".COP14.txt.123.0123abcd.new"
    staged.write_text("half of a change never committed", encoding="utf-8")
    old = folder(lib) / ".COP14.txt.k2j3h4.tmp"
    old.write_text("a temporary file of an interrupted write", encoding="utf-8")
    result = run("verify", "--library", lib)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"{old}: a file left by an interrupted write; delete it"]
    assert not staged.exists()  # revcop's own, never committed: removed
    old.unlink()
    assert verified(lib)


def test_a_file_named_like_a_reference_is_the_file(tmp_path, monkeypatch):
    """``cms/14.16@COP14`` is a reference unless a file of that name exists; an existing file is
    known as a file without the rules of references being imported (a command on files does not pay
    for them)."""
    import subprocess
    import sys

    from revcop.pipeline import is_reference

    monkeypatch.chdir(tmp_path)
    assert is_reference("cms/14.16@COP14")
    (tmp_path / "cms").mkdir()
    (tmp_path / "cms" / "14.16@COP14").write_text("1. Text.\n", encoding="utf-8")
    assert not is_reference("cms/14.16@COP14")
    code = ("import sys; from revcop.pipeline import is_reference; "
            "assert not is_reference('cms/14.16@COP14'); print('revcop.library.refs' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, check=True)
    assert out.stdout.strip() == "False"
