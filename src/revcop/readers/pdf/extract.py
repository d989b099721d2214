"""What a PDF page holds, through PDFium (pypdfium2): glyphs with their geometry, horizontal rules, links.

All of PDFium lives here; the rest of the PDF reader sees plain records. Coordinates are PDF points
with y growing upwards (the page's own space, mediabox origin). Why PDFium: on the 21-page PDF of the
COP15 document it gives every character with its box and every path in about 0.25 s, where
pdfplumber (pdfminer.six) takes 2.7 s — and reading a 50-page PDF must take under 2 s (docs/pdf.md).
"""

from __future__ import annotations

import ctypes
import math
import os

from revcop.errors import InputError

#: Pages read at most unless --pages says which (a hostile page tree can claim millions).
MAX_PAGES = int(os.environ.get("REVCOP_MAX_PDF_PAGES", "2000"))
#: Page objects (paths, text objects, forms' contents) looked at per page, and nesting of forms.
MAX_OBJECTS = int(os.environ.get("REVCOP_MAX_PDF_OBJECTS", "200000"))
MAX_FORM_DEPTH = 12
#: Characters read per page: a page of text has a few thousand.
MAX_CHARS = int(os.environ.get("REVCOP_MAX_PDF_CHARS", "500000"))

_PATH, _FORM = 2, 5
_MOVETO = 2


class Glyph:
    """One character as printed: its text, box, baseline origin and effective font size.

    ``generated`` characters are PDFium's own (a space where the producer moved the pen instead of
    printing one, a line end); they have no box of their own.
    """

    __slots__ = ("ch", "x0", "x1", "y0", "y1", "ox", "oy", "size", "generated", "index", "color")

    def __init__(self, ch, x0, x1, y0, y1, ox, oy, size, generated, index, color=(0, 0, 0)):
        self.ch = ch
        self.x0 = x0
        self.x1 = x1
        self.y0 = y0
        self.y1 = y1
        self.ox = ox
        self.oy = oy
        self.size = size
        self.generated = generated
        self.index = index
        self.color = color  # fill colour (r, g, b)

    def __repr__(self) -> str:  # for debugging and test failures
        return f"Glyph({self.ch!r} x={self.x0:.1f}-{self.x1:.1f} base={self.oy:.1f} size={self.size:.1f})"


class Rule:
    """A horizontal line or thin filled rectangle: x0..x1 at height y (its centre), ``thickness``.

    ``boxed`` rules are edges of a closed shape with vertical sides (a table cell, a frame) — never
    marks. ``color`` is (r, g, b) 0-255.
    """

    __slots__ = ("x0", "x1", "y", "thickness", "boxed", "color")

    def __init__(self, x0, x1, y, thickness, boxed=False, color=(0, 0, 0)):
        self.x0 = x0
        self.x1 = x1
        self.y = y
        self.thickness = thickness
        self.boxed = boxed
        self.color = color

    def __repr__(self) -> str:
        return f"Rule({self.x0:.1f}-{self.x1:.1f} y={self.y:.2f} t={self.thickness:.2f}{' boxed' if self.boxed else ''})"


class Page:
    """One page: number (1-based), size, glyphs in PDFium's reading order, rules, link rectangles."""

    __slots__ = ("number", "width", "height", "glyphs", "rules", "links", "images", "verticals")

    def __init__(self, number, width, height):
        self.number = number
        self.width = width
        self.height = height
        self.glyphs: list[Glyph] = []
        self.rules: list[Rule] = []
        self.links: list[tuple[float, float, float, float]] = []
        self.images = 0
        self.verticals: list[tuple[float, float, float]] = []  # x, y0, y1 of vertical lines


def _pdfium():
    try:
        import pypdfium2  # noqa: F401 - initialises the library
        import pypdfium2.raw as pdfium_c
    except ImportError:  # pragma: no cover - a dependency of revcop
        raise InputError("is a PDF, and reading PDF needs the pypdfium2 package (pip install pypdfium2)") from None
    return pdfium_c


def open_document(data: bytes, path: str):
    """Load the PDF with PDFium: (raw module, document handle, buffer to keep alive, page count)."""
    R = _pdfium()
    buf = ctypes.create_string_buffer(data, len(data))
    doc = R.FPDF_LoadMemDocument64(buf, len(data), None)
    if not doc:
        err = R.FPDF_GetLastError()
        if err == R.FPDF_ERR_PASSWORD:
            raise InputError("is an encrypted (password-protected) PDF; save or print it again without a "
                             "password", path)
        if err == R.FPDF_ERR_SECURITY:
            raise InputError("is a PDF protected by a security handler revcop cannot open", path)
        raise InputError("is a damaged PDF that cannot be read (" + {
            R.FPDF_ERR_FORMAT: "not a PDF or corrupted", R.FPDF_ERR_FILE: "file not found or could not be opened",
        }.get(err, f"PDFium error {err}") + ")", path)
    count = R.FPDF_GetPageCount(doc)
    if count <= 0:
        R.FPDF_CloseDocument(doc)
        raise InputError("is a PDF without pages", path)
    return R, doc, buf, count


def _matrix(R, obj):
    m = R.FS_MATRIX()
    if not R.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner, outer):
    """The matrix applying ``inner`` then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m, x, y):
    return x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]


def _color(R, obj, stroke: bool):
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    ok = (R.FPDFPageObj_GetStrokeColor if stroke else R.FPDFPageObj_GetFillColor)(obj, r, g, b, a)
    return (r.value, g.value, b.value) if ok else (0, 0, 0)


class _Budget:
    def __init__(self, path: str, page: int) -> None:
        self.left = MAX_OBJECTS
        self.path = path
        self.page = page

    def spend(self, n: int = 1) -> None:
        self.left -= n
        if self.left < 0:
            raise InputError(f"page {self.page} has more than {MAX_OBJECTS} drawing objects "
                             f"(REVCOP_MAX_PDF_OBJECTS); refused as a hostile or damaged PDF", self.path)


def _path_rules(R, obj, m, page: Page, budget: _Budget) -> None:
    """Horizontal rules of one path object: stroked horizontal segments, thin filled rectangles."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not R.FPDFPath_GetDrawMode(obj, fill, stroke):
        return
    if not fill.value and not stroke.value:
        return  # a clipping path or an invisible one
    n = R.FPDFPath_CountSegments(obj)
    if n <= 0:
        return
    budget.spend(n)
    scale = math.sqrt(abs(m[0] * m[3] - m[1] * m[2])) or 1.0
    width = ctypes.c_float()
    stroke_width = (R.FPDFPageObj_GetStrokeWidth(obj, width) and width.value or 1.0) * scale
    fx, fy = ctypes.c_float(), ctypes.c_float()
    subpaths: list[list[tuple[float, float]]] = []
    for i in range(n):
        seg = R.FPDFPath_GetPathSegment(obj, i)
        if not seg or not R.FPDFPathSegment_GetPoint(seg, fx, fy):
            continue
        point = _apply(m, fx.value, fy.value)
        if R.FPDFPathSegment_GetType(seg) == _MOVETO or not subpaths:
            subpaths.append([point])
        else:
            subpaths[-1].append(point)
    for points in subpaths:
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        if fill.value and len(points) >= 3:
            h = y1 - y0
            w_ = x1 - x0
            if h <= 3.0 and w_ > 2 * h:
                page.rules.append(Rule(x0, x1, (y0 + y1) / 2, max(h, 0.05), color=_color(R, obj, False)))
                continue
            if w_ <= 3.0 and h > 2 * w_:
                page.verticals.append(((x0 + x1) / 2, y0, y1))
                continue
        if stroke.value and stroke_width <= 3.0:
            closed_box = len(points) >= 4 and (y1 - y0) > 3.0 and (x1 - x0) > 3.0
            for (ax, ay), (bx, by) in zip(points, points[1:] + (points[:1] if closed_box else [])):
                if abs(ay - by) <= 0.2 and abs(ax - bx) > 0.5:
                    page.rules.append(Rule(min(ax, bx), max(ax, bx), (ay + by) / 2, stroke_width,
                                           boxed=closed_box, color=_color(R, obj, True)))
                elif abs(ax - bx) <= 0.2 and abs(ay - by) > 0.5:
                    page.verticals.append(((ax + bx) / 2, min(ay, by), max(ay, by)))


def _objects(R, holder, count_fn, get_fn, m, depth, page: Page, budget: _Budget) -> None:
    count = count_fn(holder)
    budget.spend(max(count, 0))
    for i in range(max(count, 0)):
        obj = get_fn(holder, i)
        if not obj:
            continue
        kind = R.FPDFPageObj_GetType(obj)
        if kind == _PATH:
            _path_rules(R, obj, _compose(_matrix(R, obj), m), page, budget)
        elif kind == _FORM and depth < MAX_FORM_DEPTH:
            _objects(R, obj, R.FPDFFormObj_CountObjects, R.FPDFFormObj_GetObject,
                     _compose(_matrix(R, obj), m), depth + 1, page, budget)
        elif kind == 3:  # an image
            page.images += 1


def read_page(R, doc, index: int, path: str) -> Page:
    """Glyphs, rules and links of page ``index`` (0-based)."""
    handle = R.FPDF_LoadPage(doc, index)
    if not handle:
        raise InputError(f"page {index + 1} of the PDF cannot be read (damaged)", path)
    try:
        page = Page(index + 1, R.FPDF_GetPageWidthF(handle), R.FPDF_GetPageHeightF(handle))
        budget = _Budget(path, index + 1)
        _objects(R, handle, R.FPDFPage_CountObjects, R.FPDFPage_GetObject, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0,
                 page, budget)
        text = R.FPDFText_LoadPage(handle)
        if not text:
            return page
        try:
            _glyphs(R, text, page, path)
        finally:
            R.FPDFText_ClosePage(text)
        _links(R, handle, page)
        return page
    finally:
        R.FPDF_ClosePage(handle)


def _glyphs(R, text, page: Page, path: str) -> None:
    n = R.FPDFText_CountChars(text)
    if n > MAX_CHARS:
        raise InputError(f"page {page.number} has {n} characters (limit {MAX_CHARS}, REVCOP_MAX_PDF_CHARS); "
                         "refused as a hostile or damaged PDF", path)
    if n <= 0:
        return
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = R.FPDFText_GetText(text, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    chars: str | None = buf.raw[: max(got - 1, 0) * 2].decode("utf-16-le", errors="replace")
    if chars is not None and len(chars) != n:  # characters outside the BMP take two units: fall back to one call each
        chars = None
    fast = _fast(R)
    handle = ctypes.cast(text, ctypes.c_void_p).value
    box = (ctypes.c_double * 4)()
    left, right, bottom, top = (ctypes.addressof(box) + 8 * k for k in range(4))
    ox, oy = ctypes.c_double(), ctypes.c_double()
    m = R.FS_MATRIX()
    r, g_, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    get_box, get_object = fast
    get_origin, get_size, get_matrix = R.FPDFText_GetCharOrigin, R.FPDFText_GetFontSize, R.FPDFText_GetMatrix
    is_generated, get_unicode, get_color = R.FPDFText_IsGenerated, R.FPDFText_GetUnicode, R.FPDFText_GetFillColor
    glyphs = page.glyphs
    append = glyphs.append
    size = 0.0
    baseline = 0.0
    color = (0, 0, 0)
    current = None
    for i in range(n):
        ch = chars[i] if chars is not None else chr(get_unicode(text, i) or 0xFFFD)
        if ch in " \r\n" and is_generated(text, i) == 1:
            append(Glyph(ch, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, size, True, i, color))
            continue
        obj = get_object(handle, i)
        if obj != current or obj is None:
            # A text object has one font, size, colour and baseline (its characters are placed along
            # it): those are read once an object. The effective size is the font size scaled by the
            # text, page and form matrices.
            current = obj
            got = get_size(text, i)
            size = got * math.sqrt(abs(m.a * m.d - m.b * m.c)) if get_matrix(text, i, m) else got
            get_origin(text, i, ox, oy)
            baseline = oy.value
            color = (r.value, g_.value, b.value) if get_color(text, i, r, g_, b, a) else (0, 0, 0)
        get_box(handle, i, left, right, bottom, top)
        append(Glyph(ch, box[0], box[1], box[2], box[3], box[0], baseline, size, False, i, color))


_FAST: list = []


def _fast(R):
    """PDFium's per-character calls with plain C types (addresses as integers): ctypes converts these
    several times faster than the bindings' pointer types, and a page has thousands of characters."""
    if not _FAST:
        address = ctypes.c_void_p
        box = ctypes.CFUNCTYPE(ctypes.c_int, address, ctypes.c_int, address, address, address, address)
        obj = ctypes.CFUNCTYPE(address, address, ctypes.c_int)
        _FAST.extend([box(ctypes.cast(R.FPDFText_GetCharBox, address).value),
                      obj(ctypes.cast(R.FPDFText_GetTextObject, address).value)])
    return _FAST


def _links(R, handle, page: Page) -> None:
    start = ctypes.c_int(0)
    link = R.FPDF_LINK()
    rect = R.FS_RECTF()
    for _ in range(10000):
        if not R.FPDFLink_Enumerate(handle, start, link):
            break
        if R.FPDFLink_GetAnnotRect(link, rect):
            page.links.append((min(rect.left, rect.right), min(rect.bottom, rect.top),
                               max(rect.left, rect.right), max(rect.bottom, rect.top)))
