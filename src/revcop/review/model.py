"""The change report as plain data: :class:`Report` and its parts, what every report writer reads.

The JSON form is documented in docs/json-schema.md (``revcop/report/1``).
"""

from __future__ import annotations

import datetime as _dt

from revcop import __version__
from revcop.model import PARAGRAPH_CHANGES, count_words
from revcop.records import dataclass

SCHEMA = "revcop/report/1"

#: Kinds of change, in the order a summary lists them.
CHANGES = PARAGRAPH_CHANGES
#: One letter per kind for the change map, so colour is never the only sign.
LETTERS = {"unchanged": "·", "amended": "A", "inserted": "I", "deleted": "D", "moved": "M",
           "split": "S", "merged": "J"}
#: Report sections (``ReportParagraph.part``), in the order a report shows them.
PARTS = ("title", "preamble", "operative", "decisions", "text")
PART_NAMES = {"title": "Title block", "preamble": "Preamble", "operative": "Operative paragraphs",
              "decisions": "Decisions", "text": "Text"}
PART_SINGULAR = {"title": "title-block paragraph", "preamble": "preambular paragraph",
                 "operative": "operative paragraph", "decisions": "decisions paragraph", "text": "paragraph"}

#: Wholly deleted and wholly inserted paragraphs at least this similar (difflib ratio over words)
#: are reported as one moved paragraph in single-document mode.
MOVE_SIMILARITY = 0.6



@dataclass(frozen=True)
class MarkedText:
    """A run of text with one change; ``note`` is the marker when the piece is a footnote reference."""

    text: str
    change: str = "unchanged"  # unchanged | inserted | deleted
    note: str = ""


@dataclass(frozen=True)
class Footnote:
    """A footnote of a report entry, as marked pieces."""

    marker: str
    pieces: tuple[MarkedText, ...]


@dataclass(frozen=True)
class ReportParagraph:
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
    pieces: tuple[MarkedText, ...]
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
    comments: tuple = ()  # reviewers' comments (revcop.model.Comment) anchored to the paragraph

    @property
    def renumbered(self) -> bool:
        """The paragraph's own label changes (``11 bis.`` -> ``12.``); a sub-paragraph that only
        follows its parent (``14 b`` -> ``15 b``, written ``b)`` both times) is not counted."""
        return bool(self.old_label and self.new_label and self.old_label != self.new_label
                    and self.change not in ("split", "merged"))

    @property
    def all_pieces(self) -> tuple[MarkedText, ...]:
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
class ReportVersion:
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
class ReportFinding:
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
    old: ReportVersion
    new: ReportVersion
    generated: str
    entries: tuple[ReportParagraph, ...]
    renumbering: tuple[Renumbering, ...] = ()
    references: tuple[Reference, ...] = ()
    findings: tuple[ReportFinding, ...] = ()
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

    def sections(self) -> list[tuple[str, list[ReportParagraph]]]:
        return [(p, [e for e in self.entries if e.part == p]) for p in PARTS
                if any(e.part == p for e in self.entries)]

    @property
    def changed(self) -> list[ReportParagraph]:
        return [e for e in self.entries if e.change != "unchanged"]

    def entry(self, id_: str) -> ReportParagraph:
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


