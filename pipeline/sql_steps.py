"""SQL step files: a stage's `sql/<step>.sql`, read as package data and run in DuckDB,
a commitment-ID range at a time where the file asks for it.

Every step first re-creates the shared macros (`pipeline/macros.sql`: squash,
value_key, ...), so a step can run alone, as a re-executed Dagster step does.

Not here: which steps a stage runs and in what order (pipeline/stage/steps.py,
pipeline/core/tables.py).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources

import duckdb

# Per-commitment steps run a commitment-ID range at a time (`execute_by_key_range`):
# the SQL after this line runs once per range.
EACH_KEY_RANGE = "-- for each key range:"


@cache
def sql_text(package: str, name: str) -> str:
    """The SQL of one step, from `<package>/sql/<name>.sql` (package data)."""
    return (resources.files(package) / "sql" / f"{name}.sql").read_text(encoding="utf-8")


@cache
def _macros() -> str:
    return (resources.files("pipeline") / "macros.sql").read_text(encoding="utf-8")


def create_macros(con: duckdb.DuckDBPyConnection) -> None:
    """The schemas `stage` and `core` and the macros every step's SQL uses."""
    con.execute(_macros())


def execute_by_key_range(
    con: duckdb.DuckDBPyConnection,
    text: str,
    count_ranges: Callable[[duckdb.DuckDBPyConnection], int],
) -> None:
    """Run a step's SQL; the part after `EACH_KEY_RANGE`, if any, once per commitment-ID
    range (`count_ranges` says how many).

    A step that groups every candidate by commitment at once spills to disk once the
    candidates outgrow DuckDB's memory limit (at 1,000,000 commitments, ×14-27 the time
    for ×10 the data, and more spill than the disk had); a range at a time spills far
    less (docs/benchmarks.md). `{ranges}` stands for the count and `{range}` for the
    range's number, as in `hash(commitment_id) % {ranges} = {range}`.
    """
    if EACH_KEY_RANGE not in text:
        con.execute(text)
        return
    once, _, each = text.partition(EACH_KEY_RANGE)
    ranges = count_ranges(con)
    if once.strip():
        con.execute(once.replace("{ranges}", str(ranges)))
    for number in range(ranges):
        con.execute(each.replace("{ranges}", str(ranges)).replace("{range}", str(number)))
