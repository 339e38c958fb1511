"""The one place that writes outputs: all-or-nothing, and only inside its folder.

Every file is first written to a temporary file beside its target and only
renamed into place once all of them were written, so a failed or killed
build leaves the previous outputs as they were and no partial files.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path, PurePosixPath


class OutputError(Exception):
    """The output folder cannot be written as asked."""


def safe_target(out_dir: Path, relpath: str) -> Path:
    """Return out_dir/relpath, refusing absolute paths and escapes from out_dir."""
    rel = PurePosixPath(relpath)
    if rel.is_absolute() or "\\" in relpath or any(part in ("..", "") for part in rel.parts) or not rel.parts:
        raise OutputError(f"refusing to write '{relpath}': outputs must stay inside '{out_dir}'")
    target = out_dir.joinpath(*rel.parts)
    root = out_dir.resolve()
    if root not in target.resolve().parents:
        raise OutputError(f"refusing to write '{relpath}': it resolves outside '{out_dir}'")
    return target


def write_outputs(out_dir: Path | str, files: dict[str, bytes]) -> list[Path]:
    """Write every file atomically under out_dir; return the paths written, in order."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"output path '{out_dir}' is a file, not a folder; choose another with -o")
    targets = [(safe_target(out_dir, rel), data) for rel, data in sorted(files.items())]
    for target, _ in targets:
        if target.is_dir():
            raise OutputError(f"cannot write '{target}': a folder of that name is in the way")
    staged: list[tuple[str, Path]] = []
    try:
        for target, data in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            remove_stale_temp_files(target)
            fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=TEMP_SUFFIX, dir=target.parent)
            staged.append((tmp, target))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o644)
    except BaseException as exc:  # a full disk, an interrupt or a bug: leave no temp files behind
        for tmp, _ in staged:
            _remove_quietly(tmp)
        if isinstance(exc, OSError):
            where = exc.filename or out_dir
            raise OutputError(f"cannot write to '{where}': {exc.strerror or exc}") from None
        raise
    for index, (tmp, target) in enumerate(staged):
        try:
            os.replace(tmp, target)
        except OSError as exc:  # e.g. the target is a folder: leave no temp files behind
            for rest, _ in staged[index:]:
                _remove_quietly(rest)
            raise OutputError(f"cannot write '{target}': {exc.strerror or exc}") from None
    for folder in sorted({target.parent for _, target in staged}):
        _fsync_dir(folder)
    return [target for target, _ in targets]


TEMP_SUFFIX = ".tmp"


def _temp_prefix(target: Path) -> str:
    # Hidden, and named after its target: ".deck.apkg.k2j4h1.tmp".
    return f".{target.name}."


def remove_stale_temp_files(target: Path) -> list[Path]:
    """Remove temporary files a killed earlier write of `target` left behind."""
    removed = []
    if not target.parent.is_dir():
        return removed
    prefix = _temp_prefix(target)
    for entry in target.parent.iterdir():
        if entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX) and entry.is_file():
            _remove_quietly(str(entry))
            removed.append(entry)
    return removed


def _fsync_dir(folder: Path) -> None:
    """Make the renames durable where the platform allows it (best effort)."""
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


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
