"""Open questions with one right answer: "What role does the article give X?" and "What is X?" (and their reversed
cards) only where the unit says nothing else of X; such questions name the source; a written answer is right with
an article or in the other number. Each case is a small course of new sentences."""
from __future__ import annotations

from helpers import course_items, fact, term, tiny_course
from quizgen.generate.said import said_elsewhere


def _person(fid: str, name: str, role: str) -> str:
    return fact(fid, "person", name=name, role=role)


def _claim(fid: str, claim: str, distortion: str = "") -> str:
    return fact(fid, "claim", speaker="the article", claim=claim, **({"distortion": distortion} if distortion else {}))


WEAVERS = (
    _person("okafor", "Ngozi Okafor", "the weaver who first dyed cloth with the indigo of the valley")
    + _claim("okafor-guild", "Ngozi Okafor later led the guild of dyers for twenty years")
    + _person("mensah", "Kwame Mensah", "the trader who carried the cloth to the coast")
    + fact("loom", "event", what="the great loom, built by Mensah, was set up in the market", when="1901")
    + _person("adjei", "Yaw Adjei", "the potter whose kiln stood beside the dye pits")
    + _claim("adjei-kiln", "the dyers borrowed Adjei's kiln in the wet season")
    + _person("boateng", "Efua Boateng", "the weaver who kept the pattern book of the guild")
    + _claim("boateng-praise", "the valley's finest weaver, Efua Boateng, never sold a cloth outside it")
    + term("indigo", "indigo", "the blue dye the weavers drew from the leaves of the valley's shrubs",
           determiner="none")
    + _claim("indigo-costly", "indigo was the costliest of the dyes sold at the coast")
    + term("loom-term", "loom", "the frame on which the cloth is woven", determiner="a")
    + _claim("loom-creaks", "the loom creaked all night in the weaving shed")
    + term("mordant", "mordant", "the salt that fixes a dye in the cloth", determiner="a")
    + _claim("alum", "the dyers bought a mordant from the traders of the coast")
    + term("resist", "resist", "the paste that keeps the dye from parts of the cloth", determiner="a")
    + _claim("resists", "resists are the oldest way of patterning cloth in the valley")
    + _claim("resist-washed", "the resist is washed out once the cloth has dried")
)


def test_a_name_the_unit_says_more_of_gets_no_open_question_and_no_reversed_card(tmp_path):
    """A person the subject of another fact's claim (Okafor), a thing described by another ("indigo was ...",
    "resists" in the plural "are ..."), the agent of a passive ("built by Mensah"), a name described beside another
    description ("the valley's finest weaver, Efua Boateng"):
    "What role does the article give X?"/"What is X?" has other right answers, so neither it nor the reversed card is
    asked; the choice that names the person or term from the role is. A name only mentioned (the object of a verb,
    a possessive: "Adjei's kiln", "bought a mordant") keeps both, and so does a thing another fact tells of only
    what it did ("the loom creaked"): that does not answer "what is a loom?"."""
    folder = tiny_course(tmp_path / "c", WEAVERS, source_date="1920-01")
    course, items, problems = course_items(folder)
    assert said_elsewhere(course) == {"okafor", "mensah", "boateng", "indigo", "resist"}
    for fid in ("okafor", "mensah", "boateng"):
        assert f"{fid}/who-is" not in items
        assert items[f"{fid}/who-was"].reverse is None
    for fid in ("indigo", "resist"):
        assert f"{fid}/what-is" not in items
        assert items[f"{fid}/which-term"].reverse is None
    assert items["adjei/who-was"].reverse[0] == "What role does the article give Yaw Adjei?"
    assert items["adjei/who-is"].stem == "What role does the article give Yaw Adjei?"
    assert "mordant/what-is" in items and items["mordant/which-term"].reverse is not None
    assert "loom-term/what-is" in items
    noted = {p.fact for p in problems.items if p.code == "described-twice"}
    assert noted == {"okafor", "mensah", "boateng", "indigo", "resist"}


def test_a_surname_two_people_share_says_nothing_of_either(tmp_path):
    """"Mensah sailed ..." is said of Kwame Mensah only where no other person of the course is a Mensah."""
    facts = (_person("kwame", "Kwame Mensah", "the trader who carried the cloth to the coast")
             + _person("ama", "Ama Mensah", "the trader's sister who kept the accounts")
             + _claim("sailed", "Mensah sailed for the coast each spring"))
    course, items, _ = course_items(tiny_course(tmp_path / "c", facts, source_date="1920-01"))
    assert said_elsewhere(course) == set()
    assert "kwame/who-is" in items and "ama/who-is" in items


def test_a_term_asked_open_names_its_source(tmp_path):
    """"What is a mordant?" asked alone has other true answers (today's chemistry): the short answer and the
    reversed card ask what it is according to the source, in the word the course calls it by."""
    facts = (term("mordant", "mordant", "the salt that fixes a dye in the cloth", determiner="a")
             + term("dyers", "dyers", "the craftsmen who coloured the cloth before it was sold"))
    folder = tiny_course(tmp_path / "c", facts, source_date="1920-01")
    source = folder / "unit" / "source.md"
    source.write_text(source.read_text(encoding="utf-8").replace("title: A tiny article\n",
                                                                "title: A tiny article\ncalled: the book\n"),
                      encoding="utf-8")
    _, items, _ = course_items(folder)
    assert items["mordant/what-is"].stem == "According to the book, what is a mordant?"
    assert items["mordant/which-term"].reverse[0] == "According to the book, what is a mordant?"
    assert items["dyers/what-is"].stem == "According to the book, what are dyers?"


def test_a_common_noun_key_is_right_with_an_article_or_in_the_other_number(tmp_path):
    """"a kiln" or "kilns" for "kiln", "the heddle" or "a heddle" for "heddles": every output's answer model, the
    LMS exports included, takes them (no reader would mark them wrong, so the key does not print them). A noun
    not counted ("saffron") gets no "a" and no plural; a name, a number and the curator's `accept` forms stay as
    written."""
    from quizgen.answers import answers_for, noun_forms

    facts = (term("kiln", "kiln", "the oven in which the potters of the valley fired their pots", determiner="a")
             + term("heddles", "heddles", "the cords that lift every other thread of the warp", determiner="none")
             + term("saffron", "saffron", "the yellow dye the weavers bought from the hill farms",
                    determiner="none"))
    course, items, _ = course_items(tiny_course(tmp_path / "c", facts, source_date="1920-01"))
    accepted = {fid: answers_for(items[f"{fid}/which-term"], course) for fid in ("kiln", "heddles", "saffron")}
    assert {"a kiln", "the kiln", "kilns"} <= set(accepted["kiln"].accepted)
    assert {"heddle", "a heddle", "the heddles"} <= set(accepted["heddles"].accepted)
    assert accepted["kiln"].also == () and accepted["kiln"].accepts("Kilns") and accepted["heddles"].accepts("a heddle")
    assert "the saffron" in accepted["saffron"].accepted
    assert not {"a saffron", "saffrons"} & set(accepted["saffron"].accepted)
    assert noun_forms("Ngozi Okafor") == noun_forms("eight million") == noun_forms("the loom") == []
    assert noun_forms("loom", "ru") == []


def test_a_definition_with_a_clause_after_its_comma_lists_nothing(tmp_path):
    """"a trough of clay and straw, used to soak the yarn" names one thing: its short answer is asked (a
    definition listing three things is not, without a marking scheme); "wool, flax and hemp" still lists three."""
    from quizgen.answers import enumeration_parts

    assert enumeration_parts("a trough of clay and straw, used to soak the yarn overnight") == 1
    assert enumeration_parts("a shed for the looms, in which the weavers ate and slept") == 1
    assert enumeration_parts("the dyer's word for the vat, later given to the whole yard") == 1
    assert enumeration_parts("wool, flax and hemp, spun in the valley") == 3
    assert enumeration_parts("a spinner, weaver and dyer") == 3
    assert enumeration_parts("anger with the mill owners, with the price of bread and with the new tax") == 3
    facts = (term("steep", "steeping trough", "a trough of clay and straw, used to soak the yarn overnight",
                  determiner="a")
             + term("fibres", "fibres", "wool, flax and hemp, the three fibres spun in the valley",
                    determiner="none"))
    _, items, _ = course_items(tiny_course(tmp_path / "c", facts, source_date="1920-01"))
    assert items["steep/what-is"].answer == "a trough of clay and straw, used to soak the yarn overnight"
    assert "fibres/what-is" not in items
