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
