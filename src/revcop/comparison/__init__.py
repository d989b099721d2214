"""Compare two versions of a document: paragraph alignment, then words inside paired paragraphs.

``compare(old, new)`` returns a :class:`Comparison`: one :class:`ParagraphChange` per paragraph
(sub-paragraphs included), in NEW document order with deleted paragraphs placed where they stood;
its :meth:`Comparison.annex` is the amendment document (old numbering, new text underlined, deleted
text struck). A document that carries amendments is compared in its consolidated form.

Two levels keep the work near-linear (docs/performance.md): paragraphs are aligned first
(:mod:`revcop.comparison.align`), then words are diffed inside each pair only
(:mod:`revcop.comparison.words`, the one module that knows diff-match-patch).

Paragraph changes, field by field (docs/diff.md has the user's view):

- ``unchanged``/``amended``: one old and one new paragraph; spans are the word diff.
- ``inserted``: ``old == ()``; spans all INSERTED. ``deleted``: ``new == ()``; spans all DELETED.
- ``moved``: two entries with the same ``move`` id: at the old place ``old == (p,)``, ``new == ()``
  and spans all DELETED; at the new place ``old == (p,)``, ``new == (q,)`` and spans the word diff
  of p against q (a moved-and-edited paragraph shows its edits). Every span of both carries the id.
- ``split``: one old, 2+ new; ``merged``: 2+ old, one new; spans diff the texts joined by a space.
"""

from __future__ import annotations

import re
from dataclasses import field, replace
from functools import cached_property

from revcop.comparison import align as _align
from revcop.comparison import words as _words
from revcop.model import (
    PARAGRAPH_CHANGES,
    Change,
    Document,
    Message,
    Paragraph,
    PartKind,
    Result,
    Span,
    count_words,
)
from revcop.records import dataclass

__all__ = ["compare", "Comparison", "ParagraphChange", "KINDS", "count_marks"]

KINDS = PARAGRAPH_CHANGES
_WORD_DIFFED = ("amended", "moved", "split", "merged")
_NOTE_BASE = 0xF0000  # supplementary private use plane: one character stands for one footnote


@dataclass(frozen=True)
class ParagraphChange:
    """One entry of a comparison: how paragraphs of OLD became paragraphs of NEW, with the word marks."""

    kind: str
    part: str
    old: tuple[Paragraph, ...]
    new: tuple[Paragraph, ...]
    old_label: str | None
    new_label: str | None
    spans: tuple[Span, ...]
    move: str | None = None
    depth: int = 0  # nesting depth in the tree (0: a top-level paragraph)


@dataclass
class Comparison:
    """Two versions compared paragraph by paragraph; :meth:`annex` writes the amendment annex."""

    old: Document
    new: Document
    changes: tuple[ParagraphChange, ...]
    granularity: str = "word"
    messages: list[Message] = field(default_factory=list)
    #: the notes saying which version (OLD, NEW) was compared in its consolidated form (also in messages)
    settled: tuple[Message, ...] = ()

    @cached_property
    def summary(self) -> dict[str, int]:
        """Counts of paragraph changes by kind (a move counts once) and of words inserted/deleted.

        Words (:func:`revcop.model.count_words`, as the report counts them) are counted in the spans
        of every change, footnotes included, except the old place of a move (whose words reappear at
        the new place); a moved paragraph counts only its edits.
        """
        counts = {k: 0 for k in KINDS}
        inserted = deleted = 0
        for c in self.changes:
            if c.kind == "moved":
                if c.new:
                    counts["moved"] += 1
                else:
                    continue
            else:
                counts[c.kind] += 1
            for s in _with_note_spans(c.spans):
                if s.note is not None:
                    continue  # a reference mark is not a word; its note's words are counted
                if s.change is Change.INSERTED:
                    inserted += count_words(s.text)
                elif s.change is Change.DELETED:
                    deleted += count_words(s.text)
        counts["words_inserted"] = inserted
        counts["words_deleted"] = deleted
        return counts

    def annex(self, style_labels: bool = True) -> Result:
        """The amendment document (``bis`` labels for new paragraphs unless ``style_labels`` is
        False) with the annex's own messages: see :func:`revcop.comparison.annex.build`."""
        from revcop.comparison.annex import build

        return build(self, style_labels=style_labels)


def _with_note_spans(spans):
    """The spans and, after each footnote reference, its note's spans (marked like the reference
    when the whole reference is inserted or deleted)."""
    for s in spans:
        yield s
        if s.note is not None:
            for n in s.note.spans:
                yield n if s.change is Change.UNCHANGED else n.with_change(s.change)


def compare(old: Document, new: Document, *, granularity: str = "word", processes: int = 1) -> Comparison:
    """Compare ``old`` with ``new`` (paragraph by paragraph, then word by word); ``processes=2``: the
    word diffs of a long comparison in two processes (see :func:`revcop.pipeline.compare`)."""
    if granularity not in ("word", "char"):
        raise ValueError(f"granularity must be 'word' or 'char', not {granularity!r}")
    from revcop.consolidation import settle

    messages: list[Message] = []
    settled: list[Message] = []
    versions = []
    for name, doc in (("OLD", old), ("NEW", new)):
        result = settle(doc, name)
        messages += result.messages
        if result.value is not doc:
            settled.append(result.messages[-1])
        versions.append(result.value)
    old, new = versions
    aligned = [(kind, e) for kind, a, b in _part_pairs(old, new, messages) for e in _align.align(a, b)]
    diffs = iter(_word_diffs([(_join(e.old), _join(e.new)) for _, e in aligned if _word_diffed(e)], granularity,
                             processes))
    changes = [_change(e, kind, next(diffs) if _word_diffed(e) else None) for kind, e in aligned]
    for c in changes:  # a change of spacing is marked, yet all but invisible: say it (issue 17, item 3)
        if c.kind in _WORD_DIFFED:
            for what in _words.spacing_changes((s.change, s.text) for s in c.spans if s.note is None):
                messages.append(Message(f"a change of spacing: {what}", (c.new or c.old)[0].source))
    return Comparison(old, new, tuple(changes), granularity, messages, tuple(settled))


def preload() -> None:
    """Import now what comparing may need later (the compiled block matcher): :func:`revcop.pipeline.read_pair`
    calls this while the other process still reads, so the comparison does not wait for the import."""
    _words.matcher()


def _part_pairs(old: Document, new: Document, messages: list[Message]):
    """Parts paired by kind, in NEW order; a part found in one document only is all inserted/deleted.

    A meeting document (it has a body) compared with a text that is not one: only the parts both
    have are compared (the background and other annexes of the meeting document are not amendments
    of the resolution), and a message says which parts were left out.
    """
    meeting_old = any(p.kind is PartKind.BODY for p in old.parts)
    meeting_new = any(p.kind is PartKind.BODY for p in new.parts)
    if meeting_old != meeting_new:
        common = {p.kind for p in old.parts} & {p.kind for p in new.parts}
        if common:
            for doc in (old, new):
                left = [p.kind.value for p in doc.parts if p.kind not in common]
                if left:
                    messages.append(Message(
                        f"only the parts both documents have are compared; left out: {', '.join(left)}",
                        doc.source, level="info"))
            old = replace(old, parts=tuple(p for p in old.parts if p.kind in common))
            new = replace(new, parts=tuple(p for p in new.parts if p.kind in common))
    unused = list(old.parts)
    out = []
    for part in new.parts:
        match = next((p for p in unused if p.kind is part.kind), None)
        if match is None and len(old.parts) == 1 == len(new.parts):
            match = unused[0] if unused else None
        if match is not None:
            unused.remove(match)
            out.append((part.kind.value, match.paragraphs, part.paragraphs))
        else:
            out.append((part.kind.value, (), part.paragraphs))
    for part in unused:
        out.append((part.kind.value, part.paragraphs, ()))
    return out


def _word_diffed(e: _align.Entry) -> bool:
    """Whether an entry's spans are a word diff (one old and one new paragraph, or a split or merge)."""
    return e.kind in ("amended", "split", "merged") or (e.kind == "moved" and bool(e.new))


#: Below this many characters of paragraphs to diff word by word, a second process costs more than it saves.
PARALLEL_DIFF_CHARS = 200_000


def _word_diffs(pairs: list[tuple[tuple[Span, ...], tuple[Span, ...]]], granularity: str,
                processes: int) -> list[tuple[Span, ...]]:
    """:func:`diff_spans` of each pair; with ``processes`` > 1 and enough text, the later pairs in a
    forked process (:mod:`revcop.forked`) while this one diffs the earlier. Whatever goes wrong there,
    the later pairs are diffed here, so the result is always that of diffing them in turn."""
    from revcop import forked

    if processes < 2 or len(pairs) < 2 or not forked.available():
        return _diff_all(pairs, granularity)
    sizes = [sum(len(s.text) for s in a) + sum(len(s.text) for s in b) for a, b in pairs]
    total = sum(sizes)
    if total < PARALLEL_DIFF_CHARS:
        return _diff_all(pairs, granularity)
    cut, done = 1, sizes[0]  # the later pairs, from where half the text is done, go to the other process
    while cut < len(pairs) - 1 and done * 2 < total:
        done += sizes[cut]
        cut += 1
    later = pairs[cut:]
    started = forked.start(_diff_all, later, granularity)
    earlier = _diff_all(pairs[:cut], granularity)
    sent = forked.received(*started)
    return earlier + (sent if sent is not None else _diff_all(later, granularity))


def _diff_all(pairs, granularity: str) -> list[tuple[Span, ...]]:
    return [diff_spans(a, b, granularity) for a, b in pairs]


def _change(e: _align.Entry, part: str, diff: tuple[Span, ...] | None) -> ParagraphChange:
    """The change of an aligned entry; ``diff``: its word diff, where it has one (:func:`_word_diffed`),
    else None (unchanged, inserted or deleted whole, the old place of a move)."""
    olds = tuple([i.paragraph for i in e.old])
    news = tuple([i.paragraph for i in e.new])
    if diff is not None:
        spans = diff
    elif e.kind == "unchanged":
        spans = news[0].spans
    elif e.kind == "inserted":
        spans = _mark(news[0].spans, Change.INSERTED)
    else:  # deleted, or the old place of a move
        spans = _mark(olds[0].spans, Change.DELETED)
    if e.move:
        spans = tuple(replace(s, move=e.move) for s in spans)
    depth = (e.new or e.old)[0].depth
    return ParagraphChange(
        e.kind, part, olds, news,
        e.old[0].name if e.old else None, e.new[0].name if e.new else None,
        tuple(spans), e.move, depth,
    )


def _join(items: list[_align.Item]) -> tuple[Span, ...]:
    """The spans of the items' paragraphs, joined by a space (the pieces of a split or merge)."""
    out: list[Span] = []
    for n, item in enumerate(items):
        if n:
            out.append(Span(" "))
        out.extend(item.paragraph.spans)
    return tuple(out)


def _mark(spans: tuple[Span, ...], change: Change) -> tuple[Span, ...]:
    return tuple(s.with_change(change) for s in spans if s.text or s.note is not None)


def diff_spans(old: tuple[Span, ...], new: tuple[Span, ...], granularity: str = "word") -> tuple[Span, ...]:
    """The word diff of two span lists as marked spans.

    A footnote reference is one unit of the diff. A note is the same note on both sides by its text,
    else by its mark; a kept reference whose note text changed stays unchanged and carries a note
    whose own spans are the diff of the two notes.
    """
    chars: dict[tuple[object, ...], str] = {}  # note identity -> placeholder character
    old_notes: dict[str, Span] = {}
    new_notes: dict[str, Span] = {}
    # Word renumbers reference marks by itself: a note is the same note by its text where that text
    # is found on both sides, else by its mark (then its text changed).
    texts = ({_note_text(s) for s in old if s.note is not None} & {_note_text(s) for s in new if s.note is not None})

    def flat(spans: tuple[Span, ...], notes: dict[str, Span]) -> str:
        out = []
        for s in spans:
            if s.note is not None:
                text = _note_text(s)
                key: tuple[object, ...] = ("text", text) if text in texts else ("mark", s.text)
                if chars.get(key) in notes:  # the same note twice in one paragraph
                    key += (len(chars),)
                ch = chars.get(key)
                if ch is None:
                    ch = chars[key] = chr(_NOTE_BASE + len(chars))
                notes[ch] = s
                out.append(ch)
            else:
                out.append(s.text)
        return "".join(out)

    a, b = flat(old, old_notes), flat(new, new_notes)
    pieces = _words.diff_words(a, b, granularity)
    if not old_notes and not new_notes:
        return tuple(Span(text, change) for change, text in pieces if text)
    # Each placeholder is cut out of the pieces (in C: a split on them) and becomes its note's span.
    split = re.compile("([" + "".join(sorted(old_notes.keys() | new_notes.keys())) + "])").split
    out: list[Span] = []
    for change, text in pieces:
        for k, part in enumerate(split(text)):
            if k % 2:
                out.append(_note_span(part, change, old_notes, new_notes, granularity))
            elif part:
                out.append(Span(part, change))
    return tuple(out)


def _note_text(span: Span) -> str:
    return " ".join(span.note.text.split()) if span.note is not None else ""


def _note_span(ch: str, change: Change, old_notes: dict, new_notes: dict, granularity: str) -> Span:
    if change is Change.DELETED:
        return old_notes[ch].with_change(change)
    if change is Change.INSERTED:
        return new_notes[ch].with_change(change)
    was, now = old_notes[ch], new_notes[ch]
    if was.note == now.note:
        return now
    spans = diff_spans(was.note.spans, now.note.spans, granularity)
    return replace(now, note=replace(now.note, spans=spans))


def count_marks(spans) -> int:
    """Marks in a run of spans: maximal runs of inserted or of deleted text (white space ignored)."""
    count = 0
    previous = Change.UNCHANGED
    for s in spans:
        if not s.text.strip() and s.note is None:
            if s.change is Change.UNCHANGED:
                continue
        if s.change is not Change.UNCHANGED and s.change is not previous:
            count += 1
        previous = s.change
    return count
