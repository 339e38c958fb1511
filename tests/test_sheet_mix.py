"""What a sheet asks and what it is worth: true/false only where a fact has no other question free of cues,
points for what is asked, and the shipped course's sheet and deck within the limits."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from helpers import REPO, fact, load, tiny_course
from quizgen.model import LETTERS
from quizgen.options import in_order
from quizgen.plan import plan_sheets, plan_version, points_for
from quizgen.targets.anki.deck import shown_items
from quizgen.targets.anki.lock import parse_lock

CONTENT = REPO / "content"


def test_a_short_answer_is_worth_two_points_only_with_a_marking_scheme(tmp_path):
    plain = fact("protests", "cause_effect", cause="a sharp rise in fuel prices", effect="mass protests",
                 accept=["dearer fuel"])
    marked = fact("floods", "cause_effect", cause="heavy rain on frozen ground and a blocked river",
                  effect="the floods of March",
                  marking="1 point for the rain on frozen ground, 1 for the blocked river")
    course, items = load(tiny_course(tmp_path / "c", plain + marked))
    by_id = {i.id: i for i in items}
    assert points_for(by_id["protests/cause-of"]) == 1
    assert points_for(by_id["floods/cause-of"]) == 2
    assert points_for(by_id["floods/effect-of"]) == 1  # the marking is about the cause, the written answer


def test_the_shipped_sheet_within_the_limits():
    course, items = load(CONTENT)
    [sheet] = plan_sheets(course, items)
    version = plan_version(course, sheet, "A")
    points = Counter()
    for section in version.sections:
        points[section.type] += section.points
    assert points["tf"] <= 0.40 * sum(points.values()), points
    assert sum(points.values()) >= 15
    keys = Counter()
    for letter in LETTERS[:10]:
        for q in plan_version(replace(course, settings=course.settings.replace(versions=10)), sheet,
                              letter).questions:
            if q.item.type == "mcq":
                keys[q.correct] += 1
                if q.item.template == "event/when":
                    assert in_order(q.options) == list(range(len(q.options))), q.options
    assert max(keys.values()) <= 0.35 * sum(keys.values()), keys


def test_the_shipped_deck_spreads_its_keys():
    course, items = load(CONTENT)
    lock = parse_lock((CONTENT / "quizgen.lock").read_text(encoding="utf-8"))
    by_size: dict[int, Counter] = {}
    for item in shown_items(course, items, lock):
        if item.type == "mcq":
            by_size.setdefault(len(item.options), Counter())[item.correct] += 1
            if in_order(item.options) is not None:
                assert in_order(item.options) == list(range(len(item.options))), item.options
    for size, places in by_size.items():
        assert max(places.values()) - min(places[p] for p in range(size)) <= 1, (size, places)
