"""Property-based tests: any printable text survives the build, and no input crashes the CLI.

Text is drawn from the characters the worksheet font can print (letters,
digits, punctuation and symbols of its coverage), since anything else is
refused by `check` with a message naming the character. Combining marks and
characters that Unicode normalisation would rewrite are left out: they are
legitimate input, but neither Anki nor a PDF text extractor promises to hand
them back code point for code point.
"""
from __future__ import annotations

import html
import json
import re
import tempfile
import unicodedata
from pathlib import Path

import pytest
from helpers import BROKEN, MINI, Learner, copy_course, pdf_text, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
    from quizgen.build import build

    other_names = {"Kassym-Jomart Tokayev", "Nursultan Nazarbayev", "Vladimir Putin"}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        course = tmp / "mini"
        copy_course(MINI, course, keep_lock=False)
        put_name(course, name)
        report = build(course, tmp / "out")
        if name.casefold() not in {n.casefold() for n in other_names}:
            answers = [i.answer for i in report.items if i.fact_ids == ("simonyan",) and i.type == "mcq"]
            assert answers == [name]

        fields = [html.unescape(re.sub(r"<[^>]+>", "", f)) for f in anki_fields(tmp / "out" / "mini-steppe.apkg", tmp)]
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


@settings(max_examples=25, deadline=None)
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_as_facts_never_crash(data):
    _check_facts_bytes(data)


YAMLISH = st.lists(
    st.sampled_from(list("abcdefgh :-[]{}\"'!&*|>#%@,?\n\t\\") + ["  ", "facts", "id", "kind", "\ufeff", "\x07"]),
    max_size=80,
).map("".join)


@settings(max_examples=25, deadline=None)
@given(head=st.sampled_from(["", "title: T\nfacts:\n", "title: T\nfacts:\n  - ", "title: T\nfacts:\n  - id: x\n    "]),
       body=YAMLISH)
def test_yaml_like_text_as_facts_never_crashes(head, body):
    _check_facts_bytes((head + body).encode("utf-8"))


@settings(max_examples=25, deadline=None)
@given(value=st.text(max_size=60))
def test_any_text_in_a_field_never_crashes(value):
    facts = (VALID / "steppe" / "facts.yaml").read_text(encoding="utf-8")
    facts = facts.replace("period: the Soviet era", "period: " + json.dumps(value))
    _check_facts_bytes(facts.encode("utf-8"))
