"""A QTI 3.0 content package: one assessment test per sheet, one item file per question.

    imsmanifest.xml          every test and item, with the items each test depends on
    tests/<sheet>.xml        qti-assessment-test: the sheet's questions in the worksheet's order (version A)
    items/<item>.xml         qti-assessment-item: the question, its response processing, points and feedback

Every item scores itself (no response-processing template to fetch), its
SCORE out of MAXSCORE, the worksheet's points:

    multiple choice      qti-choice-interaction (shuffled by the player); full points for the key
    true or false        qti-choice-interaction, True and False in that order
    fill in the blank    qti-inline-choice-interaction (the part's word bank) where the worksheet prints
                         one; else qti-text-entry-interaction, every accepted answer mapped to full
                         points, case ignored
    short answer         qti-text-entry-interaction as above; qti-extended-text-interaction, scored by a
                         person, with the model answer and marking scheme in a rubric for scorers, when
                         a teacher marks it
    matching             qti-match-interaction (a table of choices): a point per pair
    timeline             qti-order-interaction: a point per event in its place
    fact or opinion      qti-match-interaction, each statement to Fact or Opinion: a point per statement

After an attempt, modal feedback gives the explanation and cites the source
paragraph with its quote; a wrong option of a choice gets its own. Built with
lxml; the zip's bytes depend on nothing but the questions.
"""
from __future__ import annotations

from lxml import etree

from ...itemtypes import FACT_LABEL, OPINION_LABEL
from ...model import Item
from ...plan import Question, Section, Version
from ..exports import (
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
    questions_with_bank,
    speaking,
    texts,
    unique_names,
    wrong_option_feedback,
    xml_bytes,
    xml_name,
    zip_bytes,
)

NS = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
XSD = "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd"
CP_NS = "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1"
CP_XSD = "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TOOL = "quizgen"
HUMAN_NOTE = ("short answer as extended text scored by a person", "short answers as extended text scored by a person")


def placement(question: Question, section: Section) -> Placement:
    """What a question becomes in QTI 3.0: every item type has its own interaction."""
    item = question.item
    kinds = {"mcq": "choice", "tf": "choice", "matching": "match", "ordering": "order", "fact_opinion": "match"}
    if item.type in kinds:
        return Placement(kinds[item.type])
    if item.type == "cloze":
        return Placement("inline choice") if section.word_bank else Placement("text entry")
    if item.type == "recall":
        if hand_marked(item):
            return Placement("extended text", note=HUMAN_NOTE)
        return Placement("text entry")
    raise ValueError(f"item '{item.id}' has type '{item.type}', which this QTI export cannot hold")


def render_qti3(meta: CourseMeta, versions: tuple[Version, ...]) -> bytes:
    """The package's zip: the manifest, the tests, then the items (an item on two sheets is written once)."""
    with speaking(meta.language):
        return _render_qti3(meta, versions)


def _render_qti3(meta: CourseMeta, versions: tuple[Version, ...]) -> bytes:
    names = unique_names([q.item.id for v in versions for q, _ in questions_with_bank(v)], prefix="item")
    tests: dict[str, bytes] = {}
    items: dict[str, bytes] = {}
    test_items: dict[str, list[str]] = {}
    sheet_names = unique_names([v.slug for v in versions], prefix="test")
    for version in versions:
        test = sheet_names[version.slug]
        refs = []
        for question, section in questions_with_bank(version):
            name = names[question.item.id]
            refs.append((name, question))
            path = f"items/{name}.xml"
            if path not in items:
                items[path] = item_xml(meta, question, section, name)
        tests[f"tests/{test}.xml"] = _test_xml(meta, version, test, refs)
        test_items[test] = [name for name, _ in refs]
    manifest = _manifest(meta, test_items, sorted({n for refs in test_items.values() for n in refs}))
    return zip_bytes({"imsmanifest.xml": manifest, **tests, **dict(sorted(items.items()))})


# --- the manifest and the tests --------------------------------------------------------------


def _manifest(meta: CourseMeta, test_items: dict[str, list[str]], item_names: list[str]) -> bytes:
    def cp(tag: str) -> str:
        return f"{{{CP_NS}}}{tag}"

    root = etree.Element(cp("manifest"), nsmap={None: CP_NS, "xsi": XSI_NS},
                         identifier=xml_name(f"{meta.slug}-qti3", "package"))
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{CP_NS} {CP_XSD}")
    metadata = etree.SubElement(root, cp("metadata"))
    etree.SubElement(metadata, cp("schema")).text = "QTI Package"
    etree.SubElement(metadata, cp("schemaversion")).text = "3.0.0"
    etree.SubElement(root, cp("organizations"))
    resources = etree.SubElement(root, cp("resources"))
    for test, names in test_items.items():
        resource = etree.SubElement(resources, cp("resource"), identifier=f"test-{test}", type="imsqti_test_xmlv3p0",
                                    href=f"tests/{test}.xml")
        etree.SubElement(resource, cp("file"), href=f"tests/{test}.xml")
        for name in dict.fromkeys(names):
            etree.SubElement(resource, cp("dependency"), identifierref=f"res-{name}")
    for name in item_names:
        resource = etree.SubElement(resources, cp("resource"), identifier=f"res-{name}", type="imsqti_item_xmlv3p0",
                                    href=f"items/{name}.xml")
        etree.SubElement(resource, cp("file"), href=f"items/{name}.xml")
    return xml_bytes(root)


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _root(tag: str, **attrib: str) -> etree._Element:
    root = etree.Element(_q(tag), nsmap={None: NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{NS} {XSD}")
    for key, value in attrib.items():
        root.set(key, value)
    return root


def _test_xml(meta: CourseMeta, version: Version, test: str, refs: list[tuple[str, Question]]) -> bytes:
    root = _root("qti-assessment-test", identifier=test, title=version.title, **{"tool-name": TOOL})
    _outcome(root, "SCORE", "float", 0)
    _outcome(root, "MAXSCORE", "float", sum(q.points for _, q in refs))
    part = etree.SubElement(root, _q("qti-test-part"), identifier="part-1", **{"navigation-mode": "nonlinear",
                                                                               "submission-mode": "simultaneous"})
    section = etree.SubElement(part, _q("qti-assessment-section"), identifier="section-1", title=version.title,
                               visible="true")
    for name, question in refs:
        ref = etree.SubElement(section, _q("qti-assessment-item-ref"), identifier=f"ref-{name}",
                               href=f"../items/{name}.xml")
        ref.set("category", question.item.type)
    processing = etree.SubElement(root, _q("qti-outcome-processing"))
    total = etree.SubElement(processing, _q("qti-set-outcome-value"), identifier="SCORE")
    etree.SubElement(etree.SubElement(total, _q("qti-sum")), _q("qti-test-variables"),
                     **{"variable-identifier": "SCORE"})
    return xml_bytes(root)


# --- items -----------------------------------------------------------------------------------


def item_xml(meta: CourseMeta, question: Question, section: Section, name: str) -> bytes:
    """One question as a qti-assessment-item."""
    item = question.item
    kind = placement(question, section).kind
    root = _root("qti-assessment-item", identifier=name, title=f"{question.number}. {_title(item)}",
                 adaptive="false", **{"time-dependent": "false", "tool-name": TOOL})
    root.set(XML_LANG, meta.language)
    build = _BUILDERS[(item.type, kind)]
    parts = _Parts(root)
    build(parts, question, section)
    parts.assemble(question, kind)
    return xml_bytes(root)


def _title(item: Item) -> str:
    stem = " ".join(item.stem.split())
    return stem if len(stem) <= 80 else stem[:80].rsplit(" ", 1)[0] + " …"


class _Parts:
    """An item's pieces, gathered in any order and put in the order QTI requires by `assemble`."""

    def __init__(self, root: etree._Element):
        self.root = root
        self.responses: list[etree._Element] = []
        self.body = etree.Element(_q("qti-item-body"))
        self.rubric: list[str] = []
        self.rules: list[etree._Element] = []  # response processing, after SCORE is set to 0
        self.feedback: list[tuple[str, list[str]]] = []  # (FEEDBACK value, paragraphs)
        self.human = False  # scored by a person

    def response(self, cardinality: str, base_type: str, correct: list[str]) -> etree._Element:
        declaration = etree.Element(_q("qti-response-declaration"), identifier="RESPONSE", cardinality=cardinality,
                                    **{"base-type": base_type})
        values = etree.SubElement(declaration, _q("qti-correct-response"))
        for value in correct:
            etree.SubElement(values, _q("qti-value")).text = value
        self.responses.append(declaration)
        return declaration

    def assemble(self, question: Question, kind: str) -> None:
        root = self.root
        for declaration in self.responses:
            root.append(declaration)
        score = _outcome(root, "SCORE", "float", 0)
        if self.human:
            score.set("external-scored", "human")
        _outcome(root, "MAXSCORE", "float", question.points)
        if self.feedback:
            _outcome(root, "FEEDBACK", "identifier", None)
        if self.rubric:
            block = etree.Element(_q("qti-rubric-block"), use="scoring", view="scorer")
            content = etree.SubElement(block, _q("qti-content-body"))
            for text in self.rubric:
                etree.SubElement(content, "p").text = text
            self.body.insert(0, block)
        root.append(self.body)
        if not self.human:
            processing = etree.SubElement(root, _q("qti-response-processing"))
            _set(processing, "SCORE", _base("float", "0"))
            for rule in self.rules:
                processing.append(rule)
        for value, paragraphs in self.feedback:
            modal = etree.SubElement(root, _q("qti-modal-feedback"), identifier=value, **{
                "outcome-identifier": "FEEDBACK", "show-hide": "show"})
            content = etree.SubElement(modal, _q("qti-content-body"))
            for text in paragraphs:
                etree.SubElement(content, "p").text = text


def _outcome(parent, identifier: str, base_type: str, default) -> etree._Element:
    declaration = etree.SubElement(parent, _q("qti-outcome-declaration"), identifier=identifier,
                                   cardinality="single", **{"base-type": base_type})
    if default is not None:
        value = etree.SubElement(etree.SubElement(declaration, _q("qti-default-value")), _q("qti-value"))
        value.text = str(default)
    return declaration


def _base(base_type: str, value: str) -> etree._Element:
    element = etree.Element(_q("qti-base-value"), **{"base-type": base_type})
    element.text = value
    return element


def _var(identifier: str) -> etree._Element:
    return etree.Element(_q("qti-variable"), identifier=identifier)


def _set(parent, identifier: str, expression: etree._Element) -> etree._Element:
    rule = etree.SubElement(parent, _q("qti-set-outcome-value"), identifier=identifier)
    rule.append(expression)
    return rule


def _if_else(condition: etree._Element, then: list[etree._Element], otherwise: list[etree._Element]):
    rule = etree.Element(_q("qti-response-condition"))
    branch = etree.SubElement(rule, _q("qti-response-if"))
    branch.append(condition)
    branch.extend(then)
    if otherwise:
        etree.SubElement(rule, _q("qti-response-else")).extend(otherwise)
    return rule


def _set_rule(identifier: str, expression: etree._Element) -> etree._Element:
    rule = etree.Element(_q("qti-set-outcome-value"), identifier=identifier)
    rule.append(expression)
    return rule


def _add_point() -> etree._Element:
    total = etree.Element(_q("qti-sum"))
    total.append(_var("SCORE"))
    total.append(_base("float", "1"))
    return _set_rule("SCORE", total)


def _matches_correct() -> etree._Element:
    match = etree.Element(_q("qti-match"))
    match.append(_var("RESPONSE"))
    etree.SubElement(match, _q("qti-correct"), identifier="RESPONSE")
    return match


def _right_or_wrong(parts: _Parts, item: Item, right_feedback: list[str], wrong_feedback: list[str]) -> None:
    """Full points for the correct response; FEEDBACK says right or wrong."""
    parts.rules.append(_if_else(_matches_correct(),
                                [_set_rule("SCORE", _var("MAXSCORE")),
                                 _set_rule("FEEDBACK", _base("identifier", "right"))],
                                [_set_rule("FEEDBACK", _base("identifier", "wrong"))]))
    parts.feedback += [("right", right_feedback), ("wrong", wrong_feedback)]


def _prompt(parent, text: str) -> None:
    etree.SubElement(parent, _q("qti-prompt")).text = text


def _choice(parts: _Parts, question: Question, section: Section) -> None:
    item = question.item
    tf = item.type == "tf"
    options = choice_labels(("True", "False")) if tf else list(question.options)
    ids = [f"choice-{k + 1}" for k in range(len(options))]
    parts.response("single", "identifier", [ids[question.correct]])
    interaction = etree.SubElement(parts.body, _q("qti-choice-interaction"), **{
        "response-identifier": "RESPONSE", "max-choices": "1", "shuffle": "false" if keeps_order(question) else "true"})
    _prompt(interaction, item.stem)
    for choice_id, option in zip(ids, options):
        etree.SubElement(interaction, _q("qti-simple-choice"), identifier=choice_id).text = option
    parts.rules.append(_if_else(_matches_correct(), [_set_rule("SCORE", _var("MAXSCORE"))], []))
    parts.rules.append(_set_rule("FEEDBACK", _var("RESPONSE")))  # each option its own feedback
    right = options[question.correct]
    for k, (choice_id, option) in enumerate(zip(ids, options)):
        if k == question.correct:
            parts.feedback.append((choice_id, [texts().gettext("Right.")] + general_feedback(item)))
        else:
            parts.feedback.append((choice_id, [wrong_option_feedback(item, option, right)]
                                   + general_feedback(item, explanation=False)))


def _text_entry(parts: _Parts, question: Question, section: Section) -> None:
    item = question.item
    answers = accepted_answers(question)
    declaration = parts.response("single", "string", [answers[0]])
    mapping = etree.SubElement(declaration, _q("qti-mapping"), **{"default-value": "0",
                                                                   "upper-bound": str(question.points)})
    for answer in answers:
        etree.SubElement(mapping, _q("qti-map-entry"), **{"map-key": answer, "mapped-value": str(question.points),
                                                          "case-sensitive": "false"})
    length = str(max(len(a) for a in answers) + 5)
    entry = etree.Element(_q("qti-text-entry-interaction"), **{"response-identifier": "RESPONSE",
                                                                "expected-length": length})
    if item.type == "cloze":
        prompt, before, after = cloze_parts(item)
        if prompt:
            etree.SubElement(parts.body, "p").text = prompt
        paragraph = etree.SubElement(parts.body, "p")
        paragraph.text = before
        paragraph.append(entry)
        entry.tail = after
    else:
        etree.SubElement(parts.body, "p").text = item.stem
        etree.SubElement(parts.body, "p").append(entry)
    mapped = etree.Element(_q("qti-map-response"), identifier="RESPONSE")
    parts.rules.append(_set_rule("SCORE", mapped))
    full = etree.Element(_q("qti-gte"))
    full.append(_var("SCORE"))
    full.append(_var("MAXSCORE"))
    parts.rules.append(_if_else(full, [_set_rule("FEEDBACK", _base("identifier", "right"))],
                                [_set_rule("FEEDBACK", _base("identifier", "wrong"))]))
    others = answers[1:]
    also = [texts().gettext("Also accepted: %(answers)s.", answers="; ".join(others))] if others else []
    wrong = texts().gettext('The answer is "%(answer)s".', answer=answers[0])
    parts.feedback += [("right", [texts().gettext("Right.")] + also + general_feedback(item)),
                       ("wrong", [wrong] + also + general_feedback(item))]


def _inline_choice(parts: _Parts, question: Question, section: Section) -> None:
    item = question.item
    words = list(section.word_bank)
    ids = [f"word-{k + 1}" for k in range(len(words))]
    answer = model_answer(item)
    parts.response("single", "identifier", [ids[words.index(answer)]])
    prompt, before, after = cloze_parts(item)
    if prompt:
        etree.SubElement(parts.body, "p").text = prompt
    paragraph = etree.SubElement(parts.body, "p")
    paragraph.text = before
    interaction = etree.SubElement(paragraph, _q("qti-inline-choice-interaction"), **{
        "response-identifier": "RESPONSE", "shuffle": "false"})
    for word_id, word in zip(ids, words):
        etree.SubElement(interaction, _q("qti-inline-choice"), identifier=word_id).text = word
    interaction.tail = after
    _right_or_wrong(parts, item, [texts().gettext("Right.")] + general_feedback(item),
                    [f'The answer is "{answer}".'] + general_feedback(item))


def _extended_text(parts: _Parts, question: Question, section: Section) -> None:
    item = question.item
    declaration = etree.Element(_q("qti-response-declaration"), identifier="RESPONSE", cardinality="single",
                                **{"base-type": "string"})
    parts.responses.append(declaration)
    parts.human = True
    parts.rubric = marking_notes(question)
    interaction = etree.SubElement(parts.body, _q("qti-extended-text-interaction"), **{
        "response-identifier": "RESPONSE", "expected-lines": "4"})
    _prompt(interaction, item.stem)


def _association(parts: _Parts, question: Question, lefts: list[str], rights: list[str],
                 matches: list[int], spare_rights: bool) -> None:
    """A table matching each left text to a right one; a point for each right pair."""
    item = question.item
    left_ids = [f"left-{k + 1}" for k in range(len(lefts))]
    right_ids = [f"right-{k + 1}" for k in range(len(rights))]
    pairs = [f"{left_ids[k]} {right_ids[m]}" for k, m in enumerate(matches)]
    declaration = parts.response("multiple", "directedPair", pairs)
    mapping = etree.SubElement(declaration, _q("qti-mapping"), **{"default-value": "0", "lower-bound": "0",
                                                                   "upper-bound": str(question.points)})
    for pair in pairs:
        etree.SubElement(mapping, _q("qti-map-entry"), **{"map-key": pair, "mapped-value": "1"})
    interaction = etree.SubElement(parts.body, _q("qti-match-interaction"), **{
        "response-identifier": "RESPONSE", "shuffle": "false", "max-associations": str(len(lefts)),
        "class": "qti-match-tabular"})
    _prompt(interaction, item.stem)
    left_set = etree.SubElement(interaction, _q("qti-simple-match-set"))
    for left_id, left in zip(left_ids, lefts):
        etree.SubElement(left_set, _q("qti-simple-associable-choice"), identifier=left_id,
                         **{"match-max": "1"}).text = left
    right_set = etree.SubElement(interaction, _q("qti-simple-match-set"))
    for right_id, right in zip(right_ids, rights):
        etree.SubElement(right_set, _q("qti-simple-associable-choice"), identifier=right_id,
                         **{"match-max": "1" if spare_rights else "0"}).text = right
    parts.rules.append(_set_rule("SCORE", etree.Element(_q("qti-map-response"), identifier="RESPONSE")))
    _feedback_by_score(parts, item, [f"{left}: {rights[m]}" for left, m in zip(lefts, matches)])


def _feedback_by_score(parts: _Parts, item: Item, key: list[str]) -> None:
    """FEEDBACK "right" at full points, else "partly" with the key."""
    full = etree.Element(_q("qti-gte"))
    full.append(_var("SCORE"))
    full.append(_var("MAXSCORE"))
    parts.rules.append(_if_else(full, [_set_rule("FEEDBACK", _base("identifier", "right"))],
                                [_set_rule("FEEDBACK", _base("identifier", "partly"))]))
    partly = texts().gettext("The answers: %(answers)s.", answers="; ".join(key))
    parts.feedback += [("right", [texts().gettext("Right.")] + general_feedback(item)),
                       ("partly", [partly] + general_feedback(item))]


def _matching(parts: _Parts, question: Question, section: Section) -> None:
    _association(parts, question, list(question.lefts), list(question.rights), list(question.matches), True)


def _fact_opinion(parts: _Parts, question: Question, section: Section) -> None:
    labels = [FACT_LABEL, OPINION_LABEL]
    _association(parts, question, list(question.statements), choice_labels(labels),
                 [labels.index(label) for label in question.labels], False)


def _order(parts: _Parts, question: Question, section: Section) -> None:
    item = question.item
    ids = [f"event-{rank}" for rank in question.ranks]  # named by their place in time; shown in this version's order
    correct = [f"event-{k + 1}" for k in range(len(question.events))]
    parts.response("ordered", "identifier", correct)
    interaction = etree.SubElement(parts.body, _q("qti-order-interaction"), **{
        "response-identifier": "RESPONSE", "shuffle": "false"})
    _prompt(interaction, item.stem)
    for event_id, event in zip(ids, question.events):
        etree.SubElement(interaction, _q("qti-simple-choice"), identifier=event_id).text = event
    for place, event_id in enumerate(correct, 1):  # a point for each event in its place
        at = etree.Element(_q("qti-index"), n=str(place))
        at.append(_var("RESPONSE"))
        match = etree.Element(_q("qti-match"))
        match.append(at)
        match.append(_base("identifier", event_id))
        parts.rules.append(_if_else(match, [_add_point()], []))
    events = [event for _, event in item.sequence]
    _feedback_by_score(parts, item, [f"{k}. {event}" for k, event in enumerate(events, 1)])


_BUILDERS = {
    ("mcq", "choice"): _choice,
    ("tf", "choice"): _choice,
    ("cloze", "text entry"): _text_entry,
    ("cloze", "inline choice"): _inline_choice,
    ("recall", "text entry"): _text_entry,
    ("recall", "extended text"): _extended_text,
    ("matching", "match"): _matching,
    ("ordering", "order"): _order,
    ("fact_opinion", "match"): _fact_opinion,
}
