"""Course files: their names, and where they may come from (inside the course folder, never through a link
out of it)."""
from __future__ import annotations

from pathlib import Path

COURSE_FILE = "course.yaml"  # in the course folder: the course, its units and settings
FACTS_FILE = "facts.yaml"  # in each unit's folder: the unit's title, source and facts


def outside_course(path: Path | str, root: Path | str) -> str | None:
    """Why `path` may not be read as a course file, or None: a symlink loop, or a link leading outside `root`.

    A course is untrusted input: a template or style sheet that is a link to
    /etc/passwd must not end up printed in a deck or a worksheet.
    """
    path, root = Path(path), Path(root)
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        return None  # missing, or a dangling link: the caller says it is not there
    except (RuntimeError, OSError):  # RuntimeError: Python's "Symlink loop"; OSError: ELOOP
        return "is a symbolic link that loops back on itself; replace it with the file it should point to"
    try:
        real_root = root.resolve(strict=True)
    except (RuntimeError, OSError):
        return None  # the course folder itself is reported elsewhere
    if real == real_root or real_root in real.parents:
        return None
    return (f"is a symbolic link to '{real}', outside the course folder '{root}'; course files must lie inside "
            f"the course folder (copy the file in instead of linking to it)")


def decode_problem(data: bytes, error: UnicodeDecodeError) -> tuple[str, int]:
    """A message and line for bytes that are not UTF-8."""
    line = data[: error.start].count(b"\n") + 1
    hint = ""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        hint = " (it starts like UTF-16: the editor that saved it used another encoding)"
    return (f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}){hint}; save the file as "
            f"UTF-8", line)
