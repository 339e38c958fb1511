"""Problems found in a course, reported together at the end of a run."""
from __future__ import annotations

from dataclasses import dataclass

SHOWN = 80  # characters of the user's text that a message quotes at most


def clip(text: str, limit: int = SHOWN) -> str:
    """User text as a message quotes it: at most `limit` characters, cut with '...'."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True)
class Problem:
    """One error or warning, located as precisely as we know."""

    message: str
    file: str = ""
    line: int = 0
    column: int = 0
    fact: str = ""
    field: str = ""
    level: str = "error"  # or "warning", or "note" (for the author's information; never fails a build)
    code: str = ""  # a warning's stable code (see quizgen/lint.py), e.g. "stem-echo"; silences it by name
    item: str = ""  # the id of the item a warning is about, e.g. "tokayev-taiwan/who-said"

    def __str__(self) -> str:
        where = self.file
        if where and self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        parts = [where] if where else []
        if self.level in ("warning", "note"):
            parts.append(self.level)
        subject = ""
        if self.item:
            subject = f"item '{clip(self.item)}'"
        elif self.fact:
            subject = f"fact '{clip(self.fact)}'"
        if self.field:
            subject += (": " if subject else "") + f"field '{clip(self.field)}'"
        if subject:
            parts.append(subject)
        parts.append(self.message + (f" [{self.code}]" if self.code else ""))
        return ": ".join(parts)


class ContentError(Exception):
    """Raised when a course cannot be built; carries every problem found."""

    def __init__(self, problems: list[Problem], strict: bool = False):
        self.problems = list(problems)
        self.strict = strict
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):
        # Pickled with its problems, so that an error raised in a worker process arrives whole.
        return type(self), (self.problems, self.strict)

    def summary(self) -> str:
        errors = sum(p.level == "error" for p in self.problems)
        warnings = sum(p.level == "warning" for p in self.problems)  # notes are not counted
        if self.strict and not errors:
            return f"Aborted with {warnings} warning{'s' * (warnings != 1)} in strict mode."
        return f"Aborted with {errors} error{'s' * (errors != 1)}."


class Problems:
    """Collect problems during a stage; raise once at the end if any are errors."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def error(self, message: str, **where) -> None:
        self.items.append(Problem(message, level="error", **where))

    def warning(self, message: str, **where) -> None:
        self.items.append(Problem(message, level="warning", **where))

    def note(self, message: str, **where) -> None:
        self.items.append(Problem(message, level="note", **where))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.level == "warning"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ContentError(self.items)
