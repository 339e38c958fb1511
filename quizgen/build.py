"""The pipeline: load -> validate -> generate items -> plan sheets -> render targets -> write.

Nothing is written until every stage before it has succeeded, so a course
with errors never touches the output folder or the lock file; the writer
(`writer/`) then switches the outputs and the lock file in as one set.
"""
from __future__ import annotations

import os
from collections import Counter
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from .errors import ContentError, Problem, Problems
from .model import Course, Item
from .parallel import Progress, Workers, run_tasks, usable_cpus
from .targets import Job, Output, Target, Task, declared_options, get_target, registered_targets

if TYPE_CHECKING:
    from .cards import DeckSelection
    from .plan import Sheet


@dataclass
class Report:
    """What a check or build found and did, for the CLI to print."""

    course: Course
    items: list[Item]
    warnings: list[Problem]
    outputs: dict[str, Output] = field(default_factory=dict)  # by target name
    written: list[Path] = field(default_factory=list)  # output files whose bytes changed
    reused: list[Path] = field(default_factory=list)  # outputs taken unchanged from the last build
    up_to_date: bool = False  # nothing had changed since the last build: nothing was read or written
    silenced: int = 0  # warnings dropped by a fact's or the course's `lint_ignore`
    sheets: tuple = ()  # the planned sheets (quizgen.plan.Sheet)
    info: list[str] = field(default_factory=list)  # what the enabled targets say they would make

    def items_by_type(self) -> dict[str, int]:
        return dict(sorted(Counter(i.type for i in self.items).items()))

    def cueing(self) -> tuple[int, int]:
        """Cueing pairs the planner kept apart, and pairs left on the sheets, over every sheet."""
        return sum(s.separated for s in self.sheets), sum(len(s.cueing) for s in self.sheets)


QUESTIONS_WORTH_WORKERS = 400  # fewer printed questions (facts x versions) render sooner in one process


def worth_workers(course: Course) -> bool:
    """Whether a course has enough to render for worker processes to pay for their start."""
    questions = (sum(len(unit.facts) for unit in course.units) + course.settings.exam) * course.settings.versions
    return questions >= QUESTIONS_WORTH_WORKERS


def render_targets(job: Job, targets: list[Target], workers: Workers | None = None,
                   progress: Progress | None = None, before: Callable[[], None] | None = None,
                   reuse: Callable[[Task], Output | None] | None = None) -> dict[str, Output]:
    """Render every target in memory, by target name: tasks in the workers (None: here), other targets here.

    `before()` runs in this process once the workers have their tasks, before anything renders here.
    `reuse(task)` gives a task's output from an earlier build, or None to render it.
    """
    planned = [(target, target.tasks(job)) for target in targets]
    outputs: dict[str, Output] = {}

    def render_here() -> None:  # targets without tasks, while the workers render the tasks
        if before is not None:
            before()
        for target, tasks in planned:
            if tasks is None:
                outputs[target.name] = target.render(job)

    every_task = [task for _, tasks in planned for task in tasks or ()]
    reused = {id(task): out for task in every_task if reuse is not None and (out := reuse(task)) is not None}
    to_run = [task for task in every_task if id(task) not in reused]
    results = dict(zip(map(id, to_run), run_tasks(to_run, workers, progress, meanwhile=render_here)))
    results.update(reused)
    for target, tasks in planned:
        if tasks is not None:
            outputs[target.name] = target.collect(job, [results[id(task)] for task in tasks])
    return {target.name: outputs[target.name] for target in targets}


def load_course(course_dir: Path | str, settings: dict[str, Any] | None = None) -> Course:
    """Read and validate a course against every declared setting (quizgen's and the registered targets');
    `settings` override the course's own, None values leaving a setting as the course has it."""
    from .loader import read_course

    course = read_course(course_dir, declared_options())
    overrides = {k: v for k, v in (settings or {}).items() if v is not None}
    if overrides:
        course = replace(course, settings=course.settings.replace(**overrides))
    return course


def plan(course: Course, items: list[Item] | tuple[Item, ...]) -> tuple[tuple[Sheet, ...], DeckSelection]:
    """Plan the course's outputs: the worksheets' sheets (`quizgen.plan`) and the deck (`quizgen.cards`)."""
    from .cards import plan_deck
    from .plan import plan_sheets

    return plan_sheets(course, items), plan_deck(course, items)


def plan_job(course: Course, items: list[Item] | tuple[Item, ...], now: int | None = None) -> Job:
    """What every target renders: the course, its items and their plan."""
    sheets, deck = plan(course, items)
    return Job(course=course, items=tuple(items), sheets=sheets, deck=deck, now=now)


def check(course_dir: Path | str, *, strict: bool = False, settings: dict[str, Any] | None = None) -> Report:
    """Load and validate a course, generate its items and run every enabled target's check; write nothing.

    `settings` override the course's own; None values leave a setting as the course has it.
    """
    return _prepare(course_dir, strict, settings, None, thorough=True)[0]


def _prepare(course_dir: Path | str, strict: bool, settings: dict[str, Any] | None, now: int | None,
             progress: Progress | None = None, on_loaded=None,
             defer_checks: bool = False, thorough: bool = False) -> tuple[Report, Job, list[Target], Callable[[], None]]:
    """Everything a build does before rendering: the report, the job for the targets, the enabled targets,
    and the targets' checks still to run (with `defer_checks`; otherwise they have run, and it does nothing).
    `thorough` also runs the checks that cost as much as rendering (`Target.check_rendering`).

    `on_loaded(course)` is called once the course is read, before its questions are written.
    """
    from .generate import generate_items, load_templates, make_environment
    from .lint import lint, lint_plan, silence

    progress = progress or Progress()
    progress.stage("Reading the course")
    try:
        course = load_course(course_dir, settings)
    except ContentError as exc:
        # Report broken templates in the same run, even though no items can be made.
        own = Path(course_dir) / "templates"
        template_problems = Problems()
        load_templates(make_environment(str(own) if own.is_dir() else None), template_problems)
        raise ContentError(exc.problems + template_problems.items) from None
    if on_loaded is not None:
        on_loaded(course)
    problems = Problems()
    progress.stage("Writing questions")
    items = generate_items(course, problems)
    problems.items.extend(lint(course, items))
    progress.stage("Planning sheets")
    problems.items, silenced = silence(problems.items, course, items)
    job = plan_job(course, items, now=now)
    targets = [get_target(name) for name in course.settings.targets]
    report = Report(course=course, items=items, warnings=[], silenced=silenced, sheets=job.sheets)

    def run_checks() -> None:
        progress.stage("Checking")
        found, dropped = silence([problem for target in targets for problem in target.check(job)], course, items)
        problems.items.extend(found)
        report.silenced += dropped
        if thorough and not problems.errors:
            for target in targets:
                problems.items.extend(target.check_rendering(job))
        if not problems.errors:  # what the planner made of a course with errors says nothing
            planned, dropped = silence(lint_plan(course, items, job.sheets, job.deck), course, items)
            problems.items.extend(planned)
            report.silenced += dropped
        problems.raise_if_errors()
        if strict and problems.warnings:
            raise ContentError(problems.items, strict=True)
        report.warnings = problems.warnings
        report.info = [line for target in targets for line in target.describe(job)]

    # Deferred, the checks run while the workers render; a course whose questions already have errors
    # is checked at once, so that every problem is reported together and nothing renders.
    if defer_checks and not problems.errors:
        return report, job, targets, run_checks
    run_checks()
    return report, job, targets, lambda: None


def build(course_dir: Path | str, out_dir: Path | str, *, strict: bool = False,
          settings: dict[str, Any] | None = None, now: int | None = None, jobs: int | None = 1,
          progress: Progress | None = None, on_wait: Callable[[str], None] | None = None,
          force: bool = False) -> Report:
    """Build every enabled target of a course into out_dir, reusing what has not changed since the last build.

    `jobs` worker processes render the targets' tasks: 1 renders them in this process; None
    as many as there are usable CPUs, unless the course is too small to gain from them. The
    files are the same for any number. `progress` hears of each stage and task. `now` is the
    build time given to new and changed Anki notes; by default the SOURCE_DATE_EPOCH
    environment variable, else the clock. `on_wait` is told when another build holds the
    output folder and this one waits for it. `force` sets aside what the folder's records say:
    everything is rendered again, and files at the outputs' paths that quizgen did not write
    are replaced (without it they are refused, and nothing is written).
    """
    from . import incremental
    from .writer import OutputFolder, read_last_build

    course_dir = Path(course_dir)
    now = build_time(now)
    progress = progress or Progress()
    given = {k: v for k, v in (settings or {}).items() if v is not None}
    with ExitStack() as stack:
        # The folder is locked first: what the last build recorded there cannot change under this one.
        folder = stack.enter_context(OutputFolder(out_dir, course_dir, on_wait=on_wait))
        out_dir = folder.out
        manifest, last = ({}, {}) if force else read_last_build(out_dir)
        digests = incremental.course_digests(course_dir)
        inputs = incremental.build_fingerprint(digests, given)
        unchanged = _unchanged_since_last_build(out_dir, course_dir, inputs, manifest, last, strict)
        if unchanged is not None:
            return unchanged

        def start_workers(count: int) -> Workers | None:
            # They start in the background, and get ready while the course is read and checked.
            preload = [module for target in registered_targets() for module in target.task_modules]
            return stack.enter_context(Workers(count, preload)) if count > 1 else None

        def on_loaded(course: Course) -> None:  # no number given: the course's size chooses
            nonlocal workers
            workers = start_workers(usable_cpus() if worth_workers(course) else 1)

        workers = start_workers(jobs) if jobs is not None else None
        on_loaded = on_loaded if jobs is None else None
        # The targets' checks run here while the workers render, which is why nothing is written before
        # rendering has ended: a problem they find stops the workers and the build.
        report, job, targets, run_checks = _prepare(course_dir, strict, settings, now, progress, on_loaded,
                                                    defer_checks=workers is not None)
        keys: dict[str, str] = {}

        def reuse(task: Task) -> Output | None:
            if not task.reusable:
                return None
            key = incremental.task_key(task.func, task.args if task.key_args is None else task.key_args)
            keys.update(dict.fromkeys(task.paths, key))
            entries = {path: manifest.get(path, {}) for path in task.paths}
            if any(entry.get("key") != key for entry in entries.values()):
                return None
            files = incremental.intact(out_dir, entries)
            if files is not None:
                report.reused += [out_dir / path for path in task.paths]
            return Output(files) if files is not None else None

        with folder.allowed():  # an interrupt while rendering stops the build: nothing was written yet
            checked = False

            def checks() -> None:
                nonlocal checked
                run_checks()
                checked = True

            try:
                report.outputs = render_targets(job, targets, workers, progress, before=checks, reuse=reuse)
            except ContentError as failed:
                if not checked:  # the checks' own errors, as they are
                    raise
                raise _explained(failed, job, targets) from None
        progress.stage("Writing files")
        outputs = {name: out.files for name, out in report.outputs.items()}
        course_files = {path: data for out in report.outputs.values() for path, data in out.course_files.items()}
        # The build is recorded as it leaves the course: the lock it writes is one of the files it read.
        after = incremental.build_fingerprint(digests, given, replaced=course_files)
        record = {"inputs": after, "warnings": [_portable(problem, course_dir) for problem in report.warnings]}
        report.written = folder.switch(outputs, course_files, keys=keys, record=record, replace_unrecorded=force)
    return report


def _explained(failed: ContentError, job: Job, targets: list[Target]) -> ContentError:
    """A rendering failure, as the targets' rendering checks explain it (naming the fact), if they can."""
    problems = [problem for target in targets for problem in target.check_rendering(job)]
    errors = [problem for problem in problems if problem.level == "error"]
    return ContentError(errors) if errors else failed


def _portable(problem: Problem, course_dir: Path) -> dict:
    """A warning as the manifest keeps it: its file relative to the course folder, wherever that lies."""
    entry = asdict(problem)
    prefix = str(course_dir) + os.sep
    if entry["file"].startswith(prefix):
        entry["file"], entry["in_course"] = entry["file"][len(prefix):], True
    return entry


def _located(entry: dict, course_dir: Path) -> Problem:
    """A kept warning, its file named as this build names the course folder."""
    entry = dict(entry)
    if entry.pop("in_course", False):
        entry["file"] = str(course_dir / entry["file"])
    return Problem(**entry)


def _unchanged_since_last_build(out_dir: Path, course_dir: Path, inputs: str, manifest: dict, record: dict,
                                strict: bool) -> Report | None:
    """A report saying nothing changed, when the last build read the same inputs and its files are intact."""
    from . import incremental

    if not manifest or record.get("inputs") != inputs or incremental.intact(out_dir, manifest) is None:
        return None
    try:
        warnings = [_located(entry, course_dir) for entry in record.get("warnings", [])]
    except (TypeError, AttributeError):  # a record of another quizgen: build as usual
        return None
    if strict and warnings:
        raise ContentError(warnings, strict=True)
    return Report(course=None, items=[], warnings=warnings, up_to_date=True,
                  reused=[out_dir / rel for rel in sorted(manifest)])


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
