"""Which items go on each sheet, in what order, with which option order and points.

Target-independent: the worksheets lay a plan out on paper, and any other
output that needs the same choice (a web quiz, an LMS export) takes the same
plan. Imports no rendering library.

Sheets. A unit sheet asks about every fact once: the matching, timeline and
fact-or-opinion items first (each covers several facts), then one item for
each fact they leave out. Facts marked `from_context` stay off sheets unless
the course sets `context_facts`; items made for the deck alone never go on one.
Of a fact's items the planner prefers one that does not *cue* an item already
on the sheet: whose visible text (question, options, matching sides, timeline
events, statements, the word bank) does not contain the other's cue (its
answer, a surname, an abbreviation, all its wrong options, a date the
timeline turns on, a matching row's description beside a name it offers),
and whose own cue is not shown by the other. A name that a multiple-choice
question offers among its options gives it away only where the text showing
it also shares a word of what the question asks (beyond the words its
template puts in every question and the course's topic words). Among the
items left it takes true/false only when the fact has nothing else (half of
its points can be guessed), and keeps the parts balanced.
It counts the cueing pairs it separated this way, and those it could not
(`Sheet.separated`, `Sheet.cueing`; `giveaways` says what shows what). The
course exam draws `exam` items across all units, taking them from the units
in turn and, within a unit, from the item types in turn; where it can, it
avoids two items about the same fact and items that cue each other.

Versions. A version groups a sheet's questions into parts by item type,
always in `PART_ORDER` (quizgen/itemtypes.py), and numbers them across parts. Versions A, B, C...
hold the same questions; each shuffles the questions within every part, the
options of multiple-choice questions, the right-hand column of matching
questions and the events of timelines. Numbers and dates stay in order
(`quizgen.options`); every other key takes the place (A-D) used least in the
version, then in the sheet's earlier versions, then by the same question
before, so no letter is "usually right" and a question's key moves between
versions. A true/false statement keeps the truth the generator gave it.
Fill-in parts with at least `WORD_BANK_MIN` questions get a word bank of
their answers and one or two more entries.

Points: one for each thing asked: multiple choice, true or false and fill in
the blank 1 each; matching 1 per pair; timeline 1 per event in its right
place; fact or opinion 1 per statement; a short answer 2 when its `marking`
says what earns each point, otherwise 1.

All randomness comes from `rng_for`, seeded from the course slug and seed,
the sheet slug, the version letter and the item id.

Matching questions list one or two names more than descriptions; a fill-in part
gets a word bank only when one or two entries more than its blanks can be found
(the facts' curated `distractors`, then blanks of other facts that no question on
the sheet is about), so the last answer is never free.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from .answers import Answers, answers_for
from .cues import content_words, padded, related
from .itemtypes import ITEM_TYPES, PART_ORDER, item_type
from .model import LETTERS, Course, Item
from .options import KeyPlaces, place_key, sorted_options
from .rng import rng_for
from .text import fold

WORD_BANK_MIN = 3  # fewer blanks than this get no word bank: it would give answers away
BANK_EXTRAS = 2  # a word bank offers up to this many entries more than blanks


@dataclass(frozen=True)
class Sheet:
    """The items of one worksheet, before versions: a unit's, or the course exam's."""

    slug: str  # file name stem: the unit slug, or "<course>-exam"
    title: str  # the unit's title, or "Course exam"
    items: tuple[Item, ...]
    is_exam: bool = False
    bank_extras: tuple[str, ...] = ()  # word-bank entries that answer no blank, in seeded order
    separated: int = 0  # cueing pairs the planner kept apart by choosing another item of a fact
    cueing: tuple[tuple[str, str], ...] = ()  # pairs of item ids left on the sheet that cue each other


@dataclass(frozen=True)
class Question:
    """One item as it appears in one version."""

    number: int
    item: Item
    points: int
    options: tuple[str, ...] = ()  # mcq and tf, in their order in this version
    correct: int = -1  # index into options
    lefts: tuple[str, ...] = ()  # matching: numbered 1, 2, ...
    rights: tuple[str, ...] = ()  # matching: lettered A, B, ...
    matches: tuple[int, ...] = ()  # matching: for each left, the index of its right
    events: tuple[str, ...] = ()  # ordering: in this version's order
    ranks: tuple[int, ...] = ()  # ordering: for each event shown, its place in time (1 = earliest)
    statements: tuple[str, ...] = ()  # fact or opinion: in this version's order
    labels: tuple[str, ...] = ()  # fact or opinion: each statement's right label
    answers: Answers | None = None  # fill in the blank and short answer: what the key accepts

    @property
    def answer_text(self) -> str:
        """The answer as a key's table gives it (plain text)."""
        return _ANSWER_TEXT.get(self.item.type, lambda q: q.item.answer)(self)


_ANSWER_TEXT: dict[str, Callable[[Question], str]] = {
    "mcq": lambda q: f"{LETTERS[q.correct]} {q.options[q.correct]}",
    "tf": lambda q: q.options[q.correct],
    "cloze": lambda q: q.item.cloze[1] if q.item.cloze else q.item.answer,
    "matching": lambda q: ", ".join(f"{i + 1}-{LETTERS[m]}" for i, m in enumerate(q.matches)),
    "ordering": lambda q: "top to bottom: " + ", ".join(str(r) for r in q.ranks),
    "fact_opinion": lambda q: ", ".join(f"{i + 1} {label}" for i, label in enumerate(q.labels)),
}


@dataclass(frozen=True)
class Section:
    """One part of a version: the questions of one item type."""

    type: str
    title: str
    questions: tuple[Question, ...]
    word_bank: tuple[str, ...] = ()

    @property
    def points(self) -> int:
        return sum(q.points for q in self.questions)


@dataclass(frozen=True)
class Version:
    """One version (A, B, ...) of one sheet."""

    course_title: str
    title: str
    slug: str
    letter: str
    sections: tuple[Section, ...]
    language: str = "en"

    @property
    def points(self) -> int:
        return sum(s.points for s in self.sections)

    @property
    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]


def points_for(item: Item) -> int:
    """The points an item is worth on a sheet (`quizgen.itemtypes`): its type's for each thing it asks (a choice,
    a blank, a pair, an event, a statement); a written answer whose `marking` says what earns each point, more."""
    declared = item_type(item.type)
    if declared.marked_points and item.marking:
        return declared.marked_points
    asked = len(getattr(item, declared.counts)) if declared.counts else 1
    return declared.points * asked


# --- sheets: which items ---------------------------------------------------------------


def plan_sheets(course: Course, items: list[Item] | tuple[Item, ...]) -> tuple[Sheet, ...]:
    """Choose the items of every unit sheet, and of the exam when the course asks for one."""
    titles = {u.slug: u.title for u in course.units}
    by_unit: dict[str, list[Item]] = {}
    for item in items:
        by_unit.setdefault(item.unit, []).append(item)
    unit_slugs = [u.slug for u in course.units if u.slug in by_unit] + [s for s in by_unit if s not in titles]
    blanks = _Blanks(items)  # read once: each sheet's word bank looks through every unit's blanks
    sheets = []
    for slug in unit_slugs:
        chosen, separated = _choose_sheet_items(course, by_unit[slug], slug)
        context = [i for i in by_unit[slug] if on_sheets(course, i)]
        sheets.append(Sheet(slug, titles.get(slug, slug), tuple(chosen),
                            bank_extras=_bank_extras(course, slug, chosen, blanks), separated=separated,
                            cueing=cueing_pairs(chosen, context)))
    if course.settings.exam > 0 and items:
        slug = exam_slug(course)
        chosen, separated, cueing = _choose_exam_items(course, list(items), course.settings.exam)
        sheets.append(Sheet(slug, "Course exam", tuple(chosen), True,
                            bank_extras=_bank_extras(course, slug, chosen, blanks), separated=separated,
                            cueing=cueing))
    return tuple(sheets)


def exam_slug(course: Course) -> str:
    return f"{course.slug}-exam"


def on_sheets(course: Course, item: Item) -> bool:
    """Whether an item may go on a worksheet: not made for the deck alone, and answerable from the text
    (or the course asks for context facts too)."""
    return item.sheets and (course.settings.context_facts or not item.from_context)


def select_sheet_items(course: Course, items: list[Item], slug: str) -> list[Item]:
    """Pick the items a unit sheet asks: each fact once, none cueing another where it can, types balanced."""
    return _choose_sheet_items(course, items, slug)[0]


def _choose_sheet_items(course: Course, items: list[Item], slug: str) -> tuple[list[Item], int]:
    seed = (course.slug, course.settings.seed, slug)
    rng = rng_for(*seed, "select")
    ordered = sorted((i for i in items if on_sheets(course, i)), key=lambda i: (i.order, i.id))
    picked = [i for i in ordered if len(i.fact_ids) > 1]
    asked = {f for i in picked for f in i.fact_ids}
    by_fact: dict[str, list[Item]] = {}
    for item in ordered:
        if len(item.fact_ids) == 1 and item.fact_ids[0] not in asked:
            by_fact.setdefault(item.fact_ids[0], []).append(item)
    listed = _views(ordered)
    views = {v.item.id: v for v in listed}
    near = _CueIndex(listed).near
    place = {v.item.id: k for k, v in enumerate(listed)}
    picked_places = {place[p.id] for p in picked}
    used: dict[str, int] = {}
    separated = 0
    for choices in by_fact.values():  # in course order
        # Only the picked items that share a cue's word with a choice can cue it (`_CueIndex`).
        cues = {c.id: sum(_cue_between(views[c.id], listed[j]) for j in near[place[c.id]] & picked_places)
                for c in choices}
        fewest = min(cues.values())
        # True/false only where the fact has no other question as free of cues: half its points are guessed.
        clean = [i for i in choices if cues[i.id] == fewest]
        choice = _least_used([i for i in clean if i.type != "tf"] or clean, used, rng)
        # What the same preferences would ask without looking at cues: the pairs the choice kept apart.
        blind = _least_used([i for i in choices if i.type != "tf"] or choices, used,
                            rng_for(*seed, "blind", choices[0].fact_ids[0]))
        separated += cues[blind.id] - fewest
        used[choice.type] = used.get(choice.type, 0) + 1
        picked.append(choice)
        picked_places.add(place[choice.id])
    return sorted(picked, key=lambda i: (i.order, i.id)), separated


def _least_used(choices: list[Item], used: dict[str, int], rng) -> Item:
    """One of the items whose type the sheet holds fewest of so far; ties at random."""
    low = min(used.get(i.type, 0) for i in choices)
    return rng.choice([i for i in choices if used.get(i.type, 0) == low])


# --- cueing: one question giving another away ----------------------------------------------


class _View:
    """What a student sees of an item (each text padded for whole-word search), and what would give it away.

    Options are the names a student picks from: a multiple-choice question's options, a matching question's
    names. A matching question gives a row away to any text that shows its description beside one of the
    names it offers: beside its own name the row is answered, beside another one ruled out.
    """

    __slots__ = ("item", "parts", "options", "cues", "texts", "asks", "offers", "words")

    def __init__(self, item: Item, furniture: frozenset[str] = frozenset()):
        self.item = item
        names = [b for _, b in item.pairs] + list(item.extras) if item.type == "matching" else []
        texts = [item.stem] + [pair[0] for pair in item.pairs] + [event for _, event in item.sequence]
        if item.type == "cloze" and item.cloze:
            texts.append(item.cloze[1])  # printed in the part's word bank
        offered = list(item.options) if item.type == "mcq" else names
        self.options = {padded(o) for o in offered}
        self.parts = [(padded(t), False, t) for t in texts if t] + [(padded(o), True, o) for o in offered]
        self.words = frozenset(word for part, _, _ in self.parts for word in part.split())
        cues = list(item.cue) + [(d, name) for d, _ in item.pairs for name in names]
        self.texts = [tuple(cue) for cue in cues if cue and all(padded(t).strip() for t in cue)]
        self.cues = [[padded(t) for t in cue] for cue in self.texts]
        self.offers = bool(offered)
        # What the question is about: the words of its stem, less those its template puts in every question.
        self.asks = [w for w in content_words(item.stem) if fold(w) not in furniture]


def template_words(items) -> dict[str, frozenset[str]]:
    """For each question template with two or more items, the words it puts into every question it makes
    ("According to the article, who said that ..."): they say nothing about what one question asks."""
    stems: dict[str, list[set[str]]] = {}
    for item in items:
        stems.setdefault(item.template, []).append({fold(w) for w in content_words(item.stem)})
    return {t: frozenset(set.intersection(*s)) for t, s in stems.items() if len(s) > 1}


def common_words(items) -> frozenset[str]:
    """Words in the questions about a quarter of the facts or more (and three at least): the topic of the
    course ("Kazakhstan", "river") says nothing about what one question asks."""
    facts: dict[str, set[str]] = {}
    for item in items:
        if len(item.fact_ids) == 1:
            facts.setdefault(item.fact_ids[0], set()).update(fold(w) for w in content_words(item.stem))
    counts: dict[str, int] = {}
    for words in facts.values():
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    least = max(3, len(facts) / 4)
    return frozenset(w for w, n in counts.items() if n >= least)


def _views(items, context=None) -> list[_View]:
    """Views of items, the words that say nothing read from `context` (the items they are chosen from)."""
    context = items if context is None else context
    furniture, common = template_words(context), common_words(context)
    return [_View(i, furniture.get(i.template, frozenset()) | common) for i in items]


def sheet_context(course: Course, items, sheet: Sheet) -> list[Item]:
    """The items a sheet's questions are chosen from: its unit's (every unit's for the exam)."""
    return [i for i in items if on_sheets(course, i) and (sheet.is_exam or i.unit == sheet.slug)]


def _shown_cue(seer: _View, target: _View, related_words: int = 1) -> tuple[str, ...]:
    """The cue of `target` that `seer`'s visible text shows (its texts), or () when it shows none.

    A name both offer as an option tells nothing. The answer (or its surname, its abbreviation) of a question
    that offers it among its options tells something only where the text that shows it also speaks of what
    the question asks (shares `related_words` of its words or their roots, leaving out the words its template
    puts in every question and the course's topic words): "Vladimir Putin said that Taiwan ..." gives nothing
    away to "Who said that Kazakhstan was historically Russia?", but "Kassym-Jomart Tokayev is President of
    Kazakhstan" does to "Who is President of Kazakhstan?".
    """
    if set(seer.item.fact_ids) & set(target.item.fact_ids):
        return ()
    parts = [(part, raw) for part, is_option, raw in seer.parts if not (is_option and part in target.options)]
    text = "\x00".join(part for part, _ in parts)
    for cue, texts in zip(target.cues, target.texts):
        if not all(phrase in text for phrase in cue):
            continue
        if len(cue) == 1 and target.offers:  # its answer, or the answer's surname or abbreviation
            shown_in = [x for part, raw in parts if cue[0] in part for x in content_words(raw)]
            said = {fold(w) for w in target.asks if not any(related(w, x) for x in content_words(texts[0]))}
            if len({w for w in said if any(related(w, x) for x in shown_in)}) < related_words:
                continue
        return texts
    return ()


def _shows(seer: _View, target: _View) -> bool:
    """Whether `seer`'s visible text gives `target` away (see `_shown_cue`)."""
    return bool(_shown_cue(seer, target))


def _cue_between(a: _View, b: _View) -> bool:
    return _shows(a, b) or _shows(b, a)


class _CueIndex:
    """Which views could cue each other, found through their words so that only those pairs are compared.

    A view shows a cue only where its text holds every word of each of the cue's phrases (phrases and texts
    are padded token runs), so a view can show a cue only if it holds the cue's rarest word. `near[k]`: the
    views that may show a cue of view k, or whose cue view k may show; every other pair cues neither way.
    """

    def __init__(self, views: list[_View]):
        holding: dict[str, list[int]] = {}  # word -> the views whose text holds it
        for k, view in enumerate(views):
            for word in view.words:
                holding.setdefault(word, []).append(k)
        self.near: list[set[int]] = [set() for _ in views]
        for k, view in enumerate(views):
            for cue in view.cues:
                rarest = min((w for phrase in cue for w in phrase.split()), key=lambda w: len(holding.get(w, ())))
                for seer in holding.get(rarest, ()):
                    if seer != k:
                        self.near[k].add(seer)
                        self.near[seer].add(k)


def _pairs_to_compare(views: list[_View]) -> list[tuple[int, int]]:
    """The pairs (k, j), k < j, that may cue each other one way or the other, in the order of a loop over
    every pair."""
    near = _CueIndex(views).near
    return [(k, j) for k in range(len(views)) for j in sorted(near[k]) if j > k]


def cueing_pairs(items: list[Item] | tuple[Item, ...], context=None) -> tuple[tuple[str, str], ...]:
    """Every pair of items (by id) of which one gives the other away (`context`: see `_views`)."""
    views = _views(items, context)
    return tuple((views[k].item.id, views[j].item.id) for k, j in _pairs_to_compare(views)
                 if _cue_between(views[k], views[j]))


@dataclass(frozen=True)
class Giveaway:
    """One item's visible text showing another item's cue."""

    seer: Item  # the item whose text shows it
    target: Item  # the item it gives away
    cue: tuple[str, ...]  # the texts shown


def giveaways(items: list[Item] | tuple[Item, ...], pairs=None, context=None,
              related_words: int = 1) -> list[Giveaway]:
    """What gives what away among items (of one sheet), for each cueing pair (default: all of them).

    `related_words`: how many words of what a multiple-choice question asks the text that shows its answer
    must share (one on a sheet, where everything is in sight at once)."""
    views = {v.item.id: v for v in _views(items, context)}
    if pairs is None:
        listed = list(views.values())
        pairs = [(listed[k].item.id, listed[j].item.id) for k, j in _pairs_to_compare(listed)]
    out = []
    for a, b in pairs:
        for seer, target in ((views[a], views[b]), (views[b], views[a])):
            cue = _shown_cue(seer, target, related_words)
            if cue:
                out.append(Giveaway(seer.item, target.item, cue))
    return out


class _Blanks:
    """The course's fill-in blanks, read once for every sheet's word bank."""

    def __init__(self, items):
        # The answers of cloze items, in course order, with the facts they ask.
        self.answers = [(i.cloze[1], frozenset(i.fact_ids)) for i in items if i.type == "cloze" and i.cloze]
        # For each unit, the blanks of its items (of any type that has one).
        self.by_unit: dict[str, set[str]] = {}
        for item in items:
            if item.cloze:
                self.by_unit.setdefault(item.unit, set()).add(item.cloze[1])


def _bank_extras(course: Course, slug: str, chosen: list[Item], course_blanks: _Blanks) -> tuple[str, ...]:
    """One or two word-bank entries that fill no blank and give no question on the sheet away: the blanks'
    candidates (curated, or of the blank's category), then blanks of facts the sheet does not ask."""
    blanks = [i for i in chosen if i.type == "cloze" and i.cloze]
    if len(blanks) < WORD_BANK_MIN:
        return ()
    asked = {f for i in chosen for f in i.fact_ids}
    answers = {fold(i.cloze[1]) for i in blanks if i.cloze}
    cues = [phrase for i in chosen for cue in _View(i).cues if len(cue) == 1 for phrase in cue]
    curated = [e for i in blanks for e in i.extras]
    others = [answer for answer, facts in course_blanks.answers if not facts & asked]
    in_unit = course_blanks.by_unit.get(slug, set())
    same_unit = [w for w in others if w in in_unit]
    rng = rng_for(course.slug, course.settings.seed, slug, "bank-extras")
    pools = [curated, same_unit, [w for w in others if w not in in_unit]]
    out: list[str] = []
    for pool in pools:
        if len(out) >= BANK_EXTRAS:
            break  # the entries are found: the pools left would add none (the generator is this sheet's own)
        pool = list(dict.fromkeys(pool))
        rng.shuffle(pool)
        for word in pool:
            key = padded(word)
            if len(out) >= BANK_EXTRAS or fold(word) in answers or fold(word) in {fold(o) for o in out}:
                continue
            if any(c in key or key in c for c in cues):
                continue  # the entry would answer another question on the sheet
            out.append(word)
    return tuple(out)


def select_exam_items(course: Course, items: list[Item], count: int) -> list[Item]:
    """Draw `count` items across the units, in turn, preferring items about facts not yet asked."""
    return _choose_exam_items(course, items, count)[0]


def _choose_exam_items(course: Course, items: list[Item], count: int) -> tuple[list[Item], int, tuple]:
    """The exam's items in sheet order, how many cueing pairs the choice kept apart, and the pairs left."""
    rng = rng_for(course.slug, course.settings.seed, exam_slug(course), "select")
    unit_order = [u.slug for u in course.units]
    pools: dict[str, list[Item]] = {}
    for item in sorted((i for i in items if on_sheets(course, i)), key=lambda i: (i.order, i.id)):
        pools.setdefault(item.unit, []).append(item)
    unit_order += [u for u in pools if u not in unit_order]
    queues = []
    for slug in unit_order:
        # within a unit, take the item types in turn, so an exam is not all multiple choice
        by_type: dict[str, list[Item]] = {}
        for item in pools.get(slug, []):
            by_type.setdefault(item.type, []).append(item)
        groups = [by_type[t] for t in PART_ORDER if t in by_type]
        rng.shuffle(groups)
        for group in groups:
            rng.shuffle(group)
        pool = [g[k] for k in range(max(map(len, groups), default=0)) for g in groups if k < len(g)]
        if pool:
            queues.append(pool)
    picked: list[Item] = []
    views: list[_View] = []
    context = [i for pool in queues for i in pool]
    all_views = {v.item.id: v for v in _views(context)}
    asked: set[str] = set()
    deferred: list[Item] = []
    separated = 0
    while len(picked) < count and any(queues):
        for queue in queues:
            while queue and len(picked) < count:
                item = queue.pop(0)
                if asked.intersection(item.fact_ids):
                    deferred.append(item)
                    continue
                view = all_views[item.id]
                cues = sum(_cue_between(view, other) for other in views)
                if cues:
                    separated += cues
                    deferred.append(item)
                    continue
                picked.append(item)
                views.append(view)
                asked.update(item.fact_ids)
                break
    for item in deferred:  # what is left: other facts first, then cueing ones
        if len(picked) >= count:
            break
        if not asked.intersection(item.fact_ids):
            picked.append(item)
            asked.update(item.fact_ids)
    picked += [i for i in deferred if i not in picked][: max(0, count - len(picked))]
    picked.sort(key=lambda i: (i.order, i.id))
    cueing = cueing_pairs(picked, context)
    return picked, max(0, separated - len(cueing)), cueing


# --- versions: which order ---------------------------------------------------------------


def plan_version(course: Course, sheet: Sheet, letter: str) -> Version:
    """Plan one version of a sheet: parts, question order, option order and word bank."""
    base = (course.slug, course.settings.seed, sheet.slug, letter)
    by_type = _parts_of(sheet)
    choices = _choice_orders(course, sheet, by_type.get("mcq", []), letter)
    sections = []
    number = 0
    for qtype in PART_ORDER:
        chosen = _part_order(base, qtype, by_type.get(qtype, []))
        if not chosen:
            continue
        questions = []
        for item in chosen:
            number += 1
            if qtype == "mcq":
                options, correct = choices[item.id]
                questions.append(Question(number, item, points_for(item), options=options, correct=correct))
                continue
            plan = _QUESTION_PLANS.get(item.type, _plain)
            question = plan(item, number, rng_for(*base, "item", item.id))
            if item_type(qtype).written:
                question = replace(question, answers=answers_for(item, course))
            questions.append(question)
        bank: tuple[str, ...] = ()
        if qtype == "cloze" and len(chosen) >= WORD_BANK_MIN and sheet.bank_extras:
            words = [i.cloze[1] if i.cloze else i.answer for i in chosen] + list(sheet.bank_extras)
            rng_for(*base, "word-bank").shuffle(words)
            bank = tuple(words)
        sections.append(Section(qtype, ITEM_TYPES[qtype].part, tuple(questions), bank))
    return Version(course.title, sheet.title, sheet.slug, letter, tuple(sections), course.language or "en")


def _parts_of(sheet: Sheet) -> dict[str, list[Item]]:
    by_type: dict[str, list[Item]] = {}
    for item in sorted(sheet.items, key=lambda i: (i.order, i.id)):
        if item.type not in PART_ORDER:
            raise ValueError(f"item '{item.id}' has type '{item.type}', which worksheets cannot print")
        by_type.setdefault(item.type, []).append(item)
    return by_type


def _part_order(base: tuple[str, ...], qtype: str, items: list[Item]) -> list[Item]:
    """A part's questions in the order of one version."""
    chosen = list(items)
    rng_for(*base, "order", qtype).shuffle(chosen)
    return chosen


def _choice_orders(course: Course, sheet: Sheet, items: list[Item], letter: str) -> dict[str, tuple[tuple, int]]:
    """Each multiple-choice question's options in this version, and its key's place.

    Numbers and dates stay in order. Every other key takes the place used least in this version, then
    least in the sheet's earlier versions, then least by the same question before, so that the keys
    spread over the places within a version, across versions, and a question moves between versions.
    The versions before `letter` are planned again to know what they used: cheap, and the same
    whatever `--versions` asks for.
    """
    sheet_places = KeyPlaces()
    own: dict[str, Counter] = {i.id: Counter() for i in items}
    out: dict[str, tuple[tuple, int]] = {}
    for version in LETTERS[: LETTERS.index(letter) + 1]:
        base = (course.slug, course.settings.seed, sheet.slug, version)
        places = KeyPlaces()
        out = {}
        order = _part_order(base, "mcq", items)

        def take(item: Item, options: tuple, place: int) -> None:  # called within this version's loop only
            out[item.id] = (options, place)  # noqa: B023
            places.add(len(options), place)  # noqa: B023
            sheet_places.add(len(options), place)
            own[item.id][place] += 1

        for item in order:  # numbers and dates first: their places are given, the others make up for them
            if (ordered := sorted_options(item)) is not None:
                take(item, *ordered)
        for item in order:
            if item.id in out:
                continue
            if not item.options or not 0 <= item.correct < len(item.options):
                raise ValueError(f"multiple-choice item '{item.id}' has no correct option")
            rng = rng_for(*base, "item", item.id)
            size = len(item.options)
            sheet_counts = sheet_places.by_size.get(size, Counter())
            take(item, *place_key(item, places.choose(size, rng, sheet_counts, sheet_places.counts, own[item.id]), rng))
    return out


def _shuffled_not_identity(n: int, rng) -> list[int]:
    """A seeded permutation of range(n) that, when n > 1, is not the identity."""
    perm = list(range(n))
    for _ in range(20):
        rng.shuffle(perm)
        if n < 2 or perm != list(range(n)):
            break
    return perm


def _plan_tf(item: Item, number: int, rng) -> Question:
    truth = item.correct == 0 if item.correct in (0, 1) else item.answer.strip().lower() == "true"
    return Question(number, item, points_for(item), options=("True", "False"), correct=0 if truth else 1)


def _plan_matching(item: Item, number: int, rng) -> Question:
    n = len(item.pairs)
    left_order = list(range(n))
    rng.shuffle(left_order)
    right_order = list(range(n + len(item.extras)))  # right j is pair right_order[j], or an extra past n
    rng.shuffle(right_order)
    if right_order[:n] == left_order and n > 1:  # the answer would read 1-A, 2-B, 3-C...
        right_order = right_order[1:] + right_order[:1]
    names = [b for _, b in item.pairs] + list(item.extras)
    lefts = tuple(item.pairs[p][0] for p in left_order)
    rights = tuple(names[p] for p in right_order)
    matches = tuple(right_order.index(p) for p in left_order)
    return Question(number, item, points_for(item), lefts=lefts, rights=rights, matches=matches)


def _plan_fact_opinion(item: Item, number: int, rng) -> Question:
    perm = _shuffled_not_identity(len(item.pairs), rng)
    return Question(number, item, points_for(item), statements=tuple(item.pairs[p][0] for p in perm),
                    labels=tuple(item.pairs[p][1] for p in perm))


def _plan_ordering(item: Item, number: int, rng) -> Question:
    perm = _shuffled_not_identity(len(item.sequence), rng)  # event j of this version is sequence[perm[j]]
    return Question(number, item, points_for(item), events=tuple(item.sequence[p][1] for p in perm),
                    ranks=tuple(p + 1 for p in perm))


def _plain(item: Item, number: int, rng) -> Question:
    return Question(number, item, points_for(item))


_QUESTION_PLANS = {"tf": _plan_tf, "matching": _plan_matching, "ordering": _plan_ordering,
                   "fact_opinion": _plan_fact_opinion}
