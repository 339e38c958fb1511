"""Lint: each rule fires on a small bad course and stays silent on a good one; silencing and --strict."""
from __future__ import annotations

import re
from dataclasses import replace

import pytest

from helpers import fact, run_cli, tiny_course
from quizgen.build import check
from quizgen.lintcodes import LINT_CODES


def codes(course_dir) -> dict[str, list]:
    """The warnings of a course by code, as `check` reports them."""
    out: dict[str, list] = {}
    for problem in check(course_dir).warnings:
        out.setdefault(problem.code, []).append(problem)
    return out


def notes(course_dir) -> dict[str, list]:
    """The notes of a course by code, as `check` reports them (they never fail `--strict`)."""
    out: dict[str, list] = {}
    for problem in check(course_dir).notes:
        out.setdefault(problem.code, []).append(problem)
    return out


def terms(*entries: tuple[str, str, dict] | tuple[str, str]) -> str:
    """Term facts from (term, definition[, extra fields]) entries."""
    out = ""
    for k, entry in enumerate(entries):
        term, definition, *extra = entry
        out += fact(f"term-{k}", "term", term=term, definition=definition, **(extra[0] if extra else {}))
    return out


PLAIN_TERMS = (("Victory Day", "the 9 May holiday marking the end of the war in Europe"),
               ("Donbas", "a coal-mining region in eastern Ukraine"),
               ("casus belli", "an act or situation used to justify going to war", {"determiner": "a"}))


# --- one test per rule: fires on the bad course, silent on the good one -------------------------


def test_number(tmp_path):
    people = (fact("planners", "person", name="Soviet planners", role="the officials who drew up the five-year plans")
              + fact("stalin", "person", name="Joseph Stalin", role="the Soviet leader of the 1930s")
              + fact("lenin", "person", name="Vladimir Lenin", role="the founder of the Soviet state"))
    # The number is read from the words: no flag needed, no warning.
    found = check(tiny_course(tmp_path / "people", people))
    assert not [p for p in found.warnings if p.code == "number"]
    items = {i.id: i for i in found.items}
    assert items["planners/who-was"].stem == "Who were the officials who drew up the five-year plans?"
    assert items["planners/role-true-false"].stem.startswith("Soviet planners were ")
    # A name plural by its words, described as one thing: the flag settles which.
    baltics = fact("baltics", "term", term="the Baltic states", determiner="none",
                   definition="a group of three former Soviet republics on the Baltic Sea")
    bad = codes(tiny_course(tmp_path / "bad", baltics))
    assert [p.fact for p in bad["number"]] == ["baltics"]
    assert "'the Baltic states' reads as plural" in bad["number"][0].message
    settled = tiny_course(tmp_path / "good", baltics.replace('determiner:', 'plural: true\n    determiner:'))
    assert "number" not in codes(settled)
    assert {i.id: i for i in check(settled).items}["baltics/definition-true-false"].stem.startswith(
        "The Baltic states are ")


def test_key_longer(tmp_path):
    # Options the generator draws are alike in length; a curator's own wrong options are taken as written.
    bad = codes(tiny_course(tmp_path / "bad", terms(
        ("Organisation for the Collective Defence of the Former Soviet Republics", "a military alliance",
         {"distractors": ["Union", "Forum"]}), ("Union", "a trade bloc"), ("Forum", "a yearly meeting"))))
    assert [p.item for p in bad["key-longer"]] == ["term-0/which-term"]
    assert "the right option has 10 words, the longest wrong one 1" in bad["key-longer"][0].message
    assert "key-longer" not in codes(tiny_course(tmp_path / "good", terms(*PLAIN_TERMS)))


def test_key_more_specific(tmp_path):
    bad = codes(tiny_course(tmp_path / "bad", terms(
        ("Treaty of 1992", "an agreement of former Soviet states", {"distractors": ["Union", "Forum"]}),
        ("Union", "a trade bloc"), ("Forum", "a yearly meeting"))))
    assert [p.item for p in bad["key-longer"]] == ["term-0/which-term"]
    assert "only the right option carries a number" in bad["key-longer"][0].message


def test_option_overlap(tmp_path):
    bad = codes(tiny_course(tmp_path / "bad", terms(
        ("Eurasian Economic Union", "a Moscow-led grouping of former Soviet states"),
        ("Economic Union", "a grouping of states sharing one market"), ("Customs Union", "a bloc without tariffs"))))
    found = {(p.item, p.message) for p in bad["option-overlap"]}
    assert ("term-0/which-term", "the wrong option 'Economic Union' is contained in the right one "
            "'Eurasian Economic Union'") in found
    assert ("term-1/which-term", "the wrong option 'Eurasian Economic Union' contains the right one "
            "'Economic Union'") in found
    assert "option-overlap" not in codes(tiny_course(tmp_path / "good", terms(*PLAIN_TERMS)))


def test_stem_echo(tmp_path):
    # Words of one family: the question is asked, and lint says so. (The same word or root: the generator asks
    # the term the other way only, and says so; see test_items_general.)
    bad = codes(tiny_course(tmp_path / "bad", terms(
        ("Eurasian Trade Union", "an economic bloc of former Soviet states"), *PLAIN_TERMS[:2])))
    [echo] = bad["stem-echo"]
    assert echo.item == "term-0/which-term"
    assert "'Trade' ('economic')" in echo.message and "'Union' ('bloc')" in echo.message
    good = terms(("Eurasian Economic Union", "a Moscow-led grouping of former Soviet states"), *PLAIN_TERMS[:2])
    assert "stem-echo" not in codes(tiny_course(tmp_path / "good", good))


def test_stem_echo_ignores_words_every_option_shares(tmp_path):
    # "Economic" is in the key and in a wrong option: it points at neither.
    shared = terms(("Eurasian Economic Union", "an economic grouping of former Soviet states"),
                   ("Economic Forum", "a yearly meeting in Russia"), PLAIN_TERMS[0])
    assert not [p for p in codes(tiny_course(tmp_path / "c", shared)).get("stem-echo", [])
                if p.item == "term-0/which-term"]


def claim(distortion: str) -> str:
    return fact("long-war", "claim", speaker="the article", claim="the war in Ukraine would be long and costly",
                distortion=distortion)


def test_absolute_word(tmp_path):
    course = tiny_course(tmp_path / "bad", claim("the war in Ukraine would never cost Russia anything at all"))
    # the false version is never shown: the statement is asked true only, and no card sets the two side by side
    report = check(course)
    statement = next(i for i in report.items if i.id == "long-war/claim-true-false")
    assert statement.answer == "True" and statement.counterpart is None
    assert "long-war/which-statement" not in {i.id for i in report.items}
    assert not any("never cost" in " ".join((i.stem, *i.options)) for i in report.items)
    assert "absolute-word" not in codes(course)
    [absolute] = notes(course)["absolute-word"]
    assert absolute.item == "long-war/claim-true-false"
    assert "'never', 'at all'" in absolute.message and "not shown" in absolute.message
    good = tiny_course(tmp_path / "good", claim("the war in Ukraine would be short"))
    assert "absolute-word" not in notes(good)
    assert "long-war/which-statement" in {i.id for i in check(good).items}


@pytest.mark.parametrize("word", ["exactly", "solely", "invariably"])
def test_absolute_word_of_measure(tmp_path, word):
    hedged = fact("form", "claim", speaker="the article", claim="the old name for the form is partly misleading",
                  distortion=f"the old name for the form is {word} right")
    assert "absolute-word" in notes(tiny_course(tmp_path / "c", hedged))


def test_absolute_word_the_true_version_also_uses(tmp_path):
    both = fact("full", "claim", speaker="the article", claim="Kazakhstan may become fully independent",
                distortion="Kazakhstan may become fully dependent on Moscow")
    assert "absolute-word" not in notes(tiny_course(tmp_path / "c", both))


def cause(text: str) -> str:  # (an accepted answer: the curator says what else counts, so it is asked written)
    return fact("protests", "cause_effect", cause=text, effect="mass protests in January 2022",
                accept=["rising prices"])


def test_long_answer(tmp_path):
    long_cause = "a sharp rise in the price of liquefied gas that the government had capped for many years"
    long = tiny_course(tmp_path / "bad", cause(long_cause))
    # a worksheet asks it and a teacher marks it by its gist; the deck leaves it out: a note, not a warning
    assert "long-answer" not in codes(long)
    assert [p.item for p in notes(long)["long-answer"]] == ["protests/cause-of"]
    assert "the answer has 17 words, more than 12" in notes(long)["long-answer"][0].message
    listed = codes(tiny_course(tmp_path / "list", cause("inflation, corruption and a rise in fuel prices")))
    assert "the answer lists 3 things" in listed["long-answer"][0].message
    assert "long-answer" not in codes(tiny_course(tmp_path / "good", cause("a sharp rise in fuel prices")))
    # an answer in parts, with marking guidance, is a two-point worksheet answer: no warning, and no card
    marked = cause(long_cause).replace("    source:", '    marking: "1 point for the price rise, 1 for the cap"\n'
                                       "    source:")
    folder = tiny_course(tmp_path / "marked", marked)
    assert "long-answer" not in codes(folder) and "long-answer" not in notes(folder)
    from quizgen.cards import deck_items
    assert "protests/cause-of" not in {i.id for i in deck_items(check(folder).items)}


def test_matching_cue(tmp_path):
    four = [("Victory Day", "the commemoration of the victory of 1945"), *PLAIN_TERMS,
            ("pan-Turanism", "a nationalist vision of uniting the peoples of Inner Asia")]
    report = check(tiny_course(tmp_path / "bad", terms(*four)))
    # the generator leaves the row that matches itself out of any list ...
    assert all("term-0" not in i.fact_ids for i in report.items if i.type == "matching")
    assert "matching-cue" not in {p.code for p in report.warnings}
    # ... and the lint, which guards that rule, names such a row wherever one is left
    from quizgen.lint import _matching_cue

    facts = {f.id: f for f in report.course.facts}
    rows = ("term-0", "term-2", "term-3")
    cued = replace(report.items[0], id="unit/matching-terms", type="matching", fact_ids=rows,
                   pairs=tuple((four[int(r[-1])][1], four[int(r[-1])][0]) for r in rows))
    [cue] = _matching_cue(cued, facts)
    assert (cue.fact, cue.item, cue.code) == ("term-0", "unit/matching-terms", "matching-cue")
    assert "'Victory' / 'victory'" in cue.message
    assert not _matching_cue(replace(cued, fact_ids=rows[1:], pairs=cued.pairs[1:]), facts)


def test_matching_cue_by_family_and_root(tmp_path):
    four = [("Collective Security Treaty Organization", "a Russian-led military alliance"),
            ("pan-Turanism", "a vision of uniting the Turkic peoples"), PLAIN_TERMS[2],
            ("World Bank", "a lender that financed the dam")]  # two organisations, two concepts
    report = check(tiny_course(tmp_path / "c", terms(*four)))
    from quizgen.lint import _matching_cue

    facts = {f.id: f for f in report.course.facts}
    matching = replace(report.items[0], id="unit/matching-terms", type="matching", fact_ids=("term-0", "term-1"),
                       pairs=tuple((d, n) for n, d in four[:2]))
    cues = {p.fact: p.message for p in _matching_cue(matching, facts)}
    assert "'Treaty' / 'alliance'" in cues["term-0"]
    assert "'Turanism' / 'Turkic'" in cues["term-1"]
    # the generator lists neither
    assert all(not {"term-0", "term-1"} & set(i.fact_ids) for i in report.items if i.type == "matching")


def test_matching_names_answer(tmp_path):
    rivers = [("Tisza", "the longest tributary of the Danube", {"distractors": ["Rhine"]}),
              ("Danube", "the river that flows through four capital cities"),
              ("Vistula", "the longest river that flows only through Poland"),
              ("Oder", "the river that marks much of the border of Germany and Poland")]
    report = check(tiny_course(tmp_path / "bad", terms(*rivers)))
    # the generator keeps the two rows apart ...
    assert all({"term-0", "term-1"} - set(i.fact_ids) for i in report.items if i.type == "matching")
    assert "matching-names-answer" not in {p.code for p in report.warnings}
    # ... and the lint, which guards that rule, names a description naming another row's answer
    from quizgen.lint import _matching_names_answer

    facts = {f.id: f for f in report.course.facts}
    rows = ("term-0", "term-1", "term-2")
    both = replace(report.items[0], id="unit/matching-terms", type="matching", fact_ids=rows, extras=("Rhine",),
                   pairs=tuple((rivers[int(r[-1])][1], rivers[int(r[-1])][0]) for r in rows))
    [named] = _matching_names_answer(both, facts)
    assert named.fact == "term-0" and named.item == "unit/matching-terms"
    assert named.message == ("the description of 'Tisza' ('the longest tributary of the Danube') names 'Danube', "
                             "the answer of another row: reword the description of 'Tisza' so it does not name "
                             "'Danube'")
    apart = replace(both, pairs=(("the longest tributary of the great river of Budapest", "Tisza"), *both.pairs[1:]))
    assert not _matching_names_answer(apart, facts)


DAM = fact("dam", "event", what="the Kakhovka dam was destroyed", when="2023-06")


def test_sheet_cue_names_the_pair_and_what_to_do(tmp_path):
    # Each event has one question only, so the planner cannot keep them apart.
    # (a month: a day with no other day near it would be asked by its year, which its question gives)
    floods = fact("floods", "event", what="floods followed the destruction of the dam in June 2023", when="2023-07")
    [cue] = codes(tiny_course(tmp_path / "bad", DAM + floods))["sheet-cue"]
    assert (cue.item, cue.fact) == ("dam/when", "dam")
    assert cue.message.startswith("on sheet 'unit', 'floods/when' shows 'June 2023', which gives 'dam/when' away: ")
    assert "reword fact 'floods' so that its question does not show 'June 2023'" in cue.message
    assert "or give fact 'dam' a `cloze` sentence" in cue.message
    quiet = fact("floods", "event", what="floods followed the destruction of the dam", when="2023-07")
    assert "sheet-cue" not in codes(tiny_course(tmp_path / "good", DAM + quiet))


def test_card_cue(tmp_path):
    shrinking = fact("shrinking", "cause_effect", cause="the diversion of the Amu Darya",
                     effect="the shrinking of the Aral Sea", accept=["the diversion of the river"])
    canals = fact("canals", "event", what="Soviet planners began the diversion of the Amu Darya", when="1960")
    course = tiny_course(tmp_path / "bad", shrinking + canals)
    # cards are seen days apart: another card showing the answer is repetition, worth a note and no warning
    assert "card-cue" not in codes(course)
    found = notes(course)["card-cue"]
    assert [(p.item, p.fact) for p in found] == [("shrinking/cause-of", "shrinking")]
    assert found[0].message.startswith("in the deck, 1 other card shows 'the diversion of the Amu Darya', the "
                                       "answer of the card 'shrinking/cause-of' ('canals/when'): ")
    assert found[0].message.endswith("give fact 'shrinking' a `cloze` sentence")
    other = fact("canals", "event", what="Soviet planners began to irrigate the cotton fields", when="1960")
    assert "card-cue" not in notes(tiny_course(tmp_path / "good", shrinking + other))


def test_card_cue_is_one_note_per_card_however_many_cards_show_its_answer(tmp_path):
    person = fact("vell", "person", name="Oskar Vell", role="the surveyor who mapped the northern fjords")
    shown = "".join(fact(f"trip-{k}", "event", what=f"Oskar Vell sailed to the {place} islands", when=str(1900 + k))
                    for k, place in enumerate(("Lofoten", "Vesteralen", "Senja", "Tromso", "Karls", "Fugl")))
    found = notes(tiny_course(tmp_path / "c", person + shown)).get("card-cue", [])
    about_vell = [p for p in found if p.fact == "vell"]
    assert len(about_vell) == 1, [p.message for p in found]
    assert "other cards show 'Oskar Vell'" in about_vell[0].message and " and 2 more)" in about_vell[0].message


def test_card_interference_names_two_cards_alike_with_answers_of_one_kind(tmp_path):
    opened = fact("opened", "event", what="the ferry to Holm Island began to sail", when="1921")
    closed = fact("closed", "event", what="the ferry to Holm Island stopped sailing", when="1958")
    report = check(tiny_course(tmp_path / "bad", opened + closed))
    [note] = [n for n in report.notes if n.code == "card-interference"]
    assert (note.level, note.item, note.fact) == ("note", "closed/when", "closed")
    assert note.message.startswith("in the deck, the cards 'opened/when' (")
    assert " and 'closed/when' (" in note.message and "answer '1921'" in note.message
    assert "answer '1958'" in note.message and "a detail that tells them apart" in note.message
    apart = fact("closed", "event", what="the last mail boat left the quay at Sundby harbour", when="1958")
    report = check(tiny_course(tmp_path / "good", opened + apart))
    assert "card-interference" not in {n.code for n in report.notes}


def test_a_run_of_cards_alike_gets_one_note(tmp_path):
    crafts = ["rope", "sail", "net", "oar", "tar", "cask"]
    facts = "".join(fact(f"guild-{k}", "event", what=f"the {craft} makers' guild of the port was founded",
                         when=str(1600 + 11 * k)) for k, craft in enumerate(crafts))
    [note] = [n for n in check(tiny_course(tmp_path / "c", facts)).notes if n.code == "card-interference"]
    assert note.message.count("answer '") == 4 and "and 2 more cards like them" in note.message
    assert note.item == "guild-5/when"


def test_interfering_cards_need_alike_fronts_and_answers_of_one_kind():
    from quizgen.plan import interfering_cards

    cards = [("Which mill on the Lune ground oats for the abbey?", "Caton Mill"),
             ("Which mill on the Lune ground barley for the abbey?", "Halton Mill"),
             ("Which mill on the Lune ground wheat for the abbey?", "1790"),  # a year is not a mill
             ("Which bridge crossed the river at the foot of the town below the castle?", "Skerton Bridge")]
    assert interfering_cards(cards) == [(0, 1)]
    assert interfering_cards([("When was it built?", "1790"), ("When was it sold?", "1820")]) == []  # too short
    assert interfering_cards([(cards[0][0], "Caton Mill"), (cards[0][0].replace("abbey", "priory"), "Caton Mill")]) \
        == []  # one answer: nothing to cross


def article_claims(with_cloze: int) -> str:
    out = ""
    for k, (claim, distortion) in enumerate((
            ("the sea will not come back in this century", "the sea will come back within ten years"),
            ("the dam saved the northern fishery", "the dam ruined the northern fishery"),
            ("the southern basin is lost for good", "the southern basin is recovering fast"),
            ("dust storms will carry salt further each year", "dust storms will carry less salt each year"),
            ("cotton still matters more to the planners than water", "water now matters more than cotton"))):
        extra = {"cloze": claim.replace(claim.split()[1], f"[[{claim.split()[1]}]]", 1)} if k < with_cloze else {}
        out += fact(f"claim-{k}", "claim", speaker="the article", claim=claim, distortion=distortion, **extra)
    return out


def test_true_false_share_and_short_sheet(tmp_path):
    bad = codes(tiny_course(tmp_path / "bad", article_claims(0)))
    [share] = bad["true-false-share"]
    assert share.message.startswith("true/false questions make 5 of the 5 points of sheet 'unit' (100%, more than "
                                    "40%), and their facts have no other question free of cues: 'claim-0', ")
    assert share.file.endswith("facts.yaml")
    [short] = bad["short-sheet"]
    assert short.message.startswith("sheet 'unit' holds 5 questions worth 5 points, fewer than 15")
    # Facts that can be asked another way are: the sheet then holds 2 true/false questions of 5, 40%.
    good = check(tiny_course(tmp_path / "good", article_claims(3)))
    assert "true-false-share" not in {p.code for p in good.warnings}
    assert sorted(i.type for i in good.sheets[0].items) == ["cloze", "cloze", "cloze", "tf", "tf"]


def test_every_code_is_explained_and_kebab_case():
    for code, (finds, todo) in LINT_CODES.items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", code) and finds.endswith(".") and todo.endswith("."), code


# --- silencing and strict ----------------------------------------------------------------------

ECHO = terms(("Eurasian Trade Union", "an economic bloc of former Soviet states"),
             ("Collective Security Treaty Organization",
              "a grouping of former Soviet states pledged to defend each other"),
             ("Shanghai Cooperation Organisation", "a grouping for security led by China and Russia"))


def test_a_fact_silences_its_own_warnings(tmp_path):
    quiet = ECHO.replace('  - id: term-0\n', '  - id: term-0\n    lint_ignore: [stem-echo]\n')
    report = check(tiny_course(tmp_path / "c", quiet))
    assert not [p for p in report.warnings if p.code == "stem-echo"]
    assert report.silenced == 1


def test_the_course_silences_a_code(tmp_path):
    report = check(tiny_course(tmp_path / "c", ECHO, settings="  lint_ignore: [stem-echo]\n"))
    assert not [p for p in report.warnings if p.code == "stem-echo"] and report.silenced == 1


def test_an_unknown_code_is_an_error(tmp_path):
    course = tiny_course(tmp_path / "c",
                         ECHO.replace("  - id: term-0\n", "  - id: term-0\n    lint_ignore: [stem-ecco]\n"))
    result = run_cli("check", course)
    assert result.exit_code == 1
    assert "fact 'term-0': field 'lint_ignore'" in result.stderr


def test_warnings_print_their_code_and_item_and_strict_fails(tmp_path):
    course = tiny_course(tmp_path / "c", ECHO, settings="  lint_ignore: [short-sheet, quote-lacks-answer]\n")
    result = run_cli("check", course)
    assert result.exit_code == 0
    line = next(line for line in result.stderr.splitlines() if "[stem-echo]" in line)
    assert line.startswith(f"{course / 'unit' / 'facts.yaml'}:3: warning: item 'term-0/which-term': ")
    strict = run_cli("check", "--strict", course)
    assert strict.exit_code == 1
    assert strict.stderr.splitlines()[-1] == "Aborted with 1 warning in strict mode."


@pytest.mark.parametrize("command", ["check", "build"])
def test_check_and_build_both_report_lint(tmp_path, command):
    course = tiny_course(tmp_path / "c", ECHO)
    args = [command, course] + (["-o", tmp_path / "out"] if command == "build" else [])
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    assert "[stem-echo]" in result.stderr


def test_answer_in_stem(tmp_path):
    course = tiny_course(tmp_path / "bad", terms(("Victory Day", "the holiday called Victory Day in Russia"),
                                                 *PLAIN_TERMS[1:]))
    report = check(course)
    # the question that names its own answer is not asked: the outputs stay sound, so a note and no warning
    assert "term-0/which-term" not in {i.id for i in report.items}
    assert [p.item for p in notes(course)["answer-in-stem"]] == ["term-0/which-term"]
    assert "answer-in-stem" not in codes(course)
    assert "answer-in-stem" not in notes(tiny_course(tmp_path / "good", terms(*PLAIN_TERMS)))


def test_duplicate_question(tmp_path):
    same = (fact("a", "person", name="Vladimir Putin", role="the president of Russia")
            + fact("b", "person", name="Dmitry Medvedev", role="the president of Russia")
            + fact("c", "person", name="Boris Yeltsin", role="the first president of Russia"))
    bad = codes(tiny_course(tmp_path / "bad", same))
    assert [p.item for p in bad["duplicate-question"]] == ["b/who-was"]
    assert "asks the same question as 'a/who-was'" in bad["duplicate-question"][0].message
    good = same.replace('name: "Dmitry Medvedev"\n    role: "the president of Russia"',
                        'name: "Dmitry Medvedev"\n    role: "the president of Russia from 2008 to 2012"')
    assert good != same
    assert "duplicate-question" not in codes(tiny_course(tmp_path / "good", good))


def test_title_cue_names_the_question_a_title_gives_away(tmp_path):
    rivers = [("Tisza", "the river that rises in the Carpathians and crosses the Great Hungarian Plain",
               {"distractors": ["Rhine"]}),
              ("Inn", "the river that joins the Danube at Passau"),
              ("Vistula", "the longest river that flows only through Poland"),
              ("Oder", "the river that marks much of the border of Germany and Poland")]
    folder = tiny_course(tmp_path / "bad", terms(*rivers))
    course_file = folder / "course.yaml"
    plain = course_file.read_text(encoding="utf-8")
    course_file.write_text(plain.replace("title: Tiny course",
                                                      "title: The Tisza, from the Carpathians to the Great Plain"),
                           encoding="utf-8")
    cues = codes(folder)["title-cue"]
    assert cues and all("the title printed at its top" in c.message for c in cues)
    assert any(c.fact == "term-0" or c.item.endswith("matching-terms") for c in cues)
    course_file.write_text(plain.replace("title: Tiny course", "title: Rivers of Central Europe"), encoding="utf-8")
    assert "title-cue" not in codes(folder)


def test_interfering_groups_are_the_groups_every_pair_makes():
    """A group of n cards alike has n(n-1)/2 pairs: `check` of a deck of 5,000 cards alike compared a million; the
    note needs the groups only, and n - 1 pairs tell them."""
    from quizgen.plan import interfering_cards, interfering_groups

    cards = [(f"Which ferry crossed the firth from the {place} pier in the summer?", f"the {boat}")
             for place, boat in (("north", "Maid"), ("south", "Clyde"), ("east", "Gannet"), ("west", "Puffin"))]
    cards.append(("Which lighthouse keeper rowed out to the wreck of the schooner?", "Grace Darling"))
    every = interfering_cards(cards)
    assert every == [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]
    assert interfering_groups(cards) == [[0, 1, 2, 3]]  # the lighthouse keeper is alike to none
