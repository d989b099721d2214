"""Walk WordprocessingML content (body, table cells, notes, headers) into raw paragraphs.

A raw paragraph (:class:`Para`) keeps, for each piece of text, both encodings of an amendment that
Word can carry: the tracked change around it (``ins``/``del``, with the move name for
``w:moveFrom``/``w:moveTo``) and its effective underline/strike formatting. Which of them are the
amendments is decided later (:mod:`revcop.readers.docx`), once the whole document has been seen.

Run noise does not change the text: runs split anywhere, ``w:proofErr``, bookmarks, rendering hints,
rsid attributes, smart tags, content controls, custom XML. Fields give their displayed result (the
runs between ``separate`` and ``end``; ``w:fldSimple`` content), never their instruction. ``w:tab``
is a tab, ``w:br``/``w:cr`` a line break, ``w:softHyphen`` nothing, ``w:noBreakHyphen`` a hyphen,
``w:sym`` its character. Elements outside the deliberate lists below produce a warning.
"""

from __future__ import annotations

import os

from revcop.errors import InputError
from revcop.model import Message
from revcop.ooxml.names import R_NS, attr, child, local, val, w
from revcop.patterns import compiled
from revcop.readers.docx.numbering import format_number, level_number
from revcop.readers.docx.styles import run_properties

#: Elements that carry nothing revcop needs, at any level (bookmarks, proofing marks, ranges ...).
IGNORED = {
    "w:pPr", "w:rPr", "w:bookmarkStart", "w:bookmarkEnd", "w:proofErr", "w:permStart", "w:permEnd",
    "w:commentRangeStart", "w:commentRangeEnd", "w:lastRenderedPageBreak", "w:footnoteRef",
    "w:endnoteRef", "w:annotationRef", "w:separator", "w:continuationSeparator", "w:commentReference",
    "w:instrText", "w:delInstrText", "w:sectPr", "w:tblPr", "w:tblGrid", "w:trPr", "w:tcPr", "w:tblPrEx",
    "w:customXmlPr", "w:smartTagPr", "w:sdtPr", "w:sdtEndPr", "w:customXmlInsRangeStart",
    "w:customXmlInsRangeEnd", "w:customXmlDelRangeStart", "w:customXmlDelRangeEnd",
    "w:customXmlMoveFromRangeStart", "w:customXmlMoveFromRangeEnd", "w:customXmlMoveToRangeStart",
    "w:customXmlMoveToRangeEnd", "w:pgNum", "w:contentPart", "w:kern", "#comment", "w:noProof",
    "w:moveFromRangeEnd", "w:moveToRangeEnd", "w:headerReference", "w:footerReference",
    "w:dayShort", "w:monthShort", "w:yearShort", "w:dayLong", "w:monthLong",
    "w:yearLong",
}
#: Containers whose children are read as if they stood in the container's place.
TRANSPARENT = {"w:hyperlink", "w:smartTag", "w:customXml", "w:dir", "w:bdo", "w:fldSimple"}
TRACKED = {"w:ins": "ins", "w:del": "del", "w:moveTo": "ins", "w:moveFrom": "del"}
GRAPHICS = {"w:drawing", "w:pict", "mc:AlternateContent", "w:ruby", "m:oMath", "m:oMathPara", "w:control",
            "w:embeddedFont"}
#: Content Word shows that lives outside the document's own text: never read, always named in a warning.
NOT_READ = {
    "w:altChunk": "content imported from another file (w:altChunk)",
    "w:subDoc": "a subdocument (w:subDoc)",
    "w:object": "an embedded (OLE) object (w:object)",
}
#: More paragraphs than this (body, notes, headers) are refused: reading a million paragraphs takes
#: minutes (a resolution has hundreds; the 500,000-word benchmark document about 12,000).
MAX_PARAGRAPHS = int(os.environ.get("REVCOP_MAX_PARAGRAPHS", 100_000))
NEITHER_VIEW = "text inserted and deleted again by tracked changes is in neither view"
_HEX = compiled(r"[0-9A-Fa-f]{1,6}")


_T, _RPR, _PPR, _PSTYLE, _JC, _NUMPR, _VAL = (w(tag) for tag in ("t", "rPr", "pPr", "pStyle", "jc", "numPr", "val"))
_R, _TAB = w("r"), w("tab")
#: What :meth:`Walker._plain` passes over beside a paragraph's runs (all IGNORED: nothing to read).
_PLAIN_BESIDE_RUNS = frozenset(w(tag) for tag in ("pPr", "proofErr", "bookmarkStart", "bookmarkEnd"))
_PPR_CHANGE, _RPR_CHANGE, _MOVE_FROM, _MOVE_TO = w("pPrChange"), w("rPrChange"), w("moveFrom"), w("moveTo")
#: The tracked-change marks of a paragraph mark (in its w:rPr), in the order they are looked at.
_TRACKED_MARKS = tuple((w(tag[2:]), kind) for tag, kind in TRACKED.items())


def _first_children(el) -> dict:
    """Tag -> the first child with that tag, of ``el`` (empty for None)."""
    out: dict = {}
    if el is not None:
        for c in el:
            if c.tag not in out:
                out[c.tag] = c
    return out


# The reader's own records are plain classes with __slots__, not dataclasses: a dataclass compiles its
# methods each time the module is imported (~0.7 ms a class), and these need no equality or repr.
class NoteRef:
    """A footnote or endnote reference met in a run, before the note's text is read."""

    __slots__ = ("endnote", "note_id", "marker")

    def __init__(self, endnote: bool, note_id: str, marker: str) -> None:
        self.endnote = endnote
        self.note_id = note_id
        self.marker = marker


class Piece:
    """Text of one or more runs with the same marks (tracked change, move, underline, strike)."""

    __slots__ = ("text", "tracked", "move", "underline", "strike", "note", "chunks", "field")

    def __init__(self, text: str, tracked: str | None = None, move: str | None = None, underline: bool = False,
                 strike: bool = False, note: NoteRef | None = None, field: _Field | None = None) -> None:
        self.text = text
        self.tracked = tracked  # "ins" / "del": a tracked change
        self.move = move
        self.underline = underline
        self.strike = strike
        self.note = note
        # Text of further runs, joined once the paragraph is read (adding to ``text`` run by run is
        # quadratic: a paragraph of 300,000 runs never ended).
        self.chunks: list[str] | None = None
        # The field whose instruction holds this text (hidden unless the field is never ended).
        self.field = field


class _Field:
    """A field begun with ``w:fldChar``: its state, where it began, and the text read while it was in
    its instruction part (dropped when the field goes on to its result or ends)."""

    __slots__ = ("state", "where", "pieces")

    def __init__(self, where: str) -> None:
        self.state = "instr"
        self.where = where
        self.pieces: list[Piece] = []


_DROPPED = _Field("")  # the field of text dropped as a field instruction


class Para:
    """A paragraph as read from the XML: its pieces and what its properties say, before blocks are made."""

    __slots__ = ("pieces", "source", "container", "mark", "mark_move", "style", "num", "centered", "in_table",
                 "running", "format_changes", "toggles_warned")

    def __init__(self, pieces: list[Piece], source: str, container: int, *, style: str | None = None,
                 in_table: bool = False, running: bool = False) -> None:
        self.pieces = pieces
        self.source = source
        self.container = container
        self.style = style
        self.in_table = in_table
        self.running = running
        self.mark: str | None = None  # the paragraph mark is a tracked "ins" / "del"
        self.mark_move: str | None = None
        self.num: tuple[str, int] | None = None
        self.centered = False
        self.format_changes = 0
        self.toggles_warned: set[tuple[str, str]] = set()  # (paragraph style, character style) pairs


class Walker:
    """Reads block and inline content, keeping the state that runs across paragraphs (fields, moves, notes)."""

    def __init__(self, styles, numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.messages: list[Message] = []
        self.unknown: dict = {}
        self.ignored_graphics: dict = {}
        self.numbered_notes = {False: 0, True: 0}  # endnote? -> references numbered
        self.note_start = {False: 1, True: 1}
        self.note_format = {False: "decimal", True: "lowerRoman"}
        self.containers = 0
        self.fields: list[_Field] = []
        self.hiding: _Field | None = None  # the outermost field in its instruction part
        self.paragraphs = 0
        self.not_read: dict = {}
        self.move_ranges: dict = {}  # range id -> (kind, name)
        self.current_move: dict[str, str | None] = {"from": None, "to": None}
        self.run_props: dict = {}  # the runs of the paragraph being read -> their properties (run_properties)
        # A paragraph in which the parser, streaming the body, met none of the run properties that decide
        # marks: they are not looked for in it (a walk of its whole subtree, ~5% of reading a long document).
        self.known_without_run_properties = None
        # Paragraph style id -> what its style chain gives a paragraph (the style's name, whether it is
        # centred); and -> the numbering (see _num) of a paragraph that has no numbering of its own.
        self.paragraph_styles: dict[str | None, tuple[str | None, bool]] = {}
        self.style_numbers: dict[str | None, tuple[str, int] | None] = {}

    # -- helpers ---------------------------------------------------------------------------------
    def _unknown(self, tag: str, where: str) -> None:
        count, first = self.unknown.get(tag, (0, where))
        self.unknown[tag] = (count + 1, first)

    def _other(self, el, tag: str, where: str) -> None:
        """An element outside the handled ones: ignored deliberately, a graphic, not read, or unknown (warned)."""
        if tag in IGNORED:
            return
        if tag in NOT_READ:
            count, first = self.not_read.get(tag, (0, where))
            self.not_read[tag] = (count + 1, first)
        elif tag in GRAPHICS:
            self._graphic(el, tag, where)
        else:
            self._unknown(tag, where)

    def _graphic(self, el, tag: str, where: str) -> None:
        if any((t.text or "").strip() for t in el.iter(w("t"))):
            count, first = self.ignored_graphics.get(tag, (0, where))
            self.ignored_graphics[tag] = (count + 1, first)

    def _range(self, el, tag: str) -> None:
        kind = "from" if "From" in tag else "to"
        if tag.endswith("Start"):
            name = attr(el, "name") or f"move{attr(el, 'id')}"
            self.move_ranges[attr(el, "id")] = (kind, name)
            self.current_move[kind] = name
        else:
            got = self.move_ranges.pop(attr(el, "id"), None)
            if got and self.current_move[got[0]] == got[1]:
                self.current_move[got[0]] = None

    def end_story(self) -> None:
        """A story (the body, a note, a header) is read: a field never ended keeps its text.

        Word hides a field's instruction up to its ``separate`` or ``end``; a field that never ends
        would otherwise hide the rest of the document.
        """
        if self.hiding is not None:
            self.messages_append("a field (w:fldChar) is begun and never ended: the text after it is read as "
                                 "text", self.hiding.where)
            for piece in self.hiding.pieces:
                piece.field = None
        self.fields.clear()
        self.hiding = None

    def _field_char(self, kind: str | None, where: str) -> None:
        if kind == "begin":
            field = _Field(where)
            self.fields.append(field)
            if self.hiding is None:
                self.hiding = field
        elif kind in ("separate", "end") and self.fields:
            field = self.fields[-1] if kind == "separate" else self.fields.pop()
            field.state = "result"
            if field is self.hiding:
                for piece in field.pieces:  # its instruction: not text
                    piece.text, piece.note, piece.chunks, piece.field = "", None, None, _DROPPED
                self.hiding = None

    def new_container(self) -> int:
        self.containers += 1
        return self.containers

    # -- blocks ----------------------------------------------------------------------------------
    def blocks(self, parent, out: list[Para], source: str, *, in_table=False, running=False,
               tracked: str | None = None, container: int | None = None) -> None:
        """Read block-level content (paragraphs, tables, content controls) of ``parent`` into ``out``."""
        if container is None:
            container = self.new_container()
        for el in parent:
            tag = local(el.tag)
            if tag == "w:p":
                self.paragraphs += 1
                if self.paragraphs > MAX_PARAGRAPHS:
                    raise InputError(f"has more than {MAX_PARAGRAPHS} paragraphs (set REVCOP_MAX_PARAGRAPHS to "
                                     "read more)")
                out.append(self.paragraph(el, f"{source} {len(out) + 1}".strip(), container, in_table, running, tracked))
            elif tag == "w:tbl":
                self.table(el, out, source, running, tracked)
                container = self.new_container()
            elif tag in ("w:sdt",):
                self.blocks(child(el, "sdtContent") if child(el, "sdtContent") is not None else [], out, source,
                            in_table=in_table, running=running, tracked=tracked, container=container)
            elif tag == "w:customXml":
                self.blocks(el, out, source, in_table=in_table, running=running, tracked=tracked, container=container)
            elif tag in TRACKED:
                if tracked is not None and tracked != TRACKED[tag]:
                    # Inserted, then deleted by a later revision: the paragraphs are in neither view.
                    self.messages_append(NEITHER_VIEW, source)
                    continue
                self.blocks(el, out, source, in_table=in_table, running=running, tracked=TRACKED[tag], container=container)
            elif tag in ("w:moveFromRangeStart", "w:moveToRangeStart", "w:moveFromRangeEnd", "w:moveToRangeEnd"):
                self._range(el, tag)
            else:
                self._other(el, tag, f"{source} {len(out) + 1}".strip())

    def table(self, tbl, out: list[Para], source: str, running: bool, tracked: str | None) -> None:
        for tr in tbl:
            tag = local(tr.tag)
            if tag == "w:sdt":
                content = child(tr, "sdtContent")
                if content is not None:
                    self.table(content, out, source, running, tracked)
                continue
            if tag != "w:tr":
                self._other(tr, tag, source)
                continue
            trpr = child(tr, "trPr")
            row = tracked
            if child(trpr, "ins") is not None:
                row = "ins"
            if child(trpr, "del") is not None:
                row = "del"
            for tc in tr:
                ctag = local(tc.tag)
                if ctag == "w:tc":
                    self.blocks(tc, out, source, in_table=True, running=running, tracked=row)
                elif ctag == "w:sdt" and child(tc, "sdtContent") is not None:
                    for inner in child(tc, "sdtContent"):
                        if local(inner.tag) == "w:tc":
                            self.blocks(inner, out, source, in_table=True, running=running, tracked=row)
                else:
                    self._other(tc, ctag, source)

    # -- paragraphs ------------------------------------------------------------------------------
    def paragraph(self, p, source: str, container: int, in_table: bool, running: bool, tracked: str | None) -> Para:
        first = p[0] if len(p) else None
        ppr = first if first is not None and first.tag == _PPR else child(p, "pPr")  # w:pPr comes first by the schema
        props = _first_children(ppr)  # one pass: this runs for every paragraph
        pstyle = props.get(_PSTYLE)
        psid = (None if pstyle is None else pstyle.get(_VAL)) or self.styles.default_paragraph
        by_style = self.paragraph_styles.get(psid)
        if by_style is None:  # what the style chain says, asked once per style rather than for every paragraph
            jc = self.styles.ppr_value(psid, "jc")
            by_style = self.paragraph_styles[psid] = (self.styles.name(psid), attr(jc, "val") == "center")
        para = Para([], source, container, style=by_style[0], in_table=in_table, running=running)
        mark_props = _first_children(props.get(_RPR))
        if mark_props:  # the paragraph mark has properties: it may be a tracked change
            for tag, kind in _TRACKED_MARKS:
                if tag in mark_props:
                    para.mark = kind
                    if tag in (_MOVE_FROM, _MOVE_TO):
                        para.mark_move = self.current_move["from" if tag == _MOVE_FROM else "to"]
        if para.mark is None and tracked:
            para.mark = tracked
        if _PPR_CHANGE in props or _RPR_CHANGE in mark_props:
            para.format_changes += 1
        jc = props.get(_JC)
        para.centered = by_style[1] if jc is None else jc.get(_VAL) == "center"
        numpr = props.get(_NUMPR)
        if numpr is not None:
            para.num = self._num(numpr, psid, source)
        elif psid in self.style_numbers:  # numbered by its style alone (or not numbered): as the style's others
            para.num = self.style_numbers[psid]
        else:
            para.num = self.style_numbers[psid] = self._num(None, psid, source)
        outer, self.run_props = self.run_props, {} if p is self.known_without_run_properties else run_properties(p)
        try:
            if self.run_props or self.hiding is not None or not self._plain(p, para, psid, tracked):
                self.inline(p, para, psid, tracked, None)
                for piece in para.pieces:
                    if piece.chunks is not None:
                        piece.text = "".join(piece.chunks)
                        piece.chunks = None
        finally:
            self.run_props = outer
        return para

    def _num(self, numpr, psid, source: str) -> tuple[str, int] | None:
        num_id = val(numpr, "numId")
        ilvl = val(numpr, "ilvl")
        from_style = self.styles.ppr_value(psid, "numPr")
        if num_id is None and from_style is not None:
            num_id = val(from_style, "numId")
            if ilvl is None:
                ilvl = val(from_style, "ilvl")
            if ilvl is None and num_id:
                ilvl = str(self.numbering.level_for_style(num_id, self.styles, psid))
        if ilvl is None and num_id is not None and from_style is not None:
            ilvl = val(from_style, "ilvl")
        if not num_id or num_id == "0":
            return None
        try:
            return num_id, level_number(ilvl, "w:ilvl")
        except InputError as e:
            raise InputError(f"{source}: {e.message}") from None

    def inline(self, parent, para: Para, psid, tracked: str | None, move: str | None) -> None:
        for el in parent:
            tag = local(el.tag)
            if tag == "w:r":
                self.run(el, para, psid, tracked, move)
            elif tag in TRACKED:
                kind = TRACKED[tag]
                if tracked is not None and tracked != kind:
                    # Inserted, then deleted by a later revision (or inserted into a deleted table row):
                    # the text exists in neither view.
                    self.messages_append(NEITHER_VIEW, para.source)
                    continue
                inner_move = move
                if tag in ("w:moveFrom", "w:moveTo"):
                    inner_move = self.current_move["from" if tag == "w:moveFrom" else "to"] or f"move{attr(el, 'id')}"
                self.inline(el, para, psid, kind, inner_move)
            elif tag in TRANSPARENT:
                self.inline(el, para, psid, tracked, move)
            elif tag == "w:sdt":
                content = child(el, "sdtContent")
                if content is not None:
                    self.inline(content, para, psid, tracked, move)
            elif tag in ("w:moveFromRangeStart", "w:moveToRangeStart", "w:moveFromRangeEnd", "w:moveToRangeEnd"):
                self._range(el, tag)
            else:
                self._other(el, tag, para.source)

    def _plain(self, p, para: Para, psid, tracked: str | None) -> bool:
        """Read the commonest paragraph in one pass, as :meth:`inline` would: runs of text and tabs (with
        proofing marks and bookmarks beside them), outside a field, when no run has a property that
        decides marks (the caller knows that from :func:`run_properties`), so that every run has the
        marks of the first. False, with nothing read, for any other paragraph. (Calling :meth:`run` and
        :meth:`_add` for each run of such paragraphs was about a tenth of reading a clean document.)"""
        texts: list[str] = []
        first = None
        for el in p:
            tag = el.tag
            if tag == _R:
                if first is None:
                    first = el
                for c in el:
                    ctag = c.tag
                    if ctag == _T:
                        texts.append(c.text or "")
                    elif ctag == _TAB:
                        texts.append("\t")
                    elif ctag != _RPR:
                        return False
            elif tag not in _PLAIN_BESIDE_RUNS:
                return False
        if first is not None:
            marks, _ = self.styles.run_marks(psid, None, first)
            self._warn_toggled(para, marks)
            text = "".join(texts)
            if text:
                para.pieces.append(Piece(text, tracked, None, marks.underline, marks.strike, None, None))
        return True

    def messages_append(self, text: str, where: str) -> None:
        self.messages.append(Message(text, where))

    def run(self, r, para: Para, psid, tracked: str | None, move: str | None) -> None:
        marks, changed = self.styles.run_marks(psid, self.run_props.get(r), r)
        if changed:
            para.format_changes += 1
        self._warn_toggled(para, marks)
        add = self._add
        for el in r:
            if el.tag == _T:  # the common cases first, without local()
                add(para, el.text or "", None, tracked, move, marks)
                continue
            if el.tag == _RPR:
                continue
            tag = local(el.tag)
            if tag in ("w:t", "w:delText"):
                add(para, el.text or "", None, tracked, move, marks)
            elif tag == "w:fldChar":
                self._field_char(attr(el, "fldCharType"), para.source)
            elif tag in ("w:tab", "w:ptab"):
                add(para, "\t", None, tracked, move, marks)
            elif tag == "w:br":
                if attr(el, "type", "textWrapping") == "textWrapping":
                    add(para, "\n", None, tracked, move, marks)
            elif tag == "w:cr":
                add(para, "\n", None, tracked, move, marks)
            elif tag == "w:noBreakHyphen":
                add(para, "-", None, tracked, move, marks)
            elif tag == "w:softHyphen":
                continue
            elif tag == "w:sym":
                add(para, _symbol(attr(el, "char", "20") or "20", para.source), None, tracked, move, marks)
            elif tag in ("w:footnoteReference", "w:endnoteReference"):
                endnote = tag == "w:endnoteReference"
                if attr(el, "customMarkFollows") in ("1", "true", "on"):
                    marker = "*"
                    self.messages_append("a note with a custom reference mark is marked '*'", para.source)
                else:
                    number = self.note_start[endnote] + self.numbered_notes[endnote]
                    self.numbered_notes[endnote] += 1
                    marker = format_number(number, self.note_format[endnote])
                ref = NoteRef(endnote, attr(el, "id", ""), marker)
                add(para, marker, ref, tracked, move, marks)
            else:
                self._other(el, tag, para.source)

    def _warn_toggled(self, para: Para, marks) -> None:
        if marks.toggled and marks.toggled not in para.toggles_warned:
            para.toggles_warned.add(marks.toggled)
            pstyle, cstyle = marks.toggled
            self.messages_append(
                f"strike-through from the paragraph style '{pstyle}' and the character style '{cstyle}' "
                f"is read as Word shows it ({'struck' if marks.strike else 'not struck'}: a toggle property); "
                "LibreOffice shows it the other way", para.source)

    def _add(self, para: Para, text: str, note: NoteRef | None, tracked: str | None, move: str | None,
             marks) -> None:
        """Text of a run (or a note reference) into the paragraph: onto its last piece when the marks are
        the same, else as a new piece."""
        if not text and note is None:
            return
        hiding = self.hiding
        last = para.pieces[-1] if para.pieces else None
        if (note is None and last is not None and last.note is None and last.field is hiding
                and last.tracked == tracked and last.move == move and last.underline == marks.underline
                and last.strike == marks.strike):
            if last.chunks is None:
                last.chunks = [last.text, text]
            else:
                last.chunks.append(text)
        else:
            piece = Piece(text, tracked, move, marks.underline, marks.strike, note, hiding)
            para.pieces.append(piece)
            if hiding is not None:
                hiding.pieces.append(piece)


def _symbol(value: str, where: str) -> str:
    """The character of a ``w:sym``; one that is no character (``ZZZZ``, a lone surrogate ``D800``) or a
    control character (which no output can hold) is refused rather than guessed."""
    code = int(value, 16) if _HEX.fullmatch(value) else -1
    if code >= 0xF000:  # symbol fonts address their glyphs in the private use area
        code -= 0xF000
    if (code < 0x20 and code != 0x09) or 0xD800 <= code < 0xE000 or code in (0xFFFE, 0xFFFF) or code > 0x10FFFF:
        raise InputError(f"{where}: a symbol (w:sym) with the character code {value!r}, which is not a character "
                         "revcop can write")
    return chr(code)


def relationships(root) -> dict[str, str]:
    """Relationship id -> target of a ``.rels`` part."""
    if root is None:
        return {}
    return {rel.get("Id"): rel.get("Target") for rel in root if rel.get("Id") and rel.get("Target")}


def header_ids(sectpr) -> list[str]:
    ids = []
    for tag in ("headerReference", "footerReference"):
        for ref in sectpr.iter(w(tag)):
            rid = ref.get(f"{{{R_NS}}}id")
            if rid:
                ids.append(rid)
    return ids
