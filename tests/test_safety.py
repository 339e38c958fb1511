"""Safety: untrusted course files run no code, outputs stay in their folder, nothing is ever lost.

- YAML is read without constructing Python objects, and tags are refused.
- Course templates render in Jinja2's sandbox; escapes are refused as content errors.
- Every output path stays inside the output folder.
- Outputs are written to hidden temporary files and renamed only when all are
  written: a failed or killed build leaves the previous files byte-identical,
  and the lock file moves only after every output is in place.
- A build never writes into the course's own files (except quizgen.lock).
"""
from __future__ import annotations

import errno
import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from helpers import BROKEN, MINI, copy_course, run_cli

from quizgen.writer import OutputError, safe_target, write_outputs

VALID = BROKEN / "too_few_for_mcq"  # a small course that checks (with a warning)
run = run_cli


def assert_clean_failure(result) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)


# --- YAML ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        '!!python/object/apply:os.system ["touch {marker}"]',
        "!!python/object/new:os.system [touch {marker}]",
        "!!python/name:os.system",
    ],
)
def test_python_yaml_tags_are_refused_not_run(tmp_path, monkeypatch, value):
    marker = tmp_path / "executed"
    course = copy_course(VALID, tmp_path / "course", keep_lock=False)
    facts = course / "steppe" / "facts.yaml"
    value = value.format(marker=marker)
    facts.write_text(facts.read_text(encoding="utf-8").replace("period: the Soviet era", "period: " + value),
                     encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", "course")
    assert_clean_failure(result)
    tag = value.split()[0]
    assert result.stderr == (
        f"course/steppe/facts.yaml:5: the YAML tag '{tag}' is not allowed; "
        "quizgen reads plain YAML values only (remove the tag)\n"
        "Aborted with 1 error.\n"
    )
    assert not marker.exists()


def test_tag_on_the_whole_file_is_refused(tmp_path, monkeypatch):
    marker = tmp_path / "executed"
    course = copy_course(VALID, tmp_path / "course", keep_lock=False)
    (course / "course.yaml").write_text(f'!!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", "course")
    assert_clean_failure(result)
    assert result.stderr == (
        "course/course.yaml:1: expected a mapping of fields at the top level, got a list\nAborted with 1 error.\n"
    )
    assert not marker.exists()


# --- templates ---------------------------------------------------------------------

SANDBOX = "refused by the template sandbox: {} is unsafe; a question template may use only fact fields, " \
          "value, course, unit, author and filters"
ESCAPES = {
    "subclasses": ("{{ ''.__class__.__mro__[1].__subclasses__() }}",
                   SANDBOX.format("access to attribute '__class__' of 'str' object")),
    "cycler": ("{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
               SANDBOX.format("access to attribute '__init__' of 'type' object")),
    # quizgen's sandbox has no lipsum() at all (filler text of any size)
    "lipsum": ("{{ lipsum.__globals__['os'].popen('touch MARKER').read() }}", "'lipsum' is undefined"),
    "format": ("{{ fact.claim.format.__globals__ }}",
               SANDBOX.format("access to attribute '__globals__' of 'function' object")),
}


def check_with_claim_template(tmp_path, monkeypatch, name: str, stem: bytes | str):
    """Run `quizgen check` on a valid course that carries one recall template for claims."""
    course = copy_course(VALID, tmp_path / "course", keep_lock=False)
    folder = course / "templates" / "questions" / "claim"
    folder.mkdir(parents=True)
    stem = stem.encode("utf-8") if isinstance(stem, str) else stem
    (folder / f"{name}.j2").write_bytes(
        b'{% set type = "recall" %}\n{% set answer_field = "claim" %}\n' + stem + b"\n")
    monkeypatch.chdir(tmp_path)
    result = run("check", "course")
    assert_clean_failure(result)
    return result


@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_sandbox_escape_in_a_course_template_is_refused(tmp_path, monkeypatch, name):
    payload, refusal = ESCAPES[name]
    marker = tmp_path / "executed"
    result = check_with_claim_template(tmp_path, monkeypatch, "evil",
                                       "{% block stem %}\n" + payload.replace("MARKER", str(marker)) + "\n{% endblock %}")
    lines = result.stderr.splitlines()
    assert (
        f"course/steppe/facts.yaml:8: fact 'letters': template 'claim/evil' failed for this fact: {refusal} "
        "(template course/templates/questions/claim/evil.j2, line 4)"
    ) in lines
    assert lines[-1] == "Aborted with 1 error."
    assert not marker.exists()


@pytest.mark.parametrize("payload, refusal", [
    ("{{ 'x' * 10**9 }}", "repeating a text or list 1000000000 times is too large for a question template"),
    ("{{ [1, 2] * 10**6 }}", "repeating a text or list 1000000 times is too large for a question template"),
    ("{{ 7 ** (10 ** 8) }}", "a power of about 90,309,000 digits is too large for a question template"),
    ("{{ ((7 ** 60) ** 60) ** 60 }}", "a power of about 182,550 digits is too large for a question template"),
])
def test_template_cannot_exhaust_memory(tmp_path, monkeypatch, payload, refusal):
    result = check_with_claim_template(tmp_path, monkeypatch, "huge", "{% block stem %}" + payload + "{% endblock %}")
    assert (
        "course/steppe/facts.yaml:8: fact 'letters': template 'claim/huge' failed for this fact: "
        f"refused by the template sandbox: {refusal}; a question template may use only fact fields, "
        "value, course, unit, author and filters (template course/templates/questions/claim/huge.j2, line 3)"
    ) in result.stderr.splitlines()


def test_template_python_errors_are_content_errors(tmp_path, monkeypatch):
    result = check_with_claim_template(tmp_path, monkeypatch, "big",
                                       "{% block stem %}{{ range(10**9) | list | length }}{% endblock %}")
    assert (
        "course/steppe/facts.yaml:8: fact 'letters': template 'claim/big' failed for this fact: OverflowError: "
        "Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000). "
        "(template course/templates/questions/claim/big.j2, line 3)"
    ) in result.stderr.splitlines()


def test_non_utf8_template(tmp_path, monkeypatch):
    result = check_with_claim_template(tmp_path, monkeypatch, "latin", b"{% block stem %}caf\xe9?{% endblock %}")
    assert result.stderr.splitlines()[0] == (
        "course/templates/questions/claim/latin.j2:3: not valid UTF-8 (byte 0xe9 at offset 78); save the file as UTF-8"
    )


# --- output paths --------------------------------------------------------------------


@pytest.mark.parametrize("rel", ["../x", "/abs", "a/../../b", "a/../b", "a\\b", "", ".", ".."])
def test_paths_leaving_the_output_folder_are_refused(tmp_path, rel):
    out = tmp_path / "out"
    with pytest.raises(OutputError, match="refusing to write"):
        write_outputs(out, {"fine.txt": b"ok", rel: b"bad"})
    assert not out.exists() or not any(out.iterdir())  # refused before anything was written
    assert sorted(p.name for p in tmp_path.iterdir()) in ([], ["out"])


def test_symlink_out_of_the_output_folder_is_refused(tmp_path):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "link").symlink_to(elsewhere)
    with pytest.raises(OutputError, match="resolves outside"):
        safe_target(out, "link/x.pdf")
    assert not any(elsewhere.iterdir())


def test_nested_paths_inside_are_fine(tmp_path):
    written = write_outputs(tmp_path / "out", {"a.apkg": b"1", "worksheets/b.pdf": b"2"})
    assert written == [tmp_path / "out" / "a.apkg", tmp_path / "out" / "worksheets" / "b.pdf"]
    assert (tmp_path / "out" / "worksheets" / "b.pdf").read_bytes() == b"2"


# --- nothing lost ---------------------------------------------------------------------


def snapshot(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name not in skip
    }


def fail_on_call(monkeypatch, n: int, err=errno.ENOSPC):
    """Make the writer's n-th os.fsync fail, as a full disk would."""
    import quizgen.writer as writer

    real, calls = os.fsync, {"n": 0}

    def fsync(fd):
        calls["n"] += 1
        if calls["n"] == n:
            raise OSError(err, os.strerror(err))
        return real(fd)

    monkeypatch.setattr(writer.os, "fsync", fsync)


def test_failed_write_keeps_previous_files(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_outputs(out, {"a.bin": b"old a", "b/c.bin": b"old c"})
    before = snapshot(out)
    fail_on_call(monkeypatch, 2)
    with pytest.raises(OutputError, match="No space left on device"):
        write_outputs(out, {"a.bin": b"new a", "b/c.bin": b"new c", "d.bin": b"new d"})
    assert snapshot(out) == before
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_failed_build_keeps_previous_outputs_and_lock(tmp_path, monkeypatch):
    course = copy_course(MINI, tmp_path / "mini", keep_lock=False)
    out = tmp_path / "dist"
    first = run("build", str(course), "-o", str(out))
    assert first.exit_code == 0, first.output
    outputs, lock = snapshot(out), (course / "quizgen.lock").read_bytes()
    facts = course / "steppe" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("role: editor of RT", "role: chief editor of RT"),
                     encoding="utf-8")
    fail_on_call(monkeypatch, 2)
    result = run("build", str(course), "-o", str(out))
    assert_clean_failure(result)
    assert result.stderr.endswith(f"Error: cannot write to '{out}': No space left on device\n")
    assert snapshot(out) == outputs
    assert (course / "quizgen.lock").read_bytes() == lock
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_build_never_writes_course_files(tmp_path):
    course = copy_course(MINI, tmp_path / "mini", keep_lock=False)
    (course / "templates" / "questions" / "person").mkdir(parents=True)
    (course / "templates" / "questions" / "person" / "name.j2").write_text(
        '{% set type = "recall" %}\n{% set answer_field = "name" %}\n{% block stem %}Who? {{ fact.role }}{% endblock %}\n'
    )
    before = snapshot(course, skip=("quizgen.lock",))
    for n in range(2):
        result = run("build", str(course), "-o", str(tmp_path / f"out{n}"))
        assert result.exit_code == 0, result.output
    assert snapshot(course, skip=("quizgen.lock",)) == before
    assert sorted(p.name for p in course.iterdir()) == sorted(["course.yaml", "steppe", "templates", "quizgen.lock"])


def test_content_error_writes_nothing(tmp_path):
    course = copy_course(BROKEN / "unknown_kind", tmp_path / "course", keep_lock=False)
    before = snapshot(course)
    result = run("build", str(course), "-o", str(tmp_path / "out"))
    assert_clean_failure(result)
    assert not (tmp_path / "out").exists()
    assert snapshot(course) == before


DRIVER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path

    import quizgen.writer as writer
    from quizgen.build import build

    course, out, ready = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    real, calls = os.fsync, [0]

    def fsync(fd):
        real(fd)
        calls[0] += 1
        if calls[0] == 2:  # the first output is staged and the second written: stop here
            ready.write_text("ready")
            time.sleep(60)

    writer.os.fsync = fsync
    build(course, out)
    """
)


@pytest.mark.slow
def test_build_killed_mid_write_leaves_previous_files(tmp_path):
    course = copy_course(MINI, tmp_path / "mini", keep_lock=False)
    out = tmp_path / "dist"
    assert run("build", str(course), "-o", str(out)).exit_code == 0
    outputs, lock = snapshot(out), (course / "quizgen.lock").read_bytes()
    facts = course / "steppe" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("role: editor of RT", "role: chief editor of RT"),
                     encoding="utf-8")

    driver, ready = tmp_path / "driver.py", tmp_path / "ready"
    driver.write_text(DRIVER, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(driver), str(course), str(out), str(ready)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the build never reached the write"
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL

    left = [p for p in out.rglob("*") if p.is_file() and str(p.relative_to(out)) not in outputs]
    assert left, "expected the killed build's temporary files"
    assert all(p.name.startswith(".") and p.name.endswith(".tmp") for p in left), left
    assert {k: v for k, v in snapshot(out).items() if k in outputs} == outputs
    assert (course / "quizgen.lock").read_bytes() == lock

    # The next build finishes the job and sweeps the stale temporary files away.
    result = run("build", str(course), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert snapshot(out) != outputs
    assert set(snapshot(out)) == set(outputs)
