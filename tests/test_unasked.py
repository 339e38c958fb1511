"""What `check` and the preview say of facts that make no question, and of units short of a multi-fact question.

The counts a message gives ("it takes 6 statements ... write 1 more opinion") are checked against the
generator itself: writing what the message asks for makes the question, and one fact fewer does not.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import fact, run_cli, tiny_course
from quizgen.authoring.pipeline import check_course
from quizgen.authoring.unasked import unasked

OWN_CLAIM = fact("bloc-weakens", "claim", speaker="the article", claim="the bloc is weaker than it looks")


def notes_of(course: Path) -> list[str]:
    return [str(n) for n in unasked(check_course(course))]


def test_a_claim_of_the_article_without_distortion_or_cloze_is_named_with_the_fields_that_would_ask_it(tmp_path):
    course = tiny_course(tmp_path / "c", OWN_CLAIM)
    result = run_cli("check", course)
    assert result.exit_code == 0, result.output
    facts = course / "unit" / "facts.yaml"
    assert f"{facts}:3: note: fact 'bloc-weakens': makes no question of its own: its speaker is the article, and a " \
           "question asking who said a claim is never made of the article's own claims; the other questions need " \
           "a field it lacks. Give it `distortion` (a plausible false version of the claim, which the source " \
           "contradicts) for a true/false question (worksheets only), a fill-in-the-blank question (worksheets " \
           "only) and a multiple-choice question (a card only), " \
           "or `cloze` (a sentence with exactly one `[[blank]]`) for a fill-in-the-blank question.\n" in result.stdout
    # The fields it names make the questions it says they make.
    with_distortion = tiny_course(tmp_path / "d", fact("bloc-weakens", "claim", speaker="the article",
                                                       claim="the bloc is weaker than it looks",
                                                       distortion="the bloc is stronger than it looks"))
    report = check_course(with_distortion)
    assert {(i.type, i.sheets, i.deck) for i in report.items} == {("tf", True, True), ("mcq", False, True)}
    assert not [n for n in notes_of(with_distortion) if "fact 'bloc-weakens'" in n]
    with_cloze = tiny_course(tmp_path / "e", fact("bloc-weakens", "claim", speaker="the article",
                                                  claim="the bloc is weaker than it looks",
                                                  cloze="the bloc is [[weaker]] than it looks"))
    assert [i.type for i in check_course(with_cloze).items] == ["cloze"]
    assert not [n for n in notes_of(with_cloze) if "fact 'bloc-weakens'" in n]


def test_a_named_speakers_claim_makes_questions_and_no_note_nor_one_for_a_unit_without_opinions(tmp_path):
    course = tiny_course(tmp_path / "c", fact("tokayev-bloc", "claim", speaker="Kassym-Jomart Tokayev",
                                              claim="the bloc is weaker than it looks"))
    assert check_course(course).items and notes_of(course) == []


def _statements(opinions: int, reported: int) -> str:
    return "".join(
        fact(f"opinion-{k}", "claim", speaker="the article", claim=f"the bloc will weaken in its year {k}")
        for k in range(opinions)) + "".join(
        fact(f"said-{k}", "claim", speaker=f"Speaker Number{'x' * k}", claim=f"the bloc met in its year {k}")
        for k in range(reported))


@pytest.mark.parametrize("opinions, reported, advice", [
    (1, 1, "the unit has 1 opinion and 1 reported fact: write 1 more opinion, 1 more reported fact and 2 more of "
           "either"),
    (2, 3, "the unit has 2 opinions and 3 reported facts: write 1 more of either"),
    (1, 6, "the unit has 1 opinion and 6 reported facts: write 1 more opinion"),
])
def test_fact_or_opinion_says_how_many_statements_it_takes_and_how_many_the_unit_has(tmp_path, opinions, reported,
                                                                                    advice):
    course = tiny_course(tmp_path / "c", _statements(opinions, reported))
    [note] = [n for n in notes_of(course) if "no fact-or-opinion" in n]
    assert note.endswith(
        "unit 'unit': no fact-or-opinion question: it takes 6 statements, at least 2 of them the article's opinions "
        "(its own claims, or claims labelled opinion) and at least 2 facts it reports (events, and claims of named "
        f"speakers or labelled fact); {advice}")
    # Writing what it asks for makes the question; the generator agrees with the counts.
    more_o = int(advice.split("write ")[1].split(" more opinion")[0]) if " more opinion" in advice else 0
    more_r = int(advice.split(" more reported")[0].split()[-1]) if " more reported" in advice else 0
    either = int(advice.split(" more of either")[0].split()[-1]) if "of either" in advice else 0
    enough = tiny_course(tmp_path / "e", _statements(opinions + more_o + either, reported + more_r))
    assert "fact_opinion" in {i.type for i in check_course(enough).items}
    assert not [n for n in notes_of(enough) if "no fact-or-opinion" in n]


def test_events_on_the_timeline_are_counted_apart(tmp_path):
    events = "".join(fact(f"event-{k}", "event", what=f"the bloc met for meeting {k}", when=str(1990 + 5 * k))
                     for k in range(5))
    course = tiny_course(tmp_path / "c", events + _statements(1, 0))
    report = check_course(course)
    timeline = next(i for i in report.items if i.type == "ordering")
    [note] = [n for n in notes_of(course) if "no fact-or-opinion" in n]
    on_it = len(timeline.fact_ids)
    assert f"the unit has 1 opinion and {5 - on_it} reported fact{'s' * (5 - on_it != 1)} ({on_it} more events on " \
           f"the timeline, which it does not repeat)" in note


@pytest.mark.parametrize("count", [2, 3, 4])
def test_matching_and_timeline_say_what_they_take_once_begun(tmp_path, count):
    terms = "".join(fact(f"term-{k}", "term", term=f"Guild Number{'x' * k}", definition=f"a society of craft {k}")
                    for k in range(count))
    events = "".join(fact(f"event-{k}", "event", what=f"the bloc met for meeting {k}", when=str(1990 + 5 * k))
                     for k in range(count))
    course = tiny_course(tmp_path / "c", terms + events)
    types = {i.template for i in check_course(course).items}
    notes = notes_of(course)
    if count < 4:
        assert not {"unit/matching-terms", "unit/timeline"} & types
        assert any(n.endswith(f"unit 'unit': no matching question of terms: it takes 4 terms whose names are written "
                              f"in one script; the unit has {count}: write {4 - count} more") for n in notes)
        assert any(n.endswith(f"unit 'unit': no timeline: it takes 4 events whose dates do not overlap (as precise "
                              f"as their quotes say: \"in the 1960s\" is the whole decade); the unit has {count}: "
                              f"write {4 - count} more") for n in notes)
    else:
        assert {"unit/matching-terms", "unit/timeline"} <= types
        assert not [n for n in notes if "matching" in n or "timeline" in n]


def test_the_preview_shows_why_a_fact_makes_no_question(tmp_path):
    course = tiny_course(tmp_path / "c", OWN_CLAIM + _statements(1, 1))
    out = tmp_path / "preview.html"
    result = run_cli("preview", course, "-o", out)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "This fact makes no question of its own: its speaker is the article" in page
    assert "No fact-or-opinion question: it takes 6 statements" in page
    assert "No template makes an item" not in page


def test_what_a_unit_has_for_multi_fact_questions_is_counted_without_comparing_its_facts(tmp_path, monkeypatch):
    """The counts of one unit of many facts are linear in its facts: `check` of a unit of 4,000 facts spent
    longer here, testing each fact's membership in a list of all of them, than in making its questions."""
    import sys

    from helpers import REPO, load
    from quizgen.authoring.pipeline import multi_material
    from quizgen.model import Fact

    sys.path.insert(0, str(REPO / "benchmarks"))
    from shapes import make_course

    course, items = load(make_course(tmp_path / "big", "big-unit", units=1, facts_per_unit=120))
    expected = multi_material(course, course.units[0], items)
    compared = []
    equal = Fact.__eq__
    monkeypatch.setattr(Fact, "__eq__", lambda a, b: compared.append(1) or equal(a, b))
    assert multi_material(course, course.units[0], items) == expected
    assert expected["opinions"] + expected["reported"] > 0
    assert len(compared) < len(course.facts)
