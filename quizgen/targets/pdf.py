"""Printable worksheets: a student sheet and a teacher's key per version, as PDF.

`render_worksheets(course, items, versions, paper, exam)` returns the files by
path (relative to the output folder) without writing anything:

    worksheets/<unit>-A.pdf        worksheets/<unit>-A-key.pdf        (per unit, per version)
    worksheets/<course>-exam-A.pdf worksheets/<course>-exam-A-key.pdf (when exam > 0)

A worksheet groups its questions into parts by item type, always in this
order: multiple choice, true or false, fill in the blanks, matching, timeline,
short answer. Each part opens with its instructions and its points; numbering
runs on across parts.

Points:

    multiple choice, true or false, fill in the blank   1 point each
    short answer (recall)                               2 points
    matching                                            1 point per correct pair
    timeline (ordering)                                 1 point per event in its right place

Versions A, B, C... hold the same questions. Each version shuffles the order of
the questions within every part, the options of multiple-choice questions, the
right-hand column of matching questions and the events of timelines. The
positions of the correct options are balanced within each version: every
question goes to the position (A-D) that has been used least so far, ties
broken at random, so no letter is "usually right". A true/false statement
keeps the truth the generator gave it. Fill-in-the-blank parts with at least
`WORD_BANK_MIN` questions get a word bank of their answers, shuffled.

A unit sheet asks about every fact once: the matching and timeline questions
first (each covers several facts), then one question for each fact they leave
out, its type chosen so the parts stay balanced. Printing every item would let
one question give another away (a true/false statement answering the
multiple-choice question beside it); the Anki deck, where cards come one at a
time, keeps them all.

The course exam draws `exam` items across all units, taking them from the
units in turn and, within a unit, from the item types in turn; where it can,
it avoids two items about the same fact (one would give the other away).

All randomness comes from `quizgen.generate.rng_for`, seeded from the course
slug and seed, the unit (or exam) slug, the version letter and the item id.
PDFs are rendered in reportlab's invariant mode (fixed dates and document id),
so the same inputs give the same bytes.

Text is set in PT Sans (see `quizgen.fonts`); `missing_glyphs(items)` lists
characters it cannot print, and should run before rendering.
"""
from __future__ import annotations

import io
import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from .. import fonts
from ..errors import Problem
from ..generate import rng_for
from ..model import CLOZE_BLANK, LETTERS, Course, Item

PAPER = {"a4": A4, "letter": LETTER}
MARGIN_X = 18 * mm  # left and right: no text comes closer to the edge
MARGIN_TOP = 15 * mm
MARGIN_BOTTOM = 20 * mm
FOOTER_Y = 11 * mm  # baseline of the footer, inside the bottom margin
WORD_BANK_MIN = 3  # fewer blanks than this get no word bank: it would give answers away
RECALL_LINES = 3
BLANK = "_" * 16  # the printed blank; the same length whatever the answer
GREY = colors.HexColor("#555555")
LIGHT = colors.HexColor("#e4e4e4")

POINTS = {"mcq": 1, "tf": 1, "cloze": 1, "recall": 2}

SECTIONS = (  # item type, part title, instructions for the student
    ("mcq", "Multiple choice", "Circle the letter of the one correct answer."),
    ("tf", "True or false", "Read each statement. Circle True if it is correct, False if it is not."),
    ("cloze", "Fill in the blanks", "Write the missing word or words on the line."),
    ("matching", "Matching", "Write the letter of the matching description on the line before each number."),
    ("ordering", "Timeline", "Number the events in the order in which they happened: write 1 in the box "
                             "of the earliest event, 2 in the box of the next one, and so on."),
    ("recall", "Short answer", "Answer each question in a sentence or two on the lines."),
)
SECTION_ORDER = tuple(s[0] for s in SECTIONS)


# --- the plan of a version: what goes where ------------------------------------------


@dataclass(frozen=True)
class Question:
    """One item as printed in one version."""

    number: int
    item: Item
    points: int
    options: tuple[str, ...] = ()  # mcq and tf, in printed order
    correct: int = -1  # index into options
    lefts: tuple[str, ...] = ()  # matching: numbered 1, 2, ...
    rights: tuple[str, ...] = ()  # matching: lettered A, B, ...
    matches: tuple[int, ...] = ()  # matching: for each left, the index of its right
    events: tuple[str, ...] = ()  # ordering: in printed order
    ranks: tuple[int, ...] = ()  # ordering: for each printed event, its place in time (1 = earliest)

    @property
    def answer_text(self) -> str:
        """The answer as the key table prints it (plain text)."""
        t = self.item.type
        if t == "mcq":
            return f"{LETTERS[self.correct]} {self.options[self.correct]}"
        if t == "tf":
            return self.options[self.correct]
        if t == "cloze" and self.item.cloze:
            return self.item.cloze[1]
        if t == "matching":
            return ", ".join(f"{i + 1}-{LETTERS[m]}" for i, m in enumerate(self.matches))
        if t == "ordering":
            return "top to bottom: " + ", ".join(str(r) for r in self.ranks)
        return self.item.answer


@dataclass(frozen=True)
class Section:
    type: str
    title: str
    instructions: str
    questions: tuple[Question, ...]
    word_bank: tuple[str, ...] = ()

    @property
    def points(self) -> int:
        return sum(q.points for q in self.questions)


@dataclass(frozen=True)
class Worksheet:
    """One version of one worksheet: a unit's, or the course exam's."""

    course_title: str
    title: str  # the unit's title, or "Course exam"
    slug: str  # file name stem: the unit slug, or "<course>-exam"
    letter: str
    sections: tuple[Section, ...]
    language: str = "en"

    @property
    def points(self) -> int:
        return sum(s.points for s in self.sections)

    @property
    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]


def points_for(item: Item) -> int:
    if item.type == "matching":
        return len(item.pairs)
    if item.type == "ordering":
        return len(item.sequence)
    return POINTS[item.type]


def plan_worksheet(course: Course, items: list[Item], slug: str, title: str, letter: str) -> Worksheet:
    """Lay out one version: parts, question order, option order and word bank."""
    base = (course.slug, course.settings.seed, slug, letter)
    by_type: dict[str, list[Item]] = {}
    for item in sorted(items, key=lambda i: (i.order, i.id)):
        if item.type not in SECTION_ORDER:
            raise ValueError(f"item '{item.id}' has type '{item.type}', which worksheets cannot print")
        by_type.setdefault(item.type, []).append(item)
    sections = []
    number = 0
    for qtype, part_title, instructions in SECTIONS:
        chosen = list(by_type.get(qtype, []))
        if not chosen:
            continue
        rng_for(*base, "order", qtype).shuffle(chosen)
        targets: list[int] = []
        if qtype == "mcq":
            targets = _balanced_positions([len(i.options) for i in chosen], rng_for(*base, "positions"))
        questions = []
        for k, item in enumerate(chosen):
            number += 1
            rng = rng_for(*base, "item", item.id)
            questions.append(_question(item, number, rng, targets[k] if targets else -1))
        bank: tuple[str, ...] = ()
        if qtype == "cloze" and len(chosen) >= WORD_BANK_MIN:
            words = [i.cloze[1] if i.cloze else i.answer for i in chosen]
            rng_for(*base, "word-bank").shuffle(words)
            bank = tuple(words)
        sections.append(Section(qtype, part_title, instructions, tuple(questions), bank))
    return Worksheet(course.title, title, slug, letter, tuple(sections), course.language or "en")


def _balanced_positions(sizes: list[int], rng) -> list[int]:
    """Pick, for each question in turn, the least used position it has; ties at random."""
    counts = [0] * max(sizes, default=0)
    out = []
    for k in sizes:
        low = min(counts[:k])
        pos = rng.choice([p for p in range(k) if counts[p] == low])
        counts[pos] += 1
        out.append(pos)
    return out


def _shuffled_not_identity(n: int, rng) -> list[int]:
    """A seeded permutation of range(n) that, when n > 1, is not the identity."""
    perm = list(range(n))
    for _ in range(20):
        rng.shuffle(perm)
        if n < 2 or perm != list(range(n)):
            break
    return perm


def _question(item: Item, number: int, rng, target: int) -> Question:
    pts = points_for(item)
    if item.type == "mcq":
        if not item.options or not 0 <= item.correct < len(item.options):
            raise ValueError(f"multiple-choice item '{item.id}' has no correct option")
        right = item.options[item.correct]
        wrong = [o for i, o in enumerate(item.options) if i != item.correct]
        rng.shuffle(wrong)
        target = target if 0 <= target < len(item.options) else 0
        wrong.insert(target, right)
        return Question(number, item, pts, options=tuple(wrong), correct=target)
    if item.type == "tf":
        truth = item.correct == 0 if item.correct in (0, 1) else item.answer.strip().lower() == "true"
        return Question(number, item, pts, options=("True", "False"), correct=0 if truth else 1)
    if item.type == "matching":
        n = len(item.pairs)
        left_order = list(range(n))
        rng.shuffle(left_order)
        right_order = list(range(n))  # printed right j is pair right_order[j]
        rng.shuffle(right_order)
        if right_order == left_order and n > 1:  # the answer would read 1-A, 2-B, 3-C...
            right_order = right_order[1:] + right_order[:1]
        lefts = tuple(item.pairs[p][0] for p in left_order)
        rights = tuple(item.pairs[p][1] for p in right_order)
        matches = tuple(right_order.index(p) for p in left_order)
        return Question(number, item, pts, lefts=lefts, rights=rights, matches=matches)
    if item.type == "ordering":
        perm = _shuffled_not_identity(len(item.sequence), rng)  # printed event j is sequence[perm[j]]
        return Question(number, item, pts, events=tuple(item.sequence[p][1] for p in perm),
                        ranks=tuple(p + 1 for p in perm))
    return Question(number, item, pts)


def select_sheet_items(course: Course, items: list[Item], slug: str) -> list[Item]:
    """Pick the items a unit sheet prints: each fact asked once, the types kept balanced."""
    rng = rng_for(course.slug, course.settings.seed, slug, "select")
    ordered = sorted(items, key=lambda i: (i.order, i.id))
    picked = [i for i in ordered if len(i.fact_ids) > 1]
    asked = {f for i in picked for f in i.fact_ids}
    by_fact: dict[str, list[Item]] = {}
    for item in ordered:
        if len(item.fact_ids) == 1 and item.fact_ids[0] not in asked:
            by_fact.setdefault(item.fact_ids[0], []).append(item)
    used: dict[str, int] = {}
    for choices in by_fact.values():  # in course order
        low = min(used.get(i.type, 0) for i in choices)
        choice = rng.choice([i for i in choices if used.get(i.type, 0) == low])
        used[choice.type] = used.get(choice.type, 0) + 1
        picked.append(choice)
    return sorted(picked, key=lambda i: (i.order, i.id))


def select_exam_items(course: Course, items: list[Item], count: int) -> list[Item]:
    """Draw `count` items across the units, in turn, preferring items about facts not yet asked."""
    rng = rng_for(course.slug, course.settings.seed, f"{course.slug}-exam", "select")
    unit_order = [u.slug for u in course.units]
    pools: dict[str, list[Item]] = {}
    for item in sorted(items, key=lambda i: (i.order, i.id)):
        pools.setdefault(item.unit, []).append(item)
    unit_order += [u for u in pools if u not in unit_order]
    queues = []
    for slug in unit_order:
        # within a unit, take the item types in turn, so an exam is not all multiple choice
        by_type: dict[str, list[Item]] = {}
        for item in pools.get(slug, []):
            by_type.setdefault(item.type, []).append(item)
        groups = [by_type[t] for t in SECTION_ORDER if t in by_type]
        rng.shuffle(groups)
        for group in groups:
            rng.shuffle(group)
        pool = [g[k] for k in range(max(map(len, groups), default=0)) for g in groups if k < len(g)]
        if pool:
            queues.append(pool)
    picked: list[Item] = []
    asked: set[str] = set()
    deferred: list[Item] = []
    while len(picked) < count and any(queues):
        for queue in queues:
            while queue and len(picked) < count:
                item = queue.pop(0)
                if asked.intersection(item.fact_ids):
                    deferred.append(item)
                    continue
                picked.append(item)
                asked.update(item.fact_ids)
                break
    picked += deferred[: max(0, count - len(picked))]
    return sorted(picked, key=lambda i: (i.order, i.id))


# --- the public entry points ------------------------------------------------------------


def render_worksheets(course: Course, items: list[Item], versions: int | None = None, paper: str | None = None,
                      exam: int | None = None) -> dict[str, bytes]:
    """Render every worksheet and key; return {relative path: PDF bytes}."""
    versions = course.settings.versions if versions is None else versions
    paper = (course.settings.paper if paper is None else paper).lower()
    exam = course.settings.exam if exam is None else exam
    if paper not in PAPER:
        raise ValueError(f"unknown paper size '{paper}'; expected one of: {', '.join(PAPER)}")
    if not 1 <= versions <= len(LETTERS):
        raise ValueError(f"versions must be between 1 and {len(LETTERS)}, got {versions}")
    letters = LETTERS[:versions]
    files: dict[str, bytes] = {}
    titles = {u.slug: u.title for u in course.units}
    by_unit: dict[str, list[Item]] = {}
    for item in items:
        by_unit.setdefault(item.unit, []).append(item)
    unit_slugs = [u.slug for u in course.units if u.slug in by_unit] + [s for s in by_unit if s not in titles]
    sheets = [(slug, titles.get(slug, slug), select_sheet_items(course, by_unit[slug], slug)) for slug in unit_slugs]
    if exam > 0 and items:
        sheets.append((f"{course.slug}-exam", "Course exam", select_exam_items(course, items, exam)))
    for slug, title, sheet_items in sheets:
        for letter in letters:
            ws = plan_worksheet(course, sheet_items, slug, title, letter)
            files[f"worksheets/{slug}-{letter}.pdf"] = render_student(ws, paper)
            files[f"worksheets/{slug}-{letter}-key.pdf"] = render_key(ws, paper)
    return files


def printed_texts(item: Item) -> list[tuple[str, str]]:
    """Every text of an item a worksheet or key may print, as (field, text)."""
    out = [("stem", item.stem), ("answer", item.answer)]
    out += [(f"options[{i}]", o) for i, o in enumerate(item.options)]
    if item.cloze:
        out += [("cloze", "".join(item.cloze))]
    for i, (a, b) in enumerate(item.pairs):
        out += [(f"pairs[{i}]", f"{a} {b}")]
    for i, (a, b) in enumerate(item.sequence):
        out += [(f"sequence[{i}]", f"{a} {b}")]
    out += [("explanation", item.explanation), ("context", item.context), ("note", item.note)]
    if item.citation:
        out += [("citation", item.citation.short()), ("citation.quote", item.citation.quote)]
    return out


def missing_glyphs(items: list[Item]) -> list[Problem]:
    """One error per (item, character) the worksheet font cannot print, naming the fact and field."""
    problems = []
    for item in items:
        seen: set[str] = set()
        for fieldname, text in printed_texts(item):
            for ch in fonts.missing(text or ""):
                if ch in seen:
                    continue
                seen.add(ch)
                problems.append(Problem(
                    f"character '{ch}' (U+{ord(ch):04X}) cannot be printed on worksheets: the font "
                    f"{fonts.FAMILY} has no glyph for it (item '{item.id}')",
                    fact=item.fact_ids[0] if item.fact_ids else "",
                    field=fieldname,
                ))
    return problems


# --- styles and small flowables -------------------------------------------------------


def _styles() -> dict[str, ParagraphStyle]:
    fonts.register()
    body = ParagraphStyle("body", fontName=fonts.REGULAR, bulletFontName=fonts.REGULAR, fontSize=10.5, leading=14,
                          splitLongWords=1)
    return {
        "body": body,
        "small": ParagraphStyle("small", body, fontSize=8.5, leading=11, textColor=GREY),
        "num": ParagraphStyle("num", body, fontName=fonts.BOLD),
        "pts": ParagraphStyle("pts", body, fontSize=8.5, textColor=GREY, alignment=TA_RIGHT),
        "option": ParagraphStyle("option", body, leftIndent=14, bulletIndent=0, bulletFontName=fonts.BOLD,
                                 spaceBefore=1),
        "right": ParagraphStyle("right", body, alignment=TA_RIGHT),
        "course": ParagraphStyle("course", body, fontName=fonts.BOLD, fontSize=17, leading=21),
        "unit": ParagraphStyle("unit", body, fontSize=13, leading=17),
        "version": ParagraphStyle("version", body, fontName=fonts.BOLD, fontSize=15, leading=19,
                                  alignment=TA_CENTER),
        "part": ParagraphStyle("part", body, fontName=fonts.BOLD, fontSize=12.5, leading=16),
        "partpts": ParagraphStyle("partpts", body, fontSize=10, leading=16, alignment=TA_RIGHT),
        "instr": ParagraphStyle("instr", body, fontName=fonts.ITALIC, fontSize=10, leading=13),
        "key": ParagraphStyle("key", body, fontSize=9.5, leading=12),
        "keyhead": ParagraphStyle("keyhead", body, fontName=fonts.BOLD, fontSize=9.5, leading=12),
        "correct": ParagraphStyle("correct", body, leftIndent=14, bulletIndent=0, bulletFontName=fonts.BOLD,
                                  fontName=fonts.BOLD, backColor=LIGHT, spaceBefore=1),
        "meta": ParagraphStyle("meta", body, fontSize=9, leading=12, leftIndent=0),
        "listed": ParagraphStyle("listed", body, fontSize=9, leading=12, leftIndent=14, bulletIndent=0,
                                 bulletFontSize=9),
    }


def esc(text: str) -> str:
    """Escape plain text for Paragraph markup: it prints exactly as written."""
    return escape(str(text))


class AnswerLines(Flowable):
    """Ruled lines to write an answer on."""

    def __init__(self, count: int, gap: float = 22):
        super().__init__()
        self.count, self.gap = count, gap

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        return avail_width, self.count * self.gap

    def draw(self):
        c = self.canv
        c.setStrokeColor(colors.HexColor("#888888"))
        c.setLineWidth(0.5)
        for i in range(self.count):
            y = (self.count - 1 - i) * self.gap + 2
            c.line(0, y, self.width, y)


class Box(Flowable):
    """An empty square for the student to write a number or letter in."""

    def __init__(self, size: float = 15):
        super().__init__()
        self.size = size

    def wrap(self, avail_width, avail_height):
        return self.size, self.size

    def draw(self):
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, self.size, self.size)


def _style(commands) -> TableStyle:
    """A table style whose plain-string cells use the worksheet font too (never Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR)] + list(commands))


def _pts(n: int) -> str:
    return f"{n} point" if n == 1 else f"{n} points"


# --- the student sheet ------------------------------------------------------------------


NUM_W = 9 * mm
PTS_W = 16 * mm


def _stem_row(q: Question, stem_markup: str, width: float, st, extra: Flowable | None = None) -> Table:
    """The question's number, its stem and its points (and, for true/false, the choices)."""
    row = [Paragraph(f"{q.number}.", st["num"]), Paragraph(stem_markup, st["body"])]
    widths = [NUM_W, width - NUM_W - PTS_W]
    if extra is not None:
        extra_w = 30 * mm
        widths = [NUM_W, width - NUM_W - PTS_W - extra_w, extra_w]
        row.append(extra)
    row.append(Paragraph(_pts(q.points), st["pts"]))
    widths.append(PTS_W)
    t = Table([row], colWidths=widths)
    t.setStyle(_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (1, 0), (1, 0), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return t


def _indented(flowables: list, width: float) -> Table:
    """Flowables set under the stem, in line with its text."""
    t = Table([["", flowables]], colWidths=[NUM_W, width - NUM_W - PTS_W])
    t.setStyle(_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    t.hAlign = "LEFT"
    return t


def _grid(rows: list[list], widths: list[float], pad: float = 2) -> Table:
    t = Table(rows, colWidths=widths)
    t.setStyle(_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
    ]))
    t.hAlign = "LEFT"
    return t


def _cloze_markup(item: Item, fill: str | None) -> str:
    """The cloze sentence with its blank, or with the answer in bold when `fill` is given."""
    blank = f"<b>{esc(fill)}</b>" if fill is not None else BLANK
    if CLOZE_BLANK in item.stem:
        before, after = item.stem.split(CLOZE_BLANK, 1)
        return esc(before) + blank + esc(after)
    if item.cloze:
        return esc(item.cloze[0]) + blank + esc(item.cloze[2])
    return esc(item.stem) + " " + blank


def _mcq_options(q: Question, inner: float, st, key: bool = False) -> list:
    """Options lettered A-D: two columns when all are short, else one per line."""
    def para(i, opt):
        mark = key and i == q.correct
        text = esc(opt) + (" (correct)" if mark else "")
        return Paragraph(text, st["correct" if mark else "option"], bulletText=LETTERS[i])

    paras = [para(i, o) for i, o in enumerate(q.options)]
    col_w = inner / 2
    fits = all(stringWidth(o, fonts.REGULAR, 10.5) + 30 < col_w for o in q.options)
    if fits and len(paras) >= 3:
        rows = [paras[i : i + 2] + ([""] if i + 1 >= len(paras) else []) for i in range(0, len(paras), 2)]
        return [_grid(rows, [col_w, col_w], pad=1)]
    return paras


def _matching_table(q: Question, inner: float, st, key: bool = False) -> Table:
    """Numbered left column with a line for the letter; lettered right column."""
    slot_w = 17 * mm
    room = inner - slot_w
    widest = max((stringWidth(x, fonts.REGULAR, 10.5) for x in q.lefts), default=0) + 10
    left_w = min(max(widest, room * 0.25), room * 0.45)  # the descriptions get the rest
    rows = []
    for i in range(max(len(q.lefts), len(q.rights))):
        row: list = ["", "", ""]
        if i < len(q.lefts):
            answer = f"<b>{LETTERS[q.matches[i]]}</b>" if key else "_____"
            row[0] = Paragraph(f"<b>{i + 1}.</b>&nbsp;&nbsp;{answer}", st["body"])
            row[1] = Paragraph(esc(q.lefts[i]), st["body"])
        if i < len(q.rights):
            row[2] = Paragraph(esc(q.rights[i]), st["option"], bulletText=f"{LETTERS[i]}.")
        rows.append(row)
    t = _grid(rows, [slot_w, left_w, inner - slot_w - left_w], pad=2)
    t.setStyle(_style([("LEFTPADDING", (2, 0), (2, -1), 10)]))
    return t


def _ordering_table(q: Question, inner: float, st, key: bool = False) -> Table:
    rows = []
    for j, event in enumerate(q.events):
        cell = Paragraph(f"<b>{q.ranks[j]}</b>", st["body"]) if key else Box()
        rows.append([cell, Paragraph(esc(event), st["body"])])
    t = _grid(rows, [8 * mm, inner - 8 * mm], pad=3)
    return t


def _student_question(q: Question, width: float, st) -> list:
    item = q.item
    inner = width - NUM_W - PTS_W
    if item.type == "tf":
        choice = Paragraph("True&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;False", st["num"])
        return [_stem_row(q, esc(item.stem), width, st, extra=choice)]
    if item.type == "cloze":
        return [_stem_row(q, _cloze_markup(item, None), width, st)]
    head = _stem_row(q, esc(item.stem), width, st)
    if item.type == "mcq":
        below = _mcq_options(q, inner, st)
    elif item.type == "matching":
        below = [Spacer(0, 3), _matching_table(q, inner, st)]
    elif item.type == "ordering":
        below = [Spacer(0, 3), _ordering_table(q, inner, st)]
    else:  # recall
        below = [Spacer(0, 4), AnswerLines(RECALL_LINES)]
    return [head, Spacer(0, 2), _indented(below, width)]


def _part_heading(index: int, section: Section, width: float, st) -> list:
    t = Table([[Paragraph(f"Part {index}: {esc(section.title)}", st["part"]),
                Paragraph(_pts(section.points), st["partpts"])]],
              colWidths=[width - 30 * mm, 30 * mm])
    t.setStyle(_style([
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, -1), 0.8, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
    ]))
    return [t, Spacer(0, 4)]


def _word_bank(words: tuple[str, ...], width: float, st) -> Table:
    """The answers of a fill-in part in a boxed grid, one entry per cell."""
    inner = width - 12
    widest = max(stringWidth(w, fonts.REGULAR, 10.5) for w in words) + 12
    cols = max(1, min(4, int(inner // max(widest, 1)), len(words)))
    cells = [Paragraph(esc(w), st["body"]) for w in words]
    rows = [cells[i : i + cols] + [""] * (cols - len(cells[i : i + cols])) for i in range(0, len(cells), cols)]
    head = [Paragraph("<b>Word bank</b>: use each entry once", st["small"])] + [""] * (cols - 1)
    t = Table([head] + rows, colWidths=[inner / cols] * cols)
    t.setStyle(_style([
        ("SPAN", (0, 0), (-1, 0)),
        ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, 0), 5),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
    ]))
    t.hAlign = "LEFT"
    return t


def _title_block(ws: Worksheet, width: float, st, key: bool) -> list:
    label = f"Version {ws.letter}"
    version = Table([[Paragraph(label, st["version"])]], colWidths=[32 * mm])
    version.setStyle(_style([
        ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
        ("BACKGROUND", (0, 0), (-1, -1), LIGHT if key else colors.white),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    subtitle = f"{esc(ws.title)} · Answer key (teacher's copy)" if key else esc(ws.title)
    head = Table([[[Paragraph(esc(ws.course_title), st["course"]), Paragraph(subtitle, st["unit"])], version]],
                 colWidths=[width - 36 * mm, 36 * mm])
    head.setStyle(_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (1, 0), (1, 0), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
    ]))
    out: list = [head, Spacer(0, 8)]
    if key:
        note = (f"Total: {_pts(ws.points)} in {len(ws.questions)} questions. "
                f"This key fits Version {ws.letter} only; do not hand it out.")
        out += [Paragraph(note, st["body"]), Spacer(0, 10)]
        return out
    lab = st["body"]
    fields = Table([[Paragraph("Name", lab), "", Paragraph("Class", lab), "", Paragraph("Date", lab), ""]],
                   colWidths=[12 * mm, width * 0.45 - 12 * mm, 12 * mm, width * 0.22 - 12 * mm,
                              11 * mm, width * 0.33 - 11 * mm])
    fields.setStyle(_style([
        ("LINEBELOW", (1, 0), (1, 0), 0.6, colors.black),
        ("LINEBELOW", (3, 0), (3, 0), 0.6, colors.black),
        ("LINEBELOW", (5, 0), (5, 0), 0.6, colors.black),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
    ]))
    score = Paragraph(f"Score: ________ / {ws.points} points", st["right"])
    out += [fields, Spacer(0, 8), score, Spacer(0, 12)]
    return out


def _student_story(ws: Worksheet, width: float) -> list:
    st = _styles()
    story = _title_block(ws, width, st, key=False)
    for index, section in enumerate(ws.sections, 1):
        opening = _part_heading(index, section, width, st)
        instructions = section.instructions
        if section.word_bank:
            instructions = instructions.rstrip(".") + ", choosing from the word bank."
        opening += [Paragraph(esc(instructions), st["instr"]), Spacer(0, 6)]
        if section.word_bank:
            opening += [_word_bank(section.word_bank, width, st), Spacer(0, 8)]
        for k, q in enumerate(section.questions):
            block = _student_question(q, width, st)
            if k == 0:
                block = opening + block  # never a part heading alone at the foot of a page
            story.append(KeepTogether(_spaced(block, 10, k, len(section.questions), index, ws)))
    return story


def _spaced(block: list, gap: float, k: int, count: int, part: int, ws: Worksheet) -> list:
    """Space after a question, more after a part's last; none after the very last question,
    where a spacer that no longer fits would start an empty page."""
    if k < count - 1:
        return block + [Spacer(0, gap)]
    if part < len(ws.sections):
        return block + [Spacer(0, gap + 8)]
    return block


# --- the teacher's key ------------------------------------------------------------------


def _key_table(ws: Worksheet, width: float, st) -> Table:
    """Question number to answer, in two columns side by side."""
    qs = ws.questions
    half = math.ceil(len(qs) / 2)
    col_w = (width - 6 * mm) / 2
    num_w = 9 * mm

    def cells(q: Question | None) -> list:
        if q is None:
            return ["", ""]
        if q.item.type == "mcq":
            ans = f"<b>{LETTERS[q.correct]}</b>&nbsp;&nbsp;{esc(q.options[q.correct])}"
        else:
            ans = esc(q.answer_text)
        return [Paragraph(f"<b>{q.number}</b>", st["key"]), Paragraph(ans, st["key"])]

    rows = [[Paragraph("No.", st["keyhead"]), Paragraph("Answer", st["keyhead"]), "",
             Paragraph("No.", st["keyhead"]), Paragraph("Answer", st["keyhead"])]]
    for i in range(half):
        right = qs[i + half] if i + half < len(qs) else None
        rows.append(cells(qs[i]) + [""] + cells(right))
    t = Table(rows, colWidths=[num_w, col_w - num_w, 6 * mm, num_w, col_w - num_w], repeatRows=1)
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (1, 0), 0.8, colors.black),
        ("LINEBELOW", (3, 0), (4, 0), 0.8, colors.black),
    ]
    for r in range(1, len(rows)):
        if r % 2 == 0:
            style += [("BACKGROUND", (0, r), (1, r), LIGHT), ("BACKGROUND", (3, r), (4, r), LIGHT)]
    t.setStyle(_style(style))
    t.hAlign = "LEFT"
    return t


def _key_question(q: Question, width: float, st) -> list:
    item = q.item
    inner = width - NUM_W - PTS_W
    if item.type == "cloze":
        out = [_stem_row(q, _cloze_markup(item, item.cloze[1] if item.cloze else item.answer), width, st)]
        below: list = []
    else:
        out = [_stem_row(q, esc(item.stem), width, st)]
        if item.type == "mcq":
            below = _mcq_options(q, inner, st, key=True)
        elif item.type == "tf":
            below = [Paragraph(f"Answer: <b>{esc(q.options[q.correct])}</b>", st["body"])]
        elif item.type == "matching":
            below = [Spacer(0, 3), _matching_table(q, inner, st, key=True)]
        elif item.type == "ordering":
            listing = [Paragraph(f"{esc(date)}: {esc(event)}", st["listed"], bulletText=f"{n}.")
                       for n, (date, event) in enumerate(item.sequence, 1)]
            below = [Spacer(0, 3), _ordering_table(q, inner, st, key=True), Spacer(0, 4),
                     Paragraph("<b>In date order</b>", st["meta"])] + listing
        else:
            below = [Paragraph(f"Model answer: <b>{esc(item.answer)}</b>", st["body"])]
    meta = []
    cited = item.citation.short() if item.citation else ""
    if item.explanation:
        meta.append(f"<b>Why:</b> {esc(item.explanation)}")
    if item.context:
        meta.append(f"<b>Context:</b> {esc(item.context)}")
    if item.note:
        meta.append(f"<b>Note:</b> {esc(item.note)}")
    if item.citation:
        source = f"<b>Source:</b> {esc(cited)}"
        if item.citation.quote:
            source += f" — <i>“{esc(item.citation.quote)}”</i>"
        meta.append(source)
    below += [Paragraph(m, st["small"]) for m in meta]
    if below:
        out += [Spacer(0, 2), _indented(below, width)]
    return out


def _key_story(ws: Worksheet, width: float) -> list:
    st = _styles()
    story = _title_block(ws, width, st, key=True)
    story += [Paragraph("Answers at a glance", st["part"]), Spacer(0, 4), _key_table(ws, width, st),
              Spacer(0, 14)]
    for index, section in enumerate(ws.sections, 1):
        opening = _part_heading(index, section, width, st)
        for k, q in enumerate(section.questions):
            block = _key_question(q, width, st)
            if k == 0:
                block = opening + block
            story.append(KeepTogether(_spaced(block, 9, k, len(section.questions), index, ws)))
    return story


# --- documents --------------------------------------------------------------------------


class _Doc(BaseDocTemplate):
    """A document whose footer knows the page count (found by a first pass)."""

    def __init__(self, buf, paper: str, footer_left: str, footer_right: str, total: int | None, **kw):
        size = PAPER[paper]
        super().__init__(
            buf, pagesize=size, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM, invariant=1, pageCompression=1, initialFontName=fonts.REGULAR,
            creator="quizgen", producer="quizgen", **kw,
        )
        self.footer_left, self.footer_right, self.total = footer_left, footer_right, total
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, size[0] - 2 * MARGIN_X, size[1] - MARGIN_TOP - MARGIN_BOTTOM,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._footer)])

    def _footer(self, canv, doc):
        w = self.pagesize[0]
        canv.saveState()
        canv.setStrokeColor(GREY)
        canv.setLineWidth(0.4)
        canv.line(MARGIN_X, FOOTER_Y + 10, w - MARGIN_X, FOOTER_Y + 10)
        canv.setFont(fonts.REGULAR, 8.5)
        canv.setFillColor(GREY)
        right = f"{self.footer_right} · Page {canv.getPageNumber()} of {self.total or '?'}"
        canv.drawRightString(w - MARGIN_X, FOOTER_Y, right)
        room = w - 2 * MARGIN_X - stringWidth(right, fonts.REGULAR, 8.5) - 12
        canv.drawString(MARGIN_X, FOOTER_Y, _fit(self.footer_left, room, 8.5))
        canv.restoreState()


def _fit(text: str, room: float, size: float) -> str:
    """Shorten text with an ellipsis until it fits in `room` points."""
    if stringWidth(text, fonts.REGULAR, size) <= room:
        return text
    while text and stringWidth(text + "…", fonts.REGULAR, size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _render(ws: Worksheet, paper: str, key: bool) -> bytes:
    fonts.register()
    width = PAPER[paper][0] - 2 * MARGIN_X
    kind = "Answer key" if key else "Worksheet"
    footer_left = f"{ws.course_title} · {ws.title}"
    footer_right = f"{kind} · Version {ws.letter}"
    meta = dict(title=f"{ws.course_title}: {ws.title}, {kind.lower()}, version {ws.letter}",
                author=ws.course_title, subject=ws.title, lang=ws.language)
    total = None
    data = b""
    for _ in range(3):  # the first pass counts the pages; the footer sits outside the frame
        buf = io.BytesIO()
        doc = _Doc(buf, paper, footer_left, footer_right, total, **meta)
        doc.build(_key_story(ws, width) if key else _student_story(ws, width))
        data = buf.getvalue()
        if doc.page == total:
            break
        total = doc.page
    return data


def render_student(ws: Worksheet, paper: str = "a4") -> bytes:
    """The sheet handed to students: questions, blanks and answer lines."""
    return _render(ws, paper, key=False)


def render_key(ws: Worksheet, paper: str = "a4") -> bytes:
    """The teacher's copy: answers at a glance, then each question with answer, reason and source."""
    return _render(ws, paper, key=True)
