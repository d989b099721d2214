"""Word-level diff of one paragraph pair: the only module that knows diff-match-patch.

Texts are cut into tokens (a word, a run of white space, or one other character); each distinct token
is mapped to one character and the two character strings are diffed (diff-match-patch's linesToChars
idea), with ``Diff_Timeout = 0`` so a diff is never cut short (a timed-out diff silently marks far too
much text; see docs/performance.md). Only single paragraphs are diffed here, so inputs stay small.
The result is revcop's own operations: a list of ``(Change, text)`` pieces, cleaned up so the marks
read like an editor's (see :func:`cleanup`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from diff_match_patch import diff_match_patch

from revcop.model import Change
from revcop.patterns import compiled

_TOKEN = compiled(r"\w+|\s+|[^\w\s]", re.UNICODE)
_SHORT_WORD = 3  # an unchanged word of up to this many letters between two changes joins them

Piece = tuple[Change, str]


def _engine() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # never return a partial diff
    return dmp


_DMP = _engine()


def _counts(a: str, b: str) -> list[tuple[int, int]]:
    """(op, length) runs of the diff of ``a`` and ``b``: -1 delete, 0 keep, 1 insert.

    The C++ build of diff-match-patch (``fast-diff-match-patch`` 2.1.0) gives the same runs and is
    faster, but its wheel installs a top-level package named ``tests`` into site-packages, which
    shadows any project's own ``tests`` (revcop's test suite no longer imports): not used.
    """
    return [(op, len(chars)) for op, chars in _DMP.diff_main(a, b, False)]


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


class _Codes(dict):
    """Key -> one character, a new one for each new key (diff-match-patch's linesToChars idea)."""

    def __init__(self) -> None:
        super().__init__()
        self.next = 0x100

    def __missing__(self, key: str) -> str:
        code = self.next
        if 0xD800 <= code <= 0xDFFF:  # surrogates are not characters
            code = 0xE000
        self.next = code + 1
        ch = self[key] = chr(code)
        return ch


def diff_keys(old: list[str], new: list[str]) -> list[tuple[Change, list[str]]]:
    """Diff two sequences of hashable string keys; runs of keys with their change."""
    codes = _Codes()
    a, b = "".join(map(codes.__getitem__, old)), "".join(map(codes.__getitem__, new))
    result: list[tuple[Change, list[str]]] = []
    ia = ib = 0
    for op, n in _counts(a, b):
        if op == 0:
            result.append((Change.UNCHANGED, old[ia:ia + n]))
            ia += n
            ib += n
        elif op == -1:
            result.append((Change.DELETED, old[ia:ia + n]))
            ia += n
        else:
            result.append((Change.INSERTED, new[ib:ib + n]))
            ib += n
    return result


def diff_words(old: str, new: str, granularity: str = "word") -> list[Piece]:
    """The marked pieces that turn ``old`` into ``new`` (UNCHANGED/DELETED/INSERTED text)."""
    if old == new:
        return [(Change.UNCHANGED, old)] if old else []
    a, b = tokens(old), tokens(new)
    runs = diff_keys(a, b)
    pieces = cleanup([(change, list(toks)) for change, toks in runs])
    if len(a) + len(b) <= _ALTERNATIVE_LIMIT and _marks(pieces) > 1 and not _least_marks(runs, pieces):
        # A minimal edit script can split a change that an editor writes as one ("networks{++ and other
        # connectivity tools++}, for example through{--, for example,--}"): the longest-block matcher
        # often finds that form; the one with fewer marks wins, diff-match-patch's on a tie.
        other = cleanup(_block_runs(a, b))
        if _marks(other) < _marks(pieces):
            pieces = other
    if granularity == "char":
        pieces = _in_word(pieces)
    return pieces


def _least_marks(runs: list[tuple[Change, list[str]]], pieces: list[Piece]) -> bool:
    """Whether no diff can have fewer marks than ``pieces`` (so the second matcher cannot win).

    One mark means the new tokens are the old ones with one run inserted (or deleted): the
    shortest edit script then deletes (inserts) nothing. diff-match-patch with no timeout finds a
    shortest script, so when its ``runs`` both delete and insert, no diff has a single mark, and
    two marks are the fewest.
    """
    if _marks(pieces) != 2:
        return False
    kinds = {change for change, _ in runs}
    return Change.DELETED in kinds and Change.INSERTED in kinds


_ALTERNATIVE_LIMIT = 4000  # tokens; above this only diff-match-patch runs (difflib's matcher is quadratic)


def _common_ends(a: list[str], b: list[str]) -> tuple[int, int]:
    """How many tokens ``a`` and ``b`` share at their start, and then at their end."""
    head = 0
    while head < len(a) and head < len(b) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < len(a) - head and tail < len(b) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return head, tail


_MATCHER = None  # difflib's SequenceMatcher class, or cydifflib's


def matcher():
    """cydifflib's SequenceMatcher, or difflib's where it is not installed: imported when first needed
    (a comparison with no paragraph of several marks never needs it), or ahead by
    :func:`revcop.comparison.preload`."""
    global _MATCHER
    if _MATCHER is None:
        try:
            from cydifflib import SequenceMatcher
        except ImportError:  # pragma: no cover - difflib gives the same opcodes, slower
            from difflib import SequenceMatcher
        _MATCHER = SequenceMatcher
    return _MATCHER


def _block_runs(a: list[str], b: list[str]) -> list[tuple[Change, list[str]]]:
    """The token diff by longest matching blocks (difflib, no junk heuristic).

    Tokens both sides share at their start and end are left out of the matcher, whose cost grows
    with the product of the lengths: a paragraph's edits are usually a few words in a long text.
    cydifflib (optional: ``revcop[fast]``) is difflib's algorithm compiled, with the same opcodes
    (tests/test_compare.py checks both); difflib is the fallback.
    """
    head, tail = _common_ends(a, b)
    runs: list[tuple[Change, list[str]]] = [(Change.UNCHANGED, a[:head])] if head else []
    a_mid, b_mid = a[head:len(a) - tail], b[head:len(b) - tail]
    for tag, i1, i2, j1, j2 in matcher()(None, a_mid, b_mid, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append((Change.UNCHANGED, a_mid[i1:i2]))
        else:
            if i2 > i1:
                runs.append((Change.DELETED, a_mid[i1:i2]))
            if j2 > j1:
                runs.append((Change.INSERTED, b_mid[j1:j2]))
    if tail:
        runs.append((Change.UNCHANGED, a[len(a) - tail:]))
    return runs


def _marks(pieces: list[Piece]) -> int:
    return sum(1 for k, (change, _) in enumerate(pieces)
               if change is not Change.UNCHANGED and (k == 0 or pieces[k - 1][0] is not change))


def _is_space(tok: str) -> bool:
    return tok.isspace()


def _is_island(toks: list[str]) -> bool:
    """Unchanged text too small to stand between two changes: white space, punctuation or one short word."""
    word = None
    for t in toks:  # stops at the second word: the unchanged run may be a whole paragraph
        if not _is_space(t):
            if word is not None:
                return False
            word = t
    if not word:
        return True
    return len(word) <= _SHORT_WORD or not word[0].isalnum()


def cleanup(runs: list[tuple[Change, list[str]]]) -> list[Piece]:
    """Make the token diff read like an editor's marks.

    1. Each change region (consecutive changed runs) becomes one deletion then one insertion.
    2. An unchanged island between two changes — only white space/punctuation, or one word of up to
       three letters — is absorbed into both sides of the change.
    3. A change that is only an insertion or only a deletion slides (where the text allows) so that it
       starts with a word rather than white space.
    4. A substitution is written deletion first, then insertion; tokens both sides share at their
       ends stay unchanged (no space is ever added: the unchanged text plus the deletions is exactly
       the old text, plus the insertions exactly the new).
    """
    # 1. regions
    regions: list[list] = []  # [kind, deleted tokens, inserted tokens] or [UNCHANGED, tokens]
    for change, toks in runs:
        if not toks:
            continue
        if change is Change.UNCHANGED:
            if regions and regions[-1][0] is Change.UNCHANGED:
                regions[-1][1].extend(toks)
            else:
                regions.append([Change.UNCHANGED, list(toks)])
        else:
            if not regions or regions[-1][0] is Change.UNCHANGED:
                regions.append([None, [], []])
            (regions[-1][1] if change is Change.DELETED else regions[-1][2]).extend(toks)
    # 2. islands
    merged: list[list] = []
    i = 0
    while i < len(regions):
        r = regions[i]
        if (r[0] is Change.UNCHANGED and merged and merged[-1][0] is None and i + 1 < len(regions)
                and _is_island(r[1])):
            nxt = regions[i + 1]
            prev = merged[-1]
            prev[1].extend(r[1] + nxt[1])
            prev[2].extend(r[1] + nxt[2])
            i += 2
            continue
        merged.append([r[0], r[1], r[2] if r[0] is None else None])  # the region's own lists: not copied
        i += 1
    # trim common prefix/suffix tokens of a region back into unchanged text
    regions = []
    for r in merged:
        if r[0] is None:
            d, n = r[1], r[2]
            p, s = _common_ends(d, n)
            pre, suf = d[:p], d[len(d) - s:] if s else []
            d, n = d[p:len(d) - s], n[p:len(n) - s]
            if pre:
                _append_unchanged(regions, pre)
            if d or n:
                regions.append([None, d, n])
            if suf:
                _append_unchanged(regions, suf)
        else:
            _append_unchanged(regions, r[1])
    # 3. slide pure insertions/deletions to start at a word
    for k, r in enumerate(regions):
        if r[0] is not None or (r[1] and r[2]):
            continue
        side = 1 if r[1] else 2
        toks = r[side]
        before = regions[k - 1][1] if k > 0 and regions[k - 1][0] is Change.UNCHANGED else None
        after = regions[k + 1][1] if k + 1 < len(regions) and regions[k + 1][0] is Change.UNCHANGED else None
        # slide right while the change starts with white space that also starts the text after it
        while toks and _is_space(toks[0]) and after and after[0] == toks[0] and before is not None:
            before.append(toks.pop(0))
            toks.append(after.pop(0))

    # 4. render
    out: list[Piece] = []
    for r in regions:
        if r[0] is Change.UNCHANGED:
            if r[1]:
                _emit(out, Change.UNCHANGED, "".join(r[1]))
            continue
        d, n = r[1], r[2]
        if d and n:  # common leading/trailing tokens were trimmed above: nothing is shared at the ends
            _emit(out, Change.DELETED, "".join(d))
            _emit(out, Change.INSERTED, "".join(n))
        elif d:
            _emit(out, Change.DELETED, "".join(d))
        elif n:
            _emit(out, Change.INSERTED, "".join(n))
    return out


def _append_unchanged(regions: list[list], toks: list[str]) -> None:
    """Unchanged tokens after the regions, joined to an unchanged last one; ``toks`` is a list no one
    else holds (a long paragraph's tokens were copied three times over)."""
    if regions and regions[-1][0] is Change.UNCHANGED:
        regions[-1][1].extend(toks)
    else:
        regions.append([Change.UNCHANGED, toks])


def _emit(out: list[Piece], change: Change, text: str) -> None:
    if not text:
        return
    if out and out[-1][0] is change:
        out[-1] = (change, out[-1][1] + text)
    else:
        out.append((change, text))


def _in_word(pieces: list[Piece]) -> list[Piece]:
    """Character granularity: each substitution is diffed again by characters (diff-match-patch's
    semantic cleanup keeps the marks readable), so shared letters stay unmarked:
    ``protect{--ing--}{++ed++}``. Within each changed stretch the deletion still comes first."""
    out: list[Piece] = []
    i = 0
    while i < len(pieces):
        change, text = pieces[i]
        if change is Change.DELETED and i + 1 < len(pieces) and pieces[i + 1][0] is Change.INSERTED:
            diffs = _DMP.diff_main(text, pieces[i + 1][1], False)
            _DMP.diff_cleanupSemantic(diffs)
            deleted: list[str] = []
            inserted: list[str] = []
            for op, chars in diffs:
                if op == 0:
                    _emit(out, Change.DELETED, "".join(deleted))
                    _emit(out, Change.INSERTED, "".join(inserted))
                    deleted, inserted = [], []
                    _emit(out, Change.UNCHANGED, chars)
                else:
                    (deleted if op == -1 else inserted).append(chars)
            _emit(out, Change.DELETED, "".join(deleted))
            _emit(out, Change.INSERTED, "".join(inserted))
            i += 2
            continue
        _emit(out, change, text)
        i += 1
    return _absorb_fragments(out)


_MIN_STEM = 3  # letters a word must keep unmarked for a mark inside it: protect{--ing--}, not {--ar--}{++hav++}e


def _absorb_fragments(pieces: list[Piece]) -> list[Piece]:
    """Join to the neighbouring change any unmarked piece of a word shorter than :data:`_MIN_STEM`."""
    regions: list[list] = []  # ["U", text] or ["C", deleted, inserted]
    for change, text in pieces:
        if change is Change.UNCHANGED:
            regions.append(["U", text])
        else:
            if not regions or regions[-1][0] != "C":
                regions.append(["C", "", ""])
            if change is Change.DELETED:
                regions[-1][1] += text
            else:
                regions[-1][2] += text
    for k, r in enumerate(regions):
        if r[0] != "U":
            continue
        prev = regions[k - 1] if k > 0 and regions[k - 1][0] == "C" else None
        nxt = regions[k + 1] if k + 1 < len(regions) and regions[k + 1][0] == "C" else None
        text = r[1]
        if prev is not None and text[:1].isalnum() and (prev[1][-1:] + prev[2][-1:]).strip():
            n = len(text) - len(re.sub(r"^\w+", "", text))
            if 0 < n < _MIN_STEM or n == len(text) and nxt is not None:
                prev[1] += text[:n]
                prev[2] += text[:n]
                text = text[n:]
        if nxt is not None and text[-1:].isalnum() and (nxt[1][:1] + nxt[2][:1]).strip():
            n = len(text) - len(re.sub(r"\w+$", "", text))
            if 0 < n < _MIN_STEM:
                nxt[1] = text[len(text) - n:] + nxt[1]
                nxt[2] = text[len(text) - n:] + nxt[2]
                text = text[:len(text) - n]
        r[1] = text
    out: list[Piece] = []
    for r in regions:
        if r[0] == "U":
            _emit(out, Change.UNCHANGED, r[1])
        else:
            if out and out[-1][0] is Change.INSERTED and r[1]:
                # two changes met once the fragment between them was absorbed: merge them
                merged_ins = out.pop()[1]
                merged_del = out.pop()[1] if out and out[-1][0] is Change.DELETED else ""
                _emit(out, Change.DELETED, merged_del + r[1])
                _emit(out, Change.INSERTED, merged_ins + r[2])
                continue
            _emit(out, Change.DELETED, r[1])
            _emit(out, Change.INSERTED, r[2])
    return out


# --- changes of spacing (issue 17, item 3) ---------------------------------------------------------

_SPACE_NAMES = {" ": "space", "\t": "tab", "\n": "line break", "\u00a0": "no-break space (U+00A0)"}


def _spacing_name(text: str) -> str:
    """``space``, ``2 spaces``, ``no-break space (U+00A0)``, ``tab + space``: the white space, named."""
    if not text:
        return "nothing"
    names = []
    for run in re.finditer(r"(.)\1*", text, re.DOTALL):
        ch, n = run.group(1), len(run.group(0))
        name = _SPACE_NAMES.get(ch) or f"{unicodedata.name(ch, 'white space').lower()} (U+{ord(ch):04X})"
        names.append(name if n == 1 else f"{n} {name}s" if "(" not in name else f"{n} × {name}")
    return " + ".join(names)


def spacing_changes(pieces: Iterable[tuple[Change, str]]) -> list[str]:
    """Each change of the marked ``pieces`` that touches white space only, described for a reader:
    ``space → no-break space (U+00A0) between “article” and “1”``. Such a change is marked like any
    other, but a struck space or an underlined no-break space is all but invisible on the page."""
    regions: list[list] = []  # [before, deleted, inserted, after] per change region
    before = ""
    for change, text in pieces:
        if change is Change.UNCHANGED:
            if regions and regions[-1][3] is None:
                regions[-1][3] = text
            before = text
        else:
            if not regions or regions[-1][3] is not None:
                regions.append([before, "", "", None])
            regions[-1][1 if change is Change.DELETED else 2] += text
    out = []
    for before, deleted, inserted, after in regions:
        if (deleted or inserted) and not (deleted + inserted).strip():
            left = before.split()[-1:] if before.strip() else []
            right = (after or "").split()[:1]
            where = (f" between “{left[0]}” and “{right[0]}”" if left and right else
                     f" after “{left[0]}”" if left else f" before “{right[0]}”" if right else "")
            out.append(f"{_spacing_name(deleted)} → {_spacing_name(inserted)}{where}")
    return out
