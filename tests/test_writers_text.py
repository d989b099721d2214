"""The Markdown output renders as meant: every paragraph of the text output survives a CommonMark parse
as one paragraph or heading with the same text (labels are not turned into lists, nothing into emphasis)."""

from __future__ import annotations

from lxml import html as lxml_html
from markdown_it import MarkdownIt

from revcop.writers import render
from tests.conftest import SAMPLE_DIR

SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"


def _consolidated():
    from revcop.consolidation import consolidate
    from revcop.readers import read_document

    return consolidate(read_document(str(SAMPLE)).value).value


def test_markdown_paragraphs_survive_a_commonmark_parse():
    doc = _consolidated()
    txt = render(doc, "txt").rstrip("\n").split("\n\n")
    page = lxml_html.fromstring("<div>" + MarkdownIt("commonmark").render(render(doc, "md")) + "</div>")
    blocks = [(el.tag, el.text_content()) for el in page]
    assert [text for _, text in blocks] == txt
    assert [tag for tag, _ in blocks[:3]] == ["h1", "h1", "p"]
    assert blocks[2][1].startswith("Adopted by the Conference of the Parties at its 14th Meeting")
    assert not page.findall(".//ol") and not page.findall(".//em") and not page.findall(".//strong")
    assert sum(text.startswith(f"{n}. ") for n in range(1, 34) for _, text in blocks) == 33
