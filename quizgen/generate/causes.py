"""How a cause and its effect are asked: which way round, in which tense, and whether as a choice or a short answer.

A "what led to X?" question has many right answers unless the question pins one down: a cause of one effect is
seldom the only one the source gives ("for that reason, as well as for economy's sake"), and a general cause has
many effects. So each direction is asked

- as a short answer where the curator says what else counts (the fact's `accept` or `marking`, for its cause);
- else as a choice among the same side of the unit's other causes and effects, where two or more of them are alike
  enough to offer: only the key among them fits;
- else as a short answer only where its question pins the answer down: the side in the question is clearly the
  more specific of the two (two meaningful words more: "the bursting of thick cast-iron bottles filled with
  water" asks well for "the expansion of water as it freezes", not the other way round), and, for a cause, the
  sentence beside its quote gives no other cause of the effect ("The problem had been mounting for years, with
  an aging sewer system emptying into the river" beside "the hot weather made the smell worse");
- and never with a question whose whole subject is a short phrase that points at what it does not name ("the
  flame going out", "drops of water condensing on the metal"): such a fact is asked the other way round only.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..cues import content_words
from ..grammar import lacks_antecedent, line_sentences, speaks_in_past
from ..model import Fact, Unit
from ..text import fold, normalise

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


def pins_down(fact: Fact, answer_field: str, unit: Unit | None = None) -> bool:
    """Whether a short-answer question for this side of a fact pins its answer down (see the module's note); a
    cause does not where the sentence beside its quote gives another cause of the effect (`other_cause_in_text`,
    read in `unit`). A fact that silences `open-cause` or `too-few-distractors` keeps its short answer: the curator
    has read it."""
    if curated_key(fact, answer_field) or {"open-cause", "too-few-distractors"} & set(fact.lint_ignore):
        return True
    if answer_field == "cause" and unit is not None and other_cause_in_text(fact, unit):
        return False
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


# Words by which a sentence gives a cause ("because of", "due to", "was blamed on"), and the absolute construction
# that gives the circumstances of a state ("with an aging sewer system emptying into the Thames").
_CAUSAL_WORDS = re.compile(
    r"\b(?:because|due to|owing to|caused by|as a result of|results? (?:from|in)|resulted (?:from|in)|led to|"
    r"leads? to|leading to|blamed on|thanks to|brought (?:about|on)|contribut(?:ed|es|ing) to)\b", re.I)
_WITH_ING = re.compile(r"\bwith\s+(?:[\w-]+\s+){1,8}?[a-z]+ing\b", re.I)
# A sentence that speaks of the sentence before it by a general noun or a pronoun as its subject ("The problem had
# been mounting ...", "This was made worse ...").
_ANAPHOR = re.compile(r"^[\"“]?(?:the (?:problem|situation|crisis|issue|trouble|condition|difficulty|state)|"
                      r"this|these|that|it|such)\b", re.I)


def other_cause_in_text(fact: Fact, unit: Unit) -> str:
    """A sentence beside a cause's quote, in the same paragraph of the unit's source, that gives another cause of its
    effect, or "": it speaks of the effect (by two of its distinctive words, or by "the problem", "this" as its
    subject), gives a cause ("because", "due to", "blamed on", "with ... emptying ..."), and names nothing of the
    fact's own cause. "What led to a worse smell on the banks of the Thames?", keyed "the hot weather of 1858",
    beside "The problem had been mounting for some years, with an aging sewer system emptying into the Thames":
    the old sewers answer the question as well."""
    paragraphs = unit.source.paragraphs
    if fact.kind != "cause_effect" or not fact.quote or not 1 <= fact.paragraph <= len(paragraphs):
        return ""
    sentences = line_sentences(paragraphs[fact.paragraph - 1])
    quote = normalise(fact.quote)
    own = next((k for k, s in enumerate(sentences) if quote in normalise(s)), -1)
    if own < 0:
        return ""
    cause, effect = str(fact.fields.get("cause") or ""), str(fact.fields.get("effect") or "")
    cause_words = {fold(w)[:5] for w in content_words(cause)}
    effect_words = {fold(w)[:5] for w in content_words(effect)} - cause_words
    for k in (own - 1, own + 1):
        if not 0 <= k < len(sentences):
            continue
        sentence = sentences[k]
        said = {fold(w)[:5] for w in content_words(sentence)}
        if said & cause_words:
            continue  # the same cause, told again
        about = (k == own + 1 and _ANAPHOR.match(sentence)) or len(said & effect_words) >= 2
        if about and (_CAUSAL_WORDS.search(sentence) or _WITH_ING.search(sentence)):
            return sentence
    return ""
