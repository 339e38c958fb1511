"""Shared fixtures: private copies of the fixture courses, safe to edit per test."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import MINI, copy_course


@pytest.fixture
def mini_course(tmp_path: Path) -> Path:
    """A private copy of tests/courses/mini, to edit freely."""
    return copy_course(MINI, tmp_path / "mini")
