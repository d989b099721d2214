"""PDFs revcop cannot read, and hostile ones: each is one line on standard error, exit 1, nothing written,
within the bounds a hostile .docx has (docs/robustness.md, docs/pdf.md).

The encrypted and the scanned PDF are made by LibreOffice and Chromium; the hostile ones (a compression
bomb, a page tree that contains itself, a form that draws itself) are written here byte by byte,
because no producer writes them.
"""

from __future__ import annotations

import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from revcop.cli import cli
from revcop.errors import InputError
from revcop.readers import read_document
from revcop.readers.pdf import bounds, extract
from tests.conftest import ROOT, SAMPLE_DIR
from tests.test_readers_pdf import soffice_pdf

pytestmark = pytest.mark.slow  # stress tests and subprocess runs (pytest -m "not slow" leaves them out)

SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.docx"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _refused(path: Path, tmp_path: Path, words: str) -> None:
    out = tmp_path / "out.txt"
    done = run("consolidate", path, "-o", out)
    assert done.exit_code == 1, done.output
    assert done.output.count("\n") == 1 and words in done.output and path.name in done.output
    assert not out.exists()


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF file of the given object bodies (1 0 obj is the catalog) with a correct cross-reference table."""
    out = b"%PDF-1.7\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"


@pytest.fixture
def bomb(tmp_path) -> Path:
    """One page whose content stream inflates from 0.4 MB to 400 MB (a ratio of about 1000:1)."""
    z = zlib.compressobj(9)
    data = b"".join(z.compress(b" " * (1 << 20)) for _ in range(400)) + z.flush()
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_pdf([
        _CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data),
    ]))
    return path


def test_a_compression_bomb_is_refused_before_pdfium_reads_it(bomb, tmp_path):
    _refused(bomb, tmp_path, "compression ratio over 200:1")


def test_a_bomb_under_a_raised_ratio_stops_at_the_size_limit(bomb, monkeypatch):
    monkeypatch.setattr(bounds, "MAX_RATIO", 100000)
    monkeypatch.setattr(bounds, "MAX_STREAM_BYTES", 50 * 1024 * 1024)
    with pytest.raises(InputError, match="inflates past 52428800 bytes"):
        read_document(bomb)


def test_the_bomb_check_stays_in_bounded_memory(bomb):
    # Under a 600 MiB address-space limit the 400 MB stream is refused, not inflated into memory.
    script = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (600 * 1024 * 1024, 600 * 1024 * 1024))\n"
        "from revcop.readers.pdf import bounds\n"
        "from revcop.errors import InputError\n"
        "bounds.MAX_RATIO = 100000\n"
        f"data = open({str(bomb)!r}, 'rb').read()\n"
        "try:\n    bounds.check(data, 'bomb.pdf')\nexcept InputError as e:\n    print(e)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "inflates past" in done.stdout


def test_a_page_tree_that_contains_itself_is_refused(tmp_path):
    path = tmp_path / "loop.pdf"
    path.write_bytes(_pdf([_CATALOG, b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                           b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"]))
    _refused(path, tmp_path, "loop.pdf: ")


def test_a_form_that_draws_itself_ends(tmp_path):
    form = (b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X1 5 0 R >> >> "
            b"/Length 6 >>\nstream\n/X1 Do\nendstream")
    path = tmp_path / "form.pdf"
    path.write_bytes(_pdf([
        _CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /XObject << /X1 5 0 R >> >> >>",
        b"<< /Length 6 >>\nstream\n/X1 Do\nendstream", form,
    ]))
    _refused(path, tmp_path, "is a PDF without any text")


@pytest.mark.libreoffice
def test_too_many_pages_are_refused_unless_pages_chooses(soffice, tmp_path, monkeypatch):
    soffice_pdf(soffice, [SAMPLE], tmp_path)
    pdf = tmp_path / "UNEP-CMS-COP15-Doc.28.2.pdf"
    monkeypatch.setattr(extract, "MAX_PAGES", 5)
    _refused(pdf, tmp_path, "has 16 pages (more than 5, REVCOP_MAX_PDF_PAGES); give --pages")
    assert run("parse", pdf, "--pages", "6-9", "-o", tmp_path / "p.txt").exit_code == 0


@pytest.mark.libreoffice
def test_an_encrypted_pdf_is_one_line_error(soffice, tmp_path):
    options = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", options, "--outdir", str(tmp_path), str(SAMPLE)],
                   check=True, capture_output=True, timeout=600)
    pdf = tmp_path / "UNEP-CMS-COP15-Doc.28.2.pdf"
    assert b"/Encrypt" in pdf.read_bytes()
    _refused(pdf, tmp_path, "is an encrypted (password-protected) PDF")


@pytest.mark.chromium
def test_a_scanned_pdf_says_it_has_no_text_layer(chromium, tmp_path):
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-data-dir={tmp_path / 'p'}"]
    page = tmp_path / "page.html"
    page.write_text("<!DOCTYPE html><p style='font-size:20px'>Recalling Resolution 12.21 ...</p>", encoding="utf-8")
    shot = tmp_path / "page.png"
    subprocess.run([chromium, *flags, f"--screenshot={shot}", "--window-size=800,600", page.as_uri()],
                   check=True, capture_output=True, timeout=300)
    holder = tmp_path / "scan.html"
    holder.write_text(f"<!DOCTYPE html><body style='margin:0'><img src='{shot.name}' style='width:100%'>",
                      encoding="utf-8")
    pdf = tmp_path / "scan.pdf"
    subprocess.run([chromium, *flags, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", holder.as_uri()],
                   check=True, capture_output=True, timeout=300)
    _refused(pdf, tmp_path, "is a scanned PDF (page images without a text layer)")


def test_a_real_process_shows_no_traceback(bomb):
    done = subprocess.run([sys.executable, "-m", "revcop", "parse", str(bomb), "-o", "-"], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("revcop: error: ") and done.stderr.count("\n") == 1
