"""Read a course folder into a validated `Course`.

Knows YAML, files and the schema; knows nothing of Anki or PDF. Every
problem found is collected and raised together as one `ContentError`.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from . import schema
from .errors import Problems
from .model import Course, Fact, Settings, Source, Unit

COURSE_FILE = "course.yaml"
FACTS_FILE = "facts.yaml"

_FACT_ADAPTER = TypeAdapter(schema.AnyFact)


def load_course(course_dir: Path | str) -> Course:
    """Read and validate a course folder; raise ContentError listing every problem."""
    course_dir = Path(course_dir)
    problems = Problems()
    course_file = course_dir / COURSE_FILE
    if not course_dir.is_dir():
        problems.error(f"course folder not found: '{course_dir}'")
        problems.raise_if_errors()
    if not course_file.is_file():
        problems.error(
            f"no {COURSE_FILE} in '{course_dir}'; a course folder needs one (see the README's schema section)",
            file=str(course_file),
        )
        problems.raise_if_errors()

    raw = _read_yaml(course_file, problems)
    if raw is None:
        problems.raise_if_errors()
    spec = _validate(schema.CourseSchema, raw, str(course_file), problems)
    if spec is None:
        problems.raise_if_errors()

    units: list[Unit] = []
    seen_slugs: dict[str, int] = {}
    for index, slug in enumerate(spec.units):
        line = _line_of(raw, ("units", index))
        if slug in seen_slugs:
            problems.error(
                f"unit '{slug}' is listed twice (first on line {seen_slugs[slug]})", file=str(course_file), line=line
            )
            continue
        seen_slugs[slug] = line
        unit = _load_unit(course_dir / slug, slug, problems, str(course_file), line)
        if unit is not None:
            units.append(unit)

    _check_unique_fact_ids(units, problems)
    problems.raise_if_errors()

    templates_dir = course_dir / "templates"
    return Course(
        slug=spec.slug,
        title=spec.title,
        language=spec.language,
        description=spec.description or "",
        settings=Settings(**spec.settings.model_dump()),
        units=tuple(units),
        path=str(course_dir),
        templates_dir=str(templates_dir) if templates_dir.is_dir() else None,
    )


# --- units -----------------------------------------------------------------


def _load_unit(unit_dir: Path, slug: str, problems: Problems, course_file: str, line: int) -> Unit | None:
    facts_file = unit_dir / FACTS_FILE
    if not facts_file.is_file():
        problems.error(f"unit '{slug}' has no {FACTS_FILE} (expected '{facts_file}')", file=course_file, line=line)
        return None
    fname = str(facts_file)
    raw = _read_yaml(facts_file, problems)
    if raw is None:
        return None
    spec = _validate(schema.UnitSchema, raw, fname, problems)
    if spec is None:
        return None

    source = _load_source(unit_dir, spec.source, problems, fname, _line_of(raw, ("source",)))
    for para, _reason in spec.skip_paragraphs.items():
        if source and not 1 <= para <= len(source.paragraphs):
            problems.error(
                f"skip_paragraphs names paragraph {para}, but {Path(source.path).name} has "
                f"{len(source.paragraphs)} paragraphs",
                file=fname,
                line=_line_of(raw, ("skip_paragraphs", para)),
            )

    facts: list[Fact] = []
    for index, raw_fact in enumerate(raw["facts"]):
        fact = _load_fact(raw_fact, fname, _line_of(raw, ("facts", index)), problems)
        if fact is None:
            continue
        if source is not None:
            _check_provenance(fact, source, problems)
        facts.append(fact)

    return Unit(
        slug=slug,
        title=spec.title,
        source=source or Source(path="", title="", paragraphs=()),
        facts=tuple(facts),
        skip_paragraphs=dict(spec.skip_paragraphs),
        path=str(unit_dir),
    )


def _load_fact(raw: Any, fname: str, line: int, problems: Problems) -> Fact | None:
    fact_id = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else ""
    if not isinstance(raw, dict):
        problems.error(f"expected a mapping of fields (id, kind, ...), got {_describe(raw)}", file=fname, line=line)
        return None
    before = len(problems.errors)
    try:
        parsed = _FACT_ADAPTER.validate_python(raw)
    except ValidationError as exc:
        for err in _link_typos(exc.errors()):
            _report(err, raw, fname, problems, fact=fact_id, base_line=line, model=_model_for(raw))
        if len(problems.errors) == before:  # should not happen; never swallow an error
            problems.error(str(exc), file=fname, line=line, fact=fact_id)
        return None
    data = parsed.model_dump()
    common = {"id", "kind", "tags", "source", "explanation", "note", "context"}
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
    )


def _model_for(raw: dict):
    kind = raw.get("kind")
    return schema.FACT_KINDS.get(kind) if isinstance(kind, str) else None


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


# --- source texts and provenance ---------------------------------------------


def _load_source(unit_dir: Path, name: str, problems: Problems, fname: str, line: int) -> Source | None:
    path = unit_dir / name  # shown in messages as the user wrote the course path
    if unit_dir.resolve() not in path.resolve().parents:
        problems.error(f"source '{name}' must be inside the unit folder", file=fname, line=line, field="source")
        return None
    if not path.is_file():
        problems.error(f"source text '{name}' not found in '{unit_dir}'", file=fname, line=line, field="source")
        return None
    text = _read_text(path, problems)
    if text is None:
        return None
    meta: dict = {}
    body = text
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end < 0:
            problems.error("front matter opened with '---' is never closed", file=str(path), line=1)
            return None
        front = text[4:end]
        body = text[end + 5 :]
        try:
            meta = YAML(typ="safe", pure=True).load(front) or {}
        except YAMLError as exc:
            _yaml_problem(exc, str(path), problems)
            return None
        parsed = _validate(schema.SourceMeta, meta, str(path), problems)
        if parsed is None:
            return None
        meta = parsed.model_dump()
    else:
        problems.error(
            "a source text starts with front matter between '---' lines giving at least its title",
            file=str(path),
            line=1,
        )
        return None
    paragraphs = tuple(p.strip() for p in re.split(r"\n\s*\n", body) if p.strip())
    if not paragraphs:
        problems.error("the source text has no paragraphs", file=str(path))
    return Source(
        path=str(path),
        title=meta["title"],
        paragraphs=paragraphs,
        author=meta.get("author") or "",
        publisher=meta.get("publisher") or "",
        url=meta.get("url") or "",
        date=meta.get("date") or "",
        attribution=meta.get("attribution") or "",
    )


_QUOTE_MARKS = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
                              "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"'})


def normalise(text: str) -> str:
    """Fold the differences a quote check should forgive: whitespace and quote marks."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTE_MARKS)
    return re.sub(r"\s+", " ", text).strip()


def _check_provenance(fact: Fact, source: Source, problems: Problems) -> None:
    n = len(source.paragraphs)
    where = dict(file=fact.file, line=fact.line, fact=fact.id)
    if not 1 <= fact.paragraph <= n:
        problems.error(
            f"paragraph {fact.paragraph} is out of range: {Path(source.path).name} has {n} paragraphs",
            field="source.paragraph",
            **where,
        )
        return
    quote = normalise(fact.quote)
    if quote in normalise(source.paragraphs[fact.paragraph - 1]):
        return
    folded = [normalise(p) for p in source.paragraphs]
    # Nearest first: after a paragraph is inserted or split above, the quote is a few paragraphs on.
    found = sorted((i + 1 for i, p in enumerate(folded) if quote in p), key=lambda n: (abs(n - fact.paragraph), n))
    across = [i + 1 for i in range(n - 1) if quote in f"{folded[i]} {folded[i + 1]}"]
    if found:
        hint = f"it is in paragraph {found[0]}" + (f" (and in {_numbers(found[1:])})" if found[1:] else "")
    elif across:
        hint = (f"it runs across paragraphs {across[0]} and {across[0] + 1}: was a paragraph split there? "
                f"quote words from one of them")
    else:
        hint = f"nearest passage: \"{_nearest(quote, folded[fact.paragraph - 1])}\""
    problems.error(
        f"quote not found in paragraph {fact.paragraph} of {Path(source.path).name}; {hint}",
        field="source.quote",
        **where,
    )


def _numbers(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers[:-1]) + (" and " if len(numbers) > 1 else "") + str(numbers[-1])


def _nearest(quote: str, paragraph: str) -> str:
    words = paragraph.split(" ")
    size = max(1, len(quote.split(" ")))
    best, best_ratio = "", -1.0
    for i in range(max(1, len(words) - size + 1)):
        window = " ".join(words[i : i + size])
        ratio = difflib.SequenceMatcher(None, quote.lower(), window.lower()).ratio()
        if ratio > best_ratio:
            best, best_ratio = window, ratio
    return best


# --- YAML, text and error reporting -----------------------------------------


def _read_text(path: Path, problems: Problems) -> str | None:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")  # a BOM is accepted and dropped
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); save the file as UTF-8",
            file=str(path),
            line=line,
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_yaml(path: Path, problems: Problems) -> Any:
    text = _read_text(path, problems)
    if text is None:
        return None
    bad = _CONTROL_IN_FILE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        problems.error(
            f"contains the control character U+{ord(bad.group()):04X}, which YAML does not allow; remove it",
            file=str(path),
            line=line,
            column=column,
        )
        return None
    try:
        # The round-trip loader is safe (it builds no Python objects from tags)
        # and remembers the line of every key and item.
        data = YAML(typ="rt", pure=True).load(text)
    except YAMLError as exc:
        _yaml_problem(exc, str(path), problems)
        return None
    if data is None:
        problems.error(
            f"the file is empty; {path.name} needs a mapping of fields such as 'title: ...'", file=str(path), line=1
        )
        return None
    if not isinstance(data, dict):
        problems.error(f"expected a mapping of fields at the top level, got {_describe(data)}", file=str(path), line=1)
        return None
    before = len(problems.errors)
    _refuse_tags(data, str(path), problems, 1)
    if len(problems.errors) > before:
        return None
    return data


# Control characters YAML refuses anyway; caught first to report where they are.
_CONTROL_IN_FILE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def _refuse_tags(node: Any, fname: str, problems: Problems, line: int) -> None:
    """Refuse explicit YAML tags such as `!!python/object/apply:...`.

    The loader never acts on a tag, but a tagged value is never what a course
    means, and saying so beats a puzzling type error further on.
    """
    tag = getattr(getattr(node, "tag", None), "value", None)
    if tag:
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        problems.error(
            f"the YAML tag '{shown}' is not allowed; quizgen reads plain YAML values only (remove the tag)",
            file=fname,
            line=line,
        )
        return
    lc = getattr(node, "lc", None)
    if isinstance(node, dict):
        for key, value in node.items():
            try:
                sub = lc.value(key)[0] + 1 if lc is not None else line
            except (KeyError, TypeError, AttributeError):
                sub = line
            _refuse_tags(value, fname, problems, sub)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            try:
                sub = lc.item(index)[0] + 1 if lc is not None else line
            except (KeyError, TypeError, AttributeError, IndexError):
                sub = line
            _refuse_tags(value, fname, problems, sub)


def _yaml_problem(exc: YAMLError, fname: str, problems: Problems) -> None:
    mark = getattr(exc, "problem_mark", None) if isinstance(exc, MarkedYAMLError) else None
    what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    if context and context_mark is not None and mark is not None and context_mark.line != mark.line:
        context += f" started on line {context_mark.line + 1}"
    msg = f"invalid YAML: {what}" + (f" ({context})" if context else "")
    if "found" in what and mark is not None:
        msg += "; check the indentation and the quotes on this line and the lines before it"
    problems.error(msg, file=fname, line=(mark.line + 1) if mark else 0, column=(mark.column + 1) if mark else 0)


def _validate(model, raw: Any, fname: str, problems: Problems):
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        for err in _link_typos(exc.errors()):
            _report(err, raw, fname, problems, model=model, base_line=1)
        return None


def _link_typos(errors: list[dict]) -> list[dict]:
    """Mark 'missing field x' when an unknown field beside it looks like a misspelling of x.

    Both are reported (the file really lacks x and really has the unknown
    field), but the missing-field message then points at the likely typo.
    """
    missing = [tuple(e["loc"]) for e in errors if e["type"] == "missing"]
    typo_of: dict[tuple, str] = {}
    for err in errors:
        if err["type"] != "extra_forbidden":
            continue
        loc = tuple(err["loc"])
        siblings = [m[-1] for m in missing if m[:-1] == loc[:-1] and isinstance(m[-1], str)]
        close = difflib.get_close_matches(str(loc[-1]), siblings, n=1, cutoff=0.6)
        if close:
            typo_of.setdefault(loc[:-1] + (close[0],), str(loc[-1]))
    out = []
    for err in errors:
        typo = typo_of.get(tuple(err["loc"])) if err["type"] == "missing" else None
        out.append({**err, "typo": typo} if typo else err)
    return out


def _line_of(node: Any, path: tuple, base_line: int = 0) -> int:
    """Return the 1-based line of the deepest node along `path` that YAML located."""
    line = base_line
    for key in path:
        lc = getattr(node, "lc", None)
        try:
            if isinstance(node, dict) and key in node:
                if lc is not None:
                    line = lc.key(key)[0] + 1
                node = node[key]
            elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
                if lc is not None:
                    line = lc.item(key)[0] + 1
                node = node[key]
            else:
                break
        except (KeyError, AttributeError, TypeError, IndexError):
            break
    return line


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"a true/false value ({value})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{shown}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "int_parsing": "a whole number",
}


def _split_loc(raw: Any, loc: tuple) -> tuple[str, str]:
    """Name a location: dotted field names, and list positions counted from 1."""
    names, positions, node = [], [], raw
    for part in loc:
        if isinstance(part, int) and isinstance(node, list):
            positions.append(part + 1)
        else:
            names.append(str(part))
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    return ".".join(names), "".join(f"item {n}: " for n in positions)


def _report(err: dict, raw: Any, fname: str, problems: Problems, fact: str = "", base_line: int = 0, model=None):
    loc = tuple(err["loc"])
    etype = err["type"]
    # Discriminated unions put the kind name in the location; drop it.
    if loc and isinstance(loc[0], str) and loc[0] in schema.FACT_KINDS:
        loc = loc[1:]
    field, item = _split_loc(raw, loc)
    line = _line_of(raw, loc, base_line) or base_line
    value = err.get("input")
    ctx = err.get("ctx") or {}
    where = dict(file=fname, line=line, fact=fact, field=field)

    def error(message: str) -> None:
        problems.error(item + message, **where)

    if etype == "missing":
        typo = err.get("typo")
        error("missing required field" + (f" ('{typo}' looks like a misspelling of it)" if typo else ""))
    elif etype == "extra_forbidden":
        allowed = _allowed_fields(loc[:-1], model)
        name = str(loc[-1])
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else (f"; allowed: {', '.join(allowed)}" if allowed else "")
        error(f"unknown field{hint}")
    elif etype in ("union_tag_invalid", "union_tag_not_found"):
        kinds = ", ".join(schema.FACT_KINDS)
        if etype == "union_tag_not_found":
            problems.error(f"missing required field; expected one of: {kinds}", file=fname, line=base_line, fact=fact,
                           field="kind")
        else:
            tag = ctx.get("tag")
            close = difflib.get_close_matches(str(tag), list(schema.FACT_KINDS), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.error(
                f"unknown kind '{tag}'{hint}; expected one of: {kinds}",
                file=fname,
                line=_line_of(raw, ("kind",), base_line),
                fact=fact,
                field="kind",
            )
    elif etype in ("string_too_short", "too_short"):
        if isinstance(value, (str, type(None))) or etype == "string_too_short":
            error("must not be empty")
        else:
            least = ctx.get("min_length", 1)
            error(f"must list at least {least} item{'s' * (least != 1)}, but the list is empty"
                  if not value else f"must list at least {least} items, but has {len(value)}")
    elif etype in ("string_too_long", "too_long"):
        limit = ctx.get("max_length")
        unit = "characters" if isinstance(value, str) else "items"
        error(f"is {len(value)} {unit} long; at most {limit} allowed")
    elif etype == "string_pattern_mismatch":
        pattern = ctx.get("pattern")
        if pattern == schema.SLUG_RE:
            expected = "a lower-case slug of letters, digits and single hyphens, e.g. 'tokayev-president'"
            if field == "units":
                expected = "a unit folder name: " + expected.replace("a lower-case", "lower-case") + (
                    " ('/', '\\' and '..' are not allowed; a unit is a folder directly inside the course folder)"
                )
        elif pattern == schema.DATE_RE:
            expected = "an ISO date: a year (2022), a month (2022-04) or a day (2022-04-28)"
        else:
            expected = f"text matching {pattern}"
        error(f"expected {expected}, but received {_describe(value)}")
    elif etype in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = {"greater_than_equal": ("at least", "ge"), "less_than_equal": ("at most", "le"),
                 "greater_than": ("more than", "gt"), "less_than": ("less than", "lt")}[etype]
        hint = " (paragraphs are numbered from 1)" if field.endswith("paragraph") else ""
        error(f"must be {bound[0]} {ctx.get(bound[1])}{hint}, but received {_describe(value)}")
    elif etype == "string_unicode":
        error("contains an escape for half of a UTF-16 surrogate pair (such as \\ud800), which is not a "
              "character; write the character itself")
    elif etype in _EXPECTED:
        error(f"expected {_EXPECTED[etype]}, but received {_describe(value)}")
    elif etype == "literal_error":
        error(f"expected one of: {ctx.get('expected', '')}, but received {_describe(value)}")
    elif etype == "value_error":
        error(str(ctx.get("error", err["msg"])))
    else:
        error(f"{err['msg'].rstrip('.').lower()}, but received {_describe(value)}")


def _allowed_fields(parent: tuple, model) -> list[str]:
    if model is None:
        return []
    m = model
    for part in parent:
        info = getattr(m, "model_fields", {}).get(part) if isinstance(part, str) else None
        ann = getattr(info, "annotation", None) if info else None
        if ann is not None and hasattr(ann, "model_fields"):
            m = ann
    return sorted(getattr(m, "model_fields", {}))
