"""PDF -> blocks: amendment marks read from the drawing, paragraphs rebuilt from the page (docs/pdf.md).

Guarantees of :func:`read_blocks`, as for the other readers: each block's spans are non-empty and the
block has no leading or trailing white space; footnotes are spans carrying a :class:`~revcop.model.Note`;
running headers and footers come first, as blocks with ``running=True``. Ligatures are read as their
letters, typographic spaces (en, em, thin ...) as spaces, soft hyphens dropped.

PDFium (pypdfium2) is imported only here, when a PDF is read.
"""

from __future__ import annotations

from contextvars import ContextVar

from revcop.errors import InputError
from revcop.model import Block, Message, Result, Span
from revcop.patterns import compiled

#: The pages to read when read_blocks is not told: set by the command line's --pages for its run.
PAGES: ContextVar[str | None] = ContextVar("revcop_pdf_pages", default=None)
_PAGES = compiled(r"^\s*(\d+)?\s*(?:-\s*(\d+)?)?\s*$")


def parse_pages(spec: str | None) -> list[tuple[int, int | None]] | None:
    """``"3-5,9,12-"`` -> [(3, 5), (9, 9), (12, None)]; None for all pages. ValueError if malformed."""
    if spec is None or not spec.strip():
        return None
    ranges: list[tuple[int, int | None]] = []
    for part in spec.split(","):
        m = _PAGES.match(part)
        if not m or not (m.group(1) or m.group(2)):
            raise ValueError(f"{part.strip()!r} is not a page or a range of pages (e.g. 3, 3-5, 12-)")
        first = int(m.group(1) or 1)
        last = None if ("-" in part and not m.group(2)) else int(m.group(2) or first)
        if first < 1 or (last is not None and last < first):
            raise ValueError(f"{part.strip()!r} is not a range of pages (pages count from 1)")
        ranges.append((first, last))
    return ranges


def _selected(ranges, count: int, path: str) -> list[int]:
    from revcop.readers.pdf.extract import MAX_PAGES

    if ranges is None:
        if count > MAX_PAGES:
            raise InputError(f"has {count} pages (more than {MAX_PAGES}, REVCOP_MAX_PDF_PAGES); give --pages "
                             "to read some of them", path)
        return list(range(count))
    chosen: list[int] = []
    for first, last in ranges:
        if first > count:
            raise InputError(f"has {count} pages; --pages asks for page {first}", path)
        chosen += range(first - 1, min(last or count, count))
    chosen = sorted(set(chosen))
    if len(chosen) > MAX_PAGES:
        raise InputError(f"--pages selects {len(chosen)} pages (more than {MAX_PAGES}, REVCOP_MAX_PDF_PAGES)", path)
    return chosen


def _places(where: list[str]) -> str:
    more = f" and {len(where) - 3} more" if len(where) > 3 else ""
    return "; ".join(where[:3]) + more


def _chromatic(color: tuple[int, int, int]) -> bool:
    return max(color) - min(color) > 60  # not black, white or grey


def _colour_messages(pages_lines) -> list[Message]:
    """Colour used with or instead of marks. A word processor shows tracked changes in colour; some
    documents mark amendments by colour alone. Neither is read as a mark, so both are reported."""
    from revcop.model import Change
    from revcop.readers.pdf.lines import in_link

    marked_colour: list[str] = []
    marked_black = False
    unmarked_colour: list[str] = []
    for page, lines in pages_lines:
        for line in lines:
            if line.running:
                continue
            # The (colour, mark) pairs of the line's characters: a few, so each is judged once.
            pairs = {(line.glyphs[i].color, line.marks[i]) for i in line.visible}
            coloured_mark = any(_chromatic(c) for c, m in pairs if m is not Change.UNCHANGED)
            marked_black = marked_black or any(not _chromatic(c) for c, m in pairs if m is not Change.UNCHANGED)
            black_text = any(not _chromatic(c) for c, m in pairs if m is Change.UNCHANGED)
            coloured_text = black_text and any(_chromatic(c) for c, m in pairs if m is Change.UNCHANGED) and any(
                _chromatic(g.color) and m is Change.UNCHANGED and not in_link(page, (g.x0 + g.x1) / 2, g.oy)
                for g, m in ((line.glyphs[i], line.marks[i]) for i in line.visible))
            if coloured_mark:
                marked_colour.append(line.where)
            if coloured_text:  # a coloured heading is a style; coloured words in a line of black may be marks
                unmarked_colour.append(line.where)
    out: list[Message] = []
    if marked_colour:
        out.append(Message(
            f"underlined or struck-through text is coloured ({_places(marked_colour)}), as a word processor shows "
            "tracked changes; it is read as amendments. If these are an editor's corrections to the draft, "
            "accept them in the word processor and make the PDF again",
            level="warning" if marked_black else "info"))
    if unmarked_colour:
        out.append(Message(
            f"coloured words without underline or strike-through ({_places(unmarked_colour)}) are read as "
            "unchanged; if colour marks amendments in this document, those amendments are not read"))
    return out


def read_blocks(path: str, data: bytes, pages: str | None = None) -> Result:
    """Read a PDF file's bytes into blocks; ``pages`` limits the pages read (``"3-5,9"``)."""
    from revcop.readers.pdf import bounds, extract
    from revcop.readers.pdf.lines import mark_lines, split_lines
    from revcop.readers.pdf.paragraphs import _notes_of, blocks, find_note_areas, find_running

    if pages is None:
        pages = PAGES.get()
    try:
        ranges = parse_pages(pages)
    except ValueError as e:
        raise InputError(f"--pages: {e}", path) from None
    bounds.check(data, path)
    R, doc, buf, count = extract.open_document(data, path)
    try:
        read = [extract.read_page(R, doc, i, path) for i in _selected(ranges, count, path)]
    finally:
        R.FPDF_CloseDocument(doc)
        del buf
    if not any(g.ch.strip() for p in read for g in p.glyphs):
        if any(p.images for p in read):
            raise InputError("is a scanned PDF (page images without a text layer); revcop reads the text of a "
                             "PDF and does no OCR: run OCR first or use the Word original", path)
        raise InputError("is a PDF without any text", path)
    messages: list[Message] = []
    linked: list[str] = []
    pages_lines = [(p, split_lines(p)) for p in read]
    find_running(pages_lines)
    find_note_areas(pages_lines)
    for page, lines in pages_lines:
        mark_lines(page, lines, messages, linked)
    notes_by_page: dict[int, list] = {}
    running: list[Block] = []
    seen: set[str] = set()
    body = []
    for page, lines in pages_lines:
        notes_by_page[page.number] = _notes_of([ln for ln in lines if ln.note_area and not ln.running], messages)
        for line in lines:
            if line.running:
                text = " ".join(line.text.split())
                if text not in seen:
                    seen.add(text)
                    running.append(Block((Span(text),), source=line.where, running=True))
            elif not line.note_area:
                body.append(line)
    if linked:
        messages.append(Message(f"underlined text inside a link is read as link styling, not as inserted text "
                                f"({_places(linked)})"))
    messages += _colour_messages(pages_lines)
    by_number = {p.number: p for p, _ in pages_lines}
    out = blocks(body, notes_by_page, by_number, messages)
    for notes in notes_by_page.values():
        for marker, _spans, where in notes:
            messages.append(Message(f"footnote {marker} has no reference mark in the text; its text is not read", where))
    return Result(running + out, messages)
