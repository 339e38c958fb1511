"""Running the targets' tasks: in this process, or in worker processes, always giving the same outputs.

Outputs come back in the order the tasks were listed, whichever finished first,
so the files a build writes never depend on the number of processes. Workers
start in the background while the main process reads the course, from a
forkserver that has imported the targets' libraries once. They ignore Ctrl-C:
the main process gets it, stops them at once (SIGTERM ends the running task)
and lets the interrupt go on, so nothing is written.

A worker, or the forkserver, that dies (the kernel's out-of-memory killer sends
SIGKILL) is a `WorkerDied` error saying which and by what signal. Whatever
stops a build, its worker processes end with it: each is known by its process
id (and start time), and one that outlives a stop is ended by that id, even
when the pool has lost track of it (a dead forkserver leaves its workers
orphaned and reported dead).
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from .targets import Output, Task

POLL_SECONDS = 0.1  # how often a waiting build lets its progress display move
STOP_GRACE_SECONDS = 1.0  # how long stopped workers have to end before they are killed


class WorkerDied(Exception):
    """A worker process (or the server that starts them) died while the build needed it."""


def usable_cpus() -> int:
    """The number of CPUs this process may run on (its affinity, where the platform tells)."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


class Progress:
    """What a build reports as it goes; the command line shows it, other callers may ignore it.

    The one object a build is handed besides data: what it hears of happens while the build is busy or
    waiting (a task finishing in a worker, another build holding the output folder), where no return value
    can carry it.
    """

    def stage(self, text: str) -> None:
        """A stage of the build begins: "Reading the course", "Writing files"."""

    def waiting(self, message: str) -> None:
        """The build waits for another one to finish with its output folder or course."""

    def start(self, tasks: list[Task]) -> None:
        """Rendering begins: these tasks, in order."""

    def done(self, task: Task) -> None:
        """A task finished."""

    def tick(self) -> None:
        """Still working; called every POLL_SECONDS while waiting for workers."""

    def close(self) -> None:
        """Rendering ended, finished or not."""


class Rendering:
    """Tasks started: in the workers at once, or kept to run in this process when `wait` is called.

        with start_tasks(tasks, workers, progress) as rendering:
            ...                               # this process's own work, while the workers render
            outputs = rendering.wait()        # in task order

    Leaving the block, finished or not, tells `progress` that rendering ended.

    `keep` is called on each task's output as soon as the task has finished, and what it returns is kept
    instead: the build writes the files to its staging folder there. With workers, that happens in the
    thread that receives their results, while this process is busy with its own work, so that finished
    files never pile up in memory waiting for `wait`; `keep` must therefore be safe to call from another
    thread.

    `finish`, when given, is asked for each task run by a worker a picklable callable that the worker calls on
    the task's output before sending it back: the build's writes the files to its staging folder there, so
    that what comes back is their names and digests, never their bytes (`keep` then has nothing left to write).
    """

    def __init__(self, tasks: list[Task], workers: Workers | None, progress: Progress,
                 keep: Callable[[Output], Output] | None = None,
                 finish: Callable[[Task], Callable[[Output], Output]] | None = None):
        self.tasks = list(tasks)
        self.progress = progress
        self.keep = keep or _as_is
        self._workers = workers if workers is not None and len(self.tasks) > 1 else None
        progress.start(self.tasks)
        self._futures = self._workers.submit(self.tasks, self.keep, finish) if self._workers is not None else None

    def wait(self) -> list[Output]:
        """The tasks' outputs, in task order, as `keep` returned them (a task's error is raised here, as if it
        ran here)."""
        if self._workers is None or self._futures is None:
            outputs = []
            for task in self.tasks:
                outputs.append(self.keep(task.run()))
                self.progress.done(task)
            return outputs
        return self._workers.collect(self.tasks, self._futures, self.progress)

    def __enter__(self) -> Rendering:
        return self

    def __exit__(self, *exc) -> None:
        self.progress.close()


def _as_is(output: Output) -> Output:
    return output


def start_tasks(tasks: list[Task], workers: Workers | None = None, progress: Progress | None = None,
                keep: Callable[[Output], Output] | None = None,
                finish: Callable[[Task], Callable[[Output], Output]] | None = None) -> Rendering:
    """Start every task in the workers (None, or a single task: in this process, once waited for); `keep` is
    called on each output as its task finishes, and a worker calls `finish(task)` on it first (see
    `Rendering`)."""
    return Rendering(tasks, workers, progress or Progress(), keep, finish)


def run_tasks(tasks: list[Task], workers: Workers | None = None, progress: Progress | None = None) -> list[Output]:
    """Run every task, in the workers or (None) in this process; return their outputs in task order."""
    with start_tasks(tasks, workers, progress) as rendering:
        return rendering.wait()


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
        self._seen: dict[int, str] = {}  # every worker's process id -> its start time, to end it by its id
        self._forkserver: int | None = None
        # Starting waits for the forkserver to import the preloaded modules: let the caller go on.
        self._starter = threading.Thread(target=self._start, name="quizgen-workers-start", daemon=True)
        self._starter.start()

    def _start(self) -> None:
        from concurrent.futures import ProcessPoolExecutor, wait

        try:
            context = _context()
            if context.get_start_method() == "forkserver":
                context.set_forkserver_preload(self._preload)
            main = os.getpid()
            self._executor = ProcessPoolExecutor(max_workers=self.count, mp_context=context,
                                                 initializer=_worker_init, initargs=(main, _started(main)))
            # The executor starts a process per task waiting; one empty task each starts them all.
            wait([self._executor.submit(_ready) for _ in range(self.count)])
            self._note_processes(self._executor)
        except BaseException as exc:  # reported when the workers are first used
            self._start_error = exc

    def _note_processes(self, executor: ProcessPoolExecutor) -> None:
        """Remember the pool's processes by id, while the pool still lists them."""
        if self._forkserver is None:
            self._forkserver = _forkserver_pid()
        try:
            pids = list(getattr(executor, "_processes", None) or {})  # no public list before 3.14
        except RuntimeError:  # changed while read: the next call catches up
            return
        for pid in pids:
            if pid not in self._seen:
                self._seen[pid] = _started(pid)

    def _ready_executor(self) -> ProcessPoolExecutor:
        self._starter.join()
        if self._start_error is not None:
            raise self._start_error
        assert self._executor is not None
        return self._executor

    def submit(self, tasks: list[Task], keep: Callable[[Output], Output],
               finish: Callable[[Task], Callable[[Output], Output]] | None = None) -> dict[Future, int]:
        """Hand every task to the workers; return, with each task's index, a future of its output as `keep`
        returns it. The worker calls `finish(task)` (a picklable callable) on the output before sending it back.
        `keep` runs as each task finishes, in the thread that receives the workers' results, and the output as
        the worker sent it is let go of then (a future of the pool keeps its result)."""
        from concurrent.futures import Future

        executor = self._ready_executor()
        futures: dict[Future, int] = {}
        with self._deaths_reported():
            for index, task in enumerate(tasks):
                kept: Future = Future()
                after = finish(task) if finish is not None else None
                executor.submit(_run_task, task.func, task.args, after).add_done_callback(
                    lambda running, kept=kept: _pass_on(running, kept, keep))
                futures[kept] = index
            self._note_processes(executor)
        return futures

    def collect(self, tasks: list[Task], futures: dict[Future, int], progress: Progress) -> list[Output]:
        """Wait for the submitted tasks; return their outputs (as `keep` returned them) in task order."""
        from concurrent.futures import FIRST_COMPLETED, wait

        executor = self._ready_executor()
        outputs: list[Output | None] = [None] * len(tasks)
        with self._deaths_reported():
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                self._note_processes(executor)
                for future in sorted(finished, key=futures.__getitem__):
                    index = futures.pop(future)  # the future holds its result: let go of both once kept
                    outputs[index] = future.result()  # a task's error is raised here, as if it ran here
                    progress.done(tasks[index])
                progress.tick()
        return outputs  # type: ignore[return-value]

    @contextmanager
    def _deaths_reported(self):
        """A worker (or the forkserver) that died while the pool was used: a WorkerDied saying which and how."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            yield
        except (BrokenProcessPool, OSError, EOFError) as exc:
            death = self._death()
            if death is None and isinstance(exc, (OSError, EOFError)):
                raise  # no process died: a task's own error
            raise WorkerDied(f"{death or 'a worker process ended unexpectedly'}; nothing was written. Build "
                             f"again, or with --jobs 1 to render in this one process") from None

    def _death(self) -> str | None:
        """Which process of the pool died, and how; None if none did."""
        if self._forkserver is not None:
            how = _exit_of_child(self._forkserver)
            if how is not None:
                return f"the process that starts the worker processes {how}"
        executor = self._executor
        processes = dict(getattr(executor, "_processes", None) or {}) if executor is not None else {}
        for pid in self._seen:
            if not _alive(pid, self._seen[pid]):
                code = getattr(processes.get(pid), "exitcode", None)
                return f"a worker process {_described(code)}"
        return None

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
                _stop(executor, self._seen)
        finally:
            _stop_forkserver()


def _pass_on(running: Future, kept: Future, keep: Callable[[Output], Output]) -> None:
    """A finished task's result, or its error, handed on to `kept` as `keep` makes it (a pool's callback)."""
    if running.cancelled():
        kept.cancel()
        return
    error = running.exception()
    if error is None:
        try:
            result = keep(running.result())
        except BaseException as exc:  # the files could not be kept (a full disk): the build's error
            error = exc
        else:
            kept.set_result(result)
            return
    kept.set_exception(error)


def _context():
    # forkserver: workers start from a clean, single-threaded server that has already imported
    # the preloaded modules; spawn where there is no forkserver (Windows, some macOS setups).
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _forkserver_pid() -> int | None:
    from multiprocessing import forkserver

    return getattr(getattr(forkserver, "_forkserver", None), "_forkserver_pid", None)  # private, since 3.4


def _stop_forkserver() -> None:
    """End the forkserver with the build, not a moment after this process exits.

    (Its resource tracker is left to end on exit: it still has the executor's semaphores to clean up.)
    """
    from multiprocessing import forkserver

    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)  # private, there since Python 3.8
    if stop is not None:
        stop()


def _stop(executor: ProcessPoolExecutor, seen: dict[int, str]) -> None:
    """Stop the running tasks now, cancel the others, and wait until the workers are gone.

    Workers that have not ended after STOP_GRACE_SECONDS (orphans of a dead forkserver,
    which the pool reports dead and no longer signals) are killed by their ids.
    """
    processes = list((getattr(executor, "_processes", None) or {}).values())  # no public list before 3.14
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()  # SIGTERM: the worker stops its task (see _stop_task)
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    while any(_alive(pid, started) for pid, started in seen.items()) and time.monotonic() < deadline:
        time.sleep(0.02)
    for pid, started in seen.items():
        if _alive(pid, started):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    executor.shutdown(wait=True)


# --- processes by id ------------------------------------------------------------------------------


def _started(pid: int) -> str:
    """When a process started (Linux: its start time in clock ticks), so that a reused id is never mistaken
    for it; "" where the platform does not tell."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[19].decode()
    except (OSError, IndexError):
        return ""


def _alive(pid: int, started: str) -> bool:
    """Whether the process `pid` that started at `started` still runs (a zombie has ended)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
        return fields[0] != b"Z" and (not started or fields[19].decode() == started)
    except (OSError, IndexError):
        if os.path.isdir("/proc/self"):
            return False  # gone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _exit_of_child(pid: int) -> str | None:
    """How a child of this process ended, without reaping it; None while it runs."""
    waitid = getattr(os, "waitid", None)
    if waitid is None:
        return None
    try:
        info = waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    except ChildProcessError:
        return None  # not our child, or already reaped
    if info is None:
        return None
    if info.si_code in (os.CLD_KILLED, os.CLD_DUMPED):
        return _described(-info.si_status)
    return _described(info.si_status)


def _described(code: int | None) -> str:
    """How a process ended, for the user: killed by which signal, or its exit status."""
    if code is None:
        return "ended unexpectedly"
    if code < 0:
        number = -code
        return f"was killed (signal {number}{'; out of memory?' if number == signal.SIGKILL else ''})"
    return f"ended unexpectedly (exit status {code})"


# --- in the worker processes -------------------------------------------------------------------


class TaskStopped(BaseException):
    """A worker's task was stopped because the build was interrupted."""


_running = False  # a task is running
_stopping = False  # the build was interrupted: run nothing more


WATCH_SECONDS = 0.5  # how often a worker looks whether the build it works for is still there


def _worker_init(main: int, main_started: str) -> None:
    # Ctrl-C reaches every process of the terminal's group: only the main process answers it,
    # and asks the workers to stop with SIGTERM.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_task)
    threading.Thread(target=_watch_build, args=(main, main_started), name="quizgen-watch-build", daemon=True).start()


def _watch_build(main: int, main_started: str) -> None:
    """End this worker once the build's process is gone (SIGKILL, a crash): nothing will read its results.

    Without this, a worker whose build was killed while it sent a result waits forever on the
    full pipe (it holds the pipe's other end itself), and with it the forkserver and the resource
    tracker, which wait for the worker's copies of their pipes to close.
    """
    while _alive(main, main_started):
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def _stop_task(signum, frame) -> None:
    # Stop the running task at once. An idle worker keeps waiting: the executor then ends it
    # in the ordinary way, which leaves its queues in order.
    global _stopping
    _stopping = True
    if _running:
        raise TaskStopped()


def _ready() -> None:
    """An empty task: running it shows the worker has started."""


def _run_task(func, args, finish=None):
    global _running
    if _stopping:
        raise TaskStopped()
    _running = True
    try:
        output = func(*args)
        # The worker's copy of the files is let go of once `finish` has written them: only names go back.
        return output if finish is None else finish(output)
    finally:
        _running = False
