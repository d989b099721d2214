"""revcop.patterns: a pattern declared with on_first_use is compiled when first used, and then behaves
as the compiled pattern does."""

import importlib
import re

import pytest

from revcop.patterns import _Deferred, on_first_use
from tests.conftest import ROOT


def test_compiled_on_first_use_and_then_as_re_compile():
    source = r"(?P<n>\d+)\s*(bis|ter)?"
    deferred, compiled = on_first_use(source, re.IGNORECASE), re.compile(source, re.IGNORECASE)
    assert "match" not in vars(deferred)  # nothing compiled yet
    assert deferred.match("11 BIS").groupdict() == compiled.match("11 BIS").groupdict() == {"n": "11"}
    assert vars(deferred)["match"] == compiled.match  # bound once: later uses find it directly
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
