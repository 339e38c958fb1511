"""The manifest (what the last build wrote) and the journal (the renames of a switch in progress)."""
from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path

from .disk import MAX_RECORD_BYTES, _read_plain
from .paths import (
    COURSE_LOCK,
    MANIFEST,
    STATE_DIR,
    OutputError,
    is_course_temp,
    safe_target,
)

MANIFEST_FORMAT = "quizgen-manifest"
MANIFEST_VERSION = 1
JOURNAL_VERSION = 1


def read_last_build(out_dir: Path | str) -> tuple[dict[str, dict], dict]:
    """What the last build into out_dir wrote (its files, by path) and read (the manifest's `build` record).

    Both are empty when there is no readable manifest of this format and version. The
    manifest is read as a plain file, never through a link; entries naming a path
    outside the folder are left out.
    """
    return parse_manifest(_read_manifest_bytes(Path(out_dir) / STATE_DIR / MANIFEST), Path(out_dir))


def _read_manifest_bytes(path: Path) -> bytes | None:
    try:
        return _read_plain(path, MAX_RECORD_BYTES)
    except ValueError:
        return None


def parse_manifest(data: bytes | None, out_dir: Path) -> tuple[dict[str, dict], dict]:
    """A manifest's files (by path) and build record, from its bytes; both empty if it is not one."""
    try:
        raw = json.loads(data.decode("utf-8")) if data is not None else None
    except (ValueError, UnicodeDecodeError, RecursionError):
        return {}, {}
    if not isinstance(raw, dict) or raw.get("format") != MANIFEST_FORMAT or raw.get("version") != MANIFEST_VERSION:
        return {}, {}
    files = raw.get("files") if isinstance(raw.get("files"), dict) else {}
    out = {}
    for rel, entry in files.items():
        if isinstance(rel, str) and isinstance(entry, dict) and isinstance(entry.get("sha256"), str) \
                and _DIGEST.fullmatch(entry["sha256"]):
            try:
                safe_target(out_dir, rel)
            except (OutputError, OSError, ValueError, RuntimeError):
                continue  # never act on a path outside the folder, whatever the manifest says
            out[rel] = {"target": str(entry.get("target", "")), "size": entry.get("size"), "sha256": entry["sha256"]}
            if isinstance(entry.get("key"), str):
                out[rel]["key"] = entry["key"]
    record = raw.get("build")
    return out, record if isinstance(record, dict) else {}


def dump_manifest(files: Mapping[str, dict], record: Mapping | None = None) -> bytes:
    data = {"format": MANIFEST_FORMAT, "version": MANIFEST_VERSION, "files": dict(sorted(files.items()))}
    if record:
        data["build"] = dict(record)
    return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


_STAGING_NAME = re.compile(r"staging-\d+-[0-9a-f]{8}")
_STAGED_OUTPUT = re.compile(r"\d{5,}")
_STAGED_COURSE = re.compile(r"course-\d+")
_DIGEST = re.compile(r"[0-9a-f]{64}")
MANIFEST_MOVE = ["manifest", f"{STATE_DIR}/{MANIFEST}"]


class JournalRefused(ValueError):
    """A journal that is not one quizgen wrote for this folder and course: nothing it says is done."""


def validate_journal(raw, out: Path, course: Path | None) -> dict:
    """Check a journal's shape, and that it names only what quizgen may touch; return it.

    Outputs must be paths inside `out` that resolve inside it; the staged files are
    named as quizgen names them; the only course file is the lock of `course`, at its
    one path, with its temporary file beside it. Raises JournalRefused saying what
    is wrong. (What the files on disk say is checked by `OutputFolder`.)
    """
    if not isinstance(raw, dict) or raw.get("version") != JOURNAL_VERSION:
        raise JournalRefused("it is not a journal of this version of quizgen")
    staging, moves, remove, entries = (raw.get(k) for k in ("staging", "moves", "remove", "course"))
    if not isinstance(staging, str) or not _STAGING_NAME.fullmatch(staging):
        raise JournalRefused(f"its staging folder {_shown(staging)} is not named as quizgen names one")
    if not all(isinstance(x, list) for x in (moves, remove, entries)):
        raise JournalRefused("its moves, removals and course files must be lists")
    targets: set[str] = set()
    for index, entry in enumerate(moves):
        if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(x, str) for x in entry)):
            raise JournalRefused("a move must be a staged file's name and a path")
        name, rel = entry
        if index == len(moves) - 1:
            if entry != MANIFEST_MOVE:
                raise JournalRefused("its last move must put the new manifest in place")
            continue
        if not _STAGED_OUTPUT.fullmatch(name):
            raise JournalRefused(f"the staged file {_shown(name)} is not named as quizgen names one")
        _inside(out, rel)
        if rel.casefold() in targets:
            raise JournalRefused(f"it moves two files to {_shown(rel)}")
        targets.add(rel.casefold())
    if not moves:
        raise JournalRefused("it never puts the new manifest in place")
    for entry in remove:
        if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(x, str) for x in entry)):
            raise JournalRefused("a removal must be a path and its SHA-256")
        _inside(out, entry[0])
        if not _DIGEST.fullmatch(entry[1]):
            raise JournalRefused(f"the removal of {_shown(entry[0])} gives no SHA-256")
        if entry[0].casefold() in targets:
            raise JournalRefused(f"it both writes and removes {_shown(entry[0])}")
    if entries and course is None:
        raise JournalRefused("it names a course file, but this build has no course folder")
    for entry in entries:
        if not (isinstance(entry, list) and len(entry) == 4 and all(isinstance(x, str) for x in entry)):
            raise JournalRefused("a course file must be a temporary file, its place, a staged name and a SHA-256")
        tmp, dst, name, digest = Path(entry[0]), Path(entry[1]), entry[2], entry[3]
        lock = course / COURSE_LOCK
        try:
            same = dst.is_absolute() and dst.name == COURSE_LOCK and os.path.samefile(dst.parent, course)
        except OSError:  # no such folder
            same = False
        if not same:
            raise JournalRefused(f"it would write {_shown(str(dst))}, which is not this course's lock file '{lock}'")
        if tmp.parent != dst.parent or not is_course_temp(tmp.name):
            raise JournalRefused(f"the lock's temporary file {_shown(str(tmp))} is not where quizgen puts it")
        if not _STAGED_COURSE.fullmatch(name) or not _DIGEST.fullmatch(digest):
            raise JournalRefused("the lock's staged copy is not named as quizgen names it")
    if len(entries) > 1:
        raise JournalRefused("it names the course's lock file more than once")
    return raw


def _inside(out: Path, rel: str) -> None:
    try:
        safe_target(out, rel)
    except (OutputError, OSError, ValueError, RuntimeError):  # RuntimeError: a link loop on the way
        raise JournalRefused(f"it names {_shown(rel)}, which is no place for an output inside '{out}'") from None


def _shown(value) -> str:
    """A value from the journal, quoted, at most about 80 characters (its middle left out: paths end in names)."""
    text = value if isinstance(value, str) else repr(value)
    return f"'{text}'" if len(text) <= 80 else f"'{text[:38]}...{text[-38:]}'"
