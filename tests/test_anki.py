"""The Anki deck, imported by Anki's own library (the official `anki` package) into temporary collections.

Each scenario imports with Anki's default options: notes matched by GUID and updated only when the
incoming note is newer. The import log figures (new / updated / duplicate / conflicting) are printed,
so `pytest -s` shows them.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
import sys
import zipfile

import pytest

from helpers import (
    MINI,
    T0,
    Learner,
    add_to_fact,
    anki_items,
    build_deck,
    load,
    package_db,
    plain,
    remove_fact,
    render_deck,
)
from quizgen.targets.anki.deck import shown_items
from quizgen.targets.anki.lock import parse_lock
from quizgen.targets.anki.notes import (
    RETIRED_TAG,
    deck_id,
    load_card_templates,
    note_guid,
)

KAZAKH = "Ә Ғ Қ Ң Ө Ұ Ү Һ І"
LOGIC_ITEM = "logic-formula/which-statement"
HOUR = 3600


@pytest.fixture
def learner(tmp_path):
    person = Learner(tmp_path / "anki")
    yield person
    person.close()


def report(scenario: str, log) -> None:
    print(f"\n[import log] {scenario}: {log}")


FIXTURE_ITEMS = {i.id: i for i in load(MINI)[1]}


def guid_of(item_id: str) -> str:
    item = FIXTURE_ITEMS[item_id]
    return note_guid(item.course, item.fact_ids[0], item.template)


def card_of(learner: Learner, item_id: str, ord_: int = 0) -> int:
    note = learner.notes_by_guid()[guid_of(item_id)]
    return next(c.id for c in note.cards() if c.ord == ord_)


# --- first import ----------------------------------------------------------------------------


def test_first_import_counts_rendering_and_text(learner):
    out, items = build_deck(MINI)
    shipped = anki_items(items)
    log = learner.import_deck(out)
    report("first import", log)
    col = learner.col

    assert (log.new, log.updated, log.duplicate, log.conflicting) == (len(shipped), 0, 0, 0)
    assert col.note_count() == len(shipped)
    assert col.card_count() == len(shipped) + sum(1 for i in shipped if i.reverse)
    assert sorted(out.new) == sorted(i.id for i in shipped)
    assert not out.updated and not out.retired and not out.unchanged

    for cid in col.find_cards(""):
        card = col.get_card(cid)
        front, back = card.question(), card.answer()
        assert plain(front), f"card {cid} has an empty front"
        assert front != back
        assert "{{" not in front + back
        assert plain(back).startswith(plain(front)[:20])

    fields = "\n".join("\x1f".join(n.fields) for n in learner.notes_by_guid().values())
    assert KAZAKH in fields
    assert "a &lt; b &amp; c" in fields and "a < b & c" not in fields

    logic = col.get_card(card_of(learner, LOGIC_ITEM))
    assert "a < b & c" in plain(logic.answer())  # the quote, on the back whatever the question asks
    assert "a &lt; b &amp; c" in logic.answer()
    letters = col.get_card(card_of(learner, "kazakh-letters/fill-blank"))
    assert KAZAKH not in plain(letters.question())  # hidden behind the cloze on the front
    assert KAZAKH in plain(letters.answer())


def test_decks_tags_and_new_card_order(learner, tmp_path):
    out, items = build_deck(MINI)
    db = package_db(out.data, tmp_path / "package")
    decks = {d["name"]: d["id"] for d in json.loads(db.execute("select decks from col").fetchone()[0]).values()}
    assert decks["Mini steppe course::The steppe in brief"] == deck_id("mini-steppe", "steppe")
    assert decks["Mini steppe course"] == deck_id("mini-steppe")
    db.close()

    learner.import_deck(out)
    col = learner.col
    unit_deck = col.decks.id_for_name("Mini steppe course::The steppe in brief")
    assert {col.get_card(cid).did for cid in col.find_cards("")} == {unit_deck}

    notes = learner.notes_by_guid()
    tokayev = notes[note_guid("mini-steppe", "tokayev", "person/who-was")]
    assert set(tokayev.tags) == {"quizgen::mini-steppe::steppe", "people", "person"}

    # New cards come due in item order; reversed cards next to their note's first card.
    order = {note_guid(i.course, i.fact_ids[0], i.template): i.order for i in anki_items(items)}
    cards = sorted((col.get_card(cid) for cid in col.find_cards("is:new")), key=lambda c: (c.due, c.ord))
    seen = [order[c.note().guid] for c in cards]
    assert seen == sorted(seen)


def test_multiple_choice_marks_the_correct_option_without_scripts(learner):
    out, items = build_deck(MINI)
    learner.import_deck(out)
    item = next(i for i in shown_items(load(MINI)[0], items) if i.id == "tokayev/who-was")  # in the deck's order
    card = learner.col.get_card(card_of(learner, item.id))
    front, back = card.question(), card.answer()
    assert "<script" not in (front + back).lower()
    for option in item.options:
        assert option in plain(front)
    letter = "ABCDEF"[item.correct]
    assert f'class="options correct-{letter}"' in back
    assert f"{letter}. {item.options[item.correct]}" in plain(back)
    assert item.citation.quote in plain(back) and "paragraph 1" in plain(back)
    reverse = learner.col.get_card(card_of(learner, item.id, ord_=1))
    assert plain(reverse.question()) == item.reverse[0]
    assert item.reverse[1] in plain(reverse.answer())


def test_markup_in_item_text_shows_literally(learner):
    course, items = load(MINI)
    nasty = '<script>alert("x")</script> & \'quoted\' <b>bold</b>'
    items = [dataclasses.replace(i, stem=nasty + " " + i.stem) if i.id == LOGIC_ITEM else i for i in items]
    out = render_deck(course, items, None, now=T0)
    learner.import_deck(out)
    card = learner.col.get_card(card_of(learner, LOGIC_ITEM))
    assert "<script" not in card.question() and "<b>" not in card.question()
    assert plain(card.question()).startswith(nasty)


# --- rebuilding --------------------------------------------------------------------------------


def test_unchanged_rebuild_is_byte_identical_and_imports_nothing(learner):
    first, items = build_deck(MINI)
    learner.import_deck(first)
    again, _ = build_deck(MINI, first.lock_text, now=T0 + 30 * 24 * HOUR)
    assert again.data == first.data
    assert again.lock_text == first.lock_text
    assert sorted(again.unchanged) == sorted(i.id for i in anki_items(items))
    assert not again.new and not again.updated and not again.retired
    before = learner.snapshot()
    log = learner.import_deck(again)
    report("unchanged rebuild", log)
    assert (log.new, log.updated, log.conflicting) == (0, 0, 0)
    assert log.duplicate == len(before)
    assert learner.snapshot() == before


@pytest.mark.slow
def test_package_is_reproducible_in_another_process(tmp_path):
    first, _ = build_deck(MINI)
    lock = tmp_path / "quizgen.lock"
    lock.write_text(first.lock_text, encoding="utf-8")
    script = (
        "import sys, hashlib\n"
        "from pathlib import Path\n"
        "from quizgen.build import load_course\n"
        "from quizgen.generate import generate_items\n"
        "from quizgen.cards import plan_deck\n"
        "from quizgen.targets.anki.deck import render_deck\n"
        "c = load_course(sys.argv[1])\n"
        "for lock in (None, Path(sys.argv[2]).read_text(encoding='utf-8')):\n"
        "    out = render_deck(c, plan_deck(c, generate_items(c)), lock, now=int(sys.argv[3]))\n"
        "    print(hashlib.sha256(out.data).hexdigest(), hashlib.sha256(out.lock_text.encode()).hexdigest())\n"
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONHASHSEED="4242")
    result = subprocess.run(
        [sys.executable, "-c", script, str(MINI), str(lock), str(T0)],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )
    digest = hashlib.sha256(first.data).hexdigest()
    lock_digest = hashlib.sha256(first.lock_text.encode()).hexdigest()
    assert result.stdout.split("\n")[:2] == [f"{digest} {lock_digest}"] * 2


def test_package_layout_is_fixed():
    out, _ = build_deck(MINI)
    with zipfile.ZipFile(__import__("io").BytesIO(out.data)) as zf:
        infos = zf.infolist()
        assert [i.filename for i in infos] == ["collection.anki2", "media"]
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in infos)
        assert zf.read("media") == b"{}"


def test_editing_a_fact_updates_only_its_note_and_keeps_reviews(mini_course, learner):
    first, _ = build_deck(mini_course)
    learner.import_deck(first)
    cid = card_of(learner, LOGIC_ITEM)
    reviewed = learner.review(cid, "GOOD")
    reviewed = learner.review(cid, "EASY")
    assert reviewed.type != 0 and learner.revlog_count(cid) == 2
    before = learner.snapshot()

    add_to_fact(mini_course, "logic-formula", 'explanation: "Written on the board & < checked >."')
    second, _ = build_deck(mini_course, first.lock_text, now=T0 + 24 * HOUR)
    assert second.updated == [LOGIC_ITEM]
    assert not second.new and not second.retired
    log = learner.import_deck(second)
    report("edit one fact", log)
    assert (log.new, log.updated, log.conflicting) == (0, 1, 0)

    after = learner.snapshot()
    guid = guid_of(LOGIC_ITEM)
    assert after.keys() == before.keys()
    changed = [g for g in after if after[g] != before[g]]
    assert changed == [guid]
    assert after[guid][0] == before[guid][0]  # same note id
    assert "Written on the board &amp; &lt; checked &gt;." in after[guid][1]

    card = learner.col.get_card(cid)
    assert (card.type, card.queue, card.ivl, card.due) == (reviewed.type, reviewed.queue, reviewed.ivl, reviewed.due)
    assert learner.revlog_count(cid) == 2
    assert "Written on the board & < checked >." in plain(card.answer())


def test_a_changed_note_is_newer_even_if_the_clock_is_behind(mini_course):
    first, _ = build_deck(mini_course)
    add_to_fact(mini_course, "logic-formula", "note: Seen in class.")
    second, _ = build_deck(mini_course, first.lock_text, now=T0 - 10 * HOUR)
    guid = guid_of(LOGIC_ITEM)
    old, new = parse_lock(first.lock_text).notes[guid], parse_lock(second.lock_text).notes[guid]
    assert new.mod == old.mod + 1
    unchanged = [g for g in parse_lock(second.lock_text).notes if g != guid]
    assert all(parse_lock(second.lock_text).notes[g].mod == T0 for g in unchanged)


def test_adding_a_fact_adds_only_its_notes(mini_course, learner):
    first, items = build_deck(mini_course)
    learner.import_deck(first)
    before = learner.snapshot()
    facts = mini_course / "steppe" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8") + (
        "  - id: logic-class\n"
        "    kind: background\n"
        "    period: the present day\n"
        "    statement: \"In logic class, the students wrote [[a < b & c]] on the board.\"\n"
        "    source: {paragraph: 2, quote: \"In logic class, the students wrote\"}\n"
    ), encoding="utf-8")
    second, new_items = build_deck(mini_course, first.lock_text, now=T0 + HOUR)
    added = [i.id for i in anki_items(new_items) if i.fact_ids[0] == "logic-class"]
    assert added and second.new == added
    assert not second.updated and not second.retired
    log = learner.import_deck(second)
    report("add one fact", log)
    assert (log.new, log.updated, log.conflicting) == (len(added), 0, 0)
    after = learner.snapshot()
    assert len(after) == len(before) + len(added)
    assert {g: after[g] for g in before} == before


def test_removing_a_fact_retires_its_note(mini_course, learner):
    first, _ = build_deck(mini_course)
    learner.import_deck(first)
    remove_fact(mini_course, "logic-formula")
    second, _ = build_deck(mini_course, first.lock_text, now=T0 + HOUR)
    assert second.retired == second.newly_retired == [LOGIC_ITEM]
    assert not second.new and not second.updated
    log = learner.import_deck(second)
    report("remove one fact", log)
    assert (log.new, log.updated, log.conflicting) == (0, 1, 0)
    guid = guid_of(LOGIC_ITEM)
    note = learner.notes_by_guid()[guid]
    assert RETIRED_TAG in note.tags
    assert learner.col.find_notes(f"tag:{RETIRED_TAG}") == [note.id]

    # The retired note stays in the lock, and later builds leave it alone.
    assert guid in parse_lock(second.lock_text).notes
    third, _ = build_deck(mini_course, second.lock_text, now=T0 + 2 * HOUR)
    assert third.data == second.data and third.retired == [LOGIC_ITEM]
    assert third.newly_retired == []  # named by the build that retired it, only counted after
    log = learner.import_deck(third)
    report("rebuild after removal", log)
    assert (log.new, log.updated) == (0, 0)


def test_changing_card_templates_updates_note_types_in_place(mini_course, learner):
    first, items = build_deck(mini_course)
    learner.import_deck(first)
    before = learner.snapshot()
    types_before = sorted(m.name for m in learner.col.models.all_names_and_ids())
    cid = card_of(learner, "tokayev/who-was")

    texts = load_card_templates()
    changed = {
        "style.css": texts["style.css"] + "\n.question { color: #7a1f1f; }\n",
        "choice-front.html": texts["choice-front.html"].replace(
            '<div class="question">', '<div class="kicker">Choose one</div>\n<div class="question">'),
    }
    second, _ = build_deck(mini_course, first.lock_text, now=T0 + HOUR, templates=changed)
    assert not second.new and not second.updated and not second.retired
    assert second.data != first.data
    log = learner.import_deck(second)
    report("card template and CSS change", log)
    assert (log.new, log.updated, log.conflicting) == (0, 0, 0)

    names = sorted(m.name for m in learner.col.models.all_names_and_ids())
    assert names == types_before
    assert not any(name.endswith("+") for name in names)
    assert learner.snapshot() == before
    card = learner.col.get_card(cid)
    assert "Choose one" in plain(card.question())
    assert "#7a1f1f" in card.question()


def test_type_in_setting_switches_recall_cards_in_place(mini_course, learner):
    course, items = load(mini_course)
    first = render_deck(course, items, None, now=T0)
    learner.import_deck(first)
    typed = dataclasses.replace(course, settings=course.settings.replace(type_in=True))
    second = render_deck(typed, items, first.lock_text, now=T0 + HOUR)
    log = learner.import_deck(second)
    report("type-in switched on", log)
    assert (log.new, log.updated, log.conflicting) == (0, 0, 0)
    assert not any(m.name.endswith("+") for m in learner.col.models.all_names_and_ids())
    recall = next(i for i in items if i.type == "recall" and i.deck)
    card = learner.col.get_card(card_of(learner, recall.id))
    assert "typeans" in card.question()


def test_a_question_that_changes_type_keeps_its_note_type(learner):
    # A multiple-choice question falls back to recall when too few distractors are left, and back
    # again later. Anki refuses to move a note to another note type ("conflicting"), so the note
    # keeps the type it was first shipped with.
    course, items = load(MINI)
    mcq = next(i for i in items if i.id == "tokayev/who-was")
    as_recall = [dataclasses.replace(i, type="recall", options=(), correct=-1) if i is mcq else i for i in items]
    first = render_deck(course, items, None, now=T0)
    learner.import_deck(first)
    second = render_deck(course, as_recall, first.lock_text, now=T0 + HOUR)
    # (the deck's key balance may also reorder another note's options: updated, never conflicting)
    assert mcq.id in second.updated
    log = learner.import_deck(second)
    report("choice question became recall", log)
    assert (log.new, log.updated, log.conflicting) == (0, len(second.updated), 0)
    card = learner.col.get_card(card_of(learner, mcq.id))
    assert mcq.answer in plain(card.answer()) and plain(card.question()) == mcq.stem

    other = Learner(learner.folder.parent / "other")
    try:
        first = render_deck(course, as_recall, None, now=T0)
        other.import_deck(first)
        second = render_deck(course, items, first.lock_text, now=T0 + HOUR)
        log = other.import_deck(second)
        report("recall question became multiple choice", log)
        assert (log.new, log.updated, log.conflicting) == (0, len(second.updated), 0) and mcq.id in second.updated
        card = other.col.get_card(card_of(other, mcq.id))
        shown = next(i for i in shown_items(course, items, parse_lock(first.lock_text))
                     if i.id == mcq.id)  # in the deck's order, as the lock it was built with keeps it
        assert all(option in plain(card.question()) for option in mcq.options)
        assert f"{'ABCDEF'[shown.correct]}. {mcq.answer}" in plain(card.answer())
    finally:
        other.close()


# --- identities and the lock ---------------------------------------------------------------------


def test_identities_come_from_stable_names_only():
    # Fixed values: the same on every machine and in every release.
    assert note_guid("mini-steppe", "tokayev", "person/who-was") == "9yoPE36CQjuQdssL"
    assert note_guid("mini-steppe", "tokayev", "person/who-was") != \
        note_guid("mini-steppe", "tokayev", "person/role-true-false")
    assert note_guid("a", "b", "c") == "Jj05y8xwCmSWQGfs"
    assert deck_id("mini-steppe", "steppe") == 5056087861708363
    assert 0 < deck_id("mini-steppe") < 2**53


def test_lock_is_sorted_readable_json():
    out, _ = build_deck(MINI)
    data = json.loads(out.lock_text)
    assert out.lock_text == json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    assert KAZAKH in out.lock_text  # readable, not \u-escaped
    assert set(data["models"]) == {"choice", "cloze", "recall"}
    entry = data["notes"][note_guid("mini-steppe", "tokayev", "person/who-was")]
    assert entry["item"] == "tokayev/who-was" and entry["mod"] == T0


def test_a_damaged_or_foreign_lock_is_reported():
    from quizgen.errors import ContentError

    course, items = load(MINI)
    with pytest.raises(ContentError, match="not valid JSON"):
        render_deck(course, items, '{"version": 1,', now=T0)
    first = render_deck(course, items, None, now=T0)
    other = dataclasses.replace(course, slug="another-course")
    with pytest.raises(ContentError, match="belongs to course 'mini-steppe'"):
        render_deck(other, items, first.lock_text, now=T0)
    assert render_deck(course, items, "", now=T0).data == first.data  # an empty lock is no lock
