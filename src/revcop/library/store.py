"""The store: find a version, read its bytes, add bytes, lock, verify (docs/library.md).

Layout: ``LIBRARY/<convention>/<number>/manifest.toml`` lists the versions of one instrument; each
version's stored file and source document sit beside it. The store deals in bytes and manifests only;
what the bytes mean is :mod:`revcop.versions`' business.

Every change is all or nothing. Under an exclusive lock (``fcntl.flock`` on ``LIBRARY/.revcop.lock``)
the new files are written beside their targets (``.NAME.<id>.new``, flushed to disk), then a journal
naming each of them is written and renamed into place (``LIBRARY/.revcop.journal``): that rename is the
commit. Then each new file is renamed over its target (the manifests last), files no longer named are
removed, and the journal goes. A crash before the commit leaves the old state (the new files are
removed the next time the library is opened); after it, the journal is completed the next time the
library is opened, by any command. Readers hold a shared lock, so they see the state before a change or
after it, never a mix.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import IO, Collection, Iterator

from revcop.errors import InputError, OutputError
from revcop.library import journal
from revcop.library.journal import JOURNAL, Change
from revcop.library.manifest import MANIFEST, Manifest, Version, dump_manifest, load_manifest, plain_name
from revcop.library.refs import VERSION_ID, Ref, location, looks_like_ref, parse_ref
from revcop.model import Message
from revcop.patterns import compiled

LOCK = ".revcop.lock"
_DATE = compiled(r"^\d{4}-\d{2}-\d{2}$")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Library:
    """The library at ``root`` (``--library``, else ``$REVCOP_LIBRARY``, else ``./resolutions``)."""

    def __init__(self, root: str | os.PathLike | None = None) -> None:
        self.root = location(root)

    def folder(self, key: str) -> Path:
        return self.root / key

    def manifest_path(self, key: str) -> Path:
        return self.folder(key) / MANIFEST

    def has(self, key: str) -> bool:
        return self.manifest_path(key).is_file()

    def manifest(self, key: str) -> Manifest:
        return load_manifest(self.manifest_path(key), key)

    def keys(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(
            f"{p.parent.parent.name}/{p.parent.name}" for p in self.root.glob(f"*/*/{MANIFEST}")
        )

    def stored_path(self, key: str, name: str) -> Path:
        """The file ``name`` of instrument ``key``: InputError unless it is a plain name that resolves
        inside the instrument folder (a symbolic link pointing elsewhere does not)."""
        folder = self.folder(key)
        path = folder / name
        if not plain_name(name):
            raise InputError(f"stored file name {name!r} is not a plain name in the instrument folder",
                             str(self.manifest_path(key)))
        try:
            inside = path.resolve().parent == folder.resolve()
        except (OSError, RuntimeError):
            inside = False
        if not inside:
            raise InputError(f"stored file {name} resolves outside its instrument folder; refused",
                             str(self.manifest_path(key)))
        return path

    # -- locking and recovery ------------------------------------------------------------------------------
    @contextlib.contextmanager
    def lock(self, shared: bool = False) -> Iterator[None]:
        """The lock on the whole library (lineage links touch two manifests at once): exclusive to
        change it, shared to read it. A change a crash interrupted is completed or undone first."""
        if shared and not self.root.is_dir():
            yield  # nothing to read, nothing to lock
            return
        try:
            if shared:  # reading creates nothing; no lock file: no revcop ever changed this library
                f: IO[bytes] | None = open(self.root / LOCK, "rb")
            else:
                self.root.mkdir(parents=True, exist_ok=True)
                f = open(self.root / LOCK, "a+b")
        except OSError as e:
            if not shared:
                raise OutputError(f"cannot lock the library ({e.strerror or e})", str(self.root)) from None
            f = None
        if f is None:
            yield
            return
        with f:
            fcntl.flock(f.fileno(), fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
            try:
                if not shared:
                    try:
                        journal.recover(self.root)
                    except OSError as e:
                        raise OutputError(f"an interrupted change cannot be completed ({e.strerror or e})",
                                          str(self.root / JOURNAL)) from None
                elif journal.pending(self.root):  # left by a crash: no change is under way
                    fcntl.flock(f.fileno(), fcntl.LOCK_EX)
                    with contextlib.suppress(OSError):  # read-only: verify reports it
                        journal.complete(self.root)
                    fcntl.flock(f.fileno(), fcntl.LOCK_SH)
                yield
            finally:
                fcntl.flock(f.fileno(), fcntl.LOCK_UN)

    # -- resolving and reading -----------------------------------------------------------------------------
    def find(self, ref: Ref | str) -> tuple[Manifest, Version, Path]:
        """The manifest, version and stored file a reference names; InputError if there is none."""
        if isinstance(ref, str):
            parsed = parse_ref(ref)
            if parsed is None:
                raise InputError("not a library reference such as cms/14.16@COP14", ref)
            ref = parsed
        if not self.has(ref.key):
            raise InputError(f"no such instrument in the library {self.root}", ref.key)
        manifest = self.manifest(ref.key)
        version = manifest.version(ref.version)
        if version is None:
            known = ", ".join(v.id for v in manifest.versions) or "none"
            raise InputError(f"no version {ref.version or 'at all'} in the library {self.root} "
                             f"(versions: {known})", ref.key)
        return manifest, version, self.stored_path(ref.key, version.file)

    def read_bytes(self, ref: Ref | str) -> tuple[Manifest, Version, Path, bytes, list[Message]]:
        """The manifest, version, stored file and its bytes, read under one shared lock (the manifest
        once); a hash that does not match is a message, not a silence."""
        with self.lock(shared=True):
            manifest, version, path = self.find(ref)
            try:
                data = path.read_bytes() if path.is_file() else None
            except OSError as e:
                raise InputError(f"the stored file cannot be read ({e.strerror or e})", str(path)) from None
        if data is None:
            raise InputError("the stored file of this version is missing", str(path))
        messages = []
        if sha256(data) != version.sha256:
            messages.append(Message(f"stored file {version.file} does not match its hash; run revcop verify",
                                    f"{manifest.key}@{version.id}"))
        return manifest, version, path, data, messages

    # -- adding -------------------------------------------------------------------------------------------
    def check_add(self, ref: Ref, *, date: str = "", replaces: tuple[str, ...] = (), force: bool = False) -> tuple[str, ...]:
        """Refuse, before any work, what :meth:`add` would refuse: a version id or date that is not one,
        a lineage link that is no instrument, a damaged manifest, a version already kept (without
        ``force``). Returns the lineage links as instrument keys."""
        vid = ref.version
        if not vid or not VERSION_ID.match(vid) or vid.lower() == "latest":
            raise InputError("give the version to record, e.g. cms/14.16@COP14", str(ref))
        if date and not _DATE.match(date):
            raise InputError(f"date {date!r} is not YYYY-MM-DD", str(ref))
        keys = []
        for link in replaces:
            parsed = parse_ref(link)
            if parsed is None or "@" in link:
                raise InputError(f"lineage link {link!r} is not an instrument such as cms/12.7", str(ref))
            if parsed.key == ref.key:
                raise InputError("an instrument cannot replace itself", str(ref))
            keys.append(parsed.key)
        with self.lock(shared=True):
            for key in (ref.key, *keys):
                manifest = self.manifest(key) if self.has(key) else None
                if key == ref.key and manifest is not None:
                    existing = manifest.version(vid)
                    if existing is not None and not force:
                        raise OutputError(f"version {existing.id} is already in the library; give --force to "
                                          "replace it", ref.key)
        return tuple(dict.fromkeys(keys))

    def add(self, ref: Ref, data: bytes, fmt: str, *, fields: dict, source: tuple[str, bytes] | None = None,
            instrument: str = "", convention: str = "", title: str = "", replaces: tuple[str, ...] = (),
            force: bool = False) -> tuple[Version, list[Message]]:
        """Record ``data`` (in format ``fmt``) as version ``ref.version`` of ``ref.key``, all or nothing.

        ``fields`` are the version's other manifest fields (meeting, date, symbol, origin, ...);
        ``source`` the (name, bytes) of the document it came from, kept beside it; ``instrument``,
        ``convention`` and ``title`` describe a new instrument; ``replaces`` links it to others.
        """
        replaces = self.check_add(ref, date=fields.get("date", ""), replaces=replaces, force=force)
        messages: list[Message] = []
        vid = ref.version
        with self.lock():
            manifest = self.manifest(ref.key) if self.has(ref.key) else Manifest(ref.key)
            existing = manifest.version(vid)
            if existing is not None and not force:
                raise OutputError(f"version {existing.id} is already in the library; give --force to replace it",
                                  ref.key)
            others = tuple(v for v in manifest.versions if existing is None or v.id != existing.id)
            taken = {name for v in others for name in (v.file, v.source_file) if name}
            own = {existing.file} if existing is not None else set()
            file = self._free_name(ref.key, [f"{vid}{n}.{fmt}" for n in ("", *(f".v{i}" for i in range(2, 100)))],
                                   data, taken, own)[0]
            linked = {key: self.manifest(key) for key in replaces if self.has(key)}  # damaged: refused here
            adopted = self._naming_as_external(ref.key) if existing is None and not others else {}
            change = Change(self.root)
            try:
                change.put(self._target(ref.key, file), data)
                source_file, source_sha = self._keep_source(change, ref, source, data, file, taken)
                version = Version(
                    id=vid, file=file, sha256=sha256(data), format=fmt, source_file=source_file,
                    source_sha256=source_sha if source_file != file else "", **fields,
                )
                manifest = replace(
                    manifest, instrument=manifest.instrument or instrument,
                    convention=manifest.convention or convention, title=manifest.title or title,
                    replaces=tuple(dict.fromkeys((*manifest.replaces, *replaces))),
                    versions=tuple(sorted((*others, version), key=lambda v: v.order)),
                )
                manifest = self._link(change, ref, manifest, replaces, linked, adopted, messages)
                change.put(self.manifest_path(ref.key), dump_manifest(manifest).encode("utf-8"))  # the last
                if existing is not None and existing.file != file and existing.file not in manifest.files():
                    change.drop(self._target(ref.key, existing.file))
            except BaseException:
                change.abandon()
                raise
            change.commit()
        return version, messages

    def _keep_source(self, change: Change, ref: Ref, source: tuple[str, bytes] | None, data: bytes, file: str,
                     taken: set[str]) -> tuple[str, str]:
        """(source_file, source_sha256) of the source document kept beside the version (written by
        ``change`` unless the same bytes are there already)."""
        if source is None:
            return "", ""
        name, source_bytes = source
        if source_bytes == data:
            return file, sha256(source_bytes)  # the file imported is already in canonical form
        source_file, write = self._source_name(ref.key, name, source_bytes, ref.version, taken | {file})
        if write:
            change.put(self._target(ref.key, source_file), source_bytes)
        return source_file, sha256(source_bytes)

    def _link(self, change: Change, ref: Ref, manifest: Manifest, replaces: tuple[str, ...],
              linked: dict[str, Manifest], adopted: dict[str, Manifest], messages: list[Message]) -> Manifest:
        """Lineage both ways: the instruments ``ref`` replaces list it in ``replaced_by`` (their manifests
        written by ``change``), those not in the library are marked external; instruments that named
        ``ref`` as external (``adopted``) now link to it in the library."""
        for key in replaces:
            if key in linked:
                other = linked[key]
                if ref.key not in other.replaced_by:
                    other = replace(other, replaced_by=(*other.replaced_by, ref.key))
                    change.put(self.manifest_path(key), dump_manifest(other).encode("utf-8"))
            elif key not in manifest.external:
                messages.append(Message(f"{key} is not in the library; recorded as external", str(ref)))
                manifest = replace(manifest, external=(*manifest.external, key))
        for other_key, other in adopted.items():
            change.put(self.manifest_path(other_key), dump_manifest(
                replace(other, external=tuple(x for x in other.external if x != ref.key))).encode("utf-8"))
            if ref.key in other.replaces and other_key not in manifest.replaced_by:
                manifest = replace(manifest, replaced_by=(*manifest.replaced_by, other_key))
            if ref.key in other.replaced_by and other_key not in manifest.replaces:
                manifest = replace(manifest, replaces=(*manifest.replaces, other_key))
        return manifest

    def _target(self, key: str, name: str) -> Path:
        """Where a stored file goes: a plain name in the instrument folder (a rename over a symbolic
        link replaces the link, never what it points to)."""
        if not plain_name(name):
            raise InputError(f"{name!r} cannot name a stored file", key)
        return self.folder(key) / name

    def _naming_as_external(self, key: str) -> dict[str, Manifest]:
        """The instruments whose lineage names ``key`` as external: ``key`` is now in the library."""
        found = {}
        for other_key in self.keys():
            if other_key == key:
                continue
            other = self.manifest(other_key)
            if key in other.external:
                found[other_key] = other
        return found

    def _source_name(self, key: str, name: str, data: bytes, vid: str, taken: set[str]) -> tuple[str, bool]:
        """(name, whether to write it) for the source document kept beside a version: its own name made
        plain (no folder part, not hidden, not the manifest), unless that names another file, then
        ``stem.<version>.suffix``; a file of the same name and other bytes is never touched."""
        base = re.sub(r"[\x00-\x1f\x7f/\\]", "_", name).lstrip(". ") or "source"
        if len(base.encode("utf-8", "surrogatepass")) > 200:  # room for the version id
            base = "source" + Path(base).suffix[:16]
        stem, dot, suffix = base.partition(".")
        candidates = [base] + [f"{stem}.{vid}{'-' + str(n) if n > 1 else ''}{dot}{suffix}" for n in range(1, 100)]
        return self._free_name(key, candidates, data, taken)

    def _free_name(self, key: str, candidates: list[str], data: bytes, taken: set[str],
                   own: Collection[str] = frozenset()) -> tuple[str, bool]:
        """(name, whether to write it): the first candidate that no other version names and that is free
        in the folder, or already holds ``data``, or is the version's own file (``own``). A file of other
        bytes that no version names (a user's) is never written over."""
        folder = self.folder(key)
        for candidate in candidates:
            path = folder / candidate
            if not plain_name(candidate) or candidate in taken or path.is_symlink():
                continue
            if candidate in own:
                return candidate, True
            if path.is_file():
                if path.read_bytes() == data:
                    return candidate, False
                continue
            if not path.exists():
                return candidate, True
        raise OutputError(f"no free file name for {candidates[0]!r}", key)

    # -- checking -------------------------------------------------------------------------------------------
    def verify(self) -> tuple[list[str], int]:
        """(problems, versions checked): every hash and every lineage link, one line per problem; the
        library as it stands between changes (a change under way is waited for)."""
        if not self.root.is_dir():
            return [f"{self.root}: no such library folder"], 0
        if journal.pending(self.root) or journal.leftovers(self.root, staged_only=True):
            with contextlib.suppress(InputError, OutputError, OSError):
                with self.lock():  # completes or undoes the interrupted change, where this user may
                    pass
        with self.lock(shared=True):
            return self._verify()

    def _verify(self) -> tuple[list[str], int]:
        problems: list[str] = []
        count = 0
        if journal.pending(self.root):
            problems.append(f"{self.root / JOURNAL}: a change was interrupted and could not be completed; "
                            "run revcop verify again where you may write the library")
        problems += [f"{p}: a file left by an interrupted write; delete it" for p in journal.leftovers(self.root)]
        stray = sorted(p for p in self.root.glob(f"**/{MANIFEST}") if p.parent.parent.parent != self.root)
        problems += [f"{p}: manifest not at <convention>/<number>/{MANIFEST}" for p in stray]
        manifests: dict[str, Manifest] = {}
        for key in self.keys():
            path = self.manifest_path(key)
            parsed = parse_ref(key)
            if parsed is None or parsed.key != key:
                problems.append(f"{path}: folder {key} is not an instrument such as cms/14.16")
                continue
            try:
                manifests[key] = self.manifest(key)
            except InputError as e:
                problems.append(str(e))
        for key, m in manifests.items():
            where = self.manifest_path(key)
            seen: set[str] = set()
            for v in m.versions:
                count += 1
                if v.id in seen:
                    problems.append(f"{where}: version {v.id} is listed twice")
                seen.add(v.id)
                problems += self._check_file(key, v.id, v.file, v.sha256)
                if v.source_file and v.source_file != v.file:
                    problems += self._check_file(key, v.id, v.source_file, v.source_sha256, "source ")
            links = [("replaces", x) for x in m.replaces] + [("replaced_by", x) for x in m.replaced_by]
            if m.repealed_by:
                links.append(("repealed_by", m.repealed_by))
            for relation, link in links:
                ref = parse_ref(link)
                if ref is None or ref.key != link:
                    problems.append(f"{where}: {relation} {link!r} is not an instrument such as cms/12.7")
                    continue
                if link in manifests:
                    if link in m.external:
                        problems.append(f"{where}: {link} is marked external but is in the library")
                    back = manifests[link]
                    reciprocal = {
                        "replaces": key in back.replaced_by,
                        "replaced_by": key in back.replaces,
                        "repealed_by": True,
                    }[relation]
                    if not reciprocal:
                        other = "replaced_by" if relation == "replaces" else "replaces"
                        problems.append(f"{where}: {relation} {link}, but {link} does not list {key} in {other}")
                elif link not in m.external:
                    problems.append(f"{where}: {relation} {link}, which is not in the library and not marked external")
            for link in m.external:
                if link not in m.replaces and link not in m.replaced_by and link != m.repealed_by:
                    problems.append(f"{where}: external {link} is not named in the lineage")
        return problems, count

    def _check_file(self, key: str, vid: str, name: str, expected: str, what: str = "") -> list[str]:
        where = self.manifest_path(key)
        try:
            path = self.stored_path(key, name)
        except InputError as e:
            return [f"{where}: version {vid}: {e.message}"]
        if not path.is_file():
            return [f"{where}: version {vid}: {what}file {name} is missing"]
        if not expected:
            return [f"{where}: version {vid}: {what}file {name} has no sha256"]
        got = sha256(path.read_bytes())
        if got != expected:
            return [f"{where}: version {vid}: {what}file {name} has sha256 {got[:12]}…, manifest says {expected[:12]}…"]
        return []


def resolve(ref_or_path: str | os.PathLike, library: str | os.PathLike | None = None) -> Path:
    """The file a path or a library reference names (a path that exists wins)."""
    path = Path(ref_or_path)
    if path.is_file() or not looks_like_ref(str(ref_or_path)):
        return path
    return Library(library).find(str(ref_or_path))[2]
