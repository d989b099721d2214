"""The hall (revcop.pipeline): reading a pair side by side, settling marked versions, messages as values."""

import pytest

from revcop import forked, pipeline, readers
from revcop.errors import InputError
from tests.conftest import SAMPLE_DIR

DOCX = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.docx"
TXT = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"


@pytest.fixture
def parallel(monkeypatch):
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)  # the sample is small: read it in parallel anyway


def test_a_pair_read_side_by_side_is_what_reading_in_turn_gives(parallel):
    together = pipeline.read_pair(DOCX, TXT)
    alone = [readers.read_document(DOCX), readers.read_document(TXT)]
    assert [r.value for r in together] == [r.value for r in alone]
    assert [r.messages for r in together] == [r.messages for r in alone]


@pytest.mark.parametrize("which", [0, 1])
def test_errors_name_the_file_as_in_turn(parallel, tmp_path, which):
    paths = [DOCX, DOCX]
    paths[which] = tmp_path / "missing.docx"
    with pytest.raises(InputError, match="missing.docx: no such file"):
        pipeline.read_pair(*paths)


def test_when_both_fail_the_error_is_olds_as_in_turn(parallel, tmp_path):
    with pytest.raises(InputError, match="old.docx: no such file"):
        pipeline.read_pair(tmp_path / "old.docx", tmp_path / "new.docx")


def test_the_collector_is_left_as_it_was_found(parallel):
    import gc

    assert gc.get_freeze_count() == 0
    pipeline.read_pair(DOCX, TXT)
    assert gc.get_freeze_count() == 0  # what it froze for the fork, it unfroze
    gc.freeze()  # a caller's own frozen objects
    try:
        frozen = gc.get_freeze_count()
        pipeline.read_pair(DOCX, TXT)
        assert gc.get_freeze_count() >= frozen > 0  # still frozen, not unfrozen behind the caller's back
    finally:
        gc.unfreeze()


def test_old_is_read_in_a_forked_process_and_new_here(parallel, monkeypatch):
    """OLD goes to the forked process, NEW is read here while it works; the pair is the same."""
    start, read = forked.start, pipeline.read
    forked_paths: list[str] = []
    here: list[str] = []
    monkeypatch.setattr(forked, "start", lambda work, path, **o: (forked_paths.append(path), start(work, path, **o))[1])
    monkeypatch.setattr(pipeline, "read", lambda path, **o: (here.append(path), read(path, **o))[1])
    together = pipeline.read_pair(DOCX, TXT)
    assert forked_paths == [str(DOCX)]
    assert here == [str(TXT)]  # OLD is not read again here: the forked process sent it
    assert [r.value for r in together] == [readers.read_document(DOCX).value, readers.read_document(TXT).value]


def test_small_files_are_read_here(monkeypatch):
    monkeypatch.setattr(pipeline.os, "fork", lambda: pytest.fail("forked"))
    assert len(pipeline.read_pair(TXT, TXT)) == 2  # 110 kB in all: below the threshold


def test_the_classes_a_document_is_made_of_pickle_every_field():
    """Span, Note, Paragraph and Label pickle as their constructor's arguments (an unpickled document
    is ~40% smaller so): every field, in order, comes back."""
    import dataclasses
    import pickle

    from revcop.labels import Label, LabelKind
    from revcop.model import Change, Comment, Kind, Note, Paragraph, Span

    note = Note("1", (Span("n"),), endnote=True)
    paragraph = Paragraph(
        Kind.OPERATIVE, (Span("a", Change.INSERTED, note, "move1"),), Label(LabelKind.NUMBER, 3, 1, "({n} {x})", True, "t"),
        Label(LabelKind.ROMAN, 2), (Span("3.", Change.DELETED),), (Paragraph(Kind.SUBPARAGRAPH, (Span("c"),)),),
        "paragraph 7", "Heading 1", (Comment("1", "x", "A. Author"),),
    )
    for value in (paragraph, note, paragraph.label, paragraph.spans[0]):
        assert all(getattr(value, f.name) != f.default for f in dataclasses.fields(value))  # none left at its default
        again = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        assert again == value and type(again) is type(value)


def test_the_classes_a_document_is_made_of_hold_no_dictionary_per_instance():
    """Paragraph, Span, Note and Label are slotted dataclasses: a long document is hundreds of
    thousands of them, and a dictionary each made the annex of a 500k-word pair ~6 MiB larger. They
    stay frozen dataclasses (replace, fields and equality work as before)."""
    import dataclasses

    from revcop.labels import Label, LabelKind
    from revcop.model import Kind, Note, Paragraph, Span

    values = (Span("a"), Note("1", (Span("n"),)), Paragraph(Kind.OPERATIVE, (Span("a"),)), Label(LabelKind.NUMBER, 3))
    for value in values:
        assert not hasattr(value, "__dict__"), type(value)
        assert dataclasses.is_dataclass(value)
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(value, dataclasses.fields(value)[0].name, None)
    assert dataclasses.replace(values[0], text="b") == Span("b")


def test_a_document_half_sent_is_read_again_here(parallel, monkeypatch):
    """A reading process that stops half-way through pickling leaves a stream without its end: the
    version is read again here, and the pair is what reading in turn gives."""
    import pickle

    def half(obj, file, protocol=None):
        file.write(pickle.dumps(obj, protocol=protocol)[:5000])
        raise MemoryError("stopped half-way")

    monkeypatch.setattr(pickle, "dump", half)
    together = pipeline.read_pair(DOCX, TXT)
    assert [r.value for r in together] == [readers.read_document(DOCX).value, readers.read_document(TXT).value]
