"""How questions speak each course language: one module per language, behind one interface.

The question templates of a language live in `templates/questions/<code>/<kind>/`; what they need to know of a
fact's words (its number, the head noun of a description, how a speaker's verb agrees, the statements and
instructions of the items drawn from several facts) comes from `quizgen/languages/<code>.py`, which defines
`LANGUAGE`, an instance of a subclass of `Language`. A third language is that folder and that module.

`Language` itself speaks English, through `quizgen.grammar` and `quizgen.kinds`; a course whose language has no
module of its own (German, say) is read as English is, and asked in the English templates.

Everything here takes and returns plain text: nothing knows about facts, files or templates.
"""
from __future__ import annotations

import importlib
import re
from functools import cache
from pathlib import Path

from .. import grammar, kinds

SINGULAR, PLURAL = "singular", "plural"  # what `number` says; "" where it cannot be known


class Language:
    """A course language's reading of a fact's words. This base class reads English."""

    code = "en"
    english = True  # the English templates' own helpers (articles, do-support: quizgen/generate/wording.py) apply

    # Words a curator may write for the speaker that is the article itself (besides `the article`).
    author_words: tuple[str, ...] = ()

    def number(self, phrase: str) -> str:
        """The number of a noun phrase by its head: SINGULAR, PLURAL, or "" where its words do not say for sure."""
        return PLURAL if grammar.is_plural_phrase(phrase) else SINGULAR

    def subject_number(self, text: str) -> str:
        """The number of a subject a template's verb agrees with (a speaker shown in a statement)."""
        return self.number(text)

    def plural_name(self, name: str) -> bool:
        """Whether a name stands for several people or things ("Soviet planners", "X and Y" in a language that
        says so)."""
        words = grammar.tokens(name)
        return bool(words) and grammar.is_plural_noun(words[-1])

    def plural_phrase(self, phrase: str) -> bool:
        return self.number(phrase) == PLURAL

    def person_kind(self, name: str, role: str) -> str:
        return kinds.person_kind(name, role)

    def term_kind(self, term: str, definition: str) -> str:
        return kinds.term_kind(term, definition)

    def speaker_kind(self, name: str) -> str:
        return kinds.speaker_kind(name)

    def describes_state(self, clause: str) -> bool:
        """Whether an event's clause tells how things stood ("the sea covered 68,000 km2"), which was so in the
        neighbouring years too, rather than what happened ("the sea split", "a forum was held")."""
        from ..precision import STATIVE_VERBS

        return not grammar.is_passive(clause) and grammar.clause_verb_lemma(clause) in STATIVE_VERBS

    def fields(self, kind: str, fields: dict) -> dict:
        """What the language's templates see besides a fact's own fields (the English ones: quizgen/generate/
        wording.py)."""
        return {}

    def said_that(self, speaker: str, claim: str) -> str:
        """A named speaker's claim as a statement of fact: that they said it."""
        return f"{speaker} said that {claim}"


@cache
def language_for(code: str) -> Language:
    """The language a course's `language` tag names (`ru`, `kk`, `ru-RU`), English where quizgen has no module
    for it."""
    base = re.split(r"[-_]", (code or "en").strip().casefold())[0]
    if base != "en" and re.fullmatch(r"[a-z]{2,3}", base) and (Path(__file__).parent / f"{base}.py").is_file():
        return importlib.import_module(f"{__name__}.{base}").LANGUAGE
    return ENGLISH


ENGLISH = Language()


def shipped() -> list[str]:
    """The codes of the languages quizgen ships question templates and a module for, English first."""
    return ["en"] + sorted(p.stem for p in Path(__file__).parent.glob("*.py") if p.stem != "__init__")
