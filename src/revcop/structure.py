"""Structure recognition: blocks from any reader -> the paragraph tree of a :class:`Document`.

Finds the parts of a meeting document (body, the resolution under amendment, draft decisions, other
annexes) or takes a standalone resolution; within a resolution tells the title block, preamble,
enacting formula, operative paragraphs and nested sub-paragraphs apart; fills the metadata.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from revcop import conventions, labels
from revcop.marks import may_be_legend
from revcop.model import (
    Block,
    Change,
    Document,
    Kind,
    Label,
    LabelKind,
    Message,
    Meta,
    Paragraph,
    Part,
    PartKind,
    Result,
    Span,
    Status,
    lstrip_spans,
    status_of,
    strip_spans,
)
from revcop.patterns import compiled, on_first_use

# Members of the model's enumerations that code run per paragraph or per span compares with, bound once: on
# Python 3.11 ``Change.DELETED`` is looked up through EnumType.__getattr__'s slot, ~0.37 µs (~1,000 instructions)
# a time, and build asked ~15 such a paragraph (13 % of its instructions on a 500k-word version).
_UNCHANGED, _INSERTED, _DELETED = Change.UNCHANGED, Change.INSERTED, Change.DELETED
_NUMBER_LABEL, _LETTER_LABEL, _ROMAN_LABEL, _DECISION_LABEL = (
    LabelKind.NUMBER, LabelKind.LETTER, LabelKind.ROMAN, LabelKind.DECISION)

_SYMBOL = compiled(
    r"^(?:[A-Z][A-Za-z]*(?:/[A-Za-z0-9.\-]+(?: [0-9][0-9.]*)?){2,}(?:/Annex \w+)?"
    r"|(?:CoP|COP|SC|AC|PC)\d+ (?:Doc|Inf|Com)\. ?[\d.]+(?: Annex \w+)?)$"
)
_PAGE_NUMBER = compiled(r"^[-–\s]*\d{1,4}[-–\s]*$|^Page \d+( of \d+)?$", re.IGNORECASE)
_ANNEX = compiled(r"^ANNEX(?:\s+([0-9]+|[IVX]+))?\.?$", re.IGNORECASE)
_AMENDMENTS = compiled(
    r"^PROPOSED\s+AMENDMENTS?\s+TO\s+(?:THE\s+)?(?P<kind>RESOLUTION|DECISION)S?\s+"
    r"(?P<conf>CONF\.\s*)?(?P<number>[0-9IVXLC]+[./][0-9]+)(?:\s*\((?P<rev>[^)]*)\))?",
    re.IGNORECASE,
)
_DRAFT_DECISIONS = compiled(r"^DRAFT\s+DECISIONS?\b", re.IGNORECASE)
_LEGEND = compiled(
    r"^(?:NB|N\.B\.|Note)\s*:?.*\b(?:underlined|struck|crossed out|strikethrough)|"
    r"\bProposed new text is underlined\b|\bsoulignée?s?\b|\bbarrée?s?\b|\bsubrayad[oa]s?\b|\btachad[oa]s?\b",
    re.IGNORECASE,
)
_ADOPTION = compiled(r"^(?:Adopted|Adoptée?|Adoptada)\s+(?:by|par|por)\b", re.IGNORECASE)
_MASTHEAD = compiled(
    r"^(?:CONVENTION ON MIGRATORY SPECIES|CONVENTION ON INTERNATIONAL TRADE|Distribution\s*:|"
    r"Original\s*:|Language\s*:|Date\s*:)",
)
_DESIGNATION = on_first_use(
    r"^(?:Resolution|Résolution|Resolución|Decision|Décision|Decisión)\s+(?:Conf\.\s*)?"
    r"(?P<number>[0-9IVXLC]+[./][0-9]+)(?:\s*\((?P<rev>[^)]*)\))?$",
    re.IGNORECASE,
)
_MASTHEAD_SYMBOL = compiled(r"/(?P<kind>Resolution|Decision|Res\.)\s*(?P<number>\d+\.\d+)(?:\s*\((?P<rev>[^)]*)\))?$")
_MEETING = compiled(r"(?<![A-Za-z])(?P<body>COP|CoP|MOP|ScC|SC)[-\s]?(?P<n>\d{1,2})(?!\d)")
_DIRECTED = compiled(
    r"^(?:Decisions?\s+)?Directed\s+to\b|^Dirigid[ao]s?\s+a\b|^(?:D[ée]cisions?\s+)?Adress[ée]e?s?\s+(?:à|au|aux)\b"
    r"|^Destinataires?\s*:",
    re.IGNORECASE,
)
_LETTER = compiled(r"[^\W\d_]")
# A designation line of the title block, as each body writes it: "Resolution 14.16", "Resolution Conf. 13.10
# (Rev. CoP14)", "Résolution IX.11: title", "COP 10 Decision X/8", "Resolution 1998-4", "Draft decision -/CP.17".
_TITLE_DESIGNATION = compiled(
    r"^(?:(?:COP|CoP|MOP)\s*\d+\s+)?(?P<draft>Draft\s+|Projet\s+de\s+|Proyecto\s+de\s+)?"
    r"(?P<word>Resolution|Résolution|Resolución|Decision|Décision|Decisión|Recommendation|Recommandation|Recomendación)"
    r"\s+(?P<conf>Conf\.\s*)?(?P<number>[0-9IVXLC]+[./][0-9]+|\d{4}-\d+|-/\w+\.\d+)(?:\s*\((?P<rev>[^)]*)\))?"
    r"(?:\s*[:.\-–—]\s*(?P<title>\S.*))?$",
    re.IGNORECASE,
)
# "(Resolution 1.9)" inside a title line (a database header line)
_INLINE_DESIGNATION = on_first_use(
    r"\((?P<word>Resolution|Résolution|Resolución|Decision|Décision|Decisión)\s+(?P<conf>Conf\.\s*)?"
    r"(?P<number>[0-9IVXLC]+[./][0-9]+|\d{4}-\d+)\)"
)
# "X/8. United Nations Decade ..." (CBD: the decision's number before its title)
_NUMBERED_TITLE = on_first_use(r"^(?P<number>[IVXLC]+/\d+|\d+/\d+)\.\s+\S")
# Lines of a UN or treaty-body masthead: issuing organisation, distribution, dates, the meeting, agenda item.
_MASTHEAD_LINE = compiled(
    r"^(?:United\s+Nations|(?:United\s+Nations\s+)?Framework\s+Convention\s+on\s+Climate\s+Change|Nations\s+Unies"
    r"|Naciones\s+Unidas|Distr\.|Annual\s+Report\s+of\b)",
)
_BODY_LINE = compiled(r"^(?:Conference|Meeting)\s+of\s+the\s+(?:Contracting\s+)?Parties\b(?!.*[.;,:]$)")
_MEETING_LINE = compiled(
    r"^(?:\d{1,2}(?:st|nd|rd|th|e|er|ème|re|ª|º|a|o)?|[A-ZÀ-Þ][a-zà-ÿ]*(?:th|st|nd|rd|ième|ieme|er|ère|o|a)|First|Second|Third)"
    r"\s+(?:\w+\s+)?(?:Meeting|Session|Réunion|Reunión)\b",
    re.IGNORECASE,
)
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|janvier|février"
          r"|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo"
          r"|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)")
# "26 October 2017", "19-27 mars 1996", "Kampala, Uganda, 8-15 November 2005", "Durban, 28 November to 9 December 2011"
_DATE_LINE = compiled(rf"^(?:[^.;:]{{0,80}},\s*)?\d{{1,2}}(?:\s*(?:[-–]|au|to|al|a)\s*\d{{1,2}})?\.?\s+{_MONTH}"
                        rf"(?:\s+(?:to|au|al|a)\s+\d{{1,2}}\s+{_MONTH})?,?\s+\d{{4}}$", re.IGNORECASE)
_YEAR_END = compiled(r"^[^.;:]{3,90}\b(?:19|20)\d\d$")
_AGENDA = compiled(r"^(?:Agenda\s+item|Point\s+\d+\s+de\s+l.ordre|Tema\s+\d+\s+del\s+programa)\b", re.IGNORECASE)
_MOTTO = compiled(r"^[\"“«].*[\"”»]$")
# Notes of the title block: "(Prepared by ...)", "Proposal by the President", "Retired sections: paragraph 1."
_TITLE_NOTE = compiled(
    r"^\(.*\)$|^(?:Proposal|Submitted|Prepared|Note|Proposition|Propuesta)\s+(?:by|du|de|por)\b"
    r"|^[A-Z][\w ]{2,40}:\s[^.]{1,80}\.$"
)
_ARTICLE = on_first_use(r"^(?:Article|Artículo|Chapter|Chapitre|Capítulo|Part|Partie|Parte|Section)\s+[\w.]+$", re.IGNORECASE)
# "16.164 & 16.165 Title", "18.28 - 18.29 Title", "19.189 to 19.191 Title", "19.20, 19.21, 17.55 (Rev. CoP19) & ..."
_DECISION_RANGE = compiled(
    r"^\d{1,2}\.(?:\d{1,3}|[A-Z]{1,3})(?:\s*\([^)]*\))?\s*(?:&|,|-|–|to|and|à|a|y|et|al)\s*\d{1,2}\.(?:\d{1,3}|[A-Z]{1,3})"
)
# After the formula's opening words, only a name may follow ("... to the Convention on the Conservation of Migratory
# Species of Wild Animals,"); "The Conference of the Parties is invited to:" is a sentence, not a formula.
_FORMULA_TAIL = compiled(
    r"(?:[\s,]+(?:to|of|on|the|and|for|in|de|la|las|los|el|del|des|du|à|a|al|y|et|serving|as|meeting|this"
    r"|[A-ZÀ-Þ][\w’'\-]*))*[\s,:]*"
)
_FOOTNOTE = compiled(r"^(?:\*+|\(\d{1,3}\)|\[\d{1,3}\])\s")
_END = (".", ";", ",", ":")


def normalise_number(number: str) -> str:
    """``12.07`` -> ``12.7`` (listings zero-pad serials); ``XII.4`` is kept."""
    head, sep, tail = number.replace("/", ".").partition(".")
    if tail.isdigit():
        tail = str(int(tail))
    return f"{head}{sep}{tail}" if sep else head


def normalise_meeting(text: str) -> str:
    """``Rev. CoP19`` / ``Rev.COP13`` / ``COP 13`` -> ``COP19`` / ``COP13`` (upper-case canonical form)."""
    m = _MEETING.search(text)
    return f"{m.group('body').upper()}{int(m.group('n'))}" if m else ""


def _old_text(spans) -> str:
    return "".join(s.text for s in spans if s.change is not _INSERTED and s.note is None)


def _new_text(spans) -> str:
    return "".join(s.text for s in spans if s.change is not _DELETED and s.note is None)


def _start(spans, limit: int = 400, *, new: bool = True) -> str:
    """The first ``limit`` characters or so of the text (the new view, or all text with ``new=False``): what
    labels, verbs and formulas are read from, without joining a paragraph of megabytes."""
    if len(spans) == 1:  # most paragraphs of a clean text: nothing to join
        s = spans[0]
        return "" if s.note is not None or (new and s.change is _DELETED) else s.text
    out: list[str] = []
    n = 0
    for s in spans:
        if s.note is not None or (new and s.change is _DELETED):
            continue
        out.append(s.text)
        n += len(s.text)
        if n >= limit:
            break
    return "".join(out)


def _marked(spans) -> bool:
    """Whether any span is inserted or deleted."""
    return any(s.change is not _UNCHANGED for s in spans)


def _ends_with(spans, mark: str) -> bool:
    """Whether the new view of the text ends with ``mark`` (white space ignored)."""
    for s in reversed(spans):
        if s.note is not None or s.change is _DELETED or not s.text.strip():
            continue
        return s.text.rstrip().endswith(mark)
    return False


def _unmarked(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """The spans with their marks cleared: a legend shows its own convention (``underlined``
    underlined, ``crossed out`` struck through) and a title may be underlined for emphasis; neither is
    an amendment."""
    return tuple(replace(s, change=_UNCHANGED, move=None) for s in spans)


def _furniture_spans(kind: Kind, spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Marks on the legend are never amendments; on a title or heading of the title block, underline
    of the whole paragraph is emphasis (a partly marked or struck title is a real amendment)."""
    if kind is Kind.LEGEND:
        return _unmarked(spans)
    if kind in (Kind.TITLE, Kind.HEADING) and status_of(spans) is Status.INSERTED:
        return _unmarked(spans)
    return spans


def _is_legend(text: str) -> bool:
    """Whether :data:`_LEGEND` finds a legend's wording in ``text``: searched only where one of the
    words it begins with is (:func:`revcop.marks.may_be_legend`; most short paragraphs hold none)."""
    return may_be_legend(text) and _LEGEND.search(text) is not None


def _is_caps(text: str) -> bool:
    """Whether the text has letters and none of them is lower-case (``THE CONFERENCE``)."""
    return text.upper() == text and _LETTER.search(text) is not None


def _verb(text: str) -> str | None:
    """``"operative"`` or ``"preamble"`` when ``text`` opens with such a verb (``DIRECTS``, ``Recalling``,
    ``RAPPELANT``, ``Pide``) in any profile's words; None otherwise."""
    words = conventions.vocabulary(conventions.forced())
    if words.operative.match(text):
        return "operative"
    if words.preamble.match(text):
        return "preamble"
    return None


def _note_label(label: Label, stack: list[list[dict]]) -> bool:
    """Whether ``(61)`` is a note's number: a number in parentheses that continues no list (no ``(60)`` before
    it at any open level) and does not open one (a list opens at 1)."""
    if label.kind is not _NUMBER_LABEL or label.form != "({n})" or label.value == 1:
        return False
    for level in stack[1:]:
        last = _last_labelled(level)
        if last is not None and labels.same_series(label, last["label"]):
            return False
    return True


def _last_labelled(level: list[dict]) -> dict | None:
    """The last paragraph of a level of :meth:`_Builder.nest` that has a label, searched from the end (a
    full scan per sub-paragraph made long lists quadratic)."""
    for node in reversed(level):
        if node["label"] is not None:
            return node
    return None


def _first_words(text: str, n: int = 2) -> str:
    return " ".join(text.lower().split()[:n])


def _number(number: str) -> str:
    """A designation's number as the body writes it: ``12.07`` -> ``12.7``; ``X/8``, ``1998-4`` kept."""
    return number if "/" in number or "-" in number else normalise_number(number)


def _designation_meta(meta: Meta, m: re.Match) -> Meta:
    word = m.group("word").capitalize()
    conf = "Conf. " if m.group("conf") else ""
    rev = m.groupdict().get("rev") or ""
    return replace(meta, instrument=f"{word} {conf}{_number(m.group('number'))}", revision=normalise_meeting(rev))


def _cut(spans: tuple[Span, ...], old_len: int, new_len: int) -> tuple[tuple, tuple, bool] | None:
    """Cut spans where the old view has consumed ``old_len`` and the new view ``new_len`` characters.

    Returns (head, tail, clean); ``clean`` is False when no cut satisfies both views at once (a mark
    that runs across the label boundary), in which case the cut follows the new view.
    """
    old = new = 0
    for i, span in enumerate(spans):
        if old >= old_len and new >= new_len:
            return spans[:i], spans[i:], old == old_len and new == new_len
        if span.note is not None:
            return None
        n = len(span.text)
        adv_old = n if span.change is not _INSERTED else 0
        adv_new = n if span.change is not _DELETED else 0
        need_old, need_new = old_len - old, new_len - new
        k = None
        if adv_old and adv_new and need_old == need_new and 0 < need_old < n:
            k = need_old
        elif adv_new and not adv_old and need_old <= 0 and 0 < need_new < n:
            k = need_new
        elif adv_old and not adv_new and need_new <= 0 and 0 < need_old < n:
            k = need_old
        if k is not None:
            head = (*spans[:i], span.with_text(span.text[:k]))
            # clean only if the head is exactly each view's label: "15{++.BB ...++}" gives the new
            # view its label 15.BB but leaves "15" in the old view's head (found by atheris)
            clean = old + (k if adv_old else 0) == old_len and new + (k if adv_new else 0) == new_len
            return head, (span.with_text(span.text[k:]), *spans[i + 1 :]), clean
        old += adv_old
        new += adv_new
    if old >= old_len and new >= new_len:
        return spans, (), old == old_len and new == new_len
    return None


def _letter_lists(paragraphs: list[Paragraph]) -> tuple[Paragraph, ...]:
    """Flat paragraphs (a meeting document's body) with ``c)``, ``d)``, ``i)`` read as the letters they are when
    they continue a list of letters or open a list other than at ``i``: decided from the list, not the letter."""
    out: list[Paragraph] = []
    last: Label | None = None  # the label of the last labelled paragraph
    for p in paragraphs:
        label = p.label
        if label is not None and label.kind is _ROMAN_LABEL:
            letter = labels.as_letter(label)
            continues = (last is not None and last.kind is _LETTER_LABEL and labels.same_series(letter, last)
                         and letter.value in (last.value, last.value + 1))
            opens = (last is None or not labels.same_series(label, last)) and label.value != 1
            if letter.kind is _LETTER_LABEL and (continues or (opens and not (
                last is not None and last.kind is _LETTER_LABEL and labels.same_series(letter, last)))):
                old = labels.as_letter(p.old_label) if p.old_label is not None else None
                p = replace(p, label=letter, old_label=old)
                label = letter
        if label is not None:
            last = label
        out.append(p)
    return tuple(out)


class _Builder:
    def __init__(self, blocks: list[Block], path: str) -> None:
        self.blocks = blocks
        self.path = path
        self.messages: list[Message] = []
        self.symbols: list[str] = []

    def warn(self, text: str, where: str = "") -> None:
        self.messages.append(Message(text, where))

    # -- labels -----------------------------------------------------------------------------------
    def split_label(self, block: Block, *, decisions: bool = False):
        """(label, old_label, label_spans, body_spans) of a block; labels None where there is none."""
        if block.number is not None:
            label = labels.parse(block.number, decisions=decisions)
            if label is None:
                self.warn(f"automatic number {block.number!r} is not a label revcop knows", block.source)
                return None, None, (), block.spans
            old = label if block.number_change is not _INSERTED else None
            new = label if block.number_change is not _DELETED else None
            spans = (Span(block.number, block.number_change),)
            return new or old, old, spans, lstrip_spans(block.spans)
        if len(block.spans) == 1 and block.spans[0].change is _UNCHANGED and block.spans[0].note is None:
            # One unmarked span (most paragraphs of a clean text): both views are its text, and what _cut,
            # strip_spans and lstrip_spans below make of it comes to two slices of it.
            span = block.spans[0]
            found = labels.match(span.text, decisions=decisions)
            if found is None:
                return None, None, (), block.spans
            label, start, end = found
            body = span.text[end:].lstrip()
            return label, label, (span.with_text(span.text[start:end]),), (span.with_text(body),) if body else ()
        new_text = _new_text(block.spans)
        old_text = _old_text(block.spans)
        new_m = labels.match(new_text, decisions=decisions)
        # Most paragraphs carry no mark near their start: the same text gives the same label.
        old_m = new_m if old_text == new_text else labels.match(old_text, decisions=decisions)
        if new_m is None and old_m is None:
            return None, None, (), block.spans
        # A label present in one view only, where the other view starts with text that is not a
        # label, is still that view's label (a paragraph inserted or deleted whole, or a label added).
        cut = _cut(block.spans, old_m[2] if old_m else 0, new_m[2] if new_m else 0)
        if cut is None or not cut[2]:
            # No cut gives both views their label and nothing more: taking one anyway put text of
            # the paragraph into the label, where the view lost it ("{++15.++}RB The S..." lost
            # "The S..."). The paragraph is read without a label; its text is all kept.
            self.warn("an amendment mark runs through the paragraph label", block.source)
            return None, None, (), block.spans
        head, tail, _ = cut
        new_label = new_m[0] if new_m else None
        old_label = old_m[0] if old_m else None
        head = strip_spans(head)
        if new_label is None and old_label is not None and _new_text(head).strip():
            new_label = old_label
        return new_label or old_label, old_label, head, lstrip_spans(tail)

    # -- artefacts and parts ------------------------------------------------------------------------
    def drop_artefacts(self) -> list[Block]:
        """Running headers and footers: a line that is only the document symbol or a page number."""
        kept: list[Block] = []
        for i, block in enumerate(self.blocks):
            text = block.text.strip()
            if block.running:  # a header or footer from the reader: never body text
                if _SYMBOL.match(text):
                    self.symbols.append(text)
                continue
            # whether the block is marked is asked only of the few that read as a symbol or a page number
            if _SYMBOL.match(text) and not _marked(block.spans):
                nearby = " ".join(b.text for b in self.blocks[max(0, i - 3) : i + 3])
                beside = [b.text.strip() for b in self.blocks[max(0, i - 1) : i + 2] if b is not block]
                if "Distribution" in nearby or "Original" in nearby or _MASTHEAD_SYMBOL.search(text):
                    kept.append(block)  # part of a masthead, not a running header
                elif i < 3 and any(_MASTHEAD.match(t) or _DATE_LINE.match(t) for t in beside):
                    kept.append(block)  # the document's symbol in its masthead (a web copy has no running header)
                    self.symbols.append(text)
                else:
                    self.symbols.append(text)
                continue
            if _PAGE_NUMBER.match(text) and not block.in_table and not _marked(block.spans):
                continue
            kept.append(block)
        return kept

    def sections(self, blocks: list[Block]) -> list[tuple[str, list[Block]]]:
        out: list[tuple[str, list[Block]]] = [("", [])]
        for block in blocks:
            if _ANNEX.match(block.text.strip()) and not block.in_table:
                out.append((block.text.strip(), [block]))
            else:
                out[-1][1].append(block)
        return [s for s in out if s[1] or s[0]]

    # -- parts --------------------------------------------------------------------------------------
    def build(self) -> Document:
        blocks = self.drop_artefacts()
        sections = self.sections(blocks)
        meta = Meta()
        parts: list[Part] = []
        annexed = len(sections) > 1 or (sections and sections[0][0])
        for index, (heading, section) in enumerate(sections):
            formula = self.first_formula(section)  # classify and resolution both ask
            kind = self.classify(heading, section, formula, first=index == 0, annexed=bool(annexed))
            if kind is PartKind.RESOLUTION and any(p.kind is PartKind.RESOLUTION for p in parts):
                self.warn(f"a second resolution ({heading or 'untitled'}) is kept as an annex")
                kind = PartKind.ANNEX
            if kind is PartKind.RESOLUTION:
                part, meta = self.resolution(heading, section, meta, formula)
            elif kind is PartKind.DECISIONS:
                part = self.decisions(heading, section)
            else:
                part = Part(kind, _letter_lists([self.plain(b) for b in section]), heading)
            parts.append(part)
        meta = self.metadata(meta, parts)
        return Document(meta, tuple(parts), source=self.path)

    def classify(self, heading: str, section: list[Block], formula: int | None, *, first: bool,
                 annexed: bool) -> PartKind:
        """The kind of part ``section`` is; ``formula``: where its first enacting formula starts
        (:meth:`first_formula`)."""
        head = [b.text.strip() for b in section[:6]]
        if any(_AMENDMENTS.match(t) for t in head):
            return PartKind.RESOLUTION
        if any(_DRAFT_DECISIONS.match(t) for t in head[:4]):
            return PartKind.DECISIONS
        standalone = first and not heading and not annexed
        if standalone:
            # A page of draft decisions under its masthead and title, or of decisions standing alone
            # ("12.23 The Standing Committee shall:"): numbered as decisions, with no numbered paragraph.
            drafts = next((i for i, b in enumerate(section[:12])
                           if _DRAFT_DECISIONS.match(b.text.strip()) and _is_caps(b.text)), None)
            if drafts is not None and (formula is None or drafts < formula):
                return PartKind.DECISIONS
            if formula is None and self.decision_page(section):
                return PartKind.DECISIONS
        if formula is not None:
            return PartKind.RESOLUTION
        if standalone and self.verb_layout(section):
            return PartKind.RESOLUTION
        if first and not heading and any(_TITLE_DESIGNATION.match(" ".join(b.text[:300].split()))
                                         for b in section[:3]) and self.verb_layout(section):
            return PartKind.RESOLUTION  # a resolution with annexes of its own (Ramsar: no formula)
        if first and not heading:
            return PartKind.BODY if annexed else PartKind.TEXT
        return PartKind.ANNEX

    def decision_page(self, section: list[Block]) -> bool:
        """Whether paragraphs open with decision numbers (``12.23 The ...``) and none with a paragraph number."""
        decided = 0
        for block in section:
            text = _start(block.spans, new=False).strip()
            if _DECISION_RANGE.match(text):
                continue
            found = labels.match(text, decisions=True)
            if found is None or block.in_table:
                continue
            rest = text[found[2]:].split(None, 2)  # the first two words are all it looks at
            if found[0].kind is _DECISION_LABEL and len(rest) >= 2 and rest[0][:1].isalpha():
                decided += 1
            elif found[0].kind is _NUMBER_LABEL and "(" not in found[0].form:
                return False  # a numbered paragraph: whatever follows, not a page of decisions
        return decided > 0

    def verb_layout(self, section: list[Block]) -> bool:
        """Whether the section reads as a resolution without a formula: a designation over its title, or
        preambular paragraphs followed by operative ones (Ramsar numbers both)."""
        if any(_TITLE_DESIGNATION.match(" ".join(b.text.split())) for b in section[:3]):
            return True
        seen_preamble = False
        for block in section:
            text = _start(block.spans, new=False)
            found = labels.match(text)
            verb = _verb(text[found[2]:].strip() if found else text.strip())
            if verb == "preamble":
                seen_preamble = True
            elif verb == "operative" and seen_preamble:
                return True
        return False

    def first_formula(self, section: list[Block]) -> int | None:
        """Where the first enacting formula of ``section`` starts, None if it has none."""
        return next((i for i in range(len(section)) if self.enacting_at(section, i)), None)

    def enacting_at(self, section: list[Block], i: int) -> int:
        """How many blocks form an enacting formula starting at ``i`` (0 if none)."""
        text = _start(section[i].spans, 300).strip() or _start(section[i].spans, 300, new=False).strip()
        if len(text) > 250 or text.endswith((";", ".")):
            return 0
        words = conventions.vocabulary(conventions.forced())
        m = words.enacting.match(text)
        if not m or not _FORMULA_TAIL.fullmatch(text, m.end()):
            return 0
        if labels.match(text):
            return 0
        n = 1
        # "The Conference of the Parties to the" / "Convention on the Conservation of ..."
        while i + n < len(section) and n < 3 and not text.endswith((",", ":")):
            nxt = section[i + n].text.strip()
            if words.continuation.match(nxt) and not nxt.endswith((",", ";")):
                n += 1
            else:
                break
        return n

    # -- resolution ---------------------------------------------------------------------------------
    def title_block(self, section: list[Block], meta: Meta, *, decisions: bool = False
                    ) -> tuple[list[Paragraph], int, Meta]:
        """The masthead, designation, title, legend and notes above the text of an instrument.

        In a page of decisions (``decisions``) a designation line is a subject heading, read by :meth:`nest`.
        """
        out: list[Paragraph] = []
        i = 0
        titled = False  # a title in capitals has been seen (a later line in capitals is a heading)
        seen = False  # a masthead, designation or title line has been seen: the title block has begun
        meeting = agenda = False  # a meeting line awaits its place/date; an agenda item awaits its title
        while i < len(section):
            block = section[i]
            text = block.text.strip()
            plain = " ".join(text[:500].split())  # what the title block is read from: its lines are short
            m = _AMENDMENTS.match(text)
            dm = None if decisions else _TITLE_DESIGNATION.match(plain)
            if _ANNEX.match(text):
                kind = Kind.HEADING
            elif m:
                kind = Kind.HEADING
                meta = replace(
                    meta,
                    instrument=f"{m.group('kind').capitalize()} {'Conf. ' if m.group('conf') else ''}"
                    f"{normalise_number(m.group('number'))}",
                    revision=normalise_meeting(m.group("rev") or ""),
                    amendments=True,
                )
            elif len(text) < 300 and _is_legend(text):
                kind = Kind.LEGEND
                meta = replace(meta, amendments=True)
            elif _MASTHEAD.match(text) or _SYMBOL.match(text) or _MASTHEAD_SYMBOL.search(text):
                kind = Kind.MASTHEAD
                sm = _MASTHEAD_SYMBOL.search(text)
                if sm and not meta.instrument:
                    meta = replace(
                        meta,
                        instrument=f"Resolution {normalise_number(sm.group('number'))}"
                        if sm.group("kind") != "Decision" else f"Decision {sm.group('number')}",
                        revision=normalise_meeting(sm.group("rev") or ""),
                    )
            elif _ADOPTION.match(text):
                kind = Kind.ADOPTION
            elif dm:
                kind = Kind.TITLE
                if not meta.instrument and not dm.group("draft"):
                    meta = _designation_meta(meta, dm)
                if dm.group("title") and not meta.title:
                    meta = replace(meta, title=dm.group("title"))
                meeting = agenda = False
            elif self.enacting_at(section, i) or labels.match(text) or (
                _verb(plain) and not (_is_caps(plain) and len(plain) < 200 and not plain.endswith(_END))
            ):
                break  # the text of the instrument begins
            elif _is_caps(text) and len(text) < 200:
                kind = Kind.HEADING if titled else Kind.TITLE
                if not titled:
                    titled = True
                    meta = replace(meta, title=_new_text(block.spans).strip() or text)
            elif block.style and block.style.lower() in ("title", "heading 1") and not titled:
                kind = Kind.TITLE
                titled = True
                meta = replace(meta, title=text)
            elif len(plain) < 200 and (
                _MASTHEAD_LINE.match(plain) or _BODY_LINE.match(plain) or _MEETING_LINE.match(plain)
                or _DATE_LINE.match(plain) or _AGENDA.match(plain) or (not seen and _YEAR_END.match(plain))
                or (seen and _MOTTO.match(plain)) or agenda
                or (meeting and len(plain) < 80 and not plain.endswith(_END))
            ):
                kind = Kind.MASTHEAD
                agenda = bool(_AGENDA.match(plain))
                if _MEETING_LINE.match(plain):
                    meeting = True
                elif _DATE_LINE.match(plain):
                    meeting = False
            elif seen and len(plain) < 160 and _TITLE_NOTE.match(plain):
                kind = Kind.TEXT
            elif not decisions and (seen or i == 0) and len(plain) < 250 and not plain.endswith(_END) and not block.in_table and (
                seen or _INLINE_DESIGNATION.search(plain) or _NUMBERED_TITLE.match(plain)
            ):
                kind = Kind.TITLE
                im = _INLINE_DESIGNATION.search(plain)
                if im and not meta.instrument:
                    meta = _designation_meta(meta, im)
                if not meta.title and not _NUMBERED_TITLE.match(plain):
                    meta = replace(meta, title=plain)
                meeting = False
            else:
                break
            seen = True
            out.append(Paragraph(kind, _furniture_spans(kind, block.spans), source=block.source, style=block.style))
            i += 1
        return out, i, meta

    def resolution(self, heading: str, section: list[Block], meta: Meta, first: int | None) -> tuple[Part, Meta]:
        """The resolution in ``section``; ``first``: where its first enacting formula starts (none before it)."""
        paragraphs, i, meta = self.title_block(section, meta)
        formulas = [] if first is None else [j for j in range(max(i, first), len(section)) if self.enacting_at(section, j)]
        operative_start = len(section)
        j = i
        while j < len(section):
            block = section[j]
            n = self.enacting_at(section, j)
            if n:
                paragraphs.append(self.formula(section[j:j + n]))
                j += n
                if _ends_with(section[j - 1].spans, ":") or (
                    formulas and j > formulas[-1] and j < len(section) and self.opens_operative(section[j], True)
                ):
                    operative_start = j  # "NOW, THEREFORE, THE COMMISSION:", "Have agreed as follows:"
                    break
                continue
            if len(block.text) < 300 and _is_legend(block.text):
                paragraphs.append(Paragraph(Kind.LEGEND, _unmarked(block.spans), source=block.source,
                                            style=block.style))
                j += 1
                continue
            # Before a formula still to come, everything is preamble (CITES, IWC: the formula stands between
            # the preamble and the operative part). With no formula ahead, the operative part opens with the
            # first operative verb, numbered paragraph that is not preambular (Ramsar numbers its preamble),
            # or heading.
            if not (formulas and j < formulas[-1]) and self.opens_operative(block, bool(formulas)):
                operative_start = j
                break
            label, old, lspans, body = self.split_label(block)
            paragraphs.append(Paragraph(Kind.PREAMBLE, body, label, old, lspans, source=block.source,
                                        style=block.style))
            j += 1
        paragraphs += self.nest(section[operative_start:], Kind.OPERATIVE, decisions=False)
        return Part(PartKind.RESOLUTION, tuple(paragraphs), heading), meta

    def opens_operative(self, block: Block, after_formula: bool) -> bool:
        """Whether ``block`` is the first paragraph of the operative part."""
        text = _start(block.spans).strip() or _start(block.spans, new=False).strip()
        found = labels.match(text)
        verb = _verb(text[found[2]:].strip() if found else text)
        if verb == "operative":
            return True
        if verb == "preamble":
            return False
        if found is not None:
            return found[0].kind is _NUMBER_LABEL and "(" not in found[0].form
        return bool(_ARTICLE.match(text)) and after_formula

    def formula(self, blocks: list[Block]) -> Paragraph:
        """The enacting formula, joined from its lines."""
        spans: list[Span] = []
        for block in blocks:
            if spans:
                spans.append(Span("\n"))
            spans += block.spans
        # A formula of one block keeps its style; one joined from several has none of its own.
        style = blocks[0].style if len(blocks) == 1 else None
        return Paragraph(Kind.ENACTING, tuple(spans), source=blocks[0].source, style=style)

    def decisions(self, heading: str, section: list[Block]) -> Part:
        paragraphs, i, _ = self.title_block(section, Meta(), decisions=True)
        return Part(PartKind.DECISIONS, tuple(paragraphs + self.nest(section[i:], Kind.DECISION, decisions=True)), heading)

    def nest(self, blocks: list[Block], top: Kind, *, decisions: bool) -> list[Paragraph]:
        """Operative paragraphs (or decisions) with their sub-paragraphs nested under them.

        ``stack`` holds, per open level, the list of paragraphs at that level (as mutable dicts).
        """
        roots: list[dict] = []
        stack: list[list[dict]] = [roots]
        last: dict | None = None  # the paragraph placed last
        decision_list = top is Kind.DECISION  # a list of decisions, else of operative paragraphs
        for index, block in enumerate(blocks):
            text = block.text.strip()
            if decisions and _DECISION_RANGE.match(text):
                label, old, lspans, body = None, None, (), block.spans
            else:
                label, old, lspans, body = self.split_label(block, decisions=decisions)
            node: dict[str, Any] = {"label": label, "old": old, "lspans": lspans, "spans": body, "source": block.source,
                    "style": block.style, "children": []}
            top_label = label is not None and (
                label.kind is _DECISION_LABEL if decision_list
                else label.kind is _NUMBER_LABEL and "(" not in label.form
            )
            verb = _verb(_start(body).strip() or text[:400]) if label is None else None
            if top_label:
                node["kind"] = top
                roots.append(node)
                stack = [roots, node["children"]]
            elif label is not None and len(stack) > 1 and _note_label(label, stack):
                # "(61) ..." after the body: a footnote written in the text, not a sub-paragraph
                node.update(kind=Kind.TEXT)
                roots.append(node)
                stack = [roots]
            elif label is not None and len(stack) > 1:
                node["kind"] = Kind.SUBPARAGRAPH
                self.place(node, stack)
            elif label is None and self.enacting_at(blocks, index):
                node.update(kind=Kind.ENACTING)
                roots.append(node)
                stack = [roots]
            elif label is None and (
                _DIRECTED.match(text) or (_is_caps(text) and len(text) < 200)
                or (block.style or "").lower().startswith("heading") or _ARTICLE.match(text)
                or (decisions and _DECISION_RANGE.match(text))
                or (decisions and verb is None and len(text) < 200 and not text.endswith(_END))
            ):
                node.update(kind=Kind.HEADING, label=None, old=None, lspans=(), spans=block.spans)
                roots.append(node)
                stack = [roots]
            elif label is None and _FOOTNOTE.match(text) and last is not None:
                node["kind"] = Kind.TEXT  # a note written in the text ("* Amended at ...")
                roots.append(node)
                stack = [roots]
            elif label is None and top is Kind.OPERATIVE and (
                verb == "operative" or last is None or last["kind"] is Kind.HEADING
            ):
                node["kind"] = Kind.OPERATIVE  # CITES, IWC, CMS of 1985: unnumbered operative paragraphs
                roots.append(node)
                stack = [roots, node["children"]]
            elif label is None and last is not None and last["kind"] is not Kind.HEADING and (
                _ends_with(last["spans"], ":") or last["unlisted"]
            ):
                node["kind"] = Kind.SUBPARAGRAPH  # items without labels under "... as follows:"
                stack = self.place_unlabelled(node, last, stack)
            else:
                # Unlabelled text after a paragraph continues that paragraph (a closing sentence).
                if label is not None:
                    self.warn(f"paragraph labelled {label.render()!r} has no paragraph to belong to", block.source)
                node["kind"] = Kind.TEXT
                stack[1 if len(stack) > 1 else 0].append(node)
            node["unlisted"] = node["label"] is None and node["kind"] is Kind.SUBPARAGRAPH
            last = node
        return [self.freeze(n) for n in roots]

    def place_unlabelled(self, node: dict, last: dict, stack: list[list[dict]]) -> list[list[dict]]:
        """Place an item without a label: under ``last`` when that introduces a list (ends with ``:``),
        beside an earlier item that it parallels (``Amendments to Table 1b:`` after ``... Table 1a:``),
        else beside ``last``."""
        first = _first_words(_start(node["spans"], 80))
        if _ends_with(node["spans"], ":"):
            for depth in range(len(stack) - 1, 0, -1):
                peer = next((n for n in reversed(stack[depth]) if n.get("unlisted")), None)
                if peer is not None and _first_words(_start(peer["spans"], 80)) == first and first:
                    stack[depth].append(node)
                    del stack[depth + 1:]
                    stack.append(node["children"])
                    return stack
        depth = next((d for d in range(len(stack) - 1, -1, -1) if any(n is last for n in stack[d])), 0)
        del stack[depth + 1:]
        if _ends_with(last["spans"], ":"):
            stack.append(last["children"])
        stack[-1].append(node)
        stack.append(node["children"])
        return stack

    def place(self, node: dict, stack: list[list[dict]]) -> None:
        """Put a sub-paragraph at the level whose labels it continues, or open a deeper level."""
        label: Label = node["label"]
        for depth in range(len(stack) - 1, 0, -1):
            last_node = _last_labelled(stack[depth])
            if last_node is None:
                continue
            last: Label = last_node["label"]
            candidate = label
            # "(i)" after "(h)" is the ninth letter; after "(a)" it opens a list of roman numerals.
            if label.kind is _ROMAN_LABEL and last.kind is _LETTER_LABEL:
                letter = labels.as_letter(label)
                if letter.kind is _LETTER_LABEL and letter.value in (last.value, last.value + 1):
                    candidate = letter
            if labels.same_series(candidate, last):
                node["label"] = candidate
                if node["old"] is not None and node["old"].kind is _ROMAN_LABEL and candidate.kind is _LETTER_LABEL:
                    node["old"] = labels.as_letter(node["old"])
                if labels.order(candidate) <= labels.order(last):
                    self.warn(
                        f"label {candidate.render()!r} does not follow {last.render()!r}", node["source"]
                    )
                stack[depth].append(node)
                del stack[depth + 1 :]
                stack.append(node["children"])
                return
        # A new, deeper level under the last paragraph placed. A roman-looking first label other
        # than i is a letter: "c)" alone.
        if label.kind is _ROMAN_LABEL and label.value != 1:
            node["label"] = labels.as_letter(label)
            if node["old"] is not None:
                node["old"] = labels.as_letter(node["old"])
        stack[-1].append(node)
        stack.append(node["children"])

    def freeze(self, node: dict) -> Paragraph:
        return Paragraph(
            node["kind"], node["spans"], node["label"], node["old"], node["lspans"],
            tuple(self.freeze(c) for c in node["children"]), node["source"], node["style"],
        )

    def plain(self, block: Block) -> Paragraph:
        text = block.text.strip()
        label, old, lspans, body = self.split_label(block, decisions=True)
        if label is None and (
            _ANNEX.match(text) or (_is_caps(text) and len(text) < 200)
            or (block.style or "").lower().startswith(("heading", "title"))
        ):
            return Paragraph(Kind.HEADING, block.spans, source=block.source, style=block.style)
        return Paragraph(Kind.TEXT, body, label, old, lspans, source=block.source, style=block.style)

    # -- metadata -----------------------------------------------------------------------------------
    def metadata(self, meta: Meta, parts: list[Part]) -> Meta:
        symbol = meta.symbol
        if not symbol and self.symbols:
            symbol = re.sub(r"/Annex \w+$| Annex \w+$", "", self.symbols[0])
        meeting = meta.meeting or normalise_meeting(symbol)
        convention = meta.convention
        if not convention:
            # the body the symbol, designation or masthead names (a formula or wording only suggests one:
            # `revcop parse` says which, and --convention uses it)
            found = conventions.identify(Document(replace(meta, symbol=symbol), tuple(parts)))
            convention = found.name if found is not None else ""
        amendments = meta.amendments or any(
            s.change is not _UNCHANGED for part in parts for p in part.walk() for s in (*p.label_spans, *p.spans)
        )
        return replace(meta, symbol=symbol, meeting=meeting, convention=convention, amendments=amendments)


def build(blocks: list[Block], path: str = "") -> Result:
    """Recognise the structure of a document read as ``blocks``; warnings travel with the result."""
    builder = _Builder(blocks, path)
    try:
        document = builder.build()
    finally:
        labels.forget_openings()
    return Result(document, builder.messages)
