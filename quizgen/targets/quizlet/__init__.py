"""Quizlet: the Anki deck's cards, one text file per unit, to paste into Quizlet's import box.

    quizlet/<unit>.txt    term TAB definition, one card per line

`cards.py` says how a note becomes a card.
"""
from __future__ import annotations

from .. import Job, Output, Target, Task

LABEL = "Quizlet"


class QuizletTarget(Target):
    name = "quizlet"
    title = "Quizlet flashcard sets"
    task_modules = ("quizgen.targets.quizlet.cards",)

    def describe(self, job: Job) -> list[str]:
        from .cards import carried

        notes = [i for i in job.deck.items if carried(i)]
        left = len(job.deck.items) - len(notes)
        reversed_ = sum(1 for i in notes if i.reverse)
        choices = sum(1 for i in notes if i.type == "mcq")
        line = f"{LABEL}: {len(notes)} cards, one per note of the Anki deck that asks something without options"
        notes_ = []
        if left:
            notes_.append(f"{left} choice cards left out (their question needs its options: two statements, or a "
                          f"blank where the options go)")
        if reversed_:
            notes_.append(f"{reversed_} reversed cards not repeated (Quizlet shows either side)")
        if choices:
            notes_.append(f"options of {choices} multiple-choice cards not carried (Quizlet makes its own)")
        notes_.append("explanations and sources not carried")
        return [line + "; " + "; ".join(notes_)]

    def tasks(self, job: Job) -> list[Task]:
        from .cards import card, carried

        by_unit: dict[str, list] = {}
        for item in job.deck.items:
            if carried(item):
                by_unit.setdefault(item.unit, []).append(card(item))
        known = [u.slug for u in job.course.units]
        order = [u for u in known if u in by_unit] + [u for u in by_unit if u not in known]
        return [Task(f"{LABEL}, {unit}", (f"quizlet/{unit}.txt",), render_file,
                     (tuple(by_unit[unit]), f"quizlet/{unit}.txt"), group=unit) for unit in order]


TARGET = QuizletTarget()


def render_file(cards, path: str) -> Output:
    """One unit's Quizlet cards, as the target's output."""
    from .cards import render_quizlet

    return Output({path: render_quizlet(cards)})
