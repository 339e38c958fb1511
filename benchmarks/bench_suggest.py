"""Measure `quizgen suggest`: its time on a 3,000-word article, and its recall on the curated courses.

Recall is the share of a unit's curated facts whose quote overlaps a suggestion's quote (same paragraph, at
least half of the shorter quote's characters shared), with the suggestions made as for a unit with no facts yet.

    python benchmarks/bench_suggest.py
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quizgen.authoring.suggest import find_suggestions, recall  # noqa: E402
from quizgen.build import load_course  # noqa: E402

COURSES = (("shipped", ROOT / "content"), ("atom", ROOT / "tests" / "courses" / "atom"),
           ("lajpat-rai", ROOT / "tests" / "courses" / "lajpat-rai"))
WORDS = 3000


def article_of(words: int) -> tuple[str, int]:
    """A source.md of about `words` words: whole paragraphs of the three courses' articles, in turn."""
    paragraphs = []
    for _, course in COURSES:
        for unit in load_course(course).units:
            paragraphs += [p for n, p in enumerate(unit.source.paragraphs, 1) if n not in unit.skip_paragraphs]
    out, count = [], 0
    for paragraph in paragraphs:
        if count >= words:
            break
        out.append(paragraph)
        count += len(paragraph.split())
    return "---\ntitle: Benchmark article\ndate: 2022-06\n---\n\n" + "\n\n".join(out) + "\n", count


def main() -> None:
    quizgen = Path(sys.executable).with_name("quizgen")
    print(f"Machine: {os.uname().sysname} {os.uname().machine}, {len(os.sched_getaffinity(0))} usable CPUs, "
          f"Python {sys.version.split()[0]}")
    print(f"Load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp) / "bench"
        (course / "article").mkdir(parents=True)
        (course / "course.yaml").write_text("title: Bench\nslug: bench\nunits: [article]\n", encoding="utf-8")
        text, count = article_of(WORDS)
        (course / "article" / "source.md").write_text(text, encoding="utf-8")
        (course / "article" / "facts.yaml").write_text("title: Article\nfacts:\n", encoding="utf-8")
        times = []
        for _ in range(3):
            (course / "article" / "suggested.yaml").unlink(missing_ok=True)
            start = time.perf_counter()
            run = subprocess.run([str(quizgen), "suggest", str(course / "article")], capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            if run.returncode != 0:
                sys.exit(run.stderr)
        summary = run.stdout.splitlines()[0]
        print(f"\nquizgen suggest on a {count:,}-word article ({text.count(chr(10) * 2)} paragraphs), whole command "
              f"in a fresh process:")
        print(f"  median of 3: {statistics.median(times):.2f} s (runs: {', '.join(f'{t:.2f}' for t in times)}); "
              f"goal < 5 s: {'met' if statistics.median(times) < 5 else 'NOT met'}")
        print(f"  {summary}")
        shutil.rmtree(course)

    print("\nRecall (curated facts whose quote a suggestion's quote overlaps; suggestions as for an empty unit):")
    total_hit = total = 0
    for name, course in COURSES:
        for unit in load_course(course).units:
            found = find_suggestions(unit.source.paragraphs, skip=set(unit.skip_paragraphs), date=unit.source.date,
                                     title=unit.source.title)
            facts = [(f.paragraph, f.quote) for f in unit.facts]
            share = recall(unit.source.paragraphs, facts, found)
            total_hit += round(share * len(facts))
            total += len(facts)
            print(f"  {name + '/' + unit.slug:28} {share:6.0%}  ({round(share * len(facts))} of {len(facts)} facts; "
                  f"{len(found)} suggestions)")
    print(f"  {'all':28} {total_hit / total:6.0%}  ({total_hit} of {total})")
    print(f"Load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
