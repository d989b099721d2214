"""Amendment marks that were lost: the one rule that refuses a document announcing marks it does not
carry, and the places where a partly marked document reads as if some of its marks were lost.

A document says marks are to be expected by its legend (``NB: Proposed new text is underlined ...``,
``souligné`` / ``barré``, ``subrayado`` / ``tachado``) or by a ``PROPOSED AMENDMENTS TO`` heading;
``bis`` / ``ter`` paragraphs are named beside them (alone they are no proof: a text consolidated with
its bis labels kept has them). When such a document has no mark at all (underline and strike-through
lost by pasting from a PDF or saving as plain text), its "consolidated" text keeps deleted words beside
new ones (``ecological networks connectivity``, ``protectinged``): :func:`require` refuses it unless
the user says to take the text as it stands. Where some marks are there, :func:`glued` finds the seams
between marked and unmarked text that look like a substitution or an in-word change with one of its
two marks lost, and says where.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from revcop.errors import InputError
from revcop.model import Change, Document, Kind, Message, Paragraph

#: The command-line option that consolidates an unmarked document anyway.
OPTION = "--unmarked"

_LEGEND = re.compile(
    r"\b(?:underlined|struck\s*(?:-\s*)?through|strikethrough|crossed\s+out|"
    r"soulign[ée]e?s?|barr[ée]e?s?|subrayad[oa]s?|tachad[oa]s?)\b",
    re.IGNORECASE,
)
# the legend states a convention; a paragraph of the resolution merely using one of these words is
# not one (a legend is short and opens with NB/Note, or speaks of new/proposed/deleted text)
_LEGEND_CONTEXT = re.compile(
    r"^\s*(?:NB|N\.\s*B\.|Note|Nota)\b|\b(?:proposed|new\s+text|deleted|deletion|"
    r"nouveau|propos[ée]|supprim|nuevo|propuest|suprim|elimin)",
    re.IGNORECASE,
)
_HEADING = re.compile(r"^\s*PROPOSED\s+AMENDMENTS?\s+TO\b", re.IGNORECASE)


def _short(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def announced(doc: Document) -> list[str]:
    """What in ``doc`` says amendment marks are to be expected (legend, heading, bis paragraphs),
    each as a short phrase for a message; empty when nothing does."""
    legend = heading = bis = ""
    for p in doc.walk():
        text = p.text.strip()
        if not legend and (p.kind is Kind.LEGEND or (
                len(text) < 300 and _LEGEND.search(text) and _LEGEND_CONTEXT.search(text))):
            legend = f"the legend {_short(text)!r}"
        if not heading and _HEADING.match(text):
            heading = f"the heading {_short(text)!r}"
        if not bis:
            label = p.label or p.old_label
            if label is not None and label.suffix:
                bis = f"paragraph {label.render()!r}"
    return [x for x in (legend, heading, bis) if x]


def marked(doc: Document) -> bool:
    """Whether any text of ``doc`` (labels and footnotes included) carries an amendment mark."""
    for p in doc.walk():
        for s in (*p.label_spans, *p.spans):
            if s.change is not Change.UNCHANGED:
                return True
            if s.note is not None and any(n.change is not Change.UNCHANGED for n in s.note.spans):
                return True
    return False


def lost(doc: Document) -> str:
    """Why ``doc`` cannot be consolidated as it is (it announces marks and carries none), or ``""``.

    ``bis`` paragraphs alone do not make the case: a consolidated text that keeps them (ITU practice,
    ``revcop consolidate --keep-bis``) has them and no marks, rightly. Beside a legend or heading they
    are named as further evidence.
    """
    evidence = announced(doc)
    if not any(e.startswith(("the legend", "the heading")) for e in evidence) or marked(doc):
        return ""
    return (f"announces amendment marks ({', '.join(evidence)}) but carries none: underline, "
            "strike-through and tracked changes were lost (pasted from a PDF or saved as plain text?), "
            "so new and deleted text cannot be told apart")


def require(doc: Document, path: str = "") -> None:
    """Refuse (:class:`InputError`, exit 1) a document that announces marks and carries none.

    The one rule behind every command that consolidates or un-consolidates a document; callers skip
    it only when the user gave :data:`OPTION`.
    """
    problem = lost(doc)
    if problem:
        raise InputError(f"{problem}; give {OPTION} to take the text as it stands", path or doc.source)


# -- marks that look half lost ---------------------------------------------------------------------

# Inflectional endings: an unmarked word ending in one with a marked ending glued on (``protecting``
# + underlined ``ed``) is an in-word change whose struck ending lost its mark.
_STACKED = {"ing": ("ed", "d", "es"), "ed": ("ing", "s"), "ion": ("ed", "ing"), "ions": ("ed", "ing")}
# Words that join phrases: an insertion or deletion beginning with one attaches to its neighbours
# (``networks {++and corridors++}``) and is no substitution.
_FUNCTION = frozenset("""
a an the and or nor but of to in on at by for with from into onto upon as than that which who whom whose
this these those its their his her our your it they we he she is are was were be been being has have
had do does did not no all any each other such also including include includes inter alia per via
between among within without under over through about after before during against toward towards
""".split())
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class Glued:
    """A place where a mark looks lost: the paragraph, the character offset in its text (spans joined,
    label excluded), and what is wrong."""

    paragraph: Paragraph
    offset: int
    message: str


def _chars(p: Paragraph) -> tuple[str, list[Change]]:
    """The paragraph's text (footnote marks as one space: they separate words) and each character's mark."""
    text: list[str] = []
    changes: list[Change] = []
    for s in p.spans:
        if s.note is not None:
            text.append(" " * len(s.text))
            changes += [s.change] * len(s.text)
            continue
        text.append(s.text)
        changes += [s.change] * len(s.text)
    return "".join(text), changes


def _words(text: str, changes: list[Change]) -> list[tuple[int, int, str, set[Change]]]:
    return [(m.start(), m.end(), m.group().lower(), set(changes[m.start() : m.end()])) for m in _WORD.finditer(text)]


def _gap(text: str, changes: list[Change], start: int, end: int) -> set[Change] | None:
    """The marks of the white space between two words, or None when anything but white space is there."""
    piece = text[start:end]
    if not piece or piece.strip():
        return None
    return set(changes[start:end])


def _plain_bigrams(paragraphs: list[Paragraph]) -> Counter:
    """Pairs of neighbouring words, both unmarked and with unmarked white space between them."""
    counts: Counter = Counter()
    for p in paragraphs:
        text, changes = _chars(p)
        words = _words(text, changes)
        for (s1, e1, w1, c1), (s2, e2, w2, c2) in zip(words, words[1:]):
            if c1 == c2 == {Change.UNCHANGED} and _gap(text, changes, e1, s2) == {Change.UNCHANGED}:
                counts[w1, w2] += 1
    return counts


def _content(word: str) -> bool:
    return len(word) >= 3 and word not in _FUNCTION


def name(p: Paragraph) -> str:
    """The paragraph as a message names it: ``paragraph 11 bis``, ``preamble paragraph``, ``legend``."""
    label = p.old_label or p.label
    if label is not None and p.kind in (Kind.OPERATIVE, Kind.SUBPARAGRAPH, Kind.DECISION):
        return f"paragraph {label.render().rstrip('.')}"
    return "legend" if p.kind is Kind.LEGEND else f"{p.kind.value} paragraph"


def glued_places(doc: Document) -> list[Glued]:
    """Seams between marked and unmarked text that read like an amendment with one mark lost.

    Two patterns, each at a seam only (so a document without marks has none):

    * **glued**: inside one word, an unmarked inflected stem followed by a marked ending, with no
      mark of the other kind in the word (``protecting`` + underlined ``ed``: the struck ``ing`` lost
      its mark), or a struck ending followed by an unmarked one (``protect`` + struck ``ing`` + ``ed``);
    * **doubled**: two content words side by side, one marked and one not (``networks`` +
      underlined ``connectivity``), where the word before them is followed elsewhere in the document,
      in unmarked text, by each of the two (``ecological networks``, ``ecological connectivity``)
      but the two never follow each other there: one replaces the other, and its mark was lost.
    """
    if not marked(doc):
        return []
    paragraphs = [p for p in doc.walk()]
    pairs = _plain_bigrams(paragraphs)
    out: list[Glued] = []
    for p in paragraphs:
        if p.kind is Kind.LEGEND or all(s.change is Change.UNCHANGED for s in p.spans):
            continue
        text, changes = _chars(p)
        out += _glued_in_words(p, text, changes)
        out += _doubled(p, text, changes, pairs)
    return sorted(out, key=lambda g: (paragraphs.index(g.paragraph), g.offset))


def _glued_in_words(p: Paragraph, text: str, changes: list[Change]) -> list[Glued]:
    out: list[Glued] = []
    for m in _WORD.finditer(text):
        word, marks = m.group(), changes[m.start() : m.end()]
        kinds = set(marks)
        if len(kinds) != 2 or Change.UNCHANGED not in kinds:
            continue  # unmarked, wholly marked, or both marks (protect{--ing--}{++ed++}): fine
        # the last piece of one mark, and the word before it
        cut = len(word) - 1
        while cut > 0 and marks[cut - 1] is marks[-1]:
            cut -= 1
        left, right = word[:cut].lower(), word[cut:].lower()
        if not left or not any(left.endswith(end) and len(left) > len(end) + 2 and right in follows
                               for end, follows in _STACKED.items()):
            continue
        mark = "underlined" if Change.INSERTED in kinds else "struck"
        other = "struck" if mark == "underlined" else "underlined"
        out.append(Glued(p, m.start(), f"{word!r} looks glued: {mark} text meets unmarked text inside the "
                                       f"word ({word[:cut]!r} + {word[cut:]!r}) and nothing in it is {other} "
                                       "(a mark lost?)"))
    return out


def _doubled(p: Paragraph, text: str, changes: list[Change], pairs: Counter) -> list[Glued]:
    out: list[Glued] = []
    words = _words(text, changes)
    plain, ins, dele = {Change.UNCHANGED}, {Change.INSERTED}, {Change.DELETED}
    for i in range(1, len(words) - 1):
        before, x, y = words[i - 1], words[i], words[i + 1]
        (sp, ep, wp, cp), (sx, ex, wx, cx), (sy, ey, wy, cy) = before, x, y
        if cp != plain or wx == wy or not (_content(wx) and _content(wy)):
            continue
        g1, g2 = _gap(text, changes, ep, sx), _gap(text, changes, ex, sy)
        if g1 != plain or g2 is None:
            continue
        if (cx, cy) == (plain, ins) or (cx, cy) == (ins, plain):
            view_gap = Change.DELETED  # both read in the consolidated text
            marked_word, plain_word = (wy, wx) if cy == ins else (wx, wy)
            kind, lost_kind = "underlined", "struck"
        elif (cx, cy) == (dele, plain) or (cx, cy) == (plain, dele):
            view_gap = Change.INSERTED  # both read in the original text
            marked_word, plain_word = (wx, wy) if cx == dele else (wy, wx)
            kind, lost_kind = "struck", "underlined"
        else:
            continue
        if view_gap in g2:
            continue
        # the word before is followed, in unmarked text, by each of the two, never are the two neighbours
        if pairs[wp, wx] - (cx == plain) >= 1 and pairs[wp, wy] - (cy == plain) >= 1 and not pairs[wx, wy]:
            out.append(Glued(p, sx, f"{text[sx:ey]!r} looks doubled: {kind} {marked_word!r} stands beside "
                                    f"unmarked {plain_word!r}, and the text elsewhere has {wp!r} before each "
                                    f"of them; was {plain_word!r} meant to be {lost_kind}?"))
    return out


def glued(doc: Document) -> list[Message]:
    """:func:`glued_places` as warnings naming the paragraph (and the line it starts on)."""
    return [Message(g.message, ", ".join(x for x in (name(g.paragraph), g.paragraph.source) if x))
            for g in glued_places(doc)]
