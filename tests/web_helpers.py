"""Helpers for the web quiz tests: build a course's pages, and answer them in Chromium as a learner would.

Every answer goes through the page's own controls: clicks for the mouse, and for the keyboard
Tab, arrows, Space, Enter and typing, starting from where the page itself puts the focus.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from helpers import load
from quizgen.plan import plan_sheets
from quizgen.targets.web.pages import render_web
from quizgen.writer import write_outputs


def sheets_of(course, items, exam: int | None = None) -> tuple:
    """The unit sheets and the exam, as the plan chooses them for the worksheets too."""
    if exam is not None:
        course = replace(course, settings=course.settings.replace(exam=exam))
    return plan_sheets(course, items)


@dataclass
class Built:
    course: object
    items: dict  # item id -> Item
    files: dict  # relative path -> bytes
    out: Path

    def url(self, slug: str) -> str:
        return (self.out / "web" / f"{slug}.html").as_uri()

    def page_data(self, slug: str) -> dict:
        return page_data(self.files[f"web/{slug}.html"])


def build_web(course_dir: Path, out: Path, exam: int | None = None) -> Built:
    """Render a course's web pages and write them with the project's writer."""
    course, items = load(course_dir)
    sheets = sheets_of(course, items, exam)
    files = render_web(course, items, sheets)
    write_outputs(out, files)
    # each item as its page asks it: a true/false statement in the truth its sheet chose (unit sheets first)
    planned = {i.id: i for s in sorted(sheets, key=lambda s: not s.is_exam) for i in s.items}
    return Built(course, {i.id: planned.get(i.id, i) for i in items}, files, out)


def row_choice(item: dict, left: str, right: bool) -> str:
    """What to choose in a matching or fact-or-opinion row: its answer, or a wrong one."""
    truth = dict(item["pairs"])[left]
    if right:
        return truth
    return next(c for c in item["choices"] if c != truth)


def page_data(html: bytes) -> dict:
    """The JSON block a page's script reads."""
    match = re.search(rb'<script type="application/json" id="quiz-data">(.*?)</script>', html, re.S)
    assert match, "no data block"
    return json.loads(match.group(1).decode("utf-8"))


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass
class Watch:
    """Everything a page did that it should not: console errors, script errors, requests, dialogs."""

    allowed: set = field(default_factory=set)
    errors: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    dialogs: list = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def problems(self) -> list[str]:
        out = list(self.errors)
        out += [f"request: {u}" for u in self.requests if u not in self.allowed]
        out += [f"dialog: {d}" for d in self.dialogs]
        return out


class Quiz:
    """One quiz page in the browser, with its data, answered question by question."""

    def __init__(self, page, data: dict):
        self.page = page
        self.data = data
        self.items = data["items"]

    def anchor(self, item_id: str) -> str:
        return "q" + str(1 + next(k for k, it in enumerate(self.items) if it["id"] == item_id))

    def item(self, item_id: str) -> dict:
        return next(it for it in self.items if it["id"] == item_id)

    def start_again(self) -> None:
        """Click "Start again", and confirm when the page asks (it does once anything is answered)."""
        self.page.click("#start-again")
        if self.page.locator("#confirm-again").is_visible():
            self.page.click("#confirm-again-yes")

    def score(self) -> str:
        return self.page.inner_text("#score")

    def verdict(self, item_id: str) -> str:
        """The verdict line as read: "Right." or "Not right. You chose: ..."."""
        return fold(self.page.inner_text(f"#{self.anchor(item_id)} .verdict")).lstrip("✓✗ ")

    def result(self, item_id: str) -> str:
        """The verdict's first words: "Right." or "Not right."."""
        return self.page.inner_text(f"#{self.anchor(item_id)} .verdict strong")

    def focused(self) -> dict:
        return self.page.evaluate("""() => { const e = document.activeElement;
            return {tag: e.tagName.toLowerCase(), id: e.id, cls: e.className, text: e.textContent.trim(),
                    label: e.getAttribute('aria-label') || '', type: e.type || '',
                    question: (e.closest('.question') || {}).id || ''}; }""")

    def announced(self) -> str:
        """What the live region says once the page has filled it (it clears it first, then writes)."""
        for _ in range(100):
            text = self.page.inner_text("#announce")
            if text:
                return text
            self.page.wait_for_timeout(20)
        raise AssertionError("nothing was announced")

    # --- with the mouse ---------------------------------------------------------------------

    def answer_with_mouse(self, item_id: str, right: bool, recall_text: str = "my own answer") -> None:
        item = self.item(item_id)
        q = "#" + self.anchor(item_id)
        page = self.page
        kind = item["type"]
        if kind in ("mcq", "tf"):
            wanted = item["options"][item["correct"]] if right else \
                next(o for k, o in enumerate(item["options"]) if k != item["correct"])
            labels = page.locator(f"{q} label.choice")
            texts = [t.strip() for t in labels.all_inner_texts()]
            labels.nth(texts.index(wanted)).click()
            page.click(f"{q} button[type=submit]")
        elif kind == "cloze":
            page.click(f"{q} input.cloze-input")
            page.keyboard.type(item["accepted"][0] if right else "certainly not this")
            page.click(f"{q} button[type=submit]")
        elif kind in ("matching", "fact_opinion"):
            rows = page.locator(f"{q} .match-row")
            for k in range(rows.count()):
                left = rows.nth(k).locator("label").inner_text().strip()
                rows.nth(k).locator("select").select_option(label=row_choice(item, left, right))
            page.click(f"{q} button[type=submit]")
        elif kind == "ordering":
            events = [e[1] for e in item["sequence"]]
            goal = events if right else events[::-1]
            for place, text in enumerate(goal):
                while True:
                    now = self.timeline(item_id)
                    if now.index(text) == place:
                        break
                    page.locator(f"{q} .event").nth(now.index(text)).locator("button.up").click()
            assert self.timeline(item_id) == goal
            page.click(f"{q} button[type=submit]")
        elif kind == "recall":
            page.click(f"{q} textarea")
            page.keyboard.type(recall_text)
            page.click(f"{q} button[type=submit]")
            page.click(f"{q} button.mark-right" if right else f"{q} button.mark-wrong")
        else:
            raise AssertionError(kind)

    def timeline(self, item_id: str) -> list[str]:
        return [t.strip() for t in self.page.locator(f"#{self.anchor(item_id)} .event-text").all_inner_texts()]

    # --- with the keyboard ------------------------------------------------------------------

    def tab_to(self, test, what: str, limit: int = 40) -> dict:
        """Press Tab until the focused element passes `test` (unless it already does); fail after `limit` presses."""
        now = self.focused()
        if test(now):
            return now
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            now = self.focused()
            if test(now):
                return now
        raise AssertionError(f"Tab never reached {what}; last focus: {now}")

    def answer_with_keyboard(self, item_id: str, right: bool) -> None:
        """Answer the question whose first control has, or is about to get, the focus (next Tab)."""
        item = self.item(item_id)
        anchor = self.anchor(item_id)
        key = self.page.keyboard
        kind = item["type"]
        in_question = lambda f: f["question"] == anchor  # noqa: E731
        if kind in ("mcq", "tf"):
            self.tab_to(lambda f: in_question(f) and f["type"] == "radio", "the first option")
            shown = [t.strip() for t in self.page.locator(f"#{anchor} label.choice").all_inner_texts()]
            wanted = item["options"][item["correct"]] if right else \
                next(o for k, o in enumerate(item["options"]) if k != item["correct"])
            position = shown.index(wanted)
            if position == 0:
                key.press("Space")
            for _ in range(position):
                key.press("ArrowDown")  # moves to the next option and selects it
            assert self.page.locator(f"#{anchor} input[type=radio]").nth(position).is_checked()
            self.tab_to(lambda f: in_question(f) and f["text"] == "Check", "Check")
            key.press("Enter")
        elif kind == "cloze":
            self.tab_to(lambda f: in_question(f) and f["tag"] == "input", "the text field")
            key.type(item["accepted"][0] if right else "no idea")
            key.press("Enter")  # submits the form
        elif kind in ("matching", "fact_opinion"):
            selects = self.page.locator(f"#{anchor} select")
            for k in range(selects.count()):
                self.tab_to(lambda f, k=k: in_question(f) and f["id"] == f"{anchor}-match-{k}", f"select {k}")
                left = self.page.locator(f"#{anchor} .match-row").nth(k).locator("label").inner_text().strip()
                target = row_choice(item, left, right)
                options = [o.strip() for o in selects.nth(k).locator("option").all_inner_texts()]
                for _ in range(options.index(target)):
                    key.press("ArrowDown")  # a closed select changes its value with the arrows
                assert selects.nth(k).evaluate("s => s.options[s.selectedIndex].text") == target
            self.tab_to(lambda f: in_question(f) and f["text"] == "Check", "Check")
            key.press("Enter")
        elif kind == "ordering":
            events = [e[1] for e in item["sequence"]]
            goal = events if right else events[::-1]
            for place, text in enumerate(goal):
                now = self.timeline(item_id)
                if now.index(text) == place:
                    continue
                self.tab_to(lambda f, t=text: in_question(f) and f["label"] == f"Move up: {t}", f"Move up: {text}")
                for _ in range(now.index(text) - place):
                    assert self.focused()["label"] == f"Move up: {text}", self.focused()
                    key.press("Enter")
                # At the top the Up button is disabled, and the focus moves to Down on the same event.
                assert self.focused()["label"] in (f"Move up: {text}", f"Move down: {text}")
            assert self.timeline(item_id) == goal
            self.tab_to(lambda f: in_question(f) and f["text"] == "Check", "Check")
            key.press("Enter")
        elif kind == "recall":
            self.tab_to(lambda f: in_question(f) and f["tag"] == "textarea", "the answer box")
            key.type("typed with the keyboard")
            self.tab_to(lambda f: in_question(f) and f["text"] == "Show the model answer", "Show the model answer")
            key.press("Enter")
            assert self.focused()["text"] == "I got it right"  # the page moves the focus there
            if not right:
                key.press("Tab")
                assert self.focused()["text"] == "I got it wrong"
            key.press("Enter")
        else:
            raise AssertionError(kind)
