"""Paragraph alignment: which old paragraph became which new one.

Every paragraph, sub-paragraphs included, gets a change of its own; the result is the trees
flattened in document order. Alignment works list by list: the top-level paragraphs first, then the
sub-paragraphs of each pair of aligned paragraphs (the children of a new paragraph are new, those of a
deleted one deleted). This keeps the tree of the annex true to both texts: a sub-paragraph is never
shown under a parent it did not have. Labels are left out of the comparison: inserting a paragraph
renumbers the following ones, which is not an amendment.

1. Anchors: paragraphs whose normalised text is identical and in the same order. Each distinct text
   is mapped to one character and the two character strings are diffed (diff-match-patch's
   linesToChars idea, via :func:`revcop.comparison.words.diff_keys`), so this step is near-linear.
2. Gaps between anchors: similar paragraphs are paired in order by a banded dynamic programme that
   maximises the summed similarity. Similarity is the Dice coefficient of the two word multisets
   (``2·|common words| / (|a| + |b|)``, case-folded); a pair needs at least :data:`PAIR_THRESHOLD`.
   The band (:data:`BAND`) bounds the work in a large gap to O(gap · BAND).
3. Splits and merges: an old paragraph paired with a new one whose unpaired new neighbours, taken
   together with it, are clearly more similar to the old text (at least :data:`SPLIT_THRESHOLD` and
   :data:`SPLIT_GAIN` above the single pair) was split; so was an unpaired old paragraph whose text
   a run of consecutive unpaired new ones matches (:data:`SPLIT_THRESHOLD`); the mirror case is a
   merge.
4. Moves: among the paragraphs still unpaired (at any level) (deleted or inserted), a deleted and an inserted one
   that share rare words (an index of words to inserted paragraphs keeps this off the quadratic path)
   and reach :data:`MOVE_THRESHOLD` similarity are one moved paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cached_property
from typing import Any

from revcop.comparison.words import diff_keys
from revcop.model import Change, Note, Paragraph
from revcop.patterns import compiled
from revcop.records import dataclass

#: Similarities counted in Python before rapidfuzz (optional: pip install 'revcop[fast]') is imported
#: to count them in C++: its import (~10 ms) costs more than the few hundred pairs of a 50k-word pair.
FAST_AFTER = 2000
_counted = 0
_lcs: Any = None  # rapidfuzz's LCS once imported; False where rapidfuzz is not installed

PAIR_THRESHOLD = 0.5
SPLIT_THRESHOLD = 0.75
SPLIT_GAIN = 0.15
MOVE_THRESHOLD = 0.6
MOVE_MIN_WORDS = 3
MOVE_CANDIDATES = 10  # inserted paragraphs tried per deleted one: those sharing most of its rarest words
BAND = 30
_WORD = compiled(r"\w+", re.UNICODE)


class _Ids(dict):
    """Word -> a new integer for each new word (see :attr:`Item.bag`)."""

    def __missing__(self, word: str) -> int:
        n = self[word] = len(self)
        return n


@dataclass
class Item:
    """One paragraph of a flattened tree."""

    paragraph: Paragraph
    depth: int
    name: str | None  # labels.name() path, e.g. "14 b"
    key: str  # normalised text, label left out
    text: str  # the same without the notes
    exact: str  # the text and notes exactly as written: a change of spacing is a change (issue 17, item 3)
    ids: _Ids  # word -> int, shared by the items of one alignment (see :attr:`bag`)

    @cached_property
    def words(self) -> Counter:
        """The case-folded word multiset (made on demand: most paragraphs are anchored on their key)."""
        return Counter(map(str.lower, _WORD.findall(self.text)))

    @cached_property
    def bag(self) -> list[int]:
        """The case-folded words as sorted integers: the longest common subsequence of two sorted
        lists is their multiset intersection, which rapidfuzz's LCS counts in C++. Integers, not the
        words, so that no two words can ever hash alike."""
        return sorted(map(self.ids.__getitem__, map(str.lower, _WORD.findall(self.text))))

    @property
    def size(self) -> int:
        return sum(self.words.values())


@dataclass
class Entry:
    """A provisional paragraph change: kind, old items, new items, and a move id."""

    kind: str
    old: list[Item]
    new: list[Item]
    move: str | None = None


def _items(paragraphs: tuple[Paragraph, ...], depth: int, path: str, ids: _Ids) -> list[Item]:
    from revcop import labels

    out = []
    for p in paragraphs:
        label = p.label or p.old_label
        name = path + labels.name(label) if label is not None else None
        spans = p.spans
        notes: tuple[Note, ...] = ()
        if len(spans) == 1 and spans[0].note is None:  # most paragraphs: p.text and p.notes, known at once
            exact = spans[0].text
        else:
            exact, notes = p.text, p.notes
        text = key = exact  # one string, not two equal ones (the alignment's peak memory)
        if not _single_spaced(exact):
            text = key = " ".join(exact.split())
        if notes:  # a changed footnote changes its paragraph
            key += "".join("\x00" + " ".join(n.text.split()) for n in notes)
            exact += "".join("\x00" + n.text for n in notes)
        out.append(Item(p, depth, name, key, text, exact, ids))
    return out


def _single_spaced(text: str) -> bool:
    """Whether ``" ".join(text.split())`` is ``text`` itself, known without splitting it (most
    paragraphs are): a printable text holds no white space but the space, and then only a doubled,
    leading or trailing space changes."""
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def _path(item: Item, path: str) -> str:
    return (item.name + " ") if item.name else path


def _subtree(item: Item, kind: str) -> list[Entry]:
    """Entries for the descendants of a paragraph that is wholly inserted or deleted."""
    out = []
    for child in _items(item.paragraph.children, item.depth + 1, _path(item, ""), item.ids):
        out.append(Entry(kind, [child], []) if kind == "deleted" else Entry(kind, [], [child]))
        out += _subtree(child, kind)
    return out


def similarity(a: Counter, b: Counter) -> float:
    na, nb = sum(a.values()), sum(b.values())
    if not na and not nb:
        return 1.0
    if not na or not nb:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    common = 0
    get = b.get
    for w, n in a.items():
        m = get(w)
        if m:
            common += n if n < m else m
    return 2.0 * common / (na + nb)


def _similar(x: Item, y: Item) -> float:
    """``similarity(x.words, y.words)``, the same value (the same integer count of common words in the
    same expression), by rapidfuzz's LCS of the sorted word ids where it is installed."""
    global _counted, _lcs
    if not _lcs:
        _counted += 1
        if _lcs is False or _counted <= FAST_AFTER:
            return similarity(x.words, y.words)
        try:
            from rapidfuzz.distance.LCSseq import similarity as _lcs
        except ImportError:  # pragma: no cover - the pure-Python count gives the same values
            _lcs = False
            return similarity(x.words, y.words)
    a, b = x.bag, y.bag
    na, nb = len(a), len(b)
    if not na and not nb:
        return 1.0
    if not na or not nb:
        return 0.0
    return 2.0 * _lcs(a, b) / (na + nb)


def align(old: tuple[Paragraph, ...], new: tuple[Paragraph, ...]) -> list[Entry]:
    """Entries for two paragraph trees, in new order, deleted paragraphs where they stood
    (deletions before insertions); every sub-paragraph follows its paragraph."""
    ids = _Ids()
    entries = _align_level(_items(old, 0, "", ids), _items(new, 0, "", ids), "", "")
    _moves(entries)
    for e in entries:
        for item in (*e.old, *e.new):  # the word counts served the alignment; the entries outlive it
            item.__dict__.pop("words", None)
            item.__dict__.pop("bag", None)
        if e.kind == "amended" and e.old[0].exact == e.new[0].exact:
            e.kind = "unchanged"  # paired in a gap, yet the same text
        elif e.kind == "unchanged" and e.old[0].exact != e.new[0].exact:
            e.kind = "amended"  # anchored on its normalised text, yet a character of spacing changed
    return entries


def _align_level(old: list[Item], new: list[Item], old_path: str, new_path: str) -> list[Entry]:
    level: list[Entry] = []
    ia = ib = 0
    gap_a: list[Item] = []
    gap_b: list[Item] = []
    for change, keys in anchored_diff([i.key for i in old], [i.key for i in new]):
        n = len(keys)
        if change is Change.UNCHANGED:
            level += _gap(gap_a, gap_b)
            gap_a, gap_b = [], []
            for k in range(n):
                level.append(Entry("unchanged", [old[ia + k]], [new[ib + k]]))
            ia += n
            ib += n
        elif change is Change.DELETED:
            gap_a += old[ia:ia + n]
            ia += n
        else:
            gap_b += new[ib:ib + n]
            ib += n
    level += _gap(gap_a, gap_b)
    out: list[Entry] = []
    for e in level:
        out.append(e)
        if e.kind == "deleted":
            out += _subtree(e.old[0], "deleted")
        elif e.kind == "inserted":
            out += _subtree(e.new[0], "inserted")
        elif e.old[0].paragraph.children or e.new[0].paragraph.children:
            # one old and one new paragraph: their sub-paragraphs are compared with each other
            a, b = e.old[0], e.new[0]
            out += _align_level(_items(a.paragraph.children, a.depth + 1, _path(a, old_path), a.ids),
                                _items(b.paragraph.children, b.depth + 1, _path(b, new_path), b.ids),
                                _path(a, old_path), _path(b, new_path))
    return out


def anchored_diff(a: list[str], b: list[str]) -> list[tuple[Change, list[str]]]:
    """Diff two key sequences; paragraphs unique in both texts anchor it first (patience diff).

    The longest increasing run of unique common paragraphs (O(n log n)) cuts the problem into small
    pieces, each diffed by diff-match-patch; without this a long document with many edits would
    cost O(paragraphs × edits).
    """
    if a == b:  # the sub-paragraphs of most paragraphs: what the anchors and the diffs would find
        return [(Change.UNCHANGED, a)] if a else []
    count_a: dict[str, int] = {}
    count_b: dict[str, int] = {}
    for k in a:
        count_a[k] = count_a.get(k, 0) + 1
    for k in b:
        count_b[k] = count_b.get(k, 0) + 1
    where_b = {k: j for j, k in enumerate(b) if count_b[k] == 1}
    candidates = [(i, where_b[k]) for i, k in enumerate(a) if count_a[k] == 1 and k in where_b]
    anchors = _increasing(candidates)
    out: list[tuple[Change, list[str]]] = []
    ia = ib = 0
    for i, j in anchors + [(len(a), len(b))]:
        if i > ia or j > ib:
            out += diff_keys(a[ia:i], b[ib:j])
        if i < len(a):
            out.append((Change.UNCHANGED, [a[i]]))
        ia, ib = i + 1, j + 1
    return out


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of pairs increasing in both coordinates (pairs come sorted by the first)."""
    import bisect

    tails: list[int] = []  # tails[k]: smallest j ending an increasing run of length k + 1
    tail_at: list[int] = []  # index into pairs of that tail
    back: list[int] = []
    for n, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_at.append(n)
        else:
            tails[k] = j
            tail_at[k] = n
        back.append(tail_at[k - 1] if k else -1)
    run: list[tuple[int, int]] = []
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        run.append(pairs[n])
        n = back[n]
    run.reverse()
    return run


def _pairs(ga: list[Item], gb: list[Item]) -> list[tuple[int, int]]:
    """Monotone pairs (i, j) maximising summed similarity, within a band around the diagonal.

    Cells outside a row's band take the value of the nearest cell to their left (scores only grow
    along a row), so a narrow band never cuts the path.
    """
    la, lb = len(ga), len(gb)
    if not la or not lb:
        return []
    rows: list[tuple[int, int, dict]] = [(0, lb, {})]  # row 0: all zero, no cells stored

    def value(i: int, j: int):
        """(score, cell) of the best path using ga[:i], gb[:j]; cell is the stored (i, j) or None."""
        if i == 0 or j == 0:
            return 0.0, None
        lo, hi, cells = rows[i]
        if j > hi:
            j = hi
        if j < lo or j not in cells:
            return 0.0, None
        return cells[j][0], (i, j)

    for i in range(1, la + 1):
        centre = (i - 1) * lb // la
        lo, hi = max(1, centre - BAND), min(lb, centre + BAND + 1)
        cells: dict[int, tuple] = {}
        rows.append((lo, hi, cells))
        for j in range(lo, hi + 1):
            best = value(i - 1, j) + (None,)
            left = (cells[j - 1][0], (i, j - 1), None) if j - 1 in cells else value(i - 1, j - 1) + (None,)
            if left[0] > best[0]:
                best = left
            s = _similar(ga[i - 1], gb[j - 1])
            if s >= PAIR_THRESHOLD:
                score, cell = value(i - 1, j - 1)
                if score + s > best[0]:
                    best = (score + s, cell, (i - 1, j - 1))
            cells[j] = best
    pairs: list[tuple[int, int]] = []
    _, cell = value(la, lb)
    while cell is not None:
        i, j = cell
        _, back, pair = rows[i][2][j]
        if pair is not None:
            pairs.append(pair)
        cell = back
    pairs.reverse()
    return pairs


def _gap(ga: list[Item], gb: list[Item]) -> list[Entry]:
    if not ga or not gb:
        return [Entry("deleted", [a], []) for a in ga] + [Entry("inserted", [], [b]) for b in gb]
    pairs = _pairs(ga, gb)
    used_a = {i for i, _ in pairs}
    used_b = {j for _, j in pairs}
    groups: list[tuple[list[int], list[int]]] = [([i], [j]) for i, j in pairs]
    # splits and merges: extend a pair over unpaired neighbours
    for g in groups:
        i, j = g[0][0], g[1][0]
        if ga[i].paragraph.children or gb[j].paragraph.children:
            continue
        base = None  # computed, with the word counts, only where a pair has unpaired neighbours
        for side, items, used, mine in ((1, gb, used_b, ga[i]), (0, ga, used_a, gb[j])):
            start = g[side][0]
            run = [start]
            k = start + 1
            while k < len(items) and k not in used and not items[k].paragraph.children and len(run) < 6:
                run.append(k)
                k += 1
            k = start - 1
            while k >= 0 and k not in used and not items[k].paragraph.children and len(run) < 6:
                run.insert(0, k)
                k -= 1
            if len(run) < 2:
                continue
            if base is None:
                base = _similar(ga[i], gb[j])
            other = mine.words
            best = (base, [start])
            for lo in range(len(run)):
                for hi in range(lo + 1, len(run)):
                    if not (run[lo] <= start <= run[hi]):
                        continue
                    total: Counter[str] = Counter()
                    for k in run[lo:hi + 1]:
                        total.update(items[k].words)
                    s = similarity(other, total)
                    if s > best[0]:
                        best = (s, run[lo:hi + 1])
            if best[0] >= SPLIT_THRESHOLD and best[0] >= base + SPLIT_GAIN and len(best[1]) > 1:
                g[side][:] = best[1]
                used.update(best[1])
                break
    # splits and merges whose pieces are each too unlike the whole to be paired with it
    for side in (0, 1):
        _unpaired_runs(ga, gb, groups, used_a, used_b, side)
    groups.sort(key=lambda g: min(g[0]))
    # emit in new order, deletions where they stood
    out: list[Entry] = []
    na = nb = 0
    for olds, news in groups:
        while na < min(olds):
            if na not in used_a:
                out.append(Entry("deleted", [ga[na]], []))
            na += 1
        while nb < min(news):
            if nb not in used_b:
                out.append(Entry("inserted", [], [gb[nb]]))
            nb += 1
        kind = "split" if len(news) > 1 else "merged" if len(olds) > 1 else "amended"
        out.append(Entry(kind, [ga[k] for k in olds], [gb[k] for k in news]))
        na = max(na, max(olds) + 1)
        nb = max(nb, max(news) + 1)
    out += [Entry("deleted", [ga[k]], []) for k in range(na, len(ga)) if k not in used_a]
    out += [Entry("inserted", [], [gb[k]]) for k in range(nb, len(gb)) if k not in used_b]
    return out


def _contained(part: Counter, whole: Counter) -> float:
    """The share of ``part``'s words found in ``whole``."""
    size = sum(part.values())
    return sum(min(n, whole[w]) for w, n in part.items() if w in whole) / size if size else 0.0


def _unpaired_runs(ga: list[Item], gb: list[Item], groups: list, used_a: set, used_b: set, side: int) -> None:
    """Group an unpaired paragraph of one side (side 0: old, a split; 1: new, a merge) with a run of
    consecutive unpaired paragraphs of the other side, between the same neighbouring pairs, whose
    joined text is at least :data:`SPLIT_THRESHOLD` similar to it."""
    one, many = (ga, gb) if side == 0 else (gb, ga)
    used_one, used_many = (used_a, used_b) if side == 0 else (used_b, used_a)
    import bisect

    groups.sort(key=lambda g: min(g[side]))  # groups are monotone on both sides
    keys = [min(g[side]) for g in groups]
    for i in range(len(one)):
        if i in used_one or one[i].paragraph.children:
            continue
        at = bisect.bisect_left(keys, i)
        lo = max(groups[at - 1][1 - side]) + 1 if at > 0 else 0
        hi = min(groups[at][1 - side]) if at < len(groups) else len(many)
        centre = i * len(many) // max(1, len(one))
        lo, hi = max(lo, centre - BAND), min(hi, centre + BAND)
        best: tuple[float, list[int]] = (0.0, [])
        whole = one[i].words
        # a piece of a split paragraph is mostly made of the paragraph's words: test that cheaply first
        inside = {k: _contained(many[k].words, whole) for k in range(lo, hi)
                  if k not in used_many and not many[k].paragraph.children}
        for start in range(lo, hi):
            total: Counter = Counter()
            run: list[int] = []
            for k in range(start, min(hi, start + 6)):
                if inside.get(k, 0.0) < SPLIT_THRESHOLD:
                    break
                run.append(k)
                total.update(many[k].words)
                if len(run) > 1:
                    sim = similarity(one[i].words, total)
                    if sim > best[0]:
                        best = (sim, list(run))
        if best[0] >= SPLIT_THRESHOLD:
            used_one.add(i)
            used_many.update(best[1])
            groups.insert(at, ([i], best[1]) if side == 0 else (best[1], [i]))
            keys.insert(at, i)


def _moves(entries: list[Entry]) -> None:
    """Pair unpaired deleted and inserted paragraphs that are the same paragraph moved (in place)."""
    deleted = [e for e in entries if e.kind == "deleted" and e.old[0].size >= MOVE_MIN_WORDS]
    inserted = [e for e in entries if e.kind == "inserted" and e.new[0].size >= MOVE_MIN_WORDS]
    if not deleted or not inserted:
        return
    index: dict[str, list[int]] = {}
    for n, e in enumerate(inserted):
        for w in e.new[0].words:
            index.setdefault(w, []).append(n)
    by_key: dict[str, list[int]] = {}
    for n, e in enumerate(inserted):
        by_key.setdefault(e.new[0].key, []).append(n)
    candidates: list[tuple[float, int, int]] = []
    for m, e in enumerate(deleted):
        words = [w for w in e.old[0].words if w in index]
        words.sort(key=lambda w: len(index[w]))
        exact = by_key.get(e.old[0].key)
        if exact:  # moved without a change
            candidates += [(1.0, m, n) for n in exact]
            continue
        hits: Counter = Counter()
        for w in words[:8]:  # the rarest shared words name the candidates
            hits.update(index[w])
        for n, _ in hits.most_common(MOVE_CANDIDATES):
            s = _similar(e.old[0], inserted[n].new[0])
            if s >= MOVE_THRESHOLD:
                candidates.append((s, m, n))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    taken_d: set[int] = set()
    taken_i: set[int] = set()
    count = 0
    for _s, m, n in candidates:
        if m in taken_d or n in taken_i:
            continue
        taken_d.add(m)
        taken_i.add(n)
        count += 1
        move = f"move{count}"
        d, i = deleted[m], inserted[n]
        d.kind = i.kind = "moved"
        d.move = i.move = move
        i.old = list(d.old)
