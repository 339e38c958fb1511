"""Printable worksheets: a student sheet and a teacher's key per sheet and version, as PDF.

    worksheets/<unit>-A.pdf        worksheets/<unit>-A-key.pdf        (per unit, per version)
    worksheets/<course>-exam-A.pdf worksheets/<course>-exam-A-key.pdf (when the course has an exam)

Which items go on a sheet, and in which order, is decided by `quizgen.plan`;
this target lays each version out (`layout.py` draws questions,
`document.py` whole documents). Text is set in PT Sans (`fonts.py`); its
check finds every character the font cannot print before anything is written.
"""
from __future__ import annotations

from pathlib import Path

from ...errors import Problem
from ...model import LETTERS, Course, Item
from ...settings import Option
from .. import Job, Target, Task
from . import fonts


class PdfTarget(Target):
    name = "pdf"
    title = "printable worksheets with answer keys"
    task_modules = ("quizgen.targets.pdf.document",)
    options = (
        Option("paper", "a4", "Worksheet paper size.", choices=("a4", "letter"), cli=True),
        Option("versions", 1, "Worksheet versions per unit (A, B, C, ...).", type=int, min=1, max=len(LETTERS),
               cli=True),
    )

    def check(self, job: Job) -> list[Problem]:
        # The author's own text first, so a message names the fact field to fix; the items
        # then catch characters that come from templates.
        problems = unprintable_in_course(job.course)
        return problems or missing_glyphs(job.items)

    def tasks(self, job: Job) -> list[Task]:
        # One task per sheet and version: the student's sheet and its key share the version's plan.
        from ...plan import plan_version
        from .document import render_version

        course = job.course
        tasks = []
        for sheet in job.sheets:
            for letter in LETTERS[: course.settings.versions]:
                version = plan_version(course, sheet, letter)
                paths = (f"worksheets/{sheet.slug}-{letter}.pdf", f"worksheets/{sheet.slug}-{letter}-key.pdf")
                tasks.append(Task(f"{sheet.slug}, version {letter}", paths, render_version,
                                  (version, course.settings.paper, *paths),
                                  group="" if sheet.is_exam else sheet.slug))
        return tasks


TARGET = PdfTarget()


def _unprintable(text: str, what: str = "") -> list[str]:
    return [f"character '{ch}' (U+{ord(ch):04X}){what} cannot be printed on worksheets: the font "
            f"{fonts.FAMILY} has no glyph for it" for ch in fonts.missing(text)]


def unprintable_in_course(course: Course) -> list[Problem]:
    """One error per character of a fact field or title that the worksheet font cannot print."""
    problems = []
    for fact in course.facts:
        texts = dict(fact.fields, explanation=fact.explanation, note=fact.note, context=fact.context,
                     marking=fact.marking, category=fact.category)
        texts.update({f"accept[{i}]": a for i, a in enumerate(fact.accept)})
        texts.update({f"distractors[{i}]": d for i, d in enumerate(fact.distractors)})
        for name, text in texts.items():
            for message in _unprintable(text) if isinstance(text, str) else ():
                problems.append(Problem(message, file=fact.file, line=fact.line, fact=fact.id, field=name))
    titles = [(str(Path(course.path) / "course.yaml"), course.title)]
    titles += [(str(Path(u.path) / "facts.yaml"), u.title) for u in course.units]
    for file, title in titles:
        problems += [Problem(m, file=file, field="title") for m in _unprintable(title, " in the title")]
    return problems


def printed_texts(item: Item) -> list[tuple[str, str]]:
    """Every text of an item a worksheet or key may print, as (field, text)."""
    out = [("stem", item.stem), ("answer", item.answer)]
    out += [(f"options[{i}]", o) for i, o in enumerate(item.options)]
    if item.cloze:
        out += [("cloze", "".join(item.cloze))]
    for i, (a, b) in enumerate(item.pairs):
        out += [(f"pairs[{i}]", f"{a} {b}")]
    out += [(f"extras[{i}]", e) for i, e in enumerate(item.extras)]
    out += [(f"accept[{i}]", a) for i, a in enumerate(item.accept)] + [("marking", item.marking)]
    for i, (a, b) in enumerate(item.sequence):
        out += [(f"sequence[{i}]", f"{a} {b}")]
    out += [("explanation", item.explanation), ("context", item.context), ("note", item.note)]
    if item.citation:
        out += [("citation", item.citation.short()), ("citation.quote", item.citation.quote)]
    return out


def missing_glyphs(items) -> list[Problem]:
    """One error per (item, character) the worksheet font cannot print, naming the fact and field."""
    problems = []
    for item in items:
        seen: set[str] = set()
        for fieldname, text in printed_texts(item):
            for ch in fonts.missing(text or ""):
                if ch in seen:
                    continue
                seen.add(ch)
                lower = ch.lower()
                capital = (f"; it is the capital of '{lower}', which a question starting with it capitalises"
                           if lower != ch and not fonts.missing(lower) else "")
                problems.append(Problem(
                    f"character '{ch}' (U+{ord(ch):04X}) cannot be printed on worksheets: the font "
                    f"{fonts.FAMILY} has no glyph for it (item '{item.id}'){capital}",
                    fact=item.fact_ids[0] if item.fact_ids else "",
                    field=fieldname,
                ))
    return problems
