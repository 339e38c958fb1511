"""English parts of speech and verb forms, from lemminflect's word lists, held compactly.

lemminflect answers "which lemmas has this word, as a noun, a verb, an adjective?" and "what is this verb's past
tense?" from two word lists it ships. Its own functions load each list into a dictionary of dictionaries of
tuples: 63 MiB in a build's main process for two questions, a third of what a large course's build may use in
all. quizgen asks only about nouns, verbs and adjectives, and only for verbs' lemmas and five verb forms, so the
lists are read here, once, into one string per word (about 8 MiB); the answers are lemminflect's own (a test
compares every word of both lists with its functions), and a verb missing from the lists is inflected by
lemminflect's rules as before.

    parts_of_speech("rose")  -> {"NOUN": (), "VERB": ("rise",)}
    verb_forms("rise", "VBD") -> ("rose",)
"""
from __future__ import annotations

import gzip
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from itertools import groupby

PARTS = ("NOUN", "VERB", "ADJ")  # the parts of speech quizgen asks about
VERB_TAGS = ("VB", "VBD", "VBN", "VBG", "VBZ")  # base, past, past participle, present participle, 3rd person
_LISTED_VERB_TAGS = ("VBD", "VBN", "VBG", "VBZ")  # the forms a verb's line of the inflection list gives, in order
_ALTERNATIVE = {"VBD": "VBN", "VBN": "VBD"}  # a regular verb may list one of its two identical forms only
_FLAG = {"NOUN": "N", "VERB": "V", "ADJ": "A"}
_CATEGORY_FLAG = _FLAG  # a lemma list's category, upper-cased, as its flag (MODAL, AUX and the rest have none)


@lru_cache(maxsize=1)
def _lemma_table() -> dict[str, str]:
    """Each lower-case word of lemminflect's lemma list -> its parts of speech as letters (N, V, A), then, for a
    verb, a tab and its lemmas joined by '/': "VN\trise"."""
    from lemminflect import config
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
    from lemminflect.codecs.OverridesCodec import OverridesCodec
    from lemminflect.core.LexicalUtils import categoryToUPos

    def entries(lines: Iterable[str]) -> Iterator[tuple[str, str, tuple[str, ...]]]:
        for line in lines:
            word, category, forms = LemmaLUCodec.fromString(line)
            yield word, categoryToUPos(category), forms

    overrides = {word: [(upos, forms) for upos, forms in found.items()]
                 for word, found in OverridesCodec.load(config.lemma_overrides_fn).items()}
    # The words overrides change are read as lemminflect reads them; every other word's entries are packed as
    # they come, without making its entries' tuples and dictionaries (in half the time).
    changed: list[str] = []  # the lines of words that overrides change
    with gzip.open(config.lemma_lu_fn, "rt", encoding="utf-8") as lines:
        table = _packed_lemmas(lines, overrides, changed)
    table.update(_grouped(entries(changed), overrides, _pack_parts))
    # lemminflect looks a word up in lower case: an entry spelled otherwise is never found
    return {word: packed for word, packed in table.items() if word == word.lower() and packed}


def _packed_lemmas(lines: Iterable[str], skip: Mapping[str, object], skipped: list[str]) -> dict[str, str]:
    """`_pack_parts` of each word of the lemma list (lines "word,category,lemma/lemma"; one word's lines
    together) as `_grouped` packs them, a later line of a category replacing an earlier; but the lines of the
    words in `skip`, which go to `skipped`."""
    table: dict[str, str] = {}
    word, flags, seen, verbs = "", "", set(), None
    for line in lines:
        name, category, forms = line.strip().split(",")
        if name != word:  # the word before is complete: a word's entries are read together
            if word:
                table[word] = flags + "\t" + verbs if verbs is not None else flags
            word, flags, seen, verbs = name, "", set(), None
        if name in skip:
            skipped.append(line)
            word = ""
            continue
        flag = _CATEGORY_FLAG.get(category.upper())
        if flag is not None:
            seen.add(flag)
            if flag == "V":
                verbs = forms
            flags = "".join(f for f in "NVA" if f in seen)
    if word:
        table[word] = flags + "\t" + verbs if verbs is not None else flags
    return table


def _pack_parts(entry: dict[str, tuple[str, ...]]) -> str:
    flags = "".join(_FLAG[upos] for upos in PARTS if upos in entry)
    return flags + "\t" + "/".join(entry["VERB"]) if "VERB" in entry else flags


@lru_cache(maxsize=1)
def _verb_table() -> dict[str, str]:
    """Each verb of lemminflect's inflection list -> its forms for VERB_TAGS, each '/'-joined, tab-separated
    ("" where the list has none), after its hard-coded auxiliaries and modals and its overrides."""
    from lemminflect import config
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
    from lemminflect.codecs.OverridesCodec import OverridesCodec

    def entries(lines: Iterable[str]) -> Iterator[tuple[str, str, tuple[str, ...]]]:
        for line in lines:
            word, _category, found = InflectionLUCodec.fromString(line)
            for tag, forms in found.items():
                yield word, tag, forms

    # The hard-coded auxiliaries and modals replace what the list says of them; overrides then apply.
    hard_coded = InflectionLUCodec.updateForAuxMod({})
    overrides: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for word, found in hard_coded.items():
        overrides[word] = [("", ())] + list(found.items())  # "": forget the list's forms
    for word, found in OverridesCodec.load(config.infl_overrides_fn).items():
        overrides.setdefault(word, []).extend(found.items())
    changed: list[str] = []  # the lines of words that overrides change, read as lemminflect reads them
    with gzip.open(config.inflection_lu_fn, "rt", encoding="utf-8") as lines:
        table = _packed_verbs(lines, overrides, changed)
    table.update(_grouped(entries(changed), overrides, _pack_verb))
    return {word: packed for word, packed in table.items() if packed}


def _packed_verbs(lines: Iterable[str], skip: Mapping[str, object], skipped: list[str]) -> dict[str, str]:
    """`_pack_verb` of each verb of the inflection list (lines "word,category,form,form,..."; a verb's forms
    VBD, VBN, VBG, VBZ, each '/'-joined, "" for none; one word's lines together) as `_grouped` packs them, a
    later line's form replacing an earlier; but the lines of the words in `skip`, which go to `skipped`. Only
    a verb's lines give forms among VERB_TAGS (its base form, VB, is the word itself)."""
    table: dict[str, str] = {}
    word, found = "", None
    for line in lines:
        name, category, rest = line.strip().split(",", 2)
        if name != word:  # the word before is complete: a word's entries are read together
            if found is not None:
                table[word] = "\t".join(found.get(tag, "") for tag in VERB_TAGS)
            word, found = name, None
        if name in skip:
            skipped.append(line)
            word = ""
            continue
        if category != "verb":
            continue
        found = found if found is not None else {}
        found["VB"] = name
        for tag, form in zip(_LISTED_VERB_TAGS, rest.split(",")):
            if form:
                found[tag] = form
    if found is not None:
        table[word] = "\t".join(found.get(tag, "") for tag in VERB_TAGS)
    return table


def _pack_verb(found: dict[str, tuple[str, ...]]) -> str:
    if not any(tag in found for tag in VERB_TAGS):
        return ""
    return "\t".join("/".join(found.get(tag, ())) for tag in VERB_TAGS)


def _grouped(entries: Iterable[tuple[str, str, tuple[str, ...]]],
             overrides: dict[str, list[tuple[str, tuple[str, ...]]]],
             pack: Callable[[dict[str, tuple[str, ...]]], str]) -> dict[str, str]:
    """A word list's entries (word, key, forms; one word's entries together, as lemminflect ships them) packed
    per word as they are read, so that the whole list is never held as dictionaries; then each word's
    `overrides` (key, forms) applied in order, a key "" forgetting what the list said of the word. A later
    entry of a key replaces an earlier one, as in lemminflect's own loading."""
    table: dict[str, str] = {}
    unpacked: dict[str, dict[str, tuple[str, ...]]] = {}  # the words that overrides change, kept whole
    for word, group in groupby(entries, key=lambda entry: entry[0]):
        found = {key: forms for _word, key, forms in group}
        if word in overrides:
            unpacked[word] = found
        else:
            table[word] = pack(found)
    for word, changes in overrides.items():
        found = unpacked.get(word, {})
        for key, forms in changes:
            if key:
                found[key] = forms
            else:
                found = {}
        table[word] = pack(found)
    return table


def _caps_style(word: str) -> str:
    if word.isupper():
        return "all_upper"
    return "first_upper" if word and word[0].isupper() else "lower"


def _in_style(word: str, style: str) -> str:
    if style == "all_upper":
        return word.upper()
    return word.capitalize() if style == "first_upper" else word.lower()


@lru_cache(maxsize=1 << 14)  # every fact's wording and every clause look the same words up
def parts_of_speech(word: str) -> dict[str, tuple[str, ...]]:
    """The parts of speech among NOUN, VERB and ADJ that lemminflect's list gives `word`, with its lemmas as a
    verb, spelled in the word's capitals ("Rose" -> {"NOUN": (), "VERB": ("Rise",)}); {} for a word it lacks.
    (Don't change the dictionary: it is shared.)"""
    packed = _lemma_table().get(word.lower())
    if packed is None:
        return {}
    flags, _, verbs = packed.partition("\t")
    style = _caps_style(word)
    return {upos: tuple(_in_style(lemma, style) for lemma in verbs.split("/")) if upos == "VERB" else ()
            for upos in PARTS if _FLAG[upos] in flags}


@lru_cache(maxsize=1 << 14)
def verb_forms(lemma: str, tag: str) -> tuple[str, ...]:
    """A verb's forms for one of VERB_TAGS, spelled in the lemma's capitals, as lemminflect's getInflection
    gives them: from its list, else the other past form of the two, else by its rules for verbs it lacks."""
    style = _caps_style(lemma)
    packed = _verb_table().get(lemma.lower())
    if packed is not None:
        found = dict(zip(VERB_TAGS, packed.split("\t")))
        for wanted in (tag, _ALTERNATIVE.get(tag)):
            if wanted and found[wanted]:
                return tuple(_in_style(form, style) for form in found[wanted].split("/"))
    from lemminflect import getAllInflectionsOOV

    return tuple(getAllInflectionsOOV(lemma, "VERB").get(tag, ()))


@lru_cache(maxsize=1)
def _noun_plurals() -> dict[str, str]:
    """Each noun of lemminflect's inflection list -> its first plural form, as lemminflect's getInflection gives
    it ("element": "elements"); the word itself for a noun the list counts as uncountable ("potassium")."""
    from lemminflect import config

    table: dict[str, str] = {}
    with gzip.open(config.inflection_lu_fn, "rt", encoding="utf-8") as lines:
        for line in lines:
            name, category, rest = line.strip().split(",", 2)
            if category == "noun" and name == name.lower():
                table[name] = rest.split("/", 1)[0]
    return table


def noun_plural(word: str) -> str | None:
    """A lower-case noun's plural ("element": "elements", "foot": "feet"); "" for a noun that has none in use, which
    lemminflect's list counts as uncountable ("potassium", "tallow"); None for a word the list lacks."""
    found = _noun_plurals().get(word)
    if found is None:
        return None
    return "" if found == word else found
