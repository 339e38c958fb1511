"""Words as a test-wise student reads them: which texts give which answers away.

Shared by the generator (what would give an item away), the planner (keeping
such items apart on a sheet) and the lint (a question that echoes its own
answer). Pure text handling; depends on nothing else in quizgen but `text`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .i18n import lint_data
from .text import fold

STOPWORDS = frozenset("""
a about after against all also an and any are as at be been before being between both but by can could did do
does during each for from had has have he her his how if in into is it its itself may might more most much must
no nor not of on once only or other our out over own same she should so some such than that the their them then
there these they this those through to too under until up upon was we were what when where which while who whom
whose why will with would you your said says say
""".split())

# Words of one family give each other away (a "military alliance" is the "Security Treaty" Organization).
FAMILIES = (
    {"alliance", "treaty", "pact", "security", "defence", "defense", "military"},
    {"forum", "conference", "summit", "congress", "convention"},
    {"economic", "economy", "economies", "trade", "business", "commerce", "commercial", "market"},
    {"union", "bloc", "community", "association", "league", "federation"},
    {"organisation", "organization", "institution", "body"},
    {"initiative", "programme", "program", "project", "plan"},
    {"road", "roads", "route", "routes", "corridor"},
    {"region", "province", "provinces", "territory", "territories"},
)
_FAMILY_OF = {word: k for k, family in enumerate(FAMILIES) for word in family}

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*", re.UNICODE)


LONGER_RATIO = 1.5  # the key is "noticeably longer" at this many times the longest wrong option ...
LONGER_WORDS = 4  # ... and at least this many words more
_SPECIFIC = re.compile(r"\d|[\"“”«»(\[]")  # a figure, a date, a quotation or a bracket


ABSOLUTE_WORDS = (
    "always", "never", "all", "none", "nothing", "nobody", "no one", "only", "every", "entirely", "completely",
    "totally", "absolutely", "certainly", "definitely", "undoubtedly", "clearly", "firmly", "utterly", "wholly",
    "fully", "at all", "from the start", "already clear", "too small", "too weak", "too few", "as ever",
    "whatsoever", "silent", "impossible", "guaranteed", "exactly", "precisely", "perfectly", "solely", "purely",
    "invariably", "forever", "nowhere",
)


def absolute_words_added(truth: str, falsehood: str, language: str | None = None) -> list[str]:
    """The absolute or extreme words ("always", "only", "never") a false version says and its truth does not:
    test-wise students mark such a statement False unread."""
    data = lint_data(language)
    listed_words = data.absolute_words if data is not None else ABSOLUTE_WORDS
    true_text, false_text = padded(truth), padded(falsehood)
    found = [w for w in listed_words if contains_phrase(false_text, w) and not contains_phrase(true_text, w)]
    return [w for w in found if not any(w != longer and contains_phrase(padded(longer), w) for longer in found)]


def key_stands_out(key: str, wrong: list[str] | tuple[str, ...]) -> str:
    """Why a choice's right option stands out from the wrong ones by its form alone (Haladyna's rule: options
    alike in length and specificity), or "" where it does not: noticeably longer than the longest, or the only
    one that carries a figure, a date, a quotation or a bracket."""
    if not wrong:
        return ""
    key_words, longest = len(words(key)), max(len(words(w)) for w in wrong)
    if key_words >= LONGER_RATIO * longest and key_words >= longest + LONGER_WORDS:
        return f"the right option has {key_words} words, the longest wrong one {longest}"
    if _SPECIFIC.search(key) and not any(_SPECIFIC.search(w) for w in wrong):
        return "only the right option carries a number, a date, a quotation or a bracket"
    return ""


def words(text: str) -> list[str]:
    """The words of a text as written (case kept; "Russia's" -> "Russia"; hyphens split)."""
    return list(_words(text))


@lru_cache(maxsize=1 << 16)  # a unit of thousands of facts has tens of thousands of texts
def _words(text: str) -> tuple[str, ...]:
    # Cached: the generator, the planner and the lint read the same stems and answers many times over.
    found = _WORD.findall(text.replace("’", "'").replace("‘", "'"))
    return tuple(word[:-2] if word.endswith("'s") else word for word in found)


def word_count(text: str) -> int:
    """How many words a text has (as `words` counts them)."""
    return len(_words(text))


def tokens(text: str) -> list[str]:
    """The words of a text, folded to lower case."""
    return [fold(w) for w in words(text)]


@lru_cache(maxsize=1 << 16)  # cached: the planner pads every text of a sheet's questions again for each step
def padded(text: str) -> str:
    """A text's tokens joined by single spaces and padded, for whole-word phrase search."""
    return " " + " ".join(tokens(text)) + " "


def contains_phrase(haystack_padded: str, phrase: str) -> bool:
    """Whether the phrase's words occur, in order and whole, in a padded text."""
    needle = padded(phrase)
    return needle.strip() != "" and needle in haystack_padded


def content_words(text: str, language: str | None = None) -> list[str]:
    """Words that carry meaning: no stopwords (the language's too, where it has lint data), no words shorter than
    three letters (case kept)."""
    return list(_content_words(text, language or None))


@lru_cache(maxsize=1 << 16)  # cached: the planner and the lint weigh the same stems and answers again and again
def _content_words(text: str, language: str | None) -> tuple[str, ...]:
    data = lint_data(language) if language else None
    extra = data.stopwords if data is not None else frozenset()
    return tuple(w for w in _words(text) if len(w) >= 3 and fold(w) not in STOPWORDS and fold(w) not in extra)


def related(a: str, b: str, language: str | None = None) -> bool:
    """Whether two words give each other away: the same word or root, or words of one family.

    Roots: two words of five letters or more that share their first five ("Russian", "Russification");
    two capitalised words that share their first three ("Donbas", "Donetsk"; "Turkic", "pan-Turanism");
    in a language with lint data (`quizgen.i18n.lint_data`), words whose roots are the same or one begins the
    other ("космодрома", "космодром"; "әдебиетінің", "әдебиет").
    """
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    data = lint_data(language) if language else None
    if data is not None:
        ra, rb = data.root(fa), data.root(fb)
        if ra == rb or (min(len(ra), len(rb)) >= 4 and (ra.startswith(rb) or rb.startswith(ra))):
            return True
    if fa in _FAMILY_OF and _FAMILY_OF[fa] == _FAMILY_OF.get(fb):
        return True
    if len(fa) >= 5 and len(fb) >= 5 and fa[:5] == fb[:5]:
        return True
    return a[:1].isupper() and b[:1].isupper() and len(fa) >= 4 and len(fb) >= 4 and fa[:3] == fb[:3]


def shared_words(a: str, b: str) -> list[tuple[str, str]]:
    """Pairs of related content words, one from each text."""
    return [(x, y) for x in dict.fromkeys(content_words(a)) for y in dict.fromkeys(content_words(b)) if related(x, y)]


def shares_words(a: str, b: str) -> bool:
    """Whether two texts have a pair of related content words (`shared_words` finds one), read up to the first."""
    others = dict.fromkeys(content_words(b))
    return any(related(x, y) for x in dict.fromkeys(content_words(a)) for y in others)


def echoed_words(stem: str, key: str, wrong: list[str] | tuple[str, ...] = (),
                 families: bool = True, language: str | None = None) -> list[tuple[str, str]]:
    """The words of an answer its own question echoes, each with the question's word: related words (see
    `related`; without `families`, only the same word or root), or one the start of the other ("atom",
    "atomos"), that no wrong option shares."""
    stem_words = content_words(stem, language)
    wrong_words = [w for option in wrong for w in content_words(option, language)]

    def echoes(a: str, b: str) -> bool:
        fa, fb = fold(a), fold(b)
        if families and related(a, b, language):
            return True
        if fa == fb or (len(fa) >= 5 and len(fb) >= 5 and fa[:5] == fb[:5]):
            return True
        return min(len(fa), len(fb)) >= 4 and (fa.startswith(fb) or fb.startswith(fa))

    found = []
    for word in dict.fromkeys(content_words(key, language)):
        hits = [s for s in stem_words if echoes(word, s)]
        if hits and not any(echoes(word, w) or any(echoes(h, w) for h in hits) for w in wrong_words):
            found.append((word, hits[0]))
    return found


def surname(name: str) -> str:
    """A person's last name, when it is distinctive enough to give them away on its own ("Tokayev")."""
    parts = words(name)
    return parts[-1] if len(parts) > 1 and len(parts[-1]) >= 4 and parts[-1][:1].isupper() else ""


def changed_runs(truth: str, falsehood: str) -> list[str]:
    """The runs of words of `truth` that `falsehood` lacks (what a true/false statement turns on), each with
    the word before and after it, so that a common word ("large") counts only in its place ("large Russian")."""
    false_words = {fold(w) for w in words(falsehood)}
    all_words = words(truth)
    runs, start = [], None
    for k, word in enumerate(all_words + [""]):
        changed = word != "" and fold(word) not in false_words
        if changed and start is None:
            start = k
        elif not changed and start is not None:
            runs.append((start, k))
            start = None
    return [" ".join(all_words[max(0, a - 1):b + 1]) for a, b in runs
            if any(len(w) >= 4 and fold(w) not in STOPWORDS for w in all_words[a:b])]
