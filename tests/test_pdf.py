"""Printable worksheets: content per version, keys, layout, fonts, escaping, reproducibility."""
from __future__ import annotations

import collections
import dataclasses
import hashlib
import io
import json
import math
import os
import re
import subprocess
import sys

import pdfplumber
import pypdf
import pytest

from helpers import MINI, REPO, load, norm, pdf_text, render_pdfs
from quizgen import plan as planning
from quizgen.model import LETTERS, Citation, Item
from quizgen.options import in_order
from quizgen.plan import Sheet, plan_version
from quizgen.targets.pdf import missing_glyphs
from quizgen.targets.pdf.document import MARGIN_X
from quizgen.targets.pdf.layout import BLANK

UNIT = "steppe"


@pytest.fixture(scope="module")
def course_and_items():
    return load(MINI)


@pytest.fixture(scope="module")
def course(course_and_items):
    return course_and_items[0]


@pytest.fixture(scope="module")
def items(course_and_items):
    return course_and_items[1]


@pytest.fixture(scope="module")
def files(course, items):
    return render_pdfs(course, items, versions=2, paper="a4", exam=6)


def text_of(data: bytes) -> str:
    return pdf_text(data)


def sheet_items(course, items):
    return planning.select_sheet_items(course, [i for i in items if i.unit == UNIT], UNIT)


def version_of(course, items, slug: str, title: str, letter: str):
    return plan_version(course, Sheet(slug, title, tuple(items)), letter)


def plan(course, items, letter: str):
    unit = next(u for u in course.units if u.slug == UNIT)
    return version_of(course, sheet_items(course, items), UNIT, unit.title, letter)


def printed_stem(item: Item) -> str:
    return item.stem.replace("_____", BLANK, 1) if item.type == "cloze" else item.stem


def make_item(n: int, itype: str = "recall", stem: str = "", answer: str = "answer", **kw) -> Item:
    defaults = dict(
        id=f"fact-{n}/{itype}", type=itype, course="mini-steppe", unit=UNIT, fact_ids=(f"fact-{n}",),
        template=f"test/{itype}", stem=stem or f"Question number {n}?", answer=answer,
        citation=Citation("Test article", 1, "a quote"), order=n,
    )
    defaults.update(kw)
    return Item(**defaults)


def mcq(n: int, options=("alpha", "beta", "gamma", "delta"), correct: int = 0, stem: str = "") -> Item:
    return make_item(n, "mcq", stem or f"Multiple choice question {n}?", options[correct],
                     options=tuple(options), correct=correct)


# --- files and content ------------------------------------------------------------------


def test_files_per_unit_version_and_exam(files):
    assert sorted(files) == sorted([
        "worksheets/steppe-A.pdf", "worksheets/steppe-A-key.pdf",
        "worksheets/steppe-B.pdf", "worksheets/steppe-B-key.pdf",
        "worksheets/mini-steppe-exam-A.pdf", "worksheets/mini-steppe-exam-A-key.pdf",
        "worksheets/mini-steppe-exam-B.pdf", "worksheets/mini-steppe-exam-B-key.pdf",
    ])
    assert all(data.startswith(b"%PDF-") for data in files.values())


def test_every_sheet_and_key_credits_its_source_in_small_type_on_its_last_page(tmp_path):
    import shutil
    course_dir = tmp_path / "mini"
    shutil.copytree(MINI, course_dir)
    source = course_dir / UNIT / "source.md"
    licence = "Adapted from a field report by R. Ostrova, under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)."
    source.write_text(source.read_text(encoding="utf-8").replace(
        "publisher: quizgen tests", f"publisher: quizgen tests\nurl: https://example.org/steppe\n"
                                    f"attribution: \"{licence}\""), encoding="utf-8")
    course, items = load(course_dir)
    files = render_pdfs(course, items, versions=1, paper="a4", exam=6)
    credit = ("Source: A small test text about the steppe, quizgen tests, 2024-05, https://example.org/steppe. "
              + licence)
    for path in ("steppe-A.pdf", "steppe-A-key.pdf", "mini-steppe-exam-A.pdf", "mini-steppe-exam-A-key.pdf"):
        pages = pdfplumber.open(io.BytesIO(files[f"worksheets/{path}"])).pages
        last = norm(pages[-1].extract_text())
        assert norm(credit) in last, path
        assert not any(licence[:30] in norm(p.extract_text()) for p in pages[:-1]), path  # once, at the end
        sizes = {round(w["size"]) for w in pages[-1].extract_words(extra_attrs=["size"]) if "Ostrova" in w["text"]}
        assert sizes == {7}, path  # small type


def test_unit_sheet_asks_every_fact_once(course, items):
    chosen = sheet_items(course, items)
    asked = [f for i in chosen for f in i.fact_ids]
    assert len(asked) == len(set(asked)), "a fact asked twice lets one question give another away"
    unit_facts = {f.id for f in course.units[0].facts}
    assert set(asked) == unit_facts
    assert {i.type for i in chosen} >= {"matching", "ordering"}
    assert len({i.type for i in chosen if len(i.fact_ids) == 1}) >= 3  # the parts stay varied
    assert chosen == sheet_items(course, items)


def test_no_exam_without_exam_count(course, items):
    out = render_pdfs(course, items, versions=1, paper="a4", exam=0)
    assert sorted(out) == ["worksheets/steppe-A-key.pdf", "worksheets/steppe-A.pdf"]


@pytest.mark.parametrize("letter", ["A", "B"])
def test_every_question_printed_in_version_order(course, items, files, letter):
    ws = plan(course, items, letter)
    assert sorted(q.item.id for q in ws.questions) == sorted(i.id for i in sheet_items(course, items))
    text = text_of(files[f"worksheets/steppe-{letter}.pdf"])
    assert f"Version {letter}" in text
    pos = 0
    for q in ws.questions:
        found = text.find(f"{q.number}. {norm(printed_stem(q.item))}", pos)
        assert found >= 0, f"question {q.number} ({q.item.id}) missing or out of order"
        pos = found
        for k, option in enumerate(q.options if q.item.type == "mcq" else ()):
            found = text.find(f"{LETTERS[k]} {norm(option)}", pos)
            assert found >= 0, f"option {LETTERS[k]} of question {q.number} missing or out of order"
            pos = found
        for left in q.lefts:
            assert norm(left).split()[0] in text[pos:]
        for event in q.events:
            assert norm(event) in text


def _segments(text: str, ws) -> dict[int, str]:
    """The printed text of each question, from its number to the next question's number."""
    out, starts = {}, []
    pos = 0
    for q in ws.questions:
        pos = text.find(f"{q.number}. {norm(printed_stem(q.item))}", pos)
        starts.append(pos)
    starts.append(len(text))
    for k, q in enumerate(ws.questions):
        out[q.number] = text[starts[k]:starts[k + 1]]
    return out


@pytest.mark.parametrize("letter", ["A", "B"])
def test_key_matches_the_versions_shuffle(course, items, files, letter):
    ws = plan(course, items, letter)
    student = _segments(text_of(files[f"worksheets/steppe-{letter}.pdf"]), ws)
    key = text_of(files[f"worksheets/steppe-{letter}-key.pdf"])
    glance = key[key.index("Answers at a glance"):key.index("Part 1")]
    assert f"Version {letter}" in key
    for q in ws.questions:
        item = q.item
        if item.type == "mcq":
            # the letter the student sees next to the right answer ...
            seen = re.search(r"\b([A-D]) " + re.escape(norm(item.answer)) + r"(?= [A-D] |\s|$)", student[q.number])
            assert seen, f"question {q.number}: right answer not printed"
            # ... is the letter the key gives
            assert re.search(rf"(?<!\d){q.number} {seen.group(1)} {re.escape(norm(item.answer))}", glance), q.number
        elif item.type == "tf":
            assert re.search(rf"(?<!\d){q.number} {item.answer}\b", glance)
        elif item.type in ("cloze", "recall"):
            assert re.search(rf"(?<!\d){q.number} {re.escape(norm(item.cloze[1] if item.cloze else item.answer))}",
                             glance)
        elif item.type == "matching":
            assert norm(q.answer_text) in glance
        else:
            assert norm(q.answer_text) in glance


def test_versions_differ(course, items, files):
    a, b = plan(course, items, "A"), plan(course, items, "B")
    assert [q.item.id for q in a.questions] != [q.item.id for q in b.questions]
    assert [(q.options, q.lefts, q.rights, q.events) for q in a.questions] != \
        [(q.options, q.lefts, q.rights, q.events) for q in b.questions]
    assert text_of(files["worksheets/steppe-A.pdf"]) != text_of(files["worksheets/steppe-B.pdf"])
    # the same questions, under the same numbers of points
    assert sorted(q.item.id for q in a.questions) == sorted(q.item.id for q in b.questions)
    assert a.points == b.points


def test_true_false_keeps_the_items_truth(course, items):
    truths = []
    for letter in "AB":
        for q in plan(course, items, letter).questions:
            if q.item.type == "tf":
                assert q.options[q.correct] == q.item.answer
                truths.append(q.item.answer)
    assert truths, "the sheets hold no true/false question"


def _positions(ws) -> collections.Counter:
    return collections.Counter(q.correct for q in ws.questions if q.item.type == "mcq")


@pytest.mark.parametrize("letter", ["A", "B", "C"])
def test_correct_positions_are_spread(course, items, letter):
    # every unit item, not just a sheet's selection, to have enough multiple-choice questions
    ws = version_of(course, [i for i in items if i.unit == UNIT], UNIT, "Unit", letter)
    n = sum(1 for q in ws.questions if q.item.type == "mcq")
    assert n >= 8
    assert max(_positions(ws).values()) <= math.ceil(n / 4) + 1
    for q in ws.questions:
        if q.item.type == "mcq":
            assert q.options[q.correct] == q.item.answer
            if in_order(q.item.options) is None:
                assert sorted(q.options) == sorted(q.item.options)
            else:  # a later version may show other spare values around the key, still in order
                assert set(q.options) <= set(q.item.options) | set(q.item.extras)
                assert in_order(q.options) == list(range(len(q.options)))


def test_positions_balanced_even_when_every_item_has_answer_a(course):
    many = [mcq(n, correct=0) for n in range(1, 21)]
    for letter in "ABC":
        ws = version_of(course, many, UNIT, "Unit", letter)
        counts = _positions(ws)
        assert sorted(counts) == [0, 1, 2, 3]
        assert max(counts.values()) - min(counts.values()) <= 1


def keyed_questions(course, items, files, itype: str):
    """Yield (key text, question) for every question of a type on versions A and B; fail if there is none."""
    found = 0
    for letter in "AB":
        key = text_of(files[f"worksheets/steppe-{letter}-key.pdf"])
        for q in plan(course, items, letter).questions:
            if q.item.type == itype:
                found += 1
                yield key, q
    assert found >= 2, f"no {itype} question on the sheets"


def test_matching_key_agrees_with_the_facts(course, items, files):
    facts = {f.id: f for f in course.facts}
    for key, q in keyed_questions(course, items, files, "matching"):
        # items drawn from several facts cite all their paragraphs
        assert "Source: A small test text about the steppe, paragraphs 1, 5" in key
        assert "Why: Paragraphs" not in key
        truth = {}
        for fid in q.item.fact_ids:
            f = facts[fid]
            truth[f.fields.get("role") or f.fields.get("definition")] = f.fields.get("name") or f.fields.get("term")
        assert sorted(q.lefts) == sorted(truth)  # descriptions, numbered
        for i, left in enumerate(q.lefts):
            assert q.rights[q.matches[i]] == truth[left]
        # names, lettered: one or two more than descriptions, so the last match is not free
        assert 1 <= len(q.rights) - len(q.lefts) <= 2
        assert sorted(q.rights) == sorted(list(truth.values()) + list(q.item.extras))
        assert norm(q.answer_text) in key
        assert q.answer_text != ", ".join(f"{i + 1}-{LETTERS[i]}" for i in range(len(q.lefts)))


def test_timeline_key_is_in_date_order(course, items, files):
    facts = {f.id: f for f in course.facts}
    for key, q in keyed_questions(course, items, files, "ordering"):
        whens = [facts[fid].fields["when"] for fid in q.item.fact_ids]
        assert whens == sorted(whens)
        # every printed event gets the rank of its date
        for event, rank in zip(q.events, q.ranks, strict=True):
            assert q.item.sequence[rank - 1][1] == event
        assert list(q.events) != [e for _, e in q.item.sequence]  # printed shuffled
        listing = " ".join(f"{n}. {date}: {event}" for n, (date, event) in enumerate(q.item.sequence, 1))
        assert norm(listing) in key
        assert "December 1991" in key


def test_word_bank_lists_the_answers_and_more(course):
    rivers = ["Amu River", "Syr River", "Ili River", "Ural River"]  # one kind: each the others' companion
    clozes = [make_item(n, "cloze", f"Sentence {n} has a _____ here.", rivers[n - 1],
                        cloze=(f"Sentence {n} has a ", rivers[n - 1], " here."), extras=(f"Decoy{n} River",))
              for n in range(1, 5)]
    out = render_pdfs(course, clozes, versions=1, paper="a4", exam=0)
    text = text_of(out["worksheets/steppe-A.pdf"])
    bank = text[text.index("Word bank"):text.index("Sentence")]
    for n in range(1, 5):
        assert rivers[n - 1] in bank
        assert f"Sentence {n} has a {BLANK} here." in text
    decoys = [n for n in range(1, 5) if f"Decoy{n} River" in bank]
    assert len(decoys) == 2  # two entries more than blanks: the last blank is never free
    assert "Word bank" not in text_of(render_pdfs(course, clozes[:2], versions=1)["worksheets/steppe-A.pdf"])
    # without entries to spare, no bank at all: it would give the last answer away
    bare = [dataclasses.replace(c, extras=()) for c in clozes]
    assert "Word bank" not in text_of(render_pdfs(course, bare, versions=1)["worksheets/steppe-A.pdf"])


def test_exam_draws_the_requested_number_across_units(course, items, files):
    chosen = planning.select_exam_items(course, items, 6)
    assert len(chosen) == 6
    assert chosen == planning.select_exam_items(course, items, 6)
    facts = [f for i in chosen for f in i.fact_ids]
    assert len(facts) == len(set(facts))  # no fact asked twice when there is enough choice
    text = text_of(files["worksheets/mini-steppe-exam-A.pdf"])
    assert "Course exam" in text
    ws = version_of(course, chosen, "mini-steppe-exam", "Course exam", "A")
    assert [q.number for q in ws.questions] == [1, 2, 3, 4, 5, 6]
    pos = 0
    for q in ws.questions:
        pos = text.find(f"{q.number}. {norm(printed_stem(q.item))}", pos)
        assert pos >= 0
    assert len({i.unit for i in chosen}) == len({i.unit for i in items})


def test_points_in_header_and_parts(course, items, files):
    ws = plan(course, items, "A")
    text = text_of(files["worksheets/steppe-A.pdf"])
    assert f"/ {ws.points} points" in text
    assert ws.points == sum(planning.points_for(i) for i in sheet_items(course, items))
    for k, section in enumerate(ws.sections, 1):
        assert f"Part {k}: {section.title} {section.points} point" in text
    assert "Name" in text and "Class" in text and "Date" in text


# --- layout -------------------------------------------------------------------------------


def _check_layout(data: bytes, size: tuple[float, float]) -> int:
    w, h = size
    with pdfplumber.open(io.BytesIO(data)) as doc:
        for page in doc.pages:
            assert (round(page.width), round(page.height)) == (round(w), round(h))
            assert page.chars
            assert re.search(r"Version [A-Z] · Page \d+ of \d+", page.extract_text())  # on every page
            for ch in page.chars:
                assert ch["x0"] >= MARGIN_X - 0.5 and ch["x1"] <= w - MARGIN_X + 0.5, ch["text"]
                assert ch["top"] >= 10 and ch["bottom"] <= h - 10
                embedded = r"[A-Z]{6}\+PTSans-(Regular|Bold|Italic|BoldItalic)"
                assert re.fullmatch(embedded, ch["fontname"]), ch["fontname"]
        pages = len(doc.pages)
    reader = pypdf.PdfReader(io.BytesIO(data))
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "Helvetica" not in font["/BaseFont"]
            assert "PTSans" in font["/BaseFont"]
            if font.get("/Subtype") == "/TrueType":
                assert "/FontFile2" in font["/FontDescriptor"].get_object()  # embedded
    return pages


def test_layout_a4(files):
    for name, data in files.items():
        pages = _check_layout(data, (595.28, 841.89))
        text = text_of(data)
        assert "Page 1 of" in text
        assert f"Page {pages} of {pages}" in text, name


def test_layout_letter(course, items):
    out = render_pdfs(course, items, versions=1, paper="letter", exam=0)
    for data in out.values():
        _check_layout(data, (612, 792))


def test_long_unbreakable_words_wrap_inside_the_margins(course):
    word = "Ә" + "x" * 298 + "Қ"
    long_items = [
        make_item(1, "recall", f"Explain {word} please?", word),
        mcq(2, options=(word, "beta", "gamma", "delta"), correct=0, stem=f"Pick {word}?"),
        make_item(3, "tf", f"Statement {word}.", "True", options=("True", "False"), correct=0),
        make_item(4, "matching", "Match them.", "x", pairs=((word, "short"), ("b", word), ("c", "d"))),
    ]
    for paper, size in (("a4", (595.28, 841.89)), ("letter", (612, 792))):
        out = render_pdfs(course, long_items, versions=1, paper=paper, exam=0)
        for data in out.values():
            _check_layout(data, size)
            squeezed = re.sub(r"\s+", "", text_of(data))
            assert word in squeezed


def test_long_question_lists_fill_several_pages(course):
    many = [mcq(n) for n in range(1, 60)] + [make_item(n, "recall") for n in range(60, 80)]
    out = render_pdfs(course, many, versions=1, paper="a4", exam=0)
    pages = _check_layout(out["worksheets/steppe-A.pdf"], (595.28, 841.89))
    assert pages >= 3
    assert f"Page {pages} of {pages}" in text_of(out["worksheets/steppe-A.pdf"])


# --- text fidelity --------------------------------------------------------------------------


SPECIAL = [
    "a < b & c",
    "AT&T",
    "<name@example.org>",
    "He said \"yes\" and 'no'",
    "Ә Ғ Қ Ң Ө Ұ Ү Һ І",
    "әғқңөұүһі &amp; <b>not bold</b>",
]


def test_special_characters_print_as_written(course, items, files):
    hand = [make_item(n, "recall", f"What about {s}?", s) for n, s in enumerate(SPECIAL, 1)]
    hand.append(mcq(20, options=tuple(SPECIAL[:4]), correct=2, stem="Which is <it>?"))
    out = render_pdfs(course, hand, versions=1, paper="a4", exam=0)
    student = text_of(out["worksheets/steppe-A.pdf"])
    key = text_of(out["worksheets/steppe-A-key.pdf"])
    for s in SPECIAL:
        assert f"What about {s}?" in student
        assert s in key
    assert "Which is <it>?" in student
    # and in the fixture course
    mini = text_of(files["worksheets/steppe-A.pdf"])
    assert "a < b & c" in mini or "a > b | c" in mini  # the statement, or its false version
    assert "Ә Ғ Қ Ң Ө Ұ Ү Һ І" in text_of(files["worksheets/steppe-A-key.pdf"])
    assert 'Kazakhstan was "historically Russia"' in mini


# --- reproducibility -------------------------------------------------------------------------


def _digests(out: dict[str, bytes]) -> dict[str, str]:
    return {k: hashlib.sha256(v).hexdigest() for k, v in sorted(out.items())}


def test_same_inputs_same_bytes(course, items, files):
    again = render_pdfs(course, items, versions=2, paper="a4", exam=6)
    assert _digests(again) == _digests(files)


@pytest.mark.slow
def test_same_bytes_in_another_process_with_another_hash_seed(files):
    script = (
        "import hashlib, json, sys\n"
        "from dataclasses import replace\n"
        "from quizgen.build import load_course, plan_job\n"
        "from quizgen.generate import generate_items\n"
        "from quizgen.targets import get_target\n"
        f"c = load_course({str(MINI)!r})\n"
        "c = replace(c, settings=c.settings.replace(versions=2, paper='a4', exam=6))\n"
        "out = get_target('pdf').render(plan_job(c, generate_items(c))).files\n"
        "print(json.dumps({k: hashlib.sha256(v).hexdigest() for k, v in sorted(out.items())}))\n"
    )
    for seed in ("1", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                              cwd=str(REPO), check=True)
        assert json.loads(done.stdout) == _digests(files)


def test_no_dates_in_the_files(files):
    for data in files.values():
        meta = pypdf.PdfReader(io.BytesIO(data)).metadata
        assert meta["/CreationDate"].startswith("D:2000")


# --- glyph check ---------------------------------------------------------------------------


def test_missing_glyphs_names_fact_and_field():
    hieroglyph = make_item(1, "recall", "What does 𓀀 mean?", "a person", fact_ids=("egypt",))
    cjk = mcq(2, options=("中", "beta", "gamma", "中文"), correct=1)
    fine = make_item(3, "recall", "Қазақстан & AT&T <ok>?", "Ә")
    problems = missing_glyphs([hieroglyph, cjk, fine])
    assert [(p.fact, p.field, p.level) for p in problems] == [
        ("egypt", "stem", "error"),
        ("fact-2", "options[0]", "error"),
        ("fact-2", "options[3]", "error"),
    ]
    assert "𓀀" in problems[0].message and "U+13000" in problems[0].message
    assert "中" in problems[1].message and "文" in problems[2].message


def test_a_capital_the_font_lacks_is_explained():
    # (a capital that neither the font nor its fallback has, of a small letter one of them has)
    [problem] = missing_glyphs([make_item(1, "recall", "Ↄunny question?", "x")])
    assert "capital of 'ↄ', which a question starting with it capitalises" in problem.message


def test_missing_glyphs_is_empty_for_the_fixture(items):
    assert missing_glyphs(items) == []
    assert missing_glyphs([make_item(1, "recall", "Tabs\tand\nnew lines\u00a0are fine", "x")]) == []


def test_a_last_page_that_would_hold_one_question_is_saved_by_tighter_spacing(course, monkeypatch):
    from quizgen.targets.pdf import document

    tighter_as_shipped = document.TIGHTER

    def pages(n: int, tighter=(1.0,)) -> tuple[int, str]:
        monkeypatch.setattr(document, "TIGHTER", tighter)
        questions = [make_item(k, "mcq", f"Multiple choice question {k} about the steppe?", "alpha",
                               options=("alpha", "beta", "gamma", "delta"), correct=0) for k in range(1, n + 1)]
        data = document.render_student(version_of(course, questions, UNIT, "Steppe", "A"))
        return len(pypdf.PdfReader(io.BytesIO(data)).pages), text_of(data)

    # the fewest questions for which the usual spacing starts a page for the last one alone
    n = next(n for n in range(20, 80) if pages(n)[0] > pages(n - 1)[0])
    usual, tight = pages(n), pages(n, tighter_as_shipped)
    assert tight[0] == usual[0] - 1, "the last question moves up onto the page before"
    assert all(f"Multiple choice question {k} about" in tight[1] for k in range(1, n + 1)), "nothing left out"
    # a last page that is well filled is not squeezed: the same layout as before
    assert pages(n - 1, tighter_as_shipped) == pages(n - 1)


def test_a_negation_in_a_true_false_statement_is_printed_in_bold(course):
    said = make_item(1, "tf", "The Syr Darya does not reach the Caspian Sea.", "True", options=("True", "False"),
                     correct=0)
    out = render_pdfs(course, [said], versions=1, paper="a4", exam=0)
    with pdfplumber.open(io.BytesIO(out["worksheets/steppe-A.pdf"])) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    text = "".join(c["text"] for c in chars)
    start = text.index("does not reach") + len("does ")
    fonts = [chars[k]["fontname"] for k in range(start - 5, start + 9)]
    assert all("Bold" in f for f in fonts[5:8]), fonts  # "not"
    assert not any("Bold" in f for f in fonts[:4] + fonts[9:]), fonts  # "does", "reach"


@pytest.mark.parametrize("longest", ["Bartholomew Okafor", "Maximilian Ferreira", "Wilhelmina Achterberg",
                                     "Cornelius Vandermeer", "Harbour Commission"])
def test_a_matching_questions_names_column_is_as_wide_as_its_longest_short_name_needs(longest):
    # The column was exactly as wide as the longest name's text, its indent and padding: a line that fills its
    # cell exactly is broken, so the longest two-word name came out on two lines.
    from quizgen.plan import Question
    from quizgen.targets.pdf.document import PAPER
    from quizgen.targets.pdf.layout import NUM_W, PTS_W, _matching_table, styles

    rights = ("Ida Roe", longest, "Lev Tam", "Uma Fox")
    item = Item(id="m", type="matching", course="c", unit="u", fact_ids=("a", "b", "c"), template="t",
                stem="Match each description to the person it fits.", answer="", citation=None)
    question = Question(1, item, 3, lefts=("a harbour master", "a ferry pilot", "a lighthouse keeper"),
                        rights=rights, matches=(0, 1, 2))
    width = PAPER["a4"][0] - 2 * MARGIN_X
    table = _matching_table(question, width - NUM_W - PTS_W, styles())
    table.wrap(width, 1000)
    lines = {}
    for row in table._cellvalues:
        cell = row[2][0] if isinstance(row[2], (list, tuple)) else row[2]
        if cell:
            lines[cell.text] = len(cell.blPara.lines)
    assert lines == dict.fromkeys(rights, 1)


def test_letters_the_body_font_lacks_are_drawn_by_a_font_that_has_them(tmp_path):
    # Transliterated Arabic names: PT Sans has "ā" and "ū" but no dotted "ṣ", "ẓ", "ḥ" nor the ayn "ʿ".
    from reportlab.pdfbase import pdfmetrics

    from helpers import fact, tiny_course
    from quizgen.targets.pdf import fonts

    people = [("Abū Naṣr al-Fārābī", "the philosopher who wrote a book on the perfect city"),
              ("al-Jāḥiẓ", "the essayist who wrote a book about animals"),
              ("Ibn Ḥazm", "the poet who wrote a book on love in Córdoba"),
              ("Yaʿqūb al-Kindī", "the scholar who wrote on the reading of secret messages"),
              ("Ḥunayn ibn Isḥāq", "the translator who put Greek medical books into Arabic")]
    facts = "".join(fact(f"person-{k}", "person", name=n, role=r) for k, (n, r) in enumerate(people))
    course, items = load(tiny_course(tmp_path / "c", facts))
    files = render_pdfs(course, items)
    rare = {"ṣ", "ẓ", "ḥ", "Ḥ", "ʿ"}
    assert all(ord(ch) not in fonts.codepoints() for ch in rare)  # the body font lacks every one of them
    for path in ("worksheets/unit-A.pdf", "worksheets/unit-A-key.pdf"):
        seen = set()
        with pdfplumber.open(io.BytesIO(files[path])) as pdf:
            for page in pdf.pages:
                for char in page.chars:
                    if char["text"] in rare:
                        seen.add(char["text"])
                        # drawn by the fallback font (its subset's name starts with it), which has the letter
                        drawn_by = char["fontname"].split("+")[-1]
                        assert drawn_by.startswith(fonts.FALLBACK), (char["text"], drawn_by)
                        face = pdfmetrics.getFont(fonts.FALLBACK).face
                        assert ord(char["text"]) in face.charToGlyph and char["width"] > 0
            text = norm("".join(page.extract_text() or "" for page in pdf.pages))
        assert seen, path
        assert "Naṣr" in text or "Jāḥiẓ" in text or "Ḥunayn" in text or "Ḥazm" in text or "Yaʿqūb" in text, text
    key = norm("".join(pypdf.PdfReader(io.BytesIO(files["worksheets/unit-A-key.pdf"])).pages[0].extract_text()))
    assert any(name in key for name, _ in people), key


def test_a_last_page_of_two_short_answers_is_pulled_back_where_closer_writing_lines_fit(course):
    # Short answers: the space between questions alone saves too little to take two of them back onto the page
    # before; their writing lines, a little closer, save the rest.
    from quizgen.targets.pdf import document

    def last_page(n: int) -> tuple[int, int]:
        asked = [make_item(k, "recall", f"Why did the caravan number {k} stop at the well before the pass?",
                           "to water the camels") for k in range(1, n + 1)]
        data = document.render_student(version_of(course, asked, UNIT, "Steppe", "A"))
        reader = pypdf.PdfReader(io.BytesIO(data))
        return len(reader.pages), reader.pages[-1].extract_text().count("caravan number")

    found = {n: last_page(n) for n in range(14, 30)}
    assert len({pages for pages, _ in found.values()}) > 1  # the range crosses a page break
    alone = {n: held for n, (pages, held) in found.items() if pages > 1 and held < 3}
    assert not alone, f"a last page holding one or two questions where closer lines fit them before: {alone}"


def test_the_keys_table_keeps_a_statements_number_with_its_label():
    from types import SimpleNamespace

    from quizgen.i18n import messages
    from quizgen.targets.pdf.document import glance_answer

    q = SimpleNamespace(item=SimpleNamespace(type="fact_opinion"), labels=("Fact", "Opinion", "Opinion"))
    assert glance_answer(q, messages("en")) == "1&nbsp;Fact, 2&nbsp;Opinion, 3&nbsp;Opinion"


def test_a_key_says_longer_written_answers_are_marked_by_their_meaning(tmp_path):
    from helpers import fact, tiny_course

    short = fact("mill", "cause_effect", cause="the drought", effect="the closing of the mill", accept=["a drought"])
    long = fact("weir", "cause_effect", cause="the spring flood that swept the old weir and its gates away",
                effect="the rebuilding of the weir in stone", accept=["a flood"])
    phrase = "An answer longer than a few words is marked by its meaning"
    for facts, expected in ((short, False), (short + long, True)):
        course, items = load(tiny_course(tmp_path / f"c{expected}", facts))
        files = render_pdfs(course, items, versions=1, paper="a4", exam=0)
        key = pdf_text(files["worksheets/unit-A-key.pdf"])
        assert "A written answer counts whatever its case" in key
        assert (phrase in key) is expected
