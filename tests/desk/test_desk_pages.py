"""The desk's pages and shipped files, without a server: the progress page, plain-word errors, the wheel's
list of desk files."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

from revcop.desk.app import Job, _environment, explain
from revcop.errors import InputError, InvariantError
from tests.conftest import ROOT


def test_the_progress_page_lists_the_steps_and_asks_for_its_status():
    job = Job("7-abc", "amendment", Path("/nonexistent"), "x.docx")
    job.advance("Reading the document")
    job.advance("Consolidating")
    html = _environment().get_template("progress.html.j2").render(job=job)
    assert '<div class="progress" data-status="/jobs/7-abc/status" data-done="/jobs/7-abc">' in html
    assert "<li>Reading the document</li><li>Consolidating</li>" in html
    assert '<p id="step" role="status" aria-live="polite">Consolidating…</p>' in html
    assert '<a href="/jobs/7-abc">reload it</a>' in html  # without the script


def test_errors_say_what_to_do():
    said = explain(InputError("not valid UTF-8 text (byte offset 3); save it as UTF-8 or give --encoding", "/tmp/x"),
                   "notes.txt")
    assert said == ("“notes.txt”: not valid UTF-8 text (byte offset 3); save it as UTF-8 text, or as a Word .docx. "
                    "Check that this is the document you meant (a Word .docx, or text saved as UTF-8) and try again.")
    bomb = explain(InputError("part word/document.xml has a compression ratio of 1024:1, which looks like a zip "
                              "bomb (limit 200; set REVCOP_MAX_RATIO to allow more)", "/tmp/x"), "b.docx")
    assert "(limit 200; whoever starts the desk can raise the limit with REVCOP_MAX_RATIO)." in bomb
    assert explain(ImportError("No module named 'fcntl'"), "").startswith(
        "The versions library cannot be used on this system (No module named 'fcntl').")
    broken = explain(InvariantError("a character was lost"), "x.docx")
    assert broken.startswith("revcop stopped rather than give a wrong text (a character was lost).")
    assert "Please report this" in explain(KeyError("k"), "x.docx")


def test_every_desk_file_ships_in_the_wheel():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["revcop.templates.desk"]
    files = [p.name for p in (ROOT / "templates" / "desk").iterdir() if p.is_file()]
    assert files and all(any(fnmatch.fnmatch(name, pattern) for pattern in patterns) for name in files)
    assert "revcop.desk" in config["tool"]["setuptools"]["packages"]
    names = {dep.split(">")[0].split("=")[0] for dep in config["project"]["dependencies"]}
    assert {"starlette", "uvicorn", "python-multipart"} <= names
