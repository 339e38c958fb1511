"""Source texts: front matter, numbered paragraphs, and the check that each fact's quote is in its paragraph."""
from __future__ import annotations

import difflib
import heapq
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path, PurePosixPath

from ruamel.yaml.error import YAMLError

from .. import schema
from ..errors import Problems
from ..model import Fact, Source
from ..paths import outside_course
from ..text import normalise
from .files import bounded_yaml, read_text, refuse_control_characters, yaml_problem
from .messages import validate


def load_source(unit_dir: Path, name: str, problems: Problems, fname: str, line: int,
                course_dir: Path) -> Source | None:
    path = unit_dir / name  # shown in messages as the user wrote the course path
    relative = PurePosixPath(name.replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts:  # links: judged by where they lead, below
        problems.error(f"source '{name}' must be inside the unit folder", file=fname, line=line, field="source")
        return None
    why = outside_course(path, course_dir)
    if why:
        problems.error(f"source text '{name}' {why}", file=fname, line=line, field="source")
        return None
    if not path.is_file():
        problems.error(f"source text '{name}' not found in '{unit_dir}'", file=fname, line=line, field="source")
        return None
    text = read_text(path, problems)
    if text is None or not refuse_control_characters(text, path, problems):
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
            meta = bounded_yaml("rt").load(front) or {}
        except YAMLError as exc:
            yaml_problem(exc, str(path), problems, first_line=2)
            return None
        found = Problems()
        parsed = validate(schema.SourceMeta, meta, str(path), found)
        # Lines counted in the front matter, which starts on the file's second line.
        problems.items += [replace(p, line=p.line + 1) if p.line else p for p in found.items]
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
        called=meta.get("called") or schema.CALLED_DEFAULT,
    )


def check_provenance(fact: Fact, source: Source, problems: Problems) -> None:
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
    found = sorted((i + 1 for i, p in enumerate(folded) if quote in p), key=lambda k: (abs(k - fact.paragraph), k))
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
    return ", ".join(str(k) for k in numbers[:-1]) + (" and " if len(numbers) > 1 else "") + str(numbers[-1])


NEAREST_CANDIDATES = 8  # windows that the character comparison ranks, of those sharing the most trigrams
NEAREST_SHOWN = 80  # characters of the nearest passage a message quotes


def _nearest(quote: str, paragraph: str) -> str:
    """The run of the paragraph's words most like the quote, as many words as the quote has.

    Every window of words is scored by the character trigrams it shares with the quote,
    kept up to date as the window slides one word on, so the work is linear in the
    paragraph (difflib over every window was quadratic: minutes for a 40,000-word
    paragraph). The few best windows are then ranked by difflib's ratio, which
    tells a mistyped word from a missing one; ties go to the earlier window.
    """
    words = paragraph.split(" ")
    size = max(1, len(quote.split(" ")))
    quote = quote.lower()
    wanted = Counter(gram for word in quote.split(" ") for gram in _trigrams(word))
    grams = [_trigrams(word.lower()) for word in words]
    have: Counter = Counter()
    shared = 0
    best: list[tuple[int, int]] = []  # (shared trigrams, -start) of the best windows, a min-heap
    for end in range(len(words)):
        for gram in grams[end]:
            if have[gram] < wanted.get(gram, 0):
                shared += 1
            have[gram] += 1
        start = end - size + 1
        if start > 0:
            for gram in grams[start - 1]:
                have[gram] -= 1
                if have[gram] < wanted.get(gram, 0):
                    shared -= 1
        if start >= 0 or end == len(words) - 1:
            entry = (shared, -max(start, 0))
            if len(best) < NEAREST_CANDIDATES:
                heapq.heappush(best, entry)
            elif entry > best[0]:
                heapq.heapreplace(best, entry)
    if len(quote) <= 1_000:  # the comparison costs at most a bounded amount per window
        windows = sorted(-start for _, start in best)
        texts = [" ".join(words[i : i + size]) for i in windows]
        ratios = [difflib.SequenceMatcher(None, quote, text.lower()).ratio() for text in texts]
        chosen = texts[max(range(len(texts)), key=lambda k: (ratios[k], -windows[k]))]
    else:  # the most trigrams shared, the earlier window on a tie
        start = -max(best)[1]
        chosen = " ".join(words[start : start + size])
    return chosen if len(chosen) <= NEAREST_SHOWN else chosen[: NEAREST_SHOWN - 3].rstrip() + "..."


def _trigrams(word: str) -> list[str]:
    padded = f" {word} "
    return [padded[i : i + 3] for i in range(len(padded) - 2)]
