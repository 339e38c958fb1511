"""Building in worker processes: the same bytes for every --jobs, a clean stop on Ctrl-C, progress and output.

Speed is measured in benchmarks/, never here: these tests check behaviour only.
"""
from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import MINI, T0, copy_course, edit_facts, run_cli
from kill_points import default_signals
from quizgen.build import build
from quizgen.errors import ContentError, Problem
from quizgen.parallel import Progress, Workers, run_tasks, usable_cpus
from quizgen.targets import Output, Task

QUIZGEN = [sys.executable, "-c", "import sys; from quizgen.cli import main; sys.exit(main())"]

# The deck, worksheets and web pages: the targets whose file counts these tests pin (the exports to learning
# platforms add files of their own, tested in test_exports.py).
CLASSIC = ("--only", "anki", "--only", "pdf", "--only", "web")


def synthetic_course(root: Path, units: int, facts: int) -> Path:
    """A course of `units` units with `facts` people, events and terms each, every quote in its paragraph."""
    root.mkdir(parents=True)
    slugs = [f"part-{u:02d}" for u in range(units)]
    (root / "course.yaml").write_text("title: Generated course\nslug: generated\nunits:\n"
                                      + "".join(f"  - {s}\n" for s in slugs), encoding="utf-8")
    for u, slug in enumerate(slugs):
        paragraphs, entries = [], []
        for i in range(facts):
            n = u * facts + i
            paragraphs.append(f"Record {n} tells of matter {n} in the generated chronicle.")
            source = f'    source: {{paragraph: {i + 1}, quote: "tells of matter {n}"}}\n'
            if i % 3 == 0:
                entries.append(f"  - id: p{n}\n    kind: person\n    name: Person {n}\n"
                               f"    role: keeper of ledger {n}\n" + source)
            elif i % 3 == 1:
                entries.append(f"  - id: e{n}\n    kind: event\n    what: gathering {n} was held\n"
                               f'    when: "{1800 + n}-{1 + n % 12:02d}"\n' + source)
            else:
                entries.append(f"  - id: t{n}\n    kind: term\n    term: Guild {n}\n"
                               f"    definition: society in charge of craft {n}\n" + source)
        (root / slug).mkdir()
        (root / slug / "source.md").write_text(f"---\ntitle: Chronicle {u}\n---\n" + "\n\n".join(paragraphs) + "\n",
                                               encoding="utf-8")
        (root / slug / "facts.yaml").write_text(f"title: Part {u}\nfacts:\n" + "".join(entries), encoding="utf-8")
    return root


def snapshot(*folders: Path) -> dict[str, bytes]:
    """Every file under the folders (temporary files included), by path."""
    return {str(p): p.read_bytes() for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()}


def quizgen(*args, env=None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*QUIZGEN, *map(str, args)], capture_output=True, text=True, env=env, **kw)


# --- the same bytes -------------------------------------------------------------------------------------


@pytest.mark.slow
def test_every_jobs_value_writes_the_same_bytes(tmp_path):
    # A first build makes the lock, so that the deck's note times come from it, not from the clock.
    course = copy_course(MINI, tmp_path / "course", keep_lock=False)
    assert quizgen("build", course, "-o", tmp_path / "first", "--versions", "3", "--exam", "10").returncode == 0
    outputs = {}
    for jobs, seed in (("1", "0"), ("2", "1"), (None, "2"), ("3", "3")):
        copy = copy_course(course, tmp_path / f"course-{jobs}")
        args = ["build", copy, "-o", tmp_path / f"out-{jobs}", "--versions", "3", "--exam", "10"]
        run = quizgen(*args, *(["--jobs", jobs] if jobs else []), env={**os.environ, "PYTHONHASHSEED": seed})
        assert run.returncode == 0, run.stderr
        outputs[jobs] = {Path(p).relative_to(tmp_path / f"out-{jobs}"): data
                         for p, data in snapshot(tmp_path / f"out-{jobs}").items()}
        assert (copy / "quizgen.lock").read_bytes() == (course / "quizgen.lock").read_bytes()
    names = [str(path) for path in outputs["1"]]
    assert "mini-steppe.apkg" in names
    assert sum(name.startswith("worksheets/") for name in names) == 2 * 3 * 2  # unit and exam, 3 versions, keys
    for jobs in ("2", None, "3"):
        assert outputs[jobs] == outputs["1"], f"--jobs {jobs or 'default'} differs from --jobs 1"


def test_library_build_in_workers_matches_one_process(tmp_path):
    course = copy_course(MINI, tmp_path / "course", keep_lock=False)
    settings = {"versions": 2, "exam": 6}
    build(course, tmp_path / "one", settings=settings, now=T0, jobs=1)
    lock = (course / "quizgen.lock").read_bytes()
    (course / "quizgen.lock").unlink()
    build(course, tmp_path / "two", settings=settings, now=T0, jobs=2)
    assert (course / "quizgen.lock").read_bytes() == lock
    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert [Path(p).name for p in one] == [Path(p).name for p in two]
    assert list(one.values()) == list(two.values())


def _refuse(n: int) -> Output:
    if n == 3:
        raise ContentError([Problem(f"task {n} cannot be rendered", file="course.yaml", line=n, fact="f3")])
    return Output({f"{n}.txt": b"x"})


def test_an_error_in_a_worker_arrives_whole():
    # A content error raised inside a worker reaches the build with its message and location intact.
    tasks = [Task(f"task {n}", (f"{n}.txt",), _refuse, (n,)) for n in range(6)]
    with Workers(2, preload=[__name__]) as workers:
        with pytest.raises(ContentError) as caught:
            run_tasks(tasks, workers, Progress())
    [problem] = caught.value.problems
    assert str(problem) == "course.yaml:3: fact 'f3': task 3 cannot be rendered"


@pytest.mark.slow  # two builds, one with workers; test_anki checks the refusal in one process
def test_a_lock_of_another_course_stops_a_parallel_build_before_anything_is_written(mini_course, tmp_path):
    lock = mini_course / "quizgen.lock"
    build(mini_course, tmp_path / "out", now=T0)
    lock.write_text(lock.read_text(encoding="utf-8").replace('"mini-steppe"', '"another-course"', 1),
                    encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        build(mini_course, tmp_path / "again", now=T0, jobs=2)
    assert any("belongs to course 'another-course'" in str(p) for p in caught.value.problems if p.level == "error")
    assert not (tmp_path / "again").exists()


def test_a_target_check_that_fails_while_workers_render_stops_the_build(mini_course, tmp_path):
    # With workers, the targets' checks run while the tasks render: a problem they find still ends the
    # build with every problem named, and nothing written.
    facts = mini_course / "steppe" / "facts.yaml"
    edit_facts(mini_course, "role: editor of RT", "role: editor of RT 𓀀")
    assert not (mini_course / "quizgen.lock").exists()  # the fixture ships no lock: a build would write one
    with pytest.raises(ContentError) as caught:
        build(mini_course, tmp_path / "out", now=T0, jobs=2)
    messages = [str(problem) for problem in caught.value.problems]
    assert any(m.startswith(f"{facts}:19: fact 'simonyan': field 'role': character '𓀀'") for m in messages)
    assert not (tmp_path / "out").exists()
    assert not (mini_course / "quizgen.lock").exists()


def _double(n: int) -> Output:
    return Output({f"{n}.txt": str(2 * n).encode()})


def test_outputs_come_back_in_task_order_and_progress_hears_each():
    tasks = [Task(f"task {n}", (f"{n}.txt",), _double, (n,), group=f"g{n % 3}") for n in range(12)]

    class Heard(Progress):
        def __init__(self):
            self.started, self.done_labels, self.closed = [], [], False

        def start(self, tasks):
            self.started = [t.label for t in tasks]

        def done(self, task):
            self.done_labels.append(task.label)

        def close(self):
            self.closed = True

    for workers in (None, Workers(2, preload=[__name__])):
        heard = Heard()
        if workers is None:
            outputs = run_tasks(tasks, None, heard)
        else:
            with workers:
                outputs = run_tasks(tasks, workers, heard)
        assert [out.files for out in outputs] == [{f"{n}.txt": str(2 * n).encode()} for n in range(12)]
        assert heard.started == [t.label for t in tasks] and sorted(heard.done_labels) == sorted(heard.started)
        assert heard.closed


def test_each_output_is_kept_as_its_task_finishes_not_when_waited_for():
    """The build runs its checks while the workers render: a finished task's files must go to the staging folder
    then (`keep`), not wait in memory until the build calls `wait`."""
    import threading

    from quizgen.parallel import start_tasks

    tasks = [Task(f"task {n}", (f"{n}.txt",), _double, (n,)) for n in range(6)]
    kept, all_kept, main = [], threading.Event(), threading.get_ident()

    def keep(output: Output) -> Output:
        kept.append((threading.get_ident(), dict(output.files)))
        if len(kept) == len(tasks):
            all_kept.set()
        return Output({path: b"kept " + data for path, data in output.files.items()})

    with Workers(2, preload=[__name__]) as workers:
        with start_tasks(tasks, workers, Progress(), keep=keep) as rendering:
            assert all_kept.wait(60), "outputs were not kept before wait() was called"
            outputs = rendering.wait()
    assert all(thread != main for thread, _ in kept)  # kept by the thread that receives the results
    assert [out.files for out in outputs] == [{f"{n}.txt": b"kept " + str(2 * n).encode()} for n in range(6)]


def test_workers_write_their_files_to_the_staging_folder_and_send_back_only_names(tmp_path):
    """A worker writes its task's files into the build's staging folder itself: the main process receives their
    names, sizes and digests, never their bytes, and nothing the user sees changes before the switch."""
    from quizgen.parallel import start_tasks
    from quizgen.writer import OutputFolder
    from quizgen.writer.paths import STAGING_PREFIX, STATE_DIR
    from quizgen.writer.staged import StagedFiles

    out = tmp_path / "out"
    tasks = [Task(f"task {n}", (f"{n}.txt",), _double, (n,)) for n in range(6)]
    with OutputFolder(out) as folder, Workers(2, preload=[__name__]) as workers:
        with start_tasks(tasks, workers, Progress(), keep=folder.stage,
                         finish=lambda task: folder.stage_in(task.paths)) as rendering:
            outputs = rendering.wait()
        for out_ in outputs:
            assert isinstance(out_.files, StagedFiles)
            assert all(stored.data is None and stored.staged is not None for stored in out_.files.entries.values())
        staged = [p for folder_ in (out / STATE_DIR).glob(f"{STAGING_PREFIX}*") for p in folder_.iterdir()]
        assert len(staged) == 6 and not list(out.glob("*.txt"))  # written by the workers, not yet switched in
        folder.switch({"t": StagedFiles.merge(o.files for o in outputs)})
    assert sorted(p.name for p in out.glob("*.txt")) == [f"{n}.txt" for n in range(6)]
    assert (out / "5.txt").read_bytes() == b"10"
    assert not list((out / STATE_DIR).glob(f"{STAGING_PREFIX}*"))


def test_files_workers_staged_for_a_build_that_fails_are_removed(tmp_path):
    from quizgen.parallel import start_tasks
    from quizgen.writer import OutputFolder
    from quizgen.writer.paths import STAGING_PREFIX, STATE_DIR

    out = tmp_path / "out"
    with OutputFolder(out) as folder:
        folder.switch({"t": {"0.txt": b"kept"}})
    tasks = [Task(f"task {n}", (f"{n}.txt",), _double, (n,)) for n in range(4)]
    with pytest.raises(RuntimeError), OutputFolder(out) as folder, Workers(2, preload=[__name__]) as workers:
        with start_tasks(tasks, workers, Progress(), keep=folder.stage,
                         finish=lambda task: folder.stage_in(task.paths)) as rendering:
            rendering.wait()
        assert len(list(next((out / STATE_DIR).glob(f"{STAGING_PREFIX}*")).iterdir())) == 4
        raise RuntimeError("a check failed after rendering")
    assert not list((out / STATE_DIR).glob(f"{STAGING_PREFIX}*"))
    assert sorted(p.name for p in out.glob("*.txt")) == ["0.txt"] and (out / "0.txt").read_bytes() == b"kept"


def test_default_jobs_is_the_usable_cpu_count():
    expected = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert usable_cpus() == expected >= 1


@pytest.mark.slow
def test_a_long_list_of_cueing_pairs_is_cut_short(tmp_path, monkeypatch):
    from helpers import run_cli

    # Sheets no question can be left off (their minimum out of reach) keep every pair, as a short sheet does.
    # Forty units: date questions no longer show each other's answers, so only some sheets' timelines are
    # still given away by a date question's options (9 pairs here; 6 units once gave 6).
    monkeypatch.setattr("quizgen.plan.MIN_SHEET_POINTS", 10**6)
    course = synthetic_course(tmp_path / "course", units=40, facts=60)
    result = run_cli("check", course)
    line = next(line for line in result.stdout.splitlines() if line.startswith("  worksheets:"))
    left = int(re.search(r"(\d+) left on a sheet", line).group(1))
    assert left > 5, line
    assert line.count(" / ") == 5 and line.endswith(f"; and {left - 5} more)"), line


def test_the_cueing_pairs_left_on_a_sheet_come_with_what_to_do(tmp_path):
    from helpers import run_cli

    # The terms matching defines every wrong option of t11's question, leaving its answer; the sheet is too
    # short to leave either off (`leave_off_cueing`), so the pair stays and is warned about. (The course asks
    # "What is Guild 11?" on cards only, by its own template of that name, so the sheet has no other question of
    # the term to part the pair with.)
    course = synthetic_course(tmp_path / "course", units=1, facts=14)
    own = course / "templates" / "questions" / "term"
    own.mkdir(parents=True)
    (own / "what-is.j2").write_text('{% set type = "recall" %}{% set answer_field = "definition" %}'
                                    '{% set use = "deck" %}{% block stem %}What is {{ fact.term }}?{% endblock %}',
                                    encoding="utf-8")
    lines = run_cli("check", course).stdout.splitlines()
    at = next(k for k, line in enumerate(lines) if line.startswith("  worksheets:"))
    assert lines[at].endswith("1 left on a sheet (t11/which-term / part-00/matching-terms)"), lines[at]
    assert lines[at + 1] == (
        "    to part them: follow the sheet-cue warnings above: reword the fact whose question shows the other's "
        "answer, or give one of the two facts a `cloze` sentence or curated `distractors`, so the sheet can ask it "
        "another way")
    yaml = course / "course.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "settings:\n  lint_ignore: [sheet-cue]\n", encoding="utf-8")
    lines = run_cli("check", course).stdout.splitlines()
    at = next(k for k, line in enumerate(lines) if line.startswith("  worksheets:"))
    assert lines[at + 1] == ("    to part them: their sheet-cue warnings are silenced by lint_ignore; remove the "
                             "code there to see them")


# --- Ctrl-C -------------------------------------------------------------------------------------------


def _descendants(pid: int) -> set[int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    found, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds worker processes through /proc")
@pytest.mark.parametrize("whole_group", [False, True], ids=["sigint-to-quizgen", "ctrl-c-to-the-process-group"])
def test_ctrl_c_mid_render_stops_workers_and_writes_nothing(tmp_path, whole_group):
    course = synthetic_course(tmp_path / "course", units=6, facts=60)
    out = tmp_path / "out"
    first = quizgen("build", course, "-o", out, "--versions", "1", *CLASSIC)
    assert first.returncode == 0, first.stderr
    # Edit a fact, so that a finished build would change the lock and the outputs.
    edit_facts(course, "name: Person 0\n", "name: Person Zero\n", unit="part-00")
    before = snapshot(out, course)

    # stderr on a terminal: the progress bar tells when rendering has begun.
    leader, follower = pty.openpty()
    proc = subprocess.Popen([*QUIZGEN, "build", str(course), "-o", str(out), "--versions", "12", "--jobs", "2",
                             "--force", *CLASSIC],  # every sheet renders, none is taken from the first build
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=follower, start_new_session=True,
                            preexec_fn=default_signals)  # as from a terminal, even when the tests run in the background
    os.close(follower)
    shown, seen = b"", set()
    started = time.monotonic()

    def files_done() -> int:
        counts = re.findall(rb"(\d+)/\d+ {2}files", shown)
        return int(counts[-1]) if counts else 0

    # Mid-render: the progress bar shows the workers' first files done, out of 145.
    while files_done() < 2 and proc.poll() is None and time.monotonic() - started < 60:
        if select.select([leader], [], [], 0.02)[0]:
            shown += os.read(leader, 65536)
        seen |= _descendants(proc.pid)
    seen |= _descendants(proc.pid)
    assert proc.poll() is None, "the build ended before it could be interrupted"
    assert len(seen) >= 3  # the forkserver and two workers, at least
    interrupted = time.monotonic()
    if whole_group:
        os.killpg(proc.pid, signal.SIGINT)
    else:
        proc.send_signal(signal.SIGINT)
    while True:
        try:
            chunk = os.read(leader, 65536) if select.select([leader], [], [], 30)[0] else b""
        except OSError:  # the terminal closed: every process writing to it has gone
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    status = proc.wait(timeout=30)
    stopped_in = time.monotonic() - interrupted
    text = shown.decode(errors="replace")

    assert status == 130, text
    assert text.rstrip().endswith("Interrupted.") and "Traceback" not in text
    done, total = map(int, re.findall(r"(\d+)/(\d+) {2}files", text)[-1])
    assert done < total == 145  # it was rendering: 72 sheet versions (two files each) and the deck
    assert proc.stdout.read() == b""
    assert stopped_in < 3  # promptly: not after the remaining sheets were rendered
    assert snapshot(out, course) == before  # earlier outputs and lock as they were; no temporary files
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in seen) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in seen if _running(pid)], "worker processes outlived the build"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds worker processes through /proc")
def test_no_process_outlives_a_finished_parallel_build(tmp_path):
    course = synthetic_course(tmp_path / "course", units=4, facts=60)
    proc = subprocess.Popen([*QUIZGEN, "build", str(course), "-o", str(tmp_path / "out"), "--jobs", "2", "-q"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Each process's command line is read while it runs: one that is ending has already released its memory,
    # and its command line then reads empty.
    commands: dict[int, str] = {}
    while proc.poll() is None:
        for pid in _descendants(proc.pid) - commands.keys():
            try:
                commands[pid] = Path(f"/proc/{pid}/cmdline").read_text(errors="replace")
            except OSError:  # ended meanwhile
                commands[pid] = ""
        time.sleep(0.02)
    assert proc.returncode == 0, proc.stderr.read()
    assert len(commands) >= 3  # the forkserver and two workers, at least
    # The workers and the forkserver are gone when the build has exited, not a moment later; only
    # multiprocessing's resource tracker ends once it sees its parent gone.
    left = [commands[pid] for pid in commands if _running(pid)]
    assert all("resource_tracker" in line for line in left), left


# --- a worker that dies ---------------------------------------------------------------------------------


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text(errors="replace")
    except OSError:
        return ""


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds worker processes through /proc")
@pytest.mark.parametrize("victim", ["worker", "forkserver"])
def test_a_killed_worker_is_an_error_with_its_cause_and_leaves_no_process(tmp_path, victim):
    """Defect 7: SIGKILL of a worker (as the out-of-memory killer sends it) said "BrokenProcessPool ... This is
    a bug in quizgen"; SIGKILL of the forkserver also left both workers running, as orphans ignoring SIGTERM."""
    course = synthetic_course(tmp_path / "course", units=6, facts=60)
    out = tmp_path / "out"
    assert quizgen("build", course, "-o", out, "--versions", "1", "--jobs", "1").returncode == 0
    edit_facts(course, "name: Person 0\n", "name: Person Zero\n", unit="part-00")
    before = snapshot(out, course)
    proc = subprocess.Popen([*QUIZGEN, "build", str(course), "-o", str(out), "--versions", "12", "--jobs", "2",
                             "--force"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    seen: set[int] = set()
    forkserver, workers = None, set()
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        seen |= _descendants(proc.pid)
        # The forkserver is the build's own child; its workers, its children, share its command line.
        servers = [pid for pid in seen if "forkserver" in _command_line(pid) and _parent(pid) == proc.pid]
        if servers:
            forkserver = servers[0]
            workers = {pid for pid in _descendants(forkserver) if _running(pid)}
            if len(workers) >= 2:
                break
        time.sleep(0.02)
    assert proc.poll() is None and forkserver and len(workers) >= 2, "the build never started two workers"
    time.sleep(0.5)  # rendering, most likely; a death before it is the same error
    os.kill(forkserver if victim == "forkserver" else min(workers), signal.SIGKILL)
    try:
        _, err = proc.communicate(timeout=120)
    finally:  # whatever happened, end what this test started
        for pid in [proc.pid, *seen, *workers]:
            if _running(pid):
                os.kill(pid, signal.SIGKILL)
    who = "the process that starts the worker processes" if victim == "forkserver" else "a worker process"
    assert proc.returncode == 1, err
    assert err == (f"Error: {who} was killed (signal 9; out of memory?); nothing was written. Build again, or "
                   f"with --jobs 1 to render in this one process\n"), err
    assert snapshot(out, course) == before
    seen |= workers
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in seen) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [(pid, _command_line(pid)) for pid in seen if _running(pid)]
    assert all("resource_tracker" in line for _, line in left), f"processes outlived the build: {left}"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds worker processes through /proc")
def test_workers_end_when_the_build_is_killed(tmp_path):
    """SIGKILL of the build itself: its workers, the forkserver and the resource tracker end within seconds
    (a worker sending a result to the killed build used to wait on the full pipe forever, and kept the others)."""
    course = synthetic_course(tmp_path / "course", units=6, facts=60)
    proc = subprocess.Popen([*QUIZGEN, "build", str(course), "-o", str(tmp_path / "out"), "--versions", "12",
                             "--jobs", "2"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    seen: set[int] = set()
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        seen |= _descendants(proc.pid)
        servers = [pid for pid in seen if "forkserver" in _command_line(pid) and _parent(pid) == proc.pid]
        if servers and len([pid for pid in _descendants(servers[0]) if _running(pid)]) >= 2:
            break
        time.sleep(0.02)
    time.sleep(1.0)  # rendering: the workers send results back
    seen |= _descendants(proc.pid)
    assert proc.poll() is None and len(seen) >= 4, "the build ended before it could be killed"
    proc.kill()
    proc.wait()
    try:
        deadline = time.monotonic() + 15
        while any(_running(pid) for pid in seen) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in seen if _running(pid)], [_command_line(pid) for pid in seen if _running(pid)]
    finally:
        for pid in seen:
            if _running(pid):
                os.kill(pid, signal.SIGKILL)


# --- progress and the list of files written ------------------------------------------------------------


def _run_on_a_terminal(args: list[str], timeout: float = 120) -> tuple[int, str, str]:
    """Run quizgen with stderr on a pseudo-terminal; return (exit status, stdout, what the terminal showed)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=follower, stdin=subprocess.DEVNULL)
    os.close(follower)
    shown = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: every writer has gone
                break
            if not chunk:
                break
            shown += chunk
        elif proc.poll() is not None:
            break
    os.close(leader)
    stdout = proc.stdout.read().decode()
    return proc.wait(timeout=30), stdout, shown.decode(errors="replace")


@pytest.mark.slow
def test_progress_shows_on_a_terminal_and_never_when_piped(tmp_path):
    course = synthetic_course(tmp_path / "course", units=6, facts=60)  # long enough (seconds) to show progress
    args = ["build", str(course), "--versions", "4", "--jobs", "2", *CLASSIC]

    status, stdout, shown = _run_on_a_terminal([*QUIZGEN, *args, "-o", str(tmp_path / "tty")])
    assert status == 0, shown
    assert "Rendering" in shown and "files" in shown and "units" in shown
    assert "6/6 units" in shown and "49/49" in shown  # 48 worksheets and the deck
    assert "Rendering" not in stdout

    quiet_status, _, quiet_shown = _run_on_a_terminal([*QUIZGEN, *args, "-o", str(tmp_path / "quiet"), "-q"])
    assert quiet_status == 0 and "Rendering" not in quiet_shown and "\x1b[" not in quiet_shown  # warnings only

    piped = quizgen(*args, "-o", tmp_path / "piped")
    assert piped.returncode == 0
    for stream in (piped.stderr, piped.stdout):
        assert "Rendering" not in stream and "\r" not in stream and "\x1b[" not in stream


@pytest.mark.slow
def test_a_long_list_of_files_is_counted_per_folder(mini_course, tmp_path):
    out = tmp_path / "out"
    result = run_cli("build", mini_course, "-o", out, "--versions", "3", "--exam", "10", "--jobs", "1", *CLASSIC)
    assert result.exit_code == 0, result.output
    wrote = result.output.split("Wrote:\n", 1)[1].splitlines()
    assert wrote == [f"  {out / 'mini-steppe.apkg'}", f"  3 files in {out / 'web'}{os.sep}",
                     f"  12 worksheets in {out / 'worksheets'}{os.sep}", "  (-v lists every file)"]

    again = tmp_path / "again"
    verbose = run_cli("build", mini_course, "-o", again, "--versions", "3", "--exam", "10", "--jobs", "1", "-v",
                      *CLASSIC)
    listed = verbose.output.split("Wrote:\n", 1)[1].splitlines()
    every = [again / "mini-steppe.apkg", *(again / "web").iterdir(), *(again / "worksheets").iterdir()]
    assert listed == [f"  {path}" for path in sorted(every)]


def test_a_short_list_of_files_is_listed_whole_and_quiet_prints_only_warnings(mini_course, tmp_path):
    out = tmp_path / "out"
    result = run_cli("build", mini_course, "-o", out, "--jobs", "1", *CLASSIC)
    assert result.exit_code == 0
    wrote = result.output.split("Wrote:\n", 1)[1].splitlines()
    every = sorted([out / "mini-steppe.apkg", *(out / "web").iterdir(), *(out / "worksheets").iterdir()])
    assert len(every) <= 10 and wrote == [f"  {path}" for path in every]
    quiet = run_cli("build", mini_course, "-o", out, "--jobs", "1", "--quiet", *CLASSIC)
    assert quiet.exit_code == 0 and "Wrote" not in quiet.output and "Course" not in quiet.output
    assert all(": warning: " in line for line in quiet.output.splitlines())  # the warnings still show
