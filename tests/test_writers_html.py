"""The HTML writer: a self-contained, XML-parseable page with labels, marks, italics and notes."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from revcop.errors import InputError
from revcop.writers.html import write_html
from tests.conftest import SAMPLE_DIR
from tests.test_writers_docx import amended_document

SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"
XHTML = "{http://www.w3.org/1999/xhtml}"


def parse(html: str) -> etree._Element:
    """Strict XML parse: every tag closed, entities known."""
    return etree.fromstring(html.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))


def consolidated():
    from revcop.consolidation import consolidate
    from revcop.readers import read_document

    return consolidate(read_document(str(SAMPLE)).value).value


def test_page_is_valid_and_self_contained():
    html = write_html(consolidated())
    assert html.startswith("<!DOCTYPE html>\n")
    root = parse(html)
    assert root.tag == XHTML + "html" and root.get("lang") == "en"
    head = root.find(XHTML + "head")
    assert head.find(XHTML + "meta").get("charset") == "utf-8"
    assert head.find(XHTML + "title").text == "Resolution 14.16 (Rev.COP15)"
    assert len(root.findall(XHTML + "body")) == 1
    # nothing fetched from elsewhere: no external stylesheet, script, image or font
    assert not root.findall(f".//{XHTML}link") and not root.findall(f".//{XHTML}script")
    assert not root.findall(f".//{XHTML}img") and "url(" not in html and "@import" not in html


def test_consolidated_sample_content():
    root = parse(write_html(consolidated()))
    text = [("".join(p.itertext())).strip() for p in root.iter(XHTML + "p", XHTML + "h1")]
    assert text[:4] == ["CONVENTION ON MIGRATORY SPECIES", "Distribution: General",
                        "UNEP/CMS/Resolution 14.16 (Rev.COP15)", "Original: English"]
    assert text[4:7] == ["Resolution 14.16 (Rev.COP15)", "ECOLOGICAL CONNECTIVITY",
                         "Adopted by the Conference of the Parties at its 14th Meeting (Samarkand, February 2024) "
                         "and amended at its 15th Meeting (Campo Grande, March 2026)"]
    labels = [s.text for s in root.iter(XHTML + "span") if s.get("class") == "label"]
    operative = [x for x in labels if re.fullmatch(r"\d+\.", x)]
    assert operative == [f"{n}." for n in range(1, 34)]
    assert "(vi)" in labels and not any("bis" in x for x in labels)
    leads = [e.text for e in root.iter(XHTML + "em")]
    assert leads[:3] == ["Recalling", "Also recalling", "Bearing in mind"]
    assert "Deeply concerned" in leads and "Calls on" in leads and "Further encourages" in leads
    assert not root.findall(f".//{XHTML}ins") and not root.findall(f".//{XHTML}del")


def test_marks_and_footnotes_with_back_links():
    root = parse(write_html(amended_document(), part="all"))
    assert [e.text for e in root.iter(XHTML + "ins")][:3] == ["new ", "3.", "Requests"]
    assert [e.text for e in root.iter(XHTML + "del")][:2] == ["old ", "2."]
    ref = next(e for e in root.iter(XHTML + "sup") if e.get("class") == "noteref")
    link = ref.find(XHTML + "a")
    note = next(e for e in root.iter(XHTML + "li") if "#" + e.get("id") == link.get("href"))
    assert "A footnote of the test." in "".join(note.itertext())
    back = note.find(f"{XHTML}a[@class='backref']")
    assert back.get("href") == "#" + ref.get("id")
    br = root.findall(f".//{XHTML}br")
    assert len(br) == 1  # the enacting formula's line break


def test_text_is_escaped():
    from dataclasses import replace

    from revcop.model import Span

    doc = amended_document()
    part = doc.parts[0]
    first = replace(part.paragraphs[2], spans=(Span("Recalling <b>bold</b> & more,"),))
    doc = replace(doc, parts=(replace(part, paragraphs=(part.paragraphs[0], first)),))
    html = write_html(doc)
    assert "Recalling</em> &lt;b&gt;bold&lt;/b&gt; &amp; more," in html
    parse(html)


def test_template_dir_overrides_style_and_layout(tmp_path):
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "style.css").write_text("body { color: #123456; }", encoding="utf-8")
    html = write_html(amended_document(), template_dir=tmp_path)
    assert "#123456" in html and "Recalling" in html
    (tmp_path / "html" / "document.html.j2").write_text("<p>{{ title }}</p>", encoding="utf-8")
    assert write_html(amended_document(), template_dir=tmp_path) == "<p>Resolution 1.1</p>"


def test_broken_template_is_a_one_line_error(tmp_path):
    (tmp_path / "document.html.j2").write_text("{% for x in %}", encoding="utf-8")
    with pytest.raises(InputError, match="HTML template error"):
        write_html(amended_document(), template_dir=tmp_path)
    with pytest.raises(InputError, match="template folder not found"):
        write_html(amended_document(), template_dir=tmp_path / "missing")


def test_control_characters_become_breaks_or_are_left_out():
    from revcop.model import Document, Kind, Meta, Paragraph, Part, PartKind, Span

    doc = Document(Meta(), (Part(PartKind.TEXT, (Paragraph(Kind.TEXT, (Span("one\vtwo\x07three"),)),)),))
    html = write_html(doc)
    assert "one<br/>twothree" in html
    parse(html)
