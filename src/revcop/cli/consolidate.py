"""``revcop consolidate`` and ``revcop original``: the two views of an amendment document."""

from __future__ import annotations

import click

from revcop.cli.batch import many_files
from revcop.cli.common import (
    default_output, encoding_option, force_option, output_format, output_option, quiet_option, warn,
    write_output,
)

FORMATS = ("txt", "md", "json")


def _run(file, output, fmt, force, quiet, encoding, transform, tag):
    from revcop.readers import read_document

    fmt = output_format(output, fmt, "txt", FORMATS)
    read = read_document(file, encoding=encoding)
    result = transform(read.value)
    messages = read.messages + result.messages
    warn(messages, file, quiet)
    out = output or default_output(file, tag(result.value), fmt)
    from revcop.writers import render

    write_output(render(result.value, fmt, messages=messages), out, inputs=(file,), force=force)
    if out != "-" and not quiet:
        click.echo(f"revcop: wrote {out}", err=True)


@many_files
@click.command()
@click.argument("file", type=click.Path())
@output_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format (default: from -o, else txt).")
@click.option("--cop", metavar="MEETING", help="The amending meeting, e.g. COP15 (default: from the document symbol).")
@click.option("--keep-bis", is_flag=True, help="Keep bis/ter labels instead of renumbering consecutively.")
@force_option
@quiet_option
@encoding_option
def consolidate(file, output, fmt, cop, keep_bis, force, quiet, encoding):
    """Accept the amendments in FILE, renumber, and write the consolidated text.

    The title becomes e.g. 'Resolution 14.16 (Rev.COP15)'. The txt/md output holds the resolution
    only (or every paragraph when no resolution is recognised); json holds the whole model.
    """
    from revcop import consolidate as c
    from revcop.structure import normalise_meeting

    meeting = normalise_meeting(cop) if cop else None
    if cop and not meeting:
        raise click.BadParameter(f"{cop!r} is not a meeting such as COP15", param_hint="--cop")

    def tag(doc):
        return f"Rev.{doc.meta.meeting}" if doc.meta.meeting else "consolidated"

    _run(file, output, fmt, force, quiet, encoding,
         lambda d: c.consolidate(d, meeting=meeting, keep_bis=keep_bis), tag)


@many_files
@click.command()
@click.argument("file", type=click.Path())
@output_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format (default: from -o, else txt).")
@force_option
@quiet_option
@encoding_option
def original(file, output, fmt, force, quiet, encoding):
    """Reject the amendments in FILE and write the text as it stood before them (labels as they stood)."""
    from revcop import consolidate as c

    _run(file, output, fmt, force, quiet, encoding, c.original, lambda doc: "original")
