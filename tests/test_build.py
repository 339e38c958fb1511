"""End to end: `quizgen build` on the shipped course and a fixture course, read back as Anki and a reader would."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import helpers
from helpers import MINI, REPO, Learner, copy_course, edit_facts, pdf_text, run_cli
from quizgen.targets.anki.notes import RETIRED_TAG


def build_cli(course: Path, out: Path, *extra: str):
    result = run_cli("build", course, "-o", out, *extra)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def shipped_build(tmp_path_factory):
    """Build a copy of content/ (the build updates the course's lock file)."""
    root = tmp_path_factory.mktemp("shipped")
    course = root / "content"
    copy_course(REPO / "content", course)
    out = root / "dist"
    result = build_cli(course, out)
    return course, out, result.output


def test_build_writes_deck_and_worksheets(shipped_build):
    course, out, output = shipped_build
    slug = "central-asia-2022"
    assert (out / f"{slug}.apkg").is_file()
    names = sorted(p.name for p in (out / "worksheets").iterdir())
    assert "kazakhstan-drift-A.pdf" in names and "kazakhstan-drift-A-key.pdf" in names
    assert (course / "quizgen.lock").is_file()
    assert "Course 'A New Central Asia?" in output and "items by type:" in output
    assert "Anki notes:" in output and f"{slug}.apkg" in output


def test_a_first_build_of_the_shipped_course_reports_no_notes_it_did_not_retire(shipped_build):
    # The lock holds notes retired by the builds that wrote it; a newcomer's first build retires none.
    _, _, output = shipped_build
    [line] = [line for line in output.splitlines() if "Anki notes:" in line]
    assert line == "  Anki notes: 0 new, 0 updated, 53 unchanged since the build quizgen.lock records"
    assert "retired" not in output


def test_a_build_names_the_notes_it_retires_once_in_words(tmp_path):
    course = copy_course(MINI, tmp_path / "mini", keep_lock=False)
    output = build_cli(course, tmp_path / "out", "--only", "anki").output
    assert "  Anki notes: 15 new; this first build starts quizgen.lock, which later builds read to keep learners' " \
           "reviews\n" in output
    facts = course / "steppe" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    start = text.index("  - id: nazarbayev")
    facts.write_text(text[:start] + text[text.index("  - id:", start + 5):], encoding="utf-8")
    output = build_cli(course, tmp_path / "out", "--only", "anki").output
    assert ("    1 note retired: its fact or question left the course; the deck keeps it as a notice that tells "
            "learners why (tagged quizgen::retired):\n      nazarbayev/who-was\n") in output
    again = build_cli(course, tmp_path / "new-folder", "--only", "anki").output  # retired by the last build
    assert "retired" not in again and "  Anki notes: 0 new, 0 updated, 14 unchanged since the build" in again


def test_shipped_deck_imports_into_anki(shipped_build, tmp_path):
    from quizgen.build import check
    from quizgen.targets.anki.lock import parse_lock

    course, out, _ = shipped_build
    report = check(course)
    learner = Learner(tmp_path / "anki")
    col = learner.col
    log = learner.import_deck(out / "central-asia-2022.apkg", with_scheduling=False)
    try:
        anki_items = helpers.anki_items(report.items)
        # Notes of dropped facts and items stay in the lock and ship again, tagged as retired ...
        lock = parse_lock((course / "quizgen.lock").read_text(encoding="utf-8"))
        retired = {guid for guid, note in lock.notes.items() if note.item not in {i.id for i in anki_items}}
        assert {col.get_note(n).guid for n in col.find_notes(f"tag:{RETIRED_TAG}")} == retired
        assert col.note_count() == len(anki_items) + len(retired)
        assert log.new == len(anki_items) + len(retired) and not log.conflicting and not log.duplicate
        reverse = sum(1 for i in anki_items if i.reverse)
        live = col.find_cards(f"-tag:{RETIRED_TAG}")
        assert len(live) == len(anki_items) + reverse
        # ... each with a card that says it is retired, in the Retired subdeck, so no note is without a card
        assert {col.get_card(cid).nid for cid in col.find_cards(f"tag:{RETIRED_TAG}")} == set(
            col.find_notes(f"tag:{RETIRED_TAG}"))
        for cid in col.find_cards(f"tag:{RETIRED_TAG}"):
            assert helpers.plain(col.get_card(cid).question()).startswith("Retired from the course on ")
        decks = {d.name for d in col.decks.all_names_and_ids()}
        course_title = report.course.title
        assert {course_title} | {f"{course_title}::{u.title}" for u in report.course.units} <= decks
        assert {col.decks.name(col.get_card(cid).did) for cid in live} == {
            f"{course_title}::{u.title}" for u in report.course.units}
        assert {col.decks.name(col.get_card(cid).did) for cid in col.find_cards(f"tag:{RETIRED_TAG}")} == {
            f"{course_title}::Retired"}
        for cid in col.find_cards(""):
            card = col.get_card(cid)
            front, back = card.question(), card.answer()
            assert front.strip() and "error" not in front.lower()[:200], front
            assert front != back
    finally:
        col.close()


def test_shipped_worksheets_hold_questions_and_answers(shipped_build):
    from quizgen.build import check
    from quizgen.plan import select_sheet_items

    course, out, _ = shipped_build
    report = check(course)
    items = select_sheet_items(report.course, [i for i in report.items if i.unit == "kazakhstan-drift"],
                               "kazakhstan-drift")
    student = pdf_text(out / "worksheets" / "kazakhstan-drift-A.pdf")
    key = pdf_text(out / "worksheets" / "kazakhstan-drift-A-key.pdf")
    answered = [i for i in items if i.type in ("mcq", "recall", "cloze", "tf")]
    assert len(answered) >= 20 and {"mcq", "recall", "cloze", "tf"} <= {i.type for i in answered}
    for item in answered:
        if item.type != "cloze":
            assert " ".join(item.stem.split())[:40] in student, item.id
        answer = item.cloze[1] if item.cloze else item.answer
        assert " ".join(answer.split())[:30] in key, item.id
    for statement, label in next(i for i in items if i.type == "fact_opinion").pairs:
        assert " ".join(statement.split())[:40] in student and label in key
    assert "Page 1 of" in student and "Name" in student


def test_fixture_with_kazakh_letters_and_markup_characters(tmp_path):
    course = tmp_path / "mini"
    copy_course(MINI, course)
    out = tmp_path / "out"
    build_cli(course, out)
    learner = Learner(tmp_path / "anki")
    col = learner.col
    learner.import_deck(out / "mini-steppe.apkg", with_scheduling=False)
    try:
        fields = " ".join(" ".join(col.get_note(n).fields) for n in col.find_notes(""))
        assert "Ә Ғ Қ Ң Ө Ұ Ү Һ І" in fields
        assert "a &lt; b &amp; c" in fields  # escaped in the field, so Anki shows it literally
        rendered = " ".join(col.get_card(c).answer() for c in col.find_cards(""))
        assert "a &lt; b &amp; c" in rendered and "<script" not in rendered
    finally:
        col.close()
    texts = [pdf_text(p) for p in sorted((out / "worksheets").glob("steppe-A*.pdf"))]
    assert any("Ә Ғ Қ Ң Ө Ұ Ү Һ І" in t for t in texts)
    assert any("a < b & c" in t for t in texts)


def test_pdf_fonts_are_embedded(shipped_build):
    from pypdf import PdfReader

    _, out, _ = shipped_build
    reader = PdfReader(str(out / "worksheets" / "kazakhstan-drift-A.pdf"))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font.get("/DescendantFonts")
            desc = (descendant[0].get_object() if descendant else font).get("/FontDescriptor")
            fonts[str(font["/BaseFont"])] = desc is not None and any(
                k in desc.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts


def test_second_build_is_byte_identical(tmp_path):
    course = tmp_path / "mini"
    copy_course(MINI, course)
    build_cli(course, tmp_path / "one")
    build_cli(course, tmp_path / "two")
    one = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file())
    two = sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*") if p.is_file())
    assert one == two
    for rel in one:
        assert (tmp_path / "one" / rel).read_bytes() == (tmp_path / "two" / rel).read_bytes(), rel


def test_check_writes_nothing(tmp_path):
    course = tmp_path / "mini"
    copy_course(MINI, course)
    before = sorted(p.name for p in course.rglob("*"))
    result = run_cli("check", course)
    assert result.exit_code == 0, result.output
    assert "No errors." in result.output
    assert sorted(p.name for p in course.rglob("*")) == before


def test_usage_error_exits_2():
    result = run_cli("build", "--paper", "a5")
    assert result.exit_code == 2


def test_help_imports_no_heavy_library():
    """`quizgen --help` stays fast: reportlab, genanki, Jinja2, pydantic and ruamel load only for a command."""
    for args in (["--help"], ["build", "--help"], ["check", "--help"]):
        code = (f"import json, sys\nfrom quizgen.cli import main\ntry:\n    main({args!r}, prog_name='quizgen')\n"
                "except SystemExit:\n    pass\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert "Usage: quizgen" in run.stdout, args
        loaded = set(json.loads(run.stdout.splitlines()[-1]))
        heavy = {"reportlab", "genanki", "anki", "jinja2", "pydantic", "ruamel", "fontpkg"}
        assert not loaded & heavy, (args, loaded & heavy)


@pytest.mark.slow
def test_pdf_target_loads_no_yaml_schema_or_template_library():
    """The worksheet target takes plain items: importing it loads neither ruamel.yaml, pydantic nor Jinja2."""
    code = ("import json, sys\nimport quizgen.targets.pdf, quizgen.targets.pdf.document, quizgen.plan\n"
            "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(run.stdout))
    assert "reportlab" in loaded  # the import really happened
    assert not loaded & {"ruamel", "pydantic", "jinja2", "genanki"}, loaded & {"ruamel", "pydantic", "jinja2"}


@pytest.mark.slow
def test_non_editable_install_ships_templates(tmp_path):
    """A wheel of the project carries the templates, and `quizgen build` works from another folder."""
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "-w", str(wheels), str(REPO)], check=True, cwd=tmp_path)
    [wheel] = wheels.glob("quizgen-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "quizgen/templates/questions/person/who-was.j2" in names
    assert any(n.startswith("quizgen/templates/anki/") for n in names)
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    course = tmp_path / "mini"
    copy_course(MINI, course)
    env = dict(os.environ, PYTHONPATH=str(site))
    run = subprocess.run([sys.executable, "-c", "import sys; from quizgen.cli import main; sys.exit(main())",
                          "build", str(course), "-o", str(tmp_path / "out")],
                         cwd=elsewhere, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    probe = subprocess.run([sys.executable, "-c", "import quizgen; print(quizgen.__file__)"], cwd=elsewhere,
                           env=env, capture_output=True, text=True)
    assert probe.stdout.startswith(str(site))  # the installed copy ran, not the checkout
    assert (tmp_path / "out" / "mini-steppe.apkg").is_file()
    assert (tmp_path / "out" / "worksheets" / "steppe-A-key.pdf").is_file()


def test_unprintable_character_is_an_error_naming_fact_and_line(mini_course, tmp_path):
    course = mini_course
    facts = course / "steppe" / "facts.yaml"
    edit_facts(course, "role: editor of RT", "role: editor of RT 𓀀")
    (course / "course.yaml").write_text(
        (course / "course.yaml").read_text(encoding="utf-8").replace("Mini steppe course", "Mini steppe course 漢"),
        encoding="utf-8")
    result = run_cli("build", course, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert (f"{facts}:19: fact 'simonyan': field 'role': character '𓀀' (U+13000) cannot be printed on worksheets"
            in result.output)
    assert f"{course / 'course.yaml'}: field 'title': character '漢' (U+6F22) in the title" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_fact_and_template_errors_reported_in_one_run(mini_course):
    course = mini_course
    facts = course / "steppe" / "facts.yaml"
    edit_facts(course, "role: editor of RT", "rol: editor of RT")
    folder = course / "templates" / "questions" / "person"
    folder.mkdir(parents=True)
    (folder / "broken.j2").write_text('{% set type = "recall" %}\n{% block stem %}{{ fact.name }{% endblock %}\n',
                                      encoding="utf-8")
    result = run_cli("check", course)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"{facts}:22: fact 'simonyan': field 'rol': unknown field (did you mean 'role'?)" in lines
    assert f"{folder / 'broken.j2'}:2: template syntax error: unexpected '}}'" in lines
    assert lines[-1] == "Aborted with 3 errors."


def test_a_build_plans_with_the_text_caches_emptied_of_what_writing_the_questions_read(tmp_path, monkeypatch):
    """Writing the questions fills the caches of folded, split and padded texts; a build empties them before it
    plans, and again before it checks, so that each stage fills them with its own texts instead of adding to
    those of the last: every bounded cache of quizgen's, not only those of texts folded and split."""
    import quizgen.build as build_module
    from quizgen import answers, cues, grammar, lexicon, text

    caches = (text.fold, text.normalise, cues._words, cues.padded, cues._content_words, answers._normalise,
              grammar.head_index, lexicon.parts_of_speech)
    sizes: dict[str, list[int]] = {}
    plan_job, check_targets = build_module.plan_job, build_module.check_targets

    def planned(course, items, now=None):
        sizes["before planning"] = [cached.cache_info().currsize for cached in caches]
        job = plan_job(course, items, now=now)
        sizes["after planning"] = [cached.cache_info().currsize for cached in caches]
        return job

    def checked(job, targets, problems, thorough=False):
        sizes["before checking"] = [cached.cache_info().currsize for cached in caches]
        return check_targets(job, targets, problems, thorough)

    monkeypatch.setattr(build_module, "plan_job", planned)
    monkeypatch.setattr(build_module, "check_targets", checked)
    course = copy_course(MINI, tmp_path / "mini")
    build_module.build(course, tmp_path / "out", now=helpers.T0)
    assert sizes["before planning"] == [0] * len(caches)
    assert sizes["after planning"][0] > 0  # filled again by the planner
    assert sizes["before checking"] == [0] * len(caches)
