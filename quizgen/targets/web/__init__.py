"""A practice quiz for the browser: one self-contained HTML page per unit sheet, and an index.

    web/index.html      the course title and description, and a link to every page
    web/<slug>.html     one quiz per sheet: each unit's, and the course exam's when there is one

The pages hold the items the plan puts on each sheet (`quizgen.plan`), the same the worksheets print.

Every page carries its CSS and script inline and loads nothing: a Content Security Policy
meta tag allows only that style and that script, by their SHA-256, so the page works
opened from disk and sends no request. Every question is in the HTML itself, its answer,
explanation and source paragraph in a `<details>`, so the page is usable with JavaScript
off; the script (`templates/web/quiz.js`) turns each question into controls, checks
answers, shuffles options on every attempt and keeps progress in the browser's
localStorage under the course slug and each item's stable id.

The HTML comes from Jinja2 templates in `templates/web/`, rendered in the sandbox with
autoescaping on; a course's own `templates/web/` overrides any of them by file name,
`style.css` and `quiz.js` included. Text from facts is only ever escaped, never trusted.
The same course gives the same bytes: the only randomness here is the order of a
timeline's events and a matching question's descriptions for readers without JavaScript,
seeded from stable ids; the shuffles of each attempt happen in the browser.
"""
from __future__ import annotations

import weakref
import zlib
from collections.abc import Iterator, Mapping

from ...errors import ContentError, Problem
from .. import Job, Output, Target


class WebTarget(Target):
    name = "web"
    title = "practice quiz pages for the browser"
    # The pages the last check rendered, and of which job: a build renders the job it checked, and takes them.
    # They wait compressed (some 18 MiB of HTML at 10,000 facts is under 2 MiB so) while the build checks the rest.
    _checked: tuple[weakref.ref, dict[str, bytes]] | None = None

    def check(self, job: Job) -> list[Problem]:
        # Rendering is cheap; it is the one way to find every problem a course's own web templates have.
        self._checked = None
        try:
            files = _render(job.course, job.items, job.sheets)
        except ContentError as exc:
            return exc.problems
        packed = {}
        for path in list(files):  # each page let go of once packed
            packed[path] = zlib.compress(files.pop(path), 1)
        self._checked = (weakref.ref(job), packed)
        return []

    def render(self, job: Job) -> Output:
        checked, self._checked = self._checked, None
        if checked is not None and checked[0]() is job:
            return Output(_Unpacked(checked[1]))  # type: ignore[arg-type]
        return Output(_render(job.course, job.items, job.sheets))


TARGET = WebTarget()


class _Unpacked(Mapping[str, bytes]):
    """Pages kept compressed, each unpacked only when asked for: the build writes them one at a time."""

    def __init__(self, packed: dict[str, bytes]):
        self.packed = packed

    def __getitem__(self, path: str) -> bytes:
        return zlib.decompress(self.packed[path])

    def __iter__(self) -> Iterator[str]:
        return iter(self.packed)

    def __len__(self) -> int:
        return len(self.packed)


def _render(course, items, sheets) -> dict[str, bytes]:
    from .pages import render_web  # Jinja2 loads only when pages are made

    return render_web(course, items, sheets)
