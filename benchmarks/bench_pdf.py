"""Time rendering a course's worksheets alone: every PDF task, in this one process, after the course is planned.

The build's largest stage on most course shapes. Reading, writing the questions and
planning run first and are not timed; then each sheet's versions are rendered as the
build's tasks render them (a student's sheet and its key), and the CPU and wall seconds
of that alone are printed, with a digest of every file's bytes: an optimisation must
leave the digest as it was. Asserts nothing (a shared machine makes single figures
noisy; the load average is printed).

Usage: python benchmarks/bench_pdf.py COURSE [--repeat 3]
       (a course of any shape: python benchmarks/shapes.py banks /tmp/banks)
"""
from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("course", help="the course folder")
    parser.add_argument("--repeat", type=int, default=3, help="runs (the median is shown)")
    args = parser.parse_args()

    from quizgen.build import fewer_collections, generate, load_course, plan_job
    from quizgen.targets.pdf import TARGET

    course = load_course(args.course)
    items, _, _ = generate(course)
    job = plan_job(course, items, now=0)
    tasks = TARGET.tasks(job)
    print(f"Load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    cpu, wall, digests = [], [], set()
    for _ in range(args.repeat):
        digest = hashlib.sha256()
        started_cpu, started = time.process_time(), time.perf_counter()
        with fewer_collections():
            for task in tasks:
                for path, data in sorted(task.run().files.items()):
                    digest.update(path.encode() + b"\0" + data)
        cpu.append(time.process_time() - started_cpu)
        wall.append(time.perf_counter() - started)
        digests.add(digest.hexdigest()[:16])
    print(f"{len(tasks)} tasks ({2 * len(tasks)} PDFs): CPU {statistics.median(cpu):.2f} s, wall "
          f"{statistics.median(wall):.2f} s (median of {args.repeat}); bytes {', '.join(sorted(digests))}")


if __name__ == "__main__":
    main()
