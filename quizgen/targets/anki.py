"""Render items to an Anki package (.apkg) that updates in place on every rebuild.

How Anki's importer decides (checked against the official `anki` package, 26.x):

- a note is matched by its GUID, and an existing note is updated only when the
  incoming note's modification time (`mod`) is newer; otherwise it is skipped;
- a note type is matched by id and updated only when its `mod` is newer; a change of
  its fields or card templates that Anki cannot map (by the ids of the fields and
  templates) makes Anki import a copy named "Name+";
- cards of an updated note keep their review history.

So identity here never depends on content or on the clock: GUIDs come from
(course slug, fact id, template id); note type, deck, field and card template ids
from stable names. The lock file (quizgen/lock.py) remembers each note's content
hash and the `mod` it was given: an unchanged note keeps its `mod`, a changed one
gets a later one. The build time is read only for new or changed notes and note
types, and can be injected (`now=`). Everything else in the package is fixed, so
the same course and lock give the same bytes.
"""
from __future__ import annotations

import hashlib
import html
import io
import itertools
import json
import sqlite3
import time
import warnings
import zipfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Mapping

import genanki

from ..errors import ContentError, Problem
from ..lock import LOCK_FILE, Lock, ModelRecord, NoteRecord, dump_lock, parse_lock
from ..model import CLOZE_BLANK, LETTERS, Citation, Course, Item

RETIRED_TAG = "quizgen::retired"
SKIPPED_TYPES = ("matching", "ordering")
# Option fields of the choice note type (Option1..Option6): more than the generator offers,
# to leave room. Changing it changes the note type, so it stays fixed.
OPTION_FIELDS = 6
CARD_TEMPLATE_FILES = (
    "style.css",
    "about.html",
    "recall-front.html",
    "recall-back.html",
    "reverse-front.html",
    "reverse-back.html",
    "choice-front.html",
    "choice-back.html",
    "cloze-front.html",
    "cloze-back.html",
)
# Fixed time for everything in the package that Anki does not compare (collection
# and deck records); 2024-01-01T00:00:00Z.
FIXED_EPOCH = 1704067200
# Card ids are note id + card ordinal; note ids are multiples of this, leaving room.
ID_STRIDE = 10

_ABOUT_FIELDS = ("Source", "Quote", "Explanation", "Context", "Note")


@dataclass
class DeckOutput:
    """What render_deck produced: the package bytes, the new lock, and what changed."""

    data: bytes
    lock_text: str
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


# --- stable identities -------------------------------------------------------------------


def _digest(*parts: str) -> bytes:
    return hashlib.sha256("\x1f".join(("quizgen",) + parts).encode("utf-8")).digest()


def stable_id(*parts: str) -> int:
    """A positive integer id from stable names, below 2**53 so every client reads it exactly."""
    value = int.from_bytes(_digest(*parts)[:8], "big")
    return (1 << 32) + value % ((1 << 53) - (1 << 32))


_GUID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def note_guid(course_slug: str, fact_id: str, template_id: str) -> str:
    """The GUID of the note for one fact and question template: never depends on content."""
    value = int.from_bytes(_digest("note", course_slug, fact_id, template_id)[:12], "big")
    chars = []
    while value:
        value, rest = divmod(value, len(_GUID_ALPHABET))
        chars.append(_GUID_ALPHABET[rest])
    return "".join(reversed(chars)) or "0"


def deck_id(course_slug: str, unit_slug: str | None = None) -> int:
    """The id of a course's deck, or of one unit's subdeck: titles may change, ids do not."""
    if unit_slug is None:
        return stable_id("deck", course_slug)
    return stable_id("deck", course_slug, unit_slug)


# --- note types --------------------------------------------------------------------------


@dataclass(frozen=True)
class ModelSpec:
    key: str
    fields: tuple[str, ...]
    templates: tuple[tuple[str, str, str], ...]  # (name, front file, back file)
    cloze: bool = False


MODEL_SPECS = {
    "recall": ModelSpec(
        "recall",
        ("Front", "Back", "Reverse", "ReverseAnswer") + _ABOUT_FIELDS,
        (("Card", "recall-front.html", "recall-back.html"), ("Reverse", "reverse-front.html", "reverse-back.html")),
    ),
    "choice": ModelSpec(
        "choice",
        ("Question",) + tuple(f"Option{i}" for i in range(1, OPTION_FIELDS + 1))
        + ("Correct", "Answer", "Reverse", "ReverseAnswer") + _ABOUT_FIELDS,
        (("Choice", "choice-front.html", "choice-back.html"), ("Reverse", "reverse-front.html", "reverse-back.html")),
    ),
    "cloze": ModelSpec(
        "cloze",
        ("Text", "Prompt") + _ABOUT_FIELDS,
        (("Cloze", "cloze-front.html", "cloze-back.html"),),
        cloze=True,
    ),
}
_MODEL_OF_TYPE = {"recall": "recall", "mcq": "choice", "tf": "choice", "cloze": "cloze"}


def load_card_templates(course: Course | None = None, overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """Read the card HTML and CSS: quizgen's own, then a course's `templates/anki/`, then `overrides`."""
    base = resources.files("quizgen.templates") / "anki"
    texts = {name: (base / name).read_text(encoding="utf-8") for name in CARD_TEMPLATE_FILES}
    if course is not None and course.templates_dir:
        own = Path(course.templates_dir) / "anki"
        for name in CARD_TEMPLATE_FILES:
            if (own / name).is_file():
                texts[name] = (own / name).read_text(encoding="utf-8")
    for name, text in (overrides or {}).items():
        if name not in CARD_TEMPLATE_FILES:
            raise ValueError(f"unknown card template file {name!r}; expected one of {', '.join(CARD_TEMPLATE_FILES)}")
        texts[name] = text
    return {name: text.replace("\r\n", "\n") for name, text in texts.items()}


def _expand(text: str, texts: dict[str, str], type_in: bool) -> str:
    text = text.replace("<!-- quizgen:about -->", texts["about.html"].strip())
    text = text.replace("<!-- quizgen:type-in -->", "{{type:Back}}" if type_in else "")
    text = text.replace(
        "<!-- quizgen:answer -->", "{{type:Back}}" if type_in else '<div class="answer">{{Back}}</div>'
    )
    return "\n".join(line.rstrip() for line in text.strip().splitlines() if line.strip())


def _model_json_core(spec: ModelSpec, course: Course, texts: dict[str, str]) -> dict:
    """Everything that defines a note type, with ids derived from stable names."""
    slug = course.slug
    return {
        "id": stable_id("model", slug, spec.key),
        "name": f"quizgen {spec.key} ({slug})",
        "css": texts["style.css"].strip() + "\n",
        "cloze": spec.cloze,
        "fields": [{"name": name, "id": stable_id("field", slug, spec.key, name)} for name in spec.fields],
        "templates": [
            {
                "name": name,
                "id": stable_id("template", slug, spec.key, name),
                "qfmt": _expand(texts[front], texts, course.settings.type_in and spec.key == "recall"),
                "afmt": _expand(texts[back], texts, course.settings.type_in and spec.key == "recall"),
            }
            for name, front, back in spec.templates
        ],
    }


def _hash(data) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _genanki_model(core: dict) -> genanki.Model:
    return genanki.Model(
        model_id=core["id"],
        name=core["name"],
        fields=[{"name": f["name"], "id": f["id"]} for f in core["fields"]],
        templates=[{"name": t["name"], "id": t["id"], "qfmt": t["qfmt"], "afmt": t["afmt"]} for t in core["templates"]],
        css=core["css"],
        model_type=genanki.Model.CLOZE if core["cloze"] else genanki.Model.FRONT_BACK,
    )


# --- note content ------------------------------------------------------------------------


def _text(value: str) -> str:
    """Plain text to field HTML: every character shows literally."""
    return html.escape(value or "", quote=True).replace("\r\n", "\n").replace("\n", "<br>")


def _source_html(citation: Citation | None) -> str:
    if citation is None or not citation.title:
        return ""
    title = _text(citation.title)
    if citation.url:
        title = f'<a href="{html.escape(citation.url, quote=True)}">{title}</a>'
    parts = [title] + [_text(p) for p in (citation.publisher, citation.date) if p]
    return ", ".join(parts) + (f", paragraph {citation.paragraph}" if citation.paragraph else "")


def _cloze_part(value: str) -> str:
    # Keep the answer from closing or splitting Anki's {{c1::...}} marker.
    return _text(value).replace("}}", "}&#125;").replace("::", ":&#58;")


def _options_problem(item: Item) -> ContentError:
    return ContentError([Problem(
        f"item '{item.id}' has {len(item.options)} options (correct: {item.correct}); "
        f"an Anki multiple-choice card takes 2 to {OPTION_FIELDS} and one correct option",
        fact=item.fact_ids[0] if item.fact_ids else "")])


def _fields_for(item: Item, key: str) -> dict[str, str]:
    """The note's fields, as HTML, for the note type `key`.

    An item normally goes to the note type of its type, but a note keeps the note type it
    was first shipped with (Anki would refuse the update otherwise): a multiple-choice
    question that became a recall one (too few distractors left) stays a choice note
    without options, and the other way round a recall note lists the options in its front.
    """
    cite = item.citation
    values = {
        "Source": _source_html(cite),
        "Quote": _text(cite.quote) if cite else "",
        "Explanation": _text(item.explanation),
        "Context": _text(item.context),
        "Note": _text(item.note),
    }
    reverse = item.reverse or ("", "")
    has_options = item.type in ("mcq", "tf")
    if has_options and (not 2 <= len(item.options) <= OPTION_FIELDS or not 0 <= item.correct < len(item.options)):
        raise _options_problem(item)
    if key == "recall":
        front, back = _text(item.stem), _text(item.answer)
        if has_options:
            front += "".join(f"<br>{LETTERS[i]}. {_text(o)}" for i, o in enumerate(item.options))
            back = f"{LETTERS[item.correct]}. {_text(item.options[item.correct])}"
        values.update(Front=front, Back=back, Reverse=_text(reverse[0]), ReverseAnswer=_text(reverse[1]))
    elif key == "choice":
        options = item.options if has_options else ()
        for i in range(OPTION_FIELDS):
            values[f"Option{i + 1}"] = _text(options[i]) if i < len(options) else ""
        values.update(
            Question=_text(item.stem),
            Correct=LETTERS[item.correct] if has_options else "",
            Answer=_text(item.options[item.correct] if has_options else item.answer),
            Reverse=_text(reverse[0]), ReverseAnswer=_text(reverse[1]),
        )
    else:
        before, answer, after = item.cloze or ("", item.answer, "")
        text = f"{_text(before)}{{{{c1::{_cloze_part(answer)}}}}}{_text(after)}"
        default_stem = f"{before}{CLOZE_BLANK}{after}".strip()
        prompt = "" if " ".join(item.stem.split()) == " ".join(default_stem.split()) else item.stem
        values.update(Text=text, Prompt=_text(prompt))
    return values


def _tag(value: str) -> str:
    return "_".join(value.split())


def _tags_for(item: Item) -> list[str]:
    tags = {f"quizgen::{_tag(item.course)}::{_tag(item.unit)}"}
    tags.update(_tag(t) for t in item.tags if t.strip())
    if item.kind:
        tags.add(_tag(item.kind))
    return sorted(tags)


def _note_hash(key: str, model_id: int, deck: int, fields: list[str], tags: list[str]) -> str:
    return _hash({"model": key, "model_id": model_id, "deck": deck, "fields": fields, "tags": sorted(tags)})


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


def render_deck(
    course: Course,
    items: list[Item],
    lock_text: str | None,
    now: int | float | None = None,
    templates: Mapping[str, str] | None = None,
) -> DeckOutput:
    """Build the course's .apkg in memory; return it with the new lock text and what changed.

    `now` (seconds since the epoch) is the build time given to new and changed notes and
    note types; it defaults to the clock. `templates` overrides card template files by name.
    """
    lock = parse_lock(lock_text)
    if lock.course and lock.course != course.slug:
        raise ContentError([Problem(
            f"the lock file belongs to course '{lock.course}', not '{course.slug}'; a course's slug must not "
            f"change once learners imported its deck", file=LOCK_FILE)])
    build_time = int(time.time() if now is None else now)
    texts = load_card_templates(course, templates)

    # Note types.
    cores = {key: _model_json_core(spec, course, texts) for key, spec in MODEL_SPECS.items()}
    new_lock = Lock(course=course.slug)
    for key, core in cores.items():
        digest = _hash(core)
        prev = lock.models.get(key)
        if prev is not None and prev.hash == digest and prev.id == core["id"]:
            mod = prev.mod
        else:
            mod = max(prev.mod + 1, build_time) if prev is not None else build_time
        new_lock.models[key] = ModelRecord(id=core["id"], name=core["name"], hash=digest, mod=mod)

    # Notes of the current items.
    unit_titles = {u.slug: u.title for u in course.units}
    notes: list[_Note] = []
    seen: dict[str, str] = {}
    for item in sorted((i for i in items if i.type not in SKIPPED_TYPES), key=lambda i: (i.order, i.id)):
        key = _MODEL_OF_TYPE.get(item.type)
        if key is None:
            raise ContentError([Problem(f"item '{item.id}' has type '{item.type}', which has no Anki note type")])
        guid = note_guid(item.course, item.fact_ids[0], item.template)
        recorded = lock.notes.get(guid)
        if recorded is not None and recorded.model != key and {recorded.model, key} <= {"recall", "choice"}:
            key = recorded.model
        if guid in seen:
            raise ContentError([Problem(f"items '{seen[guid]}' and '{item.id}' would be the same Anki note")])
        seen[guid] = item.id
        notes.append(_Note(
            guid=guid, item=item.id, key=key,
            deck=f"{course.title}::{unit_titles.get(item.unit, item.unit)}",
            deck_id=deck_id(course.slug, item.unit),
            fields=_fields_for(item, key), tags=_tags_for(item), order=item.order,
        ))

    # Notes of facts no longer in the course: shipped again, tagged as retired.
    for guid, rec in sorted(lock.notes.items(), key=lambda kv: (kv[1].order, kv[0])):
        if guid in seen or rec.model not in MODEL_SPECS:
            continue
        fields = {name: rec.fields.get(name, "") for name in MODEL_SPECS[rec.model].fields}
        notes.append(_Note(
            guid=guid, item=rec.item, key=rec.model, deck=rec.deck, deck_id=rec.deck_id, fields=fields,
            tags=sorted(set(rec.tags) | {RETIRED_TAG}), order=rec.order, status="retired",
        ))

    # Content hashes, modification times and note ids.
    taken = {rec.note_id for rec in lock.notes.values()}
    next_id = (build_time * 1000) // ID_STRIDE * ID_STRIDE
    for note in notes:
        spec = MODEL_SPECS[note.key]
        note.hash = _note_hash(note.key, cores[note.key]["id"], note.deck_id,
                               [note.fields[name] for name in spec.fields], note.tags)
        prev = lock.notes.get(note.guid)
        if prev is None:
            note.status, note.mod = "new", build_time
            while next_id in taken:
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
    for note in sorted(notes, key=lambda n: n.guid):
        new_lock.notes[note.guid] = NoteRecord(
            item=note.item, model=note.key, deck=note.deck, deck_id=note.deck_id, fields=note.fields,
            tags=note.tags, hash=note.hash, mod=note.mod, note_id=note.note_id, order=note.order,
        )
    new_lock.models = dict(sorted(new_lock.models.items()))

    data = _package(course, cores, new_lock, notes)
    out = DeckOutput(data=data, lock_text=dump_lock(new_lock))
    for note in notes:
        getattr(out, note.status).append(note.item)
    return out


def _package(course: Course, cores: dict[str, dict], lock: Lock, notes: list[_Note]) -> bytes:
    models = {key: _genanki_model(core) for key, core in cores.items()}
    decks: dict[int, genanki.Deck] = {}
    parent = genanki.Deck(deck_id(course.slug), course.title, description=_text(course.description))
    decks[parent.deck_id] = parent
    unit_decks = {deck_id(course.slug, u.slug): (u.title, u.source.title) for u in course.units}
    for did, (title, source_title) in unit_decks.items():
        decks[did] = genanki.Deck(did, f"{course.title}::{title}", description=_text(source_title))
    for note in notes:
        if note.deck_id not in decks:
            decks[note.deck_id] = genanki.Deck(note.deck_id, note.deck)
        spec = MODEL_SPECS[note.key]
        decks[note.deck_id].add_note(genanki.Note(
            model=models[note.key], fields=[note.fields[name] for name in spec.fields],
            tags=note.tags, guid=note.guid, due=note.order,
        ))

    conn = sqlite3.connect(":memory:")
    try:
        cur = conn.cursor()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            genanki.Package(list(decks.values())).write_to_db(cur, FIXED_EPOCH, itertools.count(1))
        _fix_db(cur, cores, lock, notes)
        conn.commit()
        cur.execute("VACUUM")
        db = conn.serialize()
    finally:
        conn.close()
    return _zip({"collection.anki2": bytes(db), "media": b"{}"})


def _fix_db(cur: sqlite3.Cursor, cores: dict[str, dict], lock: Lock, notes: list[_Note]) -> None:
    """Replace what genanki took from the clock or a counter by values from the lock."""
    by_guid = {n.guid: n for n in notes}
    rows = cur.execute("SELECT id, guid FROM notes ORDER BY id").fetchall()
    for tmp_id, guid in rows:
        note = by_guid[guid]
        cur.execute("UPDATE cards SET nid = ?, id = ? + ord, mod = ?, due = ? WHERE nid = ?",
                    (note.note_id, note.note_id, note.mod, note.order, tmp_id))
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
