"""What makes planning and writing a large unit quick gives what the slower way gave: counts of cues that stop
once they can no longer change a choice, and texts, words and dates read once instead of once per pair."""
from __future__ import annotations

import random
import sys
from collections import Counter

import pytest

from helpers import REPO, load
from quizgen import cues
from quizgen import plan as plan_module
from quizgen.generate import distractors
from quizgen.model import Item
from quizgen.periods import date_interval
from quizgen.rng import rng_for
from quizgen.text import fold, human_date


@pytest.fixture(scope="module")
def big_unit(tmp_path_factory):
    """One unit of the benchmark's big-unit shape: every fact kind, short answers whose model answers share their
    words with many statements, statements that have a version in the other truth."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from shapes import make_course

    return load(make_course(tmp_path_factory.mktemp("big") / "course", "big-unit", units=1, facts_per_unit=150))


def _counted(monkeypatch) -> Counter:
    """Count the pairs the planner compares (`_cue_between`), leaving what it finds as it was."""
    calls: Counter = Counter()
    compare = plan_module._cue_between

    def counting(a, b):
        calls["pairs"] += 1
        return compare(a, b)

    monkeypatch.setattr(plan_module, "_cue_between", counting)
    return calls


def _choose_counting_every_cue(course, items, slug):
    """`_choose_sheet_items` as it was: every question of every fact counted against every picked one."""
    from quizgen.plan import (
        _CueIndex,
        _least_used,
        _preferred,
        _shows,
        _View,
        _views,
        on_sheets,
        title_item,
    )

    seed = (course.slug, course.settings.seed, slug)
    rng = rng_for(*seed, "select")
    ordered = sorted((i for i in items if on_sheets(course, i)), key=lambda i: (i.order, i.id))
    picked = [i for i in ordered if len(i.fact_ids) > 1]
    asked = {f for i in picked for f in i.fact_ids}
    by_fact: dict[str, list[Item]] = {}
    for item in ordered:
        if len(item.fact_ids) == 1 and item.fact_ids[0] not in asked:
            by_fact.setdefault(item.fact_ids[0], []).append(item)
    listed = _views(ordered)
    views = {v.item.id: v for v in listed}
    near = _CueIndex(listed).near
    place = {v.item.id: k for k, v in enumerate(listed)}
    picked_places = {place[p.id] for p in picked}
    unit_title = next((u.title for u in course.units if u.slug == slug), slug)
    printed = _View(title_item(course, unit_title))
    used: dict[str, int] = {}
    separated = 0
    for choices in by_fact.values():
        counts = {c.id: sum(plan_module._cue_between(views[c.id], listed[j])
                            for j in near[place[c.id]] & picked_places) + _shows(printed, views[c.id])
                  for c in choices}
        fewest = min(counts.values())
        choice = _least_used(_preferred([i for i in choices if counts[i.id] == fewest]), used, rng)
        blind = _least_used(_preferred(choices), used, rng_for(*seed, "blind", choices[0].fact_ids[0]))
        separated += counts[blind.id] - fewest
        used[choice.type] = used.get(choice.type, 0) + 1
        picked.append(choice)
        picked_places.add(place[choice.id])
    return sorted(picked, key=lambda i: (i.order, i.id)), separated


def test_a_sheet_counts_only_the_cues_that_can_change_its_choice(big_unit, monkeypatch):
    course, items = big_unit
    slug = course.units[0].slug
    calls = _counted(monkeypatch)
    with plan_module._views_made_once():
        every = _choose_counting_every_cue(course, items, slug)
    compared_every, calls["pairs"] = calls["pairs"], 0
    with plan_module._views_made_once():
        chosen = plan_module._choose_sheet_items(course, items, slug)
    assert chosen == every
    assert compared_every > 0, "no pair compared, so this test would prove nothing"
    # facts with one question, and questions that already cue more than another of their fact, are not counted
    assert calls["pairs"] < compared_every / 2


def _balance_counting_every_cue(course, slug, chosen, pool):
    """`balance_truth` as it was: every statement's cues counted whole for each comparison."""
    from quizgen.plan import _balanced_swaps, _CueIndex, _views, other_truths

    others = other_truths(course, chosen, pool)
    if not others:
        return chosen
    current = list(chosen)
    versions = list({id(i): i for i in current + list(others.values())}.values())
    listed = _views(versions, chosen)
    place = {id(v.item): k for k, v in enumerate(listed)}
    near = _CueIndex(listed).near
    on_sheet = Counter(place[id(i)] for i in current)

    def count(statement):
        k = place[id(statement)]
        return sum(on_sheet[j] * plan_module._cue_between(listed[k], listed[j]) for j in near[k]
                   if on_sheet[j] and listed[j].item.id != statement.id)

    for k, statement in enumerate(current):
        if statement.type == "tf" and statement.counterpart is not None \
                and count(statement.counterpart) < count(statement):
            current[k] = statement.counterpart
            others.pop(statement.id)
            on_sheet[place[id(statement)]] -= 1
            on_sheet[place[id(statement.counterpart)]] += 1
    statements = [i for i in current if i.type == "tf"]
    if len(statements) < 2:
        return current
    rng = rng_for(course.slug, course.settings.seed, slug, "truth")
    falses = sum(i.answer == "False" for i in statements)
    target = len(statements) // 2 + (rng.random() < 0.5 if len(statements) % 2 else 0)
    free = {i.id for i in statements if i.id in others and not count(others[i.id])}
    swap = _balanced_swaps(statements, free, target, rng)
    least = len(statements) // 3
    minority = min(falses, len(statements) - falses) + len(swap)
    if len(statements) >= 3 and minority == 0:
        majority = "False" if falses > target else "True"
        candidates = [i for i in statements if i.answer == majority and i.id in others and i.id not in swap]
        rng.shuffle(candidates)
        costly = sorted(candidates, key=lambda c: count(others[c.id]))
        swap |= {c.id for c in costly[:least - minority]}
    return [others[i.id] if i.id in swap else i for i in current]


def _harbour_sheet() -> list[Item]:
    """Statements about a harbour, each with its version in the other truth, and short answers that the true
    versions of two of them give half of."""
    def item(n, kind, stem, answer, counterpart=None):
        return Item(id=f"h{n}/{kind}{'-flip' if counterpart is None and answer == 'False' else ''}", type=kind,
                    course="harbour", unit="port", fact_ids=(f"h{n}",), template=f"port/{kind}", stem=stem,
                    answer=answer, citation=None, counterpart=counterpart)

    def statement(n, true, false):
        flipped = item(n, "tf", false, "False")
        return item(n, "tf", true, "True", counterpart=flipped)

    return [
        statement(1, "Winter storms wrecked the old pier of the harbour.", "Winter storms spared the ferry landing."),
        statement(2, "The tide mill ground barley for the brewers of the quay.",
                  "The tide mill ground oats for the bakers of the quay."),
        statement(3, "Salt from the marsh pans was loaded onto coastal barges.",
                  "Salt from the marsh pans was carried inland by cart."),
        statement(4, "The lamp on the breakwater burned whale oil until the gasworks opened.",
                  "The lamp on the breakwater burned whale oil only in summer."),
        statement(5, "Pilots guided colliers through the shifting sandbars of the estuary.",
                  "Pilots refused to guide colliers past the estuary."),
        item(6, "recall", "Why did the ferry stop calling at the harbour?", "storms wrecked the pier of the harbour"),
        item(7, "recall", "What did the tide mill grind, and for whom?", "barley for the brewers of the quay"),
        # shares two words of its model answer with the lamp's statements: compared with them, cued by neither
        item(8, "recall", "What lit the harbour mouth at night?", "whale oil lamps on tall iron posts"),
    ]


def test_the_truth_balance_counts_a_statements_cues_only_as_far_as_it_compares_them(big_unit, monkeypatch):
    course, _ = big_unit  # its slug and seed
    chosen = _harbour_sheet()
    calls = _counted(monkeypatch)
    with plan_module._views_made_once():
        every = _balance_counting_every_cue(course, "port", chosen, chosen)
    compared_every, calls["pairs"] = calls["pairs"], 0
    with plan_module._views_made_once():
        balanced = plan_module.balance_truth(course, "port", chosen, chosen)
    assert balanced == every
    # the true versions that give a short answer away are swapped for their false ones, which do not
    assert {i.id for i in balanced if i.answer == "False"} >= {"h1/tf-flip", "h2/tf-flip"}
    # a statement that cues nothing has its other version left uncounted; one found cueing is counted no further
    assert calls["pairs"] < compared_every


@pytest.mark.parametrize("a, b", [
    ("the flooding of the tannery yard", "floods along the tanners' lane"),
    ("a shortage of lamp oil in the harbour", "the harbourmaster's new lamps"),
    ("a shortage of lamp oil", "the guild raised its dues"),
    ("", "the guild raised its dues"),
    ("Treaty of the Three Ferries", "a pact between the ferrymen"),
])
def test_texts_share_words_where_a_pair_of_their_words_is_related(a, b):
    assert cues.shares_words(a, b) == bool(cues.shared_words(a, b))
    assert cues.shares_words(b, a) == bool(cues.shared_words(b, a))


def _near_dates_drawn_afresh(iso, count, rng, taken, latest="", far=0, side=0):
    """`near_dates` as it read each date it drew, every time it drew it."""
    import datetime as dt

    parts = [int(p) for p in iso.split("-")]
    limit = date_interval(latest)[1] if latest else float("inf")
    out = []
    for attempt in range(200):
        if len(out) >= count:
            break
        reach = 3 + (distractors.SIDE_REACH if side and count <= 3 and attempt >= distractors.SIDE_TRIES else 0)
        if len(parts) == 1:
            steps = [k for k in range(-reach, reach + 1) if k] if not far else \
                [k * far for k in range(-reach, reach + 1) if k]
            steps = [step for step in steps if step * side >= 0]
            if parts[0] + min(steps) < 1 and parts[0] + max(steps) < 1:
                break
            cand = str(parts[0] + rng.choice(steps))
            if int(cand) < 1:
                continue
        elif len(parts) == 2:
            months = parts[0] * 12 + parts[1] - 1 + rng.choice([m for m in range(-reach - 2, reach + 3)
                                                                 if m and m * side >= 0])
            cand = f"{months // 12:04d}-{months % 12 + 1:02d}"
        else:
            day = dt.date(*parts) + dt.timedelta(days=(side or rng.choice([-1, 1])) * rng.randint(3, 60))
            cand = day.isoformat()
        if date_interval(cand)[0] > limit:
            continue
        text = human_date(cand)
        if fold(text) not in taken:
            taken.add(fold(text))
            out.append(text)
    return out


@pytest.mark.parametrize("iso, latest, far, side", [
    ("1788", "", 0, 0), ("1788", "1789", 0, 1), ("2", "", 0, -1), ("1650", "", 10, 0),
    ("1788-03", "", 0, 0), ("1788-03", "1788-05", 0, 1), ("1788-03", "", 0, -1),
    ("1788-03-09", "", 0, 0), ("1788-03-09", "1788-04", 0, 1),
])
def test_dates_made_up_near_an_answer_are_those_drawn_afresh(iso, latest, far, side):
    for seed in range(5):
        for count in (1, 3, 12):  # twelve: more than there are near the answer, so the draw runs out
            taken = {fold(human_date(iso))}
            taken_afresh = set(taken)
            rng, rng_afresh = random.Random(seed), random.Random(seed)
            made = distractors.near_dates(iso, count, rng, taken, latest, far, side)
            assert made == _near_dates_drawn_afresh(iso, count, rng_afresh, taken_afresh, latest, far, side)
            assert taken == taken_afresh
            assert rng.random() == rng_afresh.random()  # the draw goes on from where it would have
