"""Writing a release's files from the core DuckDB tables: CSV and Parquet per table, the
descriptor, the data dictionary, the changelog, the quality report, the landing page and
SHA256SUMS. Same database content + version + created → byte-identical files.

Not here: where the files go and when they become visible (install.py), computing the
tables (pipeline/core/), the validation rules (pipeline/validate/).
"""

from __future__ import annotations

import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, BinaryIO

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import contract
from pipeline.core.accounting import ledger_report
from pipeline.db import first_row, scalar
from pipeline.digests import file_digest
from pipeline.release import safe_cells
from pipeline.release.changes import changes_summary, compare_releases, render_changelog
from pipeline.release.coverage import column_coverage
from pipeline.release.dictionary import render_data_dictionary
from pipeline.release.landing import render_landing_page
from pipeline.release.layout import (
    CHANGELOG,
    CHANGES,
    CHECKSUMS,
    DESCRIPTOR,
    LANDING_PAGE,
    PARQUET_DIR,
    QUALITY,
    README,
)
from pipeline.release.quality import quality_report, render_quality_json
from pipeline.release.reading import release_path

#: Parquet writer settings: fixed, so the bytes only change when the data does. zstd 6
#: writes files the size level 9 does (100,000 commitments: 133.1 against 132.2 MiB) in
#: 58% of the time (5.4 against 9.3 s); level 3, 7% larger, in 24%.
ZSTD_LEVEL = 6
ROW_GROUP_SIZE = 20_000
PARQUET_FORMAT_VERSION = "2.6"
#: CSV as the release contract promises it: RFC 4180, comma, double quotes doubled, LF
#: line ends.
CSV_OPTIONS = "FORMAT csv, HEADER, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NEW_LINE '\\n'"


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
        row_counts[name] = write_table(con, name, csv_path, folder / PARQUET_DIR, schema)
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
