"""A build's outputs change together or not at all: interrupts, kills, crashes mid-switch, concurrent builds.

The outputs of a rebuild (a changed fact) and the course's lock are compared
with the two complete sets a build may leave: the previous build's and the new
one's. `kill_points.py` holds the harness; run it by hand for many more points.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import quizgen.writer as writer
from helpers import MINI, REPO, copy_course, run_cli
from kill_points import T0, T1, change_one_fact, default_signals, run, snapshot, summary, temporary_files
from quizgen.writer import JOURNAL, STATE_DIR, OutputFolder


def build_env(epoch: int) -> dict[str, str]:
    return dict(os.environ, SOURCE_DATE_EPOCH=str(epoch), PYTHONPATH=str(REPO))


@pytest.fixture
def rebuilt(tmp_path):
    """A course built once (versions A-F), one fact changed since; and the set the rebuild makes."""
    course, out = tmp_path / "mini", tmp_path / "dist"
    copy_course(MINI, course, keep_lock=False)
    assert run_cli("build", course, "-o", out, "--versions", "6").exit_code == 0
    change_one_fact(course)
    old = snapshot(out, course)
    ref = tmp_path / "reference"
    shutil.copytree(course, ref / "mini")
    shutil.copytree(out, ref / "dist")
    result = subprocess.run([sys.executable, "-m", "quizgen.cli", "build", str(ref / "mini"), "-o",
                             str(ref / "dist"), "--versions", "6"], env=build_env(T1), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    new = snapshot(ref / "dist", ref / "mini")
    assert old != new
    return course, out, old, new


# A build that stops at a chosen point of its write and says so: the test then sends a signal.
DRIVER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path

    import quizgen.writer.switch as folder
    from quizgen.cli import main

    course, out, ready, where, nth = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4], int(sys.argv[5])
    calls = [0]

    def pausing(real):
        def wrapper(*args, **kwargs):
            result = real(*args, **kwargs)
            calls[0] += 1
            if calls[0] == nth:
                ready.write_text("ready")
                time.sleep(3)
            return result
        return wrapper

    if where == "staging":  # the nth file written to disk
        folder._write_durable = pausing(folder._write_durable)
    else:  # the nth rename: 1 commits the journal, 2 moves the lock, then the outputs
        os.replace = pausing(os.replace)
    sys.argv = ["quizgen", "build", course, "-o", out, "--versions", "6"]
    main()
""")


def run_paused(tmp_path: Path, course: Path, out: Path, where: str, nth: int, sig: int):
    driver, ready = tmp_path / "driver.py", tmp_path / "ready"
    driver.write_text(DRIVER, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(driver), str(course), str(out), str(ready), where, str(nth)],
                            env=build_env(T1), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=default_signals)
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the build never reached the pause"
            time.sleep(0.01)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode, err


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("where, nth, expected", [("staging", 5, "old"), ("switch", 4, "new")],
                         ids=["while-staging", "while-switching"])
def test_an_interrupt_leaves_one_whole_set(rebuilt, tmp_path, sig, where, nth, expected):
    """Defect 1: Ctrl-C after the first files were written mixed two builds and left temporary files.

    While staging, an interrupt leaves the previous set; during the renames it waits for them, so the
    folder holds the whole new set; either way the build then stops as interrupted, without a traceback.
    """
    course, out, old, new = rebuilt
    code, err = run_paused(tmp_path, course, out, where, nth, sig)
    assert code == 128 + sig, err
    assert "Interrupted." in err or sig != signal.SIGINT
    assert "Traceback" not in err and "Internal error" not in err
    assert snapshot(out, course) == {"old": old, "new": new}[expected]
    assert temporary_files(course, out) == []


@pytest.mark.slow
def test_killed_build_is_completed_by_the_next_one(rebuilt, tmp_path):
    """SIGKILL after the journal: the folder is half switched until the next build replays the journal."""
    course, out, old, new = rebuilt
    code, _ = run_paused(tmp_path, course, out, "switch", 6, signal.SIGKILL)
    assert code == -signal.SIGKILL
    assert (out / STATE_DIR / JOURNAL).exists()
    assert snapshot(out, course) not in (old, new)
    with OutputFolder(out, course):  # what every build does first
        pass
    assert snapshot(out, course) == new
    assert temporary_files(course, out) == []


@pytest.mark.slow
def test_killed_while_staging_is_cleaned_by_the_next_one(rebuilt, tmp_path):
    course, out, old, new = rebuilt
    code, _ = run_paused(tmp_path, course, out, "staging", 5, signal.SIGKILL)
    assert code == -signal.SIGKILL
    assert temporary_files(course, out)  # a killed process cannot clean up after itself
    with OutputFolder(out, course):
        pass
    assert snapshot(out, course) == old
    assert temporary_files(course, out) == []


class Crash(BaseException):
    """Stands for the process dying: nothing after it runs."""


OLD = {"a.bin": b"old a", "b/c.bin": b"old c", "gone.bin": b"old"}
NEW = {"a.bin": b"new a", "b/c.bin": b"new c", "d/e/f.bin": b"new f"}


def first_build(root: Path) -> tuple[Path, Path]:
    course, out = root / "course", root / "out"
    course.mkdir(parents=True)
    writer.write_outputs(out, OLD, course, {"quizgen.lock": b"old lock"})
    (out / "mine.txt").write_text("the user's own file")
    return course, out


@pytest.mark.parametrize("cut", range(6))
def test_a_crash_at_any_step_of_the_switch_is_recovered(tmp_path, monkeypatch, cut):
    """The switch renames the journal, the lock, three outputs and the manifest; the process dies after `cut`.

    Before the journal is in place the previous set stands; after, replaying it gives the new set.
    """
    course, out = first_build(tmp_path / "reference")
    writer.write_outputs(out, NEW, course, {"quizgen.lock": b"new lock"})
    new = snapshot(out, course)
    course, out = first_build(tmp_path / "crash")
    old = snapshot(out, course)
    real_replace, calls = os.replace, [0]

    def dying(src, dst):
        calls[0] += 1
        if calls[0] > cut:
            raise Crash()
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", dying)
    with pytest.raises(Crash):
        writer.write_outputs(out, NEW, course, {"quizgen.lock": b"new lock"})
    monkeypatch.setattr(os, "replace", real_replace)
    assert (out / STATE_DIR / JOURNAL).exists() == (cut > 0)
    with OutputFolder(out, course):  # what every build does first
        pass
    assert snapshot(out, course) == (new if cut else old)
    assert temporary_files(course, out) == []
    assert (out / "mine.txt").read_text() == "the user's own file"


@pytest.mark.slow  # runs a second build in another process
def test_second_build_waits_for_the_first_and_names_it(tmp_path):
    """Defect 8: two builds into one folder swept each other's temporary files; now the second waits."""
    course, out = tmp_path / "mini", tmp_path / "dist"
    copy_course(MINI, course, keep_lock=False)
    log = tmp_path / "second.log"
    with OutputFolder(out, course):
        with log.open("w") as err:
            proc = subprocess.Popen([sys.executable, "-m", "quizgen.cli", "build", str(course), "-o", str(out)],
                                    env=build_env(T0), stdout=subprocess.DEVNULL, stderr=err)
        try:
            deadline = time.monotonic() + 120
            while "Waiting for" not in log.read_text():
                assert proc.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "the second build never said it waits"
                time.sleep(0.05)
            time.sleep(0.5)
            assert proc.poll() is None  # still waiting while this process holds the folder
        except BaseException:
            proc.kill()
            raise
    assert proc.wait(timeout=120) == 0, log.read_text()
    first_line = log.read_text().splitlines()[0]
    assert first_line.startswith(f"Waiting for the quizgen build with process id {os.getpid()} (started ")
    assert first_line.endswith(f"to finish with '{out}' ...")
    assert (out / "mini-steppe.apkg").is_file()
    assert (out / STATE_DIR / "build.lock").read_bytes() == b""  # names nobody between builds


@pytest.mark.slow
def test_concurrent_builds_into_one_folder_both_succeed(rebuilt, tmp_path):
    course, out, old, new = rebuilt
    for attempt in range(4):
        if attempt:
            shutil.rmtree(out)
            shutil.copytree(tmp_path / "reference" / "dist", out)  # any complete set will do as a start
        procs = [subprocess.Popen([sys.executable, "-m", "quizgen.cli", "build", str(course), "-o", str(out),
                                   "--versions", "6"], env=build_env(T1), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(2)]
        results = [p.communicate(timeout=300) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], results
        assert snapshot(out, course) == new
        assert temporary_files(course, out) == []


@pytest.mark.slow
def test_interrupts_at_random_points_leave_one_whole_set(tmp_path):
    """SIGINT, SIGTERM and SIGKILL at 30 seeded random points of real rebuilds (see kill_points.py)."""
    outcomes = run(points=30, seed=20240601, versions=6, signals=("INT", "TERM", "KILL"), root=tmp_path,
                   echo=lambda *_: None)
    report = summary(outcomes)
    assert all(o.ok for o in outcomes), report + "\n" + "\n".join(
        f"{o.signal} {o.phase} +{o.delay:.3f}: {o.state} {o.leftovers} {o.stderr[-300:]}" for o in outcomes if not o.ok)
    assert {o.state for o in outcomes} == {"old", "new"}, report  # kills landed before and after the switch


def test_an_ignored_signal_stays_ignored(tmp_path):
    """`nohup quizgen build` ignores SIGHUP: holding the output folder must not start acting on it."""
    course, out = tmp_path / "course", tmp_path / "out"
    course.mkdir()
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        with OutputFolder(out, course):
            assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
            assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL  # held until the outputs are whole
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    finally:
        signal.signal(signal.SIGHUP, previous)


def test_an_interrupt_a_library_turned_into_its_own_error_is_still_the_interrupt():
    """SIGTERM raised inside reportlab once came out as reportlab's KeyError ('forward reference ... not
    resolved'), and the CLI called it an internal error. Whatever a library makes of it, it is the interrupt."""
    import time

    from quizgen.writer.interrupts import Interrupts, Terminated

    interrupts = Interrupts()
    interrupts.install()
    try:
        with pytest.raises(Terminated) as caught:
            with interrupts.allowed():
                try:
                    os.kill(os.getpid(), signal.SIGTERM)
                    time.sleep(5)  # the handler raises here
                except BaseException:  # a library's clean-up, failing on its half-done state
                    raise KeyError("forward reference not resolved upon final formatting") from None
        assert isinstance(caught.value.__cause__, KeyError)
    finally:
        interrupts.restore()
