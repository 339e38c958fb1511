"""What a unit's source is called in its questions: `called` in the source text's front matter."""
from __future__ import annotations

import pytest

from helpers import load
from quizgen.build import load_course
from quizgen.errors import ContentError

PARAGRAPHS = [
    "The Barrow Cut was dug between 1791 and 1804 by gangs of labourers who were paid by the yard.",
    "Because the river silted up every summer, the merchants of Carlow demanded a canal of their own.",
    "Cheap carriage of coal along the cut lowered the price of bread in the market towns.",
    "The engineer Margaret Hollis argued that locks of stone would outlast locks of timber by a century.",
    "The cut will surely be remembered as the finest work of its age.",
    "It was a foolish scheme to raise the aqueduct so high above the valley.",
    "The first barge reached Carlow in 1805, and the company opened a second wharf in 1811.",
    "Thomas Reade kept the accounts of the company for twenty years.",
]

FACTS = """title: The Barrow Cut
facts:
  - id: dug
    kind: event
    what: labourers dug the Barrow Cut
    when: "1791"
    source: {paragraph: 1, quote: "dug between 1791 and 1804"}
  - id: silt
    kind: cause_effect
    cause: the silting of the river every summer
    effect: the merchants of Carlow demanding a canal
    marking: 1 point for the silting of the river
    source: {paragraph: 2, quote: "Because the river silted up every summer"}
  - id: coal
    kind: cause_effect
    cause: cheap carriage of coal along the cut
    effect: a lower price of bread in the market towns
    source: {paragraph: 3, quote: "lowered the price of bread"}
  - id: hollis-locks
    kind: claim
    speaker: Margaret Hollis
    claim: locks of stone would outlast locks of timber by a century
    distortion: locks of timber would outlast locks of stone by a century
    source: {paragraph: 4, quote: "locks of stone would outlast locks of timber"}
  - id: hollis
    kind: person
    name: Margaret Hollis
    role: engineer of the Barrow Cut
    source: {paragraph: 4, quote: "The engineer Margaret Hollis"}
  - id: reade
    kind: person
    name: Thomas Reade
    role: treasurer of the canal company
    context: His title in the company's minutes.
    from_context: true
    source: {paragraph: 8, quote: "Thomas Reade kept the accounts"}
  - id: finest
    kind: claim
    speaker: SPEAKER
    claim: the cut will be remembered as the finest work of its age
    distortion: the cut will be forgotten within a generation
    why_false: it will be remembered as the finest work of its age.
    source: {paragraph: 5, quote: "the finest work of its age"}
  - id: foolish
    kind: claim
    speaker: SPEAKER
    claim: it was a foolish scheme to raise the aqueduct so high
    distortion: the engineers praised how lofty arches carried water across those valleys
    source: {paragraph: 6, quote: "a foolish scheme"}
  - id: barge
    kind: event
    what: the first barge reached Carlow
    when: "1805"
    source: {paragraph: 7, quote: "The first barge reached Carlow in 1805"}
  - id: wharf
    kind: event
    what: the company opened a second wharf
    when: "1811"
    source: {paragraph: 7, quote: "opened a second wharf in 1811"}
"""


def canal_course(folder, called_line: str = "", speaker: str = "the article"):
    """A one-unit course from a chapter of a book; `called_line` is written into the source's front matter."""
    folder.mkdir()
    (folder / "course.yaml").write_text("title: Canals\nslug: canals\nunits: [canal]\n", encoding="utf-8")
    unit = folder / "canal"
    unit.mkdir()
    front = "---\ntitle: The Barrow Cut\ndate: '1899'\n" + (called_line + "\n" if called_line else "") + "---\n\n"
    (unit / "source.md").write_text(front + "\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    (unit / "facts.yaml").write_text(FACTS.replace("SPEAKER", speaker), encoding="utf-8")
    return folder


def texts(item) -> list[str]:
    """Everything of an item a student reads: stem, options, answer, explanation, reverse card, statements."""
    out = [item.stem, item.answer, item.explanation, *item.options, *(item.reverse or ()), *item.extras]
    out += [text for pair in item.pairs for text in pair] + [text for pair in item.sequence for text in pair]
    return [t for t in out if t]


@pytest.mark.parametrize("speaker", ["the book", "The Book", "the article"])
def test_a_source_called_the_book_is_the_book_in_every_question(tmp_path, speaker):
    course, items = load(canal_course(tmp_path / "course", "called: the book", speaker))
    said = [t for item in items for t in texts(item)]
    assert said and not [t for t in said if "article" in t.casefold()]
    stems = {item.fact_ids[0] + "/" + item.template.split("/")[-1]: item.stem for item in items}
    assert stems["silt/cause-of"].startswith("According to the book, what led to ")
    assert stems["dug/when"].startswith("According to the book, between which years did ")
    assert stems["hollis-locks/who-said"].startswith("According to the book, who said that ")
    assert stems["foolish/which-statement"] == "Which of these two statements does the book make?"
    assert stems["finest/claim-true-false"].startswith("According to the book, the cut will ")
    reade = next(i for i in items if i.fact_ids == ("reade",) and i.reverse)
    assert reade.reverse[0].endswith("(Context: the book does not give this role.)")
    opinion = next(i for i in items if i.type == "fact_opinion")
    assert opinion.stem == "Does each statement report a fact, or give the book's opinion?"
    # The book's own voice, however the curator writes it: never asked who said it, and an opinion by its words.
    assert not [i for i in items if i.template.endswith("who-said") and i.fact_ids[0] in ("finest", "foolish")]
    assert dict(opinion.pairs).get("It was a foolish scheme to raise the aqueduct so high.") == "Opinion"


def test_without_called_the_source_is_the_article(tmp_path):
    course, items = load(canal_course(tmp_path / "course"))
    stems = {item.fact_ids[0] + "/" + item.template.split("/")[-1]: item.stem for item in items}
    assert stems["silt/cause-of"].startswith("According to the article, what led to ")
    assert stems["foolish/which-statement"] == "Which of these two statements does the article make?"
    assert next(i for i in items if i.type == "fact_opinion").stem.endswith("give the article's opinion?")
    assert course.units[0].source.called == "the article"


@pytest.mark.parametrize("line, says", [
    ('called: ""', "must not be empty"),
    ("called:", "received nothing"),
    ("called: the book.", "without punctuation"),
    ("called: " + "a very long name " * 5, "at most 60"),
])
def test_a_bad_name_for_the_source_is_refused_at_its_line(tmp_path, line, says):
    folder = canal_course(tmp_path / "course", line)
    with pytest.raises(ContentError) as exc:
        load_course(folder)
    [problem] = exc.value.problems
    assert (problem.file, problem.line) == (str(folder / "canal" / "source.md"), 4)
    assert problem.field == "called" and says in problem.message, str(problem)
    assert str(problem).startswith(f"{folder / 'canal' / 'source.md'}:4: ")


def test_add_unit_leaves_the_name_of_the_source_for_the_author_to_set(tmp_path):
    from helpers import run_cli

    folder = tmp_path / "content"
    assert run_cli("init", folder, "--title", "Canals").exit_code == 0
    chapter = tmp_path / "chapter.md"
    chapter.write_text("---\ntitle: The Barrow Cut\n---\n\n" + "\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    added = run_cli("add-unit", chapter, folder, "--slug", "canal")
    assert added.exit_code == 0, added.output
    source = folder / "canal" / "source.md"
    written = source.read_text(encoding="utf-8")
    assert "\n# called: the article " in written.split("\n---\n", 1)[0]
    source.write_text(written.replace("# called: the article", "called: the book"), encoding="utf-8")
    facts = folder / "canal" / "facts.yaml"
    facts.write_text(FACTS.replace("SPEAKER", "the book"), encoding="utf-8")
    course, items = load(folder)
    assert course.units[0].source.called == "the book"
    assert not [t for item in items for t in texts(item) if "article" in t.casefold()]


def test_a_worksheet_of_a_book_asks_for_the_books_own_judgement(tmp_path):
    from helpers import pdf_text, render_pdfs

    course, items = load(canal_course(tmp_path / "course", "called: the book", "the book"))
    pdfs = render_pdfs(course, items)
    sheet = pdf_text(next(data for path, data in sorted(pdfs.items()) if path.endswith("canal-A.pdf")))
    assert "Circle Opinion if it gives the book's own judgement" in sheet and "article" not in sheet.casefold()
    course, items = load(canal_course(tmp_path / "default"))
    pdfs = render_pdfs(course, items)
    sheet = pdf_text(next(data for path, data in sorted(pdfs.items()) if path.endswith("canal-A.pdf")))
    assert "Circle Opinion if it gives the article's own judgement" in sheet


def test_the_note_on_a_claim_in_the_books_own_voice_names_the_book(tmp_path):
    from quizgen.authoring.pipeline import question_templates
    from quizgen.authoring.unasked import why_no_question

    folder = canal_course(tmp_path / "course", "called: the book", "the book")
    facts = folder / "canal" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "    distortion: the engineers praised how lofty arches carried water across those valleys\n", ""),
        encoding="utf-8")
    course = load_course(folder)
    foolish = next(f for f in course.facts if f.id == "foolish")
    why = why_no_question(foolish, question_templates(course))
    assert why.startswith("makes no question of its own: its speaker is the book, and a question asking who said a "
                          "claim is never made of the book's own claims; ")
