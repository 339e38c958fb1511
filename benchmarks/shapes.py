"""Synthetic courses of several shapes, so that no single course's shape decides whether the goals are met.

Every shape but `plain` has all six fact kinds in every unit, with a fill-in-the-blank
background fact among every six, so every unit sheet has a word bank:

    plain      people, events and terms only (the course bench_build.py has always used)
    banks      all six kinds, word banks in every unit, 2 versions, no exam
    exam       as banks, plus a course exam of 40 questions
    versions3  as banks, with 3 versions of every sheet
    big-unit   one unit holding every fact (its facts per unit are units x facts)
    wide       as banks, at 4x the units

Usage: python benchmarks/shapes.py SHAPE OUT_DIR [--units 20] [--facts 60]
"""
from __future__ import annotations

import argparse
from pathlib import Path

SHAPES = ("plain", "banks", "exam", "versions3", "big-unit", "wide")


def letters(n: int) -> str:
    """A number as capital letters (0 -> A, 27 -> BB): a description that does not repeat its name's number,
    which a matching question would give away (and the lint would say so)."""
    out = ""
    while True:
        n, digit = divmod(n, 26)
        out = chr(ord("A") + digit) + out
        if n == 0:
            return out


def plain_fact(n: int, i: int, kind_index: int | None = None) -> tuple[str, str]:
    """A person, event or term (in turn, or the one `kind_index` says) in paragraph i + 1: its text and YAML."""
    sentence = f"Statement number {n} records detail {n} of the synthetic history."
    src = f'    source: {{paragraph: {i + 1}, quote: "records detail {n} of"}}\n'
    kind = ("person", "event", "term")[i % 3 if kind_index is None else kind_index]
    if kind == "person":
        return sentence, (f"  - id: person-{n}\n    kind: person\n    name: Person {n}\n"
                          f"    role: holder of office {letters(n)}\n" + src)
    if kind == "event":
        year, month = 1900 + n % 120, 1 + n % 12
        return sentence, (f"  - id: event-{n}\n    kind: event\n    what: happening number {n} took place\n"
                          f'    when: "{year}-{month:02d}"\n' + src)
    return sentence, (f"  - id: term-{n}\n    kind: term\n    term: Organisation {n}\n"
                      f"    definition: body charged with task {letters(n)}\n" + src)


def _six_kinds_fact(n: int, i: int) -> tuple[str, str]:
    """One fact of the six kinds, in turn: its paragraph and its YAML."""
    kind = i % 6
    if kind < 3:
        return plain_fact(n, i, kind)
    src = f'    source: {{paragraph: {i + 1}, quote: "records detail {n} of"}}\n'
    if kind == 3:  # background: a sentence with a blank, for the word banks
        word = f"Region{letters(n)}"
        sentence = f"Statement number {n} records detail {n} of the synthetic history, set in {word}."
        return sentence, (f"  - id: setting-{n}\n    kind: background\n    period: the synthetic era\n"
                          f'    statement: "Detail {n} of the synthetic history was set in [[{word}]]."\n' + src)
    sentence = f"Statement number {n} records detail {n} of the synthetic history."
    if kind == 4:
        return sentence, (f"  - id: cause-{n}\n    kind: cause_effect\n    cause: scarcity in depot {letters(n)}\n"
                          f"    effect: reform across district {letters(n + 7)}\n" + src)
    if (i // 6) % 2:  # the article's own opinion, with a false version for a true/false question
        return sentence, (f"  - id: claim-{n}\n    kind: claim\n    speaker: the article\n"
                          f"    claim: plan {letters(n)} would change ledger {letters(n + 3)}\n"
                          f"    distortion: plan {letters(n)} would change ledger {letters(n + 5)}\n" + src)
    return sentence, (f"  - id: claim-{n}\n    kind: claim\n    speaker: Speaker {n}\n"
                      f"    claim: plan {letters(n)} would change ledger {letters(n + 3)}\n" + src)


def make_course(root: Path, shape: str, units: int = 20, facts_per_unit: int = 60) -> Path:
    """Write a synthetic course of a shape (see the module's docstring) into `root`."""
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}; one of {', '.join(SHAPES)}")
    if shape == "big-unit":
        units, facts_per_unit = 1, units * facts_per_unit
    if shape == "wide":
        units *= 4
    settings = {"exam": "  versions: 2\n  exam: 40\n", "versions3": "  versions: 3\n"}.get(shape, "  versions: 2\n")
    fact = plain_fact if shape == "plain" else _six_kinds_fact
    root.mkdir(parents=True, exist_ok=True)
    (root / "course.yaml").write_text(
        f"title: Synthetic benchmark course ({shape})\nslug: bench\nunits:\n"
        + "".join(f"  - unit-{u:03d}\n" for u in range(units))
        + "settings:\n" + settings,
        encoding="utf-8",
    )
    for u in range(units):
        unit = root / f"unit-{u:03d}"
        unit.mkdir()
        paragraphs, facts = [], []
        for i in range(facts_per_unit):
            paragraph, yaml = fact(u * facts_per_unit + i, i)
            paragraphs.append(paragraph)
            facts.append(yaml)
        (unit / "source.md").write_text(f"---\ntitle: Synthetic text {u}\n---\n" + "\n\n".join(paragraphs) + "\n",
                                        encoding="utf-8")
        (unit / "facts.yaml").write_text(f"title: Unit {u}\nfacts:\n" + "".join(facts), encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shape", choices=SHAPES)
    parser.add_argument("out", type=Path)
    parser.add_argument("--units", type=int, default=20)
    parser.add_argument("--facts", type=int, default=60)
    args = parser.parse_args()
    make_course(args.out, args.shape, args.units, args.facts)


if __name__ == "__main__":
    main()
