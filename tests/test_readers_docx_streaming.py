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
