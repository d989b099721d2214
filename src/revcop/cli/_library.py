"""What the library commands share: the ``--library`` option and recording a consolidation."""

from __future__ import annotations

import click

library_option = click.option(
    "--library", "library", metavar="DIR", type=click.Path(file_okay=False),
    help="The versions library (default: $REVCOP_LIBRARY, else ./resolutions).",
)


def instrument(ref_text: str, library):
    """(Library, Ref) for a reference given on the command line; usage error if it is none."""
    from revcop.library import Library, parse_ref

    ref = parse_ref(ref_text)
    if ref is None:
        raise click.BadParameter(f"{ref_text!r} is not a reference such as cms/14.16 or cms/14.16@COP14")
    return Library(library), ref


def consolidate_into(file, into, date, meeting, keep_bis, adopted, force, quiet, encoding) -> None:
    """Consolidate FILE and record the result as the next version of its instrument in ``into``."""
    from pathlib import Path

    from revcop import consolidation as c
    from revcop.cli.common import warn
    from revcop.errors import InputError
    from revcop.library import Library, instrument_ref, marks
    from revcop.readers import read_document

    read = read_document(file, encoding=encoding)
    doc = read.value
    count = marks(doc)
    if not count:
        raise InputError("carries no amendment marks; record a text as it stands with revcop import", file)
    result = c.consolidate(doc, meeting=meeting, keep_bis=keep_bis, adopted=adopted)
    consolidated = result.value
    if not consolidated.meta.meeting:
        raise InputError("the amending meeting is not known (no document symbol); give --cop", file)
    ref = instrument_ref(doc)
    ref = type(ref)(ref.convention, ref.number, f"Rev.{consolidated.meta.meeting}")
    source = Path(file) if Path(file).is_file() else None
    version, messages = Library(into).add(
        ref, consolidated, meeting=consolidated.meta.meeting, date=date or "", symbol=doc.meta.symbol,
        origin="consolidate", source=source, source_symbol=doc.meta.symbol, amendments=count, force=force,
    )
    warn(read.messages + result.messages + messages, file, quiet)
    if not quiet:
        click.echo(f"revcop: recorded {ref} ({count} amendment marks) in {Library(into).root}", err=True)
