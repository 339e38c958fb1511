"""The one place that writes outputs: a build's files change together or not at all.

An output folder may hold other files of the user's, so it is never replaced as
a whole. quizgen keeps its own state in a hidden folder inside it:

    <out>/.quizgen/build.lock      locked while a build uses the folder; names that build
    <out>/.quizgen/manifest.json   what the last build wrote (format below)
    <out>/.quizgen/staging-<id>/   the new files of a build in progress
    <out>/.quizgen/journal.json    only while files are being switched in

A build goes through four steps:

1. Lock: take the folder's lock, then the course folder's, waiting for another
   build that holds one; complete a switch that a killed build left half done
   (its journal); remove what killed builds left behind.
2. Stage: write every new file into the staging folder, and the course's new
   files (the Anki lock) to temporary files beside them, each flushed to disk.
   Nothing the user sees has changed yet; any failure or interrupt removes the
   staged files and leaves everything as it was. The course file is written
   here, so a course folder that cannot take it fails the build before any
   output is touched.
3. Commit: write the journal, which lists every rename and removal of the
   switch, to disk in one atomic rename. From this instant the new set wins.
4. Switch: rename the course files, then every staged file, into place, remove
   the outputs of the previous build that this one no longer makes, put the
   new manifest in place, delete the journal. Interrupts (Ctrl-C, SIGTERM,
   SIGHUP) wait until the switch is done; if the process dies anyway (SIGKILL,
   power loss), the next build into the folder replays the journal first.

The manifest (`manifest.json`, version 1) is JSON:

    {"format": "quizgen-manifest", "version": 1,
     "files": {"<path inside the folder>": {"target": "anki", "size": 1234, "sha256": "<hex>",
                                            "key": "<hex>"}, ...},
     "build": {"inputs": "<hex>", "warnings": [...]}}

`key` is the key of the task that rendered the file, and `build` what the whole
build read (`incremental.py`); a later build uses them to reuse what has not
changed. A file whose new bytes equal what is already in place, as the manifest
recorded them, is left alone: its time stamp stays.

A build replaces the files of the targets it builds: files the previous build's
targets wrote that this build no longer makes are removed (only while their
content is still what quizgen wrote); files of targets not built this time are
kept; files quizgen never wrote are never touched.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import threading
import time
from pathlib import Path, PurePosixPath
from typing import Callable, Mapping

try:  # POSIX; elsewhere builds into one folder are not serialised
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None

STATE_DIR = ".quizgen"
MANIFEST = "manifest.json"
JOURNAL = "journal.json"
FOLDER_LOCK = "build.lock"
MANIFEST_FORMAT = "quizgen-manifest"
MANIFEST_VERSION = 1
JOURNAL_VERSION = 1
STAGING_PREFIX = "staging-"
COURSE_TEMP_SUFFIX = ".tmp"
_INTERRUPTS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class OutputError(Exception):
    """The output folder cannot be written as asked."""


# --- paths ------------------------------------------------------------------------------


def safe_target(out_dir: Path, relpath: str) -> Path:
    """Return out_dir/relpath, refusing absolute paths, escapes from out_dir and quizgen's own folder."""
    rel = PurePosixPath(relpath)
    if rel.is_absolute() or "\\" in relpath or any(part in ("..", "") for part in rel.parts) or not rel.parts \
            or relpath != rel.as_posix():
        raise OutputError(f"refusing to write '{relpath}': outputs must stay inside '{out_dir}'")
    if rel.parts[0] == STATE_DIR:
        raise OutputError(f"refusing to write '{relpath}': '{STATE_DIR}' is quizgen's own folder")
    target = out_dir.joinpath(*rel.parts)
    root = out_dir.resolve()
    if root not in target.resolve().parents:
        raise OutputError(f"refusing to write '{relpath}': it resolves outside '{out_dir}'")
    return target


def check_output_dir(out_dir: Path | str, course_dir: Path | str | None = None) -> Path:
    """Refuse an empty output path, a file, and a folder that is, holds or lies inside the course folder."""
    if not str(out_dir).strip():
        raise OutputError("the output path is empty; name a folder with -o, e.g. -o dist")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise OutputError(f"output path '{out}' is a file, not a folder; choose another with -o")
    if course_dir is not None:
        try:
            real_out, real_course = out.resolve(), Path(course_dir).resolve()
        except (OSError, RuntimeError) as exc:  # a symlink loop on the way
            raise OutputError(f"cannot use output folder '{out}': {exc}") from None
        if real_out == real_course:
            how = "is the course folder"
        elif real_course in real_out.parents:
            how = "lies inside the course folder"
        elif real_out in real_course.parents:
            how = "contains the course folder"
        else:
            return out
        raise OutputError(f"output folder '{out}' {how} '{course_dir}'; outputs and course files must not mix: "
                          f"choose a folder outside the course with -o")
    return out


# --- interrupts -------------------------------------------------------------------------


class _Interrupts:
    """Turn SIGINT, SIGTERM and SIGHUP into exceptions only where stopping is safe; hold them elsewhere.

    Outside `allowed()` a signal is only recorded, and delivered once the output
    folder is consistent again. The first signal raises at most once: every later
    one is recorded, so cleanup after an interrupt is never itself interrupted.
    """

    def __init__(self) -> None:
        self.pending: int | None = None
        self.raised = False
        self.allow = False
        self.previous: dict[int, object] = {}

    def install(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return  # only the main thread may handle signals; a caller's own thread keeps its behaviour
        for sig in _INTERRUPTS:
            if signal.getsignal(sig) is signal.SIG_IGN:
                continue  # ignored on purpose (nohup, a background job): it stays ignored
            self.previous[sig] = signal.signal(sig, self._handle)

    def restore(self) -> None:
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)
        self.previous.clear()

    def _handle(self, signum, frame) -> None:
        if self.pending is None:
            self.pending = signum
        if self.allow and not self.raised:
            self.raised = True
            raise _exception_for(signum)

    def allowed(self) -> "_Allowed":
        return _Allowed(self)

    def deliver(self) -> None:
        """Raise the interrupt that arrived while stopping was unsafe."""
        if self.pending is not None and not self.raised:
            self.raised = True
            raise _exception_for(self.pending)


class _Allowed:
    def __init__(self, interrupts: _Interrupts):
        self.interrupts = interrupts

    def __enter__(self):
        self.interrupts.allow = True
        if self.interrupts.pending is not None:
            self.interrupts.deliver()

    def __exit__(self, *exc):
        self.interrupts.allow = False


class Terminated(BaseException):
    """The build was stopped by SIGTERM; like KeyboardInterrupt, not an Exception. The CLI exits 128 + signum.

    The signal is a class attribute, not an argument: libraries that re-raise an
    exception with a new message (reportlab does) keep its class, not its args.
    """

    signum = signal.SIGTERM


class HungUp(Terminated):
    """The build was stopped by SIGHUP (its terminal went away)."""

    signum = getattr(signal, "SIGHUP", 1)


def _exception_for(signum: int) -> BaseException:
    if signum == signal.SIGINT:
        return KeyboardInterrupt()
    return Terminated() if signum == signal.SIGTERM else HungUp()


# --- the output folder ------------------------------------------------------------------


class OutputFolder:
    """An output folder held by one build: locked, recovered, then switched to a new set of files at once.

        with OutputFolder(out_dir, course_dir) as folder:
            files = render(...)                       # may be interrupted: nothing has changed yet
            folder.switch({"anki": {...}, "pdf": {...}}, {"quizgen.lock": b"..."})
    """

    def __init__(self, out_dir: Path | str, course_dir: Path | str | None = None,
                 on_wait: Callable[[str], None] | None = None):
        self.out = check_output_dir(out_dir, course_dir)
        self.course = Path(course_dir) if course_dir is not None else None
        self.state = self.out / STATE_DIR
        self.on_wait = on_wait
        self.interrupts = _Interrupts()
        self._created: list[Path] = []  # folders this build made, removed again if it fails
        self._lock_fd: int | None = None
        self._course_fd: int | None = None
        self._token = f"{os.getpid()}-{secrets.token_hex(4)}"
        self._staged_course: list[Path] = []
        self._staging: Path | None = None
        self.switched = False

    # entering and leaving

    def __enter__(self) -> "OutputFolder":
        self.interrupts.install()
        try:
            try:
                self._make_dirs()
            except OSError as exc:
                raise _os_error(exc, self.out) from None
            with self.interrupts.allowed():  # always the folder first, then the course: no two builds deadlock
                self._lock_folder()
                self._lock_course()
            self._recover()
        except BaseException:
            self._leave(failed=True)
            raise
        return self

    def __exit__(self, kind, exc, tb) -> None:
        self._leave(failed=kind is not None)
        if kind is None:
            self.interrupts.deliver()

    def allowed(self):
        """Interrupts raise inside this block (rendering): nothing has been written yet."""
        return self.interrupts.allowed()

    def _leave(self, failed: bool) -> None:
        self.interrupts.allow = False
        try:
            if failed and not self.switched:
                self._discard_staged()
            self._unlock(remove_created=failed and not self.switched)
        finally:
            self.interrupts.restore()

    # locks

    def _lock_course(self) -> None:
        """Serialise builds of one course: they all rewrite its lock file (flock on the folder itself)."""
        if fcntl is None or self.course is None or not self.course.is_dir():
            return
        try:
            self._course_fd = os.open(self.course, os.O_RDONLY)
        except OSError:
            return  # a folder we cannot open is not ours to serialise; reading the course will say why
        if not _try_flock(self._course_fd):
            self._wait(f"waiting for another build of course '{self.course}' to finish")
            fcntl.flock(self._course_fd, fcntl.LOCK_EX)

    def _lock_folder(self) -> None:
        if fcntl is None:
            return
        path = self.state / FOLDER_LOCK
        waited = False
        while True:
            try:
                self.state.mkdir(exist_ok=True)
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise _os_error(exc, path) from None
            try:
                if not _try_flock(fd):
                    if not waited:
                        holder = _read_small(path) or "another build"
                        self._wait(f"waiting for {holder} to finish with '{self.out}'")
                        waited = True
                    fcntl.flock(fd, fcntl.LOCK_EX)
            except BaseException:
                os.close(fd)
                raise
            # The holder before us may have removed the file (a first build that failed): lock the one in place.
            try:
                same = os.fstat(fd).st_ino == os.stat(path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        self._lock_fd = fd
        try:  # who holds the folder, for a build that has to wait; nothing depends on it
            os.ftruncate(fd, 0)
            os.write(fd, f"the quizgen build with process id {os.getpid()} (started {time.strftime('%H:%M:%S')})"
                         .encode("utf-8"))
        except OSError:
            pass

    def _wait(self, message: str) -> None:
        if self.on_wait is not None:
            self.on_wait(message)

    def _unlock(self, remove_created: bool) -> None:
        if self._lock_fd is not None:
            if remove_created and self.state in self._created:
                _remove_quietly(self.state / FOLDER_LOCK)  # while still holding it; waiters notice and retry
            else:
                try:
                    os.ftruncate(self._lock_fd, 0)  # the lock file names nobody between builds
                except OSError:
                    pass
            os.close(self._lock_fd)
            self._lock_fd = None
        if remove_created:
            for folder in reversed(self._created):
                try:
                    folder.rmdir()  # only if empty: never remove what someone else put there
                except OSError:
                    pass
        if self._course_fd is not None:
            os.close(self._course_fd)
            self._course_fd = None

    def _make_dirs(self) -> None:
        missing = []
        for folder in (self.state, self.out, *self.out.parents):
            if os.path.lexists(folder):
                break
            missing.append(folder)
        for folder in reversed(missing):
            try:
                folder.mkdir()
            except FileExistsError:
                if folder.is_dir():
                    continue  # another build made it at the same moment
                raise
            self._created.append(folder)

    # recovery

    def _recover(self) -> None:
        """Finish a switch a killed build left half done; remove what killed builds left behind."""
        journal_path = self.state / JOURNAL
        if journal_path.exists():
            try:
                journal = _validate_journal(json.loads(journal_path.read_text(encoding="utf-8")), self)
            except (ValueError, UnicodeDecodeError, OSError) as exc:
                raise OutputError(
                    f"'{journal_path}' is damaged ({exc}); the build that wrote it was interrupted while switching "
                    f"outputs. Delete it and build again.") from None
            self._replay(journal)
        for entry in sorted(self.state.iterdir()):
            if entry.name.startswith(STAGING_PREFIX) and entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            elif entry.name.startswith(JOURNAL + ".") and entry.name.endswith(".tmp"):
                _remove_quietly(entry)
        if self.course is not None and self.course.is_dir():
            for entry in self.course.iterdir():
                if _is_course_temp(entry.name):
                    _remove_quietly(entry)

    # the switch

    def switch(self, outputs: Mapping[str, Mapping[str, bytes]],
               course_files: Mapping[str, bytes] | None = None, keys: Mapping[str, str] | None = None,
               record: Mapping | None = None) -> list[Path]:
        """Replace the previous build's files with `outputs` (by target name) and the course files, all at once.

        `keys` gives the key of the task that rendered each file, `record` what the build read; both go
        into the manifest. Return the paths of the output files whose bytes changed, in order.
        """
        course_files = dict(course_files or {})
        plan = self._plan(outputs, course_files, keys or {}, record)
        self._staging = self.state / f"{STAGING_PREFIX}{self._token}"
        try:
            with self.interrupts.allowed():
                self._stage(plan, course_files)
        except OSError as exc:  # a full disk, most likely: say which folder, not which staged file
            self.interrupts.allow = False
            self._discard_staged()
            raise OutputError(f"cannot write to '{self.out}': {exc.strerror or exc}") from None
        except BaseException:
            self.interrupts.allow = False
            self._discard_staged()
            raise
        # From here the switch is completed, whatever happens: interrupts wait until it is done.
        journal = {
            "version": JOURNAL_VERSION,
            "staging": self._staging.name,
            "course": [[str(tmp), str(dst), name, digest] for tmp, dst, name, digest in plan["course"]],
            "moves": plan["moves"],
            "remove": plan["remove"],
        }
        try:
            _write_atomic(self.state / JOURNAL, json.dumps(journal, indent=1, sort_keys=True).encode("utf-8"))
        except OSError as exc:
            self._discard_staged()
            raise _os_error(exc, self.state) from None
        self.switched = True
        try:
            self._replay(_validate_journal(journal, self))
        except OSError as exc:
            raise OutputError(
                f"cannot switch the new outputs into '{self.out}': {exc.strerror or exc}; the next build into this "
                f"folder completes the switch") from None
        return plan["written"]

    def _plan(self, outputs: Mapping[str, Mapping[str, bytes]], course_files: dict[str, bytes],
              keys: Mapping[str, str], record: Mapping | None) -> dict:
        """Check every path before anything is written; work out the moves, removals and the new manifest."""
        owner: dict[str, str] = {}
        data: dict[str, bytes] = {}
        folded: dict[str, str] = {}
        for target, files in sorted(outputs.items()):
            for rel, content in sorted(files.items()):
                path = safe_target(self.out, rel)
                key = rel.casefold()  # two names one case-insensitive disk would merge
                if key in folded:
                    raise OutputError(f"two outputs would both be written to '{self.out / rel}' "
                                      f"('{folded[key]}' and '{rel}'); this is a bug in quizgen")
                folded[key] = rel
                owner[rel], data[rel] = target, bytes(content)
                self._check_writable(path)
        previous = read_manifest(self.out)
        if record is None:  # a write that is no build (a preview page): the last build's record stands
            record = read_build_record(self.out) or None
        built = set(outputs)
        kept = {rel: entry for rel, entry in previous.items()
                if entry.get("target") not in built and rel not in data and (self.out / rel).is_file()}
        remove = sorted([rel, entry["sha256"]] for rel, entry in previous.items()
                        if entry.get("target") in built and rel not in data)
        manifest = {rel: {"target": owner[rel], "size": len(content), "sha256": _sha256(content)}
                    for rel, content in data.items()}
        for rel, key in keys.items():
            if rel in manifest:
                manifest[rel]["key"] = key
        # Files already in place byte for byte (as recorded, and still so on disk) are not written again.
        same = {rel for rel in data if previous.get(rel, {}).get("sha256") == manifest[rel]["sha256"]
                and _file_digest(self.out / rel) == manifest[rel]["sha256"]}
        manifest.update(kept)
        course = []
        for rel, content in sorted(course_files.items()):
            dst = safe_target(self.course, rel) if self.course is not None else None
            if dst is None:
                raise OutputError("course files given without a course folder")
            if dst.is_dir():
                raise OutputError(f"cannot write '{dst}': a folder of that name is in the way; remove it")
            tmp = dst.with_name(f".{dst.name}.{self._token}{COURSE_TEMP_SUFFIX}").absolute()
            course.append((tmp, dst.absolute(), f"course-{len(course)}", _sha256(content)))
        changed = sorted(set(data) - same)
        moves = [[f"{index:05d}", rel] for index, rel in enumerate(changed)]
        moves.append(["manifest", f"{STATE_DIR}/{MANIFEST}"])
        return {"data": data, "manifest": dump_manifest(manifest, record), "moves": moves, "remove": remove,
                "course": course, "written": [self.out / rel for rel in changed]}

    def _check_writable(self, path: Path) -> None:
        if path.is_dir():
            raise OutputError(f"cannot write '{path}': a folder of that name is in the way")
        for parent in path.parents:
            if parent == self.out:
                break
            if parent.exists() and not parent.is_dir():
                raise OutputError(f"cannot write '{path}': '{parent}' is a file, not a folder")

    def _stage(self, plan: dict, course_files: dict[str, bytes]) -> None:
        self._staging.mkdir()
        for name, rel in plan["moves"][:-1]:
            _write_durable(self._staging / name, plan["data"][rel])
        _write_durable(self._staging / "manifest", plan["manifest"])
        # The course files are staged twice: beside their target (proof that the course folder takes them,
        # and the rename of the switch), and here, from where a replayed journal can write them again.
        for tmp, dst, name, _ in plan["course"]:
            rel = dst.relative_to(self.course.absolute()).as_posix()
            content = course_files[rel]
            _write_durable(self._staging / name, content)
            self._staged_course.append(tmp)
            try:
                _write_durable(tmp, content)
            except OSError as exc:
                shown = self.course / rel
                raise OutputError(f"cannot write '{shown}': {exc.strerror or exc}; the outputs in '{self.out}' "
                                  f"were left as they were") from None
        _fsync_dir(self._staging)
        if plan["course"]:
            _fsync_dir(self.course)

    def _discard_staged(self) -> None:
        for tmp in self._staged_course:
            _remove_quietly(tmp)
        self._staged_course.clear()
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)

    def _replay(self, journal: dict) -> None:
        """Do every step of a committed switch that is not done yet (each step may already be done)."""
        staging = self.state / journal["staging"]
        touched = {self.state}
        for tmp, dst, name, digest in journal["course"]:
            tmp, dst = Path(tmp), Path(dst)
            if _file_digest(dst) != digest:  # not switched yet
                if _file_digest(tmp) != digest:
                    _write_durable(tmp, (staging / name).read_bytes())  # raises if the staged copy is gone too
                os.replace(tmp, dst)
                touched.add(dst.parent)
            _remove_quietly(tmp)
        for name, rel in journal["moves"]:
            src, dst = staging / name, self.out / rel
            if src.exists():
                dst.parent.mkdir(parents=True, exist_ok=True)
                os.replace(src, dst)
                touched.add(dst.parent)
        for rel, digest in journal["remove"]:
            path = self.out / rel
            if not path.is_symlink() and _file_digest(path) == digest:
                path.unlink()
                touched.add(_prune_empty(path.parent, self.out))
        for folder in sorted(touched):
            _fsync_dir(folder)
        (self.state / JOURNAL).unlink()
        _fsync_dir(self.state)
        shutil.rmtree(staging, ignore_errors=True)


def write_outputs(out_dir: Path | str, files: Mapping[str, bytes], course_dir: Path | str | None = None,
                  course_files: Mapping[str, bytes] | None = None, target: str = "") -> list[Path]:
    """Write one set of files into out_dir (and course files into course_dir) as one switch."""
    with OutputFolder(out_dir, course_dir) as folder:
        return folder.switch({target: files}, course_files)


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


# --- the manifest -----------------------------------------------------------------------


def read_manifest(out_dir: Path | str) -> dict[str, dict]:
    """The files the last build wrote into out_dir, by path; empty when there is no readable manifest."""
    path = Path(out_dir) / STATE_DIR / MANIFEST
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    if not isinstance(raw, dict) or raw.get("format") != MANIFEST_FORMAT or raw.get("version") != MANIFEST_VERSION:
        return {}
    files = raw.get("files")
    if not isinstance(files, dict):
        return {}
    out = {}
    for rel, entry in files.items():
        if isinstance(rel, str) and isinstance(entry, dict) and isinstance(entry.get("sha256"), str):
            try:
                safe_target(Path(out_dir), rel)
            except OutputError:
                continue  # never act on a path outside the folder, whatever the manifest says
            out[rel] = {"target": str(entry.get("target", "")), "size": entry.get("size"), "sha256": entry["sha256"]}
            if isinstance(entry.get("key"), str):
                out[rel]["key"] = entry["key"]
    return out


def read_build_record(out_dir: Path | str) -> dict:
    """What the last build into out_dir read and reported (the manifest's `build`); empty when unknown."""
    try:
        raw = json.loads((Path(out_dir) / STATE_DIR / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    if not isinstance(raw, dict) or raw.get("format") != MANIFEST_FORMAT or raw.get("version") != MANIFEST_VERSION:
        return {}
    record = raw.get("build")
    return record if isinstance(record, dict) else {}


def dump_manifest(files: Mapping[str, dict], record: Mapping | None = None) -> bytes:
    data = {"format": MANIFEST_FORMAT, "version": MANIFEST_VERSION, "files": dict(sorted(files.items()))}
    if record:
        data["build"] = dict(record)
    return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


# --- small helpers ----------------------------------------------------------------------


def _validate_journal(raw, folder: OutputFolder) -> dict:
    """Check a journal's shape and that every path it names stays where quizgen writes."""
    if not isinstance(raw, dict) or raw.get("version") != JOURNAL_VERSION:
        raise ValueError("unknown journal version")
    staging = raw.get("staging")
    if not isinstance(staging, str) or not staging.startswith(STAGING_PREFIX) or "/" in staging or ".." in staging:
        raise ValueError("bad staging folder")
    moves, remove, course = raw.get("moves"), raw.get("remove"), raw.get("course")
    if not all(isinstance(x, list) for x in (moves, remove, course)):
        raise ValueError("bad entries")
    for entry in moves:
        if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(x, str) for x in entry)):
            raise ValueError("bad move")
        name, rel = entry
        if "/" in name or name.startswith("."):
            raise ValueError("bad staged name")
        if rel != f"{STATE_DIR}/{MANIFEST}":
            safe_target(folder.out, rel)
    for entry in remove:
        if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(x, str) for x in entry)):
            raise ValueError("bad removal")
        safe_target(folder.out, entry[0])
    for entry in course:
        if not (isinstance(entry, list) and len(entry) == 4 and all(isinstance(x, str) for x in entry)):
            raise ValueError("bad course file")
        tmp, dst, name = Path(entry[0]), Path(entry[1]), entry[2]
        if tmp.parent != dst.parent or not _is_course_temp(tmp.name) or "/" in name or not name.startswith("course-"):
            raise ValueError("bad course file")
    return raw


_COURSE_TEMP = re.compile(r"^\.[^/]+\.\d+-[0-9a-f]{8}" + re.escape(COURSE_TEMP_SUFFIX) + "$")


def _is_course_temp(name: str) -> bool:
    # ".quizgen.lock.<pid>-<8 hex digits>.tmp": how _plan names the course files it stages
    return bool(_COURSE_TEMP.match(name))


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
