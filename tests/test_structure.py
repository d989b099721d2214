import re

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import SAMPLE_DIR

from revcop import labels
from revcop.model import Block, Change, Kind, LabelKind, PartKind, Span, Status, lstrip_spans, strip_spans
from revcop.readers.critic import read_text
from revcop.structure import (
    _LEGEND,
    _Builder,
    _cut,
    _is_legend,
    build,
    normalise_meeting,
    normalise_number,
)

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


# -- layouts of other bodies (texts written here, beside the real ones of tests/test_real_texts.py) ---------------

def outline(doc):
    """(depth, kind, label) of every paragraph, as the corpus's scorer sees them."""
    out = []

    def walk(ps, depth):
        for p in ps:
            out.append((depth, p.kind.value, p.label.render() if p.label else ""))
            walk(p.children, depth + 1)

    for part in doc.parts:
        walk(part.paragraphs, 0)
    return out


def test_flat_letter_list_in_a_meeting_document_body_is_letters():
    doc = parse("Background\n\n1. The Council is requested to:\n\na) one;\n\nb) two;\n\nc) three;\n\nd) four.\n\n"
                "ANNEX\n\nRESOLUTION 1.1\n\nThe Conference of the Parties to the\nConvention on the Conservation "
                "of Migratory Species of Wild Animals\n\n1. Decides to act.\n")
    body = doc.parts[0]
    assert [(p.label.kind, p.label.value) for p in body.paragraphs if p.label][1:] == [
        (LabelKind.LETTER, 1), (LabelKind.LETTER, 2), (LabelKind.LETTER, 3), (LabelKind.LETTER, 4)]


def test_a_sentence_about_the_conference_is_not_a_formula():
    doc = parse("Resolution 2.1\n\nTITLE\n\nRecalling the work,\n\n"
                "The Conference of the Parties is invited to consider the following:\n\n1. Decides to act.\n")
    assert Kind.ENACTING not in kinds(doc.resolution)
    assert outline(doc)[2:4] == [(0, "preamble", ""), (0, "preamble", "")]


def test_cites_layout_unnumbered_operative_verbs_with_letter_lists():
    doc = parse("Resolution Conf. 9.9 (Rev. CoP19)\n\nA title in sentence case\n\nRECALLING the text;\n\n"
                "THE CONFERENCE OF THE PARTIES TO THE CONVENTION\n\nDIRECTS the Secretariat to:\n\na) one;\n\n"
                "b) two; and\n\nh) eight;\n\ni) nine;\n\nRECOMMENDS that Parties act.\n")
    assert outline(doc) == [
        (0, "title", ""), (0, "title", ""), (0, "preamble", ""), (0, "enacting", ""), (0, "operative", ""),
        (1, "subparagraph", "a)"), (1, "subparagraph", "b)"), (1, "subparagraph", "h)"), (1, "subparagraph", "i)"),
        (0, "operative", "")]
    assert doc.parts[0].paragraphs[0].children == () and doc.meta.instrument == "Resolution Conf. 9.9"
    assert doc.meta.revision == "COP19" and doc.meta.convention == "CITES"
    nine = doc.parts[0].paragraphs[4].children[-1].label
    assert (nine.kind, nine.value) == (LabelKind.LETTER, 9)  # i) after h) is a letter


def test_numbered_preamble_is_preamble_and_operative_numbering_continues():
    doc = parse("Resolution XII.3: A title\n\n1. RECALLING the text;\n\n2. ALSO NOTING the report;\n\n"
                "3. URGES Parties to act;\n\n4. REQUESTS the Secretariat to report.\n")
    assert outline(doc)[1:] == [(0, "preamble", "1."), (0, "preamble", "2."), (0, "operative", "3."),
                                (0, "operative", "4.")]
    assert (doc.meta.instrument, doc.meta.title, doc.meta.convention) == ("Resolution XII.3", "A title", "Ramsar")


def test_decisions_standing_alone_with_revision_marks_and_range_headings():
    doc = parse("17.1 (Rev. CoP19) & 17.2 A subject\n\nDecision directed to: Secretariat\n\n"
                "17.1 (Rev. CoP19) The Secretariat shall:\n\na) report;\n\nb) publish.\n\n"
                "Dirigida a: Partes\n\n17.2 Parties are invited to act.\n")
    assert [p.kind for p in doc.parts] == [PartKind.DECISIONS]
    assert outline(doc) == [(0, "heading", ""), (0, "heading", ""), (0, "decision", "17.1 (Rev. CoP19)"),
                            (1, "subparagraph", "a)"), (1, "subparagraph", "b)"), (0, "heading", ""),
                            (0, "decision", "17.2")]
    first = doc.parts[0].paragraphs[2]
    assert first.label.text == "17.1" and first.text == "The Secretariat shall:"


def test_items_without_labels_nest_under_the_paragraph_that_introduces_them():
    doc = parse("Resolution 2001-9\n\nWHEREAS the text;\n\nNOW, THEREFORE, THE COMMISSION:\n\n"
                "ADOPTS the following amendments:\n\nAmendments to Table 1:\n\nSpecies one\n\nSpecies two\n\n"
                "Amendments to Table 2:\n\nSpecies three\n\nNOTES the report.\n\n(61) A note written in the text.\n")
    assert outline(doc)[2:] == [
        (0, "enacting", ""), (0, "operative", ""), (1, "subparagraph", ""), (2, "subparagraph", ""),
        (2, "subparagraph", ""), (1, "subparagraph", ""), (2, "subparagraph", ""), (0, "operative", ""),
        (0, "text", "(61)")]


def test_un_masthead_and_title_block():
    doc = parse("United Nations\n\nDistr.: Limited\n\n10 December 2011\n\nOriginal: English\n\n"
                "Conference of the Parties\n\nSeventeenth session\n\nDurban, 28 November to 9 December 2011\n\n"
                "Agenda item 15\n\nHigh-level segment\n\nA subject line\n\nProposal by the President\n\n"
                "Draft decision -/CP.17\n\nThe Conference of the Parties,\n\nRecognizing the threat,\n\n"
                "Decides to act;\n")
    assert [k for _, k, _ in outline(doc)] == ["masthead"] * 9 + [
        "title", "text", "title", "enacting", "preamble", "operative"]


def test_french_and_spanish_legends_and_a_french_verb_that_is_not_one():
    fr = parse("Résolution 1.2\n\nTITRE\n\nLe texte nouveau est souligné et le texte supprimé est barré.\n\n"
               "SOULIGNE l'importance du texte;\n\nLA CONFÉRENCE DES PARTIES À LA CONVENTION\n\nDÉCIDE d'agir.\n")
    assert outline(fr)[2:4] == [(0, "legend", ""), (0, "preamble", "")]
    es = parse("Resolución 1.2\n\nTÍTULO\n\nEl texto nuevo está subrayado y el suprimido tachado.\n\n"
               "La Conferencia de las Partes,\n\nRecordando el texto,\n\n1. Decide actuar.\n")
    assert [k for _, k, _ in outline(es)] == ["title", "title", "legend", "enacting", "preamble", "operative"]


def test_symbol_in_a_web_copys_masthead_is_masthead_and_the_documents_symbol():
    doc = parse("CONVENTION ON MIGRATORY SPECIES\n\nUNEP/CMS/COP12/CRP22\n\n26 October 2017\n\nA TITLE\n\n"
                "DRAFT DECISIONS\n\n12.AA The Secretariat shall act.\n")
    assert [k for _, k, _ in outline(doc)] == ["masthead", "masthead", "masthead", "title", "heading", "decision"]
    assert (doc.meta.symbol, doc.meta.meeting, doc.meta.convention) == ("UNEP/CMS/COP12/CRP22", "COP12", "CMS")


def test_resolution_without_formula_keeps_its_annex():
    doc = parse("Resolution XII.4: A title\n\n1. RECALLING the text;\n\n2. URGES Parties to act.\n\nAnnex\n\n"
                "Guidelines\n\n1. The guidelines apply.\n")
    assert [p.kind for p in doc.parts] == [PartKind.RESOLUTION, PartKind.ANNEX]
    assert outline(doc)[:3] == [(0, "title", ""), (0, "preamble", "1."), (0, "operative", "2.")]


_OPENINGS = ["(", ")", ".", " ", "\u00a0", "\t", "\n", "\u2003", "12", "7", "a", "iv", "C", "bis", "15.AA", "14.195",
             " (Rev. CoP19)", "Decides", "the text"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_OPENINGS), max_size=8), st.booleans())
def test_a_paragraph_of_one_unmarked_span_is_cut_as_any_other(pieces, decisions):
    """split_label slices a paragraph of one unmarked span where it would cut it with _cut and strip the
    pieces: the label and body it gives are those of the general way."""
    span = Span("".join(pieces))
    found = labels.match(span.text, decisions=decisions)
    if found is None:
        expected = (None, None, (), (span,))
    else:
        head, tail, clean = _cut((span,), found[2], found[2])  # type: ignore[misc]
        assert clean
        expected = (found[0], found[0], strip_spans(head), lstrip_spans(tail))
    assert _Builder([], "").split_label(Block((span,)), decisions=decisions) == expected


def test_the_quick_test_for_a_legend_lets_through_every_text_the_legend_pattern_matches():
    """_is_legend searches _LEGEND only where revcop.marks.may_be_legend finds one of the words a legend's
    wording begins with (its folding is tested in test_lost_marks.py)."""
    # each branch of the pattern holds a stem
    for text in ["NB: new text is UNDERLİNED", "N.B. text ſtruck", "Note: CROSSED OUT text", "Note strikethrough",
                 "Proposed new text is underlined", "texte soulignée", "le texte barré", "Texto subrayado",
                 "tachadas"]:
        assert _LEGEND.search(text) and _is_legend(text), text
    assert not _is_legend("NB: Requests the Secretariat to report")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["NB", "N.B.", "Note", ":", " ", "Proposed new text is ", "underlined", "UNDERLİNED",
                                 "ſtruck", "crossed out", "barrée", "subrayados", "tachada", "souligné", "x", "é"]),
                max_size=6))
def test_the_quick_test_for_a_legend_answers_as_the_pattern(pieces):
    text = "".join(pieces)
    assert _is_legend(text) == (_LEGEND.search(text) is not None)
