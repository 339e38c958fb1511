"""The GIFT export read by gift-pegjs (npm), a parser written from Moodle's GIFT documentation: every question,
answer and weight comes back as the items have it, special characters included."""
from __future__ import annotations

import re

import pytest

from export_readers import Exported, accepted, parse_gift
from helpers import COURSES, REPO, fact, tiny_course
from quizgen.itemtypes import FACT_LABEL, OPINION_LABEL
from quizgen.targets.exports import ordinal
from quizgen.text import row_label, row_notes

pytestmark = pytest.mark.slow  # installs npm packages on first use and runs Node.js

COURSES_READ = [(REPO / "content", {}), (COURSES / "special-chars", {}), (COURSES / "atom", {}),
                (COURSES / "sonata", {}),  # curators' notes on fact-or-opinion rows
                (COURSES / "special-chars", {"accept_romanised": True})]  # as the key: romanised spellings too


def _text(node) -> str:
    return node["text"] if isinstance(node, dict) else node


def _subanswer(text: str) -> str:
    """A matching answer as Moodle stores it. gift-pegjs, like Moodle's importer, first turns an escaped
    character into a marker (`&&126;` for `\\~`), but does not turn a matching answer's markers back, as
    Moodle's importer does (its escapedchar_post): that step is done here."""
    return re.sub(r"&&(\d+);", lambda m: chr(int(m.group(1))), text)


@pytest.mark.parametrize("course_dir, settings", COURSES_READ,
                         ids=[p.name + "".join(f"-{k}" for k in s) for p, s in COURSES_READ])
def test_gift_pegjs_reads_every_question(course_dir, settings):
    exported = Exported(course_dir, **settings)
    parsed = parse_gift(exported.files("gift")[f"gift/{exported.course.slug}.gift"].decode("utf-8"))
    categories = [q["title"] for q in parsed if q["type"] == "Category"]
    assert categories == [f"$course$/{exported.course.title}/{v.title}" for v in exported.versions]
    questions = [q for q in parsed if q["type"] != "Category"]
    expected = []
    for version, section, question in exported.questions():
        if question.item.type == "fact_opinion":  # one GIFT question per statement
            expected += [(version, section, question, k) for k in range(len(question.statements))]
        else:
            expected.append((version, section, question, None))
    assert len(questions) == len(expected)
    notes_checked = 0  # curators' notes on fact-or-opinion rows, each seen with its own statement only
    for got, (_version, section, question, part) in zip(questions, expected):
        item = question.item
        stem = _text(got["stem"])
        assert got["stem"]["format"] == "plain", item.id
        if item.type == "mcq":
            assert got["type"] == "MC" and stem == item.stem
            choices = got["choices"]
            assert [_text(c["text"]) for c in choices] == list(question.options)
            assert [c["isCorrect"] for c in choices] == [k == question.correct for k in range(len(question.options))]
            assert all(c["weight"] is None for c in choices)  # no partial credit: right or wrong
            for k, choice in enumerate(choices):
                if k != question.correct:
                    assert question.options[k] in _text(choice["feedback"])
            if item.citation is not None:
                assert item.citation.short() in _text(got["globalFeedback"])
        elif item.type == "tf":
            assert got["type"] == "TF" and stem == item.stem
            assert got["isTrue"] is (question.correct == 0)
        elif item.type == "cloze":
            before, answer, after = item.cloze
            assert got["hasEmbeddedAnswers"] is True
            assert stem == f"{before.strip()} _____ {after.strip()}".strip()
            choices = got["choices"]
            if section.word_bank:
                assert got["type"] == "MC"
                assert {_text(c["text"]) for c in choices} == set(section.word_bank)
                assert [_text(c["text"]) for c in choices if c["isCorrect"]] == [answer]
            else:
                assert got["type"] == "Short"
                assert {_text(c["text"]).casefold() for c in choices} == accepted(question)
                assert all(c["isCorrect"] and c["weight"] is None for c in choices)
        elif item.type == "recall":
            assert stem == item.stem
            if got["type"] == "Essay":
                assert item.answer in _text(got["globalFeedback"])
            else:
                assert got["type"] == "Short"
                assert {_text(c["text"]).casefold() for c in got["choices"]} == accepted(question)
        elif item.type == "matching":
            assert got["type"] == "Matching" and stem == item.stem
            pairs = [(_text(p["subquestion"]), _subanswer(p["subanswer"])) for p in got["matchPairs"]]
            assert {p for p in pairs if p[0]} == set(item.pairs)
            assert {a for q, a in pairs if not q} == set(item.extras)
        elif item.type == "ordering":
            assert got["type"] == "Matching" and stem == item.stem
            pairs = {_text(p["subquestion"]): _subanswer(p["subanswer"]) for p in got["matchPairs"]}
            count = len(item.sequence)
            assert pairs == {event: ordinal(k, count) for k, (_, event) in enumerate(item.sequence, 1)}
        elif item.type == "fact_opinion":
            statement, label = question.statements[part], question.labels[part]
            assert got["type"] == "MC"
            assert stem == f"{FACT_LABEL} or {OPINION_LABEL.lower()}? {statement}"
            assert [(_text(c["text"]), c["isCorrect"]) for c in got["choices"]] == [
                (label, True), (OPINION_LABEL if label == FACT_LABEL else FACT_LABEL, False)]
            # a curator's note goes with its own statement's question only
            feedback = _text(got.get("globalFeedback") or "")
            for k, own in enumerate(row_notes(item.note, [row_label(s) for s in question.statements])):
                if own:
                    assert (own.split(": ", 1)[1][:40] in feedback) == (k == part), (item.id, k, part)
                    notes_checked += 1
    if course_dir.name == "sonata":
        assert notes_checked  # its fact-or-opinion rows carry the curator's corrections


def test_special_characters_are_escaped_everywhere():
    exported = Exported(COURSES / "special-chars")
    text = exported.files("gift")["gift/special-chars.gift"].decode("utf-8")
    for line in text.splitlines():
        if line.startswith(("//", "$CATEGORY:")) or not line:
            continue
        body = line.replace("\\\\", "").replace("\\~", "").replace("\\=", "").replace("\\#", "")
        body = body.replace("\\{", "").replace("\\}", "").replace("\\:", "")
        # what is left of ~ = # { } : is GIFT's own syntax, never a fact's text
        for ch in "{}":
            assert body.count(ch) <= 1, line
    parsed = parse_gift(text)
    stems = {_text(q["stem"]) for q in parsed if q["type"] != "Category"}
    # Whichever statements the planner chose: those with GIFT's special characters come back as written.
    special = {q.item.stem for _, _, q in exported.questions() if q.item.type in ("mcq", "tf")
               and any(ch in q.item.stem for ch in "{}~=#:")}
    assert special and special <= stems


def test_a_number_blank_is_accepted_in_digits_and_in_words(tmp_path):
    facts = (fact("arches", "background", period="the 1790s", statement="The bridge stands on [[seven]] arches.")
             + fact("piers", "background", period="the 1790s", statement="Its builders sank [[18]] piers.")
             + fact("tolls", "background", period="the 1790s", statement="The toll was [[two hundred]] pence.")
             + fact("stone", "background", period="the 1790s", statement="The stone came from [[Aberdeen]]."))
    exported = Exported(tiny_course(tmp_path / "c", facts))
    parsed = parse_gift(exported.files("gift")[f"gift/{exported.course.slug}.gift"].decode("utf-8"))
    accepted_by_answer = {}
    for got in parsed:
        if got["type"] == "Short":
            forms = {_text(c["text"]) for c in got["choices"]}
            accepted_by_answer[min(forms, key=len)] = forms
    assert accepted_by_answer == {"7": {"seven", "7"}, "18": {"18", "eighteen"}, "200": {"two hundred", "200"},
                                  "Aberdeen": {"Aberdeen"}}


def test_gift_pegjs_reads_every_form_of_a_titled_or_double_name(tmp_path):
    """A name with a title is also right without it, a double name with a hyphen or a space: gift-pegjs reads the
    same accepted forms as the key's answer model."""
    people = (fact("ferrow", "person", name="Captain Ferrow", role="the harbour master who charted the eastern reef")
              + fact("marsh", "term", term="salt marsh", definition="a meadow the sea floods at high tide"))
    exported = Exported(tiny_course(tmp_path / "c", people))
    parsed = [q for q in parse_gift(exported.files("gift")["gift/tiny.gift"].decode("utf-8"))
              if q["type"] == "Short"]
    written = [q for _, _, q in exported.questions() if q.item.type == "recall"]
    assert parsed and len(parsed) == len(written)
    for got, question in zip(parsed, written):
        assert {_text(c["text"]).casefold() for c in got["choices"]} == accepted(question)
    assert {"Captain Ferrow", "Ferrow"} in [{_text(c["text"]) for c in q["choices"]} for q in parsed]
