"""Generate the bundled sample UNEP-CMS-COP15-Doc.28.2.docx from its CriticMarkup form.

    python tools/make_sample_docx.py                  # writes resolutions/cms/14.16/UNEP-CMS-COP15-Doc.28.2.docx
    python tools/make_sample_docx.py -o out.docx --marks tracked --numbering auto --split-runs

CMS house style: A4, Arial 11, the leading words of preambular paragraphs in italics, typed labels
followed by a tab with a hanging indent, the symbol in the running header of each section
(``UNEP/CMS/COP15/Doc.28.2``, ``.../Annex 1`` ...), page-number fields in the footer, the footnote as a
real footnote, and the marks as underline (``{++ ++}``) and strike-through (``{-- --}``). The legend
shows its own convention: ``underlined`` underlined and ``crossed out`` struck through.

Options write the same document in other encodings (tests check that every one reads the same):
``--marks tracked`` (Word tracked changes), ``--numbering auto|style`` (automatic numbering, direct or
through a paragraph style), ``--split-runs`` (one run per character), ``--styles`` (marks from
character and paragraph styles, double strike), ``--hyperlinks`` (document symbols as links in the
Hyperlink style), ``--noise`` (proofing marks, rsids, bookmarks, content controls, fields, soft
hyphens), ``--edits`` (formatting marks plus an editor's tracked corrections to the draft).
The output is deterministic: fixed timestamps in docProps and in the zip.
"""

from __future__ import annotations

import argparse
import re
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resolutions" / "cms" / "14.16" / "UNEP-CMS-COP15-Doc.28.2.txt"
TARGET = SOURCE.with_suffix(".docx")
SYMBOL = "UNEP/CMS/COP15/Doc.28.2"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W}" xmlns:r="{R}"'
DATE = "2026-01-01T00:00:00Z"

_TOKEN = re.compile(r"\{\+\+(.*?)\+\+\}|\{--(.*?)--\}", re.DOTALL)
_BOOKMARK = re.compile(r"\[bookmark: ([^\]\n]*)\]")
_FOOTNOTE = re.compile(r"\[footnoteRef:(\d+)\]\s*\[\1:\s*((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]")
_RUNNING = re.compile(r"^UNEP/CMS/COP15/Doc\.28\.2(/Annex \d+)?$|^\d{1,3}$")
_ANNEX = re.compile(r"^ANNEX (\d+)$")
_LABEL = re.compile(r"^(\d{1,2})\.[ \t]*\t|^\((i{1,3}|iv|v|vi{0,3})\)[ \t]+|^([a-z])\)[ \t]+|^\(([a-z])\)[ \t]+")
_LEADING = re.compile(
    r"^(?:(?:Also|Further|Deeply)\s+)?(?:Bearing in mind|Aware|Welcoming|Recalling|Noting|Acknowledging|"
    r"Recognizing|Considering|concerned|recalling|recognizing|noting|acknowledging|welcoming|aware|"
    r"considering)(?: in particular)?\b"
)
_LINKED = re.compile(r"UNEP/CMS/COP1[1-4]/(?:Doc|Inf)\.[0-9.]*[0-9]")


class Options(argparse.Namespace):
    marks = "formatting"
    numbering = "typed"
    split_runs = False
    styles = False
    hyperlinks = False
    noise = False
    edits = False


def _segments(line: str) -> list[tuple[str, str]]:
    """(text, change) pieces of one CriticMarkup line; change is '', 'ins' or 'del'."""
    out, pos = [], 0
    for m in _TOKEN.finditer(line):
        if m.start() > pos:
            out.append((line[pos : m.start()], ""))
        out.append((m.group(1), "ins") if m.group(1) is not None else (m.group(2), "del"))
        pos = m.end()
    if pos < len(line):
        out.append((line[pos:], ""))
    return [s for s in out if s[0]]


class Writer:
    def __init__(self, opts: Options) -> None:
        self.o = opts
        self.footnotes: list[str] = []
        self.links: list[str] = []
        self.bookmark = 0
        self.rsid = 0
        self.field = 0
        self.nums: list[tuple[int, str, bool]] = []  # (abstract id, num id, restart)

    # -- runs -----------------------------------------------------------------------------------
    def rpr(self, change: str, italic=False, bold=False, link=False, extra="") -> str:
        props = []
        if link:
            props.append('<w:rStyle w:val="Hyperlink"/>')
        elif self.o.styles and change and self.o.marks == "formatting" and not self.whole:
            props.append(f'<w:rStyle w:val="{"Inserted" if change == "ins" else "Deleted"}"/>')
        if bold:
            props.append("<w:b/>")
        if italic:
            props.append("<w:i/>")
        if change and self.o.marks == "formatting" and not self.o.styles and not self.whole:
            props.append('<w:strike/>' if change == "del" else '<w:u w:val="single"/>')
        props.append(extra)
        inner = "".join(props)
        return f"<w:rPr>{inner}</w:rPr>" if inner else ""

    def text_xml(self, text: str, deleted: bool) -> str:
        tag = "w:delText" if deleted else "w:t"
        parts = []
        for i, piece in enumerate(text.split("\t")):
            if i:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<{tag} xml:space="preserve">{escape(piece)}</{tag}>')
        return "".join(parts)

    def run(self, text: str, change: str, italic=False, bold=False, link=False) -> str:
        tracked = self.o.marks == "tracked" and change
        chunks = list(text) if self.o.split_runs else [text]
        out = []
        for chunk in chunks:
            attrs = ""
            if self.o.noise:
                self.rsid += 1
                attrs = f' w:rsidR="00{self.rsid % 0xFFFFFF:06X}" w:rsidRPr="00A1B2C3"'
            body = self.text_xml(chunk, bool(tracked and change == "del"))
            out.append(f"<w:r{attrs}>{self.rpr(change, italic, bold, link)}{body}</w:r>")
        xml = "".join(out)
        if tracked:
            tag = "w:ins" if change == "ins" else "w:del"
            xml = f'<{tag} w:id="{self.next_id()}" w:author="Secretariat" w:date="{DATE}">{xml}</{tag}>'
        return xml

    def next_id(self) -> int:
        self.bookmark += 1
        return 1000 + self.bookmark

    # -- paragraphs -----------------------------------------------------------------------------
    def paragraph(self, line: str, section: int, state: dict) -> str:
        stripped = _TOKEN.sub(lambda m: m.group(1) or m.group(2) or "", line).strip()
        segs = _segments(line)
        marked = [c for t, c in segs if t.strip()]
        whole_ins = bool(marked) and set(marked) == {"ins"}
        whole_del = bool(marked) and set(marked) == {"del"}
        self.whole = self.o.styles and whole_ins and self.o.marks == "formatting"
        caps = stripped.isupper() and len(stripped) < 200
        center = bool(_ANNEX.match(stripped)) or (state["annex1"] and state["enacting"]) or (caps and section > 0)
        label = _LABEL.match(line) if not line.startswith("{") else None
        if label is None or label.group(1):
            state["list"] = None
        style = numpr = ind = ""
        if label and section in (1, 2) and self.o.numbering != "typed":
            numpr = self.num_for(label, state)
            segs = self.drop_label(segs, label.end())
            if numpr == "STYLE":
                style, numpr = "NumberedParagraph", ""
        if self.whole:
            style = "InsertedParagraph"
        if label and not style:
            ind = '<w:ind w:left="567" w:hanging="567"/>'
        mark = ""
        if self.o.marks == "tracked" and (whole_ins or whole_del):
            tag = "w:ins" if whole_ins else "w:del"
            mark = f'<w:rPr><{tag} w:id="{self.next_id()}" w:author="Secretariat" w:date="{DATE}"/></w:rPr>'
        sect = state.pop("sectpr") if state.pop("sect", None) else ""
        style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
        jc = '<w:jc w:val="center"/>' if center else ""
        ppr = f"{style_xml}{numpr}{ind}{jc}{mark}{sect}"
        ppr_xml = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
        italic_end = 0
        if state["preamble"]:
            m = _LEADING.match(stripped)
            italic_end = m.end() if m else 0
        legend = state["legend_line"] and self.o.marks == "formatting"
        runs = self.runs(segs, italic_end, caps and section > 0, legend=legend)
        if self.o.noise:
            self.bookmark += 1
            runs = (f'<w:bookmarkStart w:id="{self.bookmark}" w:name="_Hlk{self.bookmark:06d}"/>'
                    f'<w:proofErr w:type="spellStart"/>{runs}<w:proofErr w:type="spellEnd"/>'
                    f'<w:bookmarkEnd w:id="{self.bookmark}"/>')
            if state["count"] % 7 == 3:
                runs = f'<w:sdt><w:sdtPr><w:alias w:val="Text"/></w:sdtPr><w:sdtContent>{runs}</w:sdtContent></w:sdt>'
        state["count"] += 1
        attrs = ' w:rsidR="00C0FFEE" w:rsidRDefault="00C0FFEE"' if self.o.noise else ""
        return f"<w:p{attrs}>{ppr_xml}{runs}</w:p>"

    def drop_label(self, segs, length: int):
        out, left = [], length
        for t, c in segs:
            if left >= len(t):
                left -= len(t)
                continue
            out.append((t[left:], c))
            left = 0
        return out

    def num_for(self, m: re.Match, state: dict) -> str | None:
        if m.group(1):
            if self.o.numbering == "style":
                return "STYLE"
            return '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
        kind = "roman" if m.group(2) else "letter" if m.group(3) else "paren-letter"
        if state.get("list") != kind:
            state["list"] = kind
            abstract = {"roman": 2, "letter": 3, "paren-letter": 4}[kind]
            restart = any(a == abstract for a, _, _ in self.nums)
            num_id = str(len(self.nums) + 2)
            self.nums.append((abstract, num_id, restart))
        return f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{self.nums[-1][1]}"/></w:numPr>'

    def runs(self, segs, italic_end: int, bold: bool, legend: bool) -> str:
        out, pos = [], 0
        for text, change in segs:
            pieces = self.footnote_split(text)
            for kind, value in pieces:
                if kind == "note":
                    out.append(self.note_ref(value, change))
                    continue
                if kind == "bookmark":
                    self.bookmark += 1
                    out.append(f'<w:bookmarkStart w:id="{self.bookmark}" w:name="{escape(value)}"/>'
                               f'<w:bookmarkEnd w:id="{self.bookmark}"/>')
                    continue
                cut = max(0, min(len(value), italic_end - pos))
                if cut:
                    out.append(self.run(value[:cut], change, italic=True, bold=bold))
                if value[cut:]:
                    out.append(self.styled(value[cut:], change, bold, legend))
                pos += len(value)
        return "".join(out)

    def styled(self, text: str, change: str, bold: bool, legend: bool) -> str:
        """A run of plain text, with the legend's demonstration marks and the optional links, edits, noise."""
        if legend and not change:
            out = []
            for piece in re.split(r"(underlined|crossed out)", text):
                if piece == "underlined":
                    out.append(f'<w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>{piece}</w:t></w:r>')
                elif piece == "crossed out":
                    out.append(f'<w:r><w:rPr><w:strike/></w:rPr><w:t>{piece}</w:t></w:r>')
                elif piece:
                    out.append(self.run(piece, change, bold=bold))
            return "".join(out)
        if not change and self.o.hyperlinks and _LINKED.search(text):
            out, pos = [], 0
            for m in _LINKED.finditer(text):
                if m.start() > pos:
                    out.append(self.run(text[pos : m.start()], change, bold=bold))
                self.links.append(m.group())
                rid = f"rIdLink{len(self.links)}"
                out.append(f'<w:hyperlink r:id="{rid}">{self.run(m.group(), "", link=True)}</w:hyperlink>')
                pos = m.end()
            if pos < len(text):
                out.append(self.run(text[pos:], change, bold=bold))
            return "".join(out)
        if not change and self.o.edits and " the " in text:
            # An editor's tracked corrections to the draft: a stray word deleted, a word typed in.
            i = text.index(" the ") + 1
            ins = f'<w:ins w:id="{self.next_id()}" w:author="Editor" w:date="{DATE}">{self.run("the", "", bold=bold)}</w:ins>'
            dele = (f'<w:del w:id="{self.next_id()}" w:author="Editor" w:date="{DATE}"><w:r>'
                    f'<w:delText xml:space="preserve">stray </w:delText></w:r></w:del>')
            return self.run(text[:i], change, bold=bold) + dele + ins + self.run(text[i + 3 :], change, bold=bold)
        if not change and self.o.noise and len(text) > 12:
            self.field += 1
            head, word, tail = text[:4], text[4:10], text[10:]
            fld = (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF _Ref{self.field} \\h </w:instrText></w:r>'
                   f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{self.run(word, "", bold=bold)}'
                   f'<w:r><w:fldChar w:fldCharType="end"/></w:r>')
            tail_xml = self.run(tail, change, bold=bold)
            if " " in tail:
                k = tail.index(" ")
                tail_xml = (self.run(tail[:k], change, bold=bold) + '<w:r><w:softHyphen/><w:lastRenderedPageBreak/></w:r>'
                            '<w:smartTag w:uri="urn:x" w:element="place">' + self.run(tail[k:], change, bold=bold) + "</w:smartTag>")
            return self.run(head, change, bold=bold) + fld + tail_xml
        return self.run(text, change, bold=bold)

    def footnote_split(self, text: str) -> list[tuple[str, str]]:
        out, pos = [], 0
        for m in re.finditer(f"{_FOOTNOTE.pattern}|{_BOOKMARK.pattern}", text):
            if m.start() > pos:
                out.append(("text", text[pos : m.start()]))
            if m.group(1):
                out.append(("note", m.group(2)))
            else:
                out.append(("bookmark", m.group(3)))
            pos = m.end()
        if pos < len(text):
            out.append(("text", text[pos:]))
        return out

    def note_ref(self, note_text: str, change: str) -> str:
        self.footnotes.append(note_text)
        ref = f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{len(self.footnotes) + 1}"/></w:r>'
        return ref

    # -- the document ---------------------------------------------------------------------------
    def sectpr(self, index: int) -> str:
        return (f'<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader{index}"/>'
                f'<w:footerReference w:type="default" r:id="rIdFooter{index}"/>'
                '<w:footnotePr><w:numStart w:val="2"/></w:footnotePr>'
                '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1418" w:bottom="1418" '
                'w:left="1418" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>')

    def document(self, text: str) -> tuple[str, int]:
        lines = text.lstrip("\ufeff").split("\n")
        sections: list[list[str]] = [[]]
        for line in lines:
            bare = line.strip()
            if not bare or _RUNNING.match(bare):
                continue  # running headers, footers and page numbers become real headers and footers
            if _ANNEX.match(bare):
                sections.append([])
            sections[-1].append(line)
        body = []
        state = {"annex1": False, "enacting": False, "preamble": False, "count": 0, "list": None}
        for index, section in enumerate(sections):
            state["annex1"] = index == 1
            state["preamble"] = False
            for i, line in enumerate(section):
                bare = _TOKEN.sub(lambda m: m.group(1) or m.group(2) or "", line).strip()
                state["legend_line"] = bare.startswith("NB:")
                state["enacting"] = bare.startswith(("The Conference of the Parties to the", "Convention on the Conservation"))
                if state["legend_line"]:
                    state["preamble"] = True
                if state["enacting"]:
                    state["preamble"] = False
                if i == len(section) - 1 and index < len(sections) - 1:
                    state["sect"] = True
                    state["sectpr"] = self.sectpr(index)
                body.append(self.paragraph(line, index, state))
                if state["legend_line"]:
                    state["preamble"] = True
        body.append(self.sectpr(len(sections) - 1))
        return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NS}><w:body>{"".join(body)}</w:body></w:document>', len(sections)


def _header(kind: str, text: str, page_field: bool) -> str:
    tag = "w:hdr" if kind == "header" else "w:ftr"
    content = f'<w:r><w:t>{escape(text)}</w:t></w:r>' if text else ""
    if page_field:
        content += ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
                    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
                    '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    jc = "right" if kind == "header" else "center"
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{tag} {NS}><w:p><w:pPr><w:jc w:val="{jc}"/></w:pPr>'
            f'{content}</w:p></{tag}>')


def _styles(opts: Options) -> str:
    mark_styles = (
        '<w:style w:type="character" w:styleId="Inserted"><w:name w:val="Inserted"/><w:rPr><w:u w:val="single"/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="Deleted"><w:name w:val="Deleted"/><w:rPr><w:dstrike/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="InsertedParagraph"><w:name w:val="Inserted Paragraph"/>'
        '<w:basedOn w:val="Normal"/><w:rPr><w:u w:val="single"/></w:rPr></w:style>'
    )
    numbered = ('<w:style w:type="paragraph" w:styleId="NumberedParagraph"><w:name w:val="Numbered Paragraph"/>'
                '<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr>'
                '<w:ind w:left="567" w:hanging="567"/></w:pPr></w:style>')
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {NS}>'
        '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/>'
        '<w:sz w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
        '<w:spacing w:after="120"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/></w:style>'
        '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/>'
        '<w:u w:val="single"/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
        '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/>'
        '<w:rPr><w:sz w:val="18"/></w:rPr></w:style>'
        f'{mark_styles if opts.styles else ""}{numbered if opts.numbering == "style" else ""}</w:styles>'
    )


def _numbering(writer: Writer) -> str:
    def abstract(aid: int, fmt: str, text: str) -> str:
        return (f'<w:abstractNum w:abstractNumId="{aid}"><w:multiLevelType w:val="hybridMultilevel"/>'
                f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>'
                f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>'
                '</w:abstractNum>')

    parts = [abstract(1, "decimal", "%1."), abstract(2, "lowerRoman", "(%1)"), abstract(3, "lowerLetter", "%1)"),
             abstract(4, "lowerLetter", "(%1)")]
    parts.append('<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    for aid, num_id, restart in writer.nums:
        override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restart else ""
        parts.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>{override}</w:num>')
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {NS}>{"".join(parts)}</w:numbering>'


def _footnotes(writer: Writer) -> str:
    notes = [
        '<w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
        '<w:footnote w:type="continuationSeparator" w:id="1"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>',
    ]
    for i, text in enumerate(writer.footnotes, start=2):
        notes.append(
            f'<w:footnote w:id="{i}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
            '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>'
        )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {NS}>{"".join(notes)}</w:footnotes>'


def build(text: str, opts: Options) -> bytes:
    writer = Writer(opts)
    document, sections = writer.document(text)
    parts: dict[str, str] = {}
    ct = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
          '<Default Extension="xml" ContentType="application/xml"/>']
    wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    overrides = {
        "/word/document.xml": f"{wml}.document.main+xml", "/word/styles.xml": f"{wml}.styles+xml",
        "/word/settings.xml": f"{wml}.settings+xml", "/word/numbering.xml": f"{wml}.numbering+xml",
        "/word/footnotes.xml": f"{wml}.footnotes+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    }
    rels = [
        ("rIdStyles", "styles", "styles.xml"), ("rIdSettings", "settings", "settings.xml"),
        ("rIdNumbering", "numbering", "numbering.xml"), ("rIdFootnotes", "footnotes", "footnotes.xml"),
    ]
    for i in range(sections):
        symbol = SYMBOL + (f"/Annex {i}" if i else "")
        parts[f"word/header{i}.xml"] = _header("header", symbol, False)
        parts[f"word/footer{i}.xml"] = _header("footer", "", True)
        overrides[f"/word/header{i}.xml"] = f"{wml}.header+xml"
        overrides[f"/word/footer{i}.xml"] = f"{wml}.footer+xml"
        rels += [(f"rIdHeader{i}", "header", f"header{i}.xml"), (f"rIdFooter{i}", "footer", f"footer{i}.xml")]
    ct += [f'<Override PartName="{k}" ContentType="{v}"/>' for k, v in overrides.items()]
    rel_base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rel_xml = [f'<Relationship Id="{rid}" Type="{rel_base}/{kind}" Target="{target}"/>' for rid, kind, target in rels]
    rel_xml += [f'<Relationship Id="rIdLink{i}" Type="{rel_base}/hyperlink" Target="https://www.cms.int/en/documents?q={escape(link)}" TargetMode="External"/>'
                for i, link in enumerate(writer.links, start=1)]
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    pkg_rels = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts.update({
        "[Content_Types].xml": f'{head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">{"".join(ct)}</Types>',
        "_rels/.rels": (f'{head}<Relationships xmlns="{pkg_rels}">'
                        f'<Relationship Id="rId1" Type="{rel_base}/officeDocument" Target="word/document.xml"/>'
                        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
                        f'<Relationship Id="rId3" Type="{rel_base}/extended-properties" Target="docProps/app.xml"/></Relationships>'),
        "word/document.xml": document,
        "word/_rels/document.xml.rels": f'{head}<Relationships xmlns="{pkg_rels}">{"".join(rel_xml)}</Relationships>',
        "word/styles.xml": _styles(opts),
        "word/settings.xml": (f'{head}<w:settings {NS}><w:footnotePr><w:footnote w:id="0"/><w:footnote w:id="1"/>'
                              '<w:numStart w:val="2"/></w:footnotePr>'
                              f'{"<w:trackRevisions/>" if opts.marks == "tracked" else ""}</w:settings>'),
        "word/numbering.xml": _numbering(writer),
        "word/footnotes.xml": _footnotes(writer),
        "docProps/core.xml": (f'{head}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
                              'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
                              'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Ecological Connectivity</dc:title>'
                              f'<dc:creator>CMS Secretariat</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">{DATE}</dcterms:created>'
                              f'<dcterms:modified xsi:type="dcterms:W3CDTF">{DATE}</dcterms:modified></cp:coreProperties>'),
        "docProps/app.xml": (f'{head}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
                             '<Application>revcop tools/make_sample_docx.py</Application></Properties>'),
    })
    order = ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "word/document.xml",
             "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml", "word/numbering.xml",
             "word/footnotes.xml"] + sorted(k for k in parts if k.startswith(("word/header", "word/footer")))
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, parts[name].encode("utf-8"), compresslevel=9)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-i", "--input", default=str(SOURCE), help="CriticMarkup text (default: the bundled sample)")
    parser.add_argument("-o", "--output", default=str(TARGET), help="the .docx to write")
    parser.add_argument("--marks", choices=("formatting", "tracked"), default="formatting")
    parser.add_argument("--numbering", choices=("typed", "auto", "style"), default="typed")
    parser.add_argument("--split-runs", action="store_true")
    parser.add_argument("--styles", action="store_true")
    parser.add_argument("--hyperlinks", action="store_true")
    parser.add_argument("--noise", action="store_true")
    parser.add_argument("--edits", action="store_true")
    opts = parser.parse_args(argv, namespace=Options())
    data = build(Path(opts.input).read_text(encoding="utf-8"), opts)
    Path(opts.output).write_bytes(data)
    print(f"wrote {opts.output} ({len(data)} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
