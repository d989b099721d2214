"""Akoma Ntoso 3.0 writer (AKN4UN profile): a resolution as ``<statement name="resolution">``.

Structure: ``meta/identification`` with the FRBR Work, Expression and Manifestation (URIs such as
``/akn/un/statement/resolution/cms/2024/14-16/eng@2026-03-29``), ``preface`` (masthead, designation,
title, adoption line), ``preamble`` (recitals, then the enacting formula as ``formula``), ``mainBody``
(one ``paragraph`` per operative paragraph with ``num`` and ``content/p``; sub-paragraphs as
``list/point``, nested as deep as the tree). Marks left in the document (an amendment view) are written
as ``ins``/``del``; footnotes as ``authorialNote``. The work date is the date of the first version, the
expression date the date of this one (given by the library). Without them (``revcop consolidate``) they
are the closing days, in the meetings table, of the meeting that adopted the instrument and of the one
whose amendments the text carries, where the table has them from checked material (a text still
carrying its amendment marks is a proposal: it has no expression date). Akoma Ntoso
requires a date in each FRBRdate; only when none is known is it ``0001-01-01`` with ``name="unknown"``
(and the meeting stands in for the expression's date in the URIs).
"""

from __future__ import annotations

import re

from revcop.model import Change, Document, Kind, Paragraph, Span
from revcop.patterns import compiled

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
UNKNOWN_DATE = "0001-01-01"
_LANGUAGE = "eng"
_DESIGNATION = compiled(r"^(?:Resolution|Decision|Résolution|Resolución)\b", re.IGNORECASE)


def _frbr_number(meta) -> str:
    return (meta.instrument_number or "0").replace(".", "-").replace("/", "-")


def known_dates(doc: Document) -> tuple[str, str]:
    """(work date, expression date) from the meetings table: the closing day (resolutions are adopted
    in the closing plenary) of the meeting that adopted the instrument (14.16: COP14) and of the one
    that amended it (``meta.revision``; the work's own date for a text as first adopted). A text that
    still carries amendment marks is a proposal, adopted on no day: no expression date. Only rows
    checked against the meeting's documents (``verified``) count; otherwise ``""``."""
    from revcop import meetings
    from revcop.errors import InputError

    meta = doc.meta

    if not meta.convention or not meta.instrument:
        return "", ""
    try:
        table = meetings.load()
    except InputError:
        return "", ""

    def closing(number: int | None) -> str:
        row = table.get((meta.convention.upper(), number)) if number is not None else None
        return row.end.isoformat() if row is not None and row.end is not None and row.verified else ""

    work = closing(meetings.adopted_at(meta.instrument))
    if meta.revision:
        return work, closing(meetings.meeting_number(meta.revision))
    marked = any(s.change is not Change.UNCHANGED for p in doc.walk() for s in (*p.label_spans, *p.spans))
    return work, "" if marked else work


def uris(doc: Document, work_date: str = "", date: str = "", language: str = _LANGUAGE) -> dict[str, str]:
    """The FRBR Work, Expression and Manifestation URIs of ``doc`` (AKN naming convention 3.0)."""
    meta = doc.meta
    convention = (meta.convention or "un").lower()
    year = (work_date or date or UNKNOWN_DATE)[:4]
    work = f"/akn/un/statement/resolution/{convention}/{year}/{_frbr_number(meta)}"
    version = date or (meta.meeting or meta.revision or "").lower() or "current"
    expression = f"{work}/{language}@{version}"
    return {"work": work, "expression": expression, "manifestation": f"{expression}.akn"}


class _Writer:
    def __init__(self) -> None:
        from lxml import etree

        self.etree = etree
        self.ids: set[str] = set()

    def el(self, parent, tag: str, text: str | None = None, **attrs):
        e = self.etree.SubElement(parent, f"{{{NS}}}{tag}", {k.rstrip("_"): v for k, v in attrs.items()})
        if text is not None:
            e.text = text
        return e

    def eid(self, base: str) -> str:
        eid, n = base, 1
        while eid in self.ids:
            n += 1
            eid = f"{base}_{n}"
        self.ids.add(eid)
        return eid

    def inline(self, parent, spans: tuple[Span, ...]) -> None:
        """Append spans as mixed content: plain text, ``ins``/``del`` for marks, notes, ``br``."""
        last = None  # the element whose tail receives the next plain text

        def add_text(text: str):
            nonlocal last
            pieces = text.split("\n")
            for i, piece in enumerate(pieces):
                if i:
                    last = self.el(parent, "br")
                if not piece:
                    continue
                if last is None:
                    parent.text = (parent.text or "") + piece
                else:
                    last.tail = (last.tail or "") + piece

        for span in spans:
            if span.note is not None:
                note = self.el(parent, "authorialNote", marker=span.note.marker, placement="bottom",
                               eId=self.eid(f"fnote_{span.note.marker}"))
                self.inline(self.el(note, "p"), span.note.spans)
                last = note
                continue
            if span.change is Change.UNCHANGED:
                add_text(span.text)
                continue
            mark = self.el(parent, "ins" if span.change is Change.INSERTED else "del")
            self.inline(mark, (Span(span.text),))
            last = mark

    def label_text(self, p: Paragraph, num) -> None:
        if p.label_spans and any(s.change is not Change.UNCHANGED for s in p.label_spans):
            self.inline(num, p.label_spans)
        else:
            num.text = "".join(s.text for s in p.label_spans) or (p.label.render() if p.label else "")

    def block(self, parent, p: Paragraph, path: str, depth: int) -> None:
        """An operative paragraph (depth 0) or a sub-paragraph (a point in its parent's list)."""
        token = _token(p) or str(len(parent) + 1)
        if depth == 0:
            tag = "paragraph" if p.label is not None else "hcontainer"
            eid = self.eid(f"para_{token}" if p.label is not None else f"hcontainer_{token}")
            attrs = {} if p.label is not None else {"name": "crossHeading" if p.kind is Kind.HEADING else "text"}
        else:
            tag, eid = "point", self.eid(f"{path}__point_{token}")
            attrs = {}
        node = self.el(parent, tag, eId=eid, **attrs)
        if p.label_spans or p.label is not None:
            self.label_text(p, self.el(node, "num"))
        if p.children:
            holder = self.el(node, "list", eId=self.eid(f"{eid}__list_1"))
            if p.spans:
                self.inline(self.el(self.el(holder, "intro"), "p"), p.spans)
            for child in p.children:
                self.block(holder, child, f"{eid}__list_1", depth + 1)
        else:
            self.inline(self.el(self.el(node, "content"), "p"), p.spans)

    def write(self, doc: Document, part: str, work_date: str, date: str) -> bytes:
        from revcop.writers.text import parts_to_write

        etree = self.etree
        meta = doc.meta
        root = etree.Element(f"{{{NS}}}akomaNtoso", nsmap={None: NS})
        statement = self.el(root, "statement", name="resolution",
                            contains="originalVersion" if not meta.revision else "singleVersion")
        if not work_date and not date:
            work_date, date = known_dates(doc)
        u = uris(doc, work_date, date)
        ident = self.el(self.el(statement, "meta"), "identification", source="#revcop")
        work = self.el(ident, "FRBRWork")
        self.el(work, "FRBRthis", value=f"{u['work']}/main")
        self.el(work, "FRBRuri", value=u["work"])
        self.el(work, "FRBRdate", date=work_date or date or UNKNOWN_DATE, name="adoption" if work_date or date else "unknown")
        self.el(work, "FRBRauthor", href=f"#{(meta.convention or 'un').lower()}-cop")
        self.el(work, "FRBRcountry", value="un")
        if meta.instrument_number:
            self.el(work, "FRBRnumber", value=meta.instrument_number)
        if meta.instrument:
            self.el(work, "FRBRname", value=meta.instrument)
        expr = self.el(ident, "FRBRExpression")
        self.el(expr, "FRBRthis", value=f"{u['expression']}/main")
        self.el(expr, "FRBRuri", value=u["expression"])
        self.el(expr, "FRBRdate", date=date or UNKNOWN_DATE,
                name=("amendment" if meta.revision else "adoption") if date else "unknown")
        self.el(expr, "FRBRauthor", href=f"#{(meta.convention or 'un').lower()}-cop")
        self.el(expr, "FRBRlanguage", language=_LANGUAGE)
        man = self.el(ident, "FRBRManifestation")
        self.el(man, "FRBRthis", value=f"{u['expression']}/main.xml")
        self.el(man, "FRBRuri", value=u["manifestation"])
        self.el(man, "FRBRdate", date=date or UNKNOWN_DATE, name="transformation")
        self.el(man, "FRBRauthor", href="#revcop")
        refs = self.el(statement[0], "references", source="#revcop")
        conv = (meta.convention or "un").lower()
        self.el(refs, "TLCOrganization", eId=f"{conv}-cop", href=f"/ontology/organization/un/{conv}-cop",
                showAs=f"Conference of the Parties{' to ' + meta.convention if meta.convention else ''}")
        self.el(refs, "TLCOrganization", eId="revcop", href="/ontology/organization/revcop", showAs="revcop")

        paragraphs = [p for chosen in parts_to_write(doc, part) for p in chosen.paragraphs]
        front = [p for p in paragraphs if p.kind in (Kind.MASTHEAD, Kind.TITLE, Kind.ADOPTION, Kind.LEGEND)
                 or (p.kind is Kind.HEADING and not _after_enacting(paragraphs, p))]
        pre = [p for p in paragraphs if p.kind in (Kind.PREAMBLE, Kind.ENACTING)]
        body = [p for p in paragraphs if p not in front and p not in pre]
        if front:
            preface = self.el(statement, "preface")
            for p in front:
                holder = self.el(preface, "p", class_=p.kind.value)
                text = p.text.strip()
                if p.kind is Kind.TITLE:
                    holder = self.el(holder, "docNumber" if _DESIGNATION.match(text) else "docTitle")
                self.inline(holder, p.spans)
        if pre:
            preamble = self.el(statement, "preamble")
            for p in pre:
                if p.kind is Kind.ENACTING:
                    self.inline(self.el(self.el(preamble, "formula", name="enactingFormula"), "p"), p.spans)
                else:
                    self.inline(self.el(preamble, "p"), (*p.label_spans, *((Span(" "),) if p.label_spans else ()), *p.spans))
        main = self.el(statement, "mainBody")
        for p in body:
            self.block(main, p, "", 0)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _after_enacting(paragraphs: list[Paragraph], p: Paragraph) -> bool:
    seen = False
    for q in paragraphs:
        if q.kind in (Kind.ENACTING, Kind.OPERATIVE):
            seen = True
        if q is p:
            return seen
    return False


def _token(p: Paragraph) -> str:
    """``11 bis.`` -> ``11bis``, ``(iv)`` -> ``iv``: the label as an eId token."""
    if p.label is None:
        return ""
    return re.sub(r"[^0-9A-Za-z]", "", p.label.render())


def render(doc: Document, part: str = "resolution", work_date: str = "", date: str = "") -> bytes:
    """``doc`` as AKN XML (UTF-8 bytes); ``part`` as for the text writer."""
    return _Writer().write(doc, part, work_date, date)
