"""The Anki deck: one `.apkg` per course, with a subdeck per unit, that updates in place on every rebuild.

    notes.py  identities, note types and card templates, each note's fields
    deck.py   the package, and which notes are new, updated, unchanged or retired
    lock.py   the lock file kept in the course folder between builds
    cardgen.py  which cards a note has, decided as Anki decides it

The lock (`quizgen.lock`, in the course folder) is this target's own state:
it is read before rendering and its new text is handed back to be written
with the outputs.
"""
from __future__ import annotations

import os
import time
from dataclasses import replace
from typing import TYPE_CHECKING

from ...errors import ContentError, Problem
from ...model import Course
from ...paths import decode_problem, outside_course
from ...settings import Option
from .. import Job, Output, Target, Task
from .lock import LOCK_FILE, parse_lock

if TYPE_CHECKING:  # the card rules are read when a deck is planned, not for the command line's options
    from ...cards import DeckSelection


class AnkiTarget(Target):
    name = "anki"
    title = "Anki deck"
    task_modules = ("quizgen.targets.anki.deck",)
    options = (Option("type_in", False, "Recall cards ask the learner to type the answer.", type=bool),)

    def check(self, job: Job) -> list[Problem]:
        from .notes import check_card_templates, check_deck_text

        problems = check_card_templates(job.course) + check_deck_text(job.course, job.deck)
        path = str(job.course_dir / LOCK_FILE)
        try:
            lock = parse_lock(read_lock(job))
        except ContentError as exc:
            return problems + [replace(p, file=path) for p in exc.problems]
        if lock.course and lock.course != job.course.slug:
            problems.append(Problem(
                f"the lock file belongs to course '{lock.course}', not '{job.course.slug}'; a course's slug must not "
                f"change once learners imported its deck", file=path))
        return problems

    def describe(self, job: Job) -> list[str]:
        from collections import Counter

        from .notes import note_guid, note_model

        selection = job.deck
        notes = selection.items
        lock = parse_lock(read_lock(job))

        def note_type(item) -> str:
            recorded = lock.notes.get(note_guid(item.course, item.fact_ids[0], item.template))
            return note_model(item, recorded.model if recorded is not None else None)

        by_type = Counter(note_type(i) for i in notes)
        reverse = sum(1 for i in notes if i.reverse)
        kinds = ", ".join(f"{key} {n}" for key, n in sorted(by_type.items()))
        cards = len(notes) + reverse
        line = f"Anki deck: {len(notes)} notes ({kinds}), {cards} cards ({len(notes)} forward, {reverse} reversed)"
        # What a worksheet asks but the deck does not, beyond the worksheet-only kinds of question.
        left = Counter(("reversed " if out.reverse else "") + out.reason for out in selection.left_out
                       if out.reason in ("long", "same-front"))
        named = {"long": "answers too long to recall", "same-front": "questions another card asks"}
        if left:
            line += "; left out: " + ", ".join(
                f"{n} {'reversed ' if key.startswith('reversed') else ''}card{'s' * (n != 1)} with "
                f"{named[key.split()[-1]]}" for key, n in sorted(left.items()))
        return [line]

    def tasks(self, job: Job) -> list[Task]:
        # One task: the deck is one file. The lock is read and the clock looked at here, so the
        # task needs nothing but its arguments.
        now = int(time.time()) if job.now is None else job.now
        # Never reused from an earlier build: the deck must match the lock this build leaves behind.
        return [Task("Anki deck", (f"{job.course.slug}.apkg",), render_output,
                     (job.course, job.deck, read_lock(job), now), reusable=False)]


TARGET = AnkiTarget()


def render_output(course: Course, planned: DeckSelection, previous: str | None, now: int) -> Output:
    """The deck, the lock's new text (when it changed) and what changed since the last build."""
    from .deck import render_deck

    deck = render_deck(course, planned, previous, now=now)
    changes = {"new": deck.new, "updated": deck.updated, "unchanged": deck.unchanged, "retired": deck.retired}
    summary = [f"Anki notes: {changes_line(deck, previous)}"]
    # Notes retired by this build are named, once; those retired earlier are no change, and go unsaid.
    count = len(deck.newly_retired)
    if count:
        noun, what, them = ("notes", "their facts or questions", "them") if count > 1 else \
            ("note", "its fact or question", "it")
        summary.append(f"  {count} {noun} retired: {what} left the course; the deck keeps {them} as a notice that "
                       f"tells learners why (tagged quizgen::retired):")
        summary += [f"    {item_id}" for item_id in deck.newly_retired]
    course_files = {LOCK_FILE: deck.lock_text.encode("utf-8")} if deck.lock_text != previous else {}
    details = {"changes": changes, "counts": deck.counts}
    return Output({f"{course.slug}.apkg": deck.data}, course_files, summary, details)


def changes_line(deck, previous: str | None) -> str:
    """How the deck's notes changed since the build the lock records, in words a first build reads right."""
    if previous is None:
        return (f"{len(deck.new)} new; this first build starts {LOCK_FILE}, which later builds read to keep "
                f"learners' reviews")
    counts = ", ".join(f"{len(notes)} {name}" for name, notes in
                       (("new", deck.new), ("updated", deck.updated), ("unchanged", deck.unchanged)))
    return f"{counts} since the build {LOCK_FILE} records"


def read_lock(job: Job) -> str | None:
    """The lock file's text as the last build left it, or None before the first build."""
    path = job.course_dir / LOCK_FILE
    if not os.path.lexists(path):
        return None

    def bad(message: str, line: int = 0) -> ContentError:
        return ContentError([Problem(message, file=str(path), line=line)])

    why = outside_course(path, job.course_dir)
    if why:
        raise bad(why)
    if path.is_dir():
        raise bad("is a folder, not the lock file: restore the file from version control (or remove the folder; "
                  "learners would then get duplicate notes)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise bad(f"cannot read the lock file: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message, line = decode_problem(data, exc)
        raise bad(message.replace("save the file as UTF-8", "restore the lock file from version control"),
                  line) from None
