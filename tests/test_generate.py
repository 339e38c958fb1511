"""Turning facts into items: templates, distractors, seeded choices."""
from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace

import pytest

from helpers import COURSES, edit_facts
from quizgen.build import load_course
from quizgen.errors import Problems
from quizgen.generate import generate_items
from quizgen.rng import rng_for
from quizgen.text import human_date, normalise


@pytest.fixture(scope="module")
def mini_items():
    problems = Problems()
    items = generate_items(load_course(COURSES / "mini"), problems)
    return {i.id: i for i in items}, problems


def test_items_are_repeatable():
    course = load_course(COURSES / "mini")
    assert generate_items(course) == generate_items(course)


def test_rng_is_independent_of_hash_seed():
    code = "from quizgen.rng import rng_for; print(rng_for('a', 'b').random())"
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout for seed in ("1", "2")}
    assert outs == {f"{rng_for('a', 'b').random()}\n"}


def test_recall_mcq_from_template(mini_items):
    items, _ = mini_items
    item = items["tokayev/who-was"]
    assert item.type == "mcq"
    assert item.stem == "Who was the President of Kazakhstan from 2019?"
    assert item.answer == "Kassym-Jomart Tokayev"
    assert item.options[item.correct] == "Kassym-Jomart Tokayev"
    assert item.reverse == ("What role does the article give Kassym-Jomart Tokayev?",
                            "President of Kazakhstan from 2019")
    assert item.citation.paragraph == 1 and item.citation.title == "A small test text about the steppe"
    assert item.template == "person/who-was" and item.fact_ids == ("tokayev",)


def test_mcq_options_distinct_same_slot_one_correct(mini_items):
    items, _ = mini_items
    people = {"Kassym-Jomart Tokayev", "Nursultan Nazarbayev", "Vladimir Putin", "Margarita Simonyan"}
    for item in items.values():
        if item.type != "mcq":
            continue
        # a claim beside its curated false version has exactly two options; every other question three or four
        least = 2 if item.template == "claim/which-statement" else 3
        assert len(set(map(normalise, item.options))) == len(item.options) >= least, item.id
        assert [o for o in item.options if o == item.answer] == [item.answer]
        if item.template == "person/who-was":
            assert set(item.options) <= people


def test_date_distractors_are_dates_and_never_the_answer(mini_items):
    items, _ = mini_items
    item = items["kyrgyz-lab/when"]
    # a day (28 April 2022) no other day of the course lies near is asked by its year: no day is made up
    assert item.answer == "2022" and item.stem.startswith("In which year")
    assert len(item.options) == 4
    assert item.options.count(item.answer) == 1 and item.options[item.correct] == item.answer
    for option in item.options:
        assert option[-4:].isdigit()  # every option is a date


def test_dates_are_synthesised_when_the_course_has_too_few():
    # With one event left there are no other dates, so wrong dates are made near the right one.
    course = load_course(COURSES / "mini")
    unit = course.units[0]
    facts = tuple(f for f in unit.facts if f.kind != "event" or f.id == "unrest-2022")
    course = replace(course, units=(replace(unit, facts=facts),))
    item = {i.id: i for i in generate_items(course)}["unrest-2022/when"]
    assert item.answer == "January 2022"
    assert len(item.options) == 4 and len(set(item.options)) == 4
    for option in item.options:
        month, year = option.split()
        assert month.isalpha() and year in ("2021", "2022")


def test_value_that_also_answers_is_never_a_distractor(mini_course):
    # Two people with the same role: neither may be offered as a wrong answer for the other.
    edit_facts(mini_course, "role: President of Russia since 2012", "role: editor of RT")
    problems = Problems()
    items = {i.id: i for i in generate_items(load_course(mini_course), problems)}
    assert "Margarita Simonyan" not in items["putin/who-was"].options
    assert "Vladimir Putin" not in items["simonyan/who-was"].options
    assert any("asks the same question" in p.message for p in problems.warnings)


def test_true_false_uses_own_or_other_value(mini_items):
    items, _ = mini_items
    true_role = {"Kassym-Jomart Tokayev": "President of Kazakhstan from 2019",
                 "Nursultan Nazarbayev": "leader of Kazakhstan from independence until 2019",
                 "Vladimir Putin": "President of Russia since 2012",
                 "Margarita Simonyan": "editor of RT"}
    course = load_course(COURSES / "mini")
    seen = set()
    for seed in ("", "1", "2", "3"):  # the course seed decides which statements are true
        reseeded = replace(course, settings=course.settings.replace(seed=seed))
        role_items = [i for i in generate_items(reseeded) if i.template == "person/role-true-false"]
        assert len(role_items) == len(true_role)
        for item in role_items:
            name, role = item.stem.rstrip(".").split(" was ", 1)
            role = re.sub(r"^(an?|the) ", "", role)  # a bare role reads with its article: "a leader of ..."
            assert role in true_role.values()
            assert item.answer == ("True" if role == true_role[name] else "False")
            assert item.options == ("True", "False") and item.options[item.correct] == item.answer
            seen.add(item.answer)
    assert seen == {"True", "False"}  # both the person's own role and another person's
    tf_answers = {i.answer for i in items.values() if i.type == "tf"}
    assert tf_answers == {"True", "False"}


def test_cloze_keeps_kazakh_letters(mini_items):
    items, _ = mini_items
    item = items["kazakh-letters/fill-blank"]
    assert item.cloze == ("The Kazakh Cyrillic alphabet includes the letters ", "Ә Ғ Қ Ң Ө Ұ Ү Һ І", ".")
    assert item.answer == "Ә Ғ Қ Ң Ө Ұ Ү Һ І"
    assert item.stem == "The Kazakh Cyrillic alphabet includes the letters _____."


def test_special_characters_pass_through_as_plain_text(mini_items):
    items, _ = mini_items
    item = items["logic-formula/claim-true-false"]
    shown = "a < b & c" if item.answer == "True" else "a > b | c"
    assert item.stem == f"According to the article, the students wrote {shown} on the board."


def test_article_claims_without_a_false_version_get_no_true_false_item(mini_course):
    edit_facts(mini_course, '    distortion: "the students wrote a > b | c on the board"\n', "")
    items = {i.id for i in generate_items(load_course(mini_course))}
    assert "logic-formula/claim-true-false" not in items


def test_speaker_true_false_swaps_the_speaker(mini_items):
    items, _ = mini_items
    item = items["historically-russia/speaker-true-false"]
    speaker = item.stem.split(" said that ")[0]
    assert item.stem.endswith('said that Kazakhstan was "historically Russia".')
    assert (speaker == "Vladimir Putin") == (item.answer == "True")


def test_who_said_is_not_asked_of_the_article(mini_items):
    items, _ = mini_items
    assert "logic-formula/who-said" not in items


def test_too_few_distractors_degrades_to_recall_with_a_note(mini_items):
    items, problems = mini_items
    assert items["simonyan/who-was"].type == "recall"
    # the item written is sound: a note for the author, not a warning that fails --strict
    assert any(p.fact == "simonyan" and p.item == "simonyan/who-was" and p.code == "too-few-distractors"
               and p.level == "note" and "made a short-answer question instead" in p.message for p in problems.items)
    assert not [p for p in problems.warnings if p.code == "too-few-distractors"]
    # an effect its cause does not pin down ("the unrest of January 2022 in Kazakhstan" has more effects than one) is
    # not asked as a short answer: a note too
    assert "unrest-troops/effect-of" not in items
    assert any(p.item == "unrest-troops/effect-of" and p.code == "open-cause" and p.level == "note"
               for p in problems.items)


def test_recall_fallback_keeps_the_templates_explanation(mini_course):
    facts = mini_course / "steppe" / "facts.yaml"  # a cause that says clearly more than its effect pins it down
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "cause: the unrest of January 2022 in Kazakhstan",
        "cause: the violent unrest of January 2022 in the cities of Kazakhstan over fuel prices"), encoding="utf-8")
    tdir = mini_course / "templates" / "questions" / "cause_effect"
    tdir.mkdir(parents=True)
    (tdir / "effect-of.j2").write_text(
        '{% set type = "mcq" %}{% set answer_field = "effect" %}'
        "{% block stem %}What followed {{ fact.cause }}?{% endblock %}"
        "{% block explanation %}It followed {{ fact.cause }}.{% endblock %}", encoding="utf-8")
    problems = Problems()
    items = {i.id: i for i in generate_items(load_course(mini_course), problems)}
    item = items["unrest-troops/effect-of"]
    assert item.type == "recall" and item.options == () and item.correct == -1
    assert item.explanation.startswith("It followed ") and item.stem.startswith("What followed ")
    assert any(p.fact == "unrest-troops" and p.code == "too-few-distractors" for p in problems.items)


def test_matching_and_timeline_are_consistent_with_facts(mini_items):
    items, _ = mini_items
    people = items["steppe/matching-people"]
    # descriptions to match with names; four people, no curated wrong names: one name is left over
    assert ("President of Kazakhstan from 2019", "Kassym-Jomart Tokayev") in people.pairs
    assert len(people.pairs) == 3 and len(people.extras) == 1
    roles = {"President of Kazakhstan from 2019": "Kassym-Jomart Tokayev",
             "leader of Kazakhstan from independence until 2019": "Nursultan Nazarbayev",
             "President of Russia since 2012": "Vladimir Putin", "editor of RT": "Margarita Simonyan"}
    assert all(roles[d] == n for d, n in people.pairs)
    assert set(people.extras) == set(roles.values()) - {n for _, n in people.pairs}
    assert people.citation.short().startswith("A small test text about the steppe, paragraphs ")
    assert people.explanation == ""
    timeline = items["steppe/timeline"]
    assert [d for d, _ in timeline.sequence] == ["December 1991", "January 2022", "28 April 2022", "June 2022"]


def test_human_date():
    assert human_date("2022") == "2022"
    assert human_date("2022-06") == "June 2022"
    assert human_date("2022-04-28") == "28 April 2022"


def test_course_template_overrides_and_adds(mini_course):
    tdir = mini_course / "templates" / "questions" / "person"
    tdir.mkdir(parents=True)
    (tdir / "who-was.j2").write_text(
        '{% set type = "recall" %}{% set answer_field = "name" %}'
        '{% block stem %}Name the {{ fact.role }}.{% endblock %}',
        encoding="utf-8")
    items = {i.id: i for i in generate_items(load_course(mini_course))}
    assert items["tokayev/who-was"].type == "recall"
    assert items["tokayev/who-was"].stem == "Name the President of Kazakhstan from 2019."


def test_template_naming_missing_field_is_an_error(mini_course):
    tdir = mini_course / "templates" / "questions" / "person"
    tdir.mkdir(parents=True)
    (tdir / "birth.j2").write_text(
        '{% set type = "recall" %}{% set answer_field = "name" %}\n'
        '{% block stem %}Who was born in {{ fact.birthplace }}?{% endblock %}', encoding="utf-8")
    problems = Problems()
    generate_items(load_course(mini_course), problems)
    errors = [p for p in problems.errors if p.fact == "tokayev"]
    assert len(errors) == 1
    assert "template 'person/birth' failed for this fact" in errors[0].message
    assert "it names the field 'birthplace', which facts of kind 'person' do not have" in errors[0].message
    assert f"{tdir / 'birth.j2'}, line 2" in errors[0].message
    # one message for the broken template, not one per fact
    assert len(problems.errors) == 1
    assert errors[0].message.endswith("it fails the same way for 3 more facts ('nazarbayev', 'putin', 'simonyan')")


def test_term_determiner_shapes_the_questions(mini_course):
    edit_facts(mini_course, "    term: Eurasian Economic Union\n",
               "    term: Eurasian Economic Union\n    determiner: none\n")
    items = {i.id: i for i in generate_items(load_course(mini_course))}
    # "an economic bloc" gives "Eurasian Economic Union" away: not asked by its definition
    assert "eaeu/which-term" not in items
    assert items["csto/which-term"].reverse[0] == ("According to the article, what is the Collective "
                                                      "Security Treaty Organization (CSTO)?")
    assert items["eaeu/definition-true-false"].stem.startswith("Eurasian Economic Union is ")
    assert items["csto/definition-true-false"].stem.startswith("The Collective Security Treaty Organization is ")


def test_who_said_prefers_other_speakers_as_distractors(mini_course):
    extra = """  - id: simonyan-claim
    kind: claim
    speaker: Margarita Simonyan
    claim: RT has an editor
    source: {paragraph: 5, quote: "Margarita Simonyan is the editor of RT"}
  - id: tokayev-claim
    kind: claim
    speaker: Kassym-Jomart Tokayev
    claim: he became president in 2019
    source: {paragraph: 1, quote: "Kassym-Jomart Tokayev became President"}
"""
    path = mini_course / "steppe" / "facts.yaml"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    item = {i.id: i for i in generate_items(load_course(mini_course))}["historically-russia/who-said"]
    assert item.answer == "Vladimir Putin"
    assert "Kassym-Jomart Tokayev" in item.options or item.type == "recall"
    assert "Margarita Simonyan" not in item.options  # an editor is offered beside no president


def test_sentence_case_capitalises_only_plain_case_pairs():
    from quizgen.text import sentence_case

    assert sentence_case("pan-Turanism is a movement") == "Pan-Turanism is a movement"
    assert sentence_case("“quoted” first") == "“Quoted” first"
    assert sentence_case("әлем") == "Әлем"
    # A capital the worksheet font may lack (Greek Mu for the micro sign), or two letters for one: left alone.
    assert sentence_case("µ-law") == "µ-law"
    assert sentence_case("ßeta") == "ßeta"
    assert sentence_case("42 is") == "42 is"


def test_each_fact_is_worded_once_for_all_its_questions(monkeypatch):
    """A fact's wording (its number, kind, the questions its phrases make) is read once while items are made,
    not once for each template and again for each question the distractor pools ask of it."""
    import quizgen.generate.wording as wording_module

    course = load_course(COURSES / "atom")
    expected = generate_items(course)
    worded = []
    wording = wording_module.wording
    monkeypatch.setattr(wording_module, "wording", lambda fact: worded.append(fact.id) or wording(fact))
    assert generate_items(course) == expected
    assert worded and len(worded) == len(set(worded))
