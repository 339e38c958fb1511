"""What a fact's source says about its time, read from the quote: "By 1987", "in the early 1990s", "from the 1960s".

An event's `when` is one ISO date; its quote says how exact that date is. "By 1987 the sea had split" does not
exclude 1984 or 1986, so a question asking "In which year ...?" with those as wrong options would have three right
answers. `stated_time` reads the date the quote gives and the words before it:

    qualifier  "by" (by, before, until, by the end of), "after", "from" (from or since, without an end),
               "about" (about, around, circa, roughly, some), or "" (in, on, or nothing)
    grain      "day", "month", "year", "decade" (with "early", "mid" or "late"), "range" ("between 1960 and 1990")

`asked_time` turns that into how the event can be asked: the words of its question, the answer as the source gives
it, and whether wrong options exist that the source excludes (no choice question otherwise). A state that held
across years ("in 1960 the sea covered ...") excludes no neighbouring year either: it is asked as a short answer.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from .text import decade_words, human_date

_MONTHS = "|".join(calendar.month_name[1:])
_PART = r"(?:(early|mid|late)[\s-]+)?"
_QUALIFIERS = {
    "by the end of": "by", "by the start of": "by", "by": "by", "before": "by", "until": "by", "till": "by",
    "prior to": "by", "after": "after", "since": "from", "from": "from", "about": "about", "around": "about",
    "circa": "about", "c.": "about", "ca.": "about", "approximately": "about", "roughly": "about", "some": "about",
    "in": "", "on": "", "during": "", "throughout": "",
}
# Russian prepositions before a date ("к 1987 году", "с 1994 года"); Kazakh puts its postpositions after the date.
_QUALIFIERS.update({"к": "by", "до": "by", "после": "after", "начиная с": "from", "с": "from", "со": "from",
                    "около": "about", "примерно": "about", "приблизительно": "about", "в": "", "во": ""})
_QUALIFIER_RE = re.compile(r"(?<!\w)(" + "|".join(re.escape(q) for q in sorted(_QUALIFIERS, key=len, reverse=True))
                           + r")(?:\s+|(?<=\.))(?:the\s+)?$", re.I)  # "c. 965" or "c.965"
_RANGE_RES = (
    re.compile(r"\b(?:between|from)\s+(?:the\s+)?(\d{4})s?\s+(?:and|to|until|till|through)\s+(?:the\s+)?(\d{4})s?\b",
               re.I),
    re.compile(r"\b(\d{4})\s*[-–—]\s*(\d{4}|\d{2})\b"),
)
_DECADE_RE = re.compile(r"\b" + _PART + r"(\d{3}0)s\b", re.I)
_DAY_RE = re.compile(rf"\b(?:({_MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)?|(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
                     rf"({_MONTHS}))(?:,?\s+(\d{{4}}))?\b", re.I)
_MONTH_RE = re.compile(rf"\b{_PART}({_MONTHS})(?:\s+(?:of\s+)?(\d{{4}}))?\b", re.I)
# Month names of the other languages read here, as they stand in a date. Russian: genitive after a day ("12 февраля
# 1955 года"), nominative, or prepositional after "в" ("в феврале 1955 года"). Kazakh: the name with any suffix
# ("1845 жылғы 10 тамызда"), its year before it ("жылғы", "жылы", "ж.").
_RU_MONTH_FORMS = {form: number for number, forms in enumerate((
    "январь января январе", "февраль февраля феврале", "март марта марте", "апрель апреля апреле", "май мая мае",
    "июнь июня июне", "июль июля июле", "август августа августе", "сентябрь сентября сентябре",
    "октябрь октября октябре", "ноябрь ноября ноябре", "декабрь декабря декабре"), 1) for form in forms.split()}
_KK_MONTHS = ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
              "қараша", "желтоқсан")
# Every month name read in a date, in the three languages, by number (for ordering dates: quizgen/options.py).
MONTH_NUMBERS = {**{m.lower(): k for k, m in enumerate(calendar.month_name) if m}, **_RU_MONTH_FORMS,
                 **{m: k for k, m in enumerate(_KK_MONTHS, 1)}}
_RU = "|".join(sorted(_RU_MONTH_FORMS, key=len, reverse=True))
_KK = "|".join(sorted(_KK_MONTHS, key=len, reverse=True))
_KK_YEAR = r"(\d{4})\s+(?:жылғы|жылы|ж\.)\s+"
_LOCAL_DAY_RES = (  # (pattern, group of the day, of the month, of the year)
    (re.compile(rf"\b(\d{{1,2}})\s+({_RU})(?:\s+(\d{{4}}))?\b", re.I), 1, 2, 3),
    (re.compile(rf"(?:{_KK_YEAR})?\b(\d{{1,2}})\s+({_KK})\w*", re.I), 2, 3, 1),
)
_LOCAL_MONTH_RES = (  # (pattern, group of the month, of the year)
    (re.compile(rf"\b({_RU})\s+(\d{{4}})\b", re.I), 1, 2),
    (re.compile(rf"(?<!\w)(?:в|во)\s+({_RU})\b", re.I), 1, 0),
    (re.compile(rf"{_KK_YEAR}({_KK})\w*", re.I), 2, 1),
)
_LOCAL_DECADE_RE = re.compile(r"\b(\d{3}0)-(?:е|х|м|ми)\b", re.I)  # "в 1960-е годы", "в 1960-х годах"


def _month_number(name: str) -> int:
    word = name.casefold()
    if word in _RU_MONTH_FORMS:
        return _RU_MONTH_FORMS[word]
    return next(k for k, month in enumerate(_KK_MONTHS, 1) if word.startswith(month))


YEAR_RE = re.compile(r"\b(1\d{3}|20\d{2})\b(?!s)")
# Verbs of a state rather than a change: "in 1960 the sea covered 68,000 km2" held in 1959 and 1961 too.
STATIVE_VERBS = frozenset("""
be have cover hold contain measure remain stay lie stand own belong number total weigh span stretch extend house
employ count comprise include border exist live know believe
""".split())


@dataclass(frozen=True)
class StatedTime:
    """The time a quote gives: its words, what qualifies it, how fine it is, and the years it covers."""

    text: str  # as written in the quote, qualifier included: "By 1987", "in the early 1990s"
    qualifier: str  # "", "by", "after", "from", "about"
    grain: str  # "day", "month", "year", "decade", "range"
    start: int  # first year covered
    end: int  # last year covered
    part: str = ""  # "early", "mid" or "late" of a decade or month
    iso: str = ""  # the date as ISO text where the quote gives a year (day and month grains)

    def words(self) -> str:
        """The stated time in the words an answer gives it: "1987", "the 1960s", "1960 to 1990"."""
        if self.grain == "range":
            return f"{self.start} to {self.end}"
        if self.grain == "decade":
            return decade_words(self.start)
        if self.iso:
            return human_date(self.iso)
        return str(self.start)


def _qualifier(quote: str, start: int) -> tuple[str, int]:
    match = _QUALIFIER_RE.search(quote[:start])
    if not match:
        return "", start
    return _QUALIFIERS[match.group(1).casefold()], match.start()


def find_times(quote: str, early: int = 0) -> list[StatedTime]:
    """Every time a quote states, in order. Years are read with four digits; `early`, a year before 1000 that the
    fact's date gives, is read too where the quote writes it ("born c. 965"): a bare number of three digits is
    taken for a year only then."""
    found: list[tuple[int, int, StatedTime]] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    def add(match: re.Match, time: StatedTime) -> None:
        qualifier, begin = _qualifier(quote, match.start())
        if time.grain == "range":
            qualifier = ""
        text = quote[begin:match.end()].strip()
        found.append((begin, match.end(), StatedTime(text, qualifier, time.grain, time.start, time.end, time.part,
                                                     time.iso)))
        taken.append((match.start(), match.end()))

    for pattern in _RANGE_RES:
        for m in pattern.finditer(quote):
            if not free(m.start(), m.end()):
                continue
            a, b = m.group(1), m.group(2)
            if len(b) == 2:
                b = a[:2] + b
            if int(b) > int(a):
                add(m, StatedTime("", "", "range", int(a), int(b) + (9 if m.group(0).rstrip()[-1:] == "s" else 0)))
    for m in _DECADE_RE.finditer(quote):
        if free(m.start(), m.end()):
            decade = int(m.group(2))
            part = (m.group(1) or "").casefold()
            add(m, StatedTime("", "", "decade", decade, decade + 9, part))
    for m in _DAY_RE.finditer(quote):
        if free(m.start(), m.end()):
            month = m.group(1) or m.group(4)
            day = int(m.group(2) or m.group(3))
            year = m.group(5)
            number = list(calendar.month_name).index(month.capitalize())
            iso = f"{year}-{number:02d}-{day:02d}" if year else ""
            add(m, StatedTime("", "", "day", int(year or 0), int(year or 0), iso=iso))
    for m in _LOCAL_DECADE_RE.finditer(quote):
        if free(m.start(), m.end()):
            decade = int(m.group(1))
            add(m, StatedTime("", "", "decade", decade, decade + 9))
    for pattern, day_group, month_group, year_group in _LOCAL_DAY_RES:
        for m in pattern.finditer(quote):
            if free(m.start(), m.end()):
                day, number, year = int(m.group(day_group)), _month_number(m.group(month_group)), m.group(year_group)
                iso = f"{year}-{number:02d}-{day:02d}" if year else ""
                add(m, StatedTime("", "", "day", int(year or 0), int(year or 0), iso=iso))
    for pattern, month_group, year_group in _LOCAL_MONTH_RES:
        for m in pattern.finditer(quote):
            if free(m.start(), m.end()):
                number, year = _month_number(m.group(month_group)), m.group(year_group) if year_group else None
                add(m, StatedTime("", "", "month", int(year or 0), int(year or 0),
                                  iso=f"{year}-{number:02d}" if year else ""))
    for m in _MONTH_RE.finditer(quote):
        if free(m.start(), m.end()):
            number = list(calendar.month_name).index(m.group(2).capitalize())
            year = m.group(3)
            add(m, StatedTime("", "", "month", int(year or 0), int(year or 0), (m.group(1) or "").casefold(),
                              iso=f"{year}-{number:02d}" if year else ""))
    for m in YEAR_RE.finditer(quote):
        if free(m.start(), m.end()):
            year = int(m.group(1))
            add(m, StatedTime("", "", "year", year, year, iso=str(year)))
    if 0 < early < 1000:
        for m in re.finditer(rf"(?<![\d,])(?<!\d\.){early}(?![\d]|[.,]\d|s\b)", quote):
            if free(m.start(), m.end()):
                add(m, StatedTime("", "", "year", early, early, iso=f"{early:04d}"))
    return [t for _, _, t in sorted(found, key=lambda f: f[0])]


def iso_grain(iso: str) -> str:
    return ("year", "month", "day")[str(iso).count("-")]


def stated_time(quote: str, when: str = "") -> StatedTime | None:
    """The time of the quote that an ISO date `when` is about (the first whose years include it), or None."""
    year = int(str(when)[:4]) if when else 0
    times = find_times(quote, year if year < 1000 else 0)
    if not times:
        return None
    if when:
        for time in times:
            if time.start <= year <= time.end or (time.start == 0 and time.grain in ("day", "month")):
                return time
    return times[0]


def precision_problem(quote: str, when: str) -> str:
    """Why a fact's `when` and the time its quote states disagree in precision, or "" when they agree."""
    time = stated_time(quote, when)
    if time is None:
        return ""
    year = int(str(when)[:4])
    grain = iso_grain(when)
    said = f"the quote says '{time.text}'"
    if time.start and not time.start <= year <= time.end:
        return f"{said}, but `when` says {human_date(when)}"
    if time.grain == "range":
        return (f"{said}, a span of years, but `when` gives one date ({human_date(when)}); the question can only "
                f"ask for the span")
    if time.grain == "decade" and grain != "year" or time.grain == "decade" and year % 10:
        return (f"{said}, a decade, but `when` says {human_date(when)}; write `when: \"{time.start}\"` for a "
                f"decade, or quote the exact date")
    if time.grain == "decade" and time.part:
        return (f"{said}, part of a decade, but `when` says {human_date(when)}, a year; the question asks for the "
                f"decade")
    order = ("year", "month", "day")
    if time.grain in order and order.index(grain) > order.index(time.grain):
        return (f"{said}, a {time.grain}, but `when` says {human_date(when)}, a {grain}; say where the "
                f"{grain} comes from in `context`, or give the {time.grain} only")
    return ""


@dataclass(frozen=True)
class AskedTime:
    """How an event's time can be asked: the question's opening, its form, the answer, and whether to offer options."""

    wh: str  # "In which year", "By which year", "In which decade", ...
    form: str  # "did", "had" or "began" (see grammar.ask_clause)
    answer: str  # the answer as the source gives it
    grain: str  # "day", "month", "year" or "decade": what the options are
    choice: bool  # whether wrong options exist that the source excludes
    gap: int = 0  # wrong years must lie at least this many years from the answer ("about 1960": ten)
    according: bool = False  # the question says "according to the article": a state, or a span
    reason: str = ""  # why there is no choice question, for the key and the preview
    bound: str = ""  # "by", "after", "from" or "about" as the source qualifies the date, for questions in other words


_WH = {"day": "On which date", "month": "In which month", "year": "In which year", "decade": "In which decade"}


def asked_time(quote: str, when: str, verb_lemma: str = "", has_context: bool = False) -> AskedTime:
    """How to ask when an event happened, given its `when`, its quote and the lemma of its verb in the active
    voice ("" for a passive: "a forum was held" happened, "the sea held" is a state)."""
    grain = iso_grain(when)
    exact = AskedTime(_WH[grain], "did", human_date(when), grain, True)
    time = stated_time(quote, when)
    if time is None or (time.start and not time.start <= int(str(when)[:4]) <= time.end):
        time = None
    if time is not None and time.grain == "range":
        return AskedTime("Between which years", "did", time.words(), "range", False, according=True,
                         reason=f"the source gives a span ('{time.text}')")
    decade = time is not None and time.grain == "decade"
    if time is not None and time.qualifier == "by":
        unit = "decade" if decade else grain
        answer = ((f"the {time.part} {time.start}s" if time.part else decade_words(time.start)) if decade
                  else human_date(when))
        return AskedTime(f"By which {unit}", "had", answer, unit, False,
                         reason=f"'{time.text}' does not exclude earlier dates", bound="by")
    if time is not None and time.qualifier == "after":
        unit = "decade" if decade else grain
        answer = decade_words(time.start) if decade else human_date(when)
        return AskedTime(f"After which {unit}", "did", answer, unit, False,
                         reason=f"'{time.text}' does not exclude later dates", bound="after")
    if time is not None and time.qualifier == "from":
        unit = "decade" if decade else grain
        answer = decade_words(time.start) if decade else human_date(when)
        return AskedTime(_WH[unit], "began", answer, unit, True, bound="from")
    if decade:
        return AskedTime(_WH["decade"], "did", decade_words(time.start), "decade", True)
    if time is not None and time.qualifier == "about":
        return AskedTime(f"In about which {grain}", "did", human_date(when), grain, True,
                         gap=10 if grain == "year" else 0, bound="about")
    if verb_lemma in STATIVE_VERBS:
        return AskedTime(_WH[grain], "did", human_date(when), grain, False, according=True,
                         reason="it states how things stood then, which was so in the neighbouring years too")
    return exact
