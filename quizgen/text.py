"""Text helpers that depend on nothing else in quizgen: normalising, dates in words, blanks."""
from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

BLANK_RE = re.compile(r"\[\[([^\[\]]+)\]\]")  # the [[blank]] of a cloze sentence or background statement

QUOTE_MARKS = str.maketrans(  # the quote marks a quote check forgives, as their plain forms
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
                              "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"'})


@lru_cache(maxsize=1 << 16)  # the same names and words are folded again and again
def normalise(text: str) -> str:
    """Fold the differences a quote check should forgive: whitespace and quote marks."""
    text = unicodedata.normalize("NFC", text).translate(QUOTE_MARKS)
    return re.sub(r"\s+", " ", text).strip()


def quote_span(paragraph: str, quote: str) -> tuple[str, str, str] | None:
    """Split a paragraph (NFC) into (before, quote as printed, after) around its quote, found as the quote check
    finds it (`normalise`: whitespace and quote marks forgiven); None when the quote is not in it."""
    text = unicodedata.normalize("NFC", paragraph)
    folded: list[str] = []
    where: list[int] = []  # index in `text` of each folded character
    after_space = True  # drops leading space, and collapses runs
    for i, ch in enumerate(text):
        if ch.isspace():
            if after_space:
                continue
            ch, after_space = " ", True
        else:
            ch, after_space = ch.translate(QUOTE_MARKS), False
        folded.append(ch)
        where.append(i)
    needle = normalise(quote)
    k = "".join(folded).find(needle) if needle else -1
    if k < 0:
        return None
    start, end = where[k], where[k + len(needle) - 1] + 1
    return text[:start], text[start:end], text[end:]


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Normalise and case-fold: the key under which two texts count as the same answer."""
    return normalise(text).casefold()


# How dates and decades are written while a course's items are made: the generator sets its course's language
# here (quizgen/generate), so that every module that writes a date speaks it without passing it down.
_DATE_WORDS: ContextVar[tuple[str, Callable[[str], str], Callable[[int], str]] | None] = ContextVar(
    "date_words", default=None)


@contextmanager
def dates_written(language: str, date: Callable[[str], str], decade: Callable[[int], str]) -> Iterator[None]:
    """Within the block, human_date() and decade_words() write as `date` and `decade` do (in `language`)."""
    token = _DATE_WORDS.set((language, date, decade))
    try:
        yield
    finally:
        _DATE_WORDS.reset(token)


def human_date(iso: str) -> str:
    """Write an ISO date (2022, 2022-04 or 2022-04-28) the way people read it, in the language being written."""
    words = _DATE_WORDS.get()
    return words[1](str(iso)) if words is not None else english_date(iso)


def decade_words(start: int | str) -> str:
    """A decade by its first year ("the 1960s"), in the language being written."""
    words = _DATE_WORDS.get()
    return words[2](int(start)) if words is not None else f"the {start}s"


def dates_language() -> str:
    """The language dates are being written in ("" for English): part of the key of what caches a date's text."""
    words = _DATE_WORDS.get()
    return words[0] if words is not None else ""


@lru_cache(maxsize=1 << 12)  # cached: the course's dates are written again for each question they may go into
def english_date(iso: str) -> str:
    """Write an ISO date (2022, 2022-04 or 2022-04-28) as an English text does."""
    parts = [int(p) for p in str(iso).split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = calendar.month_name[parts[1]]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{parts[2]} {month} {parts[0]}"


def sentence_case(text: str) -> str:
    """Capitalise the first letter, as a sentence starts ("pan-Turanism is" -> "Pan-Turanism is")."""
    for i, ch in enumerate(text):
        if ch.isalpha():
            upper = ch.upper()
            # Only a plain case pair: the micro sign would turn Greek, and "ß" into two letters.
            if len(upper) != 1 or upper.lower() != ch:
                return text
            return text[:i] + upper + text[i + 1:]
        if not (ch.isspace() or ch in "\"'“‘«("):
            return text
    return text


def row_label(statement: str, words: int = 5) -> str:
    """A statement's first words, to name its row in a list question's notes ("The CSTO sent troops into ...")."""
    parts = statement.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def row_notes(note: str, labels: list[str]) -> list[str]:
    """A list question's note split back into its rows' own notes (each written "label: note", after the row it
    is about), in the order of `labels`; "" for a row without one."""
    found = sorted((note.find(f"{label}: "), k) for k, label in enumerate(labels) if f"{label}: " in note)
    out = [""] * len(labels)
    for n, (at, k) in enumerate(found):
        end = found[n + 1][0] if n + 1 < len(found) else len(note)
        out[k] = note[at:end].strip()
    return out

