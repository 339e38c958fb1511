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


def _every_pair(views):
    """A `_CueIndex` that compares every pair: what the word index must agree with."""
    index = _CueIndex.__new__(_CueIndex)
    index.near = [{j for j in range(len(views)) if j != k} for k in range(len(views))]
    return index


def _eliminations_of_every_pair(views):
    """`_eliminations` looking through every question for each multiple-choice one, as it did before its index."""
    from quizgen.plan import ELIMINATING_WORDS

    out = {}
    for target in views:
        if target.item.type != "mcq":
            continue
        wrong = {o for k, o in enumerate(target.item.options) if k != target.item.correct}
        for cue, texts in zip(target.cues, target.texts):
            if len(cue) < 2 or set(texts) != wrong:
                continue
            shown = {}
            for seer in views:
                if seer is target or set(seer.item.fact_ids) & set(target.item.fact_ids):
                    continue
                text = "\x00".join(part for part, is_option, _ in seer.parts
                                   if not (is_option and part in target.options and part not in seer.defined))
                found = tuple(t for phrase, t in zip(cue, texts) if phrase in text
                              and (phrase in seer.defined or len(phrase.split()) >= ELIMINATING_WORDS))
                if found:
                    shown[seer.item.id] = found
            if len(shown) > 1 and {t for found in shown.values() for t in found} == set(texts) \
                    and all(len(found) < len(texts) for found in shown.values()):
                out[target.item.id] = shown
    return out


def _plan_and_lint(course, items):
    from quizgen.build import plan_job
    from quizgen.lint import lint_plan

    job = plan_job(course, items)
    return job.sheets, [p.message for p in lint_plan(course, items, job.sheets, job.deck)]


@pytest.mark.parametrize("shape", ["banks", pytest.param("big-unit", marks=pytest.mark.slow)])  # 400 facts, every pair
def test_the_indexes_change_no_sheet_and_no_message(tmp_path, monkeypatch, shape):
    """Sheets (true/false balance, word banks, questions left off) and the plan's lint, with the word indexes and
    with every pair compared, on the benchmark's shapes (short answers, statements and blanks in every unit)."""
    import sys

    import quizgen.plan as plan

    sys.path.insert(0, str(REPO / "benchmarks"))
    from shapes import make_course

    course, items = load(make_course(tmp_path / shape, shape, units=2, facts_per_unit=60 if shape == "banks" else 200))
    indexed = _plan_and_lint(course, items)
    monkeypatch.setattr(plan, "_CueIndex", _every_pair)
    monkeypatch.setattr(plan, "_eliminations", _eliminations_of_every_pair)
    compared = _plan_and_lint(course, items)
    assert indexed == compared
    # what each shape is there to exercise, or this test would prove little: questions left off for the big
    # unit, word banks (blanks whose bank the other blanks' answers fill) for the banks
    if shape == "big-unit":
        assert any(sheet.left_off for sheet in indexed[0]), "nothing left off"
    else:
        assert any(i.type == "cloze" for sheet in indexed[0] for i in sheet.items), "no blanks"


def test_a_short_answer_is_compared_with_the_statements_that_hold_its_words():
    from quizgen.model import Item

    def item(n, kind, stem, answer):
        return Item(id=f"q{n}", type=kind, course="c", unit="u", fact_ids=(f"f{n}",), template=f"t{n}", stem=stem,
                    answer=answer, citation=None)

    recall = item(1, "recall", "Why did the ferry stop calling at the harbour?", "storms wrecked the harbour pier")
    showing = item(2, "tf", "Winter storms wrecked the old pier of the harbour.", "True")
    unrelated = item(3, "tf", "The bakery sells oat bread on Sundays.", "True")
    views = _views([recall, showing, unrelated])
    near = _CueIndex(views).near
    assert _shown_cue(views[1], views[0], 0)
    assert near[0] == {1}


def test_planning_makes_each_view_once(tmp_path, monkeypatch):
    """What a student sees of an item, under the words that say nothing among its context, is read once while
    sheets are planned: choosing, balancing, leaving off and refilling look at the same items again."""
    import sys

    import quizgen.plan as plan

    sys.path.insert(0, str(REPO / "benchmarks"))
    from shapes import make_course

    course, items = load(make_course(tmp_path / "banks", "banks", units=2, facts_per_unit=60))
    expected = plan.plan_sheets(course, items)
    made = []
    init = plan._View.__init__

    def counted(self, item, furniture=frozenset()):
        made.append((item.id, furniture))
        init(self, item, furniture)

    monkeypatch.setattr(plan._View, "__init__", counted)
    assert plan.plan_sheets(course, items) == expected
    # the unit's items once under its quiet words; what a sheet asks (about a fact each) under the sheet's, as
    # chosen and as refilled, and once more for its word bank; its titles
    asked = sum(len(sheet.quiz_items) for sheet in expected)
    assert len(items) < len(made) <= len(items) + 3 * asked + len(expected), (len(made), len(items), asked)


def test_a_units_views_are_let_go_once_its_sheet_is_planned(tmp_path, monkeypatch):
    """Planning a unit's sheet makes views of its items alone, and lets them go when the sheet is planned: the
    planner never holds the views of every unit at once. The sheets are those planned with no views kept."""
    import sys

    import quizgen.plan as plan

    sys.path.insert(0, str(REPO / "benchmarks"))
    from shapes import make_course

    course, items = load(make_course(tmp_path / "three", "banks", units=3, facts_per_unit=40))
    seen = []
    unit_sheet = plan._unit_sheet

    def watched(course, slug, *args):
        before = dict(plan._MADE.get().views)
        sheet = unit_sheet(course, slug, *args)
        seen.append((slug, before, {found[0].unit for found in plan._MADE.get().views.values()}))
        return sheet

    monkeypatch.setattr(plan, "_unit_sheet", watched)
    sheets = plan.plan_sheets(course, items)
    assert [slug for slug, _, _ in seen] == [u.slug for u in course.units]
    for slug, before, units in seen:
        assert before == {}  # nothing of the units planned before
        assert units == {slug}  # and only its own items' views
    assert plan._MADE.get() is None

    monkeypatch.setattr(plan, "_unit_sheet", unit_sheet)
    monkeypatch.setattr(plan, "_MADE", plan.ContextVar("unkept", default=None))
    monkeypatch.setattr(plan, "_views_made_once", _nothing_kept)
    assert plan.plan_sheets(course, items) == sheets


def _nothing_kept(fresh: bool = False):
    from contextlib import nullcontext

    return nullcontext()


def test_a_view_holds_its_text_once_and_reads_its_words_from_it():
    """A view keeps its padded texts and no second copy of their words (the deck's lint views every card at
    once); a question with no options or names shares one empty set."""
    from quizgen.model import Item
    from quizgen.plan import _View

    recall = Item(id="u-lighthouse-recall", type="recall", course="c", unit="u", fact_ids=("lighthouse",),
                  template="t", stem="Which keeper lit the harbour lamp at Dunmore?", answer="Ellen Vance",
                  citation=None, cue=(("Ellen Vance",),))
    choice = Item(id="u-ferry-mcq", type="mcq", course="c", unit="u", fact_ids=("ferry",), template="t",
                  stem="Who ran the winter ferry?", answer="Tomas Reyes", citation=None,
                  options=("Tomas Reyes", "Ellen Vance"), correct=0)
    view, other = _View(recall), _View(choice)
    assert "words" not in _View.__slots__
    assert view.words == frozenset("which keeper lit the harbour lamp at dunmore".split())
    assert other.words == frozenset("who ran the winter ferry tomas reyes ellen vance".split())
    assert view.options == view.defined == frozenset() and view.options is other.defined
    assert other.options == {" tomas reyes ", " ellen vance "}
    assert _cue_between(other, view)  # the ferry question's options show the keeper's name


@pytest.mark.parametrize("course_dir", COURSES[:2], ids=lambda p: p.name)
def test_giveaways_among_every_pair_come_in_pair_order_without_a_list_of_the_pairs(course_dir, monkeypatch):
    """Asked for every pair (the deck's lint), `giveaways` compares the pairs as it makes them from the index,
    in the order of a loop over every pair, and finds what the listed pairs give."""
    import quizgen.plan as plan

    course, items = load(course_dir)
    listed_pairs = []

    def every_pair_listed(views):
        found = plan._pairs_to_compare(views)
        listed_pairs.append(found)
        return found

    found = giveaways(items, context=items)
    views = _views(items, items)
    place = {v.item.id: k for k, v in enumerate(views)}
    index_pairs = set(plan._pairs_to_compare(views)) | {
        tuple(sorted((place[seer], place[target]))) for target, shown in _eliminations(views).items()
        for seer in shown}
    pairs = [(views[k].item.id, views[j].item.id) for k, j in sorted(index_pairs)]
    monkeypatch.setattr(plan, "_pairs_to_compare", every_pair_listed)
    assert giveaways(items, pairs, context=items) == found and found
    assert listed_pairs == []  # no list of every pair was asked for
    assert giveaways(items, context=items) == found and listed_pairs == []


@pytest.mark.parametrize("course_dir", COURSES, ids=lambda p: p.name)
def test_a_cue_looked_for_in_each_text_first_finds_what_the_joined_texts_find(course_dir, monkeypatch):
    """`_shown_cue` and `_eliminations` pass over a question none of whose texts holds a cue's phrase; with that
    look left out (every question joined and searched), they find the same, pair by pair."""
    import quizgen.plan as plan

    course, items = load(course_dir)
    for unit in course.units:
        context = [i for i in items if i.unit == unit.slug and on_sheets(course, i)]
        views = _views(context)
        quick = [[_shown_cue(a, b, n) for n in (0, 1, 2) for b in views] for a in views]
        eliminated = _eliminations(views)
        monkeypatch.setattr(plan, "_holds", lambda view, phrase: True)
        assert [[_shown_cue(a, b, n) for n in (0, 1, 2) for b in views] for a in views] == quick
        assert _eliminations(views) == eliminated
        assert any(shown for row in quick for shown in row), f"{unit.slug}: nothing shown, so this proves nothing"
        monkeypatch.undo()


def test_a_word_banks_kinds_answer_as_its_entries_do():
    """Whether a blank has a companion in a bank, read from the bank's kinds, is what `bank_companions` lists."""
    from quizgen.model import Item
    from quizgen.plan import _BankKinds, bank_companions

    def blank(n, answer, extras=()):
        return Item(id=f"b{n}", type="cloze", course="c", unit="u", fact_ids=(f"f{n}",), template="t",
                    stem=f"The ferry left from ____ in spring {n}.", answer=answer, citation=None,
                    cloze=(f"The ferry left from ____ in spring {n}.", answer), extras=tuple(extras))

    entries = ["Dunmore", "Port Ellis", "1847", "1912", "12 percent", "lighthouse keeper", "harbour pier",
               "Ellen Vance", "tidal mill", "40 km", "March 1902", "dunmore"]
    blanks = [blank(1, "Dunmore"), blank(2, "1847"), blank(3, "Tomas Reyes"), blank(4, "salt marsh"),
              blank(5, "7 percent"), blank(6, "Kilrush", ["tidal mill"]), blank(7, "ferry", ["Port Ellis"]),
              blank(8, "June 1899"), blank(9, "Harbour Board", ["harbour pier", "Dunmore"])]
    checked = 0
    for size in range(len(entries) + 1):
        for start in range(len(entries)):
            bank = (entries[start:] + entries[:start])[:size]
            kinds = _BankKinds(bank)
            for item in blanks:
                assert kinds.companions(item) == bool(bank_companions(item, bank)), (item.cloze, bank)
                checked += kinds.companions(item)
    assert checked, "no blank had a companion, so this test would prove nothing"
