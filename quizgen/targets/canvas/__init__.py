"""Canvas: a QTI 1.2 package, one quiz per sheet, for Canvas's "QTI .zip file" import.

    qti/<course>-canvas.zip

`package.py` says what each item type becomes.
"""
from __future__ import annotations

from .. import Job, Output, Target, Task

LABEL = "Canvas QTI 1.2"


class CanvasTarget(Target):
    name = "canvas"
    title = "QTI 1.2 package for Canvas"
    task_modules = ("quizgen.targets.canvas.package",)

    def describe(self, job: Job) -> list[str]:
        from ..exports import export_versions, fit_line
        from .package import placement

        return [fit_line(LABEL, export_versions(job), placement)]

    def tasks(self, job: Job) -> list[Task]:
        from ..exports import CourseMeta, export_versions

        path = f"qti/{job.course.slug}-canvas.zip"
        args = (CourseMeta.of(job.course), export_versions(job), path)
        return [Task(LABEL, (path,), render_file, args)]


TARGET = CanvasTarget()


def render_file(meta, versions, path: str) -> Output:
    """The Canvas package, as the target's output."""
    from .package import render_canvas

    return Output({path: render_canvas(meta, versions)})
