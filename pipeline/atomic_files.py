"""Files that appear whole or not at all: written under a hidden temporary name beside
their place, flushed to disk, then renamed over it (a rename is atomic on one file
system). The temporary name carries the writer's process id (`.tmp-<pid>-<name>-…`), so
a cleaner can tell a killed writer's leftover from a live one's
(pipeline/release/install.py, clean_leftovers); readers skip hidden files anyway.

Not here: which files are written this way (the releases folder's pointers and index,
a snapshot's bodies and history).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def temporary_name(name: str) -> str:
    """A hidden name for a file on its way to `name`, tagged with this process's id."""
    return f".tmp-{os.getpid()}-{name}-{secrets.token_hex(8)}"


def write_atomically(path: Path, data: bytes) -> None:
    """Put `data` at `path` (replacing what is there), never half-written."""
    temp = path.with_name(temporary_name(path.name))
    try:
        with temp.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (renames, new files) to disk."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
