"""Locks between processes: an exclusive flock(2) held on a folder itself.

Two runs (a schedule, a sensor, a person) may start at once; what they share must be
changed by one of them at a time. A lock on the folder needs no lock file (so nothing
is left beside the releases), and the kernel drops it when its holder dies, even by
SIGKILL, so a killed run never leaves a lock behind that someone must remove by hand.

A folder may be removed while a process waits for its lock (an old run folder pruned):
the lock then holds a folder that no longer has the name, so it is taken again on the
folder of that name, made anew when `create` is set.

Not here: what the locks protect (release/install.py, run_state.py).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from pathlib import Path


class FolderLock:
    """An exclusive lock on a folder, held until `release` (or the holder's death)."""

    def __init__(self, folder: Path, fd: int) -> None:
        self.folder = folder
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Let the folder go (closing the descriptor drops the flock); idempotent."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)

    def __enter__(self) -> FolderLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def lock_folder(
    folder: Path, *, create: bool = False, on_wait: Callable[[], None] | None = None
) -> FolderLock:
    """Wait for and take the lock on `folder` (made first when `create` is set); `on_wait`
    is called once, before waiting, when another process holds it (to say why this one
    is not moving). FileNotFoundError when the folder is gone and `create` is not set."""
    warned = False
    while True:
        if create:
            folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            if not _flock(fd, blocking=False):
                if not warned and on_wait is not None:
                    on_wait()
                warned = True
                _flock(fd, blocking=True)
            if _same_folder(fd, folder):
                return FolderLock(folder, fd)
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # removed while this process waited: lock the folder of that name now
        if not create:
            raise FileNotFoundError(f"{folder} was removed while waiting for its lock")


def try_lock_folder(folder: Path) -> FolderLock | None:
    """The lock on `folder` if no other process holds it and it exists, else None."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        return None
    try:
        if _flock(fd, blocking=False) and _same_folder(fd, folder):
            return FolderLock(folder, fd)
    except BaseException:
        os.close(fd)
        raise
    os.close(fd)
    return None


def _flock(fd: int, blocking: bool) -> bool:
    """Take the exclusive flock; False when another process holds it (non-blocking)."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


def _same_folder(fd: int, folder: Path) -> bool:
    """Whether the locked descriptor is still the folder of that name."""
    try:
        named = os.stat(folder)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino)
