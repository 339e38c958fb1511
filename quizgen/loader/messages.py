"""Turn schema validation errors into messages an author can act on, located at their line."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from .. import schema
from ..errors import Problems, clip
from .files import describe, line_of


def validate(model, raw: Any, fname: str, problems: Problems):
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        for err in link_typos(exc.errors()):
            report(err, raw, fname, problems, model=model, base_line=1)
        return None


def link_typos(errors: list[dict]) -> list[dict]:
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


@dataclass(frozen=True)
class _Error:
    """One validation error, located: what the message functions below need."""

    type: str
    loc: tuple
    value: Any
    ctx: dict
    field: str
    typo: str | None
    model: Any
    msg: str


def report(err: dict, raw: Any, fname: str, problems: Problems, fact: str = "", base_line: int = 0, model=None):
    """Add one pydantic error to `problems` as a message at its file and line."""
    loc = tuple(err["loc"])
    # Discriminated unions put the kind name in the location; drop it.
    if loc and isinstance(loc[0], str) and loc[0] in schema.FACT_KINDS:
        loc = loc[1:]
    field, item = _split_loc(raw, loc)
    e = _Error(err["type"], loc, err.get("input"), err.get("ctx") or {}, field, err.get("typo"), model,
               err.get("msg", ""))
    line = line_of(raw, loc, base_line) or base_line
    if e.type == "union_tag_not_found":  # no kind at all: point at the fact itself
        field, line = "kind", base_line
    elif e.type == "union_tag_invalid":
        field, line = "kind", line_of(raw, ("kind",), base_line)
    message = _MESSAGES.get(e.type, _generic)(e)
    if e.type not in ("union_tag_not_found", "union_tag_invalid"):
        message = item + message
    problems.error(message, file=fname, line=line, fact=fact, field=field)


def _missing(e: _Error) -> str:
    return "missing required field" + (f" ('{e.typo}' looks like a misspelling of it)" if e.typo else "")


def _unknown_field(e: _Error) -> str:
    allowed = _allowed_fields(e.loc[:-1], e.model)
    close = difflib.get_close_matches(str(e.loc[-1]), allowed, n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else (f"; allowed: {', '.join(allowed)}" if allowed else "")
    return f"unknown field{hint}"


def _no_kind(e: _Error) -> str:
    return f"missing required field; expected one of: {', '.join(schema.FACT_KINDS)}"


def _unknown_kind(e: _Error) -> str:
    tag = e.ctx.get("tag")
    close = difflib.get_close_matches(str(tag), list(schema.FACT_KINDS), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown kind '{clip(tag)}'{hint}; expected one of: {', '.join(schema.FACT_KINDS)}"


def _too_short(e: _Error) -> str:
    if isinstance(e.value, (str, type(None))) or e.type == "string_too_short":
        return "must not be empty"
    least = e.ctx.get("min_length", 1)
    if not e.value:
        return f"must list at least {least} item{'s' * (least != 1)}, but the list is empty"
    return f"must list at least {least} items, but has {len(e.value)}"


def _too_long(e: _Error) -> str:
    unit = "characters" if isinstance(e.value, str) else "items"
    return f"is {len(e.value)} {unit} long; at most {e.ctx.get('max_length')} allowed"


def _pattern(e: _Error) -> str:
    pattern = e.ctx.get("pattern")
    if pattern == schema.SLUG_RE:
        expected = "a lower-case slug of letters, digits and single hyphens, e.g. 'tokayev-president'"
        if e.field == "units":
            expected = "a unit folder name: " + expected.replace("a lower-case", "lower-case") + (
                " ('/', '\\' and '..' are not allowed; a unit is a folder directly inside the course folder)"
            )
    elif pattern == schema.DATE_RE:
        expected = "an ISO date: a year (2022), a month (2022-04) or a day (2022-04-28)"
    else:
        expected = f"text matching {pattern}"
    return f"expected {expected}, but received {describe(e.value)}"


_BOUNDS = {"greater_than_equal": ("at least", "ge"), "less_than_equal": ("at most", "le"),
           "greater_than": ("more than", "gt"), "less_than": ("less than", "lt")}


def _bound(e: _Error) -> str:
    words, key = _BOUNDS[e.type]
    hint = " (paragraphs are numbered from 1)" if e.field.endswith("paragraph") else ""
    return f"must be {words} {e.ctx.get(key)}{hint}, but received {describe(e.value)}"


def _surrogate(e: _Error) -> str:
    return ("contains an escape for half of a UTF-16 surrogate pair (such as \\ud800), which is not a "
            "character; write the character itself")


def _expected(e: _Error) -> str:
    return f"expected {_EXPECTED[e.type]}, but received {describe(e.value)}"


def _literal(e: _Error) -> str:
    return f"expected one of: {e.ctx.get('expected', '')}, but received {describe(e.value)}"


def _value_error(e: _Error) -> str:
    return str(e.ctx.get("error", e.msg))


def _generic(e: _Error) -> str:
    return f"{e.msg.rstrip('.').lower()}, but received {describe(e.value)}"


_MESSAGES = {
    "missing": _missing,
    "extra_forbidden": _unknown_field,
    "union_tag_not_found": _no_kind,
    "union_tag_invalid": _unknown_kind,
    "string_too_short": _too_short,
    "too_short": _too_short,
    "string_too_long": _too_long,
    "too_long": _too_long,
    "string_pattern_mismatch": _pattern,
    **{etype: _bound for etype in _BOUNDS},
    "string_unicode": _surrogate,
    **{etype: _expected for etype in _EXPECTED},
    "literal_error": _literal,
    "value_error": _value_error,
}


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
