"""The pipeline: load -> validate -> generate items -> render targets -> write.

Nothing is written until every stage before it has succeeded, so a course
with errors never touches the output folder or the lock file.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import ContentError, Problem, Problems
from .generate import generate_items, load_templates, make_environment
from .loader import load_course
from .lock import LOCK_FILE
from .model import Course, Item
from .writer import write_outputs


@dataclass
class Report:
    """What a check or build found and did, for the CLI to print."""

    course: Course
    items: list[Item]
    warnings: list[Problem]
    written: list[Path] = field(default_factory=list)
    deck_changes: dict[str, list[str]] = field(default_factory=dict)

    def items_by_type(self) -> dict[str, int]:
        return dict(sorted(Counter(i.type for i in self.items).items()))


def check(course_dir: Path | str, *, strict: bool = False) -> Report:
    """Load and validate a course and generate its items; write nothing."""
    try:
        course = load_course(course_dir)
    except ContentError as exc:
        # Report broken templates in the same run, even though no items can be made.
        own = Path(course_dir) / "templates"
        template_problems = Problems()
        load_templates(make_environment(str(own) if own.is_dir() else None), template_problems)
        raise ContentError(exc.problems + template_problems.items) from None
    problems = Problems()
    items = generate_items(course, problems)
    from . import fonts  # the font check needs reportlab
    from .targets.pdf import missing_glyphs

    # Check the author's own text first, so a message names the fact field to fix;
    # the item check then catches characters that come from templates.
    before = len(problems.errors)
    for fact in course.facts:
        texts = dict(fact.fields, explanation=fact.explanation, note=fact.note, context=fact.context)
        for name, text in texts.items():
            for ch in fonts.missing(text) if isinstance(text, str) else ():
                problems.error(f"character '{ch}' (U+{ord(ch):04X}) cannot be printed on worksheets: the font "
                               f"{fonts.FAMILY} has no glyph for it", file=fact.file, line=fact.line, fact=fact.id,
                               field=name)
    titles = [(str(Path(course.path) / "course.yaml"), course.title)]
    titles += [(str(Path(u.path) / "facts.yaml"), u.title) for u in course.units]
    for file, title in titles:
        for ch in fonts.missing(title):
            problems.error(f"character '{ch}' (U+{ord(ch):04X}) in the title cannot be printed on worksheets: "
                           f"the font {fonts.FAMILY} has no glyph for it", file=file, field="title")
    if len(problems.errors) == before:
        problems.items.extend(missing_glyphs(items))
    problems.raise_if_errors()
    if strict and problems.warnings:
        raise ContentError(problems.items, strict=True)
    return Report(course=course, items=items, warnings=problems.warnings)


def build(
    course_dir: Path | str,
    out_dir: Path | str,
    *,
    versions: int | None = None,
    paper: str | None = None,
    exam: int | None = None,
    strict: bool = False,
    now: int | None = None,
) -> Report:
    """Build the Anki deck and the worksheets of a course into out_dir."""
    course_dir, out_dir = Path(course_dir), Path(out_dir)
    report = check(course_dir, strict=strict)
    course = report.course
    settings = replace(
        course.settings,
        versions=versions if versions is not None else course.settings.versions,
        paper=paper or course.settings.paper,
        exam=exam if exam is not None else course.settings.exam,
    )
    course = replace(course, settings=settings)

    from .targets.anki import render_deck
    from .targets.pdf import render_worksheets

    lock_path = course_dir / LOCK_FILE
    previous_lock = lock_path.read_text(encoding="utf-8") if lock_path.is_file() else None
    deck = render_deck(course, report.items, previous_lock, now=now)
    files = {f"{course.slug}.apkg": deck.data}
    files.update(
        render_worksheets(course, report.items, versions=settings.versions, paper=settings.paper, exam=settings.exam)
    )

    report.written = write_outputs(out_dir, files)
    # The lock moves forward only once every output is in place.
    if deck.lock_text != previous_lock:
        write_outputs(course_dir, {LOCK_FILE: deck.lock_text.encode("utf-8")})
    report.deck_changes = {
        "new": list(deck.new),
        "updated": list(deck.updated),
        "retired": list(deck.retired),
        "unchanged": list(deck.unchanged),
    }
    report.course = course
    return report
