"""Output targets: one module each, all behind one interface.

A target declares its name, a title and its own settings, and implements two
steps that the pipeline calls for every enabled target:

    check(job)   problems it can find before anything is written (missing glyphs, a damaged lock)
    render(job)  the files it wants written, as bytes, keyed by path inside the output folder

A target whose work falls into independent pieces (a worksheet version, a deck)
may instead offer them as `tasks(job)`: each `Task` is a module-level function
and picklable arguments, so the build can run tasks in worker processes
(`quizgen build --jobs N`). The build merges their outputs in the order the
target listed them (`collect`), so the files never depend on how many
processes ran or which finished first; `render` then runs the tasks in turn.

Targets take plain items and the plan, and know nothing of YAML. Heavy
libraries (reportlab, genanki) are imported inside `check` and `render`, so
that listing the targets and their settings stays cheap. To add a target,
write a module with a `TARGET` object and add its module to `REGISTRY`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..settings import Option, declare

if TYPE_CHECKING:  # imported for type hints only: the registry must stay light
    from ..cards import DeckSelection
    from ..errors import Problem
    from ..model import Course, Item
    from ..plan import Sheet, Version

# name -> module holding `TARGET`, in the order targets are built and documented
REGISTRY = {
    "anki": "quizgen.targets.anki",
    "pdf": "quizgen.targets.pdf",
    "web": "quizgen.targets.web",
    "moodle": "quizgen.targets.moodle",
    "gift": "quizgen.targets.gift",
    "canvas": "quizgen.targets.canvas",
    "qti3": "quizgen.targets.qti3",
    "kahoot": "quizgen.targets.kahoot",
    "quizlet": "quizgen.targets.quizlet",
}


@dataclass(frozen=True)
class Job:
    """Everything a target gets: the course (settings resolved), its items, and their plan: the worksheets'
    sheets (`quizgen.plan`) and the deck (`quizgen.cards`). The build makes it (`quizgen.build.plan_job`)."""

    course: Course
    items: tuple[Item, ...]
    sheets: tuple[Sheet, ...]
    deck: DeckSelection
    now: int | None = None  # build time for what a target stamps (Anki notes); None: the clock
    # The versions planned so far, by sheet slug and letter: planned once, shared by every target that asks.
    _versions: dict[tuple[str, str], Version] = field(default_factory=dict, compare=False, repr=False)

    @property
    def course_dir(self) -> Path:
        return Path(self.course.path)

    def version(self, sheet: Sheet, letter: str) -> Version:
        """One version of one of the job's sheets (`quizgen.plan.plan_version`), planned the first time any
        target asks for it: the worksheets, the exports and the checks then hold one copy of it, not one each."""
        key = (sheet.slug, letter)
        found = self._versions.get(key)
        if found is None:
            from ..plan import plan_version

            found = self._versions[key] = plan_version(self.course, sheet, letter)
        return found


@dataclass
class Output:
    """What a target rendered: files for the output folder, and files it keeps in the course folder."""

    files: dict[str, bytes]  # path inside the output folder -> content
    course_files: dict[str, bytes] = field(default_factory=dict)  # path inside the course folder -> content
    summary: list[str] = field(default_factory=list)  # lines for the command line to print
    details: dict[str, Any] = field(default_factory=dict)  # target-specific facts for callers and tests


@dataclass(frozen=True)
class Task:
    """One independent piece of a target's rendering: a module-level function and its picklable arguments.

    It must depend on nothing but its arguments (no clock, no files read, no
    state left by other tasks), so that it can run in any process, in any order.
    """

    label: str  # what it renders, for progress: "kazakhstan-drift, version A"
    paths: tuple[str, ...]  # the output files it renders, known before it runs
    func: Callable[..., Output]
    args: tuple = ()
    group: str = ""  # the unit it belongs to, if any, so progress can count units done
    reusable: bool = True  # False for a task whose files go with state it also writes (the Anki lock)
    key_args: tuple | None = None  # what its files depend on, when `args` also holds what only messages use

    def run(self) -> Output:
        """Render this piece in the current process."""
        return self.func(*self.args)


def merge_outputs(outputs: list[Output]) -> Output:
    """One output holding the files, course files, summary lines and details of several, in their order.

    Files kept on disk (a mapping that is no dict, such as a build's staged files, `writer.StagedFiles`) are
    merged by their mapping's own `merge`, without being read.
    """
    merged = Output({})
    kept = [out.files for out in outputs if not isinstance(out.files, dict)]
    if kept:
        kind: Any = type(kept[0])  # the mapping's own type: targets do not import the writer
        merged.files = kind.merge(out.files for out in outputs)
    for out in outputs:
        if not kept:
            merged.files.update(out.files)
        merged.course_files.update(out.course_files)
        merged.summary += out.summary
        merged.details.update(out.details)
    return merged


class Target:
    """The interface every output target implements."""

    name: str = ""
    title: str = ""
    options: tuple[Option, ...] = ()
    task_modules: tuple[str, ...] = ()  # modules its tasks use: worker processes import them once, ahead

    def check(self, job: Job) -> list[Problem]:
        """Return the problems this target would meet, without writing anything."""
        return []

    def check_rendering(self, job: Job) -> list[Problem]:
        """Problems only found by doing most of the rendering's work (laying out every page).

        `quizgen check` runs this after `check`. A build does not, since rendering finds the
        same problems at no extra cost: it runs it only when rendering fails, to say why.
        """
        return []

    def render(self, job: Job) -> Output:
        """Render this target's files in memory."""
        tasks = self.tasks(job)
        if tasks is None:
            raise NotImplementedError(f"target '{self.name}' defines neither render() nor tasks()")
        return self.collect(job, [task.run() for task in tasks])

    def tasks(self, job: Job) -> list[Task] | None:
        """Optionally, this target's rendering as independent tasks; None renders it with `render`."""
        return None

    def collect(self, job: Job, outputs: list[Output]) -> Output:
        """Merge the outputs of this target's tasks, given in the order `tasks` listed them."""
        return merge_outputs(outputs)

    def describe(self, job: Job) -> list[str]:
        """Lines saying what this target would make, for `check` and `build` to print."""
        return []

    def workload(self, course: Course) -> int:
        """Roughly how many questions it lays out for a course, known before the questions are written: the
        build starts worker processes (`--jobs` not given) only when the enabled targets have enough."""
        return 0


def get_target(name: str) -> Target:
    """Return the registered target called `name`."""
    return import_module(REGISTRY[name]).TARGET


def registered_targets() -> list[Target]:
    """Every registered target, in registry order."""
    return [get_target(name) for name in REGISTRY]


@lru_cache(maxsize=1)
def declared_options() -> tuple[Option, ...]:
    """Every setting: quizgen's own, then each registered target's, then the list of targets to build.

    The registry hands its targets' declarations to `quizgen.settings`, which knows no target; a setting name
    two of them declare stops quizgen here, at start-up.
    """
    return declare(registered_targets())
