"""Shared fixtures: private copies of the fixture courses, safe to edit per test; compiled templates remembered."""
from __future__ import annotations

from pathlib import Path

import pytest

import template_cache
from helpers import MINI, copy_course


@pytest.fixture(autouse=True, scope="session")
def _compiled_templates_remembered():
    """Every build compiles its templates anew; across the suite's builds, each is compiled once."""
    template_cache.install()
    yield
    template_cache.uninstall()


@pytest.fixture
def mini_course(tmp_path: Path) -> Path:
    """A private copy of tests/courses/mini, to edit freely."""
    return copy_course(MINI, tmp_path / "mini")
