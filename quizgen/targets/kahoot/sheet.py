"""Kahoot: a sheet's choice questions as Kahoot's quiz spreadsheet import reads them.

The layout is Kahoot's template's: a few lines of instructions, the column
headings in row 8, then one question per row from row 9:

    A number   B question (120 characters at most)   C-F answers 1-4 (75 characters at most)
    G time limit in seconds (5, 10, 20, 30, 60, 90, 120 or 240)   H the correct answer's number

Only multiple-choice and true-or-false questions fit, with at most four answers
and within the lengths; every other question is left out, and the target's
summary line says how many and why. Written with openpyxl; the workbook's
dates and the zip's entry times are fixed, so the same sheet gives the same bytes.
"""
from __future__ import annotations

import datetime
import io
import zipfile

from ...cues import words
from ...itemtypes import holds
from ...plan import Question, Section, Version
from ..exports import (
    Placement,
    choice_labels,
    questions_with_bank,
    speaking,
    texts,
    type_reason,
    zip_bytes,
)

QUESTION_LIMIT = 120
ANSWER_LIMIT = 75
MAX_ANSWERS = 4
TIME_LIMITS = (5, 10, 20, 30, 60, 90, 120, 240)
HEADER_ROW = 8
HEADINGS = ("Question - max 120 characters", "Answer 1 - max 75 characters", "Answer 2 - max 75 characters",
            "Answer 3 - max 75 characters", "Answer 4 - max 75 characters",
            "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs", "Correct answer(s) - choose at least one")
FIXED_DATE = datetime.datetime(2000, 1, 1)  # the workbook's created and modified dates: never the clock


def placement(question: Question, section: Section) -> Placement:
    """Whether a question fits a Kahoot quiz, or why it is left out."""
    item = question.item
    if not holds("kahoot", item.type):
        return Placement(reason=type_reason(item.type))
    answers = answers_of(question)
    if len(answers) > MAX_ANSWERS:
        return Placement(reason=f"with more than {MAX_ANSWERS} answers")
    if len(item.stem) > QUESTION_LIMIT:
        return Placement(reason=f"longer than {QUESTION_LIMIT} characters")
    if any(len(a) > ANSWER_LIMIT for a in answers):
        return Placement(reason=f"with an answer longer than {ANSWER_LIMIT} characters")
    return Placement("quiz")


def answers_of(question: Question) -> list[str]:
    return choice_labels(("True", "False")) if question.item.type == "tf" else list(question.options)


def time_limit(question: Question) -> int:
    """Seconds to answer: enough to read the question and its answers aloud twice over."""
    count = len(words(question.item.stem)) + sum(len(words(a)) for a in answers_of(question))
    return 20 if count <= 25 else 30 if count <= 45 else 60


def fitting(version: Version) -> list[Question]:
    """The questions of a version that a Kahoot quiz takes, in order."""
    return [q for q, s in questions_with_bank(version) if not placement(q, s).left_out]


def render_kahoot(version: Version) -> bytes:
    """The xlsx of one sheet's Kahoot quiz."""
    with speaking(version.language):
        return _render_kahoot(version)


def _render_kahoot(version: Version) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kahoot quiz"
    sheet["B2"] = f"{version.course_title}: {version.title}"
    sheet["B2"].font = Font(bold=True, size=14)
    m = texts()
    sheet["B3"] = m.gettext("Questions from the worksheets, written by quizgen. In Kahoot, create a kahoot, choose "
                            "'Import spreadsheet' and upload this file.")
    sheet["B4"] = m.gettext("Row 8 names the columns; each row from 9 is one question. Answers are numbered 1 "
                            "to 4.")
    sheet["B5"] = m.gettext("The last column gives the number of the correct answer.")
    for column, heading in zip("BCDEFGH", HEADINGS):
        cell = sheet[f"{column}{HEADER_ROW}"]
        cell.value = heading
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    questions = fitting(version)
    for number, question in enumerate(questions, 1):
        row = HEADER_ROW + number
        answers = answers_of(question)
        sheet.cell(row, 1, number)
        sheet.cell(row, 2, question.item.stem)
        for k, answer in enumerate(answers):
            sheet.cell(row, 3 + k, answer)
        sheet.cell(row, 7, time_limit(question))
        sheet.cell(row, 8, question.correct + 1)
    if questions:
        times = DataValidation(type="list", formula1='"' + ",".join(map(str, TIME_LIMITS)) + '"', allow_blank=True)
        times.add(f"G{HEADER_ROW + 1}:G{HEADER_ROW + len(questions)}")
        sheet.add_data_validation(times)
    for column, width in zip("ABCDEFGH", (4, 60, 30, 30, 30, 30, 14, 14)):
        sheet.column_dimensions[column].width = width
    workbook.properties.creator = "quizgen"
    workbook.properties.created = workbook.properties.modified = FIXED_DATE
    buffer = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which would stamp the clock into docProps/core.xml.
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as written:  # again, with fixed entry times
        return zip_bytes({name: written.read(name) for name in written.namelist()})
