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
from typing import TYPE_CHECKING

from ...errors import Problem
from ...itemtypes import item_type
from ...model import LETTERS, Course, Fact, Item
from ...paths import COURSE_FILE, FACTS_FILE
from ...settings import Option
from .. import Job, Target, Task
from . import fonts

if TYPE_CHECKING:
    from ...plan import Sheet


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
        problems = problems or missing_glyphs(job.items)
        return problems + file_name_clashes(job)

    def workload(self, course: Course) -> int:
        # About one question per fact and per exam item, in every version.
        return (len(course.facts) + course.settings.exam) * course.settings.versions

    def check_rendering(self, job: Job) -> list[Problem]:
        return too_tall_to_print(job)

    def tasks(self, job: Job) -> list[Task]:
        # One task per sheet and version: the student's sheet and its key share the version's plan.
        from .document import render_version

        course = job.course
        tasks = []
        for sheet in job.sheets:
            for letter in LETTERS[: course.settings.versions]:
                version = job.version(sheet, letter)
                paths = (sheet_path(sheet.slug, letter), sheet_path(sheet.slug, letter, key=True))
                args = (version, course.settings.paper, *paths)
                tasks.append(Task(f"{sheet.slug}, version {letter}", paths, render_version,
                                  (*args, _sheet_file(course, sheet)), group="" if sheet.is_exam else sheet.slug,
                                  key_args=args))  # the file named in messages does not shape the PDFs
        return tasks


TARGET = PdfTarget()


def sheet_path(slug: str, letter: str, key: bool = False) -> str:
    """Where a sheet's version (or its key) goes in the output folder."""
    return f"worksheets/{slug}-{letter}{'-key' if key else ''}.pdf"


def _sheet_file(course: Course, sheet) -> str:
    """The course file a sheet comes from: the unit's facts.yaml, or course.yaml for the exam."""
    for unit in course.units:
        if unit.slug == sheet.slug and not sheet.is_exam:
            return str(Path(unit.path) / FACTS_FILE)
    return str(Path(course.path) / COURSE_FILE)


def file_name_clashes(job: Job) -> list[Problem]:
    """Sheets that would write the same file: a unit named like the exam ('<course>-exam'), or names that
    differ only in case (one file on case-insensitive disks)."""
    problems = []
    owner: dict[str, Sheet] = {}
    reported: set[tuple[str, str]] = set()
    for sheet in job.sheets:
        for letter in LETTERS[: job.course.settings.versions]:
            for key in (False, True):
                path = sheet_path(sheet.slug, letter, key)
                first = owner.setdefault(path.casefold(), sheet)
                if first is sheet or (first.slug, sheet.slug) in reported:
                    continue
                reported.add((first.slug, sheet.slug))
                if sheet.is_exam or first.is_exam:
                    unit = first if sheet.is_exam else sheet
                    why = (f"unit '{unit.slug}' and the course exam would both write {path}; rename the unit, "
                           f"or build without an exam (exam: 0)")
                else:
                    why = f"units '{first.slug}' and '{sheet.slug}' would both write {path}"
                line = next((u.line for u in job.course.units if u.slug in (first.slug, sheet.slug)), 0)
                problems.append(Problem(why, file=str(Path(job.course.path) / COURSE_FILE), line=line))
    return problems


def too_tall_to_print(job: Job) -> list[Problem]:
    """One error per question (or title) too tall for a page in some version of some sheet."""
    from .document import frame_height
    from .layout import sizes_only

    course = job.course
    paper = course.settings.paper
    facts = {f.id: f for f in course.facts}
    problems: dict[tuple, Problem] = {}
    page = frame_height(paper)
    seen: set = set()  # questions measured already, as laid out
    with sizes_only():
        _too_tall_to_print(job, course, paper, facts, problems, page, seen)
    return list(problems.values())


def _too_tall_to_print(job: Job, course, paper: str, facts: dict, problems: dict, page: float, seen: set) -> None:
    from .document import layout_overflows, title_heights

    for sheet in job.sheets:
        for letter in LETTERS[: course.settings.versions]:
            version = job.version(sheet, letter)
            for key in (False, True):
                for what, q, tall in layout_overflows(version, paper, key, seen):
                    doc = sheet_path(sheet.slug, letter, key)
                    sizes = f"{tall:.0f} points tall in {doc}, and a page holds {page:.0f}"
                    if what == "title":
                        course_h, sheet_h = title_heights(version, paper)
                        of_course = sheet.is_exam or course_h >= sheet_h
                        file = str(Path(course.path) / COURSE_FILE) if of_course else _sheet_file(course, sheet)
                        problems.setdefault(("title", file), Problem(
                            f"the {'course' if of_course else 'unit'} title is too long to print in a worksheet's "
                            f"heading ({sizes}); shorten it", file=file, field="title"))
                    elif q is None:
                        problems.setdefault((what, sheet.slug), Problem(
                            f"the {what} of the sheet is too long to print ({sizes}); shorten the longest answers "
                            f"in it", file=_sheet_file(course, sheet)))
                    else:
                        problems.setdefault(("item", q.item.id), _too_tall(q.item, facts, sizes))


def _too_tall(item: Item, facts: dict, sizes: str) -> Problem:
    """Name the fact and field whose text most likely makes a question too tall to print."""
    def weight(text: str) -> int:  # long words wrap worst: a character of one counts as a line's worth
        return len(text) + 20 * max((len(w) for w in text.split()), default=0)

    best: tuple[int, str, str, Fact | None] = (-1, "", "", None)
    # The item's own facts, and those its spare answers come from (a matching question's extra names).
    extras = set(item.extras)
    sources = [facts[f] for f in item.fact_ids if f in facts]
    sources += [f for f in facts.values() if f.id not in item.fact_ids
                and (extras & {v for v in f.fields.values() if isinstance(v, str)} or extras & set(f.distractors))]
    for fact in sources:
        texts = dict(fact.fields, explanation=fact.explanation, note=fact.note, context=fact.context,
                     quote=fact.quote)
        texts.update({f"distractors[{k}]": d for k, d in enumerate(fact.distractors)})
        for field, text in texts.items():
            if isinstance(text, str) and weight(text) > best[0]:
                best = (weight(text), field, text, fact)
    _, field, text, fact = best
    message = f"the {item_type(item.type).adjective} question '{item.id}' is too long to print on one page ({sizes})"
    if fact is None:
        return Problem(message + "; shorten its texts", fact=item.fact_ids[0] if item.fact_ids else "")
    longest = max(text.split(), key=len, default="")
    hint = f"{len(text)} characters" + (f", one word of {len(longest)}" if len(longest) > 40 else "")
    return Problem(f"{message}; shorten this field ({hint})", file=fact.file, line=fact.line, fact=fact.id,
                   field=field)


def _unprintable(text: str, what: str = "") -> list[str]:
    return [f"character '{ch}' (U+{ord(ch):04X}){what} cannot be printed on worksheets: neither the font "
            f"{fonts.FAMILY} nor its fallback {fonts.FALLBACK_FAMILY} has a glyph for it" for ch in fonts.missing(text)]


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
    titles = [(str(Path(course.path) / COURSE_FILE), course.title)]
    titles += [(str(Path(u.path) / FACTS_FILE), u.title) for u in course.units]
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
                    f"character '{ch}' (U+{ord(ch):04X}) cannot be printed on worksheets: neither the font "
                    f"{fonts.FAMILY} nor its fallback {fonts.FALLBACK_FAMILY} has a glyph for it (item "
                    f"'{item.id}'){capital}",
                    fact=item.fact_ids[0] if item.fact_ids else "",
                    field=fieldname,
                ))
    return problems
