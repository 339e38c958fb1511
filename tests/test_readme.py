"""The README is the newcomer's page: short, two Quick start commands that CI runs, pictures that exist.

The pages made from the code live in docs/ (`python docs/generate.py`; tests/test_docs.py checks them).
`python tests/test_readme.py --write` still regenerates them, for habit's sake.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def _quick_start_commands() -> list[str]:
    quick = README.read_text(encoding="utf-8").split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", quick, re.S)


def test_quick_start_has_exactly_two_commands():
    commands = _quick_start_commands()
    assert len(commands) == 2
    assert "quizgen build content" in commands[0] and "venv" in commands[0]
    assert "pytest" in commands[1] and "venv" in commands[1] and ".[test]" in commands[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines(), ".ci/run must run the README's test command, as written"


def test_readme_stays_short():
    lines = README.read_text(encoding="utf-8").count("\n")
    assert lines <= 150, f"README.md has {lines} lines; what a newcomer does not need first belongs in docs/"


def test_readme_links_and_pictures_exist():
    text = README.read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text)
    local = [t for t in targets if not re.match(r"[a-z]+:", t)]
    assert len(local) > 10
    missing = [t for t in local if not (ROOT / t).exists()]
    assert not missing, f"README.md links to files that do not exist: {missing}"
    pictures = re.findall(r"!\[[^\]]+\]\(([^)]+\.png)\)", text)
    assert len(pictures) == 3
    for picture in pictures:
        data = (ROOT / picture).read_bytes()
        assert data.startswith(b"\x89PNG"), picture
        assert len(data) < 150 * 1024, f"{picture} is {len(data) // 1024} KiB; keep pictures under 150 KiB"


if __name__ == "__main__" and "--write" in sys.argv:
    sys.exit(subprocess.call([sys.executable, str(ROOT / "docs" / "generate.py")]))
