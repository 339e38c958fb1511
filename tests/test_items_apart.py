"""Items a teacher signs on any course: questions of dates that are not learnt against each other, no reversed card
for what a curator's note corrects, rulers not matched among people of professions, and no question answered by the
course's own title. Each case is a small course of new facts."""
from __future__ import annotations

from helpers import course_items, fact, items_under_every_seed, term, tiny_course
from quizgen.cards import plan_deck
from quizgen.kinds import PROFESSION, RULER, role_class
from quizgen.options import in_order
from quizgen.text import fold

# --- two questions of dates with the same options -------------------------------------------------------------

MILLS = (fact("furnace", "event", what="the glassworks at Vell lit its second furnace", when="1841")
         + fact("mirrors", "event", what="the glassworks at Vell shipped its first mirrors to the coast", when="1842")
         + fact("bottles", "event", what="the glassworks at Vell began blowing green bottles for the brewers",
                when="1843")
         + fact("strike", "event", what="the glass blowers of Vell stopped work for a month", when="1845"))


def test_no_two_date_questions_of_the_deck_share_their_options_or_each_others_answers(tmp_path):
    folder = tiny_course(tmp_path / "c", MILLS, source_date="1900-01")
    for items in items_under_every_seed(folder):
        asked = [i for i in items.values() if i.type == "mcq" and i.deck and in_order(i.options) is not None]
        assert len(asked) == 4
        wrong = {i.id: {fold(o) for k, o in enumerate(i.options) if k != i.correct} for i in asked}
        for a in asked:
            for b in asked:
                if a.id < b.id:
                    assert {fold(o) for o in a.options} != {fold(o) for o in b.options}, (a.options, b.options)
                    # each showing the other's answer as a wrong one: reviewed apart, they rehearse each other
                    assert not (fold(a.answer) in wrong[b.id] and fold(b.answer) in wrong[a.id]), \
                        (a.answer, a.options, b.answer, b.options)


def test_date_questions_drawn_apart_are_the_same_on_every_build(tmp_path):
    folder = tiny_course(tmp_path / "c", MILLS, source_date="1900-01")
    first = {i.id: i.options for i in course_items(folder)[1].values()}
    assert first == {i.id: i.options for i in course_items(folder)[1].values()}


# --- a note that corrects the fact: no reversed card --------------------------------------------------------

CORRECTED = (
    fact("abbot", "person", name="Ulric of Marden", role="abbot who founded the library of the river abbey",
         gender="male", note="The library was founded by his successor, Abbot Osric; the chronicle confuses the two.")
    + fact("scribe", "person", name="Edwin Harle", role="scribe who copied the abbey's gospel book", gender="male")
    + fact("binder", "person", name="Cuthbert Lowe", role="binder who bound the abbey's gospel book in oak boards",
           gender="male")
    + term("scriptorium", "scriptorium", "the room where the abbey's monks copied books by hand", determiner="the",
           note="The chronicle places it in the west range; the excavation found it in the cloister's north walk.")
    + term("lectern", "lectern", "a sloping stand that holds an open book",
           determiner="a"))


def test_a_fact_whose_note_corrects_it_gets_no_reversed_card(tmp_path):
    folder = tiny_course(tmp_path / "c", CORRECTED)
    course, items, _ = course_items(folder)
    deck = plan_deck(course, list(items.values()))
    reversed_facts = {i.fact_ids[0] for i in deck.items if i.reverse}
    assert not reversed_facts & {"abbot", "scriptorium"}, reversed_facts
    assert {"scribe", "lectern"} <= reversed_facts  # a fact without a note keeps its reversed card
    # the forward question is still asked, and carries the note
    forward = [i for i in items.values() if i.fact_ids == ("abbot",) and i.type in ("mcq", "recall")]
    assert forward and all("Osric" in i.note for i in forward)


# --- rulers matched among themselves ----------------------------------------------------------------

COURT = (fact("painter", "person", name="Matthias Korven", role="painter who decorated the chapel of the old court",
              gender="male")
         + fact("lutenist", "person", name="Pieter Aldrin", role="lutenist who played at the court's summer feasts",
                gender="male")
         + fact("engraver", "person", name="Hugo Stell", role="engraver whose maps showed the duchy's roads",
                gender="male")
         + fact("physician", "person", name="Arnold Weiss", role="physician who wrote on the fevers of the marsh towns",
                gender="male")
         + fact("poet", "person", name="Lorenz Tabor", role="poet who wrote verses for the court's wedding masques",
                gender="male")
         + fact("king", "person", name="Frederick the Mild", role="King of Ostmark to whom the masques were offered",
                gender="male"))


def test_role_classes_tell_rulers_from_professions():
    assert role_class("King of Ostmark to whom the masques were offered") == RULER
    assert role_class("the pope who crowned the emperor") == RULER
    assert role_class("violinist who led the court band") == PROFESSION
    assert role_class("organist of the town church") == PROFESSION
    # a role that tells neither sits beside either: a politician, "the founder of a school"
    assert role_class("the president of the river council") == ""
    assert role_class("the founder of a school of painters") == ""


def test_a_ruler_is_not_matched_among_people_of_professions(tmp_path):
    folder = tiny_course(tmp_path / "c", COURT)
    for items in items_under_every_seed(folder):
        matching = items["unit/matching-people"]
        names = [n for _, n in matching.pairs] + list(matching.extras)
        assert "Frederick the Mild" not in names, names
        assert len(matching.pairs) >= 3
        # the ruler is still asked on his own, and never offered beside the others
        for item in items.values():
            if item.template == "person/who-was" and item.fact_ids != ("king",):
                assert "Frederick the Mild" not in item.options, item.options


RULERS = (fact("sultan", "person", name="Otto the Stern", role="the sultan who granted the town its charter",
               gender="male")
          + fact("duke", "person", name="Henry the Lame", role="duke who built the stone bridge", gender="male")
          + fact("emperor", "person", name="Albrecht the Fair", role="emperor who besieged the town",
                 gender="male")
          + fact("king", "person", name="Conrad the Bold", role="king who married the duke's daughter",
                 gender="male")
          + fact("regent", "person", name="Lothar the Old", role="regent who ruled for a boy duke", gender="male")
          + fact("organist", "person", name="Jakob Brenner", role="organist of the town church", gender="male"))


def test_a_composer_is_not_matched_among_rulers(tmp_path):
    folder = tiny_course(tmp_path / "c", RULERS)
    for items in items_under_every_seed(folder):
        matching = items["unit/matching-people"]
        names = [n for _, n in matching.pairs] + list(matching.extras)
        assert "Jakob Brenner" not in names, names


# --- a question answered by the course's own title ------------------------------------------------------------

STEAMERS = (term("paddle", "paddle steamer", "a boat driven by wheels turning at its sides", determiner="a")
            + term("tug", "tugboat", "a small strong boat that pulls barges along the lake", determiner="a")
            + term("wharf", "wharf", "a landing stage where the boats loaded timber", determiner="a")
            + term("slipway", "slipway", "a ramp down which new hulls slid into the water", determiner="a"))


def _titled(folder, course_title: str, unit_title: str):
    course_yaml = folder / "course.yaml"
    course_yaml.write_text(course_yaml.read_text(encoding="utf-8").replace("Tiny course", course_title),
                           encoding="utf-8")
    facts_yaml = folder / "unit" / "facts.yaml"
    facts_yaml.write_text(facts_yaml.read_text(encoding="utf-8").replace("Tiny unit", unit_title), encoding="utf-8")
    return folder


def test_a_question_whose_answer_the_title_names_is_not_asked_that_way(tmp_path):
    for n, title in enumerate(("How the paddle steamer came to the lakes", "The first steamer on the lakes")):
        # the whole answer in the course's title, or its head word ("steamer" of "paddle steamer")
        folder = _titled(tiny_course(tmp_path / str(n), STEAMERS), title, "The lakes")
        _, items, problems = course_items(folder)
        asked = {i.fact_ids[0] for i in items.values() if i.template == "term/which-term"}
        assert "paddle" not in asked and {"tug", "wharf", "slipway"} <= asked, asked
        assert {p.fact for p in problems.items if p.code == "answer-in-title"} == {"paddle"}
        # the other direction stays: the definition's statement, and "What is a paddle steamer?"
        assert any(i.fact_ids == ("paddle",) and i.type == "tf" for i in items.values())
        assert "paddle/what-is" in items


def test_a_unit_title_naming_the_answer_alone_gives_it_away(tmp_path):
    people = (fact("fulton", "person", name="Robert Marlow", role="engineer whose boat first crossed the lake",
                   gender="male")
              + fact("pilot", "person", name="Thomas Greave", role="engineer who charted the lake's shoals",
                     gender="male")
              + fact("owner", "person", name="Samuel Orde", role="engineer who built the first slipway",
                     gender="male"))
    folder = _titled(tiny_course(tmp_path / "c", people), "Steam on the lakes", "Marlow and the first crossing")
    _, items, problems = course_items(folder)
    assert "fulton/who-was" not in items  # "Marlow" in the unit's title, and in no wrong option
    assert {"pilot/who-was", "owner/who-was"} <= set(items)
    assert any(p.fact == "fulton" and p.code == "answer-in-title" for p in problems.items)


def test_a_nationality_the_question_shows_is_shared_by_every_person_offered(tmp_path):
    facts = (fact("hale", "person", name="Edmund Hale", role="an English clockmaker who built the abbey clock")
             + fact("rossi", "person", name="Piero Rossi", role="an Italian clockmaker who built the town clock")
             + fact("vanni", "person", name="Luca Vanni", role="an Italian clockmaker who mended the bell")
             + fact("conti", "person", name="Aldo Conti", role="an Italian clockmaker who cast the weights")
             + fact("marr", "person", name="Jon Marr", role="an English clockmaker who made the dial")
             + fact("lowe", "person", name="Ned Lowe", role="an English clockmaker who trained the apprentices")
             + fact("pike", "person", name="Sam Pike", role="an English clockmaker who wound the tower clock"))
    english = {"Edmund Hale", "Jon Marr", "Ned Lowe", "Sam Pike"}
    asked_with_options = 0
    for items in items_under_every_seed(tiny_course(tmp_path / "c", facts)):
        for fid in ("hale", "marr", "lowe", "pike"):
            item = items[f"{fid}/who-was"]
            if item.type == "mcq":
                assert set(item.options) <= english, item.options  # no Italian name beside the English key
                asked_with_options += 1
        for fid in ("rossi", "vanni", "conti"):
            item = items[f"{fid}/who-was"]
            assert item.type == "recall" or not set(item.options) & english, item.options
    assert asked_with_options  # English people remain to be offered beside an English key


def test_a_long_answer_is_given_away_by_its_head_alone(tmp_path):
    """"the dry spring of the year the mill burned" is given away by a question saying "a dry spring ...", not only
    by one quoting it whole: its head words are a cue of their own."""
    facts = (fact("fire", "cause_effect", cause="the dry spring of the year the mill burned",
                  effect="a shortage of water for the town's pumps", accept=["drought"])
             + fact("wells", "cause_effect", cause="the new wells dug by the parish in the following winter",
                    effect="an end to the carrying of water from the river"))
    _, items, _ = course_items(tiny_course(tmp_path / "c", facts))
    cues = {c for item in items.values() if item.fact_ids == ("fire",) and fold(item.answer).startswith("the dry")
            for group in item.cue for c in group}
    assert "dry spring" in cues, cues
    assert not any(c == "parish" for item in items.values() for group in item.cue for c in group)


def test_a_definition_naming_a_word_is_swapped_only_with_one_that_names_the_same_kind(tmp_path):
    """"Boyle's name for the particles ..." is a name for particles; swapped into a statement about a model ("The
    vortex model is Boyle's name for ...") or about the particles themselves ("Motes are Boyle's name for ...") it
    is false on its face, by its grammar."""
    definitions = {  # name: (definition, what a reader takes it for)
        "corpuscula": ("Boyle's name for the particles that make up all matter", "name of particles"),
        "atomies": ("the old chemists' name for the particles of every substance", "name of particles"),
        "motes": ("the particles of dust that dance in a sunbeam", "particles"),
        "grains": ("the particles of sand that a river carries", "particles"),
        "vortex model": ("the popular name for Descartes's model of matter as a whirling fluid", "name of a model"),
        "clockwork model": ("the model of the heavens as a machine that God wound up", "model"),
    }
    facts = "".join(term(name.replace(" ", "-"), name, text) for name, (text, _) in definitions.items())
    checked = 0
    for items in items_under_every_seed(tiny_course(tmp_path / "c", facts)):
        for item in items.values():
            if item.template != "term/definition-true-false":
                continue
            for statement in (item, item.counterpart):
                if statement is None or statement.answer != "False":
                    continue
                own = item.fact_ids[0].replace("-", " ")
                swapped = next(name for name, (text, _) in definitions.items() if text in statement.stem)
                assert definitions[own][1] == definitions[swapped][1], statement.stem
                checked += 1
    assert checked


def test_a_name_two_facts_describe_is_not_asked_for_its_role(tmp_path):
    """"What role does the article give Thomas Telford?" has two right answers where two facts give him a role:
    neither that question nor a reversed card is asked; a person one fact describes still gets both."""
    facts = (fact("telford-canal", "person", name="Thomas Telford", role="the engineer who built the aqueduct")
             + fact("telford-roads", "person", name="Thomas Telford", role="the surveyor of the Highland roads")
             + fact("jessop", "person", name="William Jessop", role="the engineer who advised on the canal"))
    _, items, problems = course_items(tiny_course(tmp_path / "c", facts, source_date="1850-01"))
    for fid in ("telford-canal", "telford-roads"):
        assert f"{fid}/who-is" not in items
        assert items[f"{fid}/who-was"].reverse is None
    assert "jessop/who-is" in items and items["jessop/who-was"].reverse is not None
    assert {p.fact for p in problems.items if p.code == "described-twice"} == {"telford-canal", "telford-roads"}
