"""Running the targets' tasks: in this process, or in worker processes, always giving the same outputs.

Outputs come back in the order the tasks were listed, whichever finished first,
so the files a build writes never depend on the number of processes. Workers
start in the background while the main process reads the course, from a
forkserver that has imported the targets' libraries once. They ignore Ctrl-C:
the main process gets it, stops them at once (SIGTERM ends the running task)
and lets the interrupt go on, so nothing is written.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from typing import TYPE_CHECKING, Callable, Iterable

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from .targets import Output, Task

POLL_SECONDS = 0.1  # how often a waiting build lets its progress display move


def usable_cpus() -> int:
    """The number of CPUs this process may run on (its affinity, where the platform tells)."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


class Progress:
    """What a build reports as it goes; the command line shows it, other callers may ignore it."""

    def stage(self, text: str) -> None:
        """A stage of the build begins: "Reading the course", "Writing files"."""

    def start(self, tasks: list[Task]) -> None:
        """Rendering begins: these tasks, in order."""

    def done(self, task: Task) -> None:
        """A task finished."""

    def tick(self) -> None:
        """Still working; called every POLL_SECONDS while waiting for workers."""

    def close(self) -> None:
        """Rendering ended, finished or not."""


def run_tasks(tasks: list[Task], workers: Workers | None = None, progress: Progress | None = None,
              meanwhile: Callable[[], None] | None = None) -> list[Output]:
    """Run every task, in the workers or (None) in this process; return their outputs in task order.

    `meanwhile()` is work for this process while the workers run the tasks.
    """
    progress = progress or Progress()
    progress.start(tasks)
    try:
        if workers is None or len(tasks) <= 1:
            if meanwhile is not None:
                meanwhile()
            outputs = []
            for task in tasks:
                outputs.append(task.run())
                progress.done(task)
            return outputs
        return workers.run(tasks, progress, meanwhile)
    finally:
        progress.close()


class Workers:
    """Worker processes for tasks, started at once in the background; use as a context manager.

    Leaving the `with` block normally lets the workers finish and exit; leaving it
    by an exception (an error, Ctrl-C) stops them mid-task.

    The module that starts them must be importable without side effects (the
    usual `if __name__ == "__main__":` guard), as with any multiprocessing pool.
    """

    def __init__(self, count: int, preload: Iterable[str] = ()):
        self.count = count
        self._preload = sorted(set(preload))
        self._executor: ProcessPoolExecutor | None = None
        self._start_error: BaseException | None = None
        # Starting waits for the forkserver to import the preloaded modules: let the caller go on.
        self._starter = threading.Thread(target=self._start, name="quizgen-workers-start", daemon=True)
        self._starter.start()

    def _start(self) -> None:
        from concurrent.futures import ProcessPoolExecutor, wait

        try:
            context = _context()
            if context.get_start_method() == "forkserver":
                context.set_forkserver_preload(self._preload)
            self._executor = ProcessPoolExecutor(max_workers=self.count, mp_context=context,
                                                 initializer=_worker_init)
            # The executor starts a process per task waiting; one empty task each starts them all.
            wait([self._executor.submit(_ready) for _ in range(self.count)])
        except BaseException as exc:  # reported when the workers are first used
            self._start_error = exc

    def _ready_executor(self) -> ProcessPoolExecutor:
        self._starter.join()
        if self._start_error is not None:
            raise self._start_error
        assert self._executor is not None
        return self._executor

    def run(self, tasks: list[Task], progress: Progress, meanwhile: Callable[[], None] | None = None) -> list[Output]:
        """Run the tasks in the workers, and `meanwhile()` here; return the tasks' outputs in task order."""
        from concurrent.futures import FIRST_COMPLETED, wait

        executor = self._ready_executor()
        futures: dict[Future, int] = {executor.submit(_run_task, task.func, task.args): i
                                      for i, task in enumerate(tasks)}
        if meanwhile is not None:
            meanwhile()
        outputs: list[Output | None] = [None] * len(tasks)
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=futures.__getitem__):
                index = futures[future]
                outputs[index] = future.result()  # a task's error is raised here, as if it ran here
                progress.done(tasks[index])
            progress.tick()
        return outputs  # type: ignore[return-value]

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self._starter.join()
        executor, self._executor = self._executor, None
        if executor is None:
            return
        try:
            if exc_type is None:
                executor.shutdown(wait=True)
            else:
                _stop(executor)
        finally:
            _stop_forkserver()


def _context():
    # forkserver: workers start from a clean, single-threaded server that has already imported
    # the preloaded modules; spawn where there is no forkserver (Windows, some macOS setups).
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _stop_forkserver() -> None:
    """End the forkserver with the build, not a moment after this process exits.

    (Its resource tracker is left to end on exit: it still has the executor's semaphores to clean up.)
    """
    from multiprocessing import forkserver

    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)  # private, there since Python 3.8
    if stop is not None:
        stop()


def _stop(executor: ProcessPoolExecutor) -> None:
    """Stop the running tasks now, cancel the others, and wait until the workers are gone."""
    processes = list((getattr(executor, "_processes", None) or {}).values())  # no public list before 3.14
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()  # SIGTERM: the worker stops its task (see _stop_task)
    executor.shutdown(wait=True)


# --- in the worker processes -------------------------------------------------------------------


class TaskStopped(BaseException):
    """A worker's task was stopped because the build was interrupted."""


_running = False  # a task is running
_stopping = False  # the build was interrupted: run nothing more


def _worker_init() -> None:
    # Ctrl-C reaches every process of the terminal's group: only the main process answers it,
    # and asks the workers to stop with SIGTERM.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_task)


def _stop_task(signum, frame) -> None:
    # Stop the running task at once. An idle worker keeps waiting: the executor then ends it
    # in the ordinary way, which leaves its queues in order.
    global _stopping
    _stopping = True
    if _running:
        raise TaskStopped()


def _ready() -> None:
    """An empty task: running it shows the worker has started."""


def _run_task(func, args):
    global _running
    if _stopping:
        raise TaskStopped()
    _running = True
    try:
        return func(*args)
    finally:
        _running = False
