"""Loading a course: structure, source texts, provenance of quotes."""
from __future__ import annotations

import pytest

from helpers import COURSES, edit_facts
from quizgen.build import load_course
from quizgen.errors import ContentError
from quizgen.text import normalise


def test_loads_mini_course():
    course = load_course(COURSES / "mini")
    assert course.slug == "mini-steppe"
    assert [u.slug for u in course.units] == ["steppe"]
    unit = course.units[0]
    assert unit.title == "The steppe in brief"
    assert len(unit.source.paragraphs) == 5
    assert unit.source.paragraphs[0].startswith("Kassym-Jomart Tokayev became President")
    assert unit.source.title == "A small test text about the steppe"
    assert unit.source.date == "2024-05"
    ids = [f.id for f in unit.facts]
    assert ids[:3] == ["tokayev", "nazarbayev", "putin"]
    assert course.settings.versions == 2 and course.settings.paper == "a4"


def test_fact_fields_and_dates_are_text():
    course = load_course(COURSES / "mini")
    facts = {f.id: f for f in course.facts}
    assert facts["kyrgyz-lab"].fields["when"] == "2022-04-28"  # YAML read it as a date; kept as ISO text
    assert facts["independence"].fields["when"] == "1991-12"
    assert facts["tokayev"].fields == {"name": "Kassym-Jomart Tokayev", "role": "President of Kazakhstan from 2019",
                                       "cloze": None}
    assert facts["tokayev"].tags == ("people",)
    assert facts["tokayev"].line == 3


@pytest.mark.parametrize("a, b", [
    ("Kazakhstan’s President", "Kazakhstan's President"),
    ("“LPR” and  “DPR”", '"LPR" and "DPR"'),
    ("line\nbreak", "line break"),
])
def test_normalise_forgives_whitespace_and_quote_marks(a, b):
    assert normalise(a) == normalise(b)


def test_normalise_keeps_case_and_words():
    assert normalise("Tokayev") != normalise("tokayev")


def test_quote_with_curly_marks_matches_straight_source(mini_course):
    edit_facts(mini_course, 'quote: "Putin said Kazakhstan was \\"historically Russia\\""',
               "quote: 'Putin said Kazakhstan was “historically Russia”'")
    load_course(mini_course)  # no error


def test_quote_not_found_names_nearest_passage(mini_course):
    edit_facts(mini_course, 'quote: "Kyrgyzstan declined a Russian request for a lab"',
               'quote: "Kyrgyzstan refused a Russian request for a lab"')
    with pytest.raises(ContentError) as exc:
        load_course(mini_course)
    [problem] = exc.value.problems
    assert problem.fact == "kyrgyz-lab" and problem.field == "source.quote"
    assert problem.message == ('quote not found in paragraph 4 of source.md; nearest passage: '
                               '"Kyrgyzstan declined a Russian request for a lab."')


def test_quote_in_another_paragraph_says_which(mini_course):
    edit_facts(mini_course, "source: {paragraph: 5, quote: \"Margarita Simonyan is the editor of RT\"}",
               "source: {paragraph: 2, quote: \"Margarita Simonyan is the editor of RT\"}")
    with pytest.raises(ContentError) as exc:
        load_course(mini_course)
    assert exc.value.problems[0].message.endswith("it is in paragraph 5")


def test_every_problem_reported_in_one_run(mini_course):
    edit_facts(mini_course, "role: editor of RT", "rolle: editor of RT")
    edit_facts(mini_course, "when: 2022-01", "when: January 2022")
    edit_facts(mini_course, "source: {paragraph: 1,", "source: {paragraph: 9,")
    with pytest.raises(ContentError) as exc:
        load_course(mini_course)
    messages = [str(p) for p in exc.value.problems]
    assert len(messages) == 4, messages  # unknown 'rolle', missing 'role', bad date, paragraph out of range
    assert any("field 'rolle': unknown field (did you mean 'role'?)" in m for m in messages)
    assert any("fact 'simonyan': field 'role': missing required field" in m for m in messages)
    assert any("field 'when': expected an ISO date" in m for m in messages)
    assert any("paragraph 9 is out of range: source.md has 5 paragraphs" in m for m in messages)


def test_duplicate_fact_id_names_first_use(mini_course):
    edit_facts(mini_course, "id: nazarbayev", "id: tokayev")
    with pytest.raises(ContentError) as exc:
        load_course(mini_course)
    [problem] = exc.value.problems
    assert str(problem).endswith("fact 'tokayev': field 'id': duplicate fact id; first used at "
                                 f"{mini_course / 'steppe' / 'facts.yaml'}:3")


def test_cloze_and_statement_need_exactly_one_blank(mini_course):
    edit_facts(mini_course, "letters [[Ә Ғ Қ Ң Ө Ұ Ү Һ І]].", "letters [[Ә Ғ Қ]] and [[Ң Ө Ұ Ү Һ І]].")
    edit_facts(mini_course, "independence in [[December 1991]].", "independence in December 1991.")
    with pytest.raises(ContentError) as exc:
        load_course(mini_course)
    message = "must contain exactly one [[blank]], e.g. 'Kazakhstan was the [[last]] state to secede'"
    assert sorted((p.field, p.message) for p in exc.value.problems) == [("cloze", message), ("statement", message)]
