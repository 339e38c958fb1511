"""The order of a multiple-choice question's options, wherever they are shown in a fixed order.

Numbers and dates are listed in order, earliest or smallest first ("1984, 1986, 1987, 1991"), as a
teacher would write them: the key's place then follows from the values alone, and where such keys crowd
a letter, a question shows some of its spare values instead (`spread_ordered`). The keys of every
other question are spread evenly over the places (A, B, C, D), counting the places the ordered
questions took, so no letter is "usually right". Each output that shows options in a fixed order
arranges the questions it shows: the worksheets per version (`plan.py`, counting every earlier
version of the sheet too), the Anki deck over its cards, the web quiz's page for readers without
JavaScript. All randomness comes from `rng_for`, one generator per question.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from .answers import DASHES, ENGLISH_NUMBERS, numbers_to_digits
from .model import Item
from .precision import MONTH_NUMBERS
from .rng import rng_for

_MONTH_NAMES = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
_VALUE = re.compile(
    rf"(?P<dmy>(?:(?P<d1>\d{{1,2}}) )?(?P<m1>{_MONTH_NAMES})(?: (?P<d2>\d{{1,2}}),?)? (?P<y1>\d{{3,4}}))"
    rf"|(?P<ydm>(?P<y3>\d{{3,4}}) жылғы (?:(?P<d3>\d{{1,2}}) )?(?P<m3>{_MONTH_NAMES}))"
    r"|(?P<decade>(?:(?P<part>early|mid|late)[ -])?(?P<y2>\d{3})0s)"
    r"|(?P<number>\d+(?:\.\d+)?)(?:st|nd|rd|th)?",
    re.I)
_DECADE_PART = {None: 0.0, "early": 0.2, "mid": 0.5, "late": 0.8}


def _value(match: re.Match) -> float:
    if match.group("dmy"):
        month = MONTH_NUMBERS[match.group("m1").lower()]
        day = int(match.group("d1") or match.group("d2") or 1)
        return int(match.group("y1")) + (month - 1) / 12 + (day - 1) / 372
    if match.group("ydm"):  # Kazakh: "1991 жылғы 16 желтоқсан"
        month = MONTH_NUMBERS[match.group("m3").lower()]
        return int(match.group("y3")) + (month - 1) / 12 + (int(match.group("d3") or 1) - 1) / 372
    if match.group("decade"):
        part = match.group("part")
        return int(match.group("y2")) * 10 + _DECADE_PART[part.lower() if part else None]
    return float(match.group("number"))


@lru_cache(maxsize=1 << 14, typed=True)  # cached: each version of a sheet orders the same options again
def order_key(text: str) -> tuple[str, tuple[float, ...]] | None:
    """A text's numbers and dates, and the words around them (its frame); None when it has none.

    "28 April 2022" and "1984" have the frame "#"; "13 kilometres" has "# kilometres"; "the early
    1990s" has "#" (a leading "the" does not count); "1984-1986" and "1984–1986" have "#-#". Number
    words count as their digits ("two hundred").
    """
    words = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", " ".join(str(text).split())).split(" ")
    text = " ".join(numbers_to_digits([w.lower() if w.isalpha() else w for w in words], ENGLISH_NUMBERS))
    values: list[float] = []
    frame = _VALUE.sub(lambda m: values.append(_value(m)) or "#", text)
    if not values:
        return None
    frame = " ".join(re.sub(f"[{DASHES}]", "-", frame.lower()).split())
    return re.sub(r"^the ", "", frame), tuple(values)


def in_order(options: Sequence[str]) -> list[int] | None:
    """The options' indexes in ascending order, when every option is a number or date of one frame; else None."""
    keys = [order_key(o) for o in options]
    if len(options) < 2 or any(k is None for k in keys) or len({k[0] for k in keys}) != 1:
        return None
    return sorted(range(len(options)), key=lambda i: keys[i][1])


class KeyPlaces:
    """How often each place (A = 0, B = 1, ...) has held a key, among questions of each number of options and
    among all, and the next place to give one."""

    def __init__(self) -> None:
        self.counts: Counter[int] = Counter()  # every question's
        self.by_size: dict[int, Counter[int]] = {}

    def add(self, size: int, place: int) -> None:
        self.counts[place] += 1
        self.by_size.setdefault(size, Counter())[place] += 1

    def choose(self, size: int, rng, *also: Counter, among: Iterable[int] | None = None) -> int:
        """The place used least by questions of `size` options, then by all questions (ties: by the counters
        `also`, in turn, then at random), of all places or of those `among`."""
        same = self.by_size.get(size, Counter())
        places = sorted(among) if among is not None else list(range(size))

        def key(place: int) -> tuple[int, ...]:
            return (same[place], self.counts[place]) + tuple(c[place] for c in also)

        best = min(key(p) for p in places)
        return rng.choice([p for p in places if key(p) == best])


def place_key(item: Item, place: int, rng) -> tuple[tuple[str, ...], int]:
    """The item's options with the key at `place`, the wrong options in a seeded order."""
    right = item.options[item.correct]
    wrong = [o for k, o in enumerate(item.options) if k != item.correct]
    rng.shuffle(wrong)
    place = place if 0 <= place < len(item.options) else 0
    wrong.insert(place, right)
    return tuple(wrong), place


def sorted_options(item: Item) -> tuple[tuple[str, ...], int] | None:
    """The item's options in ascending order and the key's place among them, when they are numbers or dates."""
    order = in_order(item.options)
    if order is None:
        return None
    return tuple(item.options[i] for i in order), order.index(item.correct)


def spread_ordered(items: Iterable[Item], rng) -> list[Item]:
    """The items, those multiple-choice questions of numbers or dates whose keys crowd a letter showing spare
    values (`Item.extras`) in place of some options, to move their keys.

    Listed in order, numbers and dates give their keys' letters by their values: three answers that are each
    the latest of their values key D, D, D. Where the ordered questions of one number of options put two keys
    more on one letter than on another (among themselves, not among every question of that many options, whose
    other keys could even out the letters while no date is ever keyed the latest, a place a test-wise student
    then crosses out: eleven dates keyed 1, 6, 4, 0), each of them whose spare values allow it
    takes the letter (of those its values can give it) that the ordered questions before it used least, its own
    where that is one of them and no other of them is a place fewer questions left can take (ties: by `rng`),
    showing the nearest values below and above its key; those with the fewest places to choose from go first.
    Elsewhere nothing changes, so an output that keeps what it showed before (a deck's notes) keeps it."""
    items = list(items)
    ordered: dict[int, list[tuple[int, Item, tuple[str, ...], int]]] = {}
    for k, item in enumerate(items):
        if item.type != "mcq" or not 0 <= item.correct < len(item.options):
            continue
        found = sorted_options(item)
        if found is not None:
            ordered.setdefault(len(item.options), []).append((k, item, *found))
    for size, group in sorted(ordered.items()):
        counted = Counter(place for *_, place in group)
        if max(counted.values()) - min(counted[p] for p in range(size)) <= 1:
            continue  # as even as they can be: no place holds two more than another
        windows = {k: key_windows(item) or {place: (shown, item.extras)} for k, item, shown, place in group}
        used: Counter[int] = Counter()
        reach = Counter(p for k, *_ in group for p in windows[k])  # the questions left that can key each place
        for k, item, _, place in sorted(group, key=lambda g: (len(windows[g[0]]), g[1].order, g[1].id)):
            reach.subtract(list(windows[k]))
            least = min(used[p] for p in windows[k])
            # of the places used least, those the questions left can reach least (the latest, often)
            lows = [p for p in windows[k] if used[p] == least]
            best = sorted(p for p in lows if reach[p] == min(reach[q] for q in lows))
            if place not in best:
                place = rng.choice(best)
                items[k] = with_key_at(item, place, windows[k][place])
            used[place] += 1
    return items


def key_windows(item: Item) -> dict[int, tuple[tuple[str, ...], tuple[str, ...]]]:
    """The places an ordered question's key can take with its spare values, each with the options in order (the
    nearest values below and above the key) and the values left spare; {} for a question not of numbers or
    dates."""
    key = item.options[item.correct]
    values = [o for j, o in enumerate(item.options) if j != item.correct] + list(item.extras)
    order = in_order([key, *values])
    if order is None:
        return {}
    at = order.index(0)
    below = [values[j - 1] for j in order[:at]]  # ascending, the nearest last
    above = [values[j - 1] for j in order[at + 1:]]  # ascending, the nearest first
    wrong = len(item.options) - 1
    out = {}
    for k in range(max(0, wrong - len(above)), min(wrong, len(below)) + 1):
        options = tuple((below[len(below) - k:] if k else []) + [key] + above[: wrong - k])
        out[k] = (options, tuple(v for v in values if v not in options))
    return out


def with_key_at(item: Item, place: int, window: tuple[tuple[str, ...], tuple[str, ...]]) -> Item:
    """The item showing a window of its values (`key_windows`), its key at `place`, and its cue of every wrong
    option (what rules the key in by elimination) the wrong options it now shows."""
    options, spare = window
    wrong = tuple(o for j, o in enumerate(options) if j != place)
    old_wrong = {o for j, o in enumerate(item.options) if j != item.correct}
    cue = tuple(wrong if set(c) == old_wrong and len(c) == len(old_wrong) else c for c in item.cue)
    return replace(item, options=options, correct=place, extras=spare, cue=cue)


def arrange_options(items: Iterable[Item], *seed: str,
                    shown: Mapping[str, Sequence[str]] | None = None) -> list[Item]:
    """The items with their multiple-choice options arranged: numbers and dates in order, every other
    key on the place used least so far among these items (ties at random, seeded by `seed` and the item).

    `shown` gives, by item id, the order an item's options were shown in before (the Anki deck's lock
    records it): an item whose options are still those keeps that order as long as its key's place holds
    no more than its share of the keys of questions with as many options, so that an edit moves no other
    question's options, while a deck built before the keys were spread gets spread once.
    """
    items = spread_ordered(items, rng_for(*seed, "ordered-keys"))
    places = KeyPlaces()
    arranged: dict[int, tuple[tuple[str, ...], int]] = {}
    choice = [k for k, item in enumerate(items) if item.type == "mcq" and 0 <= item.correct < len(item.options)]
    sizes = Counter(len(items[k].options) for k in choice)
    for k in choice:
        ordered = sorted_options(items[k])
        if ordered is not None:
            arranged[k] = ordered
            places.add(len(items[k].options), ordered[1])
    for k in choice:
        before = tuple((shown or {}).get(items[k].id) or ())
        item = items[k]
        if k in arranged or sorted(before) != sorted(item.options):
            continue
        place = before.index(item.options[item.correct])
        share = -(-sizes[len(before)] // len(before))  # the keys per place, rounded up
        if places.by_size.get(len(before), Counter())[place] < share:
            arranged[k] = (before, place)
            places.add(len(before), place)
    for k in choice:
        if k not in arranged:
            rng = rng_for(*seed, "options", items[k].id)
            place = places.choose(len(items[k].options), rng)
            arranged[k] = place_key(items[k], place, rng)
            places.add(len(items[k].options), place)
    return [replace(item, options=arranged[k][0], correct=arranged[k][1]) if k in arranged else item
            for k, item in enumerate(items)]


_MAGNITUDES = frozenset("hundred thousand million billion trillion quadrillion quintillion sextillion dozen".split())
_QUALIFIERS = frozenset("about around almost nearly over under some roughly approximately more than less fewer by "
                        "to and or from between the a".split())


def value_kind(text: str) -> str:
    """The kind of a number or date written as text, for telling which word-bank entries could fill one blank:
    "date" (a day, month or decade), "year" (1000-2100 on its own), "number" (a count, "1,700", "2 sextillion"),
    else "number" and its unit ("number picometers", "number %", "number kev"); "" for a text with no number."""
    key = order_key(text)
    if key is None or not re.search(r"(?<![^\W_])\d|^\W*[a-z]+(?: [a-z]+)*\W*$", text):
        return ""  # "word1", "U235": a name with a digit in it, not a number
    frame, values = key
    if re.search(rf"\b(?:{_MONTH_NAMES})\b|\d0s\b", text, re.I):
        return "date"
    units = [w for w in re.findall(r"[^\W\d_#]+|%", frame) if w not in _QUALIFIERS and w not in _MAGNITUDES]
    if not units and len(values) == 1 and values[0].is_integer() and 1000 <= values[0] <= 2100 \
            and re.fullmatch(r"\D*\d{4}\D*", text):
        return "year"
    return " ".join(["number", *units[-1:]])


def bank_order(entries: Iterable[str]) -> tuple[str, ...]:
    """A word bank's entries as a teacher lists them: numbers and dates first, smallest first, then words in
    alphabetical order."""
    from .text import fold

    def key(entry: str) -> tuple:
        found = order_key(entry)
        return (0, found[1], fold(entry)) if found else (1, (), fold(entry))

    return tuple(sorted(entries, key=key))
