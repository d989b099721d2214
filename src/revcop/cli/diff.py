"""``revcop diff``: compare two versions and write the amendment annex (or the comparison as JSON)."""

from __future__ import annotations

import click

from revcop.cli._unmarked import require_marks, unmarked_option
from revcop.cli.common import (
    default_output,
    encoding_option,
    force_option,
    input_stem,
    output_format,
    quiet_option,
    tracked_option,
    warn,
    write_output,
)
from revcop.cli.convention import convention_options
from revcop.cli.pages import pages_option

FORMATS = ("docx", "html", "md", "txt", "json")


def _iso_date(value: str) -> str:
    """``2026-03-23`` or ``2026-03-23T10:30[:00][Z|+01:00]`` -> ``2026-03-23T10:30:00Z`` (UTC, as Word writes)."""
    from datetime import datetime, timezone

    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 date such as 2026-03-23", param_hint="--date") from None
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


@click.command()
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@click.option("-o", "--output", metavar="OUT",
              help="Output file; '-' for standard output. Default: output/<old>-vs-<new>.<ext>.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format (default: from -o, else docx).")
@click.option("--style", type=click.Choice(("underline", "tracked")), default="underline", show_default=True,
              help="docx marks: underline/strike-through, or Word tracked changes.")
@click.option("--granularity", type=click.Choice(("word", "char")), default="word", show_default=True,
              help="Mark whole words, or allow marks inside a word (protect{--ing--}{++ed++}).")
@click.option("--author", metavar="NAME", default="revcop", show_default=True, help="Author of tracked changes.")
@click.option("--date", metavar="DATE", help="Date of tracked changes, ISO 8601 (default: now, UTC).")
@force_option
@quiet_option
@encoding_option
@pages_option
@tracked_option
@unmarked_option
@convention_options
def diff(old, new, output, fmt, style, granularity, author, date, force, quiet, encoding, tracked, unmarked):
    """Compare OLD with NEW and write the amendment annex: OLD's numbering, new text underlined,
    deleted text struck through, new paragraphs labelled '11 bis'.

    OLD and NEW may be .docx, text or revcop JSON; a document that carries amendments is compared in
    its consolidated form. json writes a summary and the paragraph changes (docs/json-schema.md).
    """
    from revcop import pipeline

    fmt = output_format(output, fmt, "docx", FORMATS)
    if date is not None:
        date = _iso_date(date)
    old_read, new_read = pipeline.read_pair(old, new, encoding=encoding, tracked=tracked)
    require_marks((old_read, new_read), (old, new), unmarked)
    warn(old_read.messages, old, quiet)
    warn(new_read.messages, new, quiet)
    comparison = pipeline.compare(old_read.value, new_read.value, granularity=granularity, processes=2)
    warn([m for m in comparison.messages if m.level != "info"], "", quiet)
    if fmt == "json":
        import json

        from revcop.writers.changes import to_data

        data = json.dumps(to_data(comparison), ensure_ascii=False, indent=1) + "\n"
    else:
        from revcop.writers import render

        annex = pipeline.annex(comparison)
        warn(annex.messages, "", quiet)
        options = {"marks": style, "author": author, "date": date} if fmt == "docx" else {}
        data = render(annex.value, fmt, **options)
    from revcop.writers import comments

    held = comments.count(annex.value) if fmt == "docx" else comments.count(comparison.old) + comments.count(comparison.new)
    warn(comments.notice(held, fmt, "diff"), "", quiet)
    s = comparison.summary
    write_output(data, default_output(old, f"vs-{input_stem(new)}", fmt, output), inputs=(old, new), force=force,
                 quiet=quiet, summary=f"{s['amended']} amended, {s['inserted']} inserted, {s['deleted']} deleted, "
                                      f"{s['moved']} moved paragraphs")
