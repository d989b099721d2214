"""The desk in a real browser: the system Chromium, driven by Playwright, against a real ``revcop desk``.

A legal officer's path (upload the sample, read the title and paragraph 12, download the Word
document and open it in LibreOffice), a reviewer's (compare two library versions, step through the
changes), the token, hostile uploads, keyboard use, labels, axe-core, and the screenshots in docs/.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.desk import hostile
from tests.desk.support import GOLDEN_TXT, SAMPLE_DOCX, SAMPLE_TXT, need

pytestmark = pytest.mark.chromium
UNO_BATCH = ROOT / "tests" / "tools" / "uno_batch.py"
DOCS = ROOT / "docs"
#: REVCOP_UPDATE_SCREENSHOTS=1 writes the screenshots in docs/ anew instead of comparing with them.
UPDATE = os.environ.get("REVCOP_UPDATE_SCREENSHOTS") == "1"


def golden_paragraph(label: str) -> str:
    return next(line for line in GOLDEN_TXT.read_text(encoding="utf-8").splitlines() if line.startswith(label + " "))


def consolidate_sample(page):
    page.goto(root_of(page) + "/")
    page.locator("#document").set_input_files(str(SAMPLE_DOCX))
    page.get_by_role("button", name="Consolidate").click()
    page.wait_for_selector("h1:text-is('Resolution 14.16 (Rev.COP15)')")


def compare_library_versions(page):
    page.goto(root_of(page) + "/library/cms/14.16")
    page.get_by_label("Older version", exact=True).select_option("cms/14.16@COP14")
    page.get_by_label("Newer version", exact=True).select_option("cms/14.16@Rev.COP15")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_selector("h1:has-text('Changes from')")


def root_of(page) -> str:
    return "/".join(page.url.split("/", 3)[:3])


# -- a legal officer's path ------------------------------------------------------------------------------------
def test_upload_the_sample_read_title_and_paragraph_12_and_open_the_word_file_in_libreoffice(page, tmp_path):
    consolidate_sample(page)
    assert page.locator("h1").inner_text() == "Resolution 14.16 (Rev.COP15)"
    text = page.frame_locator("iframe[title^='Consolidated text']")
    body = " ".join(text.locator("body").inner_text().split())
    assert "Resolution 14.16 (Rev.COP15)" in body
    assert "and amended at its 15th Meeting (Campo Grande, March 2026)" in body
    paragraph_12 = golden_paragraph("12.")
    shown_12 = text.locator("p").filter(has=text.locator(".label", has_text=re.compile(r"^12\.$")))
    assert shown_12.count() == 1
    assert shown_12.locator(".label").inner_text() == "12."
    words = shown_12.inner_text().removeprefix("12.").split()
    assert " ".join(words) == " ".join(paragraph_12.split()[1:])
    assert words[:2] == ["Encourages", "Parties"]

    with page.expect_download() as info:
        page.get_by_role("link", name="Consolidated text (Word, house style)").click()
    download = info.value
    assert download.suggested_filename == "UNEP-CMS-COP15-Doc.28.2-Rev.COP15.docx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    soffice = need("LibreOffice", shutil.which("soffice") or shutil.which("libreoffice"))
    need("python3-uno (for /usr/bin/python3)", Path("/usr/bin/python3").exists() and subprocess.run(
        ["/usr/bin/python3", "-c", "import uno"], capture_output=True).returncode == 0)
    (tmp_path / "jobs.json").write_text(json.dumps([{"path": str(saved), "action": "open"}]))
    batch = subprocess.run(["/usr/bin/python3", str(UNO_BATCH), soffice, str(tmp_path / "profile"),
                            str(tmp_path / "jobs.json")], capture_output=True, text=True, timeout=300)
    assert batch.returncode == 0, batch.stderr
    [opened] = json.loads(batch.stdout)
    assert "error" not in opened, opened
    shown = [" ".join(p.replace("\t", " ").split()) for p in opened["paragraphs"] if p.strip()]
    # the same text as the page and the plain-text output: every paragraph, in order
    golden = [" ".join(line.split()) for line in GOLDEN_TXT.read_text(encoding="utf-8").split("\n\n") if line.strip()]
    body_start = next(i for i, line in enumerate(golden) if line.startswith("Recalling"))
    expected = golden[body_start:]
    found = [p for p in shown if p in expected]
    assert found == expected
    assert " ".join(paragraph_12.split()) in shown


def test_a_file_dropped_on_the_form_is_consolidated(page):
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    dropped = page.evaluate_handle("""(text) => {
        const data = new DataTransfer();
        data.items.add(new File([text], "dropped.txt", { type: "text/plain" }));
        return data; }""", text)
    page.dispatch_event("#consolidate .drop", "dragover", {"dataTransfer": dropped})
    assert "over" in page.get_attribute("#consolidate .drop", "class")
    page.dispatch_event("#consolidate .drop", "drop", {"dataTransfer": dropped})
    assert page.eval_on_selector("#document", "input => input.files[0].name") == "dropped.txt"
    page.get_by_role("button", name="Consolidate").click()
    page.wait_for_selector("h1:text-is('Resolution 14.16 (Rev.COP15)')")
    assert page.get_by_role("link", name="Consolidated text (plain text)").get_attribute("download") == \
        "dropped-Rev.COP15.txt"


# -- a reviewer's path ----------------------------------------------------------------------------------------
def test_compare_the_two_library_versions_and_step_through_the_changes(page):
    compare_library_versions(page)
    stepper = page.locator(".stepper")
    assert stepper.is_visible()
    next_button = stepper.get_by_role("button", name="Next change")
    previous = stepper.get_by_role("button", name="Previous change")
    next_button.click()
    assert page.evaluate("location.hash") == "#c-1"
    assert page.evaluate("document.activeElement.textContent") == "Next change"  # press again for the next
    next_button.click()
    next_button.click()
    assert page.evaluate("location.hash") == "#c-3"
    assert stepper.locator(".where").inner_text().startswith("Change 3 of 51: ")
    active = page.locator("article.change.current")
    assert active.count() == 1 and active.get_attribute("id") == "c-3"
    assert active.locator("h3").inner_text().startswith("Change 3 of 51: ")
    assert active.is_visible() and active.locator("table.side th").first.inner_text() == "Before (Resolution 14.16)"
    previous.click()
    assert page.evaluate("location.hash") == "#c-2"
    # side by side: the inserted words only in the After column, underlined
    inserted = page.locator("#c-2 td").nth(1).locator("ins")
    assert inserted.count() >= 1 and page.locator("#c-2 td").nth(0).locator("ins").count() == 0
    # the plain links, without the script, go the same way
    page.locator("#c-2").get_by_role("link", name="Next change").click()
    assert page.evaluate("location.hash") == "#c-3"
    with page.expect_download() as info:
        page.get_by_role("link", name="Amendment annex (Word, tracked changes)").click()
    assert info.value.suggested_filename == "cms-14.16@COP14-vs-cms-14.16@Rev.COP15-annex-tracked.docx"


# -- safety ------------------------------------------------------------------------------------------------------
def test_a_browser_without_the_token_is_refused(browser, desk):
    context = browser.new_context()
    try:
        tab = context.new_page()
        answer = tab.goto(desk.base + "/library")
        assert answer.status == 403
        assert tab.locator("h1").inner_text() == "Open the desk with its link"
        assert "Versions library" not in tab.content()
    finally:
        context.close()


@pytest.mark.parametrize("name, make, problem", [
    ("bomb.docx", lambda tmp: hostile.zip_bomb(tmp / "bomb.docx"), "looks like a zip bomb"),
    ("laughs.docx", lambda tmp: hostile.entity_bomb(tmp / "laughs.docx"), "declares XML entities"),
])
def test_a_hostile_upload_gets_a_sentence_and_the_desk_stays_up(page, tmp_path, name, make, problem):
    path = make(tmp_path)
    page.locator("#document").set_input_files(str(path))
    page.get_by_role("button", name="Consolidate").click()
    page.wait_for_selector("h1:text-is('Something needs your attention')")
    message = page.get_by_role("alert").inner_text()
    assert message.startswith(f"“{name}”: ") and problem in message and message.endswith("and try again.")
    page.get_by_role("link", name="Go back").click()
    assert page.locator("h1").inner_text() == "revcop desk"


def test_a_300_mb_file_is_refused_in_the_page_and_by_the_desk(browser, desk, page, tmp_path):
    big = hostile.huge(tmp_path / "huge.docx")
    page.locator("#document").set_input_files(str(big))
    page.get_by_role("button", name="Consolidate").click()
    alert = page.locator("#consolidate .size-error")
    alert.wait_for(state="visible")
    assert "“huge.docx” is larger than the desk accepts (50 MB)" in alert.inner_text()
    assert page.locator("h1").inner_text() == "revcop desk"  # nothing was sent
    # without the page's script the file goes to the desk, which refuses it the same way
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.set_default_timeout(120_000)
        tab.goto(desk.url)
        tab.locator("#document").set_input_files(str(big))
        tab.get_by_role("button", name="Consolidate").click()
        tab.wait_for_selector("h1:text-is('Something needs your attention')")
        assert "The file is larger than the desk accepts (50 MB)." in tab.get_by_role("alert").inner_text()
        tab.goto(desk.base + "/")
        assert tab.locator("h1").inner_text() == "revcop desk"
    finally:
        context.close()


# -- everyone a secretariat employs -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def main_pages(browser, desk) -> dict[str, str]:
    """Each main page's address (the work behind them done once for the module)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(desk.url)
        consolidate_sample(page)
        amendment = page.url
        compare_library_versions(page)
        comparison = page.url
    finally:
        context.close()
    return {"home": desk.base + "/", "consolidated": amendment, "comparison": comparison,
            "library": desk.base + "/library", "instrument": desk.base + "/library/cms/14.16",
            "history": desk.base + "/library/cms/14.16/history", "error": desk.base + "/jobs/none"}


def test_every_control_is_reachable_and_operable_by_keyboard(page):
    page.goto(root_of(page) + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.goto(root_of(page) + "/")
    controls = set(page.evaluate("Array.from(document.querySelectorAll('a[href], button, input, select'))"
                                 ".map(e => e.id || e.textContent.trim())"))
    reached = []
    for _ in range(len(controls) + 5):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()"))
    assert controls <= set(reached), controls - set(reached)
    # operate: choose a library version with the keyboard, then follow a link with Enter
    page.focus("#old_ref")
    page.keyboard.press("ArrowDown")
    assert page.eval_on_selector("#old_ref", "e => e.value") == "cms/14.16@Rev.COP15"
    page.focus("text=Open the library")
    page.keyboard.press("Enter")
    page.wait_for_url("**/library")
    compare_library_versions(page)
    page.focus(".stepper button:has-text('Next change')")
    page.keyboard.press("Enter")
    page.keyboard.press("Space")
    assert page.evaluate("location.hash") == "#c-2"


def test_labels_on_every_input_and_no_serious_axe_violation(page, main_pages):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    for name, url in main_pages.items():
        page.goto(url)
        unlabelled = page.evaluate(
            "Array.from(document.querySelectorAll('input, select, textarea')).filter(e => e.type !== 'hidden' && "
            "!(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))"
            ".map(e => e.outerHTML)")
        assert unlabelled == [], (name, unlabelled)
        results = axe.run(page)
        bad = [(v["id"], v["impact"], v["help"], len(v["nodes"])) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
        assert bad == [], (name, bad)
        assert results.response["passes"] or results.response["violations"] is not None


# -- the screenshots in docs/ -------------------------------------------------------------------------------------
SCREENSHOTS = {"desk-home.png": "home", "desk-consolidated.png": "consolidated", "desk-changes.png": "comparison",
               "desk-library.png": "instrument"}


def _difference(page, a: bytes, b: bytes) -> float:
    """The share of pixels that differ visibly between two PNGs (measured by the browser's canvas)."""
    return page.evaluate("""async ([a, b]) => {
        const load = (src) => new Promise((ok, fail) => {
            const i = new Image(); i.onload = () => ok(i); i.onerror = fail; i.src = src; });
        const [x, y] = [await load(a), await load(b)];
        if (x.width !== y.width || x.height !== y.height) { return 1; }
        const pixels = (img) => {
            const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
            const g = c.getContext('2d'); g.drawImage(img, 0, 0);
            return g.getImageData(0, 0, img.width, img.height).data; };
        const [p, q] = [pixels(x), pixels(y)];
        let differ = 0;
        for (let i = 0; i < p.length; i += 4) {
            const d = Math.abs(p[i] - q[i]) + Math.abs(p[i + 1] - q[i + 1]) + Math.abs(p[i + 2] - q[i + 2]);
            if (d > 96) { differ++; }
        }
        return differ / (p.length / 4);
    }""", ["data:image/png;base64," + base64.b64encode(png).decode() for png in (a, b)])


def test_the_screenshots_in_docs_show_the_desk_as_it_is(page, browser, main_pages):
    pages = main_pages
    stale = []
    for file, name in SCREENSHOTS.items():
        page.goto(pages[name])
        if name == "comparison":
            page.locator(".stepper").get_by_role("button", name="Next change").click()
            page.locator(".stepper").get_by_role("button", name="Next change").click()
        shot = page.screenshot()
        target = DOCS / file
        if UPDATE or not target.exists():
            if not UPDATE:
                stale.append(f"{file} was missing (written now)")
            target.write_bytes(shot)
            continue
        blank = browser.new_page()
        try:
            share = _difference(blank, shot, target.read_bytes())
        finally:
            blank.close()
        if share > 0.02:
            stale.append(f"{file}: {share:.1%} of the pixels differ")
    assert not stale, "screenshots out of date (REVCOP_UPDATE_SCREENSHOTS=1 writes them anew): " + "; ".join(stale)
