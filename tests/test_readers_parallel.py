"""readers.read_documents: two versions read side by side give what reading them in turn gives."""

import pytest

from revcop import readers
from revcop.errors import InputError
from tests.conftest import SAMPLE_DIR

DOCX = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.docx"
TXT = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"


@pytest.fixture
def parallel(monkeypatch):
    monkeypatch.setattr(readers, "PARALLEL_MIN_BYTES", 0)  # the sample is small: read it in parallel anyway


def test_same_as_reading_in_turn(parallel):
    together = readers.read_documents([DOCX, TXT])
    alone = [readers.read_document(DOCX), readers.read_document(TXT)]
    assert [r.value for r in together] == [r.value for r in alone]
    assert [r.messages for r in together] == [r.messages for r in alone]


@pytest.mark.parametrize("which", [0, 1])
def test_errors_name_the_file_as_in_turn(parallel, tmp_path, which):
    paths = [DOCX, DOCX]
    paths[which] = tmp_path / "missing.docx"
    with pytest.raises(InputError, match="missing.docx: no such file"):
        readers.read_documents(paths)


def test_one_path_or_small_files_are_read_here(monkeypatch):
    monkeypatch.setattr(readers.os, "fork", lambda: pytest.fail("forked"))
    assert len(readers.read_documents([TXT])) == 1
    assert len(readers.read_documents([TXT, TXT])) == 2  # 110 kB in all: below the threshold
