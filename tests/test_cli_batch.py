"""Batch mode of ``revcop consolidate`` / ``original``: several files or a folder, one output each."""

import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from revcop.cli import COMMANDS, cli
from revcop.cli.batch import Progress, expand, many_files
MARKER = ".revcop-output"  # the marker of the output/ folder revcop made (docs/robustness.md)
from tests.conftest import SAMPLE_DIR

SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"
SMALL = (
    "PROPOSED AMENDMENTS TO RESOLUTION 12.7\n\nTHE ROLE OF NETWORKS\n\n"
    "Recalling Resolution 10.3,\n\n"
    "The Conference of the Parties to the Convention on the Conservation of Migratory Species of Wild Animals\n\n"
    "1. Urges Parties to {--protect--}{++restore++} habitats;\n\n2. Requests the Secretariat to report.\n"
)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def names(folder: Path) -> list[str]:
    """The outputs in a folder (not revcop's marker of its own output/ folder)."""
    return sorted(p.name for p in folder.iterdir() if p.name != MARKER)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """Two good inputs, one bad one, and a file revcop does not read; the working folder is tmp_path."""
    monkeypatch.chdir(tmp_path)
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(SAMPLE, d / "cms.txt")
    (d / "small.critic.txt").write_text(SMALL, encoding="utf-8")
    (d / "bad.txt").write_text("text {++never closed\n", encoding="utf-8")
    (d / "notes.pdf").write_bytes(b"%PDF-1.4")
    (d / "~$cms.docx").write_bytes(b"lock")
    return d


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_folder_good_and_bad_files(folder, tmp_path, jobs):
    result = run("consolidate", folder, "-j", jobs)
    assert result.exit_code == 1
    out = tmp_path / "output"
    assert names(out) == ["cms-Rev.COP15.txt", "small-consolidated.txt"]
    assert (out / "cms-Rev.COP15.txt").read_text(encoding="utf-8").startswith("Resolution 14.16 (Rev.COP15)")
    assert "2. Urges Parties to restore habitats;" not in (out / "small-consolidated.txt").read_text()
    assert "1. Urges Parties to restore habitats;" in (out / "small-consolidated.txt").read_text()
    assert f"revcop: error: {folder / 'bad.txt'}: line 1, column 6: mark {{++ is never closed" in result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        "revcop: consolidate: 3 files: 2 done (2 with warnings), 1 failed; outputs in output/")


def test_all_good_exits_0_and_o_dir_takes_the_outputs(folder, tmp_path):
    (folder / "bad.txt").unlink()
    result = run("original", folder, "-o", f"{tmp_path / 'texts'}/", "-q")
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "texts").iterdir()) == ["cms-original.txt", "small-original.txt"]
    assert "Urges Parties to protect habitats;" in (tmp_path / "texts" / "small-original.txt").read_text()
    assert not (tmp_path / "output").exists()
    # quiet: no warnings, only the summary
    assert result.stderr.strip() == (
        f"revcop: original: 2 files: 2 done (0 with warnings), 0 failed; outputs in {tmp_path / 'texts'}/")
    # a second run into the same folder needs --force, as for one file
    again = run("original", folder, "-o", tmp_path / "texts", "-q")
    assert again.exit_code == 1 and "exists; give --force to overwrite it" in again.stderr
    assert run("original", folder, "-o", tmp_path / "texts", "-q", "--force").exit_code == 0


def test_several_files_given_by_name(folder, tmp_path):
    result = run("consolidate", folder / "small.critic.txt", folder / "missing.txt", folder / "cms.txt",
                 "--format", "md")
    assert result.exit_code == 1
    assert names(tmp_path / "output") == ["cms-Rev.COP15.md", "small-consolidated.md"]
    assert f"revcop: error: {folder / 'missing.txt'}: no such file" in result.stderr


def test_o_must_be_a_directory_with_several_inputs(folder, tmp_path):
    result = run("consolidate", folder, "-o", "-")
    assert result.exit_code == 2 and "-o must be a directory" in result.stderr
    (tmp_path / "file.txt").write_text("x")
    result = run("consolidate", folder, "-o", tmp_path / "file.txt")
    assert result.exit_code == 2 and "-o must be a directory" in result.stderr


def test_folder_is_not_recursive_unless_asked(tmp_path):
    sub = tmp_path / "top" / "sub"
    sub.mkdir(parents=True)
    (sub / "small.txt").write_text(SMALL, encoding="utf-8")
    result = run("consolidate", tmp_path / "top", "-o", f"{tmp_path / 'o'}/")
    assert result.exit_code == 2 and "no file revcop can read" in result.stderr
    assert "--recursive" in result.stderr
    result = run("consolidate", tmp_path / "top", "-o", f"{tmp_path / 'o'}/", "--recursive")
    assert result.exit_code == 0
    assert [p.name for p in (tmp_path / "o").iterdir()] == ["small-consolidated.txt"]


def test_two_inputs_with_one_name_do_not_overwrite_each_other(tmp_path):
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "x.txt").write_text(SMALL, encoding="utf-8")
    result = run("consolidate", tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt", "-o", f"{tmp_path / 'o'}/")
    assert result.exit_code == 1
    assert f"{tmp_path / 'b' / 'x.txt'}: has the same name as {tmp_path / 'a' / 'x.txt'}" in result.stderr
    assert "1 done (1 with warnings), 1 failed" in result.stderr


def test_one_file_is_unchanged():
    result = run("consolidate", SAMPLE, "-o", "-", "-q")
    assert result.exit_code == 0 and result.stdout.startswith("Resolution 14.16 (Rev.COP15)")
    assert "files:" not in result.stderr


def test_expand_takes_readable_files_sorted(folder):
    assert [p.rsplit("/", 1)[1] for p in expand((str(folder),))] == ["bad.txt", "cms.txt", "small.critic.txt"]


@many_files(argument="files", pairs=True)
@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output")
def pairwise(files, output):
    """Test command: one document or a pair OLD NEW."""
    from revcop.cli.common import default_output, write_output

    out = default_output(files[-1], f"n{len(files)}", "txt", output)
    write_output(" ".join(Path(f).name for f in files) + "\n", out)


def test_pair_command_keeps_pairs_and_batches_more(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(COMMANDS, "pairwise", ("tests.test_cli_batch", "pairwise", "test"))
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(SMALL)
    assert run("pairwise", "a.txt", "b.txt").exit_code == 0
    assert (tmp_path / "output" / "b-n2.txt").read_text() == "a.txt b.txt\n"
    result = run("pairwise", "a.txt", "b.txt", "c.txt", "-j", "1")
    assert result.exit_code == 0
    assert names(tmp_path / "output") == ["a-n1.txt", "b-n1.txt", "b-n2.txt", "c-n1.txt"]
    assert "3 files: 3 done" in result.stderr


def test_progress_bar_draws_only_when_enabled(capsys):
    bar = Progress(4, "revcop consolidate", enabled=True)
    bar.step()
    assert capsys.readouterr().err == "\r\x1b[Krevcop consolidate [#######.......................] 1/4"
    quiet = Progress(4, "revcop consolidate", enabled=False)
    quiet.step()
    quiet.echo("revcop: wrote x")
    assert capsys.readouterr().err == "revcop: wrote x\n"



def test_report_takes_a_folder_one_report_per_document(folder, tmp_path):
    result = run("report", folder, "-o", f"{tmp_path / 'reports'}/", "--format", "md", "-j", "2")
    assert result.exit_code == 1  # bad.txt
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["cms-report.md", "small-report.md"]
    assert "revcop: report: 3 files: 2 done" in result.stderr
    # two files are still a comparison, OLD NEW
    pair = run("report", folder / "small.critic.txt", folder / "cms.txt", "-o", tmp_path / "pair.md")
    assert pair.exit_code == 0 and (tmp_path / "pair.md").is_file()


def test_a_worker_hands_back_messages_as_values(tmp_path, monkeypatch):
    """The batch is given each file's messages as values (level, place, text), not its standard error
    to parse: a line that only looks like a warning is passed on, never counted as one."""
    from revcop.cli.batch import Task, work
    from revcop.model import Message

    monkeypatch.chdir(tmp_path)
    (tmp_path / "small.txt").write_text(SMALL.replace("restore", "restore [ ]"), encoding="utf-8")

    def params(*args):  # the command's parameters as parsed, as the batch gives them to a worker
        given = cli.get_command(None, "consolidate").make_context("consolidate", ["small.txt", *args]).params
        return {k: v for k, v in given.items() if k not in ("file", "jobs", "recursive")}

    outcome = work(Task("consolidate", "small.txt", params(), None))
    assert outcome.ok and all(isinstance(m, Message) for m in outcome.messages)
    assert [m.level for m in outcome.messages].count("warning") == outcome.warnings >= 1
    assert any(m.level == "warning" and m.where.startswith("small.txt") and "square brackets" in m.text
               for m in outcome.messages)
    assert outcome.messages[-1] == Message("wrote output/small-consolidated.txt", level="wrote")
    assert outcome.other == ""

    import revcop.cli.consolidate as module

    real = module.warn

    def noisy(messages, path="", quiet=False):  # something printed behind the messages' back
        click.echo("revcop: warning: printed, not given", err=True)
        return real(messages, path, quiet)

    monkeypatch.setattr(module, "warn", noisy)
    outcome = work(Task("consolidate", "small.txt", params("--format", "md"), None))
    assert outcome.ok and outcome.other == "revcop: warning: printed, not given\n"
    assert outcome.warnings == sum(1 for m in outcome.messages if m.level == "warning")
    assert not any("printed, not given" in m.text for m in outcome.messages)
