"""The pipeline: load -> validate -> generate items -> plan sheets -> render targets -> write.

Nothing is written until every stage before it has succeeded, so a course
with errors never touches the output folder or the lock file.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import ContentError, Problem, Problems
from .model import Course, Item
from .targets import Job, Output, Target, get_target


@dataclass
class Report:
    """What a check or build found and did, for the CLI to print."""

    course: Course
    items: list[Item]
    warnings: list[Problem]
    outputs: dict[str, Output] = field(default_factory=dict)  # by target name
    written: list[Path] = field(default_factory=list)
    silenced: int = 0  # warnings dropped by a fact's or the course's `lint_ignore`
    sheets: tuple = ()  # the planned sheets (quizgen.plan.Sheet)
    info: list[str] = field(default_factory=list)  # what the enabled targets say they would make

    def items_by_type(self) -> dict[str, int]:
        return dict(sorted(Counter(i.type for i in self.items).items()))

    def cueing(self) -> tuple[int, int]:
        """Cueing pairs the planner kept apart, and pairs left on the sheets, over every sheet."""
        return sum(s.separated for s in self.sheets), sum(len(s.cueing) for s in self.sheets)


def check(course_dir: Path | str, *, strict: bool = False, settings: dict[str, Any] | None = None) -> Report:
    """Load and validate a course, generate its items and run every enabled target's check; write nothing.

    `settings` override the course's own; None values leave a setting as the course has it.
    """
    return _prepare(course_dir, strict, settings, None)[0]


def _prepare(course_dir: Path | str, strict: bool, settings: dict[str, Any] | None,
             now: int | None) -> tuple[Report, Job, list[Target]]:
    """Everything a build does before rendering: the report, the job for the targets, the enabled targets."""
    from .generate import generate_items, load_templates, make_environment
    from .lint import lint, silence
    from .loader import load_course

    try:
        course = load_course(course_dir)
    except ContentError as exc:
        # Report broken templates in the same run, even though no items can be made.
        own = Path(course_dir) / "templates"
        template_problems = Problems()
        load_templates(make_environment(str(own) if own.is_dir() else None), template_problems)
        raise ContentError(exc.problems + template_problems.items) from None
    overrides = {k: v for k, v in (settings or {}).items() if v is not None}
    if overrides:
        course = replace(course, settings=course.settings.replace(**overrides))
    problems = Problems()
    items = generate_items(course, problems)
    problems.items.extend(lint(course, items))
    problems.items, silenced = silence(problems.items, course, items)
    job = Job.for_course(course, items, now=now)
    targets = [get_target(name) for name in course.settings.targets]
    for target in targets:
        problems.items.extend(target.check(job))
    problems.raise_if_errors()
    if strict and problems.warnings:
        raise ContentError(problems.items, strict=True)
    info = [line for target in targets for line in target.describe(job)]
    return Report(course=course, items=items, warnings=problems.warnings, silenced=silenced, sheets=job.sheets,
                  info=info), job, targets


def build(course_dir: Path | str, out_dir: Path | str, *, strict: bool = False,
          settings: dict[str, Any] | None = None, now: int | None = None) -> Report:
    """Build every enabled target of a course into out_dir."""
    from .writer import write_outputs

    course_dir, out_dir = Path(course_dir), Path(out_dir)
    report, job, targets = _prepare(course_dir, strict, settings, now)
    for target in targets:
        report.outputs[target.name] = target.render(job)
    files = {path: data for out in report.outputs.values() for path, data in out.files.items()}
    course_files = {path: data for out in report.outputs.values() for path, data in out.course_files.items()}
    report.written = write_outputs(out_dir, files)
    # The course's own files (the Anki lock) move forward only once every output is in place.
    if course_files:
        write_outputs(course_dir, course_files)
    return report
