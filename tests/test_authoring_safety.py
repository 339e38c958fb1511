"""The authoring commands under stress: concurrent runs, hostile articles, and answers that agree with the build.

Each test names the defect it covers (issue 20 of the project's notes).
"""
from __future__ import annotations

import codecs
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from helpers import REPO, run_cli
from quizgen.authoring.unit import CALLED_HINT as CALLED
from quizgen.build import load_course

# --- defect 4: two add-unit runs at once ----------------------------------------------------------

# Imports quizgen, says it is ready, waits for the starting signal, then runs the command: the two runs
# of a pair start their work within a millisecond of each other.
RACER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from quizgen.cli import main

    ready, go = Path(sys.argv[1]), Path(sys.argv[2])
    ready.write_text("ready")
    while not go.exists():
        time.sleep(0.0005)
    sys.argv = ["quizgen", *sys.argv[3:]]
    main()
""")

PAIRS = 20


@pytest.mark.slow
def test_concurrent_add_unit_runs_never_lose_a_unit(tmp_path):
    """Defect 4: in 8 of 40 pairs both runs said "Added unit" but one unit was missing from course.yaml."""
    racer = tmp_path / "racer.py"
    racer.write_text(RACER, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    lost, refused = [], []
    for pair in range(PAIRS):
        root = tmp_path / f"pair-{pair}"
        root.mkdir()
        assert run_cli("init", root / "content", "--title", f"Course {pair}").exit_code == 0
        procs = []
        for side in ("left", "right"):
            article = root / f"{side}.txt"
            article.write_text(f"The {side} article\n\nA paragraph of the {side} article, long enough to keep.\n",
                               encoding="utf-8")
            procs.append(subprocess.Popen(
                [sys.executable, str(racer), str(root / f"{side}.ready"), str(root / "go"), "add-unit", str(article),
                 str(root / "content")], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        deadline = time.monotonic() + 120
        while not all((root / f"{side}.ready").exists() for side in ("left", "right")):
            assert time.monotonic() < deadline and all(p.poll() is None for p in procs), \
                [p.communicate() for p in procs]
            time.sleep(0.005)
        (root / "go").write_text("go")
        added = 0
        for proc in procs:
            out, err = proc.communicate(timeout=120)
            assert "Traceback" not in err and "Internal error" not in err, err
            if proc.returncode == 0 and out.startswith("Added unit"):
                added += 1
            else:
                refused.append((pair, err.strip()))
        units = load_course_units(root / "content")
        if len(units) != added:
            lost.append((pair, sorted(units)))
    # Serialised: both runs of every pair add their unit; none is lost, none has to be run again.
    assert (lost, refused) == ([], []), f"{len(lost)} of {PAIRS} pairs lost a unit {lost}; runs refused: {refused}"


def load_course_units(course: Path) -> set[str]:
    from ruamel.yaml import YAML

    return set(YAML(typ="safe").load((course / "course.yaml").read_text(encoding="utf-8"))["units"] or [])


# --- defect 5: HTML nested deeper than the parser's limit -----------------------------------------------


def deep_page(levels: int) -> str:
    """An old page that opens a <font> per paragraph and never closes one."""
    return ("<html><body><article><h1>Deep page</h1>"
            + "".join(f"<font><p>Paragraph {i} of the deep page has words enough.</p>" for i in range(levels))
            + "</article></body></html>")


@pytest.fixture
def course(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    assert run_cli("init", "content", "--title", "Stress").exit_code == 0
    return tmp_path / "content"


def test_unclosed_tags_four_hundred_deep_lose_no_paragraph(course):
    """Defect 5: 400 unclosed <font> tags imported 126 of 400 paragraphs and listed nothing as left out."""
    article = course.parent / "deep.html"
    article.write_text(deep_page(400), encoding="utf-8")
    result = run_cli("add-unit", article, "content")
    assert result.exit_code == 0, result.output
    assert "  body:      400 paragraphs\n" in result.stdout
    source = (course / "deep-page" / "source.md").read_text(encoding="utf-8")
    assert source.count("of the deep page has words enough.") == 400


def test_nesting_past_the_parsers_limit_is_refused_not_cut(course):
    article = course.parent / "deeper.html"
    article.write_text(deep_page(3000), encoding="utf-8")
    before = sorted(p.name for p in course.iterdir())
    result = run_cli("add-unit", article, "content")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: '{article}' line 1: tags nest too deeply here (more than 2,048 levels, usually tags such as <font> "
        f"left open), and nothing after this point could be read; nothing was written. Save the article as text "
        f"(.txt) instead, or close the tags\n")
    assert sorted(p.name for p in course.iterdir()) == before


# --- defect 7: Markdown front matter that would not read back ------------------------------------------


def test_front_matter_is_written_so_that_it_reads_back(course):
    """Defect 7: a Markdown article whose `date` held ': ' made add-unit write front matter it could not read back
    ("Internal error: ScannerError")."""
    article = course.parent / "colons.md"
    article.write_text('---\ntitle: "Water: who owns it? \\"A\\" #1"\nauthor: "R. Nurlanovna: reporter"\n'
                       'date: "2022-06-08: updated"\n---\n\nThe Aral Sea lost most of its water by 2007.\n',
                       encoding="utf-8")
    result = run_cli("add-unit", article, "content", "--slug", "colons")
    assert result.exit_code == 0, result.output
    assert "  line 1    front matter date that is no date quizgen reads: date: 2022-06-08: updated" in result.stdout
    text = (course / "colons" / "source.md").read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Water: who owns it? \\"A\\" #1"\nauthor: "R. Nurlanovna: reporter"\n' + CALLED
                           + '---\n')
    facts = course / "colons" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "facts:\n", 'facts:\n  - id: aral\n    kind: event\n    what: the Aral Sea lost most of its water\n'
        '    when: "2007"\n    source: {paragraph: 1, quote: "The Aral Sea lost most"}\n', 1), encoding="utf-8")
    unit = load_course(course).units[0]
    assert unit.source.title == 'Water: who owns it? "A" #1' and unit.source.author == "R. Nurlanovna: reporter"


@pytest.mark.parametrize("date, written", [("2022-06-08", "date: 2022-06-08"), ("2022-06", "date: 2022-06"),
                                           ("2022", 'date: "2022"')])
def test_iso_dates_are_written_as_authors_write_them(course, date, written):
    article = course.parent / "dated.md"
    article.write_text(f'---\ntitle: "Dated"\ndate: "{date}"\n---\n\nA paragraph with a date.\n', encoding="utf-8")
    assert run_cli("add-unit", article, "content").exit_code == 0
    assert (course / "dated" / "source.md").read_text(encoding="utf-8").splitlines()[2] == written


# --- defect 8: answers that agree with the other commands ----------------------------------------------


def test_check_fails_a_unit_without_facts_as_build_and_stats_do(course, tmp_path):
    """Defect 8: after add-unit, `check` passed a unit with no facts, while build and stats failed on it."""
    article = course.parent / "a.txt"
    article.write_text("An article\n\nIts only paragraph, long enough to keep.\n", encoding="utf-8")
    assert run_cli("add-unit", article, "content").exit_code == 0
    results = {command: run_cli(command, "content", *(["-o", tmp_path / "out"] if command == "build" else []))
               for command in ("check", "stats", "build")}
    assert {command: r.exit_code for command, r in results.items()} == {"check": 1, "stats": 1, "build": 1}
    step = ("content/article/facts.yaml: unit 'article' has no facts yet. Next, write facts under the "
            "paragraph comments in that file, then run: quizgen check content\n")
    assert results["check"].stdout == step
    assert results["check"].stderr == "Not ready to build: take the next step above.\n"
    assert results["stats"].stderr == step + "Not ready to build: take the next step above.\n"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("slug, clash", [("index", "the web quiz's index.html"),
                                         ("templates", "the folder of the course's own templates"),
                                         ("stress-exam", "the worksheets of the course's exam")])
def test_add_unit_refuses_a_slug_another_command_would_refuse(course, slug, clash):
    """Defect 8: add-unit accepted the slugs index, templates and <course>-exam, which other commands refuse."""
    article = course.parent / "a.txt"
    article.write_text(f"{slug.title()}\n\nA paragraph long enough to keep.\n", encoding="utf-8")
    before = (course / "course.yaml").read_bytes()
    for args in ([], ["--slug", slug]):
        result = run_cli("add-unit", article, "content", *args)
        assert result.exit_code == 1
        assert result.stderr == (f"Error: a unit cannot be named '{slug}': it would clash with {clash}; choose another "
                                 f"name with --slug (nothing was written)\n")
    assert (course / "course.yaml").read_bytes() == before and not (course / slug).exists()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_articles_with_a_byte_order_mark_are_read(course, encoding):
    """Defect 8: UTF-16 files were refused as "contains NUL bytes"."""
    text = "Вода Арала\n\nКазахстан достроил плотину Кокарал в 2005 году.\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    article = course.parent / "aral.txt"
    article.write_bytes(data)
    result = run_cli("add-unit", article, "content", "--slug", "aral")
    assert result.exit_code == 0, result.output
    assert (course / "aral" / "source.md").read_text(encoding="utf-8").endswith(
        "\n\nКазахстан достроил плотину Кокарал в 2005 году.\n")


def test_utf16_without_a_byte_order_mark_gets_a_hint(course):
    article = course.parent / "aral.txt"
    article.write_bytes("The Aral Sea\n\nA paragraph of the article.\n".encode("utf-16-le"))
    result = run_cli("add-unit", article, "content")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: '{article}' looks like UTF-16 text without a byte-order mark; save the file as "
                             f"UTF-8 (in most editors: Save As, encoding UTF-8)\n")


def test_a_web_address_gets_a_hint_to_save_the_page(course):
    """Defect 8: a URL argument said "file not found: 'https:/...'" with no hint to save the page first."""
    result = run_cli("add-unit", "https://steppe-review.example/2023/05/north-aral-sea", "content")
    assert result.exit_code == 1
    assert result.stderr == ("Error: 'https://steppe-review.example/2023/05/north-aral-sea' is a web address; quizgen "
                             "imports files. Open the page in your browser, save it (File > Save Page As, 'Web Page, "
                             "HTML only') and give the saved file\n")
