"""Rendered files kept on disk, not in memory: staged as their task finishes, read back only when asked.

A build's files go to its staging folder as each task finishes (`Switch.stage`), so that the build never
holds more than one task's files at once. What it hands on is a `StagedFiles`: a mapping from a path in the
output folder to the file's bytes, like the dict a target renders, which knows each file's size and SHA-256
without reading it. The switch compares those with what is in place; anyone else who asks for a file's bytes
gets them read from the staging folder, or, once the switch has moved it, from the output folder.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from .disk import _read_plain, _sha256, _write_durable
from .paths import OutputError


@dataclass
class Stored:
    """One file of a build: its size and SHA-256, and where its bytes are."""

    size: int
    sha256: str
    staged: Path | None = None  # in the staging folder, until the switch moves it to `final`
    final: Path | None = None  # its place in the output folder, once the switch has put it there
    data: bytes | None = None  # a file given in memory (a target rendered in this process), kept as given

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        for path in (self.staged, self.final):
            if path is not None:
                found = _read_plain(path)
                if found is not None:
                    return found
        raise KeyError(f"'{self.final}' is no longer in the staging folder nor in the output folder")


class StagedFiles(Mapping[str, bytes]):
    """Files by their path in the output folder, their bytes read from disk when asked for."""

    def __init__(self, entries: Mapping[str, Stored] | None = None):
        self.entries: dict[str, Stored] = dict(entries or {})

    def __getitem__(self, rel: str) -> bytes:
        return self.entries[rel].read()

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"StagedFiles({sorted(self.entries)!r})"

    @classmethod
    def merge(cls, mappings: Iterable[Mapping[str, bytes]]) -> StagedFiles:
        """The files of several, a later one's file winning over an earlier's at the same path; a plain
        dict's files are kept in memory as they are."""
        merged = cls()
        for files in mappings:
            if isinstance(files, StagedFiles):
                merged.entries.update(files.entries)
            else:
                for rel, content in files.items():
                    content = bytes(content)
                    merged.entries[rel] = Stored(len(content), _sha256(content), data=content)
        return merged


@dataclass(frozen=True)
class StageIn:
    """Where a task's files go when the process that renders them writes them itself (a worker): the staging
    folder and a staged name for each of the task's paths, given out by the build's `Switch` before the task
    starts. Called on the task's output in that process, it writes each file there and returns the output
    with its files as `StagedFiles`, so that only their names, sizes and digests travel back to the build."""

    staging: Path
    names: tuple[tuple[str, str], ...]  # (path in the output folder, staged name)
    out: Path  # the output folder, for the message of a write that fails

    def __call__(self, output):
        from dataclasses import replace

        names = dict(self.names)
        entries = {}
        for rel, content in output.files.items():
            content = bytes(content)
            name = names.pop(rel, None)
            if name is None:  # a file the task did not list: kept in memory, as in-process rendering does
                entries[rel] = Stored(len(content), _sha256(content), data=content)
                continue
            path = self.staging / name
            try:
                _write_durable(path, content)
            except OSError as exc:  # a full disk, most likely: say which folder, as the build's own writes do
                raise OutputError(f"cannot write to '{self.out}': {exc.strerror or exc}") from None
            entries[rel] = Stored(len(content), _sha256(content), staged=path)
        return replace(output, files=StagedFiles(entries))
