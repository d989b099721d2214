"""revcop.toml reads TOML with tomli (the fast extra: the standard library's parser compiled) where it is
installed, else with tomllib: both give the same values and the same messages on revcop's files."""

import tomllib

import pytest
import tomli

from revcop import toml
from tests.conftest import ROOT

FILES = sorted((ROOT / "src" / "revcop" / "conventions").glob("*.toml")) + sorted((ROOT / "resolutions").rglob("*.toml"))


def test_the_compiled_parser_is_taken_where_installed():
    assert toml.loads is tomli.loads and toml.TOMLDecodeError is tomli.TOMLDecodeError


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_same_values_as_the_standard_library(path):
    text = path.read_text(encoding="utf-8")
    assert tomli.loads(text) == tomllib.loads(text)


@pytest.mark.parametrize("text", [
    "a = ", "x = [1,", '[t]\nk = "v\nq = 1', "a = 1\na = 2", "[convention]\nname = 'X'\n[[meeting]]\nnumber = 1\n[meeting]\n",
    # TOML 1.1 (newlines in an inline table, \\e): refused by both, as tomli 2.4 and later would not
    "t = {\n a = 1 }\n", 'e = "\\e"\n',
])
def test_same_messages_as_the_standard_library(text):
    with pytest.raises(tomllib.TOMLDecodeError) as standard:
        tomllib.loads(text)
    with pytest.raises(tomli.TOMLDecodeError) as compiled:
        tomli.loads(text)
    assert str(compiled.value) == str(standard.value)
