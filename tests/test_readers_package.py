"""Opening zip packages safely: size and ratio limits, no entity expansion, damaged zips."""

from __future__ import annotations

import io
import zipfile

import pytest

from docx_parts import p, pack, r
from revcop.errors import InputError
from revcop.ooxml import package
from revcop.readers.docx import read_blocks


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


def test_part_larger_than_the_limit_is_refused(monkeypatch):
    data = pack(p(r("x" * 5000)))
    monkeypatch.setattr(package, "MAX_PART_BYTES", 1000)
    with pytest.raises(InputError, match="REVCOP_MAX_PART_BYTES"):
        read_blocks("big.docx", data)


def test_zip_bomb_ratio_is_refused_before_inflating(monkeypatch):
    data = _zip({"word/document.xml": b" " * (3 * 1024 * 1024)})
    with pytest.raises(InputError, match="zip bomb"):
        read_blocks("bomb.docx", data)
    monkeypatch.setattr(package, "MAX_RATIO", 10 ** 6)
    with pytest.raises(InputError, match="well-formed"):
        read_blocks("bomb.docx", data)  # allowed through, then found not to be XML


def test_entities_are_refused():
    doc = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
           b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           b'<w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>')
    with pytest.raises(InputError, match="entities"):
        read_blocks("ent.docx", _zip({"word/document.xml": doc}))


def test_external_dtd_is_not_loaded():
    doc = (b'<?xml version="1.0"?><!DOCTYPE d SYSTEM "http://example.invalid/x.dtd">'
           b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           b'<w:p><w:r><w:t>safe</w:t></w:r></w:p></w:body></w:document>')
    blocks = read_blocks("dtd.docx", _zip({"word/document.xml": doc})).value
    assert [b.text for b in blocks] == ["safe"]


def test_damaged_zip():
    data = pack(p(r("x")))
    with pytest.raises(InputError, match="damaged zip"):
        read_blocks("cut.docx", data[: len(data) // 2])


def test_malformed_xml():
    with pytest.raises(InputError, match="not well-formed"):
        read_blocks("bad.docx", _zip({"word/document.xml": b"<w:document><w:body>"}))
