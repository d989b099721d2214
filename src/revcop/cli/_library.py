"""What the library commands share: the ``--library`` option and recording a consolidation."""

from __future__ import annotations

from typing import Callable

import click

library_option = click.option(
    "--library", "library", metavar="DIR", type=click.Path(file_okay=False),
    help="The versions library (default: $REVCOP_LIBRARY, else ./resolutions).",
)


def instrument(ref_text: str, library):
    """(Library, Ref) for a reference given on the command line; usage error if it is none."""
    from revcop import pipeline

    ref = pipeline.parse_reference(ref_text)
    if ref is None:
        raise click.BadParameter(f"{ref_text!r} is not a reference such as cms/14.16 or cms/14.16@COP14")
    return pipeline.open_library(library), ref


def consolidate_into(file, into, date, meeting, keep_bis, adopted, force, quiet, encoding) -> None:
    """Consolidate FILE and record the result as the next version of its instrument in ``into``."""
    prepare_consolidate_into(file, into, date, meeting, keep_bis, adopted, force, quiet, encoding)()


def prepare_consolidate_into(file, into, date, meeting, keep_bis, adopted, force, quiet,
                             encoding) -> Callable[[], None]:
    """Consolidate FILE for the library ``into`` and check that it can be recorded there as the next
    version of its instrument; record nothing yet. Returns the step that records it, to be called once
    every other step of the command succeeded (a failing command records nothing)."""
    from pathlib import Path

    from revcop import pipeline
    from revcop.cli.common import warn
    from revcop.errors import InputError

    read = pipeline.read(file, encoding=encoding)
    doc = read.value
    count = pipeline.count_marks(doc)
    if not count:
        raise InputError("carries no amendment marks; record a text as it stands with revcop import", file)
    result = pipeline.consolidate(doc, meeting=meeting, keep_bis=keep_bis, adopted=adopted)
    consolidated = result.value
    if not consolidated.meta.meeting:
        raise InputError("the amending meeting is not known (no document symbol); give --cop", file)
    ref = pipeline.instrument_of(doc)
    ref = type(ref)(ref.convention, ref.number, f"Rev.{consolidated.meta.meeting}")
    lib = pipeline.open_library(into)
    pipeline.check_record(lib, ref, date=date or "", force=force)
    source = Path(file) if Path(file).is_file() else None

    def record() -> None:
        version, messages = pipeline.record(
            lib, ref, consolidated, meeting=consolidated.meta.meeting, date=date or "", symbol=doc.meta.symbol,
            origin="consolidate", source=source, source_symbol=doc.meta.symbol, amendments=count, force=force,
        )
        warn(read.messages + result.messages + messages, file, quiet)
        if not quiet:
            click.echo(f"revcop: recorded {ref} ({count} amendment marks) in {lib.root}", err=True)

    return record
