"""Which cards a note has, decided as Anki decides it.

Anki makes a card of a normal note type for each card template whose front is
not empty, and of a cloze note type for each cloze number found in the note's
fields; a note that would have none gets its first card. It applies this rule
when a note is added or edited and in Tools > Check Database, and lists the
cards it breaks under Tools > Empty Cards. The package must therefore hold
exactly the cards this rule gives, or Anki's own maintenance adds or removes
cards the build did not mean.

This module follows Anki's template reader and emptiness test
(rslib/src/template.rs, notetype/cardgen.rs, cloze.rs in Anki's source), for
the template syntax Anki reads: `{{Field}}`, `{{filter:Field}}`, sections
`{{#Field}}`/`{{^Field}}`...`{{/Field}}`, and `<!-- comments -->`, inside which
nothing is read. The tests compare it with Anki's own library.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# Special fields Anki fills itself. When it decides whether a front is empty it counts them as
# filled (Tags only when the note has tags), except FrontSide.
SPECIAL_FIELDS = ("FrontSide", "Tags", "Type", "Deck", "Subdeck", "CardFlag", "Card", "CardID")
# Anki's test for an empty field: only whitespace and bare <br> or <div> tags.
_EMPTY_FIELD = re.compile(r"^(?:\s|</?(?:br|div) ?/?>)*$", re.I | re.S)
_CLOZE_OPEN = re.compile(r"\{\{c(\d+)::")
MAX_CLOZE_CARD = 499  # Anki puts cloze numbers above 500 on the 500th card


@dataclass
class Node:
    """A piece of a card template: text, a field replacement, or a section and what it holds."""

    kind: str  # "text", "field", "section" (shown when the field is filled), "inverted" (when it is empty)
    key: str = ""
    filters: tuple[str, ...] = ()
    children: list[Node] = field(default_factory=list)
    offset: int = 0  # where the tag starts in the template text


class TemplateSyntaxError(ValueError):
    pass


def parse_template(text: str) -> list[Node]:
    """Read a card template into nodes, as Anki reads it; raise TemplateSyntaxError on an unclosed section."""
    root: list[Node] = []
    stack: list[tuple[Node, list[Node]]] = []
    nodes = root
    for kind, body, offset in _tokens(text):
        if kind == "text":
            nodes.append(Node("text", body, offset=offset))
            continue
        handle = body.lstrip("{").strip()
        if len(handle) >= 2 and handle[0] in "#^/":
            name = handle[1:].lstrip()
            if handle[0] == "/":
                if not stack or stack[-1][0].key != name:
                    raise TemplateSyntaxError(f"'{{{{/{name}}}}}' closes no open section")
                nodes = stack.pop()[1]
                continue
            section = Node("section" if handle[0] == "#" else "inverted", name, offset=offset)
            nodes.append(section)
            stack.append((section, nodes))
            nodes = section.children
            continue
        key, *filters = reversed(handle.split(":"))
        nodes.append(Node("field", key, tuple(reversed(filters)), offset=offset))
    if stack:
        raise TemplateSyntaxError(f"the section '{{{{#{stack[-1][0].key}}}}}' is never closed")
    return root


def _tokens(text: str):
    """(kind, body, offset) of each handlebar tag and run of text; comments are skipped, as Anki skips them."""
    pos, start = 0, 0
    while pos < len(text):
        if text.startswith("{{", pos):
            end = text.find("}}", pos + 2)
            if end >= 0:
                if start < pos:
                    yield "text", text[start:pos], start
                yield "tag", text[pos + 2:end], pos
                pos = start = end + 2
                continue
        if text.startswith("<!--", pos):
            end = text.find("-->", pos + 4)
            if end >= 0:
                if start < pos:
                    yield "text", text[start:pos], start
                pos = start = end + 3
                continue
        pos += 1
    if start < len(text):
        yield "text", text[start:], start


def front_shows(nodes: list[Node], filled: set[str]) -> Node | None:
    """The first field replacement that makes a front non-empty for these filled fields, or None if it is empty.

    Anki's rule: text never counts; a field counts when it is filled; a section's content counts
    when its field is filled, an inverted section's when its field is empty.
    """
    for node in nodes:
        if node.kind == "field":
            if node.key in filled:
                return node
        elif node.kind == "section":
            if node.key in filled:
                found = front_shows(node.children, filled)
                if found is not None:
                    return found
        elif node.kind == "inverted":
            if node.key not in filled:
                found = front_shows(node.children, filled)
                if found is not None:
                    return found
    return None


def field_is_empty(value: str) -> bool:
    return bool(_EMPTY_FIELD.match(value))


def filled_fields(fields: dict[str, str], has_tags: bool) -> set[str]:
    """The fields Anki counts as filled when deciding which cards a note has: its own, and the special ones."""
    filled = {name for name, value in fields.items() if not field_is_empty(value)}
    filled |= {name for name in SPECIAL_FIELDS if name not in fields and name != "FrontSide"
               and (name != "Tags" or has_tags)}
    return filled


def cloze_numbers(fields: dict[str, str]) -> set[int]:
    """The cloze numbers in any of a note's fields (Anki looks in every field, shown or not)."""
    # A cloze counts once a "}}" closes it; clozes may nest.
    return {int(m.group(1)) for value in fields.values() for m in _CLOZE_OPEN.finditer(value)
            if "}}" in value[m.end():]}


def card_ords(fronts: list[list[Node]], fields: dict[str, str], has_tags: bool, cloze: bool) -> list[int]:
    """The card ordinals Anki gives a note of a note type with these parsed fronts."""
    if cloze:
        ords = sorted({min(n - 1, MAX_CLOZE_CARD) for n in cloze_numbers(fields) if n > 0})
    else:
        filled = filled_fields(fields, has_tags)
        ords = [i for i, front in enumerate(fronts) if front_shows(front, filled) is not None]
    return ords or [0]  # Anki gives a note that would have no card its first one
