"""``revcop import``: record a text, as it stands, as one version of an instrument in the library."""

from __future__ import annotations

import click

from revcop.cli._library import instrument, library_option
from revcop.cli.common import encoding_option, quiet_option, warn
from revcop.cli.convention import convention_options
from revcop.cli.pages import pages_option


@click.command(name="import")
@click.argument("file", type=click.Path())  # read_document gives the one-line errors
@click.option("--as", "as_", required=True, metavar="REF",
              help="The version to record, e.g. cms/14.16@COP14.")
@click.option("--meeting", metavar="MEETING", help="The meeting that adopted it (default: from the version id).")
@click.option("--date", metavar="YYYY-MM-DD", help="The date it was adopted.")
@click.option("--symbol", metavar="SYMBOL", help="Its document symbol (default: the one found in FILE).")
@click.option("--replaces", metavar="REF", multiple=True,
              help="An instrument this one replaces (cms/12.7); repeat it or separate with commas.")
@click.option("--force", is_flag=True, help="Replace the version if the library already holds it.")
@library_option
@quiet_option
@encoding_option
@convention_options
@pages_option
def import_(file, as_, meeting, date, symbol, replaces, force, library, quiet, encoding):
    """Add FILE (any document revcop reads) to the library as the version named by --as.

    The text is taken as it stands: a document that still carries amendment marks is refused; record
    its consolidated text with 'revcop consolidate FILE --into LIBRARY' instead. Only the resolution is
    stored when FILE holds more (a meeting document).
    """
    from pathlib import Path

    from revcop import pipeline
    from revcop.errors import InputError
    from revcop.model import Message

    lib, ref = instrument(as_, library)
    if not ref.version:
        raise click.BadParameter(f"{as_!r} names no version; write e.g. {ref.key}@COP14", param_hint="--as")
    if meeting and not pipeline.parse_meeting(meeting):
        raise click.BadParameter(f"{meeting!r} is not a meeting such as COP14", param_hint="--meeting")
    read = pipeline.read(file, encoding=encoding)
    doc = read.value
    count = pipeline.count_marks(doc)
    if count:
        raise InputError(
            f"carries {count} amendment marks; import takes a text as it stands: record its consolidated "
            f"text with 'revcop consolidate {file} --into {lib.root}'", file,
        )
    named = pipeline.parse_number(doc.meta.instrument_number) if doc.meta.instrument else ""
    if named and named != ref.number:
        raise InputError(f"is {doc.meta.instrument}, not {ref.number}; check --as", file)
    if doc.meta.convention and doc.meta.convention.lower() != ref.convention:
        raise InputError(f"is a {doc.meta.convention} text, not {ref.convention.upper()}; check --as", file)
    messages = list(read.messages)
    if len(pipeline.stored_document(doc).parts) < len(doc.parts):
        messages.append(Message("only the resolution is stored; the rest of the document is not"))
    links = tuple(x.strip() for given in replaces for x in given.split(",") if x.strip())
    version, more = pipeline.record(
        lib, ref, doc, meeting=pipeline.parse_meeting(meeting) if meeting else "", date=date or "", symbol=symbol or "",
        source=Path(file) if Path(file).is_file() else None, replaces=links, force=force,
    )
    warn(messages + more, file, quiet)
    if not quiet:
        click.echo(f"revcop: recorded {ref.key}@{version.id} ({version.file}) in {lib.root}", err=True)

