"""Kazakh: no grammatical gender, one verb form for both numbers, and no suffix on a curated word.

Suffixes follow vowel harmony and the word's last sound, and a rule-based suffixer goes wrong on loanwords, names
in quotes and abbreviations («Буран», ЮНЕСКО). So the templates in `templates/questions/kk/` keep every curated
name, term, role and date in the nominative, as subject or predicate, and let "деген", "деп", "қалай аталады",
"кім", "не" and a second sentence ("... . Бұл қай жылы болды?") do the asking. Suffixes go only on the templates'
own words (жыл, ай, күн), written out in the templates.

What is read from the words: a description's head is its last word, without its possessive ending ("оқу орны" ->
орн, "шын есімі" -> есім); a plural is two names joined by мен / бен / пен / және, or a head with a plural suffix
(ғалымдар, ұлдары). Number matters only to which people are offered together; the verbs never agree.
"""
from __future__ import annotations

import re

from ..kinds import PEOPLE, PERSON
from . import PLURAL, SINGULAR, Language

_WORD = re.compile(r"[^\W\d_][\w-]*")
_JOINED_NAMES = re.compile(r"\S\s+(?:мен|бен|пен|және)\s+[А-ЯЁӘҒҚҢӨҰҮҺІA-Z]")  # two names, not two nouns
_PLURAL = re.compile(r"..(?:лар|лер|дар|дер|тар|тер)(?:ы|і|ым|ім|ың|ің)?$")
_POSSESSIVE = re.compile(r"(?:сы|сі)$|(?<=[^аәеөіоұүыэяюиу])(?:ы|і)$")
# Nouns that drop their last vowel before a possessive ending ("орын" -> "оқу орны"), given back when it is stripped,
# so that the kind a warning names is a word.
_DROPPED_VOWEL = {"орн": "орын", "мұрн": "мұрын", "ауз": "ауыз", "ерн": "ерін", "қарн": "қарын", "халқ": "халық",
                  "нарқ": "нарық", "ойн": "ойын", "көрш": "көрші", "құлқ": "құлық", "ырқ": "ырық"}
_STATE_ENDINGS = frozenset({"еді", "тұрды", "тұратын", "жатты", "жататын", "болатын", "орналасқан", "тұрған"})
NAME_WORDS = frozenset({"есім", "ат", "атау", "лақап", "бүркеншік"})  # "шын есімі қандай?" rather than "қалай аталады"


def head(phrase: str) -> str:
    """A description's head, its last word without a possessive or plural ending ("сазгері" -> сазгер, "ұлдары" ->
    ұл)."""
    words = _WORD.findall(phrase)
    if not words:
        return ""
    word = words[-1].casefold()
    stem = _POSSESSIVE.sub("", word) if len(word) > 3 else word
    stem = re.sub(r"(?<=..)(?:лар|лер|дар|дер|тар|тер)$", "", stem)
    return _DROPPED_VOWEL.get(stem, stem)


class Kazakh(Language):
    code = "kk"
    english = False
    author_words = ("мақала",)

    def number(self, phrase: str) -> str:
        if _JOINED_NAMES.search(phrase):
            return PLURAL
        words = _WORD.findall(phrase)
        if not words:
            return ""
        last = words[-1]
        return PLURAL if last[:1].islower() and _PLURAL.search(last.casefold()) else SINGULAR

    def subject_number(self, text: str) -> str:
        return self.number(text)

    def plural_name(self, name: str) -> bool:
        return self.number(name) == PLURAL

    def person_kind(self, name: str, role: str) -> str:
        return PEOPLE if self.plural_name(name) or self.number(role) == PLURAL else PERSON

    def term_kind(self, term: str, definition: str) -> str:
        return head(definition) or term.casefold()

    def speaker_kind(self, name: str) -> str:
        return PEOPLE if self.plural_name(name) else PERSON

    def describes_state(self, clause: str) -> bool:
        """A clause that ends in a verb of being or standing in the past ("... еді", "... тұрды", "... жатты",
        "... болатын"): how things stood, not what happened."""
        words = _WORD.findall(clause)
        return bool(words) and words[-1].casefold() in _STATE_ENDINGS

    def fields(self, kind: str, fields: dict) -> dict:
        if kind == "term":
            return {"names_a_name": head(str(fields.get("definition") or "")) in NAME_WORDS}
        return {}

    def said_that(self, speaker: str, claim: str) -> str:
        return f"{speaker} {claim} деп санайды"


LANGUAGE = Kazakh()
