"""Moodle XML: the sheets' questions as Moodle's question bank imports them.

One question category per sheet (`$course$/<course title>/<unit title>`), then
its questions in the worksheet's order (version A), each worth the
worksheet's points (`defaultgrade`):

    multiple choice      multichoice, one answer, shuffled by Moodle; each wrong option its own feedback
    true or false        truefalse
    fill in the blank    gapselect (a drop-down of the part's word bank) where the worksheet prints
                         one; else shortanswer with every accepted answer
    short answer         shortanswer with every accepted answer; essay, with the model answer and the
                         marking scheme as information for graders, when a teacher marks it
    matching             matching; spare names as answers without a question
    timeline             ordering (one point per event in its place), or, with the setting
                         `moodle_timeline: matching`, matching each event to its place
    fact or opinion      gapselect: a Fact / Opinion drop-down after each statement

Texts are HTML, every character escaped; general feedback gives the explanation
and cites the source paragraph with its quote. Built with lxml, never by
joining strings.
"""
from __future__ import annotations

import html

from lxml import etree

from ...itemtypes import FACT_LABEL, OPINION_LABEL
from ...plan import Question, Section, Version
from ..exports import (
    ESSAY_NOTE,
    TIMELINE_AS_MATCHING,
    CourseMeta,
    Placement,
    accepted_answers,
    choice_labels,
    cloze_parts,
    general_feedback,
    hand_marked,
    keeps_order,
    marking_notes,
    model_answer,
    ordinal,
    questions_with_bank,
    right_feedback,
    speaking,
    wrong_option_feedback,
    xml_bytes,
)

NAME_LENGTH = 60  # characters of the stem a question's name keeps
ORDERING_NOTE = ("timeline as ordering (Moodle 4.4, or its Ordering plugin)",
                 "timelines as ordering (Moodle 4.4, or its Ordering plugin)")


def placement(question: Question, section: Section, timeline: str = "ordering") -> Placement:
    """What a question becomes in Moodle XML: every item type has a place."""
    item = question.item
    if item.type == "mcq":
        return Placement("multichoice")
    if item.type == "tf":
        return Placement("truefalse")
    if item.type == "cloze":
        return Placement("gapselect") if section.word_bank else Placement("shortanswer")
    if item.type == "recall":
        return Placement("essay", note=ESSAY_NOTE) if hand_marked(item) \
            else Placement("shortanswer")
    if item.type == "matching":
        return Placement("matching")
    if item.type == "ordering":
        if timeline == "matching":
            return Placement("matching", note=TIMELINE_AS_MATCHING)
        return Placement("ordering", note=ORDERING_NOTE)
    if item.type == "fact_opinion":
        return Placement("gapselect")
    raise ValueError(f"item '{item.id}' has type '{item.type}', which Moodle XML cannot hold")


def render_moodle(meta: CourseMeta, versions: tuple[Version, ...], timeline: str = "ordering") -> bytes:
    """The Moodle XML file of every sheet's version A."""
    with speaking(meta.language):
        return _render_moodle(meta, versions, timeline)


def _render_moodle(meta: CourseMeta, versions: tuple[Version, ...], timeline: str = "ordering") -> bytes:
    quiz = etree.Element("quiz")
    for version in versions:
        quiz.append(etree.Comment(f" {_comment(version.title)} "))
        category = etree.SubElement(quiz, "question", type="category")
        _text(category, "category", category_path(meta.title, version.title), fmt=None)
        _text(category, "info", _html(f"{meta.title}: {version.title}"))
        for question, section in questions_with_bank(version):
            quiz.append(_question(question, section, timeline))
    return xml_bytes(quiz)


def category_path(course_title: str, sheet_title: str) -> str:
    """The category of a sheet's questions; a '/' inside a title is doubled, as Moodle reads it."""
    return "$course$/" + "/".join(t.replace("/", "//") for t in (course_title, sheet_title))


def question_name(question: Question) -> str:
    """A short name for the question bank: its number and the start of its stem."""
    stem = " ".join(question.item.stem.split())
    if len(stem) > NAME_LENGTH:
        stem = stem[:NAME_LENGTH].rsplit(" ", 1)[0] + " …"
    return f"{question.number:02d} {stem}"


# --- one question ----------------------------------------------------------------------------


def _question(question: Question, section: Section, timeline: str) -> etree._Element:
    item = question.item
    kind = placement(question, section, timeline).kind
    node = etree.Element("question", type=kind)
    _text(node, "name", question_name(question), fmt=None)
    build = _BUILDERS[(item.type, kind)]
    text = build(node, question, section)  # the question text, and the type's own elements after it
    node.insert(1, _text_element("questiontext", text))
    per_option = kind in ("multichoice", "truefalse")  # each option's feedback gives the explanation
    node.insert(2, _text_element("generalfeedback", _paragraphs(general_feedback(item, not per_option))))
    for k, (tag, value) in enumerate((("defaultgrade", str(question.points)), ("penalty", _PENALTY[kind]),
                                      ("hidden", "0"), ("idnumber", item.id)), start=3):
        element = etree.Element(tag)
        element.text = value
        node.insert(k, element)
    return node


_PENALTY = {"multichoice": "0.3333333", "truefalse": "1", "shortanswer": "0.3333333", "essay": "0",
            "matching": "0.3333333", "ordering": "0.3333333", "gapselect": "0.3333333"}


def _multichoice(node, question: Question, section: Section) -> str:
    item = question.item
    right = question.options[question.correct]
    shuffle = "0" if keeps_order(question) else "true"
    for tag, value in (("single", "true"), ("shuffleanswers", shuffle), ("answernumbering", "abc"),
                       ("showstandardinstruction", "0")):
        etree.SubElement(node, tag).text = value
    for k, option in enumerate(question.options):
        if k == question.correct:
            feedback = right_feedback(item)
        else:
            feedback = wrong_option_feedback(item, option, right)
        _answer(node, 100 if k == question.correct else 0, _html(option), _html(feedback))
    _combined_feedback(node)
    return _html(item.stem)


def _truefalse(node, question: Question, section: Section) -> str:
    item = question.item
    truth = question.correct == 0
    for value in (True, False):
        label, right = choice_labels(("True", "False") if value else ("False", "True"))
        if value == truth:
            feedback = right_feedback(item)
        else:
            feedback = wrong_option_feedback(item, label, right)
        _answer(node, 100 if value == truth else 0, "true" if value else "false", _html(feedback),
                fmt="moodle_auto_format")
    return _html(item.stem)


def _shortanswer(node, question: Question, section: Section) -> str:
    item = question.item
    etree.SubElement(node, "usecase").text = "0"  # case does not matter
    for answer in accepted_answers(question):
        # a '*' in Moodle's short answers matches anything; escaped, it is itself
        _answer(node, 100, answer.replace("*", "\\*"), "", fmt="moodle_auto_format")
    if item.type == "cloze":
        prompt, before, after = cloze_parts(item)
        return _paragraphs([prompt] if prompt else []) + _html(f"{before}_____{after}")
    return _html(item.stem)


def _essay(node, question: Question, section: Section) -> str:
    item = question.item
    for tag, value in (("responseformat", "editor"), ("responserequired", "1"), ("responsefieldlines", "5"),
                       ("minwordlimit", ""), ("maxwordlimit", ""), ("attachments", "0"),
                       ("attachmentsrequired", "0"), ("maxbytes", "0"), ("filetypeslist", "")):
        etree.SubElement(node, tag).text = value
    node.append(_text_element("graderinfo", _paragraphs(marking_notes(question))))
    node.append(_text_element("responsetemplate", ""))
    return _html(item.stem)


def _gapselect_cloze(node, question: Question, section: Section) -> str:
    item = question.item
    answer = model_answer(item)
    choices = list(section.word_bank)
    right = choices.index(answer) + 1
    prompt, before, after = cloze_parts(item)
    text = _paragraphs([prompt] if prompt else []) + f"<p>{_gap_html(before)}[[{right}]]{_gap_html(after)}</p>"
    _gapselect_options(node, choices)
    return text


def _gapselect_fact_opinion(node, question: Question, section: Section) -> str:
    labels = [FACT_LABEL, OPINION_LABEL]
    parts = [f"<p>{_gap_html(question.item.stem)}</p>"]
    for statement, label in zip(question.statements, question.labels):
        parts.append(f"<p>{_gap_html(statement)} [[{labels.index(label) + 1}]]</p>")
    _gapselect_options(node, choice_labels(labels))
    return "".join(parts)


def _gapselect_options(node, choices: list[str]) -> None:
    etree.SubElement(node, "shuffleanswers").text = "0"  # a word bank reads in the worksheet's order
    _combined_feedback(node)
    for choice in choices:
        option = etree.SubElement(node, "selectoption")
        etree.SubElement(option, "text").text = choice  # plain text, as Moodle keeps choices
        etree.SubElement(option, "group").text = "1"


def _matching(node, question: Question, section: Section) -> str:
    item = question.item
    etree.SubElement(node, "shuffleanswers").text = "true"
    _combined_feedback(node)
    pairs = [(left, question.rights[m]) for left, m in zip(question.lefts, question.matches)]
    spare = [right for k, right in enumerate(question.rights) if k not in question.matches]
    for left, right in pairs + [("", name) for name in spare]:  # a spare name is an answer without a question
        sub = _text_element("subquestion", _html(left) if left else "")
        answer = etree.SubElement(sub, "answer")
        etree.SubElement(answer, "text").text = right
        node.append(sub)
    return _html(item.stem)


def _timeline_as_matching(node, question: Question, section: Section) -> str:
    item = question.item
    etree.SubElement(node, "shuffleanswers").text = "true"
    _combined_feedback(node)
    count = len(question.events)
    for event, rank in zip(question.events, question.ranks):
        sub = _text_element("subquestion", _html(event))
        answer = etree.SubElement(sub, "answer")
        etree.SubElement(answer, "text").text = ordinal(rank, count)
        node.append(sub)
    return _html(item.stem)


def _ordering(node, question: Question, section: Section) -> str:
    item = question.item
    for tag, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("selectcount", "0"),
                       ("gradingtype", "ABSOLUTE_POSITION"), ("showgrading", "SHOW"),
                       ("numberingstyle", "none")):
        etree.SubElement(node, tag).text = value
    _combined_feedback(node)
    for _, event in item.sequence:  # in the right order: Moodle shuffles them for the student
        _answer(node, 1, _html(event), "")
    return _html(item.stem)


_BUILDERS = {
    ("mcq", "multichoice"): _multichoice,
    ("tf", "truefalse"): _truefalse,
    ("cloze", "shortanswer"): _shortanswer,
    ("cloze", "gapselect"): _gapselect_cloze,
    ("recall", "shortanswer"): _shortanswer,
    ("recall", "essay"): _essay,
    ("matching", "matching"): _matching,
    ("ordering", "ordering"): _ordering,
    ("ordering", "matching"): _timeline_as_matching,
    ("fact_opinion", "gapselect"): _gapselect_fact_opinion,
}


# --- elements --------------------------------------------------------------------------------


def _html(text: str) -> str:
    """Plain text as a paragraph of HTML: every character shows as itself."""
    return f"<p>{html.escape(text, quote=False)}</p>" if text else ""


def _gap_html(text: str) -> str:
    """Text around a gap: escaped, and '[' as a character reference so it never reads as a gap."""
    return html.escape(text, quote=False).replace("[", "&#91;")


def _paragraphs(texts: list[str]) -> str:
    return "".join(_html(t) for t in texts if t)


def _text_element(tag: str, text: str, fmt: str | None = "html") -> etree._Element:
    element = etree.Element(tag, format=fmt) if fmt else etree.Element(tag)
    etree.SubElement(element, "text").text = text
    return element


def _text(parent, tag: str, text: str, fmt: str | None = "html") -> etree._Element:
    element = _text_element(tag, text, fmt)
    parent.append(element)
    return element


def _answer(parent, fraction: int, text: str, feedback: str, fmt: str = "html") -> None:
    answer = etree.SubElement(parent, "answer", fraction=str(fraction), format=fmt)
    etree.SubElement(answer, "text").text = text
    answer.append(_text_element("feedback", feedback))


def _combined_feedback(node) -> None:
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        node.append(_text_element(tag, ""))
    etree.SubElement(node, "shownumcorrect")


def _comment(text: str) -> str:
    return text.replace("--", "- -")  # an XML comment may not hold '--'
