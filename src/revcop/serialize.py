"""The model as JSON-ready data and back (schema: docs/json-schema.md).

``to_data`` is the cheapest debugger (``revcop parse --format json``); ``from_data`` reads it back
exactly, so a JSON dump is also an input revcop reads.
"""

from __future__ import annotations

from typing import Any

from revcop import __version__, labels
from revcop.model import (
    Change,
    Comment,
    CrossReference,
    Document,
    Kind,
    Label,
    LabelKind,
    Message,
    Meta,
    Note,
    Paragraph,
    Part,
    PartKind,
    Span,
)
from revcop.patterns import compiled

SCHEMA = "revcop/document/1"
#: Sub-paragraphs nested deeper than this are refused (a resolution goes three or four levels deep;
#: 450 levels would exhaust the stack of the transforms that walk the tree).
MAX_DEPTH = 50
#: What no output can hold: control characters other than tab and line breaks, lone surrogates, non-characters.
_NOT_TEXT = compiled("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _label(label: Label | None) -> dict | None:
    if label is None:
        return None
    return {
        "text": label.render(), "kind": label.kind.value, "value": label.value, "suffix": label.suffix,
        "form": label.form, "upper": label.upper, "name": labels.name(label),
    }


def _span(span: Span) -> dict:
    d: dict[str, Any] = {"text": span.text, "change": span.change.value}
    if span.note is not None:
        d["note"] = {"marker": span.note.marker, "endnote": span.note.endnote,
                     "spans": [_span(s) for s in span.note.spans]}
    if span.move:
        d["move"] = span.move
    return d


def paragraph_data(p: Paragraph) -> dict:
    d = {
        "kind": p.kind.value,
        "label": _label(p.label),
        "old_label": _label(p.old_label),
        "status": p.status.value,
        "label_spans": [_span(s) for s in p.label_spans],
        "spans": [_span(s) for s in p.spans],
        "children": [paragraph_data(c) for c in p.children],
        "source": p.source,
        "style": p.style,
    }
    if p.comments:  # only where there are some: documents without comments dump as before
        d["comments"] = [{"id": c.id, "author": c.author, "initials": c.initials, "date": c.date,
                          "anchor": c.anchor, "text": c.text} for c in p.comments]
    return d


def _reference(r: CrossReference) -> dict:
    return {
        "paragraph": r.paragraph, "source": r.source, "note": r.note, "offset": r.offset,
        "old": r.old, "new": r.new, "status": r.status,
        "targets": [{"old": o, "new": n} for o, n in r.targets], "problem": r.problem,
    }


def _reference_from(d: dict) -> CrossReference:
    return CrossReference(  # type: ignore[call-arg]  # its fields in order: paragraph, source, offset ...
        *(_typed(d[k], str, f"reference {k}") for k in ("paragraph", "source")), _typed(d["offset"], int, "offset"),
        *(_typed(d[k], str, f"reference {k}") for k in ("old", "new", "status")),
        tuple((_typed(t["old"], str, "target"), t["new"] if t["new"] is None else _typed(t["new"], str, "target"))
              for t in d.get("targets", [])),
        _typed(d.get("note", ""), str, "reference note"), _typed(d.get("problem", ""), str, "reference problem"),
    )


def to_data(doc: Document, messages: list[Message] | None = None) -> dict:
    meta = doc.meta
    return {
        "schema": SCHEMA,
        "revcop": __version__,
        "source": doc.source,
        "meta": {
            "symbol": meta.symbol, "instrument": meta.instrument, "revision": meta.revision,
            "title": meta.title, "meeting": meta.meeting, "convention": meta.convention,
            "amendments": meta.amendments,
        },
        "renumbering": [{"old": o, "new": n} for o, n in doc.renumbering],
        "references": [_reference(r) for r in doc.references],
        "parts": [
            {"kind": part.kind.value, "heading": part.heading,
             "paragraphs": [paragraph_data(p) for p in part.paragraphs]}
            for part in doc.parts
        ],
        "messages": [{"level": m.level, "where": m.where, "text": m.text} for m in messages or []],
    }


def _typed(value, kind: type, what: str):
    """``value`` if it is a ``kind``; a hand-edited dump must fail here, not deep inside a transform."""
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"{what} is {type(value).__name__}, expected {kind.__name__}")
    if isinstance(value, str):
        bad = _NOT_TEXT.search(value)
        if bad:
            raise ValueError(f"{what} holds the character U+{ord(bad.group()):04X}, which is not text")
    return value


def _label_from(d: dict | None) -> Label | None:
    if d is None:
        return None
    kind = LabelKind(d["kind"])
    value, suffix = _typed(d["value"], int, "label value"), _typed(d["suffix"], int, "label suffix")
    if kind is not LabelKind.DECISION:
        largest = labels.MAX_LETTERS if kind in (LabelKind.LETTER, LabelKind.ROMAN) else 10 ** 9
        if not (0 if kind is LabelKind.NUMBER else 1) <= value <= largest:
            raise ValueError(f"label value {value} is out of range for a {kind.value} label")
        if not 0 <= suffix <= len(labels.SUFFIXES):
            raise ValueError(f"label suffix {suffix} is not one of 0 to {len(labels.SUFFIXES)}")
    return Label(
        kind, value, suffix, _typed(d["form"], str, "label form"), bool(d["upper"]),
        _typed(d["text"], str, "label text") if kind is LabelKind.DECISION else "",
    )


def _label_agrees(label: Label, spans: tuple[Span, ...], keep: tuple[Change, ...]) -> bool:
    """Whether a label reads as its spans do in one view (compared as the invariant check compares them);
    a view without label text (a deleted paragraph keeps its label) agrees."""
    text = "".join(s.text for s in spans if s.change in keep).strip()
    if not text:
        return True
    parsed = labels.parse(text) or labels.parse(text, decisions=True)
    shown = parsed.render() if parsed else text
    return "".join(shown.split()).casefold() == "".join(label.render().split()).casefold()


def _span_from(d: dict) -> Span:
    note = None
    if "note" in d:
        n = d["note"]
        note = Note(_typed(n["marker"], str, "note marker"), tuple(_span_from(s) for s in n["spans"]),
                    bool(n.get("endnote", False)))
    move = d.get("move")
    return Span(_typed(d["text"], str, "span text"), Change(d["change"]), note,
                None if move is None else _typed(move, str, "span move"))


def _paragraph_from(d: dict, depth: int = 1) -> Paragraph:
    if depth > MAX_DEPTH:
        raise ValueError(f"sub-paragraphs nested more than {MAX_DEPTH} deep")
    label, old_label = _label_from(d["label"]), _label_from(d["old_label"])
    label_spans = tuple(_span_from(s) for s in d["label_spans"])
    for which, value, keep in (("label", label, (Change.UNCHANGED, Change.INSERTED)),
                               ("old_label", old_label, (Change.UNCHANGED, Change.DELETED))):
        if value is not None and label_spans and not _label_agrees(value, label_spans, keep):
            raise ValueError(f"{which} {value.render()!r} disagrees with label_spans")
    return Paragraph(
        Kind(d["kind"]), tuple(_span_from(s) for s in d["spans"]), label, old_label, label_spans,
        tuple(_paragraph_from(c, depth + 1) for c in d["children"]),
        _typed(d.get("source", ""), str, "paragraph source"),
        None if d.get("style") is None else _typed(d["style"], str, "paragraph style"),
        tuple(_comment_from(c) for c in _typed(d.get("comments", []), list, "paragraph comments")),
    )


def _comment_from(d: dict) -> Comment:
    d = _typed(d, dict, "comment")
    return Comment(*(_typed(d.get(k, ""), str, f"comment {k}")
                     for k in ("id", "text", "author", "initials", "date", "anchor")))


def from_data(data: dict) -> Document:
    """Rebuild a document from :func:`to_data`'s output; KeyError/ValueError on a malformed one."""
    if not isinstance(data, dict):
        raise ValueError(f"the top level is a JSON {'array' if isinstance(data, list) else type(data).__name__}, "
                         "not an object")
    if data.get("schema") != SCHEMA:
        raise ValueError(f"not a revcop document (schema {data.get('schema')!r}, expected {SCHEMA!r})")
    meta = Meta(**{k: _typed(v, bool if k == "amendments" else str, f"meta {k}")
                   for k, v in _typed(data["meta"], dict, "meta").items()})
    parts = tuple(
        Part(PartKind(p["kind"]), tuple(_paragraph_from(x) for x in p["paragraphs"]),
             _typed(p.get("heading", ""), str, "part heading"))
        for p in data["parts"]
    )
    renumbering = tuple((_typed(r["old"], str, "renumbering"), _typed(r["new"], str, "renumbering"))
                        for r in data.get("renumbering", []))
    cross_references = tuple(_reference_from(r) for r in data.get("references", []))
    return Document(meta, parts, _typed(data.get("source", ""), str, "source"), renumbering, cross_references)
