"""Paragraphs from printed lines: running headers and footers, footnotes, lines joined into blocks.

A line continues the paragraph above it unless the page says otherwise: more space than the usual
line pitch, a line above that ended short (the next line's first word would have fitted on it), a
change of indentation once the paragraph's own indentation is known, a change of font size, or a
line that starts with a label after one that ended a sentence or clause. A hyphen at a line end is
kept (``Kunming-`` + ``Montreal``) and the lines joined without a space; a soft hyphen is dropped.
Running headers and footers are the top and bottom lines that recur on other pages (digits aside)
or are only a page number; the footnote area is what lies below a short rule at the left margin.
"""

from __future__ import annotations

import re

from revcop.model import Block, Change, Message, Note, Span, strip_spans
from revcop.patterns import compiled
from revcop.readers.pdf.extract import Page
from revcop.readers.pdf.lines import Line

_PAGE_NUMBER = compiled(r"^[-–—\s]*(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?[-–—\s]*$", re.IGNORECASE)
_LABEL = compiled(
    r"^(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]?(?:\s*(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies))?"
    r"|\(?[a-z]{1,2}\)|\([a-z]{1,2}\)|\(?[ivxlcdm]{1,7}\)|[A-Z][.)])(?=[\s\u00a0])"
)
_CLAUSE_END = (".", ";", ":")
#: Characters the reader changes: ligatures into their letters (as the .docx text has them),
#: PDFium's marks for a soft hyphen and an unknown glyph.
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st",
              "\ufb06": "st"}
_SOFT_HYPHENS = ("\u00ad", "\x02")
#: PDFium's own guess of a hyphen that breaks a word at a line end: the glyph printed is a hyphen.
_LINE_END_HYPHEN = "\ufffe"
_SPACES = {"\u2002", "\u2003", "\u2009", "\u200a", "\u2007", "\u2008", "\u2004", "\u2005", "\u2006", "\u205f",
           "\u3000"}


def _numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d{1,6}", text)]


def _same_running(a: Line, a_page: int, b: Line, b_page: int) -> bool:
    """Two edge lines are one running header or footer: the same text at the same height, or the
    same text but for a number that counts the pages (``7`` / ``8``, ``Page 1 of 9`` / ``Page 2 of 9``)."""
    if abs(a.baseline - b.baseline) > 3:
        return False
    ta, tb = " ".join(a.text.split()), " ".join(b.text.split())
    if ta == tb:
        return True
    if re.sub(r"\d+", "#", ta) != re.sub(r"\d+", "#", tb):
        return False
    na, nb = _numbers(ta), _numbers(tb)
    differ = [(x, y) for x, y in zip(na, nb) if x != y]
    return len(differ) == 1 and differ[0][0] - a_page == differ[0][1] - b_page


def find_running(pages: list[tuple[Page, list[Line]]]) -> None:
    """Mark running headers and footers: up to two lines at the top and bottom of each page."""
    edges: list[tuple[int, Line]] = []
    for (page, lines) in pages:
        ordered = sorted(lines, key=lambda ln: -ln.baseline)
        for line in ordered[:2] + ordered[-2:]:
            edges.append((page.number, line))
    by_key: dict[str, list[tuple[int, Line]]] = {}
    for number, line in edges:
        by_key.setdefault(re.sub(r"\d+", "#", " ".join(line.text.split())), []).append((number, line))
    for page, lines in pages:
        ordered = sorted(lines, key=lambda ln: -ln.baseline)
        if not ordered:
            continue
        margin = min(page.height * 0.15, 130)
        for group in (ordered, ordered[::-1]):
            for pos, line in enumerate(group[:2]):
                if pos == 1 and not group[0].running:
                    break  # a second line is running only beyond a running one
                text = " ".join(line.text.split())
                inward = group[pos + 1] if pos + 1 < len(group) else None
                # Set apart from the text: in the top or bottom margin and well clear of the next line
                # (the same paragraph at the top of two pages of a repetitive document is body text).
                gap = abs(line.baseline - inward.baseline) if inward is not None else 0.0
                apart = inward is None or gap > 2.2 * max(inward.size, line.size) \
                    or (abs(inward.size - line.size) > 1 and gap > 1.25 * max(inward.size, line.size))
                at_edge = line.baseline > page.height - margin or line.baseline < margin
                if len(text) > 120 or not apart or not at_edge:
                    break
                others = by_key.get(re.sub(r"\d+", "#", text), ())
                same = [n for n, other in others if n != page.number and _same_running(line, page.number, other, n)]
                # Text that differs only by a number must recur on two other pages: two consecutive
                # pages starting with ANNEX 2 and ANNEX 3 are not a running header.
                exact = any(" ".join(o.text.split()) == text for n, o in others if n in same)
                if exact or len(same) >= 2 or _PAGE_NUMBER.match(text):
                    line.running = True
                else:
                    break


def find_note_areas(pages: list[tuple[Page, list[Line]]]) -> None:
    """Lines below a footnote separator: a short rule near the left margin with no text on it."""
    for page, lines in pages:
        body = [ln for ln in lines if not ln.running]
        if not body:
            continue
        left = min(ln.x0 for ln in body)
        right = max(max(ln.x1 for ln in body), page.width - left)  # the column, even on a page of short lines
        for rule in sorted(page.rules, key=lambda r: -r.y):
            if rule.boxed or abs(rule.x0 - left) > 12 or not 0.08 * (right - left) <= rule.x1 - rule.x0 <= 0.6 * (right - left):
                continue
            # Not a mark: no text stands on it or is struck through by it.
            if any(-0.6 * ln.size <= ln.baseline - rule.y <= 0.45 * ln.size and ln.x0 < rule.x1 and ln.x1 > rule.x0
                   for ln in body):
                continue
            below = [ln for ln in body if ln.baseline < rule.y]
            above = [ln for ln in body if ln.baseline > rule.y]
            if below and above:
                for ln in below:
                    ln.note_area = True
                break


class _Text:
    """Spans being built for one paragraph, with the glyph marks turned into span changes."""

    def __init__(self) -> None:
        self.spans: list[Span] = []
        self.hyphen_dropped = False  # the text so far ends with a soft hyphen (a word broken for the line)

    def add(self, text: str, change: Change, note: Note | None = None) -> None:
        if not text:
            return
        last = self.spans[-1] if self.spans else None
        if note is None and last is not None and last.note is None and last.change is change:
            self.spans[-1] = Span(last.text + text, change)
        else:
            self.spans.append(Span(text, change, note=note))

    @property
    def last_change(self) -> Change | None:
        for s in reversed(self.spans):
            if s.text.strip() or s.note is not None:
                return s.change
        return None

    def text(self) -> str:
        return "".join(s.text for s in self.spans if s.note is None)


#: Characters the reader changes, and what each becomes (see above).
_CHAR = {**_LIGATURES, **{c: " " for c in _SPACES}, **{c: "" for c in _SOFT_HYPHENS}, _LINE_END_HYPHEN: "-"}


def _visible(line: Line) -> list[int]:
    return line.visible


def _notes_of(lines: list[Line], messages: list[Message]) -> list[tuple[str, list[Span], str]]:
    """(marker, spans, where) of each footnote in a page's note area."""
    notes: list[tuple[str, list[Span], str]] = []
    for line in lines:
        vis = _visible(line)
        if not vis:
            continue
        first = line.glyphs[vis[0]]
        marker = ""
        k = vis[0]
        if line.superscript(first) or (first.size < line.size * 0.85):
            while k < len(line.glyphs) and not line.glyphs[k].generated and line.glyphs[k].ch.strip() \
                    and line.glyphs[k].size < line.size * 0.85:
                marker += line.glyphs[k].ch
                k += 1
        if marker:
            text = _Text()
            _add_glyphs(text, line, k, len(line.glyphs))
            notes.append((marker, text.spans, line.where))
        elif notes:
            text = _Text()
            text.spans = notes[-1][1]
            _join(text, line)
            _add_glyphs(text, line, 0, len(line.glyphs))
        else:
            messages.append(Message("text in the footnote area without a note number is read as body text", line.where))
            line.note_area = False
    return notes


def _add_glyphs(text: _Text, line: Line, start: int, end: int, notes: dict | None = None) -> None:
    """Add glyphs ``start:end`` of ``line`` as spans, a note reference where a raised number matches a
    note of ``notes`` (which it is taken from)."""
    glyphs, marks = line.glyphs, line.marks
    limit_size = 0.85 * line.size
    limit_rise = line.baseline + 0.2 * line.size
    run: list[str] = []
    change = Change.UNCHANGED  # until the first glyph says otherwise (run is empty until then)
    i = start
    while i < end:
        g = glyphs[i]
        ch = g.ch
        if notes and not g.generated and g.size < limit_size and g.oy > limit_rise and not ch.isspace():
            j = i
            while j < end and not glyphs[j].generated and line.superscript(glyphs[j]):
                j += 1
            marker = "".join(x.ch for x in glyphs[i:j])
            note = notes.pop(marker, None)
            if note is not None:
                if run:
                    text.add("".join(run), change)
                    run = []
                text.add(marker, marks[i], note)
                i = j
                continue
        if ch in _SOFT_HYPHENS:
            text.hyphen_dropped = True
        elif not ch.isspace():
            text.hyphen_dropped = False
        if marks[i] is not change:
            if run:
                text.add("".join(run), change)
            run = []
            change = marks[i]
        run.append(_CHAR.get(ch, ch))
        i += 1
    if run:
        text.add("".join(run), change)


#: List bullets as fonts print them (Symbol's and Wingdings' private-use code points among them). A
#: bullet is list formatting, not text: the .docx reader gives a bulleted paragraph no label either.
_BULLETS = frozenset("\u2022\u25e6\u25aa\u25ab\u2023\u2043\u2219\u25cf\u25cb\u25a0\u25a1\u27a2\u2713"
                     "\uf0b7\uf0a7\uf0d8\uf0fc\uf076\uf0a8\uf06e\uf0e8")


def _after_bullet(line: Line) -> int:
    """Where the text of a paragraph's first line starts: after a list bullet set apart by a space."""
    vis = _visible(line)
    if len(vis) >= 2 and line.glyphs[vis[0]].ch in _BULLETS and vis[1] > vis[0] + 1:
        return vis[1]
    if len(vis) >= 2 and line.glyphs[vis[0]].ch in _BULLETS and line.glyphs[vis[1]].x0 - line.glyphs[vis[0]].x1 > 0.2 * line.size:
        return vis[1]
    return 0


def _first_word_width(line: Line) -> float:
    vis = _visible(line)
    if not vis:
        return 0.0
    end = line.glyphs[vis[0]].x1
    for i in range(vis[0], len(line.glyphs)):
        g = line.glyphs[i]
        if g.generated or not g.ch.strip():
            break
        end = g.x1
    return end - line.x0


#: Characters after which a line may break without a space (UAX #14): the text runs on unbroken.
_BREAK_AFTER = ("-", "\u2010", "\u2011", "\u2013", "\u2014", "/")


def _join(text: _Text, line: Line) -> None:
    """Join ``line`` to the text so far: a space, or nothing where the line broke inside a word.

    A space printed at the end of the line above is the joining space; without one, a line ending in
    a hyphen, dash or slash attached to its word (``Kunming-``, ``2024–``, ``UNEP/CMS/``) runs on
    into the next without a space, and a soft hyphen (a word broken for the line) is dropped. The
    joining space is marked as the text on both sides of it when they agree (a mark running on
    across the line break), else unmarked: a producer draws no mark under a space at a line end.
    """
    spaced = False
    while text.spans and text.spans[-1].note is None and text.spans[-1].text[-1:].isspace():
        spaced = True
        last = text.spans[-1]
        stripped = last.text.rstrip()
        if stripped:
            text.spans[-1] = Span(stripped, last.change)
        else:
            text.spans.pop()
    current = text.text()
    vis = _visible(line)
    first = line.marks[vis[0]] if vis else Change.UNCHANGED
    before = text.last_change
    if text.hyphen_dropped:
        text.hyphen_dropped = False
        return
    if not spaced and current.endswith(_BREAK_AFTER) and len(current) > 1 and not current[-2].isspace():
        return
    text.add(" ", before if before is first and before is not None else Change.UNCHANGED)


def _label(line: Line) -> bool:
    return bool(_LABEL.match(" ".join(line.text.split()) + " "))


def _pitches(lines: list[Line]) -> dict[float, float]:
    gaps: dict[float, dict[float, int]] = {}
    for a, b in zip(lines, lines[1:]):
        if a.page == b.page and a.size == b.size and a.baseline > b.baseline:
            gap = round((a.baseline - b.baseline) * 2) / 2
            if gap <= 2.5 * a.size:
                counts = gaps.setdefault(a.size, {})
                counts[gap] = counts.get(gap, 0) + 1
    return {size: min(g for g, n in counts.items() if n == max(counts.values())) for size, counts in gaps.items()}


def paragraphs(lines: list[Line], pages: dict[int, Page]) -> list[list[Line]]:
    """Group body lines (in reading order) into paragraphs."""
    pitch = _pitches(lines)
    # The right edge of the text column: the furthest any line reaches, or, where no line is full (a
    # list of short lines), the left margin mirrored (Word's and LibreOffice's margins are equal).
    widest = max((ln.x1 for ln in lines), default=0.0)
    starts: dict[float, int] = {}
    for ln in lines:
        starts[round(ln.x0)] = starts.get(round(ln.x0), 0) + 1
    left = min(starts, key=lambda x: (-starts[x], x)) if starts else 0.0  # where most lines start
    right = {n: max(widest, page.width - left) if page.width - left > left else widest for n, page in pages.items()}
    out: list[list[Line]] = []
    for line in lines:
        if not out:
            out.append([line])
            continue
        para = out[-1]
        prev = para[-1]
        if _continues(para, prev, line, pitch, right):
            para.append(line)
        else:
            out.append([line])
    return out


def _continues(para: list[Line], a: Line, b: Line, pitch: dict[float, float], right: dict[int, float]) -> bool:
    if a.in_table != b.in_table or abs(a.size - b.size) > 0.6:
        return False
    if a.page == b.page:
        gap = a.baseline - b.baseline
        usual = pitch.get(a.size, 1.2 * a.size)
        if gap <= 0 or gap > usual * 1.12 + 0.5:
            return False
    text_a = " ".join(a.text.split())
    space = 0.3 * b.size
    # Glyph boxes are tighter than the advances the producer wrapped with: half an em of slack.
    if a.x1 + space + _first_word_width(b) < right.get(a.page, a.x1) - 0.5 * b.size:
        return False  # the next line's first word would have fitted: the line above ended the paragraph
    if len(para) >= 2 and abs(b.x0 - para[1].x0) > 2.0:
        return False
    if _label(b) and (text_a.endswith(_CLAUSE_END) or len(para) == 1 and abs(b.x0 - a.x0) < 2.0):
        return False
    return True


def blocks(body: list[Line], notes_by_page: dict[int, list], pages: dict[int, Page],
           messages: list[Message]) -> list[Block]:
    """Blocks of the body lines, each footnote attached to the first raised reference of its number
    met from its page on. A note never referred to is warned about: its text is not read."""
    pending: dict[str, Note] = {}
    where: dict[str, str] = {}

    def unused(marker: str) -> None:
        messages.append(Message(f"footnote {marker} has no reference mark in the text; its text is not read",
                                where[marker]))

    out: list[Block] = []
    for para in paragraphs(body, pages):
        text = _Text()
        for k, line in enumerate(para):
            for marker, spans, at in notes_by_page.pop(line.page, []):
                if marker in pending:
                    unused(marker)
                pending[marker] = Note(marker, strip_spans(s for s in spans if s.text))
                where[marker] = at
            if k:
                _join(text, line)
            _add_glyphs(text, line, _after_bullet(line) if k == 0 else 0, len(line.glyphs), pending)
        spans = strip_spans(s for s in text.spans if s.text)
        if spans:
            first = para[0]
            out.append(Block(tuple(spans), source=f"page {first.page}, line {first.number}", in_table=first.in_table,
                             centered=_centered(para, pages)))
    for marker in pending:
        unused(marker)
    return out


def _centered(para: list[Line], pages: dict[int, Page]) -> bool:
    if len(para) != 1:
        return False
    page = pages[para[0].page]
    line = para[0]
    return abs(line.x0 - (page.width - line.x1)) < 3 and line.x0 > page.width * 0.2


