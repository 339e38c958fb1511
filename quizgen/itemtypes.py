"""Every item type, declared once: what it is called, what a student is told to do, its points, who holds it.

Every output reads its words from here: the worksheets (a part's title and instructions), the web quiz and the
preview (a question's label), the exports' one-line summaries (the type's name in running text), the messages
(its adjective), the planner (points, the order of parts) and the deck (which types become cards). So a type's
student-facing texts are written once, in this module, where one lookup can later give them in the course's
language.

    key           the type as items carry it (`Item.type`)
    part          the title of its part of a worksheet: "Fill in the blanks"
    label         one question of the type, as a page heads it: "Fill in the blank"
    instructions  what a student is told to do in its part of a worksheet
    names         the type in running text, singular and plural: ("short answer", "short answers")
    adjective     before "question" in a message: "the fill-in question ..."
    points        points for each thing it asks (a choice, a blank, a pair, an event, a statement)
    counts        what it asks when that is more than one thing: "pairs" or "sequence" (of `Item`)
    marked_points a written answer whose `marking` says what earns each point is worth this many
    template      made by question templates from one fact (the others are drawn from several facts)
    written       its answer is written, not chosen: `quizgen.answers` says what it accepts
    targets       the outputs that can hold it (a target leaves out, or never gets, the others)
"""
from __future__ import annotations

from dataclasses import dataclass

from .i18n import FACT, N_, OPINION

SHEETS = ("pdf", "web", "moodle", "gift", "canvas", "qti3")  # the outputs that hold every type
CARDS = ("anki", "quizlet")  # the deck, and the sets made of its cards


@dataclass(frozen=True)
class ItemType:
    key: str
    part: str
    label: str
    instructions: str
    names: tuple[str, str]
    adjective: str
    points: int = 1
    counts: str = ""
    marked_points: int = 0
    template: bool = True
    written: bool = False
    targets: tuple[str, ...] = SHEETS


# In the order messages and counts list them; worksheets print their parts in PART_ORDER.
ITEM_TYPES: dict[str, ItemType] = {t.key: t for t in (
    ItemType(
        "recall", N_("Short answer"), N_("Short answer"),
        N_("Answer each question in a sentence or two on the lines."),
        ("short answer", "short answers"), "short-answer", marked_points=2, written=True, targets=SHEETS + CARDS),
    ItemType(
        "cloze", N_("Fill in the blanks"), N_("Fill in the blank"),
        N_("Write the missing word or words on the line."),
        ("fill in the blank", "fill in the blank"), "fill-in", written=True, targets=SHEETS + CARDS),
    ItemType(
        "mcq", N_("Multiple choice"), N_("Multiple choice"),
        N_("Circle the letter of the one correct answer."),
        ("multiple choice", "multiple choice"), "multiple-choice", targets=SHEETS + CARDS + ("kahoot",)),
    ItemType(
        # Never a card: half of the cards would rehearse a false statement, the other half state another
        # card's answer.
        "tf", N_("True or false"), N_("True or false"),
        N_("Read each statement. Circle True if it is correct, False if it is not."),
        ("true or false", "true or false"), "true/false", targets=SHEETS + ("kahoot",)),
    ItemType(
        "matching", N_("Matching"), N_("Matching"),
        N_("Write the letter of the name that fits each description on the line before its number. Each name fits "
        "one description at most, and not every name is used."),
        ("matching", "matching"), "matching", counts="pairs", template=False),
    ItemType(
        "ordering", N_("Timeline"), N_("Timeline"),
        N_("Number the events in the order in which they happened: write 1 in the box of the earliest event, 2 in "
        "the box of the next one, and so on."),
        ("timeline", "timelines"), "timeline", counts="sequence", template=False),
    ItemType(
        "fact_opinion", N_("Fact or opinion"), N_("Fact or opinion"),
        N_("Circle Fact if the statement reports what could be checked outside the article: something that "
        "happened, a figure, or who said what. Circle Opinion if it gives the article's own judgement, "
        "interpretation or prediction, even where the article states it as certain."),
        ("fact or opinion", "fact or opinion"), "fact-or-opinion", counts="pairs", template=False),
)}

PART_ORDER = ("mcq", "tf", "cloze", "matching", "ordering", "fact_opinion", "recall")  # a worksheet's parts
TEMPLATE_TYPES = tuple(k for k, t in ITEM_TYPES.items() if t.template)  # what a question template may declare
MULTI_TYPES = tuple(k for k, t in ITEM_TYPES.items() if not t.template)  # drawn from several facts of a unit
WRITTEN_TYPES = tuple(k for k, t in ITEM_TYPES.items() if t.written)
FACT_LABEL, OPINION_LABEL = FACT, OPINION  # the two answers of a fact-or-opinion statement (`Messages.choice`)
# A fill-in part's instructions when it has a word bank.
WORD_BANK_NOTE = N_("%(instructions)s, choosing from the word bank.")


def item_type(key: str) -> ItemType:
    """The declaration of an item type; a KeyError for a type quizgen does not know."""
    return ITEM_TYPES[key]


def holds(target: str, key: str) -> bool:
    """Whether an output can hold items of a type."""
    return key in ITEM_TYPES and target in ITEM_TYPES[key].targets


def label(key: str) -> str:
    """A question of the type as a page heads it; the key itself for a type quizgen does not know."""
    return ITEM_TYPES[key].label if key in ITEM_TYPES else key
