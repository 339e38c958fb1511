"""A fact kind is its schema class and its question templates, and nothing else.

`QuantityFact` below is a kind quizgen does not ship: a figure and what it measures. It is registered through
the documented extension point (`quizgen.schema.register_fact_kind`); its templates are the course's own
(tests/courses/quantities/templates/questions/quantity/). No other file of quizgen names it, yet the course
builds into every output: its questions, wrong answers, matching question, written answers, lint and preview
all come from the declarations on the class.
"""
from __future__ import annotations

import re
from typing import ClassVar, Literal

import pytest

from helpers import COURSES, REPO, Learner, copy_course, pdf_text, plain, run_cli
from quizgen import schema
from quizgen.build import build, check
from quizgen.errors import ContentError
from quizgen.schema import Date, FactBase, Matching, Text, slot

QUANTITIES = COURSES / "quantities"


class QuantityFact(FactBase):
    """A figure the source gives, and what it measures."""

    kind: Literal["quantity"]
    measure: Text = slot("measure", "What the figure measures, e.g. `the area of the Aral Sea in 1960`.")
    value: Text = slot("figure", "The figure with its unit, as the source gives it: `about 68,000 square kilometres`.")
    year: Date | None = slot("date", "When the figure held, as precisely as the source says.", default=None)

    shown_as: ClassVar[str] = "figure"
    name_field: ClassVar[str] = "value"  # a matching question offers the figures ...
    description_field: ClassVar[str] = "measure"  # ... beside what each measures
    subject_field: ClassVar[str] = "measure"  # a true/false statement speaks of the measure
    accept_field: ClassVar[str] = "value"  # its written answer, which `accept` and `marking` are about
    date_field: ClassVar[str] = "year"  # its period: wrong figures come from the same years
    matching: ClassVar[Matching | None] = Matching("figures", "Match each figure to what it measures.")
    lint: ClassVar[tuple[str, ...]] = ("date-precision",)


@pytest.fixture
def quantity_kind():
    schema.register_fact_kind(QuantityFact)
    yield QuantityFact
    del schema.FACT_KINDS["quantity"]


def test_the_kind_is_a_class_and_templates_only():
    # Python lives in this test alone: the course brings data and templates, quizgen names no such kind.
    files = sorted(p.relative_to(QUANTITIES).as_posix() for p in QUANTITIES.rglob("*") if p.is_file())
    assert files == ["aral-figures/facts.yaml", "aral-figures/source.md", "course.yaml",
                     "templates/questions/quantity/figure-recall.j2",
                     "templates/questions/quantity/figure-true-false.j2",
                     "templates/questions/quantity/how-much.j2"]
    assert "quantity" not in schema.FACT_KINDS
    for path in (REPO / "quizgen").rglob("*.py"):
        assert not re.search(r"QuantityFact|Literal\[.quantity.\]", path.read_text(encoding="utf-8")), path
    assert not (REPO / "templates" / "questions" / "quantity").exists()


def test_an_unregistered_kind_is_a_clear_error():
    with pytest.raises(ContentError) as caught:
        check(QUANTITIES)
    message = str(caught.value.problems[0])
    assert "unknown kind 'quantity'; expected one of: person, event, term, cause_effect, claim, background" in message


def test_the_declarations_make_its_questions(quantity_kind):
    report = check(QUANTITIES)
    items = {item.id: item for item in report.items}
    # The course's templates, for every fact of the kind: multiple choice with the curated wrong figures.
    mcq = items["area-1960/how-much"]
    assert mcq.type == "mcq" and mcq.kind == "quantity"
    assert mcq.stem == "According to the article, what was the area of the Aral Sea in 1960?"
    assert set(mcq.options) == {"about 68,000 square kilometres", "about 26,000 square kilometres",
                                "about 120,000 square kilometres"}
    assert mcq.explanation == "The area of the Aral Sea in 1960 was about 68,000 square kilometres."
    # accept_field: the written question's accepted forms and the key's are the fact's `accept`.
    recall = items["area-1960/figure-recall"]
    assert recall.type == "recall" and recall.accept == ("68,000 km²", "68000 square km")
    # subject_field: a true/false statement never names its measure in a wrong value; its cue pairs them.
    for item in report.items:
        if item.type == "tf":
            shown, measure = item.cue[0]
            assert measure == next(f for f in report.course.facts if f.id == item.fact_ids[0]).fields["measure"]
    # matching: the kind's own matching question, descriptions (measures) to names (figures).
    matching = items["aral-figures/matching-figures"]
    assert matching.stem == "Match each figure to what it measures."
    assert ("the length of the Kok-Aral dam", "about 13 kilometres") in matching.pairs
    assert len(matching.extras) >= 1  # a spare figure, so the last match is never free
    # The preview names the kind as its class says.
    from quizgen.authoring.preview import kind_label

    assert kind_label("quantity") == "figure"


def test_the_kinds_lint_runs_on_it(quantity_kind, tmp_path):
    # lint = ("date-precision",): a year the quote does not give is flagged, as for an event's date.
    course = copy_course(QUANTITIES, tmp_path / "course")
    facts = course / "aral-figures" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace('    year: "1960"\n', '    year: "1960-05"\n', 1),
                     encoding="utf-8")
    assert not [w for w in check(QUANTITIES).warnings if w.code == "date-precision"]
    warnings = [w for w in check(course).warnings if w.code == "date-precision"]
    assert [w.fact for w in warnings] == ["area-1960"]


def test_the_course_builds_into_every_output(quantity_kind, tmp_path):
    targets = ["anki", "pdf", "web", "moodle", "gift", "canvas", "qti3", "kahoot", "quizlet"]
    course = copy_course(QUANTITIES, tmp_path / "course")
    out = tmp_path / "out"
    report = build(course, out, settings={"targets": targets}, now=1_700_000_000)
    assert set(report.outputs) == set(targets)

    [sheet] = report.sheets
    asked = [item for item in sheet.items if item.kind in ("quantity", "multi")]
    assert {f for item in asked for f in item.fact_ids} >= {f.id for f in report.course.facts if f.kind == "quantity"}
    # The worksheets print its questions (the matching question among them), and the key their answers.
    student = pdf_text(out / "worksheets" / "aral-figures-A.pdf")
    key = pdf_text(out / "worksheets" / "aral-figures-A-key.pdf")
    for item in asked:
        assert item.stem in student
        for answer in [item.answer] if item.type != "matching" else [name for _, name in item.pairs]:
            assert answer in key
    # The web quiz shows them.
    page = plain((out / "web" / "aral-figures.html").read_text(encoding="utf-8"))
    assert all(item.stem in page for item in asked)
    # Anki's own importer takes the deck: a note of the kind, its written card among them.
    learner = Learner(tmp_path / "anki")
    try:
        learner.import_deck(out / "aral-figures.apkg", with_scheduling=False)
        fronts = [plain(field) for note in learner.notes_by_guid().values() for field in note.fields]
    finally:
        learner.close()
    assert any("What was the area of the Aral Sea in 1960?" in front for front in fronts)
    # The exports carry them.
    moodle = (out / "moodle" / "aral-figures.xml").read_text(encoding="utf-8")
    assert all(item.stem in moodle for item in asked)
    assert "area of the Aral Sea in 1960" in (out / "quizlet" / "aral-figures.txt").read_text(encoding="utf-8")


def test_registering_refuses_a_kind_that_declares_what_it_lacks():
    class Broken(FactBase):
        """A kind naming a field it does not have."""

        kind: Literal["broken"]
        what: Text

        name_field: ClassVar[str] = "name"

    with pytest.raises(ValueError, match="fact kind 'broken' declares field\\(s\\) it does not have: name"):
        schema.register_fact_kind(Broken)
    with pytest.raises(ValueError, match="fact kind 'person' is declared twice"):
        schema.register_fact_kind(type("PersonAgain", (schema.PersonFact,), {"__doc__": "Again."}))
    assert "broken" not in schema.FACT_KINDS


def test_the_cli_checks_it_once_registered(quantity_kind):
    result = run_cli("check", QUANTITIES)
    assert result.exit_code == 0, result.output
    assert "quantity" not in result.stderr
