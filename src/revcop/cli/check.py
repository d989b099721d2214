"""``revcop check``: editorial findings on a resolution (see docs/checks.md)."""

from __future__ import annotations

import json
import sys

import click

from revcop.cli.common import encoding_option, quiet_option, warn

SCHEMA = "revcop/check/1"


def findings_data(path: str, view: str, findings) -> dict:
    """The JSON report: schema, file, which view was checked, and the findings in document order."""
    from dataclasses import asdict

    return {"schema": SCHEMA, "source": path, "view": view, "count": len(findings),
            "findings": [asdict(f) for f in findings]}


@click.command()
@click.argument("file", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="How findings are written to standard output.")
@quiet_option
@encoding_option
def check(file, fmt, quiet, encoding):
    """Check FILE for doubled words, spacing, brackets, punctuation, numbering and cross-references.

    An amendment document is checked in its consolidated view (paragraphs named in the consolidated
    numbering, with the amendment document's label in parentheses) plus its numbering and the marks in
    its labels as written. Findings go to standard output; exit status 0 when there are none, 1 when
    there are.
    """
    from revcop import pipeline

    read = pipeline.read(file, encoding=encoding)
    doc = read.value
    result = pipeline.check(doc)
    warn(read.messages + result.messages, file, quiet)
    findings = result.value
    view = "consolidated" if pipeline.carries_marks(doc) else "document"
    if fmt == "json":
        click.echo(json.dumps(findings_data(file, view, findings), ensure_ascii=False, indent=1))
    else:
        for f in findings:
            click.echo(f"{file}: {f}")
    if not quiet:
        click.echo(f"revcop: {len(findings)} finding{'s' if len(findings) != 1 else ''} in {file}"
                   f" ({'consolidated view and source' if view == 'consolidated' else 'as written'})", err=True)
    if findings:
        sys.exit(1)  # not click's Exit: a non-standalone click returns that code instead of exiting
