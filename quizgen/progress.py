"""Progress of a build on the terminal: shown on stderr once a build has run about a second, never when piped.

Before rendering, one line names the stage the build is in; while rendering,
click's progress bar counts the files rendered and the units finished.
"""
from __future__ import annotations

import threading
from collections import Counter

import click

from .parallel import Progress
from .targets import Task

DELAY_SECONDS = 1.0  # a build that finishes sooner shows no progress at all


def say_waiting(message: str) -> None:
    """Tell the user, on stderr, that a command waits for another one ("Waiting for ... ...")."""
    click.echo(message[:1].upper() + message[1:] + " ...", err=True)


class TerminalProgress(Progress):
    """Shows a build's stage, then a bar of files and units rendered, on stderr after DELAY_SECONDS."""

    def __init__(self, enabled: bool, delay: float = DELAY_SECONDS):
        self.enabled = enabled
        self._lock = threading.Lock()  # the timer thread and the build both draw
        self._stage = ""
        self._line_shown = False
        self._due = False
        self._bar = None
        self._tasks: list[Task] = []
        self._left_in_group: Counter[str] = Counter()
        self._units = self._units_done = self._files_done = self._files_drawn = 0
        self._timer = threading.Timer(delay, self._become_due) if enabled else None
        if self._timer is not None:
            self._timer.daemon = True
            self._timer.start()

    # --- what the build reports ------------------------------------------------------------------

    def stage(self, text: str) -> None:
        with self._lock:
            self._stage = text
            if self._due and self._bar is None:
                self._show_stage()

    def start(self, tasks: list[Task]) -> None:
        with self._lock:
            self._tasks = list(tasks)
            self._left_in_group = Counter(task.group or task.label for task in tasks)
            self._units_done = 0
            self._files_done = 0
            self._files_drawn = 0
            if self._due:
                self._show_bar()

    def done(self, task: Task) -> None:
        with self._lock:
            self._files_done += len(task.paths)
            group = task.group or task.label
            self._left_in_group[group] -= 1
            if self._left_in_group[group] == 0 and task.group:
                self._units_done += 1
            if self._bar is not None:
                self._advance_bar()

    def waiting(self, message: str) -> None:
        """Say that the build waits for another, whether progress is shown or not."""
        with self._lock:
            if self._line_shown and self._bar is None:
                click.echo("\r\x1b[K", err=True, nl=False)
                self._line_shown = False
        say_waiting(message)

    def tick(self) -> None:
        with self._lock:
            if self._due and self._bar is None and self._tasks:
                self._show_bar()

    def close(self) -> None:
        with self._lock:
            if self._bar is not None:
                self._advance_bar()
                self._bar.render_finish()
                self._bar = None
                self._line_shown = False
            self._tasks = []

    def clear(self) -> None:
        """Stop showing progress and erase a stage line, before the command prints its results."""
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            self.enabled = False
            if self._bar is not None:
                self._bar.render_finish()
                self._bar = None
            elif self._line_shown:
                click.echo("\r\x1b[K", err=True, nl=False)
            self._line_shown = False

    # --- drawing (with the lock held) ------------------------------------------------------------

    def _become_due(self) -> None:
        with self._lock:
            if not self.enabled:
                return
            self._due = True
            if self._tasks:
                self._show_bar()
            else:
                self._show_stage()

    def _show_stage(self) -> None:
        if self.enabled and self._stage:
            click.echo(f"\r\x1b[K{self._stage}…", err=True, nl=False)
            self._line_shown = True

    def _show_bar(self) -> None:
        if not self.enabled or self._bar is not None:
            return
        if self._line_shown:
            click.echo("\r\x1b[K", err=True, nl=False)
        units = sum(1 for group in {task.group for task in self._tasks} if group)
        self._units = units
        self._bar = click.progressbar(
            length=sum(len(task.paths) for task in self._tasks), label="Rendering",
            file=click.get_text_stream("stderr"),
            show_pos=True, show_percent=False, show_eta=False, item_show_func=lambda text: text,
        )
        self._bar.current_item = self._done_text()
        self._bar.__enter__()
        self._line_shown = True
        self._advance_bar()

    def _advance_bar(self) -> None:
        step = self._files_done - self._files_drawn
        self._files_drawn = self._files_done
        self._bar.current_item = self._done_text()
        if step:
            self._bar.update(step)
        else:
            self._bar.render_progress()

    def _done_text(self) -> str:
        return f"files · {self._units_done}/{self._units} units" if self._units else "files"
