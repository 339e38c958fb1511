"""Write into a course folder without ever overwriting the author's work.

New files go through the project's writer (`quizgen.writer.write_files`):
staged as temporary files and renamed into place together, with no build
manifest: a course folder is the author's, not an output folder. `course.yaml` is
changed by inserting one line, located with ruamel.yaml's round-trip reader
and checked by reading the result back, so every comment, quote style and
indentation of the file stays as the author wrote it.
"""
from __future__ import annotations

import io
from pathlib import Path

from . import AuthoringError


def write_new_files(root: Path, files: dict[str, bytes], changed: dict[str, bytes] | None = None) -> list[Path]:
    """Write `files` (which must not exist yet) and `changed` (which must) under root, all or nothing."""
    from ..writer import OutputError, write_files

    changed = changed or {}
    for rel in files:
        if (root / rel).exists():
            raise AuthoringError(f"'{root / rel}' already exists; nothing was written")
    try:
        return write_files(root, {**files, **changed})
    except OutputError as exc:
        raise AuthoringError(f"{exc}; nothing was written") from None


def read_course_yaml(path: Path):
    """Read course.yaml for editing: return (text, data) or raise AuthoringError."""
    from ruamel.yaml.error import YAMLError

    from ..loader.files import bounded_yaml

    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AuthoringError(f"'{path}' is not valid UTF-8; run 'quizgen check' to find the problem") from None
    try:
        data = bounded_yaml("rt").load(text)
    except YAMLError:
        raise AuthoringError(f"'{path}' is not valid YAML; run 'quizgen check' to see where, fix it, "
                             f"and run this command again") from None
    if not isinstance(data, dict):
        raise AuthoringError(f"'{path}' must be a mapping of fields (title, slug, units, ...)")
    units = data.get("units")
    if units is not None and (not isinstance(units, list) or not all(isinstance(u, str) for u in units)):
        raise AuthoringError(f"'{path}': 'units' must be a list of unit folder names; fix it and try again")
    return text, data


def append_unit(text: str, slug: str) -> str:
    """Return course.yaml's text with `slug` added at the end of its units, all else unchanged."""
    from ..loader.files import bounded_yaml

    data = bounded_yaml("rt").load(text)
    units = data.get("units")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    if units and not getattr(units, "fa", None).flow_style():
        # A block list: repeat the last item's line prefix ("  - ") on a new line after it.
        line, column = units.lc.item(len(units) - 1)
        prefix = lines[line][:column]
        lines.insert(line + 1, f"{prefix}{slug}{newline}")
        result = "".join(lines)
    elif "units" in data:
        # "units: []", "units: [a, b]" or "units:" with nothing: write it again as a block list.
        key_line = data.lc.key("units")[0]
        value_line = data.lc.value("units")[0]
        end = _flow_end(lines, value_line) if isinstance(units, list) else key_line
        comment = lines[end].split("#", 1)[1].rstrip("\r\n") if "#" in lines[end][lines[end].rfind("]") + 1:] else ""
        indent = lines[key_line][: len(lines[key_line]) - len(lines[key_line].lstrip())]
        items = [*(units or []), slug]
        block = [f"{indent}units:{'  #' + comment if comment else ''}{newline}"]
        block += [f"{indent}  - {u}{newline}" for u in items]
        result = "".join(lines[:key_line] + block + lines[end + 1 :])
    else:
        ending = "" if text.endswith(("\n", "\r")) or not text else newline
        result = text + ending + f"units:{newline}  - {slug}{newline}"
    _check_only_units_changed(text, result, slug)
    return result


def _flow_end(lines: list[str], start: int) -> int:
    """The line on which a flow list that opens on line `start` closes."""
    for number in range(start, len(lines)):
        if "]" in lines[number].split("#", 1)[0]:
            return number
    raise AuthoringError("could not find where the units list of course.yaml ends; add the unit by hand")


def _check_only_units_changed(before: str, after: str, slug: str) -> None:
    from ..loader.files import bounded_yaml

    old, new = (bounded_yaml("safe").load(io.StringIO(t)) for t in (before, after))
    expected = dict(old)
    expected["units"] = [*(old.get("units") or []), slug]
    if new != expected:
        raise AuthoringError(
            f"could not add '{slug}' to the units in course.yaml without changing anything else; "
            f"add '- {slug}' to its units by hand"
        )
