"""Print what a teacher checks on a course's worksheets before handing them out.

    .venv/bin/python benchmarks/sheet_balance.py [COURSE_DIR ...] [--pages]

For each sheet: the true/false truth split (version A), the longest run of one label in a fact-or-opinion
question, key letters over ten versions (multiple choice, and every lettered answer: matching too), the
blanks whose word bank holds no other entry of their kind, the exam's overlap with the unit sheets
(the same item, another item of a fact a sheet asked, a fact no sheet asked) and, with --pages, the
pages of each PDF (sheet and key, version A) on which one question or none begins.
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

from quizgen.build import load_course
from quizgen.generate import generate_items
from quizgen.model import LETTERS
from quizgen.plan import bank_companions, plan_sheets, plan_version

REPO = Path(__file__).resolve().parent.parent
COURSES = [REPO / "content", REPO / "tests/courses/atom", REPO / "tests/courses/lajpat-rai",
           REPO / "tests/courses/aral"]
RECURRING = 3  # a wrong option in this many questions of a sheet, never its key, is a cue


def recurring_wrong(questions) -> dict[str, int]:
    """The wrong options (folded) shown by `RECURRING` multiple-choice questions or more and keyed by none."""
    wrong: Counter[str] = Counter()
    keys = set()
    for q in questions:
        if q.item.type != "mcq":
            continue
        keys.add(" ".join(q.options[q.correct].casefold().split()))
        wrong.update({" ".join(o.casefold().split()) for k, o in enumerate(q.options) if k != q.correct})
    return {o: n for o, n in sorted(wrong.items()) if n >= RECURRING and o not in keys}


def longest_run(labels) -> int:
    best = run = 0
    for k, label in enumerate(labels):
        run = run + 1 if k and label == labels[k - 1] else 1
        best = max(best, run)
    return best


def lone_question_pages(course_dir: Path) -> list[str]:
    """Pages of version A's sheets and keys on which at most one question begins."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "quizgen.cli", "build", str(course_dir), "-o", tmp, "--only", "pdf"],
                       check=True, capture_output=True)
        for pdf in sorted(Path(tmp, "worksheets").glob("*-A*.pdf")):
            text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                                  text=True).stdout
            pages = text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")
            for number, page in enumerate(pages, 1):
                begun = len(re.findall(r"^(\d+)\.\s", page, re.M))
                if begun <= 1 and len(pages) > 1:
                    out.append(f"{pdf.name} p{number}/{len(pages)} ({begun} begun)")
    return out


def main(args: list[str]) -> None:
    pages = "--pages" in args
    dirs = [Path(a) for a in args if not a.startswith("--")] or COURSES
    for course_dir in dirs:
        course = load_course(course_dir)
        course = replace(course, settings=course.settings.replace(versions=10))
        items = generate_items(course)
        sheets = plan_sheets(course, items)
        print(f"== {course_dir.name}")
        unit_items = {i.id for s in sheets if not s.is_exam for i in s.items}
        unit_facts = {f for s in sheets if not s.is_exam for i in s.items for f in i.fact_ids}
        for sheet in sheets:
            version = plan_version(course, sheet, "A")
            truth = Counter(q.options[q.correct] for q in version.questions if q.item.type == "tf")
            runs = [longest_run(q.labels) for q in version.questions if q.item.type == "fact_opinion"]
            mcq, lettered = Counter(), Counter()
            for letter in LETTERS[:10]:
                for q in plan_version(course, sheet, letter).questions:
                    if q.item.type == "mcq":
                        mcq[LETTERS[q.correct]] += 1
                        lettered[LETTERS[q.correct]] += 1
                    for m in q.matches:
                        lettered[LETTERS[m]] += 1
            alone = []
            for section in version.sections:
                if section.type == "cloze" and section.word_bank:
                    alone += [q.item.cloze[1] for q in section.questions if q.item.cloze
                              and not bank_companions(q.item, section.word_bank)]
            blanks = sum(len(s.questions) for s in version.sections if s.type == "cloze")
            banked = sum(len(s.questions) for s in version.sections if s.type == "cloze" and s.word_bank)

            def share(c: Counter) -> str:
                n = sum(c.values())
                return (" ".join(f"{k}{c[k]}" for k in sorted(c)) + f" (max {max(c.values()) / n:.0%})") if n else "-"

            print(f"  {sheet.slug}: {len(version.questions)} questions, {version.points} points")
            print(f"    true/false: {truth.get('True', 0)} True / {truth.get('False', 0)} False;"
                  f" fact-or-opinion longest run: {runs or '-'}")
            print(f"    keys over 10 versions: mcq {share(mcq)}; all lettered {share(lettered)}")
            print(f"    word bank: {banked} of {blanks} blanks banked; without a companion of their kind: "
                  f"{len(alone)} {alone if alone else ''}")
            recurring = recurring_wrong(version.questions)
            print(f"    wrong options in {RECURRING}+ questions, never the key: {len(recurring)}"
                  + (f" {recurring}" if recurring else ""))
            if sheet.is_exam:
                same = sum(i.id in unit_items for i in sheet.items)
                fact = sum(i.id not in unit_items and bool(set(i.fact_ids) & unit_facts) for i in sheet.items)
                print(f"    exam: {same} items on a unit sheet, {fact} other items of facts a sheet asked, "
                      f"{len(sheet.items) - same - fact} of facts no sheet asked")
        if pages:
            lone = lone_question_pages(course_dir)
            print(f"  pages where one question or none begins: {len(lone)} {lone if lone else ''}")


if __name__ == "__main__":
    main(sys.argv[1:])
