"""Bad input gets a clear error: the corpus of broken courses in tests/broken/.

Each folder of tests/broken/ is one broken course, named after what is wrong
with it, and holds `expected.txt`: exactly what `quizgen check <case>` prints
on stderr, run from inside tests/broken/ so the paths in the messages are the
short relative ones a user would see. To add a case, copy a folder, break it,
and write the lines you want the user to read into its `expected.txt`.

Cases that are awkward to keep as files (a 100,000-character field, CRLF and a
byte-order mark, unwritable output folders) are made by the tests below.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import BROKEN, COURSES, copy_course, run_cli

CASES = sorted(p.name for p in BROKEN.iterdir() if (p / "expected.txt").is_file())

# Cases that only warn: the check succeeds and prints the warning.
ACCEPTED_WITH_WARNINGS = {"too_few_for_mcq", "anki_markup_and_deck_names"}


run = run_cli


def assert_no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def test_corpus_is_not_empty():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES)
def test_broken_course_message(case, monkeypatch):
    monkeypatch.chdir(BROKEN)
    result = run("check", case)
    expected = (BROKEN / case / "expected.txt").read_text(encoding="utf-8")
    assert_no_traceback(result)
    assert result.stderr == expected
    if case in ACCEPTED_WITH_WARNINGS:
        assert result.exit_code == 0
        assert "No errors." in result.stdout
    else:
        assert result.exit_code == 1
        assert result.stderr.splitlines()[-1].startswith("Aborted with ")
    if case == "too_few_for_mcq":  # the short answer written instead is sound: a note, on stdout
        assert ("too_few_for_mcq/steppe/facts.yaml:8: note: item 'letters/who-said': template 'claim/who-said' found "
                "0 plausible wrong answers") in result.stdout and result.stdout.count("[too-few-distractors]") == 1


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("case", ["word_too_long_to_print", "title_too_long_to_print"])
def test_build_explains_what_cannot_be_laid_out_as_check_does(case, jobs, monkeypatch, tmp_path):
    """A build does not measure every page before rendering; when rendering fails, it says why as check would."""
    monkeypatch.chdir(BROKEN)
    result = run("build", case, "-o", tmp_path / "out", "--jobs", jobs)
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert result.stderr == (BROKEN / case / "expected.txt").read_text(encoding="utf-8")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("case", [c for c in CASES if c not in ACCEPTED_WITH_WARNINGS])
def test_every_error_line_is_located(case):
    """Each message starts with the file (and line, where one exists) and says what is wrong."""
    lines = (BROKEN / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert lines[-1] == f"Aborted with {len(lines) - 1} error{'s' * (len(lines) != 2)}."
    for line in lines[:-1]:
        assert line.startswith(case + "/"), line
        where = line.split(": ", 1)[0]
        assert where.endswith((".yaml", ".md", ".j2", ".lock")) or where.split(":")[1].isdigit(), line


def test_summary_counts_all_problems_of_the_run(monkeypatch):
    monkeypatch.chdir(BROKEN)
    result = run("check", "many_errors")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "Aborted with 3 errors."


def test_debug_shows_the_traceback(monkeypatch):
    from quizgen.errors import ContentError

    monkeypatch.chdir(BROKEN)
    result = run("check", "unknown_kind", "--debug")
    assert result.exit_code == 1
    assert isinstance(result.exception, ContentError)


def test_usage_error_exits_2():
    result = run("check", "--no-such-option")
    assert result.exit_code == 2


def test_missing_course_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("check", "nowhere")
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert result.stderr == "course folder not found: 'nowhere'\nAborted with 1 error.\n"


# --- cases made on the fly ------------------------------------------------------


def copy_case(tmp_path: Path, source: Path, name: str) -> Path:
    return copy_course(source, tmp_path / name, keep_lock=False)


def test_very_long_field_is_refused_with_its_length(tmp_path, monkeypatch):
    course = copy_case(tmp_path, BROKEN / "too_few_for_mcq", "long")
    facts = course / "steppe" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("period: the Soviet era", "period: " + "x" * 100_000), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", "long")
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert result.stderr == (
        "long/steppe/facts.yaml:5: fact 'last-republic': field 'period': "
        "is 100000 characters long; at most 2000 allowed\n"
        "Aborted with 1 error.\n"
    )


def test_messages_quote_at_most_eighty_characters_of_the_course(tmp_path, monkeypatch):
    """Defect 8: a 100,000-character fact id was echoed whole; so were a kind, a field name, a slug option."""
    long = "x" * 100_000
    course = copy_case(tmp_path, COURSES / "mini", "long")
    facts = course / "steppe" / "facts.yaml"
    lines = facts.read_text(encoding="utf-8").split("\n")
    ids = [n for n, line in enumerate(lines) if line.startswith("  - id: ")]
    lines[ids[0]] = "  - id: " + long
    lines[ids[1] + 1] = "    kind: " + long
    lines.insert(ids[2] + 1, "    " + "k" * 1000 + ": 1")
    facts.write_text("\n".join(lines).replace("when: 2022-01", "when: " + long, 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    results = [run("check", "long"), run("init", "new", "--slug", long), run("init", "new", "--title", "!" * 5000),
               run("add-unit", "y" * 5000 + ".txt", "long", "--slug", "Z" * 5000)]
    for result in results:
        assert_no_traceback(result)
        assert result.exit_code == 1
        for char in "xk!yZ":
            assert char * 81 not in result.output, result.output[:300]
    assert results[0].stderr.splitlines()[0] == (f"long/steppe/facts.yaml:3: fact '{'x' * 77}...': field 'id': is "
                                                 f"100000 characters long; at most 80 allowed")
    assert len(results[0].stderr.splitlines()) == 5


def test_two_targets_declaring_one_setting_stop_quizgen_at_start_up(monkeypatch):
    """Defect 8: two targets could declare the same setting name, and the second silently won."""
    from quizgen import targets
    from quizgen.settings import Option
    from quizgen.targets import declared_options

    class Twin(targets.Target):
        name, title = "twin", "a target declaring another's setting"
        options = (Option("paper", "a5", "Paper of the twin."),)

    monkeypatch.setattr(targets, "registered_targets", lambda: [targets.get_target("pdf"), Twin()])
    declared_options.cache_clear()
    try:
        with pytest.raises(Exception) as caught:
            declared_options()
        assert str(caught.value) == ("the setting 'paper' is declared by target 'pdf' and by target 'twin'; setting "
                                     "names must be unique across quizgen and its targets: rename one")
    finally:
        monkeypatch.undo()
        declared_options.cache_clear()
    assert [o.name for o in targets.declared_options()].count("paper") == 1


def test_bom_and_crlf_are_accepted(tmp_path):
    plain = copy_case(tmp_path, COURSES / "mini", "plain")
    dos = copy_case(tmp_path, COURSES / "mini", "dos")
    for path in dos.rglob("*"):
        if path.suffix in (".yaml", ".md"):
            text = path.read_text(encoding="utf-8")
            path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert (dos / "course.yaml").read_bytes().startswith(b"\xef\xbb\xbf")
    first, second = run("check", str(plain)), run("check", str(dos))
    assert second.exit_code == 0, second.output
    assert second.stdout == first.stdout.replace(str(plain), str(dos))  # notes name their file
    assert second.stderr == first.stderr.replace(str(plain), str(dos))
    built = run("build", str(dos), "-o", str(tmp_path / "out"))
    assert built.exit_code == 0, built.output
    assert (tmp_path / "out" / "mini-steppe.apkg").is_file()


def test_bom_and_crlf_keep_line_numbers(tmp_path, monkeypatch):
    course = copy_case(tmp_path, BROKEN / "unknown_kind", "dos")
    for path in course.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    result = run("check", "dos")
    expected = (BROKEN / "unknown_kind" / "expected.txt").read_text(encoding="utf-8")
    assert result.stderr == expected.replace("unknown_kind/", "dos/")


# --- the output folder ----------------------------------------------------------
#
# The tests run as root, which ignores file permissions, so "not writable" is
# produced by putting the output folder under a regular file: no user can
# create a folder there.


def test_output_folder_under_a_file(tmp_path):
    course = copy_case(tmp_path, COURSES / "mini", "mini")
    (tmp_path / "blocker").write_text("a file, not a folder\n")
    result = run("build", str(course), "-o", str(tmp_path / "blocker" / "dist"))
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert result.stderr.endswith(f"Error: cannot write to '{tmp_path / 'blocker' / 'dist'}': Not a directory\n")


def test_output_path_is_a_file(tmp_path):
    course = copy_case(tmp_path, COURSES / "mini", "mini")
    (tmp_path / "dist").write_text("a file, not a folder\n")
    result = run("build", str(course), "-o", str(tmp_path / "dist"))
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert result.stderr.endswith(
        f"Error: output path '{tmp_path / 'dist'}' is a file, not a folder; choose another with -o\n"
    )
    assert (tmp_path / "dist").read_text() == "a file, not a folder\n"


def test_internal_error_says_it_is_a_bug_and_how_to_report_it(monkeypatch):
    """Only a bug in quizgen is an "Internal error", and the message tells the user what to send."""
    import quizgen.build

    def broken(*args, **kwargs):
        raise RuntimeError("something quizgen did not expect")

    monkeypatch.setattr(quizgen.build, "check", broken)
    monkeypatch.chdir(BROKEN)
    result = run("check", "too_few_for_mcq")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "Internal error: RuntimeError: something quizgen did not expect"
    assert lines[1].startswith("This is a bug in quizgen ") and "not a problem in your course" in lines[1]
    assert "--debug" in lines[1] and "traceback" in lines[1]
