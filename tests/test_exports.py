"""The exports to learning platforms and class games, read back by readers written from each format's
documentation (Moodle XML, Canvas's QTI 1.2), by the QTI 3.0 XSD, by openpyxl and by text2qti."""
from __future__ import annotations

import io
import re
import time
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from export_readers import EXPORT_TARGETS, Exported, accepted, html_text
from helpers import COURSES, REPO, copy_course, fact, run_cli, tiny_course
from quizgen.cards import deck_items
from quizgen.itemtypes import FACT_LABEL, OPINION_LABEL
from quizgen.options import in_order
from quizgen.targets import get_target

SHIPPED = REPO / "content"
SPECIAL = COURSES / "special-chars"
# Each course as it is; the special characters' also accepting romanised spellings, which every export
# accepts as the key does.
COURSES_READ = [(SHIPPED, {}), (SPECIAL, {}), (COURSES / "atom", {}), (SPECIAL, {"accept_romanised": True})]
SCHEMAS = Path(__file__).parent / "schemas" / "qti3"


@pytest.fixture(scope="module", params=COURSES_READ,
                ids=lambda p: p[0].name + "".join(f"-{k}" for k in p[1]))
def exported(request) -> Exported:
    course_dir, settings = request.param
    return Exported(course_dir, **settings)


@pytest.fixture(scope="module")
def shipped() -> Exported:
    return Exported(SHIPPED)


@pytest.fixture(scope="module")
def special() -> Exported:
    return Exported(SPECIAL)


# --- what each format holds, said once per target ---------------------------------------------


def test_check_says_what_each_format_holds():
    result = run_cli("check", SHIPPED)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "  Moodle XML: 31 of 31 questions; 3 short answers as essays marked by a teacher; 1 timeline as " \
           "ordering (Moodle 4.4, or its Ordering plugin)" in lines
    assert any(line.startswith("  GIFT: 31 of 31 questions;") and "points not carried" in line for line in lines)
    assert any(line.startswith("  Canvas QTI 1.2: 31 of 31 questions;") for line in lines)
    assert any(line.startswith("  QTI 3.0: 31 of 31 questions;") for line in lines)
    kahoot = next(line for line in lines if line.startswith("  Kahoot:"))
    assert re.match(r"  Kahoot: 6 of 31 questions; left out: 12 longer than 120 characters, 5 fill in the blank, "
                    r"3 short answers, 2 matching, 1 fact or opinion, 1 timeline, 1 with an answer longer than 75 "
                    r"characters;", kahoot), kahoot
    assert any(line.startswith("  Quizlet: 36 cards, one per note of the Anki deck that asks something without "
                               "options; 17 choice cards left out") for line in lines)


def test_only_builds_one_export(tmp_path):
    course = copy_course(COURSES / "mini", tmp_path / "course")
    result = run_cli("build", course, "-o", tmp_path / "out", "--only", "gift", "--only", "kahoot")
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")
                     if p.is_file() and ".quizgen" not in p.parts)
    assert written == ["gift/mini-steppe.gift", "kahoot/steppe.xlsx"]


def test_course_setting_chooses_the_exports(tmp_path):
    course = copy_course(COURSES / "mini", tmp_path / "course")
    yaml = course / "course.yaml"
    yaml.write_text(yaml.read_text().replace("settings:\n", "settings:\n  targets: [moodle, quizlet]\n"))
    result = run_cli("build", course, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "moodle" / "mini-steppe.xml").is_file()
    assert (tmp_path / "out" / "quizlet" / "steppe.txt").is_file()
    assert not (tmp_path / "out" / "worksheets").exists()


# --- Moodle XML --------------------------------------------------------------------------------

MOODLE_COMMON = ("name", "questiontext", "generalfeedback", "defaultgrade", "penalty", "hidden")
MOODLE_TYPES = {"mcq": {"multichoice"}, "tf": {"truefalse"}, "cloze": {"gapselect", "shortanswer"},
                "recall": {"shortanswer", "essay"}, "matching": {"matching"}, "ordering": {"ordering", "matching"},
                "fact_opinion": {"gapselect"}}


def _text(node, path: str) -> str:
    found = node.find(path)
    assert found is not None, f"missing {path} in {etree.tostring(node)[:200]!r}"
    return found.text or ""


def test_moodle_xml_holds_every_question(exported):
    root = etree.fromstring(exported.files("moodle")[f"moodle/{exported.course.slug}.xml"])
    assert root.tag == "quiz"
    questions = list(root.iter("question"))
    expected = list(exported.questions())
    categories = [q for q in questions if q.get("type") == "category"]
    assert [_text(c, "category/text") for c in categories] == [
        f"$course$/{exported.course.title.replace('/', '//')}/{v.title.replace('/', '//')}" for v in exported.versions]
    asked = [q for q in questions if q.get("type") != "category"]
    assert len(asked) == len(expected)
    for node, (_version, section, question) in zip(asked, expected):
        item = question.item
        for tag in MOODLE_COMMON:
            assert node.find(tag) is not None, (item.id, tag)
        assert node.find("questiontext").get("format") == "html"
        assert _text(node, "idnumber") == item.id
        assert float(_text(node, "defaultgrade")) == question.points, item.id
        kind = node.get("type")
        assert kind in MOODLE_TYPES[item.type], (item.id, kind)
        text = html_text(_text(node, "questiontext/text"))
        answers = node.findall("answer")
        if kind == "multichoice":
            assert text == item.stem
            ordered = in_order(question.options) is not None  # years or numbers: listed in order, as on paper
            assert _text(node, "single") == "true" and _text(node, "shuffleanswers") == ("0" if ordered else "true")
            assert [html_text(_text(a, "text")) for a in answers] == list(question.options)
            assert [a.get("fraction") for a in answers] == ["100" if k == question.correct else "0"
                                                           for k in range(len(question.options))]
            for k, answer in enumerate(answers):  # each wrong option its own feedback, naming it
                if k != question.correct:
                    assert question.options[k] in html_text(_text(answer, "feedback/text"))
        elif kind == "truefalse":
            assert text == item.stem
            truth = {_text(a, "text"): a.get("fraction") for a in answers}
            assert truth == ({"true": "100", "false": "0"} if question.correct == 0 else {"true": "0", "false": "100"})
        elif kind == "shortanswer":
            got = {_text(a, "text").replace("\\*", "*").casefold() for a in answers}
            assert got == accepted(question) and {a.get("fraction") for a in answers} == {"100"}
            assert _text(node, "usecase") == "0"
        elif kind == "essay":
            grader = html_text(_text(node, "graderinfo/text"))
            assert item.answer in grader and (not item.marking or item.marking in grader)
            assert text == item.stem
        elif kind == "gapselect":
            options = [_text(o, "text") for o in node.findall("selectoption")]
            assert {_text(o, "group") for o in node.findall("selectoption")} == {"1"}
            gaps = [int(n) for n in re.findall(r"\[\[(\d+)\]\]", _text(node, "questiontext/text"))]
            if item.type == "cloze":
                assert options == list(section.word_bank) and [options[g - 1] for g in gaps] == [item.cloze[1]]
            else:
                assert options == [FACT_LABEL, OPINION_LABEL]
                assert [options[g - 1] for g in gaps] == list(question.labels)
                for statement in question.statements:
                    assert statement in html_text(_text(node, "questiontext/text"))
        elif kind == "matching":
            subs = [(html_text(_text(s, "text")), _text(s, "answer/text")) for s in node.findall("subquestion")]
            if item.type == "matching":
                assert {p for p in subs if p[0]} == set(item.pairs)
                assert {a for q, a in subs if not q} == set(item.extras)
            else:
                assert len(subs) == len(item.sequence)
        elif kind == "ordering":
            assert [html_text(_text(a, "text")) for a in answers] == [event for _, event in item.sequence]
            assert _text(node, "gradingtype") == "ABSOLUTE_POSITION" and _text(node, "selecttype") == "ALL"
        if kind in ("multichoice", "truefalse", "shortanswer", "gapselect", "matching", "ordering"):
            assert item.citation is None or item.citation.short() in html_text(_text(node, "generalfeedback/text"))


def test_the_worksheets_and_every_export_share_one_planned_version_of_a_sheet(shipped):
    """A build holds one copy of each sheet's version A, whichever targets render or check it, and it is the
    version the planner makes of the sheet on its own."""
    from quizgen.build import plan_job
    from quizgen.plan import plan_version
    from quizgen.targets import get_target

    job = plan_job(shipped.course, shipped.items)
    worksheets = {task.args[0].slug: task.args[0] for task in get_target("pdf").tasks(job)
                  if task.args[0].letter == "A"}
    exported = [get_target(name).tasks(job)[0].args[1] for name in ("moodle", "gift", "canvas", "qti3")]
    kahoot = [task.args[0] for task in get_target("kahoot").tasks(job)]
    assert worksheets and kahoot
    for versions in exported:
        assert [v.slug for v in versions] == [sheet.slug for sheet in job.sheets]
        assert all(version is worksheets[version.slug] for version in versions)
    assert all(version is worksheets[version.slug] for version in kahoot)
    for sheet in job.sheets:
        assert job.version(sheet, "A") == plan_version(job.course, sheet, "A")
        assert job.version(sheet, "B") is job.version(sheet, "B") != job.version(sheet, "A")


def test_moodle_timeline_as_matching(shipped):
    course = replace(shipped.course, settings=shipped.course.settings.replace(moodle_timeline="matching"))
    from quizgen.build import plan_job
    from quizgen.targets import get_target

    data = get_target("moodle").render(plan_job(course, shipped.items)).files[
        f"moodle/{course.slug}.xml"]
    root = etree.fromstring(data)
    assert not root.findall(".//question[@type='ordering']")
    timeline = next(q for q in root.iter("question") if q.findtext("idnumber", "").endswith("timeline"))
    assert timeline.get("type") == "matching"
    places = [_text(s, "answer/text") for s in timeline.findall("subquestion")]
    assert sorted(places) == sorted(["1st (earliest)", "2nd", "3rd", "4th (latest)"])


# --- Canvas QTI 1.2 ----------------------------------------------------------------------------

QTI12 = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CANVAS = "{http://canvas.instructure.com/xsd/cccv1p0}"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
CANVAS_TYPES = {"mcq": {"multiple_choice_question"}, "tf": {"true_false_question"},
                "cloze": {"short_answer_question", "multiple_dropdowns_question"},
                "recall": {"short_answer_question", "essay_question"}, "matching": {"matching_question"},
                "ordering": {"matching_question"}, "fact_opinion": {"multiple_dropdowns_question"}}


def _canvas_items(exported) -> tuple[zipfile.ZipFile, list]:
    archive = zipfile.ZipFile(io.BytesIO(exported.files("canvas")[f"qti/{exported.course.slug}-canvas.zip"]))
    manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    quizzes = []
    for resource in manifest.iter(f"{CP}resource"):
        if resource.get("type") == "imsqti_xmlv1p2":
            href = resource.find(f"{CP}file").get("href")
            dependency = resource.find(f"{CP}dependency").get("identifierref")
            meta = next(r for r in manifest.iter(f"{CP}resource") if r.get("identifier") == dependency)
            quizzes.append((etree.fromstring(archive.read(href)), etree.fromstring(archive.read(meta.get("href")))))
    return archive, quizzes


def _meta_fields(item) -> dict[str, str]:
    return {f.findtext(f"{QTI12}fieldlabel"): f.findtext(f"{QTI12}fieldentry") or ""
            for f in item.iter(f"{QTI12}qtimetadatafield")}


def test_canvas_package_holds_what_canvas_imports(exported):
    archive, quizzes = _canvas_items(exported)
    assert "non_cc_assessments/" in archive.namelist()
    assert len(quizzes) == len(exported.versions)
    expected = list(exported.questions())
    items = []
    for (assessment, meta), version in zip(quizzes, exported.versions):
        assert assessment.tag == f"{QTI12}questestinterop"
        test = assessment.find(f"{QTI12}assessment")
        assert test.get("title") == version.title
        assert meta.tag == f"{CANVAS}quiz" and meta.findtext(f"{CANVAS}title") == version.title
        assert float(meta.findtext(f"{CANVAS}points_possible")) == version.points
        assert meta.findtext(f"{CANVAS}assignment/{CANVAS}quiz_identifierref") == test.get("ident")
        items += list(test.find(f"{QTI12}section").iter(f"{QTI12}item"))
    assert len(items) == len(expected)
    for node, (_version, _section, question) in zip(items, expected):
        item = question.item
        fields = _meta_fields(node)
        kind = fields["question_type"]
        assert kind in CANVAS_TYPES[item.type], (item.id, kind)
        assert float(fields["points_possible"]) == question.points
        presentation = node.find(f"{QTI12}presentation")
        text = html_text(presentation.find(f"{QTI12}material/{QTI12}mattext").text)
        responses = presentation.findall(f"{QTI12}response_lid") + presentation.findall(f"{QTI12}response_str")
        labels = {r.get("ident"): r for r in responses}
        # every condition refers to a response the presentation holds, and to one of its labels
        for equal in node.iter(f"{QTI12}varequal"):
            assert equal.get("respident") in labels
            response = labels[equal.get("respident")]
            if response.tag == f"{QTI12}response_lid":
                assert equal.text in {r.get("ident") for r in response.iter(f"{QTI12}response_label")}
        feedback_ids = {f.get("ident") for f in node.findall(f"{QTI12}itemfeedback")}
        assert {d.get("linkrefid") for d in node.iter(f"{QTI12}displayfeedback")} <= feedback_ids
        if kind in ("multiple_choice_question", "true_false_question"):
            assert text == item.stem
            options = [html_text(label.find(f".//{QTI12}mattext").text) for label in
                       responses[0].iter(f"{QTI12}response_label")]
            assert options == (list(question.options) if item.type == "mcq" else ["True", "False"])
            right = [c for c in node.iter(f"{QTI12}respcondition") if c.find(f"{QTI12}setvar") is not None]
            assert len(right) == 1 and right[0].findtext(f"{QTI12}setvar") == "100"
            key = right[0].findtext(f".//{QTI12}varequal")
            assert [label.get("ident") for label in responses[0].iter(f"{QTI12}response_label")].index(key) \
                == question.correct
        elif kind == "short_answer_question":
            answers = {e.text.casefold() for e in node.iter(f"{QTI12}varequal")}
            assert answers == accepted(question)
        elif kind == "matching_question":
            score = sum(float(s.text) for s in node.iter(f"{QTI12}setvar") if s.get("action") == "Add")
            assert score == pytest.approx(100, abs=0.1)
        elif kind == "multiple_dropdowns_question":
            raw = presentation.find(f"{QTI12}material/{QTI12}mattext").text
            for response in responses:
                assert f"[{response.get('ident').removeprefix('response_')}]" in raw


def test_canvas_items_have_the_shape_text2qti_gives(shipped, tmp_path):
    """text2qti, the tool Canvas users write quizzes with, makes the same questions; ours have its shape."""
    from text2qti.config import Config
    from text2qti.qti import QTI
    from text2qti.quiz import Quiz

    chosen = {}
    for _version, _section, question in shipped.questions():
        chosen.setdefault(question.item.type, question)
    mcq, tf = chosen["mcq"], chosen["tf"]
    source = "Quiz title: Shape\n\n"
    source += "1.  Which?\n" + "".join(f"{'*' if k == mcq.correct else ''}{chr(97 + k)})  Option {k}\n"
                                       for k in range(len(mcq.options))) + "\n"
    source += "2.  True?\n" + ("*a)  True\nb)  False\n" if tf.correct == 0 else "a)  True\n*b)  False\n")
    config = Config()
    config.load()
    theirs = zipfile.ZipFile(io.BytesIO(QTI(Quiz(source, config=config)).zip_bytes()))
    their_items = {_meta_fields(i)["question_type"]: i for name in theirs.namelist() if name.endswith(".xml")
                   and "assessment_meta" not in name and name != "imsmanifest.xml"
                   for i in etree.fromstring(theirs.read(name)).iter(f"{QTI12}item")}
    archive, quizzes = _canvas_items(shipped)
    ours = {}
    for assessment, _ in quizzes:
        for item in assessment.iter(f"{QTI12}item"):
            ours.setdefault(_meta_fields(item)["question_type"], item)

    def shape(item) -> set[str]:
        paths = set()
        for element in item.iter():
            if element.tag is etree.Comment:
                continue
            path = "/".join(etree.QName(e).localname for e in reversed(list(element.iterancestors()))
                            if etree.QName(e).localname not in ("questestinterop", "assessment", "section"))
            paths.add(f"{path}/{etree.QName(element).localname}")
        return paths

    for kind in ("multiple_choice_question", "true_false_question"):
        assert shape(their_items[kind]) <= shape(ours[kind]) | {"item/itemfeedback/flow_mat/material/mattext"}, kind
        assert set(_meta_fields(their_items[kind])) == set(_meta_fields(ours[kind]))
    names = set(theirs.namelist())
    assert "imsmanifest.xml" in names and any(n.endswith("/assessment_meta.xml") for n in names)
    assert {n.split("/")[0] for n in names if "/" in n} - {"non_cc_assessments"}  # a folder per quiz, as ours


# --- QTI 3.0 -----------------------------------------------------------------------------------


class _LocalSchemas(etree.Resolver):
    """The schemas' one reference out of the folder (the XLink schema) points at its copy inside."""

    def resolve(self, url, pubid, context):
        if url.endswith("xlink.xsd"):
            return self.resolve_filename(str(SCHEMAS / "w3" / "xlink.xsd"), context)
        return None


@pytest.fixture(scope="module")
def qti3_schemas():
    parser = etree.XMLParser()
    parser.resolvers.add(_LocalSchemas())

    def schema(path: Path) -> etree.XMLSchema:
        return etree.XMLSchema(etree.parse(str(path), parser))

    return (schema(SCHEMAS / "qtiv3p0" / "imsqti_asiv3p0_sbacv1p0_v1p0.xsd"),
            schema(SCHEMAS / "qtiv3p0" / "imsqtiv3p0_imscpv1p2_v1p0.xsd"))


def test_qti3_package_validates_against_the_qti3_schemas(exported, qti3_schemas):
    asi, package = qti3_schemas
    archive = zipfile.ZipFile(io.BytesIO(exported.files("qti3")[f"qti/{exported.course.slug}-qti3.zip"]))
    names = archive.namelist()
    manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    assert package.validate(manifest), package.error_log
    ns = "{http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1}"
    hrefs = {f.get("href") for f in manifest.iter(f"{ns}file")}
    assert hrefs == set(names) - {"imsmanifest.xml"}
    tests = [n for n in names if n.startswith("tests/")]
    assert len(tests) == len(exported.versions)
    for name in names:
        if name != "imsmanifest.xml":
            assert asi.validate(etree.fromstring(archive.read(name))), (name, asi.error_log)
    refs = sum(len(etree.fromstring(archive.read(t)).findall(".//{*}qti-assessment-item-ref")) for t in tests)
    assert refs == len(list(exported.questions()))


def test_every_lms_lists_years_in_the_order_the_sheet_prints_them():
    """Moodle, QTI 3 and Canvas shuffle a choice question's options unless told not to; a question whose options
    are years keeps them in order there too, and only there: other choice questions stay shuffled."""
    shipped = Exported(COURSES / "atom")
    asked = {q.item.id: in_order(q.options) is not None for _, _, q in shipped.questions() if q.item.type == "mcq"}
    assert any(asked.values()) and not all(asked.values())
    moodle = etree.fromstring(shipped.files("moodle")[f"moodle/{shipped.course.slug}.xml"])
    got = {_text(q, "idnumber"): _text(q, "shuffleanswers") for q in moodle.iter("question")
           if q.get("type") == "multichoice"}
    assert got == {i: "0" if ordered else "true" for i, ordered in asked.items()}
    archive = zipfile.ZipFile(io.BytesIO(shipped.files("qti3")[f"qti/{shipped.course.slug}-qti3.zip"]))
    shuffles = {}
    for name in archive.namelist():
        if name.startswith("items/"):
            for interaction in etree.fromstring(archive.read(name)).iter("{*}qti-choice-interaction"):
                shuffles[interaction.getparent().getparent().get("identifier")] = interaction.get("shuffle")
    assert sorted(shuffles.values()).count("false") >= sum(asked.values())
    _, quizzes = _canvas_items(shipped)
    canvas = [r.get("shuffle") for quiz, _ in quizzes for r in quiz.iter(f"{QTI12}render_choice")]
    assert "No" in canvas and "Yes" in canvas


def test_qti3_schema_refuses_a_broken_item(shipped, qti3_schemas):
    """The validation can fail: an item without its required time-dependent attribute is refused."""
    asi, _ = qti3_schemas
    archive = zipfile.ZipFile(io.BytesIO(shipped.files("qti3")[f"qti/{shipped.course.slug}-qti3.zip"]))
    item = etree.fromstring(archive.read(next(n for n in archive.namelist() if n.startswith("items/"))))
    del item.attrib["time-dependent"]
    assert not asi.validate(item)


# --- Kahoot ------------------------------------------------------------------------------------


def test_kahoot_sheets_keep_kahoots_limits(exported):
    import openpyxl

    files = exported.files("kahoot")
    for version in exported.versions:
        path = f"kahoot/{version.slug}.xlsx"
        fitting = [q for q in (q for s in version.sections for q in s.questions) if q.item.type in ("mcq", "tf")
                   and len(q.item.stem) <= 120 and all(len(o) <= 75 for o in q.options) and len(q.options) <= 4]
        if not fitting:
            assert path not in files
            continue
        sheet = openpyxl.load_workbook(io.BytesIO(files[path])).active
        assert [c.value for c in sheet[8]][1:8] == [
            "Question - max 120 characters", "Answer 1 - max 75 characters", "Answer 2 - max 75 characters",
            "Answer 3 - max 75 characters", "Answer 4 - max 75 characters",
            "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs", "Correct answer(s) - choose at least one"]
        rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=9) if row[1].value is not None]
        assert len(rows) == len(fitting)
        for row, question in zip(rows, fitting):
            number, text, *answers, seconds, correct = row[:8]
            answers = [a for a in answers if a is not None]
            assert text == question.item.stem and len(text) <= 120
            assert 2 <= len(answers) <= 4 and all(len(a) <= 75 for a in answers)
            assert answers == (list(question.options) if question.item.type == "mcq" else ["True", "False"])
            assert seconds in (5, 10, 20, 30, 60, 90, 120, 240)
            assert int(correct) - 1 == question.correct


# --- Quizlet -----------------------------------------------------------------------------------


def test_quizlet_cards_are_the_decks_notes(exported):
    from quizgen.targets.quizlet.cards import carried

    files = exported.files("quizlet")
    every_note = deck_items(exported.items)
    notes = [n for n in every_note if carried(n)]
    # a choice between two statements, or a blank where the options go, asks nothing without its options
    assert all(n.type == "mcq" and (len(n.options) == 2 or "_____" in n.stem)
               for n in every_note if n not in notes)
    lines = [line for path in sorted(files) for line in files[path].decode("utf-8").splitlines()]
    assert len(lines) == len(notes)
    assert set(files) == {f"quizlet/{u}.txt" for u in {n.unit for n in notes}}
    by_unit = {}
    for note in notes:
        by_unit.setdefault(note.unit, []).append(note)
    for unit, unit_notes in by_unit.items():
        for line, note in zip(files[f"quizlet/{unit}.txt"].decode("utf-8").splitlines(), unit_notes):
            term, definition = line.split("\t")
            answer = note.cloze[1] if note.type == "cloze" else note.options[note.correct] if note.type == "mcq" \
                else note.answer
            assert definition == " ".join(answer.split())
            assert term and "\t" not in term
            # Quizlet shows none of the options: a choice question is asked in the words of a written one
            assert "of these" not in term.lower(), term
            if note.type == "mcq" and note.written_stem:
                assert term == note.written_stem and term != note.stem


def test_a_quizlet_card_asks_a_choice_question_in_the_words_of_a_written_one(tmp_path):
    from quizgen.build import check
    from quizgen.targets.quizlet.cards import card

    people = "".join(fact(f"p{k}", "person", name=name, role=role) for k, (name, role) in enumerate((
        ("Ada Brill", "a weaver who ran the first power loom in the valley"),
        ("Tom Gale", "a weaver who organised the strike of 1842"),
        ("Ruth Penn", "a weaver who taught at the mill school"),
        ("Sam Hollis", "a weaver who kept the union's books"))))
    items = check(tiny_course(tmp_path / "c", people)).items
    asked = [i for i in items if i.type == "mcq" and i.stem.startswith("Which of these people")]
    assert asked
    for item in asked:
        term, _ = card(item)
        assert term.startswith("Who, according to the article, was a weaver who "), term


# --- special characters, read back exactly ---------------------------------------------------


def test_special_characters_come_back_exactly(special):
    """~ = # { } : < > & " and Cyrillic in every field: each reader returns the items' own text."""
    stems = {q.item.stem for _, _, q in special.questions()}
    assert any(set('~=#{}:<>&"') <= set("".join(stems)) for _ in [0])
    assert any(re.search("[А-я]", s) for s in stems)
    # Moodle XML
    moodle = etree.fromstring(special.files("moodle")["moodle/special-chars.xml"])
    texts = {html_text(q.findtext("questiontext/text")) for q in moodle.iter("question")
             if q.get("type") in ("multichoice", "truefalse", "essay", "matching", "ordering")}
    assert {q.item.stem for _, _, q in special.questions() if q.item.type in ("mcq", "tf", "matching", "ordering")} \
        <= texts
    options = {html_text(a.findtext("text")) for q in moodle.iter("question") if q.get("type") == "multichoice"
               for a in q.findall("answer")}
    assert {o for _, _, q in special.questions() if q.item.type == "mcq" for o in q.options} == options
    # Canvas
    _, quizzes = _canvas_items(special)
    mattexts = {html_text(m.text) for assessment, _ in quizzes for m in assessment.iter(f"{QTI12}mattext")}
    assert stems - {q.item.stem for _, _, q in special.questions() if q.item.type in ("cloze", "fact_opinion")} \
        <= mattexts
    assert {o for _, _, q in special.questions() if q.item.type == "mcq" for o in q.options} <= mattexts
    # QTI 3.0: the XML text itself
    archive = zipfile.ZipFile(io.BytesIO(special.files("qti3")["qti/special-chars-qti3.zip"]))
    qti_texts = {"".join(e.itertext()) for n in archive.namelist() if n.startswith("items/")
                 for e in etree.fromstring(archive.read(n)).iter("{*}qti-prompt", "{*}qti-simple-choice",
                                                                 "{*}qti-simple-associable-choice")}
    assert {q.item.stem for _, _, q in special.questions() if q.item.type in ("mcq", "tf", "matching")} <= qti_texts
    assert {o for _, _, q in special.questions() if q.item.type == "mcq" for o in q.options} <= qti_texts
    # Kahoot
    import openpyxl

    # (each sheet that asks a multiple-choice or true/false question has a quiz: the unit's, or the exam's)
    cells = {c.value for data in special.files("kahoot").values()
             for row in openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(min_row=9) for c in row
             if isinstance(c.value, str)}
    kahoot_stems = {q.item.stem for v, _, q in special.questions() if q.item.type in ("mcq", "tf")
                    and len(q.item.stem) <= 120}
    assert kahoot_stems and kahoot_stems <= cells
    assert any(set("<#") <= set(s) for s in kahoot_stems) and any('"' in s for s in kahoot_stems), kahoot_stems
    # (the sheets ask the Cyrillic names in written questions, which Kahoot leaves out: the other exports carry them)
    assert any(re.search("[А-я]", q.item.stem) and "~" in q.item.stem for _, _, q in special.questions())
    # Quizlet
    lines = special.files("quizlet")["quizlet/signs.txt"].decode("utf-8").splitlines()
    assert {tuple(line.split("\t"))[1] for line in lines} >= {"Анна \"Ann\" Смирнова ~ Jr.", "Union {Знак} & Co:"}


# --- the same bytes every time, and only what changed --------------------------------------------


def test_exports_are_byte_for_byte_reproducible(shipped):
    first = {t: Exported(SHIPPED).files(t) for t in EXPORT_TARGETS}
    time.sleep(1.1)  # a clock stamped anywhere would now differ
    second = {t: Exported(SHIPPED).files(t) for t in EXPORT_TARGETS}
    assert first == second
    for target in ("canvas", "qti3", "kahoot"):
        for data in first[target].values():
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    core = zipfile.ZipFile(io.BytesIO(first["kahoot"]["kahoot/kazakhstan-drift.xlsx"])).read("docProps/core.xml")
    assert b"2000-01-01T00:00:00Z" in core and str(time.gmtime().tm_year).encode() not in core


def test_rebuild_reuses_unchanged_exports(tmp_path):
    from quizgen.build import build

    course = copy_course(COURSES / "mini", tmp_path / "course")
    only = {"targets": list(EXPORT_TARGETS)}
    first = build(course, tmp_path / "out", settings=only, now=1_700_000_000)
    assert not first.reused
    again = build(course, tmp_path / "out", settings=only, now=1_700_000_000, force=False)
    assert again.up_to_date
    facts = course / "steppe" / "facts.yaml"
    facts.write_text(facts.read_text().replace("role: editor of RT\n", "role: chief editor of RT\n"))
    third = build(course, tmp_path / "out", settings=only, now=1_700_000_000)
    written = {p.relative_to(tmp_path / "out").as_posix() for p in third.written}
    assert "moodle/mini-steppe.xml" in written
    assert "chief editor of RT" in (tmp_path / "out" / "moodle" / "mini-steppe.xml").read_text()


# --- one answer model: people's names, read back from every export ---------------------------------

NAMED = [  # (name, role, every form each export and the web quiz must accept, case folded)
    ("Captain Ferrow", "the harbour master who charted the eastern reef", {"captain ferrow", "ferrow"}),
    # a surname no one else of the course bears is right alone
    ("Marriot Wynne", "the engineer who drained the salt marsh", {"marriot wynne", "marriot-wynne", "wynne"}),
    ("Dr. Isolde Brack-Haver", "the botanist who catalogued the dune grasses",
     {"dr. isolde brack-haver", "isolde brack-haver", "dr. isolde brack haver", "dr isolde brack-haver",
      "isolde brack haver", "brack-haver", "brack haver"}),
]


@pytest.mark.parametrize("name, role, forms", NAMED, ids=[n for n, _, _ in NAMED])
def test_a_name_is_accepted_without_its_title_and_with_a_hyphen_or_a_space(tmp_path, name, role, forms):
    """Every export accepts the same forms of a written name: without a title or honorific (the surname when the
    rest is one word), and a double name with a hyphen or a space. Each is read back by its own reader."""
    from quizgen.answers import answers_for
    from web_helpers import page_data

    exported = Exported(tiny_course(tmp_path / "c", fact("p", "person", name=name, role=role)))
    [(_, _, question)] = [q for q in exported.questions() if q[2].item.type == "recall"]
    answers = answers_for(question.item, exported.course)
    assert {a.casefold() for a in answers.accepted} == forms
    assert all(answers.accepts(f.upper()) for f in forms) and not answers.accepts("Captain")
    moodle = etree.fromstring(exported.files("moodle")["moodle/tiny.xml"])
    [short] = [q for q in moodle.iter("question") if q.get("type") == "shortanswer"]
    assert {_text(a, "text").casefold() for a in short.findall("answer")} == forms
    _, [(assessment, _)] = _canvas_items(exported)
    assert {e.text.casefold() for e in assessment.iter(f"{QTI12}varequal")} == forms
    archive = zipfile.ZipFile(io.BytesIO(exported.files("qti3")["qti/tiny-qti3.zip"]))
    entries = {e.get("map-key").casefold() for n in archive.namelist() if n.startswith("items/")
               for e in etree.fromstring(archive.read(n)).iter("{*}qti-map-entry")}
    assert entries == forms
    gift = exported.files("gift")["gift/tiny.gift"].decode("utf-8")
    braces = re.search(r"\{(=[^#}]*)", gift).group(1)
    assert {a.strip().replace("\\", "").casefold() for a in braces.split("=") if a.strip()} == forms
    web = page_data(get_target("web").render(exported.job).files["web/unit.html"])
    [asked] = [i for i in web["items"] if i["type"] == "recall"]
    assert {a.casefold() for a in asked["accepted"]} == forms


def test_a_title_that_is_an_office_stays_part_of_the_answer():
    from quizgen.answers import name_spellings, untitled_name

    assert untitled_name("Queen Adela") == "" and untitled_name("President Okoro") == ""
    assert untitled_name("Sister Maren Holt") == "Maren Holt" and untitled_name("Major Tull") == "Tull"
    assert untitled_name("the harbour master Ferrow") == "" and untitled_name("Mr. the reef") == ""
    assert name_spellings("eleven-fold", person=False) == []


# --- feedback that reads as sentences --------------------------------------------------------------


def test_feedback_keeps_the_model_answer_apart_from_the_explanation(tmp_path):
    """Canvas shows each feedback text as its own paragraph, GIFT ends each with a full stop: the model answer
    of a short answer marked by a teacher never runs into the explanation after it."""
    from lxml import html as lxml_html

    course = tiny_course(tmp_path / "c", fact(
        "weir", "cause_effect", cause="the river silting up behind the new weir below the village",
        effect="the mill wheel turning too slowly to grind any of the barley brought by the farmers of the parish",
        explanation="Silt raised the water below the wheel until it could barely turn"))
    exported = Exported(course)
    _, [(assessment, _)] = _canvas_items(exported)
    [general] = [f for f in assessment.iter(f"{QTI12}itemfeedback") if f.get("ident") == "general_fb"]
    shown = lxml_html.fromstring(general.findtext(f".//{QTI12}mattext"))
    paragraphs = [p.text_content() for p in shown.iter("p")]
    assert paragraphs[0] == "Model answer: the river silting up behind the new weir below the village"
    assert paragraphs[1] == "Silt raised the water below the wheel until it could barely turn"
    gift = exported.files("gift")["gift/tiny.gift"].decode("utf-8")
    assert "barely turn. Source" in gift
    assert gift.rstrip().endswith("Model answer\\: the river silting up behind the new weir below the village.}")
