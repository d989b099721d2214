"""``--convention NAME`` and ``--profile FILE.toml``: the options of every command that reads a document.

Without them revcop detects the body from the document (symbol, designation, masthead, formula, wording);
with them the given profile is used for the whole command (reading, titles, adoption line, checks).
"""

from __future__ import annotations

import functools

import click


def convention_options(f):
    """Add ``--convention`` and ``--profile`` to a command; the profile holds while the command runs."""

    @functools.wraps(f)
    def wrapper(*args, convention=None, profile_file=None, **kwargs):
        from revcop.pipeline import use_convention

        if convention and profile_file:
            raise click.UsageError("give --convention or --profile, not both")
        try:
            release = use_convention(convention, profile_file)
        except LookupError as e:
            raise click.BadParameter(str(e), param_hint="'--convention'") from None
        try:
            return f(*args, **kwargs)
        finally:
            release()

    wrapper = click.option(
        "--profile", "profile_file", metavar="FILE.toml", type=click.Path(dir_okay=False),
        help="Read with this convention profile (a body revcop does not ship; format: docs/conventions.md).",
    )(wrapper)
    return click.option(
        "--convention", metavar="NAME",
        help="The body's conventions to use (cms, aewa, cites, ramsar, cbd, iwc, unfccc, neutral); "
             "default: detected from the document.",
    )(wrapper)
