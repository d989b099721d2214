"""Pack hand-written WordprocessingML parts into a .docx for unit tests of single reader features."""

from __future__ import annotations

import io
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W}" xmlns:r="{R}"'
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def pack(body: str, *, styles: str = "", numbering: str = "", footnotes: str = "", endnotes: str = "",
         headers: dict[str, str] | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    """A .docx whose body is ``body`` (the XML inside w:body); optional parts as inner XML."""
    rels = []
    parts = {"word/document.xml": f"{HEAD}<w:document {NS}><w:body>{body}</w:body></w:document>"}
    if styles:
        parts["word/styles.xml"] = f"{HEAD}<w:styles {NS}>{styles}</w:styles>"
        rels.append(("rIdS", "styles", "styles.xml"))
    if numbering:
        parts["word/numbering.xml"] = f"{HEAD}<w:numbering {NS}>{numbering}</w:numbering>"
        rels.append(("rIdN", "numbering", "numbering.xml"))
    if footnotes:
        parts["word/footnotes.xml"] = f"{HEAD}<w:footnotes {NS}>{footnotes}</w:footnotes>"
        rels.append(("rIdF", "footnotes", "footnotes.xml"))
    if endnotes:
        parts["word/endnotes.xml"] = f"{HEAD}<w:endnotes {NS}>{endnotes}</w:endnotes>"
        rels.append(("rIdE", "endnotes", "endnotes.xml"))
    for rid, xml in (headers or {}).items():
        parts[f"word/{rid}.xml"] = f"{HEAD}<w:hdr {NS}>{xml}</w:hdr>"
        rels.append((rid, "header", f"{rid}.xml"))
    base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts["word/_rels/document.xml.rels"] = HEAD + f'<Relationships xmlns="{pkg}">' + "".join(
        f'<Relationship Id="{i}" Type="{base}/{t}" Target="{x}"/>' for i, t, x in rels) + "</Relationships>"
    parts["_rels/.rels"] = (HEAD + f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" '
                            f'Type="{base}/officeDocument" Target="word/document.xml"/></Relationships>')
    parts["[Content_Types].xml"] = (HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                                    '<Default Extension="xml" ContentType="application/xml"/></Types>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buffer.getvalue()


def p(inner: str, ppr: str = "") -> str:
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{inner}</w:p>"


def r(text: str, rpr: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def ins(inner: str, i: int = 1) -> str:
    return f'<w:ins w:id="{i}" w:author="A" w:date="2026-01-01T00:00:00Z">{inner}</w:ins>'


def dele(text: str, i: int = 2) -> str:
    return (f'<w:del w:id="{i}" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r>'
            f'<w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>')
