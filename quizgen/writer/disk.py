"""Writing files so that they survive a crash: flushed to disk, renamed into place, folders synced."""
from __future__ import annotations

import errno
import hashlib
import os
import secrets
import stat
from collections.abc import Callable, Mapping
from pathlib import Path

from .paths import COURSE_TEMP_SUFFIX, OutputError, safe_target

try:  # POSIX; elsewhere builds into one folder are not serialised
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None


def write_files(root: Path | str, files: Mapping[str, bytes]) -> list[Path]:
    """Write files that are no build's outputs (a new course's files, a preview page) under root.

    Each goes to a temporary file beside it first, and all are renamed into place once every one
    was written; a failure removes the temporary files. No manifest and no folder lock: these
    files are the author's from then on, never removed or replaced by a build.
    """
    root = Path(root)
    if root.exists() and not root.is_dir():
        raise OutputError(f"'{root}' is a file, not a folder")
    targets = [(safe_target(root, rel), bytes(data)) for rel, data in sorted(files.items())]
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in targets:
            if path.is_dir():
                raise OutputError(f"cannot write '{path}': a folder of that name is in the way")
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}{COURSE_TEMP_SUFFIX}")
            staged.append((tmp, path))
            _write_durable(tmp, data)
        for tmp, path in staged:
            os.replace(tmp, path)
    except OSError as exc:
        for tmp, _ in staged:
            _remove_quietly(tmp)
        raise _os_error(exc, root) from None
    except BaseException:
        for tmp, _ in staged:
            _remove_quietly(tmp)
        raise
    for folder in sorted({path.parent for path, _ in targets}):
        _fsync_dir(folder)
    return [path for path, _ in targets]


def _try_flock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as exc:
        if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
            return True  # a file system without locks: go on unserialised, as before locks existed
        raise
    return True


class CourseLock:
    """The course folder's lock: one quizgen command at a time changes a course's files.

    Builds (which rewrite `quizgen.lock`), `add-unit` and `init` (which write
    `course.yaml` and unit folders) take it, as an flock on the folder itself, so
    nothing is added to the folder to hold it; a second command waits for the first.
    Use as a context manager; `on_wait(message)` hears when it has to wait.
    """

    def __init__(self, folder: Path | str, on_wait: Callable[[str], None] | None = None, what: str = "command"):
        self.folder = Path(folder)
        self.on_wait = on_wait
        self.what = what
        self._fd: int | None = None

    def __enter__(self) -> CourseLock:
        if fcntl is None or not self.folder.is_dir():
            return self
        try:
            self._fd = os.open(self.folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            return self  # a folder we cannot open is not ours to serialise; reading it will say why
        try:
            if not _try_flock(self._fd):
                if self.on_wait is not None:
                    self.on_wait(f"waiting for another quizgen {self.what} to finish with course '{self.folder}'")
                fcntl.flock(self._fd, fcntl.LOCK_EX)
        except BaseException:
            self.release()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.release()

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _read_small(path: Path) -> str:
    try:
        return path.read_bytes()[:300].decode("utf-8", "replace").strip()
    except OSError:
        return ""


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


MAX_RECORD_BYTES = 64 * 1024 * 1024  # a manifest or journal; one of 100,000 files takes about 20 MB

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def _read_plain(path: Path, limit: int | None = None) -> bytes | None:
    """A plain file's bytes, never through a link (None for a link, a folder, a pipe, a missing file).

    Raises ValueError when the file is larger than `limit`.
    """
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None
        if limit is not None and info.st_size > limit:
            raise ValueError(f"it is {info.st_size:,} bytes long, more than quizgen ever writes there")
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def _file_digest(path: Path) -> str | None:
    """The SHA-256 of a plain file (never read through a link), or None."""
    data = _read_plain(path)
    return None if data is None else _sha256(data)


def _write_durable(path: Path, data: bytes) -> None:
    # Never through a link: a planted link at a temporary file's name must not lead a write elsewhere.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NOFOLLOW, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
        os.fchmod(fd, 0o644)  # whatever the umask, like every file quizgen writes
    finally:
        os.close(fd)


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        _write_durable(tmp, data)
        os.replace(tmp, path)
    except BaseException:
        _remove_quietly(tmp)
        raise
    _fsync_dir(path.parent)


def _prune_empty(folder: Path, root: Path) -> Path:
    """Remove folders left empty by a removal, up to root; return the first folder kept."""
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            break
        folder = folder.parent
    return folder


def _os_error(exc: OSError, where: Path) -> OutputError:
    if isinstance(exc, OutputError):
        return exc
    return OutputError(f"cannot write to '{exc.filename or where}': {exc.strerror or exc}")


def _fsync_dir(folder: Path) -> None:
    """Make renames durable where the platform allows it (best effort)."""
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


def _remove_quietly(path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
