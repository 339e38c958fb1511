"""Shared fixtures: copies of the small fixture courses, safe to edit per test."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

COURSES = Path(__file__).resolve().parent / "courses"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def mini_course(tmp_path: Path) -> Path:
    """A private copy of tests/courses/mini, to edit freely."""
    dest = tmp_path / "mini"
    shutil.copytree(COURSES / "mini", dest)
    return dest


def edit_facts(course_dir: Path, old: str, new: str, unit: str = "steppe") -> None:
    """Replace text in a unit's facts.yaml (exactly once)."""
    path = course_dir / unit / "facts.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")
