"""Every input is bounded: a few lines of YAML or template never make a check run for minutes or eat the memory.

Each case runs `quizgen check` in a subprocess under a time limit, so a
regression fails here instead of hanging the suite. An unbounded run of these
takes minutes or exhausts memory; bounded, each takes about a second.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from helpers import BROKEN, REPO, copy_course

LIMIT = 60  # seconds; each case needs about one

BOMBS = ["yaml_alias_bomb", "yaml_alias_bomb_course", "yaml_alias_loop", "yaml_too_deep", "template_endless_loop",
         "template_nested_too_deep", "lock_too_deep"]


def check(course, cwd):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "quizgen.cli", "check", str(course)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=LIMIT)


@pytest.mark.slow
@pytest.mark.parametrize("case", BOMBS)
def test_bomb_in_the_corpus_is_refused_in_time(case):
    """Defect 3: an eleven-line alias bomb in facts.yaml or course.yaml, nested range loops, ran until killed."""
    result = check(case, BROKEN)
    assert result.returncode == 1, result.stderr
    assert result.stderr == (BROKEN / case / "expected.txt").read_text(encoding="utf-8")


TEMPLATE_BOMBS = {
    "nested loops": ("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
                     "stopped: it took more than 100,000 steps"),
    "doubling": ('{% set ns = namespace(s="xx") %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}'
                 "{{ ns.s }}", "a text or list of 131,072 items is too large"),
    "doubling with +": ('{% set ns = namespace(s="xx") %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}'
                        "{% endfor %}{{ ns.s }}", "a text or list of 131,072 items is too large"),
    "wide filter": ('{{ "x"|center(10**9) }}', "the number 1000000000 is too large an argument"),
    "wide format": ('{{ "%0100000000d"|format(1) }}', "a format with a width of 10,000 or more"),
    "wide str.format": ('{{ "{:>100000000}".format(1) }}', "a format with a width of 10,000 or more"),
    "wide %": ('{{ "%*d" % (10**9, 1) }}', "a format with a width of 10,000 or more"),
    "replace": ('{% set s = "a" * 9000 %}{{ s.replace("a", s) }}', "a text or list of 81,000,000"),
    "macro recursion": ("{% macro f(n) %}{{ f(n) }}{{ f(n) }}{% endmacro %}{{ f(1) }}", "RecursionError"),
    "long output": ("{% for i in range(9000) %}{{ fact.what }}{% endfor %}", "characters for one block"),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(TEMPLATE_BOMBS))
def test_template_work_and_size_are_bounded(tmp_path, name):
    """Defect 3: the sandbox limited * and ** but not the work a template does or what other steps build."""
    body, refusal = TEMPLATE_BOMBS[name]
    course = copy_course(BROKEN / "template_endless_loop", tmp_path / "course", keep_lock=False)
    (course / "templates" / "questions" / "event" / "endless.j2").write_text(
        '{% set type = "recall" %}\n{% set answer_field = "when" %}\n{% block stem %}' + body
        + "When?{% endblock %}\n", encoding="utf-8")
    result = check("course", tmp_path)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("course/steppe/facts.yaml:8: fact 'letters': template 'event/endless' failed for "
                               "this fact: "), lines
    assert refusal in lines[0], lines[0]
    assert lines[0].endswith("(template course/templates/questions/event/endless.j2, line 3)") or \
        name == "long output" and lines[0].endswith("(template course/templates/questions/event/endless.j2)")
    assert lines[-1] == "Aborted with 1 error."


@pytest.mark.parametrize("opening, closing", [("[", "]"), ("{a: ", "}"), ("- ", "")])
def test_nesting_deep_enough_to_exhaust_recursion_is_an_error_at_its_line(tmp_path, opening, closing):
    """Defect 7: 5,000 nested lists crashed as "Internal error: RecursionError" with no file."""
    course = copy_course(BROKEN / "yaml_too_deep", tmp_path / "course", keep_lock=False)
    facts = course / "steppe" / "facts.yaml"
    if opening == "- ":
        deep = "".join("\n" + "  " * (i + 3) + "- " for i in range(2000)) + "x"
    else:
        deep = opening * 5000 + "x" + closing * 5000
    text = facts.read_text(encoding="utf-8").splitlines()
    text[8] = "    tags: " + deep
    facts.write_text("\n".join(text) + "\n", encoding="utf-8")
    result = check("course", tmp_path)
    assert result.returncode == 1
    line = 9 if closing else 9 + 30  # where the 33rd level opens
    assert result.stderr.startswith(f"course/steppe/facts.yaml:{line}: lists and mappings nest more than 32 "
                                    f"levels deep here"), result.stderr[:300]


# --- issue 20: every template a course provides, and the quote hint -----------------------------------


@pytest.mark.slow  # waits out the web page's step limit on purpose
def test_a_web_template_that_loops_forever_is_stopped(tmp_path):
    """Defect 6: two nested range(100000) loops in a course's templates/web/index.html hung `quizgen check`."""
    course = copy_course(BROKEN / "too_few_for_mcq", tmp_path / "course", keep_lock=False)
    (course / "templates" / "web").mkdir(parents=True)
    (course / "templates" / "web" / "index.html").write_text(
        "<!DOCTYPE html>\n<title>{{ course.title }}</title>\n"
        "{% for i in range(100000) %}{% for j in range(100000) %}{{ j }}{% endfor %}{% endfor %}\n", encoding="utf-8")
    result = check("course", tmp_path)
    assert result.returncode == 1, result.stderr
    assert re.search(r"^course/templates/web/index.html:3: web template error: it took more than [\d,]+ steps \(loop "
                     r"iterations, calls and filters\) to render the page index.html; a web template must not loop "
                     r"that much$", result.stderr, re.M), result.stderr


@pytest.mark.slow  # a 40,000-word paragraph; test_loader checks the hint itself
def test_the_nearest_passage_hint_is_linear_in_the_paragraph(tmp_path):
    """Defect 6: the "nearest passage" hint ran difflib over every window of a paragraph: five mistyped quotes
    in one 40,000-word paragraph took 147 s. Ten here took over a minute before, about two seconds now
    (`python benchmarks/bench_quote_hint.py` measures it)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from bench_quote_hint import quote_hint_case

    paragraph, quotes, passage = quote_hint_case(40_000, 10)
    course = copy_course(BROKEN / "quote_not_found", tmp_path / "course", keep_lock=False)
    source = course / "steppe" / "source.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n" + paragraph + "\n", encoding="utf-8")
    facts = course / "steppe" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8") + "".join(
        f"  - id: extra-{n}\n    kind: claim\n    speaker: the article\n    claim: claim number {n}\n"
        f"    source: {{paragraph: 3, quote: \"{quote}\"}}\n" for n, quote in enumerate(quotes)), encoding="utf-8")
    result = check("course", tmp_path)
    assert result.returncode == 1
    hints = [line for line in result.stderr.splitlines() if "nearest passage" in line]
    assert len(hints) == 11, result.stderr
    assert hints[0].endswith('quote not found in paragraph 2 of source.md; nearest passage: "The Kazakh alphabet '
                             'adds nine letters to"'), hints[0]
    shown = hints[1].split('nearest passage: "')[1].rstrip('"')
    assert shown.endswith("...") and len(shown) <= 80 and passage.startswith(shown[:-3]), (shown, passage)
