"""Where a build may write: the output folder's own layout, and the paths it refuses."""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path, PurePosixPath

STATE_DIR = ".quizgen"
MANIFEST = "manifest.json"
JOURNAL = "journal.json"
FOLDER_LOCK = "build.lock"
STAGING_PREFIX = "staging-"
COURSE_TEMP_SUFFIX = ".tmp"
# The one file a build writes in the course folder: the Anki lock (targets/anki/lock.py names it too).
# A journal may name no other course file.
COURSE_LOCK = "quizgen.lock"


class OutputError(Exception):
    """The output folder cannot be written as asked."""


def safe_target(out_dir: Path, relpath: str) -> Path:
    """Return out_dir/relpath, refusing absolute paths, escapes from out_dir and quizgen's own folder."""
    rel = PurePosixPath(relpath)
    if rel.is_absolute() or "\\" in relpath or any(part in ("..", "") for part in rel.parts) or not rel.parts \
            or relpath != rel.as_posix():
        raise OutputError(f"refusing to write '{relpath}': outputs must stay inside '{out_dir}'")
    if rel.parts[0] == STATE_DIR:
        raise OutputError(f"refusing to write '{relpath}': '{STATE_DIR}' is quizgen's own folder")
    target = out_dir.joinpath(*rel.parts)
    root = out_dir.resolve()
    if root not in target.resolve().parents:
        raise OutputError(f"refusing to write '{relpath}': it resolves outside '{out_dir}'")
    return target


def check_output_dir(out_dir: Path | str, course_dir: Path | str | None = None) -> Path:
    """Refuse an empty output path, a file, and a folder that is, holds or lies inside the course folder."""
    if not str(out_dir).strip():
        raise OutputError("the output path is empty; name a folder with -o, e.g. -o dist")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise OutputError(f"output path '{out}' is a file, not a folder; choose another with -o")
    if course_dir is not None:
        try:
            real_out, real_course = out.resolve(), Path(course_dir).resolve()
        except (OSError, RuntimeError) as exc:  # a symlink loop on the way
            raise OutputError(f"cannot use output folder '{out}': {exc}") from None
        if real_out == real_course:
            how = "is the course folder"
        elif real_course in real_out.parents:
            how = "lies inside the course folder"
        elif real_out in real_course.parents:
            how = "contains the course folder"
        else:
            return out
        raise OutputError(f"output folder '{out}' {how} '{course_dir}'; outputs and course files must not mix: "
                          f"choose a folder outside the course with -o")
    return out


_COURSE_TEMP = re.compile(r"^\." + re.escape(COURSE_LOCK) + r"\.\d+-[0-9a-f]{8}" + re.escape(COURSE_TEMP_SUFFIX) + "$")


def is_course_temp(name: str) -> bool:
    # ".quizgen.lock.<pid>-<8 hex digits>.tmp": how _plan names the course lock it stages
    return bool(_COURSE_TEMP.match(name))


class RecordsRefused(OutputError):
    """quizgen's records in an output folder are not what quizgen writes there: nothing is done with them."""


def refuse_unless_plain(path: Path, kind: str, state: Path) -> bool:
    """Whether `path` exists, refusing a link, and anything but a plain file (kind "file"), a folder ("folder")
    or either ("any").

    quizgen's records are data, never instructions: a link among them could make a
    build write or delete elsewhere, so one is refused, not followed.
    """
    try:
        mode = os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):  # (a file on the way: whoever writes there says so)
        return False
    except OSError as exc:
        raise OutputError(f"cannot read '{path}': {exc.strerror or exc}") from None
    if stat.S_ISLNK(mode):
        what = "a symbolic link"
    elif kind == "folder" and not stat.S_ISDIR(mode):
        what = "not a folder"
    elif kind == "file" and not stat.S_ISREG(mode):
        what = "a folder" if stat.S_ISDIR(mode) else "not a plain file"
    elif kind == "any" and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        what = "not a plain file"
    else:
        return True
    raise RecordsRefused(
        f"'{path}' is {what}; quizgen keeps its records in '{state}' as plain files and folders, and does not "
        f"follow links there (they could make a build change files elsewhere). Nothing was changed: remove it, "
        f"or build into another folder with -o")
