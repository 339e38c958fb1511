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
                                       "cloze": None, "gender": None}
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
    edit_facts(mini_course, 'quote: "On 28 April 2022, Kyrgyzstan declined a Russian request for a lab"',
               'quote: "On 28 April 2022, Kyrgyzstan refused a Russian request for a lab"')
    with pytest.raises(ContentError) as exc:
        load_course(mini_course)
    [problem] = exc.value.problems
    assert problem.fact == "kyrgyz-lab" and problem.field == "source.quote"
    assert problem.message == ('quote not found in paragraph 4 of source.md; nearest passage: '
                               '"On 28 April 2022, Kyrgyzstan declined a Russian request for a lab."')


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


# --- YAML mistakes: where YAML stopped, and what is usually wrong there ---------------------------


@pytest.mark.parametrize("text, where, hint", [
    ("title: Kazakhstan: a drift\n", (1, 18), "the value of 'title' holds ': ', which YAML reads as the start of "
                                               "another field; put the whole value in double quotes (title: \"...\")"),
    ("facts:\n  - id: a\n    what: Tokayev said: no\n", (3, 23), "the value of 'what' holds ': '"),
    ("facts:\n  - id: a\n    source: {paragraph: 2, quote: Note: this}\n", (3, 39),
     "a value inside { } or [ ] that holds ': ' must be in quotes, e.g. quote: \"Note: ...\""),
    ("facts:\n\t- id: a\n", (2, 1), "this line holds a tab where YAML expects spaces: indent with spaces only"),
    ("facts:\n  - id: a\n  \tkind: event\n", (3, 3), "this line holds a tab where YAML expects spaces"),
    ('facts:\n  - id: a\n    what: "Kazakhstan refused\n', (3, 11),
     "the double quote that opens the value on line 3 is never closed: end the value with a double quote"),
    ("facts:\n  - id: a\n    what: 'Tokayev refused\n    when: 2022\n", (3, 11),
     "the single quote that opens the value on line 3 is never closed"),
    ('facts:\n  - id: a\n    what: "the bloc\n    when: "2022"\n', (4, 12),
     "the double quote opened on line 3 is not closed on that line, so the value runs on to the next double "
     "quote, here; close it on line 3"),
    ('facts:\n  - id: a\n    what: "Kazakhstan" is a country\n', (3, 24),
     "the value of 'what' starts with a quoted part, so YAML ends the value where that part ends; put the whole "
     "value in single quotes (what: '\"...\" ...')"),
    ("facts:\n  - id: a\n    what: 'Russia's war'\n", (3, 19),
     "the value of 'what' is in single quotes, so its apostrophe ends it: write the apostrophe twice ('') or put "
     "the value in double quotes"),
    ("facts:\n  - id: a\n     kind: event\n", (3, 10),
     "this line is indented 5 spaces and the field above it 4: fields of one fact or mapping start at the same "
     "column"),
    ("title: @home\n", (1, 8), "a value cannot start with '@' in YAML: put the value in double quotes"),
    ("title: *home\n", (1, 8), "a value starting with '*' reads as an alias"),
    ("title: a\ntitle: b\n", (2, 1), "'title' is given twice here; keep one of them"),
    ("facts:\n  - id: a\n    source: {paragraph: 2, quote: \"x\"\n  - id: b\n", (3, 13),
     "the '{' opened on line 3 is never closed with '}' on that line"),
])
def test_a_yaml_mistake_gets_a_hint_for_its_usual_cause(text, where, hint):
    from ruamel.yaml.error import YAMLError

    from quizgen.errors import Problems
    from quizgen.loader.files import load_yaml, yaml_problem

    problems = Problems()
    with pytest.raises(YAMLError) as exc:
        load_yaml(text)
    yaml_problem(exc.value, "facts.yaml", problems)
    [problem] = problems.items
    assert (problem.line, problem.column) == where
    assert problem.message.startswith("invalid YAML: ")
    assert hint in problem.message


def test_a_front_matter_mistake_is_at_its_line_in_the_file(mini_course):
    source = mini_course / "steppe" / "source.md"
    source.write_text(source.read_text(encoding="utf-8").replace("publisher: quizgen tests", "publisher: tests: x"),
                      encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        load_course(mini_course)
    [problem] = exc.value.problems
    assert (problem.file, problem.line) == (str(source), 3)  # the front matter starts on the file's line 2
    assert "the value of 'publisher' holds ': '" in problem.message
