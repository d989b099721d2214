"""The document model: the one contract between readers, transforms and writers.

Everything here is an immutable value. A reader produces :class:`Block` objects (raw paragraphs with
marked spans); :func:`revcop.structure.build` turns blocks into a :class:`Document`; transforms
(:mod:`revcop.consolidation`) return new documents; writers only read documents.
"""

from __future__ import annotations

import enum
import operator
from dataclasses import field, fields
from functools import cached_property
from typing import Generic, Iterable, Iterator, TypeVar

# The Label value lives with the rules of labels; the model re-exports it (every stage reads it here).
from revcop.labels import Label as Label
from revcop.labels import LabelKind as LabelKind
from revcop.labels import name as label_name
from revcop.patterns import on_first_use
from revcop.records import dataclass


def _unpickled_through_init(cls):
    """Pickle ``cls`` as the arguments of its constructor: an instance is unpickled by its ``__init__``
    like any other (by default a frozen dataclass's fields were set one by one into a dictionary of
    its own, which made an unpickled document ~40% larger). For the classes a document is made of, by
    the hundred thousand; those are also ``slots=True`` (no dictionary per instance at all: a 500k-word
    document's paragraphs and spans take 17% less memory than with one, and the annex's peak of
    a 500k-word pair fell from 90 to 84 MiB)."""
    assert all(f.init and not f.kw_only for f in fields(cls)), cls
    get = operator.attrgetter(*(f.name for f in fields(cls)))

    def reduce(self):
        return cls, get(self)

    cls.__reduce__ = reduce
    return cls


_unpickled_through_init(Label)

_WORD = on_first_use(r"[^\W_]+(?:[-‐’'][^\W_]+)*")


def count_words(text: str) -> int:
    """Words as a reviewer counts them: ``Kunming-Montreal`` and ``Parties’`` are one word each.
    The one definition behind every word count revcop prints (diff, report, log)."""
    return len(_WORD.findall(text))


#: How a paragraph of one version became paragraphs of the next, in the order summaries list them
#: (the comparison's kinds; ``unchanged`` first). docs/diff.md says what each means.
PARAGRAPH_CHANGES = ("unchanged", "amended", "inserted", "deleted", "moved", "split", "merged")


class Change(str, enum.Enum):
    """How a span of text stands in an amendment document."""

    UNCHANGED = "unchanged"
    INSERTED = "inserted"
    DELETED = "deleted"


class Status(str, enum.Enum):
    """A paragraph's change status, derived from its spans (label included)."""

    UNCHANGED = "unchanged"
    AMENDED = "amended"
    INSERTED = "inserted"
    DELETED = "deleted"


class Kind(str, enum.Enum):
    """What a paragraph is in the anatomy of a resolution (see docs/domain.md)."""

    MASTHEAD = "masthead"  # CONVENTION ON MIGRATORY SPECIES, Distribution: General, symbol, Original:
    TITLE = "title"
    ADOPTION = "adoption"  # Adopted by the Conference of the Parties at its 14th Meeting ...
    HEADING = "heading"
    LEGEND = "legend"
    PREAMBLE = "preamble"
    ENACTING = "enacting"
    OPERATIVE = "operative"
    SUBPARAGRAPH = "subparagraph"
    DECISION = "decision"
    TEXT = "text"


class PartKind(str, enum.Enum):
    BODY = "body"
    RESOLUTION = "resolution"
    DECISIONS = "decisions"
    ANNEX = "annex"
    TEXT = "text"  # a document in which no resolution was recognised


@_unpickled_through_init
@dataclass(frozen=True, slots=True)
class Note:
    """A footnote or endnote. ``marker`` is the reference mark as printed (``1``, ``*``)."""

    marker: str
    spans: tuple[Span, ...]
    endnote: bool = False

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@_unpickled_through_init
@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with one change status.

    A span that carries a ``note`` is a footnote reference: its text is the reference mark.
    ``move`` names a move (the same id at the deleted and the inserted end) when the reader knows one.
    """

    text: str
    change: Change = Change.UNCHANGED
    note: Note | None = None
    move: str | None = None

    # Spans are made by the hundred thousand: these construct directly (dataclasses.replace costs ~5x).
    def with_change(self, change: Change) -> Span:
        return Span(self.text, change, self.note, self.move)

    def with_text(self, text: str) -> Span:
        return Span(text, self.change, self.note, self.move)


def merge_spans(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Neighbouring spans with the same marks (change and move, no note) as one span.

    Runs are collected as lists of pieces and joined once: adding piece by piece copied the growing
    text each time, quadratic in a long paragraph with many marks.
    """
    runs: list[tuple[Span, list[str]]] = []
    for span in spans:
        if runs and span.note is None and runs[-1][0].note is None and runs[-1][0].change is span.change \
                and runs[-1][0].move == span.move:
            runs[-1][1].append(span.text)
        else:
            runs.append((span, [span.text]))
    return tuple(first if len(pieces) == 1 else first.with_text("".join(pieces)) for first, pieces in runs)


def lstrip_spans(spans: Iterable[Span]) -> tuple[Span, ...]:
    """The spans without the white space they begin with (spans of white space alone are dropped; a
    footnote reference is never white space)."""
    out = list(spans)
    while out and out[0].note is None and not out[0].text.strip():
        out.pop(0)
    if out and out[0].note is None and out[0].text[:1].isspace():  # a new span only where it changes
        out[0] = out[0].with_text(out[0].text.lstrip())
    return tuple(out)


def rstrip_spans(spans: Iterable[Span]) -> tuple[Span, ...]:
    """The spans without the white space they end with (as :func:`lstrip_spans`)."""
    out = list(spans)
    while out and out[-1].note is None and not out[-1].text.strip():
        out.pop()
    if out and out[-1].note is None and out[-1].text[-1:].isspace():
        out[-1] = out[-1].with_text(out[-1].text.rstrip())
    return tuple(out)


def strip_spans(spans: Iterable[Span]) -> tuple[Span, ...]:
    """The spans without white space at either end."""
    return rstrip_spans(lstrip_spans(spans))


@dataclass(frozen=True)
class Comment:
    """A reviewer's comment (a Word comment), kept beside the paragraph it is anchored to.

    ``anchor`` is the text the comment marks in that paragraph (empty for a comment on a point);
    ``text`` the comment itself, its paragraphs joined by line breaks; ``date`` as the source gives it
    (ISO 8601 in Word). Comments often carry a Party's reservation: they travel with their paragraph
    into every output that can hold them (JSON, HTML report, .docx) and are counted where dropped.
    """

    id: str
    text: str
    author: str = ""
    initials: str = ""
    date: str = ""
    anchor: str = ""


@dataclass(frozen=True)
class Block:
    """A raw paragraph as a reader found it, before structure recognition.

    ``number`` is the label Word displays from automatic numbering (already rendered, e.g. ``12.``)
    and ``number_change`` whether that numbered paragraph mark was inserted/deleted.
    ``style`` is the paragraph style name where the source has one; ``source`` says where the block
    came from (``line 12``, ``paragraph 40``) for messages. ``running`` marks a running header or
    footer: not body text, but it may carry the document symbol.
    """

    spans: tuple[Span, ...]
    source: str = ""
    style: str | None = None
    number: str | None = None
    number_change: Change = Change.UNCHANGED
    centered: bool = False
    in_table: bool = False
    running: bool = False
    comments: tuple[Comment, ...] = ()  # Word comments anchored here (readers/docx/comments.py)

    @cached_property  # the block is frozen: its text is joined once (structure asks for it again and again)
    def text(self) -> str:
        return "".join(s.text for s in self.spans if s.note is None)


@_unpickled_through_init
@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of the tree.

    ``label`` is the label as it reads once the amendments are accepted (before renumbering),
    ``old_label`` as it read before them; ``label_spans`` hold the label text with its marks.
    ``spans`` hold the text after the label. ``style`` is the paragraph style name the source gave
    the paragraph (a .docx reader's :attr:`Block.style`), None where it had none or revcop made it.
    ``comments``: the reviewers' comments anchored to the paragraph (:class:`Comment`).
    """

    kind: Kind
    spans: tuple[Span, ...]
    label: Label | None = None
    old_label: Label | None = None
    label_spans: tuple[Span, ...] = ()
    children: tuple[Paragraph, ...] = ()
    source: str = ""
    style: str | None = None
    comments: tuple[Comment, ...] = ()  # reviewers' comments anchored to this paragraph

    @property  # not kept: a 500k-word pair's paragraphs would hold ~8 MB more for the comparison's peak
    def text(self) -> str:
        """All the text, marks ignored (inserted and deleted text both present), notes left out."""
        spans = self.spans
        if len(spans) == 1:  # most paragraphs: their one span's text, without a join
            return spans[0].text if spans[0].note is None else ""
        return "".join(s.text for s in spans if s.note is None)

    @property
    def notes(self) -> tuple[Note, ...]:
        return tuple(s.note for s in self.spans if s.note is not None)

    @property
    def status(self) -> Status:
        return status_of((*self.label_spans, *self.spans))

    @property
    def numbered(self) -> bool:
        """An operative paragraph or sub-paragraph: the paragraphs renumbering numbers and
        cross-references name (``paragraph 11 bis``, ``15 (b)``)."""
        return self.kind in NUMBERED_KINDS

    def walk(self) -> Iterator[Paragraph]:
        """This paragraph and those under it, in document order (:func:`walk`)."""
        return walk((self,))


def walk(paragraphs: tuple[Paragraph, ...]) -> Iterator[Paragraph]:
    """The paragraphs and those under them, in document order (each before its children). With a
    stack rather than a generator per paragraph: every paragraph of a recursive walk passed through a
    generator for each level above it (three times faster on a 500k-word version)."""
    stack = list(reversed(paragraphs))
    while stack:
        p = stack.pop()
        yield p
        if p.children:
            stack.extend(reversed(p.children))


#: The kinds of paragraph that are numbered in one list per level and renumbered on consolidation.
NUMBERED_KINDS = frozenset({Kind.OPERATIVE, Kind.SUBPARAGRAPH})


def walk_named(paragraphs: Iterable[Paragraph], path: str = "", depth: int = 0,
               ) -> Iterator[tuple[Paragraph, str, int]]:
    """Every paragraph in document order with its name and depth: the name is the path of labels as
    the amendment document knows them (the old label, else the label: ``3 b``, ``11 bis``), empty for
    a paragraph that is not :attr:`Paragraph.numbered` or has no label; a paragraph under an unnamed
    one takes the path above it."""
    for p in paragraphs:
        known = p.old_label or p.label
        name = path + label_name(known) if known is not None and p.numbered else ""
        yield p, name, depth
        yield from walk_named(p.children, (name + " ") if name else path, depth + 1)


def status_of(spans: tuple[Span, ...] | list[Span]) -> Status:
    """Derive a status from spans; white space alone does not make a paragraph amended."""
    changes = {s.change for s in spans if s.text.strip() or s.note is not None}
    if not changes or changes == {Change.UNCHANGED}:
        return Status.UNCHANGED
    if changes == {Change.INSERTED}:
        return Status.INSERTED
    if changes == {Change.DELETED}:
        return Status.DELETED
    return Status.AMENDED


@dataclass(frozen=True)
class Part:
    """A part of a document (the resolution, its annexes, the decisions), with its paragraphs."""

    kind: PartKind
    paragraphs: tuple[Paragraph, ...]
    heading: str = ""  # e.g. "ANNEX 1"

    def walk(self) -> Iterator[Paragraph]:
        return walk(self.paragraphs)


@dataclass(frozen=True)
class Meta:
    """What a document is.

    ``symbol``: the meeting document's symbol (``UNEP/CMS/COP15/Doc.28.2``) or the resolution's own.
    ``instrument``: the instrument amended or printed (``Resolution 14.16``); ``revision`` the meeting
    of the current revision if the instrument carries one (``COP13`` in ``12.7 (Rev.COP13)``).
    ``meeting``: the meeting the document is for (``COP15``); ``convention``: ``CMS``, ``CITES`` ...
    """

    symbol: str = ""
    instrument: str = ""
    revision: str = ""
    title: str = ""
    meeting: str = ""
    convention: str = ""
    amendments: bool = False  # the document shows amendments (a legend or marks were found)

    @property
    def instrument_number(self) -> str:
        return self.instrument.split()[-1] if self.instrument else ""


@dataclass(frozen=True)
class Message:
    """A warning (or info) found while reading or transforming, attached to where it arose."""

    text: str
    where: str = ""
    level: str = "warning"

    def __str__(self) -> str:
        return f"{self.where}: {self.text}" if self.where else self.text


@dataclass(frozen=True)
class CrossReference:
    """A reference to a paragraph of the same resolution, found (and rewritten) by consolidation.

    ``paragraph`` names the paragraph holding the reference in the consolidated numbering (``15 b``;
    empty for an unnumbered one such as a preambular paragraph), ``source`` where it came from
    (``line 40``), ``note`` the footnote marker when the reference sits in a footnote. ``offset`` is
    the character offset of the reference in the paragraph's consolidated text (its spans joined,
    label excluded; in the note's text for a footnote). ``old`` is the reference as the amendment
    document writes it, ``new`` as the consolidated text writes it. ``targets`` names what it points
    at, amendment-document label -> consolidated label (``("11 bis", "12")``; new ``""`` for a deleted
    paragraph, ``None`` for one that does not exist). ``status``: ``rewritten``, ``unchanged``,
    ``deleted`` (points at a deleted paragraph; left as written), ``missing`` (no such paragraph; left
    as written) or ``ambiguous`` (revcop cannot tell which paragraph is meant; left as written).
    ``problem`` says what a reader should check (a deleted or missing target, a range that now covers
    an inserted paragraph); empty when there is nothing to check.
    """

    paragraph: str
    source: str
    offset: int
    old: str
    new: str
    status: str
    targets: tuple[tuple[str, str | None], ...] = ()
    note: str = ""
    problem: str = ""


@dataclass(frozen=True)
class Document:
    """A document read and structured: its metadata and parts (see the module docstring)."""

    meta: Meta
    parts: tuple[Part, ...]
    source: str = ""  # the file it was read from
    renumbering: tuple[tuple[str, str], ...] = ()  # old label -> new label, set by consolidation
    references: tuple[CrossReference, ...] = ()  # internal cross-references, set by consolidation

    def part(self, kind: PartKind) -> Part | None:
        return next((p for p in self.parts if p.kind == kind), None)

    @property
    def resolution(self) -> Part | None:
        return self.part(PartKind.RESOLUTION)

    def walk(self) -> Iterator[Paragraph]:
        for part in self.parts:
            yield from part.walk()


T = TypeVar("T")


@dataclass
class Result(Generic[T]):
    """A value with the messages produced while making it (mammoth's Result)."""

    value: T
    messages: list[Message] = field(default_factory=list)
