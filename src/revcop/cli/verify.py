"""``revcop verify``: check every hash and every lineage link of the library."""

from __future__ import annotations

import click

from revcop.cli._library import library_option


@click.command()
@library_option
def verify(library):
    """Check that every stored file matches its manifest hash and every lineage link holds.

    A change a crash interrupted is completed (or undone, if it was never committed) first; files
    other interrupted writes left are reported. Prints one line per problem and exits 1 if there is any.
    """
    from revcop import pipeline
    from revcop.errors import RevcopError

    lib = pipeline.open_library(library)
    problems, count = lib.verify()
    for line in problems:
        click.echo(line)
    if problems:
        raise RevcopError(f"{len(problems)} problem(s) in the library {lib.root}")
    click.echo(f"revcop: library {lib.root} OK: {len(lib.keys())} instrument(s), {count} version(s)", err=True)
