"""GIFT: every sheet's questions in Moodle's plain-text import format, in one file.

    gift/<course>.gift    a $CATEGORY per sheet, then its questions (version A)

`questions.py` says what each item type becomes and how text is escaped.
"""
from __future__ import annotations

from .. import Job, Output, Target, Task

LABEL = "GIFT"
NOTES = ("points not carried (Moodle gives each GIFT question 1 point)",)


class GiftTarget(Target):
    name = "gift"
    title = "GIFT text for Moodle and other platforms"
    task_modules = ("quizgen.targets.gift.questions",)

    def describe(self, job: Job) -> list[str]:
        from ..exports import export_versions, fit_line
        from .questions import placement

        return [fit_line(LABEL, export_versions(job), placement, NOTES)]

    def tasks(self, job: Job) -> list[Task]:
        from ..exports import CourseMeta, export_versions

        path = f"gift/{job.course.slug}.gift"
        args = (CourseMeta.of(job.course), export_versions(job), path)
        return [Task(LABEL, (path,), render_file, args)]


TARGET = GiftTarget()


def render_file(meta, versions, path: str) -> Output:
    """The GIFT file, as the target's output."""
    from .questions import render_gift

    return Output({path: render_gift(meta, versions)})
