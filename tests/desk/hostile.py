"""Hostile and damaged uploads for the desk's tests, made here: a zip bomb, an entity bomb, a damaged
package, and a file larger than any upload limit (sparse: it takes no disk)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from tests.docx_parts import HEAD, NS, pack

BODY = '<w:p><w:r><w:t>Recalling the work of the Parties,</w:t></w:r></w:p>'


def zip_bomb(path: Path, inflated: int = 48 << 20) -> Path:
    """A Word package whose document.xml inflates to ``inflated`` bytes of spaces (under the 64 MiB part
    limit, so it is refused for its compression ratio)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        with zipfile.ZipFile(io.BytesIO(pack(BODY))) as good:
            for name in ("[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels"):
                z.writestr(name, good.read(name))
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(f"{HEAD}<w:document {NS}><w:body>".encode())
            chunk = b" " * (1 << 20)
            for _ in range(inflated >> 20):
                f.write(chunk)
            f.write(BODY.encode() + b"</w:body></w:document>")
    return path


def entity_bomb(path: Path) -> Path:
    """A Word package whose document.xml declares a billion-laughs entity and uses it."""
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)]
    document = (f'{HEAD}<!DOCTYPE w:document [{"".join(entities)}]><w:document {NS}><w:body>'
                f'<w:p><w:r><w:t>Recalling &lol9; the work,</w:t></w:r></w:p></w:body></w:document>')
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(pack(BODY))) as good, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in good.namelist():
            z.writestr(name, document if name == "word/document.xml" else good.read(name))
    path.write_bytes(out.getvalue())
    return path


def damaged(path: Path, sample: Path) -> Path:
    """The sample .docx cut in half: a zip whose central directory is gone."""
    data = sample.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def huge(path: Path, size: int = 300 << 20) -> Path:
    """A sparse file of ``size`` bytes (300 MB by default) that takes no disk space."""
    with open(path, "wb") as f:
        f.truncate(size)
    return path
