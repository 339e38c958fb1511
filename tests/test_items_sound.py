"""Items a teacher signs on any article: labels, false statements, descriptions, tense, blanks and accepted
answers read from the words themselves.

Each case is a small course of new sentences (a mill town, a lighthouse, a dynasty of printers), with no
`category`, `plural` or `distractors`."""
from __future__ import annotations

import pytest

from helpers import fact, tiny_course
from quizgen.build import load_course
from quizgen.errors import Problems
from quizgen.generate import generate_items
from quizgen.schema import ClaimFact

SEEDS = ("", "1", "2", "3", "4", "5")


def items_of(course_dir, seed: str = ""):
    from dataclasses import replace

    course = load_course(course_dir)
    if seed:
        course = replace(course, settings=course.settings.replace(seed=seed))
    problems = Problems()
    return {i.id: i for i in generate_items(course, problems)}, problems


def every_seed(course_dir):
    for seed in SEEDS:
        yield items_of(course_dir, seed)[0]


def term(fid: str, name: str, definition: str, **extra) -> str:
    return fact(fid, "term", term=name, definition=definition, **extra)


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
    assert labels["The weaver's almanac enjoyed a great reputation in the Baltic ports."] == "Fact"
    assert labels["The almanac was the best guide a sailor could buy."] == "Opinion"
