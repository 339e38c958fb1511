"""Russian: number from the words (pymorphy3's dictionary), gender from the curator, case kept nominative.

The templates in `templates/questions/ru/` put every curated phrase where the nominative is right (after a dash,
a colon, "Что такое"), so no field is ever declined. What agrees is the template's own words: "Как называется /
называются" with a definition's head noun, "считает / считают" with a speaker, "Кем был / была / были" with a
person. Each form is taken only where the words say it for sure:

- a head noun's number counts when every nominative reading pymorphy3 gives the word has the same number
  ("космонавты" plural; "человек" is also a genitive plural, but its nominative is singular);
- two names joined by " и " are plural ("Александр Волков и Франц Фибёк");
- a name (capitalised words) is singular; gender comes only from the person's `gender` field: "Фибёк" or "Зере"
  tell nobody.

Where the number cannot be known, the template takes a construction without agreement ("Как это называется:
...?", "вот кто считает, что ...: X").
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..kinds import PEOPLE, PERSON
from . import PLURAL, SINGULAR, Language

_WORD = re.compile(r"[А-ЯЁа-яёA-Za-z][А-ЯЁа-яёA-Za-z-]*")
_JOINED_NAMES = re.compile(r"\S\s+и\s+[А-ЯЁA-Z]")
# A noun phrase's head comes before what modifies it from behind: a comma, a relative clause, a participle clause.
_STOP = re.compile(r"[,;:(—]|\s(который|которая|которое|которые|чей|где|когда)\b")


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=8192)
def _nominative_nouns(word: str) -> tuple[tuple[str, str], ...]:
    """The (lemma, number) of each reading of a word as a noun in the nominative; () if it has none."""
    parses = _morph().parse(word)
    if not parses or parses[0].tag.POS != "NOUN":  # "и" can be read as a letter's name; "первый" as a noun
        return ()
    return tuple(dict.fromkeys((p.normal_form, p.tag.number or "") for p in parses
                               if p.tag.POS == "NOUN" and p.tag.case == "nomn"))


def _head(phrase: str) -> tuple[tuple[str, str], ...]:
    """The readings of a noun phrase's head: its first word that can be a nominative noun, before any comma or
    relative clause ("токсичное топливо некоторых ракет, ..." -> топливо)."""
    stop = _STOP.search(phrase)
    for word in _WORD.findall(phrase[: stop.start()] if stop else phrase):
        readings = _nominative_nouns(word.casefold())
        if readings:
            return readings
    return ()


def _is_name(text: str) -> bool:
    words = _WORD.findall(text)
    return bool(words) and all(w[:1].isupper() for w in words if w not in ("и", "де", "фон", "ван", "ибн"))


# Verbs of a state rather than a change, in the imperfective: "в 1960 году море занимало 68 тысяч км²" held in
# 1959 and 1961 too. A perfective verb ("занял") or a passive ("был построен") tells what happened.
_STATIVE = frozenset("""быть являться находиться располагаться занимать составлять насчитывать весить иметь содержать
включать жить оставаться стоять лежать принадлежать покрывать граничить существовать называться носить
простираться достигать""".split())


class Russian(Language):
    code = "ru"
    english = False
    author_words = ("статья",)

    def number(self, phrase: str) -> str:
        if _JOINED_NAMES.search(phrase):
            return PLURAL
        numbers = {number for _, number in _head(phrase)}
        if numbers == {"sing"}:
            return SINGULAR
        if numbers == {"plur"}:
            return PLURAL
        return ""

    def subject_number(self, text: str) -> str:
        """The number of a subject the template's verb agrees with: a name is singular, two names plural, a
        common noun ("историки") by its head."""
        if _JOINED_NAMES.search(text):
            return PLURAL
        if _is_name(text):
            return SINGULAR
        return self.number(text)

    def plural_name(self, name: str) -> bool:
        return self.subject_number(name) == PLURAL

    def person_kind(self, name: str, role: str) -> str:
        return PEOPLE if self.plural_name(name) or self.number(role) == PLURAL else PERSON

    def term_kind(self, term: str, definition: str) -> str:
        lemmas = {lemma for lemma, _ in _head(definition)}
        return sorted(lemmas)[0] if lemmas else term.casefold()

    def speaker_kind(self, name: str) -> str:
        return PEOPLE if self.plural_name(name) else PERSON

    def describes_state(self, clause: str) -> bool:
        words = _WORD.findall(clause)
        for k, word in enumerate(words):
            parse = _morph().parse(word.casefold())[0]
            if parse.tag.POS != "VERB":
                continue
            following = _morph().parse(words[k + 1].casefold())[0] if k + 1 < len(words) else None
            if parse.normal_form == "быть" and following is not None and following.tag.POS == "PRTS":
                return False  # "был построен": a passive, something happened
            return parse.tag.aspect == "impf" and parse.normal_form in _STATIVE
        return False

    def fields(self, kind: str, fields: dict) -> dict:
        if kind == "term":
            return {"number": self.number(str(fields.get("definition") or ""))}
        if kind == "claim":
            return {"speaker_number": self.subject_number(str(fields.get("speaker") or ""))}
        return {}

    def said_that(self, speaker: str, claim: str) -> str:
        number = self.subject_number(speaker)
        if number == PLURAL:
            return f"{speaker} считают, что {claim}"
        if number == SINGULAR:
            return f"{speaker} считает, что {claim}"
        return f"вот кто считает, что {claim}: {speaker}"


LANGUAGE = Russian()
