"""Small text helpers shared by the authoring commands."""
from __future__ import annotations

import re
import unicodedata

from ..schema import SLUG_RE

_LEADING_ARTICLES = {"a", "an", "the"}
# Words a slug never ends on: cut after them, a title reads as cut mid-phrase ("kazakhstan-from-perestroika-to").
_JOINING_WORDS = _LEADING_ARTICLES | {
    "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for", "from", "with", "into", "onto", "over",
    "under", "as", "than", "that", "which", "who", "whose", "its", "his", "her", "their", "our", "my", "your", "is",
    "are", "was", "were", "be", "vs", "via", "about", "after", "before", "between", "during", "since", "until",
    "against", "through", "toward", "towards", "upon", "within", "without", "s"}
# Where a title's phrases end: a colon, a question mark, a dash between spaces, brackets, a comma.
_PHRASE_END = re.compile(r"[:;?!()\[\]\u2013\u2014]|[,.](?=\s)|\s-+\s")


def slugify(text: str, max_length: int = 40) -> str:
    """Make a lower-case slug of ASCII letters, digits and hyphens from a title; '' if none is left.

    A title longer than `max_length` is cut between words, never inside one: at the end of a phrase when
    that keeps at least half the length, else after the last whole word that fits, and never after a
    joining word ("of", "to", "the").
    """
    phrases = []
    for phrase in _PHRASE_END.split(unicodedata.normalize("NFKD", romanise(text))):
        ascii_text = phrase.encode("ascii", "ignore").decode("ascii").lower()
        ascii_text = re.sub(r"['`]|\u2019", "", ascii_text)  # "Kazakhstan's" -> "kazakhstans", not "kazakhstan-s"
        words = re.findall(r"[a-z0-9]+", ascii_text)
        if words:
            phrases.append(words)
    words = [w for phrase in phrases for w in phrase]
    if len(words) > 1 and words[0] in _LEADING_ARTICLES:
        words = words[1:]
        phrases[0] = phrases[0][1:] or phrases[0]
    if not words:
        return ""
    slug = "-".join(words)
    if len(slug) > max_length:
        slug = _cut_slug(phrases, words, max_length)
    slug = slug.strip("-")
    return slug if re.fullmatch(SLUG_RE, slug) else ""


# Letters of Kazakh Cyrillic that Russian lacks: a title with one of them is Kazakh (or another Turkic language).
_KAZAKH_LETTERS = set("ӘәҒғҚқҢңӨөҰұҮүҺһІі")


def romanise(text: str) -> str:
    """Latin letters for a title in Cyrillic, as a slug spells it; other text as it is.

    Russian by iuliia's Wikipedia schema, the romanisation English texts use ("Байконур: первый космодром"
    -> "Baykonur: pervy kosmodrom"); Kazakh by anyascii, which keeps its letters apart, close to the Kazakh Latin
    alphabet ("Абай Құнанбайұлы" -> "Abay Qunanbayuly"; the Russian schema would read Құнанбай as Кунанбай).
    """
    if not any("\u0400" <= ch <= "\u04ff" for ch in text):
        return text
    if _KAZAKH_LETTERS & set(text):
        from anyascii import anyascii

        return anyascii(text)
    import iuliia

    return iuliia.WIKIPEDIA.translate(text)


def _cut_slug(phrases: list[list[str]], words: list[str], max_length: int) -> str:
    """The longest fitting run of the title's first words, cut as slugify says."""
    fits = []
    for word in words:
        if len("-".join(fits + [word])) > max_length:
            break
        fits.append(word)
    if not fits:  # one word longer than a slug may be: only it can be cut
        return words[0][:max_length]
    ends, count = [], 0  # the number of words before each phrase end
    for phrase in phrases:
        count += len(phrase)
        ends.append(count)
    at_phrase = max((n for n in ends if n <= len(fits)), default=0)
    if at_phrase and len("-".join(fits[:at_phrase])) * 2 >= max_length:
        return "-".join(fits[:at_phrase])
    kept = list(fits)
    while len(kept) > 1 and kept[-1] in _JOINING_WORDS:
        kept.pop()
    return "-".join(kept)


def opening_words(text: str, count: int = 8) -> str:
    """Return the first `count` words of a text, with '...' when there are more."""
    words = text.split()
    return " ".join(words[:count]) + (" ..." if len(words) > count else "")


def shorten(text: str, width: int = 80) -> str:
    """Fit a text on one line of `width` characters, ending in '...' when cut."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 3]
    at_word = cut.rsplit(" ", 1)[0]
    return (at_word if len(at_word) > width * 2 // 3 else cut).rstrip() + "..."


def clean_text(text: str) -> str:
    """Collapse every run of whitespace (non-breaking spaces too) to one space and drop control characters."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]", "", text)
    return " ".join(text.split())
