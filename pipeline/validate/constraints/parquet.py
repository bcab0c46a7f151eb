"""The Parquet file against the CSV already loaded for the checks, by row digests.

Each loaded row carries `__hash`, DuckDB's hash of its raw cells (reading.py). The
Parquet row, written back as the CSV cells publish writes (parquet_mirror.as_csv_text,
NULL as the empty cell), must digest the same, row for row: one pass over the Parquet
file instead of a second read of the CSV. A differing digest only says where to look:
validator.py then locates the row and field with parquet_mirror.first_difference.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.contract import quote_ident, quote_literal
from pipeline.validate.constraints.reading import LoadedTable
from pipeline.validate.constraints.spec import FieldSpec
from pipeline.validate.parquet_mirror import as_csv_text


def parquet_row_cells(fields: tuple[FieldSpec, ...], safe: bool) -> str:
    """SQL list of a Parquet row's cells as the CSV holds them ('' for an empty cell): what
    `hash(...)` of the row must equal `__hash` of the CSV row over."""
    return ", ".join(
        f"coalesce({as_csv_text(f.descriptor or {'type': f.type}, quote_ident(f.name), safe)}, '')"
        for f in fields
    )


def first_differing_row(
    con: duckdb.DuckDBPyConnection, table: LoadedTable, parquet: Path, safe: bool = False
) -> int | None:
    """The first row (header = 1) whose Parquet digest differs from the CSV's, else None.

    Only for a table loaded with exactly the schema's fields (else the CSV is invalid
    and the columns do not pair); the caller checks that.
    """
    cells = parquet_row_cells(table.fields, safe)
    rows = con.execute(
        f"SELECT c.__row FROM (SELECT __row, __hash FROM {quote_ident(table.sql_name)}) AS c "
        f"POSITIONAL JOIN (SELECT hash({cells}) AS __hash "
        f"FROM read_parquet({quote_literal(str(parquet))})) AS p "
        "WHERE c.__hash IS DISTINCT FROM p.__hash LIMIT 1"
    ).fetchall()
    return int(rows[0][0]) if rows else None
