"""The one place that writes outputs: a build's files change together or not at all.

An output folder may hold other files of the user's, so it is never replaced as
a whole. quizgen keeps its own state in a hidden folder inside it:

    <out>/.quizgen/build.lock      locked while a build uses the folder; names that build
    <out>/.quizgen/manifest.json   what the last build wrote (format below)
    <out>/.quizgen/staging-<id>/   the new files of a build in progress
    <out>/.quizgen/journal.json    only while files are being switched in

A build goes through four steps:

1. Lock: take the folder's lock, then the course folder's, waiting for another
   build that holds one; complete a switch that a killed build left half done
   (its journal); remove what killed builds left behind.
2. Stage: write every new file into the staging folder, each as soon as the
   task that rendered it has finished (so a build never holds every file in
   memory); a worker process writes its task's files there itself
   (`Switch.stage_in`) and sends back only their names and digests; and
   the course's new files (the Anki lock) to temporary files beside them,
   each flushed to disk.
   Nothing the user sees has changed yet; any failure or interrupt removes the
   staged files and leaves everything as it was. The course file is written
   here, so a course folder that cannot take it fails the build before any
   output is touched.
3. Commit: write the journal, which lists every rename and removal of the
   switch, to disk in one atomic rename. From this instant the new set wins.
4. Switch: rename the course files, then every staged file, into place, remove
   the outputs of the previous build that this one no longer makes, put the
   new manifest in place, delete the journal. Interrupts (Ctrl-C, SIGTERM,
   SIGHUP) wait until the switch is done; if the process dies anyway (SIGKILL,
   power loss), the next build into the folder replays the journal first.

The manifest (`manifest.json`, version 1) is JSON:

    {"format": "quizgen-manifest", "version": 1,
     "files": {"<path inside the folder>": {"target": "anki", "size": 1234, "sha256": "<hex>",
                                            "key": "<hex>"}, ...},
     "build": {"inputs": "<hex>", "warnings": [...]}}

`key` is the key of the task that rendered the file, and `build` what the whole
build read (`incremental.py`); a later build uses them to reuse what has not
changed. A file whose new bytes equal what is already in place, as the manifest
recorded them, is left alone: its time stamp stays.

The code, one job per module: `paths.py` (the folder's layout, the paths refused),
`disk.py` (writes that survive a crash), `staged.py` (files kept in the staging
folder, read back only when asked for), `interrupts.py` (signals held while
stopping is unsafe), `manifest.py` (the manifest and the journal), `hold.py` (the
folder's and the course's locks, step 1), `recovery.py` (what killed builds left,
step 1), `switch.py` (staging, the journal and the switch, steps 2 to 4), and
`folder.py` (OutputFolder, which holds a folder for one build with the three).

A build replaces the files of the targets it builds: files the previous build's
targets wrote that this build no longer makes are removed (only while their
content is still what quizgen wrote); files of targets not built this time are
kept; files quizgen never wrote are never touched, nor replaced: one at an
output's path that the manifest does not list stops the build (unless the
caller says to replace it: `quizgen build --force`).

The folder's records are data, not instructions: the folder may come from
elsewhere. `.quizgen` and everything in it must be plain files and folders (a
link is refused, never followed), and a journal is replayed only when every
path it names is quizgen's to touch (`manifest.validate_journal`,
`recovery.check_staged`): outputs inside the folder that the manifests
list, and no course file but the course's own `quizgen.lock`.
"""
from __future__ import annotations

from .disk import CourseLock, write_files
from .folder import OutputFolder, write_outputs
from .interrupts import HungUp, Terminated
from .manifest import (
    MANIFEST_FORMAT,
    MANIFEST_VERSION,
    dump_manifest,
    read_last_build,
)
from .paths import (
    JOURNAL,
    MANIFEST,
    STATE_DIR,
    OutputError,
    check_output_dir,
    safe_target,
)

__all__ = [
    "JOURNAL",
    "MANIFEST",
    "MANIFEST_FORMAT",
    "MANIFEST_VERSION",
    "STATE_DIR",
    "CourseLock",
    "HungUp",
    "OutputError",
    "OutputFolder",
    "Terminated",
    "check_output_dir",
    "dump_manifest",
    "read_last_build",
    "safe_target",
    "write_files",
    "write_outputs",
]
