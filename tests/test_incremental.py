"""Incremental builds: a rebuild reuses what has not changed, and gives the files a full build would."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from helpers import MINI, T0, add_to_fact, copy_course, edit_facts, load, run_cli
from quizgen import incremental
from quizgen.build import build
from quizgen.errors import ContentError


@pytest.fixture
def two_units(tmp_path) -> Path:
    """The mini course with a second unit: a copy of the first, its fact ids prefixed."""
    course = copy_course(MINI, tmp_path / "two", keep_lock=False)
    shutil.copytree(course / "steppe", course / "steppe-two")
    facts = course / "steppe-two" / "facts.yaml"
    text = re.sub(r"(- id: )", r"\1two-", facts.read_text(encoding="utf-8"))
    facts.write_text(text.replace("title: The steppe in brief", "title: The steppe again"), encoding="utf-8")
    yaml = course / "course.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("  - steppe\n", "  - steppe\n  - steppe-two\n"),
                    encoding="utf-8")
    return course


def files_of(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".quizgen" not in p.parts}


def stamps(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*")
            if p.is_file() and ".quizgen" not in p.parts}


def test_a_second_build_of_an_unchanged_course_does_nothing(two_units, tmp_path):
    out = tmp_path / "out"
    first = build(two_units, out, now=T0)
    assert not first.up_to_date and first.reused == [] and first.warnings
    before = stamps(out)
    again = build(two_units, out, now=T0)
    assert again.up_to_date and again.written == []
    assert sorted(again.reused) == sorted(out / rel for rel in before)
    assert stamps(out) == before  # not one file touched
    assert [str(w) for w in again.warnings] == [str(w) for w in first.warnings]  # warnings said again

    result = run_cli("build", two_units, "-o", out)
    assert result.exit_code == 0, result.output
    # the notes `check` prints come first, as after a full build
    assert result.stdout.splitlines()[-1].startswith(f"Up to date: nothing has changed since the last build into {out}")
    assert "warning:" in result.stderr
    # --strict refuses the warnings an unchanged course still has, as a full build would
    with pytest.raises(ContentError) as caught:
        build(two_units, out, now=T0, strict=True)
    assert caught.value.strict


def test_editing_one_fact_rebuilds_only_what_depends_on_it(two_units, tmp_path):
    out, full = tmp_path / "out", tmp_path / "full"
    build(two_units, out, now=T0)
    add_to_fact(two_units, "two-historically-russia", "note: He said it in a speech.", unit="steppe-two")
    report = build(two_units, out, now=T0)
    reused = {p.relative_to(out).as_posix() for p in report.reused}
    # A note shows only with its own fact's item, in the key: the other unit keeps its worksheets ...
    assert {"worksheets/steppe-A.pdf", "worksheets/steppe-A-key.pdf"} <= reused
    assert not {"worksheets/steppe-two-A.pdf", "worksheets/steppe-two-A-key.pdf"} & reused
    # ... and of the edited unit's sheets, only the keys change: the student's sheets are left as they were.
    written = {p.relative_to(out).as_posix() for p in report.written}
    assert {"worksheets/steppe-two-A-key.pdf", "worksheets/steppe-two-B-key.pdf"} <= written
    assert not {"worksheets/steppe-A.pdf", "worksheets/steppe-two-A.pdf"} & written
    # The same files as a full build of the edited course (its lock as the incremental build left it).
    build(two_units, full, now=T0, force=True)
    assert files_of(out) == files_of(full)


def test_a_fact_that_feeds_another_units_wrong_answers_rebuilds_that_unit_too(two_units, tmp_path):
    # The second unit's people get names of their own, so the first unit's questions can offer them.
    for name in ("Kassym-Jomart Tokayev", "Nursultan Nazarbayev", "Vladimir Putin", "Margarita Simonyan"):
        edit_facts(two_units, f"name: {name}", f"name: {name} Jr", unit="steppe-two")
    from quizgen.plan import plan_sheets

    yaml = two_units / "course.yaml"
    plain = yaml.read_text(encoding="utf-8")
    for seed in range(20):  # the seed under which the first unit's sheet shows one of those names
        yaml.write_text(plain.replace("settings:\n", f"settings:\n  seed: 's{seed}'\n"), encoding="utf-8")
        course, items = load(two_units)
        shown = [i for sheet in plan_sheets(course, items) if sheet.slug == "steppe" for i in sheet.items]
        offered = {o for i in shown for o in (*i.options, *i.extras, *(n for _, n in i.pairs)) if o.endswith(" Jr")}
        if offered:
            break
    assert offered  # a name of the second unit is a wrong answer on the first unit's sheet
    out = tmp_path / "out"
    build(two_units, out, now=T0)
    name = sorted(offered)[0]
    edit_facts(two_units, f"name: {name}", f"name: {name[:-3]} Junior", unit="steppe-two")
    report = build(two_units, out, now=T0)
    reused = {p.relative_to(out).as_posix() for p in report.reused}
    assert not {"worksheets/steppe-A.pdf", "worksheets/steppe-two-A.pdf"} & reused
    full = tmp_path / "full"
    build(two_units, full, now=T0, force=True)
    assert files_of(out) == files_of(full)


def test_a_deleted_or_hand_edited_output_is_rendered_again(two_units, tmp_path):
    out = tmp_path / "out"
    build(two_units, out, now=T0)
    expected = files_of(out)
    (out / "worksheets" / "steppe-A.pdf").unlink()
    (out / "worksheets" / "steppe-two-B-key.pdf").write_bytes(b"%PDF- edited by hand")
    report = build(two_units, out, now=T0)
    assert not report.up_to_date
    reused = {p.relative_to(out).as_posix() for p in report.reused}
    assert "worksheets/steppe-A.pdf" not in reused and "worksheets/steppe-two-B-key.pdf" not in reused
    assert "worksheets/steppe-two-A.pdf" in reused
    assert files_of(out) == expected


def test_force_renders_everything(two_units, tmp_path):
    out = tmp_path / "out"
    build(two_units, out, now=T0)
    report = build(two_units, out, now=T0, force=True)
    assert not report.up_to_date and report.reused == []
    assert report.written == []  # every file came out as it was: none rewritten


def test_a_new_quizgen_or_other_settings_render_again(two_units, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(two_units, out, now=T0)
    assert not build(two_units, out, now=T0, settings={"paper": "letter"}).up_to_date
    monkeypatch.setattr(incremental, "quizgen_fingerprint", lambda: "another quizgen")
    report = build(two_units, out, now=T0, settings={"paper": "letter"})
    assert not report.up_to_date and report.reused == []  # no task key can match another quizgen's


def test_a_lock_put_back_by_hand_is_an_input_that_changed(two_units, tmp_path):
    out = tmp_path / "out"
    build(two_units, out, now=T0)
    lock = two_units / "quizgen.lock"
    shipped = lock.read_bytes()
    edit_facts(two_units, "role: editor of RT", "role: chief editor of RT")
    build(two_units, out, now=T0 + 3600)
    lock.write_bytes(shipped)  # back to the lock of the first build
    report = build(two_units, out, now=T0 + 7200)
    assert not report.up_to_date


def test_the_manifest_records_task_keys_and_the_build(two_units, tmp_path):
    import json

    out = tmp_path / "out"
    build(two_units, out, now=T0)
    manifest = json.loads((out / ".quizgen" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["build"]["inputs"] and isinstance(manifest["build"]["warnings"], list)
    pdfs = {rel: entry for rel, entry in manifest["files"].items() if rel.endswith(".pdf")}
    assert pdfs and all(len(entry["key"]) == 64 for entry in pdfs.values())
    assert "key" not in manifest["files"]["mini-steppe.apkg"]  # the deck goes with the lock: never reused


def test_an_up_to_date_build_reads_no_yaml_and_loads_no_renderer(two_units, tmp_path):
    """The no-op is cheap because it only hashes files: it never imports the loader, generator or targets' libraries."""
    import subprocess
    import sys

    out = tmp_path / "out"
    assert run_cli("build", two_units, "-o", out).exit_code == 0
    code = ("import sys\nfrom quizgen.cli import main\n"
            f"sys.argv = ['quizgen', 'build', {str(two_units)!r}, '-o', {str(out)!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = ('ruamel', 'pydantic', 'jinja2', 'reportlab', 'genanki', 'quizgen.loader', 'quizgen.generate')\n"
            "print(sorted({m.split('.')[0] if not m.startswith('quizgen') else '.'.join(m.split('.')[:2])\n"
            "              for m in sys.modules if m.startswith(heavy)}))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.splitlines()[-2].startswith("Up to date:"), result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "[]"


def test_a_task_key_reads_its_arguments_a_piece_at_a_time_and_is_the_key_of_their_whole_text():
    """The key is the digest of the arguments' text, as earlier builds recorded it, made without holding that
    text at once: tuples and lists are written out one element at a time."""
    import hashlib
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Part:
        words: tuple
        note: str

    def render(*args):  # a task's function: only its name goes into the key
        return args

    nested = (Part(("a",), "it's"), [(), [("b",)], (1,)], ("one",), [], "x")
    for args in [(), ("lone",), ((),), nested, ([nested, nested],)]:
        whole = hashlib.sha256(incremental.quizgen_fingerprint().encode())
        whole.update(f"{render.__module__}.{render.__qualname__}\0".encode())
        whole.update(repr(args).encode())
        assert incremental.task_key(render, args) == whole.hexdigest()
        assert "".join(incremental._repr_chunks(args)) == repr(args)


def test_every_font_package_and_transliterator_installed_is_in_the_fingerprint():
    """A new font or transliteration package changes the bytes of PDFs or answers: an upgrade must render again."""
    import configparser

    from quizgen.incremental import SHAPING_LIBRARIES

    config = configparser.ConfigParser()
    config.read(Path(__file__).resolve().parent.parent / "setup.cfg")
    required = [line.split(";")[0].strip() for line in config["options"]["install_requires"].splitlines()]
    names = {re.split(r"[<>=!~ ]", r, maxsplit=1)[0] for r in required if r}
    shaping = {n for n in names if n.startswith("fontpkg-") or n in ("anyascii", "iuliia", "rl-accel")}
    assert shaping and shaping <= set(SHAPING_LIBRARIES)
