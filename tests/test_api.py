"""The public face, `import revcop`, used as a Python user would: nothing below it is imported here."""

import subprocess
import sys

import pytest

import revcop
from tests.conftest import ROOT, SAMPLE_DIR

SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.docx"
LIBRARY = ROOT / "resolutions"


@pytest.fixture
def library(monkeypatch):
    monkeypatch.setenv("REVCOP_LIBRARY", str(LIBRARY))


def test_importing_revcop_loads_none_of_its_stages():
    done = subprocess.run([sys.executable, "-c", "import sys, revcop; print(' '.join(sys.modules))"],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    assert [m for m in done.stdout.split() if m.startswith("revcop.")] == []


def test_read_consolidate_render_the_sample():
    read = revcop.read(SAMPLE)
    assert isinstance(read, revcop.Result) and isinstance(read.value, revcop.Document)
    consolidated = revcop.consolidate(read.value)
    text = revcop.render(consolidated.value, "txt")
    assert text.startswith("Resolution 14.16 (Rev.COP15)\n")
    assert "\n\n12. Encourages Parties" in text
    assert not revcop.carries_marks(consolidated.value) and revcop.carries_marks(read.value)
    docx = revcop.render(consolidated.value, "docx")
    assert isinstance(docx, bytes) and docx.startswith(b"PK")


def test_original_is_the_text_before_the_amendments():
    original = revcop.original(revcop.read(SAMPLE).value).value
    assert revcop.render(original, "txt").startswith("Resolution 14.16\n")


def test_compare_two_library_versions_and_make_the_annex(library):
    old, new = revcop.read_pair("cms/14.16@COP14", "cms/14.16@Rev.COP15")
    comparison = revcop.compare(old.value, new.value)
    assert comparison.summary["inserted"] >= 1 and comparison.summary["amended"] >= 1
    annex = revcop.annex(comparison)
    assert isinstance(annex, revcop.Result)
    text = revcop.render(annex.value, "txt")
    assert "{++" in text and "{--" in text


def test_a_marked_version_is_settled_to_its_consolidated_text():
    doc = revcop.read(SAMPLE).value
    settled = revcop.settle(doc, "OLD")
    assert revcop.render(settled.value, "txt") == revcop.render(revcop.consolidate(doc).value, "txt")
    assert [m.text for m in settled.messages if m.level == "info"] == [
        "OLD carries amendment marks; its consolidated text is compared"]
    unmarked = settled.value
    assert revcop.settle(unmarked).value is unmarked


def test_report_and_check():
    read = revcop.read(SAMPLE)
    report = revcop.report(read.value, read.messages, generated="2026-03-29")
    assert report.mode == "amendments" and report.new.name == "Resolution 14.16 (Rev.COP15)"
    findings = revcop.check(read.value).value
    # the sample's one doubled word, named in the consolidated numbering with the amendment's label
    doubled = [(f.where, f.excerpt) for f in findings if f.code == "doubled-word"]
    assert doubled == [("paragraph 26 (25 in the amendments)",
                        "…ese networks, as appropriate; to to enhance ecological conne…")]


def test_errors_are_revcop_errors(tmp_path):
    missing = tmp_path / "missing.docx"
    with pytest.raises(revcop.InputError, match="missing.docx: no such file"):
        revcop.read(missing)
    with pytest.raises(AttributeError):
        revcop.no_such_thing  # noqa: B018


def test_the_worked_example_of_docs_api_runs(tmp_path, monkeypatch, capsys):
    import re

    code = re.search(r"```python\n(.*?)```", (ROOT / "docs" / "api.md").read_text(encoding="utf-8"), re.S).group(1)
    (tmp_path / "resolutions").symlink_to(LIBRARY)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REVCOP_LIBRARY", raising=False)
    exec(compile(code, "docs/api.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert printed[:3] == ["Resolution 14.16 COP15", "True", "Resolution 14.16 (Rev.COP15)"]
    assert (tmp_path / "Resolution-14.16-Rev.COP15.docx").read_bytes().startswith(b"PK")
