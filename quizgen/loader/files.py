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


def yaml_problem(exc: YAMLError, fname: str, problems: Problems, first_line: int = 1) -> None:
    """Record a YAML syntax error at its line, with a hint for the common mistakes behind it.

    `first_line` is the line of the file that the YAML text starts on (a front matter's is line 2).
    """
    mark = getattr(exc, "problem_mark", None) if isinstance(exc, MarkedYAMLError) else None
    shift = first_line - 1
    if isinstance(exc, YAMLBoundError):
        problems.error(exc.problem, file=fname, line=(mark.line + 1 + shift) if mark else 0)
        return
    what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    hint, at = _yaml_hint(what, context or "", mark, context_mark, shift)
    if context and context_mark is not None and mark is not None and context_mark.line != mark.line:
        context += f" started on line {context_mark.line + 1 + shift}"
    msg = f"invalid YAML: {what}" + (f" ({context})" if context else "")
    if hint:
        msg += "; " + hint
    elif "found" in what and mark is not None:
        msg += "; check the indentation and the quotes on this line and the lines before it"
    at = at or mark
    problems.error(msg, file=fname, line=(at.line + 1 + shift) if at else 0, column=(at.column + 1) if at else 0)


# --- hints for the YAML mistakes authors make most ------------------------------------------------
#
# The YAML library stops at the first error and words it in its own terms ("mapping values are not
# allowed here"). The hints below read the line it stopped on and say what is usually wrong there:
# a ': ' inside an unquoted value, a tab, a quote left open or closed too early, a line out of step
# with its neighbours. Each returns the hint and, where the mistake is on another line than where the
# library stopped, that line's mark.

_FIELD = re.compile(r"^(\s*)(?:-\s+)*([^\s:#'\"{\[][^:#]*?|\"[^\"]*\"|'[^']*')\s*:(?:\s|$)")
_QUOTE_NAMES = {'"': "double quote", "'": "single quote"}


def _yaml_hint(what: str, context: str, mark, context_mark, shift: int) -> tuple[str, Any]:
    lines = _text_of(mark).split("\n") if mark is not None else []
    if not lines or mark.line >= len(lines):
        return "", None
    line = lines[mark.line]

    def number(index: int) -> int:
        return index + 1 + shift

    if what == "mapping values are not allowed here":
        field = _FIELD.match(line)
        if field and field.end() <= mark.column:
            return (f"the value of '{field.group(2).strip()}' holds ': ', which YAML reads as the start of another "
                    f"field; put the whole value in double quotes ({field.group(2).strip()}: \"...\")"), None
        return _out_of_step(lines, mark.line), None
    if "cannot start any token" in what:
        char = line[mark.column:mark.column + 1]
        if char == "\t":
            return "this line holds a tab where YAML expects spaces: indent with spaces only", None
        if char:
            return f"a value cannot start with '{char}' in YAML: put the value in double quotes", None
    if what.startswith("found undefined alias"):
        return ("a value starting with '*' reads as an alias (a reference to an '&' anchor): put the value in double "
                "quotes"), None
    if what.startswith("found duplicate key"):
        key = re.match(r'found duplicate key "(.*?)"', what)
        return f"'{key.group(1) if key else 'this field'}' is given twice here; keep one of them", None
    if "quoted scalar" in context and "end of stream" in what and context_mark is not None:
        quote = _QUOTE_NAMES.get(_text_of(context_mark)[context_mark.pointer:context_mark.pointer + 1], "quote")
        return (f"the {quote} that opens the value on line {number(context_mark.line)} is never closed: end the "
                f"value with a {quote}"), context_mark
    if "flow mapping" in context or "flow sequence" in context:
        closing = "}" if "mapping" in context else "]"
        if what.endswith("got ':'"):
            return ("a value inside { } or [ ] that holds ': ' must be in quotes, e.g. quote: \"Note: ...\""), None
        if context_mark is not None and (context_mark.line != mark.line or "<stream end>" in what):
            return (f"the '{'{' if closing == '}' else '['}' opened on line {number(context_mark.line)} is never "
                    f"closed with '{closing}' on that line"), context_mark
        return "", None
    if what.startswith("expected <block end>") or what.startswith("expected <block mapping"):
        if "'<scalar>'" in what or "'<scalar>'" in context:
            return _after_a_quote(lines, mark, number), None
        return _out_of_step(lines, mark.line), None
    return "", None


def _text_of(mark) -> str:
    return (getattr(mark, "buffer", "") or "").rstrip("\x00")


def _after_a_quote(lines: list[str], mark, number) -> str:
    """The hint for text YAML found after a quoted value had ended."""
    line = lines[mark.line]
    before = line[:mark.column].rstrip()
    quote = before[-1:] if before[-1:] in _QUOTE_NAMES else ""
    field = _FIELD.match(line)
    value_start = line[field.end():].lstrip()[:1] if field else ""
    if quote and field and value_start == quote and before.count(quote) >= 2:
        name = field.group(2).strip()
        if quote == "'":
            return (f"the value of '{name}' is in single quotes, so its apostrophe ends it: write the apostrophe "
                    f"twice ('') or put the value in double quotes")
        return (f"the value of '{name}' starts with a quoted part, so YAML ends the value where that part ends; put "
                f"the whole value in single quotes ({name}: '\"...\" ...')")
    if quote:  # the quote mark closes a value opened on an earlier line and never closed there
        for index in range(mark.line - 1, max(-1, mark.line - 30), -1):
            earlier = lines[index]
            opened = re.search(r"(?::|^\s*-)\s+([\"'])", earlier)
            if opened and opened.group(1) == quote and earlier.count(quote) % 2 == 1:
                return (f"the {_QUOTE_NAMES[quote]} opened on line {number(index)} is not closed on that line, so "
                        f"the value runs on to the next {_QUOTE_NAMES[quote]}, here; close it on line {number(index)}")
    return "check the indentation and the quotes on this line and the lines before it"


def _out_of_step(lines: list[str], index: int) -> str:
    """The hint for a line YAML could not fit into the structure of the lines above it."""
    this = lines[index]
    indent = len(this) - len(this.lstrip(" "))
    for earlier in reversed(lines[:index]):
        if not earlier.strip() or earlier.lstrip().startswith("#"):
            continue
        field = re.match(r"^(\s*(?:-\s+)*)\S", earlier)
        column = len(field.group(1)) if field else 0
        if indent != column and _FIELD.match(this):
            return (f"this line is indented {indent} space{'s' * (indent != 1)} and the field above it "
                    f"{column}: fields of one fact or mapping start at the same column")
        if _FIELD.match(earlier) and not earlier.rstrip().endswith(":"):
            return ("this line starts a new field inside the value of the line above; line it up with the fields "
                    "above it, or, if it continues that value, put the value in quotes")
        break
    return "check the indentation on this line and the lines before it"


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

