"""revcop.comparison: word diff cleanup, paragraph alignment, the annex, and its round trips."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import given, settings, strategies as st

from revcop import consolidation as consolidate
from revcop.comparison import compare, count_marks, diff_spans
from revcop.comparison.words import diff_words
from revcop.model import (
    Change, Document, Kind, Label, LabelKind, Meta, Note, Paragraph, Part, PartKind, Span,
)
from revcop.readers import read_document
from revcop.writers import text

from tests.conftest import DOCX_PUBLIC, SAMPLE_DIR

SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"
U, I, D = Change.UNCHANGED, Change.INSERTED, Change.DELETED


# -- words ---------------------------------------------------------------------------------------

def test_substitution_is_deletion_then_insertion_of_whole_words():
    assert diff_words("support ecological networks across", "support ecological connectivity across") == [
        (U, "support ecological "), (D, "networks"), (I, "connectivity"), (U, " across")]


def test_short_unchanged_island_between_two_changes_joins_them():
    pieces = diff_words("to develop and implement plans", "to enhance and apply plans")
    assert pieces == [(U, "to "), (D, "develop and implement"), (I, "enhance and apply"), (U, " plans")]


def test_insertion_starts_at_a_word_and_leaves_the_space_outside():
    assert diff_words("networks to conserve", "networks and corridors to conserve") == [
        (U, "networks "), (I, "and corridors "), (U, "to conserve")]


def test_char_granularity_marks_inside_a_word():
    assert diff_words("areas protecting species", "areas protected species", "char") == [
        (U, "areas protect"), (D, "ing"), (I, "ed"), (U, " species")]
    assert diff_words("areas protecting species", "areas protected species") == [
        (U, "areas "), (D, "protecting"), (I, "protected"), (U, " species")]


def test_pieces_rebuild_both_texts():
    old, new = "a b c d e, f; g h", "a x c d, e f; y h z"
    pieces = diff_words(old, new)
    assert "".join(t for c, t in pieces if c is not I) == old
    assert "".join(t for c, t in pieces if c is not D) == new


def test_footnote_reference_survives_the_diff_as_one_span():
    note = Note("1", (Span("A note."),))
    old = (Span("Recalling the plan"), Span("1", note=note), Span(" of action,"))
    new = (Span("Recalling the new plan"), Span("1", note=note), Span(" of action,"))
    spans = diff_spans(old, new)
    assert [s for s in spans if s.note is not None] == [Span("1", note=note)]
    assert "".join(s.text for s in spans if s.change is not D) == "Recalling the new plan1 of action,"


def test_changed_footnote_text_is_diffed_inside_the_note():
    old = (Span("Recalling the plan"), Span("1", note=Note("1", (Span("Adopted in 2020."),))), Span(","))
    new = (Span("Recalling the plan"), Span("1", note=Note("1", (Span("Adopted in 2024."),))), Span(","))
    spans = diff_spans(old, new)
    ref = next(s for s in spans if s.note is not None)
    assert ref.change is U and ref.text == "1"
    assert [(s.change, s.text) for s in ref.note.spans] == [(U, "Adopted in "), (D, "2020"), (I, "2024"), (U, ".")]


# -- documents built in the test -------------------------------------------------------------------

def _op(n: int, words: str, children=(), kind=Kind.OPERATIVE, form="{n}.", lk=LabelKind.NUMBER) -> Paragraph:
    label = Label(lk, n, form=form)
    return Paragraph(kind, (Span(words),), label=label, old_label=label, label_spans=(Span(label.render()),),
                     children=tuple(children))


def _doc(paragraphs) -> Document:
    front = [Paragraph(Kind.TITLE, (Span("TEST RESOLUTION"),)),
             Paragraph(Kind.PREAMBLE, (Span("Recalling the earlier texts on the same subject,"),)),
             Paragraph(Kind.ENACTING, (Span("The Conference of the Parties"),))]
    return Document(Meta(instrument="Resolution 99.1", title="TEST RESOLUTION"),
                    (Part(PartKind.RESOLUTION, tuple(front + list(paragraphs))),))


TEXTS = [
    "Urges Parties to protect the habitats of migratory species across their ranges;",
    "Requests the Secretariat to report on progress to the next meeting of the Conference;",
    "Invites relevant organizations to cooperate with Parties on ecological networks;",
    "Encourages Parties to restore degraded sites of importance for migratory birds;",
    "Calls on donors to provide resources for the implementation of this Resolution.",
]


def _changes(old, new):
    return [(c.kind, c.old_label, c.new_label) for c in compare(old, new).changes if c.kind != "unchanged"]


def test_inserted_paragraph_is_not_an_amendment_of_the_renumbered_ones():
    old = _doc([_op(i + 1, t) for i, t in enumerate(TEXTS)])
    texts = TEXTS[:2] + ["Decides to establish a working group on connectivity and infrastructure;"] + TEXTS[2:]
    new = _doc([_op(i + 1, t) for i, t in enumerate(texts)])
    assert _changes(old, new) == [("inserted", None, "3")]
    annex = compare(old, new).annex().value
    ops = [p for p in annex.resolution.walk() if p.kind is Kind.OPERATIVE]
    assert [p.label_spans[0].text for p in ops] == ["1.", "2.", "2 bis.", "3.", "4.", "5."]
    assert ops[2].label_spans[0].change is I and ops[2].status.value == "inserted"


def test_without_style_labels_new_paragraphs_keep_their_new_labels():
    old = _doc([_op(i + 1, t) for i, t in enumerate(TEXTS[:3])])
    texts = TEXTS[:1] + ["Decides to establish a working group on connectivity;"] + TEXTS[1:3]
    annex = compare(old, _doc([_op(i + 1, t) for i, t in enumerate(texts)])).annex(style_labels=False).value
    labels = [(p.label_spans[0].text, p.label_spans[0].change) for p in annex.resolution.walk()
              if p.kind is Kind.OPERATIVE]
    assert labels == [("1.", U), ("2.", I), ("2.", U), ("3.", U)]


def test_two_new_paragraphs_after_one_are_bis_and_ter():
    old = _doc([_op(i + 1, t) for i, t in enumerate(TEXTS)])
    texts = TEXTS[:1] + ["Decides to establish a working group on connectivity;",
                         "Also decides to review the work of the group at its next meeting;"] + TEXTS[1:]
    annex = compare(old, _doc([_op(i + 1, t) for i, t in enumerate(texts)])).annex().value
    labels = [p.label_spans[0].text for p in annex.resolution.walk() if p.kind is Kind.OPERATIVE]
    assert labels == ["1.", "1 bis.", "1 ter.", "2.", "3.", "4.", "5."]


def test_new_paragraph_label_never_repeats_an_old_one_nor_runs_out_of_suffixes():
    bis = Label(LabelKind.NUMBER, 1, 1, "{n} {x}.")
    old = _doc([_op(1, TEXTS[0]),
                Paragraph(Kind.OPERATIVE, (Span(TEXTS[1]),), bis, bis, (Span("1 bis."),)), _op(2, TEXTS[2])])
    new = _doc([_op(1, TEXTS[0]), _op(2, "Decides to act at once on all of this;"),
                _op(3, TEXTS[1]), _op(4, TEXTS[2])])
    annex = compare(old, new).annex()  # the annex's warnings travel with it
    ops = [p for p in annex.value.resolution.walk() if p.kind is Kind.OPERATIVE]
    assert [p.label_spans[0].text for p in ops] == ["1.", "2.", "1 bis.", "2."]
    assert any("already taken in the old text" in m.text for m in annex.messages)
    many = [f"Decides on matter number {n} of the list;" for n in range(14)]
    c = compare(_doc([_op(1, TEXTS[0])]), _doc([_op(i + 1, t) for i, t in enumerate([TEXTS[0]] + many)]))
    annex = c.annex()
    labels = [p.label_spans[0].text for p in annex.value.resolution.walk() if p.kind is Kind.OPERATIVE]
    assert labels[1:3] == ["1 bis.", "1 ter."] and labels[11] == "1 duodecies." and labels[12:] == ["13.", "14.", "15."]
    assert any("than there are latin suffixes" in m.text for m in annex.messages)
    assert not any("latin suffixes" in m.text for m in c.messages)  # the comparison is not changed by its annex


def test_deleted_amended_and_moved_paragraphs():
    old = _doc([_op(i + 1, t) for i, t in enumerate(TEXTS)])
    texts = [TEXTS[1], TEXTS[0].replace("protect", "conserve"), TEXTS[3], TEXTS[2]]
    c = compare(old, _doc([_op(i + 1, t) for i, t in enumerate(texts)]))
    kinds = [(ch.kind, ch.old_label, ch.new_label) for ch in c.changes if ch.kind != "unchanged"]
    assert ("deleted", "5", None) in kinds
    moves = [ch for ch in c.changes if ch.kind == "moved"]
    # two swaps: 1 and 2 change places, so do 3 and 4; each move has an old-place and a new-place entry
    assert len(moves) == 4
    by_id: dict[str, list] = {}
    for ch in moves:
        by_id.setdefault(ch.move, []).append(ch)
        assert all(s.move == ch.move for s in ch.spans)
    assert sorted(len(v) for v in by_id.values()) == [2, 2]
    for pair in by_id.values():
        old_place, new_place = sorted(pair, key=lambda ch: len(ch.new))
        assert old_place.new == () and {s.change for s in old_place.spans} == {D}
        assert new_place.old == old_place.old and len(new_place.new) == 1
    assert c.summary["moved"] == 2 and c.summary["deleted"] == 1
    _assert_round_trip(old, _doc([_op(i + 1, t) for i, t in enumerate(texts)]))


def test_split_and_merged_paragraphs():
    long_text = TEXTS[0][:-1] + " and " + TEXTS[1][0].lower() + TEXTS[1][1:]
    one = _doc([_op(1, long_text), _op(2, TEXTS[4])])
    two = _doc([_op(1, TEXTS[0]), _op(2, TEXTS[1]), _op(3, TEXTS[4])])
    assert [ch.kind for ch in compare(one, two).changes if ch.kind != "unchanged"] == ["split"]
    assert [ch.kind for ch in compare(two, one).changes if ch.kind != "unchanged"] == ["merged"]
    for a, b in ((one, two), (two, one)):
        _assert_round_trip(a, b)


def test_paragraph_split_in_three_pieces_none_like_the_whole():
    pieces = ["Urges Parties to protect the habitats of migratory species across their ranges;",
              "Requests the Secretariat to report on progress to the next meeting of the Conference;",
              "Invites relevant organizations to cooperate with Parties on ecological networks;"]
    one = _doc([_op(1, " ".join(pieces)), _op(2, TEXTS[4])])
    three = _doc([_op(i + 1, t) for i, t in enumerate(pieces + [TEXTS[4]])])
    split = [ch for ch in compare(one, three).changes if ch.kind != "unchanged"]
    assert [(ch.kind, len(ch.old), len(ch.new)) for ch in split] == [("split", 1, 3)]
    merged = [ch for ch in compare(three, one).changes if ch.kind != "unchanged"]
    assert [(ch.kind, len(ch.old), len(ch.new)) for ch in merged] == [("merged", 3, 1)]
    _assert_round_trip(one, three)
    _assert_round_trip(three, one)


def test_sub_paragraphs_are_compared_as_paragraphs():
    subs = [_op(i, t, kind=Kind.SUBPARAGRAPH, form="{n})", lk=LabelKind.LETTER) for i, t in
            enumerate(["identify important sites", "protect critical corridors", "monitor the networks"], 1)]
    new_subs = list(subs)
    new_subs[1] = _op(2, "protect and restore critical corridors", kind=Kind.SUBPARAGRAPH, form="{n})",
                      lk=LabelKind.LETTER)
    old = _doc([_op(1, "Urges Parties to:", subs), _op(2, TEXTS[1])])
    new = _doc([_op(1, "Urges Parties to:", new_subs), _op(2, TEXTS[1])])
    c = compare(old, new)
    assert [(ch.kind, ch.old_label) for ch in c.changes if ch.kind != "unchanged"] == [("amended", "1 b")]
    annex = c.annex().value
    first = next(p for p in annex.resolution.paragraphs if p.kind is Kind.OPERATIVE)
    assert len(first.children) == 3
    assert text.paragraph_line(first.children[1], []) == "b) protect {++and restore ++}critical corridors"


def test_summary_counts_words():
    old = _doc([_op(1, TEXTS[0])])
    new = _doc([_op(1, TEXTS[0].replace("migratory species", "all migratory animals"))])
    s = compare(old, new).summary
    assert (s["amended"], s["words_inserted"], s["words_deleted"]) == (1, 2, 1)  # {++all ++}migratory {--species--}{++animals++}


# -- round trips -----------------------------------------------------------------------------------

def _texts(doc: Document) -> list[str]:
    """Paragraph texts of the resolution without labels and furniture, for accept/reject checks."""
    return [p.text for p in doc.resolution.walk()
            if p.kind not in (Kind.LEGEND,) and not p.text.startswith("PROPOSED AMENDMENTS")
            and (p.text or p.children)]


def _assert_round_trip(old: Document, new: Document, granularity: str = "word") -> Document:
    annex = compare(old, new, granularity=granularity).annex().value
    accepted = consolidate.view(annex, accept=True).value
    rejected = consolidate.view(annex, accept=False).value
    assert _texts(accepted) == _texts(new)
    assert _texts(rejected) == _texts(old)
    return annex


WORDS = ["Parties", "species", "habitat", "networks", "the", "of", "and", "to", "corridors", "restore",
         "protect", "marine", "inland", "water", "a", "in", "sites", "(KMGBF)", "[text]", "2030,"]


@st.composite
def edited_pair(draw):
    n = draw(st.integers(1, 6))
    paragraphs = [draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12)) for _ in range(n)]
    new = [list(p) for p in paragraphs]
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["sub", "ins", "del", "para+", "para-", "move"]))
        if op in ("sub", "ins", "del") and new:
            p = new[draw(st.integers(0, len(new) - 1))]
            i = draw(st.integers(0, len(p) - 1)) if p else 0
            if op == "sub" and p:
                p[i] = draw(st.sampled_from(WORDS))
            elif op == "ins":
                p.insert(i, draw(st.sampled_from(WORDS)))
            elif len(p) > 1:
                del p[i]
        elif op == "para+":
            new.insert(draw(st.integers(0, len(new))), draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12)))
        elif op == "para-" and len(new) > 1:
            del new[draw(st.integers(0, len(new) - 1))]
        elif op == "move" and len(new) > 1:
            moved = new.pop(draw(st.integers(0, len(new) - 1)))
            new.insert(draw(st.integers(0, len(new))), moved)
    build = lambda ps: _doc([_op(i + 1, " ".join(p)) for i, p in enumerate(ps)])  # noqa: E731
    return build(paragraphs), build(new)


@settings(max_examples=100, deadline=None)
@given(edited_pair())
def test_annex_accepts_to_new_and_rejects_to_old(pair):
    _assert_round_trip(*pair)


def _sub(n: int, words: list[str]) -> Paragraph:
    return _op(n, " ".join(words), kind=Kind.SUBPARAGRAPH, form="{n})", lk=LabelKind.LETTER)


@st.composite
def nested_pair(draw):
    """Operative paragraphs with sub-paragraphs; edits inside sub-paragraphs, new and deleted ones."""
    words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8)
    tree = [(draw(words), [draw(words) for _ in range(draw(st.integers(0, 3)))]) for _ in range(draw(st.integers(1, 4)))]
    new = [(list(t), [list(c) for c in cs]) for t, cs in tree]
    for _ in range(draw(st.integers(1, 5))):
        t, cs = new[draw(st.integers(0, len(new) - 1))]
        op = draw(st.sampled_from(["word", "sub+", "sub-", "para+"]))
        if op == "word":
            target = cs[draw(st.integers(0, len(cs) - 1))] if cs else t
            target[draw(st.integers(0, len(target) - 1))] = draw(st.sampled_from(WORDS))
        elif op == "sub+":
            cs.insert(draw(st.integers(0, len(cs))), draw(words))
        elif op == "sub-" and cs:
            del cs[draw(st.integers(0, len(cs) - 1))]
        elif op == "para+":
            new.insert(draw(st.integers(0, len(new))), (draw(words), []))

    def build(ps):
        return _doc([_op(i, " ".join(t), [_sub(k, c) for k, c in enumerate(cs, 1)]) for i, (t, cs) in enumerate(ps, 1)])

    return build(tree), build(new), draw(st.sampled_from(["word", "char"]))


@settings(max_examples=60, deadline=None)
@given(nested_pair())
def test_annex_of_nested_paragraphs_accepts_to_new_and_rejects_to_old(case):
    old, new, granularity = case
    _assert_round_trip(old, new, granularity)


def test_new_paragraph_before_the_first_keeps_its_new_label_with_a_warning():
    old = _doc([_op(i + 1, t) for i, t in enumerate(TEXTS[:2])])
    new = _doc([_op(i + 1, t) for i, t in enumerate(["Decides to act on connectivity at once;"] + TEXTS[:2])])
    annex = compare(old, new).annex()
    ops = [p for p in annex.value.resolution.walk() if p.kind is Kind.OPERATIVE]
    assert [(p.label_spans[0].text, p.label_spans[0].change) for p in ops] == [("1.", I), ("1.", U), ("2.", U)]
    assert any("before the first paragraph of its list" in m.text for m in annex.messages)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=15), st.lists(st.sampled_from(WORDS), min_size=1, max_size=15),
       st.sampled_from(["word", "char"]))
def test_word_pieces_rebuild_old_and_new(a, b, granularity):
    old, new = " ".join(a), " ".join(b)
    pieces = diff_words(old, new, granularity)
    assert "".join(t for c, t in pieces if c is not I) == old
    assert "".join(t for c, t in pieces if c is not D) == new


# -- the COP15 sample ------------------------------------------------------------------------------

def _sample_pair():
    doc = read_document(str(SAMPLE)).value
    return consolidate.original(doc).value, consolidate.consolidate(doc).value


def test_sample_annex_marks_moves_and_bis_labels():
    old, new = _sample_pair()
    c = compare(old, new)
    annex = c.annex().value
    marks = sum(count_marks((*p.label_spans, *p.spans)) for p in annex.resolution.walk())
    # the published annex: 75 marks by its README, 77 counted this way; ours has one mark fewer in
    # paragraph 24 (` sites{-- and--},` for `sites{++,++}{-- and,--}`). Like the published annex it
    # shows no adoption line, whose new "and amended at its 15th Meeting" is consolidation's business.
    assert marks == 76
    assert not any(p.kind is Kind.ADOPTION for p in annex.resolution.walk())
    assert c.summary["moved"] == 2
    new_labels = [p.label_spans[0].text for p in annex.resolution.walk()
                  if p.kind is Kind.OPERATIVE and p.status.value == "inserted"]
    assert new_labels == ["11 bis.", "27 bis.", "28 bis."]
    heading = annex.resolution.paragraphs[0]
    assert heading.text == "PROPOSED AMENDMENTS TO RESOLUTION 14.16"
    assert any(p.kind is Kind.LEGEND for p in annex.resolution.paragraphs)


def _body(doc):  # the designation and adoption lines are the consolidation's, not the comparison's
    return [" ".join(p.text.split()) for p in doc.resolution.walk()
            if not (p.kind in (Kind.ADOPTION, Kind.MASTHEAD) or (p.kind is Kind.TITLE and re.match(r"Resolution \d", p.text)))]


def test_sample_annex_read_back_from_text_consolidates_to_new_and_original_to_old(tmp_path):
    old, new = _sample_pair()
    path = tmp_path / "annex.txt"
    path.write_text(text.render(compare(old, new).annex().value), encoding="utf-8")
    back = read_document(str(path)).value
    accepted = consolidate.consolidate(back, meeting="COP15").value
    rejected = consolidate.original(back).value

    assert _body(accepted) == _body(new)
    assert _body(rejected) == _body(old)
    assert [p.label.render() for p in accepted.resolution.walk() if p.kind is Kind.OPERATIVE] == \
        [p.label.render() for p in new.resolution.walk() if p.kind is Kind.OPERATIVE]


def test_sample_annex_read_back_from_markdown_is_the_text_annex(tmp_path):
    """The Markdown annex (headings marked, labels and brackets escaped) reads as the text annex does."""
    old, new = _sample_pair()
    annex = compare(old, new).annex().value
    md, txt = tmp_path / "annex.md", tmp_path / "annex.txt"
    md.write_text(text.render(annex, markdown=True), encoding="utf-8")
    txt.write_text(text.render(annex), encoding="utf-8")
    assert "1\\. Urges" in md.read_text(encoding="utf-8") and "{++\\[Further" in md.read_text(encoding="utf-8")
    from_md, from_txt = read_document(str(md)).value, read_document(str(txt)).value
    assert [(p.kind, p.text, p.label) for p in from_md.walk()] == [(p.kind, p.text, p.label) for p in from_txt.walk()]
    assert _body(consolidate.consolidate(from_md, meeting="COP15").value) == _body(new)


@pytest.mark.parametrize("marks", ["underline", "tracked"])
def test_sample_annex_read_back_from_docx_consolidates_to_new_and_original_to_old(tmp_path, marks):
    from revcop.writers.docx import write_docx

    old, new = _sample_pair()
    path = tmp_path / f"annex-{marks}.docx"
    path.write_bytes(write_docx(compare(old, new).annex().value, marks=marks, date="2026-03-23T00:00:00Z"))
    back = read_document(str(path)).value
    assert _body(consolidate.consolidate(back, meeting="COP15").value) == _body(new)
    assert _body(consolidate.original(back).value) == _body(old)


def test_document_with_marks_is_compared_in_consolidated_form():
    doc = read_document(str(SAMPLE)).value
    _, new = _sample_pair()
    c = compare(doc, replace(new, parts=(new.resolution,)))
    # the meeting document's background and other annexes are left out: they amend nothing
    assert {(ch.part, ch.kind) for ch in c.changes} == {("resolution", "unchanged")}
    assert [m.text for m in c.messages if "left out" in m.text] == [
        "only the parts both documents have are compared; left out: body, decisions, annex"]


@pytest.mark.parametrize("before, after", [
    ("Open-Xml-PowerTools__WC034-Footnotes-Before.docx", "Open-Xml-PowerTools__WC034-Footnotes-After3.docx"),
    ("Open-Xml-PowerTools__WC027-Twenty-Paras-Before.docx", "Open-Xml-PowerTools__WC027-Twenty-Paras-After-2.docx"),
    ("Python-Redlines__original.docx", "Python-Redlines__modified.docx"),
])
@pytest.mark.corpus
def test_public_docx_pairs_round_trip_with_their_footnotes(before, after):
    old = read_document(str(DOCX_PUBLIC / before)).value
    new = read_document(str(DOCX_PUBLIC / after)).value
    annex = compare(old, new).annex().value

    def texts(doc):
        return [(p.text, [n.text for n in p.notes]) for p in doc.walk()
                if p.kind is not Kind.LEGEND and p.text.strip()]

    assert texts(consolidate.view(annex, accept=True).value) == texts(new)
    assert texts(consolidate.view(annex, accept=False).value) == texts(old)
    assert any(s.change is not U for p in annex.walk() for s in p.spans) or \
        any(s.note and any(n.change is not U for n in s.note.spans) for p in annex.walk() for s in p.spans)


# -- the compiled matchers (revcop[fast]) give exactly the pure-Python results ----------------------

def _fast(module: str):
    """The optional compiled module, or a skip saying why (a failure where CI requires it)."""
    import importlib
    import os

    try:
        return importlib.import_module(module)
    except ImportError:
        if os.environ.get("REVCOP_REQUIRE_EXTERNAL") == "1":
            pytest.fail(f"{module} is not installed (pip install '.[test]' installs it)")
        pytest.skip(f"{module} is not installed (the optional revcop[fast])")


_tokens = st.lists(st.sampled_from(["a", "b", "c", "the", "Parties", " ", ",", "\u00a0", "\U000F0001"]),
                   max_size=60)


@settings(max_examples=400, deadline=None)
@given(_tokens, _tokens)
def test_cydifflib_gives_the_opcodes_of_difflib(a, b):
    import difflib

    cydifflib = _fast("cydifflib")
    assert cydifflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() == \
        difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Parties", "parties", "shall", "the", "of", "report", "x"]), max_size=40),
       st.lists(st.sampled_from(["Parties", "PARTIES", "shall", "the", "of", "review", "y"]), max_size=40))
def test_rapidfuzz_similarity_is_the_counter_similarity(a, b):
    from revcop.comparison import align

    _fast("rapidfuzz")
    ids = align._Ids()
    x, y = (align._items((_op(1, " ".join(w)),), 0, "", ids)[0] for w in (a, b))
    align._counted = max(align._counted, align.FAST_AFTER)  # past the pairs counted in Python
    assert align._similar(x, y) == align.similarity(x.words, y.words)
    assert callable(align._lcs)  # rapidfuzz counted them


def test_pure_python_paths_give_the_same_comparison(monkeypatch):
    """The sample pair and a generated 5k-word pair compared with and without the compiled modules."""
    import difflib
    import importlib.util
    import sys

    from revcop.comparison import align, words
    from tests.conftest import ROOT

    spec = importlib.util.spec_from_file_location("benchmarks_generate", ROOT / "benchmarks" / "generate.py")
    generate = sys.modules.setdefault("benchmarks_generate", importlib.util.module_from_spec(spec))
    spec.loader.exec_module(generate)
    gen = generate.generate(5000, seed=4)
    pairs = [(read_document(SAMPLE_DIR / "COP14.txt").value, read_document(SAMPLE_DIR / "Rev.COP15.txt").value)]
    from revcop.readers import critic
    from revcop.structure import build

    marked = build(critic.read_text(generate.critic_text(gen), "gen.txt").value, "gen.txt").value
    pairs.append((consolidate.original(marked).value, consolidate.consolidate(marked).value))

    def run():
        return [(c.kind, c.old_label, c.new_label, c.spans) for old, new in pairs for c in compare(old, new).changes]

    monkeypatch.setattr(align, "FAST_AFTER", 0)  # rapidfuzz from the first pair
    fast = run()
    assert callable(align._lcs)  # rapidfuzz counted them
    monkeypatch.setattr(words, "_MATCHER", difflib.SequenceMatcher)
    monkeypatch.setattr(align, "_lcs", None)
    monkeypatch.setattr(align, "FAST_AFTER", 10**9)
    assert run() == fast
    assert sum(1 for c in fast if c[0] != "unchanged") > 20


def test_preload_imports_the_block_matcher_ahead(monkeypatch):
    """read_pair's waiting process imports the matcher before the comparison asks for it."""
    import revcop.comparison
    from revcop.comparison import words

    monkeypatch.setattr(words, "_MATCHER", None)
    revcop.comparison.preload()
    assert words._MATCHER is not None and words._MATCHER.__name__ == "SequenceMatcher"
    assert words.matcher() is words._MATCHER


# -- word diffs in a second process (compare(processes=2), from the command line) -------------------

TWO_PROCESS_PAIRS = [  # each has two or more paragraphs to diff word by word
    (SAMPLE_DIR / "COP14.txt", SAMPLE_DIR / "Rev.COP15.txt"),
    (DOCX_PUBLIC / "Open-Xml-PowerTools__WC020-FootNote-Before.docx",
     DOCX_PUBLIC / "Open-Xml-PowerTools__WC020-FootNote-After-1.docx"),
    (DOCX_PUBLIC / "Open-Xml-PowerTools__WC027-Twenty-Paras-Before.docx",
     DOCX_PUBLIC / "Open-Xml-PowerTools__WC027-Twenty-Paras-After-2.docx"),
    (DOCX_PUBLIC / "Python-Redlines__original.docx", DOCX_PUBLIC / "Python-Redlines__modified.docx"),
]


@pytest.mark.parametrize("before, after", TWO_PROCESS_PAIRS, ids=lambda p: p.name)
@pytest.mark.corpus
def test_word_diffs_in_two_processes_are_those_of_one(before, after, monkeypatch, sent_by_forked):
    """The later paragraphs' word diffs come from a forked process (footnotes' notes included): the
    comparison, its messages and its annex are the same."""
    import revcop.comparison as comparison

    monkeypatch.setattr(comparison, "PARALLEL_DIFF_CHARS", 0)  # these pairs are short: fork anyway
    old, new = read_document(str(before)).value, read_document(str(after)).value
    two, one = compare(old, new, processes=2), compare(old, new)
    assert len(sent_by_forked) == 1 and sent_by_forked[0]  # the forked process sent its diffs (none made again here)
    assert two.changes == one.changes and two.messages == one.messages
    assert two.annex().value == one.annex().value
    assert any(c.kind == "amended" for c in one.changes)


@pytest.mark.corpus
def test_word_diffs_a_forked_process_fails_to_send_are_made_here(monkeypatch, sent_by_forked):
    import pickle

    import revcop.comparison as comparison

    monkeypatch.setattr(comparison, "PARALLEL_DIFF_CHARS", 0)
    old, new = (read_document(str(p)).value for p in TWO_PROCESS_PAIRS[0])
    one = compare(old, new)
    monkeypatch.setattr(pickle, "dump", lambda *a, **k: (_ for _ in ()).throw(MemoryError("stopped")))
    assert compare(old, new, processes=2).changes == one.changes
    assert sent_by_forked == [None]  # a process was forked, and sent nothing: its diffs were made here


def test_footnotes_changed_in_the_forked_half_come_back_whole(monkeypatch):
    """Notes changed and kept in the paragraphs the forked process diffs: the same spans and notes."""
    import revcop.comparison as comparison

    monkeypatch.setattr(comparison, "PARALLEL_DIFF_CHARS", 0)

    def doc(words: list[str], note: str):
        paragraphs = tuple(
            Paragraph(Kind.OPERATIVE, (Span(f"Requests the Parties to {w} the plan"),
                                       Span("1", note=Note("1", (Span(f"{note} {n}."),))), Span(" by 2030.")),
                      Label(LabelKind.NUMBER, n, form="{n}."), Label(LabelKind.NUMBER, n, form="{n}."),
                      (Span(f"{n}."),))
            for n, w in enumerate(words, 1))
        return Document(Meta(), (Part(PartKind.RESOLUTION, paragraphs),))

    old = doc(["adopt", "review", "report on", "apply", "fund"], "See document")
    new = doc(["adopt", "revise", "report on", "implement", "finance"], "See documents")
    two, one = compare(old, new, processes=2), compare(old, new)
    assert two.changes == one.changes and two.annex().value == one.annex().value
    last = two.changes[-1]
    assert last.kind == "amended" and [(s.change, s.text) for s in last.spans if s.note is None][1:3] == [
        (D, "fund"), (I, "finance")]
    assert [n.text for s in last.spans if s.note for n in s.note.spans] == ["See ", "document", "documents", " 5."]


def test_a_short_comparison_is_diffed_in_one_process(monkeypatch):
    from revcop import forked

    monkeypatch.setattr(forked.os, "fork", lambda: pytest.fail("forked"))
    old, new = (read_document(str(p)).value for p in TWO_PROCESS_PAIRS[0])
    assert any(c.kind == "amended" for c in compare(old, new, processes=2).changes)
