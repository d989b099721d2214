"""Hostile and broken inputs through every command: one-line errors, exit codes, nothing half-written.

Every input is generated here (nothing large is committed). Commands are found in the CLI's own
registry, so a command added later (diff, report) is covered by the matrix as soon as it exists.
"""

from __future__ import annotations

import builtins
import hashlib
import io
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from revcop.cli import COMMANDS, EPILOG, cli
MARKER = ".revcop-output"  # the marker of the output/ folder revcop made (docs/robustness.md)
from revcop.model import PartKind
from tests.conftest import ROOT, SAMPLE_DIR

SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"
OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff" + b"\x00" * 482
SMALL = (
    "UNEP/CMS/COP15/Doc.28.2\n"
    "PROPOSED AMENDMENTS TO RESOLUTION 14.16\n"
    "ECOLOGICAL CONNECTIVITY\n"
    "Recalling the work of the Parties,\n"
    "The Conference of the Parties to the Convention on the Conservation of Migratory Species of Wild Animals\n"
    "1. Urges Parties to {--protect--}{++restore++} habitats;\n"
    "{++1 bis. Requests the Secretariat to report;++}\n"
    "2. Invites Parties to act.\n"
)


def command(name: str) -> click.Command:
    return cli.get_command(None, name)


def file_commands() -> list[str]:
    """Every command that takes input files as arguments (not library references)."""
    return [n for n in COMMANDS
            if any(isinstance(p, click.Argument) and isinstance(p.type, click.Path) for p in command(n).params)]


# options a command cannot run without
REQUIRED = {"import": ["--as", "cms/99.1@COP15", "--library", "library", "--force"]}


def args_for(name: str, path: Path | str) -> list[str]:
    """Arguments running command ``name`` on ``path`` (every file argument gets it)."""
    arguments = [p for p in command(name).params if isinstance(p, click.Argument)]
    return [name] + [str(path)] * len(arguments) + REQUIRED.get(name, [])


def run(*args, **kw):
    return CliRunner().invoke(cli, [str(a) for a in args], **kw)


def assert_one_line_error(result, path, problem: str, code: int = 1) -> None:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"revcop: error: {path}: "), lines[0]
    assert problem in lines[0], lines[0]
    assert "Traceback" not in result.output


@pytest.fixture
def cwd(tmp_path, monkeypatch):
    """Run in an empty folder, so default outputs (output/...) land in tmp_path."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def written(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "input" not in p.parts)


# -- bad inputs, every command --------------------------------------------------------------------

BAD_INPUTS = {
    # name: (file name, content or None for special, expected problem)
    "empty": ("empty.txt", b"", "is empty"),
    "blank": ("blank.txt", b" \n\t\n\r\n", "is empty"),
    "text named docx": ("letter.docx", b"Dear colleagues,\nplease find attached.\n", "not a Word document"),
    "word 97 doc": ("old.doc", OLE_HEADER, "Word 97-2003 .doc or an encrypted"),
    "encrypted docx": ("secret.docx", OLE_HEADER, "password-protected"),
    "latin-1 text": ("latin.txt", "1. Urges Parties to protect caf\u00e9s;\n".encode("latin-1"), "byte offset 31"),
    "utf-16 text": ("wide.txt", "1. Urges;\n".encode("utf-16"), "is UTF-16 text; give --encoding utf-16"),
    # issue 17 item 9: formats revcop does not read, named for what they are (told by their bytes)
    "rtf": ("motion.rtf", b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}}1. Urges Parties;\\par}",
            "is an RTF document; open it in Word or LibreOffice and save it as .docx"),
    "rtf named docx": ("motion.docx", b"{\\rtf1\\ansi 1. Urges Parties;\\par}", "is an RTF document"),
    "rtf named doc": ("motion.doc", b"{\\rtf1\\ansi 1. Urges Parties;\\par}", "is an RTF document"),
    "html": ("page.txt", b"\xef\xbb\xbf\n<!DOCTYPE html>\n<html><body><p>1. Urges Parties;</p></body></html>",
             "is an HTML page; open it in Word or LibreOffice and save it as .docx"),
    "word 2003 xml": ("old.xml", b'<?xml version="1.0"?>\n<?mso-application progid="Word.Document"?>\n<w:wordDocument/>',
                      "is a Word XML document"),
    "flat odt": ("flat.fodt", b'<?xml version="1.0"?>\n<office:document xmlns:office="x"/>', "is a flat OpenDocument"),
    "akoma ntoso": ("law.akn", b'<?xml version="1.0"?>\n<akomaNtoso xmlns="x"/>',
                    "is an Akoma Ntoso file, which revcop writes but does not read"),
    "word 97 doc stream": ("real.doc", OLE_HEADER + "WordDocument".encode("utf-16-le"),
                           "is a Word 97-2003 .doc; open it in Word or LibreOffice and save it as .docx"),
    "encrypted stream": ("locked.docx", OLE_HEADER + "EncryptedPackage".encode("utf-16-le"),
                         "is an encrypted (password-protected) Word or Office file"),
    "png": ("scan.docx", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a PNG image, not a document"),
    "gzip": ("texts.txt", b"\x1f\x8b\x08\x00" + bytes(20), "is a gzip archive; unpack it"),
    "utf-16le without bom": ("wide-le.txt", "1. Urges Parties to act;\n2. Requests the Secretariat.\n".encode("utf-16-le"),
                             "is UTF-16 text (little-endian, without a byte order mark); give --encoding utf-16-le"),
    "utf-16be without bom": ("wide-be.txt", "1. Urges Parties to act;\n2. Requests the Secretariat.\n".encode("utf-16-be"),
                             "is UTF-16 text (big-endian, without a byte order mark)"),
    "binary with nul": ("data.txt", bytes(range(1, 256)) * 4 + b"\x00" + bytes(range(256)), "is binary data, not text"),
    "binary without nul": ("noise.json", bytes((i * 37 + 11) % 255 + 1 for i in range(4096)),
                           "is binary data, not text (control bytes, not UTF-8)"),
    "nul after the head": ("late.txt", b"1. Urges Parties;\n" * 5000 + b"\x00",
                           "is binary data, not text (a NUL byte at offset 90000)"),
    "unclosed mark": ("open.txt", b"1. Urges {++Parties;\n", "line 1, column 10: mark {++ is never closed"),
    "bad json": ("dump.json", b'{"schema": "revcop/document/1", "meta": 5, "parts": []}', "not a revcop JSON document"),
    "deep json": ("deep.json", b'{"schema": "revcop/document/1", "meta": {}, "parts": ' + b"[" * 50000 + b"]" * 50000 + b"}",
                  "nested too deeply"),
}


@pytest.mark.parametrize("name", file_commands())
@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_one_line_error(cwd, name, case):
    filename, content, problem = BAD_INPUTS[case]
    (cwd / "input").mkdir()
    path = cwd / "input" / filename
    path.write_bytes(content)
    result = run(*args_for(name, path))
    assert_one_line_error(result, path, problem)
    assert written(cwd) == []


@pytest.mark.parametrize("name", file_commands())
def test_sparse_file_of_nul_bytes_is_refused_at_once(cwd, name, monkeypatch):
    """200 MiB of NUL bytes (a sparse file: no disk used) is refused from its first bytes, not read."""
    import revcop.readers as readers

    path = cwd / "sparse.txt"
    with open(path, "wb") as f:
        f.truncate(200 * 1024 * 1024)
    read = []

    class Counting:  # the file, counting the bytes read from it
        def __init__(self, handle):
            self.handle = handle

        def read(self, n=-1):
            data = self.handle.read(n)
            read.append(len(data))
            return data

        def __getattr__(self, attr):
            return getattr(self.handle, attr)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

    def spy(file, mode="r", *a, **kw):
        handle = builtins.open(file, mode, *a, **kw)
        return Counting(handle) if Path(file) == path else handle

    monkeypatch.setattr(readers, "open", spy, raising=False)
    args = args_for(name, path)
    result = run(*args)
    assert_one_line_error(result, path, "holds nothing but NUL bytes where text should begin")
    # The head of each file given (and a zip test), never 200 MiB: diff reads NEW while OLD is read in a
    # forked process, and then OLD here to report its error first, as reading in turn does.
    assert read and sum(read) <= args.count(str(path)) * (readers.HEAD_BYTES + 64)


def test_utf16_without_bom_reads_with_the_encoding_it_names(cwd):
    path = cwd / "wide.txt"
    path.write_bytes(SMALL.encode("utf-16-le"))
    result = run("consolidate", path, "--encoding", "utf-16-le", "-o", "-", "-q")
    assert result.exit_code == 0 and "1. Urges Parties to restore habitats;" in result.stdout


@pytest.mark.parametrize("name", file_commands())
def test_missing_file_and_directory(cwd, name):
    assert_one_line_error(run(*args_for(name, cwd / "nope.txt")), cwd / "nope.txt", "no such file")
    (cwd / "folder.docx").mkdir()
    result = run(*args_for(name, cwd / "folder.docx"))
    if result.exit_code == 2:  # a command that takes a folder of documents (batch): nothing to read in it
        assert result.stderr.strip().endswith("no file revcop can read (.docx, .txt, .md, .json); "
                                              "give --recursive to look into sub-folders"), result.stderr
    else:
        assert_one_line_error(result, cwd / "folder.docx", "is a directory")
    assert written(cwd) == []


@pytest.mark.parametrize("name", file_commands())
def test_fifo_and_device_inputs_are_refused_not_read(cwd, name):
    fifo = cwd / "pipe.txt"
    os.mkfifo(fifo)  # a FIFO without a writer would block a read forever
    assert_one_line_error(run(*args_for(name, fifo)), fifo, "is not a regular file")
    assert_one_line_error(run(*args_for(name, "/dev/zero")), "/dev/zero", "is not a regular file")


@pytest.mark.parametrize("name", file_commands())
def test_unreadable_file(cwd, name, monkeypatch):
    path = cwd / "locked.txt"
    path.write_text(SMALL, encoding="utf-8")
    path.chmod(0)
    if os.geteuid() == 0:
        # root reads a chmod 000 file anyway: simulate the refusal the way the OS gives it to others
        import revcop.readers as readers

        def refuse(file, *a, **kw):
            if Path(file) == path:
                raise PermissionError(13, "Permission denied", str(file))
            return builtins.open(file, *a, **kw)

        monkeypatch.setattr(readers, "open", refuse, raising=False)
    assert_one_line_error(run(*args_for(name, path)), path, "permission denied")


CRITIC_MATRIX = [
    ("closing without opening", "1. Urges ++} Parties;", "line 1, column 10: closing mark ++} without an opening mark"),
    ("deletion never closed", "x\n1. Urges {--Parties;", "line 2, column 10: mark {-- is never closed"),
    ("nested insertion", "1. {++a {++b++} c++}", "line 1, column 9: nested mark {++ inside {++"),
    ("deletion inside insertion", "1. {++a {--b--} c++}", "line 1, column 9: nested mark {-- inside {++"),
    ("wrong closing", "1. {++a--} b", "line 1, column 8: unbalanced mark --} inside {++"),
    ("substitution without arrow", "one\ntwo {~~a b~~}", "line 2, column 5: substitution {~~…~~} without ~>"),
    ("comment never closed", "1. a {>>note", "line 1, column 6: mark {>> is never closed"),
    ("stray closing comment", "1. a <<} b", "line 1, column 6: closing mark <<} without an opening mark"),
]


@pytest.mark.parametrize("case,text,message", CRITIC_MATRIX, ids=[c[0] for c in CRITIC_MATRIX])
def test_criticmarkup_errors_name_line_and_column(cwd, case, text, message):
    path = cwd / "marks.txt"
    path.write_text(text + "\n", encoding="utf-8")
    for name in file_commands():
        assert_one_line_error(run(*args_for(name, path)), path, message)


def test_every_text_reading_command_has_encoding(cwd):
    path = cwd / "latin.txt"
    path.write_bytes(SMALL.replace("habitats", "caf\u00e9s").encode("latin-1"))
    for name in file_commands():
        assert any(p.name == "encoding" for p in command(name).params), f"{name} lacks --encoding"
        assert_one_line_error(run(*args_for(name, path)), path, "give --encoding")
        result = run(*args_for(name, path), "--encoding", "latin-1", "-q")
        assert result.exit_code in (0, 1) and "encoding" not in result.stderr, (name, result.stderr)
        assert "internal error" not in result.stderr
        assert_one_line_error(run(*args_for(name, path), "--encoding", "klingon"), path, "unknown encoding 'klingon'")
    out = run("consolidate", path, "--encoding", "latin-1", "-o", "-", "-q").stdout
    assert "restore cafés;" in out


# -- output safety ----------------------------------------------------------------------------------

OUTPUT_COMMANDS = [n for n in file_commands() if any(p.name == "output" for p in command(n).params)]


def fmt(name: str) -> str:
    """A text-like output format the command offers."""
    choices = next(p.type.choices for p in command(name).params if p.name == "fmt")
    return next(f for f in ("txt", "outline", "text", "md", "html", "json") if f in choices)


def ext(name: str) -> str:
    """The extension of :func:`fmt`'s format (-o's extension must agree with --format)."""
    return {"outline": "txt", "text": "txt"}.get(fmt(name), fmt(name))


def sample_copy(folder: Path, name: str = "in.txt") -> Path:
    (folder / "input").mkdir(exist_ok=True)
    path = folder / "input" / name
    path.write_text(SMALL, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", OUTPUT_COMMANDS)
def test_output_never_overwrites_the_input(cwd, name):
    e = ext(name)
    path = sample_copy(cwd, f"in.{e}")
    before = path.read_bytes()
    link = cwd / f"link.{e}"
    link.symlink_to(path)
    hard = cwd / f"hard.{e}"
    os.link(path, hard)
    spellings = [path, Path("input") / f"in.{e}", f"./input/in.{e}", f"input/../input/in.{e}", link, hard]
    for spelling in spellings:
        result = run(*args_for(name, path), "-o", spelling, "--force", "--format", fmt(name))
        assert_one_line_error(result, spelling, "output would overwrite the input")
    # and the input given through the symlink, the output the real file
    result = run(*args_for(name, link), "-o", path, "--force", "--format", fmt(name))
    assert_one_line_error(result, path, "output would overwrite the input")
    assert path.read_bytes() == before and link.is_symlink()
    assert [p.name for p in cwd.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("name", OUTPUT_COMMANDS)
def test_output_that_cannot_be_written(cwd, name, monkeypatch):
    path = sample_copy(cwd)
    fmt_ = fmt(name)
    (cwd / "afile").write_text("x")
    assert_one_line_error(run(*args_for(name, path), "-o", f"afile/out.{ext(name)}", "--format", fmt_),
                          f"afile/out.{ext(name)}", "cannot be written (afile is not a folder)")
    (cwd / "adir").mkdir()
    assert_one_line_error(run(*args_for(name, path), "-o", "adir", "--format", fmt_), "adir", "is a directory")
    import revcop.files

    def denied(*a, **kw):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(revcop.files, "temporary", denied)  # root may write anywhere: simulate a locked folder
    assert_one_line_error(run(*args_for(name, path), "-o", f"out.{ext(name)}", "--format", fmt_),
                          f"out.{ext(name)}", "cannot be written (Permission denied)")
    assert not (cwd / f"out.{ext(name)}").exists()


def test_failed_write_leaves_old_output_and_no_temporary(cwd, monkeypatch):
    path = sample_copy(cwd)
    out = cwd / "c.txt"
    out.write_text("previous version")

    def full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    assert_one_line_error(run("consolidate", path, "-o", out, "--force"), out, "No space left on device")
    assert out.read_text() == "previous version"
    assert sorted(p.name for p in cwd.iterdir()) == ["c.txt", "input"]


def test_existing_output_is_kept_without_force_but_output_folder_is_revcops(cwd):
    path = sample_copy(cwd)
    for name in OUTPUT_COMMANDS:
        mine = cwd / f"mine.{ext(name)}"
        mine.write_text("my notes")
        assert_one_line_error(run(*args_for(name, path), "-o", mine, "--format", fmt(name)), mine,
                              "exists; give --force to overwrite it")
        assert mine.read_text() == "my notes"
    assert run("consolidate", path).exit_code == 0
    assert (cwd / "output" / MARKER).is_file()  # revcop made output/ and says so in it
    assert run("consolidate", path).exit_code == 0  # output/ is regenerated without --force
    assert (cwd / "output" / "in-Rev.COP15.txt").read_text(encoding="utf-8").startswith("Resolution 14.16")


# -- files: output/, -o, formats, the terminal (issue 17 items 6-8, "Files and the terminal") --------

def test_an_output_folder_revcop_did_not_make_is_like_any_other(cwd):
    """A user's own output/ (no marker): a hand-edited output/…txt is not replaced without --force."""
    path = sample_copy(cwd)
    (cwd / "output").mkdir()
    edited = cwd / "output" / "in-Rev.COP15.txt"
    edited.write_text("hand-edited consolidation")
    result = run("consolidate", path)
    assert_one_line_error(result, Path("output") / "in-Rev.COP15.txt", "exists; give --force to overwrite it")
    assert edited.read_text() == "hand-edited consolidation"
    assert not (cwd / "output" / MARKER).exists()  # revcop does not claim a folder it did not make
    assert run("consolidate", path, "--force", "-q").exit_code == 0
    assert edited.read_text(encoding="utf-8").startswith("Resolution 14.16")
    # a new file in the user's folder is written as anywhere else
    assert run("original", path, "-q").exit_code == 0 and (cwd / "output" / "in-original.txt").is_file()


def test_output_folder_without_its_marker_is_no_longer_revcops(cwd):
    path = sample_copy(cwd)
    assert run("consolidate", path, "-q").exit_code == 0
    (cwd / "output" / MARKER).unlink()
    assert_one_line_error(run("consolidate", path), Path("output") / "in-Rev.COP15.txt", "exists; give --force")


def test_the_repositorys_output_folder_is_marked_as_revcops():
    """The checkout's output/ (committed for revcop's outputs) carries the marker: files there are
    regenerated as in an output/ revcop made."""
    assert (ROOT / "output" / MARKER).is_file()
    assert "revcop" in (ROOT / "output" / MARKER).read_text(encoding="utf-8")


def test_several_inputs_need_a_folder_for_o(cwd):
    first = sample_copy(cwd, "a.txt")
    second = sample_copy(cwd, "b.txt")
    result = run("consolidate", first, second, "-o", "combined.docx")
    assert result.exit_code == 2 and "with several inputs, -o must be a directory" in result.stderr
    assert "combined.docx/" in result.stderr and not (cwd / "combined.docx").exists()
    result = run("consolidate", first, second, "-o", "combined/", "-q")
    assert result.exit_code == 0
    assert sorted(p.name for p in (cwd / "combined").iterdir()) == ["a-Rev.COP15.txt", "b-Rev.COP15.txt"]


def test_one_input_and_a_folder_named_with_a_slash(cwd):
    path = sample_copy(cwd)
    result = run("consolidate", path, "-o", "newdir/")
    assert result.exit_code == 0, result.stderr
    assert (cwd / "newdir" / "in-Rev.COP15.txt").read_text(encoding="utf-8").startswith("Resolution 14.16")
    assert "revcop: wrote newdir/in-Rev.COP15.txt" in result.stderr
    result = run("diff", path, path, "-o", "annexes/", "--format", "txt", "-q")
    assert result.exit_code == 0 and (cwd / "annexes" / "in-vs-in.txt").is_file()
    result = run("report", path, "-o", "reports/", "-q")
    assert result.exit_code == 0 and (cwd / "reports" / "in-report.html").is_file()
    # parse has no default name: a folder is a usage error, not a file named "x/"
    result = run("parse", path, "-o", "trees/")
    assert result.exit_code == 2 and "names a folder; this command writes one file" in result.stderr
    assert not (cwd / "trees").exists()


@pytest.mark.parametrize("name", OUTPUT_COMMANDS)
def test_every_command_that_writes_a_file_says_so(cwd, name):
    path = sample_copy(cwd)
    out = f"written.{ext(name)}"
    result = run(*args_for(name, path), "-o", out)
    assert result.exit_code == 0, result.stderr
    assert f"revcop: wrote {out}" in result.stderr.splitlines()[-1] or \
        any(line.startswith(f"revcop: wrote {out}") for line in result.stderr.splitlines())
    quiet = run(*args_for(name, path), "-o", out, "--force", "-q")
    assert quiet.exit_code == 0 and "wrote" not in quiet.stderr


def test_a_template_is_never_an_output(cwd):
    path = sample_copy(cwd)
    template = cwd / "T.docx"
    template.write_bytes((SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.docx").read_bytes())
    before = template.read_bytes()
    result = run("consolidate", path, "--template", template, "-o", template, "--force")
    assert_one_line_error(result, template, "output would overwrite the input")
    assert template.read_bytes() == before


def test_batch_never_writes_over_another_input_of_the_run(cwd):
    docs = cwd / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(SMALL, encoding="utf-8")
    # the output of a.txt from an earlier run, now an input beside it
    earlier = docs / "a-Rev.COP15.txt"
    earlier.write_text(SMALL, encoding="utf-8")
    result = run("consolidate", docs, "-o", docs, "--force", "-j", "1")
    assert result.exit_code == 1
    assert f"revcop: error: {earlier}: output would overwrite {docs / 'a-Rev.COP15.txt'}, an input of this run" \
        in result.stderr or f"output would overwrite {earlier}, an input of this run" in result.stderr
    assert earlier.read_text(encoding="utf-8") == SMALL
    # and by name, in revcop's own output/ folder (where files are otherwise regenerated)
    assert run("consolidate", sample_copy(cwd, "b.txt"), "-q").exit_code == 0
    copy = cwd / "output" / "b.txt"
    copy.write_text(SMALL, encoding="utf-8")
    result = run("consolidate", copy, cwd / "output" / "b-Rev.COP15.txt", "-j", "1")
    assert result.exit_code == 1 and "an input of this run" in result.stderr
    assert (cwd / "output" / "b-Rev.COP15.txt").read_text(encoding="utf-8").startswith("Resolution 14.16")


def test_a_fifo_nobody_reads_is_refused_not_waited_for(cwd, monkeypatch):
    import revcop.cli.common as common

    monkeypatch.setattr(common, "FIFO_WAIT_SECONDS", 0.2)
    path = sample_copy(cwd)
    fifo = cwd / "pipe"
    os.mkfifo(fifo)
    start = time.monotonic()
    result = run("consolidate", path, "-o", fifo, "--format", "txt")
    assert_one_line_error(result, fifo, "is a pipe that no program reads; nothing was written")
    assert time.monotonic() - start < 30 and stat.S_ISFIFO(fifo.stat().st_mode)


def test_closed_standard_output_is_a_one_line_error(tmp_path):
    sample_copy(tmp_path)
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    for args in (["consolidate", "input/in.txt", "-o", "-", "-q"], ["parse", "input/in.txt"],
                 ["parse", "input/in.txt", "--format", "json", "-q"], ["--version"]):
        command_line = " ".join([sys.executable, "-m", "revcop", *args]) + " >&-"
        result = subprocess.run(["sh", "-c", command_line], capture_output=False, stderr=subprocess.PIPE,
                                text=True, cwd=tmp_path, env=env, timeout=60)
        assert result.returncode == 1, (args, result.stderr)
        assert result.stderr == ("revcop: error: standard output: is closed; redirect it to a file or give "
                                 "-o FILE\n"), result.stderr
    # a command that writes a file does not need standard output
    result = subprocess.run(["sh", "-c", f"{sys.executable} -m revcop consolidate input/in.txt -o c.txt >&-"],
                            stderr=subprocess.PIPE, text=True, cwd=tmp_path, env=env, timeout=60)
    assert result.returncode == 0 and (tmp_path / "c.txt").is_file(), result.stderr


def test_an_output_name_of_250_bytes_is_written(cwd):
    path = sample_copy(cwd)
    name = "é" * 123 + ".txt"  # 250 bytes in UTF-8 (255 is the limit of most file systems)
    assert len(name.encode("utf-8")) == 250
    result = run("consolidate", path, "-o", name, "-q")
    assert result.exit_code == 0, result.stderr
    assert (cwd / name).read_text(encoding="utf-8").startswith("Resolution 14.16")
    assert [p.name for p in cwd.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("name", ["esc\x1b]0;PWNED\x07.docx", "two\nlines.txt", "bell\x07\x9b2J.txt"])
def test_file_names_with_control_characters_are_escaped_when_printed(cwd, name):
    path = cwd / name
    path.write_bytes(b"")  # empty: an error naming the file
    for command_name in file_commands():
        result = run(*args_for(command_name, path))
        assert result.exit_code == 1
        assert len(result.stderr.splitlines()) == 1, result.stderr
        assert not any(c in result.stderr for c in "\x1b\x07\x9b"), result.stderr
        shown = name.replace("\x1b", "\\x1b").replace("\x07", "\\x07").replace("\x9b", "\\x9b").replace("\n", "\\n")
        assert result.stderr == f"revcop: error: {cwd}/{shown}: is empty\n"
    # and a warning naming it, and the file written
    path = cwd / f"{name}.txt"
    path.write_text(SMALL.replace("restore", "restore [ ]"), encoding="utf-8")
    result = run("consolidate", path, "-o", "c.txt")
    assert "square brackets" in result.stderr
    assert result.exit_code == 0 and not any(c in result.stderr for c in "\x1b\x07\x9b")
    assert all(line.startswith("revcop: ") for line in result.stderr.splitlines()), result.stderr


def test_output_into_a_fifo_writes_into_it_and_keeps_it(cwd):
    """A device or pipe is written into, never replaced (as root, a rename once replaced /dev/null)."""
    path = sample_copy(cwd)
    fifo = cwd / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = run("consolidate", path, "-o", fifo, "--format", "txt", "-q")
    reader.join(10)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert got and got[0].startswith(b"Resolution 14.16")


# -- inputs are never changed ----------------------------------------------------------------------

def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", file_commands())
def test_inputs_are_opened_read_only_and_unchanged(cwd, name, monkeypatch):
    text = sample_copy(cwd)
    dump = cwd / "input" / "dump.json"
    assert run("parse", SAMPLE, "--format", "json", "-o", dump).exit_code == 0
    inputs = [text, dump, SAMPLE]
    before = {p: (sha256(p), p.stat().st_mtime_ns) for p in inputs}
    opened: list[tuple[str, str]] = []
    real_open = builtins.open

    def spy(file, mode="r", *a, **kw):
        if isinstance(file, (str, os.PathLike)):
            opened.append((os.path.realpath(file), mode))
        return real_open(file, mode, *a, **kw)

    monkeypatch.setattr(builtins, "open", spy)
    monkeypatch.setattr(io, "open", spy)
    # publish writes next to its input unless told otherwise: here, never into the bundled library
    elsewhere = ["-o", str(cwd / "published"), "--force"] if name == "publish" else []
    for path in inputs:
        result = run(*args_for(name, path), "-q", *elsewhere)
        # exit 1 is a finding (check) or a refusal (import takes no amendment marks), never a crash
        assert result.exit_code in (0, 1) and "internal error" not in result.stderr, result.stderr
    monkeypatch.undo()
    assert {p: (sha256(p), p.stat().st_mtime_ns) for p in inputs} == before
    reads = [m for f, m in opened if f in {os.path.realpath(p) for p in inputs}]
    assert reads and all(m in ("r", "rb") for m in reads), reads


# -- exit codes and internal errors ------------------------------------------------------------------

def test_exit_codes_are_documented():
    assert EPILOG == "Exit codes: 0 ok; 1 input or content problem; 2 usage; 3 internal error (please report it)."
    assert "Exit codes" in run("--help").stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Exit codes"):]
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |"):
        assert code in section


@pytest.mark.parametrize("where,what", [
    ("revcop.structure.build", RuntimeError("boom")),
    ("revcop.consolidation.view", KeyError("lost")),
])
def test_internal_error_is_exit_3_one_line_and_no_output(cwd, monkeypatch, where, what):
    module, attr = where.rsplit(".", 1)

    def broken(*a, **kw):
        raise what

    monkeypatch.setattr(__import__(module, fromlist=[attr]), attr, broken)
    path = sample_copy(cwd)
    for name in ("consolidate", "original"):
        result = run(name, path, "-o", cwd / f"{name}.txt")
        assert result.exit_code == 3
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"revcop: internal error: {type(what).__name__}: ")
        assert lines[0].endswith("Nothing was written. Please report this with the input file.")
        assert not (cwd / f"{name}.txt").exists()
    assert written(cwd) == []


def test_invariant_violation_is_exit_3_and_writes_nothing(cwd, monkeypatch):
    from revcop import consolidation as c
    from revcop.model import Span

    real = c.view_spans

    def lose_a_word(spans, accept):
        out = real(spans, accept)
        return tuple(s if "habitats" not in s.text else Span(s.text.replace("habitats", "")) for s in out)

    monkeypatch.setattr(c, "view_spans", lose_a_word)
    path = sample_copy(cwd)
    result = run("consolidate", path, "-o", cwd / "c.txt")
    assert result.exit_code == 3
    assert result.stderr.startswith("revcop: internal error: consolidated view of part resolution, paragraph")
    assert "expected 'storestorehabitats;', got 'storestore;'" in result.stderr
    assert "(line 6)" in result.stderr and "Please report this" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not (cwd / "c.txt").exists()


def _subprocess(args, cwd, code: str | None = None):
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    argv = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "revcop", *args]
    return subprocess.run(argv, capture_output=True, text=True, cwd=cwd, env=env, timeout=60)


def test_real_process_bad_inputs_show_no_traceback(tmp_path):
    (tmp_path / "empty.docx").write_bytes(b"")
    (tmp_path / "old.doc").write_bytes(OLE_HEADER)
    (tmp_path / "bad.txt").write_bytes(b"1. {++a {--b--}++}\n")
    (tmp_path / "latin.txt").write_bytes("caf\u00e9\n".encode("latin-1"))
    cases = {
        "empty.docx": "is empty", "old.doc": "Word 97-2003", "bad.txt": "line 1, column 9: nested mark",
        "latin.txt": "byte offset 3", "missing.txt": "no such file",
    }
    for name, problem in cases.items():
        for command_name in ("parse", "consolidate", "original"):
            result = _subprocess([command_name, name], tmp_path)
            assert result.returncode == 1, result.stderr
            assert result.stderr.count("\n") == 1 and problem in result.stderr and result.stdout == ""
            assert "Traceback" not in result.stderr
    assert not (tmp_path / "output").exists()


def test_real_process_internal_error_shows_no_traceback(tmp_path):
    sample_copy(tmp_path)
    code = (
        "import sys, revcop.consolidation as c\n"
        "def broken(*a, **k): raise ZeroDivisionError('division by zero')\n"
        "c.consolidate = broken\n"
        "from revcop.cli import main\n"
        "main(sys.argv[1:])\n"
    )
    result = _subprocess(["consolidate", "input/in.txt", "-o", "c.txt"], tmp_path, code)
    assert result.returncode == 3
    assert result.stderr == ("revcop: internal error: ZeroDivisionError: division by zero. Nothing was written. "
                             "Please report this with the input file.\n")
    assert not (tmp_path / "c.txt").exists()


# -- large but legitimate input ---------------------------------------------------------------------

WORDS = "the parties urges to protect migratory species habitats and networks of connectivity".split()


@pytest.mark.slow
def test_one_two_megabyte_paragraph(cwd):
    triples = [(WORDS[i % 12], WORDS[(i + 3) % 12], WORDS[(i + 5) % 12], WORDS[(i + 7) % 12]) for i in range(60000)]
    path = cwd / "long.txt"
    path.write_text("1. Urges " + " ".join(f"{a} {{++{b}++}} {c} {{--{d}--}}" for a, b, c, d in triples) + ".\n",
                    encoding="utf-8")
    assert path.stat().st_size > 2_000_000
    start = time.monotonic()
    new = run("consolidate", path, "-o", "-", "-q")
    old = run("original", path, "-o", "-", "-q")
    assert new.exit_code == 0 and old.exit_code == 0 and time.monotonic() - start < 30
    assert new.stdout == "1. Urges " + " ".join(f"{a} {b} {c}" for a, b, c, _ in triples) + ".\n"
    assert old.stdout == "1. Urges " + " ".join(f"{a} {c} {d}" for a, _, c, d in triples) + ".\n"


@pytest.mark.slow
def test_hundred_thousand_paragraphs():
    """900 operative paragraphs of 110 sub-paragraphs each, plus 100 preambular ones: 100,000."""
    from revcop import consolidation as c
    from revcop.readers import critic
    from revcop.structure import build

    lines = SMALL.splitlines()[:4] + ["Recalling the work of the Parties {++again++}{--before--}," for _ in range(100)]
    lines.append(SMALL.splitlines()[4])
    for i in range(1, 901):
        lines.append(f"{i}. Urges {{++new++}} {{--old--}} text:" if i % 10 == 0 else f"{i}. Requests the Parties:")
        for k in range(1, 111):
            lines.append(f"{{--({k}) deleted sub-paragraph;--}}" if k % 30 == 0 else f"({k}) sub-paragraph text;")
    assert len(lines) == 5 + 100 + 900 * 111
    start = time.monotonic()
    doc = build(critic.read_text("\n".join(lines)).value).value
    new = c.consolidate(doc, meeting="COP15").value
    old = c.original(doc).value
    assert time.monotonic() - start < 90
    operative = [p for p in new.resolution.paragraphs if p.label is not None]
    assert [p.label.render() for p in operative] == [f"{i}." for i in range(1, 901)]
    assert all([s.label.render() for s in p.children] == [f"({k})" for k in range(1, 108)] for p in operative)
    assert sum(1 for p in new.walk() if p.text == "Recalling the work of the Parties again,") == 100
    assert sum(1 for p in old.walk() if p.text == "deleted sub-paragraph;") == 900 * 3
    assert sum(1 for p in old.walk() if p.text.startswith("Urges old text")) == 90


@pytest.mark.parametrize("line", [
    "[bookmark: " * 100000,
    "[footnoteRef:1] [1: " * 50000,
    "[footnoteRef:1] [1: " + "[x] " * 100000,
    "{>>c<<}\n" * 50000,
])
def test_pathological_lines_are_read_in_linear_time(line):
    from revcop.readers import critic

    start = time.monotonic()
    critic.read_text(line)
    assert time.monotonic() - start < 10


# -- findings of fuzz/fuzz_readers.py, kept as regressions ---------------------------------------------

def test_mark_through_a_label_keeps_the_paragraph_text():
    """``{++15.++}RB The S``: the new view reads a label 15.RB that no cut can separate from the text;
    the paragraph used to be cut after all of it, and the consolidated view lost "The Secretariat"."""
    from revcop import consolidation as c
    from revcop.readers import critic
    from revcop.structure import build

    read = build(critic.read_text("DRAFT DECISIONS\n{++15.++}RB The Secretariat shall report.\n").value)
    assert "an amendment mark runs through the paragraph label" in [m.text for m in read.messages]
    for view in (c.consolidate(read.value).value, c.original(read.value).value):
        assert any("The Secretariat shall report." in p.text for p in view.walk())


def test_latin_suffix_in_odd_case_is_read():
    from revcop import consolidation as c
    from revcop.readers import critic
    from revcop.structure import build

    text = SMALL.replace("1 bis. Requests", "1 bIs. Requests")
    doc = build(critic.read_text(text).value).value
    assert [p.label.render() for p in c.consolidate(doc, keep_bis=True).value.resolution.paragraphs
            if p.label] == ["1.", "1 bis.", "2."]


def test_bis_paragraph_inside_a_draft_decision_is_not_an_internal_error():
    """Decisions are not renumbered, so their paragraphs may keep a bis label (found by atheris)."""
    from revcop import consolidation as c
    from revcop.readers import critic
    from revcop.structure import build

    text = "DRAFT DECISIONS\n15.AA Directed to Parties\n1. Urges Parties;\n{++1 bis. Requests the Secretariat;++}\n"
    doc = c.consolidate(build(critic.read_text(text).value).value).value
    decision = doc.part(PartKind.DECISIONS).paragraphs[-1]
    assert [p.label.render() for p in decision.children] == ["1.", "1 bis."]


def test_label_written_with_a_leading_zero_is_not_an_internal_error():
    """``02.`` is written ``2.`` by the view; check_view compares labels in that form (found by atheris)."""
    from revcop import consolidation as c
    from revcop.readers import critic
    from revcop.structure import build

    doc = build(critic.read_text("RESOreport,\n02. Decides.\n").value).value
    assert [p.text for p in c.consolidate(doc).value.walk()][-1] == "Decides."


def test_error_messages_are_one_line_even_when_a_parser_says_more():
    from revcop.errors import InputError

    e = InputError("part word/document.xml is not well-formed XML (Char 0x0 out of range\n, line 2)", "a.docx")
    assert str(e) == "a.docx: part word/document.xml is not well-formed XML (Char 0x0 out of range , line 2)"


def test_label_cut_that_leaves_text_in_one_view_keeps_it():
    """``15{++.BB The Secretariat++}``: the old view's "15" used to vanish with the label (found by atheris)."""
    from revcop import consolidation as c
    from revcop.readers import critic
    from revcop.structure import build

    doc = build(critic.read_text("DRAFT DECISIONS\n15{++.BB The Secretariat shall report.++}\n").value).value
    assert [p.text for p in c.original(doc).value.walk()][-1].startswith("15")
    assert any("The Secretariat shall report." in p.text for p in c.consolidate(doc).value.walk())


def test_bis_label_written_without_its_lists_full_stop_is_renumbered_in_the_list():
    """``11 bis`` among ``11.`` and ``12.`` (no full stop) started a list of its own, and consolidation
    stopped with an internal error on duplicate labels (found by atheris)."""
    from revcop import consolidation as c
    from revcop.readers import critic
    from revcop.structure import build

    text = SMALL.replace("1 bis. Requests", "1 bis Requests") + "3. Decides.\n"
    doc = build(critic.read_text(text).value).value
    new = c.consolidate(doc).value
    assert [p.label.render() for p in new.resolution.paragraphs if p.label] == ["1.", "2.", "3.", "4."]
    assert dict(new.renumbering)["1 bis"] == "2"


def test_list_opening_with_a_bis_label_written_differently():
    from revcop import consolidation as c
    from revcop.readers import critic
    from revcop.structure import build

    text = "\n".join(SMALL.splitlines()[:5]) + "\n{++0 bis Requests b;++}\n{--1. Urges a;--}\n2. Invites c.\n"
    new = c.consolidate(build(critic.read_text(text).value).value).value
    assert [p.label.render() for p in new.resolution.paragraphs if p.label] == ["1", "2."]


def test_operative_numbering_that_restarts_in_the_source_is_one_list():
    """``2. 2. 1. 6. 1)``: the source repeats and restarts its numbers; the consolidated resolution is
    numbered 1, 2, 3 ... instead of stopping with an internal error (found by atheris)."""
    from revcop import consolidation as c
    from revcop.readers import critic
    from revcop.structure import build

    body = ["2. Urges a;", "2. Urges b;", "1. Urges c;", "6. Urges d;", "1) Requests e;", "{--1. Repeals f.--}",
            "3. Invites g."]
    text = "\n".join(SMALL.splitlines()[:5] + body) + "\n"
    new = c.consolidate(build(critic.read_text(text).value).value).value
    assert [p.label.render() for p in new.resolution.paragraphs if p.label] == ["2.", "3.", "4.", "5.", "6.", "7."]


# -- JSON input that is no revcop dump: a one-line error, never exit 3 or a hang (issue 17) -----------

def _labelled(data: dict) -> dict:
    """The first paragraph of a dump with a label and label spans."""
    stack = [p for part in data["parts"] for p in part["paragraphs"]]
    while stack:
        para = stack.pop(0)
        if para["label"] and para["label_spans"]:
            return para
        stack = para["children"] + stack
    raise AssertionError("no labelled paragraph")


def _json_case(case: str, data: dict):
    import copy

    data = copy.deepcopy(data)
    para = _labelled(data)
    if case == "letter label of 10^12":
        para["label"].update(kind="letter", value=10 ** 12)
    elif case == "roman label of 10^12":
        para["label"].update(kind="roman", value=10 ** 12)
    elif case == "label suffix 99":
        para["label"]["suffix"] = 99
    elif case == "label disagreeing with label_spans":
        para["label"]["value"] += 5
    elif case == "lone surrogate":
        para["spans"][0]["text"] = "a\ud800b"
    elif case == "U+0000":
        para["spans"][0]["text"] = "a\x00b"
    elif case == "450 deep":
        leaf = {"kind": "text", "label": None, "old_label": None, "status": "unchanged", "label_spans": [],
                "spans": [{"text": "deepest", "change": "unchanged"}], "children": [], "source": "", "style": None}
        node = leaf
        for i in range(450):
            node = dict(leaf, children=[node], spans=[{"text": f"level {i}", "change": "unchanged"}])
        data["parts"][0]["paragraphs"].append(node)
    elif case == "top-level array":
        return [data]
    return data


JSON_CASES = {
    "letter label of 10^12": "label value 1000000000000 is out of range for a letter label",
    "roman label of 10^12": "label value 1000000000000 is out of range for a roman label",
    "label suffix 99": "label suffix 99 is not one of 0 to 11",
    "label disagreeing with label_spans": "label '6.' disagrees with label_spans",
    "lone surrogate": "span text holds the character U+D800, which is not text",
    "U+0000": "span text holds the character U+0000, which is not text",
    "450 deep": "sub-paragraphs nested more than 50 deep",
    "top-level array": "the top level is a JSON array, not an object",
}


@pytest.fixture(scope="module")
def sample_dump(tmp_path_factory) -> dict:
    import json

    out = tmp_path_factory.mktemp("dump") / "sample.json"
    assert run("parse", SAMPLE, "--format", "json", "-o", out).exit_code == 0
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", list(JSON_CASES))
def test_json_that_is_no_revcop_dump_is_one_line_error(cwd, sample_dump, case):
    import json

    path = cwd / "dump.json"
    # ensure_ascii keeps a lone surrogate as the \ud800 escape a hand-edited file would hold
    path.write_text(json.dumps(_json_case(case, sample_dump)), encoding="utf-8")
    for name in ("consolidate", "original", "parse", "check"):
        start = time.monotonic()
        result = run(name, path, *(["-o", cwd / "out.txt"] if name != "check" else []), "-q")
        assert time.monotonic() - start < 60
        assert_one_line_error(result, path, "not a revcop JSON document (" + JSON_CASES[case])
        assert not (cwd / "out.txt").exists()


def test_the_sample_dump_is_still_read(cwd, sample_dump):
    import json

    path = cwd / "dump.json"
    path.write_text(json.dumps(sample_dump), encoding="utf-8")
    assert run("consolidate", path, "-o", cwd / "out.txt", "-q").exit_code == 0
