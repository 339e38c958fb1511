"""One self-contained HTML page showing every fact of a course and the items made from it.

Each item appears as the student sees it (stem, options in order, blanks),
then its answer, explanation, context and note, beside the source paragraph
with the fact's quote marked, and with its warnings. Filters narrow the page
by unit, fact kind, item type and warning.

The page is rendered by Jinja2 with autoescaping on, from
`templates/preview/`; its CSS and JavaScript are inlined and allowed by hash
in a Content-Security-Policy, and it loads nothing else: no network, no files.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

from ..itemtypes import PART_ORDER, label
from ..text import quote_span
from ..webpage import csp_hash
from .pipeline import item_warnings, warning_code
from .suggest import SUGGESTIONS_FILE, SUGGESTIONS_KEY
from .unasked import short_of_material, unasked

MULTI_KIND = "multi"  # the kind of items drawn from several facts
MULTI_LABEL = "several facts (matching, timeline)"


def kind_label(kind: str) -> str:
    """How the page names a fact kind: as its class says (`shown_as`), else by its name."""
    from ..schema import FACT_KINDS

    if kind == MULTI_KIND:
        return MULTI_LABEL
    return (FACT_KINDS[kind].shown_as if kind in FACT_KINDS else "") or kind


def _warning(problem, codes: list[str]) -> dict:
    code = warning_code(problem)
    return {"code": code, "index": codes.index(code), "text": problem.message,
            "where": f"{problem.file}:{problem.line}" if problem.file and problem.line else problem.file}


def _item_view(item, warnings: list[dict], inherited: list[dict]) -> dict:
    from ..model import CLOZE_BLANK, LETTERS

    view = {
        "id": item.id, "type": item.type, "type_label": label(item.type),
        "template": item.template, "kind": item.kind or MULTI_KIND, "unit": item.unit,
        "stem": item.stem, "stem_parts": None, "options": [], "answer": item.answer,
        "explanation": item.explanation, "context": item.context, "note": item.note,
        "reverse": item.reverse, "pairs": [], "rights": [], "matches": [], "events": [], "sequence": [],
        "paragraphs": list(item.citation.paragraphs or (item.citation.paragraph,)) if item.citation else [],
        "warnings": warnings,
        "codes": " ".join(sorted({str(w["index"]) for w in warnings + inherited}, key=int)),
    }
    if item.type in ("mcq", "tf"):
        view["options"] = [{"letter": LETTERS[i], "text": o, "correct": i == item.correct}
                           for i, o in enumerate(item.options)]
        if 0 <= item.correct < len(item.options):
            view["answer"] = (f"{LETTERS[item.correct]}. " if item.type == "mcq" else "") + item.options[item.correct]
    if item.type == "cloze":
        if CLOZE_BLANK in item.stem:
            before, _, after = item.stem.partition(CLOZE_BLANK)
            view["stem_parts"] = (before, after)
        if item.cloze:
            view["answer"] = item.cloze[1]
    if item.type == "matching":
        # Right-hand descriptions in alphabetical order: fixed, and not the answer order.
        rights = sorted({r for _, r in item.pairs}, key=str.casefold)
        view["pairs"] = [left for left, _ in item.pairs]
        view["rights"] = [{"letter": LETTERS[i], "text": r} for i, r in enumerate(rights)]
        view["matches"] = [{"number": n, "left": left, "letter": LETTERS[rights.index(right)], "right": right}
                           for n, (left, right) in enumerate(item.pairs, start=1)]
    if item.type == "ordering":
        view["events"] = sorted((what for _, what in item.sequence), key=str.casefold)
        view["sequence"] = [{"date": d, "what": w} for d, w in item.sequence]
    return view


def preview_page(report) -> dict:
    """Gather what the page shows, as plain data for the template."""
    from ..schema import FACT_KINDS

    course, items = report.course, report.items
    if not course.settings.reverse_cards:  # the deck keeps no reversed card: the page shows none
        items = [replace(i, reverse=None) for i in items]
    by_item, by_fact, course_wide = item_warnings(report.warnings, items)
    codes = sorted({warning_code(p) for p in report.warnings})
    code_counts = Counter(warning_code(p) for p in report.warnings)
    items_of_fact: dict[str, list] = {}
    multi: dict[str, list] = {}
    # Why a fact makes no question, and what a unit lacks for a question drawn from several facts.
    unasked_facts = {note.fact: note.message for note in unasked(report) if note.fact}
    for item in sorted(items, key=lambda i: (i.order, i.id)):
        if len(item.fact_ids) == 1:
            items_of_fact.setdefault(item.fact_ids[0], []).append(item)
        else:
            multi.setdefault(item.unit, []).append(item)

    units = []
    for unit in course.units:
        paragraphs = unit.source.paragraphs
        cited: dict[int, list[str]] = {}
        facts = []
        suggested, suggestion_problems = _suggested_facts(unit, course.path)
        for fact in list(unit.facts) + suggested:
            cited.setdefault(fact.paragraph, []).append(fact.id)
            fact_warnings = [_warning(p, codes) for p in by_fact.get(fact.id, [])]
            text = paragraphs[fact.paragraph - 1] if 0 < fact.paragraph <= len(paragraphs) else ""
            is_suggestion = fact.file.endswith(SUGGESTIONS_FILE)
            fact_items = [] if is_suggestion else [
                _item_view(i, [_warning(p, codes) for p in by_item.get(i.id, [])], fact_warnings)
                for i in items_of_fact.get(fact.id, [])]
            facts.append({
                "id": fact.id, "kind": fact.kind, "kind_label": kind_label(fact.kind),
                "paragraph": fact.paragraph, "quote": fact.quote,
                # The kind's own fields first, the optional cloze sentence last.
                "fields": sorted(((k, v) for k, v in fact.fields.items() if v not in (None, "")),
                                 key=lambda kv: kv[0] == "cloze"),
                "tags": list(fact.tags), "where": f"{fact.file}:{fact.line}" if fact.line else fact.file,
                "source": quote_span(text, fact.quote), "source_text": text,
                "warnings": fact_warnings, "items": fact_items,
                "codes": " ".join(sorted({str(w["index"]) for w in fact_warnings}, key=int)),
                "suggested": is_suggestion, "unasked": unasked_facts.get(fact.id, ""),
            })
        source = unit.source
        units.append({
            "slug": unit.slug, "title": unit.title, "facts": facts,
            "source": {"title": source.title, "author": source.author, "publisher": source.publisher,
                       "date": source.date, "url": source.url},
            "suggestions": len(suggested), "suggestion_problems": [str(p) for p in suggestion_problems],
            "multi": [_item_view(i, [_warning(p, codes) for p in by_item.get(i.id, [])], [])
                      for i in multi.get(unit.slug, [])],
            "notes": short_of_material(course, unit, items),
            "paragraphs": [{"number": n, "text": t, "facts": cited.get(n, []),
                            "skipped": unit.skip_paragraphs.get(n, "")}
                           for n, t in enumerate(paragraphs, start=1)],
        })
    kinds = [k for k in FACT_KINDS if any(f.kind == k for f in course.facts)]
    if multi:
        kinds.append(MULTI_KIND)
    types = [t for t in PART_ORDER if any(i.type == t for i in items)]
    return {
        "course": {"title": course.title, "slug": course.slug, "language": course.language or "en"},
        "counts": {"units": len(course.units), "facts": len(course.facts), "item_count": len(items),
                   "suggestions": sum(u["suggestions"] for u in units),
                   "warnings": len(report.warnings)},
        "filters": {
            "units": [(u.slug, u.title) for u in course.units],
            "kinds": [(k, kind_label(k)) for k in kinds],
            "types": [(t, label(t)) for t in types],
            "codes": [(i, c, code_counts[c]) for i, c in enumerate(codes)],
        },
        "course_warnings": [_warning(p, codes) for p in course_wide],
        "units": units,
    }


def _suggested_facts(unit, course_dir) -> tuple[list, list]:
    """The unit's suggested facts (suggested.yaml, from `quizgen suggest`) that still validate, and the problems."""
    from .pipeline import read_fact_list

    path = Path(unit.path) / SUGGESTIONS_FILE
    if not unit.path or not path.is_file():
        return [], []
    facts, problems = read_fact_list(path, SUGGESTIONS_KEY, unit.source, course_dir)
    curated = {f.id for f in unit.facts}
    return [f for f in facts if f.id not in curated], problems


PAGE_STEPS, ITEM_STEPS = 100_000, 1_000  # as the web quiz's pages (targets/web/pages.py)


def render_preview(report) -> bytes:
    """Render the preview page of a checked course (a build Report) as UTF-8 HTML."""
    from markupsafe import Markup

    from .pipeline import metered, page_sandbox

    # The same metered sandbox as every other template: the page shows the course's own text throughout.
    env, folder = page_sandbox("preview", report.course.language)
    css = (folder / "preview.css").read_text(encoding="utf-8")
    js = (folder / "preview.js").read_text(encoding="utf-8")
    for name, text, closing in (("preview.css", css, "</style"), ("preview.js", js, "</script")):
        if closing in text.lower():
            raise ValueError(f"{name} must not contain '{closing}'")
    csp = (f"default-src 'none'; style-src {csp_hash(css)}; script-src {csp_hash(js)}; "
           f"img-src 'none'; base-uri 'none'; form-action 'none'")
    page = preview_page(report)
    steps = PAGE_STEPS + ITEM_STEPS * (len(report.items) + sum(len(unit.facts) for unit in report.course.units))
    with metered(steps, what="the preview template", unit="the preview page"):
        html = env.get_template("page.html.j2").render(page=page, css=Markup(css), js=Markup(js), csp=csp)
    return html.encode("utf-8")


def write_preview(report, out_file: Path | str) -> Path:
    """Write the preview page atomically; return its path."""
    from ..writer import OutputError, check_output_dir, write_files

    out_file = Path(out_file)
    folder = out_file.parent if str(out_file.parent) else Path(".")
    check_output_dir(folder)  # not a file
    # One file may sit beside the course, never inside it, where it could replace a source.
    course = Path(report.course.path).resolve()
    if course == folder.resolve() or course in folder.resolve().parents:
        raise OutputError(f"preview file '{out_file}' lies inside the course folder '{report.course.path}'; "
                          f"write it elsewhere with -o")
    write_files(folder, {out_file.name: render_preview(report)})
    return folder / out_file.name
