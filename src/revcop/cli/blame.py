"""``revcop blame``: each paragraph, and each changed piece in it, with the version that wrote it."""

from __future__ import annotations

import html

import click

from revcop.cli._library import instrument, library_option
from revcop.cli.common import force_option, output_format, quiet_option, warn, write_output


def _line(b) -> str:
    text = "".join(piece.text for piece in b.pieces).replace("\n", " ")
    return f"{b.label} {text}" if b.label and text else b.label or text


def as_text(blamed, versions: list[str]) -> str:
    """The version id before each paragraph; under a paragraph of mixed origin, one line per piece
    of wording later than the paragraph's oldest."""
    width = max(len(v) for v in versions)
    lines = []
    for b in blamed:
        lines.append(f"{b.version:<{width}}  {'  ' * b.depth}{_line(b)}")
        indent = f"{'':<{width}}  {'  ' * b.depth}  "
        if len({p.version for p in b.pieces}) > 1:
            base = min((p.version for p in b.pieces), key=versions.index)
            for piece in b.pieces:
                if piece.version != base and piece.text.strip():
                    lines.append(f"{indent}{piece.version}: “{piece.text.strip()}”")
        for piece in b.deleted:
            lines.append(f"{indent}{piece.version} deleted: “{piece.text}”")
    return "\n".join(lines) + "\n"


def as_json(key: str, versions: list[str], blamed) -> str:
    import json

    return json.dumps({
        "instrument": key, "versions": versions,
        "paragraphs": [
            {"kind": b.paragraph.kind.value, "label": b.label, "depth": b.depth, "version": b.version,
             "pieces": [{"text": p.text, "version": p.version} for p in b.pieces],
             "deleted": [{"text": p.text, "version": p.version} for p in b.deleted]}
            for b in blamed
        ],
    }, ensure_ascii=False, indent=1) + "\n"


def as_html(key: str, versions: list[str], blamed) -> str:
    rows = []
    for b in blamed:
        pieces = "".join(
            f'<span class="v{versions.index(p.version)}" title="{html.escape(p.version)}">{html.escape(p.text)}</span>'
            for p in b.pieces
        )
        pieces += "".join(f' <del title="{html.escape(p.version)} deleted">{html.escape(p.text)}</del>'
                          for p in b.deleted)
        label = f"<b>{html.escape(b.label)}</b> " if b.label else ""
        rows.append(f'<tr><th scope="row">{html.escape(b.version)}</th>'
                    f'<td style="padding-left:{b.depth * 2}em">{label}{pieces}</td></tr>')
    palette = ["#ffffff", "#e6f4ea", "#fef7e0", "#e8f0fe", "#fce8e6", "#f3e8fd"]
    styles = "".join(f".v{i}{{background:{palette[i % len(palette)]}}}" for i in range(len(versions)))
    legend = " ".join(f'<span class="v{i}">{html.escape(v)}</span>' for i, v in enumerate(versions))
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Blame {html.escape(key)}</title>'
        f"<style>body{{font-family:serif;max-width:60em;margin:2em auto}}th{{text-align:left;vertical-align:top;"
        f"padding-right:1em;font-family:monospace}}td{{padding-bottom:.5em}}{styles}</style></head><body>"
        f"<h1>Blame {html.escape(key)}</h1><p>Versions: {legend}</p><table>\n" + "\n".join(rows)
        + "\n</table></body></html>\n"
    )


@click.command()
@click.argument("ref", metavar="INSTRUMENT")
@click.option("--format", "fmt", type=click.Choice(["txt", "json", "html"]), help="Output format (default: from -o, else txt).")
@click.option("-o", "--output", metavar="OUT", default="-", show_default=True, help="Output file; '-' for standard output.")
@library_option
@force_option
@quiet_option
def blame(ref, fmt, output, library, force, quiet):
    """Show each paragraph of INSTRUMENT (cms/14.16, or up to a version: cms/14.16@COP14) with the
    version that introduced its current wording, and each piece of wording added later."""
    from revcop import pipeline

    fmt = output_format(output, fmt, "txt", ("txt", "json", "html"))
    lib, parsed = instrument(ref, library)
    manifest, last, _ = lib.find(parsed)
    docs = []
    for v in manifest.versions:
        result = pipeline.read_version(f"{parsed.key}@{v.id}", lib)[3]
        warn(result.messages, ref, quiet)
        docs.append((v.id, result.value))
        if v.id == last.id:
            break
    blamed = pipeline.blame(docs)
    ids = [vid for vid, _ in docs]
    if fmt == "json":
        data = as_json(parsed.key, ids, blamed)
    elif fmt == "html":
        data = as_html(parsed.key, ids, blamed)
    else:
        data = as_text(blamed, ids)
    write_output(data, output, force=force, quiet=quiet)
