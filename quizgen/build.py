"""The pipeline: load -> generate -> lint -> plan -> check -> render -> write.

Each stage is one call, with plain data in and out:

    course = load_course(course_dir, settings)          loader/: course.yaml, facts.yaml, the sources
    items, problems, silenced = generate(course)         generate/, then lint.py: the items and their warnings
    job = plan_job(course, items, now)                   plan.py, cards.py: the sheets and the deck
    silenced += check_targets(job, targets, problems)    each target's checks, then the plan's lint
    outputs = render(job, planned, ...)                  targets/: tasks in worker processes (parallel.py),
                                                         each task's files staged as it finishes (writer/),
                                                         by the worker that rendered them
    folder.switch(outputs, ...)                          writer/: every file at once, or none

Nothing the user sees is written until every stage before it has succeeded,
so a course with errors never touches the output folder or the lock file:
rendered files go to the build's staging folder (inside quizgen's own) as
each task finishes, and the writer then switches the outputs and the lock
file in as one set.

A build is handed one object besides data, `progress` (`parallel.Progress`),
which hears of each stage, each task finished and each wait for another
build: those happen while the build is busy or blocked, where no return
value can carry them.
"""
from __future__ import annotations

import gc
import os
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ContentError, Problem, Problems
from .model import Course, Item
from .parallel import Progress, Workers, start_tasks, usable_cpus
from .targets import Job, Output, Target, Task, declared_options, get_target, registered_targets

if TYPE_CHECKING:
    from .cards import DeckSelection
    from .plan import Sheet


@dataclass
class Report:
    """What a check or build found and did, for the CLI to print."""

    course: Course | None
    items: list[Item]
    warnings: list[Problem]
    outputs: dict[str, Output] = field(default_factory=dict)  # by target name
    written: list[Path] = field(default_factory=list)  # output files whose bytes changed
    reused: list[Path] = field(default_factory=list)  # outputs taken unchanged from the last build
    up_to_date: bool = False  # nothing had changed since the last build: nothing was read or written
    silenced: int = 0  # warnings dropped by a fact's or the course's `lint_ignore`
    sheets: tuple = ()  # the planned sheets (quizgen.plan.Sheet)
    info: list[str] = field(default_factory=list)  # what the enabled targets say they would make
    notes: list[Problem] = field(default_factory=list)  # what the lint says for the author's information

    def items_by_type(self) -> dict[str, int]:
        return dict(sorted(Counter(i.type for i in self.items).items()))

    def cueing(self) -> tuple[int, int]:
        """Cueing pairs the planner kept apart, and pairs left on the sheets, over every sheet."""
        return sum(s.separated for s in self.sheets), sum(len(s.cueing) for s in self.sheets)


# --- the stages -----------------------------------------------------------------------------


def load_course(course_dir: Path | str, settings: dict[str, Any] | None = None) -> Course:
    """Read and validate a course against every declared setting (quizgen's and the registered targets');
    `settings` override the course's own, None values leaving a setting as the course has it."""
    from .loader import read_course

    course = read_course(course_dir, declared_options())
    course = replace(course, own_targets=tuple(course.settings.targets))  # what `--only` leaves the plan reading
    overrides = {k: v for k, v in (settings or {}).items() if v is not None}
    if overrides:
        course = replace(course, settings=course.settings.replace(**overrides))
    return course


def generate(course: Course) -> tuple[list[Item], Problems, int]:
    """The course's items; the problems found making them and the lint's warnings; how many `lint_ignore`
    silenced."""
    from .generate import generate_items
    from .lint import lint, silence

    problems = Problems()
    items = generate_items(course, problems)
    problems.items, silenced = silence(problems.items + lint(course, items), course, items)
    return items, problems, silenced


def forget_text_caches() -> None:
    """Empty quizgen's caches of texts: every bounded `lru_cache` of its modules loaded so far (folded,
    normalised, split and padded texts, words' parts of speech, options' order...), which each stage fills
    with its own texts (some 30 MiB at 10,000 facts). The next stage fills them again with what it reads,
    instead of on top of them. Caches of one entry (a table read once, a library's engine) and unbounded ones
    (a language's messages) are kept: they do not grow with the course."""
    import sys

    for name, module in list(sys.modules.items()):
        if module is None or not (name == "quizgen" or name.startswith("quizgen.")):
            continue
        for value in list(vars(module).values()):
            parameters = getattr(value, "cache_parameters", None)
            if callable(parameters) and getattr(value, "__module__", None) == name \
                    and parameters().get("maxsize") not in (None, 1):
                value.cache_clear()


def plan(course: Course, items: list[Item] | tuple[Item, ...]) -> tuple[tuple[Sheet, ...], DeckSelection]:
    """Plan the course's outputs: the worksheets' sheets (`quizgen.plan`) and the deck (`quizgen.cards`)."""
    from .cards import plan_deck
    from .plan import plan_sheets

    deck = plan_deck(course, items)
    return plan_sheets(course, items, deck), deck


def plan_job(course: Course, items: list[Item] | tuple[Item, ...], now: int | None = None) -> Job:
    """What every target renders: the course, its items and their plan."""
    sheets, deck = plan(course, items)
    return Job(course=course, items=tuple(items), sheets=sheets, deck=deck, now=now)


def enabled_targets(course: Course) -> list[Target]:
    """The targets the course's `targets` setting names, in that order."""
    return [get_target(name) for name in course.settings.targets]


def check_targets(job: Job, targets: list[Target], problems: Problems, thorough: bool = False) -> int:
    """Add to `problems` what the targets find before anything is written, then the warnings of the plan's
    lint; return how many warnings `lint_ignore` silenced. `thorough` also runs the checks that cost as much as
    rendering (`Target.check_rendering`). What the planner made of a course with errors says nothing, so the
    later checks run only while there are none."""
    from .lint import lint_plan, silence

    course, items = job.course, job.items
    found, silenced = silence([problem for target in targets for problem in target.check(job)], course, items)
    problems.items.extend(found)
    if thorough and not problems.errors:
        for target in targets:
            problems.items.extend(target.check_rendering(job))
    if not problems.errors:
        planned, dropped = silence(lint_plan(course, items, job.sheets, job.deck), course, items)
        problems.items.extend(planned)
        silenced += dropped
    return silenced


def verdict(problems: Problems, strict: bool) -> list[Problem]:
    """The warnings of a course that may be built; raise ContentError when it has errors (or, `strict`,
    warnings)."""
    problems.raise_if_errors()
    if strict and problems.warnings:
        raise ContentError(problems.items, strict=True)
    return problems.warnings


# The cyclic garbage collector's thresholds while a course is read, written, planned and checked (see
# `fewer_collections`): a young generation of this many objects, and as many of its collections per older one.
COLLECT_THRESHOLDS = (100_000, 50, 100)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often within the block, then as before.

    Reading a course and writing its questions make millions of small objects that live until the build ends;
    at Python's usual thresholds the collector scans them again and again (a quarter of checking a unit of
    4,000 facts), and finds almost nothing: what they drop is freed as soon as it is dropped. Collections
    still run, on a larger young generation, so cyclic garbage is still freed."""
    before = gc.get_threshold()
    gc.set_threshold(*COLLECT_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def check(course_dir: Path | str, *, strict: bool = False, settings: dict[str, Any] | None = None) -> Report:
    """Load and validate a course, generate and plan its items and run every enabled target's checks, the
    costly ones too; write nothing. `settings` override the course's own."""
    with fewer_collections():
        return _check(course_dir, strict, settings)


def _check(course_dir: Path | str, strict: bool, settings: dict[str, Any] | None) -> Report:
    course = _load_reporting_templates(course_dir, settings)
    items, problems, silenced = generate(course)
    job = plan_job(course, items)
    targets = enabled_targets(course)
    silenced += check_targets(job, targets, problems, thorough=True)
    warnings = verdict(problems, strict)
    return Report(course=course, items=items, warnings=warnings, silenced=silenced, sheets=job.sheets,
                  info=describe(job, targets), notes=[p for p in problems.items if p.level == "note"])


def describe(job: Job, targets: list[Target]) -> list[str]:
    """What the enabled targets say they would make."""
    return [line for target in targets for line in target.describe(job)]


def _load_reporting_templates(course_dir: Path | str, settings: dict[str, Any] | None) -> Course:
    """`load_course`; a course that does not load has its templates checked too, so that every problem is
    reported in one run, even though no items can be made."""
    from .generate import load_templates, make_environment

    try:
        return load_course(course_dir, settings)
    except ContentError as exc:
        own = Path(course_dir) / "templates"
        template_problems = Problems()
        load_templates(make_environment(str(own) if own.is_dir() else None), template_problems)
        raise ContentError(exc.problems + template_problems.items) from None


# --- rendering ---------------------------------------------------------------------------------

QUESTIONS_WORTH_WORKERS = 400  # fewer questions to lay out (Target.workload) render sooner in one process


def workers_for(course: Course, jobs: int | None) -> int:
    """How many worker processes to render with: `jobs`, or (None) as many as there are usable CPUs when the
    enabled targets have enough to render for workers to pay for their start, else none (1)."""
    if jobs is not None:
        return jobs
    workload = sum(target.workload(course) for target in enabled_targets(course))
    return usable_cpus() if workload >= QUESTIONS_WORTH_WORKERS else 1


def start_workers(count: int, stack: ExitStack) -> Workers | None:
    """Worker processes, started in the background (they get ready while the course is read); None for one."""
    if count <= 1:
        return None
    preload = [module for target in registered_targets() for module in target.task_modules]
    return stack.enter_context(Workers(count, preload))


@dataclass(frozen=True)
class Planned:
    """A target's rendering as the build runs it: its tasks, or None to call its `render` here."""

    target: Target
    tasks: tuple[Task, ...] | None


def plan_rendering(job: Job, targets: list[Target]) -> list[Planned]:
    """Each target's tasks, in target order."""
    out = []
    for target in targets:
        tasks = target.tasks(job)
        out.append(Planned(target, None if tasks is None else tuple(tasks)))
    return out


def every_task(planned: list[Planned]) -> list[Task]:
    return [task for entry in planned for task in entry.tasks or ()]


def render_here(job: Job, planned: list[Planned]) -> dict[str, Output]:
    """Render the targets that offer no tasks, in this process."""
    return {entry.target.name: entry.target.render(job) for entry in planned if entry.tasks is None}


def collect(job: Job, planned: list[Planned], task_outputs: list[Output], here: dict[str, Output]) -> dict[str, Output]:
    """Every target's output, in target order: its tasks' outputs (given in `every_task` order) merged by the
    target, or what it rendered here."""
    outputs = iter(task_outputs)
    collected = {}
    for entry in planned:
        if entry.tasks is None:
            collected[entry.target.name] = here[entry.target.name]
        else:
            collected[entry.target.name] = entry.target.collect(job, [next(outputs) for _ in entry.tasks])
    return collected


def explained(failed: ContentError, job: Job, targets: list[Target]) -> ContentError:
    """A rendering failure, as the targets' rendering checks explain it (naming the fact), if they can."""
    problems = [problem for target in targets for problem in target.check_rendering(job)]
    errors = [problem for problem in problems if problem.level == "error"]
    return ContentError(errors) if errors else failed


# --- the build ---------------------------------------------------------------------------------


def build(course_dir: Path | str, out_dir: Path | str, *, strict: bool = False,
          settings: dict[str, Any] | None = None, now: int | None = None, jobs: int | None = 1,
          progress: Progress | None = None, force: bool = False,
          author_notes: Callable[[Report], list[Problem]] | None = None) -> Report:
    """Build every enabled target of a course into out_dir, reusing what has not changed since the last build.

    `jobs` worker processes render the targets' tasks: 1 renders them in this process; None
    as many as there are usable CPUs, unless the course is too small to gain from them. The
    files are the same for any number. `progress` hears of each stage, each task and each wait
    for another build holding the output folder. `now` is the build time given to new and
    changed Anki notes; by default the SOURCE_DATE_EPOCH environment variable, else the
    clock. `force` sets aside what the folder's records say: everything is rendered again,
    and files at the outputs' paths that quizgen did not write are replaced (without it they
    are refused, and nothing is written). `author_notes` gives notes of the report's items to tell the author
    besides the lint's (the command line's: facts that make no question); the build records all of them, so
    that a build with nothing to do tells them again.
    """
    with fewer_collections():
        return _build(course_dir, out_dir, strict, settings, now, jobs, progress, force, author_notes)


def _build(course_dir: Path | str, out_dir: Path | str, strict: bool, settings: dict[str, Any] | None,
           now: int | None, jobs: int | None, progress: Progress | None, force: bool,
           author_notes: Callable[[Report], list[Problem]] | None) -> Report:
    from . import incremental
    from .writer import OutputFolder, read_last_build

    course_dir = Path(course_dir)
    now = build_time(now)
    progress = progress or Progress()
    given = {k: v for k, v in (settings or {}).items() if v is not None}
    with ExitStack() as stack:
        # The folder is locked first: what the last build recorded there cannot change under this one.
        folder = stack.enter_context(OutputFolder(out_dir, course_dir, on_wait=progress.waiting))
        out = folder.out
        manifest, last = ({}, {}) if force else read_last_build(out)
        digests = incremental.course_digests(course_dir)
        unchanged = _unchanged_since_last_build(out, course_dir, incremental.build_fingerprint(digests, given),
                                                manifest, last, strict)
        if unchanged is not None:
            return unchanged

        workers = start_workers(jobs, stack) if jobs is not None else None
        progress.stage("Reading the course")
        course = _load_reporting_templates(course_dir, settings)
        if jobs is None:  # no number given: the course's size chooses
            workers = start_workers(workers_for(course, None), stack)
        progress.stage("Writing questions")
        items, problems, silenced = generate(course)
        forget_text_caches()
        progress.stage("Planning sheets")
        job = plan_job(course, items, now=now)
        targets = enabled_targets(course)
        planned = plan_rendering(job, targets)
        reused, keys = incremental.reusable_outputs(every_task(planned), manifest, out)
        forget_text_caches()  # what planning the sheets and the targets' tasks read
        report = Report(course=course, items=items, warnings=[], sheets=job.sheets,
                        reused=[out / path for index in reused for path in every_task(planned)[index].paths])

        with folder.allowed():  # an interrupt while rendering stops the build: nothing was written yet
            to_run = [task for index, task in enumerate(every_task(planned)) if index not in reused]
            # With workers, the targets' checks run here while they render, which is why nothing is written
            # before rendering has ended: a problem the checks find stops the workers and the build. A course
            # whose questions already have errors is checked before anything renders, so that every problem
            # is reported together.
            checked_first = workers is None or bool(problems.errors)
            if checked_first:
                progress.stage("Checking")
                silenced += check_targets(job, targets, problems)
                forget_text_caches()
                report.warnings = verdict(problems, strict)
            with start_tasks(to_run, workers, progress, keep=folder.stage,
                             finish=lambda task: folder.stage_in(task.paths)) as rendering:
                if not checked_first:
                    progress.stage("Checking")
                    silenced += check_targets(job, targets, problems)
                    forget_text_caches()
                    report.warnings = verdict(problems, strict)
                report.info = describe(job, targets)
                try:
                    here = {name: folder.stage(output) for name, output in render_here(job, planned).items()}
                    rendered = iter(rendering.wait())
                except ContentError as failed:
                    raise explained(failed, job, targets) from None
            task_outputs = [reused[index] if index in reused else next(rendered)
                            for index in range(len(every_task(planned)))]
            report.outputs = collect(job, planned, task_outputs, here)
        report.silenced = silenced
        report.notes = (author_notes(report) if author_notes else []) + \
            [p for p in problems.items if p.level == "note"]

        progress.stage("Writing files")
        outputs = {name: output.files for name, output in report.outputs.items()}
        course_files = {path: data for output in report.outputs.values() for path, data in output.course_files.items()}
        # The build is recorded as it leaves the course: the lock it writes is one of the files it read.
        after = incremental.build_fingerprint(digests, given, replaced=course_files)
        record = {"inputs": after, "warnings": [_portable(problem, course_dir) for problem in report.warnings],
                  "notes": [_portable(problem, course_dir) for problem in report.notes]}
        report.written = folder.switch(outputs, course_files, keys=keys, record=record, replace_unrecorded=force)
    return report


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
        notes = [_located(entry, course_dir) for entry in record.get("notes", [])]
    except (TypeError, AttributeError):  # a record of another quizgen: build as usual
        return None
    if strict and warnings:
        raise ContentError(warnings, strict=True)
    return Report(course=None, items=[], warnings=warnings, up_to_date=True, notes=notes,
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
