"""revcop: parse, consolidate and compare amended resolutions of treaty bodies.

The library's face (docs/api.md)::

    import revcop

    doc = revcop.read("UNEP-CMS-COP15-Doc.28.2.docx")         # Result: .value, .messages
    consolidated = revcop.consolidate(doc.value)               # Result
    revcop.render(consolidated.value, "docx")                  # bytes
    comparison = revcop.compare(old.value, new.value)          # Comparison (.changes, .summary)
    annex = revcop.annex(comparison)                           # Result: the amendment annex

Every function is :mod:`revcop.pipeline`'s (the hall that chains the stages); names are looked up on
first use, so ``import revcop`` stays instant.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_PIPELINE = (
    "read", "read_pair", "settle", "carries_marks", "consolidate", "original", "publish", "compare", "annex",
    "report", "compare_report", "check", "render",
)
_MODEL = ("Document", "Part", "Paragraph", "Span", "Label", "Message", "Result", "Change", "Kind", "PartKind")
_ERRORS = ("RevcopError", "InputError", "OutputError")

__all__ = ["__version__", *_PIPELINE, *_MODEL, *_ERRORS]


def __getattr__(name: str) -> Any:
    import importlib

    if name in _PIPELINE:
        module = "revcop.pipeline"
    elif name in _MODEL:
        module = "revcop.model"
    elif name in _ERRORS:
        module = "revcop.errors"
    else:
        raise AttributeError(f"module 'revcop' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
