"""Start a new course: a commented course.yaml and no units yet."""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ..paths import COURSE_FILE
from . import AuthoringError
from .files import write_new_files
from .words import shorten, slugify


def init_course(course_dir: Path | str, title: str | None = None, slug: str | None = None,
                language: str = "en", on_wait: Callable[[str], None] | None = None) -> Path:
    """Write a new course.yaml into course_dir; refuse if a course is already there.

    The course folder's lock is held while course.yaml is checked for and written, so of two
    commands starting one course at once, the second finds the first's course and refuses.
    """
    from ..writer import CourseLock

    course_dir = Path(course_dir)
    _refuse_existing(course_dir)
    title = " ".join((title if title is not None else _default_title(course_dir)).split())
    slug = slug if slug is not None else slugify(title)
    _check_field("title", title, "--title")
    if not slug:
        raise AuthoringError(f"cannot make a course slug from the title '{shorten(title, 80)}'; give one with "
                             f"--slug, e.g. --slug central-asia-2022")
    _check_field("slug", slug, "--slug")
    _check_field("language", language, "--language")
    try:
        course_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AuthoringError(f"cannot make the folder '{course_dir}': {exc.strerror or exc}") from None
    with CourseLock(course_dir, on_wait=on_wait):
        _refuse_existing(course_dir)
        written = write_new_files(course_dir, {COURSE_FILE: course_yaml(title, slug, language).encode("utf-8")})
    return written[0]


def _refuse_existing(course_dir: Path) -> None:
    if course_dir.exists() and not course_dir.is_dir():
        raise AuthoringError(f"'{course_dir}' is a file; give a folder for the new course")
    if (course_dir / COURSE_FILE).exists():
        raise AuthoringError(f"'{course_dir / COURSE_FILE}' already exists: there is a course here already, and "
                             f"init never overwrites one. Add an article to it with: quizgen add-unit ARTICLE "
                             f"{course_dir}")


def _default_title(course_dir: Path) -> str:
    # "content" says nothing about the course; the folder it sits in usually does.
    folder = course_dir.resolve()
    name = folder.parent.name if folder.name == "content" and folder.parent.name else folder.name
    return name.replace("-", " ").replace("_", " ").strip().capitalize() or "My course"


def _check_field(name: str, value: str, option: str) -> None:
    """Validate one course.yaml field with the schema's own declaration of it."""
    from typing import Annotated

    from pydantic import TypeAdapter, ValidationError

    from ..schema import SLUG_RE, CourseSchema

    info = CourseSchema.model_fields[name]
    try:
        TypeAdapter(Annotated[(info.annotation, *info.metadata)]).validate_python(value)  # 3.10: no [X, *m]
    except ValidationError as exc:
        err = exc.errors()[0]
        pattern = (err.get("ctx") or {}).get("pattern")
        if pattern == SLUG_RE:
            reason = "use lower-case letters, digits and single hyphens, e.g. 'central-asia-2022'"
        elif pattern:
            reason = "give a language tag such as 'en', 'ru' or 'kk'"
        else:
            reason = err["msg"].lower()
        raise AuthoringError(f"{option} '{shorten(value, 80)}' cannot be used: {reason}") from None


def course_yaml(title: str, slug: str, language: str) -> str:
    """Render a new course.yaml whose comments explain each setting (taken from the schema)."""
    from ..schema import CourseSchema
    from .pipeline import declared_options

    def about(model, name: str) -> str:
        return model.model_fields[name].description.replace("`", "")

    def setting(option) -> list[str]:
        comment = option.help.replace("`", "")
        if option.choices and not option.many:
            comment = comment.rstrip(".") + ": " + " or ".join(option.choices) + "."
        value = option.default
        if isinstance(value, bool):
            shown = str(value).lower()
        elif isinstance(value, (list, tuple)):
            shown = "[" + ", ".join(value) + "]"
        elif isinstance(value, str) and (not value or value in ("yes", "no", "on", "off")):
            shown = json.dumps(value)
        else:
            shown = str(value)
        return [f"  # {comment}", f"  {option.name}: {shown}"]

    lines = [
        "# The course: its title, its units in teaching order, and default output settings.",
        "# Every field is described in the docs: docs/reference/schema.md.",
        "",
        f"# {about(CourseSchema, 'title')}",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"# {about(CourseSchema, 'slug')}",
        "# (The Anki deck is keyed by it, so learners' reviews survive every rebuild.)",
        f"slug: {slug}",
        f"# {about(CourseSchema, 'language')}",
        f"language: {language}",
        f"# {about(CourseSchema, 'description')}",
        "# description: >-",
        "#   What the course covers, for the deck's description.",
        "",
        f"# {about(CourseSchema, 'units')} Each unit is a folder beside this file",
        "# holding source.md (the article) and facts.yaml (your facts about it).",
        "# Add one from an article file with: quizgen add-unit ARTICLE.html FOLDER",
        "# (FOLDER being the one this file is in).",
        "units: []",
        "",
        "# Default output settings; options of `quizgen build` override them.",
        "settings:",
        *(line for option in declared_options() for line in setting(option)),
    ]
    return "\n".join(lines) + "\n"
