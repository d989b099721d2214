"""Paragraph alignment: which old paragraph became which new one.

The paragraph trees are flattened in document order (sub-paragraphs included). Labels are left out
of the comparison: inserting a paragraph renumbers the following ones, which is not an amendment.

1. Anchors: paragraphs whose normalised text is identical and in the same order. Each distinct text
   is mapped to one character and the two character strings are diffed (diff-match-patch's
   linesToChars idea, via :func:`revcop.compare.words.diff_keys`), so this step is near-linear.
2. Gaps between anchors: similar paragraphs are paired in order by a banded dynamic programme that
   maximises the summed similarity. Similarity is the Dice coefficient of the two word multisets
   (``2·|common words| / (|a| + |b|)``, case-folded); a pair needs at least :data:`PAIR_THRESHOLD`.
   The band (:data:`BAND`) bounds the work in a large gap to O(gap · BAND).
3. Splits and merges: an old paragraph paired with a new one whose unpaired new neighbours, taken
   together with it, are clearly more similar to the old text (at least :data:`SPLIT_THRESHOLD` and
   :data:`SPLIT_GAIN` above the single pair) was split; the mirror case is a merge.
4. Moves: among the paragraphs still unpaired (deleted or inserted), a deleted and an inserted one
   that share rare words (an index of words to inserted paragraphs keeps this off the quadratic path)
   and reach :data:`MOVE_THRESHOLD` similarity are one moved paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from revcop.model import Change, Paragraph

from revcop.compare.words import diff_keys

PAIR_THRESHOLD = 0.5
SPLIT_THRESHOLD = 0.75
SPLIT_GAIN = 0.15
MOVE_THRESHOLD = 0.6
MOVE_MIN_WORDS = 3
BAND = 30
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Item:
    """One paragraph of a flattened tree."""

    paragraph: Paragraph
    depth: int
    name: str | None  # labels.name() path, e.g. "14 b"
    key: str  # normalised text, label left out
    words: Counter

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


def flatten(paragraphs: tuple[Paragraph, ...]) -> list[Item]:
    from revcop import labels

    out: list[Item] = []

    def walk(ps, depth, path):
        for p in ps:
            label = p.label or p.old_label
            name = path + labels.name(label) if label is not None else None
            key = " ".join(p.text.split())
            out.append(Item(p, depth, name, key, Counter(w.lower() for w in _WORD.findall(key))))
            walk(p.children, depth + 1, (name + " ") if name else path)

    walk(paragraphs, 0, "")
    return out


def similarity(a: Counter, b: Counter) -> float:
    na, nb = sum(a.values()), sum(b.values())
    if not na and not nb:
        return 1.0
    if not na or not nb:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    common = sum(min(n, b[w]) for w, n in a.items() if w in b)
    return 2.0 * common / (na + nb)


def align(old: list[Item], new: list[Item]) -> list[Entry]:
    """Entries in new order, deleted paragraphs where they stood (deletions before insertions)."""
    entries: list[Entry] = []
    ia = ib = 0
    gap_a: list[Item] = []
    gap_b: list[Item] = []
    for change, keys in _diff_anchored([i.key for i in old], [i.key for i in new]):
        n = len(keys)
        if change is Change.UNCHANGED:
            entries += _gap(gap_a, gap_b)
            gap_a, gap_b = [], []
            for k in range(n):
                entries.append(Entry("unchanged", [old[ia + k]], [new[ib + k]]))
            ia += n
            ib += n
        elif change is Change.DELETED:
            gap_a += old[ia:ia + n]
            ia += n
        else:
            gap_b += new[ib:ib + n]
            ib += n
    entries += _gap(gap_a, gap_b)
    _moves(entries)
    return entries


# From this many paragraphs in all, the key diff is anchored first (see _diff_anchored).
ANCHOR_MIN = 1000


def _diff_anchored(old: list[str], new: list[str]) -> list[tuple[Change, list[str]]]:
    """:func:`diff_keys`, cut first at the paragraphs whose text occurs once in each version, in the
    same order in both (the anchors of a patience diff): a diff of the whole sequences costs
    O(length · differences), 4 s for two 500-page versions, while the gaps between anchors are short.
    """
    if len(old) + len(new) < ANCHOR_MIN:
        return diff_keys(old, new)
    runs: list[tuple[Change, list[str]]] = []
    ia = ib = 0
    for i, j in _unique_common(old, new) + [(len(old), len(new))]:
        if i > ia or j > ib:
            runs += diff_keys(old[ia:i], new[ib:j])
        if i < len(old):
            runs.append((Change.UNCHANGED, [old[i]]))
        ia, ib = i + 1, j + 1
    return runs


def _unique_common(old: list[str], new: list[str]) -> list[tuple[int, int]]:
    """Positions (i, j) of keys found once in ``old`` and once in ``new``: the longest run of them in
    the same order in both (patience sorting, O(n log n))."""
    import bisect

    count_a = Counter(old)
    count_b = Counter(new)
    where_b = {k: j for j, k in enumerate(new) if count_b[k] == 1}
    candidates = [(i, where_b[k]) for i, k in enumerate(old) if count_a[k] == 1 and k in where_b]
    tails: list[int] = []  # tails[n]: the smallest j ending an increasing run of length n + 1
    tail_at: list[int] = []  # the candidate index of that tail
    back: list[int] = []  # per candidate: the candidate before it in its run
    for n, (_, j) in enumerate(candidates):
        k = bisect.bisect_left(tails, j)
        back.append(tail_at[k - 1] if k else -1)
        if k == len(tails):
            tails.append(j)
            tail_at.append(n)
        else:
            tails[k] = j
            tail_at[k] = n
    out: list[tuple[int, int]] = []
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        out.append(candidates[n])
        n = back[n]
    return out[::-1]


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
            s = similarity(ga[i - 1].words, gb[j - 1].words)
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
        base = similarity(ga[i].words, gb[j].words)
        for side, items, used, other in ((1, gb, used_b, ga[i].words), (0, ga, used_a, gb[j].words)):
            start = g[side][0]
            run = [start]
            k = start + 1
            while k < len(items) and k not in used and len(run) < 6:
                run.append(k)
                k += 1
            k = start - 1
            while k >= 0 and k not in used and len(run) < 6:
                run.insert(0, k)
                k -= 1
            if len(run) < 2:
                continue
            best = (base, [start])
            for lo in range(len(run)):
                for hi in range(lo + 1, len(run)):
                    if not (run[lo] <= start <= run[hi]):
                        continue
                    total = Counter()
                    for k in run[lo:hi + 1]:
                        total.update(items[k].words)
                    s = similarity(other, total)
                    if s > best[0]:
                        best = (s, run[lo:hi + 1])
            if best[0] >= SPLIT_THRESHOLD and best[0] >= base + SPLIT_GAIN and len(best[1]) > 1:
                g[side][:] = best[1]
                used.update(best[1])
                break
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
    candidates: list[tuple[float, int, int]] = []
    for m, e in enumerate(deleted):
        words = [w for w in e.old[0].words if w in index]
        words.sort(key=lambda w: len(index[w]))
        seen: set[int] = set()
        for w in words[:8]:  # the rarest shared words name the candidates
            seen.update(index[w])
        for n in seen:
            s = similarity(e.old[0].words, inserted[n].new[0].words)
            if s >= MOVE_THRESHOLD:
                candidates.append((s, m, n))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    taken_d: set[int] = set()
    taken_i: set[int] = set()
    count = 0
    for s, m, n in candidates:
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
