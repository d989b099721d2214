import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revcop import consolidation as c
from revcop import versions
from revcop.library import manifest as mf
from revcop.library import refs, store
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


def edit_manifest(path, change):
    """Change a manifest as a hand would: read its TOML, ``change(data)``, write it back."""
    import tomli_w

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(tomli_w.dumps(data), encoding="utf-8")


def test_parse_ref_forms():
    assert refs.parse_ref("cms/14.16@Rev.COP15") == refs.Ref("cms", "14.16", "Rev.COP15")
    assert refs.parse_ref("CMS/12.07") == refs.Ref("cms", "12.7", "")
    assert refs.parse_ref("cms/14.16@latest").version == ""
    assert str(refs.parse_ref("cites/10.10@Rev.COP19")) == "cites/10.10@Rev.COP19"
    for bad in ("14.16", "cms/14", "cms/14.16@", "resolutions/cms/14.16/COP14.txt", "a/b.c"):
        assert refs.parse_ref(bad) is None, bad


def test_location_order(monkeypatch, tmp_path):
    monkeypatch.delenv(refs.ENV, raising=False)
    assert refs.location() == Path("resolutions")
    monkeypatch.setenv(refs.ENV, str(tmp_path))
    assert refs.location() == tmp_path
    assert refs.location("given") == Path("given")


@settings(max_examples=60, deadline=None)
@given(st.text(), st.lists(st.text(max_size=8), max_size=3))
def test_manifest_toml_round_trips_any_text(text, links):
    m = mf.Manifest("cms/1.2", instrument=text, title=text, replaces=tuple(links),
                     versions=(mf.Version("COP1", "COP1.txt", "ab" * 32, symbol=text, amendments=3),))
    dumped = mf.dump_manifest(m)
    assert mf.dump_manifest(mf.load_manifest_text(dumped, "cms/1.2")) == dumped
    data = tomllib.loads(dumped)
    assert data["instrument"] == text and data["version"][0].get("symbol", "") == text


@pytest.mark.parametrize("view", ["consolidated", "original"])
def test_canonical_text_reads_back_into_the_same_tree(sample, view):
    doc = (c.consolidate(sample) if view == "consolidated" else c.original(sample)).value
    fmt, data = versions.canonical(doc)
    assert fmt == "txt" and data.decode("utf-8") == render(doc, "txt")
    back = versions._read_canonical_text(data.decode("utf-8"), "x")
    assert versions._shape(back) == versions._shape(versions.stored_document(doc))
    assert [p.kind for p in back.resolution.walk()][:4] == [Kind.TITLE, Kind.TITLE, Kind.ADOPTION, Kind.PREAMBLE]


def _resolution(*paragraphs):
    title = Paragraph(Kind.TITLE, (Span("Resolution 1.2"),))
    enacting = Paragraph(Kind.ENACTING, (Span("The Conference of the Parties"),))
    return Document(Meta(instrument="Resolution 1.2"), (Part(PartKind.RESOLUTION, (title, *paragraphs, enacting)),))


def test_footnotes_round_trip_in_the_canonical_text():
    note = Note("1", (Span("Both now consolidated as Resolution 12.20"),))
    p = Paragraph(Kind.PREAMBLE, (Span("Recalling Resolution 10.3"), Span("1", note=note), Span(",")))
    fmt, data = versions.canonical(_resolution(p))
    assert fmt == "txt" and data.decode().endswith("[^1]: Both now consolidated as Resolution 12.20\n")
    back = versions._read_canonical_text(data.decode(), "x")
    assert back.resolution.paragraphs[1].notes == (note,)


def test_a_tree_the_text_cannot_hold_is_stored_as_exact_json():
    # an unlabelled paragraph that starts like a label would read back as labelled paragraph 1
    p = Paragraph(Kind.PREAMBLE, (Span("1. Recalling Resolution 10.3,"),))
    fmt, data = versions.canonical(_resolution(p))
    assert fmt == "json" and b'"text": "1. Recalling Resolution 10.3,"' in data


def test_add_read_and_verify(tmp_path, original_file, sample):
    library = store.Library(tmp_path / "lib")
    version, messages = versions.record(library, refs.parse_ref("cms/14.16@COP14"), read_document(original_file).value,
                                    date="2024-02-17", source=original_file, replaces=("cms/12.7",))
    assert version.file == "COP14.txt" and version.meeting == "COP14"
    assert [m.text for m in messages] == ["cms/12.7 is not in the library; recorded as external"]
    m = library.manifest("cms/14.16")
    assert m.external == ("cms/12.7",) and m.convention == "CMS" and m.instrument == "Resolution 14.16"
    doc = versions.read("cms/14.16", library).value
    assert doc.meta.meeting == "COP14" and doc.meta.convention == "CMS" and doc.source == "cms/14.16@COP14"
    assert render(doc, "txt") == original_file.read_text(encoding="utf-8")
    assert library.verify() == ([], 1)
    with pytest.raises(OutputError, match="already in the library"):
        versions.record(library, refs.parse_ref("cms/14.16@COP14"), doc)
    with pytest.raises(InputError, match=r"no version COP9 .*versions: COP14"):
        library.find("cms/14.16@COP9")


def test_verify_reports_each_problem(tmp_path, original_file):
    library = store.Library(tmp_path)
    doc = read_document(original_file).value
    versions.record(library, refs.parse_ref("cms/14.16@COP14"), doc, replaces=("cms/12.7",))
    versions.record(library, refs.parse_ref("cms/12.26@COP12"), doc.__class__(doc.meta.__class__(instrument="Resolution 12.26"),
                                                               doc.parts))
    folder = tmp_path / "cms" / "14.16"
    (folder / "COP14.txt").write_text("tampered\n")
    edit_manifest(folder / "manifest.toml", lambda d: d["lineage"].update(replaces=["cms/12.7", "cms/12.26", "cms/9.9"]))
    problems, count = library.verify()
    assert count == 2
    assert any("COP14.txt has sha256" in p for p in problems)
    assert any("replaces cms/12.26, but cms/12.26 does not list cms/14.16 in replaced_by" in p for p in problems)
    assert any("replaces cms/9.9, which is not in the library and not marked external" in p for p in problems)
    assert len(problems) == 3
    (folder / "COP14.txt").unlink()
    assert any("file COP14.txt is missing" in p for p in library.verify()[0])


def test_lineage_links_both_ways_when_both_are_in_the_library(tmp_path, original_file):
    library = store.Library(tmp_path)
    doc = read_document(original_file).value
    versions.record(library, refs.parse_ref("cms/14.16@COP14"), doc, replaces=("cms/12.7",))
    old = doc.__class__(doc.meta.__class__(instrument="Resolution 12.7"), doc.parts)
    versions.record(library, refs.parse_ref("cms/12.7@Rev.COP13"), old)
    assert library.manifest("cms/12.7").replaced_by == ("cms/14.16",)
    assert library.manifest("cms/14.16").external == ()
    assert library.verify() == ([], 2)


def test_the_hall_reads_a_reference(tmp_path, monkeypatch, original_file):
    from revcop import pipeline

    library = store.Library(tmp_path)
    versions.record(library, refs.parse_ref("cms/14.16@COP14"), read_document(original_file).value)
    monkeypatch.setenv(refs.ENV, str(tmp_path))
    assert pipeline.read("cms/14.16@COP14").value.meta.meeting == "COP14"
    assert store.resolve("cms/14.16") == tmp_path / "cms" / "14.16" / "COP14.txt"
    assert store.resolve(str(original_file)) == original_file
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
    library = store.Library(target)
    assert [v.id for v in library.manifest("cms/14.16").versions] == ids
    assert library.verify() == ([], 6)
    assert not list((target / "cms" / "14.16").glob(".*.tmp"))


def test_marks_counts_runs_of_marked_text():
    ins, dele = Change.INSERTED, Change.DELETED
    new = Paragraph(Kind.OPERATIVE, (Span("Encourages", ins), Span(" Parties", ins)), label_spans=(Span("11 bis.", ins),))
    sub = Paragraph(Kind.OPERATIVE, (Span("to "), Span("act", dele), Span("cooperate", ins), Span(";")))
    assert versions.marks(Document(Meta(), (Part(PartKind.RESOLUTION, (new, sub)),))) == 3


def test_instrument_ref_from_metadata(sample):
    assert versions.instrument_ref(sample) == refs.Ref("cms", "14.16")
    with pytest.raises(InputError, match="names no resolution"):
        versions.instrument_ref(Document(Meta(), ()))


def test_bundled_library_verifies():
    problems, count = store.Library(ROOT / "resolutions").verify()
    assert problems == [] and count == 2
    m = store.Library(ROOT / "resolutions").manifest("cms/14.16")
    assert [v.id for v in m.versions] == ["COP14", "Rev.COP15"]
    assert m.replaces == ("cms/12.7", "cms/12.26") and m.external == ("cms/12.7", "cms/12.26")
    rev = m.version("Rev.COP15")
    assert rev.source_file == SAMPLE.name and rev.source_symbol == "UNEP/CMS/COP15/Doc.28.2"
    assert rev.amendments == versions.marks(read_document(SAMPLE).value)


def test_date_defaults_to_the_closing_day_of_a_checked_meeting(tmp_path, original_file):
    library = store.Library(tmp_path)
    doc = read_document(original_file).value
    v, messages = versions.record(library, refs.parse_ref("cms/14.16@COP14"), doc)
    assert v.date == "2024-02-17"
    assert "the closing day of CMS COP14 (meetings table)" in messages[0].text and messages[0].level == "info"
    v, _ = versions.record(library, refs.parse_ref("cms/14.16@COP3"), doc)  # a row not checked: no date is guessed
    assert v.date == ""
    v, _ = versions.record(library, refs.parse_ref("cms/14.16@draft"), doc)
    assert v.date == "" and v.meeting == ""


def test_span_cuts_and_paragraph_end_spaces_do_not_force_json():
    p = Paragraph(Kind.PREAMBLE, (Span("Recalling "), Span("Resolution 10.3"), Span(",  ")))
    fmt, data = versions.canonical(_resolution(p))
    assert fmt == "txt" and "\n\nRecalling Resolution 10.3,\n\n" in data.decode()


def test_the_store_imports_no_stage():
    """The store sits beneath the stages: no reader, writer, structure, comparison or document module."""
    script = ("import sys\nimport revcop.library.refs, revcop.library.manifest, revcop.library.store\n"
              "print(' '.join(sorted(m for m in sys.modules if m.startswith('revcop'))))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    loaded = set(done.stdout.split())
    assert loaded == {"revcop", "revcop.errors", "revcop.files", "revcop.labels", "revcop.library", "revcop.library.journal",
                      "revcop.library.manifest", "revcop.library.refs", "revcop.library.store", "revcop.model",
                      "revcop.patterns", "revcop.records", "revcop.kept"}, loaded  # the model's deferred regular
    # expressions and its dataclasses (no stage)
    import ast

    for path in (ROOT / "src" / "revcop" / "library").glob("*.py"):  # function-level imports included
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):  # from revcop import toml: revcop.toml
                modules = [f"revcop.{a.name}" if node.module == "revcop" else node.module or "" for a in node.names]
            else:
                continue
            for module in modules:
                assert not module.startswith("revcop") or module in ("revcop.errors", "revcop.files", "revcop.model",
                                                                     "revcop.patterns", "revcop.records", "revcop.toml") \
                    or module == "revcop.library" or module.startswith("revcop.library."), (path.name, module)


def test_bundled_manifests_read_back_identically_through_tomli_w():
    library = store.Library(ROOT / "resolutions")
    for key in library.keys():
        m = library.manifest(key)
        assert mf.load_manifest_text(mf.dump_manifest(m), key) == m


@pytest.mark.parametrize("name", ["../x.txt", "/etc/passwd", ".hidden.txt", "a/b.txt", "a\\b.txt", "manifest.toml",
                                  "MANIFEST.toml", "", "a\nb.txt", "x" * 256])
def test_a_stored_name_must_be_plain(name):
    assert not mf.plain_name(name)
    entry = {"id": "COP14", "file": name, "sha256": "ab" * 32}
    text = mf.dump_manifest(mf.Manifest("cms/1.2")) + "\n[[version]]\n" + "\n".join(
        f"{k} = {json.dumps(v)}" for k, v in entry.items()) + "\n"
    with pytest.raises(InputError, match="is not a plain file name in the instrument folder"):
        mf.load_manifest_text(text, "cms/1.2", "m.toml")


def test_plain_names_are_kept():
    for name in ("COP14.txt", "Rev.COP15.json", "UNEP-CMS-COP15-Doc.28.2.docx", "Résolution 14.16.docx"):
        assert mf.plain_name(name)


def test_a_crash_after_the_commit_is_completed_by_the_next_reader(tmp_path, original_file, monkeypatch):
    library = store.Library(tmp_path)
    doc = read_document(original_file).value
    versions.record(library, refs.parse_ref("cms/14.16@COP14"), doc)
    old = versions.read("cms/14.16", library).value
    real = os.replace

    class Crash(BaseException):
        """A power cut after the journal is written."""

    def crash_after_commit(src, dst):
        real(src, dst)
        if str(dst).endswith(store.JOURNAL):
            raise Crash

    monkeypatch.setattr(os, "replace", crash_after_commit)
    with pytest.raises(Crash):
        versions.record(library, refs.parse_ref("cms/14.16@COP15"), doc)
    monkeypatch.setattr(os, "replace", real)
    assert (tmp_path / store.JOURNAL).exists() and [v.id for v in library.manifest("cms/14.16").versions] == ["COP14"]
    assert versions.read("cms/14.16@COP15", library).value.meta.meeting == "COP15"  # completed on opening
    assert not (tmp_path / store.JOURNAL).exists() and library.verify() == ([], 2)
    assert render(versions.read("cms/14.16@COP14", library).value, "txt") == render(old, "txt")
    assert sorted(p.name for p in (tmp_path / "cms" / "14.16").iterdir()) == [
        "COP14.txt", "COP15.txt", "manifest.toml"]
