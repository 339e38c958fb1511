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
from helpers import MINI, REPO, copy_course, run_cli

from quizgen.loader import load_course

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
            assert time.monotonic() < deadline and all(p.poll() is None for p in procs), [p.communicate() for p in procs]
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
