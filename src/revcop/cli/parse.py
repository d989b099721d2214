"""``revcop parse``: the paragraph tree as an outline or as JSON."""

from __future__ import annotations

import click

from revcop.cli.common import (
    encoding_option,
    force_option,
    output_format,
    quiet_option,
    tracked_option,
    warn,
    write_output,
)
from revcop.cli.convention import convention_options
from revcop.cli.pages import pages_option


def outline(doc) -> str:
    """One line per paragraph: indent, kind, label (old -> new where it changed), status, text."""
    from revcop.pipeline import describe_convention

    meta = doc.meta
    lines = [
        f"document: {doc.source}",
        f"symbol: {meta.symbol or '-'}  instrument: {meta.instrument or '-'}  meeting: {meta.meeting or '-'}  "
        f"convention: {describe_convention(doc)}",
        f"title: {meta.title or '-'}",
    ]
    for part in doc.parts:
        lines.append(f"[{part.kind.value}]{' ' + part.heading if part.heading else ''}")

        def show(p, depth):
            label = p.label.render() if p.label else ""
            old = p.old_label.render() if p.old_label else ""
            if old and old != label:
                label = f"{old} -> {label}" if label else f"{old} (deleted)"
            text = " ".join(p.text.split())
            if len(text) > 60:
                text = text[:59] + "…"
            status = "" if p.status.value == "unchanged" else f" [{p.status.value}]"
            lines.append(f"{'  ' * (depth + 1)}{p.kind.value:<12} {label + ' ' if label else ''}{status.strip()}"
                         f"{' ' if status else ''}{text}")
            for c in p.children:
                show(c, depth + 1)

        for p in part.paragraphs:
            show(p, 0)
    return "\n".join(lines) + "\n"


@click.command()
@click.argument("file", type=click.Path(dir_okay=True))
@click.option("--format", "fmt", type=click.Choice(["outline", "json"]), help="outline or json (default: from -o, else outline).")
@click.option("-o", "--output", metavar="OUT", default="-", show_default=True, help="Output file; '-' for standard output.")
@force_option
@quiet_option
@encoding_option
@pages_option
@tracked_option
@convention_options
def parse(file, fmt, output, force, quiet, encoding, tracked):
    """Show the paragraph tree of FILE: kinds, labels and change status (outline), or the model (json)."""
    from revcop import pipeline
    from revcop.writers import render

    fmt = output_format(output, fmt, "outline", ("outline", "json"), suffixes={".txt": "outline"})
    result = pipeline.read(file, encoding=encoding, tracked=tracked)
    warn(result.messages, file, quiet)
    if fmt == "json":
        data = render(result.value, "json", messages=result.messages)
    else:
        data = outline(result.value)
    write_output(data, output, inputs=(file,), force=force, quiet=quiet)
