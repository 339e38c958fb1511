"""Items a teacher signs on any article: labels, false statements, descriptions, tense, blanks and accepted
answers read from the words themselves.

Each case is a small course of new sentences (a mill town, a lighthouse, a dynasty of printers), with no
`category`, `plural` or `distractors`."""
from __future__ import annotations

import pytest

from helpers import course_items, fact, items_under_every_seed, term, tiny_course
from quizgen.schema import ClaimFact


def items_of(course_dir, seed: str = ""):
    """(items by id, problems): what these tests read of `course_items`."""
    _, items, problems = course_items(course_dir, seed)
    return items, problems


every_seed = items_under_every_seed


def person(fid: str, name: str, role: str, **extra) -> str:
    return fact(fid, "person", name=name, role=role, **extra)


# --- 1. what people thought of something is a fact of history -----------------------------------------------

@pytest.mark.parametrize(("claim", "label"), [
    ("the ballads enjoyed a great reputation among the mill workers", False),
    ("her sermons were widely admired in the northern towns", False),
    ("the bridge was praised by travellers as the finest in the county", False),
    ("the almanac was famous in every port of the Baltic", False),
    ("the bridge rightly enjoyed a great reputation", True),  # "rightly": the article takes a side
    ("her sermons will be admired for centuries", True),  # a prediction
    ("the poet is widely regarded as the greatest of his age", None),  # what is thought now: left out
])
def test_what_people_thought_is_labelled_a_fact(claim, label):
    assert ClaimFact.is_opinion({"speaker": "the article", "claim": claim}) is label


def test_a_reported_reputation_is_keyed_fact_in_a_fact_or_opinion_question(tmp_path):
    facts = (fact("fame", "claim", speaker="the article", claim="the weaver's almanac enjoyed a great reputation "
                  "in the Baltic ports")
             + fact("best", "claim", speaker="the article", claim="the almanac was the best guide a sailor could buy")
             + fact("will", "claim", speaker="the article", claim="the almanac will be reprinted for many years")
             + fact("brave", "claim", speaker="the article", claim="the weaver was a generous and brave man")
             + fact("mill", "event", what="the weaver opened a mill at Tarnow", when="1788")
             + fact("press", "event", what="the weaver bought a second press", when="1791"))
    items, _ = items_of(tiny_course(tmp_path / "c", facts))
    labels = dict(items["unit/fact-or-opinion"].pairs)
    # a statement that points outside itself is no row of its own
    more = facts + fact("flaws", "claim", speaker="the article", claim="despite its flaws, no other almanac was so "
                        "widely sold") + fact("third", "event", what="the weaver bought a third press", when="1795")
    for items in every_seed(tiny_course(tmp_path / "d", more)):
        assert not any("flaws" in s for s, _ in items["unit/fact-or-opinion"].pairs)
    assert labels["The weaver's almanac enjoyed a great reputation in the Baltic ports."] == "Fact"
    assert labels["The almanac was the best guide a sailor could buy."] == "Opinion"


# --- 2. a false statement lends only a description that fits one other ---------------------------------------

PRINTERS = (person("aldo", "Aldo Fenz", "the printer who cut the first italic type in Venice")
            + person("bruno", "Bruno Kessel", "a printer whom the guild of Basel expelled for debt")
            + person("carla", "Carla Moor", "the printer who set the first atlas of the Alps in type")
            + person("dora", "Dora Lenz", "an engraver and printer of maps whom Carla Moor taught")
            + person("emil", "Emil Stroh", "the printer who bought the Venetian press after Aldo Fenz died"))
TERMS = (term("orme", "Orme", "the river that turns the mills of the paper town")
         + term("sedge", "Sedge", "the river that floods the printers' quarter each spring")
         + term("lode", "Lode", "a river that the monks dug to carry rag to the mills")
         + term("wend", "Wend", "a river whose water the papermakers bleach their rag in"))


def test_a_false_statement_never_lends_another_an_indefinite_description(tmp_path):
    indefinite = {"a printer whom the guild of Basel expelled for debt",
                  "an engraver and printer of maps whom Carla Moor taught",
                  "a river that the monks dug to carry rag", "a river whose water the papermakers bleach"}
    false_seen = set()
    for items in every_seed(tiny_course(tmp_path / "c", PRINTERS + TERMS)):
        for item in items.values():
            if item.template not in ("person/role-true-false", "term/definition-true-false"):
                continue
            for statement in (item, item.counterpart):
                if statement is None or statement.answer != "False":
                    continue
                false_seen.add(statement.stem)
                assert not any(d in statement.stem for d in indefinite), statement.stem
        # the key of a false one puts it right: whose the description is, and this one's own
        for item in items.values():
            for statement in (item, item.counterpart):
                if statement is not None and statement.template == "person/role-true-false" \
                        and statement.answer == "False":
                    owner, own = statement.explanation.split(". ", 1)
                    subject = statement.stem.split(" was ")[0]
                    assert owner.split(" was ")[1] in statement.stem and own.startswith(subject)
    # the definite ones still make false statements: "Aldo Fenz was the printer who set the first atlas ..."
    assert any(" was the printer who" in s for s in false_seen), false_seen
    assert any(" is the " in s for s in false_seen), false_seen


def test_a_false_statement_never_names_its_subject_by_another_name(tmp_path):
    facts = (person("jabir", "Jabir ibn Hayyan", "the alchemist who described the distilling of acids")
             + term("geber", "Geber", "the Latin name of Jabir ibn Hayyan")
             + person("razi", "Abu Bakr al-Razi", "the alchemist who classified substances into minerals")
             + person("ps", "Paul of Taranto", "the alchemist who wrote under Geber's name in Latin"))
    for items in every_seed(tiny_course(tmp_path / "c", facts)):
        for statement in (items["jabir/role-true-false"], items["jabir/role-true-false"].counterpart):
            assert statement is None or "Geber" not in statement.stem, statement.stem


# --- 3. a description that points outside itself is never shown alone ----------------------------------------

STUDENTS = (person("ilse", "Ilse Varga", "the astronomer who built the observatory at Kremnica")
            + person("jan", "Jan Holub", "a Moravian who was among the students")
            + person("kurt", "Kurt Reiner", "the instrument maker who ground the lenses of the observatory")
            + person("lena", "Lena Dvorak", "the printer who published the star tables the same year")
            + person("mara", "Mara Sokol", "the astronomer who catalogued the comets of the southern sky")
            + person("nils", "Nils Berger", "the astronomer who measured the parallax of the bright stars"))


def test_a_description_pointing_outside_itself_is_kept_off_cards_and_matching_rows(tmp_path):
    from quizgen import grammar

    assert grammar.leaning_words("a Moravian who was among the students") == ["the students"]
    assert grammar.leaning_words("the printer who published the star tables the same year") == ["the same"]
    assert grammar.leaning_words("this treatise on comets") == ["this treatise"]
    assert grammar.leaning_words("his pupil from Brno") == ["his"]
    assert grammar.leaning_words("despite its flaws, no other atlas of the age was so exact") == ["its"]
    assert grammar.leaning_words("during his years in Brno, Jan Holub ground lenses") == []  # Jan Holub's years
    assert grammar.leaning_words("the bishop who crowned the king at the time") == ["at the time"]
    for standalone in ("the same number of protons as electrons", "the other peoples of the empire",
                       "the ship that carried the settlers", "the river that feeds the northern sea",
                       "a byname given to Ibn Sina after his birthplace"):
        assert grammar.leaning_words(standalone) == [], standalone
    for items in every_seed(tiny_course(tmp_path / "c", STUDENTS)):
        rows = {d for d, _ in items["unit/matching-people"].pairs}
        assert not {"a Moravian who was among the students",
                    "the printer who published the star tables the same year"} & rows
        for fid in ("jan", "lena"):
            asked = items[f"{fid}/who-was"]
            assert asked.sheets and not asked.deck and asked.reverse is None
        assert items["ilse/who-was"].deck and items["ilse/who-was"].reverse
        for item in items.values():
            for statement in (item, item.counterpart):
                if statement is not None and statement.answer == "False":
                    assert "among the students" not in statement.stem and "same year" not in statement.stem
    _, problems = items_of(tiny_course(tmp_path / "c", STUDENTS))
    assert {p.fact for p in problems.items if p.code == "leans-on-context"} == {"jan", "lena"}
    # any question showing such a field stays off cards: "what was a consequence of her refusal ...?"
    facts = (fact("refusal", "cause_effect", cause="her refusal to sign the charter",
                  effect="the closing of the fulling mill at Ferne")
             + fact("flood", "cause_effect", cause="the spring flood of the river", effect="the ruin of the dye works")
             + fact("drought", "cause_effect", cause="a dry summer in the valley",
                    effect="the low price of wool at the fair"))
    items, _ = items_of(tiny_course(tmp_path / "d", facts))
    # (her refusal, too short to stand alone, is asked the other way round only: see test_causes)
    assert "refusal/effect-of" not in items
    assert items["refusal/cause-of"].deck and items["flood/effect-of"].deck


def test_a_pair_the_question_does_not_name_keeps_it_off_cards(tmp_path):
    from quizgen import grammar

    assert grammar.leaning_words("the quarrel that set the two guilds against each other") == ["the two guilds"]
    assert grammar.leaning_words("a truce that left both towns poorer") == ["both towns"]
    for standalone in ("the quarrel between the weavers and the dyers that set the two guilds apart",
                       "the two houses of the city council", "both the weavers and the dyers",
                       "the rivalry of the two Sicilies", "two ferries crossing the firth"):
        assert grammar.leaning_words(standalone) == [], standalone
    facts = (fact("quarrel", "cause_effect", cause="the fight over the river water in the dry summer",
                  effect="the long quarrel between the two guilds", marking="1 point for the fight over water")
             + fact("toll", "cause_effect", cause="a toll levied on the weavers and the dyers",
                    effect="a strike by both guilds")
             + fact("flood", "cause_effect", cause="the spring flood of the river", effect="the ruin of the dye works")
             + fact("envoy", "person", name="Hew Laing", role="the envoy who reconciled the two guilds"))
    course_dir = tiny_course(tmp_path / "c", facts)
    for items in every_seed(course_dir):
        leaning = items["quarrel/cause-of"]  # "... what led to the long quarrel between the two guilds ...?"
        assert leaning.sheets and not leaning.deck, leaning.stem
        assert items["toll/effect-of"].deck  # it names the two: "the weavers and the dyers"
        assert items["flood/effect-of"].deck
        assert not items["envoy/who-was"].deck and items["envoy/who-was"].reverse is None
        assert "the envoy who reconciled the two guilds" not in {d for item in items.values() for d, _ in item.pairs}
    _, problems = items_of(course_dir)
    noted = {(p.fact, p.item) for p in problems.items if p.code == "leans-on-context"}
    assert ("quarrel", "quarrel/cause-of") in noted and ("envoy", "envoy/who-was") in noted
    assert ("toll", "toll/cause-of") in noted  # "what led to a strike by both guilds?": its answer names them
    assert not {i for _, i in noted} & {"toll/effect-of", "flood/cause-of", "flood/effect-of"}


# --- 4. a state its own past clause ended is stated in the past ---------------------------------------------

def test_a_historical_state_is_stated_in_the_past(tmp_path):
    from quizgen import grammar

    facts = (term("kaifeng", "Kaifeng", "the Song capital that fell to the Jurchen armies in 1127")
             + term("pagan", "Bagan", "the Burmese capital where the kings built thousands of temples")
             + term("hue", "Hue", "a Vietnamese city on the Perfume River")
             + term("library", "Vatican Library", "the famous collection in Rome where the scholar copied maps")
             + term("bodega", "Plaka", "the Athenian quarter that holds the oldest houses of the city"))
    statements = set()
    for items in every_seed(tiny_course(tmp_path / "c", facts)):
        for item in items.values():
            if item.template == "term/definition-true-false":
                statements |= {s.stem for s in (item, item.counterpart) if s is not None}
    for statement in statements:
        for ended in ("the Song capital", "the Burmese capital"):
            if ended in statement:
                assert f"was {ended}" in statement, statement
        for holding in ("a Vietnamese city", "the famous collection", "the Athenian quarter"):
            if holding in statement:
                assert f"is {holding}" in statement, statement
    assert "Kaifeng was the Song capital that fell to the Jurchen armies in 1127." in statements
    assert grammar.historical_state("the Ottoman stronghold that guarded the straits")
    assert not grammar.historical_state("the Kazakh capital that hosts the forum")  # its clause is in the present
    assert not grammar.historical_state("the capital of the province")  # no clause says it ended


# --- 5. the words around a blank fit every option ------------------------------------------------------------

def test_a_blank_holds_one_phrase_that_fits_the_words_around_it(tmp_path):
    from quizgen import grammar
    from quizgen.generate import differing_span
    from quizgen.generate.questions import determiner_inside

    truth = "despite its floods, no other river of the plain was so useful to the millers"
    false = "despite its droughts, several rivers of the plain were more useful to the millers"
    assert differing_span(truth, false) == ("despite its", "floods", "droughts",
                                            ", no other river of the plain was so useful to the millers")
    facts = (fact("river", "claim", speaker="the article", claim=truth, distortion=false)
             + fact("keeper", "claim", speaker="the article", claim="the keeper lit the lamp with whale oil",
                    distortion="the keeper lit the lamp with olive oil"))
    items, _ = items_of(tiny_course(tmp_path / "c", facts))
    card = items["river/which-statement"]
    assert card.stem == ("According to the article, despite its _____, no other river of the plain was so useful "
                         "to the millers.") and set(card.options) == {"floods", "droughts"}
    # a determiner that an option does not read after goes into both options
    assert determiner_inside(("the abbot blessed each", "novice", "novices", "at dawn")) == (
        "the abbot blessed", "each novice", "each novices", "at dawn")
    assert determiner_inside(("the abbot blessed each", "novice", "monk", "at dawn")) == (
        "the abbot blessed each", "novice", "monk", "at dawn")
    assert not grammar.fits_determiner("its", "weaknesses, no other theory")
    assert not grammar.fits_determiner("these", "river") and grammar.fits_determiner("these", "rivers")
    assert grammar.ends_with_determiner("despite the abbot's") == "abbot's"


# --- 6. the answer's other right forms give it away, and are never wrong options ----------------------------

def test_accepted_forms_are_cues_and_never_shown_as_wrong_or_in_the_question(tmp_path):
    facts = (term("moot", "Moot Hall", "the hall where the wool merchants met to fix prices", accept=["Town Hall"])
             + term("town", "Town Hall", "the hall where the aldermen kept the borough charter")
             + term("cloth", "Cloth Hall", "the hall where the weavers sold finished cloth")
             + term("corn", "Corn Hall", "the hall where the farmers sold their grain")
             + fact("looms", "background", period="the 1790s", statement="The mill ran [[twelve]] looms at first.")
             + fact("bells", "background", period="the 1790s", statement="The chapel rang [[8]] bells.")
             + person("ada", "Ada Lovell", "the weaver called Lovell of the Mill who founded the guild",
                      accept=["Lovell of the Mill"])
             + person("bea", "Bea Hart", "the weaver who taught the guild's apprentices")
             + person("cyd", "Cyd Marsh", "the weaver who kept the guild's accounts"))
    for items in every_seed(tiny_course(tmp_path / "c", facts)):
        moot = items["moot/which-term"]
        assert "Town Hall" not in moot.options and ("Town Hall",) in moot.cue
        assert ("12",) in items["looms/fill-blank"].cue and ("eight",) in items["bells/fill-blank"].cue
        assert "ada/who-was" not in items  # its question shows "Lovell of the Mill", which the key accepts
    _, problems = items_of(tiny_course(tmp_path / "c", facts))
    assert any(p.item == "ada/who-was" and p.code == "answer-in-stem" and "'Lovell of the Mill'" in p.message
               for p in problems.items)


def test_a_name_the_text_gives_with_the_and_an_adjective_keeps_the():
    from quizgen.generate.wording import determiner

    assert determiner("Collegium Musicum", "he led the renowned Collegium Musicum in Leipzig") == "the"
    assert determiner("Leipzig", "he moved to bustling Leipzig") == "none"
    assert determiner("Thomasschule", "he taught at the Thomasschule") == "the"
    assert determiner("cantata", "the weekly cantata") == "none"  # a common noun: "the" is the text's own


# --- a curator's line that points at a place in the source is not printed as it is -------------------------

def test_a_line_pointing_at_a_place_in_the_source_is_left_off_items(tmp_path):
    from quizgen import grammar
    from quizgen.lint import lint

    assert grammar.source_places("The mill, dated 1702 in the paragraph before, burned.") == ["the paragraph before"]
    for plain in ("The mill stood above the weir.", "The following spring the river froze.",
                  "Prices fell below those of 1790.", "Dr. Ross named her in paragraph 4."):
        assert grammar.source_places(plain) == [], plain
    assert grammar.without_source_places("She was born in Leith. Her brother is named in the paragraph before.") == (
        "She was born in Leith.")
    facts = (fact("mina", "person", name="Mina Craw", role="the dyer who first used madder in the valley",
                  context="Dr. J. Ross is her brother, mentioned above. She was born in Leith.",
                  note="The next chapter gives her death as 1811.")
             + fact("tam", "person", name="Tam Reid", role="the fuller who rebuilt the mill after the flood",
                    explanation="As noted earlier in the article, the mill burned twice.")
             + fact("ann", "person", name="Ann Gow", role="the weaver who sold cloth at Perth market",
                    context="The mill stood above the weir."))
    course_dir = tiny_course(tmp_path / "c", facts)
    course, items, _ = course_items(course_dir)
    for item in items.values():
        for line in (item.context, item.note, item.explanation):
            assert not grammar.source_places(line), (item.id, line)
    assert items["mina/who-was"].context == "She was born in Leith."
    assert items["mina/who-was"].note == "" and items["tam/who-was"].explanation == ""
    assert items["ann/who-was"].context == "The mill stood above the weir."
    noted = {(p.fact, p.message.split(" points")[0]) for p in lint(course, items.values())
             if p.code == "points-into-source"}
    assert noted == {("mina", "its context"), ("mina", "its note"), ("tam", "its explanation")}


def test_a_cause_or_effect_sharing_half_its_words_with_its_question_is_not_asked_that_way(tmp_path):
    facts = (fact("silt", "cause_effect", cause="a harbour mouth choked with river silt",
                  effect="ships waiting offshore for the river silt to be dredged from the harbour mouth")
             + fact("frost", "cause_effect", cause="a late frost in the orchards",
                    effect="the loss of half the year's apple crop")
             + fact("toll", "cause_effect", cause="the new toll of a penny a cart on the old stone bridge",
                    effect="carters taking the ford upstream instead"))
    for items in items_under_every_seed(tiny_course(tmp_path / "c", facts)):
        assert "silt/cause-of" not in items and "silt/effect-of" not in items  # "river silt", "harbour mouth"
        assert "frost/cause-of" in items and "toll/effect-of" in items
    _, _, problems = course_items(tiny_course(tmp_path / "d", facts))
    assert any(p.code == "answer-in-stem" and p.fact == "silt" and "cause or the effect" in p.message
               for p in problems.items)


def test_a_fact_its_note_corrects_is_asked_as_the_sources_claim(tmp_path):
    facts = (fact("abbot", "person", name="Odo of Lund", role="the abbot who founded the mill at Ferne",
                  note="Charters show the mill was founded by his successor.")
             + fact("smith", "person", name="Arn Belt", role="the smith who, the article says, forged the bell",
                    note="The bell was cast, not forged.")
             + fact("reeve", "person", name="Tova Hale", role="the reeve who kept the mill's accounts")
             + fact("miller", "person", name="Ulf Garth", role="the miller who rebuilt the wheel")
             + fact("flood", "event", when="1214", what="the river flooded the mill at Ferne",
                    note="The abbey's annals put the flood in 1216.")
             + fact("fire", "event", when="1230", what="a fire destroyed the granary at Ferne"))
    for items in items_under_every_seed(tiny_course(tmp_path / "c", facts)):
        assert items["abbot/who-was"].stem.startswith(("Who, according to the article, was ",
                                                       "Which of these people, according to the article, was "))
        assert "according" not in items["smith/who-was"].stem  # its role says whose account it is already
        assert "according" not in items["reeve/who-was"].stem
        assert items["flood/when"].stem.startswith("According to the article, in which year ")
        assert not items["fire/when"].stem.startswith("According")
