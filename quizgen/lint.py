"""Item-writing lint: the flaws that let a test-wise student answer without knowing the article.

Each check has a stable code (listed with its meaning in `quizgen/lintcodes.py` and the docs);
a warning names the fact and, where it is about one, the item. `check` and `build` report them;
a fact's `lint_ignore` or the course's `lint_ignore` setting silences a code; `--strict` turns
what is left into errors. The rules follow Haladyna, Downing and Rodriguez (2002): options
homogeneous and of similar length, no clang associations between stem and key, no absolute
words in false statements; and SuperMemo's minimum-information principle for written answers.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from .answers import LONG_ANSWER_WORDS, enumeration_parts
from .cards import DeckSelection
from .cues import (
    absolute_words_added,
    contains_phrase,
    content_words,
    echoed_words,
    key_stands_out,
    padded,
    related,
    shared_words,
    surname,
    words,
)
from .errors import Problem
from .generate.multi import short_form
from .grammar import source_places
from .i18n import base_language, lint_data
from .languages import language_for
from .lintcodes import LINT_CODES
from .model import Course, Fact, Item
from .paths import COURSE_FILE, FACTS_FILE
from .plan import MIN_SHEET_POINTS, TRUE_FALSE_SHARE  # too short to set as a worksheet; too much to be guessed
from .schema import kind_of
from .text import fold

_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.I)


def lint(course: Course, items: Iterable[Item]) -> list[Problem]:
    """Every lint warning of a course's facts and items, in course order."""
    facts = {f.id: f for f in course.facts}
    items = list(items)
    own: dict[str, list[Item]] = {}
    for item in items:
        if len(item.fact_ids) == 1:
            own.setdefault(item.fact_ids[0], []).append(item)
    out: list[Problem] = _language_note(course)
    for fact in course.facts:
        out += _points_into_source(fact)
        for code in kind_of(fact).lint:  # what its kind declares to check
            if code == "absolute-word":
                out += _absolute(fact, own.get(fact.id, []), course.language)
            else:
                out += FACT_CHECKS[code](fact, own.get(fact.id, []))
    for item in items:
        fact = facts.get(item.fact_ids[0]) if item.fact_ids else None
        if fact is None:
            continue
        if item.type in ("mcq", "recall", "cloze"):
            out += _quote_lacks_answer(item, fact)
        if item.type == "mcq":
            out += _key_longer(item, fact) + _option_overlap(item, fact)
            if len(item.options) > 2:  # two options are a claim and the curator's false version: chosen words
                out += _stem_echo(item, fact, course.language)
        elif item.type == "recall":
            out += _long_answer(item, fact) + _stem_echo(item, fact, course.language)
        elif item.type == "matching":
            out += _matching_cue(item, facts) + _matching_names_answer(item, facts)
    return out


def silence(problems: list[Problem], course: Course, items: Iterable[Item]) -> tuple[list[Problem], int]:
    """Drop the warnings (and coded notes) the course or their fact silences; return what is left and how many
    warnings were dropped."""
    course_wide = set(course.settings.lint_ignore)
    by_fact = {f.id: set(f.lint_ignore) for f in course.facts}
    facts_of_item = {i.id: i.fact_ids for i in items}
    kept, dropped = [], 0
    for problem in problems:
        if problem.level in ("warning", "note") and problem.code:
            facts = {problem.fact} if problem.fact else set(facts_of_item.get(problem.item, ()))
            if problem.code in course_wide or any(problem.code in by_fact.get(f, ()) for f in facts):
                dropped += problem.level == "warning"  # a note silenced is not counted among warnings
                continue
        kept.append(problem)
    return kept, dropped


def _warn(code: str, message: str, fact: Fact, item: Item | None = None) -> Problem:
    assert code in LINT_CODES, code
    return Problem(message, file=fact.file, line=fact.line, fact=fact.id, item=item.id if item else "",
                   level="warning", code=code)


# --- facts ------------------------------------------------------------------------------


def looks_plural(name: str) -> bool:
    """Whether a name reads as plural: its last word a lower-case noun in -s ("Soviet planners")."""
    parts = words(name)
    if not parts:
        return False
    last = parts[-1]
    return (last[:1].islower() and len(last) > 3 and last.endswith("s")
            and not last.endswith(("ss", "us", "is", "ics", "ous")))


def _number(fact: Fact, items: list[Item]) -> list[Problem]:
    """A name whose number its description contradicts, with no `plural` to settle it (its kind's `name_field`
    and `description_field`). Where the description also sets the number (`number_from`), only a plural name
    beside a singular description is one."""
    kind = kind_of(fact)
    if fact.plural is not None or not (kind.name_field and kind.description_field):
        return []
    from .grammar import common_head_plural, is_plural_noun, is_plural_phrase, names_a_word, tokens

    name = fact.fields.get(kind.name_field) or ""
    description = fact.fields.get(kind.description_field) or ""
    if kind.description_field not in kind.number_from and (common_head_plural(description) or names_a_word(
            description)):
        return []  # the description's head noun sets the number: "atomos" is "the ancient Greek word ..."
    name_words = tokens(name)
    name_plural = bool(name_words) and (is_plural_noun(name_words[-1]) or looks_plural(name))
    if name_plural == is_plural_phrase(description) or not description or (
            kind.description_field in kind.number_from and not name_plural):
        return []
    said = "plural" if name_plural else "singular"
    return [_warn("number", f"'{name}' reads as {said}, but its {kind.description_field} does not; say "
                  f"`plural: true` or `plural: false`", fact)]


def _date_precision(fact: Fact, items: list[Item]) -> list[Problem]:
    """A fact whose date (its kind's `date_field`, an event's `when`) and quote disagree in precision
    (quizgen/precision.py)."""
    date_field = kind_of(fact).date_field
    if not date_field or not fact.fields.get(date_field):
        return []
    from .precision import precision_problem

    problem = precision_problem(fact.quote, str(fact.fields[date_field]))
    if not problem or (fact.context and "comes from" in problem):
        return []  # a finer date than the quote's, which the curator's context explains
    return [_warn("date-precision", problem, fact)]


def _language_note(course: Course) -> list[Problem]:
    """One note when the lint knows nothing of the course's language: its English word lists would miss
    cues and absolute words in another language, so the checks that read words say so instead of passing."""
    language = base_language(course.language)
    if language == "en" or lint_data(language) is not None:
        return []
    return [Problem(f"quizgen has no lint data for the language '{language}' (quizgen/languages/{language}/"
                    f"lint.yaml): absolute words, stem echoes and word families are checked with English word "
                    f"lists only", file=str(Path(course.path or ".") / COURSE_FILE), field="language",
                    level="warning", code="language-data")]


def _absolute(fact: Fact, items: list[Item], language: str | None = None) -> list[Problem]:
    """A false version (its kind's `false_version`) with an absolute or extreme word the true one lacks."""
    version = kind_of(fact).false_version
    false_text = fact.fields.get(version.false) if version else None
    if not version or not false_text:
        return []
    found = absolute_words_added(str(fact.fields.get(version.true, "")), str(false_text), language)
    if not found:
        return []
    item = next((i for i in items if i.type == "tf"), items[0] if items else None)
    listed = ", ".join(f"'{w}'" for w in found)
    # the generator shows no such false version (`quizgen.generate.questions`): the outputs stay sound
    return [replace(_warn("absolute-word", f"the false version says {listed}, which the true one does not: an "
                          f"absolute or extreme word would give it away, so it is not shown (the statement is "
                          f"asked true, and no card sets it beside the truth)", fact, item), level="note")]


def _points_into_source(fact: Fact) -> list[Problem]:
    """A curator's line pointing at a place in the source, which items leave off (`generate.questions.printed`)."""
    if not language_for(fact.language).english:
        return []
    out = []
    for name in ("context", "note", "explanation"):
        places = source_places(getattr(fact, name) or "")
        if places:
            named = ", ".join(f"'{p}'" for p in places)
            out.append(Problem(
                f"its {name} points at a place in the source ({named}); an item is read apart from the source, so "
                f"the sentence saying so is left off every item: say what the place says, or name the paragraph "
                f"by its number", file=fact.file, line=fact.line, fact=fact.id, level="note",
                code="points-into-source"))
    return out


# What each fact kind may declare to check (`FactBase.lint`), by warning code.
FACT_CHECKS = {"number": _number, "date-precision": _date_precision, "absolute-word": _absolute}


# --- multiple choice ------------------------------------------------------------------------


def _key_and_wrong(item: Item) -> tuple[str, list[str]]:
    key = item.options[item.correct]
    return key, [o for k, o in enumerate(item.options) if k != item.correct]


def _key_longer(item: Item, fact: Fact) -> list[Problem]:
    why = key_stands_out(*_key_and_wrong(item))
    return [_warn("key-longer", why, fact, item)] if why else []


def _bare(text: str) -> str:
    return padded(_LEADING_ARTICLE.sub("", text.strip()))


def _option_overlap(item: Item, fact: Fact) -> list[Problem]:
    key, wrong = _key_and_wrong(item)
    key_bare = _bare(key)
    out = []
    for option in wrong:
        bare = _bare(option)
        if bare == key_bare:
            if fold(_LEADING_ARTICLE.sub("", option.strip())) != fold(_LEADING_ARTICLE.sub("", key.strip())):
                continue  # the same words, told apart by their symbols ("a < b" and "a > b")
            how = "equals"
        elif key_bare.strip() and key_bare in bare:
            how = "contains"
        elif bare.strip() and bare in key_bare:
            how = "is contained in"
        else:
            continue
        out.append(_warn("option-overlap", f"the wrong option '{option}' {how} the right one '{key}'", fact, item))
    return out


def _quote_lacks_answer(item: Item, fact: Fact) -> list[Problem]:
    """An answer its fact's quote does not give: a date whose year neither the quote nor the article's own date
    gives (no `context` saying where it comes from), or a fill-in blank with a figure or word the quote lacks.
    (A term's or a person's name is often left out of a quote that describes them: not checked.)"""
    if fact.context or fact.note:
        return []  # the curator says where what the quote lacks comes from, or how the source has it wrong
    kind = kind_of(fact)
    key = item.options[item.correct] if item.type == "mcq" else (item.cloze[1] if item.cloze else item.answer)
    quote = fact.quote
    if kind.date_field and fact.fields.get(kind.date_field) and item.template.endswith("/when"):
        year = str(int(str(fact.fields[kind.date_field])[:4]))  # "965" as a quote writes it, not ISO's "0965"
        written = (item.citation.date or "")[:4]  # "in January", in an article of that year
        given = re.search(rf"(?<!\d){year}(?!\d)", quote) if len(year) < 4 else year in quote
        missing = [year] if not given and year != written.lstrip("0") else []
    elif item.type == "cloze":
        quoted = {fold(w)[:5] for w in words(quote)}
        figures = re.findall(r"\d[\d.,]*", key)
        missing = [f for f in figures if f.rstrip(".,") not in quote]
        missing += [w for w in content_words(key) if not w[:1].isdigit() and fold(w)[:5] not in quoted]
    else:
        return []
    if not missing:
        return []
    lacks = ", ".join(f"'{m}'" for m in missing)
    return [_warn("quote-lacks-answer", f"the answer '{key}' is not in the fact's quote (it lacks {lacks}): quote "
                  f"the words that give it, or say where it comes from in `context`", fact, item)]


def _stem_echo(item: Item, fact: Fact, language: str | None = None) -> list[Problem]:
    key = item.answer if item.type == "recall" else item.options[item.correct]
    described = kind_of(fact).description_field
    if described and fold(key) == fold(str(fact.fields.get(described) or "")):
        return []  # a term asked the other way: its definition may well use the term's words
    if re.search(r"\d", key):
        return []  # dates and figures: a shared year is no clang association
    wrong = [] if item.type == "recall" else _key_and_wrong(item)[1]
    key_words = list(dict.fromkeys(content_words(key, language)))
    echoed = echoed_words(item.stem, key, wrong, language=language)
    if item.type == "recall" and len(echoed) * 2 < len(key_words):
        return []  # a written answer may share a word with its question; half of it may not
    if not echoed:
        return []
    listed = ", ".join(f"'{w}'" + (f" ('{h}')" if fold(h) != fold(w) else "") for w, h in echoed)
    return [_warn("stem-echo", f"the question echoes the answer '{key}': {listed}", fact, item)]


# --- written answers and matching -------------------------------------------------------------


def _long_answer(item: Item, fact: Fact) -> list[Problem]:
    if fact.marking:
        return []  # an answer in parts, and the key says what each part earns
    count = len(words(item.answer))
    parts = enumeration_parts(item.answer)
    if count > LONG_ANSWER_WORDS and item.deck:
        # the deck leaves such a card out (SuperMemo's minimum information); a worksheet asks it as a short
        # answer a teacher marks by its gist, so this is a note, where a list of parts (below) needs a scheme (a
        # question made for worksheets alone is no card, and its key says it is marked by its meaning: no note)
        long = _warn("long-answer", f"the answer has {count} words, more than {LONG_ANSWER_WORDS} to recall as one "
                     f"piece: '{item.answer}'; the deck leaves it out, and worksheets mark it by its gist", fact, item)
        return [replace(long, level="note")]
    if parts >= 3:
        return [_warn("long-answer", f"the answer lists {parts} things: '{item.answer}'", fact, item)]
    return []


def _matching_cue(item: Item, facts: dict[str, Fact]) -> list[Problem]:
    out = []
    descriptions = [d for d, _ in item.pairs]
    for k, (description, name) in enumerate(item.pairs):
        others = [content_words(d) for j, d in enumerate(descriptions) if j != k]
        cues = [(x, y) for x, y in shared_words(name, description)
                if not any(related(x, w) for other in others for w in other)]
        if cues:
            fact = facts[item.fact_ids[k]]
            listed = ", ".join(f"'{x}' / '{y}'" for x, y in cues)
            out.append(_warn("matching-cue", f"'{name}' and its description share {listed}", fact, item))
    return out



def _matching_names_answer(item: Item, facts: dict[str, Fact]) -> list[Problem]:
    """A description that names another row's answer, or a spare name, rules that name in or out for free."""
    out = []
    names = [name for _, name in item.pairs]
    for k, (description, name) in enumerate(item.pairs):
        text = padded(description)
        for j, other in enumerate(names + list(item.extras)):
            if other == name:
                continue
            forms = [other] + ([short_form(facts[item.fact_ids[j]])] if j < len(names) else [surname(other)])
            shown = next((f for f in forms if f and contains_phrase(text, f)), "")
            if not shown:
                continue
            whose = "the answer of another row" if j < len(names) else "one of the spare names"
            fact = facts[item.fact_ids[k]]
            out.append(_warn("matching-names-answer", f"the description of '{name}' ('{description}') names "
                             f"'{shown}', {whose}: reword the description of '{name}' so it does not name "
                             f"'{other}'", fact, item))
    return out


# --- what the planner made: sheets and the deck --------------------------------------------------

CARD_RELATED_WORDS = 2  # see lint_plan


def lint_plan(course: Course, items: Iterable[Item], sheets, deck: DeckSelection) -> list[Problem]:
    """Warnings about what the planner made of the items: each sheet's mix and length, the questions left on
    a sheet that give each other away, and the deck's cards whose fronts give other cards away.

    `sheets` are the planned sheets (`quizgen.plan.Sheet`), `deck` the planned deck (`quizgen.cards`).
    """
    from .plan import plan_version

    items = list(items)
    facts = {f.id: f for f in course.facts}
    out: list[Problem] = []
    for sheet in sheets:
        version = plan_version(course, sheet, "A")  # every version holds the same questions and points
        where = _sheet_file(course, sheet)
        points = {s.type: s.points for s in version.sections}
        total = sum(points.values())
        guessed = points.get("tf", 0)
        if total and guessed > TRUE_FALSE_SHARE * total:
            asked = list(dict.fromkeys(i.fact_ids[0] for i in sheet.items if i.type == "tf"))
            listed = ", ".join(f"'{f}'" for f in asked[:5]) + (f" and {len(asked) - 5} more" if len(asked) > 5 else "")
            out.append(Problem(
                f"true/false questions make {guessed} of the {total} points of sheet '{sheet.slug}' "
                f"({guessed / total:.0%}, more than {TRUE_FALSE_SHARE:.0%}), and their facts have no other question "
                f"free of cues: {listed}; give some of them a `cloze` sentence, so the sheet can ask them another "
                f"way", file=where, level="warning", code="true-false-share"))
        statements = [i for i in sheet.items if i.type == "tf"]
        truths = {i.answer for i in statements}
        if len(statements) >= 3 and len(truths) == 1:
            value = truths.pop()
            listed = ", ".join(f"'{i.fact_ids[0]}'" for i in statements[:5])
            out.append(Problem(
                f"all {len(statements)} true/false statements of sheet '{sheet.slug}' are {value}, and none has a "
                f"{'false' if value == 'True' else 'true'} version the planner could swap in without a cue: a "
                f"student who circles "
                f"{value} throughout scores them all; give some of {listed} a curated false version or "
                f"`distractors`, or a `cloze` sentence", file=where, level="warning", code="true-false-one-value"))
        if not sheet.is_exam and total < MIN_SHEET_POINTS:
            out.append(Problem(
                f"sheet '{sheet.slug}' holds {len(version.questions)} questions worth {total} points, fewer than "
                f"{MIN_SHEET_POINTS}: write more facts for the unit (`quizgen stats` lists the paragraphs no fact "
                f"covers), or join it to a neighbouring unit", file=where, level="warning", code="short-sheet"))
        out += _sheet_cues(course, items, sheet, facts) + _left_off_notes(course, items, sheet, facts)
    if "anki" in course.settings.targets:
        out += _card_cues(deck, facts) + _card_interference(deck, facts)
    return out


def _sheet_file(course: Course, sheet) -> str:
    from pathlib import Path

    unit = next((u for u in course.units if u.slug == sheet.slug), None)
    if unit is not None and unit.path:
        return str(Path(unit.path) / FACTS_FILE)
    return str(Path(course.path) / COURSE_FILE) if course.path else ""


def _fact_showing(item: Item, phrase: str) -> str:
    """The fact of a (multi-fact) item whose text shows a phrase: a timeline's event, a matching's row."""
    texts = [w for _, w in item.sequence] or [" ".join(p) for p in item.pairs]
    for k, text in enumerate(texts):
        if k < len(item.fact_ids) and contains_phrase(padded(text), phrase):
            return item.fact_ids[k]
    return item.fact_ids[0] if item.fact_ids else ""


def _giveaway_problem(code: str, where: str, seer: Item, target: Item, cue: tuple[str, ...],
                      facts: dict[str, Fact]) -> Problem:
    seer_fact = _fact_showing(seer, cue[0])
    if target.type == "matching":
        row = next((k for k, (d, _) in enumerate(target.pairs) if d == cue[0]), 0)
        target_fact, shown = target.fact_ids[row], f"the description '{cue[0]}' beside '{cue[1]}'"
    else:
        target_fact = target.fact_ids[0]
        wrong = [o for k, o in enumerate(target.options) if k != target.correct]
        if len(cue) > 1 and set(cue) == set(wrong):
            shown = "every wrong option of it (" + ", ".join(f"'{c}'" for c in cue) + "), leaving its answer"
        else:
            shown = " beside ".join(f"'{c}'" for c in cue)
    if shown.startswith("every wrong option"):
        advice = (f"give fact '{target_fact}' curated `distractors` that no other question names, or reword "
                  f"fact '{seer_fact}'")
    else:
        instead = "the deck can ask" if code == "card-cue" else "the sheet can ask"
        advice = (f"reword fact '{seer_fact}' so that its question does not show {cue[0]!r}, or give fact "
                  f"'{target_fact}' a `cloze` sentence (another question {instead} instead)")
    fact = facts.get(target_fact)
    return Problem(f"{where}'{seer.id}' shows {shown}, which gives '{target.id}' away: {advice}",
                   file=fact.file if fact else "", line=fact.line if fact else 0, fact=target_fact, item=target.id,
                   level="warning", code=code)


def _sheet_cues(course: Course, items: list[Item], sheet, facts: dict[str, Fact]) -> list[Problem]:
    """The pairs left on a sheet that give each other away (the planner found no other question to ask)."""
    from .plan import giveaways, sheet_context, title_item

    out = []
    if sheet.title_cues:
        title = title_item(course, sheet.title)
        context = sheet_context(course, items, sheet)
        for g in giveaways([title, *sheet.items], [(title.id, i) for i in sheet.title_cues], context):
            fact = facts.get(g.target.fact_ids[0]) if g.target.fact_ids else None
            shown = " beside ".join(f"'{c}'" for c in g.cue)
            out.append(Problem(
                f"on sheet '{sheet.slug}', the title printed at its top ('{title.stem}') shows {shown}, which gives "
                f"'{g.target.id}' away: reword the course or unit title, or the fact", file=fact.file if fact else "",
                line=fact.line if fact else 0, fact=fact.id if fact else "", item=g.target.id, level="warning",
                code="title-cue"))
    if not sheet.cueing:
        return out
    found = giveaways(sheet.items, sheet.cueing, sheet_context(course, items, sheet))
    return out + [_giveaway_problem("sheet-cue", f"on sheet '{sheet.slug}', ", g.seer, g.target, g.cue, facts)
                  for g in found]


def _left_off_notes(course: Course, items: list[Item], sheet, facts: dict[str, Fact]) -> list[Problem]:
    """A note for each question the planner left off a sheet because it and another gave each other away
    (`quizgen.plan.leave_off_cueing`): which pair, what shows what, and where the fact is still asked."""
    from .plan import ONE_KEY, TITLE, giveaways, points_for, quiet_words, sheet_context

    out = []
    context = sheet_context(course, items, sheet)
    quiet = quiet_words(context) if sheet.left_off else None  # read once for all the notes
    on_sheet = {i.id: i for i in sheet.items} | {i.id: i for i, _ in sheet.left_off}
    instead = {gone: i.id for i, gone in sheet.replaced}
    for item, other_id in sheet.left_off:
        if other_id == TITLE:
            out.append(_left_off_for_title(course, items, sheet, item, facts, instead.get(item.id, "")))
            continue
        if other_id == ONE_KEY:
            out.append(_left_off_for_key(course, sheet, item, facts, instead.get(item.id, "")))
            continue
        other = on_sheet[other_id]
        shown = [f"'{g.seer.id}' shows " + " beside ".join(f"'{c}'" for c in g.cue)
                 for g in giveaways([item, other], [(item.id, other.id)], context, quiet=quiet)]
        fact = facts.get(item.fact_ids[0])
        still = " and the web quiz" if "web" in (course.own_targets or course.settings.targets) else ""
        deck = "the deck" if "anki" in (course.own_targets or course.settings.targets) else ""
        asked = f"; {deck}{still} still ask{'s' * (not (deck and still))} its fact" if deck or still else ""
        asked = asked.replace("; " + " and", "; ")
        if item.id in instead:
            asked += f"; '{instead[item.id]}', a question of another fact, takes its place"
        if item.type == "tf" and other.type != "tf":
            why = "a true/false statement, half of which can be guessed, costs least to lose"
        elif points_for(item) < points_for(other):
            why = f"it is worth fewer points ({points_for(item)} against {points_for(other)})"
        else:
            why = "the two cost alike, and it parts more pairs or comes later"
        out.append(Problem(
            f"{'the exam' if sheet.is_exam else f'sheet {sheet.slug!r}'} leaves it off: it and "
            f"'{other.id}' give each other away ({'; '.join(shown) or 'one shows the other'}), neither fact has "
            f"another question {'it' if sheet.is_exam else 'the sheet'} can ask, and {why}{asked}",
            file=fact.file if fact else "", line=fact.line if fact else 0, fact=item.fact_ids[0], item=item.id,
            level="note", code="sheet-left-off"))
    return out


def _still_asked(course: Course, instead: str, in_deck: bool = True) -> str:
    """Where a question left off a sheet is still asked (`in_deck`: whether the deck asks its fact), and what takes
    its place."""
    still = [w for w, t in (("the deck", "anki"), ("the web quiz", "web"))
             if t in (course.own_targets or course.settings.targets)
             and (in_deck or t != "anki")]
    asked = f"; {' and '.join(still)} still ask{'s' * (len(still) == 1)} its fact" if still else ""
    return asked + (f"; '{instead}', a question of another fact, takes its place" if instead else "")


def _left_off_for_key(course: Course, sheet, item: Item, facts: dict[str, Fact], instead: str) -> Problem:
    """The note for a true/false statement left off a sheet whose statements all held one key
    (`quizgen.plan.leave_off_one_key`)."""
    fact = facts.get(item.fact_ids[0])
    where = "the exam" if sheet.is_exam else f"sheet {sheet.slug!r}"
    return Problem(
        f"{where} leaves it off: every true/false statement on it would be {item.answer}, and this one has no "
        f"{'false' if item.answer == 'True' else 'true'} version nor another question free of cues, so a student "
        f"who circles {item.answer} throughout would score it unread{_still_asked(course, instead)}",
        file=fact.file if fact else "", line=fact.line if fact else 0, fact=item.fact_ids[0], item=item.id,
        level="note", code="sheet-left-off")


def _left_off_for_title(course: Course, items: list[Item], sheet, item: Item, facts: dict[str, Fact],
                        instead: str) -> Problem:
    """The note for a question left off a sheet because the titles printed at its top give it away
    (`quizgen.plan.leave_off_title_cued`)."""
    from .plan import TITLE, deck_facts, giveaways, sheet_context, title_item

    title = title_item(course, sheet.title)
    found = giveaways([title, item], [(TITLE, item.id)], sheet_context(course, items, sheet))
    shown = " beside ".join(f"'{c}'" for c in found[0].cue) if found else "its answer"
    in_deck = deck_facts(course, items, None)  # a question the title answers goes whether or not the deck asks it
    asked = _still_asked(course, instead, in_deck is not None and item.fact_ids[0] in in_deck)
    fact = facts.get(item.fact_ids[0])
    where = "the exam" if sheet.is_exam else f"sheet {sheet.slug!r}"
    return Problem(
        f"{where} leaves it off: the title printed at its top ('{title.stem}') shows {shown}, which gives it "
        f"away, and its fact has no other question {'it' if sheet.is_exam else 'the sheet'} can ask{asked}",
        file=fact.file if fact else "", line=fact.line if fact else 0, fact=item.fact_ids[0], item=item.id,
        level="note", code="sheet-left-off")


def _card_cues(deck: DeckSelection, facts: dict[str, Fact]) -> list[Problem]:
    """A note for each deck card whose answer other cards' fronts show.

    A card is seen alone, days apart from the others, so this is no giveaway: meeting a fact again on another
    card is the redundancy SuperMemo's rules recommend, and the course's central names show on most cards. It
    only makes the card easier to recall than it looks, which the author may want to know. The answer of a
    written card (recall, fill-in) counts wherever it shows; a multiple-choice card's answer, which it shows
    among its own options anyway, only where the front that shows it shares `CARD_RELATED_WORDS` words of what
    that card asks. One note per card, naming the cards that show its answer.
    """
    from .plan import giveaways

    cards = []
    for item in deck.items:
        cards.append(replace(item, cloze=None))  # a card prints no word bank
        if item.reverse:
            front, answer = item.reverse
            cards.append(replace(item, id=f"{item.id} (reverse card)", type="recall", stem=front, answer=answer,
                                 options=(), correct=-1, cloze=None, cue=((answer,),)))
    seen_by: dict[str, list] = {}
    for g in giveaways(cards, context=cards, related_words=CARD_RELATED_WORDS):
        if len(g.cue) == 1:
            seen_by.setdefault(g.target.id, []).append(g)
    out = []
    for found in seen_by.values():
        target, shown = found[0].target, found[0].cue[0]
        seers = [f"'{g.seer.id}'" for g in found]
        listed = ", ".join(seers[:CARDS_NAMED]) + (f" and {len(seers) - CARDS_NAMED} more" if len(seers) > CARDS_NAMED
                                                  else "")
        fact_id = target.fact_ids[0] if target.fact_ids else ""
        fact = facts.get(fact_id)
        out.append(Problem(
            f"in the deck, {len(seers)} other card{'s show' if len(seers) != 1 else ' shows'} {shown!r}, the answer "
            f"of the card '{target.id}' ({listed}): seen days apart this is repetition, not a giveaway, but the "
            f"card will be easy to recall; to make it ask more, give fact '{fact_id}' a `cloze` sentence",
            file=fact.file if fact else "", line=fact.line if fact else 0, fact=fact_id, item=target.id,
            level="note", code="card-cue"))
    return out


CARDS_NAMED = 4  # cards a card-cue or card-interference note names one by one; a larger group is counted


def _card_interference(deck: DeckSelection, facts: dict[str, Fact]) -> list[Problem]:
    """Deck cards that a learner confuses (`quizgen.plan.interfering_groups`): fronts alike but for a word or
    two, answers of one kind. One note for each group of cards alike (two cards, or a run of them: "the first
    harvest fair", "the first river fair", ...), on its last card, naming them."""
    from .plan import interfering_groups

    cards = []
    for item in deck.items:
        cards.append((item.id, item.stem, item.answer, item))
        if item.reverse:
            cards.append((f"{item.id} (reverse card)", item.reverse[0], item.reverse[1], item))
    out = []
    for together in interfering_groups([(front, answer) for _, front, answer, _ in cards]):
        shown = [f"'{cards[k][0]}' (\"{cards[k][1]}\", answer '{cards[k][2]}')" for k in together[:CARDS_NAMED]]
        more = len(together) - CARDS_NAMED
        listed = ", ".join(shown[:-1]) + f" and {shown[-1]}" if more <= 0 else \
            ", ".join(shown) + f" and {more} more card{'s' * (more != 1)} like them"
        item = cards[together[-1]][3]
        fact = facts.get(item.fact_ids[0]) if item.fact_ids else None
        out.append(Problem(
            f"in the deck, the cards {listed} ask alike for answers of one kind, so a learner confuses them: add to "
            f"the facts a detail that tells them apart (a place, a person, a purpose), or leave some out of the deck",
            file=fact.file if fact else "", line=fact.line if fact else 0, fact=fact.id if fact else "",
            item=item.id, level="note", code="card-interference"))
    return out
