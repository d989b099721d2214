"""``dataclass``, with the methods it writes compiled once per Python build rather than at every start.

``dataclasses.dataclass`` writes the source of each class's methods (``__init__``, ``__repr__``,
``__eq__``, ``__hash__``, ``__setattr__`` ...) and compiles it as the class is made: ~0.1 ms a method,
12 ms for the ~110 methods of the classes a consolidation imports, 7 % of consolidating the bundled
sample. :func:`dataclass` here is that decorator, unchanged in what it makes, with the compiled code of
each method's source kept (:mod:`revcop.kept`: ``__pycache__/records.<tag>.code``) and read back by
later starts. revcop's own dataclasses are made with it; the standard module is left as it is for
everyone else (the hook below stands only while one of revcop's classes is made).

One method differs, for speed alone: a frozen class's ``__init__`` stores each field straight into its
slot or the instance's dictionary (:func:`_direct_init`), where the standard one goes through
``object.__setattr__`` for each.
"""

from __future__ import annotations

import builtins
import dataclasses
import sys
import types
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
            own_init = "__init__" in vars(cls)  # a class's own __init__ is left to it
            dataclasses.exec = _exec
            try:
                made = dataclasses.dataclass(**options)(cls)
            finally:
                vars(dataclasses).pop("exec", None)
            if not own_init:
                _direct_init(made)
            return made

        return make if cls is None else make(cls)


def _direct_init(cls: Any) -> None:
    """Give a frozen dataclass an ``__init__`` that stores each field as ``object.__setattr__`` would,
    without calling it: into its slot by the slot's own setter, else into the instance's dictionary.

    A frozen class's ``__setattr__`` refuses, so the ``__init__`` dataclasses writes calls
    ``object.__setattr__(self, name, value)`` for each field, which looks the name up in the class
    every time. Storing directly makes the same instance in 40 % (slots) to 65 % (dictionary) fewer
    instructions for nine fields, and the model's frozen classes are made by the hundred thousand
    (each span and paragraph of a document, again as each is unpickled). Only where ``__init__``
    does nothing else (every field a positional parameter without a default factory, no ``InitVar``,
    no ``__post_init__``) and each field is a slot or no descriptor of the class holds its name;
    any other class keeps the standard ``__init__``.
    """
    params = cls.__dataclass_params__
    fields = dataclasses.fields(cls)
    if not (params.frozen and params.init) or hasattr(cls, "__post_init__") \
            or len(fields) != len(cls.__dataclass_fields__) \
            or any(not f.init or f.kw_only or f.default_factory is not dataclasses.MISSING for f in fields):
        return
    values: dict[str, Any] = {}  # the names __create_fn__ closes over
    params_text, body = [], []
    for f in fields:
        held = next((vars(k)[f.name] for k in cls.__mro__ if f.name in vars(k)), None)  # as object.__setattr__ finds it
        if type(held) is types.MemberDescriptorType:
            values[f"__dataclass_set_{f.name}__"] = held.__set__
            body.append(f"  __dataclass_set_{f.name}__(__dataclass_self__,{f.name})")
        elif hasattr(type(held), "__set__") or hasattr(type(held), "__delete__"):
            return  # another data descriptor: object.__setattr__ would call it
        else:
            body.append(f"  __dataclass_dict__[{f.name!r}]={f.name}")
        if f.default is dataclasses.MISSING:
            params_text.append(f.name)
        else:
            values[f"__dataclass_dflt_{f.name}__"] = f.default
            params_text.append(f"{f.name}=__dataclass_dflt_{f.name}__")
    if any(line.startswith("  __dataclass_dict__") for line in body):
        body.insert(0, "  __dataclass_dict__=__dataclass_self__.__dict__")
    source = (f"def __create_fn__({','.join(values)}):\n"
              f" def __init__({','.join(['__dataclass_self__', *params_text])}):\n"
              + "\n".join(body or ["  pass"]) + "\n return __init__")
    module = sys.modules.get(cls.__module__)
    made: dict[str, Any] = {}
    _exec(source, vars(module) if module is not None else {}, made)
    init = made["__create_fn__"](**values)
    standard = cls.__init__
    init.__qualname__, init.__annotations__, init.__doc__ = standard.__qualname__, standard.__annotations__, standard.__doc__
    cls.__init__ = init
