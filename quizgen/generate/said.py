"""What a unit says of a name besides the fact that describes it.

"What role does the book give Bach?" or "What is hydrogen?" has one right answer only where the unit says one
thing of that name. A unit says more wherever another of its facts, in its own words or in its quote, makes the
name the one acting or the one described:

    "J. S. Bach had exhausted the possibilities of the fugue form"  (a person, the subject of a verb)
    "Hydrogen is the only thing in nature that ..."                 (a thing, the subject of "is", "means")
    "the bridge designed by Bazalgette"                             (the agent of a passive)
    "England's greatest musician, Henry Purcell"                    (described beside it)
    "the civil engineer Joseph Bazalgette", "the metal potassium"    (named after a description)
    "Mattheson described sonatas as alternate Adagio and Allegro"   (described "as" something)

A name is found by its full form, the fact's `accept` forms and abbreviation, a term's other number ("sonatas"
for "sonata") and a person's surname where no other person of the course bears it. A name only mentioned (the
object of a verb, after a preposition, a possessive: "Bazalgette's plan") says nothing of it here. English only:
the patterns are English word order.
"""
from __future__ import annotations

import re

from .. import schema
from ..answers import unique_surname
from ..grammar import DETERMINERS, PREPOSITIONS, bare, is_plural_noun, tokens
from ..languages import language_for
from ..lexicon import parts_of_speech, verb_forms
from ..model import Course, Fact
from ..text import fold

# Finite forms of "be", "have", "do" and the modals: a name right before one is its subject.
_AUXILIARIES = frozenset("""
is are was were be been has have had does do did can could may might must shall should will would
""".split())
# Verbs by which a sentence says what a thing is: "hydrogen is ...", "capillary attraction means ...".
_DESCRIBING = frozenset("is are was were means meant denotes denoted refers referred".split())
# Participles after "is" that say what a thing is: "potassium is named after potash".
_NAMING = frozenset("named called known termed defined described regarded considered thought said seen used "
                    "reckoned counted".split())
# Words that may stand between a subject and its verb ("Bach never again returned").
_BETWEEN = frozenset("never again also later then still once first often always soon himself herself itself "
                     "themselves alone only even already thus".split())
# Prepositions before a name that make it no subject; "by" ("designed by Bazalgette") and "as" ("described sonatas
# as ...") say something of it, and are read apart.
_PREPOSITIONS = PREPOSITIONS - {"by", "as"}


def said_elsewhere(course: Course) -> frozenset[str]:
    """The ids of the person and term facts whose name another fact of the same unit says something of (see the
    module's docstring): asked for "its" role or definition, such a name has more than one right answer."""
    if not language_for(course.language).english:
        return frozenset()
    found: set[str] = set()
    for unit in course.units:
        # a form's first word (folded) -> (its words, whether it is a proper name, its fact)
        forms: dict[str, list[tuple[tuple[str, ...], bool, Fact]]] = {}
        people = {f.id for f in unit.facts if schema.slot_of(f.kind, schema.kind_of(f).name_field or "") == "person"}
        for fact in unit.facts:
            kind = schema.kind_of(fact)
            if not (kind.name_field and kind.description_field and fact.fields.get(kind.name_field)):
                continue
            for form in name_forms(fact, course):
                words = tuple(fold(bare(w)) for w in tokens(form))
                if words and all(words):
                    forms.setdefault(words[0], []).append((words, form != form.casefold(), fact))
        if not forms:
            continue
        for other in unit.facts:
            for text in _texts(other):
                raw = tokens(text.replace("[[", "").replace("]]", ""))
                folded = [fold(bare(w)) for w in raw]
                for k, word in enumerate(folded):
                    for words, name, fact in forms.get(word, ()):
                        if fact is other or fact.id in found or tuple(folded[k:k + len(words)]) != words:
                            continue
                        if _says_of(raw, k, k + len(words), name, fact.id in people):
                            found.add(fact.id)
    return frozenset(found)


def name_forms(fact: Fact, course: Course) -> list[str]:
    """The forms by which a unit's text names what a person or term fact describes: the name, its `accept` forms
    and abbreviation, a term's other number, a person's surname no other person of the course bears."""
    kind = schema.kind_of(fact)
    name = str(fact.fields[kind.name_field])
    forms = [name, *fact.accept]
    if kind.short_name_field and fact.fields.get(kind.short_name_field):
        forms.append(str(fact.fields[kind.short_name_field]))
    if schema.slot_of(fact.kind, kind.name_field) == "person":
        forms += [unique_surname(f, course) for f in [name, *fact.accept]]
    else:
        forms += [other_number(f) for f in [name, *fact.accept]]
    return [f for f in dict.fromkeys(forms) if f]


def other_number(term: str) -> str:
    """A term's other number, its last word changed ("sonata": "sonatas", "atomic orbitals": "atomic orbital");
    "" for a name (capitalised) or a word of other characters."""
    words = term.split()
    last = words[-1] if words else ""
    if not last.isalpha() or not last.islower():
        return ""
    from ..grammar import _inflect

    engine = _inflect()
    other = engine.singular_noun(last) if is_plural_noun(last) else engine.plural_noun(last)
    return " ".join([*words[:-1], other]) if other and other != last else ""


def _texts(fact: Fact) -> list[str]:
    """What a fact says in the unit's words or its curator's: its slot fields and its sentences with a blank (never
    its false version), and its quote."""
    kind = schema.kind_of(fact)
    false_field = kind.false_version.false if kind.false_version else ""
    texts = [str(value) for name, value in fact.fields.items()
             if isinstance(value, str) and name != false_field
             and (schema.slot_of(fact.kind, name) or name in kind.blank_fields)]
    return [*texts, fact.quote] if fact.quote else texts


def _common_noun(word: str) -> bool:
    return word.isalpha() and word.islower() and "NOUN" in parts_of_speech(word)


def _finite_verb(word: str) -> bool:
    """Whether a word is a finite verb: "is", "had", "burns", "wrote" (a past or third-person form)."""
    word = word.casefold()
    if word in _AUXILIARIES:
        return True
    if not word.isalpha():
        return False
    return any(word in verb_forms(lemma, tag) for lemma in parts_of_speech(word).get("VERB", ())
               for tag in ("VBD", "VBZ"))


def _participle(word: str) -> bool:
    """Whether a word is a verb's participle or past ("designed", "written"), never "be" or "have"."""
    word = word.casefold()
    return word.isalpha() and word not in _AUXILIARIES and any(
        word in verb_forms(lemma, tag) for lemma in parts_of_speech(word).get("VERB", ()) for tag in ("VBN", "VBD"))


def _inflected_verb(word: str) -> bool:
    word = word.casefold()
    return any(word in verb_forms(lemma, tag) for lemma in parts_of_speech(word).get("VERB", ())
               for tag in ("VBG", "VBN", "VBD", "VBZ"))


def _title_noun(word: str) -> bool:
    """Whether a word can stand before a name as its description ("engineer", "caliph", "metal"): a lower-case
    noun that is no adjective and no inflected verb ("annual", "holding" are not)."""
    found = parts_of_speech(word) if word.isalpha() and word.islower() else {}
    return "NOUN" in found and "ADJ" not in found and not _inflected_verb(word)


_OPENERS = frozenset("that which who and but or while when because as if where whereas though although so".split())


def _says_of(raw: list[str], start: int, end: int, name: bool, person: bool = True) -> bool:
    """Whether the name at raw[start:end] is the one acting or described in its sentence (the module's patterns);
    `name`: whether it is a proper name (capitalised), not a common noun; `person`: whether it names a person, whose
    actions answer "what role ...?" as well ("Bach wrote ..."), where a thing's do not answer "what is it?" ("the
    Elbe flooded ..."): of a thing, only what describes it counts ("hydrogen is ...", "capillary attraction
    means ...")."""
    last = raw[end - 1].rstrip(",;:.")
    before = bare(raw[start - 1]).casefold() if start > 0 else ""
    after = bare(raw[end]) if end < len(raw) else ""
    if re.search(r"['’]s?$", last):
        return False  # "Bazalgette's plan": the plan is what the sentence speaks of
    if start > 0 and raw[start - 1].endswith(",") and _title_noun(bare(raw[start - 1])):
        j = start - 2  # the description's first word: past its adjectives, determiners and possessives
        while j >= 0 and not raw[j].endswith((",", ";", ":")) and (
                bare(raw[j]).casefold() in DETERMINERS or re.search(r"['’]s?$", raw[j])
                or "ADJ" in parts_of_speech(bare(raw[j]).casefold())):
            j -= 1
        if not (j >= 0 and bare(raw[j]).casefold() in _PREPOSITIONS):  # not "according to legend, Alhazen"
            return True  # "England's greatest musician, Henry Purcell"
    if before == "by" and start > 1 and _participle(bare(raw[start - 2])):
        return True  # "designed by Bazalgette"
    if name and _title_noun(before) and not raw[start - 1].endswith((",", ";", ":")) \
            and not (after.isalpha() and after.islower() and "NOUN" in parts_of_speech(after)):
        back = [bare(w).casefold() for w in raw[max(0, start - 4):start - 1]]
        at = max((k for k, w in enumerate(back) if w in ("the", "a", "an")), default=-1)
        between = raw[max(0, start - 4):start - 1][at + 1:]
        if at >= 0 and all(w.isalpha() and w.islower() and w not in _PREPOSITIONS for w in between):
            return True  # "the civil engineer Joseph Bazalgette", "the caliph Al-Hakim"
    j = start - 1  # the word before the name's noun phrase: past its determiners and adjectives ("of the annual")
    while j >= 0 and not raw[j].endswith((",", ";", ":")) and (
            bare(raw[j]).casefold() in DETERMINERS or "ADJ" in parts_of_speech(bare(raw[j]).casefold())):
        j -= 1
    if before in _PREPOSITIONS or j >= 0 and bare(raw[j]).casefold() in _PREPOSITIONS:
        return False  # "the discovery of potassium was ...", "of this hydrogen weighs": the subject is another
    if not name and before and not (before in DETERMINERS or before in _OPENERS
                                    or raw[start - 1].endswith((",", ";", ":", "(", "\"", "“", "'s", "’s"))
                                    or set(parts_of_speech(before)) == {"ADJ"}):
        return False  # "the keyboard sonata", "Kuhnau's B-flat sonata": a sonata, not sonatas
    if raw[end - 1].endswith(","):
        following = after.casefold()
        return following in DETERMINERS or following == "who" or (following == "which" and not name)
    k = end
    while k < len(raw) and (bare(raw[k]).casefold() in _BETWEEN
                            or bare(raw[k]).endswith("ly") and not _common_noun(bare(raw[k]))):
        k += 1
    following = bare(raw[k]) if k < len(raw) else ""
    if following.casefold() == "as" and start > 0 and _participle(before):
        return True  # "described sonatas as ..."
    if not person:
        if following.casefold() not in _DESCRIBING:
            return False
        k += 1
        while k < len(raw) and (bare(raw[k]).casefold() in _BETWEEN or bare(raw[k]).endswith("ly")):
            k += 1
        then = bare(raw[k]).casefold() if k < len(raw) else ""
        # "hydrogen is easily made ...", "the Elbe was flooded ...": what was done to it, not what it is; but
        # "potassium is named after potash", "sonatas were regarded as ..." say what it is
        return not (_participle(then) and then not in _NAMING and "NOUN" not in parts_of_speech(then))
    return bool(following) and _finite_verb(following)
