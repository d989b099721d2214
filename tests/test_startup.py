"""A command's start-up and exit (issue #8): what keeps them short (timed in benchmarks/), and that the
short exit loses nothing."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import revcop
from tests.conftest import ROOT

SAMPLE = ROOT / "resolutions" / "cms" / "14.16" / "UNEP-CMS-COP15-Doc.28.2.docx"


def _modules():
    for info in pkgutil.walk_packages(revcop.__path__, "revcop."):
        if info.name != "revcop.__main__":
            yield importlib.import_module(info.name)


def test_every_dataclass_has_its_own_docstring():
    # Without one, @dataclass computes a docstring from inspect.signature at import: ~0.3 ms a class.
    found = []
    for module in _modules():
        for obj in vars(module).values():
            if isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ == module.__name__:
                found.append(obj)
                assert obj.__doc__ and not obj.__doc__.startswith(f"{obj.__name__}("), obj.__qualname__
    assert len(found) > 30


def test_consolidating_a_docx_imports_only_what_it_uses(tmp_path):
    out = tmp_path / "out.txt"
    script = (
        "import sys\n"
        "from revcop.cli import main\n"
        "try:\n"
        f"    main(['consolidate', {str(SAMPLE)!r}, '-o', {str(out)!r}, '-q'])\n"
        "except SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    loaded = set(done.stdout.split())
    assert out.read_text(encoding="utf-8").startswith("Resolution 14.16 (Rev.COP15)\n")
    for heavy in ("docx", "jinja2", "diff_match_patch", "json", "revcop.comparison", "revcop.writers.docx",
                  "revcop.review", "revcop.library"):
        assert heavy not in loaded, heavy
    assert {"revcop.readers.docx", "revcop.consolidation", "revcop.writers.text"} <= loaded


def _revcop(*args, **kw):
    return subprocess.run([sys.executable, "-m", "revcop", *map(str, args)], capture_output=True, cwd=ROOT, **kw)


def test_a_program_run_flushes_everything_and_keeps_its_exit_codes():
    # revcop run as a program leaves with os._exit after flushing: nothing may be lost on the way.
    done = _revcop("consolidate", SAMPLE, "-o", "-", "-q")
    assert done.returncode == 0 and done.stderr == b""
    assert done.stdout.decode("utf-8") == (ROOT / "tests" / "golden" / "cms-14.16-Rev.COP15.txt").read_text(
        encoding="utf-8")
    missing = _revcop("consolidate", "/nonexistent/resolution.docx", "-o", "-")
    assert missing.returncode == 1 and missing.stdout == b""
    assert missing.stderr.decode().startswith("revcop: error: /nonexistent/resolution.docx: ")
    assert _revcop("consolidate").returncode == 2


def test_a_reader_that_stops_reading_ends_the_run_quietly():
    with subprocess.Popen([sys.executable, "-m", "revcop", "parse", str(SAMPLE), "--format", "json", "-o", "-"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT) as proc:
        assert proc.stdout.read(10) == b'{\n "schema'
        proc.stdout.close()
        err = proc.stderr.read()
        assert proc.wait() == 0
    assert b"Traceback" not in err and b"Exception ignored" not in err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_standard_output_on_a_full_disk_is_a_one_line_error():
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "revcop", "consolidate", str(SAMPLE), "-o", "-", "-q"],
                              stdout=full, stderr=subprocess.PIPE, cwd=ROOT)
    assert done.returncode == 1
    assert done.stderr.decode() == "revcop: error: standard output: cannot be written (No space left on device)\n"


def test_one_shot_commands_run_without_the_cycle_collector_and_the_desk_with_it(monkeypatch):
    """A command frees its objects by reference counting and ends; the collector would only walk them
    (0.45 s of a 500k-word annex). The desk is a server: it collects its cycles."""
    import gc

    from revcop.cli import cli, main
    from revcop.desk import server

    seen = []
    monkeypatch.setattr(server, "serve", lambda *a, **kw: seen.append(gc.isenabled()))
    was = gc.isenabled()
    try:
        with pytest.raises(SystemExit) as done:
            main(["--version"])
        assert done.value.code == 0 and not gc.isenabled()
        from click.testing import CliRunner

        assert CliRunner().invoke(cli, ["desk", "--no-browser"]).exit_code == 0
        assert seen == [True] and gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
