"""Properties of the whole pipeline on generated CriticMarkup documents (hypothesis).

A generated document: a heading, a title, preambular paragraphs, the enacting formula, operative
paragraphs with sub-paragraphs, random ``{++ ++}``/``{-- --}`` marks inside them, whole paragraphs
inserted (``3 bis.``) or deleted. Through read -> structure -> consolidate/original -> text writer:

* the consolidated text holds, paragraph by paragraph and in order, every non-space character of the
  unchanged and inserted text; the original text those of the unchanged and deleted text;
* no mark leaks into either text;
* the consolidated labels are consecutive (1., 2., ... and (a), (b), ... under each paragraph); the
  original labels are those the generator wrote before the amendments.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from revcop import consolidation as c
from revcop.labels import to_letters
from revcop.readers import critic
from revcop.structure import build
from revcop.writers.text import render

VOCABULARY = ("parties", "species", "habitat", "migratory", "to", "the", "of", "and", "connectivity",
              "networks", "report", "secretariat", "café", "Ukraine's", "non-Parties", "(CMS)", "e.g.")
HEAD = [
    "UNEP/CMS/COP15/Doc.99",
    "PROPOSED AMENDMENTS TO RESOLUTION 14.16",
    "ECOLOGICAL CONNECTIVITY",
]
ENACTING = "The Conference of the Parties to the Convention on the Conservation of Migratory Species of Wild Animals"

WORDS = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=4)
# a piece of running text: (change, words)
PIECE = st.tuples(st.sampled_from(["", "", "+", "-"]), WORDS)
BODY = st.lists(PIECE, min_size=1, max_size=5)
# how a whole paragraph stands: unchanged (with inner marks), inserted whole, deleted whole
WHOLE = st.sampled_from(["", "", "", "+", "-"])
SUB = st.tuples(WHOLE, BODY)
OPERATIVE = st.tuples(WHOLE, BODY, st.lists(SUB, max_size=3))
DOCUMENT = st.tuples(st.lists(BODY, max_size=3), st.lists(OPERATIVE, min_size=1, max_size=6))


def mark(change: str, text: str) -> str:
    return {"": text, "+": f"{{++{text}++}}", "-": f"{{--{text}--}}"}[change]


def chars(body, keep: set[str]) -> str:
    """Non-space characters of the pieces a view keeps."""
    return "".join("".join("".join(words).split()) for change, words in body if change in keep)


def generate(document):
    """(CriticMarkup text, expected consolidated, expected original).

    Each expectation is a list of (label, non-space characters of the paragraph) in order, the label
    the view should show (None for a preambular paragraph).
    """
    preamble, operative = document
    lines = list(HEAD)
    new: list[tuple[str | None, str]] = []
    old: list[tuple[str | None, str]] = []
    for body in preamble:
        lines.append("Recalling " + " ".join(mark(ch, " ".join(w)) for ch, w in body) + ",")
        new.append((None, "Recalling" + chars(body, {"", "+"}) + ","))
        old.append((None, "Recalling" + chars(body, {"", "-"}) + ","))
    lines.append(ENACTING)
    old_number = new_number = 0
    for whole, body, subs in operative:
        if whole == "+":
            if old_number == 0:
                whole = ""  # a bis paragraph needs a paragraph before it
            else:
                bis = sum(1 for line in lines if line.startswith(f"{{++{old_number} "))
                suffix = ("bis", "ter", "quater", "quinquies", "sexies", "septies")[bis]
                label = f"{old_number} {suffix}."
        if whole != "+":
            old_number += 1
            label = f"{old_number}."
        keep_new = whole != "-"
        keep_old = whole != "+"
        text = "Urges " + " ".join(" ".join(w) for ch, w in body) if whole else \
            "Urges " + " ".join(mark(ch, " ".join(w)) for ch, w in body)
        lines.append(mark(whole, f"{label} {text};") if whole else f"{label} {text};")
        pieces = [(whole, words) for _, words in body] if whole else body
        if keep_new:
            new_number += 1
            new.append((f"{new_number}.", "Urges" + chars(pieces, {"", "+"}) + ";"))
        if keep_old:
            old.append((f"{old_number}.", "Urges" + chars(pieces, {"", "-"}) + ";"))
        old_sub = new_sub = 0
        for sub_whole, sub_body in subs:
            if whole:
                sub_whole = whole  # inside a whole inserted or deleted paragraph, all of it is
            old_sub += 1
            sub_label = f"({to_letters(old_sub)})"
            sub_text = " ".join(" ".join(w) for _, w in sub_body) if sub_whole else \
                " ".join(mark(ch, " ".join(w)) for ch, w in sub_body)
            lines.append(mark(sub_whole, f"{sub_label} {sub_text};"))
            sub_pieces = [(sub_whole, w) for _, w in sub_body] if sub_whole else sub_body
            if sub_whole != "-":
                new_sub += 1
                new.append((f"({to_letters(new_sub)})", chars(sub_pieces, {"", "+"}) + ";"))
            if sub_whole != "+":
                old.append((sub_label, chars(sub_pieces, {"", "-"}) + ";"))
    return "\n".join(lines) + "\n", new, old


_LABEL = re.compile(r"^(\d+\.|\([a-z]+\))\s")


def paragraphs(text: str) -> list[tuple[str | None, str]]:
    """(label, non-space characters) of each paragraph of the text output after the enacting formula,
    and of each preambular paragraph."""
    out = []
    for line in text.split("\n\n"):
        line = line.strip()
        m = _LABEL.match(line)
        if m:
            out.append((m.group(1), "".join(line[m.end():].split())))
        elif line.startswith("Recalling"):
            out.append((None, "".join(line.split())))
    return out


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENT)
def test_consolidated_and_original_keep_every_character_in_its_place(document):
    text, expect_new, expect_old = generate(document)
    read = critic.read_text(text, "generated.txt")
    doc = build(read.value, "generated.txt").value
    consolidated = render(c.consolidate(doc).value)
    original = render(c.original(doc).value)
    for out in (consolidated, original):
        for token in ("{++", "++}", "{--", "--}"):
            assert token not in out
    assert consolidated.startswith("Resolution 14.16 (Rev.COP15)\n")
    assert paragraphs(consolidated) == expect_new, text
    assert paragraphs(original) == expect_old, text


def test_a_deleted_first_paragraph_does_not_start_the_numbering_at_2():
    """Found by the property above: the list started at its first surviving label (2.)."""
    text = "\n".join(HEAD + [ENACTING, "{--1. Urges parties;--}", "2. Urges species:", "{--(a) old;--}",
                               "(b) kept;", "3. Requests."]) + "\n"
    doc = build(critic.read_text(text).value).value
    result = c.consolidate(doc)
    assert render(result.value).split("\n\n")[-3:] == ["1. Urges species:", "(a) kept;", "2. Requests.\n"]
    assert dict(result.value.renumbering)["2"] == "1" and dict(result.value.renumbering)["1"] == ""
