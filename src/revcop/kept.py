"""Work that every start of revcop would repeat, kept on disk where Python keeps bytecode.

Python compiles some things from source at every start: regular expressions
(:mod:`revcop.patterns`) and the methods of dataclasses (:mod:`revcop.records`). A :class:`Kept` is a
file of such results, read once and added to, under the rules of Python's own bytecode cache: it lies
beside the module's bytecode (``__pycache__/<module>.<tag>.<suffix>``, moved by
``PYTHONPYCACHEPREFIX``), is never written where Python writes no bytecode (``PYTHONDONTWRITEBYTECODE``,
a read-only installation), and is read only by the very Python build that wrote it. What is kept is a
cache: a file that cannot be read, or that another build wrote, is ignored and the work is done again.

What a process adds is written once, as it exits (:func:`save`, registered with :mod:`atexit`; the
command line and forked processes, which leave with ``os._exit``, call it themselves).
"""

from __future__ import annotations

import atexit
import marshal
import os
import sys
from typing import Any

_ALL: list[Kept] = []


class Kept:
    """A file of results, ``key -> value`` (whatever :mod:`marshal` writes), for one Python build."""

    def __init__(self, spec: Any, suffix: str, build: tuple | None, limit: int) -> None:
        """``spec``: the module's ``__spec__`` (the file lies beside its bytecode); ``build``: what
        must match for the file to be read (None: nothing is kept); ``limit``: more entries than this
        and the file keeps only those of the process that writes it."""
        self.spec = spec
        self.suffix = suffix
        self.build = build
        self.limit = limit
        self.entries: dict | None = None  # read when first asked for
        self.added: dict = {}
        _ALL.append(self)

    def path(self) -> str | None:
        """Where the file lies, or None where Python keeps no bytecode cache."""
        bytecode = getattr(self.spec, "cached", None)
        return os.path.splitext(bytecode)[0] + self.suffix if bytecode else None

    def read(self, path: str | None) -> dict:
        """The entries of the file at ``path``; empty if it cannot be read or another build wrote it."""
        if path is None or self.build is None:
            return {}
        try:
            with open(path, "rb") as f:
                build, entries = marshal.loads(f.read())  # (marshal.load reads a file a few bytes at a time)
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        return entries if build == self.build and isinstance(entries, dict) else {}

    def get(self, key: Any) -> Any:
        if self.entries is None:
            self.entries = self.read(self.path())
        return self.entries.get(key)

    def drop(self, key: Any) -> None:
        if self.entries is not None:
            self.entries.pop(key, None)

    def add(self, key: Any, value: Any) -> None:
        if self.build is None:
            return
        if self.entries is None:
            self.entries = self.read(self.path())
        self.entries[key] = self.added[key] = value

    def save(self) -> None:
        """Add this process's entries to the file (another process may have added others meanwhile)."""
        path = self.path()
        if not self.added or path is None or sys.dont_write_bytecode:
            return
        entries = self.read(path)
        if len(entries) + len(self.added) > self.limit:
            entries = {}
        entries.update(self.added)
        self.added.clear()
        temporary = f"{path}.{os.getpid()}.tmp"
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(temporary, "wb") as f:
                marshal.dump((self.build, entries), f)
            os.replace(temporary, path)
        except (OSError, ValueError):  # read-only (no cache, as Python writes no bytecode there), or unmarshallable
            try:
                os.unlink(temporary)
            except OSError:
                pass


@atexit.register
def save() -> None:
    """Write what every kept file gained in this process."""
    for kept in _ALL:
        kept.save()
