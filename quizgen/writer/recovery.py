"""What a killed build left in an output folder: a switch half done, staging folders, temporary files.

The folder's records are data, not instructions: they are checked whole before anything they name is
touched. A journal is replayed only when every path it names is quizgen's to touch: outputs inside the folder
that the manifests list, and no course file but the course's own lock file.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from ..errors import clip
from .disk import MAX_RECORD_BYTES, _read_plain, _remove_quietly
from .manifest import JournalRefused, parse_manifest, read_last_build, validate_journal
from .paths import (
    FOLDER_LOCK,
    JOURNAL,
    MANIFEST,
    STAGING_PREFIX,
    OutputError,
    RecordsRefused,
    is_course_temp,
    refuse_unless_plain,
)
from .switch import replay


def recover(out: Path, state: Path, course: Path | None) -> None:
    """Finish a switch a killed build left half done; remove what killed builds left behind.

    The folder's records are data, not instructions: they are checked whole before
    anything they name is touched (`check_records`, `check_journal`).
    """
    check_records(state)
    journal_path = state / JOURNAL
    if os.path.lexists(journal_path):
        replay(check_journal(journal_path, out, state, course), out, state, course)
    for entry in sorted(state.iterdir()):
        if entry.name.startswith(STAGING_PREFIX) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith(JOURNAL + ".") and entry.name.endswith(".tmp") and not entry.is_dir():
            _remove_quietly(entry)
    if course is not None and course.is_dir():
        for entry in course.iterdir():
            if is_course_temp(entry.name) and not entry.is_dir():
                _remove_quietly(entry)

def check_records(state: Path) -> None:
    """Refuse links and anything but plain files and folders in quizgen's folder (and its staging folders)."""
    for entry in sorted(state.iterdir()):
        if entry.name.startswith(STAGING_PREFIX):
            if refuse_unless_plain(entry, "folder", state):
                for inner in sorted(entry.iterdir()):
                    refuse_unless_plain(inner, "file", state)
        else:
            known = entry.name in (MANIFEST, JOURNAL, FOLDER_LOCK) or entry.name.startswith(JOURNAL + ".")
            refuse_unless_plain(entry, "file" if known else "any", state)

def check_journal(path: Path, out: Path, state: Path, course: Path | None) -> dict:
    """The journal a killed build left, once everything it names is shown to be quizgen's to touch."""
    try:
        data = _read_plain(path, MAX_RECORD_BYTES)
        if data is None:
            raise OSError("it cannot be read")
        journal = validate_journal(json.loads(data.decode("utf-8")), out, course)
        check_staged(journal, out, state)
    except JournalRefused as exc:
        raise RecordsRefused(
            f"'{path}' was not replayed: {exc}. quizgen completes only a switch it recorded itself, for this "
            f"folder and course; nothing was changed. If you did not expect this file, delete it and build "
            f"again") from None
    except (ValueError, UnicodeDecodeError, OSError, RecursionError) as exc:
        raise OutputError(
            f"'{path}' is damaged ({exc}); the build that wrote it was interrupted while switching "
            f"outputs. Delete it and build again.") from None
    return journal

def check_staged(journal: dict, out: Path, state: Path) -> None:
    """Check the journal against the files on disk: staged files are plain, outputs are the manifests' own.

    Files the journal moves in must be in the new manifest it puts in place; files it
    removes must be in the manifest in place, with the same SHA-256. Once the new
    manifest is in place, every move and removal is done (the manifest moves last):
    only the journal and the staging folder are left to remove.
    """
    staging = state / journal["staging"]
    refuse_unless_plain(staging, "folder", state)
    staged = staging / "manifest"
    if not refuse_unless_plain(staged, "file", state):
        journal["done"] = True
        return
    new, _ = parse_manifest(_read_plain(staged, MAX_RECORD_BYTES), out)
    if not new:
        raise JournalRefused(f"its staged manifest '{staged}' is not a manifest of this version of quizgen")
    for name, rel in journal["moves"][:-1]:
        if rel not in new:
            raise JournalRefused(f"it writes '{clip(rel)}', which its new manifest does not list")
        refuse_unless_plain(staging / name, "file", state)
    previous, _ = read_last_build(out)
    for rel, digest in journal["remove"]:
        if previous.get(rel, {}).get("sha256") != digest:
            raise JournalRefused(f"it removes '{clip(rel)}', which the manifest in place does not list as "
                                 f"written by quizgen")
    for _, _, name, _ in journal["course"]:
        refuse_unless_plain(staging / name, "file", state)
