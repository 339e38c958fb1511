"""Distractors: wrong answers for multiple-choice and true/false items, plausible ones only.

A wrong answer must be homogeneous with the right one: a value of the same *slot*
(people with people, dates with dates), of the same `category` where facts declare
one (a place is not an organisation), and from the same period (speakers of 2022
for a 2022 statement, dates within three years of the right one). A value that
would also answer the question is never offered. The fact's curated `distractors`
come first; dates the course lacks are made up near the right one.

Everything is indexed once per course, so choosing is linear in its size: values
are grouped by (slot, category) and sorted by time, the nearest ones are found by
bisection, and at most `SEARCH_CAP` of them are examined per question; the values
that also answer a question are looked up by its rendered question text.
"""
from __future__ import annotations

import bisect
import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from jinja2 import TemplateError

from .. import schema
from ..model import Course, Fact
from ..periods import Interval, date_interval, fact_interval, gap, midpoint
from ..text import fold, human_date
from .templates import AUTHOR, QuestionTemplate, fact_context, render_block

NEAR_MONTHS = 10 * 12  # people, effects, terms: within ten years of the right answer's period
DATE_NEAR_MONTHS = 3 * 12  # dates: within three years of the right one
SEARCH_CAP = 32  # values examined per question on each side of the time index; the shipped course has fewer
NAME_SLOTS = ("person", "term")  # slots whose values are names, fit for a word bank beside a blank


def display(kind: str, fieldname: str, value: Any) -> str:
    """A fact field's value as questions print it (dates in words)."""
    if value is None:
        return ""
    if schema.slot_of(kind, fieldname) == "date":
        return human_date(value)
    return str(value)


@dataclass(frozen=True)
class Entry:
    """One value of a slot: where it comes from, how it prints, its category and time."""

    fact: Fact
    field: str
    text: str
    key: str
    category: str
    when: Interval | None


@dataclass
class Group:
    """The values of one (slot, category): those with a time sorted by it, the others in course order."""

    timed: list[Entry] = field(default_factory=list)
    mids: list[float] = field(default_factory=list)
    half: float = 0.0  # half the longest interval: how far a midpoint may be from a value that still overlaps
    untimed: list[Entry] = field(default_factory=list)


@dataclass
class SlotPools:
    """Every fact field value of the course by (slot, category), with the question texts rendered so far."""

    course: Course
    groups: dict[tuple[str, str], Group]
    entries: dict[tuple[str, str], Entry]  # (fact id, field) -> its entry
    people: dict[str, Fact]  # a person's name -> their fact
    source_dates: dict[str, str]  # fact id -> its source's date
    stems: dict[tuple[str, str], str] = field(default_factory=dict)
    answers_by_stem: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    blanks: dict[str, list[str]] = field(default_factory=dict)  # cloze category -> the blanks of that category

    def stem_key(self, qt: QuestionTemplate, fact: Fact) -> str:
        """Return the normalised question a template asks of a fact, rendering it once."""
        key = (qt.id, fact.id)
        if key not in self.stems:
            ctx = {"course": self.course.title, "unit": "", "value": "", "author": AUTHOR, "fact": fact_context(fact)}
            try:
                self.stems[key] = fold(render_block(qt, "stem", ctx))
            except TemplateError:
                self.stems[key] = f"\x00{fact.id}"
        return self.stems[key]

    def also_right(self, qt: QuestionTemplate, fact: Fact) -> set[str]:
        """The answers of every fact that this template asks the same question of (this fact's included)."""
        index = self.answers_by_stem.get(qt.id)
        if index is None:  # once per template: one rendering per fact of its kind
            index = {}
            for other in self.course.facts:
                if other.kind == fact.kind and other.fields.get(qt.answer_field) is not None:
                    answer = display(other.kind, qt.answer_field, other.fields[qt.answer_field])
                    index.setdefault(self.stem_key(qt, other), set()).add(fold(answer))
            self.answers_by_stem[qt.id] = index
        return index.get(self.stem_key(qt, fact), set()) | {
            fold(display(fact.kind, qt.answer_field, fact.fields[qt.answer_field]))}

    def entry(self, fact: Fact, fieldname: str) -> Entry:
        found = self.entries.get((fact.id, fieldname))
        return found if found is not None else self._make_entry(fact, fieldname)

    def _make_entry(self, fact: Fact, fieldname: str) -> Entry:
        text = display(fact.kind, fieldname, fact.fields.get(fieldname))
        return Entry(fact, fieldname, text, fold(text), self.category_of(fact, fieldname),
                     fact_interval(fact, self.source_dates.get(fact.id, "")))

    def category_of(self, fact: Fact, fieldname: str) -> str:
        """A value's category: its fact's, except that a claim's speaker takes the category of their person fact,
        and that dates have none (any date of the period is plausible)."""
        if schema.slot_of(fact.kind, fieldname) == "date":
            return ""
        if fact.kind == "claim" and fieldname == "speaker":
            person = self.people.get(fold(str(fact.fields.get("speaker", ""))))
            return person.category if person is not None else ""
        return fact.category


def slot_pools(course: Course) -> SlotPools:
    """Index every fact field value of the course by (slot, category), sorted by time."""
    people = {fold(f.fields["name"]): f for f in course.facts if f.kind == "person"}
    source_dates = {f.id: u.source.date for u in course.units for f in u.facts}
    pools = SlotPools(course, {}, {}, people, source_dates)
    for fact in course.facts:
        for name, value in fact.fields.items():
            slot_name = schema.slot_of(fact.kind, name)
            if not slot_name or value is None or value == AUTHOR:
                continue
            entry = pools._make_entry(fact, name)
            pools.entries[(fact.id, name)] = entry
            group = pools.groups.setdefault((slot_name, entry.category), Group())
            (group.timed if entry.when is not None else group.untimed).append(entry)
        if fact.cloze_category:
            for sentence in (fact.fields.get("cloze"), fact.fields.get("statement")):
                match = schema.BLANK_RE.search(sentence or "")
                if match:
                    pools.blanks.setdefault(fact.cloze_category, []).append(match.group(1))
    for group in pools.groups.values():
        group.timed.sort(key=lambda e: (midpoint(e.when), e.fact.id, e.field))
        group.mids = [midpoint(e.when) for e in group.timed]
        group.half = max(((e.when[1] - e.when[0]) / 2 for e in group.timed), default=0.0)
    return pools


def _nearby(group: Group, when: Interval | None, window: float, rng: random.Random) -> list[Entry]:
    """Up to SEARCH_CAP timed values nearest `when` within `window` months, and up to SEARCH_CAP untimed ones."""
    out: list[Entry] = []
    timed = group.timed
    if when is None:  # nothing to be near: a seeded run of values from anywhere
        if timed:
            start = rng.randrange(len(timed))
            out += [timed[(start + k) % len(timed)] for k in range(min(SEARCH_CAP, len(timed)))]
    elif timed:
        centre = midpoint(when)
        reach = window + (when[1] - when[0]) / 2 + group.half  # beyond it no midpoint can be near
        right = bisect.bisect_left(group.mids, centre)
        left = right - 1
        while len(out) < SEARCH_CAP and (left >= 0 or right < len(timed)):
            left_d = centre - group.mids[left] if left >= 0 else float("inf")
            right_d = group.mids[right] - centre if right < len(timed) else float("inf")
            if min(left_d, right_d) > reach:
                break
            if left_d <= right_d:
                candidate, left = timed[left], left - 1
            else:
                candidate, right = timed[right], right + 1
            if gap(when, candidate.when) <= window:
                out.append(candidate)
    untimed = group.untimed
    if untimed:
        start = rng.randrange(len(untimed))
        out += [untimed[(start + k) % len(untimed)] for k in range(min(SEARCH_CAP, len(untimed)))]
    return out


def distractors(fact: Fact, qt: QuestionTemplate, pools: SlotPools, count: int, rng: random.Random,
                curated: bool = True) -> list[str]:
    """Pick up to `count` plausible wrong answers that are false for this question.

    The fact's curated `distractors` come first (multiple-choice questions only); then values of the same
    slot, category and period, those that answer the same kind of question (other speakers for "who said")
    before the rest of the slot.
    """
    slot_name = schema.slot_of(fact.kind, qt.answer_field)
    key = pools.entry(fact, qt.answer_field)
    taken = pools.also_right(qt, fact) | {key.key}
    picked: list[str] = []
    own = list(fact.distractors)
    if fact.kind == "claim" and qt.answer_field == "speaker":  # wrong names curated for the speaker serve too
        person = pools.people.get(key.key)
        own += [d for d in (person.distractors if person is not None else ()) if d not in own]
    if curated and own:
        rng.shuffle(own)
        for text in own:
            if fold(text) not in taken and len(picked) < count:
                taken.add(fold(text))
                picked.append(text)
    if len(picked) >= count:
        return picked
    group = pools.groups.get((slot_name, key.category), Group())
    is_date = slot_name == "date"
    answer_iso = str(fact.fields[qt.answer_field])
    precision = answer_iso.count("-")
    window = DATE_NEAR_MONTHS if is_date else NEAR_MONTHS
    same_kind, rest = [], []
    for entry in _nearby(group, key.when, window, rng):
        text = entry.text
        if is_date:
            iso = str(entry.fact.fields[entry.field])
            if iso.count("-") < precision:
                continue  # a vaguer date cannot be written as precisely as the answer
            text = human_date("-".join(iso.split("-")[: precision + 1]))  # the answer's precision gives nothing away
        if fold(text) in taken:
            continue
        taken.add(fold(text))
        (same_kind if (entry.fact.kind, entry.field) == (fact.kind, qt.answer_field) else rest).append(text)
    rng.shuffle(same_kind)
    rng.shuffle(rest)
    picked += (same_kind + rest)[: count - len(picked)]
    if is_date and len(picked) < count:
        latest = pools.source_dates.get(fact.id, "")
        picked += _near_dates(answer_iso, count - len(picked), rng, taken, latest)
    return picked


def bank_candidates(fact: Fact, answer: str, pools: SlotPools, rng: random.Random, count: int = 6) -> list[str]:
    """Word-bank entries that could fill a blank but do not: curated ones, then others of the blank's category."""
    out = [d for d in fact.distractors if fold(d) != fold(answer)]
    if fact.cloze_category:
        others: list[str] = []
        for (slot_name, category), group in pools.groups.items():
            if category == fact.cloze_category and slot_name in NAME_SLOTS:
                others += [e.text for e in (group.timed + group.untimed)[:SEARCH_CAP]]
        others += pools.blanks.get(fact.cloze_category, [])[:SEARCH_CAP]
        others = [o for o in dict.fromkeys(others) if fold(o) != fold(answer) and o not in out]
        rng.shuffle(others)
        out += others
    return out[:count]


def _near_dates(iso: str, count: int, rng: random.Random, taken: set[str], latest: str = "") -> list[str]:
    """Make plausible wrong dates of the same precision near the right one, none after `latest` (the source's date)."""
    parts = [int(p) for p in iso.split("-")]
    limit = date_interval(latest)[1] if latest else float("inf")
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
        if date_interval(cand)[0] > limit:
            continue
        text = human_date(cand)
        if fold(text) not in taken:
            taken.add(fold(text))
            out.append(text)
    return out
