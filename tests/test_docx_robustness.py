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
import zlib
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

pytestmark = pytest.mark.slow  # stress tests and subprocess runs (pytest -m "not slow" leaves them out)

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
            f.write(document_xml("").split("<w:body>")[0].encode() + b"<w:body>" + BODY.encode())
            chunk = b" " * (1 << 20)
            for _ in range(inflated >> 20):
                f.write(chunk)
            f.write(b"</w:body></w:document>")
    return path


def test_ratio_bomb_is_refused_before_inflating(tmp_path):
    path = bomb(tmp_path / "bomb.docx", 48 << 20)  # under the 64 MiB part limit: refused for its ratio
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


# -- templates (--template FILE.docx is read by the same safe package reader as an input) -------------

def test_template_with_an_internal_entity_is_refused(tmp_path):
    """An entity declared in a template's styles.xml was expanded into the output (issue 15)."""
    prolog = f'{PROLOG}<!DOCTYPE w:styles [<!ENTITY brand "EXPANDED-ENTITY-TEXT">]>'
    styles = (f'{prolog}<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              '<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="&brand;"/></w:style></w:styles>')
    template = write(tmp_path, "template.docx", docx_bytes(parts(styles=styles)))
    source = write(tmp_path, "tiny.docx", docx_bytes())
    out = tmp_path / "out.docx"
    result = cli_run("consolidate", source, "--template", template, "-o", out, "-q")
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 1 and len(lines) == 1, result.output
    assert lines[0] == (f"revcop: error: {template}: part word/styles.xml declares XML entities, which revcop "
                        "refuses to expand")
    assert not out.exists()


def inflating_package(path: Path, name: str, head: bytes, filler: bytes, count: int, tail: bytes,
                      others: dict) -> Path:
    """A package whose part ``name`` inflates to ``head + filler * count + tail``, written in seconds
    whatever its inflated size: ``filler`` is deflated once (a full flush resets the compressor, so
    every copy deflates to the same bytes) and its deflated bytes are repeated."""
    members = []
    for member, value in others.items():
        data = value.encode() if isinstance(value, str) else value
        c = zlib.compressobj(6, zlib.DEFLATED, -15)
        members.append((member, c.compress(data) + c.flush(), zlib.crc32(data), len(data)))
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    first = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(filler) + c.flush(zlib.Z_FULL_FLUSH)
    last = c.compress(tail) + c.flush()
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(filler, crc)
    crc = zlib.crc32(tail, crc)
    members.append((name, first + block * count + last, crc, len(head) + len(filler) * count + len(tail)))
    with open(path, "wb") as f:
        central = b""
        for member, data, crc, size in members:
            offset = f.tell()
            raw = member.encode()
            f.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(raw), 0) + raw)
            f.write(data)
            central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data), size,
                                   len(raw), 0, 0, 0, 0, 0, offset) + raw
        start = f.tell()
        f.write(central)
        f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), start, 0))
    return path


def test_template_whose_styles_inflate_to_1_5_gib_is_refused_before_using_memory(tmp_path):
    template = inflating_package(
        tmp_path / "template.docx", "word/styles.xml",
        b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">', b" " * (16 << 20), 96,
        b"</w:styles>", parts(styles=None))
    with zipfile.ZipFile(template) as z:  # a valid package: 1.5 GiB said and meant
        assert z.getinfo("word/styles.xml").file_size > 3 << 29
    assert template.stat().st_size < 4 << 20
    source = write(tmp_path, "tiny.docx", docx_bytes())
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (800 << 20, 800 << 20));"
            "from revcop.cli import main; main(sys.argv[1:])")
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-c", code, "consolidate", str(source), "--template", str(template),
                             "-o", str(tmp_path / "out.docx"), "-q"], capture_output=True, text=True,
                            env={"PYTHONPATH": os.pathsep.join(sys.path), "PATH": "/usr/bin:/bin"}, timeout=60)
    assert time.monotonic() - start < 20
    assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
    assert f"{template}: part word/styles.xml would inflate to" in result.stderr
    assert not (tmp_path / "out.docx").exists()


# -- hangs and memory: each within 60 s and 1.5 GB, read or refused in one line (issue 17) -----------

BOUNDED = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20));"
           "from revcop.cli import main; main(sys.argv[1:])")


def bounded(*args, **env):
    """Run revcop in a process limited to 1.5 GB of address space; the result and its wall time."""
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-c", BOUNDED, *map(str, args)], capture_output=True, text=True,
                            env={"PYTHONPATH": os.pathsep.join(sys.path), "PATH": "/usr/bin:/bin", **env},
                            timeout=120)
    return result, time.monotonic() - start


def assert_one_line_error(result, path: Path, problem: str) -> None:
    assert result.returncode == 1, result.stderr[-2000:]
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.stderr.startswith(f"revcop: error: {path}: ") and problem in result.stderr, result.stderr


def packed(tmp_path: Path, name: str, body: str, **parts_) -> Path:
    from docx_parts import pack

    return write(tmp_path, name, pack(body, **parts_))


def test_a_million_short_paragraphs_are_refused_in_bounded_time(tmp_path):
    path = packed(tmp_path, "million.docx", "".join(f"<w:p><w:r><w:t>p{i}</w:t></w:r></w:p>" for i in range(1_000_000)))
    result, seconds = bounded("consolidate", path, "-o", tmp_path / "out.txt", "-q")
    assert_one_line_error(result, path, "has more than 100000 paragraphs (set REVCOP_MAX_PARAGRAPHS to read more)")
    assert seconds < 60 and not (tmp_path / "out.txt").exists()


def test_one_paragraph_of_300000_runs_is_read(tmp_path):
    runs = "".join(f'<w:r><w:t xml:space="preserve">w{i} </w:t></w:r>' for i in range(300_000))
    path = packed(tmp_path, "runs.docx", f"<w:p>{runs}</w:p>")
    out = tmp_path / "out.txt"
    result, seconds = bounded("consolidate", path, "-o", out, "-q")
    assert result.returncode == 0, result.stderr[-2000:]
    assert seconds < 60
    assert out.read_text().strip() == " ".join(f"w{i}" for i in range(300_000))


def test_a_chain_of_20000_based_on_styles_is_read(tmp_path):
    styles = ('<w:style w:type="paragraph" w:styleId="S0"><w:name w:val="S0"/><w:rPr><w:u w:val="single"/>'
              '</w:rPr></w:style>' + "".join(
                  f'<w:style w:type="paragraph" w:styleId="S{i}"><w:name w:val="S{i}"/><w:basedOn w:val="S{i - 1}"/>'
                  '</w:style>' for i in range(1, 20_000)))
    body = "<w:p><w:r><w:t>The Conference of the Parties</w:t></w:r></w:p>" + "".join(
        f'<w:p><w:pPr><w:pStyle w:val="S{i}"/></w:pPr><w:r><w:t>Added {i}.</w:t></w:r></w:p>' for i in range(20_000))
    path = packed(tmp_path, "chain.docx", body, styles=styles)
    out = tmp_path / "out.json"
    result, seconds = bounded("parse", path, "--format", "json", "-o", out, "-q")
    assert result.returncode == 0, result.stderr[-2000:]
    assert seconds < 60
    import json

    spans = [s for part in json.loads(out.read_text())["parts"] for para in part["paragraphs"]
             for s in para["spans"]]
    added = [s for s in spans if s["text"].startswith("Added")]
    # every style inherits the underline of S0, 20,000 levels down: each paragraph is inserted
    assert len(added) == 20_000 and {s["change"] for s in added} == {"inserted"}


def _deleted_marks(count: int) -> str:
    mark = '<w:pPr><w:rPr><w:del w:id="1" w:author="A" w:date="2026-01-01T00:00:00Z"/></w:rPr></w:pPr>'
    return ("<w:p><w:r><w:t>The Conference of the Parties</w:t></w:r></w:p>"
            + "".join(f"<w:p>{mark}<w:r><w:t>w{i}</w:t></w:r></w:p>" for i in range(count))
            + "<w:p><w:r><w:t>end.</w:t></w:r></w:p>")


def test_200000_deleted_paragraph_marks_are_refused_in_bounded_time(tmp_path):
    path = packed(tmp_path, "marks.docx", _deleted_marks(200_000))
    result, seconds = bounded("consolidate", path, "-o", tmp_path / "out.txt", "-q")
    assert_one_line_error(result, path, "has more than 100000 paragraphs")
    assert seconds < 60


def test_60000_deleted_paragraph_marks_join_into_one_paragraph_in_bounded_time(tmp_path):
    """Word joins paragraphs whose marks are deleted: the joins were quadratic."""
    path = packed(tmp_path, "marks.docx", _deleted_marks(60_000))
    out = tmp_path / "out.txt"
    result, seconds = bounded("consolidate", path, "-o", out, "-q")
    assert result.returncode == 0, result.stderr[-2000:]
    assert seconds < 60
    assert out.read_text().split("\n\n")[-1].strip() == "".join(f"w{i}" for i in range(60_000)) + "end."


def test_a_190_mb_document_at_85_to_1_is_refused_before_inflating(tmp_path):
    filler = "".join(f"<w:p><w:r><w:t>Urges Parties {k % 100}.</w:t></w:r></w:p>" for k in range(5000)).encode()
    head = document_xml("").split("<w:body>")[0].encode() + b"<w:body>"
    path = inflating_package(tmp_path / "big.docx", "word/document.xml", head, filler, 190_000_000 // len(filler),
                             b"</w:body></w:document>", parts(document=None))
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("word/document.xml")
    assert info.file_size > 180_000_000 and 20 < info.file_size / info.compress_size < 200
    result, seconds = bounded("consolidate", path, "-o", tmp_path / "out.txt", "-q")
    assert_one_line_error(result, path, "part word/document.xml would inflate to")
    assert seconds < 60


@pytest.mark.parametrize("fmt", ["lowerLetter", "upperRoman"])
def test_numbering_starting_at_10_to_the_11_is_refused_in_bounded_time(tmp_path, fmt):
    numbering = ('<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="100000000000"/>'
                 f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    body = ("<w:p><w:r><w:t>The Conference</w:t></w:r></w:p><w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/>"
            "<w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>Urges.</w:t></w:r></w:p>")
    path = packed(tmp_path, "numbers.docx", body, numbering=numbering)
    result, seconds = bounded("consolidate", path, "-o", tmp_path / "out.txt", "-q")
    assert_one_line_error(result, path, f"the number 100000000000 is too large to be written in the format {fmt}")
    assert seconds < 60


def test_footnote_numbering_starting_at_10_to_the_12_is_refused_in_bounded_time(tmp_path):
    body = ('<w:p><w:r><w:t>Text</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p><w:sectPr>'
            '<w:footnotePr><w:numFmt w:val="upperLetter"/><w:numStart w:val="1000000000000"/></w:footnotePr>'
            '</w:sectPr>')
    path = packed(tmp_path, "notes.docx", body,
                  footnotes='<w:footnote w:id="1"><w:p><w:r><w:t>Note.</w:t></w:r></w:p></w:footnote>')
    result, seconds = bounded("consolidate", path, "-o", tmp_path / "out.txt", "-q")
    assert_one_line_error(result, path, "the number 1000000000000 is too large to be written in the format upperLetter")
    assert seconds < 60


# -- packages that are not what they say ------------------------------------------------------------

def test_two_zip_entries_named_word_document_xml_are_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, value in parts().items():
            z.writestr(name, value)
        with pytest.warns(UserWarning, match="Duplicate name"):
            z.writestr("word/document.xml", document_xml(BODY.replace("Recalling", "Ignoring")))
    path = write(tmp_path, "twice.docx", buffer.getvalue())
    result = cli_run("consolidate", path, "-o", "-", "-q")
    assert result.exit_code == 1 and result.stderr == (
        f"revcop: error: {path}: has two zip entries named word/document.xml (Word reads one of them; "
        "revcop refuses to guess which)\n")


def _office_package(main: str, content_type: str, rel_type: str, xml: str) -> bytes:
    return docx_bytes({
        "[Content_Types].xml": ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                                'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                                f'<Override PartName="/{main}" ContentType="{content_type}"/></Types>'),
        "_rels/.rels": ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                        f'package/2006/relationships"><Relationship Id="rId1" Type="{rel_type}" Target="{main}"/>'
                        "</Relationships>"),
        main: xml,
    })


@pytest.mark.parametrize("kind, main, expected", [
    ("spreadsheetml.sheet.main+xml", "xl/workbook.xml", "is an Excel spreadsheet (.xlsx), not a Word document"),
    ("presentationml.presentation.main+xml", "ppt/presentation.xml",
     "is a PowerPoint presentation (.pptx), not a Word document"),
])
def test_an_excel_or_powerpoint_file_named_docx_is_named_for_what_it_is(tmp_path, kind, main, expected):
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    xml = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
           'spreadsheetml/2006/main"><sheets/></workbook>')
    content_type = "application/vnd.openxmlformats-officedocument." + kind
    path = write(tmp_path, "figures.docx", _office_package(main, content_type, rel, xml))
    result = cli_run("consolidate", path, "-o", "-", "-q")
    assert result.exit_code == 1 and result.stderr.startswith(f"revcop: error: {path}: {expected}")
