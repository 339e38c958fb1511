"""What a teacher reading a whole sheet (or a whole deck) would refuse, though each question alone reads well: a
wrong option offered in question after question and never right, a date asked to the day against invented days, a
true/false statement the titles answer, ordered keys that never take the last place, and a sheet that a build of
the PDFs alone plans differently. Every input here is written for the test."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from helpers import MINI, fact, load, quoted, tiny_course, with_source
from quizgen.build import load_course
from quizgen.generate import generate_items
from quizgen.model import Citation, Item
from quizgen.plan import RECURRING_WRONG, plan_sheets, plan_version, spread_wrong_options

UNIT = "steppe"
LOCKSMITHS = ["Ada Brennick", "Tomas Ferro", "Ilse Marrow", "Otto Quill", "Rhea Sandor", "Clara Voss",
              "Petra Lind", "Jonas Weald", "Mira Okafor"]


def choice(n: int, stem: str, key: str, wrong: list[str], spare: list[str]) -> Item:
    options = (key, *wrong)
    return Item(id=f"lock-{n}/who-was", type="mcq", course="mini-steppe", unit=UNIT, fact_ids=(f"lock-{n}",),
                template="person/who-was", stem=stem, answer=key, citation=Citation("Test article", 1, "a quote"),
                order=n, options=options, correct=0, extras=tuple(spare), cue=((key,), tuple(wrong)))


def course_of():
    course, _ = load(MINI)
    return replace(course, settings=course.settings.replace(exam=0))


def recurring(questions) -> dict[str, int]:
    """Wrong options shown by more than `RECURRING_WRONG` multiple-choice questions and keyed by none."""
    keys = {q.options[q.correct] for q in questions if q.item.type == "mcq"}
    wrong = Counter(o for q in questions if q.item.type == "mcq" for k, o in enumerate(q.options) if k != q.correct)
    return {o: n for o, n in wrong.items() if n > RECURRING_WRONG and o not in keys}


STEMS = ["Who was the locksmith who first cut a key from a wax cast of the lock?",
         "Who was the locksmith who sold pin tumblers door to door along the canal?",
         "Who was the locksmith who opened the harbour safe without its combination?",
         "Who was the locksmith who taught apprentices to file wards by candlelight?",
         "Who was the locksmith who fitted the first bolt that turned both ways?"]


def test_a_name_offered_in_every_question_and_never_right_gives_way_to_spare_names():
    # "Clara Voss" is a wrong option of all five questions and the key of none: a student crosses her out unread
    keys = LOCKSMITHS[:5]
    items = [choice(n + 1, STEMS[n], keys[n], ["Clara Voss", keys[(n + 1) % 5], keys[(n + 2) % 5]],
                    ["Petra Lind", "Jonas Weald", "Mira Okafor"][n % 3:] + ["Petra Lind", "Jonas Weald"][: n % 3])
             for n in range(5)]
    course = course_of()
    [sheet] = plan_sheets(course, items)
    for letter in "AB":
        questions = plan_version(course, sheet, letter).questions
        assert not recurring(questions), recurring(questions)
        assert all(len(q.options) == 4 for q in questions), "a spare took the name's place: four options each"
        assert sum("Clara Voss" in q.options for q in questions) == RECURRING_WRONG
        for q in questions:  # every key stays right, and each option once
            assert q.options[q.correct] == q.item.answer and len(set(q.options)) == len(q.options)


def test_without_spares_the_recurring_name_is_taken_out_leaving_three_options():
    keys = LOCKSMITHS[:5]
    items = [choice(n + 1, STEMS[n], keys[n], ["Clara Voss", keys[(n + 1) % 5], keys[(n + 2) % 5]], [])
             for n in range(5)]
    out = spread_wrong_options(items)
    shown = [sum("Clara Voss" in i.options for i in out)]
    assert shown == [RECURRING_WRONG]
    assert sorted(len(i.options) for i in out) == [3, 3, 3, 4, 4]
    for item in out:
        assert item.options[item.correct] == item.answer
        # what rules the key in by elimination is the wrong options it now shows
        assert tuple(o for k, o in enumerate(item.options) if k != item.correct) in item.cue


def test_a_name_that_keys_one_question_may_recur_as_a_wrong_one():
    keys = LOCKSMITHS[:5]
    items = [choice(n + 1, STEMS[n], keys[n], [keys[0] if n else "Clara Voss", keys[(n + 1) % 5] if n != 4 else
                                                keys[2], keys[(n + 2) % 5] if n != 3 else keys[1]],
                    ["Petra Lind"]) for n in range(5)]
    assert spread_wrong_options(items) == items  # Ada Brennick is right once: crossing her out fails


def test_a_question_of_names_keeps_spare_wrong_names_for_the_sheet(tmp_path):
    people = "".join(fact(f"p{n}", "person", name=name, role=f"the locksmith who {deed}")
                     for n, (name, deed) in enumerate(zip(LOCKSMITHS, [
                         "first cut a key from a wax cast", "sold pin tumblers along the canal",
                         "opened the harbour safe without its combination", "taught apprentices to file wards",
                         "fitted the first bolt that turned both ways", "mended the cathedral's great lock",
                         "forged the town's first padlock", "built a lock that counted its openings",
                         "carved wooden keys for the mill"])))
    course = load_course(tiny_course(tmp_path, people))
    items = [i for i in generate_items(course) if i.type == "mcq" and i.template.endswith("who-was")]
    assert items
    for item in items:
        assert item.extras, item.id
        assert not {e.casefold() for e in item.extras} & {o.casefold() for o in item.options}
        assert item.answer not in item.extras



# --- dates to the day -----------------------------------------------------------------------------------------


def event(fid: str, what: str, when: str) -> str:
    return fact(fid, "event", what=what, when=when)


def when_items(course_dir) -> dict[str, Item]:
    course = load_course(course_dir)
    return {i.fact_ids[0]: i for i in generate_items(course) if i.template.endswith("/when")}


def test_a_day_with_no_other_day_near_it_is_asked_by_its_year(tmp_path):
    facts = event("born", "the clockmaker Anselm Tiel was born in Vorberg", "1840-03-14") \
        + event("guild", "the Vorberg clockmakers' guild was dissolved", "1871")
    born = when_items(tiny_course(tmp_path, facts))["born"]
    assert born.type == "mcq"
    assert born.stem == "In which year was the clockmaker Anselm Tiel born in Vorberg?"
    assert born.answer == "1840"
    assert all(o.isdigit() and len(o) == 4 for o in born.options), born.options  # no made-up day


def test_a_day_beside_other_days_of_the_course_is_asked_against_those_only(tmp_path):
    # the other two days are known only as bounds ("by ..."): asked with no options, they interfere with no choice
    facts = event("opened", "the mayor opened the Vorberg clock tower", "1902-05-03") \
        + quoted("struck", "event", "By 21 August 1903 lightning had struck the tower",
                 what="lightning struck the Vorberg clock tower", when="1903-08-21") \
        + quoted("burnt", "event", "By 9 November 1901 a fire had burnt down the town hall",
                 what="a fire burnt down the old Vorberg town hall", when="1901-11-09")
    items = when_items(with_source(tiny_course(tmp_path, facts), "By 21 August 1903 lightning had struck the tower.",
                                   "By 9 November 1901 a fire had burnt down the town hall."))
    opened = items["opened"]
    assert opened.type == "mcq" and opened.stem.startswith("On which date")
    assert set(opened.options) == {"3 May 1902", "21 August 1903", "9 November 1901"}  # real days, none invented
    assert items["struck"].type == items["burnt"].type == "recall"


def test_days_that_would_each_show_the_others_answer_are_asked_by_their_years(tmp_path):
    facts = event("opened", "the mayor opened the Vorberg clock tower", "1902-05-03") \
        + event("struck", "lightning struck the Vorberg clock tower", "1903-08-21") \
        + event("burnt", "a fire burnt down the old Vorberg town hall", "1901-11-09")
    for item in when_items(tiny_course(tmp_path, facts)).values():
        assert item.type == "mcq" and item.stem.startswith("In which year"), item.stem
        assert all(o.isdigit() for o in item.options)


def test_a_day_of_the_sources_own_year_is_asked_with_no_options(tmp_path):
    facts = event("strike", "the Vorberg tram drivers went on strike", "2022-03-14")
    strike = when_items(tiny_course(tmp_path, facts))["strike"]
    assert strike.type == "recall" and strike.answer == "14 March 2022"


# --- what the titles give away ----------------------------------------------------------------------------------


def written(n: int, stem: str, answer: str) -> Item:
    return Item(id=f"mill-{n}/recall", type="recall", course="mini-steppe", unit=UNIT, fact_ids=(f"mill-{n}",),
                template=f"test/recall-{n}", stem=stem, answer=answer, citation=Citation("Test article", 1, "a quote"),
                order=n + 1, cue=((answer,),))


GRAINS = ["barley", "rye", "spelt", "millet", "oats", "buckwheat", "sorghum", "emmer", "einkorn", "teff", "quinoa",
          "amaranth", "wheat", "maize", "rice", "chia"]


def filler() -> list[Item]:
    """Sixteen questions of a point each that no title gives away (the sheet keeps its length without one)."""
    return [written(n, f"Which grain did the {word}th miller of the valley grind?", GRAINS[n])
            for n, word in enumerate(["four", "fif", "six", "seven", "eigh", "nin", "ten", "eleven", "twelf",
                                      "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                                      "nineteen"])]


def statement(stem: str, value: str, subject: str) -> Item:
    return Item(id="quell/role-true-false", type="tf", course="mini-steppe", unit=UNIT, fact_ids=("quell",),
                template="person/role-true-false", stem=stem, answer="True", options=("True", "False"), correct=0,
                citation=Citation("Test article", 1, "a quote"), order=0, cue=((value, subject),))


def test_a_statement_whose_value_the_course_title_asserts_is_left_off_though_the_deck_asks_nothing_of_it():
    course = replace(course_of(), title="Mara Quell, the Iron Weaver of Dunmoor")
    told = statement("Mara Quell was a weaver and inventor, known as the Iron Weaver of Dunmoor.",
                     "a weaver and inventor, known as the Iron Weaver of Dunmoor", "Mara Quell")
    [sheet] = plan_sheets(course, [told, *filler()])
    assert told.id not in {i.id for i in sheet.items}  # True, whoever reads the title
    assert [(i.id, why) for i, why in sheet.left_off] == [(told.id, "(title)")]
    assert told in sheet.quiz_items  # the web quiz, which marks each answer as it is given, still asks it


def test_a_title_naming_the_topic_gives_away_no_answer_about_another_thing():
    course = replace(course_of(), title="Weaving in the Dunmoor Valley")
    fair = written(40, "What did the guild sell at the autumn fair?", "linen woven in the Dunmoor Valley")
    [sheet] = plan_sheets(course, [fair, *filler()])
    assert fair.id in {i.id for i in sheet.items} and not sheet.title_cues


def test_a_title_naming_a_statements_subject_alone_gives_nothing_away():
    course = replace(course_of(), title="Mara Quell of Dunmoor")
    plain = statement("Mara Quell was a weaver who built the first treadle loom of the valley.",
                      "a weaver who built the first treadle loom of the valley", "Mara Quell")
    [sheet] = plan_sheets(course, [plain, *filler()])
    assert plain.id in {i.id for i in sheet.items} and not sheet.title_cues


# --- the key's place among ordered options ----------------------------------------------------------------------


def year_question(n: int, key: int, below: int) -> Item:
    """A question of years keyed `key`, showing `below` years before it and the rest after, with a spare year on
    each side."""
    shown = [str(key + k) for k in range(-below, 4 - below) if k]
    spare = (str(key - below - 1), str(key + 4 - below))
    options = tuple(sorted([str(key), *shown]))
    return Item(id=f"bell-{n}/when", type="mcq", course="mini-steppe", unit=UNIT, fact_ids=(f"bell-{n}",),
                template="event/when", stem=f"In which year was the {n}th bell of Dunmoor cast?", answer=str(key),
                citation=Citation("Test article", 1, "a quote"), order=n, options=options,
                correct=options.index(str(key)), extras=spare)


def test_years_are_keyed_the_latest_of_their_options_as_often_as_any_other_place():
    from quizgen.options import sorted_options, spread_ordered
    from quizgen.rng import rng_for

    # eight questions of years, none keyed the latest, beside eight questions of names that key D often enough to
    # even out the letters: over the deck, a student would learn that a year is never the last option
    years = [year_question(n, 1700 + 10 * n, n % 3) for n in range(8)]
    names = [choice(20 + n, STEMS[n % 5], LOCKSMITHS[n % 5], LOCKSMITHS[5:8], []) for n in range(8)]
    assert 3 not in {sorted_options(i)[1] for i in years}
    spread = spread_ordered(years + names, rng_for("test", "ordered"))
    ranks = Counter(sorted_options(i)[1] for i in spread[:8])
    assert max(ranks.values()) - min(ranks[p] for p in range(4)) <= 1, ranks
    for item in spread[:8]:  # each keeps its key, shows four years in order, and spares the rest
        assert item.options[item.correct] == item.answer and len(item.options) == 4
        assert set(item.options) | set(item.extras) == set(years[spread.index(item)].options) | set(
            years[spread.index(item)].extras)


def test_made_up_years_on_one_side_reach_further_where_the_nearest_are_taken():
    from quizgen.generate.distractors import near_dates
    from quizgen.rng import rng_for

    # 1699 is another question's answer: the three years before 1700 are still found, one a little further off
    earlier = near_dates("1700", 3, rng_for("test", "years"), {"1699"}, side=-1)
    assert len(earlier) == 3 and all(int(y) < 1700 for y in earlier) and "1699" not in earlier
    assert min(int(y) for y in earlier) >= 1700 - 6


# --- a build of some outputs plans what a full build plans --------------------------------------------------------


def test_a_build_of_the_pdfs_alone_plans_the_sheets_a_full_build_does():
    course = course_of()  # its targets hold the deck
    assert "anki" in course.settings.targets
    blank = Item(id="lamps/sentence", type="cloze", course="mini-steppe", unit=UNIT, fact_ids=("lamps",),
                 template="background/sentence", stem="The lamplighters of Dunmoor filled the lamps with _____ oil.",
                 answer="whale", cloze=("The lamplighters of Dunmoor filled the lamps with ", "whale", " oil."),
                 citation=Citation("Test article", 1, "a quote"), order=30, cue=(("whale",),))
    said = Item(id="oil/claim-true-false", type="tf", course="mini-steppe", unit=UNIT, fact_ids=("oil",),
                template="claim/claim-true-false", answer="True", options=("True", "False"), correct=0,
                stem="According to the article, the lamplighters of Dunmoor burnt whale oil in every lamp.",
                citation=Citation("Test article", 1, "a quote"), order=31,
                cue=(("burnt whale oil in every lamp", "the lamplighters of Dunmoor"),))
    items = [blank, said, *filler()]
    # `--only pdf` narrows the targets built, not the course: the deck still asks the blank's fact, and not the
    # statement's (a true/false statement makes no card), so the blank is the one of the pair left off in both
    pdf_only = replace(course, settings=course.settings.replace(targets=["pdf"]))
    [full], [alone] = plan_sheets(course, items), plan_sheets(pdf_only, items)
    assert [i.id for i in alone.items] == [i.id for i in full.items]
    assert [(i.id, why) for i, why in full.left_off] == [(blank.id, said.id)]


def test_only_narrows_the_targets_built_not_those_the_course_plans_for():
    narrowed = load_course(MINI, {"targets": ["pdf"]})
    assert narrowed.settings.targets == ["pdf"] or tuple(narrowed.settings.targets) == ("pdf",)
    assert "anki" in narrowed.own_targets
