"""A paragraph whose whole text is struck but whose typed number is not (``2.<tab>`` plain, common in
real annexes) is deleted, number included, with a warning; likewise in the original view for a new
paragraph whose ``bis`` number is not underlined (issue 17 item 2)."""

from click.testing import CliRunner

from revcop import consolidation as c
from revcop.cli import cli
from revcop.readers import read_document
from revcop.readers.critic import read_text
from revcop.structure import build
from revcop.writers.text import render
from tests.conftest import SAMPLE_DIR
from tests.docx_parts import dele, pack, p, r

HEAD = ("PROPOSED AMENDMENTS TO RESOLUTION 12.3\n\nTEST TITLE\n\n"
        "NB: Proposed new text is underlined. Text to be deleted is crossed out.\n\n"
        "Recalling x,\n\nThe Conference of the Parties\n\n")


def doc_of(body):
    return build(read_text(HEAD + body).value, "t.txt").value


def paragraphs(result):
    """The paragraphs after the enacting formula."""
    out = render(result.value).strip().split("\n\n")
    return out[out.index("The Conference of the Parties") + 1:]


def whole(messages):
    return [(m.where, m.text) for m in messages if m.text.startswith("the whole text")]


def test_a_struck_paragraph_with_a_plain_number_is_deleted_number_included():
    doc = doc_of("1. Urges Parties to apply paragraph 2;\n\n2.\t{--Requests the Secretariat to act;--}\n\n"
                 "3. Decides to review paragraph 3.\n")
    result = c.consolidate(doc, meeting="COP15")
    assert paragraphs(result) == ["1. Urges Parties to apply paragraph 2;", "2. Decides to review paragraph 2."]
    assert dict(result.value.renumbering) == {"1": "1", "3": "2", "2": ""}
    assert whole(result.messages) == [("line 13", "the whole text of paragraph 2 is struck but not its number "
                                                  "'2.': read as deleted, number included; check the amendment document")]
    # the reference to the deleted paragraph is reported, not silently renumbered
    assert [m.text for m in result.messages if "deleted by the amendments" in m.text] == [
        "paragraph 1: cross-reference 'paragraph 2' (left as written): paragraph 2 is deleted by the amendments; check it"]
    # the original view is untouched
    assert paragraphs(c.original(doc)) == ["1. Urges Parties to apply paragraph 2;",
                                           "2. Requests the Secretariat to act;", "3. Decides to review paragraph 3."]


def test_a_struck_sub_paragraph_with_a_plain_label_and_semicolon_is_deleted():
    doc = doc_of("1. Urges Parties to:\n\n(a) act;\n\n(b) {--report yearly--};\n\n(c) review.\n")
    result = c.consolidate(doc, meeting="COP15")
    assert paragraphs(result) == ["1. Urges Parties to:", "(a) act;", "(b) review."]
    assert whole(result.messages) == [("line 15", "the whole text of paragraph (b) is struck but not its number "
                                                  "'(b)' and ';': read as deleted, number included; check the "
                                                  "amendment document")]


def test_an_underlined_bis_paragraph_with_a_plain_number_is_absent_from_the_original():
    doc = doc_of("1. Urges Parties;\n\n1 bis.\t{++Invites observers;++}\n\n2. Decides.\n")
    result = c.original(doc)
    assert paragraphs(result)[-2:] == ["1. Urges Parties;", "2. Decides."]
    assert whole(result.messages) == [("line 13", "the whole text of paragraph 1 bis is underlined but not its "
                                                  "number '1 bis.': read as inserted, number included; check the "
                                                  "amendment document")]
    assert paragraphs(c.consolidate(doc, meeting="COP15")) == ["1. Urges Parties;", "2. Invites observers;", "3. Decides."]


def test_a_wholly_marked_paragraph_or_an_amended_one_gives_no_warning():
    doc = doc_of("1. Urges Parties;\n\n{--2. Requests the Secretariat;--}\n\n3. {--Decides--} Agrees to {--act--}.\n")
    result = c.consolidate(doc, meeting="COP15")
    assert paragraphs(result) == ["1. Urges Parties;", "2. Agrees to."]
    assert whole(result.messages) == []


def _docx(deleted_paragraph: str) -> bytes:
    return pack("".join([
        p(r("PROPOSED AMENDMENTS TO RESOLUTION 12.3")), p(r("TEST TITLE")),
        p(r("NB: Proposed new text is underlined. Text to be deleted is crossed out.")),
        p(r("The Conference of the Parties")), p(r("1.\tUrges Parties;")), p(deleted_paragraph),
        p(r("3.\tRequests the Secretariat to act;")), p(r("4.\tDecides to review.")),
    ]))


TYPED_NUMBER = '<w:r><w:t>2.</w:t></w:r><w:r><w:tab/></w:r>'


def test_word_annex_typed_number_plain_text_struck(tmp_path):
    cases = {
        "strike": TYPED_NUMBER + r("Invites Parties to report;", "<w:strike/>"),
        "dstrike": TYPED_NUMBER + r("Invites Parties to report", "<w:dstrike/>") + r(";"),
        "tracked": TYPED_NUMBER + dele("Invites Parties to report;"),
    }
    for name, xml in cases.items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(_docx(xml))
        read = read_document(path)
        result = c.consolidate(read.value, meeting="COP15")
        assert paragraphs(result)[-3:] == ["1. Urges Parties;", "2. Requests the Secretariat to act;",
                                           "3. Decides to review."], name
        assert [w for w, _ in whole(result.messages)] == ["paragraph 6"], name
        cli = CliRunner().invoke(_cli(), ["consolidate", str(path), "-o", "-"])
        assert cli.exit_code == 0 and "\n\n2.\n" not in cli.stdout and "2. Requests the Secretariat" in cli.stdout
        assert f"{path}: paragraph 6: the whole text of paragraph 2 is struck but not its number '2.'" in cli.stderr


def _cli():
    return cli


def test_the_cop15_sample_is_unchanged():
    for name in ("UNEP-CMS-COP15-Doc.28.2.txt", "UNEP-CMS-COP15-Doc.28.2.docx"):
        doc = read_document(SAMPLE_DIR / name).value
        assert whole(c.consolidate(doc).messages) == [] and whole(c.original(doc).messages) == []


def test_an_unnumbered_struck_paragraph_with_a_stray_comma_is_left_as_it_stands_with_a_warning():
    doc = build(read_text(HEAD.replace("Recalling x,", "{--Recalling x--},") + "1. Urges Parties.\n").value, "t.txt").value
    result = c.consolidate(doc, meeting="COP15")
    assert "," in render(result.value).split("\n\n")
    assert whole(result.messages) == [("line 7", "the whole text of a paragraph is struck but not ',': left as it "
                                                 "stands; check the amendment document")]
