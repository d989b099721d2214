"""The ``--unmarked`` option of every command that consolidates (or un-consolidates) a document:
without it a document that announces amendment marks and carries none is refused (revcop.marks)."""

from __future__ import annotations

import click

unmarked_option = click.option(
    "--unmarked", is_flag=True,
    help="Take a document that announces amendment marks (a legend, a PROPOSED AMENDMENTS TO heading) "
    "but carries none as it stands, instead of refusing it (its marks were lost: deleted and new text "
    "stand side by side).",
)


def require_marks(read_results, files, unmarked: bool) -> None:
    """Refuse each document read that announces marks and carries none, unless ``--unmarked``."""
    if unmarked:
        return
    from revcop.pipeline import require_marks as require

    for read, file in zip(read_results, files):
        require(read.value, file)
