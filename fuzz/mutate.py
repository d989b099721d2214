"""Random damage to inputs, for the fuzzer's ``--random`` mode and the property tests.

Text and bytes get byte-level damage (flips, insertions, deletions, duplicated or spliced chunks,
CriticMarkup tokens dropped in); a zip package gets damage that keeps it a zip, so the reader's
deeper layers are reached: a part dropped, duplicated under another name, truncated, or an XML
element dropped, duplicated or cut in half.
"""

from __future__ import annotations

import io
import random
import re
import warnings
import zipfile
import zlib

TOKENS = [b"{++", b"++}", b"{--", b"--}", b"{~~", b"~>", b"~~}", b"{>>", b"<<}", b"{==", b"==}",
          b"[footnoteRef:1]", b"[1: ", b"]", b"[bookmark: ", b"\n", b"\r", b"\xef\xbb\xbf", b"11 bis. ",
          b"(iv) ", b"ANNEX 1\n", b"PROPOSED AMENDMENTS TO RESOLUTION 1.1\n", b"\x00", b"\xff"]
_ELEMENT = re.compile(rb"<(w:[A-Za-z]+)\b[^>]*?(?:/>|>.*?</\1>)", re.DOTALL)


def mutate_bytes(data: bytes, rng: random.Random, steps: int | None = None) -> bytes:
    out = bytearray(data)
    for _ in range(steps or rng.randint(1, 4)):
        op = rng.randrange(6)
        at = rng.randint(0, len(out))
        if op == 0 and out:
            at = min(at, len(out) - 1)
            out[at] ^= 1 << rng.randrange(8)
        elif op == 1:
            out[at:at] = rng.choice(TOKENS)
        elif op == 2:
            del out[at : at + rng.randint(1, 16)]
        elif op == 3 and out:
            start = rng.randrange(len(out))
            out[at:at] = out[start : start + rng.randint(1, 64)]
        elif op == 4:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        else:
            del out[at:]
    return bytes(out)


def mutate_xml(data: bytes, rng: random.Random) -> bytes:
    """Drop, duplicate or cut one element, or truncate the part."""
    elements = list(_ELEMENT.finditer(data))
    op = rng.randrange(4)
    if op == 3 or not elements:
        return data[: rng.randint(0, len(data))]
    m = rng.choice(elements)
    if op == 0:
        return data[: m.start()] + data[m.end() :]
    if op == 1:
        return data[: m.end()] + m.group() + data[m.end() :]
    return data[: m.start()] + m.group()[: rng.randint(1, len(m.group()))] + data[m.end() :]


def mutate_zip(data: bytes, rng: random.Random) -> bytes:
    """Damage one part of a zip package, keeping the package readable as a zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = [(info.filename, z.read(info)) for info in z.infolist()]
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError, EOFError, zlib.error):
        return mutate_bytes(data, rng)
    if not members:
        return data
    index = rng.randrange(len(members))
    name, content = members[index]
    op = rng.randrange(5)
    if op == 0:
        del members[index]
    elif op == 1:
        members.insert(index, (name, content))  # the same name twice
    elif op == 2:
        members[index] = (name, content[: rng.randint(0, len(content))])
    elif op == 3:
        members[index] = (name, mutate_xml(content, rng))
    else:
        members[index] = (name, mutate_bytes(content, rng))
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": wanted here
        for member, value in members:
            z.writestr(member, value)
    return buffer.getvalue()


def mutate(data: bytes, rng: random.Random) -> bytes:
    if data.startswith(b"PK\x03\x04") and rng.random() < 0.9:
        return mutate_zip(data, rng)
    return mutate_bytes(data, rng)
