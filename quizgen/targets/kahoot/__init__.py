"""Kahoot: one quiz spreadsheet per sheet, for a class game.

    kahoot/<sheet>.xlsx    the sheet's multiple-choice and true-or-false questions that fit Kahoot's limits

`sheet.py` gives the limits and the layout. A sheet with no question that fits gets no file.
"""
from __future__ import annotations

from .. import Job, Output, Target, Task

LABEL = "Kahoot"
NOTES = ("points not carried (Kahoot scores speed)",)


class KahootTarget(Target):
    name = "kahoot"
    title = "Kahoot quiz spreadsheets"
    task_modules = ("quizgen.targets.kahoot.sheet",)

    def describe(self, job: Job) -> list[str]:
        from ..exports import export_versions, fit_line
        from .sheet import placement

        return [fit_line(LABEL, export_versions(job), placement, NOTES)]

    def tasks(self, job: Job) -> list[Task]:
        from ..exports import export_versions
        from .sheet import fitting

        tasks = []
        for sheet, version in zip(job.sheets, export_versions(job)):
            if fitting(version):
                path = f"kahoot/{sheet.slug}.xlsx"
                tasks.append(Task(f"{LABEL}, {sheet.slug}", (path,), render_file, (version, path),
                                  group="" if sheet.is_exam else sheet.slug))
        return tasks


TARGET = KahootTarget()


def render_file(version, path: str) -> Output:
    """One sheet's Kahoot spreadsheet, as the target's output."""
    from .sheet import render_kahoot

    return Output({path: render_kahoot(version)})
