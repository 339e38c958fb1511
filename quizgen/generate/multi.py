"""Items drawn from several facts of a unit: matching people or terms, and a timeline of events."""
from __future__ import annotations

from ..model import Citation, Course, Fact, Item, Unit
from ..rng import rng_for
from ..text import human_date


def unit_items(course: Course, unit: Unit) -> list[Item]:
    """Return the unit's matching and timeline items (none where it has too few facts of a kind)."""
    items = []
    people = [f for f in unit.facts if f.kind == "person"]
    terms = [f for f in unit.facts if f.kind == "term"]
    events = [f for f in unit.facts if f.kind == "event"]
    for name, facts, left, right, stem in (
        ("people", people, "name", "role", "Match each person to the description that fits them."),
        ("terms", terms, "term", "definition", "Match each term to its description."),
    ):
        if len(facts) >= 4:
            rng = rng_for(course.slug, course.settings.seed, unit.slug, "matching", name)
            chosen = sorted(rng.sample(facts, min(6, len(facts))), key=facts.index)
            items.append(_multi_item(course, unit, f"matching-{name}", "matching", chosen, stem,
                                     pairs=tuple((f.fields[left], f.fields[right]) for f in chosen)))
    dated = _distinct_dates(events)
    if len(dated) >= 4:
        rng = rng_for(course.slug, course.settings.seed, unit.slug, "ordering")
        chosen = sorted(rng.sample(dated, min(6, len(dated))), key=lambda f: f.fields["when"])
        items.append(_multi_item(
            course, unit, "timeline", "ordering", chosen,
            "Put these events in the order in which they happened, earliest first.",
            sequence=tuple((human_date(f.fields["when"]), f.fields["what"]) for f in chosen),
        ))
    return items


def _distinct_dates(events: list[Fact]) -> list[Fact]:
    """Keep events whose dates can be ordered unambiguously against each other."""
    kept: list[Fact] = []
    for f in events:
        when = f.fields["when"]
        if all(not (k.fields["when"].startswith(when) or when.startswith(k.fields["when"])) for k in kept):
            kept.append(f)
    return kept


def _multi_item(course, unit, name, itype, facts, stem, pairs=(), sequence=()) -> Item:
    if itype == "matching":
        answer = "; ".join(f"{a} — {b}" for a, b in pairs)
    else:
        answer = "; ".join(f"{d}: {w}" for d, w in sequence)
    paragraphs = sorted({f.paragraph for f in facts})
    return Item(
        id=f"{unit.slug}/{name}", type=itype, course=course.slug, unit=unit.slug,
        fact_ids=tuple(f.id for f in facts), template=f"unit/{name}", stem=stem, answer=answer,
        citation=Citation(title=unit.source.title, paragraph=paragraphs[0], quote="", url=unit.source.url,
                          publisher=unit.source.publisher, date=unit.source.date, paragraphs=tuple(paragraphs)),
        pairs=pairs, sequence=sequence, kind="multi",
    )

