"""What a course leaves unasked: facts that make no question, and why; units short of a multi-fact question.

A fact makes a question when one of its kind's question templates applies to it: the template's
answer field is given, its false-version field (`distortion`) too where it needs one, and it is
not a "who said it?" question about the article's own claim. A fact none applies to makes nothing,
silently, unless told: `quizgen check` and the preview say which template needs which field.

The matching, timeline and fact-or-opinion questions need enough facts of a unit ("enough
material"): how many, and how many the unit has, is said for each the unit lacks but has begun.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..grammar import naming_source
from .pipeline import article_speaker, kind_templates, multi_material, question_templates

TYPE_WORDS = {"mcq": "a multiple-choice question", "tf": "a true/false question",
              "cloze": "a fill-in-the-blank question", "recall": "a short-answer question"}
USE_WORDS = {"deck": " (a card only)", "sheets": " (worksheets only)", "both": ""}


def unasked(report) -> list:
    """Notes (quizgen.errors.Problem, level 'note') on each fact that makes no question of its own, and on each
    unit that has begun but lacks the facts of a matching, timeline or fact-or-opinion question."""
    from ..errors import Problem

    course, items = report.course, report.items
    asked: dict[str, list] = {}
    for item in items:
        for fact_id in item.fact_ids:
            asked.setdefault(fact_id, []).append(item)
    templates = question_templates(course)
    notes = []
    for unit in course.units:
        for fact in unit.facts:
            own = [i for i in asked.get(fact.id, []) if len(i.fact_ids) == 1]
            if own:
                continue
            reason = why_no_question(fact, templates)
            if reason is None:
                continue  # a template applied but failed: its error says so
            shared = [i for i in asked.get(fact.id, []) if len(i.fact_ids) > 1]
            if shared:
                reason += f" For now only {_names(shared)} asks it."
            notes.append(Problem(reason, file=fact.file, line=fact.line, fact=fact.id, level="note"))
        notes += [Problem(f"unit '{unit.slug}': {message}", file=str(Path(unit.path) / "facts.yaml") if unit.path
                          else "", line=unit.title_line, level="note")
                  for message in short_of_material(course, unit, items)]
    return notes


def why_no_question(fact, templates) -> str | None:
    """Why no template of the fact's kind makes a question of it, and which field would; None if one applies."""
    author = article_speaker()
    needs: dict[str, list] = {}
    own_voice = []
    for qt in kind_templates(templates, fact.kind):
        if fact.fields.get(qt.answer_field) is None:
            needs.setdefault(qt.answer_field, []).append(qt)
        elif fact.kind == "claim" and fact.fields.get("speaker") == author and qt.answer_field == "speaker":
            own_voice.append(qt)
        elif qt.false_field and fact.fields.get(qt.false_field) is None:
            needs.setdefault(qt.false_field, []).append(qt)
        else:
            return None
    why = "makes no question of its own"
    if own_voice:
        why += naming_source(f": its speaker is {author}, and a question asking who said a claim is never made of "
                             f"the article's own claims", fact.source_called)
        why += "; the other questions need a field it lacks" if needs else ""
    if not needs:
        return why + "."
    offers = [f"`{field}` ({_field_description(fact.kind, field)}) for {_questions(qts)}"
              for field, qts in needs.items()]
    return f"{why}. Give it " + ", or ".join(offers) + "."


def _questions(templates) -> str:
    # A true/false item is never a card: the deck would rehearse its false version.
    words = [TYPE_WORDS.get(qt.type, f"a {qt.type} question")
             + USE_WORDS.get("sheets" if qt.type == "tf" else qt.use, "") for qt in templates]
    return _and(list(dict.fromkeys(words)))


def _field_description(kind: str, field: str) -> str:
    """What a field is, from the schema's own description, without the item it is for."""
    from ..schema import FACT_KINDS

    info = FACT_KINDS[kind].model_fields.get(field)
    text = (info.description or field) if info is not None else field
    text = re.sub(r"^Optional\s+", "", text.strip()).rstrip(".")
    text = re.sub(r",?\s+for an? [\w /-]+ item$", "", text)
    text = text[:1].lower() + text[1:]
    return text if re.match(r"(?:a|an|the|what|how|who|when)\b", text) else "a " + text


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _names(items) -> str:
    names = {"matching": "the matching question", "ordering": "the timeline", "fact_opinion":
             "the fact-or-opinion question (worksheets only)"}
    return " and ".join(dict.fromkeys(names.get(i.type, f"the {i.type} question") for i in items))


def short_of_material(course, unit, items) -> list[str]:
    """For each multi-fact question the unit lacks though it has begun on it: what it takes and what the unit has."""
    made = {i.type for i in items if i.unit == unit.slug and len(i.fact_ids) > 1} | \
        {i.template for i in items if i.unit == unit.slug}
    found = multi_material(course, unit, items)
    out = []
    for name, what in (("people", "people"), ("terms", "terms")):
        have, need = found[f"matching-{name}"], found["matching_needs"]
        if f"unit/matching-{name}" not in made and 2 <= have < need:
            out.append(f"no matching question of {what}: it takes {need} {what} whose names are "
                       f"written in one script; the unit has {have}: write {need - have} more")
    events, need = found["timeline"], found["timeline_needs"]
    if "ordering" not in made and 2 <= events < need:
        out.append(f"no timeline: it takes {need} events whose dates do not overlap (as precise "
                   f"as their quotes say: \"in the 1960s\" is the whole decade); the unit has {events}: write "
                   f"{need - events} more")
    opinions, reported = found["opinions"], found["reported"]
    least, total = found["opinion_least"], found["statements"]
    if "fact_opinion" not in made and opinions:  # an article's opinions begin one
        more_o, more_r = max(0, least - opinions), max(0, least - reported)
        rest = max(0, total - (opinions + more_o) - (reported + more_r))
        wanted = [f"{more_o} more opinion{'s' * (more_o != 1)}" if more_o else "",
                  f"{more_r} more reported fact{'s' * (more_r != 1)}" if more_r else "",
                  f"{rest} more of either" if rest else ""]
        on_timeline = found["on_timeline"]
        out.append(
            f"no fact-or-opinion question: it takes {total} statements, at least {least} of "
            f"them the article's opinions (its own claims, or claims labelled opinion) and at least {least} facts "
            f"it reports (events, and claims of named speakers or labelled fact); the unit has {opinions} "
            f"opinion{'s' * (opinions != 1)} and {reported} reported fact{'s' * (reported != 1)}"
            + (f" ({on_timeline} more event{'s' * (on_timeline != 1)} on the timeline, which it does not repeat)"
               if on_timeline else "")
            + ": write " + _and([w for w in wanted if w]))
    return out


def note_line(note) -> str:
    """A note as `check` prints it, placed like a warning: "file:line: note: fact 'x': ..."."""
    where = f"{note.file}:{note.line}" if note.file and note.line else note.file
    subject = f"fact '{note.fact}': " if note.fact else ""
    return (f"{where}: " if where else "") + "note: " + subject + note.message
