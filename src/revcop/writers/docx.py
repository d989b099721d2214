"""The Word (.docx) writer: a Document -> a WordprocessingML package in the house style.

All OOXML knowledge of the writing side lives here. The package is built from parts the writer makes
itself (document, styles, footnotes, endnotes, header, footer, settings); the styles come from
``templates/docx/styles.xml`` or from a user's template .docx (its styles and page setup, with any
house style it lacks added). Paragraphs and runs are written as XML text, escaped as lxml escapes
them (an lxml element per run cost twice the time); the rest of each part is built with lxml.

Amendments are written either as the house style of amendment annexes (``marks="underline"``:
inserted text underlined, deleted text struck through) or as native Word revisions
(``marks="tracked"``: ``w:ins``/``w:del``, moves as ``w:moveFrom``/``w:moveTo``, and a wholly inserted
or deleted paragraph carries an inserted/deleted paragraph mark so that accepting or rejecting all
revisions removes it entirely, ECMA-376 17.13.5.15 and 17.13.5.20).
"""

from __future__ import annotations

import _thread
import io
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import IO

from lxml import etree

from revcop.errors import InputError
from revcop.model import Change, Document, Kind, Note, Paragraph, Span, Status, status_of
from revcop.ooxml.names import (
    CORE_CONTENT_TYPE,
    CORE_PROPERTIES_REL,
    CP_NS,
    CT_NS,
    DC_NS,
    NSMAP,
    PKG_REL_NS,
    R_NS,
    REL_TYPE,
    RELS_CONTENT_TYPE,
    W_NS,
    WML_CONTENT_TYPE,
    WORD_COMPAT_URI,
    XML_NS,
    w,
)
from revcop.patterns import compiled
from revcop.resources import templates_dir
from revcop.writers import house
from revcop.writers.comments import DocxComments
from revcop.writers.text import parts_to_write

MARKS = ("underline", "tracked")
INDENT = 567  # twips (1 cm): one level of hanging indent

_STYLE_BY_KIND = {
    Kind.ADOPTION: "RevcopAdoption",
    Kind.HEADING: "RevcopHeading",
    Kind.LEGEND: "RevcopLegend",
    Kind.PREAMBLE: "RevcopPreamble",
    Kind.ENACTING: "RevcopEnacting",
    Kind.OPERATIVE: "RevcopOperative",
    Kind.SUBPARAGRAPH: "RevcopSubparagraph",
    Kind.DECISION: "RevcopDecision",
    Kind.TEXT: "Normal",
}


# The members the code compares with per paragraph and per run, bound once: on Python 3.11 a member
# looked up on its class goes through EnumType.__getattr__, ten times a module name's cost (so looked
# up, they cost ~9 % of writing the 500k-word UN annex).
_UNCHANGED, _INSERTED, _DELETED = Change.UNCHANGED, Change.INSERTED, Change.DELETED
_MASTHEAD, _TITLE, _OPERATIVE, _SUBPARAGRAPH = Kind.MASTHEAD, Kind.TITLE, Kind.OPERATIVE, Kind.SUBPARAGRAPH
_LABEL_CHANGE = {Status.INSERTED: _INSERTED, Status.DELETED: _DELETED}  # a wholly inserted (deleted) label's tab
_LABEL_TAB = {change: Span("\t", change) for change in _LABEL_CHANGE.values()}  # (spans are immutable)
_W: dict[str, str] = {}


def _w(name: str) -> str:
    """:func:`w`, memoised (a run of the annex needs several)."""
    found = _W.get(name)
    if found is None:
        found = _W[name] = w(name)
    return found


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, _w(tag))
    for key, value in attrs.items():
        el.set(_w(key), str(value))
    return el


def write_docx(doc: Document, *, marks: str = "underline", author: str = "revcop", date: str | None = None,
               template: str | Path | None = None, part: str = "resolution", source_styles: bool = False) -> bytes:
    """The parts of ``doc`` chosen by ``part`` (as :func:`revcop.writers.text.parts_to_write`) as .docx bytes.

    ``marks``: ``underline`` (inserted underlined, deleted struck through) or ``tracked`` (Word
    revisions by ``author`` at ``date``, ISO 8601, default now in UTC). ``template``: a .docx whose
    styles and page setup replace the house ones. ``source_styles``: ``template`` is the .docx the
    document was read from, and each paragraph keeps the style it had there (:attr:`Paragraph.style`);
    a paragraph without one (a line revcop wrote) gets its house style.
    """
    if marks not in MARKS:
        raise ValueError(f"marks must be one of {MARKS}, not {marks!r}")
    date = date or datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    chosen = parts_to_write(doc, part)
    styles, page = _styles_and_page(template)
    writer = _BodyWriter(marks, author, date, chosen)
    if source_styles:
        if template is None:
            raise ValueError("source_styles needs the source .docx as template")
        writer.kept = _kept_styles(styles)
    planned = writer.plan(doc, chosen)
    symbol = house.running_symbol(doc, chosen)
    return _package(writer.body(planned), page, styles, writer, symbol, title=house.designation(doc) or doc.meta.title,
                    author=author, comments=any(p.comments for p, _, _, _ in planned))


class _BodyWriter:
    """Writes paragraphs and runs, counting revision ids and collecting notes."""

    kept: dict[str, str] = {}  # source paragraph style name (or id) -> style id, with source_styles

    def __init__(self, marks: str, author: str, date: str, parts) -> None:
        self.tracked = marks == "tracked"
        self.author_xml = _attr(author)
        self.date_xml = _attr(date)
        self.next_id = 1
        self.footnotes: list[tuple[int, Note]] = []
        self.endnotes: list[tuple[int, Note]] = []
        self.moves = self._moves(parts) if self.tracked else {}
        self.comments = DocxComments()  # reviewers' comments: a comments part where there are any

    # -- revision bookkeeping -------------------------------------------------------------------

    @staticmethod
    def _moves(parts) -> dict[str, dict]:
        """Move ids found at both a deleted and an inserted place: {id: {name, left: {side: count}}}."""
        seen: dict[str, dict[str, int]] = {}

        def count(spans):
            for s in spans:
                if s.move and s.change in (_DELETED, _INSERTED):
                    side = "From" if s.change is _DELETED else "To"
                    seen.setdefault(s.move, {"From": 0, "To": 0})[side] += 1

        for part in parts:
            for p in part.walk():
                count(p.label_spans)
                count(p.spans)
        moves = {}
        for n, (move, sides) in enumerate(seen.items(), 1):
            if sides["From"] and sides["To"]:
                moves[move] = {"name": f"revcopMove{n}", "left": dict(sides), "range": {}}
        return moves

    def _id(self) -> str:
        self.next_id += 1
        return str(self.next_id)

    def _revision(self, tag: str, *, empty: bool = False) -> str:
        """The start tag of a revision (a new id), or the whole element where ``empty``."""
        close = "/" if empty else ""
        return f'<w:{tag} w:id="{self._id()}" w:author="{self.author_xml}" w:date="{self.date_xml}"{close}>'

    # -- paragraphs -----------------------------------------------------------------------------

    def plan(self, doc: Document, parts) -> list[tuple[Paragraph, str, int, bool]]:
        """The paragraphs of the body, each with its style, depth and whether a page break comes first."""
        out = []
        for index, part in enumerate(parts):
            paragraphs = house.with_masthead(doc, part)
            mastheads = [p for p in paragraphs if p.kind is _MASTHEAD]
            first = True
            for p, depth in house.walk(paragraphs):
                style = self.kept.get(p.style) or self._style(p, mastheads)
                if not p.spans and not p.label_spans:
                    continue
                out.append((p, style, depth, first and index > 0))
                first = False
        return out

    def body(self, planned: list[tuple[Paragraph, str, int, bool]]) -> Iterator[str]:
        """The paragraphs of :meth:`plan` as XML text, one string a paragraph, made as they are written
        into the package: a long document's body is never held whole (the 500k annex's peak)."""
        if not planned:  # a body needs one paragraph at least (ECMA-376 17.2.2)
            yield "<w:p/>"
        for p, style, depth, page_break in planned:
            out: list[str] = []
            self.paragraph(out, p, style, depth, page_break=page_break)
            yield "".join(out)

    @staticmethod
    def _style(p: Paragraph, mastheads: list[Paragraph]) -> str:
        if p.kind is _MASTHEAD:
            if p is mastheads[0] and len(mastheads) > 1:
                return "RevcopMastheadConvention"
            return "RevcopMastheadLast" if p is mastheads[-1] else "RevcopMasthead"
        if p.kind is _TITLE:
            return "RevcopDesignation" if house.is_designation(p.text) else "RevcopTitle"
        if p.kind is _OPERATIVE and not p.label_spans:
            return "Normal"
        return _STYLE_BY_KIND.get(p.kind, "Normal")

    def paragraph(self, out: list[str], p: Paragraph, style: str, depth: int, page_break: bool = False) -> None:
        out.append(_paragraph_start(style))
        if page_break:
            out.append("<w:pageBreakBefore/>")
        if p.kind is _SUBPARAGRAPH and depth > 1:
            left = INDENT * (depth + 1)
            out.append(f'<w:tabs><w:tab w:val="left" w:pos="{left}"/></w:tabs>'
                       f'<w:ind w:left="{left}" w:hanging="{INDENT}"/>')
        if self.tracked:
            status = status_of((*p.label_spans, *p.spans))
            if status in (Status.INSERTED, Status.DELETED):
                # The paragraph mark itself is revised, so rejecting (accepting) all removes the paragraph.
                mark = self._revision("ins" if status is Status.INSERTED else "del", empty=True)
                out.append(f"<w:rPr>{mark}</w:rPr>")
        out.append("</w:pPr>")
        if p.comments:
            out.append(self.comments.start(p))
        labels = p.label_spans
        for span in labels:
            self.span(out, span)
        if labels:
            # The tab after the label is marked where the whole label is inserted (deleted); most
            # labels are one unchanged span, whose status_of is UNCHANGED.
            if len(labels) == 1 and labels[0].change is _UNCHANGED:
                change = _UNCHANGED
            else:
                change = _LABEL_CHANGE.get(status_of(labels), _UNCHANGED)
            if change is _UNCHANGED:
                out.append("<w:r><w:tab/></w:r>")  # the tab after a label, as span() writes it
            else:
                self.span(out, _LABEL_TAB[change])
        head, tail = house.split_at(p.spans, house.leading_length(p))
        for span in head:
            self.span(out, span, italic=True)
        for span in tail:
            self.span(out, span)
        if p.comments:
            out.append(self.comments.end(p))
        out.append("</w:p>")

    # -- runs -----------------------------------------------------------------------------------

    def span(self, out: list[str], span: Span, italic: bool = False) -> None:
        text = span.text
        if span.change is _UNCHANGED and span.note is None and text.isprintable():
            # Most runs of an annex: unchanged text, perhaps italic, as the steps below write it.
            if text:
                out.append(f'<w:r>{_ITALIC if italic else ""}<w:t xml:space="preserve">{_escape(text)}</w:t></w:r>')
            return
        if not text and span.note is None:
            return
        move = self.moves.get(span.move) if span.move and span.change is not _UNCHANGED else None
        side = "From" if span.change is _DELETED else "To"
        if move is not None and side not in move["range"]:
            move["range"][side] = self._id()
            out.append(f'<w:move{side}RangeStart w:id="{move["range"][side]}" w:author="{self.author_xml}" '
                       f'w:date="{self.date_xml}" w:name="{_attr(move["name"])}"/>')
        end = ""
        if self.tracked and span.change is not _UNCHANGED:
            tag = f"move{side}" if move is not None else "ins" if span.change is _INSERTED else "del"
            out.append(self._revision(tag))
            end = f"</w:{tag}>"
        run: list[str] = []
        if span.note is not None:
            self._note_reference(run, span)
        else:
            # A marked run, or one whose text holds a tab, a break or a character XML cannot hold.
            marked = not self.tracked and span.change is not _UNCHANGED
            if marked:
                run.append("<w:rPr>")
                if italic:
                    run.append("<w:i/><w:iCs/>")
                run.append("<w:strike/>" if span.change is _DELETED else '<w:u w:val="single"/>')
                run.append("</w:rPr>")
            elif italic:
                run.append(_ITALIC)
            deleted_text = self.tracked and span.change is _DELETED and move is None
            _text(run, span.text, "delText" if deleted_text else "t")
        out.append(_run(run))
        if end:
            out.append(end)
        if move is not None:
            move["left"][side] -= 1
            if move["left"][side] == 0:
                out.append(f'<w:move{side}RangeEnd w:id="{move["range"][side]}"/>')

    def _note_reference(self, run: list[str], span: Span) -> None:
        note = span.note
        assert note is not None  # called for note references only
        kind = "endnote" if note.endnote else "footnote"
        store = self.endnotes if note.endnote else self.footnotes
        number = len(store) + 1
        store.append((number, note))
        run.append(f'<w:rPr><w:rStyle w:val="{"EndnoteReference" if note.endnote else "FootnoteReference"}"/>')
        if not self.tracked and span.change is _DELETED:
            run.append("<w:strike/>")
        if not self.tracked and span.change is _INSERTED:
            run.append('<w:u w:val="single"/>')
        run.append("</w:rPr>")
        if note.marker.isdigit():
            run.append(f'<w:{kind}Reference w:id="{number}"/>')
        else:  # a mark such as "*" is printed as written
            run.append(f'<w:{kind}Reference w:id="{number}" w:customMarkFollows="1"/>')
            _text(run, note.marker, "t")

    def notes_part(self, endnote: bool) -> bytes:
        kind = "endnote" if endnote else "footnote"
        out = [f'<w:{kind} w:type="{kind_type}" w:id="{number}"><w:p><w:r><w:{kind_type}/></w:r></w:p></w:{kind}>'
               for number, kind_type in ((-1, "separator"), (0, "continuationSeparator"))]
        text_style, reference_style = ("EndnoteText", "EndnoteReference") if endnote else \
            ("FootnoteText", "FootnoteReference")
        for number, note in self.endnotes if endnote else self.footnotes:
            out.append(f'<w:{kind} w:id="{number}"><w:p><w:pPr><w:pStyle w:val="{text_style}"/></w:pPr>'
                       f'<w:r><w:rPr><w:rStyle w:val="{reference_style}"/></w:rPr>')
            if note.marker.isdigit():
                out.append(f"<w:{kind}Ref/>")
            else:
                _text(out, note.marker, "t")
            out.append('</w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>')
            for span in note.spans:
                self.span(out, span)
            out.append(f"</w:p></w:{kind}>")
        return _with_content(etree.Element(w(f"{kind}s"), nsmap=NSMAP), "".join(out))


_ITALIC = "<w:rPr><w:i/><w:iCs/></w:rPr>"  # the run properties of the leading words set in italics
# Characters XML cannot hold, or Word writes as elements; in a group, so that a split keeps them.
_CONTROL = compiled("([\x00-\x1f\ufffe\uffff])")
# Where a part built with lxml takes its paragraphs written as text (escaped text cannot spell it).
_MARKER = w("revcopContent")
_MARKER_TEXT = b"<w:revcopContent/>"


@lru_cache(maxsize=256)
def _paragraph_start(style: str) -> str:
    """A paragraph's start tag and its style's (a document's paragraphs have a handful of styles)."""
    return f'<w:p><w:pPr><w:pStyle w:val="{_attr(style)}"/>'


def _escape(text: str) -> str:
    """Text content as lxml writes it."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _attr(value: str) -> str:
    """An attribute value as lxml writes it; like lxml, refuses what XML cannot hold."""
    value = _escape(value).replace('"', "&quot;")
    if _CONTROL.search(value):
        if any(ch not in "\t\n\r" for ch in _CONTROL.findall(value)):
            raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or "
                             "control characters")
        value = value.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")
    return value


def _part(root: etree._Element, content: str) -> bytes:
    """``root`` as a part, with ``content`` (XML text) in place of its :data:`_MARKER` element."""
    return _xml(root).replace(_MARKER_TEXT, content.encode("utf-8"), 1)


def _part_in_pieces(root: etree._Element, pieces: Iterable[str], batch: int = 256) -> Iterator[bytes]:
    """:func:`_part` of the joined ``pieces``, as bytes to write one after another."""
    head, tail = _xml(root).split(_MARKER_TEXT, 1)
    yield head
    chunk: list[str] = []
    for piece in pieces:
        chunk.append(piece)
        if len(chunk) == batch:
            yield "".join(chunk).encode("utf-8")
            chunk.clear()
    if chunk:
        yield "".join(chunk).encode("utf-8")
    yield tail


def _with_content(root: etree._Element, content: str) -> bytes:
    """``root`` as a part, ``content`` (XML text) its last children."""
    etree.SubElement(root, _MARKER)
    return _part(root, content)


def _run(content: list[str]) -> str:
    return f"<w:r>{''.join(content)}</w:r>" if content else "<w:r/>"


def _text(run: list[str], text: str, tag: str) -> None:
    """Text into a run: line breaks (``\\n``, and ``\\v``/``\\r`` as Word's manual breaks) become
    w:br, a form feed a page break, tabs w:tab; other control characters, which XML cannot hold and
    which print nothing, are left out."""
    if text.isprintable() or not _CONTROL.search(text):  # the common case, without the split below
        # (isprintable, a quicker scan than the pattern's, is False for every character _CONTROL
        # finds, and for a few more, such as a no-break space, which the pattern then looks at)
        if text:
            run.append(f'<w:{tag} xml:space="preserve">{_escape(text)}</w:{tag}>')
        return
    if "\t" in text:
        # Cut at the tabs first (a label and its tab open many a paragraph's text): str.split costs a
        # fraction of the pattern's split in _cut_text, which too ends the text before a tab.
        for k, between in enumerate(text.split("\t")):
            if k:
                run.append("<w:tab/>")
            _text(run, between, tag)
        return
    _cut_text(run, text, tag)


def _cut_text(run: list[str], text: str, tag: str) -> None:
    """:func:`_text` of a text with control characters, cut at each of them."""
    piece: list[str] = []

    def flush():
        if piece:
            run.append(f'<w:{tag} xml:space="preserve">{_escape("".join(piece))}</w:{tag}>')
            piece.clear()

    # Cut at the control characters (in C), then each one in turn: a character loop over a long
    # paragraph's text cost a third of writing the 500k-word UN annex (its labels end in a tab).
    for k, part in enumerate(_CONTROL.split(text.replace("\r\n", "\n"))):
        if not k % 2:
            if part:
                piece.append(part)
        elif part in "\n\v\r":
            flush()
            run.append("<w:br/>")
        elif part == "\f":
            flush()
            run.append('<w:br w:type="page"/>')
        elif part == "\t":
            flush()
            run.append("<w:tab/>")
        # any other control character prints nothing and XML cannot hold it: left out
    flush()


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- styles and page setup ------------------------------------------------------------------------

_A4 = {"w": "11906", "h": "16838"}
_MARGINS = {"top": "1418", "right": "1134", "bottom": "1418", "left": "1134", "header": "709", "footer": "709",
            "gutter": "0"}


def _house_styles() -> etree._Element:
    return etree.parse(str(templates_dir() / "docx" / "styles.xml")).getroot()


def _kept_styles(styles: etree._Element) -> dict[str, str]:
    """The source's paragraph styles by name and by id, for paragraphs that keep their style.

    Automatic numbering set by a style is taken out of it: the source's numbering part is not
    written, and revcop types every label itself, so a style's number would print twice or dangle.
    So are underline and strike-through set by a style or the defaults: the reader took them for
    amendment marks, and the marks left in the output are the ones revcop writes on the runs.
    """
    for rpr in styles.iterfind(f".//{w('rPr')}"):
        for mark in rpr.findall(w("u")) + rpr.findall(w("strike")) + rpr.findall(w("dstrike")):
            rpr.remove(mark)
    by_id: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for style in styles.iter(w("style")):
        sid = style.get(w("styleId"))
        if not sid or style.get(w("type"), "paragraph") != "paragraph":
            continue
        by_id[sid] = sid
        name = style.find(w("name"))
        if name is not None and name.get(w("val")):
            by_name.setdefault(name.get(w("val")), sid)
        ppr = style.find(w("pPr"))
        for num in ppr.findall(w("numPr")) if ppr is not None else ():
            ppr.remove(num)
    return {**by_id, **by_name}  # the reader gives names; an id stands for a style without one


def _styles_and_page(template: str | Path | None) -> tuple[etree._Element, list[etree._Element]]:
    """The styles part and the page setup elements (pgSz, pgMar, cols, docGrid) to write."""
    house_styles = _house_styles()
    if template is None:
        return house_styles, []
    styles, document = _template_parts(str(template))
    have = {s.get(w("styleId")) for s in styles.iter(w("style"))}
    for style in house_styles.iter(w("style")):
        if style.get(w("styleId")) not in have:
            styles.append(style)
    sections = document.findall(f".//{w('sectPr')}")
    page = []
    if sections:
        for tag in ("pgSz", "pgMar", "cols", "docGrid"):
            el = sections[-1].find(w(tag))
            if el is not None:
                page.append(el)
    return styles, page


def _template_parts(path: str) -> tuple[etree._Element, etree._Element]:
    """The styles and main document parts of a template .docx, read as an input .docx is read (the
    safe package reader: bounded inflation, no entities, no DTD, no network)."""
    from revcop.ooxml.package import Package
    from revcop.readers import ZIP_MAGIC, read_bytes

    if not Path(path).exists():
        raise InputError("template not found", path)
    data = read_bytes(path)
    if not data.startswith(ZIP_MAGIC):
        raise InputError("is not a Word .docx template (not a zip file)", path)
    pkg = Package(data, path)
    styles = pkg.xml("word/styles.xml")
    if styles is None:
        raise InputError("is not a Word .docx template (no word/styles.xml)", path)
    document = pkg.xml("word/document.xml")
    if document is None:
        raise InputError("is not a Word .docx template (no word/document.xml)", path)
    return styles, document


def _section(page: list[etree._Element]) -> etree._Element:
    sect = etree.Element(w("sectPr"))
    _sub(sect, "headerReference", type="default").set(f"{{{R_NS}}}id", "rIdHeader1")
    _sub(sect, "footerReference", type="default").set(f"{{{R_NS}}}id", "rIdFooter1")
    if page:
        for el in page:
            sect.append(el)
    else:
        _sub(sect, "pgSz", **_A4)
        _sub(sect, "pgMar", **_MARGINS)
        _sub(sect, "cols", space="708")
    return sect


def _header(symbol: str) -> bytes:
    run: list[str] = []
    _text(run, symbol, "t")
    return _with_content(etree.Element(w("hdr"), nsmap=NSMAP),
                         f'<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>{_run(run) if symbol else ""}</w:p>')


def _footer() -> bytes:
    """A centred page number: the PAGE field."""
    root = etree.Element(w("ftr"), nsmap=NSMAP)
    para = _sub(root, "p")
    _sub(_sub(para, "pPr"), "pStyle", val="Footer")
    _sub(_sub(para, "r"), "fldChar", fldCharType="begin")
    instr = _sub(_sub(para, "r"), "instrText")
    instr.text = " PAGE "
    instr.set(f"{{{XML_NS}}}space", "preserve")
    _sub(_sub(para, "r"), "fldChar", fldCharType="separate")
    one = _sub(_sub(para, "r"), "t")
    one.text = "1"
    one.set(f"{{{XML_NS}}}space", "preserve")
    _sub(_sub(para, "r"), "fldChar", fldCharType="end")
    return _xml(root)


def _settings() -> bytes:
    root = etree.Element(w("settings"), nsmap=NSMAP)
    for kind in ("footnotePr", "endnotePr"):
        pr = _sub(root, kind)
        for number in ("-1", "0"):
            _sub(pr, kind[:-2], id=number)
    compat = _sub(root, "compat")
    _sub(compat, "compatSetting", name="compatibilityMode", uri=WORD_COMPAT_URI,
         val="15")
    return _xml(root)


def _core(title: str, author: str) -> bytes:
    cp, dc = CP_NS, DC_NS
    root = etree.Element(f"{{{cp}}}coreProperties", nsmap={"cp": cp, "dc": dc})
    etree.SubElement(root, f"{{{dc}}}title").text = title
    etree.SubElement(root, f"{{{dc}}}creator").text = author
    return _xml(root)


def _package(body: Iterator[str], page, styles, writer: _BodyWriter, symbol: str, *, title: str, author: str,
             comments: bool) -> bytes:
    """The package, its body written as it is made; the parts the body fills (notes, comments) are
    made after it, and ``comments`` says beforehand whether there will be any (the content types and
    relationships, written first, name the comments part)."""
    document = etree.Element(w("document"), nsmap=NSMAP)
    body_element = _sub(document, "body")
    etree.SubElement(body_element, _MARKER)
    body_element.append(_section(page))
    parts: dict[str, bytes | Iterator[bytes] | Callable[[], bytes]] = {
        "word/document.xml": _part_in_pieces(document, body),
        "word/styles.xml": _xml(styles),
        "word/settings.xml": _settings(),
        "word/footnotes.xml": lambda: writer.notes_part(endnote=False),
        "word/endnotes.xml": lambda: writer.notes_part(endnote=True),
        "word/header1.xml": _header(symbol),
        "word/footer1.xml": _footer(),
        "docProps/core.xml": _core(title, author),
    }
    types = etree.Element(f"{{{CT_NS}}}Types", nsmap={None: CT_NS})
    for ext, ctype in (("rels", RELS_CONTENT_TYPE),
                       ("xml", "application/xml")):
        etree.SubElement(types, f"{{{CT_NS}}}Default", Extension=ext, ContentType=ctype)
    overrides = {
        "word/document.xml": WML_CONTENT_TYPE + "document.main+xml",
        "word/styles.xml": WML_CONTENT_TYPE + "styles+xml",
        "word/settings.xml": WML_CONTENT_TYPE + "settings+xml",
        "word/footnotes.xml": WML_CONTENT_TYPE + "footnotes+xml",
        "word/endnotes.xml": WML_CONTENT_TYPE + "endnotes+xml",
        "word/header1.xml": WML_CONTENT_TYPE + "header+xml",
        "word/footer1.xml": WML_CONTENT_TYPE + "footer+xml",
        "docProps/core.xml": CORE_CONTENT_TYPE,
    }
    comment_rels = []
    if comments:  # only where there are comments: other documents are written as before
        parts["word/comments.xml"] = lambda: writer.comments.part(f'xmlns:w="{W_NS}"')
        overrides["word/comments.xml"] = WML_CONTENT_TYPE + "comments+xml"
        comment_rels = [("rIdComments", "comments", "comments.xml")]
    for name, ctype in overrides.items():
        etree.SubElement(types, f"{{{CT_NS}}}Override", PartName="/" + name, ContentType=ctype)
    root_rels = _rels([("rId1", "officeDocument", "word/document.xml"),
                       ("rId2", CORE_PROPERTIES_REL, "docProps/core.xml")])
    doc_rels = _rels([("rIdStyles", "styles", "styles.xml"), ("rIdSettings", "settings", "settings.xml"),
                      ("rIdFootnotes", "footnotes", "footnotes.xml"), ("rIdEndnotes", "endnotes", "endnotes.xml"),
                      ("rIdHeader1", "header", "header1.xml"), ("rIdFooter1", "footer", "footer1.xml"),
                      *comment_rels])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("[Content_Types].xml", _xml(types)), ("_rels/.rels", root_rels),
                           ("word/_rels/document.xml.rels", doc_rels), *parts.items()):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            if callable(data):  # made once the body is written
                data = data()
            if isinstance(data, bytes):
                z.writestr(info, data)
            else:  # the body, written as it is made
                with z.open(info, "w") as part:
                    _write_beside(part, data)
    return buffer.getvalue()


#: Seconds a thread waits for the interpreter's lock while the annex's body is written (see
#: :func:`_write_beside`; 0.2-0.5 ms measured alike, 1 ms slower).
_SWITCH_INTERVAL = 0.0005
_switching = _thread.allocate_lock()
_writers = 0  # bodies being written now (the desk writes in threads of its own)
_interval_before = 0.0  # the interpreter's interval before the first of them began


@contextmanager
def _short_switch_interval() -> Iterator[None]:
    """:data:`_SWITCH_INTERVAL` while a body is written; the interval the program had is restored when
    the last body being written is done (two threads of the desk may write at once)."""
    global _writers, _interval_before
    with _switching:
        if not _writers:
            _interval_before = sys.getswitchinterval()
            sys.setswitchinterval(min(_interval_before, _SWITCH_INTERVAL))
        _writers += 1
    try:
        yield
    finally:
        with _switching:
            _writers -= 1
            if not _writers:
                sys.setswitchinterval(_interval_before)


def _write_beside(part: IO[bytes], chunks: Iterator[bytes]) -> None:
    """Write ``chunks`` to ``part`` from a second thread while this one makes the next ones.

    zlib compresses (and sums) outside the interpreter's lock: on a second core the body's
    compression, about a third of writing a long annex (0.46 s -> 0.37 s for the 500k-word UN pair's),
    runs beside the Python that makes the XML. The part receives the same chunks in the same order,
    so its bytes are those written in turn. An error in either thread is raised here.

    Each chunk compressed, the writing thread needs the lock back to hand over the next; by default
    the interpreter makes a thread wait up to 5 ms for it, so the writer spent as long waiting as
    compressing and the body's compression, not its making, set the pace (the 500k-word UN pair's
    annex written in 0.25 s, 0.17 s with :data:`_SWITCH_INTERVAL`). The interval is shortened while
    the body is written and then restored (:func:`_short_switch_interval`)."""
    import queue
    import threading

    pending: queue.Queue[bytes | None] = queue.Queue(maxsize=2)
    failed: list[BaseException] = []

    def write() -> None:
        while (chunk := pending.get()) is not None:
            if not failed:
                try:
                    part.write(chunk)
                except BaseException as e:  # noqa: BLE001 - raised again in the caller's thread
                    failed.append(e)

    writer = threading.Thread(target=write, name="revcop-docx-body", daemon=True)
    with _short_switch_interval():
        writer.start()
        try:
            for chunk in chunks:
                if failed:
                    break
                pending.put(chunk)
        finally:
            pending.put(None)
            writer.join()
    if failed:
        raise failed[0]


def _rels(rels: list[tuple[str, str, str]]) -> bytes:
    root = etree.Element(f"{{{PKG_REL_NS}}}Relationships", nsmap={None: PKG_REL_NS})
    for rid, kind, target in rels:
        etree.SubElement(root, f"{{{PKG_REL_NS}}}Relationship", Id=rid,
                         Type=kind if kind.startswith("http") else REL_TYPE + kind, Target=target)
    return _xml(root)
