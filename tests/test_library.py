import os
import subprocess
import sys
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revcop import consolidation as c
from revcop import library as lib
from revcop.errors import InputError, OutputError
from revcop.model import Change, Document, Kind, Meta, Note, Paragraph, Part, PartKind, Span
from revcop.readers import read_document
from revcop.writers import render
from tests.conftest import ROOT, SAMPLE_DIR

SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"


@pytest.fixture(scope="module")
def sample():
    return read_document(SAMPLE).value


@pytest.fixture()
def original_file(tmp_path, sample):
    path = tmp_path / "orig.txt"
    path.write_text(render(c.original(sample).value, "txt"), encoding="utf-8")
    return path


def test_parse_ref_forms():
    assert lib.parse_ref("cms/14.16@Rev.COP15") == lib.Ref("cms", "14.16", "Rev.COP15")
    assert lib.parse_ref("CMS/12.07") == lib.Ref("cms", "12.7", "")
    assert lib.parse_ref("cms/14.16@latest").version == ""
    assert str(lib.parse_ref("cites/10.10@Rev.COP19")) == "cites/10.10@Rev.COP19"
    for bad in ("14.16", "cms/14", "cms/14.16@", "resolutions/cms/14.16/COP14.txt", "a/b.c"):
        assert lib.parse_ref(bad) is None, bad


def test_location_order(monkeypatch, tmp_path):
    monkeypatch.delenv(lib.ENV, raising=False)
    assert lib.location() == lib.Path("resolutions")
    monkeypatch.setenv(lib.ENV, str(tmp_path))
    assert lib.location() == tmp_path
    assert lib.location("given") == lib.Path("given")


@settings(max_examples=60, deadline=None)
@given(st.text(), st.lists(st.text(max_size=8), max_size=3))
def test_manifest_toml_round_trips_any_text(text, links):
    m = lib.Manifest("cms/1.2", instrument=text, title=text, replaces=tuple(links),
                     versions=(lib.Version("COP1", "COP1.txt", "ab", symbol=text, amendments=3),))
    dumped = lib.dump_manifest(m)
    assert lib.dump_manifest(lib.load_manifest_text(dumped, "cms/1.2")) == dumped
    data = tomllib.loads(dumped)
    assert data["instrument"] == text and data["version"][0].get("symbol", "") == text


@pytest.mark.parametrize("view", ["consolidated", "original"])
def test_canonical_text_reads_back_into_the_same_tree(sample, view):
    doc = (c.consolidate(sample) if view == "consolidated" else c.original(sample)).value
    fmt, data = lib.canonical(doc)
    assert fmt == "txt" and data.decode("utf-8") == render(doc, "txt")
    back = lib._read_canonical_text(data.decode("utf-8"), "x")
    assert lib._shape(back) == lib._shape(lib.stored_document(doc))
    assert [p.kind for p in back.resolution.walk()][:4] == [Kind.TITLE, Kind.TITLE, Kind.ADOPTION, Kind.PREAMBLE]


def _resolution(*paragraphs):
    title = Paragraph(Kind.TITLE, (Span("Resolution 1.2"),))
    enacting = Paragraph(Kind.ENACTING, (Span("The Conference of the Parties"),))
    return Document(Meta(instrument="Resolution 1.2"), (Part(PartKind.RESOLUTION, (title, *paragraphs, enacting)),))


def test_footnotes_round_trip_in_the_canonical_text():
    note = Note("1", (Span("Both now consolidated as Resolution 12.20"),))
    p = Paragraph(Kind.PREAMBLE, (Span("Recalling Resolution 10.3"), Span("1", note=note), Span(",")))
    fmt, data = lib.canonical(_resolution(p))
    assert fmt == "txt" and data.decode().endswith("[^1]: Both now consolidated as Resolution 12.20\n")
    back = lib._read_canonical_text(data.decode(), "x")
    assert back.resolution.paragraphs[1].notes == (note,)


def test_a_tree_the_text_cannot_hold_is_stored_as_exact_json():
    # an unlabelled paragraph that starts like a label would read back as labelled paragraph 1
    p = Paragraph(Kind.PREAMBLE, (Span("1. Recalling Resolution 10.3,"),))
    fmt, data = lib.canonical(_resolution(p))
    assert fmt == "json" and b'"text": "1. Recalling Resolution 10.3,"' in data


def test_add_read_and_verify(tmp_path, original_file, sample):
    library = lib.Library(tmp_path / "lib")
    version, messages = library.add(lib.parse_ref("cms/14.16@COP14"), read_document(original_file).value,
                                    date="2024-02-17", source=original_file, replaces=("cms/12.7",))
    assert version.file == "COP14.txt" and version.meeting == "COP14"
    assert [m.text for m in messages] == ["cms/12.7 is not in the library; recorded as external"]
    m = library.manifest("cms/14.16")
    assert m.external == ("cms/12.7",) and m.convention == "CMS" and m.instrument == "Resolution 14.16"
    doc = library.read("cms/14.16").value
    assert doc.meta.meeting == "COP14" and doc.meta.convention == "CMS" and doc.source == "cms/14.16@COP14"
    assert render(doc, "txt") == original_file.read_text(encoding="utf-8")
    assert library.verify() == ([], 1)
    with pytest.raises(OutputError, match="already in the library"):
        library.add(lib.parse_ref("cms/14.16@COP14"), doc)
    with pytest.raises(InputError, match=r"no version COP9 .*versions: COP14"):
        library.find("cms/14.16@COP9")


def test_verify_reports_each_problem(tmp_path, original_file):
    library = lib.Library(tmp_path)
    doc = read_document(original_file).value
    library.add(lib.parse_ref("cms/14.16@COP14"), doc, replaces=("cms/12.7",))
    library.add(lib.parse_ref("cms/12.26@COP12"), doc.__class__(doc.meta.__class__(instrument="Resolution 12.26"),
                                                               doc.parts))
    folder = tmp_path / "cms" / "14.16"
    (folder / "COP14.txt").write_text("tampered\n")
    manifest = (folder / "manifest.toml").read_text()
    (folder / "manifest.toml").write_text(manifest.replace('replaces = ["cms/12.7"]',
                                                           'replaces = ["cms/12.7", "cms/12.26", "cms/9.9"]'))
    problems, count = library.verify()
    assert count == 2
    assert any("COP14.txt has sha256" in p for p in problems)
    assert any("replaces cms/12.26, but cms/12.26 does not list cms/14.16 in replaced_by" in p for p in problems)
    assert any("replaces cms/9.9, which is not in the library and not marked external" in p for p in problems)
    assert len(problems) == 3
    (folder / "COP14.txt").unlink()
    assert any("file COP14.txt is missing" in p for p in library.verify()[0])


def test_lineage_links_both_ways_when_both_are_in_the_library(tmp_path, original_file):
    library = lib.Library(tmp_path)
    doc = read_document(original_file).value
    library.add(lib.parse_ref("cms/14.16@COP14"), doc, replaces=("cms/12.7",))
    old = doc.__class__(doc.meta.__class__(instrument="Resolution 12.7"), doc.parts)
    library.add(lib.parse_ref("cms/12.7@Rev.COP13"), old)
    assert library.manifest("cms/12.7").replaced_by == ("cms/14.16",)
    assert library.manifest("cms/14.16").external == ()
    assert library.verify() == ([], 2)


def test_the_hall_reads_a_reference(tmp_path, monkeypatch, original_file):
    from revcop import pipeline

    library = lib.Library(tmp_path)
    library.add(lib.parse_ref("cms/14.16@COP14"), read_document(original_file).value)
    monkeypatch.setenv(lib.ENV, str(tmp_path))
    assert pipeline.read("cms/14.16@COP14").value.meta.meeting == "COP14"
    assert lib.resolve("cms/14.16") == tmp_path / "cms" / "14.16" / "COP14.txt"
    assert lib.resolve(str(original_file)) == original_file
    with pytest.raises(InputError, match="no such instrument"):
        pipeline.read("cms/1.1")


def test_concurrent_imports_keep_every_version(tmp_path, original_file):
    """Six processes import six versions into one library at once: none is lost, verify passes."""
    target = tmp_path / "lib"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    ids = [f"COP{n}" for n in range(10, 16)]
    procs = [
        subprocess.Popen([sys.executable, "-m", "revcop", "import", str(original_file), "--as",
                          f"cms/14.16@{vid}", "--library", str(target), "-q"], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for vid in ids
    ]
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err.decode()
    library = lib.Library(target)
    assert [v.id for v in library.manifest("cms/14.16").versions] == ids
    assert library.verify() == ([], 6)
    assert not list((target / "cms" / "14.16").glob(".*.tmp"))


def test_marks_counts_runs_of_marked_text():
    ins, dele = Change.INSERTED, Change.DELETED
    new = Paragraph(Kind.OPERATIVE, (Span("Encourages", ins), Span(" Parties", ins)), label_spans=(Span("11 bis.", ins),))
    sub = Paragraph(Kind.OPERATIVE, (Span("to "), Span("act", dele), Span("cooperate", ins), Span(";")))
    assert lib.marks(Document(Meta(), (Part(PartKind.RESOLUTION, (new, sub)),))) == 3


def test_instrument_ref_from_metadata(sample):
    assert lib.instrument_ref(sample) == lib.Ref("cms", "14.16")
    with pytest.raises(InputError, match="names no resolution"):
        lib.instrument_ref(Document(Meta(), ()))


def test_bundled_library_verifies():
    problems, count = lib.Library(ROOT / "resolutions").verify()
    assert problems == [] and count == 2
    m = lib.Library(ROOT / "resolutions").manifest("cms/14.16")
    assert [v.id for v in m.versions] == ["COP14", "Rev.COP15"]
    assert m.replaces == ("cms/12.7", "cms/12.26") and m.external == ("cms/12.7", "cms/12.26")
    rev = m.version("Rev.COP15")
    assert rev.source_file == SAMPLE.name and rev.source_symbol == "UNEP/CMS/COP15/Doc.28.2"
    assert rev.amendments == lib.marks(read_document(SAMPLE).value)


def test_date_defaults_to_the_closing_day_of_a_checked_meeting(tmp_path, original_file):
    library = lib.Library(tmp_path)
    doc = read_document(original_file).value
    v, messages = library.add(lib.parse_ref("cms/14.16@COP14"), doc)
    assert v.date == "2024-02-17"
    assert "the closing day of CMS COP14 (meetings table)" in messages[0].text and messages[0].level == "info"
    v, _ = library.add(lib.parse_ref("cms/14.16@COP3"), doc)  # a row not checked: no date is guessed
    assert v.date == ""
    v, _ = library.add(lib.parse_ref("cms/14.16@draft"), doc)
    assert v.date == "" and v.meeting == ""


def test_span_cuts_and_paragraph_end_spaces_do_not_force_json():
    p = Paragraph(Kind.PREAMBLE, (Span("Recalling "), Span("Resolution 10.3"), Span(",  ")))
    fmt, data = lib.canonical(_resolution(p))
    assert fmt == "txt" and "\n\nRecalling Resolution 10.3,\n\n" in data.decode()
