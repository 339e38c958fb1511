"""Where the keys sit: numbers and dates in order, every other key spread over the places, on every sheet
version, across a sheet's versions, and across the deck; a deck rebuilt after an edit moves no other card's
options. The courses here are small geography courses written for each case, unlike the shipped one."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from helpers import fact, render_deck, tiny_course
from quizgen.build import load_course
from quizgen.generate import generate_items
from quizgen.model import LETTERS
from quizgen.options import arrange_options, in_order, order_key
from quizgen.plan import Sheet, plan_sheets, plan_version
from quizgen.targets.anki.deck import shown_items
from quizgen.targets.anki.lock import parse_lock
from quizgen.targets.web.pages import render_web
from web_helpers import page_data

MAX_SHARE = 0.35

RIVERS = "".join(
    fact(fid, "term", term=term, definition=definition)
    for fid, term, definition in (
        ("danube", "Danube", "the river that flows through four capital cities"),
        ("rhine", "Rhine", "the river that rises in the Swiss Alps and reaches the North Sea"),
        ("elbe", "Elbe", "the river that flows through Dresden and Hamburg"),
        ("oder", "Oder", "the river that marks much of the border of Germany and Poland"),
        ("vistula", "Vistula", "the longest river that flows only through Poland"),
        ("tisza", "Tisza", "the longest tributary of the Danube"),
        ("inn", "Inn", "the Alpine river that joins the Danube at Passau"),
        ("main", "Main", "the river that flows through Frankfurt"),
        ("balaton", "Lake Balaton", "the largest lake in Central Europe"),
        ("neusiedl", "Lake Neusiedl", "a shallow steppe lake on the border of Austria and Hungary"),
    ))
EVENTS = "".join(
    fact(fid, "event", what=what, when=when)
    for fid, what, when in (
        ("iron-gate-dam", "the Iron Gate I dam on the Danube was completed", "1972"),
        ("rhine-main-canal", "the Rhine-Main-Danube Canal opened to shipping", "1992-09"),
        ("oder-flood", "the Oder flooded large parts of Poland and the Czech Republic", "1997-07"),
        ("elbe-flood", "the Elbe flooded Dresden's old town", "2002-08"),
        ("tisza-spill", "a cyanide spill poisoned the Tisza", "2000-01-30"),
        ("gabcikovo", "the Gabcikovo dam diverted the Danube", "1992-10"),
    ))
PEOPLE = "".join(
    fact(fid, "person", name=name, role=role, years=years)
    for fid, name, role, years in (
        ("szechenyi", "Istvan Szechenyi", "the count who had the Danube regulated at the Iron Gate", "1830-1860"),
        ("tulla", "Johann Gottfried Tulla", "the engineer who straightened the Upper Rhine", "1817-1828"),
        ("vasarhelyi", "Pal Vasarhelyi", "the engineer who planned the regulation of the Tisza", "1846-1860"),
        ("woltmann", "Reinhard Woltmann", "the engineer who measured the flow of the Elbe", "1820-1837"),
    ))


@pytest.fixture(scope="module")
def rivers(tmp_path_factory):
    folder = tiny_course(tmp_path_factory.mktemp("rivers") / "c", RIVERS + EVENTS + PEOPLE,
                         settings="  versions: 10\n", source_date="2023-05")
    course = load_course(folder)
    return course, generate_items(course)


def mcq_sheet(items) -> Sheet:
    """A sheet of every multiple-choice question (the planner's own choice is tested elsewhere)."""
    return Sheet("rivers", "Rivers", tuple(i for i in items if i.type == "mcq"))


def shares(places: Counter) -> dict[str, float]:
    total = sum(places.values())
    return {LETTERS[p]: n / total for p, n in sorted(places.items())}


def test_numbers_and_dates_are_recognised_whatever_their_wording():
    assert in_order(["2022", "1991", "April 2022", "28 April 2022"]) == [1, 0, 2, 3]
    assert in_order(["the 1960s", "the early 1990s", "the 1980s"]) == [0, 2, 1]
    assert in_order(["13 kilometres", "two hundred kilometres", "20 kilometres"]) == [0, 2, 1]
    assert in_order(["1984–1986", "1980-1983", "1990-1992"]) == [1, 0, 2]  # any dash
    assert in_order(["By 1987", "By 1984", "by 1991"]) == [1, 0, 2]
    assert in_order(["1,500", "200", "two thousand"]) == [1, 0, 2]
    assert in_order(["April 28, 2022", "March 2022", "May 2022"]) == [1, 0, 2]
    # options of different frames, or with no number at all, keep the order they are given
    assert in_order(["13 kilometres", "20 miles"]) is None
    assert in_order(["Danube", "Rhine", "Elbe"]) is None
    assert in_order(["1972", "the Danube"]) is None
    assert order_key("the early 1990s") == ("#", (1990.2,))


def test_date_options_are_in_order_on_sheets_in_the_deck_and_on_the_web(rivers):
    course, items = rivers
    chronological = lambda options: in_order(options) == list(range(len(options)))  # noqa: E731
    dated = [i for i in items if i.type == "mcq" and i.template == "event/when"]
    assert len(dated) >= 4
    assert not all(chronological(i.options) for i in dated), "the generator's own order is not the point"
    sheet = mcq_sheet(items)
    on_sheet = [i.id for i in dated]
    for letter in "ABC":
        for q in plan_version(course, sheet, letter).questions:
            if q.item.id in on_sheet:
                assert chronological(q.options), (letter, q.options)
    for item in shown_items(course, items):
        if item.template == "event/when" and item.type == "mcq":
            assert chronological(item.options), item.options
    data = page_data(render_web(course, items, [sheet])[f"web/{sheet.slug}.html"])
    shown = [q for q in data["items"] if q["id"] in on_sheet]
    assert shown and all(q.get("ordered") and chronological(q["options"]) for q in shown)
    assert not any(q.get("ordered") for q in data["items"] if q["id"] not in on_sheet)


def test_keys_spread_over_the_places_within_and_across_ten_versions(rivers):
    course, items = rivers
    sheet = mcq_sheet(items)
    pooled: Counter = Counter()
    moved = Counter()
    first: dict[str, int] = {}
    for letter in LETTERS[:10]:
        version = Counter()
        for q in plan_version(course, sheet, letter).questions:
            if q.item.type == "mcq" and len(q.options) >= 3:
                pooled[q.correct] += 1
                version[q.correct] += 1
                if in_order(q.options) is None:
                    moved[q.item.id] += first.setdefault(q.item.id, q.correct) != q.correct
        n = sum(version.values())
        assert n >= 6, "the sheet should hold enough multiple-choice questions to tell"
        assert max(version.values()) <= -(-n // 3), (letter, version)  # within a version, close to even
    assert max(shares(pooled).values()) <= MAX_SHARE, shares(pooled)
    assert all(moved[i] for i in first if i in moved), "every question's key moves between versions"


def test_a_lone_date_question_moves_its_key_between_versions(rivers):
    """Listed in order, a year's letter follows from its value; on a sheet whose only choice question asks for a
    year, that letter would be the key of every version. The later versions show other years around it."""
    course, items = rivers
    dated = next(i for i in items if i.type == "mcq" and in_order(i.options) is not None and i.extras)
    sheet = Sheet("rivers", "Rivers", (dated,))
    places = Counter()
    for letter in LETTERS[:10]:
        (q,) = plan_version(course, sheet, letter).questions
        assert in_order(q.options) == list(range(len(q.options))), q.options  # still in order
        assert q.options[q.correct] == dated.answer
        places[q.correct] += 1
    assert len(places) >= 3 and max(places.values()) <= 4, places


def test_a_key_at_the_end_of_its_options_keeps_a_spare_value_beyond_it(rivers):
    """The latest of its options, a year keys D until a later year shows: of the spare values a question keeps,
    one lies beyond its key, where any can."""
    _, items = rivers
    ends = 0
    for item in items:
        order = in_order(item.options) if item.type == "mcq" else None
        if order is None or not item.extras:
            continue
        at = order.index(item.correct)
        if at not in (0, len(item.options) - 1):
            continue
        ends += 1
        key = item.options[item.correct]
        later = [v for v in item.extras if in_order((key, v)) == [0, 1]]
        assert later if at == len(item.options) - 1 else len(later) < len(item.extras), (item.options, item.extras)
    assert ends


def test_the_first_versions_are_the_same_whatever_the_number_of_versions(rivers):
    course, items = rivers
    [sheet] = plan_sheets(course, items)
    fewer = course.__class__(**{**course.__dict__, "settings": course.settings.replace(versions=2)})
    [sheet2] = plan_sheets(fewer, items)
    for letter in "AB":
        assert plan_version(course, sheet, letter) == plan_version(fewer, sheet2, letter)


def test_the_deck_spreads_its_keys(rivers):
    course, items = rivers
    by_size: dict[int, Counter] = {}
    for item in shown_items(course, items):
        if item.type == "mcq":
            by_size.setdefault(len(item.options), Counter())[item.correct] += 1
    four = by_size[4]
    assert sum(four.values()) >= 8
    assert max(shares(four).values()) <= MAX_SHARE, shares(four)
    for size, places in by_size.items():
        assert max(places.values()) - min(places[p] for p in range(size)) <= 1, (size, places)


def test_a_deck_built_before_keeps_its_options_where_the_spread_allows(rivers):
    course, items = rivers
    # A lock written while every key was the last option: the rebuild spreads the keys, once.
    lopsided = [it for it in arrange_options(items, "x")]
    lopsided = [replace(it, options=tuple(o for o in it.options if o != it.answer) + (it.answer,),
                        correct=len(it.options) - 1)
                if it.type == "mcq" and in_order(it.options) is None and it.answer in it.options else it
                for it in lopsided]
    old = render_deck(course, lopsided, None, now=1_700_000_000)
    assert Counter(i.correct for i in shown_items(course, lopsided) if i.type == "mcq"
                   and in_order(i.options) is None) != Counter()
    new = render_deck(course, items, old.lock_text, now=1_700_100_000)
    spread = [i for i in shown_items(course, items, parse_lock(old.lock_text)) if i.type == "mcq"]
    four = Counter(i.correct for i in spread if len(i.options) == 4)
    assert max(shares(four).values()) <= MAX_SHARE, shares(four)
    # Once spread, editing one fact's options changes that note only.
    again = render_deck(course, items, new.lock_text, now=1_700_200_000)
    assert again.updated == [] and again.new == []
    target = next(i for i in spread if i.type == "mcq" and in_order(i.options) is None)
    edited = [replace(it, options=tuple(o + " (edited)" if k != it.correct else o for k, o in enumerate(it.options)))
              if it.id == target.id else it for it in items]
    after = render_deck(course, edited, new.lock_text, now=1_700_300_000)
    assert after.updated == [target.id], after.updated
