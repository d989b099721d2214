"""Automatic numbering: the label Word displays for a numbered paragraph (numbering.xml).

Covers abstract numbering definitions and their instances (``w:num``) with ``w:lvlOverride`` (a
replacement level or a ``w:startOverride``), numbering linked through styles (``w:numStyleLink``),
numbering given by a paragraph style, level texts such as ``%1.``, ``(%1)``, ``%1.%2``, the formats
decimal, (zero-padded decimal), lower/upper letter and lower/upper roman, restarts (``w:lvlRestart``)
and legal numbering (``w:isLgl``).

As in Word, instances of one abstract definition share one sequence; a ``w:startOverride`` restarts
it where that instance is first used. Every paragraph of the document as displayed with its changes
shown counts, tracked deletions included (see docs/docx.md).
"""

from __future__ import annotations

import re

from revcop import labels
from revcop.errors import InputError
from revcop.ooxml.names import attr, child, val, w
from revcop.patterns import compiled

_PLACEHOLDER = compiled(r"%([1-9])")
#: Word's numbering levels are 0 to 8.
LEVELS = 9
KNOWN_FORMATS = {"decimal", "decimalZero", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman", "bullet", "none"}


class Level:
    """One level of a numbering definition (``w:lvl``). A plain class, as the reader's other records (see
    :mod:`revcop.readers.docx.content`)."""

    __slots__ = ("start", "fmt", "text", "restart", "legal", "style")

    def __init__(self, start: int = 1, fmt: str = "decimal", text: str = "%1.", restart: int | None = None,
                 legal: bool = False, style: str | None = None) -> None:
        self.start = start
        self.fmt = fmt
        self.text = text
        self.restart = restart  # None: restart after any shallower level; 0: never
        self.legal = legal
        self.style = style


def whole(value: str | None, what: str, default: int = 0) -> int:
    """An OOXML decimal number (``w:start``, ``w:ilvl``); anything else is refused, naming it."""
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise InputError(f"numbering: {what} {value!r} is not a whole number") from None


def level_number(value: str | None, what: str) -> int:
    """A numbering level (``w:ilvl``): 0 to 8, as Word has; anything else is refused, naming it."""
    ilvl = whole(value, what)
    if not 0 <= ilvl < LEVELS:
        raise InputError(f"numbering: {what} {value!r} is not a level from 0 to {LEVELS - 1}")
    return ilvl


def _level(el) -> Level:
    restart = val(el, "lvlRestart")
    return Level(
        start=whole(val(el, "start"), "w:start", 1),
        fmt=val(el, "numFmt", "decimal") or "decimal",
        text=val(el, "lvlText", "") or "",
        restart=int(restart) if restart is not None and restart.lstrip("-").isdigit() else None,
        legal=child(el, "isLgl") is not None and (val(el, "isLgl", "1") or "1").lower() not in ("0", "false", "off"),
        style=val(el, "pStyle"),
    )


def format_number(n: int, fmt: str) -> str:
    if n > labels.MAX_LETTERS and fmt in ("lowerLetter", "upperLetter", "lowerRoman", "upperRoman"):
        # 10^11 as letters would be billions of them
        raise InputError(f"numbering: the number {n} is too large to be written in the format {fmt} "
                         f"(revcop writes letters and roman numerals up to {labels.MAX_LETTERS})")
    if fmt == "lowerLetter":
        return labels.to_letters(n) if n > 0 else str(n)
    if fmt == "upperLetter":
        return labels.to_letters(n).upper() if n > 0 else str(n)
    if fmt == "lowerRoman":
        return labels.to_roman(n) if n > 0 else str(n)
    if fmt == "upperRoman":
        return labels.to_roman(n).upper() if n > 0 else str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class Numbering:
    """``word/numbering.xml``, and the counters that render automatic numbers in document order."""

    def __init__(self) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.style_links: dict[str, str] = {}  # abstract id -> numbering style id
        self.nums: dict[str, str] = {}  # num id -> abstract id
        self.overrides: dict[str, dict[int, Level]] = {}
        self.starts: dict[str, dict[int, int]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set = set()
        self.unknown_formats: set[str] = set()

    @classmethod
    def read(cls, root) -> Numbering:
        out = cls()
        if root is None:
            return out
        for el in root.iter(w("abstractNum")):
            aid = attr(el, "abstractNumId")
            out.abstracts[aid] = {level_number(attr(lv, "ilvl", "0"), "w:lvl w:ilvl"): _level(lv)
                                  for lv in el.iter(w("lvl"))}
            link = val(el, "numStyleLink")
            if link:
                out.style_links[aid] = link
        for el in root.iter(w("num")):
            nid = attr(el, "numId")
            out.nums[nid] = val(el, "abstractNumId")
            for ov in el.iter(w("lvlOverride")):
                ilvl = level_number(attr(ov, "ilvl", "0"), "w:lvlOverride w:ilvl")
                start = val(ov, "startOverride")
                if start is not None and whole(start, "w:startOverride") >= 0:
                    out.starts.setdefault(nid, {})[ilvl] = int(start)
                lvl = child(ov, "lvl")
                if lvl is not None:
                    out.overrides.setdefault(nid, {})[ilvl] = _level(lvl)
        return out

    def abstract_of(self, num_id: str, styles) -> str | None:
        aid = self.nums.get(num_id)
        seen = set()
        # A definition that only links to a numbering style takes the definition of that style's num.
        while aid in self.style_links and aid not in seen:
            seen.add(aid)
            link_num = None
            ppr_num = styles.ppr_value(self.style_links[aid], "numPr")
            if ppr_num is not None:
                link_num = val(ppr_num, "numId")
            if not link_num or link_num not in self.nums:
                break
            aid = self.nums[link_num]
        return aid

    def level(self, num_id: str, aid: str, ilvl: int) -> Level | None:
        if ilvl in self.overrides.get(num_id, {}):
            return self.overrides[num_id][ilvl]
        return self.abstracts.get(aid, {}).get(ilvl)

    def level_for_style(self, num_id: str, styles, style_id: str | None) -> int:
        aid = self.abstract_of(num_id, styles)
        for ilvl, lvl in self.abstracts.get(aid, {}).items():
            if lvl.style and lvl.style == style_id:
                return ilvl
        return 0

    def label(self, num_id: str, ilvl: int, styles) -> str | None:
        """Advance the sequence for one numbered paragraph and return the label Word shows (None: bullet/none)."""
        aid = self.abstract_of(num_id, styles)
        if aid is None or aid not in self.abstracts:
            return None
        lvl = self.level(num_id, aid, ilvl)
        if lvl is None:
            return None
        counters = self.counters.setdefault(aid, [None] * 9)
        start = self.starts.get(num_id, {}).get(ilvl)
        if start is not None and (num_id, ilvl) not in self.started:
            self.started.add((num_id, ilvl))
            counters[ilvl] = start - 1
            for deeper in range(ilvl + 1, 9):
                counters[deeper] = None
        if counters[ilvl] is None:
            counters[ilvl] = lvl.start - 1
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            dl = self.level(num_id, aid, deeper)
            restart = dl.restart if dl else None
            if restart is None or (restart > 0 and ilvl <= restart - 1):
                counters[deeper] = None
        if lvl.fmt in ("bullet", "none"):
            return None
        if lvl.fmt not in KNOWN_FORMATS:
            self.unknown_formats.add(lvl.fmt)

        def value(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            kl = self.level(num_id, aid, k)
            n = counters[k] if counters[k] is not None else (kl.start if kl else 1)
            fmt = kl.fmt if kl else "decimal"
            if lvl.legal:  # legal numbering shows every level in arabic numerals
                fmt = "decimal"
            return format_number(n, fmt)

        text = _PLACEHOLDER.sub(value, lvl.text).strip()
        return text or None
