"""Independent readers of the exports, for the tests: Node.js packages (a GIFT parser, a QTI 3 player) and
small readers written from each format's documentation, never from quizgen's own writers.

The Node.js packages are pinned in tests/node/package.json and package-lock.json and installed once per lock
with `npm ci` into .cache/node/<digest>/ (ignored by git), so a test run never fetches anything else.
"""
from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from helpers import REPO, TESTS, load
from quizgen.build import plan_job
from quizgen.plan import plan_sheets, plan_version
from quizgen.targets import get_target

NODE_DIR = TESTS / "node"
CACHE = REPO / ".cache" / "node"
EXPORT_TARGETS = ("moodle", "gift", "canvas", "qti3", "kahoot", "quizlet")


def node_packages() -> Path:
    """The folder holding node_modules with the pinned packages, installed on first use."""
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            pytest.fail(f"'{tool}' is missing: install Debian's nodejs and npm packages (apt-get install -y nodejs "
                        f"npm; .ci/run does), or deselect these tests with -m 'not slow'")
    manifest = (NODE_DIR / "package.json").read_bytes() + (NODE_DIR / "package-lock.json").read_bytes()
    target = CACHE / hashlib.sha256(manifest).hexdigest()[:16]
    if (target / "node_modules" / ".installed").exists():
        return target
    work = CACHE / f"{target.name}.{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy(NODE_DIR / name, work / name)
    # --ignore-scripts: esbuild's binary comes inside its registry package; no install script is needed.
    done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=work,
                          capture_output=True, text=True)
    if done.returncode:
        pytest.fail(f"npm ci failed in {work}:\n{done.stdout}\n{done.stderr}")
    (work / "node_modules" / ".installed").write_text("ok\n")
    try:
        work.rename(target)
    except OSError:  # another test process installed it meanwhile
        shutil.rmtree(work, ignore_errors=True)
    return target


def parse_gift(text: str) -> list[dict]:
    """The questions of a GIFT text as the npm package gift-pegjs parses them."""
    packages = node_packages()
    script = "const {parse} = require('gift-pegjs'); let s=''; process.stdin.on('data', d => s += d);" \
             "process.stdin.on('end', () => process.stdout.write(JSON.stringify(parse(s))));"
    done = subprocess.run(["node", "-e", script], input=text, capture_output=True, text=True, cwd=packages)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def qti_player_bundle() -> Path:
    """@citolab/qti-components bundled by esbuild into one script for Chromium (built once per lock)."""
    packages = node_packages()
    bundle = packages / "qti-player.js"
    if bundle.exists():
        return bundle
    entry = packages / "qti-player-entry.js"
    entry.write_text((NODE_DIR / "qti-player-entry.js").read_text())
    tmp = packages / f"qti-player.{os.getpid()}.js"
    done = subprocess.run([str(packages / "node_modules" / ".bin" / "esbuild"), str(entry), "--bundle",
                           "--format=iife", f"--outfile={tmp}", "--log-level=warning"], capture_output=True, text=True,
                          cwd=packages)
    assert done.returncode == 0, done.stderr
    tmp.replace(bundle)
    return bundle


def qti_player_css() -> str:
    return (node_packages() / "node_modules" / "@citolab" / "qti-components" / "dist" / "item.css").read_text()


# --- courses, as the exports see them ----------------------------------------------------------


class Exported:
    """A course, its items, version A of its sheets and what each export target renders."""

    def __init__(self, course_dir: Path, **settings):
        self.course, self.items = load(course_dir)
        if settings:
            self.course = replace(self.course, settings=self.course.settings.replace(**settings))
        self.job = plan_job(self.course, self.items, now=1_700_000_000)
        self.versions = [plan_version(self.course, sheet, "A") for sheet in plan_sheets(self.course, self.items)]
        self._files: dict[str, dict[str, bytes]] = {}

    def files(self, target: str) -> dict[str, bytes]:
        if target not in self._files:
            self._files[target] = get_target(target).render(self.job).files
        return self._files[target]

    def questions(self):
        """(version, section, question) of every sheet's version A, in order."""
        for version in self.versions:
            for section in version.sections:
                for question in section.questions:
                    yield version, section, question


# --- small helpers for the readers ------------------------------------------------------------


def html_text(fragment: str) -> str:
    """The text a browser shows for an HTML fragment of paragraphs: tags dropped, references decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def accepted(question) -> set[str]:
    """What the key accepts for a written question (case folded): its answer model's forms (quizgen.answers),
    its answer and the fact's `accept` list, and romanised spellings where the course accepts them; a number also
    in its other spellings ("seven" and "7", "8,000,000" and "8 million") and a form without its leading article
    ("BBC" for "the BBC"), since an LMS compares answers as written."""
    from quizgen.answers import number_forms, rules

    item = question.item
    answer = item.cloze[1] if item.type == "cloze" and item.cloze else item.answer
    articles = rules(question.answers.language)["articles"]
    forms = set()
    for given in question.answers.accepted:
        for a in [given, *number_forms(given, question.answers.language)]:
            forms.add(" ".join(a.split()).casefold())
        words = given.split()
        if len(words) > 1 and words[0].casefold() in articles:
            forms.add(" ".join(words[1:]).casefold())
    assert {" ".join(a.split()).casefold() for a in (answer, *item.accept)} <= forms
    return forms
