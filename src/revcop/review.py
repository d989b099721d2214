"""The change report: what a set of amendments does, paragraph by paragraph, as plain data.

:func:`build_report` makes a :class:`Report` from one amendment document (the changes are its marks)
and :func:`build_comparison_report` from two versions of an instrument (the changes come from
:func:`revcop.comparison.compare`). Writers (:mod:`revcop.writers.report`) only read a Report; the JSON
form is documented in docs/json-schema.md (``revcop/report/1``).
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from dataclasses import dataclass, replace

from revcop import __version__, labels
from revcop.model import (
    Change, Document, Kind, Message, Paragraph, Part, PartKind, Span, Status, count_words,
)

SCHEMA = "revcop/report/1"

#: Kinds of change, in the order a summary lists them.
CHANGES = ("unchanged", "amended", "inserted", "deleted", "moved", "split", "merged")
#: One letter per kind for the change map, so colour is never the only sign.
LETTERS = {"unchanged": "·", "amended": "A", "inserted": "I", "deleted": "D", "moved": "M",
           "split": "S", "merged": "J"}
#: Report sections (``Entry.part``), in the order a report shows them.
PARTS = ("title", "preamble", "operative", "decisions", "text")
PART_NAMES = {"title": "Title block", "preamble": "Preamble", "operative": "Operative paragraphs",
              "decisions": "Decisions", "text": "Text"}
PART_SINGULAR = {"title": "title-block paragraph", "preamble": "preambular paragraph",
                 "operative": "operative paragraph", "decisions": "decisions paragraph", "text": "paragraph"}

#: Wholly deleted and wholly inserted paragraphs at least this similar (difflib ratio over words)
#: are reported as one moved paragraph in single-document mode.
MOVE_SIMILARITY = 0.6

_ORDINAL_MEETING = re.compile(r"\b(?:at\s+its|its)\s+(\d{1,2})(?:st|nd|rd|th)\s+Meeting", re.IGNORECASE)


@dataclass(frozen=True)
class Piece:
    """A run of text with one change; ``note`` is the marker when the piece is a footnote reference."""

    text: str
    change: str = "unchanged"  # unchanged | inserted | deleted
    note: str = ""


@dataclass(frozen=True)
class Footnote:
    """A footnote of a report entry, as marked pieces."""

    marker: str
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class Entry:
    """One paragraph of the report.

    ``old_label``/``new_label`` are the labels as written (``11 bis.``, ``(iv)``) and
    ``old_name``/``new_name`` the full names used in renumbering maps (``11 bis``, ``14 b``): ``old``
    is the label the older version (or the amendment document) gives the paragraph, ``new`` the one
    it has in the newer version (consolidated numbering). ``partner`` is the id of the other end of a
    move (or of the other paragraphs of a split/merge); ``similarity`` how alike the two ends of a
    move are (1.0 when the move was known rather than guessed).
    """

    id: str
    number: int
    part: str
    kind: str
    change: str
    pieces: tuple[Piece, ...]
    notes: tuple[Footnote, ...] = ()
    old_label: str = ""
    new_label: str = ""
    old_name: str = ""
    new_name: str = ""
    depth: int = 0
    partner: tuple[str, ...] = ()
    move_role: str = ""  # "from" | "to" | ""
    similarity: float | None = None
    source: str = ""
    ordinal: int = 0  # position in its section (preambular paragraph 3)

    @property
    def renumbered(self) -> bool:
        """The paragraph's own label changes (``11 bis.`` -> ``12.``); a sub-paragraph that only
        follows its parent (``14 b`` -> ``15 b``, written ``b)`` both times) is not counted."""
        return bool(self.old_label and self.new_label and self.old_label != self.new_label
                    and self.change not in ("split", "merged"))

    @property
    def all_pieces(self) -> tuple[Piece, ...]:
        return self.pieces + tuple(p for n in self.notes for p in n.pieces)

    @property
    def words_inserted(self) -> int:
        if self.move_role == "from":
            return 0  # the words moved; their edits are counted at the new place
        return sum(count_words(p.text) for p in self.all_pieces if p.change == "inserted" and not p.note)

    @property
    def words_deleted(self) -> int:
        if self.move_role == "from":
            return 0
        return sum(count_words(p.text) for p in self.all_pieces if p.change == "deleted" and not p.note)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces if not p.note)

    @property
    def new_text(self) -> str:
        """The text as it reads after the change (as it read before, for a deleted paragraph)."""
        if self.change == "deleted" or self.move_role == "from":
            return self.text
        return "".join(p.text for p in self.pieces if not p.note and p.change != "deleted")

    @property
    def name(self) -> str:
        """How a reviewer names the paragraph: ``11 bis → 12``, ``14 b``, ``preambular paragraph 3``."""
        if self.old_name and self.new_name and self.old_name != self.new_name:
            return f"{self.old_name} → {self.new_name}"
        if self.old_name or self.new_name:
            return self.new_name or self.old_name
        if self.old_label or self.new_label:
            return self.new_label or self.old_label
        return f"{PART_SINGULAR.get(self.part, 'paragraph')} {self.ordinal}"

    @property
    def letter(self) -> str:
        return LETTERS[self.change]


@dataclass(frozen=True)
class Version:
    """One side of the comparison, as the header names it."""

    name: str  # Resolution 14.16 (Rev.COP15)
    symbol: str = ""  # UNEP/CMS/COP15/Doc.28.2
    meeting: str = ""  # COP15
    source: str = ""  # the file
    note: str = ""  # "as proposed in ...", "before the amendments"


@dataclass(frozen=True)
class Renumbering:
    """One row of the report's renumbering table (old label -> new label)."""

    old: str
    new: str  # "" when the paragraph is deleted
    target: str = ""  # entry id


@dataclass(frozen=True)
class Reference:
    """An internal cross-reference that consolidation rewrote (or could not rewrite)."""

    paragraph: str
    old: str
    new: str
    status: str
    target: str = ""  # entry id of the paragraph holding it
    source: str = ""


@dataclass(frozen=True)
class Finding:
    """A reader warning, a consolidation warning or a ``revcop check`` finding, tied to a paragraph."""

    level: str
    text: str
    where: str = ""
    code: str = ""
    origin: str = ""  # reader | consolidate | check | compare
    target: str = ""  # entry id


@dataclass(frozen=True)
class Report:
    """Everything a report shows, ready for the HTML, JSON and Markdown writers."""

    mode: str  # "amendments" (one amendment document) | "comparison" (OLD NEW)
    instrument: str
    title: str
    old: Version
    new: Version
    generated: str
    entries: tuple[Entry, ...]
    renumbering: tuple[Renumbering, ...] = ()
    references: tuple[Reference, ...] = ()
    findings: tuple[Finding, ...] = ()
    notes: tuple[str, ...] = ()  # what the report leaves out, and how it decided
    revcop: str = __version__

    def summary(self) -> dict[str, dict[str, int]]:
        """Counts per section (only sections present) and ``all``: each change kind, ``renumbered``,
        ``words_inserted``, ``words_deleted``, ``paragraphs``."""
        out: dict[str, dict[str, int]] = {}
        for key in [p for p in PARTS if any(e.part == p for e in self.entries)] + ["all"]:
            chosen = [e for e in self.entries if key == "all" or e.part == key]
            counts = {c: sum(1 for e in chosen if e.change == c) for c in CHANGES}
            # a moved paragraph is shown at both places but counted once
            counts["moved"] = sum(1 for e in chosen if e.change == "moved" and e.move_role != "from")
            counts["renumbered"] = sum(1 for e in chosen if e.renumbered)
            counts["words_inserted"] = sum(e.words_inserted for e in chosen)
            counts["words_deleted"] = sum(e.words_deleted for e in chosen)
            counts["paragraphs"] = len(chosen)
            out[key] = counts
        return out

    def sections(self) -> list[tuple[str, list[Entry]]]:
        return [(p, [e for e in self.entries if e.part == p]) for p in PARTS
                if any(e.part == p for e in self.entries)]

    @property
    def changed(self) -> list[Entry]:
        return [e for e in self.entries if e.change != "unchanged"]

    def entry(self, id_: str) -> Entry:
        return next(e for e in self.entries if e.id == id_)


# -- the date a report says it was generated ------------------------------------------------------

def generated_at(date: str | None = None, source_date_epoch: str | None = None,
                 now: _dt.datetime | None = None) -> str:
    """``--date`` as given (an ISO date or date-time), else SOURCE_DATE_EPOCH, else now (UTC).

    Raises ValueError for a date or epoch that cannot be read.
    """
    if date:
        try:
            _dt.datetime.fromisoformat(date)
        except ValueError:
            raise ValueError(f"{date!r} is not a date such as 2026-03-29") from None
        return date
    if source_date_epoch:
        try:
            moment = _dt.datetime.fromtimestamp(int(source_date_epoch), _dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise ValueError(f"SOURCE_DATE_EPOCH={source_date_epoch!r} is not a number of seconds") from None
    else:
        moment = now or _dt.datetime.now(_dt.timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


# -- from model paragraphs to report entries -------------------------------------------------------

def _pieces(spans: tuple[Span, ...]) -> tuple[tuple[Piece, ...], tuple[Footnote, ...]]:
    pieces: list[Piece] = []
    notes: list[Footnote] = []
    for span in spans:
        change = span.change.value
        if span.note is not None:
            pieces.append(Piece(span.text, change, note=span.note.marker or span.text))
            notes.append(Footnote(span.note.marker or span.text, _pieces(span.note.spans)[0]))
            continue
        if not span.text:
            continue
        if pieces and not pieces[-1].note and pieces[-1].change == change:
            pieces[-1] = replace(pieces[-1], text=pieces[-1].text + span.text)
        else:
            pieces.append(Piece(span.text, change))
    return tuple(pieces), tuple(notes)


def section_of(part: Part, p: Paragraph) -> str:
    """The report section of a paragraph: title block, preamble, operative, decisions or text."""
    if part.kind is PartKind.DECISIONS or p.kind is Kind.DECISION:
        return "decisions"
    if p.kind in (Kind.PREAMBLE, Kind.ENACTING):
        return "preamble"
    if p.kind in (Kind.OPERATIVE, Kind.SUBPARAGRAPH):
        return "operative"
    if part.kind is PartKind.RESOLUTION:
        return "title"
    return "text"


def _walk(paragraphs, path: str = "", depth: int = 0):
    """Yield (paragraph, name path of its label as the amendment document knows it, depth)."""
    for p in paragraphs:
        known = p.old_label or p.label
        name = path + labels.name(known) if known is not None and p.kind in (Kind.OPERATIVE, Kind.SUBPARAGRAPH) else ""
        yield p, name, depth
        yield from _walk(p.children, (name + " ") if name else path, depth + 1)


def _with_ordinals(entries: list[Entry]) -> list[Entry]:
    seen: dict[str, int] = {}
    out = []
    for e in entries:
        seen[e.part] = seen.get(e.part, 0) + 1
        out.append(replace(e, ordinal=seen[e.part]))
    return out


def _link_moves(entries: list[Entry]) -> list[Entry]:
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


def _moved(origin: Entry, destination: Entry, similarity: float) -> tuple[Entry, Entry]:
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


def word_diff(old: str, new: str) -> tuple[Piece, ...]:
    """``new`` against ``old`` word by word, as the comparison marks words (deletions first)."""
    from revcop.comparison import diff_spans

    return _pieces(diff_spans((Span(old),), (Span(new),)))[0]


def _known_moves(paragraphs: list[Paragraph], entries: list[Entry]) -> list[Entry]:
    """Moves the reader marked (Word's moveFrom/moveTo): every changed span carries one move id."""
    ends: dict[str, dict[str, int]] = {}
    for i, p in enumerate(paragraphs):
        moves = {s.move for s in p.spans if s.change is not Change.UNCHANGED and s.text.strip()}
        if len(moves) == 1 and None not in moves and entries[i].change in ("deleted", "inserted"):
            ends.setdefault(moves.pop(), {})[entries[i].change] = i
    out = list(entries)
    for pair in ends.values():
        if set(pair) == {"deleted", "inserted"}:
            i, j = pair["deleted"], pair["inserted"]
            out[i], out[j] = _moved(out[i], out[j], 1.0)
    return out


def _last_meeting(doc: Document) -> str:
    """The meeting of a text's latest version: its revision (``Rev.COP13``), else the last meeting of
    its adoption line, else the meeting its number says adopted it (``Resolution 14.16``: COP14)."""
    from revcop import meetings

    meta = doc.meta
    prefix = "CoP" if meta.convention == "CITES" else "COP"
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


def _finding_targets(entries: list[Entry]) -> dict[str, str]:
    """Where a message may point -> entry id: the input line (``line 188``), or the paragraph's name
    or label in the newer numbering (``13``, ``15 b``, ``13.``), as consolidation's messages do."""
    index: dict[str, str] = {}
    for e in entries:
        for key in (e.source, e.new_name, e.new_label if e.depth == 0 else ""):
            if key:
                index.setdefault(key, e.id)
    return index


def _message_findings(messages: list[Message], origin: str, index: dict[str, str]) -> list[Finding]:
    return [Finding(m.level, m.text, m.where, origin=origin, target=index.get(m.where, "")) for m in messages]


def _check_findings(doc: Document, index: dict[str, str]) -> list[Finding]:
    """``revcop check`` on the document: its findings, then the consolidation warnings it keeps."""
    from revcop import checks as check

    result = check.run(doc)
    out = []
    for f in result.value:
        text = f"{f.message}: {f.excerpt}" if f.excerpt else f.message
        where = f"{f.part} {f.where}" + (f", footnote {f.note}" if f.note else "")
        target = index.get(f.line, "") or index.get(f.label, "")
        out.append(Finding("warning", text, where, code=f.code, origin="check", target=target))
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

    notes: list[str] = []
    if not c.carries_marks(doc):
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
            for p, name, _ in _walk(part.paragraphs):
                if name and p.label is not None:
                    new_written[name] = p.label.render()

    entries: list[Entry] = []
    paragraphs: list[Paragraph] = []
    for part in parts:
        for p, name, depth in _walk(part.paragraphs):
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
            entries.append(Entry(
                id=f"p-{number}", number=number, part=section_of(part, p), kind=p.kind.value,
                change=status, pieces=pieces, notes=footnotes, old_label=old_label, new_label=new_label,
                old_name=name, new_name=new_name, depth=depth, source=p.source,
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
        old=Version(old_name or "Original text", meeting=_last_meeting(doc),
                    source=doc.source, note="the text before the amendments"),
        new=Version(new_name or "Amended text", symbol=meta.symbol, meeting=new_meeting, source=doc.source,
                    note=f"the amendments proposed in {meta.symbol or doc.source}"),
        generated=generated or generated_at(),
        entries=tuple(entries),
        renumbering=renumbering,
        references=_references(new_doc, index),
        findings=tuple(findings),
        notes=tuple(notes),
    )


# -- two versions ------------------------------------------------------------------------------------

def _version(doc: Document) -> Version:
    from revcop import consolidation as c

    meta = doc.meta
    name = meta.instrument
    if meta.instrument and meta.revision:
        name = c.revision_title(meta, meta.revision)
    meeting = _last_meeting(doc)
    symbol = meta.symbol if meta.symbol and meta.instrument.split()[-1:] != meta.symbol.split("/")[-1:] else ""
    return Version(name or meta.title or doc.source, symbol=symbol, meeting=meeting, source=doc.source)


def build_comparison_report(old: Document, new: Document, old_messages: list[Message] | None = None,
                            new_messages: list[Message] | None = None, *, generated: str = "") -> Report:
    """The report of what changed from ``old`` to ``new`` (two versions of one instrument).

    The changes, moves, splits and merges are :func:`revcop.comparison.compare`'s; the labels are those
    of each version. ``revcop check`` runs on the newer version. Places (``Entry.source``) are lines
    of NEW, or of OLD (``OLD line 12``) for what only OLD has.
    """
    from revcop.comparison import compare

    notes: list[str] = []
    comparison = compare(old, new)
    old_view, new_view = comparison.old, comparison.new

    sections = _part_index(old_view) | _part_index(new_view)
    entries: list[Entry] = []
    ends: dict[str, list[int]] = {}
    for change in comparison.changes:
        first = (change.new or change.old)[0]
        pieces, footnotes = _pieces(tuple(change.spans))
        number = len(entries) + 1
        entry = Entry(
            id=f"p-{number}", number=number, part=sections.get(id(first), "text"), kind=first.kind.value,
            change=change.kind, pieces=pieces, notes=footnotes,
            old_label=_written(change.old), new_label=_written(change.new),
            old_name=change.old_label or "", new_name=change.new_label or "",
            depth=change.depth, source=first.source if change.new else f"OLD {first.source}",
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

