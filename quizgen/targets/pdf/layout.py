"""How each part of a worksheet is drawn: styles, small flowables, and each item type's question block.

Student blocks show the question with its blanks, boxes and answer lines; key
blocks show the same question answered, with why and where from. Each item
type has one entry in `STUDENT_BLOCKS` and `KEY_BLOCKS`.
"""
from __future__ import annotations

import math
import re
from contextlib import contextmanager
from copy import deepcopy
from functools import cache, lru_cache
from html import unescape
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table, TableStyle
from reportlab.platypus import Paragraph as _Paragraph

from ...grammar import article_for_answer
from ...i18n import FALSE, N_, TRUE, Messages, messages
from ...itemtypes import FACT_LABEL, OPINION_LABEL
from ...model import CLOZE_BLANK, LETTERS, Item
from ...plan import Question, Section
from . import fonts
from .fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR, register

RECALL_LINES = 3
LINE_GAP = 22  # points between a short answer's writing lines
CLOSEST_LINES = 17  # and at the closest, in a layout drawn tighter to save a page (about 6 mm)
BLANK = "_" * 16  # the printed blank; the same length whatever the answer
GREY = colors.HexColor("#555555")
LIGHT = colors.HexColor("#e4e4e4")
NUM_W = 9 * mm
PTS_W = 16 * mm
# The key's labels (translated where they are drawn).
ANSWER, MODEL_ANSWER, ALSO_ACCEPT, MARKING = N_("Answer:"), N_("Model answer:"), N_("Also accept:"), N_("Marking:")
WHY, CONTEXT, NOTE, SOURCE, IN_DATE_ORDER = N_("Why:"), N_("Context:"), N_("Note:"), N_("Source:"), N_("In date order")


@cache
def styles(language: str = "en") -> dict[str, Any]:
    """The paragraph styles, made once per process and shared by every document (none changes them), and under
    "m" the `Messages` of the sheet's language, which every block below takes its fixed words from."""
    return {**_styles(), "m": messages(language)}


@cache
def _styles() -> dict[str, ParagraphStyle]:
    register()
    body = ParagraphStyle("body", fontName=REGULAR, bulletFontName=REGULAR, fontSize=10.5, leading=14,
                          splitLongWords=1)
    return {
        "body": body,
        "small": ParagraphStyle("small", body, fontSize=8.5, leading=11, textColor=GREY),
        "credit": ParagraphStyle("credit", body, fontSize=7, leading=8.5, textColor=GREY),
        "num": ParagraphStyle("num", body, fontName=BOLD),
        "pts": ParagraphStyle("pts", body, fontSize=8.5, textColor=GREY, alignment=TA_RIGHT),
        "option": ParagraphStyle("option", body, leftIndent=14, bulletIndent=0, bulletFontName=BOLD,
                                 spaceBefore=1),
        "right": ParagraphStyle("right", body, alignment=TA_RIGHT),
        "course": ParagraphStyle("course", body, fontName=BOLD, fontSize=17, leading=21),
        "unit": ParagraphStyle("unit", body, fontSize=13, leading=17),
        "version": ParagraphStyle("version", body, fontName=BOLD, fontSize=15, leading=19,
                                  alignment=TA_CENTER),
        "part": ParagraphStyle("part", body, fontName=BOLD, fontSize=12.5, leading=16),
        "partpts": ParagraphStyle("partpts", body, fontSize=10, leading=16, alignment=TA_RIGHT),
        "instr": ParagraphStyle("instr", body, fontName=ITALIC, fontSize=10, leading=13),
        "key": ParagraphStyle("key", body, fontSize=9.5, leading=12),
        "keyhead": ParagraphStyle("keyhead", body, fontName=BOLD, fontSize=9.5, leading=12),
        "correct": ParagraphStyle("correct", body, leftIndent=14, bulletIndent=0, bulletFontName=BOLD,
                                  fontName=BOLD, backColor=LIGHT, spaceBefore=1),
        "meta": ParagraphStyle("meta", body, fontSize=9, leading=12, leftIndent=0),
        "listed": ParagraphStyle("listed", body, fontSize=9, leading=12, leftIndent=14, bulletIndent=0,
                                 bulletFontSize=9),
    }


@lru_cache(maxsize=1 << 14, typed=True)  # cached: a sheet, its key and their versions print the same texts
def esc(text: str) -> str:
    """Escape plain text for Paragraph markup: it prints exactly as written, each letter in a font that has it
    (`fonts.marked`)."""
    return fonts.marked(escape(str(text)))


_parsed: dict | None = None  # while a sheet renders: its paragraphs' markup, parsed (see shared_parsing)
_broken: dict | None = None  # while a sheet renders: its paragraphs' lines, broken at a width (see shared_parsing)
_kept: tuple = (None, {}, {})  # the sheet rendered last in this process, and its parsed markup and broken lines


@contextmanager
def shared_parsing(sheet: object = None):
    """Parse each paragraph markup once, and break its lines once per width, while rendering a version's sheet
    and key, which repeat much text (and lay a document out again, tighter, to save a page).

    The versions of one `sheet` print the same texts in other orders: what one version parsed and broke is kept
    for the next version of the same sheet rendered in this process (the sheet's texts alone are kept: another
    sheet starts afresh)."""
    global _parsed, _broken, _kept
    kept_sheet, parsed, broken = _kept
    if sheet is None or sheet != kept_sheet:
        parsed, broken = {}, {}
    _kept = (None, {}, {})
    _parsed, _broken = parsed, broken
    try:
        yield
    finally:
        _parsed = _broken = None
        if sheet is not None:
            _kept = (sheet, parsed, broken)


_sizes: dict | None = None  # while the layout is measured, not drawn: each paragraph's size (see sizes_only)


@contextmanager
def sizes_only():
    """Measure paragraphs without drawing them: a paragraph of the same markup, style and width as one measured
    before takes that one's size, without parsing its markup or breaking its lines again. For measuring only:
    a paragraph made inside is parsed as soon as anything but its size is asked of it."""
    global _sizes
    _sizes = {}
    try:
        yield
    finally:
        _sizes = None


def _copies(frags):
    return [frag.clone() for frag in frags] if isinstance(frags, list) else frags


_NOT_PARSED = frozenset({"spaceBefore", "spaceAfter", "tagType", "autoLeading", "__split_only__"})


class Paragraph(_Paragraph):
    """reportlab's Paragraph, parsing its markup once per text and style, and breaking its lines once per width.

    A question's cells are wrapped several times at the same width (KeepTogether
    measures, the frame places, the table draws); the lines are the same each time.
    The sheet and the key of a version print many of the same texts.
    """

    _wrapped: tuple | None = None  # (width, the lines broken at it, the size wrap returned)

    def __new__(cls, *args, **kwargs):
        # Under sizes_only, a paragraph that remembers sizes (made here, so that every block makes its own kind).
        return object.__new__(_Sized if _sizes is not None and cls is Paragraph else cls)

    def _setup(self, text, style, bulletText, frags, cleaner):
        if frags is not None or _parsed is None:
            return super()._setup(text, style, bulletText, frags, cleaner)
        key = (text, id(style), bulletText if isinstance(bulletText, (str, type(None))) else id(bulletText))
        if isinstance(bulletText, (str, type(None))):
            self._made = (key, style)  # what its lines are broken from: the same markup, style and bullet
        parsed = _parsed.get(key)
        if parsed is None or parsed[0] is not style:
            super()._setup(text, style, bulletText, None, cleaner)
            # Copies, since breaking lines may change the fragments it is given.
            _parsed[key] = (style, self.text, self.style, _copies(self.frags), _copies(self.bulletText))
            return None
        _, text, parsed_style, parsed_frags, parsed_bullet = parsed
        return super()._setup(text, parsed_style, _copies(parsed_bullet), _copies(parsed_frags), cleaner)

    _made: tuple | None = None  # under shared_parsing: (the markup, style and bullet's key, the style)
    _shares_lines: bool = False  # its broken lines (and fragments) are shared with paragraphs of the same text

    def wrap(self, availWidth, availHeight):
        # Reuse only while the broken lines are still the ones made at this width (split() may drop them).
        wrapped = self._wrapped
        if wrapped is not None and wrapped[0] == availWidth and getattr(self, "blPara", None) is wrapped[1]:
            self.width, self.height = wrapped[2]
            return wrapped[2]
        made, broken = self._made, _broken
        if made is None or broken is None or availWidth < 1e-8 or made[1] is not self.style:
            size = super().wrap(availWidth, availHeight)
        else:
            # A paragraph of the same markup, style and bullet as one broken before at this width takes its lines.
            key = (made[0], availWidth)
            known = broken.get(key)
            if known is not None and known[0] is self.style:
                self.__dict__.update(known[1])
                size = known[2]
            else:
                size = super().wrap(availWidth, availHeight)
                broken[key] = (self.style, {name: self.__dict__[name] for name in _BROKEN if name in self.__dict__},
                               size)
            self._shares_lines = True
        self._wrapped = (availWidth, getattr(self, "blPara", None), size)
        return size

    def split(self, availWidth, availHeight):
        if self._shares_lines:  # split pieces may change the fragments they are made of: this one's own copies
            own = self.__dict__
            own["frags"], own["blPara"] = deepcopy((own["frags"], own["blPara"]))
            self._shares_lines = False
            self._wrapped = None
        return super().split(availWidth, availHeight)

    def height_bound(self, avail_width: float) -> float:
        """A height this paragraph cannot exceed in `avail_width`, found without parsing its markup or breaking its
        lines (math.inf where it cannot tell cheaply).

        Lines are broken greedily: a line ends only where the next word (or, for a word wider than a line, its first
        piece) does not fit after it, so any two lines in a row are together wider than a line less a space and a
        character. Each pair of lines thus takes more than that of the text's width, and the paragraph has at most
        twice its text's width over that, plus two lines (an odd last one, and slack), plus one per forced break.
        The text's width is taken as no narrower than in any mix of the family's faces (`FACE_MIX`).
        """
        source = self._source()
        if source is None:
            return math.inf
        text, style, bullet = source
        auto_leading = getattr(style, "autoLeading", "")
        if _UNBOUNDED_MARKUP.search(text) is not None or style.wordWrap or auto_leading:
            return math.inf
        plain = unescape(_TAG.sub(" ", text)).translate(_SPACES)
        if not fonts.codepoints().issuperset(map(ord, plain)):  # set partly in the fallback font: measured instead
            return math.inf
        size = style.fontSize
        room = avail_width - style.leftIndent - style.rightIndent - abs(style.firstLineIndent)
        if bullet:
            room -= max(0.0, style.bulletIndent + size_bound(bullet, style.bulletFontSize) - style.leftIndent)
        room -= size_bound(" ", size) + size * _WIDEST_EM
        if room <= 1:
            return math.inf
        # A text without tags is set in its style's face alone, and measured in it.
        face = "" if _FACE_TAG.search(text) is not None else style.fontName
        lines = 2 * size_bound(plain, size, face) / room + 2 + len(_BREAK.findall(text))
        return math.ceil(lines) * style.leading + style.spaceBefore + style.spaceAfter

    def _source(self) -> tuple[str, Any, str | None] | None:
        """The paragraph's markup, style and bullet as made, or None when a bullet is not plain text."""
        text, style, bullet = self.text, self.style, self.bulletText
        return (text, style, bullet) if isinstance(bullet, (str, type(None))) else None


# What wrapping a paragraph sets on it (reportlab's Paragraph.wrap and breakLines): shared by paragraphs of the
# same markup, style and bullet, broken at the same width.
_BROKEN = ("width", "height", "_wrapWidths", "blPara", "frags", "_width_max", "_splitLongWordCount", "_hyphenations")
_TAG = re.compile(r"<[^>]*>")
_SPACES = {ord("\t"): " ", ord("\n"): " ", ord("\r"): " "}
_BREAK = re.compile(r"<br\s*/?>", re.I)
# Markup that may change a text's size or font, or lay it out in ways the bound does not follow: measured instead.
_UNBOUNDED_MARKUP = re.compile(r"<(?!/?[bi]>|br\s*/?>)", re.I)
_WIDEST_EM = 1.25  # no glyph of the family is wider than this many ems (checked in the tests)
FACES = (REGULAR, BOLD, ITALIC, BOLD_ITALIC)
# No glyph's widest face is wider than this times its mean width over the faces (checked in the tests); so a text
# set in any mix of faces is no wider than this times its width in the face where it is widest.
FACE_MIX = 1.35


_FACE_TAG = re.compile(r"<[bi]>", re.I)


def size_bound(text: str, size: float, face: str = "") -> float:
    """A width that plain text cannot exceed at `size`: as set in `face`, or, without one, whichever of the family's
    faces each of its characters is set in."""
    return size * _em_bound(text, face)


@lru_cache(maxsize=1 << 14)  # a sheet and its key print the same texts
def _em_bound(text: str, face: str) -> float:
    if face:
        return stringWidth(text, face, 1)
    return FACE_MIX * max(stringWidth(text, f, 1) for f in FACES)


class _Sized(Paragraph):
    """A paragraph made under `sizes_only`: parsed and broken into lines only when its size is not known yet, or
    when anything but its size is asked of it."""

    _unparsed: tuple | None = None  # until the paragraph is parsed: how to parse it

    def _setup(self, text, style, bulletText, frags, cleaner):
        if frags is None and _sizes is not None and self._unparsed is None \
                and isinstance(bulletText, (str, type(None))):
            sizes, self.style, self.bulletText = _sizes, style, bulletText
            self._unparsed = (sizes, text, style, bulletText, cleaner)
            return None
        return super()._setup(text, style, bulletText, frags, cleaner)

    def _source(self) -> tuple[str, Any, str | None] | None:
        unparsed = self.__dict__.get("_unparsed")
        if unparsed is None:
            return super()._source()
        _, text, style, bullet, _ = unparsed
        return text, style, bullet

    def _parse(self) -> None:
        unparsed, self._unparsed = self._unparsed, None
        if unparsed is not None:
            _, text, style, bulletText, cleaner = unparsed
            _Paragraph._setup(self, text, style, bulletText, None, cleaner)

    def __getattr__(self, name):
        # Under sizes_only, what parsing or breaking lines sets is made when first asked for.
        # (Measuring looks for attributes a paragraph may lack, which neither sets: `_NOT_PARSED`.)
        if name not in _NOT_PARSED and self.__dict__.get("_unparsed") is not None:
            width = self.__dict__.get("width")
            self._parse()
            if width is not None:
                _Paragraph.wrap(self, width, 0x7fffffff)
            return getattr(self, name)
        raise AttributeError(name)

    def wrap(self, availWidth, availHeight):
        unparsed = self._unparsed
        if unparsed is not None:
            sizes, text, style, bulletText, _ = unparsed
            key = (text, id(style), bulletText, availWidth)
            known = sizes.get(key)
            if known is not None and known[0] is style:
                _, self.style, size = known
                self.width, self.height = size
                return size
            self._parse()
            size = self.wrap(availWidth, availHeight)
            sizes[key] = (style, self.style, size)
            return size
        return super().wrap(availWidth, availHeight)


class AnswerLines(Flowable):
    """Ruled lines to write an answer on."""

    def __init__(self, count: int, gap: float = LINE_GAP):
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


def table_style(commands) -> TableStyle:
    """A table style whose plain-string cells use the worksheet font too (never Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR)] + list(commands))


def pts(n: int, m: Messages) -> str:
    return m.ngettext("%(num)s point", "%(num)s points", n)


def _stem_row(q: Question, stem_markup: str, width: float, st, extra: Flowable | None = None) -> Table:
    """The question's number, its stem and its points (and, for true/false, the choices)."""
    row = [Paragraph(f"{q.number}.", st["num"]), Paragraph(stem_markup, st["body"])]
    widths = [NUM_W, width - NUM_W - PTS_W]
    if extra is not None:
        extra_w = 30 * mm
        widths = [NUM_W, width - NUM_W - PTS_W - extra_w, extra_w]
        row.append(extra)
    row.append(Paragraph(esc(pts(q.points, st["m"])), st["pts"]))
    widths.append(PTS_W)
    t = Table([row], colWidths=widths)
    t.setStyle(table_style([
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
    t.setStyle(table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    t.hAlign = "LEFT"
    return t


GRID_GAP = 4  # the space after each column of a grid


def _grid(rows: list[list], widths: list[float], pad: float = 2) -> Table:
    t = Table(rows, colWidths=widths)
    t.setStyle(table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), GRID_GAP),
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
        if fill is not None:  # the key: "a natural", not the front's "a(n)"
            before = article_for_answer(before, fill)
        return esc(before) + blank + esc(after)
    if item.cloze:
        before = item.cloze[0] if fill is None else article_for_answer(item.cloze[0], fill)
        return esc(before) + blank + esc(item.cloze[2])
    return esc(item.stem) + " " + blank


def _mcq_options(q: Question, inner: float, st, key: bool = False) -> list:
    """Options lettered A-D: two columns when all are short, else one per line."""
    def para(i, opt):
        mark = key and i == q.correct
        text = esc(st["m"].gettext("%(option)s (correct)", option=opt) if mark else opt)
        return Paragraph(text, st["correct" if mark else "option"], bulletText=LETTERS[i])

    paras = [para(i, o) for i, o in enumerate(q.options)]
    col_w = inner / 2
    fits = all(stringWidth(o, REGULAR, 10.5) + 30 < col_w for o in q.options)
    if fits and len(paras) >= 3:
        rows = [paras[i : i + 2] + ([""] if i + 1 >= len(paras) else []) for i in range(0, len(paras), 2)]
        return [_grid(rows, [col_w, col_w], pad=1)]
    return paras


NAME_PAD = 10  # a matching question's names: the space before their column
NAME_SLACK = 2  # points more than a name's line needs


def _matching_table(q: Question, inner: float, st, key: bool = False) -> Table:
    """Numbered descriptions with a line for the letter; lettered names, one or two more than descriptions."""
    slot_w = 17 * mm
    room = inner - slot_w
    # The names' column is as wide as its longest name needs on one line (text, the letter's indent, the cell's
    # padding, and a little more: a line exactly as wide as its cell is broken), within a third to half the room.
    option = st["option"]
    needs = option.leftIndent + NAME_PAD + GRID_GAP + NAME_SLACK
    widest = max((stringWidth(x, option.fontName, option.fontSize) for x in q.rights), default=0) + needs
    right_w = min(max(widest, room * 0.3), room * 0.5)  # the descriptions get the rest
    left_w = room - right_w
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
    t.setStyle(table_style([("LEFTPADDING", (2, 0), (2, -1), NAME_PAD)]))
    return t


def _statements_table(q: Question, inner: float, st, key: bool = False) -> Table:
    """Numbered statements, each with Fact and Opinion to circle (the key shows the right one in bold)."""
    choice_w = 34 * mm
    rows = []
    for j, statement in enumerate(q.statements):
        if key:
            choice = Paragraph(f"<b>{esc(st['m'].choice(q.labels[j]))}</b>", st["body"])
        else:
            choice = Paragraph(f"{esc(st['m'].choice(FACT_LABEL))}&nbsp;&nbsp;&nbsp;&nbsp;"
                               f"{esc(st['m'].choice(OPINION_LABEL))}", st["num"])
        rows.append([Paragraph(f"<b>{j + 1}.</b>", st["body"]), Paragraph(esc(statement), st["body"]), choice])
    return _grid(rows, [7 * mm, inner - 7 * mm - choice_w, choice_w], pad=3)


def _ordering_table(q: Question, inner: float, st, key: bool = False) -> Table:
    rows = []
    for j, event in enumerate(q.events):
        cell = Paragraph(f"<b>{q.ranks[j]}</b>", st["body"]) if key else Box()
        rows.append([cell, Paragraph(esc(event), st["body"])])
    t = _grid(rows, [8 * mm, inner - 8 * mm], pad=3)
    return t


# --- question blocks, one pair per item type ----------------------------------------------------
# A block is the list of flowables of one question: its stem row, then what goes under it.


def _under(q: Question, width: float, st, below: list) -> list:
    """The stem row, then `below` set in line with the stem's text."""
    return [_stem_row(q, esc(q.item.stem), width, st), Spacer(0, 2), _indented(below, width)]


def _student_tf(q, width, st):
    m = st["m"]
    choice = Paragraph(f"{esc(m.choice(TRUE))}&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;{esc(m.choice(FALSE))}", st["num"])
    return [_stem_row(q, negations_marked(esc(q.item.stem)), width, st, extra=choice)]


# English, Russian and Kazakh negations (Russian "не", "нет", "никогда"; Kazakh "емес", "жоқ").
_NEGATION = re.compile(r"\b(not|never|no longer|n't|не|нет|никогда|емес|жоқ)\b", re.I)


def negations_marked(markup: str) -> str:
    """A true/false statement with its negations in bold: a "not" read past turns the statement round."""
    return _NEGATION.sub(lambda m: f"<b>{m.group(0)}</b>", markup)


def _student_cloze(q, width, st):
    return [_stem_row(q, _cloze_markup(q.item, None), width, st)]


def _student_mcq(q, width, st):
    return _under(q, width, st, _mcq_options(q, width - NUM_W - PTS_W, st))


def _student_matching(q, width, st):
    return _under(q, width, st, [Spacer(0, 3), _matching_table(q, width - NUM_W - PTS_W, st)])


def _student_ordering(q, width, st):
    return _under(q, width, st, [Spacer(0, 3), _ordering_table(q, width - NUM_W - PTS_W, st)])


def _student_fact_opinion(q, width, st):
    return _under(q, width, st, [Spacer(0, 3), _statements_table(q, width - NUM_W - PTS_W, st)])


def _student_recall(q, width, st):
    # A layout drawn tighter to save a last page (`st["tight"]` below 1) brings the writing lines closer too,
    # down to `CLOSEST_LINES` apart: a handwritten line still fits.
    tight = st.get("tight", 1.0)
    gap = CLOSEST_LINES + (LINE_GAP - CLOSEST_LINES) * tight
    return _under(q, width, st, [Spacer(0, 4), AnswerLines(RECALL_LINES, gap)])


STUDENT_BLOCKS = {
    "mcq": _student_mcq,
    "tf": _student_tf,
    "cloze": _student_cloze,
    "matching": _student_matching,
    "ordering": _student_ordering,
    "fact_opinion": _student_fact_opinion,
    "recall": _student_recall,
}


def _key_cloze(q, inner, st):
    return _marking(q, st)  # the answer itself is written into the blank of the stem


def _key_mcq(q, inner, st):
    return _mcq_options(q, inner, st, key=True)


def _key_tf(q, inner, st):
    m = st["m"]
    return [Paragraph(f"{esc(m.gettext(ANSWER))} <b>{esc(m.choice(q.options[q.correct]))}</b>", st["body"])]


def _key_matching(q, inner, st):
    return [Spacer(0, 3), _matching_table(q, inner, st, key=True)]


def _key_ordering(q, inner, st):
    listing = [Paragraph(f"{esc(date)}: {esc(event)}", st["listed"], bulletText=f"{n}.")
               for n, (date, event) in enumerate(q.item.sequence, 1)]
    return [Spacer(0, 3), _ordering_table(q, inner, st, key=True), Spacer(0, 4),
            Paragraph(f"<b>{esc(st['m'].gettext(IN_DATE_ORDER))}</b>", st["meta"])] + listing


def _key_fact_opinion(q, inner, st):
    return [Spacer(0, 3), _statements_table(q, inner, st, key=True)]


def _key_recall(q, inner, st):
    return [Paragraph(f"{esc(st['m'].gettext(MODEL_ANSWER))} <b>{esc(q.item.answer)}</b>", st["body"])] \
        + _marking(q, st)


def _marking(q: Question, st) -> list:
    """Other acceptable answers and the marking guidance of a written answer (its answer model, `answers.py`)."""
    also, marking = (q.answers.also, q.answers.marking) if q.answers else (q.item.accept, q.item.marking)
    out = []
    if also:
        out.append(Paragraph(f"<b>{esc(st['m'].gettext(ALSO_ACCEPT))}</b> " + "; ".join(esc(a) for a in also),
                             st["meta"]))
    if marking:
        out.append(Paragraph(f"<b>{esc(st['m'].gettext(MARKING))}</b> {esc(marking)}", st["meta"]))
    return out


KEY_BLOCKS = {
    "mcq": _key_mcq,
    "tf": _key_tf,
    "cloze": _key_cloze,
    "matching": _key_matching,
    "ordering": _key_ordering,
    "fact_opinion": _key_fact_opinion,
    "recall": _key_recall,
}


def student_question(q: Question, width: float, st) -> list:
    """The flowables of one question on the student's sheet."""
    return STUDENT_BLOCKS[q.item.type](q, width, st)


def key_question(q: Question, width: float, st) -> list:
    """The flowables of one question in the key: answered, with why, context, note and source."""
    item = q.item
    if item.type == "cloze":
        stem = _cloze_markup(item, item.cloze[1] if item.cloze else item.answer)
    else:
        stem = esc(item.stem)
    out = [_stem_row(q, stem, width, st)]
    below = KEY_BLOCKS[item.type](q, width - NUM_W - PTS_W, st)
    below += [Paragraph(line, st["small"]) for line in _about(item, st["m"])]
    if below:
        out += [Spacer(0, 2), _indented(below, width)]
    return out


def _about(item: Item, m: Messages) -> list[str]:
    """The key's lines under an answer: why, context, note and source, as markup."""
    meta = []
    if item.explanation:
        meta.append(f"<b>{esc(m.gettext(WHY))}</b> {esc(item.explanation)}")
    if item.context:
        meta.append(f"<b>{esc(m.gettext(CONTEXT))}</b> {esc(item.context)}")
    if item.note:
        meta.append(f"<b>{esc(m.gettext(NOTE))}</b> {esc(item.note)}")
    if item.citation:
        cite = item.citation
        source = f"<b>{esc(m.gettext(SOURCE))}</b> {esc(m.citation(cite.title, _cited(cite)))}"
        if cite.quote:
            source += f" — <i>{esc(m.quoted(cite.quote))}</i>"
        meta.append(source)
    return meta


def _cited(cite) -> tuple[int, ...]:
    """The paragraph numbers a citation names, as `Citation.short` names them."""
    return tuple(cite.paragraphs) if len(cite.paragraphs) > 1 else (cite.paragraph,)


def part_heading(index: int, section: Section, width: float, st) -> list:
    """A part's title and its points, over a rule."""
    m = st["m"]
    title = m.gettext("Part %(number)s: %(title)s", number=index, title=m.gettext(section.title))
    t = Table([[Paragraph(esc(title), st["part"]), Paragraph(esc(pts(section.points, m)), st["partpts"])]],
              colWidths=[width - 30 * mm, 30 * mm])
    t.setStyle(table_style([
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, -1), 0.8, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
    ]))
    return [t, Spacer(0, 4)]
