"""The Anki deck: one `.apkg` per course, with a subdeck per unit, that updates in place on every rebuild.

    notes.py  identities, note types and card templates, each note's fields
    deck.py   the package, and which notes are new, updated, unchanged or retired
    lock.py   the lock file kept in the course folder between builds

The lock (`quizgen.lock`, in the course folder) is this target's own state:
it is read before rendering and its new text is handed back to be written
with the outputs.
"""
from __future__ import annotations

import os
from dataclasses import replace

from ...errors import ContentError, Problem
from ...paths import decode_problem, outside_course
from ...settings import Option
from .. import Job, Output, Target
from .lock import LOCK_FILE, parse_lock


class AnkiTarget(Target):
    name = "anki"
    title = "Anki deck"
    options = (
        Option("reverse_cards", True, "Add a reversed Anki card for people and terms.", type=bool),
        Option("type_in", False, "Recall cards ask the learner to type the answer.", type=bool),
    )

    def check(self, job: Job) -> list[Problem]:
        from .notes import check_card_templates

        problems = check_card_templates(job.course)
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

    def render(self, job: Job) -> Output:
        from .deck import render_deck

        previous = read_lock(job)
        deck = render_deck(job.course, list(job.items), previous, now=job.now)
        changes = {"new": deck.new, "updated": deck.updated, "unchanged": deck.unchanged, "retired": deck.retired}
        summary = ["Anki notes: " + ", ".join(f"{len(changes[k])} {k}" for k in changes)]
        summary += [f"  retired: {item_id} (tagged quizgen::retired)" for item_id in deck.retired]
        course_files = {LOCK_FILE: deck.lock_text.encode("utf-8")} if deck.lock_text != previous else {}
        return Output({f"{job.course.slug}.apkg": deck.data}, course_files, summary, {"changes": changes})


TARGET = AnkiTarget()


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
