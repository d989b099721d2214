"""The desk's test fixtures: a real ``revcop desk`` process on 127.0.0.1, a library of its own, and the
system Chromium driven by Playwright (never a downloaded browser).

Tests that need Chromium or Playwright skip, saying why, where they are missing — except when
REVCOP_REQUIRE_EXTERNAL=1 (CI), where they fail.
"""

from __future__ import annotations

import shutil

import pytest

from tests.desk.support import CHROMIUM_ARGS, need, sample_library, start_desk


@pytest.fixture(scope="session")
def desk(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("desk")
    running = start_desk(tmp, sample_library(tmp / "library"))
    yield running
    running.stop()


@pytest.fixture(scope="session")
def browser():
    """The system Chromium under Playwright (one for the session)."""
    chromium = need("Chromium", shutil.which("chromium") or shutil.which("chromium-browser"))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need("Playwright for Python", None)
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, desk):
    """A fresh browser tab that has opened the desk's link (so it holds the desk's cookie)."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    tab.goto(desk.url)
    yield tab
    context.close()


