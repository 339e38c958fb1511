"""The compact word lists answer as lemminflect's own functions do, for every word of both lists."""
from __future__ import annotations

import gzip

import pytest
from lemminflect import config, getAllLemmas, getInflection

from quizgen.lexicon import PARTS, VERB_TAGS, parts_of_speech, verb_forms


def _words(path: str) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return sorted({line.split(",", 1)[0] for line in lines})


def _as_lemminflect(word: str) -> dict[str, tuple[str, ...]]:
    """What quizgen reads of getAllLemmas: the parts among NOUN, VERB, ADJ, and the lemmas of a verb."""
    found = getAllLemmas(word)
    return {upos: tuple(found[upos]) if upos == "VERB" else () for upos in PARTS if upos in found}


@pytest.mark.slow
def test_every_word_of_the_lemma_list_has_lemminflects_parts_of_speech_and_verb_lemmas():
    words = _words(config.lemma_lu_fn)
    assert len(words) > 60000
    for word in words:
        for spelled in (word, word.capitalize(), word.upper()):
            assert parts_of_speech(spelled) == _as_lemminflect(spelled), spelled


@pytest.mark.slow
def test_every_word_of_the_inflection_list_has_lemminflects_verb_forms():
    words = _words(config.inflection_lu_fn)
    assert len(words) > 30000
    for word in words + ["be", "can", "will", "bankroll", "zorble"]:  # hard-coded, overridden, unknown
        for spelled in (word, word.capitalize()):
            for tag in VERB_TAGS:
                assert verb_forms(spelled, tag) == tuple(getInflection(spelled, tag=tag)), (spelled, tag)


@pytest.mark.parametrize("word, expected", [
    ("rose", {"NOUN": (), "VERB": ("rise",)}),
    ("Began", {"VERB": ("Begin",)}),
    ("qwzx", {}),
])
def test_parts_of_speech_of_a_few_words(word, expected):
    assert parts_of_speech(word) == expected == _as_lemminflect(word)


def test_verb_forms_of_irregular_regular_and_unknown_verbs():
    assert verb_forms("rise", "VBN") == ("risen",)
    assert verb_forms("split", "VBD") == ("split",)
    assert verb_forms("Begin", "VBD") == ("Began",)
    assert verb_forms("flurbify", "VBD") == tuple(getInflection("flurbify", tag="VBD")) == ("flurbified",)


def test_the_lemma_list_packed_as_read_is_packed_as_lemminflect_reads_it():
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
    from lemminflect.codecs.OverridesCodec import OverridesCodec

    from quizgen import lexicon

    read = LemmaLUCodec.load(config.lemma_lu_fn)  # word -> {upos: lemmas}, a later line replacing an earlier
    for word, found in OverridesCodec.load(config.lemma_overrides_fn).items():
        read.setdefault(word, {}).update(found)
    expected = {word: lexicon._pack_parts(found) for word, found in read.items()}
    expected = {word: packed for word, packed in expected.items() if word == word.lower() and packed}
    assert lexicon._lemma_table() == expected


def test_a_word_changed_by_overrides_or_split_across_the_list_is_packed_from_its_own_lines():
    from quizgen.lexicon import _packed_lemmas

    lines = ["barge,noun,barge", "barge,verb,barge", "quay,noun,quay", "skiff,noun,skiff", "skiff,adj,skiff",
             "skiff,verb,skiff/skiffs", "skiff,verb,skiff", "tack,modal,tack", "barge,adj,barge"]
    skipped: list[str] = []
    table = _packed_lemmas(lines, {"quay": ()}, skipped)
    assert skipped == ["quay,noun,quay"]
    assert table == {"barge": "A", "skiff": "NVA\tskiff", "tack": ""}


def test_the_inflection_list_packed_as_read_is_packed_from_lemminflects_reading_of_each_line():
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
    from lemminflect.codecs.OverridesCodec import OverridesCodec

    from quizgen import lexicon

    def entries(lines):
        for line in lines:
            word, _category, found = InflectionLUCodec.fromString(line)
            for tag, forms in found.items():
                yield word, tag, forms

    overrides: dict = {word: [("", ())] + list(found.items())
                       for word, found in InflectionLUCodec.updateForAuxMod({}).items()}
    for word, found in OverridesCodec.load(config.infl_overrides_fn).items():
        overrides.setdefault(word, []).extend(found.items())
    with gzip.open(config.inflection_lu_fn, "rt", encoding="utf-8") as lines:
        expected = lexicon._grouped(entries(lines), overrides, lexicon._pack_verb)
    assert lexicon._verb_table() == {word: packed for word, packed in expected.items() if packed}


def test_a_verb_changed_by_overrides_or_given_by_several_lines_is_packed_from_its_own_lines():
    from quizgen.lexicon import _packed_verbs

    lines = ["moor,noun,moors", "moor,verb,moored,moored,mooring,moors", "moor,verb,,,,moors/moores",
             "row,verb,rowed,rowed,rowing,rows", "sail,adj,,", "tow,noun,tows", "tow,verb,towed,towed,towing,tows",
             "trawl,verb,trawled,,,", "tow,verb,tewed,,,"]
    skipped: list[str] = []
    table = _packed_verbs(lines, {"row": ()}, skipped)
    assert skipped == ["row,verb,rowed,rowed,rowing,rows"]
    assert table == {
        "moor": "moor\tmoored\tmoored\tmooring\tmoors/moores",  # a later line's form replaces an earlier
        "tow": "tow\ttewed\t\t\t",  # its lines apart from the first: read afresh, as lemminflect groups them
        "trawl": "trawl\ttrawled\t\t\t",
    }  # no verb, no forms: "sail"
