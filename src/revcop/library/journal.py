"""All or nothing: a change of the library as new files beside their targets and a journal naming
them, whose rename into place is the commit (the protocol is in :mod:`revcop.library.store`)."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from revcop.errors import InputError, OutputError
from revcop.files import fsync_folder, temporary, write_atomic
from revcop.patterns import compiled

JOURNAL = ".revcop.journal"
STAGED = ".new"  # suffix of a new file written beside its target, before the commit
_STAGED_NAME = compiled(r"^\..+\.\d+\.[0-9a-f]{8}\.new$")
_LEFTOVER_NAME = compiled(r"^\..+\.tmp$")  # an interrupted write of revcop 0.1 (or of another tool)


class Change:
    """Files to put in place and to remove together in the library at ``root``, all or nothing."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.puts: list[tuple[Path, str]] = []  # (target, staged file beside it)
        self.drops: list[Path] = []

    def put(self, target: Path, data: bytes) -> None:
        """Write ``data`` beside ``target``; it replaces ``target`` at the commit."""
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, staged = temporary(target.parent, target.name, STAGED)
        except OSError as e:
            raise OutputError(f"cannot be written ({e.strerror or e})", str(target)) from None
        self.puts.append((target, staged))
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        except OSError as e:
            raise OutputError(f"cannot be written ({e.strerror or e})", str(target)) from None

    def drop(self, target: Path) -> None:
        """Remove ``target`` once the change is committed."""
        self.drops.append(target)

    def abandon(self) -> None:
        for _, staged in self.puts:
            with contextlib.suppress(OSError):
                os.unlink(staged)
        self.puts.clear()

    def commit(self) -> None:
        """Write the journal (the commit), then carry it out."""
        journal = {
            "put": [[os.path.relpath(t, self.root), os.path.relpath(s, self.root)] for t, s in self.puts],
            "drop": [os.path.relpath(d, self.root) for d in self.drops],
        }
        try:
            write_atomic(self.root / JOURNAL, json.dumps(journal, ensure_ascii=False, indent=1) + "\n",
                         durable=True)
        except BaseException:
            if not (self.root / JOURNAL).exists():  # not committed (an interruption after the rename is)
                self.abandon()
            raise
        try:
            complete(self.root)
        except OSError as e:  # committed: the next command that opens the library completes it
            raise OutputError(f"the change is recorded but not yet in place ({e.strerror or e}); the next "
                              "revcop command on the library completes it", str(self.root)) from None


def _read(root: Path) -> dict | None:
    path = root / JOURNAL
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        raise InputError(f"interrupted change cannot be read ({e}); see docs/library.md", str(path)) from None
    if not (isinstance(data, dict) and isinstance(data.get("put"), list) and isinstance(data.get("drop"), list)
            and all(isinstance(x, list) and len(x) == 2 and all(isinstance(y, str) for y in x)
                    for x in data["put"]) and all(isinstance(x, str) for x in data["drop"])):
        raise InputError("interrupted change is not a revcop journal; see docs/library.md", str(path))
    return data


def _inside(root: Path, relative: str) -> Path:
    """A file of an instrument folder (``cms/14.16/COP14.txt``) the journal names; nothing else."""
    if os.path.isabs(relative) or ".." in Path(relative).parts or len(Path(relative).parts) != 3:
        raise InputError(f"names {relative!r}, not a file of an instrument folder", str(root / JOURNAL))
    return root / relative


def pending(root: Path) -> bool:
    return (root / JOURNAL).exists()


def complete(root: Path) -> None:
    """Carry out the committed change the journal names (once more after a crash: renames already
    done are skipped), then remove the journal."""
    journal = _read(root)
    if journal is None:
        return
    folders = set()
    for target, staged in journal["put"]:
        target_path, staged_path = _inside(root, target), _inside(root, staged)
        if staged_path.exists():
            os.replace(staged_path, target_path)
        folders.add(target_path.parent)
    for target in journal["drop"]:
        path = _inside(root, target)
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        folders.add(path.parent)
    for folder in folders:
        fsync_folder(folder)
    (root / JOURNAL).unlink()
    fsync_folder(root)


def recover(root: Path) -> None:
    """Complete a committed change, and remove the new files of one never committed (called under
    the exclusive lock: no change is under way)."""
    complete(root)
    for path in leftovers(root, staged_only=True):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def leftovers(root: Path, staged_only: bool = False) -> list[Path]:
    """Files of an interrupted write in the instrument folders."""
    if not root.is_dir():
        return []
    pattern = _STAGED_NAME if staged_only else compiled(f"{_STAGED_NAME.pattern}|{_LEFTOVER_NAME.pattern}")
    return sorted(p for p in root.glob("*/*/.*") if pattern.match(p.name) and not p.is_dir())
