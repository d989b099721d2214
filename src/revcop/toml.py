"""Reading TOML: the convention profiles, meetings tables and library manifests.

The standard library's parser (``tomllib``) is written in Python: reading the shipped profiles took
~6 ms (24 million instructions) at every start, in every process. ``tomli`` is the same parser compiled
with mypyc, three times faster; with the ``fast`` extra it is used instead. It is pinned below 2.4, which
reads TOML 1.1: both then accept the same files (TOML 1.0) and give the same values and the same
messages (tests/test_toml.py).
"""

from __future__ import annotations

try:
    import tomli as _parser
except ImportError:  # without the fast extra
    import tomllib as _parser  # type: ignore[no-redef]

loads = _parser.loads
TOMLDecodeError = _parser.TOMLDecodeError
