"""The docx reader streams the body of a document; the result is the same as from the whole tree."""

import pytest

from revcop.errors import InputError
from revcop.readers import docx
from revcop.ooxml.package import Package
from tests.conftest import DOCX_PUBLIC, SAMPLE_DIR

FILES = [SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.docx", *sorted(DOCX_PUBLIC.glob("*.docx"))[:20]]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_streamed_and_whole_tree_readings_agree(path, monkeypatch):
    data = path.read_bytes()
    pkg = Package(data, str(path))
    if docx._streamed_body(pkg, docx._main_part(pkg, str(path))) is None:
        pytest.skip("a section sets the note numbering: read from the whole tree")
    streamed = docx.read_blocks(str(path), data, tracked="auto")
    monkeypatch.setattr(docx, "_streamed_body", lambda pkg, main: None)
    whole = docx.read_blocks(str(path), data, tracked="auto")
    assert streamed.value == whole.value
    assert streamed.messages == whole.messages


def test_a_document_without_body_is_refused(tmp_path):
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/'
                                        'wordprocessingml/2006/main"/>')
    with pytest.raises(InputError, match="has no document body"):
        docx.read_blocks("x.docx", buf.getvalue())


def _docx(body: str) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/'
                                        f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
    return buf.getvalue()


def test_unusual_body_children_are_read_in_order(monkeypatch):
    """Elements the stream has no event for (here an unknown one, a bookmark, a tracked insertion of a
    whole paragraph) are read in their place, before the paragraph that follows them and at the end."""
    data = _docx(
        '<w:p><w:r><w:t>One.</w:t></w:r></w:p><w:foo><w:p><w:r><w:t>lost</w:t></w:r></w:p></w:foo>'
        '<w:bookmarkStart w:id="1" w:name="x"/><w:p><w:r><w:t>Two.</w:t></w:r></w:p>'
        '<w:ins w:id="2" w:author="a"><w:p><w:r><w:t>Three.</w:t></w:r></w:p></w:ins>'
        '<w:customXml><w:p><w:r><w:t>Four.</w:t></w:r></w:p></w:customXml><w:sectPr/>'
    )
    streamed = docx.read_blocks("x.docx", data)
    assert [b.text for b in streamed.value] == ["One.", "Two.", "Three.", "Four."]
    monkeypatch.setattr(docx, "_streamed_body", lambda pkg, main: None)
    whole = docx.read_blocks("x.docx", data)
    assert streamed.value == whole.value and streamed.messages == whole.messages
    assert any("w:foo" in m.text for m in streamed.messages)


def test_sections_of_a_long_body_give_their_headers_in_order(monkeypatch):
    """Section properties in a paragraph, in a table cell's paragraph and in the body, each naming its
    own header, in a body long enough to be parsed in many pieces: the running headers come in the
    order of the sections, as from the whole tree."""
    import io
    import zipfile

    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    def sect(n):
        return f'<w:sectPr><w:headerReference w:type="default" r:id="rIdH{n}"/></w:sectPr>'

    def para(text, section=""):
        ppr = f"<w:pPr>{section}</w:pPr>" if section else ""
        return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"

    filler = "".join(para(f"Paragraph {n} of the text, long enough to fill the pieces.") for n in range(3000))
    body = (para("First section.", sect(1)) + filler
            + f"<w:tbl><w:tr><w:tc>{para('In a table.', sect(2))}</w:tc></w:tr></w:tbl>" + filler
            + para("Last section.") + sect(3))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}</w:body></w:document>')
        z.writestr("word/_rels/document.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'relationships">' + "".join(
                       f'<Relationship Id="rIdH{n}" Type="{R}/header" Target="header{n}.xml"/>' for n in (1, 2, 3))
                   + "</Relationships>")
        for n in (1, 2, 3):
            z.writestr(f"word/header{n}.xml", f'<w:hdr xmlns:w="{W}">{para(f"Header {n}")}</w:hdr>')
    data = buf.getvalue()
    assert len(body) > 4 * docx._PIECE  # parsed in many pieces
    streamed = docx.read_blocks("x.docx", data)
    assert [b.text for b in streamed.value if b.running] == ["Header 1", "Header 2", "Header 3"]
    assert [b.text for b in streamed.value if not b.running][-1] == "Last section."
    assert len([b for b in streamed.value if not b.running]) == 6003
    monkeypatch.setattr(docx, "_streamed_body", lambda pkg, main: None)
    whole = docx.read_blocks("x.docx", data)
    assert streamed.value == whole.value and streamed.messages == whole.messages


def test_a_document_cut_short_is_refused_as_not_well_formed():
    data = _docx("<w:p><w:r><w:t>One.</w:t></w:r></w:p>" * 5000)
    import io
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", xml[: len(xml) - 200])  # the last paragraphs and the end tags lost
    with pytest.raises(InputError, match=r"x.docx: part word/document.xml is not well-formed XML"):
        docx.read_blocks("x.docx", buf.getvalue())


def test_run_properties_met_by_the_parser_are_read_where_they_stand(monkeypatch):
    """The stream looks for run properties only in the body's children where the parser met one: marks
    from direct formatting, a character style and a formatting change are read as from the whole tree,
    in paragraphs and table cells among plain ones, across the pieces the body is parsed in."""
    styles = ('<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              '<w:style w:type="character" w:styleId="Ins"><w:name w:val="Ins"/><w:rPr><w:u/></w:rPr></w:style>'
              '</w:styles>')
    plain = '<w:p><w:r><w:rPr><w:sz w:val="20"/></w:rPr><w:t xml:space="preserve">Plain {0} </w:t></w:r></w:p>'
    marked = ('<w:p><w:r><w:t xml:space="preserve">Kept {0} </w:t></w:r><w:r><w:rPr><w:u w:val="single"/>'
              '</w:rPr><w:t>added</w:t></w:r><w:r><w:rPr><w:strike/></w:rPr><w:t>gone</w:t></w:r>'
              '<w:r><w:rPr><w:rStyle w:val="Ins"/><w:rPrChange w:id="1" w:author="a"><w:rPr/></w:rPrChange>'
              '</w:rPr><w:t>styled</w:t></w:r></w:p>')
    table = ('<w:tbl><w:tr><w:tc>' + plain + '</w:tc><w:tc>' + marked + '</w:tc></w:tr></w:tbl>')
    section = '<w:p><w:pPr><w:sectPr/></w:pPr><w:r><w:t>End of section {0}</w:t></w:r></w:p>'
    body = "".join((plain, marked, table, plain, section)[i % 5].format(i) for i in range(3000))
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/'
                                        f'wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>')
        z.writestr("word/styles.xml", styles)
    data = buf.getvalue()
    assert len(body) > 4 * docx._PIECE
    streamed = docx.read_blocks("x.docx", data)
    assert [(s.text, s.change.value) for s in streamed.value[1].spans] == [
        ("Kept 1 ", "unchanged"), ("added", "inserted"), ("gone", "deleted"), ("styled", "inserted")]
    assert len(streamed.messages) == 1200  # the formatting change of each marked paragraph
    monkeypatch.setattr(docx, "_streamed_body", lambda pkg, main: None)
    whole = docx.read_blocks("x.docx", data)
    assert streamed.value == whole.value
    assert streamed.messages == whole.messages
