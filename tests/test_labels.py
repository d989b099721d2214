import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revcop import labels
from revcop.model import LabelKind
from tests.conftest import SAMPLE_DIR
from tests.real_texts import REAL


@pytest.mark.parametrize(
    "text, kind, value, suffix, name",
    [
        ("11 bis.", LabelKind.NUMBER, 11, 1, "11 bis"),
        ("11bis", LabelKind.NUMBER, 11, 1, "11 bis"),
        ("27.bis", LabelKind.NUMBER, 27, 1, "27 bis"),
        ("11 bis)", LabelKind.NUMBER, 11, 1, "11 bis"),
        ("bbis)", LabelKind.LETTER, 2, 1, "b bis"),
        ("12.", LabelKind.NUMBER, 12, 0, "12"),
        ("(1)", LabelKind.NUMBER, 1, 0, "1"),
        ("(i)", LabelKind.ROMAN, 1, 0, "i"),
        ("(iv)", LabelKind.ROMAN, 4, 0, "iv"),
        ("xii.", LabelKind.ROMAN, 12, 0, "xii"),
        ("a)", LabelKind.LETTER, 1, 0, "a"),
        ("(b)", LabelKind.LETTER, 2, 0, "b"),
        ("aa)", LabelKind.LETTER, 27, 0, "aa"),
    ],
)
def test_parse_and_render_round_trip(text, kind, value, suffix, name):
    label = labels.parse(text)
    assert (label.kind, label.value, label.suffix) == (kind, value, suffix)
    assert labels.render(label) == text
    assert labels.name(label) == name


@pytest.mark.parametrize("word, n", list(zip(labels.SUFFIXES[:9], range(1, 10))))
def test_latin_suffixes_ter_to_decies(word, n):
    label = labels.parse(f"5 {word}.")
    assert label.suffix == n and labels.render(label) == f"5 {word}."


def test_decision_numbers_only_when_asked():
    assert labels.parse("15.AA") is None
    label = labels.parse("15.AA", decisions=True)
    assert label.kind is LabelKind.DECISION and labels.render(label) == "15.AA"
    assert labels.parse("14.195", decisions=True).text == "14.195"


@pytest.mark.parametrize("text", ["1", "2025", "A.", "e.g.", "14.195", "Recalling", "(1.", "bis"])
def test_not_labels(text):
    assert labels.parse(text) is None


def test_order_puts_bis_between_neighbours():
    seq = ["11.", "11 bis.", "11 ter.", "12."]
    keys = [labels.order(labels.parse(s)) for s in seq]
    assert keys == sorted(keys) and len(set(keys)) == 4


@pytest.mark.parametrize(
    "text, value, expected",
    [("11 bis.", 12, "12."), ("27.bis", 29, "29."), ("11bis", 12, "12"), ("bbis)", 3, "c)"),
     ("(iv)", 5, "(v)"), ("(a)", 2, "(b)"), ("15.AA", 3, "15.AA")],
)
def test_renumbered_labels_keep_their_written_shape(text, value, expected):
    assert labels.render(labels.numbered(labels.parse(text, decisions=True), value)) == expected


def test_roman_numerals():
    assert [labels.to_roman(n) for n in (1, 4, 9, 14, 40, 90, 1994)] == ["i", "iv", "ix", "xiv", "xl", "xc", "mcmxciv"]
    assert labels.from_roman("MCMXCIV") == 1994
    assert labels.from_roman("iiii") is None and labels.from_roman("vx") is None


def test_letters_double_after_z():
    assert [labels.to_letters(n) for n in (1, 26, 27, 28)] == ["a", "z", "aa", "bb"]
    assert labels.from_letters("bb") == 28


def test_roman_looking_letter_reads_as_letter():
    c = labels.parse("c)")
    assert c.kind is LabelKind.ROMAN
    assert labels.as_letter(c).kind is LabelKind.LETTER and labels.as_letter(c).value == 3


def test_with_suffix_after():
    assert labels.render(labels.with_suffix_after(labels.parse("11."), 1)) == "11 bis."
    assert labels.render(labels.with_suffix_after(labels.parse("11."), 2)) == "11 ter."
    assert labels.render(labels.with_suffix_after(labels.parse("b)"), 1)) == "b bis)"


_PIECES = ["(", ")", ".", " ", "\u00a0", "\t", "\n", "12", "7", "999", "a", "bb", "C", "iv", "xviii", "MCM", "bis", "ter",
           "duodecies", "DUODECIES", "Bis", "biſ", "bisque", "Decides", "Recalling", "x" * 30, " " * 25]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_a_label_is_found_from_the_start_of_the_text_as_from_the_whole(pieces):
    """match() looks at the first 32 characters after the leading white space, and remembers what it
    found by the words of them a label can span: whatever follows cannot change what it finds (what the
    examples before left remembered included)."""
    text = "".join(pieces)
    start = len(text) - len(text.lstrip(" \t\n\r\f\v\u00a0"))
    assert labels.match(text) == labels._match(text, start, False)
    assert labels.match(text) == labels._match(text, start, False)  # remembered


@pytest.mark.parametrize("text, name", [
    ("(mdcclxv duodecies) the longest numeral label", "mdcclxv duodecies"),
    ("MDCCLXV\u00a0duodecies) upper case, closed only", "MDCCLXV duodecies"),
    ("(zz duodecies) the longest letter label", "zz duodecies"),
    ("(999 duodecies) the longest number label", "999 duodecies"),
    ("999duodecies The number needs no close", "999 duodecies"),
])
def test_the_longest_labels_are_found(text, name):
    """The check that spares most paragraphs the patterns lets the longest label of each kind through."""
    found = labels.match(text)
    assert found is not None and labels.name(found[0]) == name
    assert found == labels._match(text, 0, False)


@pytest.mark.corpus
def test_a_label_is_found_in_every_real_paragraph_as_without_the_check():
    """Every line of the real texts and the sample gets from match() what the patterns alone give."""
    paths = [*sorted(REAL.glob("*.txt")), *sorted(SAMPLE_DIR.glob("*.txt"))]
    lines = [line for path in paths for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 1000
    for line in lines:
        start = len(line) - len(line.lstrip(" \t\n\r\f\v\u00a0"))
        assert labels.match(line) == labels._match(line, start, False), line


def test_the_openings_match_remembered_are_forgotten_once_a_structure_is_built():
    """match() remembers the opening of each paragraph while a document's structure is built (it is asked
    several times a paragraph); once built, the document's openings are dropped, so a process that goes
    on (the comparison, the desk) does not hold them, and what match() answers is unchanged."""
    from revcop import readers

    labels.forget_openings()
    assert labels.match("12 bis.\tRequests the Secretariat") == labels.match("12 bis.\tRequests the Secretariat")
    assert labels._FOUND  # remembered
    doc = readers.read_document(SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt").value
    assert labels._FOUND == {}
    assert doc == readers.read_document(SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt").value
    found = labels.match("12 bis.\tRequests the Secretariat")
    assert found is not None and found[0].render() == "12 bis." and found[1:] == (0, 7)
