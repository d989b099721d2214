"""The .docx writer: house style, marks as underline/strike or as Word revisions, notes, template.

LibreOffice checks (one soffice for the module, driven over UNO by tests/tools/uno_batch.py with
/usr/bin/python3): the files open; accept-all of a tracked document gives the accepted view and
reject-all the original view; the consolidated sample converts to PDF with the expected text.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tests.conftest import SAMPLE_DIR
from revcop.model import (
    Change, Document, Kind, Label, LabelKind, Meta, Note, Paragraph, Part, PartKind, Span,
)
from revcop.ooxml.names import W_NS
from revcop.writers.docx import write_docx

W = {"w": W_NS}
DATE = "2026-03-29T12:00:00Z"
SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"
TOOLS = Path(__file__).resolve().parent / "tools"

I, D, U = Change.INSERTED, Change.DELETED, Change.UNCHANGED


def op(n: int, *spans: Span, label_change: Change = U) -> Paragraph:
    label = Label(LabelKind.NUMBER, n)
    return Paragraph(Kind.OPERATIVE, tuple(spans), label=label, old_label=label,
                     label_spans=(Span(f"{n}.", label_change),))


def amended_document() -> Document:
    """Inserted and deleted words, a wholly inserted and a wholly deleted paragraph, a move, a note."""
    note = Note("1", (Span("A footnote of the test."),))
    paragraphs = (
        Paragraph(Kind.TITLE, (Span("Resolution 1.1"),)),
        Paragraph(Kind.TITLE, (Span("TEST MARKS"),)),
        Paragraph(Kind.PREAMBLE, (Span("Recalling the "), Span("old ", D), Span("new ", I), Span("text,"),
                                  Span("1", note=note))),
        Paragraph(Kind.ENACTING, (Span("The Conference of the Parties\nto the Convention"),)),
        op(1, Span("Urges Parties to act;")),
        op(2, Span("Notes the moved paragraph;", D, move="m1"), label_change=D),
        op(3, Span("Requests the Secretariat to report;", I), label_change=I),
        op(4, Span("Decides something deleted;", D), label_change=D),
        op(5, Span("Calls on Parties to "), Span("swiftly ", I), Span("act "), Span("now", D), Span(".")),
        op(6, Span("Notes the moved paragraph;", I, move="m1"), label_change=I),
        op(7, Span("Ends here.")),
    )
    meta = Meta(instrument="Resolution 1.1", convention="CMS", title="TEST MARKS")
    return Document(meta, (Part(PartKind.RESOLUTION, paragraphs),))


# LibreOffice reads a footnote anchor as its number ("text,1").
ACCEPTED = [
    "Resolution 1.1", "TEST MARKS", "Recalling the new text,1",
    "The Conference of the Parties\nto the Convention",
    "1.\tUrges Parties to act;", "3.\tRequests the Secretariat to report;",
    "5.\tCalls on Parties to swiftly act .", "6.\tNotes the moved paragraph;", "7.\tEnds here.",
]
REJECTED = [
    "Resolution 1.1", "TEST MARKS", "Recalling the old text,1",
    "The Conference of the Parties\nto the Convention",
    "1.\tUrges Parties to act;", "2.\tNotes the moved paragraph;", "4.\tDecides something deleted;",
    "5.\tCalls on Parties to act now.", "7.\tEnds here.",
]


def parts(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: etree.fromstring(z.read(n)) for n in z.namelist() if n.endswith((".xml", ".rels"))}


def body_text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(f"{{{W_NS}}}t", f"{{{W_NS}}}delText"))


# -- the XML written ----------------------------------------------------------------------------

def test_tracked_marks_are_word_revisions_with_unique_ids():
    xml = parts(write_docx(amended_document(), marks="tracked", author="Legal Officer", date=DATE))
    doc = xml["word/document.xml"]
    ins = doc.findall(".//w:ins", W)
    dels = doc.findall(".//w:del", W)
    assert ins and dels
    for el in ins + dels + doc.findall(".//w:moveFrom", W) + doc.findall(".//w:moveTo", W):
        assert el.get(f"{{{W_NS}}}author") == "Legal Officer"
        assert el.get(f"{{{W_NS}}}date") == DATE
    ids = [el.get(f"{{{W_NS}}}id") for el in doc.iter() if el.get(f"{{{W_NS}}}id") is not None
           and etree.QName(el).localname not in ("footnoteReference", "endnoteReference")
           and not etree.QName(el).localname.endswith("RangeEnd")]
    assert len(ids) == len(set(ids))
    assert [t.text for t in doc.findall(".//w:del//w:delText", W)][:2] == ["old ", "2."]
    assert [t.text for t in doc.findall(".//w:ins//w:t", W)][0] == "new "
    # no underline or strike formatting in tracked mode
    assert not doc.findall(".//w:u", W) and not doc.findall(".//w:strike", W)


def test_tracked_paragraph_marks_and_moves():
    doc = parts(write_docx(amended_document(), marks="tracked", date=DATE))["word/document.xml"]
    paras = doc.findall(".//w:body/w:p", W)
    marks = {body_text(p): ("ins" if p.find("w:pPr/w:rPr/w:ins", W) is not None else
                            "del" if p.find("w:pPr/w:rPr/w:del", W) is not None else "")
             for p in paras}
    assert marks["3.Requests the Secretariat to report;"] == "ins"
    assert marks["4.Decides something deleted;"] == "del"
    assert marks["1.Urges Parties to act;"] == ""
    assert marks["5.Calls on Parties to swiftly act now."] == ""
    start_from = doc.find(".//w:moveFromRangeStart", W)
    start_to = doc.find(".//w:moveToRangeStart", W)
    name = f"{{{W_NS}}}name"
    assert start_from.get(name) == start_to.get(name) == "revcopMove1"
    end_from = doc.find(".//w:moveFromRangeEnd", W)
    assert end_from.get(f"{{{W_NS}}}id") == start_from.get(f"{{{W_NS}}}id")
    assert "".join(t.text for t in doc.findall(".//w:moveFrom//w:t", W)) == "Notes the moved paragraph;"
    assert "".join(t.text for t in doc.findall(".//w:moveTo//w:t", W)) == "Notes the moved paragraph;"


def test_underline_marks_are_run_formatting():
    doc = parts(write_docx(amended_document(), date=DATE))["word/document.xml"]
    underlined = [body_text(r) for r in doc.iter(f"{{{W_NS}}}r") if r.find("w:rPr/w:u", W) is not None]
    struck = [body_text(r) for r in doc.iter(f"{{{W_NS}}}r") if r.find("w:rPr/w:strike", W) is not None]
    assert "new " in underlined and "3." in underlined and "swiftly " in underlined
    assert "old " in struck and "4." in struck and "now" in struck
    assert not doc.findall(".//w:ins", W) and not doc.findall(".//w:del", W)


def test_house_style_paragraphs_labels_italics_and_breaks():
    doc = parts(write_docx(amended_document()))["word/document.xml"]
    paras = doc.findall(".//w:body/w:p", W)
    styles = [p.find("w:pPr/w:pStyle", W).get(f"{{{W_NS}}}val") for p in paras]
    assert styles[:4] == ["RevcopDesignation", "RevcopTitle", "RevcopPreamble", "RevcopEnacting"]
    enacting = paras[3]
    assert enacting.find(".//w:br", W) is not None
    italic = [body_text(r) for r in doc.iter(f"{{{W_NS}}}r") if r.find("w:rPr/w:i", W) is not None]
    assert italic[:4] == ["Recalling", "Urges", "Notes", "Requests"]
    assert "Calls on" in italic
    operative = paras[4]
    runs = operative.findall("w:r", W)
    assert body_text(runs[0]) == "1." and runs[1].find("w:tab", W) is not None


def test_footnote_is_a_real_footnote():
    xml = parts(write_docx(amended_document()))
    ref = xml["word/document.xml"].find(".//w:footnoteReference", W)
    assert ref is not None
    notes = xml["word/footnotes.xml"].findall("w:footnote", W)
    note = [n for n in notes if n.get(f"{{{W_NS}}}id") == ref.get(f"{{{W_NS}}}id")]
    assert body_text(note[0]).strip() == "A footnote of the test."


def test_published_text_gets_the_cms_masthead():
    from revcop.consolidation import view

    published = view(amended_document(), accept=True).value
    doc = parts(write_docx(published))["word/document.xml"]
    paras = doc.findall(".//w:body/w:p", W)
    styles = [p.find("w:pPr/w:pStyle", W).get(f"{{{W_NS}}}val") for p in paras]
    assert styles[:5] == ["RevcopMastheadConvention", "RevcopMasthead", "RevcopMasthead", "RevcopMastheadLast",
                          "RevcopDesignation"]
    assert [body_text(p) for p in paras[:4]] == [
        "CONVENTION ON MIGRATORY SPECIES", "Distribution: General", "UNEP/CMS/Resolution 1.1", "Original: English"]


def test_page_setup_header_footer_and_font():
    xml = parts(write_docx(amended_document()))
    sect = xml["word/document.xml"].find(".//w:body/w:sectPr", W)
    size = sect.find("w:pgSz", W)
    assert (size.get(f"{{{W_NS}}}w"), size.get(f"{{{W_NS}}}h")) == ("11906", "16838")  # A4
    assert body_text(xml["word/header1.xml"]) == "Resolution 1.1"
    assert xml["word/footer1.xml"].find(".//w:instrText", W).text.strip() == "PAGE"
    defaults = xml["word/styles.xml"].find(".//w:docDefaults/w:rPrDefault/w:rPr", W)
    assert defaults.find("w:rFonts", W).get(f"{{{W_NS}}}ascii") == "Arial"
    assert defaults.find("w:sz", W).get(f"{{{W_NS}}}val") == "22"


def test_user_template_gives_styles_and_page_setup(tmp_path):
    import docx

    template = tmp_path / "mine.docx"
    made = docx.Document()
    made.sections[0].page_width = docx.shared.Twips(12240)
    made.save(template)
    xml = parts(write_docx(amended_document(), template=template))
    ids = {s.get(f"{{{W_NS}}}styleId") for s in xml["word/styles.xml"].iter(f"{{{W_NS}}}style")}
    assert "Heading1" in ids  # the template's own styles
    assert "RevcopOperative" in ids  # house styles it lacks are added
    size = xml["word/document.xml"].find(".//w:sectPr/w:pgSz", W)
    assert size.get(f"{{{W_NS}}}w") == "12240"


def test_bad_template_is_a_one_line_error(tmp_path):
    from revcop.errors import InputError

    bad = tmp_path / "bad.docx"
    bad.write_text("not a zip")
    with pytest.raises(InputError, match="bad.docx"):
        write_docx(amended_document(), template=bad)


def test_parts_written_follow_the_part_option():
    from revcop.consolidation import consolidate
    from revcop.readers import read_document

    doc = consolidate(read_document(str(SAMPLE)).value).value
    decisions = parts(write_docx(doc, part="decisions"))["word/document.xml"]
    text = "\n".join(body_text(p) for p in decisions.findall(".//w:body/w:p", W))
    assert "15.AA" in text and "Urges Parties" not in text
    resolution = parts(write_docx(doc))["word/document.xml"]
    text = "\n".join(body_text(p) for p in resolution.findall(".//w:body/w:p", W))
    assert "15.AA" not in text and "Urges Parties" in text


# -- LibreOffice --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def office(soffice, tmp_path_factory):
    """Write the test files, run one LibreOffice batch over them, return {name: result}."""
    from revcop.consolidation import consolidate
    from revcop.readers import read_document

    root = tmp_path_factory.mktemp("docx-lo")
    consolidated = consolidate(read_document(str(SAMPLE)).value).value
    files = {
        "tracked": write_docx(amended_document(), marks="tracked", date=DATE),
        "underline": write_docx(amended_document()),
        "sample": write_docx(consolidated),
    }
    for name, data in files.items():
        (root / f"{name}.docx").write_bytes(data)
    jobs = [{"path": str(root / "tracked.docx"), "action": "accept"},
            {"path": str(root / "tracked.docx"), "action": "reject"},
            {"path": str(root / "underline.docx"), "action": "open"},
            {"path": str(root / "sample.docx"), "action": "open"}]
    (root / "jobs.json").write_text(json.dumps(jobs))
    run = subprocess.run(["/usr/bin/python3", str(TOOLS / "uno_batch.py"), soffice, str(root / "profile"),
                          str(root / "jobs.json")], capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr
    accepted, rejected, underline, sample = json.loads(run.stdout)
    subprocess.run([soffice, f"-env:UserInstallation=file://{root / 'profile2'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(root), str(root / "sample.docx")],
                   capture_output=True, timeout=180, check=True)
    pdf = subprocess.run(["pdftotext", "-layout", str(root / "sample.pdf"), "-"], capture_output=True, text=True,
                         check=True).stdout
    return {"accepted": accepted, "rejected": rejected, "underline": underline, "sample": sample, "pdf": pdf}


MASTHEAD: list[str] = []  # a document with marks is an amendment annex: no resolution masthead


@pytest.mark.libreoffice
def test_libreoffice_accept_all_gives_the_accepted_view(office):
    assert office["accepted"]["paragraphs"] == MASTHEAD + ACCEPTED
    assert office["accepted"]["redlines"] == 0


@pytest.mark.libreoffice
def test_libreoffice_reject_all_gives_the_original_view(office):
    assert office["rejected"]["paragraphs"] == MASTHEAD + REJECTED
    assert office["rejected"]["redlines"] == 0


@pytest.mark.libreoffice
def test_libreoffice_reads_underline_document_and_its_footnote(office):
    paragraphs = office["underline"]["paragraphs"]
    assert paragraphs[len(MASTHEAD) + 2] == "Recalling the old new text,1"
    assert office["underline"]["footnotes"] == [" A footnote of the test."]  # Word's space after the mark
    assert office["underline"]["redlines"] == 0


@pytest.mark.libreoffice
def test_consolidated_sample_opens_with_33_operative_paragraphs(office):
    paragraphs = office["sample"]["paragraphs"]
    assert paragraphs[6].startswith("Adopted by the Conference of the Parties at its 14th Meeting")
    labels = [int(m.group(1)) for p in paragraphs if (m := re.match(r"(\d+)\.\t[A-Z]", p))]
    assert labels == list(range(1, 34))
    assert paragraphs[:4] == ["CONVENTION ON MIGRATORY SPECIES", "Distribution: General",
                              "UNEP/CMS/Resolution 14.16 (Rev.COP15)", "Original: English"]


@pytest.mark.libreoffice
def test_consolidated_sample_pdf_text(office):
    pdf = office["pdf"]
    lines = [line.strip() for line in pdf.splitlines()]
    for line in ("CONVENTION ON MIGRATORY SPECIES", "Distribution: General",
                 "UNEP/CMS/Resolution 14.16 (Rev.COP15)", "Original: English", "Resolution 14.16 (Rev.COP15)",
                 "ECOLOGICAL CONNECTIVITY"):
        assert line in lines
    flat = " ".join(pdf.split())
    adoption = flat.find("Adopted by the Conference of the Parties at its 14th Meeting (Samarkand, February 2024) "
                         "and amended at its 15th Meeting (Campo Grande, March 2026)")
    assert flat.find("ECOLOGICAL CONNECTIVITY") < adoption < flat.find("Recalling Resolutions 10.3")
    operative = [int(m.group(1)) for line in lines if (m := re.match(r"(\d+)\.\s+[A-Z][a-z]", line))]
    assert operative == list(range(1, 34))
    assert not re.search(r"\bbis\b", pdf)
    assert "crossed out" not in pdf and "underlined" not in pdf and "PROPOSED AMENDMENTS" not in pdf


def test_control_characters_become_breaks_or_are_left_out():
    doc = Document(Meta(), (Part(PartKind.TEXT, (
        Paragraph(Kind.TEXT, (Span("one\vtwo\r\nthree\fnext\x07end\x01"),)),)),))
    p = parts(write_docx(doc))["word/document.xml"].find(".//w:body/w:p", W)
    run = p.find("w:r", W)
    shape = [(etree.QName(el).localname, el.text if el.text else el.get(f"{{{W_NS}}}type"))
             for el in run if etree.QName(el).localname != "rPr"]
    assert shape == [("t", "one"), ("br", None), ("t", "two"), ("br", None), ("t", "three"), ("br", "page"),
                     ("t", "nextend")]


def test_markup_characters_in_text_author_and_styles_read_back_exactly():
    # Paragraphs and runs are written as XML text: whatever the text holds must parse back as written.
    text = 'A & B <c> "d" \'e\' ]]> &amp; \u00a0\u2014\U0001F600'
    note = Note("*<&>", (Span("note & <text>"),))
    doc = Document(Meta(), (Part(PartKind.TEXT, (
        Paragraph(Kind.TEXT, (Span(text), Span(" gone <&>", D), Span("*<&>", note=note)), style='Body "&" <1>'),
    )),))
    author = 'O\'Brien & "Sons" <legal>\tteam'
    xml = parts(write_docx(doc, marks="tracked", author=author, date=DATE))
    p = xml["word/document.xml"].find(".//w:body/w:p", W)
    assert body_text(p) == text + " gone <&>*<&>"
    assert {el.get(f"{{{W_NS}}}author") for el in p.iter(f"{{{W_NS}}}del")} == {author}
    assert xml["word/footnotes.xml"].findall(".//w:footnote", W)[-1].xpath("string(.)") == "*<&> note & <text>"
    with pytest.raises(ValueError, match="XML compatible"):
        write_docx(doc, marks="tracked", author="bad\x01")


def test_empty_document_still_has_a_paragraph():
    doc = parts(write_docx(Document(Meta(), ())))["word/document.xml"]
    assert len(doc.findall(".//w:body/w:p", W)) == 1


def test_default_revision_date_is_now_in_utc():
    from datetime import datetime, timezone

    doc = parts(write_docx(amended_document(), marks="tracked"))["word/document.xml"]
    stamp = doc.find(".//w:ins", W).get(f"{{{W_NS}}}date")
    written = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    assert abs((datetime.now(timezone.utc) - written).total_seconds()) < 60


def test_unknown_marks_value_is_refused():
    with pytest.raises(ValueError, match="marks"):
        write_docx(amended_document(), marks="bold")


def test_source_styles_keep_the_paragraph_style_by_name_or_id(tmp_path):
    from tests.docx_parts import pack

    source = tmp_path / "source.docx"
    source.write_bytes(pack("<w:p/>", styles=(
        '<w:style w:type="paragraph" w:styleId="Body1"><w:name w:val="Body Text One"/>'
        '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong Words"/></w:style>')))
    doc = Document(Meta(), (Part(PartKind.TEXT, (
        Paragraph(Kind.TEXT, (Span("by name"),), style="Body Text One"),
        Paragraph(Kind.TEXT, (Span("by id"),), style="Body1"),
        Paragraph(Kind.PREAMBLE, (Span("a character style is no paragraph style"),), style="Strong Words"),
        Paragraph(Kind.PREAMBLE, (Span("unknown to the source"),), style="Missing"),
        Paragraph(Kind.PREAMBLE, (Span("made by revcop"),)),
    )),))
    xml = parts(write_docx(doc, template=source, source_styles=True))
    used = [p.find("w:pPr/w:pStyle", W).get(f"{{{W_NS}}}val") for p in xml["word/document.xml"].iter(f"{{{W_NS}}}p")]
    assert used == ["Body1", "Body1", "RevcopPreamble", "RevcopPreamble", "RevcopPreamble"]
    styles = xml["word/styles.xml"]
    assert styles.find(".//w:numPr", W) is None  # the numbering part is not written: no dangling numbers
    assert styles.find("w:style[@w:styleId='RevcopPreamble']", W) is not None
    # Without source_styles the same template gives the house styles only.
    plain = parts(write_docx(doc, template=source))["word/document.xml"]
    assert plain.find(".//w:pStyle", W).get(f"{{{W_NS}}}val") == "Normal"
    with pytest.raises(ValueError, match="source_styles needs"):
        write_docx(doc, source_styles=True)


def test_control_characters_in_text_become_word_breaks_tabs_or_nothing():
    from revcop.writers.docx import _text

    run: list[str] = []
    _text(run, "a\tb\r\nc\x01d\fe\vf\ufffeg\rh&<i>\n", "t")
    t = '<w:t xml:space="preserve">{}</w:t>'.format
    assert run == [t("a"), "<w:tab/>", t("b"), "<w:br/>", t("cd"), '<w:br w:type="page"/>', t("e"), "<w:br/>",
                   t("fg"), "<w:br/>", t("h&amp;&lt;i&gt;"), "<w:br/>"]
    run = []
    _text(run, "\x02", "delText")
    assert run == []


def _zip_of(chunks, write):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open(zipfile.ZipInfo("word/document.xml", date_time=(1980, 1, 1, 0, 0, 0)), "w") as part:
            write(part, iter(chunks))
    return buffer.getvalue()


def test_the_body_written_beside_is_the_body_written_in_turn():
    """The second thread gives the part the same bytes as writing each chunk in turn."""
    from revcop.writers.docx import _write_beside

    chunks = [(f"<w:p><w:r><w:t>{i} {'words ' * (i % 97)}</w:t></w:r></w:p>" * 50).encode() for i in range(300)]

    def in_turn(part, chunks):
        for chunk in chunks:
            part.write(chunk)

    written = _zip_of(chunks, _write_beside)
    assert written == _zip_of(chunks, in_turn)
    assert zipfile.ZipFile(io.BytesIO(written)).read("word/document.xml") == b"".join(chunks)


def test_an_error_in_either_thread_reaches_the_caller():
    from revcop.writers.docx import _write_beside

    class Full(io.BytesIO):
        def write(self, data):
            if self.tell() > 100:
                raise OSError(28, "No space left on device")
            return super().write(data)

    with pytest.raises(OSError, match="No space left"):
        _write_beside(Full(), iter([b"x" * 80] * 1000))

    def failing():
        yield b"<w:p/>"
        raise ValueError("All strings must be XML compatible")

    with pytest.raises(ValueError, match="XML compatible"):
        _write_beside(io.BytesIO(), failing())


def test_the_switch_interval_is_short_while_the_body_is_written_and_restored_after():
    """The writing thread gets the interpreter's lock back quickly while the body is written; the
    interval the program had is restored afterwards, an error or not."""
    import sys

    from revcop.writers.docx import _SWITCH_INTERVAL, _write_beside

    seen = []

    def chunks():
        seen.append(sys.getswitchinterval())
        yield b"<w:p/>"

    before = sys.getswitchinterval()
    assert before > _SWITCH_INTERVAL  # the interpreter's default, 5 ms
    _write_beside(io.BytesIO(), chunks())
    assert seen == [_SWITCH_INTERVAL]
    assert sys.getswitchinterval() == before

    def failing():
        yield b"<w:p/>"
        raise ValueError("All strings must be XML compatible")

    with pytest.raises(ValueError):
        _write_beside(io.BytesIO(), failing())
    assert sys.getswitchinterval() == before


def test_two_bodies_written_at_once_restore_the_interval_when_both_are_done():
    """The desk may write two annexes at once, in two threads: the interval is the short one until the
    last of them is done, then the program's own again (not the short one the second found)."""
    import sys

    from revcop.writers.docx import _SWITCH_INTERVAL, _short_switch_interval

    before = sys.getswitchinterval()
    first, second = _short_switch_interval(), _short_switch_interval()
    first.__enter__()
    second.__enter__()  # begins while the first is still writing
    first.__exit__(None, None, None)
    assert sys.getswitchinterval() == _SWITCH_INTERVAL  # the second still writes
    second.__exit__(None, None, None)
    assert sys.getswitchinterval() == before


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["a", "b c", "&", "<", ">", "\t", "\r", "\n", "\r\n", "\v", "\f", "\x01", "\x1f",
                                 "\ufffe", "\u00a0", "é"]), max_size=12))
def test_text_is_written_as_cut_at_every_control_character(pieces):
    # _text's quick paths (no control character; cut at the tabs first) write what the general path writes.
    from revcop.writers.docx import _cut_text, _text

    text = "".join(pieces)
    for tag in ("t", "delText"):
        quick: list[str] = []
        general: list[str] = []
        _text(quick, text, tag)
        _cut_text(general, text, tag)
        assert quick == general
