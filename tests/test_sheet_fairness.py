"""What a test-wise student could exploit on a sheet, and the planner takes away: a word bank whose entries are
each the only one of their kind, true/false keys all of one value, fact-or-opinion labels in blocks, key letters
piling up, an exam that repeats the unit sheets, and matching descriptions that rule out a multiple-choice
question's options. Every input here is written for the test."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from helpers import MINI, fact, load, pdf_text, render_target, tiny_course
from quizgen.build import check, plan_job
from quizgen.model import LETTERS, Citation, Item
from quizgen.plan import (
    MIN_SHEET_POINTS,
    bank_companions,
    cueing_pairs,
    entry_kind,
    plan_sheets,
    plan_version,
    points_for,
)

UNIT = "steppe"


def item(n: int, itype: str, stem: str = "", answer: str = "answer", **kw) -> Item:
    fields = dict(id=f"fact-{n}/{itype}", type=itype, course="mini-steppe", unit=UNIT, fact_ids=(f"fact-{n}",),
                  template=f"test/{itype}", stem=stem or f"Question number {n}?", answer=answer,
                  citation=Citation("Test article", 1, "a quote"), order=n)
    fields.update(kw)
    return Item(**fields)


def blank(n: int, answer: str, extras: tuple[str, ...] = ()) -> Item:
    return item(n, "cloze", f"Sentence {n} has _____ in it.", answer, cloze=(f"Sentence {n} has ", answer, " in it."),
                extras=extras)


def course_of():
    course, _ = load(MINI)
    return replace(course, settings=course.settings.replace(exam=0))


# --- word banks -------------------------------------------------------------------------------------------


def test_entry_kinds_tell_numbers_units_years_names_and_head_nouns_apart():
    assert entry_kind("100 picometers") == entry_kind("32 picometers") == "number picometers"
    assert entry_kind("99.94%") == entry_kind("12%") != entry_kind("1,700")
    assert entry_kind("1888") == entry_kind("1907") == "year"
    assert entry_kind("28 April 2022") == entry_kind("the 1960s") == "date"
    assert entry_kind("J. J. Thomson") == entry_kind("Ernest Rutherford") == "name"
    assert entry_kind("Syr Darya") == entry_kind("Ural River") == "river"
    assert entry_kind("down quark") == entry_kind("up quark") != entry_kind("helium")
    assert entry_kind("word1") == "word1"  # a digit inside a word does not make it a number


def test_a_blank_alone_of_its_kind_gets_no_word_bank():
    course = course_of()
    # a length, a percentage and a person, with spare entries of none of their kinds: each blank would be
    # answered by its kind alone
    blanks = [blank(1, "100 picometers"), blank(2, "99.94%"), blank(3, "J. J. Thomson")]
    loose = [replace(b, extras=("helium", "nuclear fission")) for b in blanks]
    [sheet] = plan_sheets(course, loose)
    assert sheet.bank_extras == ()
    section = [s for s in plan_version(course, sheet, "A").sections if s.type == "cloze"][0]
    assert section.word_bank == ()


def test_a_word_bank_gives_every_blank_a_companion_and_lists_numbers_then_words():
    course = course_of()
    blanks = [blank(1, "100 picometers", ("helium", "32 picometers")), blank(2, "99.94%", ("0.06%",)),
              blank(3, "J. J. Thomson", ("Ernest Rutherford", "nuclear fission"))]
    [sheet] = plan_sheets(course, blanks)
    section = [s for s in plan_version(course, sheet, "A").sections if s.type == "cloze"][0]
    assert section.word_bank, "every blank has an entry of its kind to spare"
    for question in section.questions:
        assert bank_companions(question.item, section.word_bank), question.item.cloze
    assert {"32 picometers", "0.06%", "Ernest Rutherford"} <= set(section.word_bank)
    numbers = [e for e in section.word_bank if e[0].isdigit()]
    assert list(section.word_bank[: len(numbers)]) == numbers  # numbers first
    assert numbers == ["0.06%", "32 picometers", "99.94%", "100 picometers"]  # ascending
    words = list(section.word_bank[len(numbers):])
    assert words == sorted(words, key=str.casefold)
    # the same in every version: a bank in order gives nothing away
    assert plan_version(course, sheet, "B").sections[0].word_bank == section.word_bank


# --- true/false: about half False ---------------------------------------------------------------------------


def statement(n: int, truth: bool, other: bool = True) -> Item:
    said = f"River {n} flows into the {'Aral' if truth else 'Caspian'} Sea."
    counter = None
    if other:
        counter = statement(n, not truth, other=False)
    return item(n, "tf", said, "True" if truth else "False", options=("True", "False"), correct=0 if truth else 1,
                counterpart=counter)


def truths(course, sheet) -> Counter:
    return Counter(q.options[q.correct] for q in plan_version(course, sheet, "A").questions if q.item.type == "tf")


def test_a_sheet_of_true_statements_gets_about_half_false_from_their_other_versions():
    course = course_of()
    for count in (3, 4, 5, 6):
        [sheet] = plan_sheets(course, [statement(n, True) for n in range(1, count + 1)])
        keyed = truths(course, sheet)
        assert abs(keyed["True"] - keyed["False"]) <= 1, (count, keyed)
        for question in plan_version(course, sheet, "A").questions:  # the statement printed is the one keyed
            assert ("Caspian" in question.item.stem) == (question.options[question.correct] == "False")
    # all False comes back to half True too
    [sheet] = plan_sheets(course, [statement(n, False) for n in range(1, 5)])
    assert truths(course, sheet) == Counter({"True": 2, "False": 2})


def test_statements_without_another_version_keep_their_truth():
    course = course_of()
    [sheet] = plan_sheets(course, [statement(n, True, other=False) for n in range(1, 5)])
    assert truths(course, sheet) == Counter({"True": 4})


def test_a_sheet_all_of_one_truth_swaps_even_where_the_other_version_cues_a_question():
    from quizgen.plan import balance_truth

    course = course_of()
    # every false version names the answer of a short-answer question on the sheet ("the Tana mill")
    asked = item(50, "recall", "Which mill ground the valley's oats?", "the Tana mill", cue=(("the Tana mill",),))

    def cueing(n: int) -> Item:
        false = item(n, "tf", f"Miller {n} worked at the Tana mill.", "False", options=("True", "False"), correct=1)
        return item(n, "tf", f"Miller {n} worked at the Sorrel mill.", "True", options=("True", "False"), correct=0,
                    counterpart=false)

    for count in (3, 6, 7):
        statements = [cueing(n) for n in range(1, count + 1)]
        balanced = balance_truth(course, UNIT, [*statements, asked], [*statements, asked])
        keyed = Counter(i.answer for i in balanced if i.type == "tf")
        assert keyed["False"] == count // 3, (count, keyed)  # a third of them, not more: each costs a cue
    # where a statement can swap without a cue, no cueing swap is made
    quiet = [statement(n, True) for n in range(1, 7)]
    balanced = balance_truth(course, UNIT, [*quiet, asked], [*quiet, asked])
    assert all("Tana" not in i.stem for i in balanced)


def said_by(n: int) -> Item:
    """A statement of who said something, true, with no other version: no other speaker to name."""
    return item(n, "tf", f"According to the article, Mira Holt {n} said that the dam leaked.", "True",
                options=("True", "False"), correct=0, id=f"fact-{n}/speaker-tf", template="test/speaker-tf")


def test_a_statement_with_no_other_version_swaps_for_its_facts_written_false_one():
    from quizgen.plan import balance_truth
    course = course_of()
    for count in (2, 3, 4, 5):
        speakers = [said_by(n) for n in range(1, count + 1)]
        claims = [statement(n, True) for n in range(1, count + 1)]  # the same facts' claims, with a false version
        for seed in ("a", "b", "c"):
            seeded = replace(course, settings=course.settings.replace(seed=seed))
            balanced = balance_truth(seeded, UNIT, speakers, speakers + claims)
            keyed = Counter(i.answer for i in balanced)
            assert keyed["False"] and abs(keyed["True"] - keyed["False"]) <= 1, (count, keyed)
            assert [i.fact_ids for i in balanced] == [i.fact_ids for i in speakers]  # each fact still once
            for swapped in (i for i in balanced if i.answer == "False"):
                assert "Caspian" in swapped.stem  # the claim's written false version, keyed as printed
        # with nothing to swap for, they keep their truth
        assert balance_truth(course, UNIT, speakers, speakers) == speakers


def test_the_generator_writes_both_truths_of_a_statement_where_it_has_a_wrong_value():
    _, items = load(MINI)
    statements = [i for i in items if i.type == "tf"]
    paired = [i for i in statements if i.counterpart is not None]
    assert paired
    for i in paired:
        other = i.counterpart
        assert {i.answer, other.answer} == {"True", "False"} and other.correct == 1 - i.correct
        assert other.stem != i.stem and other.id == i.id and other.counterpart is None
    # a false statement that says of one thing another's description is given away wherever that description
    # shows: its cue is the description alone
    lent = [c[0] for i in paired for s in (i, i.counterpart) if s.answer == "False" for c in s.cue if len(c) == 1]
    assert lent and all(len(d.split()) >= 4 for d in lent)


# --- fact or opinion: no blocks of one label ---------------------------------------------------------------


def test_fact_or_opinion_labels_never_run_three_in_a_row_where_they_can_be_mixed():
    course = course_of()
    for facts, opinions in ((3, 3), (4, 2), (2, 4), (4, 3)):
        pairs = tuple((f"Statement {k} about the steppe.", "Fact" if k < facts else "Opinion")
                      for k in range(facts + opinions))
        asked = item(1, "fact_opinion", "Label each statement.", "", pairs=pairs,
                     fact_ids=tuple(f"f{k}" for k in range(len(pairs))))
        [sheet] = plan_sheets(course, [asked])
        for letter in LETTERS[:10]:
            [question] = plan_version(course, sheet, letter).questions
            labels = list(question.labels)
            assert all(labels[k:k + 3] != [labels[k]] * 3 for k in range(len(labels) - 2)), (letter, labels)
            assert sorted(zip(question.statements, labels)) == sorted(pairs)


# --- the exam asks what the unit sheets did not -----------------------------------------------------------


def test_the_exam_asks_a_fact_through_another_item_than_its_unit_sheet():
    course, _ = load(MINI)
    course = replace(course, settings=course.settings.replace(exam=4))
    asked = []
    for n in range(1, 5):
        asked.append(item(n, "recall", f"Which river feeds lake {n}?", f"River {n}"))
        asked.append(item(n, "mcq", f"Lake {n} is fed by which river?", f"River {n}", id=f"fact-{n}/mcq",
                          options=(f"River {n}", "Amu", "Syr", "Ili"), correct=0))
    sheets = plan_sheets(course, asked)
    units = [s for s in sheets if not s.is_exam]
    [exam] = [s for s in sheets if s.is_exam]
    on_units = {i.id for s in units for i in s.items}
    assert len(exam.items) == 4 and {f for i in exam.items for f in i.fact_ids} == {f"fact-{n}" for n in range(1, 5)}
    assert not on_units & {i.id for i in exam.items}, "each fact asked through the item its sheet did not use"


# --- cues by elimination, half answers and titles ---------------------------------------------------------


def choice(n: int, stem: str, key: str, wrong: tuple[str, ...], **kw) -> Item:
    return item(n, "mcq", stem, key, options=(key, *wrong), correct=0, cue=((key,), wrong), **kw)


def matching(n: int, pairs, extras=()) -> Item:
    return item(n, "matching", "Match each description to its term.", "", pairs=tuple(pairs), extras=tuple(extras),
                fact_ids=tuple(f"row-{n}-{k}" for k in range(len(pairs))), id=f"unit/matching-{n}")


GROUPS = [("a military alliance of six former Soviet states", "CSTO"),
          ("a yearly gathering of investors in Saint Petersburg", "SPIEF"),
          ("a customs union of five former Soviet states", "EAEU"),
          ("the holiday marking the end of the war in Europe", "Victory Day")]


def test_a_matching_question_that_defines_every_wrong_option_gives_the_key_away():
    asked = choice(1, "What is the name of China's drive to finance ports and railways abroad?",
                   "Belt and Road Initiative", ("CSTO", "SPIEF", "EAEU"))
    terms = matching(2, GROUPS)
    assert {frozenset(p) for p in cueing_pairs([asked, terms])} == {frozenset((asked.id, terms.id))}
    # a matching question that offers the same names without defining them (spares) rules nothing out
    spares = matching(3, [GROUPS[3], ("a lake that shrank", "Aral Sea"), ("a dam across a river", "Kokaral Dam")],
                      extras=("CSTO", "SPIEF", "EAEU"))
    assert cueing_pairs([asked, spares]) == ()
    # the sheet asks the fact another way where it can
    written = item(1, "recall", "What is the name of China's drive to finance ports and railways abroad?",
                   "Belt and Road Initiative", id="fact-1/recall")
    [sheet] = plan_sheets(course_of(), [asked, written, terms])
    assert written in sheet.items and asked not in sheet.items and sheet.cueing == ()


def test_wrong_options_that_other_questions_ask_about_are_ruled_out_together():
    effect = choice(1, "According to the article, what was a consequence of Russia's heavy losses in Ukraine?",
                    "its search for troops in other countries",
                    ("Kazakhstan's need to be careful in its foreign policy",
                     "Moscow's willingness to shrug off the refusal at first"))
    first = item(2, "recall", "What led to Kazakhstan's need to be careful in its foreign policy?", "a weak army")
    second = item(3, "recall", "What led to Moscow's willingness to shrug off the refusal at first?", "Belarus")
    pairs = {frozenset(p) for p in cueing_pairs([effect, first, second])}
    assert pairs == {frozenset((effect.id, first.id)), frozenset((effect.id, second.id))}
    assert cueing_pairs([effect, first]) == ()  # one wrong option ruled out leaves a choice of two
    # names mentioned elsewhere are not ruled out: Rutherford may have said it too
    said = choice(4, "Who said that the atom was mostly empty space?", "Ernest Rutherford",
                  ("J. J. Thomson", "John Dalton"))
    others = [item(5, "recall", "What did J. J. Thomson measure in 1897?", "the electron's charge to mass"),
              item(6, "recall", "When did John Dalton publish his atomic theory?", "1808")]
    assert cueing_pairs([said, *others]) == ()


def test_a_statement_that_prints_half_a_model_answer_gives_the_short_answer_away():
    written = item(1, "recall", "Why must Kazakhstan be careful in its policy toward Moscow?",
                   "its large Russian minority could give Russia a pretext for intervention")
    statement = item(2, "tf", "A large Russian minority could give Moscow a pretext to step in.", "True",
                     options=("True", "False"), correct=0)
    unrelated = item(3, "tf", "Kazakhstan declared its independence in December 1991.", "True",
                     options=("True", "False"), correct=0)
    assert {frozenset(p) for p in cueing_pairs([written, statement, unrelated])} == {
        frozenset((written.id, statement.id))}


def test_a_title_that_names_an_answer_beside_what_is_asked_is_kept_from_giving_it_away(tmp_path):
    course = course_of()
    course = replace(course, title="Lala Lajpat Rai, the Lion of Punjab")
    asked = choice(1, "Who was the Indian author popularly known as the Lion of Punjab?", "Lala Lajpat Rai",
                   ("Bal Gangadhar Tilak", "Bipin Chandra Pal"))
    rows = matching(2, [("Indian author popularly known as the Lion of Punjab", "Lala Lajpat Rai"),
                        ("a leader from Maharashtra who edited Kesari", "Bal Gangadhar Tilak"),
                        ("a leader from Bengal and orator", "Bipin Chandra Pal"),
                        ("a lawyer who led the salt march", "Mohandas Gandhi")])
    other = item(1, "recall", "In which year was the author of Unhappy India born?", "1865", id="fact-1/recall")
    [sheet] = plan_sheets(course, [asked, other])
    assert sheet.items == (other,), "the fact is asked another way"
    [sheet] = plan_sheets(course, [asked, rows])
    assert set(sheet.title_cues) == {asked.id, rows.id}
    [plain] = plan_sheets(replace(course, title="Lala Lajpat Rai"), [asked, rows])
    assert plain.title_cues == ()


# --- a pair no other question parts: one of the two is left off the sheet -------------------------------

# The statement names the holiday beside "parade", a word of what the term question asks; each fact has no
# other question a sheet can ask (a claim makes a true/false statement; the term one question: its definition
# lists three things, so no short answer asks for it without a marking scheme).
HOLIDAY = fact("holiday", "term", term="Victory Day", determiner="none",
               definition="the 9 May holiday marking the end of the Second World War in Europe, celebrated with "
                          "military parades, fireworks and wreaths", category="commemoration",
               distractors=["Defender of the Fatherland Day", "Unity Day"])
PARADE = fact("parade", "claim", speaker="the article",
              claim="the cancellation of the Victory Day parade reflected a growing cultural separation",
              distortion="the decision to hold the Victory Day parade reflected a continuing cultural closeness")
FAIRS = ["harvest", "river", "lantern", "kite", "music", "pottery", "horse", "salt", "weaving", "falcon", "apple",
         "boat", "bread", "copper"]


def holiday_course(folder, fairs: int):
    """The cueing pair and `fairs` events that give nothing away, each asking its year."""
    events = "".join(fact(f"event-{k}", "event", what=f"the first {word} fair was held in the capital",
                          when=str(1900 + 7 * k)) for k, word in enumerate(FAIRS[:fairs]))
    return tiny_course(folder, HOLIDAY + PARADE + events)


def test_a_pair_no_other_question_parts_loses_its_true_false_statement(tmp_path):
    report = check(holiday_course(tmp_path / "c", 14))
    [sheet] = report.sheets
    ids = {i.id for i in sheet.items}
    assert "holiday/which-term" in ids and "parade/claim-true-false" not in ids
    assert [(i.id, other) for i, other in sheet.left_off] == [("parade/claim-true-false", "holiday/which-term")]
    assert sheet.cueing == ()
    assert sum(points_for(i) for i in sheet.items) >= MIN_SHEET_POINTS
    assert "sheet-cue" not in {w.code for w in report.warnings}


def test_a_sheet_at_its_minimum_keeps_both_and_warns(tmp_path):
    report = check(holiday_course(tmp_path / "c", 13))
    [sheet] = report.sheets
    assert sum(points_for(i) for i in sheet.items) == MIN_SHEET_POINTS  # one question fewer would be too short
    assert {"holiday/which-term", "parade/claim-true-false"} <= {i.id for i in sheet.items}
    assert sheet.left_off == () and len(sheet.cueing) == 1
    assert [w.code for w in report.warnings if w.code.startswith("sheet-")] == ["sheet-cue"]
    assert [n for n in report.notes if n.code == "sheet-left-off"] == []


def test_the_note_names_the_pair_and_why(tmp_path):
    report = check(holiday_course(tmp_path / "c", 14))
    [note] = [n for n in report.notes if n.code == "sheet-left-off"]
    assert (note.level, note.code, note.fact, note.item) == ("note", "sheet-left-off", "parade",
                                                             "parade/claim-true-false")
    assert note.message.startswith("sheet 'unit' leaves it off: it and 'holiday/which-term' give each other away "
                                   "('parade/claim-true-false' shows 'Victory Day')")
    assert "a true/false statement" in note.message and "the deck and the web quiz still ask its fact" in note.message
    assert str(note).split(": ")[1] == "note"


def test_build_prints_the_notes_check_prints(tmp_path):
    from helpers import run_cli

    folder = holiday_course(tmp_path / "c", 14)
    checked = run_cli("check", folder)
    notes = [line for line in checked.output.splitlines() if ": note: " in line]
    assert any("[sheet-left-off]" in line for line in notes)
    built = run_cli("build", folder, "-o", tmp_path / "out")
    assert built.exit_code == 0, built.output
    assert [line for line in built.output.splitlines() if ": note: " in line] == notes
    again = run_cli("build", folder, "-o", tmp_path / "out")  # up to date: the notes still show
    assert "Up to date" in again.output
    assert [line for line in again.output.splitlines() if ": note: " in line] == notes
    quiet = run_cli("build", folder, "-o", tmp_path / "out", "-q")
    assert ": note: " not in quiet.output


def test_the_exam_leaves_one_of_a_pair_off_too(tmp_path):
    folder = holiday_course(tmp_path / "c", 14)
    (folder / "course.yaml").write_text((folder / "course.yaml").read_text() + "settings:\n  exam: 20\n")
    report = check(folder)
    exam = next(s for s in report.sheets if s.is_exam)
    assert [(i.id, other) for i, other in exam.left_off] == [("parade/claim-true-false", "holiday/which-term")]
    assert exam.cueing == () and "holiday/which-term" in {i.id for i in exam.items}
    assert any(n.message.startswith("the exam leaves it off: it and 'holiday/which-term'") for n in report.notes)


def written(n: int, stem: str, answer: str, **kw) -> Item:
    return item(n, "recall", stem, answer, cue=((answer,),), **kw)


def test_a_question_left_off_gives_its_place_to_one_of_a_fact_not_asked_that_cues_nothing():
    from quizgen.plan import refill

    course = course_of()
    kept = [written(1, "What does the morning ferry carry to the island?", "the post"),
            written(2, "In which year did the harbour wall collapse?", "1953")]
    lost = written(3, "Who kept the lighthouse until it closed?", "Morag Finlay")
    pool = kept + [lost,
                   written(1, "What does the evening ferry bring back?", "fish", id="fact-1/again"),  # a fact asked
                   written(4, "Why did the post arrive late in 1953?", "storms"),  # shows the other's answer
                   statement(5, True),  # half of it is guessed
                   written(6, "How many families still live on the island?", "eleven")]
    assert cueing_pairs([kept[1], pool[4]]), "the test's cue is one the detector sees"
    new, cueing, left, replaced = refill(course, UNIT, kept, (), ((lost, kept[0].id),), pool, pool)
    assert [(i.id, gone) for i, gone in replaced] == [("fact-6/recall", lost.id)]
    assert [i.id for i in new] == ["fact-1/recall", "fact-2/recall", "fact-6/recall"]
    assert cueing == () and [i.id for i, _ in left] == [lost.id]
    # a true/false statement only where nothing else fits; nothing at all: the sheet stays one question shorter
    _, _, _, replaced = refill(course, UNIT, kept, (), ((lost, kept[0].id),), pool[:6], pool)
    assert [i.id for i, _ in replaced] == ["fact-5/tf"]
    new, _, _, replaced = refill(course, UNIT, kept, (), ((lost, kept[0].id),), pool[:5], pool)
    assert replaced == () and new == kept


def test_the_exam_replaces_with_an_item_the_unit_sheets_did_not_ask_first():
    from quizgen.plan import refill

    course = course_of()
    kept = [written(1, "What does the morning ferry carry to the island?", "the post")]
    lost = written(3, "Who kept the lighthouse until it closed?", "Morag Finlay")
    asked_before = written(6, "How many families still live on the island?", "eleven")
    fresh = written(7, "Which crop grows on the island's western fields?", "barley")
    pool = kept + [lost, asked_before, fresh]
    _, _, _, replaced = refill(course, "exam", kept, (), ((lost, kept[0].id),), pool, pool, {asked_before.id})
    assert [i.id for i, _ in replaced] == [fresh.id]


def test_the_note_names_the_question_asked_in_the_place_of_the_one_left_off(tmp_path):
    from quizgen.lint import lint_plan

    course, items = load(holiday_course(tmp_path / "c", 14))
    job = plan_job(course, items)
    [sheet] = job.sheets
    event = next(i for i in sheet.items if i.id != "holiday/which-term")
    sheet = replace(sheet, replaced=((event, "parade/claim-true-false"),))
    [note] = [p for p in lint_plan(course, items, (sheet,), job.deck) if p.code == "sheet-left-off"]
    assert note.message.endswith(f"; '{event.id}', a question of another fact, takes its place")


def test_a_sheet_that_loses_a_statement_balances_its_true_false_keys_again():
    from quizgen.plan import refill

    course = course_of()
    # four statements keyed True, True, True, False once a False one is left off: one True becomes False
    kept = [statement(1, True), statement(2, True), statement(3, True), statement(4, False)]
    lost = statement(5, False)
    new, _, left, _ = refill(course, UNIT, kept, (), ((lost, kept[0].id),), kept + [lost], kept + [lost])
    assert sorted(i.answer for i in new) == ["False", "False", "True", "True"]
    swapped = {i.fact_ids[0] for i in new if i.answer == "False"} - {"fact-4"}
    if swapped == {"fact-1"}:  # the partner was turned round: the note names the statement the sheet asks
        assert left[0][1] == next(i.id for i in new if i.fact_ids == ("fact-1",))


def test_a_sheet_planned_with_a_statement_left_off_keeps_half_its_statements_false():
    # four statements keyed True that the planner may turn round, and one keyed False that gives a short
    # answer away: once that one is left off, the sheet is balanced again, whatever the seed
    course = course_of()
    statements = [statement(n, True) for n in range(1, 5)]
    lone = item(5, "tf", "The Oder ferry carried the post to Wollin.", "False", options=("True", "False"), correct=1)
    post = written(6, "What did the Oder ferry carry to Wollin?", "the post")
    villages = [written(n, f"Which village number {n} lies nearest the harbour?", f"Village{n}") for n in range(7, 19)]
    for seed in range(8):
        # a course whose own settings make no deck (not a build narrowed by --only)
        seeded = replace(course, settings=course.settings.replace(targets=("pdf",), seed=str(seed)),
                         own_targets=("pdf",))
        [sheet] = plan_sheets(seeded, statements + [lone, post] + villages)
        assert [i.id for i, _ in sheet.left_off] == [lone.id]
        assert sorted(i.answer for i in sheet.items if i.type == "tf") == ["False", "False", "True", "True"]


def test_the_deck_and_the_web_quiz_keep_both(tmp_path):
    course, items = load(holiday_course(tmp_path / "c", 14))
    job = plan_job(course, items)
    [sheet] = job.sheets
    assert "parade" in {f for i in job.deck.items for f in i.fact_ids}
    assert "holiday" in {f for i in job.deck.items for f in i.fact_ids}
    assert "parade/claim-true-false" in {i.id for i in sheet.quiz_items}
    page = render_target("web", course, items).files["web/unit.html"].decode()
    assert "cultural" in page and "Victory Day" in page  # the statement, and the term question
    worksheet = pdf_text(render_target("pdf", course, items).files["worksheets/unit-A.pdf"])
    assert "Victory Day" in worksheet  # the term question's options
    assert "cultural" not in worksheet


# --- matching lists of one kind ---------------------------------------------------------------------------


def test_a_matching_list_leaves_out_a_row_alone_of_its_kind_and_names_the_kind(tmp_path):
    from helpers import fact, tiny_course

    entries = [("World Bank", "a lender that financed the dam"),
               ("Shanghai Cooperation Organisation", "a grouping for security led by China and Russia"),
               ("Asian Infrastructure Investment Bank", "a lender founded in Beijing in 2016"),
               ("International Monetary Fund", "a lender of last resort to governments in crisis"),
               ("Victory Day", "the 9 May holiday marking the end of the war in Europe")]
    facts = "".join(fact(f"term-{k}", "term", term=t, definition=d) for k, (t, d) in enumerate(entries))
    _, items = load(tiny_course(tmp_path / "terms", facts))
    [terms] = [i for i in items if i.type == "matching"]
    assert "Victory Day" not in [name for _, name in terms.pairs] + list(terms.extras)
    assert "term-4" not in terms.fact_ids
    assert terms.stem == "Match each description to the organisation it fits."
    # a group among single people is left out of the people's list
    people = [("Kassym-Jomart Tokayev", "the president of Kazakhstan in 2022"),
              ("Vladimir Putin", "the president of Russia in 2022"),
              ("Joseph Stalin", "the Soviet leader who deported peoples to Kazakhstan"),
              ("Nicholas I", "the Russian emperor whose armies reached the steppe"),
              ("Hans Geiger and Ernest Marsden", "the two physicists who fired alpha particles at gold foil")]
    facts = "".join(fact(f"person-{k}", "person", name=n, role=r) for k, (n, r) in enumerate(people))
    _, items = load(tiny_course(tmp_path / "people", facts))
    [persons] = [i for i in items if i.type == "matching"]
    assert "Hans Geiger and Ernest Marsden" not in [name for _, name in persons.pairs] + list(persons.extras)


def test_lint_names_a_sheet_whose_statements_all_have_one_value_and_no_other_version(tmp_path):
    from quizgen.lint import lint_plan

    course = course_of()
    course = replace(course, settings=course.settings.replace(targets=("pdf",)))
    stuck = plan_sheets(course, [statement(n, True, other=False) for n in range(1, 4)])
    [warning] = [p for p in lint_plan(course, [], stuck, None) if p.code == "true-false-one-value"]
    assert "all 3 true/false statements of sheet 'steppe' are True" in warning.message
    assert "'fact-1', 'fact-2', 'fact-3'" in warning.message
    balanced = plan_sheets(course, [statement(n, True) for n in range(1, 4)])
    assert not [p for p in lint_plan(course, [], balanced, None) if p.code == "true-false-one-value"]


# --- key letters on a sheet with few multiple-choice questions --------------------------------------------


def test_five_questions_spread_their_keys_within_a_version_and_below_35_percent_over_ten():
    # With five keys over four letters one letter holds two in every version (40%): the limit can only hold
    # over the versions, and within one version no letter holds more than its share rounded up.
    course = course_of()
    course = replace(course, settings=course.settings.replace(versions=10))
    asked = [choice(n, f"Which river feeds lake {n}?", f"River {n}", (f"Stream {n}", f"Brook {n}", f"Creek {n}"))
             for n in range(1, 6)]
    [sheet] = plan_sheets(course, asked)
    pooled: Counter = Counter()
    for letter in LETTERS[:10]:
        keys = Counter(q.correct for q in plan_version(course, sheet, letter).questions)
        assert max(keys.values()) <= 2, (letter, keys)
        pooled.update(keys)
    assert max(pooled.values()) <= 0.35 * sum(pooled.values()), pooled


def test_a_matching_list_takes_rows_of_one_kind_only_even_where_no_head_noun_names_a_known_family(tmp_path):
    from helpers import fact, tiny_course

    nicknames = [("the Lark", "a nickname of the singer Mara Velt given for her high voice"),
                 ("Old Ironhand", "a nickname of the blacksmith Tomas Greer after his injury"),
                 ("the Quiet Judge", "a nickname of the magistrate Ilse Moran for her short rulings"),
                 ("Little Comet", "a nickname of the runner Pavo Lind from his first race")]
    others = [("Dunmarrow", "the market town where the three friends first met"),
              ("Kellwick College", "the college in the hills where Ilse Moran studied law"),
              ("warden", "the rank Tomas Greer held in the town guard")]
    entries = nicknames + others
    facts = "".join(fact(f"term-{k}", "term", term=t, definition=d) for k, (t, d) in enumerate(entries))
    _, items = load(tiny_course(tmp_path / "mixed", facts))
    [matching] = [i for i in items if i.type == "matching"]
    assert {name for _, name in matching.pairs} | set(matching.extras) <= {t for t, _ in nicknames}
    assert set(matching.fact_ids) <= {f"term-{k}" for k in range(len(nicknames))}
    # fewer than four of any one kind: no list at all, each fact is asked on its own
    facts = "".join(fact(f"term-{k}", "term", term=t, definition=d) for k, (t, d) in enumerate(nicknames[:3] + others))
    _, items = load(tiny_course(tmp_path / "few", facts))
    assert not [i for i in items if i.type == "matching"]
    assert {f"term-{k}" for k in range(6)} <= {f for i in items for f in i.fact_ids}


# --- a stem naming another question's answer --------------------------------------------------------------


def test_a_stem_that_names_a_matching_rows_answer_and_what_the_row_says_of_it_gives_the_row_away():
    people = matching(1, [("the printer of the harbour atlas who named the northern cape", "Ansel Brandt"),
                          ("the surveyor who walked the coast road in one summer", "Odile Marsh"),
                          ("the sailor who first charted the reef", "Pim Aldous")], extras=("Rhea Santos",))
    dated = choice(2, "In which year did Ansel Brandt print his first book?", "1611", ("1609", "1613", "1615"))
    other = choice(3, "In which year did Ansel Brandt die?", "1640", ("1636", "1644", "1648"))
    assert cueing_pairs([people, dated]) == ((people.id, dated.id),)
    assert cueing_pairs([people, other]) == ()  # naming him says nothing the rows ask


def test_a_stem_that_shows_an_accepted_form_of_a_written_answer_gives_it_away():
    title = item(1, "recall", "What is the original title of the long poem about the flood?", "Canto del Mar",
                 accept=("Song of the Sea",), cue=(("Canto del Mar",),))
    translated = item(2, "recall", "Who translated Song of the Sea into English in 1950?", "Lena Ruiz",
                      cue=(("Lena Ruiz",),))
    assert cueing_pairs([title, translated]) == ((title.id, translated.id),)
    # the planner leaves one of the two off a sheet that can spare it, and asks another fact in its place
    course = course_of()
    spare = [item(n, "recall", f"Which harbour lies at the mouth of river number {n}?", f"Port {n}",
                  cue=((f"Port {n}",),)) for n in range(3, 24)]
    [sheet] = plan_sheets(course, [title, translated] + spare)
    assert not {title.id, translated.id} <= {i.id for i in sheet.items}
    assert not sheet.cueing


def test_years_in_order_take_spare_values_so_their_keys_do_not_share_a_letter():
    # Each answer is the latest of its years, so in order every key would be D in every version; the spare years
    # let the planner show a later one and move the key, keeping the years in order.
    course = course_of()
    course = replace(course, settings=course.settings.replace(versions=10))
    asked = [choice(n, f"In which year did the ferry number {n} first cross the strait?", str(1900 + 10 * n),
                    tuple(str(1900 + 10 * n - d) for d in (3, 2, 1)),
                    extras=(str(1900 + 10 * n + 1), str(1900 + 10 * n + 2)))
             for n in range(1, 4)]
    [sheet] = plan_sheets(course, asked)
    for letter in LETTERS[:10]:
        questions = plan_version(course, sheet, letter).questions
        for q in questions:
            assert list(q.options) == sorted(q.options) and q.options[q.correct] == q.item.answer
            assert len(q.options) == 4
        keys = Counter(q.correct for q in questions)
        assert max(keys.values()) <= 0.35 * len(questions), (letter, keys)
    # a question without spare values keeps its own options
    plain = [choice(n, f"In which year did the ferry number {n} first cross the strait?", str(1900 + 10 * n),
                    tuple(str(1900 + 10 * n - d) for d in (3, 2, 1))) for n in range(1, 4)]
    [sheet] = plan_sheets(course, plain)
    assert [i.options for i in sheet.items] == [i.options for i in plain]


def test_a_question_of_years_keeps_spare_years_of_its_kind_that_it_does_not_show(tmp_path):
    from helpers import fact, tiny_course

    events = [("1871", "the first ferry crossed the strait"), ("1874", "the lighthouse on the cape was lit"),
              ("1877", "the harbour wall was finished"), ("1880", "the railway reached the port"),
              ("1883", "the fish market moved to the quay"), ("1886", "the customs house burnt down")]
    facts = "".join(fact(f"event-{k}", "event", when=w, what=e) for k, (w, e) in enumerate(events))
    _, items = load(tiny_course(tmp_path / "c", facts, source_date="1900-01"))
    chosen = [i for i in items if i.type == "mcq" and i.fact_ids[0].startswith("event")]
    assert chosen
    for item in chosen:
        assert item.extras and not set(item.extras) & set(item.options)
        assert all(e.isdigit() and len(e) == 4 for e in item.extras)


def test_the_deck_spreads_keys_of_years_in_order_with_their_spare_years_and_leaves_a_spread_deck_alone():
    from quizgen.options import arrange_options

    def years(n: int, below: int, above: int) -> Item:
        key = 1700 + 20 * n
        wrong = tuple(str(key - d) for d in range(below, 0, -1)) + tuple(str(key + d) for d in range(1, above + 1))
        return choice(n, f"In which year was the canal number {n} dug through the marsh?", str(key), wrong,
                      extras=(str(key + 4), str(key + 5), str(key + 6), str(key - 5)))

    crowded = [years(n, 3, 0) for n in range(1, 9)]  # every key the latest: D eight times
    arranged = arrange_options(crowded, "course", "", "deck")
    keys = Counter(i.correct for i in arranged)
    assert max(keys.values()) <= 2, keys
    for item in arranged:
        assert list(item.options) == sorted(item.options) and item.options[item.correct] == item.answer
        assert not set(item.options) & set(item.extras)
    assert arranged == arrange_options(crowded, "course", "", "deck")  # seeded: the same every build
    spread = [years(n, n % 4, 3 - n % 4) for n in range(1, 9)]  # A, B, C, D twice each: nothing moves
    assert [sorted(i.options) for i in arrange_options(spread, "course", "", "deck")] == \
        [sorted(i.options) for i in spread]


def test_a_matching_row_that_another_question_gives_away_is_taken_out_of_the_list():
    from quizgen.plan import cueing_pairs, part_matching_rows

    rows = (("the monk who printed a book for organists", "Adriano Ponti"),
            ("the organist of the harbour church", "Pia Moro"),
            ("the violinist who taught at Lucca", "Ugo Serra"),
            ("the singer who toured the northern courts", "Eva Lanz"))
    matching = item(1, "matching", "Match each description to the person it fits.", "; ".join(
        f"{d} — {n}" for d, n in rows), pairs=rows, extras=("Rosa Fini",), fact_ids=("ponti", "moro", "serra", "lanz"))
    event = item(2, "tf", "Adriano Ponti printed a book for organists at Venice.", "True", options=("True", "False"),
                 correct=0)
    sheet = [matching, event]
    cueing = cueing_pairs(sheet, sheet)
    assert cueing, "the event shows the row's answer beside its description's words"
    parted, left = part_matching_rows(sheet, cueing, sheet)
    assert left == ()
    [shrunk] = [i for i in parted if i.type == "matching"]
    assert [n for _, n in shrunk.pairs] == ["Pia Moro", "Ugo Serra", "Eva Lanz"]
    assert shrunk.fact_ids == ("moro", "serra", "lanz") and "Adriano Ponti" not in shrunk.answer
    # a list of three keeps its rows: the pair is left for the lint to name
    three = replace(matching, pairs=rows[:3], fact_ids=matching.fact_ids[:3])
    assert part_matching_rows([three, event], cueing_pairs([three, event]), [three, event])[0][0] == three


def test_the_exam_takes_true_or_false_for_at_most_its_share_and_one_that_is_always_true_last(tmp_path):
    """An exam drawing item types in turn would fill with true/false statements, some of them definitions nothing
    could be swapped into (keyed True every time): at most 40% of its questions are true or false, those that can
    be keyed either way first."""
    from quizgen.plan import TRUE_FALSE_SHARE

    facts = "".join(
        fact(f"term-{k}", "term", term=f"Lode {name}", definition=f"the drainage channel that {what}")
        for k, (name, what) in enumerate([
            ("Ashby", "carries the fen water to the sluice at Denver"), ("Barrow", "runs beside the old causeway"),
            ("Crane", "was cut by the abbey's monks"), ("Dunmore", "joins the river below the mill"),
            ("Elton", "floods the washes in winter"), ("Fenby", "drains the peat beds of the north fen"),
            ("Garth", "was widened after the flood"), ("Hale", "marks the parish boundary")]))
    facts += "".join(fact(f"event-{k}", "event", what=what, when=when) for k, (what, when) in enumerate([
        ("the sluice at Denver was rebuilt", "1750"), ("the windmills were replaced by steam pumps", "1820"),
        ("the great flood broke the banks of the washes", "1862"), ("diesel pumps took over at Stretham", "1925")]))
    folder = tiny_course(tmp_path / "c", facts, settings="  exam: 10\n", source_date="1950-01")
    exam = next(s for s in check(folder).sheets if s.is_exam)
    statements = [i for i in exam.items if i.type == "tf"]
    assert len(exam.items) == 10
    assert len(statements) <= TRUE_FALSE_SHARE * len(exam.items), [i.id for i in exam.items]
    keys = Counter(i.answer for i in statements)
    assert len(statements) < 2 or len(keys) == 2, keys  # never all True: each could take its other truth


def test_a_course_exam_is_not_mostly_statements_keyed_true():
    """The atom course's exam drew 11 true/false statements of 20, 10 keyed True (definitions with nothing to
    swap in): a student circling True throughout scored 10 of those 11 points."""
    from helpers import COURSES
    from quizgen.plan import TRUE_FALSE_SHARE

    exam = next(s for s in check(COURSES / "atom").sheets if s.is_exam)
    statements = [i for i in exam.items if i.type == "tf"]
    assert len(statements) <= TRUE_FALSE_SHARE * len(exam.items)
    assert Counter(i.answer for i in statements)["True"] <= (len(statements) + 1) // 2 + 1
