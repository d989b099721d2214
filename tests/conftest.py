"""Shared fixtures: where the corpus is, and external tools (LibreOffice, Chromium).

A test that needs an external tool asks for the ``soffice`` or ``chromium`` fixture; a test that
reads the shared corpus (``../shared/corpus``, beside the checkout: a user's clone does not have it)
is marked ``@pytest.mark.corpus``, or takes its files from :func:`corpus_files`. Where the tool or
the corpus is missing the test is skipped, saying why, except when REVCOP_REQUIRE_EXTERNAL=1 (set by
.ci/run): then it fails, so CI can never pass by skipping. With that variable a test whose parameter
list came out empty (a list built from something external) fails too.
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


def _required() -> bool:
    return os.environ.get("REVCOP_REQUIRE_EXTERNAL") == "1"


def _missing(message: str) -> None:
    if _required():
        pytest.fail(message + "; REVCOP_REQUIRE_EXTERNAL=1 forbids skipping")
    pytest.skip(message)


def _need(tool: str, found: str | None) -> str:
    if found:
        return found
    _missing(f"{tool} is not installed (CI installs it: see .ci/run)")


def need_corpus(folder: Path = CORPUS) -> Path:
    """``folder`` of the shared corpus, or skip (fail under REVCOP_REQUIRE_EXTERNAL=1) without it."""
    if not folder.is_dir():
        _missing(f"the shared corpus is not at {folder} (it lives beside a checkout in /work, not in the repository)")
    return folder


def corpus_files(folder: Path = DOCX_PUBLIC, pattern: str = "*.docx") -> list:
    """The corpus files to parametrize a test with; without the corpus, one placeholder that is
    skipped saying why (failed under REVCOP_REQUIRE_EXTERNAL=1)."""
    if folder.is_dir():
        return sorted(folder.glob(pattern))
    return [pytest.param(folder / "missing", marks=pytest.mark.corpus, id="corpus-missing")]


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "corpus: reads the shared corpus (../shared/corpus); skipped without it, except when "
                   "REVCOP_REQUIRE_EXTERNAL=1")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if item.get_closest_marker("corpus") is not None:
        need_corpus()
    if _required():
        for mark in item.iter_markers("skip"):
            reason = str(mark.kwargs.get("reason") or (mark.args[0] if mark.args else ""))
            if reason.startswith("got empty parameter set"):
                pytest.fail(f"{reason}: the list is built from something missing here; "
                            "REVCOP_REQUIRE_EXTERNAL=1 forbids skipping")


@pytest.fixture(scope="session")
def soffice() -> str:
    """Path of LibreOffice's soffice; its UNO bridge is importable by /usr/bin/python3."""
    return _need("LibreOffice", shutil.which("soffice") or shutil.which("libreoffice"))


@pytest.fixture(scope="session")
def chromium() -> str:
    return _need("Chromium", shutil.which("chromium") or shutil.which("chromium-browser"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    return need_corpus()


ACCEPT = "REVCOP_ACCEPT_GOLDEN"


@pytest.fixture
def sent_by_forked(monkeypatch) -> list:
    """What each process forked by revcop.forked sent back, in the order received (None: it sent nothing)."""
    from revcop import forked

    sent: list = []
    received = forked.received
    monkeypatch.setattr(forked, "received", lambda pid, fd: sent.append(received(pid, fd)) or sent[-1])
    return sent


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


#: Fixtures that start an external program: a test that asks for one is slow.
_EXTERNAL_FIXTURES = {"soffice", "chromium"}


def pytest_collection_modifyitems(config, items):
    """Tests that drive LibreOffice or Chromium are ``slow`` (their own markers say which program)."""
    for item in items:
        if _EXTERNAL_FIXTURES & set(getattr(item, "fixturenames", ())) \
                or item.get_closest_marker("libreoffice") or item.get_closest_marker("chromium"):
            item.add_marker(pytest.mark.slow)
