"""Hostile and damaged Word documents: entities, zip bombs, missing and broken parts, random damage.

Every document is generated here (fuzz/make_seeds.py builds the tiny amended resolution). These tests
need the .docx reader (issue #3); they are skipped where it is not installed yet.
"""

from __future__ import annotations

import io
import os
import random
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("revcop.readers.docx")

from fuzz.make_seeds import BODY, PROLOG, docx_bytes, document_xml, paragraph, parts, run  # noqa: E402
from fuzz.mutate import mutate_zip  # noqa: E402
from revcop.cli import cli  # noqa: E402
from revcop.errors import InputError  # noqa: E402
from revcop.readers import read_document  # noqa: E402
from tests.conftest import ROOT  # noqa: E402

SECRET = "TOPSECRET-7f3a"
COMMANDS = ("parse", "consolidate", "original", "check")


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def cli_run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def assert_refused_or_clean(path: Path, problem: str | None = None, intact: str | None = None) -> None:
    """Every command either refuses the file in one line (exit 1) or reads it without the hostile part.

    ``intact``: text the document holds around the hostile part, which a reader that goes on must keep
    (an entity reference silently cutting a paragraph short is a lost word, not a safe read).
    """
    if intact:
        result = cli_run("parse", path, "--format", "json", "-q")
        assert result.exit_code == 1 or intact in result.stdout.replace("\n", " "), result.stdout[:2000]
    for name in COMMANDS:
        result = cli_run(name, path, *(["-o", "-"] if name != "check" else []), "-q")
        assert "Traceback" not in result.output and SECRET not in result.output
        assert "lollollol" not in result.output
        if result.exit_code != 0 and not (name == "check" and result.stderr == ""):
            lines = result.stderr.strip().splitlines()
            assert result.exit_code == 1 and len(lines) == 1 and lines[0].startswith(f"revcop: error: {path}: ")
            if problem:
                assert problem in lines[0], lines[0]


def with_prolog(part: str, prolog: str) -> dict:
    """The tiny document with ``part`` (document, styles, numbering, footnotes) carrying ``prolog``."""
    from fuzz import make_seeds

    make = {"document": make_seeds.document_xml, "styles": make_seeds.styles_xml,
            "numbering": make_seeds.numbering_xml, "footnotes": make_seeds.footnotes_xml}[part]
    return parts(**{part: make(prolog=prolog)})


def laughs(levels: int = 9) -> str:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, levels + 1)
    ]
    return f'{PROLOG}<!DOCTYPE lolz [{"".join(entities)}]>'


PARTS = ["document", "styles", "numbering", "footnotes"]


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


@pytest.mark.parametrize("part", PARTS)
def test_external_entity_is_never_resolved(tmp_path, secret, part):
    prolog = f'{PROLOG}<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    members = with_prolog(part, prolog)
    # and the entity used where its text would show
    members["word/document.xml"] = members["word/document.xml"].replace("Recalling the work", "Recalling &xxe; the work") \
        if part == "document" else members["word/document.xml"]
    assert_refused_or_clean(write(tmp_path, f"xxe-{part}.docx", docx_bytes(members)), "entities",
                            intact="the work of the Parties")


@pytest.mark.parametrize("part", PARTS)
def test_billion_laughs_is_never_expanded(tmp_path, part):
    members = with_prolog(part, laughs())
    if part == "document":
        members["word/document.xml"] = members["word/document.xml"].replace("Recalling the work", "Recalling &lol9; the work")
    start = time.monotonic()
    assert_refused_or_clean(write(tmp_path, f"laughs-{part}.docx", docx_bytes(members)), "entities",
                            intact="the work of the Parties")
    assert time.monotonic() - start < 10


def test_entities_hidden_after_a_long_comment_or_in_utf16(tmp_path, secret):
    """The DOCTYPE may come after a long comment, or the part may be UTF-16: neither may slip through."""
    long_prolog = f'{PROLOG}<!--{"x" * 10000}--><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    body = BODY.replace("Recalling the work", "Recalling &xxe; the work")
    members = parts(document=document_xml(body, long_prolog))
    assert_refused_or_clean(write(tmp_path, "comment.docx", docx_bytes(members)), intact="the work of the Parties")
    utf16_prolog = f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    members = parts(document=document_xml(body, utf16_prolog).encode("utf-16"))
    assert_refused_or_clean(write(tmp_path, "utf16.docx", docx_bytes(members)), intact="the work of the Parties")


def test_external_dtd_is_not_fetched(tmp_path):
    prolog = f'{PROLOG}<!DOCTYPE w:document SYSTEM "http://127.0.0.1:9/evil.dtd">'
    start = time.monotonic()
    assert_refused_or_clean(write(tmp_path, "dtd.docx", docx_bytes(with_prolog("document", prolog))))
    assert time.monotonic() - start < 10



def test_entity_of_an_unread_external_dtd_is_refused_not_dropped(tmp_path):
    # Without a DOCTYPE an entity reference is a syntax error; with an external one (never read) the
    # parser keeps it as a reference that would print nothing: the paragraph would lose a word.
    prolog = '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w:document SYSTEM "evil.dtd">'  # not standalone
    members = with_prolog("document", prolog)
    members["word/document.xml"] = members["word/document.xml"].replace("Recalling the work", "Recalling &undef; the work")
    path = write(tmp_path, "undeclared.docx", docx_bytes(members))
    assert_refused_or_clean(path, "entities", intact="the work of the Parties")
    assert cli_run("parse", path).exit_code == 1

# -- zip bombs -----------------------------------------------------------------------------------------

def bomb(path: Path, inflated: int) -> Path:
    """A package whose document.xml inflates to ``inflated`` bytes of spaces (streamed, cheap)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, value in parts(document=None).items():
            z.writestr(name, value)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(document_xml("").split("<w:body>")[0].encode() + b"<w:body>")
            chunk = b" " * (1 << 20)
            for _ in range(inflated >> 20):
                f.write(chunk)
            f.write(b"</w:body></w:document>")
    return path


def test_ratio_bomb_is_refused_before_inflating(tmp_path):
    path = bomb(tmp_path / "bomb.docx", 64 << 20)
    assert path.stat().st_size < 200_000
    assert_refused_or_clean(path, "compression ratio")


def test_oversized_part_is_refused_in_bounded_memory(tmp_path):
    path = bomb(tmp_path / "big.docx", 300 << 20)
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (800 << 20, 800 << 20));"
            "from revcop.cli import main; main(sys.argv[1:])")
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-c", code, "parse", str(path)], capture_output=True, text=True,
                            env={"PYTHONPATH": os.pathsep.join(sys.path), "PATH": "/usr/bin:/bin"}, timeout=60)
    assert time.monotonic() - start < 20
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "would inflate to" in result.stderr and "REVCOP_MAX_PART_BYTES" in result.stderr


def test_limits_are_overridable_by_environment(tmp_path):
    small = write(tmp_path, "tiny.docx", docx_bytes())
    path = bomb(tmp_path / "bomb.docx", 8 << 20)
    env = {"PYTHONPATH": os.pathsep.join(sys.path), "PATH": "/usr/bin:/bin"}

    def parse(file, **extra):
        return subprocess.run([sys.executable, "-m", "revcop", "parse", str(file)], capture_output=True,
                              text=True, env={**env, **extra}, timeout=60)

    assert "compression ratio" in parse(path).stderr
    assert parse(path, REVCOP_MAX_RATIO="100000").returncode == 0
    refused = parse(small, REVCOP_MAX_PART_BYTES="100")
    assert refused.returncode == 1 and "REVCOP_MAX_PART_BYTES" in refused.stderr


def test_zip_header_that_lies_about_the_size(tmp_path):
    data = bytearray(docx_bytes(parts(document=document_xml(BODY + paragraph(run("x" * 50000))))))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
    # the uncompressed size in the local header (offset 22) and the central directory (offset 24)
    struct.pack_into("<I", data, info.header_offset + 22, 1000)
    central = bytes(data).index(b"word/document.xml", bytes(data).index(b"PK\x01\x02")) - 46
    assert data[central : central + 4] == b"PK\x01\x02"
    struct.pack_into("<I", data, central + 24, 1000)
    assert_refused_or_clean(write(tmp_path, "liar.docx", bytes(data)))


# -- missing and broken parts ------------------------------------------------------------------------

def test_zip_without_document(tmp_path):
    path = write(tmp_path, "nodoc.docx", docx_bytes({"[Content_Types].xml": "<Types/>", "a.txt": "x"}))
    assert_refused_or_clean(path)
    result = cli_run("parse", path)
    assert result.exit_code == 1 and "document" in result.stderr


def test_empty_zip_and_damaged_zip(tmp_path):
    empty = io.BytesIO()
    zipfile.ZipFile(empty, "w").close()
    assert_refused_or_clean(write(tmp_path, "empty.docx", empty.getvalue()))
    good = docx_bytes()
    assert_refused_or_clean(write(tmp_path, "cut.docx", good[: len(good) // 2]))


@pytest.mark.parametrize("part", PARTS)
def test_truncated_xml_part(tmp_path, part):
    members = parts()
    name = f"word/{part}.xml"
    members[name] = members[name][: len(members[name]) * 2 // 3]
    path = write(tmp_path, f"truncated-{part}.docx", docx_bytes(members))
    assert_refused_or_clean(path)
    if part == "document":
        assert "not well-formed XML" in cli_run("parse", path).stderr


def test_damaged_compressed_data(tmp_path):
    """Bytes flipped inside a deflated part: zlib's own error must become an input error."""
    data = bytearray(docx_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for k in range(start + 10, start + info.compress_size - 10, 7):
        data[k] ^= 0x5A
    assert_refused_or_clean(write(tmp_path, "flipped.docx", bytes(data)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=2**32), st.integers(min_value=1, max_value=3))
def test_random_damage_gives_a_clean_error_or_a_result(tmp_path, seed, rounds):
    rng = random.Random(seed)
    data = docx_bytes()
    for _ in range(rounds):
        data = mutate_zip(data, rng)
    path = tmp_path / "damaged.docx"
    path.write_bytes(data)
    try:
        doc = read_document(path).value
    except InputError as e:
        assert str(e).startswith(f"{path}: ") and "\n" not in str(e)
        return
    from revcop import consolidation as c

    c.consolidate(doc)
    c.original(doc)


def test_real_process_hostile_docx_shows_no_traceback(tmp_path, secret):
    cases = {
        "laughs.docx": docx_bytes(with_prolog("styles", laughs())),
        "nodoc.docx": docx_bytes({"[Content_Types].xml": "<Types/>"}),
        "truncated.docx": docx_bytes(parts(document=document_xml()[:300])),
    }
    for name, data in cases.items():
        write(tmp_path, name, data)
        result = subprocess.run([sys.executable, "-m", "revcop", "consolidate", name, "-o", "-"], cwd=tmp_path,
                                capture_output=True, text=True, timeout=60,
                                env={"PYTHONPATH": os.pathsep.join(sys.path), "PATH": "/usr/bin:/bin"})
        assert "Traceback" not in result.stderr and result.returncode in (0, 1), result.stderr
        if result.returncode:
            assert result.stderr.count("\n") == 1
