"""The course's language: catalogs, dates, plurals, slugs, furniture and lint data (issue 25).

The question stems come from question templates, which are not this module's: the checks on built outputs look at
the fixed texts only (the labels every worksheet, key, card and web page prints), in the Russian and Kazakh fixture
courses.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from helpers import COURSES, copy_course, pdf_text, run_cli
from quizgen.authoring.furniture import PHRASE_REASONS, end_matter_reason
from quizgen.authoring.words import slugify
from quizgen.i18n import LANGUAGES_DIR, format_date, lint_data, messages, shipped_languages

REPO = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _catalog(language: str):
    with open(LANGUAGES_DIR / language / "LC_MESSAGES" / "quizgen.po", "rb") as f:
        return read_po(f, locale=language)


def _template():
    with open(LANGUAGES_DIR / "quizgen.pot", "rb") as f:
        return read_po(f)


TRANSLATED = [lang for lang in shipped_languages() if lang != "en"]


def test_russian_and_kazakh_are_shipped():
    assert {"ru", "kk"} <= set(TRANSLATED)


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_catalog_has_every_message_translated_with_its_placeholders(language):
    catalog, template = _catalog(language), _template()
    wanted = {m.id for m in template if m.id}
    have = {m.id: m for m in catalog if m.id}
    assert wanted - set(have) == set(), "run pybabel update (see babel.cfg)"
    for msgid, message in have.items():
        assert "fuzzy" not in message.flags, msgid
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        assert all(f.strip() for f in forms), f"empty translation of {msgid!r}"
        if isinstance(msgid, tuple):
            assert len(forms) == catalog.num_plurals, msgid
        wanted_names = set().union(*(PLACEHOLDER.findall(i) for i in ids)) - {"num"}
        for form in forms:
            assert set(PLACEHOLDER.findall(form)) - {"num"} == wanted_names, (msgid, form)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalog_is_the_catalog(language):
    """The .mo is committed (a fresh `pip install -e .` runs no build step): it must be the .po compiled."""
    import io

    buf = io.BytesIO()
    write_mo(buf, _catalog(language))
    mo = (LANGUAGES_DIR / language / "LC_MESSAGES" / "quizgen.mo").read_bytes()
    assert buf.getvalue() == mo, "run: pybabel compile -d quizgen/languages -D quizgen"


def test_the_template_lists_every_marked_message():
    """Every message the code marks is in quizgen.pot (extracted as babel.cfg says)."""
    from babel.messages.frontend import CommandLineInterface

    out = REPO / ".pytest-quizgen.pot"
    try:
        CommandLineInterface().run(["pybabel", "-q", "extract", "-F", str(REPO / "babel.cfg"), "-k", "N_",
                                    "-k", "Np_:1,2", "-o", str(out), "--no-location", "--sort-output",
                                    "--omit-header", str(REPO)])
        with open(out, "rb") as f:
            extracted = {m.id for m in read_po(f) if m.id}
    finally:
        out.unlink(missing_ok=True)
    assert extracted == {m.id for m in _template() if m.id}


def test_plural_forms_come_from_the_catalog():
    ru, kk, en = messages("ru"), messages("kk"), messages("en")
    points = [ru.ngettext("%(num)s point", "%(num)s points", n) for n in (1, 2, 5, 11, 21, 22, 25)]
    assert points == ["1 балл", "2 балла", "5 баллов", "11 баллов", "21 балл", "22 балла", "25 баллов"]
    assert [kk.ngettext("%(num)s point", "%(num)s points", n) for n in (1, 5)] == ["1 ұпай", "5 ұпай"]
    assert [en.ngettext("%(num)s point", "%(num)s points", n) for n in (1, 5)] == ["1 point", "5 points"]
    assert messages("ru-KZ").gettext("Version %(letter)s", letter="A") == "Вариант A"
    assert messages("fr").gettext("Version %(letter)s", letter="A") == "Version A"  # no catalog: English


def test_dates_in_the_course_language():
    assert format_date("1991-12-16", "ru") == "16 декабря 1991\u00a0г."
    assert format_date("1991-12", "ru") == "декабрь 1991\u00a0г."
    assert format_date("1991-12-16", "kk") == "1991 жылғы 16 желтоқсан"
    assert format_date("1991-12", "kk") == "1991 жылғы желтоқсан"
    assert format_date("1991-12-16", "en") == "16 December 1991"
    assert format_date("1991", "ru") == "1991"
    assert messages("ru").number(83.6) == "83,6"


def test_choices_and_quotes():
    assert [messages("ru").choice(v) for v in ("True", "False", "Fact", "Opinion", "Baikonur")] == \
        ["Верно", "Неверно", "Факт", "Мнение", "Baikonur"]
    assert [messages("kk").choice(v) for v in ("True", "False", "Fact", "Opinion")] == \
        ["Дұрыс", "Бұрыс", "Дерек", "Пікір"]
    assert messages("ru").quoted("Поехали!") == "«Поехали!»"


def test_slugs_from_cyrillic_titles():
    assert slugify("Байконур: первый космодром мира") == "baykonur-pervy-kosmodrom-mira"
    assert slugify("Абай Құнанбайұлы") == "abay-qunanbayuly"
    assert slugify("Съезд и объём") == "syezd-i-obyom"


def test_init_writes_a_working_language(tmp_path):
    result = run_cli("init", tmp_path / "c", "--title", "Космодром Байконур", "--language", "ru")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "c" / "course.yaml").read_text(encoding="utf-8")
    assert re.search(r"^language: ru$", text, re.M) and re.search(r"^slug: kosmodrom-baykonur$", text, re.M)


def test_russian_and_kazakh_page_furniture():
    for phrase in ("читайте также", "поделиться", "войти", "тағы оқыңыз", "бөлісу", "кіру"):
        assert phrase in PHRASE_REASONS, phrase
    assert end_matter_reason("Примечания") == "reference list"
    assert end_matter_reason("См. также") == "links to other pages"


def test_lint_data_per_language():
    ru, kk = lint_data("ru"), lint_data("kk")
    assert ru is not None and kk is not None and lint_data("en") is None and lint_data("fr") is None
    assert "только" in ru.absolute_words and "ештеңе" in kk.absolute_words
    assert ru.root("ракеты") == ru.root("ракета")
    assert kk.root("әдебиетінің") == kk.root("әдебиет") == "әдебиет"


def _lint_lines(course: Path) -> str:
    result = run_cli("check", course)
    return result.output


@pytest.mark.slow
def test_check_finds_absolute_words_in_russian_and_kazakh_and_names_a_language_without_data(tmp_path):
    course = copy_course(COURSES / "ru-baikonur", tmp_path / "ru")
    facts = course / "baikonur" / "facts.yaml"  # the true claim says "не только": make the distortion say "всегда"
    text = facts.read_text(encoding="utf-8")
    assert "distortion: космодром приносит" in text
    facts.write_text(text.replace("distortion: космодром приносит", "distortion: космодром всегда приносит"),
                     encoding="utf-8")
    ru = _lint_lines(course)
    assert "'всегда'" in ru and "[absolute-word]" in ru and "language-data" not in ru
    kk = _lint_lines(copy_course(COURSES / "kk-abai", tmp_path / "kk"))
    assert "absolute-word" in kk and "ештеңе" in kk
    fr = copy_course(COURSES / "ru-baikonur", tmp_path / "fr")
    yaml = fr / "course.yaml"
    yaml.write_text(re.sub(r"^language: ru$", "language: fr", yaml.read_text(encoding="utf-8"), flags=re.M),
                    encoding="utf-8")
    out = _lint_lines(fr)
    assert out.count("no lint data for the language 'fr'") == 1, out


# --- the fixed texts of built outputs ---------------------------------------------------------------

# Labels an English sheet, key or page prints; none may appear in a Russian or Kazakh one.
ENGLISH_LABELS = ("Version ", "Answer key", "Page ", "Part ", "Circle the letter", " points", "Score:",
                  "Name", "Class", "Answers at a glance", "Model answer", "Source:", "Why:", "Word bank",
                  "Show the answer", "Question ", "Practice quiz", "Skip to", "Start again", "Fill in the blank",
                  "Multiple choice", "True or false", "Matching", "Timeline", "teacher's copy", "In date order",
                  "top to bottom", " Fact", " Opinion", "True", "False")


@pytest.fixture(scope="module", params=["ru-baikonur", "kk-abai"])
def built(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(request.param)
    course = copy_course(COURSES / request.param, tmp / "course")
    out = tmp / "out"
    result = run_cli("build", course, "-o", out)
    assert result.exit_code == 0, result.output
    language = re.search(r"^language:\s*(\S+)", (course / "course.yaml").read_text(encoding="utf-8"), re.M).group(1)
    return language, out


def _without_stems(text: str) -> str:
    """A text without the question stems the English templates still write ("Which of these ...", "Who ...")."""
    return "\n".join(line for line in text.splitlines()
                     if not re.search(r"\b(Which|Who|What|When|Match|According|In which|What is)\b", line))


@pytest.mark.slow
def test_worksheets_and_keys_print_their_labels_in_the_course_language(built):
    language, out = built
    m = messages(language)
    sheets = sorted((out / "worksheets").glob("*.pdf"))
    assert sheets
    for pdf in sheets:
        text = pdf_text(pdf)
        key = pdf.stem.endswith("-key")
        letter = pdf.stem.split("-")[-2 if key else -1]
        assert m.gettext("Version %(letter)s", letter=letter) in text
        footer = re.escape(m.gettext("Page %(page)s of %(total)s", page=998, total=999)).replace("998", r"\d+")
        assert re.search(footer.replace("999", r"\d+"), text), footer
        if key:
            assert m.gettext("Answers at a glance") in text and m.gettext("Answer key") in text
        else:
            assert m.gettext("Name") in text and m.gettext("Circle the letter of the one correct answer.") in text
        plain = _without_stems(text)
        found = [label for label in ENGLISH_LABELS if label in plain]
        assert not found, (pdf.name, found)


@pytest.mark.slow
def test_web_pages_and_cards_print_their_labels_in_the_course_language(built):
    language, out = built
    m = messages(language)
    for page in sorted((out / "web").glob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert f'<html lang="{language}">' in html
        assert m.gettext("Skip to the questions") in html or m.gettext("Skip to the list of quizzes") in html
        visible = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", "\n", html, flags=re.S)
        found = [label for label in ENGLISH_LABELS if label in _without_stems(visible)]
        assert not found, (page.name, found)
        data = re.search(r'id="quiz-data">(.*?)</script>', html, re.S).group(1)
        assert m.gettext("Next question") in data or page.name == "index.html"
    import sqlite3
    import tempfile
    import zipfile

    with zipfile.ZipFile(next(out.glob("*.apkg"))) as z, tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "collection.anki2"
        db.write_bytes(z.read("collection.anki2"))
        models = json.dumps(json.loads(sqlite3.connect(db).execute("select models from col").fetchone()[0]),
                            ensure_ascii=False)
    assert m.gettext("Context:") in models and "Context:" not in models


@pytest.mark.slow
def test_exports_write_their_fixed_texts_in_the_course_language(built):
    language, out = built
    m = messages(language)
    gift = next((out / "gift").glob("*.gift")).read_text(encoding="utf-8")
    moodle = next((out / "moodle").glob("*.xml")).read_text(encoding="utf-8")
    for text in (gift, moodle):
        assert m.gettext("Source: %(citation)s.", citation="")[:4] in text
        for english in ("Source: ", "Right.", "Model answer:", "(earliest)", "Fact or opinion", ": the answer is"):
            assert english not in text, english
    assert f"{m.choice('Fact')}" in moodle


def test_stem_echo_reads_russian_roots_and_stopwords():
    from quizgen.cues import content_words, related

    assert related("ракеты", "ракета", "ru") and not related("ракеты", "степь", "ru")
    assert related("әдебиетінің", "әдебиет", "kk")
    assert content_words("который был первым космодромом", "ru") == ["первым", "космодромом"]
