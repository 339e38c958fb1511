"""Make the pictures of the outputs shown in the README and the docs (docs/img/), from the shipped course.

    python docs/screenshots.py

Builds `content/` into a temporary folder, then: the worksheet's first page through poppler's `pdftoppm`;
an Anki card as Anki shows it (the deck imported with Anki's own library, the card's answer side in the note
type's CSS, rendered by headless Chromium); the web quiz's unit page on a phone-sized screen with one
question answered, through Playwright. Needs the test extra (anki, playwright) and Debian's chromium.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "docs" / "img"
CHROMIUM = "/usr/bin/chromium"
CARD_FRONT = "Which organisation"  # a choice card: its answer side shows the question, options and source


def build(out: Path) -> None:
    subprocess.run([sys.executable, "-m", "quizgen.cli", "build", str(ROOT / "content"), "-o", str(out),
                    "--quiet", "--only", "anki", "--only", "pdf", "--only", "web"], check=True)


def worksheet(out: Path) -> None:
    pdf = next((out / "worksheets").glob("*-A.pdf"))
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(IMG / "worksheet")], check=True)


def card_html(out: Path) -> str:
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    with tempfile.TemporaryDirectory() as tmp:
        collection = Collection(str(Path(tmp) / "collection.anki2"))
        try:
            collection.import_anki_package(ImportAnkiPackageRequest(
                package_path=str(next(out.glob("*.apkg"))), options=ImportAnkiPackageOptions()))
            for card_id in sorted(collection.find_cards("")):
                card = collection.get_card(card_id)
                if CARD_FRONT in card.question():
                    css = card.note_type()["css"]
                    return (f"<!doctype html><html><head><meta charset='utf-8'><style>{css}</style></head>"
                            f"<body class='card'><div id='qa'>{card.answer()}</div></body></html>")
        finally:
            collection.close()
    raise SystemExit(f"no card of the shipped deck asks '{CARD_FRONT}'")


def screenshots(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        page = browser.new_page(viewport={"width": 480, "height": 600})
        card = out / "card.html"
        card.write_text(card_html(out), encoding="utf-8")
        page.goto(card.as_uri())
        page.screenshot(path=str(IMG / "anki-card.png"), full_page=True)
        page = browser.new_page(viewport={"width": 390, "height": 760})
        page.goto((out / "web" / "kazakhstan-drift.html").as_uri())
        question = page.locator("#q1")
        question.get_by_label("Donbas").check()
        question.get_by_role("button", name="Check").click()
        question.scroll_into_view_if_needed()
        page.evaluate("document.querySelector('#q1').scrollIntoView({block: 'start'})")
        page.screenshot(path=str(IMG / "web-quiz.png"))
        browser.close()


def main() -> None:
    IMG.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "dist"
        build(out)
        worksheet(out)
        screenshots(out)
    for name in ("worksheet.png", "anki-card.png", "web-quiz.png"):
        print(f"docs/img/{name}: {(IMG / name).stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
