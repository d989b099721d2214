"""What every command shares: reading inputs, choosing and writing outputs, reporting messages.

Outputs are written atomically (temporary file, then rename). An existing file is not overwritten
without ``--force``, except inside the default ``output/`` folder, which revcop owns; an output is
never written over an input.
"""

from __future__ import annotations

import os
import sys
from contextvars import ContextVar
from pathlib import Path

import click

from revcop.errors import OutputError
from revcop.files import write_atomic
from revcop.model import Message

DEFAULT_OUTPUT_DIR = Path("output")
# Where default output names go instead of output/ (batch mode with -o DIR sets it per input).
output_dir: ContextVar[Path | None] = ContextVar("revcop_output_dir", default=None)
FORMAT_BY_SUFFIX = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".json": "json", ".docx": "docx",
    ".html": "html", ".htm": "html", ".xml": "akn",
}
# Input names that carry a second, descriptive suffix: "x.critic.txt" -> stem "x".
_DOUBLE_SUFFIXES = (".critic",)


def input_stem(path: str) -> str:
    from revcop.library.refs import looks_like_ref

    if looks_like_ref(path) and not Path(path).is_file():
        return str(path).replace("/", "-")  # cms/14.16@COP14 -> cms-14.16@COP14
    stem = Path(path).stem
    for suffix in _DOUBLE_SUFFIXES:
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
    return stem


def output_format(output: str | None, given: str | None, default: str, allowed: tuple[str, ...]) -> str:
    """The format: ``--format`` if given, else from ``-o``'s extension, else ``default``."""
    if given:
        return given
    if output and output != "-":
        fmt = FORMAT_BY_SUFFIX.get(Path(output).suffix.lower())
        if fmt is None or fmt not in allowed:
            raise click.UsageError(
                f"cannot tell the format from {output!r}; give --format ({'|'.join(allowed)})"
            )
        return fmt
    return default


def warn(messages: list[Message], path: str = "", quiet: bool = False) -> None:
    if quiet:
        return
    for m in messages:
        where = ": ".join(x for x in (path, m.where) if x)
        click.echo(f"revcop: {m.level}: {where + ': ' if where else ''}{m.text}", err=True)


def _is_default_output(path: Path) -> bool:
    try:
        return path.resolve().parent == DEFAULT_OUTPUT_DIR.resolve()
    except OSError:
        return False


def write_output(data: str | bytes, output: str, *, inputs: tuple[str, ...] = (), force: bool = False) -> None:
    """Write ``data`` to ``output`` (``-`` is standard output) atomically, safely."""
    if output == "-":
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
        return
    target = Path(output)
    for given in inputs:
        try:
            if Path(given).exists() and target.exists() and os.path.samefile(given, target):
                raise OutputError("output would overwrite the input", output)
        except OSError:
            pass
        if Path(given).resolve() == target.resolve():
            raise OutputError("output would overwrite the input", output)
    if target.is_dir():
        raise OutputError("is a directory; give a file name", output)
    if target.exists() and not target.is_file():
        # A device or a pipe (/dev/null, /dev/stdout, a FIFO): write into it. Renaming a temporary
        # file over it would replace the device itself (as root, /dev/null became a plain file).
        try:
            with open(target, "wb") as f:
                f.write(data.encode("utf-8") if isinstance(data, str) else data)
        except OSError as e:
            raise OutputError(f"cannot be written ({e.strerror or e})", output) from None
        return
    if target.exists() and not force and not _is_default_output(target):
        raise OutputError("exists; give --force to overwrite it", output)
    parent = target.parent
    if parent.exists() and not parent.is_dir():
        raise OutputError(f"cannot be written ({parent} is not a folder)", output)
    write_atomic(target, data, where=output)


def default_output(path: str, tag: str, fmt: str) -> str:
    ext = {"txt": "txt", "md": "md", "json": "json", "docx": "docx", "html": "html", "akn": "xml"}[fmt]
    return str((output_dir.get() or DEFAULT_OUTPUT_DIR) / f"{input_stem(path)}-{tag}.{ext}")


force_option = click.option("--force", is_flag=True, help="Overwrite an existing output file.")
output_option = click.option(
    "-o", "--output", metavar="OUT", help="Output file; '-' for standard output. Default: output/<input>-<tag>.<ext>."
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
