"""`quizgen suggest`: candidate facts drawn from a unit's source text.

Every suggestion must load through the loader exactly as a curated fact does
(schema and quote check), on the shipped article and on articles nobody tuned
the rules on; the output must be repeatable and made offline.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.authoring.suggest import (
    SUGGESTIONS_FILE,
    find_suggestions,
    quotes_overlap,
    recall,
    suggest_unit,
)
from quizgen.authoring.unit import add_unit
from quizgen.build import check
from quizgen.cli import main
from quizgen.loader import load_course
from quizgen.loader.files import bounded_yaml

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "content"
ARTICLES = Path(__file__).resolve().parent / "articles"
FIXTURES = Path(__file__).resolve().parent / "courses"
RECALL_GOAL = 0.60


def _copy(course: Path, tmp_path: Path) -> Path:
    dest = tmp_path / course.name
    shutil.copytree(course, dest)
    return dest


def _empty_facts(unit_dir: Path) -> None:
    """Leave a unit as add-unit does: its title and source, no facts yet."""
    data = bounded_yaml("safe").load((unit_dir / "facts.yaml").read_text(encoding="utf-8"))
    skip = "".join(f"\n  {n}: {reason!r}" for n, reason in (data.get("skip_paragraphs") or {}).items())
    (unit_dir / "facts.yaml").write_text(
        f"title: {data['title']!r}\nsource: {data.get('source', 'source.md')}\n"
        f"skip_paragraphs:{skip or ' {}'}\nfacts:\n", encoding="utf-8")


def _suggestions_as_facts(unit_dir: Path) -> int:
    """Replace the unit's facts with its suggestions, moved across as an author would: no edit at all."""
    suggested = (unit_dir / SUGGESTIONS_FILE).read_text(encoding="utf-8")
    entries = suggested[suggested.index("\nsuggestions:") + len("\nsuggestions:"):]
    facts = (unit_dir / "facts.yaml").read_text(encoding="utf-8")
    facts = facts[: facts.index("\nfacts:") + len("\nfacts:")] + entries
    (unit_dir / "facts.yaml").write_text(facts, encoding="utf-8")
    return len(bounded_yaml("safe").load(suggested)["suggestions"] or [])


def _imported_course(tmp_path: Path) -> Path:
    course = tmp_path / "water"
    course.mkdir()
    (course / "course.yaml").write_text("title: Water\nslug: water\nunits: []\n", encoding="utf-8")
    add_unit(ARTICLES / "aral-sea.html", course, slug="aral-sea")
    return course


def _units():
    yield "shipped", SHIPPED, "kazakhstan-drift"
    yield "atom", FIXTURES / "atom", "discovery"
    yield "atom", FIXTURES / "atom", "structure"
    yield "lajpat-rai", FIXTURES / "lajpat-rai", "life"


@pytest.mark.parametrize("course, unit", [(c, u) for _, c, u in _units()] + [(None, "aral-sea")],
                         ids=[f"{n}/{u}" for n, _, u in _units()] + ["aral-sea"])
def test_every_suggestion_loads_as_a_curated_fact(tmp_path, course, unit):
    course_dir = _imported_course(tmp_path) if course is None else _copy(course, tmp_path)
    unit_dir = course_dir / unit
    _empty_facts(unit_dir)
    result = suggest_unit(unit_dir)
    assert result.rejected == []  # nothing a rule made was refused by the check
    assert len(result.suggestions) >= (5 if unit == "aral-sea" else 10)  # the Aral article has 9 sentences
    # Move every suggestion into facts.yaml unchanged: the whole course must load and check.
    moved = _suggestions_as_facts(unit_dir)
    assert moved == len(result.suggestions)
    loaded = load_course(course_dir)
    facts = [f for u in loaded.units if u.slug == unit for f in u.facts]
    assert len(facts) == moved
    ids = [f.id for u in loaded.units for f in u.facts]
    assert len(ids) == len(set(ids))
    report = check(course_dir)
    assert report.items


def test_every_kind_is_suggested_somewhere(tmp_path):
    kinds = set()
    for _, course, unit in _units():
        source = load_course(course).units
        for u in source:
            if u.slug == unit:
                kinds |= {s.kind for s in find_suggestions(u.source.paragraphs, skip=set(u.skip_paragraphs),
                                                           date=u.source.date, title=u.source.title)}
    assert kinds == {"person", "event", "term", "claim", "cause_effect", "background"}


def test_ids_never_clash_with_the_courses_facts_and_curated_facts_are_not_suggested_again(tmp_path):
    course_dir = _copy(SHIPPED, tmp_path)
    unit_dir = course_dir / "kazakhstan-drift"
    curated = load_course(course_dir).units[0]
    result = suggest_unit(unit_dir)
    assert result.already_curated > 0
    taken = {f.id for f in curated.facts}
    assert not taken & {s.id for s in result.suggestions}
    for s in result.suggestions:
        for fact in curated.facts:
            assert not quotes_overlap(curated.source.paragraphs, (fact.paragraph, fact.quote), (s.paragraph, s.quote))
    assert load_course(course_dir).units[0].facts == curated.facts  # facts.yaml untouched


def test_output_is_byte_identical_on_rerun(tmp_path):
    course_dir = _copy(FIXTURES / "lajpat-rai", tmp_path)
    unit_dir = course_dir / "life"
    _empty_facts(unit_dir)
    suggest_unit(unit_dir)
    first = (unit_dir / SUGGESTIONS_FILE).read_bytes()
    suggest_unit(unit_dir)
    assert (unit_dir / SUGGESTIONS_FILE).read_bytes() == first


def test_recall_on_the_shipped_course():
    """The share of the shipped course's curated facts whose quote a suggestion's quote overlaps."""
    unit = load_course(SHIPPED).units[0]
    found = find_suggestions(unit.source.paragraphs, skip=set(unit.skip_paragraphs), date=unit.source.date,
                             title=unit.source.title)
    share = recall(unit.source.paragraphs, [(f.paragraph, f.quote) for f in unit.facts], found)
    print(f"recall on the shipped course: {share:.0%} of {len(unit.facts)} curated facts, "
          f"{len(found)} suggestions")
    assert share >= RECALL_GOAL


def test_overlap_is_half_the_shorter_quote_in_the_same_paragraph():
    paragraphs = ("In 1880, he joined Government College at Lahore to study law.", "Another paragraph here.")
    assert quotes_overlap(paragraphs, (1, "he joined Government College"), (1, "In 1880, he joined"))
    assert not quotes_overlap(paragraphs, (1, "In 1880, he joined"), (1, "College at Lahore to study law"))
    assert not quotes_overlap(paragraphs, (1, "Another paragraph"), (2, "Another paragraph"))


def test_an_edited_suggestions_file_is_kept_unless_forced(tmp_path):
    course_dir = _copy(FIXTURES / "atom", tmp_path)
    unit_dir = course_dir / "discovery"
    suggest_unit(unit_dir)
    path = unit_dir / SUGGESTIONS_FILE
    edited = path.read_text(encoding="utf-8").replace("kind: claim", "kind: claim  # mine", 1)
    path.write_text(edited, encoding="utf-8")
    result = CliRunner().invoke(main, ["suggest", str(unit_dir)])
    assert result.exit_code == 1
    assert f"Error: {path} has been edited since quizgen suggest wrote it" in result.output
    assert path.read_text(encoding="utf-8") == edited
    result = CliRunner().invoke(main, ["suggest", str(unit_dir), "--force"])
    assert result.exit_code == 0, result.output
    assert "# mine" not in path.read_text(encoding="utf-8")


def test_cli_reports_what_it_wrote(tmp_path):
    course_dir = _imported_course(tmp_path)
    facts_before = (course_dir / "aral-sea" / "facts.yaml").read_bytes()
    result = CliRunner().invoke(main, ["suggest", str(course_dir / "aral-sea")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Suggested ") and "for unit 'aral-sea': " in lines[0]
    assert f"Wrote {course_dir / 'aral-sea' / SUGGESTIONS_FILE}" in lines
    assert (course_dir / "aral-sea" / "facts.yaml").read_bytes() == facts_before


def test_a_folder_outside_a_course_is_refused(tmp_path):
    (tmp_path / "unit").mkdir()
    result = CliRunner().invoke(main, ["suggest", str(tmp_path / "unit")])
    assert result.exit_code == 1
    assert f"there is no course.yaml in '{tmp_path}'" in result.output


def test_suggest_runs_with_the_network_unreachable(tmp_path):
    """Nothing is fetched at run time: with sockets refused, suggest works and imports no network client."""
    course_dir = _imported_course(tmp_path)
    script = textwrap.dedent(f"""
        import socket, sys
        def refuse(*args, **kwargs):
            raise OSError("network used")
        socket.socket = refuse
        socket.create_connection = refuse
        from quizgen.authoring.suggest import suggest_unit
        result = suggest_unit({str(course_dir / 'aral-sea')!r})
        assert result.suggestions
        loaded = [m for m in ("http.client", "urllib.request", "requests", "ssl", "urllib3") if m in sys.modules]
        print("network modules:", loaded)
        assert not loaded, loaded
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
