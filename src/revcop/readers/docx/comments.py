"""Word comments (``word/comments.xml``): read each one and keep it beside the paragraph it marks.

A comment is anchored in the body by ``w:commentRangeStart`` / ``w:commentRangeEnd`` around the text it
marks and a ``w:commentReference`` run (ECMA-376 §17.13.4). :func:`watch` records, as the reader walks
the paragraphs, where each comment starts and the text it marks; :meth:`Anchors.attach` puts the
comments on the blocks of those paragraphs, and :func:`attach` carries them from the blocks onto the
paragraphs of the structured document. A comment anchored where no paragraph of the document is kept
(a header, a footnote) is named in a warning, never dropped in silence.
"""

from __future__ import annotations

from dataclasses import replace

from revcop.model import Block, Comment, Document, Message, Paragraph, Result
from revcop.ooxml.names import attr, w
from revcop.patterns import on_first_use

_BODY_SOURCE = on_first_use(r"^paragraph (\d+)$")
_TEXT_TAGS = (w("t"), w("delText"), w("tab"), w("br"), w("cr"), w("noBreakHyphen"))
_ANCHOR_TAGS = (w("commentRangeStart"), w("commentRangeEnd"), w("commentReference"), w("t"), w("delText"),
                w("tab"), w("br"), w("cr"), w("noBreakHyphen"))


def _text_of(el) -> str:
    tag = el.tag
    if tag in (w("t"), w("delText")):
        return el.text or ""
    if tag == w("tab"):
        return "\t"
    if tag == w("noBreakHyphen"):
        return "\u2011"
    return "\n"  # w:br, w:cr


def read(root) -> dict[str, Comment]:
    """The comments of a comments part by id, in the part's order (anchors not yet known)."""
    out: dict[str, Comment] = {}
    if root is None:
        return out
    for el in root.iterchildren(w("comment")):
        cid = attr(el, "id")
        if cid is None:
            continue
        paragraphs = ["".join(_text_of(t) for t in p.iter(*_TEXT_TAGS) if t.tag != w("delText"))
                      for p in el.iter(w("p"))]
        out[cid] = Comment(cid, "\n".join(paragraphs).strip(), attr(el, "author", "") or "",
                           attr(el, "initials", "") or "", attr(el, "date", "") or "")
    return out


class Anchors:
    """Where each comment of a document is anchored, recorded while the reader walks its paragraphs."""

    def __init__(self, comments: dict[str, Comment]) -> None:
        self.comments = comments
        self.at: dict[str, str] = {}  # comment id -> source of the paragraph where its range starts
        self.marked: dict[str, list[str]] = {}  # comment id -> pieces of the text it marks
        self.open: set[str] = set()

    def paragraph(self, p, source: str) -> None:
        for el in p.iter(*_ANCHOR_TAGS):
            tag = el.tag
            if tag == w("commentRangeStart"):
                cid = attr(el, "id")
                self.at.setdefault(cid, source)
                self.marked.setdefault(cid, [])
                self.open.add(cid)
            elif tag == w("commentRangeEnd"):
                self.open.discard(attr(el, "id"))
            elif tag == w("commentReference"):
                self.at.setdefault(attr(el, "id"), source)  # a comment on a point has no range
            elif self.open:
                piece = _text_of(el)
                for cid in self.open:
                    self.marked[cid].append(piece)
        for cid in self.open:  # a range that runs on into the next paragraph
            self.marked[cid].append("\n")

    def attach(self, blocks: list[Block], messages: list[Message]) -> list[Block]:
        """The blocks with each comment on the block of its paragraph (or, where that paragraph was
        joined to the one before it or had no text, the nearest block before it)."""
        numbered = [(int(m.group(1)), i) for i, b in enumerate(blocks)
                    if not b.running and (m := _BODY_SOURCE.match(b.source))]
        on: dict[int, list[Comment]] = {}
        for cid, comment in self.comments.items():
            source = self.at.get(cid)
            m = _BODY_SOURCE.match(source or "")
            target = None
            if m:
                n = int(m.group(1))
                before = [i for k, i in numbered if k <= n]
                target = before[-1] if before else (numbered[0][1] if numbered else None)
            if target is None:
                where = f"anchored in {source}" if source else "not anchored in the document"
                messages.append(Message(f"Word comment {cid} by {comment.author or 'an unknown author'} is {where}: "
                                        f"not kept ({_excerpt(comment.text)})", source or ""))
                continue
            anchor = " ".join("".join(self.marked.get(cid, ())).split())
            on.setdefault(target, []).append(replace(comment, anchor=anchor))
        return [replace(b, comments=b.comments + tuple(on[i])) if i in on else b for i, b in enumerate(blocks)]


def watch(walker, root) -> Anchors | None:
    """Record comment anchors as ``walker`` reads paragraphs; None (and nothing recorded, at no cost)
    when the document has no comments part or no comment in it."""
    comments = read(root)
    if not comments:
        return None
    anchors = Anchors(comments)
    read_paragraph = walker.paragraph

    def paragraph(p, source, *args, **kwargs):
        para = read_paragraph(p, source, *args, **kwargs)
        anchors.paragraph(p, source)
        return para

    walker.paragraph = paragraph
    return anchors


def _excerpt(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def attach(built: Result, blocks: list[Block]) -> Result:
    """Carry the comments of ``blocks`` onto the paragraphs of the document structured from them:
    the paragraph made from the comment's block, else the nearest paragraph before it."""
    doc: Document = built.value
    messages = list(built.messages)
    order: list[tuple[int, Paragraph]] = []
    for p in doc.walk():
        m = _BODY_SOURCE.match(p.source)
        if m:
            order.append((int(m.group(1)), p))
    wanted: dict[int, list] = {}
    for b in blocks:
        if not b.comments:
            continue
        m = _BODY_SOURCE.match(b.source)
        n = int(m.group(1)) if m else -1
        before = [p for k, p in order if k <= n]
        if not before:
            for c in b.comments:
                messages.append(Message(f"Word comment {c.id} by {c.author or 'an unknown author'} is on text that "
                                        f"is not part of the document's paragraphs: not kept ({_excerpt(c.text)})",
                                        b.source))
            continue
        wanted.setdefault(id(before[-1]), []).extend(b.comments)
    if not wanted:
        return Result(doc, messages)

    def settle(p: Paragraph) -> Paragraph:
        children = tuple(settle(c) for c in p.children)
        extra = tuple(wanted.get(id(p), ()))
        if extra or any(a is not b for a, b in zip(children, p.children)):
            return replace(p, children=children, comments=p.comments + extra)
        return p

    parts = tuple(replace(part, paragraphs=tuple(settle(p) for p in part.paragraphs)) for part in doc.parts)
    return Result(replace(doc, parts=parts), messages)


def count(doc: Document) -> int:
    """How many comments ``doc`` carries."""
    return sum(len(p.comments) for p in doc.walk())
