"""Derive the golden texts of the COP15 sample independently of revcop's code.

A deliberately naive method, written from the conventions in docs/domain.md and the corpus README:
cut Annex 1 out of the CriticMarkup text with plain string operations, accept (or reject) the marks
with two regular expressions, drop the amendment furniture, and renumber the operative paragraphs
with a counter. The adoption line is written out from the meetings in docs/domain.md (COP14 Samarkand,
12-17 February 2024; COP15 Campo Grande, 23-29 March 2026) and put right after the title lines. Run ``python tests/golden/derive.py`` to rewrite the golden files; the test suite
checks that the committed files equal what this derives and what revcop produces.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parents[1] / "resolutions" / "cms" / "14.16" / "UNEP-CMS-COP15-Doc.28.2.txt"
INS = re.compile(r"\{\+\+(.*?)\+\+\}", re.S)
DEL = re.compile(r"\{--(.*?)--\}", re.S)
NUMBERED = re.compile(r"^(\d+)(?: bis\.|\.bis|\.)\s+")
SUB = re.compile(r"^(\([ivx]+\)|[a-z]\)|\([a-z]\))\s+")


def annex_1(text: str) -> list[str]:
    start = text.index("\n ANNEX 1\n")
    end = text.index("UNEP/CMS/COP15/Doc.28.2/Annex 1\n", start)
    return text[start:end].splitlines()


def derive(accept: bool) -> str:
    text = SOURCE.read_text(encoding="utf-8")
    lines = []
    for line in annex_1(text):
        if accept:
            line = INS.sub(r"\1", DEL.sub("", line))
        else:
            line = DEL.sub(r"\1", INS.sub("", line))
        line = re.sub(r"[ \t]+", " ", line).strip()
        line = re.sub(r" ([,.;:])", r"\1", line)
        if line and line not in ("ANNEX 1", "PROPOSED AMENDMENTS TO RESOLUTION 14.16") and not line.startswith("NB:"):
            lines.append(line)
    # the enacting formula is one paragraph printed on two lines
    i = lines.index("The Conference of the Parties to the")
    lines[i : i + 2] = [lines[i] + " " + lines[i + 1]]
    counter = 0
    out = ["Resolution 14.16 (Rev.COP15)" if accept else "Resolution 14.16"]
    for line in lines:
        m = NUMBERED.match(line)
        if m:
            counter += 1
            number = counter if accept else int(m.group(1))
            line = f"{number}. " + line[m.end():]
        else:
            line = SUB.sub(r"\1 ", line)
        out.append(line)
    title = out.index("ECOLOGICAL CONNECTIVITY")
    out.insert(title + 1, ADOPTED + (AMENDED if accept else ""))
    return "\n\n".join(out) + "\n"


ADOPTED = "Adopted by the Conference of the Parties at its 14th Meeting (Samarkand, February 2024)"
AMENDED = " and amended at its 15th Meeting (Campo Grande, March 2026)"

GOLDEN = {"cms-14.16-Rev.COP15.txt": True, "cms-14.16-COP14.txt": False}

if __name__ == "__main__":
    for name, accept in GOLDEN.items():
        (HERE / name).write_text(derive(accept), encoding="utf-8")
        print(f"wrote {HERE / name}", file=sys.stderr)
