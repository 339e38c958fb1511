"""Questions in Russian and Kazakh read grammatically: each template's stem for fixture facts, by gender and number.

The facts are those of `tests/courses/ru-baikonur` and `tests/courses/kk-abai`, changed where a row needs another
gender, number, tense or date precision. Each row gives the exact text a student reads; the templates are
`templates/questions/ru/` and `templates/questions/kk/`, the language's reading `quizgen/languages/`.
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from helpers import COURSES
from quizgen.build import load_course
from quizgen.errors import Problems
from quizgen.generate import generate_items, load_templates, make_environment
from quizgen.generate.templates import AUTHOR, fact_context, render_block, template_names
from quizgen.languages import language_for, shipped
from quizgen.model import CLOZE_BLANK
from quizgen.text import sentence_case

RU, KK = COURSES / "ru-baikonur", COURSES / "kk-abai"
PACKAGE_QUESTIONS = Path(__file__).resolve().parent.parent / "templates" / "questions"


_COURSES: dict[Path, object] = {}


def course_of(path: Path):
    if path not in _COURSES:
        _COURSES[path] = load_course(path)
    return _COURSES[path]


def fact(path: Path, fact_id: str, quote: str | None = None, **fields):
    """A fixture fact, with some of its fields (or its quote, or its `years`) changed."""
    found = next(f for f in course_of(path).facts if f.id == fact_id)
    years = fields.pop("years", found.years)
    new = replace(found, fields={**found.fields, **fields}, years=years)
    return replace(new, quote=quote) if quote is not None else new


def stem(path: Path, template: str, the_fact, block: str = "stem", value: str = "", written: bool = False) -> str:
    course = course_of(path)
    env = make_environment(None, course.language)
    templates = load_templates(env, Problems(), course.language)
    qt = next(t for group in templates.values() for t in group if t.id == template)
    ctx = {"fact": fact_context(the_fact), "course": course.title, "unit": "", "value": value, "author": AUTHOR,
           "written": written, "shared_start": "", "shared_end": "", "blank": CLOZE_BLANK}
    return sentence_case(render_block(qt, block, ctx))  # as every item and card prints it


# (course, template, block, fact id, changed fields, value, written) -> the exact text
RUSSIAN = [
    # person: the role after a dash, so no case or gender; the reverse card agrees only when gender is known
    ("person/who-was", "stem", "korolev", {}, "", False,
     "Кто из этих людей — главный конструктор первых ракет, которые стартовали с Байконура?"),
    ("person/who-was", "stem", "tereshkova", {}, "", False, "Кто из этих людей — первая женщина-космонавт?"),
    ("person/who-was", "stem", "volkov-viehbock", {}, "", False,
     "Кто из перечисленных — космонавты, которые летели вместе с Токтаром Аубакировым на корабле «Союз ТМ-13»?"),
    ("person/who-was", "stem", "tereshkova", {}, "", True, "Кто она — первая женщина-космонавт?"),
    ("person/who-was", "stem", "aubakirov", {}, "", True, "Кто он — первый космонавт-казах?"),
    ("person/who-was", "stem", "aubakirov", {"gender": None}, "", True, "Кто это — первый космонавт-казах?"),
    ("person/who-was", "stem", "volkov-viehbock", {}, "", True,
     "Кто они — космонавты, которые летели вместе с Токтаром Аубакировым на корабле «Союз ТМ-13»?"),
    ("person/who-was", "reverse", "korolev", {}, "", False, "Кем был Сергей Королёв, по данным статьи?"),
    ("person/who-was", "reverse", "tereshkova", {}, "", False, "Кем была Валентина Терешкова, по данным статьи?"),
    ("person/who-was", "reverse", "volkov-viehbock", {}, "", False,
     "Кем были Александр Волков и Франц Фибёк, по данным статьи?"),
    ("person/who-was", "reverse", "tereshkova", {"years": "1963-"}, "", False,
     "Кто такая Валентина Терешкова, по данным статьи?"),
    ("person/who-was", "reverse", "korolev", {"years": "1950-"}, "", False,
     "Кто такой Сергей Королёв, по данным статьи?"),
    # no gender: a construction that needs none (never guessed from "-ова")
    ("person/who-was", "reverse", "tereshkova", {"gender": None}, "", False,
     "Валентина Терешкова — кто это, по данным статьи?"),
    ("person/role-true-false", "stem", "savitskaya", {}, "первая женщина-космонавт", False,
     "Светлана Савицкая — первая женщина-космонавт."),
    # event: the question word first, the clause as written
    ("event/when", "stem", "sputnik", {}, "", False,
     "Какого числа с Байконура вывели на орбиту первый искусственный спутник Земли?"),
    ("event/when", "stem", "sputnik", {"when": "1957", "quote": "в 1957 году такая же ракета"}, "", False,
     "В каком году с Байконура вывели на орбиту первый искусственный спутник Земли?"),
    ("event/when", "stem", "sputnik", {"when": "1957-10", "quote": "в октябре 1957 года такая же ракета"}, "", False,
     "В каком месяце с Байконура вывели на орбиту первый искусственный спутник Земли?"),
    ("event/when", "stem", "sputnik", {"when": "1957", "quote": "к 1957 году такая же ракета"}, "", False,
     "К какому году с Байконура вывели на орбиту первый искусственный спутник Земли?"),
    ("event/when", "stem", "sputnik", {"when": "1950", "quote": "в 1950-е годы такая же ракета"}, "", False,
     "В каком десятилетии с Байконура вывели на орбиту первый искусственный спутник Земли?"),
    # term: the verb agrees with the definition's head only where its number is certain
    ("term/which-term", "stem", "heptyl", {}, "", False,
     "Как называется токсичное топливо некоторых ракет, остатки которого загрязняют почву степи?"),
    ("term/which-term", "stem", "r-7", {"definition": "ракеты Сергея Королёва, которые выводили спутники"}, "",
     False, "Как называются ракеты Сергея Королёва, которые выводили спутники?"),
    ("term/which-term", "stem", "r-7", {"definition": "метро космодрома"}, "", False,
     "Как это называется: метро космодрома?"),  # "метро" is singular and plural alike
    ("term/which-term", "reverse", "r-7", {}, "", False, "Что такое Р-7?"),
    ("term/definition-true-false", "stem", "heptyl", {},
     "ракета Сергея Королёва, которая вывела на орбиту первый искусственный спутник Земли", False,
     "Гептил — ракета Сергея Королёва, которая вывела на орбиту первый искусственный спутник Земли."),
    # cause and effect: the curated phrase after a colon, in the nominative
    ("cause_effect/effect-of", "stem", "baiterek", {}, "", False,
     "Согласно статье, к чему привело следующее: загрязнение степи остатками гептила?"),
    ("cause_effect/cause-of", "stem", "lease", {}, "", False,
     "Согласно статье, что привело к следующему: аренда Байконура Россией с 1994 года?"),
    # claim: "кто" takes the singular whatever the answer; a shown speaker's verb agrees with its number
    ("claim/who-said", "stem", "ecologists", {}, "", False,
     "Кто, согласно статье, считает, что все запуски нужно перевести на более безопасное топливо?"),
    ("claim/claim-true-false", "stem", "ecologists", {}, "все запуски нужно перевести на более безопасное топливо",
     False, "Согласно статье, экологи считают, что все запуски нужно перевести на более безопасное топливо."),
    ("claim/claim-true-false", "stem", "ecologists", {"speaker": "Сергей Королёв"}, "все запуски нужно перевести "
     "на более безопасное топливо", False,
     "Согласно статье, Сергей Королёв считает, что все запуски нужно перевести на более безопасное топливо."),
    ("claim/claim-true-false", "stem", "needed-long", {}, "космодром скоро перестанет быть нужным обеим странам",
     False, "Согласно статье, космодром скоро перестанет быть нужным обеим странам."),
    ("claim/speaker-true-false", "stem", "name-to-confuse", {}, "экологи", False,
     "Согласно статье, экологи считают, что название космодрома взяли у далёкого посёлка, чтобы запутать "
     "иностранные разведки."),
    ("claim/speaker-true-false", "stem", "name-to-confuse", {}, "Александр Волков и Франц Фибёк", False,
     "Согласно статье, Александр Волков и Франц Фибёк считают, что название космодрома взяли у далёкого посёлка, "
     "чтобы запутать иностранные разведки."),
    ("claim/speaker-true-false", "stem", "name-to-confuse", {}, "Юрий Гагарин", False,
     "Согласно статье, Юрий Гагарин считает, что название космодрома взяли у далёкого посёлка, чтобы запутать "
     "иностранные разведки."),
    ("claim/which-statement", "stem", "history-without-baikonur", {}, "", False,
     "Какое из двух утверждений есть в статье?"),
]

KAZAKH = [
    # person: the role as subject or after a dash, never with a suffix; no gender, one verb for both numbers
    ("person/who-was", "stem", "kunanbai", {}, "", False,
     "Мына адамдардың қайсысы — Абайдың әкесі, Қарқаралы округінің аға сұлтаны?"),
    ("person/who-was", "stem", "akylbai-magauia", {}, "", False,
     "Мыналардың қайсысы — өлең жазып, дастандар шығарған Абайдың ұлдары?"),
    ("person/who-was", "stem", "ulzhan", {}, "", True, "Абайдың сөзге шешен, ақылды анасы кім болған?"),
    ("person/who-was", "stem", "ulzhan", {"years": "1800-"}, "", True, "Абайдың сөзге шешен, ақылды анасы кім?"),
    ("person/who-was", "reverse", "zere", {}, "", False, "Мақала бойынша, Зере кім болған?"),
    ("person/who-was", "reverse", "akylbai-magauia", {}, "", False, "Мақала бойынша, Ақылбай мен Мағауия кім болған?"),
    ("person/role-true-false", "stem", "kunanbai", {}, "Абайдың әкесі, Қарқаралы округінің аға сұлтаны", False,
     "Құнанбай Өскенбайұлы — Абайдың әкесі, Қарқаралы округінің аға сұлтаны."),
    # event: the clause as its own sentence, the question after it; suffixes only on the template's own words
    ("event/when", "stem", "lenin-prize", {}, "", False,
     "«Абай жолы» роман-эпопеясы Лениндік сыйлыққа ие болды. Бұл қай жылы болды?"),
    ("event/when", "stem", "abai-born", {}, "", False,
     "Болашақ ақын Шыңғыстау баурайында дүниеге келді. Бұл қай күні болды?"),
    ("event/when", "stem", "abai-born", {"when": "1845-08", "quote": "Ол 1845 жылғы тамызда дүниеге келіп"}, "",
     False, "Болашақ ақын Шыңғыстау баурайында дүниеге келді. Бұл қай айда болды?"),
    # term: the definition as subject of "қалай аталады"; a name's definition asks "қандай"
    ("term/which-term", "stem", "kozimnin-qarasy", {}, "", False, "Абай шығарған, кеңінен танымал ән қалай аталады?"),
    ("term/which-term", "stem", "ibrahim", {}, "", False, "Ақынның туған кезде қойылған шын есімі қандай?"),
    ("term/which-term", "reverse", "qara-sozder", {}, "", False, "«Қара сөздер» деген не?"),
    ("term/definition-true-false", "stem", "kozimnin-qarasy", {}, "Абай шығарған, кеңінен танымал ән", False,
     "«Көзімнің қарасы» — Абай шығарған, кеңінен танымал ән."),
    # cause and effect: the nominalised clause as subject
    ("cause_effect/effect-of", "stem", "unfinished-studies", {}, "", False,
     "Мақала бойынша, Құнанбайдың баласын он үш жасынан ел басқару ісіне араластыруы неге әкелді?"),
    ("cause_effect/cause-of", "stem", "unfinished-studies", {}, "", False,
     "Мақала бойынша, Абайдың медреседегі оқуын аяқтай алмауы неден болды?"),
    # claim: the clause before "деп", the same verb for one speaker and many
    ("claim/who-said", "stem", "founder", {}, "", False,
     "Мақала бойынша, Абай қазақ жазба әдебиетінің негізін қалаушы деп кім санайды?"),
    ("claim/claim-true-false", "stem", "founder", {}, "Абай қазақ жазба әдебиетінің негізін қалаушы", False,
     "Мақала бойынша, ғалымдар Абай қазақ жазба әдебиетінің негізін қалаушы деп санайды."),
    ("claim/claim-true-false", "stem", "still-relevant", {}, "Абайдың ойлары бүгінде ескіріп, өз маңызын жойды",
     False, "Мақала бойынша, Абайдың ойлары бүгінде ескіріп, өз маңызын жойды."),
    ("claim/speaker-true-false", "stem", "key-to-the-world", {}, "Мұхтар Әуезов", False,
     "Мақала бойынша, Мұхтар Әуезов орыстың ғылымы мен өнері — дүниенің кілті деп санайды."),
    ("claim/which-statement", "stem", "every-young-reader", {}, "", False,
     "Мақалада осы екі пікірдің қайсысы айтылған?"),
]


def _row_id(row) -> str:
    template, block, fact_id, changed, value, written, _ = row
    extra = ",".join(f"{k}={v}" for k, v in changed.items() if k != "quote")
    return f"{template}:{block}:{fact_id}{'(' + extra + ')' if extra else ''}{':written' if written else ''}" \
           f"{':' + value[:12] if value else ''}"


@pytest.mark.parametrize("course,row", [(RU, r) for r in RUSSIAN] + [(KK, r) for r in KAZAKH],
                         ids=[f"ru-{_row_id(r)}" for r in RUSSIAN] + [f"kk-{_row_id(r)}" for r in KAZAKH])
def test_a_template_asks_a_fixture_fact_in_the_course_language(course, row):
    template, block, fact_id, changed, value, written, expected = row
    changed = dict(changed)
    quote = changed.pop("quote", None)
    assert stem(course, template, fact(course, fact_id, quote, **changed), block, value, written) == expected


# --- what the generator makes of the whole fixtures -------------------------------------------------------


_ITEMS: dict[Path, list] = {}


def items_of(path: Path) -> list:
    if path not in _ITEMS:
        _ITEMS[path] = generate_items(course_of(path), Problems())
    return _ITEMS[path]


def by_id(path: Path) -> dict:
    return {item.id: item for item in items_of(path)}


def test_the_items_drawn_from_several_facts_speak_the_course_language():
    ru, kk = by_id(RU), by_id(KK)
    assert ru["baikonur/timeline"].stem == ("Расположите события в том порядке, в котором они произошли, начиная "
                                           "с самого раннего.")
    assert ru["baikonur/matching-people"].stem == "Соотнесите каждое описание с человеком, к которому оно относится."
    # (the unit's terms are of four kinds, a name, a school, a song and a work: too few of one for a list)
    assert "abai/matching-terms" not in kk
    assert kk["abai/matching-people"].stem == "Әр сипаттаманы өзіне сәйкес адаммен сәйкестендіріңіз."
    assert kk["abai/timeline"].stem == "Оқиғаларды болған ретімен орналастырыңыз: ең ерте болғанынан бастаңыз."
    ru_statements = [s for s, _ in ru["baikonur/fact-or-opinion"].pairs]
    assert ("Историки считают, что название космодрома взяли у далёкого посёлка, чтобы запутать иностранные "
            "разведки.") in ru_statements
    assert "Экологи считают, что все запуски нужно перевести на более безопасное топливо." in ru_statements
    kk_statements = [s for s, _ in kk["abai/fact-or-opinion"].pairs]
    assert "Ғалымдар Абай қазақ жазба әдебиетінің негізін қалаушы деп санайды." in kk_statements


def test_a_gendered_role_is_never_answered_by_the_only_woman_among_the_options():
    """Options of one gender and one number: "первая женщина-космонавт" with three men beside her would answer
    itself, and a pair of names beside single people stands out."""
    for path in (RU, KK):
        course = course_of(path)
        people = {f.fields["name"]: f for f in course.facts if f.kind == "person"}
        for item in items_of(path):
            if item.template in ("person/who-was", "claim/who-said") and item.options:
                facts = [people[o] for o in item.options if o in people]
                assert len({f.fields["gender"] for f in facts}) <= 1, (item.id, item.options)
                plural = [bool(re.search(r" (и|мен|бен|пен) ", o)) for o in item.options]
                assert len(set(plural)) == 1, (item.id, item.options)
            if item.template == "person/role-true-false" and item.answer == "False":
                subject = next(f for f in course.facts if item.fact_ids[0] == f.id)
                owner = next(f for f in course.facts if f.kind == "person" and f.fields["role"] in item.stem
                             and f.id != subject.id)
                assert owner.fields["gender"] == subject.fields["gender"], item.stem


def test_the_russian_plural_pair_and_the_kazakh_plural_speaker_are_read_as_plural():
    ru = language_for("ru")
    assert ru.subject_number("Александр Волков и Франц Фибёк") == "plural"
    assert ru.subject_number("историки") == "plural"
    assert ru.subject_number("Валентина Терешкова") == "singular"
    assert ru.number("первая женщина-космонавт") == "singular"
    assert ru.number("метро космодрома") == ""  # never guessed
    kk = language_for("kk")
    assert kk.number("Ақылбай мен Мағауия") == "plural"
    assert kk.number("ғалымдар") == "plural"
    assert kk.number("қазақтың ұлы ақыны, ойшылы, аудармашысы және сазгері") == "singular"  # "және" joins nouns
    assert language_for("ru-RU") is ru and language_for("de").code == "en"


# Latin-script words a Russian or Kazakh item may hold: proper names written in Latin letters (none in these
# fixtures) and anything inside quotation marks, which is the source's own words.
LATIN = re.compile(r"[A-Za-z]{2,}")
ALLOWED_NAMES: frozenset[str] = frozenset()
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")


def _english_words(text: str) -> list[str]:
    return [w for w in LATIN.findall(_QUOTED.sub("", text)) if w not in ALLOWED_NAMES]
# Dates ("4 October 1957") and the labels True/False, Fact/Opinion are formatted and translated outside the question
# templates (Babel dates and the message catalogs); they are checked apart below.
_MONTHS = ("January February March April May June July August September October November December").split()


def _texts(item) -> list[tuple[str, str]]:
    texts = [("stem", item.stem), ("explanation", item.explanation or "")]
    if item.type not in ("tf",):
        texts += [("option", o) for o in item.options if not _is_date(o)]
        if not _is_date(item.answer) and item.type not in ("matching", "ordering", "fact_opinion"):
            texts.append(("answer", item.answer))
    texts += [("pair", a) for a, _ in item.pairs] + [("event", e) for _, e in item.sequence]
    if item.reverse:
        texts += [("reverse", item.reverse[0]), ("reverse answer", item.reverse[1])]
    return texts


def _is_date(text: str) -> bool:
    return bool(re.fullmatch(r"(\d{1,2} )?(" + "|".join(_MONTHS) + r")? ?\d{4}", text.strip()))


@pytest.mark.parametrize("path", [RU, KK], ids=["ru", "kk"])
def test_no_english_word_in_a_russian_or_kazakh_question(path):
    found = [(item.id, part, _english_words(text)) for item in items_of(path) for part, text in _texts(item)
             if _english_words(text)]
    assert not found
    assert sum(len(_texts(item)) for item in items_of(path)) > 100  # stems, options, cards, pairs: all read
    assert _english_words("Кто, согласно статье, said that «Союз TM»?") == ["said", "that"]  # the check itself


@pytest.mark.parametrize("path", [RU, KK], ids=["ru", "kk"])
def test_dates_in_russian_and_kazakh_options_are_in_the_course_language(path):
    items = items_of(path)
    dates = [o for item in items if item.template.endswith("/when") for o in (*item.options, item.answer)]
    dates += [label for item in items if item.type == "ordering" for label, _ in item.sequence]
    assert dates and not [d for d in dates if LATIN.search(d)]
    assert any(re.search(r"\d{4}", d) for d in dates)


# --- every shipped language asks every kind -----------------------------------------------------------------


def test_every_shipped_language_has_a_template_for_every_default_template():
    defaults = sorted(str(p.relative_to(PACKAGE_QUESTIONS)) for p in PACKAGE_QUESTIONS.glob("*/*.j2"))
    codes = [code for code in shipped() if code != "en"]
    assert {"ru", "kk"} <= set(codes)
    for code in codes:
        own = sorted(str(p.relative_to(PACKAGE_QUESTIONS / code)) for p in (PACKAGE_QUESTIONS / code).glob("*/*.j2"))
        assert own == defaults, code


def test_a_course_in_a_shipped_language_uses_only_that_language_and_its_own_templates(tmp_path):
    """quizgen's questions/<language>/ first; a course's own template (in its language, by definition) before both;
    never an English template or another language's."""
    own = tmp_path / "templates" / "questions" / "person"
    own.mkdir(parents=True)
    (own / "who-was.j2").write_text('{% set type = "mcq" %}{% set answer_field = "name" %}'
                                    '{% block stem %}Кто же это — {{ fact.role }}?{% endblock %}', encoding="utf-8")
    env = make_environment(str(tmp_path / "templates"), "ru")
    names = template_names(env, "ru")
    assert "questions/person/who-was.j2" in names  # the course's own
    assert all(n.startswith("questions/ru/") for n in names if n != "questions/person/who-was.j2")
    english = template_names(make_environment(None, "en"), "en")
    assert all(n.count("/") == 2 for n in english)
    assert template_names(make_environment(None, "de"), "de") == english


def test_the_article_as_speaker_in_the_course_language():
    """`статья` and `мақала` stand for the article's own analysis as `the article` does: no "who said it?" asks
    for it, and the fact-or-opinion item counts it an opinion."""
    ru = {f.id: f for f in course_of(RU).facts}
    assert ru["needed-long"].fields["speaker"] == AUTHOR
    assert not [i for i in items_of(RU) if i.id == "needed-long/who-said"]
    kk = {f.id: f for f in course_of(KK).facts}
    assert kk["still-relevant"].fields["speaker"] == AUTHOR


def test_the_head_noun_of_a_definition_decides_which_terms_are_offered_together():
    """Russian: the first noun of the phrase that can only be a noun, in the nominative; Kazakh: the last word,
    without its possessive or plural ending."""
    ru = language_for("ru")
    assert ru.term_kind("Байконур", "первый и крупнейший космодром мира, в полупустыне ...") == "космодром"
    assert ru.term_kind("гептил", "токсичное топливо некоторых ракет, остатки которого ...") == "топливо"
    assert ru.term_kind("Р-7", "ракета Сергея Королёва, которая вывела на орбиту ...") == "ракета"
    kk = language_for("kk")
    assert kk.term_kind("Ахмет Риза медресесі", "Абай ... меңгерген Семейдегі оқу орны") == "орын"
    assert kk.term_kind("Ибраһим", "ақынның туған кезде қойылған шын есімі") == "есім"
    assert kk.term_kind("«Көзімнің қарасы»", "Абай шығарған, кеңінен танымал ән") == "ән"
    assert kk.person_kind("Ақылбай мен Мағауия", "өлең жазып, дастандар шығарған Абайдың ұлдары") == "people"


def test_a_state_in_russian_or_kazakh_is_asked_without_neighbouring_years_as_wrong_options():
    """"В 1960 году площадь моря составляла ..." was so in 1959 and 1961 too: no choice question can mark them
    wrong, as in English ("the sea covered ..."). A perfective verb or a passive tells what happened."""
    ru = language_for("ru")
    assert ru.describes_state("площадь моря составляла 68 тысяч квадратных километров")
    assert ru.describes_state("в городе жили 70 тысяч человек")
    assert not ru.describes_state("советское правительство решило построить в казахской степи полигон")
    assert not ru.describes_state("космодром был построен за два года")
    assert not ru.describes_state("море заняло половину впадины")
    assert language_for("kk").describes_state("ауыл Шыңғыстау баурайында орналасқан")
    assert not language_for("kk").describes_state("орталығы Семей қаласы болатын Абай облысы құрылды")
    state = fact(RU, "sputnik", "в 1957 году площадь полигона составляла тысячи километров", when="1957",
                 what="площадь полигона составляла тысячи квадратных километров")
    assert stem(RU, "event/when", state) == ("По данным статьи, в каком году площадь полигона составляла тысячи "
                                             "квадратных километров?")


@pytest.mark.parametrize("path", [RU, KK], ids=["ru", "kk"])
def test_dates_in_the_course_language_are_listed_in_order(path):
    # Options that are dates are printed earliest first: the ordering must read Russian and Kazakh dates too.
    from quizgen.options import in_order

    whens = [item for item in items_of(path) if item.template.endswith("/when") and len(item.options) > 1]
    assert whens
    for item in whens:
        order = in_order(item.options)
        assert order is not None, item.options
        years = [int(re.search(r"\d{4}", item.options[i]).group()) for i in order]
        assert years == sorted(years), item.options


def test_a_matching_list_of_one_kind_asks_in_the_course_language(tmp_path):
    # People with no gender given are of one kind, "person": the question that names the kind is English only.
    from helpers import fact, tiny_course

    people = [("Иван Петров", "инженер, построивший первый мост через реку"),
              ("Пётр Сидоров", "врач, открывший первую больницу в городе"),
              ("Анна Волкова", "учительница, основавшая сельскую школу"),
              ("Олег Морозов", "капитан, впервые прошедший по северному пути")]
    facts = "".join(fact(f"person-{k}", "person", name=n, role=r) for k, (n, r) in enumerate(people))
    folder = tiny_course(tmp_path / "ru", facts)
    course_file = folder / "course.yaml"
    text = course_file.read_text(encoding="utf-8")
    course_file.write_text(text.replace("slug: tiny\n", "slug: tiny\nlanguage: ru\n"), encoding="utf-8")
    [matching] = [i for i in generate_items(course_of(folder), Problems()) if i.type == "matching"]
    assert matching.stem == "Соотнесите каждое описание с человеком, к которому оно относится."
