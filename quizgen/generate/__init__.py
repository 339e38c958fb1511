"""Turn facts into items through the question templates, and add the items drawn from several facts.

    templates.py    the sandbox, and finding and compiling templates
    questions.py    one item from one fact and template: a builder per item type
    distractors.py  wrong answers of the same slot
    wording.py      what templates know of a fact: its number, kind and the questions its phrases make
    multi.py        matching, timeline and fact-or-opinion items

All randomness comes from `rng_for`, seeded from stable ids, so the same
course always gives the same items.
"""
from __future__ import annotations

from dataclasses import replace

from jinja2 import TemplateError

from ..errors import Problems
from ..i18n import SOURCE_LANGUAGE, base_language, messages
from ..itemtypes import MULTI_TYPES
from ..model import Course, Fact, Item, Unit
from ..options import in_order
from ..text import dates_written, fold
from .distractors import SlotPools, slot_pools
from .multi import unit_items
from .questions import MAX_OPTIONS, MIN_OPTIONS, differing_span, render_item
from .templates import (
    ANY_KIND,
    QuestionTemplate,
    TemplateBudgetError,
    explain,
    facts_worded_once,
    load_templates,
    make_environment,
    template_line,
)

__all__ = ["MAX_OPTIONS", "MIN_OPTIONS", "differing_span", "generate_items", "load_templates", "make_environment"]


def generate_items(course: Course, problems: Problems | None = None) -> list[Item]:
    """Render every applicable template for every fact, plus per-unit matching and timeline items."""
    if base_language(course.language) == SOURCE_LANGUAGE:
        return _generate_items(course, problems)
    said = messages(course.language)
    # Options and answers write their dates in the course's language.
    with dates_written(course.language or "", said.date, said.decade):
        return _generate_items(course, problems)


def _generate_items(course: Course, problems: Problems | None = None) -> list[Item]:
    with facts_worded_once():
        return _generate_worded(course, problems)


def _generate_worded(course: Course, problems: Problems | None = None) -> list[Item]:
    problems = problems if problems is not None else Problems()
    env = make_environment(course.templates_dir, course.language)
    templates = load_templates(env, problems, course.language)
    pools = slot_pools(course)
    failures: dict[tuple[str, str], list[Fact]] = {}  # one message per broken template, not per fact
    exhausted: set[str] = set()  # templates that ran out of steps: not run again for every other fact
    items: list[Item] = []
    made_by: dict[str, tuple[Unit, Fact, QuestionTemplate]] = {}  # an item's id -> what it was made of
    order = 0
    for unit in course.units:
        for fact in unit.facts:
            for qt in templates.get(fact.kind, []) + templates.get(ANY_KIND, []):
                if qt.id in exhausted:
                    continue
                try:
                    item = render_item(course, unit, fact, qt, pools, problems)
                except TemplateError as exc:
                    _failed(exc, fact, qt, failures, exhausted)
                    continue
                if item is not None:
                    # A question made for worksheets alone takes the place of the one made before it, beside
                    # its fact's other questions, and no number of its own: the deck's cards keep their order
                    # (the lock records it) whatever worksheet questions a template adds.
                    order += qt.use != "sheets" or not items
                    items.append(replace(item, order=order))
                    made_by[item.id] = (unit, fact, qt)
        for item in unit_items(course, unit):
            order += 1
            items.append(replace(item, order=order))
    items = _ordered_options_apart(course, items, made_by, pools)
    for (template_id, reason), facts in failures.items():
        first = facts[0]
        also = ""
        if len(facts) > 1:
            names = ", ".join(f"'{f.id}'" for f in facts[1:4]) + (", ..." if len(facts) > 4 else "")
            also = f"; it fails the same way for {len(facts) - 1} more fact{'s' * (len(facts) > 2)} ({names})"
        problems.error(f"template '{template_id}' failed for this fact: {reason}{also}",
                       file=first.file, line=first.line, fact=first.id)
    # A question whose two options are a claim and its false version is told apart by those options.
    by_options = {qt.id for group in templates.values() for qt in group if qt.type == "mcq" and qt.false_field}
    _check_no_duplicate_stems(items, problems, by_options)
    return items


REDRAWS = 3  # rounds of drawing interfering questions' options again; each round leaves fewer of them


def _ordered_options_apart(course: Course, items: list[Item], made_by: dict[str, tuple[Unit, Fact, QuestionTemplate]],
                           pools: SlotPools) -> list[Item]:
    """The deck's multiple-choice questions of numbers or dates (options in order) drawn apart: no two show the same
    options, and neither shows the other's answer among its wrong ones where the other shows its answer ("1693,
    1694, 1695, 1696" keyed 1695 beside the same four keyed 1696): reviewed days apart, each would rehearse the
    other's answer as wrong. Each of such a pair draws its wrong options again without the other's answer (the same
    seeded draw, its own item's), for a few rounds; the first question of a pair with one answer and one set of
    options keeps them, the other drops one of its wrong ones."""
    for _ in range(REDRAWS):
        redo = _interfering(items)
        if not redo:
            break
        for item_id, values in redo.items():
            pools.avoid[item_id] = pools.avoid.get(item_id, frozenset()) | values
        scratch = Problems()  # what the first drawing said stands: only wrong values change
        for k, item in enumerate(items):
            if item.id in redo:
                unit, fact, qt = made_by[item.id]
                again = render_item(course, unit, fact, qt, pools, scratch)
                if again is not None:
                    items[k] = replace(again, order=item.order)
    return items


def _interfering(items: list[Item]) -> dict[str, frozenset[str]]:
    """The deck's questions of ordered options that interfere, each with the values (folded) to draw without."""
    asked = [i for i in items if i.type == "mcq" and i.deck and in_order(i.options) is not None]
    wrong = {i.id: {fold(o) for k, o in enumerate(i.options) if k != i.correct} for i in asked}
    by_answer: dict[str, list[Item]] = {}
    by_options: dict[frozenset[str], list[Item]] = {}
    for item in asked:
        by_answer.setdefault(fold(item.answer), []).append(item)
        by_options.setdefault(frozenset(fold(o) for o in item.options), []).append(item)
    redo: dict[str, set[str]] = {}
    for item in asked:
        key = fold(item.answer)
        for value in sorted(wrong[item.id]):
            for other in by_answer.get(value, ()):
                if other.id != item.id and key in wrong[other.id]:  # each shows the other's answer as wrong
                    redo.setdefault(item.id, set()).add(value)
        same = by_options[frozenset(fold(o) for o in item.options)]
        for other in same:
            if other.order < item.order and fold(other.answer) == key:  # one answer, one set: the later moves
                redo.setdefault(item.id, set()).add(min(wrong[item.id]))
    return {item_id: frozenset(values) for item_id, values in redo.items()}


def _failed(exc: TemplateError, fact: Fact, qt: QuestionTemplate, failures: dict[tuple[str, str], list[Fact]],
            exhausted: set[str]) -> None:
    """Note a template that failed for a fact, to report once per template and reason."""
    line = template_line(qt)
    reason = f"{explain(exc, fact.kind)} (template {qt.file}{f', line {line}' if line else ''})"
    failures.setdefault((qt.id, reason), []).append(fact)
    if isinstance(exc, TemplateBudgetError):
        exhausted.add(qt.id)


def _check_no_duplicate_stems(items: list[Item], problems: Problems, by_options: set[str]) -> None:
    seen: dict[str, Item] = {}
    for item in items:
        if item.type in MULTI_TYPES or item.type == "tf":
            continue
        options = sorted(fold(o) for o in item.options) if item.template in by_options else []
        key = "\x00".join([fold(item.stem), item.type, *options])
        if key in seen:
            problems.warning(f"asks the same question as '{seen[key].id}': {item.stem}", fact=item.fact_ids[0],
                             item=item.id, code="duplicate-question")
        seen.setdefault(key, item)
