"""What the exports to learning platforms and class games share.

Moodle XML, GIFT, the Canvas and QTI 3.0 packages, Kahoot and Quizlet each
live in their own package under `targets/`; every one of them is a pure
function from the course's few facts about itself (`CourseMeta`), the planned
versions of its sheets (`quizgen.plan`) or the deck's cards, to bytes. This
module holds what they have in common:

- which version of each sheet they export (version A: the questions, the
  option order and the points the worksheet's version A prints);
- the answers a written question accepts (`accepted_answers`): the answer model's (`quizgen.answers`, as
  the plan gives it to each written question), which the worksheet's key prints and the web quiz accepts;
- which written answers a machine can mark and which go to a teacher (`hand_marked`);
- the feedback texts: the explanation, and the source cited and quoted;
- how an export says what it left out: one line per target (`Placement`, `fit_line`);
- zip archives whose bytes never depend on the clock (`zip_bytes`).
"""
from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..answers import SHORT_ANSWER_WORDS, number_forms, too_long_to_recall, without_article, written_answer
from ..cues import words
from ..i18n import N_, Messages, messages
from ..itemtypes import item_type
from ..model import CLOZE_BLANK, Course, Item
from ..options import in_order
from ..plan import Question, Section, Version

if TYPE_CHECKING:
    from . import Job

EXPORT_VERSION = "A"  # the version whose order and points the exports take
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # every zip entry's date: the earliest a zip can hold, never the clock
# How the summaries name what a format did with a question, singular and plural.
ESSAY_NOTE = ("short answer as an essay marked by a teacher", "short answers as essays marked by a teacher")
TIMELINE_AS_MATCHING = ("timeline as matching events to their places", "timelines as matching events to their places")


@dataclass(frozen=True)
class CourseMeta:
    """What an export needs to know of the course itself."""

    slug: str
    title: str
    language: str = "en"
    description: str = ""

    @classmethod
    def of(cls, course: Course) -> CourseMeta:
        return cls(course.slug, course.title, course.language or "en", course.description)


# The language an export is being written in: each render function sets it for the texts it writes
# (`speaking`), so that the many small builders of questions need not pass it along.
_LANGUAGE: ContextVar[str] = ContextVar("export_language", default="en")


@contextmanager
def speaking(language: str | None) -> Iterator[None]:
    """Write the fixed texts of an export (feedback, labels) in `language` while the block runs."""
    token = _LANGUAGE.set(language or "en")
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def texts() -> Messages:
    """The fixed texts of the export being written, in its course's language."""
    return messages(_LANGUAGE.get())


def export_versions(job: Job) -> tuple[Version, ...]:
    """Version A of every planned sheet, in plan order: what every export asks, in that order (planned once for
    the job, `Job.version`)."""
    return tuple(job.version(sheet, EXPORT_VERSION) for sheet in job.sheets)


def questions_with_bank(version: Version) -> Iterable[tuple[Question, Section]]:
    """Every question of a version with its section (whose word bank a fill-in question offers)."""
    for section in version.sections:
        for question in section.questions:
            yield question, section


# --- written answers -------------------------------------------------------------------------


model_answer = written_answer  # the answer a written question expects, as the key prints it


def accepted_answers(question: Question, as_written: bool = True) -> tuple[str, ...]:
    """Every form a written question accepts, as the key prints them and the web quiz takes them: the answer
    model's (its model answer, the fact's `accept` list, romanised spellings where the course accepts them),
    spaced as words, without repeats; a whole number also in its other spelling ("seven" and "7"), since an LMS
    compares the text as written where the web quiz reads numbers either way."""
    if question.answers is None:
        raise ValueError(f"question '{question.item.id}' has no answer model: only written questions have one")
    seen: dict[str, str] = {}
    language = question.answers.language
    for given in question.answers.accepted:
        bare_form = without_article(given, language) if as_written else ""  # a reader forgives it unasked
        for answer in [given, *number_forms(given, language), *([bare_form] if bare_form else [])]:
            answer = " ".join(answer.split())
            if answer and answer.casefold() not in seen:
                seen[answer.casefold()] = answer
    return tuple(seen.values())


def hand_marked(item: Item) -> bool:
    """Whether a written answer is marked by a teacher (an essay question), not matched by a machine.

    A machine can only compare a short answer with the accepted ones; a longer answer, one listing
    several things, or one with a marking scheme is read and marked in parts, as on the worksheet.
    """
    if item.type != "recall":
        return False
    answer = model_answer(item)
    return bool(item.marking) or too_long_to_recall(answer) or len(words(answer)) > SHORT_ANSWER_WORDS


def cloze_parts(item: Item) -> tuple[str, str, str]:
    """A fill-in question as (prompt, text before the blank, text after it).

    The prompt is empty when the question is the sentence itself; a template that asked its own
    question keeps it, followed by the sentence.
    """
    before, _, after = item.cloze or ("", item.answer, "")
    parts = item.stem.split(CLOZE_BLANK, 1)
    if len(parts) == 2:
        return "", parts[0], parts[1]
    return item.stem, before, after


def ordinal(n: int, last: int) -> str:
    """A place in a timeline, as a matching question offers it: "1st (earliest)", "2nd", ..., "4th (latest)"."""
    m = texts()
    if m.base == "en":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        place = f"{n}{suffix}"
    else:
        place = m.gettext("place %(number)s", number=n)  # "1-е место", "1-орын": no ordinal suffix to agree
    if n == 1:
        return m.gettext("%(place)s (earliest)", place=place)
    return m.gettext("%(place)s (latest)", place=place) if n == last else place


# --- feedback --------------------------------------------------------------------------------


def source_text(item: Item) -> str:
    """The citation as a sentence: the article and paragraph(s), and the quote when there is one."""
    cite = item.citation
    if cite is None or not cite.title:
        return ""
    m = texts()
    where = m.citation(cite.title, tuple(cite.paragraphs) if len(cite.paragraphs) > 1 else (cite.paragraph,))
    if cite.quote:
        return m.gettext("Source: %(citation)s: %(quote)s.", citation=where, quote=m.quoted(cite.quote))
    return m.gettext("Source: %(citation)s.", citation=where)


_ENDS_SENTENCE = re.compile(r"[.!?…:;][\"'’”»)\]]*$")


def as_sentences(paragraphs: Iterable[str]) -> str:
    """Paragraphs run together as one plain text, each ended as a sentence: a format that shows feedback as one
    run of text (GIFT) would otherwise join "Model answer: ice being larger in bulk" to the explanation after
    it. A paragraph that ends without a full stop (a model answer, a quoted phrase) gets one."""
    out = []
    for text in paragraphs:
        text = text.strip()
        if text:
            out.append(text if _ENDS_SENTENCE.search(text) else text + ".")
    return " ".join(out)


def general_feedback(item: Item, explanation: bool = True) -> list[str]:
    """Paragraphs shown once a question is answered: the explanation, context, note and source.

    A choice question whose every option has its own feedback (which gives the explanation)
    leaves the explanation out here, so that a student reads it once.
    """
    texts = (item.explanation if explanation else "", item.context, item.note, source_text(item))
    return [text for text in texts if text]


def wrong_option_feedback(item: Item, option: str, right: str) -> str:
    """What a student who picked a wrong option reads: which option was right, and why."""
    text = texts().gettext('Not "%(option)s": the answer is "%(answer)s".', option=option, answer=right)
    return " ".join([text, item.explanation]) if item.explanation else text


def marking_notes(question: Question) -> list[str]:
    """What a teacher marking a written answer needs: the model answer, others accepted, the scheme."""
    item = question.item
    m = texts()
    notes = [m.gettext("Model answer: %(answer)s", answer=model_answer(item))]
    others = accepted_answers(question, as_written=False)[1:]
    if others:
        notes.append(m.gettext("Also accept: %(answers)s", answers="; ".join(others)))
    if item.marking:
        notes.append(m.gettext("Marking: %(marking)s", marking=item.marking))
    return notes


def right_feedback(item: Item) -> str:
    """What a student who answered right reads: "Right." and the explanation."""
    return " ".join([texts().gettext(N_("Right.")), item.explanation]).strip()


def keeps_order(question: Question) -> bool:
    """Whether a choice question's options must be shown as listed, not shuffled by the LMS: true and false, and
    numbers or dates, which the sheets list in order so that their place gives nothing away."""
    return question.item.type == "tf" or in_order(question.options) is not None


def choice_labels(values) -> list[str]:
    """The labels of a true/false or fact-or-opinion choice ("True", "Fact"...) in the export's language."""
    return [texts().choice(v) for v in values]


# --- what a format holds ---------------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    """What one question becomes in a format: a kind of question there, or left out, with the reason."""

    kind: str = ""  # the format's own question type; "" when the question is left out
    reason: str | tuple[str, str] = ""  # why it is left out ("longer than 120 characters"), or its
    # (singular, plural) forms as the summary counts it: ("timeline", "timelines")
    note: str | tuple[str, str] = ""  # how it was carried when not as itself, in the same forms

    @property
    def left_out(self) -> bool:
        return not self.kind


def fit_line(label: str, versions: Iterable[Version], place: Callable[[Question, Section], Placement],
             notes: Iterable[str] = ()) -> str:
    """The one-line summary of a format: how many questions went in, and what was left out and why.

    e.g. "Kahoot: 20 of 34 questions; left out: 9 short answers, 2 longer than 120 characters".
    """
    total = 0
    left: Counter[str | tuple[str, str]] = Counter()
    carried: Counter[str | tuple[str, str]] = Counter()
    for version in versions:
        for question, section in questions_with_bank(version):
            total += 1
            placement = place(question, section)
            if placement.left_out:
                left[placement.reason] += 1
            elif placement.note:
                carried[placement.note] += 1
    kept = total - sum(left.values())
    line = f"{label}: {kept} of {total} question{'s' * (total != 1)}"
    if left:
        line += "; left out: " + ", ".join(_counted(n, reason) for reason, n in sorted(left.items(), key=_by_count))
    extra = [_counted(n, note) for note, n in sorted(carried.items(), key=_by_count)] + list(notes)
    if extra:
        line += "; " + "; ".join(extra)
    return line


def _by_count(entry: tuple[str | tuple[str, str], int]) -> tuple[int, str]:
    return -entry[1], str(entry[0])


def _counted(n: int, text: str | tuple[str, str]) -> str:
    """ "3 short answers", "1 timeline": a count and the form of its text that goes with it."""
    if isinstance(text, tuple):
        text = text[0] if n == 1 else text[1]
    return f"{n} {text}"


def type_reason(key: str) -> tuple[str, str]:
    """An item type as a reason to leave a question out, singular and plural: ("timeline", "timelines")."""
    return item_type(key).names


# --- identifiers and archives ----------------------------------------------------------------

_NOT_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


def xml_name(text: str, prefix: str = "q") -> str:
    """An XML name (NCName) made from an id: letters, digits, '-', '_' and '.', starting with a letter."""
    name = _NOT_NAME.sub("-", text).strip("-.") or "x"
    return name if name[0].isalpha() else f"{prefix}-{name}"


def unique_names(ids: Iterable[str], prefix: str = "q") -> dict[str, str]:
    """A distinct XML name for each id, numbered where two ids would give the same name."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for item_id in ids:
        if item_id in out:
            continue
        base = xml_name(item_id, prefix)
        name, n = base, 1
        while name.casefold() in used:  # case-insensitive: file names in a zip may land on such disks
            n += 1
            name = f"{base}-{n}"
        used.add(name.casefold())
        out[item_id] = name
    return out


def zip_bytes(files: dict[str, bytes], folders: Iterable[str] = ()) -> bytes:
    """A zip archive of `files` (path -> bytes) in the given order, deflated, its dates fixed.

    Entries carry ZIP_DATE and fixed permissions, so the archive's bytes depend only on the files.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for folder in folders:
            info = zipfile.ZipInfo(folder.rstrip("/") + "/", date_time=ZIP_DATE)
            info.external_attr = (0o40755 << 16) | 0x10
            archive.writestr(info, b"")
        for path, data in files.items():
            info = zipfile.ZipInfo(path, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def xml_bytes(root) -> bytes:
    """An lxml tree as UTF-8 bytes with an XML declaration, indented, ending with a newline."""
    from lxml import etree

    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
