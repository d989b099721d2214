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


def read_document(path: str | Path, *, encoding: str | None = None, tracked: str = "auto") -> Result:
    """Read the file ``path`` into a Document; returns Result(document, messages).

    (A library reference is opened by the hall, :func:`revcop.pipeline.read`.)
    """
    from revcop import structure

    path = str(path)
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


def is_zip(path: str) -> bool:
    """Whether the file at ``path`` starts as a zip (a Word package) does."""
    try:
        with open(path, "rb") as f:
            return f.read(len(ZIP_MAGIC)) == ZIP_MAGIC
    except OSError:
        return False
