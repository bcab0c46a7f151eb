"""Each run's own working state: `<work dir>/<run id>/` with its DuckDB database and spill folder.

Two runs that shared one database file interleaved their steps on it and published
each other's records. Every run now works in a folder of its own, named after the run
(the root run of a re-execution, so a run re-executed from a failed step finds the
tables its first attempt built), locked while the run uses it:

- a run that succeeds removes its folder when it ends (unless asked to keep it, to
  look inside);
- a run that fails keeps it, so that it can be re-executed from the failed step, or
  looked into; folders of failed runs older than `FAILED_KEPT_DAYS` are removed by the
  next run that starts, unless a process holds them.

Not here: the lock itself (locks.py), DuckDB settings (db.py), Dagster wiring (assets/).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from pipeline.locks import FolderLock, lock_folder, try_lock_folder

DATABASE = "commitments.duckdb"
SPILL = "spill"
#: Days a failed run's folder is kept for a re-execution or a look inside.
FAILED_KEPT_DAYS = 7.0
#: A run id as a folder name: Dagster's are UUIDs; nothing that could climb out.
_RUN_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]*")


def run_folder(work_dir: Path, run_id: str) -> Path:
    """`<work_dir>/<run_id>`: where the run's state lives (ValueError on an odd run id)."""
    if not _RUN_ID.fullmatch(run_id):
        raise ValueError(f"run id {run_id!r} is not usable as a folder name")
    return Path(work_dir) / run_id


class RunState:
    """A run's folder, locked by this process until `close`."""

    def __init__(self, folder: Path, lock: FolderLock) -> None:
        self.folder = folder
        self._lock = lock

    @property
    def database(self) -> Path:
        return self.folder / DATABASE

    @property
    def spill(self) -> Path:
        return self.folder / SPILL

    def close(self, *, remove: bool) -> None:
        """Let the folder go; `remove` deletes it first (still under the lock, so no other
        process is inside). Idempotent."""
        if not self._lock.held:
            return
        try:
            if remove:
                shutil.rmtree(self.folder, ignore_errors=True)
        finally:
            self._lock.release()


def open_run_state(
    work_dir: Path, run_id: str, on_wait: Callable[[], None] | None = None
) -> RunState:
    """The run's folder, made if new, locked (waiting, after `on_wait`, while another
    process of the same run holds it: two re-executions of one failed run at once)."""
    folder = run_folder(work_dir, run_id)
    lock = lock_folder(folder, create=True, on_wait=on_wait)
    os.utime(folder)  # its age counts from the last run that used it
    return RunState(folder, lock)


def prune_run_states(
    work_dir: Path, keep_days: float = FAILED_KEPT_DAYS, now: float | None = None
) -> list[str]:
    """Remove the folders of runs no process holds that were last used over `keep_days`
    days ago; the names removed. A folder in use is never touched: its lock is taken
    first, without waiting."""
    work_dir = Path(work_dir)
    if not work_dir.is_dir():
        return []
    cutoff = (time.time() if now is None else now) - keep_days * 86_400
    removed = []
    for folder in sorted(work_dir.iterdir()):
        if folder.is_symlink() or not folder.is_dir() or not _RUN_ID.fullmatch(folder.name):
            continue
        if folder.stat().st_mtime >= cutoff:
            continue
        lock = try_lock_folder(folder)
        if lock is None:
            continue
        with lock:
            shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder.name)
    return removed
