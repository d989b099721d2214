"""References to the versions library: ``cms/14.16@Rev.COP15`` names one version of an instrument,
``cms/14.16`` (or ``@latest``) its latest; and where the library is."""

from __future__ import annotations

import os
from pathlib import Path

from revcop.patterns import compiled
from revcop.records import dataclass

ENV = "REVCOP_LIBRARY"
DEFAULT = "resolutions"

_REF = compiled(
    r"^(?P<convention>[A-Za-z][A-Za-z0-9-]*)/(?P<number>[0-9IVXLC]+(?:\.[0-9]+)+)"
    r"(?:@(?P<version>[A-Za-z0-9][A-Za-z0-9._-]*))?$"
)
VERSION_ID = compiled(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class Ref:
    """``cms/14.16@Rev.COP15``: an instrument (convention and number) and a version ('' = latest)."""

    convention: str
    number: str
    version: str = ""

    @property
    def key(self) -> str:
        return f"{self.convention}/{self.number}"

    def __str__(self) -> str:
        return f"{self.key}@{self.version}" if self.version else self.key


def parse_ref(text: str) -> Ref | None:
    """The reference ``text`` names, or None when it is not one. ``@latest`` is the same as none."""
    m = _REF.match(text.strip())
    if m is None:
        return None
    version = m.group("version") or ""
    if version.lower() == "latest":
        version = ""
    number = ".".join(str(int(x)) if x.isdigit() else x for x in m.group("number").split("."))
    return Ref(m.group("convention").lower(), number, version)


def looks_like_ref(text: str) -> bool:
    """Whether ``text`` is spelled like a library reference (``cms/14.16``, ``cms/14.16@COP14``).

    A path that exists as a file wins over a reference of the same spelling: callers check that first.
    """
    return parse_ref(str(text)) is not None


def location(library: str | os.PathLike | None = None) -> Path:
    """The library folder: ``--library``, else ``$REVCOP_LIBRARY``, else ``./resolutions``."""
    return Path(library or os.environ.get(ENV) or DEFAULT)
