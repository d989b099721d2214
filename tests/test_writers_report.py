"""Report writers: HTML (parsed with lxml and rendered in headless Chromium), Markdown, JSON."""

import json
import struct
import subprocess
import zlib
from pathlib import Path

import lxml.html
import pytest

from revcop.readers import read_document
from revcop.review import build_report
from revcop.writers.report import render_report, to_data
from tests.conftest import SAMPLE_DIR

SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"
FIXTURE = Path(__file__).parent / "data" / "report.critic.txt"


def report_of(path, new=None):
    if new is not None:
        from revcop.review import build_comparison_report

        old, new = read_document(path), read_document(new)
        return build_comparison_report(old.value, new.value, generated="2026-03-29")
    read = read_document(path)
    return build_report(read.value, read.messages, generated="2026-03-29")


@pytest.fixture(scope="module")
def sample():
    return report_of(SAMPLE)


@pytest.fixture(scope="module")
def sample_html(sample):
    return render_report(sample, "html")


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    """The report of the sample's original text against its consolidated text (OLD NEW mode)."""
    from revcop import consolidation as consolidate
    from revcop.writers import render

    folder = tmp_path_factory.mktemp("pair")
    doc = read_document(SAMPLE).value
    old, new = folder / "old.txt", folder / "new.txt"
    old.write_text(render(consolidate.original(doc).value, "txt"), encoding="utf-8")
    new.write_text(render(consolidate.consolidate(doc).value, "txt"), encoding="utf-8")
    return report_of(old, new)


def marked_pieces(report):
    """(inserted, deleted) pieces in the report's data, footnotes included."""
    pieces = [p for e in report.entries for p in e.all_pieces]
    return sum(p.change == "inserted" for p in pieces), sum(p.change == "deleted" for p in pieces)


def parse_strictly(html: str):
    """Parse with libxml2's HTML parser and fail on any error it logs (a stray or unclosed tag)."""
    from lxml import etree

    parser = etree.HTMLParser()
    tree = etree.fromstring(html.encode("utf-8"), parser)
    assert [e.message for e in parser.error_log] == []
    return tree


def check_dom(tree, report):
    ins, dels = marked_pieces(report)
    para = "//*[contains(concat(' ', @class, ' '), ' para ')]"
    assert (len(tree.xpath(para + "//ins")), len(tree.xpath(para + "//del"))) == (ins, dels)
    # outside the paragraphs only the legend's two examples
    assert (len(tree.xpath("//ins")), len(tree.xpath("//del"))) == (ins + 1, dels + 1)
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids))  # ids are unique
    ids = set(ids)
    cells = tree.xpath("//nav[contains(@class, 'map')]/a")
    assert len(cells) == len(report.entries)
    assert [c.get("href")[1:] for c in cells] == [e.id for e in report.entries]
    for href in tree.xpath("//a/@href"):
        assert href.startswith("#") and href[1:] in ids, href


def test_html_is_one_valid_self_contained_file(sample, sample_html):
    parse_strictly(sample_html)
    tree = lxml.html.document_fromstring(sample_html)
    check_dom(tree, sample)
    assert not tree.xpath("//script | //link | //img | //iframe | //@src")
    assert "@media print" in sample_html and "url(" not in sample_html
    # every cell carries a letter as well as a colour
    assert {a.text for a in tree.xpath("//nav[contains(@class, 'map')]/a")} == {"·", "A", "I", "M"}
    # unchanged paragraphs are folded, changed ones are open
    assert len(tree.xpath("//details[contains(@class, 'para')]")) == sum(
        1 for e in sample.entries if e.change == "unchanged" and not e.renumbered)
    bis = tree.get_element_by_id(next(e.id for e in sample.entries if e.old_name == "11 bis"))
    assert bis.tag == "article" and "11 bis. → 12." in bis.text_content()


def test_html_escapes_every_text():
    html = render_report(report_of(FIXTURE), "html")
    parse_strictly(html)
    assert "Recalling Resolution 12.2 on &lt;b&gt;bold&lt;/b&gt; claims &amp; other matters," in html
    assert "MARKS &amp; &lt;TAGS&gt; IN REVIEW" in html
    tree = lxml.html.document_fromstring(html)
    assert not tree.xpath("//b")
    check_dom(tree, report_of(FIXTURE))


def test_moved_paragraphs_link_to_each_other(sample, sample_html):
    tree = lxml.html.document_fromstring(sample_html)
    for e in (e for e in sample.entries if e.move_role):
        links = tree.get_element_by_id(e.id).xpath(".//div[@class='head']//a/@href")
        assert links == ["#" + e.partner[0]]


def test_pair_html(pair):
    html = render_report(pair, "html")
    parse_strictly(html)
    tree = lxml.html.document_fromstring(html)
    check_dom(tree, pair)
    assert "Two versions were compared" in tree.get_element_by_id("references").text_content()
    moved_from = next(e for e in pair.entries if e.move_role == "from")
    links = tree.get_element_by_id(moved_from.id).xpath(".//div[@class='head']//a/@href")
    assert links == ["#" + moved_from.partner[0]]


def test_markdown_summary(sample):
    md = render_report(sample, "md")
    assert md.startswith("# Changes to Resolution 14.16: ECOLOGICAL CONNECTIVITY\n")
    assert "| **All** | 98 | 49 | 34 | 11 | 0 | 2 | 22 | 641 | 60 |" in md
    assert "| 11 bis | 12 |" in md and "| 30 | 33 |" in md
    assert "- 11 bis → 12 — inserted, +34/−0 words: “Encourages Parties to maintain" in md
    assert "\\[Further recalling" in md  # Markdown specials escaped
    assert md.endswith("\n") and "<" not in md.replace("\\<", "")


def test_json_is_the_same_content(sample):
    data = json.loads(render_report(sample, "json"))
    assert data["schema"] == "revcop/report/1" and data["mode"] == "amendments"
    assert data["summary"] == sample.summary() and data == to_data(sample)
    assert len(data["paragraphs"]) == 98 and data["generated"] == "2026-03-29"
    bis = next(p for p in data["paragraphs"] if p["old_name"] == "11 bis")
    assert (bis["new_label"], bis["change"], bis["renumbered"]) == ("12.", "inserted", True)


def test_template_dir_overrides_one_template(tmp_path, sample):
    (tmp_path / "report.md.j2").write_text("{{ report.instrument }}: {{ summary['all'].amended }} amended\n")
    assert render_report(sample, "md", tmp_path) == "Resolution 14.16: 34 amended\n"
    assert render_report(sample, "html", tmp_path).startswith("<!DOCTYPE html>")  # shipped one still used


# -- headless Chromium ---------------------------------------------------------------------------------

def chromium_run(chromium, tmp_path, *args):
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    return subprocess.run([chromium, *flags, *args], capture_output=True, timeout=120, check=True)


def png_pixels(path: Path):
    """Width, height and rows of pixel tuples of an 8-bit RGB/RGBA PNG (a tiny reader, zlib only)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), (depth, colour)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        filt, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b, c = prev[x], prev[x - channels] if x >= channels else 0
            if filt == 1:
                line[x] = (line[x] + a) & 255
            elif filt == 2:
                line[x] = (line[x] + b) & 255
            elif filt == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif filt == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


@pytest.mark.chromium
def test_chromium_renders_the_report(chromium, tmp_path, sample, sample_html):
    page = tmp_path / "report.html"
    page.write_text(sample_html, encoding="utf-8")
    dom = chromium_run(chromium, tmp_path, "--dump-dom", page.as_uri()).stdout.decode("utf-8")
    check_dom(lxml.html.document_fromstring(dom), sample)

    png = tmp_path / "report.png"
    chromium_run(chromium, tmp_path, f"--screenshot={png}", "--window-size=1280,2000", page.as_uri())
    width, height, channels, rows = png_pixels(png)
    assert (width, height) == (1280, 2000)
    colours = {row[x:x + 3] for row in rows[::10] for x in range(0, width * channels, channels * 5)}
    assert len(colours) > 20  # text, table rules and the coloured cells of the change map
    # the change map's amended cells are drawn in their colour (#fff0b3)
    assert bytes((0xFF, 0xF0, 0xB3)) in colours


@pytest.mark.chromium
def test_chromium_renders_the_pair_report(chromium, tmp_path, pair):
    page = tmp_path / "pair.html"
    page.write_text(render_report(pair, "html"), encoding="utf-8")
    dom = chromium_run(chromium, tmp_path, "--dump-dom", page.as_uri()).stdout.decode("utf-8")
    check_dom(lxml.html.document_fromstring(dom), pair)
