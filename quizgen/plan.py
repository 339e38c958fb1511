"""Which items go on each sheet, in what order, with which option order and points.

Target-independent: the worksheets lay a plan out on paper, and any other
output that needs the same choice (a web quiz, an LMS export) takes the same
plan. Imports no rendering library.

Sheets. A unit sheet asks about every fact once: the matching and timeline
items first (each covers several facts), then one item for each fact they
leave out, its type chosen so the parts stay balanced. Printing every item
would let one question give another away (a true/false statement answering
the multiple-choice question beside it); the Anki deck, where cards come one
at a time, keeps them all. The course exam draws `exam` items across all
units, taking them from the units in turn and, within a unit, from the item
types in turn; where it can, it avoids two items about the same fact.

Versions. A version groups a sheet's questions into parts by item type,
always in `PARTS` order, and numbers them across parts. Versions A, B, C...
hold the same questions; each shuffles the questions within every part, the
options of multiple-choice questions, the right-hand column of matching
questions and the events of timelines. Correct options are balanced within a
version: each question gets the position (A-D) used least so far, ties broken
at random, so no letter is "usually right". A true/false statement keeps the
truth the generator gave it. Fill-in parts with at least `WORD_BANK_MIN`
questions get a word bank of their answers.

Points: multiple choice, true or false and fill in the blank 1 each; short
answer 2; matching 1 per pair; timeline 1 per event in its right place.

All randomness comes from `rng_for`, seeded from the course slug and seed,
the sheet slug, the version letter and the item id.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .model import LETTERS, Course, Item
from .rng import rng_for

PARTS = (  # item type and the title of its part, in the order parts appear
    ("mcq", "Multiple choice"),
    ("tf", "True or false"),
    ("cloze", "Fill in the blanks"),
    ("matching", "Matching"),
    ("ordering", "Timeline"),
    ("recall", "Short answer"),
)
PART_ORDER = tuple(t for t, _ in PARTS)
WORD_BANK_MIN = 3  # fewer blanks than this get no word bank: it would give answers away
POINTS = {"mcq": 1, "tf": 1, "cloze": 1, "recall": 2}


@dataclass(frozen=True)
class Sheet:
    """The items of one worksheet, before versions: a unit's, or the course exam's."""

    slug: str  # file name stem: the unit slug, or "<course>-exam"
    title: str  # the unit's title, or "Course exam"
    items: tuple[Item, ...]
    is_exam: bool = False


@dataclass(frozen=True)
class Question:
    """One item as it appears in one version."""

    number: int
    item: Item
    points: int
    options: tuple[str, ...] = ()  # mcq and tf, in their order in this version
    correct: int = -1  # index into options
    lefts: tuple[str, ...] = ()  # matching: numbered 1, 2, ...
    rights: tuple[str, ...] = ()  # matching: lettered A, B, ...
    matches: tuple[int, ...] = ()  # matching: for each left, the index of its right
    events: tuple[str, ...] = ()  # ordering: in this version's order
    ranks: tuple[int, ...] = ()  # ordering: for each event shown, its place in time (1 = earliest)

    @property
    def answer_text(self) -> str:
        """The answer as a key's table gives it (plain text)."""
        return _ANSWER_TEXT.get(self.item.type, lambda q: q.item.answer)(self)


_ANSWER_TEXT: dict[str, Callable[[Question], str]] = {
    "mcq": lambda q: f"{LETTERS[q.correct]} {q.options[q.correct]}",
    "tf": lambda q: q.options[q.correct],
    "cloze": lambda q: q.item.cloze[1] if q.item.cloze else q.item.answer,
    "matching": lambda q: ", ".join(f"{i + 1}-{LETTERS[m]}" for i, m in enumerate(q.matches)),
    "ordering": lambda q: "top to bottom: " + ", ".join(str(r) for r in q.ranks),
}


@dataclass(frozen=True)
class Section:
    """One part of a version: the questions of one item type."""

    type: str
    title: str
    questions: tuple[Question, ...]
    word_bank: tuple[str, ...] = ()

    @property
    def points(self) -> int:
        return sum(q.points for q in self.questions)


@dataclass(frozen=True)
class Version:
    """One version (A, B, ...) of one sheet."""

    course_title: str
    title: str
    slug: str
    letter: str
    sections: tuple[Section, ...]
    language: str = "en"

    @property
    def points(self) -> int:
        return sum(s.points for s in self.sections)

    @property
    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]


def points_for(item: Item) -> int:
    """The points an item is worth on a sheet."""
    if item.type == "matching":
        return len(item.pairs)
    if item.type == "ordering":
        return len(item.sequence)
    return POINTS[item.type]


# --- sheets: which items ---------------------------------------------------------------


def plan_sheets(course: Course, items: list[Item] | tuple[Item, ...]) -> tuple[Sheet, ...]:
    """Choose the items of every unit sheet, and of the exam when the course asks for one."""
    titles = {u.slug: u.title for u in course.units}
    by_unit: dict[str, list[Item]] = {}
    for item in items:
        by_unit.setdefault(item.unit, []).append(item)
    unit_slugs = [u.slug for u in course.units if u.slug in by_unit] + [s for s in by_unit if s not in titles]
    sheets = [Sheet(slug, titles.get(slug, slug), tuple(select_sheet_items(course, by_unit[slug], slug)))
              for slug in unit_slugs]
    if course.settings.exam > 0 and items:
        sheets.append(Sheet(exam_slug(course), "Course exam",
                            tuple(select_exam_items(course, list(items), course.settings.exam)), is_exam=True))
    return tuple(sheets)


def exam_slug(course: Course) -> str:
    return f"{course.slug}-exam"


def select_sheet_items(course: Course, items: list[Item], slug: str) -> list[Item]:
    """Pick the items a unit sheet asks: each fact once, the types kept balanced."""
    rng = rng_for(course.slug, course.settings.seed, slug, "select")
    ordered = sorted(items, key=lambda i: (i.order, i.id))
    picked = [i for i in ordered if len(i.fact_ids) > 1]
    asked = {f for i in picked for f in i.fact_ids}
    by_fact: dict[str, list[Item]] = {}
    for item in ordered:
        if len(item.fact_ids) == 1 and item.fact_ids[0] not in asked:
            by_fact.setdefault(item.fact_ids[0], []).append(item)
    used: dict[str, int] = {}
    for choices in by_fact.values():  # in course order
        low = min(used.get(i.type, 0) for i in choices)
        choice = rng.choice([i for i in choices if used.get(i.type, 0) == low])
        used[choice.type] = used.get(choice.type, 0) + 1
        picked.append(choice)
    return sorted(picked, key=lambda i: (i.order, i.id))


def select_exam_items(course: Course, items: list[Item], count: int) -> list[Item]:
    """Draw `count` items across the units, in turn, preferring items about facts not yet asked."""
    rng = rng_for(course.slug, course.settings.seed, exam_slug(course), "select")
    unit_order = [u.slug for u in course.units]
    pools: dict[str, list[Item]] = {}
    for item in sorted(items, key=lambda i: (i.order, i.id)):
        pools.setdefault(item.unit, []).append(item)
    unit_order += [u for u in pools if u not in unit_order]
    queues = []
    for slug in unit_order:
        # within a unit, take the item types in turn, so an exam is not all multiple choice
        by_type: dict[str, list[Item]] = {}
        for item in pools.get(slug, []):
            by_type.setdefault(item.type, []).append(item)
        groups = [by_type[t] for t in PART_ORDER if t in by_type]
        rng.shuffle(groups)
        for group in groups:
            rng.shuffle(group)
        pool = [g[k] for k in range(max(map(len, groups), default=0)) for g in groups if k < len(g)]
        if pool:
            queues.append(pool)
    picked: list[Item] = []
    asked: set[str] = set()
    deferred: list[Item] = []
    while len(picked) < count and any(queues):
        for queue in queues:
            while queue and len(picked) < count:
                item = queue.pop(0)
                if asked.intersection(item.fact_ids):
                    deferred.append(item)
                    continue
                picked.append(item)
                asked.update(item.fact_ids)
                break
    picked += deferred[: max(0, count - len(picked))]
    return sorted(picked, key=lambda i: (i.order, i.id))


# --- versions: which order ---------------------------------------------------------------


def plan_version(course: Course, sheet: Sheet, letter: str) -> Version:
    """Plan one version of a sheet: parts, question order, option order and word bank."""
    base = (course.slug, course.settings.seed, sheet.slug, letter)
    by_type: dict[str, list[Item]] = {}
    for item in sorted(sheet.items, key=lambda i: (i.order, i.id)):
        if item.type not in PART_ORDER:
            raise ValueError(f"item '{item.id}' has type '{item.type}', which worksheets cannot print")
        by_type.setdefault(item.type, []).append(item)
    sections = []
    number = 0
    for qtype, part_title in PARTS:
        chosen = list(by_type.get(qtype, []))
        if not chosen:
            continue
        rng_for(*base, "order", qtype).shuffle(chosen)
        targets: list[int] = []
        if qtype == "mcq":
            targets = _balanced_positions([len(i.options) for i in chosen], rng_for(*base, "positions"))
        questions = []
        for k, item in enumerate(chosen):
            number += 1
            rng = rng_for(*base, "item", item.id)
            plan = _QUESTION_PLANS.get(item.type, _plain)
            questions.append(plan(item, number, rng, targets[k] if targets else -1))
        bank: tuple[str, ...] = ()
        if qtype == "cloze" and len(chosen) >= WORD_BANK_MIN:
            words = [i.cloze[1] if i.cloze else i.answer for i in chosen]
            rng_for(*base, "word-bank").shuffle(words)
            bank = tuple(words)
        sections.append(Section(qtype, part_title, tuple(questions), bank))
    return Version(course.title, sheet.title, sheet.slug, letter, tuple(sections), course.language or "en")


def _balanced_positions(sizes: list[int], rng) -> list[int]:
    """Pick, for each question in turn, the least used position it has; ties at random."""
    counts = [0] * max(sizes, default=0)
    out = []
    for k in sizes:
        low = min(counts[:k])
        pos = rng.choice([p for p in range(k) if counts[p] == low])
        counts[pos] += 1
        out.append(pos)
    return out


def _shuffled_not_identity(n: int, rng) -> list[int]:
    """A seeded permutation of range(n) that, when n > 1, is not the identity."""
    perm = list(range(n))
    for _ in range(20):
        rng.shuffle(perm)
        if n < 2 or perm != list(range(n)):
            break
    return perm


def _plan_mcq(item: Item, number: int, rng, target: int) -> Question:
    if not item.options or not 0 <= item.correct < len(item.options):
        raise ValueError(f"multiple-choice item '{item.id}' has no correct option")
    right = item.options[item.correct]
    wrong = [o for i, o in enumerate(item.options) if i != item.correct]
    rng.shuffle(wrong)
    target = target if 0 <= target < len(item.options) else 0
    wrong.insert(target, right)
    return Question(number, item, points_for(item), options=tuple(wrong), correct=target)


def _plan_tf(item: Item, number: int, rng, target: int) -> Question:
    truth = item.correct == 0 if item.correct in (0, 1) else item.answer.strip().lower() == "true"
    return Question(number, item, points_for(item), options=("True", "False"), correct=0 if truth else 1)


def _plan_matching(item: Item, number: int, rng, target: int) -> Question:
    n = len(item.pairs)
    left_order = list(range(n))
    rng.shuffle(left_order)
    right_order = list(range(n))  # right j of this version is pair right_order[j]
    rng.shuffle(right_order)
    if right_order == left_order and n > 1:  # the answer would read 1-A, 2-B, 3-C...
        right_order = right_order[1:] + right_order[:1]
    lefts = tuple(item.pairs[p][0] for p in left_order)
    rights = tuple(item.pairs[p][1] for p in right_order)
    matches = tuple(right_order.index(p) for p in left_order)
    return Question(number, item, points_for(item), lefts=lefts, rights=rights, matches=matches)


def _plan_ordering(item: Item, number: int, rng, target: int) -> Question:
    perm = _shuffled_not_identity(len(item.sequence), rng)  # event j of this version is sequence[perm[j]]
    return Question(number, item, points_for(item), events=tuple(item.sequence[p][1] for p in perm),
                    ranks=tuple(p + 1 for p in perm))


def _plain(item: Item, number: int, rng, target: int) -> Question:
    return Question(number, item, points_for(item))


_QUESTION_PLANS = {"mcq": _plan_mcq, "tf": _plan_tf, "matching": _plan_matching, "ordering": _plan_ordering}
