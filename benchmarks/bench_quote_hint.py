"""Time the "nearest passage" hint that a quote not found in its paragraph gets.

One paragraph of `--words` words of article-like text, and `--quotes` quotes of 20 words
copied from it with one word mistyped: `check_provenance` runs once per quote, in a fresh
process, and the CPU time of all of them is printed with the first hint. The hint is linear
in the paragraph: doubling the words should about double the time. Prints figures; asserts
nothing. The same paragraph and quotes are written by `quote_hint_case`, which the test of
this bound (tests/test_bounds.py) uses too.
Usage: python benchmarks/bench_quote_hint.py [--words 40000] [--quotes 5]
"""
from __future__ import annotations

import argparse
import random
import subprocess
import sys
import textwrap

VOCABULARY = ("the of and to in a is that for it as was with be by on not he this are or his from at which but "
              "have an they you were her she there been one all we their has would when if so no will more out "
              "up into do any your what some can only other new time could about than them these may first then "
              "well also two over very after should most where our between such each even through before just "
              "government minister treaty border republic pipeline election parliament capital region").split()


def quote_hint_case(words: int, quotes: int) -> tuple[str, list[str], str]:
    """A paragraph of about `words` words, `quotes` quotes from it with one word mistyped, and the passage
    the first quote was copied from."""
    rng = random.Random(20)
    text = [rng.choice(VOCABULARY) for _ in range(words)]
    passages, wrong = [], []
    for n in range(quotes):
        start = (n + 1) * words // (quotes + 1)
        passage = text[start : start + 20]
        passages.append(" ".join(passage))
        typo = list(passage)
        typo[10] = typo[10][::-1] + "x"  # one word mistyped
        wrong.append(" ".join(typo))
    return " ".join(text), wrong, passages[0]


RUN = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, sys.argv[3])
    from bench_quote_hint import quote_hint_case
    from quizgen.errors import Problems
    from quizgen.loader.source import check_provenance
    from quizgen.model import Fact, Source

    paragraph, quotes, passage = quote_hint_case(int(sys.argv[1]), int(sys.argv[2]))
    source = Source(path="source.md", title="A long paragraph", paragraphs=(paragraph,))
    problems = Problems()
    start = time.process_time()
    for n, quote in enumerate(quotes):
        fact = Fact(id=f"f{n}", kind="claim", fields={}, tags=(), paragraph=1, quote=quote, file="facts.yaml",
                    line=1)
        check_provenance(fact, source, problems)
    seconds = time.process_time() - start
    hint = problems.items[0].message.split('nearest passage: ')[1].strip('"')
    right = passage.startswith(hint.removesuffix("..."))
    print(f"{seconds:.2f} {'the passage the quote was copied from' if right else 'ANOTHER PASSAGE: ' + hint}")
""")


def main() -> None:
    from pathlib import Path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=40_000)
    parser.add_argument("--quotes", type=int, default=5)
    args = parser.parse_args()
    here = str(Path(__file__).resolve().parent)
    print(f"{args.quotes} quotes of 20 words, one word of each mistyped, not found in one paragraph:")
    for words in (args.words // 4, args.words // 2, args.words):
        out = subprocess.run([sys.executable, "-c", RUN, str(words), str(args.quotes), here], capture_output=True,
                             text=True, check=True).stdout.split(" ", 1)
        print(f"  {words:>7,} words: {float(out[0]):7.2f} s of CPU; the first hint shows {out[1].strip()}")


if __name__ == "__main__":
    main()
