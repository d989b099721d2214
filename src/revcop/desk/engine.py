"""The desk's one door into revcop: every rule is the library's, called as the command line calls it.

The desk and ``revcop publish`` never read, consolidate, compare, check, render or store anything
themselves: they call the functions below, which call revcop's own (the same ones the commands use).
Nothing here imports the web stack.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import revcop
from revcop.model import Document, Message, Result
from revcop.records import dataclass


# -- documents (revcop's public API: docs/api.md) ---------------------------------------------------------
def read(path: str | Path, *, encoding: str | None = None, tracked: str = "auto") -> Result:
    """A document file, read with the command line's guards (size, zip bombs, entities, damage)."""
    return revcop.read(str(path), encoding=encoding, tracked=tracked)


def carries_marks(doc: Document) -> bool:
    return revcop.carries_marks(doc)


def consolidate(doc: Document) -> Result:
    return revcop.consolidate(doc)


def original(doc: Document) -> Result:
    return revcop.original(doc)


def compare(old: Document, new: Document):
    return revcop.compare(old, new)


def annex(comparison) -> Result:
    """The amendment annex of a comparison (old numbering, new text underlined, deleted struck)."""
    return revcop.annex(comparison)


def render(doc: Document, fmt: str, **options) -> str | bytes:
    return revcop.render(doc, fmt, **options)


def generated() -> str:
    """The date a report says it was made (SOURCE_DATE_EPOCH, else now), as ``revcop report``."""
    from revcop.pipeline import report_date

    return report_date(None, os.environ.get("SOURCE_DATE_EPOCH"))


def amendment_report(doc: Document, messages: list[Message]):
    """The change report of one amendment document (:class:`revcop.review.Report`)."""
    return revcop.report(doc, messages, generated=generated())


def comparison_report(old: Document, new: Document, old_messages: list[Message], new_messages: list[Message]):
    return revcop.compare_report(old, new, old_messages, new_messages, generated=generated())


def render_report(report, fmt: str = "html") -> str:
    from revcop.writers.report import render_report as _render_report

    return _render_report(report, fmt)


def comparison_data(comparison) -> str:
    """The comparison as ``revcop diff --format json`` writes it."""
    import json

    from revcop.writers.changes import to_data

    return json.dumps(to_data(comparison), ensure_ascii=False, indent=1) + "\n"


def normalise_meeting(text: str) -> str | None:
    from revcop.pipeline import parse_meeting

    return (parse_meeting(text) or None) if text else None


# -- the versions library ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Instrument:
    """One instrument of the library, as the desk lists it."""

    key: str  # cms/14.16
    name: str  # Resolution 14.16
    title: str
    versions: tuple[str, ...]


def _library(root: str | Path | None):
    from revcop import pipeline

    return pipeline.open_library(root)


def _read_ref(lib, ref: str) -> Result:
    """One version as a Document."""
    from revcop import pipeline

    return pipeline.read_version(ref, lib)[3]


def library_root(root: str | Path | None) -> Path:
    return _library(root).root


def instruments(root: str | Path | None) -> list[Instrument]:
    lib = _library(root)
    out = []
    for key in lib.keys():
        m = lib.manifest(key)
        out.append(Instrument(key, m.instrument, m.title, tuple(v.id for v in m.versions)))
    return out


def is_reference(text: str) -> bool:
    from revcop import pipeline

    return pipeline.parse_reference(text) is not None


def versions(root: str | Path | None, key: str):
    """(manifest, [(version, changes since the previous one or None)]), as ``revcop log`` lists them."""
    from revcop import pipeline

    lib = _library(root)
    manifest, _, _ = lib.find(key)
    rows: list[tuple[Any, dict[str, int] | None]] = []
    previous = None
    for v in manifest.versions:
        result = _read_ref(lib, f"{manifest.key}@{v.id}")
        rows.append((v, pipeline.change_summary(previous, result.value) if previous is not None else None))
        previous = result.value
    return manifest, rows


def provenance(version) -> str:
    from revcop.cli.log import provenance as _provenance

    return _provenance(version)


def change_line(counts: dict[str, int] | None) -> str:
    from revcop.cli.log import summary_line

    return "first version" if counts is None else summary_line(counts)


def read_version(root: str | Path | None, ref: str) -> Result:
    return _read_ref(_library(root), ref)


def show(root: str | Path | None, ref: str, fmt: str) -> str | bytes:
    """One version in one format, as ``revcop show`` writes it."""
    lib = _library(root)
    manifest, version, _ = lib.find(ref)
    result = _read_ref(lib, ref)
    options = {"work_date": manifest.versions[0].date, "date": version.date} if fmt == "akn" else {}
    return render(result.value, fmt, messages=result.messages, **options)


def history(root: str | Path | None, key: str):
    """(version ids, blamed paragraphs): which version wrote each paragraph (``revcop blame``)."""
    from revcop import pipeline

    lib = _library(root)
    manifest, _, _ = lib.find(key)
    docs = [(v.id, _read_ref(lib, f"{manifest.key}@{v.id}").value) for v in manifest.versions]
    return [vid for vid, _ in docs], pipeline.blame(docs)


def verify(root: str | Path | None) -> tuple[list[str], int, int]:
    """(problems, instruments, versions), as ``revcop verify`` finds them."""
    lib = _library(root)
    problems, count = lib.verify()
    return problems, len(lib.keys()), count


def record_consolidation(root: str | Path | None, path: str | Path, meeting: str | None, date: str) -> str:
    """Consolidate the amendment document ``path`` into the library, exactly as
    ``revcop consolidate FILE --into LIBRARY [--cop MEETING] [--date DATE]`` does (under the library's
    lock); returns the reference of the version recorded."""
    from revcop import pipeline
    from revcop.cli._library import consolidate_into

    lib = _library(root)
    doc = read(path).value
    key = pipeline.instrument_of(doc).key if doc.meta.instrument else ""
    before = {v.id for v in lib.manifest(key).versions} if key and lib.has(key) else set()
    consolidate_into(str(path), str(lib.root), date or None, meeting, False, None, False, True, None)
    after = [v.id for v in lib.manifest(key).versions] if key and lib.has(key) else []
    added = [vid for vid in after if vid not in before]
    return f"{key}@{added[0]}" if added else key
