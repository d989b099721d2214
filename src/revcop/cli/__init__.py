"""The ``revcop`` command line: a thin layer over the library, one module per command.

Commands are imported only when run, so ``revcop --help`` stays fast.
Exit codes: 0 ok; 1 a problem with the input or its content; 2 usage; 3 internal error (a bug).
"""

from __future__ import annotations

import importlib
import sys

import click

from revcop import __version__

# command name -> (module, function, one-line help). Help is kept here so --help imports nothing.
COMMANDS = {
    "parse": ("revcop.cli.parse", "parse", "Show the paragraph tree of a document (outline or JSON)."),
    "consolidate": ("revcop.cli.consolidate", "consolidate", "Write the consolidated text (amendments accepted, renumbered)."),
    "original": ("revcop.cli.consolidate", "original", "Write the text before the amendments."),
    "check": ("revcop.cli.check", "check", "Report doubled words, punctuation, numbering and broken cross-references."),
}

EPILOG = """Exit codes: 0 ok; 1 input or content problem; 2 usage; 3 internal error (please report it)."""


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


@click.group(cls=LazyGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="revcop")
def cli():
    """revcop: parse, consolidate and compare amended resolutions of treaty bodies."""


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; library errors become one-line messages with meaningful exit codes."""
    from revcop.errors import InvariantError, RevcopError

    try:
        cli.main(args=argv, prog_name="revcop", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("revcop: aborted", err=True)
        sys.exit(1)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except RevcopError as e:
        click.echo(f"revcop: error: {e}", err=True)
        sys.exit(e.exit_code)
    except InvariantError as e:
        click.echo(f"revcop: internal error: {e}. Nothing was written. Please report this.", err=True)
        sys.exit(3)
    except KeyboardInterrupt:
        click.echo("revcop: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as e:  # noqa: BLE001 - the last line of defence: never a traceback
        click.echo(
            f"revcop: internal error: {type(e).__name__}: {e}. Nothing was written. "
            "Please report this with the input file.", err=True,
        )
        sys.exit(3)
    sys.exit(0)
