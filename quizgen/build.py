"""The pipeline: load -> validate -> generate items -> plan sheets -> render targets -> write.

Nothing is written until every stage before it has succeeded, so a course
with errors never touches the output folder or the lock file; the writer
(`writer.py`) then switches the outputs and the lock file in as one set.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

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

    def items_by_type(self) -> dict[str, int]:
        return dict(sorted(Counter(i.type for i in self.items).items()))


def check(course_dir: Path | str, *, strict: bool = False, settings: dict[str, Any] | None = None) -> Report:
    """Load and validate a course, generate its items and run every enabled target's check; write nothing.

    `settings` override the course's own; None values leave a setting as the course has it.
    """
    return _prepare(course_dir, strict, settings, None)[0]


def _prepare(course_dir: Path | str, strict: bool, settings: dict[str, Any] | None,
             now: int | None) -> tuple[Report, Job, list[Target]]:
    """Everything a build does before rendering: the report, the job for the targets, the enabled targets."""
    from .generate import generate_items, load_templates, make_environment
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
    job = Job.for_course(course, items, now=now)
    targets = [get_target(name) for name in course.settings.targets]
    for target in targets:
        problems.items.extend(target.check(job))
    problems.raise_if_errors()
    if strict and problems.warnings:
        raise ContentError(problems.items, strict=True)
    return Report(course=course, items=items, warnings=problems.warnings), job, targets


def build(course_dir: Path | str, out_dir: Path | str, *, strict: bool = False,
          settings: dict[str, Any] | None = None, now: int | None = None,
          on_wait: Callable[[str], None] | None = None) -> Report:
    """Build every enabled target of a course into out_dir.

    `now` is the build time given to new and changed Anki notes; by default the
    SOURCE_DATE_EPOCH environment variable, else the clock. `on_wait` is told
    when another build holds the output folder and this one waits for it.
    """
    from .writer import OutputFolder, check_output_dir

    course_dir = Path(course_dir)
    out_dir = check_output_dir(out_dir, course_dir)
    now = build_time(now)
    report, job, targets = _prepare(course_dir, strict, settings, now)
    # Rendering happens with the output folder locked, so the Anki lock it reads is the one it replaces.
    with OutputFolder(out_dir, course_dir, on_wait=on_wait) as folder:
        with folder.allowed():  # an interrupt while rendering stops the build: nothing was written yet
            for target in targets:
                report.outputs[target.name] = target.render(job)
        outputs = {name: out.files for name, out in report.outputs.items()}
        course_files = {path: data for out in report.outputs.values() for path, data in out.course_files.items()}
        report.written = folder.switch(outputs, course_files)
    return report


def build_time(now: int | None = None) -> int | None:
    """The build time: `now` if given, else SOURCE_DATE_EPOCH (reproducible builds), else None (the clock)."""
    if now is not None:
        return now
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isdigit() or not 0 <= int(value) < 2**32:
        raise ContentError([Problem(
            f"the environment variable SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 "
            f"(e.g. $(git log -1 --format=%ct)), got '{value}'")])
    return int(value)
