"""``revcop show``: one version from the library, in any output format."""

from __future__ import annotations

import click

from revcop.cli._library import instrument, library_option
from revcop.cli.common import FormatChoice, force_option, output_format, quiet_option, warn, write_output
from revcop.writers import FORMATS


@click.command()
@click.argument("ref", metavar="REF")
@click.option("--format", "fmt", type=FormatChoice(FORMATS), help="Output format (default: from -o, else txt).")
@click.option("-o", "--output", metavar="OUT", default="-", show_default=True, help="Output file; '-' for standard output.")
@library_option
@force_option
@quiet_option
def show(ref, fmt, output, library, force, quiet):
    """Write the version REF (cms/14.16@Rev.COP15; no version or @latest: the latest)."""
    from revcop import pipeline
    from revcop.writers import render

    lib, parsed = instrument(ref, library)
    fmt = output_format(output, fmt, "txt", FORMATS)
    manifest, version, stored, result = pipeline.read_version(parsed, lib)
    warn(result.messages, ref, quiet)
    # AKN names the work by its first adoption and the expression by this version's date
    options = {"work_date": manifest.versions[0].date, "date": version.date} if fmt == "akn" else {}
    try:
        data = render(result.value, fmt, messages=result.messages, **options)
    except ValueError as e:  # a format whose writer is not in this build
        raise click.UsageError(str(e)) from None
    write_output(data, output, inputs=(str(stored),), force=force, quiet=quiet)  # a stored file is never an output
