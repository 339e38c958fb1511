"""The fixture courses written from real articles by a new user, as the README teaches: they check and build.

`tests/courses/lajpat-rai` (a Wikipedia biography, one unit) and `tests/courses/atom` (a Wikipedia science
article, two units and an exam) were written with `init`, `add-unit`, `check` and `preview` only, and
`tests/courses/great-stink` (the openings of two Wikipedia articles, on an event and an engineer, one unit each)
with `suggest` as well, and `tests/courses/ibn-al-haytham` (two sections of a Wikipedia biography of a medieval
scientist, written and then read blind by a reviewer who never saw the code), and `tests/courses/sonata` (the
first chapter of a public-domain book of 1895 on the history of the keyboard sonata, two units of 30 facts, written
from the docs alone by someone who never read the code), and `tests/courses/candle` (parts of two of Faraday's
lectures on the chemical history of a candle, 1861, a science lecture for young people: two units of 30 and 31
facts, written the same way); all without `category`, `plural` or `distractors`, so
that they show what the generator makes of facts nobody tuned for it. Their warnings are left as they are: they
are what the generator still has to get right.

`tests/courses/ru-baikonur` (Russian) and `tests/courses/kk-abai` (Kazakh) are written in their course's language, from
texts the fixtures hold, for issue 25: every kind of fact, people of both genders (each person fact's `gender`),
plural subjects (a `# number: plural` or `# speaker: plural` comment on the fact's id line: the generator reads the
number from the words, and the comment says what it should find), dates and numbers. Their questions are asked in the
course's language (templates/questions/ru/, templates/questions/kk/; see tests/test_i18n_stems.py).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from helpers import COURSES, Learner, copy_course, pdf_text, run_cli
from quizgen.i18n import messages

FIXTURES = {
    # course folder: (deck file, unit slugs, exam slug or None)
    "lajpat-rai": ("lala-lajpat-rai-the-lion-of-punjab.apkg", ("life",), None),
    "atom": ("atom-basics.apkg", ("discovery", "structure"), "atom-basics-exam"),
    "great-stink": ("great-stink-london-sewers.apkg", ("great-stink", "bazalgette"), None),
    "ibn-al-haytham": ("ibn-al-haytham-and-the-science-of-sight.apkg", ("life", "optics"), None),
    "sonata": ("how-the-keyboard-sonata-began.apkg", ("early-sonata", "corelli-kuhnau"), None),
    "candle": ("faradays-candle-flame-wick-and-water.apkg", ("candle", "water"), None),
    "ru-baikonur": ("baikonur.apkg", ("baikonur",), None),
    "kk-abai": ("abai.apkg", ("abai",), None),
}
# The courses in another language than English: folder, language, fewest facts the issue asks for.
LANGUAGE_FIXTURES = {"ru-baikonur": ("ru", 15), "kk-abai": ("kk", 10)}
KINDS = ("person", "event", "term", "cause_effect", "claim", "background")
CURATED_HINTS = ("category", "plural", "distractors")


@pytest.fixture(params=sorted(FIXTURES))
def fixture_course(request, tmp_path: Path) -> tuple[str, Path]:
    """A private copy of one fixture course, so that a build writes its lock there and not in tests/."""
    name = request.param
    return name, copy_course(COURSES / name, tmp_path / name, keep_lock=False)


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_a_fixture_course_keeps_no_lock_and_no_curated_hints(name):
    course = COURSES / name
    assert not (course / "quizgen.lock").exists(), "fixtures are built fresh: commit no lock"
    for facts_file in sorted(course.glob("*/facts.yaml")):
        facts = YAML(typ="safe").load(facts_file.read_text(encoding="utf-8"))["facts"]
        assert len(facts) >= 10, facts_file
        for fact in facts:
            used = sorted(set(fact) & set(CURATED_HINTS))
            assert not used, f"{facts_file}: fact {fact['id']!r} uses {used}"


@pytest.mark.parametrize("name", sorted(LANGUAGE_FIXTURES))
def test_a_language_fixture_has_what_its_questions_need(name):
    """Every kind of fact, people of both genders, a plural subject, dates and numbers: what the Russian and Kazakh
    question templates must get right."""
    language, fewest = LANGUAGE_FIXTURES[name]
    course = COURSES / name
    assert YAML(typ="safe").load((course / "course.yaml").read_text(encoding="utf-8"))["language"] == language
    facts, genders, plural_subjects, numbers = [], set(), 0, 0
    for facts_file in sorted(course.glob("*/facts.yaml")):
        text = facts_file.read_text(encoding="utf-8")
        unit_facts = YAML(typ="safe").load(text)["facts"]
        facts += unit_facts
        # The comment beside a fact's id: `# number: plural (two people)`, `# speaker: plural`.
        comments = dict(re.findall(r"^  - id: (\S+)\s*#\s*(.+)$", text, re.MULTILINE))
        for fact in unit_facts:
            note = comments.get(fact["id"], "")
            if fact["kind"] == "person":
                assert fact.get("gender") in ("male", "female"), f"{facts_file}: person {fact['id']!r} has no gender"
                genders.add(fact["gender"])
            plural_subjects += "plural" in note
            sentences = ("cloze", "statement", "claim", "what", "definition")
            numbers += any(re.search(r"\d", str(fact.get(field, ""))) for field in sentences)
    kinds = {fact["kind"] for fact in facts}
    assert len(facts) >= fewest
    assert kinds == set(KINDS), f"missing kinds: {sorted(set(KINDS) - kinds)}"
    assert genders == {"male", "female"}
    assert plural_subjects >= 2, "a plural person and a plural speaker at least"
    assert numbers >= 2, "numbers in the facts' sentences, not only in their dates"
    assert sum(1 for fact in facts if fact["kind"] == "event") >= 4, "enough dated events for a timeline"


def test_a_fixture_course_checks_without_errors(fixture_course):
    name, course = fixture_course
    result = run_cli("check", course)
    assert result.exit_code == 0, result.output
    assert "No errors." in result.output
    assert "Traceback" not in result.output
    assert not (course / "quizgen.lock").exists(), "check writes nothing"


@pytest.mark.slow
def test_a_fixture_course_builds_every_output(fixture_course, tmp_path: Path):
    name, course = fixture_course
    deck_name, units, exam = FIXTURES[name]
    out = tmp_path / "out"
    result = run_cli("build", course, "-o", out)
    assert result.exit_code == 0, result.output

    sheets = list(units) + ([exam] if exam else [])
    settings = (course / "course.yaml").read_text(encoding="utf-8")
    versions = int(re.search(r"^\s+versions:\s*(\d+)", settings, re.M).group(1))
    for sheet in sheets:
        for version in "ABCDEFGHIJ"[:versions]:
            student = out / "worksheets" / f"{sheet}-{version}.pdf"
            key = out / "worksheets" / f"{sheet}-{version}-key.pdf"
            assert student.is_file() and key.is_file(), sheet
            words = messages(re.search(r"^language:\s*(\S+)", (course / "course.yaml").read_text(encoding="utf-8"),
                                       re.M).group(1))
            assert words.gettext("Version %(letter)s", letter=version) in pdf_text(student)
            assert words.gettext("Answer key") in pdf_text(key)
        assert (out / "web" / f"{sheet}.html").is_file()
    assert (out / "web" / "index.html").is_file()
    assert (course / "quizgen.lock").is_file(), "the lock goes to the (copied) course folder"

    learner = Learner(tmp_path / "anki")
    try:
        log = learner.import_deck(out / deck_name)
        assert log.new > 0 and log.duplicate == 0 and log.conflicting == 0, log
        assert len(learner.col.find_cards("")) >= log.new
    finally:
        learner.close()
