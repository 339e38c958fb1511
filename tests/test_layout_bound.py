"""The layout check's cheap bound: a question whose rows are bounded within a page is not measured, and the bound is
never below what measuring finds, so the check reports what it reported when it measured everything."""
from __future__ import annotations

import math

import pytest

from helpers import BROKEN, MINI, load
from quizgen.build import Problems, enabled_targets, load_course, plan_job
from quizgen.generate import generate_items
from quizgen.model import Citation, Item
from quizgen.plan import Sheet, plan_version
from quizgen.targets.pdf import document, fonts
from quizgen.targets.pdf.layout import (
    _WIDEST_EM,
    FACE_MIX,
    FACES,
    Paragraph,
    key_question,
    sizes_only,
    student_question,
    styles,
)

# New sentences, none taken from a course: short and long, with the markup questions print, words no line holds,
# non-breaking spaces, and letters of other alphabets the family prints.
TEXTS = [
    "The ferryman counted eleven barges moored below the salt warehouse before dawn.",
    "A <b>brass</b> sextant, a <i>leather</i> log and a tin of ship's biscuits were found in the cabin.",
    "<b>Why:</b> the tide tables for the estuary were printed each spring by the harbour board, "
    "and every pilot carried the current edition folded inside a waterproof pouch — "
    "<i>\u201cso the river says\u201d</i>",
    "Lighthouse" * 40,
    "short&nbsp;words&nbsp;joined&nbsp;by&nbsp;spaces&nbsp;that&nbsp;never&nbsp;break&nbsp;" * 4,
    "Ақ желкенді қайық өзен арқылы баяу жүзіп өтті, ал балықшылар жағада ау жөндеп отырды.",
    "Мельник привёз муку на ярмарку в четверг и продал её к полудню.",
    "Ҭҭ " * 60,
    "W M Ш Щ Ж " * 30,
    "1.",
    "12 points",
]
STYLES = [("body", None), ("option", "C"), ("correct", "A"), ("small", None), ("meta", None), ("listed", "3."),
          ("num", None), ("pts", None), ("key", None), ("instr", None)]
WIDTHS = [30.0, 45.0, 80.0, 130.0, 260.0, 420.0]


def test_no_glyph_is_wider_than_the_bound_takes():
    fonts.register()
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for code in fonts.codepoints():
        widths = [stringWidth(chr(code), face, 1000) for face in FACES]
        assert max(widths) <= _WIDEST_EM * 1000
        assert max(widths) <= FACE_MIX * sum(widths) / len(widths) + 1e-9, chr(code)


@pytest.mark.parametrize("style,bullet", STYLES)
def test_a_paragraph_is_never_taller_than_its_bound(style, bullet):
    st = styles("en")
    checked = 0
    for text in TEXTS:
        for width in WIDTHS:
            bound = Paragraph(text, st[style], bulletText=bullet).height_bound(width)
            made = Paragraph(text, st[style], bulletText=bullet)
            height = made.wrap(width, 10_000)[1] + made.getSpaceBefore() + made.getSpaceAfter()
            assert height <= bound, (text, width)
            checked += bound < math.inf
    assert checked > len(TEXTS) * 2  # most are bounded, not left to measuring


def test_a_paragraph_the_bound_cannot_follow_is_left_to_measuring():
    st = styles("en")
    assert Paragraph('a <font size="30">large</font> word', st["body"]).height_bound(400) == math.inf
    assert Paragraph("a word in a column too narrow for a letter", st["body"]).height_bound(12) == math.inf
    with sizes_only():  # made for measuring only: bounded from its markup, not parsed
        sized = Paragraph("The ferryman counted eleven barges.", st["body"])
        assert sized.height_bound(400) <= 3 * st["body"].leading
        assert "_unparsed" in sized.__dict__ and sized.__dict__["_unparsed"] is not None


def _item(n: int, itype: str, stem: str, answer: str, **kw) -> Item:
    fields = dict(id=f"fact-{n}/{itype}", type=itype, course="mini-steppe", unit="steppe", fact_ids=(f"fact-{n}",),
                  template=f"test/{itype}", stem=stem, answer=answer, order=n,
                  citation=Citation("The estuary almanac", 2, "pilots carried the current edition"))
    fields.update(kw)
    return Item(**fields)


def _questions_of_every_type():
    long = " ".join(TEXTS[:3])
    why = TEXTS[2].replace("<b>Why:</b> ", "").replace("<i>", "").replace("</i>", "")
    return [
        _item(1, "recall", f"Why did the harbour board print new tide tables? {long}", "Because the channel moved",
              explanation=why, note="The board met in the customs house."),
        _item(2, "mcq", "Which vessel carried the salt?", "the barge",
              options=("the barge", "the lugger " + "with red sails " * 8, "the ketch", "the wherry"), correct=0,
              explanation=why),
        _item(3, "tf", "The ferryman did not count the barges.", "False", options=("True", "False"), correct=1),
        _item(4, "matching", "Match each pilot to the river he knew.", "x",
              pairs=(("Tomas Reed", "the estuary " * 12), ("Anna Vale", "the upper reach"), ("Olek", "the canal")),
              extras=("the mill race",)),
        _item(5, "ordering", "Put these in order.", "x",
              sequence=(("1801", "The first lighthouse was lit " * 5), ("1820", "The quay was widened"),
                        ("1855", "The ferry was steam driven"))),
        _item(6, "cloze", "The pilots kept their tables in a _____ pouch.", "waterproof",
              cloze=("The pilots kept their tables in a ", "waterproof", " pouch.")),
    ]


def test_every_row_of_a_question_is_within_the_bound(course_and_items):
    course = course_and_items[0]
    made = []
    for item in _questions_of_every_type():
        try:
            version = plan_version(course, Sheet("steppe", "The estuary", (item,)), "A")
        except Exception:  # an item this plan cannot place alone is left out of the comparison
            continue
        made.append(version)
    assert len(made) >= 4
    width = document.PAPER["a4"][0] - 2 * document.MARGIN_X
    bounded = 0
    with sizes_only():
        for version in made:
            st = styles(version.language)
            for q in version.questions:
                for block in (student_question, key_question):
                    bound = document.tallest_row_bound(block(q, width, st), width)
                    measured = document.tallest_row(block(q, width, st), width, 10_000)
                    assert measured <= bound, (q.item.id, block.__name__)
                    bounded += bound < math.inf
    assert bounded >= 2 * len(made) - 2


@pytest.fixture(scope="module")
def course_and_items():
    return load(MINI)


def _check_rendering(course_dir, monkeypatch, bounded: bool):
    course = load_course(course_dir)
    job = plan_job(course, generate_items(course, Problems()))
    pdf = next(t for t in enabled_targets(course) if t.name == "pdf")
    measured = []
    tallest_row = document.tallest_row

    def counting(flowables, width, height):
        measured.append(1)
        return tallest_row(flowables, width, height)

    with monkeypatch.context() as patch:
        patch.setattr(document, "tallest_row", counting)
        if not bounded:
            patch.setattr(document, "tallest_row_bound", lambda flowables, width: math.inf)
        found = [str(p) for p in pdf.check_rendering(job)]
    return found, len(measured)


@pytest.mark.parametrize("course_dir", [MINI, BROKEN / "word_too_long_to_print", BROKEN / "title_too_long_to_print"])
def test_the_layout_check_measures_only_what_the_bound_cannot_place_and_finds_the_same(course_dir, monkeypatch):
    found, measured = _check_rendering(course_dir, monkeypatch, bounded=True)
    found_measuring_all, measured_all = _check_rendering(course_dir, monkeypatch, bounded=False)
    assert found == found_measuring_all
    assert measured < measured_all
    if course_dir == MINI:
        assert not found and measured <= measured_all // 4
    else:
        assert found

