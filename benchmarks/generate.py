"""Seeded generator of realistic resolutions and revised versions, for the benchmark.

A resolution has a CMS title block, a preamble (italic leading words), the enacting formula,
numbered operative paragraphs with (a), (b) ... sub-paragraphs and footnotes. Its revision carries
realistic edits: word substitutions, insertions and deletions inside paragraphs, new ``bis``
paragraphs, deleted paragraphs and moved paragraphs (deleted at the old place, inserted edited at
the new one). Every input is written by this module alone, with lxml and zipfile (the benchmark must
not depend on the writer under test):

- ``marks.docx``: the amendment document, underline = inserted, strike = deleted (plain formatting);
- ``tracked.docx``: the same amendments as Word tracked changes (``w:ins`` / ``w:del``);
- ``old.docx`` / ``new.docx``: the clean pair (before and after);
- ``marks.critic.txt``: the amendment document as CriticMarkup text.

Usage: ``python benchmarks/generate.py 50k [--seed 1] [--out DIR]``; :func:`ensure` caches the inputs
under ``benchmarks/.cache/<size>-s<seed>/``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

CACHE = Path(__file__).resolve().parent / ".cache"
GENERATOR_VERSION = 3  # bump when the output changes, so cached inputs are regenerated

U, I, D = "unchanged", "inserted", "deleted"

VOCABULARY = """
migratory species habitats connectivity conservation Parties Secretariat Scientific Council ecological
networks corridors restoration management measures implementation national regional international
cooperation framework biodiversity wetlands inland waters marine coastal terrestrial environments
populations range States relevant organizations stakeholders communities indigenous peoples local data
information knowledge monitoring assessment research guidance capacity resources funding strategies
plans policies laws infrastructure linear barriers fragmentation degradation threats climate change
protected areas sites flyways routes stopover breeding wintering feeding grounds resilience integrity
effective appropriate further existing important critical transboundary cross-border ecosystem
services sustainable use development planning spatial land sea water energy transport roads railways
fences dams renewable wind solar power lines collisions mitigation impacts adverse cumulative
evaluation review report progress meeting Conference Committee Working Group Agreement Memorandum
Understanding Convention Article Appendix listed including particular inter alia respect consistent
with accordance subject availability where feasible possible necessary appropriate
""".split()
FUNCTION_WORDS = "the of and to in for on with by as at from that which their its all other such these".split()
PREAMBLE_OPENINGS = [
    "Recalling", "Also recalling", "Further recalling", "Recognizing", "Further recognizing",
    "Bearing in mind", "Deeply concerned", "Aware", "Noting", "Welcoming", "Acknowledging", "Considering",
]
OPERATIVE_VERBS = [
    "Urges", "Requests", "Encourages", "Invites", "Calls on", "Takes note of", "Instructs", "Decides",
    "Further requests", "Also encourages", "Welcomes", "Reaffirms",
]
LATIN = ["bis", "ter", "quater", "quinquies"]
LETTERS = "abcdefghijklmnopqrstuvwxyz"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Para:
    """One paragraph of the amendment document: ``segments`` are (text, change) pairs after the label."""

    kind: str  # title-block | preamble | enacting | operative | sub
    segments: list[tuple[str, str]]
    label: str = ""  # as written, e.g. "12." "(b)" "11 bis."
    label_change: str = U
    italic_words: int = 0  # leading words in italics (preamble)
    note: str | None = None  # footnote text, referenced at the end of the paragraph
    centered: bool = False

    def text(self, side: str) -> str:
        drop = I if side == "old" else D
        return "".join(t for t, c in self.segments if c != drop)

    def present(self, side: str) -> bool:
        drop = I if side == "old" else D
        changes = {c for _, c in self.segments} | {self.label_change}
        return not (changes <= {drop, U} and drop in changes and all(c == drop for _, c in self.segments))


@dataclass
class Document:
    paras: list[Para] = field(default_factory=list)

    def words(self, side: str) -> int:
        total = 0
        for p in self.paras:
            if p.present(side):
                total += len(p.text(side).split()) + (1 if p.label else 0)
                total += len(p.note.split()) if p.note else 0
        return total


def parse_size(size: str) -> int:
    size = size.strip().lower()
    if size.endswith("k"):
        return int(float(size[:-1]) * 1000)
    if size.endswith("m"):
        return int(float(size[:-1]) * 1_000_000)
    return int(size)


def _phrase(rng: random.Random, n: int) -> str:
    out = []
    for i in range(n):
        out.append(rng.choice(FUNCTION_WORDS) if i % 3 == 1 else rng.choice(VOCABULARY))
    return " ".join(out)


def _sentence(rng: random.Random, n: int, end: str) -> str:
    return _phrase(rng, n) + end


def _edit(rng: random.Random, text: str) -> list[tuple[str, str]]:
    """Amend a paragraph's text with one to three word-level edits (substitution, insertion, deletion)."""
    words = text.split(" ")
    if len(words) < 6:
        return [(text, U)]
    marks: dict[int, tuple[str, int, str]] = {}  # word index -> (kind, length, new words)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(1, len(words) - 2)
        if any(abs(at - k) < 4 for k in marks):
            continue
        kind = rng.choice(["sub", "sub", "ins", "del"])
        length = rng.randint(1, 3) if kind != "ins" else 0
        length = min(length, len(words) - 1 - at)
        marks[at] = (kind, length, _phrase(rng, rng.randint(1, 4)) if kind != "del" else "")
    segments: list[tuple[str, str]] = []
    plain: list[str] = []
    i = 0
    while i < len(words):
        if i in marks:
            kind, length, new = marks[i]
            if plain:
                segments.append((" ".join(plain) + " ", U))
                plain = []
            if length:
                segments.append((" ".join(words[i:i + length]) + " ", D))
            if new:
                segments.append((new + " ", I))
            i += max(length, 0) if length else 0
            if not length:
                plain.append(words[i])
                i += 1
            continue
        plain.append(words[i])
        i += 1
    if plain:
        segments.append((" ".join(plain), U))
    # a trailing space before a mark that ends the paragraph is harmless; keep the text exact
    return [(t, c) for t, c in segments if t]


def generate(words: int, seed: int = 1) -> Document:
    """A resolution of about ``words`` words (before amendment) with its amendments, from ``seed``."""
    rng = random.Random(f"revcop-bench-{seed}-{words}")
    doc = Document()
    add = doc.paras.append
    symbol = f"UNEP/CMS/COP15/Doc.99.{seed}"
    for line in ("CONVENTION ON MIGRATORY SPECIES", "Distribution: General", symbol, "Original: English",
                 "SYNTHETIC ECOLOGICAL CONNECTIVITY MEASURES", "Background",
                 "1. The Working Group was consulted on the proposed amendments contained in Annex 1.",
                 "2. The Conference of the Parties is invited to adopt the amendments in Annex 1.",
                 f"{symbol}/Annex 1", "ANNEX 1", "PROPOSED AMENDMENTS TO RESOLUTION 14.99",
                 "SYNTHETIC ECOLOGICAL CONNECTIVITY MEASURES",
                 "NB: Proposed new text is underlined. Text to be deleted is crossed out."):
        add(Para("title-block", [(line, U)], centered=line.isupper()))
    add(Para("title-block", [("Adopted by the Conference of the Parties at its 14th Meeting "
                              "(Samarkand, February 2024)", U)]))
    count = doc.words("old")  # kept up to date below: recounting every paragraph would be quadratic
    preamble_words = max(60, words // 10)
    while count < preamble_words:
        opening = rng.choice(PREAMBLE_OPENINGS)
        text = f"{opening} {_sentence(rng, rng.randint(20, 60), ',')}"
        add(Para("preamble", [(text, U)], italic_words=len(opening.split())))
        count += len(text.split())
    add(Para("enacting", [("The Conference of the Parties to the Convention on the Conservation of "
                           "Migratory Species of Wild Animals", U)], centered=True))
    number = 0
    notes = 0
    count = doc.words("old")
    # Paragraph numbers stay below 1000 as in any real resolution (revcop takes a four-digit number for
    # a year, not a label): a very long resolution has long lists of sub-paragraphs instead.
    long_lists = words / 85 > 950
    while count < words:
        number += 1
        verb = rng.choice(OPERATIVE_VERBS)
        if long_lists:
            subs = rng.randint(12, 26)
        else:
            subs = rng.randint(2, 6) if rng.random() < 0.25 else 0
        end = ":" if subs else ";"
        text = f"{verb} {_sentence(rng, rng.randint(25, 90), end)}"
        note = None
        if rng.random() < 0.05:
            notes += 1
            note = _sentence(rng, rng.randint(8, 20), ".")
        add(Para("operative", [(text, U)], label=f"{number}.", note=note))
        count += 1 + len(text.split()) + (len(note.split()) if note else 0)
        for k in range(subs):
            sub = _sentence(rng, rng.randint(12, 40), ";")
            add(Para("sub", [(sub, U)], label=f"({LETTERS[k % 26]})"))
            count += 1 + len(sub.split())
    if doc.paras[-1].segments[0][0].endswith(";"):
        t, c = doc.paras[-1].segments[0]
        doc.paras[-1].segments[0] = (t[:-1] + ".", c)
    _amend(rng, doc)
    return doc


def _amend(rng: random.Random, doc: Document) -> None:
    """Turn a clean resolution into an amendment document (about 10 % of paragraphs touched)."""
    first_op = next(i for i, p in enumerate(doc.paras) if p.kind == "operative")
    out: list[Para] = []
    moved: list[Para] = []
    bis_of: dict[str, int] = {}
    pending: Para | None = None  # a new bis paragraph, placed after the sub-paragraphs of the one before

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            out.append(pending)
            pending = None

    deleting = False  # the sub-paragraphs of a deleted (or moved) paragraph go with it
    for i, p in enumerate(doc.paras):
        roll = rng.random()
        if p.kind == "operative":
            flush()
            deleting = False
        if p.kind == "sub" and deleting:
            p.segments = [(t, D) for t, c in p.segments]
            p.label_change = D
            out.append(p)
            continue
        if p.kind in ("title-block", "enacting"):
            out.append(p)
            continue
        if p.kind == "operative" and i > first_op + 2 and roll < 0.01:
            p.segments = [(t, D) for t, c in p.segments]  # deleted paragraph
            p.label_change = D
            deleting = True
            out.append(p)
            continue
        if p.kind == "operative" and i > first_op + 2 and roll < 0.016:
            # moved: deleted here, inserted (edited) a little later as a bis paragraph
            moved.append(Para("operative", _edit(rng, p.text("old")), note=None))
            p.segments = [(t, D) for t, c in p.segments]
            p.label_change = D
            deleting = True
            out.append(p)
            continue
        if roll < 0.10:
            p.segments = _edit(rng, p.text("old"))
        out.append(p)
        if p.kind == "operative" and p.label_change != D and (rng.random() < 0.012 or (moved and rng.random() < 0.2)):
            base = p.label.rstrip(".")
            n = bis_of.get(base, 0)
            bis_of[base] = n + 1
            new = moved.pop(0) if moved else Para(
                "operative", [(f"{rng.choice(OPERATIVE_VERBS)} {_sentence(rng, rng.randint(25, 70), ';')}", U)])
            new.segments = [(t, I) for t, c in new.segments if c != D]
            new.label = f"{base} {LATIN[min(n, len(LATIN) - 1)]}."
            new.label_change = I
            pending = new
    flush()
    doc.paras[:] = out


# --- writers -------------------------------------------------------------------------------------

def _rsid(n: int) -> str:
    return f"{(n * 2654435761) % 0xFFFFFFFF:08X}"


def _run(text: str, *, underline=False, strike=False, italic=False, deleted=False, rsid: int = 0) -> etree._Element:
    """A run as Word writes it: revision-session id, fonts, size and language on every run."""
    r = etree.Element(w("r"))
    r.set(w("rsidR"), _rsid(rsid))
    rpr = etree.SubElement(r, w("rPr"))
    fonts = etree.SubElement(rpr, w("rFonts"))
    for attr in ("ascii", "hAnsi", "cs"):
        fonts.set(w(attr), "Arial")
    if italic:
        etree.SubElement(rpr, w("i"))
    if strike:
        etree.SubElement(rpr, w("strike"))
    etree.SubElement(rpr, w("sz")).set(w("val"), "22")
    etree.SubElement(rpr, w("szCs")).set(w("val"), "22")
    if underline:
        etree.SubElement(rpr, w("u")).set(w("val"), "single")
    etree.SubElement(rpr, w("lang")).set(w("val"), "en-GB")
    t = etree.SubElement(r, w("delText" if deleted else "t"))
    t.set(XML_SPACE, "preserve")
    t.text = text
    return r


def _chunks(text: str, size: int = 12) -> list[str]:
    """``text`` in pieces of about ``size`` words (the spaces kept, so the pieces join to ``text``)."""
    words = text.split(" ")
    if len(words) <= size:
        return [text]
    return [" ".join(words[i:i + size]) + (" " if i + size < len(words) else "") for i in range(0, len(words), size)]


class _Ids:
    def __init__(self):
        self.n = 0

    def __call__(self) -> str:
        self.n += 1
        return str(self.n)


def _revision(tag: str, ids: _Ids) -> etree._Element:
    e = etree.Element(w(tag))
    e.set(w("id"), ids())
    e.set(w("author"), "Secretariat")
    e.set(w("date"), "2026-01-15T10:00:00Z")
    return e


def _pieces(p: Para, mode: str) -> list[tuple[str, str, bool]]:
    """(text, change, italic) pieces of a paragraph, label first, for one writing mode."""
    pieces: list[tuple[str, str, bool]] = []
    if p.label:
        pieces.append((p.label + " ", p.label_change, False))
    italic_left = p.italic_words
    for text, change in p.segments:
        if italic_left and change == U:
            head = " ".join(text.split(" ")[:italic_left])
            pieces.append((head, change, True))
            pieces.append((text[len(head):], change, False))
            italic_left = 0
        else:
            pieces.append((text, change, False))
    if mode in ("old", "new"):
        drop = I if mode == "old" else D
        pieces = [(t, U, it) for t, c, it in pieces if c != drop]
    return [x for x in pieces if x[0]]


def _paragraph(p: Para, mode: str, ids: _Ids, notes: list[str]) -> etree._Element | None:
    if mode in ("old", "new") and not p.present(mode):
        return None
    para = etree.Element(w("p"))
    ppr = etree.SubElement(para, w("pPr"))
    style = {"preamble": "Normal", "operative": "Normal", "sub": "ListParagraph"}.get(p.kind)
    if style:
        etree.SubElement(ppr, w("pStyle")).set(w("val"), style)
    if p.kind == "sub":
        etree.SubElement(ppr, w("ind")).set(w("left"), "720")
    if p.centered:
        etree.SubElement(ppr, w("jc")).set(w("val"), "center")
    if mode == "tracked":
        whole = {c for _, c in p.segments} | ({p.label_change} if p.label else set())
        if whole in ({I}, {D}):  # a whole inserted/deleted paragraph: its mark is inserted/deleted too
            etree.SubElement(etree.SubElement(ppr, w("rPr")), w("ins" if whole == {I} else "del")).attrib.update(
                _revision("x", ids).attrib)
    para.set(w("rsidR"), _rsid(ids.n))
    para.set(w("rsidRDefault"), _rsid(1))
    for text, change, italic in _pieces(p, mode):
        for chunk in _chunks(text):  # Word splits runs where editing sessions (rsids) change
            rsid = int(ids())
            if mode == "marks":
                para.append(_run(chunk, underline=change == I, strike=change == D, italic=italic, rsid=rsid))
            elif mode == "tracked" and change != U:
                wrap = _revision("ins" if change == I else "del", ids)
                wrap.append(_run(chunk, italic=italic, deleted=change == D, rsid=rsid))
                para.append(wrap)
            else:
                para.append(_run(chunk, italic=italic, rsid=rsid))
    if p.note:
        notes.append(p.note)
        r = etree.SubElement(para, w("r"))
        rpr = etree.SubElement(r, w("rPr"))
        etree.SubElement(rpr, w("rStyle")).set(w("val"), "FootnoteReference")
        etree.SubElement(rpr, w("vertAlign")).set(w("val"), "superscript")
        etree.SubElement(r, w("footnoteReference")).set(w("id"), str(len(notes)))
    return para


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
</Types>"""
PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
</Relationships>"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
</w:styles>"""


def _footnotes(notes: list[str]) -> bytes:
    root = etree.Element(w("footnotes"), nsmap={"w": W})
    for nid, kind in (("-1", "separator"), ("0", "continuationSeparator")):
        fn = etree.SubElement(root, w("footnote"))
        fn.set(w("type"), kind)
        fn.set(w("id"), nid)
        etree.SubElement(etree.SubElement(etree.SubElement(fn, w("p")), w("r")), w(kind))
    for n, text in enumerate(notes, 1):
        fn = etree.SubElement(root, w("footnote"))
        fn.set(w("id"), str(n))
        p = etree.SubElement(fn, w("p"))
        etree.SubElement(etree.SubElement(p, w("pPr")), w("pStyle")).set(w("val"), "FootnoteText")
        r = etree.SubElement(p, w("r"))
        etree.SubElement(etree.SubElement(r, w("rPr")), w("vertAlign")).set(w("val"), "superscript")
        etree.SubElement(r, w("footnoteRef"))
        p.append(_run(" " + text))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def document_xml(doc: Document, mode: str) -> tuple[bytes, list[str]]:
    """``word/document.xml`` for ``mode`` (marks, tracked, old, new) and the footnote texts it references."""
    root = etree.Element(w("document"), nsmap={"w": W, "r": R})
    body = etree.SubElement(root, w("body"))
    ids = _Ids()
    notes: list[str] = []
    for p in doc.paras:
        para = _paragraph(p, mode, ids, notes)
        if para is not None:
            body.append(para)
    sect = etree.SubElement(body, w("sectPr"))
    size = etree.SubElement(sect, w("pgSz"))
    size.set(w("w"), "11906")
    size.set(w("h"), "16838")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), notes


def write_docx(doc: Document, mode: str, path: Path) -> None:
    xml, notes = document_xml(doc, mode)
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", PACKAGE_RELS)
        z.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        z.writestr("word/document.xml", xml)
        z.writestr("word/styles.xml", STYLES)
        z.writestr("word/footnotes.xml", _footnotes(notes))
    tmp.replace(path)


def critic_text(doc: Document) -> str:
    """The amendment document as CriticMarkup, one paragraph a line, blank lines between."""
    lines = []
    notes = 0
    for p in doc.paras:
        out = []
        for text, change, _ in _pieces(p, "marks"):
            out.append({U: text, I: "{++" + text + "++}", D: "{--" + text + "--}"}[change])
        if p.note:
            notes += 1
            out.append(f"[footnoteRef:{notes}] [{notes}: {p.note}]")
        lines.append("".join(out))
    return "\n\n".join(lines) + "\n"


MODES = ("marks", "tracked", "old", "new")


def write_all(doc: Document, out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    for mode in MODES:
        write_docx(doc, mode, out / f"{mode}.docx")
    (out / "marks.critic.txt").write_text(critic_text(doc), encoding="utf-8")
    info = {"words_old": doc.words("old"), "words_new": doc.words("new"), "paragraphs": len(doc.paras),
            "version": GENERATOR_VERSION}
    (out / "info.json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    return info


def ensure(size: str, seed: int = 1, cache: Path = CACHE) -> Path:
    """The folder holding the inputs of ``size`` (``5k``, ``50k``, ``500k``), generated once and cached."""
    out = cache / f"{size}-s{seed}"
    info = out / "info.json"
    if info.exists():
        try:
            if json.loads(info.read_text())["version"] == GENERATOR_VERSION and all(
                    (out / f"{m}.docx").exists() for m in MODES):
                return out
        except (ValueError, KeyError):
            pass
    write_all(generate(parse_size(size), seed), out)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("size", help="words before amendment: 5k, 50k, 500k or a number")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, help="folder (default: the cache, benchmarks/.cache/<size>-s<seed>)")
    args = ap.parse_args(argv)
    if args.out:
        info = write_all(generate(parse_size(args.size), args.seed), args.out)
        print(args.out, info)
    else:
        print(ensure(args.size, args.seed))


if __name__ == "__main__":
    sys.exit(main())
