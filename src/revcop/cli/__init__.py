"""The ``revcop`` command line: a thin layer over the library, one module per command.

Commands are imported only when run, so ``revcop --help`` stays fast.
Exit codes: 0 ok; 1 a problem with the input or its content; 2 usage; 3 internal error (a bug).
"""

from __future__ import annotations

import gc
import importlib
import os
import re
import sys
from typing import NoReturn

import click

from revcop import __version__, kept
from revcop.errors import RevcopError
from revcop.patterns import on_first_use

# command name -> (module, function, one-line help). Help is kept here so --help imports nothing.
COMMANDS = {
    "parse": ("revcop.cli.parse", "parse", "Show the paragraph tree of a document (outline or JSON)."),
    "consolidate": ("revcop.cli.consolidate", "consolidate", "Write the consolidated text (amendments accepted, renumbered)."),
    "original": ("revcop.cli.consolidate", "original", "Write the text before the amendments."),
    "import": ("revcop.cli.import_", "import_", "Add a text, as it stands, to the versions library."),
    "log": ("revcop.cli.log", "log", "List the versions of an instrument and what changed in each."),
    "show": ("revcop.cli.show", "show", "Write one version from the library (txt, md, html, docx, json, akn)."),
    "blame": ("revcop.cli.blame", "blame", "Show the version that introduced each paragraph's wording."),
    "verify": ("revcop.cli.verify", "verify", "Check the library: every hash and every lineage link."),
    "check": ("revcop.cli.check", "check", "Report doubled words, punctuation, numbering and broken cross-references."),
    "diff": ("revcop.cli.diff", "diff", "Compare two versions; write the amendment annex (or the changes as JSON)."),
    "report": ("revcop.cli.report", "report", "Report the changes paragraph by paragraph (HTML, JSON or Markdown)."),
    "publish": ("revcop.cli.publish", "publish", "Write everything for one amendment document: Word texts, annex, report."),
    "desk": ("revcop.cli.desk", "desk", "Open the desk: revcop in your web browser, on this computer."),
}

EPILOG = """Exit codes: 0 ok; 1 input or content problem; 2 usage; 3 internal error (please report it)."""


# What a message may not carry to a terminal raw: C0 and C1 controls (a newline would split a one-line
# message, ESC starts a terminal escape sequence), the bidirectional overrides that reorder what is
# shown, and the lone surrogates by which Python carries the undecodable bytes of a file name.
_UNPRINTABLE = on_first_use("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match) -> str:
    c = match.group()
    code = ord(c)
    if c in _ESCAPES:
        return _ESCAPES[c]
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    r"""``text`` safe to print on one line of a terminal: control characters written as escapes.

    A file named ``esc<ESC>]0;PWNED<BEL>.docx`` is shown as ``esc\x1b]0;PWNED\x07.docx``, a newline in
    a name as ``\n``. Every message revcop prints goes through this (:func:`say`, used by
    :mod:`revcop.cli.common` and the batch, and the error printer below); the tab is kept.
    """
    if text.isprintable():  # the usual message: none of the characters above is printable
        return text
    return _UNPRINTABLE.sub(_escape, text)


def say(line: str) -> None:
    """Print one message line on standard error, escaped (:func:`printable`)."""
    click.echo(printable(line), err=True)


class CommandError(click.ClickException):
    """A library error shown as one line: ``revcop: error: FILE: problem``."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]  # click declares it on the class

    def show(self, file=None) -> None:
        say(f"revcop: {self.message}")


class ClosedStandardOutput:
    """Standard output when the shell closed it (``revcop parse x >&-``): writing to it is an error.

    Python sets ``sys.stdout`` to None then, and click's echo would drop the output in silence.
    """

    def write(self, data) -> int:
        from revcop.errors import OutputError

        raise OutputError("is closed; redirect it to a file or give -o FILE", "standard output")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    @property
    def buffer(self) -> ClosedStandardOutput:
        return self


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        module, attr, _ = COMMANDS[name]
        return getattr(importlib.import_module(module), attr)

    def format_commands(self, ctx, formatter):
        rows = [(name, help_) for name, (_, _, help_) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx):
        """Turn library errors into one-line messages and exit codes; never show a traceback."""
        from revcop.errors import InvariantError, RevcopError

        try:
            return super().invoke(ctx)
        except click.ClickException as e:
            e.message = printable(e.message)  # a usage error may quote a file name
            raise
        except (click.exceptions.Exit, click.exceptions.Abort):
            raise
        except RevcopError as e:
            raise CommandError(f"error: {e}", e.exit_code) from None
        except InvariantError as e:
            raise CommandError(f"internal error: {e}. Nothing was written. Please report this.", 3) from None
        except (KeyboardInterrupt, BrokenPipeError):
            raise
        except Exception as e:  # noqa: BLE001 - the last line of defence
            raise CommandError(
                f"internal error: {type(e).__name__}: {e}. Nothing was written. "
                "Please report this with the input file.", 3,
            ) from None


@click.group(cls=LazyGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="revcop")
def cli():
    """revcop: parse, consolidate and compare amended resolutions of treaty bodies."""


def main(argv: list[str] | None = None) -> NoReturn:
    """Run the CLI (console script ``revcop`` and ``python -m revcop``; ``argv`` for a caller's own).

    Run as a program (no ``argv``) it ends with :func:`os._exit` once standard output and error are
    flushed: tearing the interpreter down (freeing every object and module one by one) would add
    10-40 ms to every command and does nothing for it, since each file a command writes is complete
    and closed (atomically renamed into place) before the command returns.
    """
    # A command makes hundreds of thousands of small, acyclic objects (spans, paragraphs, lxml proxies)
    # that reference counting frees; the cyclic collector only walks them again and again (at its
    # default threshold ~1,000 times for a 500k-word pair, 1.2 s of 7.5; after 50,000 allocations
    # still ~0.45 s of 6). A command runs once and ends, and what it leaves in cycles is a few hundred
    # objects per document (measured on the corpus), so it runs without that collector. The desk, a
    # server that runs for hours, turns it back on (cli/desk.py).
    gc.disable()
    if argv is None and sys.stdout is None:  # started with standard output closed (>&-)
        try:  # hold descriptor 1, so that no file revcop opens takes its place
            os.open(os.devnull, os.O_WRONLY)
        except OSError:
            pass
        sys.stdout = ClosedStandardOutput()
    try:
        cli.main(args=argv, prog_name="revcop")
        code = 0  # (not reached: click's main ends with SystemExit)
    except KeyboardInterrupt:
        say("revcop: interrupted")
        code = 130
    except BrokenPipeError:
        code = 0
    except RevcopError as e:  # raised outside a command (--help, --version to a closed standard output)
        say(f"revcop: error: {e}")
        code = e.exit_code
    except SystemExit as e:
        code = e.code  # type: ignore[assignment]  # an int, None or a message, as sys.exit reads it
    if argv is not None:
        sys.exit(code)
    if not isinstance(code, int):  # as sys.exit reads it: None is success, anything else is shown
        if code is not None:
            print(code, file=sys.stderr)
        code = 0 if code is None else 1
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass  # a reader that stopped reading (| head): not an error, as above
    except OSError as e:  # a full disk behind a redirection: the output is incomplete
        print(f"revcop: error: standard output cannot be written ({e.strerror or e})", file=sys.stderr)
        code = code or 1
    try:
        sys.stderr.flush()
    except OSError:
        pass
    kept.save()  # what atexit would have done
    os._exit(code)
