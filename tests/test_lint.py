"""The source (and the benchmarks) pass the linter (ruff), the source the type checker (mypy), as configured in
pyproject.toml."""

import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # mypy reads every module: some seconds


@pytest.mark.parametrize("tool, args", [("ruff", ["check", "src", "benchmarks"]), ("mypy", [])])
def test_source_passes(tool, args):
    done = subprocess.run([sys.executable, "-m", tool, *args], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
