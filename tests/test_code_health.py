"""The code's own checks: every package is installed, the linter and the type checker pass.

`setup.cfg` lists its packages by name because the templates folder is installed as `quizgen.templates` from
outside the package tree, which `find:` cannot express. The first test makes that list safe: a new package
(a new target, say) that is not added fails here instead of being left out of `pip install .` silently.
"""

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from setuptools import find_packages

REPO = Path(__file__).resolve().parent.parent


def test_setup_cfg_lists_every_package_of_the_source_tree():
    config = configparser.ConfigParser()
    config.read(REPO / "setup.cfg", encoding="utf-8")
    listed = {line.strip() for line in config["options"]["packages"].splitlines() if line.strip()}
    found = set(find_packages(where=REPO, include=["quizgen", "quizgen.*"]))
    assert found - listed == set(), "packages missing from setup.cfg [options] packages"
    assert listed - found == {"quizgen.templates"}


def _tool(name: str) -> list[str]:
    if shutil.which(name, path=str(Path(sys.executable).parent)) is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    return [sys.executable, "-m", name]


def test_ruff_finds_nothing():
    result = subprocess.run(_tool("ruff") + ["check", "--no-cache", "."], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_finds_nothing_in_the_typed_layers():
    result = subprocess.run(_tool("mypy") + ["--no-incremental"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
