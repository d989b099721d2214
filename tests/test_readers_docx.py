"""The .docx reader: every encoding of amendments, numbering, notes, noise, the sample and the corpus."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import DOCX_PUBLIC, ROOT, SAMPLE_DIR
from docx_parts import dele, ins, p, pack, r
from revcop import consolidation as consolidate
from revcop.cli import cli
from revcop.errors import InputError
from revcop.model import Change
from revcop.readers import read_document
from revcop.readers.docx import read_blocks
from revcop.writers import render

SAMPLE_TXT = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"
SAMPLE_DOCX = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.docx"
GENERATOR = ROOT / "tools" / "make_sample_docx.py"
_CRITIC = {Change.INSERTED: "{++%s++}", Change.DELETED: "{--%s--}", Change.UNCHANGED: "%s"}


def critic(block) -> str:
    """A block written back as CriticMarkup (notes as [^marker]), to assert on in one string."""
    out = []
    for s in block.spans:
        text = f"[^{s.note.marker}:{''.join(critic_span(x) for x in s.note.spans)}]" if s.note else s.text
        out.append(_CRITIC[s.change] % text)
    return "".join(out)


def critic_span(s) -> str:
    return _CRITIC[s.change] % s.text


def read(data: bytes, tracked: str = "auto"):
    result = read_blocks("test.docx", data, tracked=tracked)
    return result.value, result.messages


def texts(data: bytes, tracked: str = "auto") -> list[str]:
    return [critic(b) for b in read(data, tracked)[0]]


# -- formatting marks ---------------------------------------------------------------------------------

def test_direct_underline_and_strike_are_insertions_and_deletions():
    body = p(r("protect") + r("ing", "<w:strike/>") + r("ed", '<w:u w:val="single"/>') + r(" sites"))
    assert texts(pack(body)) == ["protect{--ing--}{++ed++} sites"]


def test_any_underline_kind_and_double_strike_count():
    body = p(r("a ") + r("b", '<w:u w:val="wave"/>') + r(" c", '<w:u w:val="double"/>') + r(" d", "<w:dstrike/>"))
    assert texts(pack(body)) == ["a {++b c++}{-- d--}"]


def test_formatting_switched_off_is_no_mark():
    styles = ('<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
              '<w:rPr><w:u w:val="single"/><w:strike/></w:rPr></w:style>')
    body = p(r("plain", '<w:u w:val="none"/><w:strike w:val="0"/>') + r(" off", '<w:u w:val="none"/><w:strike w:val="false"/>'))
    assert texts(pack(body, styles=styles)) == ["plain off"]


def test_marks_inherited_from_character_paragraph_styles_and_defaults():
    styles = (
        '<w:docDefaults><w:rPrDefault><w:rPr><w:strike/></w:rPr></w:rPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Plain"><w:name w:val="Plain"/><w:rPr><w:strike w:val="0"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="New"><w:name w:val="New"/><w:basedOn w:val="Plain"/>'
        '<w:rPr><w:u w:val="single"/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="Gone"><w:name w:val="Gone"/><w:rPr><w:dstrike/></w:rPr></w:style>'
    )
    body = (p(r("deleted by default"))
            + p(r("inserted paragraph"), '<w:pStyle w:val="New"/>')
            + p(r("kept ") + r("gone", '<w:rStyle w:val="Gone"/>'), '<w:pStyle w:val="Plain"/>'))
    assert texts(pack(body, styles=styles)) == ["{--deleted by default--}", "{++inserted paragraph++}", "kept {--gone--}"]


def test_strike_is_a_toggle_between_paragraph_and_character_style_as_word_shows_it():
    """ECMA-376 §17.7.3: a struck character style in a struck paragraph style shows no strike in Word
    (LibreOffice 7.4 shows it struck: checked by hand); revcop follows Word and warns."""
    styles = (
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Struck"><w:name w:val="Struck para"/><w:rPr><w:strike/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="Gone"><w:name w:val="Gone"/><w:rPr><w:strike/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="Kept"><w:name w:val="Kept"/><w:rPr><w:strike w:val="0"/></w:rPr></w:style>'
    )
    body = (p(r("struck ") + r("both", '<w:rStyle w:val="Gone"/>') + r(" off", '<w:rStyle w:val="Kept"/>')
              + r(" direct", '<w:rStyle w:val="Gone"/><w:strike/>'), '<w:pStyle w:val="Struck"/>')
            + p(r("plain ") + r("gone", '<w:rStyle w:val="Gone"/>') + r(" kept", '<w:rStyle w:val="Kept"/>')))
    blocks, messages = read(pack(body, styles=styles))
    assert [critic(b) for b in blocks] == ["{--struck --}both{-- off direct--}", "plain {--gone--} kept"]
    warnings = [m.text for m in messages if "toggle" in m.text]
    assert warnings == ["strike-through from the paragraph style 'Struck para' and the character style 'Gone' "
                        "is read as Word shows it (not struck: a toggle property); LibreOffice shows it the other way",
                        "strike-through from the paragraph style 'Struck para' and the character style 'Kept' "
                        "is read as Word shows it (struck: a toggle property); LibreOffice shows it the other way"]


def test_hyperlink_style_underline_is_not_an_insertion_but_direct_underline_is():
    styles = ('<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
              '<w:rPr><w:u w:val="single"/></w:rPr></w:style>')
    link = '<w:hyperlink r:id="rIdX">{}</w:hyperlink>'
    body = p(r("see ") + link.format(r("the site", '<w:rStyle w:val="Hyperlink"/>'))
             + r(" and ") + link.format(r("new link", '<w:rStyle w:val="Hyperlink"/><w:u w:val="single"/>')))
    assert texts(pack(body, styles=styles)) == ["see the site and {++new link++}"]


# -- tracked changes ----------------------------------------------------------------------------------

def test_tracked_insertion_deletion_are_the_amendments_when_alone():
    body = p(r("Urges ") + dele("Parties") + ins(r("States")) + r(" to act"))
    assert texts(pack(body)) == ["Urges {--Parties--}{++States++} to act"]


def test_move_is_one_move_at_both_ends():
    body = (
        '<w:moveFromRangeStart w:id="1" w:name="move1"/>'
        + p('<w:moveFrom w:id="2" w:author="A"><w:r><w:t>Moved text.</w:t></w:r></w:moveFrom>',
            '<w:rPr><w:moveFrom w:id="3" w:author="A"/></w:rPr>')
        + '<w:moveFromRangeEnd w:id="1"/>' + p(r("Between."))
        + '<w:moveToRangeStart w:id="4" w:name="move1"/>'
        + p('<w:moveTo w:id="5" w:author="A"><w:r><w:t>Moved text.</w:t></w:r></w:moveTo>',
            '<w:rPr><w:moveTo w:id="6" w:author="A"/></w:rPr>')
        + '<w:moveToRangeEnd w:id="4"/>'
    )
    blocks, _ = read(pack(body))
    assert [critic(b) for b in blocks] == ["{--Moved text.--}", "Between.", "{++Moved text.++}"]
    assert blocks[0].spans[0].move == blocks[2].spans[0].move == "move1"


def test_deleted_paragraph_mark_joins_paragraphs_and_says_so():
    mark = '<w:rPr><w:del w:id="9" w:author="A"/></w:rPr>'
    blocks, messages = read(pack(p(r("First part"), mark) + p(r(" second part."))))
    assert [critic(b) for b in blocks] == ["First part{--\n--} second part."]
    assert any("deleted paragraph mark" in m.text for m in messages)


def test_wholly_deleted_paragraph_stays_a_paragraph_of_the_original():
    mark = '<w:rPr><w:del w:id="9" w:author="A"/></w:rPr>'
    assert texts(pack(p(dele("Old paragraph."), mark) + p(r("Next.")))) == ["{--Old paragraph.--}", "Next."]


def test_deleted_footnote_reference_and_del_instr_text():
    footnotes = '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> A note.</w:t></w:r></w:p></w:footnote>'
    body = p(r("Text") + '<w:del w:id="3" w:author="A"><w:r><w:footnoteReference w:id="1"/></w:r>'
             '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:delInstrText> PAGE </w:delInstrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:del>' + r(" more."))
    assert texts(pack(body, footnotes=footnotes)) == ["Text{--[^1:A note.]--} more."]


def test_formatting_revisions_are_reported_not_lost():
    body = p(r("Same text", '<w:b/><w:rPrChange w:id="1" w:author="A"><w:rPr/></w:rPrChange>'))
    blocks, messages = read(pack(body))
    assert [critic(b) for b in blocks] == ["Same text"]
    assert any("formatting change" in m.text for m in messages)


def test_tracked_modes_with_both_encodings():
    body = p(r("Keep ") + r("new", '<w:u w:val="single"/>') + r(" ") + dele("typo ") + ins(r("fixed")))
    data = pack(body)
    assert texts(data, "auto") == ["Keep {++new++} fixed"]
    assert texts(data, "edits") == ["Keep {++new++} fixed"]
    assert texts(data, "amendments") == ["Keep new {--typo --}{++fixed++}"]
    only_tracked = pack(p(r("Keep ") + dele("typo ") + ins(r("fixed"))))
    assert texts(only_tracked, "auto") == ["Keep {--typo --}{++fixed++}"]
    assert texts(only_tracked, "edits") == ["Keep fixed"]
    with pytest.raises(ValueError):
        read(data, "sometimes")


# -- noise ----------------------------------------------------------------------------------------------

def test_run_noise_changes_neither_text_nor_marks():
    body = p(
        '<w:bookmarkStart w:id="0" w:name="_Hlk1"/><w:proofErr w:type="spellStart"/>'
        '<w:r w:rsidR="00AB"><w:rPr><w:u w:val="single"/></w:rPr><w:t>in</w:t></w:r>'
        '<w:smartTag w:uri="x" w:element="y"><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:lastRenderedPageBreak/><w:t>ser</w:t></w:r></w:smartTag>'
        '<w:sdt><w:sdtContent><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>ted</w:t></w:r></w:sdtContent></w:sdt>'
        '<w:proofErr w:type="spellEnd"/><w:bookmarkEnd w:id="0"/>'
        '<w:r><w:tab/><w:t>co</w:t><w:softHyphen/><w:t>operation</w:t><w:noBreakHyphen/><w:t>x</w:t><w:br/><w:t>y</w:t>'
        '<w:sym w:font="Symbol" w:char="F0B7"/></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF _Ref1 \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t> shown</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:fldSimple w:instr=" PAGE "><w:r><w:t> 7</w:t></w:r></w:fldSimple>'
    )
    assert texts(pack(body)) == ["{++inserted++}\tcooperation-x\ny\u00b7 shown 7"]


def test_unknown_elements_warn():
    body = p(r("Text") + "<w:unknownThing/>") + "<w:mystery/>"
    _, messages = read(pack(body))
    got = " ".join(m.text for m in messages)
    assert "w:unknownThing" in got and "w:mystery" in got


# -- numbering ----------------------------------------------------------------------------------------

NUMBERING = (
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%3)"/></w:lvl>'
    '</w:abstractNum>'
    '<w:abstractNum w:abstractNumId="1">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1.%2"/><w:isLgl/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3"/></w:lvl>'
    '</w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="0"/></w:num>'
)


def numbered(num: int, lvl: int, text: str, extra: str = "") -> str:
    return p(r(text), f'<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr>{extra}')


def test_automatic_numbering_labels():
    styles = ('<w:style w:type="paragraph" w:styleId="Op"><w:name w:val="Op"/><w:pPr><w:numPr><w:numId w:val="1"/>'
              '</w:numPr></w:pPr></w:style>')
    body = (numbered(1, 0, "One") + numbered(1, 1, "sub a") + numbered(1, 2, "sub i") + numbered(1, 2, "sub ii")
            + numbered(1, 1, "sub b") + p(r("Two by style"), '<w:pStyle w:val="Op"/>')
            + numbered(1, 1, "sub a again") + numbered(4, 0, "Three: shares the abstract")
            + numbered(2, 0, "Restarted at five") + numbered(3, 0, "Roman") + numbered(3, 1, "Legal")
            + numbered(3, 2, "Deep") + p(r("No number"), '<w:numPr><w:numId w:val="0"/></w:numPr>'))
    blocks, _ = read(pack(body, styles=styles, numbering=NUMBERING))
    assert [(b.number, b.text) for b in blocks] == [
        ("1.", "One"), ("(a)", "sub a"), ("i)", "sub i"), ("ii)", "sub ii"), ("(b)", "sub b"),
        ("2.", "Two by style"), ("(a)", "sub a again"), ("3.", "Three: shares the abstract"),
        ("5.", "Restarted at five"), ("I.", "Roman"), ("1.1", "Legal"), ("I.A.1", "Deep"), (None, "No number"),
    ]


def test_numbered_paragraph_change_follows_its_text():
    body = (numbered(1, 0, "Kept") + p(dele("Gone."), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
                                      '<w:rPr><w:del w:id="5" w:author="A"/></w:rPr>')
            + numbered(1, 0, "After") + p(r("New", '<w:u w:val="single"/>'), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'))
    blocks, _ = read(pack(body, numbering=NUMBERING), "amendments")
    # A deleted numbered paragraph still counts: labels are those of the document shown with its changes.
    assert [(b.number, b.number_change) for b in blocks] == [
        ("1.", Change.UNCHANGED), ("2.", Change.DELETED), ("3.", Change.UNCHANGED), ("4.", Change.UNCHANGED)]
    blocks, _ = read(pack(body, numbering=NUMBERING), "edits")
    assert [(b.number, b.number_change, b.text) for b in blocks] == [
        ("1.", Change.UNCHANGED, "Kept"), ("2.", Change.UNCHANGED, "After"), ("3.", Change.INSERTED, "New")]


def test_numbering_of_corpus_files_with_tracked_numbered_paragraphs():
    blocks, _ = read((DOCX_PUBLIC / "Open-Xml-PowerTools__002-DeletedNumberedParagraphs.docx").read_bytes())
    assert [(b.number, b.number_change) for b in blocks[1:6]] == [(f"{i}.", Change.DELETED) for i in range(1, 6)]
    blocks, _ = read((DOCX_PUBLIC / "Open-Xml-PowerTools__005-InsertedNumberedParagraph.docx").read_bytes())
    assert [(b.number, b.number_change) for b in blocks[:3]] == [
        ("1.", Change.UNCHANGED), ("2.", Change.INSERTED), ("3.", Change.UNCHANGED)]


# -- notes, tables, headers ---------------------------------------------------------------------------

def test_notes_tables_and_headers():
    footnotes = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Note </w:t></w:r>'
                 + ins(r("amended")) + '</w:p></w:footnote>')
    endnotes = '<w:endnote w:id="1"><w:p><w:r><w:t>End.</w:t></w:r></w:p></w:endnote>'
    body = (p(r("Cited") + '<w:r><w:footnoteReference w:id="1"/></w:r>' + r(" here") + '<w:r><w:endnoteReference w:id="1"/></w:r>')
            + '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>A1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>B1</w:t></w:r></w:p></w:tc></w:tr>'
            '<w:tr><w:tc><w:p><w:r><w:t>A2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
            '<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/></w:sectPr>')
    headers = {"rIdH": '<w:p><w:r><w:t>UNEP/CMS/COP15/Doc.9</w:t></w:r></w:p>'}
    blocks, _ = read(pack(body, footnotes=footnotes, endnotes=endnotes, headers=headers))
    assert [(critic(b), b.in_table, b.running) for b in blocks] == [
        ("UNEP/CMS/COP15/Doc.9", False, True),
        ("Cited[^1:Note {++amended++}] here[^i:End.]", False, False),
        ("A1", True, False), ("B1", True, False), ("A2", True, False),
    ]
    assert blocks[1].spans[3].note.endnote


# -- the sample and its encodings -------------------------------------------------------------------

def _views(path: Path, **kwargs) -> tuple[str, str, str]:
    doc = read_document(path, **kwargs).value
    return (
        render(consolidate.consolidate(doc).value, "txt"),
        render(consolidate.original(doc).value, "txt"),
        render(doc, "json").replace(path.name, "NAME"),
    )


@pytest.fixture(scope="module")
def txt_views():
    return _views(SAMPLE_TXT)


def test_sample_docx_reads_as_its_criticmarkup_form(txt_views):
    got = _views(SAMPLE_DOCX)
    assert got[0] == txt_views[0]
    assert got[1] == txt_views[1]
    assert "Resolution 14.16 (Rev.COP15)" in got[0]


def test_sample_docx_is_regenerated_byte_for_byte(tmp_path):
    out = tmp_path / "sample.docx"
    subprocess.run([sys.executable, str(GENERATOR), "-o", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == SAMPLE_DOCX.read_bytes()


ENCODINGS = [
    ["--marks", "tracked"],
    ["--numbering", "auto"],
    ["--numbering", "style"],
    ["--split-runs"],
    ["--styles"],
    ["--hyperlinks"],
    ["--noise"],
    ["--edits"],
    ["--marks", "tracked", "--numbering", "auto", "--split-runs", "--noise", "--hyperlinks"],
    ["--styles", "--numbering", "style", "--edits", "--noise", "--hyperlinks"],
]


@pytest.mark.parametrize("options", ENCODINGS, ids=lambda o: " ".join(o))
def test_other_encodings_of_the_sample_read_the_same(options, tmp_path, txt_views):
    out = tmp_path / "variant.docx"
    subprocess.run([sys.executable, str(GENERATOR), "-o", str(out), *options], check=True, capture_output=True)
    assert out.read_bytes() != SAMPLE_DOCX.read_bytes()
    got = _views(out)
    assert got[0] == txt_views[0]
    assert got[1] == txt_views[1]


def test_sample_outline_equals_text_form():
    runner = CliRunner()
    a = runner.invoke(cli, ["parse", str(SAMPLE_TXT)])
    b = runner.invoke(cli, ["parse", str(SAMPLE_DOCX)])
    assert a.exit_code == b.exit_code == 0
    assert a.output.splitlines()[1:] == b.output.splitlines()[1:]
    assert "symbol: UNEP/CMS/COP15/Doc.28.2" in b.output


# -- CLI ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["consolidate", "original"])
def test_cli_views_of_the_sample_docx(command, tmp_path):
    runner = CliRunner()
    out_docx, out_txt = tmp_path / "a.txt", tmp_path / "b.txt"
    a = runner.invoke(cli, [command, str(SAMPLE_DOCX), "-o", str(out_docx), "--tracked", "auto"])
    b = runner.invoke(cli, [command, str(SAMPLE_TXT), "-o", str(out_txt)])
    assert a.exit_code == 0, a.output
    assert b.exit_code == 0, b.output
    assert out_docx.read_text(encoding="utf-8") == out_txt.read_text(encoding="utf-8")


def test_cli_tracked_option_changes_the_reading(tmp_path):
    data = pack(p(r("Keep ") + dele("typo ") + ins(r("fixed"))))
    path = tmp_path / "t.docx"
    path.write_bytes(data)
    runner = CliRunner()
    amend = runner.invoke(cli, ["original", str(path), "-o", "-", "--tracked", "amendments"])
    edits = runner.invoke(cli, ["original", str(path), "-o", "-", "--tracked", "edits"])
    assert amend.exit_code == edits.exit_code == 0
    assert amend.output.strip() == "Keep typo"
    assert edits.output.strip() == "Keep fixed"
    bad = runner.invoke(cli, ["parse", str(path), "--tracked", "never"])
    assert bad.exit_code == 2


def test_cli_parse_docx_json(tmp_path):
    result = CliRunner().invoke(cli, ["parse", str(SAMPLE_DOCX), "--format", "json"])
    assert result.exit_code == 0
    assert '"instrument": "Resolution 14.16"' in result.output


# -- the public corpus ----------------------------------------------------------------------------------

PUBLIC = sorted(DOCX_PUBLIC.glob("*.docx")) if DOCX_PUBLIC.is_dir() else []


@pytest.mark.parametrize("path", PUBLIC, ids=lambda p: p.name)
def test_every_public_docx_is_read(path):
    result = read_document(path)
    assert list(result.value.walk()), "no paragraph read"
    for accept in (True, False):
        consolidate.view(result.value, accept)


def test_corpus_folder_is_present():
    assert len(PUBLIC) >= 60


def test_not_a_word_document_errors(tmp_path):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<x/>")
    with pytest.raises(InputError, match="OpenDocument"):
        read_blocks("a.odt", buffer.getvalue())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match="no word/document.xml"):
        read_blocks("a.docx", buffer.getvalue())
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 1
    assert "Word 97-2003" in result.output + str(result.exception)
