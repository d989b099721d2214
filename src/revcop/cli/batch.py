"""Batch mode shared by the commands that take one FILE: several files or a folder, in parallel.

:func:`many_files` turns a one-file command into one that also accepts several files or folders.
One file works exactly as before. Several run in worker processes (``-j``), each input gets its own
output (in ``output/``, or in ``-o DIR``: an existing folder or one written ``DIR/``), a progress bar
shows on a terminal, and a summary ends the run; a bad file never stops the others but makes the exit
code 1. A worker hands back the messages of its file as values (:class:`Outcome`); no output of the
run may replace one of its inputs.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import inspect
import io
import os
import sys
from pathlib import Path
from typing import Any, Callable

import click

from revcop.cli import say
from revcop.cli.common import PLAIN_LEVELS, collected, input_stem, line, names_folder, output_dir, protected
from revcop.model import Message

# What revcop can read, by name; a folder contributes only these (Word lock files "~$x.docx" and
# hidden files are left out).
READABLE_SUFFIXES = (".docx", ".txt", ".md", ".json")


# Tasks go to worker processes and outcomes come back: plain picklable classes.
class Task:
    """One input for a worker: ``params`` are the command's other parameters as parsed, ``out_dir``
    the folder of -o DIR (None: the command's default, output/), ``inputs`` every input of the run
    (no output may replace one)."""

    __slots__ = ("command", "file", "params", "out_dir", "inputs")

    def __init__(self, command: str, file: str, params: dict, out_dir: str | None,
                 inputs: tuple[str, ...] = ()) -> None:
        self.command, self.file, self.params, self.out_dir, self.inputs = command, file, params, out_dir, inputs


class Outcome:
    """What became of one input: the ``messages`` the command gave (values: warnings, infos, the
    files it wrote), ``other`` anything else it printed on standard error, ``error`` why it failed."""

    __slots__ = ("file", "ok", "messages", "other", "error")

    def __init__(self, file: str, ok: bool, messages: list[Message] | None = None, error: str = "",
                 other: str = "") -> None:
        self.file, self.ok, self.messages, self.error, self.other = file, ok, messages or [], error, other

    @property
    def warnings(self) -> int:
        return sum(1 for m in self.messages if m.level == "warning")


def expand(paths: tuple[str, ...], recursive: bool = False) -> list[str]:
    """The input files: files as given; from a folder, the files revcop reads, sorted by name."""
    files: list[str] = []
    for given in paths:
        folder = Path(given)
        if not folder.is_dir():
            files.append(given)
            continue
        found = folder.rglob("*") if recursive else folder.iterdir()
        chosen = sorted(
            str(p) for p in found
            if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES and not p.name.startswith((".", "~$"))
        )
        if not chosen:
            raise click.UsageError(
                f"{given}: no file revcop can read ({', '.join(READABLE_SUFFIXES)})"
                + ("" if recursive else "; give --recursive to look into sub-folders")
            )
        files.extend(chosen)
    return files


def work(task: Task) -> Outcome:
    """Run one input through the command's one-file code, in a worker; never raises.

    The command's messages come back as values (:data:`revcop.cli.common.collected`); what it
    printed otherwise on standard error is passed on as it is.
    """
    from revcop.cli import COMMANDS
    from revcop.errors import InvariantError, RevcopError

    module, attr, _ = COMMANDS[task.command]
    command = getattr(importlib.import_module(module), attr)
    single = command.callback.single
    argument = command.callback.argument
    params = dict(task.params, output=None)
    params[argument] = task.file if argument == "file" else (task.file,)
    if "quiet" in params:
        params["quiet"] = False  # the batch decides what to show; the worker reports everything
    messages: list[Message] = []
    err = io.StringIO()
    tokens: list[tuple[Any, Any]] = [(output_dir, output_dir.set(Path(task.out_dir) if task.out_dir else None)),
              (protected, protected.set(task.inputs)), (collected, collected.set(messages))]
    try:
        with contextlib.redirect_stderr(err), click.Context(command, info_name=task.command):
            single(**params)
        return Outcome(task.file, True, messages, other=err.getvalue())
    except RevcopError as e:
        error = f"revcop: error: {e}"
    except click.ClickException as e:
        error = f"revcop: error: {task.file}: {e.format_message()}"
    except InvariantError as e:
        error = f"revcop: internal error: {task.file}: {e}. Nothing was written. Please report this."
    except Exception as e:  # noqa: BLE001 - one bad file must not stop the others
        error = (f"revcop: internal error: {task.file}: {type(e).__name__}: {e}. Nothing was written. "
                 "Please report this with the input file.")
    finally:
        for var, token in reversed(tokens):
            var.reset(token)
    return Outcome(task.file, False, messages, error, other=err.getvalue())


class Progress:
    """A one-line progress bar on standard error, drawn only on a terminal."""

    def __init__(self, total: int, label: str, enabled: bool) -> None:
        self.total, self.label, self.enabled, self.done = total, label, enabled, 0

    def draw(self) -> None:
        if self.enabled:
            width = 30
            filled = width * self.done // max(self.total, 1)
            sys.stderr.write(f"\r\x1b[K{self.label} [{'#' * filled}{'.' * (width - filled)}] "
                             f"{self.done}/{self.total}")
            sys.stderr.flush()

    def echo(self, text: str) -> None:
        """Print a message line (escaped, as every message) above the bar."""
        from revcop.cli import printable

        if self.enabled:
            sys.stderr.write("\r\x1b[K")
        click.echo(printable(text), err=True)
        self.draw()

    def step(self) -> None:
        self.done += 1
        self.draw()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def out_folder(output: str | None) -> str | None:
    """-o with several inputs: a folder, existing or named with a trailing slash (created when the
    first output is written); anything else is a usage error."""
    if output is None:
        return None
    if output == "-":
        raise click.UsageError("with several inputs, -o must be a directory, not '-'")
    if Path(output).is_dir():
        return output
    if Path(output).exists():
        raise click.UsageError(f"with several inputs, -o must be a directory; {output} is a file")
    if not names_folder(output):
        raise click.UsageError(f"with several inputs, -o must be a directory: an existing one, or a new one "
                               f"named with a trailing slash ({output}/); {output} does not exist")
    return output


def run(command: str, paths: tuple[str, ...], params: dict, *, jobs: int | None, recursive: bool,
        argument: str = "file") -> None:
    """Process every input of ``paths`` with ``command``; exits 1 when any input failed."""
    output = out_folder(params.get("output"))
    files = expand(paths, recursive)
    quiet = bool(params.get("quiet"))
    outcomes: list[Outcome] = []
    tasks: list[Task] = []
    seen: dict[str, str] = {}
    for f in files:
        stem = input_stem(f)
        if stem in seen:  # both would write output/<stem>-<tag>.<ext>
            outcomes.append(Outcome(f, False, error=f"revcop: error: {f}: has the same name as {seen[stem]}; "
                                                    "its output would overwrite the other's (rename one)"))
            continue
        seen[stem] = f
        tasks.append(Task(command, f, {k: v for k, v in params.items() if k != "output"}, output, tuple(files)))
    progress = Progress(len(files), f"revcop {command}", enabled=sys.stderr.isatty() and not quiet)
    for o in outcomes:
        progress.echo(o.error)
        progress.step()

    def report(o: Outcome) -> None:
        outcomes.append(o)
        for m in o.messages:
            if not quiet or m.level not in ("warning", "info", *PLAIN_LEVELS):
                progress.echo(line(m))
        for text in o.other.splitlines():
            progress.echo(text)
        if o.error:
            progress.echo(o.error)
        progress.step()

    progress.draw()
    jobs = min(jobs or default_jobs(), len(tasks))
    if jobs <= 1:
        for t in tasks:
            report(work(t))
    else:
        from concurrent.futures import ProcessPoolExecutor, as_completed

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(work, t): t for t in tasks}
            for future in as_completed(futures):
                try:
                    report(future.result())
                except Exception as e:  # noqa: BLE001 - a worker that died (killed, out of memory)
                    file = futures[future].file
                    report(Outcome(file, False, error=f"revcop: internal error: {file}: the worker process "
                                                      f"stopped ({type(e).__name__}). Please report this."))
    progress.close()
    failed = sum(1 for o in outcomes if not o.ok)
    warned = sum(1 for o in outcomes if o.ok and o.warnings)
    where = output or "output/"
    say(f"revcop: {command}: {len(files)} files: {len(files) - failed} done ({warned} with warnings), "
                  f"{failed} failed; outputs in {where}")
    if failed:
        raise click.exceptions.Exit(1)


_jobs_option = click.Option(
    ["-j", "--jobs"], type=click.IntRange(min=1), metavar="N",
    help="With several inputs: files processed in parallel (default: the number of cores).",
)
_recursive_option = click.Option(["--recursive"], is_flag=True, help="A folder input: also its sub-folders.")


def many_files(command: click.Command | None = None, *, argument: str = "file", pairs: bool = False):
    """Let a one-input command also take several files or folders (batch mode).

    ``argument`` names the command's input argument: ``file`` (one path; becomes ``FILE...``) or a
    ``nargs=-1`` argument whose command reads one document or, with ``pairs``, a pair OLD NEW. Such a
    command runs as before when given what it takes (one path, or two with ``pairs``, and no folder);
    otherwise every file is a separate input.
    """
    if command is None:
        return functools.partial(many_files, argument=argument, pairs=pairs)
    single: Callable[..., Any] = command.callback  # type: ignore[assignment]  # every command has one
    for i, p in enumerate(command.params):
        if isinstance(p, click.Argument) and p.name == argument and p.nargs == 1:
            command.params[i] = click.Argument([argument], nargs=-1, required=True, type=click.Path(),
                                               metavar="FILE...")
    command.params.extend([_jobs_option, _recursive_option])
    command.help = inspect.cleandoc(command.help or "") + (
        "\n\nSeveral FILEs" + (" (more than two)" if pairs else "") + " or a folder: each is processed in "
        "parallel (-j) into its own output in output/ (or in -o DIR); a summary ends the run, and the "
        "exit code is 1 if any file failed."
    )
    one = argument == "file"

    @functools.wraps(single)
    def callback(jobs=None, recursive=False, **params):
        paths = params.pop(argument)
        if len(paths) <= (2 if pairs else 1) and not any(Path(p).is_dir() for p in paths):
            return single(**{argument: paths[0] if one else paths}, **params)
        return run(command.name, paths, params, jobs=jobs, recursive=recursive, argument=argument)

    callback.single = single  # type: ignore[attr-defined]  # read by the batch runner
    callback.argument = argument  # type: ignore[attr-defined]
    command.callback = callback
    return command
