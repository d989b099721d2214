"""Plain text and Markdown writers.

The text contract (other tools rely on it): the resolution only when the document has one, else every
part; a title block, then one paragraph per line with a blank line between paragraphs; a labelled
paragraph starts with its label and one space. Footnote references are written ``[^1]`` and the notes
follow at the end as ``[^1]: text``. Marks, if any are left, are written as CriticMarkup.
"""

from __future__ import annotations

from revcop.model import Change, Document, Kind, Note, Paragraph, Part, PartKind, Span
from revcop.patterns import on_first_use

_MD_SPECIAL = on_first_use(r"([\\`*_\[\]<>#|])")
_MD_LIST_START = on_first_use(r"^(\d+)([.)])")
_CRITIC = {Change.INSERTED: ("{++", "++}"), Change.DELETED: ("{--", "--}")}


def parts_to_write(doc: Document, part: str = "resolution") -> list[Part]:
    """The parts a writer prints: the resolution (or decisions) if recognised, else every part."""
    wanted = {"resolution": PartKind.RESOLUTION, "decisions": PartKind.DECISIONS}.get(part)
    if part == "all" or wanted is None:
        return list(doc.parts)
    chosen = [p for p in doc.parts if p.kind is wanted]
    return chosen or list(doc.parts)


def _spans(spans: tuple[Span, ...], notes: list[Note], markdown: bool) -> str:
    out = []
    for span in spans:
        if span.note is not None:
            notes.append(span.note)
            text = f"[^{span.note.marker}]"
        else:
            text = span.text.replace("\n", " ")
            if markdown:
                text = _MD_SPECIAL.sub(r"\\\1", text)
        if span.change in _CRITIC:
            start, end = _CRITIC[span.change]
            text = start + text + end
        out.append(text)
    return "".join(out)


def paragraph_line(p: Paragraph, notes: list[Note], markdown: bool = False) -> str:
    label = _spans(p.label_spans, [], markdown) if p.label_spans else ""
    body = _spans(p.spans, notes, markdown)
    line = f"{label} {body}" if label and body else label or body
    if markdown:
        if p.kind is Kind.TITLE:
            return "# " + line
        if p.kind is Kind.HEADING:
            return "## " + line
        line = _MD_LIST_START.sub(r"\1\\\2", line)  # "12." is a label, not a list item
    return line


def _note_lines(notes: list[Note], markdown: bool) -> list[str]:
    return [f"[^{n.marker}]: {_spans(n.spans, [], markdown)}" for n in notes]


def render(doc: Document, markdown: bool = False, part: str = "resolution") -> str:
    lines: list[str] = []
    notes: list[Note] = []
    for chosen in parts_to_write(doc, part):
        for p in chosen.walk():
            line = paragraph_line(p, notes, markdown)
            if line:
                lines.append(line)
    lines += _note_lines(notes, markdown)
    return "\n\n".join(lines) + "\n"
