"""How questions speak of a fact, from its own words: its number, its kind, and the questions its phrases make.

Question templates see these as fields of `fact` (see `fact_context`):

    plural         the curator's `plural`, else read from the name, term or role ("Soviet planners")

What each reads of a fact its kind declares (`quizgen.schema.FactBase`): the field naming it and the one
describing it (a person by name and role, a term by term and definition), the fields its number comes from,
its date and its event.
    be             is, are, was or were: by `plural` and by `years` (an open range is still so)
    answer_kind    the kind of thing the answer is: the curator's `category` where it names a kind the
                   questions know ("organisation", "concept"), else read from the words (see quizgen/kinds.py)
    role_phrase    a person's role as it reads after "was": "a politician from ..." for a bare "politician ..."
    describes      the role describes rather than names ("a Russian TV host"): ask "Which of these people ...?"
    name_question  how to ask for a term by its definition: "Which lender financed the dam?", "What is the name of
                   the region where ...?", "Which organisation is a Russian-led grouping ...?", "Which term means
                   ...?" for concepts
    says           the verb the quote reports a claim with ("thought", "argued"), else "said"
    present        the quote speaks in the present ("the atom changes ..."): what holds at any time is asked so
    when_question  how to ask when an event happened, as precisely as its quote allows ("By which year had the sea
                   split in two?")
    time_grain, time_bound, according
                   the same for templates that word the question themselves: day, month, year, decade or range;
                   by, after, from, about or ""; whether to say "according to the article"

A course in another language (quizgen/languages/) is read by its own module: number, kinds and what its templates
need (a Russian definition's `number`, a speaker's `speaker_number`, a Kazakh definition's `names_a_name`) come
from there, and the English helpers (role_phrase, name_question, when_question, determiner) are left out.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import grammar, schema
from ..cues import related
from ..cues import words as cue_words
from ..kinds import CONCEPT, FAMILIES, PEOPLE, PERSON, family_of, is_proper_name, kind_word
from ..languages import Language, language_for
from ..model import Fact
from ..precision import AskedTime, asked_time
from ..text import dates_language, sentence_case


def effective_plural(fact: Fact) -> bool:
    """The curator's `plural` where given, else plural when any field its kind reads the number from is: a name
    ending in a plural noun, or a description that reads as plural."""
    if fact.plural is not None:
        return fact.plural
    kind = schema.kind_of(fact)
    language = language_of(fact)
    if language.english and kind.description_field and kind.description_field not in kind.number_from:
        # a plural description makes it plural ("the gauge bosons ..."), and a word is one ("atomos" is "the
        # ancient Greek word ..."); a plural name described as one thing ("a group of ...") is the curator's call
        description = str(fact.fields.get(kind.description_field) or "")
        number = grammar.common_head_plural(description)
        if number or (number is False and grammar.names_a_word(description)):
            return bool(number)
    for field in kind.number_from:
        value = str(fact.fields.get(field) or "")
        if _plural_name(language, value) if field == kind.name_field else _plural_phrase(language, value):
            return True
    return False


def language_of(fact: Fact) -> Language:
    return language_for(fact.language)


@lru_cache(maxsize=4096)
def _plural_name(language: Language, name: str) -> bool:
    return language.plural_name(name)


@lru_cache(maxsize=4096)
def _plural_phrase(language: Language, phrase: str) -> bool:
    return language.plural_phrase(phrase)


def answer_kind(fact: Fact) -> str:
    """The kind of thing the fact's name or term is: the curator's category where it names a known kind, else
    the kind its words give (quizgen/kinds.py); "" for facts whose answers are not things (dates, effects)."""
    if fact.category:
        family = family_of(fact.category)
        if family in FAMILIES or family == CONCEPT:
            return family
    kind = schema.kind_of(fact)
    if not kind.name_field:
        return ""
    name = fact.fields.get(kind.name_field) or ""
    description = fact.fields.get(kind.description_field) or "" if kind.description_field else ""
    language = language_of(fact)
    if names_person(fact):
        kind_name = _person_kind(language, name, description)
        gender = fact.fields.get("gender")
        # Wrong options of one gender: a role that names a woman ("the first woman in space") is otherwise
        # answered by the only woman among them, and a surname often shows the gender to every reader.
        return f"{kind_name}/{gender}" if gender and kind_name in (PERSON, PEOPLE) else kind_name
    return _term_kind(language, name, description)


def names_person(fact: Fact) -> bool:
    """Whether what a fact is about is a person: its kind's name field fills the `person` slot."""
    kind = schema.kind_of(fact)
    return bool(kind.name_field) and schema.slot_of(fact.kind, kind.name_field) == "person"


@lru_cache(maxsize=4096)
def _term_kind(language: Language, term: str, definition: str) -> str:
    return language.term_kind(term, definition)


@lru_cache(maxsize=4096)
def _person_kind(language: Language, name: str, role: str) -> str:
    return language.person_kind(name, role)


def speaker_kind(fact: Fact, name: str) -> str:
    """The kind of a speaker no fact describes, read in the fact's language."""
    return language_of(fact).speaker_kind(name)


@lru_cache(maxsize=4096)
def role_phrase(role: str) -> str:
    return grammar.noun_phrase(role)


SHORT_DEFINITION = 8  # words: "What is X called?" reads well up to this length; longer, the name is asked first


@lru_cache(maxsize=4096)
def name_question(definition: str, kind: str, plural: bool, term: str = "") -> str:
    """Ask for a term by its definition, in words that fit its kind (never a word of the term itself: "Which
    organisation ...?" would point at the "... Organization"). The verb agrees with the definition's own head
    noun ("the elementary particles ..." are; "the ancient Greek word ..." is), whatever the term's number.

    A proper name (`kinds.is_proper_name`: a place, a building, a body) is not a "term" that "means"
    something: its kind is no concept unless its definition's head is an idea (`kinds.term_kind`), and where a
    preposition places that head it is asked by it ("Which pumping station is on the Erith Marshes?")."""
    definition = definition.strip()
    words = grammar.tokens(definition)
    head = grammar.head_index(definition)
    head_word = grammar.bare(words[head]).casefold() if head >= 0 else ""
    number = grammar.common_head_plural(definition)
    many = plural if number is None else number
    verb = "are" if many else "is"
    if grammar.names_a_word(definition):  # the definition is itself a name: "What is Thomson's name for ...?"
        return f"What {verb} {definition}?"
    if kind == CONCEPT:  # an idea, whatever its capitals ("Marxism", "Perestroika")
        return f"Which term means {definition}?"
    noun = kind_word(kind) if kind != CONCEPT else ""
    if noun and any(related(noun, word) for word in cue_words(term)):
        noun = ""
    if words and words[0].casefold() in ("the", "a", "an") and 0 < head < len(words) - 2 \
            and not words[head].endswith(",") and grammar.bare(words[head + 1]).casefold() in ("that", "which", "who") \
            and _starts_predicate(grammar.bare(words[head + 2])):
        said = _trailing_participle(words)
        if said > head + 3:  # "..., used in the lecture as a test": it describes the head, so it goes beside it
            predicate = " ".join(words[head + 2:said]).rstrip(",")
            return f"Which {' '.join(words[1:head + 1])}, {' '.join(words[said:])}, {predicate}?"
        return f"Which {' '.join(words[1:head + 1])} {' '.join(words[head + 2:])}?"  # the lender that financed ...
    if noun and noun != head_word and (grammar.indefinite(definition) or not grammar.is_determined(definition)):
        return f"Which {noun} {'are' if plural else 'is'} {definition}?"  # "Which organisation is a grouping ...?"
    placed = _placed_question(definition, words, head, verb) if is_proper_name(term) else ""
    if placed:
        return placed
    if len(words) <= SHORT_DEFINITION:
        return f"What {verb} {definition} called?"
    if many or not grammar.is_determined(definition) or grammar.indefinite(definition):
        return f"What name is given to {definition}?"
    return f"What is the name of {definition}?"


_CLAUSE_WORDS = frozenset("that which who whom whose where when".split())  # "... in London where trams were ..."
_PLACED = frozenset("in on at near beside by along above below under across inside outside opposite off".split())


def _placed_question(definition: str, words: list[str], head: int, verb: str) -> str:
    """Ask for a proper name by its definition's head where a preposition places it ("Which pumping station is on
    the Erith Marshes?"); "" for any other definition (a clause after it, a head not placed)."""
    if words and words[0].casefold() in ("a", "an", "the") and 0 < head < len(words) - 1 \
            and not words[head].endswith(",") and grammar.bare(words[head + 1]).casefold() in _PLACED \
            and not any(grammar.bare(w).casefold() in _CLAUSE_WORDS for w in words[head + 1:]):
        said = _trailing_participle(words)
        if said > head + 2:
            # "an ornate station in Stratford, listed by ...": the participle describes the station, and says nothing
            # of when ("built by monks" is no "is built"), so it stays a description beside it
            if verb != "is":
                return ""
            return f"What is the name of the {' '.join(words[1:said]).rstrip(',')}, {' '.join(words[said:])}?"
        return f"Which {' '.join(words[1:head + 1])} {verb} {' '.join(words[head + 1:])}?"
    return ""


def _trailing_participle(words: list[str]) -> int:
    """Where a definition ends with a past participle's phrase set off by a comma (", listed for protection by
    English Heritage"), the index of the participle; else 0. Asked after the rest, it would dangle."""
    for k in range(len(words) - 1, 0, -1):
        if words[k - 1].endswith(","):
            word = grammar.bare(words[k])
            participle = word.isalpha() and word.islower() and any(
                word in grammar._inflection(lemma, "VBN") for lemma in grammar._lemmas(word).get("VERB", ()))
            return k if participle and not any(w.endswith(",") for w in words[k:-1]) else 0
    return 0


def _starts_predicate(word: str) -> bool:
    """Whether a relative clause's first word is its verb ("that financed ..."), not its subject ("that fishermen
    left ..."), so the clause can follow "Which lender ..."."""
    if word in ("is", "was", "are", "were", "has", "had", "have"):
        return True
    if not (word.isalpha() and word.islower()) or word in grammar.DETERMINERS:
        return False
    return any(word in grammar._inflection(lemma, "VBD") + grammar._inflection(lemma, "VBZ")
               for lemma in grammar._lemmas(word).get("VERB", ()))


@lru_cache(maxsize=4096)
def determiner(term: str, quote: str) -> str:
    """How the text introduces a term: "the" where its quote writes "the Syr Darya", "none" where it writes the
    name bare ("Aralsk, a fishing town"); without it in the quote, "the" for several words, "none" for one."""
    first = grammar.tokens(term)[:1]
    if first and first[0].casefold() in grammar.DETERMINERS:
        return "none"  # "the Kazakh alphabet" brings its own
    found = re.search(r"(\S+\s+)?" + re.escape(term) + r"\b", quote, re.I)
    before = found.group(1).strip().casefold() if found and found.group(1) else ""
    if before == "the":
        return "the"
    if before in ("a", "an") and not term[:1].isupper():
        # "a sperm candle, which ...": the text speaks of one of a kind, and so does its statement ("A sperm candle
        # is ..."), with the article its first sound takes
        return grammar.indefinite_article(term)
    earlier = quote[: found.start(1)].split()[-1:] if found and found.group(1) else []
    if earlier and earlier[0].casefold() == "the" and before.isalpha() and before not in grammar.DETERMINERS \
            and term[:1].isupper():
        return "the"  # "the famous University of al-Azhar": an adjective between
    if before and before not in grammar.DETERMINERS and not re.search(r"['’]s?$", before):
        return "none"  # "in Aralsk", "Nauryz, the ..." after a comma: a bare name
    if found and not before and found.end() < len(quote) and quote[found.end():].lstrip()[:1] == ",":
        return "none"  # "Aralsk, a fishing town": named bare before its description
    words = grammar.tokens(term)
    if found and not before and found.start() == 0 and all(w[:1].isupper() for w in words if w.isalpha()):
        return "none"  # "Abbey Mills in Stratford": a name its text writes bare, without "the"
    if len(words) > 1 and term == term.lower():
        # a common noun of several words the text does not write with "the" ("pumping stations were placed"): one of
        # a kind ("A pumping station is ..."), as "a sperm candle" is; many of a kind bare ("Salt pans are ...")
        if grammar.is_plural_noun(grammar.bare(words[-1]).casefold()):
            return "none"
        return grammar.indefinite_article(term)
    return "the" if len(words) > 1 else "none"


def asked(fact: Fact) -> AskedTime | None:
    """How a fact's time can be asked: an event's (its kind's `date_field`, with its `event_field`); None for
    facts without one."""
    kind = schema.kind_of(fact)
    if not kind.date_field or not fact.fields.get(kind.date_field):
        return None
    what = fact.fields.get(kind.event_field, "") if kind.event_field else ""
    # The dates' language (text.dates_written) is part of the key: the answer is written in it.
    return _asked(language_of(fact), fact.quote, str(fact.fields[kind.date_field]), what, bool(fact.context),
                  dates_language())


@lru_cache(maxsize=4096)
def _asked(language: Language, quote: str, when: str, what: str, has_context: bool, dates: str) -> AskedTime:
    state = "be" if language.describes_state(what) else ""  # "was held" happened; "the sea covered ..." was so
    return asked_time(quote, when, state, has_context)


@lru_cache(maxsize=4096)
def when_question(what: str, wh: str, form: str, according: bool, source: str = schema.CALLED_DEFAULT,
                  corrected: bool = False) -> str:
    """"In which year did Kazakhstan finish the Kok-Aral dam?" from the event's clause; "According to the article,
    ..." (or what the source is `called`) where the question asks by what the source says. A date the curator's
    note `corrected` is the source's whatever else the clause attributes to it ("the book's starting point")."""
    question = grammar.ask_clause(wh, what.strip().rstrip("."), form)
    if question is None:  # no verb found, or a clause one question would garble: state the event, then ask
        statement = what.strip().rstrip(".")
        statement = grammar.according(statement, source, corrected) if according else sentence_case(statement)
        return f"{statement}. {wh}?"
    if according and question.startswith(wh):
        question = grammar.according(f"{question[:1].lower()}{question[1:]}", source, corrected)
    return question


def event_question(fact: Fact, time: AskedTime) -> str:
    """The question of an event's date asked as `time` says (`when_question` of its clause), by the source's words
    where the time is the source's claim or the curator's note corrects it."""
    kind = schema.kind_of(fact)
    return when_question(str(fact.fields.get(kind.event_field, "")), time.wh, time.form,
                         time.according or fact.corrected, fact.source_called, fact.corrected)


@lru_cache(maxsize=4096)
def _present(quote: str) -> bool:
    return grammar.in_present(quote)


def wording(fact: Fact) -> dict:
    """The fields `fact_context` adds for templates: number, kind and the questions its phrases make."""
    plural = effective_plural(fact)
    # A fact the curator's note corrects is the source's claim, and its questions say so ("According to the book,
    # in which year ...?"): a learner is never drilled on the source's error as plain fact.
    corrected = fact.corrected
    out = {"plural": plural, "answer_kind": answer_kind(fact), "from_context": fact.from_context,
           "present": _present(fact.quote), "says": grammar.reporting_verb(fact.quote), "corrected": corrected}
    kind = schema.kind_of(fact)
    language = language_of(fact)
    time = asked(fact)
    if time is not None:  # how precisely to ask, for templates that word the question themselves
        out.update(time_grain=time.grain, time_bound=time.bound, according=time.according)
    if not language.english:  # the language's own reading; the English helpers below build English phrases
        out.update(language.fields(fact.kind, fact.fields))
        return out
    if kind.name_field and kind.description_field:
        name, description = fact.fields.get(kind.name_field, ""), fact.fields.get(kind.description_field, "")
        if names_person(fact):  # "Who was the editor of RT?"
            phrase = role_phrase(description)
            out.update(role_phrase=phrase, describes=grammar.indefinite(phrase))
        else:  # "Which lender financed the dam?"
            out["determiner"] = fact.fields.get("determiner") or determiner(name, fact.quote)
            # a plural word the description names as one word ("Thomson's name for ..."): the word is the subject,
            # in quotes, so "is" agrees with it ('What is "corpuscles"?', never "What is corpuscles?")
            mentioned = not plural and grammar.names_a_word(description) and _plural_name(language, name)
            out["term_said"] = f'"{name}"' if mentioned else name
            # A term defined as a name, a word or a title ("a byname given to ...", "the ancient Greek word ...") is
            # asked as one: 'What is the name "al-Basri"?', never "What is al-Basri?", which asks after a thing
            out["word_kind"] = ""
            if grammar.names_a_word(description):
                head = grammar.bare(grammar.head_noun(description)).casefold()
                out["word_kind"] = head if head in ("word", "term", "title") else "name"
            out["name_question"] = name_question(description, out["answer_kind"], plural, name)
    if time is not None and kind.event_field:
        out["when_question"] = event_question(fact, time)
    return out
