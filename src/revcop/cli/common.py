"""What every command shares: reading inputs, choosing and writing outputs, reporting messages.

Outputs are written atomically (temporary file, then rename). An existing file is not overwritten
without ``--force``, except inside an ``output/`` folder that revcop made itself (it leaves a marker
file, :data:`MARKER`, in the folder it creates); an output is never written over an input of the run
(the files given, a ``--template``, every file of a batch). The format of a file comes from ``-o``'s
extension (or ``--format``, which must agree with it); binary output is never written to a terminal.
Every file written is announced on standard error (``revcop: wrote FILE``).
"""

from __future__ import annotations

import os
import sys
from contextvars import ContextVar
from pathlib import Path

import click

from revcop.cli import printable, say  # noqa: F401 - printable: for the commands
from revcop.errors import OutputError
from revcop.files import write_atomic
from revcop.model import Message

DEFAULT_OUTPUT_DIR = Path("output")
# The file that says revcop made the output/ folder it is in, and may regenerate the files there.
MARKER = ".revcop-output"
MARKER_TEXT = (
    "revcop made this folder for its outputs and replaces the files in it without --force.\n"
    "Delete this file to have revcop ask for --force before replacing a file here.\n"
)
# Where default output names go instead of output/ (batch mode with -o DIR sets it per input).
output_dir: ContextVar[Path | None] = ContextVar("revcop_output_dir", default=None)
# Files no output may replace besides a command's own inputs: a batch's other inputs.
protected: ContextVar[tuple[str, ...]] = ContextVar("revcop_protected", default=())
# Where messages go instead of standard error: a batch's worker collects them as values.
collected: ContextVar[list[Message] | None] = ContextVar("revcop_collected", default=None)
FORMAT_BY_SUFFIX = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".json": "json", ".docx": "docx",
    ".html": "html", ".htm": "html", ".xml": "akn", ".akn": "akn",
}
# Other names of a format, as --format takes them: the README lists Akoma Ntoso as xml.
FORMAT_ALIASES = {"xml": "akn"}
# Formats that are not text: never written to a terminal.
BINARY_FORMATS = ("docx",)
# Input names that carry a second, descriptive suffix: "x.critic.txt" -> stem "x".
_DOUBLE_SUFFIXES = (".critic",)
# Messages of these levels are printed as "revcop: TEXT" (no level): what a command did.
PLAIN_LEVELS = ("wrote", "note")


def input_stem(path: str) -> str:
    from revcop.pipeline import is_reference

    if is_reference(path):
        return str(path).replace("/", "-")  # cms/14.16@COP14 -> cms-14.16@COP14
    stem = Path(path).stem
    for suffix in _DOUBLE_SUFFIXES:
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
    return stem


def names_folder(output: str | None) -> bool:
    """``-o DIR/``: an output named with a trailing slash is a folder for the default file name."""
    return bool(output) and output != "-" and str(output).endswith(("/", os.sep))


class FormatChoice(click.Choice):
    """``--format``'s choices, also taking a format's other name (``xml`` for ``akn``)."""

    def __init__(self, choices, **kw) -> None:
        super().__init__(list(choices) + [a for a, f in FORMAT_ALIASES.items() if f in choices], **kw)

    def convert(self, value, param, ctx):
        value = super().convert(value, param, ctx)
        return FORMAT_ALIASES.get(value, value)


def output_format(output: str | None, given: str | None, default: str, allowed: tuple[str, ...],
                  suffixes: dict[str, str] | None = None) -> str:
    """The format: from ``-o``'s extension, else ``--format``, else ``default``; refused when they
    disagree, when the extension names no format this command writes, or when binary output would
    go to a terminal. ``suffixes`` are the command's own names (``.txt`` is parse's outline)."""
    given = FORMAT_ALIASES.get(given, given) if given else given
    named = None
    if output and output != "-" and not names_folder(output):
        suffix = Path(output).suffix.lower()
        named = (suffixes or {}).get(suffix) or FORMAT_BY_SUFFIX.get(suffix)
        if named is not None and named not in allowed:
            raise click.UsageError(
                f"-o {output}: this command does not write {named}; give a name ending in "
                f"{_suffixes(allowed, suffixes)} (or --format {'|'.join(allowed)} with another name)"
            )
        if given and named and named != given:
            raise click.UsageError(
                f"-o {output} is named as {named}, but --format is {given}; give a name ending in "
                f"{_suffixes((given,), suffixes)} or leave out --format"
            )
        if not given and named is None:
            raise click.UsageError(
                f"cannot tell the format from {output!r}; give a name ending in {_suffixes(allowed, suffixes)} "
                f"or --format ({'|'.join(allowed)})"
            )
    fmt = given or named or default
    if fmt in BINARY_FORMATS and (output == "-") and _stdout_is_terminal():
        raise click.UsageError(
            f"{fmt} is a binary format and standard output is a terminal; give -o FILE.{fmt} "
            "or redirect standard output to a file"
        )
    return fmt


def _suffixes(formats, suffixes: dict[str, str] | None) -> str:
    table = {**FORMAT_BY_SUFFIX, **(suffixes or {})}
    names = [s for f in formats for s in table if table[s] == f]
    return "/".join(dict.fromkeys(names)) or "a known extension"


def _stdout_is_terminal() -> bool:
    try:
        return sys.stdout is not None and sys.stdout.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def line(m: Message, path: str = "") -> str:
    """How a message is printed: ``revcop: warning: FILE: WHERE: text`` (``revcop: wrote FILE``)."""
    if m.level in PLAIN_LEVELS:
        return f"revcop: {m.text}"
    where = ": ".join(x for x in (path, m.where) if x)
    return f"revcop: {m.level}: {where + ': ' if where else ''}{m.text}"


def emit(m: Message) -> None:
    """Print one message on standard error (escaped), or hand it to a batch collecting them."""
    sink = collected.get()
    if sink is not None:
        sink.append(m)
    else:
        say(line(m))


def warn(messages: list[Message], path: str = "", quiet: bool = False) -> None:
    if quiet:
        return
    for m in messages:
        emit(Message(m.text, ": ".join(x for x in (path, m.where) if x), m.level))


def _is_default_output(path: Path) -> bool:
    """Inside the output/ folder revcop made (it holds the marker), where files are regenerated."""
    try:
        return path.resolve().parent == DEFAULT_OUTPUT_DIR.resolve() \
            and (path.parent / MARKER).is_file() and not (path.parent / MARKER).is_symlink()
    except OSError:
        return False


def _same_file(given: str, target: Path) -> bool:
    try:
        if Path(given).exists() and target.exists() and os.path.samefile(given, target):
            return True
    except OSError:
        pass
    try:
        return Path(given).resolve() == target.resolve()
    except OSError:
        return False


def _write_stdout(data: str | bytes) -> None:
    if sys.stdout is None:  # closed by the shell (>&-) and not set up by revcop.cli.main
        raise OutputError("is closed; redirect it to a file or give -o FILE", "standard output")
    if isinstance(data, bytes) and _stdout_is_terminal():
        raise OutputError("is a terminal; binary output is written only to a file (-o FILE)", "standard output")
    try:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            click.echo(data, nl=False)
    except BrokenPipeError:
        raise  # a reader that stopped reading (| head): not an error (revcop.cli.main)
    except OSError as e:  # a full disk behind a redirection
        raise OutputError(f"cannot be written ({e.strerror or e})", "standard output") from None


# How long an output that is a FIFO may wait for its reader to open it.
FIFO_WAIT_SECONDS = 2.0


def _write_special(data: bytes, target: Path, output: str) -> None:
    """Write into a device or a pipe (``/dev/null``, a FIFO) instead of replacing it (as root, a
    rename once replaced /dev/null with a plain file). A FIFO is opened without blocking: with no
    reader it is refused after :data:`FIFO_WAIT_SECONDS` instead of hanging."""
    import errno
    import fcntl
    import time

    deadline = time.monotonic() + FIFO_WAIT_SECONDS
    while True:
        try:
            fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError as e:
            if e.errno == errno.ENXIO and time.monotonic() < deadline:
                time.sleep(0.02)  # a FIFO whose reader is not there yet
                continue
            if e.errno == errno.ENXIO:
                raise OutputError("is a pipe that no program reads; nothing was written", output) from None
            raise OutputError(f"cannot be written ({e.strerror or e})", output) from None
    try:
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
    except BrokenPipeError:
        raise OutputError("is a pipe whose reader stopped reading", output) from None
    except OSError as e:
        raise OutputError(f"cannot be written ({e.strerror or e})", output) from None


def write_output(data: str | bytes, output: str, *, inputs: tuple[str, ...] = (), force: bool = False,
                 quiet: bool = False, summary: str = "") -> None:
    """Write ``data`` to ``output`` (``-`` is standard output) atomically, safely, and say so.

    ``inputs`` (and a batch's :data:`protected` files) are never overwritten; ``summary`` is added
    to the ``revcop: wrote FILE`` line in parentheses; ``quiet`` leaves that line out.
    """
    if output == "-":
        _write_stdout(data)
        return
    if names_folder(output):
        raise click.UsageError(f"-o {output} names a folder; this command writes one file: give a file name")
    target = Path(output)
    for given in (*inputs, *protected.get()):
        if _same_file(given, target):
            raise OutputError("output would overwrite the input" if given in inputs
                              else f"output would overwrite {given}, an input of this run", output)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if target.is_dir():
        raise OutputError("is a directory; give a file name (or DIR/ for the default name in it)", output)
    if target.exists() and not target.is_file():
        _write_special(raw, target, output)
        _announce(output, summary, quiet)
        return
    if target.exists() and not force and not _is_default_output(target):
        raise OutputError("exists; give --force to overwrite it", output)
    parent = target.parent
    if parent.exists() and not parent.is_dir():
        raise OutputError(f"cannot be written ({parent} is not a folder)", output)
    try:
        if not parent.exists():
            parent.mkdir(parents=True, exist_ok=True)
            if parent.resolve() == DEFAULT_OUTPUT_DIR.resolve():
                (parent / MARKER).write_text(MARKER_TEXT, encoding="utf-8")  # revcop's own folder
    except OSError as e:
        raise OutputError(f"cannot be written ({e.strerror or e})", output) from None
    write_atomic(target, raw, where=output)
    _announce(output, summary, quiet)


def _announce(output: str, summary: str, quiet: bool) -> None:
    if not quiet:
        emit(Message(f"wrote {output}" + (f" ({summary})" if summary else ""), level="wrote"))


_EXTENSIONS = {"txt": "txt", "md": "md", "json": "json", "docx": "docx", "html": "html", "akn": "xml",
               "outline": "txt"}


def default_output(path: str, tag: str, fmt: str, output: str | None = None) -> str:
    """The output file: ``output`` (-o) as given, or the default name ``<input>-<tag>.<ext>`` in
    output/ (in the batch's -o DIR, or in ``output`` when it names a folder: ``-o DIR/``)."""
    if output and not names_folder(output):
        return output
    folder = Path(output) if output else (output_dir.get() or DEFAULT_OUTPUT_DIR)
    return str(folder / f"{input_stem(path)}-{tag}.{_EXTENSIONS[fmt]}")


force_option = click.option("--force", is_flag=True, help="Overwrite an existing output file.")
output_option = click.option(
    "-o", "--output", metavar="OUT",
    help="Output file (its extension gives the format); '-' for standard output; DIR/ for the default name "
         "in DIR. Default: output/<input>-<tag>.<ext>."
)
quiet_option = click.option("-q", "--quiet", is_flag=True, help="Do not print warnings.")
encoding_option = click.option(
    "--encoding", metavar="NAME", help="Encoding of a text input (default UTF-8, with or without BOM)."
)
tracked_option = click.option(
    "--tracked", type=click.Choice(["auto", "edits", "amendments"]), default="auto", show_default=True,
    help="How to read Word tracked changes: auto (edits to the draft when underline/strike marks are "
    "also present, else the amendments), edits (accept them), amendments (they are the amendments).",
)
