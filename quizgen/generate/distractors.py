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
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from typing import Any

from jinja2 import TemplateError

from .. import schema
from ..answers import number_forms
from ..cues import content_words, shares_words, surname, word_count, words
from ..grammar import NAME_NOUNS, bare, head_index, names_a_word, tokens
from ..kinds import TITLED_ROLE_FAMILIES, role_families, script_of
from ..languages import language_for
from ..model import Course, Fact
from ..periods import Interval, date_interval, gap, midpoint, years_interval
from ..precision import AskedTime
from ..text import decade_words, fold, human_date
from .said import said_elsewhere
from .templates import AUTHOR, QuestionTemplate, fact_context, render_block
from .wording import answer_kind, speaker_kind

NEAR_MONTHS = 10 * 12  # people, effects, terms: within ten years of the right answer's period
DATE_NEAR_MONTHS = 3 * 12  # dates: within three years of the right one
SEARCH_CAP = 32  # values examined per question on each side of the time index; the shipped course has fewer
LENGTH_RATIO = 2.0  # a wrong option has at most twice the words of the right one, and at least half ...
LENGTH_SLACK = 2  # ... give or take two words (names of one and three words are alike)
_DIGIT = re.compile(r"\d")


def other_forms(fact: Fact, fieldname: str, answer: str) -> list[str]:
    """The answer's other right forms, where the field asked is the one its fact's `accept` list is about: that
    list, and the answer's number written the other way ("seven" and "7"). Shown anywhere a student reads, they
    give the answer away; offered as a wrong option or a spare word, they are right ones."""
    if fieldname != schema.kind_of(fact).accept_field:
        return []
    forms = [a for a in fact.accept if fold(a) != fold(answer)]
    return list(dict.fromkeys(forms + number_forms(answer, fact.language)))


def name_slots() -> set[str]:
    """The slots whose values are names (of people, of terms: each kind's `name_field`), fit for a word bank
    beside a blank, and written in other scripts as the fact's accepted forms."""
    return {schema.slot_of(kind, model.name_field) or "" for kind, model in schema.FACT_KINDS.items()
            if model.name_field} - {""}


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
    script: str = ""
    alternatives: tuple[str, ...] = ()  # the fact's other accepted forms: a name's transliteration


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
    named: dict[str, Fact]  # any name a fact is about -> its fact, people first (a speaker may be an organisation)
    source_dates: dict[str, str]  # fact id -> its source's date
    common: frozenset[str] = frozenset()  # words in many of the course's facts: they say nothing of a topic
    stems: dict[tuple[str, str], str] = field(default_factory=dict)
    answers_by_stem: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    blanks: dict[str, list[str]] = field(default_factory=dict)  # cloze category -> the blanks of that category
    # a name -> other names of the same one: its `accept` forms, and terms defined as a name of it ("Alhazen", "the
    # latinized form of Ibn al-Haytham's name")
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # a name (folded) -> the names (folded) one step from it, its own among them: "alhazen" -> {"alhazen", "ibn
    # al-haytham"} (`_alias_groups`)
    alias_groups: dict[str, frozenset[str]] = field(default_factory=dict)
    # (kind, field, folded value) -> the first fact that gives it: whose a true/false swap's value is
    owners: dict[tuple[str, str, str], Fact] = field(default_factory=dict)
    # an item's id -> values (folded) it must not offer as wrong ones: the answers of the deck's other questions of
    # numbers or dates it would be learnt against (see `generate._ordered_options_apart`)
    avoid: dict[str, frozenset[str]] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)  # a fact's id -> its unit's slug
    families: dict[str, frozenset[str]] = field(default_factory=dict)  # a name -> its role families, once found
    # names (folded) two facts or more describe ("the civil engineer whose plan ...", "the Chief Engineer of ..."):
    # asked for "its" role or definition, such a name has more than one right answer
    described_twice: frozenset[str] = frozenset()
    # ids of the person and term facts whose name another fact of their unit says something of ("J. S. Bach had
    # exhausted ...", "Hydrogen burns ..."): asked for "its" role or definition, more than one answer is right
    said_elsewhere: frozenset[str] = frozenset()

    def stem_key(self, qt: QuestionTemplate, fact: Fact) -> str:
        """Return the normalised question a template asks of a fact, rendering it once."""
        key = (qt.id, fact.id)
        if key not in self.stems:
            ctx = {"course": self.course.title, "unit": "", "value": "", "author": AUTHOR, "written": False,
                   "source": fact.source_called, "fact": fact_context(fact)}
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
        named = schema.slot_of(fact.kind, fieldname) in name_slots()
        return Entry(fact, fieldname, text, fold(text), self.category_of(fact, fieldname),
                     fact_interval(fact, self.source_dates.get(fact.id, "")), script_of(text),
                     tuple(fact.accept) if named else ())

    def category_of(self, fact: Fact, fieldname: str) -> str:
        """A value's category: its fact's, else the kind its words give (a river, a lender, a person); a name
        another fact may describe (a claim's speaker: the kind's `refers_fields`) takes the category or kind of
        the fact of that name; dates have none (any date of the period is plausible)."""
        if schema.slot_of(fact.kind, fieldname) == "date":
            return ""
        if fieldname in schema.kind_of(fact).refers_fields:
            speaker = str(fact.fields.get(fieldname, ""))
            described = self.named.get(fold(speaker))
            if described is not None:
                return described.category or answer_kind(described)
            return speaker_kind(fact, speaker)
        category = fact.category or answer_kind(fact)
        kind = schema.kind_of(fact)
        described = fact.kind == "term" and fieldname == kind.description_field
        if described and language_for(fact.language).english and names_a_word(str(fact.fields.get(fieldname) or "")):
            # "Thomson's name for the particles ..." says what a word names, "the particles that ..." what a thing
            # is: swapped into each other's statements they read as nonsense ("Quarks are Thomson's name for ...")
            return f"{category}:word"
        return category


def slot_pools(course: Course) -> SlotPools:
    """Index every fact field value of the course by (slot, category), sorted by time."""
    people: dict[str, Fact] = {}
    things: dict[str, Fact] = {}
    described: dict[str, int] = {}
    for f in course.facts:
        name_field = schema.kind_of(f).name_field
        if name_field and f.fields.get(name_field) is not None:
            named = people if schema.slot_of(f.kind, name_field) == "person" else things
            named[fold(f.fields[name_field])] = f
            if schema.kind_of(f).description_field:
                described[fold(f.fields[name_field])] = described.get(fold(f.fields[name_field]), 0) + 1
    source_dates = {f.id: u.source.date for u in course.units for f in u.facts}
    pools = SlotPools(course, {}, {}, people, {**things, **people}, source_dates, _common_words(course))
    for fact in course.facts:
        for name, value in fact.fields.items():
            slot_name = schema.slot_of(fact.kind, name)
            if not slot_name or value is None or value == AUTHOR:
                continue
            entry = pools._make_entry(fact, name)
            pools.entries[(fact.id, name)] = entry
            pools.owners.setdefault((fact.kind, name, entry.key), fact)
            group = pools.groups.setdefault((slot_name, entry.category), Group())
            (group.timed if entry.when is not None else group.untimed).append(entry)
        if fact.cloze_category:
            for sentence in (fact.fields.get(name) for name in schema.kind_of(fact).blank_fields):
                match = schema.BLANK_RE.search(sentence or "")
                if match:
                    pools.blanks.setdefault(fact.cloze_category, []).append(match.group(1))
    pools.aliases = _aliases(course, {**things, **people})
    pools.alias_groups = _alias_groups(course, {**things, **people})
    pools.described_twice = frozenset(name for name, n in described.items() if n > 1)
    pools.said_elsewhere = said_elsewhere(course)
    pools.units = {f.id: u.slug for u in course.units for f in u.facts}
    for group in pools.groups.values():
        group.timed.sort(key=lambda e: (midpoint(e.when), e.fact.id, e.field))
        group.mids = [midpoint(e.when) for e in group.timed]
        group.half = max(((e.when[1] - e.when[0]) / 2 for e in group.timed), default=0.0)
    return pools


def _aliases(course: Course, named: dict[str, Fact]) -> dict[str, tuple[str, ...]]:
    """Every name's other names: the `accept` forms of its fact, and the terms whose definition calls them a name
    of it ("Alhazen": "the latinized form of Ibn al-Haytham's name"; "al-Basri": "a byname of Ibn al-Haytham")."""
    out: dict[str, list[str]] = {key: list(f.accept) for key, f in named.items() if f.accept}
    for f, name, description in _naming_definitions(course):
        for key, other in named.items():
            if other is not f and names_in(str(other.fields[schema.kind_of(other).name_field]), description):
                out.setdefault(key, []).append(name)
    return {key: tuple(dict.fromkeys(names)) for key, names in out.items()}


def _naming_definitions(course: Course) -> Iterator[tuple[Fact, str, str]]:
    """(fact, its name, its description) of each fact whose description calls it a name, word or title of
    something ("the latinized form of Ibn al-Haytham's name", "a byname given to ...")."""
    for f in course.facts:
        kind = schema.kind_of(f)
        if not (kind.name_field and kind.description_field) or not f.fields.get(kind.name_field):
            continue
        description = str(f.fields.get(kind.description_field) or "")
        if {fold(w) for w in words(description)} & NAME_NOUNS:
            yield f, str(f.fields[kind.name_field]), description


def _alias_groups(course: Course, named: dict[str, Fact]) -> dict[str, frozenset[str]]:
    """Each name (folded) -> the names (folded) of the same one, its own among them, one step apart: a fact's
    `accept` forms, and a term whose definition says it is a name of another ("the latinized form of Ibn
    al-Haytham's name", "a byname given to Ibn al-Haytham"; not "the title of the position Ibn al-Haytham held",
    nor "the title-page name of twelve Scarlatti pieces"). Stricter than `aliases`, which keeps every name a
    statement must not swap in."""
    pairs: list[tuple[str, str]] = []
    for key, fact in named.items():
        pairs += [(key, fold(a)) for a in fact.accept]
    nouns = "|".join(sorted(NAME_NOUNS, key=len, reverse=True))
    for f, its_name, described in _naming_definitions(course):
        description = fold(described)
        for key, other in named.items():
            if other is f or key not in description:
                continue
            name = re.escape(key)
            if re.search(rf"\b(?:{nouns}|form)\s+(?:of|for|given\s+to)\s+{name}(?!\w)", description) or \
                    re.search(rf"(?<!\w){name}'s\s+(?:\w+\s+)?(?:{nouns})\b", description):
                pairs.append((key, fold(its_name)))
    groups: dict[str, set[str]] = {}
    for one, other in pairs:
        groups.setdefault(one, {one}).add(other)
        groups.setdefault(other, {other}).add(one)
    return {name: frozenset(group) for name, group in groups.items()}


COMMON_SHARE = 0.2  # a word in more than this share of a course's facts (and at least 3) is no topic of its own


def _common_words(course: Course) -> frozenset[str]:
    counts: dict[str, int] = {}
    for f in course.facts:
        text = " ".join(str(v) for v in f.fields.values() if isinstance(v, str))
        for word in {_stem(w) for w in content_words(text)}:
            counts[word] = counts.get(word, 0) + 1
    limit = max(3, COMMON_SHARE * len(course.facts))
    return frozenset(w for w, n in counts.items() if n > limit)


def _stem(word: str) -> str:
    return fold(word)[:5]


def share_topic(a: str, b: str, common: frozenset[str]) -> bool:
    """Whether two texts share a distinctive word (or its root): one not among the course's `common` words."""
    return bool({_stem(w) for w in content_words(a)} & {_stem(w) for w in content_words(b)} - common)


def fact_interval(fact: Fact, source_date: str = "") -> Interval | None:
    """When a fact holds: its `years`; else its kind's `date_field` (an event's `when`); else, for a kind
    `dated_by_source` (what was said), its source's date; else None, when nothing says."""
    if fact.years:
        return years_interval(fact.years, source_date)
    kind = schema.kind_of(fact)
    if kind.date_field and fact.fields.get(kind.date_field):
        return date_interval(fact.fields[kind.date_field])
    if kind.dated_by_source and source_date:
        return date_interval(source_date)
    return None


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


@dataclass
class Gate:
    """What every wrong option must pass, whatever the item: the right one's kind (its group), script, length and
    specificity, and not being named by the question itself. Counts what it turned away, for the warning."""

    key: str
    script: str
    asked_of: str = ""  # the question or statement the option goes into
    subject: str = ""  # what a true/false statement is about: no wrong value may name it
    people: bool = False  # the options and the subject are people: a surname names them too
    refused: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # What every option is compared with, read once: the key's words and whether it carries a number.
        self._key_words = word_count(self.key)
        self._key_digit = _DIGIT.search(self.key) is not None

    def admit(self, entry: Entry, text: str) -> str:
        """The option's text as it can be offered (a transliteration where the script differs), or ""."""
        if self.script and entry.script and entry.script != self.script:
            text = next((a for a in entry.alternatives if script_of(a) == self.script), "")
            if not text:
                return self._refuse("script")
        if not _alike_in_length(self._key_words, word_count(text)):  # as `similar_length`
            return self._refuse("length")
        if self._key_digit != (_DIGIT.search(text) is not None):
            return self._refuse("specificity")
        if self.asked_of and names_in(text, self.asked_of, self.people):
            return self._refuse("named in the question")
        if self.subject and names_in(self.subject, text, self.people):
            return self._refuse("names the subject")
        return text

    def _refuse(self, why: str) -> str:
        self.refused[why] = self.refused.get(why, 0) + 1
        return ""


def similar_length(key: str, text: str) -> bool:
    """Whether two options are alike in length: neither more than twice the other's words, give or take two."""
    return _alike_in_length(word_count(key), word_count(text))


def _alike_in_length(a: int, b: int) -> bool:
    return max(a, b) <= LENGTH_RATIO * min(a, b) + LENGTH_SLACK


HONORIFICS = frozenset("sir lala mr mrs ms dr lord lady saint st shri sri munshi pandit mahatma".split())


def names_in(name: str, text: str, person: bool = False) -> bool:
    """Whether a text names something: holds it whole, or, for a person, their distinctive last name ("Kolbin") or
    two parts of their name ("Lajpat Rai" names "Lala Lajpat Rai"), titles apart."""
    folded = f" {_joined(text)} "
    whole, last, parts = _name_forms(name)
    if whole and f" {whole} " in folded:
        return True
    if not person:
        return False
    if last and f" {last} " in folded:
        return True
    return len([p for p in parts if f" {p} " in folded]) >= 2


@lru_cache(maxsize=1 << 14)  # cached: an option's name is weighed against every question it may go into
def _name_forms(name: str) -> tuple[str, str, tuple[str, ...]]:
    """What names a thing in a text (`names_in`): its words joined and folded, a person's last name folded, and
    their name's parts, titles apart, folded."""
    last = surname(name)
    parts = dict.fromkeys(fold(w) for w in words(name) if w[:1].isupper() and fold(w) not in HONORIFICS)
    return _joined(name), fold(last) if last else "", tuple(parts)


@lru_cache(maxsize=1 << 14)  # cached: the question an option goes into is read for each option it weighs
def _joined(text: str) -> str:
    """A text's words, joined by single spaces, folded."""
    return fold(" ".join(words(text)))


def name_cue(key: str, stem: str, options) -> str:
    """The part of a person's name that the question shows and that only the key among the options holds
    ("Rai" in "Who was Lajpat Rai's brother?" beside one "Lala Dhanpat Rai"), or "". A part two options share
    gives nothing away. Parts count as written, capitalised, three letters or more, titles apart."""
    padded_stem = f" {' '.join(words(stem))} "
    for part in dict.fromkeys(words(key)):
        if len(part) < 3 or not part[:1].isupper() or fold(part) in HONORIFICS or f" {part} " not in padded_stem:
            continue
        if sum(f" {part} " in f" {' '.join(words(o))} " for o in options if o != key) == 0:
            return part
    return ""


CAUSAL_SLOTS = ("cause", "effect")


def distractors(fact: Fact, qt: QuestionTemplate, pools: SlotPools, count: int, rng: random.Random,
                curated: bool = True, asked_of: str = "", subject: str = "", time: AskedTime | None = None,
                gate: Gate | None = None, avoid: frozenset[str] = frozenset(), unit_only: bool = False) -> list[str]:
    """Pick up to `count` plausible wrong answers that are false for this question.

    The fact's curated `distractors` come first (multiple-choice questions only); then values of the same
    slot, category (or kind) and period, those that answer the same kind of question (other speakers for "who
    said") before the rest of the slot. Every value passes the `Gate`: the right answer's script, a similar length
    and specificity, and not named in the question (`asked_of`) nor naming what a statement is about (`subject`).
    Dates follow the precision the source states (`time`): decades for a decade, far years for "about". Values in
    `avoid` (folded) are never offered; with `unit_only`, only values of the fact's own unit are (a false statement
    a student of one unit's reading can judge).
    """
    slot_name = schema.slot_of(fact.kind, qt.answer_field)
    key = pools.entry(fact, qt.answer_field)
    taken = pools.also_right(qt, fact) | {key.key} | {fold(f) for f in other_forms(fact, qt.answer_field, key.text)}
    taken |= avoid
    picked: list[str] = []
    own = list(fact.distractors)
    if qt.answer_field in schema.kind_of(fact).refers_fields:  # wrong names curated for the speaker serve too
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
    is_date = slot_name == "date"
    answer_iso = asked_iso(fact, qt.answer_field, time) if is_date else str(fact.fields[qt.answer_field])
    if is_date:  # asked less precisely than the fact gives it ("1865" of 28 January 1865): that answer is taken
        taken.add(fold(human_date(answer_iso)))
    latest = pools.source_dates.get(fact.id, "")
    if is_date and time is not None and time.grain == "decade":
        return picked + _decades(answer_iso, count - len(picked), rng, latest)
    gate = gate if gate is not None else Gate(key.text, key.script)
    gate.asked_of, gate.subject = asked_of, subject
    subject_field = schema.kind_of(fact).subject_field
    gate.people = slot_name == "person" or (schema.slot_of(fact.kind, subject_field) == "person" and bool(subject))
    group = pools.groups.get((slot_name, key.category), Group())
    precision = answer_iso.count("-")
    far = time.gap if time is not None else 0
    window = max(DATE_NEAR_MONTHS, (far + 3) * 12) if is_date else NEAR_MONTHS
    # A person's role families, or a role's own (a role is a wrong value of another person's role: "X was the
    # Fatimid caliph who ..." for a printer); None where the slot holds neither.
    families = (partial(_role_families, pools) if slot_name == "person" else role_families if slot_name == "role"
                else None)
    key_roles = families(key.text) if families is not None else frozenset()
    # "Which of these people was an English composer ...?": where the question gives the answer's nationality, a
    # person the course does not give it too is told apart by it (an Italian name beside one English one)
    nations = _nations_shown(pools, key.text, asked_of) if slot_name == "person" else frozenset()
    topic_field = schema.kind_of(fact).topic_field
    # without a curated category, only what shares the fact's topic: the curator's category vouches for the rest
    topic = str(fact.fields.get(topic_field) or "") if topic_field and not fact.category else ""
    if is_date:  # a date the quote or the question gives is no wrong answer ("in 1888 and again in 1889")
        # (nor one the curator's `note` or `context` gives: "the modern date is 1681" beside the book's 1683)
        taken |= mentioned_dates(f"{fact.quote} {asked_of} {fact.note} {fact.context}")
    same_kind, rest = [], []
    iso_of: dict[str, str] = {}  # a wrong date's text -> its ISO date, as precise as the answer
    for entry in _nearby(group, key.when, window, rng):
        text = entry.text
        if unit_only and pools.units.get(entry.fact.id) != pools.units.get(fact.id):
            gate._refuse("unit")
            continue
        # Another cause or effect of the same unit is offered whatever it is about (the other causes of what one
        # section explains are the ones among which only the key fits), unless it shares a word with the key, common
        # ones too ("water"): two causes of one unit in like words may be one cause said twice. (The curator's
        # category vouches for the facts it groups, as it does for their topic.)
        same_unit = slot_name in CAUSAL_SLOTS and entry.fact.kind == fact.kind and \
            pools.units.get(entry.fact.id) == pools.units.get(fact.id)
        if same_unit and not fact.category and shares_words(key.text, text):
            gate._refuse("overlap")
            continue
        if topic and entry.fact.kind == fact.kind and not same_unit and not share_topic(
                topic, str(entry.fact.fields.get(topic_field) or ""), pools.common):
            gate._refuse("topic")  # "Dalton's conclusion ..." is no consequence of absorbing a photon
            continue
        if families is not None:
            roles = families(text)
            # a person whose role is of no known family is no match for one of a known family either (a printer for
            # a scientist); a role of none may still be another person's false role
            unmatched = not roles & key_roles if slot_name == "person" else roles and not roles & key_roles
            if key_roles and unmatched or (roles & TITLED_ROLE_FAMILIES) != (key_roles & TITLED_ROLE_FAMILIES):
                gate._refuse("role")  # a police officer offered as "an Indian revolutionary", a printer as a caliph
                continue
        if nations and not nations <= _nations_of(pools, text):
            gate._refuse("nationality")
            continue
        if is_date:
            iso = str(entry.fact.fields[entry.field])
            if iso.count("-") < precision:
                continue  # a vaguer date cannot be written as precisely as the answer
            if far and abs(int(iso[:4]) - int(answer_iso[:4])) < far:
                continue  # "about 1960" does not exclude 1957
            iso = "-".join(iso.split("-")[: precision + 1])
            text = human_date(iso)  # the answer's precision gives nothing away
            iso_of[fold(text)] = iso
        if fold(text) in taken:
            continue
        if not is_date:
            text = gate.admit(entry, text)
            if not text or fold(text) in taken:
                continue
        taken.add(fold(text))
        (same_kind if (entry.fact.kind, entry.field) == (fact.kind, qt.answer_field) else rest).append(text)
    rng.shuffle(same_kind)
    rng.shuffle(rest)
    if is_date:
        return picked + _dates_around(answer_iso, same_kind + rest, iso_of, count - len(picked), rng, taken, latest,
                                      far)
    return picked + (same_kind + rest)[: count - len(picked)]


def _dates_around(answer_iso: str, pool: list[str], iso_of: dict[str, str], count: int, rng: random.Random,
                  taken: set[str], latest: str, far: int) -> list[str]:
    """`count` wrong dates, as many before the answer as the seeded draw says and the rest after it.

    Options of a date question are listed in order, so the answer's place is its rank among them. Drawn only
    from the course's other dates, a death or a last event would always be the latest option ("D" every time),
    which a test-wise student learns; so the number of earlier dates is drawn first, and each side takes the
    course's dates (the pool's order), then dates made up near the answer on that side. A side that has no room
    (no year before 1, nothing after the source's date) leaves its share to the other."""
    before = rng.randrange(count + 1)
    start = date_interval(answer_iso)[0]
    invent = answer_iso.count("-") < 2  # a day is never made up: "7 January 1865" would be a falsehood learnt
    sides = ([t for t in pool if date_interval(iso_of[fold(t)])[0] < start],
             [t for t in pool if date_interval(iso_of[fold(t)])[0] > start])
    wanted = (before, count - before)
    chosen: list[list[str]] = [[], []]
    for side in (0, 1):
        chosen[side] = sides[side][: wanted[side]]
        short = wanted[side] - len(chosen[side])
        if short and invent:
            chosen[side] += near_dates(answer_iso, short, rng, taken, latest, far, side=-1 if side == 0 else 1)
    out = chosen[0] + chosen[1]
    spare = [t for t in pool if t not in out]
    out += spare[: count - len(out)]
    if len(out) < count and invent:
        out += near_dates(answer_iso, count - len(out), rng, taken, latest, far)
    return out


GRAINS = ("year", "month", "day")  # how precisely an ISO date is asked, by the number of its dashes


def asked_iso(fact: Fact, fieldname: str, time: AskedTime | None) -> str:
    """A fact's date as precisely as its question asks it: its year alone where a question of a day is asked by
    the year (`day_or_year`)."""
    iso = str(fact.fields[fieldname])
    if time is not None and time.grain in GRAINS and GRAINS.index(time.grain) < iso.count("-"):
        return "-".join(iso.split("-")[: GRAINS.index(time.grain) + 1])
    return iso


def day_or_year(fact: Fact, qt: QuestionTemplate, pools: SlotPools, time: AskedTime, count: int, fewest: int,
                rng: random.Random, asked_of: str = "", avoid: frozenset[str] = frozenset()) -> AskedTime:
    """How a date given to the day is asked as a choice: by the day where the course gives `fewest` other days
    near it (no day is made up, `_dates_around`) not all in its month; else by the year (the source gives it),
    whose wrong years are drawn as any year's are, unless that is the year the source was written (a 2022 article
    answers "In which year ...?" of its own events): then with no options. A birthday asked against "7 January"
    and "13 March" of the same year tests trivia, and rehearses days that never happened."""
    if time.grain != "day" or not time.choice:
        return time
    days = distractors(fact, qt, pools, count, rng, asked_of=asked_of, time=time, avoid=avoid)
    month = human_date(asked_iso(fact, qt.answer_field, replace(time, grain="month")))
    if len(days) >= fewest and not all(fold(d).endswith(fold(month)) for d in days):
        return time
    year = asked_iso(fact, qt.answer_field, replace(time, grain="year"))
    latest = pools.source_dates.get(fact.id, "")
    if latest and latest[:4] == year[:4]:  # the source's own year, printed with its title: no choice of years
        return replace(time, choice=False, reason="the course gives no other day near it, and its year is the "
                                                  "source's own")
    return replace(time, wh="In which year", grain="year", answer=human_date(year))


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_IN_TEXT = re.compile(rf"\b(?:(?:\d{{1,2}} )?(?:{_MONTHS}) )?\d{{4}}\b")


def mentioned_dates(text: str) -> set[str]:
    """The dates a text gives, folded as questions print them: "1889", "May 1907", "28 January 1865", and the
    year of each."""
    found = set()
    for match in _DATE_IN_TEXT.finditer(text):
        found.add(fold(match.group(0)))
        found.add(match.group(0)[-4:])
    return found


# Words of nationality a role may give a person ("an English composer", "the Russian president").
NATIONALITIES = frozenset("""american arab armenian austrian belgian british bulgarian canadian chinese czech danish
dutch egyptian english estonian finnish flemish french georgian german greek hungarian indian iranian irish italian
japanese kazakh kazakhstani korean kyrgyz latvian lithuanian mongolian norwegian ottoman persian polish portuguese
prussian roman romanian russian scottish serbian slovak soviet spanish swedish swiss tajik turkish turkmen ukrainian
uzbek venetian welsh""".split())


def _nations_of(pools: SlotPools, name: str) -> frozenset[str]:
    """The nationalities the course gives the person of this name: in their role, before its head noun ("an English
    composer"; not "a party leader of the Soviet era", which names a time)."""
    person = pools.people.get(fold(name))
    field_name = schema.kind_of(person).description_field if person is not None else ""
    role = str(person.fields.get(field_name) or "") if person is not None and field_name else ""
    before_head = tokens(role)[: head_index(role) + 1]
    return frozenset(fold(bare(w)) for w in before_head if w[:1].isupper() and fold(bare(w)) in NATIONALITIES)


def _nations_shown(pools: SlotPools, key: str, asked_of: str) -> frozenset[str]:
    """The answer's nationalities that the question shows."""
    shown = {fold(w) for w in words(asked_of) if w[:1].isupper()}
    return _nations_of(pools, key) & shown


def _role_families(pools: SlotPools, name: str) -> frozenset[str]:
    """The role families of the person a course describes by this name (see `kinds.role_families`)."""
    found = pools.families.get(name)
    if found is None:
        found = pools.families[name] = _find_role_families(pools, name)
    return found


def _find_role_families(pools: SlotPools, name: str) -> frozenset[str]:
    person = pools.people.get(fold(name))
    if person is None:  # a speaker no fact describes: its own words may say ("the doctors")
        return role_families(name)
    field_name = schema.kind_of(person).description_field
    return role_families(str(person.fields.get(field_name) or "")) if field_name else frozenset()


def _decades(iso: str, count: int, rng: random.Random, latest: str = "") -> list[str]:
    """Other decades near the answer's, none after the source was written: "the 1950s" beside "the 1960s"."""
    decade = int(str(iso)[:4]) // 10 * 10
    limit = int(latest[:4]) if latest else 10_000
    near = [decade + step for step in (-10, 10, -20, 20, -30, 30, -40) if 0 < decade + step <= limit]
    chosen = near[: max(count, 0) + 1]
    rng.shuffle(chosen)
    return [decade_words(d) for d in sorted(chosen[:count])]


def bank_candidates(fact: Fact, answer: str, pools: SlotPools, rng: random.Random, count: int = 6) -> list[str]:
    """Word-bank entries that could fill a blank but do not: curated ones, then others of the blank's category."""
    right = {fold(answer)} | {fold(f) for f in fact.accept} | {fold(f) for f in number_forms(answer, fact.language)}
    out = [d for d in fact.distractors if fold(d) not in right]
    if fact.cloze_category:
        others: list[str] = []
        for (slot_name, category), group in pools.groups.items():
            if category == fact.cloze_category and slot_name in name_slots():
                others += [e.text for e in (group.timed + group.untimed)[:SEARCH_CAP]]
        others += pools.blanks.get(fact.cloze_category, [])[:SEARCH_CAP]
        script = script_of(answer)
        others = [o for o in dict.fromkeys(others) if fold(o) not in right and o not in out
                  and script_of(o) == script]
        rng.shuffle(others)
        out += others
    return out[:count]


SIDE_TRIES = 40  # draws of one side's wrong dates within three steps before reaching further
SIDE_REACH = 3  # steps further one side reaches when the nearest are taken


def near_dates(iso: str, count: int, rng: random.Random, taken: set[str], latest: str = "", far: int = 0,
               side: int = 0) -> list[str]:
    """Make plausible wrong dates of the same precision near the right one, none after `latest` (the source's date);
    years at least `far` away when the source gives the year only roughly; only earlier ones (`side` -1) or later
    ones (1) where a side is asked for. One side holds three steps only (three years before): where some of them are
    taken (the quote's dates, another question's answer), a draw of a question's options (three at most) reaches
    `SIDE_REACH` steps further after the first tries, so that a key can be the latest (or earliest) of its options
    as often as any other place, not only where every year before it is free. (A draw of spare values does not:
    spares far off on one side would leave the key fewer places to move to.)"""
    parts = [int(p) for p in iso.split("-")]
    limit = date_interval(latest)[1] if latest else float("inf")
    out: list[str] = []
    # The steps of each reach, and each date drawn, as written and folded, or None past the limit: read once, as
    # the draw repeats itself (up to 200 times where the dates near the answer are all taken).
    step_lists: dict[int, tuple[list[int], list[int]]] = {}
    written: dict[str, tuple[str | None, str]] = {}
    for attempt in range(200):
        if len(out) >= count:
            break
        reach = 3 + (SIDE_REACH if side and count <= 3 and attempt >= SIDE_TRIES else 0)
        if reach not in step_lists:
            years = [k * (far or 1) for k in range(-reach, reach + 1) if k and k * side >= 0]
            step_lists[reach] = years, [m for m in range(-reach - 2, reach + 3) if m and m * side >= 0]
        steps, months_apart = step_lists[reach]
        if len(parts) == 1:
            if parts[0] + min(steps) < 1 and parts[0] + max(steps) < 1:
                break
            cand = str(parts[0] + rng.choice(steps))
            if int(cand) < 1:  # no year 0 nor before it: the calendar of ISO dates starts at 1
                continue
        elif len(parts) == 2:
            months = parts[0] * 12 + parts[1] - 1 + rng.choice(months_apart)
            cand = f"{months // 12:04d}-{months % 12 + 1:02d}"
        else:
            day = dt.date(*parts) + dt.timedelta(days=(side or rng.choice([-1, 1])) * rng.randint(3, 60))
            cand = day.isoformat()
        found = written.get(cand)
        if found is None:
            shown = None if date_interval(cand)[0] > limit else human_date(cand)
            found = written[cand] = (shown, fold(shown or ""))
        text, folded = found
        if text is None:
            continue
        if folded not in taken:
            taken.add(folded)
            out.append(text)
    return out
