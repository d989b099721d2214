"""Refuse a PDF whose compressed streams would inflate past the limits a .docx part has (a bomb).

PDFium inflates content streams, object streams and fonts when it reads text, without a limit of
its own that revcop can set; so before PDFium sees the file, every Flate stream that is not an image
(images are never decoded: revcop does not render) is inflated here with bounded output. The limits
are the .docx package's (docs/robustness.md): a stream may not inflate past ``REVCOP_MAX_PART_BYTES``
(200 MiB), nor, once past 1 MiB, at a ratio over ``REVCOP_MAX_RATIO`` (200:1); all streams together
not past four times the part limit.
"""

from __future__ import annotations

import os
import re
import zlib

from revcop.errors import InputError

MAX_STREAM_BYTES = int(os.environ.get("REVCOP_MAX_PART_BYTES", 200 * 1024 * 1024))
MAX_TOTAL_BYTES = 4 * MAX_STREAM_BYTES
MAX_RATIO = int(os.environ.get("REVCOP_MAX_RATIO", 200))
RATIO_FLOOR_BYTES = 1024 * 1024
_CHUNK = 1 << 20

_STREAM = re.compile(rb"stream\r?\n")


def _dictionary_before(data: bytes, at: int) -> bytes:
    """The bytes of the object dictionary that ends just before ``stream`` at ``at`` (bounded look-back)."""
    start = data.rfind(b"obj", max(0, at - 4096), at)
    return data[start if start >= 0 else max(0, at - 4096): at]


def check(data: bytes, path: str) -> None:
    total = 0
    pos = 0
    while True:
        m = _STREAM.search(data, pos)
        if m is None:
            return
        pos = m.end()
        head = _dictionary_before(data, m.start())
        if b"/FlateDecode" not in head and b"/Fl " not in head and b"/Fl]" not in head and b"/Fl/" not in head:
            continue
        if b"/Image" in head:
            continue
        end = data.find(b"endstream", pos)
        if end < 0:
            end = len(data)
        compressed = end - pos
        inflater = zlib.decompressobj()
        out = 0
        offset = pos
        try:
            while offset < end:
                chunk = data[offset: min(offset + _CHUNK, end)]
                offset += len(chunk)
                while chunk:
                    got = inflater.decompress(chunk, _CHUNK)
                    out += len(got)
                    chunk = inflater.unconsumed_tail
                    _limit(out, compressed, total, path)
                    if inflater.eof:
                        break
                if inflater.eof:
                    break
        except zlib.error:
            continue  # damaged data: PDFium reads what it can, and so bounded
        total += out
        pos = max(pos, end)


def _limit(out: int, compressed: int, total: int, path: str) -> None:
    if out > MAX_STREAM_BYTES or total + out > MAX_TOTAL_BYTES:
        raise InputError(f"has a compressed stream that inflates past {min(MAX_STREAM_BYTES, MAX_TOTAL_BYTES)} "
                         "bytes (REVCOP_MAX_PART_BYTES); refused as a possible compression bomb", path)
    if out > RATIO_FLOOR_BYTES and out > MAX_RATIO * max(compressed, 1):
        raise InputError(f"has a compressed stream with a compression ratio over {MAX_RATIO}:1 "
                         "(REVCOP_MAX_RATIO); refused as a possible compression bomb", path)
