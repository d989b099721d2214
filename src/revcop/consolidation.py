"""Views of an amendment document: the consolidated text (``Rev.COPn``) and the original text.

Transforms, in order: :func:`view` (accept or reject the marks), dropping the amendment furniture
(legend, ``PROPOSED AMENDMENTS TO`` heading, annex heading), :func:`renumber`, cross-references
(:func:`revcop.references.rewrite`), and the new title.
Every function returns a new :class:`Document`; messages travel in the :class:`Result`, among them
the places where a mark looks lost (:func:`revcop.marks.glued`). A document that announces marks and
carries none is refused before it gets here (:func:`revcop.marks.require`, called by every command).
"""

from __future__ import annotations

import re
from dataclasses import replace

from revcop import conventions, invariants, labels, marks
from revcop.model import (
    Change,
    Document,
    Kind,
    Label,
    LabelKind,
    Message,
    Meta,
    Paragraph,
    Part,
    PartKind,
    Result,
    Span,
    Status,
    merge_spans,
    strip_spans,
)
from revcop.patterns import compiled, on_first_use

_SPACE_BEFORE_PUNCT = on_first_use(r"[ \t\u00a0]+$")
_PUNCT = (",", ".", ";", ":", ")", "]", "!", "?", "’", "”")


def _keep(span: Span, accept: bool) -> bool:
    drop = Change.DELETED if accept else Change.INSERTED
    return span.change is not drop


def view_spans(spans: tuple[Span, ...], accept: bool) -> tuple[Span, ...]:
    """The spans of one view, all unchanged, with the seams left by dropped text mended.

    Where text was dropped between two kept pieces, a doubled space collapses to one and a space
    before punctuation goes; white space at the ends of the paragraph is trimmed.
    """
    out: list[Span] = []
    dropped = False
    for span in spans:
        if not _keep(span, accept):
            dropped = True
            continue
        note = span.note
        if note is not None:
            note = replace(note, spans=view_spans(note.spans, accept))
        text = span.text
        if dropped and out and out[-1].note is None and note is None:
            prev = out[-1].text
            if prev[-1:].isspace() and text[:1].isspace():
                text = text.lstrip(" \t\u00a0")
            if text.startswith(_PUNCT) and prev[-1:] in (" ", "\t", "\u00a0"):
                out[-1] = out[-1].with_text(_SPACE_BEFORE_PUNCT.sub("", prev))
        elif dropped and not out and note is None:
            text = text.lstrip()
        dropped = False
        if text or note is not None:
            out.append(Span(text, Change.UNCHANGED, note=note))
    return merge_spans(strip_spans(out))  # white space at both ends trimmed


def _view_paragraph(p: Paragraph, accept: bool, messages: list[Message]) -> Paragraph | None:
    children = tuple(c for c in (_view_paragraph(c, accept, messages) for c in p.children) if c)
    spans = view_spans(p.spans, accept)
    label = p.label if accept else p.old_label
    has_label_text = any(_keep(s, accept) and s.text.strip() for s in p.label_spans)
    if not has_label_text:
        label = None
    if not any(s.text.strip() or s.note for s in spans) and label is None:
        if children:
            messages.append(Message("a paragraph dropped in this view keeps sub-paragraphs; they are kept", p.source))
            return replace(p, spans=(), label=None, old_label=None, label_spans=(), children=children)
        return None
    label_spans = (Span(label.render()),) if label else ()
    # old_label is kept in the accepted view until renumbering has used it for the map
    old_label = p.old_label if accept else label
    return replace(p, spans=spans, label=label, old_label=old_label, label_spans=label_spans, children=children)


_RESIDUE = frozenset(" \t\u00a0\n.,;:")


def whole_paragraphs(doc: Document, accept: bool) -> Result:
    """The document with each paragraph whose whole text the view drops marked as dropped whole,
    its typed number included, so the view has no empty ``2.`` and numbering closes up around it.

    Real annexes strike a deleted paragraph's text and leave its typed number (``2.<tab>``) plain;
    likewise a new paragraph's ``11 bis`` may not be underlined. A numbered paragraph is taken as
    deleted (for ``accept``; inserted for the original view) when its text is all struck (underlined)
    but for white space, a stray ``;`` ``,`` ``.`` ``:`` or footnote marks, and its sub-paragraphs are
    all dropped too. That reading is a guess — the number, the punctuation or the footnote mark was
    left unmarked — so each such paragraph is warned about; the views are then checked against this
    reading (:func:`revcop.invariants.check_view`). An unnumbered paragraph left with only such
    punctuation is kept as it stands, with the same warning.
    """
    drop = Change.DELETED if accept else Change.INSERTED
    keep_mark = Change.INSERTED if accept else Change.DELETED
    gone = Status.DELETED if accept else Status.INSERTED
    messages: list[Message] = []

    def settle(p: Paragraph) -> Paragraph:
        children = tuple(settle(c) for c in p.children)
        if any(a is not b for a, b in zip(children, p.children)):
            p = replace(p, children=children)
        if not any(s.change is drop for s in p.spans) or any(c.status is not gone for c in children):
            return p  # (most paragraphs: nothing of their text is dropped)
        body = [s for s in p.spans if s.text.strip() or s.note is not None]
        if not any(s.change is drop and s.text.strip() for s in body) \
                or any(s.change is keep_mark for s in body):
            return p
        plain = [s for s in body if s.change is Change.UNCHANGED]
        if any(s.note is None and not set(s.text) <= _RESIDUE for s in plain):
            return p  # unmarked words remain: an amended paragraph
        number = "".join(s.text for s in p.label_spans if s.change is Change.UNCHANGED).strip()
        if not number and not plain:
            return p  # wholly marked already
        left = [f"its number {number!r}"] if number else []
        stray = "".join(s.text for s in plain if s.note is None).strip()
        if stray:
            left.append(f"{stray!r}")
        notes = [s.text for s in plain if s.note is not None]
        if notes:
            left.append(f"footnote mark{'s' if len(notes) > 1 else ''} {', '.join(notes)}")
        what, done = ("struck", "deleted") if accept else ("underlined", "inserted")
        label = p.old_label if accept else p.label
        whose = f"paragraph {label.render().rstrip('.')}" if label else "a paragraph"
        if not number:
            # No number to close up around: what is left unmarked stays, and the reader is told.
            messages.append(Message(f"the whole text of {whose} is {what} but not {' and '.join(left)}: "
                                    "left as it stands; check the amendment document", p.source))
            return p
        messages.append(Message(f"the whole text of {whose} is {what} but not {' and '.join(left)}: read as "
                                f"{done}, number included; check the amendment document", p.source))
        marked = lambda spans: tuple(  # noqa: E731
            sp.with_change(drop) if sp.change is Change.UNCHANGED else sp for sp in spans)
        return replace(p, spans=marked(p.spans), label_spans=marked(p.label_spans))

    parts = tuple(replace(part, paragraphs=tuple(settle(p) for p in part.paragraphs)) for part in doc.parts)
    return Result(replace(doc, parts=parts), messages)


def view(doc: Document, accept: bool) -> Result:
    """Accept (``accept=True``) or reject every amendment; no renumbering, no new title."""
    messages: list[Message] = []
    parts = []
    for part in doc.parts:
        paragraphs = tuple(
            v for v in (_view_paragraph(p, accept, messages) for p in part.paragraphs) if v is not None
        )
        parts.append(replace(part, paragraphs=paragraphs))
    return Result(replace(doc, parts=tuple(parts)), messages)


_FURNITURE = compiled(r"^PROPOSED\s+AMENDMENTS?\s+TO\b|^ANNEX(\s+\w+)?\.?$", re.IGNORECASE)


def _drop_furniture(part: Part) -> Part:
    """Drop the legend, the annex heading and the PROPOSED AMENDMENTS TO heading of a resolution."""
    keep = tuple(
        p for p in part.paragraphs
        if p.kind is not Kind.LEGEND and not (p.kind is Kind.HEADING and _FURNITURE.match(p.text.strip()))
    )
    return replace(part, paragraphs=keep)


def renumber(part: Part, keep_bis: bool = False, starts: dict[str, int] | None = None,
             ) -> tuple[Part, list[tuple[str, str]]]:
    """Number operative paragraphs (and each list of sub-paragraphs) consecutively.

    Works on a consolidated part whose ``old_label`` still holds the label before the amendments.
    Returns the renumbered part and the map from each label as the amendment document knows it
    (the old label, or for a new paragraph its ``bis`` label) to the label it now has: ``11 bis`` ->
    ``12``, ``14 b`` -> ``15 b``. ``starts`` gives, by the path of old labels above a list, the value
    the list started with before the amendments (see :func:`list_starts`): a list whose first
    paragraphs were deleted still starts there, not at its first surviving label.
    """
    mapping: list[tuple[str, str]] = []

    def number_list(paragraphs: tuple[Paragraph, ...], old_path: str, new_path: str) -> tuple[Paragraph, ...]:
        out: list[Paragraph] = []
        value = 0
        series: Label | None = None
        for p in paragraphs:
            label = p.label
            if label is None or label.kind is LabelKind.DECISION or p.kind not in (Kind.OPERATIVE, Kind.SUBPARAGRAPH):
                out.append(p)
                continue
            # a bis label continues the list even when written differently ("11 bis" among "11.",
            # "12."); the series keeps its first label, so the next plain label is compared with it
            continues = series is not None and (labels.same_series(label, series) or (
                (label.suffix or series.suffix) and label.kind is series.kind and label.upper == series.upper)
                # the operative paragraphs of a resolution are one list, numbered 1, 2, 3 ... even
                # where the source restarts or repeats its numbers or writes "7)" among "6." and "8."
                or (not old_path and p.kind is Kind.OPERATIVE and label.kind is series.kind))
            if not continues:
                first = (starts or {}).get(old_path) if series is None else None
                series = label
                value = 1 if label.value <= 1 else min(label.value, first or label.value)
            else:
                assert series is not None  # a list continues only once it has begun
                value += 1
                if series.suffix and not label.suffix and not labels.same_series(label, series):
                    series = label  # a list that opens with a bis label: the plain labels give its form
            # a bis label written unlike its list ("11 bis" among "11.") takes the list's form
            new = label if keep_bis else labels.numbered(
                label if labels.same_series(label, series) else series, value)
            known = p.old_label or label
            old_name = old_path + labels.name(known)
            new_name = new_path + labels.name(new)
            mapping.append((old_name, new_name))
            children = number_list(p.children, old_name + " ", new_name + " ")
            out.append(replace(p, label=new, old_label=new, label_spans=(Span(new.render()),), children=children))
        return tuple(out)

    return replace(part, paragraphs=number_list(part.paragraphs, "", "")), mapping


def revision_title(meta: Meta, meeting: str, language: str = "en") -> str:
    """``Resolution 14.16 (Rev.COP15)``, ``Resolution Conf. 13.3 (Rev. CoP19)``: the designation with the revision
    mark in the form of the body's profile and the document's language; the designation alone where the profile
    does not know the mark (:func:`_retitle` says so)."""
    mark, _ = conventions.revision_mark(meta.convention, meeting, language)
    return f"{meta.instrument} {mark}" if mark else meta.instrument


def list_starts(part: Part) -> dict[str, int]:
    """The value each list of operative paragraphs or sub-paragraphs starts with in the source,
    by the path of old labels above it (``""`` for the operative paragraphs, ``"3 "`` under 3)."""
    out: dict[str, int] = {}

    def walk(ps, path):
        for p in ps:
            known = p.old_label or p.label
            if known is None or known.kind is LabelKind.DECISION or p.kind not in (Kind.OPERATIVE, Kind.SUBPARAGRAPH):
                continue
            out.setdefault(path, known.value)
            walk(p.children, path + labels.name(known) + " ")
    walk(part.paragraphs, "")
    return out


def _deleted_labels(part: Part) -> list[str]:
    """Names of operative/sub-paragraph labels whose paragraph is deleted by the amendments."""
    out: list[str] = []

    def walk(ps, path):
        for p in ps:
            if p.old_label is not None and p.kind in (Kind.OPERATIVE, Kind.SUBPARAGRAPH):
                name = path + labels.name(p.old_label)
                if p.status.value == "deleted":
                    out.append(name)
                walk(p.children, name + " ")
    walk(part.paragraphs, "")
    return out


def settle(doc: Document, name: str = "") -> Result:
    """The text a version stands for: its consolidated text when it carries amendment marks, else
    ``doc`` itself. ``name`` (``OLD``, ``NEW``) names it in the message that says so, the last of the
    consolidation's messages. Decided from the marks themselves (:func:`revcop.marks.marked`), not
    from a legend: a legend alone announces marks that may have been lost."""
    if not marks.marked(doc):
        return Result(doc, [])
    result = consolidate(doc)
    note = Message(f"{name or 'the document'} carries amendment marks; its consolidated text is compared",
                   doc.source, level="info")
    return Result(result.value, [*result.messages, note])


def consolidate(doc: Document, meeting: str | None = None, keep_bis: bool = False, adopted: str | None = None,
                meetings_table: dict | None = None) -> Result:
    """The consolidated text: amendments accepted, furniture dropped, renumbered, retitled, with the
    adoption line (``adopted``, e.g. ``COP14``, overrides the meeting read from the resolution number;
    ``meetings_table`` defaults to :func:`revcop.meetings.load`)."""
    settled = whole_paragraphs(doc, accept=True)
    doc = settled.value
    result = view(doc, accept=True)
    invariants.check_view(doc, result.value, accept=True)
    messages = settled.messages + list(result.messages) + marks.glued(doc)
    out: Document = result.value
    meeting = (meeting or doc.meta.meeting or "").upper()
    language = conventions.language(doc)
    parts = []
    renumbering: list[tuple[str, str]] = []
    cross_references: list = []
    source_resolution = doc.resolution
    for part in out.parts:
        if part.kind is PartKind.RESOLUTION:
            part = _drop_furniture(part)
            starts = list_starts(source_resolution) if source_resolution is not None else None
            part, renumbering = renumber(part, keep_bis, starts)
            if source_resolution is not None:
                renumbering += [(name, "") for name in _deleted_labels(source_resolution)]
            # Internal cross-references follow the renumbering (with --keep-bis the map is the
            # identity but references to deleted paragraphs are still reported).
            from revcop import references  # here: settling an unmarked version (diff) never needs it

            part, cross_references, found = references.rewrite(part, dict(renumbering), doc.meta.instrument)
            messages += found
            messages += references.unrewritten(part, dict(renumbering), language)
            part = _retitle(part, doc.meta, meeting, messages, language)
            part = _adoption(part, doc.meta, adopted, (doc.meta.revision, meeting), meetings_table, messages,
                             replace_existing=True, language=language)
            for p in part.walk():
                if "[" in p.text or "]" in p.text:
                    where = p.label.render() if p.label else p.source
                    messages.append(Message(f"square brackets left in the consolidated text: {_excerpt(p.text)}", where))
        elif part.kind is PartKind.DECISIONS and meeting:
            part = _revise_decisions(part, _amended_decisions(doc), doc.meta, meeting, language, messages)
        parts.append(_settle(part))
    meta = replace(out.meta, meeting=meeting, revision=meeting or out.meta.revision)
    consolidated = replace(out, parts=tuple(parts), meta=meta, renumbering=tuple(renumbering),
                           references=tuple(cross_references))
    invariants.ensure(consolidated, view=True, consecutive=not keep_bis)
    return Result(consolidated, messages + _comments_dropped(doc, consolidated, "consolidated"))


def original(doc: Document, adopted: str | None = None, meetings_table: dict | None = None) -> Result:
    """The text before the amendments: insertions dropped, deletions kept, labels as they stood; an
    adoption line is added when the text has none (amendments known only from a ``Rev.`` in the title)."""
    settled = whole_paragraphs(doc, accept=False)
    doc = settled.value
    result = view(doc, accept=False)
    invariants.check_view(doc, result.value, accept=False)
    messages = settled.messages + list(result.messages) + marks.glued(doc)
    out: Document = result.value
    parts = []
    for part in out.parts:
        if part.kind is PartKind.RESOLUTION:
            part = _drop_furniture(part)
            language = conventions.language(doc)
            designation = revision_title(doc.meta, doc.meta.revision, language) if doc.meta.revision \
                else doc.meta.instrument
            part = _set_designation(part, designation)
            part = _adoption(part, doc.meta, adopted, (doc.meta.revision,), meetings_table, messages,
                             replace_existing=False, language=language)
        parts.append(part)
    original_doc = replace(out, parts=tuple(parts))
    return Result(original_doc, messages + _comments_dropped(doc, original_doc, "original"))


def _comments_dropped(source: Document, viewed: Document, name: str) -> list[Message]:
    """A warning for each reviewer's comment whose paragraph the view drops (a deleted paragraph in the
    consolidated text, the legend): the comment cannot stay beside a paragraph that is not there."""
    if not any(p.comments for p in source.walk()):
        return []
    kept = {c for p in viewed.walk() for c in p.comments}
    out = []
    for p in source.walk():
        for c in p.comments:
            if c not in kept:
                label = p.old_label or p.label
                whose = f"paragraph {label.render().rstrip('.')}" if label else f"its {p.kind.value} paragraph"
                out.append(Message(f"Word comment {c.id} by {c.author or 'an unknown author'} is dropped with "
                                   f"{whose}, which the {name} text does not have: {_quoted(c.text)}", p.source))
    return out


def _quoted(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def _settle(part: Part) -> Part:
    """A consolidated text has no history: each label is its own old label."""

    def settle(p: Paragraph) -> Paragraph:
        return replace(p, old_label=p.label, children=tuple(settle(c) for c in p.children))

    return replace(part, paragraphs=tuple(settle(p) for p in part.paragraphs))


def _excerpt(text: str, width: int = 60) -> str:
    start = max(0, min(i for i in (text.find("["), text.find("]")) if i >= 0) - 10)
    piece = text[start : start + width]
    return repr(("…" if start else "") + piece + ("…" if start + width < len(text) else ""))


def _retitle(part: Part, meta: Meta, meeting: str, messages: list[Message], language: str = "en") -> Part:
    if not meta.instrument:
        messages.append(Message("no instrument number found; the title is left as it is"))
        return part
    if not meeting:
        messages.append(Message("the meeting is not known (no document symbol); give --cop; title left without Rev."))
        return _set_designation(part, meta.instrument)
    mark, why = conventions.revision_mark(meta.convention, meeting, language)
    if mark is None:
        messages.append(Message(f"{why}; the title is left without a revision mark"))
    elif why:
        messages.append(Message(f"{why}: check the title {meta.instrument} {mark}", level="info"))
    return _set_designation(part, revision_title(meta, meeting, language))


def _amended_decisions(doc: Document) -> set[str]:
    """The numbers of the decisions the amendments change (not those inserted or deleted whole)."""
    return {p.label.text for part in doc.parts if part.kind is PartKind.DECISIONS for p in part.paragraphs
            if p.kind is Kind.DECISION and p.label is not None and p.old_label is not None
            and p.status.value == "amended"}


def _revise_decisions(part: Part, amended: set[str], meta: Meta, meeting: str, language: str,
                      messages: list[Message]) -> Part:
    """An amended decision carries the new revision mark: ``17.170 (Rev. CoP18)`` -> ``17.170 (Rev. CoP19)``."""
    if not amended:
        return part
    mark, why = conventions.revision_mark(meta.convention, meeting, language)
    out = []
    for p in part.paragraphs:
        if p.kind is Kind.DECISION and p.label is not None and p.label.text in amended:
            if mark is None:
                messages.append(Message(f"{why}; decision {p.label.text} is left without a revision mark"))
            else:
                label = replace(p.label, form="{n} " + mark)
                p = replace(p, label=label, label_spans=(Span(label.render()),))
        out.append(p)
    return replace(part, paragraphs=tuple(out))


def _adoption(part: Part, meta: Meta, adopted: str | None, amended: tuple[str, ...], table: dict | None,
              messages: list[Message], *, replace_existing: bool, language: str = "en") -> Part:
    """Put the adoption line (a Kind.ADOPTION paragraph) right after the title lines of the title block.

    An adoption line the text already has is kept in the original view and replaced in the
    consolidated one (it cannot name the new amendments).
    """
    from revcop import meetings

    paragraphs = list(part.paragraphs)
    existing = next((i for i, p in enumerate(paragraphs) if p.kind is Kind.ADOPTION), None)
    if existing is not None and not replace_existing:
        return part
    wording, note = meetings.adoption_wording(meta.convention, language)
    if wording is None:  # the body's wording is not known: nothing is written, and the note says so
        if note is not None:
            messages.append(note)
        return part
    number = meetings.meeting_number(adopted) if adopted else meetings.adopted_at(meta.instrument)
    if number is None:
        messages.append(Message(f"the meeting that adopted {meta.instrument or 'the resolution'} is not known; "
                                "give --adopted (e.g. COP14); no adoption line written"))
        return part
    later = tuple(n for n in (meetings.meeting_number(m) for m in amended if m) if n is not None and n > number)
    if meta.revision and len(later) > 1:
        messages.append(Message(f"the adoption line lists the amendments known from the document "
                                f"({', '.join('COP' + str(n) for n in later)}); amendments at other meetings "
                                "are not recorded in it: check the adoption line", level="info"))
    line = meetings.adoption_line(meta.convention, number, later, table, language)
    messages.extend(line.messages)
    if not line.value:
        return part
    adoption = Paragraph(Kind.ADOPTION, (Span(line.value),), source="revcop")
    if existing is not None:
        paragraphs[existing] = replace(adoption, style=paragraphs[existing].style)
    else:
        titles = [i for i, p in enumerate(paragraphs) if p.kind in (Kind.TITLE, Kind.MASTHEAD)]
        at = titles[-1] + 1 if titles else 0
        paragraphs.insert(at, adoption)
    return replace(part, paragraphs=tuple(paragraphs))


def _set_designation(part: Part, designation: str) -> Part:
    """Put ``designation`` (``Resolution 14.16 (Rev.COP15)``) at the head of the title block.

    The designation a title line already has is rewritten in place, with the rest of the line kept
    (``Resolution IX.17: Review of ...``, ``COP 10 Decision X/8``): a title is never written twice.
    A masthead symbol (``UNEP/CMS/Resolution 14.16``) is brought up to date too.
    """
    if not designation:
        return part
    paragraphs = list(part.paragraphs)
    number = designation.split("(")[0].strip()
    written = re.compile(r"(?<![\w.])" + r"\s*".join(re.escape(w) for w in number.split()) + r"(?![\w.]\w)"
                         r"(?:\s*\((?:Rev|Rév)[^)]*\))?", re.IGNORECASE)
    for i, p in enumerate(paragraphs):
        text = p.text.strip()
        if p.kind is Kind.MASTHEAD and "/" in text and number.split()[-1] in text:
            prefix = text[: text.rfind("/") + 1]
            paragraphs[i] = replace(p, spans=(Span(prefix + designation),))
            return replace(part, paragraphs=tuple(paragraphs))
        m = written.search(text) if p.kind is Kind.TITLE else None
        if m:
            paragraphs[i] = replace(p, spans=(Span(text[: m.start()] + designation + text[m.end():]),))
            return replace(part, paragraphs=tuple(paragraphs))
    at = next((i for i, p in enumerate(paragraphs) if p.kind is Kind.TITLE), 0)
    paragraphs.insert(at, Paragraph(Kind.TITLE, (Span(designation),), source="revcop"))
    return replace(part, paragraphs=tuple(paragraphs))
