"""``revcop log``: the versions of one instrument, with what changed from each to the next."""

from __future__ import annotations

import click

from revcop.cli._library import instrument, library_option
from revcop.cli.common import quiet_option, warn
from revcop.model import PARAGRAPH_CHANGES


def provenance(v) -> str:
    if v.origin == "consolidate":
        return f"consolidated from {v.source_symbol or v.source_file} ({v.amendments} amendment marks)"
    return f"imported from {v.source_file}" if v.source_file and v.source_file != v.file else "imported"


def summary_line(counts: dict[str, int]) -> str:
    """``36 amended, 11 inserted, 2 moved (+412/-57 words)``."""
    parts = [f"{counts[k]} {k}" for k in PARAGRAPH_CHANGES[1:] if counts.get(k)]
    if not parts:
        return "no change"
    words = f" (+{counts.get('words_inserted', 0)}/-{counts.get('words_deleted', 0)} words)"
    return ", ".join(parts) + words


@click.command()
@click.argument("ref", metavar="INSTRUMENT")
@click.option("--format", "fmt", type=click.Choice(["txt", "json"]), default="txt", show_default=True)
@library_option
@quiet_option
def log(ref, fmt, library, quiet):
    """List the versions of INSTRUMENT (cms/14.16, or up to a version: cms/14.16@COP14), oldest first:
    date, meeting, source, and the paragraphs amended/inserted/deleted since the previous version."""
    import json

    from revcop import pipeline

    lib, parsed = instrument(ref, library)
    manifest, last, _ = lib.find(parsed)
    listed = manifest.versions[: [v.id for v in manifest.versions].index(last.id) + 1]
    rows = []
    previous = None
    for v in listed:
        result = pipeline.read_version(f"{parsed.key}@{v.id}", lib)[3]
        warn(result.messages, ref, quiet)
        counts = pipeline.change_summary(previous, result.value) if previous is not None else None
        rows.append((v, counts))
        previous = result.value
    if fmt == "json":
        data = {
            "instrument": manifest.key, "name": manifest.instrument, "title": manifest.title,
            "lineage": {"replaces": list(manifest.replaces), "replaced_by": list(manifest.replaced_by),
                        "repealed_by": manifest.repealed_by, "external": list(manifest.external)},
            "versions": [
                {"id": v.id, "meeting": v.meeting, "date": v.date, "symbol": v.symbol, "origin": v.origin,
                 "source_file": v.source_file, "amendments": v.amendments, "file": v.file, "sha256": v.sha256,
                 "changes": counts}
                for v, counts in rows
            ],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    lines = [f"{manifest.key}  {manifest.instrument}  {manifest.title}".rstrip()]
    if manifest.replaces:
        lines.append(f"replaces {', '.join(manifest.replaces)}")
    if manifest.replaced_by:
        lines.append(f"replaced by {', '.join(manifest.replaced_by)}")
    if manifest.repealed_by:
        lines.append(f"repealed by {manifest.repealed_by}")
    width = max(len(v.id) for v, _ in rows) if rows else 0
    for v, counts in rows:
        change = "first version" if counts is None else summary_line(counts)
        lines.append(f"{v.id:<{width}}  {v.date or '----------'}  {v.meeting or '-':<6}  {v.symbol or '-'}  "
                     f"{provenance(v)}; {change}")
    click.echo("\n".join(lines))
