from revcop.model import Change, Kind, LabelKind, PartKind, Status
from revcop.readers.critic import read_text
from revcop.structure import build, normalise_meeting, normalise_number
from tests.conftest import SAMPLE_DIR

SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"


def parse(text):
    return build(read_text(text).value, "t.txt").value


def kinds(part):
    return [p.kind for p in part.walk()]


def test_meeting_document_parts_and_metadata():
    doc = parse(SAMPLE.read_text(encoding="utf-8"))
    assert [p.kind for p in doc.parts] == [PartKind.BODY, PartKind.RESOLUTION, PartKind.DECISIONS, PartKind.ANNEX]
    m = doc.meta
    assert (m.symbol, m.instrument, m.meeting, m.convention, m.title) == (
        "UNEP/CMS/COP15/Doc.28.2", "Resolution 14.16", "COP15", "CMS", "ECOLOGICAL CONNECTIVITY")
    resolution = doc.resolution
    ks = kinds(resolution)
    assert ks.count(Kind.PREAMBLE) == 52 and ks.count(Kind.ENACTING) == 1
    assert ks.count(Kind.OPERATIVE) == 33 and ks.count(Kind.SUBPARAGRAPH) == 11
    assert [p.kind for p in resolution.paragraphs[:4]] == [Kind.HEADING, Kind.HEADING, Kind.TITLE, Kind.LEGEND]


def test_running_headers_and_page_numbers_are_not_paragraphs():
    doc = parse(SAMPLE.read_text(encoding="utf-8"))
    texts = [p.text.strip() for p in doc.walk()]
    assert "2" not in texts
    assert not any(t.startswith("UNEP/CMS/COP15/Doc.28.2") for t in texts)


def test_sub_paragraphs_nest_under_their_paragraph():
    doc = parse(SAMPLE.read_text(encoding="utf-8"))
    operative = [p for p in doc.resolution.paragraphs if p.kind is Kind.OPERATIVE]
    by_name = {p.label.render(): p for p in operative}
    assert [c.label.render() for c in by_name["1."].children] == ["(i)", "(ii)", "(iii)", "(iv)", "(v)", "(vi)"]
    assert [c.label.render() for c in by_name["14."].children] == ["a)", "b)", "c)"]
    assert [c.label.render() for c in by_name["30."].children] == ["(a)", "(b)"]
    assert by_name["11 bis."].status is Status.INSERTED and by_name["11 bis."].old_label is None
    assert by_name["27.bis"].label.suffix == 1


def test_draft_decisions_are_their_own_part():
    doc = parse(SAMPLE.read_text(encoding="utf-8"))
    decisions = doc.part(PartKind.DECISIONS)
    labelled = [p for p in decisions.paragraphs if p.kind is Kind.DECISION]
    assert [p.label.render() for p in labelled] == ["15.AA", "15.BB"]
    assert all(p.label.kind is LabelKind.DECISION for p in labelled)
    assert [c.label.render() for c in labelled[1].children] == ["a)", "b)", "c)"]


STANDALONE = """CONVENTION ON MIGRATORY SPECIES

Distribution: General

UNEP/CMS/Resolution 12.07 (Rev. COP13)

Original: English

ECOLOGICAL NETWORKS

Adopted by the Conference of the Parties at its 12th Meeting (Manila, October 2017)

Recalling Resolution 10.3,

Aware of the need,

The Conference of the Parties to the Convention on the Conservation of Migratory Species of Wild Animals

1. Urges Parties to act;

2. Requests the Secretariat to:

a) report;

b) advise;

c) support; and

(i) first;

(ii) second;

d) consult;

3. Repeals Resolution 10.3.
"""


def test_standalone_resolution_with_masthead():
    doc = parse(STANDALONE)
    assert [p.kind for p in doc.parts] == [PartKind.RESOLUTION]
    assert doc.meta.instrument == "Resolution 12.7" and doc.meta.revision == "COP13"
    assert doc.meta.convention == "CMS" and doc.meta.title == "ECOLOGICAL NETWORKS"
    top = doc.resolution.paragraphs
    assert [p.kind for p in top[:6]] == [Kind.MASTHEAD] * 4 + [Kind.TITLE, Kind.ADOPTION]
    two = next(p for p in top if p.label and p.label.value == 2)
    # "c)" continues a letter list although it looks like a roman numeral; (i) opens a deeper level
    assert [c.label.render() for c in two.children] == ["a)", "b)", "c)", "d)"]
    assert [c.label.kind for c in two.children] == [LabelKind.LETTER] * 4
    assert [g.label.render() for g in two.children[2].children] == ["(i)", "(ii)"]


def test_enacting_formula_split_over_two_lines_is_one_paragraph():
    doc = parse("Recalling x,\n\nThe Conference of the Parties to the\nConvention on Migratory Species\n\n1. Urges;\n")
    enacting = [p for p in doc.resolution.paragraphs if p.kind is Kind.ENACTING]
    assert len(enacting) == 1 and enacting[0].text == "The Conference of the Parties to the\nConvention on Migratory Species"


def test_amended_label_keeps_old_and_new():
    doc = parse("Noting,\n\nThe Conference of the Parties\n\n{++1. New first;++}\n\n{--1.--}{++2.++} Old first.\n")
    ops = [p for p in doc.resolution.paragraphs if p.kind is Kind.OPERATIVE]
    assert [(p.old_label and p.old_label.render(), p.label.render()) for p in ops] == [(None, "1."), ("1.", "2.")]
    assert [(s.text, s.change) for s in ops[1].label_spans] == [("1.", Change.DELETED), ("2.", Change.INSERTED)]
    assert ops[1].text == "Old first." and ops[1].status is Status.AMENDED


def test_plain_letter_is_one_text_part():
    doc = parse("Dear colleagues,\n\nPlease find attached the report.\n\nYours sincerely\n")
    assert [p.kind for p in doc.parts] == [PartKind.TEXT]
    assert len(list(doc.walk())) == 3


def test_normalisers():
    assert normalise_number("12.07") == "12.7" and normalise_number("XII.4") == "XII.4"
    assert normalise_meeting("Rev. CoP19") == "COP19" and normalise_meeting("Rev.COP13") == "COP13"
    assert normalise_meeting("UNEP/CMS/COP15/Doc.28.2") == "COP15" and normalise_meeting("none") == ""


def test_roman_items_under_a_letter_nest_deeper():
    doc = parse("Noting,\n\nThe Conference of the Parties\n\n1. Requests:\n\n(a) first:\n\n(i) one;\n\n(ii) two;\n\n(b) second;\n\n(h) eighth;\n\n(i) ninth.\n")
    one = doc.resolution.paragraphs[-1]
    assert [c.label.render() for c in one.children] == ["(a)", "(b)", "(h)", "(i)"]
    assert [c.label.kind for c in one.children] == [LabelKind.LETTER] * 4
    assert [g.label.render() for g in one.children[0].children] == ["(i)", "(ii)"]
    assert [g.label.kind for g in one.children[0].children] == [LabelKind.ROMAN] * 2


def test_paragraphs_keep_the_style_of_their_block_and_json_keeps_it():
    import json

    from revcop.consolidation import consolidate
    from revcop.model import Block, Span
    from revcop.serialize import from_data, to_data

    texts = [("Title", "ECOLOGICAL CONNECTIVITY"), ("Pre", "Recalling the past,"),
             ("Formula", "The Conference of the Parties to the Convention"), ("Op", "1. Urges Parties to act;"),
             ("Sub", "a) soon;"), (None, "2. Requests the Secretariat to report.")]
    blocks = [Block((Span(t),), source=f"paragraph {i}", style=s) for i, (s, t) in enumerate(texts, 1)]
    doc = build(blocks).value
    walked = [(p.kind, p.style) for part in doc.parts for p in part.walk()]
    assert walked == [(Kind.TITLE, "Title"), (Kind.PREAMBLE, "Pre"), (Kind.ENACTING, "Formula"),
                      (Kind.OPERATIVE, "Op"), (Kind.SUBPARAGRAPH, "Sub"), (Kind.OPERATIVE, None)]
    consolidated = consolidate(doc).value
    assert [p.style for part in consolidated.parts for p in part.walk() if p.kind is Kind.OPERATIVE] == ["Op", None]
    back = from_data(json.loads(json.dumps(to_data(doc))))
    assert back == doc
    data = to_data(doc)
    del data["parts"][0]["paragraphs"][0]["style"]  # optional on read
    assert from_data(data).parts[0].paragraphs[0].style is None
