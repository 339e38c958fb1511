"""Switching a build's files in as one set: staged, committed by a journal, then renamed into place.

    Switch.stage write a task's files to the staging folder as soon as it has finished (`staged.py`)
    Switch.run   check every path, stage the new files not staged yet (and the course's lock file beside its
                 target), write the journal, then replay it
    replay       every step of a committed switch not done yet: the lock file, the outputs, the removals,
                 then the new manifest; a build that finds a journal left by a killed one replays it too
                 (`recovery.py`)
"""
from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Mapping
from pathlib import Path

from .disk import (
    _file_digest,
    _fsync_dir,
    _os_error,
    _prune_empty,
    _read_plain,
    _remove_quietly,
    _sha256,
    _write_atomic,
    _write_durable,
)
from .interrupts import Interrupts
from .manifest import JOURNAL_VERSION, dump_manifest, read_last_build, validate_journal
from .paths import (
    COURSE_LOCK,
    COURSE_TEMP_SUFFIX,
    JOURNAL,
    MANIFEST,
    STAGING_PREFIX,
    STATE_DIR,
    OutputError,
    safe_target,
)
from .staged import StagedFiles, StageIn, Stored

UNRECORDED_SHOWN = 10  # files in the way that a refusal lists by name


class Switch:
    """One build's switch of an output folder (and its course's lock file) to a new set of files."""

    def __init__(self, out: Path, state: Path, course: Path | None, interrupts: Interrupts, token: str):
        self.out, self.state, self.course = out, state, course
        self.interrupts = interrupts
        self.token = token  # names this build's staging folder and temporary files
        self.staging: Path | None = None
        self.staged_course: list[Path] = []
        self._names = 0  # staged files so far: the next one's name
        # Files are staged from the thread that receives the workers' results as well as from this one.
        self._staging_lock = threading.Lock()
        self.switched = False  # the journal is written: the new set wins, whatever happens

    def run(self, outputs: Mapping[str, Mapping[str, bytes]], course_files: Mapping[str, bytes] | None = None,
            keys: Mapping[str, str] | None = None, record: Mapping | None = None,
            replace_unrecorded: bool = False) -> list[Path]:
        """Replace the previous build's files with `outputs` (by target name) and the course files, all at once.

        `keys` gives the key of the task that rendered each file, `record` what the build read; both go
        into the manifest. A file already at an output's path that the manifest does not list (quizgen
        did not write it) is refused, unless its bytes are the new ones or `replace_unrecorded` is set.
        Return the paths of the output files whose bytes changed, in order.
        """
        course_files = dict(course_files or {})
        plan = self._plan(outputs, course_files, keys or {}, record, replace_unrecorded)
        try:
            with self.interrupts.allowed():
                self._stage(plan, course_files)
        except OSError as exc:  # a full disk, most likely: say which folder, not which staged file
            self.interrupts.allow = False
            self.discard()
            raise self._cannot_write(exc) from None
        except BaseException:
            self.interrupts.allow = False
            self.discard()
            raise
        # From here the switch is completed, whatever happens: interrupts wait until it is done.
        journal = {
            "version": JOURNAL_VERSION,
            "staging": self.staging.name,
            "course": [[str(tmp), str(dst), name, digest] for tmp, dst, name, digest in plan["course"]],
            "moves": plan["moves"],
            "remove": plan["remove"],
        }
        try:
            _write_atomic(self.state / JOURNAL, json.dumps(journal, indent=1, sort_keys=True).encode("utf-8"))
        except OSError as exc:
            self.discard()
            raise _os_error(exc, self.state) from None
        self.switched = True
        try:
            replay(validate_journal(journal, self.out, self.course), self.out, self.state, self.course)
        except OSError as exc:
            raise OutputError(
                f"cannot switch the new outputs into '{self.out}': {exc.strerror or exc}; the next build into this "
                f"folder completes the switch") from None
        finally:
            for rel, stored in plan["entries"].items():  # read from the output folder from now on
                stored.final = self.out / rel
        return plan["written"]

    def stage(self, files: Mapping[str, bytes]) -> StagedFiles:
        """Write `files` (path in the output folder -> bytes) to the staging folder now, each flushed to disk;
        return them as a mapping that reads them back when asked. Nothing the user sees changes: the switch
        (`run`) checks every path, then moves them into place, or a failed build removes them (`discard`)."""
        if isinstance(files, StagedFiles):
            return files
        entries = {}
        try:
            staging = self._staging()
            for rel, content in files.items():
                content = bytes(content)
                path = staging / self._next_name()
                _write_durable(path, content)
                entries[rel] = Stored(len(content), _sha256(content), staged=path)
        except OSError as exc:  # a full disk, most likely: say which folder, not which staged file
            raise self._cannot_write(exc) from None
        return StagedFiles(entries)

    def stage_in(self, paths: tuple[str, ...]) -> StageIn:
        """Where another process (a worker) writes the files at `paths` itself, as `stage` would: this build's
        staging folder, made now, and a staged name for each path. The files it writes are this build's like any
        staged here: removed with the staging folder if the build fails, switched in if it succeeds."""
        try:
            staging = self._staging()
        except OSError as exc:
            raise self._cannot_write(exc) from None
        return StageIn(staging, tuple((rel, self._next_name()) for rel in paths), self.out)

    def _staging(self) -> Path:
        with self._staging_lock:
            if self.staging is None:
                self.staging = self.state / f"{STAGING_PREFIX}{self.token}"
                self.staging.mkdir()
            return self.staging

    def _next_name(self) -> str:
        with self._staging_lock:
            name = f"{self._names:05d}"
            self._names += 1
            return name

    def _cannot_write(self, exc: OSError) -> OutputError:
        return OutputError(f"cannot write to '{self.out}': {exc.strerror or exc}")

    def _plan(self, outputs: Mapping[str, Mapping[str, bytes]], course_files: dict[str, bytes],
              keys: Mapping[str, str], record: Mapping | None, replace_unrecorded: bool = False) -> dict:
        """Check every path before anything is written; work out the moves, removals and the new manifest."""
        owner: dict[str, str] = {}
        data: dict[str, Stored] = {}  # each file's size and SHA-256, and where its bytes are: never all read at once
        folded: dict[str, str] = {}
        for target, files in sorted(outputs.items()):
            stored = StagedFiles.merge([files]).entries  # bytes given in memory stay there until staged
            for rel, content in sorted(stored.items()):
                path = safe_target(self.out, rel)
                key = rel.casefold()  # two names one case-insensitive disk would merge
                if key in folded:
                    raise OutputError(f"two outputs would both be written to '{self.out / rel}' "
                                      f"('{folded[key]}' and '{rel}'); this is a bug in quizgen")
                folded[key] = rel
                owner[rel], data[rel] = target, content
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
        manifest = {rel: {"target": owner[rel], "size": stored.size, "sha256": stored.sha256}
                    for rel, stored in data.items()}
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
            tmp = dst.with_name(f".{dst.name}.{self.token}{COURSE_TEMP_SUFFIX}").absolute()
            course.append((tmp, dst.absolute(), f"course-{len(course)}", _sha256(content)))
        changed = sorted(set(data) - same)
        # A file staged as its task finished keeps its name; any other is staged under a new one (`_stage`).
        moves = [[self._staged_name(data[rel]) or self._next_name(), rel] for rel in changed]
        moves.append(["manifest", f"{STATE_DIR}/{MANIFEST}"])
        return {"entries": data, "manifest": dump_manifest(manifest, record), "moves": moves, "remove": remove,
                "course": course, "written": [self.out / rel for rel in changed]}

    def _staged_name(self, stored: Stored) -> str | None:
        """The name of a file in this build's staging folder, or None for a file not staged there."""
        if self.staging is not None and stored.staged is not None and stored.staged.parent == self.staging:
            return stored.staged.name
        return None

    def _refuse_unrecorded(self, data: Mapping[str, Stored], previous: Mapping[str, dict]) -> None:
        """Refuse to replace files quizgen did not write: at an output's path, but not in the manifest."""
        unrecorded = [rel for rel, stored in data.items()
                      if rel not in previous and os.path.lexists(self.out / rel)
                      and _file_digest(self.out / rel) != stored.sha256]
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
        staging = self._staging()
        for name, rel in plan["moves"][:-1]:
            stored = plan["entries"][rel]
            if stored.staged != staging / name:  # not staged as its task finished: read it (once) and stage it
                _write_durable(staging / name, stored.read())
        _write_durable(staging / "manifest", plan["manifest"])
        # The course files are staged twice: beside their target (proof that the course folder takes them,
        # and the rename of the switch), and here, from where a replayed journal can write them again.
        for tmp, dst, name, _ in plan["course"]:
            rel = dst.relative_to(self.course.absolute()).as_posix()
            content = course_files[rel]
            _write_durable(self.staging / name, content)
            self.staged_course.append(tmp)
            try:
                _write_durable(tmp, content)
            except OSError as exc:
                shown = self.course / rel
                raise OutputError(f"cannot write '{shown}': {exc.strerror or exc}; the outputs in '{self.out}' "
                                  f"were left as they were") from None
        _fsync_dir(self.staging)
        if plan["course"]:
            _fsync_dir(self.course)

    def discard(self) -> None:
        """Remove what was staged: the staging folder, and the course files staged beside their targets."""
        for tmp in self.staged_course:
            _remove_quietly(tmp)
        self.staged_course.clear()
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)


def replay(journal: dict, out: Path, state: Path, course: Path | None) -> None:
    """Do every step of a committed switch that is not done yet (each step may already be done).

    The order: the course's lock, the new outputs, the removals, then the new manifest;
    so while the journal stands, the manifest in place is the previous build's until
    every other step is done.
    """
    staging = state / journal["staging"]
    touched = {state}
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
        src, dst = staging / name, out / rel
        if os.path.lexists(src):
            dst.parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, dst)
            touched.add(dst.parent)
    for rel, digest in [] if journal.get("done") else journal["remove"]:
        path = out / rel
        if not path.is_symlink() and _file_digest(path) == digest:
            path.unlink()
            touched.add(_prune_empty(path.parent, out))
    for folder in sorted(touched - {state}):
        _fsync_dir(folder)
    if moves and os.path.lexists(staging / moves[-1][0]):
        os.replace(staging / moves[-1][0], out / moves[-1][1])
    _fsync_dir(state)
    (state / JOURNAL).unlink()
    _fsync_dir(state)
    shutil.rmtree(staging, ignore_errors=True)


