"""English from the words themselves: number, articles, the head of a noun phrase, questions from clauses.

Number and articles come from `inflect` (plural and singular nouns, "a" or "an" by sound: "an hour", "a USSR
official"); verb forms from `lemminflect`'s word lists (`lexicon.py`: lemmas and inflections of irregular
verbs: "began" -> "begin", "split" -> "split", "rose" -> "risen"). The rest is how questions are put together
from a fact's phrases:

- `head_noun("the lender that financed the dam")` -> "lender": the word a noun phrase is about, before its
  relative clause, prepositional phrase or participle;
- `noun_phrase("politician from Russia ...")` -> "a politician from Russia ...": a bare common noun gets its
  article, a title ("President of Russia") and anything already determined keep theirs;
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
_PREPOSITIONS = frozenset("""
of in on at for from with by to about around near across along under over into onto since during against among
between within without through toward towards beyond behind below above beside besides after before until like
than via per as
""".split())
_NEXT_OF_VERB = DETERMINERS | _PREPOSITIONS - {"of"}  # a participle followed by these takes an object: "marking the"
_ADVERBS = frozenset("once now still formerly later then today recently originally also newly long".split())
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


def bare(word: str) -> str:
    """A word without the punctuation around it and without a possessive ending."""
    word = word.strip(_EDGE_PUNCT)
    return re.sub(r"['’]s$", "", word)


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
        starts_phrase = k == 0 or bare(words[k - 1]).casefold() in DETERMINERS
        if k > 0 and not starts_phrase and (word in _RELATIVE or word in _PREPOSITIONS or word in _ADVERBS):
            end = k
            break
        if k > 0 and not starts_phrase and k + 1 < len(words) and _is_participle(word) and \
                bare(words[k + 1]).casefold() in _NEXT_OF_VERB:
            end = k
            break
        if raw.endswith((",", ";", ":")) and k > 0:
            end = k + 1
            break
    head = end - 1
    while head > 0 and bare(words[head]).casefold() in DETERMINERS:
        head -= 1
    return head


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
    "President of Russia" (a title), "the president ...", "Russia's president ..." and plurals stay as they are.
    """
    phrase = phrase.strip()
    if not phrase or is_determined(phrase):
        return phrase
    first = tokens(phrase)[0]
    head = head_noun(phrase)
    if any(re.search(r"['’]s?$", w) for w in tokens(phrase)[:max(head_index(phrase), 0)]):
        return phrase  # "Lajpat Rai's father": a possessive determines it
    if first[:1].isupper() and not (head[:1].islower() and head.isalpha()):
        return phrase  # a title or a name: "President of Russia"; "Indian revolutionary ..." still needs "an"
    if is_plural_noun(head) or head[:1].islower() and head.casefold() in _MASS:
        return phrase
    article = _inflect().a(phrase)[: -len(phrase)].strip().casefold()  # inflect capitalises it before a capital
    return f"{article} {phrase}"


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
    for k in range(1, len(words)):
        word = words[k]
        if not word.isalpha() or not word.islower():
            continue
        if word in ("was", "were", "had"):
            return " ".join(words[:k]), word, {"had": "have"}.get(word, "be"), " ".join(words[k + 1:])
        for lemma in _lemmas(word).get("VERB", ()):
            if word in _inflection(lemma, "VBD") and not _subject_noun(words, k):
                return " ".join(words[:k]), word, lemma, " ".join(words[k + 1:])
    return None


def _subject_noun(words: list[str], k: int) -> bool:
    """Whether a word that could be a past verb is more likely a noun of the subject ("the Soviet rose garden")."""
    nxt = words[k + 1].strip(_EDGE_PUNCT).casefold() if k + 1 < len(words) else ""
    return "NOUN" in _lemmas(words[k]) and bool(nxt) and nxt[:1].isalpha() and "VERB" in _lemmas(nxt) and \
        nxt not in DETERMINERS and nxt not in _PREPOSITIONS


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
    if _another_verb(rest):
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
        past = any(word in _inflection(lemma, "VBD") for lemma in lemmas)
        participle = any(word in _inflection(lemma, "VBN") for lemma in lemmas)
        nxt = words[k + 1].casefold() if k + 1 < len(words) else ""
        if past and (not participle or nxt in DETERMINERS - {"that"}):
            return True
    return False


_SUBORDINATORS = frozenset("""that which who whom whose where when because if whether while although though as since
until unless so""".split())


_PRESENT_MARKS = frozenset("is are has have does do can cannot".split())
_PAST_MARKS = frozenset("was were had did could would".split())


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
        noun = "NOUN" in _lemmas(word) and (before in DETERMINERS or before in _PREPOSITIONS or not before)
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


def according(statement: str, source: str = "the article") -> str:
    """The statement as the article's report: "According to the article, the sea ..."; a statement that names its
    own source already ("according to legend, he fled") is only capitalised."""
    if attributed(statement):
        return statement[:1].upper() + statement[1:] if statement[:1].islower() else statement
    return f"According to {source}, {statement}"


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
