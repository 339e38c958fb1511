"""An output folder held by one build: locked and recovered (`hold.py`, `recovery.py`), then switched to a new
set of files at once (`switch.py`)."""
from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .disk import _os_error
from .hold import FolderHold
from .interrupts import Interrupts
from .paths import STATE_DIR, check_output_dir, refuse_unless_plain
from .recovery import recover
from .switch import Switch

if TYPE_CHECKING:
    from ..targets import Output


class OutputFolder:
    """An output folder held by one build: locked, recovered, then switched to a new set of files at once.

        with OutputFolder(out_dir, course_dir) as folder:
            files = render(...)                       # may be interrupted: nothing has changed yet
            folder.switch({"anki": {...}, "pdf": {...}}, {"quizgen.lock": b"..."})

    Leaving the block by an error before the switch is committed removes what was staged and the folders
    this build made; after it, the switch is completed whatever happens.
    """

    def __init__(self, out_dir: Path | str, course_dir: Path | str | None = None,
                 on_wait: Callable[[str], None] | None = None):
        self.out = check_output_dir(out_dir, course_dir)
        self.course = Path(course_dir) if course_dir is not None else None
        self.state = self.out / STATE_DIR
        self.interrupts = Interrupts()
        self.hold = FolderHold(self.out, self.state, self.course, on_wait)
        token = f"{os.getpid()}-{secrets.token_hex(4)}"  # names this build's staged files
        self._switch = Switch(self.out, self.state, self.course, self.interrupts, token)

    @property
    def switched(self) -> bool:
        return self._switch.switched

    def __enter__(self) -> OutputFolder:
        self.interrupts.install()
        try:
            # Before anything is made or locked in it: quizgen's folder must be a folder, not a link elsewhere.
            refuse_unless_plain(self.state, "folder", self.state)
            try:
                self.hold.make_dirs()
            except OSError as exc:
                raise _os_error(exc, self.out) from None
            with self.interrupts.allowed():  # always the folder first, then the course: no two builds deadlock
                self.hold.take()
            recover(self.out, self.state, self.course)
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

    def stage(self, output: Output) -> Output:
        """`output` with its files written to this build's staging folder now, read back from there when asked
        for (`Switch.stage`): a build holds no more than one task's files in memory."""
        return replace(output, files=self._switch.stage(output.files))

    def stage_in(self, paths: tuple[str, ...]):
        """A callable that writes a task's files (`paths`) to this build's staging folder in the process that
        renders them, a worker, and returns its output with staged files (`Switch.stage_in`); what the worker
        then sends back is their names and digests, not their bytes."""
        return self._switch.stage_in(paths)

    def switch(self, outputs: Mapping[str, Mapping[str, bytes]],
               course_files: Mapping[str, bytes] | None = None, keys: Mapping[str, str] | None = None,
               record: Mapping | None = None, replace_unrecorded: bool = False) -> list[Path]:
        """Replace the previous build's files with `outputs` (by target name) and the course files, all at once
        (`Switch.run`); return the paths of the output files whose bytes changed, in order."""
        return self._switch.run(outputs, course_files, keys, record, replace_unrecorded)

    def _leave(self, failed: bool) -> None:
        self.interrupts.allow = False
        try:
            if failed and not self.switched:
                self._switch.discard()
            self.hold.release(remove_created=failed and not self.switched)
        finally:
            self.interrupts.restore()


def write_outputs(out_dir: Path | str, files: Mapping[str, bytes], course_dir: Path | str | None = None,
                  course_files: Mapping[str, bytes] | None = None, target: str = "",
                  replace_unrecorded: bool = False) -> list[Path]:
    """Write one set of files into out_dir (and course files into course_dir) as one switch."""
    with OutputFolder(out_dir, course_dir) as folder:
        return folder.switch({target: files}, course_files, replace_unrecorded=replace_unrecorded)
