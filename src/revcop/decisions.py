"""Draft decision numbers: placeholders such as ``15.AA`` replaced by the numbers the secretariat assigns.

A placeholder is replaced everywhere it stands: decision labels (the label and its spans) and the text
of every paragraph and note of every part (``Draft Decision 15.BB b), as contained in Annex 2``).
Decisions are never renumbered otherwise (docs/domain.md).
"""

from __future__ import annotations

from dataclasses import replace

from revcop.model import Document, LabelKind, Message, Paragraph, Result, Span
from revcop.patterns import compiled

PLACEHOLDER = compiled(r"(?<![\w.])\d{1,2}\.[A-Z]{2,3}(?![\w])")
_ASSIGNMENT = compiled(r"^\s*(?P<old>\d{1,2}\.[A-Z]{2,3})\s*=\s*(?P<new>\d{1,2}\.\d{1,4})\s*$")


def parse_assignment(text: str) -> tuple[str, str] | None:
    """``15.AA=15.123`` -> (``15.AA``, ``15.123``); None if it is not of that shape."""
    m = _ASSIGNMENT.match(text)
    return (m.group("old"), m.group("new")) if m else None


def placeholders(doc: Document) -> list[str]:
    """The placeholders cited anywhere in the document, in order of first appearance."""
    seen: dict[str, None] = {}

    def spans(items):
        for s in items:
            for m in PLACEHOLDER.finditer(s.text):
                seen.setdefault(m.group(), None)
            if s.note is not None:
                spans(s.note.spans)

    for p in doc.walk():
        if p.label is not None and p.label.kind is LabelKind.DECISION and PLACEHOLDER.fullmatch(p.label.text):
            seen.setdefault(p.label.text, None)
        spans(p.label_spans)
        spans(p.spans)
    return list(seen)


def assign_numbers(doc: Document, numbers: dict[str, str]) -> Result:
    """Replace each placeholder of ``numbers`` by its number; warn about placeholders left without a
    number and numbers given for placeholders the document does not cite."""
    messages: list[Message] = []
    cited = placeholders(doc)
    for missing in (p for p in cited if p not in numbers):
        messages.append(Message(f"draft decision {missing} has no number; give --decision-number {missing}=NUMBER"))
    for unused in (p for p in numbers if p not in cited):
        messages.append(Message(f"--decision-number {unused}={numbers[unused]}: {unused} is not cited in the document"))
    if not numbers:
        return Result(doc, messages)

    def sub(text: str) -> str:
        return PLACEHOLDER.sub(lambda m: numbers.get(m.group(), m.group()), text)

    def span(s: Span) -> Span:
        note = s.note
        if note is not None:
            note = replace(note, spans=tuple(span(x) for x in note.spans))
        return replace(s, text=sub(s.text), note=note)

    def label(lab):
        if lab is not None and lab.kind is LabelKind.DECISION and lab.text in numbers:
            return replace(lab, text=numbers[lab.text])
        return lab

    def paragraph(p: Paragraph) -> Paragraph:
        return replace(p, spans=tuple(span(s) for s in p.spans), label_spans=tuple(span(s) for s in p.label_spans),
                       label=label(p.label), old_label=label(p.old_label),
                       children=tuple(paragraph(c) for c in p.children))

    parts = tuple(replace(part, paragraphs=tuple(paragraph(p) for p in part.paragraphs)) for part in doc.parts)
    return Result(replace(doc, parts=parts), messages)

