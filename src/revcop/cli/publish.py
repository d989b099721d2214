"""``revcop publish``: everything a secretariat publishes from one amendment document, in one go."""

from __future__ import annotations

from pathlib import Path

import click

from revcop.cli.common import encoding_option, force_option, quiet_option, tracked_option

#: What publish writes, in this order: products of :class:`revcop.desk.products.AmendmentWork`.
WRITTEN = ("consolidated-docx", "original-docx", "annex-docx", "report-html")


@click.command()
@click.argument("file", type=click.Path())
@click.option("-o", "--output", "folder", metavar="DIR", type=click.Path(file_okay=False),
              help="The folder to write into (default: the folder FILE is in).")
@click.option("--annex-style", type=click.Choice(("underline", "tracked")), default="underline", show_default=True,
              help="The annex's marks: underline/strike-through, or Word tracked changes.")
@force_option
@quiet_option
@encoding_option
@tracked_option
def publish(file, folder, annex_style, force, quiet, encoding, tracked):
    """Write, next to the amendment document FILE (or in -o DIR): the consolidated text (.docx, house
    style), the original text (.docx), the amendment annex (.docx), the change report (.html) and a
    short summary (.txt) of what was done: renumbering, rewritten cross-references, warnings.

    The summary is also printed. Nothing is written unless everything could be made; an existing file
    is not overwritten without --force.
    """
    from revcop.cli.common import write_output
    from revcop.desk.products import AmendmentWork
    from revcop.errors import InputError, OutputError

    work = AmendmentWork(file, encoding=encoding, tracked=tracked)
    if not work.has_marks:
        raise InputError("carries no amendment marks, so there is nothing to publish; to compare two versions, "
                         "use revcop diff OLD NEW or revcop report OLD NEW", file)
    keys = [k if k != "annex-docx" or annex_style == "underline" else "annex-tracked-docx" for k in WRITTEN]
    products = [work.products[k] for k in keys]
    where = Path(folder) if folder else Path(file).parent
    summary = work.summary()
    names = [p.name(work.stem) for p in products] + [f"{work.stem}-summary.txt"]
    targets = [str(where / name) for name in names]
    if not force:
        for target in targets:
            if Path(target).exists():
                raise OutputError("exists; give --force to overwrite it (nothing was written)", target)
    made = [p.make() for p in products] + [summary]  # everything is made before anything is written
    if not quiet:
        click.echo(summary, nl=False)
    for data, target in zip(made, targets):
        write_output(data, target, inputs=(file,), force=force, quiet=quiet)  # each says "revcop: wrote FILE"
