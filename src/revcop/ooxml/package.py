"""Open an OOXML/ODF zip package safely: bounded inflation, XML without entities, DTDs or network.

Guarantees of :class:`Package`: no member is inflated whose declared size exceeds
:data:`MAX_PART_BYTES` or whose compression ratio exceeds :data:`MAX_RATIO` (a zip bomb), nor more
than :data:`MAX_TOTAL_BYTES` in all; inflation stops at the declared size even if the header lies;
XML is parsed with entity resolution, DTD loading and network access off, and a document that
declares a DOCTYPE with entities is refused. Limits can be changed by assigning the module constants
(or the ``REVCOP_MAX_PART_BYTES`` / ``REVCOP_MAX_RATIO`` environment variables).
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib

from lxml import etree

from revcop.errors import InputError

MAX_PART_BYTES = int(os.environ.get("REVCOP_MAX_PART_BYTES", 64 * 1024 * 1024))
MAX_TOTAL_BYTES = 4 * MAX_PART_BYTES
MAX_RATIO = int(os.environ.get("REVCOP_MAX_RATIO", 200))
#: Parts smaller than this are never refused for their ratio (tiny XML compresses very well).
RATIO_FLOOR_BYTES = 1024 * 1024

_ENTITY_DECL = re.compile(rb"<!DOCTYPE[^>\[]*\[[^\]]*<!ENTITY", re.DOTALL)


#: How every XML part is parsed, whole or streamed: entities never resolved, nothing fetched, no DTD
#: loaded, no huge trees; comments and processing instructions dropped.
PARSER_OPTIONS = {
    "resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False,
    "remove_comments": True, "remove_pis": True,
}


def xml_parser() -> etree.XMLParser:
    return etree.XMLParser(**PARSER_OPTIONS)


def check_entities(data: bytes, name: str, path: str) -> None:
    if _ENTITY_DECL.search(data[:4096]):
        raise InputError(f"part {name} declares XML entities, which revcop refuses to expand", path)


def check_parsed_entities(element, name: str, path: str) -> None:
    """Refuse a parsed element whose document declares entities or that holds an entity reference.

    The byte check sees only an ASCII-compatible DOCTYPE near the start; entities declared after a
    long comment, or in a UTF-16 part, are caught here: left unresolved, an entity reference would
    silently cut the text it stands in (found by the robustness tests).
    """
    dtd = element.getroottree().docinfo.internalDTD
    if dtd is None:  # no DOCTYPE: an entity reference would have been a syntax error (the usual case)
        return
    if next(dtd.iterentities(), None) is not None or next(element.iter(etree.Entity), None) is not None:
        raise InputError(f"part {name} declares XML entities, which revcop refuses to expand", path)


class Package:
    """A zip package opened for reading; members are read on demand with the limits above."""

    def __init__(self, data: bytes, path: str) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as e:
            raise InputError(f"is a damaged zip file ({e})", path) from None
        self.members = {info.filename: info for info in infos}
        if len(self.members) < len(infos):
            seen: set[str] = set()
            twice = ""
            for info in infos:
                if info.filename in seen:
                    twice = info.filename
                    break
                seen.add(info.filename)
            raise InputError(f"has two zip entries named {twice} (Word reads one of them; revcop refuses to guess "
                             "which)", path)
        self.inflated = 0

    def has(self, name: str) -> bool:
        return name in self.members

    def read(self, name: str) -> bytes:
        info = self.members.get(name)
        if info is None:
            raise InputError(f"part {name} is missing from the package", self.path)
        size = info.file_size
        if size > MAX_PART_BYTES:
            raise InputError(
                f"part {name} would inflate to {size} bytes (limit {MAX_PART_BYTES}; "
                f"set REVCOP_MAX_PART_BYTES to allow more)", self.path,
            )
        if size > RATIO_FLOOR_BYTES and info.compress_size and size / info.compress_size > MAX_RATIO:
            raise InputError(
                f"part {name} has a compression ratio of {size // info.compress_size}:1, which looks "
                f"like a zip bomb (limit {MAX_RATIO}; set REVCOP_MAX_RATIO to allow more)", self.path,
            )
        if self.inflated + size > MAX_TOTAL_BYTES:
            raise InputError(f"the package inflates to more than {MAX_TOTAL_BYTES} bytes", self.path)
        try:
            with self.zip.open(info) as f:
                data = f.read(size + 1)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError, EOFError,
                zlib.error) as e:
            # zlib.error: damaged deflate data (found by fuzzing); EOFError: a stream cut short
            raise InputError(f"part {name} cannot be read ({e})", self.path) from None
        if len(data) > size:
            raise InputError(f"part {name} is larger than its zip header says", self.path)
        self.inflated += len(data)
        return data

    def xml(self, name: str) -> etree._Element | None:
        """The root element of an XML part, or None when the part is absent."""
        if not self.has(name):
            return None
        data = self.read(name)
        check_entities(data, name, self.path)
        try:
            root = etree.fromstring(data, parser=xml_parser())
        except etree.XMLSyntaxError as e:
            raise InputError(f"part {name} is not well-formed XML ({e})", self.path) from None
        check_parsed_entities(root, name, self.path)
        return root
