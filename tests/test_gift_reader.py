"""The GIFT export read by gift-pegjs (npm), a parser written from Moodle's GIFT documentation: every question,
answer and weight comes back as the items have it, special characters included."""
from __future__ import annotations

import re

import pytest

from export_readers import Exported, accepted, parse_gift
from helpers import COURSES, REPO
from quizgen.model import FACT_LABEL, OPINION_LABEL
from quizgen.targets.exports import ordinal

pytestmark = pytest.mark.slow  # installs npm packages on first use and runs Node.js

COURSES_READ = [REPO / "content", COURSES / "special-chars", COURSES / "atom"]


def _text(node) -> str:
    return node["text"] if isinstance(node, dict) else node


def _subanswer(text: str) -> str:
    """A matching answer as Moodle stores it. gift-pegjs, like Moodle's importer, first turns an escaped
    character into a marker (`&&126;` for `\\~`), but does not turn a matching answer's markers back, as
    Moodle's importer does (its escapedchar_post): that step is done here."""
    return re.sub(r"&&(\d+);", lambda m: chr(int(m.group(1))), text)


@pytest.mark.parametrize("course_dir", COURSES_READ, ids=lambda p: p.name)
def test_gift_pegjs_reads_every_question(course_dir):
    exported = Exported(course_dir)
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
    for got, (version, section, question, part) in zip(questions, expected):
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
                assert {_text(c["text"]).casefold() for c in choices} == accepted(item)
                assert all(c["isCorrect"] and c["weight"] is None for c in choices)
        elif item.type == "recall":
            assert stem == item.stem
            if got["type"] == "Essay":
                assert item.answer in _text(got["globalFeedback"])
            else:
                assert got["type"] == "Short"
                assert {_text(c["text"]).casefold() for c in got["choices"]} == accepted(item)
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
    # Her role's true/false statement, true or false as version A drew it: its braces, '<' and '&' read back whole.
    assert stems & {'Clara {C} Kim was leader of the <markup> society & café.',
                    'Clara {C} Kim was a keeper of the {archive} of #tags.'}
