"""Shared fixtures: where the corpus is, and external tools (LibreOffice, Chromium).

A test that needs an external tool asks for the ``soffice`` or ``chromium`` fixture. Where the tool
is missing the test is skipped, saying why, except when REVCOP_REQUIRE_EXTERNAL=1 (set by .ci/run):
then it fails, so CI can never pass by skipping.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
CMS = CORPUS / "cms-cop15-doc28.2"
DOCX_PUBLIC = CORPUS / "docx-public"
GOLDEN = Path(__file__).resolve().parent / "golden"
SAMPLE_DIR = ROOT / "resolutions" / "cms" / "14.16"


def _need(tool: str, found: str | None) -> str:
    if found:
        return found
    message = f"{tool} is not installed (CI installs it: see .ci/run)"
    if os.environ.get("REVCOP_REQUIRE_EXTERNAL") == "1":
        pytest.fail(message + "; REVCOP_REQUIRE_EXTERNAL=1 forbids skipping")
    pytest.skip(message)


@pytest.fixture(scope="session")
def soffice() -> str:
    """Path of LibreOffice's soffice; its UNO bridge is importable by /usr/bin/python3."""
    return _need("LibreOffice", shutil.which("soffice") or shutil.which("libreoffice"))


@pytest.fixture(scope="session")
def chromium() -> str:
    return _need("Chromium", shutil.which("chromium") or shutil.which("chromium-browser"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.fail(f"the shared corpus is missing at {CORPUS}")
    return CORPUS


ACCEPT = "REVCOP_ACCEPT_GOLDEN"


def assert_golden(name: str, actual: str) -> None:
    """``actual`` equals the golden file ``tests/golden/NAME``; on a difference the failure shows the
    diff and the one-line accept step (``REVCOP_ACCEPT_GOLDEN=1 pytest ...`` rewrites the file)."""
    import difflib

    path = GOLDEN / name
    if os.environ.get(ACCEPT) == "1":
        path.write_text(actual, encoding="utf-8", newline="")
        return
    expected = path.read_text(encoding="utf-8") if path.is_file() else ""
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), name, "revcop", n=2))
        pytest.fail(f"{name} differs from its golden file (accept with {ACCEPT}=1 after reading the diff):\n"
                    f"{diff[:20000]}")
