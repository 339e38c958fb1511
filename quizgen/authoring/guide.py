"""Tell an author what to do next when a course is only begun.

A new course has no units, and a newly added unit has no facts. The schema
rightly refuses both for a build, but for `quizgen check` they are steps not
yet taken, not mistakes: `next_steps` turns those problems into directions.
"""
from __future__ import annotations

from pathlib import Path

from ..paths import COURSE_FILE, FACTS_FILE


def _empty_list_field(path: Path, name: str) -> bool:
    """True when the YAML file reads and `name` is there but holds no items."""
    from ruamel.yaml.error import YAMLError

    from ..loader.files import bounded_yaml

    try:
        data = bounded_yaml("safe").load(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, YAMLError, RecursionError):
        return False
    return isinstance(data, dict) and name in data and data[name] in (None, [])


def next_steps(course_dir: Path | str, exc: Exception) -> tuple[list[str], Exception | None]:
    """Split a failed check into next-step directions and what is really wrong (None if nothing is)."""
    from ..errors import ContentError

    if not isinstance(exc, ContentError):
        return [], exc
    course_dir = Path(course_dir)
    course_file = course_dir / COURSE_FILE
    steps: list[str] = []
    unstarted: set[tuple[str, str]] = set()
    if _empty_list_field(course_file, "units"):
        unstarted.add((str(course_file), "units"))
        steps.append(f"{course_file}: the course has no units yet. Next, import an article as its first unit:\n"
                     f"  quizgen add-unit ARTICLE.html {course_dir}")
    for problem in exc.problems:
        if problem.field == "facts" and Path(problem.file).name == FACTS_FILE:
            facts_file = Path(problem.file)
            if _empty_list_field(facts_file, "facts") and (str(facts_file), "facts") not in unstarted:
                unstarted.add((str(facts_file), "facts"))
                steps.append(f"{facts_file}: unit '{facts_file.parent.name}' has no facts yet. Next, write facts "
                             f"under the paragraph comments in that file, then run: quizgen check {course_dir}")
    rest = [p for p in exc.problems if (p.file, p.field) not in unstarted]
    if not steps:
        return [], exc
    return steps, (ContentError(rest, strict=exc.strict) if rest else None)
