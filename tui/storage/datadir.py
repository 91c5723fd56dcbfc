"""DataDir: the data dir's files behind one commit point (see tui.storage.layout).

Reads take no lock and never write (a read-only data dir serves them): the
manifest is read, then the part files it names, which never change once
written, so a reader sees one generation whole. Parsed parts are kept in
memory by file name; the manifest is re-read only when its stamp moves.

Writes: :meth:`DataDir.transaction` takes the dir's flock, reloads the
manifest, and hands out a :class:`Txn`. Changed parts are written to new files
under new unpredictable names (O_EXCL, 0600, fsynced), then the manifest is
replaced atomically (temp, fsync, rename, folder fsync): the one commit point.
A failure or a kill at any step before that rename leaves the previous
generation in force; files nothing names any more are removed afterwards.
The last ``N_BACKUPS`` manifests are kept (``rehab-manifest.json.bak1..``)
with their files, so ``rehab doctor --restore-backup`` can go back.
"""

from __future__ import annotations

import _thread
import contextlib
import errno
import fcntl
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson

from tui.core.errors import RehabError, StorageError
from tui.fileio import FileIOError, create_exclusive, fsync_dir, read_regular, replace_atomically

from .layout import (
    LOCK_NAME,
    MAIN,
    MANIFEST_BYTES,
    MANIFEST_NAME,
    N_BACKUPS,
    PART_BYTES,
    PART_FILE,
    Manifest,
    PartInfo,
    Tables,
    content_digest,
    id_range,
    manifest_files,
    parse_manifest,
    part_problem,
)

FILE_MODE = 0o600
Stamp = tuple[int, int, int]
# The earlier generations a main part's undo steps can bring back (undo of a restore).
KeptGenerations = Callable[[Tables], list[Manifest]]


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


class DataDir:
    def __init__(self, path: Path, *, fsync: bool = True,
                 keep_files: KeptGenerations | None = None, trust_digests: bool = False) -> None:
        self.path = Path(path)
        self.trust_digests = trust_digests  # doctor never does: it checks every record
        self.manifest_path = self.path / MANIFEST_NAME
        self.lock_path = self.path / LOCK_NAME
        self.fsync = fsync
        self.keep_files = keep_files
        self._manifest: tuple[Stamp, Manifest] | None = None
        # file name -> (its stamp when parsed, the tables). Part files are never
        # rewritten by rehab; the stamp still catches a hand edit.
        self._parts: dict[str, tuple[Stamp | None, Tables]] = {}
        self._memory: Manifest | None = None  # a read-only version-1 dir, converted in memory
        self._lock_fd: int | None = None
        self._depth = 0
        self._thread_lock = _thread.RLock()  # threading's RLock, without importing threading

    # ------------------------------------------------------------------ reads

    def stamp(self) -> Stamp | None:
        """Changes with every commit; None while there is no manifest."""
        try:
            st = os.lstat(self.manifest_path)
        except FileNotFoundError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def backup_path(self, n: int) -> Path:
        return self.path / f"{MANIFEST_NAME}.bak{n}"

    def manifest(self) -> Manifest | None:
        """The manifest in force (cached while its stamp is unchanged), or None if none exists."""
        with self._thread_lock:
            stamp = self.stamp()
            if stamp is None:
                self._manifest = None
                return self._memory
            if self._manifest is not None and self._manifest[0] == stamp:
                return self._manifest[1]
            manifest = self.read_manifest(self.manifest_path)
            self._manifest = (stamp, manifest)
            self._prune(manifest)
            return manifest

    def hold_in_memory(self, parts: dict[str, Tables], next_id: dict[str, int]) -> Manifest:
        """Serve ``parts`` as if a manifest named them (nothing is written)."""
        manifest = Manifest(0, dict(next_id))
        for name, tables in parts.items():
            file = f"rehab-{name}.memory.json"
            self._parts[file] = (None, tables)  # never on disk: no stamp to check
            manifest.parts[name] = PartInfo(file, 0)
        self._memory = manifest
        return manifest

    def read_manifest(self, path: Path) -> Manifest:
        try:
            raw = read_regular(path, MANIFEST_BYTES, "data manifest", mine=True)
        except FileIOError as err:
            raise StorageError(f"{err}; see `rehab doctor`") from None
        try:
            return parse_manifest(raw)
        except ValueError as err:
            raise self.damaged(path, str(err)) from None

    def damaged(self, path: Path, what: str) -> StorageError:
        hint = ("`rehab doctor --restore-backup` goes back to the newest backup that loads "
                "(the damaged files are kept)")
        return StorageError(f"{path}: {what}; it was left unchanged; {hint}")

    def part(self, manifest: Manifest, name: str) -> Tables:
        """The tables of part ``name`` as ``manifest`` names them ({} if none): shared with the
        cache, so callers copy before changing it."""
        info = manifest.parts.get(name)
        if info is None:
            return {}
        with self._thread_lock:
            stamp = self._file_stamp(info.file)
            cached = self._parts.get(info.file)
            if cached is not None and (cached[0] == stamp or cached[0] is None):
                return cached[1]
            tables = self._load_part(name, info)
            self._parts[info.file] = (stamp, tables)
            return tables

    def part_once(self, manifest: Manifest, name: str) -> Tables:
        """``part()`` without keeping what it loads (one year at a time; read under the lock)."""
        info = manifest.parts.get(name)
        if info is None:
            return {}
        with self._thread_lock:
            cached = self._parts.get(info.file)
            if cached is not None and cached[0] == self._file_stamp(info.file):
                return cached[1]
        return self._load_part(name, info)

    def _file_stamp(self, file: str) -> Stamp | None:
        try:
            st = os.lstat(self.path / file)
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def _load_part(self, name: str, info: PartInfo) -> Tables:
        path = self.path / info.file
        try:
            raw = read_regular(path, PART_BYTES, "data file", mine=True)
        except FileIOError as err:
            if not os.path.lexists(path):
                raise StorageError(f"{path}: listed in {self.manifest_path} but missing "
                                   "(records are lost until it is back); see `rehab doctor`") from None
            raise StorageError(f"{err}; see `rehab doctor`") from None
        try:
            tables = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            sizes = f"; {len(raw)} bytes where the manifest says {info.size}" \
                if info.size and len(raw) != info.size else ""
            raise self.damaged(path, f"not valid JSON, truncated or damaged ({exc}){sizes}") from None
        trusted = self.trust_digests and info.digest and content_digest(raw) == info.digest
        problem = None if trusted else part_problem(name, tables)  # trusted: the bytes rehab wrote
        if problem is not None:  # one line naming the file and the record (the Store's policy)
            raise StorageError(f"{path}: {problem}")
        return tables  # type: ignore[no-any-return]

    def read(self, names: Callable[[Manifest], list[str]]) -> tuple[Manifest, dict[str, Tables]]:
        """One generation's parts: ``names(manifest)`` of them, all from the same manifest.

        A part file can vanish when enough later commits made it old; the read
        is then made again from the newer manifest.
        """
        for _attempt in range(5):
            used = self.stamp()
            manifest = self.manifest() or Manifest()
            try:
                return manifest, {name: self.part(manifest, name) for name in names(manifest)}
            except StorageError:
                if self.stamp() == used:
                    raise
        raise StorageError(f"{self.path}: the data kept changing while it was read; try again")

    # ------------------------------------------------------------------ locks

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """The data dir's one exclusive flock (re-entrant within this object)."""
        with self._thread_lock:
            if self._depth == 0:
                self._acquire()
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0 and self._lock_fd is not None:
                    fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    def _acquire(self) -> None:
        if self._lock_fd is None:
            try:
                fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC,
                             FILE_MODE)
            except OSError as exc:
                if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                    # A folder no one can write: nothing can change under a reader, so a
                    # read-only transaction needs no lock (a write then fails, saying so).
                    return
                raise StorageError(f"cannot save in {self.path}: cannot open the lock file "
                                   f"({_reason(exc)}); nothing was changed") from None
            st = os.fstat(fd)
            if st.st_uid != os.geteuid() or not stat.S_ISREG(st.st_mode):
                os.close(fd)
                raise StorageError(f"refusing the lock file {self.lock_path}: not a file of yours")
            self._lock_fd = fd
        fcntl.flock(self._lock_fd, fcntl.LOCK_EX)

    def close(self) -> None:
        if self._lock_fd is not None and self._depth == 0:
            os.close(self._lock_fd)
            self._lock_fd = None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Txn]:
        """A locked read-modify-write; committed when the block ends without an exception."""
        with self.locked():
            txn = Txn(self, (self.manifest() or Manifest()).copy())
            yield txn
            txn.commit()

    # ----------------------------------------------------------------- writes

    def write_part(self, name: str, generation: int, tables: Tables) -> PartInfo:
        """A new part file under a new unpredictable name (O_EXCL, 0600, fsynced)."""
        payload = orjson.dumps(tables)
        fd, tmp = create_exclusive(self.path, f"rehab-{name}.{generation}.", ".json")
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view):]
            if self.fsync:
                os.fsync(fd)
        except BaseException:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        os.close(fd)
        self._parts[Path(tmp).name] = (self._file_stamp(Path(tmp).name), tables)
        return PartInfo(Path(tmp).name, len(payload), id_range(tables) if name != MAIN else {},
                        content_digest(payload))

    def install_manifest(self, manifest: Manifest) -> None:
        """The commit point: keep the old manifest as bak1 (older ones shift), then replace it."""
        if os.path.lexists(self.manifest_path):
            for n in range(N_BACKUPS - 1, 0, -1):
                if os.path.lexists(self.backup_path(n)):
                    os.replace(self.backup_path(n), self.backup_path(n + 1))
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.backup_path(1))
            os.link(self.manifest_path, self.backup_path(1), follow_symlinks=False)
        replace_atomically(self.manifest_path, manifest.dump(), fsync=self.fsync, sync_folder=False)
        stamp = self.stamp()  # what was just written: not read back
        self._manifest = None if stamp is None else (stamp, manifest)
        self._prune(manifest)

    def _prune(self, manifest: Manifest) -> None:
        """Forget parsed parts no longer named (a long session would keep every generation)."""
        live = manifest.files() | (self._memory.files() if self._memory else set())
        for file in [f for f in self._parts if f not in live]:
            del self._parts[file]

    def sync(self) -> None:
        if self.fsync:
            fsync_dir(self.path)

    def referenced_files(self) -> set[str]:
        """Every part file the manifest, its backups or an undo step still names."""
        keep: set[str] = set()
        for path in [self.backup_path(n) for n in range(1, N_BACKUPS + 1)]:
            if os.path.lexists(path):
                with contextlib.suppress(RehabError):
                    keep |= manifest_files(read_regular(path, MANIFEST_BYTES, "data manifest", mine=True))
        current = self.manifest()
        queue = [current] if current is not None else []
        seen: set[str] = set()
        while queue:  # the current generation, and those its undo steps bring back
            manifest = queue.pop()
            keep |= manifest.files()
            main = manifest.parts.get(MAIN)
            if self.keep_files is None or main is None or main.file in seen:
                continue
            seen.add(main.file)
            with contextlib.suppress(RehabError):
                queue.extend(self.keep_files(self.part(manifest, MAIN)))
        return keep

    def remove_unreferenced(self) -> None:
        """Delete part files nothing names and temp files of killed writers (lock held)."""
        keep = self.referenced_files()
        for entry in os.scandir(self.path):
            name = entry.name
            stale_temp = name.startswith(f".{MANIFEST_NAME}.") and name.endswith(".tmp")
            if (PART_FILE.match(name) and name not in keep) or stale_temp:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                self._parts.pop(name, None)


class Txn:
    """What one locked transaction changes: whole parts, and the manifest's counters."""

    def __init__(self, datadir: DataDir, manifest: Manifest) -> None:
        self.datadir = datadir
        self.manifest = manifest
        self.pending: dict[str, Tables] = {}
        self.installed = False

    def tables(self, name: str) -> Tables:
        """Part ``name`` as this transaction sees it (a copy of the dict of tables)."""
        if name in self.pending:
            return self.pending[name]
        return dict(self.datadir.part(self.manifest, name))

    def put(self, name: str, tables: Tables) -> None:
        self.pending[name] = tables

    def take_id(self, table: str) -> int:
        new = self.manifest.next_id[table]
        self.manifest.next_id[table] = new + 1
        return new

    def install(self, manifest: Manifest) -> None:
        """Make ``manifest``'s generation the one in force (a restore of an older one).

        Ids never go back: the counters keep the higher of both. Parts put
        afterwards change that generation.
        """
        next_id = {t: max(n, manifest.next_id.get(t, 1)) for t, n in self.manifest.next_id.items()}
        self.manifest = manifest.copy()
        self.manifest.next_id = next_id
        self.pending.clear()
        self.installed = True

    def commit(self) -> None:
        try:
            before = self.datadir.manifest() or Manifest()
        except StorageError:  # a damaged manifest is replaced (doctor's restore), never read
            before = Manifest(self.manifest.generation)
        if not self.installed and not self.pending and self.manifest.to_dict() == before.to_dict():
            return
        new = self.manifest
        new.generation = before.generation + 1
        written: list[str] = []
        try:
            for name, tables in sorted(self.pending.items()):
                kept = {t: docs for t, docs in tables.items() if docs}
                if not kept:
                    new.parts.pop(name, None)
                    continue
                info = self.datadir.write_part(name, new.generation, kept)
                written.append(info.file)
                new.parts[name] = info
            if written and self.datadir.fsync:
                fsync_dir(self.datadir.path)  # the new files exist before the manifest names them
            self.datadir.install_manifest(new)
        except OSError as exc:
            for file in written:
                with contextlib.suppress(OSError):
                    os.unlink(self.datadir.path / file)
            raise StorageError(f"cannot save in {self.datadir.path}: {_reason(exc)}; "
                               "nothing was changed") from None
        try:
            self.datadir.sync()
        except OSError as exc:
            raise StorageError(f"{self.datadir.path}: the change was made but the folder could not "
                               f"be synced to disk ({_reason(exc)}); it may not survive a power cut; "
                               "check the disk") from None
        self.datadir.remove_unreferenced()

