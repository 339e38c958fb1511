"""The README's schema, warning codes and command reference are generated from the code; keep them in step.

Run `python tests/test_readme.py --write` to regenerate them.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from click.testing import CliRunner

from quizgen.cli import main
from quizgen.lintcodes import describe_codes
from quizgen.schema import describe_schema
from quizgen.targets import declared_options

README = Path(__file__).resolve().parent.parent / "README.md"


def cli_reference() -> str:
    runner = CliRunner()
    parts = []
    for args in ([], ["build"], ["check"], ["init"], ["add-unit"], ["suggest"], ["preview"], ["stats"]):
        result = runner.invoke(main, [*args, "--help"], prog_name="quizgen", terminal_width=100)
        assert result.exit_code == 0, result.output
        parts.append(f"```\n$ quizgen {' '.join(args + ['--help'])}\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


def sections() -> dict[str, str]:
    return {"schema": describe_schema(declared_options()), "cli": cli_reference(), "lint": describe_codes()}


def _block(name: str, body: str) -> str:
    return f"<!-- {name}:start -->\n{body}<!-- {name}:end -->"


def _current(text: str, name: str) -> str:
    match = re.search(rf"<!-- {name}:start -->\n(.*?)<!-- {name}:end -->", text, re.S)
    assert match, f"README.md lacks the <!-- {name}:start --> ... <!-- {name}:end --> markers"
    return match.group(1)


def test_schema_section_matches_code():
    assert _current(README.read_text(encoding="utf-8"), "schema") == describe_schema(declared_options())


def test_lint_section_matches_codes():
    assert _current(README.read_text(encoding="utf-8"), "lint") == describe_codes()


def test_cli_section_matches_help():
    assert _current(README.read_text(encoding="utf-8"), "cli") == cli_reference()


def test_quick_start_has_exactly_two_commands():
    text = README.read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", quick, re.S)
    assert len(commands) == 2
    assert "quizgen build content" in commands[0] and "venv" in commands[0]
    assert "pytest" in commands[1] and "venv" in commands[1]
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci, ".ci/run must run the README's test command"


if __name__ == "__main__" and "--write" in sys.argv:
    text = README.read_text(encoding="utf-8")
    for name, body in sections().items():
        text = re.sub(rf"<!-- {name}:start -->\n.*?<!-- {name}:end -->",
                      lambda m, name=name, body=body: _block(name, body), text, flags=re.S)
    README.write_text(text, encoding="utf-8")
    print("README.md sections regenerated")
