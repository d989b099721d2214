"""Whether a paragraph opens with one of the profiles' words: ``DIRECTS``, ``Also recalling``, ``RAPPELANT``.

The profiles list hundreds of verbs and adverbs. As one case-insensitive regular expression each list took
~10 ms to compile in every process (more than reading the bundled sample) and was tried word by word at
every paragraph; here the words are looked up in a dictionary by the paragraph's first word.

What matches is what this regular expression matches, with ``ADVERBS`` and ``WORDS`` the listed words and
phrases (a phrase's words separated by any white space), ``TAIL`` ``(?![-’'])`` for operative words (so
that ``Notes-verbales`` is no verb) and empty for preambular ones::

    ^[\\[(“"]?(?:(?:ADVERBS)\\b[\\s,]+)*(?:(?:WORDS)\\bTAIL|\\w+(?:SUFFIXES)\\b(?![-’']))

case-insensitively, the last branch only where participle ``SUFFIXES`` are given (``ing``, ``ant``...).
A listed word is letters (``\\w``) only, phrases their words separated by spaces: the profile reader
refuses any other (:func:`check_word`).
"""

from __future__ import annotations

import re

from revcop.patterns import compiled

_RUN = compiled(r"\w+")
_SPACES = compiled(r"\s+")
_SEPARATORS = compiled(r"[\s,]+")
_OPENING = ("[", "(", "“", '"')
_NOT_AFTER_VERB = ("-", "’", "'")
_WORD = compiled(r"\w+(?: \w+)*")
_NONE: list[tuple[str, ...]] = []


def check_word(word: str) -> bool:
    """Whether ``word`` can be listed: letters only, a phrase's words separated by single spaces."""
    return _WORD.fullmatch(word) is not None


class Openers:
    """The phrases that may open a paragraph, by their first word, lower-cased."""

    def __init__(self, words, adverbs, *, tail: bool, suffixes: tuple[str, ...] = ()) -> None:
        self._words = _by_first(words)
        self._adverbs = _by_first(adverbs)
        self._tail = tail
        self._suffixes = suffixes

    def match(self, text: str) -> bool:
        """Whether ``text`` opens (after an opening bracket or quote, and any adverbs) with a listed word."""
        frontier = {1 if text.startswith(_OPENING) else 0}
        seen: set[int] = set()
        while frontier:
            pos = frontier.pop()
            seen.add(pos)
            run = _RUN.match(text, pos)
            if run is None:
                continue
            first = run.group().lower()
            for end in _phrase_ends(text, run, self._words.get(first, _NONE)):
                if not (self._tail and text.startswith(_NOT_AFTER_VERB, end)):
                    return True
            if any(len(first) > len(s) and first.endswith(s) for s in self._suffixes):
                if not text.startswith(_NOT_AFTER_VERB, run.end()):
                    return True
            for end in _phrase_ends(text, run, self._adverbs.get(first, _NONE)):
                gap = _SEPARATORS.match(text, end)
                if gap is not None and gap.end() not in seen:
                    frontier.add(gap.end())
        return False


def _by_first(phrases) -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        first, *rest = phrase.lower().split()
        out.setdefault(first, []).append(tuple(rest))
    return out


def _phrase_ends(text: str, run: re.Match, rests: list[tuple[str, ...]]):
    """Where each phrase whose first word is ``run`` ends in ``text`` (its further words follow it, separated
    by white space, each a whole run of letters)."""
    for rest in rests:
        end = run.end()
        for word in rest:
            gap = _SPACES.match(text, end)
            nxt = _RUN.match(text, gap.end()) if gap is not None else None
            if nxt is None or nxt.group().lower() != word:
                break
            end = nxt.end()
        else:
            yield end
