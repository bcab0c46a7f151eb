"""Raw layer assets: files found and recognised, then each reader's records in DuckDB.

Thin wrappers: the work is in pipeline.raw.discovery, pipeline.raw.extract_pages and
pipeline.raw.extract_export; these only move tables into the `raw` schema and describe
what landed.
"""

from __future__ import annotations

from collections import Counter

import duckdb
import pyarrow as pa
from dagster import Failure, MaterializeResult, MetadataValue, asset

from assets.resources import ReleaseSettings, RunDuckDB
from pipeline.db import scalar
from pipeline.raw.discovery import SourceFile, discover
from pipeline.raw.extract_export import export_schemas, stream_exports
from pipeline.raw.extract_pages import extract_pages
from pipeline.raw.store import append_raw, read_raw, write_raw
from pipeline.raw.tables import SCHEMAS, files_of_kind, source_files_from_arrow, source_tables

GROUP = "raw"
OWNERS = ["team:ogp-commitments"]


def _counts(tables: dict[str, pa.Table]) -> dict[str, int]:
    return {name: table.num_rows for name, table in sorted(tables.items())}


@asset(group_name=GROUP, kinds={"python", "duckdb"}, owners=OWNERS, deps=["snapshots"])
def source_files(settings: ReleaseSettings, duckdb: RunDuckDB) -> MaterializeResult:
    """Every file in the sources folders: checksum, sidecar provenance, kind by content."""
    missing = [str(d) for d in settings.source_dirs() if not d.is_dir()]
    if missing:
        raise Failure(description=f"sources folder not found: {', '.join(missing)}")
    discovery = discover(settings.source_dirs())
    tables = source_tables(discovery)
    with duckdb.get_connection() as con:
        write_raw(con, tables, prefix="discovery_")
    kinds = Counter(f.kind for f in discovery.files)
    return MaterializeResult(
        metadata={
            "files": len(discovery.files),
            "duplicates": len(discovery.duplicates),
            "by_kind": MetadataValue.json(dict(sorted(kinds.items()))),
            "rejects": tables["rejects"].num_rows,
        }
    )


def _land(duckdb: RunDuckDB, prefix: str, kinds: tuple[str, ...], extract) -> MaterializeResult:
    with duckdb.get_connection() as con:
        files = files_of_kind(source_files_from_arrow(read_raw(con, "source_files")), *kinds)
        tables = extract(files)
        write_raw(con, tables, prefix=prefix)
    counts = _counts(tables)
    return MaterializeResult(
        metadata={"files": len(files), **{f"rows_{k}": v for k, v in counts.items()}}
    )


@asset(group_name=GROUP, kinds={"python", "duckdb"}, owners=OWNERS, deps=[source_files])
def raw_pages(duckdb: RunDuckDB) -> MaterializeResult:
    """Commitment pages and member pages (HTML or text) parsed into raw.page_* tables."""
    return _land(duckdb, "page_", ("commitment_page", "member_page"), extract_pages)


_KNOWN_TITLES = """
SELECT member_id, title, commitment_id FROM raw.page_commitments
WHERE member_id IS NOT NULL AND title IS NOT NULL
UNION ALL
SELECT member_id, title, commitment_id FROM raw.member_list_entries
WHERE member_id IS NOT NULL AND title IS NOT NULL
ORDER BY ALL
"""


@asset(group_name=GROUP, kinds={"python", "duckdb"}, owners=OWNERS, deps=[raw_pages])
def raw_export(duckdb: RunDuckDB) -> MaterializeResult:
    """OGP's commitments export (CSV or XLSX) and the archival OGP Explorer export read into
    raw.export_* tables, one row per export row. Explorer rows carry no commitment ID: they
    are matched to one by plan and number, or by a title a page or member list gives.
    Rows land in batches as they are read, so memory stays flat at any export size."""
    with duckdb.get_connection() as con:
        titles = con.sql(_KNOWN_TITLES).fetchall()
        sources = source_files_from_arrow(read_raw(con, "source_files"))
        files = files_of_kind(sources, "ogp_export", "ogp_explorer")
        counts = _land_exports(con, files, titles)
    return MaterializeResult(
        metadata={"files": len(files), **{f"rows_{k}": v for k, v in counts.items()}}
    )


def _land_exports(
    con: duckdb.DuckDBPyConnection, files: list[SourceFile], titles: list[tuple[str, str, str]]
) -> dict[str, int]:
    """Empty raw.export_* tables, then every batch stream_exports reads appended to them."""
    schemas = {**export_schemas(), "rejects": SCHEMAS["rejects"]}
    write_raw(con, {name: schema.empty_table() for name, schema in schemas.items()}, "export_")
    try:
        stream_exports(files, lambda tables: append_raw(con, tables, "export_"), titles)
    except ValueError as exc:  # a file changed while it was read
        raise Failure(description=str(exc)) from exc
    tables = {name: "export_rejects" if name == "rejects" else name for name in schemas}
    return {
        name: scalar(con, f"SELECT count(*) FROM raw.{table}")
        for name, table in sorted(tables.items())
    }
