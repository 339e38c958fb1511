"""Items a teacher would sign: plausible distractors, sheets that do not give themselves away, wording,
fact or opinion, facts from the curator's context, and a deck that rehearses only what is true."""
from __future__ import annotations

import re

import pytest

from helpers import (
    MINI,
    REPO,
    SEEDS,
    anki_items,
    fact,
    load,
    pdf_text,
    render_pdfs,
    run_cli,
    tiny_course,
)
from quizgen.answers import too_long_to_recall
from quizgen.build import load_course
from quizgen.cards import _states_answer, cards_of, deck_items
from quizgen.errors import Problems
from quizgen.generate import generate_items
from quizgen.itemtypes import FACT_LABEL, OPINION_LABEL, holds
from quizgen.plan import cueing_pairs, plan_sheets, plan_version, select_sheet_items


def items_of(course_dir, **settings):
    course = load_course(course_dir)
    if settings:
        from dataclasses import replace
        course = replace(course, settings=course.settings.replace(**settings))
    problems = Problems()
    return course, {i.id: i for i in generate_items(course, problems)}, problems


# --- distractors: same category, same period --------------------------------------------------

TERMS = (fact("donbas", "term", term="Donbas", definition="the coal-mining region of eastern Ukraine",
              category="place")
         + fact("crimea", "term", term="Crimea", definition="the peninsula on the Black Sea that Russia annexed",
                category="place")
         + fact("transnistria", "term", term="Transnistria", definition="the breakaway strip of Moldova",
                category="place")
         + fact("casus-belli", "term", term="casus belli", determiner="a", category="concept",
                definition="an act or situation used to justify going to war")
         + fact("russification", "term", term="Russification", determiner="none", category="concept",
                definition="the spread of Moscow's language among other peoples")
         + fact("irredentism", "term", term="irredentism", determiner="none", category="concept",
                definition="a claim on lands where people of one's own nation live"))


def test_distractors_share_the_category(tmp_path):
    course, items, _ = items_of(tiny_course(tmp_path / "c", TERMS))
    category = {f.fields["term"]: f.category for f in course.facts}
    category.update({f.fields["definition"]: f.category for f in course.facts})
    swapped = set()
    for fid in ("donbas", "casus-belli", "russification"):
        item = items[f"{fid}/which-term"]
        assert len(item.options) == 3 and {category[o] for o in item.options} == {category[item.answer]}
        # a swapped true/false description comes from the same category too
        tf = items[f"{fid}/definition-true-false"]
        shown, term = tf.cue[0]
        assert category[shown] == category[term]
        if tf.answer == "False":
            swapped.add(category[term])
    assert swapped  # at least one statement was swapped, so the line above compared two facts


PEOPLE = (fact("stalin", "person", name="Joseph Stalin", role="the Soviet leader of the 1930s", years="1924-1953")
          + fact("putin", "person", name="Vladimir Putin", role="President of Russia", years="2000-")
          + fact("tokayev", "person", name="Kassym-Jomart Tokayev", role="President of Kazakhstan", years="2019-")
          + fact("simonyan", "person", name="Margarita Simonyan", role="the editor of RT", years="2005-")
          + fact("taiwan", "claim", speaker="Kassym-Jomart Tokayev", claim="Kazakhstan would not recognise Taiwan"))


def test_speakers_and_people_come_from_the_same_period(tmp_path):
    belarus = fact("lukashenko", "person", name="Alexander Lukashenko", role="President of Belarus", years="1994-")
    _, items, problems = items_of(tiny_course(tmp_path / "c", PEOPLE + belarus))
    said = items["taiwan/who-said"]
    assert said.type == "mcq" and "Joseph Stalin" not in said.options  # a 2022 statement: no one of the 1930s
    # an editor is no plausible speaker beside presidents: only people of the speaker's role family are offered
    assert set(said.options) == {"Vladimir Putin", "Kassym-Jomart Tokayev", "Alexander Lukashenko"}
    assert "Joseph Stalin" not in items["putin/who-was"].options
    # nobody of Stalin's time: a short-answer question, with the warning
    assert items["stalin/who-was"].type == "recall"
    [warning] = [p for p in problems.items if p.item == "stalin/who-was"]
    assert warning.code == "too-few-distractors" and "same period" in warning.message


def test_curated_distractors_come_first(tmp_path):
    curated = PEOPLE.replace('years: "1924-1953"', 'years: "1924-1953"\n    distractors: ["Vladimir Lenin", '
                             '"Nikita Khrushchev", "Leonid Brezhnev"]')
    _, items, _ = items_of(tiny_course(tmp_path / "c", curated))
    item = items["stalin/who-was"]
    assert item.type == "mcq"
    assert set(item.options) == {"Joseph Stalin", "Vladimir Lenin", "Nikita Khrushchev", "Leonid Brezhnev"}


EVENTS = (fact("refusal", "event", what="Kazakhstan refused to send troops", when="2022-02", category="diplomacy")
          + fact("rumours", "event", what="rumours spread of an exit", when="2022-05")
          + fact("biolab", "event", what="Kyrgyzstan rejected a lab", when="2022-04-28")
          + fact("georgia", "event", what="Russia fought a war with Georgia", when="2008-08")
          + fact("crimea-annexed", "event", what="Russia annexed Crimea", when="2014-03-18", from_context=True,
                 context="The article gives no date."))


def test_dates_are_near_and_as_precise_as_the_answer(tmp_path):
    _, items, _ = items_of(tiny_course(tmp_path / "c", EVENTS))
    refusal = items["refusal/when"]
    assert "August 2008" not in refusal.options  # fourteen years away
    assert "April 2022" in refusal.options  # 28 April 2022, as precise as the answer; dates ignore categories
    assert all(re.fullmatch(r"[A-Z][a-z]+ 20\d\d", o) for o in refusal.options)
    for item in items.values():
        if item.template == "event/when":
            years = {int(o[-4:]) for o in item.options}
            answer_year = int(item.answer[-4:])
            assert all(abs(y - answer_year) <= 3 for y in years), item.options


def test_made_up_dates_are_never_after_the_source(tmp_path):
    late = fact("late", "event", what="a forum was held", when="2022-06") + fact(
        "old", "event", what="a treaty was signed", when="1992-05")
    _, items, _ = items_of(tiny_course(tmp_path / "c", late))
    from datetime import datetime

    options = items["late/when"].options
    assert len(options) >= 3
    for option in options:
        assert datetime.strptime(option, "%B %Y") <= datetime(2022, 6, 1), option


# --- wording -------------------------------------------------------------------------------------

def test_wording_number_tense_capitals_and_reported_speech(tmp_path):
    facts = (PEOPLE + fact("keosayan", "person", name="Tigran Keosayan", role="a Russian TV host", years="2022")
             + fact("pan-turanism", "term", term="pan-Turanism", determiner="none",
                    definition="a vision of uniting the peoples of Inner Asia")
             + TERMS)
    _, items, _ = items_of(tiny_course(tmp_path / "c", facts))
    assert items["putin/who-was"].stem == "Who is the President of Russia?"  # still in office: "is"
    assert items["stalin/who-was"].stem == "Who was the Soviet leader of the 1930s?"
    keosayan = items["keosayan/who-was"]  # no other host: asked without options, in words that fit
    assert keosayan.stem == ("Which of these people was a Russian TV host?" if keosayan.options else
                             "Who, according to the article, was a Russian TV host?")
    assert items["pan-turanism/definition-true-false"].stem.startswith("Pan-Turanism is ")
    assert items["casus-belli/definition-true-false"].stem.startswith("A casus belli is ")
    assert items["casus-belli/which-term"].stem == "Which term means an act or situation used to justify going to war?"
    assert items["taiwan/who-said"].stem == \
        "According to the article, who said that Kazakhstan would not recognise Taiwan?"
    assert items["taiwan/speaker-true-false"].stem.startswith("According to the article, ")
    assert items["taiwan/speaker-true-false"].stem.endswith(" said that Kazakhstan would not recognise Taiwan.")


# --- sheets that do not give themselves away ----------------------------------------------------

RIVER_TERMS = (fact("elbe", "term", term="Elbe", definition="the river that flows through Dresden and Hamburg")
               + fact("rhine", "term", term="Rhine", definition="the river that reaches the North Sea at Rotterdam")
               + fact("vistula", "term", term="Vistula", definition="the longest river of Poland"))
FLOODS = (fact("elbe-flood", "event", what="the Elbe flooded Dresden's old town", when="2002-08")
          + fact("oder-flood", "event", what="the Oder flooded much of Silesia", when="1997-07")
          + fact("rhine-flood", "event", what="the Rhine flooded Cologne", when="1995-01")
          + fact("danube-flood", "event", what="the Danube flooded Passau", when="2013-06"))


def test_the_planner_keeps_a_cued_question_off_the_sheet(tmp_path):
    # The timeline prints "the Elbe flooded Dresden's old town": "Which term means the river that flows through
    # Dresden and Hamburg?" would be answered by it, so the Elbe is asked another way: "What is the Elbe?" (its
    # definition, which nothing on the sheet shows), before a true/false statement that could only be True.
    course, items, _ = items_of(tiny_course(tmp_path / "c", RIVER_TERMS + FLOODS))
    [sheet] = plan_sheets(course, list(items.values()))
    chosen = {i.id for i in sheet.items}
    assert "unit/timeline" in chosen and "elbe-flood/when" not in chosen
    assert "elbe/which-term" not in chosen and "elbe/what-is" in chosen
    assert "rhine/which-term" in chosen, "without a cue, multiple choice rather than true or false"
    assert sheet.separated >= 1 and sheet.cueing == ()
    assert cueing_pairs([items["elbe/which-term"], items["unit/timeline"]]) == (("elbe/which-term", "unit/timeline"),)
    output = run_cli("check", tmp_path / "c").stdout
    assert re.search(r"worksheets: [1-9]\d* cueing pairs? kept apart, \d+ left on a sheets?", output)


def test_a_statement_about_one_river_gives_away_the_matching_row_about_the_other(tmp_path):
    rivers = "".join(fact(fid, "term", term=term, definition=definition) for fid, term, definition in (
        ("amu", "Amu Darya", "the river that fed the South Aral Sea"),
        ("syr", "Syr Darya", "the river that feeds the North Aral Sea"),
        ("ili", "Ili", "the river that feeds Lake Balkhash"),
        ("irtysh", "Irtysh", "the river that flows north to the Ob"),
        ("ural", "Ural", "the river that reaches the Caspian Sea at Atyrau")))
    course, items, _ = items_of(tiny_course(tmp_path / "c", rivers))
    matching = items["unit/matching-terms"]
    row, name = next((d, n) for d, n in matching.pairs)
    other = next(n for n in [n for _, n in matching.pairs] + list(matching.extras) if n != name)
    from dataclasses import replace
    # A false statement that puts one river's description beside another river's name rules that name out.
    swapped = replace(next(i for i in items.values() if i.type == "tf"), fact_ids=("elsewhere",), cue=(),
                      stem=f"The {other} is {row}.")
    assert cueing_pairs([matching, swapped]) == ((matching.id, swapped.id),)
    # The description alone, or the name alone, tells nothing.
    assert cueing_pairs([matching, replace(swapped, stem=f"Some say {row}.")]) == ()
    assert cueing_pairs([matching, replace(swapped, stem=f"The {other} is long.")]) == ()


def test_a_name_printed_without_what_the_question_asks_tells_nothing(tmp_path):
    # A matching question prints every name, but not who said what: "who said ...?" offers the same names.
    course, items, _ = items_of(tiny_course(tmp_path / "c", PEOPLE.replace('years: "1924-1953"', 'years: "2022"')))
    assert cueing_pairs([items["taiwan/who-said"], items["unit/matching-people"]]) == ()
    # A statement that names the speaker beside what the question asks about does give it away.
    from dataclasses import replace
    true = replace(items["tokayev/role-true-false"], stem="Kassym-Jomart Tokayev is President of Kazakhstan.")
    assert cueing_pairs([items["taiwan/who-said"], true]) == (("taiwan/who-said", "tokayev/role-true-false"),)
    false = replace(true, stem="Kassym-Jomart Tokayev is the editor of RT.")
    assert cueing_pairs([items["taiwan/who-said"], false]) == ()


def test_a_name_both_questions_offer_tells_nothing(tmp_path):
    course, items, _ = items_of(tiny_course(tmp_path / "c", PEOPLE))
    # two "who ...?" questions share their options; neither gives the other away
    assert cueing_pairs([items["taiwan/who-said"], items["putin/who-was"]]) == ()


def test_pairs_that_would_cue_each_other_are_detected(tmp_path):
    course, items, _ = items_of(tiny_course(tmp_path / "c", EVENTS))
    both = [items["refusal/when"], items["rumours/when"]]
    assert cueing_pairs(both) == ()
    from dataclasses import replace
    leaky = replace(items["rumours/when"], stem="When did rumours spread, after the refusal of February 2022?")
    assert cueing_pairs([items["refusal/when"], leaky]) == (("refusal/when", "rumours/when"),)


def test_matching_offers_spare_names(tmp_path):
    course, items, _ = items_of(tiny_course(tmp_path / "c", PEOPLE))
    matching = items["unit/matching-people"]
    assert len(matching.pairs) == 3 and len(matching.extras) == 1  # no curated names: one person is left out
    q = plan_version(course, plan_sheets(course, list(items.values()))[0], "A").questions
    match_q = next(x for x in q if x.item.type == "matching")
    assert len(match_q.rights) == len(match_q.lefts) + 1


# --- facts from the curator's context -------------------------------------------------------------

def test_context_facts_stay_off_worksheets_unless_asked(tmp_path):
    folder = tiny_course(tmp_path / "c", EVENTS)
    course, items, _ = items_of(folder)
    asked = {f for i in select_sheet_items(course, list(items.values()), "unit") for f in i.fact_ids}
    assert "crimea-annexed" not in asked and {"refusal", "georgia"} <= asked
    assert "crimea-annexed" in {i.fact_ids[0] for i in deck_items(items.values())}  # the deck keeps it
    course, items, _ = items_of(folder, context_facts=True)
    asked = {f for i in select_sheet_items(course, list(items.values()), "unit") for f in i.fact_ids}
    assert "crimea-annexed" in asked


FERRY = (fact("trade", "claim", speaker="the article", claim="the harbour town will lose its trade to the new bridge")
         + fact("council", "claim", speaker="the article", claim="the council would do best to keep the ferry running")
         + fact("pays", "claim", speaker="the article", claim="time will tell whether the bridge pays for itself")
         + fact("closed", "event", what="the council closed the ferry", when="1969-03")
         + fact("opened", "event", what="the bridge opened to traffic", when="1970-07"))
SCRAPPED = fact("scrapped", "event", what="the ferry's last boat was broken up for scrap at Leith", when="1968-05-02",
                from_context=True, context="A local history, not the article, records the scrapping.")


@pytest.mark.parametrize("seed", SEEDS)
def test_a_context_fact_is_no_row_of_fact_or_opinion_unless_the_course_asks(tmp_path, seed):
    """An event from the curator's context is left off sheets as a whole, not only its date: its statement is
    not labelled as one of the article's facts."""
    facts = FERRY + fact("retired", "event", what="the last ferryman retired", when="1969-04") + SCRAPPED
    course, items, _ = items_of(tiny_course(tmp_path / "c", facts), seed=seed)
    rows = dict(items["unit/fact-or-opinion"].pairs)
    assert "The council closed the ferry." in rows
    assert not any("scrap" in statement for statement in rows)
    assert "scrapped" not in {f for i in select_sheet_items(course, list(items.values()), "unit") for f in i.fact_ids}


def test_a_context_fact_on_a_sheet_is_labelled_context_in_its_row(tmp_path):
    """Where the course puts context facts on sheets, a fact-or-opinion row that comes from the curator carries
    its context, after its row, on the key and in every export, as its card does."""
    facts = FERRY + fact("carried", "claim", speaker="the article", label="fact", from_context=True,
                         claim="the ferry carried a million passengers in its last year",
                         context="The figure is from the harbour board's report; the article gives none.")
    folder = tiny_course(tmp_path / "c", facts, settings="  context_facts: true\n")
    course, items, _ = items_of(folder)
    item = items["unit/fact-or-opinion"]
    assert "The ferry carried a million passengers in its last year." in dict(item.pairs)
    assert "The figure is from the harbour board's report; the article gives none." in item.context
    key = pdf_text(render_pdfs(course, list(items.values()), versions=1)["worksheets/unit-A-key.pdf"])
    assert "Context:" in key and "harbour board's report" in key
    from export_readers import Exported

    gift = Exported(folder).files("gift")["gift/tiny.gift"].decode("utf-8")
    assert "harbour board's report" in gift
    course, items, _ = items_of(folder, context_facts=False)  # two facts of the article's: too few for the item
    assert "unit/fact-or-opinion" not in items


# --- short answers: what else to accept -----------------------------------------------------------

def test_the_key_lists_accepted_answers_and_marking(tmp_path):
    facts = fact("protests", "cause_effect", cause="a sharp rise in fuel prices", effect="mass protests",
                 accept=["the rise in gas prices", "fuel costs"],
                 marking="Give the mark for any answer naming fuel or gas prices.")
    course, items, _ = items_of(tiny_course(tmp_path / "c", facts))
    assert items["protests/cause-of"].accept == ("the rise in gas prices", "fuel costs")
    key = pdf_text(render_pdfs(course, list(items.values()), versions=1)["worksheets/unit-A-key.pdf"])
    assert "Also accept: the rise in gas prices; fuel costs" in key
    assert "Marking: Give the mark for any answer naming fuel or gas prices." in key


# --- fact or opinion ---------------------------------------------------------------------------------

OPINIONS = (fact("thesis", "claim", speaker="the article", claim="Russia's hold on Central Asia will weaken")
            + fact("beijing", "claim", speaker="the article", claim="Central Asia would do best to lean toward Beijing")
            + fact("outlook", "claim", speaker="the article", claim="time will tell where Kazakhstan turns")
            + fact("count", "claim", speaker="the article", claim="four states backed the proxy states",
                   label="neither")
            + fact("historically", "claim", speaker="Vladimir Putin", claim='Kazakhstan was "historically Russia"')
            + fact("lab", "event", what="Kyrgyzstan rejected a Russian request for a lab", when="2022-04-28")
            + fact("exit", "event", what="Kazakhstan denied it would leave the bloc", when="2022-05"))


def test_fact_or_opinion_item(tmp_path):
    course, items, _ = items_of(tiny_course(tmp_path / "c", OPINIONS))
    item = items["unit/fact-or-opinion"]
    labels = dict(item.pairs)
    assert labels["Russia's hold on Central Asia will weaken."] == OPINION_LABEL
    assert labels['Vladimir Putin said that Kazakhstan was "historically Russia".'] == FACT_LABEL
    assert labels["Kyrgyzstan rejected a Russian request for a lab."] == FACT_LABEL
    assert "Four states backed the proxy states." not in labels  # neither: left out
    assert 2 <= list(labels.values()).count(OPINION_LABEL) <= 4 and len(labels) == 6
    assert not item.deck and not holds("anki", "fact_opinion")
    files = render_pdfs(course, list(items.values()), versions=1)
    sheet, key = pdf_text(files["worksheets/unit-A.pdf"]), pdf_text(files["worksheets/unit-A-key.pdf"])
    assert "Fact or opinion" in sheet and "Circle Opinion if it gives the article's own judgement" in sheet
    version = plan_version(course, plan_sheets(course, list(items.values()))[0], "A")
    q = next(x for x in version.questions if x.item.type == "fact_opinion")
    assert sorted(zip(q.statements, q.labels)) == sorted(item.pairs)
    assert f"{q.number} " + ", ".join(f"{k + 1} {label}" for k, label in enumerate(q.labels)) in key


# --- the deck ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("course_dir", [MINI, REPO / "content"], ids=["mini", "shipped"])
def test_the_deck_rehearses_only_what_is_true_once(course_dir):
    course, items = load(course_dir)
    notes = deck_items(items)
    assert notes and not [i for i in notes if i.type == "tf" or i.answer == "False"]
    by_fact: dict[str, list] = {}
    for item in notes:
        by_fact.setdefault(item.fact_ids[0], []).append(item)
    for _fid, group in by_fact.items():
        for a in group:
            for b in group:
                if a is not b:
                    assert not _states_answer(a, b), (a.id, b.id)
    # every fact that has any item for the deck keeps at least one card, unless every answer it has for the
    # deck is too long to recall as one piece
    for_deck = {i.fact_ids[0] for i in items if i.deck and holds("anki", i.type)
                and not too_long_to_recall(cards_of(i)[0][1])}
    assert for_deck == set(by_fact)
    for item in notes:
        assert len(cards_of(item)) <= 2  # a card and, for people and terms, its reverse


def test_check_says_what_the_deck_holds():
    output = run_cli("check", MINI).stdout
    course, items = load(MINI)
    notes = anki_items(items)
    cards = len(notes) + sum(1 for i in notes if i.reverse)
    assert re.search(rf"Anki deck: {len(notes)} notes \(choice \d+, cloze \d+, recall \d+\), {cards} cards", output)
