"""Safety: untrusted course files run no code, outputs stay in their folder, nothing is ever lost.

- YAML is read without constructing Python objects, and tags are refused.
- Course templates render in Jinja2's sandbox; escapes are refused as content errors.
- Every output path stays inside the output folder.
- Outputs are staged and switched in as one set with the lock file: a failed
  build leaves the previous files byte-identical (interrupts and kills:
  test_interrupts.py); a lock file that cannot be written fails the build
  before any output changes.
- A build never writes into the course's own files (except quizgen.lock), and
  outputs never go into the course folder; course files that link outside the
  course are refused.
"""
from __future__ import annotations

import errno
import hashlib
import os
import shutil
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
          "value, course, unit, author, source and filters"
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
    stem = "{% block stem %}\n" + payload.replace("MARKER", str(marker)) + "\n{% endblock %}"
    result = check_with_claim_template(tmp_path, monkeypatch, "evil", stem)
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
        "value, course, unit, author, source and filters (template course/templates/questions/claim/huge.j2, line 3)"
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
    real, calls = os.fsync, {"n": 0}

    def fsync(fd):
        calls["n"] += 1
        if calls["n"] == n:
            raise OSError(err, os.strerror(err))
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


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
        '{% set type = "recall" %}\n{% set answer_field = "name" %}\n'
        '{% block stem %}Who? {{ fact.role }}{% endblock %}\n'
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


# --- the lock file moves with the outputs -----------------------------------------------------


def rebuild_setup(tmp_path: Path):
    """A course built once, then one fact changed: what the next build would replace."""
    course = copy_course(MINI, tmp_path / "mini", keep_lock=False)
    out = tmp_path / "dist"
    assert run("build", str(course), "-o", str(out)).exit_code == 0
    facts = course / "steppe" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("role: editor of RT", "role: chief editor of RT"),
                     encoding="utf-8")
    return course, out, snapshot(out), (course / "quizgen.lock").read_bytes()


def test_lock_that_is_a_folder_fails_before_any_output_changes(tmp_path):
    """Defect 2: with `mkdir quizgen.lock` the deck was replaced by one built without the lock."""
    course, out, outputs, _ = rebuild_setup(tmp_path)
    (course / "quizgen.lock").unlink()
    (course / "quizgen.lock").mkdir()
    result = run("build", str(course), "-o", str(out))
    assert_clean_failure(result)
    assert f"{course / 'quizgen.lock'}: is a folder, not the lock file" in result.stderr
    assert snapshot(out) == outputs
    assert (course / "quizgen.lock").is_dir() and not any((course / "quizgen.lock").iterdir())


@pytest.mark.parametrize("err", [errno.EROFS, errno.EACCES, errno.ENOSPC], ids=["read-only", "no-permission", "full"])
def test_lock_that_cannot_be_written_fails_before_any_output_changes(tmp_path, monkeypatch, err):
    """Defect 2: a read-only course folder or a full disk under it; the outputs must stay byte-identical."""
    import quizgen.writer.switch as folder

    course, out, outputs, lock = rebuild_setup(tmp_path)
    real = folder._write_durable

    def refuse_in_course(path, data):
        if Path(path).parent == course.absolute():
            raise OSError(err, os.strerror(err), str(path))
        return real(path, data)

    monkeypatch.setattr(folder, "_write_durable", refuse_in_course)
    result = run("build", str(course), "-o", str(out))
    assert_clean_failure(result)
    assert result.stderr.endswith(f"Error: cannot write '{course / 'quizgen.lock'}': {os.strerror(err)}; the outputs "
                                  f"in '{out}' were left as they were\n")
    assert snapshot(out) == outputs
    assert (course / "quizgen.lock").read_bytes() == lock
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp") or p.name.startswith("staging-")]


# --- outputs and the course never mix -------------------------------------------------------


@pytest.mark.parametrize("where, how", [
    ("mini", "is the course folder"),
    ("mini/steppe", "lies inside the course folder"),
    (".", "contains the course folder"),
])
def test_output_folder_overlapping_the_course_is_refused(tmp_path, monkeypatch, where, how):
    """Defect 5: -o pointing at the course (or into a unit) mixed outputs into it."""
    course = copy_course(MINI, tmp_path / "mini", keep_lock=False)
    before = snapshot(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("build", "mini", "-o", where)
    assert_clean_failure(result)
    assert result.stderr == (f"Error: output folder '{where}' {how} 'mini'; outputs and course files must not mix: "
                             f"choose a folder outside the course with -o\n")
    assert snapshot(tmp_path) == before
    assert sorted(p.name for p in course.iterdir()) == ["course.yaml", "steppe"]


def test_empty_output_path_is_refused(tmp_path, monkeypatch):
    """Defect 5: -o "" wrote into the current folder."""
    copy_course(MINI, tmp_path / "mini", keep_lock=False)
    monkeypatch.chdir(tmp_path)
    result = run("build", "mini", "-o", "")
    assert_clean_failure(result)
    assert result.stderr == "Error: the output path is empty; name a folder with -o, e.g. -o dist\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini"]


def test_unit_named_like_the_exam_is_refused_by_check_and_build(tmp_path, monkeypatch):
    """Defect 5: a unit '<course>-exam' and --exam wrote the same worksheets; the exam silently won."""
    monkeypatch.chdir(BROKEN)
    result = run("build", "unit_named_like_exam", "-o", str(tmp_path / "out"), "--exam", "2")
    assert_clean_failure(result)
    assert "unit 'broken-steppe-exam' and the course exam would both write" in result.stderr
    assert not (tmp_path / "out").exists()


# --- the manifest: what a build wrote -------------------------------------------------------


def test_manifest_lists_every_output_and_later_builds_remove_what_they_no_longer_make(tmp_path):
    import json

    course = copy_course(MINI, tmp_path / "mini", keep_lock=False)
    out = tmp_path / "dist"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    (out / "worksheets").mkdir()
    (out / "worksheets" / "my-own.pdf").write_bytes(b"mine too")
    assert run("build", str(course), "-o", str(out), "--versions", "4").exit_code == 0
    manifest = json.loads((out / ".quizgen" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "quizgen-manifest" and manifest["version"] == 1
    written = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and ".quizgen" not in p.parts}
    assert set(manifest["files"]) == written - {"notes.txt", "worksheets/my-own.pdf"}
    for rel, entry in manifest["files"].items():
        assert entry["sha256"] == hashlib.sha256((out / rel).read_bytes()).hexdigest()
        assert entry["size"] == (out / rel).stat().st_size
        folder = rel.split("/")[0]
        expected = ("anki" if rel.endswith(".apkg") else "pdf" if folder == "worksheets"
                    else ("canvas" if rel.endswith("-canvas.zip") else "qti3") if folder == "qti" else folder)
        assert entry["target"] == expected, rel

    (out / "worksheets" / "steppe-D.pdf").write_bytes(b"edited by hand")  # no longer what quizgen wrote
    assert run("build", str(course), "-o", str(out), "--versions", "2").exit_code == 0
    names = sorted(p.name for p in (out / "worksheets").iterdir())
    assert names == ["my-own.pdf", "steppe-A-key.pdf", "steppe-A.pdf", "steppe-B-key.pdf", "steppe-B.pdf",
                     "steppe-D.pdf"]  # C is gone, D is kept: it was changed since
    assert (out / "notes.txt").read_text() == "mine"

    assert run("build", str(course), "-o", str(out), "--only", "pdf").exit_code == 0
    assert (out / "mini-steppe.apkg").is_file()  # a target not built keeps its files
    (out / "mini-steppe.apkg").unlink()
    assert run("build", str(course), "-o", str(out), "--only", "anki").exit_code == 0
    assert (out / "mini-steppe.apkg").is_file() and (out / "worksheets" / "steppe-B.pdf").is_file()


# --- reproducible across machines -------------------------------------------------------------


@pytest.mark.slow
def test_source_date_epoch_makes_two_machines_write_the_same_deck(tmp_path, monkeypatch):
    from quizgen.targets.anki.lock import parse_lock

    course = copy_course(MINI, tmp_path / "commit", keep_lock=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert run("build", str(course), "-o", str(tmp_path / "first")).exit_code == 0
    facts = course / "steppe" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("role: editor of RT", "role: chief editor of RT"),
                     encoding="utf-8")
    machines = [copy_course(course, tmp_path / name) for name in ("machine-a", "machine-b")]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700086400")
    decks, locks = [], []
    for machine in machines:
        time.sleep(1.1)  # the clock moves on between the two builds; the decks must not
        assert run("build", str(machine), "-o", str(machine.parent / (machine.name + "-out"))).exit_code == 0
        decks.append((machine.parent / (machine.name + "-out") / "mini-steppe.apkg").read_bytes())
        locks.append((machine / "quizgen.lock").read_bytes())
    assert decks[0] == decks[1] and locks[0] == locks[1]
    before = parse_lock((course / "quizgen.lock").read_text(encoding="utf-8"))
    after = parse_lock(locks[0].decode("utf-8"))
    changed = [g for g in after.notes if after.notes[g].hash != before.notes[g].hash]
    assert changed and all(after.notes[g].mod == 1700086400 for g in changed)
    assert all(after.notes[g].mod == 1700000000 for g in after.notes if g not in changed)

    # An epoch before the last recorded time still makes changed notes newer, or Anki would skip them.
    again = copy_course(course, tmp_path / "machine-c")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    assert run("build", str(again), "-o", str(tmp_path / "c-out")).exit_code == 0
    late = parse_lock((again / "quizgen.lock").read_text(encoding="utf-8"))
    assert all(late.notes[g].mod == 1700000001 for g in changed)


@pytest.mark.parametrize("value", ["yesterday", "-5", "1.5e9"])
def test_bad_source_date_epoch_is_an_error(tmp_path, monkeypatch, value):
    course = copy_course(MINI, tmp_path / "mini", keep_lock=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    result = run("build", str(course), "-o", str(tmp_path / "out"))
    assert_clean_failure(result)
    assert "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01" in result.stderr
    assert not (tmp_path / "out").exists()


# --- course files stay inside the course -----------------------------------------------------

SECRET = "SECRET-OUTSIDE-THE-COURSE"


def outside_file(tmp_path: Path, text: str) -> Path:
    secret = tmp_path / "elsewhere" / "system-file"
    secret.parent.mkdir(exist_ok=True)
    secret.write_text(text, encoding="utf-8")
    return secret


@pytest.mark.parametrize("rel, text", [
    ("templates/questions/person/leak.j2",
     '{% set type = "recall" %}{% set answer_field = "name" %}{% block stem %}' + SECRET + '{% endblock %}'),
    ("templates/anki/style.css", ".card { content: '" + SECRET + "'; }"),
    ("templates/anki/recall-front.html", "<div>{{Front}} " + SECRET + "</div>"),
    ("steppe/source.md", "---\ntitle: " + SECRET + "\n---\nText.\n"),
    ("steppe/facts.yaml", "title: " + SECRET + "\nfacts: []\n"),
    ("course.yaml", "title: " + SECRET + "\n"),
])
def test_course_file_linking_outside_the_course_is_refused(tmp_path, rel, text):
    """Defect 6: a template or style sheet linked to a system file was read into the deck and the PDFs."""
    course = copy_course(MINI, tmp_path / "mini", keep_lock=False)
    link = course / rel
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.exists():
        link.unlink()
    secret = outside_file(tmp_path, text)
    link.symlink_to(secret)
    result = run("build", str(course), "-o", str(tmp_path / "out"))
    assert_clean_failure(result)
    assert f"is a symbolic link to '{secret}', outside the course folder '{course}'" in result.stderr
    assert str(link) in result.stderr or f"'{link.name}'" in result.stderr
    assert not (tmp_path / "out").exists()
    assert SECRET not in result.output


@pytest.mark.parametrize("rel", ["templates", "templates/anki", "steppe"])
def test_course_folder_linking_outside_the_course_is_refused(tmp_path, rel):
    course = copy_course(MINI, tmp_path / "mini", keep_lock=False)
    real = tmp_path / "elsewhere" / "folder"
    if (course / rel).exists():
        shutil.move(str(course / rel), str(real))
    else:
        (real / "anki").mkdir(parents=True)
        (real / "anki" / "style.css").write_text(".card { color: red; }")
        real = real / "anki"
    (course / rel).parent.mkdir(parents=True, exist_ok=True)
    (course / rel).symlink_to(real, target_is_directory=True)
    result = run("check", str(course))
    assert_clean_failure(result)
    assert "outside the course folder" in result.stderr


def test_links_inside_the_course_are_fine(tmp_path):
    course = copy_course(MINI, tmp_path / "mini", keep_lock=False)
    (course / "shared").mkdir()
    shutil.move(str(course / "steppe" / "source.md"), str(course / "shared" / "steppe.md"))
    (course / "steppe" / "source.md").symlink_to(course / "shared" / "steppe.md")
    assert run("check", str(course)).exit_code == 0


@pytest.mark.parametrize("rel", ["templates/questions/person/loop.j2", "templates/anki/style.css",
                                 "steppe/source.md", "steppe/facts.yaml", "quizgen.lock", "templates"])
def test_symlink_loop_is_refused_with_its_file(tmp_path, rel):
    """Defect 7: a symlink loop crashed with "Internal error"."""
    course = copy_course(MINI, tmp_path / "mini", keep_lock=False)
    link = course / rel
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.exists():
        shutil.rmtree(link) if link.is_dir() else link.unlink()
    partner = link.with_name(link.name + ".other")
    link.symlink_to(partner)
    partner.symlink_to(link)
    result = run("build", str(course), "-o", str(tmp_path / "out"))
    assert_clean_failure(result)
    assert "Internal error" not in result.stderr
    assert "is a symbolic link that loops back on itself" in result.stderr
    assert str(link) in result.stderr or f"'{link.name}'" in result.stderr
