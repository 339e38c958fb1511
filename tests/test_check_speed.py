"""What makes checking a large unit quick gives what the slower way gave: the cue index narrowed by whole phrases,
and the texts the generator remembers having read."""
from __future__ import annotations

import pytest

from quizgen import cues, grammar, kinds, text
from quizgen.generate import distractors
from quizgen.model import Item
from quizgen.plan import _cue_between, _CueIndex, _views, cueing_pairs


def _statement(n: int, stem: str, cue: tuple[tuple[str, ...], ...]) -> Item:
    return Item(id=f"mill-{n}/tf", type="tf", course="mills", unit="valley", fact_ids=(f"mill-{n}",),
                template="test/tf", stem=stem, answer="True", citation=None, options=("True", "False"), correct=0,
                cue=cue)


def _mills(count: int) -> list[Item]:
    """Statements that all use the words of "keeper of the lower weir" in other orders and places, and two that
    hold the phrase itself."""
    items = [_statement(n, f"Miller {n} was the keeper of a mill near the weir, lower down the valley.",
                        ((f"Miller {n}",),)) for n in range(count)]
    items.append(_statement(count, f"Miller {count} was the keeper of the lower weir.",
                            (("keeper of the lower weir", f"Miller {count}"), ("keeper of the lower weir",))))
    items.append(_statement(count + 1, "The keeper of the lower weir opened the sluice at dawn.",
                            (("sluice at dawn",),)))
    return items


def test_a_cue_whose_words_are_all_common_is_compared_only_with_the_questions_holding_it():
    items = _mills(40)
    views = _views(items)
    near = _CueIndex(views).near
    phrase_holder, other_holder = len(items) - 2, len(items) - 1
    # Every statement holds each word of "keeper of the lower weir"; only one other holds the phrase.
    assert near[phrase_holder] == {other_holder}
    every = [(a.item.id, b.item.id) for k, a in enumerate(views) for b in views[k + 1:] if _cue_between(a, b)]
    assert every == [(items[phrase_holder].id, items[other_holder].id)]
    assert list(cueing_pairs(items)) == every


# --- remembered texts: the same answers as read afresh, on texts no course holds ----------------------------

PHRASES = ["the lock keeper's daughter", "those barges", "at the time", "his ledger of tolls", "Kettle's",
           "\u201cweirs,\u201d", "one of the millers", "both of them", "the other bank", "", "Ağa Bridge",
           "Мельница у плотины", "the two sluices of the canal"]


@pytest.mark.parametrize("phrase", PHRASES)
def test_words_remembered_are_as_found(phrase):
    for _ in range(2):
        assert grammar.leaning_words(phrase) == list(grammar._leaning_words.__wrapped__(phrase))
        assert [grammar.bare(w) for w in phrase.split()] == [grammar.bare.__wrapped__(w) for w in phrase.split()]
        assert kinds.script_of(phrase) == kinds.script_of.__wrapped__(phrase)
        assert cues.word_count(phrase) == len(cues.words(phrase))


@pytest.mark.parametrize("iso", ["1788", "1788-03", "1788-03-09", "0045-11"])
def test_dates_remembered_are_as_written(iso):
    assert text.english_date(iso) == text.english_date.__wrapped__(iso) == text.english_date(iso)


def _names_in_read_afresh(name: str, text_: str, person: bool = False) -> bool:
    """`names_in` as it read a name each time it was asked."""
    folded = f" {distractors._joined(text_)} "
    whole = distractors._joined(name)
    if whole and f" {whole} " in folded:
        return True
    if not person:
        return False
    last = cues.surname(name)
    if last and f" {text.fold(last)} " in folded:
        return True
    parts = {text.fold(w) for w in cues.words(name) if w[:1].isupper()
             and text.fold(w) not in distractors.HONORIFICS}
    return len([p for p in parts if f" {p} " in folded]) >= 2


NAMES = ["Sir Edmund Harrow", "Edmund Harrow", "Harrow", "Mistress Ada Quill", "the Weir Guild", "Dr Ada Lovell-Quill",
         "Ilyas Kenzhe uly", ""]
TEXTS = ["Who rebuilt the weir after Harrow's flood?", "Which guild kept the weir?", "Ada and Quill signed it.",
         "Edmund met Harrow at the lock.", "Lovell-Quill wrote the tolls down.", "Kenzhe kept the mill."]


@pytest.mark.parametrize("name", NAMES)
def test_a_name_remembered_names_what_it_named_before(name):
    checked = 0
    for text_ in TEXTS:
        for person in (False, True):
            assert distractors.names_in(name, text_, person) == _names_in_read_afresh(name, text_, person)
            checked += _names_in_read_afresh(name, text_, person)
    assert checked or name in ("", "the Weir Guild", "Ilyas Kenzhe uly") or name.startswith("Mistress")


def _choice(n: int, stem: str, options: tuple[str, ...], correct: int) -> Item:
    return Item(id=f"ferry-{n}/mcq", type="mcq", course="ferries", unit="estuary", fact_ids=(f"ferry-{n}",),
                template="test/mcq", stem=stem, answer=options[correct], citation=None, options=options,
                correct=correct, cue=((options[correct],),))


def test_a_question_whose_answer_is_only_another_ones_option_is_not_compared_with_it():
    asks = _choice(1, "Which ferry first crossed at night?", ("The Heron", "The Swift", "The Plover"), 0)
    offers = _choice(2, "Which ferry carried the mail?", ("The Kittiwake", "The Heron", "The Tern"), 0)
    names = _choice(3, "Which ferry sank beside The Heron in the gale?", ("The Gannet", "The Skua", "The Auk"), 1)
    views = _views([asks, offers, names])
    near = _CueIndex(views).near
    assert near[0] == {2}  # "The Heron" is only an option of the second, but is named in the third's question
    assert not _cue_between(views[0], views[1])


def test_a_check_collects_garbage_less_often_and_leaves_the_collector_as_it_found_it(monkeypatch):
    import gc

    from helpers import MINI
    from quizgen import build

    seen = []
    generate = build.generate

    def noting(course):
        seen.append(gc.get_threshold())
        return generate(course)

    before = gc.get_threshold()
    monkeypatch.setattr(build, "generate", noting)
    report = build.check(MINI)
    assert report.items and seen == [build.COLLECT_THRESHOLDS]
    assert gc.get_threshold() == before != build.COLLECT_THRESHOLDS


def test_a_units_tense_is_read_once_and_never_taken_for_another_units(tmp_path):
    """The tense of a unit's quotes, which a cause without a tense of its own follows, is worked out once per unit
    (it was read again for every cause of a unit of 4,000 facts); a unit of the same name with other quotes gets
    its own."""
    from dataclasses import replace

    from helpers import course_items, fact, tiny_course
    from quizgen.generate.causes import _unit_in_past

    facts = "".join(fact(f"f{k}", "event", what=f"the mill {k} burned down", when=str(1800 + k)) for k in range(3))
    course, _, _ = course_items(tiny_course(tmp_path / "c", facts))
    unit = course.units[0]
    past = [replace(f, quote="the mill burned down") for f in unit.facts]
    present = [replace(f, quote="the mill burns down") for f in unit.facts]
    assert _unit_in_past(replace(unit, facts=tuple(past))) is True
    assert _unit_in_past(replace(unit, facts=tuple(present))) is False
