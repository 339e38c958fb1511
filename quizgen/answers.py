"""What counts as a right written answer: one model for the key, the web quiz and any later export.

A written answer (a fill-in blank, a short answer) is right when, normalised, it equals one
of the item's *accepted forms*: its model answer, the fact's `accept` list and, where the
course sets `accept_romanised`, the romanised spellings of any of them written in another
script or with accents (Қызылорда: Kyzylorda, Qyzylorda); a name with a title or honorific is also right
without it (`untitled_name`: "Colonel Pasley" as Pasley). The key prints the same forms. Spellings that
normalising makes the same ("Gay-Lussac" and "Gay Lussac") are carried as well, unprinted, for graders that
compare the text as written (`name_spellings`).

Normalising forgives what says nothing about knowing the answer: Unicode compatibility
forms (NFKC), case, quote marks and apostrophes, hyphens and dashes, other punctuation,
repeated space, a leading article ("the Donbas"), thousands separators ("1,500"), "%" for
"percent", and, in English, numbers written as words ("two hundred", "nineteenth") or
digits ("200", "19th"). The rules are data (`rules()`), which the web quiz carries in its
page, and its script (`templates/web/quiz.js`) applies the same steps to what the learner
types; a test runs both on one table of cases. A model answer that is a bare common noun is also right with an
article or in its other number ("an element", "elements": `noun_forms`), carried unprinted as spellings are.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .cues import words
from .itemtypes import WRITTEN_TYPES

if TYPE_CHECKING:
    from .model import Course, Item

# --- the rules, as data the web page carries -------------------------------------------------

QUOTES = "'\"`‘’‚‛′“”„‟″«»"
DASHES = "-‐‑‒–—―−"

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_UNITS = ("zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
                  "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth").split()
_ORDINAL_TENS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split()

ENGLISH_NUMBERS = {
    "units": {w: n for n, w in enumerate(_UNITS)},  # 0-19
    "tens": {w: 20 + 10 * n for n, w in enumerate(_TENS)},
    "hundred": {"hundred": 100},
    "scales": {"thousand": 1000, "million": 10 ** 6, "billion": 10 ** 9},
    "ordinals": {**{w: n for n, w in enumerate(_ORDINAL_UNITS)},
                 **{w: 20 + 10 * n for n, w in enumerate(_ORDINAL_TENS)},
                 "hundredth": 100, "thousandth": 1000, "millionth": 10 ** 6, "billionth": 10 ** 9},
    "and": "and",
    "a": "a",  # "a hundred", "a million"
}
ENGLISH_RULES = {"articles": ["the", "a", "an"], "percent": ["percent", "per cent"], "numbers": ENGLISH_NUMBERS}


def rules(language: str = "en") -> dict[str, Any]:
    """The normalising rules for a course language, as plain data (the web page carries them)."""
    if (language or "en").lower().split("-")[0] == "en":
        return ENGLISH_RULES
    return {"articles": [], "percent": [], "numbers": None}


# --- normalising -------------------------------------------------------------------------

_GROUPED = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))")  # the comma of "1,500"
_DECIMAL = re.compile(r"(?<=[0-9])\.(?=[0-9])")
_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")
_DIGIT_ORDINAL = re.compile(r"^([0-9]+)(st|nd|rd|th)$")
DECIMAL_MARK = "\u2396"  # keeps "3.5" whole while other punctuation goes; never typed


def _punctuation(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")


def normalise_answer(text: str, language: str = "en") -> str:
    """The form of a written answer two spellings of the same answer share (see the module's docstring)."""
    return _normalise(str(text), (language or "en").lower().split("-")[0])


@lru_cache(maxsize=1 << 14)
def _normalise(text: str, language: str) -> str:
    rule = rules(language)
    text = unicodedata.normalize("NFKC", text).lower()
    text = "".join(ch for ch in text if ch not in QUOTES)
    text = _GROUPED.sub("", text)
    text = _DECIMAL.sub(DECIMAL_MARK, text)
    text = text.replace("%", " percent ")
    text = "".join(" " if ch in DASHES or (_punctuation(ch) and ch != DECIMAL_MARK) else ch for ch in text)
    text = text.replace(DECIMAL_MARK, ".")
    words = _SPACE.sub(" ", text).strip().split(" ") if text.strip() else []
    if rule["percent"]:
        words = _percent(words, rule["percent"])
    if rule["numbers"]:
        words = numbers_to_digits(words, rule["numbers"])
    if len(words) > 1 and words[0] in rule["articles"]:
        words = words[1:]
    return " ".join(words)


def _percent(words: list[str], spellings: list[str]) -> list[str]:
    out: list[str] = []
    k = 0
    while k < len(words):
        for spelling in spellings:
            parts = spelling.split(" ")
            if words[k:k + len(parts)] == parts:
                out.append("percent")
                k += len(parts)
                break
        else:
            out.append(words[k])
            k += 1
    return out


def _ordinal_suffix(n: int) -> str:
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _digits(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return repr(value)


def numbers_to_digits(words: list[str], table: dict[str, Any]) -> list[str]:
    """Replace every run of number words ("two hundred and fifty", "3 million", "twenty-first") by digits.

    A run follows English grammar: a unit after tens that end in zero, "hundred" after a unit, teen or tens,
    a scale ("thousand", "million") after any number that is not itself a scale, "and" after "hundred" or a
    scale when a number word follows; any other word starts a new number. The web quiz's script runs the
    same steps (`templates/web/quiz.js`).
    """
    units, tens, hundred, scales, ordinals = (table["units"], table["tens"], table["hundred"], table["scales"],
                                              table["ordinals"])
    out: list[str] = []
    total = current = 0.0
    last = ""  # the kind of the run's last word, "" when no run is open

    def close() -> None:
        nonlocal total, current, last
        if last:
            out.append(_digits(total + current))
        total = current = 0.0
        last = ""

    k = 0
    while k < len(words):
        word = words[k]
        following = words[k + 1] if k + 1 < len(words) else ""
        if word in units or word in tens:
            value = units.get(word, tens.get(word, 0))
            small = word in units and value < 10
            if last in ("tens",) and small and current % 10 == 0:
                pass
            elif last not in ("", "hundred", "scale", "and"):
                close()
            current += value
            last = "tens" if word in tens else ("unit" if small else "teen")
        elif word in ordinals:
            value = ordinals[word]
            small = value < 10
            joins = (last == "tens" and small and current % 10 == 0) or last in ("hundred", "scale", "and") or (
                value >= 100 and last in ("unit", "teen", "tens", "digit"))
            if not joins:
                close()
            if value >= 100:
                number = (total + max(current, 1.0) * value) if last else value
            else:
                number = total + current + value
            out.append(f"{_digits(number)}{_ordinal_suffix(int(number))}")
            total = current = 0.0
            last = ""
        elif word in hundred and last in ("unit", "teen", "tens", "digit", "a"):
            current = (current or 1.0) * 100
            last = "hundred"
        elif word in scales and last in ("unit", "teen", "tens", "digit", "hundred", "a"):
            total += (current or 1.0) * scales[word]
            current = 0.0
            last = "scale"
        elif word == table["and"] and last in ("hundred", "scale") and (
                following in units or following in tens or following in ordinals):
            last = "and"
        elif word == table["a"] and not last and (following in hundred or following in scales):
            last = "a"
        elif _DIGITS.match(word) and following in scales and not last:
            current = float(word)
            last = "digit"
        else:
            close()
            match = _DIGIT_ORDINAL.match(word)
            out.append(f"{int(match.group(1))}{match.group(2)}" if match else word)
        k += 1
    close()
    return out


def same_answer(typed: str, accepted: str, language: str = "en") -> bool:
    """Whether a typed answer equals an accepted form once both are normalised."""
    key = normalise_answer(typed, language)
    return key != "" and key == normalise_answer(accepted, language)


# --- romanised spellings ---------------------------------------------------------------------

# Letters of Kazakh, Kyrgyz, Tatar, Bashkir and Ukrainian Cyrillic, as the nearest Russian letter: English
# spellings of their names (Kyzylorda, Aktobe) follow the Russian romanisation of those letters.
_TO_RUSSIAN = str.maketrans("ҚқҒғҢңӨөҰұҮүҺһІіӘәЇїЄєҐґ", "КкГгНнОоУуУуХхИиАаИиЕеГг")


def romanised_forms(text: str) -> list[str]:
    """Latin spellings of a text written in another script or with accents; [] for plain ASCII.

    Two systems: an ASCII transliteration of every script (anyascii: Қызылорда as
    Qyzylorda, São as Sao), and for Cyrillic the romanisation English texts use (iuliia's Wikipedia
    schema, after Kazakh and other letters are read as their Russian counterparts: Kyzylorda, Tokayev).
    """
    if text.isascii():
        return []
    from anyascii import anyascii

    forms = [anyascii(text)]
    if any("\u0400" <= ch <= "\u04ff" for ch in text):
        import iuliia

        forms.append(iuliia.WIKIPEDIA.translate(text.translate(_TO_RUSSIAN)))
    return [f for f in dict.fromkeys(forms) if f.strip() and f != text]


# --- answers too long to recall as one piece ---------------------------------------------------

LONG_ANSWER_WORDS = 12  # a written answer longer than this is not recalled as one piece
SHORT_ANSWER_WORDS = 6  # a written answer longer than this is marked by its meaning, by a teacher, not matched


def enumeration_parts(text: str) -> int:
    """How many parts a text lists ("A, B and C" is three); 1 when it lists none. A comma before a clause or phrase
    that says more of what comes before it lists nothing ("a mixture of salt and ice, used to freeze water"; "a
    phial with a tube, in which hydrogen is made and burnt"), nor does a conjunction inside such a clause; a phrase
    opening with the word of the one before it is the next of a list ("dissatisfaction with X, with Y and with Z")."""
    from .grammar import adjective_commas, modifying

    parts = re.split(r"[,;]", text)
    listed = [parts[0]] + [p for k, p in enumerate(parts[1:]) if not modifying(p, parts[k])]
    commas = len(listed) - 1
    if commas:
        commas -= adjective_commas(text)  # "a cold, clean poker": one thing
    kept = ",".join(listed)
    if commas <= 0 or not re.search(r"\b(?:and|or)\b", kept):
        return 1
    return commas + 1 if re.search(r"[,;]\s*(?:and|or)\b", kept) else commas + 2  # "A, B, and C" or "A, B and C"


def too_long_to_recall(answer: str) -> bool:
    """Whether a written answer is too long, or lists too much, to be recalled as one piece."""
    return len(words(answer)) > LONG_ANSWER_WORDS or enumeration_parts(answer) >= 3


# --- the answer model of an item -------------------------------------------------------------


@dataclass(frozen=True)
class Answers:
    """The written answer of an item: what the key prints and what a typed answer is checked against."""

    model: str  # the model answer, printed first
    also: tuple[str, ...]  # other accepted forms, printed after "Also accept": the `accept` list, a titled name
    # without its title ("Pasley" for "Colonel Pasley"), then romanised
    marking: str = ""  # marking guidance for the key (a short answer in parts)
    language: str = "en"
    # Spellings normalising already makes the same as an accepted form ("Gay-Lussac" and "Gay Lussac", "Mr
    # Anderson" and "Mr. Anderson"): not printed, since the key's heading says what normalising forgives, but
    # carried to graders that compare the text as written (the LMS exports).
    spellings: tuple[str, ...] = ()

    @property
    def accepted(self) -> tuple[str, ...]:
        return (self.model,) + self.also + self.spellings

    def accepts(self, typed: str) -> bool:
        """Whether a typed answer is one of the accepted forms, normalised."""
        key = normalise_answer(typed, self.language)
        return key != "" and key in {normalise_answer(a, self.language) for a in self.accepted}


def number_forms(text: str, language: str = "en") -> list[str]:
    """The other spelling of a whole-number answer, for graders that compare answers as written (the LMS
    exports): "seven" -> ["7"], "18" -> ["eighteen"], "42" -> ["forty-two"] (words for 0 to 99 only, which is
    what a learner would write out), "eight million" -> ["8000000", "8,000,000", "8 million"]; [] for anything
    else or another language."""
    if rules(language)["numbers"] is None:
        return []
    text = " ".join(text.split())
    if text.isdigit():
        n = int(text)
        if n < 20:
            return [_UNITS[n]]
        if n < 100:
            return [_TENS[n // 10 - 2] + (f"-{_UNITS[n % 10]}" if n % 10 else "")]
    digits = normalise_answer(text, language)
    if not digits.isdigit():
        return []
    n = int(digits)
    forms = [digits] if digits != text else []
    if n >= 10_000:  # "8000000" as people write it too: "8,000,000", "8 million"
        forms.append(f"{n:,}")
        for scale, word in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand")):
            if n % scale == 0:
                forms.append(f"{n // scale} {word}")
                break
    return [f for f in forms if f != text]


def without_article(text: str, language: str = "en") -> str:
    """An answer without the article it starts with, as graders comparing the text as written need it ("the BBC":
    "BBC"; normalising drops it anyway); "" where it starts with none."""
    parts = text.split()
    if len(parts) > 1 and parts[0].casefold() in rules(language)["articles"]:
        return " ".join(parts[1:])
    return ""


# --- people's names ----------------------------------------------------------------------------

# Words written before a person's name that are not part of it: forms of address, ranks, academic and religious
# titles. A name that starts with one is also right without it: the surname alone when the rest is one word
# ("Colonel Pasley": Pasley), the name itself when it is longer ("Sir Humphry Davy": Humphry Davy). Offices
# ("King", "President") are not among them: "King George" without "King" is not the same answer.
NAME_TITLES = frozenset("""
    mr mrs ms miss mx dr doctor sir dame lord lady madame mme monsieur herr frau signor señor senor
    professor prof colonel col general gen captain capt major maj lieutenant lt sergeant sgt corporal cpl
    admiral adm commander cmdr commodore brigadier marshal private
    reverend rev father brother sister saint st lala pandit munshi shri sri swami babu sheikh
""".split())
_NAME_PARTICLES = frozenset("de da di del della van von der den ter ten du dos das le la al el bin ibn y".split())


def _title(word: str) -> bool:
    return word[:1].isupper() and word.rstrip(".").casefold() in NAME_TITLES


def _name_words(parts: list[str]) -> bool:
    """Whether words read as a person's name: each capitalised, or a particle ("van", "de") before its last."""
    return bool(parts) and parts[-1][:1].isupper() and all(
        p[:1].isupper() or (p in _NAME_PARTICLES and k < len(parts) - 1) for k, p in enumerate(parts))


def untitled_name(text: str) -> str:
    """A titled name without its titles ("Colonel Pasley": "Pasley", "Sir Humphry Davy": "Humphry Davy",
    "Lieutenant Colonel Drake": "Drake"); "" when the text is not a titled name."""
    parts = text.split()
    k = 0
    while k < len(parts) - 1 and _title(parts[k]):
        k += 1
    return " ".join(parts[k:]) if k and _name_words(parts[k:]) else ""


def name_spellings(text: str, person: bool) -> list[str]:
    """Other ways of writing a name that normalising treats as the same: a hyphen as a space ("Gay-Lussac": Gay
    Lussac) and, for a person's name of two words or more, the last two joined by a hyphen ("Gay Lussac":
    Gay-Lussac, since a double surname is written either way); a title's full stop left out ("Mr. Anderson":
    Mr Anderson)."""
    parts = text.split()
    if not _name_words(parts):
        return []
    forms = []
    if any("-" in p for p in parts):
        forms.append(" ".join(p.replace("-", " ") for p in parts))
    elif person and len(parts) >= 2 and not _title(parts[-2]) and parts[-2][:1].isupper():
        forms.append(" ".join(parts[:-2] + [f"{parts[-2]}-{parts[-1]}"]))
    if any(_title(p) and p.endswith(".") for p in parts):
        forms.append(" ".join(p.rstrip(".") if _title(p) else p for p in parts))
    return [f for f in forms if f != text]


# --- common nouns ---------------------------------------------------------------------------

NOUN_FORM_WORDS = 3  # a bare common noun phrase up to this long is also right with an article ("a scanning ...")


def noun_forms(text: str, language: str = "en") -> list[str]:
    """Other ways of writing a key that is a bare common noun phrase, for graders that compare the text as written
    (normalising forgives a leading article already, not a number): with "the" and, where the phrase takes one, "a"
    or "an" ("element": "an element", "the element"); a one-word key also in its other number, with "the"
    ("elements", "the elements"; "embankments": "embankment", "an embankment", "the embankment"). [] for a name,
    a number, a phrase that starts with an article or is no noun, and in other languages. Variant spellings
    ("glycerine") are not guessed."""
    if rules(language)["numbers"] is None:
        return []
    from .grammar import _inflect, indefinite_article, is_plural_noun
    from .lexicon import noun_plural, parts_of_speech

    parts = text.split()
    if not parts or len(parts) > NOUN_FORM_WORDS or parts[0] in rules(language)["articles"] \
            or not all(p.replace("-", "").isalpha() and p.islower() for p in parts) \
            or normalise_answer(text, language) != " ".join(parts).replace("-", " "):
        return []  # a name, a number ("eight million"), or a word of other characters
    last = parts[-1].rsplit("-", 1)
    plural = is_plural_noun(last[-1])
    singular = _inflect().singular_noun(last[-1]) if plural else last[-1]
    found = parts_of_speech(last[-1]) or (parts_of_speech(singular) if singular else {})
    if found and ("NOUN" not in found or "ADJ" in found):
        return []  # an adjective ("hollow"), a verb; a word the list lacks is taken for a noun ("heddle")
    counted = noun_plural(singular) if singular else None  # "" for what is not counted: "potassium", "tallow"
    if counted is None:  # a noun the list lacks: as inflect spells it
        counted = _inflect().plural_noun(singular) if singular else ""
    if counted == "" and plural:
        return []  # a plural key of a noun the list does not count: leave it be
    phrases = [(text, plural)]
    if len(parts) == 1 and counted and singular:
        other = singular if plural else counted
        if other != last[-1] and other.isalpha():
            phrases.append(("-".join([*last[:-1], other]), not plural))
    forms = []
    for phrase, many in phrases:
        if phrase != text:
            forms.append(phrase)
        if not many and counted:  # "an element"; never "a potassium"
            forms.append(f"{indefinite_article(phrase)} {phrase}")
        forms.append(f"the {phrase}")
    return list(dict.fromkeys(forms))


def written_answer(item: Item) -> str:
    """The text a written item asks for: a fill-in blank's word, or a short answer's answer."""
    return item.cloze[1] if item.type == "cloze" and item.cloze else item.answer


def filled_cloze(item: Item) -> tuple[str, str, str]:
    """A fill-in item's sentence with its answer in place, as (before, answer, after): what a key or a card's back
    shows, the article before the blank as the answer takes it ("a natural candle"), where the front, hiding the
    answer, wrote "a(n)" so as to give nothing away."""
    from .grammar import article_for_answer

    before, answer, after = item.cloze or ("", item.answer, "")
    return article_for_answer(before, answer), answer, after


_PEOPLE: list = [None, {}]  # the last course asked about, and its people's full names by their surname


def _last_name(name: str) -> str:
    """A name's last word where it can stand for the person alone: four letters or more, capitalised, a double
    surname whole ("Brack-Haver"); "" for a single word or a lower-case particle ("al-Haytham")."""
    parts = name.split()
    last = parts[-1].strip(".,;:") if len(parts) > 1 else ""
    return last if len(last) >= 4 and last[:1].isupper() and _name_words(parts) else ""


def _people_by_surname(course: Course) -> dict[str, set[str]]:
    """Each surname of the course's people and named speakers (folded), with the full names (folded) that bear
    it."""
    if _PEOPLE[0] is not course:
        found: dict[str, set[str]] = {}
        for unit in course.units:
            for fact in unit.facts:
                name = str(fact.fields.get({"person": "name", "claim": "speaker"}.get(fact.kind, ""), ""))
                if _last_name(name):
                    found.setdefault(_last_name(name).casefold(), set()).add(" ".join(name.split()).casefold())
        _PEOPLE[:] = [course, found]
    return _PEOPLE[1]


def unique_surname(name: str, course: Course) -> str:
    """A person's surname where it stands for them alone in the course ("Bazalgette" for Joseph Bazalgette); "" where
    the name has none (`_last_name`) or another person or speaker of the course bears it too ("Bach")."""
    last = _last_name(name)
    bearers = _people_by_surname(course).get(last.casefold(), set()) if last else set()
    return last if bearers <= {" ".join(name.split()).casefold()} else ""


def answers_for(item: Item, course: Course) -> Answers | None:
    """The answer model of a written item (fill in the blank, short answer); None for other types."""
    if item.type not in WRITTEN_TYPES:
        return None
    language = course.language or "en"
    model = written_answer(item)
    also = list(item.accept)
    keys = {normalise_answer(a, language) for a in [model, *also]}
    for form in [untitled_name(text) for text in [model, *item.accept]]:
        if form and normalise_answer(form, language) not in keys:
            keys.add(normalise_answer(form, language))
            also.append(form)
    # A person of the course asked by name is also right by surname alone ("Bazalgette"), unless another person of
    # the course bears it too ("Bach" for Johann Sebastian or Emanuel)
    last = _last_name(model)
    if last and " ".join(model.split()).casefold() in _people_by_surname(course).get(last.casefold(), ()) \
            and unique_surname(model, course) and normalise_answer(last, language) not in keys:
        keys.add(normalise_answer(last, language))
        also.append(last)
    if getattr(course.settings, "accept_romanised", False):
        for form in [f for text in [model, *item.accept] for f in romanised_forms(text)]:
            key = normalise_answer(form, language)
            if key not in keys:
                keys.add(key)
                also.append(form)
    written = {a.casefold() for a in [model, *also]}
    spellings: list[str] = []
    # the model answer, a common noun, with an article or in its other number ("an element", "elements"): no reader
    # would mark it wrong, so the key does not print it; graders comparing the text as written need it (the
    # curator's `accept` forms are taken as written)
    for form in noun_forms(model, language):
        if form.casefold() not in written:
            written.add(form.casefold())
            spellings.append(form)
    for form in [f for text in [model, *also] for f in name_spellings(text, item.kind == "person")]:
        if form.casefold() not in written:
            written.add(form.casefold())
            spellings.append(form)
    return Answers(model=model, also=tuple(also), marking=item.marking, language=language,
                   spellings=tuple(spellings))
