"""The course lock file: what the last build shipped to Anki, per note and note type.

Anki updates an imported note only when the incoming one has a newer modification
time, so the build must remember, between runs, each note's content hash and the
time it gave it. The lock is plain JSON with sorted keys and one value per line,
so that it diffs well and can be committed with the course.

Notes are keyed by GUID. Each entry also keeps the note's fields, tags and deck, so
that a note whose fact was removed from the course can still be shipped (tagged as
retired): an .apkg has no way to delete a note.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ...errors import ContentError, Problem

LOCK_FILE = "quizgen.lock"
LOCK_VERSION = 1


@dataclass
class NoteRecord:
    """One note as last shipped."""

    item: str  # the item id, e.g. "tokayev/who-was"
    model: str  # note type key: "recall", "choice" or "cloze"
    deck: str  # full deck name, "Course::Unit"
    deck_id: int
    fields: dict[str, str]  # field name -> HTML value (empty fields may be missing)
    tags: list[str]
    hash: str
    mod: int  # seconds since the epoch, as given to Anki
    note_id: int
    order: int  # position among new cards


@dataclass
class ModelRecord:
    """One note type as last shipped."""

    id: int
    name: str
    hash: str
    mod: int


@dataclass
class Lock:
    course: str = ""
    notes: dict[str, NoteRecord] = field(default_factory=dict)  # by GUID
    models: dict[str, ModelRecord] = field(default_factory=dict)  # by model key


def _bad(message: str) -> ContentError:
    return ContentError([Problem(f"{LOCK_FILE}: {message}; restore it from version control, or delete it to "
                                 f"start afresh (learners would then get duplicate notes)", file=LOCK_FILE)])


def parse_lock(text: str | None) -> Lock:
    """Read a lock file's text; None or blank text gives an empty lock."""
    if text is None or not text.strip():
        return Lock()
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _bad(f"not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(raw, dict):
        raise _bad("expected a JSON object")
    version = raw.get("version")
    if version != LOCK_VERSION:
        raise _bad(f"unknown lock version {version!r}, this quizgen reads version {LOCK_VERSION}")
    lock = Lock(course=str(raw.get("course", "")))
    try:
        for guid, entry in sorted(raw.get("notes", {}).items()):
            lock.notes[guid] = NoteRecord(
                item=str(entry["item"]),
                model=str(entry["model"]),
                deck=str(entry["deck"]),
                deck_id=int(entry["deck_id"]),
                fields={str(k): str(v) for k, v in entry["fields"].items()},
                tags=[str(t) for t in entry["tags"]],
                hash=str(entry["hash"]),
                mod=int(entry["mod"]),
                note_id=int(entry["note_id"]),
                order=int(entry.get("order", 0)),
            )
        for key, entry in sorted(raw.get("models", {}).items()):
            lock.models[key] = ModelRecord(
                id=int(entry["id"]), name=str(entry["name"]), hash=str(entry["hash"]), mod=int(entry["mod"])
            )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _bad(f"malformed entry ({type(exc).__name__}: {exc})") from None
    return lock


def dump_lock(lock: Lock) -> str:
    """Write a lock as deterministic, human-readable JSON text."""
    head: dict[str, Any] = {
        "version": LOCK_VERSION,
        "course": lock.course,
        "models": {
            key: {"id": m.id, "name": m.name, "hash": m.hash, "mod": m.mod} for key, m in lock.models.items()
        },
        "notes": {},
    }
    text = _json(head)
    if not lock.notes:
        return text + "\n"
    # The same text as dumping everything at once, a note at a time: the indenting encoder would
    # otherwise hold every small piece of the whole file at once (hundreds of MB for a large course).
    notes = ",\n".join(f"    {_json(guid)}: " + _json(_note_entry(lock.notes[guid])).replace("\n", "\n    ")
                       for guid in sorted(lock.notes))
    before, after = text.rsplit('"notes": {}', 1)
    return before + '"notes": {\n' + notes + "\n  }" + after + "\n"


def _note_entry(n: NoteRecord) -> dict[str, Any]:
    return {
        "item": n.item,
        "model": n.model,
        "deck": n.deck,
        "deck_id": n.deck_id,
        "fields": {k: v for k, v in n.fields.items() if v},  # empty fields are left out
        "tags": sorted(n.tags),
        "hash": n.hash,
        "mod": n.mod,
        "note_id": n.note_id,
        "order": n.order,
    }


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2)
