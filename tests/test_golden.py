"""The COP15 sample against golden texts derived independently (tests/golden/derive.py)."""

import difflib

import pytest
from click.testing import CliRunner

from revcop.cli import cli
from tests.conftest import GOLDEN, SAMPLE_DIR
from tests.golden.derive import GOLDEN as FILES, derive

SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"
REGENERATE = "python tests/golden/derive.py"


@pytest.mark.parametrize("name, accept", FILES.items())
def test_committed_golden_equals_independent_derivation(name, accept):
    assert (GOLDEN / name).read_text(encoding="utf-8") == derive(accept), f"regenerate with: {REGENERATE}"


@pytest.mark.parametrize("command, name", [("consolidate", "cms-14.16-Rev.COP15.txt"), ("original", "cms-14.16-COP14.txt")])
def test_cli_output_equals_golden(command, name):
    result = CliRunner().invoke(cli, [command, str(SAMPLE), "-o", "-", "-q"])
    assert result.exit_code == 0, result.output
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    if result.stdout != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), result.stdout.splitlines(True), name, "revcop"))
        pytest.fail(f"revcop {command} differs from {name}:\n{diff}")


def test_golden_counts():
    text = (GOLDEN / "cms-14.16-Rev.COP15.txt").read_text(encoding="utf-8").split("\n\n")
    assert text[0] == "Resolution 14.16 (Rev.COP15)"
    assert sum(p.split(" ")[0].rstrip(".").isdigit() and p.split(" ")[0].endswith(".") for p in text) == 33
    assert not any("bis" in p.split(" ")[0] for p in text)
    assert not any(p.startswith(("NB:", "PROPOSED", "ANNEX", "15.AA", "Background")) for p in text)
