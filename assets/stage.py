"""Staging assets: vocabularies loaded, source values mapped and normalised, merge decided.

Each asset runs one SQL step of pipeline/sql on the shared DuckDB database.
"""

from __future__ import annotations

from dagster import MaterializeResult, MetadataValue, asset
from dagster_duckdb import DuckDBResource

from assets.raw import OWNERS, raw_export, raw_pages
from pipeline.db import scalar
from pipeline.transform import load_vocabularies, run_stage

GROUP = "stage"


def _count(duckdb: DuckDBResource, table: str) -> int:
    with duckdb.get_connection() as con:
        return scalar(con, f"SELECT count(*) FROM stage.{table}")


@asset(group_name=GROUP, kinds={"duckdb"}, owners=OWNERS)
def vocabularies(duckdb: DuckDBResource) -> MaterializeResult:
    """Ratings, placeholders, policy areas, field map and export columns from pipeline/vocab."""
    with duckdb.get_connection() as con:
        counts = load_vocabularies(con)
    return MaterializeResult(metadata={"rows": MetadataValue.json(counts)})


@asset(group_name=GROUP, kinds={"duckdb"}, owners=OWNERS, deps=[raw_pages, raw_export])
def source_values(duckdb: DuckDBResource) -> MaterializeResult:
    """Every value every raw record gives, as one long table."""
    with duckdb.get_connection() as con:
        run_stage(con, "source_values")
    return MaterializeResult(metadata={"row_count": _count(duckdb, "source_values")})


@asset(group_name=GROUP, kinds={"duckdb"}, owners=OWNERS, deps=[source_values, vocabularies])
def candidates(duckdb: DuckDBResource) -> MaterializeResult:
    """Source values mapped to release fields and canonical codes; unknown codes flagged."""
    with duckdb.get_connection() as con:
        run_stage(con, "candidates")
    return MaterializeResult(
        metadata={
            "row_count": _count(duckdb, "candidates"),
            "unknown_values": _count(duckdb, "value_rejects"),
        }
    )


@asset(group_name=GROUP, kinds={"duckdb"}, owners=OWNERS, deps=[candidates])
def choices(duckdb: DuckDBResource) -> MaterializeResult:
    """The value each field takes for each commitment, by the precedence rule."""
    with duckdb.get_connection() as con:
        run_stage(con, "choices")
    return MaterializeResult(metadata={"row_count": _count(duckdb, "choices")})


@asset(group_name=GROUP, kinds={"duckdb"}, owners=OWNERS, deps=[raw_pages, raw_export])
def record_ledger(duckdb: DuckDBResource) -> MaterializeResult:
    """Every raw record read and every reject the readers reported, for the count identity."""
    with duckdb.get_connection() as con:
        run_stage(con, "records")
    return MaterializeResult(metadata={"records": _count(duckdb, "records")})
