"""`quizgen stats` and `quizgen preview`: what they count and show, checked against the real outputs.

The preview's behaviour in a browser is tested in test_preview_browser.py.
"""
from __future__ import annotations

import html as html_lib
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from helpers import run_cli as run
from quizgen.errors import Problem

HERE = Path(__file__).resolve().parent
REPO = HERE.parent



@pytest.fixture
def grown_course(mini_course) -> Path:
    """The mini course with two more paragraphs: one left without facts, one skipped with a reason."""
    source = mini_course / "steppe" / "source.md"
    source.write_text(source.read_text(encoding="utf-8").rstrip("\n")
                      + "\n\nA paragraph no fact asks about yet, about the weather in Almaty.\n\n"
                        "Further reading: the course notes.\n", encoding="utf-8")
    facts = mini_course / "steppe" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("title: The steppe in brief\n",
                                  "title: The steppe in brief\nskip_paragraphs:\n  7: a reading list\n"),
                     encoding="utf-8")
    return mini_course


# --- stats --------------------------------------------------------------------------------------


def test_stats_text(grown_course):
    result = run("stats", grown_course)
    assert result.exit_code == 0, result.output
    assert result.stdout == """\
Course 'Mini steppe course' (mini-steppe): 1 unit, 17 facts, 36 items

steppe: The steppe in brief
  paragraphs  7: 5 covered, 1 skipped, 1 uncovered
    skipped     7  a reading list
    uncovered   6  A paragraph no fact asks about yet, about ...
  facts       17: person 4, event 4, term 4, cause_effect 2, claim 2, background 1
  items       36: recall 9, cloze 2, mcq 13, tf 10, matching 1, ordering 1
  worksheets  A: 2 pages, key 2; B: 2 pages, key 2
  anki        15 notes, 20 cards
  warnings    1: stem-echo 1

Total
  paragraphs  7: 5 covered, 1 skipped, 1 uncovered
  facts       17: person 4, event 4, term 4, cause_effect 2, claim 2, background 1
  items       36: recall 9, cloze 2, mcq 13, tf 10, matching 1, ordering 1
  anki        15 notes, 20 cards
  warnings    1: stem-echo 1
  notes       5: answer-in-stem 2, described-twice 1, open-cause 1, too-few-distractors 1
"""


def test_stats_json_matches_the_built_worksheets_and_deck(grown_course, tmp_path):
    from pypdf import PdfReader

    from helpers import Learner

    result = run("stats", grown_course, "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    unit = figures["units"][0]
    assert unit["paragraphs"]["skipped"] == [{"paragraph": 7, "reason": "a reading list"}]
    assert unit["paragraphs"]["uncovered"] == [
        {"paragraph": 6, "opening": "A paragraph no fact asks about yet, about ..."}]

    built = run("build", grown_course, "-o", tmp_path / "dist")
    assert built.exit_code == 0, built.output
    for letter, pages in unit["worksheet_pages"].items():
        for part, suffix in (("sheet", ""), ("key", "-key")):
            pdf = tmp_path / "dist" / "worksheets" / f"steppe-{letter}{suffix}.pdf"
            assert pages[part] == len(PdfReader(pdf).pages), pdf
    learner = Learner(tmp_path / "anki")
    try:
        learner.import_deck(tmp_path / "dist" / "mini-steppe.apkg")
        assert unit["anki"] == {"notes": learner.col.note_count(), "cards": learner.col.card_count()}
    finally:
        learner.close()


def test_stats_counts_exam_pages(mini_course):
    text = (mini_course / "course.yaml").read_text(encoding="utf-8")
    (mini_course / "course.yaml").write_text(text + "  exam: 12\n", encoding="utf-8")
    figures = json.loads(run("stats", mini_course, "--json").stdout)
    assert set(figures["total"]["exam_pages"]) == {"A", "B"}
    assert all(p["sheet"] >= 1 and p["key"] >= 1 for p in figures["total"]["exam_pages"].values())


def test_page_count_reads_the_page_tree_not_text(mini_course):
    # A title that reads like PDF syntax must not fool the page count.
    text = (mini_course / "course.yaml").read_text(encoding="utf-8")
    (mini_course / "course.yaml").write_text(text.replace("title: Mini steppe course",
                                                          'title: "Mini /Count 99 course"'), encoding="utf-8")
    figures = json.loads(run("stats", mini_course, "--json").stdout)
    assert figures["units"][0]["worksheet_pages"]["A"] == {"sheet": 2, "key": 2}


def test_warnings_by_code_and_by_item(mini_course):
    from quizgen.authoring.pipeline import check_course
    from quizgen.authoring.stats import course_stats

    report = check_course(mini_course)
    codes = Counter(w.code for w in report.warnings)
    assert codes and all(w.item or w.fact for w in report.warnings)  # the lint's own warnings, each located
    report.warnings.append(Problem("a remark about the whole course", code="course-note", level="warning"))
    figures = course_stats(report)
    assert figures["units"][0]["warnings"]["by_code"] == dict(sorted(codes.items()))
    assert figures["total"]["warnings"] == {"total": sum(codes.values()) + 1,
                                            "by_code": dict(sorted((codes + Counter(["course-note"])).items())),
                                            "course_wide": 1}


def test_stats_of_a_broken_course(tmp_path, monkeypatch):
    monkeypatch.chdir(HERE / "broken")
    result = run("stats", "unknown_kind")
    assert result.exit_code == 1
    assert result.stderr == (HERE / "broken" / "unknown_kind" / "expected.txt").read_text(encoding="utf-8")


# --- preview (without a browser) ------------------------------------------------------------------


def test_preview_writes_one_self_contained_page(mini_course, tmp_path):
    out = tmp_path / "out" / "preview.html"
    result = run("preview", mini_course, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(f"Wrote {out}\n")
    html = out.read_text(encoding="utf-8")
    csp = html_lib.unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1))
    assert csp.startswith("default-src 'none'; style-src 'sha256-")
    assert "unsafe-inline" not in csp
    # Nothing is loaded from anywhere: no src attributes, no stylesheets, no links to follow.
    assert not re.search(r"\ssrc=|<link\s|@import|url\(", html)
    assert html.count("<script>") == 1 and html.count("<style>") == 1
    first = out.read_bytes()
    assert run("preview", mini_course, "-o", out).exit_code == 0
    assert out.read_bytes() == first  # the same course gives the same page


def test_preview_csp_hashes_match_the_inline_code(mini_course, tmp_path):
    import base64
    import hashlib

    out = tmp_path / "p.html"
    run("preview", mini_course, "-o", out)
    html = out.read_text(encoding="utf-8")
    for tag in ("style", "script"):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", html, re.S).group(1)
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in html_lib.unescape(html)


def test_preview_open_opens_the_file(mini_course, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    out = tmp_path / "p.html"
    assert run("preview", mini_course, "-o", out, "--open").exit_code == 0
    assert opened == [out.resolve().as_uri()]


def test_preview_never_writes_inside_the_course_folder(mini_course):
    unit = next(p for p in mini_course.iterdir() if (p / "source.md").exists())
    before = (unit / "source.md").read_bytes()
    result = run("preview", mini_course, "-o", unit / "source.md")
    assert result.exit_code == 1
    assert "inside the course folder" in result.output
    assert (unit / "source.md").read_bytes() == before


def test_preview_of_a_broken_course_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(HERE / "broken")
    out = tmp_path / "p.html"
    result = run("preview", "quote_not_found", "-o", out)
    assert result.exit_code == 1
    assert result.stderr == (HERE / "broken" / "quote_not_found" / "expected.txt").read_text(encoding="utf-8")
    assert not out.exists()


def test_preview_of_a_new_course_says_what_next(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run("init", "--title", "New")
    result = run("preview", "-o", tmp_path / "p.html")
    assert result.exit_code == 1
    assert result.stderr.startswith("content/course.yaml: the course has no units yet.")
    assert not (tmp_path / "p.html").exists()


def test_preview_refuses_an_output_folder_that_is_a_file(mini_course, tmp_path):
    (tmp_path / "blocker").write_text("a file\n")
    result = run("preview", mini_course, "-o", tmp_path / "blocker" / "p.html")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: output path '{tmp_path / 'blocker'}' is a file, not a folder; "
                             f"choose another with -o\n")
    assert (tmp_path / "blocker").read_text() == "a file\n"


def test_quote_span_forgives_what_the_check_forgives():
    from quizgen.text import quote_span

    paragraph = "Putin said  Kazakhstan was “historically\nRussia.” Then he left."
    assert quote_span(paragraph, 'Kazakhstan was "historically Russia."') == (
        "Putin said  ", "Kazakhstan was “historically\nRussia.”", " Then he left.")
    assert quote_span(paragraph, "not there") is None


def test_a_warning_about_a_units_sheet_counts_in_that_unit(mini_course):
    from quizgen.authoring.pipeline import check_course
    from quizgen.authoring.stats import course_stats

    report = check_course(mini_course)
    facts_file = str(mini_course / "steppe" / "facts.yaml")
    report.warnings.append(Problem("sheet 'steppe' is short", file=facts_file, code="short-sheet", level="warning"))
    figures = course_stats(report)
    assert figures["units"][0]["warnings"]["by_code"].get("short-sheet") == 1
    assert figures["total"]["warnings"]["course_wide"] == 0
    assert sum(u["warnings"]["total"] for u in figures["units"]) == figures["total"]["warnings"]["total"]
