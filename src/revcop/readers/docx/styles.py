"""Styles of a Word document and the effective amendment formatting of a run.

Effective formatting is resolved in the order Word applies it (ECMA-376 §17.7.2): document defaults,
the paragraph style and the styles it is based on, the character style and its bases, then direct run
formatting; a later level overrides an earlier one, except that strike-through is a toggle property
between the paragraph and the character style (:meth:`Styles.style_marks`). Only what matters for
amendments is resolved:
underline (any kind counts; ``w:u w:val="none"`` switches it off), strike-through and double
strike-through (``w:val="0"/"false"`` switch them off). Underline that comes from a hyperlink
character style (``Hyperlink``, ``FollowedHyperlink``, LibreOffice's ``Internet Link``) is link
styling, not an insertion; direct underline on a link still is.
"""

from __future__ import annotations

from revcop.ooxml.names import attr, child, on, val, w

_LINK_STYLES = {"hyperlink", "followedhyperlink", "internet link", "internetlink", "visited internet link"}


# Plain classes, as the reader's other records (see revcop.readers.docx.content).
class Style:
    """A style of ``word/styles.xml``: its kind, name, parent and run and paragraph properties."""

    __slots__ = ("style_id", "kind", "name", "based_on", "rpr", "ppr")

    def __init__(self, style_id: str, kind: str, name: str, based_on: str | None, rpr, ppr) -> None:
        self.style_id = style_id
        self.kind = kind
        self.name = name
        self.based_on = based_on
        self.rpr = rpr
        self.ppr = ppr


class Marks:
    """Effective amendment formatting of a run: underline / strike, and whether the underline is link styling.

    ``toggled``: the (paragraph style, character style) whose strike-through Word's toggle rule resolved
    (see :meth:`Styles.style_marks`), where LibreOffice would read it otherwise.
    """

    __slots__ = ("underline", "strike", "link", "toggled")

    def __init__(self, underline: bool = False, strike: bool = False, link: bool = False,
                 toggled: tuple[str, str] | None = None) -> None:
        self.underline = underline
        self.strike = strike
        self.link = link
        self.toggled = toggled


_MARK_TAGS = (w("u"), w("strike"), w("dstrike"))
_NAME_AT = len(w(""))
_RSTYLE, _U, _STRIKE, _DSTRIKE, _RPR_CHANGE, _VAL = (w(t) for t in ("rStyle", "u", "strike", "dstrike", "rPrChange", "val"))
_R, _RPR = w("r"), w("rPr")
#: The run properties that decide a run's marks (:func:`run_properties`).
RUN_PROPERTIES = (_RSTYLE, _U, _STRIKE, _DSTRIKE, _RPR_CHANGE)
_NO_PROPERTIES = (None, None, None, None, False)


def _run_rpr(run):
    """A run's ``w:rPr`` (the first, which comes first by the schema), or None."""
    return run[0] if len(run) and run[0].tag == _RPR else child(run, "rPr")


def run_properties(paragraph) -> dict:
    """Run -> the properties of its ``w:rPr`` that decide its marks: (rStyle, u, strike, dstrike) as
    1-tuples of their ``w:val`` (the first of each), and whether it records a formatting change
    (``w:rPrChange``), for the runs of ``paragraph`` that have any of them.

    One walk of the paragraph in C, which yields only these elements: a run without them (most
    runs) costs nothing here, where reading each run's ``w:rPr`` made a Python object of every
    property of every run.
    """
    found: dict = {}
    for el in paragraph.iter(RUN_PROPERTIES):
        rpr = el.getparent()
        run = rpr.getparent() if rpr.tag == _RPR else None
        if run is None or run.tag != _R or _run_rpr(run) is not rpr:
            continue  # a paragraph mark's, an old formatting's (w:rPrChange), or a second w:rPr's
        props = found.get(run)
        if props is None:
            props = found[run] = [None, None, None, None, False]
        tag = el.tag
        if tag == _RPR_CHANGE:
            props[4] = True
            continue
        at = RUN_PROPERTIES.index(tag)
        if props[at] is None:
            props[at] = (el.get(_VAL),)
    return {run: tuple(props) for run, props in found.items()}


def _rpr_marks(rpr) -> dict[str, bool]:
    out: dict[str, bool] = {}
    if rpr is None:
        return out
    for el in rpr.iterchildren(*_MARK_TAGS):  # one pass for the three (this runs for every run)
        name = el.tag[_NAME_AT:]
        if name in out:
            continue  # the first one counts
        if name == "u":
            out["u"] = (attr(el, "val", "single") or "single").lower() != "none"
        else:
            out[name] = on(el)
    return out


class Styles:
    """``word/styles.xml``: styles by id, the defaults, and memoised effective properties."""

    def __init__(self) -> None:
        self.styles: dict[str, Style] = {}
        self.default_rpr = None
        self.default_paragraph: str | None = None
        self.default_character: str | None = None
        self._cache: dict = {}
        self._run_cache: dict = {}
        self._ppr_cache: dict = {}
        self._folds: dict = {}

    @classmethod
    def read(cls, root) -> Styles:
        out = cls()
        if root is None:
            return out
        defaults = child(root, "docDefaults")
        out.default_rpr = child(child(defaults, "rPrDefault"), "rPr")
        for el in root.iter(w("style")):
            sid = attr(el, "styleId")
            if not sid:
                continue
            kind = attr(el, "type", "paragraph")
            style = Style(sid, kind, val(el, "name", sid) or sid, val(el, "basedOn"), child(el, "rPr"), child(el, "pPr"))
            out.styles[sid] = style
            if attr(el, "default") in ("1", "true", "on"):
                if kind == "paragraph":
                    out.default_paragraph = sid
                elif kind == "character":
                    out.default_character = sid
        return out

    def fold(self, sid: str | None, kind: str, own, combine, empty):
        """``combine(result of the bases, own(style))`` over the style and the styles it is based on,
        the most basic first, memoised per style and ``kind``: a chain of 20,000 ``basedOn`` styles,
        each used once, is walked once rather than once per style. A chain that loops is cut where a
        style comes round again, and not memoised: its result depends on where it starts."""
        memo = self._folds.setdefault(kind, {})
        path: list[str] = []
        seen: set[str] = set()
        base = empty
        loops = False
        while sid and sid in self.styles:
            if sid in memo:
                base = memo[sid]
                break
            if sid in seen:
                loops = True
                break
            seen.add(sid)
            path.append(sid)
            sid = self.styles[sid].based_on
        for step in reversed(path):
            base = combine(base, own(self.styles[step]))
            if not loops:
                memo[step] = base
        return base

    def name(self, sid: str | None) -> str | None:
        style = self.styles.get(sid or "")
        return style.name if style else sid

    def ppr_value(self, sid: str | None, tag: str):
        """The nearest ``tag`` element in the paragraph style chain (the style itself first)."""
        key = (sid, tag)
        try:
            return self._ppr_cache[key]  # asked for every paragraph; the styles do not change
        except KeyError:
            pass
        found = self.fold(sid, "ppr " + tag, lambda style: child(style.ppr, tag),
                          lambda base, el: base if el is None else el, None)
        self._ppr_cache[key] = found
        return found

    def style_marks(self, psid: str | None, csid: str | None) -> tuple[dict[str, bool], bool, bool]:
        """Marks set by defaults and styles, whether the underline was set by a link style, and
        whether strike-through was resolved by Word's toggle rule where a plain override would differ.

        Strike-through is a toggle property (ECMA-376 §17.7.3): a character style that sets it on
        toggles what the paragraph style (or the defaults) gave, so both together show no strike in
        Word (as ``Strong`` in a bold heading shows no bold), and setting it off leaves that unchanged.
        LibreOffice lets the character style override instead; revcop follows Word, the tool these
        documents are written in, and says so where the two differ.
        """
        key = (psid, csid)
        if key in self._cache:
            return self._cache[key]
        defaults = _rpr_marks(self.default_rpr)
        para = self._marks(psid)
        char = self._marks(csid)
        link = "u" in char and self.fold(
            csid, "link", lambda s: s.name.lower() in _LINK_STYLES or s.style_id.lower() in _LINK_STYLES,
            lambda base, is_link: base or is_link, False)
        marks = {**defaults, **para, **char}
        toggled = False
        if "strike" in char:
            below = para.get("strike", defaults.get("strike", False))
            word = (not below) if char["strike"] else below
            if word != marks["strike"]:
                marks["strike"] = word
                toggled = True
        self._cache[key] = (marks, link, toggled)
        return marks, link, toggled

    def _marks(self, sid: str | None) -> dict[str, bool]:
        """The marks a style and its bases set (a later style overrides an earlier one)."""
        return self.fold(sid, "marks", lambda style: _rpr_marks(style.rpr),
                         lambda base, own: {**base, **own} if own else base, {})

    def run_marks(self, psid: str | None, props: tuple | None, run) -> tuple[Marks, bool]:
        """:meth:`marks` of a run, and whether its ``w:rPr`` records a formatting change.

        ``props`` are the run's properties that matter (:func:`run_properties`: None when it has none
        of them, as most runs); the result is memoised on them, and the run's ``w:rPr`` is only read
        for a set of properties not met before.
        """
        key = (psid, *(props or _NO_PROPERTIES))
        found = self._run_cache.get(key)
        if found is None:
            found = self._run_cache[key] = (self.marks(psid, _run_rpr(run)), key[5])
        return found

    def marks(self, psid: str | None, rpr) -> Marks:
        csid = val(rpr, "rStyle") or self.default_character
        marks, link, toggled = self.style_marks(psid, csid)
        direct = _rpr_marks(rpr)
        if "u" in direct:
            link = False
        if "strike" in direct:  # direct formatting is absolute, toggle property or not
            toggled = False
        marks = {**marks, **direct}
        underline = marks.get("u", False)
        return Marks(
            underline=underline and not link,
            strike=marks.get("strike", False) or marks.get("dstrike", False),
            link=underline and link,
            toggled=(self.name(psid) or "", self.name(csid) or "") if toggled else None,
        )
