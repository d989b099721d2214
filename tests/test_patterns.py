"""revcop.patterns: a pattern declared with on_first_use is compiled when first used, and then behaves
as the compiled pattern does; compiled patterns kept on disk are the very patterns re.compile makes."""

import importlib
import os
import re
import subprocess
import sys

import _sre
import pytest

from revcop import patterns, records
from revcop.patterns import _Deferred, compiled, on_first_use
from tests.conftest import GOLDEN, ROOT, SAMPLE_DIR


def test_compiled_on_first_use_and_then_as_re_compile():
    source = r"(?P<n>\d+)\s*(bis|ter)?"
    deferred, compiled = on_first_use(source, re.IGNORECASE), re.compile(source, re.IGNORECASE)
    assert "match" not in vars(deferred)  # nothing compiled yet
    assert deferred.match("11 BIS").groupdict() == compiled.match("11 BIS").groupdict() == {"n": "11"}
    # bound once: later uses find it directly (a pattern like the one re.compile gives, which may be another
    # object where the pattern was read back from the kept patterns of an earlier run)
    assert vars(deferred)["match"].__self__ == compiled and vars(deferred)["match"].__name__ == "match"
    assert deferred.sub("#", "1 bis, 2") == compiled.sub("#", "1 bis, 2") == "#, #"
    assert deferred.findall("3 ter 4") == compiled.findall("3 ter 4")
    assert [m.span() for m in deferred.finditer("5 6")] == [(0, 2), (2, 3)]
    assert (deferred.pattern, deferred.flags, deferred.groups) == (compiled.pattern, compiled.flags, compiled.groups)
    assert deferred.search("x 7").group("n") == "7" and deferred.fullmatch("8 bis")


def test_a_bad_pattern_fails_when_first_used():
    with pytest.raises(re.error):
        on_first_use("(").match("x")


def test_every_deferred_pattern_of_revcop_compiles():
    """A deferred pattern is compiled only when used: each one revcop declares is compiled here."""
    found = []
    for path in sorted((ROOT / "src" / "revcop").rglob("*.py")):
        if "on_first_use(" not in path.read_text(encoding="utf-8") or path.name == "patterns.py":
            continue
        name = ".".join(path.relative_to(ROOT / "src").with_suffix("").parts).removesuffix(".__init__")
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if isinstance(value, _Deferred):
                found.append(f"{name}.{attr}")
                assert isinstance(re.compile(value.pattern, value.flags), re.Pattern)
    assert len(found) >= 15 and "revcop.references._EXTERNAL_AFTER" in found


def _revcop(args, prefix, **env):
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environ |= {"PYTHONPATH": str(ROOT / "src"), "PYTHONPYCACHEPREFIX": str(prefix)} | env
    return subprocess.run([sys.executable, "-m", "revcop", *args], env=environ, capture_output=True, text=True)


def _kept_file(prefix, name):
    found = list(prefix.rglob(name))
    assert len(found) <= 1, found
    return found[0] if found else None


def test_the_command_line_keeps_its_patterns_and_methods_and_reads_them_back(tmp_path):
    """A first consolidation compiles and keeps its patterns and its dataclasses' methods (before the
    command line's quick exit); a second one reads them all back (it compiles nothing new, so neither
    file is written again) and gives the same text, the golden one."""
    sample, prefix = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.docx", tmp_path / "pycache"
    first = _revcop(["consolidate", str(sample), "-o", "-", "-q"], prefix)
    assert first.returncode == 0, first.stderr
    kept, methods = _kept_file(prefix, "patterns.*.re"), _kept_file(prefix, "records.*.code")
    assert kept is not None and methods is not None
    written = kept.stat().st_mtime_ns, methods.stat().st_mtime_ns
    entries = patterns._kept.read(str(kept))
    assert len(entries) >= 50
    for (source, flags), entry in entries.items():  # each is what re.compile makes of its source
        assert _sre.compile(source, *entry) == re.compile(source, flags), source
        assert "14\\.16" not in source  # nothing built from the document (its resolution number) is kept
    assert any(" def __init__(self,text:" in source for source in records._kept.read(str(methods)))  # Span's
    second = _revcop(["consolidate", str(sample), "-o", "-", "-q"], prefix)
    assert second.returncode == 0, second.stderr
    assert first.stdout == second.stdout == (GOLDEN / "cms-14.16-Rev.COP15.txt").read_text(encoding="utf-8")
    assert (kept.stat().st_mtime_ns, methods.stat().st_mtime_ns) == written


def test_nothing_kept_where_python_writes_no_bytecode(tmp_path):
    result = _revcop(["consolidate", str(SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"), "-o", "-", "-q"],
                     tmp_path, PYTHONDONTWRITEBYTECODE="1")
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.rglob("*")) == []


def test_an_entry_the_engine_refuses_is_compiled_afresh(monkeypatch):
    """Code the engine does not accept (its validation refuses it) gives way to re.compile."""
    source = r"(?P<n>\d+) bis"
    monkeypatch.setattr(patterns._kept, "entries", {(source, 0): (0, [1, 2, 3], 0, {}, ())})
    monkeypatch.setattr(patterns._kept, "added", {})
    pattern = compiled(source)
    assert pattern == re.compile(source)
    assert pattern.match("11 bis").group("n") == "11"
    assert patterns._kept.get((source, 0)) == patterns._entry(source, 0)  # replaced by the good one
    assert patterns._kept.added == {(source, 0): patterns._entry(source, 0)}
