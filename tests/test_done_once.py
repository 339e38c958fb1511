"""What the checks and the build remember, so as to do a thing once, gives what doing it again gives."""
from __future__ import annotations

import contextlib
import io

import pytest
from reportlab.pdfgen.canvas import Canvas

from helpers import REPO
from quizgen import grammar, kinds
from quizgen.build import Problems, enabled_targets, load_course, plan_job
from quizgen.generate import generate_items
from quizgen.targets import pdf as pdf_target
from quizgen.targets.pdf import layout
from quizgen.targets.pdf.layout import Paragraph, sizes_only, styles

TEXTS = [
    ("The lighthouse keeper logged every passing schooner in a ledger bound with waxed thread.", "body", None),
    ("The lighthouse keeper logged every passing schooner in a ledger bound with waxed thread.", "key", None),
    ("a <b>copper</b> kettle &amp; a tin lantern", "option", "B"),
    ("a <b>copper</b> kettle &amp; a tin lantern", "correct", "B"),
    ("Wharfinger" * 30, "body", None),
    ("12.", "num", None),
    ("3 points", "pts", None),
]
WIDTHS = [60.0, 140.0, 420.0]


def _sizes(texts, widths):
    st = styles("en")
    out = []
    for text, style, bullet in texts:
        for width in widths:
            p = Paragraph(text, st[style], bulletText=bullet)
            out.append((p.wrap(width, 700), p.getSpaceBefore(), p.getSpaceAfter()))
    return out


def test_a_paragraph_measured_by_its_size_only_has_the_size_measured_in_full():
    plain = _sizes(TEXTS, WIDTHS)
    with sizes_only():
        first = _sizes(TEXTS, WIDTHS)
        again = _sizes(TEXTS, WIDTHS)  # the same texts, sized from what was measured before
        assert len(layout._sizes) == len(TEXTS) * len(WIDTHS)
    assert first == plain
    assert again == plain


def _drawn(make) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    p = make()
    p.wrap(140, 700)
    p.drawOn(canvas, 30, 300)
    canvas.save()
    return buffer.getvalue()


def test_a_paragraph_sized_from_memory_is_parsed_when_drawn():
    st = styles("en")

    def make():
        return Paragraph("a <b>walrus</b> tusk carved into a comb for the harbourmaster's daughter", st["option"],
                         bulletText="C")

    plain = _drawn(make)
    with sizes_only():
        first = _drawn(make)
        again = _drawn(make)  # its size remembered: its lines are broken only when it is drawn
    assert first == plain
    assert again == plain


def test_the_layout_check_finds_the_same_with_and_without_sizes_from_memory(monkeypatch):
    course = load_course(REPO / "tests" / "broken" / "word_too_long_to_print")
    items = generate_items(course, Problems())
    job = plan_job(course, items)
    pdf = next(t for t in enabled_targets(course) if t.name == "pdf")
    found = pdf.check_rendering(job)
    assert found and "too long to print" in found[0].message
    monkeypatch.setattr(pdf_target, "sizes_only", contextlib.nullcontext, raising=False)
    monkeypatch.setattr(layout, "sizes_only", contextlib.nullcontext)
    assert [str(p) for p in pdf.check_rendering(job)] == [str(p) for p in found]


@pytest.mark.parametrize("word", ["lanterns", "geese", "Lanterns", "ferrymen's", "kettle", "oxen", "", "dunes,"])
def test_plural_nouns_remembered_are_as_found(word):
    assert grammar.is_plural_noun(word) == grammar.is_plural_noun.__wrapped__(word)
    assert grammar.is_plural_noun(word) == grammar.is_plural_noun.__wrapped__(word)


@pytest.mark.parametrize("phrase", ["the ferry pilot who crossed the estuary", "younger sister and the first "
                                    "harbourmaster of the port", "a guild of rope makers", "", "the caliph, poet"])
def test_heads_and_role_families_remembered_are_as_found(phrase):
    for _ in range(2):
        assert grammar.head_index(phrase) == grammar.head_index.__wrapped__(phrase)
        assert kinds.role_families(phrase) == kinds.role_families.__wrapped__(phrase)


def _mini_job():
    course = load_course(REPO / "tests" / "courses" / "mini")
    items = generate_items(course, Problems())
    return plan_job(course, items)


def test_the_web_pages_a_check_rendered_are_the_pages_rendered_afresh():
    from quizgen.targets.web import TARGET as web
    from quizgen.targets.web import _render

    job = _mini_job()
    assert web.check(job) == []
    taken = web.render(job).files
    assert taken == _render(job.course, job.items, job.sheets)
    assert web._checked is None  # taken once: nothing held after


def test_the_web_pages_of_one_checked_job_are_not_taken_for_another(monkeypatch):
    from quizgen.targets import web as web_target
    from quizgen.targets.web import TARGET as web

    first, second = _mini_job(), _mini_job()
    assert web.check(first) == []
    calls = []
    real = web_target._render
    monkeypatch.setattr(web_target, "_render", lambda *args: calls.append(args) or real(*args))
    web.render(second)
    assert calls == [(second.course, second.items, second.sheets)]


# --- worksheets: a layout drawn once kept, lines broken once per text and width ----------------------


def _rendered_versions(job) -> list[dict[str, bytes]]:
    """Every sheet and version of a job, rendered as the build renders them (a student's sheet and its key)."""
    from quizgen.model import LETTERS
    from quizgen.targets.pdf.document import render_version

    return [render_version(job.version(sheet, letter), "a4", "sheet.pdf", "key.pdf").files
            for sheet in job.sheets for letter in LETTERS[: job.course.settings.versions]]


def _recall_version(n: int, slug: str = "steppe", letter: str = "A"):
    """A version of a sheet of `n` short-answer questions, new to every course."""
    from quizgen.model import Citation, Item
    from quizgen.plan import Sheet, plan_version

    course = load_course(REPO / "tests" / "courses" / "mini")
    asked = [Item(id=f"{slug}-well-{k}/recall", type="recall", course="mini-steppe", unit="steppe",
                  fact_ids=(f"{slug}-well-{k}",), template="test/recall", answer=f"to water the camels of {slug}",
                  stem=f"Why did the salt caravan number {k} of {slug} halt at the cistern below the ridge?",
                  citation=Citation("Test article", 1, "a quote"), order=k) for k in range(1, n + 1)]
    return plan_version(course, Sheet(slug, slug.title(), tuple(asked)), letter)


def _tightened_version():
    """A sheet whose first layout leaves one question alone on its last page: it is laid out again, tighter."""
    from quizgen.targets.pdf import document

    version = _recall_version

    def layouts(n: int) -> list[int]:
        kept = []
        real = document._Doc.build

        def build(doc, flowables):
            real(doc, flowables)
            kept.append(doc.page)
        document._Doc.build = build
        try:
            document.render_student(version(n))
        finally:
            document._Doc.build = real
        return kept

    n = next(n for n in range(10, 60) if len(set(layouts(n))) > 1)  # laid out twice, the tighter one kept
    return version(n)


def test_a_kept_layout_drawn_after_it_is_laid_out_has_the_bytes_of_drawing_each_flowable_as_placed(monkeypatch):
    from reportlab.platypus import Frame

    from quizgen.targets.pdf import document

    job = _mini_job()
    tightened = _tightened_version()
    placed = _rendered_versions(job), document.render_student(tightened), document.render_key(tightened)
    # reportlab's own way: each flowable drawn as it is placed, nothing left to draw after
    monkeypatch.setattr(document._Frame, "add", Frame._add)
    monkeypatch.setattr(document._PagedCanvas, "draw_placed", lambda canvas: None)
    drawn = _rendered_versions(job), document.render_student(tightened), document.render_key(tightened)
    assert placed == drawn


def test_a_sheet_whose_paragraphs_share_broken_lines_has_the_bytes_of_breaking_each_alone(monkeypatch):
    from quizgen.targets.pdf import document

    job = _mini_job()
    tightened = _tightened_version()

    def rendered():
        with layout.shared_parsing():
            tight = document.render_student(tightened), document.render_key(tightened)
        return _rendered_versions(job), tight

    shared = rendered()
    sharing = layout.shared_parsing

    @contextlib.contextmanager
    def parsing_only(sheet=None):
        with sharing():
            layout._broken = None  # each paragraph breaks its own lines
            yield

    monkeypatch.setattr(document, "shared_parsing", parsing_only)
    monkeypatch.setattr(layout, "shared_parsing", parsing_only)
    assert rendered() == shared


BULLETED = TEXTS + [("a <b>copper</b> kettle &amp; a tin lantern", "option", "(xiv)"),
                    ("a <b>copper</b> kettle &amp; a tin lantern " * 3, "option", "B")]


def test_paragraphs_sharing_broken_lines_size_and_draw_as_each_broken_alone():
    st = styles("en")

    def made():
        return [(Paragraph(text, st[style], bulletText=bullet), width) for text, style, bullet in BULLETED
                for width in WIDTHS]

    def drawn(paragraphs) -> list:
        out = []
        for p, width in paragraphs:
            buffer = io.BytesIO()
            canvas = Canvas(buffer, invariant=1)
            size = p.wrap(width, 700)
            p.drawOn(canvas, 30, 300)
            canvas.save()
            out.append((size, buffer.getvalue()))
        return out

    alone = drawn(made())
    with layout.shared_parsing():
        first, again = drawn(made()), drawn(made())  # the second takes the lines the first broke
        assert len(layout._broken) == len(BULLETED) * len(WIDTHS)
    assert first == alone
    assert again == alone


def test_a_paragraph_sharing_its_lines_splits_without_changing_the_others():
    st = styles("en")
    text = "The lighthouse keeper logged every <b>passing schooner</b> in a ledger bound with waxed thread. " * 6

    def pieces(paragraph) -> list:
        paragraph.wrap(140, 700)
        return [(piece.wrap(140, 700), _drawn(lambda piece=piece: piece)) for piece in paragraph.split(140, 60)]

    alone_pieces, alone_whole = pieces(Paragraph(text, st["body"])), _drawn(lambda: Paragraph(text, st["body"]))
    with layout.shared_parsing():
        kept = Paragraph(text, st["body"])
        kept.wrap(140, 700)
        split = pieces(Paragraph(text, st["body"]))  # takes the lines `kept` broke, and splits
        whole = _drawn(lambda: kept)
    assert split == alone_pieces
    assert whole == alone_whole


def test_a_copied_frame_shares_only_what_cannot_change():
    import copy

    from quizgen.targets.pdf import document

    frame = document._Frame(50, 60, 400, 700, leftPadding=0, id="body")
    frame._frameBGs = [["lantern"]]
    twin = copy.deepcopy(frame)
    assert type(twin) is document._Frame
    assert twin.__dict__ == frame.__dict__
    assert twin._frameBGs is not frame._frameBGs and twin._frameBGs[0] is not frame._frameBGs[0]
    at = frame._y
    twin._y -= 100
    assert frame._y == at


def test_a_sheet_keeps_what_it_parsed_for_its_next_version_and_only_its_own():
    from quizgen.targets.pdf.document import render_version

    def render(slug: str, letter: str) -> set:
        render_version(_recall_version(12, slug, letter), "a4", "sheet.pdf", "key.pdf")
        return set(layout._kept[1])

    alone_a = render("ferry", "A")
    layout._kept = (None, {}, {})
    alone_b = render("ferry", "B")
    assert alone_a and alone_b != alone_a  # the versions print some texts differently (the options' order)
    render("well", "A")
    render("ferry", "A")
    assert render("ferry", "B") == alone_a | alone_b, "the second version of a sheet adds to what the first parsed"
    layout._kept = (None, {}, {})
    second_alone = render("well", "A")
    render("ferry", "A")
    assert render("well", "A") == second_alone, "another sheet's texts are not kept"
