"""When a fact holds, as an interval of months, so wrong answers can be drawn from the same period.

A fact's time is its `years` ("2022", "1924-1953", "2019-" for still so); else its
date (an event's `when`); else, for what was said, its source's date; else unknown
(`generate.distractors.fact_interval` reads which, from the fact's kind). Times are
counted in months from year 0, so a month-precise date and a span of decades
compare on one scale.
"""
from __future__ import annotations

from .model import Fact

Interval = tuple[float, float]


def date_interval(iso: str) -> Interval:
    """The months an ISO date (2022, 2022-04 or 2022-04-28) covers."""
    parts = [int(p) for p in str(iso).split("-")]
    if len(parts) == 1:
        return parts[0] * 12.0, parts[0] * 12.0 + 11.999
    start = parts[0] * 12.0 + parts[1] - 1
    if len(parts) == 2:
        return start, start + 0.999
    day = start + (parts[2] - 1) / 31.0
    return day, day


def years_interval(years: str, until: str = "") -> Interval:
    """The months a `years` value covers; an open end ("2019-") runs to `until` (the source's date) or its start."""
    start_text, _, end_text = years.partition("-")
    start = int(start_text) * 12.0
    if end_text:
        return start, int(end_text) * 12.0 + 11.999
    if "-" in years:  # open: still so when the source was written
        end = date_interval(until)[1] if until else start + 11.999
        return start, max(end, start + 11.999)
    return start, start + 11.999


def is_current(fact: Fact) -> bool:
    """Whether questions speak of the fact in the present: its `years` are open ("2019-")."""
    return fact.years.endswith("-")


def is_past(fact: Fact) -> bool:
    """Whether questions speak of the fact in the past: anything but an open `years`."""
    return not is_current(fact)


def gap(a: Interval | None, b: Interval | None) -> float:
    """Months between two intervals; 0 when they overlap or either is unknown."""
    if a is None or b is None:
        return 0.0
    if a[1] < b[0]:
        return b[0] - a[1]
    if b[1] < a[0]:
        return a[0] - b[1]
    return 0.0


def midpoint(interval: Interval) -> float:
    return (interval[0] + interval[1]) / 2
