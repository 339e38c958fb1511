"""Time `quizgen check` on the synthetic course of bench_build.py at 1x, 2x and 4x its size.

Checking includes choosing every distractor, the lint and planning every sheet; it should
grow about linearly with the number of facts. Prints figures; asserts nothing.
Usage: python benchmarks/bench_check.py [--units 20] [--facts 60] [--repeat 3]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import make_large_course  # noqa: E402

# CPU time of the checking process: on a shared machine the wall clock also counts other processes' turns.
RUN_ONE = textwrap.dedent("""
    import sys, time
    from quizgen.build import check
    start, wall = time.process_time(), time.perf_counter()
    report = check(sys.argv[1])
    print(f"{time.process_time() - start:.3f} {time.perf_counter() - wall:.3f} {len(report.items)}")
""")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=20)
    parser.add_argument("--facts", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    base = None
    for scale in (1, 2, 4):
        with tempfile.TemporaryDirectory() as tmp:
            course = make_large_course(Path(tmp), args.units * scale, args.facts)
            times, walls = [], []
            for _ in range(args.repeat):
                line = subprocess.run([sys.executable, "-c", RUN_ONE, str(course)], capture_output=True, text=True,
                                      check=True).stdout.split()
                times.append(float(line[0]))
                walls.append(float(line[1]))
            median = statistics.median(times)
            base = base or median
            facts = args.units * scale * args.facts
            print(f"{scale}x: {facts} facts, {line[2]} items; check CPU time median {median:.2f} s "
                  f"(min {min(times):.2f}, max {max(times):.2f}, n={len(times)}; wall clock median "
                  f"{statistics.median(walls):.2f} s); {median / base:.1f} times the 1x time, "
                  f"{median / facts * 1000:.2f} ms per fact")


if __name__ == "__main__":
    main()
