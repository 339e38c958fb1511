"""Small text helpers shared by the authoring commands."""
from __future__ import annotations

import re
import unicodedata

from ..schema import SLUG_RE

_LEADING_ARTICLES = {"a", "an", "the"}


def slugify(text: str, max_length: int = 40) -> str:
    """Make a lower-case slug of ASCII letters, digits and hyphens from a title; '' if none is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    ascii_text = re.sub(r"['’`]", "", ascii_text)  # "Kazakhstan's" -> "kazakhstans", not "kazakhstan-s"
    words = re.findall(r"[a-z0-9]+", ascii_text)
    if len(words) > 1 and words[0] in _LEADING_ARTICLES:
        words = words[1:]
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length and slug:
            break
        slug = candidate[:max_length]
    slug = slug.strip("-")
    return slug if re.fullmatch(SLUG_RE, slug) else ""


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
