"""The real-texts corpus (../shared/corpus/real-texts): where it is, and the skip rule of tests that read it."""

from __future__ import annotations

import os

import pytest

from tests.conftest import CORPUS

REAL = CORPUS / "real-texts"


def names() -> list[str]:
    """The corpus texts by name (``cms-res-1.3``); one placeholder when the corpus is absent (its test skips)."""
    return sorted(p.stem for p in REAL.glob("*.txt")) if REAL.is_dir() else ["cms-res-1.3"]


def need(path):
    """``path`` if it is there; else skip saying why (fail where CI sets REVCOP_REQUIRE_EXTERNAL=1)."""
    if not path.exists():
        message = f"the real-texts corpus is missing at {REAL}"
        if os.environ.get("REVCOP_REQUIRE_EXTERNAL") == "1":
            pytest.fail(message + "; REVCOP_REQUIRE_EXTERNAL=1 forbids skipping")
        pytest.skip(message)
    return path
