"""CLI: consolidate/original written as docx and html, and the publishing options."""

from __future__ import annotations

import io
import zipfile

import pytest
from click.testing import CliRunner

from revcop.cli import cli
from tests.conftest import SAMPLE_DIR

SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"
ADOPTED = "Adopted by the Conference of the Parties at its 14th Meeting (Samarkand, February 2024)"
AMENDED = " and amended at its 15th Meeting (Campo Grande, March 2026)"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def docx_text(path) -> str:
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return "\n".join("".join(t.text or "" for t in p.iter(ns + "t")) for p in root.iter(ns + "p"))


def test_consolidate_docx_inferred_from_the_output_name(tmp_path):
    out = tmp_path / "r.docx"
    result = run("consolidate", SAMPLE, "-o", out, "-q")
    assert result.exit_code == 0, result.output
    text = docx_text(out)
    assert "UNEP/CMS/Resolution 14.16 (Rev.COP15)" in text and ADOPTED + AMENDED in text
    assert "33.Repeals:" in text and "34." not in text


def test_original_docx_and_html(tmp_path):
    out = tmp_path / "o.docx"
    assert run("original", SAMPLE, "-o", out, "-q").exit_code == 0
    text = docx_text(out)
    assert "UNEP/CMS/Resolution 14.16\n" in text and ADOPTED + "\n" in text and AMENDED not in text
    html = run("original", SAMPLE, "--format", "html", "-o", "-", "-q").stdout
    assert f'<p class="adoption depth-0 status-unchanged">{ADOPTED}</p>' in html


def test_html_to_standard_output():
    result = run("consolidate", SAMPLE, "--format", "html", "-o", "-", "-q")
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>") and "<title>Resolution 14.16 (Rev.COP15)</title>" in result.stdout


def test_default_output_name_for_docx_and_part(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("consolidate", SAMPLE, "--format", "docx", "-q").exit_code == 0
    assert (tmp_path / "output" / "UNEP-CMS-COP15-Doc.28.2-Rev.COP15.docx").is_file()
    assert run("consolidate", SAMPLE, "--part", "decisions", "-q").exit_code == 0
    assert (tmp_path / "output" / "UNEP-CMS-COP15-Doc.28.2-Rev.COP15-decisions.txt").is_file()


def test_part_decisions_and_decision_numbers():
    result = run("consolidate", SAMPLE, "--part", "decisions", "--decision-number", "15.AA=15.123",
                 "--decision-number", "15.BB=15.124", "-o", "-")
    assert result.exit_code == 0
    out = result.stdout
    assert "15.123 The Scientific Council is requested" in out and "15.124 The Secretariat shall" in out
    assert "implementation of Decision 15.124; and" in out
    assert "15.AA" not in out and "15.BB" not in out and "Urges Parties" not in out
    assert "has no number" not in result.stderr


def test_decision_number_warnings():
    result = run("consolidate", SAMPLE, "--part", "decisions", "--decision-number", "15.AA=15.123",
                 "--decision-number", "15.ZZ=15.9", "--format", "html", "-o", "-")
    assert result.exit_code == 0
    assert "draft decision 15.BB has no number; give --decision-number 15.BB=NUMBER" in result.stderr
    assert "--decision-number 15.ZZ=15.9: 15.ZZ is not cited in the document" in result.stderr
    assert '<span class="label">15.123</span>' in result.stdout


def test_decision_number_applies_in_every_part_of_docx(tmp_path):
    out = tmp_path / "all.docx"
    result = run("consolidate", SAMPLE, "--part", "all", "--decision-number", "15.BB=15.124", "-o", out)
    assert result.exit_code == 0
    text = docx_text(out)
    assert "Draft Decision 15.124 b)" in text  # cited in the body of the meeting document
    assert "15.BB" not in text


def test_bad_decision_number_is_a_usage_error():
    result = run("consolidate", SAMPLE, "--decision-number", "15.AA", "-o", "-")
    assert result.exit_code == 2 and "PLACEHOLDER=NUMBER" in result.output


def test_adopted_overrides_the_meeting_of_adoption():
    result = run("consolidate", SAMPLE, "--adopted", "COP13", "-o", "-", "-q")
    assert result.exit_code == 0
    assert ("Adopted by the Conference of the Parties at its 13th Meeting (Gandhinagar, February 2020)" + AMENDED
            in result.stdout)
    assert run("consolidate", SAMPLE, "--adopted", "Samarkand", "-o", "-").exit_code == 2


def test_template_options(tmp_path):
    import docx

    template = tmp_path / "t.docx"
    docx.Document().save(template)
    out = tmp_path / "r.docx"
    assert run("consolidate", SAMPLE, "--template", template, "-o", out, "-q").exit_code == 0
    with zipfile.ZipFile(out) as z:
        assert b'w:styleId="Heading1"' in z.read("word/styles.xml")
    css = tmp_path / "tpl" / "html"
    css.mkdir(parents=True)
    (css / "style.css").write_text("body { color: #654321; }", encoding="utf-8")
    html = run("consolidate", SAMPLE, "--template-dir", tmp_path / "tpl", "--format", "html", "-o", "-", "-q")
    assert html.exit_code == 0 and "#654321" in html.stdout


def test_template_option_errors(tmp_path):
    wrong = run("consolidate", SAMPLE, "--template", tmp_path / "t.docx", "-o", "-")
    assert wrong.exit_code == 2 and "--template applies to docx" in wrong.output
    missing = run("consolidate", SAMPLE, "--template", tmp_path / "none.docx", "-o", tmp_path / "r.docx")
    assert missing.exit_code == 1 and "none.docx: template not found" in missing.output
    assert not (tmp_path / "r.docx").exists()


# -- --source-styles ---------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WNS = {"w": W_NS}
_U = '<w:u w:val="single"/>'
SOURCE_STYLES = (
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    '<w:rPr><w:rFonts w:ascii="Garamond" w:hAnsi="Garamond"/><w:sz w:val="26"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="CMSTitle"><w:name w:val="CMS Title"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="CMSPreamble"><w:name w:val="CMS Preamble"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:ind w:firstLine="720"/></w:pPr><w:rPr><w:rFonts w:ascii="Georgia" w:hAnsi="Georgia"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="CMSOperative"><w:name w:val="CMS Operative"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:numPr><w:numId w:val="7"/></w:numPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="CMSNew"><w:name w:val="CMS New"/><w:basedOn w:val="CMSOperative"/>'
    '<w:rPr><w:u w:val="single"/></w:rPr></w:style>'  # underlined by its style: an inserted paragraph
)
# (style id or None for the default paragraph style, text): a CMS resolution whose symbol is in the header.
SOURCE_PARAGRAPHS = [
    ("CMSTitle", "Resolution 14.16"),
    ("CMSTitle", "ECOLOGICAL CONNECTIVITY"),
    ("CMSPreamble", "Recalling Resolution 12.26 on connectivity,"),
    (None, "Aware of the importance of corridors for migratory species,"),
    (None, "The Conference of the Parties to the Convention on the Conservation of Migratory Species of Wild Animals"),
    ("CMSOperative", "1.\tUrges Parties to |further |protect corridors;"),  # |...| underlined: inserted
    ("CMSOperative", "2.\tRequests the Secretariat to report to COP15."),
    ("CMSNew", "3.\tInvites Parties to map corridors."),
]


def styled_source(path):
    """A small CMS resolution in custom styles (Garamond, a Georgia preamble, a numbered operative
    style), on US Letter, with its symbol in the running header."""
    from tests.docx_parts import p, pack, r

    body = []
    for style, text in SOURCE_PARAGRAPHS:
        runs = "".join(r(piece, _U if i % 2 else "") for i, piece in enumerate(text.split("|")) if piece)
        body.append(p(runs, f'<w:pStyle w:val="{style}"/>' if style else ""))
    body.append('<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/><w:pgSz w:w="12240" w:h="15840"/>'
                '<w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="720" w:footer="720"'
                ' w:gutter="0"/></w:sectPr>')
    path.write_bytes(pack("".join(body), styles=SOURCE_STYLES, headers={"rIdH": p(r("UNEP/CMS/COP15/Doc.28.2"))}))
    return path


def docx_parts(path) -> dict:
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        return {name: etree.fromstring(z.read(f"word/{name}.xml")) for name in ("document", "styles")}


def styled_paragraphs(document) -> list[tuple[str, str]]:
    """(style id, text) of each body paragraph."""
    return [(p.find("w:pPr/w:pStyle", WNS).get(f"{{{W_NS}}}val"), "".join(t.text for t in p.iter(f"{{{W_NS}}}t")))
            for p in document.iterfind(".//w:body/w:p", WNS)]


def test_source_styles_keep_each_paragraphs_style(tmp_path):
    source = styled_source(tmp_path / "source.docx")
    out = tmp_path / "out.docx"
    result = run("consolidate", source, "--source-styles", "-o", out, "-q")
    assert result.exit_code == 0, result.output
    parts = docx_parts(out)
    assert styled_paragraphs(parts["document"]) == [
        ("RevcopMastheadConvention", "CONVENTION ON MIGRATORY SPECIES"),  # revcop's masthead: house styles
        ("RevcopMasthead", "Distribution: General"),
        ("RevcopMasthead", "UNEP/CMS/Resolution 14.16 (Rev.COP15)"),
        ("RevcopMastheadLast", "Original: English"),
        ("CMSTitle", "Resolution 14.16 (Rev.COP15)"),  # the source's designation line, retitled
        ("CMSTitle", "ECOLOGICAL CONNECTIVITY"),
        ("RevcopAdoption", ADOPTED + AMENDED),  # written by revcop
        ("CMSPreamble", "Recalling Resolution 12.26 on connectivity,"),
        ("Normal", "Aware of the importance of corridors for migratory species,"),
        ("Normal", SOURCE_PARAGRAPHS[4][1]),
        ("CMSOperative", "1.Urges Parties to further protect corridors;"),  # the tab is a w:tab
        ("CMSOperative", "2.Requests the Secretariat to report to COP15."),
        ("CMSNew", "3.Invites Parties to map corridors."),
    ]
    styles = parts["styles"]
    defined = {s.get(f"{{{W_NS}}}styleId"): s for s in styles.iterfind("w:style", WNS)}
    for sid, _ in styled_paragraphs(parts["document"]):
        assert sid in defined
    # The source's definitions, not the house ones: its fonts, and no dangling automatic numbering.
    assert defined["Normal"].find("w:rPr/w:rFonts", WNS).get(f"{{{W_NS}}}ascii") == "Garamond"
    assert defined["CMSPreamble"].find("w:rPr/w:rFonts", WNS).get(f"{{{W_NS}}}ascii") == "Georgia"
    assert defined["CMSOperative"].find("w:pPr/w:ind", WNS).get(f"{{{W_NS}}}hanging") == "567"
    assert styles.find(".//w:numPr", WNS) is None
    # The style's underline was an amendment mark: the consolidated paragraph is not underlined.
    assert styles.find(".//w:u", WNS) is None
    assert parts["document"].find(".//w:u", WNS) is None
    # ... and its page setup (US Letter).
    page = parts["document"].find(".//w:body/w:sectPr/w:pgSz", WNS)
    assert (page.get(f"{{{W_NS}}}w"), page.get(f"{{{W_NS}}}h")) == ("12240", "15840")


def test_without_source_styles_the_house_style_is_used(tmp_path):
    source = styled_source(tmp_path / "source.docx")
    out = tmp_path / "out.docx"
    assert run("original", source, "-o", out, "-q").exit_code == 0
    used = {sid for sid, _ in styled_paragraphs(docx_parts(out)["document"])}
    assert used.isdisjoint({"CMSTitle", "CMSPreamble", "CMSOperative"}) and "RevcopPreamble" in used


def test_source_styles_with_original(tmp_path):
    source = styled_source(tmp_path / "source.docx")
    out = tmp_path / "out.docx"
    assert run("original", source, "--source-styles", "-o", out, "-q").exit_code == 0
    paragraphs = styled_paragraphs(docx_parts(out)["document"])
    assert ("CMSOperative", "1.Urges Parties to protect corridors;") in paragraphs
    assert ("CMSPreamble", "Recalling Resolution 12.26 on connectivity,") in paragraphs
    assert "3.Invites Parties to map corridors." not in [text for _, text in paragraphs]


def test_source_styles_option_errors(tmp_path):
    source = styled_source(tmp_path / "source.docx")
    text_input = run("consolidate", SAMPLE, "--source-styles", "-o", tmp_path / "a.docx")
    assert text_input.exit_code == 2 and "--source-styles needs a Word .docx input" in text_input.output
    assert not (tmp_path / "a.docx").exists()
    html = run("consolidate", source, "--source-styles", "-o", tmp_path / "a.html")
    assert html.exit_code == 2 and "--source-styles applies to docx output" in html.output
    both = run("original", source, "--source-styles", "--template", source, "-o", tmp_path / "b.docx")
    assert both.exit_code == 2 and "--source-styles and --template exclude each other" in both.output


@pytest.mark.libreoffice
def test_source_styles_output_opens_in_libreoffice(soffice, tmp_path):
    import json
    import subprocess
    from pathlib import Path

    source = styled_source(tmp_path / "source.docx")
    out = tmp_path / "out.docx"
    assert run("consolidate", source, "--source-styles", "-o", out, "-q").exit_code == 0
    (tmp_path / "jobs.json").write_text(json.dumps([{"path": str(out), "action": "open"}]))
    batch = subprocess.run(["/usr/bin/python3", str(Path(__file__).parent / "tools" / "uno_batch.py"), soffice,
                            str(tmp_path / "profile"), str(tmp_path / "jobs.json")],
                           capture_output=True, text=True, timeout=180)
    assert batch.returncode == 0, batch.stderr
    [opened] = json.loads(batch.stdout)
    shown = list(zip(opened["styles"], opened["paragraphs"]))
    assert ("CMS Preamble", "Recalling Resolution 12.26 on connectivity,") in shown
    assert ("CMS Operative", "1.\tUrges Parties to further protect corridors;") in shown
    assert ("CMS Title", "ECOLOGICAL CONNECTIVITY") in shown
    assert opened["paragraphs"][6] == ADOPTED + AMENDED
