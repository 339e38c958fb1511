"""A build's files go to its staging folder as each task finishes, and are read back only when asked for."""
from __future__ import annotations

import pytest

from quizgen.targets import Output
from quizgen.writer import OutputFolder
from quizgen.writer.paths import STAGING_PREFIX, STATE_DIR
from quizgen.writer.staged import StagedFiles


def staged_files(out):
    return sorted(p.name for folder in (out / STATE_DIR).glob(f"{STAGING_PREFIX}*") for p in folder.iterdir())


def test_staged_files_wait_in_the_staging_folder_then_switch_in(tmp_path):
    out = tmp_path / "out"
    with OutputFolder(out) as folder:
        first = folder.stage(Output({"a.txt": b"one", "sub/b.txt": b"two"}))
        assert isinstance(first.files, StagedFiles)
        assert len(staged_files(out)) == 2  # on disk at once, not at the switch
        assert not (out / "a.txt").exists()  # nothing the user sees has changed
        assert dict(first.files) == {"a.txt": b"one", "sub/b.txt": b"two"}  # read back from the staging folder
        written = folder.switch({"t": first.files})
    assert written == [out / "a.txt", out / "sub/b.txt"]
    assert (out / "sub/b.txt").read_bytes() == b"two"
    assert first.files["a.txt"] == b"one"  # once switched, read from the output folder
    assert not list((out / STATE_DIR).glob(f"{STAGING_PREFIX}*"))


def test_a_staged_file_already_in_place_is_not_written_again(tmp_path):
    out = tmp_path / "out"
    with OutputFolder(out) as folder:
        folder.switch({"t": folder.stage(Output({"a.txt": b"same", "b.txt": b"old"})).files})
    before = (out / "a.txt").stat().st_mtime_ns
    with OutputFolder(out) as folder:
        files = folder.stage(Output({"a.txt": b"same", "b.txt": b"new"})).files
        assert folder.switch({"t": files}) == [out / "b.txt"]
    assert (out / "a.txt").stat().st_mtime_ns == before
    assert (out / "b.txt").read_bytes() == b"new"
    assert files["a.txt"] == b"same"


def test_a_build_that_fails_after_staging_leaves_the_folder_as_it_was(tmp_path):
    out = tmp_path / "out"
    with OutputFolder(out) as folder:
        folder.switch({"t": {"a.txt": b"kept"}})
    with pytest.raises(RuntimeError), OutputFolder(out) as folder:
        folder.stage(Output({"a.txt": b"lost", "c.txt": b"lost"}))
        assert staged_files(out)
        raise RuntimeError("a task failed")
    assert staged_files(out) == []
    assert (out / "a.txt").read_bytes() == b"kept"
    assert not (out / "c.txt").exists()


def test_staged_and_in_memory_files_merge_without_being_read(tmp_path):
    out = tmp_path / "out"
    with OutputFolder(out) as folder:
        staged = folder.stage(Output({"a.txt": b"one"})).files
        merged = StagedFiles.merge([staged, {"b.txt": b"two"}])
        assert merged.entries["a.txt"] is staged.entries["a.txt"]
        folder.switch({"t": merged})
    assert (out / "b.txt").read_bytes() == b"two"
    assert merged["a.txt"] == b"one"
