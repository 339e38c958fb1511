"""English from the words themselves: number, articles, the head of a noun phrase, questions from clauses.

Number and articles come from `inflect` (plural and singular nouns, "a" or "an" by sound: "an hour", "a USSR
official"); verb forms from `lemminflect`'s word lists (`lexicon.py`: lemmas and inflections of irregular
verbs: "began" -> "begin", "split" -> "split", "rose" -> "risen"). The rest is how questions are put together
from a fact's phrases:

- `head_noun("the lender that financed the dam")` -> "lender": the word a noun phrase is about, before its
  relative clause, prepositional phrase or participle;
- `noun_phrase("politician from Russia ...")` -> "a politician from Russia ...": a bare common noun gets its
  article, an office of a named place ("King of Portugal ...") "the"; anything already determined keeps its own;
- `ask_clause("In which year", "Kazakhstan finished the dam")` -> "In which year did Kazakhstan finish the dam?":
  a question from a clause in the past, by do-support or by moving its auxiliary.

Nothing here knows about facts or templates.
"""
from __future__ import annotations

import re
import sys
from functools import lru_cache

from .lexicon import parts_of_speech, verb_forms

DETERMINERS = frozenset("""
a an the this that these those his her its their our my your one some any each every no another such
several many few both all either neither
""".split())
# Words that end a noun phrase's head: what follows them modifies it.
_RELATIVE = frozenset({"that", "which", "who", "whom", "whose", "where", "when", "why"})
PREPOSITIONS = frozenset("""
of in on at for from with by to about around near across along under over into onto since during against among
between within without through toward towards beyond behind below above beside besides after before until like
than via per as
""".split())
_NEXT_OF_VERB = DETERMINERS | PREPOSITIONS - {"of"}  # a participle followed by these takes an object: "marking the"
_ADVERBS = frozenset("once now still formerly later then today recently originally also newly long".split())
_PARTICLES = frozenset("out up off down away back".split())  # "dug out of ...", "a body out of which ..."
_WORD = re.compile(r"\S+")
_EDGE_PUNCT = "\"'“”‘’«»()[]{},;:.!?"


@lru_cache(maxsize=1)
def _inflect():
    """inflect's engine, imported without its argument type checks.

    inflect decorates its methods with typeguard's `@typechecked`, which rewrites each of them when the module is
    imported (about two seconds on a shared machine, longer than the rest of a `check`); the checks are for
    inflect's own developers, so the decorator is made a no-op while inflect is imported, and put back after.
    """
    if "inflect" not in sys.modules:
        try:
            import typeguard
        except ImportError:  # a version of inflect that does not use it
            typeguard = None
        original = getattr(typeguard, "typechecked", None)
        if typeguard is not None:
            typeguard.typechecked = _no_check
        try:
            import inflect  # noqa: F401
        finally:
            if typeguard is not None:
                typeguard.typechecked = original
    import inflect

    return inflect.engine()


def _no_check(target=None, **_options):
    return target if target is not None else (lambda function: function)


def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    return parts_of_speech(word)


def _inflection(lemma: str, tag: str) -> tuple[str, ...]:
    return verb_forms(lemma, tag)


_POSSESSIVE_END = re.compile(r"['’]s$")


@lru_cache(maxsize=1 << 16)  # cached: the generator reads the words of the same descriptions for each option
def bare(word: str) -> str:
    """A word without the punctuation around it and without a possessive ending."""
    word = word.strip(_EDGE_PUNCT)
    return _POSSESSIVE_END.sub("", word)


def tokens(phrase: str) -> list[str]:
    return _WORD.findall(phrase)


# --- nouns ------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def is_plural_noun(word: str) -> bool:
    """Whether a common noun is plural ("officials", "people", "fishermen"); names and mass nouns are not."""
    word = bare(word)
    if not word or not word[:1].islower() or not word.isalpha():
        return False
    singular = _inflect().singular_noun(word)
    return bool(singular) and singular != word


@lru_cache(maxsize=1 << 16)
def head_index(phrase: str) -> int:
    """The position of a noun phrase's head among its words; -1 for an empty phrase.

    The head is the last word before whatever modifies the phrase from behind: a relative clause ("the lender that
    ..."), a preposition ("the president of ..."), a comma, or a participle taking an object ("the holiday marking
    the end ..."). Of words joined by "or"/"and" before it, the last counts ("an act or event that ...").
    """
    words = tokens(phrase)
    if not words:
        return -1
    end = len(words)
    for k, raw in enumerate(words):
        word = bare(raw).casefold()
        after = bare(words[k + 1]).casefold() if k + 1 < len(words) else ""
        starts_phrase = k == 0 or bare(words[k - 1]).casefold() in DETERMINERS
        if k > 0 and not starts_phrase and (word in _RELATIVE or word in PREPOSITIONS or word in _ADVERBS
                                            or (word in _PARTICLES and after == "of")):
            end = k
            break
        if k > 0 and not starts_phrase and after and _is_participle(word) and \
                (after in _NEXT_OF_VERB or after in _PARTICLES):
            end = k
            break
        if raw.endswith((",", ";", ":")) and k > 0:
            if raw.endswith(",") and _before_the_noun(words, k):
                continue  # "a clean, hard candle material": adjectives in a row, the noun still to come
            end = k + 1
            break
    head = end - 1
    while head > 0 and bare(words[head]).casefold() in DETERMINERS:
        head -= 1
    return head


def adjective_commas(phrase: str) -> int:
    """How many of a text's commas only part adjectives before their noun ("a cold, clean poker"): no list."""
    words = tokens(phrase)
    count = 0
    for k, raw in enumerate(words):
        if not raw.endswith(","):
            continue
        start = k
        while start > 0 and bare(words[start - 1]).casefold() not in DETERMINERS:
            start -= 1
        if start > 0 and _before_the_noun(words[start - 1:], k - start + 1):
            count += 1
    return count


# Words that open a phrase saying more of the words before it, after a comma: a relative, a preposition, an
# adverb of time ("..., in which hydrogen is made", "..., later renamed electrons", "..., especially violins").
_MODIFIER_OPENERS = _RELATIVE | PREPOSITIONS | frozenset(
    "whom including especially usually often mostly mainly chiefly later once now then formerly".split())


def modifying(segment: str, before: str = "") -> bool:
    """Whether a stretch of text after a comma says more of what comes before it (`before`, the stretch before
    the comma) rather than naming a thing of a list: it opens with a relative, a preposition or a participle ("used
    to freeze water", "later renamed ...", "in which hydrogen is made"); "astronomer and physicist" does not, nor
    does a phrase opening with a word the stretch before it holds ("with inflation" after "dissatisfaction with
    Tokayev's leadership"): the two are parallel, items of one list."""
    words = tokens(segment)
    first = bare(words[0]).casefold() if words else ""
    if not first or first in {bare(w).casefold() for w in tokens(before)}:
        return False
    if first in _MODIFIER_OPENERS:
        return True
    return _is_participle(first) and "NOUN" not in _lemmas(first)


def _before_the_noun(words: list[str], k: int) -> bool:
    """Whether words[k], ending in a comma, is one of adjectives in a row before their noun ("a small, round seed"):
    every word from the determiner to it can be an adjective, and the phrase goes on with a word that is no determiner,
    relative or preposition, nor a name."""
    start = 1 if bare(words[0]).casefold() in DETERMINERS else 0
    if k + 1 >= len(words) or k < start:
        return False
    after = bare(words[k + 1]).casefold()
    if not bare(words[k + 1])[:1].islower() or after in DETERMINERS or after in _RELATIVE or \
            after in PREPOSITIONS or after in ("and", "or"):
        return False
    return all("ADJ" in _lemmas(bare(w).casefold()) for w in words[start:k + 1])


def head_noun(phrase: str) -> str:
    """The head word of a noun phrase, as written ("the 13-kilometre barrier that ..." -> "barrier")."""
    k = head_index(phrase)
    return bare(tokens(phrase)[k]) if k >= 0 else ""


def _is_participle(word: str) -> bool:
    if not word.isalpha() or not word.islower():
        return False
    for lemma in _lemmas(word).get("VERB", ()):
        if word in _inflection(lemma, "VBG") + _inflection(lemma, "VBN"):
            return True
    return False


def is_determined(phrase: str) -> bool:
    """Whether a noun phrase already starts with an article, a determiner, a possessive or a number."""
    words = tokens(phrase)
    if not words:
        return True
    first = words[0].strip(_EDGE_PUNCT)
    return (first.casefold() in DETERMINERS or re.search(r"['’]s?$", first) is not None
            or first[:1].isdigit())


def is_plural_phrase(phrase: str) -> bool:
    """Whether a noun phrase is plural by its head ("the officials who ..." yes, "the lender of ..." no)."""
    return is_plural_noun(head_noun(phrase))


def common_head_plural(phrase: str) -> bool | None:
    """The number of a noun phrase whose head is a common noun ("the ancient Greek word ..." singular, "the gauge
    bosons ..." plural, "protons and neutrons ..." plural); None where its head is a name or no noun is found."""
    words = tokens(phrase)
    k = head_index(phrase)
    if k < 0:
        return None
    head = bare(words[k])
    if not head.isalpha() or not head[:1].islower():
        return None
    before = [bare(w).casefold() for w in words[:k]]
    if "and" in before and not (set(before) & DETERMINERS) and is_plural_noun(bare(words[0])):
        return True  # "protons and neutrons taken together"
    return is_plural_noun(head)


# Head nouns that make a description itself a name ("the popular name given to ...", "the Greek word for ...").
NAME_NOUNS = frozenset("name names nickname nicknames word words term terms title epithet label expression phrase "
                       "byname sobriquet".split())


def names_a_word(phrase: str) -> bool:
    """Whether a noun phrase describes a word or name ("Thomson's name for ...", "the ancient Greek word ...")."""
    k = head_index(phrase)
    return k >= 0 and bare(tokens(phrase)[k]).casefold() in NAME_NOUNS


def noun_phrase(phrase: str) -> str:
    """A role or description as it reads after "was": a bare singular common noun gets "a" or "an".

    "politician from Russia" -> "a politician from Russia", "ethnic Kazakh who ..." -> "an ethnic Kazakh who ...";
    An office of a named place or body ("King of Portugal to whom ...", "President of Russia") gets "the": it names
    one holder, and a clause after it ("to whom ...") reads only after "the". "the president ...", "Russia's
    president ..." and plurals stay as they are.
    """
    phrase = phrase.strip()
    if not phrase or is_determined(phrase):
        return phrase
    if office_title(phrase):
        return f"the {phrase}"
    first = tokens(phrase)[0]
    head = head_noun(phrase)
    if any(re.search(r"['’]s?$", w) for w in tokens(phrase)[:max(head_index(phrase), 0)]):
        return phrase  # "Lajpat Rai's father": a possessive determines it
    if first[:1].isupper() and not (head[:1].islower() and head.isalpha()):
        return phrase  # a title or a name: "President of Russia"; "Indian revolutionary ..." still needs "an"
    if is_plural_noun(head) or head[:1].islower() and head.casefold() in _MASS:
        return phrase
    return f"{indefinite_article(phrase)} {phrase}"


def indefinite_article(phrase: str) -> str:
    """"a" or "an", as the phrase's first sound takes it ("an oil lamp", "a unit")."""
    return _inflect().a(phrase)[: -len(phrase)].strip().casefold() or "a"  # inflect capitalises it before a capital


_AFTER_NAME = _RELATIVE | PREPOSITIONS | frozenset("and or but from since until till between during".split())


def office_title(phrase: str) -> bool:
    """Whether a phrase is an office of a named place or body, bare: capitalised words whose last is a singular
    common noun, "of", and a name ("King of Portugal", "Prime Minister of Britain from 1940", "Bishop of the
    Isles who ..."). Not a name used as a modifier of the real head ("University of Chicago professor"), a
    possessive ("Duke of Wellington's nephew") nor a plural ("Kings of Portugal")."""
    words = tokens(phrase)
    at = next((k for k, w in enumerate(words) if bare(w).casefold() == "of"), -1)
    if at < 1 or at + 1 >= len(words) or any(words[k].endswith(",") for k in range(at)):
        return False
    if not all(bare(w)[:1].isupper() and bare(w).replace("-", "").isalpha() for w in words[:at]):
        return False
    office = bare(words[at - 1])
    if "NOUN" not in parts_of_speech(office.casefold()) or is_plural_noun(office.casefold()):
        return False
    k = at + 1
    if k < len(words) and bare(words[k]).casefold() == "the":
        k += 1
    named = k
    while k < len(words) and bare(words[k])[:1].isupper() and not words[k - 1].endswith((",", ";", ":")):
        if re.search(r"['’]s?$", words[k].rstrip(",;:.")):
            return False
        k += 1
    if k == named:
        return False  # "Head of state": not a named place or body
    if k == len(words) or words[k - 1].endswith((",", ";", ":")):
        return True
    after = bare(words[k]).casefold()
    return after in _AFTER_NAME or after[:1].isdigit() or not after.isalpha()


def indefinite(phrase: str) -> bool:
    """Whether a noun phrase is indefinite ("a ...", "an ..."), so it describes rather than names."""
    words = tokens(phrase)
    return bool(words) and words[0].casefold() in ("a", "an")


_MASS = frozenset("""
information advice news water land money research evidence equipment furniture music art power rice cotton oil gas
""".split())


def be(plural: bool, past: bool) -> str:
    """The form of "to be" that agrees with a subject: is, are, was or were."""
    return ("were" if plural else "was") if past else ("are" if plural else "is")


# --- questions from clauses -----------------------------------------------------------------------------------


def split_clause(clause: str) -> tuple[str, str, str, str] | None:
    """Split a clause in the past into (subject, verb as written, its lemma, the rest); None when no verb is found.

    The verb is the first lower-case word after the subject that is a past form of a verb ("finished", "began",
    "split") or an auxiliary ("was", "were", "had"); "Kazakhstan's dam" and names never count.
    """
    words = tokens(clause.strip().rstrip("."))
    k = 0
    while k + 1 < len(words):
        k += 1
        word = words[k]
        if not word.isalpha() or not word.islower():
            continue
        close = _parenthetical_end(words, k)
        if close:
            k = close  # "the bridge, designed by Bazalgette, opened": the participle describes the subject
            continue
        if word in ("was", "were", "had"):
            return " ".join(words[:k]), word, {"had": "have"}.get(word, "be"), " ".join(words[k + 1:])
        for lemma in _lemmas(word).get("VERB", ()):
            if word in _inflection(lemma, "VBD") and not _subject_noun(words, k):
                return " ".join(words[:k]), word, lemma, " ".join(words[k + 1:])
    return None


def _parenthetical_end(words: list[str], k: int) -> int:
    """Where a participle phrase set off by commas after the subject ends (the index of its word with the closing
    comma), or 0 when words[k] opens none: "the bridge, designed by Bazalgette, opened" -> the index of
    "Bazalgette,"."""
    if not words[k - 1].endswith(",") or not any(
            words[k] in _inflection(lemma, "VBN") for lemma in _lemmas(words[k]).get("VERB", ())):
        return 0
    close = next((j for j in range(k, len(words) - 1) if words[j].endswith(",")), 0)
    if not close:
        return 0
    verb = words[close + 1]
    past = verb in ("was", "were", "had") or any(
        verb in _inflection(lemma, "VBD") for lemma in _lemmas(verb).get("VERB", ()))
    return close if verb.isalpha() and verb.islower() and past else 0


def _subject_noun(words: list[str], k: int) -> bool:
    """Whether a word that could be a past verb is more likely a noun of the subject ("the Soviet rose garden")."""
    nxt = words[k + 1].strip(_EDGE_PUNCT).casefold() if k + 1 < len(words) else ""
    return "NOUN" in _lemmas(words[k]) and bool(nxt) and nxt[:1].isalpha() and "VERB" in _lemmas(nxt) and \
        nxt not in DETERMINERS and nxt not in PREPOSITIONS


def ask_clause(wh: str, clause: str, form: str = "did") -> str | None:
    """Turn a clause in the past into a question opened by `wh` ("In which year"), or None when it cannot.

    `form` "did" asks when it happened ("In which year did the sea split?"), "had" by when it had happened ("By
    which year had the sea split?"), "began" when it began ("In which decade did the sea begin to shrink?").
    """
    parts = split_clause(clause)
    if parts is None:
        return None
    subject, verb, lemma, rest = parts
    rest = _coordinated(rest, "VBN" if form == "had" else "VB")
    # what a reporting verb reports is a clause of its own, "that" or no "that" ("Putin said Kazakhstan was ...")
    if verb not in _REPORTING and _another_verb(rest):
        return None  # "moved to Hisar, began to practise law ...": a second clause this question would garble
    rest = f" {rest}" if rest else ""
    if verb == "had" and rest:  # "had split in two": already a perfect
        nxt, _, tail = rest.strip().partition(" ")
        if form == "began":
            return None
        return f"{wh} had {subject} {nxt}{' ' + tail if tail else ''}?"
    if verb in ("was", "were"):
        if form == "had":
            return f"{wh} had {subject} been{rest}?"
        if form == "began":
            return f"{wh} did {subject} begin to be{rest}?"
        return f"{wh} {verb} {subject}{rest}?"
    if form == "had":
        participle = (_inflection(lemma, "VBN") or (verb,))[0]
        return f"{wh} had {subject} {participle}{rest}?"
    if form == "began":
        if lemma == "begin":
            return f"{wh} did {subject} begin{rest}?"
        return f"{wh} did {subject} begin to {lemma}{rest}?"
    return f"{wh} did {subject} {lemma}{rest}?"


def is_passive(clause: str) -> bool:
    """Whether a clause's verb is "was" or "were" with a past participle ("a forum was held")."""
    parts = split_clause(clause)
    if not parts or parts[1] not in ("was", "were") or not tokens(parts[3]):
        return False
    participle = bare(tokens(parts[3])[0])
    return any(participle in _inflection(lemma, "VBN") for lemma in _lemmas(participle).get("VERB", ()))


def _coordinated(rest: str, tag: str) -> str:
    """Put a second verb joined by "and" or "or" in the form of the first ("... became independent and inherited"
    -> "... become independent and inherit")."""
    words = tokens(rest)
    for k in range(1, len(words)):
        if words[k - 1] in ("and", "or") and words[k].isalpha() and words[k].islower():
            for lemma in _lemmas(words[k]).get("VERB", ()):
                if words[k] in _inflection(lemma, "VBD") and "NOUN" not in _lemmas(words[k]):
                    words[k] = (_inflection(lemma, tag) or (words[k],))[0]
                    break
    return " ".join(words)


_AUXILIARIES = frozenset("was were had is are has have will would did does".split())


def _another_verb(rest: str) -> bool:
    """Whether what follows a clause's verb holds a finite verb of its own, which one question cannot ask with
    the first: an auxiliary ("..., and on his release he was elected"), a past form that is no participle
    ("..., began to practise law"), or a past form taking an object ("settled in Maharashtra formed the trust")."""
    words = [bare(w) for w in tokens(rest)]
    for k, word in enumerate(words):
        if word.casefold() in _SUBORDINATORS:
            return False  # what follows is a clause inside this one ("showed that ... is made of ...")
        if not word.isalpha() or not word.islower():
            continue
        if word in _AUXILIARIES:
            return True
        if k == 0 or words[k - 1].casefold() in ("and", "or", "to", "been", "being", "having"):
            continue  # put in the first verb's form by `_coordinated`, or a participle after its auxiliary
        lemmas = _lemmas(word).get("VERB", ())
        if not lemmas or "NOUN" in _lemmas(word):
            continue
        if _contact_relative(words, k):
            continue
        past = any(word in _inflection(lemma, "VBD") for lemma in lemmas)
        participle = any(word in _inflection(lemma, "VBN") for lemma in lemmas)
        nxt = words[k + 1].casefold() if k + 1 < len(words) else ""
        if past and (not participle or nxt in DETERMINERS - {"that"}):
            return True
    return False


_SUBJECT_PRONOUNS = frozenset("he she they we i you".split())
_TIME_ADVERBS = frozenset("later once then first still also never often soon already long just".split())


def _contact_relative(words: list[str], k: int) -> bool:
    """Whether the verb words[k] has a subject of its own right after a noun, a relative clause without "that"
    ("the candle Faraday later showed", "the cargo they insured"): it says which thing, it is not a second event."""
    j = k - 1
    if j > 0 and words[j] in _TIME_ADVERBS or (words[j].endswith("ly") and "NOUN" not in _lemmas(words[j])):
        j -= 1  # "the candle Faraday later showed", "the road they finally paved"
    if j < 1 or words[j].endswith(",") or words[j - 1].endswith(","):
        return False
    subject = words[j].casefold() in _SUBJECT_PRONOUNS or (words[j][:1].isupper() and words[j].isalpha())
    before = words[j - 1]
    return subject and before.isalpha() and before.islower() and "NOUN" in _lemmas(before) \
        and before not in DETERMINERS and before not in PREPOSITIONS and before not in ("and", "or")


_SUBORDINATORS = frozenset("""that which who whom whose where when what how why because if whether while although though
as since until unless so""".split())


_PRESENT_MARKS = frozenset("is are has have does do can cannot".split())
_PAST_MARKS = frozenset("was were had did could would".split())


def present_marks(text: str) -> list[str]:
    """The present forms of "to be", "to have" and "to do" in a text ("is widely regarded", "has been")."""
    return [w for w in (bare(t) for t in tokens(text)) if w in _PRESENT_MARKS - {"can", "cannot"}]


def in_present(text: str) -> bool:
    """Whether a text speaks in the present: a present verb ("is", "changes", "radiates") and no past one ("was",
    "began", "denied" without an auxiliary); a text with no verb found is not."""
    words = [bare(w) for w in tokens(text)]
    present = False
    for k, word in enumerate(words):
        if not word.isalpha() or not word.islower():
            continue
        if word in _PAST_MARKS:
            return False
        if word in _PRESENT_MARKS:
            present = True
            continue
        lemmas = _lemmas(word).get("VERB", ())
        if not lemmas:
            continue
        before = words[k - 1].casefold() if k else ""
        if any(word in _inflection(lemma, "VBD") for lemma in lemmas) and before not in \
                _PRESENT_MARKS | {"be", "been", "being"} and "ADJ" not in _lemmas(word):
            return False
        noun = "NOUN" in _lemmas(word) and (before in DETERMINERS or before in PREPOSITIONS or not before)
        if k and not noun and any(word in _inflection(lemma, "VBZ") for lemma in lemmas):
            present = True
    return present


# --- what a claim is: a judgement or something that can be checked ----------------------------------------

_REPORTING = ("said thought believed argued wrote claimed suggested proposed concluded insisted warned predicted "
              "stated declared noted maintained feared hoped doubted denied observed reasoned explained announced "
              "reported says thinks believes argues writes claims suggests warns predicts notes insists maintains "
              "explains").split()
_REPORTING_RE = re.compile(r"\b(" + "|".join(_REPORTING) + r")\b")


# A statement that names its own source at its start: "according to legend, ...", "legend has it that ...", "it is
# said that ...", "reportedly, ...". The article reports it, but a second "According to the article," doubles it.
_OWN_ATTRIBUTION = re.compile(
    r"^\W*(?:according\s+to\b|legend\s+(?:has\s+it|says|holds|tells)\b|(?:the\s+)?(?:story|tradition)\s+"
    r"(?:has\s+it|goes|says|holds)\b|as\s+(?:the\s+)?(?:legend|story|tradition)\s+(?:has\s+it|goes)\b|"
    r"it\s+(?:is|was|has\s+been)\s+(?:said|told|believed|thought|claimed|alleged|reported|rumou?red|related)\b|"
    r"(?:reportedly|allegedly|supposedly|reputedly|legendarily)\b|some\s+(?:say|claim|believe)\b|"
    r"(?:they|people)\s+say\b)", re.I)


def attributed(statement: str) -> bool:
    """Whether a statement opens with its own attribution ("according to legend, ...", "it is said that ...")."""
    return bool(_OWN_ATTRIBUTION.match(statement))


def according(statement: str, source: str = "the article", claimed: bool = False) -> str:
    """The statement as the article's report: "According to the article, the sea ..."; a statement that names its
    own source already ("according to legend, he fled", "what led to the book's judgement ...") is only
    capitalised. Where what it asks is the source's `claimed` value (a date the curator's note corrects), only an
    attribution at its start will do: "the book's starting point" inside it attributes a view, not the date."""
    if attributed(statement) or (not claimed and names_source(statement, source)):
        return statement[:1].upper() + statement[1:] if statement[:1].islower() else statement
    return f"According to {source}, {statement}"


def names_source(text: str, source: str = "the article") -> bool:
    """Whether a text speaks of its source by the name questions give it, as the owner of a view ("the book's
    judgement", "in the article's account"): a sentence saying so needs no "According to the book," too."""
    if not source:
        return False
    owner = re.escape(possessive(source)).replace("'", "['’]")
    return re.search(rf"(?<!\w){owner}(?!\w)", text, re.I) is not None


def mentions_source(text: str, source: str = "the article") -> bool:
    """Whether a text speaks of its source at all ("..., the article says, ...", "the book's view"): it needs no
    "according to" besides."""
    if not source:
        return False
    return names_source(text, source) or re.search(rf"(?<!\w){re.escape(source)}(?!\w)", text, re.I) is not None


# A view held, as a noun, and the verb that holds it: "the book's judgement that X" -> "the book judges that X".
_VIEW_VERBS = {"judgement": "judge", "judgment": "judge", "view": "hold", "opinion": "hold", "belief": "believe",
               "conclusion": "conclude", "verdict": "conclude", "claim": "claim", "argument": "argue",
               "assertion": "assert", "contention": "contend", "suggestion": "suggest", "insistence": "insist",
               "assumption": "assume", "fear": "fear", "hope": "hope", "doubt": "doubt", "expectation": "expect",
               "decision": "decide", "complaint": "complain", "finding": "find", "prediction": "predict",
               "feeling": "feel", "impression": "feel", "sense": "feel", "estimate": "estimate"}
_VIEW = re.compile(r"^(?P<owner>(?:the\s+)?[\w .\-]+?)['’]s?\s+(?P<noun>" +
                   "|".join(sorted(_VIEW_VERBS, key=len, reverse=True)) + r")\s+that\s+(?P<clause>.+)$", re.I)


# --- causes and effects as a question's object -----------------------------------------------------------

_MODALS_NOW = frozenset("will can cannot may must shall".split())  # what holds, or will, at any time


def speaks_in_past(text: str) -> bool | None:
    """Whether a text speaks in the past (True: "was", "took", "prompted action"), in the present or of what
    always follows (False: "is", "will break", "you may get water condensed", "the cup be not horizontal"), or
    neither (None: no finite verb found, as in "There being no pores at the side"). A form that may be a past
    participle as well ("turned", "condensed") counts as past only where nothing speaks in the present."""
    words = [bare(w) for w in tokens(text)]
    present = weak_past = False
    for k, word in enumerate(words):
        if not word.isalpha() or not word.islower():
            continue
        if word in _PAST_MARKS:
            return True
        if word in _PRESENT_MARKS or word in _MODALS_NOW:
            present = True
            continue
        lemmas = _lemmas(word)
        verbs = lemmas.get("VERB", ())
        if not verbs:
            continue
        before = words[k - 1].casefold() if k else ""
        after = words[k + 1].casefold() if k + 1 < len(words) else ""
        if before in _PRESENT_MARKS | _MODALS_NOW | _AUXILIARIES | {"be", "been", "being", "to"}:
            continue
        past = any(word in _inflection(lemma, "VBD") for lemma in verbs)
        participle = any(word in _inflection(lemma, "VBN") for lemma in verbs)
        if past and not participle:
            return True  # "took", "began": past, whatever else the text says
        if past and before not in DETERMINERS and ("ADJ" not in lemmas or after in DETERMINERS):
            weak_past = True
        # a form that may be a plural noun ("effects", "outbreaks") is a verb after its subject and before what
        # it governs: "salt water freezes at ..."
        subject = before in _PRONOUNS_FIRST | _RELATIVE | {"it", "this"} or (
            "NOUN" in _lemmas(before) and "ADJ" not in _lemmas(before) and not words[k - 1].endswith(",")
            and after in PREPOSITIONS | DETERMINERS)
        if k and ("NOUN" not in lemmas or subject) and any(word in _inflection(lemma, "VBZ") for lemma in verbs):
            present = True
    if present:
        return False
    return True if weak_past else None


def being_inserted(phrase: str) -> str:
    """A noun phrase whose noun a past participle follows ("the water drawn out of the basin", "the fat left
    re-arranged as ...") as the object of "leads to" or "a consequence of" reads with "being" before the participle
    ("the water being drawn out of the basin"); any other phrase as it is."""
    words = tokens(phrase)
    for k in range(1, min(len(words), 5)):
        before, word = bare(words[k - 1]), bare(words[k])
        if words[k - 1].endswith((",", ";", ":")) or not before.isalpha() and "'" not in before and \
                "’" not in before and "-" not in before:
            return phrase
        if before.casefold() in PREPOSITIONS | _RELATIVE | {"and", "or", "being", "been", "not"}:
            return phrase  # "the bursting of thick bottles filled ...": the participle is inside a modifier
        if not word.isalpha() or not word.islower() or before.casefold() in DETERMINERS:
            continue
        verbs = _lemmas(word).get("VERB", ())
        if word in verbs or any(word in _inflection(lemma, "VBG") for lemma in verbs):
            if any(word in _inflection(lemma, "VBG") for lemma in verbs):
                return phrase  # "ice floating on water": already a clause
            continue
        if any(word in _inflection(lemma, "VBN") for lemma in verbs):
            return " ".join([*words[:k], "being", *words[k:]])
    return phrase


_STATE = re.compile(r"^(?P<subject>.+?)(?:['’]s?)?\s+(?P<neg>not\s+)?being\s+(?P<rest>.+)$", re.I)


def state_question(effect: str, present: bool, source: str = "the article") -> str | None:
    """A state asked by why it holds: "the candle's not being an elementary body" -> "Why, according to the book,
    is the candle not an elementary body?"; None where the effect is no state of something ("X's being Y")."""
    match = _STATE.match(effect.strip().rstrip("."))
    if match is None:
        return None
    subject = match.group("subject").strip()
    if not subject or subject.casefold() in DETERMINERS or len(tokens(subject)) > 6 or \
            any(bare(w).casefold() in _RELATIVE | {"and", "or"} for w in tokens(subject)):
        return None
    many = is_plural_phrase(subject) if subject[:1].islower() else False
    verb = ("are" if many else "is") if present else ("were" if many else "was")
    negation = "not " if match.group("neg") else ""
    return f"Why, according to {source}, {verb} {subject} {negation}{match.group('rest')}?"


def lacks_antecedent(side: str) -> list[str]:
    """The words by which a short cause or effect ("the flame going out", "drops of water condensing on the
    metal") points at something it does not name: a pronoun before any noun, or a singular definite common noun
    that nothing after it pins down (no preposition, relative clause or name), at the head of the side or in a
    clause of its own verb; [] for a side that stands alone, or one with content enough
    to be read on its own (more than four meaningful words). (The words by which any text leans, "his claim",
    "the two forms", are `leaning_words`'.)"""
    found: list[str] = []
    if _STATE.match(side.strip()):
        return found  # "the candle's not being an elementary body": a kind of thing, classed by its predicate
    words = tokens(side)
    meaningful = [w for w in words if len(bare(w)) >= 3 and bare(w).casefold() not in _FUNCTION_WORDS]
    if len(meaningful) > SHORT_SIDE:
        return found
    in_clause = False  # after a verb of the side's own ("condensing on the metal"), not a noun's modifier
    for k, raw in enumerate(words):
        word = bare(raw).casefold()
        before = bare(words[k - 1]).casefold() if k else ""
        if k and before not in DETERMINERS | PREPOSITIONS and _is_participle(word):
            in_clause = True  # "drops of water condensing ...", "a lamp knocked over ..."; not "of melted fuel"
        if word in ("it", "they", "them", "its", "their", "he", "she", "his", "her"):
            if not any(bare(w).casefold() not in _FUNCTION_WORDS for w in words[:k]):
                found.append(bare(raw))  # "it" with no noun before it: "his claim"; "water as it freezes" stands
            continue
        if word != "the":
            continue
        if any(bare(w).casefold() not in _FUNCTION_WORDS for w in words[:k]) and not in_clause:
            continue  # inside a noun's own modifier ("a fire in the mill"): the noun before it is what is asked of
        end = k + 1  # the noun group after "the": its words up to the first that is no adjective or noun
        while end < len(words) and bare(words[end])[:1].islower() and not raw.endswith(",") and \
                bare(words[end]).casefold() not in DETERMINERS | PREPOSITIONS | _RELATIVE | _AUXILIARIES and \
                (end == k + 1 or not _is_participle(bare(words[end]).casefold())
                 and ("NOUN" in _lemmas(bare(words[end]).casefold()) or "ADJ" in _lemmas(bare(words[end]).casefold())
                      or bare(words[end]).casefold() in ("and", "or"))):
            if bare(words[end]).casefold() in ("and", "or") and (end + 1 >= len(words) or bare(
                    words[end + 1]).casefold() in DETERMINERS or not bare(words[end + 1])[:1].islower()):
                break  # "the smell and the fear": two phrases; "the national and local administrators": one
            end += 1
        group = [bare(w) for w in words[k + 1:end]]
        if not group or any(w[:1].isupper() for w in group):
            continue  # "the Thames", "the Great Stink": a name
        if is_plural_noun(group[-1]):
            continue  # "the weavers": a class of people or things, not one thing the reader must find
        after = bare(words[end]).casefold() if end < len(words) else ""
        if (after in PREPOSITIONS or after in _RELATIVE) and end + 1 < len(words):
            continue  # "the outside of a candle", "the cup that forms": pinned down by what follows
        found.append(" ".join([bare(raw), *group]))
    return list(dict.fromkeys(found))


SHORT_SIDE = 4  # a cause or effect of this many meaningful words or fewer leans on its antecedents
_FUNCTION_WORDS = DETERMINERS | PREPOSITIONS | _RELATIVE | frozenset(
    "and or but not being been be is are was were has have had out up off down away back so as than".split())


@lru_cache(maxsize=1 << 14)
def word_lemmas(word: str) -> frozenset[str]:
    """A word's forms as a dictionary lists them, folded: itself, its singular as a noun, its lemmas as a verb
    ("dips" -> dips, dip; "dipping" -> dipping, dip)."""
    word = bare(word).casefold()
    found = {word}
    if word.isalpha():
        singular = _inflect().singular_noun(word)
        if singular:
            found.add(str(singular).casefold())
        found.update(lemma.casefold() for lemma in _lemmas(word).get("VERB", ()))
    return frozenset(found)


SHORT_ANSWER_WORDS = 3  # an answer of this many meaningful words or fewer is given away by any form of them


def form_echoes(stem: str, answer: str, wrong: tuple[str, ...] | list[str] = ()) -> list[tuple[str, str]]:
    """The words of a short answer ("dips") that its question holds in another form ("dipping"), by their lemmas,
    each with the question's word (the same word as written is the other checks' to weigh); a word a wrong option
    holds in some form as well gives nothing away. [] for an answer longer than SHORT_ANSWER_WORDS meaningful words
    (`cues.echoed_words` weighs those)."""
    def meaningful(text: str) -> list[str]:
        return [bare(w) for w in tokens(text) if len(bare(w)) >= 3 and bare(w).casefold() not in _FUNCTION_WORDS
                and bare(w).isalpha()]

    key_words = meaningful(answer)
    if not key_words or len(key_words) > SHORT_ANSWER_WORDS:
        return []
    stem_words = meaningful(stem)
    wrong_lemmas = set().union(*(word_lemmas(w) for option in wrong for w in meaningful(option)))
    found = []
    for word in key_words:
        lemmas = word_lemmas(word)
        hit = next((s for s in stem_words if s.casefold() != word.casefold() and word_lemmas(s) & lemmas), None)
        if hit is not None and not lemmas & wrong_lemmas:
            found.append((word, hit))
    return found


def cause_question(effect: str, present: bool, source: str = "the article") -> str:
    """Ask for the cause of an effect: "According to the article, what led to the closing of the mill?".

    An effect that is someone's view ("the book's judgement that calling them sonatas is misleading") is asked
    by why it is held ("Why does the book judge that calling them sonatas is misleading?"): nothing "leads to" a
    judgement. The source's own view is asked in the present, since the source still holds it, and without
    "According to the book," which would name it twice."""
    effect = effect.strip().rstrip(".")
    view = _VIEW.match(effect)
    if view and not view.group("owner").casefold().startswith(("a ", "an ")):
        owner, clause = view.group("owner").strip(), view.group("clause")
        verb = _VIEW_VERBS[view.group("noun").casefold()]
        own = owner.casefold() == source.casefold()
        many = is_plural_phrase(owner) if owner[:1].islower() else False
        does = ("do" if many else "does") if present or own else "did"
        question = f"why {does} {owner} {verb} that {clause}?"
        return according(question, source) if not own else question[:1].upper() + question[1:]
    state = state_question(effect, present, source)
    if state is not None:
        return state
    return according(f"what {'leads' if present else 'led'} to {being_inserted(effect)}?", source)


def effect_question(cause: str, present: bool, source: str = "the article") -> str:
    """Ask for the effect of a cause: "According to the article, what is a consequence of a wet towel being thrown
    over the side of a basin?"."""
    cause = cause.strip().rstrip(".")
    return according(f"what {'is' if present else 'was'} a consequence of {being_inserted(cause)}?", source)


_RANKING = re.compile(r"^(?:(?:the|a|an|[\w-]+'s)\s+)?(?:very\s+)?(?:first|earliest|last|greatest|finest|best|"
                      r"foremost|most\s+\w+|only|leading|principal|supreme|father\s+of)\b(?!-)", re.I)
_ATTRIBUTED_INSIDE = re.compile(r"\b(?:according to|in (?:the|its|his|her|their) [\w' ]{0,20}account|"
                                r"in [\w' ]{1,30}'s? (?:account|view|words))\b", re.I)


# Credit given by repute: who is "credited with" a discovery is as disputed as who was first to it.
_CREDITED = re.compile(r"\b(?:credited|reputed|regarded as|hailed as|said to (?:have|be)|thought to (?:have|be)|"
                       r"believed to (?:have|be))\b", re.I)


def ranks(description: str) -> bool:
    """Whether a description ranks its subject ("the first composer to ...", "England's greatest musician") or
    gives it credit by repute ("the chemist credited with ...", "regarded as ..."): a judgement of the source's,
    often disputed, that a question states as the source's, not as plain fact. One that names whose judgement it
    is already ("..., in the book's account") needs no more."""
    text = str(description).strip()
    return bool(_RANKING.match(text) or _CREDITED.search(text)) and not _ATTRIBUTED_INSIDE.search(text)


def possessive(phrase: str) -> str:
    """"the book" -> "the book's"; a plural in s takes the apostrophe alone ("the letters'")."""
    return phrase + ("'" if phrase.endswith("s") and not phrase.endswith("ss") and is_plural_phrase(phrase) else "'s")


def naming_source(text: str, source: str) -> str:
    """An English fixed text that speaks of "the article" as the source (a stem, an instruction), with the source
    named as it is called instead: "... give the book's opinion?"."""
    if source == "the article":
        return text
    return text.replace("the article's", possessive(source)).replace("the article", source)


def reporting_verb(quote: str) -> str:
    """The verb a quote reports a claim with ("Doctors thought that ..." -> "thought"), else "said"."""
    found = _REPORTING_RE.search(quote)
    return found.group(1) if found else "said"


# Words that mark a judgement rather than something that can be checked: modals and predictions, hedges, and
# adjectives and adverbs of value.
JUDGEMENT_WORDS = frozenset("""
will would may might could should must ought shall likely unlikely probably perhaps possibly arguably clearly surely
seems seem seemed appears apparently good bad better best worse worst great greatest important significant wise unwise
foolish right wrong fair unfair successful unsuccessful brilliant remarkable terrible dangerous admirable shameful
hard-working diligent lazy generous brave courageous cowardly heroic cruel noble tragic disastrous excellent poor
inspiring crucial vital essential necessary unnecessary inevitable ironic absurd ridiculous impressive ambitious
reckless naive pragmatic wisely foolishly rightly wrongly sadly fortunately unfortunately luckily remarkably
""".split())


# Verbs of attitude and of reading: what the article says someone feared or wanted, or what an event reflected, is
# its reading of them, neither a plain fact nor an opinion marked as one.
ATTITUDE_WORDS = frozenset("""fear fears feared fearing hope hopes hoped want wants wanted wish wished seek seeks sought
intend intends intended expect expects expected prefer prefers preferred worry worries worried resent resented
reflect reflects reflected signal signals signalled signaled suggest suggests suggested symbolise symbolises
symbolised symbolize symbolizes symbolized embody embodies embodied""".split())


# Words that say how people received someone or something: a reputation, admiration, praise. "The book enjoyed a
# great reputation" reports what people thought, which can be checked; its "great" is theirs, not the article's.
RECEPTION_WORDS = frozenset("""reputation reputations renown renowned fame famed famous acclaim acclaimed admired
admiration praised lauded hailed celebrated revered venerated esteemed esteem respected honoured honored regarded
considered reputed popular popularity""".split())
# Words by which the article takes its own side on what people thought ("rightly admired"): its opinion still.
STANCE_WORDS = frozenset("""rightly wrongly deservedly undeservedly justly unjustly fairly unfairly surely clearly
arguably sadly fortunately unfortunately luckily remarkably wisely foolishly""".split())


def reception_words(text: str) -> list[str]:
    """The words of a text that report how people received someone or something (see RECEPTION_WORDS)."""
    return [w for w in (bare(t).casefold() for t in tokens(text)) if w in RECEPTION_WORDS]


def stance_words(text: str) -> list[str]:
    """The words by which a text takes its own side (see STANCE_WORDS)."""
    return [w for w in (bare(t).casefold() for t in tokens(text)) if w in STANCE_WORDS]


def attitude_words(text: str) -> list[str]:
    """The words of a text that say what someone felt or wanted (see ATTITUDE_WORDS), in order."""
    return [w for w in (bare(t).casefold() for t in tokens(text)) if w in ATTITUDE_WORDS]


def judgement_words(text: str) -> list[str]:
    """The words of a text that mark a judgement (see JUDGEMENT_WORDS), in order."""
    return [w for w in (bare(t).casefold() for t in tokens(text)) if w in JUDGEMENT_WORDS]


def checkable(text: str) -> bool:
    """Whether a statement reports something that can be checked: a figure, or a verb of what happened. (What a
    text says "is" so may be an interpretation: "the hold is weakening".)"""
    return bool(re.search(r"\d", text)) or split_clause(text) is not None


def clause_verb_lemma(clause: str) -> str:
    """The lemma of a clause's main verb ("the sea covered ..." -> "cover"; "a forum was held" -> "hold"), or ""
    when none is found."""
    parts = split_clause(clause)
    if not parts:
        return ""
    lemma, rest = parts[2], tokens(parts[3])
    if parts[1] in ("was", "were", "had") and rest:  # a passive or a perfect: the participle says what happened
        participle = bare(rest[0])
        for candidate in _lemmas(participle).get("VERB", ()):
            if participle in _inflection(candidate, "VBN"):
                return candidate
    return lemma


_ARTICLE_BEFORE_BLANK = re.compile(r"(^|\s)(a|an|A|An)(\s*)$")


def article_before_blank(before: str) -> str:
    """The words before a blank, their last word "a" or "an" written "a(n)": the article would tell a student
    whether the missing word begins with a vowel sound ("translated by an _____ scholar")."""
    return _ARTICLE_BEFORE_BLANK.sub(lambda m: f"{m.group(1)}{m.group(2)[0]}(n){m.group(3)}", before)


_NEUTRAL_ARTICLE = re.compile(r"(^|\s)([Aa])\(n\)(\s*)$")


def hedged_article(before: str) -> tuple[str, str, str]:
    """The words before a blank split at a closing "a(n)": (the words before it, "a(n)" as written, the space
    after it); ("", "", "") when they do not end in one."""
    match = _NEUTRAL_ARTICLE.search(before)
    if not match:
        return "", "", ""
    return before[:match.start(2)], before[match.start(2):match.end(2) + 3], match.group(3)


def article_for_answer(before: str, answer: str) -> str:
    """The words before a blank with the answer filled in: a closing "a(n)" (`article_before_blank`) as the
    article the answer takes ("a natural", "an unknown"), since a text that shows the answer gives nothing away."""
    head, hedged, space = hedged_article(before)
    if not hedged:
        return before
    article = indefinite_article(answer)
    return f"{head}{article.capitalize() if hedged[0].isupper() else article}{space}"


# --- words that point outside their sentence ----------------------------------------------------------------

_DEMONSTRATIVES = frozenset("this these those".split())
# "the same year", "the latter", "the other river": what they point at is in another sentence.
_POINTING_ADJECTIVES = frozenset("""same former latter aforementioned above above-mentioned previous preceding following
next other said""".split())
_PRONOUNS_FIRST = frozenset("he she they him her them his its their hers theirs".split())  # "it takes ...": no one
_PARTITIVES = frozenset("one two three some many most few none each all several any".split())
_POINTING_PHRASES = (("at", "the", "time"), ("at", "that", "time"), ("in", "that", "year"), ("that", "year"),
                     ("that", "day"), ("that", "time"), ("the", "time"))


def leaning_words(text: str) -> list[str]:
    """The words by which a description or statement points outside itself (see `_leaning_words`)."""
    return list(_leaning_words(text))


@lru_cache(maxsize=1 << 14)  # cached: a description is weighed for every statement it might make false
def _leaning_words(text: str) -> tuple[str, ...]:
    """The words by which a description or statement points outside itself, so that shown alone (on a card, in a
    matching row) it says too little: a demonstrative ("this work", "these reforms"), "the same", "the latter",
    "the other" ..., "at the time", "that year", a pronoun before any noun it could stand for ("his claim ..."), or
    a group named only by "the" and a plural noun at its end ("an Egyptian prince who was among the students");
    [] for a text that stands on its own."""
    words = [bare(w) for w in tokens(text)]
    folded = [w.casefold() for w in words]
    found: list[str] = []
    for k, word in enumerate(folded):
        nxt = folded[k + 1] if k + 1 < len(folded) else ""
        if word in _DEMONSTRATIVES and nxt and nxt.isalpha() and nxt not in DETERMINERS and nxt not in _RELATIVE \
                and nxt not in _AUXILIARIES and nxt not in PREPOSITIONS:  # "those of any other" stands alone
            found.append(f"{words[k]} {words[k + 1]}")
        elif word == "the" and nxt in _POINTING_ADJECTIVES and not set(folded[k + 2:k + 5]) & {"of", "as", "than"}:
            found.append(f"{words[k]} {words[k + 1]}")  # "the same number of protons" compares within itself
    for phrase in _POINTING_PHRASES:
        n = len(phrase)
        if n == 2 and phrase[0] == "the":
            continue  # "the time" counts only after "at"
        for k in range(len(folded) - n + 1):
            if tuple(folded[k:k + n]) == phrase and (phrase[0] != "that" or k == 0 or k + n == len(folded)
                                                    or folded[k - 1] in PREPOSITIONS):
                found.append(" ".join(words[k:k + n]))
    # a pronoun before any noun it could stand for: "his claim ...", "despite its weaknesses, no other ..."; not one
    # that the name after an opening phrase resolves ("During his years of hiding, Alhazen wrote ...")
    first = next((k for k, w in enumerate(folded) if w not in PREPOSITIONS | {"despite"}), -1)
    if first >= 0 and folded[first] in _PRONOUNS_FIRST:
        raw = tokens(text)
        comma = next((k for k in range(first, len(raw) - 1) if raw[k].endswith(",")), -1)
        if comma < 0 or not bare(raw[comma + 1])[:1].isupper():
            found.append(words[first])
    # "... among the students", "one of the founders": a member of a group of the article's, named by "the" and a
    # plural common noun, nothing after it ("the parallax of the bright stars" is no membership)
    tail = tokens(text)[-5:]
    at = max((k for k, w in enumerate(tail) if w.casefold() == "the"), default=-1)
    member = at > 0 and (bare(tail[at - 1]).casefold() in ("among", "amongst") or at > 1 and bare(
        tail[at - 1]).casefold() == "of" and bare(tail[at - 2]).casefold() in _PARTITIVES)
    if member and at < len(tail) - 1:
        last = tail[-1].rstrip(".")
        named = tail[at + 1:]
        if last.isalpha() and last.islower() and not last.endswith(("us", "ss", "is")) and is_plural_noun(last) \
                and all(w.strip(".").isalpha() and w.islower() for w in named):
            found.append(f"the {' '.join(w.strip('.') for w in named)}")
    found += unnamed_pairs(text)
    return tuple(dict.fromkeys(found))


# "X and the Y", "X with a Y", "France or Britain": two things named side by side
_PAIR_NAMED = re.compile(r"\b[\w'’-]+,?\s+(?:and|with|or|versus|against)\s+"
                         r"(?:the|a|an|his|her|its|their|[A-Z][\w'’-]*)\b")


def unnamed_pairs(text: str) -> list[str]:
    """The pairs a text speaks of without naming them: "the two forms", "the two rival powers", "both movements",
    "both of them", where nothing in it names two things side by side ("the sonata and the suite", "a dance in
    common time with a dance in triple time"); [] where it names them, or speaks of a pair by what it belongs to
    ("the two chambers of parliament") or names both itself ("both the sonata and the suite")."""
    raw = tokens(text)
    folded = [bare(w).casefold() for w in raw]
    found: list[tuple[int, int]] = []
    for k, word in enumerate(folded):
        if word == "two" and k > 0 and folded[k - 1] in ("the", "these", "those"):
            start = k - 1
        elif word == "both":
            start = k
            if k + 1 < len(folded) and folded[k + 1] == "of" and k + 2 < len(folded) \
                    and folded[k + 2] in ("them", "these", "those"):
                found.append((k, k + 3))
                continue
            if "and" in folded[k + 1:k + 8]:
                continue  # "both the sonata and the suite": it names them
        else:
            continue
        for j in range(k + 1, min(k + 4, len(folded))):
            word_j = bare(raw[j])
            if word_j[:1].isupper():
                break  # "the two Koreas", "the two World Wars": a pair known by its name
            if is_plural_noun(word_j):
                if not (j + 1 < len(folded) and folded[j + 1] == "of") and not raw[j - 1].endswith(","):
                    found.append((start, j + 1))
                break
            if raw[j].endswith((",", ";", ":")):
                break
    if not found:
        return []
    spans = [" ".join(bare(w) if n in (a, b - 1) else w for n, w in enumerate(raw[a:b], a)) for a, b in found]
    rest = text
    for span in spans:
        rest = rest.replace(span, " ")
    return [] if _PAIR_NAMED.search(rest) else list(dict.fromkeys(spans))


# --- a thing's state that history ended -------------------------------------------------------------------

# Head nouns of a state a place or body holds for a time ("the Fatimid capital", "the seat of the bishops"): where
# the description's own clause is in the past, the state may have ended, and a statement says it "was".
STATE_NOUNS = frozenset("""capital capitals seat residence headquarters court colony colonies protectorate dominion
stronghold base centre center hub frontier border ally allies rival rivals enemy enemies refuge garrison""".split())


def past_clause(description: str) -> bool:
    """Whether a description's relative clause is in the past ("the capital where he spent ...", "the seat that
    the bishops left"); False without one, or with one in the present ("the collection that holds ...")."""
    words = tokens(description)
    at = next((k for k, w in enumerate(words) if k and bare(w).casefold() in _RELATIVE), -1)
    if at < 0 or at + 1 >= len(words):
        return False
    rest = words[at + 1:]
    first = bare(rest[0])
    if first in _PAST_MARKS - {"could", "would"}:
        return True
    if first.isalpha() and first.islower() and any(first in _inflection(lemma, "VBD")
                                                   for lemma in _lemmas(first).get("VERB", ())):
        return True  # "who ruled ...", "that held ..."
    return split_clause(" ".join(rest)) is not None


def historical_state(description: str) -> bool:
    """Whether a description gives a state of a named time or power that its own past clause places in the past
    ("the Fatimid capital where Ibn al-Haytham spent most of his working life", "the Song capital that fell"): a
    statement of it says "was", not "is". A state without such a name ("the famous seat of learning near which he
    lived") may hold still."""
    words = tokens(description)
    at = head_index(description)
    if at < 1 or bare(words[at]).casefold() not in STATE_NOUNS:
        return False
    named = any(bare(w)[:1].isupper() and bare(w).isalpha() for w in words[1:at])  # "Fatimid", "Song", "Ottoman"
    return named and past_clause(description)


# --- a blank after a determiner -----------------------------------------------------------------------------

_POSSESSIVES = frozenset("his her its their our my your whose".split())
_SINGULAR_DETERMINERS = frozenset("a an this that each every another one either neither".split())
_PLURAL_DETERMINERS = frozenset("these those several many few both various".split())


def fits_determiner(determiner: str, phrase: str) -> bool:
    """Whether a phrase reads after a determiner or possessive as one noun phrase: not across a comma ("its
    weaknesses, no other theory"), not starting with a determiner of its own ("its no other"), and of the number
    the determiner asks for ("each river", "these rivers")."""
    det = bare(determiner).casefold()
    words = tokens(phrase)
    if not words or "," in phrase or ";" in phrase:
        return False
    first = bare(words[0]).casefold()
    if first in DETERMINERS or first in _POSSESSIVES:
        return False
    if det in _SINGULAR_DETERMINERS | _PLURAL_DETERMINERS:
        plural = common_head_plural(phrase)
        if plural is not None and plural != (det in _PLURAL_DETERMINERS):
            return False
    return True


def ends_with_determiner(text: str) -> str:
    """The determiner or possessive a text ends with ("despite its" -> "its"), or ""."""
    words = tokens(text)
    if not words:
        return ""
    last = words[-1]
    folded = last.casefold()
    return last if folded in DETERMINERS - {"no", "all", "both", "such"} or folded in _POSSESSIVES or \
        re.search(r"\w['’]s$", last) else ""


# --- a curator's line that points at a place in the source -----------------------------------------------------

_PLACE_NOUNS = r"(?:paragraph|section|chapter|page|passage|part|sentence|note|footnote)s?"
_SOURCE_PLACE = re.compile(
    r"\b(?:(?:the|this|that)\s+" + _PLACE_NOUNS + r"\s+(?:before|after|above|below)"
    r"|(?:the\s+)?(?:previous|preceding|next|following|foregoing)\s+" + _PLACE_NOUNS +
    r"|(?:see|as\s+(?:mentioned|noted|said|seen|shown|stated)|(?:mentioned|noted|quoted|cited|given|named|discussed|"
    r"described|stated|said|shown|listed|dated|explained)(?:\s+(?:earlier|before))?)\s+(?:above|below)"
    r"|(?:the\s+)?(?:above|below)[- ](?:mentioned|named|quoted|cited)"
    r"|(?:earlier|later|elsewhere|further\s+(?:on|up|down))\s+in\s+(?:the|this)\s+(?:article|book|text|chapter|"
    r"section|essay|source|passage|report)"
    r"|as\s+(?:mentioned|noted|said|seen|stated)\s+(?:earlier|before)"
    r"|\((?:see\s+)?(?:above|below)\))", re.I)
_ABBREVIATION = re.compile(r"(?:\b(?:Dr|Mr|Mrs|Ms|St|Op|No|Nos|Vol|vol|c|ca|cf|pp?|Jr|Sr|Prof|Rev|Gen|Col|Capt|Mt|"
                           r"etc|viz|vs)|\b[A-Z])\.$")


def source_places(text: str) -> list[str]:
    """The words by which a curator's line points at a place in the source ("the paragraph before", "mentioned
    above", "the next chapter", "earlier in the book"): an item is read apart from the source, where no such place
    is shown."""
    return list(dict.fromkeys(m.group(0) for m in _SOURCE_PLACE.finditer(text)))


def line_sentences(text: str) -> list[str]:
    """A short text's sentences, as written ("Dr. Burney ..." and "J. S. Bach ..." are not broken)."""
    out: list[str] = []
    start = 0
    for found in re.finditer(r"[.!?][\"”’')]*\s+(?=[\"“'(]?[A-Z0-9])", text):
        if _ABBREVIATION.search(text[start:found.start() + 1]):
            continue
        out.append(text[start:found.end()].strip())
        start = found.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def without_source_places(text: str) -> str:
    """A curator's line without the sentences that point at a place in the source (`source_places`); the text as
    it is where none does."""
    if not text or not _SOURCE_PLACE.search(text):
        return text
    return " ".join(s for s in line_sentences(text) if not _SOURCE_PLACE.search(s))
