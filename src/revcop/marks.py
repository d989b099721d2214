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

from revcop.errors import InputError
from revcop.model import Change, Document, Kind, Message, Paragraph
from revcop.patterns import compiled, on_first_use
from revcop.records import dataclass

#: The command-line option that consolidates an unmarked document anyway.
OPTION = "--unmarked"

_LEGEND = compiled(
    r"\b(?:underlined|struck\s*(?:-\s*)?through|strikethrough|crossed\s+out|"
    r"soulign[ée]e?s?|barr[ée]e?s?|subrayad[oa]s?|tachad[oa]s?)\b",
    re.IGNORECASE,
)
# the legend states a convention; a paragraph of the resolution merely using one of these words is
# not one (a legend is short and opens with NB/Note, or speaks of new/proposed/deleted text)
_LEGEND_CONTEXT = on_first_use(
    r"^\s*(?:NB|N\.\s*B\.|Note|Nota)\b|\b(?:proposed|new\s+text|deleted|deletion|"
    r"nouveau|propos[ée]|supprim|nuevo|propuest|suprim|elimin)",
    re.IGNORECASE,
)
_HEADING = compiled(r"^\s*PROPOSED\s+AMENDMENTS?\s+TO\b", re.IGNORECASE)
#: What every match of :data:`_LEGEND` begins with, lower case: a text holding none of them (folded
#: as :func:`may_be_legend` folds it) is no legend, known without the slower case-insensitive search.
_LEGEND_STEMS = ("underlined", "struck", "strikethrough", "crossed", "soulign", "barr", "subrayad", "tachad")
#: The letters ``re.IGNORECASE`` takes for ``i`` or ``s`` that ``str.lower`` does not turn into them
#: (it turns ``İ`` into two characters, and leaves ``ı`` and ``ſ`` as they are).
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def may_be_legend(text: str) -> bool:
    """False only where no legend's wording can be in ``text`` (neither :data:`_LEGEND` here nor the
    structure's legend pattern matches): none of :data:`_LEGEND_STEMS` is in it."""
    folded = text.translate(_FOLD).lower() if not text.isascii() else text.lower()
    return any(stem in folded for stem in _LEGEND_STEMS)


def _short(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def announced(doc: Document) -> list[str]:
    """What in ``doc`` says amendment marks are to be expected (legend, heading, bis paragraphs),
    each as a short phrase for a message; empty when nothing does."""
    heading = bis = ""
    named: str | None = None  # the text of the first paragraph of kind LEGEND
    short: list[str] = []  # the shorter paragraphs before it, in order: each may state the legend
    for p in doc.walk():
        text = p.text.strip()
        if named is None:
            if p.kind is Kind.LEGEND:
                named = text
            elif len(text) < 300:
                short.append(text)
        if not heading and _HEADING.match(text):
            heading = f"the heading {_short(text)!r}"
        if not bis:
            label = p.label or p.old_label
            if label is not None and label.suffix:
                bis = f"paragraph {label.render()!r}"
    # The first that states a legend, else the paragraph of kind LEGEND. The stems are looked for in all
    # the short paragraphs at once first (no stem holds a NUL, so none can span two of them): most
    # documents have none of them, and no paragraph is then searched one by one.
    stated = next((t for t in short if may_be_legend(t) and _LEGEND.search(t) and _LEGEND_CONTEXT.search(t)),
                  None) if short and may_be_legend("\x00".join(short)) else None
    if stated is None:
        stated = named
    legend = f"the legend {_short(stated)!r}" if stated is not None else ""
    return [x for x in (legend, heading, bis) if x]


def marked(doc: Document) -> bool:
    """Whether any text of ``doc`` (labels and footnotes included) carries an amendment mark."""
    for p in doc.walk():  # every paragraph of an unmarked version: asked of both versions of a comparison
        for spans in (p.label_spans, p.spans):
            for s in spans:
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
_WORD = compiled(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class Glued:
    """A place where a mark looks lost: the paragraph, the character offset in its text (spans joined,
    label excluded), and what is wrong."""

    paragraph: Paragraph
    offset: int
    message: str


_CODE = {Change.UNCHANGED: "u", Change.INSERTED: "i", Change.DELETED: "d"}


class _Marked:
    """A paragraph's text (a footnote mark as NULs: it separates words) and, character by character,
    its mark as a letter: ``u`` unmarked, ``i`` underlined (inserted), ``d`` struck (deleted)."""

    __slots__ = ("text", "codes")

    def __init__(self, p: Paragraph) -> None:
        self.text = "".join("\x00" * len(s.text) if s.note is not None else s.text for s in p.spans)
        self.codes = "".join(_CODE[s.change] * len(s.text) for s in p.spans)

    def marks(self, start: int, end: int) -> str:
        """The marks of the characters from ``start`` to ``end``: one letter, or the letters of
        the marks found, in alphabetical order (``iu``: part underlined, part not)."""
        codes = self.codes[start:end]
        first = codes[:1]
        if codes.count(first) == len(codes):
            return first
        return "".join(sorted(set(codes)))

    def words(self) -> list[tuple[int, int]]:
        """Where each word starts and ends (most are never looked at more closely)."""
        return [m.span() for m in _WORD.finditer(self.text)]

    def word(self, span: tuple[int, int]) -> tuple[int, int, str, str]:
        """(start, end, the word in lower case, its marks)."""
        start, end = span
        return start, end, self.text[start:end].lower(), self.marks(start, end)

    def gap(self, start: int, end: int) -> str | None:
        """The marks of the white space between two words; None when anything but white space is there."""
        piece = self.text[start:end]
        if not piece or not piece.isspace():
            return None
        return self.marks(start, end)


_PLAIN = "u"


def _plain_text(paragraphs: list[Paragraph]) -> str:
    """The document's unmarked text, lower-cased: marked text and footnote marks become NULs (so no
    pair of words spans them), paragraphs are kept apart."""
    return "\x00\n".join(
        "".join(sp.text if sp.change is Change.UNCHANGED and sp.note is None else "\x00" * len(sp.text)
                for sp in p.spans)
        for p in paragraphs).lower()


def _pair_counts(text: str, pairs: set[tuple[str, str]]) -> Counter:
    """How often each of ``pairs`` of words stands in ``text`` side by side, white space between.

    A document has a handful of candidate seams: one search (in C) per first word, whose pattern
    opens with the word itself so that the search skips ahead to it; only the hits are looked at in
    Python (counting every pair of words of a long document there costs about as much as reading it).
    """
    following: dict[str, set[str]] = {}
    for a, b in pairs:
        following.setdefault(a, set()).add(b)
    counts: Counter = Counter()
    for a, wanted in following.items():
        seconds = "|".join(re.escape(b) for b in sorted(wanted, key=len, reverse=True))
        for m in re.finditer(rf"{re.escape(a)}\s+({seconds})(?![^\W_]|['’-])", text):
            if not (m.start() and _WORD_CHAR.match(text, m.start() - 1)):
                counts[a, m.group(1)] += 1
    return counts


_WORD_CHAR = on_first_use(r"[^\W_]|['’-]")


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
    * **doubled**: a substitution written as usual (struck word, then underlined word) with one of its
      two marks lost: an unmarked word followed by one underlined word (``networks`` + underlined
      ``connectivity``), or one struck word followed by an unmarked word, where the content word
      before them is followed elsewhere in the document, in unmarked text, by each of the two
      (``ecological networks``, ``ecological connectivity``) but the two never follow each other
      there.
    """
    if not marked(doc):
        return []
    paragraphs = list(doc.walk())
    out: list[Glued] = []
    candidates: list[tuple[Paragraph, int, tuple, tuple, tuple, str]] = []
    for p in paragraphs:
        if p.kind is Kind.LEGEND or all(s.change is Change.UNCHANGED for s in p.spans):
            continue
        text = _Marked(p)
        words = text.words()
        out += _glued_in_words(p, text, words)
        candidates += _seams(p, text, words)
    if candidates:
        wanted = {pair for _, _, before, x, y, _ in candidates
                  for pair in ((before[2], x[2]), (before[2], y[2]), (x[2], y[2]))}
        pairs = _pair_counts(_plain_text(paragraphs), wanted)
        for p, offset, before, x, y, message in candidates:
            wp, wx, wy = before[2], x[2], y[2]
            if pairs[wp, wx] - (x[3] == _PLAIN) >= 1 and pairs[wp, wy] - (y[3] == _PLAIN) >= 1 \
                    and not pairs[wx, wy]:
                out.append(Glued(p, offset, message.format(wp=wp)))
    if not out:
        return out
    order = {id(p): i for i, p in enumerate(paragraphs)}
    return sorted(out, key=lambda g: (order[id(g.paragraph)], g.offset))


def _glued_in_words(p: Paragraph, marked_text: _Marked, words: list) -> list[Glued]:
    out: list[Glued] = []
    codes_of = marked_text.codes
    for start, end in words:
        if codes_of.count(codes_of[start], start, end) == end - start:
            continue  # one mark (or none) over the whole word
        kinds = marked_text.marks(start, end)
        if kinds not in ("du", "iu"):
            continue  # unmarked, wholly marked, or both marks (protect{--ing--}{++ed++}): fine
        word = marked_text.text[start:end]
        # the last piece of one mark, and the word before it
        codes = marked_text.codes[start:end]
        cut = len(codes.rstrip(codes[-1]))
        left, right = word[:cut].lower(), word[cut:].lower()
        if not left or not any(left.endswith(end) and len(left) > len(end) + 2 and right in follows
                               for end, follows in _STACKED.items()):
            continue
        mark = "underlined" if kinds == "iu" else "struck"
        other = "struck" if mark == "underlined" else "underlined"
        out.append(Glued(p, start, f"{word!r} looks glued: {mark} text meets unmarked text inside the "
                                       f"word ({word[:cut]!r} + {word[cut:]!r}) and nothing in it is {other} "
                                       "(a mark lost?)"))
    return out


def _seams(p: Paragraph, marked_text: _Marked, words: list) -> list[tuple]:
    """Candidate doubled words: (paragraph, offset, word before, first word, second word, message)."""
    out = []
    codes = marked_text.codes
    full: dict[int, tuple[int, int, str, str]] = {}

    def word(k: int) -> tuple[int, int, str, str]:
        if k not in full:
            full[k] = marked_text.word(words[k])
        return full[k]

    for i in range(1, len(words) - 1):
        if codes[words[i][0]] + codes[words[i + 1][0]] not in ("ui", "du") or codes[words[i - 1][0]] != "u":
            continue  # (most words: no mark begins or ends here)
        before, x, y = word(i - 1), word(i), word(i + 1)
        seam = (x[3], y[3])
        if seam not in (("u", "i"), ("d", "u")) or before[3] != _PLAIN or x[2] == y[2] \
                or not (_content(before[2]) and _content(x[2]) and _content(y[2])):
            continue
        if marked_text.gap(before[1], x[0]) != _PLAIN:
            continue
        gap = marked_text.gap(x[1], y[0])
        if gap is None:
            continue
        if seam == ("u", "i") and "d" not in gap:
            lone = i + 2 >= len(words) or word(i + 2)[3] != "i"  # one underlined word
            kind, marked_word, plain_word, lost_kind = "underlined", y[2], x[2], "struck"
        elif seam == ("d", "u") and "i" not in gap:
            lone = True  # the words on both sides are unmarked: one struck word
            kind, marked_word, plain_word, lost_kind = "struck", x[2], y[2], "underlined"
        else:
            continue
        if not lone:
            continue
        pair = marked_text.text[x[0]:y[1]]
        out.append((p, x[0], before, x, y,
                    f"{pair!r} looks doubled: {kind} {marked_word!r} stands beside unmarked {plain_word!r}, "
                    f"and the text elsewhere has {{wp!r}} before each of them; was {plain_word!r} meant to be "
                    f"{lost_kind}?"))
    return out


def glued(doc: Document) -> list[Message]:
    """:func:`glued_places` as warnings naming the paragraph (and the line it starts on)."""
    return [Message(g.message, ", ".join(x for x in (name(g.paragraph), g.paragraph.source) if x))
            for g in glued_places(doc)]
