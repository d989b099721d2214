"""``check``: editorial findings on a resolution, before it goes to the meeting or to the web.

An amendment document is checked in its consolidated view (the text that will be adopted, in the
consolidated numbering) plus two checks on its source (the numbering as the amendment document writes
it, and amendment marks inside labels). A document without amendments is checked as it is. The
resolution, the draft decisions, or the whole text when no resolution is recognised, are checked; the
body of a meeting document and its other annexes are not adopted text and are left alone.

:func:`check` returns :class:`Finding` objects; :func:`run` also returns the reader's and the
consolidation's warnings. Every code is listed in :data:`CODES` (and in docs/checks.md).
"""

from __future__ import annotations

import re
from typing import Iterator

from revcop import conventions, labels, references
from revcop.model import (
    Change,
    Document,
    Kind,
    Label,
    LabelKind,
    Message,
    Paragraph,
    Part,
    PartKind,
    Result,
    Span,
    status_of,
)
from revcop.patterns import compiled
from revcop.records import dataclass

#: Every finding code, with what it means.
CODES = {
    "doubled-word": "the same word twice in a row (to to)",
    "double-space": "two or more spaces in a row",
    "space-before-punctuation": "a space before , ; : . ! ? ) or ]",
    "unbalanced-bracket": "a parenthesis, square bracket or quotation mark that is not closed or not opened",
    "square-brackets": "square brackets (text not yet agreed) left in the text",
    "preamble-punctuation": "a preambular paragraph that does not end with the document's , (or ; in COP11 style)",
    "operative-punctuation": "an operative paragraph (or its last sub-paragraph) not ending with ; (the last with .)",
    "subparagraph-punctuation": "a sub-paragraph, other than the last of its list, not ending with , or ; (optionally and/or)",
    "numbering-gap": "a label skips a number, or a list does not start at 1 (a), (i)",
    "numbering-duplicate": "two paragraphs of one list with the same label",
    "numbering-order": "a label lower than the one before it",
    "mark-in-label": "an amendment mark inside a paragraph label",
    "reference-missing": "a cross-reference to a paragraph that does not exist",
    "reference-deleted": "a cross-reference to a paragraph the amendments delete",
    "reference-ambiguous": "a cross-reference revcop cannot resolve to one paragraph",
    "reference-range": "a range of paragraphs that now covers an inserted paragraph or lost a deleted one",
    "marks-missing": "the document announces amendment marks (a legend, a PROPOSED AMENDMENTS TO heading) but carries none",
    "mark-lost": "words glued or doubled where a mark meets unmarked text, as if one of two marks was lost (protectinged)",
}

_CHECKED = (PartKind.RESOLUTION, PartKind.DECISIONS, PartKind.TEXT)
_NOTE_MASK = "\ufffc"  # stands in for a footnote mark so that offsets stay those of Paragraph.text


@dataclass(frozen=True)
class Finding:
    """One thing to look at.

    ``part``: ``resolution``, ``decisions`` or ``text``. ``where``: a readable place
    (``paragraph 26 (25 in the amendments)``, ``paragraph 15 (b)``, ``preamble paragraph 3``,
    ``title``), ``label`` the paragraph's label in the consolidated numbering as a map name (``15 b``;
    empty for an unnumbered paragraph), ``source_label`` its label in the amendment document when it
    differs (``11 bis``), ``line`` where the paragraph starts in the input (``line 345``). ``offset``
    is the character offset in the paragraph's text: its spans' texts joined as in the JSON model
    (label excluded; a footnote mark counts as its marker's length), or in the footnote's text when
    ``note`` is set; None for findings about a whole label.
    ``view``: ``consolidated`` (the text that will be adopted), ``source`` (the amendment document as
    written) or ``document`` (a document without amendments).
    """

    code: str
    message: str
    part: str
    where: str
    label: str = ""
    source_label: str = ""
    line: str = ""
    offset: int | None = None
    excerpt: str = ""
    view: str = "document"
    note: str = ""

    def __str__(self) -> str:
        place = ", ".join(x for x in (
            f"{self.part} {self.where}", self.line, f"footnote {self.note}" if self.note else "",
            f"offset {self.offset}" if self.offset is not None else "",
        ) if x)
        excerpt = f": {self.excerpt}" if self.excerpt else ""
        return f"{place}: {self.code}: {self.message}{excerpt}"


def check(doc: Document) -> list[Finding]:
    """Every finding on ``doc``, in document order."""
    return run(doc).value


def run(doc: Document) -> Result:
    """Findings (Result.value) and the warnings met while making the consolidated view.

    Consolidation messages that a finding already reports (cross-references, square brackets) or that
    concern only the written output (the title) are left out.
    """
    from revcop import consolidation as consolidate
    from revcop.marks import marked

    messages: list[Message] = []
    if marked(doc):
        result = consolidate.consolidate(doc)
        messages = [m for m in result.messages if m.level != "info" and not superseded(m)]
        viewed: Document = result.value
        findings = _view_findings(viewed, "consolidated", doc)
        findings += _source_findings(doc, viewed)
        findings += _reference_findings(viewed, viewed.references, "consolidated")
    else:
        findings = _view_findings(doc, "document", doc)
        findings += _numbering(doc, doc, "document")
        for part in doc.parts:
            if part.kind is PartKind.RESOLUTION:
                _, records, _ = references.rewrite(part, references.identity_map(part))
                findings += _reference_findings(doc, records, "document")
    findings += _lost_marks(doc, messages)
    order = {kind: i for i, kind in enumerate(p.kind for p in doc.parts)}
    findings.sort(key=lambda f: (order.get(PartKind(f.part), 0), _line_number(f.line), f.offset or 0))
    return Result(findings, messages)


def superseded(m: Message) -> bool:
    """Whether a consolidation message says what a finding of :func:`run` reports, or concerns only
    the written output (the title): reports and checks leave it out, so nothing is said twice."""
    return (": cross-reference " in m.text or m.text.startswith("square brackets left")
            or m.text.startswith(("the meeting is not known", "no instrument number found")))


def _line_number(line: str) -> int:
    digits = re.search(r"\d+", line or "")
    return int(digits.group()) if digits else 0


# -- places -----------------------------------------------------------------------------------------


@dataclass
class _Place:
    """A paragraph of the checked view, where messages name it and its path of labels."""

    part: Part
    paragraph: Paragraph
    where: str
    label: str  # map name in the checked view's numbering
    source_label: str
    path: tuple[str, ...]


def _where(path: tuple[str, ...], kind: PartKind) -> str:
    if not path:
        return ""
    head, *subs = path
    word = "decision" if "." in head else "paragraph"  # decisions are numbered 15.AA, 14.195
    return f"{word} {head}" + "".join(f" ({s})" for s in subs)


def _numbered(p: Paragraph) -> bool:
    return p.label is not None and p.kind in (Kind.OPERATIVE, Kind.SUBPARAGRAPH, Kind.DECISION)


def _places(doc: Document, inverse: dict[str, str]) -> Iterator[_Place]:
    """Every paragraph of the checked parts with a readable place, in document order."""
    for part in doc.parts:
        if part.kind not in _CHECKED:
            continue
        preamble = 0

        def walk(ps: tuple[Paragraph, ...], path: tuple[str, ...]):
            nonlocal preamble
            for p in ps:
                own = (*path, labels.name(p.label)) if p.label is not None and _numbered(p) else path
                label = " ".join(own)
                source_label = inverse.get(label, label) if own != path else ""
                if own != path:
                    where = _where(own, part.kind)
                    if source_label and source_label != label:
                        where += f" ({references.display(source_label)} in the amendments)"
                elif p.kind is Kind.PREAMBLE:
                    preamble += 1
                    where = f"preamble paragraph {preamble}"
                elif path:
                    where = _where(path, part.kind) + " (continued)"
                else:
                    where = p.kind.value if p.kind is not Kind.ENACTING else "enacting formula"
                yield _Place(part, p, where, label if own else "", source_label if source_label != label else "", own)
                yield from walk(p.children, own)

        yield from walk(part.paragraphs, ())


def _finding(code: str, message: str, place: _Place, view: str, offset: int | None = None,
             text: str = "", note: str = "") -> Finding:
    return Finding(
        code, message, place.part.kind.value, place.where, place.label, place.source_label,
        place.paragraph.source, offset, _excerpt(text, offset) if text and offset is not None else "", view, note,
    )


def _excerpt(text: str, offset: int, width: int = 30) -> str:
    start = max(0, offset - width)
    end = min(len(text), offset + width)
    piece = text[start:end].replace(_NOTE_MASK, "").replace("\n", " ")
    return ("…" if start else "") + piece + ("…" if end < len(text) else "")


def _masked(spans: tuple[Span, ...]) -> str:
    """The spans' texts joined (as in the JSON model), each footnote mark masked out: offsets into
    this string are the offsets findings report."""
    return "".join(_NOTE_MASK * len(s.text) if s.note is not None else s.text for s in spans)


# -- text checks ------------------------------------------------------------------------------------

_DOUBLED = compiled(r"(?<!\w)(?P<w>\w+)[ \u00a0]+(?P=w)(?!\w)", re.IGNORECASE)
_DOUBLE_SPACE = compiled(r"(?<=\S)[ \u00a0]{2,}(?=\S)")
_SPACE_PUNCT = compiled(r"(?<=\S)[ \t]+(?=[,;:.!?)\]])(?!\.\.\.)")
_SQUARE = compiled(r"\[[^\[\]]*\]?")
_ENUMERATOR = compiled(r"(?:^|(?<=[\s:;,]))(?:\d{1,2}|[a-z]{1,2}|[ivx]{1,5})\)$")


# Words that are never a genus or an epithet: "The the", "De de" stay doubled words.
_FUNCTION_WORDS = frozenset(
    "a an and as at be by for from in is it of on or that the this to with de des du et la le les que un une "
    "el los las del y en por para una".split()
)
_GENUS_BEFORE = compiled(r"(?:^|[^\w])[A-Z][a-z]+[ \u00a0]+$")


def _species_name(text: str, m: re.Match) -> bool:
    """``Uncia uncia``, ``Limosa limosa`` (genus and species of one word), ``Anser albifrons albifrons``
    (a subspecies repeating its species): a scientific name, not a doubled word."""
    first, second = m.group().split()[0], m.group().split()[-1]
    if first.lower() in _FUNCTION_WORDS or not first.isalpha() or len(first) < 3:
        return False
    if first[0].isupper() and first[1:].islower() and second.islower():
        return True  # Genus species
    return first.islower() and second.islower() and bool(_GENUS_BEFORE.search(text, 0, m.start()))


def _text_findings(text: str, place: _Place, view: str, note: str = "", french: bool = False) -> list[Finding]:
    out: list[Finding] = []
    for m in _DOUBLED.finditer(text):
        if _species_name(text, m):
            continue
        out.append(_finding("doubled-word", f"doubled word {m.group()!r}", place, view, m.start(), text, note))
    for m in _DOUBLE_SPACE.finditer(text):
        out.append(_finding("double-space", f"{len(m.group())} spaces in a row", place, view, m.start(), text, note))
    for m in _SPACE_PUNCT.finditer(text):
        punct = text[m.end()]
        if french and punct in ";:!?":
            continue  # French typography: a space (a no-break space that a web copy made ordinary) before ; : ! ?
        out.append(_finding("space-before-punctuation", f"space before {punct!r}", place, view, m.start(), text, note))
    for offset, message in _unbalanced(text):
        out.append(_finding("unbalanced-bracket", message, place, view, offset, text, note))
    if place.paragraph.kind not in _FURNITURE:
        for m in _SQUARE.finditer(text):
            if _quoted(text, m.start()):
                continue  # an editor's insertion in a quotation ("... sur la Liste [des zones humides ...]")
            out.append(_finding("square-brackets", f"square brackets: {m.group()[:60]!r}", place, view, m.start(), text,
                                note))
    return out


# The title block: brackets there are not text under negotiation.
_FURNITURE = (Kind.MASTHEAD, Kind.TITLE, Kind.HEADING, Kind.ADOPTION, Kind.LEGEND)


def _quoted(text: str, at: int) -> bool:
    """Whether offset ``at`` lies inside a quotation ("...", “...”, « ... »)."""
    before = text[:at]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”") or before.count("«") > before.count("»")


_PAIRS = {"(": ")", "[": "]", "“": "”", "‘": "’"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}


def _unbalanced(text: str) -> list[tuple[int, str]]:
    """Offsets of brackets and quotation marks without their partner.

    ’ between two letters is an apostrophe (``World’s``), and a ’ with no ‘ open is taken as one
    (``Parties’``). Straight double quotes are counted: an odd one out is reported. A ``)`` closing an
    inline enumerator (``1)``, ``b)``) with no ``(`` open is not a bracket.
    """
    out: list[tuple[int, str]] = []
    stack: list[tuple[str, int]] = []
    straight: list[int] = []
    for i, ch in enumerate(text):
        if ch == "“" and stack and stack[-1][0] == "“" and not text[i + 1 : i + 2].isalnum():
            # “ typed where ” was meant: it closes the open quotation
            stack.pop()
            out.append((i, "'“' closes a quotation; expected '”'"))
        elif ch in _PAIRS:
            stack.append((ch, i))
        elif ch == '"':
            straight.append(i)
        elif ch in _CLOSERS:
            opener = _CLOSERS[ch]
            if ch == "’":
                if 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha():
                    continue
                if not any(o == "‘" for o, _ in stack):
                    continue
            if stack and stack[-1][0] == opener:
                stack.pop()
            elif any(o == opener for o, _ in stack):
                # the innermost openers were never closed
                while stack[-1][0] != opener:
                    o, at = stack.pop()
                    out.append((at, f"{o!r} is not closed"))
                stack.pop()
            elif ch == ")" and _ENUMERATOR.search(text[max(0, i - 6) : i + 1]):
                continue
            else:
                out.append((i, f"{ch!r} has no opening {opener!r}"))
    out += [(at, f"{o!r} is not closed") for o, at in stack]
    if len(straight) % 2:
        out.append((straight[-1], "odd number of straight quotation marks (\")"))
    return sorted(out)


# -- punctuation of preamble and operative paragraphs ------------------------------------------------

_AND_OR = r"(?:and|or|and/or|et|ou|et/ou|y|e|o|u|y/o)"  # English, French, Spanish
_MID_ENDING = compiled(rf"[,;](?:\s+{_AND_OR})?$|\b{_AND_OR}$")


def _ending(p: Paragraph) -> tuple[str, int]:
    """The text's end without trailing white space and footnote marks, and its last character's offset."""
    text = _masked(p.spans).rstrip(_NOTE_MASK + " \t\n\u00a0")
    return text, len(text) - 1


def _last_char(text: str) -> str:
    return text[-1:] if text else ""


def _punctuation(doc: Document, places: list[_Place], view: str) -> list[Finding]:
    out: list[Finding] = []
    by_paragraph = {id(pl.paragraph): pl for pl in places}
    resolution = doc.resolution
    if resolution is None:
        return out
    profile = conventions.of(doc.meta.convention) or conventions.profile("neutral")
    # The body's profile says how its paragraphs end ("" = not checked: IWC writes both); the document's own
    # majority may differ (CMS's COP11 used ';').
    preamble_mark = profile.punctuation("preamble")
    operative_mark = profile.punctuation("operative")
    preamble = [p for p in resolution.paragraphs if p.kind is Kind.PREAMBLE and p.text.strip()]
    if not preamble_mark:
        preamble = []
    endings = [_last_char(_ending(p)[0]) for p in preamble]
    other = ";" if preamble_mark == "," else ","
    expected = other if endings.count(other) > endings.count(preamble_mark) else preamble_mark
    for i, p in enumerate(preamble):
        text, at = _ending(p)
        end = _last_char(text)
        if end == expected:
            continue
        if p.label is not None and (end in ",;" or _MID_ENDING.search(text)):
            continue  # an item of a list inside the preamble
        if end == ":" and i + 1 < len(preamble) and preamble[i + 1].label is not None:
            continue
        note = " (most preambular paragraphs of this document end with ';', COP11 style)" \
            if expected == ";" and preamble_mark == "," else ""
        out.append(_finding("preamble-punctuation", f"preambular paragraph ends with {end!r}; expected {expected!r}{note}",
                            by_paragraph[id(p)], view, at, _masked(p.spans)))
    operative = [p for p in resolution.paragraphs if p.kind is Kind.OPERATIVE]
    if not operative_mark or any(p.kind is Kind.HEADING and _ARTICLE.match(p.text.strip()) for p in resolution.paragraphs):
        operative = []  # a treaty's Articles: each paragraph is a sentence of its own
    for i, p in enumerate(operative):
        final = "." if i == len(operative) - 1 else ";"
        out += _operative(p, final, by_paragraph, view)
    return out


def _final_ok(text: str, final: str) -> bool:
    if final == ".":
        return text.endswith(".")
    return bool(re.search(rf";(?:\s+{_AND_OR})?$", text))


def _operative(p: Paragraph, final: str, places: dict, view: str) -> list[Finding]:
    """The operative paragraph ``p`` and its sub-paragraphs: the text that closes it must end with
    ``final``; sub-paragraphs before the last of their list end with , or ; (and/or may follow)."""
    out: list[Finding] = []
    subs = [c for c in p.children if c.kind is Kind.SUBPARAGRAPH]
    if subs and all(c.label is None for c in subs):
        return []  # items without labels (a list of amendments to a table, a quoted letter): their own punctuation
    closing = p.children[-1] if p.children and p.children[-1].kind is Kind.TEXT else None
    if subs:
        out += _sub_list(subs, final if closing is None else None, places, view)
    if closing is not None or not subs:
        unit = closing or p
        text, at = _ending(unit)
        if not _final_ok(text, final):
            last = "the last operative paragraph" if final == "." else "operative paragraph"
            out.append(_finding("operative-punctuation", f"{last} ends with {_last_char(text)!r}; expected {final!r}",
                                places[id(unit)], view, at, _masked(unit.spans)))
    return out


def _sub_list(subs: list[Paragraph], final: str | None, places: dict, view: str) -> list[Finding]:
    out: list[Finding] = []
    for j, s in enumerate(subs):
        last = j == len(subs) - 1
        children = [c for c in s.children if c.kind is Kind.SUBPARAGRAPH]
        if children:
            out += _sub_list(children, final if last else None, places, view)
            continue
        text, at = _ending(s)
        if last and final is not None:
            if not _final_ok(text, final):
                out.append(_finding(
                    "operative-punctuation",
                    f"the last sub-paragraph ends with {_last_char(text)!r}; expected {final!r} "
                    "(it closes its operative paragraph)",
                    places[id(s)], view, at, _masked(s.spans)))
        elif not _MID_ENDING.search(text) and not (last and text.endswith((";", "."))):
            out.append(_finding("subparagraph-punctuation", f"sub-paragraph ends with {_last_char(text)!r}; expected ',' or ';'",
                                places[id(s)], view, at, _masked(s.spans)))
    return out


# -- the checked view -------------------------------------------------------------------------------


def _view_findings(viewed: Document, view: str, source: Document) -> list[Finding]:
    inverse = {new: old for old, new in viewed.renumbering if new}
    places = list(_places(viewed, inverse))
    french = conventions.language(source) == "fr"
    out: list[Finding] = []
    for place in places:
        out += _text_findings(_masked(place.paragraph.spans), place, view, french=french)
        for note in place.paragraph.notes:
            out += _text_findings(_masked(note.spans), place, view, note=note.marker, french=french)
    out = _across_paragraphs(out)
    out += _punctuation(viewed, places, view)
    return out


_ARTICLE = compiled(r"^(?:Article|Artículo)\s+\w+$", re.IGNORECASE)
_OPENED = compiled(r"^'(.)' is not closed$")
_CLOSED = compiled(r"^'(.)' has no opening '(.)'$")


def _across_paragraphs(findings: list[Finding]) -> list[Finding]:
    """A bracket or quotation opened in one paragraph and closed in a later one of the same part (a negotiating
    text's [ ... ] over several paragraphs, a quoted letter) is balanced: only one that never closes is reported."""
    out: list[Finding] = []
    open_: list[tuple[int, str, str]] = []  # (index in out, opener, part)
    for f in findings:
        if f.code == "unbalanced-bracket" and not f.note:
            m = _OPENED.match(f.message)
            if m:
                open_.append((len(out), m.group(1), f.part))
            c = _CLOSED.match(f.message)
            if c:
                match = next((k for k in range(len(open_) - 1, -1, -1)
                              if open_[k][1] == c.group(2) and open_[k][2] == f.part
                              and out[open_[k][0]].where != f.where), None)
                if match is not None:
                    out[open_.pop(match)[0]] = None  # type: ignore[call-overload]
                    continue
        out.append(f)
    return [f for f in out if f is not None]


def _reference_findings(viewed: Document, records, view: str) -> list[Finding]:
    inverse = {new: old for old, new in viewed.renumbering if new}
    by_source = {(pl.label, pl.paragraph.source): pl for pl in _places(viewed, inverse)}
    codes = {"missing": "reference-missing", "deleted": "reference-deleted", "ambiguous": "reference-ambiguous"}
    out: list[Finding] = []
    for r in records:
        if not r.problem:
            continue
        place = by_source.get((r.paragraph, r.source))
        if place is None:
            continue
        code = codes.get(r.status, "reference-range")
        message = f"cross-reference {r.new!r}: {r.problem}"
        if r.new != r.old:
            message = f"cross-reference {r.new!r} (written {r.old!r} in the amendments): {r.problem}"
        spans = place.paragraph.spans if not r.note else next(
            (n.spans for n in place.paragraph.notes if n.marker == r.note), ())
        out.append(_finding(code, message, place, view, r.offset, _masked(spans), r.note))
    return out


# -- the source of an amendment document ------------------------------------------------------------


def _source_findings(doc: Document, viewed: Document) -> list[Finding]:
    return _numbering(doc, viewed, "source") + _marks_in_labels(doc, viewed)


def _source_places(doc: Document, viewed: Document) -> Iterator[tuple[_Place, str]]:
    """Source paragraphs with their place (named in the consolidated numbering) and their key
    (the label as the amendment document knows it: old label, or the new one of an inserted paragraph)."""
    mapping = dict(viewed.renumbering)
    for part in doc.parts:
        if part.kind not in _CHECKED:
            continue

        def walk(ps: tuple[Paragraph, ...], path: tuple[str, ...]):
            for p in ps:
                known = p.old_label or p.label
                if not _numbered(p) or known is None:
                    yield _Place(part, p, p.source or p.kind.value, "", "", path), ""
                    yield from walk(p.children, path)
                    continue
                own = (*path, labels.name(known))
                key = " ".join(own)
                new = mapping.get(key, key if not mapping else None)
                if part.kind is not PartKind.RESOLUTION:
                    new = key
                if new:
                    where = _where(tuple(references.split_name(new)), part.kind)
                    if new != key:
                        where += f" ({references.display(key)} in the amendments)"
                else:
                    where = _where(own, part.kind) + " in the amendments" + (" (deleted)" if new == "" else "")
                yield _Place(part, p, where, new or "", key if new != key else "", own), key
                yield from walk(p.children, own)

        yield from walk(part.paragraphs, ())


def _numbering(doc: Document, viewed: Document, view: str) -> list[Finding]:
    """Gaps, duplicates and disorder among the labels of each list, as the source writes them."""
    out: list[Finding] = []
    lists: dict[tuple[int, int, tuple[str, ...]], list[tuple[_Place, Label]]] = {}
    preamble: dict[int, Label] = {}  # the last numbered preambular paragraph of a part (Ramsar numbers them)
    headings: dict[int, int] = {}  # how many top-level headings (Articles) come before: each restarts the list
    for place, key in _source_places(doc, viewed):
        p = place.paragraph
        if p.kind is Kind.HEADING and not place.path:
            headings[id(place.part)] = headings.get(id(place.part), 0) + 1
        if p.kind is Kind.PREAMBLE and p.label is not None and p.label.kind is LabelKind.NUMBER:
            preamble[id(place.part)] = p.old_label or p.label
        if not key or p.label is None or p.label.kind is LabelKind.DECISION:
            continue
        label = p.old_label or p.label
        section = headings.get(id(place.part), 0) if not place.path[:-1] else 0
        lists.setdefault((id(place.part), section, place.path[:-1]), []).append((place, label))
    for (part, _, path), items in lists.items():
        previous = preamble.get(part) if not path else None
        if previous is not None and not labels.same_series(items[0][1], previous):
            previous = None
        for place, label in items:
            if previous is None or not labels.same_series(label, previous):
                if label.value != 1 or label.suffix:
                    first = "(i)" if label.kind is LabelKind.ROMAN else "(a)" if label.kind is LabelKind.LETTER else "1"
                    if previous is None:
                        out.append(_finding("numbering-gap", f"the list starts at {label.render()!r}, not {first}", place, view))
                previous = label
                continue
            problem = _step(previous, label)
            if problem:
                out.append(_finding(problem[0], problem[1], place, view))
            previous = label
    return out


def _step(prev, label) -> tuple[str, str] | None:
    a, b = labels.order(prev), labels.order(label)
    shown = f"{label.render()!r} after {prev.render()!r}"
    if a == b:
        return "numbering-duplicate", f"label {shown}"
    if b < a:
        return "numbering-order", f"label {shown}"
    if label.suffix == 0 and label.value != prev.value + 1:
        return "numbering-gap", f"label {shown} skips a number"
    if label.suffix and label.value != prev.value:
        return "numbering-gap", f"label {shown}: there is no paragraph {label.value} before it"
    if label.suffix and label.suffix != prev.suffix + 1:
        return "numbering-gap", f"label {shown} skips {labels.SUFFIXES[prev.suffix]!r}"
    return None


def _critic(spans: tuple[Span, ...]) -> str:
    marks = {Change.INSERTED: "{++%s++}", Change.DELETED: "{--%s--}", Change.UNCHANGED: "%s"}
    return "".join(marks[s.change] % s.text for s in spans)


def _marks_in_labels(doc: Document, viewed: Document) -> list[Finding]:
    out: list[Finding] = []
    for place, _ in _source_places(doc, viewed):
        p = place.paragraph
        if p.label_spans:
            changes = {s.change for s in p.label_spans if s.text.strip()}
            label_status = status_of(p.label_spans)
            body_status = status_of(p.spans)
            if len(changes) > 1:
                out.append(_finding("mark-in-label", f"an amendment mark inside the label {_critic(p.label_spans)!r}",
                                    place, "source"))
            elif label_status.value in ("inserted", "deleted") and p.text.strip() and body_status is not label_status:
                out.append(_finding("mark-in-label", f"the label {_critic(p.label_spans)!r} is {label_status.value} "
                                    f"but the paragraph text is {body_status.value}", place, "source"))
            continue
        # A mark running through the label defeats structure recognition: the paragraph has no
        # label, but its first word reads as one in a view and mixes marked and unmarked text.
        first = _first_word(p.spans)
        if first and len({s.change for s in first if s.text.strip()}) > 1:
            for accept in (True, False):
                drop = Change.DELETED if accept else Change.INSERTED
                text = "".join(s.text for s in p.spans if s.change is not drop and s.note is None)
                if labels.match(text):
                    out.append(_finding("mark-in-label", f"an amendment mark runs through the label {_critic(first)!r}; "
                                        "the paragraph was not recognised as numbered", place, "source"))
                    break
    return out


def _first_word(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    out: list[Span] = []
    for s in spans:
        if s.note is not None:
            break
        text = s.text if out else s.text.lstrip()
        cut = re.search(r"\s", text)
        if cut:
            if cut.start():
                out.append(Span(text[: cut.start()], s.change))
            break
        if text:
            out.append(Span(text, s.change))
    return tuple(out)


# -- marks lost ---------------------------------------------------------------------------------------


def _lost_marks(doc: Document, messages: list[Message]) -> list[Finding]:
    """Marks announced and absent, and seams that look like a lost mark (:mod:`revcop.marks`), as
    findings on the source; the consolidation's warnings about the same seams are taken out of
    ``messages`` (the finding says it)."""
    from revcop import marks

    places = {id(place.paragraph): place for place, _ in _source_places(doc, doc)}
    out: list[Finding] = []
    problem = marks.lost(doc)
    if problem:
        first = next((pl for pl in places.values() if pl.paragraph.kind is Kind.LEGEND), None) \
            or next(iter(places.values()), None)
        if first is not None:
            out.append(_finding("marks-missing", f"the document {problem}", _named(first), "source"))
    glued = marks.glued_places(doc)
    for g in glued:
        place = places.get(id(g.paragraph))
        if place is not None:
            place = _named(place)
            out.append(_finding("mark-lost", g.message, place, "source", g.offset, _masked(g.paragraph.spans)))
    said = set(marks.glued(doc)) if glued else set()
    messages[:] = [m for m in messages if m not in said]
    return out


def _named(place: _Place) -> _Place:
    """A source place without a label named by what the paragraph is (``legend``, ``preamble paragraph``)."""
    from dataclasses import replace

    from revcop import marks

    return place if place.path else replace(place, where=marks.name(place.paragraph))
