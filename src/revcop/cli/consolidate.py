"""``revcop consolidate`` and ``revcop original``: the two views of an amendment document."""

from __future__ import annotations

import click

from revcop.cli._unmarked import require_marks, unmarked_option
from revcop.cli.batch import many_files
from revcop.cli.common import (
    FormatChoice,
    default_output,
    encoding_option,
    force_option,
    output_format,
    output_option,
    quiet_option,
    tracked_option,
    warn,
    write_output,
)
from revcop.cli.convention import convention_options
from revcop.cli.pages import pages_option
from revcop.writers import FORMATS, PARTS


def _numbers(values: tuple[str, ...]) -> dict[str, str]:
    from revcop.pipeline import parse_decision_number

    numbers: dict[str, str] = {}
    for value in values:
        pair = parse_decision_number(value)
        if pair is None:
            raise click.BadParameter(f"{value!r} is not PLACEHOLDER=NUMBER such as 15.AA=15.123",
                                     param_hint="--decision-number")
        if pair[0] in numbers and numbers[pair[0]] != pair[1]:
            raise click.BadParameter(f"{pair[0]} is given two numbers", param_hint="--decision-number")
        numbers[pair[0]] = pair[1]
    return numbers


def _is_docx(file: str) -> bool:
    """A Word package: a zip holding word/document.xml (what the reader sniffs, whatever the name)."""
    import zipfile

    try:
        with zipfile.ZipFile(file) as z:
            return "word/document.xml" in z.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def _run(file, output, fmt, force, quiet, encoding, tracked, transform, tag, publish):
    """Read FILE, apply ``transform`` (a view), number draft decisions, write the chosen part."""
    from revcop import pipeline

    fmt = output_format(output, fmt, "txt", FORMATS)
    if publish["template"] is not None and fmt != "docx":
        raise click.UsageError("--template applies to docx output; for html give --template-dir")
    if publish["template_dir"] is not None and fmt != "html":
        raise click.UsageError("--template-dir applies to html output; for docx give --template")
    if publish["source_styles"]:
        if fmt != "docx":
            raise click.UsageError("--source-styles applies to docx output")
        if publish["template"] is not None:
            raise click.UsageError("--source-styles and --template exclude each other: give one")
    numbers = _numbers(publish["decision_numbers"])
    read = pipeline.read(file, encoding=encoding, tracked=tracked)
    require_marks((read,), (file,), publish["unmarked"])
    if publish["source_styles"] and not _is_docx(file):
        raise click.UsageError(f"--source-styles needs a Word .docx input; {file} is not one")
    result = transform(read.value)
    messages = read.messages + result.messages
    published = pipeline.publish(result.value, part=publish["part"], decision_numbers=numbers)
    doc = published.value
    messages += published.messages
    from revcop.writers import comments

    messages += comments.notice(comments.count(doc, "all" if fmt == "json" else publish["part"]), fmt, "consolidate")
    warn(messages, file, quiet)
    part_tag = "" if publish["part"] == "resolution" else f"-{publish['part']}"
    out = default_output(file, tag(doc) + part_tag, fmt, output)
    from revcop.writers import render

    options = {}
    if fmt == "docx" and publish["template"] is not None:
        options["template"] = publish["template"]
    if publish["source_styles"]:
        options.update(template=file, source_styles=True)
    if fmt == "html" and publish["template_dir"] is not None:
        options["template_dir"] = publish["template_dir"]
    inputs = (file, publish["template"]) if publish["template"] else (file,)  # a template is an input too
    write_output(render(doc, fmt, messages=messages, part=publish["part"], **options), out, inputs=inputs,
                 force=force, quiet=quiet)


def publish_options(f):
    """Options every publishing command shares: part, draft decision numbers, templates, adoption."""
    options = [
        click.option("--part", type=click.Choice(PARTS), default="resolution", show_default=True,
                     help="What to write: the resolution, the draft decisions, or every part."),
        click.option("--decision-number", "decision_numbers", multiple=True, metavar="PLACEHOLDER=NUMBER",
                     help="Number a draft decision everywhere it is cited, e.g. 15.AA=15.123 (repeatable)."),
        click.option("--template", type=click.Path(dir_okay=False), metavar="FILE.docx",
                     help="docx: take styles and page setup from this Word file instead of the house style."),
        click.option("--source-styles", is_flag=True,
                     help="docx, from a .docx FILE: keep its styles and page setup, and each paragraph's style; "
                          "lines revcop adds get the house style."),
        click.option("--template-dir", type=click.Path(file_okay=False), metavar="DIR",
                     help="html: templates folder (DIR/html/document.html.j2, style.css) overriding the shipped one."),
        click.option("--adopted", metavar="MEETING",
                     help="The meeting that adopted the resolution, e.g. COP14 (default: from its number)."),
        unmarked_option,
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _meeting_option(value: str | None, name: str) -> str | None:
    from revcop.pipeline import parse_meeting

    if not value:
        return None
    meeting = parse_meeting(value)
    if not meeting:
        raise click.BadParameter(f"{value!r} is not a meeting such as COP15", param_hint=name)
    return meeting


@many_files
@click.command()
@click.argument("file", type=click.Path())
@output_option
@click.option("--format", "fmt", type=FormatChoice(FORMATS), help="Output format (default: from -o, else txt).")
@click.option("--cop", metavar="MEETING", help="The amending meeting, e.g. COP15 (default: from the document symbol).")
@click.option("--keep-bis", is_flag=True, help="Keep bis/ter labels instead of renumbering consecutively.")
@click.option("--into", metavar="LIBRARY", type=click.Path(file_okay=False),
              help="Record the result as version Rev.<meeting> of its instrument in the versions library "
                   "LIBRARY (docs/library.md); writes no output file unless -o is given.")
@click.option("--date", metavar="YYYY-MM-DD", help="With --into: the date the version was adopted.")
@publish_options
@force_option
@quiet_option
@encoding_option
@pages_option
@tracked_option
@convention_options
def consolidate(file, output, fmt, cop, keep_bis, into, date, part, decision_numbers, template, source_styles,
                template_dir, adopted, unmarked, force, quiet, encoding, tracked):
    """Accept the amendments in FILE, renumber, and write the consolidated text.

    The title becomes e.g. 'Resolution 14.16 (Rev.COP15)', followed by the adoption line from the
    meetings table. txt/md/html/docx hold the resolution (--part chooses; every paragraph when no
    resolution is recognised); json holds the whole model. docx and html are in the house style.
    """
    from revcop import pipeline

    meeting = _meeting_option(cop, "--cop")
    adopted = _meeting_option(adopted, "--adopted")

    record = None
    if into:
        from revcop.cli._library import prepare_consolidate_into

        # checked now, recorded last: a command that fails records nothing
        record = prepare_consolidate_into(file, into, date, meeting, keep_bis, adopted, force, quiet, encoding)
        if not output:
            record()
            return
    elif date:
        raise click.UsageError("--date goes with --into")

    def tag(doc):
        return f"Rev.{doc.meta.meeting}" if doc.meta.meeting else "consolidated"

    _run(file, output, fmt, force, quiet, encoding, tracked,
         lambda d: pipeline.consolidate(d, meeting=meeting, keep_bis=keep_bis, adopted=adopted), tag,
         {"part": part, "decision_numbers": decision_numbers, "template": template, "template_dir": template_dir,
          "source_styles": source_styles, "unmarked": unmarked})
    if record is not None:
        record()


@many_files
@click.command()
@click.argument("file", type=click.Path())
@output_option
@click.option("--format", "fmt", type=FormatChoice(FORMATS), help="Output format (default: from -o, else txt).")
@publish_options
@force_option
@quiet_option
@encoding_option
@pages_option
@tracked_option
@convention_options
def original(file, output, fmt, part, decision_numbers, template, source_styles, template_dir, adopted, unmarked, force,
             quiet, encoding, tracked):
    """Reject the amendments in FILE and write the text as it stood before them (labels as they stood),
    with its adoption line."""
    from revcop import pipeline

    adopted = _meeting_option(adopted, "--adopted")
    _run(file, output, fmt, force, quiet, encoding, tracked, lambda d: pipeline.original(d, adopted=adopted),
         lambda doc: "original",
         {"part": part, "decision_numbers": decision_numbers, "template": template, "template_dir": template_dir,
          "source_styles": source_styles, "unmarked": unmarked})
