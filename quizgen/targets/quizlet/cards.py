"""Quizlet: the Anki deck's cards as Quizlet's "Import" box reads them.

One card per line, the term and its definition separated by a tab:

    <the card's question>\t<its answer>

The cards are the deck's notes (`quizgen.cards`), each once: Quizlet
shows either side of a card, so the deck's reversed cards need no line of their
own. A multiple-choice note gives its question and answer without the options
(Quizlet makes its own choices from the set's other cards), unless the question
needs its options to mean anything (`carried`); a fill-in note its sentence with
the blank. Explanations and sources have no place in the format.
A tab or line break inside a text would split the card, so each becomes a space.
"""
from __future__ import annotations

from ...model import CLOZE_BLANK, Item
from ..exports import cloze_parts, model_answer


def carried(item: Item) -> bool:
    """Whether a deck note makes a Quizlet card. A choice between the article's words and a false version (two
    options), or one whose question is a sentence with a blank where the options go, asks nothing once its
    options are gone ("Henry Purcell was _____." admits any answer), so it stays out."""
    return not (item.type == "mcq" and (len(item.options) == 2 or CLOZE_BLANK in item.stem))


def card(item: Item) -> tuple[str, str]:
    """A deck note as a Quizlet card: (term, definition)."""
    if item.type == "cloze":
        prompt, before, after = cloze_parts(item)
        term = " ".join(t for t in (prompt, f"{before}_____{after}") if t)
    else:
        term = item.written_stem or item.stem  # Quizlet shows none of the options: "Who ...?", not "Which of these"
    answer = item.options[item.correct] if item.type == "mcq" and 0 <= item.correct < len(item.options) \
        else model_answer(item)
    return one_line(term), one_line(answer)


def one_line(text: str) -> str:
    """Text without the tabs and line breaks that separate Quizlet's terms and cards."""
    return " ".join(text.replace("\t", " ").splitlines()).strip()


def render_quizlet(cards: tuple[tuple[str, str], ...]) -> bytes:
    """The text to paste into Quizlet's import box."""
    return "".join(f"{term}\t{definition}\n" for term, definition in cards).encode("utf-8")
