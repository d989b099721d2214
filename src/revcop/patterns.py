"""Regular expressions compiled the first time they are used.

Python compiles a pattern in Python code, 0.1-1 ms each, at every start of revcop. A pattern that most
commands never use (a rarer form of cross-reference, a title layout of one body, the Markdown escapes) is
declared with :func:`on_first_use` instead of ``re.compile``: it is compiled when one of its methods is
first asked for, and from then on that method is found as directly as a compiled pattern's.
"""

from __future__ import annotations

import re
from typing import Any, cast

# What a compiled pattern offers, copied onto the stand-in once compiled.
_OFFERED = ("match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer", "pattern", "flags",
            "groups", "groupindex")


class _Deferred:
    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:  # only for what the instance does not hold yet
        compiled = re.compile(*self._source)
        self.__dict__.update((offered, getattr(compiled, offered)) for offered in _OFFERED)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"on_first_use({self._source[0]!r}, {self._source[1]!r})"


def on_first_use(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done when the pattern is first used."""
    return cast("re.Pattern[str]", _Deferred(pattern, flags))
