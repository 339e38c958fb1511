"""Every setting, declared once: the course's own here, each output target's on the target.

A setting is read from the `settings:` of `course.yaml`; those marked `cli`
can also be given to `quizgen build`. The schema (`schema.py`), the build
command's options (`cli.py`) and the docs' reference pages come from these
declarations, so a setting's type, range and help are written only here and
on the targets (`Target.options`). This module knows no target: the target
registry hands its targets to `declare`, which lists every setting and stops
quizgen at start-up when two declare one name (settings share one namespace,
so that `course.yaml` keeps its flat `versions:`, `paper:` ...).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from .lintcodes import LINT_CODES


@dataclass(frozen=True)
class Option:
    """One setting: its name, default, meaning and the values it takes."""

    name: str
    default: Any
    help: str
    type: type = str  # str, int or bool; a list when `choices` is given and `many` is set
    choices: tuple[str, ...] = ()
    many: bool = False  # a list of `choices`
    min: int | None = None
    max: int | None = None
    max_length: int | None = None
    cli: bool = False  # also an option of `quizgen build`


COURSE_OPTIONS = (
    Option("exam", 0, "Items in a course-wide exam worksheet; 0 for none.", type=int, min=0, max=500, cli=True),
    Option("seed", "", "Extra seed text; change it to reshuffle every build.", max_length=200),
    Option("context_facts", False, "Put facts marked `from_context` on worksheets too (they always go to the "
           "deck).", type=bool),
    # The deck's plan (quizgen/cards.py) reads it: the Anki deck and the Quizlet sets render that plan.
    Option("reverse_cards", True, "Add a reversed Anki card for people and terms.", type=bool),
    Option("accept_romanised", False, "Accept romanised spellings of written answers in another script or with "
           "accents (Қызылорда: Kyzylorda, Qyzylorda): the key lists them and the web quiz accepts them.",
           type=bool),
    Option("lint_ignore", (), "Warning codes to silence for the whole course (see the reference's lint codes).",
           choices=tuple(LINT_CODES), many=True),
)


class Declares(Protocol):
    """What declares settings of its own: an output target (`quizgen.targets.Target`)."""

    name: str
    title: str
    options: tuple[Option, ...]


def declare(targets: Iterable[Declares]) -> tuple[Option, ...]:
    """Every setting: the course's, then each target's in the order given, then the list of targets to build.

    One namespace holds them all (course.yaml's `settings`, `quizgen build` options): a name two declare
    would silently be the second's, so it stops quizgen at start-up, naming both.
    """
    targets = list(targets)
    names = tuple(t.name for t in targets)
    enabled = Option("targets", names, "Outputs to build: " + ", ".join(f"`{t.name}` ({t.title})" for t in targets)
                     + ".", choices=names, many=True)
    owner: dict[str, str] = {}
    declared = [("quizgen", o) for o in COURSE_OPTIONS]
    declared += [(f"target '{t.name}'", o) for t in targets for o in t.options]
    for who, option in declared + [("quizgen", enabled)]:
        if option.name in owner:
            raise SettingClash(f"the setting '{option.name}' is declared by {owner[option.name]} and by {who}; "
                               f"setting names must be unique across quizgen and its targets: rename one")
        owner[option.name] = who
    return COURSE_OPTIONS + tuple(o for t in targets for o in t.options) + (enabled,)


class SettingClash(Exception):
    """Two declarations (quizgen's own, or targets') of one setting name: a mistake in quizgen or a target."""


class Settings:
    """Resolved settings: each declared default, overridden by `course.yaml`, then by the command line."""

    __slots__ = ("_values", "_options")

    def __init__(self, options: Iterable[Option], values: Mapping[str, Any] | None = None):
        options = tuple(options)
        values = dict(values or {})
        unknown = set(values) - {o.name for o in options}
        if unknown:
            raise TypeError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        for option in options:
            if option.name in values:
                _check_value(option, values[option.name])
        resolved = {o.name: values.get(o.name, o.default) for o in options}
        object.__setattr__(self, "_values", resolved)
        object.__setattr__(self, "_options", options)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Settings are read-only; use replace()")

    @property
    def options(self) -> tuple[Option, ...]:
        """The declarations these settings were resolved against."""
        return self._options

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with some settings changed."""
        return Settings(self._options, {**self._values, **changes})

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)

    def __reduce__(self):
        # Pickled by value, so that settings can travel to worker processes.
        return Settings, (self._options, self._values)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Settings) and self._values == other._values

    def __repr__(self) -> str:
        return "Settings(" + ", ".join(f"{k}={v!r}" for k, v in self._values.items()) + ")"


def _check_value(option: Option, value: Any) -> None:
    """Refuse a value the declaration does not allow (the schema and the CLI refuse them earlier, with messages)."""
    if option.many:
        ok = isinstance(value, (list, tuple)) and all(v in option.choices for v in value)
    elif option.choices:
        ok = value in option.choices
    elif option.type is int:
        ok = isinstance(value, int) and not isinstance(value, bool) and \
            (option.min is None or value >= option.min) and (option.max is None or value <= option.max)
    else:
        ok = isinstance(value, option.type)
    if not ok:
        raise ValueError(f"setting '{option.name}' cannot be {value!r}")
