"""The planner compares only the pairs its word index gives: it must find every pair a comparison of all pairs
finds, on real courses whose questions do give each other away."""
from __future__ import annotations

import pytest

from helpers import REPO, load
from quizgen.plan import (
    _cue_between,
    _CueIndex,
    _eliminations,
    _shown_cue,
    _views,
    cueing_pairs,
    giveaways,
    on_sheets,
)

COURSES = [REPO / "content", REPO / "tests" / "courses" / "atom", REPO / "tests" / "courses" / "lajpat-rai"]


@pytest.mark.parametrize("course_dir", COURSES, ids=lambda p: p.name)
def test_the_index_finds_every_pair_that_cues(course_dir):
    course, items = load(course_dir)
    for unit in course.units:
        context = [i for i in items if i.unit == unit.slug and on_sheets(course, i)]
        views = _views(context)
        every = [(a.item.id, b.item.id) for k, a in enumerate(views) for b in views[k + 1:] if _cue_between(a, b)]
        assert every, f"{unit.slug}: no pair cues another, so this test would prove nothing"
        for target, shown in _eliminations(views).items():  # questions that rule out wrong options together
            every += [(seer, target) for seer in shown if (seer, target) not in every and (target, seer) not in every]
        assert cueing_pairs(context) == tuple(every)
        near = _CueIndex(views).near
        for k, a in enumerate(views):  # no pair left out of the index shows anything, in either direction
            for j, b in enumerate(views):
                if j != k and j not in near[k]:
                    assert not _shown_cue(a, b, 0) and not _shown_cue(b, a, 0)


def test_deck_giveaways_match_every_pair():
    course, items = load(REPO / "content")
    views = {v.item.id: v for v in _views(items)}
    listed = list(views.values())
    pairs = [(a.item.id, b.item.id) for k, a in enumerate(listed) for b in listed[k + 1:]]
    found = giveaways(items, context=items, related_words=1)
    assert found, "no item gives another away, so this test would prove nothing"
    assert found == giveaways(items, pairs, context=items, related_words=1)
