"""Publish the core DuckDB tables as a versioned, validated, atomic release folder.

A release is built in a hidden staging folder next to the releases, validated there,
and only then renamed into place; `latest`, `LATEST` and `index.json` move after it. An invalid
build or any failure on the way leaves nothing behind, and an existing version is
never modified. Same database content + version + created → byte-identical files.
Runs publishing to one releases folder take turns (publication_lock), from staging to
moving `latest`.

Not here: computing the tables (pipeline/sql), the validation rules (validate.py),
the README text (dictionary.py), Dagster wiring (assets/).
"""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import safe_cells
from pipeline import schema as contract
from pipeline.accounting import ledger_report
from pipeline.changes import changes_summary, compare_releases, render_changelog
from pipeline.coverage import column_coverage
from pipeline.db import first_row, scalar
from pipeline.dictionary import render_data_dictionary
from pipeline.landing import render_landing_page
from pipeline.locks import FolderLock, lock_folder
from pipeline.quality import quality_report, render_quality_json
from pipeline.release_index import (
    INDEX,
    QUALITY,
    build_index,
    order_key,
    previous_release,
    render_index,
)
from pipeline.release_reading import release_path
from pipeline.validate import CHECKSUMS, DESCRIPTOR, ValidationReport, file_digest, validate_release

#: Parquet writer settings: fixed, so the bytes only change when the data does. zstd 6
#: writes files the size level 9 does (100,000 commitments: 133.1 against 132.2 MiB) in
#: 58% of the time (5.4 against 9.3 s); level 3, 7% larger, in 24%.
ZSTD_LEVEL = 6
ROW_GROUP_SIZE = 20_000
PARQUET_FORMAT_VERSION = "2.6"
#: CSV as DESIGN.md promises it: RFC 4180, comma, double quotes doubled, LF line ends.
CSV_OPTIONS = "FORMAT csv, HEADER, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NEW_LINE '\\n'"
README = "README.md"
CHANGELOG = "CHANGELOG.md"
CHANGES = "changes.csv"
LANDING_PAGE = "index.html"
_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z._+-]*")
_RESERVED = {"latest", "LATEST", "index.json"}


class ReleaseInvalid(Exception):
    """The built release failed validation; nothing was published."""

    def __init__(self, report: ValidationReport) -> None:
        super().__init__("release is invalid, nothing was published:\n" + report.summary())
        self.report = report


class ReleaseExists(Exception):
    """The version is already published with different content (never overwritten)."""


@dataclass(frozen=True)
class PublishResult:
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


def publication_lock(releases_dir: Path, on_wait: Callable[[], None] | None = None) -> FolderLock:
    """The lock on a releases folder (made if new) that one publishing run holds at a
    time, from staging its release to moving `latest`: `latest`, `LATEST` and
    `index.json` then move for one release at a time, and a release's changelog is
    against the release published before it (none appears between its staging and its
    installation). `on_wait` is called when another run holds it."""
    return lock_folder(Path(releases_dir), create=True, on_wait=on_wait)


def publish_release(
    con: duckdb.DuckDBPyConnection,
    *,
    releases_dir: Path,
    version: str,
    created: str | None,
    sources: list[dict[str, Any]],
    schema: str = "core",
) -> PublishResult:
    """Build, validate and atomically publish `<releases_dir>/<version>/`.

    `sources` (JSON values: title/path, url, sha256, retrieved_at, ...) goes into the
    descriptor as given; `created` only when given, so that reruns can reproduce bytes.
    Raises ReleaseInvalid (with the report) when validation fails, ReleaseExists when
    the version exists with other content; in every failure nothing else changes.
    The Dagster graph runs the same three steps as separate nodes (stage, a blocking
    validation check, install); this is the one-call form. Both hold publication_lock
    from staging to installing.
    """
    check_version(version)  # before anything, the releases folder included, is made
    with publication_lock(releases_dir):
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


def install_release(staged: StagedRelease, releases_dir: Path) -> PublishResult:
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
    if not isinstance(version, str) or not _VERSION.fullmatch(version) or version in _RESERVED:
        raise ValueError(
            f"version {version!r} is not usable as a release folder name "
            "(letters, digits, '.', '_', '+', '-', not starting with '.', not 'latest')"
        )


def build_release(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    *,
    version: str,
    created: str | None,
    sources: list[dict[str, Any]],
    previous: Path | None = None,
    schema: str = "core",
) -> dict[str, int]:
    """Write every release file into `folder` (no validation); return row counts.

    Order matters: the tables and descriptor first, since the changelog (against the
    `previous` release folder, None for a first release), the quality report and the
    landing page read the release's own files; SHA256SUMS last, over all of them.
    """
    descriptor = contract.load_contract()
    row_counts: dict[str, int] = {}
    digests: dict[str, tuple[str, int]] = {}
    for resource in descriptor["resources"]:
        name = resource["name"]
        csv_path = release_path(folder, resource["path"])
        row_counts[name] = write_table(con, name, csv_path, folder / "parquet", schema)
        digests[name] = file_digest(csv_path)
    release = release_descriptor(descriptor, version, created, sources, digests)
    _write_text(folder / DESCRIPTOR, json.dumps(release, indent=2, ensure_ascii=False) + "\n")
    _write_text(folder / README, render_data_dictionary(release, row_counts))
    changes = compare_releases(previous, folder, folder / CHANGES)
    _write_text(folder / CHANGELOG, render_changelog(changes))
    change = changes_summary(changes)
    quality = quality_report(folder, change, ledger_report(con), column_coverage(con))
    _write_text(folder / QUALITY, render_quality_json(quality))
    _write_text(folder / LANDING_PAGE, render_landing_page(folder, quality, change))
    write_checksums(folder)
    return row_counts


def write_table(
    con: duckdb.DuckDBPyConnection, name: str, csv_path: Path, parquet_dir: Path, schema: str
) -> int:
    """Write one table as CSV and Parquet from one ordered read; return its row count.

    The rows come from DuckDB in batches of ROW_GROUP_SIZE: each batch is one Parquet row
    group (pyarrow) and is appended to the CSV by DuckDB's own CSV writer (COPY of the
    batch), so memory stays flat whatever the table's size. (One COPY of the whole
    table asks DuckDB's CSV writer for a buffer the size of the table's text, and fails
    under the memory limit for a large commitments table.) A batch's row group is
    compressed in a thread while the same batch is written as CSV: the ordered read
    runs on one DuckDB thread, which leaves a core to zstd; the next batch is read once
    both are done, so no more batches are held than before.
    """
    query = contract.select_for_publish(name, schema)
    csv_path.parent.mkdir(parents=True, exist_ok=True)
    parquet_dir.mkdir(parents=True, exist_ok=True)
    target = _conform(con, query, contract.arrow_schema(name))
    text = [f["name"] for f in contract.fields(name) if safe_cells.is_text(f)]
    rows = 0
    chunk = csv_path.with_name(f".{csv_path.name}.part")
    threads = scalar(con, "SELECT current_setting('threads')")
    # One thread for the ordered read: with two, DuckDB's sort of a 1,000,000-row table
    # cannot pin its blocks under a 1 GB memory limit; with one it spills and finishes.
    con.execute("SET threads = 1")
    # The ordered read and the COPYs run on cursors of their own: however the loop ends,
    # closing them leaves `con` free to restore the setting (and the error seen is the
    # one that stopped the loop).
    reading, writer = con.cursor(), con.cursor()
    try:
        reader = reading.sql(query).to_arrow_reader(ROW_GROUP_SIZE)
        with (
            csv_path.open("wb") as out,
            _parquet_writer(parquet_dir / f"{name}.parquet", target) as parquet,
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="parquet") as compress,
        ):
            for batch in reader:
                table = pa.Table.from_batches([batch])
                row_group = compress.submit(
                    parquet.write_table, table.cast(target), row_group_size=ROW_GROUP_SIZE
                )
                _append_csv(writer, _safe_for_csv(table, text), out, chunk, header=rows == 0)
                row_group.result()  # written, or its error raised, before the next batch
                rows += table.num_rows
            if rows == 0:
                _append_csv(writer, reader.schema.empty_table(), out, chunk, header=True)
    finally:
        reading.close()
        writer.close()
        chunk.unlink(missing_ok=True)
        con.execute(f"SET threads = {int(threads)}")
    return rows


def _safe_for_csv(table: pa.Table, text: list[str]) -> pa.Table:
    """The batch as the CSV file shows it: text cells a spreadsheet would run as a
    formula escaped (safe_cells); the Parquet file gets the batch unchanged."""
    for name in text:
        index = table.schema.get_field_index(name)
        table = table.set_column(index, name, safe_cells.escape_arrow(table.column(index)))
    return table


def _append_csv(
    con: duckdb.DuckDBPyConnection, table: pa.Table, out: BinaryIO, chunk: Path, header: bool
) -> None:
    """Append an Arrow table to an open CSV file as DuckDB's COPY writes it."""
    con.register("publish_batch", table)
    try:
        options = CSV_OPTIONS.replace("HEADER", f"HEADER {str(header).lower()}")
        con.execute(f"COPY publish_batch TO {contract.quote_literal(str(chunk))} ({options})")
    finally:
        con.unregister("publish_batch")
    with chunk.open("rb") as written:
        shutil.copyfileobj(written, out)


def _conform(con: duckdb.DuckDBPyConnection, query: str, target: pa.Schema) -> pa.Schema:
    """The contract's Arrow schema for the query's result.

    A required column that holds nulls is written nullable instead of crashing: the
    CSV has the same nulls, so validation reports them and the release is not published.
    """
    required = [f.name for f in target if not f.nullable]
    if not required:
        return target
    counts = ", ".join(f"count(*) - count({contract.quote_ident(n)})" for n in required)
    nulls = dict(zip(required, first_row(con, f"SELECT {counts} FROM ({query})"), strict=True))
    return pa.schema([f.with_nullable(True) if nulls.get(f.name) else f for f in target])


def _parquet_writer(path: Path, schema: pa.Schema) -> pq.ParquetWriter:
    """A Parquet writer with fixed settings (zstd, statistics, dictionary-encoded enums)."""
    enums = [f.name for f in schema if pa.types.is_dictionary(f.type)]
    return pq.ParquetWriter(
        path,
        schema,
        compression="zstd",
        compression_level=ZSTD_LEVEL,
        use_dictionary=enums or False,
        write_statistics=True,
        version=PARQUET_FORMAT_VERSION,
    )


def release_descriptor(
    descriptor: dict[str, Any],
    version: str,
    created: str | None,
    sources: list[dict[str, Any]],
    digests: dict[str, tuple[str, int]],
) -> dict[str, Any]:
    """The contract plus version, created, sources, the CSV safe-cells rule (safe_cells)
    and each CSV's bytes and hash.

    Keys keep the contract's order; the release facts go just before `resources`.
    """
    release: dict[str, Any] = {}
    for key, value in descriptor.items():
        if key == "resources":
            release["version"] = version
            if created:
                release["created"] = created
            release["sources"] = json.loads(json.dumps(sources))
            release[safe_cells.DESCRIPTOR_KEY] = dict(safe_cells.RULE)
            release["resources"] = [_with_digest(r, digests[r["name"]]) for r in value]
        else:
            release[key] = value
    return release


def _with_digest(resource: dict[str, Any], digest: tuple[str, int]) -> dict[str, Any]:
    """A resource with `bytes` and `hash` inserted before its schema."""
    hexdigest, size = digest
    result: dict[str, Any] = {}
    for key, value in resource.items():
        if key == "schema":
            result["bytes"] = size
            result["hash"] = f"sha256:{hexdigest}"
        result[key] = value
    return result


def _write_text(path: Path, text: str) -> None:
    """UTF-8 with LF line ends, whatever the platform."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def write_checksums(folder: Path) -> None:
    """SHA256SUMS: `<hex>  <path>` for every other file, sorted by path (sha256sum -c)."""
    lines = []
    for relative in _relative_files(folder):
        if relative != CHECKSUMS:
            lines.append(f"{file_digest(folder / relative)[0]}  {relative}\n")
    _write_text(folder / CHECKSUMS, "".join(lines))


def _relative_files(folder: Path) -> list[str]:
    """Every file under `folder` as a POSIX relative path, sorted."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def read_checksums(folder: Path) -> dict[str, str]:
    """Every file of a release (SHA256SUMS included) → its sha256 hex."""
    return {rel: file_digest(folder / rel)[0] for rel in _relative_files(folder)}


def _install(
    staging: Path,
    releases_dir: Path,
    version: str,
    row_counts: dict[str, int],
    files: dict[str, str],
    change: dict[str, Any],
) -> PublishResult:
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
            _fsync_dir(releases_dir)
            update_latest(releases_dir, version)
            write_index(releases_dir)
            return PublishResult(version, target, row_counts, files, False, change)
    _ensure_same(staging, target, version)
    update_latest(releases_dir, version)
    write_index(releases_dir)
    return PublishResult(version, target, row_counts, read_checksums(target), True, change)


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
    link = releases_dir / "latest"
    current = os.readlink(link) if link.is_symlink() else None
    valid = current is not None and (releases_dir / current / DESCRIPTOR).is_file()
    newer = not valid or order_key(releases_dir / str(current)) < order_key(releases_dir / version)
    newest = version if newer else str(current)
    text = releases_dir / "LATEST"
    stated = text.read_text(encoding="utf-8") if text.is_file() else None
    if newest != current or stated != newest + "\n":
        point_latest(releases_dir, newest)


def point_latest(releases_dir: Path, version: str) -> None:
    """Atomically point `latest` (relative symlink) and `LATEST` (text) at `version`."""
    link = releases_dir / _temporary_name("latest")
    os.symlink(version, link)
    try:
        os.replace(link, releases_dir / "latest")
    except OSError:
        link.unlink(missing_ok=True)
        raise
    _replace_text(releases_dir / "LATEST", version + "\n")
    _fsync_dir(releases_dir)


def write_index(releases_dir: Path) -> None:
    """Rebuild `<releases>/index.json` from the release folders (atomically replaced)."""
    link = releases_dir / "latest"
    latest = os.readlink(link) if link.is_symlink() else None
    _replace_text(releases_dir / INDEX, render_index(build_index(releases_dir, latest)))


def _replace_text(path: Path, text: str) -> None:
    """Write a small file through a temporary file and os.replace (never half-written)."""
    temp = path.with_name(_temporary_name(path.name))
    try:
        with temp.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def _temporary_name(name: str) -> str:
    """A hidden name for a file on its way to `name`, tagged for clean_leftovers."""
    return f".tmp-{os.getpid()}-{name}-{secrets.token_hex(8)}"


def _fsync_tree(folder: Path) -> None:
    """Flush every file and folder of the release to disk before it becomes visible."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    for path in [*sorted(p for p in folder.rglob("*") if p.is_dir()), folder]:
        _fsync_dir(path)


def _fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (renames, new files) to disk."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
