"""The course's language: its message catalog, its dates and numbers, its lint data.

Every fixed text a student or teacher reads (a worksheet's instructions, a key's headings, the web quiz's
buttons, a card's labels) is written in English in the code and marked for extraction; `Messages` gives it in
the course's language from `quizgen/languages/<language>/LC_MESSAGES/quizgen.mo`, compiled from the `.po` catalog
beside it (`pybabel compile`, see babel.cfg). A language quizgen has no catalog for reads English.

Adding a language is one folder, `quizgen/languages/<language>/`: its catalog and its `lint.yaml`.
"""
from __future__ import annotations

import gettext as _gettext
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from .text import human_date

LANGUAGES_DIR = Path(__file__).resolve().parent / "languages"
DOMAIN = "quizgen"
SOURCE_LANGUAGE = "en"  # the language the messages are written in

# The values an item carries for its two-way choices, as the generator writes them; outputs show them through
# `Messages.choice`, so an item and its answer key stay the same whatever the course's language.
TRUE, FALSE, FACT, OPINION = "True", "False", "Fact", "Opinion"


def N_(message: str) -> str:
    """Mark a message for extraction where it is declared; it is translated where it is shown."""
    return message


def Np_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message with a plural for extraction where it is declared."""
    return singular, plural


def base_language(tag: str | None) -> str:
    """The language subtag of a BCP 47 tag: 'ru' of 'ru-KZ', 'en' of None."""
    return (tag or SOURCE_LANGUAGE).lower().replace("_", "-").split("-")[0]


def shipped_languages() -> tuple[str, ...]:
    """The languages quizgen has a catalog for, the source language first."""
    found = sorted(p.name for p in LANGUAGES_DIR.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file())
    return (SOURCE_LANGUAGE, *[lang for lang in found if lang != SOURCE_LANGUAGE])


@cache
def _translations(language: str) -> _gettext.NullTranslations:
    mo = LANGUAGES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if language == SOURCE_LANGUAGE or not mo.is_file():
        return _gettext.NullTranslations()
    with open(mo, "rb") as f:
        return _gettext.GNUTranslations(f)


@dataclass(frozen=True)
class Messages:
    """The fixed texts, dates and numbers of one language."""

    language: str  # the course's tag as written ("ru", "kk-KZ")

    @property
    def base(self) -> str:
        return base_language(self.language)

    @property
    def translations(self) -> _gettext.NullTranslations:
        """What Jinja's i18n extension installs (gettext, ngettext)."""
        return _translations(self.base)

    @property
    def has_catalog(self) -> bool:
        """Whether quizgen speaks this language (else its texts are English)."""
        return self.base == SOURCE_LANGUAGE or isinstance(self.translations, _gettext.GNUTranslations)

    def gettext(self, message: str, **values: object) -> str:
        """The message in this language, with `%(name)s` placeholders filled from `values`."""
        text = self.translations.gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        """The form of a message for the count `n` (Russian has three), with `%(num)s` set to n."""
        text = self.translations.ngettext(singular, plural, n)
        return text % {"num": self.number(n), **values}

    def plural_index(self, n: int) -> int:
        """Which of the catalog's plural forms the count `n` takes (0 for one in English)."""
        plural = getattr(self.translations, "plural", None)
        return int(plural(n)) if plural else int(n != 1)

    def choice(self, value: str) -> str:
        """A two-way choice an item carries ("True", "Fact"...), as this language writes it; other text as is."""
        labels = {TRUE: N_("True"), FALSE: N_("False"), FACT: N_("Fact"), OPINION: N_("Opinion")}
        return self.gettext(labels[value]) if value in labels else value

    def citation(self, title: str, numbers: tuple[int, ...]) -> str:
        """Where an answer comes from: "Title, paragraph 3" or "Title, paragraphs 3, 4"."""
        listed = ", ".join(str(n) for n in numbers)
        return self.ngettext("%(title)s, paragraph %(numbers)s", "%(title)s, paragraphs %(numbers)s",
                             len(numbers), title=title, numbers=listed)

    def quoted(self, text: str) -> str:
        """A quotation in this language's quote marks (“...” in English, «...» in Russian and Kazakh)."""
        return self.gettext("“%(quote)s”", quote=text)

    def date(self, iso: str) -> str:
        """An ISO date (1991, 1991-12 or 1991-12-16) as this language writes it in a school text."""
        return format_date(str(iso), self.base)

    def number(self, n: float) -> str:
        """A number with this language's decimal sign ("83,6" in Russian and Kazakh)."""
        from babel.numbers import format_decimal

        if isinstance(n, int) and abs(n) < 10000:
            return str(n)  # years, counts and page numbers without a group separator
        return format_decimal(n, locale=_locale(self.base))


@dataclass(frozen=True)
class LintData:
    """What the lint knows of a language, from `quizgen/languages/<language>/lint.yaml`."""

    language: str
    absolute_words: tuple[str, ...] = ()
    stopwords: frozenset[str] = frozenset()
    stemmer: str = ""  # a Snowball stemmer's language name
    suffixes: tuple[str, ...] = ()  # else endings cut, longest first

    def root(self, word: str) -> str:
        """A word's root, as far as the data tells it: the same root means the same family."""
        word = word.casefold()
        if self.stemmer:
            return _stemmer(self.stemmer).stemWord(word)
        for suffix in self.suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                return word[: -len(suffix)]
        return word


@cache
def _stemmer(name: str):
    import snowballstemmer

    return snowballstemmer.stemmer(name)


@cache
def lint_data(language: str | None) -> LintData | None:
    """The lint's data of a language other than English (whose data is the lint's own), or None without any."""
    base = base_language(language)
    path = LANGUAGES_DIR / base / "lint.yaml"
    if base == SOURCE_LANGUAGE or not path.is_file():
        return None
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {}
    return LintData(base, tuple(str(w) for w in data.get("absolute_words", ())),
                    frozenset(str(w).casefold() for w in data.get("stopwords", ())), str(data.get("stemmer", "")),
                    tuple(sorted((str(s) for s in data.get("suffixes", ())), key=len, reverse=True)))


@cache
def messages(language: str | None) -> Messages:
    return Messages(language or SOURCE_LANGUAGE)


def _locale(base: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(base)
    except (UnknownLocaleError, ValueError):
        return SOURCE_LANGUAGE
    return base


# --- dates --------------------------------------------------------------------------------
#
# Babel gives each locale's CLDR patterns. Where CLDR's pattern is not what a school text prints, the pattern
# is written here: CLDR's Kazakh long date is "1991 ж. 16 желтоқсан" (an abbreviation a textbook spells out as
# "1991 жылғы 16 желтоқсан"). English keeps quizgen's own "16 December 1991" and "December 1991".

_DAY_PATTERNS = {"kk": "y 'жылғы' d MMMM"}
_MONTH_PATTERNS = {"kk": "y 'жылғы' MMMM"}  # CLDR's standalone Kazakh month is capitalised


@lru_cache(maxsize=4096)
def format_date(iso: str, language: str = SOURCE_LANGUAGE) -> str:
    """Write an ISO date (2022, 2022-04 or 2022-04-28) the way people of `language` read it."""
    base = base_language(language)
    parts = [int(p) for p in re.findall(r"\d+", iso)[:3]]
    if len(parts) == 1 or base == SOURCE_LANGUAGE:
        return human_date(iso)
    locale = _locale(base)
    return _cldr_date(parts, base, locale).replace("\u202f", "\u00a0")  # PT Sans has no narrow no-break space


def _cldr_date(parts: list[int], base: str, locale: str) -> str:
    import datetime as dt

    from babel.dates import format_date as babel_date
    from babel.dates import format_skeleton

    when = dt.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
    if len(parts) == 2:
        if base in _MONTH_PATTERNS:
            return babel_date(when, _MONTH_PATTERNS[base], locale=locale)
        return format_skeleton("yMMMM", when, locale=locale)  # ru: "декабрь 1991 г.", the standalone month
    return babel_date(when, _DAY_PATTERNS.get(base, "long"), locale=locale)
