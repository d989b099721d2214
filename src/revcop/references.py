"""Cross-references inside a resolution: find them, and make them follow the renumbering.

:func:`find` turns text into typed :class:`Match` objects (which words refer to which paragraphs);
:func:`rewrite` applies a renumbering map to every internal reference of a part. The rules (also in
docs/checks.md):

* A reference starts with ``paragraph(s)``, ``sub-paragraph(s)``/``subparagraph(s)``, ``para.``/``paras.``
  or ``operative paragraph(s)``, followed by one or more targets: a number with an optional latin
  suffix and sub-paragraph letters (``14``, ``11 bis``, ``6 (b)``, ``6(b)(ii)``, ``6 b)``), or letters
  alone (``(d)``). Targets are joined by ``,`` ``and`` ``or`` (a list) or ``to`` ``through`` ``-`` ``–``
  (a range). Items joined by commas only must be closed by ``and``/``or`` (``paragraphs 3, 4 and 7``);
  otherwise only the first target counts (``paragraph 5, 30 Parties`` refers to paragraph 5 alone).
* ``sub-paragraph (b) of paragraph 6`` and ``paragraph 6 (a) and (b)`` name sub-paragraphs of 6; letters
  alone (``subparagraph (d) above``) are relative to the paragraph the reference sits in: its own
  sub-paragraphs first, then its siblings, then further up.
* A reference to another instrument never changes: one followed by ``of``/``in``/``under`` and a
  capitalised word or an instrument word (``paragraph 3 of Resolution 12.2``, ``paragraph 5 of the
  Convention``, ``paragraph 2 of Annex 1 to this Resolution``, ``paragraph 4 of the guidelines``) except
  ``of this Resolution``/``of the present Resolution``/``of this paragraph``; one preceded by an
  instrument and a comma (``Article III, paragraph 4``) or by ``its``/``their``; ``preambular
  paragraph``. ``Decision 14.195``, ``Article III.4``, ``Target 3`` and ``Annex 1 of ...`` are not
  paragraph references at all.
* The map's keys are labels as the amendment document knows them (old numbers and ``bis`` labels:
  ``11 bis``, ``14 b``), the values consolidated labels, ``""`` for a deleted paragraph
  (:func:`revcop.consolidation.renumber`). Text inserted by the amendments uses the same numbering.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from revcop import labels
from revcop.model import CrossReference, LabelKind, Message, Note, Paragraph, Part, Span
from revcop.patterns import compiled, on_first_use
from revcop.records import dataclass

_SUFFIX = "|".join(sorted(labels.SUFFIXES, key=len, reverse=True))
_SP = r"[ \u00a0]"
_KEYWORD = compiled(
    rf"(?<![\w-])(?P<kw>(?:(?P<pre>operative|preambular){_SP}+)?(?P<sub>sub[- ]?)?"
    rf"(?:paragraphs?|paras?\.?(?={_SP}))){_SP}*",
    re.IGNORECASE,
)
_NUMBER = compiled(rf"(?P<n>\d{{1,3}})(?:{_SP}?(?P<x>{_SUFFIX}))?(?![\w]|[.,]\d)", re.IGNORECASE)
_SUB = compiled(
    rf"{_SP}?\((?P<n>(?P<l>[a-z])(?P=l)?|[ivxlc]{{1,6}}|[A-Z])(?:{_SP}?(?P<x>{_SUFFIX}))?\)", re.IGNORECASE,
)
# "6 b)" (a letter with only a closing parenthesis) right after a number
_SUB_CLOSE = on_first_use(rf"{_SP}(?P<n>(?P<l>[a-z])(?P=l)?|[ivxlc]{{1,6}})(?:{_SP}?(?P<x>{_SUFFIX}))?\)(?!\w)")
_LIST = on_first_use(rf"{_SP}*,{_SP}*(?:(?P<word>and|or){_SP}+)?|{_SP}+(?P<word2>and/or|and|or){_SP}+")
_RANGE = on_first_use(rf"{_SP}*[-–]{_SP}*|{_SP}+(?:to|through){_SP}+")
_OF_PARAGRAPH = on_first_use(rf"{_SP}+of{_SP}+(?:operative{_SP}+)?paragraph{_SP}+", re.IGNORECASE)
_COMMA_SUB = on_first_use(rf"{_SP}*,{_SP}*sub[- ]?paragraphs?{_SP}+", re.IGNORECASE)
_INSTRUMENT_WORDS = (
    r"resolutions?|decisions?|recommendations?|articles?|annex(?:es)?|appendi(?:x|ces)|documents?|"
    r"conventions?|agreements?|protocols?|plans?|framework|memorand(?:um|a)|guidelines|preamble|"
    r"strategy|programme|report"
)
_EXTERNAL_AFTER = on_first_use(
    rf"{_SP}*,?{_SP}+(?:of|in|under){_SP}+"
    rf"(?!(?i:this|the{_SP}+present){_SP}+(?i:resolution|text|paragraph|sub-?paragraph)\b)"
    rf"(?:(?i:the|its|their){_SP}+)?(?:[A-Z]|(?i:{_INSTRUMENT_WORDS})\b)"
)
_EXTERNAL_BEFORE = on_first_use(
    rf"(?:(?:Resolution|Résolution|Resolución|Decision|Décision|Decisión|Recommendation|Article|Artículo|Annex"
    rf"|Appendix)(?:{_SP}+(?:Conf\.{_SP}*)?[\w./-]+"
    rf"(?:{_SP}*\([^)]*\))?)?|Convention|Agreement){_SP}*,{_SP}*$|\b(?i:its|their){_SP}+$"
)


@dataclass(frozen=True)
class Token:
    """A label written in a reference: ``start``/``end`` cover the number or letters only (``11 bis``,
    the ``b`` of ``(b)``), so a rewrite keeps the parentheses and spacing as written."""

    start: int
    end: int
    name: str  # canonical name as in the renumbering map: "11 bis", "b", "b bis", "iv"


@dataclass(frozen=True)
class Target:
    """One paragraph a reference points at: its tokens from the outermost level inward.

    ``relative`` when the first token is a sub-paragraph letter and no paragraph number was written
    (``subparagraph (d) above``): the path is completed from the paragraph holding the reference.
    """

    tokens: tuple[Token, ...]
    relative: bool
    range_from_previous: bool = False  # "3 to 5": the target 5 ends a range starting at the previous one


@dataclass(frozen=True)
class Match:
    """A reference found in a text: ``text[start:end]`` and the paragraphs it points at."""

    start: int
    end: int
    text: str
    targets: tuple[Target, ...]
    external: bool  # refers to another instrument (never rewritten)


def _name(m: re.Match) -> str:
    n = m.group("n")
    x = m.group("x")
    if n.isdigit():
        n = str(int(n))
    return f"{n} {x.lower()}" if x else n


def _token(m: re.Match) -> Token:
    end = m.end("x") if m.group("x") else m.end("n")
    return Token(m.start("n"), end, _name(m))


def _target(text: str, pos: int, in_list: bool = False) -> tuple[Target, int] | None:
    """A target at ``pos``; ``in_list`` also accepts a letter with a closing parenthesis only
    (``c)`` in ``paragraph 6 b) and c)``)."""
    tokens: list[Token] = []
    m = _NUMBER.match(text, pos)
    if m:
        tokens.append(_token(m))
        pos = m.end()
        sub = _SUB.match(text, pos) or _SUB_CLOSE.match(text, pos)
    else:
        sub = _SUB.match(text, pos) or (_SUB_CLOSE.match(text, pos - 1) if in_list and pos else None)
        if sub is None or sub.start("n") - pos > 2:
            return None
    while sub:
        tokens.append(_token(sub))
        pos = sub.end()
        sub = _SUB.match(text, pos)
    if not tokens:
        return None
    return Target(tuple(tokens), relative=m is None), pos


def _inherit(target: Target, previous: Target) -> Target:
    """``paragraph 6 (a) and (b)``: letters alone after a numbered target continue its path."""
    if target.relative and not previous.relative and len(previous.tokens) > len(target.tokens):
        prefix = previous.tokens[: len(previous.tokens) - len(target.tokens)]
        return replace(target, tokens=(*prefix, *target.tokens), relative=False)
    return target


def find(text: str) -> list[Match]:
    """Every paragraph reference in ``text``, internal and external, in order."""
    out: list[Match] = []
    pos = 0
    while True:
        k = _KEYWORD.search(text, pos)
        if k is None:
            return out
        first = _target(text, k.end())
        if first is None:
            pos = k.end()
            continue
        targets = [first[0]]
        end = first[1]
        closed = 0  # how many targets are confirmed by an "and"/"or" or a range
        while True:
            c = _RANGE.match(text, end)
            is_range = c is not None
            if c is None:
                c = _LIST.match(text, end)
            if c is None:
                break
            nxt = _target(text, c.end(), in_list=True)
            if nxt is None:
                break
            bare = not is_range and not (c.groupdict().get("word") or c.groupdict().get("word2"))
            target = _inherit(nxt[0], targets[-1])
            targets.append(replace(target, range_from_previous=is_range))
            end = nxt[1]
            if not bare:
                closed = len(targets)
        if len(targets) > max(closed, 1):
            # trailing items joined by bare commas only: "paragraph 5, 30 per cent" is paragraph 5
            keep = max(closed, 1)
            targets = targets[:keep]
            end = _end_of(text, k.end(), targets)
        of = _OF_PARAGRAPH.match(text, end)
        if of and all(t.relative for t in targets):
            parent = _target(text, of.end())
            if parent is not None and not parent[0].relative:
                targets = [replace(t, tokens=(*parent[0].tokens, *t.tokens), relative=False) for t in targets]
                end = parent[1]
        elif len(targets) == 1 and not targets[0].relative:
            cs = _COMMA_SUB.match(text, end)
            sub = _target(text, cs.end()) if cs else None
            if sub is not None and sub[0].relative:
                targets = [replace(sub[0], tokens=(*targets[0].tokens, *sub[0].tokens), relative=False)]
                end = sub[1]
        external = bool(
            (k.group("pre") or "").lower() == "preambular"
            or _EXTERNAL_AFTER.match(text, end)
            or _EXTERNAL_BEFORE.search(text[max(0, k.start() - 80) : k.start()])
        )
        out.append(Match(k.start(), end, text[k.start() : end], tuple(targets), external))
        pos = end


def _end_of(text: str, start: int, targets: list[Target]) -> int:
    """Where the last kept target ends (its last token and a closing parenthesis if any)."""
    end = max(t.tokens[-1].end for t in targets)
    if text[end : end + 1] == ")":
        end += 1
    return max(end, start)


# -- rewriting ------------------------------------------------------------------------------------


def _resolve(target: Target, context: tuple[str, ...], known) -> tuple[str, ...] | None:
    """The path (names from the outermost level) a target points at, or None if none exists."""
    names = tuple(t.name for t in target.tokens)
    if not target.relative:
        return names
    for i in range(len(context), -1, -1):
        path = (*context[:i], *names)
        if " ".join(path) in known:
            return path
    return None


def _order(name: str) -> tuple[int, int] | None:
    head, _, suffix = name.partition(" ")
    if not head.isdigit() or (suffix and suffix not in labels.SUFFIXES):
        return None
    return int(head), (labels.SUFFIXES.index(suffix) + 1 if suffix else 0)


def _siblings(mapping: dict[str, str]) -> dict[tuple[str, ...], list[tuple[tuple[int, int], str, str]]]:
    """Numbered keys of the map grouped by their parent path, in label order (for ranges)."""
    index: dict[tuple[str, ...], list[tuple[tuple[int, int], str, str]]] = {}
    for key, new in mapping.items():
        path = split_name(key)
        o = _order(path[-1])
        if o is not None:
            index.setdefault(tuple(path[:-1]), []).append((o, key, new))
    for items in index.values():
        items.sort()
    return index


def _range_notes(first: tuple[str, ...], last: tuple[str, ...], siblings) -> list[str]:
    """Paragraphs inserted or deleted inside a numeric range ``3 to 5`` (the range's meaning moved)."""
    if first[:-1] != last[:-1]:
        return []
    a, b = _order(first[-1]), _order(last[-1])
    if a is None or b is None or a >= b:
        return []
    items = siblings.get(tuple(first[:-1]), [])
    notes = []
    for o, key, new in items[bisect.bisect_right(items, (a, "\uffff", "")) :]:
        if o >= b:
            break
        if new == "":
            notes.append(f"paragraph {key}, inside the range, is deleted")
        elif o[1]:
            was = f" (numbered {key} in the amendments)" if key != new else ""
            notes.append(f"the range now also covers paragraph {new}{was}, inserted by the amendments")
    return notes


@dataclass
class _Outcome:
    """What rewriting one cross-reference gave: the new text, its status and targets."""

    new_text: str
    status: str
    targets: tuple[tuple[str, str | None], ...]
    problem: str = ""


def _apply(text: str, m: Match, context: tuple[str, ...] | None, mapping: dict[str, str], siblings) -> _Outcome:
    known = mapping.keys()
    chosen: dict[tuple[int, int], str] = {}
    targets: list[tuple[str, str | None]] = []
    problems: list[str] = []
    status = "unchanged"
    previous_path: tuple[str, ...] | None = None
    for target in m.targets:
        if target.relative and context is None:
            return _Outcome(m.text, "ambiguous", (), "sub-paragraph letters alone in a paragraph that is not numbered")
        path = _resolve(target, context or (), known)
        if path is None:
            names = " ".join(t.name for t in target.tokens)
            targets.append((names, None))
            problems.append(f"there is no paragraph {names}" if not target.relative
                            else f"no sub-paragraph ({names}) near this paragraph")
            status = "missing"
            previous_path = None
            continue
        key = " ".join(path)
        if key not in mapping:
            targets.append((key, None))
            problems.append(f"there is no paragraph {key}")
            status = "missing"
            previous_path = None
            continue
        new = mapping[key]
        targets.append((key, new))
        if new == "":
            problems.append(f"paragraph {key} is deleted by the amendments")
            if status != "missing":
                status = "deleted"
            previous_path = None
            continue
        if target.range_from_previous and previous_path is not None:
            problems += _range_notes(previous_path, path, siblings)
        previous_path = path
        new_parts = split_name(new)
        if len(new_parts) != len(path):
            return _Outcome(m.text, "ambiguous", tuple(targets), f"paragraph {key} became {new!r}")
        for token, name in zip(target.tokens, new_parts[len(path) - len(target.tokens) :]):
            span = (token.start, token.end)
            if chosen.setdefault(span, name) != name:
                return _Outcome(m.text, "ambiguous", tuple(targets),
                                f"{text[token.start:token.end]!r} would become both {chosen[span]!r} and {name!r}")
    out = []
    pos = m.start
    for (start, end), name in sorted(chosen.items()):
        out.append(text[pos:start])
        current = text[start:end]
        same = " ".join(current.split()).lower() == name.lower() or _canonical(current) == name
        out.append(current if same else name)
        pos = end
    out.append(text[pos : m.end])
    new_text = "".join(out)
    if new_text != m.text and status == "unchanged":
        status = "rewritten"
    return _Outcome(new_text, status, tuple(targets), "; ".join(problems))


def _canonical(written: str) -> str:
    m = _NUMBER.fullmatch(written) or re.fullmatch(rf"(?P<n>[a-z]{{1,6}}|[A-Z])(?:{_SP}?(?P<x>{_SUFFIX}))?", written)
    return _name(m) if m else written


def display(name: str) -> str:
    """A map name as a reader writes it: ``14 b`` -> ``14 (b)``, ``11 bis`` stays."""
    head, *subs = split_name(name)
    return head + "".join(f" ({s})" for s in subs)


def split_name(name: str) -> list[str]:
    """``"11 bis b"`` -> ``["11 bis", "b"]``: a map name as its path; a suffix belongs to the name before it."""
    out: list[str] = []
    for n in name.split(" "):
        if n.lower() in labels.SUFFIXES and out:
            out[-1] += " " + n
        else:
            out.append(n)
    return out


def _naming(instrument: str) -> re.Pattern | None:
    """``of Resolution 14.16`` after a reference: the text names the resolution being consolidated."""
    if not instrument:
        return None
    words = r"[ \u00a0]+".join(re.escape(w) for w in instrument.split())
    return re.compile(rf"{_SP}*,?{_SP}+(?:of|in|under){_SP}+(?:the{_SP}+)?(?i:{words})(?![\d]|\.\d)")


def rewrite_text(text: str, context: tuple[str, ...] | None, mapping: dict[str, str], siblings=None,
                 instrument: str = ""):
    """Rewrite the internal references of one text: (new text, [(offset in new text, Match, outcome)]).

    ``context`` is the path of the paragraph holding the text (for relative references) or None;
    ``siblings`` the map's :func:`_siblings` index when the caller rewrites many texts with one map;
    ``instrument`` the resolution being consolidated (``Resolution 14.16``): a reference naming it
    (``paragraph 5 of Resolution 14.16``) is left as written and reported as ``ambiguous``, since it
    may mean the text before or after the amendments.
    """
    if siblings is None:
        siblings = _siblings(mapping)
    naming = _naming(instrument)
    out: list[str] = []
    found = []
    pos = 0
    length = 0
    for m in find(text):
        if m.external and naming is not None and naming.match(text, m.end):
            outcome = _Outcome(m.text, "ambiguous", (), f"it names {instrument}, the resolution being "
                               "consolidated: revcop leaves it as written; should it follow the renumbering?")
        elif m.external:
            continue
        else:
            outcome = _apply(text, m, context, mapping, siblings)
        out.append(text[pos : m.start])
        length += m.start - pos
        found.append((length, m, outcome))
        out.append(outcome.new_text)
        length += len(outcome.new_text)
        pos = m.end
    out.append(text[pos:])
    return "".join(out), found


def rewrite(part: Part, mapping: dict[str, str], instrument: str = "") -> tuple[Part, list[CrossReference], list[Message]]:
    """Make every internal reference of ``part`` (already renumbered) follow ``mapping``.

    ``mapping``: amendment-document label -> consolidated label (``""`` for deleted paragraphs), as
    :attr:`Document.renumbering`. Each paragraph's own amendment-document label (the context of a
    relative reference) is found by inverting the map. Returns the part, one :class:`CrossReference`
    per internal reference found, and messages: ``info`` for each rewrite, ``warning`` for each
    reference left as written because its target is deleted, missing or unclear. ``instrument``:
    see :func:`rewrite_text`.
    """
    inverse = {new: old for old, new in mapping.items() if new}
    siblings = _siblings(mapping)
    records: list[CrossReference] = []
    messages: list[Message] = []

    def spans_of(spans: tuple[Span, ...], context, name: str, source: str, note: str) -> tuple[Span, ...]:
        out: list[Span] = []
        offset = 0
        for span in spans:
            if span.note is not None:
                note_spans = spans_of(span.note.spans, context, name, source, span.note.marker)
                out.append(replace(span, note=Note(span.note.marker, note_spans, span.note.endnote)))
                offset += len(span.text)
                continue
            new_text, found = rewrite_text(span.text, context, mapping, siblings, instrument)
            for at, m, outcome in found:
                record = CrossReference(name, source, offset + at, m.text, outcome.new_text, outcome.status,
                                        outcome.targets, note, outcome.problem)
                records.append(record)
                messages.extend(_messages(record))
            out.append(replace(span, text=new_text) if new_text != span.text else span)
            offset += len(new_text)
        return tuple(out)

    def walk(p: Paragraph, new_path: tuple[str, ...], context) -> Paragraph:
        own = _name_of(p)
        if own is not None:
            new_path = (*new_path, own)
            old = inverse.get(" ".join(new_path))
            context = tuple(split_name(old)) if old else None
        name = " ".join(new_path)
        spans = spans_of(p.spans, context, name, p.source, "")
        children = tuple(walk(c, new_path, context) for c in p.children)
        return replace(p, spans=spans, children=children)

    paragraphs = tuple(walk(p, (), None) for p in part.paragraphs)
    return replace(part, paragraphs=paragraphs), records, messages


def _messages(record: CrossReference) -> list[Message]:
    problem = record.problem
    holder = f"paragraph {display(record.paragraph)}" if record.paragraph else "unnumbered paragraph"
    if record.note:
        holder += f", footnote {record.note}"
    out = []
    if record.new != record.old:
        out.append(Message(f"{holder}: cross-reference {record.old!r} rewritten as {record.new!r}", record.source, "info"))
    if problem:
        left = " (left as written)" if record.new == record.old and record.status != "unchanged" else ""
        out.append(Message(f"{holder}: cross-reference {record.old!r}{left}: {problem}; check it", record.source))
    return out


#: Words that open a paragraph reference in the languages :func:`find` does not read, each followed by
#: a number or a letter in parentheses (``paragraphe 3``, ``alinéa b)``, ``párrafos 2 y 3``, ``apartado (a)``).
_TARGET_WRITTEN = rf"(?:\d{{1,3}}(?!\d)(?:{_SP}?(?:{_SUFFIX})(?!\w))?|\(?[a-z]\))"
_OTHER_LANGUAGE_REFERENCE = {
    "fr": on_first_use(rf"(?<![\w-])(?:sous-)?(?:paragraphes?|alinéas?){_SP}+{_TARGET_WRITTEN}", re.IGNORECASE),
    "es": on_first_use(rf"(?<![\w-])(?:sub)?(?:párrafos?|apartados?|incisos?){_SP}+{_TARGET_WRITTEN}",
                       re.IGNORECASE),
}
#: What makes such a reference one to another instrument, as :data:`_EXTERNAL_AFTER` in English: ``of`` and
#: a capitalised word or an instrument word (``paragraphe 3 de la résolution 12.2``, ``párrafo 3 del
#: Artículo IV``), but not the present text (``de la présente résolution``, ``de la presente resolución``).
_OTHER_LANGUAGE_EXTERNAL = {
    "fr": on_first_use(
        rf"{_SP}*,?{_SP}+(?:(?:de{_SP}+la|du|des|de){_SP}+|de{_SP}+l['’]{_SP}*)(?!(?i:présente?|ce|cette){_SP})"
        rf"(?:[A-Z]|(?i:résolutions?|décisions?|recommandations?|articles?|annexes?|appendices?|documents?|"
        rf"conventions?|accords?|protocoles?|plans?|cadre|mémorandums?|lignes{_SP}+directrices|préambule|"
        rf"stratégie|programme|rapport)\b)"
    ),
    "es": on_first_use(
        rf"{_SP}*,?{_SP}+(?:de{_SP}+la|de{_SP}+las|de{_SP}+los|del|de){_SP}+(?!(?i:presente|este|esta){_SP})"
        rf"(?:[A-Z]|(?i:resoluci(?:ón|ones)|decisi(?:ón|ones)|recomendaci(?:ón|ones)|artículos?|anexos?|"
        rf"apéndices?|documentos?|convenci(?:ón|ones)|acuerdos?|protocolos?|plan(?:es)?|marco|memorandos?|"
        rf"directrices|preámbulo|estrategia|programa|informe)\b)"
    ),
}


def unrewritten(part: Part, mapping: dict[str, str], language: str) -> list[Message]:
    """A warning for each place of ``part`` (consolidated, its paragraphs renumbered by ``mapping``) that
    reads as a paragraph reference in ``language`` when that is French or Spanish: :func:`rewrite` follows
    the renumbering in references written in English only, so such a reference may now name another
    paragraph (``paragraphe 3`` where paragraph 3 became 4). Nothing where no label changed.

    revcop does not guess what these references mean; it says where they are.
    """
    found = _OTHER_LANGUAGE_REFERENCE.get(language)
    if found is None or all(old == new for old, new in mapping.items()):
        return []
    external = _OTHER_LANGUAGE_EXTERNAL[language]
    messages: list[Message] = []

    def look(text: str, holder: str, source: str) -> None:
        for m in found.finditer(text):
            if external.match(text, m.end()) or _EXTERNAL_BEFORE.search(text[max(0, m.start() - 80):m.start()]):
                continue  # a paragraph of another instrument (``Article XI, paragraphe 3``): not renumbered
            messages.append(Message(
                f"{holder}: {m.group()!r} may refer to a paragraph the renumbering moved; revcop rewrites "
                "cross-references written in English only: check it", source))

    def walk(ps: tuple[Paragraph, ...], path: str) -> None:
        for p in ps:
            own = _name_of(p)
            name = path if own is None else f"{path} {own}".strip()
            holder = f"paragraph {display(name)}" if name else "unnumbered paragraph"
            look(p.text, holder, p.source)
            for s in p.spans:
                if s.note is not None:
                    look(s.note.text, f"{holder}, footnote {s.note.marker}", p.source)
            walk(p.children, name)

    walk(part.paragraphs, "")
    return messages


def _name_of(p: Paragraph) -> str | None:
    """The name references give ``p`` within its parent (``11 bis``, ``b``): a labelled operative
    paragraph's or sub-paragraph's; None for any other (decisions keep their numbers)."""
    if p.label is None or p.label.kind is LabelKind.DECISION or not p.numbered:
        return None
    return labels.name(p.label)


def identity_map(part: Part) -> dict[str, str]:
    """Each numbered paragraph's name mapped to itself: the map of a text that is not renumbered."""
    out: dict[str, str] = {}

    def walk(ps, path):
        for p in ps:
            own = _name_of(p)
            if own is not None:
                name = path + own
                out[name] = name
                walk(p.children, name + " ")
            else:
                walk(p.children, path)

    walk(part.paragraphs, "")
    return out
