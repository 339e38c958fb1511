"""Where a build's main process grows: its resident memory at each stage, and where it was each time it grew.

Builds a course in this process (workers as the build chooses, or --jobs) with a thread that reads
/proc/self/status every 10 ms: at each stage it prints VmRSS and VmHWM (the peak so far), and each time VmRSS
has grown by --step MiB since the last line, the build's innermost quizgen frames at that moment. A line names
where the main thread was, not what allocated: a worker's result is received by another thread. Linux only.
The goal (bench_shapes.py): a build of 10,000 facts peaks at 150 MiB or less in the main process.

Usage: python benchmarks/shapes.py banks /tmp/course --units 166 --facts 60
       python benchmarks/memory_stages.py /tmp/course /tmp/out [--jobs N] [--step 8]
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import threading
import time
import traceback


def status() -> dict[str, float]:
    """VmRSS and VmHWM of this process, in MiB."""
    found = {}
    with open("/proc/self/status") as lines:
        for line in lines:
            if line.startswith(("VmRSS", "VmHWM")):
                key, value = line.split(":")
                found[key] = int(value.split()[0]) / 1024
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("course")
    parser.add_argument("out")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: as the build chooses)")
    parser.add_argument("--step", type=float, default=8.0, help="MiB of growth between two lines")
    parser.add_argument("--now", type=int, default=1_700_000_000, help="the build time given to new Anki notes")
    args = parser.parse_args()
    shutil.rmtree(args.out, ignore_errors=True)

    from quizgen.build import build
    from quizgen.parallel import Progress

    main_thread = threading.get_ident()
    state = {"mark": 0.0, "stage": "start", "stop": False}
    start = time.perf_counter()

    def line(text: str) -> None:
        print(f"[{time.perf_counter() - start:6.1f}s] {text}", flush=True)

    def watch() -> None:
        while not state["stop"]:
            now = status()
            if now["VmRSS"] >= state["mark"] + args.step:
                state["mark"] = now["VmRSS"]
                frame = sys._current_frames().get(main_thread)
                frames = [f for f in traceback.extract_stack(frame) if "quizgen" in f.filename] if frame else []
                where = " < ".join(f"{os.path.basename(f.filename)}:{f.lineno}:{f.name}" for f in frames[::-1][:6])
                line(f"RSS {now['VmRSS']:.0f} HWM {now['VmHWM']:.0f} ({state['stage']}) {where}")
            time.sleep(0.01)

    class Stages(Progress):
        def stage(self, text: str) -> None:
            state["stage"] = text
            now = status()
            line(f"STAGE {text}: RSS {now['VmRSS']:.0f} HWM {now['VmHWM']:.0f}")

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    build(args.course, args.out, jobs=args.jobs, progress=Stages(), now=args.now)
    state["stop"] = True
    watcher.join()
    now = status()
    line(f"END: RSS {now['VmRSS']:.0f} MiB, peak (VmHWM) {now['VmHWM']:.0f} MiB")


if __name__ == "__main__":  # the workers' forkserver imports this module again
    main()
