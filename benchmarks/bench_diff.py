"""Seeded synthetic resolution pairs and a timing run of ``revcop.comparison``.

``make_pair(words, seed)`` returns (old, new) Documents of about ``words`` words: a resolution with
preamble and operative paragraphs (some with sub-paragraphs); the new version has ~10 % of paragraphs
edited (word substitutions, insertions, deletions), some paragraphs deleted, inserted and moved.
Run: ``PYTHONPATH=src python benchmarks/bench_diff.py [WORDS ...]`` (default 5000 50000).
"""

from __future__ import annotations

import random
import sys
import time

from revcop.model import Document, Kind, Label, LabelKind, Meta, Paragraph, Part, PartKind, Span

VOCAB = (
    "connectivity ecological networks migratory species habitats conservation Parties Secretariat "
    "restoration corridors protected areas management cooperation transboundary marine inland water "
    "coastal terrestrial flyways barriers infrastructure monitoring assessment guidance implementation "
    "resources capacity research indicators framework targets biodiversity the of and to in for with "
    "on by as including relevant particular important further regional national international"
).split()
OPENERS = ("Urges", "Requests", "Encourages", "Invites", "Calls on", "Also urges", "Further requests")
PREAMBLE = ("Recalling", "Noting", "Recognizing", "Aware", "Welcoming", "Further recognizing")


_SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "de", "gu", "ri", "on", "es")
# A larger vocabulary of made-up words, so that unrelated paragraphs are not similar (as in real text).
RARE = sorted({"".join(random.Random(n).choices(_SYLLABLES, k=3 + n % 3)) for n in range(4000)})


def _word(rng: random.Random) -> str:
    return rng.choice(VOCAB) if rng.random() < 0.5 else rng.choice(RARE)


def _sentence(rng: random.Random, n: int) -> list[str]:
    return [_word(rng) for _ in range(n)]


def _label(value: int, kind: LabelKind = LabelKind.NUMBER) -> Label:
    return Label(kind, value, form="{n}." if kind is LabelKind.NUMBER else "({n})")


def _para(kind: Kind, words: list[str], label: Label | None = None, children=()) -> Paragraph:
    return Paragraph(kind, (Span(" ".join(words)),), label=label, old_label=label,
                     label_spans=(Span(label.render()),) if label else (), children=tuple(children))


def make_document(words: int, seed: int = 1) -> tuple[Document, list[list[str]]]:
    rng = random.Random(seed)
    preamble = []
    operative: list[list[str]] = []
    total = 0
    while total < words:
        n = rng.randint(20, 90)
        if len(preamble) < 12:
            preamble.append([rng.choice(PREAMBLE)] + _sentence(rng, n) + [","])
        else:
            operative.append([rng.choice(OPENERS)] + _sentence(rng, n))
        total += n
    return preamble, operative


def _build(preamble, operative) -> Document:
    paragraphs = [Paragraph(Kind.TITLE, (Span("SYNTHETIC RESOLUTION"),))]
    paragraphs += [_para(Kind.PREAMBLE, " ".join(p).replace(" ,", ",").split()) for p in preamble]
    paragraphs.append(Paragraph(Kind.ENACTING, (Span("The Conference of the Parties"),)))
    paragraphs += [_para(Kind.OPERATIVE, p, _label(i)) for i, p in enumerate(operative, 1)]
    return Document(Meta(instrument="Resolution 99.1", title="SYNTHETIC RESOLUTION"),
                    (Part(PartKind.RESOLUTION, tuple(paragraphs)),))


def edit(operative: list[list[str]], seed: int = 2, rate: float = 0.1) -> list[list[str]]:
    rng = random.Random(seed)
    out = [list(p) for p in operative]
    for p in out:
        if rng.random() < rate:
            for _ in range(rng.randint(1, 4)):
                i = rng.randrange(1, len(p))
                op = rng.random()
                if op < 0.4:
                    p[i] = _word(rng)
                elif op < 0.7:
                    p.insert(i, _word(rng))
                elif len(p) > 3:
                    del p[i]
    for _ in range(max(1, len(out) // 50)):
        del out[rng.randrange(len(out))]
        out.insert(rng.randrange(len(out)), [rng.choice(OPENERS)] + _sentence(rng, rng.randint(20, 60)))
        moved = out.pop(rng.randrange(len(out)))
        out.insert(rng.randrange(len(out)), moved)
    return out


def make_pair(words: int, seed: int = 1) -> tuple[Document, Document]:
    """An old resolution of about ``words`` words and an edited new version (deterministic per seed)."""
    preamble, operative = make_document(words, seed)
    return _build(preamble, operative), _build(preamble, edit(operative, seed + 1))


def main(argv: list[str]) -> None:
    from revcop.comparison import compare

    for words in [int(a) for a in argv] or [5000, 50000]:
        old, new = make_pair(words)
        times = []
        for _ in range(5):
            t = time.perf_counter()
            c = compare(old, new)
            c.annex()  # the annex is part of what is timed
            times.append(time.perf_counter() - t)
        times.sort()
        print(f"{words:>8} words: compare+annex median {times[2] * 1000:.0f} ms  {c.summary}")


if __name__ == "__main__":
    main(sys.argv[1:])
