"""Turn facts into items through the question templates, and add the items drawn from several facts.

    templates.py    the sandbox, and finding and compiling templates
    distractors.py  wrong answers of the same slot
    multi.py        matching and timeline items

All randomness comes from `rng_for`, seeded from stable ids, so the same
course always gives the same items.
"""
from __future__ import annotations

from dataclasses import replace
from difflib import SequenceMatcher

from jinja2 import TemplateError

from .. import schema
from ..cues import changed_runs, surname
from ..errors import Problems
from ..itemtypes import MULTI_TYPES, WRITTEN_TYPES
from ..model import CLOZE_BLANK, Citation, Course, Fact, Item, Unit
from ..rng import rng_for
from ..text import fold, sentence_case
from ..kinds import script_of
from .distractors import Gate, bank_candidates, display, distractors, slot_pools
from .multi import unit_items
from .wording import asked
from .templates import (
    ANY_KIND,
    AUTHOR,
    QuestionTemplate,
    TemplateBudgetError,
    explain,
    fact_context,
    load_templates,
    make_environment,
    render_block,
    template_line,
)

MAX_OPTIONS = 4
MIN_OPTIONS = 3


def generate_items(course: Course, problems: Problems | None = None) -> list[Item]:
    """Render every applicable template for every fact, plus per-unit matching and timeline items."""
    problems = problems if problems is not None else Problems()
    env = make_environment(course.templates_dir)
    templates = load_templates(env, problems)
    pools = slot_pools(course)
    failures: dict[tuple[str, str], list[Fact]] = {}  # one message per broken template, not per fact
    exhausted: set[str] = set()  # templates that ran out of steps: not run again for every other fact
    items: list[Item] = []
    order = 0
    for unit in course.units:
        for fact in unit.facts:
            for qt in templates.get(fact.kind, []) + templates.get(ANY_KIND, []):
                if qt.id in exhausted:
                    continue
                item = _render(course, unit, fact, qt, pools, problems, failures, exhausted)
                if item is not None:
                    order += 1
                    items.append(replace(item, order=order))
        for item in unit_items(course, unit):
            order += 1
            items.append(replace(item, order=order))
    for (template_id, reason), facts in failures.items():
        first = facts[0]
        also = ""
        if len(facts) > 1:
            names = ", ".join(f"'{f.id}'" for f in facts[1:4]) + (", ..." if len(facts) > 4 else "")
            also = f"; it fails the same way for {len(facts) - 1} more fact{'s' * (len(facts) > 2)} ({names})"
        problems.error(f"template '{template_id}' failed for this fact: {reason}{also}",
                       file=first.file, line=first.line, fact=first.id)
    # A question whose two options are a claim and its false version is told apart by those options.
    by_options = {qt.id for group in templates.values() for qt in group if qt.type == "mcq" and qt.false_field}
    _check_no_duplicate_stems(items, problems, by_options)
    return items


def _render(course: Course, unit: Unit, fact: Fact, qt: QuestionTemplate, pools, problems: Problems,
            failures: dict[tuple[str, str], list[Fact]], exhausted: set[str]) -> Item | None:
    raw_answer = fact.fields.get(qt.answer_field)
    if raw_answer is None:
        return None  # an optional field this fact leaves out: the template does not apply
    if raw_answer == AUTHOR:
        return None  # "who said it?" makes no sense for the article's own analysis
    if qt.false_field and fact.fields.get(qt.false_field) is None:
        return None  # a template that needs the curator's false version, which this fact lacks
    kind = schema.kind_of(fact)
    item_id = f"{fact.id}/{qt.id.split('/', 1)[1]}"
    base = fact_context(fact)
    ctx = {"fact": base, "course": course.title, "unit": unit.title, "value": "", "author": AUTHOR, "written": False,
           "shared_start": "", "shared_end": "", "blank": CLOZE_BLANK}
    answer = display(fact.kind, qt.answer_field, raw_answer)
    slot_name = schema.slot_of(fact.kind, qt.answer_field)
    item_type = qt.type
    options: tuple[str, ...] = ()
    correct = -1
    cloze = None
    reverse = None
    cue: tuple[tuple[str, ...], ...] = ((answer,),)
    try:
        if qt.type == "cloze":
            match = schema.BLANK_RE.search(str(raw_answer))
            before, answer, after = raw_answer[: match.start()], match.group(1), raw_answer[match.end() :]
            cloze = (sentence_case(before) if before.strip() else before, answer, after)
            stem = render_block(qt, "stem", ctx) if "stem" in qt.template.blocks else ""
            stem = stem or f"{cloze[0]}{CLOZE_BLANK}{after}"
            cue = ((answer,),)
        elif qt.type == "tf":
            rng = rng_for(course.slug, course.settings.seed, item_id, "tf")
            if qt.false_field:
                false_text = display(fact.kind, qt.false_field, fact.fields[qt.false_field])
                wrong = [false_text]
                # What the statement turns on: every part of the claim its false version changes.
                cue = (tuple(changed_runs(answer, false_text)),)
            else:
                wrong = distractors(fact, qt, pools, 1, rng, curated=False, subject=subject_of(fact))
            truth = not wrong or rng.random() < 0.5
            ctx["value"] = answer if truth else wrong[0]
            if not qt.false_field:  # the value shown, beside what it is said of (the name, term or claim)
                cue = ((ctx["value"], subject_of(fact)),)
            stem = render_block(qt, "stem", ctx)
            options, correct = ("True", "False"), (0 if truth else 1)
            answer = "True" if truth else "False"
        else:
            difference = None
            if qt.type == "mcq" and qt.false_field and qt.ask == "difference":
                difference = differing_span(answer, display(fact.kind, qt.false_field, fact.fields[qt.false_field]))
                ctx["shared_start"], ctx["shared_end"] = difference[0], difference[3]
            stem = render_block(qt, "stem", ctx)
            time = asked(fact) if slot_name == "date" else None
            if time is not None:
                answer = time.answer  # as precisely as the source gives it: "the 1960s", "the late 1980s"
            if qt.type == "mcq" and time is not None and not time.choice:
                item_type = "recall"  # "By 1987" excludes no other year: no option could be marked wrong
            elif qt.type == "mcq":
                rng = rng_for(course.slug, course.settings.seed, item_id, "mcq")
                if difference is not None and (difference[0] or difference[3]):  # only the point where they differ
                    answer, wrong = difference[1], [difference[2]]
                    if not difference[0]:
                        answer, wrong = sentence_case(answer), [sentence_case(w) for w in wrong]
                elif qt.false_field:  # the curator's false version is the one wrong option
                    wrong = [display(fact.kind, qt.false_field, fact.fields[qt.false_field])]
                    answer, wrong = sentence_case(answer), [sentence_case(w) for w in wrong]
                else:
                    gate = Gate(answer, script_of(answer))
                    wrong = distractors(fact, qt, pools, MAX_OPTIONS - 1, rng, asked_of=stem, time=time, gate=gate)
                if len(wrong) + 1 < MIN_OPTIONS and not qt.false_field:
                    category = pools.entry(fact, qt.answer_field).category
                    kind_of = f"slot '{slot_name}'" + (f", kind '{category}'" if category else "")
                    turned = "; turned away: " + ", ".join(f"{n} by {why}" for why, n in sorted(gate.refused.items())) \
                        if gate.refused else ""
                    problems.warning(
                        f"template '{qt.id}' found {len(wrong)} plausible wrong answer{'s' * (len(wrong) != 1)} "
                        f"({kind_of}, same period, alike in script and length{turned}), needs {MIN_OPTIONS - 1}; made a "
                        f"short-answer question instead",
                        file=fact.file, line=fact.line, fact=fact.id, item=item_id, code="too-few-distractors",
                    )
                    item_type = "recall"
                else:
                    shuffled = [*wrong, answer]
                    rng.shuffle(shuffled)
                    options, correct = tuple(shuffled), shuffled.index(answer)
            if item_type == "recall" and qt.type == "mcq":  # a question without options may need other words
                stem = render_block(qt, "stem", {**ctx, "written": True})
            if qt.reverse_field and "reverse" in qt.template.blocks:  # the deck's plan keeps it, or not
                reverse = (
                    sentence_case(render_block(qt, "reverse", ctx)),
                    display(fact.kind, qt.reverse_field, fact.fields.get(qt.reverse_field)),
                )
            cue = ((answer,),) + tuple((d,) for d in _distinctive(fact, slot_name, raw_answer))
            if options:  # every wrong option explained elsewhere on the sheet leaves the answer by elimination
                cue += (tuple(o for k, o in enumerate(options) if k != correct),)
        explanation = (
            render_block(qt, "explanation", ctx) if "explanation" in qt.template.blocks else fact.explanation
        )
    except TemplateError as exc:
        line = template_line(qt)
        reason = f"{explain(exc, fact.kind)} (template {qt.file}{f', line {line}' if line else ''})"
        failures.setdefault((qt.id, reason), []).append(fact)
        if isinstance(exc, TemplateBudgetError):
            exhausted.add(qt.id)
        return None
    if not stem:
        problems.error(f"template '{qt.id}' rendered an empty question", file=qt.file, fact=fact.id)
        return None
    stem = sentence_case(stem)
    false_version = kind.false_version
    why_false = fact.fields.get(false_version.why) if false_version and false_version.why else None
    if qt.type == "tf" and qt.false_field and answer == "False" and why_false:
        explanation = why_false  # the key says what the article says instead
    if qt.type in ("recall", "mcq") and not qt.false_field and fold(answer) in fold(stem):
        problems.warning(
            f"template '{qt.id}' gives the answer away: '{answer}' appears in the question",
            file=fact.file, line=fact.line, fact=fact.id, item=item_id, code="answer-in-stem",
        )
    written = item_type in WRITTEN_TYPES and qt.answer_field == kind.accept_field
    return Item(
        id=item_id,
        type=item_type,
        course=course.slug,
        unit=unit.slug,
        fact_ids=(fact.id,),
        template=qt.id,
        stem=stem,
        answer=answer,
        citation=_citation(unit, fact),
        explanation=explanation,
        context=fact.context,
        note=fact.note,
        options=options,
        correct=correct,
        cloze=cloze,
        tags=fact.tags,
        kind=fact.kind,
        reverse=reverse,
        cue=tuple(dict.fromkeys(c for c in cue if c and all(c))),
        extras=tuple(bank_candidates(fact, cloze[1], pools, rng_for(course.slug, course.settings.seed, item_id,
                                                                     "bank"))) if cloze else (),
        accept=tuple(a for a in fact.accept if fold(a) != fold(answer)) if written else (),
        marking=fact.marking if written else "",
        from_context=fact.from_context,
        sheets=qt.use != "deck",
        deck=qt.use != "sheets",
    )


def differing_span(truth: str, falsehood: str) -> tuple[str, str, str, str]:
    """Split a statement and its false version at the first point where they differ: (the truth's words before it,
    the true part, the false part, the truth's words after it). Words compare without their punctuation; points
    fewer than three words apart count as one, so a part reads as a phrase ("already begun" / "not yet begun")."""
    a, b = truth.split(), falsehood.split()
    matcher = SequenceMatcher(None, [fold(w.strip(",;:.")) for w in a], [fold(w.strip(",;:.")) for w in b],
                              autojunk=False)
    regions: list[list[int]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if regions and i1 - regions[-1][1] < 3:
            regions[-1][1], regions[-1][3] = i2, j2
        else:
            regions.append([i1, i2, j1, j2])
    if not regions:
        return "", truth, falsehood, ""
    i1, i2, j1, j2 = regions[0]
    if i1 == i2 or j1 == j2:  # words added in one only: take in the word before, or after, to have two parts
        if i1 > 0:
            i1, j1 = i1 - 1, j1 - 1
        else:
            i2, j2 = i2 + 1, j2 + 1
    shared_start = " ".join(a[:i1])
    shared_end = " ".join(a[i2:])
    if i2 > i1 and a[i2 - 1].endswith(",") and shared_end:
        shared_end = ", " + shared_end
    return shared_start, " ".join(a[i1:i2]).strip(",;: "), " ".join(b[j1:j2]).strip(",;: "), shared_end


def subject_of(fact: Fact) -> str:
    """What a true/false statement says something of (its kind's `subject_field`): the person, the term, the
    claim."""
    field = schema.kind_of(fact).subject_field
    return str(fact.fields.get(field) or "") if field else ""


def _distinctive(fact: Fact, slot_name: str | None, value) -> tuple[str, ...]:
    """Shorter texts that name the answer as well as it does: a person's surname, a term's abbreviation (its
    kind's `short_name_field`)."""
    if slot_name == "person":
        return (surname(str(value)),) if surname(str(value)) else ()
    short = schema.kind_of(fact).short_name_field
    if short and fact.fields.get(short):
        return (fact.fields[short],)
    return ()


def _citation(unit: Unit, fact: Fact) -> Citation:
    s = unit.source
    return Citation(title=s.title, paragraph=fact.paragraph, quote=fact.quote, url=s.url,
                    publisher=s.publisher, date=s.date)


def _check_no_duplicate_stems(items: list[Item], problems: Problems, by_options: set[str]) -> None:
    seen: dict[str, Item] = {}
    for item in items:
        if item.type in MULTI_TYPES or item.type == "tf":
            continue
        options = sorted(fold(o) for o in item.options) if item.template in by_options else []
        key = "\x00".join([fold(item.stem), item.type, *options])
        if key in seen:
            problems.warning(f"asks the same question as '{seen[key].id}': {item.stem}", fact=item.fact_ids[0],
                             item=item.id, code="duplicate-question")
        seen.setdefault(key, item)
