"""An output folder held by one build: locked, recovered, then switched to a new set of files at once."""
from __future__ import annotations

import json
import os
import secrets
import shutil
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from ..errors import clip
from .disk import (
    MAX_RECORD_BYTES,
    CourseLock,
    _file_digest,
    _fsync_dir,
    _NOFOLLOW,
    _os_error,
    _prune_empty,
    _read_plain,
    _read_small,
    _remove_quietly,
    _sha256,
    _try_flock,
    _write_atomic,
    _write_durable,
    fcntl,
)
from .interrupts import Interrupts
from .manifest import (
    JOURNAL_VERSION,
    JournalRefused,
    dump_manifest,
    parse_manifest,
    read_last_build,
    validate_journal,
)
from .paths import (
    COURSE_LOCK,
    COURSE_TEMP_SUFFIX,
    FOLDER_LOCK,
    JOURNAL,
    MANIFEST,
    STAGING_PREFIX,
    STATE_DIR,
    OutputError,
    RecordsRefused,
    check_output_dir,
    is_course_temp,
    refuse_unless_plain,
    safe_target,
)

UNRECORDED_SHOWN = 10  # files in the way that a refusal lists by name


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
        self.interrupts = Interrupts()
        self._created: list[Path] = []  # folders this build made, removed again if it fails
        self._lock_fd: int | None = None
        self._course_lock: CourseLock | None = None
        self._token = f"{os.getpid()}-{secrets.token_hex(4)}"
        self._staged_course: list[Path] = []
        self._staging: Path | None = None
        self.switched = False

    # entering and leaving

    def __enter__(self) -> OutputFolder:
        self.interrupts.install()
        try:
            # Before anything is made or locked in it: quizgen's folder must be a folder, not a link elsewhere.
            refuse_unless_plain(self.state, "folder", self.state)
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
        """Serialise builds of one course, and the authoring commands: they all change its files."""
        if self.course is not None:
            self._course_lock = CourseLock(self.course, on_wait=self._wait).__enter__()

    def _lock_folder(self) -> None:
        if fcntl is None:
            return
        path = self.state / FOLDER_LOCK
        waited = False
        while True:
            try:
                self.state.mkdir(exist_ok=True)
                refuse_unless_plain(path, "file", self.state)
                fd = os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o644)
            except OutputError:
                raise
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
                         .encode())
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
        if self._course_lock is not None:
            self._course_lock.release()
            self._course_lock = None

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
        """Finish a switch a killed build left half done; remove what killed builds left behind.

        The folder's records are data, not instructions: they are checked whole before
        anything they name is touched (`_check_records`, `_check_journal`).
        """
        self._check_records()
        journal_path = self.state / JOURNAL
        if os.path.lexists(journal_path):
            self._replay(self._check_journal(journal_path))
        for entry in sorted(self.state.iterdir()):
            if entry.name.startswith(STAGING_PREFIX) and entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            elif entry.name.startswith(JOURNAL + ".") and entry.name.endswith(".tmp") and not entry.is_dir():
                _remove_quietly(entry)
        if self.course is not None and self.course.is_dir():
            for entry in self.course.iterdir():
                if is_course_temp(entry.name) and not entry.is_dir():
                    _remove_quietly(entry)

    def _check_records(self) -> None:
        """Refuse links and anything but plain files and folders in quizgen's folder (and its staging folders)."""
        for entry in sorted(self.state.iterdir()):
            if entry.name.startswith(STAGING_PREFIX):
                if refuse_unless_plain(entry, "folder", self.state):
                    for inner in sorted(entry.iterdir()):
                        refuse_unless_plain(inner, "file", self.state)
            else:
                known = entry.name in (MANIFEST, JOURNAL, FOLDER_LOCK) or entry.name.startswith(JOURNAL + ".")
                refuse_unless_plain(entry, "file" if known else "any", self.state)

    def _check_journal(self, path: Path) -> dict:
        """The journal a killed build left, once everything it names is shown to be quizgen's to touch."""
        try:
            data = _read_plain(path, MAX_RECORD_BYTES)
            if data is None:
                raise OSError("it cannot be read")
            journal = validate_journal(json.loads(data.decode("utf-8")), self.out, self.course)
            self._check_staged(journal)
        except JournalRefused as exc:
            raise RecordsRefused(
                f"'{path}' was not replayed: {exc}. quizgen completes only a switch it recorded itself, for this "
                f"folder and course; nothing was changed. If you did not expect this file, delete it and build "
                f"again") from None
        except (ValueError, UnicodeDecodeError, OSError, RecursionError) as exc:
            raise OutputError(
                f"'{path}' is damaged ({exc}); the build that wrote it was interrupted while switching "
                f"outputs. Delete it and build again.") from None
        return journal

    def _check_staged(self, journal: dict) -> None:
        """Check the journal against the files on disk: staged files are plain, outputs are the manifests' own.

        Files the journal moves in must be in the new manifest it puts in place; files it
        removes must be in the manifest in place, with the same SHA-256. Once the new
        manifest is in place, every move and removal is done (the manifest moves last):
        only the journal and the staging folder are left to remove.
        """
        staging = self.state / journal["staging"]
        refuse_unless_plain(staging, "folder", self.state)
        staged = staging / "manifest"
        if not refuse_unless_plain(staged, "file", self.state):
            journal["done"] = True
            return
        new, _ = parse_manifest(_read_plain(staged, MAX_RECORD_BYTES), self.out)
        if not new:
            raise JournalRefused(f"its staged manifest '{staged}' is not a manifest of this version of quizgen")
        for name, rel in journal["moves"][:-1]:
            if rel not in new:
                raise JournalRefused(f"it writes '{clip(rel)}', which its new manifest does not list")
            refuse_unless_plain(staging / name, "file", self.state)
        previous, _ = read_last_build(self.out)
        for rel, digest in journal["remove"]:
            if previous.get(rel, {}).get("sha256") != digest:
                raise JournalRefused(f"it removes '{clip(rel)}', which the manifest in place does not list as "
                                     f"written by quizgen")
        for _, _, name, _ in journal["course"]:
            refuse_unless_plain(staging / name, "file", self.state)

    # the switch

    def switch(self, outputs: Mapping[str, Mapping[str, bytes]],
               course_files: Mapping[str, bytes] | None = None, keys: Mapping[str, str] | None = None,
               record: Mapping | None = None, replace_unrecorded: bool = False) -> list[Path]:
        """Replace the previous build's files with `outputs` (by target name) and the course files, all at once.

        `keys` gives the key of the task that rendered each file, `record` what the build read; both go
        into the manifest. A file already at an output's path that the manifest does not list (quizgen
        did not write it) is refused, unless its bytes are the new ones or `replace_unrecorded` is set.
        Return the paths of the output files whose bytes changed, in order.
        """
        course_files = dict(course_files or {})
        plan = self._plan(outputs, course_files, keys or {}, record, replace_unrecorded)
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
            self._replay(validate_journal(journal, self.out, self.course))
        except OSError as exc:
            raise OutputError(
                f"cannot switch the new outputs into '{self.out}': {exc.strerror or exc}; the next build into this "
                f"folder completes the switch") from None
        return plan["written"]

    def _plan(self, outputs: Mapping[str, Mapping[str, bytes]], course_files: dict[str, bytes],
              keys: Mapping[str, str], record: Mapping | None, replace_unrecorded: bool = False) -> dict:
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
        previous, last_record = read_last_build(self.out)
        if not replace_unrecorded:
            self._refuse_unrecorded(data, previous)
        if record is None:  # a write that is no build: the last build's record stands
            record = last_record or None
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
            if rel != COURSE_LOCK:
                raise OutputError(f"a build writes no course file but '{COURSE_LOCK}', not '{rel}'; "
                                  f"this is a bug in quizgen")
            if dst.is_dir():
                raise OutputError(f"cannot write '{dst}': a folder of that name is in the way; remove it")
            tmp = dst.with_name(f".{dst.name}.{self._token}{COURSE_TEMP_SUFFIX}").absolute()
            course.append((tmp, dst.absolute(), f"course-{len(course)}", _sha256(content)))
        changed = sorted(set(data) - same)
        moves = [[f"{index:05d}", rel] for index, rel in enumerate(changed)]
        moves.append(["manifest", f"{STATE_DIR}/{MANIFEST}"])
        return {"data": data, "manifest": dump_manifest(manifest, record), "moves": moves, "remove": remove,
                "course": course, "written": [self.out / rel for rel in changed]}

    def _refuse_unrecorded(self, data: Mapping[str, bytes], previous: Mapping[str, dict]) -> None:
        """Refuse to replace files quizgen did not write: at an output's path, but not in the manifest."""
        unrecorded = [rel for rel, content in data.items()
                      if rel not in previous and os.path.lexists(self.out / rel)
                      and _file_digest(self.out / rel) != _sha256(content)]
        if not unrecorded:
            return
        shown = [f"  {self.out / rel}" for rel in sorted(unrecorded)[:UNRECORDED_SHOWN]]
        if len(unrecorded) > UNRECORDED_SHOWN:
            shown.append(f"  and {len(unrecorded) - UNRECORDED_SHOWN} more")
        one = len(unrecorded) == 1
        files, them = ("file", "it") if one else (f"{len(unrecorded)} files", "them")
        raise OutputError(
            f"{'a ' if one else ''}{files} in '{self.out}' that quizgen did not write (its manifest does not list "
            f"{them}) would be replaced by this build:\n" + "\n".join(shown) + "\n"
            f"Nothing was changed. Move {them} away, build into another folder with -o, or build with --force "
            f"to replace {them}.")

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
        """Do every step of a committed switch that is not done yet (each step may already be done).

        The order: the course's lock, the new outputs, the removals, then the new manifest;
        so while the journal stands, the manifest in place is the previous build's until
        every other step is done.
        """
        staging = self.state / journal["staging"]
        touched = {self.state}
        for tmp, dst, name, digest in journal["course"]:
            tmp, dst = Path(tmp), Path(dst)
            if not journal.get("done") and _file_digest(dst) != digest:  # not switched yet
                if _file_digest(tmp) != digest:
                    _remove_quietly(tmp)  # whatever is in the way: a partial file, a link
                    data = _read_plain(staging / name)
                    if data is None or _sha256(data) != digest:
                        raise OSError(f"the staged copy of '{dst}' is gone")
                    _write_durable(tmp, data)
                os.replace(tmp, dst)
                touched.add(dst.parent)
            _remove_quietly(tmp)
        moves = [] if journal.get("done") else journal["moves"]
        for name, rel in moves[:-1]:
            src, dst = staging / name, self.out / rel
            if os.path.lexists(src):
                dst.parent.mkdir(parents=True, exist_ok=True)
                os.replace(src, dst)
                touched.add(dst.parent)
        for rel, digest in [] if journal.get("done") else journal["remove"]:
            path = self.out / rel
            if not path.is_symlink() and _file_digest(path) == digest:
                path.unlink()
                touched.add(_prune_empty(path.parent, self.out))
        for folder in sorted(touched - {self.state}):
            _fsync_dir(folder)
        if moves and os.path.lexists(staging / moves[-1][0]):
            os.replace(staging / moves[-1][0], self.out / moves[-1][1])
        _fsync_dir(self.state)
        (self.state / JOURNAL).unlink()
        _fsync_dir(self.state)
        shutil.rmtree(staging, ignore_errors=True)


def write_outputs(out_dir: Path | str, files: Mapping[str, bytes], course_dir: Path | str | None = None,
                  course_files: Mapping[str, bytes] | None = None, target: str = "",
                  replace_unrecorded: bool = False) -> list[Path]:
    """Write one set of files into out_dir (and course files into course_dir) as one switch."""
    with OutputFolder(out_dir, course_dir) as folder:
        return folder.switch({target: files}, course_files, replace_unrecorded=replace_unrecorded)
