"""``--pages``: which pages of a PDF input are read (an annex inside a long document; docs/pdf.md).

The option is shared by every command that reads a document. It sets the pages for the readers of
this run (:data:`revcop.readers.pdf.PAGES`, reset when the command ends), so a command's body needs no
change to honour it; a library caller gives ``read_document(path, pages="3-12")`` instead. Inputs that
are not PDF ignore it.
"""

from __future__ import annotations

import click


def _set_pages(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    from revcop.pipeline import use_pages

    if value is not None:
        try:
            release = use_pages(value)
        except ValueError as e:
            raise click.BadParameter(str(e), ctx=ctx, param=param) from None
        ctx.call_on_close(release)  # for this run only: a library call after it reads all pages


pages_option = click.option(
    "--pages", metavar="PAGES", expose_value=False, callback=_set_pages,
    help="PDF input: read only these pages, e.g. 6-14 or 1,6-14 (default: all).",
)
