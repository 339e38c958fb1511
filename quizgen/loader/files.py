"""Read a course's text and YAML files: UTF-8 checked, line numbers kept, tags refused.

Knows files and YAML, nothing of the schema; every problem goes to a `Problems`.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import (
    ConstructorError,
    RoundTripConstructor,
    SafeConstructor,
)
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, SequenceNode

from ..errors import Problems
from ..paths import decode_problem, outside_course

MAX_DEPTH = 32  # lists and mappings inside each other; a course file needs about five
MAX_ALIAS_VALUES = 100_000  # values that aliases (*name) may add to a file beyond the ones written out


# --- bounded YAML --------------------------------------------------------------------------
#
# YAML aliases let eleven lines stand for billions of values (nine aliases of nine
# aliases of ...): whatever walks the result - the tag check, the schema - would
# never finish. The composer below measures, before anything is constructed, how
# many values each node stands for once its aliases are expanded (each node once,
# by identity), and refuses a document whose aliases add more than
# MAX_ALIAS_VALUES, that nests deeper than MAX_DEPTH, or whose alias refers to a
# collection that contains it.


class YAMLBoundError(MarkedYAMLError):
    """A YAML document too deep, too big once its aliases are expanded, or referring to itself."""

    def __init__(self, message: str, mark) -> None:
        super().__init__(problem=message, problem_mark=mark)


class BoundedComposer(Composer):
    def compose_document(self):
        self._sizes: dict[int, int] = {}  # id(node) -> values it stands for, aliases expanded
        self._written = 0  # nodes composed from the text itself
        self._nesting = 0
        return super().compose_document()

    def compose_node(self, parent, index):
        if self.parser.check_event(AliasEvent):
            event = self.parser.peek_event()
            target = self.anchors.get(event.anchor)
            if target is not None and id(target) not in self._sizes:
                raise YAMLBoundError(f"the alias *{event.anchor} refers to the list or mapping it is part of, which "
                                     f"would contain itself forever", event.start_mark)
            return super().compose_node(parent, index)
        self._nesting += 1
        if self._nesting > MAX_DEPTH:
            raise YAMLBoundError(f"lists and mappings nest more than {MAX_DEPTH} levels deep here; a course file "
                                 f"needs only a few levels", self.parser.peek_event().start_mark)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._nesting -= 1
        self._written += 1
        if isinstance(node, SequenceNode):
            size = 1 + sum(self._sizes[id(child)] for child in node.value)
        elif isinstance(node, MappingNode):
            size = 1 + sum(self._sizes[id(k)] + self._sizes[id(v)] for k, v in node.value)
        else:
            size = 1
        if size > self._written + MAX_ALIAS_VALUES:
            raise YAMLBoundError(f"aliases (*name) make this value stand for {size:,} values, more than a course "
                                 f"file may hold; write the values out, or use fewer aliases", node.start_mark)
        self._sizes[id(node)] = size
        return node


class _Located:
    """Constructor mix-in: a value YAML cannot turn into data is an error at its line, not a crash.

    A timestamp that is no calendar date (2022-02-30) stays text, for the schema
    to explain.
    """

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except YAMLError:
            raise
        except (ValueError, TypeError, IndexError, KeyError, OverflowError, AttributeError) as exc:
            shown = node.value if isinstance(node.value, str) else ""
            raise ConstructorError(None, None, f"cannot read the value {shown!r} ({exc})".replace(" '' ", " "),
                                   node.start_mark) from None

    def construct_yaml_timestamp(self, node, values=None):
        try:
            return super().construct_yaml_timestamp(node, values)
        except (ValueError, OverflowError):
            return str(node.value)


class BoundedRoundTripConstructor(_Located, RoundTripConstructor):
    pass


class BoundedSafeConstructor(_Located, SafeConstructor):
    pass


for _cls in (BoundedRoundTripConstructor, BoundedSafeConstructor):
    _cls.add_constructor("tag:yaml.org,2002:timestamp", _cls.construct_yaml_timestamp)


def bounded_yaml(typ: str = "rt") -> YAML:
    """A pure-Python YAML loader whose documents are bounded in depth and alias expansion."""
    yaml = YAML(typ=typ, pure=True)
    yaml.Composer = BoundedComposer
    yaml.Constructor = BoundedRoundTripConstructor if typ == "rt" else BoundedSafeConstructor
    return yaml


# --- the fast path ---------------------------------------------------------------------------
#
# Reading a facts file with the pure-Python loader costs about 50 ms per 60 facts, nearly all of
# it in scanning and parsing; libyaml's C parser (ruamel.yaml.clib) gives the same events in about
# 1 ms. The events go through the same bounded composer and constructor, so depth, aliases and
# line numbers are checked and kept as before. A file either path refuses is read again by the
# pure-Python loader, whose message (worded its own way, with a snippet of the line) the user sees.

try:
    from ruamel.yaml.cyaml import CParser as _CParser
except ImportError:  # no C extension for this Python: every file takes the pure-Python path
    _CParser = None


class _CEvents:
    """ruamel.yaml's parser interface, its events read by libyaml in C."""

    def __init__(self, loader) -> None:
        parser = _CParser(loader.quizgen_text)
        self.check_event, self.peek_event, self.get_event = parser.check_event, parser.peek_event, parser.get_event

    def dispose(self) -> None:
        pass


def load_yaml(text: str, typ: str = "rt") -> Any:
    """Load one bounded YAML document: libyaml's C parser where it is installed, else pure Python."""
    if _CParser is not None:
        yaml = bounded_yaml(typ)
        yaml.Parser = _CEvents
        yaml.quizgen_text = text
        try:
            return yaml.load(text)
        except YAMLError:
            pass  # say it in the pure-Python loader's words, with its snippet of the line
    return bounded_yaml(typ).load(text)


def read_text(path: Path, problems: Problems, root: Path | str | None = None) -> str | None:
    """A course file's text (UTF-8, newlines normalised), or None with the problem recorded."""
    if root is not None:
        why = outside_course(path, root)
        if why:
            problems.error(why, file=str(path))
            return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.error(f"cannot read the file: {exc.strerror or exc}", file=str(path))
        return None
    try:
        text = data.decode("utf-8-sig")  # a BOM is accepted and dropped
    except UnicodeDecodeError as exc:
        message, line = decode_problem(data, exc)
        problems.error(message, file=str(path), line=line)
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def refuse_control_characters(text: str, path: Path | str, problems: Problems,
                              why: str = "which a course file may not hold") -> bool:
    """Record the first control character in a course file's text, at its line and column; False if there was one.

    Tabs and line breaks aside, a control character in a course file is never meant, and
    would reach cards, pages and the terminal (ESC starts escape sequences, NUL ends C strings).
    """
    bad = _CONTROL_IN_FILE.search(text)
    if not bad:
        return True
    line = text.count("\n", 0, bad.start()) + 1
    column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
    problems.error(f"contains the control character U+{ord(bad.group()):04X}, {why}; remove it", file=str(path),
                   line=line, column=column)
    return False


def read_yaml(path: Path, problems: Problems, root: Path | str | None = None) -> Any:
    text = read_text(path, problems, root)
    if text is None:
        return None
    if not refuse_control_characters(text, path, problems, "which YAML does not allow"):
        return None
    try:
        # The round-trip loader is safe (it builds no Python objects from tags)
        # and remembers the line of every key and item.
        data = load_yaml(text, "rt")
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
    if isinstance(exc, YAMLBoundError):
        problems.error(exc.problem, file=fname, line=(mark.line + 1) if mark else 0)
        return
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

