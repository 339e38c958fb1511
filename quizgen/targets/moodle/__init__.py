"""Moodle XML: every sheet's questions for Moodle's question bank, in one file.

    moodle/<course>.xml    a question category per sheet (`$course$/<course title>/<unit title>`)

The questions are the worksheets' (version A of each sheet, with its points);
`questions.py` says what each item type becomes.
"""
from __future__ import annotations

from ...settings import Option
from .. import Job, Output, Target, Task

LABEL = "Moodle XML"


class MoodleTarget(Target):
    name = "moodle"
    title = "Moodle XML for the question bank"
    task_modules = ("quizgen.targets.moodle.questions",)
    options = (
        Option("moodle_timeline", "ordering", "How Moodle XML asks a timeline: `ordering` (Moodle 4.4 or later, or "
               "the Ordering plugin) or `matching` (each event to its place, for any Moodle).",
               choices=("ordering", "matching")),
    )

    def describe(self, job: Job) -> list[str]:
        from ..exports import export_versions, fit_line
        from .questions import placement

        timeline = job.course.settings.moodle_timeline
        versions = export_versions(job)
        return [fit_line(LABEL, versions, lambda q, s: placement(q, s, timeline))]

    def tasks(self, job: Job) -> list[Task]:
        from ..exports import CourseMeta, export_versions

        path = f"moodle/{job.course.slug}.xml"
        args = (CourseMeta.of(job.course), export_versions(job),
                job.course.settings.moodle_timeline, path)
        return [Task(LABEL, (path,), render_file, args)]


TARGET = MoodleTarget()


def render_file(meta, versions, timeline: str, path: str) -> Output:
    """The Moodle XML file, as the target's output."""
    from .questions import render_moodle

    return Output({path: render_moodle(meta, versions, timeline)})
