"""tests/conftest.py's rules for what a machine may lack (issue 17 item 10): a clone outside /work has
no ../shared/corpus; its tests skip saying why, and under REVCOP_REQUIRE_EXTERNAL=1 (CI) fail."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

CONFTEST = Path(__file__).resolve().parent / "conftest.py"

PROBE = '''
import pytest

from tests.conftest import corpus_files

pytestmark = pytest.mark.slow  # stress tests and subprocess runs (pytest -m "not slow" leaves them out)


@pytest.mark.corpus
def test_marked():
    raise AssertionError("ran without the corpus")


@pytest.mark.parametrize("path", corpus_files())
def test_each_file(path):
    raise AssertionError("ran without the corpus")


def test_fixture(corpus):
    raise AssertionError("ran without the corpus")


@pytest.mark.parametrize("path", [])
def test_empty_list(path):
    pass


def test_unrelated():
    assert True
'''


def _run(project: Path, require: bool) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "REVCOP_REQUIRE_EXTERNAL"}
    if require:
        env["REVCOP_REQUIRE_EXTERNAL"] = "1"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rsfE", "-p", "no:cacheprovider", "tests"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=120)


def test_corpus_tests_skip_without_the_corpus_and_fail_in_ci(tmp_path):
    project = tmp_path / "clone"  # a checkout with no ../shared beside it
    (project / "tests").mkdir(parents=True)
    shutil.copy(CONFTEST, project / "tests" / "conftest.py")
    (project / "tests" / "test_probe.py").write_text(PROBE, encoding="utf-8")
    (project / "tests" / "__init__.py").write_text("")
    assert not (tmp_path / "shared").exists()

    user = _run(project, require=False)
    assert user.returncode == 0, user.stdout + user.stderr
    assert "1 passed, 4 skipped" in user.stdout, user.stdout
    reasons = [line for line in user.stdout.splitlines() if line.startswith("SKIPPED")]
    corpus = [r for r in reasons if f"the shared corpus is not at {tmp_path / 'shared' / 'corpus'}" in r]
    assert sum(int(r.split("[")[1].split("]")[0]) for r in corpus) == 3, user.stdout
    assert "ran without the corpus" not in user.stdout

    ci = _run(project, require=True)
    assert ci.returncode == 1, ci.stdout
    assert "1 passed" in ci.stdout and "skipped" not in ci.stdout.splitlines()[-1], ci.stdout
    assert ci.stdout.count("REVCOP_REQUIRE_EXTERNAL=1 forbids skipping") >= 4, ci.stdout
    assert "ran without the corpus" not in ci.stdout
