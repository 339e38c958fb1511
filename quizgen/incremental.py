"""Rebuilding only what changed: fingerprints of a build's inputs and of each rendering task.

Two levels, both recorded in the output folder's manifest (`writer/`), never
in the course folder:

- The whole build. Its fingerprint covers every file of the course folder (the
  Anki lock included), the settings given on the command line, and quizgen
  itself (its code and templates, and the versions of the libraries that shape
  the files). When it equals the last build's and every file that build wrote
  is still there, byte for byte, there is nothing to do: the build only says so
  and repeats the last build's warnings.
- Each task. A task depends on nothing but its arguments (see `Task`), so its
  key is a digest of quizgen's fingerprint, its function and its arguments: for
  a worksheet, the planned version (its items with their wrong answers, taken
  from other units too), the paper and the paths. A task whose key matches the
  one recorded for its files, whose files are still there unchanged, is not
  run again: its files are read back.

A deleted or hand-edited output no longer matches the digest the manifest keeps,
so the task that makes it runs again. `--force` skips both levels.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Mapping
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__

if TYPE_CHECKING:
    from .targets import Output, Task
    from .writer.staged import StagedFiles

# Libraries whose version can change the bytes quizgen writes.
SHAPING_LIBRARIES = ("reportlab", "genanki", "jinja2", "fontpkg-pt-sans", "fontpkg-noto-sans", "rl-accel", "anyascii",
                     "iuliia")


@lru_cache(maxsize=1)
def quizgen_fingerprint() -> str:
    """A digest of quizgen's own code and templates and of the libraries that shape its files."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"quizgen {__version__}\n".encode())
    for name in SHAPING_LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name} {version}\n".encode())
    from importlib import resources  # where generate.templates finds them, without importing the generator

    for folder in (root, Path(str(resources.files("quizgen.templates")))):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def course_digests(course_dir: Path) -> dict[str, bytes]:
    """The SHA-256 of every file of the course folder, by path inside it: all a build reads of the course."""
    digests = {}
    for path in _course_files(course_dir):
        if path.is_symlink():  # the link itself; where it leads is read, and refused, by the build
            content = b"link:" + os.readlink(path).encode()
        else:
            content = path.read_bytes()
        digests[path.relative_to(course_dir).as_posix()] = hashlib.sha256(content).digest()
    return digests


def build_fingerprint(digests: Mapping[str, bytes], settings: Mapping[str, Any],
                      replaced: Mapping[str, bytes] | None = None) -> str:
    """A digest of everything a build reads: the course folder's files (`course_digests`), the given
    settings, quizgen itself. `replaced` gives course files by path as a build leaves them (the Anki lock).
    """
    digests = {**digests, **{rel: hashlib.sha256(content).digest() for rel, content in (replaced or {}).items()}}
    digest = hashlib.sha256(quizgen_fingerprint().encode())
    digest.update(json.dumps(settings, sort_keys=True, default=list).encode())
    for rel, file_digest_ in sorted(digests.items()):
        digest.update(rel.encode() + b"\0" + file_digest_)
    return digest.hexdigest()


def _course_files(course_dir: Path) -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(course_dir):  # links to folders are not followed
        dirs.sort()
        found += [Path(folder) / name for name in sorted(files)]
        found += [Path(folder) / name for name in dirs if (Path(folder) / name).is_symlink()]
    return found


def task_key(func, args: tuple) -> str:
    """A task's key: quizgen's fingerprint, the task's function and a canonical text of its arguments."""
    digest = hashlib.sha256(quizgen_fingerprint().encode())
    digest.update(f"{func.__module__}.{func.__qualname__}\0".encode())
    for chunk in _repr_chunks(args):  # plain data: frozen dataclasses, tuples, text, numbers
        digest.update(chunk.encode())
    return digest.hexdigest()


def _repr_chunks(value) -> Iterator[str]:
    """`repr(value)` in pieces, a tuple's or a list's one element at a time: the key of a task given every sheet
    of the course never holds the text of them all at once."""
    kind = type(value)
    if kind is tuple or kind is list:
        yield "(" if kind is tuple else "["
        for index, element in enumerate(value):
            if index:
                yield ", "
            yield from _repr_chunks(element)
        yield ("," if kind is tuple and len(value) == 1 else "") + (")" if kind is tuple else "]")
    else:
        yield repr(value)


def reusable_outputs(tasks: list[Task], manifest: Mapping[str, Mapping[str, Any]],
                     out_dir: Path) -> tuple[dict[int, Output], dict[str, str]]:
    """What the last build rendered that `tasks` would render again: the outputs read back from the folder, by
    task index, where a task's key matches the one the manifest records for each of its files and those files
    are intact; and the key of every reusable task's files, for the new manifest."""
    from .targets import Output

    reused: dict[int, Output] = {}
    keys: dict[str, str] = {}
    for index, task in enumerate(tasks):
        if not task.reusable:  # its files go with state it also writes (the Anki deck and its lock)
            continue
        key = task_key(task.func, task.args if task.key_args is None else task.key_args)
        keys.update(dict.fromkeys(task.paths, key))
        entries = {path: manifest.get(path, {}) for path in task.paths}
        if any(entry.get("key") != key for entry in entries.values()):
            continue
        files = intact(out_dir, entries)
        if files is not None:
            reused[index] = Output(files)
    return reused, keys


def intact(out_dir: Path, entries: Mapping[str, Mapping[str, Any]]) -> StagedFiles | None:
    """The manifest's files, when every one is still as quizgen wrote it; else None. Their bytes are read
    from the folder again when asked for (`writer.StagedFiles`), never held all at once."""
    from .writer.staged import StagedFiles, Stored

    found = {}
    for rel, entry in entries.items():
        path = out_dir / rel
        try:
            if path.is_symlink() or not path.is_file():
                return None
            data = path.read_bytes()
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            return None
        found[rel] = Stored(len(data), entry["sha256"], final=path)
    return StagedFiles(found)
