"""The deck's plan: which items become flashcards, and in which directions.

Target-independent, like the worksheets' plan (`plan.py`): the Anki target renders this plan as notes, the
Quizlet target as sets, and the lint reads it to find cards that give each other away. Imports no rendering
library.

A card is seen alone, days apart from the others, so the deck keeps one card per association: of a fact's
items, written answers (cloze, recall) before multiple choice, none that states the answer of a card already
kept, no two cards with the same question, and no answer too long to recall as one piece. A person's or a
term's note has a reversed card (its answer asks for its question) where the course's `reverse_cards` setting
keeps them.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .answers import too_long_to_recall
from .cues import padded
from .itemtypes import holds
from .model import Course, Item
from .text import fold

LEFT_OUT_REASONS = ("true-false", "sheets", "long", "repeats", "same-front")  # why a card is left out
_DECK_PRIORITY = {"cloze": 0, "recall": 1, "mcq": 2}  # within a fact: recall before recognition


def plan_deck(course: Course, items) -> DeckSelection:
    """The deck of a course's items: its notes, each with a reversed card where the course keeps them."""
    if not course.settings.reverse_cards:
        items = [replace(item, reverse=None) if item.reverse else item for item in items]
    return select_deck_items(items)


@dataclass(frozen=True)
class LeftOut:
    """A card the deck leaves out: its item, which direction, why (one of `LEFT_OUT_REASONS`), and the item it
    repeats."""

    item: Item
    reason: str
    reverse: bool = False  # only the item's reversed card is left out
    other: str = ""  # for "repeats" and "same-front": the item whose card is kept


@dataclass(frozen=True)
class DeckSelection:
    """The deck's plan: the items that become notes, and the cards left out with the reason."""

    items: list[Item]  # the items that become notes, in item order, a reversed card only where it is kept
    left_out: list[LeftOut]


def select_deck_items(items) -> DeckSelection:
    """Choose the items that become notes and their directions, in item order, and say what is left out.

    Never: the types the deck does not hold (`quizgen.itemtypes`: items drawn from several facts need a page,
    and a true/false card would rehearse a false statement whenever it came up false), items whose template
    is for worksheets only, and cards whose answer is too long to recall as one piece, in either direction
    (such answers are graded in parts on worksheets). Of one fact's other items, a card is left out when it would
    state the answer of a card already kept (its front contains that answer, or it asks for the
    same answer): the learner would rehearse one association twice, the second time with the answer
    in sight. Written answers (cloze, recall) are kept before multiple choice, and items made for the
    deck alone come last. Across the deck, no two cards ask the same question: the first in course
    order is kept.
    """
    left_out: list[LeftOut] = []
    by_fact: dict[str, list[Item]] = {}
    for item in items:
        if not item.fact_ids:
            continue
        if item.type == "tf":
            left_out.append(LeftOut(item, "true-false"))
        elif not holds("anki", item.type) or not item.deck:
            left_out.append(LeftOut(item, "sheets"))
        elif too_long_to_recall(cards_of(item)[0][1]):
            left_out.append(LeftOut(item, "long"))
        else:
            if item.reverse and too_long_to_recall(item.reverse[1]):
                left_out.append(LeftOut(item, "long", reverse=True))
                item = replace(item, reverse=None)
            by_fact.setdefault(item.fact_ids[0], []).append(item)
    kept: list[Item] = []
    for group in by_fact.values():
        chosen: list[Item] = []
        for item in sorted(group, key=lambda i: (i.sheets is False, _DECK_PRIORITY.get(i.type, 3), i.order, i.id)):
            repeated = next((other for other in chosen
                             if _states_answer(item, other) or _states_answer(other, item)), None)
            if repeated is None:
                chosen.append(item)
            else:
                left_out.append(LeftOut(item, "repeats", other=repeated.id))
        kept += chosen
    asked: dict[str, str] = {}  # a card's question, folded -> the item whose card asks it
    selected: list[Item] = []
    for item in sorted(kept, key=lambda i: (i.order, i.id)):
        question = fold(item.stem)
        if question in asked:
            left_out.append(LeftOut(item, "same-front", other=asked[question]))
            continue
        asked[question] = item.id
        if item.reverse:
            question = fold(item.reverse[0])
            if question in asked:
                left_out.append(LeftOut(item, "same-front", reverse=True, other=asked[question]))
                item = replace(item, reverse=None)
            else:
                asked[question] = item.id
        selected.append(item)
    return DeckSelection(selected, left_out)


def deck_items(items) -> list[Item]:
    """The items that become notes, in item order, each with a reversed card only where the deck keeps one."""
    return select_deck_items(items).items


def cards_of(item: Item) -> list[tuple[str, str]]:
    """(front text, answer) of each card of an item's note, in plain text."""
    if item.type == "cloze" and item.cloze:
        cards = [(f"{item.cloze[0]} {item.cloze[2]}", item.cloze[1])]
    else:
        cards = [(" ".join([item.stem, *item.options]), item.answer)]
    if item.reverse:
        cards.append(item.reverse)
    return cards


def _states_answer(item: Item, other: Item) -> bool:
    """Whether a card of `item` shows, or asks for, the answer of a card of `other`."""
    for front, _ in cards_of(item):
        shown = padded(front)
        for _, answer in cards_of(other):
            if padded(answer).strip() and padded(answer) in shown:
                return True
    answers = {padded(a) for _, a in cards_of(item)}
    return any(padded(a) in answers for _, a in cards_of(other))
