"""Running the targets' tasks: in this process, or in worker processes, always giving the same outputs.

Outputs come back in the order the tasks were listed, whichever finished first,
so the files a build writes never depend on the number of processes. Workers
ignore Ctrl-C: the main process gets it, stops the workers at once and lets the
interrupt go on, so nothing is written.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
from typing import TYPE_CHECKING

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


def run_tasks(tasks: list[Task], jobs: int, progress: Progress | None = None) -> list[Output]:
    """Run every task, in `jobs` worker processes (1: in this one); return their outputs in task order."""
    progress = progress or Progress()
    progress.start(tasks)
    try:
        if jobs <= 1 or len(tasks) <= 1:
            outputs = []
            for task in tasks:
                outputs.append(task.run())
                progress.done(task)
            return outputs
        return _run_in_workers(tasks, min(jobs, len(tasks)), progress)
    finally:
        progress.close()


def _context():
    # forkserver: workers start from a clean, single-threaded server that has already imported
    # the task modules; spawn where there is no forkserver (Windows, some macOS setups).
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


class TaskStopped(BaseException):
    """A worker's task was stopped because the build was interrupted."""


_running = False  # in a worker: a task is running
_stopping = False  # in a worker: the build was interrupted, run nothing more


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


def _run_task(func, args):
    global _running
    if _stopping:
        raise TaskStopped()
    _running = True
    try:
        return func(*args)
    finally:
        _running = False


def _run_in_workers(tasks: list[Task], jobs: int, progress: Progress) -> list[Output]:
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    context = _context()
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(sorted({task.func.__module__ for task in tasks}))
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_init)
    try:
        futures: dict[Future, int] = {executor.submit(_run_task, task.func, task.args): i
                                      for i, task in enumerate(tasks)}
        outputs: list[Output | None] = [None] * len(tasks)
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=futures.__getitem__):
                index = futures[future]
                outputs[index] = future.result()  # a task's error is raised here, as if it ran here
                progress.done(tasks[index])
            progress.tick()
    except BaseException:
        _stop_workers(executor)
        raise
    executor.shutdown(wait=True)
    return outputs  # type: ignore[return-value]


def _stop_workers(executor: ProcessPoolExecutor) -> None:
    """Stop the running tasks now, cancel the others, and wait until the workers are gone."""
    processes = list((getattr(executor, "_processes", None) or {}).values())  # no public list before 3.14
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()  # SIGTERM: the worker stops its task (see _stop_task)
    executor.shutdown(wait=True)
