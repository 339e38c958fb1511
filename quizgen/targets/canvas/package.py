"""A QTI 1.2 package as Canvas's "QTI .zip file" import takes it: one quiz per sheet.

    imsmanifest.xml                  every quiz: its questions' file and its Canvas settings
    non_cc_assessments/              (an empty folder, as Canvas's own exports have)
    <quiz>/<quiz>.xml                the questions (questestinterop)
    <quiz>/assessment_meta.xml       the quiz's title, description and points for Canvas

Questions are the worksheet's (version A), each worth its points; Canvas's own
question types, marked in each item's metadata:

    multiple choice      multiple_choice_question, each wrong option its own feedback
    true or false        true_false_question
    fill in the blank    multiple_dropdowns_question (the part's word bank) where the worksheet prints
                         one, else short_answer_question with every accepted answer
    short answer         short_answer_question; essay_question when a teacher marks it, the model
                         answer and marking scheme in its feedback (Canvas has no note for graders)
    matching             matching_question; spare names as extra matches
    timeline             matching_question: each event to its place (Canvas quizzes cannot order)
    fact or opinion      multiple_dropdowns_question: Fact / Opinion after each statement

Identifiers are digests of the course, sheet and item ids: importing the
package again updates the quizzes it made. Built with lxml; the zip's bytes
depend on nothing but the questions.
"""
from __future__ import annotations

import hashlib
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
    texts,
    wrong_option_feedback,
    xml_bytes,
    zip_bytes,
)

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QTI_XSD = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
CANVAS_XSD = "https://canvas.instructure.com/xsd/cccv1p0.xsd"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
MD_NS = "http://www.imsglobal.org/xsd/imsmd_v1p2"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XSI = f"{{{XSI_NS}}}"


def placement(question: Question, section: Section) -> Placement:
    """What a question becomes in a Canvas quiz: every item type has a place."""
    item = question.item
    if item.type == "mcq":
        return Placement("multiple_choice_question")
    if item.type == "tf":
        return Placement("true_false_question")
    if item.type == "cloze":
        return Placement("multiple_dropdowns_question") if section.word_bank else Placement("short_answer_question")
    if item.type == "recall":
        if hand_marked(item):
            return Placement("essay_question", note=ESSAY_NOTE)
        return Placement("short_answer_question")
    if item.type == "matching":
        return Placement("matching_question")
    if item.type == "ordering":
        return Placement("matching_question", note=TIMELINE_AS_MATCHING)
    if item.type == "fact_opinion":
        return Placement("multiple_dropdowns_question")
    raise ValueError(f"item '{item.id}' has type '{item.type}', which a Canvas quiz cannot hold")


def ident(*parts: str) -> str:
    """A stable identifier from names, in the shape of Canvas's own ("g" and 32 hexadecimal digits)."""
    return "g" + hashlib.sha256("\x1f".join(("quizgen-canvas",) + parts).encode("utf-8")).hexdigest()[:32]


def render_canvas(meta: CourseMeta, versions: tuple[Version, ...]) -> bytes:
    """The package's zip: the manifest, then each quiz's questions and settings."""
    with speaking(meta.language):
        return _render_canvas(meta, versions)


def _render_canvas(meta: CourseMeta, versions: tuple[Version, ...]) -> bytes:
    files: dict[str, bytes] = {}
    quizzes = []
    for version in versions:
        quiz = ident(meta.slug, version.slug)
        quizzes.append(quiz)
        files[f"{quiz}/{quiz}.xml"] = _assessment(meta, version, quiz)
        files[f"{quiz}/assessment_meta.xml"] = _assessment_meta(meta, version, quiz)
    manifest = {"imsmanifest.xml": _manifest(meta, quizzes)}
    return zip_bytes({**manifest, **files}, folders=("non_cc_assessments",))


# --- the manifest and the quiz settings -------------------------------------------------------


def _manifest(meta: CourseMeta, quizzes: list[str]) -> bytes:
    root = etree.Element(f"{{{CP_NS}}}manifest", nsmap={None: CP_NS, "imsmd": MD_NS, "xsi": XSI_NS},
                         identifier=ident(meta.slug, "manifest"))
    root.set(f"{XSI}schemaLocation", f"{CP_NS} http://www.imsglobal.org/xsd/imscp_v1p1.xsd "
                                     f"{MD_NS} http://www.imsglobal.org/xsd/imsmd_v1p2p2.xsd")
    metadata = etree.SubElement(root, f"{{{CP_NS}}}metadata")
    etree.SubElement(metadata, f"{{{CP_NS}}}schema").text = "IMS Content"
    etree.SubElement(metadata, f"{{{CP_NS}}}schemaversion").text = "1.1.3"
    lom = etree.SubElement(metadata, f"{{{MD_NS}}}lom")
    general = etree.SubElement(lom, f"{{{MD_NS}}}general")
    title = etree.SubElement(general, f"{{{MD_NS}}}title")
    etree.SubElement(title, f"{{{MD_NS}}}string").text = meta.title
    etree.SubElement(root, f"{{{CP_NS}}}organizations")
    resources = etree.SubElement(root, f"{{{CP_NS}}}resources")
    for quiz in quizzes:
        resource = etree.SubElement(resources, f"{{{CP_NS}}}resource", identifier=quiz, type="imsqti_xmlv1p2")
        etree.SubElement(resource, f"{{{CP_NS}}}file", href=f"{quiz}/{quiz}.xml")
        etree.SubElement(resource, f"{{{CP_NS}}}dependency", identifierref=f"{quiz}_meta")
        settings = etree.SubElement(resources, f"{{{CP_NS}}}resource", identifier=f"{quiz}_meta",
                                    type="associatedcontent/imscc_xmlv1p1/learning-application-resource",
                                    href=f"{quiz}/assessment_meta.xml")
        etree.SubElement(settings, f"{{{CP_NS}}}file", href=f"{quiz}/assessment_meta.xml")
    return xml_bytes(root)


def _assessment_meta(meta: CourseMeta, version: Version, quiz: str) -> bytes:
    root = etree.Element(f"{{{CANVAS_NS}}}quiz", nsmap={None: CANVAS_NS, "xsi": XSI_NS}, identifier=quiz)
    root.set(f"{XSI}schemaLocation", f"{CANVAS_NS} {CANVAS_XSD}")
    points = f"{version.points:.1f}"

    def field(parent, tag: str, value: str = "") -> None:
        etree.SubElement(parent, f"{{{CANVAS_NS}}}{tag}").text = value

    field(root, "title", version.title)
    field(root, "description", _html(f"{meta.title}: {version.title}. {meta.description}".strip()))
    for tag, value in (("shuffle_answers", "true"), ("scoring_policy", "keep_highest"), ("hide_results", ""),
                       ("quiz_type", "assignment"), ("points_possible", points), ("show_correct_answers", "true"),
                       ("anonymous_submissions", "false"), ("could_be_locked", "false"), ("allowed_attempts", "1"),
                       ("one_question_at_a_time", "false"), ("cant_go_back", "false"), ("available", "false"),
                       ("one_time_results", "false"), ("only_visible_to_overrides", "false"),
                       ("module_locked", "false")):
        field(root, tag, value)
    assignment = etree.SubElement(root, f"{{{CANVAS_NS}}}assignment", identifier=ident(quiz, "assignment"))
    for tag, value in (("title", version.title), ("workflow_state", "unpublished"), ("quiz_identifierref", quiz),
                       ("points_possible", points), ("grading_type", "points"),
                       ("submission_types", "online_quiz")):
        field(assignment, tag, value)
    return xml_bytes(root)


# --- the questions ---------------------------------------------------------------------------


def _assessment(meta: CourseMeta, version: Version, quiz: str) -> bytes:
    root = etree.Element(f"{{{QTI_NS}}}questestinterop", nsmap={None: QTI_NS, "xsi": XSI_NS})
    root.set(f"{XSI}schemaLocation", f"{QTI_NS} {QTI_XSD}")
    assessment = etree.SubElement(root, f"{{{QTI_NS}}}assessment", ident=quiz, title=version.title)
    metadata = etree.SubElement(assessment, f"{{{QTI_NS}}}qtimetadata")
    _meta_field(metadata, "cc_maxattempts", "1")
    section = etree.SubElement(assessment, f"{{{QTI_NS}}}section", ident="root_section")
    for question, part in questions_with_bank(version):
        section.append(_item(meta, version, question, part))
    return xml_bytes(root)


def _q(tag: str) -> str:
    return f"{{{QTI_NS}}}{tag}"


def _item(meta: CourseMeta, version: Version, question: Question, part: Section) -> etree._Element:
    item = question.item
    kind = placement(question, part).kind
    item_id = ident(meta.slug, version.slug, item.id)
    title = texts().gettext("Question %(number)s", number=question.number)
    node = etree.Element(_q("item"), ident=item_id, title=title)
    build = _BUILDERS[(item.type, kind)]
    q = _Item(item_id, node)
    text = build(q, question, part)
    metadata = etree.Element(_q("itemmetadata"))
    fields = etree.SubElement(metadata, _q("qtimetadata"))
    _meta_field(fields, "question_type", kind)
    _meta_field(fields, "points_possible", f"{question.points:.1f}")
    _meta_field(fields, "original_answer_ids", ",".join(q.answer_ids))
    _meta_field(fields, "assessment_question_identifierref", ident(item_id, "question"))
    node.insert(0, metadata)
    presentation = node.find(_q("presentation"))
    presentation.insert(0, _material(text))
    general = general_feedback(item, explanation=item.type not in ("mcq", "tf"))  # options carry it
    if kind == "essay_question":
        general = marking_notes(question) + general
    if general:
        q.feedback("general_fb", general, always=True)
    q.finish()
    return node


class _Item:
    """The parts of one item under construction: presentation, response processing and feedback."""

    def __init__(self, item_id: str, node: etree._Element):
        self.item_id = item_id
        self.node = node
        self.presentation = etree.SubElement(node, _q("presentation"))
        self.resprocessing = etree.SubElement(node, _q("resprocessing"))
        outcomes = etree.SubElement(self.resprocessing, _q("outcomes"))
        etree.SubElement(outcomes, _q("decvar"), maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
        self.answer_ids: list[str] = []
        self.feedbacks: list[tuple[str, list[str]]] = []
        self.first_conditions: list[etree._Element] = []  # feedback shown whatever the answer: before the rest

    def answer_id(self, k: int) -> str:
        answer = f"{self.item_id}_a{k + 1}"
        self.answer_ids.append(answer)
        return answer

    def feedback(self, feedback_id: str, text: str | list[str], always: bool = False) -> None:
        """A feedback text, or paragraphs (each its own, so a model answer never runs into the explanation)."""
        self.feedbacks.append((feedback_id, [text] if isinstance(text, str) else text))
        if always:
            condition = etree.Element(_q("respcondition"), attrib={"continue": "Yes"})
            var = etree.SubElement(condition, _q("conditionvar"))
            etree.SubElement(var, _q("other"))
            etree.SubElement(condition, _q("displayfeedback"), feedbacktype="Response", linkrefid=feedback_id)
            self.first_conditions.append(condition)

    def condition(self, continue_: str = "No") -> tuple[etree._Element, etree._Element]:
        condition = etree.SubElement(self.resprocessing, _q("respcondition"), attrib={"continue": continue_})
        return condition, etree.SubElement(condition, _q("conditionvar"))

    def finish(self) -> None:
        for k, condition in enumerate(self.first_conditions):
            self.resprocessing.insert(1 + k, condition)
        for feedback_id, paragraphs in self.feedbacks:
            fb = etree.SubElement(self.node, _q("itemfeedback"), ident=feedback_id)
            flow = etree.SubElement(fb, _q("flow_mat"))
            flow.append(_material("".join(_html(text) for text in paragraphs)))


def _choice(q: _Item, question: Question, part: Section) -> str:
    item = question.item
    if item.type == "tf":
        options, correct = choice_labels(("True", "False")), question.correct
    else:
        options, correct = list(question.options), question.correct
    response = etree.SubElement(q.presentation, _q("response_lid"), ident="response1", rcardinality="Single")
    render = etree.SubElement(response, _q("render_choice"), shuffle="No" if keeps_order(question) else "Yes")
    ids = []
    for k, option in enumerate(options):
        answer = q.answer_id(k)
        ids.append(answer)
        label = etree.SubElement(render, _q("response_label"), ident=answer)
        label.append(_material(_html(option)))
    for k, option in enumerate(options):
        if k == correct:
            continue
        condition, var = q.condition("Yes")
        etree.SubElement(var, _q("varequal"), respident="response1").text = ids[k]
        etree.SubElement(condition, _q("displayfeedback"), feedbacktype="Response", linkrefid=f"{ids[k]}_fb")
        q.feedback(f"{ids[k]}_fb", wrong_option_feedback(item, option, options[correct]))
    condition, var = q.condition("No")
    etree.SubElement(var, _q("varequal"), respident="response1").text = ids[correct]
    etree.SubElement(condition, _q("setvar"), action="Set", varname="SCORE").text = "100"
    etree.SubElement(condition, _q("displayfeedback"), feedbacktype="Response", linkrefid="correct_fb")
    q.feedback("correct_fb", right_feedback(item))
    return _html(item.stem)


def _short(q: _Item, question: Question, part: Section) -> str:
    item = question.item
    _response_str(q)
    condition, var = q.condition("No")
    for k, answer in enumerate(accepted_answers(question)):
        q.answer_id(k)
        etree.SubElement(var, _q("varequal"), respident="response1").text = answer
    etree.SubElement(condition, _q("setvar"), action="Set", varname="SCORE").text = "100"
    if item.type == "cloze":
        prompt, before, after = cloze_parts(item)
        return _html(prompt) + _html(f"{before}_____{after}")
    return _html(item.stem)


def _essay(q: _Item, question: Question, part: Section) -> str:
    _response_str(q)
    _, var = q.condition("No")
    etree.SubElement(var, _q("other"))
    return _html(question.item.stem)


def _response_str(q: _Item) -> None:
    response = etree.SubElement(q.presentation, _q("response_str"), ident="response1", rcardinality="Single")
    fib = etree.SubElement(response, _q("render_fib"))
    etree.SubElement(fib, _q("response_label"), ident="answer1", rshuffle="No")


def _matching_pairs(q: _Item, pairs: list[tuple[str, int]], rights: list[str]) -> None:
    """One drop-down per left text, each offering every right text; points shared equally."""
    match_ids = [f"{q.item_id}_m{k + 1}" for k in range(len(rights))]
    share = f"{100 / len(pairs):.2f}"
    for k, (left, right) in enumerate(pairs):
        answer = q.answer_id(k)
        response = etree.SubElement(q.presentation, _q("response_lid"), ident=f"response_{answer}")
        response.append(_material(_html(left)))
        render = etree.SubElement(response, _q("render_choice"))
        for match_id, text in zip(match_ids, rights):
            label = etree.SubElement(render, _q("response_label"), ident=match_id)
            label.append(_material(text, html_text=False))
        condition, var = q.condition("Yes")
        etree.SubElement(var, _q("varequal"), respident=f"response_{answer}").text = match_ids[right]
        etree.SubElement(condition, _q("setvar"), varname="SCORE", action="Add").text = share


def _matching(q: _Item, question: Question, part: Section) -> str:
    pairs = list(zip(question.lefts, question.matches))
    _matching_pairs(q, pairs, list(question.rights))
    return _html(question.item.stem)


def _timeline(q: _Item, question: Question, part: Section) -> str:
    count = len(question.events)
    places = [ordinal(n, count) for n in range(1, count + 1)]
    _matching_pairs(q, [(event, rank - 1) for event, rank in zip(question.events, question.ranks)], places)
    return _html(question.item.stem)


def _dropdowns(q: _Item, blanks: list[tuple[str, list[str], int]]) -> None:
    """A drop-down per blank (its name, its choices, the right one); points shared equally."""
    share = f"{100 / len(blanks):.2f}"
    n = 0
    for blank, choices, right in blanks:
        response = etree.SubElement(q.presentation, _q("response_lid"), ident=f"response_{blank}")
        response.append(_material(blank, html_text=False))
        render = etree.SubElement(response, _q("render_choice"))
        ids = []
        for choice in choices:
            answer = q.answer_id(n)
            n += 1
            ids.append(answer)
            label = etree.SubElement(render, _q("response_label"), ident=answer)
            label.append(_material(choice, html_text=False))
        condition, var = q.condition("Yes")
        etree.SubElement(var, _q("varequal"), respident=f"response_{blank}").text = ids[right]
        etree.SubElement(condition, _q("setvar"), varname="SCORE", action="Add").text = share


def _bank(q: _Item, question: Question, part: Section) -> str:
    item = question.item
    words = list(part.word_bank)
    _dropdowns(q, [("blank", words, words.index(model_answer(item)))])
    prompt, before, after = cloze_parts(item)
    return _html(prompt) + f"<p>{_blank_safe(before)}[blank]{_blank_safe(after)}</p>"


def _fact_opinion(q: _Item, question: Question, part: Section) -> str:
    labels = [FACT_LABEL, OPINION_LABEL]
    blanks, text = [], [_html(question.item.stem)]
    for k, (statement, label) in enumerate(zip(question.statements, question.labels), 1):
        blanks.append((f"s{k}", choice_labels(labels), labels.index(label)))
        text.append(f"<p>{_blank_safe(statement)} [s{k}]</p>")
    _dropdowns(q, blanks)
    return "".join(text)


_BUILDERS = {
    ("mcq", "multiple_choice_question"): _choice,
    ("tf", "true_false_question"): _choice,
    ("cloze", "short_answer_question"): _short,
    ("cloze", "multiple_dropdowns_question"): _bank,
    ("recall", "short_answer_question"): _short,
    ("recall", "essay_question"): _essay,
    ("matching", "matching_question"): _matching,
    ("ordering", "matching_question"): _timeline,
    ("fact_opinion", "multiple_dropdowns_question"): _fact_opinion,
}


# --- small parts -----------------------------------------------------------------------------


def _html(text: str) -> str:
    return f"<p>{html.escape(text, quote=False)}</p>" if text else ""


def _blank_safe(text: str) -> str:
    """Escaped text around a drop-down; '[' as a character reference, so Canvas never reads a blank in it."""
    return html.escape(text, quote=False).replace("[", "&#91;")


def _material(text: str, html_text: bool = True) -> etree._Element:
    material = etree.Element(_q("material"))
    if html_text:
        etree.SubElement(material, _q("mattext"), texttype="text/html").text = f"<div>{text}</div>"
    else:
        etree.SubElement(material, _q("mattext"), texttype="text/plain").text = text
    return material


def _meta_field(parent, label: str, entry: str) -> None:
    field = etree.SubElement(parent, _q("qtimetadatafield"))
    etree.SubElement(field, _q("fieldlabel")).text = label
    etree.SubElement(field, _q("fieldentry")).text = entry
