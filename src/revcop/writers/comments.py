"""Reviewers' comments in the outputs: Word comments in a .docx (a comments part, ECMA-376 §17.13.4),
and, for every output, a word on standard error of how many comments it kept or dropped.

The .docx writer asks :class:`DocxComments` for the marks around each paragraph that has comments
(the comment's range covers the whole paragraph: the comment stays beside the paragraph it was
anchored to) and for the comments part; a document without comments gets no part and no mark.
"""

from __future__ import annotations

from revcop.model import Comment, Document, Message, Paragraph

#: Output formats that hold comments: the JSON model, Word, the HTML and JSON change reports.
HOLDERS = {
    "consolidate": ("json", "docx"),
    "report": ("html", "json"),
    "diff": ("docx",),
}


def count(doc: Document, part: str = "all") -> int:
    """How many comments ``doc`` carries in the parts an output of ``part`` writes (see
    :func:`revcop.writers.text.parts_to_write`; ``all`` for every part, as the JSON model has)."""
    if part == "all":
        return sum(len(p.comments) for p in doc.walk())
    from revcop.writers.text import parts_to_write

    return sum(len(p.comments) for chosen in parts_to_write(doc, part) for p in chosen.walk())


def notice(n: int, fmt: str, command: str) -> list[Message]:
    """What became of ``n`` comments in a ``fmt`` output of ``command``: kept (info) or dropped (a
    warning, naming the formats that keep them). Nothing at all where there are no comments."""
    if not n:
        return []
    s = "" if n == 1 else "s"
    holders = HOLDERS[command]
    if fmt in holders:
        return [Message(f"{n} Word comment{s} kept in the {fmt} output", level="info")]
    return [Message(f"{n} Word comment{s} dropped: the {fmt} output cannot hold comments "
                    f"({' and '.join(holders)} {'keeps' if len(holders) == 1 else 'keep'} them)")]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _xml_text(text: str) -> str:
    # characters XML 1.0 cannot hold are left out of a comment rather than making the part unreadable
    return _escape("".join(ch for ch in text if ch in "\t\n" or (ord(ch) >= 0x20 and not 0xD800 <= ord(ch) <= 0xDFFF
                                                                 and ch not in "\ufffe\uffff")))


class DocxComments:
    """Collects the comments written into one .docx, numbering them afresh (ids must be unique in the
    package; two compared documents may both have a comment 1)."""

    def __init__(self) -> None:
        self.written: list[tuple[int, Comment]] = []

    def __bool__(self) -> bool:
        return bool(self.written)

    def start(self, p: Paragraph) -> str:
        """The range starts of ``p``'s comments (after the paragraph properties); ids are given here."""
        out = []
        for c in p.comments:
            number = len(self.written)
            self.written.append((number, c))
            out.append(f'<w:commentRangeStart w:id="{number}"/>')
        return "".join(out)

    def end(self, p: Paragraph) -> str:
        """The range ends and reference runs of ``p``'s comments (before the paragraph ends)."""
        numbers = [n for n, c in self.written[len(self.written) - len(p.comments):]]
        return "".join(f'<w:commentRangeEnd w:id="{n}"/><w:r><w:commentReference w:id="{n}"/></w:r>' for n in numbers)

    def part(self, namespaces: str) -> bytes:
        """``word/comments.xml``; ``namespaces`` the xmlns declarations of the w: prefix."""
        out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments {namespaces}>']
        for number, c in self.written:
            attrs = f' w:id="{number}" w:author="{_xml_text(c.author or "Unknown")}"'
            if c.date:
                attrs += f' w:date="{_xml_text(c.date)}"'
            if c.initials:
                attrs += f' w:initials="{_xml_text(c.initials)}"'
            out.append(f"<w:comment{attrs}>")
            for i, line in enumerate(c.text.split("\n") or [""]):
                ref = '<w:r><w:annotationRef/></w:r>' if i == 0 else ""
                out.append(f'<w:p>{ref}<w:r><w:t xml:space="preserve">{_xml_text(line)}</w:t></w:r></w:p>')
            out.append("</w:comment>")
        out.append("</w:comments>")
        return "".join(out).encode("utf-8")
