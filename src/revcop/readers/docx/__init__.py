"""Word ``.docx`` -> blocks, whatever way the amendments are encoded (see docs/docx.md).

Amendments come as formatting (underline = inserted, strike-through = deleted, from direct formatting
or styles) or as Word tracked changes (``w:ins``, ``w:del``, moves, paragraph marks), or both: a draft
with formatting marks that an editor corrected with tracked changes. ``tracked`` says how to read
tracked changes:

* ``auto`` — with formatting marks too, tracked changes are edits to the draft (accepted first) and the
  formatting marks are the amendments; alone, tracked changes are the amendments;
* ``edits`` — tracked changes are always accepted; formatting marks are the amendments;
* ``amendments`` — tracked changes are the amendments; underline/strike formatting is ignored.

Guarantees of :func:`read_blocks`, as for the text reader: each block's spans are non-empty and the
block has no leading or trailing white space; footnotes and endnotes are spans carrying a
:class:`~revcop.model.Note`; running headers and footers come first, as blocks with ``running=True``.
"""

from __future__ import annotations

import collections
import copy
import posixpath

from revcop.errors import InputError
from revcop.model import Block, Change, Message, Note, Result, Span, Status, merge_spans, status_of, strip_spans
from revcop.ooxml.names import STRICT_W_NS, W_NS, attr, child, local, val, w
from revcop.ooxml.package import Package
from revcop.readers.docx.content import NOT_READ, Para, Walker, header_ids, relationships
from revcop.readers.docx.numbering import Numbering
from revcop.readers.docx.styles import RUN_PROPERTIES, Styles

MODES = ("auto", "edits", "amendments")
_OFFICE_DOCUMENT = "/officeDocument"
_CHANGE = {"ins": Change.INSERTED, "del": Change.DELETED, None: Change.UNCHANGED}


def _xml(pkg: Package, name: str):
    if not pkg.has(name):
        return None
    root = pkg.xml(name)
    if root is not None and root.tag.startswith(f"{{{STRICT_W_NS}}}"):
        from lxml import etree

        from revcop.ooxml.package import xml_parser

        data = pkg.read(name)
        if not data.startswith(b"<"):  # UTF-16 (or a byte order mark): the namespace is in other bytes
            data = etree.tostring(root.getroottree(), encoding="UTF-8")
        root = etree.fromstring(data.replace(STRICT_W_NS.encode(), W_NS.encode()), parser=xml_parser())
    return root


_PIECE = 64 * 1024  # bytes of the main part fed to the parser at a time


def _streamed_body(pkg: Package, main: str):
    """The body's children one at a time as they are parsed, each freed once read, the list of
    section properties and whether there was a body (both known once the children are read); None
    where the whole tree is needed instead.

    The whole tree of a long document takes about twelve times its XML in memory (250 MB for a
    500-page document); streaming keeps only the paragraph being read. The whole tree is still used
    where a section sets the footnote numbering (needed before the first note is met), and for
    Strict OOXML.
    """
    from lxml import etree

    from revcop.ooxml.package import PARSER_OPTIONS, check_entities, check_parsed_entities

    data = pkg.read(main)
    if not data.lstrip().startswith(b"<") or b"footnotePr" in data or b"endnotePr" in data \
            or STRICT_W_NS.encode() in data:
        # UTF-16 (the bytes looked for are spelled otherwise) or a byte order mark; the note numbering
        # set by a section; Strict OOXML (its namespace may come after a long comment)
        return None
    check_entities(data, main, pkg.path)
    sectprs: list = []
    seen = {"body": False}
    body_tag, sectpr_tag, ppr_tag = w("body"), w("sectPr"), w("pPr")
    declared: bool | None = None  # whether the part has a DOCTYPE: known before its first element ends

    def read(el):
        nonlocal declared
        if declared is None:
            declared = el.getroottree().docinfo.internalDTD is not None
        if declared:  # entities may be declared: each child is checked (without, none can occur)
            check_parsed_entities(el, main, pkg.path)
        if el.tag == sectpr_tag:  # the body's own (those of its paragraphs are kept as they are read)
            sectprs.append(copy.deepcopy(el))
        return el

    def drop_first(body):
        # Emptied before it is removed: lxml moves a removed element that Python still holds into a
        # document of its own, a walk over its whole subtree (~15% of reading a long document).
        body[0].clear()
        del body[0]

    def paragraph_sections(el):
        """The section properties of the paragraphs in ``el`` (each ends a section), in order."""
        for found in el.iter(sectpr_tag):
            parent = found.getparent()
            if parent is not None and parent.tag == ppr_tag:
                sectprs.append(copy.deepcopy(found))

    # The parser also reports the starts of section properties and of the run properties that decide
    # marks, in document order (in C, at almost no cost): a child of the body in which it met none of
    # them is not walked for them (two walks of its whole subtree, ~7% of reading a long document).
    met: collections.deque = collections.deque()  # those met and not yet passed by

    def body_child(el, body):
        """The child of ``body`` that holds ``el`` (the outermost element above it where it is not in
        ``body``)."""
        parent = el.getparent()
        while parent is not body and parent is not None:
            el, parent = parent, parent.getparent()
        return el

    def read_children(body, walker, keep: int = 0):
        """The body's children but the last ``keep``, each read and, once the caller is done with it,
        dropped."""
        while len(body) > keep:
            el = body[0]
            holds = bool(met) and body_child(met[0], body) is el
            while met and body_child(met[0], body) is el:
                met.popleft()  # not held once the child is dropped (see drop_first)
            if holds:
                paragraph_sections(el)
            walker.known_without_run_properties = None if holds else el
            yield read(el)
            walker.known_without_run_properties = None
            drop_first(body)

    def children(walker):
        # One event: the start of the body. lxml parses with the interpreter's lock released and takes
        # it back for every element whose start or end it may report: asking for the ends of paragraphs
        # took it twice for every element of the part (~0.2 G instructions of a 500k-word version).
        # After each piece fed, the body's children but the last (which the parser may still be
        # building) are complete, and read.
        parser = etree.XMLPullParser(
            events=("start",), tag=(body_tag, sectpr_tag, *RUN_PROPERTIES), **PARSER_OPTIONS)
        body = None
        try:
            for at in range(0, len(data), _PIECE):
                parser.feed(data[at:at + _PIECE])
                for _, el in parser.read_events():
                    if el.tag != body_tag:
                        met.append(el)
                        continue
                    parent = el.getparent()
                    if parent is None or parent.getparent() is not None:
                        continue  # a body that is not the document's
                    if body is None:  # what comes before the body, in order
                        for before in reversed(list(el.itersiblings(preceding=True))):
                            paragraph_sections(before)
                    else:  # a second body: the first is complete, then what lies between them
                        yield from read_children(body, walker)
                        for between in body.itersiblings():
                            if between is el:
                                break
                            paragraph_sections(between)
                    met.clear()  # what was met before this body lies outside every body
                    seen["body"] = True
                    body = el
                if body is not None:
                    yield from read_children(body, walker, keep=1)
            parser.close()
        except etree.XMLSyntaxError as e:
            raise InputError(f"part {main} is not well-formed XML ({e})", pkg.path) from None
        if body is not None:
            yield from read_children(body, walker)  # what follows the last piece fed
            met.clear()
            for after in body.itersiblings():
                paragraph_sections(after)

    return children, sectprs, seen


def _main_part(pkg: Package, path: str) -> str:
    if pkg.has("mimetype"):
        mimetype = pkg.read("mimetype")[:200]
        if b"opendocument" in mimetype:
            raise InputError(
                "is an OpenDocument file (.odt), not a Word document; open it in LibreOffice or Word "
                "and save it as .docx", path,
            )
    rels = pkg.xml("_rels/.rels") if pkg.has("_rels/.rels") else None
    for rel in rels if rels is not None else []:
        if (rel.get("Type") or "").endswith(_OFFICE_DOCUMENT) and rel.get("Target"):
            name = rel.get("Target").lstrip("/")
            _not_spreadsheet_or_presentation(name, path)
            if pkg.has(name):
                return name
    if pkg.has("word/document.xml"):
        return "word/document.xml"
    _not_spreadsheet_or_presentation("xl/workbook.xml" if pkg.has("xl/workbook.xml") else
                                     "ppt/presentation.xml" if pkg.has("ppt/presentation.xml") else "", path)
    raise InputError("is a zip file but not a Word document (no word/document.xml)", path)


def _not_spreadsheet_or_presentation(main: str, path: str) -> None:
    """Refuse an Excel or PowerPoint package (whatever its name) for what it is."""
    if main.startswith("xl/"):
        raise InputError("is an Excel spreadsheet (.xlsx), not a Word document; revcop reads Word .docx files",
                         path)
    if main.startswith("ppt/"):
        raise InputError("is a PowerPoint presentation (.pptx), not a Word document; revcop reads Word .docx files",
                         path)


def _target(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def _note_settings(walker: Walker, settings, first_sectpr) -> None:
    for endnote, tag in ((False, "footnotePr"), (True, "endnotePr")):
        for holder in (settings, first_sectpr):
            pr = child(holder, tag)
            start = val(pr, "numStart")
            if start and start.isdigit():
                walker.note_start[endnote] = int(start)
            fmt = val(pr, "numFmt")
            if fmt:
                walker.note_format[endnote] = fmt


class _Reading:
    """How tracked changes and formatting marks are read in one document."""

    def __init__(self, mode: str, has_tracked: bool, has_formatting: bool) -> None:
        if mode == "auto":
            mode = "edits" if has_formatting or not has_tracked else "amendments"
        self.mode = mode
        self.tracked_are_amendments = mode == "amendments"
        self.formatting = mode == "edits"


def _spans(para: Para, reading: _Reading, notes: dict, messages: list[Message],
           within: tuple = ()) -> list[Span]:
    """The spans of a paragraph; ``within``: the notes whose text is being read (a note citing one of
    them, itself included, would be read for ever)."""
    out: list[Span] = []
    both = False
    for piece in para.pieces:
        if reading.tracked_are_amendments:
            change = _CHANGE[piece.tracked]
            move = piece.move
        else:
            if piece.tracked == "del":
                continue  # an edit to the draft, accepted
            move = None
            change = Change.UNCHANGED
            if piece.strike:
                change = Change.DELETED
                both = both or (piece.underline and bool(piece.text.strip()))
            elif piece.underline:
                change = Change.INSERTED
        if piece.note is not None:
            ref = piece.note
            key = (ref.endnote, ref.note_id)
            if key in within:
                kind = "endnote" if ref.endnote else "footnote"
                raise InputError(f"{para.source}: {kind} {ref.note_id} cites itself"
                                 f"{'' if key == within[-1] else ' through another note'}, which Word cannot show")
            note_paras = notes[ref.endnote].get(ref.note_id)
            if note_paras is None:
                messages.append(Message(f"{'endnote' if ref.endnote else 'footnote'} {ref.note_id} is missing", para.source))
                note_paras = []
            note_spans: list[Span] = []
            for np in note_paras:
                got = _spans(np, reading, notes, messages, (*within, key))
                if got and note_spans:
                    note_spans.append(Span("\n"))
                note_spans += got
            note = Note(ref.marker, merge_spans(strip_spans(note_spans)), endnote=ref.endnote)
            out.append(Span(ref.marker, change, note=note, move=move))
        elif piece.text:
            out.append(Span(piece.text, change, None, move))
    if both:
        messages.append(Message("text both underlined and struck through is read as deleted", para.source))
    return out if len(out) < 2 else list(merge_spans(out))  # fewer than two: nothing to merge (most paragraphs)


def _stripped(spans: list[Span]) -> list[Span]:
    """``strip_spans(spans)`` as a list: a lone span with no white space at its ends (most paragraphs)
    is kept as it is, which strip_spans would copy twice to find."""
    if len(spans) == 1:
        text = spans[0].text
        if text and not text[0].isspace() and not text[-1].isspace():
            return spans
    return list(strip_spans(spans))


def _has_text(spans: list[Span], drop: Change) -> bool:
    return any((s.text.strip() or s.note is not None) and s.change is not drop for s in spans)


def _blocks(paras: list[Para], reading: _Reading, notes: dict, labels: dict, messages: list[Message]) -> list[Block]:
    """Blocks of one story, joining paragraphs where a deleted paragraph mark says so."""
    blocks: list[Block] = []
    pending: tuple[list[Span], Para] | None = None
    for i, para in enumerate(paras):
        spans = _spans(para, reading, notes, messages)
        first = para
        if pending is not None:
            # Joined by an accepted edit, the paragraph keeps the surviving (last) mark's properties;
            # joined as an amendment, it is labelled as it was shown (the first paragraph's label).
            pending[0].extend(spans)  # in place: 200,000 joined paragraphs must not be copied each time
            spans = pending[0]
            first = pending[1] if reading.tracked_are_amendments else para
            pending = None
        next_same = i + 1 < len(paras) and paras[i + 1].container == para.container
        if para.mark == "del" and next_same:
            if not reading.tracked_are_amendments:
                pending = (spans, first)  # an accepted edit: the paragraphs are one
                continue
            if _has_text(spans, Change.DELETED):
                # ECMA-376 §17.13.5.15: a deleted paragraph mark joins this paragraph with the next.
                messages.append(Message(
                    "a deleted paragraph mark joins this paragraph with the next; the original text shows "
                    "them as one paragraph with a line break", para.source,
                ))
                spans.append(Span("\n", Change.DELETED))
                pending = (spans, first)
                continue
        if para.mark == "ins" and reading.tracked_are_amendments and next_same and _has_text(spans, Change.INSERTED) \
                and any(p.tracked != "ins" and p.text.strip() for p in paras[i + 1].pieces):
            messages.append(Message(
                "an inserted paragraph mark splits a paragraph; the original text shows the parts as "
                "separate paragraphs", para.source,
            ))
        spans = _stripped(spans)
        if not spans:  # (what stripping leaves begins and ends with text or a note)
            continue
        number = labels.get(id(first))
        change = Change.UNCHANGED
        if number is not None:
            # The label stands or falls with the paragraph's text: Word puts the inserted mark of a new
            # paragraph at the end of the paragraph before it, so the mark alone would misplace it.
            status = status_of(spans)
            change = {Status.INSERTED: Change.INSERTED, Status.DELETED: Change.DELETED}.get(status, Change.UNCHANGED)
        if first.running:
            spans = [Span(s.text, Change.UNCHANGED, note=s.note) for s in spans]
        blocks.append(Block(
            tuple(spans), source=first.source, style=first.style, number=number, number_change=change,
            centered=first.centered, in_table=first.in_table, running=first.running,
        ))
    return blocks


def read_blocks(path: str, data: bytes, tracked: str = "auto") -> Result:
    """Read a .docx file's bytes into blocks; ``tracked`` is auto, edits or amendments (see above)."""
    if tracked not in MODES:
        raise ValueError(f"tracked must be one of {MODES}, not {tracked!r}")
    try:
        return _read_blocks(path, data, tracked)
    except InputError as e:
        if e.path:
            raise
        raise InputError(e.message, path) from None  # found deep in a part, where the file name is not known


def _read_blocks(path: str, data: bytes, tracked: str) -> Result:
    pkg = Package(data, path)
    main = _main_part(pkg, path)
    streamed = _streamed_body(pkg, main)
    if streamed is None:
        root = _xml(pkg, main)
        body = child(root, "body")
        if root is None or body is None:
            raise InputError(f"{main} has no document body", path)
    rels_name = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
    rels = relationships(_xml(pkg, rels_name))
    by_type: dict[str, str] = {}
    rels_root = _xml(pkg, rels_name)
    for rel in rels_root if rels_root is not None else []:
        by_type.setdefault((rel.get("Type") or "").rsplit("/", 1)[-1], rel.get("Target") or "")

    def part(kind: str, default: str):
        target = by_type.get(kind)
        return _xml(pkg, _target(main, target) if target else default)

    styles = Styles.read(part("styles", "word/styles.xml"))
    numbering = Numbering.read(part("numbering", "word/numbering.xml"))
    walker = Walker(styles, numbering)
    from revcop.readers.docx import comments  # Word comments: where each is anchored (None: there are none)

    anchors = comments.watch(walker, part("comments", "word/comments.xml"))
    paras: list[Para] = []
    if streamed is None:
        sectprs = [s for s in root.iter(w("sectPr")) if local(s.getparent().tag) in ("w:pPr", "w:body")]
        _note_settings(walker, part("settings", "word/settings.xml"), sectprs[0] if sectprs else None)
        walker.blocks(body, paras, "paragraph")
        walker.end_story()
    else:
        children, sectprs, seen = streamed
        _note_settings(walker, part("settings", "word/settings.xml"), None)
        walker.blocks(children(walker), paras, "paragraph")
        walker.end_story()
        if not seen["body"]:
            raise InputError(f"{main} has no document body", path)

    notes: dict[bool, dict[str, list[Para]]] = {False: {}, True: {}}
    for endnote, kind, tag in ((False, "footnotes", "footnote"), (True, "endnotes", "endnote")):
        notes_root = part(kind, f"word/{kind}.xml")
        for el in notes_root.iter(w(tag)) if notes_root is not None else []:
            if attr(el, "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            note_id: str = attr(el, "id")  # type: ignore[assignment]  # None where a note has no id, as in its references
            if note_id in notes[endnote]:
                raise InputError(f"{kind}.xml has two {kind} with the id {note_id!r} (Word shows one of them)", path)
            note_paras: list[Para] = []
            walker.blocks(el, note_paras, f"{tag} {note_id} paragraph")
            walker.end_story()
            notes[endnote][note_id] = note_paras

    running: list[Para] = []
    headers_read: set[str] = set()
    for sectpr in sectprs:
        for rid in header_ids(sectpr):
            target = rels.get(rid)
            if not target:
                continue
            name = _target(main, target)
            if name in headers_read:
                continue
            headers_read.add(name)
            header = _xml(pkg, name)
            if header is not None:
                walker.blocks(header, running, posixpath.basename(name), running=True)
                walker.end_story()

    every = paras + [p for story in notes.values() for ps in story.values() for p in ps]
    has_tracked = any(p.mark for p in every) or any(piece.tracked for p in every for piece in p.pieces)
    has_formatting = any((piece.underline or piece.strike) and (piece.text.strip() or piece.note)
                         for p in every for piece in p.pieces)
    reading = _Reading(tracked, has_tracked, has_formatting)
    messages: list[Message] = []
    if tracked == "auto" and has_tracked and has_formatting:
        messages.append(Message(
            "the document has both tracked changes and underline/strike formatting: the tracked changes "
            "were read as edits to the draft (accepted) and the formatting as the amendments; give "
            "--tracked amendments to read the tracked changes as the amendments", level="info",
        ))
    if reading.tracked_are_amendments and has_formatting:
        messages.append(Message(
            "underline/strike formatting is not read as amendments: the tracked changes are the amendments",
            level="info",
        ))

    labels: dict[int, str | None] = {}
    for para in paras:
        if para.num is None:
            continue
        if not reading.tracked_are_amendments and para.mark == "del":
            continue  # its mark is gone once the edits are accepted: it is not a numbered paragraph
        label = numbering.label(para.num[0], para.num[1], styles)
        if label is not None:
            labels[id(para)] = label

    blocks = _blocks(running, reading, notes, {}, messages)
    body_blocks = _blocks(paras, reading, notes, labels, messages)
    if not body_blocks:
        raise InputError(f"{main} has no text", path)
    blocks += body_blocks
    if anchors is not None:
        blocks = anchors.attach(blocks, messages)

    messages = walker.messages + messages
    for para in every:
        if para.format_changes:
            messages.append(Message(
                "tracked formatting change (w:rPrChange/w:pPrChange): not a text change; the current "
                "formatting is read", para.source,
            ))
    for tag, (count, where) in sorted(walker.unknown.items()):
        messages.append(Message(f"element {tag} not understood ({count}x); its content is ignored", where))
    for tag, (count, where) in sorted(walker.not_read.items()):
        messages.append(Message(f"{NOT_READ[tag]} is not read: its content, which Word shows, is missing "
                                f"from the outputs ({count}x)", where))
    for tag, (count, where) in sorted(walker.ignored_graphics.items()):
        messages.append(Message(f"text inside {tag} (a drawing, text box or equation) is ignored ({count}x)", where))
    for fmt in sorted(numbering.unknown_formats):
        messages.append(Message(f"numbering format {fmt!r} is shown as arabic numerals"))
    return Result(blocks, messages)
