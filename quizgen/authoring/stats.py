"""How far a course has got: paragraph coverage, facts, items, worksheet pages, Anki cards and warnings per unit."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..paths import FACTS_FILE
from .pipeline import anki_counts, item_warnings, warning_code, worksheet_pages
from .words import opening_words


def _ordered(counter: Counter, order) -> dict[str, int]:
    known = {k: counter[k] for k in order if counter[k]}
    return {**known, **{k: counter[k] for k in sorted(counter) if k not in known}}


def course_stats(report) -> dict:
    """Count what a checked course holds, per unit and in total, as plain data (ready for JSON)."""
    from ..itemtypes import ITEM_TYPES
    from ..schema import FACT_KINDS

    course, items = report.course, report.items
    pages = worksheet_pages(course, items)
    by_item, by_fact, course_wide = item_warnings(report.warnings, items)
    unit_of_item = {i.id: i.unit for i in items}
    unit_of_fact = {f.id: u.slug for u in course.units for f in u.facts}
    warnings_of_unit: dict[str, Counter] = {}
    for item_id, problems in by_item.items():
        warnings_of_unit.setdefault(unit_of_item[item_id], Counter()).update(warning_code(p) for p in problems)
    for fact_id, problems in by_fact.items():
        slug = unit_of_fact.get(fact_id, "")
        target = warnings_of_unit.setdefault(slug, Counter()) if slug else None
        if target is None:
            course_wide += problems
        else:
            target.update(warning_code(p) for p in problems)
    # a warning about a unit's sheet (its mix, its length) names the unit's facts file and no fact: the unit's
    unit_of_file = {str(Path(u.path) / FACTS_FILE): u.slug for u in course.units if u.path}
    about_course = []
    for problem in course_wide:
        slug = unit_of_file.get(str(problem.file), "")
        if slug:
            warnings_of_unit.setdefault(slug, Counter()).update([warning_code(problem)])
        else:
            about_course.append(problem)
    course_wide = about_course

    deck = anki_counts(course, items)
    units = []
    for unit in course.units:
        unit_items = [i for i in items if i.unit == unit.slug]
        cited = {f.paragraph for f in unit.facts}
        paragraphs = unit.source.paragraphs
        skipped = {n: r for n, r in unit.skip_paragraphs.items() if n not in cited}
        uncovered = [n for n in range(1, len(paragraphs) + 1) if n not in cited and n not in skipped]
        notes, cards = deck.get(unit.slug, (0, 0))
        unit_warnings = warnings_of_unit.get(unit.slug, Counter())
        units.append({
            "slug": unit.slug,
            "title": unit.title,
            "paragraphs": {
                "total": len(paragraphs),
                "covered": sorted(cited),
                "skipped": [{"paragraph": n, "reason": r} for n, r in sorted(skipped.items())],
                "uncovered": [{"paragraph": n, "opening": opening_words(paragraphs[n - 1])} for n in uncovered],
            },
            "facts": {"total": len(unit.facts),
                      "by_kind": _ordered(Counter(f.kind for f in unit.facts), FACT_KINDS)},
            "items": {"total": len(unit_items), "by_type": _ordered(Counter(i.type for i in unit_items), ITEM_TYPES)},
            "worksheet_pages": _pages(pages.get(unit.slug, {})),
            "anki": {"notes": notes, "cards": cards},
            "warnings": {"total": sum(unit_warnings.values()), "by_code": dict(sorted(unit_warnings.items()))},
        })

    notes, cards = sum(n for n, _ in deck.values()), sum(c for _, c in deck.values())
    all_codes = Counter(warning_code(p) for p in report.warnings)
    # notes: what the generator did instead of writing a flawed item (a short answer, a question not asked)
    note_codes = Counter(p.code for p in report.notes if p.code)
    exam = pages.get(f"{course.slug}-exam")
    return {
        "course": {"slug": course.slug, "title": course.title},
        "units": units,
        "total": {
            "units": len(course.units),
            "paragraphs": sum(u["paragraphs"]["total"] for u in units),
            "covered": sum(len(u["paragraphs"]["covered"]) for u in units),
            "skipped": sum(len(u["paragraphs"]["skipped"]) for u in units),
            "uncovered": sum(len(u["paragraphs"]["uncovered"]) for u in units),
            "facts": {"total": len(course.facts),
                      "by_kind": _ordered(Counter(f.kind for f in course.facts), FACT_KINDS)},
            "items": {"total": len(items), "by_type": _ordered(Counter(i.type for i in items), ITEM_TYPES)},
            "exam_pages": _pages(exam) if exam else {},
            "anki": {"notes": notes, "cards": cards},
            "warnings": {"total": len(report.warnings), "by_code": dict(sorted(all_codes.items())),
                         "course_wide": len(course_wide)},
            "notes": {"total": sum(note_codes.values()), "by_code": dict(sorted(note_codes.items()))},
        },
    }


def _pages(versions: dict[str, tuple[int, int]]) -> dict[str, dict[str, int]]:
    return {letter: {"sheet": sheet, "key": key} for letter, (sheet, key) in sorted(versions.items())}


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {n}" for name, n in counts.items()) or "none"


def _page_line(versions: dict[str, dict[str, int]]) -> str:
    return "; ".join(f"{letter}: {p['sheet']} page{'s' * (p['sheet'] != 1)}, key {p['key']}"
                     for letter, p in versions.items()) or "none"


def format_stats(stats: dict) -> str:
    """Lay the stats out as text for the terminal."""
    total = stats["total"]
    course = stats["course"]
    out = [f"Course '{course['title']}' ({course['slug']}): {total['units']} unit{'s' * (total['units'] != 1)}, "
           f"{total['facts']['total']} facts, {total['items']['total']} items"]
    for unit in stats["units"]:
        paragraphs = unit["paragraphs"]
        out += ["", f"{unit['slug']}: {unit['title']}",
                f"  paragraphs  {paragraphs['total']}: {len(paragraphs['covered'])} covered, "
                f"{len(paragraphs['skipped'])} skipped, {len(paragraphs['uncovered'])} uncovered"]
        out += [f"    skipped   {s['paragraph']:>3}  {s['reason']}" for s in paragraphs["skipped"]]
        out += [f"    uncovered {u['paragraph']:>3}  {u['opening']}" for u in paragraphs["uncovered"]]
        out += [f"  facts       {unit['facts']['total']}: {_counts(unit['facts']['by_kind'])}",
                f"  items       {unit['items']['total']}: {_counts(unit['items']['by_type'])}",
                f"  worksheets  {_page_line(unit['worksheet_pages'])}",
                f"  anki        {unit['anki']['notes']} notes, {unit['anki']['cards']} cards",
                f"  warnings    {unit['warnings']['total']}"
                + (f": {_counts(unit['warnings']['by_code'])}" if unit["warnings"]["total"] else "")]
    out += ["", "Total",
            f"  paragraphs  {total['paragraphs']}: {total['covered']} covered, {total['skipped']} skipped, "
            f"{total['uncovered']} uncovered",
            f"  facts       {total['facts']['total']}: {_counts(total['facts']['by_kind'])}",
            f"  items       {total['items']['total']}: {_counts(total['items']['by_type'])}"]
    if total["exam_pages"]:
        out.append(f"  exam        {_page_line(total['exam_pages'])}")
    out += [f"  anki        {total['anki']['notes']} notes, {total['anki']['cards']} cards",
            f"  warnings    {total['warnings']['total']}"
            + (f": {_counts(total['warnings']['by_code'])}" if total["warnings"]["total"] else ""),
            f"  notes       {total['notes']['total']}"
            + (f": {_counts(total['notes']['by_code'])}" if total["notes"]["total"] else "")]
    return "\n".join(out) + "\n"
