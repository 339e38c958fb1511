"""Read a course folder into a validated `Course`.

Knows YAML, files and the schema; knows nothing of Anki or PDF. Every
problem found is collected and raised together as one `ContentError`.

    files.py     text and YAML, with line numbers; tags refused
    source.py    source texts and the quote check
    messages.py  validation errors as messages at their line
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import schema
from ..errors import Problems
from ..languages import language_for
from ..model import Course, Fact, Source, Unit
from ..paths import COURSE_FILE, FACTS_FILE, outside_course
from ..settings import Option, Settings
from .files import describe, line_of, read_yaml, refuse_control_characters
from .messages import link_typos, report, validate
from .source import check_provenance, load_source

TEMPLATES_DIR = "templates"  # the course's own templates; no unit may take the name


def read_course(course_dir: Path | str, options: tuple[Option, ...]) -> Course:
    """Read and validate a course folder, its settings against `options` (every declared setting: the target
    registry's `declared_options()`); raise ContentError listing every problem."""
    course_dir = Path(course_dir)
    problems = Problems()
    course_file = course_dir / COURSE_FILE
    if not course_dir.is_dir():
        problems.error(f"course folder not found: '{course_dir}'")
        problems.raise_if_errors()
    if not course_file.is_file():
        problems.error(
            f"no {COURSE_FILE} in '{course_dir}'; a course folder needs one (see docs/reference/schema.md)",
            file=str(course_file),
        )
        problems.raise_if_errors()

    raw = read_yaml(course_file, problems, course_dir)
    if raw is None:
        _check_unit_files_anyway(course_dir, problems)
        problems.raise_if_errors()
    spec = validate(schema.course_schema(options), raw, str(course_file), problems)
    if spec is None:
        problems.raise_if_errors()

    units: list[Unit] = []
    seen_slugs: dict[str, int] = {}
    for index, slug in enumerate(spec.units):
        line = line_of(raw, ("units", index))
        if slug in seen_slugs:
            problems.error(
                f"unit '{slug}' is listed twice (first on line {seen_slugs[slug]})", file=str(course_file), line=line
            )
            continue
        seen_slugs[slug] = line
        if slug == TEMPLATES_DIR:
            problems.error(f"a unit cannot be named '{slug}': that folder holds the course's own templates; rename "
                           f"the unit's folder and its entry here", file=str(course_file), line=line)
            continue
        unit = _load_unit(course_dir, slug, problems, str(course_file), line)
        if unit is not None:
            units.append(unit)

    units = [_in_language(unit, spec.language) for unit in units]
    _check_unique_fact_ids(units, problems)
    templates_dir = course_dir / TEMPLATES_DIR
    why = outside_course(templates_dir, course_dir)
    if why:
        problems.error(why, file=str(templates_dir))
    elif templates_dir.is_dir():
        _check_template_text(templates_dir, course_dir, problems)
    problems.raise_if_errors()
    return Course(
        slug=spec.slug,
        title=spec.title,
        language=spec.language,
        description=spec.description or "",
        settings=Settings(options, spec.settings.model_dump()),
        units=tuple(units),
        path=str(course_dir),
        templates_dir=str(templates_dir) if templates_dir.is_dir() else None,
        title_line=line_of(raw, ("title",)),
    )


# --- units -----------------------------------------------------------------


TEMPLATE_SUFFIXES = (".j2", ".html", ".css", ".js", ".txt")  # the course's templates: question, card, web


def _check_template_text(templates_dir: Path, course_dir: Path, problems: Problems) -> None:
    """Refuse control characters in every template of the course (question, card and web templates alike).

    Each target reads its own templates; this one pass sees them all, so none carries
    a NUL or an ESC into a card or a page. Text that is not UTF-8, or a link out of the
    course, is left to the target that reads the file, which says so.
    """
    for path in sorted(templates_dir.rglob("*")):
        if path.suffix.lower() not in TEMPLATE_SUFFIXES or outside_course(path, course_dir) or not path.is_file():
            continue
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        refuse_control_characters(text.replace("\r\n", "\n").replace("\r", "\n"), path, problems)


def _load_unit(course_dir: Path, slug: str, problems: Problems, course_file: str, line: int) -> Unit | None:
    unit_dir = course_dir / slug
    facts_file = unit_dir / FACTS_FILE
    for path in (unit_dir, facts_file):
        why = outside_course(path, course_dir)
        if why:
            problems.error(f"unit '{slug}': '{path}' {why}", file=course_file, line=line)
            return None
    if not facts_file.is_file():
        problems.error(f"unit '{slug}' has no {FACTS_FILE} (expected '{facts_file}')", file=course_file, line=line)
        return None
    fname = str(facts_file)
    raw = read_yaml(facts_file, problems, course_dir)
    if raw is None:
        _check_source_anyway(unit_dir, facts_file, course_dir, problems)
        return None
    spec = validate(schema.UnitSchema, raw, fname, problems)
    if spec is None:
        return None

    source = load_source(unit_dir, spec.source, problems, fname, line_of(raw, ("source",)), course_dir)
    for para, _reason in spec.skip_paragraphs.items():
        if source and not 1 <= para <= len(source.paragraphs):
            problems.error(
                f"skip_paragraphs names paragraph {para}, but {Path(source.path).name} has "
                f"{len(source.paragraphs)} paragraphs",
                file=fname,
                line=line_of(raw, ("skip_paragraphs", para)),
            )

    facts: list[Fact] = []
    for index, raw_fact in enumerate(raw["facts"]):
        fact = load_fact_entry(raw_fact, fname, line_of(raw, ("facts", index)), source, problems)
        if fact is not None:
            facts.append(fact)

    return Unit(
        slug=slug,
        title=spec.title,
        source=source or Source(path="", title="", paragraphs=()),
        facts=tuple(facts),
        skip_paragraphs=dict(spec.skip_paragraphs),
        path=str(unit_dir),
        line=line,
        title_line=line_of(raw, ("title",)),
    )


# --- every file's problems in one run ---------------------------------------------------------------
#
# The YAML library stops at a file's first mistake, so a file that cannot be read says nothing of the files it
# names. So that a run still reports a mistake in every file, the files it would have named are read anyway:
# the source text a facts.yaml names (found by its `source:` line), and, when course.yaml cannot be read,
# the facts.yaml of every folder beside it.


def _check_source_anyway(unit_dir: Path, facts_file: Path, course_dir: Path, problems: Problems) -> None:
    """Report the problems of the source text of a unit whose facts.yaml could not be read."""
    import re

    try:
        text = facts_file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return
    named = re.search(r"^source:[ \t]*([\"']?)([^\"'#\s]+)\1[ \t]*(?:#.*)?$", text, re.M)
    name = named.group(2) if named else "source.md"
    if (unit_dir / name).is_file():
        load_source(unit_dir, name, problems, str(facts_file), 0, course_dir)


def _check_unit_files_anyway(course_dir: Path, problems: Problems) -> None:
    """Report the problems of each unit folder's files when course.yaml, which lists the units, cannot be read."""
    for facts_file in sorted(course_dir.glob(f"*/{FACTS_FILE}")):
        if facts_file.parent.name == TEMPLATES_DIR or outside_course(facts_file, course_dir):
            continue
        raw = read_yaml(facts_file, problems, course_dir)
        if raw is None:
            _check_source_anyway(facts_file.parent, facts_file, course_dir, problems)


def load_fact_entry(raw: Any, fname: str, line: int, source: Source | None, problems: Problems) -> Fact | None:
    """Validate one fact entry as a unit's facts are: against the schema, then its quote against the source."""
    fact = _load_fact(raw, fname, line, problems)
    if fact is not None and source is not None:
        check_provenance(fact, source, problems)
        fact = _called(fact, source)
    return fact


def _called(fact: Fact, source: Source) -> Fact:
    """A fact that knows what questions call its source; a claim whose speaker is that name (`speaker: the book`
    where the source is `called: the book`) is the source's own, as `the article` is."""
    fields = fact.fields
    if fact.kind == "claim" and str(fields.get("speaker", "")).strip().casefold() == source.called.casefold():
        fields = {**fields, "speaker": schema.AUTHOR}
    return replace(fact, source_called=source.called, fields=fields)


@dataclass(frozen=True)
class UnitDraft:
    """A unit as far as it is written: its source text and its fact entries, not yet validated as facts.

    What the authoring commands read of a unit that may have no facts yet.
    """

    slug: str
    path: str
    facts_file: str
    title: str
    source: Source
    skip_paragraphs: dict
    entries: tuple  # (raw mapping, line) of each entry under `facts:`


def load_unit_draft(course_dir: Path | str, slug: str) -> UnitDraft:
    """Read a unit's facts.yaml and source text without requiring facts; raise ContentError if they cannot be read."""
    course_dir = Path(course_dir)
    problems = Problems()
    unit_dir = course_dir / slug
    facts_file = unit_dir / FACTS_FILE
    fname = str(facts_file)
    for path in (unit_dir, facts_file):
        why = outside_course(path, course_dir)
        if why:
            problems.error(f"unit '{slug}': '{path}' {why}", file=fname)
            problems.raise_if_errors()
    if not facts_file.is_file():
        problems.error(f"unit '{slug}' has no {FACTS_FILE} (expected '{facts_file}')", file=fname)
        problems.raise_if_errors()
    raw = read_yaml(facts_file, problems, course_dir)
    if not isinstance(raw, dict):
        if raw is not None or not problems.errors:
            problems.error(f"expected a mapping (title, source, facts), got {describe(raw)}", file=fname, line=1)
        problems.raise_if_errors()
    spec = validate(schema.UnitSchema, {**raw, "facts": [{}]}, fname, problems)  # facts may still be empty
    if spec is None:
        problems.raise_if_errors()
    source = load_source(unit_dir, spec.source, problems, fname, line_of(raw, ("source",)), course_dir)
    problems.raise_if_errors()
    facts = raw.get("facts") if isinstance(raw.get("facts"), list) else []
    entries = tuple((entry, line_of(raw, ("facts", i))) for i, entry in enumerate(facts))
    return UnitDraft(slug=slug, path=str(unit_dir), facts_file=fname, title=spec.title, source=source,
                     skip_paragraphs=dict(spec.skip_paragraphs), entries=entries)


def load_fact_list(path: Path | str, key: str, source: Source, course_dir: Path | str) -> tuple[list[Fact], Problems]:
    """Read a file holding a list of fact entries under `key` (e.g. suggestions) and validate each as a fact."""
    problems = Problems()
    path = Path(path)
    raw = read_yaml(path, problems, course_dir)
    if raw is None:
        return [], problems
    entries = raw.get(key) if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        problems.error(f"expected a list under '{key}'", file=str(path), line=line_of(raw, (key,)) or 1)
        return [], problems
    facts = []
    for index, entry in enumerate(entries):
        fact = load_fact_entry(entry, str(path), line_of(raw, (key, index)), source, problems)
        if fact is not None:
            facts.append(fact)
    return facts, problems


def _load_fact(raw: Any, fname: str, line: int, problems: Problems) -> Fact | None:
    fact_id = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else ""
    if not isinstance(raw, dict):
        problems.error(f"expected a mapping of fields (id, kind, ...), got {describe(raw)}", file=fname, line=line)
        return None
    before = len(problems.errors)
    try:
        parsed = schema.fact_adapter().validate_python(raw)
    except ValidationError as exc:
        for err in link_typos(exc.errors()):
            report(err, raw, fname, problems, fact=fact_id, base_line=line, model=_model_for(raw))
        if len(problems.errors) == before:  # should not happen; never swallow an error
            problems.error(str(exc), file=fname, line=line, fact=fact_id)
        return None
    data = parsed.model_dump()
    common = {"id", "kind", "tags", "source", "explanation", "note", "context", "category", "cloze_category",
              "years", "plural", "from_context", "accept", "marking", "distractors", "lint_ignore"}
    fields = {k: v for k, v in data.items() if k not in common}
    return Fact(
        id=parsed.id,
        kind=parsed.kind,
        fields=fields,
        tags=tuple(parsed.tags),
        paragraph=parsed.source.paragraph,
        quote=parsed.source.quote,
        explanation=parsed.explanation or "",
        note=parsed.note or "",
        context=parsed.context or "",
        file=fname,
        line=line,
        category=parsed.category or "",
        cloze_category=parsed.cloze_category or "",
        years=parsed.years or "",
        plural=parsed.plural,
        from_context=parsed.from_context,
        accept=tuple(parsed.accept),
        marking=parsed.marking or "",
        distractors=tuple(parsed.distractors),
        lint_ignore=tuple(parsed.lint_ignore),
    )


def _model_for(raw: dict):
    kind = raw.get("kind")
    return schema.FACT_KINDS.get(kind) if isinstance(kind, str) else None


def _in_language(unit: Unit, code: str) -> Unit:
    """A unit's facts marked with the course's language; a claim's speaker written as the language's word for the
    article (`статья`, `мақала`) is the article itself, as `the article` is in every language."""
    words = {w.casefold() for w in language_for(code).author_words}
    facts = []
    for fact in unit.facts:
        fields = fact.fields
        if fact.kind == "claim" and str(fields.get("speaker", "")).strip().casefold() in words:
            fields = {**fields, "speaker": schema.AUTHOR}
        facts.append(replace(fact, language=code, fields=fields))
    return replace(unit, facts=tuple(facts))


def _check_unique_fact_ids(units: list[Unit], problems: Problems) -> None:
    seen: dict[str, Fact] = {}
    for unit in units:
        for fact in unit.facts:
            first = seen.get(fact.id)
            if first is not None:
                problems.error(
                    f"duplicate fact id; first used at {first.file}:{first.line}",
                    file=fact.file,
                    line=fact.line,
                    fact=fact.id,
                    field="id",
                )
            else:
                seen[fact.id] = fact


