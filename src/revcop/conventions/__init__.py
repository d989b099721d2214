"""Convention profiles: what each treaty body writes, as data (one TOML file per body in this folder).

A profile says how a body designates its instruments (``Resolution Conf. 13.3``, ``Decision XIV/5``), how it
marks a revision (``(Rev. CoP19)``), its enacting formulas, preambular and operative verbs, how its paragraphs
end, the wording of its adoption line and its meetings, and how its published documents look. ``neutral.toml``
holds the vocabulary every body shares; a body's profile adds its own. A user adds a body without touching
code: ``--profile FILE.toml`` (the format: docs/conventions.md).

A fact that has not been checked against the body's own documents is listed in the profile's
``unverified`` list; revcop then warns rather than write wording the body may not use.
"""

from __future__ import annotations

import contextvars
import re
from dataclasses import field
from functools import lru_cache
from pathlib import Path
from typing import Any

from revcop import toml
from revcop.conventions.openers import Openers, check_word
from revcop.errors import InputError
from revcop.patterns import compiled
from revcop.records import dataclass

_HERE = Path(__file__).parent
#: The profile forced for the command being run (``--convention`` / ``--profile``), None to detect.
_FORCED: contextvars.ContextVar[Profile | None] = contextvars.ContextVar("revcop_convention", default=None)
LANGUAGES = ("en", "fr", "es")
LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish"}


@dataclass(frozen=True)
class Profile:
    """One body's conventions, read from a TOML file."""

    name: str
    data: dict = field(repr=False, compare=False, hash=False)
    path: str = ""

    @property
    def title(self) -> str:
        return str(self.data.get("convention", {}).get("title", self.name))

    @property
    def family(self) -> str:
        """The profile this one follows where it says nothing itself (AEWA follows CMS)."""
        return str(self.data.get("convention", {}).get("family", ""))

    def get(self, *keys: str, default: Any = None) -> Any:
        """A value by its path (``get("adoption", "en")``), looked up in this profile, then its family."""
        node: Any = self.data
        for key in keys:
            if not isinstance(node, dict) or key not in node:
                node = None
                break
            node = node[key]
        if node is None and self.family and self.family.lower() != self.name.lower():
            return profile(self.family).get(*keys, default=default)
        return default if node is None else node

    def verified(self, fact: str) -> bool:
        """Whether ``fact`` (a key path such as ``adoption.en``) is checked against the body's documents."""
        unverified = self.data.get("convention", {}).get("unverified", [])
        return not any(fact == u or fact.startswith(u + ".") for u in unverified)

    def wording(self, key: str, language: str = "en") -> tuple[str, bool] | None:
        """A piece of wording in ``language`` (``adoption``, ``amended``, ``revision``) with whether it is
        verified; None when the profile does not know it (revcop then writes nothing and warns)."""
        table = self.get(key)
        if not isinstance(table, dict):
            return None
        text = table.get(language)
        if not isinstance(text, str) or not text:
            return None
        return text, self.verified(f"{key}.{language}")

    def designation_word(self, kind: str, language: str = "en") -> str | None:
        """How the body writes ``kind`` (``resolution``/``decision``) in ``language``: ``Résolution Conf.``."""
        value = self.get("designation", language, kind)
        return str(value) if isinstance(value, str) else None

    def punctuation(self, kind: str) -> str:
        return str(self.get("punctuation", kind, default=""))


def _read(path: Path, name: str | None = None, *, check_patterns: bool = True) -> Profile:
    """A profile from its file. ``check_patterns`` compiles each regular expression to refuse a bad one
    with a message naming it; the shipped profiles are checked by the tests instead (a compile of every
    pattern at every start of revcop costs ~6 ms, and most are never used)."""
    try:
        data = toml.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise InputError(f"cannot be read ({e.strerror or e})", str(path)) from None
    except (toml.TOMLDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"is not a valid convention profile ({e})", str(path)) from None
    head = data.get("convention")
    if not isinstance(head, dict) or not isinstance(head.get("name"), str) or not head["name"].strip():
        raise InputError("is not a convention profile: it has no [convention] table with a name", str(path))
    for section in ("formulas", "verbs", "detect"):
        for key, value in _leaves(data.get(section, {})):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise InputError(f"{section}.{key} must be a list of strings", str(path))
            for v in value:
                if section == "verbs" and not check_word(v):
                    raise InputError(f"verbs.{key}: {v!r} must be a word, or words separated by spaces "
                                     "(letters only)", str(path))
                if section != "verbs" and check_patterns:
                    try:
                        compiled(v)
                    except re.error as e:
                        raise InputError(f"{section}.{key}: {v!r} is not a regular expression ({e})",
                                         str(path)) from None
    _check_wording(data, str(path))
    return Profile(name or head["name"].strip(), data, str(path))


# The placeholders each piece of wording may use (a trial formatting at load time finds any other).
_PLACEHOLDERS: dict[str, dict[str, object]] = {
    "revision": {"meeting": 1},
    "adopted": {"meeting": "1st Meeting"}, "amended": {"meetings": "2nd Meeting"}, "and": {},
    "meeting": {"ordinal": "1st", "number": 1, "place": "P", "when": "May 2000"},
    "meeting_no_date": {"ordinal": "1st", "number": 1, "place": "P"},
    "meeting_unknown": {"ordinal": "1st", "number": 1},
}


def _check_wording(data: dict, path: str) -> None:
    """A profile's wording and punctuation are of the right shape: one line naming the key otherwise."""
    pieces = [(f"revision.{k}", v, "revision") for k, v in data.get("revision", {}).items()]
    for key, value in data.get("adoption", {}).items():
        if key in LANGUAGES:
            pieces.append((f"adoption.{key}", value, "adopted"))
        elif isinstance(value, dict):
            pieces += [(f"adoption.{key}.{lang}", v, key) for lang, v in value.items()]
        else:
            raise InputError(f"adoption.{key} must be a table of languages ({{ en = \"...\" }})", path)
    for key, value, kind in pieces:
        if kind not in _PLACEHOLDERS:
            raise InputError(f"{key}: unknown piece of wording (known: {', '.join(_PLACEHOLDERS)})", path)
        try:
            if not isinstance(value, str):
                raise TypeError
            value.format(**_PLACEHOLDERS[kind])
        except (KeyError, IndexError, ValueError, TypeError):
            raise InputError(f"{key} must be text using only {', '.join('{' + p + '}' for p in _PLACEHOLDERS[kind])}",
                             path) from None
    for key, value in data.get("punctuation", {}).items():
        if value not in ("", ",", ";"):
            raise InputError(f"punctuation.{key} must be \",\", \";\" or \"\" (not checked)", path)
    masthead = data.get("house", {}).get("masthead", [])
    if not isinstance(masthead, list) or not all(isinstance(x, str) for x in masthead):
        raise InputError("house.masthead must be a list of lines", path)


def _leaves(table: dict, prefix: str = ""):
    for key, value in table.items():
        if isinstance(value, dict):
            yield from _leaves(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


@lru_cache(maxsize=None)
def shipped() -> dict[str, Profile]:
    """The profiles shipped with revcop, by lower-case name."""
    out = {}
    for path in sorted(_HERE.glob("*.toml")):
        p = _read(path, check_patterns=False)
        out[p.name.lower()] = p
    return out


def names() -> list[str]:
    return [p.name for p in shipped().values()]


def profile(name: str) -> Profile:
    """A shipped profile by name (case-insensitive); LookupError naming the known ones otherwise."""
    found = shipped().get(name.strip().lower())
    if found is None:
        raise LookupError(f"no convention {name!r} (known: {', '.join(sorted(names()))})")
    return found


def load(path: str | Path) -> Profile:
    """A user's profile file (``--profile FILE.toml``)."""
    return _read(Path(path))


def forced() -> Profile | None:
    """The profile the user forced for this command, or None (detect it from the document)."""
    return _FORCED.get()


def force(p: Profile | None):
    """Force ``p`` for what follows (a token for :func:`release`)."""
    return _FORCED.set(p)


def release(token) -> None:
    _FORCED.reset(token)


# -- vocabulary: the words of all profiles together, for structure recognition ---------------------------


@dataclass(frozen=True)
class Vocabulary:
    """The words of the profiles, matched at the start of a paragraph."""

    enacting: re.Pattern
    continuation: re.Pattern
    preamble: Openers
    operative: Openers


@lru_cache(maxsize=8)
def vocabulary(extra: Profile | None = None) -> Vocabulary:
    """The words of every shipped profile (and ``extra``, a user's profile), ready to match."""
    profiles = list(shipped().values()) + ([extra] if extra is not None else [])
    enacting, continuation = [], []
    preamble: set[str] = set()
    operative: set[str] = set()
    adverbs: set[str] = set()
    for p in profiles:
        enacting += p.data.get("formulas", {}).get("enacting", [])
        continuation += p.data.get("formulas", {}).get("continuation", [])
        for lang in p.data.get("verbs", {}).values():
            preamble.update(w.lower() for w in lang.get("preamble", []))
            operative.update(w.lower() for w in lang.get("operative", []))
            adverbs.update(w.lower() for w in lang.get("adverbs", []))
    return Vocabulary(
        compiled("^(?:" + "|".join(f"(?:{e})" for e in enacting) + ")", re.IGNORECASE),
        compiled("^(?:" + "|".join(f"(?:{e})" for e in continuation) + ")", re.IGNORECASE),
        # A preambular paragraph opens with a listed word or a participle (-ing, -ant, -ando, -iendo).
        Openers(preamble, adverbs, tail=False, suffixes=("ing", "ant", "ando", "iendo")),
        Openers(operative, adverbs, tail=True),
    )


# -- detection: which body, which language --------------------------------------------------------------

_EVIDENCE = ("symbol", "designation", "masthead", "formula", "wording")
#: Evidence that names the document's body outright; a formula or wording only suggests it.
STRONG = ("symbol", "designation", "masthead")
_FUNCTION_WORDS = {
    "en": compiled(r"\b(?:the|of|and|to|that|with)\b"),
    "fr": compiled(r"\b(?:les|des|du|et|aux|une|sur)\b"),
    "es": compiled(r"\b(?:los|las|del|y|una|sobre)\b"),
}


def _lines(doc) -> dict[str, list[str]]:
    from revcop.model import Kind  # the model imports nothing of ours; here only to keep start-up lean

    out: dict[str, list[str]] = {k: [] for k in _EVIDENCE}
    out["symbol"] = [doc.meta.symbol] if doc.meta.symbol else []
    if doc.meta.instrument:
        out["designation"].append(doc.meta.instrument)
    designation, wording = out["designation"], out["wording"]
    # bound once: Python 3.11 looks Kind.TITLE up through EnumType.__getattr__'s slot, ~0.37 µs a time
    titles, masthead, enacting = (Kind.TITLE, Kind.HEADING), Kind.MASTHEAD, Kind.ENACTING
    for part in doc.parts:
        for p in part.walk():
            title = p.kind in titles and len(designation) < 12
            if not (title or p.kind is masthead or p.kind is enacting or len(wording) < 400):
                continue  # past the first 400 paragraphs only these are looked at: no text to join
            text = " ".join(p.text.split())
            if title:
                designation.append(text)
            if p.kind is masthead:
                out["masthead"].append(text)
            elif p.kind is enacting:
                out["formula"].append(text)
            if len(wording) < 400:
                wording.append(text)
    return out


def detect(doc, kinds: tuple[str, ...] = _EVIDENCE) -> tuple[Profile | None, str]:
    """The body of ``doc`` and the evidence (``"symbol 'UNEP/CMS/COP15/Doc.28.2'"``), strongest first:
    document symbol, designation, masthead, enacting formula, wording (``kinds`` limits the evidence looked at).
    (None, why) when nothing names a body. A profile forced with ``--convention``/``--profile`` wins."""
    chosen = forced()
    if chosen is not None:
        return chosen, "given on the command line"
    profiles = [p for p in shipped().values() if p.name != "neutral"]
    lines = _lines(doc)
    for kind in (k for k in _EVIDENCE[:-1] if k in kinds):
        for p in profiles:
            for pattern in p.data.get("detect", {}).get(kind, []):
                rx = compiled(pattern)
                hit = next((line for line in lines[kind] if rx.search(line)), None)
                if hit is not None:
                    return p, f"{kind} {_short(hit)!r}"
    counts = []
    for p in profiles if "wording" in kinds else ():
        rxs = [compiled(x) for x in p.data.get("detect", {}).get("wording", [])]
        n = sum(1 for line in lines["wording"] for rx in rxs if rx.search(line))
        if n:
            counts.append((n, p))
    counts.sort(key=lambda c: -c[0])
    if counts and (len(counts) == 1 or counts[0][0] > counts[1][0]):
        n, p = counts[0]
        return p, f"wording ({n} paragraph{'s' if n > 1 else ''} name{'' if n > 1 else 's'} it)"
    return None, "nothing in the document names a body"


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def language(doc) -> str:
    """``en``, ``fr`` or ``es``: the language most of the text is written in (by its commonest words)."""
    texts, size = [], 0
    for part in doc.parts:
        for p in part.walk():
            if size > 20000:  # joined, what is kept is 20,000 characters long
                break
            texts.append(p.text.lower())
            size += len(texts[-1]) + 1
    text = " ".join(texts)[:20000]  # the first 20,000 characters are enough, and a long text is not joined whole
    counts = {lang: len(rx.findall(text)) for lang, rx in _FUNCTION_WORDS.items()}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else "en"


def of(name: str) -> Profile | None:
    """The profile of a document's ``meta.convention`` (the forced one when it is that), None when unknown."""
    chosen = forced()
    if chosen is not None and chosen.name.lower() == (name or "").lower():
        return chosen
    return shipped().get((name or "").lower())


def meeting_prefix(convention: str) -> str:
    """How the body abbreviates its meetings before their number (``CoP`` for CITES, ``MOP`` for AEWA),
    as its revision mark writes it; ``COP`` where the profile has no revision mark."""
    p = of(convention)
    found = p.wording("revision", "en") if p is not None else None
    m = re.search(r"([A-Za-z]+)[ \u00a0]*\{meeting\}", found[0]) if found else None
    return m.group(1) if m else "COP"


def revision_mark(convention: str, meeting: str, language: str = "en") -> tuple[str | None, str]:
    """The revision mark for ``meeting`` (``COP19``) in the body's form and ``language``: (``"(Rev. CoP19)"``, "")
    or (None, why) when the profile does not know it. An unverified mark comes with a note to check it."""
    m = re.search(r"(\d+)", meeting or "")
    if not m:
        return None, "the meeting is not known"
    p = of(convention)
    if p is None:
        return f"(Rev.{meeting})", ""  # no body known: revcop's own neutral form, as always
    found = p.wording("revision", language)
    if found is None:
        return None, f"the {p.name} revision mark in {LANGUAGE_NAMES.get(language, language)} is not known"
    text, verified = found
    lang = LANGUAGE_NAMES.get(language, language)
    return text.format(meeting=int(m.group(1))), "" if verified else f"the {p.name} revision mark in {lang} is not verified"


def identify(doc) -> Profile | None:
    """The body the document names outright (symbol, designation, masthead) or the one forced; None otherwise.
    This is the body of ``meta.convention``: a formula or wording alone does not decide how revcop writes."""
    found, _ = detect(doc, STRONG)
    return None if found is None or found.name == "neutral" else found


def describe(doc) -> str:
    """``CMS (from symbol 'UNEP/CMS/COP15/Doc.28.2')``: the document's convention and what it was detected from;
    ``- (probably CMS: formula '...'; ...)`` when only a formula or wording suggests a body."""
    name = doc.meta.convention
    found, evidence = detect(doc)
    if not name:
        if found is None:
            return f"- ({evidence})"
        return f"- (probably {found.name}, from {evidence}; give --convention {found.name.lower()} to use it)"
    if found is not None and found.name.lower() == name.lower():
        return f"{name} (from {evidence})" if evidence != "given on the command line" else f"{name} ({evidence})"
    return f"{name} (from the document's metadata)"
