"""Odd and hostile WordprocessingML that must end in a one-line error or a correct reading (issue 17).

Each document is generated here. The cases that are about time and memory, run through a bounded
process, are in tests/test_docx_robustness.py.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from docx_parts import HEAD, dele, ins, p, pack, r
from test_readers_docx import critic, texts

from revcop.errors import InputError
from revcop.readers import read_document
from revcop.readers.docx import read_blocks

PREAMBLE = p(r("The Conference of the Parties"))
NUMBERING = ('<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
             '<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="0"/>{override}</w:num>')


def numbering(start="1", fmt="decimal", override="") -> str:
    return NUMBERING.format(start=start, fmt=fmt, override=override)


def numbered(text: str, ilvl="0") -> str:
    return p(r(text), f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr>')


def refused(data: bytes) -> str:
    with pytest.raises(InputError) as e:
        read_blocks("odd.docx", data)
    message = str(e.value)
    assert message.startswith("odd.docx: ") and "\n" not in message
    return message


def messages(data: bytes) -> list[str]:
    return [m.text for m in read_blocks("odd.docx", data).messages]


# -- numbering --------------------------------------------------------------------------------------

@pytest.mark.parametrize("ilvl, problem", [("9999", "'9999' is not a level from 0 to 8"),
                                           ("one", "'one' is not a whole number")])
def test_a_numbering_level_word_does_not_have_is_refused(ilvl, problem):
    message = refused(pack(PREAMBLE + numbered("Urges Parties;", ilvl), numbering=numbering()))
    assert message == f"odd.docx: paragraph 2: numbering: w:ilvl {problem}"


def test_a_start_or_override_that_is_no_number_is_refused():
    assert refused(pack(PREAMBLE + numbered("Urges;"), numbering=numbering(start="first"))) \
        == "odd.docx: numbering: w:start 'first' is not a whole number"
    override = '<w:lvlOverride w:ilvl="first"><w:startOverride w:val="3"/></w:lvlOverride>'
    assert refused(pack(PREAMBLE + numbered("Urges;"), numbering=numbering(override=override))) \
        == "odd.docx: numbering: w:lvlOverride w:ilvl 'first' is not a whole number"


@pytest.mark.parametrize("fmt", ["lowerLetter", "upperRoman"])
def test_numbering_from_10_to_the_11_as_letters_or_roman_is_refused_not_written(fmt):
    message = refused(pack(PREAMBLE + numbered("Urges;"), numbering=numbering(start="100000000000", fmt=fmt)))
    assert "the number 100000000000 is too large to be written in the format " + fmt in message


def test_numbering_from_10_to_the_11_in_decimal_is_read():
    blocks, _ = read(pack(PREAMBLE + numbered("Urges;"), numbering=numbering(start="100000000000")))
    assert blocks[1].number == "100000000000."


def test_footnote_numbering_from_10_to_the_12_as_roman_is_refused():
    note = f'<w:footnote w:id="1"><w:p>{r("Note.")}</w:p></w:footnote>'
    body = (p(r("Text") + '<w:r><w:footnoteReference w:id="1"/></w:r>')
            + '<w:sectPr><w:footnotePr><w:numFmt w:val="lowerRoman"/><w:numStart w:val="1000000000000"/>'
              '</w:footnotePr></w:sectPr>')
    assert "too large to be written in the format lowerRoman" in refused(pack(body, footnotes=note))


def read(data: bytes):
    result = read_blocks("odd.docx", data)
    return result.value, result.messages


# -- notes ------------------------------------------------------------------------------------------

def fref(i: int) -> str:
    return f'<w:r><w:footnoteReference w:id="{i}"/></w:r>'


def footnote(i: int, inner: str) -> str:
    return f'<w:footnote w:id="{i}"><w:p>{inner}</w:p></w:footnote>'


def test_a_footnote_that_cites_itself_is_refused():
    message = refused(pack(PREAMBLE + p(r("Text") + fref(1)), footnotes=footnote(1, r("note") + fref(1))))
    assert message == "odd.docx: footnote 1 paragraph 1: footnote 1 cites itself, which Word cannot show"


def test_a_footnote_and_an_endnote_citing_each_other_are_refused():
    endnote = f'<w:endnote w:id="2"><w:p>{r("en")}<w:r><w:footnoteReference w:id="1"/></w:r></w:p></w:endnote>'
    data = pack(PREAMBLE + p(r("Text") + fref(1)),
                footnotes=footnote(1, r("fn") + '<w:r><w:endnoteReference w:id="2"/></w:r>'), endnotes=endnote)
    assert "footnote 1 cites itself through another note" in refused(data)


def test_a_note_id_used_twice_is_refused():
    data = pack(PREAMBLE + p(r("Text") + fref(1)), footnotes=footnote(1, r("first")) + footnote(1, r("second")))
    assert refused(data) == "odd.docx: footnotes.xml has two footnotes with the id '1' (Word shows one of them)"


def test_a_note_citing_a_missing_note_is_read_with_a_warning():
    data = pack(PREAMBLE + p(r("Text") + fref(1)), footnotes=footnote(1, r("note") + fref(7)))
    blocks, found = read(data)
    assert critic(blocks[1]) == "Text[^1:note2]"
    assert [m.text for m in found] == ["footnote 7 is missing"]


# -- characters -------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["ZZZZ", "D800", "0000", "000B", "000C", "001E", "001B", "F01B"])
def test_a_symbol_that_is_no_character_is_refused(code):
    message = refused(pack(PREAMBLE + p(r("a") + f'<w:r><w:sym w:font="Symbol" w:char="{code}"/></w:r>')))
    assert message == (f"odd.docx: paragraph 2: a symbol (w:sym) with the character code '{code}', which is not "
                       "a character revcop can write")


def test_a_symbol_font_character_is_still_read():
    assert texts(pack(PREAMBLE + p(r("a") + '<w:r><w:sym w:font="Symbol" w:char="F0B1"/></w:r>')))[1] == "a\u00b1"


@pytest.mark.parametrize("char", ["\x00", "\x0b", "\x0c", "\x1e", "\x1b"])
def test_control_characters_in_text_are_refused(char):
    data = pack(PREAMBLE + p(r(f"a&#x{ord(char):x};b")))
    assert "not well-formed XML" in refused(data)


# -- tracked changes and fields ---------------------------------------------------------------------

def test_paragraphs_inserted_deleted_and_inserted_again_are_in_neither_view():
    inner = p(r("NEITHER VIEW"))
    body = PREAMBLE + f'<w:ins w:id="1" w:author="A"><w:del w:id="2" w:author="A"><w:ins w:id="3" w:author="A">' \
        f'{inner}</w:ins></w:del></w:ins>' + p(r("Urges ") + ins(r("act")))
    for mode in ("auto", "amendments", "edits"):
        result = read_blocks("odd.docx", pack(body), tracked=mode)
        assert all("NEITHER" not in critic(b) for b in result.value), mode
    assert "text inserted and deleted again by tracked changes is in neither view" in messages(pack(body))


def test_text_inserted_deleted_and_inserted_again_in_a_paragraph_is_in_neither_view():
    body = PREAMBLE + p(r("Urges ") + '<w:ins w:id="1" w:author="A"><w:del w:id="2" w:author="A"><w:ins w:id="3" '
                        'w:author="A"><w:r><w:t>NEITHER</w:t></w:r></w:ins></w:del></w:ins>' + r(" Parties"))
    assert texts(pack(body))[1] == "Urges  Parties"


def test_a_field_begun_and_never_ended_does_not_swallow_the_rest():
    body = (PREAMBLE + p('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF x </w:instrText></w:r>'
                         + r("shown")) + p(r("3. Urges Parties to report;")))
    blocks, found = read(pack(body))
    assert [critic(b) for b in blocks] == ["The Conference of the Parties", "shown", "3. Urges Parties to report;"]
    assert [(m.text, m.where) for m in found] == [
        ("a field (w:fldChar) is begun and never ended: the text after it is read as text", "paragraph 2")]


def test_a_field_that_ends_still_hides_its_instruction_and_shows_its_result():
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:t>hidden</w:t></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("result")
             + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    assert texts(pack(PREAMBLE + p(r("See ") + field + r(" here."))))[1] == "See result here."


@pytest.mark.parametrize("element, named", [
    ('<w:altChunk r:id="rIdA"/>', "content imported from another file (w:altChunk)"),
    (p('<w:subDoc r:id="rIdS"/>'), "a subdocument (w:subDoc)"),
    (p('<w:r><w:object><v:shape xmlns:v="urn:schemas-microsoft-com:vml"/></w:object></w:r>'),
     "an embedded (OLE) object (w:object)"),
])
def test_content_word_shows_from_elsewhere_is_named_in_a_warning(element, named):
    found = messages(pack(PREAMBLE + element + p(r("2. Invites."))))
    assert f"{named} is not read: its content, which Word shows, is missing from the outputs (1x)" in found


# -- labels and encodings ---------------------------------------------------------------------------

def test_labels_in_arabic_indic_or_fullwidth_digits_keep_every_character(tmp_path):
    path = tmp_path / "digits.docx"
    path.write_bytes(pack(PREAMBLE + p(r("\u0663. Urges Parties;")) + p(r("\uff14. Invites;"))
                          + p(r("(\u0661) to report;"))))
    doc = read_document(path).value
    written = ["".join(s.text for s in (*x.label_spans, *x.spans)) for part in doc.parts
               for top in part.paragraphs for x in top.walk()]
    assert written[-3:] == ["\u0663. Urges Parties;", "\uff14. Invites;", "(\u0661) to report;"]


def _with_footnote_numbering(encoding: str) -> bytes:
    notes = "".join(footnote(i, r(f"note {i}")) for i in range(1, 4))
    body = (PREAMBLE + p(r("One") + fref(1)) + p(r("Two") + fref(2)) + p(r("Three") + fref(3))
            + '<w:sectPr><w:footnotePr><w:numFmt w:val="lowerRoman"/><w:numStart w:val="4"/></w:footnotePr>'
              '</w:sectPr>')
    data = pack(body, footnotes=notes)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    xml = parts["word/document.xml"].decode().replace('encoding="UTF-8"', f'encoding="{encoding}"')
    parts["word/document.xml"] = xml.encode(encoding)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, value in parts.items():
            z.writestr(name, value)
    return out.getvalue()


def test_document_xml_in_utf16_reads_as_in_utf8():
    utf8, utf16 = (texts(_with_footnote_numbering(e)) for e in ("UTF-8", "UTF-16"))
    assert utf8 == utf16 == ["The Conference of the Parties", "One[^iv:note 1]", "Two[^v:note 2]",
                             "Three[^vi:note 3]"]


def test_a_strict_document_with_a_long_comment_before_its_root_is_read():
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    document = (f'{HEAD}<!--{"x" * 10000}-->'
                f'<w:document xmlns:w="{strict}"><w:body>{PREAMBLE}{p(r("1. Urges Parties;"))}</w:body></w:document>')
    data = pack("")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    parts["word/document.xml"] = document.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, value in parts.items():
            z.writestr(name, value)
    assert texts(out.getvalue()) == ["The Conference of the Parties", "1. Urges Parties;"]


def test_a_body_without_a_paragraph_is_refused():
    for body in ("", p(""), p(r("   "))):
        assert refused(pack(body)) == "odd.docx: word/document.xml has no text"
    data = pack("").replace(b"<w:body></w:body>", b"<w:body/>")
    assert refused(data) == "odd.docx: word/document.xml has no text"


def test_a_wholly_deleted_document_is_still_read_in_its_original_view():
    blocks, _ = read(pack(p(dele("Deleted text."))))
    assert [critic(b) for b in blocks] == ["{--Deleted text.--}"]


# -- tracked table rows -----------------------------------------------------------------------------

def _row(mark: str, *cells: str) -> str:
    return "<w:tr>" + (f"<w:trPr>{mark}</w:trPr>" if mark else "") + "".join(
        f"<w:tc>{p(r(c))}</w:tc>" for c in cells) + "</w:tr>"


def test_rows_inserted_or_deleted_as_tracked_changes_follow_accept_and_reject():
    """ECMA-376 17.13.5.12/17.13.5.20 (w:trPr/w:ins, w:trPr/w:del), as Word does: accepting keeps the
    inserted row and removes the deleted one, rejecting the other way round (docs/docx.md says where
    LibreOffice 7.4 differs)."""
    from revcop.consolidation import view_spans

    stamp = 'w:author="A" w:date="2026-01-01T00:00:00Z"'
    table = ("<w:tbl>" + _row("", "Kept A", "Kept B") + _row(f'<w:ins w:id="5" {stamp}/>', "New A", "New B")
             + _row(f'<w:del w:id="6" {stamp}/>', "Gone A", "Gone B") + "</w:tbl>")
    blocks, _ = read(pack(PREAMBLE + table + p(r("After the table."))))

    def view(accept: bool) -> list[str]:
        shown = ("".join(s.text for s in view_spans(b.spans, accept)) for b in blocks)
        return [t for t in shown if t]

    assert view(True) == ["The Conference of the Parties", "Kept A", "Kept B", "New A", "New B", "After the table."]
    assert view(False) == ["The Conference of the Parties", "Kept A", "Kept B", "Gone A", "Gone B",
                           "After the table."]
