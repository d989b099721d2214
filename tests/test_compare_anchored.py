"""compare.align.anchored_diff: the paragraph key diff, cut first at paragraphs unique in both texts."""

import random

from revcop.comparison import align
from revcop.comparison.words import diff_keys
from revcop.model import Change


def sides(runs):
    old = [k for change, keys in runs if change is not Change.INSERTED for k in keys]
    new = [k for change, keys in runs if change is not Change.DELETED for k in keys]
    return old, new


def edited(n, seed):
    rng = random.Random(seed)
    old = [f"paragraph {i}" for i in range(n)] + ["(a) same text"] * 5  # repeated keys are no anchors
    new = []
    for k in old:
        roll = rng.random()
        if roll < 0.05:
            continue  # deleted
        new.append(k + " amended" if roll < 0.15 else k)
        if roll > 0.98:
            new.append(f"new after {k}")
    return old, new


def test_rebuilds_both_versions_and_keeps_what_did_not_change():
    old, new = edited(3000, 1)
    runs = align.anchored_diff(old, new)
    assert sides(runs) == (old, new)
    kept = sum(len(keys) for change, keys in runs if change is Change.UNCHANGED)
    minimal = sum(len(keys) for change, keys in diff_keys(old, new) if change is Change.UNCHANGED)
    assert kept == minimal  # here the anchored diff keeps as much as the minimal one


def test_moved_paragraph_is_not_an_anchor_out_of_order():
    old = [f"p{i}" for i in range(1200)]
    new = old[:10] + old[11:1100] + [old[10]] + old[1100:]
    runs = align.anchored_diff(old, new)
    assert sides(runs) == (old, new)
    assert [(c, k) for c, k in runs if c is not Change.UNCHANGED] in (
        [(Change.DELETED, ["p10"]), (Change.INSERTED, ["p10"])],
        [(Change.INSERTED, ["p10"]), (Change.DELETED, ["p10"])],
    )


def test_single_spaced_is_what_splitting_and_joining_says():
    """The check that spares most paragraphs a split: where it says a text is its own normal form,
    " ".join(text.split()) is the text (every white space split() knows is unprintable, but the
    space); for printable text it says so exactly then."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    assert [c for c in map(chr, range(0x110000)) if c.isspace() and c.isprintable()] == [" "]
    pieces = st.sampled_from(["a", "Parties", " ", "  ", "\u00a0", "\t", "\n", "\u2003", "\u3000", "\x1c", "é", ".",
                              "\u00ad", "\u200b"])

    @settings(max_examples=3000, deadline=None)
    @given(st.lists(pieces, max_size=10))
    def check(parts):
        text = "".join(parts)
        normal = " ".join(text.split()) == text
        assert not align._single_spaced(text) or normal
        assert align._single_spaced(text) == normal or not text.isprintable()

    check()
