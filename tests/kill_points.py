"""Interrupt real builds at random points and check the output folder is always one whole set.

Each kill point: restore a course and its output folder as a first build left
them, change one fact, start `quizgen build` in a subprocess, send it a signal
after a seeded random delay, and compare what is left with the two complete
sets: the first build's (outputs and lock) and the rebuild's. A third of the
points fall anywhere in the build, a third while files are being staged (after
the first staged file appears: a build stages each file as its task finishes,
so this may be long before the switch), and a third at the switch itself (as
soon as the journal that commits it appears).

SIGINT and SIGTERM must leave one set and no temporary file. SIGKILL cannot be
caught, so after it the next build's recovery step runs first (as any next
build would); then too the folder must hold one whole set.

    python tests/kill_points.py --points 200 --seed 1          # by hand; prints the figures
    pytest -m slow tests/test_interrupts.py                     # a shorter run in the suite
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "courses" / "mini"
T0, T1 = 1_700_000_000, 1_700_086_400  # SOURCE_DATE_EPOCH of the first build and of the rebuild
SIGNALS = {"INT": signal.SIGINT, "TERM": signal.SIGTERM, "KILL": signal.SIGKILL}


def snapshot(out: Path, course: Path) -> dict[str, str]:
    """Every file of the output folder, and the course's lock, by path -> sha256."""
    files = {f"out/{p.relative_to(out)}": _digest(p) for p in sorted(out.rglob("*")) if p.is_file() or p.is_symlink()}
    for p in sorted(course.rglob("*")):
        if p.is_file() and (p.name.startswith(".") or p.name == "quizgen.lock"):
            files[f"course/{p.relative_to(course)}"] = hashlib.sha256(p.read_bytes()).hexdigest()
    return files


def _digest(path: Path) -> str:
    data = path.read_bytes()
    if path.name == "manifest.json" and path.parent.name == ".quizgen":
        # The build record repeats warnings, which name the course's files where that course lies:
        # compare what the manifest says of the files.
        data = json.dumps(json.loads(data)["files"], sort_keys=True).encode()
    return hashlib.sha256(data).hexdigest()


def default_signals() -> None:
    """In a child before exec: the signals a terminal would deliver act by default, even if this process,
    started in the background, ignores them (a shell starts background jobs with SIGINT ignored)."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)


def run_build(course: Path, out: Path, versions: int, epoch: int, **kw) -> subprocess.Popen:
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch), PYTHONPATH=str(TESTS.parent))
    cmd = [sys.executable, "-c", "from quizgen.cli import main; main()", "build", str(course), "-o", str(out),
           "--versions", str(versions)]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=default_signals, **kw)


def change_one_fact(course: Path) -> None:
    facts = course / "steppe" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("role: editor of RT", "role: chief editor of RT"), encoding="utf-8")


@dataclass
class Scene:
    """A pristine course + output folder after the first build, and the two sets a kill may leave."""

    root: Path
    versions: int
    old: dict[str, str]
    new: dict[str, str]
    duration: float  # seconds an uninterrupted rebuild takes
    writing: float  # of which: from the first staged file to the end

    @classmethod
    def make(cls, root: Path, versions: int) -> Scene:
        pristine = root / "pristine"
        shutil.copytree(MINI, pristine / "course", ignore=shutil.ignore_patterns("quizgen.lock"))
        _finish(run_build(pristine / "course", pristine / "out", versions, T0))
        change_one_fact(pristine / "course")
        old = snapshot(pristine / "out", pristine / "course")
        ref = root / "reference"
        shutil.copytree(pristine, ref, symlinks=True)
        start = time.monotonic()
        proc = run_build(ref / "course", ref / "out", versions, T1)
        staged = _wait_for_staging(proc, ref / "out" / ".quizgen", 600)
        _finish(proc)
        end = time.monotonic()
        new = snapshot(ref / "out", ref / "course")
        assert old != new
        return cls(root, versions, old, new, end - start, end - staged)

    def fresh(self, name: str) -> tuple[Path, Path]:
        work = self.root / name
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(self.root / "pristine", work, symlinks=True)
        return work / "course", work / "out"


def _wait_for_staging(proc: subprocess.Popen, state_dir: Path, limit: float) -> float:
    """Wait until the build has staged its first file (or ended); return when."""
    deadline = time.monotonic() + limit
    while proc.poll() is None and time.monotonic() < deadline:
        if any(p.name.startswith("staging-") for p in state_dir.iterdir()):
            break
        time.sleep(0.0005)
    return time.monotonic()


def _wait_for_journal(proc: subprocess.Popen, state_dir: Path, limit: float) -> None:
    """Wait until the build has written the journal that commits its switch (or ended)."""
    deadline = time.monotonic() + limit
    while proc.poll() is None and time.monotonic() < deadline:
        if (state_dir / "journal.json").exists():
            return
        time.sleep(0.0002)


def _finish(proc: subprocess.Popen) -> None:
    out, err = proc.communicate(timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"build failed ({proc.returncode}): {err.decode()}")


@dataclass
class Outcome:
    signal: str
    phase: str  # "anywhere", "writing" or "switching"
    delay: float
    state: str  # "old", "new" or "mixed"
    sent: bool  # False when the build had finished before the signal was due
    returncode: int
    leftovers: list[str]
    stderr: str

    @property
    def early(self) -> bool:
        """Stopped before quizgen's command ran (interpreter start-up, imports): Python prints a traceback.

        Imports may run quizgen's own modules (the CLI declares its options from the targets), so
        the test is whether the traceback passes through the build command itself.
        """
        return "Traceback" in self.stderr and re.search(r'quizgen/cli\.py", line \d+, in build\b', self.stderr) is None

    @property
    def ok(self) -> bool:
        return self.state in ("old", "new") and not self.leftovers and "Internal error" not in self.stderr \
            and ("Traceback" not in self.stderr or self.early)


def temporary_files(course: Path, out: Path) -> list[str]:
    """What a build may leave only while it runs: staged files, a journal, staged course files."""
    left = [str(p) for p in (out / ".quizgen").glob("staging-*")]
    left += [str(p) for p in (out / ".quizgen").glob("journal*")]
    left += [str(p) for p in course.glob(".*.tmp")]
    left += [str(p) for p in out.rglob("*.tmp")]
    return left


def kill_point(scene: Scene, index: int, sig: str, phase: str, rng: random.Random) -> Outcome:
    course, out = scene.fresh(f"run-{index}")
    state_dir = out / ".quizgen"
    proc = run_build(course, out, scene.versions, T1)
    sent = False
    try:
        if phase == "writing":  # wait for the first staged file, then a moment of the write
            _wait_for_staging(proc, state_dir, scene.duration * 3 + 30)
            delay = rng.uniform(0, scene.writing * 0.8)  # the tail is spent closing files and exiting
        elif phase == "switching":  # the switch is committed: the set must come out new
            _wait_for_journal(proc, state_dir, scene.duration * 3 + 30)
            delay = 0.0
        else:
            delay = rng.uniform(0, scene.duration * 0.95)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(SIGNALS[sig])
            sent = True
        _, err = proc.communicate(timeout=600)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if sig == "KILL":
        recover(course, out)
    state = snapshot(out, course)
    verdict = "old" if state == scene.old else "new" if state == scene.new else "mixed"
    outcome = Outcome(sig, phase, delay, verdict, sent, proc.returncode, temporary_files(course, out),
                      err.decode("utf-8", "replace"))
    if outcome.ok:
        shutil.rmtree(course.parent, ignore_errors=True)
    return outcome


def recover(course: Path, out: Path) -> None:
    """What the next build does first: take the folder, finish or undo what a killed build left."""
    env = dict(os.environ, PYTHONPATH=str(TESTS.parent))
    code = ("import sys\nfrom quizgen.writer import OutputFolder\n"
            "with OutputFolder(sys.argv[1], sys.argv[2]):\n    pass\n")
    subprocess.run([sys.executable, "-c", code, str(out), str(course)], env=env, check=True)


def run(points: int, seed: int, versions: int, signals: tuple[str, ...], root: Path, echo=print) -> list[Outcome]:
    rng = random.Random(seed)
    scene = Scene.make(root, versions)
    echo(f"rebuild takes {scene.duration:.2f} s, of which {scene.writing:.2f} s from the first staged file; "
         f"{len(scene.old)} files in each set")
    outcomes = []
    for index in range(points):
        sig = signals[index % len(signals)]
        phase = ("anywhere", "writing", "switching")[(index // len(signals)) % 3]
        outcome = kill_point(scene, index, sig, phase, rng)
        outcomes.append(outcome)
        if not outcome.ok:
            echo(f"FAIL #{index}: SIG{sig} {phase} +{outcome.delay:.3f}s -> {outcome.state}, "
                 f"exit {outcome.returncode}, left {outcome.leftovers}\n{outcome.stderr}")
    return outcomes


def summary(outcomes: list[Outcome]) -> str:
    sent = sum(o.sent for o in outcomes)
    lines = [f"{len(outcomes)} kill points ({sent} signals sent, {len(outcomes) - sent} builds finished first), "
             f"{sum(o.ok for o in outcomes)} left one whole set and no temporary file"]
    table = Counter((o.signal, o.phase, o.state) for o in outcomes)
    for (sig, phase, state), n in sorted(table.items()):
        lines.append(f"  SIG{sig:<4} {phase:<8} -> {state:<5} {n}")
    codes = Counter((o.signal, o.returncode) for o in outcomes)
    lines.append("  exit codes: " + ", ".join(f"SIG{s} {c}: {n}" for (s, c), n in sorted(codes.items())))
    early = sum(o.early for o in outcomes)
    if early:
        lines.append(f"  {early} stopped before the command started (Python's own traceback, nothing written)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--versions", type=int, default=26)
    parser.add_argument("--signals", default="INT,TERM,KILL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        start = time.monotonic()
        outcomes = run(args.points, args.seed, args.versions, tuple(args.signals.split(",")), Path(tmp))
        print(summary(outcomes))
        print(f"  {time.monotonic() - start:.0f} s in all")
    sys.exit(0 if all(o.ok for o in outcomes) else 1)


if __name__ == "__main__":
    main()
