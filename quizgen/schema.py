"""The course schema, declared once.

Validation (in the loader) and the docs' schema page both come from
these pydantic models: each field's type, whether it is required, its
description, and for fact fields the *slot* it fills. Multiple-choice
distractors are drawn only from values of the same slot, so people are
offered with people and dates with dates.

Each fact kind also declares, on its class, what it means to the questions
made of it (`FactBase`'s class variables: which field names it, which one a
written answer is about, its date, its place in matching questions and
timelines, what the lint checks). The generator, the distractors, the lint
and the preview read these declarations, and never a kind's name, so a new
kind is its class here (or one passed to `register_fact_kind`) and its
question templates in `templates/questions/<kind>/`.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, ClassVar, Literal, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    create_model,
    field_validator,
)

from .grammar import (
    attitude_words,
    checkable,
    judgement_words,
    present_marks,
    reception_words,
    reporting_verb,
    stance_words,
)
from .i18n import N_
from .languages import ENGLISH, Language
from .lintcodes import LINT_CODES
from .settings import Option
from .text import BLANK_RE, sentence_case

AUTHOR = "the article"  # the speaker that stands for the article's own analysis: no question asks for it
CALLED_DEFAULT = AUTHOR  # what questions call a source whose front matter does not say (`SourceMeta.called`)
SLUG_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DATE_RE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
YEARS_RE = r"^\d{4}(-(\d{4})?)?$"  # 2022, 1924-1953, or 2019- (still so)
MAX_TEXT = 2000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _no_control_chars(value):
    if isinstance(value, str) and _CONTROL.search(value):
        ch = _CONTROL.search(value).group()
        raise ValueError(f"contains the control character U+{ord(ch):04X}; remove it")
    return value


def _one_blank(value):
    if value is not None and len(BLANK_RE.findall(value)) != 1:
        raise ValueError("must contain exactly one [[blank]], e.g. 'Kazakhstan was the [[last]] state to secede'")
    return value


def _years_in_order(value):
    if value is not None and "-" in value:
        start, end = value.split("-")
        if end and int(end) < int(start):
            raise ValueError(f"ends before it starts; write the earlier year first, e.g. '{end}-{start}'")
    return value


def _calendar_date(value: str) -> str:
    """Refuse what the date pattern lets through but no calendar has: 2022-02-30, year 0."""
    parts = [int(p) for p in value.split("-")]
    try:
        _dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        if parts[0] < 1:
            raise ValueError(f"'{value}' is not a date: years start at 0001") from None
        raise ValueError(f"'{value}' is not a date on the calendar: {_dt.date(parts[0], parts[1], 1):%B %Y} has "
                         f"{_days_in_month(parts[0], parts[1])} days") from None
    return value


def _days_in_month(year: int, month: int) -> int:
    import calendar

    return calendar.monthrange(year, month)[1]


def _date_to_text(value):
    # YAML reads an unquoted 2022-04-28 as a date; keep dates as ISO text.
    if isinstance(value, _dt.date):
        return value.isoformat()
    # A year before 1000 may be written as it is read ("965"); ISO text pads it ("0965"), which is what everything
    # after loading reads (ordering, timelines, exports). Dates are shown in words ("965"), so the padding never shows.
    if isinstance(value, str) and re.fullmatch(r"\s*\d{1,3}(-\d{2}){0,2}\s*", value):
        year, dash, rest = value.strip().partition("-")
        return year.zfill(4) + dash + rest
    return value


def _years_to_text(value):
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    # Years before 1000 padded as dates are ("965-1040" -> "0965-1040"), unless the end would come before the start
    # ("1924-53" stays as written, and is refused).
    if isinstance(value, str) and re.fullmatch(r"\s*\d{1,4}(-(\d{1,4})?)?\s*", value):
        start, dash, end = value.strip().partition("-")
        if not end or int(end) >= int(start):
            return start.zfill(4) + dash + end.zfill(4) if end else start.zfill(4) + dash
    return value


# The constraints come before the validator so pydantic applies them to the
# string itself (after stripping): "   " is empty, as it looks.
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT),
    BeforeValidator(_no_control_chars),
]
Slug = Annotated[str, StringConstraints(pattern=SLUG_RE, max_length=80)]
_TAG_REFUSED = re.compile(r"[<>\"'`{}\[\]\\]")
RESERVED_TAG_PREFIX = "quizgen::"  # quizgen's own tags: the unit's, and quizgen::retired on retired notes


def _plain_tag(value):
    if isinstance(value, str):
        found = _TAG_REFUSED.search(value)
        if found:
            raise ValueError(f"'{value}' holds '{found.group()}'; a tag is a plain word (Anki cards may show tags "
                             f"as they are), so leave out < > \" ' ` {{ }} [ ] and \\")
        if value.strip().casefold().startswith(RESERVED_TAG_PREFIX):
            raise ValueError(f"'{value}' is in quizgen's own tags ({RESERVED_TAG_PREFIX}...): quizgen::retired marks "
                             f"notes retired from the course; choose another tag")
    return value


MAX_SOURCE_NAME = 60  # characters of a source's name in questions (`called`)


def _source_name(value):
    """What a source is called in questions: a short phrase on one line, that a sentence can go on after."""
    if len(value) > MAX_SOURCE_NAME:
        raise ValueError(f"is {len(value)} characters long; name the source in a few words (at most "
                         f"{MAX_SOURCE_NAME}), e.g. 'the book'")
    if "\n" in value or not value[0].isalnum() or not value[-1].isalnum():
        raise ValueError(f"'{value}' is not a name for the source that a question can say (\"According to "
                         f"{value}, ...\"): write a few words on one line, without punctuation around them, e.g. "
                         f"'the book'")
    return value


def _web_link(value):
    if value is not None and not re.match(r"https?://[^\s]+$", value, re.I):
        raise ValueError(f"'{value}' is not a web address: a citation links only to an http:// or https:// address")
    return value


Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60),
                AfterValidator(_plain_tag)]
Date = Annotated[str, BeforeValidator(_date_to_text), StringConstraints(pattern=DATE_RE),
                 AfterValidator(_calendar_date)]
Years = Annotated[str, BeforeValidator(_years_to_text), StringConstraints(pattern=YEARS_RE)]
LintCode = Literal[tuple(LINT_CODES)]


def slot(name: str, description: str, **kw):
    """Declare a fact field that fills a distractor slot."""
    return Field(description=description, json_schema_extra={"slot": name}, **kw)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


# --- course.yaml -----------------------------------------------------------


def _setting_field(option: Option):
    """The schema of one declared setting: its type, range and help come from `quizgen.settings`."""
    if option.many:
        annotation = list[Literal[option.choices]]
        return annotation, Field(default_factory=lambda: list(option.default), description=option.help)
    if option.choices:
        annotation = Literal[option.choices]
    elif option.type is str and option.max_length:
        annotation = Annotated[str, StringConstraints(max_length=option.max_length)]
    else:
        annotation = option.type
    return annotation, Field(option.default, ge=option.min, le=option.max, description=option.help)


@lru_cache(maxsize=8)
def settings_schema(options: tuple[Option, ...]) -> type[Strict]:
    """The schema of `course.yaml`'s `settings`: one field per declared setting (quizgen's own and the targets',
    which the target registry hands in: `quizgen.targets.declared_options()`)."""
    return create_model(
        "SettingsSchema",
        __base__=Strict,
        __doc__="Default output settings; command-line options override them.",
        **{o.name: _setting_field(o) for o in options},
    )


@lru_cache(maxsize=8)
def course_schema(options: tuple[Option, ...]) -> type[CourseSchema]:
    """`CourseSchema` with its `settings` validated against the declared settings."""
    settings = settings_schema(options)
    return create_model("CourseSchema", __base__=CourseSchema,
                        settings=(settings, Field(default_factory=settings, description="Default output settings.")))


class CourseSchema(Strict):
    """`content/course.yaml`: the course and its units, in order."""

    title: Text = Field(description="Course title, shown on decks and worksheets.")
    slug: Slug = Field(description="Stable identifier; never change it once learners use the deck.")
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")] = Field(
        "en", description="Language tag of the course (BCP 47), e.g. `en`."
    )
    description: Text | None = Field(None, description="One or two sentences about the course.")
    units: list[Slug] = Field(min_length=1, description="Unit folder names, in teaching order.")
    settings: dict[str, Any] = Field(default_factory=dict, description="Default output settings.")  # see course_schema


# --- a unit's facts.yaml ---------------------------------------------------


class SourceRef(Strict):
    """Where in the source text a fact comes from."""

    paragraph: int = Field(ge=1, description="Paragraph number in the unit's source text (from 1).")
    quote: Text = Field(description="A short verbatim quote from that paragraph; the build checks it.")


@dataclass(frozen=True)
class Matching:
    """How a kind's facts make a matching question: each fact's `description_field` to match with its
    `name_field`, under this stem; the item is `<unit>/matching-<name>`."""

    name: str  # "people"
    stem: str  # "Match each description to the person it fits."


@dataclass(frozen=True)
class FalseVersion:
    """A field holding the curator's false version of another, for a true/false statement, and the field
    saying why it is false (what the key prints instead of the explanation)."""

    true: str  # "claim"
    false: str  # "distortion"
    why: str = ""  # "why_false"


class FactBase(Strict):
    """The fields every fact has; a kind's class adds its own and declares what the kind means to questions.

    The declarations (class variables, not fields of the YAML), each read by one part of quizgen:

        shown_as          how pages name the kind ("cause and effect"); default: the kind itself
        name_field        the field naming what the fact is about (a person's name, a term): the name's number
                          and kind (a person or a thing) shape the questions; a name in the `person` slot is a
                          person, whose surname names them too
        description_field what tells it apart without naming it (a role, a definition)
        subject_field     what a true/false statement about it speaks of: no wrong value may name it
        accept_field      the written answer its `accept` and `marking` are about
        blank_fields      sentences with exactly one [[blank]]: their blanks fill word banks
        short_name_field  a shorter name that names it as well (a term's abbreviation)
        date_field        when it happened (ISO): its period, how its date is asked, the timeline's order
        event_field       what happened, as a clause: the timeline's event, "When did ...?"
        dated_by_source   without `years`, it holds when its source was written (what was said)
        topic_field       what the fact is about (a cause): wrong answers from other facts must share a
                          distinctive word of it (effects of unrelated causes are absurd options)
        refers_fields     fields naming someone another fact may describe (a claim's speaker): their
                          wrong answers take that fact's category and curated distractors
        false_version     a field holding the curator's false version of another (`FalseVersion`)
        number_from       fields whose plural makes questions speak of the fact as plural
        matching          the matching question its facts make (`Matching`), or None
        not_answers       its fields that say how to ask it, never what its answer is
        lint              lint codes checked on each fact of the kind (`quizgen.lint.FACT_CHECKS`)

    and two class methods: `is_opinion` (its label in a fact-or-opinion question) and `as_statement` (the
    fact as a plain statement there).
    """

    shown_as: ClassVar[str] = ""
    name_field: ClassVar[str] = ""
    description_field: ClassVar[str] = ""
    subject_field: ClassVar[str] = ""
    accept_field: ClassVar[str] = "cloze"
    blank_fields: ClassVar[tuple[str, ...]] = ("cloze",)
    short_name_field: ClassVar[str] = ""
    date_field: ClassVar[str] = ""
    event_field: ClassVar[str] = ""
    dated_by_source: ClassVar[bool] = False
    refers_fields: ClassVar[tuple[str, ...]] = ()
    topic_field: ClassVar[str] = ""
    false_version: ClassVar[FalseVersion | None] = None
    number_from: ClassVar[tuple[str, ...]] = ()
    matching: ClassVar[Matching | None] = None
    not_answers: ClassVar[tuple[str, ...]] = ()
    lint: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def is_opinion(cls, fields: dict[str, Any], language: Language = ENGLISH) -> bool | None:
        """Its label in a fact-or-opinion question: True for an opinion, False for a fact, None for neither."""
        return None

    @classmethod
    def as_statement(cls, fields: dict[str, Any], language: Language = ENGLISH, quote: str = "") -> str:
        """The fact as a plain statement in the course's language, for a fact-or-opinion question ("" when it has
        none); `quote` is its source's words."""
        return ""

    id: Slug = Field(description="Stable identifier (lower-case slug); Anki notes are keyed by it.")
    tags: list[Tag] = Field(default_factory=list, description="Extra tags for the Anki notes.")
    source: SourceRef = Field(description="Paragraph and verbatim quote backing the fact.")
    explanation: Text | None = Field(None, description="One sentence in the curator's words, shown with the answer.")
    note: Text | None = Field(None, description="Curator note: a correction of the source and why. Printed with "
                              "every question that asks the fact (a list question names its row), in keys, the web "
                              "quiz and the deck. A fact with a note gets no reversed card, which would state "
                              "the source's words as a bare answer; what corrects nothing belongs in `context`.")
    context: Text | None = Field(None, description="Curator context not in the source, e.g. an absolute date.")
    cloze: Text | None = Field(
        None, description="Optional sentence with exactly one `[[blank]]` for a fill-in-the-blank item."
    )
    category: Text | None = Field(
        None, description="What kind of thing the fact's answers are, where its slot is broader, e.g. `place`, "
        "`organisation`, `concept`: wrong options come only from facts of the same category. Without it the kind is "
        "read from the fact's words (the head noun of a definition or role: \"the lender that ...\" is an "
        "organisation, \"a dam ...\" a dam). A claim's speaker takes the category of the person fact of that name; "
        "dates ignore categories.")
    years: Years | None = Field(
        None, description="When the fact holds: `2022`, `1924-1953`, or `2019-` for still so. Wrong options come "
        "from facts of the same period; a closed range makes person questions say \"was\", an open one \"is\". "
        "Default: an event's `when`, a claim's source date, none otherwise (questions then speak in the past).")
    plural: bool | None = Field(
        None, description="Whether the name or term is plural, where its words mislead: questions read the number "
        "from the name, term or role (`Soviet planners` are plural), and this overrides it (`plural: false` for "
        "`the United States`).")
    from_context: bool = Field(
        False, description="The answer comes from `context`, not from the source text: worksheets leave the fact "
        "out unless the course sets `context_facts`; the deck keeps it.")
    cloze_category: Text | None = Field(
        None, description="What kind of thing the blank of `cloze` (or of a background `statement`) is, e.g. "
        "`place`: the word bank adds entries of that category.")
    accept: list[Text] = Field(
        default_factory=list, description="Other answers to accept for the fact's written question, printed in "
        "the key: about a person's name or a term (when its multiple-choice question becomes a short answer), a "
        "cause, or the blank of a fill-in sentence (claims, events, background).")
    marking: Text | None = Field(
        None, description="Marking guidance for that written question, printed in the key.")
    distractors: list[Text] = Field(
        default_factory=list, description="Curated wrong answers: offered first in the fact's multiple-choice "
        "questions, and as extra word-bank entries beside its blank.")
    lint_ignore: list[LintCode] = Field(
        default_factory=list, description="Warning codes to silence for this fact's items (see the lint codes "
        "in the reference).")

    _cloze_blank = field_validator("cloze")(_one_blank)
    _years_order = field_validator("years")(_years_in_order)


class PersonFact(FactBase):
    """A person and the role that identifies them in the source."""

    kind: Literal["person"]
    name: Text = slot("person", "The person's name, e.g. `Kassym-Jomart Tokayev`.")
    role: Text = slot(
        "role", "A noun phrase that identifies them uniquely, e.g. `President of Kazakhstan in 2022`."
    )

    gender: Literal["female", "male"] | None = Field(
        None, description="The person's grammatical gender, for languages whose questions agree with it (Russian: "
        "\"Кем была ...?\"); wrong options for a person of known gender are people of the same gender, so a role "
        "that names a woman is not answered by the only woman among the options. Without it, questions take a "
        "wording that needs no gender.")

    name_field: ClassVar[str] = "name"
    description_field: ClassVar[str] = "role"
    subject_field: ClassVar[str] = "name"
    accept_field: ClassVar[str] = "name"  # when its multiple-choice question becomes a short answer
    number_from: ClassVar[tuple[str, ...]] = ("name", "role")  # "Soviet planners"; "the heads of state"
    matching: ClassVar[Matching | None] = Matching("people", N_("Match each description to the person it fits."))
    not_answers: ClassVar[tuple[str, ...]] = ("gender",)
    lint: ClassVar[tuple[str, ...]] = ("number",)


class EventFact(FactBase):
    """Something that happened, and when."""

    kind: Literal["event"]
    what: Text = slot("event", "What happened, as a clause without the date, e.g. `Kyrgyzstan rejected ...`.")
    when: Date = slot("date", "ISO date, as precise as known: `2022`, `2022-04` or `2022-04-28`; "
                                      "a year before 1000 as it is written (`965`).")
    question: Text | None = Field(None, description="Optional question form, e.g. `When did Kyrgyzstan reject ...?`")

    date_field: ClassVar[str] = "when"
    event_field: ClassVar[str] = "what"
    lint: ClassVar[tuple[str, ...]] = ("date-precision",)

    @classmethod
    def is_opinion(cls, fields: dict[str, Any], language: Language = ENGLISH) -> bool | None:
        return False  # what happened, as the article reports it

    @classmethod
    def as_statement(cls, fields: dict[str, Any], language: Language = ENGLISH, quote: str = "") -> str:
        return sentence_case(fields["what"].rstrip(".")) + "."


class TermFact(FactBase):
    """An organisation, institution or term, and what it is."""

    kind: Literal["term"]
    term: Text = slot("term", "The name of the organisation or term.")
    definition: Text = slot("definition", "What it is, as a noun phrase that starts with its head noun's "
                            "article and does not repeat its name: `a coal-mining region in eastern Ukraine` (not "
                            "`at first, a region ...`), since questions set it in a sentence: \"What name is "
                            "given to a coal-mining region in eastern Ukraine?\".")
    abbreviation: Text | None = Field(None, description="Its usual abbreviation, e.g. `CSTO`.")
    determiner: Literal["the", "a", "an", "none"] | None = Field(
        None, description="How questions introduce the term: `the` Donbas, `a` casus belli, `none` for Russification. "
        "Default: as the fact's quote writes it (\"the Syr Darya\", \"Aralsk, a town\"), else `the` for a name of "
        "several words and `none` for one word.")

    name_field: ClassVar[str] = "term"
    description_field: ClassVar[str] = "definition"
    subject_field: ClassVar[str] = "term"
    accept_field: ClassVar[str] = "term"  # when its multiple-choice question becomes a short answer
    short_name_field: ClassVar[str] = "abbreviation"
    number_from: ClassVar[tuple[str, ...]] = ("term",)
    matching: ClassVar[Matching | None] = Matching("terms", N_("Match each description to its term."))
    lint: ClassVar[tuple[str, ...]] = ("number",)


class CauseEffectFact(FactBase):
    """A cause and the effect the source attributes to it."""

    kind: Literal["cause_effect"]
    cause: Text = slot("cause", "The cause, as a noun phrase: `Russia's losses in Ukraine`.")
    effect: Text = slot("effect", "The effect, as a noun phrase: `a request to the CSTO for troops`.")

    shown_as: ClassVar[str] = "cause and effect"
    accept_field: ClassVar[str] = "cause"
    topic_field: ClassVar[str] = "cause"


class ClaimFact(FactBase):
    """Something said: by a named speaker, or the article's own analysis."""

    kind: Literal["claim"]
    speaker: Text = slot("person", "Who said it; `the article` for the author's own analysis or prediction (also "
                         "the name the source text is `called`, e.g. `the book`; in a Russian course also `статья`, "
                         "in a Kazakh one `мақала`).")
    claim: Text = slot("claim", "What was said, as a clause, e.g. `Kazakhstan was \"historically Russia\"`.")
    distortion: Text | None = Field(
        None, description="A plausible false version of the claim, which the source contradicts, for a true/false item."
    )
    why_false: Text | None = Field(
        None, description="For the key of the false version: what the article says instead.")
    label: Literal["fact", "opinion", "neither"] | None = Field(
        None, description="How the fact-or-opinion item labels the claim: `opinion` (a judgement, interpretation "
        "or prediction), `fact` (something that can be checked), `neither` to leave a claim that mixes the two "
        "out. Default: a named speaker's claim is shown as the fact that they said it; the article's own claim is "
        "an opinion where its words mark a judgement (`will`, `could`, `best`, `hard-working` ...), a fact where "
        "it reports something checkable and marks none or what people thought of something then (`enjoyed a great "
        "reputation`, `was widely admired`), else left out.")

    subject_field: ClassVar[str] = "claim"
    dated_by_source: ClassVar[bool] = True
    refers_fields: ClassVar[tuple[str, ...]] = ("speaker",)
    false_version: ClassVar[FalseVersion | None] = FalseVersion("claim", "distortion", "why_false")
    not_answers: ClassVar[tuple[str, ...]] = ("label", "why_false")
    lint: ClassVar[tuple[str, ...]] = ("absolute-word",)

    @classmethod
    def is_opinion(cls, fields: dict[str, Any], language: Language = ENGLISH) -> bool | None:
        # The article's own claim is labelled by its words where quizgen knows the language's words of judgement;
        # in another language it is the article's opinion, as the curator can say otherwise with `label`.
        own = _judged(fields["claim"]) if language.english else "opinion"
        label = fields.get("label") or ("fact" if fields["speaker"] != AUTHOR else own)
        return {"opinion": True, "fact": False}.get(label)

    @classmethod
    def as_statement(cls, fields: dict[str, Any], language: Language = ENGLISH, quote: str = "") -> str:
        if fields["speaker"] != AUTHOR and fields.get("label") != "opinion":
            # the fact that they said it; in English with the quote's own verb ("Doctors thought that ...")
            text = (f"{fields['speaker']} {reporting_verb(quote)} that {fields['claim']}" if language.english
                    else language.said_that(fields["speaker"], fields["claim"]))
        else:
            text = fields["claim"]
        return sentence_case(text.rstrip(".")) + "."


PREDICTIONS = frozenset("will would may might could should must ought shall".split())


def _judged(claim: str) -> str:
    """The article's own claim, labelled by its words: an opinion where they mark a judgement ("will", "hard-
    working", "best") and it holds no figure, a fact where it reports something checkable and marks none;
    "neither" for the mixed (a figure beside a word of value) and the unclear, which a fact-or-opinion question
    leaves out. A modal or a prediction makes an opinion, figures or not."""
    judged = judgement_words(claim)
    figure = any(ch.isdigit() for ch in claim)
    if reception_words(claim) and not set(judged) & PREDICTIONS and not stance_words(claim):
        # What people thought of it ("the book enjoyed a great reputation", "was widely admired") is a fact of
        # history, its words of value theirs; what they think now ("is widely regarded as the greatest") may be the
        # article's own view put as theirs: left out.
        return "fact" if checkable(claim) and not present_marks(claim) else "neither"
    if set(judged) & PREDICTIONS or (judged and not figure):  # "will grow by 5%" is still a prediction
        return "opinion"
    if not judged and checkable(claim) and not attitude_words(claim):  # "Russia feared ...": a reading of it
        return "fact"
    return "neither"


class BackgroundFact(FactBase):
    """Historical background, as a sentence with one blank."""

    kind: Literal["background"]
    period: Text = slot("period", "The period it belongs to, e.g. `the Soviet era`.")
    statement: Text = Field(description="The fact as a sentence, with exactly one `[[blank]]` to ask for.")

    accept_field: ClassVar[str] = "statement"
    blank_fields: ClassVar[tuple[str, ...]] = ("cloze", "statement")

    _statement_blank = field_validator("statement")(_one_blank)


# --- fact kinds ------------------------------------------------------------------------------

FACT_KINDS: dict[str, type[FactBase]] = {}  # by kind, in the order the docs and the counts list them

_DECLARED_FIELDS = ("name_field", "description_field", "subject_field", "short_name_field", "date_field",
                    "event_field", "topic_field")


def register_fact_kind(model: type[FactBase]) -> type[FactBase]:
    """Add a fact kind (usable as a class decorator): `model` subclasses FactBase, declares `kind` as a
    Literal of one name, its fields, and what the kind means to questions (see FactBase). Its question
    templates go in `questions/<kind>/`, shipped or in a course's own `templates/`."""
    if not (isinstance(model, type) and issubclass(model, FactBase)):
        raise TypeError(f"{model!r} is not a subclass of FactBase")
    names = get_args(model.model_fields["kind"].annotation) if "kind" in model.model_fields else ()
    if len(names) != 1 or not isinstance(names[0], str):
        raise TypeError(f"{model.__name__} must declare `kind: Literal[\"<name>\"]`, one name")
    kind = names[0]
    if FACT_KINDS.get(kind, model) is not model:
        raise ValueError(f"fact kind '{kind}' is declared twice: by {FACT_KINDS[kind].__name__} and by "
                         f"{model.__name__}")
    fields = set(model.model_fields)
    named = [getattr(model, n) for n in _DECLARED_FIELDS] + list(model.blank_fields) + list(model.refers_fields) \
        + list(model.number_from) + list(model.not_answers) + [model.accept_field]
    if model.false_version is not None:
        named += [model.false_version.true, model.false_version.false, model.false_version.why]
    unknown = sorted({n for n in named if n and n not in fields})
    if unknown:
        raise ValueError(f"fact kind '{kind}' declares field(s) it does not have: {', '.join(unknown)}")
    FACT_KINDS[kind] = model
    return model


for _model in (PersonFact, EventFact, TermFact, CauseEffectFact, ClaimFact, BackgroundFact):
    register_fact_kind(_model)


def kind_of(fact) -> type[FactBase]:
    """The class of a fact's kind (a `quizgen.model.Fact`, or its kind's name), with its declarations."""
    return FACT_KINDS[fact if isinstance(fact, str) else fact.kind]


def fact_adapter() -> TypeAdapter:
    """The validator of one fact entry: a union of the registered kinds, told apart by `kind`."""
    return _fact_adapter(tuple(FACT_KINDS.values()))


@lru_cache(maxsize=4)
def _fact_adapter(models: tuple[type[FactBase], ...]) -> TypeAdapter:
    # A union of however many kinds are registered: Union[...] of a tuple, which `|` cannot spell.
    return TypeAdapter(Annotated[Union[models], Field(discriminator="kind")])  # noqa: UP007


class UnitSchema(Strict):
    """`content/<unit>/facts.yaml`: the unit, its source and its facts."""

    title: Text = Field(description="Unit title, shown on worksheets and as the Anki subdeck name.")
    source: Annotated[str, StringConstraints(min_length=1)] = Field(
        "source.md", description="The unit's source text, relative to the unit folder."
    )
    skip_paragraphs: dict[int, Text] = Field(
        default_factory=dict, description="Paragraphs with no substantive claim, each with the reason."
    )
    facts: list[dict] = Field(min_length=1, description="The unit's facts (see the kinds below).")


class SourceMeta(Strict):
    """Front matter of a source text (`source.md`)."""

    title: Text = Field(description="Title of the article.")
    author: Text | None = Field(None, description="Author, if the source names one.")
    publisher: Text | None = Field(None, description="Who published it.")
    url: Annotated[Text, AfterValidator(_web_link)] | None = Field(
        None, description="Where it was published: an `http://` or `https://` address.")
    date: Date | None = Field(None, description="Publication date (ISO, as precise as known).")
    attribution: Text | None = Field(None, description="Licence or attribution line to print with citations.")
    called: Annotated[Text, AfterValidator(_source_name)] = Field(
        CALLED_DEFAULT, description="What the source is, as English questions name it: `the book`, `the report`, "
        "`the speech` (\"According to the book, ...\", \"the book's opinion\"). A claim's `speaker` may then be "
        "this name, as well as `the article`, for the source's own voice. Default: `the article`.")


# Fields that say how to ask a fact, never what its answer is: no template may take its answer from them
# (a kind adds its own: `FactBase.not_answers`).
NOT_ANSWERS = frozenset({"category", "cloze_category", "years", "plural", "from_context", "accept", "marking",
                         "distractors", "lint_ignore"})


def fact_field_names(kind: str) -> list[str]:
    return list(FACT_KINDS[kind].model_fields)


def answer_fields(kind: str | None) -> list[str]:
    """The fields a question template of a kind (None: of every kind) may take its answer from."""
    model = FACT_KINDS[kind] if kind is not None else FactBase
    return [f for f in model.model_fields if f not in NOT_ANSWERS and f not in model.not_answers]


def slot_of(kind: str, field: str) -> str | None:
    info = FACT_KINDS[kind].model_fields.get(field)
    extra = info.json_schema_extra if info else None
    return extra.get("slot") if isinstance(extra, dict) else None


# --- documentation ----------------------------------------------------------


def _type_name(info) -> str:
    """Name a field's type the way the docs' tables do."""
    ann = info.annotation
    origin, args = get_origin(ann), get_args(ann)
    if origin is Annotated:
        ann, origin, args = args[0], get_origin(args[0]), get_args(args[0])
    if origin is Union:  # an optional field: name the type it takes when given
        inner = [a for a in args if a is not type(None)]
        ann, origin, args = inner[0], get_origin(inner[0]), get_args(inner[0])
        if origin is Annotated:
            ann, origin, args = args[0], get_origin(args[0]), get_args(args[0])
    if origin is Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args)
    if origin is list:
        if args and get_origin(args[0]) is Literal:
            return "list of " + ", ".join(f"`{a}`" for a in get_args(args[0]))
        return "list"
    if origin is dict or (isinstance(ann, type) and issubclass(ann, BaseModel)):
        return "mapping"
    return {int: "number", bool: "true/false"}.get(ann, "text")


def _table(model, skip=()) -> list[str]:
    rows = ["| field | type | required | meaning |", "| --- | --- | --- | --- |"]
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        required = "yes" if info.is_required() else "no"
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        meaning = (info.description or "").replace("|", "\\|")
        if extra.get("slot"):
            meaning += f" *(slot: {extra['slot']})*"
        rows.append(f"| `{name}` | {_type_name(info)} | {required} | {meaning} |")
    return rows


def describe_schema(options: tuple[Option, ...]) -> str:
    """Render the schema reference for the docs from the declarations above and the declared settings."""
    out = ["#### `course.yaml`", "", CourseSchema.__doc__.strip(), "", *_table(CourseSchema), "",
           "`settings`:", "", *_table(settings_schema(options)), "",
           "#### `<unit>/facts.yaml`", "", UnitSchema.__doc__.strip(), "", *_table(UnitSchema), "",
           "#### Source text front matter", "", SourceMeta.__doc__.strip(), "", *_table(SourceMeta), "",
           "#### Fields every fact has", "", *_table(FactBase), "",
           "`source`:", "", *_table(SourceRef), ""]
    for kind, model in FACT_KINDS.items():
        own = _table(model, skip=set(FactBase.model_fields) | {"kind"})
        out += [f"#### Kind `{kind}`", "", (model.__doc__ or "").strip(), "", *own, ""]
    return "\n".join(out).rstrip() + "\n"
