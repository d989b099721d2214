"""Structure recognition: blocks from any reader -> the paragraph tree of a :class:`Document`.

Finds the parts of a meeting document (body, the resolution under amendment, draft decisions, other
annexes) or takes a standalone resolution; within a resolution tells the title block, preamble,
enacting formula, operative paragraphs and nested sub-paragraphs apart; fills the metadata.
"""

from __future__ import annotations

import re
from dataclasses import replace

from revcop import labels
from revcop.model import (
    Block, Change, Document, Kind, Label, LabelKind, Message, Meta, Paragraph, Part, PartKind, Result,
    Span, Status, status_of,
)

_SYMBOL = re.compile(
    r"^(?:[A-Z][A-Za-z]*(?:/[A-Za-z0-9.\-]+(?: [0-9][0-9.]*)?){2,}(?:/Annex \w+)?"
    r"|(?:CoP|COP|SC|AC|PC)\d+ (?:Doc|Inf|Com)\. ?[\d.]+(?: Annex \w+)?)$"
)
_PAGE_NUMBER = re.compile(r"^[-–\s]*\d{1,4}[-–\s]*$|^Page \d+( of \d+)?$", re.IGNORECASE)
_ANNEX = re.compile(r"^ANNEX(?:\s+([0-9]+|[IVX]+))?\.?$", re.IGNORECASE)
_AMENDMENTS = re.compile(
    r"^PROPOSED\s+AMENDMENTS?\s+TO\s+(?:THE\s+)?(?P<kind>RESOLUTION|DECISION)S?\s+"
    r"(?P<conf>CONF\.\s*)?(?P<number>[0-9IVXLC]+[./][0-9]+)(?:\s*\((?P<rev>[^)]*)\))?",
    re.IGNORECASE,
)
_DRAFT_DECISIONS = re.compile(r"^DRAFT\s+DECISIONS?\b", re.IGNORECASE)
_DRAFT_RESOLUTION = re.compile(r"^(?:DRAFT\s+)?RESOLUTION\b(?!\s+[0-9])", re.IGNORECASE)
_LEGEND = re.compile(
    r"^(?:NB|N\.B\.|Note)\s*:?.*\b(?:underlined|struck|crossed out|strikethrough)|"
    r"\bProposed new text is underlined\b|\bsoulign[ée]|\bsubrayad[oa]",
    re.IGNORECASE,
)
_ENACTING = re.compile(
    r"^(?:The\s+)?Conference\s+of\s+the\s+Parties\b|^La\s+Conf[ée]rence\s+des\s+Parties\b|"
    r"^La\s+Conferencia\s+de\s+las\s+Partes\b",
    re.IGNORECASE,
)
_ADOPTION = re.compile(r"^(?:Adopted|Adoptée?|Adoptada)\s+(?:by|par|por)\b", re.IGNORECASE)
_MASTHEAD = re.compile(
    r"^(?:CONVENTION ON MIGRATORY SPECIES|CONVENTION ON INTERNATIONAL TRADE|Distribution\s*:|"
    r"Original\s*:|Language\s*:|Date\s*:)",
)
_DESIGNATION = re.compile(
    r"^(?:Resolution|Résolution|Resolución|Decision|Décision|Decisión)\s+(?:Conf\.\s*)?"
    r"(?P<number>[0-9IVXLC]+[./][0-9]+)(?:\s*\((?P<rev>[^)]*)\))?$",
    re.IGNORECASE,
)
_MASTHEAD_SYMBOL = re.compile(r"/(?P<kind>Resolution|Decision|Res\.)\s*(?P<number>\d+\.\d+)(?:\s*\((?P<rev>[^)]*)\))?$")
_MEETING = re.compile(r"(?<![A-Za-z])(?P<body>COP|CoP|MOP|ScC|SC)[-\s]?(?P<n>\d{1,2})(?!\d)")
_DIRECTED = re.compile(r"^Directed\s+to\b", re.IGNORECASE)


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
    return "".join(s.text for s in spans if s.change is not Change.INSERTED and s.note is None)


def _new_text(spans) -> str:
    return "".join(s.text for s in spans if s.change is not Change.DELETED and s.note is None)


def _unmarked(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """The spans with their marks cleared: a legend shows its own convention (``underlined``
    underlined, ``crossed out`` struck through) and a title may be underlined for emphasis; neither is
    an amendment."""
    return tuple(replace(s, change=Change.UNCHANGED, move=None) for s in spans)


def _furniture_spans(kind: Kind, spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Marks on the legend are never amendments; on a title or heading of the title block, underline
    of the whole paragraph is emphasis (a partly marked or struck title is a real amendment)."""
    if kind is Kind.LEGEND:
        return _unmarked(spans)
    if kind in (Kind.TITLE, Kind.HEADING) and status_of(spans) is Status.INSERTED:
        return _unmarked(spans)
    return spans


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and not any(c.islower() for c in letters)


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
        adv_old = n if span.change is not Change.INSERTED else 0
        adv_new = n if span.change is not Change.DELETED else 0
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


def _lstrip(spans) -> tuple[Span, ...]:
    out = list(spans)
    while out and out[0].note is None and not out[0].text.strip():
        out.pop(0)
    if out and out[0].note is None and out[0].text[:1].isspace():  # a new span only where it changes
        out[0] = out[0].with_text(out[0].text.lstrip())
    return tuple(out)


def _rstrip(spans) -> tuple[Span, ...]:
    out = list(spans)
    while out and out[-1].note is None and not out[-1].text.strip():
        out.pop()
    if out and out[-1].note is None and out[-1].text[-1:].isspace():
        out[-1] = out[-1].with_text(out[-1].text.rstrip())
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
            old = label if block.number_change is not Change.INSERTED else None
            new = label if block.number_change is not Change.DELETED else None
            spans = (Span(block.number, block.number_change),)
            return new or old, old, spans, _lstrip(block.spans)
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
        head = _rstrip(_lstrip(head))
        if new_label is None and old_label is not None and _new_text(head).strip():
            new_label = old_label
        return new_label or old_label, old_label, head, _lstrip(tail)

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
            marked = any(s.change is not Change.UNCHANGED for s in block.spans)
            if not marked and _SYMBOL.match(text):
                nearby = " ".join(b.text for b in self.blocks[max(0, i - 3) : i + 3])
                if "Distribution" in nearby or "Original" in nearby or _MASTHEAD_SYMBOL.search(text):
                    kept.append(block)  # part of a masthead, not a running header
                else:
                    self.symbols.append(text)
                continue
            if not marked and _PAGE_NUMBER.match(text) and not block.in_table:
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
            kind = self.classify(heading, section, first=index == 0, annexed=bool(annexed))
            if kind is PartKind.RESOLUTION and any(p.kind is PartKind.RESOLUTION for p in parts):
                self.warn(f"a second resolution ({heading or 'untitled'}) is kept as an annex")
                kind = PartKind.ANNEX
            if kind is PartKind.RESOLUTION:
                part, meta = self.resolution(heading, section, meta)
            elif kind is PartKind.DECISIONS:
                part = self.decisions(heading, section)
            else:
                part = Part(kind, tuple(self.plain(b) for b in section), heading)
            parts.append(part)
        meta = self.metadata(meta, parts)
        return Document(meta, tuple(parts), source=self.path)

    def classify(self, heading: str, section: list[Block], *, first: bool, annexed: bool) -> PartKind:
        head = [b.text.strip() for b in section[:6]]
        if any(_AMENDMENTS.match(t) for t in head):
            return PartKind.RESOLUTION
        if any(_DRAFT_DECISIONS.match(t) for t in head[:4]):
            return PartKind.DECISIONS
        has_enacting = any(self.enacting_at(section, i) for i in range(len(section)))
        if has_enacting:
            return PartKind.RESOLUTION
        if first and not heading:
            return PartKind.BODY if annexed else PartKind.TEXT
        return PartKind.ANNEX

    def enacting_at(self, section: list[Block], i: int) -> int:
        """How many blocks form an enacting formula starting at ``i`` (0 if none)."""
        text = _new_text(section[i].spans).strip() or section[i].text.strip()
        if not _ENACTING.match(text) or len(text) > 250 or text.endswith((",", ";", ".", ":")):
            return 0
        if labels.match(text):
            return 0
        n = 1
        # "The Conference of the Parties to the" / "Convention on the Conservation of ..."
        while i + n < len(section) and n < 3:
            nxt = section[i + n].text.strip()
            if re.match(r"^(?:to\s+the\s+)?Convention\b|^(?:de\s+la|à\s+la)\s+Convention\b|^de\s+la\s+Convención\b", nxt, re.IGNORECASE) and not nxt.endswith((",", ";")):
                n += 1
            else:
                break
        return n

    # -- resolution ---------------------------------------------------------------------------------
    def title_block(self, section: list[Block], meta: Meta) -> tuple[list[Paragraph], int, Meta]:
        out: list[Paragraph] = []
        i = 0
        titled = False
        while i < len(section):
            block = section[i]
            text = block.text.strip()
            m = _AMENDMENTS.match(text)
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
            elif _LEGEND.search(text) and len(text) < 300:
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
            elif (dm := _DESIGNATION.match(text)):
                kind = Kind.TITLE
                if not meta.instrument:
                    kind_word = "Decision" if text.lower().startswith("d") else "Resolution"
                    meta = replace(
                        meta, instrument=f"{kind_word} {normalise_number(dm.group('number'))}",
                        revision=normalise_meeting(dm.group("rev") or ""),
                    )
            elif _is_caps(text) and len(text) < 200 and not labels.match(text):
                kind = Kind.HEADING if titled else Kind.TITLE
                if not titled:
                    titled = True
                    meta = replace(meta, title=_new_text(block.spans).strip() or text)
            elif block.style and block.style.lower() in ("title", "heading 1") and not titled:
                kind = Kind.TITLE
                titled = True
                meta = replace(meta, title=text)
            else:
                break
            out.append(Paragraph(kind, _furniture_spans(kind, block.spans), source=block.source, style=block.style))
            i += 1
        return out, i, meta

    def resolution(self, heading: str, section: list[Block], meta: Meta) -> tuple[Part, Meta]:
        paragraphs, i, meta = self.title_block(section, meta)
        enacting = next((j for j in range(i, len(section)) if self.enacting_at(section, j)), None)
        if enacting is None:
            # No enacting formula: operative paragraphs start at the first numbered one.
            enacting = next(
                (j for j in range(i, len(section)) if self.split_label(section[j])[0] is not None
                 and self.split_label(section[j])[0].kind is LabelKind.NUMBER),
                len(section),
            )
            operative_start = enacting
        else:
            operative_start = enacting + self.enacting_at(section, enacting)
        for block in section[i:enacting]:
            if _LEGEND.search(block.text) and len(block.text) < 300:
                paragraphs.append(Paragraph(Kind.LEGEND, _unmarked(block.spans), source=block.source,
                                            style=block.style))
                continue
            label, old, lspans, body = self.split_label(block)
            paragraphs.append(Paragraph(Kind.PREAMBLE, body, label, old, lspans, source=block.source,
                                        style=block.style))
        if operative_start > enacting:
            spans: list[Span] = []
            for j in range(enacting, operative_start):
                if spans:
                    spans.append(Span("\n"))
                spans += section[j].spans
            # A formula of one block keeps its style; one joined from several has none of its own.
            style = section[enacting].style if operative_start - enacting == 1 else None
            paragraphs.append(Paragraph(Kind.ENACTING, tuple(spans), source=section[enacting].source, style=style))
        paragraphs += self.nest(section[operative_start:], Kind.OPERATIVE, decisions=False)
        return Part(PartKind.RESOLUTION, tuple(paragraphs), heading), meta

    def decisions(self, heading: str, section: list[Block]) -> Part:
        paragraphs, i, _ = self.title_block(section, Meta())
        return Part(PartKind.DECISIONS, tuple(paragraphs + self.nest(section[i:], Kind.DECISION, decisions=True)), heading)

    def nest(self, blocks: list[Block], top: Kind, *, decisions: bool) -> list[Paragraph]:
        """Operative paragraphs (or decisions) with their sub-paragraphs nested under them.

        ``stack`` holds, per open level, the list of paragraphs at that level (as mutable dicts).
        """
        roots: list[dict] = []
        stack: list[list[dict]] = [roots]
        for block in blocks:
            label, old, lspans, body = self.split_label(block, decisions=decisions)
            text = block.text.strip()
            node = {"label": label, "old": old, "lspans": lspans, "spans": body, "source": block.source,
                    "style": block.style, "children": []}
            top_label = label is not None and (
                label.kind is LabelKind.DECISION if top is Kind.DECISION
                else label.kind is LabelKind.NUMBER and "(" not in label.form
            )
            if top_label:
                node["kind"] = top
                roots.append(node)
                stack = [roots, node["children"]]
            elif label is not None and len(stack) > 1:
                node["kind"] = Kind.SUBPARAGRAPH
                self.place(node, stack)
            elif label is None and (
                _DIRECTED.match(text) or (_is_caps(text) and len(text) < 200)
                or (block.style or "").lower().startswith("heading")
            ):
                node.update(kind=Kind.HEADING, label=None, old=None, lspans=(), spans=block.spans)
                roots.append(node)
                stack = [roots]
            else:
                # Unlabelled text after a paragraph continues that paragraph (a closing sentence).
                if label is not None:
                    self.warn(f"paragraph labelled {label.render()!r} has no paragraph to belong to", block.source)
                node["kind"] = Kind.TEXT
                stack[1 if len(stack) > 1 else 0].append(node)
        return [self.freeze(n) for n in roots]

    def place(self, node: dict, stack: list[list[dict]]) -> None:
        """Put a sub-paragraph at the level whose labels it continues, or open a deeper level."""
        label: Label = node["label"]
        for depth in range(len(stack) - 1, 0, -1):
            # the last labelled node of the level, searched from the end (a full scan per
            # sub-paragraph made long lists quadratic)
            last_node = next((n for n in reversed(stack[depth]) if n["label"] is not None), None)
            if last_node is None:
                continue
            last: Label = last_node["label"]
            candidate = label
            # "(i)" after "(h)" is the ninth letter; after "(a)" it opens a list of roman numerals.
            if label.kind is LabelKind.ROMAN and last.kind is LabelKind.LETTER:
                letter = labels.as_letter(label)
                if letter.kind is LabelKind.LETTER and letter.value in (last.value, last.value + 1):
                    candidate = letter
            if labels.same_series(candidate, last):
                node["label"] = candidate
                if node["old"] is not None and node["old"].kind is LabelKind.ROMAN and candidate.kind is LabelKind.LETTER:
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
        if label.kind is LabelKind.ROMAN and label.value != 1:
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
            if "/CMS/" in symbol or any(
                p.text.strip().startswith("CONVENTION ON MIGRATORY SPECIES") for part in parts for p in part.walk()
            ):
                convention = "CMS"
            elif re.match(r"^(?:CoP|SC|AC|PC)\d+ ", symbol) or "Conf." in meta.instrument:
                convention = "CITES"
            elif "Ramsar" in symbol:
                convention = "Ramsar"
        amendments = meta.amendments or any(
            s.change is not Change.UNCHANGED for part in parts for p in part.walk() for s in (*p.label_spans, *p.spans)
        )
        return replace(meta, symbol=symbol, meeting=meeting, convention=convention, amendments=amendments)


def build(blocks: list[Block], path: str = "") -> Result:
    """Recognise the structure of a document read as ``blocks``; warnings travel with the result."""
    builder = _Builder(blocks, path)
    document = builder.build()
    return Result(document, builder.messages)
