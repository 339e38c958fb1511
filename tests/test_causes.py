"""Causes and effects asked soundly on any course: a key only the question pins down, a side that stands on its
own in the question, grammar and tense from the words, and no answer given away by another form of its word.

Every sentence here is new (none is taken from a fixture course)."""
from __future__ import annotations

import pytest

from helpers import course_items, fact, items_under_every_seed, quoted, term, tiny_course, with_source
from quizgen import grammar

MILL_TOWN = (
    fact("rains", "cause_effect", cause="the heavy spring rains on the moors",
         effect="the flooding of the weavers' cottages along the lower river bank")
    + fact("loft", "cause_effect", cause="a lamp knocked over in the drying loft",
           effect="the loss of a whole winter's stock of woollen cloth")
    + fact("railway", "cause_effect", cause="the new railway line from the coast",
           effect="cheaper coal for the steam engines of the town")
)


# --- 1. a key only the question pins down ----------------------------------------------------------------

def test_a_cause_is_asked_as_a_choice_among_the_units_other_causes(tmp_path):
    causes = {"the heavy spring rains on the moors", "a lamp knocked over in the drying loft",
              "the new railway line from the coast"}
    for items in items_under_every_seed(tiny_course(tmp_path / "c", MILL_TOWN)):
        asked = items["rains/cause-of"]
        assert asked.type == "mcq" and set(asked.options) == causes, asked.options
        assert asked.answer == "the heavy spring rains on the moors"


def test_without_others_to_choose_among_only_a_question_that_pins_its_answer_is_a_short_answer(tmp_path):
    # one cause among several is not pinned down by "what leads to X?" unless X says clearly more than the cause,
    # or the curator says what else counts (accept, marking); the other way round is not asked, with a note
    facts = (fact("rains", "cause_effect", cause="the heavy spring rains",
                  effect="the flooding of the weavers' cottages along the lower river bank")
             + fact("fire", "cause_effect", cause="a lamp knocked over in the drying loft by a boy",
                    effect="a fire in the mill", marking="1 point for the lamp"))
    _, items, problems = course_items(tiny_course(tmp_path / "c", facts))
    assert items["rains/cause-of"].type == "recall"
    assert "rains/effect-of" not in items  # "what is a consequence of the heavy spring rains?": many things
    assert any(p.item == "rains/effect-of" and p.code == "open-cause" and p.level == "note" for p in problems.items)
    assert items["fire/cause-of"].type == "recall"  # the marking says what counts
    assert items["fire/effect-of"].type == "recall"  # the cause says clearly more than "a fire in the mill"


def test_a_cause_is_not_asked_open_where_the_sentence_beside_it_gives_another(tmp_path):
    """"What led to the flooding of the cottages?" keyed "the spring rains" has another right answer where the next
    sentence says "This was blamed on a weir the mill had built downstream" (or the one before gives another cause
    by the effect's words): the short answer is not asked, with a note quoting that sentence. A sentence beside it
    that only tells more of the same cause, or of something else, changes nothing."""
    def course(folder, before: str, after: str):
        facts = quoted("rains", "cause_effect", "the spring rains flooded the cottages along the lower bank",
                       cause="the heavy spring rains on the moors",
                       effect="the flooding of the weavers' cottages along the lower river bank")
        source_text = f"{before} In 1851 the spring rains flooded the cottages along the lower bank. {after}"
        folder = tiny_course(folder, facts)
        return with_source(folder, source_text)

    other = "This was later blamed on a weir that the mill had built downstream."
    _, items, problems = course_items(course(tmp_path / "a", "The town grew fast.", other))
    assert "rains/cause-of" not in items
    assert any(p.item == "rains/cause-of" and p.code == "open-cause" and "blamed on a weir" in p.message
               for p in problems.items)
    before = "Because the old drains were choked, the weavers' cottages by the river bank were flooded each year."
    _, items, _ = course_items(course(tmp_path / "b", before, "The mill stood idle."))
    assert "rains/cause-of" not in items
    for before, after in (("The town grew fast.", "The rains on the moors were heavier than any in memory, "
                                                  "because of a wet winter."),
                          ("The town grew fast.", "The mill was built because of the wool trade.")):
        _, items, _ = course_items(course(tmp_path / str(len(before + after)), before, after))
        assert items["rains/cause-of"].type == "recall", (before, after)


def test_two_causes_in_like_words_are_never_each_others_wrong_options(tmp_path):
    # "the weight of the snow" beside "the snow lying on the roof": each might be the right answer to the other's
    # question
    facts = MILL_TOWN + fact("roof", "cause_effect", cause="the heavy snow lying on the roof of the dye house",
                             effect="the ruin of the vats and looms below in January")
    checked = 0
    for items in items_under_every_seed(tiny_course(tmp_path / "c", facts)):
        asked = items["rains/cause-of"]
        assert asked.type == "mcq" and asked.answer == "the heavy spring rains on the moors"
        assert not any("heavy snow" in o for o in asked.options), asked.options
        roof = items["roof/cause-of"]
        assert roof.type == "mcq" and not any("heavy spring" in o for o in roof.options), roof.options
        checked += 1
    assert checked


# --- 2. a side that does not stand alone is never the whole question ---------------------------------------

@pytest.mark.parametrize("side, leaning", [
    ("the bell ringing", ["the bell"]),
    ("sparks landing on the thatch", ["the thatch"]),
    ("the kettle boiling dry", ["the kettle"]),
    ("the bell of St Giles ringing at noon", []),
    ("the melting of the snow on the hills above Ferne", []),
    ("a fire in the mill", []),
    ("a lamp knocked over in the drying loft", ["the drying loft"]),
    ("a spark from a passing engine", []),
    ("the carters and their heavy wagons", []),
    ("the lamp's not being a safe light", []),
])
def test_a_short_side_pointing_at_what_it_does_not_name_is_found(side, leaning):
    assert grammar.lacks_antecedent(side) == leaning


def test_a_short_side_without_its_context_is_asked_the_other_way_round(tmp_path):
    facts = (fact("spokes", "cause_effect", cause="a plank jammed between the spokes by the boys",
                  effect="the wheel stopping")
             + MILL_TOWN)
    _, items, problems = course_items(tiny_course(tmp_path / "c", facts))
    assert "spokes/cause-of" not in items  # "what leads to the wheel stopping?": which wheel?
    assert items["spokes/effect-of"].stem.endswith("a plank being jammed between the spokes by the boys?")
    assert any(p.item == "spokes/cause-of" and p.code == "leans-on-context" for p in problems.items)


# --- 3. grammar and tense ----------------------------------------------------------------------------------

@pytest.mark.parametrize("phrase, reads", [
    ("the grain stored in the loft", "the grain being stored in the loft"),
    ("the casks rolled down to the quay", "the casks being rolled down to the quay"),
    ("a dry summer", "a dry summer"),
    ("the splitting of old pipes filled with ice", "the splitting of old pipes filled with ice"),
    ("sheep grazing on the common", "sheep grazing on the common"),
    ("a closed gate", "a closed gate"),
])
def test_a_participle_after_leads_to_takes_being(phrase, reads):
    assert grammar.being_inserted(phrase) == reads


def test_a_state_is_asked_by_why_it_holds():
    assert grammar.cause_question("the lamp's not being a safe light", True, "the book") == \
        "Why, according to the book, is the lamp not a safe light?"
    assert grammar.cause_question("the cellars being cool in summer", False, "the article") == \
        "Why, according to the article, were the cellars cool in summer?"
    assert grammar.cause_question("the barn being drawn down", True).startswith("Why, according to the article, is")


@pytest.mark.parametrize("quote, past", [
    ("if the kettle be left on the fire, the water will boil away", False),
    ("you may see the steam rise from it", False),
    ("it has carried the water off and poured it on the ground", False),
    ("The rain washed the bridge away in a night", True),
    ("the flood prompted action from the council", True),
    ("The flood, and fears of worse to come, prompted action", True),
    ("Cold air sinks into the valley at night", False),
    ("There being no wind that evening", None),
])
def test_the_quotes_tense_is_read_from_its_verbs(quote, past):
    assert grammar.speaks_in_past(quote) is past


def test_a_timeless_process_is_asked_in_the_present_and_a_verbless_quote_goes_by_its_unit(tmp_path):
    quotes = ("If the kettle be left on the fire, the water will boil away.",
              "There being no wind that evening.", "The council met twice.", "The bailiff wrote to the earl.")
    facts = (quoted("kettle", "cause_effect", quotes[0],
                    cause="leaving a full kettle on a hot kitchen fire for an hour", effect="dry pans")
             + quoted("calm", "cause_effect", quotes[1],
                      cause="a still night with no wind over the harbour and the town", effect="thick fog")
             + quoted("met", "event", quotes[2], what="the council met twice", when="1850")
             + quoted("wrote", "event", quotes[3], what="the bailiff wrote to the earl", when="1851"))
    _, items, _ = course_items(with_source(tiny_course(tmp_path / "c", facts), *quotes))
    assert items["kettle/effect-of"].stem.startswith("According to the article, what is a consequence of")
    assert items["calm/effect-of"].stem.startswith("According to the article, what was a consequence of")


# --- 4. no answer given away by another form of its word -------------------------------------------------

def test_another_form_of_the_answers_word_gives_it_away():
    assert grammar.form_echoes("What name is given to frames of mesh used for sieving flour?", "sieves") == \
        [("sieves", "sieving")]
    assert grammar.form_echoes("What name is given to frames of mesh used for sifting flour?", "sieves") == []
    # a wrong option holding a form of it as well gives nothing away
    assert grammar.form_echoes("Which tool is used for sieving?", "sieves", ["sieving pans", "riddles"]) == []


def test_a_term_its_definition_names_in_another_form_is_not_asked_by_it(tmp_path):
    facts = (term("sieves", "sieves", "frames of mesh used for sieving flour at the mill")
             + term("quern", "quern", "a pair of stones turned by hand to grind grain")
             + term("kiln", "kiln", "an oven in which malt is dried before brewing"))
    _, items, problems = course_items(tiny_course(tmp_path / "c", facts))
    asked_by_definition = [i for i in items.values() if i.fact_ids == ("sieves",) and i.answer == "sieves"
                           and i.type in ("mcq", "recall")]
    assert asked_by_definition == [], [i.stem for i in asked_by_definition]
    assert any(p.fact == "sieves" and p.code == "answer-in-stem" and "another form" in p.message
               for p in problems.items)
