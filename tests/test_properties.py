"""Property-based tests: any printable text survives the build, and no input crashes the CLI.

Text is drawn from the characters the worksheet font can print (letters,
digits, punctuation and symbols of its coverage), since anything else is
refused by `check` with a message naming the character. Combining marks and
characters that Unicode normalisation would rewrite are left out: they are
legitimate input, but neither Anki nor a PDF text extractor promises to hand
them back code point for code point.
"""
from __future__ import annotations

import functools
import html
import json
import re
import tempfile
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import BROKEN, MINI, Learner, copy_course, pdf_text, run_cli
from quizgen.targets.pdf import fonts

VALID = BROKEN / "too_few_for_mcq"

# Ligatures (ﬁ, ﬂ) come back from PDF text extraction as two letters, by design.
_UNSTABLE = {"\ufb01", "\ufb02"}


def _printable() -> str:
    chars = []
    for cp in sorted(fonts.codepoints()):
        ch = chr(cp)
        if unicodedata.category(ch)[0] not in "LNPS" or ch in _UNSTABLE:
            continue
        if unicodedata.normalize("NFC", ch) != ch:
            continue
        if ch.upper() != ch and len(ch.upper()) == 1 and ord(ch.upper()) not in fonts.codepoints():
            continue  # a question starting with it prints its capital, which the font lacks ('ƒ' -> 'Ƒ')
        chars.append(ch)
    return "".join(chars)


PRINTABLE = _printable()

words = st.text(alphabet=PRINTABLE, min_size=1, max_size=12)
phrases = st.lists(words, min_size=1, max_size=6).map(" ".join)


def put_name(course: Path, name: str) -> None:
    """Give the fixture's person 'simonyan' an arbitrary name (a JSON string is a YAML string)."""
    facts = course / "steppe" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    assert text.count("name: Margarita Simonyan") == 1
    facts.write_text(text.replace("name: Margarita Simonyan", "name: " + json.dumps(name, ensure_ascii=False)),
                     encoding="utf-8")


def anki_fields(apkg: Path, folder: Path) -> list[str]:
    learner = Learner(folder / "anki")
    try:
        learner.import_deck(apkg, with_scheduling=False)
        return [field for note in learner.notes_by_guid().values() for field in note.fields]
    finally:
        learner.close()


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=phrases)
def test_any_printable_text_builds_and_survives(name):
    from quizgen.answers import too_long_to_recall
    from quizgen.build import build

    other_names = {"Kassym-Jomart Tokayev", "Nursultan Nazarbayev", "Vladimir Putin"}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        course = tmp / "mini"
        copy_course(MINI, course, keep_lock=False)
        put_name(course, name)
        report = build(course, tmp / "out")
        if name.casefold() not in {n.casefold() for n in other_names}:
            # a name unlike the others (digits, another script, many words) is asked as a short answer
            answers = [i.answer for i in report.items if i.fact_ids == ("simonyan",) and i.template == "person/who-was"]
            assert answers == [name]

        # The deck keeps "{{" from being read as markup with a word joiner between the braces (U+2060).
        fields = [html.unescape(re.sub(r"<[^>]+>", "", f)).replace("\u2060", "")
                  for f in anki_fields(tmp / "out" / "mini-steppe.apkg", tmp)]
        if not too_long_to_recall(name):  # a name too long to recall is asked on worksheets only
            assert any(name in f for f in fields), (name, fields)

        pdfs = sorted((tmp / "out" / "worksheets").glob("*.pdf"))
        assert pdfs
        assert any(squeeze(name) in squeeze(pdf_text(p)) for p in pdfs), name


def _check_facts_bytes(data: bytes):
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp) / "course"
        copy_course(VALID, course)
        (course / "steppe" / "facts.yaml").write_bytes(data)
        result = run_cli("check", course)
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and "Internal error" not in result.output, result.output
    return result


@pytest.mark.slow  # many examples, each a check of a course
@settings(max_examples=25, deadline=None)
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_as_facts_never_crash(data):
    _check_facts_bytes(data)


YAMLISH = st.lists(
    st.sampled_from(list("abcdefgh :-[]{}\"'!&*|>#%@,?\n\t\\") + ["  ", "facts", "id", "kind", "\ufeff", "\x07"]),
    max_size=80,
).map("".join)


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(head=st.sampled_from(["", "title: T\nfacts:\n", "title: T\nfacts:\n  - ", "title: T\nfacts:\n  - id: x\n    "]),
       body=YAMLISH)
def test_yaml_like_text_as_facts_never_crashes(head, body):
    _check_facts_bytes((head + body).encode("utf-8"))


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(value=st.text(max_size=60))
def test_any_text_in_a_field_never_crashes(value):
    facts = (VALID / "steppe" / "facts.yaml").read_text(encoding="utf-8")
    facts = facts.replace("period: the Soviet era", "period: " + json.dumps(value))
    _check_facts_bytes(facts.encode("utf-8"))


# --- YAML structure: aliases, depth, types -------------------------------------------------------

SCALARS = st.one_of(
    st.integers(-10**30, 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["true", "no", "null", "~", "''", "2022-04-28", "2022-02-30", "2022-13-01", "0000-01-01",
                     "2022-02-30 10:00:00", "0x_", "0o17", "1e999", ".nan", "-.inf", "0b2", "12:30:45",
                     "!!int abc", "!!float x", "!!timestamp 2022-02-30", "!!binary AAA", "!!set {a, b}"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12).map(json.dumps),
)


@st.composite
def yaml_documents(draw, top_keys: tuple[str, ...]) -> str:
    """A YAML mapping with chains of aliases (up to 12 levels of 12), deep nesting and values of every type."""
    lines, anchors = [], []
    for level in range(draw(st.integers(0, 12))):
        count = draw(st.integers(1, 12))
        items = [f"*a{level - 1}"] * count if level else [draw(SCALARS)]
        lines.append(f"a{level}: &a{level} [{', '.join(items)}]")
        anchors.append(f"*a{level}")
    depth = draw(st.integers(0, 80))
    lines.append(f"deep: {'[' * depth}{draw(SCALARS)}{']' * depth}")
    values = st.one_of(SCALARS, st.sampled_from(anchors or ["x"]), st.just("&self [*self]"),
                       st.lists(SCALARS, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"))
    for key in top_keys:
        if draw(st.booleans()):
            lines.append(f"{key}: {draw(values)}")
    fields = draw(st.dictionaries(st.sampled_from(["id", "kind", "name", "role", "what", "when", "tags", "source",
                                                   "period", "statement", "paragraph", "quote"]), values, max_size=7))
    lines.append("facts:")
    lines.append("  - {" + ", ".join(f"{k}: {v}" for k, v in fields.items()) + "}")
    lines.append(f"  - {draw(values)}")
    return "\n".join(lines) + "\n"


def _check_file(name: str, text: str):
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp) / "course"
        copy_course(VALID, course)
        (course / name).write_text(text, encoding="utf-8")
        result = run_cli("check", course)
    assert time.monotonic() - start < 20, "check took too long"  # an unbounded alias bomb takes minutes
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and "Internal error" not in result.output, result.output


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(text=yaml_documents(("title", "source", "skip_paragraphs")))
def test_yaml_structure_in_facts_never_crashes_or_hangs(text):
    _check_file("steppe/facts.yaml", text)


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(text=yaml_documents(("title", "slug", "units", "settings", "description", "language")))
def test_yaml_structure_in_course_never_crashes_or_hangs(text):
    _check_file("course.yaml", text)


# --- the lock file reader --------------------------------------------------------------------------

JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=True, allow_infinity=True),
              st.text(max_size=8)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=20,
)


@functools.cache
def _valid_lock_text() -> str:
    from helpers import build_deck

    return build_deck(MINI)[0].lock_text


def _valid_lock() -> dict:
    """A fresh copy of the mini course's lock, as a build writes it (built once per test run)."""
    return json.loads(_valid_lock_text())


def _mutations(lock: dict):
    """Paths to every value of a lock, so one can be replaced."""
    def walk(node, path):
        yield path
        if isinstance(node, dict):
            for key, value in node.items():
                yield from walk(value, path + (key,))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, path + (index,))
    return list(walk(lock, ()))


def _parse_or_refuse(text: str):
    from quizgen.errors import ContentError
    from quizgen.targets.anki.lock import Lock, parse_lock

    try:
        lock = parse_lock(text)
    except ContentError as exc:
        assert exc.problems and all(p.file == "quizgen.lock" for p in exc.problems)
        return None
    assert isinstance(lock, Lock)
    return lock


@pytest.mark.slow  # many examples
@settings(max_examples=200, deadline=None)
@given(value=JSON)
def test_lock_reader_never_crashes_on_any_json(value):
    _parse_or_refuse(json.dumps(value))
    _parse_or_refuse(json.dumps({"version": 1, "notes": value}))
    _parse_or_refuse(json.dumps({"version": 1, "models": {"recall": value}, "notes": {"G": value}}))


@pytest.mark.slow  # many examples
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_lock_reader_never_crashes_on_a_damaged_lock(data):
    lock = _valid_lock()
    for _ in range(data.draw(st.integers(1, 3))):
        numbers = [p for p in _mutations(lock) if p and isinstance(_get(lock, p), int)]
        if numbers and data.draw(st.booleans()):  # a number made nasty: the likeliest damage by hand
            _set(lock, data.draw(st.sampled_from(numbers)), data.draw(NASTY_NUMBERS))
        else:
            _set(lock, data.draw(st.sampled_from(_mutations(lock)[1:])), data.draw(JSON))
    _parse_or_refuse(json.dumps(lock))


NASTY_NUMBERS = st.one_of(st.sampled_from([float("inf"), float("-inf"), float("nan"), 10**30, -1, 0, True, 1.5,
                                           2**63, 2**53, "12"]), st.integers(-2**80, 2**80))


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_lock_the_reader_accepts_never_crashes_the_deck(data):
    """Whatever parse_lock lets through, render_deck can use: the check and the build agree."""
    from helpers import load, render_deck
    from quizgen.errors import ContentError

    lock, valid = _valid_lock(), _valid_lock()
    numbers = [p for p in _mutations(lock) if isinstance(_get(lock, p), int) and p]
    for path in data.draw(st.lists(st.sampled_from(numbers), min_size=1, max_size=4)):
        _set(lock, path, data.draw(st.one_of(st.integers(0, 2**53), st.sampled_from(
            [_get(valid, q) for q in numbers]))))
    text = json.dumps(lock)
    if _parse_or_refuse(text) is None:
        return
    course, items = load(MINI)
    try:
        out = render_deck(course, items, text, now=1_700_100_000)
    except ContentError:
        return
    assert _parse_or_refuse(out.lock_text) is not None


def _get(node, path):
    for key in path:
        node = node[key]
    return node


def _set(node, path, value):
    _get(node, path[:-1])[path[-1]] = value
