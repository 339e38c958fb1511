"""Plain data passed between the pipeline's stages.

The loader produces a `Course` of `Unit`s holding `Fact`s; the generator turns
facts into `Item`s; every output target consumes `Item`s and nothing else of
the course's files.
"""
from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .settings import Settings

CLOZE_BLANK = "_____"  # marks the blank in a cloze item's plain-text stem
LETTERS = string.ascii_uppercase  # option letters, matching letters and version letters, in order


@dataclass(frozen=True)
class Source:
    """The text a unit's facts are drawn from, split into numbered paragraphs."""

    path: str
    title: str
    paragraphs: tuple[str, ...]
    author: str = ""
    publisher: str = ""
    url: str = ""
    date: str = ""
    attribution: str = ""
    called: str = "the article"  # what English questions call it ("According to the book, ..."): `called`

    def credit(self) -> str:
        """The source as printed copies credit it: "Title, author, publisher, date, address. Attribution" (the
        line the web quiz's footer gives)."""
        named = ", ".join(p for p in (self.title, self.author, self.publisher, self.date, self.url) if p)
        return f"{named}. {self.attribution}" if self.attribution else f"{named}."


@dataclass(frozen=True, slots=True)
class Fact:
    """One curated fact: its kind decides which question templates apply."""

    id: str
    kind: str
    fields: dict[str, Any]
    tags: tuple[str, ...]
    paragraph: int
    quote: str
    explanation: str = ""
    note: str = ""
    context: str = ""
    file: str = ""
    line: int = 0
    category: str = ""
    cloze_category: str = ""
    years: str = ""  # "2022", "1924-1953" or "2019-"; "" when the fact gives none
    plural: bool | None = None  # None: read from the words (generate/wording.py)
    from_context: bool = False
    accept: tuple[str, ...] = ()
    marking: str = ""
    distractors: tuple[str, ...] = ()
    lint_ignore: tuple[str, ...] = ()
    language: str = "en"  # the course's: how questions read and ask the fact (quizgen/languages/)
    source_called: str = "the article"  # what questions call its source ("According to the book, ..."): `called`

    @property
    def corrected(self) -> bool:
        """Whether the curator's `note` corrects the source (what a note is for; other additions go in `context`):
        the fact's questions then ask the source's words as its claim, and no reversed card states them bare."""
        return bool(self.note.strip())


@dataclass(frozen=True)
class Unit:
    slug: str
    title: str
    source: Source
    facts: tuple[Fact, ...]
    skip_paragraphs: dict[int, str] = field(default_factory=dict)
    path: str = ""
    line: int = 0  # where course.yaml lists the unit
    title_line: int = 0  # where facts.yaml gives the title


@dataclass(frozen=True)
class Course:
    slug: str
    title: str
    language: str
    settings: Settings
    units: tuple[Unit, ...]
    path: str = ""
    templates_dir: str | None = None
    description: str = ""
    title_line: int = 0  # where course.yaml gives the title
    # The targets the course's own settings name, before a build's `--only` narrowed them: the sheets are planned
    # for the whole course (a question is left off a sheet only where its deck still asks the fact), so that a
    # build of the PDFs alone plans the sheets a full build does. () where none were read (a course made in code).
    own_targets: tuple[str, ...] = ()

    @property
    def facts(self) -> tuple[Fact, ...]:
        return tuple(f for u in self.units for f in u.facts)


@dataclass(frozen=True, slots=True)
class Citation:
    """Where an item's facts come from: article, paragraph(s) and verbatim quote.

    Items drawn from several facts (matching, timeline) list every paragraph in
    `paragraphs`; `paragraph` is the first of them.
    """

    title: str
    paragraph: int
    quote: str
    url: str = ""
    publisher: str = ""
    date: str = ""
    paragraphs: tuple[int, ...] = ()

    def short(self) -> str:
        if len(self.paragraphs) > 1:
            return f"{self.title}, paragraphs {', '.join(str(p) for p in self.paragraphs)}"
        return f"{self.title}, paragraph {self.paragraph}"


@dataclass(frozen=True, slots=True)  # no dict per instance: tens of thousands of them
class Item:
    """One question, ready for any output target.

    `stem` is plain text. For cloze items the blanked answer is marked by
    `cloze` = (before, answer, after) so each target can draw its own blank.
    `options` are in their final, seeded order; `correct` indexes into them.
    Matching items carry `pairs` (description, name) and `extras` (names that
    match no description; for a cloze item, curated word-bank entries; for a multiple-choice question of numbers
    or dates, wrong values it does not show, which a sheet may show instead to move its key); ordering items carry
    `sequence` in the correct order (targets shuffle for display with the item's seed); fact-or-opinion items
    carry `pairs` (statement, "Fact" or "Opinion").

    `cue` lists what would give the item away if another question on the same
    sheet showed it: each entry is texts that must all appear there (its answer;
    a surname; an abbreviation; all its wrong options; a true/false statement's
    value beside what it is said of); the planner keeps such items apart. `sheets` and `deck` say where the item may
    go; `accept` and `marking` are for the key of written answers.
    """

    id: str
    type: str
    course: str
    unit: str
    fact_ids: tuple[str, ...]
    template: str
    stem: str
    answer: str
    citation: Citation | None
    explanation: str = ""
    context: str = ""
    note: str = ""
    options: tuple[str, ...] = ()
    correct: int = -1
    cloze: tuple[str, str, str] | None = None
    pairs: tuple[tuple[str, str], ...] = ()
    sequence: tuple[tuple[str, str], ...] = ()
    tags: tuple[str, ...] = ()
    kind: str = ""
    reverse: tuple[str, str] | None = None
    order: int = 0
    extras: tuple[str, ...] = ()
    cue: tuple[tuple[str, ...], ...] = ()
    accept: tuple[str, ...] = ()
    marking: str = ""
    from_context: bool = False
    sheets: bool = True
    deck: bool = True
    written_stem: str = ""  # a choice question asked without its options ("Who ...?"), where the words differ
    # A true/false statement's version of the other truth, where the generator could write a sound one: the
    # planner keys about half of a sheet's statements False by choosing between the two.
    counterpart: Item | None = None
