"""Regular expressions, compiled once per Python build, and only when used.

Python compiles a pattern in Python code, 0.1-3 ms each: the hundred-odd patterns a consolidation uses
cost 15-30 ms at every start of revcop, a tenth of the whole command. Two things save it:

* :func:`compiled` is ``re.compile`` with a cache on disk (``__pycache__/patterns.<tag>.re``, kept by
  :mod:`revcop.kept` under the rules of Python's bytecode cache). The cache holds what ``re`` hands
  its C engine (``_sre.compile``) for each pattern; the engine validates it again when it is loaded.
  A pattern is added only once the one compiled from the cache is equal to ``re.compile``'s (same
  source, flags and engine code), and anything unexpected (an unreadable or foreign file, a future
  ``re``) falls back to ``re.compile``. It is for the patterns
  of revcop's source and of the convention profiles; a pattern built from a document's own text (a
  resolution's number, its footnote markers) is compiled with ``re.compile``, and never kept.
* :func:`on_first_use` is for a pattern most commands never use (a rarer form of cross-reference, a
  title layout of one body, the Markdown escapes): it is compiled when one of its methods is first
  asked for, and from then on that method is found as directly as a compiled pattern's.
"""

from __future__ import annotations

import re
import sys
from typing import Any, cast

from revcop.kept import Kept

try:  # the pieces of re.compile; a Python whose re differs compiles every pattern with re.compile
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _BUILD: tuple | None = (1, sys.version, _sre.MAGIC, _sre.CODESIZE)
except (ImportError, AttributeError):  # pragma: no cover - another implementation of Python
    _BUILD = None

# (source, flags) -> the arguments of _sre.compile after the source; beyond 2,000 entries (profiles'
# patterns of many bodies) only this run's are kept
_kept = Kept(__spec__, ".re", _BUILD, 2000)


def _entry(source: str, flags: int) -> tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]:
    """What re.compile hands the engine for ``source``: re._compiler.compile's steps, kept."""
    parsed = _parser.parse(source, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def compiled(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, from the kept compiled patterns when they hold the pattern."""
    key = (source, int(flags))
    entry = _kept.get(key)
    if entry is not None:
        try:
            return cast("re.Pattern[str]", _sre.compile(source, *entry))
        except (TypeError, ValueError, RuntimeError, OverflowError):  # not what this engine takes
            _kept.drop(key)
    pattern = re.compile(source, flags)
    if _BUILD is not None and isinstance(source, str) and not flags & re.DEBUG:
        try:
            entry = _entry(source, flags)
            if _sre.compile(source, *entry) == pattern:
                _kept.add(key, entry)
        except Exception:  # noqa: BLE001 - the cache is an optimisation: re.compile's pattern stands
            pass
    return pattern


# What a compiled pattern offers, copied onto the stand-in once compiled.
_OFFERED = ("match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer", "pattern", "flags",
            "groups", "groupindex")


class _Deferred:
    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:  # only for what the instance does not hold yet
        pattern = compiled(*self._source)
        self.__dict__.update((offered, getattr(pattern, offered)) for offered in _OFFERED)
        return getattr(pattern, name)

    def __repr__(self) -> str:
        return f"on_first_use({self._source[0]!r}, {self._source[1]!r})"


def on_first_use(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``compiled(pattern, flags)``, done when the pattern is first used."""
    return cast("re.Pattern[str]", _Deferred(pattern, flags))
