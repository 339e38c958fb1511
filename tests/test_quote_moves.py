"""Editing a source text never silently moves a fact onto another paragraph.

When a paragraph is inserted or split above a fact's paragraph, the fact's
quote is no longer where its number says: the check names the paragraph the
quote is now in.
"""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from quizgen.cli import main


def check(course: Path):
    return CliRunner().invoke(main, ["check", str(course)])


def edit_source(course: Path, old: str, new: str) -> None:
    path = course / "steppe" / "source.md"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_mini_course_checks_clean(mini_course):
    result = check(mini_course)
    assert result.exit_code == 0, result.output
    assert result.stderr == "" or "quote" not in result.stderr


def test_a_paragraph_inserted_above(mini_course):
    edit_source(mini_course, "\nThe Kazakh alphabet adds",
                "\nA paragraph the author added later.\n\nThe Kazakh alphabet adds")
    result = check(mini_course)
    assert result.exit_code == 1
    facts = f"{mini_course}/steppe/facts.yaml"
    lines = result.stderr.splitlines()
    # Every fact of paragraphs 2 to 5 is reported, each with where its quote went.
    assert f"{facts}:9: fact 'nazarbayev': field 'source.quote': quote not found in paragraph 5 of source.md; " \
           f"it is in paragraph 6" in lines
    assert any(ln.startswith(f"{facts}:") and "fact 'kazakh-letters': field 'source.quote': quote not found in "
               "paragraph 2 of source.md; it is in paragraph 3" in ln for ln in lines)
    moved = [ln for ln in lines if "quote not found" in ln]
    assert moved and all("; it is in paragraph " in ln for ln in moved)
    assert not any("fact 'tokayev'" in ln for ln in lines)  # paragraph 1 did not move


def test_a_paragraph_split_above(mini_course):
    edit_source(mini_course, "led by Russia. The Eurasian", "led by Russia.\n\nThe Eurasian")
    result = check(mini_course)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert any("fact 'eaeu'" in ln and "quote not found in paragraph 3 of source.md; it is in paragraph 4" in ln
               for ln in lines)
    assert any("fact 'nazarbayev'" in ln and "quote not found in paragraph 5 of source.md; it is in paragraph 6"
               in ln for ln in lines)
    assert not any("fact 'csto'" in ln for ln in lines)  # still in paragraph 3


def test_a_paragraph_split_inside_a_quote(mini_course):
    edit_source(mini_course, "The Eurasian Economic Union is an economic bloc",
                "The Eurasian Economic Union is\n\nan economic bloc")
    result = check(mini_course)
    assert result.exit_code == 1
    assert any("fact 'eaeu'" in ln and "quote not found in paragraph 3 of source.md; it runs across paragraphs "
               "3 and 4: was a paragraph split there? quote words from one of them" in ln
               for ln in result.stderr.splitlines())


def test_the_nearest_paragraph_is_named_first(mini_course):
    # The quote "led by Russia" is in paragraph 3; after two paragraphs are inserted above it, it is
    # named in paragraph 5, and another paragraph holding the same words is mentioned too.
    edit_source(mini_course, "\nThe Collective Security", "\nOne.\n\nTwo.\n\nThe Collective Security")
    edit_source(mini_course, "Margarita Simonyan is the editor of RT.",
                "Margarita Simonyan is the editor of RT. The CSTO is a military alliance led by Russia.")
    result = check(mini_course)
    assert any("fact 'csto'" in ln and "quote not found in paragraph 3 of source.md; it is in paragraph 5 "
               "(and in 7)" in ln for ln in result.stderr.splitlines()), result.stderr
