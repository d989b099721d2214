"""House-style facts shared by the publishing writers (docx, html): the masthead, the symbol for the
running header, and the leading words of preambular and operative paragraphs that are set in italics.

Nothing here knows a file format; the writers decide how italics or a masthead look.
"""

from __future__ import annotations

import re

from revcop import conventions
from revcop.model import Document, Kind, Paragraph, Part, PartKind, Span, Status
from revcop.patterns import compiled

# The masthead lines and symbol prefix of each body are in its convention profile ([house], conventions/*.toml).

# A designation line of the title block: "Resolution 14.16 (Rev.COP15)", "Decision 14.195".
_DESIGNATION = compiled(r"^\s*(Resolution|Decision|Résolution|Resolución|Décision|Decisión)\s+(Conf\.\s*)?\d",
                          re.IGNORECASE)

# Adverbs that may open the leading words: "Also recalling", "Deeply concerned", "Further encourages".
_ADVERBS = {
    "also", "further", "furthermore", "deeply", "gravely", "seriously", "strongly", "particularly", "again",
    "once", "firmly", "greatly", "fully", "moreover", "especially",
}
# Words that continue a leading phrase: "Bearing in mind", "Calls on", "Takes note also",
# "Noting with concern", "Recognizing in particular".
_CONTINUATIONS = (
    "in mind", "into account", "into consideration", "in particular", "with concern", "with appreciation",
    "with satisfaction", "with interest", "with regret", "note also", "note with appreciation",
    "note with concern", "note", "on", "upon", "also", "again", "further also", "further",
)
_CONTINUATIONS = tuple(sorted(_CONTINUATIONS, key=len, reverse=True))  # type: ignore[assignment]  # the longest phrase wins
_AFTER_WORD = tuple(" " + phrase for phrase in _CONTINUATIONS)
# Kinds compared with per paragraph, bound once: a member looked up on its class goes through
# EnumType.__getattr__ on Python 3.11, ten times a module name's cost.
_MASTHEAD, _LEGEND = Kind.MASTHEAD, Kind.LEGEND
_LED = (Kind.PREAMBLE, Kind.OPERATIVE)  # the kinds that open with leading words
_WORD = compiled(r"[A-Za-zÀ-ÿ’'-]+")


def is_designation(text: str) -> bool:
    return bool(_DESIGNATION.match(text))


def designation(doc: Document) -> str:
    """``Resolution 14.16 (Rev.COP15)`` as the document's metadata gives it, or ``""``."""
    meta = doc.meta
    if not meta.instrument:
        return ""
    if not meta.revision:
        return meta.instrument
    mark, _ = conventions.revision_mark(meta.convention, meta.revision, conventions.language(doc))
    return f"{meta.instrument} {mark}" if mark else meta.instrument


def masthead(doc: Document, part: Part) -> list[str]:
    """The masthead lines to print above ``part``.

    The part's own MASTHEAD paragraphs when it has them; for a CMS resolution without one that is
    a published text (no amendment marks, no legend: a consolidated or original view), the CMS
    masthead made from the metadata (convention, ``Distribution: General``, symbol,
    ``Original: English``); otherwise none (an amendment annex belongs to its meeting document).
    """
    own = [p.text.strip() for p in part.paragraphs if p.kind is _MASTHEAD]
    if own:
        return own
    profile = conventions.of(doc.meta.convention)
    lines = profile.get("house", "masthead", default=[]) if profile is not None else []
    if part.kind is not PartKind.RESOLUTION or not lines:
        return []
    if any(p.kind is _LEGEND or p.status is not Status.UNCHANGED for p in part.walk()):
        return []
    name = designation(doc)
    if not name.lower().startswith("resolution"):
        return []
    symbol = (profile.get("house", "symbol_prefix", default="") if profile is not None else "") + name
    return [line.replace("{symbol}", symbol) for line in lines]


def with_masthead(doc: Document, part: Part) -> tuple[Paragraph, ...]:
    """The part's paragraphs, with the house masthead put first when the part has none of its own."""
    if any(p.kind is _MASTHEAD for p in part.paragraphs):
        return part.paragraphs
    made = tuple(Paragraph(Kind.MASTHEAD, (Span(line),), source="revcop") for line in masthead(doc, part))
    return made + part.paragraphs


def running_symbol(doc: Document, parts: list[Part]) -> str:
    """The symbol for the running header: the masthead's symbol line, else the designation, else the
    document symbol."""
    for part in parts:
        for line in masthead(doc, part):
            if "/" in line and not line.lower().startswith(("distribution", "original")):
                return line
    return designation(doc) if any(p.kind is PartKind.RESOLUTION for p in parts) else doc.meta.symbol or designation(doc)


def leading_length(p: Paragraph) -> int:
    """How many characters at the start of ``p.spans`` are the leading words set in italics.

    Preambular paragraphs open with a participle or adjective (``Recalling``, ``Also recalling``,
    ``Bearing in mind``, ``Deeply concerned``), operative paragraphs with a verb (``Urges``,
    ``Further encourages``, ``Calls on``). Opening square brackets or quotes are not italic; 0 means none.
    """
    if p.kind not in _LED:
        return 0
    text = "".join(s.text for s in p.spans if s.note is None)
    head = text[:40]  # what is stripped and looked at lies at the start: the rest is not copied
    start = len(head) - len(head.lstrip(" [“\"‘'\t"))
    if start == len(head):
        start = len(text) - len(text.lstrip(" [“\"‘'\t"))
    words = _WORD.finditer(text, start)  # lazily: only the first few words are looked at
    word = next(words, None)
    if word is None or word.start() != start or not word.group()[0].isupper():
        return 0
    for following in words:
        if word.group().lower() not in _ADVERBS or not _gap(text, word, following):
            break
        word = following
    end = word.end()
    rest = text[end:end + 40]  # longer than any continuation with the character after it
    if not rest.startswith(_AFTER_WORD):  # most paragraphs: no phrase follows, as the loop finds one by one
        return end
    for phrase in _AFTER_WORD:
        if rest.startswith(phrase) and not rest[len(phrase):len(phrase) + 1].isalpha():
            return end + len(phrase)
    return end


def _gap(text: str, a: re.Match, b: re.Match) -> bool:
    """Two words follow each other with only a space between them."""
    return text[a.end():b.start()] == " "


def split_at(spans: tuple[Span, ...], n: int) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """Split spans after ``n`` characters of text, keeping each piece's change and move."""
    if n <= 0:  # most paragraphs: every span after the split, as the loop below puts them
        return (), spans
    head: list[Span] = []
    tail: list[Span] = []
    for span in spans:
        if n <= 0 or span.note is not None:
            (tail if n <= 0 else head).append(span)
            continue
        if len(span.text) <= n:
            head.append(span)
            n -= len(span.text)
        else:
            head.append(span.with_text(span.text[:n]))
            tail.append(span.with_text(span.text[n:]))
            n = 0
    return tuple(head), tuple(tail)


def walk(paragraphs: tuple[Paragraph, ...], depth: int = 0):
    """Each paragraph with its nesting depth (0 for a top-level paragraph), in reading order."""
    for p in paragraphs:
        yield p, depth
        if p.children:  # (a generator made for every paragraph cost more than the walk's own work)
            yield from walk(p.children, depth + 1)
