"""revcop.kept: a file of results kept beside a module's bytecode is read only by the Python build
that wrote it, survives damage by being ignored, and is added to, within a bound."""

import marshal
import sys
import types

import pytest

from revcop.kept import Kept


@pytest.fixture
def kept(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    spec = types.SimpleNamespace(cached=str(tmp_path / "__pycache__" / "mod.cpython-311.pyc"))
    return Kept(spec, ".test", ("this build",), limit=3)


def test_the_file_lies_beside_the_bytecode_and_none_without_bytecode(kept, tmp_path):
    assert kept.path() == str(tmp_path / "__pycache__" / "mod.cpython-311.test")
    assert Kept(types.SimpleNamespace(cached=None), ".test", ("b",), 3).path() is None


def test_a_foreign_or_damaged_file_is_not_read(kept, tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"not marshal data")
    assert kept.read(str(path)) == {}
    path.write_bytes(marshal.dumps((("another build",), {"a": 1})))
    assert kept.read(str(path)) == {}
    path.write_bytes(marshal.dumps((("this build",), ["not", "a", "dict"])))
    assert kept.read(str(path)) == {}
    path.write_bytes(marshal.dumps((("this build",), {"a": 1})))
    assert kept.read(str(path)) == {"a": 1}


def test_saving_adds_to_what_another_process_kept_within_a_bound(kept, tmp_path):
    path = tmp_path / "__pycache__" / "mod.cpython-311.test"
    kept.add("mine", 2)
    path.parent.mkdir()
    path.write_bytes(marshal.dumps((("this build",), {"other": 1})))  # written meanwhile by another process
    kept.save()
    assert kept.read(str(path)) == {"other": 1, "mine": 2}
    assert kept.added == {}
    kept.save()  # nothing new: not written again
    for key in ("x", "y", "z"):  # with the 2 there, more than the bound: only this process's are kept
        kept.add(key, 0)
    kept.save()
    assert kept.read(str(path)) == {"x": 0, "y": 0, "z": 0}
    assert list(path.parent.iterdir()) == [path]  # no temporary file left


def test_nothing_is_written_where_python_writes_no_bytecode(kept, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    kept.add("a", 1)
    kept.save()
    assert not (tmp_path / "__pycache__").exists()


def test_a_cache_that_cannot_be_written_is_left_alone(kept, tmp_path):
    (tmp_path / "__pycache__").write_text("a file where the folder would be")
    kept.add("a", 1)
    kept.save()  # no error: revcop runs on, without the cache
    assert (tmp_path / "__pycache__").read_text() == "a file where the folder would be"


def test_without_a_build_nothing_is_kept(tmp_path):
    spec = types.SimpleNamespace(cached=str(tmp_path / "m.pyc"))
    none = Kept(spec, ".test", None, 3)
    none.add("a", 1)
    none.save()
    assert none.get("a") is None and not list(tmp_path.iterdir())
