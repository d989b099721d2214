"""Write the fuzzing seeds under fuzz/seeds/: a few CriticMarkup texts and a tiny .docx built here.

Run ``python fuzz/make_seeds.py`` to regenerate them. :func:`docx_bytes` is also what the robustness
tests use to build hostile Word documents (entities, bombs, damaged parts) without committing any.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/numbering.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/footnotes.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" '
    'Target="numbering.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" '
    'Target="footnotes.xml"/></Relationships>'
)
PROLOG = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def run(text: str, mark: str = "") -> str:
    props = {"u": '<w:rPr><w:u w:val="single"/></w:rPr>', "s": "<w:rPr><w:strike/></w:rPr>", "": ""}[mark]
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def paragraph(*runs: str, numbered: bool = False) -> str:
    ppr = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>' if numbered else ""
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


BODY = "".join([
    paragraph(run("PROPOSED AMENDMENTS TO RESOLUTION 14.16")),
    paragraph(run("ECOLOGICAL CONNECTIVITY")),
    paragraph(run("Recalling the work of the Parties,")),
    paragraph(run("The Conference of the Parties to the Convention on the Conservation of Migratory Species")),
    paragraph(run("1. Urges Parties to "), run("protect", "s"), run(" "), run("restore", "u"), run(" habitats;"),
              '<w:r><w:footnoteReference w:id="1"/></w:r>'),
    paragraph(run("1 bis. Requests the Secretariat to report;", "u")),
    paragraph(run("2. Invites Parties to "), f'<w:ins w:id="9" w:author="x"><w:r><w:t>act</w:t></w:r></w:ins>',
              f'<w:del w:id="10" w:author="x"><w:r><w:delText>wait</w:delText></w:r></w:del>', run(".")),
])


def document_xml(body: str = BODY, prolog: str = PROLOG) -> str:
    return f'{prolog}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}</w:body></w:document>'


def styles_xml(prolog: str = PROLOG) -> str:
    return (f'{prolog}<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="Normal">'
            f'<w:name w:val="Normal"/></w:style></w:styles>')


def numbering_xml(prolog: str = PROLOG) -> str:
    return (f'{prolog}<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
            f'<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
            f'<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def footnotes_xml(prolog: str = PROLOG) -> str:
    return (f'{prolog}<w:footnotes xmlns:w="{W}"><w:footnote w:id="1"><w:p>'
            f'{run("Both now consolidated as Resolution 12.20.")}</w:p></w:footnote></w:footnotes>')


def parts(**override: str | bytes | None) -> dict[str, str | bytes]:
    """The parts of the tiny document; ``override`` replaces (or with None drops) a part by its
    file name: document, styles, numbering, footnotes (``word/<name>.xml``) or a full part name."""
    out: dict[str, str | bytes] = {
        "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": PACKAGE_RELS,
        "word/_rels/document.xml.rels": DOCUMENT_RELS, "word/document.xml": document_xml(),
        "word/styles.xml": styles_xml(), "word/numbering.xml": numbering_xml(),
        "word/footnotes.xml": footnotes_xml(),
    }
    for name, value in override.items():
        key = name if "/" in name or name.endswith(".xml") else f"word/{name}.xml"
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def docx_bytes(members: dict[str, str | bytes] | None = None) -> bytes:
    """A zip package of ``members`` (default: the tiny amended resolution)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, value in (members if members is not None else parts()).items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))  # fixed: the same bytes every time
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, value.encode("utf-8") if isinstance(value, str) else value)
    return buffer.getvalue()


TEXTS = {
    "amended.critic.txt": (
        "UNEP/CMS/COP15/Doc.28.2\nPROPOSED AMENDMENTS TO RESOLUTION 14.16\nECOLOGICAL CONNECTIVITY\n"
        "NB: Proposed new text is underlined. Text to be deleted is crossed out.\n"
        "{++Also ++}recalling Resolution 12.26,\n"
        "The Conference of the Parties to the Convention on the Conservation of Migratory Species of Wild Animals\n"
        "1. Urges Parties to {--protect--}{++restore++} habitats[footnoteRef:1] [1: A note.];\n"
        "(a) {~~networks~>connectivity~~} of sites;\n"
        "{++1 bis. Requests the Secretariat to report, as set out in paragraph 1 above;++}\n"
        "{--2. Repeals Resolution 11.25.--}\n3. Invites {>>a comment<<}Parties to act.\n"
    ),
    "plain.txt": "RESOLUTION 12.7\nNoting the report,\n1. Requests the Parties;\n2. Decides.\n",
    "decisions.critic.txt": "DRAFT DECISIONS\n15.AA Directed to Parties\n{++15.BB The Secretariat shall report.++}\n",
}


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "tiny.docx").write_bytes(docx_bytes())


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "seeds")
