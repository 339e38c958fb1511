"""How a cause and its effect are asked: which way round, in which tense, and whether as a choice or a short answer.

A "what led to X?" question has many right answers unless the question pins one down: a cause of one effect is
seldom the only one the source gives ("for that reason, as well as for economy's sake"), and a general cause has
many effects. So each direction is asked

- as a short answer where the curator says what else counts (the fact's `accept` or `marking`, for its cause);
- else as a choice among the same side of the unit's other causes and effects, where two or more of them are alike
  enough to offer: only the key among them fits;
- else as a short answer only where its question pins the answer down: the side in the question is clearly the
  more specific of the two (two meaningful words more: "the bursting of thick cast-iron bottles filled with
  water" asks well for "the expansion of water as it freezes", not the other way round);
- and never with a question whose whole subject is a short phrase that points at what it does not name ("the
  flame going out", "drops of water condensing on the metal"): such a fact is asked the other way round only.
"""
from __future__ import annotations

from functools import lru_cache

from ..cues import content_words
from ..grammar import lacks_antecedent, speaks_in_past
from ..model import Fact, Unit
from ..text import fold

CAUSAL_FIELDS = ("cause", "effect")


def other_side(answer_field: str) -> str:
    """The field a causal question shows when it asks for `answer_field`."""
    return "effect" if answer_field == "cause" else "cause"


def specificity(side: str) -> int:
    """How much a cause or effect says: its distinct meaningful words."""
    return len({fold(w) for w in content_words(side)})


def curated_key(fact: Fact, answer_field: str) -> bool:
    """Whether the curator says what else counts for this side: the fact's `accept` or `marking`, which are its
    cause's (the kind's `accept_field`)."""
    return answer_field == "cause" and bool(fact.accept or fact.marking)


def pins_down(fact: Fact, answer_field: str) -> bool:
    """Whether a short-answer question for this side of a fact pins its answer down (see the module's note). A
    fact that silences `open-cause` or `too-few-distractors` keeps its short answer: the curator has read it."""
    if curated_key(fact, answer_field) or {"open-cause", "too-few-distractors"} & set(fact.lint_ignore):
        return True
    shown, asked = str(fact.fields.get(other_side(answer_field)) or ""), str(fact.fields.get(answer_field) or "")
    return specificity(shown) >= specificity(asked) + CLEARLY_MORE


CLEARLY_MORE = 2  # meaningful words by which the side in a short answer's question must say more than its answer


def better_way(fact: Fact, answer_field: str) -> bool:
    """Whether this is the way round to ask a fact both of whose sides lean on what they do not name: the more
    specific side in the question, the cause asked of the effect where they are alike."""
    shown, asked = str(fact.fields.get(other_side(answer_field)) or ""), str(fact.fields.get(answer_field) or "")
    return (specificity(shown), answer_field == "cause") > (specificity(asked), answer_field != "cause")


def leaning(fact: Fact, field: str) -> list[str]:
    """The words by which a side points at what it does not name (`grammar.lacks_antecedent`)."""
    return lacks_antecedent(str(fact.fields.get(field) or ""))


def in_present(fact: Fact, unit: Unit) -> bool:
    """Whether a cause and its effect are asked in the present ("what leads to ...?"): what holds at any time, as a
    science text tells it. A dated fact is asked in the past unless its years are open ("2019-"); else the quote's
    tense decides; a quote with no finite verb ("There being no pores at the side") goes by its unit's quotes."""
    if fact.years:
        return fact.years.endswith("-")
    past = _tense(fact.quote)
    if past is not None:
        return not past
    return not _unit_in_past(unit)


_UNIT_TENSE: list = [None, False]  # the last unit read and its tense: read once per unit, not once per cause of it


def _unit_in_past(unit: Unit) -> bool:
    """Whether most of a unit's quotes that have a tense speak in the past."""
    if _UNIT_TENSE[0] is not unit:  # the unit itself, not its name: another unit of that name has other quotes
        tenses = [_tense(f.quote) for f in unit.facts]
        _UNIT_TENSE[:] = [unit, sum(t is True for t in tenses) > sum(t is False for t in tenses)]
    return _UNIT_TENSE[1]


@lru_cache(maxsize=4096)
def _tense(quote: str) -> bool | None:
    return speaks_in_past(quote)
