"""The web practice quiz, opened from disk in real headless Chromium (Debian's `chromium`, driven by Playwright).

Every browser test watches its pages: a console error, a script error, a dialog or any request
other than the quiz files themselves fails it. Screenshots of the pages at 360 and 1280 pixels,
light and dark, with the script on and off, go to $QUIZGEN_SCREENSHOTS when it is set.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from browser import chromium
from helpers import COURSES, REPO, edit_facts, remove_fact
from quizgen.build import load_course
from quizgen.errors import ContentError
from quizgen.generate import generate_items
from quizgen.plan import Sheet
from quizgen.targets.web import pages as web
from quizgen.targets.web.pages import render_web
from quizgen.text import normalise, quote_span
from web_helpers import Quiz, Watch, build_web, fold, page_data, sheets_of

MINI = COURSES / "mini"
UNIT = "steppe"
EXAM = "mini-steppe-exam"
STORAGE_KEY = "quizgen:mini-steppe"
TYPES = ("mcq", "tf", "cloze", "matching", "ordering", "recall")


# --- without a browser ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mini_files():
    course = load_course(MINI)
    items = generate_items(course)
    return render_web(course, items, sheets_of(course, items, exam=6))


def test_files_one_page_per_sheet_and_an_index(mini_files):
    assert sorted(mini_files) == ["web/index.html", f"web/{EXAM}.html", f"web/{UNIT}.html"]
    data = page_data(mini_files[f"web/{UNIT}.html"])
    assert {it["type"] for it in data["items"]} == set(TYPES), "the mini unit page should hold every item type"
    index = mini_files["web/index.html"].decode()
    assert f'href="{UNIT}.html"' in index and f'href="{EXAM}.html"' in index and "Mini steppe course" in index


def test_same_course_gives_the_same_bytes(mini_files, tmp_path):
    course = load_course(MINI)
    items = generate_items(course)
    again = render_web(course, items, sheets_of(course, items, exam=6))
    assert again == mini_files
    # A copy of the course elsewhere gives the same pages: no path or clock leaks in.
    copy = tmp_path / "elsewhere"
    shutil.copytree(MINI, copy)
    course = load_course(copy)
    items = generate_items(course)
    assert render_web(course, items, sheets_of(course, items, exam=6)) == mini_files


def test_the_pages_a_check_rendered_wait_compressed_and_render_to_the_same_bytes():
    """The build checks the web pages by rendering them, then writes what the check rendered: meanwhile the
    pages wait compressed, and are unpacked to the very bytes a fresh rendering gives."""
    from quizgen.build import plan_job
    from quizgen.targets.web import TARGET

    course = load_course(MINI)
    job = plan_job(course, generate_items(course))
    assert TARGET.check(job) == []
    fresh = render_web(job.course, job.items, job.sheets)
    held = TARGET._checked[1]
    assert sorted(held) == sorted(fresh) and sum(map(len, held.values())) < sum(map(len, fresh.values())) / 2
    files = TARGET.render(job).files
    assert sorted(files) == sorted(fresh) and all(files[path] == fresh[path] for path in fresh)


def test_items_and_facts_carry_no_dict_of_their_own(mini_files):
    """A course of 10,000 facts holds tens of thousands of items: each is a slotted record, not a dict."""
    course = load_course(MINI)
    items = generate_items(course)
    assert not any(hasattr(obj, "__dict__") for obj in (items[0], items[0].citation, course.facts[0]))


def test_pages_load_nothing_and_allow_only_their_own_style_and_script(mini_files):
    for name, data in mini_files.items():
        html = data.decode("utf-8")
        csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1)
        assert "default-src 'none'" in csp and "form-action 'none'" in csp
        scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
        styles = re.findall(r"<style>(.*?)</style>", html, re.S)
        assert len(scripts) == 1 and len(styles) == 1, name
        for text, directive in ((scripts[0], "script-src"), (styles[0], "style-src")):
            digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
            assert f"{directive} 'sha256-{digest}'" in csp, name
        assert not re.search(r"<(link|img|iframe|object|embed)\b[^>]*\b(href|src)=\"(?!data:)", html.replace(
            '<link rel="icon" href="data:,">', "")), name
        assert not re.search(r"\bsrc=", html), name
        assert "Math.random" not in html, "options are shuffled by the browser's crypto source, at run time"
        assert "@import" not in html and "url(" not in styles[0]


def test_web_target_needs_none_of_the_heavy_libraries():
    code = ("import sys, quizgen.targets.web.pages; "
            "print(sorted(m for m in ('reportlab', 'genanki', 'ruamel', 'pydantic') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_quote_is_found_as_the_quote_check_finds_it():
    paragraph = "In June 2022,\n  Putin said Kazakhstan was “historically Russia”. Then more."
    before, quote, after = quote_span(paragraph, 'Putin said Kazakhstan was "historically Russia"')
    assert (before, quote, after) == ("In June 2022,\n  ", "Putin said Kazakhstan was “historically Russia”",
                                      ". Then more.")
    decomposed = "Cafe\u0301 society"
    assert quote_span(decomposed, "Café")[1] == "Café"
    assert quote_span("nothing here", "absent") is None


def test_the_feedback_shows_the_items_own_quote_not_its_whole_paragraph():
    """A paragraph often answers the questions after this one: the answer shows only the quote, marked, with "…"
    where its paragraph goes on; an item of several facts shows each fact's quote."""
    import html as html_lib
    course = load_course(MINI)
    items = generate_items(course)
    page = render_web(course, items, sheets_of(course, items))[f"web/{UNIT}.html"].decode()
    facts = {f.id: f for u in course.units for f in u.facts}
    paragraphs = next(u for u in course.units if u.slug == UNIT).source.paragraphs
    checked = set()
    for item in items:
        found = re.search(rf'<li class="question" id="[^"]+" data-id="{re.escape(item.id)}".*?</details>', page, re.S)
        if found is None or item.citation is None:
            continue
        shown = [normalise(html_lib.unescape(re.sub(r"<[^>]+>", "", q))) for q in
                 re.findall(r'<blockquote class="paragraph"><p>(?:<span class="pnum">\d+</span> )?(.*?)</p>',
                            found.group(0), re.S)]
        cited = ([(item.citation.paragraph, item.citation.quote)] if item.citation.quote
                 else [(facts[i].paragraph, facts[i].quote) for i in item.fact_ids])
        quotes = [q for n, q in cited if quote_span(paragraphs[n - 1], q)]  # a quote not found: shown on its own
        if not quotes:
            continue
        marked = [normalise(html_lib.unescape(m)) for m in re.findall(r"<mark>(.*?)</mark>", found.group(0), re.S)]
        assert sorted(marked) == sorted(normalise(q) for q in quotes), item.id
        for text, quote in zip(shown, marked):
            assert text.strip("… ") == quote, item.id  # no word of the paragraph beyond the quote
        paragraph = normalise(paragraphs[item.citation.paragraph - 1])
        if len(paragraph) > len(marked[0]) + 20:
            checked.add(item.type)
            assert paragraph not in normalise(html_lib.unescape(found.group(0))), item.id
    assert {"mcq", "tf", "matching"} <= checked


def test_fact_text_is_escaped_in_html_and_data(tmp_path):
    course_dir = tmp_path / "mini"
    shutil.copytree(MINI, course_dir)
    edit_facts(course_dir, 'claim: "the students wrote a < b & c on the board"',
               "claim: 'the students wrote <script>alert(1)</script> and </script><!-- \"a < b & c\"'")
    edit_facts(course_dir, 'distortion: "the students wrote a > b | c on the board"',  # whichever truth is asked
               "distortion: 'the students wrote <script>alert(1)</script> and </script><!-- \"a > b | c\"'")
    course = load_course(course_dir)
    items = generate_items(course)
    files = render_web(course, items, sheets_of(course, items))
    html = files[f"web/{UNIT}.html"].decode()
    assert "<script>alert(1)" not in html and "</script><!--" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<script") == 2  # the data block and the page's script
    block = re.search(r'<script type="application/json" id="quiz-data">(.*?)</script>', html, re.S).group(1)
    assert not set("<>&") & set(block)


def test_script_json_cannot_end_its_element():
    nasty = {"text": "</script><!-- <script> a < b & c > d \u2028 'q' \"q\""}
    text = web.script_json(nasty)
    assert json.loads(text) == nasty and not set("<>&") & set(text)


def test_a_course_can_override_the_web_templates(tmp_path):
    course_dir = tmp_path / "mini"
    shutil.copytree(MINI, course_dir)
    own = course_dir / "templates" / "web"
    own.mkdir(parents=True)
    base = web.package_web_dir()
    (own / "style.css").write_text((base / "style.css").read_text() + "\n.stem { letter-spacing: 0.01em; }\n")
    (own / "question.html").write_text(
        (base / "question.html").read_text().replace("Show the answer", "Reveal the answer"))
    course = load_course(course_dir)
    items = generate_items(course)
    html = render_web(course, items, sheets_of(course, items))[f"web/{UNIT}.html"].decode()
    assert "letter-spacing: 0.01em" in html
    assert "<summary>Reveal the answer</summary>" in html and "<summary>Show the answer</summary>" not in html
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    assert web.Assets.digest(style) in html


@pytest.mark.parametrize("name, text, expected", [
    ("quiz.html", "{{ ''.__class__.__mro__ }}", "unsafe"),
    ("quiz.html", "{% for %}", "web template error"),
    ("style.css", "body { color: red } </style><script>alert(1)</script>", "must not contain '</style'"),
    ("quiz.js", "var s = '</script>';", "must not contain '</script'"),
])
def test_a_broken_or_unsafe_course_template_is_a_content_error(tmp_path, name, text, expected):
    course_dir = tmp_path / "mini"
    shutil.copytree(MINI, course_dir)
    own = course_dir / "templates" / "web"
    own.mkdir(parents=True)
    (own / name).write_text(text)
    course = load_course(course_dir)
    items = generate_items(course)
    with pytest.raises(ContentError) as caught:
        render_web(course, items, sheets_of(course, items))
    message = str(caught.value)
    assert expected in message and name in message, message


def test_a_unit_named_index_is_refused():
    course = load_course(MINI)
    items = generate_items(course)
    with pytest.raises(ContentError, match="would overwrite the web quiz's index.html"):
        render_web(course, items, [Sheet("index", "Index", tuple(items[:2]))])


# --- in the browser ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory):
    return build_web(MINI, tmp_path_factory.mktemp("mini-web"), exam=6)


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory):
    return build_web(REPO / "content", tmp_path_factory.mktemp("shipped-web"))


@pytest.fixture
def watched(browser):
    """Open pages in fresh browser contexts (empty localStorage); fail on anything a page should not do."""
    contexts, watches = [], []

    def open_page(url: str, *, context=None, width: int = 1280, scheme: str = "light", js: bool = True,
                  allowed=()):
        if context is None:
            context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                          java_script_enabled=js)
            contexts.append(context)
        page = context.new_page()
        watch = Watch(allowed={url, *allowed})
        watch.attach(page)
        watches.append(watch)
        page.goto(url)
        return page

    open_page.watches = watches
    yield open_page
    for context in contexts:
        context.close()
    problems = [p for w in watches for p in w.problems()]
    assert not problems, problems


def open_quiz(watched, site, slug, **kw) -> Quiz:
    page = watched(site.url(slug), **kw)
    return Quiz(page, site.page_data(slug))


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem({json.dumps(STORAGE_KEY)})") or "{}")


def check_feedback(site, quiz: Quiz, item, right: bool) -> None:
    """The verdict, the right answer, the explanation and the source's quote, marked."""
    anchor = quiz.anchor(item.id)
    feedback = quiz.page.locator(f"#{anchor} .feedback")
    assert feedback.is_visible()
    assert quiz.result(item.id) == ("Right." if right else "Not right.")
    assert quiz.page.locator(f"#{anchor}.{'is-right' if right else 'is-wrong'}").count() == 1
    text = fold(feedback.inner_text())
    if item.type in ("matching", "fact_opinion"):
        for left, right_text in item.pairs:
            assert fold(f"{left}: {right_text}") in text
        rows = quiz.page.locator(f"#{anchor} .match-row")
        truth = dict(item.pairs)
        for k in range(rows.count()):  # each row now shows the chosen description in full, and its mark
            row = rows.nth(k)
            chosen = row.locator(".chosen").inner_text()
            assert (chosen == truth[row.locator("label").inner_text()]) == right
            assert row.locator("select").is_hidden()
            assert row.locator(".row-status").inner_text().startswith("✓ right" if right else "✗ should be: ")
    elif item.type == "ordering":
        for date, event in item.sequence:
            assert fold(f"{date}: {event}") in text
    elif item.type == "cloze":
        assert fold(f"Answer: {item.cloze[1]}") in text
    elif item.type == "recall":
        assert fold(f"Model answer: {item.answer}") in text
    else:
        assert fold(f"Answer: {item.options[item.correct]}") in text
    if item.explanation:
        assert fold(f"Why: {item.explanation}") in text
    cite = item.citation
    numbers = cite.paragraphs or (cite.paragraph,)
    where = f"paragraphs {', '.join(map(str, numbers))}" if len(numbers) > 1 else f"paragraph {numbers[0]}"
    assert fold(f"Source: {cite.title}") in text and where in text
    if cite.quote:
        unit = next(u for u in site.course.units if u.slug == item.unit)
        paragraph = unit.source.paragraphs[cite.paragraph - 1]
        assert normalise(feedback.locator("blockquote.paragraph mark").inner_text()) == normalise(cite.quote)
        shown = normalise(feedback.locator("blockquote.paragraph").inner_text())
        assert shown.strip("… ") == normalise(cite.quote)  # the quote, not the paragraph that answers later ones
        if normalise(paragraph) != normalise(cite.quote):
            assert "…" in shown


@pytest.mark.browser
@pytest.mark.parametrize("right", [True, False], ids=["right", "wrong"])
def test_every_item_type_with_the_mouse(watched, mini_site, right):
    quiz = open_quiz(watched, mini_site, UNIT)
    total = len(quiz.items)
    assert quiz.score() == f"Score: 0 right, 0 wrong, {total} to go."
    for n, it in enumerate(quiz.items, 1):
        item = mini_site.items[it["id"]]
        quiz.answer_with_mouse(item.id, right=right)
        check_feedback(mini_site, quiz, item, right)
        said = quiz.announced()
        assert said.startswith(f"Question {n}: {'right' if right else 'not right'}."), said
        expected = f"{n if right else 0} right, {0 if right else n} wrong, {total - n} to go"
        assert expected in said and expected in quiz.score()
    good = total if right else 0
    assert quiz.score().endswith(f"all answered, {good} of {total} right.")
    assert quiz.page.locator("#practise-missed").is_disabled() == right


@pytest.mark.browser
@pytest.mark.parametrize("right", [True, False], ids=["right", "wrong"])
def test_every_item_type_with_the_keyboard_only(watched, mini_site, right):
    quiz = open_quiz(watched, mini_site, UNIT)
    page = quiz.page
    key = page.keyboard
    total = len(quiz.items)
    key.press("Tab")
    first = quiz.focused()
    assert first["cls"] == "skip" and first["text"] == "Skip to the questions"
    assert page.locator(".skip").is_visible()
    key.press("Enter")
    assert quiz.focused()["id"] == "main"
    quiz.tab_to(lambda f: f["question"] == "q1", "the first question")
    for n, it in enumerate(quiz.items, 1):
        item = mini_site.items[it["id"]]
        quiz.answer_with_keyboard(item.id, right=right)
        check_feedback(mini_site, quiz, item, right)
        said = quiz.announced()
        good, bad = (n, 0) if right else (0, n)
        assert said.startswith(f"Question {n}: {'right' if right else 'not right'}."), said
        assert f"{good} right, {bad} wrong" in said, said
        if item.type in ("mcq", "tf", "cloze") and not right:
            answer = item.cloze[1] if item.type == "cloze" else item.options[item.correct]
            assert f"The answer is: {answer}." in said
        assert quiz.focused()["text"] == "Next question"
        # The focused control shows a visible outline.
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
        if n < total:
            key.press("Enter")  # the focus goes to the next open question's heading
            assert quiz.focused()["id"] == f"q{n + 1}-head"
    good = total if right else 0
    assert quiz.score() == f"Score: {good} right, {total - good} wrong, 0 to go: all answered, {good} of {total} right."
    key.press("Enter")  # after the last question, Next leads to the practice tools
    assert quiz.focused()["id"] == ("start-again" if right else "practise-missed")


@pytest.mark.browser
def test_choice_marks_the_chosen_and_the_right_option(watched, mini_site):
    quiz = open_quiz(watched, mini_site, UNIT)
    mcq = next(it for it in quiz.items if it["type"] == "mcq")
    quiz.answer_with_mouse(mcq["id"], right=False)
    q = "#" + quiz.anchor(mcq["id"])
    right = quiz.page.locator(f"{q} label.is-correct")
    wrong = quiz.page.locator(f"{q} label.is-chosen-wrong")
    assert fold(right.inner_text()) == fold(mcq["options"][mcq["correct"]] + " Correct answer")
    assert wrong.count() == 1 and wrong.inner_text().endswith("Your answer")
    assert quiz.page.locator(f"{q} input[type=radio]:disabled").count() == len(mcq["options"])


@pytest.mark.browser
def test_an_unanswered_check_asks_for_an_answer(watched, mini_site):
    quiz = open_quiz(watched, mini_site, UNIT)
    for it in quiz.items:
        if it["type"] in ("ordering", "recall"):
            continue  # a timeline always has an order; a short answer may be blank
        q = "#" + quiz.anchor(it["id"])
        quiz.page.click(f"{q} button[type=submit]")
        hint = quiz.page.locator(f"{q} .hint")
        assert hint.is_visible() and hint.inner_text().endswith("first.")
        assert quiz.page.locator(f"{q} .feedback").is_hidden()
    assert quiz.score().startswith("Score: 0 right, 0 wrong")


@pytest.mark.browser
def test_typed_answers_forgive_case_space_quote_marks_and_composition(watched, tmp_path):
    course_dir = tmp_path / "mini"
    shutil.copytree(MINI, course_dir)
    edit_facts(course_dir, 'statement: "The Kazakh Cyrillic alphabet includes the letters [[Ә Ғ Қ Ң Ө Ұ Ү Һ І]]."',
               "statement: 'The class sang [[“Ёлка” at the café]] every winter.'")
    site = build_web(course_dir, tmp_path / "out")
    quiz = open_quiz(watched, site, UNIT)
    cloze = next(it for it in quiz.items if it["type"] == "cloze")
    assert cloze["accepted"] == ["“Ёлка” at the café"]
    q = "#" + quiz.anchor(cloze["id"])
    accepted = [
        "“Ёлка” at the café",
        '  "ёлка"   AT THE CAFÉ  ',  # case, straight quotes, runs of space
        "'Е\u0308лка' at the cafe\u0301",  # decomposed letters, single quotes
        "Ёлка at the café",  # no quote marks at all
        "«Ёлка» at the café",
    ]
    for typed in accepted + ["Ёлка at the cafe", "Елка at the café"]:
        quiz.start_again()
        quiz.page.fill(f"{q} input.cloze-input", typed)
        quiz.page.press(f"{q} input.cloze-input", "Enter")
        assert quiz.result(cloze["id"]) == ("Right." if typed in accepted else "Not right."), typed


@pytest.mark.browser
def test_timeline_reorders_with_buttons_and_announces_each_move(watched, mini_site):
    quiz = open_quiz(watched, mini_site, UNIT)
    it = next(i for i in quiz.items if i["type"] == "ordering")
    events = [e[1] for e in it["sequence"]]
    q = "#" + quiz.anchor(it["id"])
    start = quiz.timeline(it["id"])
    assert sorted(start) == sorted(events) and start != events, "never shown in its right order"
    rows = quiz.page.locator(f"{q} .event")
    assert rows.nth(0).locator("button.up").is_disabled() and rows.last.locator("button.down").is_disabled()
    rows.nth(0).locator("button.down").click()
    assert quiz.timeline(it["id"])[1] == start[0]
    assert quiz.announced() == f"Moved to position 2 of {len(events)}: {start[0]}"
    assert quiz.focused()["label"] == f"Move down: {start[0]}"


@pytest.mark.browser
def test_options_are_shuffled_for_every_attempt(watched, mini_site):
    quiz = open_quiz(watched, mini_site, UNIT)
    mcq = next(it for it in quiz.items if it["type"] == "mcq")
    matching = next(it for it in quiz.items if it["type"] == "matching")
    timeline = next(it for it in quiz.items if it["type"] == "ordering")
    seen_options, seen_rows, seen_events = set(), set(), set()
    for _ in range(8):
        quiz.start_again()
        labels = quiz.page.locator(f"#{quiz.anchor(mcq['id'])} label.choice").all_inner_texts()
        seen_options.add(tuple(labels))
        rows = quiz.page.locator(f"#{quiz.anchor(matching['id'])} .match-row label").all_inner_texts()
        seen_rows.add(tuple(rows))
        seen_events.add(tuple(quiz.timeline(timeline["id"])))
        assert sorted(labels) == sorted(mcq["options"])
    # With 4 options, 8 attempts in the same order would happen once in 24**7 runs.
    assert len(seen_options) > 1 and len(seen_rows) > 1 and len(seen_events) > 1
    assert tuple(e[1] for e in timeline["sequence"]) not in seen_events


@pytest.mark.browser
def test_progress_survives_a_reload_and_practise_the_missed_ones(watched, mini_site):
    quiz = open_quiz(watched, mini_site, UNIT)
    ids = [it["id"] for it in quiz.items]
    total = len(ids)
    plan = {ids[0]: True, ids[1]: False, ids[2]: True, ids[4]: False, ids[5]: True}
    for item_id, right in plan.items():
        quiz.answer_with_mouse(item_id, right=right)
    score = f"Score: 3 right, 2 wrong, {total - 5} to go."
    assert quiz.score() == score
    saved = stored(quiz.page)["items"]
    assert {i: r["result"] for i, r in saved.items()} == {i: "right" if r else "wrong" for i, r in plan.items()}
    answers = {i: quiz.page.inner_text(f"#{quiz.anchor(i)} .verdict") for i in plan}
    cloze = next(it for it in quiz.items if it["type"] == "cloze")

    quiz.page.reload()
    assert quiz.score() == score
    for item_id in plan:
        assert quiz.page.inner_text(f"#{quiz.anchor(item_id)} .verdict") == answers[item_id]
    if cloze["id"] in plan:  # the typed answer comes back too
        typed = quiz.page.input_value(f"#{quiz.anchor(cloze['id'])} input.cloze-input")
        assert typed == (cloze["accepted"][0] if plan[cloze["id"]] else "certainly not this")
    for item_id in set(ids) - set(plan):
        assert quiz.page.locator(f"#{quiz.anchor(item_id)} .feedback").is_hidden()

    # Practise the missed ones: only they show, unanswered, and it lasts over a reload.
    assert quiz.page.inner_text("#practise-missed") == "Practise the ones I missed (2)"
    quiz.page.click("#practise-missed")
    missed = [i for i, r in plan.items() if not r]
    visible = [i for i in ids if quiz.page.locator(f"#{quiz.anchor(i)}").is_visible()]
    assert visible == missed
    assert quiz.score() == "Practising the 2 you missed. Score: 0 right, 0 wrong, 2 to go."
    quiz.page.reload()
    assert [i for i in ids if quiz.page.locator(f"#{quiz.anchor(i)}").is_visible()] == missed
    quiz.answer_with_mouse(missed[0], right=True)
    quiz.answer_with_mouse(missed[1], right=True)
    assert quiz.score().endswith("Score: 2 right, 0 wrong, 0 to go: all answered, 2 of 2 right.")
    record = stored(quiz.page)["items"][missed[0]]
    assert record["tries"] == 2 and record["rights"] == 1
    quiz.page.click("#show-all")
    assert quiz.score() == f"Score: 5 right, 0 wrong, {total - 5} to go."
    assert all(quiz.page.locator(f"#{quiz.anchor(i)}").is_visible() for i in ids)

    # Start again asks first; keeping the answers changes nothing, confirming clears them for good.
    quiz.page.click("#start-again")
    assert quiz.focused()["id"] == "confirm-again-yes"
    quiz.page.click("#confirm-again-no")
    assert quiz.page.locator("#confirm-again").is_hidden() and quiz.focused()["id"] == "start-again"
    assert quiz.score() == f"Score: 5 right, 0 wrong, {total - 5} to go."
    quiz.start_again()
    assert quiz.score() == f"Score: 0 right, 0 wrong, {total} to go."
    quiz.page.reload()
    assert quiz.score() == f"Score: 0 right, 0 wrong, {total} to go."
    assert all(r.get("result") is None for r in stored(quiz.page)["items"].values())


@pytest.mark.browser
def test_a_rebuild_keeps_progress_by_id_and_ignores_removed_items(watched, tmp_path):
    course_dir = tmp_path / "mini"
    shutil.copytree(MINI, course_dir)
    out = tmp_path / "out"
    site = build_web(course_dir, out)
    quiz = open_quiz(watched, site, UNIT)
    removed = "historically-russia/speaker-true-false"
    ids = [it["id"] for it in quiz.items]
    assert removed in ids
    plan = {item_id: item_id != removed and k % 2 == 0 for k, item_id in enumerate(ids)}
    for item_id, right in plan.items():
        quiz.answer_with_mouse(item_id, right=right)
    wrong_before = sum(not r for r in plan.values())
    assert quiz.page.inner_text("#practise-missed") == f"Practise the ones I missed ({wrong_before})"

    remove_fact(course_dir, "historically-russia")
    rebuilt = build_web(course_dir, out)  # the same output folder: the same file:// page
    new_ids = [it["id"] for it in rebuilt.page_data(UNIT)["items"]]
    assert removed not in new_ids
    # The sheet may now ask another question in the removed one's place (the planner refills it): that one is
    # new to the learner, "to go"; an answered question the sheet no longer asks is not counted either.
    kept = [i for i in new_ids if i in plan]
    fresh = [i for i in new_ids if i not in plan]
    gone_wrong = sum(1 for i in ids if i not in new_ids and i != removed and not plan[i])
    quiz.page.reload()
    quiz = Quiz(quiz.page, rebuilt.page_data(UNIT))
    assert quiz.page.locator(".question").count() == len(new_ids)
    results = {i: r.get("result") for i, r in stored(quiz.page)["items"].items()}
    assert results[removed] == "wrong", "the record stays in storage, in case the item comes back"
    right = sum(plan[i] for i in kept)
    wrong = len(kept) - right
    assert wrong == wrong_before - 1 - gone_wrong
    if fresh:
        assert quiz.score() == f"Score: {right} right, {wrong} wrong, {len(fresh)} to go."
    else:
        assert quiz.score() == (f"Score: {right} right, {wrong} wrong, 0 to go: all answered, {right} of "
                                f"{len(new_ids)} right.")
    for item_id in kept:  # every kept item shows its own result again
        assert quiz.result(item_id) == ("Right." if plan[item_id] else "Not right.")
    assert quiz.page.inner_text("#practise-missed") == f"Practise the ones I missed ({wrong})"
    quiz.page.click("#practise-missed")
    practised = [i for i in new_ids if quiz.page.locator(f"#{quiz.anchor(i)}").is_visible()]
    assert practised == [i for i in kept if not plan[i]]


@pytest.mark.browser
def test_the_index_links_every_page_and_shows_progress(watched, mini_site):
    quiz = open_quiz(watched, mini_site, UNIT)
    first = quiz.items[0]["id"]
    quiz.answer_with_mouse(first, right=True)
    context = quiz.page.context
    index = watched(mini_site.url("index"), context=context, allowed=[mini_site.url(EXAM)])
    links = index.locator(".page-link a")
    assert links.all_inner_texts() == ["The steppe in brief", "Course exam"]
    rows = [fold(t) for t in index.locator(".page-link").all_inner_texts()]
    n = len(quiz.items)
    assert rows[0] == f"The steppe in brief {n} questions 1 of {n} right so far"
    exam_ids = [it["id"] for it in mini_site.page_data(EXAM)["items"]]
    progress = f" 1 of {len(exam_ids)} right so far" if first in exam_ids else ""
    assert rows[1] == f"Course exam {len(exam_ids)} questions, across every unit{progress}"
    exam_count = len(exam_ids)
    links.nth(1).click()
    index.wait_for_url(mini_site.url(EXAM))
    assert index.inner_text("h1") == "Course exam"
    done = int(first in exam_ids)
    assert index.inner_text("#score") == f"Score: {done} right, 0 wrong, {exam_count - done} to go."


@pytest.mark.browser
def test_without_javascript_every_question_and_answer_is_on_the_page(watched, mini_site):
    page = watched(mini_site.url(UNIT), js=False)
    data = mini_site.page_data(UNIT)
    assert page.locator(".question").count() == len(data["items"])
    assert page.locator("#scoreline").is_hidden() and page.locator("form").count() == 0
    for n, it in enumerate(data["items"], 1):
        item = mini_site.items[it["id"]]
        q = page.locator(f"#q{n}")
        text = fold(q.inner_text())
        if item.type == "cloze":
            before, _, after = item.stem.partition("_____")
            assert fold(f"{before} (blank) {after}") in fold(text.replace("(blank)", " (blank) "))
        else:
            assert fold(item.stem) in text
        summary = q.locator("summary").first
        assert summary.inner_text() == "Show the answer"
        body = q.locator(".answer-body")
        assert body.is_hidden()
        summary.click()
        assert body.is_visible()
        if item.type in ("mcq", "tf"):  # the options as the page arranges them, the same set as the item's
            assert [fold(t) for t in q.locator(".static li").all_inner_texts()] == [fold(o) for o in it["options"]]
            assert sorted(it["options"]) == sorted(item.options) and it["options"][it["correct"]] == item.answer
            assert fold(f"Answer: {item.options[item.correct]}") in fold(body.inner_text())
        elif item.type == "ordering":
            shown = [fold(t) for t in q.locator(".static .events li").all_inner_texts()]
            assert sorted(shown) == sorted(fold(e) for _, e in item.sequence)
            assert shown != [fold(e) for _, e in item.sequence]
        elif item.type == "matching":
            rights = [fold(t) for t in q.locator(".static .rights li").all_inner_texts()]
            offered = [fold(r) for _, r in item.pairs] + [fold(x) for x in item.extras]
            assert item.extras and rights != offered and sorted(rights) == sorted(offered)


@pytest.mark.browser
def test_fact_text_shows_as_text_in_the_browser(watched, tmp_path):
    course_dir = tmp_path / "mini"
    shutil.copytree(MINI, course_dir)
    nasty = "the students wrote <script>alert(1)</script> and </script><!-- \"a < b & c\" 'x'"
    edit_facts(course_dir, 'claim: "the students wrote a < b & c on the board"',
               "claim: '" + nasty.replace("'", "''") + "'")
    edit_facts(course_dir, 'distortion: "the students wrote a > b | c on the board"',  # whichever truth is asked
               "distortion: '" + nasty.replace("'", "''").replace("a < b & c", "a > b | c") + "'")
    course_yaml = course_dir / "course.yaml"
    course_yaml.write_text(course_yaml.read_text().replace("title: Mini steppe course",
                                                           "title: \"Mini <b>steppe</b> & 'course'\""))
    site = build_web(course_dir, tmp_path / "out")
    quiz = open_quiz(watched, site, UNIT)
    assert quiz.page.inner_text(".kicker") == "Mini <b>steppe</b> & 'course'"
    assert quiz.page.title() == "The steppe in brief · Mini <b>steppe</b> & 'course'"
    tf = next(it for it in quiz.items if it["id"] == "logic-formula/claim-true-false")
    q = "#" + quiz.anchor(tf["id"])
    false = nasty.replace("a < b & c", "a > b | c")
    assert quiz.page.inner_text(f"{q} .stem") in (f"According to the article, {nasty}.",
                                                  f"According to the article, {false}.")
    assert quiz.page.evaluate("document.scripts.length") == 2
    assert quiz.page.locator("b").count() == 0
    quiz.answer_with_mouse(tf["id"], right=True)
    assert "a < b & c" in quiz.page.inner_text(f"{q} .feedback")  # the quote, as text
    assert quiz.page.inner_text("#score").startswith("Score: 1 right")


@pytest.mark.browser
def test_the_content_security_policy_is_enforced(watched, mini_site):
    page = watched(mini_site.url(UNIT))
    ran = page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.injected = true'; document.body.appendChild(s); return window.injected === true; }""")
    assert ran is False
    watch = watched.watches[-1]
    assert any("Content Security Policy" in e for e in watch.errors), watch.errors
    watch.errors.clear()  # the refusal is what this test wanted


@pytest.mark.browser
def test_the_shipped_course_works_end_to_end(watched, shipped_site):
    site = shipped_site
    slug = site.course.units[0].slug
    quiz = open_quiz(watched, site, slug)
    assert {it["type"] for it in quiz.items} == set(TYPES) | {"fact_opinion"}
    for k, it in enumerate(quiz.items):
        item = site.items[it["id"]]
        quiz.answer_with_mouse(item.id, right=k % 3 != 0)
        check_feedback(site, quiz, item, right=k % 3 != 0)
    n = len(quiz.items)
    wrong = len(range(0, n, 3))
    assert quiz.score() == f"Score: {n - wrong} right, {wrong} wrong, 0 to go: all answered, {n - wrong} of {n} right."
    quiz.page.reload()
    assert quiz.score().startswith(f"Score: {n - wrong} right, {wrong} wrong, 0 to go")


@pytest.mark.browser
@pytest.mark.parametrize("right", [True, False], ids=["right", "wrong"])
def test_fact_or_opinion_with_the_keyboard(watched, shipped_site, right):
    site = shipped_site
    quiz = open_quiz(watched, site, site.course.units[0].slug)
    it = next(it for it in quiz.items if it["type"] == "fact_opinion")
    assert it["choices"] == ["Fact", "Opinion"] and {label for _, label in it["pairs"]} == {"Fact", "Opinion"}
    quiz.page.focus(f"#{quiz.anchor(it['id'])}-head")  # as "Next question" leaves it
    quiz.answer_with_keyboard(it["id"], right=right)
    check_feedback(site, quiz, site.items[it["id"]], right)


# --- accessibility and looks ---------------------------------------------------------------------


def axe_source() -> str:
    """axe-core, as bundled by the axe-playwright-python package (installed by the test extra)."""
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def audit(page) -> list[dict]:
    """Run axe-core on the page (WCAG 2.x A and AA, and best practice); return serious and critical violations."""
    page.evaluate(axe_source())
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}});
        return {version: axe.version, passes: r.passes.map(p => p.id),
                violations: r.violations.map(v => ({id: v.id, impact: v.impact,
                    nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}))};
    }""")
    assert result["version"].startswith("4.")
    assert "color-contrast" in result["passes"], "the contrast rule ran and passed somewhere"
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def without_script(site, slug: str, out: Path) -> str:
    """The page as a browser without JavaScript builds it: the same HTML, minus its script."""
    html = (site.out / "web" / f"{slug}.html").read_text(encoding="utf-8")
    html = re.sub(r"<script>.*?</script>", "", html, flags=re.S)
    path = out / f"{slug}-nojs.html"
    path.write_text(html, encoding="utf-8")
    return path.as_uri()


def answer_everything(quiz: Quiz) -> None:
    for k, it in enumerate(quiz.items):
        quiz.answer_with_mouse(it["id"], right=k % 2 == 0)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_accessibility_audit_finds_nothing_serious(watched, mini_site, tmp_path, scheme):
    found = {}
    for slug in ("index", UNIT, EXAM):
        page = watched(mini_site.url(slug), scheme=scheme)
        found[f"{slug} (fresh)"] = audit(page)
        if slug != "index":
            quiz = Quiz(page, mini_site.page_data(slug))
            answer_everything(quiz)
            found[f"{slug} (answered)"] = audit(page)
            page.click("#practise-missed")
            found[f"{slug} (practising)"] = audit(page)
            page.click("#start-again")
            assert page.locator("#confirm-again").is_visible()
            found[f"{slug} (asked to start again)"] = audit(page)
        nojs = without_script(mini_site, slug, tmp_path)
        page = watched(nojs, scheme=scheme)
        page.locator("details.reveal summary").evaluate_all("els => els.forEach(e => e.click())")
        found[f"{slug} (no script, answers open)"] = audit(page)
    assert not any(found.values()), {k: v for k, v in found.items() if v}


@pytest.mark.browser
def test_accessibility_audit_of_the_shipped_course(watched, shipped_site):
    slug = shipped_site.course.units[0].slug
    page = watched(shipped_site.url(slug), scheme="dark")
    assert audit(page) == []
    answer_everything(Quiz(page, shipped_site.page_data(slug)))
    assert audit(page) == []
    index = watched(shipped_site.url("index"))
    assert audit(index) == []


def check_layout_and_keep_screenshot(page, width: int, scheme: str, name: str, folder: Path) -> None:
    page.evaluate("window.scrollTo(0, 0)")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at {width}px"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == ("rgb(246, 246, 243)" if scheme == "light" else "rgb(18, 19, 22)")
    # Every control is at least 24 by 24 pixels (WCAG 2.2 target size, minimum); an option's target is its
    # label, and a link inside a sentence is exempt.
    small = page.evaluate("""() => [...document.querySelectorAll('button, input, select, textarea, summary, a')]
        .filter(e => e.offsetParent !== null && !e.classList.contains('skip') && !(e.tagName === 'A' && e.closest('p')))
        .map(e => [e.textContent.trim().slice(0, 30) || e.id, (e.closest('label') || e).getBoundingClientRect()])
        .filter(([_, r]) => r.width < 24 || r.height < 24).map(([t, r]) => `${t} ${r.width}x${r.height}`)""")
    assert not small, small
    folder = Path(os.environ.get("QUIZGEN_SCREENSHOTS") or folder)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}-{width}-{scheme}.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_layout_at_phone_and_desktop_widths(watched, mini_site, tmp_path, width, scheme, js):
    page = watched(mini_site.url(UNIT), width=width, scheme=scheme, js=js)
    if js:
        answer_everything(Quiz(page, mini_site.page_data(UNIT)))
    else:
        for summary in page.locator("details summary").all():
            summary.click()
    check_layout_and_keep_screenshot(page, width, scheme, f"{UNIT}-{'js' if js else 'nojs'}", tmp_path)
    index = watched(mini_site.url("index"), width=width, scheme=scheme, js=js)
    check_layout_and_keep_screenshot(index, width, scheme, f"index-{'js' if js else 'nojs'}", tmp_path)


@pytest.mark.browser
@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_long_titles_ids_and_addresses_fit_a_phone(watched, tmp_path, js):
    from helpers import long_words_course

    site = build_web(long_words_course(tmp_path / "long"), tmp_path / "site")
    page = watched(site.url(UNIT), width=360, js=js)
    if js:
        answer_everything(Quiz(page, site.page_data(UNIT)))  # every explanation and source shown
    else:
        for summary in page.locator("details summary").all():
            summary.click()
    check_layout_and_keep_screenshot(page, 360, "light", f"long-words-{'js' if js else 'nojs'}", tmp_path)
    index = watched(site.url("index"), width=360, js=js)
    check_layout_and_keep_screenshot(index, 360, "light", f"long-words-index-{'js' if js else 'nojs'}", tmp_path)


@pytest.mark.browser
@pytest.mark.parametrize("width, scheme, js", [(360, "dark", True), (1280, "light", True), (360, "light", False)])
def test_layout_of_the_shipped_course(watched, shipped_site, tmp_path, width, scheme, js):
    slug = shipped_site.course.units[0].slug
    page = watched(shipped_site.url(slug), width=width, scheme=scheme, js=js)
    if js:
        answer_everything(Quiz(page, shipped_site.page_data(slug)))
    else:
        for summary in page.locator("details summary").all():
            summary.click()
    check_layout_and_keep_screenshot(page, width, scheme, f"{slug}-{'js' if js else 'nojs'}", tmp_path)


# --- a quiz in Russian and in Kazakh ---------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("name", ["ru-baikonur", "kk-abai"])
def test_a_russian_or_kazakh_quiz_runs_in_its_language_and_axe_finds_nothing_serious(watched, tmp_path, name):
    """Every label the script writes is the course's language's; the page stays accessible (lang, names)."""
    from quizgen.i18n import messages

    site = build_web(COURSES / name, tmp_path / "web")
    m = messages(site.course.language)
    slug = site.course.units[0].slug
    page = watched(site.url(slug))
    quiz = Quiz(page, site.page_data(slug))
    assert page.locator("#start-again").inner_text() == m.gettext("Start again")
    found = {"fresh": audit(page)}
    answer_everything(quiz)
    found["answered"] = audit(page)
    assert quiz.score().startswith(m.gettext("Score: %(score)s.", score="")[:5])
    buttons = page.locator("button.next").all_inner_texts()
    assert buttons and set(buttons) == {m.gettext("Next question")}
    page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=False)
    index = watched(site.url("index"))
    found["index"] = audit(index)
    assert index.locator("h2").first.inner_text() == m.gettext("Choose a quiz")
    assert not any(found.values()), found
