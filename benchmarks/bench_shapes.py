"""Time `quizgen build` and `check` on courses of several shapes against the floor, and print every goal.

One course shape can hide a cost another shows (word banks in every unit, an exam, more
versions, one very large unit, many units), so each shape of benchmarks/shapes.py is
built here: the floor (plain genanki + reportlab making as many notes, PDFs and
questions in one process, benchmarks/floor.py), `build --jobs 1`, the default build and
a no-op rebuild. Then growth: `check` and `build` of the word-bank course at 4x its
units, `check` of one unit at 4x its facts, and the peak memory of a build of
`--memory-facts` facts. Last, the goals, as ratios of this run. Asserts nothing: speed
belongs in benchmarks, not in tests, and a shared machine makes single figures noisy
(the load average is printed).

Usage: python benchmarks/bench_shapes.py [--units 20] [--facts 60] [--big 4000] [--memory-facts 10000]
                                         [--repeat 1] [--shapes plain,banks,exam,versions3,big-unit]
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import QUIZGEN, Run, course_figures, load, machine, measure, median_run, table, usable_cpus  # noqa: E402
from shapes import make_course  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
GOALS = {  # name: (limit, how it is shown)
    "full build, default jobs / floor": (1.3, "x"),
    "full build, --jobs 1 / floor": (2.0, "x"),
    "no-op rebuild / full build": (0.03, "%"),
    "check at 4x the units / at 1x": (4.4, "x"),
    "build at 4x the units / at 1x": (4.4, "x"),
    "check of one unit at 4x its facts / at 1x": (4.4, "x"),
    "check of one unit of the largest size, seconds": (10.0, "s"),
    "build's peak RSS at the memory size, MiB": (150.0, "MiB"),
}
BUILD_SHAPES = ("plain", "banks", "exam", "versions3", "big-unit")


def build_args(course: Path, out: Path, *extra: str) -> list[str]:
    return [*QUIZGEN, "build", str(course), "-o", str(out), "-q", *extra]


def shape_rows(root: Path, shape: str, units: int, facts: int, big: int, repeat: int) -> tuple[list[str], dict]:
    """Floor, --jobs 1, default and no-op rebuild of one shape: a row of the table, and the ratios."""
    if shape == "big-unit":
        units, facts = 1, big  # make_course puts units x facts into its one unit
    base = make_course(root / shape, shape, units, facts)
    figures = course_figures(base)
    per_pdf = max(1, round(figures["questions"] / max(figures["pdfs"], 1)))

    def fresh(name: str):
        def setup(i: int) -> None:
            for path in (root / f"{shape}-{name}-{i}", root / f"{shape}-{name}-{i}-out"):
                shutil.rmtree(path, ignore_errors=True)
            shutil.copytree(base, root / f"{shape}-{name}-{i}")
        return setup

    def build(name: str, *extra: str):
        return lambda i: build_args(root / f"{shape}-{name}-{i}", root / f"{shape}-{name}-{i}-out", *extra)

    floor = median_run(lambda i: [sys.executable, str(REPO / "benchmarks" / "floor.py"),
                                  str(root / f"floor-{shape}-{i}"), "--notes", str(figures["notes"]),
                                  "--pdfs", str(figures["pdfs"]), "--questions", str(per_pdf)], repeat)
    one_job = median_run(build("one", "--jobs", "1"), repeat, fresh("one"))
    default = median_run(build("default"), repeat, fresh("default"))
    noop = median_run(lambda i: build("default")(repeat - 1), repeat)
    ratios = {"full build, default jobs / floor": default.seconds / floor.seconds,
              "full build, --jobs 1 / floor": one_job.seconds / floor.seconds,
              "no-op rebuild / full build": noop.seconds / default.seconds}
    row = [shape, f"{figures['facts']:,}", f"{figures['notes']:,}", str(figures["pdfs"]), f"{figures['questions']:,}",
           f"{floor.seconds:.2f}", f"{one_job.seconds:.2f}", f"{ratios['full build, --jobs 1 / floor']:.2f}",
           f"{default.seconds:.2f}", f"{ratios['full build, default jobs / floor']:.2f}",
           f"{noop.seconds:.2f}", f"{ratios['no-op rebuild / full build']:.1%}", f"{default.main_mib:.0f}"]
    for name in ("one", "default"):
        for i in range(repeat):
            shutil.rmtree(root / f"{shape}-{name}-{i}-out", ignore_errors=True)
    return row, ratios


def check_run(course: Path) -> Run:
    return measure([*QUIZGEN, "check", str(course)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=20, help="units of the 1x courses")
    parser.add_argument("--facts", type=int, default=60, help="facts per unit")
    parser.add_argument("--big", type=int, default=4000, help="facts of the one-unit course (and 4x the 1x unit)")
    parser.add_argument("--memory-facts", type=int, default=10000, help="facts of the course whose memory is "
                        "measured (0: skip)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each build (the median is shown)")
    parser.add_argument("--shapes", default=",".join(BUILD_SHAPES), help="shapes to build against the floor")
    args = parser.parse_args()

    print(f"Machine: {machine()}")
    print(f"Load average at start: {load()}")
    print(f"Sizes: {args.units} units x {args.facts} facts; one unit of {args.big:,} facts; memory at "
          f"{args.memory_facts:,} facts; median of {args.repeat} run(s); default jobs = {usable_cpus()}")
    print()
    worst: dict[str, tuple[float, str]] = {}
    cpu: dict[str, float] = {}  # the growth ratios in CPU seconds too: other processes' turns do not count

    def note(name: str, value: float, where: str, cpu_value: float | None = None) -> None:
        if name not in worst or value > worst[name][0]:
            worst[name] = (value, where)
        if cpu_value is not None:
            cpu[name] = cpu_value

    with tempfile.TemporaryDirectory(prefix="quizgen-shapes-") as tmp:
        root = Path(tmp)
        rows = []
        for shape in [s for s in args.shapes.split(",") if s]:
            row, ratios = shape_rows(root, shape, args.units, args.facts, args.big, args.repeat)
            rows.append(row)
            for name, value in ratios.items():
                note(name, value, shape)
            print(f"  built {shape}", file=sys.stderr)
        print("Full builds, by course shape (seconds; x = ratio to the floor; RSS of the default build's main "
              "process):")
        print(table(["shape", "facts", "notes", "PDFs", "questions", "floor", "--jobs 1", "x", "default", "x",
                     "no-op", "of full", "RSS MiB"], rows))
        print()

        # Growth with the units: the word-bank course at 1x and at 4x its units ("wide").
        growth = []
        one = make_course(root / "grow-1", "banks", args.units, args.facts)
        four = make_course(root / "grow-4", "wide", args.units, args.facts)
        runs = {}
        for name, course in (("1x", one), ("4x", four)):
            checked = check_run(course)
            built = measure(build_args(course, root / f"grow-{name}-out"))
            runs[name] = (checked, built)
            growth.append([f"{name}: {len(list(course.glob('unit-*')))} units x {args.facts} facts",
                           f"{checked.seconds:.2f}", f"{checked.cpu:.1f}", f"{built.seconds:.2f}", f"{built.cpu:.1f}",
                           f"{built.main_mib:.0f}"])
        note("check at 4x the units / at 1x", runs["4x"][0].seconds / runs["1x"][0].seconds, "banks",
             runs["4x"][0].cpu / runs["1x"][0].cpu)
        note("build at 4x the units / at 1x", runs["4x"][1].seconds / runs["1x"][1].seconds, "banks",
             runs["4x"][1].cpu / runs["1x"][1].cpu)
        # One unit at 1x and 4x its facts.
        small = make_course(root / "unit-1", "big-unit", 1, args.big // 4)
        large = make_course(root / "unit-4", "big-unit", 1, args.big)
        small_check, large_check = check_run(small), check_run(large)
        growth += [[f"one unit of {args.big // 4:,} facts", f"{small_check.seconds:.2f}", f"{small_check.cpu:.1f}",
                    "", "", ""],
                   [f"one unit of {args.big:,} facts", f"{large_check.seconds:.2f}", f"{large_check.cpu:.1f}",
                    "", "", ""]]
        note("check of one unit at 4x its facts / at 1x", large_check.seconds / small_check.seconds, "big-unit",
             large_check.cpu / small_check.cpu)
        note("check of one unit of the largest size, seconds", large_check.seconds, f"{args.big:,} facts",
             large_check.cpu)
        if args.memory_facts:
            units = max(1, args.memory_facts // args.facts)
            course = make_course(root / "memory", "banks", units, args.facts)
            built = measure(build_args(course, root / "memory-out"))
            growth.append([f"memory: {units} units x {args.facts} facts", "", "", f"{built.seconds:.2f}",
                           f"{built.cpu:.1f}", f"{built.main_mib:.0f}"])
            note("build's peak RSS at the memory size, MiB", built.main_mib, f"{units * args.facts:,} facts")
        print("Growth (one run each, default jobs):")
        print(table(["course", "check s", "check CPU s", "build s", "build CPU s", "build RSS MiB"], growth))
        print()

    print("Goals (the worst shape's ratio from this run):")
    for name, (limit, unit) in GOALS.items():
        if name not in worst:
            continue
        value, where = worst[name]
        shown, wanted = ((f"{value:.1%}", f"{limit:.0%}") if unit == "%" else
                         (f"{value:.2f}{unit}", f"{limit:g}{unit}"))
        in_cpu = f"; in CPU seconds {cpu[name]:.2f}{'x' if unit == 'x' else ' s'}" if name in cpu else ""
        print(f"  {name}: {shown} ({where}{in_cpu}; goal <= {wanted}): {'met' if value <= limit else 'NOT MET'}")
    print(f"Load average at end: {load()}")


if __name__ == "__main__":
    main()
