"""Time `quizgen build` and `quizgen check` against a floor, and measure their peak memory, in one run.

Prints, side by side: the floor (plain genanki + reportlab writing as many notes, PDFs
and questions, one layout pass each, benchmarks/floor.py); a full build with
`--jobs 1` and with the default; a rebuild with nothing changed; a rebuild after
editing one fact; then `check` and `build` at 1x, 2x, 4x and 8x the facts. Then the
goals, as ratios measured in this run. Asserts nothing: speed belongs here, not in
tests, and a shared machine makes single figures noisy (the load average is printed).

Every figure is the wall time of the real command in a fresh process, as a user
would wait for it. Peak RSS is the main process's and the largest worker's.

Usage: python benchmarks/bench_build.py [--units 20] [--facts 60] [--repeat 3] [--scales 1,2,4,8]
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shapes import plain_fact  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
QUIZGEN = [sys.executable, "-c", "import sys; from quizgen.cli import main; sys.exit(main())"]
GOALS = {  # name: (limit, what it compares)
    "full build, default jobs": (1.5, "x the floor"),
    "full build, --jobs 1": (2.5, "x the floor"),
    "no-op rebuild": (0.05, "of a full build"),
    "4x the facts": (4.6, "x the time of 1x"),
}


def make_large_course(root: Path, units: int, facts_per_unit: int) -> Path:
    """Write a synthetic course: every unit has people, events and terms with checkable quotes."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "course.yaml").write_text(
        "title: Synthetic benchmark course\nslug: bench\nunits:\n"
        + "".join(f"  - unit-{u:03d}\n" for u in range(units))
        + "settings:\n  versions: 2\n",
        encoding="utf-8",
    )
    for u in range(units):
        unit = root / f"unit-{u:03d}"
        unit.mkdir()
        paragraphs, facts = [], []
        for i in range(facts_per_unit):
            n = u * facts_per_unit + i
            sentence, fact = plain_fact(n, i)  # a person, event or term in turn (shapes.py's "plain")
            paragraphs.append(sentence)
            facts.append(fact)
        (unit / "source.md").write_text(f"---\ntitle: Synthetic text {u}\n---\n" + "\n\n".join(paragraphs) + "\n",
                                        encoding="utf-8")
        (unit / "facts.yaml").write_text(f"title: Unit {u}\nfacts:\n" + "".join(facts), encoding="utf-8")
    return root


def edit_one_fact(course: Path) -> None:
    """Change the wording of one fact (its name), as an author fixing a typo would."""
    facts = course / "unit-000" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("name: Person 0\n", "name: Person Zero\n", 1), encoding="utf-8")


# --- running and measuring ----------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    main_mib: float  # the command's own peak RSS
    worker_mib: float  # the largest peak RSS among the processes it started (0: none)
    cpu: float = 0.0  # CPU seconds of the command and the processes it started


def _children(pid: int) -> set[int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    found, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime and stime


def _peak_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(args: list[str]) -> Run:
    """Run a command to completion; its wall time, its peak RSS and its workers' largest."""
    # stderr to a file, not a pipe: a course's warnings would fill a pipe nobody reads until the end.
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=errors)
        peaks: dict[int, int] = {}
        cpu: dict[int, float] = {}
        stop = threading.Event()

        def watch() -> None:  # workers are the command's children's children: follow them through /proc
            while not stop.is_set():
                for pid in _children(proc.pid):
                    peaks[pid] = max(peaks.get(pid, 0), _peak_kib(pid))
                    cpu[pid] = max(cpu.get(pid, 0.0), _cpu_seconds(pid))
                stop.wait(0.2)

        watcher = threading.Thread(target=watch, daemon=True)
        if Path("/proc/self/status").exists():
            watcher.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        stop.set()
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    if status != 0:
        raise SystemExit(f"command failed: {' '.join(map(str, args))}\n{stderr[-4000:]}")
    # The command's CPU time includes that of every process it waited for, and the workers' through the
    # forkserver, which waits for them and is waited for. A process that outlived the command was not
    # waited for: its CPU as last seen is added.
    outlived = sum(seconds_ for pid, seconds_ in cpu.items() if Path(f"/proc/{pid}").exists())
    return Run(seconds, usage.ru_maxrss / 1024, max(peaks.values(), default=0) / 1024,
               usage.ru_utime + usage.ru_stime + outlived)


def median_run(args_for, repeat: int, setup=None) -> Run:
    """The run of median time among `repeat`; setup(i) prepares run i and returns nothing."""
    runs = []
    for i in range(repeat):
        if setup:
            setup(i)
        runs.append(measure(args_for(i)))
    return sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]


def course_figures(course: Path) -> dict[str, int]:
    """Notes, PDFs and questions the build makes of a course (from quizgen itself, not timed)."""
    code = (
        "import sys\n"
        "from quizgen.build import check\n"
        "from quizgen.model import LETTERS\n"
        "from quizgen.plan import plan_version\n"
        "from quizgen.itemtypes import holds\n"
        "r = check(sys.argv[1])\n"
        "versions = [plan_version(r.course, s, l) for s in __import__('quizgen.plan').plan.plan_sheets(r.course, "
        "r.items) for l in LETTERS[: r.course.settings.versions]]\n"
        "print(sum(holds('anki', i.type) for i in r.items), 2 * len(versions), "
        "sum(len(v.questions) for v in versions), len(r.items), sum(len(u.facts) for u in r.course.units))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(course)], capture_output=True, text=True, check=True)
    notes, pdfs, questions, items, facts = map(int, out.stdout.split())
    return {"notes": notes, "pdfs": pdfs, "questions": 2 * questions, "items": items, "facts": facts}


def machine() -> str:
    cpu = ""
    if Path("/proc/cpuinfo").exists():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    usable = usable_cpus()
    memory = ""
    if Path("/proc/meminfo").exists():
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB memory"
    return (f"{platform.system()} {platform.machine()}, {usable} usable CPUs ({cpu or 'unknown CPU'}){memory}, "
            f"Python {platform.python_version()}")


def usable_cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"


# --- the report ---------------------------------------------------------------------------------------


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    line = lambda cells: "| " + " | ".join(c.rjust(w) if i else c.ljust(w)  # noqa: E731
                                           for i, (c, w) in enumerate(zip(cells, widths))) + " |"
    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])


def mib(run: Run) -> str:
    return f"{run.main_mib:.0f} / {run.worker_mib:.0f}" if run.worker_mib else f"{run.main_mib:.0f} / -"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=20, help="units of the 1x course")
    parser.add_argument("--facts", type=int, default=60, help="facts per unit")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each build row (the median is shown)")
    parser.add_argument("--scales", default="1,2,4,8", help="multiples of the course for check and build")
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",") if s]

    print(f"Machine: {machine()}")
    print(f"Load average at start: {load()}")
    with tempfile.TemporaryDirectory(prefix="quizgen-bench-") as tmp:
        root = Path(tmp)
        base = make_large_course(root / "course", args.units, args.facts)
        figures = course_figures(base)
        print(f"Course: {args.units} units x {args.facts} facts = {figures['facts']:,} facts, {figures['items']:,} "
              f"items; the build writes {figures['notes']:,} notes and {figures['pdfs']} PDFs holding "
              f"{figures['questions']:,} questions")
        print()

        def fresh(name: str):
            def setup(i: int) -> None:
                for path in (root / f"{name}-{i}", root / f"{name}-{i}-out"):
                    shutil.rmtree(path, ignore_errors=True)
                shutil.copytree(base, root / f"{name}-{i}")
            return setup

        per_pdf = round(figures["questions"] / figures["pdfs"])
        floor = median_run(lambda i: [sys.executable, str(REPO / "benchmarks" / "floor.py"), str(root / f"floor-{i}"),
                                      "--notes", str(figures["notes"]), "--pdfs", str(figures["pdfs"]),
                                      "--questions", str(per_pdf)], args.repeat)
        build = lambda name, *extra: (lambda i: [*QUIZGEN, "build", str(root / f"{name}-{i}"), "-o",  # noqa: E731
                                                 str(root / f"{name}-{i}-out"), "-q", *extra])
        one_job = median_run(build("one", "--jobs", "1"), args.repeat, fresh("one"))
        default = median_run(build("default"), args.repeat, fresh("default"))
        # Rebuilds of the last default build's course and outputs.
        last = args.repeat - 1
        noop = median_run(lambda i: build("default")(last), args.repeat)
        edit_one_fact(root / f"default-{last}")
        edited = measure(build("default")(last))

        named = [("floor: genanki + reportlab, one process", floor), ("quizgen build --jobs 1", one_job),
                 (f"quizgen build (default: --jobs {usable_cpus()})", default), ("no-op rebuild", noop),
                 ("rebuild after editing one fact", edited)]
        rows = [[name, f"{run.seconds:.2f}", f"{run.seconds / floor.seconds:.2f}", f"{run.cpu:.1f}", mib(run)]
                for name, run in named]
        print(f"Full builds (median of {args.repeat}; CPU of every process; peak RSS of the command / of its "
              f"largest worker):")
        print(table(["run", "seconds", "x floor", "CPU s", "peak RSS MiB"], rows))
        print()

        scale_rows, scale_times, scale_cpu = [], {}, {}
        for k in scales:
            course = make_large_course(root / f"scale-{k}", args.units * k, args.facts)
            checked = measure([*QUIZGEN, "check", str(course)])
            built = measure([*QUIZGEN, "build", str(course), "-o", str(root / f"scale-{k}-out"), "-q"])
            scale_times[k] = (checked.seconds, built.seconds)
            base_check, base_build = scale_times[scales[0]]
            scale_cpu[k] = built.cpu
            scale_rows.append([
                f"{k}x: {args.units * k * args.facts:,} facts", f"{checked.seconds:.2f}",
                f"{checked.seconds / base_check * scales[0]:.2f}", f"{checked.main_mib:.0f}",
                f"{built.seconds:.2f}", f"{built.seconds / base_build * scales[0]:.2f}",
                f"{built.cpu:.1f}", f"{built.cpu / scale_cpu[scales[0]] * scales[0]:.2f}", mib(built),
            ])
            shutil.rmtree(root / f"scale-{k}-out", ignore_errors=True)
        if scale_rows:
            print("Growth with the course (one run each; default jobs; time relative to the smallest):")
            print(table(["course", "check s", "x time", "check RSS MiB", "build s", "x time", "build CPU s",
                         "x CPU", "build RSS MiB"], scale_rows))
            print()

        results = {
            "full build, default jobs": default.seconds / floor.seconds,
            "full build, --jobs 1": one_job.seconds / floor.seconds,
            "no-op rebuild": noop.seconds / default.seconds,
        }
        if 1 in scale_times and 4 in scale_times:
            results["4x the facts"] = max(scale_times[4][0] / scale_times[1][0], scale_times[4][1] / scale_times[1][1])
        print("Goals (ratios from this run):")
        for name, value in results.items():
            limit, unit = GOALS[name]
            shown = f"{value:.0%}" if unit.startswith("of") else f"{value:.2f}x"
            wanted = f"{limit:.0%}" if unit.startswith("of") else f"{limit}x"
            print(f"  {name}: {shown} {unit.split(' ', 1)[1] if unit.startswith('x') else unit} "
                  f"(goal <= {wanted}): {'met' if value <= limit else 'NOT MET'}")
        if "4x the facts" in results:
            print("  (4x the facts: the larger of check's and build's ratio)")
    print(f"Load average at end: {load()}")


if __name__ == "__main__":
    main()
