"""The profiles' opening words are matched by a dictionary lookup (conventions/openers.py) exactly as by the
regular expression it replaced, which is kept here as the specification."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revcop import conventions
from revcop.conventions.openers import Openers
from tests.real_texts import REAL, need


def _listed() -> tuple[set[str], set[str], set[str]]:
    preamble, operative, adverbs = set(), set(), set()
    for p in conventions.shipped().values():
        for lang in p.data.get("verbs", {}).values():
            preamble.update(w.lower() for w in lang.get("preamble", []))
            operative.update(w.lower() for w in lang.get("operative", []))
            adverbs.update(w.lower() for w in lang.get("adverbs", []))
    return preamble, operative, adverbs


def _alternation(words: set[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


PREAMBLE, OPERATIVE, ADVERBS = _listed()
_ADV = rf"(?:(?:{_alternation(ADVERBS)})\b[\s,]+)*"
SPEC_PREAMBLE = re.compile(rf"^[\[(“\"]?{_ADV}(?:(?:{_alternation(PREAMBLE)})\b|\w+(?:ing|ant|ando|iendo)\b(?![-’']))",
                           re.IGNORECASE)
SPEC_OPERATIVE = re.compile(rf"^[\[(“\"]?{_ADV}(?:{_alternation(OPERATIVE)})\b(?![-’'])", re.IGNORECASE)
WORDS = conventions.vocabulary()


def _same(text: str) -> None:
    assert WORDS.preamble.match(text) == bool(SPEC_PREAMBLE.match(text)), text
    assert WORDS.operative.match(text) == bool(SPEC_OPERATIVE.match(text)), text


@pytest.mark.parametrize("text, preamble, operative", [
    ("DIRECTS the Secretariat", False, True),
    ("Also, further   requests Parties", False, True),
    ("[Further recalling the goals", True, False),
    ("“Calls upon Parties", False, True),
    ("Notes-verbales were sent", False, False),
    ("Recalling", True, False),
    ("Deeply concerned that", True, False),
    ("En outre, DÉCIDE de", False, True),
    ("RAPPELANT sa résolution", True, False),
    ("Pide a la Secretaría", False, True),
    ("ing alone", False, False),
    ("Taking-over", True, False),  # a listed preambular word takes no tail (as the regular expression had it)
    ("Bearing’s", True, False),
    ("Also", False, False),
])
def test_opening_words(text, preamble, operative):
    assert (WORDS.preamble.match(text), WORDS.operative.match(text)) == (preamble, operative)
    _same(text)


_PIECES = sorted(PREAMBLE | OPERATIVE | ADVERBS) + ["x", "ING", "bing", "-", "’", "'", "[", "(", "“", '"', "1."]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(["", " ", "  ", ", ", ",", "\t", "\n"]),
                          st.booleans()), min_size=1, max_size=6))
def test_same_as_the_regular_expression_on_sequences_of_listed_words(parts):
    _same("".join((piece.upper() if upper else piece) + gap for piece, gap, upper in parts))


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=40))
def test_same_as_the_regular_expression_on_any_text(text):
    _same(text)


def test_same_as_the_regular_expression_on_every_line_of_the_real_texts():
    lines = [line for path in sorted(need(REAL).glob("*.txt")) for line in path.read_text(encoding="utf-8").split("\n")]
    assert len(lines) > 500
    for line in lines:
        _same(line)
        _same(line.split(None, 1)[-1] if line.strip() else line)  # after a paragraph's number


def test_phrases_and_adverbs_of_several_words():
    words = Openers(["in the light", "calls upon"], ["once again", "en outre"], tail=True)
    assert words.match("ONCE   AGAIN, In the\\nlight of".replace("\\n", "\n"))
    assert not words.match("once, In the lighthouse")
    assert words.match("en outre, calls upon")
    assert not words.match("in the")
