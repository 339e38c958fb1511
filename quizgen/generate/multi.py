"""Items drawn from several facts of a unit: matching, a timeline of events, and fact or opinion.

Which facts each takes, and which of their fields, their kinds declare (`quizgen.schema.FactBase`):

- Matching: descriptions (people's roles, terms' definitions) to match with names, and one or two
  names more than descriptions (a fact's curated `distractors`, or a name the matching leaves out),
  so the last match is never free. One per kind that declares a `matching`, its rows all of one kind of
  thing (bynames only, people only), or none where fewer than four facts are of one kind.
- Timeline: events of distinct dates, to put in order; dates the article does not give (facts marked
  `from_context`) are left out unless the course sets `context_facts`. Facts whose kind declares a
  `date_field` and an `event_field`.
- Fact or opinion: the article's own claims (judgements, interpretations, predictions) beside
  reported events and what named speakers said, each to be labelled; reading an opinion piece
  critically starts with telling the two apart. Facts whose kind labels them (`is_opinion`).

A unit's multi-fact items never share a fact, so each fact is still asked once per sheet.
"""
from __future__ import annotations

from .. import grammar, schema
from ..cues import contains_phrase, padded, shared_words, surname
from ..grammar import leaning_words
from ..i18n import N_, SOURCE_LANGUAGE, messages
from ..itemtypes import FACT_LABEL, OPINION_LABEL
from ..kinds import PROFESSION, RULER, kind_word, role_class, script_of
from ..languages import language_for
from ..model import Citation, Course, Fact, Item, Unit
from ..options import value_kind
from ..periods import date_interval
from ..precision import stated_time
from ..rng import rng_for
from ..text import fold, human_date, row_label, sentence_case
from .questions import leaning_description, printed
from .wording import answer_kind, names_person

MATCH_MAX = 6  # descriptions in a matching question
MATCH_MIN = 3  # descriptions a matching question needs
MATCH_EXTRAS = 2  # at most this many names more than descriptions
TIMELINE_MAX = 6
STATEMENTS = 6  # statements in a fact-or-opinion question


def unit_items(course: Course, unit: Unit) -> list[Item]:
    """Return the unit's matching, timeline and fact-or-opinion items (none where it has too few facts)."""
    items = []
    asked = [f for f in unit.facts if course.settings.context_facts or not f.from_context]
    for kind, declared in schema.FACT_KINDS.items():
        if declared.matching is None:
            continue
        item = _matching(course, unit, declared.matching.name, [f for f in asked if f.kind == kind],
                         declared.description_field, declared.name_field,
                         messages(course.language).gettext(declared.matching.stem))
        if item is not None:
            items.append(item)
    # a birth and a death place themselves in a life's timeline (first and last): points for nothing learnt
    events = [f for f in asked if _timed(f) and not _life_bound(f)]
    dated = _distinct_dates(events)
    used: set[str] = set()
    if len(dated) >= 4:
        rng = rng_for(course.slug, course.settings.seed, unit.slug, "ordering")
        chosen = sorted(rng.sample(dated, min(TIMELINE_MAX, len(dated))), key=lambda f: _when(f))
        # each row is a statement of its own, and starts as one ("A group of philanthropists ...")
        sequence = tuple((_date_label(f, course.language), sentence_case(str(f.fields[schema.kind_of(f).event_field])))
                         for f in chosen)
        items.append(_multi_item(
            course, unit, "timeline", "ordering", chosen,
            messages(course.language).gettext(N_("Put these events in the order in which they happened, earliest "
                                                 "first.")),
            sequence=sequence, cue=_date_cues(chosen),
        ))
        used.update(f.id for f in chosen)
    # A fact marked `from_context` is no row either unless the course sets `context_facts`: what the reading
    # does not say is not labelled as the article's fact, not even an event's statement (its date may be the
    # least of what the curator added: "Davy first isolated potassium by passing a current through potash").
    opinion = _fact_or_opinion(course, unit, [f for f in asked if f.id not in used])
    if opinion is not None:
        items.append(opinion)
    return items


def _matching(course: Course, unit: Unit, name: str, facts: list[Fact], left: str, right: str,
              stem: str) -> Item | None:
    """Descriptions to match with names, plus one or two names that match none of them.

    Every name is written in the script most of them are (a name in another script comes in its accepted
    transliteration, or stays out), every row is of one kind, and a spare name is of a kind some description is.
    """
    names_of = _names_in_script(facts, right)
    # A row whose name and description share a word ("Ptolemaeus secundus", "the name given to him after
    # Ptolemy") matches itself, and a description that points outside itself ("among the students") says too
    # little in a row of its own: they stay out of the list, and the sheet asks their facts another way.
    facts = [f for f in facts if f.id in names_of and not shared_words(names_of[f.id], f.fields[left])
             and not leaning_description(f)]
    # Every row of one kind: a row of another kind is matched by kind ("the only organisation", a trio among single
    # people, a place and a university among bynames), whether or not its head noun names a known family. The kind
    # with the most facts (the first in the unit on a tie) makes the list; the sheet asks the facts of the other
    # kinds one by one. Too few of one kind make no list.
    kind_of = {f.id: "number" if value_kind(names_of[f.id]) else answer_kind(f) for f in facts}
    groups: dict[str, list[Fact]] = {}
    for f in facts:
        groups.setdefault(kind_of[f.id], []).append(f)
    facts = max((rows for group in groups.values() for rows in _of_one_class(group, left)), key=len, default=[])
    if len(facts) < 4:
        return None
    shared = {kind_of[f.id] for f in facts}
    # the kind named in the question, in English only (the translated question names no kind)
    if len(shared) == 1 and kind_word(next(iter(shared))) not in ("", "term") and (course.language or "en") == "en":
        stem = f"Match each description to the {kind_word(next(iter(shared)))} it fits."
    names = {fold(names_of[f.id]) for f in facts} | {fold(a) for f in facts for a in f.accept}  # a right name too
    script = script_of(" ".join(names_of[f.id] for f in facts))
    has_curated = any(fold(d) not in names and script_of(d) == script for f in facts for d in f.distractors)
    rng = rng_for(course.slug, course.settings.seed, unit.slug, "matching", name)
    size = min(MATCH_MAX, len(facts) if has_curated else len(facts) - 1)
    chosen = _apart(rng.sample(facts, size), facts, left, names_of)
    if len(chosen) < MATCH_MIN:
        return None
    # Spare names of the kinds the descriptions are: the chosen facts' curated wrong names, then other
    # curated ones; a left-out fact's name only without them (it is asked about elsewhere on the sheet).
    own = list(dict.fromkeys(d for f in chosen for d in f.distractors if fold(d) not in names
                             and script_of(d) == script))
    other = [d for d in dict.fromkeys(d for f in facts if f not in chosen for d in f.distractors)
             if fold(d) not in names and d not in own and script_of(d) == script]
    rng.shuffle(own)
    rng.shuffle(other)
    kinds = {answer_kind(f) for f in chosen}
    accepted = {fold(a) for f in chosen for a in f.accept}
    left_out = [names_of[f.id] for f in facts if f not in chosen and fold(names_of[f.id]) not in accepted]
    rng.shuffle(left_out)
    left_out.sort(key=lambda n: next(answer_kind(f) for f in facts if names_of[f.id] == n) not in kinds)
    # a spare name that a description names is ruled out (or in) for free
    named = [f.fields[left] for f in chosen]
    own, other, left_out = ([n for n in spares if not any(_names(d, _name_forms(n)) for d in named)]
                            for spares in (own, other, left_out))
    extras = tuple((own + other)[:MATCH_EXTRAS] or left_out[:1])
    if not extras:  # every spare is named: one row becomes the spare, so the last match is never free
        spare = next((f for f in reversed(chosen)
                      if not any(_names(g.fields[left], (*_name_forms(names_of[f.id]), short_form(f)))
                                 for g in chosen if g is not f)), None)
        if spare is None or len(chosen) <= MATCH_MIN:
            return None
        chosen = [f for f in chosen if f is not spare]
        extras = (names_of[spare.id],)
    pairs = tuple((f.fields[left], names_of[f.id]) for f in chosen)
    return _multi_item(course, unit, f"matching-{name}", "matching", chosen, stem, pairs=pairs, extras=extras)


def _of_one_class(rows: list[Fact], left: str) -> list[list[Fact]]:
    """The rows of one kind that may make a list together: all of them, or, where rulers' rows and rows of people
    of a profession are both among them (`kinds.role_class`), the rulers' and the professions' apart, each with the
    rows whose roles tell neither. A king's row among composers' is matched by his epithet alone ("John the Just"),
    a composer's among kings' by the plain name."""
    classes = {f.id: role_class(str(f.fields.get(left) or "")) if names_person(f) else "" for f in rows}
    if {RULER, PROFESSION} - set(classes.values()):
        return [rows]
    return [[f for f in rows if classes[f.id] in (kept, "")] for kept in (RULER, PROFESSION)]


def _apart(sample: list[Fact], facts: list[Fact], left: str, names_of: dict[str, str]) -> list[Fact]:
    """The sampled rows, in the facts' order, without any whose description names another row's answer ("between
    Corelli and Emanuel Bach" beside a row for Corelli): that row would be matched for free. A row left out for it
    gives its place to another fact that names none of the rows, where there is one."""
    chosen: list[Fact] = []
    for f in sample:
        if not any(_clash(f, g, left, names_of) for g in chosen):
            chosen.append(f)
    for f in facts:  # as many rows come back as were dropped, so as many facts as before stay out as spares
        if len(chosen) == len(sample):
            break
        if f not in sample and not any(_clash(f, g, left, names_of) for g in chosen):
            chosen.append(f)
    return sorted(chosen, key=facts.index)


def _clash(a: Fact, b: Fact, left: str, names_of: dict[str, str]) -> bool:
    """Whether either row's description names the other's answer (its name, or a short form of it)."""
    return (_names(a.fields[left], (*_name_forms(names_of[b.id]), short_form(b)))
            or _names(b.fields[left], (*_name_forms(names_of[a.id]), short_form(a))))


def _name_forms(name: str) -> tuple[str, ...]:
    """A name, its distinctive surname, and its last two words where it has three or more ("Lajpat Rai" of "Lala
    Lajpat Rai", whose surname alone is too short to be told apart)."""
    parts = name.split()
    return (name, surname(name), " ".join(parts[-2:]) if len(parts) >= 3 else "")


def _names(description: str, forms) -> bool:
    text = padded(description)
    return any(form and contains_phrase(text, form) for form in forms)


def short_form(fact: Fact) -> str:
    """A shorter name that gives a fact's answer away as well: a person's surname, a term's abbreviation (its
    kind's `short_name_field`)."""
    kind = schema.kind_of(fact)
    if kind.name_field and schema.slot_of(fact.kind, kind.name_field) == "person":
        return surname(str(fact.fields.get(kind.name_field, "")))
    return str(fact.fields.get(kind.short_name_field) or "") if kind.short_name_field else ""


def _names_in_script(facts: list[Fact], right: str) -> dict[str, str]:
    """Each fact's name in the script most of the names are written in: its own, or an accepted form in that
    script ("Gennadiy Kolbin" for "Геннадий Колбин"); a fact with neither is left out."""
    counts: dict[str, int] = {}
    for f in facts:
        script = script_of(f.fields[right])
        counts[script] = counts.get(script, 0) + 1
    if not counts:
        return {}
    main = max(sorted(counts), key=counts.get)
    out = {}
    for f in facts:
        name = f.fields[right]
        if script_of(name) != main:
            name = next((a for a in f.accept if script_of(a) == main), "")
        if name:
            out[f.id] = name
    return out


def _timed(fact: Fact) -> bool:
    """Whether a fact can be a timeline's event: its kind declares a date and an event, and it gives a date."""
    kind = schema.kind_of(fact)
    return bool(kind.date_field and kind.event_field and fact.fields.get(kind.date_field))


def _life_bound(fact: Fact) -> bool:
    """Whether an event is a birth or a death ("Joseph Bazalgette was born", "the poet died in exile")."""
    if not language_for(fact.language).english:
        return False
    parts = grammar.split_clause(str(fact.fields.get(schema.kind_of(fact).event_field) or ""))
    if parts is None:
        return False
    _, verb, lemma, rest = parts
    return lemma == "die" or (verb in ("was", "were") and rest.split()[:1] == ["born"])


def _when(fact: Fact) -> str:
    """A timeline event's date (ISO)."""
    return str(fact.fields[schema.kind_of(fact).date_field])


def _distinct_dates(events: list[Fact]) -> list[Fact]:
    """Keep events whose dates can be ordered unambiguously against each other: as precise as their quotes say
    ("in the 1960s" is the whole decade), and none dated only by a bound ("by 1987") or a span."""
    kept: list[tuple[Fact, tuple[float, float]]] = []
    for f in events:
        span = _stated_span(f)
        if span is None:
            continue
        if all(span[1] < other[0] or other[1] < span[0] for _, other in kept):
            kept.append((f, span))
    return [f for f, _ in kept]


def _date_label(fact: Fact, language: str = "en") -> str:
    """An event's date as its quote gives it: "the 1960s" for a decade, else its `when` in words (in the course's
    language: "16 декабря 1991 г.")."""
    time = stated_time(fact.quote, _when(fact))
    if time is not None and time.grain == "decade" and time.start <= int(_when(fact)[:4]) <= time.end:
        return time.words()
    return messages(language).date(_when(fact))


def _stated_span(fact: Fact) -> tuple[float, float] | None:
    """The months an event's date covers, as its quote states it; None when the quote bounds it on one side only."""
    when = _when(fact)
    time = stated_time(fact.quote, when)
    if time is not None and (time.qualifier in ("by", "after", "from") or time.grain == "range"):
        return None
    if time is not None and time.grain == "decade" and time.start <= int(when[:4]) <= time.end:
        return time.start * 12.0, time.end * 12.0 + 11.999
    return date_interval(when)


def _date_cues(events: list[Fact]) -> tuple[tuple[str], ...]:
    """The dates that would place a timeline's events if another question printed them."""
    cues = []
    for f in events:
        iso = _when(f)
        if iso.count("-") >= 1:
            cues.append(human_date(iso[:7]))
        if iso.count("-") == 2:
            cues.append(human_date(iso))
    return tuple((c,) for c in dict.fromkeys(cues))


def is_opinion(fact: Fact) -> bool | None:
    """A fact's label in a fact-or-opinion item (its kind's `is_opinion`): True for an opinion, False for a fact,
    None if it has none."""
    return schema.kind_of(fact).is_opinion(fact.fields, language_for(fact.language))


def statement_of(fact: Fact) -> str:
    """The fact as a plain statement (its kind's `as_statement`): an event as it happened, a claim as said, a
    named speaker's with their name."""
    return schema.kind_of(fact).as_statement(fact.fields, language_for(fact.language), fact.quote)


def _fact_or_opinion(course: Course, unit: Unit, facts: list[Fact]) -> Item | None:
    """Six statements, two to four of them the article's opinions, the rest facts it reports."""
    # a statement that points outside itself ("despite its weaknesses, ...") says too little in a row of its own
    facts = [f for f in facts if not (language_for(f.language).english and leaning_words(statement_of(f)))]
    opinions = [f for f in facts if is_opinion(f) is True]
    reported = [f for f in facts if is_opinion(f) is False]
    if len(opinions) < 2 or len(reported) < 2:
        return None
    rng = rng_for(course.slug, course.settings.seed, unit.slug, "fact-opinion")
    low, high = max(2, STATEMENTS - len(reported)), min(4, len(opinions), STATEMENTS - 2)
    if low > high:
        return None
    k = rng.randint(low, high)
    chosen = rng.sample(opinions, k) + rng.sample(reported, min(STATEMENTS - k, len(reported)))
    chosen.sort(key=facts.index)
    pairs = tuple((statement_of(f), OPINION_LABEL if is_opinion(f) else FACT_LABEL) for f in chosen)
    said = messages(course.language)
    stem = said.gettext(N_("Does each statement report a fact, or give the article's opinion?"))
    if said.base == SOURCE_LANGUAGE:  # the source as the unit's source text calls it: "the book's opinion"
        stem = grammar.naming_source(stem, unit.source.called)
    return _multi_item(course, unit, "fact-or-opinion", "fact_opinion", chosen, stem, pairs=pairs)


def _multi_item(course, unit, name, itype, facts, stem, pairs=(), sequence=(), extras=(), cue=()) -> Item:
    if itype in ("matching", "fact_opinion"):
        answer = "; ".join(f"{a} — {b}" for a, b in pairs)
    else:
        answer = "; ".join(f"{d}: {w}" for d, w in sequence)
    paragraphs = sorted({f.paragraph for f in facts})
    labels = ([b for _, b in pairs] if itype == "matching" else [row_label(a) for a, _ in pairs] if pairs
              else [d for d, _ in sequence])
    return Item(
        id=f"{unit.slug}/{name}", type=itype, course=course.slug, unit=unit.slug,
        fact_ids=tuple(f.id for f in facts), template=f"unit/{name}", stem=stem, answer=answer,
        citation=Citation(title=unit.source.title, paragraph=paragraphs[0], quote="", url=unit.source.url,
                          publisher=unit.source.publisher, date=unit.source.date, paragraphs=tuple(paragraphs)),
        pairs=pairs, sequence=sequence, extras=extras, kind="multi", cue=cue, deck=False,
        note=_row_notes(facts, labels), context=_row_context(facts, labels),
        from_context=any(f.from_context for f in facts),
    )


def _row_context(facts: list[Fact], labels: list[str]) -> str:
    """The context of a list question's rows that come from the curator, not the reading (facts marked
    `from_context`, on sheets where the course sets `context_facts`), each after its row, so that every output
    that prints the question labels them as context, as the deck does."""
    notes = ((label, printed(f, f.context)) for f, label in zip(facts, labels) if f.from_context)
    return " ".join(f"{label}: {note}" for label, note in notes if note)


def _row_notes(facts: list[Fact], labels: list[str]) -> str:
    """The curators' corrections of a list question's facts, each after the row it is about ("Nicholas I: ..."):
    a correction goes with every question that asks its fact, so no key teaches what the source got wrong."""
    notes = ((label, printed(f, f.note)) for f, label in zip(facts, labels))
    return " ".join(f"{label}: {note}" for label, note in notes if note)

