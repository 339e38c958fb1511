"""Distractors: wrong answers for multiple-choice and true/false items, from other facts of the same slot.

Slots group fact fields that answer the same kind of question (people with
people, dates with dates); a value that would also answer the question is
never offered. Dates the course lacks are made up near the right one.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from jinja2 import TemplateError

from .. import schema
from ..model import Course, Fact
from ..text import human_date, normalise
from .templates import AUTHOR, QuestionTemplate, fact_context, render_block


def display(kind: str, fieldname: str, value: Any) -> str:
    """A fact field's value as questions print it (dates in words)."""
    if value is None:
        return ""
    if schema.slot_of(kind, fieldname) == "date":
        return human_date(value)
    return str(value)


@dataclass
class SlotPools:
    """Every fact field value in the course by slot, in course order, with the stems rendered so far."""

    course: Course
    by_slot: dict[str, list[tuple[Fact, str]]]
    stems: dict[tuple[str, str], str]

    def get(self, slot_name: str) -> list[tuple[Fact, str]]:
        return self.by_slot.get(slot_name, [])

    def stem_key(self, qt: QuestionTemplate, fact: Fact) -> str:
        """Return the normalised question a template asks of a fact, rendering it once."""
        key = (qt.id, fact.id)
        if key not in self.stems:
            ctx = {"course": self.course.title, "unit": "", "value": "", "author": AUTHOR, "fact": fact_context(fact)}
            try:
                self.stems[key] = normalise(render_block(qt, "stem", ctx)).casefold()
            except TemplateError:
                self.stems[key] = f"\x00{fact.id}"
        return self.stems[key]


def slot_pools(course: Course) -> SlotPools:
    """Collect, per slot, every fact field value in the course, in course order."""
    pools: dict[str, list[tuple[Fact, str]]] = {}
    for fact in course.facts:
        for name, value in fact.fields.items():
            s = schema.slot_of(fact.kind, name)
            if s and value is not None and value != AUTHOR:
                pools.setdefault(s, []).append((fact, name))
    return SlotPools(course, pools, {})


def distractors(fact: Fact, qt: QuestionTemplate, pools: SlotPools, count: int, rng: random.Random) -> list[str]:
    """Pick up to `count` wrong answers of the same slot that are false for this question."""
    slot_name = schema.slot_of(fact.kind, qt.answer_field)
    answer_raw = fact.fields[qt.answer_field]
    answer = display(fact.kind, qt.answer_field, answer_raw)
    # A value is also right if another fact of this kind pairs it with the same question.
    my_stem = pools.stem_key(qt, fact)
    also_right = {normalise(answer).casefold()}
    for other, name in pools.get(slot_name):
        if other.kind == fact.kind and other.id != fact.id and name == qt.answer_field:
            if pools.stem_key(qt, other) == my_stem:
                also_right.add(normalise(display(other.kind, name, other.fields[name])).casefold())
    seen, candidates, others = set(), [], []
    precision = str(answer_raw).count("-")
    for other, name in pools.get(slot_name):
        if slot_name == "date" and str(other.fields[name]).count("-") != precision:
            continue  # offer dates as precise as the answer, so the format gives nothing away
        text = display(other.kind, name, other.fields[name])
        key = normalise(text).casefold()
        if key in also_right or key in seen:
            continue
        seen.add(key)
        # Values that answer the same kind of question come first (speakers for "who said");
        # the rest of the slot (any person) only fills up.
        (candidates if (other.kind, name) == (fact.kind, qt.answer_field) else others).append(text)
    rng.shuffle(candidates)
    rng.shuffle(others)
    picked = (candidates + others)[:count]
    if slot_name == "date" and len(picked) < count:
        picked += _near_dates(str(answer_raw), count - len(picked), rng, also_right | {normalise(p).casefold() for p in picked})
    return picked


def _near_dates(iso: str, count: int, rng: random.Random, taken: set[str]) -> list[str]:
    """Make plausible wrong dates of the same precision near the right one."""
    parts = [int(p) for p in iso.split("-")]
    out: list[str] = []
    for _ in range(200):
        if len(out) >= count:
            break
        if len(parts) == 1:
            cand = str(parts[0] + rng.choice([-3, -2, -1, 1, 2, 3]))
        elif len(parts) == 2:
            months = parts[0] * 12 + parts[1] - 1 + rng.choice([-5, -4, -3, -2, -1, 1, 2, 3, 4, 5])
            cand = f"{months // 12:04d}-{months % 12 + 1:02d}"
        else:
            day = dt.date(*parts) + dt.timedelta(days=rng.choice([-1, 1]) * rng.randint(3, 60))
            cand = day.isoformat()
        text = human_date(cand)
        if normalise(text).casefold() not in taken:
            taken.add(normalise(text).casefold())
            out.append(text)
    return out

