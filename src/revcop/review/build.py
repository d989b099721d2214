"""From documents and comparisons to a :class:`~revcop.review.model.Report`.

:func:`build_report` makes one from one amendment document (the changes are its marks) and
:func:`build_comparison_report` from two versions of an instrument (the changes come from
:func:`revcop.comparison.compare`).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace

from revcop.model import (
    Change,
    Document,
    Kind,
    Message,
    Paragraph,
    Part,
    PartKind,
    Span,
    Status,
    walk_named,
)
from revcop.patterns import compiled
from revcop.review.model import (
    MOVE_SIMILARITY,
    Footnote,
    MarkedText,
    Reference,
    Renumbering,
    Report,
    ReportFinding,
    ReportParagraph,
    ReportVersion,
    generated_at,
)

_ORDINAL_MEETING = compiled(r"\b(?:at\s+its|its)\s+(\d{1,2})(?:st|nd|rd|th)\s+Meeting", re.IGNORECASE)


# -- from model paragraphs to report entries -------------------------------------------------------

def _pieces(spans: tuple[Span, ...]) -> tuple[tuple[MarkedText, ...], tuple[Footnote, ...]]:
    pieces: list[MarkedText] = []
    notes: list[Footnote] = []
    for span in spans:
        change = span.change.value
        if span.note is not None:
            pieces.append(MarkedText(span.text, change, note=span.note.marker or span.text))
            notes.append(Footnote(span.note.marker or span.text, _pieces(span.note.spans)[0]))
            continue
        if not span.text:
            continue
        if pieces and not pieces[-1].note and pieces[-1].change == change:
            pieces[-1] = replace(pieces[-1], text=pieces[-1].text + span.text)
        else:
            pieces.append(MarkedText(span.text, change))
    return tuple(pieces), tuple(notes)


def section_of(part: Part, p: Paragraph) -> str:
    """The report section of a paragraph: title block, preamble, operative, decisions or text."""
    if part.kind is PartKind.DECISIONS or p.kind is Kind.DECISION:
        return "decisions"
    if p.kind in (Kind.PREAMBLE, Kind.ENACTING):
        return "preamble"
    if p.numbered:
        return "operative"
    if part.kind is PartKind.RESOLUTION:
        return "title"
    return "text"


def _with_ordinals(entries: list[ReportParagraph]) -> list[ReportParagraph]:
    seen: dict[str, int] = {}
    out = []
    for e in entries:
        seen[e.part] = seen.get(e.part, 0) + 1
        out.append(replace(e, ordinal=seen[e.part]))
    return out


def _link_moves(entries: list[ReportParagraph]) -> list[ReportParagraph]:
    """Pair wholly deleted with wholly inserted paragraphs of one section that read alike.

    A move the reader knows (the same ``Span.move`` id at both ends) is taken as given; others are
    guessed by word similarity, best pairs first, never below :data:`MOVE_SIMILARITY`.
    """
    gone = [i for i, e in enumerate(entries) if e.change == "deleted" and e.text.strip()]
    new = [i for i, e in enumerate(entries) if e.change == "inserted" and e.text.strip()]
    candidates = []
    for i in gone:
        for j in new:
            if entries[i].part != entries[j].part:
                continue
            matcher = difflib.SequenceMatcher(None, entries[i].text.split(), entries[j].text.split(),
                                              autojunk=False)
            # the cheap upper bounds first: most pairs are far apart
            if matcher.real_quick_ratio() < MOVE_SIMILARITY or matcher.quick_ratio() < MOVE_SIMILARITY:
                continue
            ratio = matcher.ratio()
            if ratio >= MOVE_SIMILARITY:
                candidates.append((-ratio, abs(i - j), i, j, ratio))
    used: set[int] = set()
    out = list(entries)
    for _, _, i, j, ratio in sorted(candidates):
        if i in used or j in used:
            continue
        used |= {i, j}
        out[i], out[j] = _moved(out[i], out[j], round(ratio, 3))
    return out


def _moved(origin: ReportParagraph, destination: ReportParagraph, similarity: float) -> tuple[ReportParagraph, ReportParagraph]:
    """Mark a pair as one move; the new place shows its words against the old wording.

    A paragraph with footnotes keeps the marks of the document (a word diff would lose the notes).
    """
    origin = replace(origin, change="moved", move_role="from", partner=(destination.id,), similarity=similarity)
    pieces = destination.pieces
    if not origin.notes and not destination.notes:
        pieces = word_diff(origin.text, destination.text)
    destination = replace(destination, change="moved", move_role="to", partner=(origin.id,),
                          similarity=similarity, pieces=pieces)
    return origin, destination


def word_diff(old: str, new: str) -> tuple[MarkedText, ...]:
    """``new`` against ``old`` word by word, as the comparison marks words (deletions first)."""
    from revcop.comparison import diff_spans

    return _pieces(diff_spans((Span(old),), (Span(new),)))[0]


def _known_moves(paragraphs: list[Paragraph], entries: list[ReportParagraph]) -> list[ReportParagraph]:
    """Moves the reader marked (Word's moveFrom/moveTo): every changed span carries one move id."""
    ends: dict[str, dict[str, int]] = {}
    for i, p in enumerate(paragraphs):
        moves = {s.move for s in p.spans if s.change is not Change.UNCHANGED and s.text.strip()}
        move = moves.pop() if len(moves) == 1 else None
        if move is not None and entries[i].change in ("deleted", "inserted"):
            ends.setdefault(move, {})[entries[i].change] = i
    out = list(entries)
    for pair in ends.values():
        if set(pair) == {"deleted", "inserted"}:
            i, j = pair["deleted"], pair["inserted"]
            out[i], out[j] = _moved(out[i], out[j], 1.0)
    return out


def _last_meeting(doc: Document) -> str:
    """The meeting of a text's latest version: its revision (``Rev.COP13``), else the last meeting of
    its adoption line, else the meeting its number says adopted it (``Resolution 14.16``: COP14)."""
    from revcop import conventions, meetings

    meta = doc.meta
    prefix = conventions.meeting_prefix(meta.convention)
    if meta.revision:
        return meta.revision
    part = doc.resolution or (doc.parts[0] if doc.parts else None)
    for p in part.paragraphs if part is not None else ():
        if p.kind is Kind.ADOPTION:
            found = _ORDINAL_MEETING.findall("".join(s.text for s in p.spans if s.change is not Change.INSERTED))
            if found:
                return prefix + found[-1]
    number = meetings.adopted_at(meta.instrument) if meta.instrument else None
    return f"{prefix}{number}" if number else ""


def _finding_targets(entries: list[ReportParagraph]) -> dict[str, str]:
    """Where a message may point -> entry id: the input line (``line 188``), or the paragraph's name
    or label in the newer numbering (``13``, ``15 b``, ``13.``), as consolidation's messages do."""
    index: dict[str, str] = {}
    for e in entries:
        for key in (e.source, e.new_name, e.new_label if e.depth == 0 else ""):
            if key:
                index.setdefault(key, e.id)
    return index


def _message_findings(messages: list[Message], origin: str, index: dict[str, str]) -> list[ReportFinding]:
    return [ReportFinding(m.level, m.text, m.where, origin=origin, target=index.get(m.where, "")) for m in messages]


def _check_findings(doc: Document, index: dict[str, str]) -> list[ReportFinding]:
    """``revcop check`` on the document: its findings, then the consolidation warnings it keeps."""
    from revcop import checks as check

    result = check.run(doc)
    out = []
    for f in result.value:
        text = f"{f.message}: {f.excerpt}" if f.excerpt else f.message
        where = f"{f.part} {f.where}" + (f", footnote {f.note}" if f.note else "")
        target = index.get(f.line, "") or index.get(f.label, "")
        out.append(ReportFinding("warning", text, where, code=f.code, origin="check", target=target))
    return _message_findings(result.messages, "consolidate", index) + out


def _references(doc: Document, index: dict[str, str]) -> tuple[Reference, ...]:
    out = []
    for ref in doc.references:
        if ref.status == "unchanged":
            continue
        target = index.get(ref.source, "") or index.get(ref.paragraph, "")
        out.append(Reference(ref.paragraph, ref.old, ref.new, ref.status, target, ref.source))
    return tuple(out)


def _furniture(p: Paragraph) -> bool:
    from revcop.consolidation import _FURNITURE

    return p.kind is Kind.LEGEND or (p.kind is Kind.HEADING and bool(_FURNITURE.match(p.text.strip())))


def build_report(doc: Document, messages: list[Message] | None = None, *, generated: str = "",
                 meeting: str | None = None) -> Report:
    """The report of one amendment document: every paragraph of the resolution with its marks.

    The resolution's furniture (legend, ``PROPOSED AMENDMENTS TO`` and annex headings) is left out;
    a part of draft decisions is included only when it carries marks (else a note says so). New
    labels come from :func:`revcop.consolidation.consolidate`; ``revcop check`` (:func:`revcop.checks.run`)
    gives the findings and the consolidation warnings, ``messages`` are the reader's.
    """
    from revcop import consolidation as c
    from revcop.marks import marked as carries_marks

    notes: list[str] = []
    if not carries_marks(doc):
        notes.append("The document carries no amendment marks: every paragraph is reported unchanged. "
                     "To compare two versions, give both (revcop report OLD NEW).")
    parts = [p for p in doc.parts if p.kind is PartKind.RESOLUTION]
    for part in doc.parts:
        if part.kind is PartKind.DECISIONS:
            marked = any(p.status is not Status.UNCHANGED for p in part.walk())
            if marked:
                parts.append(part)
            else:
                count = sum(1 for p in part.walk() if p.kind is Kind.DECISION)
                notes.append(f"{part.heading or 'The decisions part'} ({count} draft decision"
                             f"{'' if count == 1 else 's'}) carries no amendment marks and is not in this report.")
    if not parts:
        parts = list(doc.parts)
        notes.append("No resolution was recognised: every paragraph of the document is reported.")

    consolidated = c.consolidate(doc, meeting=meeting)
    new_doc: Document = consolidated.value
    renumbered = dict(new_doc.renumbering)
    # consolidated name -> label as written in the consolidated text
    new_written: dict[str, str] = {}
    for part in new_doc.parts:
        if part.kind is PartKind.RESOLUTION:
            for p, name, _ in walk_named(part.paragraphs):
                if name and p.label is not None:
                    new_written[name] = p.label.render()

    entries: list[ReportParagraph] = []
    paragraphs: list[Paragraph] = []
    for part in parts:
        for p, name, depth in walk_named(part.paragraphs):
            if _furniture(p):
                continue
            pieces, footnotes = _pieces(p.spans)
            status = p.status.value
            known = p.old_label or p.label
            old_label = known.render() if known is not None else ""
            new_name = renumbered.get(name, "") if name else ""
            if part.kind is not PartKind.RESOLUTION or not name:
                # decisions keep their numbers; unnumbered paragraphs have no map entry
                new_name = name if status != "deleted" else ""
                new_label = p.label.render() if p.label is not None and status != "deleted" else ""
            else:
                new_label = new_written.get(new_name, "")
            number = len(entries) + 1
            entries.append(ReportParagraph(
                id=f"p-{number}", number=number, part=section_of(part, p), kind=p.kind.value,
                change=status, pieces=pieces, notes=footnotes, old_label=old_label, new_label=new_label,
                old_name=name, new_name=new_name, depth=depth, source=p.source, comments=p.comments,
            ))
            paragraphs.append(p)
    entries = _known_moves(paragraphs, entries)
    entries = _link_moves(_with_ordinals(entries))
    if any(e.move_role and e.similarity != 1.0 for e in entries):
        notes.append(f"Moves are recognised by text: a wholly deleted and a wholly inserted paragraph "
                     f"at least {MOVE_SIMILARITY:.0%} alike (by words) are shown as one moved paragraph; "
                     f"at its new place its text is marked against its old wording.")

    index = _finding_targets(entries)
    findings = _message_findings(messages or [], "reader", index)
    findings += _check_findings(doc, index)
    renumbering = tuple(
        Renumbering(e.old_name, e.new_name, e.id) for e in entries
        if e.renumbered or (e.old_name and not e.new_name)
    )
    meta = doc.meta
    old_name = c.revision_title(meta, meta.revision) if meta.instrument and meta.revision else meta.instrument
    new_meeting = (meeting or meta.meeting or "").upper()
    new_name = c.revision_title(meta, new_meeting) if meta.instrument and new_meeting else meta.instrument
    return Report(
        mode="amendments",
        instrument=meta.instrument,
        title=meta.title,
        old=ReportVersion(old_name or "Original text", meeting=_last_meeting(doc),
                    source=doc.source, note="the text before the amendments"),
        new=ReportVersion(new_name or "Amended text", symbol=meta.symbol, meeting=new_meeting, source=doc.source,
                    note=f"the amendments proposed in {meta.symbol or doc.source}"),
        generated=generated or generated_at(),
        entries=tuple(entries),
        renumbering=renumbering,
        references=_references(new_doc, index),
        findings=tuple(findings),
        notes=tuple(notes),
    )


# -- two versions ------------------------------------------------------------------------------------

def _version(doc: Document) -> ReportVersion:
    from revcop import consolidation as c

    meta = doc.meta
    name = meta.instrument
    if meta.instrument and meta.revision:
        name = c.revision_title(meta, meta.revision)
    meeting = _last_meeting(doc)
    symbol = meta.symbol if meta.symbol and meta.instrument.split()[-1:] != meta.symbol.split("/")[-1:] else ""
    return ReportVersion(name or meta.title or doc.source, symbol=symbol, meeting=meeting, source=doc.source)


def build_comparison_report(old: Document, new: Document, old_messages: list[Message] | None = None,
                            new_messages: list[Message] | None = None, *, generated: str = "",
                            processes: int = 1) -> Report:
    """The report of what changed from ``old`` to ``new`` (two versions of one instrument).

    The changes, moves, splits and merges are :func:`revcop.comparison.compare`'s (``processes`` as
    there); the labels are those of each version. ``revcop check`` runs on the newer version. Places
    (``ReportParagraph.source``) are lines of NEW, or of OLD (``OLD line 12``) for what only OLD has.
    """
    from revcop.comparison import compare

    notes: list[str] = []
    comparison = compare(old, new, processes=processes)
    old_view, new_view = comparison.old, comparison.new

    sections = _part_index(old_view) | _part_index(new_view)
    entries: list[ReportParagraph] = []
    ends: dict[str, list[int]] = {}
    for change in comparison.changes:
        first = (change.new or change.old)[0]
        pieces, footnotes = _pieces(tuple(change.spans))
        number = len(entries) + 1
        entry = ReportParagraph(
            id=f"p-{number}", number=number, part=sections.get(id(first), "text"), kind=first.kind.value,
            change=change.kind, pieces=pieces, notes=footnotes,
            old_label=_written(change.old), new_label=_written(change.new),
            old_name=change.old_label or "", new_name=change.new_label or "",
            depth=change.depth, source=first.source if change.new else f"OLD {first.source}",
            comments=tuple(dict.fromkeys(c for p in (*change.old, *change.new) for c in p.comments)),
        )
        if change.kind == "moved" and change.move:
            ends.setdefault(change.move, []).append(len(entries))
        if change.kind == "moved":
            # compare gives the old place of a move without a new paragraph, the new place with both
            entry = replace(entry, move_role="to" if change.new else "from")
        entries.append(entry)
    for indices in ends.values():
        for i in indices:
            entries[i] = replace(entries[i], partner=tuple(entries[j].id for j in indices if j != i))
    entries = _with_ordinals(entries)

    index = _finding_targets(entries)
    findings = _message_findings([replace(m, where=f"OLD {m.where}" if m.where else "")
                                  for m in old_messages or []], "reader", index)
    findings += _message_findings(list(new_messages or []), "reader", index)
    from revcop.checks import superseded

    said = [*comparison.settled, *(m for m in comparison.messages if m.level != "info" and not superseded(m))]
    findings += _message_findings(said, "compare", index)
    findings += _check_findings(new_view, index)
    renumbering = tuple(Renumbering(e.old_name, e.new_name, e.id) for e in entries if e.renumbered)
    return Report(
        mode="comparison",
        instrument=new_view.meta.instrument or old_view.meta.instrument,
        title=new_view.meta.title or old_view.meta.title,
        old=_version(old_view),
        new=_version(new_view),
        generated=generated or generated_at(),
        entries=tuple(entries),
        renumbering=renumbering,
        findings=tuple(findings),
        notes=tuple(notes),
    )


def _written(paragraphs) -> str:
    labelled = [p.label.render() for p in paragraphs if p.label is not None]
    return " + ".join(labelled)


def _part_index(doc: Document) -> dict[int, str]:
    return {id(p): section_of(part, p) for part in doc.parts for p in part.walk()}

