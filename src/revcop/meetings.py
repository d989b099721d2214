"""The meetings table (where and when each Conference of the Parties met) and the adoption line.

Both are facts of a body, kept in its convention profile (``revcop/conventions/<body>.toml``: its
``[[meeting]]`` rows and its ``[adoption]`` wording); a library's own ``meetings.toml`` (by default
``./resolutions/meetings.toml``) corrects or extends the table. A meeting missing from the table is never
invented: the adoption line then names the meeting without place or date, and a warning says so. A body
whose adoption wording is not known gets no adoption line, and a message says so.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from revcop import conventions, toml
from revcop.errors import InputError
from revcop.model import Message, Result
from revcop.records import dataclass

DEFAULT_LIBRARY = Path("resolutions")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass(frozen=True)
class Meeting:
    """A row of the meetings table: one meeting of a Conference of the Parties."""

    convention: str
    number: int
    place: str
    country: str = ""
    year: int | None = None
    month: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None
    verified: bool = False

    @property
    def when(self) -> str:
        """``February 2024`` (the month of the opening day), or the year alone when that is all we know."""
        if self.start is not None:
            return f"{_MONTHS[self.start.month - 1]} {self.start.year}"
        return " ".join(str(x) for x in (self.month, self.year) if x)

    @property
    def name(self) -> str:
        return f"{self.convention} COP{self.number}"


Table = dict[tuple[str, int], Meeting]


def _rows(rows: list, where: str, convention: str = "") -> list[Meeting]:
    out = []
    for i, row in enumerate(rows, 1):
        try:
            start, end = row.get("start"), row.get("end")
            out.append(Meeting(
                convention=str(row["convention"] if "convention" in row or not convention else convention),
                number=int(row["number"]), place=str(row["place"]),
                country=str(row.get("country", "")),
                year=int(row["year"]) if "year" in row else (start.year if start else None),
                month=str(row.get("month", "")), start=start, end=end, verified=bool(row.get("verified", False)),
            ))
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise InputError(f"meeting {i} of the table lacks or misstates {e}", where) from None
    return out


def _file_rows(path: Path) -> list[Meeting]:
    try:
        data = toml.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise InputError(f"cannot be read ({e.strerror or e})", str(path)) from None
    except (toml.TOMLDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"is not a valid meetings table ({e})", str(path)) from None
    return _rows(data.get("meeting", []), str(path))


def load(library: str | Path | None = None) -> Table:
    """The tables of the shipped profiles (and of a profile given with ``--profile``), overridden row by row
    by ``<library>/meetings.toml`` when that file exists."""
    table: Table = {}
    profiles = list(conventions.shipped().values())
    forced = conventions.forced()
    if forced is not None and forced not in profiles:
        profiles.append(forced)
    for p in profiles:
        for m in _rows(p.data.get("meeting", []), p.path, p.name):
            table[(m.convention.upper(), m.number)] = m
    own = Path(library if library is not None else DEFAULT_LIBRARY) / "meetings.toml"
    if own.is_file():
        for m in _file_rows(own):
            table[(m.convention.upper(), m.number)] = m
    return table


def meeting_number(text: str) -> int | None:
    """``COP15``, ``CoP19``, ``cop 14`` -> the number; else None."""
    m = re.fullmatch(r"\s*(?:COP|CoP|cop|MOP)\s*(\d+)\s*", text or "")
    return int(m.group(1)) if m else None


def adopted_at(instrument: str) -> int | None:
    """The meeting that adopted an instrument, from its number: ``Resolution 14.16`` -> 14,
    ``Resolution Conf. 10.10`` -> 10, ``Resolution XII.4`` -> 12."""
    m = re.search(r"(\d+|[IVXLC]+)\.\w+\s*$", instrument.split("(")[0].strip())
    if not m:
        return None
    value = m.group(1)
    if value.isdigit():
        return int(value)
    total = 0
    for a, b in zip(value, value[1:] + " "):
        total += -_ROMAN[a] if b != " " and _ROMAN[b] > _ROMAN[a] else _ROMAN[a]
    return total


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th ... 11th, 12th, 13th ... 21st."""
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _profile(convention: str) -> conventions.Profile | None:
    forced = conventions.forced()
    if forced is not None and forced.name.upper() == (convention or "").upper():
        return forced
    return conventions.shipped().get((convention or "").lower())


def _meeting_words(convention: str, number: int, table: Table, messages: list[Message],
                   wording: dict[str, str]) -> str:
    found = table.get((convention.upper(), number))
    if found is None:
        messages.append(Message(f"{convention} COP{number} is not in the meetings table; the adoption line names "
                                "no place or date (add it to resolutions/meetings.toml)"))
        return wording["meeting_unknown"].format(ordinal=ordinal(number), number=number)
    if not found.verified:
        messages.append(Message(f"{found.name} ({found.place}, {found.when}) is not verified in the meetings table; "
                                "check the adoption line", level="info"))
    words = wording["meeting"] if found.when else wording["meeting_no_date"]
    return words.format(ordinal=ordinal(number), number=number, place=found.place, when=found.when)


def adoption_wording(convention: str, language: str = "en") -> tuple[dict[str, str] | None, Message | None]:
    """The pieces of the adoption line of ``convention`` in ``language`` (``adopted``, ``amended``, ``meeting``,
    ``meeting_no_date``, ``meeting_unknown``, ``and``), or None with the message that says why no line is written."""
    profile = _profile(convention)
    name = convention or "this convention"
    if profile is None or not isinstance(profile.get("adoption"), dict) or not profile.get("adoption", "en"):
        return None, Message(f"no adoption line written: the house wording for {name} is not known", level="info")
    pieces = {"adopted": profile.get("adoption", language)}
    for key in ("amended", "meeting", "meeting_no_date", "meeting_unknown", "and"):
        value = profile.get("adoption", key)
        pieces[key] = value.get(language) if isinstance(value, dict) else None
    if not all(isinstance(v, str) for v in pieces.values()):
        return None, Message(f"no adoption line written: the {name} wording in "
                             f"{conventions.LANGUAGE_NAMES.get(language, language)} is not known", level="info")
    if not profile.verified(f"adoption.{language}"):
        return pieces, Message(f"the {name} adoption line in {conventions.LANGUAGE_NAMES.get(language, language)} is not "
                               "verified against the body's documents; check it", level="info")
    return pieces, None


def adoption_line(convention: str, adopted: int, amended: tuple[int, ...] = (), table: Table | None = None,
                  language: str = "en") -> Result:
    """``Adopted by the Conference of the Parties at its 14th Meeting (Samarkand, February 2024) and amended
    at its 15th Meeting (Campo Grande, March 2026)``, in the wording of ``convention``'s profile in
    ``language``. Result value: the line, or ``""`` when that wording is not known (with a message)."""
    messages: list[Message] = []
    wording, note = adoption_wording(convention, language)
    if note is not None:
        messages.append(note)
    if wording is None:
        return Result("", messages)
    table = load() if table is None else table
    line = wording["adopted"].format(meeting=_meeting_words(convention, adopted, table, messages, wording))
    later = sorted({n for n in amended if n != adopted})
    if later:
        words = [_meeting_words(convention, n, table, messages, wording) for n in later]
        joined = words[0] if len(words) == 1 else ", ".join(words[:-1]) + wording["and"] + words[-1]
        line += wording["amended"].format(meetings=joined)
    return Result(line, messages)
