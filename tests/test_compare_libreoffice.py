"""LibreOffice accepts/rejects all changes of revcop's tracked-changes annex: the new and the old text.

One soffice run (tests/tools/uno_batch.py under /usr/bin/python3) serves the module.
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from revcop import consolidation as consolidate
from revcop.comparison import compare
from revcop.model import Kind
from revcop.readers import read_document
from revcop.writers.docx import write_docx

from tests.conftest import SAMPLE_DIR
from tests.test_compare import TEXTS, _doc, _op

TOOLS = SAMPLE_DIR.parents[2] / "tests" / "tools"
SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"
DATE = "2026-03-23T00:00:00Z"


def _pairs():
    doc = read_document(str(SAMPLE)).value
    sample = (consolidate.original(doc).value, consolidate.consolidate(doc).value)
    old = _doc([_op(i + 1, t) for i, t in enumerate(TEXTS)])
    texts = [TEXTS[1], "Decides to establish a working group on connectivity;",
             TEXTS[0].replace("protect", "conserve"), TEXTS[3], TEXTS[2]]
    small = (old, _doc([_op(i + 1, t) for i, t in enumerate(texts)]))
    return {"sample": sample, "small": small}


def _body(doc) -> list[str]:
    """Resolution paragraphs without designation line, labels aside, white space normalised."""
    return [" ".join(p.text.split()) for p in doc.resolution.walk()
            if p.text and not (p.kind in (Kind.ADOPTION, Kind.MASTHEAD)
                               or (p.kind is Kind.TITLE and re.match(r"Resolution \d", p.text)))]


def _office_body(paragraphs: list[str]) -> list[str]:
    out = []
    for p in paragraphs:
        if not p.strip() or p.startswith(("PROPOSED AMENDMENTS TO", "NB: Proposed new text")):
            continue
        out.append(" ".join(p.split("\t", 1)[-1].split()))  # the writer puts a tab after a label
    return out


@pytest.fixture(scope="module")
def office(soffice, tmp_path_factory):
    root = tmp_path_factory.mktemp("diff-lo")
    jobs, expected = [], []
    for name, (old, new) in _pairs().items():
        path = root / f"{name}.docx"
        path.write_bytes(write_docx(compare(old, new).annex().value, marks="tracked", date=DATE))
        jobs += [{"path": str(path), "action": "accept"}, {"path": str(path), "action": "reject"}]
        expected += [(name, "accept", _body(new)), (name, "reject", _body(old))]
    (root / "jobs.json").write_text(json.dumps(jobs))
    run = subprocess.run(["/usr/bin/python3", str(TOOLS / "uno_batch.py"), soffice, str(root / "profile"),
                          str(root / "jobs.json")], capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stderr
    return list(zip(expected, json.loads(run.stdout)))


@pytest.mark.libreoffice
@pytest.mark.parametrize("n", range(4), ids=["sample-accept", "sample-reject", "small-accept", "small-reject"])
def test_libreoffice_accept_all_gives_new_and_reject_all_gives_old(office, n):
    (name, action, want), got = office[n]
    assert got["redlines"] == 0
    assert _office_body(got["paragraphs"]) == want
