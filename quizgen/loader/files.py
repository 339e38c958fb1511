"""Read a course's text and YAML files: UTF-8 checked, line numbers kept, tags refused.

Knows files and YAML, nothing of the schema; every problem goes to a `Problems`.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ..errors import Problems


def read_text(path: Path, problems: Problems) -> str | None:
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


def read_yaml(path: Path, problems: Problems) -> Any:
    text = read_text(path, problems)
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
        yaml_problem(exc, str(path), problems)
        return None
    if data is None:
        problems.error(
            f"the file is empty; {path.name} needs a mapping of fields such as 'title: ...'", file=str(path), line=1
        )
        return None
    if not isinstance(data, dict):
        problems.error(f"expected a mapping of fields at the top level, got {describe(data)}", file=str(path), line=1)
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


def yaml_problem(exc: YAMLError, fname: str, problems: Problems) -> None:
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


def line_of(node: Any, path: tuple, base_line: int = 0) -> int:
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


def describe(value: Any) -> str:
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

