"""Staging assets: vocabularies loaded, source values mapped and normalised, merge decided.

Each asset runs one step of pipeline/stage/steps.py (one SQL file of pipeline/stage/sql)
on the run's own DuckDB database.
"""

from __future__ import annotations

from dagster import MaterializeResult, MetadataValue, asset

from assets.raw import OWNERS, raw_export, raw_pages
from assets.resources import RunDuckDB
from pipeline.db import scalar
from pipeline.stage.personal_data import remove_personal_data
from pipeline.stage.steps import load_vocabularies, run_stage

GROUP = "stage"


def _run(duckdb: RunDuckDB, step: str, *counted: str) -> dict[str, int]:
    """Run one staging step; row counts of the tables it wrote, for the asset's metadata."""
    with duckdb.get_connection() as con:
        run_stage(con, step)
        return {table: scalar(con, f"SELECT count(*) FROM stage.{table}") for table in counted}


@asset(group_name=GROUP, kinds={"duckdb"}, owners=OWNERS)
def vocabularies(duckdb: RunDuckDB) -> MaterializeResult:
    """Ratings, placeholders, policy areas, field map and export columns from pipeline/vocab."""
    with duckdb.get_connection() as con:
        counts = load_vocabularies(con)
    return MaterializeResult(metadata={"rows": MetadataValue.json(counts)})


@asset(group_name=GROUP, kinds={"duckdb"}, owners=OWNERS, deps=[raw_pages, raw_export])
def source_values(duckdb: RunDuckDB) -> MaterializeResult:
    """Every value every raw record gives, as one long table."""
    counts = _run(duckdb, "source_values", "source_values")
    return MaterializeResult(metadata={"row_count": counts["source_values"]})


@asset(group_name=GROUP, kinds={"duckdb"}, owners=OWNERS, deps=[source_values, vocabularies])
def candidates(duckdb: RunDuckDB) -> MaterializeResult:
    """Source values mapped to release fields and canonical codes; unknown codes flagged;
    e-mail addresses and phone numbers taken out of free text (pipeline/stage/personal_data.py)."""
    with duckdb.get_connection() as con:
        run_stage(con, "candidates")
        scrubbed = remove_personal_data(con)
        counts = {
            t: scalar(con, f"SELECT count(*) FROM stage.{t}")
            for t in ("candidates", "value_rejects")
        }
    return MaterializeResult(
        metadata={
            "row_count": counts["candidates"],
            "unknown_values": counts["value_rejects"],
            "personal_data_removed": scrubbed,
        }
    )


@asset(group_name=GROUP, kinds={"duckdb"}, owners=OWNERS, deps=[candidates])
def choices(duckdb: RunDuckDB) -> MaterializeResult:
    """The value each field takes for each commitment, by the precedence rule."""
    counts = _run(duckdb, "choices", "choices")
    return MaterializeResult(metadata={"row_count": counts["choices"]})


@asset(group_name=GROUP, kinds={"duckdb"}, owners=OWNERS, deps=[raw_pages, raw_export])
def record_ledger(duckdb: RunDuckDB) -> MaterializeResult:
    """Every raw record read and every reject the readers reported, for the count identity."""
    counts = _run(duckdb, "record_ledger", "record_ledger")
    return MaterializeResult(metadata={"records": counts["record_ledger"]})
