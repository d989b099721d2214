"""The docx reader's one-pass reading of plain paragraphs (``Walker._plain``) gives exactly what the
general walk (``Walker.inline``, run by run) gives: on every real document, the sample and both
benchmark generators' documents in every mark style."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from revcop.readers import docx
from revcop.readers.docx import content
from tests.conftest import ROOT, SAMPLE_DIR, corpus_files


PLAIN = content.Walker._plain


def _generator(name: str):
    spec = importlib.util.spec_from_file_location(f"benchmarks_{name}", ROOT / "benchmarks" / f"{name}.py")
    module = sys.modules.setdefault(f"benchmarks_{name}", importlib.util.module_from_spec(spec))
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> list:
    out = tmp_path_factory.mktemp("generated")
    gen, un = _generator("generate"), _generator("generate_un")
    gen.write_all(gen.generate(5000, seed=3), out / "gen")
    un.write_all(5000, 3, out / "un")
    return sorted(out.rglob("*.docx"))


def _both_ways(path, monkeypatch):
    data = path.read_bytes()
    taken = []

    def counted(self, *args):
        done = PLAIN(self, *args)
        taken.append(done)
        return done

    monkeypatch.setattr(content.Walker, "_plain", counted)
    fast = docx.read_blocks(str(path), data, tracked="auto")
    monkeypatch.setattr(content.Walker, "_plain", lambda self, *args: False)
    general = docx.read_blocks(str(path), data, tracked="auto")
    assert fast.value == general.value
    assert fast.messages == general.messages
    return taken


@pytest.mark.parametrize("path", [SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.docx", *corpus_files()],
                         ids=lambda p: p.name)
def test_plain_paragraphs_read_as_by_the_general_walk(path, monkeypatch):
    taken = _both_ways(path, monkeypatch)
    if path.parent == SAMPLE_DIR:  # the sample's paragraphs are mostly plain, some are not
        assert taken.count(True) > 100 and taken.count(False) > 0


def test_plain_paragraphs_of_the_generated_documents(generated, monkeypatch):
    assert len(generated) >= 6
    for path in generated:
        taken = _both_ways(path, monkeypatch)
        assert any(taken), path
