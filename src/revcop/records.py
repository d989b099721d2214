"""``dataclass``, with the methods it writes compiled once per Python build rather than at every start.

``dataclasses.dataclass`` writes the source of each class's methods (``__init__``, ``__repr__``,
``__eq__``, ``__hash__``, ``__setattr__`` ...) and compiles it as the class is made: ~0.1 ms a method,
12 ms for the ~110 methods of the classes a consolidation imports, 7 % of consolidating the bundled
sample. :func:`dataclass` here is that decorator, unchanged in what it makes, with the compiled code of
each method's source kept (:mod:`revcop.kept`: ``__pycache__/records.<tag>.code``) and read back by
later starts. revcop's own dataclasses are made with it; the standard module is left as it is for
everyone else (the hook below stands only while one of revcop's classes is made).
"""

from __future__ import annotations

import builtins
import dataclasses
import sys
from typing import TYPE_CHECKING, Any

from revcop.kept import Kept

# Compiled code is read back only by the same Python, at the same optimisation level.
_kept = Kept(__spec__, ".code", (1, sys.version, sys.implementation.cache_tag, sys.flags.optimize), 1000)


def _exec(source: str, globals: dict | None = None, locals: dict | None = None) -> None:
    """``exec(source, globals, locals)`` as :mod:`dataclasses` calls it, from kept code where there is
    some. Compiled as ``exec`` compiles a source given to it in the ``dataclasses`` module: file name
    ``<string>``, none of the caller's ``__future__`` features."""
    code = _kept.get(source)
    if code is None:
        code = builtins.compile(source, "<string>", "exec", dont_inherit=True)
        _kept.add(source, code)
    builtins.exec(code, globals, locals)


if TYPE_CHECKING:
    from dataclasses import dataclass as dataclass
else:

    def dataclass(cls: Any = None, /, **options: Any) -> Any:
        """``dataclasses.dataclass(cls, **options)``, its methods compiled from kept code."""

        def make(cls: Any) -> Any:
            # dataclasses finds ``exec`` among its module's names before the builtins: a name of ours
            # there, for as long as this class is made, serves it the kept code. Should threads make
            # classes at once (the desk imports as it goes), one may find the name gone, or another's
            # class may meet it: either way each method is the code of its own source, kept or not.
            dataclasses.exec = _exec
            try:
                return dataclasses.dataclass(**options)(cls)
            finally:
                vars(dataclasses).pop("exec", None)

        return make if cls is None else make(cls)
