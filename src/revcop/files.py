"""Writing a file so that no reader ever sees half of it: the one atomic write of revcop.

Every output file (``revcop.cli.common.write_output``) and every file of the versions library
(``revcop.library.store``) is written to a new temporary file in the target's own folder and renamed
over the target, so a crash or a full disk leaves the old file or the new one, never a mix.

A file of the versions library (one that sits beside a ``manifest.toml``) is an input, never an
output: :func:`write_atomic` refuses to replace one; only the library's own store changes them.
"""

from __future__ import annotations

import os
from pathlib import Path

from revcop.errors import OutputError

MANIFEST = "manifest.toml"  # the name revcop.library.manifest gives an instrument's manifest


def temporary(folder: Path, name: str, suffix: str = ".tmp") -> tuple[int, str]:
    """A new file ``.NAME.<pid>.<random>SUFFIX`` in ``folder``, open for writing, with the usual
    permissions (umask), unlike mkstemp's 0600.

    Its name keeps at most 64 bytes of the target's, so that a target with a name of the longest
    legal length (255 bytes) still has one. (Not :mod:`tempfile`: importing it costs every command
    some milliseconds of start-up.)
    """
    short = os.fsencode(name)[:64].decode("utf-8", "ignore")
    while True:
        path = str(folder / f".{short}.{os.getpid()}.{os.urandom(4).hex()}{suffix}")
        try:
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), path
        except FileExistsError:
            continue


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the system allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def library_file(path: Path) -> Path | None:
    """The instrument folder of the versions library that holds the existing file ``path``, or None."""
    try:
        if (path.exists() or path.is_symlink()) and (path.parent / MANIFEST).is_file():
            return path.parent
    except OSError:
        pass
    return None


def write_atomic(path: str | os.PathLike, data: str | bytes, *, where: str | None = None,
                 durable: bool = False) -> None:
    """Write ``data`` to ``path`` by renaming a complete temporary file over it.

    ``where`` names the file in errors (default: ``path``). ``durable`` also flushes the file and the
    rename to the disk before returning. OutputError, one line, for anything that cannot be written;
    the temporary file never stays behind.
    """
    target = Path(path)
    where = str(path) if where is None else where
    folder = library_file(target)
    if folder is not None:
        raise OutputError(f"is a file of the versions library ({folder}); a stored file is an input, never an "
                          "output", where)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = temporary(target.parent, target.name)
    except OSError as e:
        raise OutputError(f"cannot be written ({e.strerror or e})", where) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, target)
        if durable:
            fsync_folder(target.parent)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise OutputError(f"cannot be written ({e.strerror or e})", where) from None
        raise
