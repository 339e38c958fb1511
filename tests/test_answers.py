"""One answer model for every output: what a written answer may be, the same in the key, in Python and in the
web quiz's script. The course here is a small geography course about the Aral Sea, written for these cases."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from browser import chromium
from helpers import fact, load, pdf_text, render_pdfs, tiny_course
from quizgen.answers import Answers, answers_for, normalise_answer, romanised_forms, rules
from quizgen.plan import plan_sheets
from web_helpers import Watch, build_web

# (typed, accepted form, same answer?)
CASES = [
    ("two hundred", "200", True),
    ("Two-Hundred", "200", True),
    ("two hundred and fifty", "250", True),
    ("two hundred fifty", "250", True),
    ("1,500", "one thousand five hundred", True),
    ("1.5 million", "1,500,000", True),
    ("a hundred", "100", True),
    ("twenty-first", "21st", True),
    ("the nineteenth century", "19th century", True),
    ("forty per cent", "40%", True),
    ("40 percent", "40%", True),
    ("3.5", "three point five", False),
    ("one two three", "123", False),
    ("nineteen eighty-four", "1984", False),
    ("  “Kyzylorda” ", "Kyzylorda", True),
    ("kyzylorda", "KYZYLORDA", True),
    ("United States", "the United States", True),
    ("an apple", "apple", True),
    ("the", "the", True),
    ("Russia's", "Russias", True),
    ("Kassym-Jomart Tokayev.", "Kassym Jomart Tokayev", True),
    ("Kassym–Jomart Tokayev", "Kassym-Jomart Tokayev", True),
    ("ﬁsh", "fish", True),  # a ligature: compatibility forms count as their letters
    ("Café", "Cafe\u0301", True),  # composed or not
    ("Cafe", "Café", False),  # accents are not forgiven unless the course accepts romanised forms
    ("Қызылорда", "Kyzylorda", False),
    ("Aral Sea", "Aral", False),
    ("no one", "no 1", True),
    ("a < b", "a b", False),
    ("", "", False),
]


@pytest.mark.parametrize("typed, form, same", CASES)
def test_normalising_forgives_what_says_nothing_about_knowing(typed, form, same):
    key = normalise_answer(typed)
    assert (key != "" and key == normalise_answer(form)) is same, (normalise_answer(typed), normalise_answer(form))


def test_rules_other_languages_forgive_less():
    assert normalise_answer("two hundred", "de") == "two hundred"
    assert normalise_answer("The Donbas", "fr") == "the donbas"
    assert rules("en-GB") is rules("en")


def test_romanised_forms():
    assert romanised_forms("Қызылорда") == ["Qyzylorda", "Kyzylorda"]
    assert "Kasym-Zhomart Tokayev" in romanised_forms("Қасым-Жомарт Тоқаев")
    assert romanised_forms("São Paulo") == ["Sao Paulo"]
    assert romanised_forms("Aral") == []


# --- a course: the Aral Sea ------------------------------------------------------------------

ARAL = (
    fact("diversion", "background", period="the Soviet era", accept=["Amu-Darya", "the Oxus"],
         statement="Soviet planners diverted the [[Amu Darya]] to water the cotton fields.")
    + fact("dam-length", "background", period="the 2000s",
           statement="The Kok-Aral dam is about [[thirteen]] kilometres long.")
    + fact("city", "background", period="the present day",
           statement="The Syr Darya reaches the sea past the city of [[Қызылорда]].")
    + fact("buyer", "background", period="the Soviet era", accept=["United States", "USA"],
           statement="Soviet cotton was never sold to the [[United States of America]].")
    + fact("poet", "person", name="Berdakh", role="the poet of Karakalpakstan who wrote of the sea",
           accept=["Berdaq", "Berdakh Kargabay uli"])
)


@pytest.fixture(scope="module")
def aral(tmp_path_factory):
    return tiny_course(tmp_path_factory.mktemp("aral") / "c", ARAL, settings="  accept_romanised: true\n")


def test_the_answer_model_of_each_written_item(aral):
    course, items = load(aral)
    by_id = {i.id: i for i in items}
    diversion = answers_for(by_id["diversion/fill-blank"], course)
    assert diversion == Answers(model="Amu Darya", also=("Amu-Darya", "the Oxus"), language="en")
    assert diversion.accepts("amu darya") and diversion.accepts("Oxus") and not diversion.accepts("Syr Darya")
    assert answers_for(by_id["dam-length/fill-blank"], course).accepts("13")
    city = answers_for(by_id["city/fill-blank"], course)
    assert city.also == ("Qyzylorda", "Kyzylorda") and city.accepts("kyzylorda")
    plain = replace(course, settings=course.settings.replace(accept_romanised=False))
    assert answers_for(by_id["city/fill-blank"], plain).also == ()
    poet = by_id["poet/who-was"]
    assert poet.type == "recall" and answers_for(poet, course).accepts("Berdaq")
    assert answers_for(by_id["poet/role-true-false"], course) is None


def test_the_key_prints_what_the_model_accepts(aral):
    course, items = load(aral)
    key = pdf_text(render_pdfs(course, items)["worksheets/unit-A-key.pdf"])
    assert "Also accept: Qyzylorda; Kyzylorda" in key
    assert "Also accept: United States; USA" in key
    assert "with numbers in digits or words" in key


# --- the same in the browser ----------------------------------------------------------------


@pytest.fixture(scope="module")
def aral_site(aral, tmp_path_factory):
    return build_web(aral, tmp_path_factory.mktemp("aral-web"))


@pytest.fixture(scope="module")
def page(aral_site):
    with chromium() as browser:
        context = browser.new_context()
        page = context.new_page()
        watch = Watch(allowed={aral_site.url("unit")})
        watch.attach(page)
        page.goto(aral_site.url("unit"))
        yield page
        context.close()
        assert not watch.problems(), watch.problems()


@pytest.mark.browser
def test_the_script_normalises_as_python_does(page, aral_site):
    rules_en = aral_site.page_data("unit")["answers"]
    texts = sorted({t for typed, form, _ in CASES for t in (typed, form)})
    texts += ["Ḉ", "İstanbul", "ΟΔΥΣΣΕΥΣ", "straße", "٣", "３ million", "a hundred and first", "one hundredth",
              "twenty twenty-two", "a lot", "and fifty", "hundred", "five 20", "ten thousandth", "0.1 million"]
    got = page.evaluate("([texts, rules]) => texts.map(t => window.quizgenAnswers.normalise(t, rules))",
                        [texts, rules_en])
    assert dict(zip(texts, got)) == {t: normalise_answer(t) for t in texts}
    plain = page.evaluate("(texts) => texts.map(t => window.quizgenAnswers.normalise(t, "
                          "{articles: [], percent: [], numbers: null}))", texts)
    assert dict(zip(texts, plain)) == {t: normalise_answer(t, "de") for t in texts}


@pytest.mark.browser
@pytest.mark.parametrize("item_id, typed", [
    ("buyer/fill-blank", "United States"),
    ("city/fill-blank", "Kyzylorda"),
    ("dam-length/fill-blank", "13"),
    ("diversion/fill-blank", "the oxus"),
    ("poet/who-was", "Berdaq"),
])
def test_an_accepted_answer_typed_in_the_quiz_is_right(page, aral_site, item_id, typed):
    data = aral_site.page_data("unit")
    number = 1 + [it["id"] for it in data["items"]].index(item_id)
    q = f"#q{number}"
    field = f"{q} input.cloze-input" if data["items"][number - 1]["type"] == "cloze" else f"{q} textarea"
    page.fill(field, typed)
    page.click(f"{q} button[type=submit]")
    assert page.inner_text(f"{q} .verdict strong") == "Right."
    stored = json.loads(page.evaluate("localStorage.getItem('quizgen:tiny')"))
    assert stored["items"][item_id]["result"] == "right"


@pytest.mark.browser
def test_a_wrong_answer_is_still_wrong(page, aral_site):
    data = aral_site.page_data("unit")
    number = 1 + [it["id"] for it in data["items"]].index("city/fill-blank")
    page.click("#start-again")
    if page.locator("#confirm-again").is_visible():
        page.click("#confirm-again-yes")
    page.fill(f"#q{number} input.cloze-input", "Aralsk")
    page.click(f"#q{number} button[type=submit]")
    assert page.inner_text(f"#q{number} .verdict strong") == "Not right."


def test_the_sheet_asks_every_written_item(aral):
    course, items = load(aral)
    [sheet] = plan_sheets(course, items)
    assert {"buyer/fill-blank", "city/fill-blank", "dam-length/fill-blank", "diversion/fill-blank",
            "poet/who-was"} <= {i.id for i in sheet.items}


def test_graders_comparing_as_written_get_every_form_the_key_forgives():
    """An LMS compares a typed answer with the accepted texts as written: the forms normalising makes the same
    (a leading article, a large number in digits, grouped or in words) go along."""
    from quizgen.answers import number_forms, without_article

    assert set(number_forms("two million")) == {"2000000", "2,000,000", "2 million"}
    assert set(number_forms("45000")) == {"45,000", "45 thousand"}
    assert number_forms("150") == [] and number_forms("seven") == ["7"]
    assert all(normalise_answer(f) == "2000000" for f in number_forms("two million"))
    assert without_article("the Royal Society") == "Royal Society" and without_article("Royal Society") == ""


def test_a_person_is_also_right_by_a_surname_no_one_else_of_the_course_bears(tmp_path):
    from helpers import course_items

    facts = (fact("buckland", "person", name="William Buckland", role="the geologist who named the first dinosaur")
             + fact("mary", "person", name="Mary Anning", role="the collector who found the first plesiosaur")
             + fact("joseph", "person", name="Joseph Anning", role="the brother who dug out the ichthyosaur skull")
             + fact("owen", "claim", speaker="Richard Owen", claim="the great lizards form a tribe of their own"))
    course, items, _ = course_items(tiny_course(tmp_path / "c", facts, source_date="1850-01"))
    accepted = {}
    for item in items.values():
        answers = answers_for(item, course)
        if answers is not None and item.answer in ("William Buckland", "Mary Anning", "Richard Owen"):
            accepted[item.answer] = answers.also
    assert {"William Buckland", "Mary Anning"} <= set(accepted), accepted
    assert "Buckland" in accepted["William Buckland"]
    assert "Anning" not in accepted["Mary Anning"]  # her brother is an Anning too
