"""Every setting, declared once: the course's own, and each output target's.

A setting is read from the `settings:` of `course.yaml`; those marked `cli`
can also be given to `quizgen build`. The schema (`schema.py`), the build
command's options (`cli.py`) and the README's tables all come from these
declarations, so a setting's type, range and help are written only here.
Targets declare their own settings (`Target.options`); this module collects
them in registry order.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

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
    Option("accept_romanised", False, "Accept romanised spellings of written answers in another script or with "
           "accents (Қызылорда: Kyzylorda, Qyzylorda): the key lists them and the web quiz accepts them.",
           type=bool),
    Option("lint_ignore", (), "Warning codes to silence for the whole course (see the README's lint table).",
           choices=tuple(LINT_CODES), many=True),
)


@lru_cache(maxsize=1)
def declared_options() -> tuple[Option, ...]:
    """Every setting: the course's, then each registered target's, then the list of targets to build."""
    from .targets import registered_targets

    targets = registered_targets()
    names = tuple(t.name for t in targets)
    enabled = Option("targets", names, "Outputs to build: " + ", ".join(f"`{t.name}` ({t.title})" for t in targets)
                     + ".", choices=names, many=True)
    # One namespace for every setting (course.yaml's `settings`, `quizgen build` options): a name two declare
    # would silently be the second's, so it stops quizgen at start-up, naming both.
    owner: dict[str, str] = {}
    declared = [("quizgen", o) for o in COURSE_OPTIONS] + [(f"target '{t.name}'", o) for t in targets for o in t.options]
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

    __slots__ = ("_values",)

    def __init__(self, **values: Any):
        options = declared_options()
        unknown = set(values) - {o.name for o in options}
        if unknown:
            raise TypeError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        for option in options:
            if option.name in values:
                _check_value(option, values[option.name])
        resolved = {o.name: values.get(o.name, o.default) for o in options}
        object.__setattr__(self, "_values", resolved)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Settings are read-only; use replace()")

    def replace(self, **changes: Any) -> "Settings":
        """Return a copy with some settings changed."""
        return Settings(**{**self._values, **changes})

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)

    def __reduce__(self):
        # Pickled by value, so that settings can travel to worker processes.
        return _settings_from, (self._values,)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Settings) and self._values == other._values

    def __repr__(self) -> str:
        return "Settings(" + ", ".join(f"{k}={v!r}" for k, v in self._values.items()) + ")"


def _settings_from(values: dict[str, Any]) -> Settings:
    return Settings(**values)


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
