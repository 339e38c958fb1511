"""Checks on the seed course in content/: the facts are well formed, traceable
to the source text, cover it, and make items that do not give themselves away.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from quizgen.build import load_course
from quizgen.errors import Problems
from quizgen.generate import generate_items
from quizgen.text import normalise

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
AUTHOR = "the article"
BLANK = re.compile(r"\[\[([^\[\]]+)\]\]")


def read_yaml(path: Path):
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def contains(haystack: str, needle: str) -> bool:
    """Whole-word, case-insensitive containment."""
    return re.search(r"(?<!\w)" + re.escape(needle.lower()) + r"(?!\w)", haystack.lower()) is not None


def name_parts(name: str) -> list[str]:
    """A name and its surname, e.g. 'Vladimir Putin' -> ['Vladimir Putin', 'Putin']."""
    parts = [name]
    last = name.split()[-1]
    if last != name and len(last) >= 4:
        parts.append(last)
    return parts


def as_dict(fact) -> dict:
    """A loaded Fact as one flat mapping: id, kind, its own fields, paragraph, quote."""
    return {"id": fact.id, "kind": fact.kind, **fact.fields, "paragraph": fact.paragraph, "quote": fact.quote}


# --- fixtures ---------------------------------------------------------------


@pytest.fixture(scope="module")
def course():
    # load_course validates course.yaml, every facts.yaml and every quote,
    # and raises ContentError listing all problems it finds.
    return load_course(CONTENT)


@pytest.fixture(scope="module")
def raw_facts(course):
    """The facts exactly as written in YAML, for the schema check."""
    return [fact for unit in course.units for fact in read_yaml(Path(unit.path) / "facts.yaml")["facts"]]


@pytest.fixture(scope="module")
def facts(course):
    return [as_dict(fact) for fact in course.facts]


@pytest.fixture(scope="module")
def generated(course):
    """Every item the course makes, and the problems found while making them."""
    problems = Problems()
    return generate_items(course, problems), problems


@pytest.fixture(scope="module")
def items(generated):
    return generated[0]


def key(text: str) -> str:
    return normalise(text).casefold()


def of_kind(facts, kind):
    return [f for f in facts if f["kind"] == kind]


# --- structure --------------------------------------------------------------


def test_enough_facts_and_kinds(facts):
    assert len(facts) >= 45
    kinds = Counter(f["kind"] for f in facts)
    assert len(kinds) >= 5, kinds


def test_source_has_ten_paragraphs(course):
    assert len(course.units[0].source.paragraphs) == 10


# --- provenance and coverage -------------------------------------------------


def test_quotes_are_short(facts):
    for fact in facts:
        words = len(fact["quote"].split())
        assert 5 <= words <= 15, (fact["id"], words)


def test_every_paragraph_is_covered_or_skipped(course):
    for unit in course.units:
        skipped = unit.skip_paragraphs
        for para, reason in skipped.items():
            assert str(reason).strip(), f"paragraph {para} is skipped without a reason"
        covered = {f.paragraph for f in unit.facts}
        for number in range(1, len(unit.source.paragraphs) + 1):
            assert number in covered or number in skipped, f"paragraph {number} has no fact"


# --- no answer inside its own question --------------------------------------


def test_person_role_does_not_name_the_person(facts):
    for fact in of_kind(facts, "person"):
        for part in name_parts(fact["name"]):
            assert not contains(fact["role"], part), fact["id"]


def test_term_definition_does_not_name_the_term(facts):
    for fact in of_kind(facts, "term"):
        names = [fact["term"]] + ([fact["abbreviation"]] if fact.get("abbreviation") else [])
        for name in names:
            assert not contains(fact["definition"], name), (fact["id"], name)


def test_claim_does_not_name_its_speaker(facts):
    for fact in of_kind(facts, "claim"):
        for part in name_parts(fact["speaker"]):
            assert not contains(fact["claim"], part), fact["id"]


def test_speakers_are_people_of_the_course_or_the_article(facts):
    people = {f["name"] for f in of_kind(facts, "person")}
    for fact in of_kind(facts, "claim"):
        assert fact["speaker"] == AUTHOR or fact["speaker"] in people, fact["id"]


def test_blank_answer_is_not_elsewhere_in_its_sentence(facts):
    for fact in facts:
        sentences = [fact.get("cloze")] + ([fact["statement"]] if fact["kind"] == "background" else [])
        for sentence in filter(None, sentences):
            answer = BLANK.search(sentence).group(1)
            rest = BLANK.sub(" ", sentence)
            assert not contains(rest, answer), (fact["id"], answer)


def test_event_descriptions_carry_no_date(facts):
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    date_words = re.compile(rf"\b(1[89]\d\d|20\d\d|{months})\b")
    for fact in of_kind(facts, "event"):
        for field in ("what", "question"):
            assert not date_words.search(fact.get(field) or ""), (fact["id"], field)


# --- distinct items ------------------------------------------------------------

DISTINCT_FIELDS = {
    "person": ["name", "role"],
    "term": ["term", "definition"],
    "event": ["what"],
    "cause_effect": ["cause", "effect"],
    "claim": ["claim"],
    "background": ["statement"],
}


@pytest.mark.parametrize("kind", sorted(DISTINCT_FIELDS))
def test_no_duplicate_answers_or_prompts(facts, kind):
    for field in DISTINCT_FIELDS[kind]:
        values = Counter(normalise(f[field]).lower() for f in of_kind(facts, kind))
        assert [v for v, n in values.items() if n > 1] == [], (kind, field)


def test_event_dates_not_after_the_article(course):
    for unit in course.units:
        published = unit.source.date
        assert published, "the source text should give its publication date"
        for fact in of_kind([as_dict(f) for f in unit.facts], "event"):
            assert str(fact["when"])[: len(published)] <= published, fact["id"]


# --- false versions of the article's claims ------------------------------------


def article_claims(facts):
    return [f for f in of_kind(facts, "claim") if f["speaker"] == AUTHOR]


def test_distortions_differ_from_their_claims(facts):
    for fact in of_kind(facts, "claim"):
        if fact.get("distortion"):
            assert key(fact["distortion"]) != key(fact["claim"]), fact["id"]


def test_distortions_are_not_other_claims(facts):
    # A false version must not be something the article also says.
    claims = {key(f["claim"]) for f in of_kind(facts, "claim")}
    for fact in of_kind(facts, "claim"):
        if fact.get("distortion"):
            assert key(fact["distortion"]) not in claims, fact["id"]


def test_enough_article_claims_have_distortions(facts):
    with_distortion = [f["id"] for f in article_claims(facts) if f.get("distortion")]
    assert len(with_distortion) >= 8, with_distortion


def test_only_the_article_claims_carry_distortions(facts):
    # A named speaker's claim already gets a true/false item that swaps the
    # speaker; a second one built on a false version could repeat its stem.
    for fact in of_kind(facts, "claim"):
        if fact["speaker"] != AUTHOR:
            assert not fact.get("distortion"), fact["id"]


def test_a_claim_has_a_distortion_or_a_cloze_not_both(facts):
    # Both items would sit on the same worksheet, and the cloze sentence
    # states the claim the true/false item asks about.
    for fact in of_kind(facts, "claim"):
        assert not (fact.get("distortion") and fact.get("cloze")), fact["id"]


def test_every_article_claim_makes_an_item(facts, items):
    asked = {fid for item in items for fid in item.fact_ids}
    for fact in article_claims(facts):
        assert fact["id"] in asked, fact["id"]


# --- the generated question set --------------------------------------------------


def test_generation_and_lint_report_no_problems(course, generated):
    # The course passes its own lint; what it silences, each fact says why in a comment.
    from quizgen.lint import lint, silence

    items, problems = generated
    left, _ = silence(problems.items + lint(course, items), course, items)
    assert [str(p) for p in left] == []


TWO_STATEMENTS = "claim/which-statement"  # the article's claim beside its false version: two options, one stem


def test_no_two_items_share_a_stem(items):
    stems = Counter(key(item.stem) for item in items if item.template != TWO_STATEMENTS)
    assert [s for s, n in stems.items() if n > 1] == []


def test_mcq_options_are_distinct(items):
    for item in items:
        if item.type == "mcq":
            assert len({key(o) for o in item.options}) == len(item.options), item.id
            assert len(item.options) >= (2 if item.template == TWO_STATEMENTS else 3), item.id


def test_mcq_has_exactly_one_correct_option(items):
    for item in items:
        if item.type == "mcq":
            assert [key(o) for o in item.options].count(key(item.answer)) == 1, item.id
            assert item.options[item.correct] == item.answer, item.id


def test_true_false_items_are_well_formed(items):
    for item in items:
        if item.type == "tf":
            assert item.options == ("True", "False"), item.id
            assert item.answer == item.options[item.correct], item.id


def test_no_answer_inside_its_own_stem(items):
    for item in items:
        if item.type in ("recall", "mcq"):
            assert key(item.answer) not in key(item.stem), item.id


def test_cloze_stem_hides_its_answer(items):
    for item in items:
        if item.type == "cloze":
            before, answer, after = item.cloze
            assert not contains(before + " " + after, answer), item.id


def test_timeline_dates_are_distinct(items):
    timelines = [item for item in items if item.type == "ordering"]
    assert timelines
    for item in timelines:
        dates = [d for d, _ in item.sequence]
        assert len(set(dates)) == len(dates), item.id


def test_matching_sides_are_distinct(items):
    for item in items:
        if item.type == "matching":
            lefts = [key(a) for a, _ in item.pairs]
            rights = [key(b) for _, b in item.pairs]
            assert len(set(lefts)) == len(lefts) and len(set(rights)) == len(rights), item.id
