"""Writing files so that they survive a crash: flushed to disk, renamed into place, folders synced."""
from __future__ import annotations

import errno
import hashlib
import os
import secrets
from collections.abc import Mapping
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


def _read_small(path: Path) -> str:
    try:
        return path.read_bytes()[:300].decode("utf-8", "replace").strip()
    except OSError:
        return ""


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_digest(path: Path) -> str | None:
    try:
        return _sha256(path.read_bytes()) if path.is_file() else None
    except OSError:
        return None


def _write_durable(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(path, 0o644)


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
