"""The manifest (what the last build wrote) and the journal (the renames of a switch in progress)."""
from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from .paths import (
    MANIFEST,
    STAGING_PREFIX,
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

    Both are empty when there is no readable manifest of this format and version.
    """
    try:
        raw = json.loads((Path(out_dir) / STATE_DIR / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}, {}
    if not isinstance(raw, dict) or raw.get("format") != MANIFEST_FORMAT or raw.get("version") != MANIFEST_VERSION:
        return {}, {}
    files = raw.get("files") if isinstance(raw.get("files"), dict) else {}
    out = {}
    for rel, entry in files.items():
        if isinstance(rel, str) and isinstance(entry, dict) and isinstance(entry.get("sha256"), str):
            try:
                safe_target(Path(out_dir), rel)
            except OutputError:
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


def validate_journal(raw, out: Path) -> dict:
    """Check a journal's shape and that every path it names stays where quizgen writes."""
    if not isinstance(raw, dict) or raw.get("version") != JOURNAL_VERSION:
        raise ValueError("unknown journal version")
    staging = raw.get("staging")
    if not isinstance(staging, str) or not staging.startswith(STAGING_PREFIX) or "/" in staging or ".." in staging:
        raise ValueError("bad staging folder")
    moves, remove, course = raw.get("moves"), raw.get("remove"), raw.get("course")
    if not all(isinstance(x, list) for x in (moves, remove, course)):
        raise ValueError("bad entries")
    for entry in moves:
        if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(x, str) for x in entry)):
            raise ValueError("bad move")
        name, rel = entry
        if "/" in name or name.startswith("."):
            raise ValueError("bad staged name")
        if rel != f"{STATE_DIR}/{MANIFEST}":
            safe_target(out, rel)
    for entry in remove:
        if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(x, str) for x in entry)):
            raise ValueError("bad removal")
        safe_target(out, entry[0])
    for entry in course:
        if not (isinstance(entry, list) and len(entry) == 4 and all(isinstance(x, str) for x in entry)):
            raise ValueError("bad course file")
        tmp, dst, name = Path(entry[0]), Path(entry[1]), entry[2]
        if tmp.parent != dst.parent or not is_course_temp(tmp.name) or "/" in name or not name.startswith("course-"):
            raise ValueError("bad course file")
    return raw
