"""The meetings table (where and when each Conference of the Parties met) and the adoption line.

The table ships as ``revcop/data/meetings.toml``; a library's own ``meetings.toml`` (by default
``./resolutions/meetings.toml``) corrects or extends it. A meeting missing from the table is never
invented: the adoption line then names the meeting without place or date, and a warning says so.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from revcop.errors import InputError
from revcop.model import Message, Result
from revcop.resources import data_file

DEFAULT_LIBRARY = Path("resolutions")
# The conventions whose house wording of the adoption line revcop knows (docs/domain.md).
ADOPTION_WORDING = {"CMS"}
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


def _rows(path: Path) -> list[Meeting]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise InputError(f"cannot be read ({e.strerror or e})", str(path)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"is not a valid meetings table ({e})", str(path)) from None
    rows = []
    for i, row in enumerate(data.get("meeting", []), 1):
        try:
            start, end = row.get("start"), row.get("end")
            rows.append(Meeting(
                convention=str(row["convention"]), number=int(row["number"]), place=str(row["place"]),
                country=str(row.get("country", "")),
                year=int(row["year"]) if "year" in row else (start.year if start else None),
                month=str(row.get("month", "")), start=start, end=end, verified=bool(row.get("verified", False)),
            ))
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise InputError(f"meeting {i} of the table lacks or misstates {e}", str(path)) from None
    return rows


def load(library: str | Path | None = None) -> Table:
    """The shipped table, overridden row by row by ``<library>/meetings.toml`` when that file exists."""
    table: Table = {}
    files = [data_file("meetings.toml")]
    own = Path(library if library is not None else DEFAULT_LIBRARY) / "meetings.toml"
    if own.is_file():
        files.append(own)
    for path in files:
        for m in _rows(path):
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


def _meeting_words(convention: str, number: int, table: Table, messages: list[Message]) -> str:
    found = table.get((convention.upper(), number))
    if found is None:
        messages.append(Message(f"{convention} COP{number} is not in the meetings table; the adoption line names "
                                "no place or date (add it to resolutions/meetings.toml)"))
        return f"{ordinal(number)} Meeting"
    if not found.verified:
        messages.append(Message(f"{found.name} ({found.place}, {found.when}) is not verified in the meetings table; "
                                "check the adoption line", level="info"))
    when = f", {found.when}" if found.when else ""
    return f"{ordinal(number)} Meeting ({found.place}{when})"


def adoption_line(convention: str, adopted: int, amended: tuple[int, ...] = (), table: Table | None = None) -> Result:
    """``Adopted by the Conference of the Parties at its 14th Meeting (Samarkand, February 2024) and amended
    at its 15th Meeting (Campo Grande, March 2026)``. Result value: the line, or ``""`` when the house
    wording of ``convention`` is not known (with a message)."""
    messages: list[Message] = []
    if convention.upper() not in ADOPTION_WORDING:
        messages.append(Message(f"no adoption line written: the house wording for {convention or 'this convention'} "
                                "is not known", level="info"))
        return Result("", messages)
    table = load() if table is None else table
    line = f"Adopted by the Conference of the Parties at its {_meeting_words(convention, adopted, table, messages)}"
    later = sorted({n for n in amended if n != adopted})
    if later:
        words = [_meeting_words(convention, n, table, messages) for n in later]
        joined = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
        line += f" and amended at its {joined}"
    return Result(line, messages)
