"""Print what a reviewer checks in a built Anki deck, read from the .apkg itself (its SQLite collection), not
from quizgen's own objects.

    .venv/bin/python benchmarks/deck_audit.py DECK.apkg [DECK.apkg ...]

For each deck (its retired notes left out): notes and cards; cards whose answer (either direction) has more
than 12 words; fronts shared by two cards or more; multiple-choice keys by letter (A, B, C, D) for four-option
notes and for all; multiple-choice notes whose options look like years or dates but are not in order; and, of those in
order, the key's rank among its options (1 = earliest), by number of options: a deck whose date keys are never the
latest teaches a student to cross the latest out.
"""
from __future__ import annotations

import html
import json
import re
import sqlite3
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

LONG_WORDS = 12
_TAG = re.compile(r"<[^>]+>")
_YEAR = re.compile(r"\b(\d{3,4})\b")
_MONTHS = ("January February March April May June July August September October November December").split()


def plain(text: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


def date_key(text: str) -> tuple[int, int, int] | None:
    """A date option as (year, month, day), or None where it is no date."""
    years = _YEAR.findall(text)
    if len(years) != 1:
        return None
    month = next((k + 1 for k, name in enumerate(_MONTHS) if name in text), 0)
    day = re.match(r"^(\d{1,2}) ", text)
    return int(years[0]), month, int(day.group(1)) if day else 0


def audit(apkg: Path) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(apkg) as zipped:
        name = next(n for n in ("collection.anki21", "collection.anki2") if n in zipped.namelist())
        zipped.extract(name, tmp)
        db = sqlite3.connect(Path(tmp) / name)
        models = json.loads(db.execute("select models from col").fetchone()[0])
        fields = {int(mid): [f["name"] for f in m["flds"]] for mid, m in models.items()}
        # a retired note (tagged quizgen::retired) is kept for learners' history and says so: not audited
        notes = [(nid, mid, flds) for nid, mid, flds, tags in db.execute("select id, mid, flds, tags from notes")
                 if "quizgen::retired" not in tags.split()]
        cards = db.execute("select nid, ord from cards").fetchall()
        db.close()
    by_note = {}
    for nid, mid, flds in notes:
        by_note[nid] = dict(zip(fields[mid], flds.split("\x1f")))
    fronts: Counter[str] = Counter()
    long_answers = []
    keys4: Counter[str] = Counter()
    keys: Counter[str] = Counter()
    unordered = []
    ranks: dict[int, Counter[int]] = {}
    cards = [(nid, ord_) for nid, ord_ in cards if nid in by_note]
    for nid, ord_ in cards:
        note = by_note[nid]
        if ord_ == 1:  # a reversed card
            front, answer = note.get("Reverse", ""), note.get("ReverseAnswer", "")
        elif "Question" in note:
            front, answer = note["Question"], note["Answer"]
        elif "Text" in note:
            front, answer = re.sub(r"\{\{c\d+::(.*?)(::.*?)?\}\}", "_____", note["Text"]), \
                " ".join(m[0] for m in re.findall(r"\{\{c\d+::(.*?)(::.*?)?\}\}", note["Text"]))
        else:
            front, answer = note["Front"], note["Back"]
        options = [plain(note[f"Option{k}"]) for k in range(1, 7) if plain(note.get(f"Option{k}", ""))]
        fronts[plain(front) + (" | " + " / ".join(options) if ord_ == 0 and options else "")] += 1
        if len(plain(answer).split()) > LONG_WORDS:
            long_answers.append(plain(answer))
        if ord_ == 0 and options:
            letter = note["Correct"].strip()
            keys[letter] += 1
            if len(options) == 4:
                keys4[letter] += 1
            dates = [date_key(o) for o in options]
            if all(dates) and dates != sorted(dates):
                unordered.append(" / ".join(options))
            elif all(dates) and letter in "ABCDEF" and "ABCDEF".index(letter) < len(options):
                ranks.setdefault(len(options), Counter())["ABCDEF".index(letter) + 1] += 1
    shared = {front: n for front, n in fronts.items() if n > 1}
    out = [f"== {apkg.name}: {len(notes)} notes, {len(cards)} cards",
           f"  answers over {LONG_WORDS} words: {len(long_answers)}"]
    out += [f"    {a}" for a in long_answers]
    out.append(f"  fronts shared by two cards or more: {len(shared)}")
    out += [f"    {n}x {front}" for front, n in shared.items()]
    total4 = sum(keys4.values())
    out.append("  four-option keys: " + " ".join(f"{k}{keys4[k]}" for k in "ABCD")
               + (f" (max {max(keys4.values()) * 100 // total4}%)" if total4 else ""))
    out.append("  all choice keys: " + " ".join(f"{k}{n}" for k, n in sorted(keys.items())))
    out.append(f"  date options out of order: {len(unordered)}")
    out += [f"    {u}" for u in unordered]
    for size, counted in sorted(ranks.items()):
        out.append(f"  date keys of {size} options by rank (1 = earliest): "
                   + " ".join(f"{r}:{counted[r]}" for r in range(1, size + 1))
                   + f" (latest: {counted[size]} of {sum(counted.values())})")
    return out


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print("\n".join(audit(Path(arg))))
