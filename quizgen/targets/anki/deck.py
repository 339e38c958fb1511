"""Render items to an Anki package (.apkg) that updates in place on every rebuild.

How Anki's importer decides (checked against the official `anki` package, 26.x):

- a note is matched by its GUID, and an existing note is updated only when the
  incoming note's modification time (`mod`) is newer; otherwise it is skipped;
- a note type is matched by id and updated only when its `mod` is newer; a change of
  its fields or card templates that Anki cannot map (by the ids of the fields and
  templates) makes Anki import a copy named "Name+";
- cards of an updated note keep their review history, and their deck: an import adds a
  card only where the learner lacks it, never moves or reschedules one, and adds every
  note of the package the learner lacks (Check Database then gives a note without cards
  its first card). So a note that leaves the deck is shipped retired, with a notice.
- a note type whose fields or templates change in number is a new schema to Anki: its
  notes would all be "conflicting". Note types keep their fields and templates; a
  retired note's notice goes into the fields it has.

So identity never depends on content or on the clock (`notes.py`). The lock
file (`lock.py`) remembers each note's content hash and the `mod` it was given:
an unchanged note keeps its `mod`, a changed one gets a later one. The build
time is read only for new or changed notes and note types, and can be injected
(`now=`). Everything else in the package is fixed, so the same course and lock
give the same bytes.
"""
from __future__ import annotations

import datetime
import html
import io
import itertools
import json
import sqlite3
import tempfile
import time
import warnings
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import genanki

from ...cards import DeckSelection, plan_deck
from ...errors import ContentError, Problem
from ...model import Course, Item
from ...options import arrange_options
from .cardgen import card_ords, parse_template
from .lock import (
    ID_STRIDE,
    LOCK_FILE,
    MAX_ORDER,
    Lock,
    ModelRecord,
    NoteRecord,
    dump_lock,
    parse_lock,
)
from .notes import (
    MODEL_OF_TYPE,
    MODEL_SPECS,
    OPTION_FIELDS,
    RETIRED_TAG,
    content_hash,
    deck_id,
    deck_title,
    fields_for,
    load_card_templates,
    model_json_core,
    note_guid,
    note_hash,
    note_model,
    retired_deck,
    retired_fields,
    retirement_notice,
    tags_for,
    text_html,
    unit_deck_name,
)

# Fixed time for everything in the package that Anki does not compare (collection
# and deck records); 2024-01-01T00:00:00Z.
FIXED_EPOCH = 1704067200


@dataclass
class DeckOutput:
    """What render_deck produced: the package bytes, the new lock, and what changed."""

    data: bytes
    lock_text: str
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    newly_retired: list[str] = field(default_factory=list)  # retired by this build (the rest were already)
    unchanged: list[str] = field(default_factory=list)
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # unit slug -> (notes, cards) now in the deck


def _genanki_model(core: dict) -> genanki.Model:
    return genanki.Model(
        model_id=core["id"],
        name=core["name"],
        fields=[{"name": f["name"], "id": f["id"]} for f in core["fields"]],
        templates=[{"name": t["name"], "id": t["id"], "qfmt": t["qfmt"], "afmt": t["afmt"]} for t in core["templates"]],
        css=core["css"],
        model_type=genanki.Model.CLOZE if core["cloze"] else genanki.Model.FRONT_BACK,
    )


# --- rendering ---------------------------------------------------------------------------


@dataclass
class _Note:
    guid: str
    item: str
    key: str
    deck: str
    deck_id: int
    fields: dict[str, str]
    tags: list[str]
    order: int
    status: str = ""
    mod: int = 0
    note_id: int = 0
    hash: str = ""
    unit: str = ""  # the unit slug of a current note; empty for a retired one
    retired: str = ""  # the day a retired note was retired


def shown_items(course: Course, items: list[Item], lock: Lock | None = None) -> list[Item]:
    """The items that become notes (`quizgen.cards`), with their options in the deck's order: numbers and dates
    in order, the other keys spread evenly over the places across the deck. A note keeps the order the lock
    recorded while its options are the same and its key's place holds no more than its share."""
    return arranged_options(course, plan_deck(course, items).items, lock)


def arranged_options(course: Course, kept: list[Item], lock: Lock | None = None) -> list[Item]:
    """The notes' items `kept` with their options in the deck's order (see `shown_items`)."""
    shown = {}
    recorded_notes = lock.notes if lock is not None else {}
    for item in kept:
        recorded = recorded_notes.get(note_guid(item.course, item.fact_ids[0], item.template))
        if recorded is not None and recorded.model == "choice":
            options = [html.unescape(recorded.fields.get(f"Option{k + 1}", "")) for k in range(OPTION_FIELDS)]
            shown[item.id] = tuple(o for o in options if o)
    return arrange_options(kept, course.slug, course.settings.seed, "deck", shown=shown)


def render_deck(
    course: Course,
    selection: DeckSelection,
    lock_text: str | None,
    now: int | float | None = None,
    templates: Mapping[str, str] | None = None,
) -> DeckOutput:
    """Build the course's .apkg in memory from the deck's plan (`quizgen.cards`); return it with the new lock
    text and what changed.

    `now` (seconds since the epoch) is the build time given to new and changed notes and
    note types; it defaults to the clock. `templates` overrides card template files by name.
    """
    lock = parse_lock(lock_text)
    if lock.course and lock.course != course.slug:
        raise ContentError([Problem(
            f"the lock file belongs to course '{lock.course}', not '{course.slug}'; a course's slug must not "
            f"change once learners imported its deck", file=LOCK_FILE)])
    build_time = int(time.time() if now is None else now)
    cores = {key: model_json_core(spec, course, load_card_templates(course, templates))
             for key, spec in MODEL_SPECS.items()}
    notes = current_notes(course, selection, lock)
    notes += retired_notes(course, selection, lock, {note.guid for note in notes}, build_time)
    stamp_notes(notes, cores, lock, build_time)
    new_lock = next_lock(course, cores, notes, lock, build_time)
    return _changes(DeckOutput(data=_package(course, cores, new_lock, notes), lock_text=dump_lock(new_lock)),
                    notes, lock)


def current_notes(course: Course, selection: DeckSelection, lock: Lock) -> list[_Note]:
    """A note for each item the deck's plan keeps, its options in the deck's order, in its unit's subdeck."""
    unit_titles = {u.slug: u.title for u in course.units}
    notes: list[_Note] = []
    seen: dict[str, str] = {}
    for item in arranged_options(course, selection.items, lock):
        if item.type not in MODEL_OF_TYPE:
            raise ContentError([Problem(f"item '{item.id}' has type '{item.type}', which has no Anki note type")])
        guid = note_guid(item.course, item.fact_ids[0], item.template)
        recorded = lock.notes.get(guid)
        key = note_model(item, recorded.model if recorded is not None else None)
        if guid in seen:
            raise ContentError([Problem(f"items '{seen[guid]}' and '{item.id}' would be the same Anki note")])
        seen[guid] = item.id
        notes.append(_Note(
            guid=guid, item=item.id, key=key,
            deck=unit_deck_name(course, unit_titles.get(item.unit, item.unit), item.unit),
            deck_id=deck_id(course.slug, item.unit),
            fields=fields_for(item, key, course.language), tags=tags_for(item), order=item.order, unit=item.unit,
        ))
    return notes


def retired_notes(course: Course, selection: DeckSelection, lock: Lock, current: set[str],
                  build_time: int) -> list[_Note]:
    """The lock's notes that left the deck (GUIDs not in `current`): shipped again, retired.

    Their fields become a notice saying when and why, which a learner who has their cards sees on them (an
    import updates fields, but never deletes a card or moves it to another deck); a learner who gets them new
    finds them in the Retired subdeck.
    """
    reasons = {out.item.id: out.reason for out in selection.left_out if not out.reverse}
    facts = {fact.id for fact in course.facts}
    retired_name, retired_id = retired_deck(course)
    notes = []
    for guid, rec in sorted(lock.notes.items(), key=lambda kv: (kv[1].order, kv[0])):
        if guid in current or rec.model not in MODEL_SPECS:
            continue
        if rec.retired:  # retired with its notice by an earlier build: shipped as it was
            retired_on = rec.retired
            fields = {name: rec.fields.get(name, "") for name in MODEL_SPECS[rec.model].fields}
        else:  # retired now, or by a quizgen that kept the old fields: the day it left the deck
            retired_on = _day(rec.mod if RETIRED_TAG in rec.tags else build_time)
            reason = reasons.get(rec.item) or ("replaced" if rec.item.split("/", 1)[0] in facts else "removed")
            fields = retired_fields(rec.model, retirement_notice(retired_on, reason, course.language),
                                    bool(rec.fields.get("Reverse")), course.language)
        notes.append(_Note(
            guid=guid, item=rec.item, key=rec.model, deck=retired_name, deck_id=retired_id, fields=fields,
            tags=sorted(set(rec.tags) | {RETIRED_TAG}), order=rec.order, status="retired", retired=retired_on,
        ))
    return notes


def stamp_notes(notes: list[_Note], cores: dict[str, dict], lock: Lock, build_time: int) -> None:
    """Give each note its content hash, status, modification time and id: a new note the build time and a
    fresh id, a changed one a later time than the lock recorded, an unchanged one the lock's."""
    taken = {rec.note_id for rec in lock.notes.values()}
    next_id = (build_time * 1000) // ID_STRIDE * ID_STRIDE
    for note in notes:
        spec = MODEL_SPECS[note.key]
        note.hash = note_hash(note.key, cores[note.key]["id"], note.deck_id,
                              [note.fields[name] for name in spec.fields], note.tags)
        prev = lock.notes.get(note.guid)
        if prev is None:
            note.status, note.mod = "new", build_time
            while any(next_id + d in taken for d in range(1 - ID_STRIDE, ID_STRIDE)):
                next_id += ID_STRIDE
            note.note_id = next_id
            taken.add(next_id)
            continue
        note.note_id = prev.note_id
        if prev.hash == note.hash:
            note.mod = prev.mod
            note.status = note.status or "unchanged"
        else:
            note.mod = max(prev.mod + 1, build_time)
            note.status = note.status or "updated"


def next_lock(course: Course, cores: dict[str, dict], notes: list[_Note], lock: Lock, build_time: int) -> Lock:
    """The lock this build leaves: each note type and note with its hash, time and id."""
    new_lock = Lock(course=course.slug)
    for key, core in cores.items():
        digest = content_hash(core)
        prev = lock.models.get(key)
        if prev is not None and prev.hash == digest and prev.id == core["id"]:
            mod = prev.mod
        else:
            mod = max(prev.mod + 1, build_time) if prev is not None else build_time
        new_lock.models[key] = ModelRecord(id=core["id"], name=core["name"], hash=digest, mod=mod)
    for note in sorted(notes, key=lambda n: n.guid):
        new_lock.notes[note.guid] = NoteRecord(
            item=note.item, model=note.key, deck=note.deck, deck_id=note.deck_id, fields=note.fields,
            tags=note.tags, hash=note.hash, mod=note.mod, note_id=note.note_id, order=note.order,
            retired=note.retired,
        )
    new_lock.models = dict(sorted(new_lock.models.items()))
    return new_lock


def _changes(out: DeckOutput, notes: list[_Note], lock: Lock) -> DeckOutput:
    """The deck with what changed since the lock: notes by status, and notes and cards per unit."""
    for note in notes:
        getattr(out, note.status).append(note.item)
        if note.status == "retired" and RETIRED_TAG not in lock.notes[note.guid].tags:
            out.newly_retired.append(note.item)
        if note.status != "retired":  # a card more where the note has a reverse side
            notes_so_far, cards_so_far = out.counts.get(note.unit, (0, 0))
            out.counts[note.unit] = (notes_so_far + 1, cards_so_far + 1 + bool(note.fields.get("Reverse")))
    return out


def _package(course: Course, cores: dict[str, dict], lock: Lock, notes: list[_Note]) -> bytes:
    models = {key: _genanki_model(core) for key, core in cores.items()}
    fronts = {key: [parse_template(t["qfmt"]) for t in core["templates"]] for key, core in cores.items()}
    decks: dict[int, genanki.Deck] = {}
    parent = genanki.Deck(deck_id(course.slug), deck_title(course.title, course.slug),
                          description=text_html(course.description))
    decks[parent.deck_id] = parent
    for unit in course.units:
        did = deck_id(course.slug, unit.slug)
        decks[did] = genanki.Deck(did, unit_deck_name(course, unit.title, unit.slug),
                                  description=text_html(unit.source.title))
    for note in notes:
        if note.deck_id not in decks:
            decks[note.deck_id] = genanki.Deck(note.deck_id, note.deck)
        spec = MODEL_SPECS[note.key]
        package_note = genanki.Note(
            model=models[note.key], fields=[note.fields[name] for name in spec.fields],
            tags=note.tags, guid=note.guid, due=note.order,
        )
        # Exactly the cards Anki's own rule gives the note, so that Check Database, editing the note and
        # Empty Cards neither add nor remove any (genanki's rule is an approximation of it).
        package_note.cards = [genanki.Card(ord_) for ord_ in
                              card_ords(fronts[note.key], note.fields, bool(note.tags), spec.cloze)]
        decks[note.deck_id].add_note(package_note)

    conn = sqlite3.connect(":memory:")
    try:
        cur = conn.cursor()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            genanki.Package(list(decks.values())).write_to_db(cur, FIXED_EPOCH, itertools.count(1))
        _fix_db(cur, cores, lock, notes)
        conn.commit()
        cur.execute("VACUUM")
        db = _database_bytes(conn)
    finally:
        conn.close()
    return _zip({"collection.anki2": db, "media": b"{}"})


def _database_bytes(conn: sqlite3.Connection) -> bytes:
    """The database as the file Anki reads: serialized in memory (Python 3.11+), else backed up to a file."""
    if hasattr(conn, "serialize"):
        return bytes(conn.serialize())
    with tempfile.TemporaryDirectory() as folder:  # Python 3.10 has no Connection.serialize
        path = Path(folder) / "collection.anki2"
        disk = sqlite3.connect(path)
        try:
            conn.backup(disk)
        finally:
            disk.close()
        return path.read_bytes()


def _fix_db(cur: sqlite3.Cursor, cores: dict[str, dict], lock: Lock, notes: list[_Note]) -> None:
    """Replace what genanki took from the clock or a counter by values from the lock."""
    by_guid = {n.guid: n for n in notes}
    # genanki numbers notes and cards 1, 2, 3...; move them out of the way first, so no final id
    # (however small the build time made it) can collide with one not yet renumbered.
    cur.execute("UPDATE cards SET id = -id, nid = -nid")
    cur.execute("UPDATE notes SET id = -id")
    # A new card's due is its place in the new-card queue, which Anki keeps on import. Retired notes come
    # after every current one, so a learner who gets the deck new meets their notices last.
    last_live = max((n.order for n in notes if n.status != "retired"), default=0)
    rows = cur.execute("SELECT id, guid FROM notes ORDER BY id DESC").fetchall()
    for tmp_id, guid in rows:
        note = by_guid[guid]
        due = min(note.order + (last_live if note.status == "retired" else 0), MAX_ORDER)
        cur.execute("UPDATE cards SET nid = ?, id = ? + ord, mod = ?, due = ? WHERE nid = ?",
                    (note.note_id, note.note_id, note.mod, due, tmp_id))
        cur.execute("UPDATE notes SET id = ?, mod = ? WHERE id = ?", (note.note_id, note.mod, tmp_id))
    (models_json,) = cur.execute("SELECT models FROM col").fetchone()
    models = json.loads(models_json)
    for key, core in cores.items():
        entry = models.get(str(core["id"]))
        if entry is not None:
            entry["mod"] = lock.models[key].mod
    (decks_json,) = cur.execute("SELECT decks FROM col").fetchone()
    cur.execute("UPDATE col SET models = ?, decks = ?",
                (json.dumps(models, sort_keys=True), json.dumps(json.loads(decks_json), sort_keys=True)))


def _day(seconds: int) -> str:
    """The day (UTC, ISO) of a time in seconds since the epoch."""
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).date().isoformat()


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            zf.writestr(info, entries[name], compresslevel=6)
    return buf.getvalue()
