"""Read any input revcop understands into a :class:`Document`.

The kind of file is told by its first bytes, not its name: a zip is a Word document, an OLE compound
file is a Word 97 document or an encrypted one, JSON with revcop's schema is a dumped document, and
anything else is UTF-8 text with optional CriticMarkup. Formats revcop does not read (RTF, HTML, XML,
images, archives, UTF-16 text, binary data) are named for what they are, with what to do
(:func:`sniff`).
"""

from __future__ import annotations

import os
from pathlib import Path

from revcop.errors import InputError
from revcop.model import Result

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"
MAX_TEXT_BYTES = 256 * 1024 * 1024
# How much of a file is looked at to tell its kind before all of it is read.
HEAD_BYTES = 64 * 1024

READS = "revcop reads Word .docx, UTF-8 text (with CriticMarkup) and its own JSON"
SAVE_AS_DOCX = "open it in Word or LibreOffice and save it as .docx"
# Formats revcop does not read, by their first bytes: what the file is, and what to do.
NOT_READ = (
    (b"{\\rtf", "an RTF document", SAVE_AS_DOCX),
    (b"\xffWPC", "a WordPerfect document", SAVE_AS_DOCX),
    (b"MIME-Version:", "a web archive (.mht)", SAVE_AS_DOCX),
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not a document", READS),
    (b"\xff\xd8\xff", "a JPEG image, not a document", READS),
    (b"GIF87a", "a GIF image, not a document", READS),
    (b"GIF89a", "a GIF image, not a document", READS),
    (b"II*\x00", "a TIFF image, not a document", READS),
    (b"MM\x00*", "a TIFF image, not a document", READS),
    (b"\x1f\x8b", "a gzip archive", "unpack it and give the document inside"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "unpack it and give the document inside"),
    (b"Rar!\x1a\x07", "a RAR archive", "unpack it and give the document inside"),
    (b"\xfd7zXZ\x00", "an xz archive", "unpack it and give the document inside"),
    (b"\x7fELF", "a program, not a document", READS),
)
# Streams of an OLE compound file (names in UTF-16LE) that say which program wrote it.
OLE_KINDS = (
    ("EncryptedPackage", "an encrypted (password-protected) Word or Office file",
     "open it in Word with its password and save it without protection as .docx"),
    ("WordDocument", "a Word 97-2003 .doc", SAVE_AS_DOCX),
    ("Workbook", "an Excel 97-2003 spreadsheet, not a document", READS),
    ("PowerPoint Document", "a PowerPoint 97-2003 presentation, not a document", READS),
)
# An XML file: what its first elements say it is, and what to do.
XML_KINDS = (
    (b"progid=\"word.document\"", "a Word XML document (Word 2003 XML or flat XML)", SAVE_AS_DOCX),
    (b"<w:worddocument", "a Word 2003 XML document", SAVE_AS_DOCX),
    (b"<pkg:package", "a Word XML document (flat XML)", SAVE_AS_DOCX),
    (b"<office:document", "a flat OpenDocument file (.fodt)", SAVE_AS_DOCX),
    (b"<akomantoso", "an Akoma Ntoso file, which revcop writes but does not read",
     "give the document it was made from, or its revcop JSON"),
)
# Bytes that text does not hold (C0 controls but tab, line feed, vertical tab, form feed, carriage
# return and escape): many of them in what is not UTF-8 make it binary data, not text in another encoding.
CONTROL_BYTES = bytes(c for c in range(32) if c not in (9, 10, 11, 12, 13, 27))


def sniff(head: bytes, path: str, encoding: str | None = None) -> None:
    """Refuse, in one line naming what it is, a file that revcop cannot read, from its first bytes.

    Word packages (zip), OLE compound files and PDF files are left to the reader that takes them;
    ``encoding`` (--encoding) turns off the sniffing of text encodings.
    """
    if head.startswith((ZIP_MAGIC, OLE_MAGIC, PDF_MAGIC)):
        return
    for magic, what, todo in NOT_READ:
        if head.startswith(magic):
            raise InputError(f"is {what}; {todo}", path)
    wide = encoding is not None and encoding.lower().replace("_", "-").startswith(("utf-16", "utf16", "utf-32",
                                                                                   "utf32"))
    if encoding is None:
        for bom, name in ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
                          (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16")):
            if head.startswith(bom):
                raise InputError(f"is {name} text; give --encoding {name.lower()} or save it as UTF-8", path)
    text = head.lstrip(b"\xef\xbb\xbf").lstrip(b" \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html")):
        raise InputError(f"is an HTML page; {SAVE_AS_DOCX}", path)
    if text.startswith(b"<?xml") or text.startswith(b"<?mso-application"):
        what, todo = next(((w, t) for marker, w, t in XML_KINDS if marker in text),
                          ("an XML file, not a document revcop reads", SAVE_AS_DOCX))
        raise InputError(f"is {what}; {todo}", path)
    if wide or b"\x00" not in head:
        return
    if not head.strip(b"\x00"):
        raise InputError("holds nothing but NUL bytes where text should begin (a damaged or unfinished file); "
                         + READS, path)
    even, odd = head[0::2], head[1::2]
    pairs = max(len(odd), 1)
    if encoding is None and odd.count(0) > 0.4 * pairs and even.count(0) < 0.05 * pairs:
        raise InputError("is UTF-16 text (little-endian, without a byte order mark); give --encoding utf-16-le "
                         "or save it as UTF-8", path)
    if encoding is None and even.count(0) > 0.4 * pairs and odd.count(0) < 0.05 * pairs:
        raise InputError("is UTF-16 text (big-endian, without a byte order mark); give --encoding utf-16-be "
                         "or save it as UTF-8", path)
    binary(head, path)


def binary(data: bytes, path: str) -> None:
    """Refuse text that holds a NUL byte: binary data, not a document."""
    at = data.find(b"\x00")
    if at >= 0:
        raise InputError(f"is binary data, not text (a NUL byte at offset {at}); {READS}", path)


def _ole_kind(data: bytes, path: str) -> InputError:
    for stream, what, todo in OLE_KINDS:
        if stream.encode("utf-16-le") in data:
            return InputError(f"is {what}; {todo}", path)
    return InputError(
        "is a Word 97-2003 .doc or an encrypted (password-protected) .docx; "
        "open it in Word or LibreOffice and save it as an unprotected .docx", path,
    )


def read_bytes(path: str | Path, check=None) -> bytes:
    """The bytes of an input file, with one-line errors for what cannot be read.

    ``check``, given the first :data:`HEAD_BYTES`, may refuse the file before the rest is read
    (a sparse file of 200 MiB of NUL bytes is refused at once).
    """
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", str(path))
    if p.is_dir():
        raise InputError("is a directory, not a file", str(path))
    if not p.is_file():
        # a device or a pipe: /dev/zero would never end, a FIFO without a writer would hang
        raise InputError("is not a regular file", str(path))
    try:
        size = p.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise InputError(f"file too large ({size} bytes; limit {MAX_TEXT_BYTES})", str(path))
        with open(p, "rb") as f:  # read-only: inputs are never changed
            if check is not None:
                check(f.read(HEAD_BYTES))
                f.seek(0)
            # Bounded even if the file grows while it is read; a buffer of the file's own size, not
            # of the limit (read(n) allocates n bytes up front).
            data = f.read(size + 1)
            if len(data) > size:
                data += f.read(MAX_TEXT_BYTES + 1 - len(data))
        if len(data) > MAX_TEXT_BYTES:
            raise InputError(f"file too large (more than {MAX_TEXT_BYTES} bytes)", str(path))
        return data
    except PermissionError:
        raise InputError("permission denied", str(path)) from None
    except OSError as e:
        raise InputError(f"cannot be read ({e.strerror or e})", str(path)) from None


def decode_text(data: bytes, path: str, encoding: str | None = None) -> str:
    try:
        return data.decode(encoding or "utf-8")
    except UnicodeDecodeError as e:
        head = data[:HEAD_BYTES]
        if encoding is None and sum(head.count(c) for c in CONTROL_BYTES) > len(head) // 100:
            raise InputError(f"is binary data, not text (control bytes, not UTF-8); {READS}", path) from None
        raise InputError(
            f"not valid {encoding or 'UTF-8'} text (byte offset {e.start}); "
            f"save it as UTF-8 or give --encoding", path,
        ) from None
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", path) from None


def read_document(path: str | Path, *, encoding: str | None = None, tracked: str = "auto",
                  pages: str | None = None) -> Result:
    """Read the file ``path`` into a Document; returns Result(document, messages).

    ``pages`` limits the pages of a PDF that are read (``"3-5,9"``; docs/pdf.md). (A library
    reference is opened by the hall, :func:`revcop.pipeline.read`.)
    """
    from revcop import structure

    path = str(path)
    data = read_bytes(path, lambda head: sniff(head, path, encoding))
    if not data.strip():
        raise InputError("is empty", path)
    if data.startswith(OLE_MAGIC):
        raise _ole_kind(data, path)
    if data.startswith(ZIP_MAGIC):
        from revcop.readers import docx

        blocks = docx.read_blocks(path, data, tracked=tracked)
    elif data[:1024].lstrip()[:len(PDF_MAGIC)] == PDF_MAGIC:
        from revcop.readers import pdf

        blocks = pdf.read_blocks(path, data, pages=pages)
    elif path.lower().endswith((".docx", ".docm", ".dotx")):
        raise InputError("is named .docx but is not a Word document (not a zip file)", path)
    else:
        if encoding is None or "utf-16" not in encoding.lower() and "utf-32" not in encoding.lower():
            binary(data, path)  # a NUL byte after the first HEAD_BYTES
        text = decode_text(data, path, encoding)
        if text.lstrip().startswith(("{", "[")) and path.lower().endswith(".json"):
            import json

            from revcop import serialize

            try:
                return Result(serialize.from_data(json.loads(text)), [])
            except (ValueError, KeyError, TypeError, AttributeError) as e:
                raise InputError(f"not a revcop JSON document ({e})", path) from None
            except RecursionError:
                raise InputError("not a revcop JSON document (nested too deeply)", path) from None
        from revcop.readers import critic

        blocks = critic.read_text(text, path, markdown=path.lower().endswith((".md", ".markdown")))
    built = structure.build(blocks.value, os.path.basename(path))
    if any(b.comments for b in blocks.value):  # Word comments go onto the paragraphs they mark
        from revcop.readers.docx.comments import attach

        built = attach(built, blocks.value)
    return Result(built.value, blocks.messages + built.messages)


def is_zip(path: str) -> bool:
    """Whether the file at ``path`` starts as a zip (a Word package) does."""
    try:
        with open(path, "rb") as f:
            return f.read(len(ZIP_MAGIC)) == ZIP_MAGIC
    except OSError:
        return False
