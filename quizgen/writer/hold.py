"""Holding an output folder: its lock, then its course's, and the folders a build made to have one.

The folder's lock is a file in quizgen's own folder (`.quizgen/build.lock`), named after the build that
holds it, so that a build that has to wait can say for which; the course's is an flock on the course folder
itself (`disk.CourseLock`). Always the folder first, then the course: no two builds deadlock.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from .disk import _NOFOLLOW, CourseLock, _os_error, _read_small, _remove_quietly, _try_flock, fcntl
from .paths import FOLDER_LOCK, OutputError, refuse_unless_plain


class FolderHold:
    """One build's hold on an output folder (and its course): `take`, then `release`."""

    def __init__(self, out: Path, state: Path, course: Path | None, on_wait: Callable[[str], None] | None = None):
        self.out, self.state, self.course = out, state, course
        self.on_wait = on_wait
        self.created: list[Path] = []  # folders this build made, removed again if it fails
        self._lock_fd: int | None = None
        self._course_lock: CourseLock | None = None

    def make_dirs(self) -> None:
        """Make the output folder and quizgen's folder in it, remembering which this build made."""
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
            self.created.append(folder)

    def take(self) -> None:
        """Lock the folder, then the course, waiting for a build that holds either."""
        self._lock_folder()
        if self.course is not None:
            # Serialise builds of one course, and the authoring commands: they all change its files.
            self._course_lock = CourseLock(self.course, on_wait=self._wait).__enter__()

    def release(self, remove_created: bool) -> None:
        """Let go of both locks; `remove_created`: also the folders this build made, where still empty."""
        if self._lock_fd is not None:
            if remove_created and self.state in self.created:
                _remove_quietly(self.state / FOLDER_LOCK)  # while still holding it; waiters notice and retry
            else:
                try:
                    os.ftruncate(self._lock_fd, 0)  # the lock file names nobody between builds
                except OSError:
                    pass
            os.close(self._lock_fd)
            self._lock_fd = None
        if remove_created:
            for folder in reversed(self.created):
                try:
                    folder.rmdir()  # only if empty: never remove what someone else put there
                except OSError:
                    pass
        if self._course_lock is not None:
            self._course_lock.release()
            self._course_lock = None

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
