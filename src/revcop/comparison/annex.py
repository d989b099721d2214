"""The amendment annex: the OLD text with the changes marked, as editors publish it.

Under the heading ``PROPOSED AMENDMENTS TO RESOLUTION 14.16``, the title block and the legend
(``NB: Proposed new text is underlined. Text to be deleted is crossed out.``), every paragraph keeps
its OLD label; a new paragraph is labelled after the old paragraph it follows (``11 bis``, then
``11 ter`` ...), with its label marked inserted; a deleted paragraph is struck through whole, label
included; a moved paragraph is struck at its old place and inserted whole at its new one (both ends
carry the move id, so a tracked-changes writer can emit a move); a split paragraph is the old
paragraph amended into the first piece, the further pieces inserted after it; a merge is the mirror.

A new labelled paragraph that comes before the first old paragraph of its list has no old paragraph
to follow: it takes its label from the new text, marked inserted (``{++1.++}``), and a warning says
so — two paragraphs then show the same number until the text is renumbered.

Accepting every mark of the annex gives the new text and rejecting every mark the old one (labels
aside): the tests check this on generated documents.
"""

from __future__ import annotations

from dataclasses import replace

from revcop import labels
from revcop.model import (
    Change,
    Document,
    Kind,
    Label,
    LabelKind,
    Message,
    Paragraph,
    Part,
    PartKind,
    Result,
    Span,
)

LEGEND = "NB: Proposed new text is underlined. Text to be deleted is crossed out."
_FRONT = (Kind.MASTHEAD, Kind.TITLE, Kind.ADOPTION)


def build(comparison, style_labels: bool = True) -> Result:
    """The annex :class:`Document` of a :class:`~revcop.comparison.Comparison`, with its messages (a new
    paragraph that keeps its new label, say).

    ``style_labels``: new paragraphs get ``bis``-style labels after the paragraph they follow (the
    default). With False they keep the label they have in the new text (marked inserted), as some
    bodies print them when the whole text is renumbered at once.
    """
    messages: list[Message] = []
    parts: dict[str, list] = {}
    order: list[str] = []
    for c in comparison.changes:
        if c.part not in parts:
            parts[c.part] = []
            order.append(c.part)
        parts[c.part].append(c)
    meta = comparison.old.meta
    out_parts = []
    for kind in order:
        flat = _paragraphs(parts[kind], messages, style_labels)
        tree = _tree(flat)
        part_kind = PartKind(kind)
        if part_kind is PartKind.RESOLUTION or (len(order) == 1 and part_kind is PartKind.TEXT):
            tree = _furniture(tree, meta.instrument)
            part_kind = PartKind.RESOLUTION
        out_parts.append(Part(part_kind, tuple(tree)))
    annex_meta = replace(meta, amendments=True)
    return Result(Document(annex_meta, tuple(out_parts), source=comparison.old.source), messages)


def _furniture(tree: list[Paragraph], instrument: str) -> list[Paragraph]:
    heading = Paragraph(Kind.HEADING, (Span(f"PROPOSED AMENDMENTS TO {instrument.upper()}"),), source="revcop") \
        if instrument else None
    legend = Paragraph(Kind.LEGEND, (Span(LEGEND),), source="revcop")
    at = 0
    while at < len(tree) and tree[at].kind in _FRONT:
        at += 1
    # The designation line ("Resolution 14.16", or "(Rev.COP15)" marked on it) gives way to the heading,
    # and the masthead and adoption line go, as in a published annex: they are what consolidation
    # writes, not amendments.
    front = [p for p in tree[:at] if not (heading and (
        p.kind in (Kind.MASTHEAD, Kind.ADOPTION) or (p.kind is Kind.TITLE and _is_designation(p, instrument))))]
    return ([heading] if heading else []) + front + [legend] + tree[at:]


def _is_designation(p: Paragraph, instrument: str) -> bool:
    text = p.text.strip()
    return bool(instrument) and text.lower().startswith(instrument.lower()) and len(text) < len(instrument) + 20


def _label_spans(label: Label | None, change: Change, move: str | None = None) -> tuple[Span, ...]:
    return (Span(label.render(), change, move=move),) if label is not None else ()


def _decision_renumbered(old: Label | None, new: Label | None) -> Label | None:
    """The new number of a decision whose number changed between the versions (``18.120`` ->
    ``19.102``), else None: the annex strikes the old number and underlines the new one, so that
    accepting it gives the new number."""
    if old is None or new is None or old.kind is not LabelKind.DECISION or new.kind is not LabelKind.DECISION:
        return None
    return new if new.render() != old.render() else None


def _paragraphs(changes, messages: list[Message], style_labels: bool = True) -> list[tuple[int, Paragraph]]:
    """(depth, paragraph) in annex order, children not yet attached."""
    out: list[tuple[int, Paragraph]] = []
    # per depth: the last old label seen at that depth, how many new paragraphs followed it, its path name
    last: dict[int, tuple[Label | None, int, str]] = {}
    old_names = {c.old_label for c in changes if c.old_label}

    def follow(depth: int, label: Label | None, path: str | None) -> None:
        last[depth] = (label, 0, path or "")
        for d in [d for d in last if d > depth]:
            del last[d]

    def keep_new(new: Paragraph, why: str) -> Label | None:
        written = new.label.render() if new.label is not None else ""
        messages.append(Message(f"{why}; it keeps its new label {written!r}", new.source))
        return new.label

    def new_label(depth: int, new: Paragraph) -> Label | None:
        if new.label is None or not style_labels:
            return new.label
        previous, n, path = last.get(depth, (None, 0, ""))
        if previous is None or not labels.same_series(previous, new.label):
            return keep_new(new, "a new paragraph comes before the first paragraph of its list")
        if previous.suffix + n + 1 > len(labels.SUFFIXES):
            return keep_new(new, f"more new paragraphs after {labels.name(previous)} than there are "
                                 f"latin suffixes (up to {labels.SUFFIXES[-1]})")
        candidate = labels.with_suffix_after(previous, n + 1)
        name = path[: len(path) - len(labels.name(previous))] + labels.name(candidate)
        if name in old_names:
            return keep_new(new, f"the label {labels.name(candidate)!r} that would follow "
                                 f"{labels.name(previous)} is already taken in the old text")
        last[depth] = (previous, n + 1, path)
        for d in [d for d in last if d > depth]:
            del last[d]
        return candidate

    for c in changes:
        d = c.depth
        if c.kind == "unchanged" or c.kind == "amended" or c.kind in ("split", "merged"):
            first_old = c.old[0]
            first_new = c.new[0]
            label = first_old.label or first_old.old_label
            spans = c.spans
            if c.kind in ("split", "merged"):  # the first paragraph of each side: the rest follow whole
                from revcop.comparison import diff_spans

                spans = diff_spans(first_old.spans, first_new.spans)
            renumbered = _decision_renumbered(label, first_new.label)
            if renumbered is not None:  # decisions keep their numbers but for a new meeting's: 18.120 -> 19.102
                p = Paragraph(first_new.kind, tuple(spans), label=renumbered, old_label=label,
                              label_spans=(*_label_spans(label, Change.DELETED),
                                           *_label_spans(renumbered, Change.INSERTED)),
                              source=first_old.source, comments=_comments(first_old, first_new))
            else:
                p = Paragraph(first_new.kind, tuple(spans), label=label, old_label=label,
                              label_spans=_label_spans(label, Change.UNCHANGED), source=first_old.source,
                              comments=_comments(first_old, first_new))
            out.append((d, p))
            follow(d, label, c.old_label)
            if c.kind == "split":
                for extra in c.new[1:]:
                    lab = new_label(d, extra)
                    out.append((d, Paragraph(extra.kind, _marked(extra.spans, Change.INSERTED), label=lab,
                                             label_spans=_label_spans(lab, Change.INSERTED), source=extra.source,
                                             comments=extra.comments)))
            if c.kind == "merged":
                for extra in c.old[1:]:
                    lab = extra.label or extra.old_label
                    out.append((d, Paragraph(extra.kind, _marked(extra.spans, Change.DELETED), label=lab,
                                             old_label=lab, label_spans=_label_spans(lab, Change.DELETED),
                                             source=extra.source, comments=extra.comments)))
                    prefix = c.old_label[: len(c.old_label) - len(labels.name(label))] if c.old_label and label else ""
                    follow(d, lab, prefix + labels.name(lab) if lab else None)
        elif c.kind == "deleted" or (c.kind == "moved" and not c.new):
            old = c.old[0]
            lab = old.label or old.old_label
            out.append((d, Paragraph(old.kind, _marked(old.spans, Change.DELETED, c.move), label=lab,
                                     old_label=lab, label_spans=_label_spans(lab, Change.DELETED, c.move),
                                     source=old.source, comments=old.comments)))
            follow(d, lab, c.old_label)
        else:  # inserted, or the new place of a move
            new = c.new[0]
            lab = new_label(d, new)
            out.append((d, Paragraph(new.kind, _marked(new.spans, Change.INSERTED, c.move), label=lab,
                                     label_spans=_label_spans(lab, Change.INSERTED, c.move), source=new.source,
                                     comments=new.comments)))
    return out


def _comments(*paragraphs: Paragraph) -> tuple:
    """The reviewers' comments of a paragraph's old and new versions, each once (issue 17 item 4)."""
    if not any(p.comments for p in paragraphs):
        return ()
    return tuple(dict.fromkeys(c for p in paragraphs for c in p.comments))


def _marked(spans: tuple[Span, ...], change: Change, move: str | None = None) -> tuple[Span, ...]:
    return tuple(replace(s, change=change, move=move) for s in spans if s.text or s.note is not None)


def _tree(flat: list[tuple[int, Paragraph]]) -> list[Paragraph]:
    """Rebuild the paragraph tree from (depth, paragraph) in order."""
    root: list = []
    stack: list[tuple[int, list, list]] = []  # (depth, paragraph holder, its children list)

    def close(level: int) -> None:
        while stack and stack[-1][0] >= level:
            depth, holder, children = stack.pop()
            p = replace(holder[0], children=tuple(children)) if children else holder[0]  # most are leaves
            (stack[-1][2] if stack else root).append(p)

    for depth, p in flat:
        close(depth)
        stack.append((depth, [p], []))
    close(-1)
    return root
