"""Every QTI 3.0 item played in a real QTI player (Cito's @citolab/qti-components, bundled by esbuild) in
headless Chromium: it renders; answering with the key scores full points; a wrong answer scores 0.

QUIZGEN_SCREENSHOTS=shots pytest -k qti3_player keeps a screenshot of each item answered with its key.
"""
from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from browser import chromium
from export_readers import Exported, qti_player_bundle, qti_player_css
from helpers import COURSES, REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

COURSES_PLAYED = [REPO / "content", COURSES / "special-chars", COURSES / "atom"]
NS = "{http://www.imsglobal.org/xsd/imsqtiasi_v3p0}"


@pytest.fixture(scope="module")
def player():
    bundle, css = qti_player_bundle(), qti_player_css()
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 900, "height": 700})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.set_content(f"<!doctype html><html><head><meta charset='utf-8'><style>{css}</style></head>"
                         f"<body><main id='host' style='padding:1rem'></main></body></html>")
        page.add_script_tag(path=str(bundle))
        yield page, errors


def _items(course_dir: Path) -> list[tuple[str, bytes]]:
    exported = Exported(course_dir)
    archive = zipfile.ZipFile(io.BytesIO(exported.files("qti3")[f"qti/{exported.course.slug}-qti3.zip"]))
    return [(name, archive.read(name)) for name in archive.namelist() if name.startswith("items/")]


def _load(page, xml: bytes) -> None:
    page.evaluate("xml => { document.getElementById('host').innerHTML = qtiPlayer.toHtml(xml); }", xml.decode())
    page.wait_for_function("() => { const i = document.querySelector('qti-assessment-item');"
                           " return i && i.shadowRoot && i.querySelector('qti-item-body'); }")


def _score(page) -> float:
    return page.evaluate("() => { const i = document.querySelector('qti-assessment-item'); i.processResponse();"
                         " return Number(i.getOutcome('SCORE').value); }")


def _feedback(page) -> str:
    return page.evaluate("() => { const i = document.querySelector('qti-assessment-item');"
                         " return String(i.getOutcome('FEEDBACK')?.value ?? ''); }")


def _answer(page, item: etree._Element, right: bool) -> None:
    """Answer an item through its interaction, as a candidate would: with the key, or with a wrong answer."""
    declaration = item.find(f"{NS}qti-response-declaration")
    correct = [v.text for v in declaration.iter(f"{NS}qti-value")]
    body = item.find(f"{NS}qti-item-body")
    if body.find(f".//{NS}qti-choice-interaction") is not None:
        choices = [c.get("identifier") for c in body.iter(f"{NS}qti-simple-choice")]
        choice = correct[0] if right else next(c for c in choices if c != correct[0])
        page.locator(f"qti-simple-choice[identifier='{choice}']").click()
    elif body.find(f".//{NS}qti-inline-choice-interaction") is not None:
        choices = [c.get("identifier") for c in body.iter(f"{NS}qti-inline-choice")]
        choice = correct[0] if right else next(c for c in choices if c != correct[0])
        page.locator("qti-inline-choice-interaction [part='trigger']").click()
        page.locator(f"qti-inline-choice[identifier='{choice}']").click()
    elif body.find(f".//{NS}qti-text-entry-interaction") is not None:
        entries = [e.get("map-key") for e in declaration.iter(f"{NS}qti-map-entry")]
        field = page.locator("qti-text-entry-interaction input")
        # the key, typed in another case (the mapping ignores case); or a word that is no answer
        field.fill(entries[-1].upper() if right else "not the answer")
        field.press("Tab")
    elif body.find(f".//{NS}qti-match-interaction") is not None:
        pairs = [value.split() for value in correct]
        rights = [c.get("identifier") for c in body.findall(f".//{NS}qti-simple-match-set")[1]
                  .iter(f"{NS}qti-simple-associable-choice")]
        for left, target in pairs:
            if not right:  # every row on the next column: no pair is right
                target = rights[(rights.index(target) + 1) % len(rights)]
            page.locator(f"qti-match-interaction input[value='{left} {target}']").click()
    elif body.find(f".//{NS}qti-order-interaction") is not None:
        order = correct if right else correct[1:] + correct[:1]  # moved round by one: every event misplaced
        # Dragging is the player's own business; its interaction takes the order through its API.
        page.evaluate("order => document.querySelector('qti-order-interaction').saveResponse(order)", order)
    else:
        raise AssertionError(f"no interaction the test knows in {item.get('identifier')}")


@pytest.mark.parametrize("course_dir", COURSES_PLAYED, ids=lambda p: p.name)
def test_every_item_plays_and_scores(player, course_dir):
    page, errors = player
    shots = os.environ.get("QUIZGEN_SCREENSHOTS")
    played = 0
    for name, xml in _items(course_dir):
        item = etree.fromstring(xml)
        maximum = float(next(d for d in item.iter(f"{NS}qti-outcome-declaration")
                             if d.get("identifier") == "MAXSCORE").findtext(f".//{NS}qti-value"))
        _load(page, xml)
        # It renders: its question and every choice are on screen (a rubric for scorers is not shown).
        body = item.find(f"{NS}qti-item-body")
        first = next(e for e in body.iter(f"{NS}qti-prompt", "{*}p") if e.getparent().tag != f"{NS}qti-content-body")
        shown = [" ".join("".join(first.itertext()).split())[:40]]
        shown += [" ".join("".join(c.itertext()).split()) for c in body.iter(f"{NS}qti-simple-choice",
                                                                             f"{NS}qti-simple-associable-choice")]
        for text in shown:
            assert page.get_by_text(text).evaluate_all("els => els.some(e => e.checkVisibility())"), (name, text)
        if item.find(f".//{NS}qti-extended-text-interaction") is not None:
            page.locator("qti-extended-text-interaction textarea").fill("An answer for a teacher to mark.")
            score = item.find(f"{NS}qti-outcome-declaration[@identifier='SCORE']")
            assert score.get("external-scored") == "human" and item.find(f".//{NS}qti-rubric-block") is not None
            continue
        _answer(page, item, right=True)
        assert _score(page) == maximum, name
        assert _feedback(page) in ("right",) + tuple(c.get("identifier") for c in item.iter(f"{NS}qti-simple-choice"))
        if shots:
            Path(shots).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(shots) / f"{course_dir.name}-{Path(name).stem}.png"), full_page=True)
        _load(page, xml)
        _answer(page, item, right=False)
        assert _score(page) == 0, name
        played += 1
    assert played >= 10
    assert not errors, errors
