"""Everything the authoring commands take from the build pipeline, in one place.

Preview and stats read a course only through these functions, so when the
pipeline's modules move (planning, targets, the loader) only this file follows.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..i18n import messages


def check_course(course_dir: Path | str):
    """Load, validate and generate a course's items; return the build's Report (or raise ContentError)."""
    from ..build import check

    return check(course_dir)


def declared_options():
    """Every setting a course may give: quizgen's own and each registered target's."""
    from ..targets import declared_options

    return declared_options()


def page_sandbox(folder: str, language: str | None = None):
    """The metered, autoescaping sandbox every template quizgen renders runs in, over one folder of quizgen's
    templates (`templates/<folder>/`); return it with the folder's path."""
    from jinja2 import FileSystemLoader, StrictUndefined

    from ..generate.templates import QuestionSandbox, package_templates_dir

    path = package_templates_dir() / folder
    env = QuestionSandbox(loader=FileSystemLoader(str(path)), autoescape=True, undefined=StrictUndefined,
                          trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                          extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(messages(language).translations, newstyle=True)  # type: ignore[attr-defined]
    return env, path


def metered(steps: int, what: str, unit: str):
    """Count the steps of the templates rendered inside, refusing more than `steps` (as for every template)."""
    from ..generate.templates import metered as count

    return count(steps, what=what, unit=unit)


def reserved_unit_slugs(course_slug: str) -> dict[str, str]:
    """Unit folder names that a later command would refuse, each with what it would clash with."""
    from types import SimpleNamespace

    from ..loader import TEMPLATES_DIR
    from ..plan import exam_slug
    from ..targets.web.pages import RESERVED_SLUGS

    reserved = {TEMPLATES_DIR: "the folder of the course's own templates"}
    reserved.update({slug: f"the web quiz's {slug}.html" for slug in RESERVED_SLUGS})
    if course_slug:
        reserved[exam_slug(SimpleNamespace(slug=course_slug))] = "the worksheets of the course's exam"
    return reserved


def _render(target: str, course, items):
    from ..build import plan_job
    from ..targets import get_target

    return get_target(target).render(plan_job(course, items, now=0))


def anki_counts(course, items) -> dict[str, tuple[int, int]]:
    """The Anki notes and cards a build makes of the course's items, per unit (notes of removed facts left out)."""
    return _render("anki", course, items).details["counts"]


def worksheet_pages(course, items) -> dict[str, dict[str, tuple[int, int]]]:
    """Render the worksheets as a build would; return {sheet slug: {version letter: (sheet pages, key pages)}}."""
    pages: dict[str, dict[str, list[int]]] = {}
    for name, data in sorted(_render("pdf", course, items).files.items()):
        match = re.fullmatch(r"worksheets/(.+)-([A-Z])(-key)?\.pdf", name)
        if not match:
            continue
        slug, letter, key = match.groups()
        pages.setdefault(slug, {}).setdefault(letter, [0, 0])[1 if key else 0] = count_pdf_pages(data)
    return {slug: {letter: (p[0], p[1]) for letter, p in versions.items()} for slug, versions in pages.items()}


def count_pdf_pages(data: bytes) -> int:
    """Count the pages of a PDF the worksheet target wrote, following its cross-reference table."""
    def obj(number: int) -> bytes:
        match = re.search(rb"\n0*%d 0 obj\b(.*?)endobj" % number, data, re.S)
        if not match:
            raise ValueError(f"PDF object {number} not found")
        return match.group(1)

    trailer = data[data.rindex(b"trailer"):]
    root = int(re.search(rb"/Root (\d+) 0 R", trailer).group(1))
    pages = int(re.search(rb"/Pages (\d+) 0 R", obj(root)).group(1))
    return int(re.search(rb"/Count (\d+)", obj(pages)).group(1))


def question_templates(course) -> dict[str, list]:
    """The course's question templates (its own and quizgen's), by fact kind, as the generator finds them."""
    from ..errors import Problems
    from ..generate import load_templates, make_environment

    return load_templates(make_environment(course.templates_dir, course.language), Problems(), course.language)


def kind_templates(templates: dict[str, list], kind: str) -> list:
    """The templates that may ask a fact of this kind: its kind's own, then those for any kind."""
    from ..generate.templates import ANY_KIND

    return templates.get(kind, []) + templates.get(ANY_KIND, [])


def article_speaker() -> str:
    """The `speaker` value that marks a claim as the article's own."""
    from ..generate.templates import AUTHOR

    return AUTHOR


# What the generator's multi-fact questions take (generate/multi.py); tests check these against what it makes.
MATCHING_NEEDS = 4  # people, or terms, of one script
TIMELINE_NEEDS = 4  # events of dates that do not overlap
OPINION_LEAST = 2  # opinions, and reported facts, each at least


def multi_material(course, unit, items) -> dict[str, int]:
    """How many facts of the unit each multi-fact question could draw on, and how many it takes."""
    from ..generate.multi import STATEMENTS, _distinct_dates, _names_in_script, is_opinion

    asked = [f for f in unit.facts if course.settings.context_facts or not f.from_context]
    timeline = next((i for i in items if i.unit == unit.slug and i.type == "ordering"), None)
    used = set(timeline.fact_ids) if timeline is not None else set()
    pool = [f for f in unit.facts if f.id not in used
            and (f.kind == "event" or course.settings.context_facts or not f.from_context)]  # or in `asked`
    return {
        "matching-people": len(_names_in_script([f for f in asked if f.kind == "person"], "name")),
        "matching-terms": len(_names_in_script([f for f in asked if f.kind == "term"], "term")),
        "matching_needs": MATCHING_NEEDS,
        "timeline": len(_distinct_dates([f for f in asked if f.kind == "event"])),
        "timeline_needs": TIMELINE_NEEDS,
        "on_timeline": len(used),
        "opinions": sum(is_opinion(f) is True for f in pool),
        "reported": sum(is_opinion(f) is False for f in pool),
        "opinion_least": OPINION_LEAST,
        "statements": STATEMENTS,
    }


# --- warnings ------------------------------------------------------------------------------
#
# A warning (quizgen.errors.Problem) carries a stable `code` and, when it is about one item, that
# item's id; a warning about a fact names the fact, one about the course neither.


def warning_code(problem) -> str:
    """The warning's stable code."""
    return problem.code or "uncoded"


def item_warnings(problems, items) -> tuple[dict[str, list], dict[str, list], list]:
    """Sort warnings by what they are about: ({item id: [...]}, {fact id: [...]}, [course-wide])."""
    by_item: dict[str, list] = {}
    by_fact: dict[str, list] = {}
    course: list = []
    known = {i.id for i in items}
    for problem in problems:
        item_id = problem.item
        if item_id in known:
            by_item.setdefault(item_id, []).append(problem)
        elif problem.fact:
            by_fact.setdefault(problem.fact, []).append(problem)
        else:
            course.append(problem)
    return by_item, by_fact, course


def normalise_quote(text: str) -> str:
    """Fold what the quote check forgives (whitespace, quote marks, composition), as the loader does."""
    from ..text import normalise

    return normalise(text)


# --- reading a unit that may have no facts yet, and fact entries outside facts.yaml -------------


def read_unit_draft(course_dir: Path | str, slug: str):
    """A unit's source text and fact entries, read even when it has no facts yet (raise ContentError if unreadable)."""
    from ..loader import load_unit_draft

    return load_unit_draft(course_dir, slug)


def validate_fact_entry(raw, fname: str, line: int, source):
    """Validate one fact entry as the loader does facts.yaml's; return (Fact or None, its problems)."""
    from ..errors import Problems
    from ..loader import load_fact_entry

    problems = Problems()
    fact = load_fact_entry(raw, fname, line, source, problems)
    return (fact if not problems.errors else None), list(problems.errors)


def read_fact_list(path: Path | str, key: str, source, course_dir: Path | str):
    """Read and validate the fact entries listed under `key` in a YAML file; return (facts, problems)."""
    from ..loader import load_fact_list

    facts, problems = load_fact_list(path, key, source, course_dir)
    return facts, list(problems.errors)


def unprintable(text: str) -> list[str]:
    """The characters of `text` the worksheets cannot print in either font (a fact using them fails the build's
    check)."""
    from ..targets.pdf import fonts

    return fonts.missing(text)


def outside_body_font(text: str) -> list[str]:
    """The characters of `text` that the worksheets' body font lacks (printed, if at all, in its fallback): a
    writer choosing between two spellings ("H₂O" or "H2O") takes the one the body font prints whole."""
    from ..targets.pdf import fonts

    have = fonts.codepoints()
    return [ch for ch in dict.fromkeys(text) if not ch.isspace() and ord(ch) not in have]
