"""A second, independent generator of benchmark pairs: UN-style resolutions in prose.

Written apart from ``generate.py`` (no shared code, vocabulary or writer), so that the benchmark's
targets are not tuned to one generator's documents. A document reads like an omnibus resolution of
the General Assembly: a heading block, ``The General Assembly,``, preambular paragraphs that cite
resolutions, reports, dates and figures, then numbered operative paragraphs grouped under section
headings (``I. Implementation ...``), some with ``(a)`` sub-paragraphs and ``(i)`` sub-sub-paragraphs.
Paragraph lengths are drawn from a long-tailed distribution (a few words to a few hundred; about 83
on average: ~605 paragraphs for 50k words, ~6,200 for 500k), in sentences of varying length.

The revision touches about 10 % of the paragraphs, with another mix than ``generate.py``'s: a
resolution number, year or figure updated; a clause added at the end or a sentence inserted; a
phrase deleted; words substituted; punctuation changed; paragraphs moved (some edited on the way),
deleted, and new ``bis`` paragraphs inserted.

Only the clean pair is written (``old.docx``, ``new.docx``: the annex's inputs), as text templates
and zipfile (runs split as Word splits them: label and tab, italic openings, proofing marks,
revision-session ids, bookmarks), plus ``info.json``.

Usage: ``python benchmarks/generate_un.py 50k [--seed 1] [--out DIR]``; :func:`ensure` caches under
``benchmarks/.cache/un-<size>-s<seed>/``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

CACHE = Path(__file__).resolve().parent / ".cache"
VERSION = 1  # bump when the output changes, so cached inputs are regenerated

NOUNS = """
States Member development cooperation assistance capacity-building oceans seas fisheries stocks
vessels jurisdiction navigation pollution debris plastics acidification sea-level rise coral reefs
mangroves ecosystems livelihoods communities women girls youth persons disabilities refugees migrants
institutions mechanisms frameworks partnerships financing investment technology transfer innovation
knowledge science data statistics indicators reporting review follow-up implementation commitments
obligations rights law justice accountability governance transparency participation inclusion equity
poverty hunger health education employment infrastructure energy water sanitation climate disaster
risk reduction resilience adaptation mitigation emissions biodiversity forests land desertification
drought agriculture food security nutrition trade markets debt sustainability recovery pandemic crisis
conflict peace security stability dialogue mediation prevention protection monitoring evaluation
""".split()
ADJECTIVES = """
sustainable inclusive effective coordinated comprehensive integrated timely adequate predictable
voluntary mutually agreed relevant regional subregional national international global multilateral
bilateral technical financial institutional scientific innovative equitable accessible affordable
reliable modern resilient vulnerable developing least developed small island landlocked coastal
""".split()
VERBS = """
strengthen enhance promote support ensure facilitate improve develop implement address consider
continue provide mobilize accelerate integrate coordinate monitor assess review share report
""".split()
LINKS = "and or as well as in particular including through by with for within towards among".split()
PREAMBLE_OPENINGS = [
    "Recalling", "Reaffirming", "Recalling also", "Recognizing", "Recognizing also", "Noting with concern",
    "Noting with appreciation", "Emphasizing", "Stressing", "Welcoming", "Taking note of", "Mindful",
    "Expressing deep concern", "Acknowledging", "Bearing in mind", "Convinced", "Deeply concerned",
]
OPERATIVE_OPENINGS = [
    "Calls upon", "Urges", "Encourages", "Invites", "Requests the Secretary-General", "Decides",
    "Reaffirms", "Stresses", "Welcomes", "Notes with concern", "Emphasizes", "Recognizes",
    "Also calls upon", "Further encourages", "Expresses its appreciation to", "Takes note with appreciation of",
]
ACTORS = ["States", "all States", "Member States", "the international community", "relevant organizations",
          "the organizations and bodies of the United Nations system", "donors", "regional fisheries management organizations",
          "the Secretary-General", "development partners", "the private sector", "civil society"]
SECTIONS = ["Implementation of the commitments", "Capacity-building and technology transfer", "Financing",
            "Science, data and knowledge", "Cooperation and coordination", "Protection and preservation",
            "Follow-up and review", "Partnerships", "Monitoring and reporting", "Institutional arrangements"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
         "XVII", "XVIII", "XIX", "XX"]
SUB_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
LATIN = ["bis", "ter", "quater"]


class Para:
    """One paragraph: ``kind`` (head, preamble, section, operative, sub, subsub), its label and text."""

    __slots__ = ("kind", "label", "text", "opening")

    def __init__(self, kind: str, text: str, label: str = "", opening: int = 0):
        self.kind, self.text, self.label, self.opening = kind, text, label, opening

    def copy(self) -> Para:
        return Para(self.kind, self.text, self.label, self.opening)

    def words(self) -> int:
        return len(self.text.split()) + (1 if self.label else 0)


def parse_size(size: str) -> int:
    size = size.strip().lower()
    if size.endswith("k"):
        return int(float(size[:-1]) * 1000)
    if size.endswith("m"):
        return int(float(size[:-1]) * 1_000_000)
    return int(size)


class Prose:
    """Sentences of UN prose: clauses of verbs, adjectives and nouns, with citations and figures."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def citation(self) -> str:
        r = self.rng
        kind = r.random()
        session = r.randint(55, 79)
        if kind < 0.4:
            return f"its resolution {session}/{r.randint(1, 330)} of {r.randint(1, 28)} {r.choice(MONTHS)} {2000 + session - 55}"
        if kind < 0.6:
            return f"the report of the Secretary-General (A/{session}/{r.randint(60, 420)})"
        if kind < 0.8:
            return f"the 2030 Agenda for Sustainable Development, adopted on {r.randint(1, 28)} {r.choice(MONTHS)} 2015"
        return f"Human Rights Council resolution {r.randint(40, 58)}/{r.randint(1, 40)}"

    def figure(self) -> str:
        r = self.rng
        return r.choice([f"{r.randint(2, 95)} per cent", f"{r.randint(2, 900)} million",
                         f"by {r.choice([2027, 2028, 2030, 2035, 2050])}", f"{r.randint(2, 40)} States"])

    def clause(self, n: int) -> str:
        r = self.rng
        out: list[str] = []
        while len(out) < n:
            pick = r.random()
            if pick < 0.07:
                out += self.citation().split()
            elif pick < 0.11:
                out += self.figure().split()
            elif pick < 0.30:
                out += ["to", r.choice(VERBS)]
            elif pick < 0.50:
                out.append(r.choice(ADJECTIVES))
            elif pick < 0.62:
                out.append(r.choice(LINKS))
            else:
                out.append(r.choice(NOUNS))
        return " ".join(out[:max(n, 1)])

    def sentence(self, n: int) -> str:
        parts = []
        left = n
        while left > 0:
            k = min(left, self.rng.randint(6, 24))
            parts.append(self.clause(k))
            left -= k
        return ", ".join(parts)

    def length(self, mean: float) -> int:
        """A long-tailed paragraph length: lognormal, at least 4 words, at most 12 times the mean."""
        sigma = 0.8
        n = int(self.rng.lognormvariate(math.log(mean) - sigma * sigma / 2, sigma))
        return max(4, min(n, int(mean * 12)))


def generate(words: int, seed: int = 1) -> list[Para]:
    """The OLD resolution of about ``words`` words."""
    rng = random.Random(f"un-{seed}-{words}")
    prose = Prose(rng)
    session = 80
    number = rng.randint(100, 330)
    paras = [
        Para("head", "United Nations"), Para("head", f"A/RES/{session}/{number}"),
        Para("head", "General Assembly"), Para("head", "Distr.: General"),
        Para("head", f"{rng.randint(10, 28)} December 2025"),
        Para("head", "Resolution adopted by the General Assembly on 15 December 2025"),
        Para("head", f"{session}/{number}. Sustainable oceans, fisheries and the law of the sea"),
        Para("head", "The General Assembly,"),
    ]
    count = sum(p.words() for p in paras)
    while count < words * 0.18:
        opening = rng.choice(PREAMBLE_OPENINGS)
        text = f"{opening} {prose.sentence(prose.length(95))},"
        paras.append(Para("preamble", text, opening=len(opening.split())))
        count += paras[-1].words()
    op = 0
    section = 0
    # numbers stay below 1000 as in a real resolution: a very long one has longer lists of sub-paragraphs
    sub_rate = 0.15 if words < 150_000 else 0.45
    while count < words:
        if op % rng.randint(25, 60) == 0 and section < len(ROMAN):
            paras.append(Para("section", f"{ROMAN[section]}. {SECTIONS[section % len(SECTIONS)]}"))
            section += 1
        op += 1
        opening = rng.choice(OPERATIVE_OPENINGS)
        subs = rng.randint(2, 7) if rng.random() < sub_rate else 0
        end = ":" if subs else ";"
        n = prose.length(110)
        text = f"{opening} {rng.choice(ACTORS)} {prose.sentence(n)}" + (
            "" if n < 40 or rng.random() < 0.5 else f". {prose.sentence(prose.length(30)).capitalize()}") + end
        paras.append(Para("operative", text, label=f"{op}.", opening=len(opening.split())))
        count += paras[-1].words()
        for k in range(subs):
            sub = Para("sub", prose.sentence(prose.length(55)) + ";", label=f"({chr(97 + k)})")
            paras.append(sub)
            count += sub.words()
            if rng.random() < 0.12:
                for m in range(rng.randint(2, 4)):
                    paras.append(Para("subsub", prose.sentence(prose.length(25)) + ";", label=f"({SUB_ROMAN[m]})"))
                    count += paras[-1].words()
    paras[-1].text = paras[-1].text.rstrip(";:") + "."
    return paras


def _edit_text(rng: random.Random, prose: Prose, text: str) -> str:
    """One or two edits of another mix than generate.py's: figures, clauses, phrases, punctuation."""
    words = text.split(" ")
    for _ in range(rng.choice((1, 1, 1, 2))):
        kind = rng.random()
        if len(words) < 6:
            words.insert(len(words) - 1, rng.choice(ADJECTIVES))
            continue
        at = rng.randrange(1, len(words) - 2)
        if kind < 0.22:  # a figure or a year updated
            digits = [k for k, w in enumerate(words) if any(c.isdigit() for c in w)]
            if digits:
                k = rng.choice(digits)
                words[k] = "".join(str((int(c) + 1) % 10) if c.isdigit() else c for c in words[k])
            else:
                words[at:at] = prose.figure().split()
        elif kind < 0.42:  # a clause added at the end
            tail = words[-1]
            words[-1] = tail[:-1] + ","
            words += (rng.choice(["including", "in particular", "as appropriate,", "inter alia"]).split()
                      + prose.clause(rng.randint(5, 18)).split())
            words[-1] += tail[-1]
        elif kind < 0.60:  # a phrase deleted
            del words[at:at + rng.randint(2, 9)]
        elif kind < 0.85:  # words substituted
            n = rng.randint(1, 4)
            words[at:at + n] = prose.clause(rng.randint(1, 5)).split()
        else:  # punctuation changed
            w = words[at]
            words[at] = w[:-1] if w.endswith(",") else w + ","
    return " ".join(words)


def revise(old: list[Para], seed: int = 1) -> list[Para]:
    """The NEW version: ~10 % of paragraphs edited, some moved, deleted, and new bis paragraphs."""
    rng = random.Random(f"un-revise-{seed}-{len(old)}")
    prose = Prose(rng)
    out: list[Para] = []
    carried: list[Para] = []  # moved paragraphs, placed a little later
    bis: dict[str, int] = {}
    i = 0
    while i < len(old):
        p = old[i].copy()
        group = [p]  # a paragraph with its sub-paragraphs moves or goes as one
        if p.kind == "operative":
            while i + len(group) < len(old) and old[i + len(group)].kind in ("sub", "subsub"):
                group.append(old[i + len(group)].copy())
        i += len(group)
        roll = rng.random()
        if p.kind in ("head", "section"):
            out += group
            continue
        if p.kind == "operative" and roll < 0.008:
            continue  # deleted, with its sub-paragraphs
        if p.kind in ("operative", "preamble") and roll < 0.02 and len(group) == 1:
            if rng.random() < 0.5:
                p.text = _edit_text(rng, prose, p.text)
            carried.append(p)  # moved
            continue
        for q in group:
            if rng.random() < 0.10:
                q.text = _edit_text(rng, prose, q.text)
        out += group
        if p.kind == "operative" and carried and rng.random() < 0.3:
            moved = carried.pop(0)
            if moved.kind == "preamble":
                out.append(moved)
            else:
                base = p.label.rstrip(".")
                n = bis.get(base, 0)
                bis[base] = n + 1
                moved.label = f"{base} {LATIN[min(n, 2)]}."
                out.append(moved)
        elif p.kind == "operative" and rng.random() < 0.012:
            base = p.label.rstrip(".")
            n = bis.get(base, 0)
            bis[base] = n + 1
            opening = rng.choice(OPERATIVE_OPENINGS)
            out.append(Para("operative", f"{opening} {rng.choice(ACTORS)} {prose.sentence(prose.length(60))};",
                            label=f"{base} {LATIN[min(n, 2)]}.", opening=len(opening.split())))
    out += carried
    return out


# --- writer: text templates, as Word splits runs --------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RPR = '<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>{extra}<w:sz w:val="20"/><w:lang w:val="en-US"/></w:rPr>'


def _run(text: str, rsid: int, extra: str = "") -> str:
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f'<w:r w:rsidRPr="{rsid:08X}">{RPR.format(extra=extra)}<w:t{space}>{escape(text)}</w:t></w:r>'


def _runs(text: str, rng: random.Random, opening: int) -> list[str]:
    """The runs of a paragraph's text: the italic opening, then pieces of 5 to 40 words, proofing marks between."""
    words = text.split(" ")
    out = []
    if opening:
        out.append(_run(" ".join(words[:opening]), rng.getrandbits(31), "<w:i/>"))
        words = words[opening:]
        words[0] = " " + words[0]
    k = 0
    while k < len(words):
        n = rng.randint(5, 40)
        piece = " ".join(words[k:k + n]) + (" " if k + n < len(words) else "")
        if rng.random() < 0.05:
            out.append('<w:proofErr w:type="spellStart"/>')
        out.append(_run(piece, rng.getrandbits(31)))
        k += n
    return out


def _paragraph(p: Para, rng: random.Random, n: int) -> str:
    style = {"head": "Heading", "section": "SectionHeading", "preamble": "Preamble", "operative": "Operative",
             "sub": "SubPara", "subsub": "SubSubPara"}[p.kind]
    indent = {"sub": 1134, "subsub": 1701}.get(p.kind)
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/>' + (f'<w:ind w:left="{indent}"/>' if indent else "") + "</w:pPr>"
    body = []
    if p.label:
        body.append(_run(p.label, rng.getrandbits(31)))
        body.append('<w:r><w:tab/></w:r>')
    body += _runs(p.text, rng, p.opening)
    if rng.random() < 0.01:
        body.insert(0, f'<w:bookmarkStart w:id="{n}" w:name="_Ref{n:07d}"/>')
        body.append(f'<w:bookmarkEnd w:id="{n}"/>')
    return f'<w:p w:rsidR="{rng.getrandbits(31):08X}">{ppr}{"".join(body)}</w:p>'


def document_xml(paras: list[Para], seed: int) -> bytes:
    rng = random.Random(f"un-xml-{seed}")
    body = "".join(_paragraph(p, rng, n) for n, p in enumerate(paras))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}"><w:body>'
            f'{body}<w:sectPr><w:pgSz w:w="12240" w:h="15840"/></w:sectPr></w:body></w:document>').encode("utf-8")


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>""" + "".join(
    f'<w:style w:type="paragraph" w:styleId="{s}"><w:name w:val="{s}"/><w:basedOn w:val="Normal"/></w:style>'
    for s in ("Heading", "SectionHeading", "Preamble", "Operative", "SubPara", "SubSubPara")) + "</w:styles>"


def write_docx(paras: list[Para], path: Path, seed: int) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/document.xml", document_xml(paras, seed))
        z.writestr("word/styles.xml", STYLES)
    tmp.replace(path)


def write_all(words: int, seed: int, out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    old = generate(words, seed)
    new = revise(old, seed)
    write_docx(old, out / "old.docx", seed)
    write_docx(new, out / "new.docx", seed + 1)
    info = {"words_old": sum(p.words() for p in old), "words_new": sum(p.words() for p in new),
            "paragraphs_old": len(old), "paragraphs_new": len(new), "version": VERSION}
    (out / "info.json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    return info


def ensure(size: str, seed: int = 1, cache: Path = CACHE) -> Path:
    """The folder holding ``old.docx`` and ``new.docx`` of ``size``, generated once and cached."""
    out = cache / f"un-{size}-s{seed}"
    info = out / "info.json"
    if info.exists() and (out / "old.docx").exists() and (out / "new.docx").exists():
        try:
            if json.loads(info.read_text())["version"] == VERSION:
                return out
        except (ValueError, KeyError):
            pass
    write_all(parse_size(size), seed, out)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("size", help="words of the old version: 5k, 50k, 500k or a number")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, help="folder (default: the cache, benchmarks/.cache/un-<size>-s<seed>)")
    args = ap.parse_args(argv)
    if args.out:
        print(args.out, write_all(parse_size(args.size), args.seed, args.out))
    else:
        print(ensure(args.size, args.seed))


if __name__ == "__main__":
    sys.exit(main())
