"""The documentation site: its generated pages are current, it builds in strict mode, its commands exist.

Regenerate the pages made from the code with `python docs/generate.py`.
"""
from __future__ import annotations

import importlib.util
import re
import shlex
import subprocess
import sys
from pathlib import Path

import click
import pytest

from quizgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _generator():
    spec = importlib.util.spec_from_file_location("docs_generate", DOCS / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("page", ["reference/schema.md", "reference/settings.md", "reference/lint-codes.md"])
def test_generated_page_is_current(page):
    generate = _generator()
    assert page in generate.PAGES
    on_disk = (DOCS / page).read_text(encoding="utf-8")
    assert on_disk == generate.PAGES[page](), f"docs/{page} is out of date: run `python docs/generate.py`"


def test_generated_pages_hold_every_declared_name():
    from quizgen.lintcodes import LINT_CODES
    from quizgen.schema import FACT_KINDS
    from quizgen.targets import declared_options

    settings = (DOCS / "reference/settings.md").read_text(encoding="utf-8")
    assert all(f"## `{option.name}`" in settings for option in declared_options())
    codes = (DOCS / "reference/lint-codes.md").read_text(encoding="utf-8")
    assert all(f"| `{code}` |" in codes for code in LINT_CODES)
    schema = (DOCS / "reference/schema.md").read_text(encoding="utf-8")
    assert all(f"## Kind `{kind}`" in schema for kind in FACT_KINDS)


def test_mkdocs_builds_in_strict_mode(tmp_path):
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                             "-d", str(site)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    cli = (site / "reference" / "cli" / "index.html").read_text(encoding="utf-8")
    for command in ("quizgen init", "quizgen add-unit", "quizgen suggest", "quizgen check", "quizgen preview",
                    "quizgen build", "quizgen stats"):
        assert command in cli, f"the command line page lacks {command}"
    assert "--versions" in cli and "--slug" in cli
    for page in ("guide/writing-a-course", "guide/anki", "reference/schema", "contributing/architecture"):
        assert (site / page / "index.html").is_file()
    assert (site / "img" / "worksheet.png").is_file()


def _shown_commands() -> list[tuple[str, str]]:
    """Every `quizgen ...` line of a shell block in the README and the docs, with the file it is in."""
    shown = []
    for path in [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]:
        for block in re.findall(r"```sh\n(.*?)```", path.read_text(encoding="utf-8"), re.S):
            for line in block.splitlines():
                for part in line.split("&&"):
                    part = part.split(" #", 1)[0].strip()
                    if part.startswith("quizgen "):
                        shown.append((path.relative_to(ROOT).as_posix(), part))
    return shown


def test_commands_shown_use_real_commands_and_options():
    shown = _shown_commands()
    assert len(shown) >= 10
    for where, line in shown:
        words = shlex.split(line)[1:]
        command = main.get_command(click.Context(main), words[0])
        assert command is not None, f"{where}: '{line}': quizgen has no command '{words[0]}'"
        names = {name for param in command.params for name in getattr(param, "opts", [])}
        names |= {"-h", "--help"}
        for word in words[1:]:
            if word.startswith("-"):
                assert word.split("=", 1)[0] in names, f"{where}: '{line}': '{word}' is no option of {words[0]}"
