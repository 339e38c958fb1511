"""The output folder's own records are data, not instructions; and a build never replaces a file it did not write.

An output folder may come from elsewhere (a repository, a shared drive, an
archive), with a `.quizgen` folder inside it that quizgen never wrote. Whatever
its journal, manifest and staging folders say, and whatever links they are, a
build may change files only inside the output folder, and the course's own
`quizgen.lock`. Each case keeps a victim file outside both and asserts that it
is byte-identical afterwards.

    QUIZGEN_RECORD_EXAMPLES=1000 pytest tests/test_records.py -k random   # the property, by hand, at length
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from helpers import MINI, copy_course, run_cli
from quizgen.writer import OutputError, OutputFolder, write_outputs
from quizgen.writer.paths import COURSE_LOCK

PRECIOUS = b"the only copy of something that matters\n"
EVIL = b"written by a planted journal\n"


def tree(root: Path) -> dict[str, tuple]:
    """Everything under root: each file's SHA-256, each link's target, each folder; links are not followed."""
    found: dict[str, tuple] = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in dirs + files:
            path = Path(folder) / name
            rel = str(path.relative_to(root))
            if path.is_symlink():
                found[rel] = ("link", os.readlink(path))
            elif path.is_dir():
                found[rel] = ("folder",)
            else:
                found[rel] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
    return found


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def built(tmp_path):
    """The mini course built once into dist/, and a folder outside both holding a victim file."""
    course, out = copy_course(MINI, tmp_path / "course", keep_lock=False), tmp_path / "dist"
    result = run_cli("build", course, "-o", out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.txt").write_bytes(PRECIOUS)
    (outside / "staging-1-deadbeef").mkdir()
    (outside / "staging-1-deadbeef" / "00000").write_bytes(PRECIOUS)
    return course, out, outside


def plant_journal(out: Path, journal: dict, staged: dict[str, bytes], staging: str = "staging-1-deadbeef") -> None:
    folder = out / ".quizgen" / staging
    folder.mkdir(exist_ok=True)
    for name, data in staged.items():
        (folder / name).write_bytes(data)
    (out / ".quizgen" / "journal.json").write_text(json.dumps(journal), encoding="utf-8")


def assert_refused(result, *phrases: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "Internal error" not in result.output
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr


# --- defect 1: a planted journal --------------------------------------------------------------------


def test_a_planted_journal_cannot_write_a_file_outside(built):
    """Defect 1: a journal whose course entry named any file beside its temporary file overwrote that file."""
    course, out, outside = built
    victim = outside / "victim.txt"
    manifest = (out / ".quizgen" / "manifest.json").read_bytes()
    plant_journal(out, {"version": 1, "staging": "staging-1-deadbeef",
                        "course": [[str(outside / ".victim.txt.1-deadbeef.tmp"), str(victim), "course-0", sha(EVIL)]],
                        "moves": [["manifest", ".quizgen/manifest.json"]], "remove": []},
                  {"course-0": EVIL, "manifest": manifest})
    before, course_before = tree(outside), tree(course)
    result = run_cli("build", course, "-o", out, "--jobs", "1")
    assert_refused(result, f"'{out}/.quizgen/journal.json' was not replayed: it would write '",
                   f"/outside/victim.txt', which is not this course's lock file '{course}/quizgen.lock'",
                   "nothing was changed")
    assert victim.read_bytes() == PRECIOUS
    assert tree(outside) == before and tree(course) == course_before


def test_a_planted_journal_cannot_pull_files_in_through_a_linked_staging_folder(built):
    """Defect 1: with the staging folder a link to another folder, a move took that folder's files away."""
    course, out, outside = built
    (out / ".quizgen" / "staging-1-deadbeef").symlink_to(outside / "staging-1-deadbeef")
    (out / ".quizgen" / "journal.json").write_text(json.dumps(
        {"version": 1, "staging": "staging-1-deadbeef", "course": [],
         "moves": [["00000", "stolen.txt"], ["manifest", ".quizgen/manifest.json"]], "remove": []}), encoding="utf-8")
    before = tree(outside)
    result = run_cli("build", course, "-o", out, "--jobs", "1")
    assert_refused(result, f"'{out}/.quizgen/staging-1-deadbeef' is a symbolic link; quizgen keeps its records in")
    assert tree(outside) == before
    assert (outside / "staging-1-deadbeef" / "00000").read_bytes() == PRECIOUS
    assert not (out / "stolen.txt").exists()


def test_a_planted_journal_cannot_remove_what_the_manifest_does_not_list(built):
    course, out, _ = built
    mine = out / "mine.txt"
    mine.write_bytes(PRECIOUS)
    manifest = (out / ".quizgen" / "manifest.json").read_bytes()
    plant_journal(out, {"version": 1, "staging": "staging-1-deadbeef", "course": [],
                        "moves": [["manifest", ".quizgen/manifest.json"]],
                        "remove": [["mine.txt", sha(PRECIOUS)]]}, {"manifest": manifest})
    result = run_cli("build", course, "-o", out, "--jobs", "1")
    assert_refused(result, "it removes 'mine.txt', which the manifest in place does not list as written by quizgen")
    assert mine.read_bytes() == PRECIOUS


# --- defect 2: .quizgen a link ----------------------------------------------------------------------


def test_a_linked_records_folder_is_refused_and_nothing_is_touched_where_it_leads(built):
    """Defect 2: with dist/.quizgen a link, a build emptied the other folder's staging-* folders, replaced its
    manifest.json and made a build.lock there."""
    course, out, outside = built
    shutil.rmtree(out / ".quizgen")
    (outside / "manifest.json").write_bytes(PRECIOUS)
    (out / ".quizgen").symlink_to(outside, target_is_directory=True)
    before = tree(outside)
    result = run_cli("build", course, "-o", out, "--jobs", "1")
    assert_refused(result, f"'{out}/.quizgen' is a symbolic link; quizgen keeps its records in",
                   "Nothing was changed")
    assert tree(outside) == before
    assert (outside / "staging-1-deadbeef" / "00000").read_bytes() == PRECIOUS


@pytest.mark.parametrize("name", ["manifest.json", "build.lock", "journal.json"])
def test_a_linked_record_is_refused(built, name):
    course, out, outside = built
    record = out / ".quizgen" / name
    if record.exists():
        record.unlink()
    record.symlink_to(outside / "victim.txt")
    before = tree(outside)
    result = run_cli("build", course, "-o", out, "--jobs", "1", "--force")
    assert_refused(result, f"'{record}' is a symbolic link")
    assert tree(outside) == before


# --- defect 3: files quizgen did not write -----------------------------------------------------------


def test_a_first_build_refuses_to_replace_the_authors_own_files(tmp_path):
    """Defect 3: a hand-written site/web/index.html was replaced by the first build into site/."""
    course = copy_course(MINI, tmp_path / "course", keep_lock=False)
    site = tmp_path / "site"
    (site / "web").mkdir(parents=True)
    (site / "worksheets").mkdir()
    (site / "web" / "index.html").write_bytes(PRECIOUS)
    (site / "worksheets" / "steppe-A.pdf").write_bytes(PRECIOUS)
    (site / "notes.txt").write_bytes(PRECIOUS)
    before = tree(site)
    result = run_cli("build", course, "-o", site, "--jobs", "1")
    assert_refused(result, f"Error: 2 files in '{site}' that quizgen did not write (its manifest does not list "
                           f"them) would be replaced by this build:\n  {site}/web/index.html\n"
                           f"  {site}/worksheets/steppe-A.pdf\nNothing was changed.", "--force")
    assert tree(site) == before
    assert not (course / COURSE_LOCK).exists()

    forced = run_cli("build", course, "-o", site, "--jobs", "1", "--force")
    assert forced.exit_code == 0, forced.output
    assert (site / "web" / "index.html").read_bytes() != PRECIOUS
    assert (site / "notes.txt").read_bytes() == PRECIOUS


def test_a_later_build_replaces_only_what_its_manifest_lists(tmp_path):
    course = copy_course(MINI, tmp_path / "course", keep_lock=False)
    out = tmp_path / "dist"
    assert run_cli("build", course, "-o", out, "--jobs", "1").exit_code == 0
    (out / "worksheets" / "steppe-C.pdf").write_bytes(PRECIOUS)  # the author's, where version C will go
    (out / "web" / "steppe.html").write_bytes(b"edited by hand")  # quizgen's: listed, so rebuilt
    result = run_cli("build", course, "-o", out, "--jobs", "1", "--versions", "3")
    assert_refused(result, f"a file in '{out}' that quizgen did not write (its manifest does not list it) would "
                           f"be replaced by this build:\n  {out}/worksheets/steppe-C.pdf\n")
    assert (out / "worksheets" / "steppe-C.pdf").read_bytes() == PRECIOUS
    (out / "worksheets" / "steppe-C.pdf").unlink()
    assert run_cli("build", course, "-o", out, "--jobs", "1", "--versions", "3").exit_code == 0
    assert (out / "web" / "steppe.html").read_bytes() != b"edited by hand"


def test_a_file_already_holding_the_new_bytes_is_no_conflict(tmp_path):
    out = tmp_path / "out"
    (out / "web").mkdir(parents=True)
    (out / "web" / "a.html").write_bytes(b"same")
    write_outputs(out, {"web/a.html": b"same", "web/b.html": b"new"})
    assert json.loads((out / ".quizgen" / "manifest.json").read_text())["files"].keys() == {"web/a.html",
                                                                                            "web/b.html"}


def test_the_writer_and_the_deck_name_the_same_lock_file():
    from quizgen.targets.anki.lock import LOCK_FILE

    assert LOCK_FILE == COURSE_LOCK


# --- the property: whatever the records say, nothing outside changes -------------------------------

STAGING = "staging-1-deadbeef"
OUTPUT_PATHS = ["a.txt", "web/x.html", "web/new.html", "mine.txt", "../outside/victim.txt", "web/../../outside/v2",
                "into/victim.txt", "link.txt", ".quizgen/manifest.json", ".quizgen/build.lock", "", ".", "x\\y",
                "/ABS", "web//x.html", "web/x.html/..", "loop/f", "\x00"]
STAGED_NAMES = ["00000", "00001", "manifest", "course-0", "../victim.txt", "/ABS", "course-1", "x"]


def _path(draw, choices):
    value = draw(st.sampled_from(choices + ["<text>"]))
    return draw(st.text(max_size=12)) if value == "<text>" else value


@st.composite
def scenes(draw):
    """A folder's records as anyone might have left them: journals, manifests, staged files and links."""
    digests = [sha(b"a"), sha(b"x"), sha(PRECIOUS), sha(EVIL), sha(b"lock"), "0" * 64, "nope"]

    def move():
        return [_path(draw, STAGED_NAMES), _path(draw, OUTPUT_PATHS)]

    def removal():
        return [_path(draw, OUTPUT_PATHS), draw(st.sampled_from(digests))]

    def course_entry():
        dst = draw(st.sampled_from(["LOCK", "VICTIM", "OUTSIDE_LOCK", "COURSE_FILE", "relative", "<text>"]))
        tmp = draw(st.sampled_from(["BESIDE", "OUTSIDE", "LINKED", "<text>"]))
        return [tmp if tmp != "<text>" else draw(st.text(max_size=8)),
                dst if dst != "<text>" else draw(st.text(max_size=8)),
                _path(draw, STAGED_NAMES), draw(st.sampled_from(digests))]

    shape = draw(st.sampled_from(["consistent", "journal", "journal", "any json", "none", "none"]))
    staged = draw(st.sets(st.sampled_from(["00000", "00001", "manifest", "course-0"]), max_size=4))
    manifest_files = {_path(draw, OUTPUT_PATHS): {"sha256": draw(st.sampled_from(digests)),
                                                  "target": draw(st.sampled_from(["web", "pdf", ""]))}
                      for _ in range(draw(st.integers(0, 4)))}
    if shape == "consistent":  # as a killed build leaves it, but for where its paths lead
        target = draw(st.sampled_from(["web/new.html", "a.txt", "into/victim.txt", "link.txt", "mine.txt",
                                       "../outside/victim.txt", "loop/f"]))
        journal = {"version": 1, "staging": STAGING,
                   "moves": [["00000", target], ["manifest", ".quizgen/manifest.json"]],
                   "remove": draw(st.sampled_from([[], [["a.txt", sha(b"a")]], [["web/x.html", sha(b"x")]]])),
                   "course": draw(st.sampled_from([[], [["BESIDE", "LOCK", "course-0", sha(EVIL)]],
                                                   [["LINKED", "LOCK", "course-0", sha(EVIL)]],
                                                   [["OUTSIDE", "OUTSIDE_LOCK", "course-0", sha(EVIL)]],
                                                   [["BESIDE", "VICTIM", "course-0", sha(EVIL)]]]))}
        staged |= {"00000", "manifest", "course-0"}
        manifest_files.update({"a.txt": {"sha256": sha(b"a"), "target": "web"},
                               "web/x.html": {"sha256": sha(b"x"), "target": "web"}})
    elif shape == "journal":
        moves = [move() for _ in range(draw(st.integers(0, 3)))]
        if draw(st.booleans()):
            moves.append(["manifest", ".quizgen/manifest.json"])
        journal = {"version": draw(st.sampled_from([1, 1, 1, 2, "1"])),
                   "staging": draw(st.sampled_from([STAGING, STAGING, "staging-x", "../outside",
                                                    "staging-2-00000000"])),
                   "moves": moves, "remove": [removal() for _ in range(draw(st.integers(0, 3)))],
                   "course": [course_entry() for _ in range(draw(st.integers(0, 2)))]}
    elif shape == "any json":
        journal = draw(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                                    lambda inner: st.lists(inner, max_size=4)
                                    | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12))
    else:
        journal = None
    links = draw(st.just(set()) | st.sets(st.sampled_from([
        "records", "staging", "staged file", "staged manifest", "manifest", "journal", "build.lock",
        "output folder link", "output file link", "course temp", "loop"]), max_size=3))
    outputs = draw(st.dictionaries(st.sampled_from(["web/x.html", "web/new.html", "a.txt", "into/victim.txt",
                                                    "link.txt", "mine.txt"]), st.sampled_from([b"a", b"new"]),
                                   max_size=3))
    return {"journal": journal, "manifest": manifest_files, "links": links, "staged": staged, "outputs": outputs,
            "lock": draw(st.booleans()), "force": draw(st.booleans())}


def _lay_out(root: Path, scene: dict) -> tuple[Path, Path, Path]:
    outside, course, out = root / "outside", root / "course", root / "dist"
    (outside / "sub").mkdir(parents=True)
    (outside / "victim.txt").write_bytes(PRECIOUS)
    (outside / "sub" / "victim.txt").write_bytes(PRECIOUS)
    (outside / STAGING).mkdir()
    (outside / STAGING / "00000").write_bytes(PRECIOUS)
    (outside / "manifest.json").write_bytes(PRECIOUS)
    course.mkdir()
    (course / COURSE_LOCK).write_bytes(b"lock")
    (course / "course.yaml").write_bytes(b"title: x\n")
    state = out / ".quizgen"
    (out / "web").mkdir(parents=True)
    (out / "a.txt").write_bytes(b"a")
    (out / "web" / "x.html").write_bytes(b"x")
    (out / "mine.txt").write_bytes(PRECIOUS)
    state.mkdir()
    (state / "manifest.json").write_text(json.dumps({"format": "quizgen-manifest", "version": 1,
                                                     "files": scene["manifest"]}), encoding="utf-8")
    names = {"LOCK": str(course / COURSE_LOCK), "VICTIM": str(outside / "victim.txt"),
             "OUTSIDE_LOCK": str(outside / COURSE_LOCK), "COURSE_FILE": str(course / "course.yaml"),
             "relative": COURSE_LOCK, "BESIDE": str(course / f".{COURSE_LOCK}.1-deadbeef.tmp"),
             "OUTSIDE": str(outside / f".{COURSE_LOCK}.1-deadbeef.tmp"),
             "LINKED": str(course / f".{COURSE_LOCK}.2-deadbeef.tmp"), "/ABS": str(outside / "victim.txt")}
    journal = scene["journal"]
    if journal is not None:
        text = json.dumps(journal)
        for name, path in names.items():
            text = text.replace(json.dumps(name), json.dumps(path))
        (state / "journal.json").write_text(text, encoding="utf-8")
    staging = state / STAGING
    staging.mkdir()
    for name in scene["staged"]:
        (staging / name).write_bytes(EVIL if name != "manifest" else json.dumps(
            {"format": "quizgen-manifest", "version": 1,
             "files": {rel: {"sha256": sha(EVIL)} for rel in OUTPUT_PATHS if isinstance(rel, str)}}).encode())
    links = scene["links"]
    if "staging" in links:
        shutil.rmtree(staging)
        staging.symlink_to(outside / STAGING)
    elif "staged file" in links:
        (staging / "00001").unlink(missing_ok=True)
        (staging / "00001").symlink_to(outside / "victim.txt")
    if "staged manifest" in links and not staging.is_symlink():
        (staging / "manifest").unlink(missing_ok=True)
        (staging / "manifest").symlink_to(outside / "manifest.json")
    if "manifest" in links:
        (state / "manifest.json").unlink()
        (state / "manifest.json").symlink_to(outside / "manifest.json")
    if "journal" in links:
        (state / "journal.json").unlink(missing_ok=True)
        (state / "journal.json").symlink_to(outside / "victim.txt")
    if "build.lock" in links:
        (state / "build.lock").symlink_to(outside / "victim.txt")
    if "output folder link" in links:
        (out / "into").symlink_to(outside / "sub", target_is_directory=True)
    if "output file link" in links:
        (out / "link.txt").symlink_to(outside / "victim.txt")
    if "course temp" in links:
        (course / f".{COURSE_LOCK}.1-deadbeef.tmp").symlink_to(outside / "victim.txt")
        (course / f".{COURSE_LOCK}.2-deadbeef.tmp").symlink_to(outside / "sub" / "victim.txt")
    if "loop" in links:
        (out / "loop").symlink_to(out / "loop")
    if "records" in links:
        shutil.rmtree(state)
        (outside / "records").mkdir()
        (state).symlink_to(outside / "records", target_is_directory=True)
    return outside, course, out


def _course_view(course: Path) -> dict:
    """The course folder but its lock file (which a build may write) and the lock's temporary files."""
    from quizgen.writer.paths import is_course_temp

    return {rel: entry for rel, entry in tree(course).items() if rel != COURSE_LOCK and not is_course_temp(rel)}


EXAMPLES = int(os.environ.get("QUIZGEN_RECORD_EXAMPLES", "60"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.data_too_large])
@given(scene=scenes())
def test_random_records_never_change_anything_outside_the_folder_but_the_lock(scene):
    """Random journals, manifests, staged files and links: a build writes only in dist/ and the course's lock."""
    with tempfile.TemporaryDirectory() as tmp:
        outside, course, out = _lay_out(Path(tmp), scene)
        before_outside, before_course = tree(outside), _course_view(course)
        journal = out / ".quizgen" / "journal.json"
        planted = journal.is_file() and not journal.is_symlink()
        try:
            with OutputFolder(out, course) as folder:
                if planted:
                    event("a planted journal replayed")
                folder.switch({"web": scene["outputs"]}, {COURSE_LOCK: b"new lock"} if scene["lock"] else None,
                              replace_unrecorded=scene["force"])
            event("switched")
        except OutputError as exc:
            event("refused: " + re.sub(r"'[^']*'", "'...'", str(exc).split(":")[0].split(";")[0])[:70])
        assert tree(outside) == before_outside
        assert _course_view(course) == before_course
        lock = course / COURSE_LOCK
        assert lock.is_file() and not lock.is_symlink()
