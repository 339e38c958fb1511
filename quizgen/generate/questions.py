"""One item from one fact and one question template: a builder per item type, behind a dispatch table.

`BUILDERS` maps the type a template declares to the function that renders its blocks for a fact and returns
a `Draft`: the item's type (a multiple-choice question without enough wrong answers becomes a short answer),
its question, answer, options, and what would give it away. `render_item` then does what every item shares:
the explanation, the checks of the question, the accepted answers and the citation.

A template that fails raises its TemplateError to the caller (`generate_items`), which reports it once per
template.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import Any

from .. import schema
from ..answers import enumeration_parts
from ..cues import (
    STOPWORDS,
    absolute_words_added,
    changed_runs,
    contains_phrase,
    content_words,
    echoed_words,
    key_stands_out,
    padded,
    surname,
)
from ..cues import words as word_list
from ..errors import Problems
from ..grammar import (
    article_before_blank,
    bare,
    common_head_plural,
    ends_with_determiner,
    fits_determiner,
    form_echoes,
    head_index,
    head_noun,
    is_determined,
    is_plural_phrase,
    leaning_words,
    tokens,
    unnamed_pairs,
    without_source_places,
)
from ..itemtypes import WRITTEN_TYPES
from ..kinds import script_of
from ..languages import language_for
from ..lexicon import parts_of_speech
from ..model import CLOZE_BLANK, Citation, Course, Fact, Item, Unit
from ..options import in_order
from ..precision import YEAR_RE
from ..rng import rng_for
from ..text import fold, sentence_case
from .causes import CAUSAL_FIELDS, better_way, curated_key, in_present, other_cause_in_text, other_side, pins_down
from .causes import leaning as side_leaning
from .distractors import (
    Gate,
    SlotPools,
    asked_iso,
    bank_candidates,
    day_or_year,
    display,
    distractors,
    name_cue,
    name_slots,
    names_in,
    near_dates,
    other_forms,
)
from .templates import AUTHOR, QuestionTemplate, fact_context, render_block
from .wording import asked, event_question

MAX_OPTIONS = 4
MIN_OPTIONS = 3
Cue = tuple[tuple[str, ...], ...]


@dataclass
class Asking:
    """One fact asked by one template: what every builder reads."""

    course: Course
    unit: Unit
    fact: Fact
    qt: QuestionTemplate
    pools: SlotPools
    problems: Problems
    item_id: str
    ctx: dict[str, Any]  # what the template's blocks see; builders add `value`, `shared_start`, ...
    raw: Any  # the value of the template's answer field
    answer: str  # as questions print it (dates in words)
    slot: str | None  # the distractor slot of the answer field

    @property
    def english(self) -> bool:
        return language_for(self.fact.language).english

    def rng(self, purpose: str):
        return rng_for(self.course.slug, self.course.settings.seed, self.item_id, purpose)

    def render(self, block: str, **changes: Any) -> str:
        return render_block(self.qt, block, {**self.ctx, **changes} if changes else self.ctx)

    @property
    def described_twice(self) -> bool:
        """Whether other facts describe the name this fact describes, or say something else of it in its unit
        (`said.said_elsewhere`), or the name lists several ("Rajguru, Thapar and Azad", each with deeds of their
        own), so "its" role or definition is not one."""
        kind = schema.kind_of(self.fact)
        name = str(self.fact.fields.get(kind.name_field) or "") if kind.name_field else ""
        return bool(name) and (fold(name) in self.pools.described_twice or self.fact.id in self.pools.said_elsewhere
                               or enumeration_parts(name) > 1)

    def not_asked(self, message: str, code: str) -> None:
        """Note, at the fact, why this template does not ask it (or not this way); None, for the caller to return."""
        self.problems.note(message, file=self.fact.file, line=self.fact.line, fact=self.fact.id, item=self.item_id,
                           code=code)


@dataclass(frozen=True)
class Draft:
    """What a builder made of a fact: the item before what every item shares."""

    type: str
    stem: str
    answer: str
    options: tuple[str, ...] = ()
    correct: int = -1
    cloze: tuple[str, str, str] | None = None
    reverse: tuple[str, str] | None = None
    cue: Cue = ()
    other: tuple[str, str, Cue] | None = None  # true/false: the statement of the other truth, its value, its cue
    written_stem: str = ""  # multiple choice: the question asked without options, where its words differ
    spare: tuple[str, ...] = ()  # multiple choice: wrong values it could show instead (`_spare_values`, ...)
    why_false: str = ""  # true/false with another's value: what the article says of both, for the false one's key
    unsound: str = ""  # a two-statement card: why its blank cannot be asked (`unsound_blank`); the card is left out


# --- the builders, one per item type a template may declare --------------------------------------------


def build_cloze(a: Asking) -> Draft | None:
    """Fill in the blank: the answer field's sentence, its [[blank]] hidden; for a template that asks where a claim
    and its false version differ, the claim with that point hidden (`difference_blank`)."""
    if a.qt.false_field and a.qt.ask == "difference":
        return difference_blank(a)
    match = schema.BLANK_RE.search(str(a.raw))
    before, answer, after = a.raw[: match.start()], match.group(1), a.raw[match.end():]
    if a.course.language == "en":
        before = article_before_blank(before)
    cloze = (sentence_case(before) if before.strip() else before, answer, after)
    stem = a.render("stem") if "stem" in a.qt.template.blocks else ""
    return Draft("cloze", stem or f"{cloze[0]}{CLOZE_BLANK}{after}", answer, cloze=cloze, cue=((answer,),))


BLANK_WORDS = 6  # a claim's point of difference asked as a blank has at most this many words
BLANK_CONTEXT_WORDS = 4  # and at least this many of the claim's words around it, to say what is asked


def difference_blank(a: Asking) -> Draft | None:
    """The claim with a blank where its false version differs ("According to the book, a pint of oil, burnt
    properly, produces _____ of water."; answer "rather more than a pint"), or None where that point is longer
    than `BLANK_WORDS` or leaves fewer than `BLANK_CONTEXT_WORDS` of the claim around it: the blank would ask for
    the whole claim, or for a word the rest does not pin down. The sentence shows nothing but the truth, so a false
    version that says "only" (which a true/false statement could not show) serves here too."""
    false_text = display(a.fact.kind, a.qt.false_field, a.fact.fields[a.qt.false_field])
    difference = differing_span(a.answer, false_text)
    if _swapped(a.answer, false_text, difference):
        difference = whole_difference(a.answer, false_text)
    if language_for(a.fact.language).english:
        difference = determiner_inside(difference)
    start, truth, _, end = difference
    if not (a.fact.context or a.fact.note) and not _quoted(truth, a.fact.quote):
        return None  # the key would mark words the source does not give (the claim is the curator's paraphrase)
    if not truth.strip() or len(truth.split()) > BLANK_WORDS \
            or len(content_words(f"{start} {end}")) < BLANK_CONTEXT_WORDS or not names_a_thing(truth):
        return None
    a.ctx["shared_start"] = article_before_blank(start) if a.course.language == "en" else start
    a.ctx["shared_end"] = end
    stem = a.render("stem")
    if stem.count(CLOZE_BLANK) != 1:
        return None
    before, _, after = stem.partition(CLOZE_BLANK)
    if not before.strip():
        truth = sentence_case(truth)
    return Draft("cloze", stem, truth, cloze=(before, truth, after), cue=((truth,),))


def _quoted(phrase: str, quote: str) -> bool:
    """Whether a quote gives every figure and content word of a phrase (a word by its first five letters, so
    "recognition" is given by "recognise"), as the lint's quote-lacks-answer reads a blank."""
    given = {fold(w)[:5] for w in word_list(quote)}
    figures = re.findall(r"\d[\d.,]*", phrase)
    return all(f.rstrip(".,") in quote for f in figures) and all(
        fold(w)[:5] in given for w in content_words(phrase) if not w[:1].isdigit())


def names_a_thing(phrase: str) -> bool:
    """Whether a phrase is a noun phrase a student can write down: it ends on a name, a number or a word that is
    only a noun ("minority", "the Communist Party", "rather more than a pint"), and does not open on a verb. A
    blank whose answer is a degree, a manner or an action ("already", "may be some", "leaned more toward",
    "rejected any recognition of") has many answers that read as well in the sentence, and the key would mark
    the article's wording, not what the student knows."""
    words_in = [bare(w) for w in tokens(phrase)]
    words_in = [w for w in words_in if w]
    if not words_in:
        return False

    def noun(word: str) -> bool:
        if word[:1].isupper() or word[:1].isdigit():
            return True
        kinds = parts_of_speech(word.casefold())
        return "NOUN" in kinds and "ADJ" not in kinds and "ADV" not in kinds

    first = next((w for w in words_in if w in content_words(phrase)), words_in[0])
    opens_on_verb = not first[:1].isupper() and set(parts_of_speech(first.casefold())) == {"VERB"}
    return noun(words_in[-1]) and not opens_on_verb


def build_true_false(a: Asking) -> Draft:
    """True or false: the fact as it is, or with a wrong value (the curator's false version, else another
    value of the slot), at random."""
    rng = a.rng("tf")
    if a.qt.false_field:
        false_text = display(a.fact.kind, a.qt.false_field, a.fact.fields[a.qt.false_field])
        # a false version that says "only" or "never" where the truth does not is marked False unread: the
        # statement is asked true only (the lint's note, absolute-word, says so)
        wrong = [] if absolute_words_added(a.answer, false_text, a.course.language) else [false_text]
        # What the statement turns on: every part of the claim its false version changes.
        cue: Cue = (tuple(changed_runs(a.answer, false_text)),)
    else:
        # Another fact's value from this unit only: "Davy was the chemist credited with turning tallow into stearin"
        # on the sheet of a unit that never speaks of stearin cannot be judged from its reading.
        wrong = distractors(a.fact, a.qt, a.pools, SWAP_CANDIDATES, rng, curated=False, subject=subject_of(a.fact),
                            unit_only=True)
        if schema.kind_of(a.fact).description_field == a.qt.answer_field and language_for(a.fact.language).english:
            wrong = [w for w in wrong if sound_swap(w)]
        # nor one naming this person or term by another of its names ("Ibn al-Haytham was the scientist who built on
        # Alhazen's framework")
        aliases = a.pools.aliases.get(fold(subject_of(a.fact)), ())
        wrong = [w for w in wrong if not any(names_in(alias, w) for alias in aliases)]
        wrong = wrong[:1]
    truth = not wrong or rng.random() < 0.5
    drafts = []
    for value in [a.answer, *wrong[:1]] if truth else [wrong[0], a.answer]:
        a.ctx["value"] = value
        if not a.qt.false_field:  # the value shown, beside what it is said of (the name, term or claim)
            cue = ((value, subject_of(a.fact)),)
            if value != a.answer and len(value.split()) >= 4:
                cue += ((value,),)  # another's description: wherever it shows, it belongs to something else
        drafts.append((a.render("stem"), value, cue))
        if not wrong:
            break
    why = _swap_why(a, wrong[0], next(stem for stem, value, _ in drafts if value == a.answer)) \
        if wrong and not a.qt.false_field else ""
    a.ctx["value"] = drafts[0][1]
    # The other truth's statement goes along, so the planner can balance a sheet's true and false keys.
    other = drafts[1] if len(drafts) > 1 else None
    return Draft("tf", drafts[0][0], "True" if truth else "False", ("True", "False"), 0 if truth else 1,
                 cue=drafts[0][2], other=other, why_false=why)


def _swap_why(a: Asking, value: str, true_stem: str) -> str:
    """The key of a statement made false with another's role or definition: both true statements, the other's
    first ("Ptolemy was the author of the Optics ... Galen was the writer whose account ..."), so the falsehood is
    put right where it is marked; "" where the value's fact is not found."""
    if a.qt.answer_field != schema.kind_of(a.fact).description_field:
        return ""  # a speaker said other things too: only a description names the one it belongs to
    owner = a.pools.owners.get((a.fact.kind, a.qt.answer_field, fold(value)))
    if owner is None or owner is a.fact:
        return ""
    owner_stem = render_block(a.qt, "stem", {**a.ctx, "fact": fact_context(owner), "value": value})
    return f"{sentence_case(owner_stem)} {sentence_case(true_stem)}"


SWAP_CANDIDATES = 8  # another's description weighed for a true/false swap, the first sound one taken


def sound_swap(description: str) -> bool:
    """Whether another's role or definition makes a sound false statement about this person or term: a definite
    description ("the printer of the Optics ...", "Risner's successor ...", an office of a named body: "editor of
    RT", "President of Russia"), which fits one other of the course,
    so the statement is false by what the article says and the student learns it of the other; never an
    indefinite one ("an earlier writer whom ...", "a byname given ..."), which may be true of this one as well and
    reads as a new claim of history, nor one that points at what the sentence does not say ("among the students",
    "that year")."""
    words = tokens(description)
    if not words or leaning_words(description):
        return False
    first = words[0]
    if first.casefold() == "the" or bool(re.search(r"['’]s?$", first)) and first[:1].isupper():
        return True
    if is_determined(description):
        return False  # "a ...", "an ...", "some ...", "one of ..."
    # a bare office of a named or numbered thing ("President of Russia", "leader of Kazakhstan until 2019", "editor
    # of RT", "keeper of ledger 3"): one holder at a time
    at = head_index(description)
    after = words[at + 1:] if at >= 0 else []
    named = any(w.casefold() == "of" and any(x[:1].isupper() or x[:1].isdigit() for x in after[k + 1:k + 3])
                for k, w in enumerate(after))
    return named and not is_plural_phrase(description)


def build_choice(a: Asking) -> Draft:
    """Multiple choice: the answer among plausible wrong ones; a short answer where it has too few of them, or
    where its date, as the source gives it, excludes no other ("by 1987")."""
    qt, fact = a.qt, a.fact
    difference = None
    unsound = ""
    if qt.false_field and qt.ask == "difference":
        false_text = display(fact.kind, qt.false_field, fact.fields[qt.false_field])
        difference = differing_span(a.answer, false_text)
        if _swapped(a.answer, false_text, difference):
            # the false part would read against the words kept around it ("built on counterpoint rather than on
            # counterpoint", where the false version swapped two words): the blank spans every point of difference
            difference = whole_difference(a.answer, false_text)
        if language_for(fact.language).english:
            difference = determiner_inside(difference)
            if difference[0] or difference[3]:
                unsound = unsound_blank(*difference)
        a.ctx["shared_start"], a.ctx["shared_end"] = difference[0], difference[3]
        if a.course.language == "en":
            a.ctx["shared_start"] = article_before_blank(difference[0])
    stem = a.render("stem")
    if a.slot in CAUSAL_FIELDS and a.english and curated_key(fact, qt.answer_field):
        # the curator says what else counts: a short answer, marked by that, tests more than a choice
        return _answered(a, "recall", a.render("stem", written=True), a.answer)
    time = asked(fact) if a.slot == "date" else None
    if time is not None and time.grain == "day" and time.choice and not qt.false_field:
        by_year = day_or_year(fact, qt, a.pools, time, MAX_OPTIONS - 1, MIN_OPTIONS - 1, a.rng("days"), stem,
                              a.pools.avoid.get(a.item_id, frozenset()))
        if by_year.grain == "year":  # the question says it asks the year; the curator's own words, with no options
            reworded = _asked_by_year(a, by_year)
            by_year = by_year if reworded else replace(time, choice=False)
            stem = reworded or stem
        time = by_year
    answer = time.answer if time is not None else a.answer  # as precisely as the source gives it
    options: tuple[str, ...] = ()
    correct = -1
    if time is not None and not time.choice:
        item_type = "recall"  # "By 1987" excludes no other year: no option could be marked wrong
    else:
        rng = a.rng("mcq")
        gate = None
        if difference is not None and (difference[0] or difference[3]):  # only the point where they differ
            answer, wrong = difference[1], [difference[2]]
            if not difference[0] and stem.lstrip().startswith(CLOZE_BLANK):  # not after "According to the book,"
                answer, wrong = sentence_case(answer), [sentence_case(w) for w in wrong]
        elif qt.false_field:  # the curator's false version is the one wrong option
            wrong = [display(fact.kind, qt.false_field, fact.fields[qt.false_field])]
            answer, wrong = sentence_case(answer), [sentence_case(w) for w in wrong]
        else:
            gate = Gate(answer, script_of(answer))
            wrong = distractors(fact, qt, a.pools, MAX_OPTIONS - 1, rng, asked_of=stem, time=time, gate=gate,
                                avoid=a.pools.avoid.get(a.item_id, frozenset()))
        given_away = name_cue(answer, stem, wrong) if gate is not None and a.slot == "person" else ""
        if len(wrong) + 1 < MIN_OPTIONS and not qt.false_field and a.slot in CAUSAL_FIELDS and a.english \
                and not pins_down(fact, qt.answer_field, a.unit):
            _warn_open(a, wrong, gate)
            return Draft("", stem, answer)
        if len(wrong) + 1 < MIN_OPTIONS and not qt.false_field:
            _warn_too_few(a, wrong, gate)
            item_type = "recall"
        elif given_away:  # the stem names the key's family, and no wrong option shares the name
            a.problems.note(
                f"template '{qt.id}': the question names '{given_away}', a part of the answer '{answer}' that no "
                f"wrong option shares, so the name gives it away; made a short-answer question instead",
                file=fact.file, line=fact.line, fact=fact.id, item=a.item_id, code="name-cue")
            item_type = "recall"
        else:
            item_type = "mcq"
            shuffled = [*wrong, answer]
            rng.shuffle(shuffled)
            options, correct = tuple(shuffled), shuffled.index(answer)
    if item_type == "recall":  # a question without options may need other words
        stem = a.render("stem", written=True)
    draft = _answered(a, item_type, stem, answer, options, correct)
    if item_type == "mcq" and qt.reads_written:  # "Which of these people ...?": "Who ...?" without options
        written = a.render("stem", written=True)
        if written != stem:
            draft = replace(draft, written_stem=written)
    if item_type == "mcq" and gate is not None and in_order(options) is not None:
        draft = replace(draft, spare=_spare_values(a, stem, time, answer, options))
    elif item_type == "mcq" and gate is not None and a.slot not in CAUSAL_FIELDS:
        draft = replace(draft, spare=_spare_choices(a, stem, answer, options))
    if qt.false_field and item_type == "mcq":
        # Beside its false version a statement turns on where the two differ, in its place ("Turkey has"): another
        # question naming Turkey elsewhere gives nothing away, as for a true/false statement.
        false_text = display(fact.kind, qt.false_field, fact.fields[qt.false_field])
        runs = tuple(changed_runs(a.answer, false_text))
        draft = replace(draft, cue=((runs,) if runs else ()) + draft.cue[1:])
    return replace(draft, unsound=unsound) if unsound else draft


def _asked_by_year(a: Asking, time) -> str:
    """The question of a date asked by its year (`day_or_year`), or "" where its words do not follow the time
    asked (the curator's own `question`, unless it asks "When ...?", which fits a year as well as a day)."""
    before = a.render("stem")
    worded = dict(a.ctx["fact"], time_grain=time.grain)
    if "when_question" in worded:
        worded["when_question"] = event_question(a.fact, time)
    a.ctx["fact"] = worded
    stem = a.render("stem")
    return stem if stem != before or (a.english and stem.startswith("When ")) else ""


SPARE_VALUES = 2  # wrong numbers or dates a multiple-choice question keeps beside its options
SPARE_DRAWN = 4  # more drawn than kept, so that one may lie beyond a key at the end of its options


def _spare_values(a: Asking, stem: str, time, answer: str, options: tuple[str, ...]) -> tuple[str, ...]:
    """Wrong values of the same kind as a question's ordered options, that it does not show: a sheet lists numbers
    and dates in order, so the key's letter follows from the values, and a planner that shows one of these in the
    place of an option moves the key ("965" last after 935, 945, 955; second after 955 and before 975, 985).
    Drawn apart from the options (their own seeded draw), so the options stay what they were."""
    shown = {fold(o) for o in options}
    more = distractors(a.fact, a.qt, a.pools, MAX_OPTIONS - 1 + SPARE_VALUES + SPARE_DRAWN, a.rng("spare"),
                       asked_of=stem, time=time, gate=Gate(answer, script_of(answer)),
                       avoid=a.pools.avoid.get(a.item_id, frozenset()))
    spare = [v for v in dict.fromkeys(more) if fold(v) not in shown and in_order((*options, v)) is not None]
    # A key that is the earliest or the latest of its options keeps its letter unless a spare value lies beyond it:
    # the values on that side come first, so that a planner can move it ("October 1917" after June, August and
    # September: D in every version until a November shows).
    order = in_order(options)
    at = order.index(options.index(answer)) if order is not None and answer in options else -1
    if at in (0, len(options) - 1):
        later = at == len(options) - 1
        beyond = [v for v in spare if (in_order((answer, v)) == [0, 1]) == later]
        if not beyond and a.slot == "date" and time is not None and time.grain not in ("decade", "day"):
            # none of the course's dates lies beyond it: a made-up one near it, as wrong dates are made
            taken = shown | {fold(v) for v in spare} | a.pools.avoid.get(a.item_id, frozenset())
            beyond = [v for v in near_dates(asked_iso(a.fact, a.qt.answer_field, time), 1, a.rng("spare beyond"), taken,
                                            a.pools.source_dates.get(a.fact.id, ""), time.gap, 1 if later else -1)
                      if in_order((*options, v)) is not None]
        spare = beyond[:1] + [v for v in spare if v not in beyond[:1]]
    return tuple(spare[:SPARE_VALUES])


SPARE_CHOICES = 3  # wrong names a multiple-choice question keeps beside its options, for a sheet to show instead


def _spare_choices(a: Asking, stem: str, answer: str, options: tuple[str, ...]) -> tuple[str, ...]:
    """Wrong answers of a question of names (people, organisations, terms) that it does not show, as plausible as
    its options (the same draw, gate and period): a sheet whose questions all offer one name that none of them keys
    ("James Chadwick" in five questions, never right) shows one of these in its place (`plan.spread_wrong_options`).
    Drawn apart from the options (their own seeded draw), so the options stay what they were."""
    shown = {fold(o) for o in options}
    more = distractors(a.fact, a.qt, a.pools, MAX_OPTIONS - 1 + SPARE_CHOICES, a.rng("spare choices"),
                       asked_of=stem, gate=Gate(answer, script_of(answer)),
                       avoid=a.pools.avoid.get(a.item_id, frozenset()))
    return tuple(v for v in dict.fromkeys(more) if fold(v) not in shown)[:SPARE_CHOICES]


LISTED_PARTS = 3  # a written answer listing this many things needs a marking scheme (the lint's long-answer)
SHEET_ANSWER_WORDS = 25  # the longest model answer a worksheet-only short answer asks for


def build_written(a: Asking) -> Draft | None:
    """Short answer: the answer written from memory (a date as precisely as the source gives it). A template made
    for worksheets alone that asks for a description listing several things ("a mathematician, astronomer and
    physicist"), or longer than one sentence a student could write (`SHEET_ANSWER_WORDS`), where the fact gives no
    `marking`, is not asked: no one could say what each point is for; the fact's other questions ask it. (The key
    marks a written answer of more than a few words by its meaning.)"""
    if a.qt.use == "sheets" and not a.fact.marking and (enumeration_parts(a.answer) >= LISTED_PARTS
                                                         or len(word_list(a.answer)) > SHEET_ANSWER_WORDS):
        return None
    stem = a.render("stem")
    time = asked(a.fact) if a.slot == "date" else None
    return _answered(a, "recall", stem, time.answer if time is not None else a.answer)


BUILDERS: dict[str, Callable[[Asking], Draft | None]] = {
    "cloze": build_cloze,
    "tf": build_true_false,
    "mcq": build_choice,
    "recall": build_written,
}


def _answered(a: Asking, item_type: str, stem: str, answer: str, options: tuple[str, ...] = (),
              correct: int = -1) -> Draft:
    """A question asking for its answer field (multiple choice, short answer): its reversed card, and its cues."""
    qt, fact = a.qt, a.fact
    reverse = None
    # A fact whose `note` corrects its source gets no reversed card: that card would state the source's words as
    # the bare answer to "Who was ...?" (a dedicatee the note says was another king), where the forward question
    # carries the correction beside it. A note that corrects nothing belongs in `context`.
    # Nor for a name other facts describe too: "What role does the article give Joseph Bazalgette?" has two answers.
    described_twice = qt.reverse_field == schema.kind_of(fact).description_field and a.described_twice
    if qt.reverse_field and "reverse" in qt.template.blocks and not fact.corrected and not described_twice:
        reverse = (sentence_case(a.render("reverse")),
                   display(fact.kind, qt.reverse_field, fact.fields.get(qt.reverse_field)))
    cue: Cue = ((answer,),) + tuple((d,) for d in _distinctive(fact, a.slot, a.raw))
    if options:  # every wrong option explained elsewhere on the sheet leaves the answer by elimination
        cue += (tuple(o for k, o in enumerate(options) if k != correct),)
    return Draft(item_type, stem, answer, options, correct, reverse=reverse, cue=cue)


def _causal_choice(a: Asking, draft: Draft) -> Draft | None:
    """A choice among causes or effects whose options tell the key apart by their form (the key alone echoes the
    question's words, or is far longer than the rest) is asked as a short answer where its question pins the answer
    down, and otherwise not at all (noted)."""
    wrong = [o for k, o in enumerate(draft.options) if k != draft.correct]
    flaw = key_stands_out(draft.answer, wrong)
    echoed = echoed_words(draft.stem, draft.answer, wrong, families=False)
    if echoed:
        flaw = "only the key shares " + ", ".join(f"'{w}'" for w, _ in echoed) + " with the question"
    if not flaw:
        return draft
    if pins_down(a.fact, a.qt.answer_field, a.unit):
        return _answered(a, "recall", a.render("stem", written=True), draft.answer)
    return a.not_asked(
        f"template '{a.qt.id}': as a choice {flaw}, and as a short answer its question would not pin the "
        f"{a.qt.answer_field} down ({_why_open(a)}); not asked this way (the fact's other questions still are)",
        "open-cause")


def _why_open(a: Asking) -> str:
    """Why a short answer asking for a cause or effect would not pin it down, for the note."""
    other = other_cause_in_text(a.fact, a.unit) if a.qt.answer_field == "cause" else ""
    if other:
        return f"the source gives another cause of the {other_side(a.qt.answer_field)} beside its quote: '{other}'"
    return (f"the {other_side(a.qt.answer_field)} says less than the {a.qt.answer_field}, and the fact gives no "
            f"`accept` or `marking`")


def _warn_open(a: Asking, wrong: list[str], gate: Gate | None) -> None:
    """Note a cause or effect not asked: too few others to choose among, and a short answer it does not pin down."""
    refused = gate.refused if gate is not None else {}
    turned = " (turned away: " + ", ".join(f"{n} by {why}" for why, n in sorted(refused.items())) + ")" \
        if refused else ""
    a.problems.note(
        f"template '{a.qt.id}' found {len(wrong)} other {a.qt.answer_field}{'s' * (len(wrong) != 1)} to offer"
        f"{turned}, needs {MIN_OPTIONS - 1}, and as a short answer its question would not pin the {a.qt.answer_field} "
        f"down ({_why_open(a)}); not asked this way (the fact's other questions still are)",
        file=a.fact.file, line=a.fact.line, fact=a.fact.id, item=a.item_id, code="open-cause")


def _warn_too_few(a: Asking, wrong: list[str], gate: Gate | None) -> None:
    category = a.pools.entry(a.fact, a.qt.answer_field).category
    slot = f"slot '{a.slot}'" + (f", kind '{category}'" if category else "")
    refused = gate.refused if gate is not None else {}
    turned = "; turned away: " + ", ".join(f"{n} by {why}" for why, n in sorted(refused.items())) if refused else ""
    a.problems.note(
        f"template '{a.qt.id}' found {len(wrong)} plausible wrong answer{'s' * (len(wrong) != 1)} "
        f"({slot}, same period, alike in script and length{turned}), needs {MIN_OPTIONS - 1}; made a "
        f"short-answer question instead",
        file=a.fact.file, line=a.fact.line, fact=a.fact.id, item=a.item_id, code="too-few-distractors",
    )


# --- what every item shares ----------------------------------------------------------------------------


def render_item(course: Course, unit: Unit, fact: Fact, qt: QuestionTemplate, pools: SlotPools,
                problems: Problems) -> Item | None:
    """The item a template makes of a fact, or None where it does not apply; a failing template raises its
    TemplateError."""
    if fact.language != course.language:  # a fact read outside the course (a suggestion): read in its language
        fact = replace(fact, language=course.language)
    raw = fact.fields.get(qt.answer_field)
    if raw is None:
        return None  # an optional field this fact leaves out: the template does not apply
    if raw == AUTHOR:
        return None  # "who said it?" makes no sense for the article's own analysis
    if qt.false_field and fact.fields.get(qt.false_field) is None:
        return None  # a template that needs the curator's false version, which this fact lacks
    ctx = {"fact": fact_context(fact), "course": course.title, "unit": unit.title, "value": "", "author": AUTHOR,
           "source": fact.source_called, "written": False, "shared_start": "", "shared_end": "", "blank": CLOZE_BLANK}
    a = Asking(course, unit, fact, qt, pools, problems, f"{fact.id}/{qt.id.split('/', 1)[1]}", ctx, raw,
               display(fact.kind, qt.answer_field, raw), schema.slot_of(fact.kind, qt.answer_field))
    kind = schema.kind_of(fact)
    if qt.type == "recall" and qt.answer_field == kind.description_field and a.described_twice:
        return a.not_asked(
            f"template '{qt.id}': other facts also describe '{fact.fields[kind.name_field]}' or say something of it, "
            f"or it names several, so asked for its {qt.answer_field} a student has more than one right answer; not "
            f"asked this way (the fact's other questions still are)",
            "described-twice")
    causal_sheets_only = False
    if a.slot in CAUSAL_FIELDS and a.english and fact.kind == "cause_effect":
        ctx["fact"]["present"] = in_present(fact, unit)
        shown = other_side(qt.answer_field)
        own, other = side_leaning(fact, shown), side_leaning(fact, qt.answer_field)
        if own and (not other or not better_way(fact, qt.answer_field)):
            return a.not_asked(
                f"template '{qt.id}': the {shown} '{fact.fields[shown]}' points at what it does not name ("
                + ", ".join(f"'{w}'" for w in own) + "), so a question made of it alone loses its context; "
                + ("asked the other way round only" if not other else "asked the other way round, on worksheets only"),
                "leans-on-context")
        causal_sheets_only = bool(own)  # both sides lean: the better way round, beside its unit only
    draft = BUILDERS[qt.type](a)
    if draft is None or not draft.type:
        # the template does not fit this fact (a claim whose point of difference is too long to blank), or the
        # builder noted why it is not asked
        return None
    if draft.type == "mcq" and a.slot in CAUSAL_FIELDS and a.english and not qt.false_field:
        draft = _causal_choice(a, draft)
        if draft is None:
            return None
    # A cause asked of its effect, or an effect of its cause, shares its subject's words with the question more often
    # than any other item ("melted fuel" in both): where it shares half of them, the question is not asked either.
    # (a reversed card left out because others describe the name, too, would have been gated all the same)
    echo_gated = draft.reverse or a.slot in ("cause", "effect") \
        or (qt.reverse_field == kind.description_field and a.described_twice)
    if draft.type in ("mcq", "recall") and echo_gated and not qt.false_field and a.slot != "person":
        echoed = _echoed(draft)
        if echoed:  # "under Sir John Simon" -> "Simon Commission": not asked; the term's other items ask it (asked
            # the other way only, the item's deck note would change its type under a learner who studies it)
            named = ", ".join(f"'{w}'" + (f" ('{h}')" if fold(h) != fold(w) else "") for w, h in echoed)
            return a.not_asked(
                f"template '{qt.id}': its question gives the answer '{draft.answer}' away by {named}; not asked "
                f"(the fact's other questions still are): "
                + ("reword the cause or the effect so they share fewer words" if a.slot in ("cause", "effect")
                   else "reword the description so it does not name the answer"),
                "answer-in-stem")
    if draft.unsound:
        return a.not_asked(
            f"template '{qt.id}': {draft.unsound}, so the card's front would not say what it asks; not asked (the "
            f"fact's other questions still are): write the false version (`{qt.false_field}`) so it differs from "
            f"the claim in one phrase of the same kind, with the words around it the claim's own",
            "blank-not-parallel")
    if draft.type == "mcq" and qt.false_field and draft.options:
        # The curator's false version is the one wrong option: where the two parts differ in form alone (a
        # 16-word truth beside a 9-word falsehood), a learner picks the longer one, so the question is not asked.
        stands_out = key_stands_out(draft.options[draft.correct],
                                    [o for k, o in enumerate(draft.options) if k != draft.correct])
        if absolute_words_added(a.answer, display(fact.kind, qt.false_field, fact.fields[qt.false_field]),
                                course.language):
            return None  # "only", "never" in the false version alone: the lint's absolute-word note says so
        if stands_out:
            return a.not_asked(
                f"template '{qt.id}': {stands_out} (the fact's `{qt.false_field}`), so its form gives the answer "
                f"away; not asked (the fact's other questions still are): write a false version alike in length "
                f"to the part of the truth it replaces",
                "key-longer")
    explanation = a.render("explanation") if "explanation" in qt.template.blocks else printed(fact, fact.explanation)
    if not draft.stem:
        problems.error(f"template '{qt.id}' rendered an empty question", file=qt.file, fact=fact.id)
        return None
    stem = sentence_case(draft.stem)
    version = kind.false_version
    why_false = fact.fields.get(version.why) if version and version.why else None
    if qt.type == "tf" and qt.false_field and draft.answer == "False" and why_false:
        explanation = why_false  # the key says what the article says instead
    if qt.type == "tf" and draft.answer == "False" and draft.why_false and "explanation" not in qt.template.blocks:
        explanation = draft.why_false  # both true statements: the false one is put right
    if qt.type in ("recall", "mcq") and not qt.false_field and fold(draft.answer) in fold(stem):
        return a.not_asked(
            f"template '{qt.id}': '{draft.answer}' appears in its own question, which would give it away; not "
            f"asked (the fact's other questions still are): reword the fact so its question does not name it",
            "answer-in-stem")
    if qt.type in ("recall", "mcq") and not qt.false_field and draft.type in ("recall", "mcq") and a.english \
            and a.slot not in (*CAUSAL_FIELDS, "person"):  # (weighed by the echo and name gates above)
        wrong = tuple(o for k, o in enumerate(draft.options) if k != draft.correct)
        formed = form_echoes(stem, draft.answer, wrong)
        if formed:  # "candles made by dipping ..." for "dips": the stem holds the answer in another form
            named = ", ".join(f"'{w}' ('{h}')" for w, h in formed)
            return a.not_asked(
                f"template '{qt.id}': its question holds the answer '{draft.answer}' in another form, {named}, which "
                f"would give it away; not asked (the fact's other questions still are): reword the fact so its "
                f"question does not use the answer's word",
                "answer-in-stem")
    titled = _named_by_title(draft, a.slot, (course.title, unit.title), a.pools.alias_groups) \
        if qt.type in ("recall", "mcq") and not qt.false_field else ""
    if titled:
        return a.not_asked(
            f"template '{qt.id}': the answer '{draft.answer}' is named by the title '{titled}', which heads the "
            f"deck and the worksheet, so the title gives it away; not asked this way (the fact's other questions "
            f"still are)",
            "answer-in-title")
    written = draft.type in WRITTEN_TYPES and qt.answer_field == kind.accept_field
    forms = other_forms(fact, qt.answer_field, draft.cloze[1] if draft.cloze else draft.answer)
    if forms and qt.type != "tf":
        shown = padded(" ".join([stem, *(o for k, o in enumerate(draft.options) if k != draft.correct)]))
        named = [f for f in forms if contains_phrase(shown, f)]
        if named:  # "Who was the caliph al-Hakim ...?" with "al-Hakim" accepted: the question gives itself away
            return a.not_asked(
                f"template '{qt.id}': its question shows '{named[0]}', a form of the answer '{draft.answer}' that "
                f"the key accepts; not asked (the fact's other questions still are): reword the description so it "
                f"does not name the answer",
                "answer-in-stem")
        # the other forms, wherever another question shows them, give the answer away as well as it does
        draft = replace(draft, cue=draft.cue + tuple((f,) for f in forms))
    shown_leaning = _shows_leaning(fact, qt, stem)
    deck = qt.use != "sheets" and not shown_leaning and not causal_sheets_only
    redated = _redated(fact, draft.cloze[1] if draft.cloze else draft.answer)
    if deck and redated:  # a card drilled for months would fix the source's year, "according to" long forgotten
        deck = False
        problems.note(
            f"template '{qt.id}': the fact's `note` gives {redated}, not the source's {draft.answer!r}: asked on "
            f"worksheets only, as the source's claim, and kept off the deck, where a learner would drill the "
            f"source's year for good",
            file=fact.file, line=fact.line, fact=fact.id, item=a.item_id, code="corrected-year")
    if shown_leaning and qt.use != "sheets" and shown_leaning[0] != kind.description_field:  # (noted below)
        name, words = shown_leaning
        pointing = ", ".join(f"'{w}'" for w in words)
        problems.note(
            f"template '{qt.id}': the {name} '{fact.fields[name]}' points outside itself ({pointing}), and its "
            f"question names nothing it points at: alone on a card it says too little, so it is asked on worksheets "
            f"only; name what it points at to make it a card",
            file=fact.file, line=fact.line, fact=fact.id, item=a.item_id, code="leans-on-context")
    leaning = leaning_description(fact)
    if leaning:  # shown alone, on a card, the description says too little: on the sheet only, beside its unit
        description = str(fact.fields[kind.description_field])
        deck = deck and fold(description) not in fold(stem)
        draft = replace(draft, reverse=None)
        if qt.reverse_field == kind.description_field:
            pointing = ", ".join(f"'{w}'" for w in leaning)
            problems.note(
                f"the {kind.description_field} '{description}' points outside itself ({pointing}): alone on a card "
                f"or in a matching row it says too little, so it is asked on worksheets only and matched nowhere; "
                f"name what it points at to make it a card",
                file=fact.file, line=fact.line, fact=fact.id, item=a.item_id, code="leans-on-context")
    bank = bank_candidates(fact, draft.cloze[1], pools, a.rng("bank")) if draft.cloze else []
    item = Item(
        id=a.item_id,
        type=draft.type,
        course=course.slug,
        unit=unit.slug,
        fact_ids=(fact.id,),
        template=qt.id,
        stem=stem,
        answer=draft.answer,
        written_stem=sentence_case(draft.written_stem) if draft.written_stem else "",
        citation=_citation(unit, fact),
        explanation=explanation,
        context=printed(fact, fact.context),
        note=printed(fact, fact.note),
        options=draft.options,
        correct=draft.correct,
        cloze=draft.cloze,
        tags=fact.tags,
        kind=fact.kind,
        reverse=draft.reverse,
        cue=tuple(dict.fromkeys(c for c in draft.cue if c and all(c))),
        extras=tuple(bank) or draft.spare,
        accept=tuple(x for x in fact.accept if fold(x) != fold(draft.answer)) if written else (),
        marking=fact.marking if written else "",
        from_context=fact.from_context,
        sheets=qt.use != "deck",
        deck=deck,
    )
    if draft.other is None:
        return item
    stem, value, cue = draft.other
    truth = draft.answer != "True"
    other_explanation = a.render("explanation", value=value) if "explanation" in qt.template.blocks \
        else printed(fact, fact.explanation)
    if qt.false_field and not truth and why_false:
        other_explanation = why_false
    if not truth and draft.why_false and "explanation" not in qt.template.blocks:
        other_explanation = draft.why_false
    return replace(item, counterpart=replace(
        item, stem=sentence_case(stem), answer="True" if truth else "False", correct=0 if truth else 1,
        explanation=other_explanation, cue=tuple(dict.fromkeys(c for c in cue if c and all(c)))))


def printed(fact: Fact, line: str) -> str:
    """A curator's line (context, note, explanation) as items print it: without its sentences that point at a
    place in the source ("dated 1677 in the paragraph before"), since a card, a question alone or a worksheet
    shows no such place; the lint's note `points-into-source` names them."""
    return without_source_places(line) if line and language_for(fact.language).english else line


def _named_by_title(draft: Draft, slot: str | None, titles: tuple[str, ...],
                    alias_groups: dict[str, frozenset[str]] | None = None) -> str:
    """The course's or unit's title that names a question's answer, whole, by its head word (a person's surname,
    a name's head noun: "sonata" for "the keyboard sonata") or by another name of the same one ("Alhazen" under
    "Ibn al-Haytham and the science of sight"), or "". The title heads every card and sheet, so it answers a
    question that asks for its own subject ("What name is given to a piece sounded by instruments?" in "How the
    keyboard sonata began"; "Who argued that ...?" of the course's own scientist). A multiple-choice question one
    of whose wrong options the title names as well gives nothing away."""
    groups = alias_groups or {}

    def forms(text: str) -> list[str]:
        found = [text]
        if slot == "person":
            found.append(surname(text))
        elif slot in name_slots() and len(tokens(text)) > 1:
            head = head_noun(text)
            found.append(head if len(head) >= 3 and head[:1].isalpha() else "")
        return [f for f in found if f]

    asked = padded(fold(draft.stem))

    def named(title: str, text: str) -> bool:
        if any(contains_phrase(padded(title), f) for f in forms(text)):
            return True
        # (a question naming one name of it asks for another: "What is the latinized form of Ibn al-Haytham's
        # name called?" under his title asks what the title does not say)
        others = groups.get(fold(text), frozenset()) - {fold(text)}
        return not any(contains_phrase(asked, name) for name in others) and \
            any(contains_phrase(padded(fold(title)), name) for name in others)

    for title in titles:
        if not named(title, draft.answer):
            continue
        wrong = [o for k, o in enumerate(draft.options) if k != draft.correct]
        if not any(named(title, o) for o in wrong):
            return title
    return ""


def leaning_description(fact: Fact) -> list[str]:
    """The words by which a fact's role or definition (its kind's `description_field`) points outside itself
    (`grammar.leaning_words`: "among the students", "that year"); [] where it stands alone or is not English."""
    field = schema.kind_of(fact).description_field
    if not field or not fact.fields.get(field) or not language_for(fact.language).english:
        return []
    return leaning_words(str(fact.fields[field]))


def _shows_leaning(fact: Fact, qt: QuestionTemplate, stem: str) -> tuple[str, list[str]] | None:
    """The field of its fact, and its words, by which a question points outside itself ("what was a consequence
    of his claim ...?", "what led to a contrast between the two movements?" where the question names no two):
    on the worksheet of its unit it reads, alone on a card it says too little; None where it shows none. Only the
    fields that hold what the fact says (its slots); a question the curator wrote is the curator's to word. A pair
    the field speaks of ("the two forms") leans only where the question names no two things either."""
    if not language_for(fact.language).english:
        return None
    named_in_stem = None  # the pairs the question itself leaves unnamed, read once where a field is shown
    for name, value in fact.fields.items():
        if not (isinstance(value, str) and name != qt.answer_field and schema.slot_of(fact.kind, name)
                and fold(value) in fold(stem)):
            continue
        if named_in_stem is None:
            named_in_stem = unnamed_pairs(stem)
        own_pairs = unnamed_pairs(value)
        words = [w for w in leaning_words(value) if w not in own_pairs or w in named_in_stem]
        if words:
            return name, words
    return None


def _echoed(draft: Draft) -> list[tuple[str, str]]:
    """The answer's words its own question echoes; a written answer echoed in at most half its words passes."""
    wrong = [o for k, o in enumerate(draft.options) if k != draft.correct]
    echoed = echoed_words(draft.stem, draft.answer, wrong, families=False)  # the same word or root
    if draft.type == "recall" and len(echoed) * 2 < len(set(content_words(draft.answer))):
        return []
    return echoed


def _swapped(truth: str, falsehood: str, difference: tuple[str, str, str, str]) -> bool:
    """Whether the false part of a difference holds a word that the truth keeps around the blank and that the
    false version moved rather than added: as often in both statements ("harmony rather than counterpoint" /
    "counterpoint rather than harmony"), where a word the false version merely repeats ("eager to leave ... to
    leave it") is no swap."""
    kept = {fold(w) for w in content_words(f"{difference[0]} {difference[3]}")}
    counts_true = Counter(fold(w) for w in content_words(truth))
    counts_false = Counter(fold(w) for w in content_words(falsehood))
    return any(fold(w) in kept and counts_true[fold(w)] == counts_false[fold(w)]
               for w in content_words(difference[2]))


def whole_difference(truth: str, falsehood: str) -> tuple[str, str, str, str]:
    """A statement and its false version split around everything between their common first and last words:
    (the words both start with, the true middle, the false middle, the words both end with)."""
    a, b = truth.split(), falsehood.split()
    start = 0
    while start < min(len(a), len(b)) and fold(a[start].strip(",;:.")) == fold(b[start].strip(",;:.")):
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and fold(a[-1 - end].strip(",;:.")) == fold(b[-1 - end].strip(",;:.")):
        end += 1
    return (" ".join(a[:start]), " ".join(a[start:len(a) - end]).strip(",;: "),
            " ".join(b[start:len(b) - end]).strip(",;: "), " ".join(a[len(a) - end:]))


def differing_span(truth: str, falsehood: str) -> tuple[str, str, str, str]:
    """Split a statement and its false version at the point where they differ: (the truth's words before it, the
    true part, the false part, the truth's words after it). Words compare without their punctuation; points
    fewer than three words apart count as one, so a part reads as a phrase ("already begun" / "not yet begun").
    Of several points, the first where one side negates and the other does not, else the first."""
    a, b = truth.split(), falsehood.split()
    matcher = SequenceMatcher(None, [fold(w.strip(",;:.")) for w in a], [fold(w.strip(",;:.")) for w in b],
                              autojunk=False)
    regions: list[list[int]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if regions and i1 - regions[-1][1] < 3:
            regions[-1][1], regions[-1][3] = i2, j2
        else:
            regions.append([i1, i2, j1, j2])
    if not regions:
        return "", truth, falsehood, ""
    regions = [part for r in regions for part in _split_at_comma(r, a, b)]
    # Of several points, the one where one side negates and the other does not carries the falsehood; at another,
    # the false words may be true with the truth's words around them ("he _____ that a hypothesis must be
    # proved": "held" as well as "was an early proponent of the idea", where the false version went on "that a
    # hypothesis needs no proof"). A point whose false words do not read in the truth's sentence (a plural before
    # the truth's "was") comes after the others.
    negating = [r for r in regions if _negates(a[r[0]:r[1]]) != _negates(b[r[2]:r[3]])]
    ordered = negating + [r for r in regions if r not in negating]
    i1, i2, j1, j2 = next((r for r in ordered if _reads_in_place(r, a, b)), ordered[0])
    if _one_inside([i1, i2, j1, j2], a, b):
        # one side only drops or adds words of the other ("ice, liquid water" / "ice"): as options, one would sit
        # inside the other and neither says what is false; the two statements are offered whole
        return "", truth, falsehood, ""
    # A quotation is one name: never split inside it ("«Қара сөздерді»" against "«Қара сөздер»").
    while i1 > 0 and j1 > 0 and _open_quotes(a[:i1]) > 0:
        i1, j1 = i1 - 1, j1 - 1
    while i2 < len(a) and j2 < len(b) and _open_quotes(a[:i2]) > 0:
        i2, j2 = i2 + 1, j2 + 1
    if i1 == i2 or j1 == j2:  # words added in one only: take in the word before, or after, to have two parts
        if i1 > 0:
            i1, j1 = i1 - 1, j1 - 1
        else:
            i2, j2 = i2 + 1, j2 + 1
    shared_start = " ".join(a[:i1])
    shared_end = " ".join(a[i2:])
    if i2 > i1 and a[i2 - 1].endswith(",") and shared_end:
        shared_end = ", " + shared_end
    return shared_start, " ".join(a[i1:i2]).strip(",;: "), " ".join(b[j1:j2]).strip(",;: "), shared_end


# Words a phrase does not end with: a relative or a conjunction leaves its clause to come ("the only thing in
# nature that"), so a blank ending with one holds a fragment of a clause, not a phrase.
_DANGLING = frozenset("that which who whom whose and or but nor".split())
_PRONOUNS = frozenset("it its he she they him her them his their hers theirs".split())


def unsound_blank(start: str, truth: str, falsehood: str, end: str) -> str:
    """Why a two-statement card cannot be asked with a blank at the point where the statements differ, or "".

    The blanked form is sound only when its two options are parallel phrases of one kind and the words around
    the blank say what is asked. It is not where an option is a fragment of a clause (it ends on "that", "which",
    "and" ...: "hydrogen is the only thing in nature that" beside "a wax candle, like hydrogen"); where the true
    option begins with a word (after "the" or "a") that the false one holds further in, so that it concedes the
    key's subject ("a wax candle, like hydrogen", "burning hydrogen leaves ..."), unless the two hold the same
    words in another order ("pine rather than oak" / "oak rather than pine"); or where the words around the
    blank hold a pronoun and nothing before the blank says what it stands for ("_____, either while it burns or
    afterwards"), so that the front means nothing until the options are read."""
    true_words = [fold(w.strip(",;:.")) for w in truth.split()]
    false_words = [fold(w.strip(",;:.")) for w in falsehood.split()]
    for words in (true_words, false_words):
        if words and words[-1] in _DANGLING:
            return f"the blank holds a fragment of a clause ('{truth}' / '{falsehood}'), not two phrases of one kind"
    while true_words and false_words and true_words[0] == false_words[0]:  # words both share at an end
        true_words, false_words = true_words[1:], false_words[1:]
    while true_words and false_words and true_words[-1] == false_words[-1]:
        true_words, false_words = true_words[:-1], false_words[:-1]
    subject = true_words[1:2] if true_words[:1] in (["the"], ["a"], ["an"]) else true_words[:1]  # "the lighthouse"
    swapped = sorted(true_words) == sorted(false_words)  # "pine rather than of oak" / "oak rather than of pine"
    if subject and len(subject[0]) >= 3 and subject[0] not in STOPWORDS and subject[0] in false_words and not swapped:
        return f"the false option '{falsehood}' holds '{subject[0]}', with which the true one begins, and so " \
               f"gives the key away"
    if not start.strip():
        pronoun = next((w for w in (fold(w.strip(",;:.")) for w in end.split()) if w in _PRONOUNS), "")
        if pronoun:
            return f"the words around the blank say '{pronoun}' of what only the options name"
    return ""


def _one_inside(region: list[int], a: list[str], b: list[str]) -> bool:
    """Whether the words of one side of a point of difference are all among the other's (words only added, or
    only dropped, included)."""
    i1, i2, j1, j2 = region
    true_words = {fold(w.strip(",;:.")) for w in a[i1:i2]} - {""}
    false_words = {fold(w.strip(",;:.")) for w in b[j1:j2]} - {""}
    return true_words <= false_words or false_words <= true_words


def determiner_inside(difference: tuple[str, str, str, str]) -> tuple[str, str, str, str]:
    """Where the words before a blank end with a determiner or possessive that one of its options does not read
    after ("despite its _____" with "weaknesses, no other theory"; "each _____" with "rivers"), that word goes into
    both options ("despite _____": "its weaknesses, no other theory"), so the blank's surroundings fit either."""
    start, truth, falsehood, end = difference
    determiner = ends_with_determiner(start)
    if not determiner or (fits_determiner(determiner, truth) and fits_determiner(determiner, falsehood)):
        return difference
    before = start[: len(start.rstrip()) - len(determiner)].rstrip()
    return before, f"{determiner} {truth}", f"{determiner} {falsehood}", end


def _split_at_comma(region: list[int], a: list[str], b: list[str]) -> list[list[int]]:
    """A point of difference that runs across a comma in both statements, as the two points it is ("its
    weaknesses, no other theory" against "its strengths, several theories"): a blank holds one phrase."""
    i1, i2, j1, j2 = region
    k = next((k for k in range(i1, i2 - 1) if a[k].endswith(",")), -1)
    m = next((m for m in range(j1, j2 - 1) if b[m].endswith(",")), -1)
    if k < 0 or m < 0:
        return [region]
    return [[i1, k + 1, j1, m + 1], [k + 1, i2, m + 1, j2]]


_AGREEING = frozenset("is are was were has have does do".split())
_PLURAL_VERBS = frozenset("are were have do".split())


def _reads_in_place(region: list[int], a: list[str], b: list[str]) -> bool:
    """Whether the false words of a point read in the truth's sentence: after the word before them (a determiner
    they fit) and before the verb after them (of their number: not "several theories ... was")."""
    i1, i2, j1, j2 = region
    true_part, false_part = " ".join(a[i1:i2]).strip(",;: "), " ".join(b[j1:j2]).strip(",;: ")
    determiner = ends_with_determiner(" ".join(a[:i1]))
    if determiner and not (fits_determiner(determiner, true_part) and fits_determiner(determiner, false_part)):
        return False
    first_true, first_false = (fold(w[0].strip(",;:.")) if w else "" for w in (a[i1:i2], b[j1:j2]))
    if {first_true, first_false} <= _AGREEING and (first_true in _PLURAL_VERBS) != (first_false in _PLURAL_VERBS):
        return False  # "no other theory ... _____": "was so" beside "were more"
    after = next((fold(w.strip(",;:.")) for w in a[i2:] if fold(w.strip(",;:.")) in _AGREEING), "")
    if after and not any(w.endswith(",") for w in a[i1:i2]):
        plural_true, plural_false = common_head_plural(true_part), common_head_plural(false_part)
        if None not in (plural_true, plural_false) and plural_true != plural_false:
            return False
    return True


_NEGATIONS = frozenset("no not never none nothing nobody nowhere neither nor without cannot".split())


def _negates(words: list[str]) -> bool:
    """Whether words hold a negation ("no", "not", "never", "n't", ...)."""
    return any(fold(w.strip(",;:.")) in _NEGATIONS or w.casefold().rstrip(",;:.").endswith("n't") for w in words)


def _open_quotes(words: list[str]) -> int:
    """How many quotations the words open and leave open («...», “...”)."""
    text = " ".join(words)
    return text.count("«") - text.count("»") + text.count("“") - text.count("”")


def subject_of(fact: Fact) -> str:
    """What a true/false statement says something of (its kind's `subject_field`): the person, the term, the
    claim."""
    field = schema.kind_of(fact).subject_field
    return str(fact.fields.get(field) or "") if field else ""


def _distinctive(fact: Fact, slot_name: str | None, value) -> tuple[str, ...]:
    """Shorter texts that name the answer as well as it does: a person's surname, a term's abbreviation (its
    kind's `short_name_field`)."""
    if slot_name == "person":
        return (surname(str(value)),) if surname(str(value)) else ()
    short = schema.kind_of(fact).short_name_field
    if short and fact.fields.get(short):
        return (fact.fields[short],)
    head = _head_words(str(value)) if language_for(fact.language).english else ""
    return (head,) if head else ()


HEAD_CUE_FROM = 4  # words: an answer this long is given away by its head alone ("the hot weather" of "... of 1858")


def _head_words(answer: str) -> str:
    """A long answer's noun phrase up to its head, without its article, where that holds two content words or more:
    "hot weather" of "the hot weather of the summer of 1858". Another question saying "hot weather made the stench
    worse" gives the answer away as surely as one quoting it whole."""
    words = tokens(answer)
    head = head_index(answer)
    if len(words) < HEAD_CUE_FROM or head < 1 or head + 1 >= len(words):
        return ""
    start = 1 if bare(words[0]).casefold() in ("the", "a", "an") else 0
    phrase = " ".join(bare(w) for w in words[start:head + 1])
    return phrase if len(content_words(phrase)) >= 2 else ""


def _citation(unit: Unit, fact: Fact) -> Citation:
    s = unit.source
    return Citation(title=s.title, paragraph=fact.paragraph, quote=fact.quote, url=s.url,
                    publisher=s.publisher, date=s.date)


def _redated(fact: Fact, answer: str) -> str:
    """The years a curator's `note` gives that an answer holding a year does not ("1692" against the source's
    "1695"), joined for a message; "" where the answer holds no year or the note names no other one."""
    answered = set(YEAR_RE.findall(answer))
    if not answered or not fact.note:
        return ""
    other = [y for y in dict.fromkeys(YEAR_RE.findall(fact.note)) if y not in answered]
    return " and ".join(other)

