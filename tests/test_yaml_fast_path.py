"""The fast YAML path (libyaml's C parser) reads every course file exactly as the pure-Python loader does.

Same values, same line and column of every key and item (which every message relies on), and for a
file either refuses, the pure-Python loader's own message.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml.comments import CommentedMap, CommentedSeq

import quizgen.loader.files as files
from helpers import REPO

YAML_FILES = sorted(p for root in ("content", "tests") for p in (REPO / root).rglob("*.yaml"))


def located(data, path=()) -> list:
    """Every value of a loaded document with the line and column the loader recorded for it."""
    if isinstance(data, CommentedMap):
        out = [(path, "mapping", data.lc.line, data.lc.col)]
        for key, value in data.items():
            out += [(path + (key,), "key", tuple(data.lc.data.get(key, ())))] + located(value, path + (key,))
        return out
    if isinstance(data, CommentedSeq):
        out = [(path, "sequence", data.lc.line, data.lc.col)]
        for index, value in enumerate(data):
            out += [(path + (index,), "item", tuple(data.lc.data.get(index, ())))] + located(value, path + (index,))
        return out
    return [(path, type(data).__name__, repr(data))]


def outcome(load, text: str):
    try:
        data = load(text)
    except Exception as exc:  # noqa: BLE001 - the error itself is what is compared
        return "error", f"{type(exc).__name__}: {exc}"
    return "loaded", located(data)


def test_the_c_parser_is_installed():
    assert files._CParser is not None  # a declared dependency; without it every file takes the slow path


def test_there_are_files_to_compare():
    assert len(YAML_FILES) > 100


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_fast_and_pure_loaders_agree(path: Path):
    try:
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: refused before any YAML is read")
    fast = outcome(files.load_yaml, text)
    pure = outcome(lambda t: files.bounded_yaml("rt").load(t), text)
    assert fast == pure


def test_without_the_c_parser_the_pure_loader_reads_the_file(monkeypatch):
    text = (REPO / "content" / "course.yaml").read_text(encoding="utf-8")
    fast = located(files.load_yaml(text))
    monkeypatch.setattr(files, "_CParser", None)
    assert located(files.load_yaml(text)) == fast
