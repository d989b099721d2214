"""A decision renumbered between two versions (18.120 -> 19.102): the annex strikes the old number and
underlines the new one, so that accepting the annex gives the new numbers and rejecting it the old."""

import pytest
from click.testing import CliRunner

from revcop.cli import cli

HEAD = "DRAFT DECISIONS\n\nDirected to the Secretariat\n\n"
OLD = HEAD + ("18.120 The Secretariat shall report on the trade in live specimens to the Standing Committee.\n\n"
              "18.121 The Standing Committee shall consider the report of the Secretariat.\n")
NEW = HEAD + ("19.102 The Secretariat shall report on the trade in live specimens to the Standing Committee.\n\n"
              "19.103 The Standing Committee shall consider the report of the Secretariat and make "
              "recommendations.\n")


def _run(*args) -> str:
    done = CliRunner().invoke(cli, [*map(str, args), "-q"])
    assert done.exit_code == 0, done.output
    return done.stdout


@pytest.fixture
def pair(tmp_path):
    (tmp_path / "old.txt").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.txt").write_text(NEW, encoding="utf-8")
    return tmp_path / "old.txt", tmp_path / "new.txt"


def test_the_annex_marks_the_new_decision_numbers(pair):
    annex = _run("diff", *pair, "--format", "txt", "-o", "-")
    assert "{--18.120--}{++19.102++} The Secretariat shall report" in annex
    assert "{--18.121--}{++19.103++} The Standing Committee" in annex


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_accepting_the_annex_gives_the_new_numbers_and_rejecting_it_the_old(pair, tmp_path, fmt):
    annex = tmp_path / f"annex.{fmt}"
    _run("diff", *pair, "-o", annex)
    accepted = _run("consolidate", annex, "--part", "decisions", "-o", "-")
    rejected = _run("original", annex, "--part", "decisions", "-o", "-")
    assert "\n19.102 The Secretariat" in accepted and "\n19.103 The Standing Committee" in accepted
    assert "18.120" not in accepted and "18.121" not in accepted
    assert "\n18.120 The Secretariat" in rejected and "19.102" not in rejected
