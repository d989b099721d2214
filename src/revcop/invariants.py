"""Guarantees checked after transforms (cobalt-style): a violation is a bug, never an output.

* :func:`check_view` — every non-space character of the source lands in the views it belongs to:
  unchanged text in both, insertions only in the consolidated text, deletions only in the original.
* :func:`check_tree` — spans non-empty; a view has no marks left; labels of a renumbered list are
  consecutive and unique.
"""

from __future__ import annotations

from revcop import labels
from revcop.errors import InvariantError
from revcop.model import Change, Document, Kind, LabelKind, Paragraph, Span


def _chars(spans, keep) -> str:
    out = []
    for s in spans:
        if s.change in keep:
            out.append("".join(s.text.split()))
            if s.note is not None:
                out.append("".join(_chars(s.note.spans, keep)))
    return "".join(out)


def _paragraph_chars(p: Paragraph, keep) -> str:
    return _chars(p.spans, keep)


def check_view(source: Document, viewed: Document, accept: bool) -> None:
    """Compare a view (before furniture, renumbering and retitling) against its source."""
    keep = {Change.UNCHANGED, Change.INSERTED if accept else Change.DELETED}
    for part_s, part_v in zip(source.parts, viewed.parts, strict=True):
        expected = [c for c in (_paragraph_chars(p, keep) for p in part_s.walk())]
        got = [_paragraph_chars(p, {Change.UNCHANGED}) for p in part_v.walk()]
        if "".join(expected) != "".join(got):
            e, g = "".join(expected), "".join(got)
            at = next((i for i, (a, b) in enumerate(zip(e, g)) if a != b), min(len(e), len(g)))
            raise InvariantError(
                f"{'consolidated' if accept else 'original'} view of part {part_s.kind.value} differs from "
                f"its source at character {at}: expected {e[at:at + 40]!r}, got {g[at:at + 40]!r}"
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

    def lists(paragraphs: tuple[Paragraph, ...], where: str) -> None:
        values = [p.label for p in paragraphs if p.label is not None
                  and p.kind in (Kind.OPERATIVE, Kind.SUBPARAGRAPH) and p.label.kind is not LabelKind.DECISION]
        if consecutive and values:
            orders = [labels.order(v) for v in values]
            if len(set(orders)) != len(orders):
                problems.append(f"{where}: duplicate labels")
            if any(v.suffix for v in values) or any(b[0] != a[0] + 1 for a, b in zip(orders, orders[1:])):
                problems.append(f"{where}: labels not consecutive: {[labels.name(v) for v in values]}")
        for p in paragraphs:
            name = p.label.render() if p.label else p.source
            spans_ok(p.spans, name)
            spans_ok(p.label_spans, name)
            lists(p.children, f"{where} {name}")

    for part in doc.parts:
        lists(part.paragraphs, part.kind.value)
    return problems


def ensure(doc: Document, **kwargs) -> None:
    problems = check_tree(doc, **kwargs)
    if problems:
        raise InvariantError("; ".join(problems[:5]))
