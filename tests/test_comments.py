"""Word comments are kept beside the paragraph they mark: in the model, the JSON, the report, .docx
outputs and the diff annex; every output says how many it kept or dropped (issue 17 item 4)."""

import json
import subprocess
import zipfile

import pytest
from click.testing import CliRunner
from lxml import etree

from revcop import consolidation as c
from revcop import serialize
from revcop.cli import cli
from revcop.model import Comment
from revcop.readers import read_document
from tests.conftest import DOCX_PUBLIC, SAMPLE_DIR
from tests.docx_parts import HEAD, NS, pack, p, r

RICH = DOCX_PUBLIC / "docxreview__test_review_rich.docx"
PLAIN = DOCX_PUBLIC / "Open-Xml-PowerTools__WC002-Unmodified.docx"
EXPECTED = [
    ("paragraph 1", Comment("1", "Should we also mention secondary endpoints?", "Max Mustermann", "MM",
                            "2024-01-15T10:30:00Z", "overall survival")),
    ("paragraph 2", Comment("10", "Bitte prüfen: exakte Zahl?", "Anna Beispiel", "AB", "2024-01-16T14:00:00Z",
                            "200 patients")),
    ("paragraph 4", Comment("11", "Please clarify which results.", "Max Mustermann", "MM", "2024-01-15T12:00:00Z",
                            "results")),
]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def placed(doc):
    return [(p.source, comment) for p in doc.walk() for comment in p.comments]


@pytest.mark.corpus  # reads ../shared/corpus: skipped, saying why, where it is absent (CI fails instead)
def test_the_three_comments_of_a_real_document_are_read_beside_their_paragraphs():
    read = read_document(RICH)
    assert placed(read.value) == EXPECTED
    assert not [m for m in read.messages if "comment" in m.text.lower()]


@pytest.mark.corpus  # reads ../shared/corpus: skipped, saying why, where it is absent (CI fails instead)
def test_comments_are_in_the_json_model_and_read_back(tmp_path):
    out = tmp_path / "rich.json"
    assert run("parse", RICH, "--format", "json", "-o", out).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    paragraphs = [p for part in data["parts"] for p in part["paragraphs"]]
    assert paragraphs[1]["comments"] == [{"id": "10", "author": "Anna Beispiel", "initials": "AB",
                                          "date": "2024-01-16T14:00:00Z", "anchor": "200 patients",
                                          "text": "Bitte prüfen: exakte Zahl?"}]
    assert [("comments" in p) for p in paragraphs] == [True, True, False, True, False, False]
    assert placed(serialize.from_data(data)) == EXPECTED
    assert placed(read_document(out).value) == EXPECTED


def test_a_document_without_comments_has_no_comments_key_and_no_message():
    data = serialize.to_data(read_document(SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.docx").value)
    assert "comments" not in json.dumps(data)
    result = run("consolidate", SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.docx", "-o", "-")
    assert result.exit_code == 0 and "comment" not in result.stderr.lower()


@pytest.mark.parametrize("fmt, line", [
    ("txt", "3 Word comments dropped: the txt output cannot hold comments (json and docx keep them)"),
    ("md", "3 Word comments dropped: the md output cannot hold comments (json and docx keep them)"),
    ("akn", "3 Word comments dropped: the akn output cannot hold comments (json and docx keep them)"),
    ("html", "3 Word comments dropped: the html output cannot hold comments (json and docx keep them)"),
    ("json", "3 Word comments kept in the json output"),
    ("docx", "3 Word comments kept in the docx output"),
])
@pytest.mark.corpus  # reads ../shared/corpus: skipped, saying why, where it is absent (CI fails instead)
def test_each_output_says_how_many_comments_it_kept_or_dropped(tmp_path, fmt, line):
    result = run("consolidate", RICH, "--format", fmt, "-o", tmp_path / "out")
    assert result.exit_code == 0
    assert f"{RICH}: {line}\n" in result.stderr


@pytest.mark.corpus  # reads ../shared/corpus: skipped, saying why, where it is absent (CI fails instead)
def test_report_shows_each_comment_beside_its_paragraph(tmp_path):
    html = tmp_path / "r.html"
    result = run("report", RICH, "-o", html)
    assert result.exit_code == 0 and "3 Word comments kept in the html output" in result.stderr
    text = html.read_text(encoding="utf-8")
    article = text[text.index("The sample size was"):]
    article = article[: article.index("</article>")]
    assert ("Comment by Anna Beispiel, 2024-01-16</span> on “200 patients”: Bitte prüfen: exakte Zahl?"
            in article)
    assert text.count('<p class="comment"') == 3
    data = json.loads(run("report", RICH, "--format", "json", "-o", "-", "-q").stdout)
    assert [[c["text"] for c in e.get("comments", [])] for e in data["paragraphs"]] == [
        ["Should we also mention secondary endpoints?"], ["Bitte prüfen: exakte Zahl?"], [],
        ["Please clarify which results."], [], []]
    md = run("report", RICH, "--format", "md", "-o", "-")
    assert "3 Word comments dropped: the md output cannot hold comments (html and json keep them)" in md.stderr


def _docx_comments(path):
    """(comment text, text of the paragraph it is anchored in) as revcop wrote them."""
    with zipfile.ZipFile(path) as z:
        comments = etree.fromstring(z.read("word/comments.xml"))
        document = etree.fromstring(z.read("word/document.xml"))
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert "/word/comments.xml" in types and 'Target="comments.xml"' in rels
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    texts = {el.get(w + "id"): ("".join(el.itertext()), el.get(w + "author")) for el in comments.iter(w + "comment")}
    out = []
    for para in document.iter(w + "p"):
        for start in para.iter(w + "commentRangeStart"):
            assert para.find(f".//{w}commentReference[@{w}id='{start.get(w + 'id')}']") is not None
            out.append((*texts[start.get(w + "id")], "".join(t.text or "" for t in para.iter(w + "t"))))
    return out


@pytest.mark.corpus  # reads ../shared/corpus: skipped, saying why, where it is absent (CI fails instead)
def test_the_annex_and_the_consolidated_docx_carry_the_comments(tmp_path):
    annex = tmp_path / "annex.docx"
    result = run("diff", PLAIN, RICH, "-o", annex)
    assert result.exit_code == 0 and "3 Word comments kept in the docx output" in result.stderr
    written = _docx_comments(annex)
    assert [(t, a) for t, a, _ in written] == [(e.text, e.author) for _, e in EXPECTED]
    assert written[1][2] == "The sample size was 200 patients."  # NEW consolidated: its tracked deletion accepted
    consolidated = tmp_path / "c.docx"
    assert run("consolidate", RICH, "-o", consolidated).exit_code == 0
    assert [(t, para) for t, _, para in _docx_comments(consolidated)] == [
        ("Should we also mention secondary endpoints?",
         "In this study, the primary endpoint was overall survival, measured from randomization."),
        ("Bitte prüfen: exakte Zahl?", "The sample size was 200 patients."),
        ("Please clarify which results.", "The new results were confirmed.")]
    assert "3 Word comments dropped: the md output cannot hold comments (docx keeps them)" in \
        run("diff", PLAIN, RICH, "-o", tmp_path / "annex.md").stderr


@pytest.mark.corpus  # reads ../shared/corpus: skipped, saying why, where it is absent (CI fails instead)
@pytest.mark.libreoffice
def test_libreoffice_reads_the_comments_of_the_annex(tmp_path, soffice):
    """LibreOffice opens the annex and finds each comment in its paragraph (converted to .odt:
    LibreOffice 7.4 loading a document with comments over UNO, as tests/tools/uno_batch.py does,
    returns no document)."""
    annex = tmp_path / "annex.docx"
    assert run("diff", PLAIN, RICH, "-o", annex, "-q").exit_code == 0
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "odt", "--outdir", str(tmp_path), str(annex)],
                   capture_output=True, timeout=180, check=True)
    with zipfile.ZipFile(tmp_path / "annex.odt") as z:
        content = etree.fromstring(z.read("content.xml"))
    office = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
    text = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
    found = []
    for note in content.iter(office + "annotation"):
        para = note.getparent()
        while para.tag not in (text + "p", text + "h"):
            para = para.getparent()
        own = "".join(x for node in para.xpath("node()") if node is not note
                      for x in ([node] if isinstance(node, str) else node.itertext()))
        found.append((note.findtext("{http://purl.org/dc/elements/1.1/}creator"),
                      "".join(t.xpath("string()") for t in note.findall(text + "p")), own))
    assert [(a, t) for a, t, _ in found] == [(e.author, e.text) for _, e in EXPECTED]
    assert "The sample size was" in found[1][2] and "200 patients" in found[1][2]
    assert "primary endpoint" in found[0][2] and "results" in found[2][2]


# -- comments on paragraphs a view drops, and comments revcop cannot place --------------------------

W_COMMENTS = (f'{HEAD}<w:comments {NS}>'
              '<w:comment w:id="7" w:author="Party A" w:date="2026-03-01T09:00:00Z"><w:p><w:r>'
              '<w:t>We reserve our position on this deletion.</w:t></w:r></w:p></w:comment>'
              '<w:comment w:id="8" w:author="Party B"><w:p><w:r><w:t>Orphan remark.</w:t></w:r></w:p></w:comment>'
              '</w:comments>')


def test_a_comment_on_a_deleted_paragraph_is_named_when_the_consolidated_text_drops_it(tmp_path):
    body = "".join([
        p(r("PROPOSED AMENDMENTS TO RESOLUTION 12.3")), p(r("TEST TITLE")),
        p(r("NB: Proposed new text is underlined. Text to be deleted is crossed out.")),
        p(r("The Conference of the Parties")), p(r("1.\tUrges Parties;")),
        p('<w:commentRangeStart w:id="7"/>' + r("2.\tRequests the Secretariat to act;", "<w:strike/>")
          + '<w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r>'),
        p(r("3.\tDecides.")),
    ])
    path = tmp_path / "commented.docx"
    path.write_bytes(pack(body, extra={"word/comments.xml": W_COMMENTS.encode()}))
    read = read_document(path)
    assert [m.text for m in read.messages if "comment" in m.text] == [
        "Word comment 8 by Party B is not anchored in the document: not kept ('Orphan remark.')"]
    assert [(s, x.text) for s, x in placed(read.value)] == [("paragraph 6", "We reserve our position on this deletion.")]
    result = c.consolidate(read.value, meeting="COP15")
    assert placed(result.value) == []
    assert [(m.where, m.text) for m in result.messages if "Word comment" in m.text] == [(
        "paragraph 6", "Word comment 7 by Party A is dropped with paragraph 2, which the consolidated text does "
                       "not have: 'We reserve our position on this deletion.'")]
    assert placed(c.original(read.value).value)[0][1].author == "Party A"
    cli = run("consolidate", path, "-o", "-")
    assert "Word comment 7 by Party A is dropped with paragraph 2" in cli.stderr
    assert "Word comment 8 by Party B is not anchored in the document: not kept" in cli.stderr
