"""GIFT: the sheets' questions in Moodle's plain-text question format.

Every text is marked `[plain]`, so Moodle shows it as written, and every one of
GIFT's special characters (`~ = # { } :` and the backslash) is escaped with a
backslash wherever it occurs, in names, questions, answers and feedback alike.

    multiple choice      {=right ~wrong ...}, each wrong option its own feedback
    true or false        {TRUE} or {FALSE}
    fill in the blank    the blank in the sentence: a choice of the part's word bank where the worksheet
                         prints one ({=right ~other ...}), else every accepted answer ({=a =b})
    short answer         every accepted answer ({=a =b}); an essay ({}) when a teacher marks it, its
                         model answer and marking scheme in the general feedback
    matching             {=description -> name ...}; spare names as answers without a question
    timeline             matching each event to its place (GIFT has no ordering question)
    fact or opinion      one question per statement: {=Fact ~Opinion}

GIFT holds no points: Moodle gives each question imported from it 1 point.
"""
from __future__ import annotations

from ...itemtypes import FACT_LABEL, OPINION_LABEL
from ...plan import Question, Section, Version
from ...text import row_label, row_notes
from ..exports import (
    ESSAY_NOTE,
    TIMELINE_AS_MATCHING,
    CourseMeta,
    Placement,
    accepted_answers,
    as_sentences,
    choice_labels,
    cloze_parts,
    general_feedback,
    hand_marked,
    marking_notes,
    model_answer,
    ordinal,
    questions_with_bank,
    right_feedback,
    speaking,
    texts,
    wrong_option_feedback,
)
from ..moodle.questions import category_path, question_name

SPECIAL = "\\~=#{}:"  # the characters GIFT reads as syntax; the backslash first, so it is escaped once
ARROW = "->"  # splits a matching pair; GIFT has no way to escape it
SPLIT_NOTE = "fact or opinion as one question per statement"


def placement(question: Question, section: Section) -> Placement:
    """What a question becomes in GIFT, or why it is left out."""
    item = question.item
    if item.type in ("mcq", "tf"):
        return Placement(item.type)
    if item.type == "cloze":
        return Placement("missing word")
    if item.type == "recall":
        return Placement("essay", note=ESSAY_NOTE) if hand_marked(item) \
            else Placement("short answer")
    if item.type == "matching":
        texts = list(question.lefts) + list(question.rights)
        if any(ARROW in t for t in texts):
            return Placement(reason=f"matching with '{ARROW}' in a text")
        return Placement("matching")
    if item.type == "ordering":
        if any(ARROW in e for e in question.events):
            return Placement(reason=f"timelines with '{ARROW}' in an event")
        return Placement("matching", note=TIMELINE_AS_MATCHING)
    if item.type == "fact_opinion":
        return Placement("fact or opinion", note=(SPLIT_NOTE, SPLIT_NOTE))
    raise ValueError(f"item '{item.id}' has type '{item.type}', which GIFT cannot hold")


def escape(text: str) -> str:
    """Text as GIFT reads it literally: its special characters and line breaks escaped."""
    for ch in SPECIAL:
        text = text.replace(ch, "\\" + ch)
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def render_gift(meta: CourseMeta, versions: tuple[Version, ...]) -> bytes:
    """The GIFT file of every sheet's version A, a category per sheet."""
    with speaking(meta.language):
        return _render_gift(meta, versions)


def _render_gift(meta: CourseMeta, versions: tuple[Version, ...]) -> bytes:
    blocks = [f"// {' '.join(meta.title.split())}: questions written by quizgen from the course '{meta.slug}'"]
    for version in versions:
        # The category line is read as it is, up to the end of the line: nothing to escape but a line break.
        blocks.append(f"$CATEGORY: {' '.join(category_path(meta.title, version.title).split())}")
        for question, section in questions_with_bank(version):
            if not placement(question, section).left_out:
                blocks += _question(question, section)
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


def _question(question: Question, section: Section) -> list[str]:
    item = question.item
    head = f"// {item.id}\n::{escape(question_name(question))}::[plain]"
    general = general_feedback(item, explanation=item.type not in ("mcq", "tf"))  # options carry it
    feedback = "####" + escape(as_sentences(general)) if general else ""
    if item.type == "mcq":
        right = question.options[question.correct]
        lines = []
        for k, option in enumerate(question.options):
            if k == question.correct:
                lines.append(f"={escape(option)}#{escape(right_feedback(item))}")
            else:
                lines.append(f"~{escape(option)}#{escape(wrong_option_feedback(item, option, right))}")
        return [head + escape(item.stem) + "{\n" + "\n".join(lines + [feedback] if feedback else lines) + "\n}"]
    if item.type == "tf":
        truth = question.correct == 0
        wrong = wrong_option_feedback(item, *choice_labels(("False", "True") if truth else ("True", "False")))
        right = right_feedback(item)
        # Moodle reads the first feedback as the one for a wrong answer, the second for a right one.
        return [head + escape(item.stem) + f"{{{'TRUE' if truth else 'FALSE'}#{escape(wrong)}#{escape(right)}"
                f"{feedback}}}"]
    if item.type == "cloze":
        prompt, before, after = cloze_parts(item)
        answer = model_answer(item)
        if section.word_bank:
            choices = [f"={escape(answer)}"] + [f"~{escape(w)}" for w in section.word_bank if w != answer]
        else:
            choices = [f"={escape(a)}" for a in accepted_answers(question)]
        lead = escape(f"{prompt} {before}" if prompt else before)
        return [head + lead + "{" + " ".join(choices) + feedback + "}" + escape(after)]
    if item.type == "recall":
        if hand_marked(item):
            notes = general_feedback(item) + marking_notes(question)
            return [head + escape(item.stem) + "{####" + escape(as_sentences(notes)) + "}"]
        answers = " ".join(f"={escape(a)}" for a in accepted_answers(question))
        return [head + escape(item.stem) + "{" + answers + feedback + "}"]
    if item.type in ("matching", "ordering"):
        if item.type == "matching":
            pairs = [(left, question.rights[m]) for left, m in zip(question.lefts, question.matches)]
            pairs += [("", right) for k, right in enumerate(question.rights) if k not in question.matches]
        else:
            pairs = [(event, ordinal(rank, len(question.events))) for event, rank in zip(question.events,
                                                                                       question.ranks)]
        lines = [f"={escape(left)} -> {escape(right)}" for left, right in pairs]
        return [head + escape(item.stem) + "{\n" + "\n".join(lines + [feedback] if feedback else lines) + "\n}"]
    if item.type == "fact_opinion":
        # each statement is a question of its own here: it carries its own row's note, not every row's
        own_notes = row_notes(item.note, [row_label(s) for s in question.statements])
        rest = [text for text in general_feedback(item) if text != item.note]
        out = []
        for k, (statement, label) in enumerate(zip(question.statements, question.labels), 1):
            shown = [text for text in (own_notes[k - 1], *rest) if text]
            feedback = "####" + escape(as_sentences(shown)) if shown else ""
            fact, opinion = choice_labels((FACT_LABEL, OPINION_LABEL))
            label, other = (fact, opinion) if label == FACT_LABEL else (opinion, fact)
            asked = texts().gettext("Fact or opinion")
            name = f"{question.number:02d}.{k} {asked}"
            question_text = f"{asked}? {statement}"
            out.append(f"// {item.id} ({k})\n::{escape(name)}::[plain]{escape(question_text)}"
                       f"{{={escape(label)} ~{escape(other)}{feedback}}}")
        return out
    raise ValueError(f"item '{item.id}' has type '{item.type}', which GIFT cannot hold")
