"""Plain text with CriticMarkup amendment marks -> blocks (one block per non-blank line).

Guarantees after :func:`read_text`: no BOM, no carriage returns; each block's spans are non-empty, carry
no line breaks, and the block has no leading or trailing white space; converter artefacts
(``[bookmark: _Hlk…]``) are gone and ``[footnoteRef:N] [N: text]`` pairs are footnote spans.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from revcop.errors import InputError
from revcop.model import Block, Change, Message, Note, Result, Span, strip_spans
from revcop.patterns import compiled

_OPEN = {"{++": "++}", "{--": "--}", "{~~": "~~}", "{>>": "<<}", "{==": "==}"}
_TOKEN = compiled(r"\{\+\+|\{--|\{~~|\{>>|\{==|\+\+\}|--\}|~~\}|<<\}|==\}")
_BOOKMARK = compiled(r"\[bookmark: [^\[\]\n]*\]")  # "[" excluded: an unclosed one must not scan the line
_FOOTNOTE = compiled(
    r"\[footnoteRef:(?P<ref>\d+)\](?:\s*\[(?P=ref):\s*(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\])?"
)


class _Positions:
    """Line and column (1-based) of offsets in one text, by binary search over its line starts.

    Counting newlines from the start for every mark made reading quadratic in the text's length.
    """

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def __call__(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1


def tokenize(text: str, path: str = "") -> Result:
    """Split CriticMarkup text into spans. Unbalanced or nested marks raise :class:`InputError`."""
    spans: list[Span] = []
    messages: list[Message] = []
    position = _Positions(text)
    pos = 0
    while True:
        m = _TOKEN.search(text, pos)
        if m is None:
            if pos < len(text):
                spans.append(Span(text[pos:]))
            break
        token = m.group()
        if token not in _OPEN:
            line, col = position(m.start())
            raise InputError(f"line {line}, column {col}: closing mark {token} without an opening mark", path)
        if m.start() > pos:
            spans.append(Span(text[pos : m.start()]))
        closing = _OPEN[token]
        inner_start = m.end()
        end = text.find(closing, inner_start)
        nested = _TOKEN.search(text, inner_start, end if end >= 0 else len(text))
        if nested is not None:
            line, col = position(nested.start())
            what = "nested" if nested.group() in _OPEN else "unbalanced"
            raise InputError(f"line {line}, column {col}: {what} mark {nested.group()} inside {token}", path)
        if end < 0:
            line, col = position(m.start())
            raise InputError(f"line {line}, column {col}: mark {token} is never closed", path)
        inner = text[inner_start:end]
        line, _ = position(m.start())
        if token == "{++":
            spans.append(Span(inner, Change.INSERTED))
        elif token == "{--":
            spans.append(Span(inner, Change.DELETED))
        elif token == "{~~":
            old, sep, new = inner.partition("~>")
            if not sep:
                col = position(m.start())[1]
                raise InputError(f"line {line}, column {col}: substitution {{~~…~~}} without ~>", path)
            spans += [Span(old, Change.DELETED), Span(new, Change.INSERTED)]
        elif token == "{==":
            spans.append(Span(inner))
            messages.append(Message("CriticMarkup highlight ignored; its text is kept", f"line {line}"))
        else:
            messages.append(Message(f"CriticMarkup comment ignored: {inner.strip()[:60]!r}", f"line {line}"))
        pos = end + len(closing)
    return Result([s for s in spans if s.text], messages)


def _footnotes(span: Span) -> list[Span]:
    """Turn ``[footnoteRef:2] [2: text]`` inside a span into a footnote reference span."""
    out: list[Span] = []
    pos = 0
    for m in _FOOTNOTE.finditer(span.text):
        if m.group("text") is None:
            continue
        out.append(Span(span.text[pos : m.start()], span.change))
        note = Note(m.group("ref"), (Span(m.group("text").strip(), span.change),))
        out.append(Span(m.group("ref"), span.change, note=note))
        pos = m.end()
    out.append(Span(span.text[pos:], span.change))
    return [s for s in out if s.text]


def read_text(text: str, path: str = "", markdown: bool = False) -> Result:
    """Read CriticMarkup (or plain) text into a list of :class:`Block`.

    With ``markdown`` (a ``.md`` file, such as revcop's own Markdown output) a line's heading marker
    (``# ``) is dropped and backslash escapes (``12\\.``, ``\\[``) are read as the characters they
    escape; anything else Markdown (emphasis, links, lists) is read as the text it is written as.
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    tokens = tokenize(text, path)
    lines: list[list[Span]] = [[]]
    for span in tokens.value:
        pieces = span.text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                lines.append([])
            if piece:
                lines[-1].append(Span(piece, span.change))
    blocks: list[Block] = []
    messages = list(tokens.messages)
    for number, line in enumerate(lines, start=1):
        spans: list[Span] = []
        for span in line:
            cleaned = _BOOKMARK.sub("", span.text)
            if cleaned:
                spans += _footnotes(Span(cleaned, span.change))
        if markdown and spans and spans[0].note is None:
            heading = _MD_HEADING.match(spans[0].text)
            if heading:
                spans[0] = replace(spans[0], text=spans[0].text[heading.end():])
        spans = list(strip_spans(spans))
        if any(s.text.strip() for s in spans):
            if any("[footnoteRef:" in s.text for s in spans if s.note is None):
                messages.append(Message("footnote reference without its text; kept as text", f"line {number}"))
            blocks.append(Block(tuple(spans), source=f"line {number}"))
    blocks = _markdown_notes(blocks)
    if markdown:  # after the notes: an escaped reference (backslash, "[^1", backslash, "]") stays text
        blocks = [replace(b, spans=_unescape(b.spans)) for b in blocks]
    return Result(blocks, messages)


_MD_HEADING = compiled(r"^#{1,6}[ \t]+")
_MD_ESCAPE = compiled(r"\\([!-/:-@\[-`{-~])")  # CommonMark: a backslash before ASCII punctuation


def _unescape(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    out = []
    for s in spans:
        if s.note is not None:
            s = replace(s, note=replace(s.note, spans=_unescape(s.note.spans)))
        elif "\\" in s.text:
            s = replace(s, text=_MD_ESCAPE.sub(r"\1", s.text))
        out.append(s)
    return tuple(out)


_NOTE_DEFINITION = compiled(r"^\[\^(?P<marker>[^\]\s]+)\]:[ \t]*")
_NOTE_REFERENCE = compiled(r"\[\^(?P<marker>[^\]\s]+)\]")


def _markdown_notes(blocks: list[Block]) -> list[Block]:
    """Read back the text writer's footnotes: ``[^1]`` in a paragraph and ``[^1]: text`` on a line of
    its own. A definition no reference uses, or a reference without a definition, stays text."""
    notes: dict[str, tuple[int, Note]] = {}
    for i, block in enumerate(blocks):
        first = block.spans[0]
        m = _NOTE_DEFINITION.match(first.text) if first.note is None else None
        if m and m.group("marker") not in notes:
            rest = (Span(first.text[m.end():], first.change), *block.spans[1:])
            notes[m.group("marker")] = (i, Note(m.group("marker"), tuple(s for s in rest if s.text)))
    if not notes:
        return blocks
    used: set[str] = set()
    out: list[Block] = []
    for i, block in enumerate(blocks):
        if any(i == at for at, _ in notes.values()):
            out.append(block)
            continue
        spans: list[Span] = []
        for span in block.spans:
            pos = 0
            for m in _NOTE_REFERENCE.finditer(span.text) if span.note is None else ():
                marker = m.group("marker")
                if marker not in notes or span.text[m.end():m.end() + 1] == ":":
                    continue
                spans.append(Span(span.text[pos:m.start()], span.change))
                spans.append(Span(marker, span.change, note=notes[marker][1]))
                used.add(marker)
                pos = m.end()
            spans.append(replace(span, text=span.text[pos:]) if pos else span)
        out.append(replace(block, spans=tuple(s for s in spans if s.text)))
    dropped = {notes[m][0] for m in used}
    return [b for i, b in enumerate(out) if i not in dropped]
