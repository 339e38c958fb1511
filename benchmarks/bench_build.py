"""Time `quizgen build` and measure its peak memory on the shipped course and a large generated one.

Prints figures; asserts nothing (speed belongs here, not in tests, on shared machines).
Usage: python benchmarks/bench_build.py [--units 20] [--facts 60] [--repeat 3]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

RUN_ONE = textwrap.dedent("""
    import resource, sys, time
    from quizgen.build import build
    start = time.perf_counter()
    report = build(sys.argv[1], sys.argv[2], now=1700000000)
    elapsed = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{elapsed:.3f} {peak_mib:.1f} {len(report.items)}")
""")


def make_large_course(root: Path, units: int, facts_per_unit: int) -> Path:
    """Write a synthetic course: every unit has people, events and terms with checkable quotes."""
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
            kind = ("person", "event", "term")[i % 3]
            sentence = f"Statement number {n} records detail {n} of the synthetic history."
            paragraphs.append(sentence)
            src = f'    source: {{paragraph: {i + 1}, quote: "records detail {n} of"}}\n'
            if kind == "person":
                facts.append(f"  - id: person-{n}\n    kind: person\n    name: Person {n}\n"
                             f"    role: holder of office number {n}\n" + src)
            elif kind == "event":
                year, month = 1900 + n % 120, 1 + n % 12
                facts.append(f"  - id: event-{n}\n    kind: event\n    what: happening number {n} took place\n"
                             f'    when: "{year}-{month:02d}"\n' + src)
            else:
                facts.append(f"  - id: term-{n}\n    kind: term\n    term: Organisation {n}\n"
                             f"    definition: body charged with task {n}\n" + src)
        (unit / "source.md").write_text(f"---\ntitle: Synthetic text {u}\n---\n" + "\n\n".join(paragraphs) + "\n",
                                        encoding="utf-8")
        (unit / "facts.yaml").write_text(f"title: Unit {u}\nfacts:\n" + "".join(facts), encoding="utf-8")
    return root


def measure(course: Path, repeat: int) -> tuple[list[float], list[float], int]:
    times, peaks, items = [], [], 0
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as out:
            line = subprocess.run([sys.executable, "-c", RUN_ONE, str(course), out], capture_output=True,
                                  text=True, check=True).stdout.split()
            times.append(float(line[0]))
            peaks.append(float(line[1]))
            items = int(line[2])
    return times, peaks, items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=20)
    parser.add_argument("--facts", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        shipped = Path(tmp) / "content"
        subprocess.run(["cp", "-r", str(REPO / "content"), str(shipped)], check=True)  # the lock may be rewritten
        (Path(tmp) / "large").mkdir()
        large = make_large_course(Path(tmp) / "large", args.units, args.facts)
        for label, course in (("shipped course", shipped), (f"synthetic {args.units}x{args.facts} facts", large)):
            times, peaks, items = measure(course, args.repeat)
            print(f"{label}: {items} items; build time median {statistics.median(times):.2f} s "
                  f"(min {min(times):.2f}, max {max(times):.2f}, n={len(times)}); "
                  f"peak RSS median {statistics.median(peaks):.0f} MiB")


if __name__ == "__main__":
    main()
