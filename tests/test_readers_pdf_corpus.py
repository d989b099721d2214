"""Every .docx of the public corpus, exported to PDF by LibreOffice, is read without an error, and its
paragraphs agree with the .docx reading at least as far as docs/pdf.md reports (the table there is
this module's output: ``python -m tests.test_readers_pdf_corpus`` prints it, from the repository root).

Agreement, per file: *paragraphs* — the .docx paragraphs (automatic number + text, white space
collapsed) found identical, in order, among the PDF's; *with marks* — the same with each paragraph's
insertions and deletions written in, so a mark read wrong counts as a miss; *characters* — the share
of the .docx's non-space characters that a character diff finds in the PDF's text.
"""

from __future__ import annotations

import difflib
import re
import shutil
import sys
from pathlib import Path

import pytest

from revcop.readers import read_bytes
from tests.conftest import DOCX_PUBLIC, ROOT
from tests.test_readers_pdf import _critic, soffice_pdf

pytestmark = pytest.mark.slow  # stress tests and subprocess runs (pytest -m "not slow" leaves them out)

DOC = ROOT / "docs" / "pdf.md"
FILES = sorted(DOCX_PUBLIC.glob("*.docx")) if DOCX_PUBLIC.is_dir() else []
_ROW = re.compile(r"^\| `(?P<name>[^`]+)` \| (?P<paras>\d+)/(?P<total>\d+) \| (?P<marks>\d+)/\d+ \| (?P<chars>[\d.]+) % \|")


def _paragraphs(blocks) -> tuple[list[str], list[str]]:
    plain, marked = [], []
    for b in blocks:
        if b.running:
            continue
        text = " ".join(f"{b.number or ''} {b.text}".split())
        if text:
            plain.append(text)
            marked.append(" ".join(f"{b.number or ''} {_critic(b.spans)}".split()))
    return plain, marked


def _matched(a: list[str], b: list[str]) -> int:
    return sum(m.size for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())


def _characters(a: str, b: str) -> float:
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    a, b = re.sub(r"\s+", "", a), re.sub(r"\s+", "", b)
    same = sum(len(text) for op, text in dmp.diff_main(a, b, False) if op == 0)
    return 100.0 * same / max(len(a), 1)


def agreement(docx: Path, pdf: Path) -> tuple[int, int, int, float]:
    from revcop.readers import docx as docx_reader
    from revcop.readers import pdf as pdf_reader

    want, want_marked = _paragraphs(docx_reader.read_blocks(str(docx), read_bytes(docx)).value)
    got, got_marked = _paragraphs(pdf_reader.read_blocks(str(pdf), read_bytes(pdf)).value)
    return (_matched(want, got), len(want), _matched(want_marked, got_marked),
            _characters("".join(want), "".join(got)))


def documented() -> dict[str, tuple[int, int, float]]:
    out = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        m = _ROW.match(line)
        if m:
            out[m.group("name")] = (int(m.group("paras")), int(m.group("marks")), float(m.group("chars")))
    return out


@pytest.fixture(scope="session")
def corpus_pdfs(soffice, corpus, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pdf-corpus")
    copies = []
    for path in FILES:  # read in place, exported from a copy: LibreOffice may write lock files beside it
        copies.append(folder / path.name)
        shutil.copy(path, copies[-1])
    soffice_pdf(soffice, copies, folder)
    return folder


@pytest.mark.corpus  # reads ../shared/corpus: skipped, saying why, where it is absent (CI fails instead)
def test_the_table_covers_the_corpus():
    assert FILES, f"the shared corpus is missing at {DOCX_PUBLIC}"
    assert set(documented()) == {p.stem for p in FILES}


@pytest.mark.libreoffice
@pytest.mark.parametrize("docx", FILES, ids=[p.stem for p in FILES])
def test_every_corpus_pdf_reads_and_agrees_as_documented(docx, corpus_pdfs):
    pdf = corpus_pdfs / f"{docx.stem}.pdf"
    assert pdf.is_file(), f"LibreOffice wrote no PDF for {docx.name}"
    paras, total, marks, chars = agreement(docx, pdf)  # an InputError here fails the test
    want_paras, want_marks, want_chars = documented()[docx.stem]
    assert paras >= want_paras and marks >= want_marks
    assert chars >= want_chars - 0.05


def main() -> None:  # pragma: no cover - prints the table of docs/pdf.md
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for path in FILES:
            shutil.copy(path, folder / path.name)
        soffice = shutil.which("soffice") or "soffice"
        subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(folder), *(str(folder / p.name) for p in FILES)],
                       check=True, capture_output=True)
        sums = [0, 0, 0]
        print("| file | paragraphs | with marks | characters |\n|---|---|---|---|")
        for path in FILES:
            paras, total, marks, chars = agreement(path, folder / f"{path.stem}.pdf")
            sums[0] += paras
            sums[1] += total
            sums[2] += marks
            print(f"| `{path.stem}` | {paras}/{total} | {marks}/{total} | {chars:.1f} % |")
        sys.stderr.write(f"all: {sums[0]}/{sums[1]} paragraphs, {sums[2]}/{sums[1]} with marks\n")


if __name__ == "__main__":
    main()
