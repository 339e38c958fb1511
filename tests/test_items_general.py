"""Items that hold on any course: the kind of an answer read from its words, one gate for every wrong option,
dates as precise as their quote, grammar from the words, and two-statement cards that ask where they differ.

Each case is a small course of its own, of kinds the shipped course lacks (rivers, a dam, a lender, a holiday,
plural subjects, names in Cyrillic, quotes that say "by 1987" or "from the 1960s"), with no `category`."""
from __future__ import annotations

import re

import pytest

from helpers import COURSES, SEEDS, course_items, fact, items_under_every_seed, quoted, term, tiny_course, with_source
from quizgen import grammar
from quizgen.build import check
from quizgen.generate import differing_span
from quizgen.kinds import script_of, term_kind
from quizgen.precision import asked_time, precision_problem, stated_time

ARAL = COURSES / "aral"
items_of = course_items  # (course, items by id, problems)
every_seed = items_under_every_seed


# --- the kind of an answer ----------------------------------------------------------------------------

WATER = (term("syr", "Syr Darya", "the river that feeds the northern sea")
         + term("amu", "Amu Darya", "the river that feeds the southern sea")
         + term("ili", "Ili", "a river that flows from China into Lake Balkhash")
         + term("dam", "Kok-Aral dam", "a dam about 13 kilometres long that holds back the northern sea")
         + term("bank", "World Bank", "the lender that financed the dam")
         + term("town", "Aralsk", "a fishing town once stranded far from the shore")
         + term("nauryz", "Nauryz", "the spring holiday of the new year")
         + term("desert", "Aralkum", "a desert of salt and dust left by the sea"))
KIND = {"Syr Darya": "river", "Amu Darya": "river", "Ili": "river", "Kok-Aral dam": "dam", "World Bank": "lender",
        "Aralsk": "town", "Nauryz": "holiday", "Aralkum": "desert"}


@pytest.mark.parametrize(("name", "definition", "kind"), [
    ("World Bank", "the lender that financed the dam", "organisation"),
    ("Kok-Aral dam", "a 13-kilometre earthen barrier that keeps the water in", "dam"),
    ("Syr Darya", "the river that feeds the northern sea", "river"),
    ("Syr Darya", "the water that feeds the northern sea", "river"),  # the name says it: "Darya"
    ("Aralsk", "a fishing town once stranded far from the shore", "settlement"),
    ("Nauryz", "the spring holiday of the new year", "holiday"),
    ("Victory Day", "the 9 May holiday marking the end of the war", "holiday"),
    ("CSTO", "a Russian-led grouping of former Soviet states", "organisation"),
    ("Russification", "the imposing of the Russian language on other peoples", "concept"),
    ("Aral Sea", "once the fourth largest lake in the world", "sea or lake"),
    ("Jeltoqsan", "the protests of December 1986 in Almaty", "event"),
    ("quokka", "a marsupial of Rottnest Island", "marsupial"),  # no family known: a kind of its own
    ("Port Authority", "the body that runs the harbour", "organisation"),  # "body": the name decides
    ("atom", "the smallest body that still has the nature of its element", "body"),
    ("resin", "a clear, sticky gum oozing from pine bark", "gum"),
    ("sodium", "a soft metal that burns on water", "metal"),  # a metal is no salt or fuel: a kind of its own
])
def test_the_kind_is_read_from_the_head_noun_or_the_name(name, definition, kind):
    assert term_kind(name, definition) == kind


def test_wrong_options_and_swaps_are_of_the_answers_kind(tmp_path):
    course_dir = tiny_course(tmp_path / "c", WATER)
    swapped = set()
    for items in every_seed(course_dir):
        for fid in ("syr", "amu", "ili"):
            item = items[f"{fid}/which-term"]
            assert item.type == "mcq" and {KIND[o] for o in item.options} == {"river"}, item.options
        for item in items.values():
            if item.template == "term/definition-true-false" and item.answer == "False":
                shown, subject = item.cue[0]
                assert KIND[subject] == "river", item.stem  # only rivers have another of their kind to swap with
                swapped.add(subject)
                assert "lender" not in shown and "dam" not in shown.split()[:3]
    assert swapped


def test_a_lender_with_no_other_lender_is_asked_as_a_short_answer(tmp_path):
    _, items, problems = items_of(tiny_course(tmp_path / "c", WATER))
    bank = items["bank/which-term"]
    assert bank.type == "recall" and bank.stem == "Which lender financed the dam?"
    [warning] = [p for p in problems.items if p.item == "bank/which-term"]
    assert warning.code == "too-few-distractors" and "kind 'organisation'" in warning.message
    # and its true/false statement is never about a dam or a river
    for items in every_seed(tiny_course(tmp_path / "c", WATER)):
        assert items["bank/definition-true-false"].stem == "The World Bank is the lender that financed the dam."


def test_a_speaker_that_is_an_organisation_is_not_swapped_with_a_person(tmp_path):
    facts = (WATER + fact("bank-says", "claim", speaker="World Bank", claim="the dam was a success")
             + fact("p1", "person", name="Nursultan Nazarbayev", role="the president who opened the dam")
             + fact("p2", "person", name="Zhanna Bekova", role="the ecologist who counted the fish")
             + fact("p3", "person", name="Askar Ospanov", role="the mayor of Aralsk")
             + fact("p1-says", "claim", speaker="Nursultan Nazarbayev", claim="the sea would come back"))
    for items in every_seed(tiny_course(tmp_path / "c", facts)):
        said = items["bank-says/who-said"]
        assert said.type == "recall"  # no other organisation speaks: no person is offered instead
        tf = items["bank-says/speaker-true-false"]
        assert tf.stem.startswith("According to the article, World Bank said") and tf.answer == "True"
        assert "World Bank" not in items["p1-says/who-said"].options


# --- one gate: script, length, specificity, nothing named in the question -------------------------------

PEOPLE = (fact("kolbin", "person", name="Gennadiy Kolbin", role="the politician who replaced Dinmukhamed Kunayev")
          + fact("kunayev", "person", name="Dinmukhamed Kunayev", role="the party leader whom Gennadiy Kolbin replaced")
          + fact("nazarbayev", "person", name="Nursultan Nazarbayev", role="the premier who later led Kazakhstan")
          + fact("gorbachev", "person", name="Mikhail Gorbachev", role="the Soviet leader who appointed Kolbin")
          + fact("shakhanov", "person", name="Мухтар Шаханов", role="the poet who defended the students"))


def test_no_wrong_value_names_the_subject_or_is_named_in_the_question(tmp_path):
    for items in every_seed(tiny_course(tmp_path / "c", PEOPLE)):
        for item in items.values():
            if item.template == "person/role-true-false":
                name, _, role = item.stem.partition(" was ")
                assert name.split()[-1] not in role, item.stem  # never "Kolbin was ... who replaced Kolbin"
            if item.template == "person/who-was" and item.options:
                for option in item.options:
                    if option != item.answer:
                        assert option.split()[-1] not in item.stem, (item.stem, option)


def test_a_name_in_another_script_is_offered_only_in_the_keys_script(tmp_path):
    # (a sixth person whose role names nobody: three of PEOPLE name each other, which no matching list may hold)
    people = PEOPLE + fact("abai", "person", name="Abai Kunanbayev", role="the poet who wrote the Book of Words")
    course_dir = tiny_course(tmp_path / "c", people)
    matched = 0
    for items in every_seed(course_dir):
        for item in items.values():
            if item.template == "person/who-was" and item.options:
                assert {script_of(o) for o in item.options} == {script_of(item.answer)}, item.options
        matching = items.get("unit/matching-people")
        if matching is not None:
            matched += 1
            assert {script_of(n) for _, n in matching.pairs} | {script_of(n) for n in matching.extras} == {"LATIN"}
    assert matched
    # with its transliteration accepted, the name comes in Latin letters
    accepted = people.replace('"Мухтар Шаханов"', '"Мухтар Шаханов"\n    accept: ["Mukhtar Shakhanov"]')
    seen = set()
    for items in every_seed(tiny_course(tmp_path / "t", accepted)):
        seen |= {o for i in items.values() for o in i.options} | {
            n for i in items.values() if i.type == "matching" for n in (*(n for _, n in i.pairs), *i.extras)}
    assert "Mukhtar Shakhanov" in seen and "Мухтар Шаханов" not in seen


def test_options_are_alike_in_length_and_specificity(tmp_path):
    facts = (term("a", "Belt and Road Initiative", "China's drive to finance ports abroad")
             + term("b", "Middle Corridor", "a trade route across the Caspian Sea")
             + term("c", "Programme 2050 for the Development of the Transport Networks of the Republic",
                    "a plan to build roads in Kazakhstan")
             + term("d", "Nurly Zhol", "a plan to build railways in Kazakhstan")
             + term("e", "Plan 2030", "a plan to build dams in Kazakhstan"))
    for items in every_seed(tiny_course(tmp_path / "c", facts)):
        options = items["d/which-term"].options
        assert not any("Programme 2050" in o for o in options)  # fourteen words beside two
        assert "Plan 2030" not in options  # the only one with a number


# --- dates as precise as their quote ---------------------------------------------------------------------

def event(fid: str, what: str, when: str, quote: str) -> str:
    return (f"  - id: {fid}\n    kind: event\n    what: \"{what}\"\n    when: \"{when}\"\n"
            f"    source: {{paragraph: 1, quote: \"{quote}\"}}\n")


def dated_course(folder, *events: tuple[str, str, str, str]):
    """A course whose source is the events' quotes, one paragraph."""
    course = tiny_course(folder, "".join(event(*e) for e in events), source_date="2023-06")
    source = course / "unit" / "source.md"
    text = source.read_text(encoding="utf-8")
    body = " ".join(q.rstrip(".") + "." for *_, q in events)
    source.write_text(re.sub(r"(---\n)([^-]*)$", lambda m: m.group(1) + body + "\n", text), encoding="utf-8")
    return course


DATED = (("split", "the sea split in two", "1987", "By 1987 the sea had split in two"),
         ("diverted", "Soviet planners diverted the rivers", "1960",
          "In the 1960s Soviet planners diverted the rivers"),
         ("shrinking", "the Aral Sea shrank", "1960", "the Aral Sea has been shrinking from the 1960s"),
         ("halved", "the sea lost half of its area", "1960", "between 1960 and 1990 the sea lost half of its area"),
         ("covered", "the sea covered 68,000 square kilometres", "1960",
          "In 1960 the sea covered 68,000 square kilometres"),
         ("mapped", "Lev Berg mapped the sea", "1900", "Lev Berg mapped the sea around 1900"),
         ("dam", "Kazakhstan finished the Kok-Aral dam", "2005", "In 2005 Kazakhstan finished the Kok-Aral dam"),
         ("basin", "the eastern basin dried out", "2014", "the eastern basin dried out in 2014"))


def test_each_date_is_asked_as_precisely_as_its_quote(tmp_path):
    _, items, _ = items_of(dated_course(tmp_path / "c", *DATED))
    by = items["split/when"]
    assert (by.type, by.stem, by.answer) == ("recall", "By which year had the sea split in two?", "1987")
    decade = items["diverted/when"]
    assert decade.stem == "In which decade did Soviet planners divert the rivers?" and decade.answer == "the 1960s"
    assert decade.type == "mcq" and all(re.fullmatch(r"the 1[89]\d0s", o) for o in decade.options)
    began = items["shrinking/when"]
    assert began.stem == "In which decade did the Aral Sea begin to shrink?" and began.answer == "the 1960s"
    span = items["halved/when"]
    assert span.type == "recall" and span.answer == "1960 to 1990"
    assert span.stem == "According to the article, between which years did the sea lose half of its area?"
    state = items["covered/when"]  # 68,000 km2 in 1960, and in 1959 too: no year can be marked wrong
    assert state.type == "recall"
    assert state.stem == "According to the article, in which year did the sea cover 68,000 square kilometres?"
    about = items["mapped/when"]
    assert about.type == "mcq" and about.stem == "In about which year did Lev Berg map the sea?"
    assert all(abs(int(o) - 1900) >= 10 for o in about.options if o != "1900")
    exact = items["dam/when"]
    assert exact.stem == "In which year did Kazakhstan finish the Kok-Aral dam?" and exact.type == "mcq"
    assert not any(i.stem.startswith("When did this happen") for i in items.values())


@pytest.mark.parametrize(("quote", "when", "found"), [
    ("By 1987 the sea had split", "1987", ("by", "year", "By 1987")),
    ("by the late 1980s it had split", "1980", ("by", "decade", "by the late 1980s")),
    ("shrinking from the 1960s", "1960", ("from", "decade", "from the 1960s")),
    ("between 1960 and 1990 the sea", "1960", ("", "range", "between 1960 and 1990")),
    ("in the early 1990s Kazakhstan", "1990", ("", "decade", "in the early 1990s")),
    ("around 1900 Berg mapped", "1900", ("about", "year", "around 1900")),
    ("On April 28th, Kyrgyzstan", "2022-04-28", ("", "day", "On April 28th")),
    ("in late February", "2022-02", ("", "month", "in late February")),
])
def test_the_quote_qualifiers_are_read(quote, when, found):
    time = stated_time(quote, when)
    assert (time.qualifier, time.grain, time.text) == found


@pytest.mark.parametrize("quote", ["the weir was rebuilt c. 1720 by the abbey", "the weir was rebuilt c.1720",
                                   "the weir was rebuilt ca. 1720", "the weir was rebuilt circa 1720"])
def test_circa_in_every_spelling_is_an_approximate_date(quote):
    time = stated_time(quote, "1720")
    assert (time.qualifier, time.grain) == ("about", "year")
    asked = asked_time(quote, "1720", "rebuild")
    assert asked.wh == "In about which year" and asked.gap == 10


@pytest.mark.parametrize(("quote", "when", "found"), [
    ("the monastery was founded c. 812 by monks", "0812", ("about", "c. 812")),
    ("the monastery was founded c.812", "0812", ("about", "c.812")),
    ("the monastery was founded in 812 by monks", "0812", ("", "in 812")),
    ("a chronicle of 78 leaves, written 87", "0087", ("", "87")),
])
def test_a_year_before_1000_is_read_in_the_quote_as_it_is_written(quote, when, found):
    time = stated_time(quote, when)
    assert (time.qualifier, time.text, time.start) == (*found, int(when))
    assert stated_time("the monastery kept 812 books", "1812") is None  # three digits are a year only for `when`


def test_by_and_after_exclude_nothing_and_about_keeps_away():
    assert not asked_time("By 1987 the sea had split", "1987").choice
    assert not asked_time("after 1991 the republic", "1991").choice
    assert asked_time("around 1900 Berg mapped", "1900").gap == 10
    assert asked_time("In 2005 Kazakhstan finished", "2005").choice


def test_check_reports_a_date_its_quote_gives_less_precisely(tmp_path):
    assert "a decade" in precision_problem("In the 1960s Soviet planners", "1965")
    assert "a month" in precision_problem("in December 1986 students", "1986-12-16")
    assert "1987" in precision_problem("By 1987 the sea", "1986")
    assert precision_problem("In 2005 Kazakhstan finished", "2005") == ""
    course = dated_course(tmp_path / "c", ("decade", "Soviet planners diverted the rivers", "1965",
                                           "In the 1960s Soviet planners diverted the rivers"),
                          ("fine", "Kazakhstan finished the dam", "2005", "In 2005 Kazakhstan finished the dam"))
    warnings = [p for p in check(course).warnings if p.code == "date-precision"]
    assert [p.fact for p in warnings] == ["decade"]
    assert "the quote says 'In the 1960s', a decade, but `when` says 1965" in warnings[0].message


@pytest.mark.parametrize(("value", "date"), [("812", "0812"), ("87-03", "0087-03"), ("0812", "0812"),
                                             ("1812", "1812"), ("812-02-30", None), ("0", None)])
def test_a_date_before_1000_may_be_written_with_fewer_digits(value, date):
    from pydantic import TypeAdapter, ValidationError

    from quizgen.schema import Date
    if date is None:
        with pytest.raises(ValidationError):
            TypeAdapter(Date).validate_python(value)
    else:
        assert TypeAdapter(Date).validate_python(value) == date


@pytest.mark.parametrize(("value", "years"), [("812-874", "0812-0874"), ("812-", "0812-"), ("930", "0930"),
                                              ("1924-1953", "1924-1953"), ("1924-53", None)])
def test_years_before_1000_may_be_written_with_fewer_digits(value, years):
    from pydantic import TypeAdapter, ValidationError

    from quizgen.schema import Years
    if years is None:
        with pytest.raises(ValidationError):
            TypeAdapter(Years).validate_python(value)
    else:
        assert TypeAdapter(Years).validate_python(value) == years


def test_a_year_before_1000_is_written_with_its_digits_and_asked_as_its_quote_gives_it(tmp_path):
    course = dated_course(tmp_path / "c",
                          ("founded", "monks founded the priory", "812", "Monks founded the priory c. 812"),
                          ("burned", "raiders burned the priory", "0874", "Raiders burned the priory in 874"),
                          ("rebuilt", "the abbot rebuilt the priory", "1002", "The abbot rebuilt the priory in 1002"))
    loaded, items, _ = items_of(course)
    assert loaded.units[0].facts[0].fields["when"] == "0812"  # padded as ISO text: ordered before 1002
    founded = items["founded/when"]
    assert founded.stem == "In about which year did monks found the priory?" and founded.answer == "812"
    assert founded.type == "mcq" and all(abs(int(o) - 812) >= 10 for o in founded.options if o != "812")
    burned = items["burned/when"]
    assert burned.stem == "In which year did raiders burn the priory?" and burned.answer == "874"
    assert all(re.fullmatch(r"8\d\d", o) for o in burned.options)  # shown as read, never "0874"
    assert not any("0874" in i.stem + " ".join(i.options) for i in items.values())
    codes = {(p.code, p.fact) for p in check(course).warnings}
    assert ("quote-lacks-answer", "founded") not in codes and ("quote-lacks-answer", "burned") not in codes
    assert not any(code == "date-precision" for code, _ in codes)


def test_a_timeline_orders_years_before_1000_by_their_value_and_shows_them_as_read(tmp_path):
    course = dated_course(tmp_path / "c",
                          ("founded", "monks founded the priory", "812", "Monks founded the priory in 812"),
                          ("walled", "the bishop walled the town", "95", "The bishop walled the town in 95"),
                          ("rebuilt", "the abbot rebuilt the priory", "1002", "The abbot rebuilt the priory in 1002"),
                          ("sold", "the crown sold the priory", "1536", "The crown sold the priory in 1536"))
    _, items, _ = items_of(course)
    [timeline] = [i for i in items.values() if i.type == "ordering"]
    assert [date for date, _ in timeline.sequence] == ["95", "812", "1002", "1536"]


# --- grammar from the words -------------------------------------------------------------------------------

def test_number_articles_and_tense_come_from_the_words(tmp_path):
    facts = (fact("officials", "person", name="local officials", role="the officials who ordered the crackdown")
             + fact("kolbin", "person", name="Gennadiy Kolbin", role="politician from Russia who replaced Kunayev")
             + fact("kazakh", "person", name="Dinmukhamed Kunayev", role="ethnic Kazakh who led the republic")
             + fact("us", "term", term="the United States", determiner="none", plural=False,
                    definition="the country whose labs Russia accused"))
    _, items, _ = items_of(tiny_course(tmp_path / "c", facts))
    assert items["officials/who-was"].stem == "Who were the officials who ordered the crackdown?"
    assert items["kolbin/who-was"].stem == ("Who, according to the article, was a politician from Russia who "
                                            "replaced Kunayev?")
    for items in every_seed(tiny_course(tmp_path / "c", facts)):
        for item in items.values():
            assert not re.search(r"\b(was|is) (politician|ethnic)\b", item.stem), item.stem
            assert not re.search(r"\b(officials|Soviet planners) (was|is)\b", item.stem), item.stem
    assert items["us/definition-true-false"].stem.startswith("The United States is ")  # the flag overrides


@pytest.mark.parametrize(("phrase", "head", "plural", "with_article"), [
    ("the officials who ordered the crackdown", "officials", True, "the officials who ordered the crackdown"),
    ("politician from Russia", "politician", False, "a politician from Russia"),
    ("ethnic Kazakh who led the republic", "Kazakh", False, "an ethnic Kazakh who led the republic"),
    ("President of Russia", "President", False, "the President of Russia"),
    ("the 9 May holiday marking the end of the war", "holiday", False, "the 9 May holiday marking the end of the war"),
    ("an act or event that is used to justify a war", "event", False, "an act or event that is used to justify a war"),
])
def test_head_number_and_article(phrase, head, plural, with_article):
    assert grammar.head_noun(phrase) == head
    assert grammar.is_plural_phrase(phrase) is plural
    assert grammar.noun_phrase(phrase) == with_article


def test_questions_fit_the_kind(tmp_path):
    facts = (WATER + term("donbas", "Donbas", "the eastern Ukrainian region where the war was fought street by street")
             + term("csto", "CSTO", "a Russian-led grouping of former Soviet states")
             + term("eaeu", "EAEU", "a Moscow-led union of former Soviet states with one customs border")
             + term("casus", "casus belli", "an act used to justify a war", determiner="a", category="concept"))
    _, items, _ = items_of(tiny_course(tmp_path / "c", facts))
    assert items["syr/which-term"].stem == "Which river feeds the northern sea?"
    assert items["donbas/which-term"].stem == ("What is the name of the eastern Ukrainian region where the war "
                                                "was fought street by street?")
    assert items["csto/which-term"].stem == "Which organisation is a Russian-led grouping of former Soviet states?"
    assert items["nauryz/which-term"].stem == "What is the spring holiday of the new year called?"
    assert items["casus/which-term"].stem == "Which term means an act used to justify a war?"
    assert items["town/definition-true-false"].stem.startswith("Aralsk is ")  # a bare name, as its quote has it
    assert not [i for i in items.values() if "Which term means" in i.stem and i.fact_ids[0] != "casus"]


# --- the deck: two-statement cards, and roles the article does not give ----------------------------------

def test_a_two_statement_card_asks_where_the_statements_differ():
    assert differing_span("Kazakhstan's large Russian minority could give Russia a pretext",
                          "Kazakhstan's small Russian minority could give Russia a pretext") == (
        "Kazakhstan's", "large", "small", "Russian minority could give Russia a pretext")
    assert differing_span("China has a Chinese minority, and Beijing looks on",
                          "China has a Chinese majority, and Beijing looks on") == (
        "China has a Chinese", "minority", "majority", ", and Beijing looks on")
    # Two points apart: the blank goes where one side negates, since the other point's false words ("doubted")
    # would be true with the truth's words after them
    assert differing_span("The surveyor argued that the marsh must be drained before any road is laid",
                          "The surveyor doubted that the marsh need not be drained before any road is laid") == (
        "The surveyor argued that the marsh", "must", "need not", "be drained before any road is laid")
    assert differing_span("The mayor had already begun to plan the canal, as the flood had shown",
                          "The mayor had not yet begun to plan the canal, though the flood had shown") == (
        "The mayor had", "already", "not yet", "begun to plan the canal, as the flood had shown")
    # Where the false version only drops words of the truth, one option would sit inside the other ("north and
    # east" / "north"): the two statements are offered whole
    assert differing_span("the old road ran north and east of the lake", "the old road ran north of the lake") == (
        "", "the old road ran north and east of the lake", "the old road ran north of the lake", "")
    assert differing_span("the bridge was never closed to carts", "the bridge was closed to carts") == (
        "", "the bridge was never closed to carts", "the bridge was closed to carts", "")
    course, items, _ = items_of(REPO_CONTENT)
    cards = [i for i in items.values() if i.template == "claim/which-statement"]
    fronts = [i.stem for i in cards]
    assert len(cards) >= 10 and len(set(fronts)) == len(fronts)
    for card in cards:
        assert "_____" in card.stem and len(card.options) == 2
        fact = next(f for f in course.facts if f.id == card.fact_ids[0])
        claim = " ".join(fact.fields["claim"].split())
        assert card.stem.replace("_____", card.answer).replace(" ,", ",").removeprefix(
            "According to the article, ").rstrip(".").casefold() == claim.casefold().rstrip(".")


def test_a_role_from_the_curators_context_is_labelled_as_context():
    _, items, _ = items_of(REPO_CONTENT)
    assert items["keosayan/who-was"].reverse[0].startswith("What role did Tigran Keosayan have? (Context:")
    # the article says more of Putin ("Vladimir Putin publicly spurned Kazakhstan"): no open role card at all
    assert items["putin-president/who-was"].reverse is None


# --- a whole course written without categories --------------------------------------------------------------

def test_the_aral_course_mixes_no_kinds_and_asks_dates_as_its_quotes_do():
    course, items, problems = items_of(ARAL)
    kinds = {}
    from quizgen.generate.wording import answer_kind
    for f in course.facts:
        if f.kind in ("term", "person"):
            kinds[f.fields.get("term") or f.fields.get("name")] = answer_kind(f)
    for item in items.values():
        if item.type == "mcq" and item.kind in ("term", "person"):
            assert len({kinds.get(o) for o in item.options}) == 1, (item.id, item.options)
    assert items["split/when"].type == "recall" and items["split/when"].stem.startswith("By which year had")
    assert items["diversion/when"].answer == "the 1960s"
    assert items["world-bank/which-term"].stem == "Which lender paid for most of the dam?"
    codes = {(p.fact, p.code) for p in problems.items}
    assert ("world-bank", "too-few-distractors") in codes and ("kok-aral", "too-few-distractors") in codes
    precision = {p.fact for p in check(ARAL).warnings if p.code == "date-precision"}
    assert precision == {"half-lost", "independence"}


REPO_CONTENT = COURSES.parent.parent / "content"


# --- round two: wording read from the definition and the role themselves -----------------------------------

def test_a_definition_that_is_a_name_is_asked_as_one_and_sets_the_number(tmp_path):
    facts = (term("aqua", "aquae", "the Latin word for the spring waters of the old town")
             + term("blues", "the Blues", "the nickname given to the harbour rowing club, after its colours")
             + term("mites", "dust mites", "the tiny arachnids that live in bedding and feed on skin")
             + term("valve", "check valve", "a device that lets water flow in one direction only")
             + term("tally", "tally", "the count of votes"))
    _, items, problems = items_of(tiny_course(tmp_path / "c", facts))
    assert items["aqua/which-term"].stem == "What is the Latin word for the spring waters of the old town?"
    assert items["aqua/definition-true-false"].stem.startswith("Aquae is the Latin word")  # a word is one thing
    assert items["blues/which-term"].stem.startswith("What is the nickname given to")
    assert items["mites/which-term"].stem == ("What name is given to the tiny arachnids that live in bedding and "
                                              "feed on skin?")
    assert items["valve/which-term"].stem == "Which device lets water flow in one direction only?"
    assert items["tally/which-term"].stem == "What is the count of votes called?"
    for item in items.values():
        assert not re.search(r"name of the \w+ (name|word|nickname)|names of|Which term means a device", item.stem)
    assert "number" not in {p.code for p in problems.warnings}


def test_a_role_led_by_a_capitalised_adjective_gets_its_article():
    assert grammar.noun_phrase("Welsh poet and teacher, known as the Bard of the Valley") == (
        "a Welsh poet and teacher, known as the Bard of the Valley")
    assert grammar.noun_phrase("Egyptian engineer who designed the canal locks") == (
        "an Egyptian engineer who designed the canal locks")
    assert grammar.noun_phrase("Anna Weber's elder sister") == "Anna Weber's elder sister"
    assert grammar.noun_phrase("Governor of Bengal") == "the Governor of Bengal"


def test_an_office_of_a_named_place_reads_with_its_article(tmp_path):
    # one holder of a named office: "the", most of all before a clause ("Who was Queen of Navarre to whom ...?")
    assert grammar.noun_phrase("Queen of Navarre to whom the poet gave his first songs") == (
        "the Queen of Navarre to whom the poet gave his first songs")
    assert grammar.noun_phrase("Lord Chancellor of Ireland from 1721") == "the Lord Chancellor of Ireland from 1721"
    assert grammar.noun_phrase("Abbot of the Isles, patron of the harpers") == (
        "the Abbot of the Isles, patron of the harpers")
    for kept in ("Margrave's physician", "Earl of Derby's steward", "Queens of Navarre", "Head of state",
                 "Harvard College tutor", "Bank of Scotland clerk who kept the ledgers"):
        assert not grammar.office_title(kept), kept
    assert grammar.noun_phrase("Orkney harper who played for the queen") == "an Orkney harper who played for the queen"
    facts = (fact("marguerite", "person", name="Marguerite of Angoulême",
                  role="Queen of Navarre to whom the poet gave his first songs")
             + fact("harper", "person", name="Ewan Rolfe", role="Orkney harper who played for the queen"))
    for items in every_seed(tiny_course(tmp_path / "c", facts)):
        asked = items["marguerite/who-was"]
        assert "the Queen of Navarre to whom" in (asked.written_stem or asked.stem), asked.stem
        for statement in (items["marguerite/role-true-false"], items["marguerite/role-true-false"].counterpart):
            if statement is not None and "Queen of Navarre" in statement.stem:
                assert "was the Queen of Navarre" in statement.stem, statement.stem


@pytest.mark.parametrize(("clause", "asked"), [
    ("the mayor opened the library, ran for parliament and helped build the harbour", None),
    ("a family of weavers living in the valley founded the first mill",
     "In which year did a family of weavers living in the valley found the first mill?"),
    ("a band of traders settled on the river built the fort", None),
    ("the bishop was exiled, and on his return he was made archbishop", None),
    ("the engineer showed that the bridge was unsafe",
     "In which year did the engineer show that the bridge was unsafe?"),
    ("the town built a wall and dug a moat", "In which year did the town build a wall and dig a moat?"),
    ("the guild elected a new master, chosen by lot",
     "In which year did the guild elect a new master, chosen by lot?"),
    # a participle set off by commas after the subject describes it; the clause's verb comes after it
    ("the old ferry, painted by Turner, sank", "In which year did the old ferry, painted by Turner, sink?"),
    ("the chapel, rebuilt after the fire, was consecrated",
     "In which year was the chapel, rebuilt after the fire, consecrated?"),
    # a verb inside a clause opened by "what", "how" or "why" belongs to that clause, not to the event
    ("a storm flooded the harbour, in what was later called the Great Surge",
     "In which year did a storm flood the harbour, in what was later called the Great Surge?"),
    ("the council changed how the tolls were collected",
     "In which year did the council change how the tolls were collected?"),
    # a verb with a subject of its own right after a noun says which thing ("the bell Tennyson later rang")
    ("the old bell cracked in the frost, taking with it the peal Tennyson later wrote about",
     "In which year did the old bell crack in the frost, taking with it the peal Tennyson later wrote about?"),
    ("the barge sank with the grain they grew", "In which year did the barge sink with the grain they grew?"),
    # what a reporting verb reports is a clause of its own, with or without "that"
    ("the abbot wrote the bridge was unsafe", "In which year did the abbot write the bridge was unsafe?"),
    ("the printers settled in Lyon printed the first atlas", None),
])
def test_a_clause_with_a_second_verb_is_not_turned_into_a_question(clause, asked):
    assert grammar.ask_clause("In which year", clause) == asked


def test_an_event_with_coordinated_verbs_is_stated_then_asked(tmp_path):
    facts = fact("moved", "event", what="the printer moved to Leiden, opened a shop and published a psalter",
                 when="1602")
    _, items, _ = items_of(tiny_course(tmp_path / "c", facts))
    assert items["moved/when"].stem == ("The printer moved to Leiden, opened a shop and published a psalter. "
                                        "In which year?")


# --- round two: people offered only beside people of their role's family, dates the quote gives never wrong ---

FAMILY = (fact("hero", "person", name="Tomas Ravel Orr", role="Irish poet and playwright, known as the Voice of Kerry")
          + fact("dad", "person", name="Colm Ravel Orr", role="Tomas Ravel Orr's father, a village schoolmaster")
          + fact("bro", "person", name="Padraig Brennan", role="Tomas Ravel Orr's elder brother, a fisherman")
          + fact("cop", "person", name="Edward Haines", role="the police inspector who raided the print shop")
          + fact("clerk", "person", name="Walter Finch", role="the magistrate who signed the warrant")
          + fact("novel", "person", name="Maeve Tierney", role="the novelist who published his first plays")
          + fact("critic", "person", name="Hugh Dallan", role="the critic who praised his verse in Dublin")
          + fact("says", "claim", speaker="the printers", claim="the raid had ruined the shop")
          + fact("says2", "claim", speaker="Edward Haines", claim="the pamphlets were seditious"))


def test_people_are_offered_only_beside_people_of_the_same_role_family(tmp_path):
    course_dir = tiny_course(tmp_path / "c", FAMILY)
    for items in every_seed(course_dir):
        cop = items["cop/who-was"]
        if cop.options:
            assert set(cop.options) <= {"Edward Haines", "Walter Finch"}, cop.options
        for fid in ("hero", "novel", "critic"):
            for option in items[f"{fid}/who-was"].options:
                assert option not in ("Edward Haines", "Walter Finch", "Colm Ravel Orr"), (fid, option)
        dad = items["dad/who-was"]
        assert "Maeve Tierney" not in dad.options and "Edward Haines" not in dad.options
        assert "the printers" not in items["says2/who-said"].options  # a group is not offered among persons
    codes = {(p.fact, p.code) for p in items_of(course_dir)[2].items}
    assert ("dad", "too-few-distractors") in codes  # one other relative only: written, and lint says why


RULERS = (fact("emir", "person", name="Yusuf ibn Tashfin", role="the emir who built the walls of the river city")
          + fact("sultan", "person", name="Rukn Shah", role="the sultan who ruled from the northern fort")
          + fact("shah", "person", name="Abbas Mirza", role="the crown prince who led the army north")
          + fact("vizier", "person", name="Nizam Tusi", role="the vizier who founded the colleges")
          + fact("poet", "person", name="Lina Hasani", role="the poet who praised the emir's walls")
          + fact("pupil", "person", name="Omar Saidi", role="a pupil from the river city")
          + fact("printer", "person", name="Jakob Hartmann", role="the printer of the chronicle")
          + fact("mayor", "person", name="Karim Dabbagh", role="the mayor who paved the market"))


def test_a_ruler_is_offered_only_beside_rulers(tmp_path):
    from quizgen.kinds import role_families
    assert role_families("the Fatimid caliph who invited the astronomer") == {"ruler"}
    assert role_families("the president who signed the decree") == {"politics"}
    rulers = {"Yusuf ibn Tashfin", "Rukn Shah", "Abbas Mirza", "Nizam Tusi"}
    for items in every_seed(tiny_course(tmp_path / "c", RULERS)):
        for fid in ("emir", "sultan", "shah", "vizier"):
            assert set(items[f"{fid}/who-was"].options) <= rulers, (fid, items[f"{fid}/who-was"].options)
        for fid in ("poet", "mayor"):
            assert not set(items[f"{fid}/who-was"].options) & rulers, (fid, items[f"{fid}/who-was"].options)
        # the other way round too: a ruler's role is no false role for a printer, nor a printer's for a ruler
        for fid in ("emir", "sultan", "shah", "vizier", "poet", "pupil", "printer", "mayor"):
            statement = items[f"{fid}/role-true-false"]
            for version in (statement, statement.counterpart):
                if version is not None:
                    role = version.stem.split(" was ", 1)[1]
                    assert ("ruler" in role_families(role)) == (fid in ("emir", "sultan", "shah", "vizier")), role


def test_a_speaker_that_is_a_body_is_never_offered_among_people(tmp_path):
    from quizgen.kinds import ORGANISATION, PEOPLE, PERSON, speaker_kind

    assert [speaker_kind(s) for s in ("The Kerry Herald", "the RTE", "NATO", "the printers", "Edward Haines")] == \
        [ORGANISATION, ORGANISATION, ORGANISATION, PEOPLE, PERSON]
    facts = FAMILY + fact("herald", "claim", speaker="The Kerry Herald", claim="the plays were a scandal") \
        + fact("rte", "claim", speaker="RTE", claim="his verse was the finest of the decade")
    for items in every_seed(tiny_course(tmp_path / "c", facts)):
        for item in items.values():
            if item.template == "person/who-was":
                assert not {"The Kerry Herald", "RTE"} & set(item.options), item.options


def test_a_name_sharing_two_parts_with_the_question_is_not_offered(tmp_path):
    _, items, _ = items_of(tiny_course(tmp_path / "c", FAMILY))
    from quizgen.generate.distractors import names_in
    assert names_in("Tomas Ravel Orr", "Who was Ravel Orr's elder brother?", person=True)
    assert not names_in("Padraig Brennan", "Who was Ravel Orr's elder brother?", person=True)
    assert not names_in("Sir Hugh Dallan", "Sir Walter said so", person=True)  # a title is no part of the name
    for item in items.values():
        if item.template == "person/who-was" and "Ravel Orr" in item.stem:
            assert "Tomas Ravel Orr" not in item.options[:0] + tuple(o for o in item.options if o != item.answer)


def test_a_year_the_quote_gives_is_never_a_wrong_option(tmp_path):
    facts = (fact("fair", "event", what="the town opened its first horse fair", when="1871")
             + fact("mill", "event", what="the mill burned down", when="1873")
             + fact("rail", "event", what="the railway reached the town", when="1870"))
    facts = facts.replace('quote: "The quote is here"', 'quote: "In 1871 and again in 1872 the town opened a fair"', 1)
    course_dir = tiny_course(tmp_path / "c", facts)
    source = course_dir / "unit" / "source.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "The quote is here", "In 1871 and again in 1872 the town opened a fair. The quote is here"), encoding="utf-8")
    for items in every_seed(course_dir):
        fair = items["fair/when"]
        assert fair.type == "mcq" and "1872" not in fair.options, fair.options
    from quizgen.generate.distractors import mentioned_dates
    assert {"1872", "may 1907", "3 june 1907", "1907"} <= mentioned_dates("in 1872, in May 1907, on 3 June 1907")


# --- round two: causes and effects ------------------------------------------------------------------------

def test_effects_of_one_units_causes_are_each_others_options(tmp_path):
    # The other effects of one unit's causes are offered beside the key: only the key among them fits, where no two
    # share a word (two effects in like words may be one said twice). Across units, only effects whose causes share
    # what they are about.
    quotes = ("Frost splits the rock of the cliffs.", "Heavy rain floods the valley roads.",
              "Drought dries the wells of the plain.", "Winter frost kills the young vines.")
    facts = (quoted("frost", "cause_effect", quotes[0], cause="the hard frost in the chalk cliffs above the bay",
                    effect="the splitting of rock")
             + quoted("rain", "cause_effect", quotes[1], cause="heavy rain", effect="flooded valley roads")
             + quoted("drought", "cause_effect", quotes[2], cause="a long drought", effect="dry wells on the plain")
             + quoted("vines", "cause_effect", quotes[3], cause="winter frost", effect="dead young vines on the rock"))
    course_dir = with_source(tiny_course(tmp_path / "c", facts), *quotes)
    for items in every_seed(course_dir):
        options = items["frost/effect-of"].options
        assert items["frost/effect-of"].type == "mcq"
        assert set(options) <= {"the splitting of rock", "flooded valley roads", "dry wells on the plain"}, options


def test_what_holds_at_any_time_is_asked_in_the_present(tmp_path):
    quotes = ("Salt water freezes at a lower temperature than fresh water.",
              "The strike closed the port for a month.")
    facts = (quoted("salt", "cause_effect", quotes[0], cause="salt dissolved in the cold sea water of the northern bay",
                    effect="a lower freezing point")
             + quoted("strike", "cause_effect", quotes[1], cause="the dockers' strike",
                      effect="a closed port and ships held at anchor for a month"))
    _, items, _ = items_of(with_source(tiny_course(tmp_path / "c", facts), *quotes))
    assert items["salt/effect-of"].stem == ("According to the article, what is a consequence of salt being dissolved "
                                            "in the cold sea water of the northern bay?")
    assert items["strike/cause-of"].stem == ("According to the article, what led to a closed port and ships held at "
                                             "anchor for a month?")


# --- round two: a question that names its own answer is asked the other way -------------------------------

def test_a_term_its_definition_names_is_not_asked_by_it(tmp_path):
    facts = (term("hall", "Tanner Hall", "the guild house built for the tanners of the lower town")
             + term("mark", "Lion Mark", "the stamp of a lion pressed into every bale")
             + term("quay", "salt quay", "the landing where barges unloaded sea salt")
             + term("bell", "curfew bell", "the bell rung at nine to close the gates")
             + term("gate", "water gate", "the arch through which boats entered the walled town"))
    _, items, problems = items_of(tiny_course(tmp_path / "c", facts))
    for fid in ("hall", "mark", "quay", "bell"):  # "tanners" gives "Tanner Hall" ...: not asked by its definition
        assert f"{fid}/which-term" not in items and f"{fid}/definition-true-false" in items
    assert items["gate/which-term"].sheets  # no word of it in its question: asked as usual
    said = {p.fact: p.message for p in problems.items if p.code == "answer-in-stem" and p.level == "note"}
    assert set(said) == {"hall", "mark", "quay", "bell"}
    assert "'Tanner' ('tanners')" in said["hall"] and "not asked" in said["hall"]


def test_a_two_statement_card_is_not_given_away_by_its_answer_shown_elsewhere(tmp_path):
    facts = (fact("norway", "claim", speaker="the article", claim="Norway has fished these banks for centuries",
                  distortion="Iceland has fished these banks for centuries")
             + fact("quota", "claim", speaker="the article",
                    claim="Norway and Scotland will both cut their quotas next year, despite the protests",
                    distortion="Norway and Scotland will both cut their quotas next year, after ending the protests"))
    _, items, _ = items_of(tiny_course(tmp_path / "c", facts))
    card = items["norway/which-statement"]
    assert card.answer == "Norway" and ("Norway has",) in card.cue and ("Norway",) not in card.cue


@pytest.mark.parametrize("opening", ["according to tradition,", "legend has it that", "it is said that",
                                     "reportedly,", "as the story goes,"])
def test_a_statement_that_names_its_own_source_gets_no_second_attribution(tmp_path, opening):
    facts = (fact("hermit", "claim", speaker="the article",
                  claim=f"{opening} the hermit rowed out to the lighthouse every winter",
                  distortion=f"{opening} the hermit swam out to the lighthouse every winter")
             + fact("keeper", "claim", speaker="the article", claim="the keeper lit the lamp with whale oil",
                    distortion="the keeper lit the lamp with olive oil"))
    for items in every_seed(tiny_course(tmp_path / "c", facts)):
        statement = items["hermit/claim-true-false"].stem
        assert statement.startswith(opening[:1].upper() + opening[1:]) and "the article" not in statement
        card = items["hermit/which-statement"].stem
        assert card.startswith(opening[:1].upper() + opening[1:]) and "the article" not in card
        assert items["keeper/claim-true-false"].stem.startswith("According to the article, the keeper lit")
        assert items["keeper/which-statement"].stem.startswith("According to the article, the keeper lit")


# --- round two: fact or opinion by the claim's own words, and the verb it was reported with -----------------

@pytest.mark.parametrize(("claim", "label"), [
    ("the new harbour will bring trade back to the town", True),  # a prediction
    ("the mayor was a tireless and generous man", True),  # "generous": a judgement of value
    ("the canal was the best investment the province ever made", True),
    ("the mayor opened the canal to barges", False),  # something that can be checked
    ("the guild admitted its first women members", False),
    ("the canal carried 40,000 tonnes in its best year", None),  # a figure and a judgement: left out
    ("a triumph of engineering", None),  # no verb, no judgement word: unclear, left out
    ("the town's trade is slowly declining", None),  # what "is" so may be an interpretation: left out
    ("the council feared losing its charter", None),  # what someone feared: the article's reading, left out
    ("the new bridge reflected the town's growing pride", None),
])
def test_the_articles_own_claim_is_labelled_by_its_words(claim, label):
    from quizgen.schema import ClaimFact
    assert ClaimFact.is_opinion({"speaker": "the article", "claim": claim}) is label
    assert ClaimFact.is_opinion({"speaker": "the article", "claim": claim, "label": "fact"}) is False  # curated
    assert ClaimFact.is_opinion({"speaker": "Ida Marsh", "claim": claim}) is False  # the fact that she said it


def test_a_claim_keeps_the_verb_its_quote_reports_it_with(tmp_path):
    quotes = ("The surveyors believed that the marsh could be drained.", "The quote is here")
    facts = (quoted("marsh", "claim", quotes[0], speaker="the surveyors", claim="the marsh could be drained")
             + fact("dyke", "claim", speaker="the engineers", claim="the dyke would hold"))
    _, items, _ = items_of(with_source(tiny_course(tmp_path / "c", facts), quotes[0]))
    assert items["marsh/who-said"].stem.startswith("According to the article, who believed that the marsh")
    assert " said that the dyke would hold" in items["dyke/speaker-true-false"].stem  # no verb quoted: "said"
    from quizgen.schema import ClaimFact
    assert ClaimFact.as_statement({"speaker": "the surveyors", "claim": "the marsh could be drained"},
                                  quote=quotes[0]) == "The surveyors believed that the marsh could be drained."


# --- round two: lint says when the quote does not give the answer -----------------------------------------

def test_an_answer_its_quote_does_not_give_is_reported(tmp_path):
    quotes = ("The bridge was finished in 1871 by the county.", "Its span is 40 metres.",
              "The county built it of local stone.")
    facts = (quoted("opened", "event", quotes[0], what="the bridge opened to carts", when="1874")
             + quoted("built", "event", quotes[0], what="the county finished the bridge", when="1871")
             + quoted("span", "background", quotes[1], period="the 1870s", statement="Its span is [[45 metres]].")
             + quoted("stone", "background", quotes[2], period="the 1870s",
                      statement="The bridge is built of [[local granite]].")
             + quoted("county", "term", quotes[2], term="Lowther Trust", abbreviation="LT",
                      definition="the body that paid for the bridge"))
    course_dir = with_source(tiny_course(tmp_path / "c", facts), *quotes)
    found = [p for p in check(course_dir).warnings if p.code == "quote-lacks-answer"]
    lacking = {p.fact: p.message for p in found}
    assert set(lacking) == {"opened", "span", "stone"}  # a term's name is often not in a quote describing it
    assert "lacks '1874'" in lacking["opened"] and "lacks '45'" in lacking["span"]
    assert "'granite'" in lacking["stone"] and "'local'" not in lacking["stone"]
    with_context = facts.replace('when: "1874"', 'when: "1874"\n    context: "The county records give 1874."')
    course_dir = with_source(tiny_course(tmp_path / "d", with_context), *quotes)
    assert "opened" not in {p.fact for p in check(course_dir).warnings if p.code == "quote-lacks-answer"}


def test_a_retired_cloze_note_reads_as_a_notice_not_a_question():
    from quizgen.targets.anki.notes import REMOVAL_STEP, retired_fields, retirement_notice
    notice = retirement_notice("2026-03-01", next(iter(__import__("quizgen.targets.anki.notes",
                                                                  fromlist=["REASONS"]).REASONS)))
    fields = retired_fields("cloze", notice, reverse=False)
    front = re.sub(r"\{\{c1::[^}]*::([^}]*)\}\}", r"[\1]", fields["Text"])
    assert front.endswith("[how to remove it]") and "what to do" not in fields["Text"]
    assert "You may delete this card." in fields["Text"] and REMOVAL_STEP.split(":")[0] in fields["Explanation"]


def test_an_indefinite_definition_with_a_relative_clause_asks_which(tmp_path):
    facts = (term("orme", "Orme", "a river that drains the western fens")
             + term("sedge", "Sedge", "a river that drains the eastern fens")
             + term("lode", "Lode", "a river that the monks dug by hand"))
    _, items, _ = items_of(tiny_course(tmp_path / "c", facts))
    assert items["orme/which-term"].stem == "Which river drains the western fens?"
    assert items["lode/which-term"].stem == "What is a river that the monks dug by hand called?"  # no verb next


def test_a_proper_name_is_asked_by_its_head_noun_not_as_a_term_that_means(tmp_path):
    from quizgen.kinds import is_proper_name, term_kind

    # buildings and a works whose definitions' heads end like ideas ("-ation", "-ing"), an organisation, a place,
    # and a concept in lower case and one in capitals
    facts = (term("wharf-station", "Rennick Wharf", "a tram station beside the old canal basin")
             + term("hall", "Moorgate Exchange", "a brick hall near the cattle market, listed in 1972")
             + term("yard", "Calder Works", "a building in the east of the town where barges were mended")
             + term("guild", "Weavers' Guild", "an association of cloth makers founded in 1410")
             + term("moor", "Haddon Moor", "an upland of heather and peat on the county border")
             + term("levy", "tithe", "the practice of paying a tenth of a harvest to the church")
             + term("enclosing", "Enclosure", "the fencing of common land into private fields"))
    _, items, _ = items_of(tiny_course(tmp_path / "c", facts))
    stems = {i.fact_ids[0]: i.stem for i in items.values() if i.template == "term/which-term"}
    assert stems["wharf-station"] == "Which tram station is beside the old canal basin?"
    # the participle after the comma describes the hall: "Which brick hall is near ..., listed in 1972?" dangles
    assert stems["hall"] == "What is the name of the brick hall near the cattle market, listed in 1972?"
    assert stems["yard"].startswith("What ") and "Which term" not in stems["yard"]  # a clause: asked for its name
    assert not any(s.startswith("Which term means") for f, s in stems.items() if f in ("guild", "moor"))
    assert stems["levy"] == "Which term means the practice of paying a tenth of a harvest to the church?"
    assert stems["enclosing"].startswith("Which term means the fencing of")  # an act: an idea, capitals or not
    assert term_kind("Rennick Wharf", "a tram station beside the old canal basin") == "station"
    assert term_kind("Calder Works", "a building in the east of the town") == "building"
    assert term_kind("Calder Works", "the building of a new canal in the east") == "concept"
    assert is_proper_name("Palace of Westminster") and is_proper_name("Leonardo da Vinci")
    assert not is_proper_name("pumping station") and not is_proper_name("DNA")


KEEPERS = (fact("tomas", "person", name="Tomas Varga",
                role="the engineer who kept the north light for his sister Ilona Varga")
           + fact("lund", "person", name="Peter Lund", role="the engineer who kept the south light")
           + fact("brandt", "person", name="Karl Brandt", role="the engineer who kept the east light")
           + fact("okafor", "person", name="Ada Okafor", role="the engineer who kept the west light"))


def test_a_question_naming_the_keys_family_is_no_choice_unless_a_wrong_option_shares_the_name(tmp_path):
    _, items, problems = items_of(tiny_course(tmp_path / "c", KEEPERS))
    asked = items["tomas/who-was"]
    assert "Varga" in asked.stem and asked.type == "recall"
    [warning] = [p for p in problems.items if p.code == "name-cue"]
    assert warning.item == "tomas/who-was" and "'Varga'" in warning.message and warning.level == "note"
    assert all(i.type == "mcq" for k, i in items.items() if k.endswith("/who-was") and k != "tomas/who-was")
    # a wrong option of the same family hides the name: the choice stays
    north = '    role: "the engineer who kept the north'
    shared = KEEPERS.replace(north, '    distractors: ["Marta Varga", "Peter Lund"]\n' + north)
    _, items, problems = items_of(tiny_course(tmp_path / "d", shared))
    assert items["tomas/who-was"].type == "mcq" and "Marta Varga" in items["tomas/who-was"].options
    assert not [p for p in problems.items if p.code == "name-cue"]


def test_name_cue_counts_whole_capitalised_parts_only():
    from quizgen.generate.distractors import name_cue

    stem = "Who was Lajos Dorn's partner at the mill?"
    assert name_cue("Eva Dorn", stem, ["Eva Dorn", "Ida Kiss", "Rosa Mayer"]) == "Dorn"
    assert name_cue("Eva Dorn", stem, ["Eva Dorn", "Ida Dorn", "Rosa Mayer"]) == ""
    assert name_cue("Eva Dornan", stem, ["Eva Dornan", "Ida Kiss"]) == ""  # not the same word
    assert name_cue("Sir Eva Mill", stem, ["Sir Eva Mill", "Ida Kiss"]) == ""  # "mill" in lower case is no name


def test_an_article_before_a_blank_does_not_tell_whether_the_answer_starts_with_a_vowel(tmp_path):
    assert grammar.article_before_blank("The charter was signed by an ") == "The charter was signed by a(n) "
    assert grammar.article_before_blank("A ") == "A(n) "
    assert grammar.article_before_blank("It was a banana ") == "It was a banana "  # not the last word
    assert grammar.article_before_blank("The plan of Ian ") == "The plan of Ian "
    facts = (fact("seal", "background", period="the 1790s",
                  statement="The charter was sealed by an [[abbot]] of the valley.")
             + fact("toll", "background", period="the 1790s", statement="A [[toll]] was paid at the bridge."))
    _, items, _ = items_of(tiny_course(tmp_path / "c", facts))
    assert items["seal/fill-blank"].cloze[0] == "The charter was sealed by a(n) "
    assert items["toll/fill-blank"].cloze[0] == "A(n) "


def test_a_person_of_no_known_role_family_is_not_offered_for_a_role_of_a_known_one(tmp_path):
    facts = (fact("astro", "person", name="Ansgar Holm", role="the astronomer who charted the southern comets")
             + fact("chem", "person", name="Brita Lund", role="the chemist who isolated the pale salt")
             + fact("geo", "person", name="Carl Aske", role="the geologist who mapped the northern fells")
             + fact("binder", "person", name="Dag Rolf", role="the bookbinder who bound the star atlas")
             + fact("pupil", "person", name="Eir Sand", role="a pupil who copied the tables by hand"))
    for items in every_seed(tiny_course(tmp_path / "c", facts)):
        for fid in ("astro", "chem", "geo"):
            assert not {"Dag Rolf", "Eir Sand"} & set(items[f"{fid}/who-was"].options), items[f"{fid}/who-was"]
        assert items["astro/who-was"].options  # two other scientists: still a choice


# --- a matching row that matches itself -------------------------------------------------------------------

def test_a_matching_row_whose_name_its_description_names_stays_out_of_the_list(tmp_path):
    facts = (fact("hornblower", "person", name="Anna Hornblower",
                  role="the harbour master whose family gave Hornblower Bridge its name")
             + fact("quay", "person", name="Oskar Lind", role="the merchant who loaded fleeces for Flanders")
             + fact("yard", "person", name="Marta Wiik", role="the ropemaker who twisted hemp into cables")
             + fact("gate", "person", name="Jens Aalto", role="the carter who hauled stone to the harbour")
             + fact("cellar", "person", name="Rosa Berg", role="the fishwife who kept the catch cold in summer")
             + fact("tower", "person", name="Paul Niemi", role="the lookout who flagged ships approaching the bar"))
    for items in every_seed(tiny_course(tmp_path / "c", facts)):
        matching = next(i for i in items.values() if i.type == "matching")
        assert "hornblower" not in matching.fact_ids, matching.pairs  # "Hornblower" beside "Anna Hornblower"
        assert "Anna Hornblower" not in [n for _, n in matching.pairs]
    assert not [p for p in check(tiny_course(tmp_path / "d", facts)).warnings if p.code == "matching-cue"]


def test_a_two_statement_card_whose_parts_differ_in_length_is_not_asked(tmp_path):
    # the truth's part runs to 14 words, the false version's to 5: a learner would pick the longer one
    long_truth = fact("ferry", "claim", speaker="the article",
                      claim="The harbour master worked through every storm to keep the lamps lit and the channel "
                            "marked for the boats",
                      distortion="The harbour master rarely left his house")
    alike = fact("mill", "claim", speaker="the article", claim="The old mill ground oats for the whole valley",
                 distortion="The old mill ground barley for the whole valley")
    course_dir = tiny_course(tmp_path / "c", long_truth + alike)
    _, items, problems = items_of(course_dir)
    assert "ferry/which-statement" not in items and "mill/which-statement" in items
    [note] = [p for p in problems.items if p.item == "ferry/which-statement"]
    assert (note.code, note.level) == ("key-longer", "note") and "not asked" in note.message
    assert any(i.fact_ids == ("ferry",) for i in items.values())  # the fact is still asked, another way
    assert "key-longer" not in {p.code for p in check(course_dir).warnings}


def test_a_last_events_year_is_not_always_the_latest_option(tmp_path):
    # Wrong years drawn only from the course's other dates would all come before a death: "D" every time.
    life = (fact("born", "event", what="the engraver Ilse Marr was born in Rostock", when="1790")
            + fact("school", "event", what="Ilse Marr entered the drawing school at Kassel", when="1805")
            + fact("atlas", "event", what="Ilse Marr finished the plates of the coastal atlas", when="1822")
            + fact("medal", "event", what="the Hanseatic guild gave Ilse Marr its silver medal", when="1831")
            + fact("blind", "event", what="Ilse Marr stopped engraving when her sight failed", when="1840")
            + fact("died", "event", what="Ilse Marr died in her workshop in Lubeck", when="1846"))
    course_dir = tiny_course(tmp_path / "c", life)
    places = set()
    for seed in [f"s{k}" for k in range(12)]:
        item = items_of(course_dir, seed)[1]["died/when"]
        assert item.type == "mcq" and len(item.options) == 4
        years = sorted(int(o) for o in item.options)
        assert all(1 <= y <= 2025 for y in years) and len(set(years)) == 4
        places.add(years.index(1846))  # options are listed in order: the key's place is its rank
    assert len(places) >= 3, places


def test_a_year_the_curators_note_gives_is_no_wrong_option(tmp_path):
    dated = "".join(fact(f"e{y}", "event", what=f"the {k}th guild charter of the river port was sealed", when=str(y))
                    for k, y in enumerate((1676, 1679, 1680, 1684, 1686, 1687), start=2))
    book = fact("op1", "event", what="the printer issued the first book of trio sonatas", when="1683",
                note="Later research dates the first edition to 1681.")
    for seed in [f"s{k}" for k in range(8)]:
        item = items_of(tiny_course(tmp_path / f"c{seed}", dated + book), seed)[1]["op1/when"]
        assert "1681" not in item.options, item.options


def test_no_matching_description_names_another_rows_answer_or_a_spare(tmp_path):
    people = (fact("vane", "person", name="Clara Vane", role="the organist who taught at the cathedral school")
              + fact("holt", "person", name="Jonas Holt", role="the organist who came between Vane and Marek")
              + fact("marek", "person", name="Pavel Marek", role="the organist who rebuilt the great organ")
              + fact("ostby", "person", name="Ida Ostby", role="the organist who wrote the first hymnal")
              + fact("lund", "person", name="Erik Lund", role="the organist who founded the choir guild")
              + fact("sand", "person", name="Mira Sand", role="the organist who played at the coronation"))
    from quizgen.cues import contains_phrase, padded

    for items in every_seed(tiny_course(tmp_path / "c", people)):
        matching = items["unit/matching-people"]
        names = [n for _, n in matching.pairs] + list(matching.extras)
        for description, name in matching.pairs:
            for other in names:
                if other != name:
                    assert not contains_phrase(padded(description), other.split()[-1]), (description, other)
        assert matching.extras  # the last match is never free
    report = check(tiny_course(tmp_path / "d", people))
    assert "matching-names-answer" not in {p.code for p in report.warnings}


def test_a_curators_correction_goes_with_the_list_questions_that_ask_its_fact(tmp_path):
    events = "".join(fact(f"e{k}", "event", what=f"the {word} lock of the canal opened", when=str(1820 + 7 * k))
                     for k, word in enumerate(("first", "second", "third", "fourth", "fifth")))
    events = events.replace('  - id: e2\n', '  - id: e2\n    note: "Later surveys date the opening to 1833."\n')
    items = items_of(tiny_course(tmp_path / "c", events))[1]
    timeline = next(i for i in items.values() if i.type == "ordering")
    assert "e2" in timeline.fact_ids
    assert timeline.note == "1834: Later surveys date the opening to 1833."
    assert items["e2/when"].note == "Later surveys date the opening to 1833."


def test_a_two_statement_blank_never_reads_against_the_words_around_it(tmp_path):
    # the false version swaps two words: blanking the first point alone would print "built of oak rather than of oak"
    swapped = fact("hull", "claim", speaker="the article",
                   claim="the first boats of the fjord were built of pine rather than of oak",
                   distortion="the first boats of the fjord were built of oak rather than of pine")
    # a word the false version only repeats is no swap: the blank stays at the first point
    repeated = fact("ferry", "claim", speaker="the article",
                    claim="the town was so attached to the ferry that it was the last to give it up",
                    distortion="the town was so eager to give up the ferry that it was the first to give it up")
    items = items_of(tiny_course(tmp_path / "c", swapped + repeated))[1]
    card = items["hull/which-statement"]
    wrong = next(o for k, o in enumerate(card.options) if k != card.correct)
    assert card.stem.endswith("the first boats of the fjord were built of _____."), card.stem
    assert wrong == "oak rather than of pine"
    assert "that it was the last to give it up" in items["ferry/which-statement"].stem


def test_a_role_that_ranks_its_person_is_asked_as_the_sources_judgement(tmp_path):
    people = (fact("ruth", "person", name="Ruth Alder", role="the first surveyor to chart the eastern marsh")
              + fact("ivo", "person", name="Ivo Brandt", role="a surveyor who drained the lower fields")
              + fact("lena", "person", name="Lena Corr", role="a surveyor who mapped the dunes in 1880")
              + fact("otto", "person", name="Otto Dahl", role="a first-rate surveyor of the northern dykes"))
    items = items_of(tiny_course(tmp_path / "c", people))[1]
    assert items["ruth/who-was"].stem.startswith("Who, according to the article, was the first surveyor")
    assert items["ruth/role-true-false"].stem.startswith("According to the article, Ruth Alder was the first")
    for plain in ("ivo", "lena", "otto"):  # no ranking, or only a word that looks like one
        assert "according" not in items[f"{plain}/who-was"].stem.lower()


@pytest.mark.parametrize(("phrase", "head"), [
    ("a soft stone dug out of old quarries", "stone"),  # a participle with its particle: "dug out of"
    ("a vessel out of which the steam escapes", "vessel"),
    ("a pale, waxy fuel pressed from palm nuts", "fuel"),  # adjectives in a row before their noun
    ("a tall, thin, brittle reed", "reed"),
    ("the governor, Ivanov, who signed it", "governor"),  # a comma before a name still ends the phrase
    ("the port, which the navy used", "port"),
    ("a blend of tin and lead", "blend"),
])
def test_the_head_noun_skips_particles_listed_adjectives_and_nouns_of_sort(phrase, head):
    assert grammar.head_noun(phrase) == head


# --- a question names its source once ------------------------------------------------------------------

def test_a_question_names_its_source_once_and_asks_why_a_view_is_held(tmp_path):
    facts = (fact("wool", "cause_effect", cause="the collapse of the wool price in the spring",
                  effect="the article's judgement that the valley's farms could not survive")
             + fact("bridge", "cause_effect", cause="the cracks found in the piers",
                    effect="the inspector's conclusion that the old bridge at Ferne was unsafe")
             + fact("mill", "cause_effect", cause="the article's account of the flood",
                    effect="the closing of the fulling mill")
             + fact("weaver", "person", name="Agnes Dunlop", role="the greatest weaver in the article's telling")
             + fact("dyer", "person", name="Rob Kerr", role="the first dyer to use madder in the valley"))
    course_dir = tiny_course(tmp_path / "c", facts)
    _, items, _ = items_of(course_dir)
    assert items["wool/cause-of"].stem == "Why does the article judge that the valley's farms could not survive?"
    assert re.fullmatch(r"According to the article, why (does|did) the inspector conclude that the old bridge at "
                        r"Ferne was unsafe\?", items["bridge/cause-of"].stem), items["bridge/cause-of"].stem
    assert items["mill/effect-of"].stem.startswith("What ")
    assert items["dyer/who-was"].stem.startswith("Who, according to the article, ")  # its ranking stays the source's
    for items in every_seed(course_dir):
        for item in items.values():
            for text in (item.stem, item.written_stem, item.counterpart.stem if item.counterpart else ""):
                assert len(re.findall(r"\bthe article\b", text, re.I)) <= 1, text


@pytest.mark.parametrize(("answer", "parts"), [
    ("lifting a warm, dry stone out of the stream", 1),  # commas between adjectives list nothing
    ("a long, low, narrow boat or a raft", 1),
    ("salt, flour and lard", 3),
    ("a heavy, wet fog, drizzle and sleet", 3),
    ("green, gold and black", 3),
])
def test_commas_between_adjectives_list_nothing(answer, parts):
    from quizgen.answers import enumeration_parts

    assert enumeration_parts(answer) == parts


def test_a_term_the_text_introduces_with_a_or_an_is_stated_so():
    from quizgen.generate.wording import determiner

    assert determiner("rush light", "a rush light, which the cottagers made") == "a"
    assert determiner("oil lamp", "an oil lamp hung by the door") == "an"
    assert determiner("hour candle", "an hour candle marked the watches") == "an"
    assert determiner("Syr Darya", "the Syr Darya feeds it") == "the"
    assert determiner("Aralsk", "Aralsk, a fishing town") == "none"
    # a name its quote opens with, bare, takes no article; a common noun of several words not written with "the"
    # is one of a kind
    assert determiner("Lambeth Wells", "Lambeth Wells in Surrey drew the crowds") == "none"
    assert determiner("drying kiln", "drying kilns were built along the quay") == "a"
    assert determiner("salt pans", "salt pans lined the shore") == "none"  # many, not one of a kind
    assert determiner("Lambeth Wells", "the Lambeth Wells drew the crowds") == "the"


def test_a_plural_word_named_as_one_word_is_asked_in_quotes(tmp_path):
    facts = (term("humours", "humours", "Galen's name for the four fluids thought to rule the body's health")
             + term("vapours", "vapours", "the old doctors' word for fits of low spirits")
             + term("lancets", "lancets", "small blades that barbers used to let blood"))
    _, items, _ = course_items(tiny_course(tmp_path / "c", facts), SEEDS[0])
    assert items["humours/which-term"].reverse[0] == 'According to the article, what does the name "humours" refer to?'
    assert items["lancets/which-term"].reverse[0] == "According to the article, what are lancets?"


def test_a_blank_after_according_to_takes_its_options_in_lower_case(tmp_path):
    facts = (fact("kiln", "claim", speaker="the article", claim="brick kilns gave the village its first wages",
                  distortion="fishing boats gave the village its first wages", label="fact")
             + fact("salt", "claim", speaker="the article", claim="salt pans lined the shore",
                    distortion="rice fields lined the shore", label="fact"))
    checked = 0
    for items in items_under_every_seed(tiny_course(tmp_path / "c", facts)):
        for fid in ("kiln", "salt"):
            item = items.get(f"{fid}/which-statement")
            if item is None or item.type != "mcq" or not item.stem.startswith("According to"):
                continue
            assert all(o[:1].islower() for o in item.options), (item.stem, item.options)
            checked += 1
    assert checked  # the blank follows "According to the article," at least once


@pytest.mark.parametrize(("definition", "kind", "term", "asked"), [
    # a participle's phrase after a comma describes the head: asked after the rest, it would dangle
    ("a gas that turns lime water milky, named fixed air by Black", "gas", "carbon dioxide",
     "Which gas, named fixed air by Black, turns lime water milky?"),
    ("a red-brick lighthouse on the headland, painted white in 1900", "building", "Hurst Light",
     "What is the name of the red-brick lighthouse on the headland, painted white in 1900?"),
    ("the lighthouse on the headland", "building", "Hurst Light", "Which lighthouse is on the headland?"),
])
def test_a_trailing_participle_stays_beside_what_it_describes(definition, kind, term, asked):
    from quizgen.generate.wording import name_question

    assert name_question(definition, kind, False, term) == asked


def test_a_timeline_leaves_out_a_birth_and_a_death(tmp_path):
    """Born first, died last: in a life's timeline they place themselves, two points for nothing learnt."""
    facts = (fact("born", "event", what="Mary Anning was born in Lyme Regis", when="1799")
             + fact("ichthyosaur", "event", what="Mary Anning found an ichthyosaur skull", when="1811")
             + fact("plesiosaur", "event", what="Mary Anning found a whole plesiosaur", when="1823")
             + fact("shop", "event", what="Mary Anning opened a fossil shop", when="1826")
             + fact("pterosaur", "event", what="Mary Anning found a pterosaur", when="1828")
             + fact("society", "event", what="the Geological Society granted Mary Anning an annuity", when="1838")
             + fact("died", "event", what="Mary Anning died of breast cancer", when="1847"))
    for items in items_under_every_seed(tiny_course(tmp_path / "c", facts)):
        timeline = items["unit/timeline"]
        assert len(timeline.fact_ids) >= 4 and not {"born", "died"} & set(timeline.fact_ids), timeline.fact_ids


def test_a_hedged_article_before_a_blank_reads_right_wherever_the_answer_is_shown(tmp_path):
    """The front writes "a(n)" before a blank, so that the article does not tell whether the answer starts with a
    vowel; the key and the card's back, which show the answer, read "an oil lamp", "a brass whistle"."""
    from helpers import load, pdf_text, render_pdfs
    from quizgen.answers import filled_cloze
    from quizgen.targets.anki.notes import fields_for

    facts = (fact("lamp", "claim", speaker="the article", claim="the keeper lit an oil lamp in the tower each dusk",
                  cloze="The keeper lit an [[oil]] lamp in the tower each dusk.")
             + fact("whistle", "background", period="the 1880s",
                    statement="A pilot on the river carried a [[brass]] whistle on a cord."))
    course, items = load(tiny_course(tmp_path / "c", facts))
    by_id = {i.id: i for i in items}
    lamp, whistle = by_id["lamp/sentence"], by_id["whistle/fill-blank"]
    assert lamp.stem == "The keeper lit a(n) _____ lamp in the tower each dusk."
    assert whistle.stem == "A pilot on the river carried a(n) _____ whistle on a cord."
    assert "".join(filled_cloze(lamp)) == "The keeper lit an oil lamp in the tower each dusk."
    assert "".join(filled_cloze(whistle)) == "A pilot on the river carried a brass whistle on a cord."
    # the card: the article hidden with the answer on the front ("[a(n) ...]"), and right on the back
    text = fields_for(lamp, "cloze")["Text"]
    assert text == "The keeper lit {{c1::an oil::a(n) ...}} lamp in the tower each dusk."
    front = re.sub(r"\{\{c1::[^}]*::([^}]*)\}\}", r"[\1]", text)
    back = re.sub(r"\{\{c1::([^}:]*)(::[^}]*)?\}\}", r"\1", text)
    assert front == "The keeper lit [a(n) ...] lamp in the tower each dusk." and "a(n) oil" not in back
    files = render_pdfs(course, items, versions=1)
    sheet, key = pdf_text(files["worksheets/unit-A.pdf"]), pdf_text(files["worksheets/unit-A-key.pdf"])
    assert "The keeper lit a(n) ____" in sheet and "carried a(n) ____" in sheet
    assert "The keeper lit an oil lamp" in key and "carried a brass whistle" in key and "a(n)" not in key


def test_a_reversed_person_card_asks_for_the_role_the_source_gives(tmp_path):
    """"Who was X?" has many right answers for a well-known person; the reversed card asks for the role the source
    gives them (or, from the curator's context, labels it so), and no two people's cards share a front."""
    facts = (fact("hale", "person", name="Edith Hale", role="the surveyor who first measured the glacier's retreat")
             + fact("orr", "person", name="Colonel Tobias Orr", role="the officer who built the mountain road")
             + fact("vane", "person", name="Nils Vane", role="the guide who led the survey party", from_context=True,
                    context="Parish records, not the article, name him as the guide."))
    _, items, _ = course_items(tiny_course(tmp_path / "c", facts))
    fronts = {f: items[f"{f}/who-was"].reverse for f in ("hale", "orr", "vane")}
    assert fronts["hale"] == ("What role does the article give Edith Hale?",
                              "the surveyor who first measured the glacier's retreat")
    assert fronts["orr"][0] == "What role does the article give Colonel Tobias Orr?"
    assert fronts["vane"][0] == "What role did Nils Vane have? (Context: the article does not give this role.)"
    assert not any(front.startswith("Who ") for front, _ in fronts.values())


def test_a_two_statement_card_blanks_only_parallel_phrases(tmp_path):
    """A two-statement card is asked with a blank only where its options are phrases of one kind and the words
    around the blank say what is asked; otherwise it is left out, with a note saying why."""
    from quizgen.generate.questions import unsound_blank

    def why(truth, falsehood):
        return unsound_blank(*differing_span(truth, falsehood))

    # a fragment of a clause beside a noun phrase that concedes the key
    assert "fragment" in why("peat is the only fuel on the island that burns slowly enough to bake bread",
                             "driftwood, like peat, burns slowly enough to bake bread")
    # the false option holds the true one's subject
    assert "'lighthouse'" in why("the lighthouse needs no keeper, whether the sea is calm or rough",
                                 "a lighthouse keeper rows out to the lighthouse, whether the sea is calm or rough")
    # a pronoun around the blank, with nothing before it to stand for
    assert "'they'" in why("the harbour wall shelters the boats from the winter storms until they pass",
                           "rough seas break over the wall until they pass")
    # parallel phrases, with the claim's own words around them
    assert why("the island has a large colony of puffins", "the island has a small colony of puffins") == ""
    assert why("the ferry stopped running in the winter of 1962", "the ferry kept running in the winter of 1962") == ""
    assert why("the gulls nest in the cliffs rather than in the dunes",
               "the gulls nest in the dunes rather than in the cliffs") == ""
    from quizgen.generate.questions import whole_difference  # two words swapped: the same words, no concession
    assert unsound_blank(*whole_difference("the gulls nest in the cliffs rather than in the dunes",
                                           "the gulls nest in the dunes rather than in the cliffs")) == ""
    facts = (fact("peat", "claim", speaker="the article", label="fact",
                  claim="peat is the only fuel on the island that burns slowly enough to bake bread",
                  distortion="driftwood, like peat, burns slowly enough to bake bread")
             + fact("puffins", "claim", speaker="the article", label="fact",
                    claim="the island has a large colony of puffins",
                    distortion="the island has a small colony of puffins"))
    _, items, problems = course_items(tiny_course(tmp_path / "c", facts))
    assert "peat/which-statement" not in items
    assert items["puffins/which-statement"].stem == \
        "According to the article, the island has a(n) _____ colony of puffins."
    notes = [p for p in problems.items if p.code == "blank-not-parallel"]
    assert [p.fact for p in notes] == ["peat"] and "fragment of a clause" in notes[0].message


def test_a_persons_role_on_a_sheet_is_asked_as_the_role_the_source_gives(tmp_path):
    """"Who was Isaac Newton?" has as many right answers as the reader knows of him; the sheet asks for the role
    the source gives, as the reversed card does."""
    facts = (fact("newton", "person", name="Isaac Newton", role="the scholar who lent the ferryman his telescope")
             + fact("mill", "event", what="the ferryman built a new landing stage", when="1702"))
    _, items, _ = course_items(tiny_course(tmp_path / "c", facts, source_date="1720-01"), SEEDS[0])
    asked = items["newton/who-is"]
    assert asked.stem == "What role does the article give Isaac Newton?", asked.stem
    assert asked.answer == "the scholar who lent the ferryman his telescope"


def test_a_term_defined_as_a_name_is_asked_as_a_name(tmp_path):
    """"What is al-Basri?" asks after a thing; a term its definition calls a name, a word or a title is asked as
    one, on the sheet and on its reversed card."""
    facts = (term("bede", "the Venerable", "the byname given to Bede by the monks of Durham")
             + term("ceorl", "ceorl", "the Old English word for a free man who was not a noble")
             + term("ealdorman", "ealdorman", "the title of the royal officer who led a shire's men in war")
             + term("minster", "minster", "a church served by a community of priests"))
    _, items, _ = course_items(tiny_course(tmp_path / "c", facts), SEEDS[0])
    asked = {fid: items[f"{fid}/what-is"].stem for fid in ("bede", "ceorl", "ealdorman", "minster")
             if f"{fid}/what-is" in items}
    assert asked["bede"] == 'According to the article, what does the name "the Venerable" refer to?'
    assert asked["ceorl"] == 'According to the article, what does the word "ceorl" mean?'
    assert asked["ealdorman"] == 'According to the article, what does the title "ealdorman" refer to?'
    assert asked["minster"] in ("According to the article, what is a minster?",
                                "According to the article, what is minster?")
    reversed_fronts = [items[f"{fid}/which-term"].reverse[0] for fid in ("ceorl", "ealdorman")
                       if items.get(f"{fid}/which-term") is not None and items[f"{fid}/which-term"].reverse]
    assert reversed_fronts and all('"' in front for front in reversed_fronts), reversed_fronts


# --- a year the curator's note corrects ---------------------------------------------------------------------------


def test_a_year_the_curators_note_corrects_is_asked_on_sheets_as_the_sources_never_as_a_card(tmp_path):
    """A card reviewed for months fixes the source's year in memory long after "according to" is forgotten; on the
    sheet the question says whose year it is, even where the event's words name the source for something else."""
    facts = (fact("mill", "event", what="the abbey built its first water mill, the article's earliest machine",
                  when="1130", note="Charters of the abbey date the mill to 1124; the questions keep its year.")
             + fact("bridge", "event", what="the town rebuilt the stone bridge", when="1180",
                    note="The bridge was widened in 1180 as well.")
             + fact("fair", "event", what="the king granted the town a yearly fair", when="1155")
             + fact("wall", "event", what="the monks raised a wall round the precinct", when="1170"))
    _, items, problems = course_items(tiny_course(tmp_path / "c", facts, source_date="1999-01"), SEEDS[0])
    mill = items["mill/when"]
    assert mill.stem.startswith("According to the article, in which year did the abbey build"), mill.stem
    assert not mill.deck and mill.sheets
    assert [p.item for p in problems.items if p.code == "corrected-year"] == ["mill/when"]
    # a note naming only the answer's own year corrects nothing about it; an uncorrected fact stays a card
    assert items["bridge/when"].deck and items["fair/when"].deck


def test_credit_by_repute_is_asked_as_the_sources_judgement(tmp_path):
    """Who is "credited with" a discovery is disputed as often as who was first to it: the question says whose
    credit it is."""
    facts = (fact("wells", "person", name="Horace Wells", role="the dentist credited with the first use of gas")
             + fact("long", "person", name="Crawford Long", role="the surgeon said to have used ether in 1842")
             + fact("morton", "person", name="William Morton", role="the dentist who showed ether in public in Boston")
             + fact("jackson", "person", name="Charles Jackson", role="the chemist who advised Morton on ether")
             + fact("simpson", "person", name="James Simpson", role="the obstetrician who tried chloroform in 1847"))
    _, items, _ = course_items(tiny_course(tmp_path / "c", facts, source_date="1999-01"), SEEDS[0])
    assert items["wells/who-was"].stem.startswith("Who, according to the article, was the dentist credited")
    assert items["long/who-was"].stem.startswith("Who, according to the article, was the surgeon said to have")
    assert "according to" not in items["morton/who-was"].stem


def test_a_false_statement_swaps_in_a_value_of_its_own_unit_only(tmp_path):
    """A unit's sheet is answered from its own reading: "Orme was the potter who glazed the font" is no statement a
    student of the other unit can judge."""
    course = tiny_course(tmp_path / "c", fact("orme", "person", name="Edwin Orme", role="the mason who cut the spire")
                         + fact("pell", "person", name="Walter Pell", role="the carpenter who framed the nave roof"))
    (course / "course.yaml").write_text("title: Tiny course\nslug: tiny\nunits: [unit, crafts]\n", encoding="utf-8")
    crafts = course / "crafts"
    crafts.mkdir()
    (crafts / "source.md").write_text("---\ntitle: Crafts\ndate: 2022-06\n---\nThe quote is here, and so on.\n",
                                      encoding="utf-8")
    (crafts / "facts.yaml").write_text("title: Crafts\nfacts:\n" + "".join(
        fact(fid, "person", name=name, role=role) for fid, name, role in (
            ("ash", "Roger Ash", "the potter who glazed the font"),
            ("vane", "Hugh Vane", "the smith who forged the chancel gates"),
            ("rook", "Giles Rook", "the glazier who leaded the east window"))), encoding="utf-8")
    falses = 0
    for seed in SEEDS:
        _, items, _ = course_items(course, seed)
        for fid, own in (("orme", {"the carpenter who framed the nave roof"}),
                         ("ash", {"the smith who forged the chancel gates", "the glazier who leaded the east window"})):
            item = items[f"{fid}/role-true-false"]
            if item.answer == "False":
                falses += 1
                assert any(role in item.stem for role in own), item.stem
    assert falses  # the seeds make some false statements to check


def test_the_title_names_an_answer_by_another_of_its_names(tmp_path):
    """Under "Ibn Sina and the Canon", "Who argued that ...?" keyed "Avicenna" (the latinized form of his name) is
    answered by the title; a question that names him and asks for his other name still asks something."""
    facts = (fact("sina", "person", name="Ibn Sina", role="the Persian physician who wrote the Canon of Medicine")
             + term("avicenna", "Avicenna", "the latinized form of Ibn Sina's name")
             + term("canon", "Canon of Medicine", "the medical encyclopaedia read in European schools for centuries")
             + fact("pulse", "claim", speaker="Avicenna", claim="the pulse shows the state of the heart")
             + fact("water", "claim", speaker="Galen", claim="the body holds four humours in balance")
             + fact("air", "claim", speaker="Rhazes", claim="fresh meat rots more slowly where the air is clean"))
    course = tiny_course(tmp_path / "c", facts)
    (course / "course.yaml").write_text("title: Ibn Sina and the Canon\nslug: tiny\nunits: [unit]\n",
                                        encoding="utf-8")
    _, items, problems = course_items(course, SEEDS[0])
    assert "pulse/who-said" not in items
    assert "pulse/who-said" in {p.item for p in problems.items if p.code == "answer-in-title"}
    assert "water/who-said" in items
    assert items["avicenna/which-term"].answer == "Avicenna"


def test_a_timeline_row_starts_as_a_sentence(tmp_path):
    facts = "".join(fact(f"e{k}", "event", what=what, when=when) for k, (what, when) in enumerate((
        ("the guild of weavers moved its hall to the market square", "1410"),
        ("a fire destroyed the old cloth hall", "1433"),
        ("the town council bought the fulling mill", "1452"),
        ("Margery Hale left her looms to the guild", "1470"))))
    _, items, _ = course_items(tiny_course(tmp_path / "c", facts, source_date="1999-01"), SEEDS[0])
    timeline = next(i for i in items.values() if i.type == "ordering")
    assert [event for _, event in timeline.sequence] == [
        "The guild of weavers moved its hall to the market square", "A fire destroyed the old cloth hall",
        "The town council bought the fulling mill", "Margery Hale left her looms to the guild"]


def test_an_open_question_of_a_describing_role_says_whose_description_it_is(tmp_path):
    """"Who was a keeper of the town's seal?" has as many answers as the town had keepers; asked without options,
    it asks for the one the article gives."""
    facts = (fact("wren", "person", name="Tobias Wren", role="a keeper of the town's seal")
             + fact("fair", "event", what="the king granted the town a yearly fair", when="1155"))
    _, items, _ = course_items(tiny_course(tmp_path / "c", facts, source_date="1999-01"), SEEDS[0])
    item = items["wren/who-was"]
    assert not item.options
    assert item.stem == "Who, according to the article, was a keeper of the town's seal?"


def test_a_name_listing_several_people_is_not_asked_for_its_role(tmp_path):
    """"What role does the article give Hale, Pryce and Orme?" is answered rightly by what each of them did."""
    facts = (fact("band", "person", name="Walter Hale, Owen Pryce and Ned Orme",
                  role="the masons who cut the spire's stones")
             + fact("hale", "person", name="Simon Ashe", role="the carpenter who framed the nave roof")
             + fact("fair", "event", what="the king granted the town a yearly fair", when="1155"))
    _, items, problems = course_items(tiny_course(tmp_path / "c", facts, source_date="1999-01"), SEEDS[0])
    assert "band/who-is" not in items and items["band/who-was"].reverse is None
    assert "band/who-is" in {p.item for p in problems.items if p.code == "described-twice"}
    assert "hale/who-is" in items


def test_a_matching_list_never_holds_a_name_its_descriptions_speak_of(tmp_path):
    """Rows that say "Ann Lee's father" give "Mary Ann Lee" away, as a row or as a spare: the last two words of a
    three-word name name her as surely as a distinctive surname would ("Lee" alone is too short to tell apart)."""
    facts = (fact("lee", "person", name="Mary Ann Lee", role="English potter and teacher, known as the Queen of Leek")
             + fact("father", "person", name="Josiah Brand", role="Ann Lee's father, a miller of Leek")
             + fact("tutor", "person", name="Edwin Hart", role="the painter who taught Ann Lee to glaze")
             + fact("buyer", "person", name="Lydia Fenn", role="the London dealer who bought Ann Lee's first set"))
    # with two more people, a list is made of the rows that speak of her, and she is no name in it
    more = (fact("rival", "person", name="Thomas Greave", role="the Burslem potter who copied the blue glaze")
            + fact("clerk", "person", name="Walter Pim", role="the clerk who kept the guild's books"))
    made = 0
    for seed in SEEDS:
        for k, course in enumerate((facts, facts + more)):
            _, items, _ = course_items(tiny_course(tmp_path / seed / str(k), course, source_date="1999-01"), seed)
            for item in items.values():
                if item.type == "matching" and any("Ann Lee" in d for d, _ in item.pairs):
                    made += k
                    names = {n for _, n in item.pairs} | set(item.extras)
                    assert "Mary Ann Lee" not in names, (item.pairs, item.extras)
    assert made == len(SEEDS)
