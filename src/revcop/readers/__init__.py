"""Read any input revcop understands into a :class:`Document`.

The kind of file is told by its first bytes, not its name: a zip is a Word document, an OLE compound
file is a Word 97 document or an encrypted one, JSON with revcop's schema is a dumped document, and
anything else is UTF-8 text with optional CriticMarkup.
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


def read_bytes(path: str | Path) -> bytes:
    """The bytes of an input file, with one-line errors for what cannot be read."""
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
        raise InputError(
            f"not valid {encoding or 'UTF-8'} text (byte offset {e.start}); "
            f"save it as UTF-8 or give --encoding", path,
        ) from None
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", path) from None


def read_document(path: str | Path, *, encoding: str | None = None, tracked: str = "auto",
                  pages: str | None = None) -> Result:
    """Read ``path`` into a Document; returns Result(document, messages).

    ``pages`` limits the pages of a PDF that are read (``"3-5,9"``; docs/pdf.md).

    A ``path`` that is no file but a library reference (``cms/14.16@Rev.COP15``) reads that version
    from the library (``$REVCOP_LIBRARY``, else ``./resolutions``).
    """
    from revcop import structure

    path = str(path)
    if not os.path.isfile(path):
        from revcop import library

        if library.looks_like_ref(path):  # cms/14.16@COP14: a version in the library (docs/library.md)
            return library.read(path, encoding=encoding)
    data = read_bytes(path)
    if not data.strip():
        raise InputError("is empty", path)
    if data.startswith(OLE_MAGIC):
        raise InputError(
            "is a Word 97-2003 .doc or an encrypted (password-protected) .docx; "
            "open it in Word or LibreOffice and save it as an unprotected .docx", path,
        )
    if data.startswith(ZIP_MAGIC):
        from revcop.readers import docx

        blocks = docx.read_blocks(path, data, tracked=tracked)
    elif data[:1024].lstrip()[:len(PDF_MAGIC)] == PDF_MAGIC:
        from revcop.readers import pdf

        blocks = pdf.read_blocks(path, data, pages=pages)
    elif path.lower().endswith((".docx", ".docm", ".dotx")):
        raise InputError("is named .docx but is not a Word document (not a zip file)", path)
    else:
        text = decode_text(data, path, encoding)
        if text.lstrip().startswith("{") and path.lower().endswith(".json"):
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
    return Result(built.value, blocks.messages + built.messages)


# Below this many bytes in all, reading in a second process costs more than it saves.
PARALLEL_MIN_BYTES = 256 * 1024


def _is_zip(path: str) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(len(ZIP_MAGIC)) == ZIP_MAGIC
    except OSError:
        return False


def read_documents(paths, **options) -> list[Result]:
    """:func:`read_document` of each of ``paths``, in order (a comparison's two versions).

    On a machine with more than one core the first is read in a forked process while this one reads
    the rest, so two versions take about the time of one. Whatever goes wrong in that process, the
    file is read again here, so errors and messages are exactly those of reading in turn.
    """
    paths = [str(p) for p in paths]
    if len(paths) < 2 or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2 \
            or sum(os.path.getsize(p) for p in paths if os.path.isfile(p)) < PARALLEL_MIN_BYTES:
        return [read_document(p, **options) for p in paths]
    import pickle

    # Modules both processes need are imported once, here, rather than in each after the fork.
    from revcop import structure  # noqa: F401

    if any(_is_zip(p) for p in paths):
        from revcop.readers import docx  # noqa: F401
    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: read the first, send it back, leave without running any clean-up
        os.close(readable)
        try:
            payload = pickle.dumps(read_document(paths[0], **options), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # noqa: BLE001 - the parent reads the file again and reports
            payload = b""
        with os.fdopen(writable, "wb") as pipe:
            pipe.write(payload)
        os._exit(0)
    os.close(writable)
    try:
        rest = [read_document(p, **options) for p in paths[1:]]
    finally:
        with os.fdopen(readable, "rb") as pipe:
            payload = pipe.read()
        os.waitpid(pid, 0)
    first = pickle.loads(payload) if payload else read_document(paths[0], **options)
    return [first, *rest]
