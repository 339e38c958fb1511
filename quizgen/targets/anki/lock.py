"""The course lock file: what the last build shipped to Anki, per note and note type.

Anki updates an imported note only when the incoming one has a newer modification
time, so the build must remember, between runs, each note's content hash and the
time it gave it. The lock is plain JSON with sorted keys and one value per line,
so that it diffs well and can be committed with the course.

Notes are keyed by GUID. Each entry also keeps the note's fields, tags and deck, so
that a note that left the deck can still be shipped, retired: an .apkg has no way to
delete a note. A retired note's entry holds the notice its cards show and the day it
was retired (`retired`); entries of quizgen versions before the notice lack the day
and still hold the old fields, which the next build replaces.
"""
from __future__ import annotations

import json
import re
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
    retired: str = ""  # the day (ISO) the note was retired with its notice; "" while it is in the course


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


MAX_ID = 2**53  # ids Anki and every client read exactly; quizgen's own ids stay below it
# Card ids are note id + card ordinal; new note ids are multiples of this, and any two differ by at least it.
ID_STRIDE = 10
MAX_MOD = 2**32  # modification times, in seconds: until the year 2106
MAX_ORDER = 2**31 - 1  # Anki keeps a new card's position in 32 bits


def _bad(message: str, line: int = 0) -> ContentError:
    return ContentError([Problem(f"{message}; restore the lock file from version control, or delete it to "
                                 f"start afresh (learners would then get duplicate notes)", file=LOCK_FILE,
                                 line=line)])


def _line_of(text: str, key: str) -> int:
    """The line where the lock's text has `"key": `, as written by dump_lock; 0 if not found."""
    at = text.find(json.dumps(key, ensure_ascii=False) + ":")
    return text.count("\n", 0, at) + 1 if at >= 0 else 0


class _Malformed(ValueError):
    pass


def _int(entry: dict, key: str, low: int, high: int, default: int | None = None) -> int:
    value = entry.get(key, default)
    if value is None:
        raise _Malformed(f"'{key}' is missing")
    if not isinstance(value, int) or isinstance(value, bool):
        raise _Malformed(f"'{key}' must be a whole number, not {json.dumps(value)[:40]}")
    if not low <= value < high:
        raise _Malformed(f"'{key}' is {value}, outside {low}..{high - 1}")
    return value


def _text(entry: dict, key: str, empty: bool = True) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or (not empty and not value):
        raise _Malformed(f"'{key}' must be {'' if empty else 'non-empty '}text")
    return value


def _day(entry: dict, key: str) -> str:
    value = entry.get(key, "")
    if value == "":
        return ""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise _Malformed(f"'{key}' must be a day written YYYY-MM-DD, not {json.dumps(value)[:40]}")
    return value


def _mapping(value, what: str) -> dict:
    if not isinstance(value, dict):
        raise _Malformed(f"{what} must be a JSON object")
    return value


def parse_lock(text: str | None) -> Lock:
    """Read a lock file's text; None or blank text gives an empty lock.

    Every value is checked (types, ranges, unique note ids), so that whatever a
    damaged or hand-edited lock holds is reported here, never met as a crash
    while the deck is written.
    """
    if text is None or not text.strip():
        return Lock()
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _bad(f"not valid JSON ({exc.msg})", exc.lineno) from None
    except RecursionError:
        raise _bad("not a lock file: its JSON nests too deeply") from None
    if not isinstance(raw, dict):
        raise _bad("expected a JSON object")
    version = raw.get("version")
    if version != LOCK_VERSION or isinstance(version, bool):
        raise _bad(f"unknown lock version {json.dumps(version)[:40]}, this quizgen reads version {LOCK_VERSION}")
    course = raw.get("course", "")
    if not isinstance(course, str):
        raise _bad("'course' must be text")
    lock = Lock(course=course)
    where, key = "the lock", ""
    try:
        owners: dict[int, str] = {}
        for guid, entry in sorted(_mapping(raw.get("notes", {}), "'notes'").items()):
            where, key = f"note '{guid}'", guid
            entry = _mapping(entry, "the entry")
            fields = _mapping(entry.get("fields"), "'fields'")
            if not all(isinstance(v, str) for v in fields.values()):
                raise _Malformed("every field must be text")
            tags = entry.get("tags")
            if not isinstance(tags, list) or not all(isinstance(t, str) and t and not any(c.isspace() for c in t)
                                                     for t in tags):
                raise _Malformed("'tags' must be a list of tags without spaces")
            note_id = _int(entry, "note_id", 1, MAX_ID)
            if note_id in owners:
                raise _Malformed(f"its note id {note_id} is also the id of note '{owners[note_id]}'")
            owners[note_id] = guid
            lock.notes[guid] = NoteRecord(
                item=_text(entry, "item"), model=_text(entry, "model"), deck=_text(entry, "deck", empty=False),
                deck_id=_int(entry, "deck_id", 1, MAX_ID), fields=dict(fields), tags=list(tags),
                hash=_text(entry, "hash"), mod=_int(entry, "mod", 0, MAX_MOD), note_id=note_id,
                order=_int(entry, "order", 0, MAX_ORDER + 1, default=0), retired=_day(entry, "retired"),
            )
        ordered = sorted(owners)
        for low, high in zip(ordered, ordered[1:]):
            if high - low < ID_STRIDE:
                where, key = f"note '{owners[high]}'", owners[high]
                raise _Malformed(f"its note id {high} is within {ID_STRIDE} of the id {low} of note "
                                 f"'{owners[low]}', whose cards take the ids after it")
        ids: dict[int, str] = {}
        for key, entry in sorted(_mapping(raw.get("models", {}), "'models'").items()):
            where, key = f"note type '{key}'", key
            entry = _mapping(entry, "the entry")
            model_id = _int(entry, "id", 1, MAX_ID)
            if model_id in ids:
                raise _Malformed(f"its id {model_id} is also the id of note type '{ids[model_id]}'")
            ids[model_id] = key
            lock.models[key] = ModelRecord(id=model_id, name=_text(entry, "name"), hash=_text(entry, "hash"),
                                           mod=_int(entry, "mod", 0, MAX_MOD))
    except _Malformed as exc:
        raise _bad(f"{where}: {exc}", _line_of(text, key) if key else 0) from None
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
        **({"retired": n.retired} if n.retired else {}),
    }


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2)
