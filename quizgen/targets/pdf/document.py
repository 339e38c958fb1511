"""Whole documents: a version's student sheet and its key, with title block, parts and footer.

Documents are rendered in reportlab's invariant mode (fixed dates and
document id), so the same plan gives the same bytes.
"""
from __future__ import annotations

import io
import math
from copy import deepcopy
from functools import partial

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
)

from ...answers import SHORT_ANSWER_WORDS
from ...errors import ContentError, Problem
from ...grammar import naming_source
from ...i18n import N_, SOURCE_LANGUAGE, Messages, messages
from ...itemtypes import WORD_BANK_NOTE, item_type
from ...model import LETTERS
from ...plan import Question, Version
from .. import Output
from . import fonts
from .fonts import REGULAR, register
from .layout import (
    GREY,
    LIGHT,
    SOURCE,
    AnswerLines,
    Box,
    Paragraph,
    esc,
    key_question,
    part_heading,
    pts,
    shared_parsing,
    student_question,
    styles,
    table_style,
)

PAPER = {"a4": A4, "letter": LETTER}
MARGIN_X = 18 * mm  # left and right: no text comes closer to the edge
MARGIN_TOP = 15 * mm
MARGIN_BOTTOM = 20 * mm
FOOTER_Y = 11 * mm  # baseline of the footer, inside the bottom margin
LAST_PAGE_SMALL = 0.35  # a last page filled less than this is laid out again, tighter, to save it
TIGHTER = (1.0, 0.5, 0.2)  # the space between questions in each try, as a share of the usual



def _word_bank(words: tuple[str, ...], width: float, st) -> Table:
    """The answers of a fill-in part in a boxed grid, one entry per cell."""
    inner = width - 12
    widest = max(stringWidth(w, REGULAR, 10.5) for w in words) + 12
    cols = max(1, min(4, int(inner // max(widest, 1)), len(words)))
    cells = [Paragraph(esc(w), st["body"]) for w in words]
    rows = [cells[i : i + cols] + [""] * (cols - len(cells[i : i + cols])) for i in range(0, len(cells), cols)]
    note = st["m"].gettext("<b>Word bank</b>: use each entry at most once; not every entry is used")
    head = [Paragraph(note, st["small"])] + [""] * (cols - 1)
    t = Table([head] + rows, colWidths=[inner / cols] * cols)
    t.setStyle(table_style([
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


def _title_block(ws: Version, width: float, st, key: bool) -> list:
    m = st["m"]
    label = esc(m.gettext("Version %(letter)s", letter=ws.letter))
    version = Table([[Paragraph(label, st["version"])]], colWidths=[32 * mm])
    version.setStyle(table_style([
        ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
        ("BACKGROUND", (0, 0), (-1, -1), LIGHT if key else colors.white),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    subtitle = esc(m.gettext("%(title)s · Answer key (teacher's copy)", title=ws.title) if key else ws.title)
    head = Table([[[Paragraph(esc(ws.course_title), st["course"]), Paragraph(subtitle, st["unit"])], version]],
                 colWidths=[width - 36 * mm, 36 * mm])
    head.setStyle(table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (1, 0), (1, 0), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
    ]))
    out: list = [head, Spacer(0, 8)]
    if key:
        note = " ".join((
            m.ngettext("Total: %(points)s in %(num)s question.", "Total: %(points)s in %(num)s questions.",
                       len(ws.questions), points=pts(ws.points, m)),
            m.gettext("This key fits Version %(letter)s only; do not hand it out.", letter=ws.letter)))
        if any(q.answers for q in ws.questions):  # the answer model's rules (quizgen/answers.py), in words
            if m.base == "en":
                note += (" A written answer counts whatever its case, punctuation and quote marks, with or without "
                         "a leading \"the\", and with numbers in digits or words.")
                if any(q.answers and len(q.answers.model.split()) > SHORT_ANSWER_WORDS for q in ws.questions):
                    # a model answer of a phrase or more is no string to match: a teacher marks what it says
                    note += (" An answer longer than a few words is marked by its meaning: it earns its points when it "
                             "says what the model answer says, in any words.")
            else:
                note += " " + m.gettext("A written answer counts whatever its case, punctuation and quote marks.")
        out += [Paragraph(esc(note), st["body"]), Spacer(0, 10)]
        return out
    lab = st["body"]
    names = [m.gettext(text) for text in (N_("Name"), N_("Class"), N_("Date"))]
    # Each label's column fits its word (English "Name" 12 mm; Russian "Фамилия, имя" wider).
    wide = [max(11 * mm, stringWidth(n, REGULAR, 10.5) + 3 * mm) for n in names]
    fields = Table([[Paragraph(esc(names[0]), lab), "", Paragraph(esc(names[1]), lab), "",
                     Paragraph(esc(names[2]), lab), ""]],
                   colWidths=[wide[0], width * 0.45 - wide[0], wide[1], width * 0.22 - wide[1],
                              wide[2], width * 0.33 - wide[2]])
    fields.setStyle(table_style([
        ("LINEBELOW", (1, 0), (1, 0), 0.6, colors.black),
        ("LINEBELOW", (3, 0), (3, 0), 0.6, colors.black),
        ("LINEBELOW", (5, 0), (5, 0), 0.6, colors.black),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
    ]))
    score = Paragraph(esc(m.ngettext("Score: ________ / %(num)s point", "Score: ________ / %(num)s points",
                                     ws.points)), st["right"])
    out += [fields, Spacer(0, 8), score, Spacer(0, 12)]
    return out


def _student_story(ws: Version, width: float, tight: float = 1.0) -> list:
    st = styles(ws.language)
    st["tight"] = tight  # how close the questions' own lines are drawn (`layout._student_recall`)
    story = _title_block(ws, width, st, key=False)
    for index, section in enumerate(ws.sections, 1):
        opening = part_heading(index, section, width, st)
        instructions = st["m"].gettext(item_type(section.type).instructions)
        if st["m"].base == SOURCE_LANGUAGE:  # "the book's own judgement" on a sheet of a book
            instructions = naming_source(instructions, ws.called)
        if section.word_bank:
            instructions = st["m"].gettext(WORD_BANK_NOTE, instructions=instructions.rstrip("."))
        opening += [Paragraph(esc(instructions), st["instr"]), Spacer(0, 6)]
        if section.word_bank:
            opening += [_word_bank(section.word_bank, width, st), Spacer(0, 8)]
        for k, q in enumerate(section.questions):
            block = student_question(q, width, st)
            if k == 0:
                block = opening + block  # never a part heading alone at the foot of a page
            story.append(KeepTogether(_spaced(block, 10 * tight, k, len(section.questions), index, ws)))
    return _credited(story, ws, st)


def _credited(story: list, ws: Version, st) -> list:
    """The story with the sources' credit lines (title, author, date, address, licence) in small type after its
    last question, kept on that question's page: printed copies of a licensed text credit it as the web quiz
    does."""
    if not ws.sources:
        return story
    source = st["m"].gettext(SOURCE)
    credit = [Spacer(0, 8)] + [Paragraph(esc(f"{source} {line}"), st["credit"]) for line in ws.sources]
    if story and isinstance(story[-1], KeepTogether):
        return story[:-1] + [KeepTogether(list(story[-1]._content) + credit)]
    return story + credit


def _spaced(block: list, gap: float, k: int, count: int, part: int, ws: Version) -> list:
    """Space after a question, more after a part's last; none after the very last question,
    where a spacer that no longer fits would start an empty page."""
    if k < count - 1:
        return block + [Spacer(0, gap)]
    if part < len(ws.sections):
        return block + [Spacer(0, gap + 8 * gap / 10)]
    return block


# --- the teacher's key ------------------------------------------------------------------


def glance_answer(q: Question, m) -> str:
    """A question's answer in the key's table, as markup: a choice's letter and option, and each statement's
    number with its label ("6 Opinion"), kept on one line."""
    if q.item.type == "mcq":
        return f"<b>{LETTERS[q.correct]}</b>&nbsp;&nbsp;{esc(q.options[q.correct])}"
    if q.item.type == "fact_opinion":  # never "6" at the end of a line and "Opinion" at the start of the next
        return ", ".join(f"{k + 1}&nbsp;{esc(m.choice(label))}" for k, label in enumerate(q.labels))
    return esc(q.answer_in(m))


def _key_table(ws: Version, width: float, st) -> Table:
    """Question number to answer, in two columns side by side."""
    qs = ws.questions
    half = math.ceil(len(qs) / 2)
    col_w = (width - 6 * mm) / 2
    num_w = 9 * mm

    def cells(q: Question | None) -> list:
        if q is None:
            return ["", ""]
        return [Paragraph(f"<b>{q.number}</b>", st["key"]), Paragraph(glance_answer(q, st["m"]), st["key"])]

    number, answer = (esc(st["m"].gettext(text)) for text in (N_("No."), N_("Answer")))
    rows = [[Paragraph(number, st["keyhead"]), Paragraph(answer, st["keyhead"]), "",
             Paragraph(number, st["keyhead"]), Paragraph(answer, st["keyhead"])]]
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
    t.setStyle(table_style(style))
    t.hAlign = "LEFT"
    return t


def _key_story(ws: Version, width: float, tight: float = 1.0) -> list:
    st = styles(ws.language)
    story = _title_block(ws, width, st, key=True)
    story += [Paragraph(esc(st["m"].gettext("Answers at a glance")), st["part"]), Spacer(0, 4),
              _key_table(ws, width, st), Spacer(0, 14)]
    for index, section in enumerate(ws.sections, 1):
        opening = part_heading(index, section, width, st)
        for k, q in enumerate(section.questions):
            block = key_question(q, width, st)
            if k == 0:
                block = opening + block
            story.append(KeepTogether(_spaced(block, 9 * tight, k, len(section.questions), index, ws)))
    return _credited(story, ws, st)


# --- documents --------------------------------------------------------------------------


class _Placed:
    """A flowable placed on a page but not drawn yet: what `Flowable.drawOn` was asked, kept in the page's code."""

    __slots__ = ("flowable", "x", "y", "shift")

    def __init__(self, flowable: Flowable, x: float, y: float, shift: float):
        self.flowable, self.x, self.y, self.shift = flowable, x, y, shift


class _PagedCanvas(Canvas):
    """A canvas that holds its pages until it is saved, then draws every page's footer knowing the page count.

    The footer says "Page X of Y", and Y is known only once the last page is laid
    out: holding the pages lets the document be laid out in one pass.

    Its flowables are drawn only when the document is kept (`draw_placed`): laying a document out
    places each flowable (`_Frame.add`), which is all that tells its pages, and a layout
    laid out again tighter to save a page is never drawn. Each page's flowables are drawn
    in the order they were placed, on that page's state, so the bytes are those of drawing
    each as it is placed.
    """

    _code: list  # reportlab's drawing operations of the page being drawn (and `_Placed` flowables, until drawn)

    def __init__(self, *args, footer, **kw):
        super().__init__(*args, **kw)
        self._footer = footer  # footer(canvas, page number, page count), drawn at the top of each page
        self._held_pages: list[dict] = []

    def showPage(self):
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def hold(self):
        """End the layout: hold its last page (`save` is called by the document when its layout ends)."""
        if self._code:
            self.showPage()

    def draw_placed(self):
        """Draw the flowables placed on each held page, in their order, on the page's state."""
        current = dict(self.__dict__)  # the page after the last, as `save` finds it
        for state in self._held_pages:
            self.__dict__.update(state)
            placed, self._code = self._code, []
            for entry in placed:
                if type(entry) is _Placed:
                    entry.flowable.drawOn(self, entry.x, entry.y, _sW=entry.shift)
                else:
                    self._code.append(entry)
            state.update(self.__dict__)
        self.__dict__.clear()
        self.__dict__.update(current)

    def save(self):
        self.hold()
        total = len(self._held_pages)
        for number, state in enumerate(self._held_pages, 1):
            self.__dict__.update(state)
            body, self._code = self._code, []
            self._footer(self, number, total)
            self._code += body
            super().showPage()
        self._held_pages = []
        super().save()


def _place(flowable, canvas, x, y, _sW=0):
    """`Flowable.drawOn` while laying out: the flowable is noted on the page, to be drawn if the layout is kept."""
    canvas._code.append(_Placed(flowable, x, y, _sW))


_ATOMS = (int, float, str, bool, type(None))


class _Frame(Frame):
    """A frame that places flowables without drawing them (see `_PagedCanvas`)."""

    def __deepcopy__(self, memo):
        # reportlab copies the document's frame each time a KeepTogether measures its content (every question):
        # a frame's numbers and names are shared, as deepcopy would; only its lists and the like are copied.
        twin = object.__new__(type(self))
        memo[id(self)] = twin
        twin.__dict__.update({name: value if type(value) in _ATOMS else deepcopy(value, memo)
                              for name, value in self.__dict__.items()})
        return twin

    def add(self, flowable, canv, trySplit=0):
        flowable.drawOn = partial(_place, flowable)  # the frame draws what fits; it is placed instead
        try:
            return Frame._add(self, flowable, canv, trySplit)
        finally:
            del flowable.drawOn


class _Doc(BaseDocTemplate):
    """A document laid out in one pass, whose footer names the page and the page count."""

    def __init__(self, buf, paper: str, footer_left: str, footer_right: str, m: Messages, **kw):
        size = PAPER[paper]
        super().__init__(
            buf, pagesize=size, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM, invariant=1, pageCompression=1, initialFontName=REGULAR,
            creator="quizgen", producer="quizgen", **kw,
        )
        self.footer_left, self.footer_right, self.m = footer_left, footer_right, m
        frame = _Frame(MARGIN_X, MARGIN_BOTTOM, size[0] - 2 * MARGIN_X, size[1] - MARGIN_TOP - MARGIN_BOTTOM,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    def build(self, flowables):
        """Lay the document out, drawing nothing yet (`finish` draws and saves it)."""
        canvasmaker = partial(_PagedCanvas, footer=self._footer)
        self._doSave = 0  # the canvas is saved by `finish`, once the layout is kept
        super().build(flowables, canvasmaker=canvasmaker)
        self.canv.hold()

    def finish(self) -> bytes:
        """Draw the laid out document and save it: its PDF's bytes."""
        self.canv.draw_placed()
        self.canv.save()
        return self.filename.getvalue()

    def last_page_used(self) -> float:
        """How much of the last page's frame the document fills, from 0 to 1."""
        frame = self.frame
        return (frame._y2 - frame._y) / frame._height if frame._height else 1.0

    def _footer(self, canv, page: int, total: int):
        w = self.pagesize[0]
        canv.saveState()
        canv.setStrokeColor(GREY)
        canv.setLineWidth(0.4)
        canv.line(MARGIN_X, FOOTER_Y + 10, w - MARGIN_X, FOOTER_Y + 10)
        canv.setFont(REGULAR, 8.5)
        canv.setFillColor(GREY)
        right = f"{self.footer_right} · " + self.m.gettext("Page %(page)s of %(total)s", page=page, total=total)
        fonts.draw_string(canv, w - MARGIN_X, FOOTER_Y, right, 8.5, right=True)
        room = w - 2 * MARGIN_X - fonts.width(right, 8.5) - 12
        fonts.draw_string(canv, MARGIN_X, FOOTER_Y, _fit(self.footer_left, room, 8.5), 8.5)
        canv.restoreState()


def _fit(text: str, room: float, size: float) -> str:
    """Shorten text with an ellipsis until it fits in `room` points."""
    if fonts.width(text, size) <= room:
        return text
    while text and fonts.width(text + "…", size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _render(ws: Version, paper: str, key: bool) -> bytes:
    register()
    width = PAPER[paper][0] - 2 * MARGIN_X
    m = messages(ws.language)
    kind = m.gettext("Answer key") if key else m.gettext("Worksheet")
    version = m.gettext("Version %(letter)s", letter=ws.letter)
    footer_left = f"{ws.course_title} · {ws.title}"
    footer_right = f"{kind} · {version}"
    meta = dict(title=f"{ws.course_title}: {ws.title}, {kind}, {version}",
                author=ws.course_title, subject=ws.title, lang=ws.language)
    story = _key_story if key else _student_story
    best = None
    # A last page holding a question or two while the pages before are full goes to waste (a sheet of paper
    # per student for one point): laid out again with less space between questions (and, on a student's sheet,
    # closer writing lines), the document keeps the first layout that needs a page fewer, else the first. Only
    # the layout kept is drawn.
    for tight in TIGHTER:
        doc = _Doc(io.BytesIO(), paper, footer_left, footer_right, m, **meta)
        doc.build(story(ws, width, tight))
        pages, used = doc.page, doc.last_page_used()
        if best is None:
            best = (pages, doc)
            if pages < 2 or used > LAST_PAGE_SMALL:
                break
        elif pages < best[0]:
            best = (pages, doc)
            break
    assert best is not None
    return best[1].finish()


def render_student(ws: Version, paper: str = "a4") -> bytes:
    """The sheet handed to students: questions, blanks and answer lines."""
    return _render(ws, paper, key=False)


def render_key(ws: Version, paper: str = "a4") -> bytes:
    """The teacher's copy: answers at a glance, then each question with answer, reason and source."""
    return _render(ws, paper, key=True)


def render_version(ws: Version, paper: str, student_path: str, key_path: str, source_file: str = "") -> Output:
    """A version's student sheet and key, as a worksheet task's output."""
    from reportlab.platypus.doctemplate import LayoutError

    with shared_parsing((ws.course_title, ws.slug, ws.title, ws.language, paper)):
        files = {}
        for path, render in ((student_path, render_student), (key_path, render_key)):
            try:
                files[path] = render(ws, paper)
            except LayoutError as exc:  # the PDF target's check measures what it can; say which sheet if it missed
                raise ContentError([Problem(f"cannot lay out {path}: {exc}", file=source_file)]) from None
        return Output(files)


# --- what cannot be laid out --------------------------------------------------------------
#
# A table row never splits across pages, and every question block sits in one (its stem
# row, then the options or answers set under it): a row taller than a page stops
# reportlab ("too large on page"). A long text in a narrow column, or a word too long for
# any line, makes such a row. The check below builds each document's rows, as rendering
# would, and measures them, without drawing a page.


def frame_height(paper: str) -> float:
    return PAPER[paper][1] - MARGIN_TOP - MARGIN_BOTTOM


def tallest_row(flowables: list, width: float, height: float) -> float:
    """The height of the tallest table row among `flowables` (inside KeepTogether too), laid out in `width`."""
    tallest = 0.0
    for flowable in flowables:
        if isinstance(flowable, KeepTogether):
            tallest = max(tallest, tallest_row(flowable._content, width, height))
        elif isinstance(flowable, Table):
            flowable.wrap(width, height)
            tallest = max([tallest, *flowable._rowHeights])
    return tallest


def tallest_row_bound(flowables: list, width: float) -> float:
    """A height that no table row among `flowables` (inside KeepTogether too) can exceed in `width`, found
    without breaking any line (`Paragraph.height_bound`): where it is within a page, `tallest_row` need not be
    measured. math.inf where some part cannot be bounded cheaply."""
    tallest = 0.0
    for flowable in flowables:
        if isinstance(flowable, KeepTogether):
            tallest = max(tallest, tallest_row_bound(flowable._content, width))
        elif isinstance(flowable, Table):
            tallest = max([tallest, *_row_bounds(flowable, width)])
    return tallest


def _row_bounds(table: Table, width: float) -> list[float]:
    """A height bound for each row of a table, as reportlab sizes a row: its tallest cell, padded."""
    widths = table._argW
    if table._spanCmds or any(not isinstance(w, (int, float)) for w in widths):
        return [math.inf]  # spanned cells, or widths found from the content: measured instead
    out = []
    for row, cell_styles, fixed in zip(table._cellvalues, table._cellStyles, table._argH):
        if fixed is not None:
            out.append(fixed)
            continue
        tallest = 0.0
        for value, style, w in zip(row, cell_styles, widths):
            room = w - style.leftPadding - style.rightPadding
            if isinstance(value, (list, tuple, Flowable)):
                value = value if isinstance(value, (list, tuple)) else [value]
                cell = sum(_height_bound(v, room) for v in value)
            else:
                cell = (style.leading or 1.2 * style.fontsize) * len(str(value if value is not None else "")
                                                                     .split("\n"))
            tallest = max(tallest, cell + style.topPadding + style.bottomPadding)
        out.append(max(tallest, table._minRowHeights[len(out)]) if table._minRowHeights else tallest)
    return out


def _height_bound(flowable, width: float) -> float:
    """A height bound for one flowable in a cell `width` wide, with the space around it."""
    if isinstance(flowable, Paragraph):
        return flowable.height_bound(width)
    if isinstance(flowable, Table):
        return sum(_row_bounds(flowable, width))
    if isinstance(flowable, KeepTogether):
        return sum(_height_bound(f, width) for f in flowable._content)
    if isinstance(flowable, (Spacer, AnswerLines, Box)):
        return flowable.wrap(width, frame_height("a4"))[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return math.inf


def title_heights(ws: Version, paper: str) -> tuple[float, float]:
    """The heights of the course title and of the sheet title in a heading, to tell which one is too long."""
    width = PAPER[paper][0] - 2 * MARGIN_X - 36 * mm
    st = styles(ws.language)
    return (Paragraph(esc(ws.course_title), st["course"]).wrap(width, frame_height(paper))[1],
            Paragraph(esc(ws.title), st["unit"]).wrap(width, frame_height(paper))[1])


KEY_CELL_EXTRA = 4  # characters a key's answer cell shows beyond the answer's text (a letter and two spaces)
KEY_CELL_PADDING = 5  # points above and below a key table's cell


def layout_overflows(ws: Version, paper: str, key: bool,
                     seen: set) -> list[tuple[str, Question | None, float]]:
    """The parts of one document too tall for a page, as (what, question or None, height).

    `what` is "title", "answers", "word bank" or "question".

    `seen` remembers the questions measured already, in this version or another, in either style (student's
    sheet or key): a question is measured once. Versions only reorder what a question shows (its options, a
    matching question's columns, a timeline's events), and its tallest row is its tallest option, pair, event
    or statement in any order; its number is set in a column of fixed width.
    """
    register()
    width, height = PAPER[paper][0] - 2 * MARGIN_X, frame_height(paper)
    st = styles(ws.language)
    out: list[tuple[str, Question | None, float]] = []

    def measure(what: str, flowables: list, q: Question | None = None) -> None:
        if tallest_row_bound(flowables, width) <= height:
            return  # fits, whatever its lines
        tall = tallest_row(flowables, width, height)
        if tall > height:
            out.append((what, q, tall))

    measure("title", _title_block(ws, width, st, key))
    # A row of the answers table is as tall as its tallest cell, and a cell of n characters takes n lines at
    # most (every line holds one at least): a table whose answers are all short enough cannot outgrow a page,
    # in any version. Only one whose answers might is laid out and measured.
    longest = max((len(q.answer_text) + KEY_CELL_EXTRA for q in ws.questions), default=0)
    if key and longest * st["key"].leading + KEY_CELL_PADDING > height:
        measure("answers", [_key_table(ws, width, st)])
    for section in ws.sections:
        # Versions shuffle a word bank; its cells are all as wide, so its tallest row is its tallest entry's.
        bank = ("word bank", paper, ws.slug, tuple(sorted(section.word_bank)))
        if section.word_bank and not key and bank not in seen:
            seen.add(bank)
            measure("word bank", [_word_bank(section.word_bank, width, st)])
        for q in section.questions:
            same = (key, paper, q.item.id)
            if same in seen:
                continue
            seen.add(same)
            measure("question", key_question(q, width, st) if key else student_question(q, width, st), q)
    return out
