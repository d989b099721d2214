"""The benchmark's input generator (benchmarks/generate.py): seeded, sized, valid, readable by revcop."""

import importlib.util
import io
import sys
import zipfile

import pytest
from lxml import etree

from revcop.model import Change
from revcop.readers import read_document
from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("benchmarks_generate", ROOT / "benchmarks" / "generate.py")
generate = sys.modules.setdefault("benchmarks_generate", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(generate)

W = generate.W


def body_text(docx_bytes: bytes, strike_dropped: bool = False) -> str:
    """Paragraph texts of word/document.xml (w:t only; struck runs left out if asked), one a line."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    lines = []
    for p in root.iter(f"{{{W}}}p"):
        parts = []
        for r in p.iter(f"{{{W}}}r"):
            if strike_dropped and r.find(f"{{{W}}}rPr/{{{W}}}strike") is not None:
                continue
            parts.extend(t.text or "" for t in r.iter(f"{{{W}}}t"))
        text = "".join(parts)
        if text:
            lines.append(text)
    return "\n".join(lines)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    out = tmp_path_factory.mktemp("gen")
    info = generate.write_all(generate.generate(5000, seed=3), out)
    return out, info


def test_seeded_determinism():
    a, _ = generate.document_xml(generate.generate(5000, seed=7), "marks")
    b, _ = generate.document_xml(generate.generate(5000, seed=7), "marks")
    c, _ = generate.document_xml(generate.generate(5000, seed=8), "marks")
    assert a == b and a != c


@pytest.mark.parametrize("size", ["5k", "50k"])
def test_word_counts_within_5_percent(size):
    n = generate.parse_size(size)
    doc = generate.generate(n, seed=1)
    for side in ("old", "new"):
        assert abs(doc.words(side) - n) <= 0.05 * n, (side, doc.words(side))


def test_docx_files_are_valid_zips_and_agree(small):
    out, info = small
    texts = {}
    for mode in generate.MODES:
        data = (out / f"{mode}.docx").read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert z.testzip() is None
            assert {"[Content_Types].xml", "word/document.xml", "word/footnotes.xml"} <= set(z.namelist())
            etree.fromstring(z.read("word/footnotes.xml"))
        texts[mode] = body_text(data)
    # the clean new version is the marked document with the struck runs left out
    assert body_text((out / "marks.docx").read_bytes(), strike_dropped=True) == texts["new"]
    # footnotes counted: the words of old.docx's body are a little fewer than the document's words
    assert 0.9 * info["words_old"] < len(texts["old"].split()) <= info["words_old"]
    # the tracked version holds the deleted text as w:delText, so its w:t text is the new text
    assert texts["tracked"] == texts["new"]


def test_edits_are_realistic(small):
    out, _ = small
    critic = (out / "marks.critic.txt").read_text(encoding="utf-8")
    assert critic.count("{++") > 5 and critic.count("{--") > 5
    assert " bis. " in critic  # a new bis paragraph
    xml = zipfile.ZipFile(out / "tracked.docx").read("word/document.xml")
    assert b"<w:ins " in xml and b"<w:del " in xml and b"<w:delText" in xml


def test_revcop_reads_the_generated_amendment_document(small):
    out, info = small
    doc = read_document(out / "marks.critic.txt").value
    assert doc.meta.instrument == "Resolution 14.99" and doc.meta.meeting == "COP15"
    paragraphs = list(doc.resolution.walk())
    assert any(p.label and p.label.suffix == 1 for p in paragraphs)  # 'n bis.'
    assert any(s.change is Change.DELETED for p in paragraphs for s in p.spans)


def test_revcop_reads_the_generated_docx(small):
    pytest.importorskip("revcop.readers.docx", reason="the .docx reader (issue #3) is not on this branch yet")
    out, _ = small
    marks = read_document(out / "marks.docx").value
    critic = read_document(out / "marks.critic.txt").value
    assert [p.text for p in marks.walk()] == [p.text for p in critic.walk()]
    tracked = read_document(out / "tracked.docx").value
    assert [p.status for p in tracked.resolution.walk()] == [p.status for p in marks.resolution.walk()]
    new = read_document(out / "new.docx").value
    assert not any(s.change is not Change.UNCHANGED for p in new.walk() for s in p.spans)


# -- the second, independent generator (benchmarks/generate_un.py) and the floor (benchmarks/floor.py) --

_spec_un = importlib.util.spec_from_file_location("benchmarks_generate_un", ROOT / "benchmarks" / "generate_un.py")
generate_un = sys.modules.setdefault("benchmarks_generate_un", importlib.util.module_from_spec(_spec_un))
_spec_un.loader.exec_module(generate_un)


@pytest.fixture(scope="module")
def un_pair(tmp_path_factory):
    out = tmp_path_factory.mktemp("un")
    info = generate_un.write_all(20_000, 2, out)
    return out, info


def test_un_generator_is_seeded_and_sized():
    a = generate_un.document_xml(generate_un.generate(5000, 7), 7)
    assert a == generate_un.document_xml(generate_un.generate(5000, 7), 7)
    assert a != generate_un.document_xml(generate_un.generate(5000, 8), 8)
    for words in (5000, 50_000):
        old = generate_un.generate(words, 1)
        total = sum(p.words() for p in old)
        assert abs(total - words) <= 0.05 * words
        # long-tailed paragraph lengths, unlike generate.py's uniform ones
        lengths = sorted(len(p.text.split()) for p in old if p.kind in ("preamble", "operative"))
        assert lengths[0] < lengths[len(lengths) // 2] / 3 and lengths[-1] > 4 * lengths[len(lengths) // 2]


def test_un_revision_edits_about_a_tenth_and_moves_deletes_and_adds_bis(un_pair):
    out, info = un_pair
    old = read_document(out / "old.docx").value
    new = read_document(out / "new.docx").value
    assert old.meta and [p.text for p in old.walk()][:1] == ["United Nations"]
    from revcop.comparison import compare

    summary = compare(old, new).summary
    paragraphs = info["paragraphs_old"]
    assert 0.04 * paragraphs < summary["amended"] < 0.15 * paragraphs
    assert summary["moved"] >= 2 and summary["deleted"] >= 1 and summary["inserted"] >= 1
    labels = [p.label.render() for p in new.walk() if p.label is not None]
    assert any("bis" in label for label in labels)


def test_floor_reads_both_parts_and_writes_one_of_the_same_size(un_pair, tmp_path):
    import subprocess

    out, _ = un_pair
    target = tmp_path / "floor.docx"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "floor.py"), str(out / "old.docx"),
                           str(out / "new.docx"), str(target)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(target) as z, zipfile.ZipFile(out / "new.docx") as n:
        written, original = z.read("word/document.xml"), n.read("word/document.xml")
    assert abs(len(written) - len(original)) < 0.01 * len(original)
    assert etree.fromstring(written).findtext(f".//{{{W}}}t") == etree.fromstring(original).findtext(f".//{{{W}}}t")
