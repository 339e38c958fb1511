"""The preview page in real headless Chromium: it loads cleanly, shows every item, filters, and escapes.

Run only these with `pytest -m browser`; leave them out with `-m "not browser"`.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from browser import chromium
from helpers import run_cli
from quizgen.errors import Problem

pytestmark = pytest.mark.browser

HERE = Path(__file__).resolve().parent

ARAL_FACTS = """\
  - id: kok-aral-dam
    kind: event
    what: Kazakhstan finished the Kok-Aral dam, which keeps the Syr Darya's water in the North Aral Sea
    when: "2005"
    source: {paragraph: 2, quote: "In 2005 Kazakhstan finished the Kok-Aral dam"}
  - id: aralkum
    kind: term
    term: Aralkum
    definition: the desert of salt and dust left where the Aral Sea's eastern basin dried out
    source: {paragraph: 5, quote: "leaving behind the Aralkum, a new desert"}
"""

HOSTILE = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script></dd></div><svg onload="window.pwned=3">'



def run(*args):
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def two_units(mini_course) -> Path:
    """The mini course and a second unit imported from tests/articles/aral-sea.html, with two facts."""
    run("add-unit", HERE / "articles" / "aral-sea.html", mini_course, "--slug", "aral")
    facts = mini_course / "aral" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8") + ARAL_FACTS, encoding="utf-8")
    return mini_course


class Page:
    """One preview page open in Chromium, with the console messages and page errors it produced."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.requests: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.resolve().as_uri())

    def visible_items(self) -> list[dict]:
        return self.page.eval_on_selector_all(
            ".item", "els => els.filter(e => e.offsetParent !== null).map(e => ({...e.dataset}))")

    def choose(self, name: str, value: str) -> None:
        self.page.select_option(f"select[name={name}]", value)


def preview_of(course: Path, out: Path):
    from quizgen.authoring.pipeline import check_course

    run("preview", course, "-o", out)
    return check_course(course)


def test_page_loads_cleanly_with_every_item(two_units, tmp_path):
    out = tmp_path / "preview.html"
    report = preview_of(two_units, out)
    with chromium() as browser:
        page = Page(browser, out)
        page.page.screenshot(path=str(tmp_path / "preview.png"), full_page=True)
        assert page.errors == []
        assert page.requests == [out.resolve().as_uri()]  # nothing else is loaded
        ids = page.page.eval_on_selector_all("[data-item]", "els => els.map(e => e.dataset.item)")
        assert sorted(ids) == sorted(i.id for i in report.items)
        assert len(page.visible_items()) == len(report.items)
        assert page.page.inner_text("#shown") == f"{len(report.items)} of {len(report.items)} items"
        # Each item shows as the student sees it: the stem, and a multiple-choice question's options in order.
        for item in report.items:
            card = page.page.locator(f'[data-item="{item.id}"]')
            if item.type == "mcq":
                options = card.locator(".options li").all_inner_texts()
                assert [" ".join(o.split()[1:]) for o in options] == list(item.options)
            if item.type == "cloze":
                assert card.locator(".blank").count() == 1
            elif item.type not in ("matching", "ordering"):
                assert " ".join(card.locator(".stem").inner_text().split()) == " ".join(item.stem.split())
        # Every fact's quote is marked in its paragraph.
        marks = page.page.eval_on_selector_all(".fact", "els => els.map(e => [e.id, e.querySelector('mark') "
                                                         "&& e.querySelector('mark').innerText])")
        quotes = {f"fact-{f.id}": f.quote for f in report.course.facts}
        for fact_id, marked in marks:
            assert marked is not None, fact_id
            assert " ".join(marked.split()).replace("’", "'") == " ".join(quotes[fact_id].split()).replace("’", "'")


def test_filters(two_units, tmp_path):
    out = tmp_path / "preview.html"
    report = preview_of(two_units, out)
    with chromium() as browser:
        page = Page(browser, out)
        page.choose("unit", "aral")
        shown = page.visible_items()
        assert {i["unit"] for i in shown} == {"aral"}
        assert len(shown) == sum(i.unit == "aral" for i in report.items)
        assert page.page.locator("#unit-steppe").is_hidden()
        page.page.screenshot(path=str(tmp_path / "unit-filter.png"), full_page=True)

        page.choose("unit", "")
        for item_type in {i.type for i in report.items}:
            page.choose("type", item_type)
            shown = page.visible_items()
            assert {i["type"] for i in shown} == {item_type}
            assert len(shown) == sum(i.type == item_type for i in report.items)
            assert page.page.inner_text("#shown") == f"{len(shown)} of {len(report.items)} items"

        page.choose("type", "")
        page.choose("kind", "term")
        shown = page.visible_items()
        assert len(shown) == sum(i.kind == "term" for i in report.items) and {i["kind"] for i in shown} == {"term"}
        page.choose("type", "tf")  # filters combine
        assert len(page.visible_items()) == sum(i.kind == "term" and i.type == "tf" for i in report.items)
        page.choose("unit", "aral")
        assert len(page.visible_items()) == sum(i.kind == "term" and i.type == "tf" and i.unit == "aral"
                                                for i in report.items)

        page.page.click("button[type=reset]")
        from playwright.sync_api import (
            expect,  # waits: the page applies a reset once the form has reset
        )

        expect(page.page.locator("#shown")).to_have_text(f"{len(report.items)} of {len(report.items)} items")
        assert len(page.visible_items()) == len(report.items)
        assert page.errors == []


def test_warnings_sit_beside_their_item_and_filter(two_units, tmp_path):
    from quizgen.authoring.pipeline import check_course
    from quizgen.authoring.preview import render_preview

    report = check_course(two_units)
    lint = [w for w in report.warnings if w.item]
    assert lint, "the fixture's items draw lint warnings"
    warned = lint[0]
    report.warnings.append(Problem("a remark about the whole course", code="course-note", level="warning"))
    out = tmp_path / "warned.html"
    out.write_bytes(render_preview(report))
    with chromium() as browser:
        page = Page(browser, out)
        card = page.page.locator(f'[data-item="{warned.item}"]')
        shown = " ".join(card.locator(".warnings").inner_text().split())
        assert warned.code in shown and " ".join(warned.message.split())[:40] in shown
        assert "a remark about the whole course" in page.page.inner_text(".course-warnings")

        options = page.page.eval_on_selector_all("select[name=warning] option",
                                                 "els => els.map(e => [e.value, e.text])")
        code_value = next(v for v, text in options if text.startswith(warned.code))
        # A warning about an item the generator did not make (it says why) sits with its fact's items.
        made = {i.id for i in report.items}

        def shown_with(warnings):
            return {i.id for w in warnings for i in report.items
                    if i.id == w.item or (w.item not in made and w.fact in i.fact_ids)}

        page.choose("warning", code_value)
        assert {i["item"] for i in page.visible_items()} == shown_with(w for w in lint if w.code == warned.code)
        page.choose("warning", "any")
        assert {i["item"] for i in page.visible_items()} == shown_with(lint)
        page.choose("warning", "none")
        assert len(page.visible_items()) == len(report.items) - len({w.item for w in lint})
        page.choose("warning", "any")
        page.page.screenshot(path=str(tmp_path / "warnings.png"), full_page=True)
        assert page.errors == []


def test_text_from_facts_cannot_inject_markup(mini_course, tmp_path):
    facts = mini_course / "steppe" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    text = text.replace("definition: a military alliance led by Russia",
                        f"definition: 'a military alliance led by Russia {HOSTILE}'")
    text = text.replace("role: editor of RT", f"role: 'editor of RT {HOSTILE}'\n    explanation: '{HOSTILE}'")
    facts.write_text(text, encoding="utf-8")
    source = mini_course / "steppe" / "source.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "is a military alliance led by Russia.", f"is a military alliance led by Russia {HOSTILE}."), encoding="utf-8")
    course_yaml = mini_course / "course.yaml"
    course_yaml.write_text(course_yaml.read_text(encoding="utf-8").replace(
        "title: Mini steppe course", "title: 'Mini <b>steppe</b> course </title><script>window.pwned=4</script>'"),
        encoding="utf-8")
    out = tmp_path / "hostile.html"
    report = preview_of(mini_course, out)
    with chromium() as browser:
        page = Page(browser, out)
        page.page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)
        assert page.page.evaluate("window.pwned") is None
        assert page.dialogs == []
        assert page.page.locator("img, svg, iframe, object, embed").count() == 0
        assert page.page.locator("script").count() == 1
        assert page.page.locator("h1 b").count() == 0
        body = page.page.inner_text("body")
        assert body.count('<img src=x onerror="window.pwned=1">') >= 4  # shown as text, wherever it appears
        assert page.page.title() == "Preview: Mini <b>steppe</b> course </title><script>window.pwned=4</script>"
        assert len(page.visible_items()) == len(report.items)
        assert page.errors == []


def test_the_shipped_course_preview(tmp_path):
    course = tmp_path / "content"
    shutil.copytree(HERE.parent / "content", course)
    out = tmp_path / "shipped.html"
    report = preview_of(course, out)
    with chromium() as browser:
        page = Page(browser, out)
        assert page.errors == []
        assert len(page.visible_items()) == len(report.items)
        page.page.screenshot(path=str(tmp_path / "shipped.png"))


@pytest.mark.parametrize("width", [360, 1280])
def test_the_page_fits_a_phone_with_long_titles_ids_and_addresses(tmp_path, width):
    import os

    from helpers import long_words_course

    course = long_words_course(tmp_path / "long")
    out = tmp_path / "preview.html"
    preview_of(course, out)
    with chromium() as browser:
        page = Page(browser, out)
        page.page.set_viewport_size({"width": width, "height": 900})
        page.page.locator("details.source-text summary").evaluate_all("els => els.forEach(e => e.click())")
        # The unit menu is as wide as its longest title unless held to the page: 866 px at 360 before it was.
        wider = page.page.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
            .map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').trim().slice(0, 40))""")
        assert wider == []
        assert page.page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        folder = Path(os.environ.get("QUIZGEN_SCREENSHOTS") or tmp_path)
        folder.mkdir(parents=True, exist_ok=True)
        page.page.screenshot(path=str(folder / f"preview-long-words-{width}.png"), full_page=True)
        assert page.errors == []
