"""Guarantees checked after transforms (cobalt-style): a violation is a bug, never an output.

* :func:`check_view` — every non-space character of the source lands in the views it belongs to:
  unchanged text in both, insertions only in the consolidated text, deletions only in the original.
* :func:`check_tree` — spans non-empty; a view has no marks left; labels of a renumbered list are
  consecutive and unique.
"""

from __future__ import annotations

from revcop import labels
from revcop.errors import InvariantError
from revcop.model import Change, Document, Kind, LabelKind, Paragraph, PartKind, Span


def _chars(spans, keep) -> str:
    """The non-space characters of the spans whose change is in ``keep``, footnote text included."""
    out = []
    for s in spans:
        if s.change in keep:
            out.append("".join(s.text.split()))
            if s.note is not None:
                out.append(_chars(s.note.spans, keep))
    return "".join(out)


def _label_chars(p: Paragraph, keep) -> str:
    """A view writes its label from the parsed Label ("11 bIs." comes out "11 bis.", "02." as "2."):
    the source's label text is compared in that form."""
    text = "".join(s.text for s in p.label_spans if s.change in keep).strip()
    label = labels.parse(text) or labels.parse(text, decisions=True)
    return "".join((label.render() if label else text).split()).casefold()


def _paragraph_chars(p: Paragraph, keep) -> str:
    return _label_chars(p, keep) + "\x00" + _chars(p.spans, keep)


def check_view(source: Document, viewed: Document, accept: bool) -> None:
    """Compare a view (before furniture, renumbering and retitling) against its source.

    Paragraph by paragraph, label and text apart (a word moved to the next paragraph, or from the
    label into the text, is caught; comparing one concatenation of the part would not catch it).
    A paragraph with nothing left in the view must be gone from it; white space is not compared,
    since mending the seams of dropped text changes it.
    """
    keep = {Change.UNCHANGED, Change.INSERTED if accept else Change.DELETED}
    name = "consolidated" if accept else "original"
    if len(source.parts) != len(viewed.parts):
        raise InvariantError(f"{name} view has {len(viewed.parts)} parts, its source {len(source.parts)}")
    for part_s, part_v in zip(source.parts, viewed.parts):
        expected = [(p.source, e) for p in part_s.walk() if (e := _paragraph_chars(p, keep)) != "\x00"]
        got = [(p.source, g) for p in part_v.walk() if (g := _paragraph_chars(p, {Change.UNCHANGED})) != "\x00"]
        for i, ((where, e), (_, g)) in enumerate(zip(expected, got)):
            if e != g:
                at = next((k for k, (a, b) in enumerate(zip(e, g)) if a != b), min(len(e), len(g)))
                show = lambda t: t[max(0, at - 10) : at + 30].replace("\x00", " | ")  # noqa: E731
                raise InvariantError(
                    f"{name} view of part {part_s.kind.value}, paragraph {i + 1} ({where or 'no source'}) "
                    f"differs from its source: expected {show(e)!r}, got {show(g)!r}"
                )
        if len(expected) != len(got):
            extra = expected[len(got)] if len(expected) > len(got) else got[len(expected)]
            raise InvariantError(
                f"{name} view of part {part_s.kind.value} has {len(got)} paragraphs with text, its source "
                f"{len(expected)}; first unmatched: {extra[0] or 'no source'} {extra[1][:40].replace(chr(0), ' | ')!r}"
            )


def check_tree(doc: Document, *, view: bool = False, consecutive: bool = False) -> list[str]:
    """Problems with a document tree, as sentences (empty when sound)."""
    problems: list[str] = []

    def spans_ok(spans: tuple[Span, ...], where: str) -> None:
        for s in spans:
            if not s.text and s.note is None:
                problems.append(f"{where}: empty span")
            if view and s.change is not Change.UNCHANGED:
                problems.append(f"{where}: {s.change.value} span left in a view")

    def lists(paragraphs: tuple[Paragraph, ...], where: str, renumbered: bool) -> None:
        values = [p.label for p in paragraphs if p.label is not None
                  and p.kind in (Kind.OPERATIVE, Kind.SUBPARAGRAPH) and p.label.kind is not LabelKind.DECISION]
        if consecutive and renumbered and values:
            orders = [labels.order(v) for v in values]
            if len(set(orders)) != len(orders):
                problems.append(f"{where}: duplicate labels")
            if any(v.suffix for v in values) or any(b[0] != a[0] + 1 for a, b in zip(orders, orders[1:])):
                problems.append(f"{where}: labels not consecutive: {[labels.name(v) for v in values]}")
        for p in paragraphs:
            name = p.label.render() if p.label else p.source
            spans_ok(p.spans, name)
            spans_ok(p.label_spans, name)
            lists(p.children, f"{where} {name}", renumbered)

    for part in doc.parts:
        # only the resolution is renumbered: decisions (and their paragraphs) keep their labels
        lists(part.paragraphs, part.kind.value, part.kind is PartKind.RESOLUTION)
    return problems


def ensure(doc: Document, **kwargs) -> None:
    problems = check_tree(doc, **kwargs)
    if problems:
        raise InvariantError("; ".join(problems[:5]))
