"""Which items go on each sheet, in what order, with which option order and points.

Target-independent: the worksheets lay a plan out on paper, and any other
output that needs the same choice (a web quiz, an LMS export) takes the same
plan. Imports no rendering library.

Sheets. A unit sheet asks about every fact once: the matching, timeline and
fact-or-opinion items first (each covers several facts), then one item for
each fact they leave out. Facts marked `from_context` stay off sheets unless
the course sets `context_facts`; items made for the deck alone never go on one.
Of a fact's items the planner prefers one that does not *cue* an item already
on the sheet: whose visible text (question, options, matching sides, timeline
events, statements, the word bank) does not contain the other's cue (its
answer or a form of a written answer the key accepts, a surname, an abbreviation, all its wrong options, a date the
timeline turns on, a matching row's description beside a name it offers),
and whose own cue is not shown by the other. A name that a multiple-choice
question offers among its options gives it away only where the text showing
it also shares a word of what the question asks (beyond the words its
template puts in every question and the course's topic words). Among the
items left it takes true/false only when the fact has nothing else (half of
its points can be guessed), and keeps the parts balanced.
Cues by elimination count too: a matching question that pairs every wrong
option of a multiple-choice question with a description, or several questions
that each ask about one of its (longer) wrong options; a true/false statement
printing half of a short answer's model answer; and the titles printed at the
top of the page (`Sheet.title_cues`).
It counts the cueing pairs it separated this way, and those it could not
(`Sheet.separated`, `Sheet.cueing`; `giveaways` says what shows what).
A pair that no other item of its facts parts loses one of its two questions
(`leave_off_cueing`): the one whose loss costs least, a true/false statement
before any other, then fewer points, while the sheet keeps `MIN_SHEET_POINTS`
and the deck still asks the fact. The web quiz still asks it
(`Sheet.quiz_items`), and `check` says so in a note (`Sheet.left_off`). An
item of a fact the sheet does not ask, that cues nothing on it, takes its
place where the unit (the exam: the course) has one (`refill`,
`Sheet.replaced`); the true/false keys are then balanced again. The
course exam draws `exam` items across all units, taking them from the units
in turn and, within a unit, from the item types in turn; where it can, it
avoids two items about the same fact, items that cue each other, and the very
items the unit sheets asked (it asks their facts through another item).

True or false. Where the generator wrote both truths of a statement
(`Item.counterpart`), a sheet takes the one that cues less, then swaps the
fewest (among those that cue nothing) to key about half its statements False.

Versions. A version groups a sheet's questions into parts by item type,
always in `PART_ORDER` (quizgen/itemtypes.py), and numbers them across parts. Versions A, B, C...
hold the same questions; each shuffles the questions within every part, the
options of multiple-choice questions, the right-hand column of matching
questions and the events of timelines. Numbers and dates stay in order
(`quizgen.options`), so their keys' letters follow from the values: where
several would share a letter, a question with spare values of its kind
(`Item.extras`) shows some of them instead of its nearest options to move its key
(`spread_fixed_keys`, once for the sheet), and in the versions after the first it shows
the window of its values that puts its key where keys were fewest, as others do; every other
key takes the place (A-D) used least in the version, then in the sheet's earlier versions, then by the same question
before, so no letter is "usually right" and a question's key moves between
versions. With few questions the 35% limit can hold only over versions: five
keys on four letters put two on one letter in every version (40%), but no
letter holds more than its share rounded up within a version, and over ten
versions each letter holds about a quarter. Fact-or-opinion statements come
in an order with no label three times running where the labels allow it.
No wrong option recurs in more than two of a sheet's multiple-choice questions
while none of them keys it: a question offering it shows one of its spare wrong
options instead, or one option fewer (`spread_wrong_options`).
Fill-in parts with at least `WORD_BANK_MIN` questions get a word bank of
their answers and one or two more entries, ordered (numbers ascending, then
words alphabetically), and only where every blank has another entry of its
kind (`entry_kind`): a bank whose only percentage is the answer to the only
percentage blank answers it by kind.

Points: one for each thing asked: multiple choice, true or false and fill in
the blank 1 each; matching 1 per pair; timeline 1 per event in its right
place; fact or opinion 1 per statement; a short answer 2 when its `marking`
says what earns each point, otherwise 1.

All randomness comes from `rng_for`, seeded from the course slug and seed,
the sheet slug, the version letter and the item id.

Matching questions list one or two names more than descriptions; a fill-in part
gets a word bank only when one or two entries more than its blanks can be found
(the facts' curated `distractors`, then blanks of other facts that no question on
the sheet is about), so the last answer is never free.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Collection
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import lru_cache

from .answers import SHORT_ANSWER_WORDS, Answers, answers_for
from .cues import content_words, padded, related, tokens
from .grammar import attributed, head_noun
from .i18n import N_, Messages
from .itemtypes import ITEM_TYPES, PART_ORDER, WRITTEN_TYPES, item_type
from .kinds import family_of, name_family
from .model import LETTERS, Course, Item
from .options import (
    KeyPlaces,
    bank_order,
    in_order,
    key_windows,
    place_key,
    sorted_options,
    spread_ordered,
    value_kind,
)
from .rng import rng_for
from .text import fold

MIN_SHEET_POINTS = 15  # a unit sheet worth fewer points is too short to set (lint: short-sheet)
TRUE_FALSE_SHARE = 0.40  # at most this share of a sheet's points from true/false: half of them can be guessed
WORD_BANK_MIN = 3  # fewer blanks than this get no word bank: it would give answers away
BANK_EXTRAS = 2  # a word bank offers up to this many entries more than blanks


@dataclass(frozen=True)
class Sheet:
    """The items of one worksheet, before versions: a unit's, or the course exam's."""

    slug: str  # file name stem: the unit slug, or "<course>-exam"
    title: str  # the unit's title, or "Course exam"
    items: tuple[Item, ...]
    is_exam: bool = False
    bank_extras: tuple[str, ...] = ()  # word-bank entries that answer no blank, in seeded order
    separated: int = 0  # cueing pairs the planner kept apart by choosing another item of a fact
    cueing: tuple[tuple[str, str], ...] = ()  # pairs of item ids left on the sheet that cue each other
    title_cues: tuple[str, ...] = ()  # ids of items that the titles printed on the sheet give away
    left_off: tuple[tuple[Item, str], ...] = ()  # items of a cueing pair left off, each with the other's id
    replaced: tuple[tuple[Item, str], ...] = ()  # items asked in the place of one left off, each with its id

    @property
    def quiz_items(self) -> tuple[Item, ...]:
        """The items a web quiz of this sheet asks: the sheet's, and those it left off (a page that marks
        each answer as it is given is not a test that one question can give away)."""
        return tuple(sorted(self.items + tuple(i for i, _ in self.left_off), key=lambda i: (i.order, i.id)))


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
    statements: tuple[str, ...] = ()  # fact or opinion: in this version's order
    labels: tuple[str, ...] = ()  # fact or opinion: each statement's right label
    answers: Answers | None = None  # fill in the blank and short answer: what the key accepts

    @property
    def answer_text(self) -> str:
        """The answer as a key's table gives it (plain text)."""
        return _ANSWER_TEXT.get(self.item.type, lambda q: q.item.answer)(self)

    def answer_in(self, m: Messages) -> str:
        """The answer as a key's table gives it, in the sheet's language (its choices and words translated)."""
        if self.item.type == "ordering":
            return m.gettext(N_("top to bottom: %(ranks)s"), ranks=", ".join(str(r) for r in self.ranks))
        if self.item.type == "fact_opinion":
            return ", ".join(f"{i + 1} {m.choice(label)}" for i, label in enumerate(self.labels))
        if self.item.type == "tf":
            return m.choice(self.answer_text)
        return self.answer_text


_ANSWER_TEXT: dict[str, Callable[[Question], str]] = {
    "mcq": lambda q: f"{LETTERS[q.correct]} {q.options[q.correct]}",
    "tf": lambda q: q.options[q.correct],
    "cloze": lambda q: q.item.cloze[1] if q.item.cloze else q.item.answer,
    "matching": lambda q: ", ".join(f"{i + 1}-{LETTERS[m]}" for i, m in enumerate(q.matches)),
    "ordering": lambda q: "top to bottom: " + ", ".join(str(r) for r in q.ranks),
    "fact_opinion": lambda q: ", ".join(f"{i + 1} {label}" for i, label in enumerate(q.labels)),
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
    sources: tuple[str, ...] = ()  # the credit line of each source the sheet asks about (`Source.credit`)
    called: str = "the article"  # what its sources are `called`, where they all agree ("the book")

    @property
    def points(self) -> int:
        return sum(s.points for s in self.sections)

    @property
    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]


def points_for(item: Item) -> int:
    """The points an item is worth on a sheet (`quizgen.itemtypes`): its type's for each thing it asks (a choice,
    a blank, a pair, an event, a statement); a written answer whose `marking` says what earns each point, more."""
    declared = item_type(item.type)
    if declared.marked_points and item.marking:
        return declared.marked_points
    asked = len(getattr(item, declared.counts)) if declared.counts else 1
    return declared.points * asked


# --- sheets: which items ---------------------------------------------------------------


def plan_sheets(course: Course, items: list[Item] | tuple[Item, ...], deck=None) -> tuple[Sheet, ...]:
    """Choose the items of every unit sheet, and of the exam when the course asks for one.

    `deck`: the course's planned deck (`quizgen.cards.plan_deck`), planned here when not given; a question is
    left off a sheet only where the deck still asks its fact."""
    with _views_made_once():  # each item's view is made once for each context it is seen in
        return _plan_sheets(course, items, deck)


def _plan_sheets(course: Course, items: list[Item] | tuple[Item, ...], deck=None) -> tuple[Sheet, ...]:
    in_deck = deck_facts(course, items, deck)
    titles = {u.slug: u.title for u in course.units}
    by_unit: dict[str, list[Item]] = {}
    for item in items:
        by_unit.setdefault(item.unit, []).append(item)
    unit_slugs = [u.slug for u in course.units if u.slug in by_unit] + [s for s in by_unit if s not in titles]
    blanks = _Blanks(items)  # read once: each sheet's word bank looks through every unit's blanks
    sheets = []
    for slug in unit_slugs:
        with _views_made_once(fresh=True):  # a unit's views serve its sheet alone: they go once it is planned
            sheets.append(_unit_sheet(course, slug, titles.get(slug, slug), by_unit[slug], items, blanks, in_deck))
    if course.settings.exam > 0 and items:
        on_units = {i.id for sheet in sheets for i in sheet.items} | {i.counterpart.id for sheet in sheets
                                                                       for i in sheet.items if i.counterpart}
        chosen, separated, cueing = _choose_exam_items(course, list(items), course.settings.exam, on_units)
        balanced = balance_truth(course, exam_slug(course), chosen, items)
        context = [i for i in items if on_sheets(course, i)]
        if balanced != chosen:
            chosen, cueing = balanced, cueing_pairs(balanced, context)
        chosen, by_title = leave_off_title_cued(course, "Course exam", chosen, context, in_deck)
        if by_title:
            cueing = cueing_pairs(chosen, context)
        chosen, cueing, left_off = leave_off_cueing(chosen, context, in_deck, cueing)
        left_off = by_title + left_off
        chosen, cueing, left_off, replaced = refill(course, exam_slug(course), chosen, cueing, left_off, context,
                                                    context, on_units)
        chosen = spread_wrong_options(spread_fixed_keys(course, exam_slug(course), chosen), context)
        sheets.append(_sheet(course, exam_slug(course), "Course exam", chosen, items, blanks, separated, cueing,
                             is_exam=True, left_off=left_off, replaced=replaced))
    return tuple(sheets)


def _unit_sheet(course: Course, slug: str, title: str, unit_items: list[Item], items, blanks: _Blanks,
                in_deck: set[str] | None) -> Sheet:
    chosen, separated = _choose_sheet_items(course, unit_items, slug)
    chosen = balance_truth(course, slug, chosen, unit_items)
    context = [i for i in items if i.unit == slug and on_sheets(course, i)]
    chosen, by_title = leave_off_title_cued(course, title, chosen, context, in_deck)
    chosen, cueing, left_off = leave_off_cueing(chosen, context, in_deck)
    chosen, one_key = leave_off_one_key(course, chosen, unit_items, in_deck)
    if one_key:
        cueing = cueing_pairs(chosen, context)
    left_off = by_title + left_off + one_key
    chosen, cueing, left_off, replaced = refill(course, slug, chosen, cueing, left_off, context, context)
    chosen, cueing = part_matching_rows(chosen, cueing, context)
    chosen = spread_wrong_options(spread_fixed_keys(course, slug, chosen), context)
    return _sheet(course, slug, title, chosen, items, blanks, separated, cueing, left_off=left_off,
                  replaced=replaced)


MATCHING_ROWS_KEPT = 3  # a matching question keeps at least this many rows when the planner takes one out


def part_matching_rows(chosen: list[Item], cueing: tuple, context) -> tuple[list[Item], tuple]:
    """Take out of a matching question each row that another question left on the sheet gives away (a
    timeline's event naming the row's answer beside words of its description), while the question keeps
    `MATCHING_ROWS_KEPT` rows: a matching question is never left off whole, so its row goes instead, and the deck
    and the web quiz still ask that fact. Return the sheet's items and the cueing pairs left."""
    if not cueing or not any(i.type == "matching" for i in chosen):
        return chosen, cueing
    dropped: dict[str, set[int]] = {}
    by_id = {i.id: i for i in chosen}
    for g in giveaways(chosen, cueing, context):
        target = by_id.get(g.target.id)
        if target is None or target.type != "matching":
            continue
        row = next((k for k, (description, _) in enumerate(target.pairs) if description == g.cue[0]), None)
        rows = dropped.setdefault(target.id, set())
        if row is not None and len(target.pairs) - len(rows | {row}) >= MATCHING_ROWS_KEPT:
            rows.add(row)
    if not any(dropped.values()):
        return chosen, cueing
    out = []
    for item in chosen:
        out_rows = dropped.get(item.id, set())
        if out_rows:
            gone = {text for k in out_rows for text in item.pairs[k]}
            pairs = tuple(p for k, p in enumerate(item.pairs) if k not in out_rows)
            item = replace(item, pairs=pairs,
                           fact_ids=tuple(f for k, f in enumerate(item.fact_ids) if k not in out_rows),
                           answer="; ".join(f"{a} — {b}" for a, b in pairs),
                           cue=tuple(c for c in item.cue if not gone & set(c)))
        out.append(item)
    return out, cueing_pairs(out, context)


def _sheet(course: Course, slug: str, title: str, chosen: list[Item], items, blanks: _Blanks, separated: int,
           cueing: tuple | None = None, is_exam: bool = False, left_off: tuple = (), replaced: tuple = ()) -> Sheet:
    """A planned sheet; `cueing`, the pairs left on it, when the choice already found them."""
    context = [i for i in items if (is_exam or i.unit == slug) and on_sheets(course, i)]
    printed = _View(title_item(course, title))
    return Sheet(slug, title, tuple(chosen), is_exam, bank_extras=_bank_extras(course, slug, chosen, blanks),
                 separated=separated,
                 cueing=cueing_pairs(chosen, [i for i in items if i.unit == slug and on_sheets(course, i)])
                 if cueing is None else cueing,
                 title_cues=tuple(v.item.id for v in _views(chosen, context) if _title_shows(printed, v)),
                 left_off=left_off, replaced=replaced)


def deck_facts(course: Course, items, deck) -> set[str] | None:
    """The facts the course's deck asks; None when the course makes no deck (nothing to keep a fact in)."""
    if "anki" not in (course.own_targets or course.settings.targets):  # the course's deck, built now or not
        return None
    if deck is None:
        from .cards import plan_deck

        deck = plan_deck(course, items)
    return {f for item in deck.items for f in item.fact_ids}


def _loss(item: Item) -> tuple[int, int]:
    """What leaving a question off a sheet costs: a true/false statement least (half of it is guessed), then
    the fewest points."""
    return (item.type != "tf", points_for(item))


TITLE = "(title)"  # what a question left off for the titles printed above it was given away by (`title_item`)


def leave_off_title_cued(course: Course, title: str, chosen: list[Item], context,
                         in_deck: set[str] | None = None) -> tuple[list[Item], tuple[tuple[Item, str], ...]]:
    """Leave off the sheet each question that the titles printed at its top give away ("Faraday's candle: flame,
    wick and water" above "Almost everything that burns with a _____ ... produces water"), where the planner had
    no other question of its fact free of the cue: the student would read the answer before starting. As for a
    pair of questions that cue each other (`leave_off_cueing`), only a question of one fact, while the sheet keeps
    `MIN_SHEET_POINTS`; a later question before an earlier one, true/false first. Unlike such a pair, whether the
    deck asks the fact does not matter: a question the title answers asks nothing, on the sheet or off it (the web
    quiz still asks it). Return what stays, and what was left off (each with `TITLE` as what gave it away)."""
    printed = _View(title_item(course, title))
    shown = [v.item for v in _views(chosen, context) if _title_shows(printed, v)]
    if not shown:
        return chosen, ()
    points = sum(points_for(i) for i in chosen)
    gone: list[Item] = []
    for item in sorted(shown, key=lambda i: (_loss(i), -i.order)):
        if len(item.fact_ids) == 1 and points - points_for(item) >= MIN_SHEET_POINTS:
            gone.append(item)
            points -= points_for(item)
    return [i for i in chosen if i not in gone], tuple((i, TITLE) for i in gone)


def leave_off_cueing(chosen: list[Item], context, in_deck: set[str] | None = None,
                     cueing: tuple | None = None) -> tuple[list[Item], tuple, tuple[tuple[Item, str], ...]]:
    """Leave one question of each cueing pair off the sheet; return what stays, the pairs left, and what was
    left off (each item with the id of the question it gave away or was given away by).

    Called once the planner has asked every fact the way that cues least, so a pair left here has no other
    question of its facts to part it. Of the two, the one whose loss costs least goes (`_loss`; on a tie the
    one in more pairs, then the later on the sheet), and only where the sheet keeps `MIN_SHEET_POINTS`, the
    item asks a single fact, and the deck still asks that fact (`in_deck`; None: the course makes no deck).
    The web quiz asks it still (`Sheet.quiz_items`).

    Cost: the pairs are found once (the index's near-linear pass). A pair of which one shows the other's cue
    goes with either item, so it is struck off the list; questions that rule out wrong options together may
    still do so without the one left off, so where one of those goes, the pairs are found again."""
    kept = list(chosen)
    if cueing is not None and not cueing:
        return kept, (), ()
    direct, together = _cueing_pairs(kept, context)
    points = sum(points_for(i) for i in kept)
    left: list[tuple[Item, str]] = []
    while True:
        live = list(direct + together)
        look_again = False
        # The places on the sheet (as this round starts) of each id's questions still kept: an id stands for its
        # last one. Taking a question off keeps the others' order, so these places order them as the sheet does.
        sheet, gone = kept, set()
        places: dict[str, list[int]] = {}
        for k, i in enumerate(sheet):
            places.setdefault(i.id, []).append(k)
        while True:
            in_pairs = Counter(x for pair in live for x in pair)
            options = []
            for a, b in live:
                for loser, other in ((a, b), (b, a)):
                    place = places[loser][-1]
                    item = sheet[place]
                    if len(item.fact_ids) == 1 and points - points_for(item) >= MIN_SHEET_POINTS \
                            and (in_deck is None or item.fact_ids[0] in in_deck):
                        options.append((_loss(item), -in_pairs[loser], -place, loser, other))
            if not options:
                break
            *_, loser, other = min(options)
            item = sheet[places[loser][-1]]
            # the first question equal to it
            first = next(k for k in places[loser] if sheet[k] == item)
            places[loser].remove(first)
            if not places[loser]:
                del places[loser]
            gone.add(first)
            left.append((item, other))
            points -= points_for(item)
            look_again = look_again or any(loser in pair for pair in together)
            live = [pair for pair in live if loser not in pair]
        kept = [i for k, i in enumerate(sheet) if k not in gone]
        if not look_again:
            return kept, tuple(live), tuple(left)
        direct, together = _cueing_pairs(kept, context)
        if not direct + together:
            return kept, (), tuple(left)


def refill(course: Course, slug: str, kept: list[Item], cueing: tuple, left_off: tuple, pool, context,
           avoid: set[str] | frozenset[str] = frozenset()) -> tuple[list[Item], tuple, tuple, tuple]:
    """Ask another question in the place of each one `leave_off_cueing` left off, so the sheet keeps its
    length, then balance the true/false keys again (a question left off can leave six True beside two False).

    The replacement is an unused item of `pool` about one fact the sheet does not ask yet (two questions of
    one fact answer each other: "What led to X?" beside "What did Y lead to?"), that gives no question on
    the sheet away and is given away by none: an item not in `avoid` (the exam: what the unit sheets asked)
    before one in it, not a true/false statement where something else is left (half of it is guessed), then
    the points nearest those lost, then course order. Where no item qualifies (a unit sheet asks each of its
    facts already), the sheet stays one question shorter.

    Return what the sheet keeps, the cueing pairs left, what was left off (the partner named as the sheet now
    asks it) and the replacements (each with the id of the item it replaces).

    Cost: the candidates are compared only with the sheet's items that share a cue's word (`_CueIndex`); the
    one chosen is checked once more among the whole sheet (questions that rule out wrong options together)."""
    if not left_off:
        return kept, cueing, left_off, ()
    kept = list(kept)
    asked = {f for i in kept for f in i.fact_ids} | {f for i, _ in left_off for f in i.fact_ids}
    candidates = [i for i in pool if len(i.fact_ids) == 1 and i.fact_ids[0] not in asked
                  and on_sheets(course, i)]
    replaced: list[tuple[Item, str]] = []
    if candidates:
        views = _views(kept + candidates, context)
        near = _CueIndex(views).near
        first = len(kept)  # views[first:] are the candidates'
        on_sheet = set(range(first))
        for lost, _ in left_off:
            lost_points = points_for(lost)
            ranked = sorted(
                (k for k in range(first, len(views)) if views[k].item.fact_ids[0] not in asked),
                key=lambda k: (views[k].item.id in avoid,
                               views[k].item.type == "tf", abs(points_for(views[k].item) - lost_points),
                               views[k].item.order, views[k].item.id))
            for k in ranked:
                item = views[k].item
                if any(_cue_between(views[k], views[j]) for j in near[k] & on_sheet):
                    continue
                if any(item.id in pair for pair in cueing_pairs(kept + [item], context)):
                    continue
                kept.append(item)
                on_sheet.add(k)
                asked.add(item.fact_ids[0])
                replaced.append((item, lost.id))
                break
    kept.sort(key=lambda i: (i.order, i.id))
    balanced = balance_truth(course, slug, kept, pool)
    changed = bool(replaced) or balanced != kept
    if balanced != kept:
        swapped = {a.id: b for a, b in zip(kept, balanced) if a.id != b.id}
        left_off = tuple((i, swapped[other].id if other in swapped else other) for i, other in left_off)
        replaced = [(swapped.get(i.id, i), lost) for i, lost in replaced]
        kept = balanced
    if changed:
        cueing = cueing_pairs(kept, context)
    return kept, cueing, left_off, tuple(replaced)


def spread_fixed_keys(course: Course, slug: str, chosen: list[Item]) -> list[Item]:
    """The sheet's questions, those whose options are numbers or dates showing spare values (`Item.extras`) in
    place of some options where their keys crowd a letter (`quizgen.options.spread_ordered`): numbers and dates
    stay in order in every version, so their keys' letters follow from the values, and three questions whose
    answers are each the latest of their values would key D, D, D in every version. The other questions' keys
    then spread over what is left (`_choice_orders`)."""
    return spread_ordered(chosen, rng_for(course.slug, course.settings.seed, slug, "fixed-keys"))


RECURRING_WRONG = 2  # a wrong option may recur in this many of a sheet's multiple-choice questions, no more
FEWEST_OPTIONS = 3  # a multiple-choice question keeps at least this many options (the generator's fewest)


def spread_wrong_options(chosen: list[Item], context=()) -> list[Item]:
    """The sheet's questions, a wrong option that more than `RECURRING_WRONG` of its multiple-choice questions
    offer and none of them keys taken out of the later of them: "James Chadwick" among the options of five
    questions, right in none, is a name a test-wise student crosses out without reading. A question shows one of
    its spare wrong options (`Item.extras`, as plausible as its options) in its place, where that spare recurs no
    more than that itself (or keys a question of the sheet) and gives no question of the sheet away
    (`cueing_pairs` among `context`); where none qualifies, a question of four options or more asks with one
    fewer (three options are as sound as four). Questions of numbers or dates are left as they are (their values
    are in order, and `spread_fixed_keys` chooses among their spares)."""
    choice = [k for k, i in enumerate(chosen) if i.type == "mcq" and 0 <= i.correct < len(i.options)
              and in_order(i.options) is None]

    def wrong(item: Item) -> list[str]:
        return [fold(o) for j, o in enumerate(item.options) if j != item.correct]

    keys = {fold(chosen[k].options[chosen[k].correct]) for k in choice}
    uses = Counter(v for k in choice for v in set(wrong(chosen[k])))
    recurring = sorted(v for v, n in uses.items() if n > RECURRING_WRONG and v not in keys)
    if not recurring:
        return chosen
    out = list(chosen)
    pairs = set(cueing_pairs(out, context))

    def shown(item: Item, at: int, spare: str | None) -> Item:
        """The item with its option `at` replaced by `spare` (None: taken out), its cue of every wrong option
        following."""
        options = item.options[:at] + ((spare,) if spare is not None else ()) + item.options[at + 1:]
        correct = item.correct - (spare is None and at < item.correct)
        old_wrong = {o for j, o in enumerate(item.options) if j != item.correct}
        new_wrong = tuple(o for j, o in enumerate(options) if j != correct)
        cue = tuple(new_wrong if set(c) == old_wrong and len(c) == len(old_wrong) else c for c in item.cue)
        extras = tuple(item.options[at] if e == spare else e for e in item.extras) if spare is not None \
            else item.extras
        return replace(item, options=options, correct=correct, extras=extras, cue=cue)

    def attempt(k: int, changed: Item) -> bool:
        nonlocal out, pairs
        trial = list(out)
        trial[k] = changed
        after = set(cueing_pairs(trial, context))
        if not after <= pairs:
            return False  # the change would give a question away (or have one given away)
        out, pairs = trial, after
        return True

    for value in recurring:
        for dropping in (False, True):  # a spare in its place wherever one qualifies, before one option fewer
            showing = sorted((k for k in choice if value in wrong(out[k])), key=lambda k: (out[k].order, out[k].id),
                             reverse=True)
            for k in showing:
                if uses[value] <= RECURRING_WRONG:
                    break
                item = out[k]
                at = next(j for j, o in enumerate(item.options) if j != item.correct and fold(o) == value)
                if dropping:
                    if len(item.options) > FEWEST_OPTIONS and attempt(k, shown(item, at, None)):
                        uses[value] -= 1
                    continue
                for spare in item.extras:
                    folded = fold(spare)
                    if folded in {fold(o) for o in item.options} or (uses[folded] >= RECURRING_WRONG
                                                                      and folded not in keys):
                        continue
                    if attempt(k, shown(item, at, spare)):
                        uses[value] -= 1
                        uses[folded] += 1
                        break
    return out


def title_item(course: Course, title: str) -> Item:
    """The titles a sheet (or deck) prints, as an item whose visible text can give a question away ("Lala
    Lajpat Rai, the Lion of Punjab" answers "Who was popularly known as the Lion of Punjab?")."""
    text = f"{course.title} · {title}" if title else course.title
    return Item(id="(title)", type="title", course=course.slug, unit="", fact_ids=(), template="", stem=text,
                answer="", citation=None)


def exam_slug(course: Course) -> str:
    return f"{course.slug}-exam"


def on_sheets(course: Course, item: Item) -> bool:
    """Whether an item may go on a worksheet: not made for the deck alone, and answerable from the text
    (or the course asks for context facts too)."""
    return item.sheets and (course.settings.context_facts or not item.from_context)


def balance_truth(course: Course, slug: str, chosen: list[Item], pool=()) -> list[Item]:
    """The sheet's true/false statements in the truth that cues less, and about half of them keyed False.

    A statement whose generator also wrote the other truth's version (`Item.counterpart`) takes that version
    where it gives fewer questions away ("The Elbe is the longest river flowing only through Poland" beside a
    statement about the Vistula). Then the fewest swaps that bring the False keys to half (never all of one
    value where it can help it), chosen at random among those that cue no other question on the sheet (one that
    would stays as it is). A student who circles True throughout then earns half the points, not all.

    A statement with no other version of its own ("Alhazen said that ...", where no other speaker could be
    named) may still swap: for the other truth of another statement of `pool` about the same fact (the claim's
    written false version), which then stands in its place."""
    others = other_truths(course, chosen, pool)
    if not others:
        return chosen
    current = list(chosen)
    versions = list({id(i): i for i in current + list(others.values())}.values())
    listed = _views(versions, chosen)
    place = {id(v.item): k for k, v in enumerate(listed)}
    near = _CueIndex(listed).near  # only the statements that share a cue's word can cue each other

    on_sheet = Counter(place[id(i)] for i in current)  # the views of `current`, each as often as it is there

    def cues(statement: Item, most: int = 0) -> int:
        """How many questions on the sheet a statement cues or is cued by; counted only until the count reaches
        `most`, where one is given (whether it reaches it is all that is asked)."""
        k = place[id(statement)]
        count = 0
        for j in near[k]:
            if on_sheet[j] and listed[j].item.id != statement.id and _cue_between(listed[k], listed[j]):
                count += on_sheet[j]
                if most and count >= most:
                    break
        return count

    def cues_less(statement: Item, than: Item) -> bool:
        """Whether `statement` cues fewer of the sheet's questions than `than` does."""
        bound = cues(than)
        return bound > 0 and cues(statement, bound) < bound

    for k, statement in enumerate(current):
        if statement.type == "tf" and statement.counterpart is not None \
                and cues_less(statement.counterpart, statement):
            current[k] = statement.counterpart
            others.pop(statement.id)  # the version that cues more is not swapped back
            on_sheet[place[id(statement)]] -= 1
            on_sheet[place[id(statement.counterpart)]] += 1
    statements = [i for i in current if i.type == "tf"]
    if len(statements) < 2:
        return current
    rng = rng_for(course.slug, course.settings.seed, slug, "truth")
    falses = sum(i.answer == "False" for i in statements)
    target = len(statements) // 2 + (rng.random() < 0.5 if len(statements) % 2 else 0)
    # A swap that would cue another question is not worth the balance.
    free = {i.id for i in statements if i.id in others and not cues(others[i.id], 1)}
    swap = _balanced_swaps(statements, free, target, rng)
    # ... unless, without it, every statement would hold one value (all True, say): a student who circles one
    # answer throughout would score them all. The least cueing swaps are then made, up to a third of them, and the
    # cues they make are parted like any other (`leave_off_cueing`, or the lint). (Where some statement already
    # holds the other value, a cueing swap would only be left off again with its fact.)
    least = len(statements) // 3
    minority = min(falses, len(statements) - falses) + len(swap)
    if len(statements) >= 3 and minority == 0:
        majority = "False" if falses > target else "True"
        candidates = [i for i in statements if i.answer == majority and i.id in others and i.id not in swap]
        rng.shuffle(candidates)
        costly = sorted(candidates, key=lambda c: cues(others[c.id]))
        swap |= {c.id for c in costly[:least - minority]}
    return [others[i.id] if i.id in swap else i for i in current]


def other_truths(course: Course, chosen, pool=()) -> dict[str, Item]:
    """For each true/false statement of `chosen` that has one, its version in the other truth: its own
    (`Item.counterpart`), or a statement of `pool` about the same fact that holds the other value."""
    others: dict[str, Item] = {}
    for statement in chosen:
        if statement.type != "tf":
            continue
        if statement.counterpart is not None:
            others[statement.id] = statement.counterpart
            continue
        for alternative in pool:
            if alternative.type != "tf" or alternative.fact_ids != statement.fact_ids \
                    or alternative.id == statement.id or not on_sheets(course, alternative):
                continue
            versions = [alternative] + ([alternative.counterpart] if alternative.counterpart is not None else [])
            flipped = next((v for v in versions if v.answer != statement.answer), None)
            if flipped is not None:
                others[statement.id] = flipped
                break
    return others


ONE_KEY = "(one key)"  # what a true/false statement left off because every statement would share its key was left for


def leave_off_one_key(course: Course, chosen: list[Item], pool, in_deck: set[str] | None = None
                      ) -> tuple[list[Item], tuple[tuple[Item, str], ...]]:
    """Where three or more true/false statements of a sheet all hold one key after `balance_truth` (every one a
    definition or a claim with no false version), leave off those that can hold no other key, the latest first,
    until fewer than three statements are left or they hold both keys: a student who circles True throughout would
    score every one, and a statement that can only be True asks nothing. As for cueing pairs (`leave_off_cueing`),
    only where the deck still asks the fact and the sheet keeps `MIN_SHEET_POINTS`; `refill` then asks another
    fact in its place. Return what stays, and what was left off (each with `ONE_KEY`)."""
    statements = [i for i in chosen if i.type == "tf"]
    if len(statements) < 3 or len({i.answer for i in statements}) > 1:
        return chosen, ()
    others = other_truths(course, statements, pool)
    points = sum(points_for(i) for i in chosen)
    gone: list[Item] = []
    for item in sorted((i for i in statements if i.id not in others), key=lambda i: -i.order):
        if len(statements) - len(gone) < 3:
            break
        if len(item.fact_ids) == 1 and points - points_for(item) >= MIN_SHEET_POINTS \
                and (in_deck is None or item.fact_ids[0] in in_deck):
            gone.append(item)
            points -= points_for(item)
    return [i for i in chosen if i not in gone], tuple((i, ONE_KEY) for i in gone)


def framing(item: Item) -> tuple[str, bool]:
    """How a true/false statement is put to the student, as one reading the sheet sees it: the template that wrote
    it (a definition, a person's role, a claim, a speaker) and whether it opens by naming its source ("According
    to the book, ..."). A sheet whose statements of one framing all hold one key (every "According to the book"
    statement False beside definitions always True) is answered by the framing, not the fact."""
    return item.template, attributed(item.stem)


def _balanced_swaps(statements: list[Item], free: set[str], target: int, rng) -> set[str]:
    """The statements to swap for their other truth (`free`: those that may swap) so that about `target` of them
    are False, and within each framing (`framing`) about half: where one framing cannot move (definitions with
    no false version, always True), the others do not make up for it (every "According to the book" statement
    False beside them would let the framing give the key): the sheet's half is reached only by which way each
    odd framing's middle statement goes."""
    groups: dict[tuple[str, bool], list[Item]] = {}
    for statement in statements:
        groups.setdefault(framing(statement), []).append(statement)
    want: dict[tuple[str, bool], int] = {}
    lowest: dict[tuple[str, bool], int] = {}
    highest: dict[tuple[str, bool], int] = {}
    for key in sorted(groups):
        group = groups[key]
        fixed_false = sum(i.answer == "False" and i.id not in free for i in group)
        movable = sum(i.id in free for i in group)
        lowest[key], highest[key] = fixed_false, fixed_false + movable
        half = len(group) // 2 + (rng.random() < 0.5 if len(group) % 2 else 0)
        want[key] = min(max(half, lowest[key]), highest[key])

    def room(key: tuple[str, bool], step: int) -> bool:
        """Whether a framing's False keys may move by `step` toward the sheet's half and stay about half of the
        framing's own (an odd framing's middle statement goes either way): the framing comes first."""
        after = want[key] + step
        return lowest[key] <= after <= highest[key] and abs(2 * after - len(groups[key])) <= 1

    total = sum(want.values())
    while total != target:
        step = 1 if total < target else -1
        # the framing whose share of False keys is furthest from half in the direction asked, that has room
        open_groups = [key for key in sorted(groups) if room(key, step)]
        if not open_groups:
            break
        key = min(open_groups, key=lambda k: step * want[k] / len(groups[k]))
        want[key] += step
        total += step
    swap: set[str] = set()
    for key in sorted(groups):
        group = groups[key]
        now = sum(i.answer == "False" for i in group)
        value = "True" if want[key] > now else "False"  # the statements to swap hold this value now
        candidates = [i for i in group if i.id in free and i.answer == value]
        rng.shuffle(candidates)
        swap |= {i.id for i in candidates[:abs(want[key] - now)]}
    return swap


def select_sheet_items(course: Course, items: list[Item], slug: str) -> list[Item]:
    """Pick the items a unit sheet asks: each fact once, none cueing another where it can, types balanced, one
    of a pair that still cues left off (`leave_off_cueing`; the deck asked about is that of `items`)."""
    chosen = balance_truth(course, slug, _choose_sheet_items(course, items, slug)[0], items)
    context = [i for i in items if i.unit == slug and on_sheets(course, i)]
    in_deck = deck_facts(course, items, None)
    title = next((u.title for u in course.units if u.slug == slug), slug)
    chosen, by_title = leave_off_title_cued(course, title, chosen, context, in_deck)
    kept, cueing, left_off = leave_off_cueing(chosen, context, in_deck)
    left_off = by_title + left_off
    return spread_wrong_options(
        spread_fixed_keys(course, slug, refill(course, slug, kept, cueing, left_off, context, context)[0]), context)


def _choose_sheet_items(course: Course, items: list[Item], slug: str) -> tuple[list[Item], int]:
    seed = (course.slug, course.settings.seed, slug)
    rng = rng_for(*seed, "select")
    ordered = sorted((i for i in items if on_sheets(course, i)), key=lambda i: (i.order, i.id))
    picked = [i for i in ordered if len(i.fact_ids) > 1]
    asked = {f for i in picked for f in i.fact_ids}
    by_fact: dict[str, list[Item]] = {}
    for item in ordered:
        if len(item.fact_ids) == 1 and item.fact_ids[0] not in asked:
            by_fact.setdefault(item.fact_ids[0], []).append(item)
    listed = _views(ordered)
    views = {v.item.id: v for v in listed}
    near = _CueIndex(listed).near
    place = {v.item.id: k for k, v in enumerate(listed)}
    picked_places = {place[p.id] for p in picked}
    unit_title = next((u.title for u in course.units if u.slug == slug), slug)
    printed = _View(title_item(course, unit_title))  # the titles at the top of the page show too
    used: dict[str, int] = {}
    separated = 0

    def cues_of(choice: Item, most: float) -> int:
        """How many of the picked items cue `choice` or are cued by it, with the title: counted only until
        the count passes `most` (a choice with more is not taken, so its exact count is never needed)."""
        view = views[choice.id]
        count = int(_title_shows(printed, view))
        # Only the picked items that share a cue's word with a choice can cue it (`_CueIndex`).
        for j in near[place[choice.id]] & picked_places:
            if count > most:
                break
            count += _cue_between(view, listed[j])
        return count

    for choices in by_fact.values():  # in course order
        # What the same preferences would ask without looking at cues: the pairs the choice keeps apart. Counted
        # first and whole; the other choices' counts stop once they pass the fewest so far.
        blind = _least_used(_preferred(choices), used, rng_for(*seed, "blind", choices[0].fact_ids[0]))
        # A fact with one question asks it, whatever cues it: its cues are not counted (none kept apart).
        cues = {blind.id: cues_of(blind, float("inf")) if len(choices) > 1 else 0}
        fewest = cues[blind.id]
        for c in choices:
            if c.id not in cues:
                cues[c.id] = cues_of(c, fewest)
                fewest = min(fewest, cues[c.id])
        # True/false only where the fact has no other question as free of cues: half its points are guessed.
        clean = [i for i in choices if cues[i.id] == fewest]
        choice = _least_used(_preferred(clean), used, rng)
        separated += cues[blind.id] - fewest
        used[choice.type] = used.get(choice.type, 0) + 1
        picked.append(choice)
        picked_places.add(place[choice.id])
    return sorted(picked, key=lambda i: (i.order, i.id)), separated


def _preferred(choices: list[Item]) -> list[Item]:
    """The questions of a fact a sheet would rather ask: anything but true/false (half its points are guessed),
    and of those, one whose key a teacher checks at a glance before a written answer marked by its meaning ("Who
    was the harbour master who charted the reef?", answer "Captain Ferrow", before "Who was Captain Ferrow?")."""
    asked = [i for i in choices if i.type != "tf"] or choices
    return [i for i in asked if not _marked_by_meaning(i)] or asked


def _marked_by_meaning(item: Item) -> bool:
    """Whether a question's written answer runs past `SHORT_ANSWER_WORDS`, so its key is marked by its meaning."""
    return item.type in WRITTEN_TYPES and len(item.answer.split()) > SHORT_ANSWER_WORDS


def _least_used(choices: list[Item], used: dict[str, int], rng) -> Item:
    """One of the items whose type the sheet holds fewest of so far; ties at random."""
    low = min(used.get(i.type, 0) for i in choices)
    return rng.choice([i for i in choices if used.get(i.type, 0) == low])


# --- cueing: one question giving another away ----------------------------------------------


class _View:
    """What a student sees of an item (each text padded for whole-word search), and what would give it away.

    Options are the names a student picks from: a multiple-choice question's options, a matching question's
    names. A matching question gives a row away to any text that shows its description beside one of the
    names it offers: beside its own name the row is answered, beside another one ruled out.
    """

    __slots__ = ("item", "parts", "options", "cues", "texts", "asks", "offers", "defined", "rows", "quiet", "facts",
                 "_read", "_wanted", "_stated")

    def __init__(self, item: Item, furniture: frozenset[str] = frozenset()):
        self.item = item
        names = [b for _, b in item.pairs] + list(item.extras) if item.type == "matching" else []
        texts = [item.stem] + [pair[0] for pair in item.pairs] + [event for _, event in item.sequence]
        if item.type == "cloze" and item.cloze:
            texts.append(item.cloze[1])  # printed in the part's word bank
        offered = list(item.options) if item.type == "mcq" else names
        self.options = frozenset(padded(o) for o in offered) if offered else _NONE
        self.parts = [(padded(t), False, t) for t in texts if t] + [(padded(o), True, o) for o in offered]
        cues = list(item.cue) + [(d, name) for d, _ in item.pairs for name in names]
        if item.type in ITEM_TYPES and ITEM_TYPES[item.type].written:
            # a written answer's accepted forms answer it as well as its own ("Book of Optics" beside its title
            # in the original language)
            cues += [(form,) for form in item.accept if (form,) not in cues]
        self.texts = [tuple(cue) for cue in cues if cue and all(padded(t).strip() for t in cue)]
        self.cues = [[padded(t) for t in cue] for cue in self.texts]
        self.offers = bool(offered)
        # What the question is about: the words of its stem, less those its template puts in every question.
        self.asks = tuple(w for w in content_words(item.stem) if fold(w) not in furniture)
        # A matching question's names that it pairs with a description: it tells what each one is.
        self.defined = frozenset(padded(b) for _, b in item.pairs) if item.type == "matching" else _NONE
        self.rows = item.pairs if item.type == "matching" else ()
        self.quiet = furniture  # words that say nothing about one question (its template's, the topic's)
        self.facts = frozenset(item.fact_ids)
        self._read: tuple | None = None  # `read`, `wanted` and `stated`, made when first asked for
        self._wanted: frozenset[str] | None = None
        self._stated: tuple | None = None

    def read(self) -> tuple[list[tuple[str, str]], str]:
        """Its texts as (padded, raw) and those padded joined, as `_shown_cue` reads them where no option of
        it is left out (it offers none, or the question it is compared with offers none): made once, as a
        question is compared with every other that shares a word with it."""
        if self._read is None:
            parts = [(part, raw) for part, _, raw in self.parts]
            self._read = (parts, "\x00".join(part for part, _ in parts))
        return self._read

    def wanted(self) -> frozenset[str]:
        """The words of its model answer a statement must show half of (`_shown_model_answer`), folded."""
        if self._wanted is None:
            self._wanted = frozenset(fold(w) for w in content_words(self.item.answer) if fold(w) not in self.quiet)
        return self._wanted

    def stated(self) -> tuple[tuple[tuple[str, str], ...], ...]:
        """For each of its texts, its content words once each, as written and folded (`_shown_model_answer`)."""
        if self._stated is None:
            self._stated = tuple(tuple((w, fold(w)) for w in dict.fromkeys(content_words(raw)))
                                 for _, _, raw in self.parts)
        return self._stated

    @property
    def words(self) -> frozenset[str]:
        """The words of its visible text. Read where the word indexes are made, once or twice: kept, they would
        be the largest part of a view, and the lint views every card of the deck at once."""
        return frozenset(word for part, _, _ in self.parts for word in part.split())


_NONE: frozenset[str] = frozenset()  # a view's options or names defined, where it has none (shared)


def template_words(items) -> dict[str, frozenset[str]]:
    """For each question template with two or more items, the words it puts into every question it makes
    ("According to the article, who said that ..."): they say nothing about what one question asks."""
    stems: dict[str, list[set[str]]] = {}
    for item in items:
        stems.setdefault(item.template, []).append({fold(w) for w in content_words(item.stem)})
    return {t: frozenset(set.intersection(*s)) for t, s in stems.items() if len(s) > 1}


def common_words(items) -> frozenset[str]:
    """Words in the questions about a quarter of the facts or more (and three at least): the topic of the
    course ("Kazakhstan", "river") says nothing about what one question asks."""
    facts: dict[str, set[str]] = {}
    for item in items:
        if len(item.fact_ids) == 1:
            facts.setdefault(item.fact_ids[0], set()).update(fold(w) for w in content_words(item.stem))
    counts: dict[str, int] = {}
    for words in facts.values():
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    least = max(3, len(facts) / 4)
    return frozenset(w for w, n in counts.items() if n >= least)


def quiet_words(context) -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """The words that say nothing about one question among `context` (the items it is chosen from): each
    template's (`template_words`) and the course's topic (`common_words`). Read once where many views of
    one context are made."""
    return template_words(context), common_words(context)


class _ViewsMade:
    """The views made so far while sheets are planned, each read once: an item's view under its context's quiet
    words, which the planner's steps ask for again and again (the items of a unit, then those chosen of them)."""

    def __init__(self) -> None:
        self.quiet: dict[tuple[int, ...], tuple[list[Item], tuple]] = {}  # context's items by id -> quiet words
        self.views: dict[tuple[int, int], tuple[Item, tuple, _View]] = {}  # (item, quiet words) by id -> view


_MADE: ContextVar[_ViewsMade | None] = ContextVar("views_made", default=None)


@contextmanager
def _views_made_once(fresh: bool = False):
    """Views made within are kept until it ends (`fresh`: kept apart from those made outside it, which stay)."""
    token = _MADE.set(_ViewsMade() if fresh else _MADE.get() or _ViewsMade())
    try:
        yield
    finally:
        _MADE.reset(token)


def _views(items, context=None, quiet=None) -> list[_View]:
    """Views of items, the words that say nothing read from `context` (the items they are chosen from), or
    given as `quiet` (`quiet_words` of the context)."""
    context = items if context is None else context
    made = _MADE.get()
    if made is None:
        furniture, common = quiet_words(context) if quiet is None else quiet
        return [_View(i, furniture.get(i.template, frozenset()) | common) for i in items]
    if quiet is None:  # the same items in any order have the same quiet words (held: their ids stay theirs)
        key = tuple(sorted(map(id, context)))
        if key not in made.quiet:
            made.quiet[key] = (list(context), quiet_words(context))
        quiet = made.quiet[key][1]
    furniture, common = quiet
    out = []
    for i in items:
        found = made.views.get((id(i), id(quiet)))
        if found is None or found[0] is not i or found[1] is not quiet:
            found = made.views[(id(i), id(quiet))] = (i, quiet, _View(i, furniture.get(i.template, frozenset())
                                                                      | common))
        out.append(found[2])
    return out


def sheet_context(course: Course, items, sheet: Sheet) -> list[Item]:
    """The items a sheet's questions are chosen from: its unit's (every unit's for the exam)."""
    # The unit first: asked for every sheet, of every item of the course, it rules out most at once.
    return [i for i in items if (sheet.is_exam or i.unit == sheet.slug) and on_sheets(course, i)]


def _holds(view: _View, phrase: str) -> bool:
    """Whether any of a view's texts holds a phrase: where none does, no choice of them joined does either (a
    phrase, a padded token run, never spans the joint), so the tests below need not join them."""
    for part, _, _ in view.parts:
        if phrase in part:
            return True
    return False


def _holds_a_cue(seer: _View, target: _View) -> bool:
    """Whether the texts of `seer` hold every phrase of some cue of `target` (each in one of them, see `_holds`)."""
    for cue in target.cues:
        for phrase in cue:
            if not _holds(seer, phrase):
                break
        else:
            return True
    return False


def _shown_cue(seer: _View, target: _View, related_words: int = 1) -> tuple[str, ...]:
    """The cue of `target` that `seer`'s visible text shows (its texts), or () when it shows none.

    A name both offer as an option tells nothing. The answer (or its surname, its abbreviation) of a question
    that offers it among its options tells something only where the text that shows it also speaks of what
    the question asks (shares `related_words` of its words or their roots, leaving out the words its template
    puts in every question and the course's topic words): "Vladimir Putin said that Taiwan ..." gives nothing
    away to "Who said that Kazakhstan was historically Russia?", but "Kassym-Jomart Tokayev is President of
    Kazakhstan" does to "Who is President of Kazakhstan?".
    """
    if not seer.facts.isdisjoint(target.facts):
        return ()
    if not target.rows and not (target.item.type == "recall" and seer.item.type in ("tf", "fact_opinion")) \
            and not _holds_a_cue(seer, target):
        return ()  # no cue in any of its texts (nor a row or a model answer that other tests find)
    if seer.offers and target.options:
        parts = [(part, raw) for part, is_option, raw in seer.parts if not (is_option and part in target.options)]
        text = "\x00".join(part for part, _ in parts)
        # A matching question that pairs a name with a description tells what it is, even where both offer it:
        # wrong options it defines are ruled out by elimination.
        defining = "\x00".join(part for part, is_option, _ in seer.parts
                                if not (is_option and part in target.options and part not in seer.defined))
    else:  # no option of `seer` is left out: every text is read, the same for either kind of cue
        parts, text = seer.read()
        defining = text
    for cue, texts in zip(target.cues, target.texts):
        if not all(phrase in (defining if len(cue) > 1 else text) for phrase in cue):
            continue
        if len(cue) == 1 and target.offers:  # its answer, or the answer's surname or abbreviation
            said = _asked_beside(target.asks, texts[0])
            if len(said) < related_words:
                continue
            shown_in = [x for part, raw in parts if cue[0] in part for x in content_words(raw)]
            if len({w for w in said if any(related(w, x) for x in shown_in)}) < related_words:
                continue
        return texts
    return _shown_row(seer, target, parts) or _shown_model_answer(seer, target, parts)


@lru_cache(maxsize=1 << 14)  # cached: a question is compared with every other that shows its answer
def _asked_beside(asks: tuple[str, ...], answer: str) -> frozenset[str]:
    """The words of what a question asks (`_View.asks`), folded, but those its answer repeats or shares a root
    with: a text that shows the answer must speak of one of these to give the question away."""
    return frozenset(fold(w) for w in asks if not any(related(w, x) for x in content_words(answer)))


ELIMINATING_WORDS = 4  # a wrong option this long, printed by another question, is ruled out by it
ROW_WORDS = 1  # words of a matching row's description that a text naming its answer must share to give it away
HALF_ANSWER_WORDS = 3  # a short answer's model answer has at least this many words a text must show half of


def _shown_row(seer: _View, target: _View, parts) -> tuple[str, ...]:
    """A matching row that `seer` gives away by naming its answer in a text that shares `ROW_WORDS` words of
    its description ("Lala Lajpat Rai, the Lion of Punjab" beside "... popularly known as the Lion of
    Punjab"; "In which year did Friedrich Risner print the Optics?" beside "the printer of the Optics"), as a
    question that offers the name among its options is given away: (the description, the name), or ()."""
    for description, name in target.rows:
        key = padded(name)
        said = {fold(w) for w in content_words(description) if fold(w) not in target.quiet} - \
            {fold(w) for w in content_words(name)}
        for part, raw in parts:
            if key.strip() and key in part:
                rest = [w for w in content_words(raw) if not any(related(w, x) for x in content_words(name))]
                if len({w for w in said if any(related(w, x) for x in rest)}) >= ROW_WORDS:
                    return (description, name)
    return ()


def _shown_model_answer(seer: _View, target: _View, parts) -> tuple[str, ...]:
    """Half or more of a short answer's model answer printed in one statement of `seer` (a true/false or
    fact-or-opinion statement asserts what it says, so it hands over half of what the answer must say): the
    words it shows, or ()."""
    if target.item.type != "recall" or seer.item.type not in ("tf", "fact_opinion"):
        return ()
    wanted = target.wanted()
    if len(wanted) < HALF_ANSWER_WORDS:
        return ()
    # A statement offers no options, so `parts` are all its texts: their words are read once (`_View.stated`).
    for said in seer.stated():
        shown = [w for w, folded in said if folded in wanted]
        if len(shown) >= HALF_ANSWER_WORDS and 2 * len(shown) >= len(wanted):
            return (" ".join(shown),)
    return ()


def _shows(seer: _View, target: _View) -> bool:
    """Whether `seer`'s visible text gives `target` away (see `_shown_cue`)."""
    return bool(_shown_cue(seer, target))


TITLE_PHRASE_WORDS = 2  # words of a phrase of the titles that a statement or model answer must repeat to be told


def _title_shows(printed: _View, target: _View) -> bool:
    """Whether the titles printed above a question (`title_item`) give it away: as any text would (`_shows`), or by
    a phrase of theirs that its true/false statement asserts or its model answer says (`_title_phrase`)."""
    return _shows(printed, target) or bool(_title_phrase(printed, target))


def _title_phrase(printed: _View, target: _View) -> str:
    """A phrase of the titles, of `TITLE_PHRASE_WORDS` words or more that say something of one question (not its
    template's words nor the course's topic), that a true/false statement's value or a short answer's model answer
    repeats: "Lala Lajpat Rai, the Lion of Punjab" above "Lala Lajpat Rai was ... popularly known as the Lion of
    Punjab" (True, whoever reads the title) or "What is the name 'Punjab Kesari'?" (the popular name meaning "Lion
    of Punjab"). Only where the titles also name what the question is about (a word of its question besides the
    phrase: "Lala Lajpat Rai", "Punjab"): a title naming the course's topic ("A New Central Asia?") tells nothing of
    a settlement "in Central Asia" that a question of another thing gives as its answer. A title naming what a
    statement is about tells nothing either ("The Great Stink" above "The Great Stink came in the hot summer of
    1858"): only its value counts. "" where there is none."""
    if target.item.type == "tf":
        said = [texts[0] for texts in target.texts if len(texts) == 2]
    elif target.item.type == "recall":
        said = [target.item.answer]
    else:
        return ""
    if not said:
        return ""
    told = tokens(printed.item.stem)
    meaningful = {fold(w) for w in content_words(printed.item.stem)} - target.quiet
    held = [padded(text) for text in said]
    for start, first in enumerate(told):
        if first not in meaningful:
            continue
        for end in range(start + 1, len(told)):
            if told[end] not in meaningful:
                continue
            phrase = told[start:end + 1]
            if sum(w in meaningful for w in phrase) < TITLE_PHRASE_WORDS:
                continue
            needle = " " + " ".join(phrase) + " "
            if not any(needle in text for text in held):
                continue
            about = {fold(w) for w in content_words(target.item.stem)} & set(told)
            if target.item.type == "tf":  # the statement holds the phrase itself
                about -= set(phrase)
            if about:
                return " ".join(phrase)
    return ""


def _cue_between(a: _View, b: _View) -> bool:
    return _shows(a, b) or _shows(b, a)


class _CueIndex:
    """Which views could cue each other, found through their words so that only those pairs are compared.

    A view shows a cue only where its text holds every word of each of the cue's phrases (phrases and texts
    are padded token runs, each held whole by one of its texts: `_holds`), so a view can show a cue only if it
    holds every word of the cue (those holding its rarest word, less those lacking another, found by set
    intersection), and the phrases whole, outside the options both offer (`_may_show`).
    `near[k]`: the views that may show a cue of view k, or whose cue view k may show; every other pair cues
    neither way. (Where many views hold the rarest word, as where a cue's words are all common ones, or where
    a question's answer is another's option, those that do not show its phrases are left out at once: testing
    a phrase costs less than comparing a pair both ways.)
    """

    def __init__(self, views: list[_View]):
        holding: dict[str, list[int]] = {}  # word -> the views whose text holds it
        stated: dict[int, frozenset[str]] = {}  # a statement's place -> the words of its text
        for k, view in enumerate(views):
            its_words = view.words
            for word in its_words:
                holding.setdefault(word, []).append(k)
            if view.item.type in ("tf", "fact_opinion"):
                stated[k] = its_words
        held: dict[str, set[int]] = {}  # the same as sets, for the words that narrow a cue's views
        self.near: list[set[int]] = [set() for _ in views]
        statements = set(stated)
        for k, view in enumerate(views):
            # A matching row is given away by a text naming its answer (`_shown_row`): its name is a cue too.
            names = [[padded(name)] for _, name in view.rows if padded(name).strip()]
            for cue in view.cues + names:
                words = [w for phrase in cue for w in phrase.split()]
                rarest = min(words, key=lambda w: len(holding.get(w, ())))
                seers: Collection[int] = holding.get(rarest, ())
                if len(seers) > 1 and len(set(words)) > 1:  # those holding every word of it, at C speed
                    common = set(seers)
                    for word in set(words) - {rarest}:
                        if word not in held:
                            held[word] = set(holding.get(word, ()))
                        common &= held[word]
                    seers = common
                for seer in seers:
                    if seer != k and _may_show(views[seer], view, cue):
                        self.near[k].add(seer)
                        self.near[seer].add(k)
        # A short answer and each statement that holds a word of its model answer (three words at least): half
        # of it, in any words, may be in the statement (`_shown_model_answer`). Found from either side, by word,
        # so that the sets are filled whole (a unit whose answers share their words makes many such pairs).
        wanting: dict[str, list[int]] = {}  # word -> the short answers whose model answer holds it
        for k, view in enumerate(views):
            if view.item.type == "recall" and len(view.wanted()) >= HALF_ANSWER_WORDS:
                for word in view.wanted():
                    wanting.setdefault(word, []).append(k)
        if wanting:
            # word -> the statements whose text holds it, for the words of the model answers
            stating = {word: [s for s in holding.get(word, ()) if s in statements] for word in wanting}
            for k, view in enumerate(views):
                if view.item.type == "recall" and len(view.wanted()) >= HALF_ANSWER_WORDS:
                    shown = set().union(*(stating[w] for w in view.wanted()))
                    shown.discard(k)
                    self.near[k] |= shown
            for s, its_words in stated.items():
                showing = set().union(*(wanting.get(w, ()) for w in its_words))
                showing.discard(s)
                self.near[s] |= showing


def _may_show(seer: _View, target: _View, cue) -> bool:
    """Whether `seer` holds each phrase of a cue of `target` in a text that `_shown_cue` reads: a name both offer
    as an option is not read, but where a longer cue's option is one `seer` defines (a matching question's name)."""
    for phrase in cue:
        for part, is_option, _ in seer.parts:
            if phrase in part and not (is_option and part in target.options
                                       and (len(cue) == 1 or part not in seer.defined)):
                break
        else:
            return False
    return True


def _pairs_to_compare(views: list[_View]) -> list[tuple[int, int]]:
    """The pairs (k, j), k < j, that may cue each other one way or the other, in the order of a loop over
    every pair."""
    near = _CueIndex(views).near
    return [(k, j) for k in range(len(views)) for j in sorted(near[k]) if j > k]


def cueing_pairs(items: list[Item] | tuple[Item, ...], context=None) -> tuple[tuple[str, str], ...]:
    """Every pair of items (by id) of which one gives the other away (`context`: see `_views`)."""
    direct, together = _cueing_pairs(items, context)
    return direct + together


def _cueing_pairs(items, context=None) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """The pairs of which one item gives the other away by itself, and those of questions that rule out a
    multiple-choice question's wrong options together (`_eliminations`; a pair not among the first)."""
    views = _views(items, context)
    pairs = [(views[k].item.id, views[j].item.id) for k, j in _pairs_to_compare(views)
             if _cue_between(views[k], views[j])]
    direct = set(pairs)
    together = []
    for target, shown in _eliminations(views).items():
        together += [(seer, target) for seer in shown if (seer, target) not in direct and (target, seer) not in direct
                     and (seer, target) not in together]
    return tuple(pairs), tuple(together)


def _eliminations(views: list[_View]) -> dict[str, dict[str, tuple[str, ...]]]:
    """Multiple-choice questions whose wrong options are each printed by some other question, though by no
    one of them alone (one question's stem names a wrong option, another's the other): by multiple-choice id,
    the questions that show them and which. A student rules every wrong option out and is left the key."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    holding: dict[str, list[int]] | None = None  # word -> the views whose text holds it, made when first needed
    defined: frozenset[str] = frozenset()  # the names any matching question defines, made with it
    for target in views:
        if target.item.type != "mcq":
            continue
        wrong = {o for k, o in enumerate(target.item.options) if k != target.item.correct}
        for cue, texts in zip(target.cues, target.texts):
            if len(cue) < 2 or set(texts) != wrong:
                continue
            if holding is None:
                holding = {}
                for k, view in enumerate(views):
                    for word in view.words:
                        holding.setdefault(word, []).append(k)
                defined = frozenset().union(*(view.defined for view in views))
            # A wrong option is ruled out only by a text naming it as a name a matching question defines, or as a
            # longer phrase (below): where one of them can be neither, the options are never all ruled out.
            if any(len(phrase.split()) < ELIMINATING_WORDS and phrase not in defined for phrase in cue):
                continue
            # Only a view whose text holds every word of a phrase can show it, so one holding its rarest word.
            seers = sorted({k for phrase in cue if phrase.split()
                            for k in holding.get(min(phrase.split(), key=lambda w: len(holding.get(w, ()))), ())})
            shown: dict[str, tuple[str, ...]] = {}
            for seer in (views[k] for k in seers):
                if seer is target or set(seer.item.fact_ids) & set(target.item.fact_ids) \
                        or not any(_holds(seer, phrase) for phrase in cue):
                    continue
                text = "\x00".join(part for part, is_option, _ in seer.parts
                                    if not (is_option and part in target.options and part not in seer.defined))
                # a name mentioned is not ruled out (Rutherford may have said it too); a name a matching question
                # defines is, and so is a longer phrase another question asks about ("What led to ...?")
                found = tuple(t for phrase, t in zip(cue, texts) if phrase in text
                              and (phrase in seer.defined or len(phrase.split()) >= ELIMINATING_WORDS))
                if found:
                    shown[seer.item.id] = found
            if len(shown) > 1 and {t for found in shown.values() for t in found} == set(texts) \
                    and all(len(found) < len(texts) for found in shown.values()):
                out[target.item.id] = shown
    return out


@dataclass(frozen=True)
class Giveaway:
    """One item's visible text showing another item's cue."""

    seer: Item  # the item whose text shows it
    target: Item  # the item it gives away
    cue: tuple[str, ...]  # the texts shown


def giveaways(items: list[Item] | tuple[Item, ...], pairs=None, context=None,
              related_words: int = 1, quiet=None) -> list[Giveaway]:
    """What gives what away among items (of one sheet), for each cueing pair (default: all of them).

    `related_words`: how many words of what a multiple-choice question asks the text that shows its answer
    must share (one on a sheet, where everything is in sight at once). `quiet`: `quiet_words(context)`, where
    the caller has read them already."""
    views = {v.item.id: v for v in _views(items, context, quiet)}
    eliminated = _eliminations(list(views.values()))
    if pairs is None:
        listed = list(views.values())
        place = {v.item.id: k for k, v in enumerate(listed)}
        # The index's pairs, and those that rule out a question's wrong options together (which no word of one
        # cue phrase finds), in the order of a loop over every pair: made as they are compared, never listed
        # all at once (the deck's cards are many, and alike cards make many pairs).
        near = _CueIndex(listed).near
        more: dict[int, set[int]] = {}
        for ruled_out, showing in eliminated.items():
            for shows in showing:
                first, second = sorted((place[shows], place[ruled_out]))
                more.setdefault(first, set()).add(second)
        pairs = ((listed[k].item.id, listed[j].item.id) for k in range(len(listed))
                 for j in sorted({j for j in near[k] if j > k} | more.get(k, set())))
    out = []
    for a, b in pairs:
        for seer, target in ((views[a], views[b]), (views[b], views[a])):
            cue = _shown_cue(seer, target, related_words)
            if not cue and seer.item.type == "title":  # a phrase of the titles that a statement asserts
                cue = tuple(p for p in (_title_phrase(seer, target),) if p)
            if not cue:  # one of the questions that together rule out every wrong option
                cue = eliminated.get(target.item.id, {}).get(seer.item.id, ())
            if cue:
                out.append(Giveaway(seer.item, target.item, cue))
    return out


class _Blanks:
    """The course's fill-in blanks, read once for every sheet's word bank."""

    def __init__(self, items):
        # The answers of cloze items, in course order, with the facts they ask.
        self.answers = [(i.cloze[1], frozenset(i.fact_ids)) for i in items if i.type == "cloze" and i.cloze]
        # For each unit, the blanks of its items (of any type that has one).
        self.by_unit: dict[str, set[str]] = {}
        for item in items:
            if item.cloze:
                self.by_unit.setdefault(item.unit, set()).add(item.cloze[1])


def _bank_extras(course: Course, slug: str, chosen: list[Item], course_blanks: _Blanks) -> tuple[str, ...]:
    """One or two word-bank entries that fill no blank and give no question on the sheet away: the blanks'
    candidates (curated, or of the blank's category), then blanks of facts the sheet does not ask."""
    blanks = [i for i in chosen if i.type == "cloze" and i.cloze]
    if len(blanks) < WORD_BANK_MIN:
        return ()
    asked = {f for i in chosen for f in i.fact_ids}
    answers = {fold(i.cloze[1]) for i in blanks if i.cloze}
    cues = [phrase for i in chosen for cue in _View(i).cues if len(cue) == 1 for phrase in cue]
    curated = [e for i in blanks for e in i.extras]
    others = [answer for answer, facts in course_blanks.answers if not facts & asked]
    in_unit = course_blanks.by_unit.get(slug, set())
    same_unit = [w for w in others if w in in_unit]
    rng = rng_for(course.slug, course.settings.seed, slug, "bank-extras")
    pools = [curated, same_unit, [w for w in others if w not in in_unit]]
    # A cue phrase inside an entry, or the entry inside a cue phrase, shares the entry's words: only the
    # phrases holding one of them are compared (phrases and entries are padded token runs).
    by_word: dict[str, list[str]] = {}
    for c in dict.fromkeys(cues):
        for word in dict.fromkeys(c.split()):
            by_word.setdefault(word, []).append(c)
    candidates: list[str] = []
    taken: set[str] = set()  # the candidates, folded
    for pool in pools:
        pool = list(dict.fromkeys(pool))
        rng.shuffle(pool)
        for word in pool:
            key = padded(word)
            if fold(word) in answers or fold(word) in taken:
                continue
            near = [c for w in dict.fromkeys(key.split()) for c in by_word.get(w, ())] if key.strip() else cues
            if any(c in key or key in c for c in near):
                continue  # the entry would answer another question on the sheet
            candidates.append(word)
            taken.add(fold(word))
    # Every blank needs another entry of its kind, or the bank answers it by kind alone (the only percentage,
    # the only person): first an entry for each blank that has none, then the usual one or two more.
    words = [i.cloze[1] for i in blanks if i.cloze]
    out: list[str] = []
    bank = _BankKinds(words)  # the bank so far (`words + out`), by kind: each blank's test is a look-up
    for blank in blanks:
        if not bank.companions(blank):
            first = next((w for w in candidates if w not in out and _BankKinds([w]).companions(blank)), None)
            if first is not None:
                out.append(first)
                bank.add(first)
    more = [w for w in candidates if w not in out][: max(0, BANK_EXTRAS - len(out))]
    out += more
    for word in more:
        bank.add(word)
    if len(out) > len(blanks) or any(not bank.companions(b) for b in blanks):
        return ()  # no bank: a blank would stand alone of its kind
    return tuple(out)


class _BankKinds:
    """A word bank's entries by their kinds, so that whether a blank has a companion in it (`bank_companions`)
    is a look-up, not a pass over the bank: a sheet of hundreds of blanks asks it for every blank."""

    def __init__(self, entries=()) -> None:
        self.by_kind: dict[str, set[str]] = {}  # entry_kind -> the entries of that kind, folded
        self.coarse: dict[str, set[str]] = {}  # an entry, folded -> the coarse kinds of the entries folding to it
        for entry in entries:
            self.add(entry)

    def add(self, entry: str) -> None:
        self.by_kind.setdefault(entry_kind(entry), set()).add(fold(entry))
        self.coarse.setdefault(fold(entry), set()).add(_coarse_kind(entry))

    def companions(self, item: Item) -> bool:
        """Whether `bank_companions(item, the bank)` would list any entry."""
        if not item.cloze:
            return False
        answer = fold(item.cloze[1])
        if any(e != answer for e in self.by_kind.get(entry_kind(item.cloze[1]), ())):
            return True
        coarse = _coarse_kind(item.cloze[1])
        return any(e != answer and coarse in self.coarse.get(e, ()) for e in {fold(x) for x in item.extras})


@lru_cache(maxsize=1 << 14)  # cached: a word bank's check asks each entry's kind once for every blank
def entry_kind(text: str) -> str:
    """The kind of a word-bank entry, as a student sorting the bank would see it: a number's kind and unit, a
    year, a date (`value_kind`); a name's family, or "name" ("J. J. Thomson", "Lakshmi Insurance Company"); else
    the family of its head noun ("law of multiple proportions" an agreement, "down quark" a quark)."""
    kind = _coarse_kind(text)
    if kind == "name":
        return name_family(text) or "name"
    if kind == "word":
        head = head_noun(text)
        return family_of(head) if head else fold(text)
    return kind


@lru_cache(maxsize=1 << 14)
def _coarse_kind(text: str) -> str:
    """A number's or date's kind (`value_kind`), else "name" for a capitalised name, else "word"."""
    kind = value_kind(text)
    if kind:
        return kind
    words = [w for w in text.split() if w[:1].isalpha()]
    return "name" if words and all(w[:1].isupper() for w in words if len(w) > 3 or w[:1].isupper()) else "word"


INTERFERING_WORDS = 2  # deck fronts that differ by at most this many words each way, answers of one kind, interfere
INTERFERING_SHARED = 3  # and share at least this many words (shorter fronts say too little to be alike)
INTERFERING_COMPARED = 32  # cards after each that it is compared with, at most (see interfering_cards)


def interfering_cards(cards: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """The pairs (k, j), k < j, of cards (front, answer) that a learner confuses: fronts alike but for at most
    `INTERFERING_WORDS` content words each way, at least `INTERFERING_SHARED` shared, and different answers of
    one kind (`entry_kind`: two years, two dates, two pumping stations). SuperMemo's rule "combat
    interference": such cards are learnt as one and recalled crossed."""
    return list(_interfering_pairs(cards))


def interfering_groups(cards: list[tuple[str, str]]) -> list[list[int]]:
    """The groups of two or more cards joined by `interfering_cards`, each in card order, by their first card.

    A group of n cards alike has n(n-1)/2 pairs (a deck of 5,000 cards alike, a million); a pair of cards already
    in one group is not compared, so n - 1 pairs tell each group."""
    group = list(range(len(cards)))

    def root(k: int) -> int:
        while group[k] != k:
            group[k] = group[group[k]]
            k = group[k]
        return k

    for k, j in _interfering_pairs(cards, joined=lambda k, j: root(k) == root(j)):
        group[root(j)] = root(k)
    members: dict[int, list[int]] = {}
    for k in range(len(cards)):
        members.setdefault(root(k), []).append(k)
    return [together for together in members.values() if len(together) > 1]


def _interfering_pairs(cards: list[tuple[str, str]], joined: Callable[[int, int], bool] | None = None):
    """`interfering_cards`'s pairs as found, leaving out a pair that `joined` says needs no comparing.

    Cost: like `_CueIndex`, only cards that share a word are compared, and only through each card's rarest
    words: two fronts that differ by at most n words of one share at least one of its n + 1 rarest (prefix
    filtering), so a word common to the whole deck (the topic) brings no pairs to compare. A deck whose fronts
    are nearly all alike (a question bank written from one pattern) would still make every pair a candidate:
    each card is compared with the `INTERFERING_COMPARED` nearest cards after it that hold its rarest words,
    which still joins a run of alike cards into one group, in time and memory linear in the cards."""
    fronts = [frozenset(fold(w) for w in content_words(front)) for front, _ in cards]
    holding: dict[str, list[int]] = {}
    for k, front in enumerate(fronts):
        for word in front:
            holding.setdefault(word, []).append(k)
    kinds: dict[int, str] = {}
    for k, front in enumerate(fronts):
        if len(front) < INTERFERING_SHARED:
            continue
        rarest = sorted(front, key=lambda w: (len(holding[w]), w))[:INTERFERING_WORDS + 1]
        candidates: set[int] = set()
        for word in rarest:
            later = bisect_right(holding[word], k)  # each word's cards are listed in order
            candidates.update(holding[word][later:later + INTERFERING_COMPARED])
        for j in sorted(candidates)[:INTERFERING_COMPARED]:
            if joined is not None and joined(k, j):
                continue
            other = fronts[j]
            if len(front - other) > INTERFERING_WORDS or len(other - front) > INTERFERING_WORDS \
                    or len(front & other) < INTERFERING_SHARED or front == other:
                continue
            (_, a), (_, b) = cards[k], cards[j]
            if fold(a) == fold(b):
                continue
            for n, answer in ((k, a), (j, b)):
                if n not in kinds:
                    kinds[n] = entry_kind(answer)
            if kinds[k] == kinds[j]:
                yield k, j


def bank_companions(item: Item, bank) -> list[str]:
    """The entries of a word bank that a student could put in an item's blank as well as its answer: of the
    answer's kind (`entry_kind`), or offered for this very blank (its curated or same-category entries) and
    alike at a glance (both names, both words, or numbers of one kind)."""
    if not item.cloze:
        return []
    answer = item.cloze[1]
    kind, coarse = entry_kind(answer), _coarse_kind(answer)
    own = {fold(e) for e in item.extras}
    return [e for e in bank if fold(e) != fold(answer)
            and (entry_kind(e) == kind or (fold(e) in own and _coarse_kind(e) == coarse))]


def select_exam_items(course: Course, items: list[Item], count: int) -> list[Item]:
    """Draw `count` items across the units, in turn, preferring items about facts not yet asked."""
    return balance_truth(course, exam_slug(course), _choose_exam_items(course, items, count)[0], items)


def _unit_sheet_items(course: Course, items: list[Item]) -> set[str]:
    """The ids of the items the unit sheets ask."""
    by_unit: dict[str, list[Item]] = {}
    for item in items:
        by_unit.setdefault(item.unit, []).append(item)
    return {i.id for slug, group in by_unit.items() for i in _choose_sheet_items(course, group, slug)[0]}


def _choose_exam_items(course: Course, items: list[Item], count: int,
                       on_units: set[str] | None = None) -> tuple[list[Item], int, tuple]:
    """The exam's items in sheet order, how many cueing pairs the choice kept apart, and the pairs left.

    An exam tests the article, not the memory of a worksheet: of a fact, it prefers an item the unit sheet
    did not ask (another template or direction), and takes one the sheets asked only when nothing else is
    left (`on_units`, the ids of the unit sheets' items)."""
    on_units = _unit_sheet_items(course, items) if on_units is None else on_units
    rng = rng_for(course.slug, course.settings.seed, exam_slug(course), "select")
    unit_order = [u.slug for u in course.units]
    pools: dict[str, list[Item]] = {}
    for item in sorted((i for i in items if on_sheets(course, i)), key=lambda i: (i.order, i.id)):
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
    views: list[_View] = []
    context = [i for pool in queues for i in pool]
    all_views = {v.item.id: v for v in _views(context)}
    asked: set[str] = set()
    deferred: list[Item] = []
    # True/false, half of whose points are guessed, at most its share of the exam; and a statement with no version
    # in the other truth (a definition nothing could be swapped into) only last: those are keyed True every time
    statements, room = 0, int(TRUE_FALSE_SHARE * count)
    last_resort: list[Item] = []
    separated = 0
    while len(picked) < count and any(queues):
        for queue in queues:
            while queue and len(picked) < count:
                item = queue.pop(0)
                if item.type == "tf" and (statements >= room or item.counterpart is None):
                    last_resort.append(item)
                    continue
                if asked.intersection(item.fact_ids) or item.id in on_units:
                    deferred.append(item)
                    continue
                view = all_views[item.id]
                cues = sum(_cue_between(view, other) for other in views)
                if cues:
                    separated += cues
                    deferred.append(item)
                    continue
                picked.append(item)
                views.append(view)
                asked.update(item.fact_ids)
                statements += item.type == "tf"
                break
    # what is left: other facts first (items the sheets did not ask before those they did), then cueing ones; true
    # and false statements after every other question
    deferred += last_resort
    for item in sorted(deferred, key=lambda i: (i.type == "tf", i.type == "tf" and i.counterpart is None,
                                                i.id in on_units)):
        if len(picked) >= count:
            break
        if not asked.intersection(item.fact_ids):
            picked.append(item)
            asked.update(item.fact_ids)
    picked += [i for i in deferred if i not in picked][: max(0, count - len(picked))]
    picked.sort(key=lambda i: (i.order, i.id))
    cueing = cueing_pairs(picked, context)
    return picked, max(0, separated - len(cueing)), cueing


# --- versions: which order ---------------------------------------------------------------


def plan_version(course: Course, sheet: Sheet, letter: str) -> Version:
    """Plan one version of a sheet: parts, question order, option order and word bank."""
    base = (course.slug, course.settings.seed, sheet.slug, letter)
    by_type = _parts_of(sheet)
    choices = _choice_orders(course, sheet, by_type.get("mcq", []), letter)
    sections = []
    number = 0
    for qtype in PART_ORDER:
        chosen = _part_order(base, qtype, by_type.get(qtype, []))
        if not chosen:
            continue
        questions = []
        for item in chosen:
            number += 1
            if qtype == "mcq":
                options, correct = choices[item.id]
                questions.append(Question(number, item, points_for(item), options=options, correct=correct))
                continue
            plan = _QUESTION_PLANS.get(item.type, _plain)
            question = plan(item, number, rng_for(*base, "item", item.id))
            if item_type(qtype).written:
                question = replace(question, answers=answers_for(item, course))
            questions.append(question)
        bank: tuple[str, ...] = ()
        if qtype == "cloze" and len(chosen) >= WORD_BANK_MIN and sheet.bank_extras:
            bank = bank_order([i.cloze[1] if i.cloze else i.answer for i in chosen] + list(sheet.bank_extras))
        sections.append(Section(qtype, ITEM_TYPES[qtype].part, tuple(questions), bank))
    units = {i.unit for i in sheet.items}
    sources = tuple(dict.fromkeys(u.source.credit() for u in course.units if u.slug in units))
    called = {u.source.called for u in course.units if u.slug in units}
    return Version(course.title, sheet.title, sheet.slug, letter, tuple(sections), course.language or "en", sources,
                   *(called if len(called) == 1 else ()))


def _parts_of(sheet: Sheet) -> dict[str, list[Item]]:
    by_type: dict[str, list[Item]] = {}
    for item in sorted(sheet.items, key=lambda i: (i.order, i.id)):
        if item.type not in PART_ORDER:
            raise ValueError(f"item '{item.id}' has type '{item.type}', which worksheets cannot print")
        by_type.setdefault(item.type, []).append(item)
    return by_type


def _part_order(base: tuple[str, ...], qtype: str, items: list[Item]) -> list[Item]:
    """A part's questions in the order of one version."""
    chosen = list(items)
    rng_for(*base, "order", qtype).shuffle(chosen)
    return chosen


def _choice_orders(course: Course, sheet: Sheet, items: list[Item], letter: str) -> dict[str, tuple[tuple, int]]:
    """Each multiple-choice question's options in this version, and its key's place.

    Numbers and dates stay in order. Every other key takes the place used least in this version, then
    least in the sheet's earlier versions, then least by the same question before, so that the keys
    spread over the places within a version, across versions, and a question moves between versions.
    The versions before `letter` are planned again to know what they used: cheap, and the same
    whatever `--versions` asks for.
    """
    sheet_places = KeyPlaces()
    own: dict[str, Counter] = {i.id: Counter() for i in items}
    out: dict[str, tuple[tuple, int]] = {}
    for version in LETTERS[: LETTERS.index(letter) + 1]:
        base = (course.slug, course.settings.seed, sheet.slug, version)
        places = KeyPlaces()
        out = {}
        order = _part_order(base, "mcq", items)

        def take(item: Item, options: tuple, place: int) -> None:  # called within this version's loop only
            out[item.id] = (options, place)  # noqa: B023
            places.add(len(options), place)  # noqa: B023
            sheet_places.add(len(options), place)
            own[item.id][place] += 1

        for item in order:  # numbers and dates first: their places are given, the others make up for them
            if (ordered := sorted_options(item)) is not None:
                windows = key_windows(item) if version != LETTERS[0] else {}
                if len(windows) > 1:
                    # in order, a key's letter follows from its value: the later versions show other spare values
                    # around it, so that the question's key moves from version to version like any other
                    rng = rng_for(*base, "item", item.id)
                    size = len(item.options)
                    place = places.choose(size, rng, sheet_places.by_size.get(size, Counter()), sheet_places.counts,
                                          own[item.id], among=windows)
                    ordered = (windows[place][0], place)
                take(item, *ordered)
        for item in order:
            if item.id in out:
                continue
            if not item.options or not 0 <= item.correct < len(item.options):
                raise ValueError(f"multiple-choice item '{item.id}' has no correct option")
            rng = rng_for(*base, "item", item.id)
            size = len(item.options)
            sheet_counts = sheet_places.by_size.get(size, Counter())
            take(item, *place_key(item, places.choose(size, rng, sheet_counts, sheet_places.counts, own[item.id]), rng))
    return out


def _shuffled_not_identity(n: int, rng) -> list[int]:
    """A seeded permutation of range(n) that, when n > 1, is not the identity."""
    perm = list(range(n))
    for _ in range(20):
        rng.shuffle(perm)
        if n < 2 or perm != list(range(n)):
            break
    return perm


def _plan_tf(item: Item, number: int, rng) -> Question:
    truth = item.correct == 0 if item.correct in (0, 1) else item.answer.strip().lower() == "true"
    return Question(number, item, points_for(item), options=("True", "False"), correct=0 if truth else 1)


def _plan_matching(item: Item, number: int, rng) -> Question:
    n = len(item.pairs)
    left_order = list(range(n))
    rng.shuffle(left_order)
    right_order = list(range(n + len(item.extras)))  # right j is pair right_order[j], or an extra past n
    rng.shuffle(right_order)
    if right_order[:n] == left_order and n > 1:  # the answer would read 1-A, 2-B, 3-C...
        right_order = right_order[1:] + right_order[:1]
    names = [b for _, b in item.pairs] + list(item.extras)
    lefts = tuple(item.pairs[p][0] for p in left_order)
    rights = tuple(names[p] for p in right_order)
    matches = tuple(right_order.index(p) for p in left_order)
    return Question(number, item, points_for(item), lefts=lefts, rights=rights, matches=matches)


def _longest_run(labels: list[str]) -> int:
    best = run = 0
    for k, label in enumerate(labels):
        run = run + 1 if k and label == labels[k - 1] else 1
        best = max(best, run)
    return best


def _plan_fact_opinion(item: Item, number: int, rng) -> Question:
    """Statements in a seeded order in which no label runs three times in a row where the labels allow it
    (O, O, O, F, F, F would be answered by the pattern): the first of some shuffles with the shortest runs."""
    labels = [label for _, label in item.pairs]
    perm = _shuffled_not_identity(len(item.pairs), rng)
    for _ in range(50):
        if _longest_run([labels[p] for p in perm]) <= 2:
            break
        other = _shuffled_not_identity(len(item.pairs), rng)
        if _longest_run([labels[p] for p in other]) < _longest_run([labels[p] for p in perm]):
            perm = other
    return Question(number, item, points_for(item), statements=tuple(item.pairs[p][0] for p in perm),
                    labels=tuple(item.pairs[p][1] for p in perm))


def _plan_ordering(item: Item, number: int, rng) -> Question:
    perm = _shuffled_not_identity(len(item.sequence), rng)  # event j of this version is sequence[perm[j]]
    return Question(number, item, points_for(item), events=tuple(item.sequence[p][1] for p in perm),
                    ranks=tuple(p + 1 for p in perm))


def _plain(item: Item, number: int, rng) -> Question:
    return Question(number, item, points_for(item))


_QUESTION_PLANS = {"tf": _plan_tf, "matching": _plan_matching, "ordering": _plan_ordering,
                   "fact_opinion": _plan_fact_opinion}
