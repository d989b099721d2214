"""Blame and change summaries across the versions of one instrument.

:func:`blame` walks the versions oldest first and carries, for every paragraph of the newest one, each
piece of its wording with the version that introduced it. Paragraphs are paired and diffed word by word
by :func:`revcop.comparison.compare`; wherever a diff does not rebuild both texts exactly, the wording is
given to the newer version (over-attributing to the newer version, never to an older one).
"""

from __future__ import annotations

from revcop.model import PARAGRAPH_CHANGES, Change, Document, Paragraph
from revcop.records import dataclass


@dataclass(frozen=True)
class Piece:
    """A stretch of a paragraph's wording and the version that introduced it."""

    text: str
    version: str


@dataclass(frozen=True)
class Blamed:
    """One paragraph of the newest version with the origin of each piece of its wording."""

    paragraph: Paragraph
    depth: int
    pieces: tuple[Piece, ...]
    version: str  # the last version that changed the wording (inserted or deleted words in it)
    deleted: tuple[Piece, ...] = ()  # the words that version deleted from the paragraph

    @property
    def label(self) -> str:
        return self.paragraph.label.render() if self.paragraph.label else ""


def _text(p: Paragraph) -> str:
    return p.text


def _flat(doc: Document) -> list[Paragraph]:
    return list(doc.walk())


def changes(old: Document, new: Document) -> list:
    """Paragraph changes from ``old`` to ``new`` (revcop.comparison's ParagraphChange)."""
    from revcop.comparison import compare

    return list(compare(old, new).changes)


def summary(old: Document, new: Document) -> dict[str, int]:
    """Counts of paragraph changes by kind, and of words inserted and deleted."""
    from revcop.comparison import compare

    counts = compare(old, new).summary
    return {k: int(counts.get(k, 0)) for k in (*PARAGRAPH_CHANGES, "words_inserted", "words_deleted")}


def _merge(pieces: list[Piece]) -> tuple[Piece, ...]:
    out: list[Piece] = []
    for piece in pieces:
        if not piece.text:
            continue
        if out and out[-1].version == piece.version:
            out[-1] = Piece(out[-1].text + piece.text, piece.version)
        else:
            out.append(piece)
    return tuple(out)


def _take(pieces: tuple[Piece, ...], start: int, length: int) -> list[Piece]:
    """The pieces covering characters ``start`` .. ``start + length`` of their joined text."""
    out: list[Piece] = []
    pos = 0
    for piece in pieces:
        end = pos + len(piece.text)
        lo, hi = max(start, pos), min(start + length, end)
        if lo < hi:
            out.append(Piece(piece.text[lo - pos : hi - pos], piece.version))
        pos = end
    return out


def _carry(old_pieces: tuple[Piece, ...], spans, new_text: str, version: str) -> tuple[Piece, ...]:
    """Apply a word diff (spans) to the pieces of the old paragraph; new words belong to ``version``.

    Footnote references are left out (like :attr:`Paragraph.text`); a diff that does not rebuild both
    texts exactly is not trusted (:func:`_locate`)."""
    spans = [s for s in spans if s.note is None]
    old_text = "".join(p.text for p in old_pieces)
    rebuilt_old = "".join(s.text for s in spans if s.change is not Change.INSERTED)
    rebuilt_new = "".join(s.text for s in spans if s.change is not Change.DELETED)
    if rebuilt_old != old_text or rebuilt_new != new_text:
        return _locate(old_pieces, new_text, version)
    out: list[Piece] = []
    pos = 0
    for s in spans:
        if s.change is Change.INSERTED:
            out.append(Piece(s.text, version))
            continue
        if s.change is Change.UNCHANGED:
            out += _take(old_pieces, pos, len(s.text))
        pos += len(s.text)
    return _merge(out)


def _locate(old_pieces: tuple[Piece, ...], new_text: str, version: str) -> tuple[Piece, ...]:
    """Where the diff does not rebuild the texts (split or merged paragraphs): carry the wording only
    if the new text stands whole inside the old; otherwise it is the new version's wording."""
    old_text = "".join(p.text for p in old_pieces)
    at = old_text.find(new_text) if new_text else -1
    if at >= 0:
        return _merge(_take(old_pieces, at, len(new_text)))
    return _merge([Piece(new_text, version)])


def blame(versions: list[tuple[str, Document]]) -> list[Blamed]:
    """Every paragraph of the last document with the version that introduced each piece of wording."""
    if not versions:
        return []
    order = {vid: i for i, (vid, _) in enumerate(versions)}
    first_id, first = versions[0]
    pieces: dict[int, tuple[Piece, ...]] = {id(p): _merge([Piece(_text(p), first_id)]) for p in _flat(first)}
    # id -> (last version that changed the wording, words it deleted)
    touched: dict[int, tuple[str, tuple[Piece, ...]]] = {id(p): (first_id, ()) for p in _flat(first)}
    previous = first
    for vid, doc in versions[1:]:
        carried: dict[int, tuple[Piece, ...]] = {}
        now: dict[int, tuple[str, tuple[Piece, ...]]] = {}
        for c in changes(previous, doc):
            if not c.new:
                continue
            edited = any(s.change is not Change.UNCHANGED and (s.text.strip() or s.note is not None) for s in c.spans)
            deleted = tuple(Piece(s.text.strip(), vid) for s in c.spans
                            if s.change is Change.DELETED and s.text.strip() and s.note is None)
            before = max((touched.get(id(p), (first_id, ())) for p in c.old), key=lambda t: order[t[0]],
                         default=(vid, ()))
            if len(c.new) == 1:
                now[id(c.new[0])] = (vid, deleted) if edited or not c.old else before
            if c.kind == "inserted" or not c.old:
                for p in c.new:
                    carried[id(p)] = _merge([Piece(_text(p), vid)])
                continue
            # split and merged paragraphs are diffed as their texts joined by a space
            old_pieces: list[Piece] = []
            for n, p in enumerate(c.old):
                if n:
                    old_pieces.append(Piece(" ", vid))
                old_pieces += pieces.get(id(p), (Piece(_text(p), vid),))
            texts = [_text(p) for p in c.new]
            joined = _carry(tuple(old_pieces), c.spans, " ".join(texts), vid)
            at = 0
            for p, text in zip(c.new, texts):
                carried[id(p)] = _merge(_take(joined, at, len(text)))
                at += len(text) + 1
                if len(c.new) > 1:  # a split: each part is edited if it holds new words
                    now[id(p)] = (vid, ()) if any(x.version == vid for x in carried[id(p)]) else before
        for p in _flat(doc):  # a paragraph the engine did not report is new wording
            carried.setdefault(id(p), _merge([Piece(_text(p), vid)]))
            now.setdefault(id(p), (vid, ()))
        pieces, touched, previous = carried, now, doc
    out: list[Blamed] = []

    def walk(ps, depth):
        for p in ps:
            own = pieces[id(p)]
            last, deleted = touched[id(p)]
            newest = max((piece.version for piece in own), key=order.__getitem__, default=first_id)
            if order[last] > order[newest]:
                newest = last
            out.append(Blamed(p, depth, own, newest, deleted if last == newest else ()))
            walk(p.children, depth + 1)

    for part in previous.parts:
        walk(part.paragraphs, 0)
    return out
