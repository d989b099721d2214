"""``revcop report``: the annotated change report of an amendment document, or of two versions."""

from __future__ import annotations

import os

import click

from revcop.cli._unmarked import require_marks, unmarked_option
from revcop.cli.batch import many_files
from revcop.cli.common import (
    default_output,
    emit,
    encoding_option,
    force_option,
    output_format,
    output_option,
    quiet_option,
    warn,
    write_output,
)
from revcop.cli.convention import convention_options
from revcop.cli.pages import pages_option

FORMATS = ("html", "json", "md")


@many_files(argument="files", pairs=True)
@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(), metavar="DOC | OLD NEW")
@output_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format (default: from -o, else html).")
@click.option("--template-dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Folder with report.html.j2 / report.md.j2 to use instead of the shipped ones.")
@click.option("--date", metavar="DATE",
              help="Date to print as generated, e.g. 2026-03-29 (default: SOURCE_DATE_EPOCH, else now).")
@click.option("--cop", metavar="MEETING", help="DOC only: the amending meeting, e.g. COP15 (default: from the document symbol).")
@force_option
@quiet_option
@encoding_option
@unmarked_option
@convention_options
@pages_option
def report(files, output, fmt, template_dir, date, cop, force, quiet, encoding, unmarked):
    """Report what the amendments in DOC do, or what changed from OLD to NEW, paragraph by paragraph.

    HTML (one self-contained file: summary, change map, renumbering, cross-references, findings, every
    paragraph with inserted text underlined and deleted text struck through), JSON (the same as data)
    or a short Markdown summary. Default output: output/<stem>-report.<ext> (NEW's stem for two files).
    """
    from revcop import pipeline
    from revcop.model import Message

    if len(files) > 2:
        raise click.UsageError("give one amendment document, or two versions (OLD NEW)")
    if cop and len(files) == 2:
        raise click.UsageError("--cop is for one amendment document; OLD and NEW name their own versions")
    meeting = pipeline.parse_meeting(cop) if cop else None
    if cop and not meeting:
        raise click.BadParameter(f"{cop!r} is not a meeting such as COP15", param_hint="--cop")
    try:
        generated = pipeline.report_date(date, os.environ.get("SOURCE_DATE_EPOCH"))
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--date") from None
    if template_dir and not os.path.isdir(template_dir):
        raise click.BadParameter(f"{template_dir!r} is not a folder", param_hint="--template-dir")
    fmt = output_format(output, fmt, "html", FORMATS)

    reads = pipeline.read_pair(*files, encoding=encoding) if len(files) == 2 else (pipeline.read(files[0], encoding=encoding),)
    require_marks(reads, files, unmarked)
    # Imported after the reading (Jinja2 takes a while): OLD is read in a second process, waited for.
    from revcop.writers.report import render_report

    for f, read in zip(files, reads):
        warn(read.messages, f, quiet)
    if len(files) == 1:
        made = pipeline.report(reads[0].value, reads[0].messages, generated=generated, meeting=meeting)
    else:
        made = pipeline.compare_report(reads[0].value, reads[1].value, reads[0].messages, reads[1].messages,
                                       generated=generated, processes=2)
    from revcop.writers import comments

    warn(comments.notice(sum(len(e.comments) for e in made.entries), fmt, "report"), files[-1], quiet)
    out = default_output(files[-1], "report", fmt, output)
    write_output(render_report(made, fmt, template_dir), out, inputs=tuple(files), force=force, quiet=quiet)
    others = sum(1 for f in made.findings if f.origin != "reader")
    if others and not quiet:
        emit(Message(f"the report lists {others} finding{'s' if others != 1 else ''} of consolidation and check",
                     level="note"))
