"""The deck under Anki's own maintenance, and retired notes reaching learners who already study them.

Everything here runs through Anki's own library (the `anki` package), importing with the options a
learner gets by default in Anki's import dialog (no scheduling from the package):

- Tools > Check Database (`Collection.fix_integrity()`), editing a note, Tools > Empty Cards and a second
  import leave exactly the cards the build meant, and no note is without a card;
- what an import does with a note and a card the learner already has (the reason for the design);
- a learner who studied an older deck, retired notes and all, imports today's deck;
- text that Anki reads as markup reaches a card as plain text.
"""
from __future__ import annotations

import dataclasses
import io
import re
import sqlite3
import zipfile

import pytest

from helpers import (
    MINI,
    REPO,
    T0,
    TESTS,
    Learner,
    build_deck,
    copy_course,
    edit_facts,
    fact,
    load,
    plain,
    remove_fact,
    render_deck,
    run_cli,
    tiny_course,
)
from quizgen.cards import select_deck_items
from quizgen.targets.anki.cardgen import card_ords, parse_template
from quizgen.targets.anki.notes import (
    RETIRED_TAG,
    WORD_JOINER,
    check_card_templates,
    load_card_templates,
    note_guid,
)
from quizgen.text import human_date

HISTORY = TESTS / "anki_history"  # decks quizgen wrote before retired notes carried a notice
DAY = 86_400


@pytest.fixture
def learner(tmp_path):
    person = Learner(tmp_path / "anki")
    yield person
    person.close()


def cards_of(col) -> set[tuple[str, int]]:
    """Every card of a collection, as (note GUID, card ordinal)."""
    return set(map(tuple, col.db.all("select n.guid, c.ord from cards c join notes n on n.id = c.nid")))


def cardless_notes(col) -> int:
    return col.db.scalar("select count() from notes where id not in (select nid from cards)")


def package_cards(data: bytes) -> tuple[set[tuple[str, int]], set[tuple[str, int]]]:
    """The cards a package holds, as (GUID, ordinal): those of current notes, and those of retired notes."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        db = sqlite3.connect(":memory:")
        db.deserialize(zf.read("collection.anki2"))
    rows = db.execute("select n.guid, c.ord, n.tags from cards c join notes n on n.id = c.nid").fetchall()
    db.close()
    live = {(g, o) for g, o, tags in rows if RETIRED_TAG not in tags.split()}
    return live, {(g, o) for g, o, tags in rows if RETIRED_TAG in tags.split()}


def shown(html: str) -> str:
    """What a learner reads on a card: its text, without the invisible word joiners that keep markup inert."""
    return plain(html).replace(WORD_JOINER, "")


def history(learner: Learner) -> dict[int, tuple]:
    """Each card's scheduling and the number of its reviews."""
    col = learner.col
    return {cid: (c.did, c.type, c.queue, c.ivl, c.due, c.reps, learner.revlog_count(cid))
            for cid in col.find_cards("") for c in [col.get_card(cid)]}


def assert_maintenance_keeps_the_cards(learner: Learner, deck) -> None:
    """Check Database, editing every note, Empty Cards and importing again: no card added or removed."""
    col = learner.col
    meant = set().union(*package_cards(deck.data))
    assert cards_of(col) == meant
    assert cardless_notes(col) == 0
    col.fix_integrity()
    assert cards_of(col) == meant, "Check Database added or removed cards"
    assert not col.get_empty_cards().notes, "Empty Cards would remove cards"
    for nid in col.find_notes(""):
        note = col.get_note(nid)
        note["Explanation"] += " (edited by the learner)"
        col.update_note(note)
    assert cards_of(col) == meant, "editing a note added or removed cards"
    log = learner.import_deck(deck)
    assert (log.new, log.conflicting) == (0, 0)
    assert cards_of(col) == meant and cardless_notes(col) == 0


# --- Anki's card rule -----------------------------------------------------------------------------


@pytest.mark.parametrize("fronts", [
    ["{{A}}", "{{#B}}{{B}}{{/B}}{{^B}}only text{{/B}}"],
    ["{{A}}", "{{Deck}}"],
    ["{{A}}", "{{#B}}only text{{/B}}"],
    ["{{A}}", "{{Tags}}<!-- {{B}} -->"],
    ["{{#A}}{{B}}{{/A}}", "{{^A}}{{B}}{{/A}}"],
    ["{{type:B}}", "{{text:A}}"],
], ids=["reverse-section", "special-field", "text-only", "tags-and-comment", "sections", "filters"])
def test_card_rule_is_ankis(fronts, learner):
    """quizgen's reading of which cards a note has agrees with Anki's, for every way of filling two fields."""
    import itertools

    col, models = learner.col, learner.col.models
    model = models.new("rule")
    for name in ("A", "B"):
        models.add_field(model, models.new_field(name))
    for k, front in enumerate(fronts):
        template = models.new_template(f"T{k}")
        template["qfmt"], template["afmt"] = front, "{{FrontSide}}"
        models.add_template(model, template)
    models.add(model)
    model = models.by_name("rule")
    parsed = [parse_template(front) for front in fronts]
    for a, b in itertools.product(["", "x", "<br>", " <div></div>", "<span></span>"], repeat=2):
        for tags in ([], ["tag"]):
            note = col.new_note(model)
            note["A"], note["B"], note.tags = a, b, tags
            col.add_note(note, 1)
            assert sorted(c.ord for c in note.cards()) == card_ords(parsed, {"A": a, "B": b}, bool(tags), False)


@pytest.mark.parametrize("text,other", [
    ("{{c1::a}}", ""), ("x", "{{c2::b}}"), ("{{c1::a {{c3::b}} }}", ""), ("{{c1::open", ""), ("plain", ""),
    ("{{c1::a}} {{c12::b}}", ""), ("{{c1::a" + WORD_JOINER + "}}", "{" + WORD_JOINER + "{c2::b}}"),
])
def test_cloze_card_rule_is_ankis(text, other, learner):
    models = learner.col.models
    model = models.new("cloze rule")
    model["type"] = 1
    for name in ("Text", "Other"):
        models.add_field(model, models.new_field(name))
    template = models.new_template("Cloze")
    template["qfmt"] = template["afmt"] = "{{cloze:Text}}"
    models.add_template(model, template)
    models.add(model)
    note = learner.col.new_note(models.by_name("cloze rule"))
    note["Text"], note["Other"] = text, other
    learner.col.add_note(note, 1)
    expected = card_ords([parse_template("{{cloze:Text}}")], {"Text": text, "Other": other}, False, True)
    assert sorted(c.ord for c in note.cards()) == expected


def test_the_packaged_cards_are_those_of_the_card_templates():
    course, items = load(MINI)
    out = render_deck(course, items, None, now=T0)
    live, retired = package_cards(out.data)
    notes = select_deck_items(items).items
    expected = {(note_guid(i.course, i.fact_ids[0], i.template), o)
                for i in notes for o in ([0, 1] if i.reverse else [0])}
    assert live == expected and not retired
    assert check_card_templates(course) == []  # the shipped card templates follow the rule they are read by


# --- what an import does, and why retired notes ship with a card -----------------------------------


def test_an_import_adds_every_note_and_check_database_gives_a_cardless_note_a_card(tmp_path, learner):
    """A package cannot give a note to one learner and not another: a note shipped without cards (as quizgen
    once shipped retired notes) arrives without cards, and Check Database then gives it its first card."""
    out, _ = build_deck(MINI)
    guid = note_guid("mini-steppe", "tokayev", "person/who-was")
    with zipfile.ZipFile(io.BytesIO(out.data)) as zf:
        db = sqlite3.connect(":memory:")
        db.deserialize(zf.read("collection.anki2"))
    db.execute("delete from cards where nid = (select id from notes where guid = ?)", (guid,))
    db.commit()
    stripped = io.BytesIO()
    with zipfile.ZipFile(stripped, "w") as zf:
        zf.writestr("collection.anki2", db.serialize())
        zf.writestr("media", "{}")
    db.close()
    learner.import_deck(stripped.getvalue(), with_scheduling=False)
    note = learner.notes_by_guid()[guid]
    assert note.cards() == [] and cardless_notes(learner.col) == 1
    learner.col.fix_integrity()
    assert [c.ord for c in learner.notes_by_guid()[guid].cards()] == [0, 1]
    assert cardless_notes(learner.col) == 0


def test_an_import_updates_fields_but_never_moves_or_reschedules_a_card(mini_course, learner, tmp_path):
    first, _ = build_deck(mini_course)
    learner.import_deck(first, with_scheduling=False)
    guid = note_guid("mini-steppe", "logic-formula", "claim/which-statement")
    [card] = learner.notes_by_guid()[guid].cards()
    learner.review(card.id, "GOOD")
    learner.review(card.id, "EASY")
    before = history(learner)[card.id]
    unit_deck = card.did

    remove_fact(mini_course, "logic-formula")
    second, _ = build_deck(mini_course, first.lock_text, now=T0 + DAY)
    for scheduling in (False, True):
        log = learner.import_deck(second, with_scheduling=scheduling)
        assert (log.new, log.updated) == (0, 0 if scheduling else 1)  # updated by the first import
        assert history(learner)[card.id] == before  # same deck, same scheduling, same reviews
        assert learner.col.get_card(card.id).did == unit_deck
        assert shown(learner.col.get_card(card.id).question()).startswith("Retired from the course on")
    # A learner who gets the note new finds its card in the Retired subdeck.
    newcomer = Learner(tmp_path / "newcomer")
    try:
        newcomer.import_deck(second, with_scheduling=False)
        [new_card] = newcomer.notes_by_guid()[guid].cards()
        assert newcomer.col.decks.name(new_card.did) == "Mini steppe course::Retired"
    finally:
        newcomer.close()


# --- Check Database, editing, Empty Cards, importing again ----------------------------------------


def _shipped(tmp_path):
    course = copy_course(REPO / "content", tmp_path / "content")
    out, _ = build_deck(course, (course / "quizgen.lock").read_text(encoding="utf-8"), now=T0 + 400 * DAY)
    return out


def _mini_with_retired_notes(tmp_path):
    course = copy_course(MINI, tmp_path / "mini")
    first, _ = build_deck(course)
    for fact_id in ("logic-formula", "independence", "unrest-troops", "csto"):  # choice, cloze, recall, reversed
        remove_fact(course, fact_id)
    out, _ = build_deck(course, first.lock_text, now=T0 + DAY)
    return out


def _every_kind_of_note(tmp_path):
    """Recall cards to type in, multiple choice with and without options, cloze, reversed and retired notes."""
    course, items = load(MINI)
    first = render_deck(course, items, None, now=T0)
    typed = dataclasses.replace(course, settings=course.settings.replace(type_in=True))
    changed = []
    for item in items:
        if item.id == "tokayev/who-was":  # too few distractors left: a choice note without options
            item = dataclasses.replace(item, type="recall", options=(), correct=-1)
        if not item.fact_ids or item.fact_ids[0] != "kazakh-letters":
            changed.append(item)
    return render_deck(typed, changed, first.lock_text, now=T0 + DAY)


@pytest.mark.parametrize("make", [_shipped, _mini_with_retired_notes, _every_kind_of_note],
                         ids=["shipped", "mini-with-retired-notes", "every-kind-of-note"])
def test_anki_maintenance_leaves_the_cards_the_build_meant(make, tmp_path, learner):
    out = make(tmp_path)
    log = learner.import_deck(out, with_scheduling=False)
    assert log.conflicting == 0
    assert_maintenance_keeps_the_cards(learner, out)


def test_the_shipped_deck_counts_before_and_after_check_database(tmp_path, learner):
    out = _shipped(tmp_path)
    live, retired = package_cards(out.data)
    learner.import_deck(out, with_scheduling=False)
    col = learner.col
    before = (col.note_count(), col.card_count(), cardless_notes(col))
    col.fix_integrity()
    after = (col.note_count(), col.card_count(), cardless_notes(col))
    print(f"\n[shipped deck] notes, cards, notes without cards: before Check Database {before}, after {after}; "
          f"{len(live)} cards of current notes, {len(retired)} of retired notes")
    assert before == after and before[2] == 0 and before[1] == len(live) + len(retired)


# --- a learner of an older deck ------------------------------------------------------------------


def _older_decks_by_quizgen_before_notices(tmp_path):
    return HISTORY / "mini-1.apkg", HISTORY / "mini-2.apkg", (HISTORY / "mini-2.lock").read_text(encoding="utf-8")


def _older_decks_by_todays_quizgen(tmp_path):
    course = copy_course(MINI, tmp_path / "older")
    first, _ = build_deck(course)
    remove_fact(course, "putin-speech")
    second, _ = build_deck(course, first.lock_text, now=T0 + DAY)
    return first, second, second.lock_text


@pytest.mark.parametrize("older", [_older_decks_by_quizgen_before_notices, _older_decks_by_todays_quizgen],
                         ids=["decks-by-quizgen-before-notices", "decks-by-todays-quizgen"])
def test_a_learner_of_an_older_deck_upgrades(older, tmp_path, learner):
    """Study an older deck (one fact retired the old way), answer every card, import today's deck.

    Today's course retires another fact, rewords a definition, and makes a role too long to be a
    reversed card's answer.
    """
    first, second, older_lock = older(tmp_path)
    col = learner.col
    learner.import_deck(first, with_scheduling=False)
    old_fields = {guid: [plain(value) for value in note.fields] for guid, note in learner.notes_by_guid().items()}
    for cid in col.find_cards(""):
        learner.review(cid, "GOOD")
    learner.import_deck(second, with_scheduling=False)
    for cid in col.find_cards(""):
        learner.review(cid, "GOOD")
    old_cards = cards_of(col)
    before = history(learner)
    assert all(reviews == 2 for *_, reviews in before.values())

    course = copy_course(MINI, tmp_path / "today")
    remove_fact(course, "putin-speech")
    remove_fact(course, "logic-formula")
    edit_facts(course, "definition: a military alliance led by Russia",
               "definition: a military alliance of former Soviet states under Russia's lead")
    edit_facts(course, "role: leader of Kazakhstan from independence until 2019",
               "role: the leader of Kazakhstan from its independence in 1991 until he stepped down in 2019")
    today, _ = build_deck(course, older_lock, now=T0 + 30 * DAY)
    log = learner.import_deck(today, with_scheduling=False)
    print(f"\n[upgrade {older.__name__}] {log}")
    assert (log.new, log.conflicting) == (0, 0)
    live, retired = package_cards(today.data)
    retired_notes = {guid for guid, _ in retired}
    guid = lambda fact_id, template: note_guid("mini-steppe", fact_id, template)  # noqa: E731
    assert {guid("putin-speech", "event/when"), guid("logic-formula", "claim/which-statement")} <= retired_notes

    # Every card keeps its deck, scheduling and reviews; no card is added for a retired note.
    assert history(learner) == before
    assert cards_of(col) == old_cards

    # The edited note shows its new text on both its cards.
    csto = learner.notes_by_guid()[guid("csto", "term/which-term")]
    assert len(csto.cards()) == 2
    assert all("former Soviet states" in shown(c.answer()) for c in csto.cards())

    # Every retired card says so, and nothing of what it said before.
    notices = {
        guid("putin-speech", "event/when"): f"Retired from the course on {human_date('2023-11-15')}: its fact was "
                                            f"taken out of the course.",
        guid("logic-formula", "claim/which-statement"): f"Retired from the course on {human_date('2023-12-14')}: "
                                                        f"its fact was taken out of the course.",
    }
    for note_guid_, notice in notices.items():
        for card in learner.notes_by_guid()[note_guid_].cards():
            front, back = shown(card.question()), shown(card.answer())
            assert front == notice
            assert "tag:quizgen::retired" in back
            for old in old_fields[note_guid_]:
                if len(old) > 3:
                    assert old not in front + back, old

    # The role grew too long for a reversed card: that card now says it was retired, and Anki counts it
    # as an empty card.
    nazarbayev = learner.notes_by_guid()[guid("nazarbayev", "person/who-was")]
    reversed_card = next(c for c in nazarbayev.cards() if c.ord == 1)
    assert shown(reversed_card.question()).startswith("This reversed card was retired from the course")
    assert (guid("nazarbayev", "person/who-was"), 1) not in live
    # (an older deck may hold other reversed cards that today's deck no longer makes, e.g. a role card for a person
    # the unit now says more of: each is empty the same way, and no other card is)
    empty = [cid for n in col.get_empty_cards().notes for cid in n.card_ids]
    assert reversed_card.id in empty
    for cid in empty:
        card = col.get_card(cid)
        assert card.ord == 1 and (card.note().guid, 1) not in live

    # Check Database adds nothing for a retired note (nor anything else).
    col.fix_integrity()
    assert cards_of(col) == old_cards

    # The documented removal steps leave exactly the current cards: Browse, tag:quizgen::retired, Notes >
    # Delete; Tools > Empty Cards.
    col.remove_notes(col.find_notes(f"tag:{RETIRED_TAG}"))
    col.remove_cards_and_orphaned_notes([cid for n in col.get_empty_cards().notes for cid in n.card_ids])
    assert cards_of(col) == live
    assert all(history(learner)[cid] == before[cid] for cid in col.find_cards(""))


# --- text Anki would read as markup -----------------------------------------------------------------

CASES = {
    # case: (the fact, the text a card must show as typed)
    "cloze-marker-in-a-fill-in-sentence": (
        fact("moscow", "background", period="the present day",
             statement="Kazakhstan, not {{c2::Moscow}}, chose [[its own course]]."), "{{c2::Moscow}}"),
    "cloze-marker-in-an-explanation": (
        fact("kyiv", "background", period="the present day", statement="Kyiv stood [[firm]].",
             explanation="Compare {{c3::Minsk}} and {{c1::Kyiv::hint}}."), "{{c3::Minsk}} and {{c1::Kyiv::hint}}"),
    "sound-tag": (
        fact("anthem", "person", name="Zhanna Dauletova", role="the singer of [sound:anthem.mp3]"),
        "[sound:anthem.mp3]"),
    "speech-tag": (
        fact("csto", "term", term="CSTO", definition="[anki:tts lang=en_US]a military alliance[/anki:tts]"),
        "[anki:tts lang=en_US]a military alliance[/anki:tts]"),
    "field-reference": (
        fact("fields", "person", name="Ivan Fieldov", role="the author of {{Front}} and {{Deck}}"),
        "{{Front}} and {{Deck}}"),
    "html": (
        fact("markup", "person", name="Ivan Markov",
             role='the man who wrote <img src=x onerror="alert(1)"> <b>here</b>'),
        '<img src=x onerror="alert(1)"> <b>here</b>'),
    "latex": (
        fact("formula", "person", name="Ivan Formulov", role="the author of [$]x^2[/$] and [latex]y[/latex]"),
        "[$]x^2[/$] and [latex]y[/latex]"),
    "mathjax": (
        fact("mathjax", "person", name="Ivan Mathov", role=r"the author of \(x^2\) and \[y\]"),
        r"\(x^2\) and \[y\]"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_text_anki_reads_as_markup_shows_as_typed(case, tmp_path, learner):
    facts, literal = CASES[case]
    course = tiny_course(tmp_path / "course", facts)
    out, items = build_deck(course)
    live, retired = package_cards(out.data)
    intended = sum(1 + bool(i.reverse) for i in select_deck_items(items).items)
    assert len(live) == intended and not retired
    learner.import_deck(out, with_scheduling=False)
    col = learner.col
    assert col.card_count() == intended
    seen = ""
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        front, back = card.question(), card.answer()
        assert not card.question_av_tags() and not card.answer_av_tags()  # no sound, no speech
        assert "<img" not in front + back and "<b>" not in front + back and "latex-" not in front + back
        assert not re.search(r"\\[(\[]|\{\{c\d|\[sound:|\[anki:", front + back)  # nothing left for Anki to read
        seen += shown(front) + " " + shown(back) + " "
    assert literal in seen
    assert_maintenance_keeps_the_cards(learner, out)


def test_titles_become_deck_names_of_one_level_each(tmp_path, learner):
    course = tiny_course(tmp_path / "course", fact("tokayev", "person", name="Kassym-Jomart Tokayev",
                                                   role="President of Kazakhstan", tags=["people::leaders"]))
    (course / "course.yaml").write_text(
        "title: 'History::Modern <b>era</b>'\nslug: tiny\nunits: [unit]\n", encoding="utf-8")
    facts = course / "unit" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "title: Tiny unit", "title: 'Unit <img src=x onerror=alert(1)> :: one [sound:x.mp3]'"), encoding="utf-8")
    own = course / "templates" / "anki"
    own.mkdir(parents=True)
    (own / "about.html").write_text(load_card_templates()["about.html"].replace(
        "</div>\n", "</div>\n<div class=\"where\">{{Deck}} / {{Subdeck}} / {{Tags}}</div>\n", 1), encoding="utf-8")
    out, _ = build_deck(course)
    learner.import_deck(out, with_scheduling=False)
    col = learner.col
    names = sorted(d.name for d in col.decks.all_names_and_ids() if d.name != "Default")
    course_deck = "History: Modern ‹b›era‹/b›"
    assert names == [course_deck, f"{course_deck}::Unit ‹img src=x onerror=alert(1)›: one [{WORD_JOINER}sound:x.mp3]"]
    for cid in col.find_cards(""):
        back = col.get_card(cid).answer()
        assert "<img" not in back and "<b>" not in back and not col.get_card(cid).answer_av_tags()
        assert "Unit ‹img src=x onerror=alert(1)›: one [sound:x.mp3]" in shown(back)
    result = run_cli("check", course)
    assert result.exit_code == 0
    title_warning = f"{course}/course.yaml:1: warning: the course title becomes the Anki deck name '{course_deck}'"
    assert title_warning in result.stderr
    assert f"{course}/unit/facts.yaml:1: warning: the unit 'unit' title becomes the Anki deck name" in result.stderr


def test_check_refuses_what_cannot_be_made_inert(tmp_path):
    """A citation link other than http(s), from any source format, and tags that a card would show as markup."""
    course = tiny_course(tmp_path / "course", fact("tokayev", "person", name="Kassym-Jomart Tokayev",
                                                   role="President of Kazakhstan", tags=["quizgen::retired"]))
    source = course / "unit" / "source.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "date: 2022-06\n", "date: 2022-06\nurl: \"JavaScript:alert(1)\"\n"), encoding="utf-8")
    result = run_cli("check", course)
    assert result.exit_code == 1
    assert (f"{source}:4: field 'url': 'JavaScript:alert(1)' is not a web address: a citation links only to an "
            f"http:// or https:// address") in result.stderr
    assert f"{course}/unit/facts.yaml:7: fact 'tokayev': field 'tags': item 1: 'quizgen::retired' is in " \
           f"quizgen's own tags" in result.stderr


def test_importing_a_markdown_article_keeps_only_a_web_link(tmp_path):
    from quizgen.authoring.importer import read_article

    article = tmp_path / "article.md"
    article.write_text("---\ntitle: The steppe\nurl: \"javascript:alert(document.cookie)\"\n---\n\nA paragraph.\n",
                       encoding="utf-8")
    read = read_article(article)
    assert "url" not in read.meta
    assert any("javascript:" in d.text for d in read.dropped)
    article.write_text("---\ntitle: The steppe\nurl: https://example.org/steppe\n---\n\nA paragraph.\n",
                       encoding="utf-8")
    assert read_article(article).meta["url"] == "https://example.org/steppe"


# --- the deck's own rules: short answers both ways, no question asked twice ----------------------------


@pytest.mark.parametrize("course_dir", [MINI, REPO / "content"], ids=["mini", "shipped"])
def test_every_card_answers_in_at_most_12_words_and_asks_its_own_question(course_dir):
    from quizgen.answers import too_long_to_recall
    from quizgen.cards import cards_of

    notes = select_deck_items(load(course_dir)[1]).items
    questions = [q for i in notes for q in [i.stem] + ([i.reverse[0]] if i.reverse else [])]
    assert len({q.casefold() for q in questions}) == len(questions)
    for item in notes:
        for _, answer in cards_of(item):
            assert not too_long_to_recall(answer), (item.id, answer)


def test_a_long_reversed_answer_leaves_out_only_the_reversed_card(tmp_path):
    long_role = "the leader of Kazakhstan from its independence in 1991 until he stepped down in 2019"
    course = tiny_course(tmp_path / "course", fact("nazarbayev", "person", name="Nursultan Nazarbayev", role=long_role)
                         + fact("tokayev", "person", name="Kassym-Jomart Tokayev", role="President of Kazakhstan"))
    course_, items = load(course)
    selection = select_deck_items(items)
    kept = {i.fact_ids[0]: i for i in selection.items}
    assert kept["nazarbayev"].reverse is None and kept["tokayev"].reverse is not None
    assert [(o.item.fact_ids[0], o.reason, o.reverse) for o in selection.left_out if o.reason == "long"] == [
        ("nazarbayev", "long", True)]
    output = run_cli("check", course).stdout
    assert "left out: 1 reversed card with answers too long to recall" in output


def test_two_cards_asking_one_question_keep_the_first(tmp_path):
    course = tiny_course(tmp_path / "course",
                         fact("first", "event", what="Kazakhstan chose its own course", when="2022-03",
                              question="When did this happen?")
                         + fact("second", "event", what="Kyrgyzstan declined a lab", when="2022-04",
                                question="When did this happen?"))
    _, items = load(course)
    selection = select_deck_items(items)
    assert [i.fact_ids[0] for i in selection.items] == ["first"]
    [dropped] = [o for o in selection.left_out if o.reason == "same-front"]
    assert dropped.item.fact_ids[0] == "second" and dropped.other.startswith("first/")
    # The generator already names the pair; the deck does not name it twice.
    warnings = [line for line in run_cli("check", course).stderr.splitlines() if "duplicate-question" in line]
    assert len(warnings) == 1 and "asks the same question as 'first/" in warnings[0]


def test_two_facts_describing_one_name_give_it_no_reversed_card(tmp_path):
    """Two reversed cards would ask one question ("What role does the article give Ivan Petrov?"), and even one
    has two right answers: the deck keeps neither, and check says why."""
    course = tiny_course(tmp_path / "course",
                         fact("elder", "person", name="Ivan Petrov", role="the mayor of Almaty in 1990")
                         + fact("younger", "person", name="Ivan Petrov", role="the mayor of Astana in 2020"))
    _, items = load(course)
    selection = select_deck_items(items)
    kept = {i.fact_ids[0]: i for i in selection.items}
    assert kept["elder"].reverse is None and kept["younger"].reverse is None
    from quizgen.build import check

    notes = [n for n in check(course).notes if n.code == "described-twice"]
    assert {n.fact for n in notes} == {"elder", "younger"} and "'Ivan Petrov'" in notes[0].message


def test_a_fact_that_comes_back_brings_its_note_back(mini_course, learner):
    facts = (mini_course / "steppe" / "facts.yaml").read_text(encoding="utf-8")
    first, _ = build_deck(mini_course)
    learner.import_deck(first, with_scheduling=False)
    guid = note_guid("mini-steppe", "logic-formula", "claim/which-statement")
    [card] = learner.notes_by_guid()[guid].cards()
    learner.review(card.id, "GOOD")
    remove_fact(mini_course, "logic-formula")
    second, _ = build_deck(mini_course, first.lock_text, now=T0 + DAY)
    learner.import_deck(second, with_scheduling=False)
    (mini_course / "steppe" / "facts.yaml").write_text(facts, encoding="utf-8")
    third, _ = build_deck(mini_course, second.lock_text, now=T0 + 2 * DAY)
    assert third.updated == ["logic-formula/which-statement"] and not third.retired
    assert '"retired"' not in third.lock_text
    log = learner.import_deck(third, with_scheduling=False)
    assert (log.new, log.updated) == (0, 1)
    note = learner.notes_by_guid()[guid]
    assert RETIRED_TAG not in note.tags and [c.id for c in note.cards()] == [card.id]
    assert "a < b & c" in shown(learner.col.get_card(card.id).answer()) and learner.revlog_count(card.id) == 1
    assert_maintenance_keeps_the_cards(learner, third)


def test_a_learner_who_gets_the_deck_new_meets_retired_notices_after_every_current_card(tmp_path, learner):
    # Anki keeps a new card's position on import (without scheduling, as its dialog does by default), and shows
    # new cards by position within a deck: the notices come after every card there is to learn.
    out = _shipped(tmp_path)
    learner.import_deck(out.data, with_scheduling=False)
    rows = learner.col.db.all("SELECT c.due, c.queue, n.tags FROM cards c JOIN notes n ON n.id = c.nid")
    retired = [due for due, _, tags in rows if RETIRED_TAG in tags.split()]
    live = [due for due, _, tags in rows if RETIRED_TAG not in tags.split()]
    assert retired and live and all(queue == 0 for _, queue, _ in rows)
    assert min(retired) > max(live)
