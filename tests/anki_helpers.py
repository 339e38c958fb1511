"""Helpers for the Anki tests: build a deck from a course folder and import it as a learner's Anki would."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from quizgen.generate import generate_items
from quizgen.loader import load_course
from quizgen.targets.anki import DeckOutput, render_deck

T0 = 1_700_000_000  # the first build's clock, injected so tests do not depend on the real one
ANKI_TYPES = ("recall", "cloze", "mcq", "tf")


def build(course_dir: Path, lock_text: str | None = None, now: int = T0, **kw) -> tuple[DeckOutput, list]:
    course = load_course(course_dir)
    items = generate_items(course)
    return render_deck(course, items, lock_text, now=now, **kw), items


def anki_items(items) -> list:
    return [i for i in items if i.type in ANKI_TYPES]


def plain(rendered: str) -> str:
    """Rendered card HTML as the text a learner reads."""
    rendered = re.sub(r"<style>.*?</style>", "", rendered, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


@dataclass
class ImportLog:
    new: int
    updated: int
    duplicate: int
    conflicting: int
    other: dict

    def __str__(self) -> str:
        return f"new={self.new} updated={self.updated} duplicate={self.duplicate} conflicting={self.conflicting}"


class Learner:
    """A learner's Anki collection in a temporary folder, importing with Anki's default options."""

    def __init__(self, folder: Path):
        from anki.collection import Collection

        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.col = Collection(str(folder / "collection.anki2"))
        self.count = 0
        self.logs: list[ImportLog] = []

    def import_deck(self, out: DeckOutput) -> ImportLog:
        from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

        self.count += 1
        path = self.folder / f"deck-{self.count}.apkg"
        path.write_bytes(out.data)
        response = self.col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
        )
        log = response.log
        result = ImportLog(
            new=len(log.new), updated=len(log.updated), duplicate=len(log.duplicate),
            conflicting=len(log.conflicting),
            other={"first_field_match": len(log.first_field_match), "missing_notetype": len(log.missing_notetype),
                   "missing_deck": len(log.missing_deck), "empty_first_field": len(log.empty_first_field)},
        )
        self.logs.append(result)
        return result

    def notes_by_guid(self) -> dict:
        return {n.guid: n for n in (self.col.get_note(nid) for nid in self.col.find_notes(""))}

    def snapshot(self) -> dict:
        """GUID -> (note id, fields, tags) for every note."""
        return {g: (n.id, list(n.fields), sorted(n.tags)) for g, n in self.notes_by_guid().items()}

    def review(self, card_id: int, rating: str = "GOOD"):
        from anki.scheduler.v3 import CardAnswer

        card = self.col.get_card(card_id)
        card.start_timer()
        states = self.col._backend.get_scheduling_states(card.id)
        answer = self.col.sched.build_answer(card=card, states=states, rating=getattr(CardAnswer, rating))
        self.col.sched.answer_card(answer)
        return self.col.get_card(card_id)

    def revlog_count(self, card_id: int) -> int:
        return self.col.db.scalar("select count() from revlog where cid = ?", card_id)

    def close(self) -> None:
        self.col.close()


def package_db(data: bytes, folder: Path):
    """Open the collection inside a package with sqlite3 (read-only copy in `folder`)."""
    import io
    import sqlite3
    import zipfile

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "package.anki2"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        path.write_bytes(zf.read("collection.anki2"))
    return sqlite3.connect(path)


def _fact_blocks(course_dir: Path, unit: str = "steppe") -> tuple[Path, str, list[str]]:
    path = course_dir / unit / "facts.yaml"
    head, *blocks = path.read_text(encoding="utf-8").split("\n  - id: ")
    return path, head, blocks


def remove_fact(course_dir: Path, fact_id: str, unit: str = "steppe") -> None:
    """Delete one fact from a unit's facts.yaml (facts are `  - id: ...` list items)."""
    path, head, blocks = _fact_blocks(course_dir, unit)
    kept = [b for b in blocks if b.split("\n", 1)[0].strip() != fact_id]
    assert len(kept) == len(blocks) - 1, f"no fact {fact_id!r}"
    path.write_text("\n  - id: ".join([head, *kept]), encoding="utf-8")


def add_to_fact(course_dir: Path, fact_id: str, line: str, unit: str = "steppe") -> None:
    """Add a `key: value` line to one fact of a unit's facts.yaml."""
    path, head, blocks = _fact_blocks(course_dir, unit)
    found = [i for i, b in enumerate(blocks) if b.split("\n", 1)[0].strip() == fact_id]
    assert len(found) == 1, f"no fact {fact_id!r}"
    first, rest = blocks[found[0]].split("\n", 1)
    blocks[found[0]] = f"{first}\n    {line}\n{rest}"
    path.write_text("\n  - id: ".join([head, *blocks]), encoding="utf-8")
