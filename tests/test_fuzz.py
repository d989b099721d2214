"""The fuzzing entry point works without atheris (``--random``) and finds nothing on its seeds."""

import subprocess
import sys

from tests.conftest import ROOT


def test_random_mode_runs_clean(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "fuzz" / "fuzz_readers.py"), "--random", "150", "--seed", "7",
         "--crashes", str(tmp_path / "crashes")],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().endswith("fuzz: 150 inputs, 0 finding(s)")
    assert not (tmp_path / "crashes").exists()


def test_seeds_are_what_make_seeds_writes(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "fuzz" / "make_seeds.py"), str(tmp_path)], check=True, timeout=60)
    seeds = ROOT / "fuzz" / "seeds"
    assert sorted(p.name for p in seeds.iterdir()) == sorted(p.name for p in tmp_path.iterdir())
    for p in tmp_path.iterdir():
        assert p.read_bytes() == (seeds / p.name).read_bytes(), p.name
