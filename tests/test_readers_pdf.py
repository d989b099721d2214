"""The PDF reader on PDFs that real producers write (issue 19): LibreOffice's export of the COP15 sample
in two fonts, with its marks as formatting, as Word tracked changes shown inline, as character styles
with double strike-through, with hyperlinks; and Chromium's print of revcop's own HTML annex.

The PDFs are made here, once a session, from the bundled .docx (never drawn by hand, never committed);
the tests skip where LibreOffice or Chromium is missing, which CI turns into failures (conftest.py).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from revcop.cli import cli
from revcop.errors import InputError
from revcop.model import Change
from revcop.readers import read_bytes, read_document
from tests.conftest import ROOT, SAMPLE_DIR

SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.docx"
GENERATOR = ROOT / "tools" / "make_sample_docx.py"
GOLDEN = ROOT / "tests" / "golden"

#: Variants of the sample .docx: name -> (generator options, font replacing Arial or None).
VARIANTS = {
    "sans": ((), "Liberation Sans"),
    "serif": ((), "Liberation Serif"),
    "tracked": (("--marks", "tracked"), None),
    "styles": (("--styles",), None),  # marks from character styles, double strike-through
    "hyperlinks": (("--hyperlinks",), None),  # symbols as underlined links: link styling, not insertions
}
#: Not consolidated: the insertions shown in blue, without underline (a colour convention revcop does not
#: read as marks, and reports).
COLOURED = "coloured"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _replace(src: Path, out: Path, old: bytes, new: bytes) -> None:
    """The .docx with ``old`` replaced by ``new`` in every XML part."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.endswith(".xml"):
                data = data.replace(old, new)
            zout.writestr(info, data)


def soffice_pdf(soffice: str, docs: list[Path], folder: Path) -> None:
    """LibreOffice headless export to PDF of ``docs`` into ``folder``, with a profile of its own (an
    instance another process runs with the default profile would take the job and drop it)."""
    profile = folder / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *map(str, docs)], check=True, capture_output=True, timeout=600)


@pytest.fixture(scope="session")
def sample_pdfs(soffice, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdf-sample")
    docs = []
    for name, (options, font) in VARIANTS.items():
        doc = folder / f"sample-{name}.docx"
        made = folder / f"made-{name}.docx"
        subprocess.run([sys.executable, str(GENERATOR), "-o", str(made), *options], check=True, capture_output=True)
        if font:
            _replace(made, doc, b"Arial", font.encode())  # the fonts of styles and runs
        else:
            shutil.copy(made, doc)
        docs.append(doc)
    coloured = folder / f"sample-{COLOURED}.docx"
    _replace(SAMPLE, coloured, b'<w:u w:val="single"/>', b'<w:color w:val="0000FF"/>')
    docs.append(coloured)
    soffice_pdf(soffice, docs, folder)
    out = {name: folder / f"sample-{name}.pdf" for name in [*VARIANTS, COLOURED]}
    for path in out.values():
        assert read_bytes(path).startswith(b"%PDF-"), path
    return out


@pytest.fixture(scope="session")
def annex_pdf(chromium, tmp_path_factory) -> dict[str, Path]:
    """revcop's HTML annex of the COP14 -> Rev.COP15 comparison printed to PDF by headless Chromium
    (with its own running header and footer: date, title, file address and page 'n/9'), and the
    same annex as CriticMarkup text, the reference."""
    folder = tmp_path_factory.mktemp("pdf-annex")
    html, text = folder / "annex.html", folder / "annex.txt"
    for out in (html, text):
        done = run("diff", SAMPLE_DIR / "COP14.txt", SAMPLE_DIR / "Rev.COP15.txt", "-o", out, "-q")
        assert done.exit_code == 0, done.output
    pdf = folder / "annex.pdf"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    f"--user-data-dir={folder / 'profile'}", f"--print-to-pdf={pdf}", html.as_uri()],
                   check=True, capture_output=True, timeout=300)
    return {"pdf": pdf, "text": text}


def view(command: str, path: Path, *options) -> str:
    done = run(command, path, "-o", "-", "-q", *options)
    assert done.exit_code == 0, done.output
    return done.stdout


# -- the measures of the issue: every character of both views ------------------------------------------

@pytest.mark.libreoffice
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_the_pdf_consolidates_to_exactly_the_docx_text(variant, sample_pdfs):
    pdf = sample_pdfs[variant]
    assert view("consolidate", pdf) == view("consolidate", SAMPLE) \
        == (GOLDEN / "cms-14.16-Rev.COP15.txt").read_text(encoding="utf-8")
    assert view("original", pdf) == view("original", SAMPLE)


@pytest.mark.libreoffice
def test_the_original_of_the_pdf_is_the_cop14_text(sample_pdfs):
    original = view("original", sample_pdfs["sans"])
    cop14 = (SAMPLE_DIR / "COP14.txt").read_text(encoding="utf-8")

    def words(text):  # the library version carries its own title block and adoption line
        return " ".join(text.split())

    body = words(cop14)[words(cop14).index("Recalling Resolutions 10.3"):]
    assert body and body in words(original)


@pytest.mark.chromium
@pytest.mark.parametrize("command", ["consolidate", "original"])
def test_chromiums_print_of_the_annex_reads_as_the_annex(command, annex_pdf):
    options = ("--cop", "COP15") if command == "consolidate" else ()
    assert view(command, annex_pdf["pdf"], *options) == view(command, annex_pdf["text"], *options)


@pytest.mark.chromium
def test_chromiums_running_header_and_footer_are_not_text(annex_pdf):
    blocks = _blocks(annex_pdf["pdf"])
    text = "\n".join(b.text for b in blocks if not b.running)
    assert "annex.html" not in text and not re.search(r"\b\d/\d\b", text)
    running = [b.text for b in blocks if b.running]
    assert any(t.endswith("Resolution 14.16") for t in running) and any("annex.html 2/" in t for t in running)


def _blocks(path: Path, **options):
    from revcop.readers import pdf

    return pdf.read_blocks(str(path), read_bytes(path), **options).value


def _critic(spans) -> str:
    out = []
    for s in spans:
        text = s.text if s.note is None else f"[^{s.text}: {_critic(s.note.spans)}]"
        out.append({Change.INSERTED: "{++%s++}", Change.DELETED: "{--%s--}"}.get(s.change, "%s") % text)
    return "".join(out)


@pytest.mark.libreoffice
def test_every_paragraph_and_mark_is_read_as_in_the_docx(sample_pdfs):
    from revcop.readers import docx

    def squeeze(text):  # white space apart: a tab after a label, a space at a line end, a no-break space
        return re.sub(r"\s+", "", text)

    want = [squeeze(_critic(b.spans)) for b in docx.read_blocks(str(SAMPLE), read_bytes(SAMPLE)).value
            if not b.running]
    got = [squeeze(_critic(b.spans)) for b in _blocks(sample_pdfs["sans"]) if not b.running]
    assert got == want
    assert any("protect{--ing--}{++ed++}" in p for p in got)  # marks inside a word
    assert any("(b)-(d)[^2:ImplementationofDecision14.196a)" in p for p in got)  # the footnote, attached


@pytest.mark.libreoffice
def test_running_headers_give_the_symbol_and_page_numbers_are_dropped(sample_pdfs):
    blocks = _blocks(sample_pdfs["sans"])
    running = {b.text for b in blocks if b.running}
    assert {"UNEP/CMS/COP15/Doc.28.2", "UNEP/CMS/COP15/Doc.28.2/Annex 1", "7"} <= running
    body = [b.text for b in blocks if not b.running]
    assert "ANNEX 2" in body and "7" not in body  # a heading at the top of a page is not a running header
    assert read_document(sample_pdfs["sans"]).value.meta.symbol == "UNEP/CMS/COP15/Doc.28.2"


@pytest.mark.libreoffice
def test_hyphens_at_a_line_end_are_kept(sample_pdfs):
    text = " ".join(b.text for b in _blocks(sample_pdfs["sans"]))
    assert "stop-over locations" in text and "in-kind support" in text and "2024-2032" in text
    assert "Kunming-Montreal" in text and "stop over" not in text


@pytest.mark.libreoffice
def test_hyperlink_underlines_are_not_insertions_and_are_reported(sample_pdfs):
    read = read_document(sample_pdfs["hyperlinks"])
    assert any("inside a link is read as link styling" in m.text for m in read.messages)
    plain = read_document(sample_pdfs["sans"])
    assert not any("link" in m.text for m in plain.messages)


@pytest.mark.libreoffice
def test_tracked_changes_shown_in_colour_are_reported(sample_pdfs):
    tracked = read_document(sample_pdfs["tracked"]).messages
    coloured = [m for m in tracked if "coloured" in m.text and "tracked changes" in m.text]
    assert len(coloured) == 1 and coloured[0].level == "info"  # every mark is coloured: nothing mixed
    assert not any("coloured" in m.text for m in read_document(sample_pdfs["sans"]).messages)


@pytest.mark.libreoffice
def test_words_marked_by_colour_alone_are_reported(sample_pdfs):
    read = read_document(sample_pdfs[COLOURED])
    found = [m for m in read.messages if m.text.startswith("coloured words without underline or strike-through")]
    assert len(found) == 1 and found[0].level == "warning" and "page 6, line" in found[0].text
    text = " ".join(b.text for b in _blocks(sample_pdfs[COLOURED]) if not b.running)
    assert "designating, restoring and managing" in text  # the blue words are read, as unchanged text


@pytest.mark.libreoffice
def test_pages_reads_only_the_annex(sample_pdfs):
    pdf = sample_pdfs["sans"]
    assert view("consolidate", pdf, "--pages", "6-14") == view("consolidate", SAMPLE)
    annex_only = [b.text for b in _blocks(pdf, pages="6-14") if not b.running]
    assert annex_only[0] == "ANNEX 1" and not any(t.startswith("Background") for t in annex_only)
    assert run("parse", pdf, "--pages", "6-x").exit_code == 2
    done = run("parse", pdf, "--pages", "99")
    assert done.exit_code == 1 and "--pages asks for page 99" in done.output
    assert len(_blocks(pdf)) > len(annex_only) + 50  # the option held for its run only


# -- what a PDF cannot give: one-line errors --------------------------------------------------------------

@pytest.mark.libreoffice
def test_a_damaged_pdf_is_one_line_error(sample_pdfs, tmp_path):
    data = read_bytes(sample_pdfs["sans"])
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[:2000])
    done = run("consolidate", cut, "-o", tmp_path / "out.txt")
    assert done.exit_code == 1 and not (tmp_path / "out.txt").exists()
    assert done.output.count("\n") == 1 and "cut.pdf" in done.output


def test_a_pdf_header_on_garbage_is_refused(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 10)
    with pytest.raises(InputError, match="damaged PDF"):
        read_document(bad)


def test_consolidating_a_docx_does_not_import_pdfium(tmp_path):
    script = ("import sys\nfrom revcop.cli import main\n"
              f"try:\n    main(['consolidate', {str(SAMPLE)!r}, '-o', {str(tmp_path / 'o.txt')!r}, '-q'])\n"
              "except SystemExit:\n    pass\nprint(' '.join(sorted(sys.modules)))\n")
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                            check=True).stdout.split()
    assert "revcop.readers.docx" in loaded
    assert not any(m.startswith("pypdfium2") for m in loaded) and "revcop.readers.pdf.extract" not in loaded


# -- the geometry rules, on records shaped as PDFium gives them --------------------------------------------

def _line(text: str, *, size=10.0, baseline=100.0, x=50.0, advance=5.0):
    from revcop.readers.pdf.extract import Glyph, Page
    from revcop.readers.pdf.lines import split_lines

    page = Page(1, 600.0, 800.0)
    for i, ch in enumerate(text):
        x0 = x + i * advance
        page.glyphs.append(Glyph(ch, x0, x0 + advance - 0.5, baseline - 2, baseline + 7, x0, baseline, size, False, i))
    return page, split_lines(page)


def _marks(page, lines) -> str:
    from revcop.readers.pdf.lines import mark_lines

    messages, linked = [], []
    mark_lines(page, lines, messages, linked)
    code = {Change.INSERTED: "+", Change.DELETED: "-", Change.UNCHANGED: "."}
    return "".join(code[m] for m in lines[0].marks), [m.text for m in messages], linked


@pytest.mark.parametrize("offset, want", [(-1.5, "+"), (-3.5, "+"), (2.5, "-"), (1.6, "-"), (4.5, "-"),
                                          (-6.0, "."), (7.0, ".")])
def test_a_rule_is_read_by_its_height_over_the_baseline_in_em(offset, want):
    from revcop.readers.pdf.extract import Rule

    page, lines = _line("protecting")
    page.rules.append(Rule(50 + 7 * 5.0, 50 + 10 * 5.0, 100.0 + offset, 0.6))  # under/through "ing"
    got, messages, _ = _marks(page, lines)
    assert got == "." * 7 + want * 3 and not messages


def test_a_rule_at_the_baseline_is_uncertain_and_warned():
    from revcop.readers.pdf.extract import Rule

    page, lines = _line("protecting")
    page.rules.append(Rule(50.0, 100.0, 100.5, 0.6))
    got, messages, _ = _marks(page, lines)
    assert got == "." * 10 and len(messages) == 1 and "neither clearly an underline nor a strike-through" in messages[0]


def test_rules_that_are_not_marks():
    from revcop.readers.pdf.extract import Rule

    page, lines = _line("Heading")  # 50..85
    page.rules.append(Rule(50.0, 300.0, 98.5, 0.6))  # runs far past the text: a rule under a heading
    page.rules.append(Rule(50.0, 85.0, 98.0, 0.6, boxed=True))  # the edge of a table cell
    assert _marks(page, lines)[0] == "......."
    page.rules[:] = [Rule(50.0, 85.0, 98.5, 0.6)]
    page.links.append((49.0, 97.0, 86.0, 108.0))  # a link annotation over the text
    got, _, linked = _marks(page, lines)
    assert got == "......." and linked == ["page 1, line 1"]


def test_double_lines_and_both_marks():
    from revcop.readers.pdf.extract import Rule

    page, lines = _line("word")  # 50..70
    page.rules += [Rule(50.0, 70.0, 98.8, 0.4), Rule(50.0, 70.0, 97.6, 0.4)]  # a double underline
    assert _marks(page, lines)[0] == "++++"
    page.rules.append(Rule(50.0, 70.0, 102.5, 0.5))  # and struck through
    got, messages, _ = _marks(page, lines)
    assert got == "----" and messages == ["text both underlined and struck through is read as deleted"]
