"""Paragraph labels: the :class:`Label` value; parse ``11 bis.``, ``27.bis``, ``(iv)``, ``bbis)``, ``15.AA``;
order and render them.

A label keeps the shape it was written in (:attr:`Label.form`), so that a renumbered label is written
the way the document writes its labels (``27.bis`` becomes ``29.``, ``(a)`` stays in parentheses).
"""

from __future__ import annotations

import enum
import re
from dataclasses import replace

from revcop.patterns import compiled
from revcop.records import dataclass


class LabelKind(str, enum.Enum):
    NUMBER = "number"  # 1.  12.  11 bis.
    LETTER = "letter"  # a)  (b)  bbis)
    ROMAN = "roman"  # (i)  (iv)
    DECISION = "decision"  # 15.AA  14.195  (never renumbered)


@dataclass(frozen=True, slots=True)
class Label:
    """A paragraph label, parsed, with the way it was written so it can be written back the same way.

    ``form`` is the written shape with ``{n}`` for the number/letter/numeral and ``{x}`` for the latin
    suffix (``bis``, ``ter`` ...): ``11 bis.`` has form ``{n} {x}.``, ``27.bis`` has ``{n}.{x}``,
    ``(i)`` has ``({n})``. ``suffix`` is 0 for none, 1 for bis, 2 for ter, and so on.
    For decision labels ``value`` is 0 and ``text`` holds the number (``15.AA``).
    """

    kind: LabelKind
    value: int
    suffix: int = 0
    form: str = "{n}."
    upper: bool = False
    text: str = ""

    def render(self) -> str:
        return render(self)

    def __str__(self) -> str:
        return self.render()


#: Latin multiplicative suffixes for inserted paragraphs, in order (bis = 1).
SUFFIXES = (
    "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies",
    "undecies", "duodecies",
)
_SUFFIX_RE = "|".join(sorted(SUFFIXES, key=len, reverse=True))
_SEP = r"(?=[\s\u00a0]|$)"  # a label ends at white space or at the end of the paragraph
_GAP = r"[ \u00a0]"  # the one white space a label may hold: before its suffix ("11 bis.")

_NUMBER = compiled(
    rf"(?P<open>\(?)(?P<n>[0-9]{{1,3}})"  # ASCII digits: int() reads "٣" as 3, and the "٣" would be lost
    rf"(?:(?P<sep>\.?{_GAP}?)(?P<x>{_SUFFIX_RE}))?(?P<close>[.)]?){_SEP}",
    re.IGNORECASE,
)
_LETTER = compiled(
    rf"(?P<open>\(?)(?P<n>(?P<l>[a-z])(?P=l)?|[A-Z])(?:(?P<sep>{_GAP}?)(?P<x>{_SUFFIX_RE}))?"
    rf"(?P<close>[.)]){_SEP}",
)
_ROMAN = compiled(
    rf"(?P<open>\(?)(?P<n>[ivxlcdm]{{1,7}}|[IVXLCDM]{{1,7}})(?:(?P<sep>{_GAP}?)(?P<x>{_SUFFIX_RE}))?"
    rf"(?P<close>[.)]){_SEP}",
)
# A decision number, with the revision mark that belongs to it: "14.195", "15.AA", "17.55 (Rev. CoP19)".
_DECISION = compiled(
    rf"(?P<n>[0-9]{{1,2}}\.(?:[0-9]{{1,3}}|[A-Z]{{1,3}}))"
    rf"(?P<rev>[ \u00a0]*\((?:Rev|Rév)\.?[ \u00a0]*(?:CoP|COP|MOP)[ \u00a0]?\d{{1,2}}\))?{_SEP}"
)
_LEADING_SPACE = compiled(r"[\s\u00a0]*")

_ROMAN_VALUES = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)


#: The largest value written as letters or a roman numeral (larger ones run to thousands of characters).
MAX_LETTERS = 10_000


def to_roman(n: int) -> str:
    out = []
    for value, numeral in _ROMAN_VALUES:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def from_roman(s: str) -> int | None:
    """The value of a lower- or upper-case roman numeral, or None if it is not a canonical one."""
    s = s.lower()
    total, i = 0, 0
    for value, numeral in _ROMAN_VALUES:
        while s.startswith(numeral, i):
            total += value
            i += len(numeral)
    if i != len(s) or not s or to_roman(total) != s:
        return None
    return total


def to_letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa, 28 -> bb (the doubling used by legal drafting)."""
    letter = chr(ord("a") + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)


def from_letters(s: str) -> int:
    s = s.lower()
    return (ord(s[0]) - ord("a") + 1) + 26 * (len(s) - 1)


def _form(m: re.Match) -> str:
    form = m.group("open") + "{n}"
    if m.group("x"):
        form += m.group("sep") + "{x}"
    return form + m.group("close")


def _suffix(m: re.Match) -> int:
    x = m.group("x")
    if not x:
        return 0
    # the suffix as the pattern read it, in any case: re.IGNORECASE also reads "biſ" as "bis", which
    # x.lower() does not make it (the lookup by its lower case alone failed on it)
    return next(i for i, s in enumerate(SUFFIXES, 1) if re.fullmatch(s, x, re.IGNORECASE))


def match(text: str, *, decisions: bool = False) -> tuple[Label, int, int] | None:
    """Find a label at the start of ``text``.

    Returns the label, the offset where the label starts and where it ends (before the white space
    that separates it from the text), or None. A bare number without ``.`` or ``)`` is not a label.
    With ``decisions``, decision numbers (``15.AA``, ``14.195``) are recognised first.
    """
    start = _LEADING_SPACE.match(text).end()  # type: ignore[union-attr]  # "*" always matches
    if not decisions:
        # A label and the character after it lie within the first 21 characters: what is found in the
        # first 32 is what the whole text gives. Of those, only the words a label can span matter
        # (_REACH): "(a) the text" is asked as "(a)", and every "(a)" is answered once.
        reach = _REACH.match(text, start, start + 32).group()  # type: ignore[union-attr]  # "*" matches
        try:
            found = _FOUND[reach]
        except KeyError:
            found = _match(reach, 0, False) if _may_open_with_label(reach) else None
            if len(_FOUND) < 100_000:  # bounded: a document's distinct openings
                _FOUND[reach] = found
        return None if found is None else (found[0], start, start + found[2])
    return _match(text, start, decisions)


# What a label can span at the start of a text: its first word and, after a space that may stand before
# a suffix (_GAP), the next if it opens with a suffix (in any case, as _NUMBER reads one). A label holds
# no other white space and ends before white space, so the patterns find in these words what they find
# in the whole text: they stop where the words do, at white space (or at the end of the text). "(a) The
# text" is asked as "(a)", as "(a)\tThe text" is.
_REACH = compiled(rf"\S*(?:{_GAP}(?:{_SUFFIX_RE})\S*)?", re.IGNORECASE)
_FOUND: dict[str, tuple[Label, int, int] | None] = {}  # a text's _REACH -> match() of it


def forget_openings() -> None:
    """Drop what :func:`match` remembered: the openings of one document's paragraphs, which its
    structure asks about several times each (:func:`revcop.structure.build` calls this when done). A
    process that goes on need not hold them: the comparison after reading NEW (~4 MiB of a
    500k-word version's 17,000 openings), or the desk, document after document."""
    _FOUND.clear()


def _may_open_with_label(head: str) -> bool:
    """False only where no label of :func:`_match` (decisions aside) can open ``head``: one that does
    not start with a digit (after an opening bracket) ends with ``.`` or ``)`` within its first 20
    characters ("(" + 7 numerals + a space + "duodecies" + the close). Most paragraphs open with a
    word and no such mark, and are answered without trying the three patterns."""
    first = head[1:2] if head[:1] == "(" else head[:1]
    return first.isdigit() or "." in head[:20] or ")" in head[:20]


def _match(text: str, start: int, decisions: bool) -> tuple[Label, int, int] | None:
    if decisions:
        m = _DECISION.match(text, start)
        if m:
            return Label(LabelKind.DECISION, 0, form="{n}" + (m.group("rev") or ""), text=m.group("n")), start, m.end()
    m = _NUMBER.match(text, start)
    if m and (m.group("close") or m.group("x")) and not (m.group("open") and m.group("close") != ")"):
        return Label(LabelKind.NUMBER, int(m.group("n")), _suffix(m), _form(m)), start, m.end()
    for kind, regex in ((LabelKind.ROMAN, _ROMAN), (LabelKind.LETTER, _LETTER)):
        m = regex.match(text, start)
        if not m or (m.group("open") and m.group("close") != ")"):
            continue
        n = m.group("n")
        if kind is LabelKind.ROMAN:
            value = from_roman(n)
            if value is None:
                continue
        else:
            value = from_letters(n)
        # "A." or "I." opening a sentence is more often a heading than a label; accept only ")"/"()".
        if m.group("close") == "." and n.isupper() and not m.group("open"):
            continue
        return Label(kind, value, _suffix(m), _form(m), upper=n.isupper()), start, m.end()
    return None


def parse(text: str, *, decisions: bool = False) -> Label | None:
    """Parse a whole label (``"11 bis."``); None if ``text`` is not exactly one label."""
    found = match(text.strip(), decisions=decisions)
    if found and found[2] == len(text.strip()):
        return found[0]
    return None


def body(label: Label) -> str:
    """The number, letters or numeral of a label, without punctuation or suffix."""
    if label.kind is LabelKind.DECISION:
        return label.text
    if label.kind is LabelKind.NUMBER:
        s = str(label.value)
    elif label.kind is LabelKind.LETTER:
        s = to_letters(label.value)
    else:
        s = to_roman(label.value)
    return s.upper() if label.upper else s


def render(label: Label) -> str:
    if label.kind is LabelKind.DECISION:
        return label.form.replace("{n}", label.text) if "{n}" in label.form else label.text
    form = label.form
    if label.suffix:
        return form.replace("{n}", body(label)).replace("{x}", SUFFIXES[label.suffix - 1])
    return _plain_form(form).replace("{n}", body(label))


def _plain_form(form: str) -> str:
    for sep in (". {x}", ".\u00a0{x}", " {x}", "\u00a0{x}"):
        if sep in form:
            form = form.replace(sep, "." if sep.startswith(".") else "")
            break
    form = form.replace("{x}", "")
    # "{n}.{x}" without a closing mark reads "{n}." once the suffix is gone; keep that dot.
    return form


def name(label: Label) -> str:
    """A short canonical name for maps and messages: ``11 bis``, ``b``, ``iv``, ``15.AA``."""
    s = body(label)
    if label.suffix:
        s += " " + SUFFIXES[label.suffix - 1]
    return s


def order(label: Label) -> tuple[int, int]:
    return (label.value, label.suffix)


def numbered(label: Label, value: int) -> Label:
    """The same label with a new value and no suffix (what renumbering gives)."""
    if label.kind is LabelKind.DECISION:
        return label
    return replace(label, value=value, suffix=0, form=_plain_form(label.form))


def as_letter(label: Label) -> Label:
    """Read a roman-looking label (``(i)``, ``c)``) as a letter; only single letters qualify."""
    if label.kind is not LabelKind.ROMAN:
        return label
    value = _ONE_NUMERAL.get(label.value)
    if value is None:
        return label
    # the constructor, not dataclasses.replace (~3x the cost): structure reads "(c)", "(i)" and "(v)" so
    return Label(LabelKind.LETTER, value, label.suffix, label.form, label.upper, label.text)


#: The values written as one roman numeral (``i``, ``v``, ``x`` ...) -> that numeral's value as a letter
#: (``i`` is the ninth): what :func:`as_letter` reads, without writing each numeral out.
_ONE_NUMERAL = {value: from_letters(numeral) for value, numeral in _ROMAN_VALUES if len(numeral) == 1}


def same_series(a: Label, b: Label) -> bool:
    """Whether two labels belong to one list level: same kind, case and punctuation."""
    return a.kind == b.kind and a.upper == b.upper and (a.form == b.form or _plain_form(a.form) == _plain_form(b.form))


def with_suffix_after(previous: Label, n: int) -> Label:
    """The label of the n-th new paragraph after ``previous``: 11 -> 11 bis (n=1), 11 ter (n=2)."""
    form = previous.form
    if "{x}" not in form:
        close = form[form.index("{n}") + 3:]
        form = form[: form.index("{n}") + 3] + " {x}" + close
    return replace(previous, suffix=previous.suffix + n, form=form)
