"""Lines of a page and the amendment marks of each character, from the drawing.

In a PDF, underline and strike-through are not properties of the text but lines (stroked paths or
thin filled rectangles) drawn near it. A character is *inserted* when a rule runs under it at the
underline position, *deleted* when one runs through it near mid x-height; the position is measured
from the character's own baseline in units of its own font size, so a superscript, a larger heading
or another producer's metrics are judged alike. Rules that are not marks: edges of boxes (table
borders, frames), rules that run well past the text they are under (a rule under a heading, a table
border, the footnote separator), rules covering no character, and underlines of link text (warned).
"""

from __future__ import annotations

from revcop.model import Change, Message
from revcop.readers.pdf.extract import Glyph, Page, Rule

# Positions of a rule's centre relative to a glyph's baseline, in units of the glyph's font size.
# Measured: LibreOffice underlines at -0.10..-0.17, Chromium at -0.10..-0.14, Word at -0.10..-0.20
# (double underline -0.05..-0.30); strike-through sits at 0.22..0.32 (LibreOffice, Word, Chromium)
# and at 0.16..0.20 for some fonts' strike bars.
UNDER = (-0.42, -0.02)
THROUGH = (0.12, 0.55)
#: Between the two zones a rule is neither clearly under nor clearly through the text: warned.
UNSURE = (-0.02, 0.12)
#: A rule that runs more than this many em past the characters it covers is not a mark.
OVERRUN_EM = 1.2


class Line:
    """One printed line: its glyphs (line-end characters dropped), baseline, size and extent."""

    __slots__ = ("glyphs", "marks", "page", "number", "baseline", "size", "x0", "x1", "running", "note_area",
                 "in_table", "top", "visible")

    def __init__(self, glyphs: list[Glyph], page: int, number: int) -> None:
        self.glyphs = glyphs
        self.marks: list[Change] = [Change.UNCHANGED] * len(glyphs)
        self.page = page
        self.number = number
        self.visible = [i for i, g in enumerate(glyphs) if not g.generated and not g.ch.isspace()]
        visible = [glyphs[i] for i in self.visible]
        counts: dict[float, int] = {}
        for g in visible:
            counts[g.size] = counts.get(g.size, 0) + 1
        sizes: dict[float, int] = {}
        for size, n in counts.items():
            sizes[round(size, 1)] = sizes.get(round(size, 1), 0) + n
        self.size = max(sizes, key=lambda k: (sizes[k], k)) if sizes else 0.0
        main_sizes = {size for size in counts if round(size, 1) == self.size}
        main = sorted(g.oy for g in visible if g.size in main_sizes)
        self.baseline = main[len(main) // 2] if main else 0.0
        self.x0 = min((g.x0 for g in visible), default=0.0)
        self.x1 = max((g.x1 for g in visible), default=0.0)
        self.top = max((g.y1 for g in visible), default=0.0)
        self.running = False
        self.note_area = False
        self.in_table = False

    @property
    def text(self) -> str:
        return "".join(g.ch for g in self.glyphs)

    @property
    def where(self) -> str:
        return f"page {self.page}, line {self.number}"

    def superscript(self, g: Glyph) -> bool:
        """A raised, smaller glyph: a note reference or an ordinal, not text of the line's size."""
        return g.size < 0.85 * self.size and g.oy > self.baseline + 0.2 * self.size


def split_lines(page: Page) -> list[Line]:
    """The page's lines in PDFium's reading order: split where PDFium ends a line, where the baseline
    jumps by more than a line, and where a vertical rule (a table's column border) runs between two
    characters on the same baseline."""
    lines: list[list[Glyph]] = [[]]
    ended = False  # PDFium ended a line; whether it really ends is decided at the next glyph
    last = None  # the last glyph of the current line that PDFium did not make up
    verticals = bool(page.verticals)
    for g in page.glyphs:
        if g.ch == "\r" or g.ch == "\n":
            ended = bool(lines[-1])
            continue
        if not g.generated:
            if last is not None:
                size = g.size if g.size > last.size else last.size
                if ended:
                    split = not _runs_on(last, g)
                else:
                    split = abs(g.oy - last.oy) > 0.9 * size or g.x0 < last.x0 - 2 * (size if size > 1.0 else 1.0)
                if split or (verticals and _vertical_between(page, last, g)):
                    lines.append([])
            ended = False
            last = g
        lines[-1].append(g)
    out: list[Line] = []
    for glyphs in lines:
        while glyphs and glyphs[-1].generated:
            glyphs.pop()
        while glyphs and glyphs[0].generated:
            glyphs.pop(0)
        if not any(g.ch.strip() for g in glyphs):
            continue
        line = Line(glyphs, page.number, len(out) + 1)
        prev = out[-1] if out else None
        if prev is not None and _raised_before(prev, line):
            # A note number set apart by the producer belongs to the line it stands at the start of.
            out[-1] = Line(prev.glyphs + line.glyphs, page.number, prev.number)
        else:
            out.append(line)
    for line in out:
        line.in_table = _boxed(page, line)
    return out


def _runs_on(last: Glyph, g: Glyph) -> bool:
    """Whether ``g`` continues the line ``last`` ends, where PDFium saw a line end: the next glyph
    stands just right of it on the same baseline, or raised and smaller (a note reference inside or
    after a word: ``V¹ideo``), or back on the baseline after such a reference."""
    size = max(last.size, g.size)
    if not -0.2 * size <= g.x0 - last.x1 <= 1.5 * size:
        return False
    rise = g.oy - last.oy
    if abs(rise) <= 0.1 * size:
        return True
    small, big = (g, last) if g.size < last.size else (last, g)
    return small.size < 0.85 * big.size and 0 < (small.oy - big.oy) <= 0.7 * big.size


def _raised_before(mark: Line, line: Line) -> bool:
    """``mark`` is only small raised characters standing just left of the start of ``line``."""
    vis = [g for g in mark.glyphs if not g.generated and g.ch.strip()]
    return (len(vis) <= 4 and all(g.size < 0.85 * line.size for g in vis)
            and line.baseline < mark.baseline <= line.baseline + 0.7 * line.size
            and mark.x1 <= line.x0 + 1 and line.x0 - mark.x1 < 2 * line.size)


def _vertical_between(page: Page, a: Glyph, b: Glyph) -> bool:
    if not page.verticals or b.x0 <= a.x1:
        return False
    y = a.oy + 0.3 * a.size
    return any(a.x1 - 0.5 <= x <= b.x0 + 0.5 and y0 <= y <= y1 for x, y0, y1 in page.verticals)


def _boxed(page: Page, line: Line) -> bool:
    """A line between two vertical rules that span its height: text in a table cell or a frame."""
    if not page.verticals:
        return False
    y = line.baseline + 0.3 * line.size
    left = any(x <= line.x0 + 0.5 and y0 <= y <= y1 for x, y0, y1 in page.verticals)
    right = any(x >= line.x1 - 0.5 and y0 <= y <= y1 for x, y0, y1 in page.verticals)
    return left and right


def in_link(page: Page, x: float, y: float) -> bool:
    return any(x0 - 0.5 <= x <= x1 + 0.5 and y0 - 1 <= y <= y1 + 1 for x0, y0, x1, y1 in page.links)


def mark_lines(page: Page, lines: list[Line], messages: list[Message], linked: list[str]) -> None:
    """Set ``line.marks`` from the page's rules (see the module docstring)."""
    rules = [r for r in page.rules if not r.boxed]
    if not rules:
        return
    for line in lines:
        lo = line.baseline + UNDER[0] * line.size - 1
        hi = line.baseline + THROUGH[1] * line.size + 1
        near = [r for r in rules if lo <= r.y <= hi and r.x1 > line.x0 and r.x0 < line.x1]
        if near:
            _mark_line(page, line, near, messages, linked)


def _box(line: Line, i: int) -> tuple[float, float, float, float]:
    """x0, x1, baseline, size of glyph ``i``; a generated space spans the gap between its neighbours."""
    g = line.glyphs[i]
    if not g.generated:
        return g.x0, g.x1, g.oy, g.size
    prev = next((line.glyphs[j] for j in range(i - 1, -1, -1) if not line.glyphs[j].generated), None)
    nxt = next((line.glyphs[j] for j in range(i + 1, len(line.glyphs)) if not line.glyphs[j].generated), None)
    if prev is None or nxt is None:
        return 0.0, 0.0, line.baseline, line.size
    return prev.x1, max(nxt.x0, prev.x1), prev.oy if prev.size >= line.size * 0.85 else line.baseline, line.size


def _mark_line(page: Page, line: Line, near: list[Rule], messages: list[Message], linked: list[str]) -> None:
    boxes = [_box(line, i) for i in range(len(line.glyphs))]
    # Which glyphs each rule covers (its centre under or over the glyph's middle), and whether the rule
    # runs on past them: a rule under a heading or a table border is longer than the text it is under.
    usable: list[Rule] = []
    for rule in near:
        covered = [b for b, g in zip(boxes, line.glyphs) if g.ch.strip() and rule.x0 - 0.3 <= (b[0] + b[1]) / 2 <= rule.x1 + 0.3]
        if not covered:
            continue
        em = max(b[3] for b in covered) or 1.0
        left, right = min(b[0] for b in covered), max(b[1] for b in covered)
        # A run past the text is allowed over the gap to the next glyph (a space drawn but not printed).
        if rule.x0 < left - OVERRUN_EM * em or rule.x1 > right + OVERRUN_EM * em:
            continue
        usable.append(rule)
    if not usable:
        return
    unsure = both = False
    link_underline = False
    for i, g in enumerate(line.glyphs):
        x0, x1, base, size = boxes[i]
        if x1 <= x0 or size <= 0:
            continue
        mid = (x0 + x1) / 2
        under = through = False
        for rule in usable:
            if not rule.x0 - 0.3 <= mid <= rule.x1 + 0.3:
                continue
            rel = (rule.y - base) / size
            if UNDER[0] <= rel <= UNDER[1]:
                if g.ch.strip() and in_link(page, mid, base):
                    link_underline = True
                    continue
                under = True
            elif THROUGH[0] <= rel <= THROUGH[1]:
                through = True
            elif UNSURE[0] < rel < UNSURE[1] and g.ch.strip():
                unsure = True
        if through:
            line.marks[i] = Change.DELETED
            both = both or (under and bool(g.ch.strip()))
        elif under:
            line.marks[i] = Change.INSERTED
    if unsure:
        messages.append(Message("a line drawn at the baseline is neither clearly an underline nor a "
                                "strike-through; the text it touches is read without a mark", line.where))
    if both:
        messages.append(Message("text both underlined and struck through is read as deleted", line.where))
    if link_underline:
        linked.append(line.where)

