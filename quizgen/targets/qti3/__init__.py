"""QTI 3.0: a content package, one assessment test per sheet, for platforms and players that import QTI 3.

    qti/<course>-qti3.zip

`package.py` says what each item type becomes.
"""
from __future__ import annotations

from .. import Job, Output, Target, Task

LABEL = "QTI 3.0"


class Qti3Target(Target):
    name = "qti3"
    title = "QTI 3.0 content package"
    task_modules = ("quizgen.targets.qti3.package",)

    def describe(self, job: Job) -> list[str]:
        from ..exports import export_versions, fit_line
        from .package import placement

        return [fit_line(LABEL, export_versions(job), placement)]

    def tasks(self, job: Job) -> list[Task]:
        from ..exports import CourseMeta, export_versions

        path = f"qti/{job.course.slug}-qti3.zip"
        args = (CourseMeta.of(job.course), export_versions(job), path)
        return [Task(LABEL, (path,), render_file, args)]


TARGET = Qti3Target()


def render_file(meta, versions, path: str) -> Output:
    """The QTI 3.0 package, as the target's output."""
    from .package import render_qti3

    return Output({path: render_qti3(meta, versions)})
