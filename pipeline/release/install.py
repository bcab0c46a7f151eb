"""Making a release visible: built in a hidden staging folder next to the releases,
validated there, and only then renamed into place; `latest`, `LATEST` and `index.json`
move after it. An invalid build or any failure on the way leaves nothing behind, and an
existing version is never modified. Runs making releases in one releases folder take
turns (releases_lock), from staging to moving `latest`.

Not here: the files themselves (build.py), the validation rules (pipeline/validate/),
copying a release to hosts (pipeline/publish/), Dagster wiring (assets/release.py).
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from pipeline.atomic_files import fsync_dir, temporary_name, write_atomically
from pipeline.locks import FolderLock, lock_folder
from pipeline.release.build import build_release, read_checksums
from pipeline.release.index import build_index, order_key, previous_release, render_index
from pipeline.release.layout import (
    CHECKSUMS,
    DESCRIPTOR,
    LATEST_FILE,
    LATEST_LINK,
    QUALITY,
    RELEASES_INDEX,
    RESERVED,
)
from pipeline.validate import ValidationReport, validate_release

_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z._+-]*")


class ReleaseInvalid(Exception):
    """The built release failed validation; nothing was published."""

    def __init__(self, report: ValidationReport) -> None:
        super().__init__("release is invalid, nothing was published:\n" + report.summary())
        self.report = report


class ReleaseExists(Exception):
    """The version is already published with different content (never overwritten)."""


@dataclass(frozen=True)
class InstalledRelease:
    """What was published: where, how many rows, and every file's sha256."""

    version: str
    path: Path
    row_counts: dict[str, int]
    files: dict[str, str]
    unchanged: bool
    change: dict[str, Any]  # changes_summary against the previous release


@dataclass(frozen=True)
class StagedRelease:
    """A release built and not yet visible: its hidden staging folder and what it holds."""

    version: str
    path: Path
    row_counts: dict[str, int]
    change: dict[str, Any]


def releases_lock(releases_dir: Path, on_wait: Callable[[], None] | None = None) -> FolderLock:
    """The lock on a releases folder (made if new) that one publishing run holds at a
    time, from staging its release to moving `latest`: `latest`, `LATEST` and
    `index.json` then move for one release at a time, and a release's changelog is
    against the release published before it (none appears between its staging and its
    installation). `on_wait` is called when another run holds it."""
    return lock_folder(Path(releases_dir), create=True, on_wait=on_wait)


def make_release(
    con: duckdb.DuckDBPyConnection,
    *,
    releases_dir: Path,
    version: str,
    created: str | None,
    sources: list[dict[str, Any]],
    schema: str = "core",
) -> InstalledRelease:
    """Build, validate and atomically publish `<releases_dir>/<version>/`.

    `sources` (JSON values: title/path, url, sha256, retrieved_at, ...) goes into the
    descriptor as given; `created` only when given, so that reruns can reproduce bytes.
    Raises ReleaseInvalid (with the report) when validation fails, ReleaseExists when
    the version exists with other content; in every failure nothing else changes.
    The Dagster graph runs the same three steps as separate nodes (stage, a blocking
    validation check, install); this is the one-call form. Both hold releases_lock
    from staging to installing.
    """
    check_version(version)  # before anything, the releases folder included, is made
    with releases_lock(releases_dir):
        staged = stage_release(
            con,
            releases_dir=releases_dir,
            version=version,
            created=created,
            sources=sources,
            schema=schema,
        )
        try:
            report = validate_release(staged.path)
            if not report.valid:
                raise ReleaseInvalid(report)
            return install_release(staged, Path(releases_dir))
        finally:
            discard_staged(staged.path)


def stage_release(
    con: duckdb.DuckDBPyConnection,
    *,
    releases_dir: Path,
    version: str,
    created: str | None,
    sources: list[dict[str, Any]],
    folder_name: str | None = None,
    schema: str = "core",
) -> StagedRelease:
    """Write every release file into a hidden `.staging-<version>-...` folder beside the
    releases (never visible as a release); a failure on the way removes it.

    `folder_name` fixes the staging folder's name (the Dagster graph derives it from the
    run, so its later steps find it); by default it is a fresh random one.
    """
    check_version(version)
    releases_dir = Path(releases_dir)
    releases_dir.mkdir(parents=True, exist_ok=True)
    clean_leftovers(releases_dir)
    previous = previous_release(releases_dir, version, created)
    prefix = staging_prefix(version)
    if folder_name is None:
        staging = Path(tempfile.mkdtemp(prefix=prefix, dir=releases_dir))
    else:
        staging = releases_dir / folder_name
        if not folder_name.startswith(prefix) or "/" in folder_name:
            raise ValueError(f"staging folder name {folder_name!r} is not {prefix}…")
        shutil.rmtree(staging, ignore_errors=True)  # what a crashed try of this run left
        staging.mkdir()
    try:
        staging.chmod(0o755)  # mkdtemp makes it private; a release is for everyone
        row_counts = build_release(
            con,
            staging,
            version=version,
            created=created,
            sources=sources,
            previous=previous,
            schema=schema,
        )
        change = json.loads((staging / QUALITY).read_text(encoding="utf-8"))["change"]
    except BaseException:
        discard_staged(staging)
        raise
    return StagedRelease(version, staging, row_counts, change)


def staging_prefix(version: str) -> str:
    """The start of this process's staging folder names: `.staging-<pid>-<version>-`.
    The process id tells clean_leftovers whether the folder's owner is still running."""
    return f".staging-{os.getpid()}-{version}-"


def clean_leftovers(releases_dir: Path) -> list[str]:
    """Remove what killed runs left beside the releases; the names removed.

    Staging folders and temporary files (`.staging-<pid>-…`, `.tmp-<pid>-…`) whose
    process is gone: a run killed while publishing (even by SIGKILL) leaves them, and
    they were never visible as a release. Those of running processes stay. An entry of
    either kind without a process id (an older layout) goes once an hour old.
    """
    removed = []
    for entry in sorted(releases_dir.iterdir()):
        match = _LEFTOVER.match(entry.name)
        if not match:
            continue
        pid = match.group("pid")
        if pid is None:
            if time.time() - entry.lstat().st_mtime < 3600:
                continue
        elif int(pid) == os.getpid() or _alive(int(pid)):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry.name)
    return removed


_LEFTOVER = re.compile(r"^\.(?:staging|tmp)-(?:(?P<pid>[0-9]+)-)?")


def _alive(pid: int) -> bool:
    """Whether a process with this id exists (signal 0 checks without signalling)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def install_release(staged: StagedRelease, releases_dir: Path) -> InstalledRelease:
    """Make a validated staged release visible (rename), then move `latest`/`index.json`.

    The staging folder is gone afterwards whatever happens (renamed, or removed when the
    version already exists).
    """
    try:
        files = read_checksums(staged.path)
        return _install(
            staged.path, releases_dir, staged.version, staged.row_counts, files, staged.change
        )
    finally:
        discard_staged(staged.path)


def discard_staged(staging: Path) -> None:
    """Remove a staging folder (no error if it is already gone)."""
    if staging.exists():
        shutil.rmtree(staging, ignore_errors=True)


def check_version(version: str) -> None:
    """A version is a folder name: no separators, no dot files, not `latest`."""
    if not isinstance(version, str) or not _VERSION.fullmatch(version) or version in RESERVED:
        raise ValueError(
            f"version {version!r} is not usable as a release folder name "
            "(letters, digits, '.', '_', '+', '-', not starting with '.', not 'latest')"
        )


def _install(
    staging: Path,
    releases_dir: Path,
    version: str,
    row_counts: dict[str, int],
    files: dict[str, str],
    change: dict[str, Any],
) -> InstalledRelease:
    """Rename the validated staging folder into place, then move `latest`."""
    target = releases_dir / version
    if not (target.exists() or target.is_symlink()):
        _fsync_tree(staging)
        try:
            os.rename(staging, target)
        except OSError as exc:  # someone published the same version meanwhile
            if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                raise
        else:
            fsync_dir(releases_dir)
            update_latest(releases_dir, version)
            write_index(releases_dir)
            return InstalledRelease(version, target, row_counts, files, False, change)
    _ensure_same(staging, target, version)
    update_latest(releases_dir, version)
    write_index(releases_dir)
    return InstalledRelease(version, target, row_counts, read_checksums(target), True, change)


def _ensure_same(staging: Path, target: Path, version: str) -> None:
    """Raise ReleaseExists unless the existing release has the same SHA256SUMS."""
    new = (staging / CHECKSUMS).read_text(encoding="utf-8")
    old_file = target / CHECKSUMS
    old = old_file.read_text(encoding="utf-8") if old_file.is_file() else ""
    if new == old:
        return
    changed = sorted(set(new.splitlines()) ^ set(old.splitlines()))
    paths = sorted({line.partition("  ")[2] for line in changed})
    raise ReleaseExists(
        f"release {version} already exists at {target} with different content "
        f"(differing files: {', '.join(paths) or 'SHA256SUMS missing'}); published "
        "releases are never modified: publish the new content under a new version"
    )


def update_latest(releases_dir: Path, version: str) -> None:
    """Point `latest`/`LATEST` at `version`, just installed or found there already, when
    they point nowhere, at an older release, or disagree; a newer release keeps them.

    So `latest` is the newest release (by created, then version) whichever run finished
    last; and a run killed between the rename and the move of `latest` leaves them
    behind, which the next run of the same version (unchanged bytes) puts right."""
    link = releases_dir / LATEST_LINK
    current = os.readlink(link) if link.is_symlink() else None
    valid = current is not None and (releases_dir / current / DESCRIPTOR).is_file()
    newer = not valid or order_key(releases_dir / str(current)) < order_key(releases_dir / version)
    newest = version if newer else str(current)
    text = releases_dir / LATEST_FILE
    stated = text.read_text(encoding="utf-8") if text.is_file() else None
    if newest != current or stated != newest + "\n":
        point_latest(releases_dir, newest)


def point_latest(releases_dir: Path, version: str) -> None:
    """Atomically point `latest` (relative symlink) and `LATEST` (text) at `version`."""
    link = releases_dir / temporary_name(LATEST_LINK)
    os.symlink(version, link)
    try:
        os.replace(link, releases_dir / LATEST_LINK)
    except OSError:
        link.unlink(missing_ok=True)
        raise
    write_atomically(releases_dir / LATEST_FILE, (version + "\n").encode("utf-8"))
    fsync_dir(releases_dir)


def write_index(releases_dir: Path) -> None:
    """Rebuild `<releases>/index.json` from the release folders (atomically replaced)."""
    link = releases_dir / LATEST_LINK
    latest = os.readlink(link) if link.is_symlink() else None
    index = render_index(build_index(releases_dir, latest))
    write_atomically(releases_dir / RELEASES_INDEX, index.encode("utf-8"))


def _fsync_tree(folder: Path) -> None:
    """Flush every file and folder of the release to disk before it becomes visible."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    for path in [*sorted(p for p in folder.rglob("*") if p.is_dir()), folder]:
        fsync_dir(path)
