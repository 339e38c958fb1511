"""Helpers every test module shares: one CLI runner, one PDF text reader, one Anki importer, course edits."""
from __future__ import annotations

import html
import io
import re
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from click.testing import CliRunner

from quizgen.build import load_course, plan_job
from quizgen.cli import main
from quizgen.generate import generate_items
from quizgen.targets import get_target

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
COURSES = TESTS / "courses"
MINI = COURSES / "mini"
BROKEN = TESTS / "broken"
T0 = 1_700_000_000  # the first build's clock, injected so tests do not depend on the real one


# --- running quizgen ---------------------------------------------------------------------


def run_cli(*args: str):
    """Run the command line in-process, as a user would type it; return click's result."""
    return CliRunner().invoke(main, [str(a) for a in args])


def copy_course(src: Path, dest: Path, keep_lock: bool = True) -> Path:
    """A private copy of a course folder (without a broken case's expected.txt), to edit freely."""
    ignore = ["expected.txt"] + ([] if keep_lock else ["quizgen.lock"])
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns(*ignore))
    return dest


def load(course_dir: Path | str):
    """The course and its items, as the pipeline makes them."""
    course = load_course(course_dir)
    return course, generate_items(course)


def render_target(name: str, course, items, now: int | None = T0, **settings):
    """Render one target in memory (settings override the course's); return its Output."""
    if settings:
        course = _with_settings(course, **settings)
    return get_target(name).render(plan_job(course, items, now=now))


def render_pdfs(course, items, **settings) -> dict[str, bytes]:
    """The worksheets and keys of a course's items, by path."""
    return render_target("pdf", course, items, **settings).files


def _with_settings(course, **settings):
    from dataclasses import replace

    return replace(course, settings=course.settings.replace(**settings))


# --- reading outputs ---------------------------------------------------------------------


def pdf_text(pdf: bytes | Path) -> str:
    """A PDF's text, pages joined, whitespace folded to single spaces."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else str(pdf))
    return norm(" ".join(page.extract_text() for page in reader.pages))


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def plain(rendered: str) -> str:
    """Rendered card HTML as the text a learner reads."""
    rendered = re.sub(r"<style>.*?</style>", "", rendered, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


def anki_items(items) -> list:
    """The items that become Anki notes."""
    from quizgen.cards import deck_items

    return deck_items(items)


# --- editing a course ---------------------------------------------------------------------


def edit_facts(course_dir: Path, old: str, new: str, unit: str = "steppe") -> None:
    """Replace text in a unit's facts.yaml (exactly once)."""
    path = course_dir / unit / "facts.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")


def long_words_course(dest: Path) -> Path:
    """A copy of the mini course whose titles, web address, ids and explanation are as long as real ones get,
    for pages that must fit a phone's 360 pixels."""
    copy_course(MINI, dest)
    course = dest / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace(
        "title: Mini steppe course", 'title: "Mini steppe course: Kazakhstan from perestroika to independence and '
        'the long years of Nazarbayev"'), encoding="utf-8")
    edit_facts(dest, "title: The steppe in brief", 'title: "Kazakhstan from perestroika to independence: the '
               'Alma-Ata events of December 1986 and what followed them"')
    edit_facts(dest, "  - id: tokayev\n", "  - id: tokayev-became-president-of-kazakhstan-after-nazarbayev-stepped-"
               "down\n    explanation: See https://example.org/kazakhstan/presidents/tokayev-kassym-jomart/"
               "biography-and-career-in-the-foreign-ministry-and-the-senate\n")
    source = dest / "steppe" / "source.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "publisher: quizgen tests", "publisher: quizgen tests\nurl: \"https://example.org/a-small-test-text-about-"
        "the-steppe-and-the-long-road-from-perestroika-to-independence?utm_source=newsletter\""), encoding="utf-8")
    return dest


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


# --- importing into Anki --------------------------------------------------------------------


def render_deck(course, items, lock_text: str | None = None, now: int | None = T0, **kw):
    """Render the deck of a course's items in memory against a lock text, planned as a build plans it."""
    from quizgen.cards import plan_deck
    from quizgen.targets.anki.deck import render_deck as render

    return render(course, plan_deck(course, items), lock_text, now=now, **kw)


def build_deck(course_dir: Path, lock_text: str | None = None, now: int = T0, **kw):
    """Render a course's deck in memory against a lock text; return (DeckOutput, items)."""
    course, items = load(course_dir)
    return render_deck(course, items, lock_text, now=now, **kw), items


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

    def import_deck(self, deck, with_scheduling: bool = True) -> ImportLog:
        """Import a deck: a DeckOutput, the bytes of a package, or a path to an .apkg file."""
        from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

        self.count += 1
        path = self.folder / f"deck-{self.count}.apkg"
        path.write_bytes(deck.read_bytes() if isinstance(deck, Path) else getattr(deck, "data", deck))
        response = self.col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(path),
                                     options=ImportAnkiPackageOptions(with_scheduling=with_scheduling))
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


# --- tiny courses written on the fly ------------------------------------------------------------

TINY_SOURCE = "The quote is here, and the article says so."


def tiny_course(folder: Path, facts: str, settings: str = "", source_date: str = "2022-06") -> Path:
    """Write a one-unit course whose facts (YAML list items, indented by two) all cite paragraph 1."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "course.yaml").write_text(
        "title: Tiny course\nslug: tiny\nunits: [unit]\n" + (f"settings:\n{settings}" if settings else ""),
        encoding="utf-8")
    unit = folder / "unit"
    unit.mkdir(exist_ok=True)
    (unit / "source.md").write_text(f"---\ntitle: A tiny article\ndate: {source_date}\n---\n{TINY_SOURCE}\n",
                                    encoding="utf-8")
    (unit / "facts.yaml").write_text("title: Tiny unit\nfacts:\n" + facts, encoding="utf-8")
    return folder


def fact(fact_id: str, kind: str, **fields) -> str:
    """One fact as a YAML list item citing the tiny source; values are written as JSON (valid YAML)."""
    import json

    lines = [f"  - id: {fact_id}", f"    kind: {kind}"]
    lines += [f"    {name}: {json.dumps(value, ensure_ascii=False)}" for name, value in fields.items()]
    lines.append('    source: {paragraph: 1, quote: "The quote is here"}')
    return "\n".join(lines) + "\n"


def quoted(fid: str, kind: str, quote: str, **fields) -> str:
    """One fact citing the tiny source with its own quote."""
    return fact(fid, kind, **fields).replace('quote: "The quote is here"', f'quote: "{quote}"')


def with_source(course_dir, *sentences: str):
    """The tiny course with sentences added to its source, for quotes that must be found in it."""
    source = course_dir / "unit" / "source.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "The quote is here", " ".join(sentences) + " The quote is here"), encoding="utf-8")
    return course_dir


SEEDS = ("", "1", "2", "3", "4", "5")  # what is drawn at random is checked under each of these course seeds


def course_items(course_dir, seed: str = ""):
    """A course's items under a seed: (course, {item id: item}, the problems found making them)."""
    from quizgen.errors import Problems

    course = load_course(course_dir)
    if seed:
        course = replace(course, settings=course.settings.replace(seed=seed))
    problems = Problems()
    return course, {i.id: i for i in generate_items(course, problems)}, problems


def items_under_every_seed(course_dir):
    """The items of a course under each of `SEEDS`."""
    for seed in SEEDS:
        yield course_items(course_dir, seed)[1]


def term(fid: str, name: str, definition: str, **extra) -> str:
    return fact(fid, "term", term=name, definition=definition, **extra)
